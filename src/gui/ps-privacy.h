/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Dr. Ada Placeholder" → "A. P." — titles such as "Dr." are skipped. */
char *ps_privacy_initials     (const char *display_name);
/* The name as shown: initials in privacy mode, a neutral label when erased. */
char *ps_privacy_display_name (const char *display_name,
                               gboolean    privacy_mode);

G_END_DECLS
