/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Nothing lost: SIGKILL during writes, a full disk, a read-only file. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ps-test-util.h"

#define N_KILLS 200

/* The child: writes cases in a loop, printing each id once it committed. */
static int
crash_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = ps_store_open_with_key (path, PS_TEST_KEY, TRUE, NULL, &error);
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Finn Dummy");

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  for (;;)
    {
      g_autoptr(PsCase) kase = ps_store_create_case (store, fields, &error);
      char line[32];
      int n;

      if (kase == NULL)
        return 1;
      n = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "\n", ps_case_get_id (kase));
      if (write (STDOUT_FILENO, line, n) != n)
        return 1;
    }
}

static void
check_after_kill (const char *path,
                  GHashTable *committed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, NULL, &error);
  g_autofree char *check = NULL;
  GHashTableIter iter;
  gpointer key;

  g_assert_no_error (error);
  check = ps_sqlite_query_text (ps_store_get_db (store), "PRAGMA integrity_check", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (check, ==, "ok");

  g_hash_table_iter_init (&iter, committed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (ps_store_lookup_case (store, *(gint64 *)key) == NULL)
      g_error ("case %" G_GINT64_FORMAT " was reported committed but is gone",
               *(gint64 *)key);
}

static void
test_kill_during_writes (void)
{
  g_autofree char *dir = ps_test_make_data_dir ();
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GHashTable) committed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  GRand *rand = g_rand_new ();
  guint n_kills = N_KILLS;

  if (g_getenv ("PS_TEST_KILLS") != NULL)
    n_kills = (guint)g_ascii_strtoull (g_getenv ("PS_TEST_KILLS"), NULL, 10);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  for (guint i = 0; i < n_kills; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      char *line;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self, "--crash-child", path, NULL);
      g_assert_no_error (error);

      /* Anywhere from opening to deep in the write loop. */
      g_usleep (g_rand_int_range (rand, 0, 150000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);

      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
        {
          gint64 id = g_ascii_strtoll (line, NULL, 10);

          g_hash_table_add (committed, g_memdup2 (&id, sizeof id));
          g_free (line);
        }

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        check_after_kill (path, committed);
    }

  g_test_message ("%u kills, %u committed cases all present",
                  n_kills, g_hash_table_size (committed));
  g_assert_cmpuint (g_hash_table_size (committed), >, 0);
  g_rand_free (rand);
  ps_remove_tree (dir);
}

/* A full disk: RLIMIT_FSIZE in a subprocess, SIGXFSZ ignored, so writes
 * fail with EFBIG or short writes as on a full file system. */
static void
test_disk_full (void)
{
  g_autofree char *dir = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(PsStore) store = ps_test_new_store (&dir);
      g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Gale Testcase");
      g_autofree char *path = ps_test_db_path (dir);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autoptr(GError) error = NULL;
      struct rlimit limit, saved;
      struct stat st_db, st_wal;
      guint n_before, n_saved = 0;

      for (int i = 0; i < 20; i++)
        {
          g_autoptr(PsCase) kase = ps_store_create_case (store, fields, &error);
          g_assert_no_error (error);
          g_assert_nonnull (kase);
        }
      n_before = g_list_model_get_n_items (ps_store_get_cases (store));

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      g_assert_cmpint (stat (path, &st_db), ==, 0);
      g_assert_cmpint (stat (wal, &st_wal), ==, 0);
      limit = saved;
      limit.rlim_cur = (rlim_t)MAX (st_db.st_size, st_wal.st_size) + 3000;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      for (int i = 0; i < 10000 && error == NULL; i++)
        {
          g_autoptr(PsCase) kase = ps_store_create_case (store, fields, &error);
          if (kase != NULL)
            n_saved++;
        }
      g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_DISK_FULL);
      g_assert_cmpstr (error->message, ==,
                       "The disk is full. Your change was not saved; everything saved before is intact.");
      g_clear_error (&error);

      /* The model did not take the refused case; the store keeps working. */
      g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, n_before + n_saved);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      {
        g_autoptr(PsCase) kase = ps_store_create_case (store, fields, &error);
        g_assert_no_error (error);
        g_assert_nonnull (kase);
      }
      g_clear_object (&store);

      /* Reopened: intact, with every saved case. */
      store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, n_before + n_saved + 1);
      {
        g_autofree char *check = ps_sqlite_query_text (ps_store_get_db (store), "PRAGMA integrity_check", &error);
        g_assert_cmpstr (check, ==, "ok");
      }
      g_clear_object (&store);
      ps_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A read-only caseload is refused with READ_ONLY and left as it was. As
 * root, the subprocess drops to nobody so the file mode counts. (A write
 * refused while the store is open is covered by the disk-full test: the
 * store keeps working.) */
