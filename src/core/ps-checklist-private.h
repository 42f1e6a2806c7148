/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-checklist.h"

G_BEGIN_DECLS

/* The guide's data, shared by the one-to-one and the group checklists so
 * both are read through the same accessors. */

struct _PsChecklistStep
{
  const char          *id;
  PsChecklistStepKind  kind;
  const char          *title;
  const char          *guidance;
};

struct _PsChecklistPhase
{
  const char            *id;
  const char            *title;
  const PsChecklistStep *steps;
  guint                  n_steps;
};

struct _PsChecklist
{
  guint                   version;
  const PsChecklistPhase *phases;
  guint                   n_phases;
};

#define PS_CHECKLIST_PHASE(id, title, steps) { id, title, steps, G_N_ELEMENTS (steps) }

G_END_DECLS
