/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The cases table: the case objects and their models, read back after
 * each change, and the changes to a case as such (create, edit, close,
 * reopen, delete, de-identify). */

#include "config.h"

#include <string.h>

#include "ps-case-list.h"
#include "ps-case-private.h"
#include "ps-checklist.h"
#include "ps-sqlite.h"
#include "ps-store-private.h"
#include "ps-util.h"

#define CASE_COLUMNS \
  "c.id, c.display_name, c.contact, c.modality, c.referral, c.consent_confirmed, c.reason," \
  " c.requested_on, c.assigned_on, c.closure_status, c.closed_on, c.deidentified, c.created_at," \
  " (SELECT min(a.at) FROM contact_attempts a WHERE a.case_id = c.id AND a.outcome = 'reached')," \
  " n.starts_at, n.modality," \
  " (SELECT count(*) FROM conversations v WHERE v.case_id = c.id" \
  "   AND v.state IN ('scheduled', 'in-progress', 'completed'))," \
  " (SELECT count(*) FROM conversations v WHERE v.case_id = c.id AND v.state = 'completed')," \
  " (SELECT count(*) FROM conversations v WHERE v.case_id = c.id)," \
  " n.minutes, n.state," \
  " CASE WHEN c.closure_status = 'open' THEN (SELECT CASE WHEN l.safety_concern = 1" \
  "   THEN coalesce (l.started_at, l.starts_at) END FROM conversations l" \
  "   WHERE l.case_id = c.id AND l.state IN ('completed', 'in-progress')" \
  "   AND (l.safety_concern = 1 OR EXISTS (SELECT 1 FROM conversation_steps s" \
  "        WHERE s.conversation_id = l.id AND s.step_id = '" PS_CHECKLIST_SAFETY_STEP "'))" \
  "   ORDER BY coalesce (l.started_at, l.starts_at) DESC, l.id DESC LIMIT 1) END" \
  " FROM cases c LEFT JOIN conversations n ON n.id = (SELECT v.id FROM conversations v" \
  "   WHERE v.case_id = c.id AND v.state IN ('scheduled', 'in-progress')" \
  "   ORDER BY v.state = 'in-progress' DESC, v.starts_at, v.id LIMIT 1)"

/* Rows ----------------------------------------------------------------- */

static void
read_case_row (sqlite3_stmt *stmt,
               PsCaseRecord    *row)
{
  g_date_clear (&row->requested_on, 1);
  g_date_clear (&row->assigned_on, 1);
  g_date_clear (&row->closed_on, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->display_name = g_strdup (ps_sqlite_column_text (stmt, 1));
  row->contact = g_strdup (ps_sqlite_column_text (stmt, 2));
  ps_modality_from_code (ps_sqlite_column_text (stmt, 3), &row->modality);
  ps_referral_from_code (ps_sqlite_column_text (stmt, 4), &row->referral);
  row->consent_confirmed = sqlite3_column_int (stmt, 5) != 0;
  ps_reason_from_code (ps_sqlite_column_text (stmt, 6), &row->reason);
  ps_date_from_iso (ps_sqlite_column_text (stmt, 7), &row->requested_on);
  ps_date_from_iso (ps_sqlite_column_text (stmt, 8), &row->assigned_on);
  ps_closure_status_from_code (ps_sqlite_column_text (stmt, 9), &row->closure_status);
  ps_date_from_iso (ps_sqlite_column_text (stmt, 10), &row->closed_on);
  row->deidentified = sqlite3_column_int (stmt, 11) != 0;
  row->created_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 12));
  row->first_contact_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 13));
  row->next_conversation_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 14));
  if (!ps_modality_from_code (ps_sqlite_column_text (stmt, 15), &row->next_conversation_modality))
    row->next_conversation_modality = row->modality;
  row->n_conversations = (guint)sqlite3_column_int (stmt, 16);
  row->n_completed_conversations = (guint)sqlite3_column_int (stmt, 17);
  row->n_any_conversations = (guint)sqlite3_column_int (stmt, 18);
  row->next_conversation_minutes = (guint)sqlite3_column_int (stmt, 19);
  if (!ps_conversation_state_from_code (ps_sqlite_column_text (stmt, 20), &row->next_conversation_state))
    row->next_conversation_state = PS_CONVERSATION_SCHEDULED;
  /* When the latest conversation that answered the safety question (held,
   * or in progress) raised a concern, its start; NULL when it raised none,
   * and once the case is closed. One that never asked changes nothing. */
  row->safety_concern_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 21));
  row->safety_concern = row->safety_concern_at != NULL;
}

