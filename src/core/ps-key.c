/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "ps-key.h"

struct _PsKey
{
  char hex[PS_KEY_HEX_LENGTH + 1];
};

G_DEFINE_BOXED_TYPE (PsKey, ps_key, ps_key_copy, ps_key_free)

PsKey *
ps_key_new_random (GError **error)
{
  static const char digits[] = "0123456789abcdef";
  guint8 raw[PS_KEY_HEX_LENGTH / 2];
  gsize filled = 0;
  PsKey *key;

  /* getrandom(2), not g_random_*: the key must come from the kernel's CSPRNG. */
  while (filled < sizeof raw)
    {
      ssize_t n = getrandom (raw + filled, sizeof raw - filled, 0);

      if (n < 0)
        {
          int errsv = errno;

          if (errsv == EINTR)
            continue;
          explicit_bzero (raw, sizeof raw);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       _("Could not make a key: %s"), g_strerror (errsv));
          return NULL;
        }
      filled += (gsize)n;
    }

  key = g_new0 (PsKey, 1);
  for (guint i = 0; i < sizeof raw; i++)
    {
      key->hex[2 * i] = digits[raw[i] >> 4];
      key->hex[2 * i + 1] = digits[raw[i] & 0xf];
    }
  explicit_bzero (raw, sizeof raw);
  return key;
}

/* NULL unless @hex is exactly 64 hex digits. */
PsKey *
ps_key_new_from_hex (const char *hex,
                     gsize       length)
{
  PsKey *key;

  if (hex == NULL || length != PS_KEY_HEX_LENGTH)
    return NULL;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return NULL;

  key = g_new0 (PsKey, 1);
  for (gsize i = 0; i < length; i++)
    key->hex[i] = g_ascii_tolower (hex[i]);
  return key;
}

PsKey *
ps_key_copy (const PsKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return ps_key_new_from_hex (key->hex, PS_KEY_HEX_LENGTH);
}

const char *
ps_key_get_hex (const PsKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->hex;
}

gboolean
ps_key_equal (const PsKey *a,
              const PsKey *b)
{
  guint8 diff = 0;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  for (guint i = 0; i < PS_KEY_HEX_LENGTH; i++)
    diff |= (guint8)(a->hex[i] ^ b->hex[i]);
  return diff == 0;
}

void
ps_key_free (PsKey *key)
{
  if (key == NULL)
    return;

  explicit_bzero (key, sizeof *key);
  g_free (key);
}
