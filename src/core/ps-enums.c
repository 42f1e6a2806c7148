/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Codes and labels of the domain enums, one table each. The codes are
 * what the database stores; the schema's CHECK constraints list the same
 * codes (see ps-store-schema.c), and a test keeps the two in step. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-enums.h"

typedef struct
{
  const char *code;
  const char *label;   /* N_() here, translated on the way out */
} PsEnumEntry;

static const PsEnumEntry modality_table[] = {
  [PS_MODALITY_IN_PERSON] = { "in-person", N_("In person") },
  [PS_MODALITY_PHONE]     = { "phone",     N_("Phone") },
  [PS_MODALITY_VIDEO]     = { "video",     N_("Video") },
};

static const PsEnumEntry referral_table[] = {
  [PS_REFERRAL_SELF]      = { "self",      N_("Self-referred") },
  [PS_REFERRAL_COLLEAGUE] = { "colleague", N_("Referred by a colleague") },
};

static const PsEnumEntry reason_table[] = {
  [PS_REASON_ADVERSE_EVENT]  = { "adverse-event",  N_("Adverse clinical event") },
  [PS_REASON_COMPLAINT]      = { "complaint",      N_("Patient or college complaint") },
  [PS_REASON_CONFLICT]       = { "conflict",       N_("Interpersonal conflict") },
  [PS_REASON_LIFE_STRESSOR]  = { "life-stressor",  N_("Acute life stressor") },
  [PS_REASON_DISCRIMINATION] = { "discrimination", N_("Discrimination or exclusion") },
  [PS_REASON_BURNOUT]        = { "burnout",        N_("Burnout or moral injury") },
  [PS_REASON_CHANGE_AT_WORK] = { "change-at-work", N_("Change at work") },
  [PS_REASON_OTHER]          = { "other",          N_("Other") },
};

static const PsEnumEntry closure_status_table[] = {
  /* Not "Open": that is also the verb of the checklist and the reminders,
   * and translations need an adjective here. */
  [PS_CLOSURE_NONE]        = { "open",        N_("Still open") },
  [PS_CLOSURE_COMPLETED]   = { "completed",   N_("Support completed") },
  [PS_CLOSURE_REFERRED]    = { "referred",    N_("Referred to professional resources") },
  [PS_CLOSURE_DECLINED]    = { "declined",    N_("Declined support") },
  [PS_CLOSURE_UNREACHABLE] = { "unreachable", N_("Could not be reached") },
  [PS_CLOSURE_ESCALATED]   = { "escalated",   N_("Escalated for safety") },
  [PS_CLOSURE_TRANSFERRED] = { "transferred", N_("Transferred to another supporter") },
};

static const PsEnumEntry conversation_state_table[] = {
  [PS_CONVERSATION_SCHEDULED]   = { "scheduled",   N_("Scheduled") },
  [PS_CONVERSATION_IN_PROGRESS] = { "in-progress", N_("In progress") },
  [PS_CONVERSATION_COMPLETED]   = { "completed",   N_("Completed") },
  [PS_CONVERSATION_MISSED]      = { "missed",      N_("Missed") },
  [PS_CONVERSATION_CANCELLED]   = { "cancelled",   N_("Cancelled") },
};

static const PsEnumEntry contact_outcome_table[] = {
  [PS_CONTACT_REACHED]      = { "reached",      N_("Reached") },
  [PS_CONTACT_NO_ANSWER]    = { "no-answer",    N_("No answer") },
  [PS_CONTACT_LEFT_MESSAGE] = { "left-message", N_("Left a message") },
};

static const PsEnumEntry *
table_entry (const PsEnumEntry *table,
             guint              n_entries,
             int                value)
{
  if (value < 0 || (guint)value >= n_entries)
    return NULL;
  return &table[value];
}

static gboolean
table_from_code (const PsEnumEntry *table,
                 guint              n_entries,
                 const char        *code,
                 int               *out)
{
  if (code == NULL)
    return FALSE;

  for (guint i = 0; i < n_entries; i++)
    {
      if (g_str_equal (table[i].code, code))
        {
          if (out != NULL)
            *out = (int)i;
          return TRUE;
        }
    }
  return FALSE;
}

#define PS_DEFINE_ENUM_CODES(prefix, Type, table)                              \
const char *                                                                   \
prefix##_to_code (Type value)                                                  \
{                                                                              \
  const PsEnumEntry *e = table_entry (table, G_N_ELEMENTS (table), value);     \
  g_return_val_if_fail (e != NULL, NULL);                                      \
  return e->code;                                                              \
}                                                                              \
                                                                               \
gboolean                                                                       \
prefix##_from_code (const char *code,                                          \
                    Type       *out)                                           \
{                                                                              \
  int v;                                                                       \
  if (!table_from_code (table, G_N_ELEMENTS (table), code, &v))                \
    return FALSE;                                                              \
  if (out != NULL)                                                             \
    *out = (Type)v;                                                            \
  return TRUE;                                                                 \
}                                                                              \
                                                                               \
const char *                                                                   \
prefix##_to_label (Type value)                                                 \
{                                                                              \
  const PsEnumEntry *e = table_entry (table, G_N_ELEMENTS (table), value);     \
  g_return_val_if_fail (e != NULL, NULL);                                      \
  return _(e->label);                                                          \
}

/* Only for the enums whose values come in from outside (a form, a file). */
#define PS_DEFINE_ENUM_IS_VALID(prefix, table)                                 \
gboolean                                                                       \
prefix##_is_valid (int value)                                                  \
{                                                                              \
  return table_entry (table, G_N_ELEMENTS (table), value) != NULL;             \
}

PS_DEFINE_ENUM_CODES (ps_modality, PsModality, modality_table)
PS_DEFINE_ENUM_CODES (ps_referral, PsReferral, referral_table)
PS_DEFINE_ENUM_CODES (ps_reason, PsReason, reason_table)
PS_DEFINE_ENUM_CODES (ps_closure_status, PsClosureStatus, closure_status_table)
PS_DEFINE_ENUM_CODES (ps_conversation_state, PsConversationState, conversation_state_table)
PS_DEFINE_ENUM_CODES (ps_contact_outcome, PsContactOutcome, contact_outcome_table)

PS_DEFINE_ENUM_IS_VALID (ps_modality, modality_table)
PS_DEFINE_ENUM_IS_VALID (ps_referral, referral_table)
PS_DEFINE_ENUM_IS_VALID (ps_reason, reason_table)
PS_DEFINE_ENUM_IS_VALID (ps_closure_status, closure_status_table)
PS_DEFINE_ENUM_IS_VALID (ps_contact_outcome, contact_outcome_table)
