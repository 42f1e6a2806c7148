/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-enums.h"

G_BEGIN_DECLS

/* A try at reaching a colleague: when, and how it went. No text. */
#define PS_TYPE_CONTACT_ATTEMPT (ps_contact_attempt_get_type ())
G_DECLARE_FINAL_TYPE (PsContactAttempt, ps_contact_attempt, PS, CONTACT_ATTEMPT, GObject)

PsContactAttempt *ps_contact_attempt_new         (gint64            id,
                                                  gint64            case_id,
                                                  GDateTime        *at,
                                                  PsContactOutcome  outcome);
gint64            ps_contact_attempt_get_id      (PsContactAttempt *self);
gint64            ps_contact_attempt_get_case_id (PsContactAttempt *self);
GDateTime        *ps_contact_attempt_get_at      (PsContactAttempt *self);
PsContactOutcome  ps_contact_attempt_get_outcome (PsContactAttempt *self);

G_END_DECLS
