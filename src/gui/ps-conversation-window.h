/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"
#include "ps-conversation-page.h"

G_BEGIN_DECLS

/* The conversation in a window of its own, over the caseload: it is what
 * the supporter looks at for half an hour. It goes when the conversation
 * ends, or when the supporter leaves it. */
#define PS_TYPE_CONVERSATION_WINDOW (ps_conversation_window_get_type ())
G_DECLARE_FINAL_TYPE (PsConversationWindow, ps_conversation_window, PS, CONVERSATION_WINDOW, AdwWindow)

/* Starts (or resumes) a conversation of @kase as ps_store_start_conversation
 * does, @conversation the scheduled one to hold or NULL, and presents it
 * over @parent. NULL and @error when the store refused. Transfer none: the
 * window belongs to GTK's list of toplevels. */
PsConversationWindow *ps_conversation_window_open     (PsContext            *context,
                                                       GtkWindow            *parent,
                                                       PsCase               *kase,
                                                       PsConversation       *conversation,
                                                       GError              **error);
PsConversationPage   *ps_conversation_window_get_page (PsConversationWindow *self);
/* Makes the window of the next conversation over @parent ahead, when
 * nothing else happens: starting one then shows it at once. */
void                  ps_conversation_window_prepare  (PsContext            *context,
                                                       GtkWindow            *parent);

G_END_DECLS
