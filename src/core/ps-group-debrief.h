/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-enums.h"

G_BEGIN_DECLS

/* What prompted a group debrief: one of the case reasons (PsReason values),
 * or a code or critical incident. Stored as a code like the reasons. */
typedef guint PsGroupPrompt;

#define PS_GROUP_PROMPT_CRITICAL_INCIDENT ((PsGroupPrompt)(PS_REASON_OTHER + 1))
#define PS_GROUP_N_PROMPTS                (PS_GROUP_PROMPT_CRITICAL_INCIDENT + 1)

#define PS_GROUP_MIN_HEADCOUNT 2
#define PS_GROUP_MAX_HEADCOUNT 200
#define PS_GROUP_MAX_MINUTES   90

const char *ps_group_prompt_to_code    (PsGroupPrompt  prompt);
gboolean    ps_group_prompt_from_code  (const char    *code,
                                        PsGroupPrompt *out);
/* Translated. */
const char *ps_group_prompt_to_label   (PsGroupPrompt  prompt);
gboolean    ps_group_prompt_is_valid   (int            value);
/* 15 to 90 minutes, by quarter hours. */
gboolean    ps_group_minutes_are_valid (guint          minutes);

/* A group debrief: an encounter with a team or a group, counted by its
 * headcount. It has no case and holds no name, no contact and no text: a
 * time, a length, a modality, a headcount, what prompted it, how many were
 * offered a referral, and the group checklist steps covered. A snapshot:
 * read the store again after ::changed. */
#define PS_TYPE_GROUP_DEBRIEF (ps_group_debrief_get_type ())
G_DECLARE_FINAL_TYPE (PsGroupDebrief, ps_group_debrief, PS, GROUP_DEBRIEF, GObject)

/* The fields a supporter enters; the store checks them again. */
typedef struct
{
  GDateTime     *starts_at;   /* borrowed */
  guint          minutes;
  PsModality     modality;
  PsGroupPrompt  prompt;
  guint          headcount;
  guint          referrals;
} PsGroupDebriefFields;

gboolean             ps_group_debrief_fields_are_valid (const PsGroupDebriefFields *fields);

PsGroupDebrief      *ps_group_debrief_new               (gint64                      id,
                                                         const PsGroupDebriefFields *fields,
                                                         PsConversationState         state,
                                                         guint                       checklist_version,
                                                         char                      **covered_steps);
gint64               ps_group_debrief_get_id            (PsGroupDebrief *self);
GDateTime           *ps_group_debrief_get_starts_at     (PsGroupDebrief *self);
GDateTime           *ps_group_debrief_dup_ends_at       (PsGroupDebrief *self);
guint                ps_group_debrief_get_minutes       (PsGroupDebrief *self);
PsModality           ps_group_debrief_get_modality      (PsGroupDebrief *self);
PsGroupPrompt        ps_group_debrief_get_prompt        (PsGroupDebrief *self);
guint                ps_group_debrief_get_headcount     (PsGroupDebrief *self);
guint                ps_group_debrief_get_referrals     (PsGroupDebrief *self);
/* Scheduled, completed (held), missed or cancelled. */
PsConversationState  ps_group_debrief_get_state         (PsGroupDebrief *self);
guint                ps_group_debrief_get_checklist_version (PsGroupDebrief *self);
const char * const  *ps_group_debrief_get_covered_steps (PsGroupDebrief *self);
/* The fields, borrowing the start time from @self. */
void                 ps_group_debrief_get_fields        (PsGroupDebrief       *self,
                                                         PsGroupDebriefFields *fields);

G_END_DECLS
