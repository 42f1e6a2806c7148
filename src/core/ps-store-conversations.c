/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The conversations table with its steps, and the contact attempts: one
 * object per conversation id, updated in place after each change. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ps-case-timeline.h"
#include "ps-conversation-private.h"
#include "ps-sqlite.h"
#include "ps-store-private.h"
#include "ps-util.h"

#define CONVERSATION_COLUMNS \
  "v.id, v.case_id, v.starts_at, v.minutes, v.modality, v.state, v.checklist_version," \
  " v.safety_concern, v.started_at, v.ended_at, v.planned_at," \
  " (SELECT group_concat(s.step_id, ' ') FROM conversation_steps s" \
  "   WHERE s.conversation_id = v.id)" \
  " FROM conversations v"

/* Rows ----------------------------------------------------------------- */

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
read_conversation_row (sqlite3_stmt      *stmt,
                       PsConversationRow *row)
{
  const char *steps = ps_sqlite_column_text (stmt, 11);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->case_id = sqlite3_column_int64 (stmt, 1);
  row->starts_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 2));
  row->minutes = (guint)sqlite3_column_int (stmt, 3);
  ps_modality_from_code (ps_sqlite_column_text (stmt, 4), &row->modality);
  ps_conversation_state_from_code (ps_sqlite_column_text (stmt, 5), &row->state);
  row->checklist_version = (guint)sqlite3_column_int (stmt, 6);
  row->safety_concern = sqlite3_column_int (stmt, 7) != 0;
  row->started_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 8));
  row->ended_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 9));
  row->planned_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 10));
  row->covered_steps = g_strsplit (steps != NULL ? steps : "", " ", -1);
  if (row->covered_steps[0] != NULL && row->covered_steps[0][0] == '\0')
    g_clear_pointer (&row->covered_steps[0], g_free);
  qsort (row->covered_steps, g_strv_length (row->covered_steps), sizeof (char *), compare_steps);
}

/* Conversation objects ------------------------------------------------- */

/* Which entry of the cache a conversation object is, for when it goes:
 * looked up by id, not found by walking the whole cache. */
typedef struct
{
  PsStore *store;
  gint64   id;
} CachedConversation;

static void
conversation_finalized (gpointer  data,
                        GObject  *where_the_object_was)
{
  CachedConversation *cached = data;

  if (g_hash_table_lookup (cached->store->conversation_by_id, &cached->id) == (gpointer) where_the_object_was)
    g_hash_table_remove (cached->store->conversation_by_id, &cached->id);
  g_free (cached);
}

/* Lets go of every cached object, at dispose: they may outlive the store. */
void
ps_store_clear_conversations (PsStore *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->conversation_by_id == NULL)
    return;

  g_hash_table_iter_init (&iter, self->conversation_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CachedConversation *cached = g_object_steal_data (value, "ps-store-cached");

      g_object_weak_unref (value, conversation_finalized, cached);
      g_free (cached);
    }
  g_clear_pointer (&self->conversation_by_id, g_hash_table_unref);
}

/* The one object for the row's id, updated from @row (transfer full). */
static PsConversation *
conversation_for_row (PsStore                 *self,
                      const PsConversationRow *row)
{
  PsConversation *conversation = g_hash_table_lookup (self->conversation_by_id, &row->id);
  CachedConversation *cached;

  if (conversation != NULL)
    {
      ps_conversation_update (conversation, row);
      return g_object_ref (conversation);
    }

  conversation = ps_conversation_new_from_row (row);
  cached = g_new (CachedConversation, 1);
  g_hash_table_insert (self->conversation_by_id, g_memdup2 (&row->id, sizeof row->id),
                       conversation);
  cached->store = self;
  cached->id = row->id;
  g_object_set_data (G_OBJECT (conversation), "ps-store-cached", cached);
  g_object_weak_ref (G_OBJECT (conversation), conversation_finalized, cached);
  return conversation;
}

/* Runs a conversation query with @id bound to ?1 (when nonzero); every row
 * goes into @into when given. Returns the first row's object, transfer full. */
