/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The rules of a case's time, in one place. The caseload's rows and order,
 * the case page, the Schedule, the reminder planner and the iCalendar export
 * read them here and keep none of their own.
 *
 * - A case is closed once it has a closure status; in support once a
 *   contact attempt reached the colleague or any conversation was planned;
 *   before that it awaits first contact.
 * - First contact is due on the day of the request plus the "due" days and
 *   overdue on the day of the request plus the "overdue" days (fewer overdue
 *   than due days count as as many). Both are local calendar days: a case
 *   becomes due, and later overdue, at the local midnight that starts that
 *   day, whatever the daylight-saving offset. Its reminders come at 09:00
 *   on those days, which is also where the agenda sorts the deadline.
 * - A conversation still to hold (scheduled, or in progress) is, at "now":
 *   upcoming; "soon" within the 10 minutes before its start, when it may
 *   already be started; "now" from its start until its planned end (start
 *   plus its length); late once that end has passed and it was neither
 *   held nor cancelled. A late conversation is no longer anyone's "next":
 *   it is shown as not held, and wants no reminder.
 * - Urgency, most urgent first: overdue (a first contact past its overdue
 *   day, or a late conversation), first contact awaited, a conversation
 *   planned, nothing planned, closed. Within one urgency the earlier due day
 *   or conversation comes first, the most recently closed case first, then
 *   the older case.
 * - Before all of these comes a safety concern: the latest conversation of
 *   an open case that answered the safety question, held or still in
 *   progress, raised one (one that never asked changes nothing). It wants a follow-up conversation within
 *   the follow-up days of the concern's day (by default 2), and a reminder
 *   on the morning after the concern while none is planned. It stays until
 *   a later conversation answers that there is none, or the case closes.
 *
 * - The action a case's page suggests: log an attempt while first contact
 *   is awaited; start a conversation from ten minutes before it until it is
 *   late, resume one in progress (Start takes a planned conversation in that
 *   same window only, and otherwise begins an unplanned one); with nothing planned, schedule the
 *   follow-up while a safety concern is open, else schedule one until one
 *   was held, close after; nothing while the next conversation is still to
 *   come, or once closed. One action: the page suggests nothing else.
 *
 * Everything here is arithmetic on what the caller already holds: sorting
 * 10,000 cases allocates nothing per case. */

#include "config.h"

#include "ps-case-timeline.h"
#include "ps-util.h"

/* Seconds from 0001-01-01 (Julian day 1) to the Unix epoch: the sort key's
 * instants count from the first, so days and instants compare. */
#define SECONDS_TO_UNIX_EPOCH G_GINT64_CONSTANT (62135596800)

void
ps_timeline_now_init (PsTimelineNow *self,
                      GDateTime     *now_local,
                      int            due_days,
                      int            overdue_days)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (now_local != NULL);

  self->now = now_local;
  self->now_unix = g_date_time_to_unix (now_local);
  ps_date_set_from_date_time (&self->today, now_local, NULL);
  self->due_days = due_days;
  self->overdue_days = MAX (overdue_days, due_days);
  self->follow_up_days = PS_TIMELINE_FOLLOW_UP_DAYS;
}

PsTiming
ps_timeline_timing (const PsTimelineNow *now,
                    PsConversationState  state,
                    GDateTime           *starts_at,
                    guint                minutes)
{
  gint64 start, end;

  g_return_val_if_fail (now != NULL, PS_TIMING_NONE);

  if (state == PS_CONVERSATION_IN_PROGRESS)
    return PS_TIMING_IN_PROGRESS;
  if (state != PS_CONVERSATION_SCHEDULED || starts_at == NULL)
    return PS_TIMING_NONE;

  start = g_date_time_to_unix (starts_at);
  end = start + 60 * (gint64) MAX (minutes, 1);
  if (now->now_unix >= end)
    return PS_TIMING_LATE;
  if (now->now_unix >= start)
    return PS_TIMING_NOW;
  if (now->now_unix >= start - 60 * PS_TIMELINE_START_EARLY_MINUTES)
    return PS_TIMING_SOON;
  return PS_TIMING_UPCOMING;
}

