/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A file handed to Restore or --verify-backup is untrusted until a helper
 * process has checked it: it may come from anywhere.
 *
 * SQLite 3.15 has crashes reachable through a crafted schema (one is
 * "CREATE TABLE t AS SELECT 1 AS a" in sqlite_master, of the CVE-2018-8740
 * class), and parsing the schema is the first thing any query does. So the
 * chosen file is opened once, without following a link and without
 * blocking, must be a regular file under a size limit, and is copied into a
 * private file in the data folder. The copy is checked by
 * peerside-backup-check, a small executable run with a time limit, resource
 * limits, no new privileges, an empty environment and nothing but the
 * copy's path and the passphrase, the way GNOME's thumbnailers and image
 * loaders keep untrusted parsing out of the application. Only when it
 * answers that the schema is, text for text, Peerside's own does the
 * application let SQLite read the copy. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "ps-backup-private.h"
#include "ps-store-private.h"
#include "ps-store-schema.h"

#define HELPER_NAME            "peerside-backup-check"
#define HELPER_TIMEOUT_SECONDS 60
#define HELPER_MEMORY          ((rlim_t)2048 * 1024 * 1024)

static guint helper_timeout = HELPER_TIMEOUT_SECONDS;

void
ps_backup_set_helper_timeout (guint seconds)
{
  helper_timeout = seconds != 0 ? seconds : HELPER_TIMEOUT_SECONDS;
}

static gboolean
refuse (GError     **error,
        PsStoreError code,
        const char  *message)
{
  g_set_error_literal (error, PS_STORE_ERROR, code, message);
  return FALSE;
}

static gboolean
refuse_damaged (GError **error)
{
  return refuse (error, PS_STORE_ERROR_INVALID,
                 _("This file is not a Peerside backup, or it is damaged. Nothing was changed."));
}

/* The copy ---------------------------------------------------------------- */

static gboolean
refuse_open (GError **error,
             int      errsv)
{
  switch (errsv)
    {
    case ELOOP:
    case EMLINK:
      return refuse (error, PS_STORE_ERROR_INVALID,
                     _("This is a link to a file, not a backup file. Choose the backup file "
                       "itself. Nothing was changed."));
    case ENXIO:
    case EISDIR:
      return refuse (error, PS_STORE_ERROR_INVALID,
                     _("This is not a backup file. Choose a Peerside backup file. "
                       "Nothing was changed."));
    default:
      g_debug ("Opening the backup: %s", g_strerror (errsv));
      return refuse (error, PS_STORE_ERROR_UNREADABLE,
                     _("The backup file cannot be read. Nothing was changed."));
    }
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize)n;
    }
  return TRUE;
}

/* Copies from @in to @out, at most PS_BACKUP_MAX_SIZE bytes: a file that
 * grows while it is read is refused too. */
