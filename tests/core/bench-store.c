/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Time from asking for the key to the first query answered (all cases
 * loaded), on 10,000 cases and 30,000 conversations. Not a test: run it
 * by hand, in the headless session for the keyring stage:
 *   bench-store [--cases N] */

#include "config.h"

#include <stdio.h>

#include "ps-test-util.h"

static void
fill (PsStore *store,
      guint    n_cases)
{
  sqlite3 *db = ps_store_get_db (store);
  g_autoptr(sqlite3_stmt) add_case = NULL;
  g_autoptr(sqlite3_stmt) add_conversation = NULL;

  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "INSERT INTO cases (display_name, contact, modality, referral, reason,"
                      " requested_on, assigned_on, created_at) VALUES (?1, '555-0100', 'phone',"
                      " 'self', 'burnout', '2024-01-01', '2024-01-02', '2024-01-02T10:00:00Z')",
                      -1, &add_case, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO conversations (case_id, starts_at, minutes, modality,"
                      " state, checklist_version) VALUES (?1, ?2, 30, 'video', ?3, 1)",
                      -1, &add_conversation, NULL);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr. Bench Example %u", i);
      gint64 id;

      sqlite3_reset (add_case);
      sqlite3_bind_text (add_case, 1, name, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (add_case), ==, SQLITE_DONE);
      id = sqlite3_last_insert_rowid (db);
      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *at = g_strdup_printf ("2024-%02u-%02uT%02u:00:00Z", 1 + j, 1 + i % 28, 8 + j);

          sqlite3_reset (add_conversation);
          sqlite3_bind_int64 (add_conversation, 1, id);
          sqlite3_bind_text (add_conversation, 2, at, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (add_conversation, 3, j < 2 ? "completed" : "scheduled", -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (add_conversation), ==, SQLITE_DONE);
        }
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
report (const char *stage,
        gint64      start,
        PsStore    *store)
{
  printf ("%-32s %8.1f ms  (%u cases loaded)\n", stage,
          (g_get_monotonic_time () - start) / 1000.0,
          g_list_model_get_n_items (ps_store_get_cases (store)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_cases = 10000;
  gint64 start;

  if (argc == 3 && g_str_equal (argv[1], "--cases"))
    n_cases = (guint)g_ascii_strtoull (argv[2], NULL, 10);

  /* Stage 1: the key in memory. */
  store = ps_test_new_store (&dir);
  fill (store, n_cases);
  g_clear_object (&store);
  path = ps_test_db_path (dir);

  start = g_get_monotonic_time ();
  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, NULL, &error);
  g_assert_no_error (error);
  report ("key in memory: open to loaded", start, store);
  g_clear_object (&store);
  ps_remove_tree (dir);
  g_clear_pointer (&dir, g_free);

  /* Stage 2: the key in the session's keyring, through ps_store_open_async. */
  dir = ps_test_make_data_dir ();
  store = ps_test_open_async (dir, NULL, &error);
  if (store == NULL)
    {
      printf ("keyring stage skipped: %s\n", error->message);
      ps_remove_tree (dir);
      return 0;
    }
  fill (store, n_cases);
  g_clear_object (&store);

  start = g_get_monotonic_time ();
  store = ps_test_open_async (dir, NULL, &error);
  g_assert_no_error (error);
  report ("keyring: ask for key to loaded", start, store);
  g_clear_object (&store);
  ps_remove_tree (dir);
  return 0;
}