PsTiming
ps_timeline_conversation_timing (const PsTimelineNow *now,
                                 PsConversation      *conversation)
{
  g_return_val_if_fail (PS_IS_CONVERSATION (conversation), PS_TIMING_NONE);

  return ps_timeline_timing (now, ps_conversation_get_state (conversation),
                             ps_conversation_get_starts_at (conversation),
                             ps_conversation_get_minutes (conversation));
}

gboolean
ps_timing_is_startable (PsTiming timing)
{
  return timing == PS_TIMING_SOON || timing == PS_TIMING_NOW || timing == PS_TIMING_IN_PROGRESS;
}

gboolean
ps_timing_suggests_start (PsTiming timing)
{
  return timing == PS_TIMING_SOON || timing == PS_TIMING_NOW || timing == PS_TIMING_LATE;
}

GDateTime *
ps_timeline_conversation_end (GDateTime *starts_at,
                              guint      minutes)
{
  g_return_val_if_fail (starts_at != NULL, NULL);

  return g_date_time_add_minutes (starts_at, (int) MAX (minutes, 1));
}

void
ps_timeline_first_contact_days (const GDate *requested,
                                int          due_days,
                                int          overdue_days,
                                GDate       *due_on,
                                GDate       *overdue_on)
{
  g_return_if_fail (due_on != NULL && overdue_on != NULL);

  g_date_clear (due_on, 1);
  g_date_clear (overdue_on, 1);
  if (requested == NULL || !g_date_valid (requested))
    return;
  *due_on = *requested;
  g_date_add_days (due_on, MAX (due_days, 0));
  *overdue_on = *requested;
  g_date_add_days (overdue_on, MAX (MAX (overdue_days, due_days), 0));
}

GDateTime *
ps_timeline_morning (const GDate *day,
                     guint        plus_days,
                     GTimeZone   *tz)
{
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  date = *day;
  g_date_add_days (&date, plus_days);

  /* 09:00 is never inside a daylight-saving gap, so the local time exists. */
  local = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), PS_TIMELINE_MORNING_HOUR, 0, 0);
  if (local == NULL)
    return NULL;
  return g_date_time_to_utc (local);
}

void
ps_case_timeline_init (PsCaseTimeline      *self,
                       PsCase              *kase,
                       const PsTimelineNow *now)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (PS_IS_CASE (kase));
  g_return_if_fail (now != NULL);

  self->state = ps_case_get_state (kase);
  g_date_clear (&self->due_on, 1);
  g_date_clear (&self->overdue_on, 1);
  g_date_clear (&self->follow_up_by, 1);
  self->days_to_due = 0;
  self->next_at = NULL;
  self->next_timing = PS_TIMING_NONE;
  self->changes_at = G_MAXINT64;

  switch (self->state)
    {
    case PS_CASE_STATE_CLOSED:
      self->urgency = PS_URGENCY_CLOSED;
      break;

    case PS_CASE_STATE_AWAITING_FIRST_CONTACT:
      ps_timeline_first_contact_days (ps_case_get_requested_on (kase), now->due_days,
                                      now->overdue_days, &self->due_on, &self->overdue_on);
      self->urgency = PS_URGENCY_DUE_SOON;
      if (g_date_valid (&self->due_on))
        {
          self->days_to_due = g_date_days_between (&now->today, &self->due_on);
          if (g_date_compare (&now->today, &self->overdue_on) >= 0)
            self->urgency = PS_URGENCY_OVERDUE;
        }
      break;

    case PS_CASE_STATE_IN_SUPPORT:
    default:
      self->next_at = ps_case_get_next_conversation_at (kase);
      if (self->next_at != NULL)
        {
          guint minutes = ps_case_get_next_conversation_minutes (kase);
          gint64 start = g_date_time_to_unix (self->next_at);
          gint64 bounds[] = { start - 60 * PS_TIMELINE_START_EARLY_MINUTES, start,
                              start + 60 * (gint64) MAX (minutes, 1) };

          self->next_timing = ps_timeline_timing (now, ps_case_get_next_conversation_state (kase),
                                                  self->next_at, minutes);
          for (guint i = 0; i < G_N_ELEMENTS (bounds) && self->next_timing != PS_TIMING_IN_PROGRESS; i++)
            if (bounds[i] > now->now_unix)
              {
                self->changes_at = bounds[i];
                break;
              }
        }
      /* A safety concern comes before anything else of the open cases,
       * until a later conversation raises none, or the case closes. */
      if (ps_case_get_safety_concern (kase))
        {
          self->urgency = PS_URGENCY_SAFETY;
          ps_date_set_from_date_time (&self->follow_up_by, ps_case_get_safety_concern_at (kase),
                                      g_date_time_get_timezone (now->now));
          g_date_add_days (&self->follow_up_by, MAX (now->follow_up_days, 0));
        }
      else if (self->next_timing == PS_TIMING_LATE)
        self->urgency = PS_URGENCY_OVERDUE;
      /* Its time has come (it can be started, or is under way): among
       * what is due, by its time, not after every first contact still
       * days away. */
      else if (ps_timing_is_startable (self->next_timing))
        self->urgency = PS_URGENCY_DUE_SOON;
      else
        self->urgency = self->next_at != NULL ? PS_URGENCY_PLANNED : PS_URGENCY_NONE;
      break;
    }
}

