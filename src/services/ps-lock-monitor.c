/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Locks the caseload — closes the store, so its key leaves memory, and
 * locks the key's own keyring if it has one — after the idle minutes of the
 * `lock-after-idle-minutes` setting without input in a Peerside window,
 * when the desktop says the session is idle (logind's IdleHint), when the
 * screen locks (org.gnome.ScreenSaver, org.freedesktop.ScreenSaver or
 * GTK's screensaver-active) and before the computer sleeps.
 *
 * Idle time is measured on the clock's monotonic time, which setting the
 * wall clock does not move; one timer is armed for the moment the idle
 * limit would be reached, so an idle Peerside wakes at most once per limit.
 *
 * While the caseload is open a logind "delay" sleep inhibitor is held: a
 * suspend waits until the caseload is locked, then the inhibitor goes.
 *
 * A conversation on show holds the idle lock off (ps_lock_monitor_hold):
 * the supporter is on the phone, not at the keyboard, and the crisis lines
 * must not go behind a lock mid-call. Screen lock and sleep still lock. */

#include "config.h"

#include "ps-lock-monitor.h"
#include "ps-logind.h"

struct _PsLockMonitor
{
  GObject          parent_instance;

  PsContext       *context;
  PsLogind        *logind;
  GCancellable    *cancellable;
  GDBusConnection *session_bus;
  guint            screensaver_ids[2];
  gint64           last_activity;   /* the clock's monotonic time */
  gint64           held_until;      /* idle counts from then at the earliest */
  guint            timeout_id;
};

G_DEFINE_FINAL_TYPE (PsLockMonitor, ps_lock_monitor, G_TYPE_OBJECT)

static guint
idle_limit_minutes (PsLockMonitor *self)
{
  return g_settings_get_int (ps_context_get_settings (self->context), "lock-after-idle-minutes");
}

/* Monotonic µs without input, a hold counting as input until it ends. */
static gint64
idle_time (PsLockMonitor *self)
{
  gint64 now = ps_clock_get_monotonic (ps_context_get_clock (self->context));

  return now - MAX (self->last_activity, self->held_until);
}

static gboolean
held (PsLockMonitor *self)
{
  return idle_time (self) < 0;
}

static void
keyring_locked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PsLockMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ps_key_vault_lock_finish (PS_KEY_VAULT (object), result, &error))
    g_debug ("Locking the caseload's keyring: %s", error->message);

  /* Locked for good: a suspend may go on. */
  if (ps_context_get_status (self->context) != PS_CONTEXT_READY)
    ps_logind_release_sleep (self->logind);
}

void
ps_lock_monitor_lock (PsLockMonitor *self)
{
  g_return_if_fail (PS_IS_LOCK_MONITOR (self));

  if (ps_context_get_status (self->context) != PS_CONTEXT_READY)
    return;

  ps_context_close (self->context, PS_CONTEXT_LOCKED);
  ps_key_vault_lock_async (ps_context_get_key_vault (self->context), NULL,
                           keyring_locked_cb, g_object_ref (self));
}

static gboolean timeout_cb (gpointer user_data);

static void
arm_timer (PsLockMonitor *self)
{
  guint limit = idle_limit_minutes (self);
  gint64 left;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (limit == 0 || ps_context_get_status (self->context) != PS_CONTEXT_READY)
    return;

  left = limit * G_TIME_SPAN_MINUTE - idle_time (self);
  self->timeout_id = g_timeout_add (MAX (1, left / 1000 + 1), timeout_cb, self);
}

gboolean
ps_lock_monitor_check_idle (PsLockMonitor *self)
{
  guint limit;
  gint64 idle;

  g_return_val_if_fail (PS_IS_LOCK_MONITOR (self), FALSE);

  limit = idle_limit_minutes (self);
  idle = idle_time (self);
  if (limit > 0 && ps_context_get_status (self->context) == PS_CONTEXT_READY &&
      idle >= limit * G_TIME_SPAN_MINUTE)
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

  self->last_activity = ps_clock_get_monotonic (ps_context_get_clock (self->context));
  if (self->timeout_id == 0)
    arm_timer (self);
}

/* No idle lock until @until (the clock's monotonic time); then idle time
 * counts from @until. 0: no hold, idle counting from now. */
void
ps_lock_monitor_hold (PsLockMonitor *self,
                      gint64         until)
{
  g_return_if_fail (PS_IS_LOCK_MONITOR (self));

  self->held_until = until;
  if (until == 0)
    self->last_activity = ps_clock_get_monotonic (ps_context_get_clock (self->context));
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

/* From any sender: a forged ActiveChanged(true) can only lock. */
static void
screensaver_active_cb (GDBusConnection *connection,
                       const char      *sender_name,
                       const char      *object_path,
                       const char      *interface_name,
                       const char      *signal_name,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  gboolean active = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &active);
  ps_lock_monitor_set_screensaver_active (PS_LOCK_MONITOR (user_data), active);
}

static void
session_bus_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PsLockMonitor) self = user_data;
  static const char *ifaces[] = { "org.gnome.ScreenSaver", "org.freedesktop.ScreenSaver" };

  self->session_bus = g_bus_get_finish (result, NULL);
  if (self->session_bus == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (ifaces); i++)
    self->screensaver_ids[i] =
      g_dbus_connection_signal_subscribe (self->session_bus, NULL, ifaces[i], "ActiveChanged",
                                          NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                          screensaver_active_cb, self, NULL);
}

static void
prepare_for_sleep_cb (PsLockMonitor *self,
                      gboolean       sleeping)
{
  if (sleeping)
    ps_lock_monitor_lock (self);
}

static void
idle_hint_cb (PsLockMonitor *self)
{
  if (ps_logind_get_idle_hint (self->logind) && idle_limit_minutes (self) > 0 && !held (self))
    ps_lock_monitor_lock (self);
}

static void
status_changed_cb (PsLockMonitor *self)
{
  /* Opened or unlocked: the idle time starts again, and a suspend waits
   * for the lock. */
  if (ps_context_get_status (self->context) == PS_CONTEXT_READY)
    ps_logind_inhibit_sleep (self->logind);
  ps_lock_monitor_poke (self);
}

static void
ps_lock_monitor_dispose (GObject *object)
{
  PsLockMonitor *self = (PsLockMonitor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->screensaver_ids); i++)
    if (self->screensaver_ids[i] != 0)
      {
        g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_ids[i]);
        self->screensaver_ids[i] = 0;
      }
  g_clear_object (&self->session_bus);
  if (self->logind != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->logind, self);
      ps_logind_release_sleep (self->logind);
    }
  g_clear_object (&self->logind);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_lock_monitor_parent_class)->dispose (object);
}

static void
ps_lock_monitor_class_init (PsLockMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_lock_monitor_dispose;
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
  self->cancellable = g_cancellable_new ();
  self->last_activity = ps_clock_get_monotonic (ps_context_get_clock (context));
  self->logind = ps_logind_dup_default ();

  g_signal_connect_object (context, "notify::status",
                           G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_context_get_settings (context), "changed::lock-after-idle-minutes",
                           G_CALLBACK (arm_timer), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->logind, "prepare-for-sleep",
                            G_CALLBACK (prepare_for_sleep_cb), self);
  g_signal_connect_swapped (self->logind, "notify::idle-hint", G_CALLBACK (idle_hint_cb), self);
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, session_bus_cb, g_object_ref (self));

  if (ps_context_get_status (context) == PS_CONTEXT_READY)
    ps_logind_inhibit_sleep (self->logind);
  arm_timer (self);
  return self;
}
