/* SPDX-License-Identifier: GPL-3.0-or-later */

/* peerside-backup-check FILE: checks a copy of a backup that Peerside made
 * in its data folder, with the passphrase read from standard input, and
 * prints one line for Peerside to read (ps-backup-untrusted.c). Run by
 * Peerside only, under resource limits: whatever SQLite does with a crafted
 * file happens here, not in the application. */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ps-backup-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *answer = NULL;
  char passphrase[PS_BACKUP_MAX_PASSPHRASE + 1];
  gsize length = 0;

  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE (the passphrase on standard input)\n", argv[0]);
      return 2;
    }

  while (length < PS_BACKUP_MAX_PASSPHRASE)
    {
      ssize_t n = read (STDIN_FILENO, passphrase + length, PS_BACKUP_MAX_PASSPHRASE - length);

      if (n <= 0)
        break;
      length += (gsize)n;
    }
  passphrase[length] = '\0';

  answer = ps_backup_helper_answer (argv[1], passphrase);
  explicit_bzero (passphrase, sizeof passphrase);
  fputs (answer, stdout);
  fflush (stdout);
  return g_str_has_prefix (answer, "ok ") ? 0 : 1;
}
