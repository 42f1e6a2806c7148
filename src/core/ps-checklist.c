/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Version 1 follows the peer-support conversation models of established
 * programs (psychological first aid, the Brigham peer-support model, Stress
 * First Aid). Ids are part of the file format: never change or reuse one.
 * Keep each N_() string on one line: tests/conversation checks them. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-checklist-private.h"

#define CHECK PS_CHECKLIST_STEP_CHECK
#define SAFETY PS_CHECKLIST_STEP_SAFETY_ANSWER

static const PsChecklistStep v1_open[] = {
  { "open.introduce", CHECK,
    N_("Introduce yourself as a peer supporter"),
    N_("A colleague who listens — not a therapist, an evaluator or a mentor.") },
  { "open.time-and-place", CHECK,
    N_("Check it is a good time and a private place"),
    N_("Ask whether they can talk now, undisturbed and without being overheard.") },
  { "open.confidentiality", CHECK,
    N_("Explain confidentiality and its one limit"),
    N_("What they share stays between you, unless someone is at risk of harm.") },
};

static const PsChecklistStep v1_listen[] = {
  { "listen.own-words", CHECK,
    N_("Invite them to tell what happened"),
    N_("In their own words and at their own pace; let silences be.") },
  { "listen.no-judging", CHECK,
    N_("Listen without judging"),
    N_("Hold back advice, reassurance and opinions on the clinical decisions.") },
  { "listen.open-questions", CHECK,
    N_("Ask open questions"),
    N_("For example “How has this been for you?” or “What has been hardest?”") },
  { "listen.reflect", CHECK,
    N_("Reflect the feelings you hear"),
    N_("Name them gently: guilt, anger, fear, shame, sadness or numbness.") },
};

static const PsChecklistStep v1_normalise[] = {
  { "normalise.common-reactions", CHECK,
    N_("Normalise their reactions"),
    N_("These are common, human responses to a hard event, not a sign of weakness.") },
};

static const PsChecklistStep v1_safety[] = {
  { PS_CHECKLIST_SAFETY_STEP, SAFETY,
    N_("Ask directly about safety"),
    N_("Ask whether they have had thoughts of harming themselves or someone else.") },
};

static const PsChecklistStep v1_cope[] = {
  { "cope.basics", CHECK,
    N_("Talk about the basics"),
    N_("Sleep, food, rest, and support at home.") },
  { "cope.strengths", CHECK,
    N_("Recognise their strengths"),
    N_("What they are doing well, and what has helped them before.") },
};

static const PsChecklistStep v1_resources[] = {
  { "resources.offer", CHECK,
    N_("Offer resources"),
    N_("Physician health program, employee assistance, counselling or a crisis line.") },
  { "resources.next-contact", CHECK,
    N_("Agree on the next contact or on closing"),
    N_("When you will talk again, or that this is the last conversation.") },
  { "resources.thank", CHECK,
    N_("Thank them"),
    N_("For their trust, and for taking the time to talk.") },
};

#define PHASE PS_CHECKLIST_PHASE

static const PsChecklistPhase v1_phases[] = {
  PHASE ("open", N_("Open"), v1_open),
  PHASE ("listen", N_("Listen"), v1_listen),
  PHASE ("normalise", N_("Normalise"), v1_normalise),
  PHASE ("safety", N_("Safety"), v1_safety),
  PHASE ("cope", N_("Cope"), v1_cope),
  PHASE ("resources", N_("Resources and Close"), v1_resources),
};

static const PsChecklist checklists[] = {
  { 1, v1_phases, G_N_ELEMENTS (v1_phases) },
};

const PsChecklist *
ps_checklist_get (guint version)
{
  for (guint i = 0; i < G_N_ELEMENTS (checklists); i++)
    if (checklists[i].version == version)
      return &checklists[i];
  return NULL;
}

guint
ps_checklist_get_version (const PsChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->version;
}

