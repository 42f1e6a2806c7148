/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The caseload key: 32 random bytes as 64 lower-case hex digits. The
 * buffer is wiped when the key is freed; the key is never logged. */
typedef struct _PsKey PsKey;

#define PS_KEY_HEX_LENGTH 64

#define PS_TYPE_KEY (ps_key_get_type ())
GType       ps_key_get_type     (void) G_GNUC_CONST;

PsKey      *ps_key_new_random   (GError      **error);
PsKey      *ps_key_new_from_hex (const char   *hex,
                                 gsize         length);
PsKey      *ps_key_copy         (const PsKey  *key);
const char *ps_key_get_hex      (const PsKey  *key);
gboolean    ps_key_equal        (const PsKey  *a,
                                 const PsKey  *b);
void        ps_key_free         (PsKey        *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsKey, ps_key_free)

G_END_DECLS
