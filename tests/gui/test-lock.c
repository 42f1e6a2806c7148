/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The lock: idle minutes, the screen locking or a manual lock close the
 * caseload — the store object, and the key inside it, are gone — and the
 * window shows the Locked page until the keyring gives the key again. */

#include "config.h"

#include "ps-checklist.h"
#include "ps-conversation-page-private.h"
#include "ps-conversation-window.h"
#include "ps-lock-monitor.h"
#include "ps-test-session.h"
#include "ps-window-private.h"

typedef struct
{
  char          *dir;
  PsClock       *clock;
  GSettings     *settings;
  PsContext     *context;
  PsWindow      *window;
  PsLockMonitor *monitor;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 11, 18, 9, 0, 0);

  f->dir = g_dir_make_tmp ("peerside-lock-XXXXXX", NULL);
  f->clock = ps_clock_new_fake (now);
  f->settings = g_settings_new ("io.github.peerside.Peerside");
  f->context = ps_context_new (f->clock, f->settings, f->dir, FALSE);
  f->window = g_object_new (PS_TYPE_WINDOW, "context", f->context, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  f->monitor = ps_lock_monitor_new (f->context);

  ps_context_open (f->context);
  ps_test_wait_for_status (f->context, PS_CONTEXT_READY);

  ps_test_add_case (ps_context_get_store (f->context), "Dr. Ada Placeholder", "2024-11-17");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->monitor);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "lock-after-idle-minutes");
  g_clear_object (&f->settings);
  ps_remove_tree (f->dir);
  g_free (f->dir);
}

/* Locked means the store is finalized: no object holds the key any more. */
static void
assert_locked (Fixture *f,
               PsStore *weak_store)
{
  g_assert_cmpint (ps_context_get_status (f->context), ==, PS_CONTEXT_LOCKED);
  g_assert_null (ps_context_get_store (f->context));
  g_assert_null (weak_store);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "locked");
}

static void
test_idle_locks (Fixture       *f,
                 gconstpointer  data)
{
  PsStore *store = ps_context_get_store (f->context);

  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);

  /* Default: 10 minutes. Nine idle minutes, some input, nine more: open. */
  ps_clock_advance (f->clock, 9 * G_TIME_SPAN_MINUTE);
  g_assert_false (ps_lock_monitor_check_idle (f->monitor));
  ps_lock_monitor_poke (f->monitor);
  ps_clock_advance (f->clock, 9 * G_TIME_SPAN_MINUTE);
  g_assert_false (ps_lock_monitor_check_idle (f->monitor));
  g_assert_cmpint (ps_context_get_status (f->context), ==, PS_CONTEXT_READY);

  /* Two more: ten since the last input. */
  ps_clock_advance (f->clock, 2 * G_TIME_SPAN_MINUTE);
  g_assert_true (ps_lock_monitor_check_idle (f->monitor));
  assert_locked (f, store);
  ps_test_screenshot (GTK_WIDGET (f->window), "locked.png");
}

static void
test_never_when_off (Fixture       *f,
                     gconstpointer  data)
{
  g_settings_set_int (f->settings, "lock-after-idle-minutes", 0);
  ps_clock_advance (f->clock, 24 * 60 * G_TIME_SPAN_MINUTE);
  g_assert_false (ps_lock_monitor_check_idle (f->monitor));
  g_assert_cmpint (ps_context_get_status (f->context), ==, PS_CONTEXT_READY);
}

