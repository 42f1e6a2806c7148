/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-case-private.h"
#include "ps-enum-types.h"
#include "ps-util.h"

struct _PsCase
{
  GObject    parent_instance;
  PsCaseRecord  row;
};

G_DEFINE_FINAL_TYPE (PsCase, ps_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_CONTACT,
  PROP_MODALITY,
  PROP_REFERRAL,
  PROP_CONSENT_CONFIRMED,
  PROP_REASON,
  PROP_REQUESTED_ON,
  PROP_ASSIGNED_ON,
  PROP_STATE,
  PROP_CLOSURE_STATUS,
  PROP_CLOSED_ON,
  PROP_DEIDENTIFIED,
  PROP_CREATED_AT,
  PROP_FIRST_CONTACT_AT,
  PROP_NEXT_CONVERSATION_AT,
  PROP_NEXT_CONVERSATION_MODALITY,
  PROP_N_CONVERSATIONS,
  PROP_N_COMPLETED_CONVERSATIONS,
  PROP_SAFETY_CONCERN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
ps_case_record_clear (PsCaseRecord *row)
{
  g_clear_pointer (&row->display_name, g_free);
  g_clear_pointer (&row->contact, g_free);
  g_clear_pointer (&row->created_at, g_date_time_unref);
  g_clear_pointer (&row->first_contact_at, g_date_time_unref);
  g_clear_pointer (&row->next_conversation_at, g_date_time_unref);
  g_clear_pointer (&row->safety_concern_at, g_date_time_unref);
}

static PsCaseState
row_state (const PsCaseRecord *row)
{
  if (row->closure_status != PS_CLOSURE_NONE)
    return PS_CASE_STATE_CLOSED;
  if (row->first_contact_at != NULL || row->n_any_conversations > 0)
    return PS_CASE_STATE_IN_SUPPORT;
  return PS_CASE_STATE_AWAITING_FIRST_CONTACT;
}

static void
ps_case_finalize (GObject *object)
{
  PsCase *self = (PsCase *)object;

  ps_case_record_clear (&self->row);

  G_OBJECT_CLASS (ps_case_parent_class)->finalize (object);
}

static void
ps_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PsCase *self = PS_CASE (object);
  const PsCaseRecord *row = &self->row;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, row->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, row->display_name);
      break;
    case PROP_CONTACT:
      g_value_set_string (value, row->contact);
      break;
    case PROP_MODALITY:
      g_value_set_enum (value, row->modality);
      break;
    case PROP_REFERRAL:
      g_value_set_enum (value, row->referral);
      break;
    case PROP_CONSENT_CONFIRMED:
      g_value_set_boolean (value, row->consent_confirmed);
      break;
    case PROP_REASON:
      g_value_set_enum (value, row->reason);
      break;
    case PROP_REQUESTED_ON:
      g_value_set_boxed (value, ps_date_or_null (&row->requested_on));
      break;
    case PROP_ASSIGNED_ON:
      g_value_set_boxed (value, ps_date_or_null (&row->assigned_on));
      break;
    case PROP_STATE:
      g_value_set_enum (value, row_state (row));
      break;
    case PROP_CLOSURE_STATUS:
      g_value_set_enum (value, row->closure_status);
      break;
    case PROP_CLOSED_ON:
      g_value_set_boxed (value, ps_date_or_null (&row->closed_on));
      break;
    case PROP_DEIDENTIFIED:
      g_value_set_boolean (value, row->deidentified);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, row->created_at);
      break;
    case PROP_FIRST_CONTACT_AT:
      g_value_set_boxed (value, row->first_contact_at);
      break;
    case PROP_NEXT_CONVERSATION_AT:
      g_value_set_boxed (value, row->next_conversation_at);
      break;
    case PROP_NEXT_CONVERSATION_MODALITY:
      g_value_set_enum (value, row->next_conversation_modality);
      break;
    case PROP_N_CONVERSATIONS:
      g_value_set_uint (value, row->n_conversations);
      break;
    case PROP_N_COMPLETED_CONVERSATIONS:
      g_value_set_uint (value, row->n_completed_conversations);
      break;
    case PROP_SAFETY_CONCERN:
      g_value_set_boolean (value, row->safety_concern);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
