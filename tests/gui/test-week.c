/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A supporter's week, lived through the real application on a fake clock:
 * the real window, the real SQLCipher store opened through the real keyring,
 * the real notification daemon, a restart and a lock. At each step the test
 * reads what the supporter would read. */

#include "config.h"

#include <string.h>


#include "ps-application-private.h"
#include "ps-case-editor.h"
#include "ps-case-page.h"
#include "ps-case-row.h"
#include "ps-caseload-view-private.h"
#include "ps-close-case-dialog.h"
#include "ps-conversation-page-private.h"
#include "ps-date-row.h"
#include "ps-export-dialog.h"
#include "ps-group-debrief-dialog.h"
#include "ps-lock-monitor.h"
#include "ps-overview-view.h"
#include "ps-schedule-dialog.h"
#include "ps-schedule-view.h"
#include "ps-test-notify.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-time-row.h"
#include "ps-window-private.h"

#define ADA "Dr. Ada Placeholder"     /* after an adverse event */
#define BEN "Dr. Ben Example"         /* burnout */

typedef struct
{
  char           *data_home;
  PsClock        *clock;
  PsApplication  *app;
  PsWindow       *window;
  guint           seen;     /* notifications before the step */
} Week;

static Week week;

/* What the supporter reads ------------------------------------------------- */

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *child = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (child != NULL)
        collect_text (child, out);
      return;
    }
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    g_string_append_printf (out, "%s%s", out->len > 0 ? " | " : "", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

/* Every label on show under @widget, " | " between them. */
static char *
seen_text (gpointer widget)
{
  GString *out = g_string_new (NULL);

  collect_text (GTK_WIDGET (widget), out);
  return g_string_free (out, FALSE);
}

static void
settle (void)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (week.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static PsCaseloadView *
caseload (void)
{
  return ps_window_get_caseload_view (week.window);
}

static PsCasePage *
case_page (void)
{
  return ps_caseload_view_get_case_page (caseload ());
}

static gboolean
is_case_row_titled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return PS_IS_CASE_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (ps_case_row_get_title (PS_CASE_ROW (widget)), data) == 0;
}

static const char *
row_state (const char *name)
{
  GtkWidget *row = ps_test_find_widget (GTK_WIDGET (caseload ()), is_case_row_titled, name);

  return row != NULL ? ps_case_row_get_state_line (PS_CASE_ROW (row)) : "(not on screen)";
}

static const char *
page_state (void)
{
  return gtk_label_get_text (GTK_LABEL (ps_test_find_named (GTK_WIDGET (case_page ()), "state-line")));
}

static const char *
page_name (void)
{
  return gtk_label_get_text (GTK_LABEL (ps_test_find_named (GTK_WIDGET (case_page ()), "case-name")));
}

static gboolean
is_suggested (GtkWidget     *widget,
              gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "suggested-action") && gtk_widget_is_drawable (widget);
}

/* The one suggested action in the case page's header, as its words read. */
static char *
suggested_action (void)
{
  GtkWidget *button = ps_test_find_widget (GTK_WIDGET (case_page ()), is_suggested, NULL);

  return button != NULL ? seen_text (button) : g_strdup ("");
}

static gboolean
is_case_row_selected (GtkWidget     *widget,
                      gconstpointer  data)
{
  return PS_IS_CASE_ROW (widget) && gtk_widget_get_mapped (widget) &&
         (gtk_widget_get_state_flags (gtk_widget_get_parent (widget)) & GTK_STATE_FLAG_SELECTED);
}

/* The name on the highlighted row of the list, or NULL. */
static const char *
selected_row (void)
{
  GtkWidget *row = ps_test_find_widget (GTK_WIDGET (caseload ()), is_case_row_selected, NULL);

  return row != NULL ? ps_case_row_get_title (PS_CASE_ROW (row)) : NULL;
}

static void
shoot (const char *name)
{
  g_autofree char *file = g_strdup_printf ("week-%s.png", name);

  ps_test_screenshot (GTK_WIDGET (week.window), file);
}

/* Time --------------------------------------------------------------------- */

static gboolean
is_locked (void)
{
  return g_strcmp0 (ps_window_get_visible_page (week.window), "locked") == 0;
}

