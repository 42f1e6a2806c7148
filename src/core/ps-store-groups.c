/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The group_debriefs table and its covered steps. Kept apart from the
 * cases: a debrief has no case, so no change here touches a PsCase. */

#include "config.h"

#include <string.h>

#include "ps-group-checklist.h"
#include "ps-sqlite.h"
#include "ps-store-groups.h"
#include "ps-store-private.h"
#include "ps-util.h"

#define DEBRIEF_COLUMNS \
  "g.id, g.starts_at, g.minutes, g.modality, g.prompt, g.headcount, g.referrals, g.state," \
  " g.checklist_version," \
  " (SELECT group_concat(s.step_id, ' ') FROM group_debrief_steps s WHERE s.debrief_id = g.id)" \
  " FROM group_debriefs g"

static PsGroupDebrief *
read_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) starts_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 1));
  const char *steps = ps_sqlite_column_text (stmt, 9);
  PsGroupDebriefFields fields = { 0 };
  PsConversationState state = PS_CONVERSATION_SCHEDULED;
  char **covered;

  if (starts_at == NULL)
    return NULL;
  fields.starts_at = starts_at;
  fields.minutes = (guint)sqlite3_column_int (stmt, 2);
  ps_modality_from_code (ps_sqlite_column_text (stmt, 3), &fields.modality);
  ps_group_prompt_from_code (ps_sqlite_column_text (stmt, 4), &fields.prompt);
  fields.headcount = (guint)sqlite3_column_int (stmt, 5);
  fields.referrals = (guint)sqlite3_column_int (stmt, 6);
  ps_conversation_state_from_code (ps_sqlite_column_text (stmt, 7), &state);
  covered = steps != NULL && *steps != '\0' ? g_strsplit (steps, " ", -1) : NULL;

  return ps_group_debrief_new (sqlite3_column_int64 (stmt, 0), &fields, state,
                               (guint)sqlite3_column_int (stmt, 8), covered);
}

/* Runs @sql with up to two instants bound, into a new model. */
static GListModel *
query (PsStore    *self,
       const char *sql,
       GDateTime  *from,
       GDateTime  *to)
{
  GListStore *model = g_list_store_new (PS_TYPE_GROUP_DEBRIEF);
  g_autoptr(sqlite3_stmt) stmt = ps_sqlite_prepare (ps_store_get_db (self), sql, NULL);

  if (stmt == NULL)
    return G_LIST_MODEL (model);
  if (from != NULL)
    ps_sqlite_bind_take (stmt, 1, ps_instant_to_iso (from));
  if (to != NULL)
    ps_sqlite_bind_take (stmt, 2, ps_instant_to_iso (to));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(PsGroupDebrief) debrief = read_row (stmt);

      if (debrief != NULL)
        g_list_store_append (model, debrief);
    }
  return G_LIST_MODEL (model);
}

PsGroupDebrief *
ps_store_lookup_group_debrief (PsStore *self,
                               gint64   debrief_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);

  stmt = ps_sqlite_prepare (ps_store_get_db (self),
                            "SELECT " DEBRIEF_COLUMNS " WHERE g.id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, debrief_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return read_row (stmt);
}

GListModel *
ps_store_list_group_debriefs_between (PsStore   *self,
                                      GDateTime *from,
                                      GDateTime *to)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  return query (self, "SELECT " DEBRIEF_COLUMNS
                " WHERE g.starts_at >= ?1 AND g.starts_at < ?2 ORDER BY g.starts_at, g.id",
                from, to);
}

GListModel *
ps_store_list_planned_group_debriefs (PsStore *self)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);

  return query (self, "SELECT " DEBRIEF_COLUMNS
                " WHERE g.state = 'scheduled' ORDER BY g.starts_at, g.id", NULL, NULL);
}

/* Changes ---------------------------------------------------------------- */

static void
bind_fields (sqlite3_stmt               *stmt,
             const PsGroupDebriefFields *fields)
{
  ps_sqlite_bind_take (stmt, 1, ps_instant_to_iso (fields->starts_at));
  sqlite3_bind_int (stmt, 2, (int)fields->minutes);
  ps_sqlite_bind_text (stmt, 3, ps_modality_to_code (fields->modality));
  ps_sqlite_bind_text (stmt, 4, ps_group_prompt_to_code (fields->prompt));
  sqlite3_bind_int (stmt, 5, (int)fields->headcount);
  sqlite3_bind_int (stmt, 6, (int)fields->referrals);
}

static gboolean
valid_state (PsConversationState state)
{
  return state == PS_CONVERSATION_SCHEDULED || state == PS_CONVERSATION_COMPLETED ||
         state == PS_CONVERSATION_MISSED || state == PS_CONVERSATION_CANCELLED;
}

/* A time as the dialog takes it, to the minute; held only once it has
 * begun, as a conversation held earlier is. */
static gboolean
valid_time (PsStore                    *self,
            const PsGroupDebriefFields *fields,
            PsConversationState         state)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (ps_store_get_clock (self));

  if (g_date_time_get_second (fields->starts_at) != 0 ||
      g_date_time_get_microsecond (fields->starts_at) != 0)
    return FALSE;
  return state != PS_CONVERSATION_COMPLETED || g_date_time_compare (fields->starts_at, now) <= 0;
}

