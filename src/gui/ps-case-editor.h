/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-case.h"
#include "ps-context.h"

G_BEGIN_DECLS

/* The form for a new case or for editing one. Validates as the user types
 * (with the store's own rules), saves through the store and emits ::saved
 * with the case before closing. Modal: set it transient for the main window. */
#define PS_TYPE_CASE_EDITOR (ps_case_editor_get_type ())
G_DECLARE_FINAL_TYPE (PsCaseEditor, ps_case_editor, PS, CASE_EDITOR, AdwWindow)

/* @case_or_null: the case to edit, or NULL for a new case. */
PsCaseEditor *ps_case_editor_new      (PsContext    *context,
                                       PsCase       *case_or_null);
/* For tests: the question about a request date over a year old, or NULL. */
AdwMessageDialog *ps_case_editor_get_confirmation (PsCaseEditor *self);

G_END_DECLS
