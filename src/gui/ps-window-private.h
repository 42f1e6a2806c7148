/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-window.h"

G_BEGIN_DECLS

/* For widget tests: the parts a user reads on the error page. */
const char *ps_window_get_error_title       (PsWindow *self);
const char *ps_window_get_error_description (PsWindow *self);
gboolean    ps_window_get_error_can_retry   (PsWindow *self);
gboolean    ps_window_get_error_can_restore (PsWindow *self);
AdwLeaflet *ps_window_get_leaflet           (PsWindow *self);
/* "caseload", "schedule" or "overview" */
const char *ps_window_get_visible_view      (PsWindow *self);

typedef struct
{
  const char *icon_name;
  const char *title;
  const char *description;
  gboolean    can_retry;
  gboolean    can_restore;   /* the file does not open: a backup can take its place */
} PsErrorText;

void ps_error_text_for (const GError *error,
                        PsErrorText  *text);

G_END_DECLS
