/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Retention and a clock the system vouches for, with a fake timedated:
 * after a real absence of weeks on a synchronised clock names are erased
 * on time; the same jump on a clock nobody vouches for erases nothing.
 *
 * main() points DBUS_SYSTEM_BUS_ADDRESS at the session bus, where the fake
 * owns org.freedesktop.timedate1 on a connection of its own. */

#include "config.h"

#include "ps-context.h"
#include "ps-retention.h"
#include "ps-test-util.h"
#include "ps-time-sync.h"

static const char fake_timedated_xml[] =
  "<node>"
  " <interface name='org.freedesktop.timedate1'>"
  "  <property name='NTPSynchronized' type='b' access='read'/>"
  " </interface>"
  "</node>";

static struct
{
  GDBusConnection *bus;
  gboolean         synchronized;
  guint            n_asked;
} fake;

static GVariant *
fake_get_property (GDBusConnection  *connection,
                   const char       *sender,
                   const char       *object_path,
                   const char       *interface_name,
                   const char       *property_name,
                   GError          **error,
                   gpointer          user_data)
{
  fake.n_asked++;
  return g_variant_new_boolean (fake.synchronized);
}

static const GDBusInterfaceVTable fake_vtable = { NULL, fake_get_property, NULL };

static void
fake_timedated_start (void)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_dbus_node_info_new_for_xml (fake_timedated_xml, &error);
  g_assert_no_error (error);
  fake.bus = ps_test_bus_connect ();
  ps_test_bus_register (fake.bus, "/org/freedesktop/timedate1", info->interfaces[0], &fake_vtable);
  ps_test_bus_own_name (fake.bus, "org.freedesktop.timedate1");
}

/* Waits until timedated was asked once more than @before, and the answer
 * had time to arrive. */
static void
wait_asked (guint before)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (fake.n_asked <= before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  deadline = g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_vouched_absence_erases (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(PsStore) store = ps_test_new_store (&dir);
  g_autofree char *path = ps_test_db_path (dir);
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (ps_store_get_clock (store));
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 40);
  g_autoptr(PsClock) clock = ps_clock_new_fake (later);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(PsContext) context = NULL;
  g_autoptr(PsTimeSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCase) kase = NULL;
  g_autoptr(PsCaseFields) fields = ps_test_fields ("Dr. Ines Fictive");
  GDate today;
  guint n = 99;
  int off = 99;

  kase = ps_store_create_case (store, fields, &error);
  g_assert_no_error (error);
  ps_clock_get_today (ps_store_get_clock (store), &today);
  g_assert_true (ps_store_close_case (store, ps_case_get_id (kase), PS_CLOSURE_COMPLETED, &today,
                                      &error));
  g_assert_true (ps_retention_run (store, NULL, 30, &n, &off, &error));
  g_assert_cmpuint (n, ==, 0);
  g_clear_object (&store);

  /* Forty days later, after a reboot; timedated does not vouch: nothing goes. */
  ps_clock_set_timezone (clock, utc);
  fake.synchronized = FALSE;
  store = ps_store_open_with_key (path, PS_TEST_KEY, FALSE, clock, &error);
  g_assert_no_error (error);
  g_settings_set_int (settings, "retention-days", 30);
  context = ps_context_new_for_store (clock, settings, store);
  sync = ps_time_sync_new (clock);
  wait_asked (0);
  g_assert_false (ps_clock_get_synchronized (clock));
  g_assert_true (ps_retention_run (store, clock, 30, &n, &off, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (off, >, 30);
  g_assert_false (ps_case_get_deidentified (ps_store_lookup_case (store, ps_case_get_id (kase))));

  /* Network time comes: asked again at the next jump or new day, and the
   * context erases at once. */
  fake.synchronized = TRUE;
  ps_clock_set_now (clock, later);
  wait_asked (1);
  g_assert_true (ps_clock_get_synchronized (clock));
  g_assert_true (ps_case_get_deidentified (ps_store_lookup_case (store, ps_case_get_id (kase))));
  g_assert_cmpint (ps_context_get_clock_days_off (context), ==, 0);

  g_clear_object (&sync);
  g_clear_object (&context);
  g_clear_object (&store);
  ps_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The only seam for the fake timedated: GLib's own variable for the system bus. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_getenv ("DBUS_SESSION_BUS_ADDRESS"), TRUE);
  g_test_init (&argc, &argv, NULL);
  fake_timedated_start ();

  g_test_add_func ("/time-sync/vouched-absence-erases", test_vouched_absence_erases);

  return g_test_run ();
}
