/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-case.h"

G_BEGIN_DECLS

/* One place in the caseload list. Its position stays while a search changes
 * which case it holds: "changed" says to draw the row again. GTK 4.8's list
 * view would otherwise make and measure up to 200 new rows per keystroke. */
#define PS_TYPE_CASE_SLOT (ps_case_slot_get_type ())
G_DECLARE_FINAL_TYPE (PsCaseSlot, ps_case_slot, PS, CASE_SLOT, GObject)

PsCase *ps_case_slot_get_case (PsCaseSlot *self);

/* The caseload as the list shows it: the cases of a source model in order of
 * urgency, the open or the closed ones, whose name contains a search
 * regardless of case and accents. A
 * GListModel of PsCaseSlot. */
#define PS_TYPE_CASE_RESULTS (ps_case_results_get_type ())
G_DECLARE_FINAL_TYPE (PsCaseResults, ps_case_results, PS, CASE_RESULTS, GObject)

PsCaseResults *ps_case_results_new         (void);
void           ps_case_results_set_source  (PsCaseResults *self,
                                            GListModel    *cases);
void           ps_case_results_set_order   (PsCaseResults *self,
                                            GDateTime     *now_local,
                                            int            due_days,
                                            int            overdue_days);
void           ps_case_results_update_case (PsCaseResults *self,
                                            PsCase        *item,
                                            GDateTime     *now_local,
                                            int            due_days,
                                            int            overdue_days);
void           ps_case_results_set_filter  (PsCaseResults *self,
                                            gboolean       closed,
                                            const char    *search);
void           ps_case_results_rebind_all  (PsCaseResults *self);
gint64         ps_case_results_get_changes_at (PsCaseResults *self);
PsCase        *ps_case_results_get_case    (PsCaseResults *self,
                                            guint          position);
guint          ps_case_results_find        (PsCaseResults *self,
                                            PsCase        *item);
guint          ps_case_results_get_n_cases (PsCaseResults *self,
                                            gboolean       closed);
guint          ps_case_results_get_n_elsewhere (PsCaseResults *self);

G_END_DECLS
