/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Backing up and restoring through the dialogs, as a user would: the
 * passphrase rules, the file on disk, a wrong passphrase that changes
 * nothing, and a confirmed restore that brings a deleted case back.
 * Real window, real keyring, real SQLCipher files. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlcipher/sqlite3.h>

#include "ps-backup-dialog.h"
#include "ps-conversation-page-private.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-window-private.h"

typedef struct
{
  PsTestContext  tc;
  PsWindow  *window;
  gint64     case_id;
} Fixture;

static const PsTestContextOptions options = { .unopened = TRUE };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsCaseFields) fields = ps_case_fields_new ();
  g_autoptr(PsCase) item = NULL;
  g_autoptr(GError) error = NULL;

  ps_test_context_set_up (&f->tc, &options);
  f->window = g_object_new (PS_TYPE_WINDOW, "context", f->tc.context, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  ps_test_context_open (&f->tc);

  fields->display_name = g_strdup ("Dr. Ada Placeholder");
  fields->contact = g_strdup ("555-0100");
  fields->reason = PS_REASON_BURNOUT;
  g_date_set_dmy (&fields->requested_on, 1, 11, 2024);
  g_date_set_dmy (&fields->assigned_on, 1, 11, 2024);
  item = ps_store_create_case (ps_context_get_store (f->tc.context), fields, &error);
  g_assert_no_error (error);
  f->case_id = ps_case_get_id (item);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ps_test_context_tear_down (&f->tc, &options);
}

static GtkEditable *
row_titled (GtkWidget  *widget,
            const char *title)
{
  return GTK_EDITABLE (ps_test_find_row (widget, title));
}

/* What the user sees: the Save button enabled or greyed out. */
static gboolean
can_go (PsBackupDialog *dialog)
{
  GtkWidget *button = ps_test_find_button (GTK_WIDGET (dialog), "_Save Backup…");

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static GFile *
make_backup (Fixture    *f,
             const char *passphrase)
{
  PsBackupDialog *dialog = ps_backup_dialog_new (f->tc.context, PS_BACKUP_DIALOG_BACKUP);
  g_autofree char *path = g_build_filename (f->tc.dir, "backup.peerside", NULL);
  GFile *file = g_file_new_for_path (path);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (row_titled (GTK_WIDGET (dialog), "Passphrase"), passphrase);
  gtk_editable_set_text (row_titled (GTK_WIDGET (dialog), "Passphrase Again"), passphrase);
  g_assert_true (can_go (dialog));
  g_assert_true (ps_backup_dialog_save_to (dialog, file));
  return file;
}

static void
test_passphrase_rules (Fixture       *f,
                       gconstpointer  data)
{
  PsBackupDialog *dialog = ps_backup_dialog_new (f->tc.context, PS_BACKUP_DIALOG_BACKUP);
  GtkEditable *first, *second;

  gtk_window_present (GTK_WINDOW (dialog));
  first = row_titled (GTK_WIDGET (dialog), "Passphrase");
  second = row_titled (GTK_WIDGET (dialog), "Passphrase Again");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_false (can_go (dialog));

  gtk_editable_set_text (first, "short");
  g_assert_false (can_go (dialog));
  g_assert_cmpstr (ps_backup_dialog_get_message (dialog), ==, "Use at least 8 characters.");

  gtk_editable_set_text (first, "correct horse battery");
  gtk_editable_set_text (second, "correct horse battery!");
  g_assert_false (can_go (dialog));
  g_assert_cmpstr (ps_backup_dialog_get_message (dialog), ==, "The two passphrases differ.");

  gtk_editable_set_text (second, "correct horse battery");
  g_assert_true (can_go (dialog));
  g_assert_cmpstr (ps_backup_dialog_get_message (dialog), ==, "");
  ps_test_screenshot (GTK_WIDGET (dialog), "backup-dialog.png");
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
message_shown (gpointer data)
{
  return ps_backup_dialog_get_message (data)[0] != '\0';
}

static void
test_backup_and_restore (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = make_backup (f, "correct horse battery");
  g_autofree char *contents = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  PsBackupDialog *restore;
  GtkWidget *confirm;
  gsize len = 0;

  /* Encrypted on disk, readable by its owner only. */
  g_assert_true (g_file_load_contents (file, NULL, &contents, &len, NULL, NULL));
  g_assert_cmpuint (len, >, 1024);
  g_assert_false (memcmp (contents, "SQLite format 3", 15) == 0);
  g_assert_null (g_strstr_len (contents, len, "Placeholder"));
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_UNIX_MODE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 0777, ==, 0600);

  /* The case goes; the backup brings it back. */
  g_assert_true (ps_store_delete_case (ps_context_get_store (f->tc.context), f->case_id, &error));
  g_assert_no_error (error);

  /* A wrong passphrase: a message, and nothing changes. */
  restore = ps_backup_dialog_new (f->tc.context, PS_BACKUP_DIALOG_RESTORE);
  gtk_window_present (GTK_WINDOW (restore));
  gtk_editable_set_text (row_titled (GTK_WIDGET (restore), "Passphrase"), "not the passphrase");
  ps_backup_dialog_restore_from (restore, file);
  g_assert_true (ps_test_wait_for (message_shown, restore, 30000));
  g_assert_null (find_message_dialog ());
  g_assert_cmpint (ps_context_get_status (f->tc.context), ==, PS_CONTEXT_READY);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (ps_context_get_store (f->tc.context))), ==, 0);

  /* The right one: a confirmation, then the caseload of the backup. */
  gtk_editable_set_text (row_titled (GTK_WIDGET (restore), "Passphrase"), "correct horse battery");
  ps_backup_dialog_restore_from (restore, file);
  g_assert_true (ps_test_wait_for (message_dialog_shown, NULL, 30000));
  confirm = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)), "holds 1 case (1 open)"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "replace");
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);
  {
    PsCase *back = ps_store_lookup_case (ps_context_get_store (f->tc.context), f->case_id);

    g_assert_nonnull (back);
    g_assert_cmpstr (ps_case_get_display_name (back), ==, "Dr. Ada Placeholder");
  }
}

