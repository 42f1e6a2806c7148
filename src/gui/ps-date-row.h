/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A row holding one day, chosen in a calendar popover. The day shows as the
 * label of the row's button; "date" is a boxed GDate (G_TYPE_DATE). */
#define PS_TYPE_DATE_ROW (ps_date_row_get_type ())
G_DECLARE_FINAL_TYPE (PsDateRow, ps_date_row, PS, DATE_ROW, AdwActionRow)

GtkWidget   *ps_date_row_new          (void);
const GDate *ps_date_row_get_date     (PsDateRow   *self);
void         ps_date_row_set_date     (PsDateRow   *self,
                                       const GDate *date);

/* A day as Peerside shows it everywhere: "Thu 14 Nov 2024". */
char        *ps_date_row_format_date  (const GDate *date);

G_END_DECLS
