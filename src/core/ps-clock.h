/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PS_TYPE_CLOCK (ps_clock_get_type ())
G_DECLARE_FINAL_TYPE (PsClock, ps_clock, PS, CLOCK, GObject)

PsClock   *ps_clock_new             (void);
PsClock   *ps_clock_new_fake        (GDateTime *now);
GDateTime *ps_clock_get_now_utc     (PsClock   *self);
GDateTime *ps_clock_get_now_local   (PsClock   *self);
GTimeZone *ps_clock_get_timezone    (PsClock   *self);
void       ps_clock_get_today       (PsClock   *self,
                                     GDate     *out);
void       ps_clock_set_now         (PsClock   *self,
                                     GDateTime *now);
void       ps_clock_advance         (PsClock   *self,
                                     GTimeSpan  span);
gint64     ps_clock_get_monotonic   (PsClock   *self);
void       ps_clock_set_timezone    (PsClock   *self,
                                     GTimeZone *tz);
void       ps_clock_check_day       (PsClock   *self);
const char *ps_clock_get_boot_id    (PsClock   *self);
gint64     ps_clock_get_since_boot  (PsClock   *self);
gboolean   ps_clock_get_synchronized (PsClock  *self);
void       ps_clock_set_synchronized (PsClock  *self,
                                      gboolean   synchronized);

G_END_DECLS
