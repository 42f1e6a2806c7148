/* SPDX-License-Identifier: GPL-3.0-or-later */

/* When the caseload cannot be opened, the window says what happened and what
 * to do — each failure its own page — and the files stay byte-identical.
 * Real window, real gnome-keyring, real files. */

#include "config.h"

#include <glib/gstdio.h>

#include "ps-conversation-page-private.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-window-private.h"

typedef struct
{
  PsTestContext  tc;
  char      *db;
  PsWindow  *window;
} Fixture;

/* Opened by each test once it has spoilt the folder. */
static const PsTestContextOptions options = { .unopened = TRUE };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ps_test_context_set_up (&f->tc, &options);
  f->db = ps_test_db_path (f->tc.dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  ps_test_context_tear_down (&f->tc, &options);
  g_free (f->db);
}

/* A caseload elsewhere, so the keyring holds a key that is not this file's. */
static void
store_other_key (void)
{
  g_autofree char *other = g_dir_make_tmp ("peerside-other-XXXXXX", NULL);
  g_autoptr(PsClock) clock = ps_clock_new ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.peerside.Peerside");
  g_autoptr(PsContext) context = ps_context_new (clock, settings, other, FALSE);

  ps_context_open (context);
  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  ps_context_close (context, PS_CONTEXT_LOCKED);
  ps_remove_tree (other);
}

static void
open_window (Fixture *f)
{
  f->window = g_object_new (PS_TYPE_WINDOW, "context", f->tc.context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  gtk_window_present (GTK_WINDOW (f->window));
  ps_context_open (f->tc.context);
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_FAILED);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "error");
}

static GBytes *
write_file (const char *path,
            const void *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  g_chmod (path, 0600);
  return g_bytes_new (data, len);
}

