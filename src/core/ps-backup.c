/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Encrypted backups: a copy under a passphrase of its own, so a backup
 * never carries the keyring's key and opens on another machine.
 *
 * SQLCipher 3.4.1 has no backup API for encrypted databases and no VACUUM
 * INTO, so a backup is ATTACH ... KEY, sqlcipher_export() into a temporary
 * file, fsync, rename. A backup file is untrusted: SQLite 3.15 has known
 * bugs reachable through crafted schemas. It is opened read-only, with
 * triggers off, and its sqlite_master must equal, row for row, the schema
 * Peerside's own migrations make for its user_version before anything else
 * is read. Then its rows are copied, table by table, into a database made by
 * Peerside's own migrations (in memory for a check, the new caseload for a
 * restore), so every CHECK, NOT NULL and foreign key holds for them:
 * SQLite 3.15's integrity_check does not look at CHECKs, and
 * sqlcipher_export() ignores them and replays the file's CREATE statements,
 * so it only ever writes backups, from the trusted caseload. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ps-backup-private.h"
#include "ps-sqlite.h"
#include "ps-store-private.h"
#include "ps-store-schema.h"

/* SQLCipher 3's page size: a backup is a whole number of pages. */
#define BACKUP_PAGE_SIZE 1024

static const char *
backup_message (PsStoreError code)
{
  switch (code)
    {
    case PS_STORE_ERROR_TOO_NEW:
      return _("This backup was made by a newer version of Peerside. Update Peerside to "
               "restore it. Nothing was changed.");
    case PS_STORE_ERROR_CORRUPT:
      return _("The backup file is incomplete or damaged. Nothing was changed.");
    case PS_STORE_ERROR_UNREADABLE:
      return _("The backup file cannot be read. Nothing was changed.");
    case PS_STORE_ERROR_READ_ONLY:
      return _("The backup cannot be written there: the place is read-only.");
    case PS_STORE_ERROR_DISK_FULL:
      return _("The disk is full. Nothing was written and nothing was changed.");
    case PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE:
      return _("The passphrase does not open this backup, or the file is not a Peerside "
               "backup. Nothing was changed.");
    case PS_STORE_ERROR_INVALID:
      return _("This file is not an encrypted Peerside backup. Nothing was changed.");
    case PS_STORE_ERROR_NO_SECRET_SERVICE:
    case PS_STORE_ERROR_KEYRING_LOCKED:
    case PS_STORE_ERROR_FAILED:
      return _("The backup could not be written or read. Nothing was changed.");
    case PS_STORE_ERROR_KEY_MISSING:
    case PS_STORE_ERROR_NOT_FOUND:
    case PS_STORE_ERROR_IN_USE:
    case PS_STORE_ERROR_STRAY_WAL:
    case PS_STORE_ERROR_STRAY_JOURNAL:
    default:
      return ps_store_error_message (code);
    }
}

gboolean
ps_backup_fail (GError       **error,
                PsStoreError   code)
{
  g_set_error_literal (error, PS_STORE_ERROR, code, backup_message (code));
  return FALSE;
}


/* Replaces an error from the store's helpers with the backup's wording.
 * @wrong_key: what a key that does not open the file means here. */
static gboolean
fail_from (GError       **error,
           GError        *lower,
           PsStoreError   wrong_key)
{
  PsStoreError code = PS_STORE_ERROR_FAILED;

  if (lower->domain == PS_STORE_ERROR)
    code = lower->code;
  else if (g_error_matches (lower, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, lower);
      return FALSE;
    }
  else if (lower->domain == G_IO_ERROR)
    {
      g_debug ("Backup: %s", lower->message);
      switch (lower->code)
        {
        case G_IO_ERROR_NO_SPACE:
          code = PS_STORE_ERROR_DISK_FULL;
          break;
        case G_IO_ERROR_READ_ONLY:
          code = PS_STORE_ERROR_READ_ONLY;
          break;
        case G_IO_ERROR_IS_DIRECTORY:
        case G_IO_ERROR_NOT_REGULAR_FILE:
        case G_IO_ERROR_WOULD_RECURSE:
          code = PS_STORE_ERROR_INVALID;
          break;
        default:
          code = PS_STORE_ERROR_UNREADABLE;
        }
    }
  g_error_free (lower);

  if (code == PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE)
    code = wrong_key;
  return ps_backup_fail (error, code);
}

/* While only reading a backup (into memory at most), whatever SQLite says
 * beyond a wrong key comes from the file: an unsupported format, sizes that
 * look like a full disk. */
