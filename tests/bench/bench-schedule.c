/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Opening the Schedule view on a long-used caseload: the budgets' store
 * (10,000 cases, 30,000 conversations held) plus 4,000
 * conversations planned and never held, 2,000 first contacts overdue and
 * 200 conversations to come. Measured in the real window, from showing the
 * view (win.show-schedule) to its first frame, and the resident memory that
 * adds (the larger of the figures at that frame and half a second later),
 * and what the minute timer's sorting again costs. Not a test: run
 * build-aux/bench.sh, which gives it a headless session. Each run is a fresh
 * process; the line printed has the medians.
 *
 *   bench-schedule [RUNS [CASES]]   (5 and 10,000; the agenda in proportion)
 *   bench-schedule --child DATABASE   (one run, used by the above) */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ps-schedule-view-private.h"
#include "ps-test-util.h"
#include "ps-window.h"

#define N_CASES          10000

/* At the budget's 10,000 cases: */
static guint n_cases = N_CASES;
static guint n_overdue = 4000;        /* planned, of the first cases, in 2024 */
static guint n_first_contacts = 2000; /* new cases, requested in 2024 */
static guint n_upcoming = 200;        /* over the next two weeks */

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *rss;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  rss = status != NULL ? strstr (status, "VmRSS:") : NULL;
  return rss != NULL ? strtol (rss + 6, NULL, 10) : -1L;
}

/* The budget store; with @agenda, the long agenda too. */
static void
fill (const char *path,
      gboolean    agenda)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsClock) clock = ps_clock_new ();
  g_autoptr(PsStore) store = ps_store_open_with_key (path, PS_TEST_KEY, TRUE, clock, &error);
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (clock);
  g_autoptr(sqlite3_stmt) plan = NULL;
  g_autoptr(sqlite3_stmt) add_case = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  ps_test_fill_store (store, n_cases);
  if (!agenda)
    return;

  db = ps_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "INSERT INTO conversations (case_id, starts_at, minutes, modality,"
                      " state, checklist_version) VALUES (?1, ?2, 30, 'phone', 'scheduled', 1)",
                      -1, &plan, NULL);
  for (guint i = 0; i < n_overdue + n_upcoming; i++)
    {
      g_autofree char *at = NULL;

      if (i < n_overdue)
        at = g_strdup_printf ("2024-%02u-%02uT%02u:30:00Z", 4 + i % 8, 1 + i % 28, 8 + i % 9);
      else
        {
          /* Every 100 minutes from now on: today, tomorrow, the week, later. */
          g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 100 * (int) (i - n_overdue + 1));

          at = ps_instant_to_iso (later);
        }
      sqlite3_reset (plan);
      sqlite3_bind_int64 (plan, 1, i + 1);
      sqlite3_bind_text (plan, 2, at, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (plan), ==, SQLITE_DONE);
    }
  sqlite3_prepare_v2 (db, "INSERT INTO cases (display_name, contact, modality, referral, reason,"
                      " requested_on, assigned_on, created_at) VALUES (?1, '555-0100', 'video',"
                      " 'self', 'complaint', ?2, ?2, '2024-06-01T10:00:00Z')",
                      -1, &add_case, NULL);
  for (guint i = 0; i < n_first_contacts; i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr. Bench Newcomer %u", i);
      g_autofree char *day = g_strdup_printf ("2024-%02u-%02u", 5 + i % 7, 1 + i % 28);

      sqlite3_reset (add_case);
      sqlite3_bind_text (add_case, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (add_case, 2, day, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (add_case), ==, SQLITE_DONE);
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Until the window has painted a frame, then until the main loop is idle. */
static void
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

/* What follows the first frame (idles, more frames) for half a second. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static GtkWidget *
find_schedule_view (GtkWidget *widget)
{
  if (PS_IS_SCHEDULE_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_schedule_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
run_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsClock) clock = ps_clock_new ();
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(PsContext) context = NULL;
  GtkWidget *window, *view;
  long before_kb, after_kb, settled_kb;
  gint64 start, shown, tick;

  gtk_init ();
  adw_init ();

  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, clock, &error);
  g_assert_no_error (error);
  settings = g_settings_new ("io.github.peerside.Peerside");
  context = ps_context_new_for_store (clock, settings, store);
  window = g_object_new (PS_TYPE_WINDOW, "context", context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_realize (window);
  wait_for_frame (window);
  settle ();
  wait_for_frame (window);
  before_kb = rss_kb ();

  start = g_get_monotonic_time ();
  gtk_widget_activate_action (window, "win.show-schedule", NULL);
  wait_for_frame (window);
  shown = g_get_monotonic_time ();
  after_kb = rss_kb ();
  settle ();
  settled_kb = rss_kb ();

  /* What the minute timer does while the view is shown: sort again. */
  view = find_schedule_view (window);
  g_assert_nonnull (view);
  tick = g_get_monotonic_time ();
  ps_schedule_view_tick (PS_SCHEDULE_VIEW (view));
  tick = g_get_monotonic_time () - tick;

  g_print ("peerside-bench schedule %" G_GINT64_FORMAT " us rss %ld kB settled %ld kB tick %"
           G_GINT64_FORMAT " us\n",
           shown - start, after_kb - before_kb, settled_kb - before_kb, tick);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}


typedef struct
{
  double ms[32];
  double mb[32];
  double tick_ms[32];
} Samples;

static void
run_once (const char *self,
          const char *path,
          Samples    *samples,
          guint       i)
{
  const char *child_argv[] = { self, "--child", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 us = -1, tick = -1;
  long kb = -1, settled = -1;
  const char *line;
  int status;

  g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  line = out != NULL ? strstr (out, "peerside-bench schedule ") : NULL;
  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "peerside-bench schedule %" G_GINT64_FORMAT " us rss %ld kB settled %ld kB"
                           " tick %" G_GINT64_FORMAT " us", &us, &kb, &settled, &tick), ==, 4);
  samples->ms[i] = us / 1000.0;
  samples->mb[i] = MAX (kb, settled) / 1024.0;
  samples->tick_ms[i] = tick / 1000.0;
}

