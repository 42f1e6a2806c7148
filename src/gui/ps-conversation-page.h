/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-checklist.h"
#include "ps-context.h"

G_BEGIN_DECLS

/* The guided conversation: the checklist of the conversation's version by
 * phase, elapsed time against the planned length, the safety answer and
 * panel, Finish and Mark as Missed. Every change is saved at once.
 *
 * Back asks, while the conversation is in progress, whether to keep it for
 * later, finish it or discard it.
 *
 * Signals: ::finished (PsConversationState: completed or missed) when the
 * conversation ended here — also after "Close Case as Escalated for Safety";
 * ::back when the user leaves the page, the conversation over or kept in
 * progress (it can be shown again, see ps_store_find_left_in_progress);
 * ::discarded (PsConversation) when they left it discarding it; ::stayed
 * when, asked, they stayed with it. */
#define PS_TYPE_CONVERSATION_PAGE (ps_conversation_page_get_type ())
G_DECLARE_FINAL_TYPE (PsConversationPage, ps_conversation_page, PS, CONVERSATION_PAGE, GtkWidget)

GtkWidget      *ps_conversation_page_new              (PsContext          *context);
/* Shows @conversation; a scheduled one is started (set in progress). */
void            ps_conversation_page_set_conversation (PsConversationPage *self,
                                                       PsConversation     *conversation);
PsConversation *ps_conversation_page_get_conversation (PsConversationPage *self);
/* Starts (or resumes) a conversation of @kase, as ps_store_start_conversation
 * does: a new one is of 30 minutes in the case's preferred modality. */
gboolean        ps_conversation_page_start            (PsConversationPage *self,
                                                       PsCase             *kase,
                                                       PsConversation     *conversation,
                                                       GError            **error);
/* Builds the checklist of today's conversations ahead, while nothing
 * happens, then lays it out at @width × @height and realizes it after the
 * next frame of the window it is in (which works out its style): starting
 * one then shows it at once. */
void            ps_conversation_page_prepare          (PsConversationPage *self,
                                                       int                 width,
                                                       int                 height);

/* The ids of @checklist's steps ticked in @checks (step id → GtkCheckButton),
 * in checklist order, with the safety step when @safety_answered. */
GStrv           ps_checklist_collect_ticked (const PsChecklist *checklist,
                                             GHashTable        *checks,
                                             gboolean           safety_answered);

G_END_DECLS
