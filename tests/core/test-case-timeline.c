/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A case's timeline at each boundary a supporter would notice: the local
 * midnight a due day starts, a daylight-saving change, the due and overdue
 * days, a conversation's start (not ten minutes before) and its end. Cases
 * and conversations come from a real SQLCipher store; only the clock is
 * fake, in Europe/Paris. */

#include "config.h"

#include "ps-case-timeline.h"
#include "ps-test-util.h"

typedef struct
{
  char    *dir;
  PsStore *store;
  PsClock *clock;
  int      due_days;
  int      overdue_days;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");

  g_assert_nonnull (paris);
  f->store = ps_test_new_store (&f->dir);
  f->clock = ps_store_get_clock (f->store);
  ps_clock_set_timezone (f->clock, paris);
  /* Requests in the past: each test sets its own now once they are made. */
  {
    g_autoptr(GDateTime) later = g_date_time_new (paris, 2026, 1, 5, 12, 0, 0);

    ps_clock_set_now (f->clock, later);
  }
  f->due_days = 2;
  f->overdue_days = 3;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  ps_remove_tree (f->dir);
  g_free (f->dir);
}

/* Paris wall-clock time. */
static GDateTime *
paris (int year,
       int month,
       int day,
       int hour,
       int minute,
       int second)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");

  return g_date_time_new (tz, year, month, day, hour, minute, second);
}

static void
set_now (Fixture *f,
         int      year,
         int      month,
         int      day,
         int      hour,
         int      minute,
         int      second)
{
  g_autoptr(GDateTime) now = paris (year, month, day, hour, minute, second);

  ps_clock_set_now (f->clock, now);
}

/* Requested on @year-@month-@day. */
static PsCase *
add_case (Fixture    *f,
          const char *name,
          int         year,
          int         month,
          int         day)
{
  g_autofree char *on = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

  return ps_test_add_case (f->store, name, on);
}

static PsConversation *
plan (Fixture *f,
      PsCase  *kase,
      int      year,
      int      month,
      int      day,
      int      hour,
      int      minute,
      guint    minutes)
{
  g_autoptr(GDateTime) at = paris (year, month, day, hour, minute, 0);
  g_autoptr(GError) error = NULL;
  PsConversation *conversation;

  conversation = ps_store_schedule_conversation (f->store, ps_case_get_id (kase), at, minutes,
                                                 PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  return conversation;
}

/* @kase's timeline at the clock's now. */
static PsCaseTimeline
timeline_of (Fixture *f,
             PsCase  *kase)
{
  g_autoptr(GDateTime) now_local = ps_clock_get_now_local (f->clock);
  PsTimelineNow now;
  PsCaseTimeline timeline;

  ps_timeline_now_init (&now, now_local, f->due_days, f->overdue_days);
  ps_case_timeline_init (&timeline, kase, &now);
  return timeline;
}

static PsTiming
timing_of (Fixture        *f,
           PsConversation *conversation)
{
  g_autoptr(GDateTime) now_local = ps_clock_get_now_local (f->clock);
  PsTimelineNow now;

  ps_timeline_now_init (&now, now_local, f->due_days, f->overdue_days);
  return ps_timeline_conversation_timing (&now, conversation);
}

static void
assert_day (const GDate *date,
            int          year,
            int          month,
            int          day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_year (date), ==, year);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_day (date), ==, day);
}

static void
assert_morning (const GDate *day,
                const char  *utc)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) morning = ps_timeline_morning (day, 0, tz);
  g_autofree char *iso = g_date_time_format_iso8601 (morning);

  g_assert_cmpstr (iso, ==, utc);
}

/* A due day starts at the local midnight, not at 09:00 and not a day of
 * UTC: one second before it, the case is due tomorrow. */
