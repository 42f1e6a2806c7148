/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ps-util.h"

char *
ps_date_to_iso (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint)g_date_get_year (date),
                          (guint)g_date_get_month (date),
                          (guint)g_date_get_day (date));
}

gboolean
ps_date_from_iso (const char *text,
                  GDate      *out)
{
  guint y, m, d;
  char tail;

  g_assert (out != NULL);

  g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y))
    return FALSE;

  g_date_set_dmy (out, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
  return TRUE;
}

char *
ps_instant_to_iso (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = NULL;

  if (instant == NULL)
    return NULL;

  utc = g_date_time_to_utc (instant);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

GDateTime *
ps_instant_from_iso (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL || strlen (text) != 20 || text[19] != 'Z')
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

gboolean
ps_set_string (char       **field,
               const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
ps_set_instant (GDateTime **field,
                GDateTime  *value)
{
  if (*field == value ||
      (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
  return TRUE;
}

gboolean
ps_set_date (GDate       *field,
             const GDate *value)
{
  gboolean was_valid = g_date_valid (field);
  gboolean is_valid = value != NULL && g_date_valid (value);

  if (was_valid == is_valid && (!is_valid || g_date_compare (field, value) == 0))
    return FALSE;

  if (is_valid)
    *field = *value;
  else
    g_date_clear (field, 1);
  return TRUE;
}

gboolean
ps_set_int (int *field,
            int  value)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return TRUE;
}

gboolean
ps_set_int64 (gint64 *field,
              gint64  value)
{
  if (*field == value)
    return FALSE;
  *field = value;
  return TRUE;
}

const GDate *
ps_date_or_null (const GDate *date)
{
  return (date != NULL && g_date_valid (date)) ? date : NULL;
}

void
ps_date_set_from_date_time (GDate     *out,
                            GDateTime *instant,
                            GTimeZone *tz)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (instant != NULL);

  local = tz != NULL ? g_date_time_to_timezone (instant, tz) : g_date_time_ref (instant);
  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
}

void
ps_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_if_fail (path != NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  /* A folder made unreadable (by a test, say) can still be emptied. */
  g_chmod (path, 0700);
  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          ps_remove_tree (child);
        }
    }
  g_rmdir (path);
}

char *
ps_fold_for_search (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)   /* not UTF-8: compared as it is */
    return g_steal_pointer (&folded);

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeType type;
      gunichar c;

      /* ASCII, most of every name, needs no lookup. */
      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, *p);
          continue;
        }
      c = g_utf8_get_char (p);
      type = g_unichar_type (c);
      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK &&
          type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
ps_file_write_private (GFile       *file,
                       const char  *contents,
                       gsize        length,
                       GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    return g_file_set_contents_full (path, contents, (gssize)length,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);

  return g_file_replace_contents (file, contents, length, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}