/* Rewrites the backup at @file, opened with @passphrase as an attacker who
 * knows it could. */
static void
tamper (GFile      *file,
        const char *passphrase,
        const char *sql)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_key (db, passphrase, (int)strlen (passphrase)), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cipher_compatibility = 3", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Only the caseload's own files in the data folder: no copy left behind. */
static void
assert_no_copies (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->tc.dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "caseload.db.") || g_str_has_prefix (name, ".peerside"))
      g_error ("%s was left in the data folder", name);
}

/* A backup with the right passphrase whose schema crashes SQLite 3.15's
 * parser: the dialog says the file is not a backup or is damaged, and the
 * application goes on with its caseload open. */
static void
test_restore_crafted_backup (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = make_backup (f, "correct horse battery");
  PsBackupDialog *restore;

  tamper (file, "correct horse battery",
          "CREATE TABLE t (a); PRAGMA writable_schema = ON;"
          "UPDATE sqlite_master SET sql = 'CREATE TABLE t AS SELECT 1 AS a' WHERE name = 't'");

  restore = ps_backup_dialog_new (f->tc.context, PS_BACKUP_DIALOG_RESTORE);
  gtk_window_present (GTK_WINDOW (restore));
  gtk_editable_set_text (row_titled (GTK_WIDGET (restore), "Passphrase"), "correct horse battery");
  ps_backup_dialog_restore_from (restore, file);
  g_assert_true (ps_test_wait_for (message_shown, restore, 30000));
  g_assert_cmpstr (ps_backup_dialog_get_message (restore), ==,
                   "This file is not a Peerside backup, or it is damaged. Nothing was changed.");
  g_assert_null (find_message_dialog ());
  g_assert_cmpint (ps_context_get_status (f->tc.context), ==, PS_CONTEXT_READY);
  g_assert_nonnull (ps_store_lookup_case (ps_context_get_store (f->tc.context), f->case_id));
  assert_no_copies (f);
  gtk_window_destroy (GTK_WINDOW (restore));
}

/* The file swapped while the confirmation is up: what is restored is what
 * was checked and confirmed, never the new file. */
