/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Erasing is in the store (one transaction, secure_delete, then a WAL
 * checkpoint so the old pages leave the -wal file); here only the day. */

#include "config.h"

#include "ps-retention.h"
#include "ps-store-private.h"
#include "ps-util.h"

gboolean
ps_retention_run (PsStore   *store,
                  PsClock   *clock,
                  guint      days,
                  guint     *n_erased,
                  GError   **error)
{
  g_autofree char *first_kept = NULL;
  GDate day;

  g_return_val_if_fail (PS_IS_STORE (store), FALSE);
  g_return_val_if_fail (!clock || PS_IS_CLOCK (clock), FALSE);
  g_return_val_if_fail (days > 0 && days <= 36500, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (clock == NULL)
    clock = ps_store_get_clock (store);

  /* Closed on today - days or earlier: the first day kept is one later. */
  ps_clock_get_today (clock, &day);
  g_date_subtract_days (&day, days - 1);
  first_kept = ps_date_to_iso (&day);

  return ps_store_deidentify_closed_before_day (store, first_kept, n_erased, error);
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
