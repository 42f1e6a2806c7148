/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-checklist.h"
#include "ps-conversation-page-private.h"
#include "ps-enum-types.h"
#include "ps-grid-row.h"
#include "ps-privacy.h"
#include "ps-wrap.h"

struct _PsConversationPage
{
  GtkWidget              parent_instance;

  PsContext             *context;
  PsConversation        *conversation;
  const PsChecklist     *checklist;
  GHashTable            *checks;          /* step id → GtkCheckButton, borrowed */
  GtkToggleButton       *no_concern_button;
  GtkToggleButton       *concern_button;
  GtkRevealer           *safety_revealer;
  PsSafetyPanel         *safety_panel;
  guint                  tick_id;
  gboolean               syncing;
  gboolean               prepared;   /* phases built, never used */
  int                    prepared_width;
  int                    prepared_height;

  GtkWidget             *box;
  AdwWindowTitle        *window_title;
  AdwToastOverlay       *toast_overlay;
  GtkLabel              *time_label;
  GtkLabel              *progress_label;
  GtkProgressBar        *progress_bar;
  GtkLabel              *overtime_label;
  GtkBox                *phases_box;
  GtkWidget             *actions_box;
};

G_DEFINE_FINAL_TYPE (PsConversationPage, ps_conversation_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CONVERSATION,
  N_PROPS
};

enum {
  FINISHED,
  BACK,
  DISCARDED,
  STAYED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
toast (PsConversationPage *self,
       const char         *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static gboolean
in_progress (PsConversationPage *self)
{
  return self->conversation != NULL &&
         ps_conversation_get_state (self->conversation) == PS_CONVERSATION_IN_PROGRESS;
}

static PsStore *
get_store (PsConversationPage *self)
{
  return self->context != NULL ? ps_context_get_store (self->context) : NULL;
}

GStrv
ps_checklist_collect_ticked (const PsChecklist *checklist,
                             GHashTable        *checks,
                             gboolean           safety_answered)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; checklist != NULL && i < ps_checklist_get_n_phases (checklist); i++)
    {
      const PsChecklistPhase *phase = ps_checklist_get_phase (checklist, i);

      for (guint j = 0; j < ps_checklist_phase_get_n_steps (phase); j++)
        {
          const PsChecklistStep *step = ps_checklist_phase_get_step (phase, j);
          const char *id = ps_checklist_step_get_id (step);
          GtkCheckButton *check = g_hash_table_lookup (checks, id);
          gboolean covered;

          if (ps_checklist_step_get_kind (step) == PS_CHECKLIST_STEP_SAFETY_ANSWER)
            covered = safety_answered;
          else
            covered = check != NULL && gtk_check_button_get_active (check);
          if (covered)
            g_strv_builder_add (builder, id);
        }
    }
  return g_strv_builder_end (builder);
}

/* The covered set as the page shows it, in checklist order. */
static GStrv
collect_covered (PsConversationPage *self)
{
  return ps_checklist_collect_ticked (self->checklist, self->checks,
                                      gtk_toggle_button_get_active (self->no_concern_button) ||
                                      gtk_toggle_button_get_active (self->concern_button));
}

static void
update_progress (PsConversationPage *self)
{
  g_autofree char *text = NULL;

  if (self->conversation != NULL)
    text = ps_checklist_describe_coverage (self->conversation);
  gtk_label_set_label (self->progress_label, text != NULL ? text : "");
}

