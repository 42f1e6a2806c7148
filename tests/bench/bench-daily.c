/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The daily actions with the budget caseload (10,000 cases, 30,000
 * conversations), each done as a user does it in the real window: open a
 * case from the list, start a conversation from the case page, switch
 * views, save a case from its editor. Budget: one frame (16 ms) of
 * Peerside's own work per action. Not a test: run build-aux/bench.sh, which
 * gives it a headless session.
 *
 * Peerside's own work is the processor time Peerside spends on the action:
 * its handler, then the frame after it until the window is painted and
 * nothing is pending, less what a frame that redraws the same window
 * unchanged costs (under Xvfb the software renderer makes any frame of a
 * large window cost milliseconds, whatever changed). Wall-clock time is
 * given too, but it is not Peerside's work: it holds the wait for the
 * frame clock's next tick and for the X server, which vary from one frame
 * to the next by more than the actions cost. A conversation shows in the
 * window, over the views, as Peerside shows it. Medians of RUNS actions,
 * worst in brackets.
 *
 *   bench-daily [RUNS [CASES]]
 *
 * The test run calls it with a few runs on a small caseload, so that the
 * benchmark itself keeps working; its figures are read only from bench.sh. */

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ps-case-editor.h"
#include "ps-case-page.h"
#include "ps-conversation-page.h"
#include "ps-window-private.h"
#include "ps-test-util.h"
#include "ps-test-widgets.h"
#include "ps-window.h"

#define N_CASES  10000 /* the budget caseload */
#define MAX_RUNS 64

/* Processor time and wall-clock time, in ms. */
typedef struct
{
  double cpu;
  double wall;
} Cost;

typedef struct
{
  double handler[MAX_RUNS];        /* processor ms in the action's handler */
  double frame[MAX_RUNS];          /* processor ms of the frame after it */
  double reference[MAX_RUNS];      /* processor ms of the reference frame */
  double own[MAX_RUNS];
  double frame_wall[MAX_RUNS];     /* wall-clock ms of the frame */
  double reference_wall[MAX_RUNS]; /* wall-clock ms of the reference frame */
} Figures;

static Cost
now (void)
{
  struct timespec cpu;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  return (Cost) { cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6, g_get_monotonic_time () / 1e3 };
}

static Cost
since (Cost start)
{
  Cost end = now ();

  return (Cost) { end.cpu - start.cpu, end.wall - start.wall };
}

/* With PS_BENCH_MARKS set, when each phase begins on the monotonic clock
 * (for a profile taken with perf record -k CLOCK_MONOTONIC). */
static void
mark (const char *phase)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_getenv ("PS_BENCH_MARKS") != NULL;
  if (enabled)
    g_printerr ("mark %s %" G_GINT64_FORMAT "\n", phase, g_get_monotonic_time ());
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until @window painted a frame and nothing is pending;
 * returns what that cost since @start. */
static Cost
wait_for_paint_since (GtkWidget *window,
                      Cost       start)
{
  gboolean painted = FALSE;
  gulong id;

  gtk_widget_realize (window);
  id = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                         G_CALLBACK (after_paint_cb), &painted);
  while (!painted || g_main_context_pending (NULL))
    g_main_context_iteration (NULL, !painted);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), id);
  return since (start);
}

static Cost
wait_for_paint (GtkWidget *window)
{
  return wait_for_paint_since (window, now ());
}

static Cost
redraw (GtkWidget *window)
{
  mark ("reference");
  gtk_widget_queue_draw (window);
  return wait_for_paint (window);
}

