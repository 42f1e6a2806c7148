/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The caseload: domain operations over one SQLCipher connection.
 *
 * Every change is one transaction. After it commits, the affected case is
 * read back and the one PsCase object for that id is updated in place (or
 * added to / removed from the models), then ::changed is emitted. A failed
 * transaction is rolled back and leaves objects and models as they were. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "ps-case-list.h"
#include "ps-case-private.h"
#include "ps-conversation-private.h"
#include "ps-sqlite.h"
#include "ps-store-private.h"
#include "ps-util.h"

struct _PsStore
{
  GObject      parent_instance;

  sqlite3     *db;
  int          lock_fd;
  PsClock     *clock;
  char        *path;

  PsCaseList  *cases;
  PsCaseList  *open_cases;
  PsCaseList  *closed_cases;
  GHashTable  *case_by_id;           /* gint64* → PsCase, borrowed from cases */
  GHashTable  *delivered;            /* reminder keys delivered; loaded on first use */
  GHashTable  *conversation_by_id;   /* gint64* → PsConversation, weak */
};

G_DEFINE_FINAL_TYPE (PsStore, ps_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CASE_COLUMNS \
  "c.id, c.display_name, c.contact, c.modality, c.referral, c.consent_confirmed, c.reason," \
  " c.requested_on, c.assigned_on, c.closure_status, c.closed_on, c.deidentified, c.created_at," \
  " (SELECT min(a.at) FROM contact_attempts a WHERE a.case_id = c.id AND a.outcome = 'reached')," \
  " n.starts_at, n.modality," \
  " (SELECT count(*) FROM conversations v WHERE v.case_id = c.id AND v.state != 'cancelled')," \
  " (SELECT count(*) FROM conversations v WHERE v.case_id = c.id AND v.state = 'completed')," \
  " (SELECT count(*) FROM conversations v WHERE v.case_id = c.id)," \
  " n.minutes, n.state" \
  " FROM cases c LEFT JOIN conversations n ON n.id = (SELECT v.id FROM conversations v" \
  "   WHERE v.case_id = c.id AND v.state IN ('scheduled', 'in-progress')" \
  "   ORDER BY v.starts_at, v.id LIMIT 1)"

#define CONVERSATION_COLUMNS \
  "v.id, v.case_id, v.starts_at, v.minutes, v.modality, v.state, v.checklist_version," \
  " v.safety_concern, v.started_at, v.ended_at," \
  " (SELECT group_concat(s.step_id, ' ') FROM conversation_steps s" \
  "   WHERE s.conversation_id = v.id)" \
  " FROM conversations v"

/* Rows ----------------------------------------------------------------- */

static void
read_case_row (sqlite3_stmt *stmt,
               PsCaseRow    *row)
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
}

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
  const char *steps = ps_sqlite_column_text (stmt, 10);

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
  row->covered_steps = g_strsplit (steps != NULL ? steps : "", " ", -1);
  if (row->covered_steps[0] != NULL && row->covered_steps[0][0] == '\0')
    g_clear_pointer (&row->covered_steps[0], g_free);
  qsort (row->covered_steps, g_strv_length (row->covered_steps), sizeof (char *), compare_steps);
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
static void
refresh_case (PsStore *self,
              gint64   case_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PsCase *kase = g_hash_table_lookup (self->case_by_id, &case_id);
  PsCaseRow row = { 0 };
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
      g_autoptr(PsCase) added = ps_case_new_from_row (&row);

      g_hash_table_insert (self->case_by_id, g_memdup2 (&row.id, sizeof row.id), added);
      ps_case_list_ensure (self->cases, added);
      kase = added;
    }
  ps_case_row_clear (&row);
  place_case (self, kase);
}

static gboolean
load_cases (PsStore  *self,
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
      PsCaseRow row = { 0 };
      PsCase *kase;

      read_case_row (stmt, &row);
      kase = ps_case_new_from_row (&row);
      g_hash_table_insert (self->case_by_id, g_memdup2 (&row.id, sizeof row.id), kase);
      g_ptr_array_add (all, kase);
      g_ptr_array_add (row.closure_status != PS_CLOSURE_NONE ? closed : open, kase);
      ps_case_row_clear (&row);
    }
  if (rc != SQLITE_DONE)
    return ps_sqlite_fail (self->db, rc, error);

  ps_case_list_append (self->cases, (PsCase **) all->pdata, all->len);
  ps_case_list_append (self->open_cases, (PsCase **) open->pdata, open->len);
  ps_case_list_append (self->closed_cases, (PsCase **) closed->pdata, closed->len);
  return TRUE;
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

