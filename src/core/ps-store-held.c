/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-sqlite.h"
#include "ps-store-held.h"
#include "ps-store-private.h"
#include "ps-util.h"

/* Unix seconds of a stored instant, or 0 when NULL. The schema's CHECK
 * holds every instant to 'YYYY-MM-DDTHH:MM:SSZ', so it is read by hand:
 * strftime ('%s') for three instants of 30,000 rows was most of the query. */
static gint64
instant_column (sqlite3_stmt *stmt,
                int           column)
{
  const char *t = (const char *)sqlite3_column_text (stmt, column);
  int y, m, d, era, yoe, doy;
  gint64 days;

  if (t == NULL || sqlite3_column_bytes (stmt, column) != 20)
    return 0;
#define DIGITS2(i) ((t[i] - '0') * 10 + (t[(i) + 1] - '0'))
  y = DIGITS2 (0) * 100 + DIGITS2 (2);
  m = DIGITS2 (5);
  d = DIGITS2 (8);
  /* Days from 1970-01-01 to the civil date (H. Hinnant's days_from_civil). */
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  days = (gint64)era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
  return days * 86400 + DIGITS2 (11) * 3600 + DIGITS2 (14) * 60 + DIGITS2 (17);
#undef DIGITS2
}

GArray *
ps_store_list_held_conversations (PsStore   *self,
                                  GDateTime *from)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *held;

  g_return_val_if_fail (PS_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL, NULL);

  held = g_array_new (FALSE, FALSE, sizeof (PsHeldConversation));
  /* Instants are text, which sorts and compares as time does. */
  stmt = ps_sqlite_prepare (ps_store_get_db (self),
                            "SELECT case_id, starts_at, minutes, safety_concern, started_at, ended_at"
                            " FROM conversations WHERE state = 'completed' AND starts_at >= ?1"
                            " ORDER BY starts_at, id", NULL);
  if (stmt == NULL)
    return held;
  ps_sqlite_bind_take (stmt, 1, ps_instant_to_iso (from));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 started_at = instant_column (stmt, 4);
      gint64 ended_at = instant_column (stmt, 5);
      PsHeldConversation row = {
        sqlite3_column_int64 (stmt, 0), instant_column (stmt, 1),
        (guint)sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3) != 0,
        started_at != 0 && ended_at > started_at ? ended_at - started_at : -1,
      };

      g_array_append_val (held, row);
    }
  return held;
}
