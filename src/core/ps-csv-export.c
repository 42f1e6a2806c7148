/* SPDX-License-Identifier: GPL-3.0-or-later */

/* CSV for the program coordinator. Every value written comes from a
 * PsCaseFacts or a PsStatistics figure: codes, counts and ISO weeks. */

#include "config.h"

#include <string.h>

#include "ps-csv-export.h"
#include "ps-small-counts.h"
#include "ps-util.h"

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

#define FEWER_THAN_5 "fewer than 5"

/* A count, written "fewer than 5" when small. */
static void
append_count (GString    *out,
              const char *section,
              const char *item,
              guint       value)
{
  g_autofree char *text = ps_small_count_format (value, TRUE, FEWER_THAN_5);

  append_figure (out, section, item, text);
}

/* A count that is suppressed whatever its size (to protect another). */
static void
append_hidden_or_count (GString    *out,
                        const char *section,
                        const char *item,
                        guint       value,
                        gboolean    hidden)
{
  if (hidden && value > 0)
    append_figure (out, section, item, FEWER_THAN_5);
  else
    append_count (out, section, item, value);
}

/* Shares and means with a dot whatever the locale; empty when undefined or
 * when @withheld (built from a count that is not shown). */
static void
append_ratio (GString    *out,
              const char *section,
              const char *item,
              double      value,
              gboolean    withheld)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  append_figure (out, section, item,
                 value < 0 || withheld ? NULL
                                       : g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

/* A breakdown of @n cells with complementary suppression; returns whether
 * its total must be withheld. */
static gboolean
append_breakdown (GString            *out,
                  const char         *section,
                  const char * const *items,
                  const guint        *values,
                  guint               n)
{
  g_autofree gboolean *hidden = g_new0 (gboolean, n);
  gboolean withhold_total = ps_small_counts_suppress (values, n, hidden);

  for (guint i = 0; i < n; i++)
    append_hidden_or_count (out, section, items[i], values[i], hidden[i]);
  return withhold_total;
}

/* A total, unless a breakdown of it needs it withheld (written empty). */
static void
append_total (GString    *out,
              const char *section,
              const char *item,
              guint       value,
              gboolean    withheld)
{
  if (withheld)
    append_figure (out, section, item, NULL);
  else
    append_count (out, section, item, value);
}

static gboolean
any_small (const guint *values,
           guint        n)
{
  for (guint i = 0; i < n; i++)
    if (ps_small_count_is_small (values[i]))
      return TRUE;
  return FALSE;
}

char *
ps_csv_export_summary (PsStatistics *statistics)
{
  static const char * const buckets[PS_STATISTICS_N_CONVERSATION_BUCKETS] = {
    "0", "1", "2", "3", "4+",
  };
  const char *reason_items[PS_STATISTICS_N_REASONS];
  guint reasons[PS_STATISTICS_N_REASONS];
  const char *closure_items[PS_STATISTICS_N_CLOSURE_STATUSES];
  guint closures[PS_STATISTICS_N_CLOSURE_STATUSES];
  guint per_case[PS_STATISTICS_N_CONVERSATION_BUCKETS];
  const char *prompt_items[PS_GROUP_N_PROMPTS];
  guint prompts[PS_GROUP_N_PROMPTS];
  GString *out;
  GDate from, to;
  g_autofree char *from_week = NULL;
  g_autofree char *to_week = NULL;
  gboolean withhold_cases = FALSE;
  guint n_cases, within, missed, held, safety, individuals, group_people, referred, offered;

  g_return_val_if_fail (PS_IS_STATISTICS (statistics), NULL);

  ps_statistics_get_period (statistics, &from, &to);
  from_week = ps_csv_format_week (&from);
  to_week = ps_csv_format_week (&to);
  n_cases = ps_statistics_get_n_cases (statistics);

  out = g_string_new (NULL);
  append_figure (out, "section", "item", "value");
  append_figure (out, "period", "from_week", g_date_get_year (&from) >= 1900 ? from_week : NULL);
  append_figure (out, "period", "to_week", to_week);
  append_figure (out, "suppression", "small_counts", FEWER_THAN_5);

  /* The breakdowns of the cases first: any of them can withhold the total. */
  for (PsReason r = 0; r < PS_STATISTICS_N_REASONS; r++)
    {
      reason_items[r] = ps_reason_to_code (r);
      reasons[r] = ps_statistics_get_n_cases_by_reason (statistics, r);
    }
  for (PsClosureStatus c = 0; c < PS_STATISTICS_N_CLOSURE_STATUSES; c++)
    {
      closure_items[c] = ps_closure_status_to_code (c);
      closures[c] = ps_statistics_get_n_cases_by_closure (statistics, c);
    }
  for (guint b = 0; b < PS_STATISTICS_N_CONVERSATION_BUCKETS; b++)
    per_case[b] = ps_statistics_get_n_cases_with_conversations (statistics, b);
  {
    g_autofree gboolean *h1 = g_new0 (gboolean, PS_STATISTICS_N_REASONS);
    g_autofree gboolean *h2 = g_new0 (gboolean, PS_STATISTICS_N_CLOSURE_STATUSES);
    g_autofree gboolean *h3 = g_new0 (gboolean, PS_STATISTICS_N_CONVERSATION_BUCKETS);

    withhold_cases = ps_small_counts_suppress (reasons, PS_STATISTICS_N_REASONS, h1) ||
                     ps_small_counts_suppress (closures, PS_STATISTICS_N_CLOSURE_STATUSES, h2) ||
                     ps_small_counts_suppress (per_case, PS_STATISTICS_N_CONVERSATION_BUCKETS, h3);
  }
  append_total (out, "cases", "total", n_cases, withhold_cases);
  append_breakdown (out, "reason", reason_items, reasons, PS_STATISTICS_N_REASONS);
  append_breakdown (out, "closure", closure_items, closures, PS_STATISTICS_N_CLOSURE_STATUSES);

  within = ps_statistics_get_n_within_target (statistics);
  missed = ps_statistics_get_n_missed_target (statistics);
  {
    /* A setting, not a count of people. */
    g_autofree char *target = g_strdup_printf ("%u", ps_statistics_get_target_days (statistics));

    append_figure (out, "first_contact", "target_days", target);
  }
  append_count (out, "first_contact", "contacted", ps_statistics_get_n_contacted (statistics));
  append_ratio (out, "first_contact", "median_days",
                ps_statistics_get_median_days_to_contact (statistics),
                ps_small_count_is_small (ps_statistics_get_n_contacted (statistics)));
  append_count (out, "first_contact", "within_target", within);
  append_count (out, "first_contact", "missed_target", missed);
  append_count (out, "first_contact", "awaiting", ps_statistics_get_n_awaiting_contact (statistics));
  append_ratio (out, "first_contact", "share_within_target",
                ps_statistics_get_share_within_target (statistics),
                any_small ((guint[]) { within, missed }, 2));

  append_breakdown (out, "conversations_per_case", buckets, per_case,
                    PS_STATISTICS_N_CONVERSATION_BUCKETS);
  append_ratio (out, "conversations_per_case", "mean",
                ps_statistics_get_mean_conversations (statistics), withhold_cases);

  held = ps_statistics_get_n_conversations_held (statistics);
  safety = ps_statistics_get_n_safety_concerns (statistics);
  append_count (out, "conversations", "held", held);
  append_count (out, "conversations", "safety_concern", safety);
  append_ratio (out, "conversations", "share_safety_concern",
                ps_statistics_get_share_safety_concern (statistics),
                any_small ((guint[]) { held, safety }, 2));
  append_count (out, "conversations", "minutes_given", ps_statistics_get_minutes_given (statistics));

  /* People reached: individuals and group headcounts. */
  individuals = ps_statistics_get_n_individuals_reached (statistics);
  group_people = ps_statistics_get_n_group_people (statistics);
  append_count (out, "reach", "individuals", individuals);
  append_count (out, "reach", "in_groups", group_people);
  append_total (out, "reach", "people", individuals + group_people,
                any_small ((guint[]) { individuals, group_people }, 2));

  for (PsGroupPrompt p = 0; p < PS_GROUP_N_PROMPTS; p++)
    {
      prompt_items[p] = ps_group_prompt_to_code (p);
      prompts[p] = ps_statistics_get_n_groups_by_prompt (statistics, p);
    }
  append_total (out, "group_debriefs", "held", ps_statistics_get_n_groups_held (statistics),
                append_breakdown (out, "group_prompt", prompt_items, prompts, PS_GROUP_N_PROMPTS));

  referred = ps_statistics_get_n_cases_by_closure (statistics, PS_CLOSURE_REFERRED);
  offered = ps_statistics_get_n_group_referrals (statistics);
  append_count (out, "referrals", "cases_referred", referred);
  append_count (out, "referrals", "offered_in_groups", offered);
  append_total (out, "referrals", "total", referred + offered,
                any_small ((guint[]) { referred, offered }, 2));

  /* The trend, by month: coarser than a week, so nothing finer leaks. */
  for (guint m = 0; m < ps_statistics_get_n_months (statistics); m++)
    {
      const PsStatisticsMonth *month = ps_statistics_get_month (statistics, m);
      g_autofree char *section = g_strdup_printf ("month_%04d-%02u", month->year, month->month);

      append_count (out, section, "individuals", month->individuals);
      append_count (out, section, "in_groups", month->group_people);
      append_count (out, section, "group_debriefs", month->groups);
    }

  return g_string_free (out, FALSE);
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
  return ps_file_write_private (file, contents, strlen (contents), error);
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
  return ps_file_write_private (file, contents, strlen (contents), error);
}