static PsConversation *
query_conversations (PsStore    *self,
                     const char *sql,
                     gint64      id,
                     GDateTime  *from,
                     GDateTime  *to,
                     GListStore *into)
{
  g_autoptr(sqlite3_stmt) stmt = ps_sqlite_prepare (self->db, sql, NULL);
  PsConversation *first = NULL;

  if (stmt == NULL)
    return NULL;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (from != NULL)
    ps_sqlite_bind_take (stmt, 1, ps_instant_to_iso (from));
  if (to != NULL)
    ps_sqlite_bind_take (stmt, 2, ps_instant_to_iso (to));

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PsConversationRow row = { 0 };
      g_autoptr(PsConversation) conversation = NULL;

      read_conversation_row (stmt, &row);
      conversation = conversation_for_row (self, &row);
      ps_conversation_row_clear (&row);

      if (into != NULL)
        g_list_store_append (into, conversation);
      if (first == NULL)
        first = g_steal_pointer (&conversation);
    }
  return first;
}

static PsConversation *
refresh_conversation (PsStore *self,
                      gint64   conversation_id)
{
  return query_conversations (self, "SELECT " CONVERSATION_COLUMNS " WHERE v.id = ?1",
                              conversation_id, NULL, NULL, NULL);
}

/* Contact attempts ----------------------------------------------------- */

gboolean
ps_store_log_contact_attempt (PsStore           *self,
                              gint64             case_id,
                              GDateTime         *at,
                              PsContactOutcome   outcome,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  /* An attempt made now or earlier, never one still to make. */
  now = ps_clock_get_now_utc (self->clock);
  if (!ps_contact_outcome_is_valid (outcome) || g_date_time_compare (at, now) > 0)
    return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);

  stmt = ps_sqlite_prepare (self->db,
                            "INSERT INTO contact_attempts (case_id, at, outcome)"
                            " SELECT id, ?2, ?3 FROM cases WHERE id = ?1"
                            " AND closure_status = 'open'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  ps_sqlite_bind_take (stmt, 2, ps_instant_to_iso (at));
  ps_sqlite_bind_text (stmt, 3, ps_contact_outcome_to_code (outcome));

  return ps_store_write_case_row (self, stmt, case_id, error);
}

gboolean
ps_store_delete_contact_attempt (PsStore  *self,
                                 gint64    attempt_id,
                                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 case_id = 0;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  stmt = ps_sqlite_prepare (self->db, "SELECT case_id FROM contact_attempts WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, attempt_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    case_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (case_id == 0)
    return ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);

  return ps_store_delete_row (self, "DELETE FROM contact_attempts WHERE id = ?1",
                              attempt_id, case_id, error);
}

GListModel *
ps_store_list_contact_attempts (PsStore *self,
                                gint64   case_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GListStore *model;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);

  model = g_list_store_new (PS_TYPE_CONTACT_ATTEMPT);
  stmt = ps_sqlite_prepare (self->db,
                            "SELECT id, at, outcome FROM contact_attempts WHERE case_id = ?1"
                            " ORDER BY at, id", NULL);
  if (stmt == NULL)
    return G_LIST_MODEL (model);
  sqlite3_bind_int64 (stmt, 1, case_id);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 1));
      g_autoptr(PsContactAttempt) attempt = NULL;
      PsContactOutcome outcome = PS_CONTACT_NO_ANSWER;

      if (at == NULL)
        continue;
      ps_contact_outcome_from_code (ps_sqlite_column_text (stmt, 2), &outcome);
      attempt = ps_contact_attempt_new (sqlite3_column_int64 (stmt, 0), case_id, at, outcome);
      g_list_store_append (model, attempt);
    }
  return G_LIST_MODEL (model);
}

/* Conversations -------------------------------------------------------- */

static gboolean
valid_minutes (guint minutes)
{
  return minutes == 15 || minutes == 30 || minutes == 45;
}

/* A new conversation of @case_id, planned (@started FALSE) or begun now at
 * @starts_at: one transaction, one "changed". */
