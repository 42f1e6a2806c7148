/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The caseload key in a keyring of its own: gnome-keyring's own prompt
 * (gcr-prompter, a real window on the test's X server) asks for the new
 * password, locking Peerside locks the keyring, and opening the caseload
 * again asks for that password — a person at the desk who does not know it
 * gets nothing. Keys are typed into the prompt with xdotool.
 *
 * A private bus with its own gnome-keyring daemon: the session's keyring,
 * which the other tests share, is never moved or locked. */

#include "config.h"

#include <glib/gstdio.h>

#include "ps-context.h"
#include "ps-test-util.h"

#define PROMPTER_SERVICE "/usr/share/dbus-1/services/org.gnome.keyring.SystemPrompter.service"
#define OWN_PASSWORD     "desk-secret-42"

/* The X display, kept: GTestDBus unsets DISPLAY for the whole process. */
static char *test_display;

typedef struct
{
  GTestDBus   *bus;
  GSubprocess *daemon;
  char        *home;
} Session;

static void
session_start (Session *session)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *services = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *service_copy = NULL;
  GOutputStream *in;

  session->home = g_dir_make_tmp ("peerside-protect-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      static const char *dirs[] = { "data", "run", "config", "services" };
      g_autofree char *path = g_build_filename (session->home, dirs[i], NULL);

      g_mkdir_with_parents (path, 0700);
    }
  g_setenv ("XDG_DATA_HOME", g_build_filename (session->home, "data", NULL), TRUE);
  g_setenv ("XDG_RUNTIME_DIR", g_build_filename (session->home, "run", NULL), TRUE);
  g_setenv ("XDG_CONFIG_HOME", g_build_filename (session->home, "config", NULL), TRUE);
  g_unsetenv ("GNOME_KEYRING_CONTROL");

  /* Only the prompter can be started on this bus. */
  services = g_build_filename (session->home, "services", NULL);
  g_file_get_contents (PROMPTER_SERVICE, &contents, NULL, &error);
  g_assert_no_error (error);
  service_copy = g_build_filename (services, "org.gnome.keyring.SystemPrompter.service", NULL);
  g_file_set_contents (service_copy, contents, -1, &error);
  g_assert_no_error (error);

  /* GTestDBus unsets DISPLAY; the prompter and xdotool need it. */
  g_setenv ("DISPLAY", test_display, TRUE);
  session->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (session->bus, services);
  g_test_dbus_up (session->bus);
  g_setenv ("DISPLAY", test_display, TRUE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", session->home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", session->home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  session->daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                                 "--foreground", "--components=secrets",
                                                 "--unlock", NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (session->daemon);
  g_output_stream_write_all (in, "test-password", 13, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, NULL);

  {
    g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    g_assert_no_error (error);
    for (;;)
      {
        g_autoptr(GVariant) reply =
          g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), 0, -1, NULL, NULL);
        gboolean owned = FALSE;

        if (reply != NULL)
          g_variant_get (reply, "(b)", &owned);
        if (owned)
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_usleep (20000);
      }
  }
}

static void
session_stop (Session *session)
{
  /* Unsubscribed signals drop their references from an idle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  secret_service_disconnect ();
  g_subprocess_force_exit (session->daemon);
  g_subprocess_wait (session->daemon, NULL, NULL);
  g_clear_object (&session->daemon);
  g_test_dbus_down (session->bus);
  g_clear_object (&session->bus);
  ps_remove_tree (session->home);
  g_clear_pointer (&session->home, g_free);
}

/* The prompt, answered by key presses ---------------------------------- */

typedef enum
{
  ANSWER_NEW_PASSWORD,   /* password, Tab, the same again, Enter */
  ANSWER_PASSWORD,       /* password, "automatically unlock" unticked, Enter */
  ANSWER_PASSWORD_AS_IS, /* password, Enter: "automatically unlock" left ticked */
  ANSWER_ESCAPE,         /* someone without the password: Escape */
} Answer;

static gboolean
xdotool (const char * const *argv,
         char              **out)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  gboolean ok;

  g_ptr_array_add (args, (gpointer)"xdotool");
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer)argv[i]);
  g_ptr_array_add (args, NULL);
  ok = g_spawn_sync (NULL, (char **)args->pdata, NULL, G_SPAWN_SEARCH_PATH |
                     (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0) |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, out, NULL, &status, &error) &&
       g_spawn_check_wait_status (status, &error);
  if (!ok && out == NULL)
    g_test_message ("xdotool %s: %s", argv[0], error->message);
  return ok;
}

