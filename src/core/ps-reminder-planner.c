/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Works out which reminders are due, from the cases, their conversations, a
 * "now" and the local time zone. Pure, so the clock can be faked and
 * daylight-saving changes tested. Instants are UTC; only "09:00 on the due
 * day" is local, computed in the zone given, so a change of zone moves it. */

#include "config.h"

#include <stdlib.h>

#include "ps-case.h"
#include "ps-case-timeline.h"
#include "ps-conversation.h"
#include "ps-group-debrief.h"
#include "ps-reminder-planner.h"
#include "ps-util.h"

void
ps_reminder_settings_init (PsReminderSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->lead_minutes = 10;
  settings->first_contact_due_days = 2;
  settings->first_contact_overdue_days = 3;
  settings->nudge_days = PS_REMINDER_NUDGE_DAYS;
  settings->follow_up_days = PS_TIMELINE_FOLLOW_UP_DAYS;
  settings->skip = NULL;
  settings->skip_data = NULL;
}

static gboolean
skipped (const PsReminderSettings *settings,
         const char               *key,
         GDateTime                *due_at)
{
  return settings->skip != NULL && settings->skip (key, due_at, settings->skip_data);
}

static void
add_day_reminder (GPtrArray                *plan,
                  PsReminderKind            kind,
                  const char               *what,
                  PsCase                   *kase,
                  GDateTime                *due_at,
                  GTimeZone                *tz,
                  const PsReminderSettings *settings)
{
  g_autofree char *day = NULL;
  g_autofree char *key = NULL;
  GDate date;

  ps_date_set_from_date_time (&date, due_at, tz);
  day = ps_date_to_iso (&date);
  key = g_strdup_printf ("case:%" G_GINT64_FORMAT ":%s:%s", ps_case_get_id (kase), what, day);
  if (skipped (settings, key, due_at))
    return;
  g_ptr_array_add (plan, ps_reminder_new (kind, ps_case_get_id (kase), 0, due_at, NULL, 0,
                                          ps_case_get_modality (kase), key));
}

static void
plan_first_contact (GPtrArray                *plan,
                    PsCase                   *kase,
                    const PsTimelineNow      *now,
                    GTimeZone                *tz,
                    const PsReminderSettings *settings)
{
  PsCaseTimeline timeline;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) overdue = NULL;

  ps_case_timeline_init (&timeline, kase, now);
  if (!g_date_valid (&timeline.due_on))
    return;

  /* Once overdue, "due today" is old news: only the overdue one is shown. */
  if (timeline.urgency != PS_URGENCY_OVERDUE &&
      g_date_compare (&timeline.due_on, &timeline.overdue_on) < 0)
    {
      due = ps_timeline_morning (&timeline.due_on, 0, tz);
      if (due != NULL)
        add_day_reminder (plan, PS_REMINDER_FIRST_CONTACT_DUE, "first-contact-due", kase, due, tz,
                          settings);
    }
  overdue = ps_timeline_morning (&timeline.overdue_on, 0, tz);
  if (overdue != NULL)
    add_day_reminder (plan, PS_REMINDER_FIRST_CONTACT_OVERDUE, "first-contact-overdue", kase,
                      overdue, tz, settings);
}

static int
compare_last_held (gconstpointer a,
                   gconstpointer b)
{
  gint64 ia = ((const PsLastHeld *)a)->case_id;
  gint64 ib = ((const PsLastHeld *)b)->case_id;

  return ia < ib ? -1 : ia > ib;
}

/* @case_id's entry of @last_held (sorted by case id), as a new GDateTime. */
static GDateTime *
find_last_held (GArray    *last_held,
                gint64     case_id,
                GDateTime *now)
{
  PsLastHeld key = { case_id, 0 };
  const PsLastHeld *found;

  if (last_held == NULL || last_held->len == 0)
    return NULL;
  found = bsearch (&key, last_held->data, last_held->len, sizeof key, compare_last_held);
  if (found == NULL || found->starts_at > g_date_time_to_unix (now))
    return NULL;
  return g_date_time_new_from_unix_utc (found->starts_at);
}

static void
plan_nudge (GPtrArray                *plan,
            PsCase                   *kase,
            GPtrArray                *conversations,
            GArray                   *last_held,
            GDateTime                *now,
            GTimeZone                *tz,
            const PsReminderSettings *settings)
{
  GDateTime *last = ps_case_get_first_contact_at (kase);
  g_autoptr(GDateTime) held = NULL;
  g_autoptr(GDateTime) due = NULL;
  GDate day;

  if (ps_case_get_next_conversation_at (kase) != NULL)
    return;

  for (guint i = 0; conversations != NULL && i < conversations->len; i++)
    {
      PsConversation *conversation = g_ptr_array_index (conversations, i);
      GDateTime *starts_at = ps_conversation_get_starts_at (conversation);

      switch (ps_conversation_get_state (conversation))
        {
        case PS_CONVERSATION_SCHEDULED:
        case PS_CONVERSATION_IN_PROGRESS:
          return;
        case PS_CONVERSATION_CANCELLED:
          continue;
        case PS_CONVERSATION_COMPLETED:
        case PS_CONVERSATION_MISSED:
        default:
          break;
        }
      if (g_date_time_compare (starts_at, now) <= 0 &&
          (last == NULL || g_date_time_compare (starts_at, last) > 0))
        last = starts_at;
    }
  held = find_last_held (last_held, ps_case_get_id (kase), now);
  if (held != NULL && (last == NULL || g_date_time_compare (held, last) > 0))
    last = held;
  if (last == NULL)
    return;

  ps_date_set_from_date_time (&day, last, tz);
  due = ps_timeline_morning (&day, settings->nudge_days, tz);
  if (due != NULL)
    add_day_reminder (plan, PS_REMINDER_NO_CONVERSATION_PLANNED, "nudge", kase, due, tz,
                      settings);
}

