/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The store with real SQLCipher files and the session's real keyring. */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ps-checklist.h"
#include "ps-sqlite.h"
#include "ps-store-groups.h"
#include "ps-store-schema.h"
#include "ps-test-util.h"

/* Schema --------------------------------------------------------------- */

/* Every TEXT column, by what it may hold. A new text column fails the test
 * until it is added here, with a CHECK that keeps prose out of it. */
static const char * const free_text_columns[] = { "cases.display_name", "cases.contact", NULL };
static const char * const code_columns[] = {
  "cases.modality", "cases.referral", "cases.reason", "cases.closure_status",
  "contact_attempts.outcome", "conversations.modality", "conversations.state",
  "conversation_steps.step_id", "reminder_deliveries.reminder_key", "group_debriefs.modality",
  "group_debriefs.prompt", "group_debriefs.state", "group_debrief_steps.step_id",
  "clock_watermark.boot_id", NULL
};
static const char * const date_columns[] = {
  "cases.requested_on", "cases.assigned_on", "cases.closed_on", NULL
};
static const char * const instant_columns[] = {
  "cases.created_at", "contact_attempts.at", "conversations.starts_at",
  "conversations.started_at", "conversations.ended_at", "conversations.planned_at",
  "reminder_deliveries.delivered_at",
  "group_debriefs.starts_at", "clock_watermark.trusted_at", NULL
};

static gboolean
exec_ok (sqlite3    *db,
         const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* An encrypted caseload of schema @version, as an older Peerside left it,
 * with @rows in it. */
static void
write_old_store (const char *path,
                 guint       version,
                 const char *rows)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u;", version);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (exec_ok (db, "PRAGMA key = \"x'" PS_TEST_KEY "'\";"
                              "PRAGMA cipher_compatibility = 3;"));
  for (guint i = 0; i < version; i++)
    g_assert_true (exec_ok (db, ps_store_schema_migration (i)));
  g_assert_true (exec_ok (db, set_version));
  g_assert_true (exec_ok (db, rows));
  sqlite3_close (db);
}

/* A row in every table, for the column checks to update. */
static void
fill_one_of_each (sqlite3 *db)
{
  g_assert_true (exec_ok (db,
    "INSERT INTO cases (id, display_name, contact, modality, referral, reason, requested_on,"
    " assigned_on, created_at) VALUES (1000, 'Dr. Row', '555', 'phone', 'self', 'other',"
    " '2024-01-01', '2024-01-02', '2024-01-02T10:00:00Z');"
    "INSERT INTO contact_attempts (case_id, at, outcome) VALUES (1000, '2024-01-03T10:00:00Z', 'reached');"
    "INSERT INTO conversations (id, case_id, starts_at, minutes, modality, checklist_version)"
    " VALUES (2000, 1000, '2024-01-04T10:00:00Z', 30, 'phone', 1);"
    "INSERT INTO conversation_steps VALUES (2000, 'listen');"
    "INSERT INTO reminder_deliveries VALUES ('conversation:2000', '2024-01-04T09:45:00Z');"
    "INSERT INTO group_debriefs (id, starts_at, minutes, modality, prompt, headcount,"
    " checklist_version) VALUES (3000, '2024-01-05T10:00:00Z', 60, 'in-person',"
    " 'critical-incident', 8, 1);"
    "INSERT INTO group_debrief_steps VALUES (3000, 'group.thank');"
    "INSERT INTO clock_watermark VALUES (1, '2024-01-04T09:45:00Z', 'boot-1', 10);"));
}

static void
test_schema_no_free_text (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  sqlite3 *db = ps_store_get_db (store);
  g_autoptr(sqlite3_stmt) tables = NULL;
  guint n_text = 0;

  fill_one_of_each (db);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *)sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
      g_autoptr(sqlite3_stmt) info = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &info, NULL), ==, SQLITE_OK);
      while (sqlite3_step (info) == SQLITE_ROW)
        {
          const char *column = (const char *)sqlite3_column_text (info, 1);
          const char *type = (const char *)sqlite3_column_text (info, 2);
          g_autofree char *name = g_strdup_printf ("%s.%s", table, column);
          g_autofree char *prose = NULL;

          if (g_ascii_strcasecmp (type, "INTEGER") == 0)
            {
              /* An integer column must not take text either. */
              prose = g_strdup_printf ("UPDATE %s SET %s = 'She said that...'", table, column);
              if (!g_str_equal (column, "id") && !g_str_has_suffix (column, "_id"))
                g_assert_false (exec_ok (db, prose));
              continue;
            }

          if (g_ascii_strcasecmp (type, "TEXT") != 0)
            g_error ("%s has type %s: only INTEGER and TEXT columns are allowed", name, type);

          n_text++;
          if (g_strv_contains (free_text_columns, name))
            continue;
          if (!g_strv_contains (code_columns, name) && !g_strv_contains (date_columns, name) &&
              !g_strv_contains (instant_columns, name))
            g_error ("%s is a TEXT column that is not a code, a date or an instant", name);

          /* The CHECK must refuse a sentence, even through raw SQL. */
          prose = g_strdup_printf ("UPDATE %s SET %s = 'Talked about her divorce'", table, column);
          if (exec_ok (db, prose))
            g_error ("%s accepts free text", name);
        }
    }
  g_assert_cmpuint (n_text, ==, 2 + 14 + 3 + 9);
}

