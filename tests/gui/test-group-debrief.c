/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A group debrief as a supporter plans, holds and counts it: the dialog
 * refuses what cannot be saved, the Schedule lists the debrief with its
 * headcount and no name, holding it ticks the group checklist, and the
 * Overview counts its people. Real SQLCipher store, fake clock on Monday
 * 18 November 2024, 10:00. */

#include "config.h"

#include "ps-group-checklist.h"
#include "ps-group-debrief-dialog.h"
#include "ps-overview-view.h"
#include "ps-schedule-view-private.h"
#include "ps-store-groups.h"
#include "schedule-fixture.h"

typedef ScheduleFixture Fixture;

static PsGroupDebriefDialog *
present_dialog (Fixture        *f,
                PsGroupDebrief *debrief,
                int             width,
                const char     *screenshot)
{
  PsGroupDebriefDialog *dialog = ps_group_debrief_dialog_new (f->context, debrief);

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

  planned = ps_store_list_planned_group_debriefs (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (planned), ==, 1);
  debrief = g_list_model_get_item (planned, 0);
  g_assert_cmpuint (ps_group_debrief_get_headcount (debrief), ==, 8);
  g_assert_cmpuint (ps_group_debrief_get_referrals (debrief), ==, 1);
  g_assert_cmpuint (ps_group_debrief_get_minutes (debrief), ==, 60);

  /* In the Schedule, today at 11:00, with its headcount and no name. */
  view = ps_schedule_view_new (f->context);
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
  ps_clock_advance (f->clock, 150 * G_TIME_SPAN_MINUTE);
  ps_group_debrief_dialog_set_held (dialog, TRUE);
  g_assert_true (ps_group_debrief_dialog_save (dialog));

  held = ps_store_lookup_group_debrief (f->store, ps_group_debrief_get_id (debrief));
  g_assert_cmpint (ps_group_debrief_get_state (held), ==, PS_CONVERSATION_COMPLETED);
  g_assert_cmpuint (ps_group_debrief_get_headcount (held), ==, 9);
  g_assert_cmpuint (ps_checklist_count_covered (checklist, ps_group_debrief_get_covered_steps (held)),
                    ==, 2);
  /* Held, it leaves the Schedule. */
  ps_test_iterate (10);
  g_assert_null (gtk_list_box_get_row_at_index (ps_schedule_view_get_group_list (view, PS_SCHEDULE_GROUP_TODAY), 0));

  /* The Overview counts its nine people and two referrals. */
  overview = ps_overview_view_new (f->context);
  window = schedule_fixture_show (f, GTK_WIDGET (overview), 1000);
  g_assert_cmpstr (ps_overview_view_get_visible_page (overview), ==, "figures");
  g_assert_cmpuint (ps_statistics_get_n_people_reached (ps_overview_view_get_statistics (overview)), ==, 9);
  g_assert_cmpuint (ps_statistics_get_n_referrals (ps_overview_view_get_statistics (overview)), ==, 2);
  ps_test_screenshot (GTK_WIDGET (window), "overview-group-debrief-1000-light.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

  g_test_add ("/groups/plan-hold-count", Fixture, NULL, schedule_fixture_set_up,
              test_plan_hold_count, schedule_fixture_tear_down);
  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
