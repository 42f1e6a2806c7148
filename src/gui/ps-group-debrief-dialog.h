/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"
#include "ps-group-debrief.h"

G_BEGIN_DECLS

/* Scheduling, holding and logging a group debrief: when, how long, how, what
 * prompted it, a headcount and the referrals offered, its status, and the
 * group checklist. Nothing is typed but numbers: no names, no notes. */
#define PS_TYPE_GROUP_DEBRIEF_DIALOG (ps_group_debrief_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsGroupDebriefDialog, ps_group_debrief_dialog, PS, GROUP_DEBRIEF_DIALOG,
                      AdwWindow)

/* @debrief_or_null: the debrief to edit, or NULL for a new one. */
PsGroupDebriefDialog *ps_group_debrief_dialog_new          (PsContext            *context,
                                                            PsGroupDebrief       *debrief_or_null);
/* For tests. */
gboolean              ps_group_debrief_dialog_save         (PsGroupDebriefDialog *self);
void                  ps_group_debrief_dialog_set_prompt   (PsGroupDebriefDialog *self,
                                                            PsGroupPrompt         prompt);
void                  ps_group_debrief_dialog_set_headcount (PsGroupDebriefDialog *self,
                                                            guint                 headcount,
                                                            guint                 referrals);
void                  ps_group_debrief_dialog_set_held     (PsGroupDebriefDialog *self,
                                                            gboolean              held);
GtkCheckButton       *ps_group_debrief_dialog_get_step_check (PsGroupDebriefDialog *self,
                                                            const char           *step_id);
const char           *ps_group_debrief_dialog_get_error    (PsGroupDebriefDialog *self);

G_END_DECLS