static void
test_schema_checks (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  sqlite3 *db = ps_store_get_db (store);
  g_autofree char *name80 = g_strnfill (80, 'a');
  g_autofree char *name81 = g_strnfill (81, 'a');
  g_autofree char *sql = NULL;
  const char *insert =
    "INSERT INTO cases (display_name, contact, modality, referral, reason, requested_on,"
    " assigned_on, created_at) VALUES (%Q, %Q, 'phone', 'self', 'other', '2024-01-01',"
    " '2024-01-01', '2024-01-01T00:00:00Z')";

  sql = sqlite3_mprintf (insert, name80, "555-0100");
  g_assert_true (exec_ok (db, sql));
  sqlite3_free (sql);
  sql = sqlite3_mprintf (insert, name81, "555-0100");
  g_assert_false (exec_ok (db, sql));
  sqlite3_free (sql);
  sql = sqlite3_mprintf (insert, "Dr. A", "555-0100\nnotes: ...");
  g_assert_false (exec_ok (db, sql));
  sqlite3_free (sql);
  sql = sqlite3_mprintf (insert, "Dr. A\nnotes", "555");
  g_assert_false (exec_ok (db, sql));
  sqlite3_free (sql);
  sql = NULL;

  /* A colleague referral needs consent; a de-identified case has no name. */
  g_assert_false (exec_ok (db, "UPDATE cases SET referral = 'colleague'"));
  g_assert_false (exec_ok (db, "UPDATE cases SET deidentified = 1"));
  g_assert_false (exec_ok (db, "UPDATE cases SET closure_status = 'completed'"));
  g_assert_true (exec_ok (db, "UPDATE cases SET closure_status = 'completed', closed_on = '2024-02-01'"));

  /* Every code the program knows, the schema accepts. */
  for (int v = PS_REASON_ADVERSE_EVENT; v <= PS_REASON_OTHER; v++)
    {
      g_autofree char *u = g_strdup_printf ("UPDATE cases SET reason = '%s'", ps_reason_to_code (v));
      g_assert_true (exec_ok (db, u));
    }
  for (int v = PS_CLOSURE_COMPLETED; v <= PS_CLOSURE_TRANSFERRED; v++)
    {
      g_autofree char *u = g_strdup_printf ("UPDATE cases SET closure_status = '%s'",
                                            ps_closure_status_to_code (v));
      g_assert_true (exec_ok (db, u));
    }
  for (int v = PS_MODALITY_IN_PERSON; v <= PS_MODALITY_VIDEO; v++)
    {
      g_autofree char *u = g_strdup_printf ("UPDATE cases SET modality = '%s'", ps_modality_to_code (v));
      g_assert_true (exec_ok (db, u));
    }
  fill_one_of_each (db);
  for (int v = PS_CONVERSATION_SCHEDULED; v <= PS_CONVERSATION_CANCELLED; v++)
    {
      g_autofree char *u = g_strdup_printf ("UPDATE conversations SET state = '%s'",
                                            ps_conversation_state_to_code (v));
      g_assert_true (exec_ok (db, u));
    }
  for (int v = PS_CONTACT_REACHED; v <= PS_CONTACT_LEFT_MESSAGE; v++)
    {
      g_autofree char *u = g_strdup_printf ("UPDATE contact_attempts SET outcome = '%s'",
                                            ps_contact_outcome_to_code (v));
      g_assert_true (exec_ok (db, u));
    }
  g_assert_false (exec_ok (db, "UPDATE conversations SET minutes = 60"));

  /* Deleting a case deletes everything about it. */
  g_assert_true (exec_ok (db, "DELETE FROM cases WHERE id = 1000"));
  {
    gint64 n = -1;
    g_autoptr(sqlite3_stmt) stmt = NULL;

    sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM conversations) +"
                        " (SELECT count(*) FROM contact_attempts) +"
                        " (SELECT count(*) FROM conversation_steps)", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    n = sqlite3_column_int64 (stmt, 0);
    g_assert_cmpint (n, ==, 0);
  }
}

/* Operations and models ------------------------------------------------ */

