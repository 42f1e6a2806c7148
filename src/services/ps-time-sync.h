/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-clock.h"

G_BEGIN_DECLS

#define PS_TYPE_TIME_SYNC (ps_time_sync_get_type ())
G_DECLARE_FINAL_TYPE (PsTimeSync, ps_time_sync, PS, TIME_SYNC, GObject)

PsTimeSync *ps_time_sync_new (PsClock *clock);

G_END_DECLS
