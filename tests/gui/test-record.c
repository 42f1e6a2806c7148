/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The record a supporter can trust, through the real widgets on a real
 * SQLCipher store opened through the real keyring, with a fake clock:
 * recording afterwards (an attempt at an earlier time, a conversation held
 * without the app), a safety concern followed through from the case page
 * (the program contacts, a follow-up in one click, a question before
 * closing otherwise), and the whole sequence in the main window
 * across a restart, ending with the Overview, CSV and iCalendar agreeing
 * with the case page. */

#include "config.h"

#include <string.h>

#include "ps-case-page.h"
#include "ps-case-row.h"
#include "ps-caseload-view-private.h"
#include "ps-checklist.h"
#include "ps-close-case-dialog.h"
#include "ps-conversation-page-private.h"
#include "ps-crisis-contacts.h"
#include "ps-csv-export.h"
#include "ps-grid-row.h"
#include "ps-ical-export.h"
#include "ps-overview-view.h"
#include "ps-record-dialog-private.h"
#include "ps-resources.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-time-row.h"

#define PROGRAM_CONTACT "Program Coordinator (fictional)"

typedef struct
{
  PsTestContext  tc;
  GtkWindow  *window;
  PsCasePage *page;
} Fixture;

static char *data_home;

/* Fixture ------------------------------------------------------------------ */

/* Thursday 14 November 2024, 10:00 UTC; the folder in the session's data
 * folder (set in main). */
static PsTestContextOptions options = {
  .now = "2024-11-14T10:00:00",
  .tz = "UTC",
  .unopened = TRUE,
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ps_test_context_set_up (&f->tc, &options);
  g_assert_true (ps_program_contacts_add (f->tc.settings, PROGRAM_CONTACT, "555-0199"));
  ps_test_context_open (&f->tc);

  f->page = ps_case_page_new (f->tc.context);
  f->window = ps_test_present (GTK_WIDGET (f->page), 1000, 900);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ps_test_destroy_windows ();
  ps_test_context_tear_down (&f->tc, &options);
}

static PsCase *
show_case (Fixture    *f,
           const char *name)
{
  PsCase *item = ps_test_add_case (f->tc.store, name, "2024-11-12");

  ps_case_page_set_case (f->page, item);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  return item;
}

/* Helpers ------------------------------------------------------------------ */

static const char *
state_line (PsCasePage *page)
{
  return gtk_label_get_text (GTK_LABEL (ps_test_find_named (GTK_WIDGET (page), "state-line")));
}

static GtkListBoxRow *
list_row (PsCasePage *page,
          const char *list,
          guint       index)
{
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (ps_test_find_named (GTK_WIDGET (page), list)),
                                        index);
}

static guint
count_rows (PsCasePage *page,
            const char *list)
{
  guint n = 0;

  while (list_row (page, list, n) != NULL)
    n++;
  return n;
}

static PsRecordDialog *
open_record (Fixture    *f,
             const char *button)
{
  PsRecordDialog *dialog;

  ps_test_click (ps_test_find_button (GTK_WIDGET (f->page), button));
  dialog = PS_RECORD_DIALOG (ps_test_find_toplevel (PS_TYPE_RECORD_DIALOG));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

static GtkEditable *
time_entry (PsRecordDialog *dialog)
{
  return ps_time_row_get_entry (PS_TIME_ROW (ps_test_find_type (GTK_WIDGET (dialog),
                                                                PS_TYPE_TIME_ROW)));
}

/* Typed into the one time field, as "08:15". */
static void
type_time (PsRecordDialog *dialog,
           const char     *text)
{
  gtk_editable_set_text (time_entry (dialog), text);
}

/* The first four steps to tick (not the safety answer). */
static void
four_steps (const char *ids[4])
{
  const PsChecklist *checklist = ps_checklist_get (PS_CHECKLIST_VERSION);
  guint n = 0;

  for (guint p = 0; p < ps_checklist_get_n_phases (checklist) && n < 4; p++)
    {
      const PsChecklistPhase *phase = ps_checklist_get_phase (checklist, p);

      for (guint s = 0; s < ps_checklist_phase_get_n_steps (phase) && n < 4; s++)
        {
          const PsChecklistStep *step = ps_checklist_phase_get_step (phase, s);

          if (ps_checklist_step_get_kind (step) == PS_CHECKLIST_STEP_CHECK)
            ids[n++] = ps_checklist_step_get_id (step);
        }
    }
  g_assert_cmpuint (n, ==, 4);
}

static PsConversation *
hold_with_concern (Fixture    *f,
                   PsCase     *item,
                   const char *iso)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (iso, NULL);
  const char * const steps[] = { PS_CHECKLIST_SAFETY_STEP, NULL };
  g_autoptr(GError) error = NULL;
  PsConversation *held;

  held = ps_store_add_held_conversation (f->tc.store, ps_case_get_id (item), at, 30,
                                         PS_MODALITY_PHONE, steps, TRUE, &error);
  g_assert_no_error (error);
  return held;
}

