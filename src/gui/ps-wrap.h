/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A label on one line where there is room, wrapped where there is not (a
 * long translation at 360 px), rather than widening its window. */
void ps_wrap_label           (GtkLabel  *label);
/* The same for a button's label, centred. */
void ps_wrap_button_label    (GtkButton *button);
/* The wrapping labels under @widget measure their minimum at a few
 * characters rather than at one character a line. */
void ps_wrap_bound_min_width (GtkWidget *widget);
/* The popups of the combo rows under @widget (itself included) list their
 * choices whole, wrapped where long, rather than cut short. */
void ps_wrap_combo_rows      (GtkWidget *widget);
void ps_wrap_combo_row       (AdwComboRow *row);

G_END_DECLS