static void
unlock (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (week.window), "win.retry", NULL));
  ps_test_wait_for_status (ps_window_get_context (week.window), PS_CONTEXT_READY);
  settle ();
}

/* Time goes by to @iso, local (Europe/Paris) time, as the supporter says it:
 * the wall clock and the time since boot both move. */
static void
at (const char *iso)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (week.clock);
  g_autoptr(GDateTime) then = g_date_time_new_from_iso8601 (iso, tz);
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (week.clock);

  g_assert_nonnull (then);
  g_assert_cmpint (g_date_time_compare (then, now), >=, 0);
  ps_clock_advance (week.clock, g_date_time_difference (then, now));
  settle ();
}

/* The application -------------------------------------------------------- */

typedef void (*DayScript) (void);

static void
wait_ready (void)
{
  ps_test_wait_for_status (ps_window_get_context (week.window), PS_CONTEXT_READY);
  settle ();
}

static gboolean
script_idle (gpointer data)
{
  DayScript script = (DayScript) data;

  week.window = PS_WINDOW (ps_application_get_main_window (week.app));
  g_assert_nonnull (week.window);
  wait_ready ();
  script ();
  g_application_quit (G_APPLICATION (week.app));
  return G_SOURCE_REMOVE;
}

static void
activated_cb (GApplication *app,
              gpointer      script)
{
  /* Once per run: a reminder's Open activates the app again. */
  if (g_object_get_data (G_OBJECT (app), "ps-week-started") != NULL)
    return;
  g_object_set_data (G_OBJECT (app), "ps-week-started", GINT_TO_POINTER (TRUE));
  g_idle_add_full (G_PRIORITY_DEFAULT, script_idle, script, NULL);
}

/* Starts Peerside on the week's clock and files, runs @script in it, and
 * quits as Quit does: a real start and a real end, with g_application_run. */
static void
live (DayScript script)
{
  char *args[] = { (char *) "peerside", NULL };
  PsApplication *app = ps_test_session_start_with_clock (week.clock);

  week.app = app;
  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), script);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, args), ==, 0);
  week.window = NULL;
  week.app = NULL;
  g_object_unref (app);
}

/* A click on the case's row in the list. */
static void
open_case (const char *name)
{
  GListModel *cases = ps_caseload_view_get_visible_cases (caseload ());
  GtkWidget *list = ps_test_find_type (GTK_WIDGET (caseload ()), GTK_TYPE_LIST_VIEW);
  guint i;

  for (i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);

      if (g_strcmp0 (ps_case_get_display_name (item), name) == 0)
        break;
    }
  g_assert_cmpuint (i, <, g_list_model_get_n_items (cases));
  g_signal_emit_by_name (list, "activate", i);
  settle ();
}

static GtkWidget *
toplevel (GType type)
{
  GtkWidget *found = NULL;

  for (guint i = 0; i < 50 && found == NULL; i++)
    {
      found = ps_test_find_toplevel (type);
      if (found == NULL)
        ps_test_iterate (20);
    }
  if (found == NULL)
    g_error ("No %s on show", g_type_name (type));
  gtk_test_widget_wait_for_draw (found);
  return found;
}

static void
new_case (const char *name,
          const char *contact,
          PsModality  modality,
          PsReason    reason)
{
  GtkWidget *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (week.window), "win.new-case", NULL));
  editor = toplevel (PS_TYPE_CASE_EDITOR);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (editor, PS_TYPE_CASE_EDITOR, "name_row")), name);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (editor, PS_TYPE_CASE_EDITOR, "contact_row")), contact);
  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (editor, PS_TYPE_CASE_EDITOR, "modality_row")), modality);
  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (editor, PS_TYPE_CASE_EDITOR, "reason_row")), reason);
  g_object_ref (editor);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  ps_test_wait_gone (editor);
  settle ();
}

static void
log_attempt (const char *outcome)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_page ()), "case.log-attempt", "s", outcome));
  settle ();
}

