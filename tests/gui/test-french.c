/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a French supporter reads where Peerside shows a day, a time or a
 * number, under the real fr_FR.UTF-8 locale the build makes (meson runs the
 * test with french_env): a caseload row's next conversation, the Schedule's
 * days, the Overview's percentage, decimal and big figures, a date field and
 * its calendar's first weekday, the day the close dialog says a name will be
 * erased, the week from Monday to Sunday and the 24-hour clock whatever the
 * desktop says. Real application, window, keyring and
 * SQLCipher store; fake clock on Thursday 14 November 2024, 10:00 UTC. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-case-page.h"
#include "ps-case-row.h"
#include "ps-caseload-view-private.h"
#include "ps-close-case-dialog.h"
#include "ps-date-row.h"
#include "ps-overview-view.h"
#include "ps-schedule-view-private.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"

/* U+202F, the narrow no-break space French puts before "%". */
#define NNBSP "\xe2\x80\xaf"

typedef struct
{
  char      *dir;
  PsClock   *clock;
  PsContext *context;
  PsStore   *store;
  PsWindow  *window;
} Fixture;

static PsApplication *app;

/* Requested on @requested_day November 2024 and reached on the 13th. */
static PsCase *
add_reached (Fixture    *f,
             const char *name,
             int         requested_day)
{
  g_autofree char *day = g_strdup_printf ("2024-11-%02d", requested_day);

  return ps_test_add_reached_case (f->store, name, day);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2024, 11, 14, 10, 0, 0);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.peerside.Peerside");

  f->dir = g_dir_make_tmp ("peerside-french-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->clock = ps_clock_new_fake (now);
  ps_clock_set_timezone (f->clock, utc);
  f->context = ps_context_new (f->clock, settings, f->dir, FALSE);
  ps_context_open (f->context);
  ps_test_wait_for_status (f->context, PS_CONTEXT_READY);
  f->store = ps_context_get_store (f->context);
}

static void
show_window (Fixture *f)
{
  f->window = ps_window_new (app, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  ps_test_iterate (60);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  ps_test_iterate (100);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  ps_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return PS_IS_CASE_ROW (widget) && g_str_equal (ps_case_row_get_title (PS_CASE_ROW (widget)), data);
}

static const char *
state_line (Fixture    *f,
            const char *name)
{
  GtkWidget *row = ps_test_find_widget (GTK_WIDGET (ps_window_get_caseload_view (f->window)),
                                        is_row_titled, name);

  g_assert_nonnull (row);
  return ps_case_row_get_state_line (PS_CASE_ROW (row));
}

/* The next conversation in the caseload and the Schedule: French days and
 * months, the 24-hour clock. */
static void
test_days (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PsConversation) week = NULL, later = NULL;
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Cy Sample");
  PsCase *ada = add_reached (f, "Dr. Ada Placeholder", 12);
  PsCase *ben = add_reached (f, "Dr. Ben Example", 12);
  GtkWidget *schedule;

  week = ps_test_plan_conversation (f->store, ada, "2024-11-19 14:30");
  later = ps_test_plan_conversation (f->store, ben, "2024-12-02 09:05");
  /* Awaiting first contact, due in two days. */
  g_date_set_dmy (&fields->requested_on, 14, 11, 2024);
  g_date_set_dmy (&fields->assigned_on, 14, 11, 2024);
  ps_test_add_case_fields (f->store, fields);
  show_window (f);

  g_assert_cmpstr (state_line (f, "Dr. Ada Placeholder"), ==, "Prochain entretien mar. 14:30 · Vidéo");
  g_assert_cmpstr (state_line (f, "Dr. Ben Example"), ==, "Prochain entretien 2 déc. 09:05 · Vidéo");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-schedule", NULL));
  ps_test_iterate (60);
  schedule = ps_test_find_type (GTK_WIDGET (f->window), PS_TYPE_SCHEDULE_VIEW);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ps_test_find_row (schedule, "Dr. Ada Placeholder"))),
                   ==, "mar. 19 nov., 14:30 · 45 min · Vidéo");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ps_test_find_row (schedule, "Dr. Ben Example"))),
                   ==, "lun. 2 déc., 09:05 · 45 min · Vidéo");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ps_test_find_row (schedule, "Dr. Cy Sample"))),
                   ==, "Premier contact attendu le sam. 16 nov.");
}

/* The Overview's share with a narrow no-break space before "%", a median
 * with a decimal comma, thousands apart; the summary CSV's with a dot. */