static PsConversation *
add_conversation (PsStore     *self,
                  gint64       case_id,
                  GDateTime   *starts_at,
                  guint        minutes,
                  PsModality   modality,
                  gboolean     started,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PsCase *kase;
  gint64 id;

  kase = ps_store_lookup_case (self, case_id);
  if (kase == NULL)
    {
      ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);
      return NULL;
    }
  if (!valid_minutes (minutes) || !ps_modality_is_valid (modality) ||
      ps_case_get_closure_status (kase) != PS_CLOSURE_NONE)
    {
      ps_store_fail_code (error, PS_STORE_ERROR_INVALID);
      return NULL;
    }

  stmt = ps_sqlite_prepare (self->db,
                            "INSERT INTO conversations (case_id, starts_at, minutes, modality,"
                            " state, checklist_version, started_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  ps_sqlite_bind_take (stmt, 2, ps_instant_to_iso (starts_at));
  sqlite3_bind_int (stmt, 3, (int)minutes);
  ps_sqlite_bind_text (stmt, 4, ps_modality_to_code (modality));
  ps_sqlite_bind_text (stmt, 5, ps_conversation_state_to_code (started ? PS_CONVERSATION_IN_PROGRESS
                                                                        : PS_CONVERSATION_SCHEDULED));
  sqlite3_bind_int (stmt, 6, PS_CHECKLIST_VERSION);
  if (started)
    ps_sqlite_bind_take (stmt, 7, ps_instant_to_iso (starts_at));
  else
    sqlite3_bind_null (stmt, 7);

  if (!(id = ps_store_insert_one (self, stmt, error)))
    return NULL;

  ps_store_refresh_case (self, case_id);
  ps_store_emit_changed (self, case_id);
  return refresh_conversation (self, id);
}

PsConversation *
ps_store_schedule_conversation (PsStore     *self,
                                gint64       case_id,
                                GDateTime   *starts_at,
                                guint        minutes,
                                PsModality   modality,
                                GError     **error)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (starts_at != NULL, NULL);

  return add_conversation (self, case_id, starts_at, minutes, modality, FALSE, error);
}

/* After a conversation changed: its object, its case, the signal. */
static gboolean
conversation_changed (PsStore *self,
                      gint64   conversation_id)
{
  g_autoptr(PsConversation) conversation = refresh_conversation (self, conversation_id);
  gint64 case_id = conversation != NULL ? ps_conversation_get_case_id (conversation) : 0;

  if (case_id != 0)
    ps_store_refresh_case (self, case_id);
  ps_store_emit_changed (self, case_id);
  return TRUE;
}

gboolean
ps_store_reschedule_conversation (PsStore     *self,
                                  gint64       conversation_id,
                                  GDateTime   *starts_at,
                                  guint        minutes,
                                  PsModality   modality,
                                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (starts_at != NULL, FALSE);

  if (!valid_minutes (minutes) || !ps_modality_is_valid (modality))
    return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);

  /* A missed or cancelled conversation can be planned again; a held one cannot. */
  stmt = ps_sqlite_prepare (self->db,
                            "UPDATE conversations SET starts_at = ?2, minutes = ?3, modality = ?4,"
                            " state = 'scheduled', started_at = NULL, ended_at = NULL, planned_at = NULL"
                            " WHERE id = ?1 AND state IN ('scheduled', 'missed', 'cancelled')"
                            " AND (SELECT closure_status FROM cases c"
                            "      WHERE c.id = conversations.case_id) = 'open'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  ps_sqlite_bind_take (stmt, 2, ps_instant_to_iso (starts_at));
  sqlite3_bind_int (stmt, 3, (int)minutes);
  ps_sqlite_bind_text (stmt, 4, ps_modality_to_code (modality));

  if (!ps_store_write_one (self, stmt, error))
    return FALSE;
  return conversation_changed (self, conversation_id);
}

gboolean
ps_store_set_conversation_state (PsStore              *self,
                                 gint64                conversation_id,
                                 PsConversationState   state,
                                 GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  switch (state)
    {
    case PS_CONVERSATION_IN_PROGRESS:
      /* A plan started starts now; its planned start is kept for a discard. */
      sql = "UPDATE conversations SET planned_at = CASE WHEN state = 'scheduled'"
            " THEN starts_at ELSE planned_at END,"
            " starts_at = CASE WHEN state = 'scheduled' THEN ?3 ELSE starts_at END,"
            " state = ?2, started_at = coalesce (started_at, ?3)"
            " WHERE id = ?1 AND state IN ('scheduled', 'in-progress')";
      break;
    case PS_CONVERSATION_COMPLETED:
      sql = "UPDATE conversations SET state = ?2, started_at = coalesce (started_at, ?3),"
            " ended_at = coalesce (ended_at, ?3) WHERE id = ?1";
      break;
    case PS_CONVERSATION_SCHEDULED:
    case PS_CONVERSATION_MISSED:
    case PS_CONVERSATION_CANCELLED:
      sql = "UPDATE conversations SET state = ?2 WHERE id = ?1 AND state != 'completed'";
      break;
    default:
      return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);
    }

  stmt = ps_sqlite_prepare (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  ps_sqlite_bind_text (stmt, 2, ps_conversation_state_to_code (state));
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    ps_sqlite_bind_take (stmt, 3, ps_store_now_iso (self));

  if (!ps_store_write_one (self, stmt, error))
    return FALSE;
  return conversation_changed (self, conversation_id);
}