static gboolean
copy_fd (int      in,
         int      out,
         GError **error)
{
  guint8 buffer[64 * 1024];
  goffset total = 0;

  for (;;)
    {
      ssize_t n = read (in, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return refuse_open (error, errno);
      if (n == 0)
        return TRUE;
      total += n;
      if (total > PS_BACKUP_MAX_SIZE)
        return refuse (error, PS_STORE_ERROR_INVALID,
                       _("This file is too large to be a Peerside backup. Nothing was changed."));
      if (!write_all (out, buffer, (gsize)n))
        return ps_store_fail_errno (error, errno, "Copying the backup");
    }
}

char *
ps_backup_copy_untrusted (GFile       *src,
                          const char  *dir,
                          GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  struct stat st;
  int in, out;
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (src), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  if (!(path = g_file_get_path (src)))
    {
      refuse_open (error, ENOENT);
      return NULL;
    }

  /* Once, and never again by name: O_NOFOLLOW refuses a link (to a FIFO,
   * to /dev/zero), O_NONBLOCK keeps a FIFO from hanging the open. */
  in = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (in < 0)
    {
      refuse_open (error, errno);
      return NULL;
    }
  if (fstat (in, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (in);
      refuse_open (error, S_ISDIR (st.st_mode) ? EISDIR : ENXIO);
      return NULL;
    }
  if (st.st_size > PS_BACKUP_MAX_SIZE)
    {
      close (in);
      refuse (error, PS_STORE_ERROR_INVALID,
              _("This file is too large to be a Peerside backup. Nothing was changed."));
      return NULL;
    }
  fcntl (in, F_SETFL, fcntl (in, F_GETFL) & ~O_NONBLOCK);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      ps_store_fail_errno (error, errno, "Creating the data directory");
      close (in);
      return NULL;
    }
  copy = g_build_filename (dir, PS_BACKUP_COPY_PREFIX "XXXXXX", NULL);
  out = g_mkstemp_full (copy, O_RDWR | O_CLOEXEC, 0600);
  if (out < 0)
    {
      ps_store_fail_errno (error, errno, "Copying the backup");
      close (in);
      return NULL;
    }

  ok = copy_fd (in, out, error);
  close (in);
  if (close (out) != 0 && ok)
    ok = ps_store_fail_errno (error, errno, "Copying the backup");
  if (!ok)
    {
      g_unlink (copy);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

/* The helper's side ------------------------------------------------------- */

char *
ps_backup_helper_answer (const char *path,
                         const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  PsBackupInfo info = { 0 };

  if (!ps_backup_check_in_process (path, passphrase, &info, &error))
    {
      /* Only the code crosses: messages are the application's to word. */
      return g_strdup_printf ("error %d\n",
                              error->domain == PS_STORE_ERROR ? error->code
                                                              : PS_STORE_ERROR_FAILED);
    }
  return g_strdup_printf ("ok %u %u %u %u\n", info.schema_version, info.n_cases,
                          info.n_open_cases, info.n_conversations);
}

/* What a file can be blamed for; anything else from the helper means it
 * failed on this file. */
static gboolean
is_file_error (gint64 code)
{
  switch (code)
    {
    case PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE:
    case PS_STORE_ERROR_CORRUPT:
    case PS_STORE_ERROR_TOO_NEW:
    case PS_STORE_ERROR_INVALID:
    case PS_STORE_ERROR_UNREADABLE:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
ps_backup_parse_answer (const char    *answer,
                        PsBackupInfo  *info,
                        GError       **error)
{
  g_auto(GStrv) words = NULL;
  guint64 n[4];

  g_return_val_if_fail (info != NULL, FALSE);

  if (answer == NULL || !g_str_has_suffix (answer, "\n") || strchr (answer, '\n')[1] != '\0')
    return refuse_damaged (error);
  words = g_strsplit_set (answer, " \n", -1);

  if (g_strv_length (words) == 3 && g_str_equal (words[0], "error"))
    {
      gint64 code;

      if (!g_ascii_string_to_signed (words[1], 10, 0, PS_STORE_ERROR_FAILED, &code, NULL) ||
          !is_file_error (code))
        return refuse_damaged (error);
      return ps_backup_fail (error, (PsStoreError)code);
    }

  if (g_strv_length (words) != 6 || !g_str_equal (words[0], "ok"))
    return refuse_damaged (error);
  for (guint i = 0; i < G_N_ELEMENTS (n); i++)
    if (!g_ascii_string_to_unsigned (words[i + 1], 10, 0, G_MAXUINT, &n[i], NULL))
      return refuse_damaged (error);
  if (n[0] < 1 || n[0] > ps_store_schema_version () || n[2] > n[1])
    return refuse_damaged (error);

  info->schema_version = (guint)n[0];
  info->n_cases = (guint)n[1];
  info->n_open_cases = (guint)n[2];
  info->n_conversations = (guint)n[3];
  return TRUE;
}

/* The application's side -------------------------------------------------- */

static char *
helper_path (void)
{
  const char *env = g_getenv ("PEERSIDE_BACKUP_CHECK");
  g_autofree char *exe = NULL;

  /* Tests run it from the build tree; so does an uninstalled peerside. */
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *sibling = g_build_filename (dir, HELPER_NAME, NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
    }
  return g_build_filename (LIBEXECDIR, HELPER_NAME, NULL);
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void
limit_helper (gpointer user_data)
{
  const struct rlimit cpu = { helper_timeout, helper_timeout + 1 };
  const struct rlimit none = { 0, 0 };
  const struct rlimit files = { 16, 16 };

  setrlimit (RLIMIT_CPU, &cpu);
  setrlimit (RLIMIT_CORE, &none);
  setrlimit (RLIMIT_FSIZE, &none);       /* it writes no file */
  setrlimit (RLIMIT_NOFILE, &files);
#if !PS_SANITIZED
  {
    const struct rlimit memory = { HELPER_MEMORY, HELPER_MEMORY };

    setrlimit (RLIMIT_AS, &memory);
  }
#endif
  prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
}

/* Only what the sanitizers of a test build read: no HOME, no D-Bus, no
 * display, no keyring. */
static char **
helper_environ (void)
{
  static const char * const kept[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS" };
  GPtrArray *env = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    if (g_getenv (kept[i]) != NULL)
      g_ptr_array_add (env, g_strconcat (kept[i], "=", g_getenv (kept[i]), NULL));
  g_ptr_array_add (env, NULL);
  return (char **)g_ptr_array_free (env, FALSE);
}

typedef struct
{
  GAsyncResult *result;
  gboolean      timed_out;
  GSubprocess  *process;
} Wait;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timed_out = TRUE;
  g_subprocess_force_exit (wait->process);
  return G_SOURCE_REMOVE;
}

/* A pipe holding @passphrase, whole, for the helper's standard input:
 * written before the helper runs, so a helper that exits without reading
 * cannot kill the application with SIGPIPE. Returns the read end. */
static int
passphrase_pipe (const char *passphrase)
{
  gsize length = strlen (passphrase);
  int fds[2];

  g_assert (length <= PS_BACKUP_MAX_PASSPHRASE);   /* far below a pipe's buffer */
  if (!g_unix_open_pipe (fds, FD_CLOEXEC, NULL))
    return -1;
  if (write (fds[1], passphrase, length) != (ssize_t)length)
    {
      close (fds[0]);
      fds[0] = -1;
    }
  close (fds[1]);
  return fds[0];
}

gboolean
ps_backup_check_isolated (const char    *path,
                          const char    *passphrase,
                          PsBackupInfo  *info,
                          GError       **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *helper = helper_path ();
  g_autofree char *answer = NULL;
  g_auto(GStrv) env = helper_environ ();
  Wait wait = { NULL, FALSE, NULL };
  const char *data;
  gsize length;
  int input;

  g_return_val_if_fail (path != NULL && passphrase != NULL, FALSE);

  if (strlen (passphrase) > PS_BACKUP_MAX_PASSPHRASE)
    return ps_backup_fail (error, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);

  if ((input = passphrase_pipe (passphrase)) < 0)
    return ps_backup_fail (error, PS_STORE_ERROR_FAILED);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_stdin_fd (launcher, input);
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_cwd (launcher, "/");
  g_subprocess_launcher_set_child_setup (launcher, limit_helper, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &local_error, helper, path, NULL);
  if (process == NULL)
    {
      g_warning ("Cannot run the backup check %s: %s", helper, local_error->message);
      return refuse (error, PS_STORE_ERROR_FAILED,
                     _("The backup could not be checked: Peerside's checker is missing. "
                       "Nothing was changed."));
    }

  /* Its own main context: this runs in a worker thread, or on the command line. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  wait.process = process;
  g_subprocess_communicate_async (process, NULL, NULL, communicated_cb, &wait);
  timeout = g_timeout_source_new_seconds (helper_timeout);
  g_source_set_callback (timeout, timed_out_cb, &wait, NULL);
  g_source_attach (timeout, context);
  while (wait.result == NULL)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);

  g_subprocess_communicate_finish (process, wait.result, &output, NULL, &local_error);
  g_clear_object (&wait.result);
  if (!g_subprocess_wait (process, NULL, NULL))
    g_subprocess_force_exit (process);
  g_main_context_pop_thread_default (context);

  if (wait.timed_out || output == NULL || !g_subprocess_get_if_exited (process))
    {
      g_debug ("The backup check %s", wait.timed_out ? "took too long" :
                                      g_subprocess_get_if_signaled (process) ? "crashed" :
                                      "did not answer");
      return refuse_damaged (error);
    }

  data = g_bytes_get_data (output, &length);
  answer = g_strndup (data, MIN (length, 64));
  if (!ps_backup_parse_answer (answer, info, error))
    return FALSE;
  if (g_subprocess_get_exit_status (process) != 0)
    return refuse_damaged (error);
  return TRUE;
}
