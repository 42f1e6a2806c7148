/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Program statistics for the Overview and the CSV export. Built from codes,
 * dates and counts only: PsCaseFacts has no field that could hold a name. */

#include "config.h"

#include "ps-statistics.h"
#include "ps-store-groups.h"
#include "ps-store-held.h"
#include "ps-util.h"

/* 1970-01-01 as a GDate Julian day (day 1 is 1 January of year 1). */
#define UNIX_EPOCH_JULIAN 719163

struct _PsStatistics
{
  GObject  parent_instance;

  GDate    from;
  GDate    to;
  guint    target_days;

  GArray  *facts;          /* PsCaseFacts, by request date */

  guint    by_reason[PS_STATISTICS_N_REASONS];
  guint    by_closure[PS_STATISTICS_N_CLOSURE_STATUSES];
  guint    by_conversations[PS_STATISTICS_N_CONVERSATION_BUCKETS];
  guint    n_conversations_total;

  guint    n_contacted;
  double   median_days;
  guint    n_within_target;
  guint    n_missed_target;
  guint    n_awaiting_contact;

  guint    n_held;
  guint    n_safety;

  /* Reach: conversations held in the period, and the group debriefs. */
  guint    minutes_held;
  guint    n_individuals;           /* cases with a conversation held in the period */
  guint    n_groups_held;
  guint    n_group_people;          /* their headcounts */
  guint    n_group_referrals;
  guint    group_minutes;
  guint    groups_by_prompt[PS_GROUP_N_PROMPTS];
  GArray  *months;                  /* PsStatisticsMonth, oldest first */
};

G_DEFINE_FINAL_TYPE (PsStatistics, ps_statistics, G_TYPE_OBJECT)

static void
ps_statistics_finalize (GObject *object)
{
  PsStatistics *self = (PsStatistics *)object;

  g_clear_pointer (&self->facts, g_array_unref);
  g_clear_pointer (&self->months, g_array_unref);

  G_OBJECT_CLASS (ps_statistics_parent_class)->finalize (object);
}

static void
ps_statistics_class_init (PsStatisticsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_statistics_finalize;
}

static void
ps_statistics_init (PsStatistics *self)
{
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  self->facts = g_array_new (FALSE, TRUE, sizeof (PsCaseFacts));
  self->median_days = -1;
  self->months = g_array_new (FALSE, TRUE, sizeof (PsStatisticsMonth));
}

/* Midnight at the start of @date in @tz. "All time" starts at year 1, which
 * the store's four-digit instants cannot hold: anything before 1900 is. */
static GDateTime *
start_of_day (const GDate *date,
              GTimeZone   *tz)
{
  GDateTime *dt = NULL;

  if (g_date_get_year (date) >= 1900)
    dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), 0, 0, 0);
  if (dt == NULL)
    dt = g_date_time_new_utc (1900, 1, 1, 0, 0, 0);
  return dt;
}

typedef struct
{
  GDateTime *first_held;     /* start of the earliest held conversation */
  gboolean   safety;
  int        month_reached;  /* 0: not reached in the period yet; else the last
                              * month counted (its index + 1), or -1 */
} ConversationFacts;

/* The months of the trend: the period's, at most the last
 * PS_STATISTICS_MAX_MONTHS, starting no earlier than @first_data. */
static void
init_months (PsStatistics *self,
             const GDate  *first_data)
{
  GDate month = self->to;
  guint n = 0;

  g_date_set_day (&month, 1);
  while (n < PS_STATISTICS_MAX_MONTHS)
    {
      PsStatisticsMonth entry = { g_date_get_year (&month), g_date_get_month (&month) };
      GDate last = month;

      g_date_add_months (&last, 1);
      g_date_subtract_days (&last, 1);
      if (g_date_compare (&last, &self->from) < 0 ||
          (first_data != NULL && g_date_valid (first_data) && g_date_compare (&last, first_data) < 0))
        break;
      g_array_prepend_val (self->months, entry);
      n++;
      g_date_subtract_months (&month, 1);
    }
}

/* The trend's entry for the month of @day, or NULL outside it. */
static PsStatisticsMonth *
month_of (PsStatistics *self,
          const GDate  *day,
          int          *index)
{
  for (guint i = 0; i < self->months->len; i++)
    {
      PsStatisticsMonth *entry = &g_array_index (self->months, PsStatisticsMonth, i);

      if (entry->year == g_date_get_year (day) && entry->month == (guint)g_date_get_month (day))
        {
          if (index != NULL)
            *index = (int)i;
          return entry;
        }
    }
  return NULL;
}

/* The minutes a conversation was held: from Start to End, to the nearest
 * minute, at most three times its planned length (a conversation left open
 * for days was not held for days); its planned length when it was not run
 * in Peerside (marked held, recorded afterwards, or from before the times
 * were kept), which has no length of its own. One run in Peerside counts
 * what it lasted, however short. */