/* Every id a step of @checklist, none twice. */
static gboolean
valid_steps (const PsChecklist  *checklist,
             const char * const *step_ids)
{
  for (guint i = 0; step_ids != NULL && step_ids[i] != NULL; i++)
    {
      if (checklist == NULL || ps_checklist_lookup_step (checklist, step_ids[i], NULL) == NULL)
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (strcmp (step_ids[i], step_ids[j]) == 0)
          return FALSE;
    }
  return TRUE;
}

static gboolean
write_steps (sqlite3             *db,
             gint64               debrief_id,
             const char * const  *step_ids,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = ps_sqlite_prepare (db, "DELETE FROM group_debrief_steps WHERE debrief_id = ?1", error);
  insert = ps_sqlite_prepare (db, "INSERT INTO group_debrief_steps (debrief_id, step_id)"
                                  " VALUES (?1, ?2)", error);
  if (clear == NULL || insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, debrief_id);
  if (!ps_sqlite_step_done (db, clear, error))
    return FALSE;
  for (guint i = 0; step_ids != NULL && step_ids[i] != NULL; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, debrief_id);
      ps_sqlite_bind_text (insert, 2, step_ids[i]);
      if (!ps_sqlite_step_done (db, insert, error))
        return FALSE;
    }
  return TRUE;
}

PsGroupDebrief *
ps_store_schedule_group_debrief (PsStore                    *self,
                                 const PsGroupDebriefFields *fields,
                                 PsConversationState         state,
                                 const char * const         *step_ids,
                                 GError                    **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  if (!ps_group_debrief_fields_are_valid (fields) || !valid_state (state) ||
      !valid_time (self, fields, state) ||
      !valid_steps (ps_group_checklist_get (PS_GROUP_CHECKLIST_VERSION), step_ids))
    {
      ps_store_fail_code (error, PS_STORE_ERROR_INVALID);
      return NULL;
    }

  db = ps_store_get_db (self);
  stmt = ps_sqlite_prepare (db,
                            "INSERT INTO group_debriefs (starts_at, minutes, modality, prompt,"
                            " headcount, referrals, state, checklist_version)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return NULL;
  bind_fields (stmt, fields);
  ps_sqlite_bind_text (stmt, 7, ps_conversation_state_to_code (state));
  sqlite3_bind_int (stmt, 8, PS_GROUP_CHECKLIST_VERSION);

  if (!ps_sqlite_begin (db, PS_SQLITE_IMMEDIATE, error))
    return NULL;
  if (!ps_sqlite_step_done (db, stmt, error) ||
      !write_steps (db, (id = sqlite3_last_insert_rowid (db)), step_ids, error))
    {
      ps_sqlite_rollback (db);
      return NULL;
    }
  if (!ps_sqlite_commit (db, error))
    return NULL;

  ps_store_emit_changed (self, 0);
  return ps_store_lookup_group_debrief (self, id);
}

gboolean
ps_store_save_group_debrief (PsStore                    *self,
                             gint64                      debrief_id,
                             const PsGroupDebriefFields *fields,
                             PsConversationState         state,
                             const char * const         *step_ids,
                             GError                    **error)
{
  g_autoptr(PsGroupDebrief) debrief = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  sqlite3 *db;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(debrief = ps_store_lookup_group_debrief (self, debrief_id)))
    return ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);
  if (!ps_group_debrief_fields_are_valid (fields) || !valid_state (state) ||
      !valid_time (self, fields, state) ||
      !valid_steps (ps_group_checklist_get (ps_group_debrief_get_checklist_version (debrief)),
                    step_ids))
    return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);

  db = ps_store_get_db (self);
  update = ps_sqlite_prepare (db,
                              "UPDATE group_debriefs SET starts_at = ?1, minutes = ?2,"
                              " modality = ?3, prompt = ?4, headcount = ?5, referrals = ?6,"
                              " state = ?7 WHERE id = ?8", error);
  if (update == NULL)
    return FALSE;
  bind_fields (update, fields);
  ps_sqlite_bind_text (update, 7, ps_conversation_state_to_code (state));
  sqlite3_bind_int64 (update, 8, debrief_id);

  if (!ps_sqlite_begin (db, PS_SQLITE_IMMEDIATE, error))
    return FALSE;
  if (!ps_sqlite_step_done (db, update, error) || !write_steps (db, debrief_id, step_ids, error))
    return ps_sqlite_rollback (db);
  if (!ps_sqlite_commit (db, error))
    return FALSE;

  ps_store_emit_changed (self, 0);
  return TRUE;
}

gboolean
ps_store_delete_group_debrief (PsStore  *self,
                               gint64    debrief_id,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  db = ps_store_get_db (self);
  if (!(stmt = ps_sqlite_prepare (db, "DELETE FROM group_debriefs WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debrief_id);
  if (!ps_sqlite_begin (db, PS_SQLITE_IMMEDIATE, error))
    return FALSE;
  if (!ps_sqlite_step_done (db, stmt, error))
    return ps_sqlite_rollback (db);
  if (sqlite3_changes (db) != 1)
    {
      ps_sqlite_rollback (db);
      return ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);
    }
  if (!ps_sqlite_commit (db, error))
    return FALSE;

  ps_store_emit_changed (self, 0);
  return TRUE;
}
