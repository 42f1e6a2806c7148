/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"

G_BEGIN_DECLS

/* The agenda: conversations to hold and first contacts to make, grouped as
 * Overdue, Today, Tomorrow, This Week (to the locale's last day of the
 * week: Saturday in en_US, Sunday in fr_FR) and Later. Activating an
 * entry emits ::open-case with the case id, or ::start-conversation for a
 * conversation due to start within 10 minutes or under way. The header has
 * an export button (iCalendar). */
#define PS_TYPE_SCHEDULE_VIEW (ps_schedule_view_get_type ())
G_DECLARE_FINAL_TYPE (PsScheduleView, ps_schedule_view, PS, SCHEDULE_VIEW, GtkWidget)

PsScheduleView *ps_schedule_view_new (PsContext *context);

G_END_DECLS