static void
test_restore_swapped_after_confirm (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GFile) file = make_backup (f, "correct horse battery");
  g_autoptr(GError) error = NULL;
  PsBackupDialog *restore;
  GtkWidget *confirm;

  g_assert_true (ps_store_delete_case (ps_context_get_store (f->tc.context), f->case_id, &error));
  g_assert_no_error (error);

  restore = ps_backup_dialog_new (f->tc.context, PS_BACKUP_DIALOG_RESTORE);
  gtk_window_present (GTK_WINDOW (restore));
  gtk_editable_set_text (row_titled (GTK_WIDGET (restore), "Passphrase"), "correct horse battery");
  ps_backup_dialog_restore_from (restore, file);
  g_assert_true (ps_test_wait_for (message_dialog_shown, NULL, 30000));
  confirm = find_message_dialog ();

  tamper (file, "correct horse battery",
          "DELETE FROM cases; ALTER TABLE cases RENAME TO old_cases;"
          "CREATE VIEW cases AS SELECT * FROM old_cases");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "replace");
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);
  {
    PsCase *back = ps_store_lookup_case (ps_context_get_store (f->tc.context), f->case_id);

    g_assert_nonnull (back);
    g_assert_cmpstr (ps_case_get_display_name (back), ==, "Dr. Ada Placeholder");
  }
  assert_no_copies (f);
}

/* The keyring lost the caseload's key (reset, a new login keyring): the page
 * says so and offers a restore, which keeps the file that does not open and
 * brings the backup's caseload back with a new key. */
static void
test_restore_over_missing_key (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GFile) file = make_backup (f, "correct horse battery");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *kept = NULL;
  PsBackupDialog *restore;
  GtkWidget *confirm;
  const char *name;

  ps_context_close (f->tc.context, PS_CONTEXT_OPENING);
  ps_test_clear_key ();
  ps_context_open (f->tc.context);
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_FAILED);
  g_assert_cmpstr (ps_window_get_error_title (f->window), ==, "The Caseload Key Is Missing");
  g_assert_true (ps_window_get_error_can_restore (f->window));

  restore = ps_backup_dialog_new (f->tc.context, PS_BACKUP_DIALOG_RESTORE);
  gtk_window_present (GTK_WINDOW (restore));
  gtk_editable_set_text (row_titled (GTK_WIDGET (restore), "Passphrase"), "correct horse battery");
  ps_backup_dialog_restore_from (restore, file);
  g_assert_true (ps_test_wait_for (message_dialog_shown, NULL, 30000));
  confirm = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (confirm)), ==, "Restore From This Backup?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)), "kept in the data folder"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "replace");
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);

  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "main");
  g_assert_nonnull (ps_store_lookup_case (ps_context_get_store (f->tc.context), f->case_id));

  /* The file that would not open is still there, under another name. */
  dir = g_dir_open (f->tc.dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "caseload-unreadable-") && g_str_has_suffix (name, ".db"))
      kept = g_build_filename (f->tc.dir, name, NULL);
  g_assert_nonnull (kept);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (kept, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (st.st_size, >, 0);
  }
}

