/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A conversation held through the page as a supporter would: check rows,
 * the safety answer and panel, the time, finishing — on a real SQLCipher
 * store with a fake clock — and then the rows read back, through the store
 * and with raw SQL, to show nothing but ids, codes, flags and times. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlcipher/sqlite3.h>

#include "ps-case-editor.h"
#include "ps-checklist.h"
#include "ps-contacts-preferences.h"
#include "ps-conversation-page-private.h"
#include "ps-case-timeline.h"
#include "ps-window-private.h"
#include "ps-store-schema.h"
#include "ps-crisis-contacts.h"
#include "ps-grid-row.h"
#include "ps-resources.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"


typedef struct
{
  PsTestContext  tc;
  char               *path;
  GtkWindow          *window;
  GtkWidget          *main_window;   /* Peerside's, for the conversation in it */
  PsConversationPage *page;
  PsCase             *kase;
  guint               n_finished;
  PsConversationState finished_state;
} Fixture;

static void
finished_cb (PsConversationPage  *page,
             PsConversationState  state,
             Fixture             *f)
{
  f->n_finished++;
  f->finished_state = state;
}

static void
open_page (Fixture *f,
           int      width)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, width, 900);
  f->page = PS_CONVERSATION_PAGE (ps_conversation_page_new (f->tc.context));
  g_signal_connect (f->page, "finished", G_CALLBACK (finished_cb), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static void
close_page (Fixture *f)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  f->window = NULL;
  f->page = NULL;
  if (f->main_window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->main_window));
  f->main_window = NULL;
}

/* Everything that holds the store lets go, so the file can be opened again. */
static void
close_store (Fixture *f)
{
  close_page (f);
  f->kase = NULL;
  ps_test_context_close (&f->tc);
}

static const PsTestContextOptions options = { PS_TEST_STORE_TEST_KEY, PS_TEST_MONDAY };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ps_test_context_set_up (&f->tc, &options);
  f->path = ps_test_db_path (f->tc.dir);

  f->kase = ps_test_add_case (f->tc.store, "Dr. Ada Placeholder", "2024-11-17");

  open_page (f, GPOINTER_TO_INT (data) > 0 ? GPOINTER_TO_INT (data) : 1000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_page (f);
  ps_test_context_tear_down (&f->tc, &options);
  g_free (f->path);
}

static PsConversation *
start (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ps_conversation_page_start (f->page, f->kase, NULL, &error));
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->page));
  return ps_conversation_page_get_conversation (f->page);
}

static void
toggle_step (Fixture    *f,
             const char *id)
{
  GtkCheckButton *check = ps_conversation_page_get_step_check (f->page, id);

  g_assert_nonnull (check);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (check)));
  /* As a click does. */
  gtk_widget_activate (GTK_WIDGET (check));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Rows' titles and subtitles, one "title|subtitle" per row. */
static char *
describe_rows (GtkListBox *list)
{
  GString *out = g_string_new (NULL);
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (list)); child;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      g_string_append_printf (out, "%s|%s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (child)));
  return g_string_free (out, FALSE);
}

/* Icon-only buttons carry a label, and nothing in the page takes free text. */
static void
check_widget_tree_full (GtkWidget *widget,
                        gboolean   text_allowed)
{
  GtkWidget *child;

  /* Hidden internals (AdwEntryRow's unused apply button) are not seen. */
  if (!gtk_widget_get_visible (widget))
    return;
  if (!text_allowed)
    {
      g_assert_false (GTK_IS_EDITABLE (widget));
      g_assert_false (GTK_IS_TEXT_VIEW (widget));
    }
  if (GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
    if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
      g_error ("An icon-only button without an accessible label: %s",
               gtk_button_get_icon_name (GTK_BUTTON (widget)));
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_widget_tree_full (child, text_allowed);
}

static void
check_widget_tree (GtkWidget *widget)
{
  check_widget_tree_full (widget, FALSE);
}

static gboolean
is_instant (const char *text)
{
  return g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                               text, 0, 0);
}

static gboolean
is_code (const char *text)
{
  return g_regex_match_simple ("^[a-z0-9][a-z0-9._-]*$", text, 0, 0);
}

/* Reads the conversation's rows straight from the file, with the same key,
 * as someone holding the file and the key would. */
