/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A contact is free text ("phone, email or pager"): only what is clearly an
 * email address or a phone number becomes a URI, so that Write to Them never
 * opens a client on a guess. Nothing here is kept or logged. */

#include "config.h"

#include <string.h>

#include "ps-contact-uri.h"

/* The digits a number may have (E.164 allows 15; fewer than 3 is no number). */
#define MIN_DIGITS 3
#define MAX_DIGITS 15

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *dot;

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr ("<>,;:\"()[]\\", *p) != NULL)
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/* Digits of a number written with the usual separators, a leading "+"
 * kept; NULL when anything else is in it. */
static char *
phone_digits (const char *text,
              const char *end)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          n++;
        }
      else if (*p == '+' && digits->len == 0 && n == 0)
        g_string_append_c (digits, '+');
      else if (strchr (" -.()/", *p) == NULL)
        return NULL;
    }
  if (n < MIN_DIGITS || n > MAX_DIGITS)
    return NULL;
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/* "555-0100 ext 12", "555 0100 x12", "555-0100 #12": where the extension
 * starts (its word), and its digits in @extension. */
static const char *
find_extension (const char  *text,
                char       **extension)
{
  static const char *words[] = { "ext.", "ext", "x", "#" };
  g_autofree char *lower = g_ascii_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      const char *found = strstr (lower, words[i]);
      const char *p;

      if (found == NULL)
        continue;
      p = found + strlen (words[i]);
      while (*p == ' ')
        p++;
      if (*p == '\0')
        return NULL;
      for (const char *q = p; *q; q++)
        if (!g_ascii_isdigit (*q))
          return NULL;
      *extension = g_strdup (p);
      return text + (found - lower);
    }
  return NULL;
}

static PsContactKind
classify (const char  *contact,
          char       **target)
{
  g_autofree char *text = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *digits = NULL;
  const char *ext_at;

  if (contact == NULL)
    return PS_CONTACT_KIND_NONE;
  text = g_strstrip (g_strdup (contact));

  if (is_email (text))
    {
      if (target != NULL)
        *target = g_uri_escape_string (text, "@+!$&'*=^_`{|}~", FALSE);
      return PS_CONTACT_KIND_EMAIL;
    }

  ext_at = find_extension (text, &extension);
  digits = phone_digits (text, ext_at != NULL ? ext_at : text + strlen (text));
  if (digits == NULL)
    return PS_CONTACT_KIND_NONE;
  if (ext_at != NULL)
    {
      if (target != NULL)
        *target = g_strdup_printf ("%s;ext=%s", digits, extension);
      return PS_CONTACT_KIND_EXTENSION;
    }
  if (target != NULL)
    *target = g_steal_pointer (&digits);
  return PS_CONTACT_KIND_PHONE;
}

PsContactKind
ps_contact_kind_from_text (const char *contact)
{
  return classify (contact, NULL);
}

char *
ps_contact_reach_in_uri (const char    *contact,
                         const char    *message,
                         PsContactKind *kind)
{
  g_autofree char *target = NULL;
  g_autofree char *body = NULL;
  PsContactKind found = classify (contact, &target);

  if (kind != NULL)
    *kind = found;
  if (message != NULL && message[0] != '\0')
    body = g_uri_escape_string (message, NULL, FALSE);

  switch (found)
    {
    case PS_CONTACT_KIND_EMAIL:
      return body != NULL ? g_strconcat ("mailto:", target, "?body=", body, NULL)
                          : g_strconcat ("mailto:", target, NULL);
    case PS_CONTACT_KIND_PHONE:
      return body != NULL ? g_strconcat ("sms:", target, "?body=", body, NULL)
                          : g_strconcat ("sms:", target, NULL);
    case PS_CONTACT_KIND_EXTENSION:
      return g_strconcat ("tel:", target, NULL);
    case PS_CONTACT_KIND_NONE:
    default:
      return NULL;
    }
}

gboolean
ps_reach_in_message_is_valid (const char *message)
{
  if (message == NULL || !g_utf8_validate (message, -1, NULL))
    return FALSE;
  if (g_utf8_strlen (message, -1) > PS_REACH_IN_MESSAGE_MAX_CHARS)
    return FALSE;
  for (const char *p = message; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