static gboolean
chooser_shown (gpointer data)
{
  return ps_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
chooser_gone (gpointer data)
{
  return !chooser_shown (data);
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

/* Picks @file in the file chooser on screen, as a double-click does. */
static void
choose_file (GFile *file)
{
  GtkWidget *chooser;
  g_autoptr(GError) error = NULL;

  g_assert_true (ps_test_wait_for (chooser_shown, NULL, 10000));
  chooser = ps_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  /* The folder loads, then the file is selected. */
  g_assert_true (ps_test_wait_for (chooser_has_file, chooser, 10000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (ps_test_wait_for (chooser_gone, NULL, 10000));
}

/* Restoring asks for the file first, then its passphrase; after a wrong
 * passphrase it asks for the passphrase again, not for the file. */
static void
test_restore_file_then_passphrase (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GFile) file = make_backup (f, "correct horse battery");
  g_autoptr(GError) error = NULL;
  PsBackupDialog *restore;
  GtkWidget *passphrase, *file_row, *confirm;

  g_assert_true (ps_store_delete_case (ps_context_get_store (f->tc.context), f->case_id, &error));
  g_assert_no_error (error);

  /* First the file: no passphrase asked for yet, the one button chooses. */
  restore = ps_backup_dialog_new (f->tc.context, PS_BACKUP_DIALOG_RESTORE);
  gtk_window_set_transient_for (GTK_WINDOW (restore), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (restore));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (restore));
  passphrase = GTK_WIDGET (row_titled (GTK_WIDGET (restore), "Passphrase"));
  g_assert_false (gtk_widget_get_mapped (passphrase));
  g_assert_false (ps_test_shows_button (GTK_WIDGET (restore), "_Restore…"));
  ps_test_screenshot (GTK_WIDGET (restore), "restore-1-file.png");
  ps_test_click (ps_test_find_button (GTK_WIDGET (restore), "_Choose Backup…"));
  choose_file (file);

  /* Then its passphrase, with the file's name above it. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (restore));
  g_assert_true (gtk_widget_get_mapped (passphrase));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (restore)), passphrase));
  file_row = ps_test_find_row (GTK_WIDGET (restore), "Backup File");
  g_assert_true (gtk_widget_get_mapped (file_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (file_row)), ==, "backup.peerside");
  g_assert_false (gtk_widget_is_sensitive (ps_test_find_button (GTK_WIDGET (restore), "_Restore…")));
  ps_test_screenshot (GTK_WIDGET (restore), "restore-2-passphrase.png");

  /* A wrong passphrase: said, the file kept, no file chooser again. */
  gtk_editable_set_text (GTK_EDITABLE (passphrase), "not the passphrase");
  ps_test_click (ps_test_find_button (GTK_WIDGET (restore), "_Restore…"));
  g_assert_true (ps_test_wait_for (message_shown, restore, 30000));
  ps_test_iterate (50);
  g_assert_null (ps_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (ps_context_get_store (f->tc.context))), ==, 0);
  g_assert_true (gtk_widget_get_mapped (passphrase));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (restore)), passphrase));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (file_row)), ==, "backup.peerside");
  ps_test_screenshot (GTK_WIDGET (restore), "restore-3-wrong-passphrase.png");

  /* The right one, and Enter: the confirmation, then the backup's caseload. */
  gtk_editable_set_text (GTK_EDITABLE (passphrase), "correct horse battery");
  g_signal_emit_by_name (passphrase, "entry-activated");
  g_assert_true (ps_test_wait_for (message_dialog_shown, NULL, 30000));
  g_assert_null (ps_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  confirm = find_message_dialog ();
  ps_test_respond (ADW_MESSAGE_DIALOG (confirm), "replace");
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);
  g_assert_nonnull (ps_store_lookup_case (ps_context_get_store (f->tc.context), f->case_id));
  assert_no_copies (f);
}

static gboolean
resume_offered (gpointer window)
{
  return ps_test_find_widget (window, ps_test_is_label_reading, "A conversation is still in progress") != NULL;
}

static gboolean
resume_not_offered (gpointer window)
{
  return !resume_offered (window);
}

/* Restores the backup @file, made with the passphrase "correct horse
 * battery", through the dialog over the window, and waits for its caseload. */
