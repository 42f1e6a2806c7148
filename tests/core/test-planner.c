/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reminder planner against a real store and a fake clock: due times
 * across daylight-saving changes, a change of time zone, the stable keys. */

#include "config.h"

#include <string.h>

#include "ps-group-debrief.h"
#include "ps-reminder-planner.h"
#include "reminder-fixture.h"

static GPtrArray *
plan_in (RemFixture  *fixture,
         const char  *now_iso,
         GTimeZone   *tz,
         GDateTime  **next_due)
{
  g_autoptr(GDateTime) now = rem_utc (now_iso);
  g_autoptr(GDateTime) from = rem_utc ("2000-01-01T00:00:00Z");
  g_autoptr(GDateTime) to = rem_utc ("2100-01-01T00:00:00Z");
  g_autoptr(GListModel) conversations = NULL;
  PsReminderSettings settings;

  ps_reminder_settings_init (&settings);
  conversations = ps_store_list_conversations_between (fixture->store, from, to);
  return ps_reminder_planner_plan (ps_store_get_open_cases (fixture->store), conversations,
                                   NULL, now, tz, &settings, next_due);
}

/* Replaces @plan with the one made at @now_iso in the clock's zone. */
static void
plan_at (GPtrArray  **plan,
         RemFixture  *fixture,
         const char  *now_iso)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (fixture->clock);

  g_clear_pointer (plan, g_ptr_array_unref);
  *plan = plan_in (fixture, now_iso, tz, NULL);
}

/* The same, and what of it is due at that instant. */
static GPtrArray *
due_at (GPtrArray  **plan,
        RemFixture  *fixture,
        const char  *now_iso)
{
  g_autoptr(GDateTime) now = rem_utc (now_iso);

  plan_at (plan, fixture, now_iso);
  return ps_reminder_planner_filter_due (*plan, now);
}

static PsReminder *
find (GPtrArray      *plan,
      PsReminderKind  kind,
      gint64          case_id)
{
  for (guint i = 0; i < plan->len; i++)
    {
      PsReminder *reminder = g_ptr_array_index (plan, i);

      if (ps_reminder_get_kind (reminder) == kind && ps_reminder_get_case_id (reminder) == case_id)
        return reminder;
    }
  return NULL;
}

static void
assert_due (PsReminder *reminder,
            const char *utc_iso,
            GTimeZone  *tz,
            const char *local_hhmm)
{
  g_autofree char *iso = NULL;
  g_autofree char *hhmm = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_assert_nonnull (reminder);
  iso = rem_iso (ps_reminder_get_due_at (reminder));
  g_assert_cmpstr (iso, ==, utc_iso);
  g_assert_cmpint (g_date_time_get_utc_offset (ps_reminder_get_due_at (reminder)), ==, 0);

  local = g_date_time_to_timezone (ps_reminder_get_due_at (reminder), tz);
  hhmm = g_date_time_format (local, "%H:%M");
  g_assert_cmpstr (hhmm, ==, local_hhmm);
}

/* One daylight-saving change: first contacts due the day before and the day
 * of the change, conversations the day before and the day after. */
typedef struct
{
  const char *tz;
  const char *now;
  const char *requested_before;
  const char *due_before;        /* 09:00 local, old offset */
  const char *requested_after;
  const char *due_after;         /* 09:00 local, new offset */
  const char *conversation_before;
  const char *remind_before;     /* 09:20 local */
  const char *conversation_after;
  const char *remind_after;      /* 09:20 local */
  int         hours_between;     /* due_after − due_before: 23 or 25 */
} DstCase;

