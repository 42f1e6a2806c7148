/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"

G_BEGIN_DECLS

/* Exports the conversations and first-contact deadlines of a period to an
 * iCalendar (.ics) file chosen in the system's file chooser. Names are left
 * out unless "Include names" is ticked. On success the dialog closes with a
 * "Schedule exported" toast on the main window. */
#define PS_TYPE_EXPORT_DIALOG (ps_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsExportDialog, ps_export_dialog, PS, EXPORT_DIALOG, AdwWindow)

PsExportDialog *ps_export_dialog_new     (PsContext      *context);

/* What Export… does once a file is chosen: writes it (mode 0600), then
 * closes with a toast, or shows the error in the dialog. */
gboolean        ps_export_dialog_save_to (PsExportDialog *self,
                                          GFile          *file);

G_END_DECLS
