/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-checklist.h"

G_BEGIN_DECLS

#define PS_GROUP_CHECKLIST_VERSION 1

/* The group debrief guide, fixed and versioned like the one-to-one guide
 * and read with the same ps_checklist_* accessors. Its step ids live in
 * their own namespace ("group.…"). NULL for a version this build does not
 * know. */
const PsChecklist *ps_group_checklist_get (guint version);

G_END_DECLS
