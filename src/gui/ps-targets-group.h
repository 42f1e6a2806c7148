/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The first-contact targets: due after and overdue after so many days, saved
 * together only when due comes no later than overdue. In Preferences and in
 * the welcome. */
#define PS_TYPE_TARGETS_GROUP (ps_targets_group_get_type ())
G_DECLARE_FINAL_TYPE (PsTargetsGroup, ps_targets_group, PS, TARGETS_GROUP, AdwPreferencesGroup)

GtkWidget *ps_targets_group_new   (GSettings      *settings);
/* Saves the days as the fields show them, typed text included; FALSE, with
 * the message on show, when due comes after overdue. */
gboolean   ps_targets_group_apply (PsTargetsGroup *self);

G_END_DECLS