static gboolean
fail_reading (GError       **error,
              GError        *lower,
              PsStoreError   wrong_key)
{
  if (lower->domain == PS_STORE_ERROR &&
      (lower->code == PS_STORE_ERROR_FAILED || lower->code == PS_STORE_ERROR_DISK_FULL ||
       lower->code == PS_STORE_ERROR_READ_ONLY || lower->code == PS_STORE_ERROR_IN_USE))
    lower->code = PS_STORE_ERROR_CORRUPT;
  return fail_from (error, lower, wrong_key);
}

static void
remove_db_files (const char *path)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* What the file is before any key touches it. */
static gboolean
classify_backup (const char  *path,
                 GError     **error)
{
  static const char plaintext[16] = "SQLite format 3";
  char header[16];
  struct stat st;
  ssize_t n;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return ps_backup_fail (error, errno == ENOENT || errno == EACCES || errno == EPERM ?
                          PS_STORE_ERROR_UNREADABLE : PS_STORE_ERROR_FAILED);
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return ps_backup_fail (error, PS_STORE_ERROR_INVALID);
    }
  do
    n = read (fd, header, sizeof header);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (n < 0)
    return ps_backup_fail (error, PS_STORE_ERROR_UNREADABLE);

  /* Never import a plaintext database: a backup is always encrypted. */
  if (st.st_size == 0 || (n == sizeof header && memcmp (header, plaintext, sizeof header) == 0))
    return ps_backup_fail (error, PS_STORE_ERROR_INVALID);
  if (st.st_size < BACKUP_PAGE_SIZE || st.st_size % BACKUP_PAGE_SIZE != 0)
    return ps_backup_fail (error, PS_STORE_ERROR_CORRUPT);
  return TRUE;
}