static void
assert_raw_rows (Fixture *f,
                 gint64   conversation_id,
                 guint    n_steps_expected)
{
  static const char * const columns[] = {
    "id", "case_id", "starts_at", "minutes", "modality", "state", "checklist_version",
    "safety_concern", "started_at", "ended_at",
  };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const PsChecklist *checklist = ps_checklist_get (1);
  guint n_steps = 0;
  int rc;

  rc = sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA key = \"x'" PS_TEST_KEY "'\"", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cipher_compatibility = 3", NULL, NULL, NULL), ==, SQLITE_OK);

  rc = sqlite3_prepare_v2 (db, "SELECT * FROM conversations WHERE id = ?1", -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  /* Exactly these columns: there is nowhere to put a note. */
  g_assert_cmpint (sqlite3_column_count (stmt), ==, G_N_ELEMENTS (columns));
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);
      int type = sqlite3_column_type (stmt, i);

      g_assert_cmpstr (name, ==, columns[i]);
      if (type == SQLITE_TEXT)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);

          if (!is_instant (text) && !is_code (text))
            g_error ("Column %s holds “%s”: neither a code nor a time", name, text);
        }
      else
        g_assert_cmpint (type, ==, SQLITE_INTEGER);
    }
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 5), ==, "completed");
  g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, 1);
  g_assert_true (is_instant ((const char *)sqlite3_column_text (stmt, 8)));
  g_assert_true (is_instant ((const char *)sqlite3_column_text (stmt, 9)));
  sqlite3_finalize (stmt);

  rc = sqlite3_prepare_v2 (db, "SELECT * FROM conversation_steps WHERE conversation_id = ?1",
                           -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  g_assert_cmpint (sqlite3_column_count (stmt), ==, 2);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 1);

      g_assert_cmpint (sqlite3_column_type (stmt, 0), ==, SQLITE_INTEGER);
      /* Only step ids of the checklist the conversation was held with. */
      g_assert_nonnull (ps_checklist_lookup_step (checklist, id, NULL));
      n_steps++;
    }
  g_assert_cmpuint (n_steps, ==, n_steps_expected);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_whole_conversation (Fixture       *f,
                         gconstpointer  data)
{
  const PsChecklist *checklist = ps_checklist_get (1);
  PsConversation *conv;
  g_autoptr(PsConversation) stored = NULL;
  gint64 id;
  guint n = 0;

  conv = start (f);
  g_assert_nonnull (conv);
  id = ps_conversation_get_id (conv);
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_IN_PROGRESS);
  g_assert_cmpuint (ps_conversation_get_checklist_version (conv), ==, PS_CHECKLIST_VERSION);
  g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, "0 of 14 steps");
  g_assert_cmpstr (ps_conversation_page_get_time_text (f->page), ==, "00:00 of 30 min");
  check_widget_tree (GTK_WIDGET (f->page));

  /* Every row, phase by phase; each toggle is saved at once. */
  for (guint i = 0; i < ps_checklist_get_n_phases (checklist); i++)
    {
      const PsChecklistPhase *phase = ps_checklist_get_phase (checklist, i);

      for (guint j = 0; j < ps_checklist_phase_get_n_steps (phase); j++)
        {
          const PsChecklistStep *step = ps_checklist_phase_get_step (phase, j);
          g_autofree char *expected = NULL;

          if (ps_checklist_step_get_kind (step) == PS_CHECKLIST_STEP_SAFETY_ANSWER)
            {
              g_assert_null (ps_conversation_page_get_step_check (f->page,
                                                                  ps_checklist_step_get_id (step)));
              click (GTK_WIDGET (ps_conversation_page_get_safety_button (f->page, FALSE)));
              g_assert_false (ps_conversation_page_is_safety_shown (f->page));
              g_assert_false (ps_conversation_get_safety_concern (conv));
            }
          else
            toggle_step (f, ps_checklist_step_get_id (step));

          n++;
          g_assert_true (ps_conversation_has_covered_step (conv, ps_checklist_step_get_id (step)));
          g_assert_cmpuint (g_strv_length ((char **)ps_conversation_get_covered_steps (conv)), ==, n);
          expected = g_strdup_printf ("%u of 14 steps", n);
          g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, expected);
        }
      ps_clock_advance (f->tc.clock, 2 * G_TIME_SPAN_MINUTE);
    }
  g_assert_cmpstr (ps_conversation_page_get_time_text (f->page), ==, "12:00 of 30 min");

  /* Unchecking is saved too. */
  toggle_step (f, "cope.basics");
  g_assert_false (ps_conversation_has_covered_step (conv, "cope.basics"));
  g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, "13 of 14 steps");
  toggle_step (f, "cope.basics");
  g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, "14 of 14 steps");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "conversation.finish", NULL);
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpint (f->finished_state, ==, PS_CONVERSATION_COMPLETED);
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_COMPLETED);
  /* Finished: read-only, and the clock stops. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ps_conversation_page_get_step_check (f->page, "open.introduce"))));
  ps_clock_advance (f->tc.clock, 60 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (ps_conversation_page_get_time_text (f->page), ==, "12:00 of 30 min");
  g_assert_null (ps_conversation_page_get_overtime_text (f->page));

  /* Read back through the store, from a fresh query. */
  stored = ps_store_lookup_conversation (f->tc.store, id);
  g_assert_nonnull (stored);
  g_assert_cmpint (ps_conversation_get_state (stored), ==, PS_CONVERSATION_COMPLETED);
  g_assert_cmpuint (g_strv_length ((char **)ps_conversation_get_covered_steps (stored)), ==, 14);
  g_assert_false (ps_conversation_get_safety_concern (stored));
  g_assert_nonnull (ps_conversation_get_started_at (stored));
  g_assert_nonnull (ps_conversation_get_ended_at (stored));
  g_assert_cmpint (ps_case_get_n_completed_conversations (f->kase), ==, 1);

  assert_raw_rows (f, id, 14);
}

/* Missed is for a real miss: once a step is ticked the conversation
 * happened, and it cannot be marked missed. */
static void
test_mark_missed (Fixture       *f,
                  gconstpointer  data)
{
  PsConversation *conv = start (f);

  toggle_step (f, "open.introduce");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "conversation.mark-missed", NULL);
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_IN_PROGRESS);
  g_assert_cmpuint (f->n_finished, ==, 0);

  toggle_step (f, "open.introduce");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "conversation.mark-missed", NULL);
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_MISSED);
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpint (f->finished_state, ==, PS_CONVERSATION_MISSED);
}

