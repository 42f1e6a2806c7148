/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-wrap.h"

void
ps_wrap_label (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_wrap (label, TRUE);
  /* Asked for its natural width, it is one line, not its widest word. */
  gtk_label_set_natural_wrap_mode (label, GTK_NATURAL_WRAP_NONE);
}

void
ps_wrap_button_label (GtkButton *button)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_BUTTON (button));
  label = gtk_button_get_child (button);
  g_return_if_fail (GTK_IS_LABEL (label));

  ps_wrap_label (GTK_LABEL (label));
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}
