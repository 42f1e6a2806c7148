/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-grid-row.h"

/* Columns: prefixes, then the title and subtitle, then suffixes. */
enum {
  COLUMN_PREFIX,
  COLUMN_TEXT,
  COLUMN_SUFFIX,
};

struct _PsGridRow
{
  AdwPreferencesRow  parent_instance;

  GtkGrid           *grid;
  GtkLabel          *title;
  GtkLabel          *subtitle;
  GtkWidget         *prefixes;
  GtkWidget         *suffixes;
  GtkWidget         *activatable_widget;
  GtkListBox        *list_box;   /* the parent whose activations we follow */
};

G_DEFINE_FINAL_TYPE (PsGridRow, ps_grid_row, ADW_TYPE_PREFERENCES_ROW)

static GtkWidget *
wrapped_label_new (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A label shows only when it has something to say. */
static void
show_text (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text);
}

static void
title_changed_cb (PsGridRow *self)
{
  show_text (self->title, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
}

/* Clicking the row, or Enter on it, works its widget as AdwActionRow does. */
static void
row_activated_cb (PsGridRow     *self,
                  GtkListBoxRow *row)
{
  if (row == GTK_LIST_BOX_ROW (self) && self->activatable_widget != NULL)
    gtk_widget_mnemonic_activate (self->activatable_widget, FALSE);
}

static void
parent_changed_cb (PsGridRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->list_box != NULL)
    g_signal_handlers_disconnect_by_func (self->list_box, row_activated_cb, self);
  self->list_box = GTK_IS_LIST_BOX (parent) ? GTK_LIST_BOX (parent) : NULL;
  if (self->list_box != NULL)
    g_signal_connect_object (self->list_box, "row-activated",
                             G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
}

static GtkWidget *
side_box_new (PsGridRow *self,
              int        column,
              const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (box, css_class);
  gtk_widget_set_visible (box, FALSE);
  gtk_grid_attach (self->grid, box, column, 0, 1, 1);
  return box;
}

static void
add_to (GtkWidget *box,
        GtkWidget *widget)
{
  gtk_box_append (GTK_BOX (box), widget);
  gtk_widget_set_visible (box, TRUE);
}

static void
ps_grid_row_dispose (GObject *object)
{
  PsGridRow *self = PS_GRID_ROW (object);

  if (self->list_box != NULL)
    g_signal_handlers_disconnect_by_func (self->list_box, row_activated_cb, self);
  self->list_box = NULL;
  g_clear_weak_pointer (&self->activatable_widget);

  G_OBJECT_CLASS (ps_grid_row_parent_class)->dispose (object);
}

static void
ps_grid_row_class_init (PsGridRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_grid_row_dispose;
}

static void
ps_grid_row_init (PsGridRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *centre;

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 12);
  /* Its one line takes the row's height (50 px at least), to centre in. */
  gtk_grid_set_row_homogeneous (self->grid, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "header");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), GTK_WIDGET (self->grid));

  self->prefixes = side_box_new (self, COLUMN_PREFIX, "prefixes");

  gtk_widget_add_css_class (text, "title");
  self->title = GTK_LABEL (wrapped_label_new ("title"));
  self->subtitle = GTK_LABEL (wrapped_label_new ("subtitle"));
  gtk_widget_set_visible (GTK_WIDGET (self->title), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), FALSE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->subtitle));
  /* Centred by a centre box, not by "valign": GTK 4.8 allocates a widget
   * aligned in its space after asking its width for the height it is
   * given, which costs a wrapped label a binary search through layouts. */
  centre = gtk_center_box_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (centre), GTK_ORIENTATION_VERTICAL);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (centre), text);
  gtk_widget_set_hexpand (centre, TRUE);
  gtk_grid_attach (self->grid, centre, COLUMN_TEXT, 0, 1, 1);

  self->suffixes = side_box_new (self, COLUMN_SUFFIX, "suffixes");

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle, NULL,
                                  -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_changed_cb), NULL);
}

GtkWidget *
ps_grid_row_new (void)
{
  return g_object_new (PS_TYPE_GRID_ROW, NULL);
}

const char *
ps_grid_row_get_subtitle (PsGridRow *self)
{
  g_return_val_if_fail (PS_IS_GRID_ROW (self), NULL);
  return gtk_label_get_text (self->subtitle);
}

void
ps_grid_row_set_subtitle (PsGridRow  *self,
                          const char *subtitle)
{
  g_return_if_fail (PS_IS_GRID_ROW (self));

  show_text (self->subtitle, subtitle);
}

void
ps_grid_row_add_prefix (PsGridRow *self,
                        GtkWidget *widget)
{
  g_return_if_fail (PS_IS_GRID_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  add_to (self->prefixes, widget);
}

void
ps_grid_row_add_suffix (PsGridRow *self,
                        GtkWidget *widget)
{
  g_return_if_fail (PS_IS_GRID_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  add_to (self->suffixes, widget);
}

void
ps_grid_row_set_activatable_widget (PsGridRow *self,
                                    GtkWidget *widget)
{
  g_return_if_fail (PS_IS_GRID_ROW (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  g_set_weak_pointer (&self->activatable_widget, widget);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), widget != NULL);
}
