/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-schedule-view.h"

G_BEGIN_DECLS

typedef enum
{
  PS_SCHEDULE_GROUP_OVERDUE,
  PS_SCHEDULE_GROUP_TODAY,
  PS_SCHEDULE_GROUP_TOMORROW,
  PS_SCHEDULE_GROUP_THIS_WEEK,
  PS_SCHEDULE_GROUP_LATER,
  PS_SCHEDULE_N_GROUPS,
} PsScheduleGroup;

/* For widget tests: the agenda in order (PsConversation and, for a
 * first-contact deadline, PsCase), one group's list, the page shown
 * ("empty" or "agenda"), and a refresh as the minute timer does it. */
GListModel *ps_schedule_view_get_entries      (PsScheduleView  *self);
GtkListBox *ps_schedule_view_get_group_list   (PsScheduleView  *self,
                                               PsScheduleGroup  group);
const char *ps_schedule_view_get_visible_page (PsScheduleView  *self);
void        ps_schedule_view_tick             (PsScheduleView  *self);

G_END_DECLS
