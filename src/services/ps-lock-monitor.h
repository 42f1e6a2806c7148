/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-context.h"

G_BEGIN_DECLS

#define PS_TYPE_LOCK_MONITOR (ps_lock_monitor_get_type ())
G_DECLARE_FINAL_TYPE (PsLockMonitor, ps_lock_monitor, PS, LOCK_MONITOR, GObject)

PsLockMonitor *ps_lock_monitor_new          (PsContext     *context);
void           ps_lock_monitor_poke         (PsLockMonitor *self);
void           ps_lock_monitor_lock         (PsLockMonitor *self);
void           ps_lock_monitor_hold         (PsLockMonitor *self,
                                             gint64         until);
void           ps_lock_monitor_set_screensaver_active (PsLockMonitor *self,
                                                       gboolean       active);
/* For tests: run the idle check now, as the timer would. */
gboolean       ps_lock_monitor_check_idle   (PsLockMonitor *self);

G_END_DECLS
