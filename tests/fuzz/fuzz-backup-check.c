/* SPDX-License-Identifier: GPL-3.0-or-later */

/* libFuzzer target: the whole verify path on any file (a backup is
 * untrusted until proven otherwise): the application's private copy
 * (ps_backup_copy_untrusted), the helper's check and one-line answer
 * (ps_backup_helper_answer, all that peerside-backup-check's main() calls),
 * and the application's reading of that answer (ps_backup_parse_answer).
 * The helper runs in this process here, so that libFuzzer sees its
 * coverage and a crash in it is found rather than contained. The first
 * byte of an input chooses:
 *   even: the rest is the file as it is (headers, sizes, noise, flipped
 *         bytes in real backups);
 *   odd:  the rest is a plaintext SQLite image that is encrypted here with
 *         the passphrase, so inputs get past the HMAC to SQLite's parsing
 *         of schemas and b-trees, and to Peerside's schema check.
 * Whatever the file, check must end with TRUE or one of the errors a file
 * can cause. */

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "ps-backup-private.h"
#include "sqlcipher-pages.h"

#define FUZZ_PASSPHRASE "fuzz passphrase"
#define FUZZ_MAX_INPUT (256 * 1024)

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const guint8   *data,
                            size_t          size);

static char *path;
static char *data_dir;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("peerside-fuzz-XXXXXX", &path, &error);

  g_assert_no_error (error);
  close (fd);
  data_dir = g_dir_make_tmp ("peerside-fuzz-data-XXXXXX", &error);
  g_assert_no_error (error);
  return 0;
}

/* What ps_backup_check() does, with the helper in this process. */
static gboolean
verify (GFile         *file,
        PsBackupInfo  *info,
        GError       **error)
{
  g_autofree char *copy = ps_backup_copy_untrusted (file, data_dir, error);
  g_autofree char *answer = NULL;

  if (copy == NULL)
    return FALSE;
  answer = ps_backup_helper_answer (copy, FUZZ_PASSPHRASE);
  g_unlink (copy);
  return ps_backup_parse_answer (answer, info, error);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  PsBackupInfo info = { 0 };
  const guint8 *bytes;
  gsize length;

  if (size == 0 || size > FUZZ_MAX_INPUT)
    return -1;

  if (data[0] & 1)
    contents = ps_fuzz_encrypt_pages (data + 1, size - 1, FUZZ_PASSPHRASE);
  else
    contents = g_bytes_new_static (data + 1, size - 1);
  bytes = g_bytes_get_data (contents, &length);
  if (!g_file_set_contents (path, (const char *)bytes, (gssize)length, &error))
    g_error ("%s", error->message);

  file = g_file_new_for_path (path);
  if (verify (file, &info, &error))
    {
      if (g_getenv ("PS_FUZZ_VERBOSE"))
        g_printerr ("Accepted: %u cases, %u conversations\n", info.n_cases, info.n_conversations);
      g_assert_no_error (error);
      g_assert_cmpuint (info.schema_version, >=, 1);
      g_assert_cmpuint (info.n_open_cases, <=, info.n_cases);
    }
  else
    {
      g_assert_nonnull (error);
      if (g_getenv ("PS_FUZZ_VERBOSE"))
        g_printerr ("Refused (%d): %s\n", error->code, error->message);
      /* Only what a file can be blamed for: never "disk full" or a bare
       * failure, which would send the user looking in the wrong place. */
      g_assert_true (error->domain == PS_STORE_ERROR);
      g_assert_true (error->code == PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE ||
                     error->code == PS_STORE_ERROR_INVALID ||
                     error->code == PS_STORE_ERROR_CORRUPT ||
                     error->code == PS_STORE_ERROR_TOO_NEW);
    }
  return 0;
}