static void
test_safety_path (Fixture       *f,
                  gconstpointer  data)
{
  const char * const lines[] = { "us-ca-988", "uk-ie-samaritans", NULL };
  g_autoptr(GVariant) contacts = NULL;
  g_autofree char *crisis_rows = NULL;
  g_autofree char *program_rows = NULL;
  PsConversation *conv;
  PsSafetyPanel *panel;
  AdwMessageDialog *dialog;

  g_settings_set_strv (f->tc.settings, "crisis-lines", lines);
  contacts = g_variant_ref_sink (g_variant_new_parsed ("[('Program coordinator', '+1 555 0100'),"
                                                       " ('Physician health program', '555 0199')]"));
  g_settings_set_value (f->tc.settings, "program-contacts", contacts);

  conv = start (f);
  toggle_step (f, "open.introduce");
  g_assert_false (ps_conversation_page_is_safety_shown (f->page));

  click (GTK_WIDGET (ps_conversation_page_get_safety_button (f->page, TRUE)));
  g_assert_true (ps_conversation_page_is_safety_shown (f->page));
  g_assert_true (ps_conversation_get_safety_concern (conv));
  g_assert_true (ps_conversation_has_covered_step (conv, PS_CHECKLIST_SAFETY_STEP));
  g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, "2 of 14 steps");

  panel = ps_conversation_page_get_safety_panel (f->page);
  crisis_rows = describe_rows (ps_safety_panel_get_crisis_list (panel));
  g_assert_cmpstr (crisis_rows, ==,
                   "988 Suicide & Crisis Lifeline|United States\nCall or text 988, day or night\n"
                   "Samaritans|United Kingdom, Ireland\nCall 116 123, free, day or night\n");
  program_rows = describe_rows (ps_safety_panel_get_program_list (panel));
  g_assert_cmpstr (program_rows, ==,
                   "Program coordinator|+1 555 0100\nPhysician health program|555 0199\n");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->page));
  check_widget_tree (GTK_WIDGET (panel));

  /* Choosing in Preferences updates the panel. */
  {
    const char * const au[] = { "au-lifeline", NULL };
    g_autofree char *rows = NULL;

    g_settings_set_strv (f->tc.settings, "crisis-lines", au);
    rows = describe_rows (ps_safety_panel_get_crisis_list (panel));
    g_assert_cmpstr (rows, ==, "Lifeline|Australia\nCall 13 11 14, day or night\n");
  }

  /* Lines of one's own follow the directory's. */
  {
    g_autofree char *rows = NULL;

    g_assert_true (ps_phone_list_add (f->tc.settings, "custom-crisis-lines", "Local crisis team", "555 0142"));
    rows = describe_rows (ps_safety_panel_get_crisis_list (panel));
    g_assert_cmpstr (rows, ==, "Lifeline|Australia\nCall 13 11 14, day or night\n"
                               "Local crisis team|555 0142\n");
    g_settings_reset (f->tc.settings, "custom-crisis-lines");
  }

  /* A mistaken answer can be corrected: the flag follows. */
  click (GTK_WIDGET (ps_conversation_page_get_safety_button (f->page, FALSE)));
  g_assert_false (ps_conversation_page_is_safety_shown (f->page));
  g_assert_false (ps_conversation_get_safety_concern (conv));
  click (GTK_WIDGET (ps_conversation_page_get_safety_button (f->page, TRUE)));
  g_assert_true (ps_conversation_get_safety_concern (conv));

  /* Escalating asks first; cancelling changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "safety.escalate", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpint (ps_case_get_closure_status (f->kase), ==, PS_CLOSURE_NONE);

  gtk_widget_activate_action (GTK_WIDGET (panel), "safety.escalate", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  /* As closing from the case page does, it says when the name goes. */
  g_assert_true (g_str_has_suffix (adw_message_dialog_get_body (dialog),
                                   "their name and contact will be erased on 18 December 2024."));
  adw_message_dialog_response (dialog, "escalate");

  g_assert_cmpint (ps_case_get_closure_status (f->kase), ==, PS_CLOSURE_ESCALATED);
  g_assert_cmpint (ps_case_get_state (f->kase), ==, PS_CASE_STATE_CLOSED);
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_COMPLETED);
  g_assert_true (ps_conversation_get_safety_concern (conv));
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpint (f->finished_state, ==, PS_CONVERSATION_COMPLETED);
}

static void
test_over_time (Fixture       *f,
                gconstpointer  data)
{
  start (f);
  g_assert_null (ps_conversation_page_get_overtime_text (f->page));

  ps_clock_advance (f->tc.clock, 30 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (ps_conversation_page_get_time_text (f->page), ==, "30:00 of 30 min");
  g_assert_null (ps_conversation_page_get_overtime_text (f->page));

  ps_clock_advance (f->tc.clock, 2 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (ps_conversation_page_get_time_text (f->page), ==, "32:00 of 30 min");
  g_assert_cmpstr (ps_conversation_page_get_overtime_text (f->page), ==,
                   "Past the planned 30 minutes — it may be time to close");

  /* The once-a-second tick keeps it current too. */
  ps_test_iterate (1200);
  g_assert_cmpstr (ps_conversation_page_get_time_text (f->page), ==, "32:00 of 30 min");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->page));
  ps_test_screenshot (GTK_WIDGET (f->window), "conversation-over-time.png");
}

static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PsConversation) found = NULL;
  g_autoptr(GError) error = NULL;
  PsConversation *conv = start (f);
  gint64 id = ps_conversation_get_id (conv);

  toggle_step (f, "open.introduce");
  toggle_step (f, "open.confidentiality");
  click (GTK_WIDGET (ps_conversation_page_get_safety_button (f->page, TRUE)));
  ps_clock_advance (f->tc.clock, 5 * G_TIME_SPAN_MINUTE);

  /* The app stops in the middle of the conversation. */
  close_store (f);
  ps_clock_advance (f->tc.clock, 3 * G_TIME_SPAN_MINUTE);
  ps_test_context_restart (&f->tc);

  found = ps_store_find_left_in_progress (f->tc.store);
  g_assert_nonnull (found);
  g_assert_cmpint (ps_conversation_get_id (found), ==, id);
  g_assert_cmpint (ps_conversation_get_state (found), ==, PS_CONVERSATION_IN_PROGRESS);
  g_assert_true (ps_conversation_has_covered_step (found, "open.introduce"));
  g_assert_true (ps_conversation_has_covered_step (found, "open.confidentiality"));
  g_assert_true (ps_conversation_has_covered_step (found, PS_CHECKLIST_SAFETY_STEP));
  g_assert_true (ps_conversation_get_safety_concern (found));

  open_page (f, 1000);
  ps_conversation_page_set_conversation (f->page, found);
  g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (f->page, "open.introduce")));
  g_assert_false (gtk_check_button_get_active (ps_conversation_page_get_step_check (f->page, "open.time-and-place")));
  g_assert_true (gtk_toggle_button_get_active (ps_conversation_page_get_safety_button (f->page, TRUE)));
  g_assert_true (ps_conversation_page_is_safety_shown (f->page));
  g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, "3 of 14 steps");
  /* The time counts from the real start, across the restart. */
  g_assert_cmpstr (ps_conversation_page_get_time_text (f->page), ==, "08:00 of 30 min");

  /* And it carries on. */
  toggle_step (f, "listen.own-words");
  g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, "4 of 14 steps");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "conversation.finish", NULL);
  g_assert_cmpint (ps_conversation_get_state (found), ==, PS_CONVERSATION_COMPLETED);
  g_clear_object (&found);
  found = ps_store_find_left_in_progress (f->tc.store);
  g_assert_null (found);
  g_assert_no_error (error);
}

