/* SPDX-License-Identifier: GPL-3.0-or-later */

/* peerside --verify-backup FILE: the check Restore makes, from the command
 * line, so a backup can be trusted before it is needed. It copies the file
 * into a private temporary folder and checks the copy in the helper; it
 * never opens or changes a caseload. */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "ps-backup-private.h"
#include "ps-util.h"

/* One line from standard input, without its line break; asked for without
 * echo on a terminal. */
static char *
read_passphrase (void)
{
  gboolean terminal = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  GString *line = g_string_new (NULL);
  gboolean echo_off = FALSE;
  int c;

  if (terminal)
    {
      g_printerr ("%s", _("Backup passphrase: "));
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t)ECHO;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  while ((c = getchar ()) != EOF && c != '\n' && line->len <= PS_BACKUP_MAX_PASSPHRASE)
    g_string_append_c (line, (char)c);
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (terminal)
    g_printerr ("\n");
  return g_string_free (line, FALSE);
}

int
ps_backup_verify_command (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  PsBackupInfo info = { 0 };
  char *passphrase;
  gboolean ok;

  g_return_val_if_fail (path != NULL, 2);

  passphrase = read_passphrase ();
  dir = g_dir_make_tmp ("peerside-verify-XXXXXX", &error);
  if (dir == NULL)
    ok = FALSE;
  else
    ok = ps_backup_check (file, passphrase, dir, &info, &error);
  explicit_bzero (passphrase, strlen (passphrase));
  g_free (passphrase);
  if (dir != NULL)
    ps_remove_tree (dir);

  if (!ok)
    {
      /* Translators: %s says why, e.g. "The passphrase does not open this backup…" */
      g_print (_("Not a valid backup: %s\n"), error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Valid Peerside backup: %u case (%u open), %u conversations.\n",
                        "Valid Peerside backup: %u cases (%u open), %u conversations.\n",
                        info.n_cases),
           info.n_cases, info.n_open_cases, info.n_conversations);
  return 0;
}
