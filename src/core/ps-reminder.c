/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A reminder and its notification text. The text carries no name unless the
 * caller hands one in: a notification can be read by anyone near the
 * screen, so by default it names no one. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-reminder.h"
#include "ps-time-format.h"

struct _PsReminder
{
  GObject         parent_instance;

  PsReminderKind  kind;
  gint64          case_id;
  gint64          conversation_id;
  GDateTime      *due_at;
  GDateTime      *starts_at;
  guint           minutes;
  PsModality      modality;
  char           *key;
};

G_DEFINE_FINAL_TYPE (PsReminder, ps_reminder, G_TYPE_OBJECT)

static void
ps_reminder_finalize (GObject *object)
{
  PsReminder *self = (PsReminder *)object;

  g_clear_pointer (&self->due_at, g_date_time_unref);
  g_clear_pointer (&self->starts_at, g_date_time_unref);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (ps_reminder_parent_class)->finalize (object);
}

static void
ps_reminder_class_init (PsReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_reminder_finalize;
}

static void
ps_reminder_init (PsReminder *self)
{
}

/* @starts_at may be NULL (first-contact and nudge reminders). */
PsReminder *
ps_reminder_new (PsReminderKind  kind,
                 gint64          case_id,
                 gint64          conversation_id,
                 GDateTime      *due_at,
                 GDateTime      *starts_at,
                 guint           minutes,
                 PsModality      modality,
                 const char     *key)
{
  PsReminder *self;

  g_return_val_if_fail (due_at != NULL, NULL);
  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  self = g_object_new (PS_TYPE_REMINDER, NULL);
  self->kind = kind;
  self->case_id = case_id;
  self->conversation_id = conversation_id;
  self->due_at = g_date_time_to_utc (due_at);
  self->starts_at = starts_at != NULL ? g_date_time_to_utc (starts_at) : NULL;
  self->minutes = minutes;
  self->modality = modality;
  self->key = g_strdup (key);
  return self;
}

PsReminderKind
ps_reminder_get_kind (PsReminder *self)
{
  g_return_val_if_fail (PS_IS_REMINDER (self), 0);
  return self->kind;
}

gint64
ps_reminder_get_case_id (PsReminder *self)
{
  g_return_val_if_fail (PS_IS_REMINDER (self), 0);
  return self->case_id;
}

gint64
ps_reminder_get_conversation_id (PsReminder *self)
{
  g_return_val_if_fail (PS_IS_REMINDER (self), 0);
  return self->conversation_id;
}

GDateTime *
ps_reminder_get_due_at (PsReminder *self)
{
  g_return_val_if_fail (PS_IS_REMINDER (self), NULL);
  return self->due_at;
}

GDateTime *
ps_reminder_get_starts_at (PsReminder *self)
{
  g_return_val_if_fail (PS_IS_REMINDER (self), NULL);
  return self->starts_at;
}

guint
ps_reminder_get_minutes (PsReminder *self)
{
  g_return_val_if_fail (PS_IS_REMINDER (self), 0);
  return self->minutes;
}

PsModality
ps_reminder_get_modality (PsReminder *self)
{
  g_return_val_if_fail (PS_IS_REMINDER (self), 0);
  return self->modality;
}

const char *
ps_reminder_get_key (PsReminder *self)
{
  g_return_val_if_fail (PS_IS_REMINDER (self), NULL);
  return self->key;
}

