/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-case.h"
#include "ps-context.h"
#include "ps-conversation.h"

G_BEGIN_DECLS

/* Plans a conversation with a colleague, or moves one already planned: day,
 * time (local, stored in UTC), planned length and modality. A time that has
 * passed is refused; an overlap with another conversation is flagged but
 * allowed; a fourth conversation for a case is confirmed first, with a
 * reminder that professional resources may serve better. Emits ::saved with
 * the conversation, then closes. Modal: set it transient for the window. */
#define PS_TYPE_SCHEDULE_DIALOG (ps_schedule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsScheduleDialog, ps_schedule_dialog, PS, SCHEDULE_DIALOG, AdwWindow)

/* @conversation_or_null: the conversation to move, or NULL for a new one. */
PsScheduleDialog *ps_schedule_dialog_new              (PsContext        *context,
                                                       PsCase           *item,
                                                       PsConversation   *conversation_or_null);
/* The conversation being moved, or once saved the one saved. */
PsConversation   *ps_schedule_dialog_get_conversation (PsScheduleDialog *self);

G_END_DECLS
