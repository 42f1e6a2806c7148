/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Recording afterwards. The day and time are chosen in the clock's zone and
 * saved as a UTC instant, as in the schedule dialog; a conversation's steps
 * are the checklist's own, as check boxes, so nothing is typed but numbers. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-checklist.h"
#include "ps-conversation-page.h"
#include "ps-privacy.h"
#include "ps-record-dialog-private.h"
#include "ps-time-row.h"
#include "ps-wrap.h"

static const guint lengths[] = { 15, 30, 45 };

struct _PsRecordDialog
{
  AdwWindow        parent_instance;

  PsContext       *context;
  PsCase          *item;
  PsRecordKind     kind;

  GtkWidget       *form;
  PsDateRow       *date_row;
  PsTimeRow       *time_row;
  AdwComboRow     *length_row;
  AdwComboRow     *modality_row;
  AdwComboRow     *outcome_row;
  GHashTable      *checks;          /* step id (the checklist's) → GtkCheckButton */
  GtkToggleButton *no_concern_button;
  GtkToggleButton *concern_button;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (PsRecordDialog, ps_record_dialog, ADW_TYPE_WINDOW)

static void
set_error (PsRecordDialog *self,
           const char     *text)
{
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

/* The chosen time in the clock's zone, or NULL without a day or a time. */
static GDateTime *
get_time (PsRecordDialog *self,
          gboolean       *missing)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (ps_context_get_clock (self->context));

  return ps_time_row_get_date_time (self->time_row, ps_date_row_get_date (self->date_row), tz,
                                    missing);
}

static guint
get_minutes (PsRecordDialog *self)
{
  guint i = adw_combo_row_get_selected (self->length_row);

  return i < G_N_ELEMENTS (lengths) ? lengths[i] : 30;
}

/* TRUE when the form can be saved; says why not. */
static gboolean
validate (PsRecordDialog *self)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *error = NULL;
  gboolean missing;

  at = get_time (self, &missing);
  now = ps_clock_get_now_utc (ps_context_get_clock (self->context));
  if (!ps_time_row_get_valid (self->time_row))
    error = ps_time_row_get_error_text (self->time_row);
  else if (at == NULL)
    error = _("Choose a day.");
  else if (missing)
    error = _("The clocks go forward at this time that day. Choose another time.");
  else if (g_date_time_compare (at, now) > 0)
    error = self->kind == PS_RECORD_ATTEMPT
      ? _("This time is still to come. Choose when the attempt was made.")
      : _("This time is still to come. Choose when the conversation started.");

  set_error (self, error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", error == NULL);
  return error == NULL;
}

static void
field_changed_cb (PsRecordDialog *self)
{
  validate (self);
}

/* The steps ticked, in checklist order; the safety step once answered. */
static char **
collect_steps (PsRecordDialog *self)
{
  return ps_checklist_collect_ticked (ps_checklist_get (PS_CHECKLIST_VERSION), self->checks,
                                      gtk_toggle_button_get_active (self->no_concern_button) ||
                                      gtk_toggle_button_get_active (self->concern_button));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PsRecordDialog *self = PS_RECORD_DIALOG (widget);
  PsStore *store = ps_context_get_store (self->context);
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GError) error = NULL;
  gboolean missing, saved;

  if (!validate (self))
    return;
  if (store == NULL)
    {
      set_error (self, _("The caseload is locked. Unlock it, then try again."));
      return;
    }

  at = get_time (self, &missing);
  utc = g_date_time_to_utc (at);
  if (self->kind == PS_RECORD_ATTEMPT)
    saved = ps_store_log_contact_attempt (store, ps_case_get_id (self->item), utc,
                                          adw_combo_row_get_selected (self->outcome_row), &error);
  else
    {
      g_auto(GStrv) steps = collect_steps (self);
      g_autoptr(PsConversation) held = NULL;

      held = ps_store_add_held_conversation (store, ps_case_get_id (self->item), utc,
                                             get_minutes (self),
                                             adw_combo_row_get_selected (self->modality_row),
                                             (const char * const *) steps,
                                             gtk_toggle_button_get_active (self->concern_button),
                                             &error);
      saved = held != NULL;
    }
  if (!saved)
    {
      /* Everything chosen stays, so the user can try again. */
      set_error (self, error != NULL ? error->message : _("The change could not be saved."));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* Building ------------------------------------------------------------- */

static GtkWidget *
group_new (PsRecordDialog *self,
           const char     *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self->form), group);
  return group;
}