static void
update_time (PsConversationPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  g_autofree char *cue = NULL;
  GDateTime *started, *ended;
  GTimeSpan span = 0;
  guint planned = 0;
  gboolean over;

  if (self->conversation != NULL)
    {
      planned = ps_conversation_get_minutes (self->conversation);
      started = ps_conversation_get_started_at (self->conversation);
      if (started == NULL)
        started = ps_conversation_get_starts_at (self->conversation);
      ended = ps_conversation_get_ended_at (self->conversation);
      now = ended != NULL ? g_date_time_ref (ended)
                          : ps_clock_get_now_utc (ps_context_get_clock (self->context));
      span = MAX (0, g_date_time_difference (now, started));
    }

  /* Translators: elapsed minutes and seconds of a conversation, then its
   * planned minutes, e.g. "12:05 of 30 min". */
  text = g_strdup_printf (ngettext ("%02u:%02u of %u min", "%02u:%02u of %u min", planned),
                          (guint)(span / G_TIME_SPAN_MINUTE),
                          (guint)(span % G_TIME_SPAN_MINUTE / G_TIME_SPAN_SECOND), planned);
  gtk_label_set_label (self->time_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 planned > 0 ? MIN (1.0, (double)span / (planned * G_TIME_SPAN_MINUTE))
                                             : 0.0);

  /* A calm cue, not an alarm: the supporter decides when to close. */
  over = in_progress (self) && span > planned * G_TIME_SPAN_MINUTE;
  if (over)
    {
      cue = g_strdup_printf (ngettext ("Past the planned %u minute — it may be time to close",
                                       "Past the planned %u minutes — it may be time to close",
                                       planned), planned);
      gtk_label_set_label (self->overtime_label, cue);
      gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "warning");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->time_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->overtime_label), over);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_time (user_data);
  return G_SOURCE_CONTINUE;
}

/* Every second while in progress and on show: a window hidden in the
 * background is not woken up for it. */
static void
update_ticking (PsConversationPage *self)
{
  if (in_progress (self) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
    }
  else
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
update_title (PsConversationPage *self)
{
  g_autofree char *name = NULL;
  PsCase *kase = NULL;

  if (self->conversation != NULL && get_store (self) != NULL)
    kase = ps_store_lookup_case (get_store (self),
                                 ps_conversation_get_case_id (self->conversation));
  if (kase != NULL)
    name = ps_privacy_display_name (ps_case_get_display_name (kase),
                                    g_settings_get_boolean (ps_context_get_settings (self->context),
                                                            "privacy-mode"));
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
}

static void
safety_escalated_cb (PsSafetyPanel      *panel,
                     PsConversationPage *self);

/* The safety panel is made when a concern is first raised: a revealer lays
 * out its child even while hidden, and few conversations need it. */
static void
reveal_safety (PsConversationPage *self,
               gboolean            concern)
{
  if (concern && self->safety_panel == NULL)
    {
      GtkWidget *panel = ps_safety_panel_new (self->context);

      self->safety_panel = PS_SAFETY_PANEL (panel);
      ps_safety_panel_set_conversation (self->safety_panel, self->conversation);
      gtk_widget_set_sensitive (panel, in_progress (self));
      g_signal_connect (panel, "escalated", G_CALLBACK (safety_escalated_cb), self);
      ps_wrap_bound_min_width (panel);
      gtk_revealer_set_child (self->safety_revealer, panel);
    }
  gtk_revealer_set_reveal_child (self->safety_revealer, concern);
}

/* Shows the stored state: after loading, and after each saved change. */
static void
sync_from_conversation (PsConversationPage *self)
{
  GHashTableIter iter;
  gpointer key, value;
  const char * const *covered;
  gboolean answered, concern, active;

  if (self->conversation == NULL)
    return;

  self->syncing = TRUE;
  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_check_button_set_active (value, ps_conversation_has_covered_step (self->conversation, key));

  /* The flag wins: a concern is never hidden, even if the step id was not
   * written yet when the app stopped. */
  concern = ps_conversation_get_safety_concern (self->conversation);
  answered = concern || ps_conversation_has_covered_step (self->conversation,
                                                          PS_CHECKLIST_SAFETY_STEP);
  if (self->concern_button != NULL)
    {
      if (answered)
        gtk_toggle_button_set_active (concern ? self->concern_button : self->no_concern_button,
                                      TRUE);
      else
        {
          gtk_toggle_button_set_active (self->concern_button, FALSE);
          gtk_toggle_button_set_active (self->no_concern_button, FALSE);
        }
      reveal_safety (self, concern);
    }
  self->syncing = FALSE;

  active = in_progress (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->phases_box), active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.finish", active);
  covered = ps_conversation_get_covered_steps (self->conversation);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.mark-missed",
                                 active && !answered && (covered == NULL || covered[0] == NULL));
  /* Escalating stays possible from the panel while the case is open. */
  if (self->safety_panel != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->safety_panel), active);

  update_progress (self);
  update_time (self);
  update_ticking (self);
}