static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  PsCase *ada;
  GtkWidget *overview;

  /* Two, two, three and eight days to first contact: a median of 2.5,
   * three of four within three days. */
  ada = add_reached (f, "Dr. Ada Placeholder", 11);
  /* 23 conversations of 45 minutes, 1035 minutes of support. */
  for (int i = 0; i < 23; i++)
    {
      g_autoptr(GDateTime) at = g_date_time_new_utc (2024, 11, 12, i, 0, 0);
      g_autoptr(PsConversation) held = NULL;
      g_autoptr(GError) error = NULL;

      held = ps_store_add_held_conversation (f->store, ps_case_get_id (ada), at, 45,
                                             PS_MODALITY_VIDEO, NULL, FALSE, &error);
      g_assert_no_error (error);
    }
  add_reached (f, "Dr. Ben Example", 11);
  add_reached (f, "Dr. Cy Sample", 10);
  add_reached (f, "Dr. Dee Fictional", 5);
  show_window (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-overview", NULL));
  ps_test_iterate (60);
  overview = ps_test_find_type (GTK_WIDGET (f->window), PS_TYPE_OVERVIEW_VIEW);
  g_assert_nonnull (ps_test_find_widget (overview, ps_test_is_label_reading, "75" NNBSP "%"));
  g_assert_nonnull (ps_test_find_widget (overview, ps_test_is_label_reading, "2,5"));
  g_assert_null (ps_test_find_widget (overview, ps_test_is_label_reading, "2.5"));
  g_assert_nonnull (ps_test_find_widget (overview, ps_test_is_label_reading, "1" NNBSP "035"));

  /* What the summary CSV gives a spreadsheet stays machine-readable. */
  {
    g_autofree char *path = g_build_filename (f->dir, "summary.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    g_autofree char *csv = NULL;

    g_assert_true (ps_overview_view_export_to_file (PS_OVERVIEW_VIEW (overview), "summary", file,
                                                    &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_nonnull (strstr (csv, "\r\nconversations,share_safety_concern,0.000\r\n"));
    g_assert_nonnull (strstr (csv, "\r\nconversations,minutes_given,1035\r\n"));
  }
}

/* Every reason for support, by phone, reads whole under a case's name in
 * French ("Téléphone · Événement indésirable clinique"), at the default
 * 1280 px and at 360 px, beside a Resume button too. */
static void
test_row_reasons (Fixture       *f,
                  gconstpointer  data)
{
  static const int widths[] = { 1280, 360 };
  GtkWidget *list;
  PsCase *held;

  for (PsReason reason = 0; reason <= PS_REASON_OTHER; reason++)
    {
      g_autofree char *name = g_strdup_printf ("Dr. Reason Example %d", (int)reason + 1);
      g_autoptr(PsCaseFields) fields = ps_test_fields (name);

      fields->reason = reason;
      fields->modality = PS_MODALITY_PHONE;
      g_date_set_dmy (&fields->requested_on, 12, 11, 2024);
      g_date_set_dmy (&fields->assigned_on, 12, 11, 2024);
      held = ps_test_add_case_fields (f->store, fields);
      /* The first with a conversation in progress, and its Resume button. */
      if (reason == 0)
        {
          g_autoptr(GDateTime) now = ps_clock_get_now_utc (f->clock);
          g_autoptr(PsConversation) conv = NULL;
          g_autoptr(GError) error = NULL;

          conv = ps_store_schedule_conversation (f->store, ps_case_get_id (held), now, 30,
                                                 PS_MODALITY_PHONE, &error);
          g_assert_no_error (error);
          ps_store_set_conversation_state (f->store, ps_conversation_get_id (conv),
                                           PS_CONVERSATION_IN_PROGRESS, &error);
          g_assert_no_error (error);
        }
    }
  show_window (f);
  list = ps_test_find_type (GTK_WIDGET (ps_window_get_caseload_view (f->window)), GTK_TYPE_LIST_VIEW);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autofree char *shot = g_strdup_printf ("french-caseload-%d.png", widths[w]);
      guint n = 0, resumes = 0;

      gtk_window_set_default_size (GTK_WINDOW (f->window), widths[w], 800);
      ps_test_iterate (60);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
      ps_test_screenshot (GTK_WIDGET (f->window), shot);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, widths[w]);
      for (GtkWidget *item = gtk_widget_get_first_child (list); item; item = gtk_widget_get_next_sibling (item))
        {
          GtkWidget *row = ps_test_find_type (item, PS_TYPE_CASE_ROW);

          if (row == NULL || !gtk_widget_get_mapped (row))
            continue;
          n++;
          resumes += ps_case_row_get_resume_button (PS_CASE_ROW (row)) != NULL;
          if (ps_case_row_get_meta_line_cut (PS_CASE_ROW (row)))
            g_error ("At %d px, the reason of “%s” is cut short", widths[w],
                     ps_case_row_get_title (PS_CASE_ROW (row)));
        }
      g_assert_cmpuint (n, ==, PS_REASON_OTHER + 1);
      g_assert_cmpuint (resumes, ==, 1);
    }
}

/* Closing says the day the name goes, thirty days on, in French. */
static void
test_erase_day (Fixture       *f,
                gconstpointer  data)
{
  PsCase *ada = add_reached (f, "Dr. Ada Placeholder", 12);
  GtkWidget *page, *dialog;
  const char *body;

  show_window (f);
  ps_caseload_view_open_case (ps_window_get_caseload_view (f->window), ada);
  ps_test_iterate (60);
  page = ps_test_find_type (GTK_WIDGET (f->window), PS_TYPE_CASE_PAGE);
  g_assert_true (gtk_widget_activate_action (page, "case.close", NULL));
  ps_test_iterate (60);
  dialog = ps_test_find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  if (strstr (body, "seront effacés le 14 décembre 2024" NNBSP ";") == NULL)
    g_error ("The close dialog does not say “le 14 décembre 2024”: “%s”", body);
  ps_test_respond (ADW_MESSAGE_DIALOG (dialog), "cancel");
}

static gboolean
is_day_name (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "day-name");
}