static GtkWidget *
follow_up_group (PsCasePage *page)
{
  return ps_test_find_named (GTK_WIDGET (page), "safety-follow-up");
}

/* Afterwards --------------------------------------------------------------- */

/* An attempt at an earlier time: now by default; a time still to come is
 * refused, saying why; an earlier one is logged at that time. */
static void
test_earlier_attempt (Fixture       *f,
                      gconstpointer  data)
{
  PsCase *item = show_case (f, "Dr. Ada Placeholder");
  PsRecordDialog *dialog = open_record (f, "Lo_g Earlier…");
  GtkWidget *save = ps_test_find_button (GTK_WIDGET (dialog), "_Log");
  g_autofree char *expected = NULL;

  g_assert_true (g_str_has_prefix (gtk_editable_get_text (time_entry (dialog)), "10:"));
  g_assert_null (ps_record_dialog_get_error (dialog));
  ps_test_screenshot (GTK_WIDGET (dialog), "record-attempt.png");

  type_time (dialog, "10:30");
  g_assert_cmpstr (ps_record_dialog_get_error (dialog), ==,
                   "This time is still to come. Choose when the attempt was made.");
  g_assert_false (gtk_widget_is_sensitive (save));

  /* No time at all: said so, never taken as midnight or 23:59. */
  type_time (dialog, "25:00");
  g_assert_cmpstr (ps_record_dialog_get_error (dialog), ==,
                   "Type a time between 00:00 and 23:59, such as 14:30.");
  g_assert_false (gtk_widget_is_sensitive (save));

  type_time (dialog, "8h15");
  adw_combo_row_set_selected (ps_record_dialog_get_outcome_row (dialog), PS_CONTACT_LEFT_MESSAGE);
  g_assert_null (ps_record_dialog_get_error (dialog));
  g_object_ref (dialog);
  ps_test_click (save);
  ps_test_wait_gone (GTK_WIDGET (dialog));

  expected = g_strdup_printf ("%s · Thu 14 Nov, 08:15", ps_contact_outcome_to_label (PS_CONTACT_LEFT_MESSAGE));
  g_assert_cmpuint (count_rows (f->page, "attempts-list"), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (list_row (f->page, "attempts-list", 0))),
                   ==, expected);
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
}

/* A conversation held without the app, with its steps and the concern:
 * the case is flagged and its page says what to do next — the program's
 * contacts and a follow-up, at the concern's time two days on, moved half
 * an hour where it would overlap another conversation, scheduled in one
 * click. */
