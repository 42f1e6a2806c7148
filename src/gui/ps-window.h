/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-application.h"
#include "ps-caseload-view.h"
#include "ps-context.h"
#include "ps-conversation-page.h"

G_BEGIN_DECLS

#define PS_TYPE_WINDOW (ps_window_get_type ())
G_DECLARE_FINAL_TYPE (PsWindow, ps_window, PS, WINDOW, AdwApplicationWindow)

PsWindow   *ps_window_new              (PsApplication *application,
                                        PsContext     *context);
PsContext  *ps_window_get_context      (PsWindow      *self);
const char *ps_window_get_visible_page (PsWindow      *self);
void        ps_window_add_toast        (PsWindow      *self,
                                        AdwToast      *toast);
PsCaseloadView *ps_window_get_caseload_view (PsWindow      *self);
GMenuModel *ps_window_get_primary_menu (PsWindow      *self);
void        ps_window_show_error       (PsWindow      *self,
                                        const GError  *error);
/* The conversation on show over the views, or NULL. */
PsConversationPage *ps_window_get_conversation_page (PsWindow *self);
gboolean    ps_window_quit_after_conversation (PsWindow *self);

G_END_DECLS
