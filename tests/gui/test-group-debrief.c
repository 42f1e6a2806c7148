/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A group debrief as a supporter plans, holds and counts it: the dialog
 * refuses what cannot be saved, the time is typed in one field as in the
 * schedule dialog, the Schedule lists the debrief with its headcount and no
 * name, holding it ticks the group checklist, and the Overview counts its
 * people. Real SQLCipher store, fake clock on Monday 18 November 2024,
 * 10:00 in Europe/London. */

#include "config.h"

#include <time.h>

#include "ps-date-row.h"
#include "ps-group-checklist.h"
#include "ps-group-debrief-dialog.h"
#include "ps-overview-view.h"
#include "ps-schedule-view-private.h"
#include "ps-store-groups.h"
#include "ps-test-widgets.h"
#include "ps-time-row.h"
#include "schedule-fixture.h"

typedef ScheduleFixture Fixture;

static PsGroupDebriefDialog *
present_dialog (Fixture        *f,
                PsGroupDebrief *debrief,
                int             width,
                const char     *screenshot)
{
  PsGroupDebriefDialog *dialog = ps_group_debrief_dialog_new (f->tc.context, debrief);

  gtk_window_set_default_size (GTK_WINDOW (dialog), width, 720);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  if (screenshot != NULL)
    ps_test_screenshot (GTK_WIDGET (dialog), screenshot);
  return dialog;
}

static void
test_plan_hold_count (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GListModel) planned = NULL;
  g_autoptr(PsGroupDebrief) debrief = NULL;
  g_autoptr(PsGroupDebrief) held = NULL;
  PsGroupDebriefDialog *dialog;
  PsScheduleView *view;
  GtkListBoxRow *row;
  PsOverviewView *overview;
  GtkWindow *window;
  const PsChecklist *checklist = ps_group_checklist_get (PS_GROUP_CHECKLIST_VERSION);

  /* New: what prompted it has no default, and must be chosen. */
  dialog = present_dialog (f, NULL, 480, "group-debrief-new-480-light.png");
  g_assert_false (ps_group_debrief_dialog_save (dialog));
  g_assert_cmpstr (ps_group_debrief_dialog_get_error (dialog), ==,
                   "Choose what prompted the debrief.");
  ps_group_debrief_dialog_set_prompt (dialog, PS_GROUP_PROMPT_CRITICAL_INCIDENT);
  ps_group_debrief_dialog_set_headcount (dialog, 8, 1);
  /* Held, at 11:00 today, is still to come: refused. */
  ps_group_debrief_dialog_set_held (dialog, TRUE);
  g_assert_false (ps_group_debrief_dialog_save (dialog));
  g_assert_nonnull (ps_group_debrief_dialog_get_error (dialog));
  ps_group_debrief_dialog_set_held (dialog, FALSE);
  g_assert_null (ps_group_debrief_dialog_get_error (dialog));
  g_assert_true (ps_group_debrief_dialog_save (dialog));

  planned = ps_store_list_planned_group_debriefs (f->tc.store);
  g_assert_cmpuint (g_list_model_get_n_items (planned), ==, 1);
  debrief = g_list_model_get_item (planned, 0);
  g_assert_cmpuint (ps_group_debrief_get_headcount (debrief), ==, 8);
  g_assert_cmpuint (ps_group_debrief_get_referrals (debrief), ==, 1);
  g_assert_cmpuint (ps_group_debrief_get_minutes (debrief), ==, 60);

  /* In the Schedule, today at 11:00, with its headcount and no name. */
  view = ps_schedule_view_new (f->tc.context);
  window = schedule_fixture_show (f, GTK_WIDGET (view), 360);
  row = gtk_list_box_get_row_at_index (ps_schedule_view_get_group_list (view, PS_SCHEDULE_GROUP_TODAY), 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Group debrief · 8 people");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "11:00 · 60 min · In person");
  ps_test_screenshot (GTK_WIDGET (window), "schedule-group-debrief-360-light.png");

  /* Held: the checklist ticked, the headcount corrected, one offered a referral. */
  dialog = present_dialog (f, debrief, 360, "group-debrief-hold-360-light.png");
  g_assert_cmpuint (ps_checklist_count_steps (checklist), ==, 11);
  gtk_check_button_set_active (ps_group_debrief_dialog_get_step_check (dialog, "group.confidentiality"), TRUE);
  gtk_check_button_set_active (ps_group_debrief_dialog_get_step_check (dialog, "group.resources"), TRUE);
  ps_group_debrief_dialog_set_headcount (dialog, 9, 2);
  ps_clock_advance (f->tc.clock, 150 * G_TIME_SPAN_MINUTE);
  ps_group_debrief_dialog_set_held (dialog, TRUE);
  g_assert_true (ps_group_debrief_dialog_save (dialog));

  held = ps_store_lookup_group_debrief (f->tc.store, ps_group_debrief_get_id (debrief));
  g_assert_cmpint (ps_group_debrief_get_state (held), ==, PS_CONVERSATION_COMPLETED);
  g_assert_cmpuint (ps_group_debrief_get_headcount (held), ==, 9);
  g_assert_cmpuint (ps_checklist_count_covered (checklist, ps_group_debrief_get_covered_steps (held)),
                    ==, 2);
  /* Held, it leaves the Schedule. */
  ps_test_iterate (10);
  g_assert_null (gtk_list_box_get_row_at_index (ps_schedule_view_get_group_list (view, PS_SCHEDULE_GROUP_TODAY), 0));

  /* The Overview counts its nine people and two referrals. */
  overview = ps_overview_view_new (f->tc.context);
  window = schedule_fixture_show (f, GTK_WIDGET (overview), 1000);
  g_assert_cmpstr (ps_overview_view_get_visible_page (overview), ==, "figures");
  g_assert_cmpuint (ps_statistics_get_n_people_reached (ps_overview_view_get_statistics (overview)), ==, 9);
  g_assert_cmpuint (ps_statistics_get_n_referrals (ps_overview_view_get_statistics (overview)), ==, 2);
  ps_test_screenshot (GTK_WIDGET (window), "overview-group-debrief-1000-light.png");
}

