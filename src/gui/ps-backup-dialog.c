/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Back up the caseload to a file only a passphrase opens, or restore one:
 * the backup is checked (passphrase, integrity, version) before anything
 * changes, the user confirms, and only then is the caseload replaced. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-accessible.h"
#include "ps-backup.h"
#include "ps-backup-dialog.h"
#include "ps-toast.h"

#define MIN_PASSPHRASE_CHARS 8

struct _PsBackupDialog
{
  AdwWindow           parent_instance;

  PsContext          *context;
  PsBackupDialogMode  mode;
  GFile              *restoring;   /* the checked copy */
  GFile              *chosen;      /* restoring: the backup chosen, first */
  GtkFileChooserNative *chooser;

  AdwWindowTitle     *title;
  GtkButton          *go_button;
  GtkLabel           *intro;
  GtkWidget          *fields_group;
  AdwActionRow       *file_row;
  GtkEditable        *passphrase_row;
  GtkWidget          *confirm_row;
  GtkLabel           *message;
  GtkWidget          *spinner;
};

G_DEFINE_FINAL_TYPE (PsBackupDialog, ps_backup_dialog, ADW_TYPE_WINDOW)

static void
show_message (PsBackupDialog *self,
              const char     *text,
              gboolean        is_error)
{
  gtk_label_set_label (self->message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL && text[0] != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

static void
set_busy (PsBackupDialog *self,
          gboolean        busy)
{
  /* The fields stay editable: GTK 4.8 loses track of a focused text field
   * made insensitive. Going again is what must wait. */
  gtk_widget_set_visible (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.go", !busy);
}

static void
validate (PsBackupDialog *self)
{
  const char *passphrase = gtk_editable_get_text (self->passphrase_row);
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const char *problem = NULL;
  gboolean ok;

  /* Restoring: the file first, then its passphrase. */
  if (self->mode == PS_BACKUP_DIALOG_RESTORE)
    ok = self->chosen == NULL || passphrase[0] != '\0';
  else if (g_utf8_strlen (passphrase, -1) < MIN_PASSPHRASE_CHARS)
    {
      ok = FALSE;
      if (passphrase[0] != '\0')
        problem = _("Use at least 8 characters.");
    }
  else if (g_strcmp0 (passphrase, confirm) != 0)
    {
      ok = FALSE;
      if (confirm[0] != '\0')
        problem = _("The two passphrases differ.");
    }
  else
    ok = TRUE;

  show_message (self, problem, problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.go", ok);
}

/* GTK 4.8 warns when a focused text field goes with its window: let go of
 * the focus first. */
static void
close_dialog (PsBackupDialog *self)
{
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
toast_on_parent (PsBackupDialog *self,
                 const char     *text)
{
  ps_toast_add (GTK_WIDGET (self), adw_toast_new (text));
}

gboolean
ps_backup_dialog_save_to (PsBackupDialog *self,
                          GFile          *file)
{
  g_autoptr(GError) error = NULL;
  PsStore *store;

  g_return_val_if_fail (PS_IS_BACKUP_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  store = ps_context_get_store (self->context);
  if (store == NULL)
    {
      show_message (self, _("The caseload is not open. Unlock it, then back it up."), TRUE);
      return FALSE;
    }

  if (!ps_backup_export (store, file, gtk_editable_get_text (self->passphrase_row), &error))
    {
      show_message (self, error->message, TRUE);
      return FALSE;
    }

  toast_on_parent (self, _("Backup saved"));
  close_dialog (self);
  return TRUE;
}

/* The private copy of the chosen backup, checked: deleted once restored or
 * no longer wanted. */
static void
forget_copy (PsBackupDialog *self)
{
  if (self->restoring != NULL)
    g_file_delete (self->restoring, NULL, NULL);
  g_clear_object (&self->restoring);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PsBackupDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  gboolean ok = ps_backup_restore_finish (result, &kept, &error);

  forget_copy (self);
  /* The restored caseload, or the one kept when restoring failed. */
  ps_context_open (self->context);
  set_busy (self, FALSE);

  if (!ok)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  if (kept != NULL)
    {
      g_autofree char *name = g_path_get_basename (kept);
      g_autofree char *text = NULL;

      /* Translators: %s is a file name, caseload-unreadable-20261201-143000.db */
      text = g_strdup_printf (_("Caseload restored; the one that would not open is kept as %s"), name);
      toast_on_parent (self, text);
    }
  else
    toast_on_parent (self, _("Caseload restored from the backup"));
  close_dialog (self);
}

/* The caseload here did not open (its key is missing or wrong, or it is
 * damaged): restoring keeps it rather than replace it. */
static gboolean
keeps_current (PsBackupDialog *self)
{
  return ps_context_get_status (self->context) == PS_CONTEXT_FAILED;
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PsBackupDialog   *self)
{
  gboolean keep = keeps_current (self);

  if (g_strcmp0 (response, "replace") != 0)
    {
      forget_copy (self);
      set_busy (self, FALSE);
      return;
    }

  /* The store must be closed while its file is replaced. */
  ps_context_close (self->context, PS_CONTEXT_OPENING);
  ps_backup_restore_async (self->restoring,
                           gtk_editable_get_text (self->passphrase_row),
                           ps_context_get_data_dir (self->context),
                           ps_context_get_key_vault (self->context),
                           keep ? PS_RESTORE_KEEP_CURRENT : PS_RESTORE_REPLACE,
                           NULL, restored_cb, g_object_ref (self));
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PsBackupDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  PsBackupInfo info = { 0 };
  GtkWidget *dialog;
  gboolean keep;

  forget_copy (self);
  if (!ps_backup_check_finish (result, &info, &self->restoring, &error))
    {
      set_busy (self, FALSE);
      show_message (self, error->message, TRUE);
      /* A wrong passphrase is typed again; the file stays chosen. */
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      gtk_editable_select_region (self->passphrase_row, 0, -1);
      return;
    }

  /* A caseload that does not open is kept, so restoring it is no loss. */
  keep = keeps_current (self);
  if (keep)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The backup holds %u case (%u open) and %u conversations. "
                                         "The caseload on this computer, which does not open, is "
                                         "kept in the data folder under another name.",
                                         "The backup holds %u cases (%u open) and %u conversations. "
                                         "The caseload on this computer, which does not open, is "
                                         "kept in the data folder under another name.",
                                         info.n_cases),
                            info.n_cases, info.n_open_cases, info.n_conversations);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The backup holds %u case (%u open) and %u conversations. "
                                         "It will replace the caseload on this computer, which "
                                         "cannot be undone.",
                                         "The backup holds %u cases (%u open) and %u conversations. "
                                         "It will replace the caseload on this computer, which "
                                         "cannot be undone.",
                                         info.n_cases),
                            info.n_cases, info.n_open_cases, info.n_conversations);
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   keep ? _("Restore From This Backup?") : _("Replace Your Caseload?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", keep ? _("_Restore") : _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              keep ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The backup chosen: its name shown, its passphrase asked for. */
static void
set_chosen (PsBackupDialog *self,
            GFile          *file)
{
  g_autofree char *name = g_file_get_basename (file);

  if (self->chosen != file)
    {
      g_clear_object (&self->chosen);
      self->chosen = g_object_ref (file);
    }
  adw_action_row_set_subtitle (self->file_row, name);
  gtk_widget_set_visible (self->fields_group, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->file_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_row), TRUE);
  gtk_button_set_label (self->go_button, _("_Restore…"));
  show_message (self, NULL, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  validate (self);
}

/* Checks the backup first; the caseload is replaced only once confirmed. */
void
ps_backup_dialog_restore_from (PsBackupDialog *self,
                               GFile          *file)
{
  g_return_if_fail (PS_IS_BACKUP_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  set_chosen (self, file);
  if (gtk_editable_get_text (self->passphrase_row)[0] == '\0')
    return;
  forget_copy (self);
  set_busy (self, TRUE);
  ps_backup_check_async (file, gtk_editable_get_text (self->passphrase_row),
                         ps_context_get_data_dir (self->context), NULL,
                         checked_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PsBackupDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;
  if (self->mode == PS_BACKUP_DIALOG_BACKUP)
    ps_backup_dialog_save_to (self, file);
  else
    set_chosen (self, file);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PsBackupDialog *self = PS_BACKUP_DIALOG (widget);
  gboolean saving = self->mode == PS_BACKUP_DIALOG_BACKUP;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (saving ? _("Save Backup") : _("Choose a Backup"),
                                               GTK_WINDOW (self),
                                               saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                      : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               saving ? _("_Save") : _("_Open"),
                                               _("_Cancel"));
  if (saving)
    {
      g_autoptr(GDateTime) now = ps_clock_get_now_local (ps_context_get_clock (self->context));
      g_autofree char *name = g_date_time_format (now, "peerside-backup-%Y-%m-%d.peerside");

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Backing up: the passphrase, then where to save. Restoring: the file,
 * then its passphrase; a wrong one is typed again, the file kept. */
static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *param)
{
  PsBackupDialog *self = PS_BACKUP_DIALOG (widget);

  if (self->mode == PS_BACKUP_DIALOG_RESTORE && self->chosen != NULL)
    ps_backup_dialog_restore_from (self, self->chosen);
  else
    choose_action (widget, action_name, param);
}

static void
passphrase_activated (PsBackupDialog *self)
{
  if (self->mode == PS_BACKUP_DIALOG_RESTORE && self->chosen != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "backup.go", NULL);
}

static void
ps_backup_dialog_dispose (GObject *object)
{
  PsBackupDialog *self = (PsBackupDialog *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_BACKUP_DIALOG);
  forget_copy (self);
  g_clear_object (&self->chosen);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_backup_dialog_parent_class)->dispose (object);
}

static void
ps_backup_dialog_class_init (PsBackupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_backup_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsBackupDialog, title);
  gtk_widget_class_bind_template_child (widget_class, PsBackupDialog, go_button);
  gtk_widget_class_bind_template_child (widget_class, PsBackupDialog, intro);
  gtk_widget_class_bind_template_child (widget_class, PsBackupDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, PsBackupDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, PsBackupDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PsBackupDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PsBackupDialog, message);
  gtk_widget_class_bind_template_child (widget_class, PsBackupDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated);

  gtk_widget_class_install_action (widget_class, "backup.go", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "backup.choose", NULL, choose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ps_backup_dialog_init (PsBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_accessible_label_entry_row (ADW_ENTRY_ROW (self->passphrase_row));
  ps_accessible_label_entry_row (ADW_ENTRY_ROW (self->confirm_row));
}

PsBackupDialog *
ps_backup_dialog_new (PsContext          *context,
                      PsBackupDialogMode  mode)
{
  PsBackupDialog *self;
  gboolean backup = mode == PS_BACKUP_DIALOG_BACKUP;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  self = g_object_new (PS_TYPE_BACKUP_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->mode = mode;

  adw_window_title_set_title (self->title, backup ? _("Back Up Caseload") : _("Restore From Backup"));
  gtk_button_set_label (self->go_button, backup ? _("_Save Backup…") : _("_Choose Backup…"));
  gtk_label_set_label (self->intro,
                       backup
                       ? _("The backup is encrypted with a passphrase of your own. Without it the "
                           "backup cannot be opened — not by anyone, not by you. Keep it somewhere "
                           "other than this computer's keyring.")
                       : _("Choose a Peerside backup, then type its passphrase. The backup is "
                           "checked first, and nothing changes until you confirm."));
  gtk_widget_set_visible (self->confirm_row, backup);
  /* Restoring, the passphrase is asked for once the file is chosen. */
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_row), backup);
  gtk_widget_set_visible (self->fields_group, backup);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->passphrase_row));
  validate (self);
  return self;
}

const char *
ps_backup_dialog_get_message (PsBackupDialog *self)
{
  g_return_val_if_fail (PS_IS_BACKUP_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_label (self->message) : "";
}
