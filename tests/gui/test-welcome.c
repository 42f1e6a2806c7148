/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The first start as a new supporter meets it: the welcome sets up the
 * safety contacts and targets before the first case, in two steps; then one
 * empty state with New Case. The region, and so the crisis lines, follows
 * the language: French offers 3114, never 988. Screenshots at 1280 and
 * 360 px, light and dark. */

#include "config.h"

#include "ps-case-row.h"
#include "ps-caseload-view-private.h"
#include "ps-contacts-preferences.h"
#include "ps-crisis-contacts.h"
#include "ps-test-session.h"
#include "ps-window-private.h"
#include "ps-test-widgets.h"

static PsApplication *app;

static PsContactsPreferencesPage *
find_contacts (GtkWidget *widget)
{
  return PS_CONTACTS_PREFERENCES_PAGE (ps_test_find_type (widget, PS_TYPE_CONTACTS_PREFERENCES_PAGE));
}

static void
shoot (GtkWindow  *window,
       int         width,
       int         height,
       const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%d%s.png", name, width, dark ? "-dark" : "");

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      gtk_window_set_default_size (window, width, height);
      ps_test_iterate (300);
      ps_test_screenshot (GTK_WIDGET (window), file);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_first_start (void)
{
  GSettings *settings = ps_application_get_settings (app);
  PsWindow *window;
  PsWelcomeWindow *welcome;
  PsContactsPreferencesPage *contacts;
  PsCaseloadView *view;
  g_autoptr(GListModel) lines = NULL;

  g_settings_set_boolean (settings, "welcome-done", FALSE);
  window = ps_test_session_window (app);
  ps_test_wait_for_status (ps_window_get_context (window), PS_CONTEXT_READY);
  welcome = ps_application_get_welcome (app);
  g_assert_nonnull (welcome);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (welcome)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (welcome)));

  /* Two steps: safety contacts, then the first-contact targets. */
  g_assert_cmpuint (ps_welcome_window_get_n_pages (welcome), ==, 2);
  g_assert_cmpuint (ps_welcome_window_get_position (welcome), ==, 0);
  contacts = find_contacts (ps_welcome_window_get_page (welcome, 0));
  g_assert_nonnull (contacts);
  /* The language's region (C: the United States) and its lines, ticked. */
  g_assert_true (gtk_check_button_get_active (ps_contacts_preferences_page_get_crisis_check (contacts, "us-ca-988")));
  g_assert_true (gtk_check_button_get_active (ps_contacts_preferences_page_get_crisis_check (contacts, "us-physician-support-line")));
  g_assert_true (ps_contacts_preferences_page_add_contact (contacts, "Program coordinator", "555 0100"));
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (welcome), ps_test_is_label_reading, "Before Your First Case"));
  shoot (GTK_WINDOW (welcome), 600, 720, "welcome");
  shoot (GTK_WINDOW (welcome), 360, 640, "welcome");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.next", NULL));
  g_assert_cmpuint (ps_welcome_window_get_position (welcome), ==, 1);
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (welcome), ps_test_is_label_reading, "First Contact"));
  shoot (GTK_WINDOW (welcome), 600, 720, "welcome-targets");
  g_assert_false (g_settings_get_boolean (settings, "welcome-done"));

  /* Start: done, and not asked again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.next", NULL));
  ps_test_iterate (100);
  g_assert_null (ps_application_get_welcome (app));
  g_assert_true (g_settings_get_boolean (settings, "welcome-done"));
  g_application_activate (G_APPLICATION (app));
  g_assert_null (ps_application_get_welcome (app));

  /* What it set up is what the safety panel shows. */
  lines = ps_crisis_lines_dup_model (settings);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);

  /* One empty state, with New Case: no "No Case Selected" beside it. */
  view = ps_window_get_caseload_view (window);
  g_assert_cmpstr (ps_caseload_view_get_visible_page (view), ==, "empty");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  ps_test_iterate (300);
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (window), ps_test_is_label_reading, "No Colleagues Yet"));
  g_assert_null (ps_test_find_widget (GTK_WIDGET (window), ps_test_is_label_reading, "No Case Selected"));
  shoot (GTK_WINDOW (window), 1280, 800, "first-start-caseload");
  shoot (GTK_WINDOW (window), 360, 720, "first-start-caseload");

  g_settings_reset (settings, "program-contacts");
}

static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  name)
{
  return PS_IS_CASE_ROW (widget) && g_str_equal (ps_case_row_get_title (PS_CASE_ROW (widget)), name);
}

/* The state line of @name's row in the caseload. */
static const char *
state_line (PsWindow   *window,
            const char *name)
{
  GtkWidget *row;

  ps_test_iterate (100);
  row = ps_test_find_widget (GTK_WIDGET (window), is_row_of, name);
  g_assert_nonnull (row);
  return ps_case_row_get_state_line (PS_CASE_ROW (row));
}

