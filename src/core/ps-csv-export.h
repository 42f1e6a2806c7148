/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-statistics.h"
#include "ps-store.h"

G_BEGIN_DECLS

/* The CSV export for the program coordinator (RFC 4180: CRLF line ends,
 * quoted fields where needed). De-identified by construction: it is built
 * from PsCaseFacts only — codes, counts and ISO weeks ("2024-W47"), never a
 * name, a contact or a date finer than a week. Files are written atomically
 * with mode 0600. */

/* One row per case requested in [@from, @to], after a header row. */
gboolean  ps_csv_export_to_file          (PsStore       *store,
                                          const GDate   *from,
                                          const GDate   *to,
                                          GFile         *file,
                                          GError       **error);
char     *ps_csv_export_cases            (PsStatistics  *statistics);

/* The figures of the Overview as rows of section,item,value. */
gboolean  ps_csv_export_summary_to_file  (PsStatistics  *statistics,
                                          GFile         *file,
                                          GError       **error);
char     *ps_csv_export_summary          (PsStatistics  *statistics);

/* Helpers, public for the tests. */
void      ps_csv_append_field            (GString       *line,
                                          const char    *field);
char     *ps_csv_format_week             (const GDate   *date);

G_END_DECLS
