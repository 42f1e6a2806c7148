/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-key.h"
#include "ps-store.h"

G_BEGIN_DECLS

/* What a backup holds, for the confirmation before restoring it. */
typedef struct
{
  guint schema_version;
  guint n_cases;
  guint n_open_cases;
  guint n_conversations;
} PsBackupInfo;

/* Encrypted backups: a copy of the caseload keyed with a passphrase through
 * SQLCipher's key derivation, in SQLCipher 3 format (read by 3.4 and 4.x).
 * The passphrase is never logged or copied; the caller wipes its own buffer.
 * Errors are in PS_STORE_ERROR, each with a message for a person that says
 * nothing was changed:
 *   WRONG_KEY_OR_NOT_A_DATABASE  the passphrase does not open the file (random
 *                                bytes get this too: the two cannot be told apart)
 *   INVALID                      not a Peerside backup: plaintext SQLite, an empty
 *                                file, a folder, another schema; or no passphrase
 *   CORRUPT                      truncated or damaged, or rows that break the
 *                                schema's constraints
 *   TOO_NEW                      made by a newer Peerside
 *   IN_USE                       restore while the caseload is open
 *   DISK_FULL, READ_ONLY, UNREADABLE, FAILED
 *
 * Each call blocks (key derivation, whole-file checks): run it in a thread,
 * or use the _async versions. */

/* Writes @dest whole or not at all (a temporary file, checked by reading it
 * back with @passphrase, then renamed over @dest), mode 0600. Uses the
 * store's connection: call it on the thread that uses @store. */
gboolean ps_backup_export        (PsStore              *store,
                                  GFile                *dest,
                                  const char           *passphrase,
                                  GError              **error);

/* Opens @src once (a link, a FIFO, a device or a file over 512 MiB is
 * refused), copies it into a private file in @data_dir (NULL: the default)
 * and checks the copy in the peerside-backup-check helper, in order: not
 * plaintext, the passphrase, not newer than this Peerside, exactly
 * Peerside's schema, integrity and foreign keys. Removes the copy after;
 * writes nothing else, and never touches the caseload. */
gboolean ps_backup_check         (GFile                *src,
                                  const char           *passphrase,
                                  const char           *data_dir,
                                  PsBackupInfo         *info_out,
                                  GError              **error);

typedef enum
{
  PS_RESTORE_REPLACE      = 0,
  /* The caseload here does not open (its key is missing or wrong, or it is
   * damaged): keep it in the data folder under another name instead of
   * deleting it, and if its key is missing, restore with a new key. */
  PS_RESTORE_KEEP_CURRENT = 1 << 0,
} PsRestoreFlags;

/* Replaces the caseload in @data_dir (NULL: the default) with @src,
 * re-encrypted with @key, the caseload key from the keyring. The store must
 * be closed (else IN_USE). Checks everything ps_backup_check() does, writes
 * the new file beside the caseload, opens and checks it, then swaps it in;
 * the old caseload is kept as caseload.db.before-restore until the new one
 * opened, then deleted — or, with PS_RESTORE_KEEP_CURRENT, kept as
 * caseload-unreadable-DATE-TIME.db, whose path @kept_path gets. Any failure
 * leaves the current caseload as it was. */
gboolean ps_backup_restore       (GFile                *src,
                                  const char           *passphrase,
                                  const char           *data_dir,
                                  const PsKey          *key,
                                  PsRestoreFlags        flags,
                                  char                **kept_path,
                                  GError              **error);

/* In a thread. The passphrase is copied, and the copy wiped when done.
 * @checked_copy: the private copy that was checked, for
 * ps_backup_restore_async(), so the file restored is the file confirmed;
 * the caller deletes it. NULL: it is deleted here. */
void     ps_backup_check_async   (GFile                *src,
                                  const char           *passphrase,
                                  const char           *data_dir,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean ps_backup_check_finish  (GAsyncResult         *result,
                                  PsBackupInfo         *info_out,
                                  GFile               **checked_copy,
                                  GError              **error);

/* Reads the caseload key from @vault, then restores in a thread. With no
 * caseload in @data_dir and no key in the keyring (a new computer), a key
 * is made and stored first, as on a first run. A caseload whose key is
 * missing fails with KEY_MISSING and is left alone, unless @flags has
 * PS_RESTORE_KEEP_CURRENT: then it is kept under another name and the
 * backup restored with a new key. */
void     ps_backup_restore_async (GFile                *src,
                                  const char           *passphrase,
                                  const char           *data_dir,
                                  PsKeyVault           *vault,
                                  PsRestoreFlags        flags,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
/* @kept_path: where the unreadable caseload was kept, or NULL. */
gboolean ps_backup_restore_finish (GAsyncResult        *result,
                                   char               **kept_path,
                                   GError             **error);

/* peerside --verify-backup FILE: reads the passphrase from standard input
 * (asked without echo on a terminal), checks the backup as Restore does,
 * prints one line and returns the exit status: 0 for a valid backup. */
int      ps_backup_verify_command (const char          *path);

G_END_DECLS
