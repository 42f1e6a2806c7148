/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PS_STORE_ERROR (ps_store_error_quark ())

/* Every way opening or writing the caseload can fail. The window shows one
 * page per code; messages never name a colleague. */
typedef enum
{
  PS_STORE_ERROR_NO_SECRET_SERVICE,
  PS_STORE_ERROR_KEYRING_LOCKED,
  PS_STORE_ERROR_KEY_MISSING,
  PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE,
  PS_STORE_ERROR_CORRUPT,
  PS_STORE_ERROR_UNREADABLE,
  PS_STORE_ERROR_TOO_NEW,
  PS_STORE_ERROR_DISK_FULL,
  PS_STORE_ERROR_READ_ONLY,
  PS_STORE_ERROR_INVALID,
  PS_STORE_ERROR_NOT_FOUND,
  PS_STORE_ERROR_IN_USE,
  PS_STORE_ERROR_FAILED,
  /* A -wal made with another key, or a -journal, beside the caseload: the
   * caseload alone opens, but not with that file. */
  PS_STORE_ERROR_STRAY_WAL,
  PS_STORE_ERROR_STRAY_JOURNAL,
} PsStoreError;

GQuark      ps_store_error_quark    (void);
const char *ps_store_error_message  (PsStoreError code);
void        ps_store_set_error      (GError      **error,
                                     PsStoreError  code);

G_END_DECLS
