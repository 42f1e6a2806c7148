/* SPDX-License-Identifier: GPL-3.0-or-later */

/* One form for a group debrief, from planning it to counting it: the day
 * and time are typed in the clock's zone and saved as a UTC instant; the
 * status says whether it is still to come, was held, not held or
 * cancelled; the group checklist is ticked while it is held. A debrief held
 * without the app is logged by choosing Held for a time gone by. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-date-row.h"
#include "ps-group-checklist.h"
#include "ps-group-debrief-dialog.h"
#include "ps-store-groups.h"
#include "ps-time-row.h"
#include "ps-util.h"
#include "ps-wrap.h"

static const guint lengths[] = { 15, 30, 45, 60, 75, 90 };
static const PsConversationState states[] = {
  PS_CONVERSATION_SCHEDULED, PS_CONVERSATION_COMPLETED, PS_CONVERSATION_MISSED,
  PS_CONVERSATION_CANCELLED,
};

struct _PsGroupDebriefDialog
{
  AdwWindow        parent_instance;

  PsContext       *context;
  PsGroupDebrief  *edited;          /* NULL for a new one */
  GHashTable      *step_checks;     /* step id → GtkCheckButton, borrowed */
  gboolean         populating;

  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkBox          *form_box;
  PsDateRow       *date_row;
  PsTimeRow       *time_row;
  AdwComboRow     *length_row;
  AdwComboRow     *modality_row;
  AdwComboRow     *state_row;
  AdwComboRow     *prompt_row;
  GtkSpinButton   *headcount_spin;
  GtkSpinButton   *referrals_spin;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (PsGroupDebriefDialog, ps_group_debrief_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_DEBRIEF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "Code or critical incident" first: what prompts most team debriefs. */
static PsGroupPrompt
prompt_at (guint position)
{
  if (position == 0)
    return PS_GROUP_PROMPT_CRITICAL_INCIDENT;
  return (PsGroupPrompt)(position - 1);
}

static guint
prompt_position (PsGroupPrompt prompt)
{
  return prompt == PS_GROUP_PROMPT_CRITICAL_INCIDENT ? 0 : prompt + 1;
}

/* NULL without a day or a time; @missing when the clocks skip it that day. */
static GDateTime *
get_starts_at (PsGroupDebriefDialog *self,
               gboolean             *missing)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (ps_context_get_clock (self->context));

  return ps_time_row_get_date_time (self->time_row, ps_date_row_get_date (self->date_row), tz,
                                    missing);
}

static PsConversationState
get_state (PsGroupDebriefDialog *self)
{
  guint i = adw_combo_row_get_selected (self->state_row);

  return i < G_N_ELEMENTS (states) ? states[i] : PS_CONVERSATION_SCHEDULED;
}

/* The form's fields, the start time held in @start. FALSE with the reason
 * in @why (not translated twice: a static string) when it cannot be saved. */
static gboolean
read_fields (PsGroupDebriefDialog  *self,
             PsGroupDebriefFields  *fields,
             GDateTime            **start,
             const char           **why)
{
  guint length = adw_combo_row_get_selected (self->length_row);
  guint prompt = adw_combo_row_get_selected (self->prompt_row);
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (ps_context_get_clock (self->context));
  gboolean missing;

  *why = NULL;
  *start = get_starts_at (self, &missing);
  /* The same words as the schedule dialog's, for the same field. */
  if (!ps_time_row_get_valid (self->time_row))
    *why = ps_time_row_get_error_text (self->time_row);
  else if (*start == NULL)
    *why = _("Choose the day.");
  else if (missing)
    *why = _("The clocks go forward at this time that day. Choose another time.");
  else if (prompt == GTK_INVALID_LIST_POSITION)
    *why = _("Choose what prompted the debrief.");
  else if (get_state (self) == PS_CONVERSATION_SCHEDULED &&
           g_date_time_compare (*start, now) < 0)
    *why = _("That time has gone by. Choose a later time, or the status Held to log a debrief held without Peerside.");
  else if (get_state (self) == PS_CONVERSATION_COMPLETED &&
           g_date_time_compare (*start, now) > 0)
    *why = _("A debrief still to come cannot be held yet. Choose the time it was held, or the status To come.");
  if (*why != NULL)
    return FALSE;

  fields->starts_at = *start;
  fields->minutes = length < G_N_ELEMENTS (lengths) ? lengths[length] : 60;
  fields->modality = (PsModality)adw_combo_row_get_selected (self->modality_row);
  fields->prompt = prompt_at (prompt);
  fields->headcount = (guint)gtk_spin_button_get_value_as_int (self->headcount_spin);
  fields->referrals = (guint)gtk_spin_button_get_value_as_int (self->referrals_spin);
  return ps_group_debrief_fields_are_valid (fields);
}

