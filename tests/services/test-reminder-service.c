/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reminder service end to end: a real store, a fake clock, libnotify
 * and the headless session's real notification daemon. What a reminder said
 * is read off the session bus, by a second connection that became a bus
 * monitor for Notify calls. */

#include "config.h"

#include "ps-reminder-planner.h"
#include "ps-reminder-service.h"
#include "ps-store-groups.h"
#include "ps-test-notify.h"
#include "ps-time-format.h"
#include "reminder-fixture.h"

#define NAME    "Alexandra Testname"
#define CONTACT "555-0100 ext 12"

static void
assert_no_identity (PsTestNotified *notified)
{
  g_assert_null (strstr (notified->everything, "Alexandra"));
  g_assert_null (strstr (notified->everything, "Testname"));
  g_assert_null (strstr (notified->everything, "555-0100"));
}

static void
assert_reminder_shape (PsTestNotified *notified,
                       gboolean  snooze)
{
  g_assert_true (g_strv_contains ((const char * const *)notified->action_ids, "default"));
  g_assert_true (g_strv_contains ((const char * const *)notified->action_ids, "open"));
  g_assert_cmpint (g_strv_contains ((const char * const *)notified->action_ids, "snooze"),
                   ==, snooze);
  g_assert_cmpstr (notified->desktop_entry, ==, APP_ID);
  g_assert_cmpstr (notified->category, ==, "x-peerside.reminder");
  g_assert_cmpint (notified->urgency, ==, 1);
  /* Contacts never, in any setting. */
  g_assert_null (strstr (notified->everything, "555-0100"));
}

/* The fixture ---------------------------------------------------------- */

typedef struct
{
  RemFixture         rem;
  PsReminderService *service;
  guint              seen_before;
} Fixture;

/* 2024-06-10 13:00 UTC is 14:00 in London (BST). */
static const PsTestContextOptions options = {
  .store = PS_TEST_STORE_TEST_KEY,
  .now = "2024-06-10T13:00:00Z",
  .tz = "Europe/London",
};

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  ps_test_context_set_up (&fixture->rem, &options);
  fixture->service = ps_reminder_service_new (fixture->rem.context, NULL);
  fixture->seen_before = ps_test_notify_count ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->service != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->service));
  ps_test_context_tear_down (&fixture->rem, &options);
}

/* A conversation at 14:30 London time by phone: due at 14:20 with the
 * default 10-minute lead. */
static gint64
add_conversation (Fixture         *fixture,
                  PsConversation **out)
{
  gint64 case_id = ps_case_get_id (ps_test_add_case (fixture->rem.store, NAME, "2024-06-08"));
  g_autoptr(PsConversation) conversation =
    rem_schedule (&fixture->rem, case_id, "2024-06-10T13:30:00Z", 30, PS_MODALITY_PHONE);

  if (out != NULL)
    *out = g_steal_pointer (&conversation);
  return case_id;
}

static char *
upcoming_key (PsConversation *conversation)
{
  return g_strdup_printf ("conv:%" G_GINT64_FORMAT ":upcoming:2024-06-10T13:30:00Z",
                          ps_conversation_get_id (conversation));
}

/* Tests ---------------------------------------------------------------- */

