/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ps-case-fields.h"
#include "ps-store-error.h"

G_DEFINE_BOXED_TYPE (PsCaseFields, ps_case_fields, ps_case_fields_copy, ps_case_fields_free)

PsCaseFields *
ps_case_fields_new (void)
{
  PsCaseFields *fields = g_new0 (PsCaseFields, 1);

  /* No reason until one is chosen: a default would skew the statistics. */
  fields->reason = PS_REASON_NONE;
  g_date_clear (&fields->requested_on, 1);
  g_date_clear (&fields->assigned_on, 1);
  return fields;
}

PsCaseFields *
ps_case_fields_copy (const PsCaseFields *fields)
{
  PsCaseFields *copy;

  g_return_val_if_fail (fields != NULL, NULL);

  copy = g_new0 (PsCaseFields, 1);
  *copy = *fields;
  copy->display_name = g_strdup (fields->display_name);
  copy->contact = g_strdup (fields->contact);
  return copy;
}

void
ps_case_fields_clear (PsCaseFields *fields)
{
  g_return_if_fail (fields != NULL);

  g_clear_pointer (&fields->display_name, g_free);
  g_clear_pointer (&fields->contact, g_free);
}

void
ps_case_fields_free (PsCaseFields *fields)
{
  if (fields == NULL)
    return;

  ps_case_fields_clear (fields);
  g_free (fields);
}

static void
trim (char **text)
{
  if (*text == NULL)
    return;

  g_strstrip (*text);
}

void
ps_case_fields_normalize (PsCaseFields *fields)
{
  g_return_if_fail (fields != NULL);

  trim (&fields->display_name);
  trim (&fields->contact);
  if (fields->contact != NULL && fields->contact[0] == '\0')
    g_clear_pointer (&fields->contact, g_free);
}

static gboolean
fail (PsCaseField   field,
      PsCaseField  *bad_field,
      GError      **error,
      const char   *message)
{
  if (bad_field != NULL)
    *bad_field = field;
  g_set_error_literal (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_one_line (const char *text)
{
  return strpbrk (text, "\r\n\v\f") == NULL &&
         strstr (text, "\xe2\x80\xa8") == NULL &&   /* U+2028 LINE SEPARATOR */
         strstr (text, "\xe2\x80\xa9") == NULL;     /* U+2029 PARAGRAPH SEPARATOR */
}

/* Text is checked as it would be stored: trimmed. */
static gboolean
check_line (const char   *raw,
            gboolean      required,
            guint         max_chars,
            PsCaseField   field,
            PsCaseField  *bad_field,
            GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (raw != NULL ? raw : ""));

  if (!g_utf8_validate (text, -1, NULL))
    return fail (field, bad_field, error, _("The text is not valid."));

  if (text[0] == '\0')
    {
      if (required)
        return fail (field, bad_field, error, _("Enter a name."));
      return TRUE;
    }

  if (field == PS_CASE_FIELD_NAME)
    {
      if (g_utf8_strlen (text, -1) > max_chars)
        return fail (field, bad_field, error, _("The name is longer than 80 characters."));
      if (!is_one_line (text))
        return fail (field, bad_field, error, _("A name fits on one line."));
    }
  else
    {
      if (g_utf8_strlen (text, -1) > max_chars)
        return fail (field, bad_field, error, _("The contact is longer than 120 characters."));
      if (!is_one_line (text))
        return fail (field, bad_field, error, _("A contact fits on one line."));
    }
  return TRUE;
}

gboolean
ps_case_fields_validate (const PsCaseFields  *fields,
                         const GDate         *today,
                         PsCaseField         *bad_field,
                         GError             **error)
{
  g_return_val_if_fail (fields != NULL, FALSE);

  if (bad_field != NULL)
    *bad_field = PS_CASE_FIELD_NONE;

  if (!check_line (fields->display_name, TRUE, PS_CASE_NAME_MAX_CHARS,
                   PS_CASE_FIELD_NAME, bad_field, error))
    return FALSE;

  if (!check_line (fields->contact, FALSE, PS_CASE_CONTACT_MAX_CHARS,
                   PS_CASE_FIELD_CONTACT, bad_field, error))
    return FALSE;

  if (!ps_modality_is_valid (fields->modality))
    return fail (PS_CASE_FIELD_MODALITY, bad_field, error, _("Choose how to meet."));

  if (!ps_referral_is_valid (fields->referral))
    return fail (PS_CASE_FIELD_REFERRAL, bad_field, error, _("Choose who made the referral."));

  if (fields->referral == PS_REFERRAL_COLLEAGUE && !fields->consent_confirmed)
    return fail (PS_CASE_FIELD_REFERRAL_CONSENT, bad_field, error,
                 _("Confirm that the colleague agreed to be referred."));

  if (!ps_reason_is_valid (fields->reason))
    return fail (PS_CASE_FIELD_REASON, bad_field, error, _("Choose a reason."));

  if (!g_date_valid (&fields->requested_on))
    return fail (PS_CASE_FIELD_REQUESTED_ON, bad_field, error, _("Enter the request date."));

  if (today != NULL && g_date_valid (today) && g_date_compare (&fields->requested_on, today) > 0)
    return fail (PS_CASE_FIELD_REQUESTED_ON, bad_field, error,
                 _("The request date cannot be in the future."));

  if (!g_date_valid (&fields->assigned_on))
    return fail (PS_CASE_FIELD_ASSIGNED_ON, bad_field, error, _("Enter the assignment date."));

  if (g_date_compare (&fields->assigned_on, &fields->requested_on) < 0)
    return fail (PS_CASE_FIELD_ASSIGNED_ON, bad_field, error,
                 _("The assignment date cannot be before the request."));

  if (today != NULL && g_date_valid (today) && g_date_compare (&fields->assigned_on, today) > 0)
    return fail (PS_CASE_FIELD_ASSIGNED_ON, bad_field, error,
                 _("The assignment date cannot be in the future."));

  return TRUE;
}
