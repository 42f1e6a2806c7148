/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Demo caseload: fictional names, 555-01xx numbers and example.org
 * addresses, so nothing shown in a demo or a screenshot is anyone. */

#include "config.h"

#include "ps-demo.h"
#include "ps-store-groups.h"
#include "ps-util.h"

typedef struct
{
  const char      *name;
  const char      *contact;
  PsModality       modality;
  PsReferral       referral;
  PsReason         reason;
  int              requested_days_ago;
  /* What happened since: */
  int              reached_days_ago;      /* -1: never reached */
  int              no_answer_days_ago;    /* -1: none */
  int              completed_conversations;
  int              next_in_minutes;       /* 0: nothing planned */
  PsClosureStatus  closure;
  int              closed_days_ago;
  gboolean         safety_concern;
} DemoCase;

static const DemoCase demo_cases[] = {
  { "Dr. Ada Placeholder", "555-0100", PS_MODALITY_PHONE, PS_REFERRAL_SELF,
    PS_REASON_ADVERSE_EVENT, 0, -1, -1, 0, 0, PS_CLOSURE_NONE, 0, FALSE },
  { "Dr. Bram Example", "bram@example.org", PS_MODALITY_VIDEO, PS_REFERRAL_COLLEAGUE,
    PS_REASON_COMPLAINT, 1, -1, -1, 0, 0, PS_CLOSURE_NONE, 0, FALSE },
  { "Dr. Cora Fictional", "555-0102", PS_MODALITY_IN_PERSON, PS_REFERRAL_SELF,
    PS_REASON_BURNOUT, 2, -1, -1, 0, 0, PS_CLOSURE_NONE, 0, FALSE },
  { "Dr. Dev Sample", "pager 555-0103", PS_MODALITY_PHONE, PS_REFERRAL_SELF,
    PS_REASON_CONFLICT, 5, -1, 3, 0, 0, PS_CLOSURE_NONE, 0, FALSE },
  { "Dr. Esme Mockup", "esme@example.org", PS_MODALITY_PHONE, PS_REFERRAL_COLLEAGUE,
    PS_REASON_LIFE_STRESSOR, 6, 3, -1, 0, 26 * 60, PS_CLOSURE_NONE, 0, FALSE },
  { "Dr. Finn Dummy", "555-0105", PS_MODALITY_VIDEO, PS_REFERRAL_SELF,
    PS_REASON_ADVERSE_EVENT, 4, 2, -1, 0, 12, PS_CLOSURE_NONE, 0, FALSE },
  { "Dr. Gale Testcase", "gale@example.org", PS_MODALITY_IN_PERSON, PS_REFERRAL_SELF,
    PS_REASON_DISCRIMINATION, 12, 10, -1, 1, 4 * 24 * 60, PS_CLOSURE_NONE, 0, FALSE },
  { "Dr. Hana Specimen", "555-0107", PS_MODALITY_PHONE, PS_REFERRAL_SELF,
    PS_REASON_CHANGE_AT_WORK, 14, 9, 11, 1, 0, PS_CLOSURE_NONE, 0, FALSE },
  { "Dr. Ivo Sampleton", "ivo@example.org", PS_MODALITY_VIDEO, PS_REFERRAL_SELF,
    PS_REASON_ADVERSE_EVENT, 25, 23, -1, 2, 0, PS_CLOSURE_COMPLETED, 5, FALSE },
  { "Dr. Juno Prototype", "555-0109", PS_MODALITY_PHONE, PS_REFERRAL_COLLEAGUE,
    PS_REASON_BURNOUT, 20, 18, -1, 1, 0, PS_CLOSURE_REFERRED, 10, FALSE },
  { "Dr. Kai Illustration", "555-0110", PS_MODALITY_IN_PERSON, PS_REFERRAL_SELF,
    PS_REASON_LIFE_STRESSOR, 9, 8, -1, 1, 0, PS_CLOSURE_ESCALATED, 7, TRUE },
  { "Dr. Lior Exemplar", "lior@example.org", PS_MODALITY_PHONE, PS_REFERRAL_SELF,
    PS_REASON_OTHER, 60, 58, -1, 0, 0, PS_CLOSURE_DECLINED, 45, FALSE },
  { "Dr. Mina Draft", "555-0112", PS_MODALITY_PHONE, PS_REFERRAL_SELF,
    PS_REASON_COMPLAINT, 16, -1, 13, 0, 0, PS_CLOSURE_UNREACHABLE, 6, FALSE },
};

static const char * const demo_steps[] = {
  "open", "listen", "normalise", "safety", "cope", "resources", NULL
};

static void
date_days_ago (GDateTime *now_local,
               int        days,
               GDate     *out)
{
  g_autoptr(GDateTime) then = g_date_time_add_days (now_local, -days);

  ps_date_set_from_date_time (out, then, NULL);
}

/* Days ago at 10:00 local time (or now, for today when that is earlier). */
static GDateTime *
instant_days_ago (GDateTime *now_local,
                  int        days)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (now_local, -days);
  g_autoptr(GDateTime) morning = NULL;

  morning = g_date_time_new (g_date_time_get_timezone (now_local),
                             g_date_time_get_year (day), g_date_time_get_month (day),
                             g_date_time_get_day_of_month (day), 10, 0, 0);
  if (g_date_time_compare (morning, now_local) > 0)
    return g_date_time_ref (now_local);
  return g_steal_pointer (&morning);
}

