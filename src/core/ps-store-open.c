/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Opening the caseload without ever harming an existing file.
 *
 * An existing file is first classified (a directory, unreadable, empty,
 * plaintext SQLite), then keyed and checked through a read-only connection
 * (key, cipher_version, the schema's objects, user_version, quick_check),
 * which cannot write it, not even to checkpoint a leftover WAL. Only a file
 * that passed is opened read-write and switched to WAL. A new caseload is
 * built under a temporary name and renamed into place without replacing
 * anything, so an interrupted first run never leaves a half-made file where
 * the caseload belongs. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ps-backup-private.h"
#include "ps-sqlite.h"
#include "ps-store-private.h"
#include "ps-store-schema.h"

static gboolean
fail_code (GError       **error,
           PsStoreError   code)
{
  ps_store_set_error (error, code);
  return FALSE;
}

gboolean
ps_store_fail_errno (GError     **error,
                     int          errsv,
                     const char  *what)
{
  PsStoreError code;

  g_debug ("%s: %s", what, g_strerror (errsv));
  switch (errsv)
    {
    case ENOSPC:
    case EDQUOT:
      code = PS_STORE_ERROR_DISK_FULL;
      break;
    case EROFS:
      code = PS_STORE_ERROR_READ_ONLY;
      break;
    case EACCES:
    case EPERM:
    case ENOTDIR:
    case EISDIR:
    case ELOOP:
      code = PS_STORE_ERROR_UNREADABLE;
      break;
    default:
      code = PS_STORE_ERROR_FAILED;
    }
  return fail_code (error, code);
}

/* Takes group and other bits away; never adds any (a 0400 file stays so). */
static void
tighten_mode (const char *path,
              mode_t      allowed)
{
  struct stat st;

  if (stat (path, &st) != 0 || st.st_uid != geteuid ())
    return;
  if ((st.st_mode & 07777 & ~allowed) != 0 &&
      chmod (path, st.st_mode & allowed) != 0)
    g_debug ("Could not restrict the mode of %s: %s", path, g_strerror (errno));
}

gboolean
ps_store_prepare_dir (const char  *dir,
                      int         *lock_fd,
                      gboolean    *db_exists,
                      GError     **error)
{
  g_autofree char *path = g_build_filename (dir, PS_STORE_FILE_NAME, NULL);
  struct stat st;
  int fd;

  g_assert (lock_fd != NULL && db_exists != NULL);
  *lock_fd = -1;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return ps_store_fail_errno (error, errno, "Creating the data directory");

  if (stat (dir, &st) == 0 && st.st_uid == geteuid () && (st.st_mode & 07777) != 0700 &&
      chmod (dir, 0700) != 0)
    g_debug ("Could not set the mode of the data directory: %s", g_strerror (errno));

  /* The lock is on the directory itself: no lock file to create. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return ps_store_fail_errno (error, errno, "Opening the data directory");

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int errsv = errno;

      close (fd);
      if (errsv == EWOULDBLOCK)
        return fail_code (error, PS_STORE_ERROR_IN_USE);
      return ps_store_fail_errno (error, errsv, "Locking the data directory");
    }

  if (lstat (path, &st) == 0)
    *db_exists = TRUE;
  else if (errno == ENOENT)
    *db_exists = FALSE;
  else
    {
      int errsv = errno;

      close (fd);
      return ps_store_fail_errno (error, errsv, "Looking at the caseload");
    }

  *lock_fd = fd;
  return TRUE;
}

/* What the file is, before any key touches it. */
static gboolean
classify_existing (const char  *path,
                   GError     **error)
{
  static const char plaintext[16] = "SQLite format 3";
  char header[16];
  struct stat st;
  ssize_t n;
  int fd;

  if (stat (path, &st) != 0)
    return ps_store_fail_errno (error, errno, "Looking at the caseload");
  if (!S_ISREG (st.st_mode))
    return fail_code (error, PS_STORE_ERROR_UNREADABLE);

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return ps_store_fail_errno (error, errno, "Reading the caseload");
  do
    n = read (fd, header, sizeof header);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int errsv = errno;

      close (fd);
      return ps_store_fail_errno (error, errsv, "Reading the caseload");
    }
  close (fd);

  /* An empty file would be taken by SQLite for a new database; a plaintext
   * one is never ours: Peerside refuses to run unencrypted. */
  if (st.st_size == 0 || (n == sizeof header && memcmp (header, plaintext, sizeof header) == 0))
    return fail_code (error, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);

  /* SQLite 3.15 cannot read a WAL database it may not write (it needs the
   * -shm index): say "read-only" rather than fail obscurely later. */
  if (access (path, W_OK) != 0)
    return ps_store_fail_errno (error, errno == EACCES || errno == EPERM ? EROFS : errno,
                                "Writing the caseload");

  return TRUE;
}

/* Fuzzing builds only (tests/fuzz): two rounds of key derivation instead
 * of 64000, which would slow the fuzzer down a hundredfold. A process-wide
 * default, set before a file is keyed or attached. Never defined in a build
 * of the application. */
gboolean
ps_store_fuzzing_kdf (sqlite3  *db,
                      GError  **error)
{
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  return ps_sqlite_exec (db, "PRAGMA cipher_default_kdf_iter = 2", error);
#else
  return TRUE;
#endif
}

/* Opens @path and keys it with @key (@key_len bytes: a passphrase, or
 * x'<hex>' for a raw key); the first query reads sqlite_master, which
 * fails for a wrong key. @untrusted: a file from elsewhere (a backup), read
 * with triggers and FTS3 tokenizers switched off before anything else. */
sqlite3 *
ps_store_open_keyed (const char  *path,
                     int          flags,
                     const char  *key,
                     int          key_len,
                     gboolean     untrusted,
                     GError     **error)
{
  sqlite3 *db = NULL;
  g_autofree char *cipher_version = NULL;
  gint64 n_objects;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_PRIVATECACHE, NULL);
  if (rc != SQLITE_OK)
    {
      ps_sqlite_fail (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);

  if (untrusted)
    {
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
    }

  /* An empty key would leave the file unencrypted. */
  g_assert (key_len > 0);
  if (!ps_store_fuzzing_kdf (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  rc = sqlite3_key (db, key, key_len);
  if (rc != SQLITE_OK)
    {
      ps_sqlite_fail (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }

  /* SQLCipher 4 reads a 3.x file with this; 3.4 ignores the pragma. */
  if (!ps_sqlite_exec (db, "PRAGMA cipher_compatibility = 3", error) ||
      !ps_sqlite_query_int64 (db, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  cipher_version = ps_sqlite_query_text (db, "PRAGMA cipher_version", NULL);
  if (cipher_version == NULL || cipher_version[0] == '\0')
    {
      g_warning ("SQLite was built without SQLCipher; refusing to run unencrypted");
      fail_code (error, PS_STORE_ERROR_FAILED);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static sqlite3 *
open_keyed (const char  *path,
            const char  *hex_key,
            int          flags,
            GError     **error)
{
  char keyspec[PS_KEY_HEX_LENGTH + 4];
  sqlite3 *db;

  /* Raw key: x'<64 hex>' skips the KDF; it is 32 random bytes already. */
  g_snprintf (keyspec, sizeof keyspec, "x'%s'", hex_key);
  db = ps_store_open_keyed (path, flags, keyspec, (int)strlen (keyspec), FALSE, error);
  explicit_bzero (keyspec, sizeof keyspec);
  return db;
}

/* Read-only checks of an existing caseload; nothing here can write. */
static gboolean
check_keyed (const char  *path,
             const char  *hex_key,
             GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *check = NULL;
  gint64 version = 0;
  int rc;

  if (!(db = open_keyed (path, hex_key, SQLITE_OPEN_READONLY, error)))
    return FALSE;

  /* Only Peerside's own tables and indexes: anything else is not ours. */
  if (!(stmt = ps_sqlite_prepare (db, "SELECT type, name FROM sqlite_master", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!ps_store_schema_is_known_object (ps_sqlite_column_text (stmt, 0),
                                          ps_sqlite_column_text (stmt, 1)))
      return fail_code (error, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
  if (rc != SQLITE_DONE)
    return ps_sqlite_fail (db, rc, error);

  if (!ps_sqlite_query_int64 (db, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version < 0 || version > ps_store_schema_version ())
    return fail_code (error, PS_STORE_ERROR_TOO_NEW);

  if (!(check = ps_sqlite_query_text (db, "PRAGMA quick_check", error)))
    return FALSE;
  if (!g_str_equal (check, "ok"))
    return fail_code (error, PS_STORE_ERROR_CORRUPT);

  return TRUE;
}

static gboolean
is_nonempty_file (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0;
}

/* The caseload refused to open with a -wal or -journal beside it: checks it
 * again alone, through a second name that has no such file beside it. If
 * it opens so, that file is what stops it, and the error says which. */
static void
blame_stray_file (const char  *path,
                  const char  *hex_key,
                  gboolean     stray_wal,
                  gboolean     stray_journal,
                  GError     **error)
{
  g_autofree char *probe = g_strconcat (path, ".probe", NULL);
  static const char * const suffixes[] = { "-wal", "-shm", "-journal", "" };
  gboolean alone;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (probe, suffixes[i], NULL);
      g_unlink (file);
    }
  if (link (path, probe) != 0)
    return;
  alone = check_keyed (probe, hex_key, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (probe, suffixes[i], NULL);
      g_unlink (file);
    }
  if (!alone)
    return;

  g_clear_error (error);
  fail_code (error, stray_journal ? PS_STORE_ERROR_STRAY_JOURNAL : PS_STORE_ERROR_STRAY_WAL);
}

static gboolean
verify_existing (const char  *path,
                 const char  *hex_key,
                 GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  gboolean had_wal, had_shm, stray_wal, stray_journal;
  struct stat st;

  if (!classify_existing (path, error))
    return FALSE;

  had_wal = lstat (wal, &st) == 0;
  had_shm = lstat (shm, &st) == 0;
  stray_wal = is_nonempty_file (wal);
  stray_journal = is_nonempty_file (journal);

  if (check_keyed (path, hex_key, error))
    return TRUE;

  /* Even a read-only connection makes an empty -wal and an -shm index for a
   * WAL database; a refused file is left with nothing new beside it. */
  if (!had_wal && lstat (wal, &st) == 0 && st.st_size == 0)
    g_unlink (wal);
  if (!had_shm)
    g_unlink (shm);

  if (stray_wal || stray_journal)
    blame_stray_file (path, hex_key, stray_wal, stray_journal, error);
  return FALSE;
}

/* Applies the migrations that take @db up to @target, each in its own
 * transaction with its user_version. */
gboolean
ps_store_migrate_to (sqlite3  *db,
                     guint     target,
                     GError  **error)
{
  gint64 version;

  if (!ps_sqlite_query_int64 (db, "PRAGMA user_version", &version, error))
    return FALSE;

  for (guint v = (guint)version; v < target; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", v + 1);

      if (!ps_sqlite_begin (db, PS_SQLITE_IMMEDIATE, error))
        return FALSE;
      if (!ps_sqlite_exec (db, ps_store_schema_migration (v), error) ||
          !ps_sqlite_exec (db, set_version, error))
        return ps_sqlite_rollback (db);
      if (!ps_sqlite_commit (db, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  return ps_store_migrate_to (db, ps_store_schema_version (), error);
}

gboolean
ps_store_fsync_path (const char *path,
                     int         flags)
{
  int fd = open (path, flags | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Renames without ever replacing a file that appeared meanwhile. */
static int
rename_noreplace (const char *from,
                  const char *to)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return -1;
  if (link (from, to) != 0)
    return -1;
  unlink (from);
  return 0;
}

static void
remove_temporary (const char *tmp)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (tmp, suffixes[i], NULL);
      g_unlink (file);
    }
}

static gboolean
create_new (const char  *path,
            const char  *hex_key,
            GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".new", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db;
  int fd;

  /* A leftover from an interrupted first run: ours, never the caseload. */
  remove_temporary (tmp);

  fd = open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return ps_store_fail_errno (error, errno, "Creating the caseload");
  close (fd);

  if (!(db = open_keyed (tmp, hex_key, SQLITE_OPEN_READWRITE, error)))
    goto fail;

  /* In WAL mode before it is in place: switching an existing caseload to
   * WAL writes its header through a rollback journal, and a kill in that
   * moment left a -journal of its own beside it, taken for a stray one. */
  if (!ps_sqlite_exec (db, "PRAGMA synchronous = FULL", error) ||
      !ps_sqlite_exec (db, "PRAGMA journal_mode = WAL", error) ||
      !migrate (db, error))
    {
      sqlite3_close (db);
      goto fail;
    }
  if (sqlite3_close (db) != SQLITE_OK)
    {
      fail_code (error, PS_STORE_ERROR_FAILED);
      goto fail;
    }

  if (!ps_store_fsync_path (tmp, O_RDONLY))
    {
      ps_store_fail_errno (error, errno, "Writing the caseload");
      goto fail;
    }
  if (rename_noreplace (tmp, path) != 0)
    {
      ps_store_fail_errno (error, errno, "Putting the caseload in place");
      goto fail;
    }
  ps_store_fsync_path (dir, O_RDONLY | O_DIRECTORY);
  return TRUE;

fail:
  remove_temporary (tmp);
  return FALSE;
}

static void
tighten_modes (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      tighten_mode (file, 0600);
    }
}

/* Opens @path read-write after verifying it; with @create, a missing file is
 * made first. Returns a connection in WAL mode with the schema up to date,
 * or read-only when the file cannot be written. */
sqlite3 *
ps_store_open_db (const char  *path,
                  const char  *hex_key,
                  gboolean     create,
                  GError     **error)
{
  sqlite3 *db;
  g_autofree char *mode = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (hex_key != NULL && strlen (hex_key) == PS_KEY_HEX_LENGTH, NULL);

  if (lstat (path, &st) != 0)
    {
      if (errno != ENOENT || !create)
        {
          ps_store_fail_errno (error, errno, "Looking at the caseload");
          return NULL;
        }
      if (!create_new (path, hex_key, error))
        return NULL;
    }

  if (!verify_existing (path, hex_key, error))
    return NULL;

  if (!(db = open_keyed (path, hex_key, SQLITE_OPEN_READWRITE, error)))
    return NULL;

  sqlite3_busy_timeout (db, 2000);
  if (!ps_sqlite_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !ps_sqlite_exec (db, "PRAGMA secure_delete = ON", error) ||
      !ps_sqlite_exec (db, "PRAGMA temp_store = MEMORY", error) ||
      !(mode = ps_sqlite_query_text (db, "PRAGMA journal_mode = WAL", error)) ||
      !ps_sqlite_exec (db, "PRAGMA synchronous = FULL", error) ||
      /* 512 KiB of page cache instead of 2 MB: the caseload is read once,
       * in order, at open and kept in objects; what is read again later is
       * a few pages at a time. */
      !ps_sqlite_exec (db, "PRAGMA cache_size = -512", error))
    {
      sqlite3_close (db);
      return NULL;
    }

  /* A read-only file still opens, for reading: writes then fail with READ_ONLY. */
  if (g_ascii_strcasecmp (mode, "wal") != 0 && !sqlite3_db_readonly (db, "main"))
    {
      g_debug ("journal_mode is %s, not wal", mode);
      fail_code (error, PS_STORE_ERROR_FAILED);
      sqlite3_close (db);
      return NULL;
    }

  if (!migrate (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  tighten_modes (path);
  return db;
}

/* Public entry points -------------------------------------------------- */

char *
ps_store_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "peerside", NULL);
}

PsStore *
ps_store_open_with_key (const char  *path,
                        const char  *hex_key,
                        gboolean     create,
                        PsClock     *clock,
                        GError     **error)
{
  g_autofree char *dir = NULL;
  sqlite3 *db;
  gboolean exists = FALSE;
  int lock_fd = -1;
  PsStore *store;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (hex_key != NULL, NULL);
  g_return_val_if_fail (!clock || PS_IS_CLOCK (clock), NULL);

  if (strlen (hex_key) != PS_KEY_HEX_LENGTH)
    {
      ps_store_set_error (error, PS_STORE_ERROR_KEY_MISSING);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  if (!ps_store_prepare_dir (dir, &lock_fd, &exists, error))
    return NULL;
  ps_backup_remove_leftovers (dir);

  if (!(db = ps_store_open_db (path, hex_key, create, error)))
    {
      close (lock_fd);
      return NULL;
    }

  store = ps_store_new_for_db (db, lock_fd, clock, error);
  return store;
}

typedef struct
{
  char        *dir;
  char        *path;
  PsKeyVault  *vault;
  PsClock     *clock;
  PsKey       *key;
  int          lock_fd;
  gboolean     exists;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_pointer (&data->dir, g_free);
  g_clear_pointer (&data->path, g_free);
  g_clear_object (&data->vault);
  g_clear_object (&data->clock);
  g_clear_pointer (&data->key, ps_key_free);
  if (data->lock_fd >= 0)
    close (data->lock_fd);
  g_free (data);
}

/* Runs @func in a thread on behalf of @task, then calls @done in the main
 * context with a GTask whose task data is @task. */
static void
run_step (GTask               *task,
          GTaskThreadFunc      func,
          GAsyncReadyCallback  done)
{
  g_autoptr(GTask) step = g_task_new (NULL, g_task_get_cancellable (task), done,
                                      g_object_ref (task));

  g_task_set_task_data (step, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (step, func);
}

static void
prepare_thread (GTask        *step,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;

  if (!ps_store_prepare_dir (data->dir, &data->lock_fd, &data->exists, &error))
    {
      g_task_return_error (step, error);
      return;
    }
  /* What an interrupted backup, check or restore left; the lock is ours. */
  ps_backup_remove_leftovers (data->dir);
  g_task_return_boolean (step, TRUE);
}

static void
open_thread (GTask        *step,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  sqlite3 *db;
  PsStore *store;

  if (g_task_return_error_if_cancelled (step))
    return;

  db = ps_store_open_db (data->path, ps_key_get_hex (data->key), !data->exists, &error);
  g_clear_pointer (&data->key, ps_key_free);
  if (db == NULL)
    {
      g_task_return_error (step, error);
      return;
    }

  store = ps_store_new_for_db (db, data->lock_fd, data->clock, &error);
  data->lock_fd = -1;   /* the store has it, or closed it */
  if (store == NULL)
    g_task_return_error (step, error);
  else
    g_task_return_pointer (step, store, g_object_unref);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  PsStore *store;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
key_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->key = ps_key_vault_ensure_finish (PS_KEY_VAULT (object), result, &error);
  if (data->key == NULL)
    g_task_return_error (task, error);
  else
    run_step (task, open_thread, opened_cb);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* A first run reuses a key already in the keyring rather than replacing
   * it (another copy of the caseload may still need it); a caseload without
   * its key is never given a new one. */
  ps_key_vault_ensure_async (data->vault, !data->exists, g_task_get_cancellable (task),
                             key_cb, g_object_ref (task));
}

void
ps_store_open_async (const char          *data_dir,
                     PsKeyVault          *vault,
                     PsClock             *clock,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (PS_IS_KEY_VAULT (vault));
  g_return_if_fail (!clock || PS_IS_CLOCK (clock));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (OpenData, 1);
  data->dir = data_dir != NULL ? g_strdup (data_dir) : ps_store_default_data_dir ();
  data->path = g_build_filename (data->dir, PS_STORE_FILE_NAME, NULL);
  data->vault = g_object_ref (vault);
  data->clock = clock != NULL ? g_object_ref (clock) : ps_clock_new ();
  data->lock_fd = -1;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_store_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify)open_data_free);

  run_step (task, prepare_thread, prepared_cb);
}

PsStore *
ps_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