static void
test_midnight (Fixture       *f,
               gconstpointer  data)
{
  PsCase *kase = add_case (f, "Dr. Ada Placeholder", 2024, 11, 16);   /* due 18th, overdue 19th */
  PsCaseTimeline t;

  set_now (f, 2024, 11, 17, 23, 59, 59);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.state, ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
  assert_day (&t.due_on, 2024, 11, 18);
  assert_day (&t.overdue_on, 2024, 11, 19);
  g_assert_cmpint (t.days_to_due, ==, 1);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_DUE_SOON);

  set_now (f, 2024, 11, 18, 0, 0, 0);   /* 2024-11-17T23:00:00Z */
  t = timeline_of (f, kase);
  g_assert_cmpint (t.days_to_due, ==, 0);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_DUE_SOON);

  set_now (f, 2024, 11, 18, 23, 59, 59);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_DUE_SOON);

  /* Overdue from the midnight starting the overdue day, not from 09:00. */
  set_now (f, 2024, 11, 19, 0, 0, 0);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.days_to_due, ==, -1);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_OVERDUE);
  assert_morning (&t.due_on, "2024-11-18T08:00:00Z");
  assert_morning (&t.overdue_on, "2024-11-19T08:00:00Z");
}

typedef struct
{
  int         requested[3];   /* the due day is the change's, two days later */
  int         change_day;
  const char *due_morning;    /* 09:00 local on the day of the change, in UTC */
  const char *overdue_morning;
} DstCase;

static const DstCase dst_spring = { { 2025, 3, 28 }, 30, "2025-03-30T07:00:00Z", "2025-03-31T07:00:00Z" };
static const DstCase dst_autumn = { { 2025, 10, 24 }, 26, "2025-10-26T08:00:00Z", "2025-10-27T08:00:00Z" };

/* The last Sunday of March has 23 hours, of October 25: the due day is
 * still one calendar day, due from its midnight and overdue at the next. */
static void
test_daylight_saving (Fixture       *f,
                      gconstpointer  data)
{
  const DstCase *dst = data;
  int year = dst->requested[0], month = dst->requested[1];
  PsCase *kase = add_case (f, "Dr. Bram Example", year, month, dst->requested[2]);
  g_autoptr(PsConversation) across = NULL;
  PsCaseTimeline t;

  set_now (f, year, month, dst->change_day - 1, 23, 59, 59);
  t = timeline_of (f, kase);
  assert_day (&t.due_on, year, month, dst->change_day);
  g_assert_cmpint (t.days_to_due, ==, 1);

  set_now (f, year, month, dst->change_day, 0, 0, 0);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.days_to_due, ==, 0);

  /* The day has 23 or 25 hours: the calendar decides, not a count of
   * hours from its midnight. */
  set_now (f, year, month, dst->change_day, 23, 59, 59);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.days_to_due, ==, 0);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_DUE_SOON);

  set_now (f, year, month, dst->change_day + 1, 0, 0, 0);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_OVERDUE);
  assert_morning (&t.due_on, dst->due_morning);
  assert_morning (&t.overdue_on, dst->overdue_morning);

  /* A conversation across the change ends by its length, not by the clock
   * on the wall: 01:30 for 45 minutes ends at 03:15 in spring. */
  {
    PsCase *talking = add_case (f, "Dr. Cora Fictional", year, month, 1);

    across = plan (f, talking, year, month, dst->change_day, 1, 30, 45);
    set_now (f, year, month, dst->change_day, 1, 29, 59);
    g_assert_cmpint (timing_of (f, across), ==, PS_TIMING_SOON);
    ps_clock_advance (f->clock, G_TIME_SPAN_SECOND);
    g_assert_cmpint (timing_of (f, across), ==, PS_TIMING_NOW);
    ps_clock_advance (f->clock, 45 * G_TIME_SPAN_MINUTE - G_TIME_SPAN_SECOND);
    g_assert_cmpint (timing_of (f, across), ==, PS_TIMING_NOW);
    ps_clock_advance (f->clock, G_TIME_SPAN_SECOND);
    g_assert_cmpint (timing_of (f, across), ==, PS_TIMING_LATE);
  }
}

/* The settings move the due and overdue days; fewer overdue days than due
 * days count as as many, so such a case is overdue on its due day. */
