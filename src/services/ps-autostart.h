/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "Start at login", following the start-at-login setting: natively an
 * autostart entry $XDG_CONFIG_HOME/autostart/<app id>.desktop that runs
 * "peerside --hidden"; inside Flatpak a request to the background portal. */
#define PS_TYPE_AUTOSTART (ps_autostart_get_type ())
G_DECLARE_FINAL_TYPE (PsAutostart, ps_autostart, PS, AUTOSTART, GObject)

/* Applies the setting now and whenever it changes. */
PsAutostart *ps_autostart_new              (GSettings   *settings);

/* The native entry, for tests and for the app. */
char        *ps_autostart_get_desktop_path (void);
gboolean     ps_autostart_write_entry      (GError     **error);
gboolean     ps_autostart_remove_entry     (GError     **error);
gboolean     ps_autostart_in_flatpak       (void);

G_END_DECLS
