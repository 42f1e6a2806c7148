/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Schedule view as a supporter reads it: what is overdue, due today,
 * tomorrow, this week and later, each row's words, initials in privacy
 * mode, and what activating a row asks for. Real SQLCipher store, fake
 * clock on Monday 18 November 2024, 10:00. */

#include "config.h"

#include "ps-checklist.h"
#include "ps-export-dialog.h"
#include "ps-schedule-view-private.h"
#include "schedule-fixture.h"

typedef struct
{
  ScheduleFixture  base;
  PsScheduleView  *view;
  gint64           opened;
  PsConversation  *started;
} Fixture;

static void
open_case_cb (PsScheduleView *view,
              gint64          case_id,
              Fixture        *f)
{
  f->opened = case_id;
}

static void
start_conversation_cb (PsScheduleView *view,
                       PsConversation *conversation,
                       Fixture        *f)
{
  g_set_object (&f->started, conversation);
}

static void
show_view (Fixture *f,
           int      width)
{
  f->view = ps_schedule_view_new (f->base.tc.context);
  g_signal_connect (f->view, "open-case", G_CALLBACK (open_case_cb), f);
  g_signal_connect (f->view, "start-conversation", G_CALLBACK (start_conversation_cb), f);
  schedule_fixture_show (&f->base, GTK_WIDGET (f->view), width);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  schedule_fixture_set_up (&f->base, data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->started);
  schedule_fixture_tear_down (&f->base, data);
}

/* "Title | subtitle" of each row of @group, in order. */
static char **
group_rows (Fixture         *f,
            PsScheduleGroup  group)
{
  GtkListBox *list = ps_schedule_view_get_group_list (f->view, group);
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_ptr_array_add (rows, g_strdup_printf ("%s | %s",
                                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                            adw_action_row_get_subtitle (ADW_ACTION_ROW (row))));
  g_ptr_array_add (rows, NULL);
  return (char **) g_ptr_array_free (rows, FALSE);
}

static void
assert_rows (Fixture         *f,
             PsScheduleGroup  group,
             const char      *expected[])
{
  g_auto(GStrv) rows = group_rows (f, group);
  GtkWidget *list = GTK_WIDGET (ps_schedule_view_get_group_list (f->view, group));

  g_assert_cmpstrv (rows, expected);
  /* An empty group is not shown at all. */
  g_assert_true (gtk_widget_is_visible (list) == (expected[0] != NULL));
}

static GtkListBoxRow *
row_at (Fixture         *f,
        PsScheduleGroup  group,
        int              index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (ps_schedule_view_get_group_list (f->view, group),
                                                      index);

  g_assert_nonnull (row);
  return row;
}

