/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-conversation.h"

G_BEGIN_DECLS

typedef struct
{
  gint64               id;
  gint64               case_id;
  GDateTime           *starts_at;
  guint                minutes;
  PsModality           modality;
  PsConversationState  state;
  guint                checklist_version;
  char               **covered_steps;   /* sorted */
  gboolean             safety_concern;
  GDateTime           *started_at;
  GDateTime           *ended_at;
  GDateTime           *planned_at;      /* a plan started: its planned start */
} PsConversationRow;

void            ps_conversation_row_clear    (PsConversationRow       *row);
PsConversation *ps_conversation_new_from_row (const PsConversationRow *row);
void            ps_conversation_update       (PsConversation          *self,
                                              const PsConversationRow *row);

G_END_DECLS