static void
assert_unchanged (Fixture *f,
                  GBytes  *before)
{
  g_autofree char *after = NULL;
  gsize len = 0;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_true (g_file_get_contents (f->db, &after, &len, NULL));
  g_assert_cmpmem (after, len, g_bytes_get_data (before, NULL), g_bytes_get_size (before));

  /* And nothing was created beside it but the lock file. */
  dir = g_dir_open (f->tc.dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    if (!g_str_equal (name, "caseload.db") && !g_str_has_suffix (name, ".lock"))
      g_error ("Unexpected file %s", name);
}

static void
test_key_missing (Fixture       *f,
                  gconstpointer  data)
{
  guint8 noise[4096];
  g_autoptr(GBytes) before = NULL;

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_random_int_range (0, 256);
  before = write_file (f->db, noise, sizeof noise);
  ps_test_clear_key ();

  open_window (f);
  g_assert_cmpstr (ps_window_get_error_title (f->window), ==, "The Caseload Key Is Missing");
  g_assert_nonnull (strstr (ps_window_get_error_description (f->window), "will not create a new caseload"));
  ps_test_screenshot (GTK_WIDGET (f->window), "error-key-missing.png");
  assert_unchanged (f, before);
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  guint8 noise[8192];
  g_autoptr(GBytes) before = NULL;

  store_other_key ();
  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_random_int_range (0, 256);
  before = write_file (f->db, noise, sizeof noise);

  open_window (f);
  g_assert_cmpstr (ps_window_get_error_title (f->window), ==, "The Caseload Cannot Be Read");
  g_assert_true (ps_window_get_error_can_retry (f->window));
  /* The page offers the way out it describes. */
  g_assert_true (ps_window_get_error_can_restore (f->window));

  /* Trying again gives the same page and still touches nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL);
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_FAILED);
  g_assert_cmpstr (ps_window_get_error_title (f->window), ==, "The Caseload Cannot Be Read");
  assert_unchanged (f, before);
}

static void
test_plaintext_refused (Fixture       *f,
                        gconstpointer  data)
{
  char header[4096] = "SQLite format 3";
  g_autoptr(GBytes) before = NULL;

  store_other_key ();
  before = write_file (f->db, header, sizeof header);

  open_window (f);
  g_assert_cmpstr (ps_window_get_error_title (f->window), ==, "The Caseload Cannot Be Read");
  assert_unchanged (f, before);
}

/* A real caseload in the data folder, made with the keyring's key, closed. */
static void
make_caseload (Fixture *f)
{
  g_autoptr(PsContext) context = ps_context_new (f->tc.clock, f->tc.settings, f->tc.dir, FALSE);
  g_autoptr(PsCaseFields) fields = ps_case_fields_new ();
  g_autoptr(PsCase) item = NULL;
  g_autoptr(GError) error = NULL;

  ps_context_open (context);
  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  fields->display_name = g_strdup ("Dr. Ada Placeholder");
  fields->reason = PS_REASON_OTHER;
  g_date_set_dmy (&fields->requested_on, 1, 11, 2024);
  g_date_set_dmy (&fields->assigned_on, 1, 11, 2024);
  item = ps_store_create_case (ps_context_get_store (context), fields, &error);
  g_assert_no_error (error);
  ps_context_close (context, PS_CONTEXT_LOCKED);
}

static GBytes *
read_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/* The caseload and the stray file beside it, byte for byte as they were. */
static void
assert_both_unchanged (Fixture    *f,
                       GBytes     *db,
                       const char *stray,
                       GBytes     *stray_before)
{
  g_autoptr(GBytes) db_after = read_file (f->db);
  g_autoptr(GBytes) stray_after = read_file (stray);

  g_assert_true (g_bytes_equal (db, db_after));
  g_assert_true (g_bytes_equal (stray_before, stray_after));
}

static void
test_stray_wal (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *other_dir = g_dir_make_tmp ("peerside-other-XXXXXX", NULL);
  g_autofree char *other = g_build_filename (other_dir, "caseload.db", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autoptr(PsStore) elsewhere = NULL;
  g_autoptr(PsCaseFields) fields = ps_case_fields_new ();
  g_autoptr(PsCase) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) db = NULL;
  g_autoptr(GBytes) stray = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  make_caseload (f);
  elsewhere = ps_store_open_with_key (other, "ffeeddccbbaa99887766554433221100"
                                             "ffeeddccbbaa99887766554433221100",
                                      TRUE, NULL, &error);
  g_assert_no_error (error);
  fields->display_name = g_strdup ("Dr. Hal Elsewhere");
  fields->reason = PS_REASON_OTHER;
  g_date_set_dmy (&fields->requested_on, 1, 11, 2024);
  g_date_set_dmy (&fields->assigned_on, 1, 11, 2024);
  item = ps_store_create_case (elsewhere, fields, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (other_wal, &contents, &len, NULL));
  stray = write_file (wal, contents, len);
  db = read_file (f->db);

  open_window (f);
  g_assert_cmpstr (ps_window_get_error_title (f->window), ==,
                   "A File Beside the Caseload Is Not Its Own");
  g_assert_nonnull (strstr (ps_window_get_error_description (f->window),
                            "Move caseload.db-wal out of the data folder"));
  g_assert_true (ps_window_get_error_can_retry (f->window));
  ps_test_screenshot (GTK_WIDGET (f->window), "error-stray-wal.png");
  assert_both_unchanged (f, db, wal, stray);

  /* Moved away as the page says: the caseload opens, whole. */
  g_assert_cmpint (g_unlink (wal), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL);
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (ps_context_get_store (f->tc.context))), ==, 1);
  g_clear_object (&elsewhere);
  ps_remove_tree (other_dir);
}

static const char journal_header[] = "\xd9\xd5\x05\xf9\x20\xa1\x63\xd7 a journal from elsewhere";

static void
test_stray_journal (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *journal = g_strconcat (f->db, "-journal", NULL);
  g_autoptr(GBytes) db = NULL;
  g_autoptr(GBytes) stray = NULL;

  make_caseload (f);
  stray = write_file (journal, journal_header, sizeof journal_header);
  db = read_file (f->db);

  open_window (f);
  g_assert_cmpstr (ps_window_get_error_title (f->window), ==,
                   "A Leftover File Stops the Caseload From Opening");
  g_assert_nonnull (strstr (ps_window_get_error_description (f->window),
                            "Move caseload.db-journal out of the data folder"));
  assert_both_unchanged (f, db, journal, stray);
}

/* The caseload closes under a conversation on show (as a restore closes
 * it) and does not open again: the error page, with no conversation and no
 * name left in the window. Once the page's advice is followed, Try Again
 * opens it, the views answer, and the conversation, still in progress in
 * the file, is offered and resumed as it was left. */
