/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-sqlite.h"
#include "ps-store-held.h"
#include "ps-store-private.h"
#include "ps-util.h"

GArray *
ps_store_list_held_conversations (PsStore   *self,
                                  GDateTime *from)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *held;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL, NULL);

  held = g_array_new (FALSE, FALSE, sizeof (PsHeldConversation));
  /* Instants are UTC ISO 8601 text, which strftime reads, 'Z' and all. */
  stmt = ps_sqlite_prepare (ps_store_get_db (self),
                            "SELECT case_id, CAST(strftime('%s', starts_at) AS INTEGER), minutes,"
                            " safety_concern FROM conversations"
                            " WHERE state = 'completed' AND starts_at >= ?1"
                            " ORDER BY starts_at, id", NULL);
  if (stmt == NULL)
    return held;
  ps_sqlite_bind_take (stmt, 1, ps_instant_to_iso (from));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PsHeldConversation row = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        (guint)sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3) != 0,
      };

      g_array_append_val (held, row);
    }
  return held;
}
