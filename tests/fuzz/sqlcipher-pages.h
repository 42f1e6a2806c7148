/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* SQLCipher 3 pages with a passphrase, as the fuzzing build writes them
 * (2 key-derivation rounds): 1024-byte pages, AES-256-CBC over all but the
 * last 48 bytes, then the IV, then HMAC-SHA1 over ciphertext, IV and page
 * number; page 1 starts with the 16-byte salt. */

#define PS_FUZZ_PAGE_SIZE 1024
#define PS_FUZZ_KDF_ITER  2

/* @plain is padded to whole pages; page 1's first 16 bytes are replaced by
 * a fixed salt. */
GBytes *ps_fuzz_encrypt_pages (const guint8 *plain,
                               gsize         length,
                               const char   *passphrase);
/* NULL when @cipher is not whole pages; page 1 gets the plaintext header. */
GBytes *ps_fuzz_decrypt_pages (const guint8 *cipher,
                               gsize         length,
                               const char   *passphrase);

G_END_DECLS