static void
test_fails_during_conversation (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *journal = g_strconcat (f->db, "-journal", NULL);
  g_autoptr(GBytes) stray = NULL;
  PsConversationPage *page;
  PsCase *item;
  gint64 id;

  f->window = g_object_new (PS_TYPE_WINDOW, "context", f->tc.context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  ps_context_open (f->tc.context);
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);
  item = ps_test_add_case (ps_context_get_store (f->tc.context), "Dr. Ada Placeholder", "2024-11-17");
  page = ps_test_start_conversation (GTK_WIDGET (f->window), item);
  g_assert_nonnull (page);
  id = ps_conversation_get_id (ps_conversation_page_get_conversation (page));
  gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (page, "open.introduce")));
  gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (page, "open.confidentiality")));
  gtk_toggle_button_set_active (ps_conversation_page_get_safety_button (page, FALSE), TRUE);

  ps_context_close (f->tc.context, PS_CONTEXT_OPENING);
  stray = write_file (journal, journal_header, sizeof journal_header);
  ps_context_open (f->tc.context);
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_FAILED);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "error");
  g_assert_cmpstr (ps_window_get_error_title (f->window), ==,
                   "A Leftover File Stops the Caseload From Opening");
  g_assert_null (ps_test_find_conversation ());
  g_assert_false (ps_test_holds_conversation (GTK_WIDGET (f->window)));

  /* Moved away as the page says, and Try Again. */
  g_assert_cmpint (g_unlink (journal), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL);
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "main");
  g_assert_null (ps_test_find_conversation ());
  ps_test_assert_views_answer (GTK_WIDGET (f->window));
  {
    g_autoptr(PsConversation) kept = ps_store_lookup_conversation (ps_context_get_store (f->tc.context), id);

    g_assert_nonnull (kept);
    g_assert_cmpint (ps_conversation_get_state (kept), ==, PS_CONVERSATION_IN_PROGRESS);
  }

  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (f->window), ps_test_is_label_reading,
                                         "A conversation is still in progress"));
  ps_test_click (ps_test_find_widget (GTK_WIDGET (f->window), ps_test_has_action, "win.resume-conversation"));
  page = ps_test_find_conversation ();
  g_assert_nonnull (page);
  g_assert_cmpint (ps_conversation_get_id (ps_conversation_page_get_conversation (page)), ==, id);
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (page), ps_test_is_label_reading, "Dr. Ada Placeholder"));
  g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (page, "open.introduce")));
  g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (page, "open.confidentiality")));
  g_assert_true (gtk_toggle_button_get_active (ps_conversation_page_get_safety_button (page, FALSE)));
  g_assert_false (gtk_toggle_button_get_active (ps_conversation_page_get_safety_button (page, TRUE)));
  g_assert_cmpstr (ps_conversation_page_get_progress_text (page), ==, "3 of 14 steps");
}

/* One damaged page among the schema's: the damaged page, with Restore. */
static void
test_damaged_schema_page (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) before = NULL;
  gsize len = 0;

  make_caseload (f);
  g_assert_true (g_file_get_contents (f->db, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 4 * 1024);
  /* Page 4 holds the end of the cases table's CREATE statement. */
  contents[3 * 1024 + 500] ^= 0x55;
  before = write_file (f->db, contents, len);

  open_window (f);
  g_assert_cmpstr (ps_window_get_error_title (f->window), ==, "The Caseload Is Damaged");
  g_assert_true (ps_window_get_error_can_restore (f->window));
  assert_unchanged (f, before);
}

static void
test_every_error_has_its_page (void)
{
  static const PsStoreError codes[] = {
    PS_STORE_ERROR_NO_SECRET_SERVICE, PS_STORE_ERROR_KEYRING_LOCKED, PS_STORE_ERROR_KEY_MISSING,
    PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE, PS_STORE_ERROR_CORRUPT, PS_STORE_ERROR_UNREADABLE,
    PS_STORE_ERROR_TOO_NEW, PS_STORE_ERROR_IN_USE, PS_STORE_ERROR_DISK_FULL, PS_STORE_ERROR_READ_ONLY,
    PS_STORE_ERROR_STRAY_WAL, PS_STORE_ERROR_STRAY_JOURNAL,
  };
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (PS_STORE_ERROR, codes[i], "detail");
      PsErrorText text;

      ps_error_text_for (error, &text);
      g_assert_nonnull (text.title);
      g_assert_cmpuint (strlen (text.description), >, 40);
      /* Each failure reads differently from every other. */
      g_assert_false (g_hash_table_contains (titles, text.title));
      g_hash_table_add (titles, (gpointer) text.title);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

  g_test_add_func ("/error-pages/every-error-has-its-page", test_every_error_has_its_page);
#define ADD(path, fn) g_test_add ("/error-pages/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("key-missing", test_key_missing);
  ADD ("wrong-key", test_wrong_key);
  ADD ("plaintext-refused", test_plaintext_refused);
  ADD ("stray-wal", test_stray_wal);
  ADD ("stray-journal", test_stray_journal);
  ADD ("damaged-schema-page", test_damaged_schema_page);
  ADD ("fails-during-conversation", test_fails_during_conversation);
#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
