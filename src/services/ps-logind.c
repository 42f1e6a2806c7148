/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The one watcher of systemd-logind on the system bus, shared by the lock
 * monitor and the reminder service: "prepare-for-sleep" before a suspend
 * (TRUE) and after the resume (FALSE), the session's IdleHint, and a
 * "delay" sleep inhibitor that the lock monitor holds while the caseload is
 * open, so the suspend waits (logind's InhibitDelayMaxSec, 5 s by default)
 * until the key has left memory.
 *
 * Without a system bus or logind (a container), nothing is reported and
 * nothing is held. Tests point DBUS_SYSTEM_BUS_ADDRESS at a bus with a fake
 * logind. */

#include "config.h"

#include <unistd.h>

#include <gio/gunixfdlist.h>
#include <glib/gi18n.h>

#include "ps-logind.h"

#define LOGIND_NAME          "org.freedesktop.login1"
#define LOGIND_PATH          "/org/freedesktop/login1"
#define LOGIND_MANAGER_IFACE "org.freedesktop.login1.Manager"
#define LOGIND_SESSION_IFACE "org.freedesktop.login1.Session"

struct _PsLogind
{
  GObject          parent_instance;

  GCancellable    *cancellable;
  GDBusConnection *bus;
  char            *session_path;
  guint            sleep_id;
  guint            session_id;
  int              inhibit_fd;     /* -1: none held */
  gboolean         want_inhibit;
  gboolean         inhibiting;     /* a call is on its way */
  gboolean         idle_hint;
};

G_DEFINE_FINAL_TYPE (PsLogind, ps_logind, G_TYPE_OBJECT)

enum { PROP_0, PROP_IDLE_HINT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { PREPARE_FOR_SLEEP, N_SIGNALS };
static guint signals[N_SIGNALS];

static PsLogind *default_logind;

static void
set_idle_hint (PsLogind *self,
               gboolean  idle)
{
  if (self->idle_hint == !!idle)
    return;
  self->idle_hint = !!idle;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_HINT]);
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
  PsLogind *self = user_data;
  gboolean sleeping = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &sleeping);
  g_signal_emit (self, signals[PREPARE_FOR_SLEEP], 0, sleeping);
}

static void
session_changed_cb (GDBusConnection *connection,
                    const char      *sender_name,
                    const char      *object_path,
                    const char      *interface_name,
                    const char      *signal_name,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  PsLogind *self = user_data;
  g_autoptr(GVariant) changed = NULL;
  const char *iface;
  gboolean idle;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sa{sv}as)")))
    return;
  g_variant_get (parameters, "(&s@a{sv}@as)", &iface, &changed, NULL);
  if (g_str_equal (iface, LOGIND_SESSION_IFACE) &&
      g_variant_lookup (changed, "IdleHint", "b", &idle))
    set_idle_hint (self, idle);
}

static void
idle_hint_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PsLogind) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);
  if (reply == NULL)
    return;
  g_variant_get (reply, "(v)", &value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    set_idle_hint (self, g_variant_get_boolean (value));
}

static void
session_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PsLogind) self = user_data;
  g_autoptr(GVariant) reply = NULL;

  /* Not in a logind session (a container, ssh): no idle hint. */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);
  if (reply == NULL || self->bus == NULL)
    return;
  g_variant_get (reply, "(o)", &self->session_path);
  self->session_id =
    g_dbus_connection_signal_subscribe (self->bus, LOGIND_NAME, "org.freedesktop.DBus.Properties",
                                        "PropertiesChanged", self->session_path, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, session_changed_cb, self, NULL);
  g_dbus_connection_call (self->bus, LOGIND_NAME, self->session_path,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", LOGIND_SESSION_IFACE, "IdleHint"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          idle_hint_cb, g_object_ref (self));
}

static void take_inhibitor (PsLogind *self);

static void
bus_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(PsLogind) self = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);

  if (bus == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  self->bus = g_steal_pointer (&bus);
  self->sleep_id =
    g_dbus_connection_signal_subscribe (self->bus, LOGIND_NAME, LOGIND_MANAGER_IFACE,
                                        "PrepareForSleep", LOGIND_PATH, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, prepare_for_sleep_cb,
                                        self, NULL);
  g_dbus_connection_call (self->bus, LOGIND_NAME, LOGIND_PATH, LOGIND_MANAGER_IFACE,
                          "GetSessionByPID", g_variant_new ("(u)", (guint32) getpid ()),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          session_cb, g_object_ref (self));
  if (self->want_inhibit)
    take_inhibitor (self);
}

