/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Build tool: renders the full-colour app icon to a PNG of one size, so
 * that the X11 window icon does not need librsvg at start-up.
 *
 *   ps-render-icon INPUT.svg SIZE OUTPUT.png */

#include <stdlib.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  int size;

  if (argc != 4 || (size = atoi (argv[2])) <= 0)
    {
      g_printerr ("usage: %s INPUT.svg SIZE OUTPUT.png\n", argv[0]);
      return 2;
    }

  pixbuf = gdk_pixbuf_new_from_file_at_size (argv[1], size, size, &error);
  if (pixbuf == NULL || !gdk_pixbuf_save (pixbuf, argv[3], "png", &error, NULL))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  return 0;
}
