/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-conversation-page.h"
#include "ps-safety-panel.h"

G_BEGIN_DECLS

/* For tests. */
GtkCheckButton  *ps_conversation_page_get_step_check    (PsConversationPage *self,
                                                         const char         *step_id);
GtkToggleButton *ps_conversation_page_get_safety_button (PsConversationPage *self,
                                                         gboolean            concern);
PsSafetyPanel   *ps_conversation_page_get_safety_panel  (PsConversationPage *self);
gboolean         ps_conversation_page_is_safety_shown   (PsConversationPage *self);
const char      *ps_conversation_page_get_progress_text (PsConversationPage *self);
const char      *ps_conversation_page_get_time_text     (PsConversationPage *self);
/* The over-time cue, or NULL while within the planned length. */
const char      *ps_conversation_page_get_overtime_text (PsConversationPage *self);

G_END_DECLS
