/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Filtering the caseload on one keystroke, with 10,000 cases, against the
 * budget of one frame, 16 ms. Not a test: run it by hand under a display
 * (build-aux/bench.sh does, with the default renderer and with cairo). Prints
 * the medians and the worst of 50 keystrokes.
 *
 *   bench-caseload-filter [KEYSTROKES [CASES]]   (50 and 10,000: the budget's) */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ps-case-row.h"
#include "ps-test-util.h"
#include "ps-caseload-view-private.h"
#include "ps-window.h"

#define N_CASES 10000
#define N_KEYS 50

static guint n_keys = N_KEYS;

static const char *first[] = { "Ada", "Bram", "Cora", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun" };
static const char *last[] = { "Placeholder", "Example", "Fictional", "Madeup", "Sample", "Invented",
                              "Testcase", "Dummy", "Mockford", "Notreal" };

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static double
median (double *values)
{
  return ps_test_median (values, n_keys);
}

static double
worst (double *values)
{
  double max = values[0];

  for (guint i = 1; i < n_keys; i++)
    max = MAX (max, values[i]);
  return max;
}

/* Runs the main loop until a frame is painted and nothing is pending;
 * returns the longest turn, in ms. */
static double
wait_for_paint (gboolean *painted)
{
  double longest = 0;

  while (!*painted || g_main_context_pending (NULL))
    {
      gint64 turn_start = g_get_monotonic_time ();

      g_main_context_iteration (NULL, !*painted);
      longest = MAX (longest, (g_get_monotonic_time () - turn_start) / 1000.0);
    }
  return longest;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("peerside-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "caseload.db", NULL);
  g_autoptr(PsClock) wall_clock = ps_clock_new ();
  g_autoptr(PsStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PsContext) context = NULL;
  const char *keys[] = { "a", "ad", "ada", "ada ", "ada p", "b", "br", "bra", "bram", "" };
  double handler[N_KEYS], frame[N_KEYS], own[N_KEYS], block[N_KEYS], painted_after[N_KEYS];
  double typing_handler[N_KEYS], typing_frame[N_KEYS], window_frame[N_KEYS];
  PsCaseloadView *view;
  GtkWidget *window;
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  guint n_cases = argc > 2 ? CLAMP (atoi (argv[2]), 10, N_CASES) : N_CASES;
  gint64 t0;

  n_keys = argc > 1 ? CLAMP (atoi (argv[1]), 1, N_KEYS) : N_KEYS;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();

  t0 = g_get_monotonic_time ();
  store = ps_store_open_with_key (path, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
                                  TRUE, wall_clock, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PsCaseFields) fields = ps_case_fields_new ();

    fields->modality = PS_MODALITY_PHONE;
    fields->referral = PS_REFERRAL_SELF;
    fields->reason = PS_REASON_BURNOUT;
    g_date_set_dmy (&fields->requested_on, 1, 1, 2024);
    g_date_set_dmy (&fields->assigned_on, 1, 1, 2024);
    for (guint i = 0; i < n_cases; i++)
      {
        g_autoptr(PsCase) c = NULL;

        g_free (fields->display_name);
        fields->display_name = g_strdup_printf ("Dr. %s %s %u", first[i % 10], last[(i / 10) % 10], i);
        c = ps_store_create_case (store, fields, &error);
        g_assert_no_error (error);
        /* One case in ten has a conversation in progress: its row shows Resume. */
        if (i % 10 == 0)
          {
            g_autoptr(PsConversation) started = NULL;

            started = ps_store_start_conversation (store, ps_case_get_id (c), 0, 30,
                                                   PS_MODALITY_PHONE, &error);
            g_assert_no_error (error);
          }
      }
  }
  g_print ("filled %u cases in %.1f s\n", n_cases, (g_get_monotonic_time () - t0) / 1e6);

  settings = g_settings_new ("io.github.peerside.Peerside");
  context = ps_context_new_for_store (wall_clock, settings, store);
  window = g_object_new (PS_TYPE_WINDOW, "context", context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  view = ps_window_get_caseload_view (PS_WINDOW (window));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  /* A keystroke runs the search handler, which filters all the cases and
   * re-binds the rows in place; the next frame lays out and draws them.
   * Each keystroke is paired with one that changes the entry's text but not
   * the search ("ada" then "ADA"): what typing costs any window with a
   * search entry, whatever its list does. The filter's own cost is what the
   * first costs beyond the second. */
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = keys[i % G_N_ELEMENTS (keys)];
      g_autofree char *same = key[0] != '\0' ? g_utf8_strup (key, -1) : g_strdup (" ");
      gint64 start = g_get_monotonic_time ();

      painted = FALSE;
      ps_caseload_view_set_search (view, key);
      handler[i] = (g_get_monotonic_time () - start) / 1000.0;
      frame[i] = wait_for_paint (&painted);
      painted_after[i] = (g_get_monotonic_time () - start) / 1000.0;

      painted = FALSE;
      start = g_get_monotonic_time ();
      ps_caseload_view_set_search (view, same);
      typing_handler[i] = (g_get_monotonic_time () - start) / 1000.0;
      typing_frame[i] = wait_for_paint (&painted);

      painted = FALSE;
      gtk_widget_queue_draw (window);
      window_frame[i] = wait_for_paint (&painted);

      own[i] = MAX (0, handler[i] - typing_handler[i]) + MAX (0, frame[i] - typing_frame[i]);
      block[i] = MAX (handler[i], frame[i]);
      if (g_getenv ("BENCH_VERBOSE"))
        g_print ("%-6s handler %.2f ms, frame %.2f ms; same search: %.2f ms, %.2f ms\n",
                 key, handler[i], frame[i], typing_handler[i], typing_frame[i]);
    }

  /* For comparison: GtkListView keeps up to 200 rows; making, binding and
   * measuring 200 case rows is what re-creating them would cost. */
  {
    GListModel *all = ps_store_get_cases (store);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    guint n_rows = MIN (200, n_cases);
    gint64 start = g_get_monotonic_time ();

    for (guint i = 0; i < n_rows; i++)
      {
        g_autoptr(PsCase) item = g_list_model_get_item (all, i);
        GtkWidget *row = g_object_ref_sink (ps_case_row_new ());
        int min, nat;

        ps_case_row_bind (PS_CASE_ROW (row), item, now, 2, 3, FALSE);
        gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
        gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, nat, &min, &nat, NULL, NULL);
        g_object_unref (row);
      }
    g_print ("%u case rows made, bound and measured: %.1f ms\n", n_rows,
             (g_get_monotonic_time () - start) / 1000.0);
  }
  g_print ("filter on a keystroke, %u cases (medians of %u, worst in brackets):\n"
           "  a keystroke: search handler %.2f ms (%.2f), then a frame of %.2f ms (%.2f); painted %.1f ms after\n"
           "  the entry's text changed, the search not: handler %.2f ms (%.2f), frame %.2f ms (%.2f)\n"
           "  a frame redrawing the whole window: %.2f ms (%.2f)\n"
           "  the filter's own cost (a keystroke beyond a same-search one): %.2f ms (%.2f); budget 16 ms\n"
           "  longest main-loop turn of a keystroke: %.2f ms (%.2f)\n",
           n_cases, n_keys,
           median (handler), worst (handler), median (frame), worst (frame), median (painted_after),
           median (typing_handler), worst (typing_handler), median (typing_frame), worst (typing_frame),
           median (window_frame), worst (window_frame),
           median (own), worst (own), median (block), worst (block));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}
