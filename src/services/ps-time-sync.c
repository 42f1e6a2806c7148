/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Whether the system vouches for its clock: systemd-timedated's
 * NTPSynchronized, read on the system bus at start and again whenever the
 * clock jumps or a new day begins (timedated is started on demand and does
 * not announce changes of that property). The answer goes to the clock,
 * where retention reads it (ps-retention.c). Without a system bus or
 * timedated, the clock is simply not vouched for. */

#include "config.h"

#include "ps-time-sync.h"

#define TIMEDATE_NAME  "org.freedesktop.timedate1"
#define TIMEDATE_PATH  "/org/freedesktop/timedate1"
#define TIMEDATE_IFACE "org.freedesktop.timedate1"

struct _PsTimeSync
{
  GObject          parent_instance;

  PsClock         *clock;
  GDBusConnection *bus;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (PsTimeSync, ps_time_sync, G_TYPE_OBJECT)

static void
got_property_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PsTimeSync) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No answer from timedated: %s", error->message);
      return;
    }
  g_variant_get (reply, "(v)", &value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    ps_clock_set_synchronized (self->clock, g_variant_get_boolean (value));
}

static void
ask (PsTimeSync *self)
{
  if (self->bus == NULL)
    return;
  g_dbus_connection_call (self->bus, TIMEDATE_NAME, TIMEDATE_PATH,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", TIMEDATE_IFACE, "NTPSynchronized"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 10000,
                          self->cancellable, got_property_cb, g_object_ref (self));
}

static void
bus_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PsTimeSync) self = user_data;
  g_autoptr(GError) error = NULL;

  self->bus = g_bus_get_finish (result, &error);
  if (self->bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus for timedated: %s", error->message);
      return;
    }
  ask (self);
}

static void
ps_time_sync_dispose (GObject *object)
{
  PsTimeSync *self = (PsTimeSync *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_object (&self->clock);
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (ps_time_sync_parent_class)->dispose (object);
}

static void
ps_time_sync_class_init (PsTimeSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ps_time_sync_dispose;
}

static void
ps_time_sync_init (PsTimeSync *self)
{
  self->cancellable = g_cancellable_new ();
}

PsTimeSync *
ps_time_sync_new (PsClock *clock)
{
  PsTimeSync *self;

  g_return_val_if_fail (PS_IS_CLOCK (clock), NULL);

  self = g_object_new (PS_TYPE_TIME_SYNC, NULL);
  self->clock = g_object_ref (clock);
  g_signal_connect_swapped (clock, "changed", G_CALLBACK (ask), self);
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, bus_cb, g_object_ref (self));
  return self;
}