/* Replaces the steps of @conversation_id, inside the current transaction. */
static gboolean
write_steps (PsStore             *self,
             gint64               conversation_id,
             const char * const  *step_ids,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = ps_sqlite_prepare (self->db,
                             "DELETE FROM conversation_steps WHERE conversation_id = ?1", error);
  insert = ps_sqlite_prepare (self->db,
                              "INSERT OR IGNORE INTO conversation_steps (conversation_id, step_id)"
                              " VALUES (?1, ?2)", error);
  if (clear == NULL || insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, conversation_id);
  if (!ps_store_step_changes (self, clear, NULL, error))
    return FALSE;
  for (guint i = 0; step_ids != NULL && step_ids[i] != NULL; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, conversation_id);
      ps_sqlite_bind_text (insert, 2, step_ids[i]);
      if (!ps_store_step_changes (self, insert, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
valid_steps (const char * const *step_ids)
{
  for (guint i = 0; step_ids != NULL && step_ids[i] != NULL; i++)
    if (!ps_store_valid_key (step_ids[i]))
      return FALSE;
  return TRUE;
}

gboolean
ps_store_set_covered_steps (PsStore             *self,
                            gint64               conversation_id,
                            const char * const  *step_ids,
                            GError             **error)
{
  g_autoptr(PsConversation) existing = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  if (!valid_steps (step_ids))
    return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);
  if (!(existing = refresh_conversation (self, conversation_id)))
    return ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);

  if (!ps_sqlite_begin (self->db, PS_SQLITE_IMMEDIATE, error))
    return FALSE;
  if (!write_steps (self, conversation_id, step_ids, error))
    return ps_sqlite_rollback (self->db);
  if (!ps_sqlite_commit (self->db, error))
    return FALSE;
  return conversation_changed (self, conversation_id);
}

/* Inserts a whole conversation, its steps with it, in one transaction;
 * @id 0 for a new id, else in place of any row of that id. The case must
 * be open. Returns the new id, or 0. */
static gint64
insert_conversation (PsStore              *self,
                     gint64                id,
                     gint64                case_id,
                     GDateTime            *starts_at,
                     guint                 minutes,
                     PsModality            modality,
                     PsConversationState   state,
                     guint                 checklist_version,
                     gboolean              concern,
                     GDateTime            *started_at,
                     GDateTime            *ended_at,
                     GDateTime            *planned_at,
                     const char * const   *step_ids,
                     GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  int n_changed = 0;

  stmt = ps_sqlite_prepare (self->db,
                            "INSERT INTO conversations (id, case_id, starts_at, minutes, modality,"
                            " state, checklist_version, safety_concern, started_at, ended_at,"
                            " planned_at)"
                            " SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 FROM cases"
                            " WHERE id = ?2 AND closure_status = 'open'", error);
  /* An Undo of a discarded plan finds it planned again: it goes back as
   * it was, steps and all. */
  clear = ps_sqlite_prepare (self->db, "DELETE FROM conversations WHERE id = ?1 AND case_id = ?2",
                             error);
  if (stmt == NULL || clear == NULL)
    return 0;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  ps_sqlite_bind_take (stmt, 3, ps_instant_to_iso (starts_at));
  sqlite3_bind_int (stmt, 4, (int)minutes);
  ps_sqlite_bind_text (stmt, 5, ps_modality_to_code (modality));
  ps_sqlite_bind_text (stmt, 6, ps_conversation_state_to_code (state));
  sqlite3_bind_int (stmt, 7, (int)checklist_version);
  sqlite3_bind_int (stmt, 8, concern ? 1 : 0);
  if (started_at != NULL)
    ps_sqlite_bind_take (stmt, 9, ps_instant_to_iso (started_at));
  if (ended_at != NULL)
    ps_sqlite_bind_take (stmt, 10, ps_instant_to_iso (ended_at));
  if (planned_at != NULL)
    ps_sqlite_bind_take (stmt, 11, ps_instant_to_iso (planned_at));
  sqlite3_bind_int64 (clear, 1, id);
  sqlite3_bind_int64 (clear, 2, case_id);

  if (!ps_sqlite_begin (self->db, PS_SQLITE_IMMEDIATE, error))
    return 0;
  if ((id != 0 && !ps_store_step_changes (self, clear, NULL, error)) ||
      !ps_store_step_changes (self, stmt, &n_changed, error))
    return ps_sqlite_rollback (self->db);
  if (n_changed != 1)
    {
      ps_sqlite_rollback (self->db);
      return ps_store_fail_code (error, ps_store_lookup_case (self, case_id) != NULL ?
                                        PS_STORE_ERROR_INVALID : PS_STORE_ERROR_NOT_FOUND);
    }
  id = sqlite3_last_insert_rowid (self->db);
  if (!write_steps (self, id, step_ids, error))
    return ps_sqlite_rollback (self->db);
  if (!ps_sqlite_commit (self->db, error))
    return 0;
  conversation_changed (self, id);
  return id;
}

PsConversation *
ps_store_add_held_conversation (PsStore             *self,
                                gint64               case_id,
                                GDateTime           *starts_at,
                                guint                minutes,
                                PsModality           modality,
                                const char * const  *step_ids,
                                gboolean             concern,
                                GError             **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) ends_at = NULL;
  gint64 id;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (starts_at != NULL, NULL);

  /* Held: it started before now. */
  now = ps_clock_get_now_utc (self->clock);
  if (!valid_minutes (minutes) || !ps_modality_is_valid (modality) || !valid_steps (step_ids) ||
      g_date_time_compare (starts_at, now) > 0)
    {
      ps_store_fail_code (error, PS_STORE_ERROR_INVALID);
      return NULL;
    }
  ends_at = g_date_time_add_minutes (starts_at, (int)minutes);
  id = insert_conversation (self, 0, case_id, starts_at, minutes, modality,
                            PS_CONVERSATION_COMPLETED, PS_CHECKLIST_VERSION, concern,
                            starts_at, ends_at, NULL, step_ids, error);
  return id != 0 ? refresh_conversation (self, id) : NULL;
}

