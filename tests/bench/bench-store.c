/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Time from asking for the key to the first query answered (all cases
 * loaded), on 10,000 cases and 30,000 conversations. Not a test: run it
 * by hand, in the headless session for the keyring stage:
 *   bench-store [--cases N] */

#include "config.h"

#include <stdio.h>

#include "ps-test-util.h"

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
  ps_test_fill_store (store, n_cases);
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
  ps_test_fill_store (store, n_cases);
  g_clear_object (&store);

  start = g_get_monotonic_time ();
  store = ps_test_open_async (dir, NULL, &error);
  g_assert_no_error (error);
  report ("keyring: ask for key to loaded", start, store);
  g_clear_object (&store);
  ps_remove_tree (dir);
  return 0;
}