static GtkSpinButton *
days_spin (PsWelcomeWindow *welcome,
           const char      *row_title)
{
  GtkWidget *row = ps_test_find_row (ps_welcome_window_get_page (welcome, 1), row_title);

  return GTK_SPIN_BUTTON (ps_test_find_type (row, GTK_TYPE_SPIN_BUTTON));
}

/* Typed as a user types: the field's text replaced, not yet left. */
static void
type_days (PsWelcomeWindow *welcome,
           GtkSpinButton   *spin,
           const char      *days)
{
  gtk_widget_grab_focus (GTK_WIDGET (spin));
  ps_test_xdotool ("key", "ctrl+a", NULL);
  ps_test_xdotool ("type", days, NULL);
}

/* The targets step saves what was chosen, refuses due after overdue as
 * Preferences does, and the caseload follows at once: a new case's first
 * contact due in the days chosen, and overdue at the midnight they end. */
static void
test_targets (void)
{
  GSettings *settings = ps_application_get_settings (app);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2024, 11, 14, 10, 0, 0);
  g_autoptr(GDateTime) last_second = g_date_time_new (utc, 2024, 11, 14, 23, 59, 59);
  g_autoptr(GDateTime) midnight = g_date_time_new (utc, 2024, 11, 15, 0, 0, 0);
  g_autoptr(PsClock) clock = ps_clock_new_fake (now);
  g_autoptr(PsContext) context = NULL;
  g_autofree char *dir = g_dir_make_tmp ("peerside-targets-XXXXXX", NULL);
  GtkSpinButton *due, *overdue;
  GtkWidget *held;
  PsWelcomeWindow *welcome;
  PsWindow *window;
  PsStore *store;

  g_settings_set_boolean (settings, "welcome-done", FALSE);
  g_application_activate (G_APPLICATION (app));
  welcome = ps_application_get_welcome (app);
  g_assert_nonnull (welcome);

  /* The caseload behind it, on the fake clock: a case asked for today is
   * due in the default two days. */
  ps_clock_set_timezone (clock, utc);
  context = ps_context_new (clock, settings, dir, FALSE);
  window = ps_window_new (app, context);
  gtk_window_present (GTK_WINDOW (window));
  ps_context_open (context);
  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  store = ps_context_get_store (context);
  ps_test_add_case (store, "Dr. Tess Target", "2024-11-14");
  ps_test_add_case (store, "Dr. Noel Boundary", "2024-11-09");
  g_assert_cmpstr (state_line (window, "Dr. Tess Target"), ==, "First contact due in 2 days");
  g_assert_cmpstr (state_line (window, "Dr. Noel Boundary"), ==, "First contact overdue by 3 days");

  gtk_window_present (GTK_WINDOW (welcome));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.next", NULL));
  g_assert_cmpuint (ps_welcome_window_get_position (welcome), ==, 1);
  ps_test_focus_window (GTK_WINDOW (welcome));
  due = days_spin (welcome, "_Due After");
  overdue = days_spin (welcome, "_Overdue After");

  /* Due after five days, overdue after four: refused, saying why, and
   * Start does not go on with the old targets. */
  type_days (welcome, due, "5");
  type_days (welcome, overdue, "4");
  gtk_widget_grab_focus (GTK_WIDGET (due));
  ps_test_iterate (100);
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (welcome), ps_test_is_label_reading,
                                         "First contact cannot be overdue before it is due. Choose "
                                         "overdue days at least as many as the due days; until then "
                                         "the targets stay as they were."));
  g_assert_cmpint (g_settings_get_int (settings, "first-contact-due-days"), ==, 2);
  g_assert_cmpint (g_settings_get_int (settings, "first-contact-overdue-days"), ==, 3);
  ps_test_xdotool ("key", "ctrl+Return", NULL);
  ps_test_screenshot (GTK_WIDGET (welcome), "welcome-targets-refused.png");
  g_assert_true (ps_application_get_welcome (app) == welcome);
  g_assert_cmpuint (ps_welcome_window_get_position (welcome), ==, 1);
  g_assert_false (g_settings_get_boolean (settings, "welcome-done"));

  /* Overdue after six, typed and Start pressed at once: both saved. */
  held = g_object_ref (GTK_WIDGET (welcome));
  type_days (welcome, overdue, "6");
  ps_test_xdotool ("key", "ctrl+Return", NULL);
  ps_test_wait_gone (held);
  g_assert_null (ps_application_get_welcome (app));
  g_assert_true (g_settings_get_boolean (settings, "welcome-done"));
  g_assert_cmpint (g_settings_get_int (settings, "first-contact-due-days"), ==, 5);
  g_assert_cmpint (g_settings_get_int (settings, "first-contact-overdue-days"), ==, 6);

  /* The caseload follows: due in five days; asked for five days ago, due
   * today, and overdue from the midnight the sixth day starts. */
  g_assert_cmpstr (state_line (window, "Dr. Tess Target"), ==, "First contact due in 5 days");
  g_assert_cmpstr (state_line (window, "Dr. Noel Boundary"), ==, "First contact due today");
  ps_clock_set_now (clock, last_second);
  g_assert_cmpstr (state_line (window, "Dr. Noel Boundary"), ==, "First contact due today");
  ps_clock_set_now (clock, midnight);
  g_assert_cmpstr (state_line (window, "Dr. Noel Boundary"), ==, "First contact overdue by 1 day");

  gtk_window_destroy (GTK_WINDOW (window));
  ps_test_iterate (100);
  g_clear_object (&context);
  ps_remove_tree (dir);
  g_settings_reset (settings, "first-contact-due-days");
  g_settings_reset (settings, "first-contact-overdue-days");
}