gboolean
ps_store_delete_conversation (PsStore  *self,
                              gint64    conversation_id,
                              GError  **error)
{
  g_autoptr(PsConversation) existing = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  if (!(existing = refresh_conversation (self, conversation_id)))
    return ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);

  return ps_store_delete_row (self, "DELETE FROM conversations WHERE id = ?1", conversation_id,
                              ps_conversation_get_case_id (existing), error);
}

gboolean
ps_store_discard_conversation (PsStore  *self,
                               gint64    conversation_id,
                               GError  **error)
{
  g_autoptr(PsConversation) existing = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  int n_changed = 0;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  if (!(existing = refresh_conversation (self, conversation_id)))
    return ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);
  if (ps_conversation_get_state (existing) != PS_CONVERSATION_IN_PROGRESS)
    return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);
  if (ps_conversation_get_planned_at (existing) == NULL)
    return ps_store_delete_conversation (self, conversation_id, error);

  /* Planned again, as it was before Start: nothing of it recorded. */
  stmt = ps_sqlite_prepare (self->db,
                            "UPDATE conversations SET state = 'scheduled', starts_at = planned_at,"
                            " planned_at = NULL, started_at = NULL, ended_at = NULL,"
                            " safety_concern = 0"
                            " WHERE id = ?1 AND state = 'in-progress' AND planned_at IS NOT NULL",
                            error);
  clear = ps_sqlite_prepare (self->db,
                             "DELETE FROM conversation_steps WHERE conversation_id = ?1", error);
  if (stmt == NULL || clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (clear, 1, conversation_id);

  if (!ps_sqlite_begin (self->db, PS_SQLITE_IMMEDIATE, error))
    return FALSE;
  if (!ps_store_step_changes (self, stmt, &n_changed, error) ||
      !ps_store_step_changes (self, clear, NULL, error))
    return ps_sqlite_rollback (self->db);
  if (n_changed != 1)
    {
      ps_sqlite_rollback (self->db);
      return ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);
    }
  if (!ps_sqlite_commit (self->db, error))
    return FALSE;
  return conversation_changed (self, conversation_id);
}