typedef struct
{
  guint added;
  guint removed;
  guint signals;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->added += added;
  changes->removed += removed;
  changes->signals++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
count_changed_cb (PsStore *store,
                  gint64   case_id,
                  guint   *count)
{
  (*count)++;
}

static void
test_cases_and_models (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Ada Placeholder");
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCase) kase = NULL;
  g_autoptr(PsCase) other = NULL;
  Changes all = { 0 }, open = { 0 }, closed = { 0 };
  guint name_notifies = 0, state_notifies = 0, n_changed = 0;
  GDate on;
  gint64 id;

  g_signal_connect (ps_store_get_cases (store), "items-changed", G_CALLBACK (items_changed_cb), &all);
  g_signal_connect (ps_store_get_open_cases (store), "items-changed", G_CALLBACK (items_changed_cb), &open);
  g_signal_connect (ps_store_get_closed_cases (store), "items-changed", G_CALLBACK (items_changed_cb), &closed);
  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), &n_changed);

  kase = ps_store_create_case (store, fields, &error);
  g_assert_no_error (error);
  id = ps_case_get_id (kase);
  g_assert_cmpstr (ps_case_get_display_name (kase), ==, "Dr. Ada Placeholder");
  g_assert_cmpint (ps_case_get_state (kase), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
  g_assert_true (ps_store_lookup_case (store, id) == kase);
  g_assert_cmpuint (all.added, ==, 1);
  g_assert_cmpuint (open.added, ==, 1);
  g_assert_cmpuint (closed.added, ==, 0);
  g_assert_cmpuint (n_changed, ==, 1);

  other = ps_store_create_case (store, fields, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 2);

  /* The store re-validates: an 81-character name is refused, nothing changes. */
  {
    g_autoptr(PsCaseFields) bad = ps_test_fields (NULL);
    g_autoptr(GError) e = NULL;
    g_autoptr(PsCase) none = NULL;

    bad->display_name = g_strnfill (81, 'x');
    none = ps_store_create_case (store, bad, &e);
    g_assert_null (none);
    g_assert_error (e, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
    g_assert_cmpuint (all.added, ==, 2);
  }

  /* Nor a case whose reason was never chosen. */
  {
    g_autoptr(PsCaseFields) bad = ps_case_fields_new ();
    g_autoptr(GError) e = NULL;
    g_autoptr(PsCase) none = NULL;

    bad->display_name = g_strdup ("Dr. Unreasoned Example");
    bad->requested_on = fields->requested_on;
    bad->assigned_on = fields->assigned_on;
    g_assert_cmpint (bad->reason, ==, PS_REASON_NONE);
    none = ps_store_create_case (store, bad, &e);
    g_assert_null (none);
    g_assert_error (e, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
    g_assert_cmpstr (e->message, ==, "Choose a reason.");
    g_assert_cmpuint (all.added, ==, 2);
    g_clear_error (&e);
    g_assert_false (ps_store_update_case (store, id, bad, &e));
    g_assert_error (e, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  }

  /* Updated in place: the same object, notified. */
  g_signal_connect (kase, "notify::display-name", G_CALLBACK (count_notify_cb), &name_notifies);
  g_signal_connect (kase, "notify::state", G_CALLBACK (count_notify_cb), &state_notifies);
  g_free (fields->display_name);
  fields->display_name = g_strdup ("  Dr. Ada Renamed ");
  g_assert_true (ps_store_update_case (store, id, fields, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ps_case_get_display_name (kase), ==, "Dr. Ada Renamed");
  g_assert_cmpuint (name_notifies, ==, 1);
  g_assert_cmpuint (all.signals, ==, 2);

  /* No answer: still awaiting. Reached: in support. */
  {
    g_autoptr(GDateTime) t1 = g_date_time_new_utc (2024, 3, 4, 9, 0, 0);
    g_autoptr(GDateTime) t2 = g_date_time_new_utc (2024, 3, 5, 9, 0, 0);
    g_autoptr(GListModel) attempts = NULL;

    g_assert_true (ps_store_log_contact_attempt (store, id, t1, PS_CONTACT_NO_ANSWER, &error));
    g_assert_cmpint (ps_case_get_state (kase), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
    g_assert_null (ps_case_get_first_contact_at (kase));
    g_assert_true (ps_store_log_contact_attempt (store, id, t2, PS_CONTACT_REACHED, &error));
    g_assert_no_error (error);
    g_assert_cmpint (ps_case_get_state (kase), ==, PS_CASE_STATE_IN_SUPPORT);
    g_assert_true (g_date_time_equal (ps_case_get_first_contact_at (kase), t2));
    g_assert_cmpuint (state_notifies, ==, 1);

    attempts = ps_store_list_contact_attempts (store, id);
    g_assert_cmpuint (g_list_model_get_n_items (attempts), ==, 2);
  }

  /* Close: moves from the open to the closed model. */
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 9, G_DATE_MARCH, 2024);
  g_assert_true (ps_store_close_case (store, id, PS_CLOSURE_REFERRED, &on, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ps_case_get_state (kase), ==, PS_CASE_STATE_CLOSED);
  g_assert_cmpint (ps_case_get_closure_status (kase), ==, PS_CLOSURE_REFERRED);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_open_cases (store)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_closed_cases (store)), ==, 1);
  g_assert_cmpuint (open.removed, ==, 1);
  g_assert_cmpuint (closed.added, ==, 1);
  g_assert_false (ps_store_close_case (store, id, PS_CLOSURE_DECLINED, &on, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Reopen, and close again. */
  g_assert_true (ps_store_reopen_case (store, id, &error));
  g_assert_cmpint (ps_case_get_state (kase), ==, PS_CASE_STATE_IN_SUPPORT);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_open_cases (store)), ==, 2);
  g_assert_true (ps_store_close_case (store, id, PS_CLOSURE_COMPLETED, &on, &error));

  /* Retention: closed before the cutoff loses its name and contact. */
  {
    g_autoptr(GDateTime) early = g_date_time_new_utc (2024, 3, 9, 0, 0, 0);
    g_autoptr(GDateTime) late = g_date_time_new_utc (2024, 3, 10, 0, 0, 0);

    g_assert_true (ps_store_deidentify_closed_before (store, early, &error));
    g_assert_false (ps_case_get_deidentified (kase));
    g_assert_true (ps_store_deidentify_closed_before (store, late, &error));
    g_assert_no_error (error);
    g_assert_true (ps_case_get_deidentified (kase));
    g_assert_null (ps_case_get_display_name (kase));
    g_assert_null (ps_case_get_contact (kase));
    g_assert_cmpint (ps_case_get_reason (kase), ==, PS_REASON_ADVERSE_EVENT);
    g_assert_false (ps_store_reopen_case (store, id, &error));
    g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Delete. */
  g_assert_true (ps_store_delete_case (store, ps_case_get_id (other), &error));
  g_assert_no_error (error);
  g_assert_null (ps_store_lookup_case (store, ps_case_get_id (other)));
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_open_cases (store)), ==, 0);
  g_assert_false (ps_store_delete_case (store, ps_case_get_id (other), &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_signal_handlers_disconnect_by_data (ps_store_get_cases (store), &all);
  g_signal_handlers_disconnect_by_data (ps_store_get_open_cases (store), &open);
  g_signal_handlers_disconnect_by_data (ps_store_get_closed_cases (store), &closed);
  g_clear_object (&store);
  ps_remove_tree (dir);
}

static void
test_conversations (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Bram Example");
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCase) kase = ps_store_create_case (store, fields, &error);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2024, 3, 11, 13, 30, 0);
  g_autoptr(GDateTime) second = g_date_time_new_utc (2024, 3, 14, 8, 0, 0);
  g_autoptr(PsConversation) a = NULL;
  g_autoptr(PsConversation) b = NULL;
  g_autoptr(PsConversation) again = NULL;
  g_autoptr(GListModel) list = NULL;
  const char * const steps[] = { "open", "listen", "safety", NULL };
  const char * const bad_steps[] = { "open", "she cried", NULL };
  gint64 id = ps_case_get_id (kase);

  a = ps_store_schedule_conversation (store, id, second, 30, PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  b = ps_store_schedule_conversation (store, id, first, 45, PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ps_case_get_state (kase), ==, PS_CASE_STATE_IN_SUPPORT);
  g_assert_true (g_date_time_equal (ps_case_get_next_conversation_at (kase), first));
  g_assert_cmpint (ps_case_get_next_conversation_modality (kase), ==, PS_MODALITY_PHONE);
  g_assert_cmpuint (ps_case_get_n_conversations (kase), ==, 2);

  g_assert_null (ps_store_schedule_conversation (store, id, first, 60, PS_MODALITY_PHONE, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ps_store_schedule_conversation (store, 9999, first, 30, PS_MODALITY_PHONE, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* In place: the object handed out earlier sees the change. */
  g_assert_true (ps_store_set_conversation_state (store, ps_conversation_get_id (b),
                                                  PS_CONVERSATION_IN_PROGRESS, &error));
  g_assert_cmpint (ps_conversation_get_state (b), ==, PS_CONVERSATION_IN_PROGRESS);
  g_assert_nonnull (ps_conversation_get_started_at (b));
  g_assert_true (ps_store_set_covered_steps (store, ps_conversation_get_id (b), steps, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **)ps_conversation_get_covered_steps (b)), ==, 3);
  g_assert_true (ps_conversation_has_covered_step (b, "safety"));
  g_assert_false (ps_store_set_covered_steps (store, ps_conversation_get_id (b), bad_steps, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ps_conversation_has_covered_step (b, "listen"));
  g_assert_true (ps_store_set_safety_concern (store, ps_conversation_get_id (b), TRUE, &error));
  g_assert_true (ps_conversation_get_safety_concern (b));
  g_assert_true (ps_store_set_conversation_state (store, ps_conversation_get_id (b),
                                                  PS_CONVERSATION_COMPLETED, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ps_case_get_n_completed_conversations (kase), ==, 1);
  g_assert_true (g_date_time_equal (ps_case_get_next_conversation_at (kase), second));

  again = ps_store_lookup_conversation (store, ps_conversation_get_id (b));
  g_assert_true (again == b);

  /* Reschedule, cancel. */
  g_assert_true (ps_store_reschedule_conversation (store, ps_conversation_get_id (a), first, 15,
                                                   PS_MODALITY_IN_PERSON, &error));
  g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (a), first));
  g_assert_cmpuint (ps_conversation_get_minutes (a), ==, 15);
  g_assert_false (ps_store_reschedule_conversation (store, ps_conversation_get_id (b), first, 15,
                                                    PS_MODALITY_IN_PERSON, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (ps_store_set_conversation_state (store, ps_conversation_get_id (a),
                                                  PS_CONVERSATION_CANCELLED, &error));
  g_assert_null (ps_case_get_next_conversation_at (kase));
  g_assert_cmpuint (ps_case_get_n_conversations (kase), ==, 1);

  list = ps_store_list_conversations (store, id);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_clear_object (&list);
  {
    /* b, planned on the 11th, was held from its Start on the 10th. */
    g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 3, 10, 0, 0, 0);
    g_autoptr(GDateTime) to = g_date_time_new_utc (2024, 3, 12, 0, 0, 0);

    g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (b),
                                      ps_conversation_get_started_at (b)));
    list = ps_store_list_conversations_between (store, from, to);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  }
  g_clear_object (&list);

  /* What the Schedule shows, in one query: still to hold, of open cases. */
  list = ps_store_list_planned_conversations (store);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);
  {
    g_autoptr(PsCaseFields) other_fields = ps_test_fields ("Dr. Cora Fictional");
    g_autoptr(PsCase) other = ps_store_create_case (store, other_fields, &error);
    g_autoptr(PsConversation) c = ps_store_schedule_conversation (store, id, second, 30,
                                                                  PS_MODALITY_VIDEO, &error);
    g_autoptr(PsConversation) d = ps_store_schedule_conversation (store, ps_case_get_id (other),
                                                                  first, 30, PS_MODALITY_PHONE, &error);
    g_autoptr(PsConversation) listed = NULL;
    GDate on;

    g_assert_no_error (error);
    list = ps_store_list_planned_conversations (store);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
    g_clear_object (&list);

    g_date_clear (&on, 1);
    g_date_set_dmy (&on, 15, 3, 2024);
    g_assert_true (ps_store_close_case (store, ps_case_get_id (other), PS_CLOSURE_DECLINED, &on, &error));
    g_assert_no_error (error);
    list = ps_store_list_planned_conversations (store);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    listed = g_list_model_get_item (list, 0);
    g_assert_true (listed == c);
    g_assert_true (ps_store_set_conversation_state (store, ps_conversation_get_id (c),
                                                    PS_CONVERSATION_CANCELLED, &error));
    g_assert_no_error (error);
    g_clear_object (&list);
    list = ps_store_list_planned_conversations (store);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  }

  /* Deliveries. */
  g_assert_false (ps_store_was_delivered (store, "conversation:1:2024-03-11T13:30:00Z"));
  g_assert_true (ps_store_record_delivery (store, "conversation:1:2024-03-11T13:30:00Z", first, &error));
  g_assert_true (ps_store_record_delivery (store, "conversation:1:2024-03-11T13:30:00Z", first, &error));
  g_assert_no_error (error);
  g_assert_true (ps_store_was_delivered (store, "conversation:1:2024-03-11T13:30:00Z"));
  /* A snooze forgets it, so that a restart shows it again; twice is no error. */
  g_assert_true (ps_store_forget_delivery (store, "conversation:1:2024-03-11T13:30:00Z", &error));
  g_assert_true (ps_store_forget_delivery (store, "conversation:1:2024-03-11T13:30:00Z", &error));
  g_assert_no_error (error);
  g_assert_false (ps_store_was_delivered (store, "conversation:1:2024-03-11T13:30:00Z"));
  g_assert_false (ps_store_record_delivery (store, "Call Ada about her divorce", first, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&list);
  g_clear_object (&store);
  ps_remove_tree (dir);
}

static void
test_demo (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autoptr(PsClock) clock = ps_test_clock ();
  g_autoptr(GError) error = NULL;
  GListModel *cases;
  guint n_states[3] = { 0 }, n_deidentified = 0;

  g_assert_true (ps_demo_populate (store, clock, &error));
  g_assert_no_error (error);
  cases = ps_store_get_cases (store);
  g_assert_cmpuint (g_list_model_get_n_items (cases), >=, 12);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) kase = g_list_model_get_item (cases, i);

      n_states[ps_case_get_state (kase)]++;
      n_deidentified += ps_case_get_deidentified (kase);
    }
  g_assert_cmpuint (n_states[PS_CASE_STATE_AWAITING_FIRST_CONTACT], >=, 3);
  g_assert_cmpuint (n_states[PS_CASE_STATE_IN_SUPPORT], >=, 3);
  g_assert_cmpuint (n_states[PS_CASE_STATE_CLOSED], >=, 3);
  g_assert_cmpuint (n_deidentified, ==, 1);

  g_clear_object (&store);
  ps_remove_tree (dir);
}

/* Opening with the real keyring ---------------------------------------- */

static void
test_keyring_first_run (void)
{
  g_autofree char *dir = ps_test_make_data_dir ();
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Cora Fictional");
  g_autoptr(PsCase) kase = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *version = NULL;
  gsize length;
  struct stat st;

  store = ps_test_open_async (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* Encrypted: no SQLite header, and SQLCipher answers. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 16);
  g_assert_false (memcmp (contents, "SQLite format 3", 16) == 0);
  version = ps_sqlite_query_text (ps_store_get_db (store), "PRAGMA cipher_version", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (version, !=, "");

  kase = ps_store_create_case (store, fields, &error);
  g_assert_no_error (error);

  g_assert_cmpint (stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    g_assert_cmpint (stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  }
  g_clear_object (&kase);
  g_clear_object (&store);

  /* Modes are put right again at each start. */
  g_chmod (dir, 0755);
  g_chmod (path, 0644);

  store = ps_test_open_async (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 1);
  kase = g_list_model_get_item (ps_store_get_cases (store), 0);
  g_assert_cmpstr (ps_case_get_display_name (kase), ==, "Dr. Cora Fictional");
  g_assert_cmpint (stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);

  g_clear_object (&kase);
  g_clear_object (&store);
  ps_remove_tree (dir);
}

/* Bad files: each is refused with its code and left byte for byte. */

typedef void (*MakeBadFile) (const char *dir, const char *path);

static void
make_valid (const char *dir,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = ps_test_open_async (dir, NULL, &error);
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Dev Sample");

  g_assert_no_error (error);
  for (int i = 0; i < 50; i++)
    {
      g_autoptr(PsCase) kase = ps_store_create_case (store, fields, &error);
      g_assert_no_error (error);
      g_assert_nonnull (kase);
    }
}

static void
make_wrong_key (const char *dir,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = ps_store_open_with_key (path, PS_TEST_OTHER_KEY, TRUE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static void
make_truncated (const char *dir,
                const char *path)
{
  struct stat st;

  make_valid (dir, path);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);
}

static void
make_empty (const char *dir,
            const char *path)
{
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static void
make_plaintext (const char *dir,
                const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (exec_ok (db, "CREATE TABLE cases (id INTEGER PRIMARY KEY, notes TEXT);"
                              "INSERT INTO cases (notes) VALUES ('plaintext')"));
  sqlite3_close (db);
}

static void
make_random (const char *dir,
             const char *path)
{
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8)g_random_int ();
  g_assert_true (g_file_set_contents (path, (const char *)bytes, sizeof bytes, NULL));
}

static void
make_directory (const char *dir,
                const char *path)
{
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
}

static void
make_unreadable (const char *dir,
                 const char *path)
{
  make_valid (dir, path);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
}

static void
make_too_new (const char *dir,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = ps_test_open_async (dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (exec_ok (ps_store_get_db (store), "PRAGMA user_version = 99"));
}

static void
make_flipped (const char *dir,
              const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  make_valid (dir, path);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* A byte in the last page: a table page, not page 1. */
  contents[length - 600] ^= 0x55;
  g_assert_true (g_file_set_contents (path, contents, (gssize)length, NULL));
}

typedef struct
{
  const char   *name;
  MakeBadFile   make;
  PsStoreError  code;
} BadFile;

static const BadFile bad_files[] = {
  { "wrong-key", make_wrong_key, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE },
  { "truncated", make_truncated, PS_STORE_ERROR_CORRUPT },
  { "flipped-byte", make_flipped, PS_STORE_ERROR_CORRUPT },
  { "empty", make_empty, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE },
  { "plaintext", make_plaintext, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE },
  { "random", make_random, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE },
  { "directory", make_directory, PS_STORE_ERROR_UNREADABLE },
  { "unreadable", make_unreadable, PS_STORE_ERROR_UNREADABLE },
  { "too-new", make_too_new, PS_STORE_ERROR_TOO_NEW },
};

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *dir = ps_test_make_data_dir ();
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;

  if (bad->make == make_unreadable && geteuid () == 0)
    {
      g_test_skip ("root reads a file of mode 000; the directory case covers UNREADABLE");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  bad->make (dir, path);
  before = ps_test_snapshot (dir);

  store = ps_test_open_async (dir, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PS_STORE_ERROR, (int)bad->code);
  ps_test_assert_unchanged (before, dir);

  /* The in-memory key path (--demo) with create = TRUE never replaces it either. */
  g_clear_error (&error);
  store = ps_store_open_with_key (path, PS_TEST_KEY, TRUE, NULL, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  ps_test_assert_unchanged (before, dir);

  ps_remove_tree (dir);
}

static void
test_in_use (void)
{
  g_autofree char *dir = ps_test_make_data_dir ();
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  int ready[2], release[2];
  pid_t child;
  char c = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  make_valid (dir, path);
  before = ps_test_snapshot (dir);

  /* Another process holds the caseload. */
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      int fd = open (dir, O_RDONLY | O_DIRECTORY);

      if (fd < 0 || flock (fd, LOCK_EX) != 0)
        _exit (1);
      if (write (ready[1], "x", 1) != 1)
        _exit (1);
      if (read (release[0], &c, 1) < 0)
        _exit (1);
      _exit (0);
    }
  close (ready[1]);
  close (release[0]);
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);

  store = ps_test_open_async (dir, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_IN_USE);
  ps_test_assert_unchanged (before, dir);
  g_clear_error (&error);

  g_assert_cmpint (write (release[1], "x", 1), ==, 1);
  g_assert_cmpint (waitpid (child, NULL, 0), ==, child);
  close (ready[0]);
  close (release[1]);

  /* Once it is gone, the caseload opens. */
  store = ps_test_open_async (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 50);

  /* And a second opener in this process is refused too. */
  {
    g_autoptr(PsStore) second = ps_test_open_async (dir, NULL, &error);

    g_assert_null (second);
    g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_IN_USE);
  }

  g_clear_object (&store);
  ps_remove_tree (dir);
}

static void
count_changed (guint *n)
{
  (*n)++;
}

/* Group debriefs: every field checked by the store, its time too, and the
 * steps only those of the group checklist. The clock says 10 March 09:00. */
static void
test_group_debriefs (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 3, 8, 15, 0, 0);
  g_autoptr(GDateTime) to_come = g_date_time_new_utc (2024, 3, 12, 15, 0, 0);
  g_autoptr(GDateTime) odd_second = g_date_time_new_utc (2024, 3, 8, 15, 0, 30);
  g_autoptr(PsGroupDebrief) debrief = NULL;
  g_autoptr(PsGroupDebrief) again = NULL;
  g_autoptr(GListModel) planned = NULL;
  PsGroupDebriefFields fields = { when, 90, PS_MODALITY_VIDEO, PS_REASON_BURNOUT, 14, 0 };
  PsGroupDebriefFields bad;
  const char * const steps[] = { "group.introduce", "group.thank", NULL };
  const char * const foreign[] = { "open.introduce", NULL };
  guint changed = 0;

  g_signal_connect_swapped (store, "changed", G_CALLBACK (count_changed), &changed);
  debrief = ps_store_schedule_group_debrief (store, &fields, PS_CONVERSATION_SCHEDULED, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (ps_group_debrief_get_headcount (debrief), ==, 14);
  g_assert_cmpint (ps_group_debrief_get_state (debrief), ==, PS_CONVERSATION_SCHEDULED);

  bad = fields, bad.headcount = 1;
  g_assert_null (ps_store_schedule_group_debrief (store, &bad, PS_CONVERSATION_SCHEDULED, NULL, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  bad = fields, bad.minutes = 120;
  g_assert_null (ps_store_schedule_group_debrief (store, &bad, PS_CONVERSATION_SCHEDULED, NULL, &error));
  g_clear_error (&error);
  /* A time the time field cannot hold, and a debrief held before it began. */
  bad = fields, bad.starts_at = odd_second;
  g_assert_null (ps_store_schedule_group_debrief (store, &bad, PS_CONVERSATION_SCHEDULED, NULL, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  bad = fields, bad.starts_at = to_come;
  g_assert_null (ps_store_schedule_group_debrief (store, &bad, PS_CONVERSATION_COMPLETED, NULL, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ps_store_save_group_debrief (store, ps_group_debrief_get_id (debrief), &bad,
                                               PS_CONVERSATION_COMPLETED, NULL, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  bad = fields, bad.referrals = 15;
  g_assert_false (ps_store_save_group_debrief (store, ps_group_debrief_get_id (debrief), &bad,
                                               PS_CONVERSATION_COMPLETED, NULL, &error));
  g_clear_error (&error);
  g_assert_false (ps_store_save_group_debrief (store, ps_group_debrief_get_id (debrief), &fields,
                                               PS_CONVERSATION_COMPLETED, foreign, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Nor even raw SQL takes a headcount below two or referrals above it. */
  g_assert_false (exec_ok (ps_store_get_db (store), "UPDATE group_debriefs SET headcount = 1"));
  g_assert_false (exec_ok (ps_store_get_db (store), "UPDATE group_debriefs SET referrals = 15"));
  g_assert_cmpuint (changed, ==, 1);

  fields.referrals = 3;
  g_assert_true (ps_store_save_group_debrief (store, ps_group_debrief_get_id (debrief), &fields,
                                              PS_CONVERSATION_COMPLETED, steps, &error));
  g_assert_no_error (error);
  again = ps_store_lookup_group_debrief (store, ps_group_debrief_get_id (debrief));
  g_assert_cmpuint (ps_group_debrief_get_referrals (again), ==, 3);
  g_assert_cmpint (ps_group_debrief_get_state (again), ==, PS_CONVERSATION_COMPLETED);
  g_assert_cmpuint (g_strv_length ((char **)ps_group_debrief_get_covered_steps (again)), ==, 2);
  planned = ps_store_list_planned_group_debriefs (store);
  g_assert_cmpuint (g_list_model_get_n_items (planned), ==, 0);

  g_assert_true (ps_store_delete_group_debrief (store, ps_group_debrief_get_id (debrief), &error));
  g_assert_null (ps_store_lookup_group_debrief (store, ps_group_debrief_get_id (debrief)));
}

/* A caseload of the schema before group debriefs opens with every case
 * kept and gains the new tables. */
static void
test_migrate_to_groups (void)
{
  g_autofree char *dir = g_dir_make_tmp ("peerside-test-XXXXXX", NULL);
  g_autoptr(PsStore) store = NULL;
  g_autoptr(PsClock) clock = ps_test_clock ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 3, 12, 15, 0, 0);
  PsGroupDebriefFields fields = { when, 30, PS_MODALITY_PHONE, PS_GROUP_PROMPT_CRITICAL_INCIDENT,
                                  5, 0 };
  g_autoptr(PsGroupDebrief) debrief = NULL;
  gint64 version = 0;

  write_old_store (path, 2,
                   "INSERT INTO cases (id, display_name, modality, referral, reason,"
                   " requested_on, assigned_on, created_at) VALUES (1, 'Dr. Kept Across',"
                   " 'phone', 'self', 'other', '2024-03-02', '2024-03-02', '2024-03-02T09:00:00Z');");
  g_assert_cmpuint (ps_store_schema_version (), ==, 5);

  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, clock, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 1);
  g_assert_true (ps_sqlite_query_int64 (ps_store_get_db (store), "PRAGMA user_version",
                                        &version, NULL));
  g_assert_cmpint (version, ==, ps_store_schema_version ());
  debrief = ps_store_schedule_group_debrief (store, &fields, PS_CONVERSATION_SCHEDULED, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&debrief);
  g_clear_object (&store);
  ps_remove_tree (dir);
}

/* A caseload of version 5 (planned_at): a plan started before it takes
 * its real start and keeps its plan, so that a discard plans it again; a
 * conversation held in Peerside is dated by its real start; one marked
 * held without being run keeps its planned day. */
static void
test_migrate_planned_at (void)
{
  g_autofree char *dir = g_dir_make_tmp ("peerside-test-XXXXXX", NULL);
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(PsClock) clock = ps_test_clock ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(PsConversation) started = NULL;
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(PsConversation) marked = NULL;
  g_autoptr(GDateTime) planned = g_date_time_new_utc (2024, 3, 12, 10, 0, 0);
  g_autoptr(GDateTime) started_at = g_date_time_new_utc (2024, 3, 10, 8, 50, 0);
  g_autoptr(GDateTime) held_at = g_date_time_new_utc (2024, 3, 9, 10, 0, 0);
  g_autoptr(GDateTime) marked_at = g_date_time_new_utc (2024, 3, 7, 10, 0, 0);
  PsCase *kase;

  write_old_store (path, 4,
                   "INSERT INTO cases (id, display_name, modality, referral, reason,"
                   " requested_on, assigned_on, created_at) VALUES (1, 'Dr. Finn Dummy',"
                   " 'phone', 'self', 'other', '2024-03-01', '2024-03-01', '2024-03-01T09:00:00Z');"
                   "INSERT INTO conversations (id, case_id, starts_at, minutes, modality,"
                   " state, checklist_version, started_at, ended_at) VALUES"
                   " (1, 1, '2024-03-12T10:00:00Z', 30, 'phone', 'in-progress', 1,"
                   "  '2024-03-10T08:50:00Z', NULL),"
                   " (2, 1, '2024-03-11T10:00:00Z', 30, 'phone', 'completed', 1,"
                   "  '2024-03-09T10:00:00Z', '2024-03-09T10:20:00Z'),"
                   " (3, 1, '2024-03-07T10:00:00Z', 30, 'phone', 'completed', 1,"
                   "  '2024-03-09T12:00:00Z', '2024-03-09T12:00:00Z');"
                   "INSERT INTO conversation_steps VALUES (1, 'open.introduce');");

  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, clock, &error);
  g_assert_no_error (error);
  started = ps_store_lookup_conversation (store, 1);
  held = ps_store_lookup_conversation (store, 2);
  marked = ps_store_lookup_conversation (store, 3);
  g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (started), started_at));
  g_assert_true (g_date_time_equal (ps_conversation_get_planned_at (started), planned));
  g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (held), held_at));
  g_assert_null (ps_conversation_get_planned_at (held));
  g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (marked), marked_at));

  g_assert_true (ps_store_discard_conversation (store, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ps_conversation_get_state (started), ==, PS_CONVERSATION_SCHEDULED);
  g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (started), planned));
  kase = ps_store_lookup_case (store, 1);
  g_assert_true (g_date_time_equal (ps_case_get_next_conversation_at (kase), planned));

  g_clear_object (&started);
  g_clear_object (&held);
  g_clear_object (&marked);
  g_clear_object (&store);
  ps_remove_tree (dir);
}

/* Start takes the planned conversation only when it is its time, as the
 * case page suggests Start (ten minutes before it, until it is late);
 * otherwise a new one begins now and the plan stays. Discarding a started
 * plan plans it again, as it was, and Undo puts back what was discarded. */
static void
test_start_and_discard_plan (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autoptr(GError) error = NULL;
  PsCase *kase = ps_test_add_case (store, "Dr. Ada Placeholder", "2024-03-02");
  gint64 id = ps_case_get_id (kase);
  PsClock *clock = ps_store_get_clock (store);
  g_autoptr(GDateTime) tuesday = g_date_time_new_utc (2024, 3, 12, 10, 0, 0);
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (clock);
  g_autoptr(PsConversation) plan = NULL;
  g_autoptr(PsConversation) now_one = NULL;
  g_autoptr(PsConversation) taken = NULL;
  g_autoptr(PsConversation) before = NULL;
  const char * const steps[] = { "open.introduce", PS_CHECKLIST_SAFETY_STEP, NULL };
  gint64 unplanned_id;

  plan = ps_store_schedule_conversation (store, id, tuesday, 30, PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);

  /* Sunday: the plan two days ahead stays planned. */
  now_one = ps_store_start_conversation (store, id, 0, 30, PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ps_conversation_get_id (now_one), !=, ps_conversation_get_id (plan));
  g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (now_one), now));
  g_assert_cmpint (ps_conversation_get_state (plan), ==, PS_CONVERSATION_SCHEDULED);
  g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (plan), tuesday));

  /* Discarded, the unplanned one goes; the plan is still there. */
  unplanned_id = ps_conversation_get_id (now_one);
  g_assert_true (ps_store_discard_conversation (store, unplanned_id, &error));
  g_assert_no_error (error);
  g_assert_null (ps_store_lookup_conversation (store, unplanned_id));
  g_assert_cmpint (ps_conversation_get_state (plan), ==, PS_CONVERSATION_SCHEDULED);
  g_assert_true (g_date_time_equal (ps_case_get_next_conversation_at (kase), tuesday));

  /* Tuesday, five minutes before: Start takes the plan, dated now. */
  {
    g_autoptr(GDateTime) early = g_date_time_add_minutes (tuesday, -5);
    ps_clock_set_now (clock, early);
    taken = ps_store_start_conversation (store, id, 0, 30, PS_MODALITY_PHONE, &error);
    g_assert_no_error (error);
    g_assert_true (taken == plan);
    g_assert_cmpint (ps_conversation_get_state (plan), ==, PS_CONVERSATION_IN_PROGRESS);
    g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (plan), early));
    g_assert_true (g_date_time_equal (ps_conversation_get_started_at (plan), early));
    g_assert_true (g_date_time_equal (ps_conversation_get_planned_at (plan), tuesday));
  }

  /* A concern answered, then discarded: planned again, nothing recorded,
   * the case not flagged. */
  g_assert_true (ps_store_set_safety_concern (store, ps_conversation_get_id (plan), TRUE, &error));
  g_assert_true (ps_store_set_covered_steps (store, ps_conversation_get_id (plan), steps, &error));
  g_assert_no_error (error);
  g_assert_true (ps_case_get_safety_concern (kase));
  before = ps_conversation_snapshot (plan);
  g_assert_true (ps_store_discard_conversation (store, ps_conversation_get_id (plan), &error));
  g_assert_no_error (error);
  g_assert_cmpint (ps_conversation_get_state (plan), ==, PS_CONVERSATION_SCHEDULED);
  g_assert_true (g_date_time_equal (ps_conversation_get_starts_at (plan), tuesday));
  g_assert_null (ps_conversation_get_started_at (plan));
  g_assert_null (ps_conversation_get_planned_at (plan));
  g_assert_false (ps_conversation_get_safety_concern (plan));
  g_assert_null (ps_conversation_get_covered_steps (plan)[0]);
  g_assert_false (ps_case_get_safety_concern (kase));
  g_assert_true (g_date_time_equal (ps_case_get_next_conversation_at (kase), tuesday));
  g_assert_cmpint (ps_case_get_next_conversation_state (kase), ==, PS_CONVERSATION_SCHEDULED);

  /* Undo: exactly what was discarded, in progress with its answer. */
  g_assert_true (ps_store_restore_conversation (store, before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ps_conversation_get_state (plan), ==, PS_CONVERSATION_IN_PROGRESS);
  g_assert_true (ps_conversation_get_safety_concern (plan));
  g_assert_true (ps_conversation_has_covered_step (plan, "open.introduce"));
  g_assert_true (g_date_time_equal (ps_conversation_get_planned_at (plan), tuesday));
  g_assert_true (ps_case_get_safety_concern (kase));

  g_clear_object (&store);
  ps_remove_tree (dir);
}

