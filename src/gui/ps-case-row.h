/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ps-case.h"
#include "ps-case-timeline.h"

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
gboolean    ps_case_row_get_state_line_cut (PsCaseRow *self);
gboolean    ps_case_row_get_meta_line_cut (PsCaseRow *self);
GtkWidget  *ps_case_row_get_resume_button (PsCaseRow *self);

/* The sentence under a case's name: "First contact due tomorrow",
 * "Next conversation Thu 14:30 · phone", "Closed · declined support". */
char      *ps_case_describe_timeline  (PsCase               *item,
                                       const PsCaseTimeline *timeline,
                                       const PsTimelineNow  *now);

G_END_DECLS