static gboolean
populate_one (PsStore        *store,
              GDateTime      *now_local,
              const DemoCase *demo,
              GError        **error)
{
  g_autoptr(PsCaseFields) fields = ps_case_fields_new ();
  g_autoptr(PsCase) kase = NULL;
  gint64 id;

  fields->display_name = g_strdup (demo->name);
  fields->contact = g_strdup (demo->contact);
  fields->modality = demo->modality;
  fields->referral = demo->referral;
  fields->consent_confirmed = demo->referral == PS_REFERRAL_COLLEAGUE;
  fields->reason = demo->reason;
  date_days_ago (now_local, demo->requested_days_ago, &fields->requested_on);
  date_days_ago (now_local, MAX (demo->requested_days_ago - 1, 0), &fields->assigned_on);

  if (!(kase = ps_store_create_case (store, fields, error)))
    return FALSE;
  id = ps_case_get_id (kase);

  if (demo->no_answer_days_ago >= 0)
    {
      g_autoptr(GDateTime) at = instant_days_ago (now_local, demo->no_answer_days_ago);

      if (!ps_store_log_contact_attempt (store, id, at, PS_CONTACT_NO_ANSWER, error))
        return FALSE;
    }

  if (demo->reached_days_ago >= 0)
    {
      g_autoptr(GDateTime) at = instant_days_ago (now_local, demo->reached_days_ago);

      if (!ps_store_log_contact_attempt (store, id, at, PS_CONTACT_REACHED, error))
        return FALSE;
    }

  for (int i = 0; i < demo->completed_conversations; i++)
    {
      int days = MAX (demo->reached_days_ago - 1 - 3 * i, 1);
      g_autoptr(GDateTime) at = instant_days_ago (now_local, days);
      g_autoptr(PsConversation) conversation = NULL;
      gint64 conversation_id;

      conversation = ps_store_schedule_conversation (store, id, at, 30, demo->modality, error);
      if (conversation == NULL)
        return FALSE;
      conversation_id = ps_conversation_get_id (conversation);
      if (!ps_store_set_covered_steps (store, conversation_id, demo_steps, error) ||
          !ps_store_set_safety_concern (store, conversation_id, demo->safety_concern, error) ||
          !ps_store_set_conversation_state (store, conversation_id,
                                            PS_CONVERSATION_COMPLETED, error))
        return FALSE;
    }

  if (demo->next_in_minutes > 0)
    {
      g_autoptr(GDateTime) at = g_date_time_add_minutes (now_local, demo->next_in_minutes);
      g_autoptr(PsConversation) conversation = NULL;

      conversation = ps_store_schedule_conversation (store, id, at, 30, demo->modality, error);
      if (conversation == NULL)
        return FALSE;
    }

  if (demo->closure != PS_CLOSURE_NONE)
    {
      GDate closed_on;

      date_days_ago (now_local, demo->closed_days_ago, &closed_on);
      if (!ps_store_close_case (store, id, demo->closure, &closed_on, error))
        return FALSE;
    }

  return TRUE;
}

/* Group debriefs: a headcount, never names. */
typedef struct
{
  int            days_ago;        /* negative: to come */
  int            hour;
  guint          minutes;
  PsModality     modality;
  PsGroupPrompt  prompt;
  guint          headcount;
  guint          referrals;
} DemoGroup;

static const DemoGroup demo_groups[] = {
  { 3, 16, 60, PS_MODALITY_IN_PERSON, PS_GROUP_PROMPT_CRITICAL_INCIDENT, 12, 2 },
  { 20, 13, 45, PS_MODALITY_VIDEO, PS_REASON_BURNOUT, 7, 1 },
  { -2, 14, 90, PS_MODALITY_IN_PERSON, PS_REASON_ADVERSE_EVENT, 8, 0 },
};

static const char * const demo_group_steps[] = {
  "group.introduce", "group.confidentiality", "group.voluntary", "group.what-happened",
  "group.reactions", "group.normalise", "group.coping", "group.resources", "group.thank", NULL
};

static gboolean
populate_groups (PsStore    *store,
                 GDateTime  *now_local,
                 GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_groups); i++)
    {
      const DemoGroup *demo = &demo_groups[i];
      g_autoptr(GDateTime) day = g_date_time_add_days (now_local, -demo->days_ago);
      g_autoptr(GDateTime) at = g_date_time_new (g_date_time_get_timezone (now_local),
                                                 g_date_time_get_year (day),
                                                 g_date_time_get_month (day),
                                                 g_date_time_get_day_of_month (day),
                                                 demo->hour, 0, 0);
      PsGroupDebriefFields fields = { at, demo->minutes, demo->modality, demo->prompt,
                                      demo->headcount, demo->referrals };
      gboolean held = demo->days_ago > 0;
      g_autoptr(PsGroupDebrief) debrief =
        ps_store_schedule_group_debrief (store, &fields,
                                         held ? PS_CONVERSATION_COMPLETED : PS_CONVERSATION_SCHEDULED,
                                         held ? demo_group_steps : NULL, error);

      if (debrief == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
ps_demo_populate (PsStore  *store,
                  PsClock  *clock,
                  GError  **error)
{
  g_autoptr(GDateTime) now_local = NULL;
  g_autoptr(GDateTime) now_utc = NULL;
  g_autoptr(GDateTime) cutoff = NULL;

  g_return_val_if_fail (PS_IS_STORE (store), FALSE);
  g_return_val_if_fail (PS_IS_CLOCK (clock), FALSE);

  now_local = ps_clock_get_now_local (clock);
  now_utc = ps_clock_get_now_utc (clock);

  for (guint i = 0; i < G_N_ELEMENTS (demo_cases); i++)
    if (!populate_one (store, now_local, &demo_cases[i], error))
      return FALSE;
  if (!populate_groups (store, now_local, error))
    return FALSE;

  /* Retention at its default, 30 days: the oldest closed case loses its name. */
  cutoff = g_date_time_add_days (now_utc, -30);
  return ps_store_deidentify_closed_before (store, cutoff, error);
}
