/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The main window as a user first meets it: opening the caseload through the
 * real keyring, the empty state, the primary menu, About, shortcuts and
 * preferences. */

#include "config.h"

#include <glib/gstdio.h>

#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-window-private.h"

static char *data_home;
static PsApplication *app;

static PsWindow *
open_window (void)
{
  PsWindow *window = ps_test_session_window (app);

  g_assert_nonnull (window);
  ps_test_wait_for_status (ps_window_get_context (window), PS_CONTEXT_READY);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
test_first_run_is_encrypted_and_empty (void)
{
  PsWindow *window = open_window ();
  g_autofree char *db = g_build_filename (data_home, "peerside", "caseload.db", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  GStatBuf st;

  g_assert_cmpstr (ps_window_get_visible_page (window), ==, "main");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Peerside");

  g_assert_true (g_file_get_contents (db, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 16);
  g_assert_false (memcmp (contents, "SQLite format 3", 15) == 0);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  ps_test_screenshot (GTK_WIDGET (window), "window-empty.png");
}

static gboolean
has_item_for_action (GMenuModel *menu,
                     const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && has_item_for_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The main-menu button the user sees (F10 opens it). */
static GtkWidget *
find_primary_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_primary_menu (void)
{
  PsWindow *window = open_window ();
  GMenuModel *menu = ps_window_get_primary_menu (window);
  GtkWidget *button = find_primary_button (GTK_WIDGET (window));

  g_assert_nonnull (menu);
  /* The caseload's menu button is made before the window has its
   * application: it must still hold the menu, and so be sensitive. */
  g_assert_nonnull (button);
  g_assert_true (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)) == menu);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (has_item_for_action (menu, "app.preferences"));
  g_assert_true (has_item_for_action (menu, "win.show-help-overlay"));
  g_assert_true (has_item_for_action (menu, "app.about"));
  /* Closing the window leaves Peerside running; the notification that
   * says so sends the supporter here to quit. */
  g_assert_true (has_item_for_action (menu, "app.quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
}

static void
check_mnemonic_names (GtkWidget *widget,
                      guint     *n_buttons,
                      guint     *n_checks)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      /* Named by its label child alone: "Try Again", not "_Try Again Try Again". */
      if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("%s \"%s\" keeps its raw mnemonic as its accessible label",
                 G_OBJECT_TYPE_NAME (widget), gtk_button_get_label (GTK_BUTTON (widget)));
      (*n_buttons)++;
    }
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) &&
      gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    {
      g_autofree char *message = NULL;
      GString *plain = g_string_new (NULL);

      for (const char *p = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)); *p; p++)
        if (*p != '_')
          g_string_append_c (plain, *p);
      message = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, plain->str);
      g_string_free (plain, TRUE);
      if (message != NULL)
        g_error ("check button: %s", message);
      (*n_checks)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_mnemonic_names (child, n_buttons, n_checks);
}

/* GTK 4.8 names a button "_Try Again" and by its label as well, so a screen
 * reader says "Try Again Try Again"; a check button "_Remind". Every mnemonic
 * control of the window and of Preferences is named by its text alone. */
static void
test_mnemonic_names (void)
{
  PsWindow *window = open_window ();
  GtkWidget *prefs;
  guint n_buttons = 0, n_checks = 0;

  check_mnemonic_names (GTK_WIDGET (window), &n_buttons, &n_checks);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = ps_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  check_mnemonic_names (prefs, &n_buttons, &n_checks);
  gtk_window_destroy (GTK_WINDOW (prefs));
  /* The caseload's Open/Closed toggles, New Case, Try Again… */
  g_assert_cmpuint (n_buttons, >=, 4);
}

