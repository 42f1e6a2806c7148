/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Schedule view of a long-used caseload, as a supporter sees it: 500
 * entries overdue and 30 today still leave every group on the first screen,
 * each long group says how many it holds, and every entry — the last
 * overdue one too — can be reached from the keyboard (real key presses sent
 * to the X server with xdotool) and opens its case. Real SQLCipher store,
 * fake clock on Monday 18 November 2024, 10:00. */

#include "config.h"

#include <gdk/x11/gdkx.h>

#include "ps-schedule-view-private.h"
#include "schedule-fixture.h"
#include "ps-test-widgets.h"

#define N_OVERDUE_CONVERSATIONS 300
#define N_OVERDUE_FIRST_CONTACTS 200
#define N_OVERDUE (N_OVERDUE_CONVERSATIONS + N_OVERDUE_FIRST_CONTACTS)
#define N_TODAY 30

typedef struct
{
  ScheduleFixture  base;
  PsScheduleView  *view;
  gint64           opened;
} Fixture;

static void
open_case_cb (PsScheduleView *view,
              gint64          case_id,
              Fixture        *f)
{
  f->opened = case_id;
}

/* 300 conversations planned in the first half of November (one in last
 * December) and never held,
 * 200 colleagues still waiting for a first contact since then, 30
 * conversations later today, and a few for the days to come. */
static void
fill_long (Fixture *f)
{
  PsCase *kase;

  for (guint i = 0; i < N_OVERDUE_CONVERSATIONS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr. Planned Example %03u", i);
      g_autoptr(PsConversation) conversation = NULL;

      kase = ps_test_add_case (f->base.tc.store, name, "2024-11-01");
      /* The oldest is from last year. */
      if (i == 0)
        conversation = schedule_fixture_plan (&f->base, kase, 2023, 12, 4, 9, 0, 30, PS_MODALITY_VIDEO);
      else
        conversation = schedule_fixture_plan (&f->base, kase, 2024, 11, 1 + i % 16, 8 + i % 8, 0, 30,
                                              PS_MODALITY_VIDEO);
    }
  for (guint i = 0; i < N_OVERDUE_FIRST_CONTACTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr. Waiting Example %03u", i);
      /* Requested by the 15th: due by the 17th, overdue on the 18th. */
      g_autofree char *on = g_strdup_printf ("2024-11-%02u", 1 + i % 15);

      ps_test_add_case (f->base.tc.store, name, on);
    }
  for (guint i = 0; i < N_TODAY; i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr. Today Example %02u", i);
      g_autoptr(PsConversation) conversation = NULL;

      kase = ps_test_add_case (f->base.tc.store, name, "2024-11-16");
      conversation = schedule_fixture_plan (&f->base, kase, 2024, 11, 18, 10 + (30 + 20 * i) / 60,
                                            (30 + 20 * i) % 60, 15, PS_MODALITY_PHONE);
    }
  {
    g_autoptr(PsConversation) c1 = NULL, c2 = NULL, c3 = NULL;

    kase = ps_test_add_case (f->base.tc.store, "Dr. Tomorrow Example", "2024-11-16");
    c1 = schedule_fixture_plan (&f->base, kase, 2024, 11, 19, 9, 30, 30, PS_MODALITY_IN_PERSON);
    kase = ps_test_add_case (f->base.tc.store, "Dr. Thursday Example", "2024-11-16");
    c2 = schedule_fixture_plan (&f->base, kase, 2024, 11, 21, 14, 0, 30, PS_MODALITY_PHONE);
    kase = ps_test_add_case (f->base.tc.store, "Dr. December Example", "2024-11-16");
    c3 = schedule_fixture_plan (&f->base, kase, 2024, 12, 2, 11, 0, 45, PS_MODALITY_VIDEO);
  }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  schedule_fixture_set_up (&f->base, data);
  fill_long (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  schedule_fixture_tear_down (&f->base, data);
}

static void
show_view (Fixture *f,
           int      width)
{
  f->view = ps_schedule_view_new (f->base.tc.context);
  g_signal_connect (f->view, "open-case", G_CALLBACK (open_case_cb), f);
  schedule_fixture_show (&f->base, GTK_WIDGET (f->view), width);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static GtkListBoxRow *
last_row (Fixture         *f,
          PsScheduleGroup  group)
{
  GtkListBox *list = ps_schedule_view_get_group_list (f->view, group);

  return gtk_list_box_get_row_at_index (list, n_rows (list) - 1);
}

/* The text of the first label under @widget that is not dimmed: a row's title. */
static const char *
row_title (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title"))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = row_title (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
entry_name (GObject *item,
            PsStore *store)
{
  PsCase *kase = PS_IS_CASE (item) ? PS_CASE (item)
                                   : ps_store_lookup_case (store, ps_conversation_get_case_id (PS_CONVERSATION (item)));

  return g_strdup (ps_case_get_display_name (kase));
}

static gint64
entry_case_id (GObject *item)
{
  return PS_IS_CASE (item) ? ps_case_get_id (PS_CASE (item))
                           : ps_conversation_get_case_id (PS_CONVERSATION (item));
}

/* Every group is on the first screen; the long ones show their first
 * entries and how many they hold in all. */
static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  struct { PsScheduleGroup group; guint rows; const char *count; } expected[] = {
    { PS_SCHEDULE_GROUP_OVERDUE,   5 + 1,  "500 entries" },
    { PS_SCHEDULE_GROUP_TODAY,     10 + 1, "30 entries" },
    { PS_SCHEDULE_GROUP_TOMORROW,  1,      NULL },
    { PS_SCHEDULE_GROUP_THIS_WEEK, 1,      NULL },
    { PS_SCHEDULE_GROUP_LATER,     1,      NULL },
  };
  GtkListBox *overdue;
  GtkWidget *today;
  graphene_rect_t bounds;

  show_view (f, 1000);
  g_assert_cmpstr (ps_schedule_view_get_visible_page (f->view), ==, "agenda");
  g_assert_cmpuint (g_list_model_get_n_items (ps_schedule_view_get_entries (f->view)), ==,
                    N_OVERDUE + N_TODAY + 3);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkListBox *list = ps_schedule_view_get_group_list (f->view, expected[i].group);
      GtkListBoxRow *row = last_row (f, expected[i].group);

      g_assert_true (gtk_widget_is_visible (GTK_WIDGET (list)));
      g_assert_cmpuint (n_rows (list), ==, expected[i].rows);
      if (expected[i].count != NULL)
        {
          g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Show All");
          gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, "Show All");
          gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                               expected[i].count);
        }
      else
        g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), !=, "Show All");
    }

  /* The oldest first, as in a short agenda. */
  overdue = ps_schedule_view_get_group_list (f->view, PS_SCHEDULE_GROUP_OVERDUE);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (overdue, 0))),
                   ==, "Dr. Planned Example 000");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (overdue, 0))),
                   ==, "Mon 4 Dec 2023, 09:00 · 30 min · Video · not held");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (overdue, 1))),
                   ==, "Fri 1 Nov, 08:00 · 30 min · Video · not held");

  /* The backlog leaves today's first entries on the first screen. */
  today = GTK_WIDGET (gtk_list_box_get_row_at_index (ps_schedule_view_get_group_list (f->view, PS_SCHEDULE_GROUP_TODAY), 2));
  g_assert_true (gtk_widget_compute_bounds (today, GTK_WIDGET (f->base.window), &bounds));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <, 800);
  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-long-1000.png");

  show_view (f, 360);
  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-long-360.png");
  gtk_widget_activate (GTK_WIDGET (last_row (f, PS_SCHEDULE_GROUP_OVERDUE)));
  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-long-360-overdue.png");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->base.window)), <=, 400);
}