/* Plans a conversation for the case on show, @day "YYYY-MM-DD" at @time "14:30". */
static void
schedule (const char *day,
          const char *time)
{
  GtkWidget *dialog;
  PsDateRow *date_row;
  PsTimeRow *time_row;
  GDate date;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_page ()), "case.schedule", NULL));
  dialog = toplevel (PS_TYPE_SCHEDULE_DIALOG);
  date_row = PS_DATE_ROW (ps_test_find_type (dialog, PS_TYPE_DATE_ROW));
  time_row = PS_TIME_ROW (ps_test_find_type (dialog, PS_TYPE_TIME_ROW));
  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  g_assert_true (g_date_valid (&date));
  ps_date_row_set_date (date_row, &date);
  gtk_editable_set_text (ps_time_row_get_entry (time_row), time);
  ps_test_iterate (20);
  g_object_ref (dialog);
  ps_test_click (ps_test_find_button (dialog, "_Schedule"));
  ps_test_wait_gone (dialog);
  settle ();
}

static PsConversationPage *
conversation (void)
{
  PsConversationPage *page = ps_test_find_conversation ();

  g_assert_nonnull (page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (week.window));
  return page;
}

/* Notifications -------------------------------------------------------------- */

/* "Open" on a reminder about the colleague @name, as its notification's
 * button does. */
static void
reminder_open (const char *name)
{
  GListModel *cases = ps_store_get_cases (ps_context_get_store (ps_window_get_context (week.window)));
  gint64 case_id = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases) && case_id == 0; i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);

      if (g_strcmp0 (ps_case_get_display_name (item), name) == 0)
        case_id = ps_case_get_id (item);
    }
  g_assert_cmpint (case_id, !=, 0);
  g_signal_emit_by_name (ps_application_get_reminder_service (week.app), "open-case", case_id);
  settle ();
}

static PsTestNotified *
expect_notification (void)
{
  g_assert_cmpuint (ps_test_notify_wait (week.seen, 1), >=, 1);
  return ps_test_notify_get (week.seen++);
}

static void
expect_no_notification (void)
{
  g_assert_cmpuint (ps_test_notify_wait (week.seen, 0), ==, 0);
}

/* What the supporter checks ----------------------------------------------- */

static void
assert_shows (gpointer    widget,
              const char *words)
{
  g_autofree char *text = seen_text (widget);

  if (strstr (text, words) == NULL)
    g_error ("“%s” is not on show; the window reads: %s", words, text);
}

static void
assert_hides (gpointer    widget,
              const char *words)
{
  g_autofree char *text = seen_text (widget);

  if (strstr (text, words) != NULL)
    g_error ("“%s” is on show; the window reads: %s", words, text);
}

static void
assert_suggests (const char *label)
{
  g_autofree char *action = suggested_action ();

  g_assert_cmpstr (action, ==, label);
}

/* The case on show and the highlighted row are the same colleague. */
static void
assert_on (const char *name)
{
  g_assert_cmpstr (page_name (), ==, name);
  g_assert_cmpstr (selected_row (), ==, name);
}

/* A reminder through the real daemon, naming no one. */
static void
assert_notified (const char *summary,
                 const char *body)
{
  PsTestNotified *notified = expect_notification ();

  g_assert_cmpstr (notified->summary, ==, summary);
  g_assert_cmpstr (notified->body, ==, body);
  for (const char *p = "Ada\0Placeholder\0Ben\0Example\0" "555-0100\0"; *p; p += strlen (p) + 1)
    g_assert_null (strstr (notified->everything, p));
}