static void
inhibit_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PsLogind) self = user_data;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  self->inhibiting = FALSE;
  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (object), &fds,
                                                           result, &error);
  if (reply == NULL || fds == NULL || g_unix_fd_list_get_length (fds) < 1)
    {
      if (error != NULL)
        g_debug ("No sleep inhibitor: %s", error->message);
      return;
    }
  fd = g_unix_fd_list_get (fds, 0, NULL);
  if (!self->want_inhibit || self->inhibit_fd >= 0)
    {
      /* Released (or taken twice) while the call was on its way. */
      if (fd >= 0)
        close (fd);
      return;
    }
  self->inhibit_fd = fd;
}

static void
take_inhibitor (PsLogind *self)
{
  if (self->bus == NULL || self->inhibit_fd >= 0 || self->inhibiting)
    return;
  self->inhibiting = TRUE;
  g_dbus_connection_call_with_unix_fd_list (self->bus, LOGIND_NAME, LOGIND_PATH,
                                            LOGIND_MANAGER_IFACE, "Inhibit",
                                            g_variant_new ("(ssss)", "sleep", "Peerside",
                                                           _("Locking the caseload"), "delay"),
                                            G_VARIANT_TYPE ("(h)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                            NULL, self->cancellable, inhibit_cb,
                                            g_object_ref (self));
}

/* While held, a suspend waits for ps_logind_release_sleep (or logind's
 * time limit). */
void
ps_logind_inhibit_sleep (PsLogind *self)
{
  g_return_if_fail (PS_IS_LOGIND (self));

  self->want_inhibit = TRUE;
  take_inhibitor (self);
}

void
ps_logind_release_sleep (PsLogind *self)
{
  g_return_if_fail (PS_IS_LOGIND (self));

  self->want_inhibit = FALSE;
  if (self->inhibit_fd >= 0)
    {
      close (self->inhibit_fd);
      self->inhibit_fd = -1;
    }
}

gboolean
ps_logind_get_idle_hint (PsLogind *self)
{
  g_return_val_if_fail (PS_IS_LOGIND (self), FALSE);
  return self->idle_hint;
}

static void
ps_logind_dispose (GObject *object)
{
  PsLogind *self = (PsLogind *)object;

  g_cancellable_cancel (self->cancellable);
  ps_logind_release_sleep (self);
  if (self->bus != NULL)
    {
      if (self->sleep_id != 0)
        g_dbus_connection_signal_unsubscribe (self->bus, self->sleep_id);
      if (self->session_id != 0)
        g_dbus_connection_signal_unsubscribe (self->bus, self->session_id);
    }
  self->sleep_id = self->session_id = 0;
  g_clear_object (&self->bus);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ps_logind_parent_class)->dispose (object);
}

static void
ps_logind_finalize (GObject *object)
{
  PsLogind *self = (PsLogind *)object;

  g_clear_pointer (&self->session_path, g_free);
  if (default_logind == self)
    default_logind = NULL;

  G_OBJECT_CLASS (ps_logind_parent_class)->finalize (object);
}

static void
ps_logind_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PsLogind *self = PS_LOGIND (object);

  switch (prop_id)
    {
    case PROP_IDLE_HINT:
      g_value_set_boolean (value, self->idle_hint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_logind_class_init (PsLogindClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_logind_dispose;
  object_class->finalize = ps_logind_finalize;
  object_class->get_property = ps_logind_get_property;

  /* The desktop says the user has been away (its own idle delay). */
  properties[PROP_IDLE_HINT] =
    g_param_spec_boolean ("idle-hint", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PREPARE_FOR_SLEEP] = g_signal_new ("prepare-for-sleep", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
ps_logind_init (PsLogind *self)
{
  self->inhibit_fd = -1;
  self->cancellable = g_cancellable_new ();
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, bus_cb, g_object_ref (self));
}

/* One per process, alive while someone holds it. */
PsLogind *
ps_logind_dup_default (void)
{
  if (default_logind != NULL)
    return g_object_ref (default_logind);
  default_logind = g_object_new (PS_TYPE_LOGIND, NULL);
  return default_logind;
}
