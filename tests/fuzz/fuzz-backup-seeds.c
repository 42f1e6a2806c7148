/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Writes the seed corpus of fuzz-backup-check into the folder given:
 * a demo backup as it is and decrypted (for the encrypting mode), an empty
 * caseload's backup, and a plaintext database. Built with the fuzzing
 * build's 2-round key derivation, like the target. */

#include "config.h"

#include <glib/gstdio.h>

#include "ps-backup.h"
#include "ps-demo.h"
#include "ps-store-private.h"
#include "ps-util.h"
#include "sqlcipher-pages.h"

#define FUZZ_PASSPHRASE "fuzz passphrase"
#define SEED_KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

static void
write_seed (const char   *dir,
            const char   *name,
            guint8        mode,
            const guint8 *bytes,
            gsize         length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree guint8 *seed = g_malloc (length + 1);
  g_autoptr(GError) error = NULL;

  seed[0] = mode;
  memcpy (seed + 1, bytes, length);
  if (!g_file_set_contents (path, (const char *)seed, (gssize)length + 1, &error))
    g_error ("%s", error->message);
}

static void
seeds_from_store (const char *out,
                  const char *name,
                  gboolean    demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("peerside-seeds-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (tmp, "caseload.db", NULL);
  g_autofree char *backup = g_build_filename (tmp, "backup", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (backup);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 3, 10, 9, 0, 0);
  g_autoptr(PsClock) clock = ps_clock_new_fake (now);
  g_autoptr(PsStore) store = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *raw_name = g_strconcat (name, "-backup", NULL);
  g_autofree char *plain_name = g_strconcat (name, "-decrypted", NULL);
  gsize length;

  g_assert_no_error (error);
  store = ps_store_open_with_key (db_path, SEED_KEY, TRUE, clock, &error);
  g_assert_no_error (error);
  if (demo && !ps_demo_populate (store, clock, &error))
    g_error ("%s", error->message);
  if (!ps_backup_export (store, dest, FUZZ_PASSPHRASE, &error))
    g_error ("%s", error->message);
  g_clear_object (&store);

  if (!g_file_get_contents (backup, &contents, &length, &error))
    g_error ("%s", error->message);
  write_seed (out, raw_name, 0, (const guint8 *)contents, length);
  plain = ps_fuzz_decrypt_pages ((const guint8 *)contents, length, FUZZ_PASSPHRASE);
  g_assert_nonnull (plain);
  write_seed (out, plain_name, 1, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));

  /* The decrypted image as a plaintext file: must be refused as such. */
  if (demo)
    write_seed (out, "plaintext", 0, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  ps_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  if (argc != 2)
    {
      g_printerr ("Usage: %s CORPUS-DIR\n", argv[0]);
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0700);
  seeds_from_store (argv[1], "empty", FALSE);
  seeds_from_store (argv[1], "demo", TRUE);
  write_seed (argv[1], "tiny", 0, (const guint8 *)"x", 1);
  return 0;
}
