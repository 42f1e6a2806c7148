/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-accessible.h"
#include "ps-contacts-preferences.h"
#include "ps-crisis-contacts.h"
#include "ps-phone-list-group.h"
#include "ps-wrap.h"

struct _PsContactsPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GPtrArray          *crisis_rows;    /* the region's lines, each an AdwActionRow */
  gboolean            updating;

  AdwPreferencesGroup *crisis_group;
  AdwComboRow        *region_row;
  PsPhoneListGroup   *custom_group;
  PsPhoneListGroup   *program_group;
};

G_DEFINE_FINAL_TYPE (PsContactsPreferencesPage, ps_contacts_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkCheckButton *
row_check (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "ps-check");
}

static void
crisis_lines_changed_cb (PsContactsPreferencesPage *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->crisis_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->crisis_rows, i);
      const PsCrisisLine *line = g_object_get_data (G_OBJECT (row), "ps-crisis-line");

      gtk_check_button_set_active (row_check (row), ps_crisis_lines_get_chosen (self->settings, line->id));
    }
  self->updating = FALSE;
}

static void
crisis_check_toggled_cb (GtkCheckButton            *check,
                         PsContactsPreferencesPage *self)
{
  const PsCrisisLine *line = g_object_get_data (G_OBJECT (check), "ps-crisis-line");

  if (!self->updating)
    ps_crisis_lines_set_chosen (self->settings, line->id, gtk_check_button_get_active (check));
}

static GtkWidget *
crisis_row_new (PsContactsPreferencesPage *self,
                const PsCrisisLine        *line)
{
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", ps_crisis_line_get_country (line),
                                               ps_crisis_line_get_how (line));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ps_crisis_line_get_service (line));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ps_crisis_line_get_service (line), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (line->physician)
    {
      GtkWidget *tag = gtk_label_new (_("For doctors"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "dim-label");
      gtk_widget_add_css_class (tag, "caption");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  g_object_set_data (G_OBJECT (check), "ps-crisis-line", (gpointer)line);
  g_object_set_data (G_OBJECT (row), "ps-crisis-line", (gpointer)line);
  g_object_set_data (G_OBJECT (row), "ps-check", check);
  g_signal_connect (check, "toggled", G_CALLBACK (crisis_check_toggled_cb), self);
  return row;
}

/* The lines of the region on show, after the region row. */
static void
build_crisis_rows (PsContactsPreferencesPage *self)
{
  const PsCrisisRegion *region = ps_crisis_lines_get_region (self->settings);

  for (guint i = 0; i < self->crisis_rows->len; i++)
    adw_preferences_group_remove (self->crisis_group, g_ptr_array_index (self->crisis_rows, i));
  g_ptr_array_set_size (self->crisis_rows, 0);

  self->updating = TRUE;
  for (guint r = 0; r < ps_crisis_region_get_n (); r++)
    if (ps_crisis_region_get (r) == region)
      adw_combo_row_set_selected (self->region_row, r);
  if (region == NULL)
    adw_combo_row_set_selected (self->region_row, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;

  for (guint i = 0; region != NULL && region->lines[i] != NULL; i++)
    {
      const PsCrisisLine *line = ps_crisis_line_lookup (region->lines[i]);
      GtkWidget *row;

      if (line == NULL)
        continue;
      row = crisis_row_new (self, line);
      adw_preferences_group_add (self->crisis_group, row);
      g_ptr_array_add (self->crisis_rows, row);
    }
  crisis_lines_changed_cb (self);
}

static void
region_selected_cb (PsContactsPreferencesPage *self)
{
  guint selected = adw_combo_row_get_selected (self->region_row);

  if (self->updating || selected >= ps_crisis_region_get_n ())
    return;
  if (ps_crisis_region_get (selected) == ps_crisis_lines_get_region (self->settings))
    return;
  ps_crisis_lines_set_region (self->settings, ps_crisis_region_get (selected)->id);
}

static void
set_settings (PsContactsPreferencesPage *self,
              GSettings                 *settings)
{
  GtkWidget *custom, *program;

  g_assert (self->settings == NULL);
  if (settings == NULL)
    return;

  self->settings = g_object_ref (settings);
  build_crisis_rows (self);
  g_signal_connect_object (settings, "changed::crisis-lines",
                           G_CALLBACK (crisis_lines_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::region",
                           G_CALLBACK (build_crisis_rows), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->region_row, "notify::selected",
                            G_CALLBACK (region_selected_cb), self);

  custom = ps_phone_list_group_new (settings, "custom-crisis-lines", _("Your Own Lines"),
                                    _("Other lines to show in the safety panel, such as a local "
                                      "crisis team or a line for doctors where you work."),
                                    _("No lines of your own"), _("Add _Line"));
  program = ps_phone_list_group_new (settings, "program-contacts", _("Program Contacts"),
                                     _("Your peer support program’s own contacts, such as the "
                                       "coordinator or the physician health program. Never the "
                                       "details of a colleague you support."),
                                     _("No program contacts yet"), _("Add Con_tact"));
  self->custom_group = PS_PHONE_LIST_GROUP (custom);
  self->program_group = PS_PHONE_LIST_GROUP (program);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (custom));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (program));
}

static void
ps_contacts_preferences_page_dispose (GObject *object)
{
  PsContactsPreferencesPage *self = (PsContactsPreferencesPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_CONTACTS_PREFERENCES_PAGE);
  g_clear_pointer (&self->crisis_rows, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ps_contacts_preferences_page_parent_class)->dispose (object);
}

static void
ps_contacts_preferences_page_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  PsContactsPreferencesPage *self = PS_CONTACTS_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_contacts_preferences_page_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  PsContactsPreferencesPage *self = PS_CONTACTS_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_contacts_preferences_page_class_init (PsContactsPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_contacts_preferences_page_dispose;
  object_class->get_property = ps_contacts_preferences_page_get_property;
  object_class->set_property = ps_contacts_preferences_page_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ps-contacts-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, PsContactsPreferencesPage, crisis_group);
  gtk_widget_class_bind_template_child (widget_class, PsContactsPreferencesPage, region_row);
}

