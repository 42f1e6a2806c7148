/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"

G_BEGIN_DECLS

typedef enum
{
  PS_BACKUP_DIALOG_BACKUP,
  PS_BACKUP_DIALOG_RESTORE,
} PsBackupDialogMode;

#define PS_TYPE_BACKUP_DIALOG (ps_backup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsBackupDialog, ps_backup_dialog, PS, BACKUP_DIALOG, AdwWindow)

PsBackupDialog *ps_backup_dialog_new          (PsContext          *context,
                                               PsBackupDialogMode  mode);
/* What runs once the file chooser answered (tests call them directly). */
gboolean        ps_backup_dialog_save_to      (PsBackupDialog     *self,
                                               GFile              *file);
void            ps_backup_dialog_restore_from (PsBackupDialog     *self,
                                               GFile              *file);
const char     *ps_backup_dialog_get_message  (PsBackupDialog     *self);

G_END_DECLS
