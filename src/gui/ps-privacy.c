/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-privacy.h"

static gboolean
is_title (const char *word)
{
  static const char *titles[] = { "dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.",
                                  "ms", "ms.", "mx", "mx.", "pr", "pr.", "me", NULL };
  g_autofree char *lower = g_utf8_strdown (word, -1);

  return g_strv_contains (titles, lower);
}

char *
ps_privacy_initials (const char *display_name)
{
  g_auto(GStrv) words = NULL;
  GString *out = g_string_new (NULL);
  guint n = 0;

  if (display_name == NULL)
    return g_string_free (out, FALSE);

  words = g_strsplit_set (display_name, " \t-", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gunichar c;

      if (words[i][0] == '\0' || is_title (words[i]))
        continue;
      c = g_unichar_toupper (g_utf8_get_char (words[i]));
      if (!g_unichar_isalnum (c))
        continue;
      if (n++ > 0)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, c);
      g_string_append_c (out, '.');
      if (n == 3)
        break;
    }

  if (n == 0)
    g_string_append (out, "?");
  return g_string_free (out, FALSE);
}

char *
ps_privacy_display_name (const char *display_name,
                         gboolean    privacy_mode)
{
  if (display_name == NULL || display_name[0] == '\0')
    return g_strdup (_("Closed case (de-identified)"));
  if (privacy_mode)
    return ps_privacy_initials (display_name);
  return g_strdup (display_name);
}
