/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The lock: idle minutes, the screen locking or a manual lock close the
 * caseload — the store object, and the key inside it, are gone — and the
 * window shows the Locked page until the keyring gives the key again. */

#include "config.h"

#include <poll.h>
#include <unistd.h>

#include <gio/gunixfdlist.h>

#include "ps-checklist.h"
#include "ps-conversation-page-private.h"
#include "ps-lock-monitor.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-window-private.h"

typedef struct
{
  PsTestContext  tc;
  PsWindow      *window;
  PsLockMonitor *monitor;
} Fixture;

static const PsTestContextOptions options = { .now = "2024-11-18T09:00:00Z", .unopened = TRUE };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ps_test_context_set_up (&f->tc, &options);
  f->window = g_object_new (PS_TYPE_WINDOW, "context", f->tc.context, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  f->monitor = ps_lock_monitor_new (f->tc.context);

  ps_test_context_open (&f->tc);

  ps_test_add_case (ps_context_get_store (f->tc.context), "Dr. Ada Placeholder", "2024-11-17");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->monitor);
  gtk_window_destroy (GTK_WINDOW (f->window));
  ps_test_context_tear_down (&f->tc, &options);
}

/* Locked means the store is finalized: no object holds the key any more. */
static void
assert_locked (Fixture *f,
               PsStore *weak_store)
{
  g_assert_cmpint (ps_context_get_status (f->tc.context), ==, PS_CONTEXT_LOCKED);
  g_assert_null (ps_context_get_store (f->tc.context));
  g_assert_null (weak_store);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "locked");
}

static void
test_idle_locks (Fixture       *f,
                 gconstpointer  data)
{
  PsStore *store = ps_context_get_store (f->tc.context);

  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);

  /* Default: 10 minutes. Nine idle minutes, some input, nine more: open. */
  ps_clock_advance (f->tc.clock, 9 * G_TIME_SPAN_MINUTE);
  g_assert_false (ps_lock_monitor_check_idle (f->monitor));
  ps_lock_monitor_poke (f->monitor);
  ps_clock_advance (f->tc.clock, 9 * G_TIME_SPAN_MINUTE);
  g_assert_false (ps_lock_monitor_check_idle (f->monitor));
  g_assert_cmpint (ps_context_get_status (f->tc.context), ==, PS_CONTEXT_READY);

  /* Two more: ten since the last input. */
  ps_clock_advance (f->tc.clock, 2 * G_TIME_SPAN_MINUTE);
  g_assert_true (ps_lock_monitor_check_idle (f->monitor));
  assert_locked (f, store);
  ps_test_screenshot (GTK_WIDGET (f->window), "locked.png");
}

static void
test_never_when_off (Fixture       *f,
                     gconstpointer  data)
{
  g_settings_set_int (f->tc.settings, "lock-after-idle-minutes", 0);
  ps_clock_advance (f->tc.clock, 24 * 60 * G_TIME_SPAN_MINUTE);
  g_assert_false (ps_lock_monitor_check_idle (f->monitor));
  g_assert_cmpint (ps_context_get_status (f->tc.context), ==, PS_CONTEXT_READY);
}

