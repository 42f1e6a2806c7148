/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reminder_deliveries table: each reminder is delivered once. */

#include "config.h"

#include <string.h>

#include "ps-sqlite.h"
#include "ps-store-private.h"
#include "ps-util.h"

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
    if (!ps_store_valid_key (keys[i]))
      return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);
  if (keys[0] == NULL)
    return TRUE;

  stmt = ps_sqlite_prepare (self->db,
                            "INSERT OR IGNORE INTO reminder_deliveries (reminder_key, delivered_at)"
                            " VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  at_iso = ps_instant_to_iso (at);

  if (!ps_sqlite_begin (self->db, PS_SQLITE_IMMEDIATE, error))
    return FALSE;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      ps_sqlite_bind_text (stmt, 1, keys[i]);
      ps_sqlite_bind_text (stmt, 2, at_iso);
      if (!ps_store_step_changes (self, stmt, NULL, error))
        return ps_sqlite_rollback (self->db);
    }
  if (!ps_sqlite_commit (self->db, error))
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

  if (!ps_store_valid_key (reminder_key))
    return ps_store_fail_code (error, PS_STORE_ERROR_INVALID);

  stmt = ps_sqlite_prepare (self->db, "DELETE FROM reminder_deliveries WHERE reminder_key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ps_sqlite_bind_text (stmt, 1, reminder_key);
  if (!ps_sqlite_begin (self->db, PS_SQLITE_IMMEDIATE, error))
    return FALSE;
  if (!ps_store_step_changes (self, stmt, &n_changed, error))
    return ps_sqlite_rollback (self->db);
  if (!ps_sqlite_commit (self->db, error))
    return FALSE;

  if (self->delivered != NULL)
    g_hash_table_remove (self->delivered, reminder_key);
  return TRUE;
}

