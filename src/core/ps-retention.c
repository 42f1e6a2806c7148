/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The rule: a wall clock alone never erases a name.
 *
 * Erasing is for good, and a wall clock is easy to get wrong (a dead
 * battery, a date typed by hand, a virtual machine restored from a
 * snapshot). So the store keeps a watermark: the latest instant retention
 * trusted, with the boot it was seen in and the time since that boot
 * (CLOCK_BOOTTIME, which counts suspend and cannot be set). At each run the
 * watermark may move forward only as far as time is known to have passed:
 *
 *  - the system vouches for the clock (network time synchronised, from
 *    timedated through the services layer): the clock is believed;
 *  - the same boot as the watermark: by the time since boot that elapsed
 *    between the two observations (plus a few minutes of slack);
 *  - a new boot: by the time since this boot plus at most
 *    PS_RETENTION_RESTART_ALLOWANCE for the time the computer was off;
 *  - the person confirms the date on the Overview (ps_retention_trust_clock).
 *
 * It never moves back, except when the clock is vouched for or confirmed.
 * Names are erased counting from the earlier of the clock and the
 * watermark: a clock set ahead postpones erasure (and the Overview says
 * so) until real time catches up or someone vouches for it; a clock set
 * back just erases later. The first run of a caseload has nothing to
 * compare with and takes the clock as it is.
 *
 * Erasing is in the store (one transaction, secure_delete, then a WAL
 * checkpoint so the old pages leave the -wal file); here only the day. */

#include "config.h"

#include "ps-retention.h"
#include "ps-sqlite.h"
#include "ps-store-private.h"
#include "ps-util.h"

/* NTP nudging a clock, the time between reading it and saving it. */
#define SLACK (10 * G_TIME_SPAN_MINUTE)

typedef struct
{
  GDateTime *trusted_at;
  char      *boot_id;
  gint64     since_boot;
} Watermark;

static void
watermark_clear (Watermark *mark)
{
  g_clear_pointer (&mark->trusted_at, g_date_time_unref);
  g_clear_pointer (&mark->boot_id, g_free);
}

/* FALSE on a database error; a missing row leaves @mark empty. */
static gboolean
load_watermark (sqlite3    *db,
                Watermark  *mark,
                GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = ps_sqlite_prepare (db, "SELECT trusted_at, boot_id, since_boot FROM clock_watermark"
                                " WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      mark->trusted_at = ps_instant_from_iso (ps_sqlite_column_text (stmt, 0));
      mark->boot_id = g_strdup (ps_sqlite_column_text (stmt, 1));
      mark->since_boot = sqlite3_column_int64 (stmt, 2);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return ps_sqlite_fail (db, rc, error);
  return TRUE;
}

static gboolean
save_watermark (sqlite3    *db,
                GDateTime  *trusted_at,
                PsClock    *clock,
                GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = ps_sqlite_prepare (db, "INSERT OR REPLACE INTO clock_watermark"
                                " (id, trusted_at, boot_id, since_boot) VALUES (1, ?1, ?2, ?3)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ps_sqlite_bind_take (stmt, 1, ps_instant_to_iso (trusted_at));
  ps_sqlite_bind_text (stmt, 2, ps_clock_get_boot_id (clock));
  sqlite3_bind_int64 (stmt, 3, MAX (ps_clock_get_since_boot (clock), 0));
  return ps_sqlite_step_done (db, stmt, error);
}

/* How far the watermark may move forward now, by the rule above. */
static GTimeSpan
known_elapsed (const Watermark *mark,
               PsClock         *clock)
{
  gint64 since_boot = MAX (ps_clock_get_since_boot (clock), 0);

  if (g_strcmp0 (mark->boot_id, ps_clock_get_boot_id (clock)) == 0 &&
      since_boot >= mark->since_boot)
    return since_boot - mark->since_boot + SLACK;
  return since_boot + PS_RETENTION_RESTART_ALLOWANCE + SLACK;
}

/* Takes note of the clock and returns the new watermark. */
static GDateTime *
observe (sqlite3    *db,
         PsClock    *clock,
         gboolean    confirmed,
         GError    **error)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (clock);
  g_autoptr(GDateTime) trusted = NULL;
  Watermark mark = { NULL, NULL, 0 };

  if (!load_watermark (db, &mark, error))
    return NULL;

  if (mark.trusted_at == NULL || confirmed || ps_clock_get_synchronized (clock))
    trusted = g_date_time_ref (now);
  else
    {
      g_autoptr(GDateTime) reachable = g_date_time_add (mark.trusted_at,
                                                        known_elapsed (&mark, clock));

      /* Forward towards the clock, as far as known time allows; never back. */
      if (g_date_time_compare (now, reachable) < 0)
        trusted = g_date_time_ref (now);
      else
        trusted = g_steal_pointer (&reachable);
      if (g_date_time_compare (trusted, mark.trusted_at) < 0)
        {
          g_date_time_unref (trusted);
          trusted = g_date_time_ref (mark.trusted_at);
        }
    }
  watermark_clear (&mark);

  if (!save_watermark (db, trusted, clock, error))
    return NULL;
  return g_steal_pointer (&trusted);
}

gboolean
ps_retention_run (PsStore   *store,
                  PsClock   *clock,
                  guint      days,
                  guint     *n_erased,
                  int       *days_off,
                  GError   **error)
{
  g_autoptr(GDateTime) trusted_utc = NULL;
  g_autoptr(GDateTime) trusted = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *first_kept = NULL;
  GDate day, today;

  g_return_val_if_fail (PS_IS_STORE (store), FALSE);
  g_return_val_if_fail (!clock || PS_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (days > 0 && days <= 36500, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (clock == NULL)
    clock = ps_store_get_clock (store);
  if (n_erased != NULL)
    *n_erased = 0;

  if (!(trusted_utc = observe (ps_store_get_db (store), clock, FALSE, error)))
    return FALSE;
  tz = ps_clock_get_timezone (clock);
  trusted = g_date_time_to_timezone (trusted_utc, tz);
  ps_date_set_from_date_time (&day, trusted, NULL);
  ps_clock_get_today (clock, &today);
  if (days_off != NULL)
    *days_off = g_date_days_between (&day, &today);

  /* From the earlier of the two. */
  if (g_date_compare (&today, &day) < 0)
    day = today;

  /* Closed on that day - days or earlier: the first day kept is one later. */
  g_date_subtract_days (&day, days - 1);
  first_kept = ps_date_to_iso (&day);

  return ps_store_deidentify_closed_before_day (store, first_kept, n_erased, error);
}

gboolean
ps_retention_trust_clock (PsStore  *store,
                          PsClock  *clock,
                          GError  **error)
{
  g_autoptr(GDateTime) trusted = NULL;

  g_return_val_if_fail (PS_IS_STORE (store), FALSE);
  g_return_val_if_fail (!clock || PS_IS_CLOCK (clock), FALSE);

  if (clock == NULL)
    clock = ps_store_get_clock (store);
  trusted = observe (ps_store_get_db (store), clock, TRUE, error);
  return trusted != NULL;
}

void
ps_retention_erase_day (const GDate *closed_on,
                        guint        days,
                        GDate       *erase_on)
{
  g_return_if_fail (closed_on != NULL && g_date_valid (closed_on));
  g_return_if_fail (erase_on != NULL);

  /* ps_retention_run erases what closed on today - days or earlier. */
  *erase_on = *closed_on;
  g_date_add_days (erase_on, days);
}
