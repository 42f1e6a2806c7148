/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Toasts without knowing the window. A view raises a toast on the outermost
 * toast overlay around it: in the main window, the one spanning the content;
 * for a view shown on its own (as the tests show them), its own. A dialog
 * raises it on the window it was opened for, on that window's outermost
 * overlay, which is the one the person is looking at. */

#include "config.h"

#include "ps-toast.h"

static AdwToastOverlay *
find_outermost_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_outermost_overlay (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwToastOverlay *
find_outermost_around (GtkWidget *widget)
{
  AdwToastOverlay *outermost = NULL;

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (ADW_IS_TOAST_OVERLAY (widget))
      outermost = ADW_TOAST_OVERLAY (widget);
  return outermost;
}

/* Takes @toast, and shows it on the outermost overlay around @widget (a
 * view passes its own overlay: in the window, the window's is around it);
 * for a window, on the outermost one inside it; for a widget of a dialog,
 * on the dialog's parent's; else it is dropped. */
void
ps_toast_add (GtkWidget *widget,
              AdwToast  *toast)
{
  AdwToastOverlay *overlay;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = find_outermost_around (widget);
  if (overlay == NULL && GTK_IS_WINDOW (widget))
    overlay = find_outermost_overlay (widget);
  root = gtk_widget_get_root (widget);
  if (overlay == NULL && GTK_IS_WINDOW (root) && gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    overlay = find_outermost_overlay (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (root))));

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (toast);
}