static char *
read_file (const char *name)
{
  g_autofree char *path = g_build_filename (week.data_home, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static GFile *
export_file (const char *name)
{
  g_autofree char *path = g_build_filename (week.data_home, name, NULL);

  return g_file_new_for_path (path);
}

static GtkWidget *
schedule_view (void)
{
  return ps_test_find_type (GTK_WIDGET (week.window), PS_TYPE_SCHEDULE_VIEW);
}

static void
show_view (const char *name)
{
  g_autofree char *action = g_strconcat ("win.show-", name, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (week.window), action, NULL));
  settle ();
}

/* The week ------------------------------------------------------------------- */

static void
monday (void)
{
  assert_shows (week.window, "No Colleagues Yet");

  /* Two colleagues assigned: each new case is the one on show and the one
   * highlighted. */
  new_case (ADA, "555-0100 ext 12", PS_MODALITY_PHONE, PS_REASON_ADVERSE_EVENT);
  assert_on (ADA);
  new_case (BEN, "ben@example.org", PS_MODALITY_VIDEO, PS_REASON_BURNOUT);
  assert_on (BEN);
  g_assert_cmpstr (row_state (ADA), ==, "First contact due in 2 days");
  g_assert_cmpstr (row_state (BEN), ==, "First contact due in 2 days");
  assert_suggests ("Log Attempt");
  shoot ("mon-two-cases");

  /* No answer at 09:30; reached at 11:00. */
  at ("2024-11-18T09:30:00");
  open_case (ADA);
  assert_on (ADA);
  log_attempt ("no-answer");
  assert_shows (case_page (), "No answer · Mon 18 Nov, 09:30");
  g_assert_cmpstr (page_state (), ==, "First contact due in 2 days");
  assert_suggests ("Log Attempt");

  at ("2024-11-18T11:00:00");
  log_attempt ("reached");
  g_assert_cmpstr (page_state (), ==, "In support · no conversation planned");
  g_assert_cmpstr (row_state (ADA), ==, "In support · no conversation planned");
  assert_suggests ("Schedule Conversation…");

  /* A first conversation, Tuesday 14:30. */
  schedule ("2024-11-19", "14:30");
  g_assert_cmpstr (page_state (), ==, "Next conversation tomorrow at 14:30 · Phone");
  g_assert_cmpstr (row_state (ADA), ==, "Next conversation tomorrow at 14:30 · Phone");
  assert_suggests ("");
  expect_no_notification ();

  show_view ("schedule");
  assert_shows (schedule_view (), "Tomorrow | " ADA " | 14:30 · 30 min · Phone");
  assert_shows (schedule_view (), "This Week | " BEN " | First contact due Wed 20 Nov");
}

static void
tuesday (void)
{
  PsConversationPage *talk;
  GtkWidget *question;

  /* Overnight, back on the caseload. */
  at ("2024-11-19T09:00:00");
  show_view ("caseload");
  g_assert_cmpstr (row_state (ADA), ==, "Next conversation today at 14:30 · Phone");
  g_assert_cmpstr (row_state (BEN), ==, "First contact due tomorrow");

  /* The reminder, ten minutes before, names no one. */
  at ("2024-11-19T14:20:00");
  assert_notified ("Peer support conversation at 14:30", "Phone · in 10 minutes");
  expect_no_notification ();

  at ("2024-11-19T14:30:00");
  g_assert_cmpstr (row_state (ADA), ==, "Conversation starting now · Phone");
  open_case (ADA);
  g_assert_cmpstr (page_state (), ==, "Conversation starting now · Phone");
  assert_suggests ("Start Conversation");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_page ()), "case.start-conversation", NULL));
  talk = conversation ();
  gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (talk, "open.introduce")));
  gtk_toggle_button_set_active (ps_conversation_page_get_safety_button (talk, TRUE), TRUE);
  at ("2024-11-19T14:45:00");
  g_assert_cmpstr (ps_conversation_page_get_time_text (talk), ==, "15:00 of 30 min");
  /* A quarter of an hour on the phone, the keyboard untouched: no idle
   * lock (ten minutes) while the conversation shows; the crisis lines
   * stay in reach. */
  g_assert_false (ps_lock_monitor_check_idle (ps_application_get_lock_monitor (week.app)));
  g_assert_false (is_locked ());
  g_assert_true (conversation () == talk);
  ps_test_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (talk))), "week-tue-conversation.png");

  /* Open on the 14:20 reminder, mid-conversation: the window, on the
   * conversation, uninterrupted, the keyboard still in it. Open on a
   * reminder about Ben too: the case under the conversation stays Ada's. */
  reminder_open (ADA);
  reminder_open (BEN);
  g_assert_true (ps_test_find_conversation () == talk);
  g_assert_true (ps_application_get_main_window (week.app) == GTK_WINDOW (week.window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (week.window)));
  g_assert_null (ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (week.window)), GTK_WIDGET (talk)));
  /* Left for later: back on Ada's case, her row highlighted; resumed. */
  gtk_widget_activate_action (GTK_WIDGET (talk), "conversation.back", NULL);
  question = toplevel (ADW_TYPE_MESSAGE_DIALOG);
  ps_test_respond (ADW_MESSAGE_DIALOG (question), "keep");
  settle ();
  g_assert_null (ps_test_find_conversation ());
  assert_on (ADA);
  assert_suggests ("Resume Conversation");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_page ()), "case.resume-conversation", NULL));
  talk = conversation ();
  g_assert_cmpstr (ps_conversation_page_get_time_text (talk), ==, "15:00 of 30 min");

  /* Halfway, the main window is closed: asked, the supporter keeps the
   * conversation for later; the app stays for reminders, and says so the
   * first time. Then it is quit. */
  gtk_window_close (GTK_WINDOW (week.window));
  question = toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, "Leave the Conversation?");
  ps_test_respond (ADW_MESSAGE_DIALOG (question), "keep");
  ps_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (week.window)));
  assert_notified ("Peerside Keeps Running for Reminders",
                   "Reminders still arrive while the window is closed. To quit, press Ctrl+Q "
                   "in the window or choose Quit in its main menu; to stop running in the "
                   "background, turn it off in Preferences.");
}

