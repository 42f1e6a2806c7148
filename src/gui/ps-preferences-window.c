/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-accessible.h"
#include "ps-contact-uri.h"
#include "ps-contacts-preferences.h"
#include "ps-preferences-window.h"
#include "ps-targets-group.h"
#include "ps-wrap.h"

struct _PsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  PsContext            *context;

  GtkWidget            *reminders_switch;
  GtkWidget            *names_switch;
  GtkWidget            *background_switch;
  GtkWidget            *login_switch;
  GtkWidget            *privacy_switch;
  AdwPreferencesPage   *general_page;
  GtkWidget            *small_counts_switch;
  GtkWidget            *program_name_row;
  GtkWidget            *follow_up_spin;
  PsTargetsGroup       *targets;
  AdwComboRow          *lead_row;
  AdwComboRow          *lock_row;
  AdwActionRow         *password_row;
  GtkButton            *password_button;
  AdwComboRow          *retention_row;
  AdwEntryRow          *message_row;
};

G_DEFINE_FINAL_TYPE (PsPreferencesWindow, ps_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo rows offer a few sensible values of an integer setting. */
static const int lead_values[] = { 5, 10, 15, 30, 60 };
static const int lock_values[] = { 0, 5, 10, 15, 30, 60 };
static const int retention_values[] = { 7, 30, 90, 365 };

typedef struct
{
  const int *values;
  guint      n_values;
} ValueTable;

static const ValueTable lead_table = { lead_values, G_N_ELEMENTS (lead_values) };
static const ValueTable lock_table = { lock_values, G_N_ELEMENTS (lock_values) };
static const ValueTable retention_table = { retention_values, G_N_ELEMENTS (retention_values) };

static gboolean
int_to_position (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const ValueTable *table = user_data;
  int v = g_variant_get_int32 (variant);
  guint best = 0;

  /* A value set elsewhere (dconf) shows as the nearest choice. */
  for (guint i = 0; i < table->n_values; i++)
    if (ABS (table->values[i] - v) < ABS (table->values[best] - v))
      best = i;
  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
position_to_int (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  const ValueTable *table = user_data;
  guint pos = g_value_get_uint (value);

  if (pos >= table->n_values)
    return NULL;
  return g_variant_new_int32 (table->values[pos]);
}

static void
bind_choice (GSettings        *settings,
             const char       *key,
             AdwComboRow      *row,
             const ValueTable *table)
{
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                int_to_position, position_to_int, (gpointer) table, NULL);
}

/* A wording of several lines or a letter's length is not saved, and says why. */
static GVariant *
message_to_setting (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  const char *text = g_value_get_string (value);

  if (!ps_reach_in_message_is_valid (text))
    return NULL;
  return g_variant_new_string (text);
}

static void
message_changed_cb (PsPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->message_row));
  gboolean valid = ps_reach_in_message_is_valid (text);
  g_autofree char *why = NULL;

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->message_row), "error");
  if (!valid)
    why = g_strdup_printf (_("One line of at most %d characters: this wording is not saved."),
                           PS_REACH_IN_MESSAGE_MAX_CHARS);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->message_row), why);
}

static void
bind_settings (PsPreferencesWindow *self)
{
  GSettings *settings = ps_context_get_settings (self->context);

  g_settings_bind (settings, "reminders-enabled", self->reminders_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "names-in-notifications", self->names_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "start-at-login", self->login_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "privacy-mode", self->privacy_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "hide-small-counts", self->small_counts_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "program-name", self->program_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  ps_accessible_label_entry_row (ADW_ENTRY_ROW (self->program_name_row));
  g_settings_bind (settings, "safety-follow-up-days", self->follow_up_spin, "value", G_SETTINGS_BIND_DEFAULT);
  self->targets = PS_TARGETS_GROUP (ps_targets_group_new (settings));
  adw_preferences_page_add (self->general_page, ADW_PREFERENCES_GROUP (self->targets));
  bind_choice (settings, "reminder-lead-minutes", self->lead_row, &lead_table);
  bind_choice (settings, "lock-after-idle-minutes", self->lock_row, &lock_table);
  bind_choice (settings, "retention-days", self->retention_row, &retention_table);
  g_settings_bind_with_mapping (settings, "reach-in-message", self->message_row, "text",
                                G_SETTINGS_BIND_DEFAULT, NULL, message_to_setting, NULL, NULL);
  g_signal_connect_object (self->message_row, "changed", G_CALLBACK (message_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
update_password_row (PsPreferencesWindow *self)
{
  PsKeyVault *vault = ps_context_get_key_vault (self->context);
  gboolean open = ps_context_get_status (self->context) == PS_CONTEXT_READY;

  if (ps_key_vault_get_protected (vault))
    adw_action_row_set_subtitle (self->password_row,
                                 _("Unlock asks for the caseload's own password, kept by the keyring."));
  gtk_widget_set_visible (GTK_WIDGET (self->password_button), !ps_key_vault_get_protected (vault));
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_button), open);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), !ps_context_is_demo (self->context));
}

static void
protected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PsPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ps_key_vault_protect_finish (PS_KEY_VAULT (object), result, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("No password was set. The caseload still opens with your login.")));
  update_password_row (self);
}

static void
password_clicked_cb (PsPreferencesWindow *self)
{
  /* gnome-keyring's own prompt asks for the new password, twice. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_button), FALSE);
  ps_key_vault_protect_async (ps_context_get_key_vault (self->context), NULL, protected_cb,
                              g_object_ref (self));
}

/* A number typed and not yet left is what the window shows: closing keeps
 * it (the targets only when the pair makes sense, as while typing). */
static gboolean
ps_preferences_window_close_request (GtkWindow *window)
{
  PsPreferencesWindow *self = PS_PREFERENCES_WINDOW (window);

  gtk_spin_button_update (GTK_SPIN_BUTTON (self->follow_up_spin));
  if (self->targets != NULL)
    ps_targets_group_apply (self->targets);

  if (GTK_WINDOW_CLASS (ps_preferences_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (ps_preferences_window_parent_class)->close_request (window);
  return FALSE;
}

static void
ps_preferences_window_dispose (GObject *object)
{
  PsPreferencesWindow *self = (PsPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_preferences_window_parent_class)->dispose (object);
}

static void
ps_preferences_window_class_init (PsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_preferences_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = ps_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, names_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, login_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, privacy_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, general_page);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, small_counts_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, program_name_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, follow_up_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, lead_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, lock_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, retention_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, message_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, password_button);
  gtk_widget_class_bind_template_callback (widget_class, password_clicked_cb);
}

static void
ps_preferences_window_init (PsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_wrap_combo_rows (GTK_WIDGET (self));
  ps_accessible_label_entry_row (self->message_row);
}

PsPreferencesWindow *
ps_preferences_window_new (PsContext *context)
{
  PsPreferencesWindow *self;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  self = g_object_new (PS_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);
  bind_settings (self);
  g_signal_connect_object (ps_context_get_key_vault (context), "notify::protected",
                           G_CALLBACK (update_password_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::status",
                           G_CALLBACK (update_password_row), self, G_CONNECT_SWAPPED);
  update_password_row (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (ps_contacts_preferences_page_new (ps_context_get_settings (context))));
  return self;
}
