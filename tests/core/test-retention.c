/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Retention with the fake clock, and what an erased name leaves in the
 * files: nothing, not even in free space inside the decrypted pages. */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#ifdef HAVE_LIBCRYPTO
#include <openssl/evp.h>
#endif

#include <glib/gstdio.h>

#include "ps-retention.h"
#include "ps-test-util.h"

#define SECRET_NAME    "Dr. Quentin Residue"
#define SECRET_CONTACT "quentin.residue@example.org"

/* A case requested well before, closed @days_ago days before the clock's
 * today (still open if negative). */
static gint64
add_closed_case_with_contact (PsStore    *store,
                              const char *name,
                              const char *contact,
                              int         days_ago)
{
  g_autoptr(PsCaseFields) fields = ps_test_fields (name);
  g_autoptr(PsCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  GDate on;

  g_free (fields->contact);
  fields->contact = g_strdup (contact);
  g_date_set_dmy (&fields->requested_on, 1, G_DATE_JANUARY, 2023);
  g_date_set_dmy (&fields->assigned_on, 2, G_DATE_JANUARY, 2023);
  kase = ps_store_create_case (store, fields, &error);
  g_assert_no_error (error);

  if (days_ago >= 0)
    {
      ps_clock_get_today (ps_store_get_clock (store), &on);
      g_date_subtract_days (&on, (guint)days_ago);
      g_assert_true (ps_store_close_case (store, ps_case_get_id (kase), PS_CLOSURE_COMPLETED,
                                          &on, &error));
      g_assert_no_error (error);
    }
  return ps_case_get_id (kase);
}

static gint64
add_closed_case (PsStore    *store,
                 const char *name,
                 int         days_ago)
{
  return add_closed_case_with_contact (store, name, "555-0100", days_ago);
}

static gboolean
is_erased (PsStore *store,
           gint64   id)
{
  PsCase *kase = ps_store_lookup_case (store, id);

  g_assert_nonnull (kase);
  if (!ps_case_get_deidentified (kase))
    return FALSE;
  g_assert_null (ps_case_get_display_name (kase));
  g_assert_null (ps_case_get_contact (kase));
  return TRUE;
}

static void
test_erases_on_time (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autoptr(GError) error = NULL;
  gint64 closed_31, closed_30, closed_29, open;
  guint n = 99;

  closed_31 = add_closed_case (store, "Dr. Thirty-One", 31);
  closed_30 = add_closed_case (store, "Dr. Thirty", 30);
  closed_29 = add_closed_case (store, "Dr. Twenty-Nine", 29);
  open = add_closed_case (store, "Dr. Still Open", -1);

  g_assert_true (ps_retention_run (store, NULL, 30, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (is_erased (store, closed_31));
  g_assert_true (is_erased (store, closed_30));
  g_assert_false (is_erased (store, closed_29));
  g_assert_false (is_erased (store, open));
  g_assert_cmpstr (ps_case_get_display_name (ps_store_lookup_case (store, closed_29)), ==,
                   "Dr. Twenty-Nine");

  /* What stays: the closure and its date, for the statistics. */
  g_assert_cmpint (ps_case_get_closure_status (ps_store_lookup_case (store, closed_31)), ==,
                   PS_CLOSURE_COMPLETED);

  /* Again the same day: nothing more. */
  g_assert_true (ps_retention_run (store, NULL, 30, &n, &error));
  g_assert_cmpuint (n, ==, 0);

  /* The next day, the 29-day case reaches 30. */
  ps_clock_advance (ps_store_get_clock (store), G_TIME_SPAN_DAY);
  g_assert_true (ps_retention_run (store, NULL, 30, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (is_erased (store, closed_29));
  g_assert_false (is_erased (store, open));

  /* The day the close dialog announces is the day it went. */
  {
    GDate erase_on, today;

    g_date_clear (&today, 1);
    ps_clock_get_today (ps_store_get_clock (store), &today);
    ps_retention_erase_day (ps_case_get_closed_on (ps_store_lookup_case (store, closed_29)), 30,
                            &erase_on);
    g_assert_cmpint (g_date_compare (&erase_on, &today), ==, 0);
  }

  /* A shorter setting reaches further; an open case never goes. */
  ps_clock_advance (ps_store_get_clock (store), 400 * G_TIME_SPAN_DAY);
  g_assert_true (ps_retention_run (store, NULL, 7, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (is_erased (store, open));

  g_clear_object (&store);
  ps_remove_tree (dir);
}

static void
test_survives_reopen (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GError) error = NULL;
  gint64 id = add_closed_case (store, SECRET_NAME, 90);
  guint n = 0;

  g_assert_true (ps_retention_run (store, NULL, 90, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_clear_object (&store);

  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (is_erased (store, id));

  g_clear_object (&store);
  ps_remove_tree (dir);
}

static gint64
count_rows_holding (sqlite3    *db,
                    const char *text)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM cases WHERE"
                                           " instr(display_name, ?1) OR instr(contact, ?1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  return n;
}

static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, text, strlen (text)) != NULL;
}

#ifdef HAVE_LIBCRYPTO
/* SQLCipher 3 pages, raw key: 1024-byte pages, AES-256-CBC over all but the
 * 48 reserved bytes at the end (IV first); page 1 starts with the 16-byte
 * salt, not encrypted. Returns the decrypted file, or NULL when the
 * decryption does not give back a valid header (so the test cannot pass
 * by decrypting garbage). */
static GBytes *
decrypt_pages (const char *path)
{
  enum { PAGE = 1024, RESERVE = 48, SALT = 16 };
  g_autofree char *contents = NULL;
  g_autoptr(GByteArray) plain = g_byte_array_new ();
  guchar key[32];
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length % PAGE, ==, 0);
  for (guint i = 0; i < 32; i++)
    key[i] = (guchar)(g_ascii_xdigit_value (PS_TEST_KEY[2 * i]) * 16 +
                      g_ascii_xdigit_value (PS_TEST_KEY[2 * i + 1]));

  for (gsize offset = 0; offset < length; offset += PAGE)
    {
      const guchar *page = (const guchar *)contents + offset;
      gsize skip = offset == 0 ? SALT : 0;
      guchar out[PAGE];
      int n = 0, tail = 0;
      EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();

      g_assert_cmpint (EVP_DecryptInit_ex (ctx, EVP_aes_256_cbc (), NULL, key,
                                           page + PAGE - RESERVE), ==, 1);
      EVP_CIPHER_CTX_set_padding (ctx, 0);
      g_assert_cmpint (EVP_DecryptUpdate (ctx, out, &n, page + skip,
                                          (int)(PAGE - RESERVE - skip)), ==, 1);
      g_assert_cmpint (EVP_DecryptFinal_ex (ctx, out + n, &tail), ==, 1);
      EVP_CIPHER_CTX_free (ctx);
      g_byte_array_append (plain, out, (guint)(n + tail));
    }

  /* Page 1 from byte 16: page size 1024 big-endian, then the write and read
   * versions, then the reserved bytes per page. */
  if (plain->len < 8 || plain->data[0] != 0x04 || plain->data[1] != 0x00 ||
      plain->data[4] != RESERVE)
    return NULL;

  explicit_bzero (key, sizeof key);
  return g_byte_array_free_to_bytes (g_steal_pointer (&plain));
}

static gboolean
decrypted_holds (const char *path,
                 const char *text)
{
  g_autoptr(GBytes) plain = decrypt_pages (path);
  gsize length;
  const char *data;

  g_assert_nonnull (plain);
  data = g_bytes_get_data (plain, &length);
  return memmem (data, length, text, strlen (text)) != NULL;
}
#endif

static void
checkpoint (PsStore *store)
{
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (ps_store_get_db (store), "main",
                                              SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL),
                   ==, SQLITE_OK);
}

/* @secure_delete FALSE is the control: it shows that the check below does
 * find a name left in free space, so its passing means something. */
static void
erase_and_look (gboolean secure_delete)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autofree char *path = ps_test_db_path (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = ps_store_get_db (store);
  gint64 on = 0;
  struct stat st;
  guint n = 0;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *other = g_strdup_printf ("Dr. Bystander %d", i);
      add_closed_case (store, other, -1);
    }
  add_closed_case_with_contact (store, SECRET_NAME, SECRET_CONTACT, 31);
  checkpoint (store);

  /* Never in plaintext on disk, even before erasing. */
  g_assert_false (file_holds (path, SECRET_NAME));
  g_assert_false (file_holds (wal, SECRET_NAME));
#ifdef HAVE_LIBCRYPTO
  /* The decryption works: before erasing, the name is there. */
  g_assert_true (decrypted_holds (path, SECRET_NAME));
#endif

  g_assert_true (ps_sqlite_query_int64 (db, "PRAGMA secure_delete", &on, &error));
  g_assert_cmpint (on, ==, 1);
  if (!secure_delete)
    g_assert_true (ps_sqlite_exec (db, "PRAGMA secure_delete = OFF", &error));

  g_assert_true (ps_retention_run (store, NULL, 30, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  /* No row holds it, and the log was emptied by the checkpoint. */
  g_assert_cmpint (count_rows_holding (db, SECRET_NAME), ==, 0);
  g_assert_cmpint (count_rows_holding (db, SECRET_CONTACT), ==, 0);
  g_assert_cmpint (count_rows_holding (db, "Residue"), ==, 0);
  g_assert_cmpint (count_rows_holding (db, "Bystander"), ==, 5);
  g_assert_true (stat (wal, &st) != 0 || st.st_size == 0);
  g_assert_false (file_holds (path, SECRET_NAME));
  g_assert_false (file_holds (wal, SECRET_NAME));

#ifdef HAVE_LIBCRYPTO
  g_assert_true (decrypted_holds (path, "Dr. Bystander 3"));
  if (secure_delete)
    {
      g_assert_false (decrypted_holds (path, SECRET_NAME));
      g_assert_false (decrypted_holds (path, SECRET_CONTACT));
    }
  else
    g_assert_true (decrypted_holds (path, SECRET_NAME) ||
                   decrypted_holds (path, SECRET_CONTACT));
#else
  if (!secure_delete)
    g_test_skip ("built without libcrypto: the decrypted pages were not searched");
#endif

  g_clear_object (&store);
  ps_remove_tree (dir);
}

static void
test_no_trace_in_file (void)
{
  erase_and_look (TRUE);
}

static void
test_control_without_secure_delete (void)
{
  erase_and_look (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retention/erases-on-time", test_erases_on_time);
  g_test_add_func ("/retention/survives-reopen", test_survives_reopen);
  g_test_add_func ("/retention/no-trace-in-file", test_no_trace_in_file);
  g_test_add_func ("/retention/control-finds-trace-without-secure-delete",
                   test_control_without_secure_delete);

  return g_test_run ();
}
