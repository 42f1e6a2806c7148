/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `peerside --demo` as a newcomer sees it: a throwaway caseload of fictional
 * colleagues in every state, never in the user's keyring or data folder,
 * deleted on exit; screenshots at 360 and 1280 px, light and dark. */

#include "config.h"

#include <signal.h>

#include "ps-caseload-view-private.h"
#include "ps-reminder-service.h"
#include "ps-safety-panel.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-window-private.h"

static void
shoot (PsContext  *context,
       int         width,
       int         height,
       gboolean    dark,
       const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  PsWindow *window = g_object_new (PS_TYPE_WINDOW, "context", context, NULL);
  PsCaseloadView *view = ps_window_get_caseload_view (window);
  AdwLeaflet *leaflet;

  adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  ps_test_iterate (300);

  /* The narrow window folds to one pane, on the caseload; the wide one
   * shows the views, the list and a case side by side. */
  leaflet = ps_window_get_leaflet (window);
  g_assert_cmpint (adw_leaflet_get_folded (leaflet), ==, width < 600);
  g_assert_cmpstr (ps_caseload_view_get_visible_page (view), ==, "list");
  if (width >= 1000)
    {
      g_autoptr(PsCase) first = g_list_model_get_item (ps_caseload_view_get_visible_cases (view), 0);

      ps_caseload_view_open_case (view, first);
    }
  ps_test_screenshot (GTK_WIDGET (window), name);

  /* The other views, as a newcomer would click through them. */
  for (guint i = 0; i < 2; i++)
    {
      const char *view_name = i == 0 ? "schedule" : "overview";
      g_autofree char *action = g_strconcat ("win.show-", view_name, NULL);
      g_autofree char *shot = g_strdup_printf ("%s-%s", view_name, name);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
      ps_test_screenshot (GTK_WIDGET (window), shot);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static const PsTestContextOptions demo = { .store = PS_TEST_STORE_DEMO };

static void
test_demo (PsTestContext *t,
           gconstpointer  data)
{
  PsContext *context = t->context;
  const char *dir = t->dir;
  g_autofree char *user_dir = g_build_filename (g_get_user_data_dir (), "peerside", NULL);
  GListModel *cases;
  guint open = 0, closed = 0;

  /* Not the user's folder. */
  g_assert_false (g_str_has_prefix (dir, user_dir));
  g_assert_false (g_file_test (user_dir, G_FILE_TEST_EXISTS));

  cases = ps_store_get_cases (t->store);
  g_assert_cmpuint (g_list_model_get_n_items (cases), >=, 10);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);

      if (ps_case_get_state (item) == PS_CASE_STATE_CLOSED)
        closed++;
      else
        open++;
    }
  g_assert_cmpuint (open, >=, 6);
  g_assert_cmpuint (closed, >=, 2);

  /* Its reminders arrive after it started, not the moment it opens: the
   * conversation in 12 minutes is reminded of in about 2. */
  {
    g_autoptr(PsReminderService) reminders = ps_reminder_service_new (context, NULL);
    g_autoptr(GDateTime) now = ps_clock_get_now_utc (t->clock);
    GDateTime *next;

    g_assert_cmpuint (ps_reminder_service_check (reminders), ==, 0);
    g_assert_cmpuint (ps_reminder_service_check (reminders), ==, 0);
    next = ps_reminder_service_get_next_due (reminders);
    g_assert_nonnull (next);
    g_assert_cmpint (g_date_time_difference (next, now), >, 0);
    g_assert_cmpint (g_date_time_difference (next, now), <=, 15 * G_TIME_SPAN_MINUTE);
  }

  /* Its safety panel, mid-conversation, shows whom to call, not "Add them
   * in Preferences": the language's lines and a fictional program. */
  {
    GtkWidget *panel = g_object_ref_sink (ps_safety_panel_new (context));
    GtkListBox *lists[] = { ps_safety_panel_get_crisis_list (PS_SAFETY_PANEL (panel)),
                            ps_safety_panel_get_program_list (PS_SAFETY_PANEL (panel)) };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        GtkListBoxRow *first = gtk_list_box_get_row_at_index (lists[i], 0);

        g_assert_nonnull (first);
        g_assert_true (ADW_IS_ACTION_ROW (first));
      }
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (lists[1], 0))),
                     ==, "Program coordinator (demo)");
    g_object_unref (panel);
  }

  shoot (context, 360, 720, FALSE, "demo-360-light.png");
  shoot (context, 360, 720, TRUE, "demo-360-dark.png");
  shoot (context, 1280, 800, FALSE, "demo-1280-light.png");
  shoot (context, 1280, 800, TRUE, "demo-1280-dark.png");

  /* Deleted on exit. */
  g_clear_object (&t->context);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static const PsTestContextOptions demo_on_monday = { PS_TEST_STORE_DEMO, PS_TEST_MONDAY };

/* The demo's first reminder arrives a few minutes after it started, as the
 * clock reaches it: none at start-up, none a minute before, one then. */

static void
test_demo_first_reminder (PsTestContext *t,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) start = ps_clock_get_now_utc (t->clock);
  g_autoptr(PsReminderService) reminders = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) before = NULL;

  reminders = ps_reminder_service_new (t->context, NULL);
  g_assert_cmpuint (ps_reminder_service_check (reminders), ==, 0);
  g_assert_nonnull (ps_reminder_service_get_next_due (reminders));
  due = g_date_time_ref (ps_reminder_service_get_next_due (reminders));
  g_assert_cmpint (g_date_time_difference (due, start), >=, G_TIME_SPAN_MINUTE);
  g_assert_cmpint (g_date_time_difference (due, start), <=, 15 * G_TIME_SPAN_MINUTE);

  before = g_date_time_add_seconds (due, -1);
  ps_clock_set_now (t->clock, before);
  g_assert_cmpuint (ps_reminder_service_check (reminders), ==, 0);
  ps_clock_set_now (t->clock, due);
  g_assert_cmpuint (ps_reminder_service_check (reminders), >=, 1);
}

static gboolean
demo_caseload_made (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (data, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *db = g_build_filename (data, name, "caseload.db-wal", NULL);

      if (g_file_test (db, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

static gboolean
exited (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

/* The real `peerside --demo`, ended by SIGTERM or SIGINT: it quits as Quit
 * does, and leaves nothing in TMPDIR. */
static void
test_demo_signal (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  g_autofree char *tmp = g_dir_make_tmp ("peerside-tmpdir-XXXXXX", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;

  g_subprocess_launcher_setenv (launcher, "TMPDIR", tmp, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PEERSIDE"), "--demo", NULL);
  g_assert_no_error (error);
  g_assert_true (ps_test_wait_for (demo_caseload_made, tmp, 30000));
  ps_test_iterate (500);

  g_subprocess_send_signal (process, signum);
  g_assert_true (ps_test_wait_for (exited, process, 30000));
  g_assert_true (g_subprocess_get_if_exited (process));

  dir = g_dir_open (tmp, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  ps_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

  g_test_add ("/demo/throwaway-caseload-and-screenshots", PsTestContext, &demo,
              ps_test_context_set_up, test_demo, ps_test_context_tear_down);
  g_test_add ("/demo/first-reminder-after-start", PsTestContext, &demo_on_monday,
              ps_test_context_set_up, test_demo_first_reminder, ps_test_context_tear_down);
  g_test_add_data_func ("/demo/sigterm-leaves-nothing", GINT_TO_POINTER (SIGTERM), test_demo_signal);
  g_test_add_data_func ("/demo/sigint-leaves-nothing", GINT_TO_POINTER (SIGINT), test_demo_signal);
  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