/* The agenda of the fixture's Monday. */
static void
fill_week (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PsCase *ada = ps_test_add_case (f->base.tc.store, "Dr. Ada Placeholder", "2024-11-10");
  PsCase *bram = ps_test_add_case (f->base.tc.store, "Dr. Bram Example", "2024-11-10");
  PsCase *cora = ps_test_add_case (f->base.tc.store, "Dr. Cora Fictional", "2024-11-11");
  PsCase *dev = ps_test_add_case (f->base.tc.store, "Dr. Dev Madeup", "2024-11-11");
  PsCase *eli = ps_test_add_case (f->base.tc.store, "Dr. Eli Sample", "2024-11-12");
  PsCase *closed = ps_test_add_case (f->base.tc.store, "Dr. Hal Closed", "2024-11-12");
  g_autoptr(PsConversation) c1 = NULL, c2 = NULL, c3 = NULL, c4 = NULL, c5 = NULL;
  g_autoptr(PsConversation) held = NULL, cancelled = NULL, of_closed = NULL;
  GDate today;

  /* Yesterday, never held nor cancelled. */
  c1 = schedule_fixture_plan (&f->base, ada, 2024, 11, 17, 14, 30, 30, PS_MODALITY_PHONE);
  c2 = schedule_fixture_plan (&f->base, bram, 2024, 11, 18, 15, 0, 45, PS_MODALITY_VIDEO);
  c3 = schedule_fixture_plan (&f->base, cora, 2024, 11, 19, 9, 30, 15, PS_MODALITY_IN_PERSON);
  c4 = schedule_fixture_plan (&f->base, dev, 2024, 11, 21, 14, 30, 30, PS_MODALITY_PHONE);
  c5 = schedule_fixture_plan (&f->base, eli, 2024, 11, 26, 11, 0, 30, PS_MODALITY_PHONE);
  /* Neither held nor cancelled ones, nor those of a closed case, are listed. */
  held = schedule_fixture_plan (&f->base, ada, 2024, 11, 18, 8, 0, 30, PS_MODALITY_PHONE);
  g_assert_true (ps_store_set_conversation_state (f->base.tc.store, ps_conversation_get_id (held),
                                                  PS_CONVERSATION_COMPLETED, &error));
  cancelled = schedule_fixture_plan (&f->base, eli, 2024, 11, 19, 16, 0, 30, PS_MODALITY_PHONE);
  g_assert_true (ps_store_set_conversation_state (f->base.tc.store, ps_conversation_get_id (cancelled),
                                                  PS_CONVERSATION_CANCELLED, &error));
  of_closed = schedule_fixture_plan (&f->base, closed, 2024, 11, 19, 17, 0, 30, PS_MODALITY_PHONE);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, 11, 2024);
  g_assert_true (ps_store_close_case (f->base.tc.store, ps_case_get_id (closed),
                                      PS_CLOSURE_COMPLETED, &today, &error));
  g_assert_no_error (error);

  /* Awaiting first contact: due 2 days after the request, overdue after 3. */
  ps_test_add_case (f->base.tc.store, "Dr. Fay Invented", "2024-11-15");   /* due 17th: overdue */
  ps_test_add_case (f->base.tc.store, "Dr. Gus Pretend", "2024-11-16");    /* due today */
  ps_test_add_case (f->base.tc.store, "Dr. Ivy Fable", "2024-11-17");      /* due tomorrow */
  ps_test_add_case (f->base.tc.store, "Dr. Jo Notreal", "2024-11-18");     /* due Wednesday */
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  const char *overdue[] = {
    "Dr. Fay Invented | First contact overdue · due Sun 17 Nov",
    "Dr. Ada Placeholder | Sun 17 Nov, 14:30 · 30 min · Phone · not held",
    NULL };
  const char *today[] = {
    "Dr. Gus Pretend | First contact due today",
    "Dr. Bram Example | 15:00 · 45 min · Video",
    NULL };
  const char *tomorrow[] = {
    "Dr. Ivy Fable | First contact due tomorrow",
    "Dr. Cora Fictional | 09:30 · 15 min · In person",
    NULL };
  const char *this_week[] = {
    "Dr. Jo Notreal | First contact due Wed 20 Nov",
    "Dr. Dev Madeup | Thu 14:30 · 30 min · Phone",
    NULL };
  const char *later[] = {
    "Dr. Eli Sample | Tue 26 Nov, 11:00 · 30 min · Phone",
    NULL };

  show_view (f, 1000);
  g_assert_cmpstr (ps_schedule_view_get_visible_page (f->view), ==, "empty");

  fill_week (f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->base.window));
  g_assert_cmpstr (ps_schedule_view_get_visible_page (f->view), ==, "agenda");
  assert_rows (f, PS_SCHEDULE_GROUP_OVERDUE, overdue);
  assert_rows (f, PS_SCHEDULE_GROUP_TODAY, today);
  assert_rows (f, PS_SCHEDULE_GROUP_TOMORROW, tomorrow);
  assert_rows (f, PS_SCHEDULE_GROUP_THIS_WEEK, this_week);
  assert_rows (f, PS_SCHEDULE_GROUP_LATER, later);
  g_assert_cmpuint (g_list_model_get_n_items (ps_schedule_view_get_entries (f->view)), ==, 9);

  /* The row speaks who and when. */
  gtk_test_accessible_assert_property (row_at (f, PS_SCHEDULE_GROUP_TODAY, 1),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Dr. Bram Example");
  gtk_test_accessible_assert_property (row_at (f, PS_SCHEDULE_GROUP_TODAY, 1),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "15:00 · 45 min · Video");

  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-1000.png");
}

/* A conversation held with the case's colleague, with its answer to the
 * safety question. */
static void
hold (Fixture *f,
      PsCase  *kase,
      int      day,
      gboolean concern)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) at = g_date_time_new (tz, 2024, 11, day, 9, 0, 0);
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(GError) error = NULL;
  const char *steps[] = { PS_CHECKLIST_SAFETY_STEP, NULL };

  held = ps_store_add_held_conversation (f->base.tc.store, ps_case_get_id (kase), at, 30,
                                         PS_MODALITY_PHONE, steps, concern, &error);
  g_assert_no_error (error);
}

