/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-accessible.h"
#include "ps-contacts-preferences.h"
#include "ps-crisis-contacts.h"

struct _PsContactsPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GListModel         *program_contacts;
  GtkWidget          *crisis_checks[8];

  AdwPreferencesGroup *crisis_group;
  GtkListBox         *program_list;
  AdwEntryRow        *name_row;
  AdwEntryRow        *phone_row;
  GtkLabel           *hint_label;
};

G_DEFINE_FINAL_TYPE (PsContactsPreferencesPage, ps_contacts_preferences_page,
                     ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crisis_lines_changed_cb (PsContactsPreferencesPage *self)
{
  for (guint i = 0; i < ps_crisis_line_get_n_presets (); i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->crisis_checks[i]),
                                 ps_crisis_lines_get_chosen (self->settings,
                                                             ps_crisis_line_get_preset (i)->id));
}

static void
crisis_check_toggled_cb (GtkCheckButton            *check,
                         PsContactsPreferencesPage *self)
{
  const PsCrisisLine *line = g_object_get_data (G_OBJECT (check), "ps-crisis-line");

  /* A no-op when the change came from the setting itself. */
  ps_crisis_lines_set_chosen (self->settings, line->id, gtk_check_button_get_active (check));
}

static void
build_crisis_rows (PsContactsPreferencesPage *self)
{
  g_assert (ps_crisis_line_get_n_presets () <= G_N_ELEMENTS (self->crisis_checks));

  for (guint i = 0; i < ps_crisis_line_get_n_presets (); i++)
    {
      const PsCrisisLine *line = ps_crisis_line_get_preset (i);
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
      g_object_set_data (G_OBJECT (check), "ps-crisis-line", (gpointer)line);
      adw_preferences_group_add (self->crisis_group, row);
      self->crisis_checks[i] = check;
    }
}

static void
remove_clicked_cb (GtkButton                 *button,
                   PsContactsPreferencesPage *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ps-position"));

  ps_program_contacts_remove (self->settings, position);
}

static GtkWidget *
create_program_row (gpointer item,
                    gpointer user_data)
{
  PsContactsPreferencesPage *self = user_data;
  PsProgramContact *contact = item;
  g_autofree char *label = g_strdup_printf (_("Remove %s"), ps_program_contact_get_name (contact));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ps_program_contact_get_name (contact));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ps_program_contact_get_phone (contact));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "ps-position",
                     GUINT_TO_POINTER (ps_program_contact_get_position (contact)));
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static gboolean
validate (PsContactsPreferencesPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *phone = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phone_row))));
  gboolean name_ok = ps_program_contact_name_is_valid (name);
  gboolean phone_ok = ps_program_contact_phone_is_valid (phone);
  const char *hint = "";

  /* Only complain about what was typed. */
  set_row_error (self->name_row, !name_ok && name[0] != '\0');
  set_row_error (self->phone_row, !phone_ok && phone[0] != '\0');
  if (!name_ok && name[0] != '\0')
    hint = _("A name is one line of at most 80 characters.");
  else if (!phone_ok && phone[0] != '\0')
    hint = _("A phone number has 3 to 30 characters: digits, spaces and + ( ) -.");
  gtk_label_set_label (self->hint_label, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint[0] != '\0');

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.add", name_ok && phone_ok);
  return name_ok && phone_ok;
}

static void
entry_changed_cb (PsContactsPreferencesPage *self)
{
  validate (self);
}

static gboolean
add_contact (PsContactsPreferencesPage *self)
{
  if (!validate (self) ||
      !ps_program_contacts_add (self->settings,
                                gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->phone_row))))
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return TRUE;
}

static void
add_activated_cb (PsContactsPreferencesPage *self)
{
  add_contact (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  add_contact (PS_CONTACTS_PREFERENCES_PAGE (widget));
}

static void
set_settings (PsContactsPreferencesPage *self,
              GSettings                 *settings)
{
  g_assert (self->settings == NULL);
  if (settings == NULL)
    return;

  self->settings = g_object_ref (settings);
  crisis_lines_changed_cb (self);
  for (guint i = 0; i < ps_crisis_line_get_n_presets (); i++)
    g_signal_connect (self->crisis_checks[i], "toggled",
                      G_CALLBACK (crisis_check_toggled_cb), self);
  g_signal_connect_object (settings, "changed::crisis-lines",
                           G_CALLBACK (crisis_lines_changed_cb), self, G_CONNECT_SWAPPED);

  self->program_contacts = ps_program_contacts_dup_model (settings);
  gtk_list_box_bind_model (self->program_list, self->program_contacts,
                           create_program_row, self, NULL);
}

static void
ps_contacts_preferences_page_dispose (GObject *object)
{
  PsContactsPreferencesPage *self = (PsContactsPreferencesPage *)object;

  if (self->program_list != NULL)
    gtk_list_box_bind_model (self->program_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_CONTACTS_PREFERENCES_PAGE);
  g_clear_object (&self->program_contacts);
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
  gtk_widget_class_bind_template_child (widget_class, PsContactsPreferencesPage, program_list);
  gtk_widget_class_bind_template_child (widget_class, PsContactsPreferencesPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, PsContactsPreferencesPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PsContactsPreferencesPage, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_activated_cb);

  gtk_widget_class_install_action (widget_class, "contacts.add", NULL, add_action);
}

static void
ps_contacts_preferences_page_init (PsContactsPreferencesPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  ps_accessible_label_entry_row (self->name_row);
  ps_accessible_label_entry_row (self->phone_row);
  build_crisis_rows (self);

  placeholder = gtk_label_new (_("No program contacts yet"));
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->program_list, placeholder);
  validate (self);
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

  for (guint i = 0; i < ps_crisis_line_get_n_presets (); i++)
    if (g_str_equal (ps_crisis_line_get_preset (i)->id, id))
      return GTK_CHECK_BUTTON (self->crisis_checks[i]);
  return NULL;
}

GtkListBox *
ps_contacts_preferences_page_get_program_list (PsContactsPreferencesPage *self)
{
  g_return_val_if_fail (PS_IS_CONTACTS_PREFERENCES_PAGE (self), NULL);
  return self->program_list;
}

gboolean
ps_contacts_preferences_page_add_contact (PsContactsPreferencesPage *self,
                                          const char                *name,
                                          const char                *phone)
{
  g_return_val_if_fail (PS_IS_CONTACTS_PREFERENCES_PAGE (self), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), phone);
  return add_contact (self);
}