static void
test_screen_lock_and_unlock (Fixture       *f,
                             gconstpointer  data)
{
  PsStore *store = ps_context_get_store (f->tc.context);
  GListModel *cases;

  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  ps_lock_monitor_set_screensaver_active (f->monitor, TRUE);
  assert_locked (f, store);

  /* Unlock reads the key from the keyring again; the caseload is all there. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL);
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "main");
  cases = ps_store_get_cases (ps_context_get_store (f->tc.context));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
}

/* Retention runs when the caseload opens: a case closed 31 days ago has
 * lost its name and contact by the time the window shows the list. */
static void
test_retention_at_open (Fixture       *f,
                        gconstpointer  data)
{
  PsStore *store = ps_context_get_store (f->tc.context);
  g_autoptr(PsCase) item = g_list_model_get_item (ps_store_get_cases (store), 0);
  g_autoptr(GError) error = NULL;
  gint64 id = ps_case_get_id (item);
  GDate closed_on;

  ps_clock_get_today (f->tc.clock, &closed_on);
  g_assert_true (ps_store_close_case (store, id, PS_CLOSURE_COMPLETED, &closed_on, &error));
  g_assert_no_error (error);
  g_clear_object (&item);

  /* Locked, a month passes, unlocked. */
  ps_lock_monitor_lock (f->monitor);
  ps_clock_advance (f->tc.clock, 31 * G_TIME_SPAN_DAY);
  ps_test_context_open (&f->tc);

  item = g_object_ref (ps_store_lookup_case (ps_context_get_store (f->tc.context), id));
  g_assert_true (ps_case_get_deidentified (item));
  g_assert_null (ps_case_get_display_name (item));
  g_assert_null (ps_case_get_contact (item));
}

/* A conversation with the caseload's colleague on show, its first step
 * ticked; @id its id. */
static PsConversationPage *
start_ticked (Fixture *f,
              gint64  *id)
{
  PsStore *store = ps_context_get_store (f->tc.context);
  g_autoptr(PsCase) item = g_list_model_get_item (ps_store_get_cases (store), 0);
  PsConversationPage *page = ps_test_start_conversation (GTK_WIDGET (f->window), item);

  g_assert_nonnull (page);
  *id = ps_conversation_get_id (ps_conversation_page_get_conversation (page));
  gtk_check_button_set_active (ps_conversation_page_get_step_check (page, "open.introduce"), TRUE);
  return page;
}

/* A conversation open when the screen locked is offered again after
 * unlocking, not reopened on its own; resumed, it keeps its steps and its
 * time counts from the real start. */
static void
test_conversation_comes_back (Fixture       *f,
                              gconstpointer  data)
{
  gint64 id;
  PsConversationPage *page = start_ticked (f, &id);

  ps_clock_advance (f->tc.clock, 5 * G_TIME_SPAN_MINUTE + 30 * G_TIME_SPAN_SECOND);
  g_assert_cmpstr (ps_conversation_page_get_time_text (page), ==, "05:30 of 30 min");

  /* Locking leaves the conversation, without asking, and the page with
   * the name goes. */
  ps_lock_monitor_lock (f->monitor);
  ps_test_iterate (100);
  g_assert_null (ps_test_find_conversation ());
  g_assert_null (ps_test_find_type (GTK_WIDGET (f->window), PS_TYPE_CONVERSATION_PAGE));
  ps_clock_advance (f->tc.clock, 2 * G_TIME_SPAN_MINUTE);
  ps_test_context_open (&f->tc);
  ps_test_iterate (100);
  g_assert_null (ps_test_find_conversation ());

  /* The toast's Resume. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resume-conversation", NULL);
  page = ps_test_find_conversation ();
  g_assert_nonnull (page);
  g_assert_cmpint (ps_conversation_get_id (ps_conversation_page_get_conversation (page)), ==, id);
  g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (page, "open.introduce")));
  g_assert_cmpstr (ps_conversation_page_get_time_text (page), ==, "07:30 of 30 min");
}

/* Closing the window asks what becomes of the conversation on show; the
 * screen locks before any answer: the question goes with the names, the
 * conversation stays in progress, and the window stays, locked, instead of
 * closing as if the supporter had answered. */
static void
test_lock_while_closing_asks (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  gint64 id;
  PsConversationPage *page = start_ticked (f, &id);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  ps_lock_monitor_lock (f->monitor);
  ps_test_iterate (100);
  g_assert_null (ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (window);
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "locked");
  g_assert_false (ps_test_holds_conversation (window));

  /* Unlocked: offered, and resumed as it was. */
  ps_test_context_open (&f->tc);
  ps_test_iterate (100);
  g_assert_null (ps_test_find_conversation ());
  gtk_widget_activate_action (window, "win.resume-conversation", NULL);
  page = ps_test_find_conversation ();
  g_assert_nonnull (page);
  g_assert_cmpint (ps_conversation_get_id (ps_conversation_page_get_conversation (page)), ==, id);
  g_assert_true (gtk_check_button_get_active (ps_conversation_page_get_step_check (page, "open.introduce")));
}

/* A fake logind and screen saver ---------------------------------------
 *
 * main() points DBUS_SYSTEM_BUS_ADDRESS at the session bus, where this
 * fake owns org.freedesktop.login1 on a connection of its own. Its signals
 * are sent to this process's connections only, so the other tests running
 * on the same bus never see a screen lock or a suspend. */

static const char fake_logind_xml[] =
  "<node>"
  " <interface name='org.freedesktop.login1.Manager'>"
  "  <method name='Inhibit'>"
  "   <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='h' direction='out'/>"
  "  </method>"
  "  <method name='GetSessionByPID'>"
  "   <arg type='u' direction='in'/><arg type='o' direction='out'/>"
  "  </method>"
  " </interface>"
  " <interface name='org.freedesktop.login1.Session'>"
  "  <property name='IdleHint' type='b' access='read'/>"
  " </interface>"
  "</node>";

#define FAKE_SESSION_PATH "/org/freedesktop/login1/session/fake"

typedef struct
{
  GDBusConnection *bus;
  GDBusNodeInfo   *info;
  GArray          *inhibitors;   /* read ends of the pipes handed out */
  gboolean         idle_hint;
} FakeDesktop;

static FakeDesktop fake;

static void
fake_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  if (g_str_equal (method_name, "Inhibit"))
    {
      g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
      const char *what, *mode;
      int ends[2];

      g_variant_get (parameters, "(&s&s&s&s)", &what, NULL, NULL, &mode);
      g_assert_cmpstr (what, ==, "sleep");
      g_assert_cmpstr (mode, ==, "delay");
      g_assert_cmpint (pipe (ends), ==, 0);
      g_array_append_val (fake.inhibitors, ends[0]);
      g_unix_fd_list_append (fds, ends[1], NULL);
      close (ends[1]);
      g_dbus_method_invocation_return_value_with_unix_fd_list (invocation,
                                                               g_variant_new ("(h)", 0), fds);
    }
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", FAKE_SESSION_PATH));
}

static GVariant *
fake_get_property (GDBusConnection  *connection,
                   const char       *sender,
                   const char       *object_path,
                   const char       *interface_name,
                   const char       *property_name,
                   GError          **error,
                   gpointer          user_data)
{
  return g_variant_new_boolean (fake.idle_hint);
}

static const GDBusInterfaceVTable fake_vtable = { fake_method_call, fake_get_property, NULL };

static void
fake_desktop_start (void)
{
  g_autoptr(GError) error = NULL;

  fake.inhibitors = g_array_new (FALSE, FALSE, sizeof (int));
  fake.info = g_dbus_node_info_new_for_xml (fake_logind_xml, &error);
  g_assert_no_error (error);
  fake.bus = ps_test_bus_connect ();
  ps_test_bus_register (fake.bus, "/org/freedesktop/login1", fake.info->interfaces[0],
                        &fake_vtable);
  ps_test_bus_register (fake.bus, FAKE_SESSION_PATH, fake.info->interfaces[1], &fake_vtable);
  ps_test_bus_own_name (fake.bus, "org.freedesktop.login1");
}

/* An inhibitor is held while some handed-out pipe has a writer left. */
static gboolean
fake_inhibitor_held (void)
{
  gboolean held = FALSE;

  for (guint i = 0; i < fake.inhibitors->len; i++)
    {
      struct pollfd pfd = { g_array_index (fake.inhibitors, int, i), POLLIN, 0 };

      if (poll (&pfd, 1, 0) == 0)
        held = TRUE;
    }
  return held;
}

static void
fake_emit (GBusType    type,
           const char *path,
           const char *iface,
           const char *signal,
           GVariant   *parameters)
{
  g_autoptr(GDBusConnection) to = g_bus_get_sync (type, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (fake.bus, g_dbus_connection_get_unique_name (to), path, iface,
                                 signal, parameters, &error);
  g_assert_no_error (error);
}

static void
fake_set_idle_hint (gboolean idle)
{
  GVariantBuilder changed;

  fake.idle_hint = idle;
  g_variant_builder_init (&changed, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&changed, "{sv}", "IdleHint", g_variant_new_boolean (idle));
  fake_emit (G_BUS_TYPE_SYSTEM, FAKE_SESSION_PATH, "org.freedesktop.DBus.Properties",
             "PropertiesChanged",
             g_variant_new ("(sa{sv}as)", "org.freedesktop.login1.Session", &changed, NULL));
}

/* Runs the main context until @check holds, for at most a second. */
static gboolean
within_a_second (gboolean (*check) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (!check (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
is_locked (gpointer data)
{
  return ps_context_get_status (PS_CONTEXT (data)) == PS_CONTEXT_LOCKED;
}

static gboolean
inhibitor_held (gpointer data)
{
  return fake_inhibitor_held () == GPOINTER_TO_INT (data);
}

static void
reopen (Fixture *f)
{
  ps_test_context_open (&f->tc);
}

/* Suspend: a delay inhibitor is held while the caseload is open, and let go
 * only once it is locked. */
static void
test_sleep_locks (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_true (within_a_second (inhibitor_held, GINT_TO_POINTER (TRUE)));

  fake_emit (G_BUS_TYPE_SYSTEM, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
             "PrepareForSleep", g_variant_new ("(b)", TRUE));
  g_assert_true (within_a_second (is_locked, f->tc.context));
  g_assert_null (ps_context_get_store (f->tc.context));
  g_assert_true (within_a_second (inhibitor_held, GINT_TO_POINTER (FALSE)));

  /* Unlocked again: held again. */
  reopen (f);
  g_assert_true (within_a_second (inhibitor_held, GINT_TO_POINTER (TRUE)));
}

/* The screen locks through either screen saver interface, without GTK. */
static void
test_screensaver_signals (Fixture       *f,
                          gconstpointer  data)
{
  static const char *savers[][2] = {
    { "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver" },
    { "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (savers); i++)
    {
      /* The monitor subscribes as it starts. */
      g_assert_true (within_a_second (inhibitor_held, GINT_TO_POINTER (TRUE)));
      fake_emit (G_BUS_TYPE_SESSION, savers[i][0], savers[i][1], "ActiveChanged",
                 g_variant_new ("(b)", FALSE));
      fake_emit (G_BUS_TYPE_SESSION, savers[i][0], savers[i][1], "ActiveChanged",
                 g_variant_new ("(b)", TRUE));
      g_assert_true (within_a_second (is_locked, f->tc.context));
      reopen (f);
    }
}

static void
test_idle_hint_locks (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_true (within_a_second (inhibitor_held, GINT_TO_POINTER (TRUE)));
  fake_set_idle_hint (TRUE);
  g_assert_true (within_a_second (is_locked, f->tc.context));
  fake_set_idle_hint (FALSE);
}

/* Held (a conversation on show) for an hour: neither the idle minutes
 * nor the session's idle hint lock until it ends; then the idle minutes
 * count from its end. The screen locking still locks. */
static void
test_held (Fixture       *f,
           gconstpointer  data)
{
  gint64 now = ps_clock_get_monotonic (f->tc.clock);

  g_assert_true (within_a_second (inhibitor_held, GINT_TO_POINTER (TRUE)));
  ps_lock_monitor_hold (f->monitor, now + 60 * G_TIME_SPAN_MINUTE);
  ps_clock_advance (f->tc.clock, 30 * G_TIME_SPAN_MINUTE);
  g_assert_false (ps_lock_monitor_check_idle (f->monitor));
  fake_set_idle_hint (TRUE);
  ps_test_iterate (200);
  g_assert_cmpint (ps_context_get_status (f->tc.context), ==, PS_CONTEXT_READY);
  fake_set_idle_hint (FALSE);
  ps_clock_advance (f->tc.clock, 39 * G_TIME_SPAN_MINUTE);
  g_assert_false (ps_lock_monitor_check_idle (f->monitor));
  ps_clock_advance (f->tc.clock, 2 * G_TIME_SPAN_MINUTE);
  g_assert_true (ps_lock_monitor_check_idle (f->monitor));
  g_assert_cmpint (ps_context_get_status (f->tc.context), ==, PS_CONTEXT_LOCKED);

  /* Unlocked and held again: the screen locking locks at once. */
  ps_context_open (f->tc.context);
  ps_test_wait_for_status (f->tc.context, PS_CONTEXT_READY);
  ps_lock_monitor_hold (f->monitor, ps_clock_get_monotonic (f->tc.clock) + 60 * G_TIME_SPAN_MINUTE);
  ps_lock_monitor_set_screensaver_active (f->monitor, TRUE);
  g_assert_cmpint (ps_context_get_status (f->tc.context), ==, PS_CONTEXT_LOCKED);
}

/* The wall clock set back an hour does not put the idle lock off. */
static void
test_idle_ignores_wall_clock (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (f->tc.clock);
  g_autoptr(GDateTime) earlier = g_date_time_add_hours (now, -1);

  ps_clock_set_now (f->tc.clock, earlier);
  ps_clock_advance (f->tc.clock, 10 * G_TIME_SPAN_MINUTE);
  g_assert_true (ps_lock_monitor_check_idle (f->monitor));
  g_assert_cmpint (ps_context_get_status (f->tc.context), ==, PS_CONTEXT_LOCKED);
}

static const PsTestContextOptions demo_options = { PS_TEST_STORE_DEMO, "2024-11-18T09:00:00Z" };

/* The demo locks and unlocks as the real caseload does. */
static void
test_demo_locks (PsTestContext *t,
                 gconstpointer  data)
{
  PsContext *context = t->context;
  g_autoptr(PsLockMonitor) monitor = NULL;
  guint n_cases;

  monitor = ps_lock_monitor_new (context);
  n_cases = g_list_model_get_n_items (ps_store_get_cases (ps_context_get_store (context)));
  g_assert_cmpuint (n_cases, >, 0);

  ps_lock_monitor_lock (monitor);
  g_assert_cmpint (ps_context_get_status (context), ==, PS_CONTEXT_LOCKED);
  g_assert_null (ps_context_get_store (context));

  ps_context_open (context);
  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (ps_context_get_store (context))),
                    ==, n_cases);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  /* The only seam for the fake logind: GLib's own variable for the system bus. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_getenv ("DBUS_SESSION_BUS_ADDRESS"), TRUE);
  home = ps_test_session_init (&argc, &argv);
  fake_desktop_start ();

#define ADD(path, fn) g_test_add ("/lock/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("idle-locks", test_idle_locks);
  ADD ("never-when-off", test_never_when_off);
  ADD ("screen-lock-and-unlock", test_screen_lock_and_unlock);
  ADD ("retention-at-open", test_retention_at_open);
  ADD ("conversation-comes-back", test_conversation_comes_back);
  ADD ("lock-while-closing-asks", test_lock_while_closing_asks);
  ADD ("sleep-locks", test_sleep_locks);
  ADD ("screensaver-signals", test_screensaver_signals);
  ADD ("idle-hint-locks", test_idle_hint_locks);
  ADD ("idle-ignores-wall-clock", test_idle_ignores_wall_clock);
  ADD ("held-during-conversation", test_held);
#undef ADD
  g_test_add ("/lock/demo-locks", PsTestContext, &demo_options, ps_test_context_set_up,
              test_demo_locks, ps_test_context_tear_down);

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