static void
test_start_scheduled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (f->tc.clock);
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(PsConversation) conv = NULL;
  GtkCheckButton *check;

  at = g_date_time_add_minutes (now, 10);
  conv = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (f->kase), at, 45,
                                         PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_SCHEDULED);

  /* Held a little early: the time counts from the real start. */
  g_assert_true (ps_conversation_page_start (f->page, f->kase, conv, &error));
  g_assert_no_error (error);
  g_assert_true (ps_conversation_page_get_conversation (f->page) == conv);
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_IN_PROGRESS);
  g_assert_nonnull (ps_conversation_get_started_at (conv));
  g_assert_true (g_date_time_equal (ps_conversation_get_started_at (conv), now));
  g_assert_cmpstr (ps_conversation_page_get_time_text (f->page), ==, "00:00 of 45 min");

  /* Check rows are check boxes, named by their step. */
  check = ps_conversation_page_get_step_check (f->page, "listen.reflect");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_ROLE_CHECKBOX);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (check),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Reflect the feelings you hear");
}

/* A conversation held with a checklist this build does not know (a newer
 * version, from a restored backup) shows no steps rather than wrong ones. */
static void
test_unknown_version (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PsConversation) conv = NULL;
  g_autoptr(PsConversation) reread = NULL;
  g_autoptr(GError) error = NULL;
  const char * const steps[] = { "open.introduce", NULL };
  sqlite3 *db = NULL;
  gint64 id;

  conv = ps_store_start_conversation (f->tc.store, ps_case_get_id (f->kase), 0, 15, PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  id = ps_conversation_get_id (conv);
  g_assert_true (ps_store_set_covered_steps (f->tc.store, id, steps, &error));
  g_assert_no_error (error);
  g_clear_object (&conv);

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA key = \"x'" PS_TEST_KEY "'\";"
                                 "PRAGMA cipher_compatibility = 3;"
                                 "UPDATE conversations SET checklist_version = 2", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  reread = ps_store_lookup_conversation (f->tc.store, id);
  g_assert_cmpuint (ps_conversation_get_checklist_version (reread), ==, 2);
  g_assert_null (ps_checklist_describe_coverage (reread));
  ps_conversation_page_set_conversation (f->page, reread);
  g_assert_null (ps_conversation_page_get_step_check (f->page, "open.introduce"));
  g_assert_null (ps_conversation_page_get_safety_button (f->page, TRUE));
  g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, "");
  /* The stored ids are left as they were. */
  g_assert_true (ps_conversation_has_covered_step (reread, "open.introduce"));
}

static void
test_privacy_subtitle (Fixture       *f,
                       gconstpointer  data)
{
  AdwWindowTitle *title = NULL;
  GtkWidget *w;

  start (f);
  /* Find the header's title. */
  for (w = GTK_WIDGET (f->page); w != NULL && !ADW_IS_WINDOW_TITLE (w); )
    {
      GtkWidget *next = gtk_widget_get_first_child (w);

      while (next == NULL && w != NULL)
        {
          next = gtk_widget_get_next_sibling (w);
          if (next == NULL)
            {
              w = gtk_widget_get_parent (w);
              if (w == GTK_WIDGET (f->page))
                w = NULL;
            }
        }
      w = next;
    }
  title = ADW_WINDOW_TITLE (w);
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Conversation");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Dr. Ada Placeholder");
  g_settings_set_boolean (f->tc.settings, "privacy-mode", TRUE);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "A. P.");
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char * const lines[] = { "us-ca-988", "uk-ie-samaritans", "au-lifeline", NULL };
  g_autoptr(GVariant) contacts = NULL;
  int width = GPOINTER_TO_INT (data);
  g_autofree char *top = g_strdup_printf ("conversation-%d.png", width);
  g_autofree char *bottom = g_strdup_printf ("conversation-%d-safety.png", width);
  GtkWidget *scrolled;
  GtkAdjustment *adj;

  g_settings_set_strv (f->tc.settings, "crisis-lines", lines);
  contacts = g_variant_ref_sink (g_variant_new_parsed ("[('Program coordinator', '+1 555 0100')]"));
  g_settings_set_value (f->tc.settings, "program-contacts", contacts);

  start (f);
  toggle_step (f, "open.introduce");
  toggle_step (f, "open.time-and-place");
  toggle_step (f, "open.confidentiality");
  toggle_step (f, "listen.own-words");
  ps_clock_advance (f->tc.clock, 12 * G_TIME_SPAN_MINUTE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->page));
  ps_test_iterate (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->page)), ==, width);
  ps_test_screenshot (GTK_WIDGET (f->window), top);

  click (GTK_WIDGET (ps_conversation_page_get_safety_button (f->page, TRUE)));
  ps_test_iterate (600);   /* the revealer's transition */
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (ps_conversation_page_get_safety_panel (f->page)),
                                      GTK_TYPE_SCROLLED_WINDOW);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  {
    graphene_point_t p;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (ps_conversation_page_get_safety_panel (f->page)),
                                             gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                             &GRAPHENE_POINT_INIT (0, 0), &p));
    gtk_adjustment_set_value (adj, p.y - 120);
  }
  ps_test_iterate (100);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->page));
  ps_test_screenshot (GTK_WIDGET (f->window), bottom);
}

