/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-application.h"
#include "ps-lock-monitor.h"
#include "ps-reminder-service.h"

G_BEGIN_DECLS

void           ps_application_install_actions  (PsApplication *self);
PsLockMonitor *ps_application_get_lock_monitor (PsApplication *self);
/* For tests: the reminders, whose ::open-case a reminder's Open emits. */
PsReminderService *ps_application_get_reminder_service (PsApplication *self);

G_END_DECLS
