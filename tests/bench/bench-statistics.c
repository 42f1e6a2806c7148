/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Overview's statistics over 10,000 cases, 30,000 conversations and 200
 * group debriefs: what showing the Overview or changing its period costs
 * before anything is drawn. Not a test: run by build-aux/bench.sh or by
 * hand.
 *
 *   bench-statistics [RUNS [CASES]]   (9 and 10,000: the budget's) */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ps-statistics.h"
#include "ps-store-held.h"
#include "ps-test-util.h"

#define RUNS    9
#define N_CASES 10000

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(PsClock) clock = ps_test_clock ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double times[RUNS];
  guint runs = argc > 1 ? CLAMP (atoi (argv[1]), 1, RUNS) : RUNS;
  guint n_cases = argc > 2 ? CLAMP (atoi (argv[2]), 1, N_CASES) : N_CASES;
  GDate from, to;

  store = ps_test_new_store (&dir);
  ps_test_fill_store (store, n_cases);
  g_assert_cmpint (sqlite3_exec (ps_store_get_db (store),
                                 "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n"
                                 " WHERE i < 199) INSERT INTO group_debriefs (starts_at, minutes,"
                                 " modality, prompt, headcount, referrals, state, checklist_version)"
                                 " SELECT printf('2024-%02d-%02dT15:00:00Z', 1 + i % 2, 1 + i % 28),"
                                 " 60, 'in-person', 'critical-incident', 8, 1, 'completed', 1 FROM n",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* Held as the app stores it: started and ended, 28 of the 30 minutes. */
  g_assert_cmpint (sqlite3_exec (ps_store_get_db (store),
                                 "UPDATE conversations SET started_at = starts_at,"
                                 " ended_at = strftime('%Y-%m-%dT%H:%M:%SZ', starts_at, '+28 minutes')"
                                 " WHERE state = 'completed'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);
  path = ps_test_db_path (dir);
  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, clock, &error);
  g_assert_no_error (error);

  /* All time, the Overview's widest period. */
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, 1);
  ps_clock_get_today (clock, &to);
  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PsStatistics) stats = ps_statistics_compute (store, &from, &to, 3);

      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (ps_statistics_get_n_cases (stats), ==, n_cases);
      g_assert_cmpuint (ps_statistics_get_n_groups_held (stats), ==, 200);
    }
  {
    /* What the statistics start from: the conversations held, one query. */
    g_autoptr(GDateTime) start_of_time = g_date_time_new_utc (1900, 1, 1, 0, 0, 0);
    gint64 start = g_get_monotonic_time ();
    g_autoptr(GArray) held = ps_store_list_held_conversations (store, start_of_time);

    printf ("of which the conversations held, in one query: %.1f ms (%u)\n",
            (g_get_monotonic_time () - start) / 1000.0, held->len);
  }
  printf ("statistics, all time (%u cases, %u conversations, 200 group debriefs):"
          " %.1f ms (median of %u)\n", n_cases, 3 * n_cases, ps_test_median (times, runs), runs);

  g_clear_object (&store);
  ps_remove_tree (dir);
  return 0;
}