static void
test_held_earlier_and_follow_up (Fixture       *f,
                                 gconstpointer  data)
{
  PsCase *other = ps_test_add_case (f->tc.store, "Dr. Ben Example", "2024-11-12");
  PsCase *item = show_case (f, "Dr. Ada Placeholder");
  g_autoptr(GDateTime) busy = g_date_time_new_utc (2024, 11, 16, 9, 0, 0);
  g_autoptr(PsConversation) planned = NULL;
  g_autoptr(GListModel) conversations = NULL;
  g_autoptr(PsConversation) follow_up = NULL;
  g_autoptr(GError) error = NULL;
  PsRecordDialog *dialog;
  GtkWidget *save;
  AdwActionRow *row;
  const char *steps[4];

  planned = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (other), busy, 30,
                                            PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);

  dialog = open_record (f, "_Add Held Earlier…");
  save = ps_test_find_button (GTK_WIDGET (dialog), "_Add");
  /* Half an hour ago, on the quarter hour. */
  g_assert_cmpstr (gtk_editable_get_text (time_entry (dialog)), ==, "09:30");

  /* Tomorrow has not happened yet. */
  {
    GDate tomorrow;

    g_date_clear (&tomorrow, 1);
    g_date_set_dmy (&tomorrow, 15, 11, 2024);
    ps_date_row_set_date (ps_record_dialog_get_date_row (dialog), &tomorrow);
    g_assert_cmpstr (ps_record_dialog_get_error (dialog), ==,
                     "This time is still to come. Choose when the conversation started.");
    g_assert_false (gtk_widget_is_sensitive (save));
    g_date_set_dmy (&tomorrow, 14, 11, 2024);
    ps_date_row_set_date (ps_record_dialog_get_date_row (dialog), &tomorrow);
  }

  type_time (dialog, "9:00");
  four_steps (steps);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    gtk_widget_activate (GTK_WIDGET (ps_record_dialog_get_step_check (dialog, steps[i])));
  gtk_toggle_button_set_active (ps_record_dialog_get_concern_button (dialog, TRUE), TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  ps_test_screenshot (GTK_WIDGET (dialog), "record-held-earlier.png");
  g_object_ref (dialog);
  ps_test_click (save);
  ps_test_wait_gone (GTK_WIDGET (dialog));

  /* Held, with its five answers (four steps and the safety question). */
  conversations = ps_store_list_conversations (f->tc.store, ps_case_get_id (item));
  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);
  {
    g_autoptr(PsConversation) held = g_list_model_get_item (conversations, 0);

    g_assert_cmpint (ps_conversation_get_state (held), ==, PS_CONVERSATION_COMPLETED);
    g_assert_true (ps_conversation_get_safety_concern (held));
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      g_assert_true (ps_conversation_has_covered_step (held, steps[i]));
    g_assert_true (ps_conversation_has_covered_step (held, PS_CHECKLIST_SAFETY_STEP));
  }
  {
    GtkListBoxRow *held_row = list_row (f->page, "conversations-list", 0);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (held_row)), ==, "Thu 14 Nov, 09:00");
    g_assert_nonnull (strstr (ps_grid_row_get_subtitle (PS_GRID_ROW (held_row)), "safety concern raised"));
  }

  /* Flagged, and what to do next. */
  g_assert_true (ps_case_get_safety_concern (item));
  g_assert_true (g_str_has_prefix (state_line (f->page), "⚠ Safety concern · follow up"));
  g_assert_true (gtk_widget_is_drawable (follow_up_group (f->page)));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (follow_up_group (f->page))),
                            "by Sat 16 Nov 2024"));
  row = ADW_ACTION_ROW (ps_test_find_row (follow_up_group (f->page), "No follow-up planned"));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Suggested: Sat 16 Nov, 09:30 · 30 min");
  g_assert_nonnull (ps_test_find_row (follow_up_group (f->page), PROGRAM_CONTACT));
  ps_test_screenshot (GTK_WIDGET (f->window), "case-page-safety-follow-up.png");

  /* One click. */
  ps_test_click (ps_test_find_button (follow_up_group (f->page), "Schedule _Follow-up"));
  g_clear_object (&conversations);
  conversations = ps_store_list_planned_conversations (f->tc.store);
  for (guint i = 0; i < g_list_model_get_n_items (conversations); i++)
    {
      g_autoptr(PsConversation) c = g_list_model_get_item (conversations, i);

      if (ps_conversation_get_case_id (c) == ps_case_get_id (item))
        g_set_object (&follow_up, c);
    }
  g_assert_nonnull (follow_up);
  g_assert_cmpint (ps_conversation_get_case_id (follow_up), ==, ps_case_get_id (item));
  g_assert_cmpint (ps_conversation_get_state (follow_up), ==, PS_CONVERSATION_SCHEDULED);
  {
    g_autofree char *iso = g_date_time_format_iso8601 (ps_conversation_get_starts_at (follow_up));

    g_assert_cmpstr (iso, ==, "2024-11-16T09:30:00Z");
  }
  row = ADW_ACTION_ROW (ps_test_find_row (follow_up_group (f->page), "Follow-up planned"));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Sat 16 Nov, 09:30");
  g_assert_false (gtk_widget_get_visible (ps_test_find_button (follow_up_group (f->page), "Schedule _Follow-up")));
  /* Still flagged: only a later conversation without concern clears it. */
  g_assert_true (ps_case_get_safety_concern (item));
  g_assert_cmpuint (count_rows (f->page, "conversations-list"), ==, 2);
}