static void
test_about_window (void)
{
  PsWindow *window = open_window ();
  GtkWidget *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ps_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Peerside");
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_shortcuts_window (void)
{
  PsWindow *window = open_window ();
  GtkWidget *shortcuts;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = ps_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_widget_set_visible (shortcuts, FALSE);
}

/* Shown or not. */
static gboolean
is_label_text (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static void
test_preferences_bind_settings (void)
{
  PsWindow *window = open_window ();
  GSettings *settings = ps_context_get_settings (ps_window_get_context (window));
  GtkWidget *prefs, *names_row, *lead_row, *names_switch;

  g_assert_false (g_settings_get_boolean (settings, "names-in-notifications"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = ps_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  gtk_test_widget_wait_for_draw (prefs);

  /* Flipping the switch is what the user does; the setting follows. */
  names_row = ps_test_find_row (prefs, "Show _Names in Notifications");
  g_assert_nonnull (names_row);
  names_switch = ps_test_find_type (names_row, GTK_TYPE_SWITCH);
  g_assert_nonnull (names_switch);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (names_switch)));
  gtk_switch_set_active (GTK_SWITCH (names_switch), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "names-in-notifications"));

  /* The lead time offers 5, 10, 15, 30 and 60 minutes. */
  lead_row = ps_test_find_row (prefs, "Remind _Me");
  g_assert_nonnull (lead_row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lead_row)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (lead_row), 3);
  g_assert_cmpint (g_settings_get_int (settings, "reminder-lead-minutes"), ==, 30);

  /* Due after 5 days with overdue after 3 is refused with a message; the
   * targets stay as they were until the pair makes sense. */
  {
    GtkWidget *due_row = ps_test_find_row (prefs, "_Due After");
    GtkWidget *overdue_row = ps_test_find_row (prefs, "_Overdue After");
    GtkSpinButton *due = GTK_SPIN_BUTTON (ps_test_find_type (due_row, GTK_TYPE_SPIN_BUTTON));
    GtkSpinButton *overdue = GTK_SPIN_BUTTON (ps_test_find_type (overdue_row, GTK_TYPE_SPIN_BUTTON));
    GtkWidget *message = ps_test_find_widget (prefs, is_label_text,
                                              "First contact cannot be overdue before it is due. "
                                              "Choose overdue days at least as many as the due "
                                              "days; until then the targets stay as they were.");

    g_assert_nonnull (message);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (due), ==, 2);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (overdue), ==, 3);
    g_assert_false (gtk_widget_get_visible (message));

    gtk_spin_button_set_value (due, 5);
    g_assert_true (gtk_widget_get_visible (message));
    g_assert_true (gtk_widget_has_css_class (due_row, "error"));
    g_assert_cmpint (g_settings_get_int (settings, "first-contact-due-days"), ==, 2);
    g_assert_cmpint (g_settings_get_int (settings, "first-contact-overdue-days"), ==, 3);
    gtk_test_widget_wait_for_draw (prefs);
    ps_test_screenshot (prefs, "preferences-targets-refused.png");

    gtk_spin_button_set_value (overdue, 6);
    g_assert_false (gtk_widget_get_visible (message));
    g_assert_false (gtk_widget_has_css_class (due_row, "error"));
    g_assert_cmpint (g_settings_get_int (settings, "first-contact-due-days"), ==, 5);
    g_assert_cmpint (g_settings_get_int (settings, "first-contact-overdue-days"), ==, 6);
  }

  /* Numbers typed and not yet left are kept when the window is closed,
   * as they are shown: the overdue days and the safety follow-up days. */
  {
    GtkWidget *overdue_row = ps_test_find_row (prefs, "_Overdue After");
    GtkWidget *overdue = ps_test_find_type (overdue_row, GTK_TYPE_SPIN_BUTTON);
    GtkWidget *follow_up_row = ps_test_find_row (prefs, "_Follow Up Within");
    GtkWidget *follow_up = ps_test_find_type (follow_up_row, GTK_TYPE_SPIN_BUTTON);

    gtk_editable_set_text (GTK_EDITABLE (overdue), "9");
    gtk_editable_set_text (GTK_EDITABLE (follow_up), "4");
    g_assert_cmpint (g_settings_get_int (settings, "first-contact-overdue-days"), ==, 6);
    g_assert_cmpint (g_settings_get_int (settings, "safety-follow-up-days"), ==, 2);
    g_object_ref (prefs);
    gtk_window_close (GTK_WINDOW (prefs));
    g_assert_cmpint (g_settings_get_int (settings, "first-contact-overdue-days"), ==, 9);
    g_assert_cmpint (g_settings_get_int (settings, "safety-follow-up-days"), ==, 4);
  }

  g_settings_reset (settings, "names-in-notifications");
  g_settings_reset (settings, "reminder-lead-minutes");
  g_settings_reset (settings, "first-contact-due-days");
  g_settings_reset (settings, "first-contact-overdue-days");
  g_settings_reset (settings, "safety-follow-up-days");
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_unref (prefs);
}