static void
test_due_and_overdue_days (Fixture       *f,
                           gconstpointer  data)
{
  PsCase *kase = add_case (f, "Dr. Dev Madeup", 2024, 11, 10);
  PsCaseTimeline t;

  set_now (f, 2024, 11, 14, 12, 0, 0);
  f->due_days = 1;
  f->overdue_days = 5;
  t = timeline_of (f, kase);
  assert_day (&t.due_on, 2024, 11, 11);
  assert_day (&t.overdue_on, 2024, 11, 15);
  g_assert_cmpint (t.days_to_due, ==, -3);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_DUE_SOON);

  f->due_days = 4;
  f->overdue_days = 4;
  t = timeline_of (f, kase);
  assert_day (&t.overdue_on, 2024, 11, 14);
  g_assert_cmpint (t.days_to_due, ==, 0);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_OVERDUE);

  f->overdue_days = 1;
  t = timeline_of (f, kase);
  assert_day (&t.overdue_on, 2024, 11, 14);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_OVERDUE);

  f->due_days = 5;
  t = timeline_of (f, kase);
  g_assert_cmpint (t.days_to_due, ==, 1);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_DUE_SOON);

  /* Reached: no first contact is due any more. */
  {
    g_autoptr(GDateTime) at = paris (2024, 11, 14, 11, 0, 0);
    g_autoptr(GError) error = NULL;

    g_assert_true (ps_store_log_contact_attempt (f->store, ps_case_get_id (kase), at,
                                                 PS_CONTACT_REACHED, &error));
    g_assert_no_error (error);
    t = timeline_of (f, kase);
    g_assert_cmpint (t.state, ==, PS_CASE_STATE_IN_SUPPORT);
    g_assert_false (g_date_valid (&t.due_on));
    g_assert_cmpint (t.urgency, ==, PS_URGENCY_NONE);
  }
}

/* "Starting now" once its start has come; in the ten minutes before, it
 * may be started but is only "soon". From then, and while it is under way,
 * the case is among what is due (the caseload's order), no longer planned. */
static void
test_starting_now (Fixture       *f,
                   gconstpointer  data)
{
  PsCase *kase = add_case (f, "Dr. Eli Sample", 2024, 11, 10);
  g_autoptr(PsConversation) conversation = plan (f, kase, 2024, 11, 18, 15, 0, 45);
  PsCaseTimeline t;

  set_now (f, 2024, 11, 18, 14, 49, 59);
  g_assert_cmpint (timing_of (f, conversation), ==, PS_TIMING_UPCOMING);
  g_assert_false (ps_timing_is_startable (PS_TIMING_UPCOMING));

  set_now (f, 2024, 11, 18, 14, 50, 0);
  g_assert_cmpint (timing_of (f, conversation), ==, PS_TIMING_SOON);
  g_assert_true (ps_timing_is_startable (PS_TIMING_SOON));

  set_now (f, 2024, 11, 18, 14, 59, 59);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.next_timing, ==, PS_TIMING_SOON);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_DUE_SOON);
  /* The caseload is woken when it starts, to say so. */
  g_assert_cmpint (t.changes_at, ==, g_date_time_to_unix (ps_conversation_get_starts_at (conversation)));

  set_now (f, 2024, 11, 18, 15, 0, 0);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.next_timing, ==, PS_TIMING_NOW);
  g_assert_cmpint (timing_of (f, conversation), ==, PS_TIMING_NOW);
  g_assert_true (g_date_time_equal (t.next_at, ps_conversation_get_starts_at (conversation)));
  g_assert_cmpint (t.changes_at, ==, g_date_time_to_unix (ps_conversation_get_starts_at (conversation)) + 45 * 60);

  /* Started: in progress, however long it runs. */
  g_assert_true (ps_store_set_conversation_state (f->store, ps_conversation_get_id (conversation),
                                                  PS_CONVERSATION_IN_PROGRESS, NULL));
  set_now (f, 2024, 11, 18, 17, 0, 0);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.next_timing, ==, PS_TIMING_IN_PROGRESS);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_DUE_SOON);
  g_assert_cmpint (t.changes_at, ==, G_MAXINT64);
}

/* At its planned end a conversation not held stops being "next": it is
 * late, and the case with it; once recorded, the one after is next. */
