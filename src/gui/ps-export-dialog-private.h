/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-date-row.h"
#include "ps-export-dialog.h"

G_BEGIN_DECLS

/* For widget tests: the fields a user sets and the error they read. */
PsDateRow      *ps_export_dialog_get_from_row       (PsExportDialog *self);
PsDateRow      *ps_export_dialog_get_to_row         (PsExportDialog *self);
GtkCheckButton *ps_export_dialog_get_names_check    (PsExportDialog *self);
const char     *ps_export_dialog_get_error          (PsExportDialog *self);

G_END_DECLS