static const DstCase dst_cases[] = {
  { "America/Vancouver", "2024-03-08T20:00:00Z",
    "2024-03-07", "2024-03-09T17:00:00Z", "2024-03-08", "2024-03-10T16:00:00Z",
    "2024-03-09T17:30:00Z", "2024-03-09T17:20:00Z", "2024-03-11T16:30:00Z", "2024-03-11T16:20:00Z",
    23 },
  { "America/Vancouver", "2024-11-01T20:00:00Z",
    "2024-10-31", "2024-11-02T16:00:00Z", "2024-11-01", "2024-11-03T17:00:00Z",
    "2024-11-02T16:30:00Z", "2024-11-02T16:20:00Z", "2024-11-04T17:30:00Z", "2024-11-04T17:20:00Z",
    25 },
  { "Europe/London", "2024-03-29T12:00:00Z",
    "2024-03-28", "2024-03-30T09:00:00Z", "2024-03-29", "2024-03-31T08:00:00Z",
    "2024-03-30T09:30:00Z", "2024-03-30T09:20:00Z", "2024-04-01T08:30:00Z", "2024-04-01T08:20:00Z",
    23 },
  { "Europe/London", "2024-10-25T12:00:00Z",
    "2024-10-24", "2024-10-26T08:00:00Z", "2024-10-25", "2024-10-27T09:00:00Z",
    "2024-10-26T08:30:00Z", "2024-10-26T08:20:00Z", "2024-10-28T09:30:00Z", "2024-10-28T09:20:00Z",
    25 },
};

static void
test_dst (gconstpointer data)
{
  const DstCase *dst = data;
  RemFixture fixture = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (dst->tz);
  g_autoptr(PsConversation) before = NULL;
  g_autoptr(PsConversation) after = NULL;
  g_autoptr(GDateTime) just_before = NULL;
  PsReminder *due_before, *due_after, *remind_after = NULL;
  gint64 case_before, case_after, talking;

  rem_fixture_setup (&fixture, dst->now, dst->tz);
  case_before = ps_case_get_id (ps_test_add_case (fixture.store, "Robin Beforechange", dst->requested_before));
  case_after = ps_case_get_id (ps_test_add_case (fixture.store, "Sam Afterchange", dst->requested_after));
  talking = ps_case_get_id (ps_test_add_case (fixture.store, "Kim Talking", dst->requested_before));
  before = rem_schedule (&fixture, talking, dst->conversation_before, 30, PS_MODALITY_PHONE);
  after = rem_schedule (&fixture, talking, dst->conversation_after, 30, PS_MODALITY_VIDEO);

  plan_at (&plan, &fixture, dst->now);

  due_before = find (plan, PS_REMINDER_FIRST_CONTACT_DUE, case_before);
  due_after = find (plan, PS_REMINDER_FIRST_CONTACT_DUE, case_after);
  assert_due (due_before, dst->due_before, tz, "09:00");
  assert_due (due_after, dst->due_after, tz, "09:00");
  g_assert_cmpint (g_date_time_difference (ps_reminder_get_due_at (due_after),
                                           ps_reminder_get_due_at (due_before)),
                   ==, dst->hours_between * G_TIME_SPAN_HOUR);

  for (guint i = 0; i < plan->len; i++)
    {
      PsReminder *reminder = g_ptr_array_index (plan, i);

      if (ps_reminder_get_conversation_id (reminder) == ps_conversation_get_id (after))
        remind_after = reminder;
      else if (ps_reminder_get_conversation_id (reminder) == ps_conversation_get_id (before))
        assert_due (reminder, dst->remind_before, tz, "09:20");
    }
  assert_due (remind_after, dst->remind_after, tz, "09:20");
  g_assert_cmpint (ps_reminder_get_kind (remind_after), ==, PS_REMINDER_CONVERSATION_UPCOMING);
  g_assert_cmpint (ps_reminder_get_modality (remind_after), ==, PS_MODALITY_VIDEO);

  /* Due at its instant, not a second before. */
  just_before = g_date_time_add_seconds (ps_reminder_get_due_at (remind_after), -1);
  g_assert_false (ps_reminder_is_due (remind_after, just_before));
  g_assert_true (ps_reminder_is_due (remind_after, ps_reminder_get_due_at (remind_after)));

  {
    /* Planned again at that instant: it is among the due ones. */
    g_autoptr(GPtrArray) due = due_at (&plan, &fixture, dst->remind_after);

    g_assert_nonnull (find (due, PS_REMINDER_CONVERSATION_UPCOMING, talking));
  }

  g_clear_object (&before);
  g_clear_object (&after);
  ps_test_context_tear_down (&fixture, NULL);
}

/* The zone changes while Peerside runs: 09:00 follows the new zone, and the
 * key (the local day) stays, so the reminder is not shown a second time. */
