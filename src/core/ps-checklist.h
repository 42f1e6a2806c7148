/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ps-clock.h"
#include "ps-store.h"

G_BEGIN_DECLS

/* The conversation guide (open, listen, normalise, safety, cope, resources),
 * as fixed, versioned data. Only
 * step ids reach the database; a conversation keeps the checklist version it
 * was held with, so look its steps up with ps_checklist_get (its version).
 * A published version never changes: a new guide is a new version. */

typedef struct _PsChecklist      PsChecklist;
typedef struct _PsChecklistPhase PsChecklistPhase;
typedef struct _PsChecklistStep  PsChecklistStep;

typedef enum
{
  PS_CHECKLIST_STEP_CHECK,          /* covered or not */
  PS_CHECKLIST_STEP_SAFETY_ANSWER,  /* "No concern" or "Concern raised": the safety flag */
} PsChecklistStepKind;

#define PS_CHECKLIST_SAFETY_STEP "safety.ask-directly"

/* NULL for a version this build does not know. */
const PsChecklist      *ps_checklist_get                (guint                    version);
guint                   ps_checklist_get_version        (const PsChecklist       *self);
guint                   ps_checklist_get_n_phases       (const PsChecklist       *self);
const PsChecklistPhase *ps_checklist_get_phase          (const PsChecklist       *self,
                                                         guint                    index);
guint                   ps_checklist_count_steps        (const PsChecklist       *self);
/* NULL when @step_id is not part of this version; @phase_out may be NULL. */
const PsChecklistStep  *ps_checklist_lookup_step        (const PsChecklist       *self,
                                                         const char              *step_id,
                                                         const PsChecklistPhase **phase_out);
/* How many of @step_ids are steps of this version (unknown ids don't count). */
guint                   ps_checklist_count_covered      (const PsChecklist       *self,
                                                         const char * const      *step_ids);

const char             *ps_checklist_phase_get_id       (const PsChecklistPhase  *phase);
/* Translated. */
const char             *ps_checklist_phase_get_title    (const PsChecklistPhase  *phase);
guint                   ps_checklist_phase_get_n_steps  (const PsChecklistPhase  *phase);
const PsChecklistStep  *ps_checklist_phase_get_step     (const PsChecklistPhase  *phase,
                                                         guint                    index);

const char             *ps_checklist_step_get_id        (const PsChecklistStep   *step);
PsChecklistStepKind     ps_checklist_step_get_kind      (const PsChecklistStep   *step);
/* Translated; the _untranslated variants are the msgids, for tests. */
const char             *ps_checklist_step_get_title     (const PsChecklistStep   *step);
const char             *ps_checklist_step_get_guidance  (const PsChecklistStep   *step);
const char             *ps_checklist_step_get_untranslated_title    (const PsChecklistStep *step);
const char             *ps_checklist_step_get_untranslated_guidance (const PsChecklistStep *step);
const char             *ps_checklist_phase_get_untranslated_title   (const PsChecklistPhase *phase);

/* "12 of 14 steps", counted in the conversation's own checklist version;
 * NULL when this build does not know that version. */
char                   *ps_checklist_describe_coverage  (PsConversation          *conversation);

G_END_DECLS
