/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-backup.h"

G_BEGIN_DECLS

/* The largest file taken as a backup: far above any caseload (10,000 cases
 * and 30,000 conversations take a few megabytes), far below a full disk. */
#define PS_BACKUP_MAX_SIZE ((goffset)512 * 1024 * 1024)

/* The longest passphrase the helper reads. */
#define PS_BACKUP_MAX_PASSPHRASE 4096

/* Names of Peerside's own temporary files, recognisable so that what an
 * interrupted backup, check or restore left is removed at the next start. */
#define PS_BACKUP_COPY_PREFIX     PS_STORE_FILE_NAME ".untrusted-"
#define PS_BACKUP_RESTORING       PS_STORE_FILE_NAME ".restoring"
#define PS_BACKUP_PENDING_PREFIX  PS_STORE_FILE_NAME ".backup-pending-"
#define PS_BACKUP_TEMP_PREFIX     ".peerside-backup-"

/* Sets @error to @code with the backup's wording of it; returns FALSE. */
gboolean  ps_backup_fail                 (GError       **error,
                                          PsStoreError   code);

/* Opens @src once (no link followed, never blocking), refuses anything but a
 * regular file under PS_BACKUP_MAX_SIZE, and copies it into a new private
 * file in @dir (made 0700 if missing). Returns the copy's path: every later
 * step reads the copy, never @src again. */
char     *ps_backup_copy_untrusted       (GFile         *src,
                                          const char    *dir,
                                          GError       **error);

/* The whole check of a backup at @path, in this process: only for a file
 * Peerside itself just wrote, or inside the helper. */
gboolean  ps_backup_check_in_process     (const char    *path,
                                          const char    *passphrase,
                                          PsBackupInfo  *info,
                                          GError       **error);

/* The check in the peerside-backup-check helper, under a time limit and
 * resource limits. A helper that crashes, hangs or answers nonsense ends in
 * INVALID, "not a Peerside backup, or damaged". */
gboolean  ps_backup_check_isolated       (const char    *path,
                                          const char    *passphrase,
                                          PsBackupInfo  *info,
                                          GError       **error);

/* The helper's side: checks @path in this process and returns its one-line
 * answer, which ps_backup_parse_answer() reads back. */
char     *ps_backup_helper_answer        (const char    *path,
                                          const char    *passphrase);
gboolean  ps_backup_parse_answer         (const char    *answer,
                                          PsBackupInfo  *info,
                                          GError       **error);

/* Removes what an interrupted backup, check or restore left: the copies and
 * half-made caseloads in @dir, and the half-written backups recorded there. */
void      ps_backup_remove_leftovers     (const char    *dir);

/* Tests: the helper's time limit, in seconds (0: the default). */
void      ps_backup_set_helper_timeout   (guint          seconds);

G_END_DECLS
