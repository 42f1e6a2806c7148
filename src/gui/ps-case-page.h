/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-case.h"
#include "ps-context.h"

G_BEGIN_DECLS

/* One case: its details, contact, attempts and conversations, with the
 * actions case.edit, case.close, case.reopen, case.delete,
 * case.copy-contact, case.write-to-them, case.schedule,
 * case.start-conversation, case.resume-conversation and case.log-attempt
 * ("s": a PsContactOutcome code, "reached", "no-answer" or "left-message").
 * The header suggests the one the case's timeline names. "folded" shows the
 * back button, which activates caseload.show-list. */
#define PS_TYPE_CASE_PAGE (ps_case_page_get_type ())
G_DECLARE_FINAL_TYPE (PsCasePage, ps_case_page, PS, CASE_PAGE, GtkWidget)

PsCasePage *ps_case_page_new        (PsContext  *context);
PsCase     *ps_case_page_get_case   (PsCasePage *self);
void        ps_case_page_set_case   (PsCasePage *self,
                                     PsCase     *item);
void        ps_case_page_set_folded (PsCasePage *self,
                                     gboolean    folded);

G_END_DECLS