static void
test_contacts_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.peerside.Peerside");
  g_autoptr(GVariant) value = NULL;
  g_auto(GStrv) lines = NULL;
  GtkWindow *window = GTK_WINDOW (adw_preferences_window_new ());
  PsContactsPreferencesPage *page;
  GtkListBox *list;
  GtkWidget *row, *button = NULL;

  page = PS_CONTACTS_PREFERENCES_PAGE (ps_contacts_preferences_page_new (settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (window, 360, 900);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The default: the region of the language (C here: the United States)
   * and all its lines, the Physician Support Line among them. */
  g_assert_cmpuint (adw_combo_row_get_selected (ps_contacts_preferences_page_get_region_row (page)), ==, 0);
  g_assert_true (gtk_check_button_get_active (ps_contacts_preferences_page_get_crisis_check (page, "us-ca-988")));
  g_assert_true (gtk_check_button_get_active (ps_contacts_preferences_page_get_crisis_check (page, "us-physician-support-line")));
  g_assert_null (ps_contacts_preferences_page_get_crisis_check (page, "uk-ie-samaritans"));
  gtk_widget_activate (GTK_WIDGET (ps_contacts_preferences_page_get_crisis_check (page, "us-physician-support-line")));
  lines = g_settings_get_strv (settings, "crisis-lines");
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_cmpstr (lines[0], ==, "us-ca-988");
  g_clear_pointer (&lines, g_strfreev);

  /* Another region offers its own lines, all chosen. */
  for (guint i = 0; i < ps_crisis_region_get_n (); i++)
    if (g_str_equal (ps_crisis_region_get (i)->id, "gb"))
      adw_combo_row_set_selected (ps_contacts_preferences_page_get_region_row (page), i);
  g_assert_null (ps_contacts_preferences_page_get_crisis_check (page, "us-ca-988"));
  g_assert_true (gtk_check_button_get_active (ps_contacts_preferences_page_get_crisis_check (page, "uk-ie-samaritans")));
  lines = g_settings_get_strv (settings, "crisis-lines");
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "uk-ie-samaritans");
  g_assert_cmpstr (lines[1], ==, "gb-practitioner-health");

  /* Lines of one's own: added, edited, removed. */
  {
    PsPhoneListGroup *own = ps_contacts_preferences_page_get_custom_group (page);
    g_autoptr(GVariant) custom = NULL;
    const char *name, *phone;

    g_assert_false (ps_phone_list_group_add (own, "Local crisis team", "soon"));
    g_assert_true (ps_phone_list_group_add (own, "Local crisis team", "555 0142"));
    g_assert_true (ps_phone_list_group_add (own, "Hospital staff line", "555 0143"));
    ps_phone_list_group_edit (own, 0);
    g_assert_true (ps_phone_list_group_add (own, "Local crisis team (nights)", "555 0144"));
    custom = g_settings_get_value (settings, "custom-crisis-lines");
    g_assert_cmpuint (g_variant_n_children (custom), ==, 2);
    g_variant_get_child (custom, 0, "(&s&s)", &name, &phone);
    g_assert_cmpstr (name, ==, "Local crisis team (nights)");
    g_assert_cmpstr (phone, ==, "555 0144");
    ps_phone_list_group_remove (own, 1);
    g_clear_pointer (&custom, g_variant_unref);
    custom = g_settings_get_value (settings, "custom-crisis-lines");
    g_assert_cmpuint (g_variant_n_children (custom), ==, 1);
    g_assert_nonnull (gtk_list_box_get_row_at_index (ps_phone_list_group_get_list (own), 0));
    g_assert_null (gtk_list_box_get_row_at_index (ps_phone_list_group_get_list (own), 1));
  }

  /* Program contacts: validated, added, removed. */
  g_assert_false (ps_contacts_preferences_page_add_contact (page, "Coordinator", "call me"));
  g_assert_false (ps_contacts_preferences_page_add_contact (page, "", "555 0100"));
  g_assert_true (ps_contacts_preferences_page_add_contact (page, " Program coordinator ", "+1 (555) 010-0100"));
  g_assert_true (ps_contacts_preferences_page_add_contact (page, "Physician health program", "555 0199"));
  value = g_settings_get_value (settings, "program-contacts");
  g_assert_cmpuint (g_variant_n_children (value), ==, 2);
  {
    const char *name, *phone;

    g_variant_get_child (value, 0, "(&s&s)", &name, &phone);
    g_assert_cmpstr (name, ==, "Program coordinator");
    g_assert_cmpstr (phone, ==, "+1 (555) 010-0100");
  }

  ps_test_screenshot (GTK_WIDGET (window), "contacts-preferences-360.png");
  list = ps_contacts_preferences_page_get_program_list (page);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  /* Preferences take a program contact's name and number: text, but not about colleagues. */
  check_widget_tree_full (GTK_WIDGET (page), TRUE);
  /* Its remove button. */
  for (GtkWidget *w = row; w != NULL; )
    {
      GtkWidget *next = gtk_widget_get_first_child (w);

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (w)), "user-trash-symbolic") == 0)
        {
          button = w;
          break;
        }
      while (next == NULL && w != row)
        {
          next = gtk_widget_get_next_sibling (w);
          if (next == NULL)
            w = gtk_widget_get_parent (w);
        }
      w = next;
    }
  g_assert_nonnull (button);
  click (button);
  g_clear_pointer (&value, g_variant_unref);
  value = g_settings_get_value (settings, "program-contacts");
  g_assert_cmpuint (g_variant_n_children (value), ==, 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));

  gtk_window_destroy (window);
  g_settings_reset (settings, "crisis-lines");
  g_settings_reset (settings, "region");
  g_settings_reset (settings, "custom-crisis-lines");
  g_settings_reset (settings, "program-contacts");
}

static PsUrgency
urgency (Fixture *f)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_local (f->tc.clock);
  PsTimelineNow at;
  PsCaseTimeline timeline;

  ps_timeline_now_init (&at, now, 2, 3);
  ps_case_timeline_init (&timeline, f->kase, &at);
  return timeline.urgency;
}

/* Peerside's window, with the caseload. */
static GtkWidget *
main_window (Fixture *f)
{
  if (f->main_window == NULL)
    {
      f->main_window = g_object_new (PS_TYPE_WINDOW, "context", f->tc.context, NULL);
      gtk_window_set_default_size (GTK_WINDOW (f->main_window), 1000, 800);
      gtk_window_present (GTK_WINDOW (f->main_window));
      gtk_test_widget_wait_for_draw (f->main_window);
      ps_test_iterate (100);
    }
  return f->main_window;
}

/* The conversation in Peerside's window, as the case page starts it. */
static PsConversationPage *
start_in_window (Fixture *f)
{
  PsConversationPage *page = ps_test_start_conversation (main_window (f), f->kase);

  g_assert_nonnull (page);
  return page;
}

/* Answers as a click on the response's button does: the dialog goes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Leaves as the Back button does and answers the question. */
static void
leave (PsConversationPage *page,
       const char         *response)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "conversation.back", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Leave the Conversation?");
  respond (dialog, response);
}

static gboolean
conversation_shown (void)
{
  return ps_test_find_conversation () != NULL;
}

/* Keep: the page goes, the conversation stays in progress, and Start
 * resumes that one — never a second, blank one. Escape stays. */
