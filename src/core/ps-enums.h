/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each enum is stored in the database as a stable ASCII code (never a
 * translated label). The codes are part of the file format: never change
 * one, only add. */

typedef enum
{
  PS_MODALITY_IN_PERSON,
  PS_MODALITY_PHONE,
  PS_MODALITY_VIDEO,
} PsModality;

typedef enum
{
  PS_REFERRAL_SELF,
  PS_REFERRAL_COLLEAGUE,
} PsReferral;

typedef enum
{
  PS_REASON_ADVERSE_EVENT,
  PS_REASON_COMPLAINT,
  PS_REASON_CONFLICT,
  PS_REASON_LIFE_STRESSOR,
  PS_REASON_DISCRIMINATION,
  PS_REASON_BURNOUT,
  PS_REASON_CHANGE_AT_WORK,
  PS_REASON_OTHER,
} PsReason;

/* Not chosen yet: never stored, and no GEnum value. */
#define PS_REASON_NONE ((PsReason) -1)

/* Derived from a case's conversations, never stored: no code. */
typedef enum
{
  PS_CASE_STATE_AWAITING_FIRST_CONTACT,
  PS_CASE_STATE_IN_SUPPORT,
  PS_CASE_STATE_CLOSED,
} PsCaseState;

typedef enum
{
  PS_CLOSURE_NONE = 0,
  PS_CLOSURE_COMPLETED,
  PS_CLOSURE_REFERRED,
  PS_CLOSURE_DECLINED,
  PS_CLOSURE_UNREACHABLE,
  PS_CLOSURE_ESCALATED,
  PS_CLOSURE_TRANSFERRED,
} PsClosureStatus;

typedef enum
{
  PS_CONVERSATION_SCHEDULED,
  PS_CONVERSATION_IN_PROGRESS,
  PS_CONVERSATION_COMPLETED,
  PS_CONVERSATION_MISSED,
  PS_CONVERSATION_CANCELLED,
} PsConversationState;

typedef enum
{
  PS_CONTACT_REACHED,
  PS_CONTACT_NO_ANSWER,
  PS_CONTACT_LEFT_MESSAGE,
} PsContactOutcome;

const char *ps_modality_to_code            (PsModality           value);
gboolean    ps_modality_from_code          (const char          *code,
                                            PsModality          *out);
const char *ps_modality_to_label           (PsModality           value);
gboolean    ps_modality_is_valid (int value);

const char *ps_referral_to_code            (PsReferral           value);
gboolean    ps_referral_from_code          (const char          *code,
                                            PsReferral          *out);
const char *ps_referral_to_label           (PsReferral           value);
gboolean    ps_referral_is_valid (int value);

const char *ps_reason_to_code              (PsReason             value);
gboolean    ps_reason_from_code            (const char          *code,
                                            PsReason            *out);
const char *ps_reason_to_label             (PsReason             value);
gboolean    ps_reason_is_valid (int value);

const char *ps_closure_status_to_code      (PsClosureStatus      value);
gboolean    ps_closure_status_from_code    (const char          *code,
                                            PsClosureStatus     *out);
const char *ps_closure_status_to_label     (PsClosureStatus      value);
gboolean    ps_closure_status_is_valid (int value);

const char *ps_conversation_state_to_code  (PsConversationState  value);
gboolean    ps_conversation_state_from_code (const char         *code,
                                             PsConversationState *out);
const char *ps_conversation_state_to_label (PsConversationState  value);

const char *ps_contact_outcome_to_code     (PsContactOutcome     value);
gboolean    ps_contact_outcome_from_code   (const char          *code,
                                            PsContactOutcome    *out);
const char *ps_contact_outcome_to_label    (PsContactOutcome     value);
gboolean    ps_contact_outcome_is_valid (int value);

G_END_DECLS