static void
validate (PsGroupDebriefDialog *self)
{
  PsGroupDebriefFields fields = { 0 };
  g_autoptr(GDateTime) start = NULL;
  const char *why = NULL;
  gboolean ok;

  if (self->populating)
    return;
  ok = read_fields (self, &fields, &start, &why);
  gtk_label_set_text (self->error_label, why != NULL ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), why != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debrief.save", ok);
}

static void
field_changed_cb (PsGroupDebriefDialog *self)
{
  validate (self);
}

/* No more referrals than people. */
static void
headcount_changed_cb (PsGroupDebriefDialog *self)
{
  gtk_spin_button_set_range (self->referrals_spin, 0,
                             gtk_spin_button_get_value (self->headcount_spin));
  validate (self);
}

static GStrv
covered_steps (PsGroupDebriefDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->step_checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_check_button_get_active (value))
      g_strv_builder_add (builder, key);
  return g_strv_builder_end (builder);
}

gboolean
ps_group_debrief_dialog_save (PsGroupDebriefDialog *self)
{
  PsStore *store;
  PsGroupDebriefFields fields = { 0 };
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) steps = NULL;
  const char *why = NULL;
  gboolean ok;

  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF_DIALOG (self), FALSE);

  store = ps_context_get_store (self->context);
  if (store == NULL || !read_fields (self, &fields, &start, &why))
    {
      validate (self);
      return FALSE;
    }
  steps = covered_steps (self);
  if (self->edited != NULL)
    ok = ps_store_save_group_debrief (store, ps_group_debrief_get_id (self->edited), &fields,
                                      get_state (self), (const char * const *)steps, &error);
  else
    {
      g_autoptr(PsGroupDebrief) added =
        ps_store_schedule_group_debrief (store, &fields, get_state (self),
                                         (const char * const *)steps, &error);
      ok = added != NULL;
    }
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf (_("Could not save: %s"), error->message);

      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ps_group_debrief_dialog_save (PS_GROUP_DEBRIEF_DIALOG (widget));
}

/* The group checklist, one boxed list per phase, in the debrief's own
 * checklist version. */
static void
add_checklist (PsGroupDebriefDialog *self)
{
  guint version = self->edited != NULL ? ps_group_debrief_get_checklist_version (self->edited)
                                       : PS_GROUP_CHECKLIST_VERSION;
  const PsChecklist *checklist = ps_group_checklist_get (version);
  const char * const *covered = self->edited != NULL
    ? ps_group_debrief_get_covered_steps (self->edited) : NULL;

  if (checklist == NULL)
    return;
  for (guint p = 0; p < ps_checklist_get_n_phases (checklist); p++)
    {
      const PsChecklistPhase *phase = ps_checklist_get_phase (checklist, p);
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       ps_checklist_phase_get_title (phase));
      if (p == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("The group checklist: tick what was covered."));
      for (guint s = 0; s < ps_checklist_phase_get_n_steps (phase); s++)
        {
          const PsChecklistStep *step = ps_checklist_phase_get_step (phase, s);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();
          const char *id = ps_checklist_step_get_id (step);

          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       covered != NULL && g_strv_contains (covered, id));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         ps_checklist_step_get_title (step));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ps_checklist_step_get_guidance (step));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          ps_checklist_step_get_title (step), -1);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_hash_table_insert (self->step_checks, (gpointer)id, check);
        }
      gtk_box_append (self->form_box, group);
    }
}

