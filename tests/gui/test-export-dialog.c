/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The export dialog: a period from today for 30 days by default, no names
 * unless ticked, a planned group debrief along with the conversations, the
 * file written as the dialog writes it once the file chooser answered (a
 * native chooser cannot be driven headless). */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ps-export-dialog-private.h"
#include "ps-store-groups.h"
#include "schedule-fixture.h"

typedef struct
{
  ScheduleFixture  base;
  PsCase          *ada;
  PsCase          *bram;
  PsConversation  *conversation;
  PsGroupDebrief  *debrief;
  PsExportDialog  *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  schedule_fixture_set_up (&f->base, data);
  f->ada = ps_test_add_case (f->base.tc.store, "Dr. Ada Placeholder", "2024-11-10");
  f->conversation = schedule_fixture_plan (&f->base, f->ada, 2024, 11, 20, 14, 30, 30,
                                           PS_MODALITY_PHONE);
  /* Awaiting first contact, due Tuesday the 19th. */
  f->bram = ps_test_add_case (f->base.tc.store, "Dr. Bram Example", "2024-11-17");
  /* A team debrief on Thursday the 21st at 16:00. */
  {
    g_autoptr(GTimeZone) tz = ps_clock_get_timezone (f->base.tc.clock);
    g_autoptr(GDateTime) at = g_date_time_new (tz, 2024, 11, 21, 16, 0, 0);
    PsGroupDebriefFields fields = { at, 45, PS_MODALITY_IN_PERSON,
                                    PS_GROUP_PROMPT_CRITICAL_INCIDENT, 7, 1 };
    g_autoptr(GError) error = NULL;

    f->debrief = ps_store_schedule_group_debrief (f->base.tc.store, &fields,
                                                  PS_CONVERSATION_SCHEDULED, NULL, &error);
    g_assert_no_error (error);
  }
  f->dialog = ps_export_dialog_new (f->base.tc.context);
  g_object_ref_sink (f->dialog);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_clear_object (&f->dialog);
  g_clear_object (&f->conversation);
  g_clear_object (&f->debrief);
  schedule_fixture_tear_down (&f->base, data);
}

static char *
export (Fixture *f,
        const char *name)
{
  g_autofree char *path = g_build_filename (f->base.tc.dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  GStatBuf st;

  g_assert_true (ps_export_dialog_save_to (f->dialog, file));
  g_assert_null (ps_export_dialog_get_error (f->dialog));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  return contents;
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  const GDate *from = ps_date_row_get_date (ps_export_dialog_get_from_row (f->dialog));
  const GDate *to = ps_date_row_get_date (ps_export_dialog_get_to_row (f->dialog));

  g_assert_nonnull (from);
  g_assert_nonnull (to);
  g_assert_cmpint (g_date_get_day (from), ==, 18);
  g_assert_cmpint (g_date_get_month (from), ==, 11);
  g_assert_cmpint (g_date_days_between (from, to), ==, 30);
  g_assert_false (gtk_check_button_get_active (ps_export_dialog_get_names_check (f->dialog)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->dialog));
  ps_test_screenshot (GTK_WIDGET (f->dialog), "export-dialog.png");
}

static void
test_no_names_unless_ticked (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *plain = NULL;
  g_autofree char *named = NULL;
  g_autofree char *uid = g_strdup_printf ("UID:conversation-%" G_GINT64_FORMAT "@peerside.invalid",
                                          ps_conversation_get_id (f->conversation));
  g_autofree char *deadline = g_strdup_printf ("UID:first-contact-%" G_GINT64_FORMAT "@peerside.invalid",
                                               ps_case_get_id (f->bram));
  g_autofree char *debrief = g_strdup_printf ("UID:group-debrief-%" G_GINT64_FORMAT "@peerside.invalid",
                                              ps_group_debrief_get_id (f->debrief));
  g_autofree char *debrief_at = NULL;

  plain = export (f, "plain.ics");
  g_assert_true (g_str_has_prefix (plain, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (plain, uid));
  g_assert_nonnull (strstr (plain, "DTSTART:20241120T143000Z"));
  g_assert_nonnull (strstr (plain, "Peer support conversation"));
  /* First-contact deadlines go along (the setting's 2 days). */
  g_assert_nonnull (strstr (plain, deadline));
  /* The group debrief too, at its time, with no more than it is. */
  g_assert_nonnull (strstr (plain, debrief));
  debrief_at = schedule_fixture_utc (ps_group_debrief_get_starts_at (f->debrief));
  g_assert_cmpstr (debrief_at, ==, "2024-11-21T16:00:00Z");
  g_assert_nonnull (strstr (plain, "DTSTART:20241121T160000Z"));
  g_assert_nonnull (strstr (plain, "DTEND:20241121T164500Z"));
  g_assert_nonnull (strstr (plain, "SUMMARY:Peer support group debrief"));
  g_assert_null (strstr (plain, ps_group_prompt_to_label (PS_GROUP_PROMPT_CRITICAL_INCIDENT)));
  g_assert_null (strstr (plain, "Ada"));
  g_assert_null (strstr (plain, "Placeholder"));
  g_assert_null (strstr (plain, "Bram"));
  g_assert_null (strstr (plain, "555-0100"));

  gtk_check_button_set_active (ps_export_dialog_get_names_check (f->dialog), TRUE);
  named = export (f, "named.ics");
  g_assert_nonnull (strstr (named, "Dr. Ada Placeholder"));
  /* Never the contact. */
  g_assert_null (strstr (named, "555-0100"));
}

static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (f->base.tc.dir, "never.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GDate day;

  /* The last day is included. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 20, 11, 2024);
  ps_date_row_set_date (ps_export_dialog_get_to_row (f->dialog), &day);
  contents = export (f, "to-20.ics");
  g_assert_nonnull (strstr (contents, "DTSTART:20241120T143000Z"));
  g_clear_pointer (&contents, g_free);

  g_date_set_dmy (&day, 19, 11, 2024);
  ps_date_row_set_date (ps_export_dialog_get_to_row (f->dialog), &day);
  contents = export (f, "to-19.ics");
  g_assert_null (strstr (contents, "DTSTART:20241120T143000Z"));

  /* Ending before it starts: said so, nothing written. */
  g_date_set_dmy (&day, 17, 11, 2024);
  ps_date_row_set_date (ps_export_dialog_get_to_row (f->dialog), &day);
  g_assert_cmpstr (ps_export_dialog_get_error (f->dialog), ==,
                   "The period ends before it starts. Choose a later last day.");
  g_assert_false (ps_export_dialog_save_to (f->dialog, file));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_write_error (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->base.tc.dir, "missing", "folder.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_false (ps_export_dialog_save_to (f->dialog, file));
  g_assert_nonnull (ps_export_dialog_get_error (f->dialog));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

#define ADD(path, fn) g_test_add ("/schedule/export/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("defaults", test_defaults);
  ADD ("no-names-unless-ticked", test_no_names_unless_ticked);
  ADD ("period", test_period);
  ADD ("write-error", test_write_error);
#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