static void
test_page_keep (Fixture       *f,
                gconstpointer  data)
{
  PsConversationPage *page = start_in_window (f);
  g_autoptr(PsConversation) conv = g_object_ref (ps_conversation_page_get_conversation (page));
  g_autoptr(GListModel) all = NULL;

  gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (page, "open.introduce")));
  gtk_toggle_button_set_active (ps_conversation_page_get_safety_button (page, TRUE), TRUE);

  leave (page, "cancel");
  g_assert_true (conversation_shown ());
  leave (page, "keep");
  g_assert_false (conversation_shown ());
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_IN_PROGRESS);

  ps_clock_advance (f->tc.clock, 65 * G_TIME_SPAN_SECOND);
  page = start_in_window (f);
  g_assert_cmpint (ps_conversation_get_id (ps_conversation_page_get_conversation (page)), ==,
                   ps_conversation_get_id (conv));
  g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (page, "open.introduce")));
  g_assert_true (gtk_toggle_button_get_active (ps_conversation_page_get_safety_button (page, TRUE)));
  g_assert_cmpstr (ps_conversation_page_get_time_text (page), ==, "01:05 of 30 min");
  all = ps_store_list_conversations (f->tc.store, ps_case_get_id (f->kase));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);

  leave (page, "finish");
  g_assert_false (conversation_shown ());
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_COMPLETED);
  g_assert_true (ps_conversation_get_safety_concern (conv));
  g_assert_cmpuint (ps_case_get_n_completed_conversations (f->kase), ==, 1);

  /* The case is flagged, first of the open cases, until a later
   * conversation raises no concern. */
  g_assert_true (ps_case_get_safety_concern (f->kase));
  g_assert_cmpint (urgency (f), ==, PS_URGENCY_SAFETY);
  ps_clock_advance (f->tc.clock, G_TIME_SPAN_HOUR);
  {
    g_autoptr(GDateTime) now = ps_clock_get_now_utc (f->tc.clock);
    g_autoptr(PsConversation) later = NULL;
    g_autoptr(GError) error = NULL;

    later = ps_store_add_held_conversation (f->tc.store, ps_case_get_id (f->kase), now, 15,
                                            PS_MODALITY_PHONE, NULL, FALSE, &error);
    g_assert_no_error (error);
  }
  g_assert_false (ps_case_get_safety_concern (f->kase));
  g_assert_cmpint (urgency (f), !=, PS_URGENCY_SAFETY);
}

/* Discard: at once when nothing was ticked; confirmed when something was. */
static void
test_page_discard (Fixture       *f,
                   gconstpointer  data)
{
  PsConversationPage *page = start_in_window (f);
  gint64 id = ps_conversation_get_id (ps_conversation_page_get_conversation (page));
  g_autoptr(PsConversation) gone = NULL;
  AdwMessageDialog *dialog;

  leave (page, "discard");
  g_assert_false (conversation_shown ());
  g_assert_null ((gone = ps_store_lookup_conversation (f->tc.store, id)));

  /* The window's toast undoes it: in progress again, and Start resumes it. */
  ps_test_click (ps_test_find_widget (main_window (f), ps_test_is_button_labelled, "_Undo"));
  g_assert_nonnull ((gone = ps_store_lookup_conversation (f->tc.store, id)));
  g_assert_cmpint (ps_conversation_get_state (gone), ==, PS_CONVERSATION_IN_PROGRESS);
  g_clear_object (&gone);

  page = start_in_window (f);
  g_assert_cmpint (ps_conversation_get_id (ps_conversation_page_get_conversation (page)), ==, id);
  id = ps_conversation_get_id (ps_conversation_page_get_conversation (page));
  gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (page, "open.introduce")));
  leave (page, "discard");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard This Conversation?");
  respond (dialog, "cancel");
  g_assert_true (conversation_shown ());
  g_assert_nonnull ((gone = ps_store_lookup_conversation (f->tc.store, id)));
  g_clear_object (&gone);

  leave (page, "discard");
  respond (find_message_dialog (), "discard");
  g_assert_false (conversation_shown ());
  g_assert_null ((gone = ps_store_lookup_conversation (f->tc.store, id)));

}

/* Closing the window with a conversation in progress asks first, as Back
 * does: Cancel stays; Keep for Later leaves it in progress and closes. */