/* What follows a frame (idles, more frames) for a tenth of a second. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 10;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
record (Figures *f,
        guint    i,
        Cost     handler,
        Cost     frame,
        Cost     reference)
{
  f->handler[i] = handler.cpu;
  f->frame[i] = frame.cpu;
  f->reference[i] = reference.cpu;
  f->own[i] = handler.cpu + MAX (0, frame.cpu - reference.cpu);
  f->frame_wall[i] = frame.wall;
  f->reference_wall[i] = reference.wall;
}

static double
worst (const double *values,
       guint         n)
{
  double max = values[0];

  for (guint i = 1; i < n; i++)
    max = MAX (max, values[i]);
  return max;
}

#define BUDGET_MS 16.0

static void
report (const char    *what,
        const Figures *f,
        guint          runs)
{
  double own = ps_test_median (f->own, runs);

  g_print ("%s: handler %.1f ms (%.1f), then a frame of %.1f ms (%.1f) against %.1f ms;"
           " Peerside's own work %.1f ms (%.1f): %s (%.0f ms);"
           " wall clock: a frame of %.1f ms against %.1f ms\n",
           what,
           ps_test_median (f->handler, runs), worst (f->handler, runs),
           ps_test_median (f->frame, runs), worst (f->frame, runs),
           ps_test_median (f->reference, runs),
           own, worst (f->own, runs),
           own <= BUDGET_MS ? "within budget" : "OVER BUDGET", BUDGET_MS,
           ps_test_median (f->frame_wall, runs), ps_test_median (f->reference_wall, runs));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("peerside-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "caseload.db", NULL);
  g_autoptr(PsClock) clock = ps_clock_new ();
  g_autoptr(PsStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PsContext) context = NULL;
  const char *views[] = { "win.show-schedule", "win.show-overview", "win.show-caseload" };
  static Figures open, start, views_f, save;
  guint runs = argc > 1 ? CLAMP (atoi (argv[1]), 1, MAX_RUNS) : 20;
  guint n_cases = argc > 2 ? CLAMP (atoi (argv[2]), 12, N_CASES) : N_CASES;
  PsCasePage *page;
  GtkWidget *window, *list_view;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();
  /* Peerside's style sheet, as its application loads it. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  /* Filled behind the store's back, then opened as Peerside opens it. */
  {
    g_autoptr(PsStore) filling = ps_store_open_with_key (path, PS_TEST_KEY, TRUE, clock, &error);

    g_assert_no_error (error);
    ps_test_fill_store (filling, n_cases);
  }
  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, clock, &error);
  g_assert_no_error (error);
  settings = g_settings_new ("io.github.peerside.Peerside");
  context = ps_context_new_for_store (clock, settings, store);
  window = g_object_new (PS_TYPE_WINDOW, "context", context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_paint (window);
  settle ();
  page = PS_CASE_PAGE (ps_test_find_type (window, PS_TYPE_CASE_PAGE));
  list_view = ps_test_find_type (window, GTK_TYPE_LIST_VIEW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))),
                    ==, n_cases);

  /* Each view once, so that switching measures switching, not making the
   * Schedule (bench-schedule measures that). */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_activate_action (window, views[i], NULL);
      wait_for_paint (window);
      settle ();
    }

  for (guint i = 0; i < runs; i++)
    {
      Cost reference = redraw (window);
      Cost t, handler;

      /* Open a case: a click on a row of the list. */
      mark ("open");
      t = now ();
      g_signal_emit_by_name (list_view, "activate", i % 12);
      handler = since (t);
      g_assert_nonnull (ps_case_page_get_case (page));
      mark ("open-frame");
      record (&open, i, handler, wait_for_paint (window), reference);
      mark ("idle");
      settle ();

      /* Save it from its editor, opened by Edit, with its contact changed. */
      {
        GtkWidget *editor, *contact;

        gtk_widget_activate_action (GTK_WIDGET (page), "case.edit", NULL);
        editor = ps_test_find_toplevel (PS_TYPE_CASE_EDITOR);
        g_assert_nonnull (editor);
        wait_for_paint (editor);
        settle ();
        contact = ps_test_find_row (editor, "C_ontact (phone, email or pager)");
        gtk_editable_set_text (GTK_EDITABLE (contact), i % 2 ? "555-0100" : "555-0101");
        reference = redraw (window);
        mark ("save");
        t = now ();
        gtk_widget_activate_action (editor, "editor.save", NULL);
        handler = since (t);
        g_assert_null (ps_test_find_toplevel (PS_TYPE_CASE_EDITOR));
        mark ("save-frame");
        record (&save, i, handler, wait_for_paint (window), reference);
        mark ("idle");
        settle ();
      }

      /* Start a conversation: it shows in the window, over the views. */
      {
        PsConversationPage *conversation;

        reference = redraw (window);
        mark ("start");
        t = now ();
        gtk_widget_activate_action (GTK_WIDGET (page), "case.start-conversation", NULL);
        handler = since (t);
        conversation = ps_window_get_conversation_page (PS_WINDOW (window));
        g_assert_nonnull (conversation);
        mark ("start-frame");
        record (&start, i, handler, wait_for_paint (window), reference);
        mark ("idle");
        settle ();
        /* Finished, as the user ends it, so that the case can be started
         * again when its row comes round. */
        gtk_widget_activate_action (GTK_WIDGET (conversation), "conversation.finish", NULL);
        g_assert_null (ps_window_get_conversation_page (PS_WINDOW (window)));
        settle ();
      }

      /* Switch views: Caseload → Schedule → Overview → Caseload. */
      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          reference = redraw (window);
          if (v == 0)
            mark ("switch");
          t = now ();
          gtk_widget_activate_action (window, views[v], NULL);
          handler = since (t);
          if (v == 0)
            {
              mark ("switch-frame");
              record (&views_f, i, handler, wait_for_paint (window), reference);
              mark ("idle");
            }
          else
            wait_for_paint (window);
          settle ();
        }
    }

  g_print ("daily actions, %u cases and %u conversations (medians of %u, worst in brackets):\n",
           n_cases, 3 * n_cases, runs);
  report ("  open a case from the list", &open, runs);
  report ("  start a conversation from the case page", &start, runs);
  report ("  switch views (Caseload to Schedule)", &views_f, runs);
  report ("  save a case from its editor", &save, runs);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  ps_remove_tree (dir);
  return 0;
}