static void
type (const char *text)
{
  const char *argv[] = { "type", "--delay", "20", text, NULL };

  g_assert_true (xdotool (argv, NULL));
}

/* @keys: key names separated by spaces, pressed in turn. */
static void
key (const char *keys)
{
  g_autofree char *line = g_strconcat ("key --delay 100 ", keys, NULL);
  g_auto(GStrv) argv = g_strsplit (line, " ", -1);

  g_assert_true (xdotool ((const char * const *)argv, NULL));
}

/* Runs in a thread while the main context runs the keyring call: waits for
 * the prompter's window, answers it, and returns whether one was shown. */
static gpointer
answer_prompt (gpointer data)
{
  Answer answer = GPOINTER_TO_INT (data);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  const char *search[] = { "search", "--onlyvisible", "--classname", "gcr-prompter", NULL };
  gboolean shown = FALSE;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *out = NULL;

      if (xdotool (search, &out) && out != NULL && out[0] != '\0')
        {
          shown = TRUE;
          break;
        }
      g_usleep (100000);
    }
  g_test_message ("prompt shown: %d, answer %d", shown, answer);
  if (!shown)
    return GINT_TO_POINTER (FALSE);

  /* The prompter grabs the keyboard once it is drawn. */
  g_usleep (700000);
  switch (answer)
    {
    case ANSWER_NEW_PASSWORD:
      type (OWN_PASSWORD);
      key ("Tab");
      type (OWN_PASSWORD);
      key ("Return");
      break;
    case ANSWER_PASSWORD:
      type (OWN_PASSWORD);
      key ("Tab space shift+Tab Return");
      break;
    case ANSWER_PASSWORD_AS_IS:
      type (OWN_PASSWORD);
      key ("Return");
      break;
    case ANSWER_ESCAPE:
    default:
      key ("Escape");
      break;
    }
  return GINT_TO_POINTER (TRUE);
}

static GThread *
expect_prompt (Answer answer)
{
  return g_thread_new ("prompt", answer_prompt, GINT_TO_POINTER (answer));
}

static void
assert_prompt_shown (GThread *thread)
{
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
}

