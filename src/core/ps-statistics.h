/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-enums.h"
#include "ps-group-debrief.h"
#include "ps-store.h"

G_BEGIN_DECLS

/* Conversations per case are counted in buckets 0, 1, 2, 3 and 4 or more. */
#define PS_STATISTICS_N_CONVERSATION_BUCKETS 5
#define PS_STATISTICS_N_REASONS              (PS_REASON_OTHER + 1)
#define PS_STATISTICS_N_CLOSURE_STATUSES     (PS_CLOSURE_TRANSFERRED + 1)

/* What the statistics and the CSV export know of one case: codes, dates and
 * counts, never a name or a contact, so nothing built from it can leak one.
 * Dates are cleared (invalid) when unknown. */
typedef struct
{
  PsReason         reason;
  GDate            requested_on;
  GDate            first_contact_on;
  int              days_to_first_contact;   /* -1: not contacted yet */
  PsClosureStatus  closure_status;          /* PS_CLOSURE_NONE: open */
  GDate            closed_on;
  guint            n_conversations;         /* held (completed) */
  gboolean         safety_concern;          /* in any of its conversations */
  gboolean         deidentified;
} PsCaseFacts;

/* De-identified program statistics for a period of days [from, to], in the
 * store clock's time zone: the cases requested in the period and the
 * conversations held in it. Computed once; recompute after ::changed. */
#define PS_TYPE_STATISTICS (ps_statistics_get_type ())
G_DECLARE_FINAL_TYPE (PsStatistics, ps_statistics, PS, STATISTICS, GObject)

PsStatistics      *ps_statistics_compute                      (PsStore         *store,
                                                               const GDate     *from,
                                                               const GDate     *to,
                                                               guint            target_days);

void               ps_statistics_get_period                   (PsStatistics    *self,
                                                               GDate           *from,
                                                               GDate           *to);
guint              ps_statistics_get_target_days              (PsStatistics    *self);

/* Cases requested in the period. */
guint              ps_statistics_get_n_cases                  (PsStatistics    *self);
guint              ps_statistics_get_n_cases_by_reason        (PsStatistics    *self,
                                                               PsReason         reason);
/* PS_CLOSURE_NONE counts the cases still open. */
guint              ps_statistics_get_n_cases_by_closure       (PsStatistics    *self,
                                                               PsClosureStatus  status);
guint              ps_statistics_get_n_closed                 (PsStatistics    *self);

/* First contact: days from the request to the first time the colleague was
 * reached (a "reached" contact attempt, or a held conversation if earlier). */
guint              ps_statistics_get_n_contacted              (PsStatistics    *self);
/* -1 when no case was contacted. */
double             ps_statistics_get_median_days_to_contact   (PsStatistics    *self);
guint              ps_statistics_get_n_within_target          (PsStatistics    *self);
/* Contacted late, or not contacted while the target has passed. */
guint              ps_statistics_get_n_missed_target          (PsStatistics    *self);
/* Not contacted and still within the target: not yet known either way. */
guint              ps_statistics_get_n_awaiting_contact       (PsStatistics    *self);
/* within / (within + missed); -1 when neither. */
double             ps_statistics_get_share_within_target      (PsStatistics    *self);

/* Held conversations per case: @bucket 0..3, or 4 for four or more. */
guint              ps_statistics_get_n_cases_with_conversations (PsStatistics  *self,
                                                                 guint          bucket);
/* -1 when there are no cases. */
double             ps_statistics_get_mean_conversations       (PsStatistics    *self);

/* Conversations held (completed) in the period, whichever case they are for. */
guint              ps_statistics_get_n_conversations_held     (PsStatistics    *self);
guint              ps_statistics_get_n_safety_concerns        (PsStatistics    *self);
/* -1 when no conversation was held. */
double             ps_statistics_get_share_safety_concern     (PsStatistics    *self);

/* The cases requested in the period, ordered by request date. */
guint              ps_statistics_get_n_case_facts             (PsStatistics    *self);
const PsCaseFacts *ps_statistics_get_case_facts               (PsStatistics    *self,
                                                               guint            position);

/* Reach: people and time given in the period, one-to-one and in groups. */
#define PS_STATISTICS_MAX_MONTHS 12

/* One month of the trend. */
typedef struct
{
  int    year;
  guint  month;            /* 1..12 */
  guint  individuals;      /* colleagues with a conversation held that month */
  guint  conversations;    /* held */
  guint  groups;           /* group debriefs held */
  guint  group_people;     /* their headcounts */
} PsStatisticsMonth;

/* Colleagues with at least one conversation held in the period. */
guint              ps_statistics_get_n_individuals_reached    (PsStatistics    *self);
/* Individuals plus the headcounts of the group debriefs held. */
guint              ps_statistics_get_n_people_reached         (PsStatistics    *self);
/* Minutes of the conversations held (from Start to End, at most three
 * times the planned length; the planned length when not run in Peerside)
 * and of the group debriefs held (their length). */
guint              ps_statistics_get_minutes_given            (PsStatistics    *self);
guint              ps_statistics_get_n_groups_held            (PsStatistics    *self);
guint              ps_statistics_get_n_group_people           (PsStatistics    *self);
guint              ps_statistics_get_n_groups_by_prompt       (PsStatistics    *self,
                                                               PsGroupPrompt    prompt);
/* Cases closed as referred plus the people offered a referral in groups. */
guint              ps_statistics_get_n_referrals              (PsStatistics    *self);
guint              ps_statistics_get_n_group_referrals        (PsStatistics    *self);
/* The monthly trend: the period's last months (at most
 * PS_STATISTICS_MAX_MONTHS), from the first month with data, oldest first. */
guint              ps_statistics_get_n_months                 (PsStatistics    *self);
const PsStatisticsMonth *ps_statistics_get_month              (PsStatistics    *self,
                                                               guint            position);

G_END_DECLS
