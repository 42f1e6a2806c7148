/* SPDX-License-Identifier: GPL-3.0-or-later */

/* "Start at login" writes and removes the XDG autostart entry, following the
 * setting, and the entry is a valid desktop file. */

#include "config.h"

#include <glib/gstdio.h>

#include "ps-autostart.h"
#include "reminder-fixture.h"

static char *config_dir;

static gboolean
wait_for_file (const char *path,
               gboolean    exists)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  while (g_file_test (path, G_FILE_TEST_EXISTS) != exists &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return g_file_test (path, G_FILE_TEST_EXISTS) == exists;
}

static void
test_follows_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(PsAutostart) autostart = NULL;
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ps_autostart_get_desktop_path ();
  g_autofree char *expected = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *validator = g_find_program_in_path ("desktop-file-validate");

  expected = g_build_filename (config_dir, "autostart", APP_ID ".desktop", NULL);
  g_assert_cmpstr (path, ==, expected);

  g_settings_reset (settings, "start-at-login");
  autostart = ps_autostart_new (settings);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (settings, "start-at-login", TRUE);
  g_assert_true (wait_for_file (path, TRUE));

  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "peerside --hidden");
  g_assert_true (g_key_file_get_boolean (entry, "Desktop Entry", "X-GNOME-Autostart-enabled",
                                         &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_get_boolean (entry, "Desktop Entry", "NoDisplay", &error));
  g_assert_no_error (error);

  if (validator != NULL)
    {
      const char *argv[] = { validator, path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("desktop-file-validate: %s%s", out, err);
    }
  else
    g_test_message ("desktop-file-validate not found: the entry was not validated");

  g_settings_set_boolean (settings, "start-at-login", FALSE);
  g_assert_true (wait_for_file (path, FALSE));

  /* Started again with the setting on (it changed while we were not running). */
  g_clear_object (&autostart);
  g_settings_set_boolean (settings, "start-at-login", TRUE);
  g_assert_true (wait_for_file (path, FALSE));
  autostart = ps_autostart_new (settings);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_reset (settings, "start-at-login");
  g_assert_true (wait_for_file (path, FALSE));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before GLib reads and caches XDG_CONFIG_HOME. */
  config_dir = g_dir_make_tmp ("peerside-autostart-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (ps_autostart_in_flatpak ())
    {
      g_test_skip ("Inside Flatpak the background portal is used");
      return g_test_run ();
    }
  g_test_add_func ("/reminders/autostart/follows-setting", test_follows_setting);

  status = g_test_run ();
  ps_remove_tree (config_dir);
  g_free (config_dir);
  return status;
}