static guint
minutes_held (const PsHeldConversation *row)
{
  gint64 minutes = (row->seconds_held + 30) / 60;

  if (row->seconds_held < 0)
    return row->minutes;
  return (guint)MIN (minutes, 3 * (gint64)row->minutes);
}

/* A conversation held in the period: its minutes, and its colleague counted
 * as reached once in the period and once in its month. */
static void
count_reach (PsStatistics *self,
             gint64        starts_at,
             GTimeZone    *tz,
             guint         minutes,
             int          *month_reached)
{
  PsStatisticsMonth *entry;
  GDate day;
  int index = -1;
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, starts_at);
  gint64 local = starts_at + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);

  self->minutes_held += minutes;
  if (*month_reached == 0)
    {
      self->n_individuals++;
      *month_reached = -1;
    }
  /* The local day without a GDateTime: 30,000 of them showed. */
  g_date_clear (&day, 1);
  g_date_set_julian (&day, (guint32)(local / (24 * 3600) + UNIX_EPOCH_JULIAN));
  entry = month_of (self, &day, &index);
  if (entry == NULL)
    return;
  entry->conversations++;
  if (*month_reached != index + 1)
    {
      entry->individuals++;
      *month_reached = index + 1;
    }
}

static void
conversation_facts_free (gpointer data)
{
  ConversationFacts *cf = data;

  g_clear_pointer (&cf->first_held, g_date_time_unref);
  g_free (cf);
}

static int
compare_facts (gconstpointer a,
               gconstpointer b)
{
  const PsCaseFacts *fa = a;
  const PsCaseFacts *fb = b;

  return g_date_compare (&fa->requested_on, &fb->requested_on);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int ia = *(const int *)a;
  int ib = *(const int *)b;

  return (ia > ib) - (ia < ib);
}

/* One pass over the conversations held from the period's start on: those
 * in the period for the safety share, and per case the earliest held one
 * and whether any raised a safety concern. */
static GHashTable *
scan_conversations (PsStatistics *self,
                    PsStore      *store,
                    GTimeZone    *tz)
{
  g_autoptr(GDateTime) from = start_of_day (&self->from, tz);
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GArray) held = NULL;
  GHashTable *by_case = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                               g_free, conversation_facts_free);
  GDate after_to = self->to;
  gint64 end_unix;

  g_date_add_days (&after_to, 1);
  end = start_of_day (&after_to, tz);
  end_unix = g_date_time_to_unix (end);

  held = ps_store_list_held_conversations (store, from);
  for (guint i = 0; i < held->len; i++)
    {
      const PsHeldConversation *row = &g_array_index (held, PsHeldConversation, i);
      ConversationFacts *cf;

      cf = g_hash_table_lookup (by_case, &row->case_id);
      if (cf == NULL)
        {
          cf = g_new0 (ConversationFacts, 1);
          g_hash_table_insert (by_case, g_memdup2 (&row->case_id, sizeof row->case_id), cf);
        }

      if (row->starts_at < end_unix)
        {
          self->n_held++;
          if (row->safety_concern)
            self->n_safety++;
          count_reach (self, row->starts_at, tz, minutes_held (row), &cf->month_reached);
        }
      /* Listed by start time: the first one seen is the earliest. */
      if (cf->first_held == NULL)
        cf->first_held = g_date_time_new_from_unix_utc (row->starts_at);
      cf->safety |= row->safety_concern;
    }

  return by_case;
}

static void
count_case (PsStatistics      *self,
            const PsCaseFacts *facts,
            const GDate       *today,
            GArray            *days)
{
  guint target = self->target_days;

  self->by_reason[facts->reason]++;
  self->by_closure[facts->closure_status]++;
  self->by_conversations[MIN (facts->n_conversations, PS_STATISTICS_N_CONVERSATION_BUCKETS - 1)]++;
  self->n_conversations_total += facts->n_conversations;

  if (facts->days_to_first_contact >= 0)
    {
      self->n_contacted++;
      g_array_append_val (days, facts->days_to_first_contact);
      if ((guint)facts->days_to_first_contact <= target)
        self->n_within_target++;
      else
        self->n_missed_target++;
    }
  else
    {
      /* Not contacted: a miss once the target has passed (by the closure
       * for a closed case); an open case within it may still make it. */
      const GDate *until = facts->closure_status != PS_CLOSURE_NONE &&
                           g_date_valid (&facts->closed_on) ? &facts->closed_on : today;
      int waited = g_date_days_between (&facts->requested_on, until);

      if (waited > (int)target)
        self->n_missed_target++;
      else if (facts->closure_status == PS_CLOSURE_NONE)
        self->n_awaiting_contact++;
    }
}

