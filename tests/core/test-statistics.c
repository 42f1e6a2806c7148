/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Overview's figures and the CSV export, on a hand-made caseload in a
 * real SQLCipher store with a fake clock: each figure is worked out by hand
 * below and checked. */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ps-csv-export.h"
#include "ps-small-counts.h"
#include "ps-statistics.h"
#include "ps-store-groups.h"
#include "ps-test-util.h"

typedef struct
{
  char    *dir;
  PsStore *store;
} Fixture;

static GDateTime *
at (int month,
    int day,
    int hour)
{
  return g_date_time_new_utc (2024, month, day, hour, 0, 0);
}

static gint64
add_case_for (PsStore  *store,
              PsReason  reason,
              int       month,
              int       day)
{
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Statistic Person");

  fields->reason = reason;
  g_date_set_dmy (&fields->requested_on, day, month, 2024);
  g_date_set_dmy (&fields->assigned_on, day, month, 2024);
  return ps_case_get_id (ps_test_add_case_fields (store, fields));
}

static void
reached (PsStore *store,
         gint64   case_id,
         int      month,
         int      day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = at (month, day, 10);

  ps_store_log_contact_attempt (store, case_id, when, PS_CONTACT_REACHED, &error);
  g_assert_no_error (error);
}

static void
conversation (PsStore             *store,
              gint64               case_id,
              int                  month,
              int                  day,
              PsConversationState  state,
              gboolean             concern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = at (month, day, 14);
  g_autoptr(PsConversation) conv = NULL;
  gint64 id;

  conv = ps_store_schedule_conversation (store, case_id, when, 30, PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  id = ps_conversation_get_id (conv);
  if (concern)
    {
      ps_store_set_safety_concern (store, id, TRUE, &error);
      g_assert_no_error (error);
    }
  if (state != PS_CONVERSATION_SCHEDULED)
    {
      ps_store_set_conversation_state (store, id, state, &error);
      g_assert_no_error (error);
    }
}

static void
close_case (PsStore         *store,
            gint64           case_id,
            PsClosureStatus  status,
            int              month,
            int              day)
{
  g_autoptr(GError) error = NULL;
  GDate on;

  g_date_set_dmy (&on, day, month, 2024);
  ps_store_close_case (store, case_id, status, &on, &error);
  g_assert_no_error (error);
}

/* The store's clock says 2024-03-10 09:00 UTC (ps_test_clock). Cases A–G:
 *
 *   case  reason         requested  first reached       held conversations   closed
 *   A     adverse event  1 Mar      2 Mar (1 day)       3, 5 Mar (concern)   completed 8 Mar
 *   B     complaint      2 Mar      6 Mar (4 days)      7 Mar; 8 missed      open
 *   C     burnout        3 Mar      never (6 days)      —                    unreachable 9 Mar
 *   D     burnout        9 Mar      never (1 day)       — (12 Mar planned)   open
 *   E     other          4 Mar      by conversation 6   6, 7, 8, 9 Mar       referred 9 Mar
 *   F     conflict       20 Feb     21 Feb              2 Mar (concern)      open, outside the period
 *   G     life stressor  5 Mar      7 Mar (2 days)      7, 8, 9 Mar          open
 *
 * A, C and E are then de-identified and still count. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cutoff = at (3, 10, 0);
  PsStore *s;
  gint64 a, b, c, d, e, ff, g;

  f->store = s = ps_test_new_store (&f->dir);

  a = add_case_for (s, PS_REASON_ADVERSE_EVENT, 3, 1);
  reached (s, a, 3, 2);
  conversation (s, a, 3, 3, PS_CONVERSATION_COMPLETED, TRUE);
  conversation (s, a, 3, 5, PS_CONVERSATION_COMPLETED, FALSE);
  close_case (s, a, PS_CLOSURE_COMPLETED, 3, 8);

  b = add_case_for (s, PS_REASON_COMPLAINT, 3, 2);
  reached (s, b, 3, 6);
  conversation (s, b, 3, 7, PS_CONVERSATION_COMPLETED, FALSE);
  conversation (s, b, 3, 8, PS_CONVERSATION_MISSED, FALSE);

  c = add_case_for (s, PS_REASON_BURNOUT, 3, 3);
  close_case (s, c, PS_CLOSURE_UNREACHABLE, 3, 9);

  d = add_case_for (s, PS_REASON_BURNOUT, 3, 9);
  conversation (s, d, 3, 12, PS_CONVERSATION_SCHEDULED, FALSE);

  e = add_case_for (s, PS_REASON_OTHER, 3, 4);
  conversation (s, e, 3, 6, PS_CONVERSATION_COMPLETED, FALSE);
  conversation (s, e, 3, 7, PS_CONVERSATION_COMPLETED, FALSE);
  conversation (s, e, 3, 8, PS_CONVERSATION_COMPLETED, FALSE);
  conversation (s, e, 3, 9, PS_CONVERSATION_COMPLETED, FALSE);
  close_case (s, e, PS_CLOSURE_REFERRED, 3, 9);

  ff = add_case_for (s, PS_REASON_CONFLICT, 2, 20);
  reached (s, ff, 2, 21);
  conversation (s, ff, 3, 2, PS_CONVERSATION_COMPLETED, TRUE);

  g = add_case_for (s, PS_REASON_LIFE_STRESSOR, 3, 5);
  reached (s, g, 3, 7);
  conversation (s, g, 3, 7, PS_CONVERSATION_COMPLETED, FALSE);
  conversation (s, g, 3, 8, PS_CONVERSATION_COMPLETED, FALSE);
  conversation (s, g, 3, 9, PS_CONVERSATION_COMPLETED, FALSE);

  ps_store_deidentify_closed_before (s, cutoff, &error);
  g_assert_no_error (error);
  g_assert_true (ps_case_get_deidentified (ps_store_lookup_case (s, e)));
  g_assert_null (ps_case_get_display_name (ps_store_lookup_case (s, e)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  ps_remove_tree (f->dir);
  g_free (f->dir);
}

static PsStatistics *
compute (Fixture *f,
         int      from_day,
         int      to_day)
{
  GDate from, to;

  g_date_set_dmy (&from, from_day, G_DATE_MARCH, 2024);
  g_date_set_dmy (&to, to_day, G_DATE_MARCH, 2024);
  return ps_statistics_compute (f->store, &from, &to, 3);
}

static void
test_reasons (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PsStatistics) stats = compute (f, 1, 10);
  static const guint expected[PS_STATISTICS_N_REASONS] = {
    [PS_REASON_ADVERSE_EVENT] = 1,
    [PS_REASON_COMPLAINT] = 1,
    [PS_REASON_CONFLICT] = 0,          /* F was requested before the period */
    [PS_REASON_LIFE_STRESSOR] = 1,
    [PS_REASON_DISCRIMINATION] = 0,
    [PS_REASON_BURNOUT] = 2,
    [PS_REASON_CHANGE_AT_WORK] = 0,
    [PS_REASON_OTHER] = 1,             /* E, de-identified */
  };

  g_assert_cmpuint (ps_statistics_get_n_cases (stats), ==, 6);
  for (PsReason r = 0; r < PS_STATISTICS_N_REASONS; r++)
    g_assert_cmpuint (ps_statistics_get_n_cases_by_reason (stats, r), ==, expected[r]);
}