ps_case_class_init (PsCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_case_finalize;
  object_class->get_property = ps_case_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, RO_FLAGS);
  /* NULL once de-identified. */
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_MODALITY] =
    g_param_spec_enum ("modality", NULL, NULL, PS_TYPE_MODALITY, PS_MODALITY_IN_PERSON, RO_FLAGS);
  properties[PROP_REFERRAL] =
    g_param_spec_enum ("referral", NULL, NULL, PS_TYPE_REFERRAL, PS_REFERRAL_SELF, RO_FLAGS);
  properties[PROP_CONSENT_CONFIRMED] =
    g_param_spec_boolean ("consent-confirmed", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_REASON] =
    g_param_spec_enum ("reason", NULL, NULL, PS_TYPE_REASON, PS_REASON_OTHER, RO_FLAGS);
  properties[PROP_REQUESTED_ON] =
    g_param_spec_boxed ("requested-on", NULL, NULL, G_TYPE_DATE, RO_FLAGS);
  properties[PROP_ASSIGNED_ON] =
    g_param_spec_boxed ("assigned-on", NULL, NULL, G_TYPE_DATE, RO_FLAGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PS_TYPE_CASE_STATE,
                       PS_CASE_STATE_AWAITING_FIRST_CONTACT, RO_FLAGS);
  properties[PROP_CLOSURE_STATUS] =
    g_param_spec_enum ("closure-status", NULL, NULL, PS_TYPE_CLOSURE_STATUS,
                       PS_CLOSURE_NONE, RO_FLAGS);
  properties[PROP_CLOSED_ON] =
    g_param_spec_boxed ("closed-on", NULL, NULL, G_TYPE_DATE, RO_FLAGS);
  properties[PROP_DEIDENTIFIED] =
    g_param_spec_boolean ("deidentified", NULL, NULL, FALSE, RO_FLAGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, RO_FLAGS);
  /* The first attempt that reached the colleague. */
  properties[PROP_FIRST_CONTACT_AT] =
    g_param_spec_boxed ("first-contact-at", NULL, NULL, G_TYPE_DATE_TIME, RO_FLAGS);
  /* The earliest conversation still scheduled or in progress, past or future. */
  properties[PROP_NEXT_CONVERSATION_AT] =
    g_param_spec_boxed ("next-conversation-at", NULL, NULL, G_TYPE_DATE_TIME, RO_FLAGS);
  properties[PROP_NEXT_CONVERSATION_MODALITY] =
    g_param_spec_enum ("next-conversation-modality", NULL, NULL, PS_TYPE_MODALITY,
                       PS_MODALITY_IN_PERSON, RO_FLAGS);
  /* Conversations planned or held: every one but the cancelled. */
  properties[PROP_N_CONVERSATIONS] =
    g_param_spec_uint ("n-conversations", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS);
  properties[PROP_N_COMPLETED_CONVERSATIONS] =
    g_param_spec_uint ("n-completed-conversations", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS);
  /* The latest conversation held raised a safety concern. */
  properties[PROP_SAFETY_CONCERN] =
    g_param_spec_boolean ("safety-concern", NULL, NULL, FALSE, RO_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_case_init (PsCase *self)
{
  g_date_clear (&self->row.requested_on, 1);
  g_date_clear (&self->row.assigned_on, 1);
  g_date_clear (&self->row.closed_on, 1);
}

PsCase *
ps_case_new_from_record (const PsCaseRecord *row)
{
  PsCase *self = g_object_new (PS_TYPE_CASE, NULL);

  ps_case_update (self, row);
  return self;
}

#define NOTIFY_IF(changed, prop) \
  G_STMT_START { if (changed) g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); } G_STMT_END

