/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Keyring failures, each in its own process with a private session bus
 * (GTestDBus) and, where the test needs one, its own real gnome-keyring
 * daemon on that bus: the session's keyring is never locked or emptied
 * under the other tests. */

#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "ps-backup.h"
#include "ps-test-util.h"

typedef enum
{
  NO_DAEMON,
  DAEMON_WITHOUT_LOGIN_KEYRING,
  DAEMON_UNLOCKED,
  /* Unlocked, and aborting on its first warning (e.g. "couldn't create
   * system prompt"): a keyring that leaves the bus while prompting. */
  DAEMON_UNLOCKED_FRAGILE,
} SessionKind;

typedef struct
{
  GTestDBus   *bus;
  GSubprocess *daemon;
  char        *home;
} Session;

static gboolean
name_has_owner (const char *name)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, NULL);
  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  return owned;
}

static void
session_start (Session     *session,
               SessionKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *run = NULL;
  g_autofree char *config = NULL;

  session->home = g_dir_make_tmp ("peerside-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (session->home, "data", NULL);
  run = g_build_filename (session->home, "run", NULL);
  config = g_build_filename (session->home, "config", NULL);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (run, 0700);
  g_mkdir_with_parents (config, 0700);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", run, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("GNOME_KEYRING_CONTROL");

  /* A bus with no services at all, not even activatable ones. */
  session->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (session->bus);

  if (kind == NO_DAEMON)
    return;

  {
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    GOutputStream *in;
    gint64 deadline;

    /* Its control socket and files stay in the private home too. */
    launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                          G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
    g_subprocess_launcher_setenv (launcher, "HOME", session->home, TRUE);
    g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", session->home, TRUE);
    /* The test's own G_DEBUG=fatal-warnings would make it abort. */
    if (kind == DAEMON_UNLOCKED_FRAGILE)
      g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-warnings", TRUE);
    else
      g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
    if (kind != DAEMON_WITHOUT_LOGIN_KEYRING)
      session->daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                                     "--foreground", "--components=secrets",
                                                     "--unlock", NULL);
    else
      session->daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                                     "--foreground", "--components=secrets", NULL);
    g_assert_no_error (error);

    in = g_subprocess_get_stdin_pipe (session->daemon);
    if (kind != DAEMON_WITHOUT_LOGIN_KEYRING)
      g_output_stream_write_all (in, "test-password", 13, NULL, NULL, &error);
    g_assert_no_error (error);
    g_output_stream_close (in, NULL, NULL);

    deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (!name_has_owner ("org.freedesktop.secrets"))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_usleep (20000);
      }
  }
}

static void
session_stop (Session *session)
{
  /* libsecret's shared service holds the bus connection GTestDBus waits for. */
  secret_service_disconnect ();

  if (session->daemon != NULL)
    {
      g_subprocess_force_exit (session->daemon);
      g_subprocess_wait (session->daemon, NULL, NULL);
      g_clear_object (&session->daemon);
    }
  g_test_dbus_down (session->bus);
  g_clear_object (&session->bus);
  ps_remove_tree (session->home);
  g_clear_pointer (&session->home, g_free);
}