/* Transactions --------------------------------------------------------- */

static gboolean
begin (PsStore  *self,
       GError  **error)
{
  return ps_sqlite_exec (self->db, "BEGIN IMMEDIATE", error);
}

static gboolean
rollback (PsStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Commits, or rolls back and fails: a COMMIT that failed (a full disk) can
 * leave the transaction open. */
static gboolean
commit (PsStore  *self,
        GError  **error)
{
  if (!ps_sqlite_exec (self->db, "COMMIT", error))
    return rollback (self);
  return TRUE;
}

/* Runs one statement inside the current transaction; @n_changed: rows it changed. */
static gboolean
step_changes (PsStore       *self,
              sqlite3_stmt  *stmt,
              int           *n_changed,
              GError       **error)
{
  if (!ps_sqlite_step_done (self->db, stmt, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = sqlite3_changes (self->db);
  return TRUE;
}

static gboolean
fail_code (GError       **error,
           PsStoreError   code)
{
  ps_store_set_error (error, code);
  return FALSE;
}

static void
emit_changed (PsStore *self,
              gint64   case_id)
{
  g_signal_emit (self, signals[CHANGED], 0, case_id);
}

void
ps_store_emit_changed (PsStore *self,
                       gint64   case_id)
{
  emit_changed (self, case_id);
}

/* Writes one statement as its own transaction; it must change one row,
 * or the case/conversation is gone (NOT_FOUND). */
static gboolean
write_one (PsStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int n_changed = 0;

  if (!begin (self, error))
    return FALSE;
  if (!step_changes (self, stmt, &n_changed, error))
    return rollback (self);
  if (n_changed != 1)
    {
      rollback (self);
      return fail_code (error, PS_STORE_ERROR_NOT_FOUND);
    }
  return commit (self, error);
}

/* GObject -------------------------------------------------------------- */

static void
ps_store_dispose (GObject *object)
{
  PsStore *self = (PsStore *)object;

  if (self->conversation_by_id != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->conversation_by_id);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          CachedConversation *cached = g_object_steal_data (value, "ps-store-cached");

          g_object_weak_unref (value, conversation_finalized, cached);
          g_free (cached);
        }
      g_clear_pointer (&self->conversation_by_id, g_hash_table_unref);
    }
  g_clear_pointer (&self->case_by_id, g_hash_table_unref);
  g_clear_pointer (&self->delivered, g_hash_table_unref);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (ps_store_parent_class)->dispose (object);
}

static void
ps_store_finalize (GObject *object)
{
  PsStore *self = (PsStore *)object;

  g_clear_object (&self->cases);
  g_clear_object (&self->open_cases);
  g_clear_object (&self->closed_cases);
  g_clear_pointer (&self->path, g_free);

  if (self->db != NULL)
    {
      /* The last connection checkpoints and removes the WAL. */
      sqlite3_close (self->db);
      self->db = NULL;
    }
  if (self->lock_fd >= 0)
    close (self->lock_fd);

  G_OBJECT_CLASS (ps_store_parent_class)->finalize (object);
}

static void
ps_store_class_init (PsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_store_dispose;
  object_class->finalize = ps_store_finalize;

  /**
   * PsStore::changed:
   * @case_id: the case that changed, or 0 when several did
   *
   * Emitted after a change was committed and the models updated.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ps_store_init (PsStore *self)
{
  self->lock_fd = -1;
  self->cases = ps_case_list_new ();
  self->open_cases = ps_case_list_new ();
  self->closed_cases = ps_case_list_new ();
  self->case_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->conversation_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

PsStore *
ps_store_new_for_db (sqlite3  *db,
                     int       lock_fd,
                     PsClock  *clock,
                     GError  **error)
{
  g_autoptr(PsStore) self = g_object_new (PS_TYPE_STORE, NULL);

  self->db = db;
  self->lock_fd = lock_fd;
  self->clock = clock != NULL ? g_object_ref (clock) : ps_clock_new ();
  self->path = g_strdup (sqlite3_db_filename (db, "main"));

  if (!load_cases (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

sqlite3 *
ps_store_get_db (PsStore *self)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return self->db;
}

const char *
ps_store_get_path (PsStore *self)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return self->path;
}

PsClock *
ps_store_get_clock (PsStore *self)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return self->clock;
}

GListModel *
ps_store_get_cases (PsStore *self)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->cases);
}

GListModel *
ps_store_get_open_cases (PsStore *self)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->open_cases);
}

GListModel *
ps_store_get_closed_cases (PsStore *self)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->closed_cases);
}

PsCase *
ps_store_lookup_case (PsStore *self,
                      gint64   case_id)
{
  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  return g_hash_table_lookup (self->case_by_id, &case_id);
}

/* Cases ---------------------------------------------------------------- */

static char *
now_iso (PsStore *self)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (self->clock);

  return ps_instant_to_iso (now);
}

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
  ps_sqlite_bind_take (stmt, 9, now_iso (self));

  if (!begin (self, error))
    return NULL;
  if (!step_changes (self, stmt, NULL, error))
    {
      rollback (self);
      return NULL;
    }
  id = sqlite3_last_insert_rowid (self->db);
  if (!commit (self, error))
    return NULL;

  refresh_case (self, id);
  kase = ps_store_lookup_case (self, id);
  emit_changed (self, id);
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

  if (!write_one (self, stmt, error))
    return FALSE;

  refresh_case (self, case_id);
  emit_changed (self, case_id);
  return TRUE;
}

