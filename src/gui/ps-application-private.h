/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-application.h"
#include "ps-lock-monitor.h"

G_BEGIN_DECLS

void           ps_application_install_actions  (PsApplication *self);
PsLockMonitor *ps_application_get_lock_monitor (PsApplication *self);

G_END_DECLS
