/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PS_TYPE_LOGIND (ps_logind_get_type ())
G_DECLARE_FINAL_TYPE (PsLogind, ps_logind, PS, LOGIND, GObject)

PsLogind *ps_logind_dup_default      (void);
gboolean  ps_logind_get_idle_hint    (PsLogind *self);
void      ps_logind_inhibit_sleep    (PsLogind *self);
void      ps_logind_release_sleep    (PsLogind *self);

G_END_DECLS