/* Models --------------------------------------------------------------- */

/* Puts @kase in the open or the closed model, as its state says. */
static void
place_case (PsStore *self,
            PsCase  *kase)
{
  gboolean closed = ps_case_get_closure_status (kase) != PS_CLOSURE_NONE;

  ps_case_list_remove (closed ? self->open_cases : self->closed_cases, kase);
  ps_case_list_ensure (closed ? self->closed_cases : self->open_cases, kase);
}

/* Reads case @case_id back and updates (or adds, or removes) its object. */
void
ps_store_refresh_case (PsStore *self,
                       gint64   case_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PsCase *kase = g_hash_table_lookup (self->case_by_id, &case_id);
  PsCaseRecord row = { 0 };
  int rc;

  stmt = ps_sqlite_prepare (self->db, "SELECT " CASE_COLUMNS " WHERE c.id = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE && kase != NULL)
    {
      g_autoptr(PsCase) gone = g_object_ref (kase);

      g_hash_table_remove (self->case_by_id, &case_id);
      ps_case_list_remove (self->open_cases, gone);
      ps_case_list_remove (self->closed_cases, gone);
      ps_case_list_remove (self->cases, gone);
      return;
    }
  if (rc != SQLITE_ROW)
    return;

  read_case_row (stmt, &row);
  if (kase != NULL)
    ps_case_update (kase, &row);
  else
    {
      g_autoptr(PsCase) added = ps_case_new_from_record (&row);

      g_hash_table_insert (self->case_by_id, g_memdup2 (&row.id, sizeof row.id), added);
      ps_case_list_ensure (self->cases, added);
      kase = added;
    }
  ps_case_record_clear (&row);
  place_case (self, kase);
}

gboolean
ps_store_load_cases (PsStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  g_autoptr(GPtrArray) closed = g_ptr_array_new ();
  int rc;

  stmt = ps_sqlite_prepare (self->db, "SELECT " CASE_COLUMNS " ORDER BY c.id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsCaseRecord row = { 0 };
      PsCase *kase;

      read_case_row (stmt, &row);
      kase = ps_case_new_from_record (&row);
      g_hash_table_insert (self->case_by_id, g_memdup2 (&row.id, sizeof row.id), kase);
      g_ptr_array_add (all, kase);
      g_ptr_array_add (row.closure_status != PS_CLOSURE_NONE ? closed : open, kase);
      ps_case_record_clear (&row);
    }
  if (rc != SQLITE_DONE)
    return ps_sqlite_fail (self->db, rc, error);

  ps_case_list_append (self->cases, (PsCase **) all->pdata, all->len);
  ps_case_list_append (self->open_cases, (PsCase **) open->pdata, open->len);
  ps_case_list_append (self->closed_cases, (PsCase **) closed->pdata, closed->len);
  return TRUE;
}

/* Cases ---------------------------------------------------------------- */

/* A normalized copy of @fields that passed validation, or NULL. */
static PsCaseFields *
checked_fields (PsStore             *self,
                const PsCaseFields  *fields,
                GError             **error)
{
  g_autoptr(PsCaseFields) copy = ps_case_fields_copy (fields);
  GDate date;

  ps_clock_get_today (self->clock, &date);
  ps_case_fields_normalize (copy);
  if (!ps_case_fields_validate (copy, &date, NULL, error))
    return NULL;
  return g_steal_pointer (&copy);
}

static void
bind_fields (sqlite3_stmt       *stmt,
             const PsCaseFields *fields)
{
  ps_sqlite_bind_text (stmt, 1, fields->display_name);
  ps_sqlite_bind_text (stmt, 2, fields->contact);
  ps_sqlite_bind_text (stmt, 3, ps_modality_to_code (fields->modality));
  ps_sqlite_bind_text (stmt, 4, ps_referral_to_code (fields->referral));
  sqlite3_bind_int (stmt, 5,
                    fields->referral == PS_REFERRAL_COLLEAGUE && fields->consent_confirmed);
  ps_sqlite_bind_text (stmt, 6, ps_reason_to_code (fields->reason));
  ps_sqlite_bind_take (stmt, 7, ps_date_to_iso (&fields->requested_on));
  ps_sqlite_bind_take (stmt, 8, ps_date_to_iso (&fields->assigned_on));
}

PsCase *
ps_store_create_case (PsStore             *self,
                      const PsCaseFields  *fields,
                      GError             **error)
{
  g_autoptr(PsCaseFields) checked = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;
  PsCase *kase;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  if (!(checked = checked_fields (self, fields, error)))
    return NULL;

  stmt = ps_sqlite_prepare (self->db,
                            "INSERT INTO cases (display_name, contact, modality, referral,"
                            " consent_confirmed, reason, requested_on, assigned_on, created_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return NULL;
  bind_fields (stmt, checked);
  ps_sqlite_bind_take (stmt, 9, ps_store_now_iso (self));

  if (!(id = ps_store_insert_one (self, stmt, error)))
    return NULL;

  ps_store_refresh_case (self, id);
  kase = ps_store_lookup_case (self, id);
  ps_store_emit_changed (self, id);
  return kase != NULL ? g_object_ref (kase) : NULL;
}

gboolean
ps_store_update_case (PsStore             *self,
                      gint64               case_id,
                      const PsCaseFields  *fields,
                      GError             **error)
{
  g_autoptr(PsCaseFields) checked = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (!(checked = checked_fields (self, fields, error)))
    return FALSE;

  /* A de-identified case keeps no name: it cannot be given one back. */
  stmt = ps_sqlite_prepare (self->db,
                            "UPDATE cases SET display_name = ?1, contact = ?2, modality = ?3,"
                            " referral = ?4, consent_confirmed = ?5, reason = ?6,"
                            " requested_on = ?7, assigned_on = ?8"
                            " WHERE id = ?9 AND deidentified = 0", error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, checked);
  sqlite3_bind_int64 (stmt, 9, case_id);

  return ps_store_write_case_row (self, stmt, case_id, error);
}

gboolean
ps_store_delete_case (PsStore  *self,
                      gint64    case_id,
                      GError  **error)
{
  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  return ps_store_delete_row (self, "DELETE FROM cases WHERE id = ?1", case_id, case_id, error);
}

/* Closing also cancels what was still planned: a closed case has no next
 * conversation, and no reminder. */
gboolean
ps_store_close_case (PsStore          *self,
                     gint64            case_id,
                     PsClosureStatus   status,
                     const GDate      *on,
                     GError          **error)
{
  g_autoptr(sqlite3_stmt) close_stmt = NULL;
  g_autoptr(sqlite3_stmt) cancel_stmt = NULL;
  GDate date;
  int n_changed = 0;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  if (status == PS_CLOSURE_NONE || !ps_closure_status_is_valid (status))
    return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);
  if (on != NULL && g_date_valid (on))
    date = *on;
  else
    ps_clock_get_today (self->clock, &date);

  close_stmt = ps_sqlite_prepare (self->db,
                                  "UPDATE cases SET closure_status = ?1, closed_on = ?2"
                                  " WHERE id = ?3 AND closure_status = 'open'", error);
  cancel_stmt = ps_sqlite_prepare (self->db,
                                   "UPDATE conversations SET state = 'cancelled'"
                                   " WHERE case_id = ?1 AND state = 'scheduled'", error);
  if (close_stmt == NULL || cancel_stmt == NULL)
    return FALSE;
  ps_sqlite_bind_text (close_stmt, 1, ps_closure_status_to_code (status));
  ps_sqlite_bind_take (close_stmt, 2, ps_date_to_iso (&date));
  sqlite3_bind_int64 (close_stmt, 3, case_id);
  sqlite3_bind_int64 (cancel_stmt, 1, case_id);

  if (!ps_sqlite_begin (self->db, PS_SQLITE_IMMEDIATE, error))
    return FALSE;
  if (!ps_store_step_changes (self, close_stmt, &n_changed, error))
    return ps_sqlite_rollback (self->db);
  if (n_changed != 1)
    {
      ps_sqlite_rollback (self->db);
      return ps_store_fail_code (error, ps_store_lookup_case (self, case_id) != NULL ?
                                        PS_STORE_ERROR_INVALID : PS_STORE_ERROR_NOT_FOUND);
    }
  if (!ps_store_step_changes (self, cancel_stmt, NULL, error) || !ps_sqlite_commit (self->db, error))
    return ps_sqlite_rollback (self->db);

  ps_store_refresh_case (self, case_id);
  ps_store_emit_changed (self, case_id);
  return TRUE;
}

gboolean
ps_store_reopen_case (PsStore  *self,
                      gint64    case_id,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  stmt = ps_sqlite_prepare (self->db,
                            "UPDATE cases SET closure_status = 'open', closed_on = NULL"
                            " WHERE id = ?1 AND closure_status != 'open' AND deidentified = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);

  if (!ps_store_write_one (self, stmt, &local_error))
    {
      /* The case is there, but open already or de-identified. */
      if (g_error_matches (local_error, PS_STORE_ERROR, PS_STORE_ERROR_NOT_FOUND) &&
          ps_store_lookup_case (self, case_id) != NULL)
        {
          g_clear_error (&local_error);
          return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  ps_store_refresh_case (self, case_id);
  ps_store_emit_changed (self, case_id);
  return TRUE;
}

/* Erases the name and contact of every case closed before @first_kept
 * ('YYYY-MM-DD'), in one transaction. */
gboolean
ps_store_deidentify_closed_before_day (PsStore     *self,
                                       const char  *first_kept,
                                       guint       *n_erased,
                                       GError     **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (first_kept != NULL, FALSE);

  if (n_erased != NULL)
    *n_erased = 0;

  select = ps_sqlite_prepare (self->db,
                              "SELECT id FROM cases WHERE closure_status != 'open'"
                              " AND deidentified = 0 AND closed_on < ?1", error);
  if (select == NULL)
    return FALSE;
  update = ps_sqlite_prepare (self->db,
                              "UPDATE cases SET display_name = NULL, contact = NULL,"
                              " deidentified = 1 WHERE id = ?1", error);
  if (update == NULL)
    return FALSE;
  ps_sqlite_bind_text (select, 1, first_kept);

  if (!ps_sqlite_begin (self->db, PS_SQLITE_IMMEDIATE, error))
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      ps_sqlite_fail (self->db, sqlite3_extended_errcode (self->db), error);
      return ps_sqlite_rollback (self->db);
    }
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      if (!ps_store_step_changes (self, update, NULL, error))
        return ps_sqlite_rollback (self->db);
    }
  if (!ps_sqlite_commit (self->db, error))
    return FALSE;

  if (ids->len == 0)
    return TRUE;

  /* secure_delete zeroed the old text in the database pages; the old pages
   * must not linger in the write-ahead log either. This connection is the
   * only one, so the checkpoint cannot be blocked by a reader. */
  rc = sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (rc != SQLITE_OK)
    g_debug ("Checkpoint after erasing names: %s", sqlite3_errstr (rc));

  for (guint i = 0; i < ids->len; i++)
    ps_store_refresh_case (self, g_array_index (ids, gint64, i));
  ps_store_emit_changed (self, ids->len == 1 ? g_array_index (ids, gint64, 0) : 0);

  if (n_erased != NULL)
    *n_erased = ids->len;
  return TRUE;
}

gboolean
ps_store_deidentify_closed_before (PsStore    *self,
                                   GDateTime  *cutoff,
                                   GError    **error)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (cutoff != NULL, FALSE);

  tz = ps_clock_get_timezone (self->clock);
  local = g_date_time_to_timezone (cutoff, tz);
  day = g_date_time_format (local, "%Y-%m-%d");
  return ps_store_deidentify_closed_before_day (self, day, NULL, error);
}