static gboolean
run_bool (void (*start) (PsKeyVault *, GCancellable *, GAsyncReadyCallback, gpointer),
          gboolean (*finish) (PsKeyVault *, GAsyncResult *, GError **),
          PsKeyVault  *vault,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  start (vault, NULL, ps_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return finish (vault, result, error);
}

/* With gcr-prompter and a display, a private keyring session and a data
 * folder; otherwise the test is skipped. */
static gboolean
begin (Session  *session,
       char    **dir)
{
  if (!g_file_test (PROMPTER_SERVICE, G_FILE_TEST_EXISTS) || test_display == NULL)
    {
      g_test_skip ("gcr-prompter or an X display is missing");
      return FALSE;
    }
  session_start (session);
  *dir = ps_test_make_data_dir ();
  return TRUE;
}

/* The key moves to a keyring of its own: gnome-keyring asks for its new
 * password. */
static void
protect (PsKeyVault *vault)
{
  g_autoptr(GError) error = NULL;
  GThread *prompt = expect_prompt (ANSWER_NEW_PASSWORD);

  g_assert_true (run_bool (ps_key_vault_protect_async, ps_key_vault_protect_finish, vault,
                           &error));
  g_assert_no_error (error);
  assert_prompt_shown (prompt);
}

/* Opening asks for the keyring's password; someone at the desk without it
 * (Escape) gets nothing. */
static void
assert_locked_out (const char *dir,
                   PsKeyVault *vault)
{
  g_autoptr(PsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GThread *prompt = expect_prompt (ANSWER_ESCAPE);

  store = ps_test_open_async (dir, vault, &error);
  assert_prompt_shown (prompt);
  g_assert_null (store);
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_KEYRING_LOCKED);
}

/* Every stored copy of the key, by collection. */
static GStrv
key_collections (void)
{
  g_autoptr(GHashTable) attributes = ps_key_vault_new_attributes ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  items = secret_service_search_sync (service, ps_key_vault_get_schema (), attributes,
                                      SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autofree char *dir = g_path_get_dirname (g_dbus_proxy_get_object_path (l->data));

      g_strv_builder_add (builder, dir);
    }
  g_list_free_full (items, g_object_unref);
  return g_strv_builder_end (builder);
}

static void
test_own_keyring (void)
{
  Session session = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(PsKeyVault) vault = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Orla Fictitious");
  g_autoptr(PsCase) kase = NULL;
  g_auto(GStrv) where = NULL;
  g_autoptr(GError) error = NULL;
  GThread *prompt;

  if (!begin (&session, &dir))
    return;

  /* A first run: the key goes to the login keyring, which opens with the session. */
  vault = ps_key_vault_new ();
  store = ps_test_open_async (dir, vault, &error);
  g_assert_no_error (error);
  kase = ps_store_create_case (store, fields, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_false (ps_key_vault_get_protected (vault));

  /* Protecting: gnome-keyring asks for the new keyring's password. */
  protect (vault);
  g_assert_true (ps_key_vault_get_protected (vault));

  /* One copy of the key, in the new keyring; none left in the login one. */
  where = key_collections ();
  g_assert_cmpuint (g_strv_length (where), ==, 1);
  g_assert_false (g_str_has_suffix (where[0], "/login"));

  /* Locked: someone at the desk without the password gets nothing. */
  g_assert_true (run_bool (ps_key_vault_lock_async, ps_key_vault_lock_finish, vault, &error));
  g_assert_no_error (error);
  assert_locked_out (dir, vault);

  /* With the password, the caseload is all there. */
  prompt = expect_prompt (ANSWER_PASSWORD);
  store = ps_test_open_async (dir, vault, &error);
  assert_prompt_shown (prompt);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 1);
  g_clear_object (&store);

  /* And it asks again after the next lock. */
  g_assert_true (run_bool (ps_key_vault_lock_async, ps_key_vault_lock_finish, vault, &error));
  assert_locked_out (dir, vault);

  ps_remove_tree (dir);
  g_clear_object (&vault);
  session_stop (&session);
}

/* The prompt's "Automatically unlock this keyring whenever I'm logged in"
 * is ticked by default. Left so, gnome-keyring keeps the password in the
 * login keyring and, without Peerside's clean-up, the next opening does
 * not ask (this test then fails: no prompt); it must ask all the same. */
static void
test_auto_unlock_left_ticked (void)
{
  Session session = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(PsKeyVault) vault = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GThread *prompt;

  if (!begin (&session, &dir))
    return;
  vault = ps_key_vault_new ();
  store = ps_test_open_async (dir, vault, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  protect (vault);
  g_assert_true (run_bool (ps_key_vault_lock_async, ps_key_vault_lock_finish, vault, &error));
  g_assert_no_error (error);

  prompt = expect_prompt (ANSWER_PASSWORD_AS_IS);
  store = ps_test_open_async (dir, vault, &error);
  assert_prompt_shown (prompt);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_true (run_bool (ps_key_vault_lock_async, ps_key_vault_lock_finish, vault, &error));
  g_assert_no_error (error);
  assert_locked_out (dir, vault);

  ps_remove_tree (dir);
  g_clear_object (&vault);
  session_stop (&session);
}

/* Quitting Peerside (its context shut down for good) locks the caseload's
 * own keyring: started again, it asks for the password, as after Lock. */
static void
test_quit_locks (void)
{
  Session session = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(PsClock) clock = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PsContext) context = NULL;
  g_autoptr(PsKeyVault) again = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PsKeyVault *vault;

  if (!begin (&session, &dir))
    return;
  clock = ps_clock_new ();
  settings = g_settings_new (BASE_APP_ID);
  context = ps_context_new (clock, settings, dir, FALSE);
  vault = ps_context_get_key_vault (context);

  /* A caseload, then a password of its own for it. */
  store = ps_test_open_async (dir, vault, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  protect (vault);

  /* Quit, and started again: the keyring asks; without the password, nothing. */
  ps_context_shutdown (context);
  again = ps_key_vault_new ();
  assert_locked_out (dir, again);

  ps_remove_tree (dir);
  g_clear_object (&again);
  g_clear_object (&context);
  session_stop (&session);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_display = g_strdup (g_getenv ("DISPLAY"));

  g_test_add_func ("/key-protection/own-keyring", test_own_keyring);
  g_test_add_func ("/key-protection/auto-unlock-left-ticked", test_auto_unlock_left_ticked);
  g_test_add_func ("/key-protection/quit-locks", test_quit_locks);

  return g_test_run ();
}
