/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Freed memory is zeroed from here on (src/ps-scrub-free.c): called before
 * anything of the user's is read (a key, a store, a backup). Defined in the
 * peerside executable, and in the test that scans its memory, only: a weak
 * reference, NULL elsewhere (the other tests, a sanitizer build). */
void ps_scrub_freed_memory (void) __attribute__((weak));

G_END_DECLS
