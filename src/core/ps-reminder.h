/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-enums.h"

G_BEGIN_DECLS

typedef enum
{
  PS_REMINDER_CONVERSATION_UPCOMING,
  PS_REMINDER_FIRST_CONTACT_DUE,
  PS_REMINDER_FIRST_CONTACT_OVERDUE,
  PS_REMINDER_NO_CONVERSATION_PLANNED,
  PS_REMINDER_SAFETY_FOLLOW_UP,
  PS_REMINDER_GROUP_DEBRIEF_UPCOMING,   /* case id 0; the debrief's id as conversation id */
} PsReminderKind;

/* One reminder the planner worked out: what it is about, when it falls due
 * (a UTC instant) and a stable key under which its delivery is recorded.
 * The key names the scheduled instant or day, so rescheduling gives a new
 * reminder. Holds no name or contact. Immutable. */
#define PS_TYPE_REMINDER (ps_reminder_get_type ())
G_DECLARE_FINAL_TYPE (PsReminder, ps_reminder, PS, REMINDER, GObject)

PsReminder     *ps_reminder_new                  (PsReminderKind  kind,
                                                  gint64          case_id,
                                                  gint64          conversation_id,
                                                  GDateTime      *due_at,
                                                  GDateTime      *starts_at,
                                                  guint           minutes,
                                                  PsModality      modality,
                                                  const char     *key);
PsReminderKind  ps_reminder_get_kind             (PsReminder     *self);
gint64          ps_reminder_get_case_id          (PsReminder     *self);
gint64          ps_reminder_get_conversation_id  (PsReminder     *self);
GDateTime      *ps_reminder_get_due_at           (PsReminder     *self);
GDateTime      *ps_reminder_get_starts_at        (PsReminder     *self);
guint           ps_reminder_get_minutes          (PsReminder     *self);
PsModality      ps_reminder_get_modality         (PsReminder     *self);
const char     *ps_reminder_get_key              (PsReminder     *self);
gboolean        ps_reminder_is_due               (PsReminder     *self,
                                                  GDateTime      *now);

/* The notification text, in local time @tz. @name is shown only when not
 * NULL: the caller passes it only when the user chose names in notifications. */
void            ps_reminder_format               (PsReminder     *self,
                                                  GDateTime      *now,
                                                  GTimeZone      *tz,
                                                  const char     *name,
                                                  char          **title,
                                                  char          **body);

/* The one notification that stands for several reminders; never names anyone. */
void            ps_reminder_format_summary       (guint           n_reminders,
                                                  char          **title,
                                                  char          **body);

G_END_DECLS
