/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-clock.h"
#include "ps-store.h"

G_BEGIN_DECLS

/* Fills @store with obviously fictional colleagues in every state, relative
 * to @clock's now (for --demo and screenshots). */
gboolean ps_demo_populate (PsStore  *store,
                           PsClock  *clock,
                           GError  **error);

G_END_DECLS
