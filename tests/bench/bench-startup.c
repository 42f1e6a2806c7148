/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Start-up and memory against a bare AdwApplicationWindow, measured in one
 * run (the budgets: first frame ≤ 1.25 × the bare window's, resident memory
 * ≤ the bare window's + 20 MB), with a caseload of 10,000 cases and 30,000
 * conversations whose key is in the session's keyring. Not a test: run
 * build-aux/bench.sh, which gives it a headless session.
 *
 *   bench-startup PEERSIDE-EXECUTABLE [RUNS [CASES]]   (10 and 10,000)
 *   bench-startup --bare          (the reference window, run by the above) */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "ps-test-util.h"

static void
bare_after_paint_cb (GdkFrameClock *clock,
                     GApplication  *app)
{
  g_autofree char *status = NULL;
  const char *rss;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  rss = status != NULL ? strstr (status, "VmRSS:") : NULL;
  g_print ("peerside-bench caseload-frame %" G_GINT64_FORMAT " us rss %ld kB\n",
           g_get_monotonic_time (), rss != NULL ? strtol (rss + 6, NULL, 10) : -1L);
  g_signal_handlers_disconnect_by_func (clock, bare_after_paint_cb, app);
  g_application_quit (app);
}

static void
bare_realize_cb (GtkWidget    *window,
                 GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bare_after_paint_cb), app);
}

static void
bare_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Bare");
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 700);
  g_signal_connect (window, "realize", G_CALLBACK (bare_realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_bare (int   argc,
          char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.peerside.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* Opens (creating it, key in the keyring) the caseload in $XDG_DATA_HOME
 * and fills it if it is empty. */
static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PsStore **store = user_data;
  g_autoptr(GError) error = NULL;

  *store = ps_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
fill_caseload (guint n_cases)
{
  g_autoptr(PsKeyVault) vault = ps_key_vault_new ();
  g_autoptr(PsClock) clock = ps_clock_new ();
  g_autoptr(PsStore) store = NULL;

  ps_store_open_async (NULL, vault, clock, NULL, opened_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (g_list_model_get_n_items (ps_store_get_cases (store)) >= n_cases)
    return;

  ps_test_fill_store (store, n_cases);
}

typedef struct
{
  double first;     /* ms from spawn to first frame */
  double ready;     /* ms from spawn to the caseload's first frame */
  long   rss_kb;
} Sample;

/* Settings where the welcome was done, as at any start but the first
 * (with the memory backend every start would be the first, and the bench
 * would measure the welcome's window on top of the caseload's). */
static char *
settings_home_new (void)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp ("peerside-bench-settings-XXXXXX", &error);
  g_autofree char *dir = NULL;
  g_autofree char *keyfile = NULL;

  g_assert_no_error (error);
  dir = g_build_filename (home, "glib-2.0", "settings", NULL);
  keyfile = g_build_filename (dir, "keyfile", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (keyfile, "[io/github/peerside/Peerside]\nwelcome-done=true\n", -1, &error);
  g_assert_no_error (error);
  return home;
}

static char *settings_home;

static Sample
run_once (const char * const *argv,
          gboolean            peerside)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_auto(GStrv) lines = NULL;
  Sample sample = { -1, -1, -1 };
  gint64 start;
  int status;

  env = g_environ_setenv (env, "PEERSIDE_BENCH", "quit", TRUE);
  if (peerside)
    {
      env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
      env = g_environ_setenv (env, "XDG_CONFIG_HOME", settings_home, TRUE);
    }
  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char what[32];
      gint64 at;
      long rss;

      if (sscanf (lines[i], "peerside-bench %31s %" G_GINT64_FORMAT " us rss %ld kB", what, &at, &rss) != 3)
        continue;
      if (g_str_equal (what, "first-frame"))
        sample.first = (at - start) / 1000.0;
      else if (g_str_equal (what, "caseload-frame"))
        {
          sample.ready = (at - start) / 1000.0;
          sample.rss_kb = rss;
        }
    }
  if (!peerside)
    sample.first = sample.ready;
  g_assert_cmpfloat (sample.ready, >, 0);
  return sample;
}


int
main (int   argc,
      char *argv[])
{
  const char *bare_argv[] = { argv[0], "--bare", NULL };
  const char *app_argv[] = { NULL, NULL };
  guint runs, n_cases;
  double bare_ms[32], first_ms[32], ready_ms[32], bare_rss[32], app_rss[32];
  double bare, first, ready;

  if (argc > 1 && g_str_equal (argv[1], "--bare"))
    return run_bare (argc, argv);
  if (argc < 2)
    {
      g_printerr ("usage: %s PEERSIDE-EXECUTABLE [RUNS [CASES]]\n", argv[0]);
      return 2;
    }

  app_argv[0] = argv[1];
  runs = argc > 2 ? CLAMP (atoi (argv[2]), 1, 32) : 10;
  n_cases = argc > 3 ? CLAMP (atoi (argv[3]), 1, 10000) : 10000;

  fill_caseload (n_cases);
  settings_home = settings_home_new ();

  /* Alternate, so both see the same machine. */
  for (guint i = 0; i < runs; i++)
    {
      Sample b = run_once (bare_argv, FALSE);
      Sample p = run_once (app_argv, TRUE);

      bare_ms[i] = b.ready;
      bare_rss[i] = b.rss_kb;
      first_ms[i] = p.first;
      ready_ms[i] = p.ready;
      app_rss[i] = p.rss_kb;
    }

  bare = ps_test_median (bare_ms, runs);
  first = ps_test_median (first_ms, runs);
  ready = ps_test_median (ready_ms, runs);
  ps_remove_tree (settings_home);
  g_clear_pointer (&settings_home, g_free);
  g_print ("runs: %u (medians)\n", runs);
  g_print ("bare AdwApplicationWindow, first frame: %.0f ms\n", bare);
  g_print ("Peerside, first frame:                  %.0f ms  (%.2f x bare; budget 1.25 x)\n",
           first, first / bare);
  g_print ("Peerside, caseload of %5u on screen:  %.0f ms  (%.2f x bare)\n", n_cases, ready,
           ready / bare);
  g_print ("resident memory: bare %.1f MB, Peerside %.1f MB  (+%.1f MB; budget +20 MB)\n",
           ps_test_median (bare_rss, runs) / 1024.0, ps_test_median (app_rss, runs) / 1024.0,
           (ps_test_median (app_rss, runs) - ps_test_median (bare_rss, runs)) / 1024.0);
  return 0;
}