/* A safety concern with no follow-up planned: the morning after it (the
 * timeline's rule). Its key names the concern's day, so a new concern
 * reminds again. */
static void
plan_safety_follow_up (GPtrArray                *plan,
                       PsCase                   *kase,
                       const PsTimelineNow      *now,
                       GTimeZone                *tz,
                       const PsReminderSettings *settings)
{
  g_autoptr(GDateTime) due = NULL;
  PsCaseTimeline timeline;
  GDate day;

  ps_case_timeline_init (&timeline, kase, now);
  if (timeline.urgency != PS_URGENCY_SAFETY || timeline.next_at != NULL)
    return;

  ps_date_set_from_date_time (&day, ps_case_get_safety_concern_at (kase), tz);
  due = ps_timeline_morning (&day, 1, tz);
  if (due != NULL)
    add_day_reminder (plan, PS_REMINDER_SAFETY_FOLLOW_UP, "safety-follow-up", kase, due, tz,
                      settings);
}

/* A reminder the lead time before a meeting still to come: a conversation
 * or a group debrief (@case_id 0). @prefix and @id name it in its key. */
static void
add_upcoming (GPtrArray                *plan,
              PsReminderKind            kind,
              const char               *prefix,
              gint64                    case_id,
              gint64                    id,
              PsConversationState       state,
              GDateTime                *starts_at,
              guint                     minutes,
              PsModality                modality,
              const PsTimelineNow      *now,
              const PsReminderSettings *settings)
{
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *key = NULL;

  /* Only one still to hold: not one under way, nor one over, even one
   * missed while stopped. */
  switch (ps_timeline_timing (now, state, starts_at, minutes))
    {
    case PS_TIMING_UPCOMING:
    case PS_TIMING_SOON:
    case PS_TIMING_NOW:
      break;
    case PS_TIMING_NONE:
    case PS_TIMING_IN_PROGRESS:
    case PS_TIMING_LATE:
    default:
      return;
    }

  due = g_date_time_add_minutes (starts_at, -(int)settings->lead_minutes);
  iso = ps_instant_to_iso (starts_at);
  key = g_strdup_printf ("%s:%" G_GINT64_FORMAT ":upcoming:%s", prefix, id, iso);
  if (skipped (settings, key, due))
    return;
  g_ptr_array_add (plan, ps_reminder_new (kind, case_id, id, due, starts_at, minutes, modality,
                                          key));
}

static void
plan_upcoming (GPtrArray                *plan,
               PsCase                   *kase,
               PsConversation           *conversation,
               const PsTimelineNow      *now,
               const PsReminderSettings *settings)
{
  GDateTime *starts_at = ps_conversation_get_starts_at (conversation);

  add_upcoming (plan, PS_REMINDER_CONVERSATION_UPCOMING, "conv", ps_case_get_id (kase),
                ps_conversation_get_id (conversation), ps_conversation_get_state (conversation),
                starts_at, ps_conversation_get_minutes (conversation),
                ps_conversation_get_modality (conversation), now, settings);
}

static int
compare_reminders (gconstpointer a,
                   gconstpointer b)
{
  PsReminder *ra = *(PsReminder **)a;
  PsReminder *rb = *(PsReminder **)b;
  int order = g_date_time_compare (ps_reminder_get_due_at (ra), ps_reminder_get_due_at (rb));

  return order != 0 ? order : g_strcmp0 (ps_reminder_get_key (ra), ps_reminder_get_key (rb));
}

/* Orders @plan by due instant; @next_due: the first due after @now. */
static void
sort_plan (GPtrArray  *plan,
           GDateTime  *now,
           GDateTime **next_due)
{
  g_ptr_array_sort (plan, compare_reminders);
  if (next_due == NULL)
    return;
  *next_due = NULL;
  for (guint i = 0; i < plan->len; i++)
    {
      PsReminder *reminder = g_ptr_array_index (plan, i);

      if (!ps_reminder_is_due (reminder, now))
        {
          *next_due = g_date_time_ref (ps_reminder_get_due_at (reminder));
          break;
        }
    }
}

static gint64 *
dup_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

