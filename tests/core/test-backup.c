/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Encrypted backups with real SQLCipher files: a round trip between two
 * caseloads with different keys, and every bad file refused by both check
 * and restore with the current caseload left byte for byte as it was. */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ps-backup-private.h"
#include "ps-store-schema.h"
#include "ps-test-util.h"

#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char *tmp;         /* holds the backups */
  char *backup;      /* a good backup of the source caseload */
  char *target;      /* a data directory with a closed caseload of its own */
  char *source_dir;
} Fixture;

static void
add_case_planned (PsStore    *store,
                  const char *name,
                  gboolean    with_conversation)
{
  PsCase *kase = ps_test_add_case (store, name, "2024-03-02");

  if (with_conversation)
    {
      g_autoptr(GDateTime) at = g_date_time_new_utc (2024, 3, 12, 14, 30, 0);
      g_autoptr(PsConversation) conversation = NULL;
      g_autoptr(GError) error = NULL;

      conversation = ps_store_schedule_conversation (store, ps_case_get_id (kase), at, 30,
                                                     PS_MODALITY_VIDEO, &error);
      g_assert_no_error (error);
    }
}

static PsStore *
open_dir (const char *dir,
          const char *key)
{
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsClock) clock = ps_test_clock ();
  PsStore *store = ps_store_open_with_key (path, key, FALSE, clock, &error);

  g_assert_no_error (error);
  return store;
}

static char *
names_of (PsStore *store)
{
  GListModel *cases = ps_store_get_cases (store);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) kase = g_list_model_get_item (cases, i);

      g_string_append_printf (names, "%s|%s;", ps_case_get_display_name (kase),
                              ps_case_get_contact (kase));
    }
  return g_string_free (names, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) source = NULL;
  g_autoptr(PsStore) target = NULL;
  g_autoptr(GFile) dest = NULL;

  fixture->tmp = g_dir_make_tmp ("peerside-backup-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->backup = g_build_filename (fixture->tmp, "caseload.peerside-backup", NULL);

  source = ps_test_new_store (&fixture->source_dir);
  add_case_planned (source, "Dr. Ada Source", TRUE);
  add_case_planned (source, "Dr. Bea Source", FALSE);
  add_case_planned (source, "Dr. Cy Source", TRUE);
  dest = g_file_new_for_path (fixture->backup);
  g_assert_true (ps_backup_export (source, dest, PASSPHRASE, &error));
  g_assert_no_error (error);

  /* The caseload that a restore would replace: another key, other cases. */
  fixture->target = ps_test_make_data_dir ();
  g_assert_cmpint (g_mkdir_with_parents (fixture->target, 0700), ==, 0);
  {
    g_autofree char *path = ps_test_db_path (fixture->target);
    g_autoptr(PsClock) clock = ps_test_clock ();

    target = ps_store_open_with_key (path, PS_TEST_OTHER_KEY, TRUE, clock, &error);
    g_assert_no_error (error);
    add_case_planned (target, "Dr. Dee Target", TRUE);
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ps_remove_tree (fixture->tmp);
  ps_remove_tree (fixture->source_dir);
  ps_remove_tree (fixture->target);
  g_free (fixture->tmp);
  g_free (fixture->backup);
  g_free (fixture->source_dir);
  g_free (fixture->target);
}

static PsKey *
other_key (void)
{
  return ps_key_new_from_hex (PS_TEST_OTHER_KEY, PS_KEY_HEX_LENGTH);
}

/* The file @path, as a backup, is refused with @code by check and by
 * restore, and the target caseload does not change by a single byte. */
static void
assert_refused (Fixture      *fixture,
                const char   *path,
                const char   *passphrase,
                PsStoreError  code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GHashTable) before = ps_test_snapshot (fixture->target);
  g_autoptr(GHashTable) backups = ps_test_snapshot (fixture->tmp);
  g_autoptr(PsKey) key = other_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autofree char *names = NULL;
  PsBackupInfo info = { 0 };

  g_assert_false (ps_backup_check (file, passphrase, fixture->target, &info, &error));
  g_assert_error (error, PS_STORE_ERROR, (int)code);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  g_assert_false (ps_backup_restore (file, passphrase, fixture->target, key,
                                     PS_RESTORE_REPLACE, NULL, &error));
  g_assert_error (error, PS_STORE_ERROR, (int)code);
  g_test_message ("Refused: %s", error->message);

  ps_test_assert_unchanged (before, fixture->target);
  ps_test_assert_unchanged (backups, fixture->tmp);
  store = open_dir (fixture->target, PS_TEST_OTHER_KEY);
  names = names_of (store);
  g_assert_cmpstr (names, ==, "Dr. Dee Target|" PS_TEST_CONTACT ";");
}

