/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A group debrief, as the store read it. No field can hold a name. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-group-debrief.h"

struct _PsGroupDebrief
{
  GObject              parent_instance;

  gint64               id;
  GDateTime           *starts_at;
  guint                minutes;
  PsModality           modality;
  PsGroupPrompt        prompt;
  guint                headcount;
  guint                referrals;
  PsConversationState  state;
  guint                checklist_version;
  char               **covered_steps;
};

G_DEFINE_FINAL_TYPE (PsGroupDebrief, ps_group_debrief, G_TYPE_OBJECT)

#define CRITICAL_INCIDENT_CODE "critical-incident"

const char *
ps_group_prompt_to_code (PsGroupPrompt prompt)
{
  g_return_val_if_fail (ps_group_prompt_is_valid ((int)prompt), NULL);

  if (prompt == PS_GROUP_PROMPT_CRITICAL_INCIDENT)
    return CRITICAL_INCIDENT_CODE;
  return ps_reason_to_code ((PsReason)prompt);
}

gboolean
ps_group_prompt_from_code (const char    *code,
                           PsGroupPrompt *out)
{
  PsReason reason;

  g_return_val_if_fail (out != NULL, FALSE);

  if (g_strcmp0 (code, CRITICAL_INCIDENT_CODE) == 0)
    {
      *out = PS_GROUP_PROMPT_CRITICAL_INCIDENT;
      return TRUE;
    }
  if (!ps_reason_from_code (code, &reason))
    return FALSE;
  *out = (PsGroupPrompt)reason;
  return TRUE;
}

const char *
ps_group_prompt_to_label (PsGroupPrompt prompt)
{
  g_return_val_if_fail (ps_group_prompt_is_valid ((int)prompt), NULL);

  if (prompt == PS_GROUP_PROMPT_CRITICAL_INCIDENT)
    return _("Code or critical incident");
  return ps_reason_to_label ((PsReason)prompt);
}

gboolean
ps_group_prompt_is_valid (int value)
{
  return value >= 0 && value < (int)PS_GROUP_N_PROMPTS;
}

gboolean
ps_group_minutes_are_valid (guint minutes)
{
  return minutes >= 15 && minutes <= PS_GROUP_MAX_MINUTES && minutes % 15 == 0;
}

gboolean
ps_group_debrief_fields_are_valid (const PsGroupDebriefFields *fields)
{
  g_return_val_if_fail (fields != NULL, FALSE);

  return fields->starts_at != NULL &&
         ps_group_minutes_are_valid (fields->minutes) &&
         ps_modality_is_valid ((int)fields->modality) &&
         ps_group_prompt_is_valid ((int)fields->prompt) &&
         fields->headcount >= PS_GROUP_MIN_HEADCOUNT &&
         fields->headcount <= PS_GROUP_MAX_HEADCOUNT &&
         fields->referrals <= fields->headcount;
}

static void
ps_group_debrief_finalize (GObject *object)
{
  PsGroupDebrief *self = (PsGroupDebrief *)object;

  g_clear_pointer (&self->starts_at, g_date_time_unref);
  g_clear_pointer (&self->covered_steps, g_strfreev);

  G_OBJECT_CLASS (ps_group_debrief_parent_class)->finalize (object);
}

static void
ps_group_debrief_class_init (PsGroupDebriefClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_group_debrief_finalize;
}

static void
ps_group_debrief_init (PsGroupDebrief *self)
{
}

/* Takes @covered_steps (NULL for none). */
PsGroupDebrief *
ps_group_debrief_new (gint64                      id,
                      const PsGroupDebriefFields *fields,
                      PsConversationState         state,
                      guint                       checklist_version,
                      char                      **covered_steps)
{
  PsGroupDebrief *self;

  g_return_val_if_fail (fields != NULL && fields->starts_at != NULL, NULL);

  self = g_object_new (PS_TYPE_GROUP_DEBRIEF, NULL);
  self->id = id;
  self->starts_at = g_date_time_ref (fields->starts_at);
  self->minutes = fields->minutes;
  self->modality = fields->modality;
  self->prompt = fields->prompt;
  self->headcount = fields->headcount;
  self->referrals = fields->referrals;
  self->state = state;
  self->checklist_version = checklist_version;
  self->covered_steps = covered_steps != NULL ? covered_steps : g_new0 (char *, 1);
  return self;
}

gint64
ps_group_debrief_get_id (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), 0);
  return self->id;
}

GDateTime *
ps_group_debrief_get_starts_at (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), NULL);
  return self->starts_at;
}

GDateTime *
ps_group_debrief_dup_ends_at (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), NULL);
  return g_date_time_add_minutes (self->starts_at, (int)self->minutes);
}

guint
ps_group_debrief_get_minutes (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), 0);
  return self->minutes;
}

PsModality
ps_group_debrief_get_modality (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), 0);
  return self->modality;
}

PsGroupPrompt
ps_group_debrief_get_prompt (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), 0);
  return self->prompt;
}

guint
ps_group_debrief_get_headcount (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), 0);
  return self->headcount;
}

guint
ps_group_debrief_get_referrals (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), 0);
  return self->referrals;
}

PsConversationState
ps_group_debrief_get_state (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), 0);
  return self->state;
}

guint
ps_group_debrief_get_checklist_version (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), 0);
  return self->checklist_version;
}

const char * const *
ps_group_debrief_get_covered_steps (PsGroupDebrief *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF (self), NULL);
  return (const char * const *)self->covered_steps;
}

void
ps_group_debrief_get_fields (PsGroupDebrief       *self,
                             PsGroupDebriefFields *fields)
{
  g_return_if_fail (PS_IS_GROUP_DEBRIEF (self));
  g_return_if_fail (fields != NULL);

  fields->starts_at = self->starts_at;
  fields->minutes = self->minutes;
  fields->modality = self->modality;
  fields->prompt = self->prompt;
  fields->headcount = self->headcount;
  fields->referrals = self->referrals;
}
