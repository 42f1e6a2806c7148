/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"

G_BEGIN_DECLS

/* Shown when a safety concern is raised: the chosen crisis lines and the
 * program's contacts (from Preferences), the limit of confidentiality, and
 * closing the case as escalated for safety. Emits ::escalated once the
 * conversation is completed and the case closed. */
#define PS_TYPE_SAFETY_PANEL (ps_safety_panel_get_type ())
G_DECLARE_FINAL_TYPE (PsSafetyPanel, ps_safety_panel, PS, SAFETY_PANEL, GtkWidget)

GtkWidget      *ps_safety_panel_new              (PsContext      *context);
void            ps_safety_panel_set_conversation (PsSafetyPanel  *self,
                                                  PsConversation *conversation);

/* For tests: the rows shown. */
GtkListBox     *ps_safety_panel_get_crisis_list  (PsSafetyPanel  *self);
GtkListBox     *ps_safety_panel_get_program_list (PsSafetyPanel  *self);

/* Shows @contacts (PsProgramContact) in @list as the panel does: name,
 * number and a copy button each; a hint to add them when there are none. */
void            ps_safety_panel_bind_program_list (GtkListBox    *list,
                                                   GListModel    *contacts);

G_END_DECLS