/* Copies @row into the case, notifying only what changed. */
void
ps_case_update (PsCase          *self,
                const PsCaseRecord *row)
{
  PsCaseRecord *mine = &self->row;
  PsCaseState old_state = row_state (mine);
  guint n_old;

  g_return_if_fail (PS_IS_CASE (self));

  g_object_freeze_notify (G_OBJECT (self));

  NOTIFY_IF (ps_set_int64 (&mine->id, row->id), PROP_ID);
  NOTIFY_IF (ps_set_string (&mine->display_name, row->display_name), PROP_DISPLAY_NAME);
  NOTIFY_IF (ps_set_string (&mine->contact, row->contact), PROP_CONTACT);
  NOTIFY_IF (ps_set_int ((int *)&mine->modality, row->modality), PROP_MODALITY);
  NOTIFY_IF (ps_set_int ((int *)&mine->referral, row->referral), PROP_REFERRAL);
  NOTIFY_IF (ps_set_int (&mine->consent_confirmed, row->consent_confirmed), PROP_CONSENT_CONFIRMED);
  NOTIFY_IF (ps_set_int ((int *)&mine->reason, row->reason), PROP_REASON);
  NOTIFY_IF (ps_set_date (&mine->requested_on, &row->requested_on), PROP_REQUESTED_ON);
  NOTIFY_IF (ps_set_date (&mine->assigned_on, &row->assigned_on), PROP_ASSIGNED_ON);
  NOTIFY_IF (ps_set_int ((int *)&mine->closure_status, row->closure_status), PROP_CLOSURE_STATUS);
  NOTIFY_IF (ps_set_date (&mine->closed_on, &row->closed_on), PROP_CLOSED_ON);
  NOTIFY_IF (ps_set_int (&mine->deidentified, row->deidentified), PROP_DEIDENTIFIED);
  NOTIFY_IF (ps_set_instant (&mine->created_at, row->created_at), PROP_CREATED_AT);
  NOTIFY_IF (ps_set_instant (&mine->first_contact_at, row->first_contact_at), PROP_FIRST_CONTACT_AT);
  NOTIFY_IF (ps_set_instant (&mine->next_conversation_at, row->next_conversation_at),
             PROP_NEXT_CONVERSATION_AT);
  NOTIFY_IF (ps_set_int ((int *)&mine->next_conversation_modality, row->next_conversation_modality),
             PROP_NEXT_CONVERSATION_MODALITY);
  n_old = mine->n_conversations;
  mine->n_conversations = row->n_conversations;
  NOTIFY_IF (n_old != row->n_conversations, PROP_N_CONVERSATIONS);
  n_old = mine->n_completed_conversations;
  mine->n_completed_conversations = row->n_completed_conversations;
  NOTIFY_IF (n_old != row->n_completed_conversations, PROP_N_COMPLETED_CONVERSATIONS);
  mine->n_any_conversations = row->n_any_conversations;
  NOTIFY_IF (ps_set_int (&mine->safety_concern, row->safety_concern) |
             ps_set_instant (&mine->safety_concern_at, row->safety_concern_at),
             PROP_SAFETY_CONCERN);
  /* Read with the next conversation's instant, which rows are told of. */
  mine->next_conversation_minutes = row->next_conversation_minutes;
  mine->next_conversation_state = row->next_conversation_state;
  NOTIFY_IF (old_state != row_state (mine), PROP_STATE);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Whether the latest conversation held raised a safety concern: it stays
 * so until a later one raises none (closing the case ends the follow-up). */
gboolean
ps_case_get_safety_concern (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), FALSE);
  return self->row.safety_concern;
}

/* The start of the conversation that raised the concern, or NULL. */
GDateTime *
ps_case_get_safety_concern_at (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), NULL);
  return self->row.safety_concern_at;
}

gint64
ps_case_get_id (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return self->row.id;
}

const char *
ps_case_get_display_name (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), NULL);
  return self->row.display_name;
}

const char *
ps_case_get_contact (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), NULL);
  return self->row.contact;
}

PsModality
ps_case_get_modality (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return self->row.modality;
}

PsReferral
ps_case_get_referral (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return self->row.referral;
}

gboolean
ps_case_get_consent_confirmed (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), FALSE);
  return self->row.consent_confirmed;
}

PsReason
ps_case_get_reason (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return self->row.reason;
}

const GDate *
ps_case_get_requested_on (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), NULL);
  return ps_date_or_null (&self->row.requested_on);
}

const GDate *
ps_case_get_assigned_on (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), NULL);
  return ps_date_or_null (&self->row.assigned_on);
}

PsCaseState
ps_case_get_state (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return row_state (&self->row);
}

PsClosureStatus
ps_case_get_closure_status (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return self->row.closure_status;
}

const GDate *
ps_case_get_closed_on (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), NULL);
  return ps_date_or_null (&self->row.closed_on);
}

gboolean
ps_case_get_deidentified (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), FALSE);
  return self->row.deidentified;
}

GDateTime *
ps_case_get_created_at (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), NULL);
  return self->row.created_at;
}

GDateTime *
ps_case_get_first_contact_at (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), NULL);
  return self->row.first_contact_at;
}

GDateTime *
ps_case_get_next_conversation_at (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), NULL);
  return self->row.next_conversation_at;
}

PsModality
ps_case_get_next_conversation_modality (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return self->row.next_conversation_modality;
}

guint
ps_case_get_next_conversation_minutes (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return self->row.next_conversation_minutes;
}

PsConversationState
ps_case_get_next_conversation_state (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), PS_CONVERSATION_SCHEDULED);
  return self->row.next_conversation_state;
}

guint
ps_case_get_n_conversations (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return self->row.n_conversations;
}

guint
ps_case_get_n_completed_conversations (PsCase *self)
{
  g_return_val_if_fail (PS_IS_CASE (self), 0);
  return self->row.n_completed_conversations;
}

PsCaseFields *
ps_case_dup_fields (PsCase *self)
{
  PsCaseFields *fields;

  g_return_val_if_fail (PS_IS_CASE (self), NULL);

  fields = ps_case_fields_new ();
  fields->display_name = g_strdup (self->row.display_name);
  fields->contact = g_strdup (self->row.contact);
  fields->modality = self->row.modality;
  fields->referral = self->row.referral;
  fields->consent_confirmed = self->row.consent_confirmed;
  fields->reason = self->row.reason;
  fields->requested_on = self->row.requested_on;
  fields->assigned_on = self->row.assigned_on;
  return fields;
}
