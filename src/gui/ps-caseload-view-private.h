/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-case-page.h"
#include "ps-caseload-view.h"

G_BEGIN_DECLS

GListModel *ps_caseload_view_get_visible_cases (PsCaseloadView *self);
void        ps_caseload_view_set_search        (PsCaseloadView *self,
                                                const char     *text);
void        ps_caseload_view_show_closed       (PsCaseloadView *self,
                                                gboolean        closed);
const char *ps_caseload_view_get_visible_page  (PsCaseloadView *self);
PsCasePage *ps_caseload_view_get_case_page     (PsCaseloadView *self);
/* The count shown on Open or Closed, "12". */
const char *ps_caseload_view_get_scope_count   (PsCaseloadView *self,
                                                gboolean        closed);
/* The button to the search's matches in the other list, or NULL when hidden. */
GtkButton  *ps_caseload_view_get_elsewhere     (PsCaseloadView *self);
void        ps_caseload_view_open_case         (PsCaseloadView *self,
                                                PsCase         *item);
void        ps_caseload_view_open_case_from    (PsCaseloadView *self,
                                                PsCase         *item,
                                                const char     *back_action);

G_END_DECLS