static void
test_screen_lock_and_unlock (Fixture       *f,
                             gconstpointer  data)
{
  PsStore *store = ps_context_get_store (f->context);
  GListModel *cases;

  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  ps_lock_monitor_set_screensaver_active (f->monitor, TRUE);
  assert_locked (f, store);

  /* Unlock reads the key from the keyring again; the caseload is all there. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL);
  ps_test_wait_for_status (f->context, PS_CONTEXT_READY);
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "main");
  cases = ps_store_get_cases (ps_context_get_store (f->context));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
}

/* Retention runs when the caseload opens: a case closed 31 days ago has
 * lost its name and contact by the time the window shows the list. */
static void
test_retention_at_open (Fixture       *f,
                        gconstpointer  data)
{
  PsStore *store = ps_context_get_store (f->context);
  g_autoptr(PsCase) item = g_list_model_get_item (ps_store_get_cases (store), 0);
  g_autoptr(GError) error = NULL;
  gint64 id = ps_case_get_id (item);
  GDate closed_on;

  ps_clock_get_today (f->clock, &closed_on);
  g_assert_true (ps_store_close_case (store, id, PS_CLOSURE_COMPLETED, &closed_on, &error));
  g_assert_no_error (error);
  g_clear_object (&item);

  /* Locked, a month passes, unlocked. */
  ps_lock_monitor_lock (f->monitor);
  ps_clock_advance (f->clock, 31 * G_TIME_SPAN_DAY);
  ps_context_open (f->context);
  ps_test_wait_for_status (f->context, PS_CONTEXT_READY);

  item = g_object_ref (ps_store_lookup_case (ps_context_get_store (f->context), id));
  g_assert_true (ps_case_get_deidentified (item));
  g_assert_null (ps_case_get_display_name (item));
  g_assert_null (ps_case_get_contact (item));
}

static GtkWidget *
conversation_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (w) && g_strcmp0 (gtk_window_get_title (GTK_WINDOW (w)), "Conversation") == 0)
        return w;
    }
  return NULL;
}

/* A conversation open when the screen locked is offered again after
 * unlocking, not reopened on its own; resumed, it keeps its steps and its
 * time counts from the real start. */
static void
test_conversation_comes_back (Fixture       *f,
                              gconstpointer  data)
{
  PsStore *store = ps_context_get_store (f->context);
  g_autoptr(PsCase) item = g_list_model_get_item (ps_store_get_cases (store), 0);
  g_autoptr(GError) error = NULL;
  PsConversationWindow *window;
  PsConversationPage *page;
  gint64 id;

  window = ps_conversation_window_open (f->context, GTK_WINDOW (f->window), item, NULL, &error);
  g_assert_no_error (error);
  page = ps_conversation_window_get_page (window);
  id = ps_conversation_get_id (ps_conversation_page_get_conversation (page));
  gtk_check_button_set_active (ps_conversation_page_get_step_check (page, "open.introduce"), TRUE);
  ps_clock_advance (f->clock, 5 * G_TIME_SPAN_MINUTE + 30 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (ps_conversation_page_get_time_text (page), ==, "05:30 of 30 min");

  /* Locking closes every window but the main one (PsApplication does it;
   * this test has no application). */
  ps_lock_monitor_lock (f->monitor);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&item);
  ps_clock_advance (f->clock, 2 * G_TIME_SPAN_MINUTE);
  ps_context_open (f->context);
  ps_test_wait_for_status (f->context, PS_CONTEXT_READY);
  ps_test_iterate (100);
  g_assert_null (conversation_window ());

  /* The toast's Resume. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resume-conversation", NULL);
  window = PS_CONVERSATION_WINDOW (conversation_window ());
  g_assert_nonnull (window);
  page = ps_conversation_window_get_page (window);
  g_assert_cmpint (ps_conversation_get_id (ps_conversation_page_get_conversation (page)), ==, id);
  g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (page, "open.introduce")));
  g_assert_cmpstr (ps_conversation_page_get_time_text (page), ==, "07:30 of 30 min");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

#define ADD(path, fn) g_test_add ("/lock/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("idle-locks", test_idle_locks);
  ADD ("never-when-off", test_never_when_off);
  ADD ("screen-lock-and-unlock", test_screen_lock_and_unlock);
  ADD ("retention-at-open", test_retention_at_open);
  ADD ("conversation-comes-back", test_conversation_comes_back);
#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
