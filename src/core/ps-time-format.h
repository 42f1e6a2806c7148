/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How times of day and weeks are written, as the supporter's desktop and
 * locale have them. Times follow the desktop's clock, GNOME's
 * org.gnome.desktop.interface clock-format, once the user (or their
 * desktop's settings panel) has set it, as GNOME Calendar and Clocks do;
 * otherwise, or where that schema is not installed, the locale's own time
 * format (12-hour when it holds %p, %I, %l or %r, as en_US's does). A
 * locale without words for AM and PM (French) always has 24 hours: a
 * 12-hour "2:30" alone would be ambiguous.
 *
 * One object per process, as AdwStyleManager is for the desktop's colours:
 * the desktop setting and the locale belong to the process, not to a
 * caseload. "twelve-hour" is notified when the setting changes, so that
 * what shows a time shows it again. */
#define PS_TYPE_TIME_FORMAT (ps_time_format_get_type ())
G_DECLARE_FINAL_TYPE (PsTimeFormat, ps_time_format, PS, TIME_FORMAT, GObject)

PsTimeFormat *ps_time_format_get_default     (void);
gboolean      ps_time_format_get_twelve_hour (PsTimeFormat *self);

/* "14:30", or "2:30 PM" on a 12-hour clock; @local is in the zone shown. */
char         *ps_format_time                 (GDateTime    *local);
char         *ps_format_hour_minute          (int           hour,
                                              int           minute);
/* g_date_time_format() of @local, with the time of day in @format written
 * "%H:%M" (as translators write it, "%a %-d %b, %H:%M") turned into the
 * 12-hour form on a 12-hour clock. */
char         *ps_format_date_time            (GDateTime    *local,
                                              const char   *format);

/* TRUE when @text is a time of day: "14:30", "1430", "9", "14h30",
 * "2:30 PM", "2:30 pm", "2pm", "12:05 a.m."; sets @hour and @minute.
 * Either clock's form is read whichever is shown; what is no time
 * ("25:00", "14:99", "13:00 PM", "0:30 AM") is refused. */
gboolean      ps_time_parse                  (const char   *text,
                                              int          *hour,
                                              int          *minute);
/* As ps_time_parse, on the clock the supporter reads: with @twelve_hour, a
 * time that could be morning or afternoon ("2:30", "12:00") is refused
 * rather than guessed; "2:30 PM", "0:30" and "14:30" are not. */
gboolean      ps_time_parse_on_clock         (const char   *text,
                                              gboolean      twelve_hour,
                                              int          *hour,
                                              int          *minute);

/* How many days after @day its week ends, 0 on the week's last day. Weeks
 * start on the locale's first weekday: Sunday in en_US, Monday in fr_FR and
 * en_GB (glibc's _NL_TIME_FIRST_WEEKDAY, as GtkCalendar reads it). */
int           ps_days_to_end_of_week         (const GDate  *day);

G_END_DECLS