/* The earliest request day in the store, so "All time" trends start with
 * the data rather than at year 1; cleared when there is no case. */
static void
first_data_day (PsStore *store,
                GDate   *out)
{
  GDate first;
  GListModel *cases = ps_store_get_cases (store);

  g_date_clear (&first, 1);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);
      const GDate *requested_on = ps_case_get_requested_on (item);

      if (requested_on != NULL && g_date_valid (requested_on) &&
          (!g_date_valid (&first) || g_date_compare (requested_on, &first) < 0))
        first = *requested_on;
    }
  *out = first;
}

/* The group debriefs held in the period. */
static void
count_groups (PsStatistics *self,
              PsStore      *store,
              GTimeZone    *tz)
{
  g_autoptr(GDateTime) from = start_of_day (&self->from, tz);
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GListModel) debriefs = NULL;
  GDate after_to = self->to;

  g_date_add_days (&after_to, 1);
  end = start_of_day (&after_to, tz);
  debriefs = ps_store_list_group_debriefs_between (store, from, end);
  for (guint i = 0; i < g_list_model_get_n_items (debriefs); i++)
    {
      g_autoptr(PsGroupDebrief) debrief = g_list_model_get_item (debriefs, i);
      guint headcount = ps_group_debrief_get_headcount (debrief);
      PsStatisticsMonth *entry;
      GDate day;

      if (ps_group_debrief_get_state (debrief) != PS_CONVERSATION_COMPLETED)
        continue;
      self->n_groups_held++;
      self->n_group_people += headcount;
      self->n_group_referrals += ps_group_debrief_get_referrals (debrief);
      self->group_minutes += ps_group_debrief_get_minutes (debrief);
      self->groups_by_prompt[ps_group_debrief_get_prompt (debrief)]++;

      ps_date_set_from_date_time (&day, ps_group_debrief_get_starts_at (debrief), tz);
      if ((entry = month_of (self, &day, NULL)) != NULL)
        {
          entry->groups++;
          entry->group_people += headcount;
        }
    }
}

PsStatistics *
ps_statistics_compute (PsStore     *store,
                       const GDate *from,
                       const GDate *to,
                       guint        target_days)
{
  g_autoptr(PsStatistics) self = NULL;
  g_autoptr(GHashTable) conversation_facts = NULL;
  g_autoptr(GArray) days = NULL;
  PsClock *clock;
  g_autoptr(GTimeZone) tz = NULL;
  GListModel *cases;
  GDate today, first_data;

  g_return_val_if_fail (PS_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  self = g_object_new (PS_TYPE_STATISTICS, NULL);
  self->from = *from;
  self->to = *to;
  self->target_days = target_days;

  clock = ps_store_get_clock (store);
  tz = g_time_zone_ref (ps_clock_get_timezone (clock));
  ps_clock_get_today (clock, &today);

  if (g_date_compare (from, to) > 0)
    return g_steal_pointer (&self);

  first_data_day (store, &first_data);
  init_months (self, &first_data);
  conversation_facts = scan_conversations (self, store, tz);
  count_groups (self, store, tz);

  cases = ps_store_get_cases (store);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);
      const GDate *requested_on = ps_case_get_requested_on (item);
      GDateTime *first_contact_at = ps_case_get_first_contact_at (item);
      gint64 case_id = ps_case_get_id (item);
      ConversationFacts *cf;
      PsCaseFacts facts = { 0 };

      if (requested_on == NULL || !g_date_valid (requested_on) ||
          g_date_compare (requested_on, from) < 0 || g_date_compare (requested_on, to) > 0)
        continue;

      cf = g_hash_table_lookup (conversation_facts, &case_id);
      if (cf != NULL && cf->first_held != NULL &&
          (first_contact_at == NULL || g_date_time_compare (cf->first_held, first_contact_at) < 0))
        first_contact_at = cf->first_held;

      facts.reason = ps_case_get_reason (item);
      facts.requested_on = *requested_on;
      g_date_clear (&facts.first_contact_on, 1);
      g_date_clear (&facts.closed_on, 1);
      facts.days_to_first_contact = -1;
      if (first_contact_at != NULL)
        {
          ps_date_set_from_date_time (&facts.first_contact_on, first_contact_at, tz);
          facts.days_to_first_contact = MAX (0, g_date_days_between (requested_on,
                                                                     &facts.first_contact_on));
        }
      facts.closure_status = ps_case_get_closure_status (item);
      if (ps_case_get_closed_on (item) != NULL)
        facts.closed_on = *ps_case_get_closed_on (item);
      facts.n_conversations = ps_case_get_n_completed_conversations (item);
      facts.safety_concern = cf != NULL && cf->safety;
      facts.deidentified = ps_case_get_deidentified (item);

      g_assert (ps_reason_is_valid (facts.reason));
      g_assert (ps_closure_status_is_valid (facts.closure_status));
      g_array_append_val (self->facts, facts);
    }

  g_array_sort (self->facts, compare_facts);

  days = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < self->facts->len; i++)
    count_case (self, &g_array_index (self->facts, PsCaseFacts, i), &today, days);

  if (days->len > 0)
    {
      g_array_sort (days, compare_int);
      if (days->len % 2 == 1)
        self->median_days = g_array_index (days, int, days->len / 2);
      else
        self->median_days = (g_array_index (days, int, days->len / 2 - 1) +
                             g_array_index (days, int, days->len / 2)) / 2.0;
    }

  return g_steal_pointer (&self);
}

