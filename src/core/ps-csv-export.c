/* SPDX-License-Identifier: GPL-3.0-or-later */

/* CSV for the program coordinator. Every value written comes from a
 * PsCaseFacts or a PsStatistics figure: codes, counts and ISO weeks. */

#include "config.h"

#include "ps-csv-export.h"

#define CRLF "\r\n"

void
ps_csv_append_field (GString    *line,
                     const char *field)
{
  g_return_if_fail (line != NULL);

  if (field == NULL)
    return;

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (line, field);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
append_row (GString            *out,
            const char * const *fields,
            guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      ps_csv_append_field (out, fields[i]);
    }
  g_string_append (out, CRLF);
}

/* The ISO 8601 week, whose year is the week-numbering year: 2024-12-30 is
 * in 2025-W01. NULL for an unset date. */
char *
ps_csv_format_week (const GDate *date)
{
  g_autoptr(GDateTime) noon = NULL;

  if (date == NULL || !g_date_valid (date))
    return NULL;

  noon = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 12, 0, 0);
  if (noon == NULL)
    return NULL;
  return g_strdup_printf ("%04d-W%02d", g_date_time_get_week_numbering_year (noon),
                          g_date_time_get_week_of_year (noon));
}

char *
ps_csv_export_cases (PsStatistics *statistics)
{
  static const char * const header[] = {
    "requested_week", "reason", "first_contact_week", "days_to_first_contact",
    "conversations", "safety_concern", "closure_status", "closed_week",
  };
  GString *out;

  g_return_val_if_fail (PS_IS_STATISTICS (statistics), NULL);

  out = g_string_new (NULL);
  append_row (out, header, G_N_ELEMENTS (header));

  for (guint i = 0; i < ps_statistics_get_n_case_facts (statistics); i++)
    {
      const PsCaseFacts *facts = ps_statistics_get_case_facts (statistics, i);
      g_autofree char *requested = ps_csv_format_week (&facts->requested_on);
      g_autofree char *first_contact = ps_csv_format_week (&facts->first_contact_on);
      g_autofree char *closed = ps_csv_format_week (&facts->closed_on);
      g_autofree char *days = NULL;
      g_autofree char *conversations = g_strdup_printf ("%u", facts->n_conversations);
      const char *row[G_N_ELEMENTS (header)];

      if (facts->days_to_first_contact >= 0)
        days = g_strdup_printf ("%d", facts->days_to_first_contact);

      row[0] = requested;
      row[1] = ps_reason_to_code (facts->reason);
      row[2] = first_contact;
      row[3] = days;
      row[4] = conversations;
      row[5] = facts->safety_concern ? "yes" : "no";
      row[6] = ps_closure_status_to_code (facts->closure_status);
      row[7] = facts->closure_status != PS_CLOSURE_NONE ? closed : NULL;
      append_row (out, row, G_N_ELEMENTS (row));
    }

  return g_string_free (out, FALSE);
}

static void
append_figure (GString    *out,
               const char *section,
               const char *item,
               const char *value)
{
  const char *row[] = { section, item, value };

  append_row (out, row, G_N_ELEMENTS (row));
}

static void
append_count (GString    *out,
              const char *section,
              const char *item,
              guint       value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  append_figure (out, section, item, text);
}

/* Shares and means with a dot whatever the locale; empty when undefined. */
static void
append_ratio (GString    *out,
              const char *section,
              const char *item,
              double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  append_figure (out, section, item,
                 value < 0 ? NULL : g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

char *
ps_csv_export_summary (PsStatistics *statistics)
{
  static const char * const buckets[PS_STATISTICS_N_CONVERSATION_BUCKETS] = {
    "0", "1", "2", "3", "4+",
  };
  GString *out;
  GDate from, to;
  g_autofree char *from_week = NULL;
  g_autofree char *to_week = NULL;

  g_return_val_if_fail (PS_IS_STATISTICS (statistics), NULL);

  ps_statistics_get_period (statistics, &from, &to);
  from_week = ps_csv_format_week (&from);
  to_week = ps_csv_format_week (&to);

  out = g_string_new (NULL);
  append_figure (out, "section", "item", "value");
  append_figure (out, "period", "from_week", g_date_get_year (&from) >= 1900 ? from_week : NULL);
  append_figure (out, "period", "to_week", to_week);
  append_count (out, "cases", "total", ps_statistics_get_n_cases (statistics));
  for (PsReason r = 0; r < PS_STATISTICS_N_REASONS; r++)
    append_count (out, "reason", ps_reason_to_code (r),
                  ps_statistics_get_n_cases_by_reason (statistics, r));
  for (PsClosureStatus s = 0; s < PS_STATISTICS_N_CLOSURE_STATUSES; s++)
    append_count (out, "closure", ps_closure_status_to_code (s),
                  ps_statistics_get_n_cases_by_closure (statistics, s));
  append_count (out, "first_contact", "target_days", ps_statistics_get_target_days (statistics));
  append_count (out, "first_contact", "contacted", ps_statistics_get_n_contacted (statistics));
  append_ratio (out, "first_contact", "median_days",
                ps_statistics_get_median_days_to_contact (statistics));
  append_count (out, "first_contact", "within_target", ps_statistics_get_n_within_target (statistics));
  append_count (out, "first_contact", "missed_target", ps_statistics_get_n_missed_target (statistics));
  append_count (out, "first_contact", "awaiting", ps_statistics_get_n_awaiting_contact (statistics));
  append_ratio (out, "first_contact", "share_within_target",
                ps_statistics_get_share_within_target (statistics));
  for (guint b = 0; b < PS_STATISTICS_N_CONVERSATION_BUCKETS; b++)
    append_count (out, "conversations_per_case", buckets[b],
                  ps_statistics_get_n_cases_with_conversations (statistics, b));
  append_ratio (out, "conversations_per_case", "mean",
                ps_statistics_get_mean_conversations (statistics));
  append_count (out, "conversations", "held", ps_statistics_get_n_conversations_held (statistics));
  append_count (out, "conversations", "safety_concern",
                ps_statistics_get_n_safety_concerns (statistics));
  append_ratio (out, "conversations", "share_safety_concern",
                ps_statistics_get_share_safety_concern (statistics));

  return g_string_free (out, FALSE);
}

/* Atomic and private: a temporary file with mode 0600 renamed over the
 * target, so a crash leaves the old file or the new one, and an existing
 * world-readable file does not pass its mode on. */
static gboolean
write_private (GFile       *file,
               const char  *contents,
               GError     **error)
{
  g_autofree char *path = g_file_get_path (file);
  gsize length = strlen (contents);

  if (path != NULL)
    return g_file_set_contents_full (path, contents, (gssize)length,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);

  return g_file_replace_contents (file, contents, length, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

gboolean
ps_csv_export_to_file (PsStore      *store,
                       const GDate  *from,
                       const GDate  *to,
                       GFile        *file,
                       GError      **error)
{
  g_autoptr(PsStatistics) statistics = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (PS_IS_STORE (store), FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (to != NULL && g_date_valid (to), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The rows do not depend on the first-contact target. */
  statistics = ps_statistics_compute (store, from, to, 0);
  contents = ps_csv_export_cases (statistics);
  return write_private (file, contents, error);
}

gboolean
ps_csv_export_summary_to_file (PsStatistics  *statistics,
                               GFile         *file,
                               GError       **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (PS_IS_STATISTICS (statistics), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contents = ps_csv_export_summary (statistics);
  return write_private (file, contents, error);
}
