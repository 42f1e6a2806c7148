/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-group-debrief.h"
#include "ps-store.h"

G_BEGIN_DECLS

/* Group debriefs in the store (ps-store-groups.c). Each change is one
 * transaction and emits PsStore::changed with case id 0. Listed models are
 * snapshots of PsGroupDebrief: list again after ::changed. */

/* A new debrief, to come (scheduled) or logged afterwards (completed,
 * with the steps covered, of the current group checklist). Here and in
 * ps_store_save_group_debrief(), PS_STORE_ERROR_INVALID for any field out of
 * range, a start not on a whole minute, or one held that has not begun. */
PsGroupDebrief *ps_store_schedule_group_debrief      (PsStore                    *self,
                                                      const PsGroupDebriefFields *fields,
                                                      PsConversationState         state,
                                                      const char * const         *step_ids,
                                                      GError                    **error);
/* Everything a supporter changes at once — the fields, the state
 * (scheduled, completed, missed or cancelled) and the covered steps of the
 * debrief's own checklist version — in one transaction. */
gboolean        ps_store_save_group_debrief          (PsStore                    *self,
                                                      gint64                      debrief_id,
                                                      const PsGroupDebriefFields *fields,
                                                      PsConversationState         state,
                                                      const char * const         *step_ids,
                                                      GError                    **error);
gboolean        ps_store_delete_group_debrief        (PsStore                    *self,
                                                      gint64                      debrief_id,
                                                      GError                    **error);
/* Transfer full, or NULL when there is no such debrief. */
PsGroupDebrief *ps_store_lookup_group_debrief        (PsStore                    *self,
                                                      gint64                      debrief_id);
/* Transfer full: those starting in [@from, @to), by start time. */
GListModel     *ps_store_list_group_debriefs_between (PsStore                    *self,
                                                      GDateTime                  *from,
                                                      GDateTime                  *to);
/* Transfer full: those still scheduled, whenever they start, by start time. */
GListModel     *ps_store_list_planned_group_debriefs (PsStore                    *self);

G_END_DECLS