static void
assert_refused_saying (Fixture      *fixture,
                       const char   *path,
                       PsStoreError  code,
                       const char   *message)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  assert_refused (fixture, path, PASSPHRASE, code);
  g_assert_false (ps_backup_check (file, PASSPHRASE, fixture->target, NULL, &error));
  g_assert_cmpstr (error->message, ==, message);
}

/* Opens the good backup with its passphrase, as an attacker or a newer
 * Peerside could, to make a variant of it at @path. */
static sqlite3 *
open_backup_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_key (db, PASSPHRASE, (int)strlen (PASSPHRASE)), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cipher_compatibility = 3", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  return db;
}

static char *
variant_with_sql (Fixture    *fixture,
                  const char *name,
                  const char *sql)
{
  char *path = g_build_filename (fixture->tmp, name, NULL);
  sqlite3 *db;

  ps_test_copy_file (fixture->backup, path);
  db = open_backup_raw (path);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return path;
}

static char *
variant_with_bytes (Fixture      *fixture,
                    const char   *name,
                    const guchar *bytes,
                    gsize         length)
{
  char *path = g_build_filename (fixture->tmp, name, NULL);

  g_assert_true (g_file_set_contents (path, (const char *)bytes, (gssize)length, NULL));
  return path;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->backup);
  g_autoptr(PsKey) key = other_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(PsStore) source = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *names = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) left = NULL;
  PsBackupInfo info = { 0 };
  struct stat st;
  gsize length;

  /* Encrypted, 0600, nothing beside it. */
  g_assert_cmpint (stat (fixture->backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_true (g_file_get_contents (fixture->backup, &contents, &length, NULL));
  g_assert_cmpuint (length % 1024, ==, 0);
  g_assert_false (memcmp (contents, "SQLite format 3", 15) == 0);
  g_assert_null (memmem (contents, length, "Source", 6));
  left = ps_test_snapshot (fixture->tmp);
  g_assert_cmpuint (g_hash_table_size (left), ==, 1);

  g_assert_true (ps_backup_check (file, PASSPHRASE, fixture->target, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.schema_version, ==, ps_store_schema_version ());
  g_assert_cmpuint (info.n_cases, ==, 3);
  g_assert_cmpuint (info.n_open_cases, ==, 3);
  g_assert_cmpuint (info.n_conversations, ==, 2);

  /* Into another caseload with another key. */
  g_assert_true (ps_backup_restore (file, PASSPHRASE, fixture->target, key,
                                    PS_RESTORE_REPLACE, NULL, &error));
  g_assert_no_error (error);

  source = open_dir (fixture->source_dir, PS_TEST_KEY);
  expected = names_of (source);
  store = open_dir (fixture->target, PS_TEST_OTHER_KEY);
  names = names_of (store);
  g_assert_cmpstr (names, ==, expected);
  g_assert_cmpstr (names, ==, "Dr. Ada Source|" PS_TEST_CONTACT ";Dr. Bea Source|" PS_TEST_CONTACT ";"
                              "Dr. Cy Source|" PS_TEST_CONTACT ";");
  {
    PsCase *first = g_list_model_get_item (ps_store_get_cases (store), 0);
    g_autoptr(GListModel) conversations = ps_store_list_conversations (store,
                                                                       ps_case_get_id (first));

    g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);
    g_object_unref (first);
  }
  g_clear_object (&store);

  /* Only the caseload is left: no copy, no temporary, no old file. */
  {
    g_autoptr(GHashTable) files = ps_test_snapshot (fixture->target);

    g_assert_cmpuint (g_hash_table_size (files), ==, 1);
    g_assert_true (g_hash_table_contains (files, PS_STORE_FILE_NAME));
  }

  /* The old key no longer opens it; the backup's passphrase neither. */
  {
    g_autofree char *path = ps_test_db_path (fixture->target);

    g_assert_null (ps_store_open_with_key (path, PS_TEST_KEY, FALSE, NULL, &error));
    g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
  }
}

static void
test_restore_on_new_machine (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->backup);
  g_autofree char *dir = ps_test_make_data_dir ();
  g_autoptr(PsKey) key = other_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;

  /* No data directory at all yet. */
  g_assert_true (ps_backup_restore (file, PASSPHRASE, dir, key, PS_RESTORE_REPLACE, NULL, &error));
  g_assert_no_error (error);
  store = open_dir (dir, PS_TEST_OTHER_KEY);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 3);
  g_clear_object (&store);
  ps_remove_tree (dir);
}