static void
remove_store (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *full = NULL;
  Samples none, agenda;
  guint runs;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (argc > 2 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);

  runs = argc > 1 ? CLAMP (atoi (argv[1]), 1, 32) : 5;
  if (argc > 2)
    {
      n_cases = CLAMP (atoi (argv[2]), 50, N_CASES);
      n_overdue = n_cases * 2 / 5;
      n_first_contacts = n_cases / 5;
      n_upcoming = n_cases / 50;
    }
  dir = g_dir_make_tmp ("peerside-bench-XXXXXX", NULL);
  empty = g_build_filename (dir, "empty.db", NULL);
  full = g_build_filename (dir, "agenda.db", NULL);
  fill (empty, FALSE);
  fill (full, TRUE);

  /* Alternate, so both see the same machine. */
  for (guint i = 0; i < runs; i++)
    {
      run_once (argv[0], empty, &none, i);
      run_once (argv[0], full, &agenda, i);
    }

  g_print ("Schedule view, %u overdue conversations + %u overdue first contacts + %u to come"
           " (%u cases): first frame %.0f ms, +%.1f MB resident, minute re-sort %.1f ms;"
           " the budget store with nothing scheduled: %.0f ms, +%.1f MB (medians of %u)\n",
           n_overdue, n_first_contacts, n_upcoming, n_cases + n_first_contacts,
           ps_test_median (agenda.ms, runs), ps_test_median (agenda.mb, runs), ps_test_median (agenda.tick_ms, runs),
           ps_test_median (none.ms, runs), ps_test_median (none.mb, runs), runs);

  remove_store (empty);
  remove_store (full);
  g_rmdir (dir);
  return 0;
}