gboolean
ps_store_restore_conversation (PsStore         *self,
                               PsConversation  *conversation,
                               GError         **error)
{
  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (PS_IS_CONVERSATION (conversation), FALSE);

  return insert_conversation (self, ps_conversation_get_id (conversation),
                              ps_conversation_get_case_id (conversation),
                              ps_conversation_get_starts_at (conversation),
                              ps_conversation_get_minutes (conversation),
                              ps_conversation_get_modality (conversation),
                              ps_conversation_get_state (conversation),
                              ps_conversation_get_checklist_version (conversation),
                              ps_conversation_get_safety_concern (conversation),
                              ps_conversation_get_started_at (conversation),
                              ps_conversation_get_ended_at (conversation),
                              ps_conversation_get_planned_at (conversation),
                              ps_conversation_get_covered_steps (conversation),
                              error) != 0;
}

gboolean
ps_store_set_safety_concern (PsStore   *self,
                             gint64     conversation_id,
                             gboolean   concern,
                             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  stmt = ps_sqlite_prepare (self->db,
                            "UPDATE conversations SET safety_concern = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int (stmt, 2, concern ? 1 : 0);

  if (!ps_store_write_one (self, stmt, error))
    return FALSE;
  return conversation_changed (self, conversation_id);
}

/* Transfer full; NULL if there is no such conversation. */
PsConversation *
ps_store_lookup_conversation (PsStore *self,
                              gint64   conversation_id)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return refresh_conversation (self, conversation_id);
}

/* Transfer full; NULL if the case holds none now. */
PsConversation *
ps_store_lookup_conversation_in_progress (PsStore *self,
                                          gint64   case_id)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return query_conversations (self, "SELECT " CONVERSATION_COLUMNS
                              " WHERE v.case_id = ?1 AND v.state = 'in-progress'"
                              " ORDER BY v.started_at DESC, v.id DESC LIMIT 1",
                              case_id, NULL, NULL, NULL);
}

/* The case's next scheduled conversation when it is its time, as the
 * case page's Start says (ps_timing_suggests_start), or NULL: one still
 * days ahead stays planned. Transfer full. */
static PsConversation *
lookup_next_scheduled (PsStore *self,
                       gint64   case_id)
{
  g_autoptr(PsConversation) next = NULL;
  g_autoptr(GDateTime) now = NULL;
  PsTimelineNow timeline_now;

  next = query_conversations (self, "SELECT " CONVERSATION_COLUMNS
                              " WHERE v.case_id = ?1 AND v.state = 'scheduled'"
                              " ORDER BY v.starts_at, v.id LIMIT 1",
                              case_id, NULL, NULL, NULL);
  if (next == NULL)
    return NULL;
  now = ps_clock_get_now_utc (self->clock);
  ps_timeline_now_init (&timeline_now, now, 0, 0);
  if (!ps_timing_suggests_start (ps_timeline_conversation_timing (&timeline_now, next)))
    return NULL;
  return g_steal_pointer (&next);
}

PsConversation *
ps_store_start_conversation (PsStore     *self,
                             gint64       case_id,
                             gint64       conversation_id,
                             guint        minutes,
                             PsModality   modality,
                             GError     **error)
{
  g_autoptr(PsConversation) conversation = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);

  conversation = ps_store_lookup_conversation_in_progress (self, case_id);
  if (conversation != NULL)
    return g_steal_pointer (&conversation);

  if (conversation_id != 0)
    {
      conversation = refresh_conversation (self, conversation_id);
      if (conversation == NULL || ps_conversation_get_case_id (conversation) != case_id)
        {
          ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);
          return NULL;
        }
    }
  else
    conversation = lookup_next_scheduled (self, case_id);

  /* None planned: one begun now, written at once. */
  if (conversation == NULL)
    {
      now = ps_clock_get_now_utc (self->clock);
      return add_conversation (self, case_id, now, minutes, modality, TRUE, error);
    }
  if (!ps_store_set_conversation_state (self, ps_conversation_get_id (conversation),
                                        PS_CONVERSATION_IN_PROGRESS, error))
    return NULL;
  return g_steal_pointer (&conversation);
}

PsConversation *
ps_store_find_left_in_progress (PsStore *self)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return query_conversations (self, "SELECT " CONVERSATION_COLUMNS
                              " JOIN cases c ON c.id = v.case_id"
                              " WHERE v.state = 'in-progress' AND c.closure_status = 'open'"
                              " ORDER BY v.started_at DESC, v.id DESC LIMIT 1",
                              0, NULL, NULL, NULL);
}

