/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"
#include "ps-enums.h"

G_BEGIN_DECLS

/* Asks how a case ended: one of the six closure statuses. Responds "close"
 * (enabled once a status is chosen) or "cancel"; read the choice with
 * ps_close_case_dialog_get_status(). Names no one, so it can be shown while
 * sharing the screen. */
#define PS_TYPE_CLOSE_CASE_DIALOG (ps_close_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsCloseCaseDialog, ps_close_case_dialog, PS, CLOSE_CASE_DIALOG, AdwMessageDialog)

PsCloseCaseDialog *ps_close_case_dialog_new        (GtkWindow         *parent);
PsClosureStatus    ps_close_case_dialog_get_status (PsCloseCaseDialog *self);
void               ps_close_case_dialog_set_status (PsCloseCaseDialog *self,
                                                    PsClosureStatus    status);
/* Says on which day the colleague's name and contact will be erased, if
 * the case closes today. */
void               ps_close_case_dialog_set_erase_on (PsCloseCaseDialog *self,
                                                      PsContext         *context);
char              *ps_close_case_erase_day           (PsContext         *context);

/* A case whose latest conversation raised a safety concern closes without
 * a question only as escalated for safety or referred. */
gboolean           ps_close_case_needs_confirmation (gboolean          safety_concern,
                                                     PsClosureStatus   status);
/* The question: responds "close" or "cancel". Names no one. */
AdwMessageDialog  *ps_close_case_confirmation_new   (GtkWindow        *parent,
                                                     PsClosureStatus   status);

G_END_DECLS
