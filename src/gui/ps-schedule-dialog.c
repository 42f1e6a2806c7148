/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Planning a conversation. The day and time are typed in the clock's zone
 * and saved as a UTC instant, so a conversation keeps its place across
 * daylight-saving changes. What cannot be saved (a time gone by) shows why
 * under the form; what may be a mistake (an overlap) shows as a warning. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-privacy.h"
#include "ps-schedule-dialog-private.h"
#include "ps-wrap.h"

/* Support is one to three short follow-up conversations: planning one of
 * the first three needs no question, a fourth asks whether to refer on. */
#define PS_SCHEDULE_USUAL_CONVERSATIONS 3

static const guint lengths[] = { 15, 30, 45 };

struct _PsScheduleDialog
{
  AdwWindow            parent_instance;

  PsContext           *context;
  PsCase              *item;
  PsConversation      *edited;        /* NULL for a new conversation */
  PsConversation      *saved;
  AdwMessageDialog    *confirmation;  /* while the question is asked */
  gboolean             populating;

  AdwPreferencesGroup *when_group;
  PsDateRow           *date_row;
  GtkButton           *save_button;
  PsTimeRow           *time_row;
  AdwComboRow         *length_row;
  AdwComboRow         *modality_row;
  GtkLabel            *error_label;
  GtkLabel            *warning_label;
};

G_DEFINE_FINAL_TYPE (PsScheduleDialog, ps_schedule_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static guint
get_minutes (PsScheduleDialog *self)
{
  guint i = adw_combo_row_get_selected (self->length_row);

  return i < G_N_ELEMENTS (lengths) ? lengths[i] : 30;
}

/* The typed start in the clock's zone, or NULL without a day or a time. @missing is
 * set when the clocks skip the typed time that day. */
static GDateTime *
get_starts_at (PsScheduleDialog *self,
               gboolean         *missing)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (ps_context_get_clock (self->context));

  return ps_time_row_get_date_time (self->time_row, ps_date_row_get_date (self->date_row), tz,
                                    missing);
}

static gboolean
validate (PsScheduleDialog *self)
{
  PsStore *store = ps_context_get_store (self->context);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PsConversation) overlap = NULL;
  g_autofree char *warning = NULL;
  const char *error = NULL;
  gboolean missing;

  start = get_starts_at (self, &missing);
  now = ps_clock_get_now_utc (ps_context_get_clock (self->context));

  if (!ps_time_row_get_valid (self->time_row))
    error = ps_time_row_get_error_text (self->time_row);
  else if (start == NULL)
    error = _("Choose a day.");
  else if (missing)
    error = _("The clocks go forward at this time that day. Choose another time.");
  else if (g_date_time_compare (start, now) < 0)
    error = _("This time has passed. Choose a time still to come.");
  else if (store != NULL &&
           (overlap = ps_store_find_overlap (store, start, get_minutes (self),
                                             self->edited != NULL ? ps_conversation_get_id (self->edited) : 0)))
    {
      g_autoptr(GTimeZone) tz = ps_clock_get_timezone (ps_context_get_clock (self->context));
      g_autoptr(GDateTime) other = g_date_time_to_timezone (ps_conversation_get_starts_at (overlap), tz);
      g_autofree char *at = ps_format_time (other);

      /* Translators: %s is a time, "14:30". No name: the screen may be shared. */
      warning = g_strdup_printf (_("Overlaps another conversation at %s"), at);
    }

  set_label (self->error_label, error);
  set_label (self->warning_label, warning);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", error == NULL);
  return error == NULL;
}

static void
field_changed_cb (PsScheduleDialog *self)
{
  if (!self->populating)
    validate (self);
}

