/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Version 1 of the group guide follows the group models of established
 * peer-support programs (critical incident stress management's defusing and
 * debriefing, Stress First Aid, the RISE team debrief): ground rules first,
 * the facts, then reactions, coping and resources. Ids are part of the file
 * format: never change or reuse one. Keep each N_() string on one line. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-checklist-private.h"
#include "ps-group-checklist.h"

#define CHECK PS_CHECKLIST_STEP_CHECK

static const PsChecklistStep v1_ground_rules[] = {
  { "group.introduce", CHECK,
    N_("Introduce the debrief and the supporters"),
    N_("Peer support for the team — not an investigation, a review or a therapy group.") },
  { "group.confidentiality", CHECK,
    N_("Agree on confidentiality"),
    N_("What is said here stays here; no notes are taken; it ends only when someone is at risk.") },
  { "group.voluntary", CHECK,
    N_("Say that speaking is voluntary"),
    N_("Everyone may listen without speaking, and may step out at any time.") },
};

static const PsChecklistStep v1_facts[] = {
  { "group.what-happened", CHECK,
    N_("Invite each person to say what they saw and did"),
    N_("Facts from where they stood, briefly; no blame and no clinical review.") },
};

static const PsChecklistStep v1_reactions[] = {
  { "group.reactions", CHECK,
    N_("Invite reactions and thoughts"),
    N_("What was hardest, what is staying with them since.") },
  { "group.normalise", CHECK,
    N_("Normalise stress reactions"),
    N_("Trouble sleeping, replaying the event, irritability or numbness are common and pass.") },
};

static const PsChecklistStep v1_coping[] = {
  { "group.coping", CHECK,
    N_("Talk about coping"),
    N_("Sleep, food, rest, time with others, and what has helped the team before.") },
  { "group.look-out", CHECK,
    N_("Ask them to look out for each other"),
    N_("Who checks in with whom over the next days, including those not present.") },
};

static const PsChecklistStep v1_resources[] = {
  { "group.resources", CHECK,
    N_("Offer resources"),
    N_("One-to-one peer support, physician health program, employee assistance, crisis line.") },
  { "group.follow-up", CHECK,
    N_("Agree on a follow-up"),
    N_("When the supporters will check in again with the team.") },
  { "group.thank", CHECK,
    N_("Thank the group"),
    N_("For their trust, and for the care they gave.") },
};

static const PsChecklistPhase v1_phases[] = {
  PS_CHECKLIST_PHASE ("group-ground-rules", N_("Ground Rules"), v1_ground_rules),
  PS_CHECKLIST_PHASE ("group-facts", N_("What Happened"), v1_facts),
  PS_CHECKLIST_PHASE ("group-reactions", N_("Reactions"), v1_reactions),
  PS_CHECKLIST_PHASE ("group-coping", N_("Coping"), v1_coping),
  PS_CHECKLIST_PHASE ("group-resources", N_("Resources and Close"), v1_resources),
};

static const PsChecklist checklists[] = {
  { 1, v1_phases, G_N_ELEMENTS (v1_phases) },
};

const PsChecklist *
ps_group_checklist_get (guint version)
{
  for (guint i = 0; i < G_N_ELEMENTS (checklists); i++)
    if (checklists[i].version == version)
      return &checklists[i];
  return NULL;
}
