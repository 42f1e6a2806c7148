/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-close-case-dialog.h"
#include "ps-retention.h"

#define N_STATUSES (PS_CLOSURE_TRANSFERRED - PS_CLOSURE_COMPLETED + 1)

struct _PsCloseCaseDialog
{
  AdwMessageDialog  parent_instance;

  PsClosureStatus   status;

  GtkListBox       *list_box;
  GtkCheckButton   *checks[N_STATUSES];
};

G_DEFINE_FINAL_TYPE (PsCloseCaseDialog, ps_close_case_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
check_toggled_cb (GtkCheckButton    *check,
                  PsCloseCaseDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;

  self->status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "status"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "close", TRUE);
}

static void
ps_close_case_dialog_class_init (PsCloseCaseDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ps-close-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsCloseCaseDialog, list_box);
}

static void
ps_close_case_dialog_init (PsCloseCaseDialog *self)
{
  GtkCheckButton *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Radio-style rows: nothing is chosen for the user. */
  for (PsClosureStatus s = PS_CLOSURE_COMPLETED; s <= PS_CLOSURE_TRANSFERRED; s++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *label = ps_closure_status_to_label (s);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      g_object_set_data (G_OBJECT (check), "status", GINT_TO_POINTER (s));
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->list_box, row);
      self->checks[s - PS_CLOSURE_COMPLETED] = GTK_CHECK_BUTTON (check);
    }
}

PsCloseCaseDialog *
ps_close_case_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PS_TYPE_CLOSE_CASE_DIALOG,
                       "transient-for", parent,
                       NULL);
}

/* PS_CLOSURE_NONE until the user chose. */
PsClosureStatus
ps_close_case_dialog_get_status (PsCloseCaseDialog *self)
{
  g_return_val_if_fail (PS_IS_CLOSE_CASE_DIALOG (self), PS_CLOSURE_NONE);

  return self->status;
}

void
ps_close_case_dialog_set_status (PsCloseCaseDialog *self,
                                 PsClosureStatus    status)
{
  g_return_if_fail (PS_IS_CLOSE_CASE_DIALOG (self));
  g_return_if_fail (status >= PS_CLOSURE_COMPLETED && status <= PS_CLOSURE_TRANSFERRED);

  gtk_check_button_set_active (self->checks[status - PS_CLOSURE_COMPLETED], TRUE);
}

/* The day a case closed today has its name and contact erased, as
 * "5 January 2027". */
char *
ps_close_case_erase_day (PsContext *context)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate today, erase_on;
  int days;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  days = g_settings_get_int (ps_context_get_settings (context), "retention-days");
  ps_clock_get_today (ps_context_get_clock (context), &today);
  ps_retention_erase_day (&today, (guint) MAX (days, 1), &erase_on);
  dt = g_date_time_new_local (g_date_get_year (&erase_on), g_date_get_month (&erase_on),
                              g_date_get_day (&erase_on), 12, 0, 0);
  /* Translators: the day a closed case's name is erased, as in "5 January 2027";
   * see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

void
ps_close_case_dialog_set_erase_on (PsCloseCaseDialog *self,
                                   PsContext         *context)
{
  g_autofree char *day = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (PS_IS_CLOSE_CASE_DIALOG (self));

  day = ps_close_case_erase_day (context);
  /* Translators: %s is a day, as in "5 January 2027" */
  body = g_strdup_printf (_("How did the support end? Their name and contact will be erased on %s; "
                            "until then you can reopen the case."), day);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
}

gboolean
ps_close_case_needs_confirmation (gboolean        safety_concern,
                                  PsClosureStatus status)
{
  return safety_concern && status != PS_CLOSURE_ESCALATED && status != PS_CLOSURE_REFERRED;
}

AdwMessageDialog *
ps_close_case_confirmation_new (GtkWindow       *parent,
                                PsClosureStatus  status)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  /* Translators: %s is a closure status, "Support completed" */
  body = g_strdup_printf (_("The latest conversation raised a safety concern. Close the case as "
                            "“%s” rather than as escalated for safety or referred?"),
                          ps_closure_status_to_label (status));
  dialog = adw_message_dialog_new (parent, _("Close Case Despite the Safety Concern?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return ADW_MESSAGE_DIALOG (dialog);
}