static GtkEditable *
time_entry (PsGroupDebriefDialog *dialog)
{
  GObject *row = gtk_widget_get_template_child (GTK_WIDGET (dialog), PS_TYPE_GROUP_DEBRIEF_DIALOG,
                                                "time_row");

  return ps_time_row_get_entry (PS_TIME_ROW (row));
}

/* As typed: the day from the calendar, the time into the time field. */
static void
type_start (PsGroupDebriefDialog *dialog,
            int                   year,
            int                   month,
            int                   day,
            const char           *time)
{
  GObject *date_row = gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                     PS_TYPE_GROUP_DEBRIEF_DIALOG, "date_row");
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  ps_date_row_set_date (PS_DATE_ROW (date_row), &date);
  gtk_editable_set_text (time_entry (dialog), time);
}

static guint
n_planned (Fixture *f)
{
  g_autoptr(GListModel) planned = ps_store_list_planned_group_debriefs (f->tc.store);

  return g_list_model_get_n_items (planned);
}

/* The time in one field, as in the schedule dialog: "14:30" is saved as
 * 14:30 local time; what is no time is refused with a message, kept as
 * typed, and nothing is saved; Up and Down step it as real key presses. */
static void
test_typed_time (Fixture       *f,
                 gconstpointer  data)
{
  const char *wrong[] = { "25:00", "14:75", "abc" };
  g_autoptr(GListModel) planned = NULL;
  g_autoptr(PsGroupDebrief) saved = NULL;
  g_autoptr(GObject) keep = NULL;
  g_autofree char *utc = NULL;
  PsGroupDebriefDialog *dialog;
  GtkEditable *entry;

  dialog = present_dialog (f, NULL, 360, NULL);
  keep = g_object_ref (G_OBJECT (dialog));
  entry = time_entry (dialog);
  /* The next full hour, in the one field. */
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "11:00");
  ps_group_debrief_dialog_set_prompt (dialog, PS_GROUP_PROMPT_CRITICAL_INCIDENT);

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      type_start (dialog, 2024, 11, 20, wrong[i]);
      g_assert_cmpstr (ps_group_debrief_dialog_get_error (dialog), ==,
                       "Type a time between 00:00 and 23:59, such as 14:30.");
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
      g_assert_false (ps_group_debrief_dialog_save (dialog));
      g_assert_cmpstr (gtk_editable_get_text (entry), ==, wrong[i]);
    }
  ps_test_screenshot (GTK_WIDGET (dialog), "group-debrief-wrong-time-360.png");
  g_assert_cmpuint (n_planned (f), ==, 0);

  /* The hour the clocks go forward in London does not exist. */
  type_start (dialog, 2025, 3, 30, "01:30");
  g_assert_cmpstr (ps_group_debrief_dialog_get_error (dialog), ==,
                   "The clocks go forward at this time that day. Choose another time.");
  g_assert_false (ps_group_debrief_dialog_save (dialog));

  /* Up and Down, as real key presses: minutes in fives after the colon,
   * hours before it. */
  type_start (dialog, 2024, 11, 20, "14:30");
  g_assert_null (ps_group_debrief_dialog_get_error (dialog));
  ps_test_press_time_arrows (GTK_WINDOW (dialog), entry, "14:35", "14:25", "15:25");

  /* Typed back to 14:30, it is saved at 14:30 that day. */
  gtk_editable_set_text (entry, "14:30");
  g_assert_true (ps_group_debrief_dialog_save (dialog));
  planned = ps_store_list_planned_group_debriefs (f->tc.store);
  g_assert_cmpuint (g_list_model_get_n_items (planned), ==, 1);
  saved = g_list_model_get_item (planned, 0);
  utc = schedule_fixture_utc (ps_group_debrief_get_starts_at (saved));
  g_assert_cmpstr (utc, ==, "2024-11-20T14:30:00Z");

  /* Opened again, the time reads as typed. */
  dialog = present_dialog (f, saved, 360, NULL);
  g_assert_cmpstr (gtk_editable_get_text (time_entry (dialog)), ==, "14:30");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  /* Typed times are local: test them where the clocks change (November
   * is GMT, so the times typed are the times stored). */
  g_setenv ("TZ", "Europe/London", TRUE);
  tzset ();
  home = ps_test_session_init (&argc, &argv);
  g_test_add ("/groups/plan-hold-count", Fixture, NULL, schedule_fixture_set_up,
              test_plan_hold_count, schedule_fixture_tear_down);
  g_test_add ("/groups/typed-time", Fixture, NULL, schedule_fixture_set_up,
              test_typed_time, schedule_fixture_tear_down);
  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
