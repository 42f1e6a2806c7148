/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-wrap.h"

/* Few enough characters for the narrowest window (360 px) to give every
 * row's text more than that. */
#define MIN_CHARS 12

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

/* GTK 4.8 measures the minimum width of a wrapping label by laying its text
 * out at a width of 0: with libadwaita's rows (wrapping between any two
 * characters) Pango breaks, and shapes again, after every character. A
 * minimum of a few characters gives the same rows at every width the
 * window can have, laid out in a few lines instead. Not for a label kept
 * on one line (ps_wrap_label): its natural width, one short line, could be
 * less than that minimum. */
void
ps_wrap_bound_min_width (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) &&
      gtk_label_get_natural_wrap_mode (GTK_LABEL (widget)) != GTK_NATURAL_WRAP_NONE &&
      gtk_label_get_width_chars (GTK_LABEL (widget)) < 0)
    gtk_label_set_width_chars (GTK_LABEL (widget), MIN_CHARS);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ps_wrap_bound_min_width (child);
}
