/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-enums.h"

G_BEGIN_DECLS

/* One conversation with a colleague. Nothing of what was said is kept: only
 * which checklist steps were covered and whether a safety concern was raised.
 * The store keeps one object per id while anyone holds it, updated in place. */
#define PS_TYPE_CONVERSATION (ps_conversation_get_type ())
G_DECLARE_FINAL_TYPE (PsConversation, ps_conversation, PS, CONVERSATION, GObject)

gint64               ps_conversation_get_id                (PsConversation *self);
gint64               ps_conversation_get_case_id           (PsConversation *self);
GDateTime           *ps_conversation_get_starts_at         (PsConversation *self);
GDateTime           *ps_conversation_get_ends_at           (PsConversation *self);
guint                ps_conversation_get_minutes           (PsConversation *self);
PsModality           ps_conversation_get_modality          (PsConversation *self);
PsConversationState  ps_conversation_get_state             (PsConversation *self);
guint                ps_conversation_get_checklist_version (PsConversation *self);
const char * const  *ps_conversation_get_covered_steps     (PsConversation *self);
gboolean             ps_conversation_has_covered_step      (PsConversation *self,
                                                            const char     *step_id);
gboolean             ps_conversation_get_safety_concern    (PsConversation *self);
GDateTime           *ps_conversation_get_started_at        (PsConversation *self);
GDateTime           *ps_conversation_get_ended_at          (PsConversation *self);
GDateTime           *ps_conversation_get_planned_at        (PsConversation *self);
/* A copy as it is now, which the store does not update (transfer full):
 * what an Undo puts back. */
PsConversation      *ps_conversation_snapshot              (PsConversation *self);

/* When a case last held (or missed) a conversation, as Unix time: what the
 * weekly nudge needs of each case, without an object per conversation. */
typedef struct
{
  gint64 case_id;
  gint64 starts_at;
} PsLastHeld;

G_END_DECLS