static void
test_export_replaces_whole (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->backup);
  g_autoptr(PsStore) store = open_dir (fixture->source_dir, PS_TEST_KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = ps_test_snapshot (fixture->tmp);
  PsBackupInfo info = { 0 };

  /* No passphrase, no backup: SQLCipher would write it in plaintext. */
  g_assert_false (ps_backup_export (store, file, "", &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ps_test_assert_unchanged (before, fixture->tmp);

  add_case_planned (store, "Dr. Eve Later", FALSE);
  g_assert_true (ps_backup_export (store, file, "another passphrase", &error));
  g_assert_no_error (error);
  g_assert_true (ps_backup_check (file, "another passphrase", fixture->target, &info, &error));
  g_assert_cmpuint (info.n_cases, ==, 4);
  g_assert_false (ps_backup_check (file, PASSPHRASE, fixture->target, &info, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
}

static void
test_wrong_passphrase (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_refused (fixture, fixture->backup, "correct horse battery stapler",
                  PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *cut_page = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture->backup, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 4 * 1024);
  cut = variant_with_bytes (fixture, "cut", (const guchar *)contents, length - 100);
  assert_refused (fixture, cut, PASSPHRASE, PS_STORE_ERROR_CORRUPT);
  /* On a page boundary, so only the contents can tell. */
  cut_page = variant_with_bytes (fixture, "cut-page", (const guchar *)contents, length - 1024);
  assert_refused (fixture, cut_page, PASSPHRASE, PS_STORE_ERROR_CORRUPT);
}

static void
test_random_bytes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *pages = NULL;
  g_autofree char *odd = NULL;
  guchar bytes[8192];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guchar)g_random_int_range (0, 256);
  /* Whole pages of noise cannot be told from a wrong passphrase. */
  pages = variant_with_bytes (fixture, "noise", bytes, sizeof bytes);
  assert_refused (fixture, pages, PASSPHRASE, PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE);
  odd = variant_with_bytes (fixture, "noise-odd", bytes, 5000);
  assert_refused (fixture, odd, PASSPHRASE, PS_STORE_ERROR_CORRUPT);
}

static void
test_plaintext (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmp, "plain.db", NULL);
  g_autofree char *empty = NULL;
  sqlite3 *db = NULL;

  /* Peerside's own schema, unencrypted. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, ps_store_schema_migration (0), NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_refused (fixture, path, PASSPHRASE, PS_STORE_ERROR_INVALID);

  empty = variant_with_bytes (fixture, "empty", (const guchar *)"", 0);
  assert_refused (fixture, empty, PASSPHRASE, PS_STORE_ERROR_INVALID);
  assert_refused (fixture, fixture->tmp, PASSPHRASE, PS_STORE_ERROR_INVALID);
}

static void
test_newer (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = variant_with_sql (fixture, "newer",
                                            "CREATE TABLE future (id INTEGER);"
                                            "PRAGMA user_version = 99");

  assert_refused (fixture, path, PASSPHRASE, PS_STORE_ERROR_TOO_NEW);
}

static void
test_foreign_schema (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *sql;
  } variants[] = {
    { "extra-table", "CREATE TABLE notes (body TEXT)" },
    { "extra-trigger", "CREATE TRIGGER t AFTER INSERT ON cases BEGIN SELECT 1; END" },
    { "extra-view", "CREATE VIEW v AS SELECT display_name FROM cases" },
    { "dropped-index", "DROP INDEX conversations_starts" },
    { "other-index", "DROP INDEX conversations_starts;"
                     "CREATE INDEX conversations_starts ON conversations (case_id)" },
    { "no-checks", "PRAGMA writable_schema = ON;"
                   "UPDATE sqlite_master SET sql = replace (sql, 'BETWEEN 1 AND 80',"
                   " 'BETWEEN 1 AND 8000') WHERE name = 'cases'" },
    { "version-zero", "PRAGMA user_version = 0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = variant_with_sql (fixture, variants[i].name, variants[i].sql);

      g_test_message ("%s", variants[i].name);
      assert_refused (fixture, path, PASSPHRASE, PS_STORE_ERROR_INVALID);
    }
}

/* Rows that break the schema's CHECKs pass integrity_check on SQLite 3.15
 * (and sqlcipher_export() would copy them): both check and restore refuse
 * them, because the rows go through Peerside's own tables. */
static void
test_rows_breaking_checks (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *sql;
  } variants[] = {
    { "note-in-contact", "PRAGMA ignore_check_constraints = ON;"
                         "UPDATE cases SET contact = 'a' || char(10) || 'note'" },
    { "long-name", "PRAGMA ignore_check_constraints = ON;"
                   "UPDATE cases SET display_name = printf ('%.200c', 'x')" },
    { "orphan", "DELETE FROM cases WHERE id = 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = variant_with_sql (fixture, variants[i].name, variants[i].sql);

      g_test_message ("%s", variants[i].name);
      assert_refused (fixture, path, PASSPHRASE, PS_STORE_ERROR_CORRUPT);
    }
}

static void
test_in_use (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->backup);
  g_autoptr(PsStore) store = open_dir (fixture->target, PS_TEST_OTHER_KEY);
  g_autoptr(PsKey) key = other_key ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ps_backup_restore (file, PASSPHRASE, fixture->target, key,
                                     PS_RESTORE_REPLACE, NULL, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_IN_USE);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 1);
}

