/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Locks the caseload — closes the store, so its key leaves memory — after
 * the idle minutes of the `lock-after-idle-minutes` setting without input in
 * a Peerside window, when the screen locks, and before the computer sleeps.
 * Idle time is kept with the context's clock; one timer is armed for the
 * moment the idle limit would be reached, so an idle Peerside wakes at most
 * once per limit, not every minute. */

#include "config.h"

#include "ps-lock-monitor.h"

struct _PsLockMonitor
{
  GObject          parent_instance;

  PsContext       *context;
  GDateTime       *last_activity;   /* UTC, by the context's clock */
  GDBusConnection *system_bus;
  guint            sleep_watch;
  guint            timeout_id;
};

G_DEFINE_FINAL_TYPE (PsLockMonitor, ps_lock_monitor, G_TYPE_OBJECT)

static guint
idle_limit_minutes (PsLockMonitor *self)
{
  return g_settings_get_int (ps_context_get_settings (self->context), "lock-after-idle-minutes");
}

void
ps_lock_monitor_lock (PsLockMonitor *self)
{
  g_return_if_fail (PS_IS_LOCK_MONITOR (self));

  /* The demo's key lives only in memory: locking would lose it for good. */
  if (ps_context_is_demo (self->context) ||
      ps_context_get_status (self->context) != PS_CONTEXT_READY)
    return;

  ps_context_close (self->context, PS_CONTEXT_LOCKED);
}

static gboolean timeout_cb (gpointer user_data);

static void
arm_timer (PsLockMonitor *self)
{
  guint limit = idle_limit_minutes (self);
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan left;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (limit == 0 || ps_context_get_status (self->context) != PS_CONTEXT_READY)
    return;

  now = ps_clock_get_now_utc (ps_context_get_clock (self->context));
  left = limit * G_TIME_SPAN_MINUTE - g_date_time_difference (now, self->last_activity);
  self->timeout_id = g_timeout_add_seconds (MAX (1, (guint) (left / G_TIME_SPAN_SECOND) + 1),
                                            timeout_cb, self);
}

gboolean
ps_lock_monitor_check_idle (PsLockMonitor *self)
{
  g_autoptr(GDateTime) now = NULL;
  guint limit;

  g_return_val_if_fail (PS_IS_LOCK_MONITOR (self), FALSE);

  limit = idle_limit_minutes (self);
  now = ps_clock_get_now_utc (ps_context_get_clock (self->context));
  if (limit > 0 && ps_context_get_status (self->context) == PS_CONTEXT_READY &&
      g_date_time_difference (now, self->last_activity) >= limit * G_TIME_SPAN_MINUTE)
    {
      ps_lock_monitor_lock (self);
      return TRUE;
    }
  arm_timer (self);
  return FALSE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  PsLockMonitor *self = user_data;

  self->timeout_id = 0;
  ps_lock_monitor_check_idle (self);
  return G_SOURCE_REMOVE;
}

/* Input in a Peerside window: cheap, called for every event. */
void
ps_lock_monitor_poke (PsLockMonitor *self)
{
  g_return_if_fail (PS_IS_LOCK_MONITOR (self));

  g_clear_pointer (&self->last_activity, g_date_time_unref);
  self->last_activity = ps_clock_get_now_utc (ps_context_get_clock (self->context));
  if (self->timeout_id == 0)
    arm_timer (self);
}

void
ps_lock_monitor_set_screensaver_active (PsLockMonitor *self,
                                        gboolean       active)
{
  g_return_if_fail (PS_IS_LOCK_MONITOR (self));

  if (active)
    ps_lock_monitor_lock (self);
}

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  PsLockMonitor *self = user_data;
  gboolean sleeping = FALSE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &sleeping);
  if (sleeping)
    ps_lock_monitor_lock (self);
}

static void
status_changed_cb (PsLockMonitor *self)
{
  /* Opened or unlocked: the idle time starts again. */
  ps_lock_monitor_poke (self);
}

static void
ps_lock_monitor_dispose (GObject *object)
{
  PsLockMonitor *self = (PsLockMonitor *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->sleep_watch != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_watch);
  self->sleep_watch = 0;
  g_clear_object (&self->system_bus);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_lock_monitor_parent_class)->dispose (object);
}

static void
ps_lock_monitor_finalize (GObject *object)
{
  PsLockMonitor *self = (PsLockMonitor *)object;

  g_clear_pointer (&self->last_activity, g_date_time_unref);

  G_OBJECT_CLASS (ps_lock_monitor_parent_class)->finalize (object);
}

static void
ps_lock_monitor_class_init (PsLockMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_lock_monitor_dispose;
  object_class->finalize = ps_lock_monitor_finalize;
}

static void
ps_lock_monitor_init (PsLockMonitor *self)
{
}

PsLockMonitor *
ps_lock_monitor_new (PsContext *context)
{
  PsLockMonitor *self;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  self = g_object_new (PS_TYPE_LOCK_MONITOR, NULL);
  self->context = g_object_ref (context);
  self->last_activity = ps_clock_get_now_utc (ps_context_get_clock (context));

  g_signal_connect_object (context, "notify::status",
                           G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_context_get_settings (context), "changed::lock-after-idle-minutes",
                           G_CALLBACK (arm_timer), self, G_CONNECT_SWAPPED);

  /* Without a system bus (a container, a test) there is no suspend to watch. */
  self->system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  if (self->system_bus != NULL)
    self->sleep_watch = g_dbus_connection_signal_subscribe (self->system_bus,
                                                            "org.freedesktop.login1",
                                                            "org.freedesktop.login1.Manager",
                                                            "PrepareForSleep",
                                                            "/org/freedesktop/login1",
                                                            NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                            prepare_for_sleep_cb, self, NULL);
  arm_timer (self);
  return self;
}
