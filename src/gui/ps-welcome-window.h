/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The welcome on first start: a few pages, one after the other, that set up
 * what safety depends on before the first case — the region and its crisis
 * lines, the supporter's own lines and the program's contacts, then the
 * first-contact targets. Everything is saved as it is chosen; Start (or
 * closing the window) sets "welcome-done". */
#define PS_TYPE_WELCOME_WINDOW (ps_welcome_window_get_type ())
G_DECLARE_FINAL_TYPE (PsWelcomeWindow, ps_welcome_window, PS, WELCOME_WINDOW, AdwWindow)

PsWelcomeWindow *ps_welcome_window_new          (GSettings       *settings);
/* For tests: the page on show (0 is the first), and the pages in all. */
guint            ps_welcome_window_get_position (PsWelcomeWindow *self);
guint            ps_welcome_window_get_n_pages  (PsWelcomeWindow *self);
GtkWidget       *ps_welcome_window_get_page     (PsWelcomeWindow *self,
                                                 guint            index);

G_END_DECLS