/* A WAL left by a crash belongs to the old caseload: it must never be
 * replayed into the restored one, and comes back if the restore fails. */
static void
test_leftover_wal (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->backup);
  g_autofree char *wal = NULL;
  g_autoptr(PsKey) key = other_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autofree char *path = ps_test_db_path (fixture->target);

  wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_file_set_contents (wal, "not a real log, but not ours to replay", -1, NULL));

  g_assert_true (ps_backup_restore (file, PASSPHRASE, fixture->target, key,
                                    PS_RESTORE_REPLACE, NULL, &error));
  g_assert_no_error (error);
  store = open_dir (fixture->target, PS_TEST_OTHER_KEY);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 3);
}

/* The SQLite 3.15 parser crash of the CVE-2018-8740 class: a valid backup
 * with the right passphrase whose schema holds a CREATE TABLE ... AS. The
 * helper crashes on it; the application says so and goes on. */
static void
test_parser_crash (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = variant_with_sql (fixture, "crash",
                                            "CREATE TABLE t (a);"
                                            "PRAGMA writable_schema = ON;"
                                            "UPDATE sqlite_master SET sql ="
                                            " 'CREATE TABLE t AS SELECT 1 AS a' WHERE name = 't'");

  assert_refused_saying (fixture, path, PS_STORE_ERROR_INVALID,
                         "This file is not a Peerside backup, or it is damaged. "
                         "Nothing was changed.");
}

/* A FIFO, links to a FIFO, to /dev/zero, to a good backup, a device and a
 * file over the size limit: refused at once, the disk never filled. */
