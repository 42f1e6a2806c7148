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

/* libadwaita 1.2's combo row lists its choices on one line each, cut short
 * ("Patient or college com…", "Canada (outside Queb…", five of the eight
 * reasons in French). Its popup gets a list of its own: each choice whole,
 * wrapped where it is long, with the check mark on the one chosen; the row
 * itself still shows the choice as before. */
#define CHOICE_CHARS 30

static void
choice_selected_cb (GtkListItem *list_item,
                    GParamSpec  *pspec,
                    GtkWidget   *check)
{
  gtk_widget_set_opacity (check, gtk_list_item_get_selected (list_item) ? 1 : 0);
}

static void
choice_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), CHOICE_CHARS);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);
  g_signal_connect_object (list_item, "notify::selected", G_CALLBACK (choice_selected_cb), check, 0);
}

static void
choice_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  gpointer item = gtk_list_item_get_item (list_item);
  GtkExpression *expression = adw_combo_row_get_expression (row);
  g_auto(GValue) value = G_VALUE_INIT;
  const char *text = NULL;

  if (expression != NULL && gtk_expression_evaluate (expression, item, &value))
    text = g_value_get_string (&value);
  else if (GTK_IS_STRING_OBJECT (item))
    text = gtk_string_object_get_string (item);
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  choice_selected_cb (list_item, NULL, gtk_widget_get_last_child (box));
}

void
ps_wrap_combo_row (AdwComboRow *row)
{
  GtkListItemFactory *factory;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind_cb), row);
  adw_combo_row_set_list_factory (row, factory);
  g_object_unref (factory);
}

void
ps_wrap_combo_rows (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (ADW_IS_COMBO_ROW (widget) && adw_combo_row_get_list_factory (ADW_COMBO_ROW (widget)) == NULL)
    ps_wrap_combo_row (ADW_COMBO_ROW (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ps_wrap_combo_rows (child);
}