static void
tuesday_restart (void)
{
  PsConversationPage *talk;
  GtkWidget *question;

  /* Restarted five minutes later: the conversation is there to resume,
   * with its concern. */
  at ("2024-11-19T14:50:00");
  assert_shows (week.window, "A conversation is still in progress");
  g_assert_cmpstr (row_state (ADA), ==, "Conversation in progress · Phone");
  open_case (ADA);
  assert_on (ADA);
  assert_suggests ("Resume Conversation");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_page ()), "case.resume-conversation", NULL));
  talk = conversation ();
  g_assert_cmpstr (ps_conversation_page_get_time_text (talk), ==, "20:00 of 30 min");
  g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (talk, "open.introduce")));
  g_assert_true (gtk_toggle_button_get_active (ps_conversation_page_get_safety_button (talk, TRUE)));

  /* Quit (Ctrl+Q) while it shows asks, as closing the window does;
   * Escape stays in the conversation. */
  g_action_group_activate_action (G_ACTION_GROUP (week.app), "quit", NULL);
  question = toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, "Leave the Conversation?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  ps_test_iterate (100);
  g_assert_true (conversation () == talk);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (talk), "conversation.finish", NULL));
  ps_test_iterate (200);
  settle ();
  /* Over: the idle lock counts again, from now. */
  at ("2024-11-19T15:05:00");
  g_assert_true (ps_lock_monitor_check_idle (ps_application_get_lock_monitor (week.app)));
  g_assert_true (is_locked ());
  unlock ();
  assert_on (ADA);

  /* Flagged, with a follow-up within two days suggested. */
  g_assert_true (g_str_has_prefix (page_state (), "⚠ Safety concern · follow up"));
  g_assert_true (g_str_has_prefix (row_state (ADA), "⚠ Safety concern · follow up"));
  assert_shows (case_page (), "No follow-up planned | Suggested: Thu 21 Nov, 14:30 · 30 min");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_page ()), "case.schedule-follow-up", NULL));
  settle ();
  assert_shows (week.window, "Follow-up scheduled for Thu 21 Nov, 14:30");
  g_assert_cmpstr (page_state (), ==, "⚠ Safety concern · follow up · Next conversation Thu 14:30 · Phone");
  g_assert_cmpstr (row_state (ADA), ==, page_state ());

  /* Locked and unlocked: no name while locked, and back on the same case. */
  g_action_group_activate_action (G_ACTION_GROUP (week.app), "lock", NULL);
  settle ();
  g_assert_true (is_locked ());
  assert_hides (week.window, "Ada");
  unlock ();
  assert_on (ADA);
  g_assert_true (g_str_has_prefix (page_state (), "⚠ Safety concern · follow up"));
}

static void
wednesday (void)
{
  /* Suspended overnight: the clock jumps, the words follow. */
  at ("2024-11-20T08:30:00");
  g_assert_cmpstr (row_state (ADA), ==,
                   "⚠ Safety concern · follow up · Next conversation tomorrow at 14:30 · Phone");
  g_assert_cmpstr (row_state (BEN), ==, "First contact due today");
  expect_no_notification ();
  /* The morning it is due. */
  at ("2024-11-20T09:05:00");
  assert_notified ("First contact due today", "A colleague who asked for support is waiting to hear from you.");
}