static void
save (PsScheduleDialog *self)
{
  PsStore *store = ps_context_get_store (self->context);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(PsConversation) saved = NULL;
  g_autoptr(GError) error = NULL;
  PsModality modality = adw_combo_row_get_selected (self->modality_row);
  gboolean missing;

  if (!validate (self))
    return;
  if (store == NULL)
    {
      set_label (self->error_label, _("The caseload is locked. Unlock it, then schedule again."));
      return;
    }

  start = get_starts_at (self, &missing);
  utc = g_date_time_to_utc (start);
  if (self->edited != NULL)
    {
      gint64 id = ps_conversation_get_id (self->edited);

      if (ps_store_reschedule_conversation (store, id, utc, get_minutes (self), modality, &error))
        saved = ps_store_lookup_conversation (store, id);
    }
  else
    saved = ps_store_schedule_conversation (store, ps_case_get_id (self->item), utc,
                                            get_minutes (self), modality, &error);

  if (saved == NULL)
    {
      /* Everything chosen stays, so the user can try again. */
      set_label (self->error_label,
                 error != NULL ? error->message : _("The conversation could not be saved."));
      return;
    }

  g_set_object (&self->saved, saved);
  g_signal_emit (self, signals[SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
confirmation_response_cb (PsScheduleDialog *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  self->confirmation = NULL;
  /* Saving closes this window before the question is gone: let go of it
   * first, or GTK would later unhook the question from a freed window. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  if (g_strcmp0 (response, "schedule") == 0)
    save (self);
}

/* A fourth conversation held or planned (missed and cancelled ones do not
 * count). Moving one already planned asks nothing. */
static gboolean
needs_confirmation (PsScheduleDialog *self)
{
  guint planned = ps_case_get_n_conversations (self->item);

  if (self->edited != NULL &&
      ps_conversation_get_state (self->edited) == PS_CONVERSATION_SCHEDULED)
    return FALSE;
  return planned >= PS_SCHEDULE_USUAL_CONVERSATIONS;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PsScheduleDialog *self = PS_SCHEDULE_DIALOG (widget);
  GtkWidget *dialog;

  if (!validate (self) || self->confirmation != NULL)
    return;
  if (!needs_confirmation (self))
    {
      save (self);
      return;
    }

  /* No name: the screen may be shared. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Plan a Fourth Conversation?"),
                                   _("Peer support is short-term: one to three conversations. "
                                     "If your colleague needs more, consider suggesting "
                                     "professional resources, such as the physician health "
                                     "program, employee assistance or counselling, and closing "
                                     "the case as referred."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "schedule", _("_Schedule Anyway"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb),
                           self, G_CONNECT_SWAPPED);
  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* A new conversation starts at the next full hour, or tomorrow morning
 * when that would be late in the day. */
static GDateTime *
default_start (PsScheduleDialog *self)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_local (ps_context_get_clock (self->context));
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (now),
                                                   g_date_time_get_year (now),
                                                   g_date_time_get_month (now),
                                                   g_date_time_get_day_of_month (now), 0, 0, 0);
  int hour = g_date_time_get_hour (now) + 1;

  if (hour < 9)
    hour = 9;
  if (hour >= 18)
    {
      g_autoptr(GDateTime) tomorrow = g_date_time_add_days (midnight, 1);

      return g_date_time_add_hours (tomorrow, 9);
    }
  return g_date_time_add_hours (midnight, hour);
}

static void
populate (PsScheduleDialog *self)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (ps_context_get_clock (self->context));
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (ps_context_get_clock (self->context));
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *name = NULL;
  g_autofree char *with = NULL;
  gboolean privacy;
  PsModality modality = ps_case_get_modality (self->item);
  guint minutes = 30;
  GDate day;

  if (self->edited != NULL)
    {
      minutes = ps_conversation_get_minutes (self->edited);
      modality = ps_conversation_get_modality (self->edited);
      /* A missed one planned again starts from a time still to come. */
      if (g_date_time_compare (ps_conversation_get_starts_at (self->edited), now) >= 0)
        start = g_date_time_to_timezone (ps_conversation_get_starts_at (self->edited), tz);
    }
  if (start == NULL)
    {
      g_autoptr(GDateTime) local = default_start (self);

      start = g_date_time_to_timezone (local, tz);
    }

  self->populating = TRUE;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (start), g_date_time_get_month (start),
                  g_date_time_get_year (start));
  ps_date_row_set_date (self->date_row, &day);
  ps_time_row_set_time (self->time_row, g_date_time_get_hour (start),
                        g_date_time_get_minute (start));
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    if (lengths[i] == minutes)
      adw_combo_row_set_selected (self->length_row, i);
  adw_combo_row_set_selected (self->modality_row, modality);
  self->populating = FALSE;

  privacy = g_settings_get_boolean (ps_context_get_settings (self->context), "privacy-mode");
  name = ps_privacy_display_name (ps_case_get_display_name (self->item), privacy);
  /* Translators: under "When" in the schedule dialog, "With Dr. Ada Lovelace" */
  with = g_strdup_printf (_("With %s"), name);
  adw_preferences_group_set_description (self->when_group, with);

  gtk_window_set_title (GTK_WINDOW (self),
                        self->edited != NULL ? _("Reschedule Conversation")
                                             : _("Schedule Conversation"));
  validate (self);
}

static void
ps_schedule_dialog_dispose (GObject *object)
{
  PsScheduleDialog *self = (PsScheduleDialog *)object;

  if (self->confirmation != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->confirmation, confirmation_response_cb, self);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->confirmation)));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SCHEDULE_DIALOG);
  g_clear_object (&self->item);
  g_clear_object (&self->edited);
  g_clear_object (&self->saved);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_schedule_dialog_parent_class)->dispose (object);
}