static AdwComboRow *
combo_row_new (GtkWidget     *group,
               const char    *title,
               GListModel    *choices)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), choices);
  ps_wrap_combo_row (ADW_COMBO_ROW (row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_COMBO_ROW (row);
}

static void
build_when (PsRecordDialog *self)
{
  GtkWidget *group = group_new (self, _("When"));
  g_autofree char *name = NULL;
  g_autofree char *with = NULL;

  name = ps_privacy_display_name (ps_case_get_display_name (self->item),
                                  g_settings_get_boolean (ps_context_get_settings (self->context),
                                                          "privacy-mode"));
  with = g_strdup_printf (_("With %s"), name);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), with);

  self->date_row = PS_DATE_ROW (ps_date_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("_Day"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->date_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->date_row));

  self->time_row = PS_TIME_ROW (ps_time_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_row), _("_Time"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->time_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->time_row));
}

static void
build_attempt (PsRecordDialog *self)
{
  GtkWidget *group = group_new (self, _("Attempt"));
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);

  for (PsContactOutcome o = PS_CONTACT_REACHED; o <= PS_CONTACT_LEFT_MESSAGE; o++)
    gtk_string_list_append (outcomes, ps_contact_outcome_to_label (o));
  self->outcome_row = combo_row_new (group, _("_Outcome"), G_LIST_MODEL (outcomes));
}

static GtkWidget *
step_row_new (PsRecordDialog        *self,
              const PsChecklistStep *step)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  const char *title = ps_checklist_step_get_title (step);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_hash_table_insert (self->checks, (gpointer) ps_checklist_step_get_id (step), check);
  return row;
}

/* "Ask directly about safety", answered with one of two linked buttons. */
static GtkWidget *
safety_answer_new (PsRecordDialog        *self,
                   const PsChecklistStep *step)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (ps_checklist_step_get_title (step));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *no_concern = gtk_toggle_button_new_with_mnemonic (_("_No Concern"));
  GtkWidget *concern = gtk_toggle_button_new_with_mnemonic (_("Concern _Raised"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_widget_add_css_class (buttons, "linked");
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (concern), GTK_TOGGLE_BUTTON (no_concern));
  gtk_box_append (GTK_BOX (buttons), no_concern);
  gtk_box_append (GTK_BOX (buttons), concern);
  /* Two halves as wide as the longer answer: in French ("Préoccupation
   * soulevée") they wrap rather than widen the window past 360 px. */
  ps_wrap_button_label (GTK_BUTTON (no_concern));
  ps_wrap_button_label (GTK_BUTTON (concern));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (buttons), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);

  self->no_concern_button = GTK_TOGGLE_BUTTON (no_concern);
  self->concern_button = GTK_TOGGLE_BUTTON (concern);
  return box;
}

static void
build_conversation (PsRecordDialog *self)
{
  const PsChecklist *checklist = ps_checklist_get (PS_CHECKLIST_VERSION);
  GtkWidget *group = group_new (self, _("Conversation"));
  g_autoptr(GListModel) durations = ps_length_list_new (lengths, G_N_ELEMENTS (lengths));
  g_autoptr(GListModel) modalities = ps_modality_list_new ();

  self->length_row = combo_row_new (group, _("_Length"), durations);
  self->modality_row = combo_row_new (group, _("_Meet By"), modalities);

  for (guint p = 0; p < ps_checklist_get_n_phases (checklist); p++)
    {
      const PsChecklistPhase *phase = ps_checklist_get_phase (checklist, p);

      group = group_new (self, ps_checklist_phase_get_title (phase));
      for (guint s = 0; s < ps_checklist_phase_get_n_steps (phase); s++)
        {
          const PsChecklistStep *step = ps_checklist_phase_get_step (phase, s);

          if (ps_checklist_step_get_kind (step) == PS_CHECKLIST_STEP_SAFETY_ANSWER)
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), safety_answer_new (self, step));
          else
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), step_row_new (self, step));
        }
    }
}

/* An attempt: now. A conversation: the last full quarter hour at least
 * half an hour ago, as one held earlier is. */
