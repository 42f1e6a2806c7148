/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-accessible.h"
#include "ps-crisis-contacts.h"
#include "ps-phone-list-group.h"

struct _PsPhoneListGroup
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  char                *key;
  char                *add_label;
  GListModel          *model;
  guint                editing;      /* G_MAXUINT when adding */

  GtkListBox          *list;
  AdwEntryRow         *name_row;
  AdwEntryRow         *phone_row;
  GtkLabel            *hint_label;
  GtkButton           *save_button;
  GtkButton           *cancel_button;
};

G_DEFINE_FINAL_TYPE (PsPhoneListGroup, ps_phone_list_group, ADW_TYPE_PREFERENCES_GROUP)

static void
edit_clicked_cb (GtkButton        *button,
                 PsPhoneListGroup *self)
{
  ps_phone_list_group_edit (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ps-position")));
}

static void
remove_clicked_cb (GtkButton        *button,
                   PsPhoneListGroup *self)
{
  ps_phone_list_group_remove (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ps-position")));
}

static GtkWidget *
row_button (PsPhoneListGroup *self,
            PsProgramContact *contact,
            const char       *icon,
            const char       *tooltip,
            const char       *label,
            GCallback         callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "ps-position",
                     GUINT_TO_POINTER (ps_program_contact_get_position (contact)));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  PsPhoneListGroup *self = user_data;
  PsProgramContact *contact = item;
  GtkWidget *row = adw_action_row_new ();
  /* Translators: the accessible name of a button, "Edit Program coordinator" */
  g_autofree char *edit = g_strdup_printf (_("Edit %s"), ps_program_contact_get_name (contact));
  /* Translators: the accessible name of a button, "Remove Program coordinator" */
  g_autofree char *remove = g_strdup_printf (_("Remove %s"), ps_program_contact_get_name (contact));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ps_program_contact_get_name (contact));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ps_program_contact_get_phone (contact));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, contact, "document-edit-symbolic", _("Edit"),
                                         edit, G_CALLBACK (edit_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, contact, "user-trash-symbolic", _("Remove"),
                                         remove, G_CALLBACK (remove_clicked_cb)));
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
validate (PsPhoneListGroup *self)
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

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), name_ok && phone_ok);
  return name_ok && phone_ok;
}

static void
set_editing (PsPhoneListGroup *self,
             guint             position)
{
  self->editing = position;
  gtk_button_set_label (self->save_button, position == G_MAXUINT ? self->add_label : _("_Save Changes"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), position != G_MAXUINT);
}

static void
clear_fields (PsPhoneListGroup *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), "");
  set_editing (self, G_MAXUINT);
  validate (self);
}

static gboolean
save (PsPhoneListGroup *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *phone = gtk_editable_get_text (GTK_EDITABLE (self->phone_row));
  gboolean saved;

  if (!validate (self))
    return FALSE;
  saved = self->editing == G_MAXUINT
          ? ps_phone_list_add (self->settings, self->key, name, phone)
          : ps_phone_list_replace (self->settings, self->key, self->editing, name, phone);
  if (!saved)
    return FALSE;
  clear_fields (self);
  return TRUE;
}

static void
changed_cb (PsPhoneListGroup *self)
{
  validate (self);
}

static void
activated_cb (PsPhoneListGroup *self)
{
  save (self);
}

static void
save_clicked_cb (PsPhoneListGroup *self)
{
  if (save (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
ps_phone_list_group_dispose (GObject *object)
{
  PsPhoneListGroup *self = PS_PHONE_LIST_GROUP (object);

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  self->list = NULL;
  g_clear_object (&self->model);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ps_phone_list_group_parent_class)->dispose (object);
}

static void
ps_phone_list_group_finalize (GObject *object)
{
  PsPhoneListGroup *self = PS_PHONE_LIST_GROUP (object);

  g_free (self->key);
  g_free (self->add_label);

  G_OBJECT_CLASS (ps_phone_list_group_parent_class)->finalize (object);
}

static void
ps_phone_list_group_class_init (PsPhoneListGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_phone_list_group_dispose;
  object_class->finalize = ps_phone_list_group_finalize;
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static void
ps_phone_list_group_init (PsPhoneListGroup *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *fields = boxed_list ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->editing = G_MAXUINT;
  self->list = GTK_LIST_BOX (boxed_list ());
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  self->phone_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  self->hint_label = GTK_LABEL (gtk_label_new (NULL));
  self->save_button = GTK_BUTTON (gtk_button_new ());
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->phone_row), _("Phone Number"));
  adw_entry_row_set_input_purpose (self->phone_row, GTK_INPUT_PURPOSE_PHONE);
  gtk_list_box_append (GTK_LIST_BOX (fields), GTK_WIDGET (self->name_row));
  gtk_list_box_append (GTK_LIST_BOX (fields), GTK_WIDGET (self->phone_row));
  ps_accessible_label_entry_row (self->name_row);
  ps_accessible_label_entry_row (self->phone_row);

  gtk_label_set_xalign (self->hint_label, 0);
  gtk_label_set_wrap (self->hint_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);

  gtk_button_set_use_underline (self->save_button, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->cancel_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->save_button));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), fields);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hint_label));
  gtk_box_append (GTK_BOX (box), buttons);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), box);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->phone_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (activated_cb), self);
  g_signal_connect_swapped (self->phone_row, "entry-activated", G_CALLBACK (activated_cb), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (clear_fields), self);
}

GtkWidget *
ps_phone_list_group_new (GSettings  *settings,
                         const char *key,
                         const char *title,
                         const char *description,
                         const char *empty,
                         const char *add_label)
{
  PsPhoneListGroup *self;
  GtkWidget *placeholder;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PS_TYPE_PHONE_LIST_GROUP, "title", title, "description", description, NULL);
  self->settings = g_object_ref (settings);
  self->key = g_strdup (key);
  self->add_label = g_strdup (add_label);
  self->model = ps_phone_list_dup_model (settings, key);
  gtk_list_box_bind_model (self->list, self->model, create_row, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  placeholder = gtk_label_new (empty);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list, placeholder);
  clear_fields (self);
  return GTK_WIDGET (self);
}

GtkListBox *
ps_phone_list_group_get_list (PsPhoneListGroup *self)
{
  g_return_val_if_fail (PS_IS_PHONE_LIST_GROUP (self), NULL);
  return self->list;
}

gboolean
ps_phone_list_group_add (PsPhoneListGroup *self,
                         const char       *name,
                         const char       *phone)
{
  g_return_val_if_fail (PS_IS_PHONE_LIST_GROUP (self), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), phone);
  return save (self);
}

void
ps_phone_list_group_edit (PsPhoneListGroup *self,
                          guint             position)
{
  g_autoptr(PsProgramContact) contact = NULL;

  g_return_if_fail (PS_IS_PHONE_LIST_GROUP (self));

  contact = g_list_model_get_item (self->model, position);
  if (contact == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), ps_program_contact_get_name (contact));
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), ps_program_contact_get_phone (contact));
  set_editing (self, position);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

void
ps_phone_list_group_remove (PsPhoneListGroup *self,
                            guint             position)
{
  g_return_if_fail (PS_IS_PHONE_LIST_GROUP (self));

  /* What was being edited is gone. */
  if (self->editing != G_MAXUINT)
    clear_fields (self);
  ps_phone_list_remove (self->settings, self->key, position);
}