static void
test_timezone_change (void)
{
  RemFixture fixture = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GTimeZone) vancouver = NULL;
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autofree char *key = NULL;
  g_autofree char *expected = NULL;
  PsReminder *reminder;
  gint64 case_id;

  rem_fixture_setup (&fixture, "2024-06-01T18:00:00Z", "America/Vancouver");
  case_id = ps_case_get_id (ps_test_add_case (fixture.store, "Ari Moving", "2024-06-01"));

  vancouver = ps_clock_get_timezone (fixture.clock);
  plan = plan_in (&fixture, "2024-06-01T18:00:00Z", vancouver, NULL);
  reminder = find (plan, PS_REMINDER_FIRST_CONTACT_DUE, case_id);
  assert_due (reminder, "2024-06-03T16:00:00Z", vancouver, "09:00");
  key = g_strdup (ps_reminder_get_key (reminder));
  expected = g_strdup_printf ("case:%" G_GINT64_FORMAT ":first-contact-due:2024-06-03", case_id);
  g_assert_cmpstr (key, ==, expected);

  /* The clock hears of the new zone (as after tzset()); plan again. */
  ps_clock_set_timezone (fixture.clock, london);
  g_clear_pointer (&plan, g_ptr_array_unref);
  {
    g_autoptr(GTimeZone) now_tz = ps_clock_get_timezone (fixture.clock);

    plan = plan_in (&fixture, "2024-06-01T18:00:00Z", now_tz, NULL);
  }
  reminder = find (plan, PS_REMINDER_FIRST_CONTACT_DUE, case_id);
  assert_due (reminder, "2024-06-03T08:00:00Z", london, "09:00");
  g_assert_cmpstr (ps_reminder_get_key (reminder), ==, key);

  ps_test_context_tear_down (&fixture, NULL);
}

static void
test_keys_and_states (void)
{
  RemFixture fixture = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(PsConversation) conversation = NULL;
  g_autoptr(PsConversation) cancelled = NULL;
  g_autoptr(GDateTime) later = rem_utc ("2024-11-21T15:00:00Z");
  g_autoptr(GDateTime) next_due = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *first_key = NULL;
  PsReminder *reminder;
  gint64 case_id, other;
  GDate today;

  rem_fixture_setup (&fixture, "2024-11-21T12:00:00Z", "Etc/UTC");
  case_id = ps_case_get_id (ps_test_add_case (fixture.store, "Lee Keys", "2024-11-19"));
  other = ps_case_get_id (ps_test_add_case (fixture.store, "Max Closed", "2024-11-19"));
  conversation = rem_schedule (&fixture, case_id, "2024-11-21T14:30:00Z", 30, PS_MODALITY_PHONE);
  cancelled = rem_schedule (&fixture, case_id, "2024-11-22T14:30:00Z", 30, PS_MODALITY_PHONE);
  g_assert_true (ps_store_set_conversation_state (fixture.store, ps_conversation_get_id (cancelled),
                                                  PS_CONVERSATION_CANCELLED, &error));
  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 21, 11, 2024);
  g_assert_true (ps_store_close_case (fixture.store, other, PS_CLOSURE_DECLINED, &today, &error));
  g_assert_no_error (error);

  plan = plan_in (&fixture, "2024-11-21T12:00:00Z", utc, &next_due);
  expected = g_strdup_printf ("conv:%" G_GINT64_FORMAT ":upcoming:2024-11-21T14:30:00Z",
                              ps_conversation_get_id (conversation));
  /* One upcoming conversation; the cancelled one and the closed case have none. */
  g_assert_cmpuint (plan->len, ==, 1);
  reminder = g_ptr_array_index (plan, 0);
  g_assert_cmpstr (ps_reminder_get_key (reminder), ==, expected);
  g_assert_cmpint (ps_reminder_get_case_id (reminder), ==, case_id);
  g_assert_nonnull (next_due);
  g_assert_true (g_date_time_equal (next_due, ps_reminder_get_due_at (reminder)));
  first_key = g_strdup (expected);

  /* Rescheduled: a new reminder, under a new key. */
  g_assert_true (ps_store_reschedule_conversation (fixture.store,
                                                   ps_conversation_get_id (conversation),
                                                   later, 30, PS_MODALITY_PHONE, &error));
  g_assert_no_error (error);
  plan_at (&plan, &fixture, "2024-11-21T12:00:00Z");
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpstr (ps_reminder_get_key (g_ptr_array_index (plan, 0)), !=, first_key);
  g_assert_true (g_str_has_suffix (ps_reminder_get_key (g_ptr_array_index (plan, 0)),
                                   ":upcoming:2024-11-21T15:00:00Z"));

  /* Once the conversation is over, no reminder is left for it. */
  plan_at (&plan, &fixture, "2024-11-21T15:30:00Z");
  g_assert_cmpuint (plan->len, ==, 0);

  ps_test_context_tear_down (&fixture, NULL);
}