guint
ps_checklist_get_n_phases (const PsChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_phases;
}

const PsChecklistPhase *
ps_checklist_get_phase (const PsChecklist *self,
                        guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_phases, NULL);
  return &self->phases[index];
}

guint
ps_checklist_count_steps (const PsChecklist *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->n_phases; i++)
    n += self->phases[i].n_steps;
  return n;
}

const PsChecklistStep *
ps_checklist_lookup_step (const PsChecklist       *self,
                          const char              *step_id,
                          const PsChecklistPhase **phase_out)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (phase_out != NULL)
    *phase_out = NULL;
  if (step_id == NULL)
    return NULL;

  for (guint i = 0; i < self->n_phases; i++)
    for (guint j = 0; j < self->phases[i].n_steps; j++)
      if (g_str_equal (self->phases[i].steps[j].id, step_id))
        {
          if (phase_out != NULL)
            *phase_out = &self->phases[i];
          return &self->phases[i].steps[j];
        }
  return NULL;
}

guint
ps_checklist_count_covered (const PsChecklist  *self,
                            const char * const *step_ids)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; step_ids != NULL && step_ids[i] != NULL; i++)
    if (ps_checklist_lookup_step (self, step_ids[i], NULL) != NULL &&
        !g_strv_contains ((const char * const *)step_ids + i + 1, step_ids[i]))
      n++;
  return n;
}

const char *
ps_checklist_phase_get_id (const PsChecklistPhase *phase)
{
  g_return_val_if_fail (phase != NULL, NULL);
  return phase->id;
}

const char *
ps_checklist_phase_get_title (const PsChecklistPhase *phase)
{
  g_return_val_if_fail (phase != NULL, NULL);
  return _(phase->title);
}

const char *
ps_checklist_phase_get_untranslated_title (const PsChecklistPhase *phase)
{
  g_return_val_if_fail (phase != NULL, NULL);
  return phase->title;
}

guint
ps_checklist_phase_get_n_steps (const PsChecklistPhase *phase)
{
  g_return_val_if_fail (phase != NULL, 0);
  return phase->n_steps;
}

const PsChecklistStep *
ps_checklist_phase_get_step (const PsChecklistPhase *phase,
                             guint                   index)
{
  g_return_val_if_fail (phase != NULL, NULL);
  g_return_val_if_fail (index < phase->n_steps, NULL);
  return &phase->steps[index];
}

const char *
ps_checklist_step_get_id (const PsChecklistStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);
  return step->id;
}

PsChecklistStepKind
ps_checklist_step_get_kind (const PsChecklistStep *step)
{
  g_return_val_if_fail (step != NULL, PS_CHECKLIST_STEP_CHECK);
  return step->kind;
}

const char *
ps_checklist_step_get_title (const PsChecklistStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);
  return _(step->title);
}

const char *
ps_checklist_step_get_guidance (const PsChecklistStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);
  return _(step->guidance);
}

const char *
ps_checklist_step_get_untranslated_title (const PsChecklistStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);
  return step->title;
}

const char *
ps_checklist_step_get_untranslated_guidance (const PsChecklistStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);
  return step->guidance;
}

/* Conversations ---------------------------------------------------------- */

char *
ps_checklist_describe_coverage (PsConversation *conversation)
{
  const PsChecklist *checklist;
  guint total, covered;

  g_return_val_if_fail (PS_IS_CONVERSATION (conversation), NULL);

  checklist = ps_checklist_get (ps_conversation_get_checklist_version (conversation));
  if (checklist == NULL)
    return NULL;
  total = ps_checklist_count_steps (checklist);
  covered = ps_checklist_count_covered (checklist, ps_conversation_get_covered_steps (conversation));
  /* Translators: checklist coverage of a conversation, e.g. "12 of 14 steps". */
  return g_strdup_printf (ngettext ("%u of %u step", "%u of %u steps", total), covered, total);
}