static void
test_without_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PsConversation) conversation = NULL;
  g_autofree char *key = NULL;
  PsTestNotified *notified;

  add_conversation (fixture, &conversation);
  key = upcoming_key (conversation);

  rem_set_now (&fixture->rem, "2024-06-10T13:19:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 0), ==, 0);

  rem_set_now (&fixture->rem, "2024-06-10T13:20:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);

  notified = ps_test_notify_get (fixture->seen_before);
  g_assert_cmpstr (notified->summary, ==, "Peer support conversation at 14:30");
  g_assert_cmpstr (notified->body, ==, "Phone · in 10 minutes");
  assert_reminder_shape (notified, TRUE);
  assert_no_identity (notified);

  /* Recorded, and not shown again on the next minute. */
  g_assert_true (ps_store_was_delivered (fixture->rem.store, key));
  rem_set_now (&fixture->rem, "2024-06-10T13:21:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
}

/* A group debrief at 15:00 London time, in person, with eight people:
 * reminded ten minutes before, as a conversation is, naming no one even
 * with names in notifications on; delivered once; none once held. */
static void
test_group_debrief (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = rem_utc ("2024-06-10T14:00:00Z");
  PsGroupDebriefFields fields = { at, 60, PS_MODALITY_IN_PERSON,
                                  PS_GROUP_PROMPT_CRITICAL_INCIDENT, 8, 0 };
  g_autoptr(PsGroupDebrief) debrief = NULL;
  g_autofree char *key = NULL;
  PsTestNotified *notified;

  g_settings_set_boolean (fixture->rem.settings, "names-in-notifications", TRUE);
  debrief = ps_store_schedule_group_debrief (fixture->rem.store, &fields,
                                             PS_CONVERSATION_SCHEDULED, NULL, &error);
  g_assert_no_error (error);
  key = g_strdup_printf ("group:%" G_GINT64_FORMAT ":upcoming:2024-06-10T14:00:00Z",
                         ps_group_debrief_get_id (debrief));

  rem_set_now (&fixture->rem, "2024-06-10T13:49:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  rem_set_now (&fixture->rem, "2024-06-10T13:50:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);

  notified = ps_test_notify_get (fixture->seen_before);
  g_assert_cmpstr (notified->summary, ==, "Group debrief at 15:00");
  g_assert_cmpstr (notified->body, ==, "In person · in 10 minutes");
  assert_no_identity (notified);
  g_assert_true (ps_store_was_delivered (fixture->rem.store, key));
  rem_set_now (&fixture->rem, "2024-06-10T13:51:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
}

/* The desktop on a 12-hour clock: the notification says "2:30 PM". */
static void
test_twelve_hour_clock (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSettings) desktop = g_settings_new ("org.gnome.desktop.interface");
  g_autoptr(PsConversation) conversation = NULL;
  PsTestNotified *notified;

  g_assert_true (g_settings_set_string (desktop, "clock-format", "12h"));
  g_assert_true (ps_time_format_get_twelve_hour (ps_time_format_get_default ()));
  add_conversation (fixture, &conversation);
  rem_set_now (&fixture->rem, "2024-06-10T13:20:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
  notified = ps_test_notify_get (fixture->seen_before);
  g_assert_cmpstr (notified->summary, ==, "Peer support conversation at 2:30 PM");
  g_settings_reset (desktop, "clock-format");
  g_assert_false (ps_time_format_get_twelve_hour (ps_time_format_get_default ()));
}

static void
test_with_name (Fixture       *fixture,
                gconstpointer  data)
{
  PsTestNotified *notified;

  g_settings_set_boolean (fixture->rem.settings, "names-in-notifications", TRUE);
  add_conversation (fixture, NULL);

  rem_set_now (&fixture->rem, "2024-06-10T13:20:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);

  notified = ps_test_notify_get (fixture->seen_before);
  g_assert_cmpstr (notified->summary, ==, "Peer support conversation at 14:30");
  g_assert_cmpstr (notified->body, ==, NAME " · Phone · in 10 minutes");
  assert_reminder_shape (notified, TRUE);
}

static void
test_first_contact_text (Fixture       *fixture,
                         gconstpointer  data)
{
  PsTestNotified *notified;

  /* Requested on the 8th: due on the 10th at 09:00 BST (08:00 UTC). */
  ps_case_get_id (ps_test_add_case (fixture->rem.store, NAME, "2024-06-08"));
  rem_set_now (&fixture->rem, "2024-06-10T08:00:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);

  notified = ps_test_notify_get (fixture->seen_before);
  g_assert_cmpstr (notified->summary, ==, "First contact due today");
  assert_reminder_shape (notified, TRUE);
  assert_no_identity (notified);

  rem_set_now (&fixture->rem, "2024-06-11T08:00:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 2), ==, 2);
  notified = ps_test_notify_get (fixture->seen_before + 1);
  g_assert_cmpstr (notified->summary, ==, "First contact overdue");
  assert_no_identity (notified);
}

static void
test_snooze (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PsConversation) conversation = NULL;
  g_autofree char *key = NULL;
  PsNotifier *notifier = ps_reminder_service_get_notifier (fixture->service);
  PsTestNotified *again;

  add_conversation (fixture, &conversation);
  key = upcoming_key (conversation);

  rem_set_now (&fixture->rem, "2024-06-10T13:20:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);

  /* "Snooze 10 minutes", as the notification's button does it. */
  g_assert_true (ps_notifier_activate (notifier, key, "snooze"));

  rem_set_now (&fixture->rem, "2024-06-10T13:29:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);

  rem_set_now (&fixture->rem, "2024-06-10T13:30:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 2), ==, 2);
  again = ps_test_notify_get (fixture->seen_before + 1);
  g_assert_cmpstr (again->summary, ==, "Peer support conversation at 14:30");
  g_assert_cmpstr (again->body, ==, "Phone · now");
  assert_reminder_shape (again, TRUE);
  assert_no_identity (again);

  /* Once. */
  rem_set_now (&fixture->rem, "2024-06-10T13:41:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 2), ==, 2);
}

/* Snoozed, then Peerside stopped before the ten minutes were up: the next
 * start shows it again, once, rather than never. */
static void
test_snooze_survives_restart (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PsConversation) conversation = NULL;
  g_autofree char *key = NULL;
  PsNotifier *notifier = ps_reminder_service_get_notifier (fixture->service);

  add_conversation (fixture, &conversation);
  key = upcoming_key (conversation);
  g_clear_object (&conversation);

  rem_set_now (&fixture->rem, "2024-06-10T13:20:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
  g_assert_true (ps_notifier_activate (notifier, key, "snooze"));

  /* Not shown again by this process before its time. */
  rem_set_now (&fixture->rem, "2024-06-10T13:24:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&fixture->service));
  ps_test_context_restart (&fixture->rem);
  g_assert_false (ps_store_was_delivered (fixture->rem.store, key));

  fixture->service = ps_reminder_service_new (fixture->rem.context, NULL);
  rem_set_now (&fixture->rem, "2024-06-10T13:25:00Z");
  ps_reminder_service_start (fixture->service);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 2), ==, 2);
  g_assert_true (ps_store_was_delivered (fixture->rem.store, key));

  /* Once. */
  rem_set_now (&fixture->rem, "2024-06-10T13:26:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 2), ==, 2);
}

static void
open_case_cb (PsReminderService *service,
              gint64             case_id,
              gpointer           user_data)
{
  *(gint64 *)user_data = case_id;
}

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PsConversation) conversation = NULL;
  g_autofree char *key = NULL;
  PsNotifier *notifier = ps_reminder_service_get_notifier (fixture->service);
  gint64 opened = -1;
  gint64 case_id;

  case_id = add_conversation (fixture, &conversation);
  key = upcoming_key (conversation);
  g_signal_connect (fixture->service, "open-case", G_CALLBACK (open_case_cb), &opened);

  rem_set_now (&fixture->rem, "2024-06-10T13:20:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_notifier_get_n_shown (notifier), ==, 1);
  g_assert_true (ps_notifier_activate (notifier, key, "default"));
  g_assert_cmpint (opened, ==, case_id);
  g_assert_cmpuint (ps_notifier_get_n_shown (notifier), ==, 0);
}

/* A restart: another service on the store opened again from its file. */
static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PsConversation) conversation = NULL;
  g_autofree char *key = NULL;

  add_conversation (fixture, &conversation);
  key = upcoming_key (conversation);
  g_clear_object (&conversation);

  rem_set_now (&fixture->rem, "2024-06-10T13:20:30Z");
  ps_reminder_service_start (fixture->service);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&fixture->service));
  ps_test_context_restart (&fixture->rem);
  g_assert_true (ps_store_was_delivered (fixture->rem.store, key));

  fixture->service = ps_reminder_service_new (fixture->rem.context, NULL);
  rem_set_now (&fixture->rem, "2024-06-10T13:21:00Z");
  ps_reminder_service_start (fixture->service);
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
}

/* Fell due while no Peerside ran: shown once at start. */
static void
test_missed_at_start (Fixture       *fixture,
                      gconstpointer  data)
{
  PsTestNotified *notified;

  add_conversation (fixture, NULL);
  /* 14:22 local: due two minutes ago, with nobody running. */
  rem_set_now (&fixture->rem, "2024-06-10T13:22:00Z");

  ps_reminder_service_start (fixture->service);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
  notified = ps_test_notify_get (fixture->seen_before);
  g_assert_cmpstr (notified->summary, ==, "Peer support conversation at 14:30");
  g_assert_cmpstr (notified->body, ==, "Phone · in 8 minutes");

  /* The clock moving on runs a check: nothing new. */
  rem_set_now (&fixture->rem, "2024-06-10T13:23:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  PsTestNotified *notified;

  /* Four colleagues requested support on the 1st: all overdue by the 10th. */
  for (guint i = 0; i < 4; i++)
    ps_case_get_id (ps_test_add_case (fixture->rem.store, NAME, "2024-06-01"));

  ps_reminder_service_start (fixture->service);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
  notified = ps_test_notify_get (fixture->seen_before);
  g_assert_cmpstr (notified->summary, ==, "4 peer support reminders");
  assert_reminder_shape (notified, FALSE);
  assert_no_identity (notified);

  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
}

/* Locked (store closed): due reminders of the last plan still come, with no
 * name even when names are on, and are recorded only when the store is back. */
static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PsConversation) conversation = NULL;
  g_autofree char *key = NULL;
  PsTestNotified *notified;

  g_settings_set_boolean (fixture->rem.settings, "names-in-notifications", TRUE);
  add_conversation (fixture, &conversation);
  key = upcoming_key (conversation);

  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  ps_context_close (fixture->rem.context, PS_CONTEXT_LOCKED);
  g_assert_null (ps_context_get_store (fixture->rem.context));

  rem_set_now (&fixture->rem, "2024-06-10T13:20:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 1);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
  notified = ps_test_notify_get (fixture->seen_before);
  g_assert_cmpstr (notified->body, ==, "Phone · in 10 minutes");
  assert_no_identity (notified);
  g_assert_false (ps_store_was_delivered (fixture->rem.store, key));

  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
}

/* The zone changes while running (as after /etc/localtime changed and the
 * clock was told): the clock's signal re-checks, and 09:00 is the new zone's. */
static void
test_timezone_change (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GTimeZone) vancouver = g_time_zone_new_identifier ("America/Vancouver");
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  PsTestNotified *notified;

  /* Requested on the 8th: due on the 10th at 09:00 local. 08:30 UTC is
   * 01:30 in Vancouver (not yet due) and 09:30 in London (due). */
  ps_case_get_id (ps_test_add_case (fixture->rem.store, NAME, "2024-06-08"));
  rem_set_now (&fixture->rem, "2024-06-10T08:30:00Z");
  ps_clock_set_timezone (fixture->rem.clock, vancouver);

  ps_reminder_service_start (fixture->service);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 0), ==, 0);

  ps_clock_set_timezone (fixture->rem.clock, london);
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
  notified = ps_test_notify_get (fixture->seen_before);
  g_assert_cmpstr (notified->summary, ==, "First contact due today");

  /* And back: the same day's reminder is not shown again. */
  ps_clock_set_timezone (fixture->rem.clock, vancouver);
  rem_set_now (&fixture->rem, "2024-06-10T16:00:00Z");
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 1), ==, 1);
}