static void
test_first_contact (void)
{
  RemFixture fixture = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GDateTime) reached = rem_utc ("2024-05-06T10:00:00Z");
  g_autoptr(GError) error = NULL;
  gint64 case_id;

  rem_fixture_setup (&fixture, "2024-05-03T12:00:00Z", "Europe/London");
  case_id = ps_case_get_id (ps_test_add_case (fixture.store, "Noa Waiting", "2024-05-03"));

  /* Due on the 5th at 09:00 BST, overdue on the 6th. */
  due = due_at (&plan, &fixture, "2024-05-05T07:59:00Z");
  g_assert_cmpuint (due->len, ==, 0);
  g_assert_nonnull (find (plan, PS_REMINDER_FIRST_CONTACT_DUE, case_id));
  g_assert_nonnull (find (plan, PS_REMINDER_FIRST_CONTACT_OVERDUE, case_id));

  g_clear_pointer (&due, g_ptr_array_unref);
  due = due_at (&plan, &fixture, "2024-05-05T08:00:00Z");
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (ps_reminder_get_kind (g_ptr_array_index (due, 0)), ==,
                   PS_REMINDER_FIRST_CONTACT_DUE);

  /* Stopped for two days: only "overdue" is left to show, not both. */
  g_clear_pointer (&due, g_ptr_array_unref);
  due = due_at (&plan, &fixture, "2024-05-07T12:00:00Z");
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (ps_reminder_get_kind (g_ptr_array_index (due, 0)), ==,
                   PS_REMINDER_FIRST_CONTACT_OVERDUE);

  /* Reached: no first-contact reminder any more. (An attempt is logged
   * at or before the store's now.) */
  rem_set_now (&fixture, "2024-05-07T12:00:00Z");
  g_assert_true (ps_store_log_contact_attempt (fixture.store, case_id, reached,
                                               PS_CONTACT_REACHED, &error));
  g_assert_no_error (error);
  plan_at (&plan, &fixture, "2024-05-07T12:00:00Z");
  g_assert_null (find (plan, PS_REMINDER_FIRST_CONTACT_DUE, case_id));
  g_assert_null (find (plan, PS_REMINDER_FIRST_CONTACT_OVERDUE, case_id));

  ps_test_context_tear_down (&fixture, NULL);
}

/* Sets @fixture up in Vancouver with Quinn's case, a conversation held on
 * 2024-05-01 at 10:00 and nothing planned; returns the case's id. */
static gint64
setup_held (RemFixture *fixture)
{
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(GError) error = NULL;
  gint64 case_id;

  rem_fixture_setup (fixture, "2024-05-01T20:00:00Z", "America/Vancouver");
  case_id = ps_case_get_id (ps_test_add_case (fixture->store, "Quinn Support", "2024-04-29"));
  held = rem_schedule (fixture, case_id, "2024-05-01T17:00:00Z", 30, PS_MODALITY_IN_PERSON);
  g_assert_true (ps_store_set_conversation_state (fixture->store, ps_conversation_get_id (held),
                                                  PS_CONVERSATION_COMPLETED, &error));
  g_assert_no_error (error);
  return case_id;
}

/* In support with nothing scheduled: one nudge, the morning a week after the
 * last conversation; none while something is scheduled. */
static void
test_nudge (void)
{
  RemFixture fixture = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(PsConversation) next = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Vancouver");
  g_autofree char *key = NULL;
  PsReminder *nudge;
  gint64 case_id;

  case_id = setup_held (&fixture);

  plan_at (&plan, &fixture, "2024-05-02T20:00:00Z");
  nudge = find (plan, PS_REMINDER_NO_CONVERSATION_PLANNED, case_id);
  /* Last talk 2024-05-01 (local); nudge 2024-05-08 09:00 PDT. */
  assert_due (nudge, "2024-05-08T16:00:00Z", tz, "09:00");
  key = g_strdup_printf ("case:%" G_GINT64_FORMAT ":nudge:2024-05-08", case_id);
  g_assert_cmpstr (ps_reminder_get_key (nudge), ==, key);

  next = rem_schedule (&fixture, case_id, "2024-05-09T17:00:00Z", 30, PS_MODALITY_PHONE);
  plan_at (&plan, &fixture, "2024-05-02T20:00:00Z");
  g_assert_null (find (plan, PS_REMINDER_NO_CONVERSATION_PLANNED, case_id));

  ps_test_context_tear_down (&fixture, NULL);
}