static void
populate (PsGroupDebriefDialog *self)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (ps_context_get_clock (self->context));
  g_autoptr(GDateTime) local = NULL;
  GDate day;

  self->populating = TRUE;
  if (self->edited != NULL)
    {
      local = g_date_time_to_timezone (ps_group_debrief_get_starts_at (self->edited), tz);
      for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
        if (lengths[i] == ps_group_debrief_get_minutes (self->edited))
          adw_combo_row_set_selected (self->length_row, i);
      adw_combo_row_set_selected (self->modality_row, ps_group_debrief_get_modality (self->edited));
      for (guint i = 0; i < G_N_ELEMENTS (states); i++)
        if (states[i] == ps_group_debrief_get_state (self->edited))
          adw_combo_row_set_selected (self->state_row, i);
      adw_combo_row_set_selected (self->prompt_row,
                                  prompt_position (ps_group_debrief_get_prompt (self->edited)));
      gtk_spin_button_set_value (self->headcount_spin, ps_group_debrief_get_headcount (self->edited));
      gtk_spin_button_set_range (self->referrals_spin, 0, ps_group_debrief_get_headcount (self->edited));
      gtk_spin_button_set_value (self->referrals_spin, ps_group_debrief_get_referrals (self->edited));
      adw_window_title_set_title (self->window_title, _("Group Debrief"));
      gtk_button_set_label (self->save_button, _("_Save"));
    }
  else
    {
      /* The next full hour; what prompted it has no default. */
      g_autoptr(GDateTime) now = ps_clock_get_now_local (ps_context_get_clock (self->context));

      local = g_date_time_add_minutes (now, 60 - g_date_time_get_minute (now));
      adw_combo_row_set_selected (self->length_row, 3);
      adw_combo_row_set_selected (self->modality_row, PS_MODALITY_IN_PERSON);
      adw_combo_row_set_selected (self->prompt_row, GTK_INVALID_LIST_POSITION);
      adw_window_title_set_title (self->window_title, _("New Group Debrief"));
      gtk_button_set_label (self->save_button, _("_Schedule"));
    }
  ps_date_set_from_date_time (&day, local, NULL);
  ps_date_row_set_date (self->date_row, &day);
  ps_time_row_set_time (self->time_row, g_date_time_get_hour (local),
                        self->edited != NULL ? g_date_time_get_minute (local) : 0);
  add_checklist (self);
  self->populating = FALSE;
  validate (self);
}

/* GObject ------------------------------------------------------------------ */

static void
ps_group_debrief_dialog_constructed (GObject *object)
{
  G_OBJECT_CLASS (ps_group_debrief_dialog_parent_class)->constructed (object);
  populate (PS_GROUP_DEBRIEF_DIALOG (object));
}

static void
ps_group_debrief_dialog_dispose (GObject *object)
{
  PsGroupDebriefDialog *self = (PsGroupDebriefDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_GROUP_DEBRIEF_DIALOG);
  g_clear_pointer (&self->step_checks, g_hash_table_unref);
  g_clear_object (&self->edited);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_group_debrief_dialog_parent_class)->dispose (object);
}

