/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <malloc.h>

#include <glib/gi18n.h>

#include "ps-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PsApplication) app = NULL;

  /* One malloc arena for every thread: GLib's and GTK's worker threads
   * (opening the store, icons, D-Bus, the renderer's) each made an arena of
   * their own, which keeps its pages; none of them allocates enough for the
   * contention to matter. About 1.5 MB of resident memory, of the 20 MB that
   * start-up may add to a bare window's. */
  mallopt (M_ARENA_MAX, 1);

  /* build-aux/run.sh points this at the translations compiled in the build
   * tree, so a build that was never installed speaks the user's language. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PEERSIDE_LOCALEDIR") != NULL
                                   ? g_getenv ("PEERSIDE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  ps_process_harden ();

  app = ps_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
