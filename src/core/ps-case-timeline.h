/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ps-case.h"
#include "ps-conversation.h"

G_BEGIN_DECLS

/* A conversation can be started this long before its start. */
#define PS_TIMELINE_START_EARLY_MINUTES 10
/* The hour of a day's reminders, and where a deadline sits in the agenda. */
#define PS_TIMELINE_MORNING_HOUR        9
/* A safety concern is followed up within this many days, by default. */
#define PS_TIMELINE_FOLLOW_UP_DAYS      2

/* How urgent a case is, most urgent first: the caseload's order and colour. */
typedef enum
{
  PS_URGENCY_SAFETY,       /* the latest conversation raised a concern: follow it up */
  PS_URGENCY_OVERDUE,
  PS_URGENCY_DUE_SOON,
  PS_URGENCY_PLANNED,
  PS_URGENCY_NONE,
  PS_URGENCY_CLOSED,
} PsUrgency;

/* Where a conversation stands at "now". */
typedef enum
{
  PS_TIMING_NONE,          /* nothing to hold: held, missed or cancelled */
  PS_TIMING_UPCOMING,
  PS_TIMING_SOON,          /* within the start-early minutes: it may be started */
  PS_TIMING_NOW,           /* its start has come, its planned end not: starting now */
  PS_TIMING_IN_PROGRESS,
  PS_TIMING_LATE,          /* its planned end has passed and it was not held */
} PsTiming;

/* The one action a case's page suggests at "now". */
typedef enum
{
  PS_CASE_ACTION_NONE,          /* closed, or a conversation planned and not yet due */
  PS_CASE_ACTION_LOG_ATTEMPT,   /* awaiting first contact */
  PS_CASE_ACTION_SCHEDULE,      /* in support with nothing planned and none held */
  PS_CASE_ACTION_FOLLOW_UP,     /* a safety concern open and nothing planned: its follow-up */
  PS_CASE_ACTION_START,         /* a conversation soon, starting now or late */
  PS_CASE_ACTION_RESUME,        /* a conversation in progress */
  PS_CASE_ACTION_CLOSE,         /* nothing planned after at least one held */
} PsCaseAction;

/* "Now" and the settings the rules read, made once per refresh. */
typedef struct
{
  GDateTime *now;            /* borrowed, in the local time zone */
  gint64     now_unix;
  GDate      today;          /* local */
  int        due_days;
  int        overdue_days;   /* as applied: never below due_days */
  int        follow_up_days; /* after a safety concern; PS_TIMELINE_FOLLOW_UP_DAYS unless set */
} PsTimelineNow;

/* A case's timeline at "now": plain data, made on the stack. */
typedef struct
{
  PsCaseState  state;
  PsUrgency    urgency;
  /* Awaiting first contact with a request date; invalid otherwise. */
  GDate        due_on;
  GDate        overdue_on;
  int          days_to_due;    /* due_on − today: negative once past */
  /* A safety concern to follow up (urgency PS_URGENCY_SAFETY): the local
   * day by which to hold the follow-up; invalid otherwise. */
  GDate        follow_up_by;
  /* The case's first conversation still to hold (NULL: none). */
  GDateTime   *next_at;        /* borrowed from the case */
  PsTiming     next_timing;
  /* When, after now, the conversation's timing changes by itself (Unix
   * seconds; G_MAXINT64: not before a new day, which the clock announces). */
  gint64       changes_at;
} PsCaseTimeline;

/* What the caseload's order compares, made once per case for a sort of
 * thousands; ps_urgency_key_compare is negative when a is more urgent. */
typedef struct
{
  PsUrgency urgency;
  gint64    instant;   /* seconds: the due day or the next conversation; closed: −closing day */
  gint64    id;
} PsUrgencyKey;

void        ps_timeline_now_init             (PsTimelineNow        *self,
                                              GDateTime            *now_local,
                                              int                   due_days,
                                              int                   overdue_days);

PsTiming    ps_timeline_timing               (const PsTimelineNow  *now,
                                              PsConversationState   state,
                                              GDateTime            *starts_at,
                                              guint                 minutes);
PsTiming    ps_timeline_conversation_timing  (const PsTimelineNow  *now,
                                              PsConversation       *conversation);
/* Whether a conversation at @timing is started when asked for, rather than
 * its case opened. */
gboolean    ps_timing_is_startable           (PsTiming              timing);
/* The case page suggests Start (soon, now or late), and Start takes the
 * planned conversation: the one rule for both. */
gboolean    ps_timing_suggests_start         (PsTiming              timing);
/* The planned end of a conversation (transfer full). */
GDateTime  *ps_timeline_conversation_end     (GDateTime            *starts_at,
                                              guint                 minutes);

/* The days first contact after a request on @requested is due and overdue. */
void        ps_timeline_first_contact_days   (const GDate          *requested,
                                              int                   due_days,
                                              int                   overdue_days,
                                              GDate                *due_on,
                                              GDate                *overdue_on);
/* 09:00 local time in @tz on @day + @plus_days, as a UTC instant (transfer full). */
GDateTime  *ps_timeline_morning              (const GDate          *day,
                                              guint                 plus_days,
                                              GTimeZone            *tz);

void        ps_case_timeline_init            (PsCaseTimeline       *self,
                                              PsCase               *kase,
                                              const PsTimelineNow  *now);
PsCaseAction ps_case_timeline_next_action   (const PsCaseTimeline *self,
                                              PsCase               *kase);
void        ps_case_timeline_get_key         (const PsCaseTimeline *self,
                                              PsCase               *kase,
                                              PsUrgencyKey         *key);
int         ps_urgency_key_compare           (const PsUrgencyKey   *a,
                                              const PsUrgencyKey   *b);

G_END_DECLS