static void
test_closures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PsStatistics) stats = compute (f, 1, 10);
  static const guint expected[PS_STATISTICS_N_CLOSURE_STATUSES] = {
    [PS_CLOSURE_NONE] = 3,
    [PS_CLOSURE_COMPLETED] = 1,
    [PS_CLOSURE_REFERRED] = 1,
    [PS_CLOSURE_DECLINED] = 0,
    [PS_CLOSURE_UNREACHABLE] = 1,
    [PS_CLOSURE_ESCALATED] = 0,
    [PS_CLOSURE_TRANSFERRED] = 0,
  };

  for (PsClosureStatus s = 0; s < PS_STATISTICS_N_CLOSURE_STATUSES; s++)
    g_assert_cmpuint (ps_statistics_get_n_cases_by_closure (stats, s), ==, expected[s]);
  g_assert_cmpuint (ps_statistics_get_n_closed (stats), ==, 3);
}

static void
test_first_contact (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PsStatistics) stats = compute (f, 1, 10);
  g_autoptr(PsStatistics) early = compute (f, 1, 2);

  /* A 1, B 4, E 2 (its first conversation), G 2: median of 1 2 2 4. */
  g_assert_cmpuint (ps_statistics_get_n_contacted (stats), ==, 4);
  g_assert_cmpfloat (ps_statistics_get_median_days_to_contact (stats), ==, 2.0);
  /* Within 3 days: A, E, G. Missed: B (late) and C (never, target long past).
   * D, requested yesterday, may still make it. */
  g_assert_cmpuint (ps_statistics_get_target_days (stats), ==, 3);
  g_assert_cmpuint (ps_statistics_get_n_within_target (stats), ==, 3);
  g_assert_cmpuint (ps_statistics_get_n_missed_target (stats), ==, 2);
  g_assert_cmpuint (ps_statistics_get_n_awaiting_contact (stats), ==, 1);
  g_assert_cmpfloat_with_epsilon (ps_statistics_get_share_within_target (stats), 0.6, 1e-9);

  /* A and B only: an even count takes the mean of the middle two. */
  g_assert_cmpuint (ps_statistics_get_n_contacted (early), ==, 2);
  g_assert_cmpfloat (ps_statistics_get_median_days_to_contact (early), ==, 2.5);
}