static void
test_page_close (Fixture       *f,
                 gconstpointer  data)
{
  PsConversationPage *page = start_in_window (f);
  g_autoptr(PsConversation) conv = g_object_ref (ps_conversation_page_get_conversation (page));
  GtkWidget *window = main_window (f);
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &f->main_window);
  gtk_window_close (GTK_WINDOW (window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Leave the Conversation?");
  respond (dialog, "cancel");
  ps_test_iterate (50);
  g_assert_nonnull (f->main_window);
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_true (ps_test_find_conversation () == page);

  gtk_window_close (GTK_WINDOW (window));
  respond (find_message_dialog (), "keep");
  ps_test_iterate (50);
  g_assert_null (f->main_window);
  g_assert_cmpint (ps_conversation_get_state (conv), ==, PS_CONVERSATION_IN_PROGRESS);
}

/* One in progress per case, held by the database itself. */
static void
test_one_in_progress (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (f->tc.clock);
  g_autoptr(PsConversation) first = NULL;
  g_autoptr(PsConversation) again = NULL;
  g_autoptr(PsConversation) planned = NULL;

  first = ps_store_start_conversation (f->tc.store, ps_case_get_id (f->kase), 0, 30,
                                       PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  planned = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (f->kase), now, 30,
                                            PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);

  /* Starting the planned one resumes the one in progress. */
  again = ps_store_start_conversation (f->tc.store, ps_case_get_id (f->kase),
                                       ps_conversation_get_id (planned), 30, PS_MODALITY_PHONE,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (ps_conversation_get_id (again), ==, ps_conversation_get_id (first));
  g_assert_cmpint (ps_conversation_get_state (planned), ==, PS_CONVERSATION_SCHEDULED);

  g_assert_false (ps_store_set_conversation_state (f->tc.store, ps_conversation_get_id (planned),
                                                   PS_CONVERSATION_IN_PROGRESS, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (ps_conversation_get_state (planned), ==, PS_CONVERSATION_SCHEDULED);
}

/* A conversation held without the app, recorded afterwards; and a contact
 * attempt with an earlier time. Neither may lie in the future. */
static void
test_held_earlier (Fixture       *f,
                   gconstpointer  data)
{
  const char * const steps[] = { "open.introduce", PS_CHECKLIST_SAFETY_STEP, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (f->tc.clock);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 10);
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(GListModel) attempts = NULL;

  held = ps_store_add_held_conversation (f->tc.store, ps_case_get_id (f->kase), yesterday, 45,
                                         PS_MODALITY_IN_PERSON, steps, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ps_conversation_get_state (held), ==, PS_CONVERSATION_COMPLETED);
  g_assert_true (ps_conversation_get_safety_concern (held));
  g_assert_true (ps_conversation_has_covered_step (held, "open.introduce"));
  g_assert_true (g_date_time_equal (ps_conversation_get_started_at (held), yesterday));
  g_assert_cmpuint (ps_case_get_n_completed_conversations (f->kase), ==, 1);

  g_assert_null (ps_store_add_held_conversation (f->tc.store, ps_case_get_id (f->kase), later, 45,
                                                 PS_MODALITY_PHONE, NULL, FALSE, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ps_store_log_contact_attempt (f->tc.store, ps_case_get_id (f->kase), yesterday,
                                               PS_CONTACT_REACHED, &error));
  g_assert_no_error (error);
  g_assert_false (ps_store_log_contact_attempt (f->tc.store, ps_case_get_id (f->kase), later,
                                                PS_CONTACT_REACHED, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Corrections: deleted, then put back as it was. */
  attempts = ps_store_list_contact_attempts (f->tc.store, ps_case_get_id (f->kase));
  g_assert_cmpuint (g_list_model_get_n_items (attempts), ==, 1);
  g_assert_true (ps_store_delete_conversation (f->tc.store, ps_conversation_get_id (held), &error));
  g_assert_cmpuint (ps_case_get_n_completed_conversations (f->kase), ==, 0);
  g_assert_true (ps_store_restore_conversation (f->tc.store, held, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ps_case_get_n_completed_conversations (f->kase), ==, 1);
  g_clear_object (&held);
  held = ps_store_lookup_conversation (f->tc.store, 1);
  g_assert_true (ps_conversation_has_covered_step (held, PS_CHECKLIST_SAFETY_STEP));
  g_assert_true (ps_conversation_get_safety_concern (held));
}

/* A caseload from before one-in-progress-per-case opens with its orphans
 * resolved: the latest stays in progress, an older one with a step is kept
 * as held, an empty one goes. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *old_dir = g_build_filename (f->tc.dir, "old", NULL);
  g_autofree char *path = g_build_filename (old_dir, "caseload.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(GListModel) all = NULL;
  sqlite3 *db = NULL;

  /* Another folder: the store locks its own. */
  g_assert_cmpint (g_mkdir (old_dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA key = \"x'" PS_TEST_KEY "'\";"
                                 "PRAGMA cipher_compatibility = 3;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, ps_store_schema_migration (0), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 1;"
                                 "INSERT INTO cases (id, display_name, modality, referral, reason,"
                                 " requested_on, assigned_on, created_at) VALUES (1, 'Dr. Finn Dummy',"
                                 " 'phone', 'self', 'other', '2024-11-01', '2024-11-01',"
                                 " '2024-11-01T09:00:00Z');"
                                 "INSERT INTO conversations (id, case_id, starts_at, minutes, modality,"
                                 " state, checklist_version, started_at) VALUES"
                                 " (1, 1, '2024-11-02T09:00:00Z', 30, 'phone', 'in-progress', 1, '2024-11-02T09:00:00Z'),"
                                 " (2, 1, '2024-11-03T09:00:00Z', 30, 'phone', 'in-progress', 1, '2024-11-03T09:00:00Z'),"
                                 " (3, 1, '2024-11-04T09:00:00Z', 30, 'phone', 'in-progress', 1, '2024-11-04T09:00:00Z');"
                                 "INSERT INTO conversation_steps VALUES (1, 'open.introduce');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, f->tc.clock, &error);
  g_assert_no_error (error);
  all = ps_store_list_conversations (store, 1);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpint (ps_conversation_get_state (g_list_model_get_item (all, 0)), ==, PS_CONVERSATION_COMPLETED);
  g_assert_cmpint (ps_conversation_get_id (g_list_model_get_item (all, 1)), ==, 3);
  g_assert_cmpint (ps_conversation_get_state (g_list_model_get_item (all, 1)), ==, PS_CONVERSATION_IN_PROGRESS);
}

/* A step is ticked by its row, as a click on its text or Enter on the
 * focused row does, not only by its small check box; again unticks it. */
static void
test_row_ticks (Fixture       *f,
                gconstpointer  data)
{
  PsConversation *conversation = start (f);
  GtkWidget *row = ps_test_find_row (GTK_WIDGET (f->page), "Introduce yourself as a peer supporter");
  GtkCheckButton *check = ps_conversation_page_get_step_check (f->page, "open.introduce");

  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_cmpstr (ps_grid_row_get_subtitle (PS_GRID_ROW (row)), ==,
                   "A colleague who listens — not a therapist, an evaluator or a mentor.");
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (check), row));

  g_signal_emit_by_name (row, "activate");
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, "1 of 14 steps");
  g_assert_true (g_strv_contains (ps_conversation_get_covered_steps (conversation), "open.introduce"));

  g_signal_emit_by_name (row, "activate");
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_cmpstr (ps_conversation_page_get_progress_text (f->page), ==, "0 of 14 steps");
}

/* The page made ahead in Peerside's window for the next conversation, if
 * any: hidden, and without a conversation. */
static PsConversationPage *
spare_page (GtkWidget *window)
{
  PsConversationPage *page = PS_CONVERSATION_PAGE (ps_test_find_type (window, PS_TYPE_CONVERSATION_PAGE));

  if (page == NULL || ps_window_get_conversation_page (PS_WINDOW (window)) == page ||
      ps_conversation_page_get_conversation (page) != NULL)
    return NULL;
  return page;
}

static gboolean
spare_made (gpointer window)
{
  return spare_page (window) != NULL;
}

static gboolean
is_menu_button_on_show (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

/* After a conversation, the next one's page is made ahead in the window,
 * hidden and without a name; the next conversation, of another colleague,
 * is shown in it with that colleague's name and a checklist untouched. The
 * keyboard goes back where it was before the conversation. */
static void
test_page_made_ahead (Fixture       *f,
                      gconstpointer  data)
{
  PsCase *other = ps_test_add_case (f->tc.store, "Dr. Bo Fictional", "2024-11-17");
  GtkWidget *window = main_window (f);
  PsConversationPage *spare, *page;
  GtkWidget *focus;

  page = start_in_window (f);
  gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (page, "open.introduce")));
  leave (page, "finish");
  g_assert_null (ps_test_find_conversation ());
  g_assert_null (ps_test_find_type (window, PS_TYPE_CONVERSATION_PAGE));

  /* When nothing happens: a busy machine may take a while. */
  g_assert_true (ps_test_wait_for (spare_made, window, 10000));
  spare = spare_page (window);
  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (spare)));
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (ps_test_find_type (GTK_WIDGET (spare),
                                                                                     ADW_TYPE_WINDOW_TITLE))), ==, "");

  /* The keyboard on the caseload's main menu, not its first control. */
  focus = ps_test_find_widget (window, is_menu_button_on_show, NULL);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_grab_focus (focus));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  page = ps_test_start_conversation (window, other);
  g_assert_true (page == spare);
  g_assert_cmpint (ps_conversation_get_case_id (ps_conversation_page_get_conversation (page)), ==,
                   ps_case_get_id (other));
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (page), ps_test_is_label_reading, "Dr. Bo Fictional"));
  g_assert_null (ps_test_find_widget (GTK_WIDGET (page), ps_test_is_label_reading, "Dr. Ada Placeholder"));
  g_assert_cmpstr (ps_conversation_page_get_progress_text (page), ==, "0 of 14 steps");
  g_assert_false (gtk_check_button_get_active (ps_conversation_page_get_step_check (page, "open.introduce")));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (ps_conversation_page_get_step_check (page, "open.introduce"))));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (page)));

  /* Over the views, their shortcuts wait: no new case, no other view. */
  gtk_widget_activate_action (window, "win.new-case", NULL);
  gtk_widget_activate_action (window, "win.show-schedule", NULL);
  ps_test_iterate (50);
  g_assert_null (ps_test_find_toplevel (PS_TYPE_CASE_EDITOR));
  g_assert_cmpstr (ps_window_get_visible_view (PS_WINDOW (window)), ==, "caseload");
  g_assert_true (ps_test_find_conversation () == page);

  /* Left for later: the views again, the keyboard where it was. */
  leave (page, "keep");
  g_assert_null (ps_test_find_conversation ());
  g_assert_cmpstr (ps_window_get_visible_page (PS_WINDOW (window)), ==, "main");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  gtk_widget_activate_action (window, "win.show-schedule", NULL);
  g_assert_cmpstr (ps_window_get_visible_view (PS_WINDOW (window)), ==, "schedule");
}