static void
test_read_only (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("PS_TEST_RO_DIR");
      g_autofree char *path = ps_test_db_path (dir);
      g_autoptr(GError) error = NULL;
      g_autoptr(PsStore) store = NULL;
      g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Hana Specimen");
      g_autoptr(PsCase) kase = NULL;

      if (geteuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }

      /* SQLite 3.15 cannot read a WAL database it may not write: the open
       * is refused as read-only, and nothing is touched. */
      store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, NULL, &error);
      g_assert_null (store);
      g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_READ_ONLY);
      (void)fields;
      (void)kase;
      return;
    }

  {
    g_autofree char *dir = NULL;
    g_autoptr(PsStore) store = ps_test_new_store (&dir);
    g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Ivo Sampleton");
    g_autofree char *path = ps_test_db_path (dir);
    g_autofree char *parent = g_path_get_dirname (dir);
    g_autoptr(GHashTable) before = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *db_sum = NULL;

    for (int i = 0; i < 3; i++)
      {
        g_autoptr(PsCase) kase = ps_store_create_case (store, fields, &error);
        g_assert_no_error (error);
        g_assert_nonnull (kase);
      }
    g_clear_object (&store);
    g_assert_cmpint (g_chmod (path, 0400), ==, 0);
    if (geteuid () == 0)
      {
        /* nobody may enter the directory and make WAL files, not change the caseload. */
        g_assert_cmpint (chown (parent, 65534, 65534), ==, 0);
        g_assert_cmpint (chown (dir, 65534, 65534), ==, 0);
        g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
      }
    before = ps_test_snapshot (dir);
    db_sum = g_strdup (g_hash_table_lookup (before, PS_STORE_FILE_NAME));

    g_setenv ("PS_TEST_RO_DIR", dir, TRUE);
    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();

    {
      g_autoptr(GHashTable) after = ps_test_snapshot (dir);
      g_assert_cmpstr (g_hash_table_lookup (after, PS_STORE_FILE_NAME), ==, db_sum);
      ps_test_assert_unchanged (before, dir);
    }
    ps_remove_tree (parent);
  }
}

/* A closed caseload with five cases in a new data folder. */
static char *
closed_caseload (char **dir_out)
{
  g_autoptr(PsStore) store = ps_test_new_store (dir_out);

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Gale Testcase");
      g_autoptr(PsCase) kase = ps_store_create_case (store, fields, NULL);

      g_assert_nonnull (kase);
    }
  g_clear_object (&store);
  return ps_test_db_path (*dir_out);
}

/* @path opens with @code, touching nothing; without @stray it opens whole. */
static void
assert_blamed (const char   *path,
               const char   *stray,
               PsStoreError  code)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GHashTable) before = ps_test_snapshot (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;

  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, PS_STORE_ERROR, (int)code);
  ps_test_assert_unchanged (before, dir);
  {
    g_autoptr(GHashTable) after = ps_test_snapshot (dir);
    g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  }

  g_assert_cmpint (g_unlink (stray), ==, 0);
  g_clear_error (&error);
  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 5);
}

/* The -wal of a caseload with another key, beside ours: said so, not
 * "the key does not open it" nor "damaged". */
static void
test_stray_wal (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = closed_caseload (&dir);
  g_autofree char *other_dir = ps_test_make_data_dir ();
  g_autofree char *other = ps_test_db_path (other_dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autoptr(PsStore) elsewhere = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (other_dir, 0700), ==, 0);
  elsewhere = ps_store_open_with_key (other, PS_TEST_OTHER_KEY, TRUE, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Hal Elsewhere");
      g_autoptr(PsCase) kase = ps_store_create_case (elsewhere, fields, &error);

      g_assert_no_error (error);
    }
  ps_test_copy_file (other_wal, wal);

  assert_blamed (path, wal, PS_STORE_ERROR_STRAY_WAL);
  g_clear_object (&elsewhere);
  ps_remove_tree (other_dir);
  ps_remove_tree (dir);
}

/* A rollback journal, which Peerside never makes for its WAL caseload:
 * said so, not "read-only". */
static void
test_stray_journal (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = closed_caseload (&dir);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  static const char header[] = "\xd9\xd5\x05\xf9\x20\xa1\x63\xd7 a journal from elsewhere";

  g_assert_true (g_file_set_contents (journal, header, sizeof header, NULL));
  assert_blamed (path, journal, PS_STORE_ERROR_STRAY_JOURNAL);
  ps_remove_tree (dir);
}

/* One damaged page anywhere, the schema's overflow pages included: the
 * caseload is said to be damaged (the page with Restore From Backup), or,
 * for page 1, where the key is checked, not to open with the key. Never
 * the generic page. */
static void
test_damaged_page (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = closed_caseload (&dir);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length % 1024, ==, 0);
  for (gsize page = 0; page < length / 1024; page++)
    {
      g_autofree char *damaged = g_memdup2 (contents, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(PsStore) store = NULL;

      damaged[page * 1024 + 500] ^= 0x55;
      g_assert_true (g_file_set_contents (path, damaged, (gssize)length, NULL));
      store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, NULL, &error);
      g_assert_null (store);
      g_test_message ("page %" G_GSIZE_FORMAT ": %s", page + 1, error->message);
      if (page == 0)
        g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
      else
        g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_CORRUPT);
    }
  ps_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reliability/stray-wal", test_stray_wal);
  g_test_add_func ("/reliability/stray-journal", test_stray_journal);
  g_test_add_func ("/reliability/damaged-page", test_damaged_page);
  g_test_add_func ("/reliability/kill-9-during-writes", test_kill_during_writes);
  g_test_add_func ("/reliability/disk-full", test_disk_full);
  g_test_add_func ("/reliability/read-only", test_read_only);

  return g_test_run ();
}