static void
test_conversations (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PsStatistics) stats = compute (f, 1, 10);
  g_autoptr(PsStatistics) early = compute (f, 1, 5);

  /* Held per case: A 2, B 1 (its missed one is not), C 0, D 0 (only
   * planned), E 4, G 3. */
  g_assert_cmpuint (ps_statistics_get_n_cases_with_conversations (stats, 0), ==, 2);
  g_assert_cmpuint (ps_statistics_get_n_cases_with_conversations (stats, 1), ==, 1);
  g_assert_cmpuint (ps_statistics_get_n_cases_with_conversations (stats, 2), ==, 1);
  g_assert_cmpuint (ps_statistics_get_n_cases_with_conversations (stats, 3), ==, 1);
  g_assert_cmpuint (ps_statistics_get_n_cases_with_conversations (stats, 4), ==, 1);
  g_assert_cmpfloat_with_epsilon (ps_statistics_get_mean_conversations (stats), 10.0 / 6, 1e-9);

  /* Held in 1–10 March, whoever for: A 2, B 1, E 4, F 1, G 3; concerns in
   * A's first and F's. */
  g_assert_cmpuint (ps_statistics_get_n_conversations_held (stats), ==, 11);
  g_assert_cmpuint (ps_statistics_get_n_safety_concerns (stats), ==, 2);
  g_assert_cmpfloat_with_epsilon (ps_statistics_get_share_safety_concern (stats), 2.0 / 11, 1e-9);

  /* 1–5 March: A's two and F's. */
  g_assert_cmpuint (ps_statistics_get_n_cases (early), ==, 5);
  g_assert_cmpuint (ps_statistics_get_n_conversations_held (early), ==, 3);
  g_assert_cmpuint (ps_statistics_get_n_safety_concerns (early), ==, 2);
}

static void
test_empty_period (Fixture       *f,
                   gconstpointer  data)
{
  GDate from, to;
  g_autoptr(PsStatistics) stats = NULL;

  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 2023);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, 2023);
  stats = ps_statistics_compute (f->store, &from, &to, 3);

  g_assert_cmpuint (ps_statistics_get_n_cases (stats), ==, 0);
  g_assert_cmpuint (ps_statistics_get_n_contacted (stats), ==, 0);
  g_assert_cmpfloat (ps_statistics_get_median_days_to_contact (stats), <, 0);
  g_assert_cmpfloat (ps_statistics_get_share_within_target (stats), <, 0);
  g_assert_cmpfloat (ps_statistics_get_mean_conversations (stats), <, 0);
  g_assert_cmpfloat (ps_statistics_get_share_safety_concern (stats), <, 0);
}

