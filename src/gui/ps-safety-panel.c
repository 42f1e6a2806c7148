/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-close-case-dialog.h"
#include "ps-crisis-contacts.h"
#include "ps-safety-panel.h"

struct _PsSafetyPanel
{
  GtkWidget       parent_instance;

  PsContext      *context;
  PsConversation *conversation;
  GListModel     *crisis_lines;
  GListModel     *program_contacts;

  GtkWidget      *box;
  GtkListBox     *crisis_list;
  GtkListBox     *program_list;
};

G_DEFINE_FINAL_TYPE (PsSafetyPanel, ps_safety_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  ESCALATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *number = g_object_get_data (G_OBJECT (button), "ps-number");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), number);
}

static GtkWidget *
contact_row_new (const char *title,
                 const char *subtitle,
                 const char *number)
{
  g_autofree char *copy_label = g_strdup_printf (_("Copy %s"), number);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  /* The row only shows; Tab goes to its Copy. */
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Copy Number"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label, -1);
  g_object_set_data_full (G_OBJECT (button), "ps-number", g_strdup (number), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *create_program_row (gpointer item,
                                      gpointer user_data);

/* A line of the directory (its id), or one the supporter added. */
static GtkWidget *
create_crisis_row (gpointer item,
                   gpointer user_data)
{
  const PsCrisisLine *line;
  g_autofree char *subtitle = NULL;

  if (PS_IS_PROGRAM_CONTACT (item))
    return create_program_row (item, user_data);
  line = ps_crisis_line_lookup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  g_assert (line != NULL);
  /* Country and number both shown, so the supporter can check the line. */
  subtitle = g_strdup_printf ("%s\n%s", ps_crisis_line_get_country (line),
                              ps_crisis_line_get_how (line));
  return contact_row_new (ps_crisis_line_get_service (line), subtitle, line->number);
}

static GtkWidget *
create_program_row (gpointer item,
                    gpointer user_data)
{
  PsProgramContact *contact = item;

  return contact_row_new (ps_program_contact_get_name (contact),
                          ps_program_contact_get_phone (contact),
                          ps_program_contact_get_phone (contact));
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
show_error (PsSafetyPanel *self,
            const GError  *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Close the Case"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
escalate_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_autoptr(PsSafetyPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  PsStore *store;
  gint64 id, case_id;

  if (g_strcmp0 (response, "escalate") != 0 || self->conversation == NULL)
    return;

  store = ps_context_get_store (self->context);
  id = ps_conversation_get_id (self->conversation);
  case_id = ps_conversation_get_case_id (self->conversation);

  /* The conversation counts as held; then the case closes, which cancels
   * anything still planned. Two changes, each committed on its own. */
  if (store == NULL ||
      !ps_store_set_conversation_state (store, id, PS_CONVERSATION_COMPLETED, &error) ||
      !ps_store_close_case (store, case_id, PS_CLOSURE_ESCALATED, NULL, &error))
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[ESCALATED], 0);
}

static void
escalate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PsSafetyPanel *self = PS_SAFETY_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *day = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->conversation == NULL || self->context == NULL)
    return;

  day = ps_close_case_erase_day (self->context);
  /* Translators: %s is a day, as in "5 January 2027" */
  body = g_strdup_printf (_("The conversation is marked as held and the case is closed as "
                            "escalated for safety. Anything still planned with this colleague "
                            "is cancelled. Nothing else is recorded; their name and contact "
                            "will be erased on %s."), day);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Close Case as Escalated for Safety?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "escalate", _("C_lose Case"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "escalate",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (escalate_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_action (PsSafetyPanel *self)
{
  gboolean open = self->conversation != NULL && self->context != NULL &&
                  ps_context_get_store (self->context) != NULL;

  if (open)
    {
      PsCase *kase = ps_store_lookup_case (ps_context_get_store (self->context),
                                           ps_conversation_get_case_id (self->conversation));

      open = kase != NULL && ps_case_get_closure_status (kase) == PS_CLOSURE_NONE;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "safety.escalate", open);
}

static void
set_context (PsSafetyPanel *self,
             PsContext     *context)
{
  GSettings *settings;

  g_assert (self->context == NULL);
  if (context == NULL)
    return;

  self->context = g_object_ref (context);
  settings = ps_context_get_settings (context);

  {
    GListStore *both = g_list_store_new (G_TYPE_LIST_MODEL);
    g_autoptr(GListModel) presets = ps_crisis_lines_dup_model (settings);
    g_autoptr(GListModel) own = ps_phone_list_dup_model (settings, "custom-crisis-lines");

    g_list_store_append (both, presets);
    g_list_store_append (both, own);
    self->crisis_lines = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (both)));
  }
  gtk_list_box_bind_model (self->crisis_list, self->crisis_lines, create_crisis_row, self, NULL);
  self->program_contacts = ps_program_contacts_dup_model (settings);
  /* The demo shows a program's contacts, fictional, when the supporter has
   * none yet: what the panel looks like in use, not a "set this up". */
  if (ps_context_is_demo (context) && g_list_model_get_n_items (self->program_contacts) == 0)
    {
      GListStore *demo = g_list_store_new (PS_TYPE_PROGRAM_CONTACT);
      g_autoptr(PsProgramContact) coordinator = ps_program_contact_new (_("Program coordinator (demo)"),
                                                                        "555 0100");
      g_autoptr(PsProgramContact) php = ps_program_contact_new (_("Physician health program (demo)"),
                                                                "555 0199");

      g_list_store_append (demo, coordinator);
      g_list_store_append (demo, php);
      g_object_unref (self->program_contacts);
      self->program_contacts = G_LIST_MODEL (demo);
    }
  ps_safety_panel_bind_program_list (self->program_list, self->program_contacts);
  update_action (self);
}

static void
ps_safety_panel_dispose (GObject *object)
{
  PsSafetyPanel *self = (PsSafetyPanel *)object;

  if (self->crisis_list != NULL)
    gtk_list_box_bind_model (self->crisis_list, NULL, NULL, NULL, NULL);
  if (self->program_list != NULL)
    gtk_list_box_bind_model (self->program_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SAFETY_PANEL);
  g_clear_object (&self->crisis_lines);
  g_clear_object (&self->program_contacts);
  g_clear_object (&self->conversation);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_safety_panel_parent_class)->dispose (object);
}

static void
ps_safety_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PsSafetyPanel *self = PS_SAFETY_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_safety_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PsSafetyPanel *self = PS_SAFETY_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_safety_panel_class_init (PsSafetyPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_safety_panel_dispose;
  object_class->get_property = ps_safety_panel_get_property;
  object_class->set_property = ps_safety_panel_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PsSafetyPanel::escalated:
   *
   * The conversation was completed and its case closed as escalated.
   */
  signals[ESCALATED] = g_signal_new ("escalated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ps-safety-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PsSafetyPanel, box);
  gtk_widget_class_bind_template_child (widget_class, PsSafetyPanel, crisis_list);
  gtk_widget_class_bind_template_child (widget_class, PsSafetyPanel, program_list);
  gtk_widget_class_install_action (widget_class, "safety.escalate", NULL, escalate_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ps_safety_panel_init (PsSafetyPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->crisis_list,
                                placeholder_new (_("No crisis lines chosen. Choose them in "
                                                   "Preferences, under Safety Contacts.")));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "safety.escalate", FALSE);
}

void
ps_safety_panel_bind_program_list (GtkListBox *list,
                                   GListModel *contacts)
{
  g_return_if_fail (GTK_IS_LIST_BOX (list));

  gtk_list_box_bind_model (list, contacts, create_program_row, NULL, NULL);
  gtk_list_box_set_placeholder (list,
                                placeholder_new (_("No program contacts yet. Add them in "
                                                   "Preferences, under Safety Contacts.")));
}

GtkWidget *
ps_safety_panel_new (PsContext *context)
{
  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  return g_object_new (PS_TYPE_SAFETY_PANEL, "context", context, NULL);
}

void
ps_safety_panel_set_conversation (PsSafetyPanel  *self,
                                  PsConversation *conversation)
{
  g_return_if_fail (PS_IS_SAFETY_PANEL (self));
  g_return_if_fail (!conversation || PS_IS_CONVERSATION (conversation));

  g_set_object (&self->conversation, conversation);
  update_action (self);
}

GtkListBox *
ps_safety_panel_get_crisis_list (PsSafetyPanel *self)
{
  g_return_val_if_fail (PS_IS_SAFETY_PANEL (self), NULL);
  return self->crisis_list;
}

GtkListBox *
ps_safety_panel_get_program_list (PsSafetyPanel *self)
{
  g_return_val_if_fail (PS_IS_SAFETY_PANEL (self), NULL);
  return self->program_list;
}
