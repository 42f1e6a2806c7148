/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The caseload: one SQLCipher connection, the case objects and models, and
 * what every table's operations share. The tables' operations are in
 * ps-store-cases.c, ps-store-conversations.c and ps-store-deliveries.c.
 *
 * Every change is one transaction. After it commits, the affected case is
 * read back and the one PsCase object for that id is updated in place (or
 * added to / removed from the models), then ::changed is emitted. A failed
 * transaction is rolled back and leaves objects and models as they were. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "ps-case-list.h"
#include "ps-sqlite.h"
#include "ps-store-private.h"
#include "ps-util.h"

G_DEFINE_FINAL_TYPE (PsStore, ps_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What every table shares ---------------------------------------------- */

char *
ps_store_now_iso (PsStore *self)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (self->clock);

  return ps_instant_to_iso (now);
}

/* Step ids and reminder keys: short ASCII names, never user text. */
gboolean
ps_store_valid_key (const char *id)
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
ps_store_step_changes (PsStore       *self,
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

gboolean
ps_store_fail_code (GError       **error,
                    PsStoreError   code)
{
  ps_store_set_error (error, code);
  return FALSE;
}

void
ps_store_emit_changed (PsStore *self,
                       gint64   case_id)
{
  g_signal_emit (self, signals[CHANGED], 0, case_id);
}

/* Writes one statement as its own transaction; it must change one row,
 * or the case/conversation is gone (NOT_FOUND). */
gboolean
ps_store_write_one (PsStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int n_changed = 0;

  if (!ps_sqlite_begin (self->db, PS_SQLITE_IMMEDIATE, error))
    return FALSE;
  if (!ps_store_step_changes (self, stmt, &n_changed, error))
    return ps_sqlite_rollback (self->db);
  if (n_changed != 1)
    {
      ps_sqlite_rollback (self->db);
      return ps_store_fail_code (error, PS_STORE_ERROR_NOT_FOUND);
    }
  return ps_sqlite_commit (self->db, error);
}

gint64
ps_store_insert_one (PsStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  gint64 id;

  if (!ps_sqlite_begin (self->db, PS_SQLITE_IMMEDIATE, error))
    return 0;
  if (!ps_store_step_changes (self, stmt, NULL, error))
    {
      ps_sqlite_rollback (self->db);
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);
  return ps_sqlite_commit (self->db, error) ? id : 0;
}

gboolean
ps_store_write_case_row (PsStore       *self,
                         sqlite3_stmt  *stmt,
                         gint64         case_id,
                         GError       **error)
{
  if (!ps_store_write_one (self, stmt, error))
    return FALSE;

  ps_store_refresh_case (self, case_id);
  ps_store_emit_changed (self, case_id);
  return TRUE;
}

gboolean
ps_store_delete_row (PsStore     *self,
                     const char  *sql,
                     gint64       id,
                     gint64       case_id,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = ps_sqlite_prepare (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return ps_store_write_case_row (self, stmt, case_id, error);
}

/* GObject -------------------------------------------------------------- */

static void
ps_store_dispose (GObject *object)
{
  PsStore *self = (PsStore *)object;

  ps_store_clear_conversations (self);
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

  if (!ps_store_load_cases (self, error))
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