static void
test_just_ended (Fixture       *f,
                 gconstpointer  data)
{
  PsCase *kase = add_case (f, "Dr. Fay Invented", 2024, 11, 10);
  g_autoptr(PsConversation) early = plan (f, kase, 2024, 11, 18, 0, 6, 30);
  g_autoptr(PsConversation) later = plan (f, kase, 2024, 11, 21, 14, 30, 30);
  PsCaseTimeline t;

  set_now (f, 2024, 11, 18, 0, 35, 59);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.next_timing, ==, PS_TIMING_NOW);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_DUE_SOON);

  set_now (f, 2024, 11, 18, 0, 36, 0);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.next_timing, ==, PS_TIMING_LATE);
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_OVERDUE);
  g_assert_cmpint (timing_of (f, early), ==, PS_TIMING_LATE);
  g_assert_cmpint (timing_of (f, later), ==, PS_TIMING_UPCOMING);

  g_assert_true (ps_store_set_conversation_state (f->store, ps_conversation_get_id (early),
                                                  PS_CONVERSATION_MISSED, NULL));
  g_assert_cmpint (timing_of (f, early), ==, PS_TIMING_NONE);
  t = timeline_of (f, kase);
  g_assert_cmpint (t.next_timing, ==, PS_TIMING_UPCOMING);
  g_assert_true (g_date_time_equal (t.next_at, ps_conversation_get_starts_at (later)));
  g_assert_cmpint (t.urgency, ==, PS_URGENCY_PLANNED);
}

/* The caseload's order: overdue (first contacts and late conversations by
 * day), then what is due by its time (a conversation that can be started,
 * a first contact), planned, nothing planned, closed. */
static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  PsCase *none = add_case (f, "Dr. Gil Nothing", 2024, 11, 1);
  PsCase *planned = add_case (f, "Dr. Hana Planned", 2024, 11, 1);
  PsCase *late = add_case (f, "Dr. Ivo Late", 2024, 11, 1);
  PsCase *overdue = add_case (f, "Dr. Jo Overdue", 2024, 11, 14);   /* due 16th */
  PsCase *due = add_case (f, "Dr. Kit Due", 2024, 11, 17);
  PsCase *closed = add_case (f, "Dr. Lou Closed", 2024, 11, 1);
  PsCase *soon = add_case (f, "Dr. Max Soon", 2024, 11, 1);
  PsCase *expected[] = { overdue, late, soon, due, planned, none, closed };
  g_autoptr(PsConversation) c1 = plan (f, planned, 2024, 11, 19, 9, 0, 30);
  g_autoptr(PsConversation) c2 = plan (f, late, 2024, 11, 17, 9, 0, 30);
  /* In five minutes: before a first contact due tomorrow. */
  g_autoptr(PsConversation) c3 = plan (f, soon, 2024, 11, 18, 10, 5, 30);
  g_autoptr(GDateTime) at = paris (2024, 11, 2, 10, 0, 0);
  PsUrgencyKey keys[G_N_ELEMENTS (expected)];
  GDate closed_on;

  g_assert_true (ps_store_log_contact_attempt (f->store, ps_case_get_id (none), at,
                                               PS_CONTACT_REACHED, NULL));
  g_date_clear (&closed_on, 1);
  g_date_set_dmy (&closed_on, 5, 11, 2024);
  g_assert_true (ps_store_close_case (f->store, ps_case_get_id (closed), PS_CLOSURE_COMPLETED,
                                      &closed_on, NULL));
  set_now (f, 2024, 11, 18, 10, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PsCaseTimeline t = timeline_of (f, expected[i]);

      ps_case_timeline_get_key (&t, expected[i], &keys[i]);
    }
  g_assert_cmpint (keys[0].urgency, ==, PS_URGENCY_OVERDUE);
  g_assert_cmpint (keys[1].urgency, ==, PS_URGENCY_OVERDUE);
  g_assert_cmpint (keys[2].urgency, ==, PS_URGENCY_DUE_SOON);
  g_assert_cmpint (keys[6].urgency, ==, PS_URGENCY_CLOSED);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (ps_urgency_key_compare (&keys[i], &keys[i + 1]), <, 0);
}