static void
test_not_regular_files (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->tmp, "fifo", NULL);
  g_autofree char *to_fifo = g_build_filename (fixture->tmp, "to-fifo", NULL);
  g_autofree char *to_zero = g_build_filename (fixture->tmp, "to-zero", NULL);
  g_autofree char *to_backup = g_build_filename (fixture->tmp, "to-backup", NULL);
  g_autofree char *odd = g_build_filename (fixture->tmp, "odd", NULL);
  g_autofree char *huge = g_build_filename (odd, "huge", NULL);
  const char *link_message = "This is a link to a file, not a backup file. Choose the backup "
                             "file itself. Nothing was changed.";
  const char *not_file = "This is not a backup file. Choose a Peerside backup file. "
                         "Nothing was changed.";
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (fifo, to_fifo), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", to_zero), ==, 0);
  g_assert_cmpint (symlink (fixture->backup, to_backup), ==, 0);
  /* Sparse, in a folder of its own: the snapshots do not read it. */
  g_assert_cmpint (g_mkdir (odd, 0700), ==, 0);
  fd = open (huge, O_WRONLY | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, PS_BACKUP_MAX_SIZE + 1024), ==, 0);
  close (fd);

  assert_refused_saying (fixture, fifo, PS_STORE_ERROR_INVALID, not_file);
  assert_refused_saying (fixture, "/dev/zero", PS_STORE_ERROR_INVALID, not_file);
  assert_refused_saying (fixture, to_fifo, PS_STORE_ERROR_INVALID, link_message);
  assert_refused_saying (fixture, to_zero, PS_STORE_ERROR_INVALID, link_message);
  assert_refused_saying (fixture, to_backup, PS_STORE_ERROR_INVALID, link_message);
  assert_refused_saying (fixture, huge, PS_STORE_ERROR_INVALID,
                         "This file is too large to be a Peerside backup. Nothing was changed.");
}

/* The file swapped after the check for one with a view named "cases": what
 * is restored is the copy that was checked, and the new file is refused. */
static void
test_swapped_after_check (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->backup);
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PsKey) key = other_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autofree char *names = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *swapped = NULL;
  PsBackupInfo info = { 0 };

  ps_backup_check_async (file, PASSPHRASE, fixture->target, NULL, ps_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ps_backup_check_finish (result, &info, &copy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.n_cases, ==, 3);

  swapped = variant_with_sql (fixture, "swapped",
                              "ALTER TABLE cases RENAME TO old_cases;"
                              "CREATE VIEW cases AS SELECT * FROM old_cases");
  g_assert_cmpint (g_rename (swapped, fixture->backup), ==, 0);

  g_assert_true (ps_backup_restore (copy, PASSPHRASE, fixture->target, key,
                                    PS_RESTORE_REPLACE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_delete (copy, NULL, NULL));
  store = open_dir (fixture->source_dir, PS_TEST_KEY);
  expected = names_of (store);
  g_clear_object (&store);
  store = open_dir (fixture->target, PS_TEST_OTHER_KEY);
  names = names_of (store);
  g_assert_cmpstr (names, ==, expected);
  g_clear_object (&store);

  g_assert_false (ps_backup_check (file, PASSPHRASE, fixture->target, NULL, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
}

static char *
write_script (Fixture    *fixture,
              const char *name,
              const char *body)
{
  char *path = g_build_filename (fixture->tmp, name, NULL);
  g_autofree char *script = g_strconcat ("#!/bin/sh\n", body, "\n", NULL);

  g_assert_true (g_file_set_contents (path, script, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0700), ==, 0);
  return path;
}

/* A checker that hangs is stopped at its time limit; one that answers
 * nonsense is not believed. Either way the file is refused. */
static void
test_helper_hangs_or_lies (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *helper = g_strdup (g_getenv ("PEERSIDE_BACKUP_CHECK"));
  g_autofree char *hangs = write_script (fixture, "hangs", "exec /bin/sleep 600");
  g_autofree char *lies = write_script (fixture, "lies", "echo 'ok 1 2 3 0'");
  g_autoptr(GTimer) timer = g_timer_new ();
  const char *damaged = "This file is not a Peerside backup, or it is damaged. "
                        "Nothing was changed.";

  ps_backup_set_helper_timeout (2);
  g_setenv ("PEERSIDE_BACKUP_CHECK", hangs, TRUE);
  assert_refused_saying (fixture, fixture->backup, PS_STORE_ERROR_INVALID, damaged);
  /* Three checks, each stopped after 2 s; never the 600 s it asked for. */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 60);

  g_setenv ("PEERSIDE_BACKUP_CHECK", lies, TRUE);
  assert_refused_saying (fixture, fixture->backup, PS_STORE_ERROR_INVALID, damaged);

  g_setenv ("PEERSIDE_BACKUP_CHECK", helper, TRUE);
  ps_backup_set_helper_timeout (0);
}

/* What an interrupted check, restore or backup left is removed at the next
 * start, and nothing else: the backup named in a forged record stays. */
static void
test_leftovers_removed (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const names[] = {
    PS_BACKUP_COPY_PREFIX "a1b2c3", PS_BACKUP_RESTORING, PS_BACKUP_RESTORING "-journal",
    PS_STORE_FILE_NAME ".restore-source",
  };
  g_autofree char *half = g_build_filename (fixture->tmp, PS_BACKUP_TEMP_PREFIX "Q1W2E3", NULL);
  g_autofree char *record = g_build_filename (fixture->target,
                                              PS_BACKUP_PENDING_PREFIX "Q1W2E3", NULL);
  g_autofree char *forged = g_build_filename (fixture->target,
                                              PS_BACKUP_PENDING_PREFIX "forged", NULL);
  g_autoptr(GHashTable) backups = ps_test_snapshot (fixture->tmp);
  g_autoptr(PsStore) store = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->target, names[i], NULL);

      ps_test_copy_file (fixture->backup, path);
    }
  ps_test_copy_file (fixture->backup, half);
  g_assert_true (g_file_set_contents (record, half, -1, NULL));
  g_assert_true (g_file_set_contents (forged, fixture->backup, -1, NULL));

  store = open_dir (fixture->target, PS_TEST_OTHER_KEY);
  {
    g_autoptr(GHashTable) files = ps_test_snapshot (fixture->target);

    g_assert_cmpuint (g_hash_table_size (files), ==, 3);
    g_assert_true (g_hash_table_contains (files, PS_STORE_FILE_NAME));
    g_assert_true (g_hash_table_contains (files, PS_STORE_FILE_NAME "-wal"));
    g_assert_true (g_hash_table_contains (files, PS_STORE_FILE_NAME "-shm"));
  }
  g_assert_false (g_file_test (half, G_FILE_TEST_EXISTS));
  ps_test_assert_unchanged (backups, fixture->tmp);
}

