/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-case.h"
#include "ps-context.h"

G_BEGIN_DECLS

/* Records afterwards what happened without the app: a contact attempt at a
 * time already past (now by default), or a conversation held earlier (a
 * call in the corridor) with its day and time, length, modality, the
 * checklist steps covered and the safety answer. Only choices, no free
 * text. A time still to come is refused here and again by the store.
 * Closes once saved. Modal: set it transient for the window. */
typedef enum
{
  PS_RECORD_ATTEMPT,
  PS_RECORD_CONVERSATION,
} PsRecordKind;

#define PS_TYPE_RECORD_DIALOG (ps_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsRecordDialog, ps_record_dialog, PS, RECORD_DIALOG, AdwWindow)

PsRecordDialog *ps_record_dialog_new (PsContext    *context,
                                      PsCase       *item,
                                      PsRecordKind  kind);

G_END_DECLS