static PsCaseAction
action_of (Fixture *f,
           PsCase  *kase)
{
  PsCaseTimeline t = timeline_of (f, kase);

  return ps_case_timeline_next_action (&t, kase);
}

/* The page's one suggested action, through a case's life: log an attempt,
 * schedule once reached, nothing while the conversation is days away, start
 * from ten minutes before it (and when late), resume, then the follow-up
 * while a concern is open, else close. */
static void
test_next_action (Fixture       *f,
                  gconstpointer  data)
{
  PsCase *kase = add_case (f, "Dr. Mo Stepwise", 2024, 11, 10);
  g_autoptr(GDateTime) reached = paris (2024, 11, 11, 10, 0, 0);
  g_autoptr(PsConversation) first = NULL;
  g_autoptr(PsConversation) second = NULL;
  GDate today;

  set_now (f, 2024, 11, 11, 11, 0, 0);
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_LOG_ATTEMPT);
  g_assert_true (ps_store_log_contact_attempt (f->store, ps_case_get_id (kase), reached,
                                               PS_CONTACT_NO_ANSWER, NULL));
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_LOG_ATTEMPT);
  g_assert_true (ps_store_log_contact_attempt (f->store, ps_case_get_id (kase), reached,
                                               PS_CONTACT_REACHED, NULL));
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_SCHEDULE);

  first = plan (f, kase, 2024, 11, 18, 15, 0, 45);
  set_now (f, 2024, 11, 18, 14, 49, 59);
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_NONE);
  set_now (f, 2024, 11, 18, 14, 50, 0);
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_START);
  set_now (f, 2024, 11, 18, 15, 10, 0);
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_START);
  set_now (f, 2024, 11, 18, 16, 0, 0);
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_START);

  g_assert_true (ps_store_set_conversation_state (f->store, ps_conversation_get_id (first),
                                                  PS_CONVERSATION_IN_PROGRESS, NULL));
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_RESUME);
  g_assert_true (ps_store_set_conversation_state (f->store, ps_conversation_get_id (first),
                                                  PS_CONVERSATION_COMPLETED, NULL));
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_CLOSE);

  /* A concern raised is followed up, not closed on; once the follow-up is
   * planned, it is started as any conversation. */
  g_assert_true (ps_store_set_safety_concern (f->store, ps_conversation_get_id (first), TRUE, NULL));
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_FOLLOW_UP);
  second = plan (f, kase, 2024, 11, 19, 15, 0, 30);
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_NONE);
  set_now (f, 2024, 11, 19, 14, 55, 0);
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_START);
  g_assert_true (ps_store_set_conversation_state (f->store, ps_conversation_get_id (second),
                                                  PS_CONVERSATION_CANCELLED, NULL));
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_FOLLOW_UP);
  g_clear_object (&second);
  g_assert_true (ps_store_set_safety_concern (f->store, ps_conversation_get_id (first), FALSE, NULL));
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_CLOSE);

  /* A missed or cancelled conversation is not one held. */
  second = plan (f, kase, 2024, 11, 25, 15, 0, 45);
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_NONE);
  g_assert_true (ps_store_set_conversation_state (f->store, ps_conversation_get_id (second),
                                                  PS_CONVERSATION_CANCELLED, NULL));
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_CLOSE);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, 11, 2024);
  g_assert_true (ps_store_close_case (f->store, ps_case_get_id (kase), PS_CLOSURE_COMPLETED,
                                      &today, NULL));
  g_assert_cmpint (action_of (f, kase), ==, PS_CASE_ACTION_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn, data) \
  g_test_add ("/timeline/" path, Fixture, data, fixture_set_up, fn, fixture_tear_down)
  ADD ("midnight", test_midnight, NULL);
  ADD ("daylight-saving/march", test_daylight_saving, &dst_spring);
  ADD ("daylight-saving/october", test_daylight_saving, &dst_autumn);
  ADD ("due-and-overdue-days", test_due_and_overdue_days, NULL);
  ADD ("starting-now", test_starting_now, NULL);
  ADD ("just-ended", test_just_ended, NULL);
  ADD ("order", test_order, NULL);
  ADD ("next-action", test_next_action, NULL);
#undef ADD

  return g_test_run ();
}