static void
ps_group_debrief_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PsGroupDebriefDialog *self = PS_GROUP_DEBRIEF_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_DEBRIEF:
      self->edited = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_group_debrief_dialog_class_init (PsGroupDebriefDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ps_group_debrief_dialog_constructed;
  object_class->dispose = ps_group_debrief_dialog_dispose;
  object_class->set_property = ps_group_debrief_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PS_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEBRIEF] =
    g_param_spec_object ("debrief", NULL, NULL, PS_TYPE_GROUP_DEBRIEF,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PS_TYPE_DATE_ROW);
  g_type_ensure (PS_TYPE_TIME_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ps-group-debrief-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, length_row);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, modality_row);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, state_row);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, prompt_row);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, headcount_spin);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, referrals_spin);
  gtk_widget_class_bind_template_child (widget_class, PsGroupDebriefDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, headcount_changed_cb);

  gtk_widget_class_install_action (widget_class, "debrief.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "debrief.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "debrief.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ps_group_debrief_dialog_init (PsGroupDebriefDialog *self)
{
  g_autoptr(GListModel) durations = ps_length_list_new (lengths, G_N_ELEMENTS (lengths));
  g_autoptr(GListModel) modalities = ps_modality_list_new ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) prompts = gtk_string_list_new (NULL);

  self->populating = TRUE;
  self->step_checks = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_wrap_combo_rows (GTK_WIDGET (self));
  /* The form opens on its first field, not on the header's Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->date_row));
  g_signal_connect_swapped (ps_time_row_get_entry (self->time_row), "changed",
                            G_CALLBACK (field_changed_cb), self);

  adw_combo_row_set_model (self->length_row, durations);
  adw_combo_row_set_model (self->modality_row, modalities);
  /* Translators: the status of a group debrief */
  gtk_string_list_append (statuses, C_("debrief", "To come"));
  gtk_string_list_append (statuses, C_("debrief", "Held"));
  gtk_string_list_append (statuses, C_("debrief", "Not held"));
  gtk_string_list_append (statuses, C_("debrief", "Cancelled"));
  adw_combo_row_set_model (self->state_row, G_LIST_MODEL (statuses));
  for (guint i = 0; i < PS_GROUP_N_PROMPTS; i++)
    gtk_string_list_append (prompts, ps_group_prompt_to_label (prompt_at (i)));
  adw_combo_row_set_model (self->prompt_row, G_LIST_MODEL (prompts));
}

PsGroupDebriefDialog *
ps_group_debrief_dialog_new (PsContext      *context,
                             PsGroupDebrief *debrief_or_null)
{
  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (debrief_or_null == NULL || PS_IS_GROUP_DEBRIEF (debrief_or_null), NULL);

  return g_object_new (PS_TYPE_GROUP_DEBRIEF_DIALOG,
                       "context", context, "debrief", debrief_or_null, NULL);
}

void
ps_group_debrief_dialog_set_prompt (PsGroupDebriefDialog *self,
                                    PsGroupPrompt         prompt)
{
  g_return_if_fail (PS_IS_GROUP_DEBRIEF_DIALOG (self));
  adw_combo_row_set_selected (self->prompt_row, prompt_position (prompt));
}

void
ps_group_debrief_dialog_set_headcount (PsGroupDebriefDialog *self,
                                       guint                 headcount,
                                       guint                 referrals)
{
  g_return_if_fail (PS_IS_GROUP_DEBRIEF_DIALOG (self));
  gtk_spin_button_set_value (self->headcount_spin, headcount);
  gtk_spin_button_set_value (self->referrals_spin, referrals);
}

void
ps_group_debrief_dialog_set_held (PsGroupDebriefDialog *self,
                                  gboolean              held)
{
  g_return_if_fail (PS_IS_GROUP_DEBRIEF_DIALOG (self));
  adw_combo_row_set_selected (self->state_row, held ? 1 : 0);
}

GtkCheckButton *
ps_group_debrief_dialog_get_step_check (PsGroupDebriefDialog *self,
                                        const char           *step_id)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF_DIALOG (self), NULL);
  return g_hash_table_lookup (self->step_checks, step_id);
}

const char *
ps_group_debrief_dialog_get_error (PsGroupDebriefDialog *self)
{
  g_return_val_if_fail (PS_IS_GROUP_DEBRIEF_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
    ? gtk_label_get_text (self->error_label) : NULL;
}
