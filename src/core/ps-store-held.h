/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-store.h"

G_BEGIN_DECLS

/* One conversation held, as the statistics read it: no object per row. */
typedef struct
{
  gint64    case_id;
  gint64    starts_at;       /* Unix seconds */
  guint     minutes;         /* planned */
  gboolean  safety_concern;
  gint64    seconds_held;    /* from Start to End; -1 when not run in Peerside */
} PsHeldConversation;

/* Transfer full: the conversations held (completed) starting at or after
 * @from, by start time, in one query into one array. The statistics read
 * 30,000 of them: as PsConversation objects that took 445 ms, most of the
 * Overview's time (tests/bench/bench-statistics.c). */
GArray *ps_store_list_held_conversations (PsStore   *self,
                                          GDateTime *from);

G_END_DECLS