/* A safety concern is on the agenda: its follow-up, by its day, while
 * nothing is planned (overdue once past), and the planned follow-up says
 * what it follows; once a conversation raises none, neither shows. */
static void
test_safety (Fixture       *f,
             gconstpointer  data)
{
  PsCase *kim = ps_test_add_case (f->base.tc.store, "Dr. Kim Concern", "2024-11-10");
  PsCase *lou = ps_test_add_case (f->base.tc.store, "Dr. Lou Flagged", "2024-11-10");
  PsCase *max = ps_test_add_case (f->base.tc.store, "Dr. Max Late", "2024-11-10");
  g_autoptr(PsConversation) planned = NULL;
  const char *overdue[] = {
    "Dr. Max Late | ⚠ Safety follow-up overdue · due Sat 16 Nov",
    NULL };
  const char *today[] = {
    "Dr. Kim Concern | ⚠ Safety follow-up due today",
    NULL };
  const char *this_week[] = {
    "Dr. Lou Flagged | ⚠ Safety concern · Wed 10:00 · 30 min · Phone",
    NULL };
  const char *none[] = { NULL };

  hold (f, kim, 16, TRUE);   /* Saturday: follow up by Monday, today */
  hold (f, lou, 17, TRUE);
  planned = schedule_fixture_plan (&f->base, lou, 2024, 11, 20, 10, 0, 30, PS_MODALITY_PHONE);
  hold (f, max, 14, TRUE);   /* Thursday: by Saturday, past */
  show_view (f, 1000);

  assert_rows (f, PS_SCHEDULE_GROUP_OVERDUE, overdue);
  assert_rows (f, PS_SCHEDULE_GROUP_TODAY, today);
  assert_rows (f, PS_SCHEDULE_GROUP_THIS_WEEK, this_week);
  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-safety.png");

  /* The follow-up held, without concern: off the agenda. */
  hold (f, kim, 18, FALSE);
  ps_test_iterate (100);
  assert_rows (f, PS_SCHEDULE_GROUP_TODAY, none);
}

/* The next day, from the clock's own signal: tomorrow is today. */
static void
test_follows_clock (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) tuesday = g_date_time_new (tz, 2024, 11, 19, 8, 0, 0);
  const char *today[] = {
    "Dr. Ivy Fable | First contact due today",
    "Dr. Cora Fictional | 09:30 · 15 min · In person",
    NULL };
  const char *tomorrow[] = {
    "Dr. Jo Notreal | First contact due tomorrow",
    NULL };

  show_view (f, 1000);
  fill_week (f);
  ps_clock_set_now (f->base.tc.clock, tuesday);
  assert_rows (f, PS_SCHEDULE_GROUP_TODAY, today);
  assert_rows (f, PS_SCHEDULE_GROUP_TOMORROW, tomorrow);

  /* Settings count too: with a week to make first contact, nothing is overdue
   * but Ada's conversation. */
  g_settings_set_int (f->base.tc.settings, "first-contact-due-days", 7);
  g_settings_set_int (f->base.tc.settings, "first-contact-overdue-days", 7);
  {
    g_auto(GStrv) overdue = group_rows (f, PS_SCHEDULE_GROUP_OVERDUE);

    g_assert_cmpuint (g_strv_length (overdue), ==, 2);   /* Ada's and Bram's conversations */
    g_assert_true (g_str_has_prefix (overdue[0], "Dr. Ada Placeholder | "));
    g_assert_true (g_str_has_prefix (overdue[1], "Dr. Bram Example | "));
  }
}

static void
test_privacy_mode (Fixture       *f,
                   gconstpointer  data)
{
  const char *later[] = { "E. S. | Tue 26 Nov, 11:00 · 30 min · Phone", NULL };

  show_view (f, 1000);
  fill_week (f);
  g_settings_set_boolean (f->base.tc.settings, "privacy-mode", TRUE);
  assert_rows (f, PS_SCHEDULE_GROUP_LATER, later);
  gtk_test_accessible_assert_property (row_at (f, PS_SCHEDULE_GROUP_OVERDUE, 0),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "F. I.");
  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-privacy.png");
}