/* The follow-up days are a setting; a narrow window still shows it all. */
static void
test_follow_up_days (Fixture       *f,
                     gconstpointer  data)
{
  PsCase *item = show_case (f, "Dr. Ada Placeholder");
  g_autoptr(PsConversation) held = NULL;
  AdwActionRow *row;

  g_settings_set_int (f->tc.settings, "safety-follow-up-days", 4);
  held = hold_with_concern (f, item, "2024-11-13T15:00:00Z");
  row = ADW_ACTION_ROW (ps_test_find_row (follow_up_group (f->page), "No follow-up planned"));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Suggested: Sun 17 Nov, 15:00 · 30 min");

  gtk_window_set_default_size (f->window, 360, 720);
  ps_test_iterate (200);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  ps_test_screenshot (GTK_WIDGET (f->window), "case-page-safety-follow-up-360.png");
}

static void
choose_closure (Fixture         *f,
                PsClosureStatus  status)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.close", NULL));
  dialog = ps_test_find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG);
  g_assert_nonnull (dialog);
  ps_close_case_dialog_set_status (PS_CLOSE_CASE_DIALOG (dialog), status);
  ps_test_respond (ADW_MESSAGE_DIALOG (dialog), "close");
}

static AdwMessageDialog *
confirmation (void)
{
  GtkWidget *dialog = ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && !PS_IS_CLOSE_CASE_DIALOG (dialog) ? ADW_MESSAGE_DIALOG (dialog) : NULL;
}

/* Closing a flagged case other than as escalated or referred asks first;
 * closing clears the flag everywhere: the case, its page, the planner. */
static void
test_close_asks (Fixture       *f,
                 gconstpointer  data)
{
  PsCase *item = show_case (f, "Dr. Ada Placeholder");
  g_autoptr(PsConversation) held = hold_with_concern (f, item, "2024-11-14T09:00:00Z");
  AdwMessageDialog *question;
  GError *error = NULL;

  choose_closure (f, PS_CLOSURE_COMPLETED);
  question = confirmation ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Close Case Despite the Safety Concern?");
  /* Names no one. */
  g_assert_null (strstr (adw_message_dialog_get_body (question), "Placeholder"));
  ps_test_respond (question, "cancel");
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_IN_SUPPORT);
  g_assert_true (ps_case_get_safety_concern (item));

  choose_closure (f, PS_CLOSURE_COMPLETED);
  ps_test_respond (confirmation (), "close");
  g_assert_cmpint (ps_case_get_closure_status (item), ==, PS_CLOSURE_COMPLETED);
  g_assert_false (ps_case_get_safety_concern (item));
  g_assert_false (gtk_widget_get_visible (follow_up_group (f->page)));
  g_assert_true (g_str_has_prefix (state_line (f->page), "Closed · "));

  /* Reopened, the concern is still there to follow up; escalated asks nothing. */
  g_assert_true (ps_store_reopen_case (f->tc.store, ps_case_get_id (item), &error));
  g_assert_no_error (error);
  g_assert_true (ps_case_get_safety_concern (item));
  choose_closure (f, PS_CLOSURE_ESCALATED);
  g_assert_null (confirmation ());
  g_assert_cmpint (ps_case_get_closure_status (item), ==, PS_CLOSURE_ESCALATED);
  g_assert_false (ps_case_get_safety_concern (item));
}

/* The sequence ----------------------------------------------------- */

typedef struct
{
  PsWindow       *window;
  PsCaseloadView *caseload;
  PsCasePage     *page;
} Main;

static void
main_open (Fixture *f,
           Main    *m)
{
  m->window = g_object_new (PS_TYPE_WINDOW, "context", f->tc.context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (m->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (m->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (m->window));
  ps_test_iterate (200);
  m->caseload = ps_window_get_caseload_view (m->window);
  m->page = ps_caseload_view_get_case_page (m->caseload);
}

/* Closes the window, the context and its store, as quitting does. */
static void
main_close (Fixture *f,
            Main    *m)
{
  gtk_window_destroy (GTK_WINDOW (m->window));
  ps_test_iterate (100);
  *m = (Main) { 0 };
  ps_test_context_close (&f->tc);
}

static gboolean
is_case_row_titled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return PS_IS_CASE_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (ps_case_row_get_title (PS_CASE_ROW (widget)), data) == 0;
}

static PsCaseRow *
caseload_row (Main       *m,
              const char *name)
{
  GtkWidget *row = ps_test_find_widget (GTK_WIDGET (m->caseload), is_case_row_titled, name);

  g_assert_nonnull (row);
  return PS_CASE_ROW (row);
}

static PsConversationPage *
conversation_page (void)
{
  PsConversationPage *page = ps_test_find_conversation ();

  g_assert_nonnull (page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))));
  return page;
}