/* The same nudge from the store's last-held times alone, as the service
 * plans it: no conversation object per case. */
static void
test_nudge_from_last_held (void)
{
  RemFixture fixture = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GArray) last_held = NULL;
  g_autoptr(GDateTime) now = rem_utc ("2024-05-02T20:00:00Z");
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Vancouver");
  PsReminderSettings settings;
  gint64 case_id;

  case_id = setup_held (&fixture);

  ps_reminder_settings_init (&settings);
  last_held = ps_store_list_last_held (fixture.store, now);
  g_assert_cmpuint (last_held->len, ==, 1);
  plan = ps_reminder_planner_plan (ps_store_get_open_cases (fixture.store), NULL, last_held,
                                   now, tz, &settings, NULL);
  assert_due (find (plan, PS_REMINDER_NO_CONVERSATION_PLANNED, case_id),
              "2024-05-08T16:00:00Z", tz, "09:00");

  /* Held only after "now": not yet the last one held. */
  g_clear_pointer (&last_held, g_array_unref);
  g_clear_pointer (&now, g_date_time_unref);
  now = rem_utc ("2024-05-01T16:00:00Z");
  last_held = ps_store_list_last_held (fixture.store, now);
  g_assert_cmpuint (last_held->len, ==, 0);

  ps_test_context_tear_down (&fixture, NULL);
}

/* A held conversation that raised a safety concern with nothing planned
 * after it: a reminder the next morning, naming no one unless asked to;
 * none once a follow-up is planned, or once the case is closed. */
