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

  g_assert_true (ps_retention_run (store, NULL, 30, &n, NULL, &error));
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
  g_assert_true (ps_retention_run (store, NULL, 30, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 0);

  /* The next day, the 29-day case reaches 30. */
  ps_clock_advance (ps_store_get_clock (store), G_TIME_SPAN_DAY);
  g_assert_true (ps_retention_run (store, NULL, 30, &n, NULL, &error));
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
  g_assert_true (ps_retention_run (store, NULL, 7, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (is_erased (store, open));

  g_clear_object (&store);
  ps_remove_tree (dir);
}

/* The wall clock set @days ahead (behind if negative): no time passes. */
static void
set_days_later (PsClock *clock,
                int      days)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (clock);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, days);

  ps_clock_set_now (clock, later);
}

/* A store in a temporary folder holding SECRET_NAME's case, closed the
 * test's data (a number of days) before the clock's today. */
typedef struct
{
  char    *dir;
  char    *path;
  PsStore *store;
  gint64   id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  days_ago)
{
  f->store = ps_test_new_store (&f->dir);
  f->path = ps_test_db_path (f->dir);
  f->id = add_closed_case (f->store, SECRET_NAME, GPOINTER_TO_INT (days_ago));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  days_ago)
{
  g_clear_object (&f->store);
  ps_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The store opened again with @clock (NULL: a clock of its own): a restart
 * of the app. */
static void
reopen (Fixture *f,
        PsClock *clock)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = ps_store_open_with_key (f->path, PS_TEST_KEY, FALSE, clock, &error);
  g_assert_no_error (error);
}

static void
test_survives_reopen (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (ps_retention_run (f->store, NULL, 90, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 1);
  reopen (f, NULL);
  g_assert_true (is_erased (f->store, f->id));
}

/* A fake clock @days after ps_test_clock's now, like it in every other
 * way: a computer rebooted (a new boot, an hour up). */
static PsClock *
clock_days_later (int days)
{
  g_autoptr(PsClock) base = ps_test_clock ();
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (base);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, days);
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (base);
  PsClock *clock = ps_clock_new_fake (later);

  ps_clock_set_timezone (clock, tz);
  return clock;
}

/* Runs a 30-day retention on @store with @clock; returns how many were
 * erased, and the days off in @days_off. */
static guint
run_30 (PsStore *store,
        PsClock *clock,
        int     *days_off)
{
  g_autoptr(GError) error = NULL;
  guint n = 99;

  g_assert_true (ps_retention_run (store, clock, 30, &n, days_off, &error));
  g_assert_no_error (error);
  return n;
}

/* The case: the clock set 40 days ahead the day a case closed. */
static void
test_clock_ahead_erases_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(PsClock) clock = g_object_ref (ps_store_get_clock (f->store));
  g_autoptr(PsClock) rebooted = NULL;
  int off = 99;

  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 0);
  g_assert_cmpint (off, ==, 0);

  /* Set ahead while running: no time has passed that the clock can vouch for. */
  set_days_later (clock, 40);
  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 0);
  g_assert_cmpint (off, ==, 40);
  g_assert_false (is_erased (f->store, f->id));

  /* Across restarts of the app in the same boot, and then of the computer:
   * each reboot may account for a few days off, never forty. */
  reopen (f, clock);
  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 0);
  g_assert_cmpint (off, ==, 40);
  for (int i = 1; i <= 3; i++)
    {
      g_clear_object (&f->store);
      g_clear_object (&rebooted);
      rebooted = clock_days_later (40);
      reopen (f, rebooted);
      g_assert_cmpuint (run_30 (f->store, rebooted, &off), ==, 0);
      g_assert_cmpint (off, >=, 40 - i * 5);
      g_assert_cmpint (off, <=, 40 - i * 4);
      g_assert_false (is_erased (f->store, f->id));
    }

  /* Once the system vouches for the clock, it is believed. */
  ps_clock_set_synchronized (rebooted, TRUE);
  g_assert_cmpuint (run_30 (f->store, rebooted, &off), ==, 1);
  g_assert_cmpint (off, ==, 0);
  g_assert_true (is_erased (f->store, f->id));
}

