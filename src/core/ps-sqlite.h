/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlcipher/sqlite3.h>

#include <glib.h>

#include "ps-store-error.h"

G_BEGIN_DECLS

/* Small helpers over one SQLite connection, after Epiphany's
 * ephy-sqlite-connection: every failure becomes a PS_STORE_ERROR. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

PsStoreError   ps_sqlite_error_code   (sqlite3       *db,
                                       int            rc);
gboolean       ps_sqlite_fail         (sqlite3       *db,
                                       int            rc,
                                       GError       **error);
gboolean       ps_sqlite_exec         (sqlite3       *db,
                                       const char    *sql,
                                       GError       **error);
/* Transactions: BEGIN; COMMIT, which rolls back when it fails; ROLLBACK
 * if a transaction is open, returning FALSE. IMMEDIATE takes the write lock
 * at once, so that a second writer fails at the start rather than half-way;
 * DEFERRED is for a connection whose main database is read-only (a backup
 * written into an attached one). */
typedef enum
{
  PS_SQLITE_IMMEDIATE,
  PS_SQLITE_DEFERRED,
} PsSqliteBegin;

gboolean       ps_sqlite_begin        (sqlite3       *db,
                                       PsSqliteBegin  mode,
                                       GError       **error);
gboolean       ps_sqlite_commit       (sqlite3       *db,
                                       GError       **error);
gboolean       ps_sqlite_rollback     (sqlite3       *db);
sqlite3_stmt  *ps_sqlite_prepare      (sqlite3       *db,
                                       const char    *sql,
                                       GError       **error);
gboolean       ps_sqlite_step_done    (sqlite3       *db,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
gboolean       ps_sqlite_query_int64  (sqlite3       *db,
                                       const char    *sql,
                                       gint64        *out,
                                       GError       **error);
char          *ps_sqlite_query_text   (sqlite3       *db,
                                       const char    *sql,
                                       GError       **error);

/* Binds NULL for a NULL string. */
void           ps_sqlite_bind_text    (sqlite3_stmt  *stmt,
                                       int            index,
                                       const char    *text);
void           ps_sqlite_bind_take    (sqlite3_stmt  *stmt,
                                       int            index,
                                       char          *text);
const char    *ps_sqlite_column_text  (sqlite3_stmt  *stmt,
                                       int            column);

G_END_DECLS