static void
test_activate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) soon = g_date_time_new (tz, 2024, 11, 18, 14, 52, 0);
  PsCase *bram;

  show_view (f, 1000);
  fill_week (f);

  /* A conversation later today opens its case. */
  gtk_widget_activate (GTK_WIDGET (row_at (f, PS_SCHEDULE_GROUP_TODAY, 1)));
  bram = ps_store_lookup_case (f->base.tc.store, f->opened);
  g_assert_nonnull (bram);
  g_assert_cmpstr (ps_case_get_display_name (bram), ==, "Dr. Bram Example");
  g_assert_null (f->started);

  /* A first-contact deadline opens its case. */
  f->opened = 0;
  gtk_widget_activate (GTK_WIDGET (row_at (f, PS_SCHEDULE_GROUP_OVERDUE, 0)));
  g_assert_cmpstr (ps_case_get_display_name (ps_store_lookup_case (f->base.tc.store, f->opened)), ==,
                   "Dr. Fay Invented");

  /* Eight minutes before it, the conversation starts instead: it says
   * "soon", as it is not yet its time, and "starting now" at 15:00. */
  f->opened = 0;
  ps_clock_set_now (f->base.tc.clock, soon);
  {
    g_auto(GStrv) today = group_rows (f, PS_SCHEDULE_GROUP_TODAY);

    g_assert_cmpstr (today[1], ==, "Dr. Bram Example | 15:00 · 45 min · Video · starting soon");
  }
  ps_clock_advance (f->base.tc.clock, 8 * G_TIME_SPAN_MINUTE);
  {
    g_auto(GStrv) today = group_rows (f, PS_SCHEDULE_GROUP_TODAY);

    g_assert_cmpstr (today[1], ==, "Dr. Bram Example | 15:00 · 45 min · Video · starting now");
  }
  gtk_widget_activate (GTK_WIDGET (row_at (f, PS_SCHEDULE_GROUP_TODAY, 1)));
  g_assert_nonnull (f->started);
  g_assert_cmpint (ps_conversation_get_case_id (f->started), ==, ps_case_get_id (bram));
  g_assert_cmpint (f->opened, ==, 0);
}

/* Changes made elsewhere show without asking; the minute timer alone does
 * not rebuild rows that did not change (focus stays where it was). */
static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PsConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  PsCase *ada;

  show_view (f, 1000);
  ada = ps_test_add_case (f->base.tc.store, "Dr. Ada Placeholder", "2024-11-17");
  conversation = schedule_fixture_plan (&f->base, ada, 2024, 11, 18, 16, 0, 30, PS_MODALITY_PHONE);
  row = row_at (f, PS_SCHEDULE_GROUP_TODAY, 0);
  ps_schedule_view_tick (f->view);
  g_assert_true (row == row_at (f, PS_SCHEDULE_GROUP_TODAY, 0));

  g_assert_true (ps_store_set_conversation_state (f->base.tc.store, ps_conversation_get_id (conversation),
                                                  PS_CONVERSATION_CANCELLED, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ps_schedule_view_get_visible_page (f->view), ==, "empty");

  /* Nothing keeps the view alive once its window is gone. */
  g_object_ref (f->view);
  gtk_window_destroy (f->base.window);
  f->base.window = NULL;
  g_assert_finalize_object (f->view);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  show_view (f, 360);
  fill_week (f);
  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-360.png");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->base.window)), <=, 400);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *export = NULL;

  show_view (f, 1000);
  g_assert_cmpstr (ps_schedule_view_get_visible_page (f->view), ==, "empty");
  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-empty.png");

  /* The header's export button opens the export dialog over the window. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "schedule.export", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PS_IS_EXPORT_DIALOG (window))
        export = GTK_WINDOW (window);
    }
  g_assert_nonnull (export);
  g_assert_true (gtk_window_get_transient_for (export) == f->base.window);
  gtk_window_destroy (export);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

#define ADD(path, fn) g_test_add ("/schedule/view/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("groups", test_groups);
  ADD ("follows-clock", test_follows_clock);
  ADD ("privacy-mode", test_privacy_mode);
  ADD ("activate", test_activate);
  ADD ("refresh", test_refresh);
  ADD ("narrow", test_narrow);
  ADD ("empty", test_empty);
  ADD ("safety", test_safety);
#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
