/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-case.h"

G_BEGIN_DECLS

/* A case as read from the database, with what is derived from its attempts
 * and conversations. */
typedef struct
{
  gint64           id;
  char            *display_name;
  char            *contact;
  PsModality       modality;
  PsReferral       referral;
  gboolean         consent_confirmed;
  PsReason         reason;
  GDate            requested_on;
  GDate            assigned_on;
  PsClosureStatus  closure_status;
  GDate            closed_on;
  gboolean         deidentified;
  GDateTime       *created_at;
  GDateTime       *first_contact_at;
  GDateTime       *next_conversation_at;
  PsModality       next_conversation_modality;
  guint            next_conversation_minutes;
  PsConversationState next_conversation_state;  /* scheduled or in progress */
  guint            n_conversations;            /* held or planned */
  guint            n_completed_conversations;
  guint            n_any_conversations;        /* including cancelled */
  gboolean         safety_concern;             /* the latest held conversation raised one */
  GDateTime       *safety_concern_at;          /* that conversation's start, or NULL */
} PsCaseRecord;

void    ps_case_record_clear    (PsCaseRecord       *record);

PsCase *ps_case_new_from_record (const PsCaseRecord *record);
void    ps_case_update          (PsCase             *self,
                                 const PsCaseRecord *record);

G_END_DECLS
