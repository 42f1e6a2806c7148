/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A row that looks and behaves as an AdwActionRow (title, subtitle, prefix
 * and suffix widgets, an activatable widget), laid out on a GtkGrid.
 *
 * GTK 4.8 measures the height of a horizontal GtkBox holding wrapped text,
 * as every AdwActionRow's header is, by laying each label out at a dozen
 * widths, and allocating a header centred in its row asks it its width for
 * a height, a binary search through more layouts: some 40 Pango layouts
 * per row where a grid, filling its row, needs two. The text is centred
 * in the row by a GtkCenterBox, which allocates it without asking. Lists of rows with
 * wrapped subtitles (the conversation's checklist) are built with these.
 * The title is the AdwPreferencesRow's. */
#define PS_TYPE_GRID_ROW (ps_grid_row_get_type ())
G_DECLARE_FINAL_TYPE (PsGridRow, ps_grid_row, PS, GRID_ROW, AdwPreferencesRow)

GtkWidget  *ps_grid_row_new                    (void);
const char *ps_grid_row_get_subtitle           (PsGridRow  *self);
void        ps_grid_row_set_subtitle           (PsGridRow  *self,
                                                const char *subtitle);
void        ps_grid_row_add_prefix             (PsGridRow  *self,
                                                GtkWidget  *widget);
void        ps_grid_row_add_suffix             (PsGridRow  *self,
                                                GtkWidget  *widget);
void        ps_grid_row_set_activatable_widget (PsGridRow  *self,
                                                GtkWidget  *widget);

G_END_DECLS
