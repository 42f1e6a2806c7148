/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-clock.h"
#include "ps-store.h"

G_BEGIN_DECLS

/* How far a new boot (where the time asleep or switched off cannot be
 * measured) may move the trusted instant forward: a long weekend. */
#define PS_RETENTION_RESTART_ALLOWANCE (4 * G_TIME_SPAN_DAY)

/* Minimal retention, keeping no name longer than the support needs it:
 * @days after a case closed — on that calendar day in @clock's time zone,
 * or later — its display name and contact are erased; its codes and dates
 * stay for the statistics. Cases already erased are left alone, so running
 * it again changes nothing. "Today" is not simply the wall clock's: see
 * ps-retention.c. @clock NULL: the store's clock. @n_erased (optional):
 * how many cases lost their identity now. @days_off (optional): the
 * clock's today minus the latest day retention trusts — 0 when the clock
 * is trusted, > 0 when it is ahead of what could be confirmed, < 0 when it
 * is behind the latest day seen; either way erasure is postponed. The
 * caller runs it at start, every few hours and at each jump of the clock. */
gboolean ps_retention_run        (PsStore   *store,
                                  PsClock   *clock,
                                  guint      days,
                                  guint     *n_erased,
                                  int       *days_off,
                                  GError   **error);

/* The person says the clock is right: its now becomes the trusted instant. */
gboolean ps_retention_trust_clock (PsStore  *store,
                                   PsClock  *clock,
                                   GError  **error);

/* The day a case closed on @closed_on loses its name and contact with a
 * setting of @days: the first day ps_retention_run erases it. */
void     ps_retention_erase_day (const GDate *closed_on,
                                 guint        days,
                                 GDate       *erase_on);

G_END_DECLS