/* Only a conversation that answered the safety question changes the case's
 * flag: one that never asked leaves it; a concern answered in a
 * conversation still in progress flags the case at once, and an explicit
 * "no concern", held or in progress, clears it. */
static void
test_safety_answer (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autoptr(GError) error = NULL;
  PsCase *kase = ps_test_add_case (store, "Dr. Bo Invented", "2024-03-02");
  gint64 id = ps_case_get_id (kase);
  PsClock *clock = ps_store_get_clock (store);
  const char * const asked[] = { PS_CHECKLIST_SAFETY_STEP, NULL };
  const char * const not_asked[] = { "open.introduce", NULL };
  g_autoptr(PsConversation) conv = NULL;
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(GDateTime) earlier = NULL;

  /* Raised in a conversation in progress: flagged at once. */
  conv = ps_store_start_conversation (store, id, 0, 30, PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  g_assert_false (ps_case_get_safety_concern (kase));
  g_assert_true (ps_store_set_safety_concern (store, ps_conversation_get_id (conv), TRUE, &error));
  g_assert_true (ps_case_get_safety_concern (kase));
  g_assert_true (g_date_time_equal (ps_case_get_safety_concern_at (kase),
                                    ps_conversation_get_started_at (conv)));
  g_assert_true (ps_store_set_conversation_state (store, ps_conversation_get_id (conv),
                                                  PS_CONVERSATION_COMPLETED, &error));
  g_assert_true (ps_case_get_safety_concern (kase));
  g_clear_object (&conv);

  /* A later conversation that never asked: the flag stays. */
  ps_clock_advance (clock, G_TIME_SPAN_DAY);
  conv = ps_store_start_conversation (store, id, 0, 30, PS_MODALITY_PHONE, &error);
  g_assert_true (ps_store_set_covered_steps (store, ps_conversation_get_id (conv), not_asked, &error));
  ps_clock_advance (clock, 10 * G_TIME_SPAN_MINUTE);
  g_assert_true (ps_store_set_conversation_state (store, ps_conversation_get_id (conv),
                                                  PS_CONVERSATION_COMPLETED, &error));
  g_assert_no_error (error);
  g_assert_true (ps_case_get_safety_concern (kase));
  g_clear_object (&conv);

  /* Nor one recorded afterwards without an answer. */
  earlier = g_date_time_add_hours (ps_clock_get_now_utc (clock), -1);
  held = ps_store_add_held_conversation (store, id, earlier, 15, PS_MODALITY_PHONE, not_asked,
                                         FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (ps_case_get_safety_concern (kase));
  g_clear_object (&held);

  /* "No concern", answered in a conversation in progress: cleared at once. */
  ps_clock_advance (clock, G_TIME_SPAN_HOUR);
  conv = ps_store_start_conversation (store, id, 0, 30, PS_MODALITY_PHONE, &error);
  g_assert_true (ps_store_set_safety_concern (store, ps_conversation_get_id (conv), FALSE, &error));
  g_assert_true (ps_store_set_covered_steps (store, ps_conversation_get_id (conv), asked, &error));
  g_assert_no_error (error);
  g_assert_false (ps_case_get_safety_concern (kase));
  g_assert_true (ps_store_delete_conversation (store, ps_conversation_get_id (conv), &error));
  g_assert_true (ps_case_get_safety_concern (kase));
  g_clear_object (&conv);

  /* An explicit "no concern" recorded afterwards clears it too. */
  g_clear_pointer (&earlier, g_date_time_unref);
  earlier = g_date_time_add_minutes (ps_clock_get_now_utc (clock), -20);
  held = ps_store_add_held_conversation (store, id, earlier, 15, PS_MODALITY_PHONE, asked,
                                         FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (ps_case_get_safety_concern (kase));

  g_clear_object (&held);
  g_clear_object (&store);
  ps_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/schema/no-free-text", test_schema_no_free_text);
  g_test_add_func ("/store/schema/checks", test_schema_checks);
  g_test_add_func ("/store/cases/operations-and-models", test_cases_and_models);
  g_test_add_func ("/store/conversations/operations", test_conversations);
  g_test_add_func ("/store/demo/every-state", test_demo);
  g_test_add_func ("/store/groups/operations-and-checks", test_group_debriefs);
  g_test_add_func ("/store/groups/migrate-to-groups", test_migrate_to_groups);
  g_test_add_func ("/store/conversations/migrate-planned-at", test_migrate_planned_at);
  g_test_add_func ("/store/conversations/start-and-discard-plan", test_start_and_discard_plan);
  g_test_add_func ("/store/conversations/safety-answer", test_safety_answer);
  g_test_add_func ("/store/keyring/first-run-and-reopen", test_keyring_first_run);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/store/open/refuses/%s", bad_files[i].name);
      g_test_add_data_func (name, &bad_files[i], test_bad_file);
    }
  g_test_add_func ("/store/open/refuses/in-use", test_in_use);

  return g_test_run ();
}
