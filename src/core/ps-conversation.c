/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-case-timeline.h"
#include "ps-conversation-private.h"
#include "ps-enum-types.h"
#include "ps-util.h"

struct _PsConversation
{
  GObject            parent_instance;
  PsConversationRow  row;
};

G_DEFINE_FINAL_TYPE (PsConversation, ps_conversation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CASE_ID,
  PROP_STARTS_AT,
  PROP_MINUTES,
  PROP_MODALITY,
  PROP_STATE,
  PROP_CHECKLIST_VERSION,
  PROP_COVERED_STEPS,
  PROP_SAFETY_CONCERN,
  PROP_STARTED_AT,
  PROP_ENDED_AT,
  PROP_PLANNED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
ps_conversation_row_clear (PsConversationRow *row)
{
  g_clear_pointer (&row->starts_at, g_date_time_unref);
  g_clear_pointer (&row->covered_steps, g_strfreev);
  g_clear_pointer (&row->started_at, g_date_time_unref);
  g_clear_pointer (&row->ended_at, g_date_time_unref);
  g_clear_pointer (&row->planned_at, g_date_time_unref);
}

static void
ps_conversation_finalize (GObject *object)
{
  PsConversation *self = (PsConversation *)object;

  ps_conversation_row_clear (&self->row);

  G_OBJECT_CLASS (ps_conversation_parent_class)->finalize (object);
}

static void
ps_conversation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PsConversation *self = PS_CONVERSATION (object);
  const PsConversationRow *row = &self->row;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, row->id);
      break;
    case PROP_CASE_ID:
      g_value_set_int64 (value, row->case_id);
      break;
    case PROP_STARTS_AT:
      g_value_set_boxed (value, row->starts_at);
      break;
    case PROP_MINUTES:
      g_value_set_uint (value, row->minutes);
      break;
    case PROP_MODALITY:
      g_value_set_enum (value, row->modality);
      break;
    case PROP_STATE:
      g_value_set_enum (value, row->state);
      break;
    case PROP_CHECKLIST_VERSION:
      g_value_set_uint (value, row->checklist_version);
      break;
    case PROP_COVERED_STEPS:
      g_value_set_boxed (value, row->covered_steps);
      break;
    case PROP_SAFETY_CONCERN:
      g_value_set_boolean (value, row->safety_concern);
      break;
    case PROP_STARTED_AT:
      g_value_set_boxed (value, row->started_at);
      break;
    case PROP_ENDED_AT:
      g_value_set_boxed (value, row->ended_at);
      break;
    case PROP_PLANNED_AT:
      g_value_set_boxed (value, row->planned_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_conversation_class_init (PsConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = ps_conversation_finalize;
  object_class->get_property = ps_conversation_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CASE_ID] =
    g_param_spec_int64 ("case-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STARTS_AT] =
    g_param_spec_boxed ("starts-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_MINUTES] =
    g_param_spec_uint ("minutes", NULL, NULL, 15, 45, 30, flags);
  properties[PROP_MODALITY] =
    g_param_spec_enum ("modality", NULL, NULL, PS_TYPE_MODALITY, PS_MODALITY_IN_PERSON, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PS_TYPE_CONVERSATION_STATE,
                       PS_CONVERSATION_SCHEDULED, flags);
  properties[PROP_CHECKLIST_VERSION] =
    g_param_spec_uint ("checklist-version", NULL, NULL, 0, G_MAXUINT, 1, flags);
  properties[PROP_COVERED_STEPS] =
    g_param_spec_boxed ("covered-steps", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SAFETY_CONCERN] =
    g_param_spec_boolean ("safety-concern", NULL, NULL, FALSE, flags);
  properties[PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ENDED_AT] =
    g_param_spec_boxed ("ended-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_PLANNED_AT] =
    g_param_spec_boxed ("planned-at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_conversation_init (PsConversation *self)
{
  self->row.covered_steps = g_new0 (char *, 1);
}

PsConversation *
ps_conversation_new_from_row (const PsConversationRow *row)
{
  PsConversation *self = g_object_new (PS_TYPE_CONVERSATION, NULL);

  ps_conversation_update (self, row);
  return self;
}

static gboolean
set_steps (char               ***field,
           const char * const   *value)
{
  static const char * const none[] = { NULL };

  if (value == NULL)
    value = none;
  if (g_strv_equal ((const char * const *)*field, value))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **)value);
  return TRUE;
}

#define NOTIFY_IF(changed, prop) \
  G_STMT_START { if (changed) g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); } G_STMT_END

void
ps_conversation_update (PsConversation          *self,
                        const PsConversationRow *row)
{
  PsConversationRow *mine = &self->row;

  g_return_if_fail (PS_IS_CONVERSATION (self));

  g_object_freeze_notify (G_OBJECT (self));
  NOTIFY_IF (ps_set_int64 (&mine->id, row->id), PROP_ID);
  NOTIFY_IF (ps_set_int64 (&mine->case_id, row->case_id), PROP_CASE_ID);
  NOTIFY_IF (ps_set_instant (&mine->starts_at, row->starts_at), PROP_STARTS_AT);
  NOTIFY_IF (ps_set_int ((int *)&mine->minutes, (int)row->minutes), PROP_MINUTES);
  NOTIFY_IF (ps_set_int ((int *)&mine->modality, row->modality), PROP_MODALITY);
  NOTIFY_IF (ps_set_int ((int *)&mine->state, row->state), PROP_STATE);
  NOTIFY_IF (ps_set_int ((int *)&mine->checklist_version, (int)row->checklist_version),
             PROP_CHECKLIST_VERSION);
  NOTIFY_IF (set_steps (&mine->covered_steps, (const char * const *)row->covered_steps),
             PROP_COVERED_STEPS);
  NOTIFY_IF (ps_set_int (&mine->safety_concern, row->safety_concern), PROP_SAFETY_CONCERN);
  NOTIFY_IF (ps_set_instant (&mine->started_at, row->started_at), PROP_STARTED_AT);
  NOTIFY_IF (ps_set_instant (&mine->ended_at, row->ended_at), PROP_ENDED_AT);
  NOTIFY_IF (ps_set_instant (&mine->planned_at, row->planned_at), PROP_PLANNED_AT);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
ps_conversation_get_id (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), 0);
  return self->row.id;
}

gint64
ps_conversation_get_case_id (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), 0);
  return self->row.case_id;
}

