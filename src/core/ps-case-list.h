/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-case.h"

G_BEGIN_DECLS

/* The store's lists of cases: a GListModel of PsCase in id order, held in
 * one array. A GListStore keeps a GSequence node (40 bytes of GSlice) per
 * item: with 10,000 cases in two lists, 0.8 MB. */
#define PS_TYPE_CASE_LIST (ps_case_list_get_type ())
G_DECLARE_FINAL_TYPE (PsCaseList, ps_case_list, PS, CASE_LIST, GObject)

PsCaseList *ps_case_list_new    (void);
void        ps_case_list_append (PsCaseList *self,
                                 PsCase    **items,
                                 guint       n_items);
void        ps_case_list_ensure (PsCaseList *self,
                                 PsCase     *item);
void        ps_case_list_remove (PsCaseList *self,
                                 PsCase     *item);

G_END_DECLS