static void
test_disabled (Fixture       *fixture,
               gconstpointer  data)
{
  add_conversation (fixture, NULL);
  g_settings_set_boolean (fixture->rem.settings, "reminders-enabled", FALSE);

  rem_set_now (&fixture->rem, "2024-06-10T13:20:00Z");
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_null (ps_reminder_service_get_next_due (fixture->service));
  g_assert_cmpuint (ps_test_notify_wait (fixture->seen_before, 0), ==, 0);
}

static void
test_next_due (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *iso = NULL;

  add_conversation (fixture, NULL);
  g_assert_cmpuint (ps_reminder_service_check (fixture->service), ==, 0);
  g_assert_nonnull (ps_reminder_service_get_next_due (fixture->service));
  iso = rem_iso (ps_reminder_service_get_next_due (fixture->service));
  g_assert_cmpstr (iso, ==, "2024-06-10T13:20:00Z");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run through build-aux/test.sh");
      return g_test_run ();
    }
  ps_test_notify_start ();

#define ADD(path, func) \
  g_test_add ("/reminders/service/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("without-name", test_without_name);
  ADD ("with-name", test_with_name);
  ADD ("twelve-hour-clock", test_twelve_hour_clock);
  ADD ("group-debrief", test_group_debrief);
  ADD ("first-contact-text", test_first_contact_text);
  ADD ("snooze", test_snooze);
  ADD ("snooze-survives-restart", test_snooze_survives_restart);
  ADD ("open", test_open);
  ADD ("restart-delivers-once", test_restart);
  ADD ("missed-at-start", test_missed_at_start);
  ADD ("summary-above-three", test_summary);
  ADD ("locked-without-names", test_locked);
  ADD ("timezone-change", test_timezone_change);
  ADD ("disabled", test_disabled);
  ADD ("next-due", test_next_due);
#undef ADD

  return g_test_run ();
}
