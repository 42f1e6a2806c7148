/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sqlcipher-pages.h"

enum { SALT = 16, RESERVE = 48, IV = 16, MAC = 20, KEY = 32 };
#define USABLE (PS_FUZZ_PAGE_SIZE - RESERVE)

static const guint8 fixed_salt[SALT] = "peerside-fuzz-s";

static void
derive (const char   *passphrase,
        const guint8 *salt,
        guint8       *key,
        guint8       *hmac_key)
{
  guint8 hmac_salt[SALT];

  PKCS5_PBKDF2_HMAC_SHA1 (passphrase, (int)strlen (passphrase), salt, SALT, PS_FUZZ_KDF_ITER,
                          KEY, key);
  for (guint i = 0; i < SALT; i++)
    hmac_salt[i] = salt[i] ^ 0x3a;
  PKCS5_PBKDF2_HMAC_SHA1 ((const char *)key, KEY, hmac_salt, SALT, 2, KEY, hmac_key);
}

static void
cipher (gboolean      encrypt,
        const guint8 *key,
        const guint8 *iv,
        const guint8 *in,
        int           length,
        guint8       *out)
{
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  int n = 0, tail = 0;

  EVP_CipherInit_ex (ctx, EVP_aes_256_cbc (), NULL, key, iv, encrypt ? 1 : 0);
  EVP_CIPHER_CTX_set_padding (ctx, 0);
  EVP_CipherUpdate (ctx, out, &n, in, length);
  EVP_CipherFinal_ex (ctx, out + n, &tail);
  EVP_CIPHER_CTX_free (ctx);
}

GBytes *
ps_fuzz_encrypt_pages (const guint8 *plain,
                       gsize         length,
                       const char   *passphrase)
{
  gsize n_pages = MAX (1, (length + PS_FUZZ_PAGE_SIZE - 1) / PS_FUZZ_PAGE_SIZE);
  guint8 *out = g_malloc0 (n_pages * PS_FUZZ_PAGE_SIZE);
  guint8 *padded = g_malloc0 (n_pages * PS_FUZZ_PAGE_SIZE);
  guint8 key[KEY], hmac_key[KEY];

  memcpy (padded, plain, length);
  derive (passphrase, fixed_salt, key, hmac_key);

  for (gsize p = 0; p < n_pages; p++)
    {
      guint8 *page = out + p * PS_FUZZ_PAGE_SIZE;
      const guint8 *in = padded + p * PS_FUZZ_PAGE_SIZE;
      gsize skip = p == 0 ? SALT : 0;
      guint32 pgno = GUINT32_TO_LE ((guint32)(p + 1));
      unsigned int mac_length = MAC;
      guint8 mac[EVP_MAX_MD_SIZE];

      /* A fixed IV per page keeps every input reproducible. */
      memset (page + USABLE, (int)(p & 0xff), IV);
      cipher (TRUE, key, page + USABLE, in + skip, (int)(USABLE - skip), page + skip);
      /* The page number follows the IV for the MAC only, then the MAC replaces it. */
      memcpy (page + USABLE + IV, &pgno, sizeof pgno);
      HMAC (EVP_sha1 (), hmac_key, KEY, page + skip, USABLE - skip + IV + sizeof pgno,
            mac, &mac_length);
      memset (page + USABLE + IV, 0, RESERVE - IV);
      memcpy (page + USABLE + IV, mac, MAC);
      if (p == 0)
        memcpy (page, fixed_salt, SALT);
    }

  g_free (padded);
  return g_bytes_new_take (out, n_pages * PS_FUZZ_PAGE_SIZE);
}

GBytes *
ps_fuzz_decrypt_pages (const guint8 *in,
                       gsize         length,
                       const char   *passphrase)
{
  static const char header[SALT] = "SQLite format 3";
  guint8 key[KEY], hmac_key[KEY];
  guint8 *out;

  if (length == 0 || length % PS_FUZZ_PAGE_SIZE != 0)
    return NULL;
  derive (passphrase, in, key, hmac_key);
  out = g_malloc0 (length);

  for (gsize offset = 0; offset < length; offset += PS_FUZZ_PAGE_SIZE)
    {
      gsize skip = offset == 0 ? SALT : 0;

      cipher (FALSE, key, in + offset + USABLE, in + offset + skip, (int)(USABLE - skip),
              out + offset + skip);
    }
  memcpy (out, header, SALT);
  return g_bytes_new_take (out, length);
}
