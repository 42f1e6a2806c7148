/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ps_wrap_bound_min_width (GtkWidget *widget);

G_END_DECLS
