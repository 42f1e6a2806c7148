/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-date-row.h"
#include "ps-schedule-dialog.h"
#include "ps-time-row.h"

G_BEGIN_DECLS

/* For widget tests: the fields a user fills in and the lines they read. */
PsDateRow        *ps_schedule_dialog_get_date_row      (PsScheduleDialog *self);
PsTimeRow        *ps_schedule_dialog_get_time_row      (PsScheduleDialog *self);
AdwComboRow      *ps_schedule_dialog_get_length_row    (PsScheduleDialog *self);
AdwComboRow      *ps_schedule_dialog_get_modality_row  (PsScheduleDialog *self);
/* NULL when hidden. */
const char       *ps_schedule_dialog_get_error         (PsScheduleDialog *self);
const char       *ps_schedule_dialog_get_warning       (PsScheduleDialog *self);
/* The fourth-conversation question while it is asked, else NULL. */
AdwMessageDialog *ps_schedule_dialog_get_confirmation  (PsScheduleDialog *self);

G_END_DECLS