void
ps_statistics_get_period (PsStatistics *self,
                          GDate        *from,
                          GDate        *to)
{
  g_return_if_fail (PS_IS_STATISTICS (self));

  if (from != NULL)
    *from = self->from;
  if (to != NULL)
    *to = self->to;
}

guint
ps_statistics_get_target_days (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->target_days;
}

guint
ps_statistics_get_n_cases (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->facts->len;
}

guint
ps_statistics_get_n_cases_by_reason (PsStatistics *self,
                                     PsReason      reason)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  g_return_val_if_fail (ps_reason_is_valid (reason), 0);
  return self->by_reason[reason];
}

guint
ps_statistics_get_n_cases_by_closure (PsStatistics    *self,
                                      PsClosureStatus  status)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  g_return_val_if_fail (ps_closure_status_is_valid (status), 0);
  return self->by_closure[status];
}

guint
ps_statistics_get_n_closed (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->facts->len - self->by_closure[PS_CLOSURE_NONE];
}

guint
ps_statistics_get_n_contacted (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_contacted;
}

double
ps_statistics_get_median_days_to_contact (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), -1);
  return self->median_days;
}

guint
ps_statistics_get_n_within_target (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_within_target;
}

guint
ps_statistics_get_n_missed_target (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_missed_target;
}

guint
ps_statistics_get_n_awaiting_contact (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_awaiting_contact;
}

double
ps_statistics_get_share_within_target (PsStatistics *self)
{
  guint known;

  g_return_val_if_fail (PS_IS_STATISTICS (self), -1);

  known = self->n_within_target + self->n_missed_target;
  return known > 0 ? (double)self->n_within_target / known : -1;
}

guint
ps_statistics_get_n_cases_with_conversations (PsStatistics *self,
                                              guint         bucket)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  g_return_val_if_fail (bucket < PS_STATISTICS_N_CONVERSATION_BUCKETS, 0);
  return self->by_conversations[bucket];
}

double
ps_statistics_get_mean_conversations (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), -1);

  if (self->facts->len == 0)
    return -1;
  return (double)self->n_conversations_total / self->facts->len;
}

guint
ps_statistics_get_n_conversations_held (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_held;
}

guint
ps_statistics_get_n_safety_concerns (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_safety;
}

double
ps_statistics_get_share_safety_concern (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), -1);
  return self->n_held > 0 ? (double)self->n_safety / self->n_held : -1;
}

guint
ps_statistics_get_n_case_facts (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->facts->len;
}

const PsCaseFacts *
ps_statistics_get_case_facts (PsStatistics *self,
                              guint         position)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), NULL);
  g_return_val_if_fail (position < self->facts->len, NULL);
  return &g_array_index (self->facts, PsCaseFacts, position);
}

/* Reach and groups ------------------------------------------------------- */

guint
ps_statistics_get_n_individuals_reached (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_individuals;
}

guint
ps_statistics_get_n_people_reached (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_individuals + self->n_group_people;
}

guint
ps_statistics_get_minutes_given (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->minutes_held + self->group_minutes;
}

guint
ps_statistics_get_n_groups_held (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_groups_held;
}

guint
ps_statistics_get_n_group_people (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_group_people;
}

guint
ps_statistics_get_n_groups_by_prompt (PsStatistics  *self,
                                      PsGroupPrompt  prompt)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  g_return_val_if_fail (ps_group_prompt_is_valid ((int)prompt), 0);
  return self->groups_by_prompt[prompt];
}

guint
ps_statistics_get_n_referrals (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->by_closure[PS_CLOSURE_REFERRED] + self->n_group_referrals;
}

guint
ps_statistics_get_n_group_referrals (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->n_group_referrals;
}

guint
ps_statistics_get_n_months (PsStatistics *self)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), 0);
  return self->months->len;
}

const PsStatisticsMonth *
ps_statistics_get_month (PsStatistics *self,
                         guint         position)
{
  g_return_val_if_fail (PS_IS_STATISTICS (self), NULL);
  g_return_val_if_fail (position < self->months->len, NULL);
  return &g_array_index (self->months, PsStatisticsMonth, position);
}
