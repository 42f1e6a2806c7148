/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Reminders as desktop notifications (libnotify). The text comes from
 * ps_reminder_format(): no name unless the caller passes one. The
 * notification is kept until the server closes it: libnotify only delivers
 * action clicks to a notification object that is still alive. */

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "ps-notifier.h"

/* libnotify 0.8.1 declares no autoptr cleanup of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotifyNotification, g_object_unref)

struct _PsNotifier
{
  GObject     parent_instance;

  GHashTable *shown;   /* NotifyNotification → key (owned); while on screen */
};

G_DEFINE_FINAL_TYPE (PsNotifier, ps_notifier, G_TYPE_OBJECT)

enum {
  OPEN,
  SNOOZE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SUMMARY_KEY "summary"

static void
forget (PsNotifier         *self,
        NotifyNotification *notification)
{
  g_signal_handlers_disconnect_by_data (notification, self);
  notify_notification_clear_actions (notification);
  g_hash_table_remove (self->shown, notification);
}

static void
ps_notifier_dispose (GObject *object)
{
  PsNotifier *self = (PsNotifier *)object;

  if (self->shown != NULL)
    {
      g_autoptr(GList) notifications = g_hash_table_get_keys (self->shown);

      for (GList *l = notifications; l != NULL; l = l->next)
        forget (self, l->data);
    }

  G_OBJECT_CLASS (ps_notifier_parent_class)->dispose (object);
}

static void
ps_notifier_finalize (GObject *object)
{
  PsNotifier *self = (PsNotifier *)object;

  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (ps_notifier_parent_class)->finalize (object);
}

static void
ps_notifier_class_init (PsNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_notifier_dispose;
  object_class->finalize = ps_notifier_finalize;

  /* The user asked to see a case (0: just the app). */
  signals[OPEN] = g_signal_new ("open",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The user asked to be reminded again in 10 minutes. */
  signals[SNOOZE] = g_signal_new ("snooze",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, PS_TYPE_REMINDER);
}

static void
ps_notifier_init (PsNotifier *self)
{
  self->shown = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, g_free);
}

PsNotifier *
ps_notifier_new (void)
{
  /* Once per process; the name is what the server shows as the sender. */
  if (!notify_is_initted ())
    notify_init (_("Peerside"));

  return g_object_new (PS_TYPE_NOTIFIER, NULL);
}

static void
run_action (PsNotifier         *self,
            NotifyNotification *notification,
            const char         *action)
{
  PsReminder *reminder = g_object_get_data (G_OBJECT (notification), "ps-reminder");

  if (g_str_equal (action, "snooze") && reminder != NULL)
    g_signal_emit (self, signals[SNOOZE], 0, reminder);
  else
    g_signal_emit (self, signals[OPEN], 0,
                   reminder != NULL ? ps_reminder_get_case_id (reminder) : (gint64)0);
}

static void
action_cb (NotifyNotification *notification,
           char               *action,
           gpointer            user_data)
{
  /* The server closes it after an action, and ::closed lets it go. */
  run_action (PS_NOTIFIER (user_data), notification, action);
}

static void
closed_cb (NotifyNotification *notification,
           gpointer            user_data)
{
  forget (PS_NOTIFIER (user_data), notification);
}

static gboolean
send (PsNotifier          *self,
      NotifyNotification  *notification,
      PsReminder          *reminder,
      GError             **error)
{
  const char *key = reminder != NULL ? ps_reminder_get_key (reminder) : SUMMARY_KEY;

  notify_notification_set_urgency (notification, NOTIFY_URGENCY_NORMAL);
  notify_notification_set_category (notification, PS_NOTIFIER_CATEGORY);
  notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (APP_ID));
  notify_notification_set_app_name (notification, _("Peerside"));

  notify_notification_add_action (notification, "default", _("Open"), action_cb, self, NULL);
  notify_notification_add_action (notification, "open", _("Open"), action_cb, self, NULL);
  if (reminder != NULL)
    {
      notify_notification_add_action (notification, "snooze", _("Snooze 10 minutes"),
                                      action_cb, self, NULL);
      g_object_set_data_full (G_OBJECT (notification), "ps-reminder",
                              g_object_ref (reminder), g_object_unref);
    }

  /* libnotify 0.8 only has a blocking show; the server answers at once. */
  if (!notify_notification_show (notification, error))
    {
      notify_notification_clear_actions (notification);
      return FALSE;
    }

  g_signal_connect (notification, "closed", G_CALLBACK (closed_cb), self);
  g_hash_table_insert (self->shown, g_object_ref (notification), g_strdup (key));
  return TRUE;
}

gboolean
ps_notifier_show (PsNotifier  *self,
                  PsReminder  *reminder,
                  GDateTime   *now,
                  GTimeZone   *tz,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(NotifyNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (PS_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (PS_IS_REMINDER (reminder), FALSE);
  g_return_val_if_fail (now != NULL && tz != NULL, FALSE);

  ps_reminder_format (reminder, now, tz, name, &title, &body);
  notification = notify_notification_new (title, body, APP_ID);
  return send (self, notification, reminder, error);
}

gboolean
ps_notifier_show_summary (PsNotifier  *self,
                          guint        n_reminders,
                          GError     **error)
{
  g_autoptr(NotifyNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (PS_IS_NOTIFIER (self), FALSE);

  ps_reminder_format_summary (n_reminders, &title, &body);
  notification = notify_notification_new (title, body, APP_ID);
  return send (self, notification, NULL, error);
}

guint
ps_notifier_get_n_shown (PsNotifier *self)
{
  g_return_val_if_fail (PS_IS_NOTIFIER (self), 0);
  return g_hash_table_size (self->shown);
}

gboolean
ps_notifier_activate (PsNotifier *self,
                      const char *key,
                      const char *action)
{
  GHashTableIter iter;
  gpointer notification, shown_key;
  NotifyNotification *found = NULL;

  g_return_val_if_fail (PS_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (key != NULL && action != NULL, FALSE);

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &notification, &shown_key))
    if (g_str_equal (shown_key, key))
      found = notification;
  if (found == NULL)
    return FALSE;

  g_object_ref (found);
  run_action (self, found, action);
  notify_notification_close (found, NULL);
  forget (self, found);
  g_object_unref (found);
  return TRUE;
}
