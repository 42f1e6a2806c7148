/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Horizontal bars, one per category: its label above, the bar below with
 * the value beside it. Drawn in the accent colour, so it follows the light
 * and dark styles. For screen readers it is an image whose label is the
 * chart's title and whose description lists every value. */
#define PS_TYPE_BAR_CHART (ps_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (PsBarChart, ps_bar_chart, PS, BAR_CHART, GtkWidget)

void        ps_bar_chart_set_title       (PsBarChart          *self,
                                          const char          *title);
/* Replaces the bars: @labels (translated) and @values, @n_bars of each. */
void        ps_bar_chart_set_bars        (PsBarChart          *self,
                                          const char * const  *labels,
                                          const guint         *values,
                                          guint                n_bars);
/* Bars ordered by value, largest first (for categories, not for months). */
void        ps_bar_chart_set_sorted      (PsBarChart          *self,
                                          gboolean             sorted);
/* Counts from 1 to 4 written "fewer than 5", on screen and for screen readers. */
void        ps_bar_chart_set_hide_small_counts (PsBarChart    *self,
                                          gboolean             hide);
guint       ps_bar_chart_get_n_bars      (PsBarChart          *self);
/* In the order shown. */
const char *ps_bar_chart_get_label       (PsBarChart          *self,
                                          guint                position);
guint       ps_bar_chart_get_value       (PsBarChart          *self,
                                          guint                position);
/* "Label: 4, Label: 2, …", as given to assistive technologies. */
const char *ps_bar_chart_get_description (PsBarChart          *self);

G_END_DECLS