PsCaseAction
ps_case_timeline_next_action (const PsCaseTimeline *self,
                              PsCase               *kase)
{
  g_return_val_if_fail (self != NULL, PS_CASE_ACTION_NONE);
  g_return_val_if_fail (PS_IS_CASE (kase), PS_CASE_ACTION_NONE);

  switch (self->state)
    {
    case PS_CASE_STATE_CLOSED:
      return PS_CASE_ACTION_NONE;
    case PS_CASE_STATE_AWAITING_FIRST_CONTACT:
      return PS_CASE_ACTION_LOG_ATTEMPT;
    case PS_CASE_STATE_IN_SUPPORT:
    default:
      break;
    }

  if (self->next_timing == PS_TIMING_IN_PROGRESS)
    return PS_CASE_ACTION_RESUME;
  if (ps_timing_suggests_start (self->next_timing))
    return PS_CASE_ACTION_START;
  if (self->next_timing == PS_TIMING_UPCOMING)
    return PS_CASE_ACTION_NONE;

  if (ps_case_get_safety_concern (kase))
    return PS_CASE_ACTION_FOLLOW_UP;
  if (ps_case_get_n_completed_conversations (kase) == 0)
    return PS_CASE_ACTION_SCHEDULE;
  return PS_CASE_ACTION_CLOSE;
}

void
ps_case_timeline_get_key (const PsCaseTimeline *self,
                          PsCase               *kase,
                          PsUrgencyKey         *key)
{
  const GDate *closed_on;

  g_return_if_fail (self != NULL && key != NULL);
  g_return_if_fail (PS_IS_CASE (kase));

  key->urgency = self->urgency;
  key->id = ps_case_get_id (kase);

  switch (self->state)
    {
    case PS_CASE_STATE_CLOSED:
      /* Most recently closed first. */
      closed_on = ps_case_get_closed_on (kase);
      key->instant = closed_on != NULL && g_date_valid (closed_on) ? -(gint64) g_date_get_julian (closed_on) : 0;
      break;
    case PS_CASE_STATE_AWAITING_FIRST_CONTACT:
      key->instant = g_date_valid (&self->due_on) ? ((gint64) g_date_get_julian (&self->due_on) - 1) * 86400 : 0;
      break;
    case PS_CASE_STATE_IN_SUPPORT:
    default:
      key->instant = self->next_at != NULL
        ? g_date_time_to_unix (self->next_at) + SECONDS_TO_UNIX_EPOCH : G_MAXINT64;
      break;
    }
}

int
ps_urgency_key_compare (const PsUrgencyKey *a,
                        const PsUrgencyKey *b)
{
  if (a->urgency != b->urgency)
    return a->urgency < b->urgency ? -1 : 1;
  if (a->instant != b->instant)
    return a->instant < b->instant ? -1 : 1;
  return a->id < b->id ? -1 : (a->id > b->id);
}
