/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-test-notify.h"

static struct
{
  GDBusConnection *connection;
  GDBusConnection *ours;        /* kept: the singleton would be closed without us */
  char            *sender;
  GMutex           lock;
  GPtrArray       *seen;
} monitor;

static void
notified_free (gpointer data)
{
  PsTestNotified *notified = data;

  g_free (notified->summary);
  g_free (notified->body);
  g_strfreev (notified->action_ids);
  g_free (notified->desktop_entry);
  g_free (notified->category);
  g_free (notified->everything);
  g_free (notified);
}

static PsTestNotified *
parse_notify (GVariant *parameters)
{
  PsTestNotified *notified = g_new0 (PsTestNotified, 1);
  g_autoptr(GVariantIter) actions = NULL;
  g_autoptr(GVariant) hints = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const char *summary, *body, *action;
  guint i = 0;

  g_variant_get (parameters, "(&su&s&s&sas@a{sv}i)", NULL, NULL, NULL, &summary, &body,
                 &actions, &hints, NULL);
  notified->summary = g_strdup (summary);
  notified->body = g_strdup (body);
  /* Actions come as id, label, id, label... */
  while (g_variant_iter_next (actions, "&s", &action))
    if (i++ % 2 == 0)
      g_ptr_array_add (ids, g_strdup (action));
  g_ptr_array_add (ids, NULL);
  notified->action_ids = (GStrv)g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  g_variant_lookup (hints, "desktop-entry", "s", &notified->desktop_entry);
  g_variant_lookup (hints, "category", "s", &notified->category);
  g_variant_lookup (hints, "urgency", "y", &notified->urgency);
  notified->everything = g_variant_print (parameters, FALSE);
  return notified;
}

/* Runs in GDBus's worker thread. Monitored method calls must never reach
 * GDBus's dispatch: it would answer them, and a monitor may not send. */
static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;

  if (g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Notifications") == 0 &&
      g_strcmp0 (g_dbus_message_get_member (message), "Notify") == 0 &&
      g_strcmp0 (g_dbus_message_get_sender (message), monitor.sender) == 0 &&
      g_dbus_message_get_body (message) != NULL &&
      g_variant_is_of_type (g_dbus_message_get_body (message),
                            G_VARIANT_TYPE ("(susssasa{sv}i)")))
    {
      PsTestNotified *notified = parse_notify (g_dbus_message_get_body (message));

      g_mutex_lock (&monitor.lock);
      g_ptr_array_add (monitor.seen, notified);
      g_mutex_unlock (&monitor.lock);
    }

  g_object_unref (message);
  return NULL;
}

void
ps_test_notify_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  const char *rules[] = {
    "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
    NULL
  };
  g_autoptr(GVariant) reply = NULL;

  /* libnotify talks over the shared session connection: only its calls count. */
  monitor.ours = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  monitor.sender = g_strdup (g_dbus_connection_get_unique_name (monitor.ours));
  monitor.seen = g_ptr_array_new_with_free_func (notified_free);

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  monitor.connection =
    g_dbus_connection_new_for_address_sync (address,
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (monitor.connection, monitor_filter, NULL, NULL);
  reply = g_dbus_connection_call_sync (monitor.connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus.Monitoring",
                                       "BecomeMonitor", g_variant_new ("(^asu)", rules, 0),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

guint
ps_test_notify_count (void)
{
  guint n;

  g_mutex_lock (&monitor.lock);
  n = monitor.seen->len;
  g_mutex_unlock (&monitor.lock);
  return n;
}

guint
ps_test_notify_wait (guint from,
                     guint n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  gint64 settle;

  while (ps_test_notify_count () - from < n && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  settle = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < settle)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  return ps_test_notify_count () - from;
}

PsTestNotified *
ps_test_notify_get (guint index)
{
  PsTestNotified *notified;

  g_mutex_lock (&monitor.lock);
  notified = g_ptr_array_index (monitor.seen, index);
  g_mutex_unlock (&monitor.lock);
  return notified;
}