/* Show All, then the keyboard alone: End reaches the last overdue entry,
 * Return opens its case, Alt+Left goes back to the agenda. */
static void
test_reach_all (Fixture       *f,
                gconstpointer  data)
{
  GListModel *entries;
  g_autoptr(GObject) last = NULL;
  g_autofree char *last_name = NULL;
  AdwWindowTitle *title;
  GtkListView *list;
  GtkWidget *focus;
  GtkListBoxRow *show_all;
  graphene_rect_t bounds;

  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  if (xdotool_path == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("real key presses need xdotool and an X server");
      return;
    }

  show_view (f, 1000);
  ps_test_focus_window (f->base.window);
  show_all = last_row (f, PS_SCHEDULE_GROUP_OVERDUE);
  gtk_widget_grab_focus (GTK_WIDGET (show_all));
  ps_test_xdotool ("key", "Return", NULL);

  g_assert_cmpstr (ps_schedule_view_get_visible_page (f->view), ==, "group");
  title = ADW_WINDOW_TITLE (ps_test_find_type (GTK_WIDGET (f->view), ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Overdue");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "500 entries");
  /* Its own way back. */
  g_assert_true (gtk_widget_get_visible (ps_test_find_widget (GTK_WIDGET (f->view), ps_test_has_action, "schedule.back")));
  list = ps_schedule_view_get_group_page_list (f->view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==, N_OVERDUE);
  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-long-overdue.png");

  /* The last overdue entry of the agenda is the last one listed. */
  entries = ps_schedule_view_get_entries (f->view);
  last = g_list_model_get_item (entries, N_OVERDUE - 1);
  last_name = entry_name (last, f->base.tc.store);

  ps_test_xdotool ("key", "End", NULL);
  focus = gtk_window_get_focus (f->base.window);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (list)));
  g_assert_cmpstr (row_title (focus), ==, last_name);
  /* What has the focus is what a screen reader names. */
  gtk_test_accessible_assert_property (focus, GTK_ACCESSIBLE_PROPERTY_LABEL, last_name);
  /* …and it is on screen, not only focused. */
  g_assert_true (gtk_widget_compute_bounds (focus, GTK_WIDGET (f->base.window), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (f->base.window)));
  ps_test_screenshot (GTK_WIDGET (f->base.window), "schedule-long-overdue-end.png");

  ps_test_xdotool ("key", "Return", NULL);
  g_assert_cmpint (f->opened, ==, entry_case_id (last));

  /* Back to the agenda, on the row that led there, with no back button. */
  ps_test_xdotool ("key", "alt+Left", NULL);
  g_assert_cmpstr (ps_schedule_view_get_visible_page (f->view), ==, "agenda");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Schedule");
  g_assert_true (gtk_window_get_focus (f->base.window) == GTK_WIDGET (last_row (f, PS_SCHEDULE_GROUP_OVERDUE)));
  g_assert_false (gtk_widget_get_visible (ps_test_find_widget (GTK_WIDGET (f->view), ps_test_has_action, "schedule.back")));
}