/* Real days pass, the app used every day and the computer rebooted each
 * night: names go on the thirtieth day, not before. */
static void
test_real_days_erase_on_time (Fixture       *f,
                              gconstpointer  data)
{
  int off = 99;

  g_assert_cmpuint (run_30 (f->store, NULL, &off), ==, 0);
  for (int day = 1; day <= 30; day++)
    {
      g_autoptr(PsClock) clock = clock_days_later (day);

      reopen (f, clock);
      g_assert_cmpuint (run_30 (f->store, clock, &off), ==, day == 30 ? 1 : 0);
      g_assert_cmpint (off, ==, 0);
      g_assert_cmpint (is_erased (f->store, f->id), ==, day == 30);
    }
}

/* A laptop asleep for five weeks: the time since boot counts the sleep, so
 * the absence is real without any network time. */
static void
test_long_sleep_erases_on_time (Fixture       *f,
                                gconstpointer  data)
{
  PsClock *clock = ps_store_get_clock (f->store);
  int off = 99;

  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 0);
  ps_clock_advance (clock, 35 * G_TIME_SPAN_DAY);
  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 1);
  g_assert_cmpint (off, ==, 0);
  g_assert_true (is_erased (f->store, f->id));
}

/* A clock set back erases later and breaks nothing; set right again, it
 * erases on time. */
static void
test_clock_behind (Fixture       *f,
                   gconstpointer  data)
{
  PsClock *clock = ps_store_get_clock (f->store);
  g_autoptr(PsClock) rebooted = NULL;
  int off = 99;

  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 0);
  set_days_later (clock, -10);
  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 0);
  g_assert_cmpint (off, ==, -10);
  g_assert_false (is_erased (f->store, f->id));

  /* Restarted the next day with the clock right again. */
  rebooted = clock_days_later (1);
  reopen (f, rebooted);
  g_assert_cmpuint (run_30 (f->store, rebooted, &off), ==, 1);
  g_assert_cmpint (off, ==, 0);
  g_assert_true (is_erased (f->store, f->id));
}

/* The person confirms the date on the Overview: the clock is believed. */
static void
test_confirmed_clock (Fixture       *f,
                      gconstpointer  data)
{
  PsClock *clock = ps_store_get_clock (f->store);
  g_autoptr(GError) error = NULL;
  int off = 99;

  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 0);
  set_days_later (clock, 31);
  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 0);
  g_assert_cmpint (off, ==, 31);

  g_assert_true (ps_retention_trust_clock (f->store, clock, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (run_30 (f->store, clock, &off), ==, 1);
  g_assert_cmpint (off, ==, 0);
  g_assert_true (is_erased (f->store, f->id));
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

  g_assert_true (ps_retention_run (store, NULL, 30, &n, NULL, &error));
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
  /* The data: how many days before today the case was closed. */
#define ADD(path, days_ago, test) \
  g_test_add (path, Fixture, GINT_TO_POINTER (days_ago), fixture_setup, test, fixture_teardown)
  ADD ("/retention/survives-reopen", 90, test_survives_reopen);
  ADD ("/retention/clock-ahead-erases-nothing", 0, test_clock_ahead_erases_nothing);
  ADD ("/retention/real-days-erase-on-time", 0, test_real_days_erase_on_time);
  ADD ("/retention/long-sleep-erases-on-time", 0, test_long_sleep_erases_on_time);
  ADD ("/retention/clock-behind", 29, test_clock_behind);
  ADD ("/retention/confirmed-clock", 0, test_confirmed_clock);
#undef ADD
  g_test_add_func ("/retention/no-trace-in-file", test_no_trace_in_file);
  g_test_add_func ("/retention/control-finds-trace-without-secure-delete",
                   test_control_without_secure_delete);

  return g_test_run ();
}
