/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ps-case.h"

G_BEGIN_DECLS

#define PS_TYPE_CASE_ROW (ps_case_row_get_type ())
G_DECLARE_FINAL_TYPE (PsCaseRow, ps_case_row, PS, CASE_ROW, GtkWidget)

GtkWidget *ps_case_row_new            (void);
void       ps_case_row_bind           (PsCaseRow   *self,
                                       PsCase      *item,
                                       GDateTime   *now_local,
                                       int          due_days,
                                       int          overdue_days,
                                       gboolean     privacy_mode);
void       ps_case_row_unbind         (PsCaseRow   *self);
const char *ps_case_row_get_title     (PsCaseRow   *self);
const char *ps_case_row_get_state_line (PsCaseRow  *self);

/* How urgent a case is, for the list's order and its colour. */
typedef enum
{
  PS_URGENCY_OVERDUE,
  PS_URGENCY_DUE_SOON,
  PS_URGENCY_PLANNED,
  PS_URGENCY_NONE,
  PS_URGENCY_CLOSED,
} PsUrgency;

/* The sentence under a case's name: "First contact due tomorrow",
 * "Next conversation Thu 14:30 · phone", "Closed · declined support". */
char      *ps_case_describe_state     (PsCase      *item,
                                       GDateTime   *now_local,
                                       int          due_days,
                                       int          overdue_days);
PsUrgency  ps_case_get_urgency        (PsCase      *item,
                                       GDateTime   *now_local,
                                       int          due_days,
                                       int          overdue_days);
/* What the order compares, made once per case for a sort of thousands;
 * ps_urgency_key_compare is negative when a is more urgent than b. */
typedef struct
{
  PsUrgency urgency;
  gint64    instant;   /* the due day or the next conversation; closed: -closing day */
  gint64    id;
} PsUrgencyKey;

void       ps_case_get_urgency_key    (PsCase       *item,
                                       GDateTime    *now_local,
                                       int           due_days,
                                       int           overdue_days,
                                       PsUrgencyKey *key);
int        ps_urgency_key_compare     (const PsUrgencyKey *a,
                                       const PsUrgencyKey *b);
/* The day first contact is due (requested + due_days). */
void       ps_case_get_first_contact_due (PsCase   *item,
                                          int       due_days,
                                          GDate    *out);

G_END_DECLS