static void
ps_contacts_preferences_page_init (PsContactsPreferencesPage *self)
{
  g_autoptr(GtkStringList) regions = gtk_string_list_new (NULL);

  self->crisis_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_wrap_combo_rows (GTK_WIDGET (self));
  for (guint i = 0; i < ps_crisis_region_get_n (); i++)
    gtk_string_list_append (regions, ps_crisis_region_get (i)->name);
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (regions));
}

GtkWidget *
ps_contacts_preferences_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PS_TYPE_CONTACTS_PREFERENCES_PAGE, "settings", settings, NULL);
}

GtkCheckButton *
ps_contacts_preferences_page_get_crisis_check (PsContactsPreferencesPage *self,
                                               const char                *id)
{
  g_return_val_if_fail (PS_IS_CONTACTS_PREFERENCES_PAGE (self), NULL);

  for (guint i = 0; i < self->crisis_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->crisis_rows, i);
      const PsCrisisLine *line = g_object_get_data (G_OBJECT (row), "ps-crisis-line");

      if (g_str_equal (line->id, id))
        return row_check (row);
    }
  return NULL;
}

GtkListBox *
ps_contacts_preferences_page_get_program_list (PsContactsPreferencesPage *self)
{
  g_return_val_if_fail (PS_IS_CONTACTS_PREFERENCES_PAGE (self), NULL);
  return ps_phone_list_group_get_list (self->program_group);
}

gboolean
ps_contacts_preferences_page_add_contact (PsContactsPreferencesPage *self,
                                          const char                *name,
                                          const char                *phone)
{
  g_return_val_if_fail (PS_IS_CONTACTS_PREFERENCES_PAGE (self), FALSE);
  return ps_phone_list_group_add (self->program_group, name, phone);
}

PsPhoneListGroup *
ps_contacts_preferences_page_get_custom_group (PsContactsPreferencesPage *self)
{
  g_return_val_if_fail (PS_IS_CONTACTS_PREFERENCES_PAGE (self), NULL);
  return self->custom_group;
}

AdwComboRow *
ps_contacts_preferences_page_get_region_row (PsContactsPreferencesPage *self)
{
  g_return_val_if_fail (PS_IS_CONTACTS_PREFERENCES_PAGE (self), NULL);
  return self->region_row;
}