static void
ps_schedule_dialog_class_init (PsScheduleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_schedule_dialog_dispose;

  /**
   * PsScheduleDialog::saved:
   * @conversation: the conversation as saved
   *
   * Emitted once the store saved the conversation, just before the dialog closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, PS_TYPE_CONVERSATION);

  g_type_ensure (PS_TYPE_DATE_ROW);
  g_type_ensure (PS_TYPE_TIME_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-schedule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsScheduleDialog, when_group);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleDialog, length_row);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleDialog, modality_row);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleDialog, warning_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
ps_schedule_dialog_init (PsScheduleDialog *self)
{
  g_autoptr(GListModel) durations = ps_length_list_new (lengths, G_N_ELEMENTS (lengths));
  g_autoptr(GListModel) modalities = ps_modality_list_new ();

  self->populating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_wrap_combo_rows (GTK_WIDGET (self));
  /* The form opens on its first field, not on the header's Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->date_row));
  g_signal_connect_swapped (ps_time_row_get_entry (self->time_row), "changed",
                            G_CALLBACK (field_changed_cb), self);

  adw_combo_row_set_model (self->length_row, durations);
  adw_combo_row_set_model (self->modality_row, modalities);
}

PsScheduleDialog *
ps_schedule_dialog_new (PsContext      *context,
                        PsCase         *item,
                        PsConversation *conversation_or_null)
{
  PsScheduleDialog *self;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (PS_IS_CASE (item), NULL);
  g_return_val_if_fail (conversation_or_null == NULL || PS_IS_CONVERSATION (conversation_or_null), NULL);

  self = g_object_new (PS_TYPE_SCHEDULE_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->item = g_object_ref (item);
  self->edited = conversation_or_null != NULL ? g_object_ref (conversation_or_null) : NULL;
  if (self->edited != NULL)
    gtk_button_set_label (self->save_button, _("_Reschedule"));
  populate (self);
  return self;
}

PsConversation *
ps_schedule_dialog_get_conversation (PsScheduleDialog *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_DIALOG (self), NULL);

  return self->saved != NULL ? self->saved : self->edited;
}

PsDateRow *
ps_schedule_dialog_get_date_row (PsScheduleDialog *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_DIALOG (self), NULL);
  return self->date_row;
}

PsTimeRow *
ps_schedule_dialog_get_time_row (PsScheduleDialog *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_DIALOG (self), NULL);
  return self->time_row;
}

AdwComboRow *
ps_schedule_dialog_get_length_row (PsScheduleDialog *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_DIALOG (self), NULL);
  return self->length_row;
}

AdwComboRow *
ps_schedule_dialog_get_modality_row (PsScheduleDialog *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_DIALOG (self), NULL);
  return self->modality_row;
}

const char *
ps_schedule_dialog_get_error (PsScheduleDialog *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
    ? gtk_label_get_text (self->error_label) : NULL;
}

const char *
ps_schedule_dialog_get_warning (PsScheduleDialog *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->warning_label))
    ? gtk_label_get_text (self->warning_label) : NULL;
}

AdwMessageDialog *
ps_schedule_dialog_get_confirmation (PsScheduleDialog *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_DIALOG (self), NULL);
  return self->confirmation;
}
