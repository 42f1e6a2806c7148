/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-clock.h"
#include "ps-store.h"

G_BEGIN_DECLS

/* Minimal retention, keeping no name longer than the support needs it: @days after a case closed — on that
 * calendar day in @clock's time zone, or later — its display name and
 * contact are erased; its codes and dates stay for the statistics. Cases
 * already erased are left alone, so running it again changes nothing.
 * @clock NULL: the store's clock. @n_erased (optional): how many cases
 * lost their identity now. The caller runs it at start and once a day. */
gboolean ps_retention_run (PsStore   *store,
                           PsClock   *clock,
                           guint      days,
                           guint     *n_erased,
                           GError   **error);

G_END_DECLS
