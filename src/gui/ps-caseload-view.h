/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"

G_BEGIN_DECLS

#define PS_TYPE_CASELOAD_VIEW (ps_caseload_view_get_type ())
G_DECLARE_FINAL_TYPE (PsCaseloadView, ps_caseload_view, PS, CASELOAD_VIEW, GtkWidget)

PsCaseloadView *ps_caseload_view_new (PsContext *context);

G_END_DECLS