static void
save_failed (PsConversationPage *self,
             const GError       *error)
{
  g_autofree char *text = g_strdup_printf (_("Could not save: %s"), error->message);

  toast (self, text);
  /* Show what is really stored. */
  sync_from_conversation (self);
}

static void
save_covered (PsConversationPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  if (self->syncing || !in_progress (self) || get_store (self) == NULL)
    return;

  ids = collect_covered (self);
  if (!ps_store_set_covered_steps (get_store (self), ps_conversation_get_id (self->conversation),
                                   (const char * const *)ids, &error))
    save_failed (self, error);
}

static void
check_toggled_cb (GtkCheckButton     *check,
                  PsConversationPage *self)
{
  save_covered (self);
}

static void
safety_toggled_cb (GtkToggleButton    *button,
                   PsConversationPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean concern = button == self->concern_button;

  /* Both buttons of the group report; act on the one that became active. */
  if (self->syncing || !gtk_toggle_button_get_active (button) || !in_progress (self))
    return;

  /* The flag first: if the app stops in between, a concern is kept. */
  if (!ps_store_set_safety_concern (get_store (self), ps_conversation_get_id (self->conversation),
                                    concern, &error))
    {
      save_failed (self, error);
      return;
    }
  save_covered (self);
  reveal_safety (self, concern);
}

static GtkWidget *
step_row_new (PsConversationPage    *self,
              const PsChecklistStep *step)
{
  GtkWidget *row = ps_grid_row_new ();
  GtkWidget *check;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ps_checklist_step_get_title (step));
  ps_grid_row_set_subtitle (PS_GRID_ROW (row), ps_checklist_step_get_guidance (step));

  if (ps_checklist_step_get_kind (step) == PS_CHECKLIST_STEP_CHECK)
    {
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      /* The row is the step's one Tab stop: Space or Enter on it ticks.
       * Not "focusable" alone: an unfocusable check button still takes
       * the Tab press and keeps the keyboard on the row. */
      gtk_widget_set_can_focus (check, FALSE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ps_checklist_step_get_title (step), -1);
      ps_grid_row_add_prefix (PS_GRID_ROW (row), check);
      ps_grid_row_set_activatable_widget (PS_GRID_ROW (row), check);
      g_hash_table_insert (self->checks, (gpointer)ps_checklist_step_get_id (step), check);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
    }
  return row;
}

static GtkWidget *
safety_answer_new (PsConversationPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *no_concern = gtk_toggle_button_new_with_mnemonic (_("_No Concern"));
  GtkWidget *concern = gtk_toggle_button_new_with_mnemonic (_("Concern _Raised"));

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_FILL);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (concern), GTK_TOGGLE_BUTTON (no_concern));
  gtk_box_append (GTK_BOX (box), no_concern);
  gtk_box_append (GTK_BOX (box), concern);
  /* Two halves as wide as the longer answer: in French ("Préoccupation
   * soulevée") they wrap rather than widen the window past 360 px. */
  ps_wrap_button_label (GTK_BUTTON (no_concern));
  ps_wrap_button_label (GTK_BUTTON (concern));

  self->no_concern_button = GTK_TOGGLE_BUTTON (no_concern);
  self->concern_button = GTK_TOGGLE_BUTTON (concern);
  g_signal_connect (no_concern, "toggled", G_CALLBACK (safety_toggled_cb), self);
  g_signal_connect (concern, "toggled", G_CALLBACK (safety_toggled_cb), self);
  return box;
}

static void
safety_escalated_cb (PsSafetyPanel      *panel,
                     PsConversationPage *self)
{
  sync_from_conversation (self);
  g_signal_emit (self, signals[FINISHED], 0, PS_CONVERSATION_COMPLETED);
}

static void
clear_phases (PsConversationPage *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->checks);
  self->no_concern_button = NULL;
  self->concern_button = NULL;
  self->safety_revealer = NULL;
  self->safety_panel = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->phases_box))))
    gtk_box_remove (self->phases_box, child);
}

