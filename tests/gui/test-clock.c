/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Times and weeks as an American supporter's desktop and locale have them,
 * under the real en_US.UTF-8 locale the build makes (meson runs the test
 * with american_env): "2:30 PM" in the caseload and the Schedule, on the
 * locale's 12-hour clock or the desktop's (org.gnome.desktop.interface
 * clock-format), "14:30" once the desktop says 24 hours, without a restart;
 * the time field reading and writing "2:30 PM"; weeks from Sunday, so that
 * "This Week" ends on Saturday. Real window, keyring and SQLCipher store;
 * fake clock on Thursday 21 November 2024, 10:00 UTC. */

#include "config.h"

#include <string.h>

#include "ps-case-row.h"
#include "ps-grid-row.h"
#include "ps-caseload-view-private.h"
#include "ps-schedule-dialog-private.h"
#include "ps-schedule-view-private.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-window-private.h"

typedef struct
{
  PsTestContext   tc;
  GSettings      *desktop;
  PsWindow       *window;
  GtkWindow      *schedule_window;
  PsScheduleView *schedule;
  PsCase         *ada;       /* today 14:30 */
  PsCase         *ben;       /* Saturday 14:30 */
  PsCase         *cy;        /* Sunday 09:05 */
} Fixture;

static const PsTestContextOptions options = {
  .now = "2024-11-21T10:00:00", .tz = "UTC", .unopened = TRUE,
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsConversation) today = NULL, saturday = NULL, sunday = NULL;

  f->desktop = g_settings_new ("org.gnome.desktop.interface");
  ps_test_context_set_up (&f->tc, &options);
  f->window = g_object_new (PS_TYPE_WINDOW, "context", f->tc.context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  ps_test_context_open (&f->tc);

  f->ada = ps_test_add_reached_case (f->tc.store, "Dr. Ada Placeholder", "2024-11-12");
  f->ben = ps_test_add_reached_case (f->tc.store, "Dr. Ben Example", "2024-11-12");
  f->cy = ps_test_add_reached_case (f->tc.store, "Dr. Cy Sample", "2024-11-12");
  today = ps_test_plan_conversation (f->tc.store, f->ada, "2024-11-21 14:30");
  saturday = ps_test_plan_conversation (f->tc.store, f->ben, "2024-11-23 14:30");
  sunday = ps_test_plan_conversation (f->tc.store, f->cy, "2024-11-24 09:05");

  f->schedule = ps_schedule_view_new (f->tc.context);
  f->schedule_window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->schedule_window, 1280, 800);
  gtk_window_set_child (f->schedule_window, GTK_WIDGET (f->schedule));
  gtk_window_present (f->schedule_window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->schedule_window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->schedule_window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  /* The next test starts on the locale's clock again. */
  g_settings_reset (f->desktop, "clock-format");
  ps_test_iterate (50);
  g_clear_object (&f->desktop);
  ps_test_context_tear_down (&f->tc, &options);
}

/* The desktop's setting changes as its settings panel changes it. */
static void
set_desktop_clock (Fixture    *f,
                   const char *format)
{
  g_assert_true (g_settings_set_string (f->desktop, "clock-format", format));
  ps_test_iterate (50);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->schedule_window));
}

/* The line under @item's name in the caseload, as on screen. */
static const char *
row_state (Fixture *f,
           PsCase  *item)
{
  GtkWidget *row = ps_test_find_widget (GTK_WIDGET (f->window), ps_test_is_case_row_named,
                                        ps_case_get_display_name (item));

  g_assert_nonnull (row);
  return ps_case_row_get_state_line (PS_CASE_ROW (row));
}

/* The Schedule's subtitle for @item's entry in @group; NULL when it is
 * not in that group. */
static const char *
schedule_line (Fixture         *f,
               PsScheduleGroup  group,
               PsCase          *item)
{
  GtkListBox *list = ps_schedule_view_get_group_list (f->schedule, group);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                   ps_case_get_display_name (item)) == 0)
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  return NULL;
}

static gboolean
is_grid_row_saying (GtkWidget     *widget,
                    gconstpointer  text)
{
  return PS_IS_GRID_ROW (widget) && gtk_widget_get_mapped (widget) &&
         (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL ||
          strstr (ps_grid_row_get_subtitle (PS_GRID_ROW (widget)), text) != NULL);
}

/* Whether a conversation row of the case page on show reads @text. */
static gboolean
case_page_says (Fixture    *f,
                const char *text)
{
  PsCaseloadView *caseload = ps_window_get_caseload_view (f->window);

  return ps_test_find_widget (GTK_WIDGET (ps_caseload_view_get_case_page (caseload)),
                              is_grid_row_saying, text) != NULL;
}

/* The locale's 12-hour clock, until the desktop says otherwise; a change
 * of the desktop's setting is seen at once in the rows on screen. */
static void
test_rows_follow_clock (Fixture       *f,
                        gconstpointer  data)
{
  g_assert_cmpstr (row_state (f, f->ada), ==, "Next conversation today at 2:30 PM · Video");
  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_TODAY, f->ada), ==, "2:30 PM · 45 min · Video");
  g_assert_cmpstr (row_state (f, f->ben), ==, "Next conversation Sat 2:30 PM · Video");
  ps_caseload_view_open_case (ps_window_get_caseload_view (f->window), f->ada);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (case_page_says (f, "2:30 PM"));

  set_desktop_clock (f, "24h");
  g_assert_true (case_page_says (f, "14:30"));
  g_assert_false (case_page_says (f, "PM"));
  g_assert_cmpstr (row_state (f, f->ada), ==, "Next conversation today at 14:30 · Video");
  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_TODAY, f->ada), ==, "14:30 · 45 min · Video");
  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_THIS_WEEK, f->ben), ==, "Sat 14:30 · 45 min · Video");
  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_LATER, f->cy), ==, "Sun 24 Nov, 09:05 · 45 min · Video");

  set_desktop_clock (f, "12h");
  g_assert_cmpstr (row_state (f, f->ada), ==, "Next conversation today at 2:30 PM · Video");
  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_TODAY, f->ada), ==, "2:30 PM · 45 min · Video");
  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_LATER, f->cy), ==, "Sun 24 Nov, 9:05 AM · 45 min · Video");
}