/* A date field reads the day in French, and its calendar's weeks start on
 * Monday. */
static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *row = ps_date_row_new (), *list = gtk_list_box_new ();
  GtkWindow *window;
  GtkWidget *calendar, *first;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 14, 11, 2024);
  ps_date_row_set_date (PS_DATE_ROW (row), &day);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  window = ps_test_present (list, 400, 600);
  g_assert_nonnull (ps_test_find_widget (row, ps_test_is_label_reading, "jeu. 14 nov. 2024"));
  gtk_menu_button_popup (GTK_MENU_BUTTON (ps_test_find_type (row, GTK_TYPE_MENU_BUTTON)));
  ps_test_iterate (60);
  calendar = ps_test_find_type (row, GTK_TYPE_CALENDAR);
  g_assert_nonnull (calendar);
  first = ps_test_find_widget (calendar, is_day_name, NULL);
  g_assert_nonnull (first);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (first)), ==, "lun.");
  gtk_window_destroy (window);
}

/* A French week runs from Monday to Sunday: on a Thursday, Sunday is in
 * "This Week" (an American's is not). The clock stays at 24 hours even when
 * the desktop says 12: French has no words for AM and PM. */
static void
test_week_and_clock (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) desktop = g_settings_new ("org.gnome.desktop.interface");
  g_autoptr(PsConversation) sunday = NULL;
  PsCase *ada = add_reached (f, "Dr. Ada Placeholder", 12);
  GtkWidget *schedule, *row;
  GtkListBox *this_week;

  sunday = ps_test_plan_conversation (f->store, ada, "2024-11-17 14:30");
  show_window (f);
  g_assert_cmpstr (state_line (f, "Dr. Ada Placeholder"), ==, "Prochain entretien dim. 14:30 · Vidéo");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-schedule", NULL));
  ps_test_iterate (60);
  schedule = ps_test_find_type (GTK_WIDGET (f->window), PS_TYPE_SCHEDULE_VIEW);
  this_week = ps_schedule_view_get_group_list (PS_SCHEDULE_VIEW (schedule), PS_SCHEDULE_GROUP_THIS_WEEK);
  row = ps_test_find_row (GTK_WIDGET (this_week), "Dr. Ada Placeholder");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "dim. 14:30 · 45 min · Vidéo");

  g_assert_true (g_settings_set_string (desktop, "clock-format", "12h"));
  ps_test_iterate (60);
  row = ps_test_find_row (GTK_WIDGET (this_week), "Dr. Ada Placeholder");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "dim. 14:30 · 45 min · Vidéo");
  g_assert_cmpstr (state_line (f, "Dr. Ada Placeholder"), ==, "Prochain entretien dim. 14:30 · Vidéo");
  g_settings_reset (desktop, "clock-format");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = ps_test_session_init (&argc, &argv);
  int ret;

  ps_test_live_in_french ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = ps_test_session_start ();
  g_test_add ("/french/days", Fixture, NULL, fixture_set_up, test_days, fixture_tear_down);
  g_test_add ("/french/numbers", Fixture, NULL, fixture_set_up, test_numbers, fixture_tear_down);
  g_test_add ("/french/calendar", Fixture, NULL, fixture_set_up, test_calendar, fixture_tear_down);
  g_test_add ("/french/row-reasons", Fixture, NULL, fixture_set_up, test_row_reasons, fixture_tear_down);
  g_test_add ("/french/erase-day", Fixture, NULL, fixture_set_up, test_erase_day, fixture_tear_down);
  g_test_add ("/french/week-and-clock", Fixture, NULL, fixture_set_up, test_week_and_clock,
              fixture_tear_down);
  ret = g_test_run ();
  g_clear_object (&app);
  ps_remove_tree (data_home);
  return ret;
}