/* sqlite_master, one string per row, in a fixed order (rootpage left out). */
static GPtrArray *
schema_rows (sqlite3  *db,
             GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = ps_sqlite_prepare (db, "SELECT type, name, tbl_name, sql FROM sqlite_master"
                                " ORDER BY type, name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < 4; i++)
        {
          const char *text = ps_sqlite_column_text (stmt, i);

          /* NULL (an automatic index's sql) differs from any text. */
          g_string_append_c (row, text != NULL ? 'T' : 'N');
          g_string_append (row, text != NULL ? text : "");
          g_string_append_c (row, '\x1f');
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  if (rc != SQLITE_DONE)
    {
      ps_sqlite_fail (db, sqlite3_extended_errcode (db), error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The schema Peerside's migrations make for @version, in memory. */
static GPtrArray *
expected_schema_rows (guint version)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  g_assert (version <= ps_store_schema_version ());
  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    g_error ("Cannot open an in-memory database");
  for (guint i = 0; i < version; i++)
    if (!ps_sqlite_exec (db, ps_store_schema_migration (i), &error))
      g_error ("Migration %u does not run in memory: %s", i + 1, error->message);
  rows = schema_rows (db, &error);
  g_assert_no_error (error);
  return rows;
}

static gboolean
schema_is_expected (sqlite3  *db,
                    guint     version,
                    GError  **error)
{
  g_autoptr(GPtrArray) expected = expected_schema_rows (version);
  g_autoptr(GPtrArray) found = schema_rows (db, error);

  if (found == NULL)
    return FALSE;
  if (found->len != expected->len)
    return ps_backup_fail (error, PS_STORE_ERROR_INVALID);
  for (guint i = 0; i < found->len; i++)
    if (!g_str_equal (found->pdata[i], expected->pdata[i]))
      return ps_backup_fail (error, PS_STORE_ERROR_INVALID);
  return TRUE;
}

/* "ok" from integrity_check, and no dangling reference. */
static gboolean
check_consistent (sqlite3  *db,
                  GError  **error)
{
  g_autofree char *check = NULL;
  g_autofree char *dangling = NULL;

  if (!(check = ps_sqlite_query_text (db, "PRAGMA integrity_check", error)))
    return FALSE;
  if (!g_str_equal (check, "ok"))
    return ps_backup_fail (error, PS_STORE_ERROR_CORRUPT);
  if (!(dangling = ps_sqlite_query_text (db, "PRAGMA foreign_key_check", error)))
    return FALSE;
  if (dangling[0] != '\0')
    return ps_backup_fail (error, PS_STORE_ERROR_CORRUPT);
  return TRUE;
}

static gboolean
count (sqlite3     *db,
       const char  *sql,
       guint       *out,
       GError     **error)
{
  gint64 n = 0;

  if (!ps_sqlite_query_int64 (db, sql, &n, error))
    return FALSE;
  *out = (guint)CLAMP (n, 0, G_MAXUINT);
  return TRUE;
}

/* @path as a read-only, immutable URI: no lock, no -shm or -journal made
 * beside a file that is not ours. */
static char *
backup_uri (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  return uri != NULL ? g_strconcat (uri, "?mode=ro&immutable=1", NULL) : NULL;
}

/* Opens and checks a backup, read-only. */
static sqlite3 *
open_backup (const char    *path,
             const char    *passphrase,
             PsBackupInfo  *info,
             GError       **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *uri = NULL;
  GError *local_error = NULL;
  gint64 version = 0;

  if (!classify_backup (path, error))
    return NULL;
  if (!(uri = backup_uri (path)))
    {
      ps_backup_fail (error, PS_STORE_ERROR_UNREADABLE);
      return NULL;
    }

  db = ps_store_open_keyed (uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, passphrase,
                            (int)strlen (passphrase), TRUE, &local_error);
  if (db == NULL)
    {
      fail_reading (error, local_error, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
      return NULL;
    }

  /* The header's user_version first: a newer schema cannot be compared. */
  if (!ps_sqlite_query_int64 (db, "PRAGMA user_version", &version, &local_error))
    {
      fail_reading (error, local_error, PS_STORE_ERROR_CORRUPT);
      return NULL;
    }
  if (version > (gint64)ps_store_schema_version ())
    {
      ps_backup_fail (error, PS_STORE_ERROR_TOO_NEW);
      return NULL;
    }
  if (version <= 0)
    {
      ps_backup_fail (error, PS_STORE_ERROR_INVALID);
      return NULL;
    }

  if (!schema_is_expected (db, (guint)version, &local_error) ||
      !check_consistent (db, &local_error))
    {
      fail_reading (error, local_error, PS_STORE_ERROR_CORRUPT);
      return NULL;
    }

  info->schema_version = (guint)version;
  if (!count (db, "SELECT count(*) FROM cases", &info->n_cases, &local_error) ||
      !count (db, "SELECT count(*) FROM cases WHERE closure_status = 'open'",
              &info->n_open_cases, &local_error) ||
      !count (db, "SELECT count(*) FROM conversations", &info->n_conversations, &local_error))
    {
      fail_reading (error, local_error, PS_STORE_ERROR_CORRUPT);
      return NULL;
    }

  return g_steal_pointer (&db);
}

/* ATTACH @path AS @name KEY @key, bound, so neither is ever part of SQL text. */
static gboolean
attach (sqlite3     *db,
        const char  *path,
        const char  *name,
        const char  *key,
        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("ATTACH DATABASE ?1 AS %s KEY ?2", name);
  g_autofree char *compat = g_strdup_printf ("PRAGMA %s.cipher_compatibility = 3", name);

  g_assert (g_regex_match_simple ("^[a-z]+$", name, 0, 0));
  /* ATTACH reads an existing file at once, before any pragma on it: under
   * SQLCipher 4 the 3.x format must already be the default by then (3.4
   * ignores the pragma; its default is that format). */
  if (!ps_sqlite_exec (db, "PRAGMA cipher_default_compatibility = 3", error) ||
      !ps_store_fuzzing_kdf (db, error) ||
      !(stmt = ps_sqlite_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (!ps_sqlite_step_done (db, stmt, error))
    return FALSE;
  /* Before the first write: SQLCipher 4 then writes the 3.x format that
   * 3.4 reads; 3.4 ignores the pragma and writes it anyway. */
  return ps_sqlite_exec (db, compat, error);
}

/* Copies @db's main database into the attached @name, with its user_version. */
static gboolean
export_into (sqlite3     *db,
             const char  *name,
             gint64       version,
             GError     **error)
{
  g_autofree char *export = g_strdup_printf ("SELECT sqlcipher_export('%s')", name);
  g_autofree char *set_version = g_strdup_printf ("PRAGMA %s.user_version = %" G_GINT64_FORMAT,
                                                  name, version);

  if (!ps_sqlite_begin (db, PS_SQLITE_DEFERRED, error))
    return FALSE;
  if (!ps_sqlite_exec (db, export, error) ||
      !ps_sqlite_exec (db, set_version, error))
    return ps_sqlite_rollback (db);
  return ps_sqlite_commit (db, error);
}

static void
detach (sqlite3    *db,
        const char *name)
{
  g_autofree char *sql = g_strdup_printf ("DETACH DATABASE %s", name);

  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("DETACH %s: %s", name, sqlite3_errmsg (db));
}

/* Fills @db, empty, with the checked backup at @path: Peerside's own
 * migrations up to @version make the tables, then each table's rows are
 * inserted in creation order (parents first) with every constraint on. */
static gboolean
copy_through_schema (sqlite3     *db,
                     const char  *path,
                     const char  *passphrase,
                     guint        version,
                     GError     **error)
{
  g_autofree char *uri = backup_uri (path);
  g_autoptr(sqlite3_stmt) tables = NULL;
  GError *local_error = NULL;
  int rc;

  if (uri == NULL)
    return ps_backup_fail (error, PS_STORE_ERROR_UNREADABLE);
  if (!ps_store_migrate_to (db, version, error) ||
      !ps_sqlite_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !attach (db, uri, "backup", passphrase, error))
    return FALSE;

  /* Table names from our own schema, never from the file. */
  tables = ps_sqlite_prepare (db, "SELECT name FROM main.sqlite_master WHERE type = 'table'"
                                  " ORDER BY rowid", error);
  if (tables == NULL || !ps_sqlite_begin (db, PS_SQLITE_DEFERRED, error))
    goto fail;
  while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
    {
      const char *name = ps_sqlite_column_text (tables, 0);
      g_autofree char *insert = g_strdup_printf ("INSERT INTO main.\"%s\" SELECT * FROM"
                                                 " backup.\"%s\"", name, name);

      if (!ps_sqlite_exec (db, insert, &local_error))
        {
          /* A row that a CHECK, NOT NULL or foreign key refuses. */
          if (g_error_matches (local_error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID))
            {
              g_clear_error (&local_error);
              ps_backup_fail (&local_error, PS_STORE_ERROR_CORRUPT);
            }
          g_propagate_error (error, local_error);
          goto fail;
        }
    }
  if (rc != SQLITE_DONE)
    {
      ps_sqlite_fail (db, sqlite3_extended_errcode (db), error);
      goto fail;
    }
  g_clear_pointer (&tables, sqlite3_finalize);
  if (!ps_sqlite_commit (db, error))
    goto fail;
  detach (db, "backup");
  return TRUE;

fail:
  g_clear_pointer (&tables, sqlite3_finalize);
  ps_sqlite_rollback (db);
  detach (db, "backup");
  return FALSE;
}

/* The whole check: the file as such, then its rows through our schema, in
 * memory only. */
gboolean
ps_backup_check_in_process (const char    *path,
                            const char    *passphrase,
                            PsBackupInfo  *info,
                            GError       **error)
{
  g_autoptr(sqlite3) backup = NULL;
  g_autoptr(sqlite3) scratch = NULL;
  GError *local_error = NULL;

  if (!(backup = open_backup (path, passphrase, info, error)))
    return FALSE;
  g_clear_pointer (&backup, sqlite3_close);

  if (sqlite3_open_v2 (":memory:", &scratch,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL)
      != SQLITE_OK)
    return ps_backup_fail (error, PS_STORE_ERROR_FAILED);
  sqlite3_extended_result_codes (scratch, 1);
  sqlite3_db_config (scratch, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);

  if (!copy_through_schema (scratch, path, passphrase, info->schema_version, &local_error))
    return fail_reading (error, local_error, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
  return TRUE;
}

static gboolean
check_passphrase (const char  *passphrase,
                  GError     **error)
{
  if (passphrase == NULL || passphrase[0] == '\0')
    {
      g_set_error_literal (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID,
                           _("A backup needs a passphrase."));
      return FALSE;
    }
  return TRUE;
}

/* Leftovers --------------------------------------------------------------- */

/* A half-written backup lies beside its destination, which may be anywhere:
 * a record of it in the data folder lets the next start remove it. */
static char *
record_pending (const char *data_dir,
                const char *tmp)
{
  g_autofree char *base = g_path_get_basename (tmp);
  g_autofree char *record = NULL;

  g_assert (g_str_has_prefix (base, PS_BACKUP_TEMP_PREFIX));
  record = g_strconcat (data_dir, G_DIR_SEPARATOR_S, PS_BACKUP_PENDING_PREFIX,
                        base + strlen (PS_BACKUP_TEMP_PREFIX), NULL);
  if (!g_file_set_contents_full (record, tmp, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
    g_clear_pointer (&record, g_free);
  return g_steal_pointer (&record);
}

static void
remove_pending (const char *record)
{
  g_autofree char *tmp = NULL;
  g_autofree char *base = NULL;
  gsize length = 0;

  /* Only ever a file of Peerside's own temporary name. */
  if (g_file_get_contents (record, &tmp, &length, NULL) && length == strlen (tmp) &&
      g_path_is_absolute (tmp) && (base = g_path_get_basename (tmp)) != NULL &&
      g_str_has_prefix (base, PS_BACKUP_TEMP_PREFIX) && strchr (tmp, '\n') == NULL)
    remove_db_files (tmp);
  g_unlink (record);
}

void
ps_backup_remove_leftovers (const char *dir)
{
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  const char *name;

  if (entries == NULL)
    return;
  while ((name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_prefix (name, PS_BACKUP_PENDING_PREFIX))
        remove_pending (path);
      else if (g_str_has_prefix (name, PS_BACKUP_COPY_PREFIX) ||
               g_str_has_prefix (name, PS_BACKUP_RESTORING) ||
               g_str_has_prefix (name, PS_STORE_FILE_NAME ".restore-source") ||
               g_str_has_prefix (name, PS_STORE_FILE_NAME ".probe"))
        {
          g_debug ("Removing %s, left by an interrupted backup or restore", name);
          g_unlink (path);
        }
    }
}

/* Export ----------------------------------------------------------------- */

/* A backup that does not fit says so, and what to do. */
static gboolean
fail_export (GError **error,
             GError  *lower)
{
  if (g_error_matches (lower, PS_STORE_ERROR, PS_STORE_ERROR_DISK_FULL))
    {
      g_error_free (lower);
      g_set_error_literal (error, PS_STORE_ERROR, PS_STORE_ERROR_DISK_FULL,
                           _("There is not enough space there for the backup. Free some space "
                             "or choose another place, such as another disk, then try again. "
                             "Nothing was written and your caseload is unchanged."));
      return FALSE;
    }
  return fail_from (error, lower, PS_STORE_ERROR_FAILED);
}

gboolean
ps_backup_export (PsStore     *store,
                  GFile       *dest,
                  const char  *passphrase,
                  GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *record = NULL;
  PsBackupInfo info = { 0 };
  GError *local_error = NULL;
  sqlite3 *db;
  gint64 version = 0;
  gboolean attached = FALSE;
  int fd;

  g_return_val_if_fail (PS_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!check_passphrase (passphrase, error))
    return FALSE;
  if (!(path = g_file_get_path (dest)))
    return ps_backup_fail (error, PS_STORE_ERROR_READ_ONLY);

  db = ps_store_get_db (store);
  if (!sqlite3_get_autocommit (db))
    return ps_backup_fail (error, PS_STORE_ERROR_IN_USE);

  /* Beside @dest, so the rename is atomic; hidden until complete. */
  dir = g_path_get_dirname (path);
  tmp = g_build_filename (dir, PS_BACKUP_TEMP_PREFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;

      ps_store_fail_errno (&local_error, errsv == EACCES || errsv == EPERM ? EROFS : errsv,
                           "Creating the backup");
      return fail_export (error, local_error);
    }
  close (fd);
  data_dir = g_path_get_dirname (ps_store_get_path (store));
  record = record_pending (data_dir, tmp);

  if (!ps_sqlite_query_int64 (db, "PRAGMA main.user_version", &version, &local_error) ||
      !(attached = attach (db, tmp, "backup", passphrase, &local_error)) ||
      !export_into (db, "backup", version, &local_error))
    goto fail;
  detach (db, "backup");
  attached = FALSE;

  if (!ps_store_fsync_path (tmp, O_RDONLY))
    {
      ps_store_fail_errno (&local_error, errno, "Writing the backup");
      goto fail;
    }

  /* Read it back as a restore would, before it replaces anything: in the
   * helper too, since another program may write where it lies. */
  if (!ps_backup_check_isolated (tmp, passphrase, &info, &local_error))
    {
      g_debug ("The new backup does not read back: %s", local_error->message);
      g_clear_error (&local_error);
      ps_store_set_error (&local_error, PS_STORE_ERROR_FAILED);
      goto fail;
    }

  if (g_rename (tmp, path) != 0)
    {
      ps_store_fail_errno (&local_error, errno, "Putting the backup in place");
      goto fail;
    }
  ps_store_fsync_path (dir, O_RDONLY | O_DIRECTORY);
  if (record != NULL)
    g_unlink (record);
  return TRUE;

fail:
  if (attached)
    detach (db, "backup");
  remove_db_files (tmp);
  if (record != NULL)
    g_unlink (record);
  return fail_export (error, local_error);
}

/* Check ------------------------------------------------------------------ */

/* The private copy of @src in @data_dir (NULL: the default), checked by the
 * helper. Returns the copy's path, or NULL. */
static char *
copy_and_check (GFile         *src,
                const char    *passphrase,
                const char    *data_dir,
                PsBackupInfo  *info,
                GError       **error)
{
  g_autofree char *dir = data_dir != NULL ? g_strdup (data_dir) : ps_store_default_data_dir ();
  g_autofree char *copy = NULL;
  GError *local_error = NULL;

  if (!check_passphrase (passphrase, error))
    return NULL;
  if (!(copy = ps_backup_copy_untrusted (src, dir, &local_error)))
    {
      /* The data folder's errors, in the backup's words. */
      PsStoreError code = local_error->code;

      if (code == PS_STORE_ERROR_DISK_FULL || code == PS_STORE_ERROR_READ_ONLY ||
          code == PS_STORE_ERROR_FAILED)
        {
          g_clear_error (&local_error);
          ps_backup_fail (&local_error, code);
        }
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!ps_backup_check_isolated (copy, passphrase, info, error))
    {
      g_unlink (copy);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

gboolean
ps_backup_check (GFile         *src,
                 const char    *passphrase,
                 const char    *data_dir,
                 PsBackupInfo  *info_out,
                 GError       **error)
{
  g_autofree char *copy = NULL;
  PsBackupInfo info = { 0 };

  g_return_val_if_fail (G_IS_FILE (src), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!(copy = copy_and_check (src, passphrase, data_dir, &info, error)))
    return FALSE;
  g_unlink (copy);

  if (info_out != NULL)
    *info_out = info;
  return TRUE;
}

/* Restore ---------------------------------------------------------------- */

/* Writes the backup copy at @from, checked, into a new caseload at @to
 * keyed with @key. */
static gboolean
reencrypt (const char   *from,
           const char   *passphrase,
           const char   *to,
           const PsKey  *key,
           GError      **error)
{
  g_autoptr(sqlite3) backup = NULL;
  g_autoptr(sqlite3) db = NULL;
  char keyspec[PS_KEY_HEX_LENGTH + 4];
  PsBackupInfo info = { 0 };
  int fd;

  if (!(backup = open_backup (from, passphrase, &info, error)))
    return FALSE;
  g_clear_pointer (&backup, sqlite3_close);

  fd = open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return ps_store_fail_errno (error, errno, "Creating the restored caseload");
  close (fd);

  g_snprintf (keyspec, sizeof keyspec, "x'%s'", ps_key_get_hex (key));
  db = ps_store_open_keyed (to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, keyspec,
                            (int)strlen (keyspec), TRUE, error);
  explicit_bzero (keyspec, sizeof keyspec);
  if (db == NULL ||
      !ps_sqlite_exec (db, "PRAGMA secure_delete = ON", error) ||
      !copy_through_schema (db, from, passphrase, info.schema_version, error))
    return FALSE;

  if (sqlite3_close (g_steal_pointer (&db)) != SQLITE_OK)
    return ps_backup_fail (error, PS_STORE_ERROR_FAILED);
  if (!ps_store_fsync_path (to, O_RDONLY))
    return ps_store_fail_errno (error, errno, "Writing the restored caseload");
  return TRUE;
}

/* Opens @path as the caseload would be opened (which brings its schema up to
 * date), then checks it whole. */
static gboolean
open_as_caseload (const char   *path,
                  const PsKey  *key,
                  gboolean      full_check,
                  GError      **error)
{
  g_autoptr(sqlite3) db = ps_store_open_db (path, ps_key_get_hex (key), FALSE, error);

  if (db == NULL)
    return FALSE;
  return !full_check || check_consistent (db, error);
}

static gboolean
move_aside (const char *from,
            const char *to,
            gboolean   *moved)
{
  *moved = FALSE;
  if (g_rename (from, to) == 0)
    {
      *moved = TRUE;
      return TRUE;
    }
  return errno == ENOENT;
}

/* Puts @restoring in place of @path, keeping the old caseload (and a WAL
 * left beside it, which must never meet the new file) as @before: deleted
 * once the new one opens, unless @keep_before. */
static gboolean
swap_in (const char   *path,
         const char   *restoring,
         const char   *before,
         gboolean      keep_before,
         const PsKey  *key,
         GError      **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *before_wal = g_strconcat (before, "-wal", NULL);
  GError *local_error = NULL;
  gboolean had_old, moved_wal = FALSE, swapped = FALSE;
  struct stat st;

  remove_db_files (before);

  had_old = lstat (path, &st) == 0;
  /* A hard link: the caseload stays where it is until the rename. */
  if (had_old && link (path, before) != 0)
    return ps_store_fail_errno (error, errno, "Keeping the current caseload");

  if (!move_aside (wal, before_wal, &moved_wal))
    {
      ps_store_fail_errno (error, errno, "Keeping the current caseload");
      remove_db_files (before);
      return FALSE;
    }
  g_unlink (shm);

  if (g_rename (restoring, path) != 0)
    {
      ps_store_fail_errno (error, errno, "Putting the restored caseload in place");
      goto put_back;
    }
  swapped = TRUE;
  ps_store_fsync_path (dir, O_RDONLY | O_DIRECTORY);

  if (!open_as_caseload (path, key, FALSE, &local_error))
    {
      g_propagate_error (error, local_error);
      goto put_back;
    }

  if (!keep_before)
    remove_db_files (before);
  ps_store_fsync_path (dir, O_RDONLY | O_DIRECTORY);
  return TRUE;

put_back:
  /* Nothing of the new file may stay beside the old one, above all its WAL. */
  g_unlink (wal);
  g_unlink (shm);
  if (!swapped)
    g_unlink (before);               /* only a second name of the caseload */
  else if (had_old)
    g_rename (before, path);
  else
    g_unlink (path);
  if (moved_wal)
    g_rename (before_wal, wal);
  ps_store_fsync_path (dir, O_RDONLY | O_DIRECTORY);
  return FALSE;
}

/* caseload-unreadable-20261201-143000.db, beside the caseload, a name no
 * file has yet. */
static char *
kept_name (const char *dir)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint i = 0; ; i++)
    {
      g_autofree char *name = i == 0 ? g_strdup_printf ("caseload-unreadable-%s.db", stamp)
                                     : g_strdup_printf ("caseload-unreadable-%s-%u.db", stamp, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      struct stat st;

      if (lstat (path, &st) != 0 && errno == ENOENT && lstat (wal, &st) != 0 && errno == ENOENT)
        return g_steal_pointer (&path);
    }
}

gboolean
ps_backup_restore (GFile           *src,
                   const char      *passphrase,
                   const char      *data_dir,
                   const PsKey     *key,
                   PsRestoreFlags   flags,
                   char           **kept_path,
                   GError         **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *restoring = NULL;
  g_autofree char *before = NULL;
  GError *local_error = NULL;
  PsBackupInfo info = { 0 };
  gboolean exists = FALSE;
  gboolean keep = FALSE;
  gboolean ok = FALSE;
  int lock_fd = -1;

  g_return_val_if_fail (G_IS_FILE (src), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (kept_path == NULL || *kept_path == NULL, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!check_passphrase (passphrase, error))
    return FALSE;

  dir = data_dir != NULL ? g_strdup (data_dir) : ps_store_default_data_dir ();
  path = g_build_filename (dir, PS_STORE_FILE_NAME, NULL);
  restoring = g_build_filename (dir, PS_BACKUP_RESTORING, NULL);

  /* The directory lock: fails with IN_USE while the store is open. */
  if (!ps_store_prepare_dir (dir, &lock_fd, &exists, error))
    return FALSE;

  keep = (flags & PS_RESTORE_KEEP_CURRENT) != 0 && exists;
  before = keep ? kept_name (dir) : g_strconcat (path, ".before-restore", NULL);

  /* A leftover of an interrupted restore is ours, never the caseload. */
  remove_db_files (restoring);

  /* A private copy, checked by the helper: SQLite reads it here only once
   * its schema is known to be Peerside's own, and the user's file cannot
   * change between the check and its use. */
  if (!(copy = copy_and_check (src, passphrase, dir, &info, error)))
    goto out;

  if (!reencrypt (copy, passphrase, restoring, key, &local_error))
    {
      fail_from (error, local_error, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
      goto out;
    }
  remove_db_files (copy);

  if (!open_as_caseload (restoring, key, TRUE, &local_error))
    {
      /* Ours, made with our key: failing now is not the backup's fault. */
      g_propagate_error (error, local_error);
      goto out;
    }

  ok = swap_in (path, restoring, before, keep, key, error);
  if (ok && keep && kept_path != NULL)
    *kept_path = g_strdup (before);

out:
  if (copy != NULL)
    remove_db_files (copy);
  remove_db_files (restoring);
  close (lock_fd);
  return ok;
}

/* Async ------------------------------------------------------------------ */

typedef struct
{
  GFile      *src;
  char       *passphrase;
  char       *data_dir;
  PsKeyVault *vault;
  PsKey      *key;
  PsRestoreFlags flags;
  char       *kept_path;
  char       *copy;       /* the checked copy, until the caller takes it */
  PsBackupInfo info;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_clear_object (&job->src);
  if (job->passphrase != NULL)
    explicit_bzero (job->passphrase, strlen (job->passphrase));
  g_clear_pointer (&job->passphrase, g_free);
  g_clear_pointer (&job->data_dir, g_free);
  g_clear_object (&job->vault);
  g_clear_pointer (&job->key, ps_key_free);
  g_clear_pointer (&job->kept_path, g_free);
  if (job->copy != NULL)
    g_unlink (job->copy);
  g_clear_pointer (&job->copy, g_free);
  g_free (job);
}

static GTask *
backup_job_new (GFile               *src,
                const char          *passphrase,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  BackupJob *job = g_new0 (BackupJob, 1);

  job->src = g_object_ref (src);
  job->passphrase = g_strdup (passphrase != NULL ? passphrase : "");
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify)backup_job_free);
  return task;
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;

  job->copy = copy_and_check (job->src, job->passphrase, job->data_dir, &job->info, &error);
  if (job->copy != NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ps_backup_check_async (GFile               *src,
                       const char          *passphrase,
                       const char          *data_dir,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (src));

  task = backup_job_new (src, passphrase, ps_backup_check_async, cancellable, callback,
                         user_data);
  ((BackupJob *)g_task_get_task_data (task))->data_dir = g_strdup (data_dir);
  g_task_run_in_thread (task, check_thread);
}

gboolean
ps_backup_check_finish (GAsyncResult  *result,
                        PsBackupInfo  *info_out,
                        GFile        **checked_copy,
                        GError       **error)
{
  BackupJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (info_out != NULL)
    *info_out = job->info;
  if (checked_copy != NULL)
    {
      *checked_copy = g_file_new_for_path (job->copy);
      g_clear_pointer (&job->copy, g_free);
    }
  return TRUE;
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;

  if (ps_backup_restore (job->src, job->passphrase, job->data_dir, job->key, job->flags,
                         &job->kept_path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
caseload_exists (const char *data_dir)
{
  g_autofree char *dir = data_dir != NULL ? g_strdup (data_dir) : ps_store_default_data_dir ();
  g_autofree char *path = g_build_filename (dir, PS_STORE_FILE_NAME, NULL);
  struct stat st;

  return lstat (path, &st) == 0 || errno != ENOENT;
}

static void
restore_key_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BackupJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->key = ps_key_vault_ensure_finish (PS_KEY_VAULT (object), result, &error);
  if (job->key != NULL)
    g_task_run_in_thread (task, restore_thread);
  else
    g_task_return_error (task, error);
}

void
ps_backup_restore_async (GFile               *src,
                         const char          *passphrase,
                         const char          *data_dir,
                         PsKeyVault          *vault,
                         PsRestoreFlags       flags,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  g_return_if_fail (G_IS_FILE (src));
  g_return_if_fail (PS_IS_KEY_VAULT (vault));

  task = backup_job_new (src, passphrase, ps_backup_restore_async, cancellable, callback,
                         user_data);
  job = g_task_get_task_data (task);
  job->flags = flags;
  job->data_dir = g_strdup (data_dir);
  job->vault = g_object_ref (vault);
  /* A new computer: no caseload and no key yet, so the key is made, as the
   * first run would. A caseload whose key is missing is never replaced
   * with a new key unless the caller chose to keep it aside. */
  ps_key_vault_ensure_async (vault,
                             !caseload_exists (data_dir) ||
                             (flags & PS_RESTORE_KEEP_CURRENT) != 0,
                             cancellable, restore_key_cb, g_steal_pointer (&task));
}

gboolean
ps_backup_restore_finish (GAsyncResult  *result,
                          char         **kept_path,
                          GError       **error)
{
  BackupJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (kept_path != NULL)
    *kept_path = g_strdup (job->kept_path);
  return TRUE;
}