static void
build_phases (PsConversationPage *self)
{
  clear_phases (self);

  if (self->checklist == NULL)
    {
      GtkWidget *label = gtk_label_new (_("This conversation follows a checklist that this "
                                          "version of Peerside does not know. Update Peerside "
                                          "to see it."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->phases_box, label);
      return;
    }

  for (guint i = 0; i < ps_checklist_get_n_phases (self->checklist); i++)
    {
      const PsChecklistPhase *phase = ps_checklist_get_phase (self->checklist, i);
      GtkWidget *group = adw_preferences_group_new ();
      gboolean has_safety = FALSE;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                       ps_checklist_phase_get_title (phase));
      for (guint j = 0; j < ps_checklist_phase_get_n_steps (phase); j++)
        {
          const PsChecklistStep *step = ps_checklist_phase_get_step (phase, j);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), step_row_new (self, step));
          if (ps_checklist_step_get_kind (step) == PS_CHECKLIST_STEP_SAFETY_ANSWER)
            {
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), safety_answer_new (self));
              has_safety = TRUE;
            }
        }
      gtk_box_append (self->phases_box, group);

      if (has_safety)
        {
          GtkWidget *revealer = gtk_revealer_new ();

          gtk_box_append (self->phases_box, revealer);
          self->safety_revealer = GTK_REVEALER (revealer);
        }
    }
  ps_wrap_bound_min_width (GTK_WIDGET (self->phases_box));
}

static void
conversation_notify_cb (PsConversationPage *self)
{
  sync_from_conversation (self);
}

static void
finish (PsConversationPage  *self,
        PsConversationState  state)
{
  g_autoptr(GError) error = NULL;

  if (!in_progress (self) || get_store (self) == NULL)
    return;
  if (!ps_store_set_conversation_state (get_store (self),
                                        ps_conversation_get_id (self->conversation),
                                        state, &error))
    {
      save_failed (self, error);
      return;
    }
  sync_from_conversation (self);
  g_signal_emit (self, signals[FINISHED], 0, state);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  finish (PS_CONVERSATION_PAGE (widget), PS_CONVERSATION_COMPLETED);
}

/* Missed is for a real miss (the colleague did not come or answer): once
 * anything is ticked or answered, the conversation happened. */
static void
mark_missed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  finish (PS_CONVERSATION_PAGE (widget), PS_CONVERSATION_MISSED);
}

/* Anything ticked or answered: what a discard would lose. */
static gboolean
has_record (PsConversation *conversation)
{
  const char * const *covered = ps_conversation_get_covered_steps (conversation);

  return ps_conversation_get_safety_concern (conversation) ||
         (covered != NULL && covered[0] != NULL);
}