static void
test_target_setting (Fixture       *f,
                     gconstpointer  data)
{
  GDate from, to;
  g_autoptr(PsStatistics) stats = NULL;

  /* With a 1-day target only A is within; G (2 days) and E now miss too. */
  g_date_set_dmy (&from, 1, G_DATE_MARCH, 2024);
  g_date_set_dmy (&to, 10, G_DATE_MARCH, 2024);
  stats = ps_statistics_compute (f->store, &from, &to, 1);
  g_assert_cmpuint (ps_statistics_get_n_within_target (stats), ==, 1);
  g_assert_cmpuint (ps_statistics_get_n_missed_target (stats), ==, 4);
  g_assert_cmpuint (ps_statistics_get_n_awaiting_contact (stats), ==, 1);
}

/* CSV ----------------------------------------------------------------- */

static char **
split_lines (const char *csv)
{
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  return g_strsplit (csv, "\r\n", -1);
}

static void
test_csv_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PsStatistics) stats = compute (f, 1, 10);
  g_autofree char *csv = ps_csv_export_cases (stats);
  g_auto(GStrv) lines = split_lines (csv);

  /* Header, six cases in order of request, and the empty string after the
   * last CRLF. 1 March 2024 is a Friday in ISO week 9; 8 March in week 10. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 6 + 1);
  g_assert_cmpstr (lines[0], ==,
                   "requested_week,reason,first_contact_week,days_to_first_contact,"
                   "conversations,safety_concern,closure_status,closed_week");
  g_assert_cmpstr (lines[1], ==, "2024-W09,adverse-event,2024-W09,1,2,yes,completed,2024-W10");
  g_assert_cmpstr (lines[2], ==, "2024-W09,complaint,2024-W10,4,1,no,open,");
  g_assert_cmpstr (lines[3], ==, "2024-W09,burnout,,,0,no,unreachable,2024-W10");
  g_assert_cmpstr (lines[4], ==, "2024-W10,other,2024-W10,2,4,no,referred,2024-W10");
  g_assert_cmpstr (lines[5], ==, "2024-W10,life-stressor,2024-W10,2,3,no,open,");
  g_assert_cmpstr (lines[6], ==, "2024-W10,burnout,,,0,no,open,");
  g_assert_cmpstr (lines[7], ==, "");
  g_assert_null (strstr (csv, "Statistic"));
  g_assert_null (strstr (csv, "555-"));
}

static void
test_csv_summary (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PsStatistics) stats = compute (f, 1, 10);
  g_autofree char *csv = ps_csv_export_summary (stats);
  g_auto(GStrv) lines = split_lines (csv);

  g_assert_cmpstr (lines[0], ==, "section,item,value");
  g_assert_true (g_strv_contains ((const char * const *)lines, "period,from_week,2024-W09"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "period,to_week,2024-W10"));
  /* Six cases: each reason and status is a small count, written "fewer
   * than 5", and the ones hidden add up to six, so the total may show. */
  g_assert_true (g_strv_contains ((const char * const *)lines, "suppression,small_counts,fewer than 5"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "cases,total,6"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "reason,burnout,fewer than 5"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "reason,discrimination,0"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "closure,open,fewer than 5"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "closure,transferred,0"));
  /* Figures made from small counts would give them away: left empty. */
  g_assert_true (g_strv_contains ((const char * const *)lines, "first_contact,median_days,"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "first_contact,share_within_target,"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "conversations_per_case,4+,fewer than 5"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "conversations_per_case,mean,1.667"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "conversations,held,11"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "conversations,share_safety_concern,"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      guint64 value;

      /* No count from 1 to 4 anywhere. */
      if (g_strv_length (fields) == 3 && !g_str_equal (fields[1], "target_days") &&
          g_ascii_string_to_unsigned (fields[2], 10, 0, G_MAXUINT, &value, NULL))
        g_assert_true (value == 0 || value >= 5);
    }
}