/* Another program holds the caseload's write lock (a second Peerside, a
 * backup tool): Start waits, then says so in the window, which shows the
 * views again with the keyboard where it was; once the lock is let go,
 * Start begins the conversation. */
static void
test_page_start_refused (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *window = main_window (f);
  GtkWidget *focus;
  sqlite3 *db = NULL;

  focus = ps_test_find_widget (window, is_menu_button_on_show, NULL);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_grab_focus (focus));
  focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA key = \"x'" PS_TEST_KEY "'\"", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cipher_compatibility = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_null (ps_test_start_conversation (window, f->kase));
  ps_test_iterate (100);
  g_assert_null (ps_test_find_conversation ());
  g_assert_cmpstr (ps_window_get_visible_page (PS_WINDOW (window)), ==, "main");
  g_assert_nonnull (ps_test_find_widget (window, ps_test_is_label_reading,
                                         "Another Peerside process has the caseload open."));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  gtk_widget_activate_action (window, "win.show-schedule", NULL);
  g_assert_cmpstr (ps_window_get_visible_view (PS_WINDOW (window)), ==, "schedule");
  gtk_widget_activate_action (window, "win.show-caseload", NULL);

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_nonnull (start_in_window (f));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = ps_test_session_init (&argc, &argv);
  int ret;

  /* Referencing the resource links it (and its constructor) in from the
   * static library: the widgets' templates live there. */
  g_assert_nonnull (ps_get_resource ());

#define ADD(path, func, width) \
  g_test_add (path, Fixture, GINT_TO_POINTER (width), fixture_set_up, func, fixture_tear_down)

  ADD ("/conversation/whole", test_whole_conversation, 1000);
  ADD ("/conversation/mark-missed", test_mark_missed, 1000);
  ADD ("/conversation/row-ticks", test_row_ticks, 1000);
  ADD ("/conversation/page/made-ahead", test_page_made_ahead, 1000);
  ADD ("/conversation/page/keep-resume-finish", test_page_keep, 1000);
  ADD ("/conversation/page/discard", test_page_discard, 1000);
  ADD ("/conversation/page/close", test_page_close, 1000);
  ADD ("/conversation/page/start-refused", test_page_start_refused, 1000);
  ADD ("/conversation/one-in-progress", test_one_in_progress, 1000);
  ADD ("/conversation/held-earlier", test_held_earlier, 1000);
  ADD ("/conversation/migration", test_migration, 1000);
  ADD ("/conversation/safety-path", test_safety_path, 1000);
  ADD ("/conversation/over-time", test_over_time, 360);
  ADD ("/conversation/restart", test_restart, 1000);
  ADD ("/conversation/start-scheduled", test_start_scheduled, 1000);
  ADD ("/conversation/unknown-version", test_unknown_version, 1000);
  ADD ("/conversation/privacy-subtitle", test_privacy_subtitle, 1000);
  ADD ("/conversation/screenshots/360", test_screenshots, 360);
  ADD ("/conversation/screenshots/1000", test_screenshots, 1000);
  g_test_add_func ("/conversation/contacts-preferences", test_contacts_preferences);

  ret = g_test_run ();
  ps_remove_tree (dir);
  return ret;
}