/* A backup killed once its whole encrypted copy is written, before the
 * rename: that copy is gone at the next start of the caseload it came from. */
static void
test_interrupted_backup (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *helper = g_strdup (g_getenv ("PEERSIDE_BACKUP_CHECK"));
  g_autofree char *kills = write_script (fixture, "kills", "kill -KILL $PPID; exec /bin/sleep 5");
  g_autofree char *dest = g_build_filename (fixture->tmp, "interrupted.peerside-backup", NULL);
  g_autoptr(GHashTable) before = ps_test_snapshot (fixture->tmp);
  g_autoptr(PsStore) store = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_half = 0;
  int status = 0;
  pid_t pid;

  g_setenv ("PEERSIDE_BACKUP_CHECK", kills, TRUE);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(PsStore) source = open_dir (fixture->source_dir, PS_TEST_KEY);
      g_autoptr(GFile) file = g_file_new_for_path (dest);

      ps_backup_export (source, file, PASSPHRASE, NULL);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_setenv ("PEERSIDE_BACKUP_CHECK", helper, TRUE);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  /* The whole copy, hidden beside the destination. */
  dir = g_dir_open (fixture->tmp, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, PS_BACKUP_TEMP_PREFIX))
      n_half++;
  g_assert_cmpuint (n_half, ==, 1);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

  store = open_dir (fixture->source_dir, PS_TEST_KEY);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 3);
  ps_test_assert_unchanged (before, fixture->tmp);
}

/* peerside --verify-backup FILE, as a person would run it: one line, the
 * exit status, and nothing written in the data or temporary folders. */
static int
verify_command (Fixture    *fixture,
                const char *path,
                const char *input,
                char      **out)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (fixture->tmp, "data-home", NULL);
  g_autofree char *tmp = g_build_filename (fixture->tmp, "tmp", NULL);
  g_autoptr(GHashTable) empty = NULL;

  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (tmp, 0700), ==, 0);
  empty = ps_test_snapshot (data);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", tmp, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PEERSIDE"),
                                         "--verify-backup", path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  g_assert_cmpuint (g_hash_table_size (empty), ==, 0);
  ps_test_assert_unchanged (empty, data);
  {
    g_autoptr(GHashTable) left = ps_test_snapshot (tmp);

    g_assert_cmpuint (g_hash_table_size (left), ==, 0);
  }
  return g_subprocess_get_exit_status (process);
}