static void
test_csv_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(PsStatistics) stats = compute (f, 1, 10);
  g_autofree char *expected = ps_csv_export_cases (stats);
  GDate from, to;
  GStatBuf st;

  /* An existing world-readable file is replaced, and does not pass its
   * mode on. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  g_date_set_dmy (&from, 1, G_DATE_MARCH, 2024);
  g_date_set_dmy (&to, 10, G_DATE_MARCH, 2024);
  g_assert_true (ps_csv_export_to_file (f->store, &from, &to, file, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A folder that does not exist: an error, no crash, nothing written. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "missing", "export.csv", NULL);
    g_autoptr(GFile) bad_file = g_file_new_for_path (bad);

    g_assert_false (ps_csv_export_to_file (f->store, &from, &to, bad_file, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

static gint64
group (PsStore             *store,
       int                  day,
       guint                headcount,
       guint                referrals,
       PsConversationState  state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = at (3, day, 16);
  PsGroupDebriefFields fields = { when, 60, PS_MODALITY_IN_PERSON,
                                  PS_GROUP_PROMPT_CRITICAL_INCIDENT, headcount, 0 };
  g_autoptr(PsGroupDebrief) debrief = ps_store_schedule_group_debrief (store, &fields, PS_CONVERSATION_SCHEDULED, NULL, &error);
  const char * const steps[] = { "group.confidentiality", NULL };

  g_assert_no_error (error);
  fields.referrals = referrals;
  g_assert_true (ps_store_save_group_debrief (store, ps_group_debrief_get_id (debrief), &fields,
                                              state, steps, &error));
  g_assert_no_error (error);
  return ps_group_debrief_get_id (debrief);
}

/* People reached: the five colleagues with a conversation held from 1 to
 * 10 March (A, B, E, F, G), plus the eight at the one debrief held; a
 * cancelled one and one still to come do not count. */
static void
test_reach_and_groups (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PsStatistics) stats = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  const PsStatisticsMonth *month;

  group (f->store, 4, 8, 2, PS_CONVERSATION_COMPLETED);
  group (f->store, 5, 12, 0, PS_CONVERSATION_CANCELLED);
  group (f->store, 9, 6, 0, PS_CONVERSATION_SCHEDULED);

  stats = compute (f, 1, 10);
  g_assert_cmpuint (ps_statistics_get_n_individuals_reached (stats), ==, 5);
  g_assert_cmpuint (ps_statistics_get_n_groups_held (stats), ==, 1);
  g_assert_cmpuint (ps_statistics_get_n_group_people (stats), ==, 8);
  g_assert_cmpuint (ps_statistics_get_n_people_reached (stats), ==, 13);
  g_assert_cmpuint (ps_statistics_get_minutes_given (stats), ==, 11 * 30 + 60);
  g_assert_cmpuint (ps_statistics_get_n_groups_by_prompt (stats, PS_GROUP_PROMPT_CRITICAL_INCIDENT),
                    ==, 1);
  /* E closed as referred, and two offered a referral at the debrief. */
  g_assert_cmpuint (ps_statistics_get_n_referrals (stats), ==, 3);

  g_assert_cmpuint (ps_statistics_get_n_months (stats), ==, 1);
  month = ps_statistics_get_month (stats, 0);
  g_assert_cmpint (month->year, ==, 2024);
  g_assert_cmpuint (month->month, ==, 3);
  g_assert_cmpuint (month->individuals, ==, 5);
  g_assert_cmpuint (month->conversations, ==, 11);
  g_assert_cmpuint (month->groups, ==, 1);
  g_assert_cmpuint (month->group_people, ==, 8);

  csv = ps_csv_export_summary (stats);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_strv_contains ((const char * const *)lines, "reach,individuals,5"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "reach,in_groups,8"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "reach,people,13"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "conversations,minutes_given,390"));
  /* One debrief: a small count, and the total that would give it away. */
  g_assert_true (g_strv_contains ((const char * const *)lines,
                                  "group_prompt,critical-incident,fewer than 5"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "group_debriefs,held,"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "referrals,total,"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "month_2024-03,in_groups,8"));

  /* A month later, in April, nothing of March is counted. */
  g_clear_object (&stats);
  {
    GDate from, to;

    g_date_set_dmy (&from, 1, G_DATE_APRIL, 2024);
    g_date_set_dmy (&to, 30, G_DATE_APRIL, 2024);
    stats = ps_statistics_compute (f->store, &from, &to, 3);
  }
  g_assert_cmpuint (ps_statistics_get_n_people_reached (stats), ==, 0);
  g_assert_cmpuint (ps_statistics_get_n_groups_held (stats), ==, 0);
}