/* An American's week runs from Sunday to Saturday: on a Thursday, Saturday
 * is this week and Sunday the next. */
static void
test_week_ends_saturday (Fixture       *f,
                         gconstpointer  data)
{
  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_THIS_WEEK, f->ben), ==, "Sat 2:30 PM · 45 min · Video");
  g_assert_null (schedule_line (f, PS_SCHEDULE_GROUP_LATER, f->ben));
  g_assert_null (schedule_line (f, PS_SCHEDULE_GROUP_THIS_WEEK, f->cy));
  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_LATER, f->cy), ==, "Sun 24 Nov, 9:05 AM · 45 min · Video");

  /* On Sunday a new week begins: the next Saturday is in it. */
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autoptr(GDateTime) sunday = g_date_time_new (utc, 2024, 11, 24, 8, 0, 0);
    g_autoptr(PsConversation) next_saturday = NULL;

    ps_clock_set_now (f->tc.clock, sunday);
    next_saturday = ps_test_plan_conversation (f->tc.store, f->ada, "2024-11-30 11:00");
    ps_test_iterate (50);
    g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_THIS_WEEK, f->ada), ==,
                     "Sat 11:00 AM · 45 min · Video");
  }
}

/* The schedule dialog's time field on a 12-hour clock. */
static void
test_time_field (Fixture       *f,
                 gconstpointer  data)
{
  PsScheduleDialog *dialog = ps_schedule_dialog_new (f->tc.context, f->ben, NULL);
  PsTimeRow *time_row;
  GtkEditable *entry;
  GDate day;

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  time_row = ps_schedule_dialog_get_time_row (dialog);
  entry = ps_time_row_get_entry (time_row);
  /* The next full hour, written as the clock writes it. */
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "11:00 AM");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (entry)), ==,
                   "Type a time such as 2:30 PM; Up and Down change it");

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 22, 11, 2024);
  ps_date_row_set_date (ps_schedule_dialog_get_date_row (dialog), &day);
  gtk_editable_set_text (entry, "13:30 PM");
  g_assert_cmpstr (ps_schedule_dialog_get_error (dialog), ==, "Type a time such as 2:30 PM or 14:30.");
  gtk_editable_set_text (entry, "0:15 am");
  g_assert_cmpstr (ps_schedule_dialog_get_error (dialog), ==, "Type a time such as 2:30 PM or 14:30.");
  gtk_editable_set_text (entry, "14:30");
  g_assert_null (ps_schedule_dialog_get_error (dialog));
  gtk_editable_set_text (entry, "2:30 pm");
  g_assert_null (ps_schedule_dialog_get_error (dialog));
  /* Morning or afternoon? Not guessed: an appointment at 2:30 in the night
   * would be a surprise. */
  gtk_editable_set_text (entry, "2:30");
  g_assert_cmpstr (ps_schedule_dialog_get_error (dialog), ==, "Type a time such as 2:30 PM or 14:30.");
  gtk_editable_set_text (entry, "12:00");
  g_assert_cmpstr (ps_schedule_dialog_get_error (dialog), ==, "Type a time such as 2:30 PM or 14:30.");
  gtk_editable_set_text (entry, "0:30");
  g_assert_null (ps_schedule_dialog_get_error (dialog));

  /* Up and Down as real key presses, across noon. */
  gtk_editable_set_text (entry, "11:58 AM");
  ps_test_press_time_arrows (GTK_WINDOW (dialog), entry, "12:00 PM", "11:50 AM", "12:50 PM");

  /* The desktop's clock turns to 24 hours: the field says so too. */
  set_desktop_clock (f, "24h");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "12:50");
  set_desktop_clock (f, "12h");
  gtk_editable_set_text (entry, "2:30 PM");
  g_assert_null (ps_schedule_dialog_get_error (dialog));
  ps_test_screenshot (GTK_WIDGET (dialog), "clock-schedule-dialog-en-US.png");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  ps_test_iterate (50);

  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_TOMORROW, f->ben), ==, "2:30 PM · 30 min · Phone");
}

/* The Schedule as an American reads it, wide and narrow, for people to look
 * at (artefacts/). */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  ps_test_screenshot (GTK_WIDGET (f->schedule_window), "clock-schedule-en-US-1280.png");
  gtk_window_set_default_size (f->schedule_window, 360, 720);
  ps_test_iterate (100);
  ps_test_screenshot (GTK_WIDGET (f->schedule_window), "clock-schedule-en-US-360.png");
  g_assert_cmpstr (schedule_line (f, PS_SCHEDULE_GROUP_TODAY, f->ada), ==, "2:30 PM · 45 min · Video");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = ps_test_session_init (&argc, &argv);
  int ret;

  ps_test_live_in ("en_US.UTF-8");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_test_add ("/clock/rows-follow-clock", Fixture, NULL, fixture_set_up, test_rows_follow_clock,
              fixture_tear_down);
  g_test_add ("/clock/week-ends-saturday", Fixture, NULL, fixture_set_up, test_week_ends_saturday,
              fixture_tear_down);
  g_test_add ("/clock/time-field", Fixture, NULL, fixture_set_up, test_time_field, fixture_tear_down);
  g_test_add ("/clock/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
  ret = g_test_run ();
  ps_remove_tree (data_home);
  return ret;
}