/* Leaves the conversation as its Back button does, and answers. */
static void
leave_conversation (PsConversationPage *page,
                    const char         *response)
{
  AdwMessageDialog *question;

  gtk_widget_activate_action (GTK_WIDGET (page), "conversation.back", NULL);
  question = ADW_MESSAGE_DIALOG (ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Leave the Conversation?");
  ps_test_respond (question, response);
  g_assert_null (ps_test_find_conversation ());
}

static gboolean
resume_offer_gone (gpointer window)
{
  return !ps_test_shows_button (window, "_Resume") && !ps_test_shows_button (window, "Resume");
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Start → four steps → Concern Raised → close (Keep) → quit and start
 * again → Resume from the caseload row: the same conversation, its steps
 * and its concern → Finish → the case first in the caseload, flagged, its
 * follow-up planned in one click; the Overview, the CSV and the iCalendar
 * export say what the case page says. */
static void
test_agreement (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) busy = g_date_time_new_utc (2024, 11, 16, 10, 0, 0);
  g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 11, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2024, 12, 1, 0, 0, 0);
  g_autoptr(PsConversation) routine = NULL;
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(GListModel) conversations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *uid = NULL;
  PsConversationPage *talk;
  PsStatistics *statistics;
  GtkWidget *overview;
  PsCase *item, *other;
  gint64 case_id, conversation_id;
  const char *steps[4];
  Main m = { 0 };

  /* Not this test's page: the main window's. */
  gtk_window_destroy (f->window);
  f->window = NULL;
  f->page = NULL;

  /* A demo-like caseload: the colleague reached, another with a routine
   * conversation planned (at the time the follow-up would take). */
  item = ps_test_add_case (f->tc.store, "Dr. Finn Dummy", "2024-11-12");
  case_id = ps_case_get_id (item);
  other = ps_test_add_case (f->tc.store, "Dr. Ben Example", "2024-11-11");
  g_assert_true (ps_store_log_contact_attempt (f->tc.store, case_id, ps_clock_get_now_utc (f->tc.clock),
                                               PS_CONTACT_REACHED, &error));
  routine = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (other), busy, 30,
                                            PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);

  main_open (f, &m);
  ps_caseload_view_open_case (m.caseload, item);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (m.page), "case.start-conversation", NULL));
  talk = conversation_page ();
  conversation_id = ps_conversation_get_id (ps_conversation_page_get_conversation (talk));
  four_steps (steps);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (talk, steps[i])));
  gtk_toggle_button_set_active (ps_conversation_page_get_safety_button (talk, TRUE), TRUE);
  ps_clock_advance (f->tc.clock, 5 * G_TIME_SPAN_MINUTE);
  leave_conversation (talk, "keep");

  /* Kept: the caseload row offers to resume it. */
  g_assert_nonnull (ps_case_row_get_resume_button (caseload_row (&m, "Dr. Finn Dummy")));
  g_assert_null (ps_case_row_get_resume_button (caseload_row (&m, "Dr. Ben Example")));

  /* A real restart on the same files, a minute later. */
  main_close (f, &m);
  ps_clock_advance (f->tc.clock, G_TIME_SPAN_MINUTE);
  ps_test_context_restart (&f->tc);
  main_open (f, &m);
  item = ps_store_lookup_case (f->tc.store, case_id);
  g_assert_null (ps_test_find_conversation ());
  /* Offered twice: on the caseload row and in the start-up toast. */
  g_assert_true (ps_test_shows_button (GTK_WIDGET (m.window), "_Resume"));
  ps_test_screenshot (GTK_WIDGET (m.window), "agreement-resume-row.png");
  gtk_window_set_default_size (GTK_WINDOW (m.window), 360, 720);
  ps_test_iterate (300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (m.window));
  ps_test_screenshot (GTK_WIDGET (m.window), "agreement-resume-row-360.png");
  gtk_window_set_default_size (GTK_WINDOW (m.window), 1280, 800);
  ps_test_iterate (300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (m.window));

  ps_test_click (ps_case_row_get_resume_button (caseload_row (&m, "Dr. Finn Dummy")));
  talk = conversation_page ();
  g_assert_cmpint (ps_conversation_get_id (ps_conversation_page_get_conversation (talk)), ==, conversation_id);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (talk, steps[i])));
  g_assert_true (gtk_toggle_button_get_active (ps_conversation_page_get_safety_button (talk, TRUE)));
  g_assert_cmpstr (ps_conversation_page_get_time_text (talk), ==, "06:00 of 30 min");
  g_assert_true (ps_case_page_get_case (m.page) == item);
  leave_conversation (talk, "finish");

  /* One conversation, held, with its steps and its concern. */
  conversations = ps_store_list_conversations (f->tc.store, case_id);
  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);
  held = g_list_model_get_item (conversations, 0);
  g_assert_cmpint (ps_conversation_get_id (held), ==, conversation_id);
  g_assert_cmpint (ps_conversation_get_state (held), ==, PS_CONVERSATION_COMPLETED);
  g_assert_true (ps_conversation_get_safety_concern (held));
  g_assert_cmpuint (ps_case_get_n_completed_conversations (item), ==, 1);
  /* Nothing left in progress: the start-up offer to resume is gone too. */
  g_assert_true (ps_test_wait_for (resume_offer_gone, m.window, 5000));

  /* Flagged at the top of the caseload, with no Resume left. */
  {
    g_autoptr(PsCase) first = g_list_model_get_item (ps_caseload_view_get_visible_cases (m.caseload), 0);
    PsCaseRow *row = caseload_row (&m, "Dr. Finn Dummy");

    g_assert_true (first == item);
    g_assert_true (g_str_has_prefix (ps_case_row_get_state_line (row), "⚠ Safety concern · follow up"));
    g_assert_null (ps_case_row_get_resume_button (row));
  }

  /* The follow-up, two days on at the same time, past the routine one. */
  ps_test_click (ps_test_find_button (follow_up_group (m.page), "Schedule _Follow-up"));
  g_assert_nonnull (ps_test_find_row (follow_up_group (m.page), "Follow-up planned"));
  g_assert_nonnull (strstr (state_line (m.page), "Next conversation"));
  g_assert_true (g_str_has_prefix (state_line (m.page), "⚠ Safety concern"));
  ps_test_screenshot (GTK_WIDGET (m.window), "agreement-case-page.png");

  /* The Overview. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (m.window), "win.show-overview", NULL));
  overview = ps_test_find_type (GTK_WIDGET (m.window), PS_TYPE_OVERVIEW_VIEW);
  g_assert_nonnull (overview);
  statistics = ps_overview_view_get_statistics (PS_OVERVIEW_VIEW (overview));
  g_assert_cmpuint (ps_statistics_get_n_conversations_held (statistics), ==, 1);
  g_assert_cmpuint (ps_statistics_get_n_safety_concerns (statistics), ==, 1);
  ps_test_screenshot (GTK_WIDGET (m.window), "agreement-overview.png");

  /* The CSV: the case with one conversation and its concern. */
  csv = ps_csv_export_cases (statistics);
  g_assert_cmpuint (count (csv, ",1,yes,"), ==, 1);
  /* The summary writes a count of 1 as a small one (a 0 would show). */
  summary = ps_csv_export_summary (statistics);
  g_assert_nonnull (strstr (summary, "conversations,held,fewer than 5\r\n"));
  g_assert_nonnull (strstr (summary, "conversations,safety_concern,fewer than 5\r\n"));

  /* The iCalendar: the one held, the routine one, the follow-up; once each. */
  ics = ps_ical_export_to_string (f->tc.store, from, to, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (ics, "BEGIN:VEVENT"), ==, 3);
  uid = g_strdup_printf ("UID:conversation-%" G_GINT64_FORMAT "@peerside.invalid", conversation_id);
  g_assert_cmpuint (count (ics, uid), ==, 1);
  g_assert_cmpuint (count (ics, "DTSTART:20241114T100000Z"), ==, 1);
  g_assert_cmpuint (count (ics, "DTSTART:20241116T100000Z"), ==, 1);
  g_assert_cmpuint (count (ics, "DTSTART:20241116T103000Z"), ==, 1);
  g_assert_null (strstr (ics, "Finn"));

  main_close (f, &m);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = ps_test_session_init (&argc, &argv);
  options.parent = data_home;
  g_assert_nonnull (ps_get_resource ());

#define ADD(path, func) \
  g_test_add ("/record/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("earlier-attempt", test_earlier_attempt);
  ADD ("held-earlier-and-follow-up", test_held_earlier_and_follow_up);
  ADD ("follow-up-days", test_follow_up_days);
  ADD ("close-asks", test_close_asks);
  ADD ("agreement", test_agreement);

#undef ADD

  ret = g_test_run ();

  ps_remove_tree (data_home);
  g_free (data_home);
  return ret;
}
