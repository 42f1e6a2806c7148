/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-date-row.h"
#include "ps-record-dialog.h"

G_BEGIN_DECLS

/* For widget tests: the fields a user fills in and the line they read. */
PsDateRow       *ps_record_dialog_get_date_row     (PsRecordDialog *self);
/* Conversations only (NULL otherwise). */
GtkCheckButton  *ps_record_dialog_get_step_check   (PsRecordDialog *self,
                                                    const char     *step_id);
GtkToggleButton *ps_record_dialog_get_concern_button    (PsRecordDialog *self,
                                                         gboolean        concern);
/* Attempts only (NULL otherwise). */
AdwComboRow     *ps_record_dialog_get_outcome_row  (PsRecordDialog *self);
/* NULL when hidden. */
const char      *ps_record_dialog_get_error        (PsRecordDialog *self);

G_END_DECLS
