/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlcipher/sqlite3.h>

#include "ps-case-list.h"
#include "ps-store.h"

G_BEGIN_DECLS

#define PS_STORE_FILE_NAME "caseload.db"

/* The connection, for the table files and the backup (and for tests that
 * look at the file with raw SQL). */
sqlite3 *ps_store_get_db (PsStore *self);

G_END_DECLS

G_BEGIN_DECLS

/* ps-store-open.c: the data directory, its lock, and a verified connection. */
sqlite3  *ps_store_open_keyed  (const char  *path,
                                int          flags,
                                const char  *key,
                                int          key_len,
                                gboolean     untrusted,
                                GError     **error);
gboolean  ps_store_fuzzing_kdf (sqlite3     *db,
                                GError     **error);
gboolean  ps_store_migrate_to  (sqlite3     *db,
                                guint        target,
                                GError     **error);
gboolean  ps_store_fail_errno  (GError     **error,
                                int          errsv,
                                const char  *what);
gboolean  ps_store_fsync_path  (const char  *path,
                                int          flags);
gboolean  ps_store_prepare_dir (const char  *dir,
                                int         *lock_fd,
                                gboolean    *db_exists,
                                GError     **error);
sqlite3  *ps_store_open_db     (const char  *path,
                                const char  *hex_key,
                                gboolean     create,
                                GError     **error);

/* One store, shared by its table files (after Epiphany's history service,
 * one file per table over one private header). */
struct _PsStore
{
  GObject      parent_instance;

  sqlite3     *db;
  int          lock_fd;
  PsClock     *clock;
  char        *path;

  PsCaseList  *cases;
  PsCaseList  *open_cases;
  PsCaseList  *closed_cases;
  GHashTable  *case_by_id;           /* gint64* → PsCase, borrowed from cases */
  GHashTable  *delivered;            /* reminder keys delivered; loaded on first use */
  GHashTable  *conversation_by_id;   /* gint64* → PsConversation, weak */
};

/* ps-store.c: what every table's operations share. */
char     *ps_store_now_iso      (PsStore       *self);
/* Step ids and reminder keys: 1 to 64 of [A-Za-z0-9:._-]. */
gboolean  ps_store_valid_key    (const char    *id);
/* Runs one statement inside the current transaction; @n_changed: rows it changed. */
gboolean  ps_store_step_changes (PsStore       *self,
                                 sqlite3_stmt  *stmt,
                                 int           *n_changed,
                                 GError       **error);
/* Sets @code and returns FALSE. */
gboolean  ps_store_fail_code    (GError       **error,
                                 PsStoreError   code);
void      ps_store_emit_changed (PsStore       *self,
                                 gint64         case_id);
/* One statement as its own transaction; it must change one row, or the
 * case/conversation is gone (NOT_FOUND). */
gboolean  ps_store_write_one    (PsStore       *self,
                                 sqlite3_stmt  *stmt,
                                 GError       **error);
/* An INSERT as its own transaction: the new row's id, or 0. */
gint64    ps_store_insert_one   (PsStore       *self,
                                 sqlite3_stmt  *stmt,
                                 GError       **error);
/* ps_store_write_one() for a row of case @case_id, which is then read back and
 * announced; ps_store_delete_row() deletes the row @id of the DELETE @sql
 * (its one parameter) so. */
gboolean  ps_store_write_case_row (PsStore       *self,
                                   sqlite3_stmt  *stmt,
                                   gint64         case_id,
                                   GError       **error);
gboolean  ps_store_delete_row   (PsStore       *self,
                                 const char    *sql,
                                 gint64         id,
                                 gint64         case_id,
                                 GError       **error);

/* ps-store-cases.c: reads case @case_id back and updates (or adds, or
 * removes) its object; loads every case, at opening. */
void      ps_store_refresh_case (PsStore       *self,
                                 gint64         case_id);
gboolean  ps_store_load_cases   (PsStore       *self,
                                 GError       **error);

/* ps-store-conversations.c: lets go of the cached conversation objects. */
void      ps_store_clear_conversations (PsStore *self);

/* ps-store-cases.c: erases the identity of cases closed before @first_kept
 * ('YYYY-MM-DD'); @n_erased: how many. For ps-retention.c. */
gboolean  ps_store_deidentify_closed_before_day (PsStore     *self,
                                                 const char  *first_kept,
                                                 guint       *n_erased,
                                                 GError     **error);

/* ps-store.c: takes @db and @lock_fd; loads the cases. */
PsStore  *ps_store_new_for_db  (sqlite3     *db,
                                int          lock_fd,
                                PsClock     *clock,
                                GError     **error);

G_END_DECLS