/* Deleted from the store; whoever shows the page offers Undo. */
static void
discard (PsConversationPage *self)
{
  g_autoptr(PsConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;

  if (!in_progress (self) || get_store (self) == NULL)
    return;
  conversation = g_object_ref (self->conversation);
  if (!ps_store_delete_conversation (get_store (self), ps_conversation_get_id (conversation), &error))
    {
      save_failed (self, error);
      return;
    }
  g_signal_emit (self, signals[DISCARDED], 0, conversation);
}

static void
discard_response_cb (PsConversationPage *self,
                     const char         *response)
{
  if (g_strcmp0 (response, "discard") == 0)
    discard (self);
  else
    g_signal_emit (self, signals[STAYED], 0);
}

static void
leave_response_cb (PsConversationPage *self,
                   const char         *response)
{
  GtkWidget *dialog;

  if (!in_progress (self))
    return;
  if (g_strcmp0 (response, "keep") == 0)
    g_signal_emit (self, signals[BACK], 0);
  else if (g_strcmp0 (response, "cancel") == 0)
    g_signal_emit (self, signals[STAYED], 0);
  else if (g_strcmp0 (response, "finish") == 0)
    finish (self, PS_CONVERSATION_COMPLETED);
  else if (g_strcmp0 (response, "discard") == 0 && !has_record (self->conversation))
    discard (self);
  else if (g_strcmp0 (response, "discard") == 0)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       _("Discard This Conversation?"),
                                       _("The steps ticked and the safety answer are deleted "
                                         "with it."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* Leaving a conversation in progress asks what becomes of it (Escape
 * stays with it); one that is over just goes. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsConversationPage *self = PS_CONVERSATION_PAGE (widget);
  GtkWidget *dialog;

  if (!in_progress (self))
    {
      g_signal_emit (self, signals[BACK], 0);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Leave the Conversation?"),
                                   _("Keep it to resume later from the case, finish it now, "
                                     "or discard it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "keep", _("_Keep for Later"),
                                    "finish", _("_Finish Now"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "finish",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clock_changed_cb (PsConversationPage *self)
{
  update_time (self);
}

static void
set_context (PsConversationPage *self,
             PsContext          *context)
{
  /* Set once: at construction, or by the template's owner. */
  if (context == NULL || context == self->context)
    return;
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (ps_context_get_clock (context), "changed",
                           G_CALLBACK (clock_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_context_get_settings (context), "changed::privacy-mode",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
}

static void
ps_conversation_page_map (GtkWidget *widget)
{
  PsConversationPage *self = PS_CONVERSATION_PAGE (widget);

  GTK_WIDGET_CLASS (ps_conversation_page_parent_class)->map (widget);
  update_time (self);
  update_ticking (self);
}

static void
ps_conversation_page_unmap (GtkWidget *widget)
{
  PsConversationPage *self = PS_CONVERSATION_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (ps_conversation_page_parent_class)->unmap (widget);
}

/* The row of the checklist's first step, or NULL before it is made. */
static GtkWidget *
first_step_row (PsConversationPage *self)
{
  const PsChecklistPhase *phase;
  GtkWidget *check, *row;

  if (self->checklist == NULL || ps_checklist_get_n_phases (self->checklist) == 0 ||
      ps_checklist_phase_get_n_steps (phase = ps_checklist_get_phase (self->checklist, 0)) == 0 ||
      (check = g_hash_table_lookup (self->checks,
                                    ps_checklist_step_get_id (ps_checklist_phase_get_step (phase, 0)))) == NULL)
    return NULL;
  row = gtk_widget_get_ancestor (check, GTK_TYPE_LIST_BOX_ROW);
  return row != NULL ? row : check;
}

/* The keyboard starts on the checklist's first step, not on Back. */
static gboolean
ps_conversation_page_grab_focus (GtkWidget *widget)
{
  GtkWidget *row = first_step_row (PS_CONVERSATION_PAGE (widget));

  if (row == NULL)
    return GTK_WIDGET_CLASS (ps_conversation_page_parent_class)->grab_focus (widget);
  return gtk_widget_grab_focus (row);
}

static void
ps_conversation_page_dispose (GObject *object)
{
  PsConversationPage *self = (PsConversationPage *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->conversation != NULL)
    g_signal_handlers_disconnect_by_data (self->conversation, self);
  if (self->phases_box != NULL)
    clear_phases (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_CONVERSATION_PAGE);
  g_clear_object (&self->conversation);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_conversation_page_parent_class)->dispose (object);
}

static void
ps_conversation_page_finalize (GObject *object)
{
  PsConversationPage *self = (PsConversationPage *)object;

  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (ps_conversation_page_parent_class)->finalize (object);
}

static void
ps_conversation_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PsConversationPage *self = PS_CONVERSATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_conversation_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PsConversationPage *self = PS_CONVERSATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;
    case PROP_CONVERSATION:
      ps_conversation_page_set_conversation (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_conversation_page_class_init (PsConversationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_conversation_page_dispose;
  object_class->finalize = ps_conversation_page_finalize;
  object_class->get_property = ps_conversation_page_get_property;
  object_class->set_property = ps_conversation_page_set_property;
  widget_class->map = ps_conversation_page_map;
  widget_class->unmap = ps_conversation_page_unmap;
  widget_class->grab_focus = ps_conversation_page_grab_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL, PS_TYPE_CONVERSATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PsConversationPage::finished:
   * @state: %PS_CONVERSATION_COMPLETED or %PS_CONVERSATION_MISSED
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                    PS_TYPE_CONVERSATION_STATE);
  /**
   * PsConversationPage::back:
   *
   * The user left the page: a conversation over, or one kept in progress
   * for later.
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PsConversationPage::discarded:
   * @conversation: the conversation, deleted from the store
   *
   * The user left the page discarding the conversation;
   * ps_store_restore_conversation() undoes it.
   */
  signals[DISCARDED] = g_signal_new ("discarded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, PS_TYPE_CONVERSATION);
  /**
   * PsConversationPage::stayed:
   *
   * Asked what becomes of the conversation, the user stayed with it.
   */
  signals[STAYED] = g_signal_new ("stayed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ps-conversation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsConversationPage, box);
  gtk_widget_class_bind_template_child (widget_class, PsConversationPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsConversationPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsConversationPage, time_label);
  gtk_widget_class_bind_template_child (widget_class, PsConversationPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PsConversationPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PsConversationPage, overtime_label);
  gtk_widget_class_bind_template_child (widget_class, PsConversationPage, phases_box);
  gtk_widget_class_bind_template_child (widget_class, PsConversationPage, actions_box);

  gtk_widget_class_install_action (widget_class, "conversation.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "conversation.mark-missed", NULL,
                                   mark_missed_action);
  gtk_widget_class_install_action (widget_class, "conversation.back", NULL, back_action);
  /* Go Back, as in the shortcuts window. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "conversation.back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ps_conversation_page_init (PsConversationPage *self)
{
  self->checks = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_wrap_bound_min_width (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.finish", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversation.mark-missed", FALSE);
  update_progress (self);
  update_time (self);
}

GtkWidget *
ps_conversation_page_new (PsContext *context)
{
  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  return g_object_new (PS_TYPE_CONVERSATION_PAGE, "context", context, NULL);
}

void
ps_conversation_page_set_conversation (PsConversationPage *self,
                                       PsConversation     *conversation)
{
  g_autoptr(GError) error = NULL;
  const PsChecklist *checklist;
  gboolean reuse;

  g_return_if_fail (PS_IS_CONVERSATION_PAGE (self));
  g_return_if_fail (!conversation || PS_IS_CONVERSATION (conversation));

  if (self->conversation == conversation)
    return;

  if (self->conversation != NULL)
    g_signal_handlers_disconnect_by_data (self->conversation, self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_set_object (&self->conversation, conversation);

  if (conversation != NULL &&
      ps_conversation_get_state (conversation) == PS_CONVERSATION_SCHEDULED &&
      get_store (self) != NULL &&
      !ps_store_set_conversation_state (get_store (self), ps_conversation_get_id (conversation),
                                        PS_CONVERSATION_IN_PROGRESS, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not start the conversation: %s"),
                                               error->message);
      toast (self, text);
    }

  /* Old conversations keep the checklist they were held with; one prepared
   * ahead for today's is used once. */
  checklist = conversation != NULL ?
              ps_checklist_get (ps_conversation_get_checklist_version (conversation)) : NULL;
  reuse = self->prepared && checklist == self->checklist;
  self->checklist = checklist;
  self->prepared = FALSE;
  if (conversation == NULL)
    clear_phases (self);
  else if (!reuse)
    build_phases (self);

  if (conversation != NULL)
    {
      g_signal_connect_swapped (conversation, "notify::state",
                                G_CALLBACK (conversation_notify_cb), self);
      g_signal_connect_swapped (conversation, "notify::covered-steps",
                                G_CALLBACK (conversation_notify_cb), self);
      g_signal_connect_swapped (conversation, "notify::safety-concern",
                                G_CALLBACK (conversation_notify_cb), self);
    }

  update_title (self);
  sync_from_conversation (self);
  update_progress (self);
  update_time (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
}

/* Laid out at the size it will have, which lays its text out. */
static void
lay_out (PsConversationPage *self)
{
  int minimum;

  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  if (self->prepared_width > 0 && self->prepared_height > 0)
    {
      gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL,
                          MAX (self->prepared_width, minimum), &minimum, NULL, NULL, NULL);
      gtk_widget_allocate (GTK_WIDGET (self), self->prepared_width,
                           MAX (self->prepared_height, minimum), -1, NULL);
    }
}

static void
realize_tree (GtkWidget *widget)
{
  gtk_widget_realize (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    realize_tree (child);
}

static void
lay_out_after_paint_cb (GdkFrameClock      *clock,
                        PsConversationPage *self)
{
  GtkWidget *row;

  g_signal_handlers_disconnect_by_func (clock, lay_out_after_paint_cb, self);
  if (!self->prepared || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  lay_out (self);
  /* Realized too: showing the page then only maps it, instead of
   * realizing each of its widgets (a third of the work of starting a
   * conversation). */
  realize_tree (GTK_WIDGET (self));
  /* Introduced to assistive technologies too, from the first step's row
   * up: GTK 4.8 does it when the row first takes the keyboard, for each
   * of its fourteen ancestors (a third of the work of starting). Saying
   * again that the row can take the keyboard is what makes GTK do it. */
  if ((row = first_step_row (self)) != NULL)
    {
      gtk_widget_set_focusable (row, !gtk_widget_get_focusable (row));
      gtk_widget_set_focusable (row, !gtk_widget_get_focusable (row));
    }
}

void
ps_conversation_page_prepare (PsConversationPage *self,
                              int                 width,
                              int                 height)
{
  GtkRoot *root;

  g_return_if_fail (PS_IS_CONVERSATION_PAGE (self));
  g_return_if_fail (self->conversation == NULL);

  self->checklist = ps_checklist_get (PS_CHECKLIST_VERSION);
  build_phases (self);
  self->prepared = TRUE;
  self->prepared_width = width;
  self->prepared_height = height;

  /* In a window on show, GTK works out the new widgets' style at its next
   * frame and tells each one its style changed, which drops the text laid
   * out before: the page is laid out after that frame. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root != NULL && gtk_widget_get_realized (GTK_WIDGET (root)))
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (root)), "after-paint",
                             G_CALLBACK (lay_out_after_paint_cb), self, 0);
  else
    lay_out (self);
}

PsConversation *
ps_conversation_page_get_conversation (PsConversationPage *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION_PAGE (self), NULL);
  return self->conversation;
}

gboolean
ps_conversation_page_start (PsConversationPage  *self,
                            PsCase              *kase,
                            PsConversation      *conversation,
                            GError             **error)
{
  g_autoptr(PsConversation) started = NULL;
  PsStore *store;

  g_return_val_if_fail (PS_IS_CONVERSATION_PAGE (self), FALSE);
  g_return_val_if_fail (PS_IS_CASE (kase), FALSE);
  g_return_val_if_fail (!conversation || PS_IS_CONVERSATION (conversation), FALSE);

  store = get_store (self);
  g_return_val_if_fail (store != NULL, FALSE);

  started = ps_store_start_conversation (store, ps_case_get_id (kase),
                                         conversation != NULL ? ps_conversation_get_id (conversation) : 0,
                                         30, ps_case_get_modality (kase), error);
  if (started == NULL)
    return FALSE;

  ps_conversation_page_set_conversation (self, started);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

/* For tests ---------------------------------------------------------------- */

GtkCheckButton *
ps_conversation_page_get_step_check (PsConversationPage *self,
                                     const char         *step_id)
{
  g_return_val_if_fail (PS_IS_CONVERSATION_PAGE (self), NULL);
  return g_hash_table_lookup (self->checks, step_id);
}

GtkToggleButton *
ps_conversation_page_get_safety_button (PsConversationPage *self,
                                        gboolean            concern)
{
  g_return_val_if_fail (PS_IS_CONVERSATION_PAGE (self), NULL);
  return concern ? self->concern_button : self->no_concern_button;
}

PsSafetyPanel *
ps_conversation_page_get_safety_panel (PsConversationPage *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION_PAGE (self), NULL);
  return self->safety_panel;
}

gboolean
ps_conversation_page_is_safety_shown (PsConversationPage *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION_PAGE (self), FALSE);
  return self->safety_revealer != NULL &&
         gtk_revealer_get_reveal_child (self->safety_revealer);
}

const char *
ps_conversation_page_get_progress_text (PsConversationPage *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION_PAGE (self), NULL);
  return gtk_label_get_label (self->progress_label);
}

const char *
ps_conversation_page_get_time_text (PsConversationPage *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION_PAGE (self), NULL);
  return gtk_label_get_label (self->time_label);
}

const char *
ps_conversation_page_get_overtime_text (PsConversationPage *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION_PAGE (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->overtime_label)))
    return NULL;
  return gtk_label_get_label (self->overtime_label);
}