/* Minutes given are the minutes held, from Start to End: a conversation
 * planned for 30 minutes and held 17 counts 17, on screen and in the CSV;
 * one held 50 seconds counts 1, one held 20 seconds none (not its planned
 * 30); one left open for three days counts three times its 30 minutes.
 * The fixture's conversations, marked held without being run, count their
 * planned 30 (test_reach_and_groups). */
static void
test_minutes_held (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsClock *clock = ps_store_get_clock (f->store);
  gint64 id = add_case_for (f->store, PS_REASON_BURNOUT, 3, 10);
  g_autoptr(PsStatistics) stats = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  /* 17 minutes and 20 seconds; 50 seconds; 20 seconds; three days. */
  const GTimeSpan held[] = { 17 * G_TIME_SPAN_MINUTE + 20 * G_TIME_SPAN_SECOND,
                             50 * G_TIME_SPAN_SECOND, 20 * G_TIME_SPAN_SECOND,
                             3 * G_TIME_SPAN_DAY };
  const guint total[] = { 17, 17 + 1, 17 + 1 + 0, 17 + 1 + 0 + 90 };

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    {
      g_autoptr(GDateTime) now = ps_clock_get_now_utc (clock);
      g_autoptr(PsConversation) conv =
        ps_store_schedule_conversation (f->store, id, now, 30, PS_MODALITY_PHONE, &error);

      g_assert_no_error (error);
      ps_store_set_conversation_state (f->store, ps_conversation_get_id (conv),
                                       PS_CONVERSATION_IN_PROGRESS, &error);
      g_assert_no_error (error);
      ps_clock_advance (clock, held[i]);
      ps_store_set_conversation_state (f->store, ps_conversation_get_id (conv),
                                       PS_CONVERSATION_COMPLETED, &error);
      g_assert_no_error (error);

      g_clear_object (&stats);
      stats = compute (f, 10, 10);
      g_assert_cmpuint (ps_statistics_get_n_conversations_held (stats), ==, i + 1);
      g_assert_cmpuint (ps_statistics_get_minutes_given (stats), ==, total[i]);
    }

  csv = ps_csv_export_summary (stats);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_strv_contains ((const char * const *)lines, "conversations,minutes_given,108"));
}

/* A conversation planned for a later day and started today is counted
 * today, when it was held: with the people reached of a period that ends
 * today, not of the planned day's. Here one planned for the evening before
 * (late), started the next morning. */