/* Opening @dir fails with @code and leaves every file as it was. */
static void
assert_open_fails (const char   *dir,
                   PsStoreError  code)
{
  g_autoptr(GHashTable) before = ps_test_snapshot (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = ps_test_open_async (dir, NULL, &error);

  g_assert_null (store);
  g_assert_error (error, PS_STORE_ERROR, (int)code);
  ps_test_assert_unchanged (before, dir);
}

static char *
make_existing_db (void)
{
  g_autofree char *dir = ps_test_make_data_dir ();
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;

  g_mkdir_with_parents (dir, 0700);
  store = ps_store_open_with_key (path, PS_TEST_KEY, TRUE, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static void
assert_first_run_fails (PsStoreError code)
{
  g_autofree char *dir = ps_test_make_data_dir ();
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = ps_test_open_async (dir, NULL, &error);

  g_assert_null (store);
  g_assert_error (error, PS_STORE_ERROR, (int)code);
  /* Without a stored key, no caseload is made. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GHashTable) left = ps_test_snapshot (dir);
    g_assert_cmpuint (g_hash_table_size (left), ==, 0);
  }
  ps_remove_tree (dir);
}

static void
run_no_service (void)
{
  Session session = { 0 };
  g_autofree char *dir = NULL;

  session_start (&session, NO_DAEMON);
  dir = make_existing_db ();
  assert_open_fails (dir, PS_STORE_ERROR_NO_SECRET_SERVICE);
  assert_first_run_fails (PS_STORE_ERROR_NO_SECRET_SERVICE);
  ps_remove_tree (dir);
  session_stop (&session);
}

static void
run_no_login_keyring (void)
{
  Session session = { 0 };
  g_autofree char *dir = NULL;

  session_start (&session, DAEMON_WITHOUT_LOGIN_KEYRING);
  /* gnome-keyring cannot prompt to create the login keyring: refused. */
  assert_first_run_fails (PS_STORE_ERROR_KEYRING_LOCKED);
  /* An existing caseload whose keyring is gone: its key is missing. */
  dir = make_existing_db ();
  assert_open_fails (dir, PS_STORE_ERROR_KEY_MISSING);
  ps_remove_tree (dir);
  session_stop (&session);
}

static char *
first_run (void)
{
  g_autofree char *dir = ps_test_make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = ps_test_open_async (dir, NULL, &error);
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Esme Mockup");
  g_autoptr(PsCase) kase = NULL;

  g_assert_no_error (error);
  kase = ps_store_create_case (store, fields, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static void
run_deleted_item (void)
{
  Session session = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = ps_key_vault_new_attributes ();

  session_start (&session, DAEMON_UNLOCKED);
  dir = first_run ();

  g_assert_true (secret_password_clearv_sync (ps_key_vault_get_schema (), attributes, NULL,
                                              &error));
  g_assert_no_error (error);
  assert_open_fails (dir, PS_STORE_ERROR_KEY_MISSING);
  /* And never a new key over it: still missing the second time. */
  assert_open_fails (dir, PS_STORE_ERROR_KEY_MISSING);

  ps_remove_tree (dir);
  session_stop (&session);
}

static void
lock_default_collection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  GList *objects;
  int n;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  n = secret_service_lock_sync (service, objects, NULL, NULL, &error);
  g_list_free (objects);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
}

static void
run_locked (void)
{
  Session session = { 0 };
  g_autofree char *dir = NULL;

  session_start (&session, DAEMON_UNLOCKED);
  dir = first_run ();
  lock_default_collection ();

  /* No prompter on this bus: gnome-keyring cannot show the unlock prompt
   * and completes it as dismissed. Well before the 120 s prompt limit. */
  assert_open_fails (dir, PS_STORE_ERROR_KEYRING_LOCKED);
  assert_first_run_fails (PS_STORE_ERROR_KEYRING_LOCKED);

  ps_remove_tree (dir);
  session_stop (&session);
}

static void
run_locked_daemon_dies (void)
{
  Session session = { 0 };
  g_autofree char *dir = NULL;

  session_start (&session, DAEMON_UNLOCKED_FRAGILE);
  dir = first_run ();
  lock_default_collection ();

  /* The daemon aborts while prompting: no Completed signal ever comes. */
  assert_open_fails (dir, PS_STORE_ERROR_KEYRING_LOCKED);
  g_assert_false (name_has_owner ("org.freedesktop.secrets"));

  ps_remove_tree (dir);
  session_stop (&session);
}

static void
run_unlocked_round_trip (void)
{
  Session session = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;

  session_start (&session, DAEMON_UNLOCKED);
  dir = first_run ();
  store = ps_test_open_async (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 1);
  g_clear_object (&store);

  ps_remove_tree (dir);
  session_stop (&session);
}

static gboolean
restore_with_vault (GFile           *backup,
                    const char      *dir,
                    PsRestoreFlags   flags,
                    char           **kept_path,
                    GError         **error)
{
  g_autoptr(PsKeyVault) vault = ps_key_vault_new ();
  g_autoptr(GAsyncResult) result = NULL;

  ps_backup_restore_async (backup, "backup passphrase", dir, vault, flags, NULL,
                           ps_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return ps_backup_restore_finish (result, kept_path, error);
}

/* A new computer: no caseload, no key. Restoring makes and stores the key;
 * the app then opens the caseload through the keyring as usual. An existing
 * caseload whose key is missing is left alone, unless the user chose to keep
 * it aside. */
static void
run_restore_new_machine (void)
{
  Session session = { 0 };
  g_autofree char *source_dir = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *orphan = NULL;
  g_autofree char *backup_path = NULL;
  g_autoptr(GFile) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Fay Travelling");
  g_autoptr(PsCase) kase = NULL;

  session_start (&session, DAEMON_UNLOCKED);

  store = ps_test_new_store (&source_dir);
  kase = ps_store_create_case (store, fields, &error);
  g_assert_no_error (error);
  backup_path = g_build_filename (source_dir, "backup", NULL);
  backup = g_file_new_for_path (backup_path);
  g_assert_true (ps_backup_export (store, backup, "backup passphrase", &error));
  g_clear_object (&store);

  orphan = make_existing_db ();
  {
    g_autoptr(GHashTable) before = ps_test_snapshot (orphan);

    g_autofree char *kept = NULL;
    g_autofree char *kept_name = NULL;
    g_autoptr(GHashTable) after = NULL;

    g_assert_false (restore_with_vault (backup, orphan, PS_RESTORE_REPLACE, NULL, &error));
    g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_KEY_MISSING);
    g_clear_error (&error);
    ps_test_assert_unchanged (before, orphan);

    /* Chosen on the "key is missing" page: the unreadable caseload is kept,
     * byte for byte, under another name, and the backup opens in its place
     * with a new key from the keyring. */
    g_assert_true (restore_with_vault (backup, orphan, PS_RESTORE_KEEP_CURRENT, &kept, &error));
    g_assert_no_error (error);
    g_assert_nonnull (kept);
    kept_name = g_path_get_basename (kept);
    g_assert_true (g_str_has_prefix (kept_name, "caseload-unreadable-"));
    g_assert_true (g_str_has_suffix (kept_name, ".db"));
    after = ps_test_snapshot (orphan);
    g_assert_cmpstr (g_hash_table_lookup (after, kept_name), ==,
                     g_hash_table_lookup (before, "caseload.db"));
    store = ps_test_open_async (orphan, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 1);
    g_clear_object (&store);
  }

  dir = ps_test_make_data_dir ();
  g_assert_true (restore_with_vault (backup, dir, PS_RESTORE_REPLACE, NULL, &error));
  g_assert_no_error (error);
  store = ps_test_open_async (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 1);
  g_clear_object (&store);

  ps_remove_tree (orphan);
  ps_remove_tree (dir);
  ps_remove_tree (source_dir);
  session_stop (&session);
}

typedef void (*Scenario) (void);

static void
test_in_subprocess (gconstpointer data)
{
  Scenario scenario = (Scenario)data;

  if (g_test_subprocess ())
    {
      scenario ();
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/keyring/no-secret-service", run_no_service, test_in_subprocess);
  g_test_add_data_func ("/keyring/no-login-keyring", run_no_login_keyring, test_in_subprocess);
  g_test_add_data_func ("/keyring/key-deleted", run_deleted_item, test_in_subprocess);
  g_test_add_data_func ("/keyring/locked-prompt-fails", run_locked, test_in_subprocess);
  g_test_add_data_func ("/keyring/locked-daemon-dies-while-prompting", run_locked_daemon_dies,
                        test_in_subprocess);
  g_test_add_data_func ("/keyring/private-daemon-round-trip", run_unlocked_round_trip,
                        test_in_subprocess);
  g_test_add_data_func ("/keyring/restore-on-new-machine", run_restore_new_machine,
                        test_in_subprocess);

  return g_test_run ();
}
