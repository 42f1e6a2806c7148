/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-case-fields.h"
#include "ps-enums.h"

G_BEGIN_DECLS

/* One colleague being supported. Read-only: the store changes a case and
 * keeps one object per id, updated in place (with notifications), so rows
 * bound to it refresh. Dates (requested-on, assigned-on, closed-on) are
 * boxed GDate (G_TYPE_DATE, NULL when unset); instants are UTC GDateTime. */
#define PS_TYPE_CASE (ps_case_get_type ())
G_DECLARE_FINAL_TYPE (PsCase, ps_case, PS, CASE, GObject)

gint64           ps_case_get_id                         (PsCase *self);
const char      *ps_case_get_display_name               (PsCase *self);
const char      *ps_case_get_contact                    (PsCase *self);
PsModality       ps_case_get_modality                   (PsCase *self);
PsReferral       ps_case_get_referral                   (PsCase *self);
gboolean         ps_case_get_consent_confirmed          (PsCase *self);
PsReason         ps_case_get_reason                     (PsCase *self);
const GDate     *ps_case_get_requested_on               (PsCase *self);
const GDate     *ps_case_get_assigned_on                (PsCase *self);
PsCaseState      ps_case_get_state                      (PsCase *self);
PsClosureStatus  ps_case_get_closure_status             (PsCase *self);
const GDate     *ps_case_get_closed_on                  (PsCase *self);
gboolean         ps_case_get_deidentified               (PsCase *self);
GDateTime       *ps_case_get_created_at                 (PsCase *self);
GDateTime       *ps_case_get_first_contact_at           (PsCase *self);
GDateTime       *ps_case_get_next_conversation_at       (PsCase *self);
PsModality       ps_case_get_next_conversation_modality (PsCase *self);
guint            ps_case_get_next_conversation_minutes  (PsCase *self);
/* Scheduled or in progress, when there is a next conversation. */
PsConversationState ps_case_get_next_conversation_state (PsCase *self);
guint            ps_case_get_n_conversations            (PsCase *self);
guint            ps_case_get_n_completed_conversations  (PsCase *self);
gboolean         ps_case_get_safety_concern             (PsCase *self);
GDateTime       *ps_case_get_safety_concern_at          (PsCase *self);

/* The editable fields, to fill a form (free with ps_case_fields_free). */
PsCaseFields    *ps_case_dup_fields                     (PsCase *self);

G_END_DECLS