/* The page of a group follows the store: its count, and the agenda again
 * once the group is gone. */
static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *entries;
  AdwWindowTitle *title;
  GDate today;

  show_view (f, 1000);
  gtk_widget_activate (GTK_WIDGET (last_row (f, PS_SCHEDULE_GROUP_TODAY)));
  g_assert_cmpstr (ps_schedule_view_get_visible_page (f->view), ==, "group");
  title = ADW_WINDOW_TITLE (ps_test_find_type (GTK_WIDGET (f->view), ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Today");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "30 entries");

  entries = ps_schedule_view_get_entries (f->view);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, 11, 2024);
  {
    g_autoptr(GObject) first = g_list_model_get_item (entries, N_OVERDUE);

    g_assert_true (ps_store_close_case (f->base.tc.store, entry_case_id (first), PS_CLOSURE_COMPLETED,
                                        &today, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "29 entries");

  /* All of today's colleagues closed: the agenda, without today. */
  for (guint i = 1; i < N_TODAY; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (entries, N_OVERDUE);

      g_assert_true (ps_store_close_case (f->base.tc.store, entry_case_id (item), PS_CLOSURE_COMPLETED,
                                          &today, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpstr (ps_schedule_view_get_visible_page (f->view), ==, "agenda");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Schedule");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (ps_schedule_view_get_group_list (f->view, PS_SCHEDULE_GROUP_TODAY))));
}

/* A change to one colleague changes their rows only: the rows around stay
 * as they were (and the focus with them), and a group's page stays where it
 * was scrolled to. */
static void
test_one_change (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PsCaseFields) fields = ps_case_fields_new ();
  g_autoptr(GError) error = NULL;
  GtkListBox *overdue;
  GtkListBoxRow *second;
  GtkAdjustment *adjustment;
  AdwWindowTitle *title;
  GListModel *entries;
  double scrolled;

  show_view (f, 1000);
  overdue = ps_schedule_view_get_group_list (f->view, PS_SCHEDULE_GROUP_OVERDUE);
  second = gtk_list_box_get_row_at_index (overdue, 1);
  entries = ps_schedule_view_get_entries (f->view);
  {
    g_autoptr(GObject) first = g_list_model_get_item (entries, 0);

    fields->display_name = g_strdup ("Dr. Renamed Example");
    fields->contact = g_strdup ("555-0100");
    fields->modality = PS_MODALITY_PHONE;
    fields->referral = PS_REFERRAL_SELF;
    fields->reason = PS_REASON_ADVERSE_EVENT;
    g_date_set_dmy (&fields->requested_on, 1, 11, 2024);
    g_date_set_dmy (&fields->assigned_on, 1, 11, 2024);
    g_assert_true (ps_store_update_case (f->base.tc.store, entry_case_id (first), fields, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (overdue, 0))),
                   ==, "Dr. Renamed Example");
  g_assert_true (gtk_list_box_get_row_at_index (overdue, 1) == second);

  /* Scrolled to the end of the overdue, one near the top is held. */
  gtk_widget_activate (GTK_WIDGET (last_row (f, PS_SCHEDULE_GROUP_OVERDUE)));
  title = ADW_WINDOW_TITLE (ps_test_find_type (GTK_WIDGET (f->view), ADW_TYPE_WINDOW_TITLE));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->base.window));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (ps_schedule_view_get_group_page_list (f->view)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->base.window));
  scrolled = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (scrolled, >, 0);
  {
    g_autoptr(GObject) third = g_list_model_get_item (entries, 2);

    g_assert_true (PS_IS_CONVERSATION (third));
    g_assert_true (ps_store_set_conversation_state (f->base.tc.store, ps_conversation_get_id (PS_CONVERSATION (third)),
                                                    PS_CONVERSATION_COMPLETED, &error));
    g_assert_no_error (error);
  }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->base.window));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "499 entries");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0.9 * scrolled);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

#define ADD(path, fn) g_test_add ("/schedule/long/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("groups", test_groups);
  ADD ("reach-all", test_reach_all);
  ADD ("follows-store", test_follows_store);
  ADD ("one-change", test_one_change);
#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
