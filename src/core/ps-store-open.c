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

static gboolean
fail_errno (GError     **error,
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
    return fail_errno (error, errno, "Creating the data directory");

  if (stat (dir, &st) == 0 && st.st_uid == geteuid () && (st.st_mode & 07777) != 0700 &&
      chmod (dir, 0700) != 0)
    g_debug ("Could not set the mode of the data directory: %s", g_strerror (errno));

  /* The lock is on the directory itself: no lock file to create. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return fail_errno (error, errno, "Opening the data directory");

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int errsv = errno;

      close (fd);
      if (errsv == EWOULDBLOCK)
        return fail_code (error, PS_STORE_ERROR_IN_USE);
      return fail_errno (error, errsv, "Locking the data directory");
    }

  if (lstat (path, &st) == 0)
    *db_exists = TRUE;
  else if (errno == ENOENT)
    *db_exists = FALSE;
  else
    {
      int errsv = errno;

      close (fd);
      return fail_errno (error, errsv, "Looking at the caseload");
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
    return fail_errno (error, errno, "Looking at the caseload");
  if (!S_ISREG (st.st_mode))
    return fail_code (error, PS_STORE_ERROR_UNREADABLE);

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return fail_errno (error, errno, "Reading the caseload");
  do
    n = read (fd, header, sizeof header);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int errsv = errno;

      close (fd);
      return fail_errno (error, errsv, "Reading the caseload");
    }
  close (fd);

  /* An empty file would be taken by SQLite for a new database; a plaintext
   * one is never ours: Peerside refuses to run unencrypted. */
  if (st.st_size == 0 || (n == sizeof header && memcmp (header, plaintext, sizeof header) == 0))
    return fail_code (error, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);

  return TRUE;
}

static sqlite3 *
open_keyed (const char  *path,
            const char  *hex_key,
            int          flags,
            GError     **error)
{
  sqlite3 *db = NULL;
  char keyspec[PS_KEY_HEX_LENGTH + 4];
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

  /* Raw key: x'<64 hex>' skips the KDF; it is 32 random bytes already. */
  g_snprintf (keyspec, sizeof keyspec, "x'%s'", hex_key);
  rc = sqlite3_key (db, keyspec, (int)strlen (keyspec));
  explicit_bzero (keyspec, sizeof keyspec);
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

/* Read-only checks of an existing caseload; nothing here can write. */
static gboolean
verify_existing (const char  *path,
                 const char  *hex_key,
                 GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *check = NULL;
  gint64 version = 0;
  gboolean ok = FALSE;
  int rc;

  if (!classify_existing (path, error))
    return FALSE;

  if (!(db = open_keyed (path, hex_key, SQLITE_OPEN_READONLY, error)))
    return FALSE;

  if (!(stmt = ps_sqlite_prepare (db, "SELECT type, name FROM sqlite_master", error)))
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!ps_store_schema_is_known_object (ps_sqlite_column_text (stmt, 0),
                                            ps_sqlite_column_text (stmt, 1)))
        {
          fail_code (error, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
          goto out;
        }
    }
  if (rc != SQLITE_DONE)
    {
      ps_sqlite_fail (db, rc, error);
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!ps_sqlite_query_int64 (db, "PRAGMA user_version", &version, error))
    goto out;
  if (version < 0 || version > ps_store_schema_version ())
    {
      fail_code (error, PS_STORE_ERROR_TOO_NEW);
      goto out;
    }

  if (!(check = ps_sqlite_query_text (db, "PRAGMA quick_check", error)))
    goto out;
  if (!g_str_equal (check, "ok"))
    {
      fail_code (error, PS_STORE_ERROR_CORRUPT);
      goto out;
    }

  ok = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return ok;
}

static gboolean
migrate (sqlite3  *db,
         GError  **error)
{
  gint64 version;

  if (!ps_sqlite_query_int64 (db, "PRAGMA user_version", &version, error))
    return FALSE;

  for (guint v = (guint)version; v < ps_store_schema_version (); v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", v + 1);

      if (!ps_sqlite_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!ps_sqlite_exec (db, ps_store_schema_migration (v), error) ||
          !ps_sqlite_exec (db, set_version, error) ||
          !ps_sqlite_exec (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
fsync_path (const char *path,
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
  g_autofree char *journal = g_strconcat (tmp, "-journal", NULL);

  g_unlink (journal);
  g_unlink (tmp);
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
    return fail_errno (error, errno, "Creating the caseload");
  close (fd);

  if (!(db = open_keyed (tmp, hex_key, SQLITE_OPEN_READWRITE, error)))
    goto fail;

  if (!ps_sqlite_exec (db, "PRAGMA synchronous = FULL", error) ||
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

  if (!fsync_path (tmp, O_RDONLY))
    {
      fail_errno (error, errno, "Writing the caseload");
      goto fail;
    }
  if (rename_noreplace (tmp, path) != 0)
    {
      fail_errno (error, errno, "Putting the caseload in place");
      goto fail;
    }
  fsync_path (dir, O_RDONLY | O_DIRECTORY);
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
          fail_errno (error, errno, "Looking at the caseload");
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
      !ps_sqlite_exec (db, "PRAGMA synchronous = FULL", error))
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
