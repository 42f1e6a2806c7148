/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlcipher/sqlite3.h>

#include "ps-store.h"

G_BEGIN_DECLS

#define PS_STORE_FILE_NAME "caseload.db"

/* For tests: the connection, to look at the file with raw SQL. */
sqlite3 *ps_store_get_db (PsStore *self);

G_END_DECLS

G_BEGIN_DECLS

/* ps-store-open.c: the data directory, its lock, and a verified connection. */
gboolean  ps_store_prepare_dir (const char  *dir,
                                int         *lock_fd,
                                gboolean    *db_exists,
                                GError     **error);
sqlite3  *ps_store_open_db     (const char  *path,
                                const char  *hex_key,
                                gboolean     create,
                                GError     **error);

/* ps-store.c: takes @db and @lock_fd; loads the cases. */
PsStore  *ps_store_new_for_db  (sqlite3     *db,
                                int          lock_fd,
                                PsClock     *clock,
                                GError     **error);

G_END_DECLS