static void
test_accelerators (void)
{
  static const char *expected[][2] = {
    { "app.quit", "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "win.new-case", "<Control>n" },
    { "win.search", "<Control>f" },
  };

  open_window ();
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), expected[i][0]);

      g_assert_nonnull (accels);
      g_assert_cmpstr (accels[0], ==, expected[i][1]);
    }
}

/* The titles of the Notify calls this process sends on the session bus. */
static GDBusMessage *
notify_filter (GDBusConnection *connection,
               GDBusMessage    *message,
               gboolean         incoming,
               gpointer         user_data)
{
  GPtrArray *titles = user_data;

  if (!incoming && g_strcmp0 (g_dbus_message_get_member (message), "Notify") == 0 &&
      g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Notifications") == 0)
    {
      const char *summary = NULL;

      g_variant_get_child (g_dbus_message_get_body (message), 3, "&s", &summary);
      g_ptr_array_add (titles, g_strdup (summary));
    }
  return message;
}

static gboolean
has_titles (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

/* With reminders on, closing the window hides it: Peerside keeps running
 * for them, and activating it again shows the same window. The first time
 * only, a notification says so and how to quit. */
static void
test_close_hides_while_reminders_on (void)
{
  PsWindow *window = open_window ();
  GSettings *settings = ps_context_get_settings (ps_window_get_context (window));
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (app));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  guint filter;

  g_assert_true (g_settings_get_boolean (settings, "reminders-enabled"));
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_false (g_settings_get_boolean (settings, "background-explained"));
  g_assert_nonnull (bus);
  filter = g_dbus_connection_add_filter (bus, notify_filter, titles, NULL);

  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL);
  g_assert_true (ps_test_wait_for (has_titles, titles, 5000));
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Peerside Keeps Running for Reminders");
  g_assert_true (g_settings_get_boolean (settings, "background-explained"));

  g_assert_true (ps_test_session_window (app) == window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Once is enough. */
  gtk_window_close (GTK_WINDOW (window));
  ps_test_iterate (500);
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_true (ps_test_session_window (app) == window);

  g_dbus_connection_remove_filter (bus, filter);
  g_settings_reset (settings, "background-explained");
}

/* The icons of the first frames are found, as PNGs at their size and scale
 * 1 (no librsvg at start-up), as SVGs on a HiDPI screen. */
static void
test_start_up_icons (void)
{
  static const struct { const char *name; int size; } icons[] = {
    { "ps-working-symbolic", 32 },
    { "ps-locked-symbolic", 128 },
    { "ps-no-case-symbolic", 128 },
    { "ps-no-results-symbolic", 128 },
    { "ps-no-selection-symbolic", 128 },
    { "ps-no-conversations-symbolic", 128 },
    { "ps-empty-caseload-symbolic", 128 },
    { "io.github.peerside.Peerside", 48 },
  };
  PsWindow *window = open_window ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    for (int scale = 1; scale <= 2; scale++)
      {
        g_autoptr(GtkIconPaintable) icon =
          gtk_icon_theme_lookup_icon (theme, icons[i].name, NULL, icons[i].size, scale,
                                      GTK_TEXT_DIR_LTR, 0);
        g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
        g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

        g_assert_nonnull (uri);
        g_assert_true (g_str_has_prefix (uri, "resource:///io/github/peerside/Peerside/icons/"));
        if (scale == 1)
          g_assert_true (g_str_has_suffix (uri, ".png"));
        else if (g_str_has_suffix (icons[i].name, "-symbolic"))
          g_assert_true (g_str_has_suffix (uri, ".svg"));
      }
}

/* The caseload password as a first-time user meets it: a button on the
 * empty caseload and a row in Preferences, at 1280 and 360 px, light and
 * dark (screenshots in tests/artefacts). */
static void
test_password_offer (void)
{
  PsWindow *window = open_window ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *prefs, *row, *button, *page;

  button = ps_test_find_button (GTK_WIDGET (window), "Set a Caseload _Password…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = ps_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  row = ps_test_find_row (prefs, "Caseload Pass_word");
  g_assert_nonnull (row);
  page = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_PAGE);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           ADW_PREFERENCES_PAGE (page));

  for (int dark = 0; dark < 2; dark++)
    for (int narrow = 0; narrow < 2; narrow++)
      {
        int width = narrow ? 360 : 1280;
        g_autofree char *main_name = g_strdup_printf ("password-offer-%d-%s.png", width,
                                                      dark ? "dark" : "light");
        g_autofree char *prefs_name = g_strdup_printf ("password-preferences-%d-%s.png", width,
                                                       dark ? "dark" : "light");

        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
        gtk_window_set_default_size (GTK_WINDOW (prefs), width, 720);
        gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
        ps_test_iterate (300);

        ps_test_screenshot (GTK_WIDGET (window), main_name);
        gtk_widget_grab_focus (row);
        ps_test_screenshot (prefs, prefs_name);
        g_assert_true (gtk_widget_get_mapped (row));
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

#define OPENING_WHY "Reading the key from your keyring. Your keyring may ask for your password."

static gboolean
opening_says_why (gpointer window)
{
  return ps_test_find_widget (window, ps_test_is_label_reading, OPENING_WHY) != NULL;
}

/* Opening the caseload shows a title and a spinner; only when it takes a
 * while (the keyring asking for its password) does the page say why, and a
 * new opening starts without it again. */
static void
test_opening_says_why_when_slow (void)
{
  PsWindow *window = open_window ();
  PsContext *context = ps_window_get_context (window);

  for (guint i = 0; i < 2; i++)
    {
      /* Opening, as while the keyring prompts: nothing answers. */
      ps_context_close (context, PS_CONTEXT_OPENING);
      ps_test_iterate (100);
      g_assert_cmpstr (ps_window_get_visible_page (window), ==, "opening");
      g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (window), ps_test_is_label_reading,
                                             "Opening Your Caseload…"));
      g_assert_false (opening_says_why (window));
      g_assert_true (ps_test_wait_for (opening_says_why, window, 5000));

      ps_context_open (context);
      ps_test_wait_for_status (context, PS_CONTEXT_READY);
      g_assert_cmpstr (ps_window_get_visible_page (window), ==, "main");
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = ps_test_session_init (&argc, &argv);
  app = ps_test_session_start ();

  g_test_add_func ("/window/first-run-is-encrypted-and-empty", test_first_run_is_encrypted_and_empty);
  g_test_add_func ("/window/password-offer", test_password_offer);
  g_test_add_func ("/window/primary-menu", test_primary_menu);
  g_test_add_func ("/window/about", test_about_window);
  g_test_add_func ("/window/mnemonic-names", test_mnemonic_names);
  g_test_add_func ("/window/shortcuts", test_shortcuts_window);
  g_test_add_func ("/window/preferences", test_preferences_bind_settings);
  g_test_add_func ("/window/accelerators", test_accelerators);
  g_test_add_func ("/window/close-hides-while-reminders-on", test_close_hides_while_reminders_on);
  g_test_add_func ("/window/start-up-icons", test_start_up_icons);
  g_test_add_func ("/window/opening-says-why-when-slow", test_opening_says_why_when_slow);

  ret = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  ps_remove_tree (data_home);
  g_free (data_home);
  return ret;
}