gboolean
ps_reminder_is_due (PsReminder *self,
                    GDateTime  *now)
{
  g_return_val_if_fail (PS_IS_REMINDER (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return g_date_time_compare (self->due_at, now) <= 0;
}

static gboolean
same_local_day (GDateTime *a,
                GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

static void
format_upcoming (PsReminder  *self,
                 GDateTime   *now,
                 GTimeZone   *tz,
                 const char  *name,
                 char       **title,
                 char       **body)
{
  g_autoptr(GDateTime) local_start = g_date_time_to_timezone (self->starts_at, tz);
  g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, tz);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (local_now, 1);
  g_autofree char *time = ps_format_time (local_start);
  g_autofree char *when = NULL;
  const char *modality = ps_modality_to_label (self->modality);
  GTimeSpan ahead = g_date_time_difference (self->starts_at, now);

  gboolean group = self->kind == PS_REMINDER_GROUP_DEBRIEF_UPCOMING;

  if (same_local_day (local_start, local_now))
    /* Translators: the time of day, like 14:30 */
    *title = g_strdup_printf (group ? _("Group debrief at %s")
                                    : _("Peer support conversation at %s"), time);
  else if (same_local_day (local_start, tomorrow))
    *title = g_strdup_printf (group ? _("Group debrief tomorrow at %s")
                                    : _("Peer support conversation tomorrow at %s"), time);
  else
    {
      /* Translators: a day in the agenda, "Wed 20 Nov"; see g_date_time_format() */
      g_autofree char *day = g_date_time_format (local_start, _("%a %-d %b"));

      /* Translators: a day like "Thu 21 Nov", then a time like 14:30 */
      *title = g_strdup_printf (group ? _("Group debrief on %s at %s")
                                      : _("Peer support conversation on %s at %s"),
                                day, time);
    }

  if (ahead > 0)
    {
      guint minutes = (guint)((ahead + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE);

      when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u minute", "in %u minutes",
                                           minutes), minutes);
    }
  else
    when = g_strdup (_("now"));

  if (name != NULL)
    /* Translators: a colleague's name · a modality like "Phone" · "in 10 minutes" */
    *body = g_strdup_printf (_("%s · %s · %s"), name, modality, when);
  else
    /* Translators: a modality like "Phone" · "in 10 minutes" */
    *body = g_strdup_printf (_("%s · %s"), modality, when);
}

void
ps_reminder_format (PsReminder  *self,
                    GDateTime   *now,
                    GTimeZone   *tz,
                    const char  *name,
                    char       **title,
                    char       **body)
{
  g_return_if_fail (PS_IS_REMINDER (self));
  g_return_if_fail (now != NULL && tz != NULL);
  g_return_if_fail (title != NULL && body != NULL);

  if (name != NULL && *name == '\0')
    name = NULL;

  switch (self->kind)
    {
    case PS_REMINDER_CONVERSATION_UPCOMING:
    case PS_REMINDER_GROUP_DEBRIEF_UPCOMING:
      format_upcoming (self, now, tz, name, title, body);
      break;

    case PS_REMINDER_FIRST_CONTACT_DUE:
      *title = g_strdup (_("First contact due today"));
      *body = name != NULL
        ? g_strdup_printf (_("%s asked for support and is waiting to hear from you."), name)
        : g_strdup (_("A colleague who asked for support is waiting to hear from you."));
      break;

    case PS_REMINDER_FIRST_CONTACT_OVERDUE:
      *title = g_strdup (_("First contact overdue"));
      *body = name != NULL
        ? g_strdup_printf (_("%s asked for support and has not been reached yet."), name)
        : g_strdup (_("A colleague who asked for support has not been reached yet."));
      break;

    case PS_REMINDER_NO_CONVERSATION_PLANNED:
      *title = g_strdup (_("No conversation planned"));
      *body = name != NULL
        ? g_strdup_printf (_("Nothing has been scheduled with %s for a week."), name)
        : g_strdup (_("A colleague in support has had nothing scheduled for a week."));
      break;

    case PS_REMINDER_SAFETY_FOLLOW_UP:
      *title = g_strdup (_("Safety concern: plan a follow-up"));
      *body = name != NULL
        ? g_strdup_printf (_("A conversation with %s raised a safety concern and no follow-up is planned."), name)
        : g_strdup (_("A conversation raised a safety concern and no follow-up is planned."));
      break;

    default:
      g_assert_not_reached ();
    }
}

void
ps_reminder_format_summary (guint   n_reminders,
                            char  **title,
                            char  **body)
{
  g_return_if_fail (title != NULL && body != NULL);

  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u peer support reminder",
                                         "%u peer support reminders", n_reminders),
                            n_reminders);
  *body = g_strdup (_("Open Peerside to see what is due."));
}