static void
test_safety_follow_up (void)
{
  RemFixture fixture = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(PsConversation) follow_up = NULL;
  g_autoptr(GDateTime) at = rem_utc ("2024-05-01T17:00:00Z");
  g_autoptr(GDateTime) now = rem_utc ("2024-05-02T20:00:00Z");
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Vancouver");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *named_title = NULL;
  g_autofree char *named_body = NULL;
  const char * const steps[] = { "safety.ask-directly", NULL };
  PsReminder *reminder;
  gint64 case_id;

  rem_fixture_setup (&fixture, "2024-05-01T20:00:00Z", "America/Vancouver");
  case_id = ps_case_get_id (ps_test_add_case (fixture.store, "Quinn Support", "2024-04-29"));
  held = ps_store_add_held_conversation (fixture.store, case_id, at, 30, PS_MODALITY_PHONE,
                                         steps, TRUE, &error);
  g_assert_no_error (error);

  plan_at (&plan, &fixture, "2024-05-02T20:00:00Z");
  reminder = find (plan, PS_REMINDER_SAFETY_FOLLOW_UP, case_id);
  /* Raised 2024-05-01 (local): reminded 2024-05-02 09:00 PDT. */
  assert_due (reminder, "2024-05-02T16:00:00Z", tz, "09:00");
  key = g_strdup_printf ("case:%" G_GINT64_FORMAT ":safety-follow-up:2024-05-02", case_id);
  g_assert_cmpstr (ps_reminder_get_key (reminder), ==, key);
  ps_reminder_format (reminder, now, tz, NULL, &title, &body);
  g_assert_cmpstr (title, ==, "Safety concern: plan a follow-up");
  g_assert_cmpstr (body, ==, "A conversation raised a safety concern and no follow-up is planned.");
  ps_reminder_format (reminder, now, tz, "Quinn Support", &named_title, &named_body);
  g_assert_nonnull (strstr (named_body, "Quinn Support"));

  /* A follow-up planned: no reminder. */
  follow_up = rem_schedule (&fixture, case_id, "2024-05-03T17:00:00Z", 30, PS_MODALITY_PHONE);
  plan_at (&plan, &fixture, "2024-05-02T20:00:00Z");
  g_assert_null (find (plan, PS_REMINDER_SAFETY_FOLLOW_UP, case_id));

  /* Cancelled again, the reminder is back; closing ends it. */
  g_assert_true (ps_store_set_conversation_state (fixture.store, ps_conversation_get_id (follow_up),
                                                  PS_CONVERSATION_CANCELLED, &error));
  plan_at (&plan, &fixture, "2024-05-02T20:00:00Z");
  g_assert_nonnull (find (plan, PS_REMINDER_SAFETY_FOLLOW_UP, case_id));
  g_assert_true (ps_store_close_case (fixture.store, case_id, PS_CLOSURE_COMPLETED, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ps_case_get_safety_concern (ps_store_lookup_case (fixture.store, case_id)));
  plan_at (&plan, &fixture, "2024-05-02T20:00:00Z");
  g_assert_null (find (plan, PS_REMINDER_SAFETY_FOLLOW_UP, case_id));

  ps_test_context_tear_down (&fixture, NULL);
}

static void
append_debrief (GListStore                 *store,
                gint64                      id,
                const PsGroupDebriefFields *fields,
                PsConversationState         state)
{
  g_autoptr(PsGroupDebrief) debrief = ps_group_debrief_new (id, fields, state, 1, NULL);

  g_list_store_append (store, debrief);
}

/* A group debrief is reminded of the lead time before, as a conversation
 * is, without a case; once held, or over, it is not. */
static void
test_group_debriefs (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = rem_utc ("2024-03-12T13:00:00Z");
  g_autoptr(GDateTime) start = rem_utc ("2024-03-12T15:00:00Z");
  g_autoptr(GDateTime) past = rem_utc ("2024-03-12T10:00:00Z");
  g_autoptr(GListStore) debriefs = g_list_store_new (PS_TYPE_GROUP_DEBRIEF);
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) next_due = NULL;
  g_autoptr(GDateTime) expected = rem_utc ("2024-03-12T14:50:00Z");
  PsGroupDebriefFields fields = { start, 60, PS_MODALITY_IN_PERSON,
                                  PS_GROUP_PROMPT_CRITICAL_INCIDENT, 9, 0 };
  PsReminderSettings settings;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  PsReminder *reminder;

  ps_reminder_settings_init (&settings);
  append_debrief (debriefs, 1, &fields, PS_CONVERSATION_SCHEDULED);
  append_debrief (debriefs, 2, &fields, PS_CONVERSATION_COMPLETED);
  fields.starts_at = past;
  append_debrief (debriefs, 3, &fields, PS_CONVERSATION_SCHEDULED);

  ps_reminder_planner_add_group_debriefs (plan, G_LIST_MODEL (debriefs), now, &settings, &next_due);
  g_assert_cmpuint (plan->len, ==, 1);
  reminder = g_ptr_array_index (plan, 0);
  g_assert_cmpint (ps_reminder_get_kind (reminder), ==, PS_REMINDER_GROUP_DEBRIEF_UPCOMING);
  g_assert_cmpint (ps_reminder_get_case_id (reminder), ==, 0);
  g_assert_cmpstr (ps_reminder_get_key (reminder), ==, "group:1:upcoming:2024-03-12T15:00:00Z");
  g_assert_true (g_date_time_equal (ps_reminder_get_due_at (reminder), expected));
  g_assert_true (g_date_time_equal (next_due, expected));

  ps_reminder_format (reminder, now, utc, NULL, &title, &body);
  g_assert_cmpstr (title, ==, "Group debrief at 15:00");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dst_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/reminders/planner/dst/%s/%s",
                                               dst_cases[i].tz,
                                               i % 2 == 0 ? "spring" : "autumn");

      g_test_add_data_func (path, &dst_cases[i], test_dst);
    }
  g_test_add_func ("/reminders/planner/timezone-change", test_timezone_change);
  g_test_add_func ("/reminders/planner/keys-and-states", test_keys_and_states);
  g_test_add_func ("/reminders/planner/first-contact", test_first_contact);
  g_test_add_func ("/reminders/planner/nudge", test_nudge);
  g_test_add_func ("/reminders/planner/safety-follow-up", test_safety_follow_up);
  g_test_add_func ("/reminders/planner/group-debriefs", test_group_debriefs);
  g_test_add_func ("/reminders/planner/nudge-from-last-held", test_nudge_from_last_held);

  return g_test_run ();
}