/* The region comes from the language: a French interface offers 3114. */
static void
test_region_from_language (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.peerside.Peerside");
  g_autofree char *old = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr(GListModel) lines = NULL;

  g_setenv ("LANGUAGE", "fr", TRUE);
  g_assert_cmpstr (ps_crisis_lines_get_region (settings)->id, ==, "fr");
  lines = ps_crisis_lines_dup_model (settings);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (lines), 0), ==, "fr-3114");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (lines), 1), ==, "fr-sps");
  g_assert_false (ps_crisis_lines_get_chosen (settings, "us-ca-988"));

  /* A region chosen stays chosen, whatever the language. */
  ps_crisis_lines_set_region (settings, "qc");
  g_assert_true (ps_crisis_lines_get_chosen (settings, "qc-appelle"));
  g_assert_true (ps_crisis_lines_get_chosen (settings, "qc-pamq"));
  g_setenv ("LANGUAGE", "en_AU", TRUE);
  g_assert_cmpstr (ps_crisis_lines_get_region (settings)->id, ==, "qc");

  g_settings_reset (settings, "region");
  g_settings_reset (settings, "crisis-lines");
  if (old != NULL)
    g_setenv ("LANGUAGE", old, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static gboolean
focus_in_page (PsWelcomeWindow *welcome,
               guint            index)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (welcome));

  return focus != NULL && gtk_widget_is_ancestor (focus, ps_welcome_window_get_page (welcome, index));
}

/* From the keyboard: each step opens on its first field, not on Next;
 * Escape goes back a step, and does nothing on the first. */
static void
test_keyboard (void)
{
  GSettings *settings = ps_application_get_settings (app);
  PsWelcomeWindow *welcome;

  g_settings_set_boolean (settings, "welcome-done", FALSE);
  g_application_activate (G_APPLICATION (app));
  welcome = ps_application_get_welcome (app);
  g_assert_nonnull (welcome);
  gtk_window_present (GTK_WINDOW (welcome));
  ps_test_focus_window (GTK_WINDOW (welcome));
  g_assert_true (focus_in_page (welcome, 0));
  ps_test_screenshot (GTK_WIDGET (welcome), "welcome-keyboard.png");

  ps_test_xdotool ("key", "Escape", NULL);
  g_assert_cmpuint (ps_welcome_window_get_position (welcome), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (welcome)));
  g_assert_true (focus_in_page (welcome, 0));

  ps_test_xdotool ("key", "ctrl+Return", NULL);
  g_assert_cmpuint (ps_welcome_window_get_position (welcome), ==, 1);
  g_assert_true (focus_in_page (welcome, 1));

  ps_test_xdotool ("key", "Escape", NULL);
  g_assert_cmpuint (ps_welcome_window_get_position (welcome), ==, 0);
  g_assert_true (focus_in_page (welcome, 0));
  gtk_window_close (GTK_WINDOW (welcome));
  ps_test_iterate (200);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = ps_test_session_init (&argc, &argv);
  int ret;

  app = ps_test_session_start ();
  /* The directory is read once, in the language the app starts in. */
  g_assert_cmpuint (ps_crisis_line_get_n_presets (), >, 0);
  g_test_add_func ("/welcome/region-from-language", test_region_from_language);
  g_test_add_func ("/welcome/first-start", test_first_start);
  g_test_add_func ("/welcome/targets", test_targets);
  g_test_add_func ("/welcome/keyboard", test_keyboard);
  ret = g_test_run ();
  g_object_unref (app);
  ps_remove_tree (dir);
  return ret;
}
