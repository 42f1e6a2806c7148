/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-time-format.h"

G_BEGIN_DECLS

/* A row holding one time of day, typed as "14:30" (or "1430", "9", "14h30",
 * "2:30 pm") in a single field, as GNOME Calendar does, and shown as the
 * clock writes it: "2:30 PM" on a 12-hour clock (ps-time-format.h). Up and Down change the part
 * under the cursor: the hour by one, the minutes by five. What is not a
 * time (25:00, 14:99, letters) is kept as typed and reported, never
 * silently clamped: "valid" turns FALSE and the owner says why. */
#define PS_TYPE_TIME_ROW (ps_time_row_get_type ())
G_DECLARE_FINAL_TYPE (PsTimeRow, ps_time_row, PS, TIME_ROW, AdwActionRow)

GtkWidget   *ps_time_row_new        (void);
gboolean     ps_time_row_get_time   (PsTimeRow *self,
                                     int       *hour,
                                     int       *minute);
void         ps_time_row_set_time   (PsTimeRow *self,
                                     int        hour,
                                     int        minute);
gboolean     ps_time_row_get_valid  (PsTimeRow *self);
/* The message for a time that is refused, in the clock's form. */
const char  *ps_time_row_get_error_text (PsTimeRow *self);
GtkEditable *ps_time_row_get_entry  (PsTimeRow *self);
/* The typed time on @day in @tz, or NULL without a day or a time. @missing
 * is set when the clocks skip that time that day (GLib then moves it on). */
GDateTime   *ps_time_row_get_date_time (PsTimeRow   *self,
                                        const GDate *day,
                                        GTimeZone   *tz,
                                        gboolean    *missing);

/* The choices beside a time in every dialog that plans or records one:
 * @n lengths as "30 minutes", and the ways to meet in PsModality order. */
GListModel  *ps_length_list_new     (const guint *lengths,
                                     guint        n);
GListModel  *ps_modality_list_new   (void);

G_END_DECLS