GDateTime *
ps_conversation_get_starts_at (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), NULL);
  return self->row.starts_at;
}

/* Transfer full: the planned end. */
GDateTime *
ps_conversation_get_ends_at (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), NULL);
  if (self->row.starts_at == NULL)
    return NULL;
  return ps_timeline_conversation_end (self->row.starts_at, self->row.minutes);
}

guint
ps_conversation_get_minutes (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), 0);
  return self->row.minutes;
}

PsModality
ps_conversation_get_modality (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), 0);
  return self->row.modality;
}

PsConversationState
ps_conversation_get_state (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), 0);
  return self->row.state;
}

guint
ps_conversation_get_checklist_version (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), 0);
  return self->row.checklist_version;
}

const char * const *
ps_conversation_get_covered_steps (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), NULL);
  return (const char * const *)self->row.covered_steps;
}

gboolean
ps_conversation_has_covered_step (PsConversation *self,
                                  const char     *step_id)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (step_id != NULL, FALSE);
  return g_strv_contains ((const char * const *)self->row.covered_steps, step_id);
}

gboolean
ps_conversation_get_safety_concern (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), FALSE);
  return self->row.safety_concern;
}

GDateTime *
ps_conversation_get_started_at (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), NULL);
  return self->row.started_at;
}

GDateTime *
ps_conversation_get_ended_at (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), NULL);
  return self->row.ended_at;
}

/* NULL unless a planned conversation was started: then when it was planned
 * to start (its start is when it really did). */
GDateTime *
ps_conversation_get_planned_at (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), NULL);
  return self->row.planned_at;
}

PsConversation *
ps_conversation_snapshot (PsConversation *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (self), NULL);
  return ps_conversation_new_from_row (&self->row);
}