static void
test_started_later (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsClock *clock = ps_store_get_clock (f->store);
  gint64 id = add_case_for (f->store, PS_REASON_BURNOUT, 3, 8);
  g_autoptr(GDateTime) evening = at (3, 9, 18);
  g_autoptr(PsConversation) plan = NULL;
  g_autoptr(PsConversation) started = NULL;
  g_autoptr(PsStatistics) before = compute (f, 9, 9);
  g_autoptr(PsStatistics) day_before = NULL;
  g_autoptr(PsStatistics) today = NULL;

  plan = ps_store_schedule_conversation (f->store, id, evening, 30, PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  started = ps_store_start_conversation (f->store, id, 0, 30, PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  g_assert_true (started == plan);
  ps_clock_advance (clock, 25 * G_TIME_SPAN_MINUTE);
  g_assert_true (ps_store_set_conversation_state (f->store, ps_conversation_get_id (plan),
                                                  PS_CONVERSATION_COMPLETED, &error));
  g_assert_no_error (error);

  today = compute (f, 10, 10);
  g_assert_cmpuint (ps_statistics_get_n_conversations_held (today), ==, 1);
  g_assert_cmpuint (ps_statistics_get_n_people_reached (today), ==, 1);
  g_assert_cmpuint (ps_statistics_get_minutes_given (today), ==, 25);
  day_before = compute (f, 9, 9);
  g_assert_cmpuint (ps_statistics_get_n_conversations_held (day_before), ==,
                    ps_statistics_get_n_conversations_held (before));
}

/* A lone small cell would be given away by the total: a second one is
 * hidden with it, and when no second one exists the total is withheld. */
static void
test_small_counts (void)
{
  static const struct {
    guint values[4];
    gboolean hidden[4];
    gboolean withhold_total;
  } cases[] = {
    { { 12, 3, 0, 9 }, { FALSE, TRUE, FALSE, TRUE }, FALSE },
    { { 12, 1, 2, 9 }, { FALSE, TRUE, TRUE, TRUE }, FALSE },
    { { 12, 0, 0, 7 }, { FALSE, FALSE, FALSE, FALSE }, FALSE },
    { { 3, 0, 0, 0 }, { TRUE, FALSE, FALSE, FALSE }, TRUE },
    { { 2, 2, 0, 0 }, { TRUE, TRUE, FALSE, FALSE }, TRUE },
    { { 4, 4, 0, 0 }, { TRUE, TRUE, FALSE, FALSE }, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean hidden[4];

      g_assert_cmpint (ps_small_counts_suppress (cases[i].values, 4, hidden), ==,
                       cases[i].withhold_total);
      for (guint j = 0; j < 4; j++)
        g_assert_cmpint (hidden[j], ==, cases[i].hidden[j]);
    }
  g_assert_false (ps_small_count_is_small (0));
  g_assert_true (ps_small_count_is_small (4));
  g_assert_false (ps_small_count_is_small (5));
}

static void
test_csv_quoting (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rlf", "\"cr\rlf\"" },
    { "Burnout or moral injury", "Burnout or moral injury" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      ps_csv_append_field (line, cases[i].in);
      g_assert_cmpstr (line->str, ==, cases[i].out);
    }
}

static void
test_csv_weeks (void)
{
  static const struct { int y, m, d; const char *week; } cases[] = {
    { 2024, 3, 1, "2024-W09" },
    { 2024, 11, 18, "2024-W47" },
    { 2024, 12, 30, "2025-W01" },   /* the week-numbering year, not the calendar one */
    { 2021, 1, 3, "2020-W53" },
    { 2026, 1, 1, "2026-W01" },
  };
  GDate unset;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      g_autofree char *week = NULL;

      g_date_set_dmy (&date, cases[i].d, cases[i].m, cases[i].y);
      week = ps_csv_format_week (&date);
      g_assert_cmpstr (week, ==, cases[i].week);
    }

  g_date_clear (&unset, 1);
  g_assert_null (ps_csv_format_week (&unset));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/overview/statistics/reasons", test_reasons);
  ADD ("/overview/statistics/closures", test_closures);
  ADD ("/overview/statistics/first-contact", test_first_contact);
  ADD ("/overview/statistics/conversations", test_conversations);
  ADD ("/overview/statistics/empty-period", test_empty_period);
  ADD ("/overview/statistics/target-setting", test_target_setting);
  ADD ("/overview/csv/rows", test_csv_rows);
  ADD ("/overview/statistics/reach-and-groups", test_reach_and_groups);
  ADD ("/overview/statistics/minutes-held", test_minutes_held);
  ADD ("/overview/statistics/started-later", test_started_later);
  ADD ("/overview/csv/summary", test_csv_summary);
  ADD ("/overview/csv/file-atomic-private", test_csv_file);
  g_test_add_func ("/overview/csv/quoting", test_csv_quoting);
  g_test_add_func ("/overview/csv/small-counts", test_small_counts);
  g_test_add_func ("/overview/csv/iso-weeks", test_csv_weeks);

#undef ADD

  return g_test_run ();
}