static void
wednesday_french (void)
{
  assert_shows (week.window, "Dossiers");
  assert_shows (week.window, "Agenda");
  assert_hides (week.window, "Caseload");
  open_case (BEN);
  assert_on (BEN);
  assert_suggests ("Noter une tentative");
  g_assert_cmpstr (page_state (), ==, "Premier contact attendu aujourd’hui");
  g_assert_true (g_str_has_prefix (row_state (ADA), "⚠ "));
  /* In French words, whatever the translators settle on. */
  g_assert_true (g_str_has_suffix (row_state (ADA), " 14:30 · Téléphone"));
  g_assert_null (strstr (row_state (ADA), "Next conversation"));
  g_assert_null (strstr (row_state (ADA), "Safety concern"));
  show_view ("schedule");
  assert_shows (schedule_view (), "Aujourd’hui | " BEN " | Premier contact attendu aujourd’hui");
  show_view ("overview");
  assert_shows (week.window, "Vue d’ensemble");
  assert_hides (week.window, "Overview");
  shoot ("wed-french");
}

static void
thursday (void)
{
  PsConversationPage *talk;
  GtkWidget *dialog;

  /* A day at 360 px. */
  gtk_window_set_default_size (GTK_WINDOW (week.window), 360, 720);
  at ("2024-11-21T08:30:00");
  g_assert_cmpstr (row_state (BEN), ==, "First contact overdue by 1 day");
  g_assert_cmpstr (row_state (ADA), ==,
                   "⚠ Safety concern · follow up · Next conversation today at 14:30 · Phone");
  g_assert_true (gtk_widget_is_drawable (ps_test_find_type (GTK_WIDGET (week.window), ADW_TYPE_VIEW_SWITCHER_BAR)));

  /* After a critical incident, a debrief with a team of eight at the next
   * full hour; not "held" before it is, and saying what to do instead. The
   * overdue first contact is said at 09:00. */
  at ("2024-11-21T10:00:00");
  assert_notified ("First contact overdue", "A colleague who asked for support has not been reached yet.");
  show_view ("schedule");
  g_assert_true (gtk_widget_activate_action (schedule_view (), "schedule.new-group-debrief", NULL));
  dialog = toplevel (PS_TYPE_GROUP_DEBRIEF_DIALOG);
  ps_group_debrief_dialog_set_prompt (PS_GROUP_DEBRIEF_DIALOG (dialog), PS_GROUP_PROMPT_CRITICAL_INCIDENT);
  ps_group_debrief_dialog_set_headcount (PS_GROUP_DEBRIEF_DIALOG (dialog), 8, 1);
  ps_group_debrief_dialog_set_held (PS_GROUP_DEBRIEF_DIALOG (dialog), TRUE);
  g_assert_cmpstr (ps_group_debrief_dialog_get_error (PS_GROUP_DEBRIEF_DIALOG (dialog)), ==,
                   "A debrief still to come cannot be held yet. Choose the time it was held, "
                   "or the status To come.");
  ps_group_debrief_dialog_set_held (PS_GROUP_DEBRIEF_DIALOG (dialog), FALSE);
  g_assert_true (ps_group_debrief_dialog_save (PS_GROUP_DEBRIEF_DIALOG (dialog)));
  settle ();
  assert_shows (schedule_view (), "Today | Group debrief · 8 people | 11:00 · 60 min · In person");

  /* Held, logged from the Schedule: it leaves it. */
  at ("2024-11-21T12:15:00");
  {
    GtkWidget *row = ps_test_find_row (schedule_view (), "Group debrief · 8 people");

    g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  }
  dialog = toplevel (PS_TYPE_GROUP_DEBRIEF_DIALOG);
  ps_group_debrief_dialog_set_held (PS_GROUP_DEBRIEF_DIALOG (dialog), TRUE);
  g_assert_cmpstr (ps_group_debrief_dialog_get_error (PS_GROUP_DEBRIEF_DIALOG (dialog)), ==, NULL);
  g_assert_true (ps_group_debrief_dialog_save (PS_GROUP_DEBRIEF_DIALOG (dialog)));
  settle ();
  assert_hides (schedule_view (), "Group debrief");
  assert_shows (schedule_view (), "Overdue | " BEN " | First contact overdue · due Wed 20 Nov");

  /* The follow-up: reminded, opened from the Schedule, held without a concern. */
  at ("2024-11-21T14:20:00");
  assert_notified ("Peer support conversation at 14:30", "Phone · in 10 minutes");
  at ("2024-11-21T14:30:00");
  /* The follow-up says what it follows, in the Schedule as in the list. */
  assert_shows (schedule_view (), "Today | " ADA " | ⚠ Safety concern · 14:30 · 30 min · Phone · starting now");
  /* Its row in the Schedule starts it. */
  {
    GtkWidget *row = ps_test_find_row (schedule_view (), ADA);

    g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  }
  talk = conversation ();
  gtk_toggle_button_set_active (ps_conversation_page_get_safety_button (talk, FALSE), TRUE);
  at ("2024-11-21T14:55:00");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (talk), "conversation.finish", NULL));
  ps_test_iterate (200);
  settle ();
  assert_hides (schedule_view (), ADA);
  show_view ("caseload");
  open_case (ADA);
  g_assert_cmpstr (page_state (), ==, "In support · 2 conversations held, none planned");
  /* Narrow, the header may shorten its words. */
  {
    g_autofree char *action = suggested_action ();

    g_assert_true (g_str_has_prefix (action, "Close"));
  }
  shoot ("thu-ada-finished-360");
}