gboolean
ps_store_delete_case (PsStore  *self,
                      gint64    case_id,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  stmt = ps_sqlite_prepare (self->db, "DELETE FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);

  if (!write_one (self, stmt, error))
    return FALSE;

  refresh_case (self, case_id);
  emit_changed (self, case_id);
  return TRUE;
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
    return fail_code (error, PS_STORE_ERROR_INVALID);
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

  if (!begin (self, error))
    return FALSE;
  if (!step_changes (self, close_stmt, &n_changed, error))
    return rollback (self);
  if (n_changed != 1)
    {
      rollback (self);
      return fail_code (error, ps_store_lookup_case (self, case_id) != NULL ?
                               PS_STORE_ERROR_INVALID : PS_STORE_ERROR_NOT_FOUND);
    }
  if (!step_changes (self, cancel_stmt, NULL, error) || !commit (self, error))
    return rollback (self);

  refresh_case (self, case_id);
  emit_changed (self, case_id);
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

  if (!write_one (self, stmt, &local_error))
    {
      /* The case is there, but open already or de-identified. */
      if (g_error_matches (local_error, PS_STORE_ERROR, PS_STORE_ERROR_NOT_FOUND) &&
          ps_store_lookup_case (self, case_id) != NULL)
        {
          g_clear_error (&local_error);
          return fail_code (error, PS_STORE_ERROR_INVALID);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  refresh_case (self, case_id);
  emit_changed (self, case_id);
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

  if (!begin (self, error))
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      ps_sqlite_fail (self->db, sqlite3_extended_errcode (self->db), error);
      return rollback (self);
    }
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      if (!step_changes (self, update, NULL, error))
        return rollback (self);
    }
  if (!commit (self, error))
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
    refresh_case (self, g_array_index (ids, gint64, i));
  emit_changed (self, ids->len == 1 ? g_array_index (ids, gint64, 0) : 0);

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

/* Contact attempts ----------------------------------------------------- */

gboolean
ps_store_log_contact_attempt (PsStore           *self,
                              gint64             case_id,
                              GDateTime         *at,
                              PsContactOutcome   outcome,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  if (!ps_contact_outcome_is_valid (outcome))
    return fail_code (error, PS_STORE_ERROR_INVALID);

  stmt = ps_sqlite_prepare (self->db,
                            "INSERT INTO contact_attempts (case_id, at, outcome)"
                            " SELECT id, ?2, ?3 FROM cases WHERE id = ?1"
                            " AND closure_status = 'open'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  ps_sqlite_bind_take (stmt, 2, ps_instant_to_iso (at));
  ps_sqlite_bind_text (stmt, 3, ps_contact_outcome_to_code (outcome));

  if (!write_one (self, stmt, error))
    return FALSE;

  refresh_case (self, case_id);
  emit_changed (self, case_id);
  return TRUE;
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

PsConversation *
ps_store_schedule_conversation (PsStore     *self,
                                gint64       case_id,
                                GDateTime   *starts_at,
                                guint        minutes,
                                PsModality   modality,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PsCase *kase;
  gint64 id;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (starts_at != NULL, NULL);

  kase = ps_store_lookup_case (self, case_id);
  if (kase == NULL)
    {
      fail_code (error, PS_STORE_ERROR_NOT_FOUND);
      return NULL;
    }
  if (!valid_minutes (minutes) || !ps_modality_is_valid (modality) ||
      ps_case_get_closure_status (kase) != PS_CLOSURE_NONE)
    {
      fail_code (error, PS_STORE_ERROR_INVALID);
      return NULL;
    }

  stmt = ps_sqlite_prepare (self->db,
                            "INSERT INTO conversations (case_id, starts_at, minutes, modality,"
                            " state, checklist_version) VALUES (?1, ?2, ?3, ?4, 'scheduled', ?5)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  ps_sqlite_bind_take (stmt, 2, ps_instant_to_iso (starts_at));
  sqlite3_bind_int (stmt, 3, (int)minutes);
  ps_sqlite_bind_text (stmt, 4, ps_modality_to_code (modality));
  sqlite3_bind_int (stmt, 5, PS_CHECKLIST_VERSION);

  if (!begin (self, error))
    return NULL;
  if (!step_changes (self, stmt, NULL, error))
    {
      rollback (self);
      return NULL;
    }
  id = sqlite3_last_insert_rowid (self->db);
  if (!commit (self, error))
    return NULL;

  refresh_case (self, case_id);
  emit_changed (self, case_id);
  return refresh_conversation (self, id);
}

/* After a conversation changed: its object, its case, the signal. */
static gboolean
conversation_changed (PsStore *self,
                      gint64   conversation_id)
{
  g_autoptr(PsConversation) conversation = refresh_conversation (self, conversation_id);
  gint64 case_id = conversation != NULL ? ps_conversation_get_case_id (conversation) : 0;

  if (case_id != 0)
    refresh_case (self, case_id);
  emit_changed (self, case_id);
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
    return fail_code (error, PS_STORE_ERROR_INVALID);

  /* A missed or cancelled conversation can be planned again; a held one cannot. */
  stmt = ps_sqlite_prepare (self->db,
                            "UPDATE conversations SET starts_at = ?2, minutes = ?3, modality = ?4,"
                            " state = 'scheduled', started_at = NULL, ended_at = NULL"
                            " WHERE id = ?1 AND state IN ('scheduled', 'missed', 'cancelled')"
                            " AND (SELECT closure_status FROM cases c"
                            "      WHERE c.id = conversations.case_id) = 'open'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  ps_sqlite_bind_take (stmt, 2, ps_instant_to_iso (starts_at));
  sqlite3_bind_int (stmt, 3, (int)minutes);
  ps_sqlite_bind_text (stmt, 4, ps_modality_to_code (modality));

  if (!write_one (self, stmt, error))
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
      sql = "UPDATE conversations SET state = ?2, started_at = coalesce (started_at, ?3)"
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
      return fail_code (error, PS_STORE_ERROR_INVALID);
    }

  stmt = ps_sqlite_prepare (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conversation_id);
  ps_sqlite_bind_text (stmt, 2, ps_conversation_state_to_code (state));
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    ps_sqlite_bind_take (stmt, 3, now_iso (self));

  if (!write_one (self, stmt, error))
    return FALSE;
  return conversation_changed (self, conversation_id);
}

static gboolean
valid_step_id (const char *id)
{
  gsize n = id != NULL ? strlen (id) : 0;

  if (n == 0 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (id[i]) && strchr (":._-", id[i]) == NULL)
      return FALSE;
  return TRUE;
}

gboolean
ps_store_set_covered_steps (PsStore             *self,
                            gint64               conversation_id,
                            const char * const  *step_ids,
                            GError             **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(PsConversation) existing = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  for (guint i = 0; step_ids != NULL && step_ids[i] != NULL; i++)
    if (!valid_step_id (step_ids[i]))
      return fail_code (error, PS_STORE_ERROR_INVALID);

  if (!(existing = refresh_conversation (self, conversation_id)))
    return fail_code (error, PS_STORE_ERROR_NOT_FOUND);

  clear = ps_sqlite_prepare (self->db,
                             "DELETE FROM conversation_steps WHERE conversation_id = ?1", error);
  insert = ps_sqlite_prepare (self->db,
                              "INSERT OR IGNORE INTO conversation_steps (conversation_id, step_id)"
                              " VALUES (?1, ?2)", error);
  if (clear == NULL || insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, conversation_id);

  if (!begin (self, error))
    return FALSE;
  if (!step_changes (self, clear, NULL, error))
    return rollback (self);
  for (guint i = 0; step_ids != NULL && step_ids[i] != NULL; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, conversation_id);
      ps_sqlite_bind_text (insert, 2, step_ids[i]);
      if (!step_changes (self, insert, NULL, error))
        return rollback (self);
    }
  if (!commit (self, error))
    return FALSE;
  return conversation_changed (self, conversation_id);
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

  if (!write_one (self, stmt, error))
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

/* Transfer full: conversations of open and closed cases starting in [from, to). */
/* Transfer full: the conversations left in progress (Peerside stopped in
 * the middle of one), by start time. One query. */
GListModel *
ps_store_list_conversations_in_progress (PsStore *self)
{
  GListStore *model;
  g_autoptr(PsConversation) first = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);

  model = g_list_store_new (PS_TYPE_CONVERSATION);
  first = query_conversations (self, "SELECT " CONVERSATION_COLUMNS
                               " WHERE v.state = 'in-progress' ORDER BY v.starts_at, v.id",
                               0, NULL, NULL, model);
  return G_LIST_MODEL (model);
}

/* Transfer full: a PsLastHeld for each open case that held or missed a
 * conversation before @now, by case id — what the weekly "nothing planned"
 * nudge needs — in one query rather than one per case. One array, not a
 * conversation object per case: planning at start-up with 10,000 cases
 * made 10,000 objects only to read one time from each (DESIGN.md §6). */
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

/* Reminder deliveries -------------------------------------------------- */

/* The delivered keys, read once; kept current by record_deliveries. */
static GHashTable *
ensure_delivered (PsStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (self->delivered != NULL)
    return self->delivered;

  self->delivered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stmt = ps_sqlite_prepare (self->db, "SELECT reminder_key FROM reminder_deliveries", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (self->delivered, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return self->delivered;
}

/* Records every key of @keys as delivered at @at, in one transaction:
 * all or none. */
gboolean
ps_store_record_deliveries (PsStore            *self,
                            const char * const *keys,
                            GDateTime          *at,
                            GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *at_iso = NULL;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  for (guint i = 0; keys[i] != NULL; i++)
    if (!valid_step_id (keys[i]))
      return fail_code (error, PS_STORE_ERROR_INVALID);
  if (keys[0] == NULL)
    return TRUE;

  stmt = ps_sqlite_prepare (self->db,
                            "INSERT OR IGNORE INTO reminder_deliveries (reminder_key, delivered_at)"
                            " VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  at_iso = ps_instant_to_iso (at);

  if (!begin (self, error))
    return FALSE;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      ps_sqlite_bind_text (stmt, 1, keys[i]);
      ps_sqlite_bind_text (stmt, 2, at_iso);
      if (!step_changes (self, stmt, NULL, error))
        return rollback (self);
    }
  if (!commit (self, error))
    return FALSE;

  ensure_delivered (self);
  for (guint i = 0; keys[i] != NULL; i++)
    g_hash_table_add (self->delivered, g_strdup (keys[i]));
  return TRUE;
}

gboolean
ps_store_record_delivery (PsStore     *self,
                          const char  *reminder_key,
                          GDateTime   *at,
                          GError     **error)
{
  const char *keys[] = { reminder_key, NULL };

  g_return_val_if_fail (reminder_key != NULL, FALSE);
  return ps_store_record_deliveries (self, keys, at, error);
}

gboolean
ps_store_was_delivered (PsStore    *self,
                        const char *reminder_key)
{
  g_return_val_if_fail (PS_IS_STORE (self), FALSE);

  return reminder_key != NULL && g_hash_table_contains (ensure_delivered (self), reminder_key);
}

/* A snoozed reminder is due again: were Peerside stopped before the snooze
 * ends, the next start shows it, as one that fell due while it was not
 * running. Forgetting what was never recorded is not an error. */
gboolean
ps_store_forget_delivery (PsStore     *self,
                          const char  *reminder_key,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n_changed = 0;

  g_return_val_if_fail (PS_IS_STORE (self), FALSE);
  g_return_val_if_fail (reminder_key != NULL, FALSE);

  if (!valid_step_id (reminder_key))
    return fail_code (error, PS_STORE_ERROR_INVALID);

  stmt = ps_sqlite_prepare (self->db, "DELETE FROM reminder_deliveries WHERE reminder_key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ps_sqlite_bind_text (stmt, 1, reminder_key);
  if (!begin (self, error))
    return FALSE;
  if (!step_changes (self, stmt, &n_changed, error))
    return rollback (self);
  if (!commit (self, error))
    return FALSE;

  if (self->delivered != NULL)
    g_hash_table_remove (self->delivered, reminder_key);
  return TRUE;
}