/* Transfer full: a snapshot, by start time. */
GListModel *
ps_store_list_conversations (PsStore *self,
                             gint64   case_id)
{
  GListStore *model;
  g_autoptr(PsConversation) first = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);

  model = g_list_store_new (PS_TYPE_CONVERSATION);
  first = query_conversations (self, "SELECT " CONVERSATION_COLUMNS
                               " WHERE v.case_id = ?1 ORDER BY v.starts_at, v.id",
                               case_id, NULL, NULL, model);
  return G_LIST_MODEL (model);
}

/* Transfer full: the conversations still to hold (scheduled or in
 * progress) of every open case, by case then start: what the Schedule
 * shows, in one query rather than one per case. */
GListModel *
ps_store_list_planned_conversations (PsStore *self)
{
  GListStore *model;
  g_autoptr(PsConversation) first = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);

  model = g_list_store_new (PS_TYPE_CONVERSATION);
  first = query_conversations (self, "SELECT " CONVERSATION_COLUMNS
                               " JOIN cases c ON c.id = v.case_id"
                               " WHERE v.state IN ('scheduled', 'in-progress')"
                               " AND c.closure_status = 'open'"
                               " ORDER BY v.case_id, v.starts_at, v.id",
                               0, NULL, NULL, model);
  return G_LIST_MODEL (model);
}

/* Transfer full: a PsLastHeld for each open case that held or missed a
 * conversation before @now, by case id — what the weekly "nothing planned"
 * nudge needs — in one query rather than one per case. One array, not a
 * conversation object per case: planning at start-up with 10,000 cases
 * made 10,000 objects only to read one time from each. */
GArray *
ps_store_list_last_held (PsStore   *self,
                         GDateTime *now)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *held;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  held = g_array_new (FALSE, FALSE, sizeof (PsLastHeld));
  /* Instants are UTC ISO 8601 text, which strftime reads, 'Z' and all. */
  stmt = ps_sqlite_prepare (self->db,
                            "SELECT c.id, CAST(strftime('%s', (SELECT max(l.starts_at)"
                            "   FROM conversations l WHERE l.case_id = c.id"
                            "   AND l.state IN ('completed', 'missed') AND l.starts_at <= ?1))"
                            "   AS INTEGER) AS at"
                            " FROM cases c WHERE c.closure_status = 'open' AND at IS NOT NULL"
                            " ORDER BY c.id",
                            NULL);
  if (stmt == NULL)
    return held;
  ps_sqlite_bind_take (stmt, 1, ps_instant_to_iso (now));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PsLastHeld row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (held, row);
    }
  return held;
}

/* Transfer full: conversations of open and closed cases starting in [from, to). */
GListModel *
ps_store_list_conversations_between (PsStore   *self,
                                     GDateTime *from,
                                     GDateTime *to)
{
  GListStore *model;
  g_autoptr(PsConversation) first = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  model = g_list_store_new (PS_TYPE_CONVERSATION);
  first = query_conversations (self, "SELECT " CONVERSATION_COLUMNS
                               " WHERE v.starts_at >= ?1 AND v.starts_at < ?2"
                               " ORDER BY v.starts_at, v.id",
                               0, from, to, model);
  return G_LIST_MODEL (model);
}


PsConversation *
ps_store_find_overlap (PsStore   *self,
                       GDateTime *start,
                       guint      minutes,
                       gint64     except_id)
{
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GListModel) nearby = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (start != NULL, NULL);

  end = g_date_time_add_minutes (start, (int) minutes);
  /* 45 minutes is the longest a conversation can last. */
  from = g_date_time_add_minutes (start, -45);
  nearby = ps_store_list_conversations_between (self, from, end);
  for (guint i = 0; i < g_list_model_get_n_items (nearby); i++)
    {
      g_autoptr(PsConversation) other = g_list_model_get_item (nearby, i);
      PsConversationState state = ps_conversation_get_state (other);
      PsCase *kase = ps_store_lookup_case (self, ps_conversation_get_case_id (other));

      if (ps_conversation_get_id (other) == except_id ||
          (state != PS_CONVERSATION_SCHEDULED && state != PS_CONVERSATION_IN_PROGRESS) ||
          kase == NULL || ps_case_get_state (kase) == PS_CASE_STATE_CLOSED)
        continue;
      if (g_date_time_compare (ps_conversation_get_starts_at (other), end) < 0 &&
          g_date_time_compare (ps_conversation_get_ends_at (other), start) > 0)
        return g_steal_pointer (&other);
    }
  return NULL;
}
