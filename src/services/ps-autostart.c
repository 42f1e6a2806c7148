/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Start at login. Natively: an XDG autostart entry. In Flatpak the sandbox
 * cannot write one that works, so the background portal is asked instead
 * (org.freedesktop.portal.Background.RequestBackground), over GDBus: Debian
 * 12 has no libportal-gtk4. */

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ps-autostart.h"

struct _PsAutostart
{
  GObject       parent_instance;

  GSettings    *settings;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (PsAutostart, ps_autostart, G_TYPE_OBJECT)

#define PORTAL_BUS_NAME     "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH  "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND   "org.freedesktop.portal.Background"
#define PORTAL_REQUEST      "org.freedesktop.portal.Request"

gboolean
ps_autostart_in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

char *
ps_autostart_get_desktop_path (void)
{
  g_autofree char *name = g_strconcat (APP_ID, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

gboolean
ps_autostart_write_entry (GError **error)
{
  g_autofree char *path = ps_autostart_get_desktop_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the autostart folder: %s"), g_strerror (errsv));
      return FALSE;
    }

  text = g_strdup_printf ("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Peerside\n"
                          "Comment=%s\n"
                          "Exec=peerside --hidden\n"
                          "Icon=%s\n"
                          "Terminal=false\n"
                          "NoDisplay=true\n"
                          "X-GNOME-Autostart-enabled=true\n",
                          _("Shows reminders of your peer support schedule"),
                          APP_ID);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
ps_autostart_remove_entry (GError **error)
{
  g_autofree char *path = ps_autostart_get_desktop_path ();

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not remove the autostart entry: %s"), g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

/* The background portal ------------------------------------------------ */

typedef struct
{
  GDBusConnection *bus;
  guint            subscription;
} PortalRequest;

static void
portal_request_free (PortalRequest *request)
{
  if (request->subscription != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
  g_clear_object (&request->bus);
  g_free (request);
}

static void
portal_response_cb (GDBusConnection *bus,
                    const char      *sender_name,
                    const char      *object_path,
                    const char      *interface_name,
                    const char      *signal_name,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  PortalRequest *request = user_data;
  g_autoptr(GVariant) results = NULL;
  guint32 response = 2;
  gboolean autostart = FALSE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    {
      g_variant_get (parameters, "(u@a{sv})", &response, &results);
      g_variant_lookup (results, "autostart", "b", &autostart);
    }
  /* 0: granted; 1: the user said no; 2: failed. Nothing to show either way:
   * the preferences keep the switch, and the portal remembers the choice. */
  g_debug ("Background portal answered %u (autostart %s)", response, autostart ? "on" : "off");

  portal_request_free (request);
}

static void
portal_call_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PortalRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object),
                                                             result, &error);

  if (reply == NULL)
    {
      g_debug ("Background portal unavailable: %s", error->message);
      portal_request_free (request);
    }
}

/* The request's object path is known in advance (from the sender name and
 * our token), so the Response signal is subscribed to before the call and
 * cannot be missed. */
static void
request_background (PsAutostart *self,
                    gboolean     autostart)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  const char *commandline[] = { "peerside", "--hidden", NULL };
  GVariantBuilder options;
  PortalRequest *request;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return;

  token = g_strdup_printf ("peerside%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);

  request = g_new0 (PortalRequest, 1);
  request->bus = g_object_ref (bus);
  request->subscription =
    g_dbus_connection_signal_subscribe (bus, PORTAL_BUS_NAME, PORTAL_REQUEST, "Response",
                                        handle, NULL, G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                        portal_response_cb, request, NULL);
  /* NO_MATCH_RULE above, so add the match ourselves: one rule, exactly this path. */
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "AddMatch",
                          g_variant_new_take_string (
                            g_strdup_printf ("type='signal',sender='" PORTAL_BUS_NAME "',"
                                             "interface='" PORTAL_REQUEST "',member='Response',"
                                             "path='%s'", handle)),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Show reminders of your peer support "
                                                 "schedule when Peerside is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dnd-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_BACKGROUND,
                          "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, portal_call_cb, request);
}

/* Following the setting ------------------------------------------------- */

static void
apply (PsAutostart *self,
       gboolean     from_change)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "start-at-login");
  g_autoptr(GError) error = NULL;

  if (ps_autostart_in_flatpak ())
    {
      /* Asking when nothing changed and it is off would prompt for nothing. */
      if (enabled || from_change)
        request_background (self, enabled);
      return;
    }

  if (!(enabled ? ps_autostart_write_entry (&error) : ps_autostart_remove_entry (&error)))
    g_message ("%s", error->message);
}

static void
start_at_login_changed_cb (PsAutostart *self)
{
  apply (self, TRUE);
}

static void
ps_autostart_dispose (GObject *object)
{
  PsAutostart *self = (PsAutostart *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ps_autostart_parent_class)->dispose (object);
}

static void
ps_autostart_class_init (PsAutostartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_autostart_dispose;
}

static void
ps_autostart_init (PsAutostart *self)
{
  self->cancellable = g_cancellable_new ();
}

PsAutostart *
ps_autostart_new (GSettings *settings)
{
  PsAutostart *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PS_TYPE_AUTOSTART, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed::start-at-login",
                            G_CALLBACK (start_at_login_changed_cb), self);
  apply (self, FALSE);
  return self;
}
