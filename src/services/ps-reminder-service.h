/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-context.h"
#include "ps-notifier.h"

G_BEGIN_DECLS

#define PS_REMINDER_SUMMARY_ABOVE 3

/* Delivers the planner's reminders: at start (those that fell due while
 * Peerside was not running, once), then on every wall-clock minute, after
 * resume from suspend and after a time-zone change. Each reminder is
 * recorded in the store before it is shown, and never shown twice.
 * Signal ::open-case (gint64 case id; 0 to just show the app). */
#define PS_TYPE_REMINDER_SERVICE (ps_reminder_service_get_type ())
G_DECLARE_FINAL_TYPE (PsReminderService, ps_reminder_service, PS, REMINDER_SERVICE, GObject)

/* @notifier NULL makes one. */
PsReminderService *ps_reminder_service_new          (PsContext         *context,
                                                     PsNotifier        *notifier);
/* Checks now, then arms the minute timer and the resume and time-zone watches. */
void               ps_reminder_service_start        (PsReminderService *self);
/* Delivers what is due now; returns how many reminders it showed (a summary
 * counts the reminders it stands for). */
guint              ps_reminder_service_check        (PsReminderService *self);
/* Shows @reminder again PS_NOTIFIER_SNOOZE_MINUTES from now. */
void               ps_reminder_service_snooze       (PsReminderService *self,
                                                     PsReminder        *reminder);
/* The next instant a reminder falls due (transfer none; NULL: none planned). */
GDateTime         *ps_reminder_service_get_next_due (PsReminderService *self);
PsNotifier        *ps_reminder_service_get_notifier (PsReminderService *self);

G_END_DECLS
