/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sys/resource.h>
#include <sys/statvfs.h>

#include "ps-sqlite.h"

/* SQLite 3.15 has no sqlite3_system_errno(): a write error is taken for a
 * full disk when there is (nearly) no room left, or when a file size limit
 * is set — the two ways a write fails for lack of space. */
static gboolean
looks_like_no_room (sqlite3 *db)
{
  const char *path = sqlite3_db_filename (db, "main");
  g_autofree char *dir = NULL;
  struct rlimit limit;
  struct statvfs fs;

  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    return TRUE;

  if (path == NULL || path[0] == '\0')
    return FALSE;

  dir = g_path_get_dirname (path);
  return statvfs (dir, &fs) == 0 && (guint64)fs.f_bavail * fs.f_frsize < 1024 * 1024;
}

PsStoreError
ps_sqlite_error_code (sqlite3 *db,
                      int      rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return PS_STORE_ERROR_DISK_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return PS_STORE_ERROR_READ_ONLY;
    case SQLITE_NOTADB:
      return PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return PS_STORE_ERROR_CORRUPT;
    case SQLITE_CANTOPEN:
      return PS_STORE_ERROR_UNREADABLE;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return PS_STORE_ERROR_INVALID;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return PS_STORE_ERROR_IN_USE;
    case SQLITE_IOERR:
      switch (rc)
        {
        case SQLITE_IOERR_WRITE:
        case SQLITE_IOERR_FSYNC:
        case SQLITE_IOERR_TRUNCATE:
        case SQLITE_IOERR_SHMSIZE:
        case SQLITE_IOERR_SHMMAP:
          return looks_like_no_room (db) ? PS_STORE_ERROR_DISK_FULL : PS_STORE_ERROR_FAILED;
        default:
          return PS_STORE_ERROR_FAILED;
        }
    case SQLITE_ERROR:
      /* A damaged page in the schema area: the schema's text no longer parses. */
      if (db != NULL && g_str_has_prefix (sqlite3_errmsg (db), "malformed database schema"))
        return PS_STORE_ERROR_CORRUPT;
      return PS_STORE_ERROR_FAILED;
    default:
      return PS_STORE_ERROR_FAILED;
    }
}

/* Always returns FALSE, for "return ps_sqlite_fail (...)". SQLite's own
 * message goes to the debug log only: it can quote SQL, never a value. */
gboolean
ps_sqlite_fail (sqlite3  *db,
                int       rc,
                GError  **error)
{
  PsStoreError code = ps_sqlite_error_code (db, rc);

  g_debug ("SQLite error %d: %s", rc, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  ps_store_set_error (error, code);
  return FALSE;
}

gboolean
ps_sqlite_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return ps_sqlite_fail (db, sqlite3_extended_errcode (db), error);
  return TRUE;
}

/* Transactions, after ephy_sqlite_connection_begin_transaction. */
gboolean
ps_sqlite_begin (sqlite3         *db,
                 PsSqliteBegin    mode,
                 GError         **error)
{
  return ps_sqlite_exec (db, mode == PS_SQLITE_IMMEDIATE ? "BEGIN IMMEDIATE" : "BEGIN", error);
}

/* Always FALSE, so that a failed step can `return ps_sqlite_rollback (db);`. */
gboolean
ps_sqlite_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Commits, or rolls back and fails: a COMMIT that failed (a full disk) can
 * leave the transaction open. */
gboolean
ps_sqlite_commit (sqlite3  *db,
                  GError  **error)
{
  if (!ps_sqlite_exec (db, "COMMIT", error))
    return ps_sqlite_rollback (db);
  return TRUE;
}

sqlite3_stmt *
ps_sqlite_prepare (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      ps_sqlite_fail (db, sqlite3_extended_errcode (db), error);
      return NULL;
    }
  return stmt;
}

gboolean
ps_sqlite_step_done (sqlite3       *db,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return ps_sqlite_fail (db, sqlite3_extended_errcode (db), error);
  return TRUE;
}

gboolean
ps_sqlite_query_int64 (sqlite3     *db,
                       const char  *sql,
                       gint64      *out,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = ps_sqlite_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        rc = SQLITE_ERROR;
      return ps_sqlite_fail (db, sqlite3_extended_errcode (db) != SQLITE_OK ?
                                 sqlite3_extended_errcode (db) : rc, error);
    }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The first column of the first row ("" when there is no row). */
char *
ps_sqlite_query_text (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = ps_sqlite_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return g_strdup ("");
  if (rc != SQLITE_ROW)
    {
      ps_sqlite_fail (db, sqlite3_extended_errcode (db), error);
      return NULL;
    }
  return g_strdup (ps_sqlite_column_text (stmt, 0));
}

void
ps_sqlite_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Binds and frees @text. */
void
ps_sqlite_bind_take (sqlite3_stmt *stmt,
                     int           index,
                     char         *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, g_free);
}

const char *
ps_sqlite_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}