GPtrArray *
ps_reminder_planner_plan (GListModel                *cases,
                          GListModel                *conversations,
                          GArray                    *last_held,
                          GDateTime                 *now,
                          GTimeZone                 *tz,
                          const PsReminderSettings  *settings,
                          GDateTime                **next_due)
{
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func (g_object_unref);
  /* case id → PsCase (borrowed); case id → GPtrArray of its conversations */
  g_autoptr(GHashTable) open_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, NULL);
  g_autoptr(GHashTable) by_case = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GDateTime) now_local = NULL;
  PsTimelineNow timeline_now;
  guint n_cases, n_conversations;

  g_return_val_if_fail (G_IS_LIST_MODEL (cases), NULL);
  g_return_val_if_fail (conversations == NULL || G_IS_LIST_MODEL (conversations), NULL);
  g_return_val_if_fail (now != NULL && tz != NULL && settings != NULL, NULL);

  now_local = g_date_time_to_timezone (now, tz);
  ps_timeline_now_init (&timeline_now, now_local, (int) settings->first_contact_due_days,
                        (int) settings->first_contact_overdue_days);
  timeline_now.follow_up_days = (int) settings->follow_up_days;

  if (next_due != NULL)
    *next_due = NULL;

  n_cases = g_list_model_get_n_items (cases);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(PsCase) kase = g_list_model_get_item (cases, i);

      if (ps_case_get_state (kase) != PS_CASE_STATE_CLOSED && !ps_case_get_deidentified (kase))
        g_hash_table_insert (open_cases, dup_id (ps_case_get_id (kase)), kase);
    }

  n_conversations = conversations != NULL ? g_list_model_get_n_items (conversations) : 0;
  for (guint i = 0; i < n_conversations; i++)
    {
      g_autoptr(PsConversation) conversation = g_list_model_get_item (conversations, i);
      gint64 id = ps_conversation_get_id (conversation);
      gint64 case_id = ps_conversation_get_case_id (conversation);
      GPtrArray *list;
      PsCase *kase;

      if (g_hash_table_contains (seen, &id) ||
          !(kase = g_hash_table_lookup (open_cases, &case_id)))
        continue;
      g_hash_table_add (seen, dup_id (id));

      if (!(list = g_hash_table_lookup (by_case, &case_id)))
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_case, dup_id (case_id), list);
        }
      g_ptr_array_add (list, g_object_ref (conversation));

      plan_upcoming (plan, kase, conversation, &timeline_now, settings);
    }

  /* The cases keep the order of @cases, so the plan does not depend on hashing. */
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(PsCase) kase = g_list_model_get_item (cases, i);
      gint64 case_id = ps_case_get_id (kase);

      if (!g_hash_table_contains (open_cases, &case_id))
        continue;

      switch (ps_case_get_state (kase))
        {
        case PS_CASE_STATE_AWAITING_FIRST_CONTACT:
          plan_first_contact (plan, kase, &timeline_now, tz, settings);
          break;
        case PS_CASE_STATE_IN_SUPPORT:
          plan_nudge (plan, kase, g_hash_table_lookup (by_case, &case_id), last_held, now, tz,
                      settings);
          plan_safety_follow_up (plan, kase, &timeline_now, tz, settings);
          break;
        case PS_CASE_STATE_CLOSED:
        default:
          break;
        }
    }

  sort_plan (plan, now, next_due);
  return g_steal_pointer (&plan);
}

void
ps_reminder_planner_add_group_debriefs (GPtrArray                 *plan,
                                        GListModel                *debriefs,
                                        GDateTime                 *now,
                                        const PsReminderSettings  *settings,
                                        GDateTime                **next_due)
{
  PsTimelineNow timeline_now;

  g_return_if_fail (plan != NULL && G_IS_LIST_MODEL (debriefs));
  g_return_if_fail (now != NULL && settings != NULL);

  /* Only the instant matters to a debrief's timing, not the day's settings. */
  ps_timeline_now_init (&timeline_now, now, (int)settings->first_contact_due_days,
                        (int)settings->first_contact_overdue_days);
  for (guint i = 0; i < g_list_model_get_n_items (debriefs); i++)
    {
      g_autoptr(PsGroupDebrief) debrief = g_list_model_get_item (debriefs, i);

      add_upcoming (plan, PS_REMINDER_GROUP_DEBRIEF_UPCOMING, "group", 0,
                    ps_group_debrief_get_id (debrief), ps_group_debrief_get_state (debrief),
                    ps_group_debrief_get_starts_at (debrief),
                    ps_group_debrief_get_minutes (debrief),
                    ps_group_debrief_get_modality (debrief), &timeline_now, settings);
    }
  if (next_due != NULL)
    g_clear_pointer (next_due, g_date_time_unref);
  sort_plan (plan, now, next_due);
}

GPtrArray *
ps_reminder_planner_filter_due (GPtrArray *plan,
                                GDateTime *now)
{
  GPtrArray *due;

  g_return_val_if_fail (plan != NULL && now != NULL, NULL);

  due = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < plan->len; i++)
    {
      PsReminder *reminder = g_ptr_array_index (plan, i);

      if (ps_reminder_is_due (reminder, now))
        g_ptr_array_add (due, g_object_ref (reminder));
    }
  return due;
}
