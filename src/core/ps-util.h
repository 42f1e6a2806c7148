/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Storage formats: dates 'YYYY-MM-DD', instants 'YYYY-MM-DDTHH:MM:SSZ' (UTC). */
char      *ps_date_to_iso          (const GDate  *date);
gboolean   ps_date_from_iso        (const char   *text,
                                    GDate        *out);
char      *ps_instant_to_iso       (GDateTime    *instant);
GDateTime *ps_instant_from_iso     (const char   *text);

/* Setters for in-place updates: TRUE when the value changed. */
gboolean   ps_set_string           (char        **field,
                                    const char   *value);
gboolean   ps_set_instant          (GDateTime   **field,
                                    GDateTime    *value);
gboolean   ps_set_date             (GDate        *field,
                                    const GDate  *value);
gboolean   ps_set_int              (int          *field,
                                    int           value);
gboolean   ps_set_int64            (gint64       *field,
                                    gint64        value);

/* The calendar day of @instant in @tz (NULL: in @instant's own zone). */
void       ps_date_set_from_date_time (GDate     *out,
                                       GDateTime *instant,
                                       GTimeZone *tz);
/* Deletes a file or a folder with everything in it; never follows a
 * symbolic link out of the tree. */
void       ps_remove_tree          (const char   *path);
/* Writes @file atomically and privately (mode 0600): a crash leaves the old
 * file or the new one, and an existing world-readable file does not pass
 * its mode on. For the exports. */
gboolean   ps_file_write_private   (GFile        *file,
                                    const char   *contents,
                                    gsize         length,
                                    GError      **error);

/* @text as a search compares it: casefolded, and without accents or other
 * combining marks ("Élodie" → "elodie"). */
char      *ps_fold_for_search      (const char   *text);
/* A GDate or NULL when not valid (for boxed properties). */
const GDate *ps_date_or_null       (const GDate  *date);

G_END_DECLS