static void
friday (void)
{
  g_autoptr(GFile) summary_file = export_file ("week-summary.csv");
  g_autoptr(GFile) rows_file = export_file ("week-cases.csv");
  g_autoptr(GFile) ics_file = export_file ("week.ics");
  g_autofree char *summary = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *ics = NULL;
  PsOverviewView *overview;
  PsConversationPage *talk;
  GtkWidget *dialog, *question;
  GDate monday, friday;

  at ("2024-11-22T10:00:00");
  g_assert_cmpstr (row_state (BEN), ==, "First contact overdue by 2 days");
  open_case (ADA);
  assert_on (ADA);

  /* Closed: the dialog says when the name goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_page ()), "case.close", NULL));
  dialog = toplevel (PS_TYPE_CLOSE_CASE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Their name and contact will be erased on 22 December 2024"));
  ps_close_case_dialog_set_status (PS_CLOSE_CASE_DIALOG (dialog), PS_CLOSURE_COMPLETED);
  ps_test_respond (ADW_MESSAGE_DIALOG (dialog), "close");
  settle ();
  /* No safety question: the follow-up was held without a concern. */
  g_assert_null (ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  assert_shows (week.window, "Case closed");
  g_assert_cmpstr (page_state (), ==, "Closed · support completed");
  assert_on (ADA);
  g_assert_cmpstr (ps_caseload_view_get_scope_count (caseload (), FALSE), ==, "1");
  g_assert_cmpstr (ps_caseload_view_get_scope_count (caseload (), TRUE), ==, "1");

  /* A conversation started with Ben by mistake, discarded at once. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (caseload ()),
                                                                                 PS_TYPE_CASELOAD_VIEW,
                                                                                 "open_toggle")), TRUE);
  settle ();
  open_case (BEN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_page ()), "case.start-conversation", NULL));
  talk = conversation ();
  gtk_widget_activate_action (GTK_WIDGET (talk), "conversation.back", NULL);
  question = toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, "Leave the Conversation?");
  ps_test_respond (ADW_MESSAGE_DIALOG (question), "discard");
  g_assert_null (ps_test_find_conversation ());
  settle ();
  assert_shows (case_page (), "No conversations yet");

  /* The week's Overview. */
  show_view ("overview");
  overview = PS_OVERVIEW_VIEW (ps_test_find_type (GTK_WIDGET (week.window), PS_TYPE_OVERVIEW_VIEW));
  g_date_clear (&monday, 1);
  g_date_clear (&friday, 1);
  g_date_set_dmy (&monday, 18, 11, 2024);
  g_date_set_dmy (&friday, 22, 11, 2024);
  ps_overview_view_set_custom_period (overview, &monday, &friday);
  settle ();
  assert_shows (overview, "2 | Cases requested | 1 still open");
  assert_shows (overview, "50% | Conversations with a safety concern | 1 of 2 held");
  assert_shows (overview, "9 | People reached | 1 one-to-one · 8 in groups");
  assert_shows (overview, "1 | Group debriefs held");
  shoot ("fri-overview");
  g_assert_true (ps_overview_view_export_to_file (overview, "summary", summary_file, NULL));
  g_assert_true (ps_overview_view_export_to_file (overview, "rows", rows_file, NULL));
  summary = read_file ("week-summary.csv");
  rows = read_file ("week-cases.csv");
  g_test_message ("%s\n%s", summary, rows);
  g_assert_nonnull (strstr (rows, "2024-W47,adverse-event,2024-W47,0,2,yes,completed,2024-W47\r\n"));
  g_assert_nonnull (strstr (rows, "2024-W47,burnout,,,0,no,open,\r\n"));
  g_assert_null (strstr (rows, "Ada"));

  /* Locked from the Overview (toasts still offering to undo the close and
   * the discard),
   * unlocked back on it, with the week still chosen. */
  g_action_group_activate_action (G_ACTION_GROUP (week.app), "lock", NULL);
  settle ();
  g_assert_true (is_locked ());
  unlock ();
  g_assert_cmpstr (ps_window_get_visible_view (week.window), ==, "overview");
  overview = PS_OVERVIEW_VIEW (ps_test_find_type (GTK_WIDGET (week.window), PS_TYPE_OVERVIEW_VIEW));
  g_assert_cmpint (ps_overview_view_get_period (overview), ==, PS_OVERVIEW_PERIOD_CUSTOM);
  assert_shows (overview, "9 | People reached | 1 one-to-one · 8 in groups");

  /* The week's iCalendar: from today nothing is planned, and the dialog
   * says so instead of writing an empty calendar. */
  show_view ("schedule");
  g_assert_true (gtk_widget_activate_action (schedule_view (), "schedule.export", NULL));
  dialog = toplevel (PS_TYPE_EXPORT_DIALOG);
  g_assert_false (ps_export_dialog_save_to (PS_EXPORT_DIALOG (dialog), ics_file));
  assert_shows (dialog, "Nothing is planned or due in these days.");
  g_assert_false (g_file_query_exists (ics_file, NULL));
  ps_date_row_set_date (PS_DATE_ROW (ps_test_find_type (dialog, PS_TYPE_DATE_ROW)), &monday);
  assert_hides (dialog, "Nothing is planned");
  g_object_ref (dialog);
  g_assert_true (ps_export_dialog_save_to (PS_EXPORT_DIALOG (dialog), ics_file));
  ps_test_wait_gone (dialog);
  ics = read_file ("week.ics");
  g_test_message ("%s", ics);
  g_assert_nonnull (strstr (ics, "DTSTART:20241119T133000Z"));
  g_assert_nonnull (strstr (ics, "DTSTART:20241121T133000Z"));
  g_assert_null (strstr (ics, "Ada"));
  g_assert_null (strstr (ics, "Ben"));
}

static void
monday_to_tuesday (void)
{
  monday ();
  tuesday ();
}

static void
tuesday_to_wednesday (void)
{
  tuesday_restart ();
  wednesday ();
}

static void
thursday_to_friday (void)
{
  thursday ();
  gtk_window_set_default_size (GTK_WINDOW (week.window), 1280, 800);
  friday ();
}

/* The size the next start opens at, as the window keeps it. */
static void
window_size (int width,
             int height)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
}

static void
test_week (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) monday_morning = g_date_time_new (paris, 2024, 11, 18, 9, 0, 0);

  week.clock = ps_clock_new_fake (monday_morning);
  ps_clock_set_timezone (week.clock, paris);
  week.seen = ps_test_notify_count ();

  window_size (1280, 800);
  /* Monday into Tuesday afternoon: the app runs overnight. */
  live (monday_to_tuesday);
  /* Quit halfway through a conversation, started again. */
  live (tuesday_to_wednesday);
  /* Started again in French. */
  ps_test_speak ("fr");
  live (wednesday_french);
  ps_test_speak ("en");
  live (thursday_to_friday);

  g_clear_object (&week.clock);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Seven days of frames: drawn by the CPU's cairo rather than GL emulated
   * by it (llvmpipe), three times faster under Xvfb. The words are the same. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  week.data_home = ps_test_session_init (&argc, &argv);
  ps_test_notify_start ();
  g_test_add_func ("/week/walk", test_week);

  ret = g_test_run ();
  ps_remove_tree (week.data_home);
  g_free (week.data_home);
  return ret;
}
