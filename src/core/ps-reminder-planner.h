/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-reminder.h"

G_BEGIN_DECLS

#define PS_REMINDER_NUDGE_DAYS   7

/* The settings the planner follows, read from GSettings by the caller. */
typedef struct
{
  guint lead_minutes;                /* before a conversation: 5, 10, 15, 30 or 60 */
  guint first_contact_due_days;      /* after the request */
  guint first_contact_overdue_days;  /* below the due days counts as equal */
  guint nudge_days;                  /* in support with nothing scheduled */
  guint follow_up_days;              /* a safety concern is followed up within */
  /* Optional: a reminder for which this returns TRUE (one already
   * delivered, say) is left out of the plan before an object is made for
   * it: 10,000 cases can mean 10,000 reminders long delivered. */
  gboolean (*skip) (const char *key,
                    GDateTime  *due_at,
                    gpointer    user_data);
  gpointer skip_data;
} PsReminderSettings;

void        ps_reminder_settings_init          (PsReminderSettings       *settings);

/* Pure: no I/O, no clock of its own. @cases holds PsCase (closed ones are
 * skipped), @conversations PsConversation of those cases (duplicates and
 * those of other cases are ignored): the scheduled ones to come, and for a
 * case in support with nothing scheduled, its past ones, or instead its
 * latest one held in @last_held (optional: PsLastHeld by case id, as
 * ps_store_list_last_held() gives). Returns the
 * reminders still worth showing (due or to come), ordered by due instant; a
 * reminder is due when its instant is <= @now. @next_due (optional) gets the
 * first due instant after @now, or NULL. */
GPtrArray  *ps_reminder_planner_plan           (GListModel               *cases,
                                                GListModel               *conversations,
                                                GArray                   *last_held,
                                                GDateTime                *now,
                                                GTimeZone                *tz,
                                                const PsReminderSettings *settings,
                                                GDateTime               **next_due);

/* Adds to @plan (as ps_reminder_planner_plan() made it) a reminder before
 * each group debrief of @debriefs (PsGroupDebrief) still scheduled and not
 * over, by the same rule as a conversation's, and orders it again;
 * @next_due (optional) is worked out again. */
void        ps_reminder_planner_add_group_debriefs (GPtrArray                *plan,
                                                    GListModel               *debriefs,
                                                    GDateTime                *now,
                                                    const PsReminderSettings *settings,
                                                    GDateTime               **next_due);

/* The reminders of @plan that are due at @now (a new array holding references). */
GPtrArray  *ps_reminder_planner_filter_due     (GPtrArray                *plan,
                                                GDateTime                *now);

G_END_DECLS
