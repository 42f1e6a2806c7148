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
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 ||
         c == 0x2028 || c == 0x2029;
}

/* Marks, embeddings, overrides and isolates that change the order in which
 * the rest of a row is shown: U+202E makes a name read backwards. */
static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* What shows as nothing: spaces, zero-width and other format characters,
 * and the fillers that render blank. */
static gboolean
is_invisible (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_FORMAT:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_CONTROL:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OTHER_SYMBOL:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_UPPERCASE_LETTER:
    default:
      /* Hangul fillers and the blank braille pattern are letters and symbols. */
      return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
    }
}

typedef enum
{
  LINE_OK,
  LINE_EMPTY,
  LINE_BREAKS,
  LINE_CONTROL,
  LINE_BIDI,
} LineProblem;

static LineProblem
line_problem (const char *text)
{
  gboolean visible = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c))
        return LINE_BREAKS;
      visible = visible || !is_invisible (c);
    }
  if (!visible)
    return LINE_EMPTY;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* ESC, TAB, DEL and the C1 controls: nothing a name or contact holds. */
      if (g_unichar_type (c) == G_UNICODE_CONTROL)
        return LINE_CONTROL;
      if (is_bidi_control (c))
        return LINE_BIDI;
    }
  return LINE_OK;
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
  gboolean name = field == PS_CASE_FIELD_NAME;

  if (!g_utf8_validate (text, -1, NULL))
    return fail (field, bad_field, error, _("The text is not valid."));

  switch (text[0] == '\0' ? LINE_EMPTY : line_problem (text))
    {
    case LINE_EMPTY:
      if (!required && text[0] == '\0')
        return TRUE;
      if (required)
        return fail (field, bad_field, error, _("Enter a name."));
      return fail (field, bad_field, error,
                   _("The contact shows as blank: type it with visible characters."));
    case LINE_BREAKS:
      return fail (field, bad_field, error,
                   name ? _("A name is one line: remove the line breaks.")
                        : _("A contact is one line: remove the line breaks."));
    case LINE_CONTROL:
      return fail (field, bad_field, error,
                   name ? _("A name cannot hold tabs or other control characters.")
                        : _("A contact cannot hold tabs or other control characters."));
    case LINE_BIDI:
      return fail (field, bad_field, error,
                   name ? _("A name cannot hold characters that change the direction of text.")
                        : _("A contact cannot hold characters that change the direction of text."));
    case LINE_OK:
    default:
      break;
    }

  if (g_utf8_strlen (text, -1) > max_chars)
    return fail (field, bad_field, error,
                 name ? _("The name is longer than 80 characters.")
                      : _("The contact is longer than 120 characters."));
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
