/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-welcome-window.h"

#include "ps-context.h"

G_BEGIN_DECLS

#define PS_TYPE_APPLICATION (ps_application_get_type ())
G_DECLARE_FINAL_TYPE (PsApplication, ps_application, PS, APPLICATION, AdwApplication)

PsApplication *ps_application_new           (void);
PsApplication *ps_application_new_with_clock (PsClock     *clock);
PsContext     *ps_application_get_context   (PsApplication *self);
GSettings     *ps_application_get_settings  (PsApplication *self);
GtkWindow     *ps_application_get_main_window (PsApplication *self);
/* The first-start welcome while it shows, else NULL. */
PsWelcomeWindow *ps_application_get_welcome  (PsApplication *self);
void           ps_process_harden            (void);

G_END_DECLS
