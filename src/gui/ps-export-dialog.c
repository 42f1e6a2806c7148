/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Exporting the schedule to an iCalendar file. The writing is
 * ps_ical_export_to_file_full(); this dialog only chooses the period, the
 * names and the file. Nothing identifying leaves Peerside unless asked. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ps-export-dialog-private.h"
#include "ps-ical-export.h"
#include "ps-toast.h"

struct _PsExportDialog
{
  AdwWindow             parent_instance;

  PsContext            *context;
  GtkFileChooserNative *chooser;

  AdwToastOverlay      *toast_overlay;
  PsDateRow            *from_row;
  PsDateRow            *to_row;
  AdwActionRow         *names_row;
  GtkCheckButton       *names_check;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (PsExportDialog, ps_export_dialog, ADW_TYPE_WINDOW)

static void
show_error (PsExportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Midnight starting @day in the clock's zone. */
static GDateTime *
day_start (PsExportDialog *self,
           const GDate    *day,
           int             plus_days)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (ps_context_get_clock (self->context));
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day),
                                                   g_date_get_day (day), 0, 0, 0);

  return g_date_time_add_days (midnight, plus_days);
}

static gboolean
validate (PsExportDialog *self)
{
  const GDate *from = ps_date_row_get_date (self->from_row);
  const GDate *to = ps_date_row_get_date (self->to_row);
  const char *error = NULL;

  if (from == NULL || to == NULL)
    error = _("Choose the first and the last day.");
  else if (g_date_compare (from, to) > 0)
    error = _("The period ends before it starts. Choose a later last day.");

  show_error (self, error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.export", error == NULL);
  return error == NULL;
}

static void
field_changed_cb (PsExportDialog *self)
{
  validate (self);
}

gboolean
ps_export_dialog_save_to (PsExportDialog *self,
                          GFile          *file)
{
  PsStore *store;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  GtkWindow *parent;
  AdwToast *toast;
  guint due_days;

  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!validate (self))
    return FALSE;
  store = ps_context_get_store (self->context);
  if (store == NULL)
    {
      show_error (self, _("The caseload is locked. Unlock it, then export again."));
      return FALSE;
    }

  from = day_start (self, ps_date_row_get_date (self->from_row), 0);
  /* The last day is included. */
  to = day_start (self, ps_date_row_get_date (self->to_row), 1);
  ps_first_contact_days_read (ps_context_get_settings (self->context), &due_days, NULL);

  /* An empty calendar said to be exported is a surprise found only in the
   * calendar app: say so here, and write nothing. */
  ics = ps_ical_export_to_string (store, from, to, FALSE, due_days, &error);
  if (ics == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  if (strstr (ics, "BEGIN:VEVENT") == NULL)
    {
      show_error (self, _("Nothing is planned or due in these days. Choose an earlier first day "
                          "to include past conversations."));
      return FALSE;
    }

  if (!ps_ical_export_to_file_full (store, from, to,
                                    gtk_check_button_get_active (self->names_check),
                                    due_days, file, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  toast = adw_toast_new (_("Schedule exported"));
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    {
      ps_toast_add (GTK_WIDGET (parent), toast);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return TRUE;
}

static void
chooser_response_cb (PsExportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ps_export_dialog_save_to (self, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PsExportDialog *self = PS_EXPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = NULL;

  if (!validate (self) || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Schedule"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the suggested file name of an exported schedule */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("peer-support-schedule.ics"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
ps_export_dialog_dispose (GObject *object)
{
  PsExportDialog *self = (PsExportDialog *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_export_dialog_parent_class)->dispose (object);
}

static void
ps_export_dialog_class_init (PsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_export_dialog_dispose;

  g_type_ensure (PS_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, names_row);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, names_check);
  gtk_widget_class_bind_template_child (widget_class, PsExportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
ps_export_dialog_init (PsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->names_check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_action_row_get_subtitle (self->names_row),
                                  -1);
}

PsExportDialog *
ps_export_dialog_new (PsContext *context)
{
  PsExportDialog *self;
  GDate day;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  self = g_object_new (PS_TYPE_EXPORT_DIALOG, NULL);
  self->context = g_object_ref (context);

  /* The coming month. */
  ps_clock_get_today (ps_context_get_clock (context), &day);
  ps_date_row_set_date (self->from_row, &day);
  g_date_add_days (&day, 30);
  ps_date_row_set_date (self->to_row, &day);
  validate (self);
  return self;
}

PsDateRow *
ps_export_dialog_get_from_row (PsExportDialog *self)
{
  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), NULL);
  return self->from_row;
}

PsDateRow *
ps_export_dialog_get_to_row (PsExportDialog *self)
{
  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), NULL);
  return self->to_row;
}

GtkCheckButton *
ps_export_dialog_get_names_check (PsExportDialog *self)
{
  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), NULL);
  return self->names_check;
}

const char *
ps_export_dialog_get_error (PsExportDialog *self)
{
  g_return_val_if_fail (PS_IS_EXPORT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
    ? gtk_label_get_text (self->error_label) : NULL;
}
