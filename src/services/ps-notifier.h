/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-reminder.h"

G_BEGIN_DECLS

#define PS_NOTIFIER_CATEGORY      "x-peerside.reminder"
#define PS_NOTIFIER_SNOOZE_MINUTES 10

/* Desktop notifications through libnotify, with the actions "Open" (also the
 * default action) and "Snooze 10 minutes". Keeps each notification until the
 * server closes it, so its actions still reach us.
 * Signals: ::open (gint64 case id, 0 for a summary), ::snooze (PsReminder). */
#define PS_TYPE_NOTIFIER (ps_notifier_get_type ())
G_DECLARE_FINAL_TYPE (PsNotifier, ps_notifier, PS, NOTIFIER, GObject)

PsNotifier *ps_notifier_new           (void);

/* Shows @reminder in local time @tz; @name NULL keeps it anonymous. */
gboolean    ps_notifier_show          (PsNotifier  *self,
                                       PsReminder  *reminder,
                                       GDateTime   *now,
                                       GTimeZone   *tz,
                                       const char  *name,
                                       GError     **error);

/* One notification for @n_reminders due at once; opens the app. */
gboolean    ps_notifier_show_summary  (PsNotifier  *self,
                                       guint        n_reminders,
                                       GError     **error);

/* How many notifications are still on screen (not yet closed). */
guint       ps_notifier_get_n_shown   (PsNotifier  *self);

/* Runs an action as if clicked ("default", "open" or "snooze") on the
 * notification last shown for @key; for tests and for the app's own use. */
gboolean    ps_notifier_activate      (PsNotifier  *self,
                                       const char  *key,
                                       const char  *action);

G_END_DECLS
