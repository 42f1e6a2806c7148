/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-enums.h"

G_BEGIN_DECLS

#define PS_CASE_NAME_MAX_CHARS    80
#define PS_CASE_CONTACT_MAX_CHARS 120

/* The field a validation message is about, so the form can point at it. */
typedef enum
{
  PS_CASE_FIELD_NONE,
  PS_CASE_FIELD_NAME,
  PS_CASE_FIELD_CONTACT,
  PS_CASE_FIELD_MODALITY,
  PS_CASE_FIELD_REFERRAL,
  PS_CASE_FIELD_REFERRAL_CONSENT,
  PS_CASE_FIELD_REASON,
  PS_CASE_FIELD_REQUESTED_ON,
  PS_CASE_FIELD_ASSIGNED_ON,
} PsCaseField;

/* What a person enters about a colleague: shared by the form and the store,
 * which validates it again. display_name and contact are owned strings;
 * contact may be NULL or empty. */
typedef struct
{
  char       *display_name;
  char       *contact;
  PsModality  modality;
  PsReferral  referral;
  gboolean    consent_confirmed;
  PsReason    reason;
  GDate       requested_on;
  GDate       assigned_on;
} PsCaseFields;

#define PS_TYPE_CASE_FIELDS (ps_case_fields_get_type ())
GType         ps_case_fields_get_type  (void) G_GNUC_CONST;

PsCaseFields *ps_case_fields_new       (void);
PsCaseFields *ps_case_fields_copy      (const PsCaseFields *fields);
void          ps_case_fields_free      (PsCaseFields       *fields);
void          ps_case_fields_clear     (PsCaseFields       *fields);

/* Trims the name and contact in place (a contact of only spaces becomes NULL). */
void          ps_case_fields_normalize (PsCaseFields       *fields);

gboolean      ps_case_fields_validate  (const PsCaseFields *fields,
                                        const GDate        *today,
                                        PsCaseField        *bad_field,
                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsCaseFields, ps_case_fields_free)

G_END_DECLS