static void
restore_backup (Fixture *f,
                GFile   *file)
{
  PsBackupDialog *restore = ps_backup_dialog_new (f->tc.context, PS_BACKUP_DIALOG_RESTORE);

  gtk_window_set_transient_for (GTK_WINDOW (restore), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (restore));
  gtk_editable_set_text (row_titled (GTK_WIDGET (restore), "Passphrase"), "correct horse battery");
  ps_backup_dialog_restore_from (restore, file);
  g_assert_true (ps_test_wait_for (message_dialog_shown, NULL, 30000));
  ps_test_respond (ADW_MESSAGE_DIALOG (find_message_dialog ()), "replace");
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

/* A backup restored while a conversation is on show, as Lock or a store
 * that goes leaves it: the page with the colleague's name goes without
 * asking, the views come back and answer again, and the restored caseload
 * offers its conversation in progress as the backup holds it. */
static void
test_restore_during_conversation (Fixture       *f,
                                  gconstpointer  data)
{
  PsCase *item = ps_store_lookup_case (ps_context_get_store (f->tc.context), f->case_id);
  g_autoptr(GFile) file = NULL;
  PsConversationPage *page;
  gint64 id;

  page = ps_test_start_conversation (GTK_WIDGET (f->window), item);
  g_assert_nonnull (page);
  id = ps_conversation_get_id (ps_conversation_page_get_conversation (page));
  gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (page, "open.introduce")));
  gtk_toggle_button_set_active (ps_conversation_page_get_safety_button (page, TRUE), TRUE);
  file = make_backup (f, "correct horse battery");
  /* Ticked after the backup: the restored caseload never had it. */
  gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (page, "open.confidentiality")));
  g_assert_true (ps_test_find_conversation () == page);

  restore_backup (f, file);

  /* The views, working, and no conversation nor name left behind them. */
  g_assert_null (ps_test_find_conversation ());
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "main");
  g_assert_false (ps_test_holds_conversation (GTK_WIDGET (f->window)));
  ps_test_assert_views_answer (GTK_WIDGET (f->window));

  /* Offered, not reopened; resumed, it is the backup's. */
  g_assert_true (resume_offered (f->window));
  ps_test_click (ps_test_find_widget (GTK_WIDGET (f->window), ps_test_has_action, "win.resume-conversation"));
  page = ps_test_find_conversation ();
  g_assert_nonnull (page);
  g_assert_cmpint (ps_conversation_get_id (ps_conversation_page_get_conversation (page)), ==, id);
  g_assert_cmpint (ps_conversation_get_state (ps_conversation_page_get_conversation (page)), ==,
                   PS_CONVERSATION_IN_PROGRESS);
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (page), ps_test_is_label_reading, "Dr. Ada Placeholder"));
  g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (page, "open.introduce")));
  g_assert_false (gtk_check_button_get_active (ps_conversation_page_get_step_check (page, "open.confidentiality")));
  g_assert_true (gtk_toggle_button_get_active (ps_conversation_page_get_safety_button (page, TRUE)));
  g_assert_cmpstr (ps_conversation_page_get_progress_text (page), ==, "2 of 14 steps");
}

/* A conversation left in progress is offered when the caseload opens; a
 * backup from before it replaces the caseload: the offer goes with the
 * caseload it was about. */
static void
test_restore_ends_resume_offer (Fixture       *f,
                                gconstpointer  data)
{
  PsCase *item = ps_store_lookup_case (ps_context_get_store (f->tc.context), f->case_id);
  g_autoptr(GFile) file = make_backup (f, "correct horse battery");
  PsConversationPage *page;

  page = ps_test_start_conversation (GTK_WIDGET (f->window), item);
  g_assert_nonnull (page);
  gtk_widget_activate (GTK_WIDGET (ps_conversation_page_get_step_check (page, "open.introduce")));
  gtk_widget_activate_action (GTK_WIDGET (page), "conversation.back", NULL);
  ps_test_respond (ADW_MESSAGE_DIALOG (find_message_dialog ()), "keep");
  g_assert_null (ps_test_find_conversation ());

  /* Locked and unlocked: offered. */
  ps_context_close (f->tc.context, PS_CONTEXT_LOCKED);
  ps_test_context_open (&f->tc);
  g_assert_true (ps_test_wait_for (resume_offered, f->window, 5000));

  restore_backup (f, file);
  g_assert_true (ps_test_wait_for (resume_not_offered, f->window, 5000));
  g_assert_null (ps_test_find_widget (GTK_WIDGET (f->window), ps_test_has_action, "win.resume-conversation"));
  g_assert_nonnull (ps_store_lookup_case (ps_context_get_store (f->tc.context), f->case_id));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

#define ADD(path, fn) g_test_add ("/backup/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("passphrase-rules", test_passphrase_rules);
  ADD ("backup-and-restore", test_backup_and_restore);
  ADD ("restore-over-missing-key", test_restore_over_missing_key);
  ADD ("restore-crafted-backup", test_restore_crafted_backup);
  ADD ("restore-swapped-after-confirm", test_restore_swapped_after_confirm);
  ADD ("restore-file-then-passphrase", test_restore_file_then_passphrase);
  ADD ("restore-during-conversation", test_restore_during_conversation);
  ADD ("restore-ends-resume-offer", test_restore_ends_resume_offer);
#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
