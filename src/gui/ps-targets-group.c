/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-context.h"
#include "ps-targets-group.h"

struct _PsTargetsGroup
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  GtkWidget           *due_row;
  GtkWidget           *overdue_row;
  GtkSpinButton       *due_spin;
  GtkSpinButton       *overdue_spin;
  GtkWidget           *error_label;
};

G_DEFINE_FINAL_TYPE (PsTargetsGroup, ps_targets_group, ADW_TYPE_PREFERENCES_GROUP)

/* Due after more days than overdue makes no sense: the pair is saved only
 * when it holds, and the message says why otherwise. */
static gboolean
changed_cb (PsTargetsGroup *self)
{
  int due = gtk_spin_button_get_value_as_int (self->due_spin);
  int overdue = gtk_spin_button_get_value_as_int (self->overdue_spin);
  gboolean valid = due <= overdue;
  GtkWidget *rows[] = { self->due_row, self->overdue_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (valid)
        gtk_widget_remove_css_class (rows[i], "error");
      else
        gtk_widget_add_css_class (rows[i], "error");
    }
  gtk_widget_set_visible (self->error_label, !valid);
  if (!valid)
    return FALSE;

  if (g_settings_get_int (self->settings, "first-contact-due-days") != due)
    g_settings_set_int (self->settings, "first-contact-due-days", due);
  if (g_settings_get_int (self->settings, "first-contact-overdue-days") != overdue)
    g_settings_set_int (self->settings, "first-contact-overdue-days", overdue);
  return TRUE;
}

static GtkWidget *
days_row (PsTargetsGroup  *self,
          const char      *title,
          const char      *accessible,
          GtkSpinButton  **spin)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_spin_button_new_with_range (1, 14, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (_("days")));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  *spin = GTK_SPIN_BUTTON (button);
  return row;
}

static void
ps_targets_group_dispose (GObject *object)
{
  g_clear_object (&PS_TARGETS_GROUP (object)->settings);

  G_OBJECT_CLASS (ps_targets_group_parent_class)->dispose (object);
}

static void
ps_targets_group_class_init (PsTargetsGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ps_targets_group_dispose;
}

static void
ps_targets_group_init (PsTargetsGroup *self)
{
  GtkLabel *label;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("First Contact"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Programs promise to reach a colleague within two to three days of the request."));
  self->due_row = days_row (self, _("_Due After"), _("First contact due after, in days"), &self->due_spin);
  self->overdue_row = days_row (self, _("_Overdue After"), _("First contact overdue after, in days"),
                                &self->overdue_spin);

  self->error_label = gtk_label_new (_("First contact cannot be overdue before it is due. Choose "
                                       "overdue days at least as many as the due days; until then "
                                       "the targets stay as they were."));
  label = GTK_LABEL (self->error_label);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_xalign (label, 0);
  gtk_widget_set_margin_top (self->error_label, 12);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->error_label);
}

GtkWidget *
ps_targets_group_new (GSettings *settings)
{
  PsTargetsGroup *self;
  guint due, overdue;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PS_TYPE_TARGETS_GROUP, NULL);
  self->settings = g_object_ref (settings);
  ps_first_contact_days_read (settings, &due, &overdue);
  gtk_spin_button_set_value (self->due_spin, due);
  gtk_spin_button_set_value (self->overdue_spin, overdue);
  g_signal_connect_swapped (self->due_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->overdue_spin, "value-changed", G_CALLBACK (changed_cb), self);
  return GTK_WIDGET (self);
}

gboolean
ps_targets_group_apply (PsTargetsGroup *self)
{
  g_return_val_if_fail (PS_IS_TARGETS_GROUP (self), FALSE);

  /* A number typed and not yet left counts: it is what the field shows. */
  gtk_spin_button_update (self->due_spin);
  gtk_spin_button_update (self->overdue_spin);
  return changed_cb (self);
}
