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
 * first-contact deadline, PsCase), one group's list (its first entries, then
 * a "Show All" row when it has many more), the list of the group's page
 * (every entry of the group shown by "Show All"), the page shown ("empty",
 * "agenda" or "group"), and a refresh as the minute timer does it. */
GListModel  *ps_schedule_view_get_entries         (PsScheduleView  *self);
GtkListBox  *ps_schedule_view_get_group_list      (PsScheduleView  *self,
                                                   PsScheduleGroup  group);
GtkListView *ps_schedule_view_get_group_page_list (PsScheduleView  *self);
const char  *ps_schedule_view_get_visible_page    (PsScheduleView  *self);
void         ps_schedule_view_tick                (PsScheduleView  *self);

G_END_DECLS