static void
test_verify_command (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *crash = variant_with_sql (fixture, "crash",
                                             "CREATE TABLE t (a);"
                                             "PRAGMA writable_schema = ON;"
                                             "UPDATE sqlite_master SET sql ="
                                             " 'CREATE TABLE t AS SELECT 1 AS a' WHERE name = 't'");
  g_autofree char *fifo = g_build_filename (fixture->tmp, "fifo", NULL);
  g_autofree char *out = NULL;

  g_assert_cmpint (verify_command (fixture, fixture->backup, PASSPHRASE "\n", &out), ==, 0);
  g_assert_cmpstr (out, ==, "Valid Peerside backup: 3 cases (3 open), 2 conversations.\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (verify_command (fixture, fixture->backup, "not it\n", &out), ==, 1);
  g_assert_cmpstr (out, ==, "Not a valid backup: The passphrase does not open this backup, or "
                            "the file is not a Peerside backup. Nothing was changed.\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (verify_command (fixture, crash, PASSPHRASE, &out), ==, 1);
  g_assert_cmpstr (out, ==, "Not a valid backup: This file is not a Peerside backup, or it is "
                            "damaged. Nothing was changed.\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (verify_command (fixture, fifo, PASSPHRASE, &out), ==, 1);
  g_assert_cmpstr (out, ==, "Not a valid backup: This is not a backup file. Choose a Peerside "
                            "backup file. Nothing was changed.\n");
}

/* A backup onto a disk that is full: a small tmpfs, mounted in a mount
 * namespace of this test's own (as root, as under build-aux/test.sh). It
 * says there is not enough space and what to do, and leaves nothing there. */
static void
test_backup_disk_full (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *small = g_build_filename (fixture->tmp, "small-disk", NULL);
  g_autofree char *dest = g_build_filename (small, "caseload.peerside-backup", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (dest);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(PsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (small, 0700), ==, 0);
  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("peerside-test", small, "tmpfs", MS_NOSUID | MS_NODEV, "size=8k,mode=0700") != 0)
    {
      g_test_skip_printf ("Cannot mount a small tmpfs here (%s): run the tests as root",
                          g_strerror (errno));
      return;
    }

  before = ps_test_snapshot (fixture->source_dir);
  store = open_dir (fixture->source_dir, PS_TEST_KEY);
  g_assert_false (ps_backup_export (store, file, PASSPHRASE, &error));
  g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_DISK_FULL);
  g_assert_cmpstr (error->message, ==,
                   "There is not enough space there for the backup. Free some space or choose "
                   "another place, such as another disk, then try again. Nothing was written "
                   "and your caseload is unchanged.");
  {
    g_autoptr(GHashTable) left = ps_test_snapshot (small);

    g_assert_cmpuint (g_hash_table_size (left), ==, 0);
  }
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 3);
  g_clear_object (&store);
  ps_test_assert_unchanged (before, fixture->source_dir);
  g_assert_cmpint (umount (small), ==, 0);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->backup);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PsBackupInfo info = { 0 };

  ps_backup_check_async (file, PASSPHRASE, fixture->target, NULL, ps_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ps_backup_check_finish (result, &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.n_cases, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/backup/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("restore-on-new-machine", test_restore_on_new_machine);
  ADD ("export-replaces-whole", test_export_replaces_whole);
  ADD ("async-check", test_async);
  ADD ("refuses/wrong-passphrase", test_wrong_passphrase);
  ADD ("refuses/truncated", test_truncated);
  ADD ("refuses/random-bytes", test_random_bytes);
  ADD ("refuses/plaintext", test_plaintext);
  ADD ("refuses/newer", test_newer);
  ADD ("refuses/foreign-schema", test_foreign_schema);
  ADD ("refuses/rows-breaking-checks", test_rows_breaking_checks);
  ADD ("refuses/caseload-in-use", test_in_use);
  ADD ("leftover-wal-not-replayed", test_leftover_wal);
  ADD ("refuses/parser-crash", test_parser_crash);
  ADD ("refuses/not-regular-files", test_not_regular_files);
  ADD ("refuses/swapped-after-check", test_swapped_after_check);
  ADD ("refuses/helper-hangs-or-lies", test_helper_hangs_or_lies);
  ADD ("leftovers-removed-at-start", test_leftovers_removed);
  ADD ("interrupted-backup-removed-at-start", test_interrupted_backup);
  ADD ("verify-command", test_verify_command);
  ADD ("backup-to-full-disk", test_backup_disk_full);

#undef ADD

  return g_test_run ();
}