static void
populate (PsRecordDialog *self)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_local (ps_context_get_clock (self->context));
  g_autoptr(GDateTime) at = NULL;
  GDate day;

  if (self->kind == PS_RECORD_ATTEMPT)
    at = g_date_time_ref (now);
  else
    {
      g_autoptr(GDateTime) earlier = g_date_time_add_minutes (now, -30);

      at = g_date_time_add_minutes (earlier, -(g_date_time_get_minute (earlier) % 15));
      adw_combo_row_set_selected (self->length_row, 1);
      adw_combo_row_set_selected (self->modality_row, ps_case_get_modality (self->item));
    }

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (at), g_date_time_get_month (at),
                  g_date_time_get_year (at));
  ps_date_row_set_date (self->date_row, &day);
  ps_time_row_set_time (self->time_row, g_date_time_get_hour (at), g_date_time_get_minute (at));

  g_signal_connect_swapped (self->date_row, "notify::date", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (ps_time_row_get_entry (self->time_row), "changed",
                            G_CALLBACK (field_changed_cb), self);
  validate (self);
}

static void
build (PsRecordDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (self->kind == PS_RECORD_ATTEMPT ? _("_Log")
                                                                                 : _("_Add"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *bottom = adw_clamp_new ();

  gtk_window_set_title (GTK_WINDOW (self), self->kind == PS_RECORD_ATTEMPT
                                           ? _("Log Attempt")
                                           : _("Add Conversation Held Earlier"));
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "dialog.cancel");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "dialog.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  self->form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->form, 24);
  gtk_widget_set_margin_bottom (self->form, 24);
  gtk_widget_set_margin_start (self->form, 12);
  gtk_widget_set_margin_end (self->form, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->form);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);

  /* Outside the scrolled form, so why saving is off always shows. */
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 24);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_clamp_set_maximum_size (ADW_CLAMP (bottom), 560);
  adw_clamp_set_child (ADW_CLAMP (bottom), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (box), bottom);

  build_when (self);
  if (self->kind == PS_RECORD_ATTEMPT)
    build_attempt (self);
  else
    build_conversation (self);
  adw_window_set_content (ADW_WINDOW (self), box);
  /* Enter in the time saves; the form opens on its first field. */
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->date_row));
}

static void
ps_record_dialog_dispose (GObject *object)
{
  PsRecordDialog *self = (PsRecordDialog *)object;

  g_clear_object (&self->item);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_record_dialog_parent_class)->dispose (object);
}

static void
ps_record_dialog_finalize (GObject *object)
{
  PsRecordDialog *self = (PsRecordDialog *)object;

  g_hash_table_unref (self->checks);

  G_OBJECT_CLASS (ps_record_dialog_parent_class)->finalize (object);
}

static void
ps_record_dialog_class_init (PsRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_record_dialog_dispose;
  object_class->finalize = ps_record_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
ps_record_dialog_init (PsRecordDialog *self)
{
  self->checks = g_hash_table_new (g_str_hash, g_str_equal);
}

PsRecordDialog *
ps_record_dialog_new (PsContext    *context,
                      PsCase       *item,
                      PsRecordKind  kind)
{
  PsRecordDialog *self;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (PS_IS_CASE (item), NULL);

  self = g_object_new (PS_TYPE_RECORD_DIALOG,
                       "modal", TRUE,
                       "default-width", 480,
                       "default-height", kind == PS_RECORD_ATTEMPT ? 420 : 640,
                       "width-request", 360,
                       "height-request", 294,
                       NULL);
  self->context = g_object_ref (context);
  self->item = g_object_ref (item);
  self->kind = kind;
  build (self);
  populate (self);
  return self;
}

PsDateRow *
ps_record_dialog_get_date_row (PsRecordDialog *self)
{
  g_return_val_if_fail (PS_IS_RECORD_DIALOG (self), NULL);
  return self->date_row;
}

GtkCheckButton *
ps_record_dialog_get_step_check (PsRecordDialog *self,
                                 const char     *step_id)
{
  g_return_val_if_fail (PS_IS_RECORD_DIALOG (self), NULL);
  return g_hash_table_lookup (self->checks, step_id);
}

GtkToggleButton *
ps_record_dialog_get_concern_button (PsRecordDialog *self,
                                     gboolean        concern)
{
  g_return_val_if_fail (PS_IS_RECORD_DIALOG (self), NULL);
  return concern ? self->concern_button : self->no_concern_button;
}

AdwComboRow *
ps_record_dialog_get_outcome_row (PsRecordDialog *self)
{
  g_return_val_if_fail (PS_IS_RECORD_DIALOG (self), NULL);
  return self->outcome_row;
}

const char *
ps_record_dialog_get_error (PsRecordDialog *self)
{
  g_return_val_if_fail (PS_IS_RECORD_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
    ? gtk_label_get_text (self->error_label) : NULL;
}
