/* SPDX-License-Identifier: GPL-3.0-or-later */

/* One case, as the supporter works on it: what to do next, how to reach the
 * colleague, the attempts and conversations so far, and the actions. Every
 * change goes through the store; a failed write shows its message in a
 * toast and changes nothing. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-case-editor.h"
#include "ps-case-page.h"
#include "ps-checklist.h"
#include "ps-contact-uri.h"
#include "ps-case-row.h"
#include "ps-close-case-dialog.h"
#include "ps-crisis-contacts.h"
#include "ps-date-row.h"
#include "ps-grid-row.h"
#include "ps-privacy.h"
#include "ps-retention.h"
#include "ps-record-dialog.h"
#include "ps-safety-panel.h"
#include "ps-schedule-dialog.h"
#include "ps-time-format.h"
#include "ps-toast.h"
#include "ps-wrap.h"

/* The header's suggested action, one per PsCaseAction but NONE and
 * FOLLOW_UP (suggested in the page), in three widths: the full words, a
 * short word, an icon (a narrow window with its back button and window
 * controls). */
static const struct
{
  PsCaseAction  action;
  const char   *label;
  const char   *short_label;
  const char   *icon;
  const char   *action_name;   /* NULL: a menu of the attempt's outcomes */
  const char   *tooltip;
} suggestions[] = {
  { PS_CASE_ACTION_LOG_ATTEMPT, N_("_Log Attempt"), N_("_Log"), "call-outgoing-symbolic", NULL,
    N_("Log a contact attempt made now") },
  { PS_CASE_ACTION_SCHEDULE, N_("Sc_hedule Conversation…"), N_("Sc_hedule…"), "appointment-new-symbolic",
    "case.schedule", N_("Plan a conversation and get a reminder") },
  { PS_CASE_ACTION_START, N_("_Start Conversation"), N_("_Start"), "media-playback-start-symbolic",
    "case.start-conversation", N_("Follow the guided checklist now") },
  { PS_CASE_ACTION_RESUME, N_("_Resume Conversation"), N_("_Resume"), "media-playback-start-symbolic",
    "case.resume-conversation", N_("Carry on with the conversation in progress") },
  { PS_CASE_ACTION_CLOSE, N_("_Close Case…"), N_("_Close…"), "object-select-symbolic", "case.close",
    N_("The planned conversations are over: record how the support ended") },
};
#define N_SUGGESTIONS G_N_ELEMENTS (suggestions)

typedef enum
{
  WIDTH_FULL,
  WIDTH_SHORT,
  WIDTH_ICON,
  N_WIDTHS,
} SuggestionWidth;

struct _PsCasePage
{
  GtkWidget        parent_instance;

  PsContext       *context;
  PsStore         *store;
  PsCase          *item;
  gboolean         folded;
  guint            change_id;   /* the timeline's next change (soon, now, late) */
  gboolean         shown;       /* mapped once */
  gboolean         stale;       /* changed while hidden: its lists too */

  GtkWidget       *box;
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkScrolledWindow *scrolled_window;
  GtkLabel        *name_label;
  GtkLabel        *state_label;
  AdwSqueezer     *suggested_squeezer;
  GMenuModel      *attempt_menu;
  GtkWidget       *suggested_boxes[N_WIDTHS];
  GtkWidget       *suggested_buttons[N_WIDTHS][N_SUGGESTIONS];
  GtkWidget       *write_button;
  AdwActionRow    *contact_row;
  AdwActionRow    *modality_row;
  AdwActionRow    *referral_row;
  AdwActionRow    *reason_row;
  AdwActionRow    *requested_row;
  AdwActionRow    *assigned_row;
  AdwActionRow    *closed_row;
  GtkListBox      *attempts_list;
  GtkListBox      *conversations_list;
  GListStore      *attempts;            /* the rows of attempts_list, newest first */
  GListStore      *conversations;       /* the rows of conversations_list */
  GPtrArray       *attempt_keys;        /* what each row shows (row_key) */
  GPtrArray       *conversation_keys;

  /* Built here, not in the template: shown while a safety concern waits. */
  GtkWidget       *follow_up_group;
  AdwActionRow    *follow_up_row;
  GtkWidget       *follow_up_button;
  GtkListBox      *program_list;
  GListModel      *program_contacts;
};

G_DEFINE_FINAL_TYPE (PsCasePage, ps_case_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CASE,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
privacy_mode (PsCasePage *self)
{
  return g_settings_get_boolean (ps_context_get_settings (self->context), "privacy-mode");
}

static GDateTime *
to_local (PsCasePage *self,
          GDateTime  *instant)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (ps_context_get_clock (self->context));

  return g_date_time_to_timezone (instant, tz);
}

/* "Tue 12 Nov, 14:05" */
static char *
format_instant (PsCasePage *self,
                GDateTime  *instant)
{
  g_autoptr(GDateTime) local = to_local (self, instant);

  /* Translators: a time, as in "Tue 12 Nov, 14:05"; see g_date_time_format() */
  return ps_format_date_time (local, _("%a %-d %b, %H:%M"));
}

static void
add_toast (PsCasePage *self,
           AdwToast   *toast)
{
  ps_toast_add (GTK_WIDGET (self->toast_overlay), toast);
}

static void
show_message (PsCasePage *self,
              const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  add_toast (self, toast);
}

static void
show_error (PsCasePage   *self,
            const GError *error)
{
  show_message (self, error != NULL ? error->message : _("The change could not be saved."));
}

/* Rows -------------------------------------------------------------------- */

static const char *
outcome_icon (PsContactOutcome outcome)
{
  switch (outcome)
    {
    case PS_CONTACT_REACHED:      return "emblem-ok-symbolic";
    case PS_CONTACT_NO_ANSWER:    return "call-missed-symbolic";
    case PS_CONTACT_LEFT_MESSAGE: return "mail-unread-symbolic";
    default:                      return "call-outgoing-symbolic";
    }
}

/* "Reached · Tue 12 Nov, 14:05" */
static char *
describe_attempt (PsCasePage       *self,
                  PsContactAttempt *attempt)
{
  g_autofree char *when = format_instant (self, ps_contact_attempt_get_at (attempt));

  /* Translators: a contact attempt, "Reached · Tue 12 Nov, 14:05" */
  return g_strdup_printf (_("%s · %s"),
                          ps_contact_outcome_to_label (ps_contact_attempt_get_outcome (attempt)),
                          when);
}

static gboolean
case_closed (PsCasePage *self)
{
  return self->item == NULL || ps_case_get_state (self->item) == PS_CASE_STATE_CLOSED;
}

static GtkWidget *
create_attempt_row (gpointer item,
                    gpointer user_data)
{
  PsCasePage *self = user_data;
  PsContactAttempt *attempt = item;
  PsContactOutcome outcome = ps_contact_attempt_get_outcome (attempt);
  g_autofree char *title = describe_attempt (self, attempt);
  GtkWidget *row = ps_grid_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (outcome_icon (outcome));

  /* The row only shows; Tab goes to its Delete. */
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ps_contact_outcome_to_label (outcome),
                                  -1);
  ps_grid_row_add_prefix (PS_GRID_ROW (row), icon);

  if (!case_closed (self))
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Delete Attempt"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Attempt"), -1);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                              g_variant_new_int64 (ps_contact_attempt_get_id (attempt)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "case.delete-attempt");
      ps_grid_row_add_suffix (PS_GRID_ROW (row), remove);
    }
  ps_wrap_bound_min_width (row);
  return row;
}

/* The popover is made when the menu is first opened, not with every row. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       menu)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, menu);
}

/* Reschedule or cancel one still to be held; plan again one missed or cancelled. */
static void
add_conversation_menu (PsCasePage     *self,
                       PsGridRow      *row,
                       PsConversation *conversation)
{
  PsConversationState state = ps_conversation_get_state (conversation);
  gint64 id = ps_conversation_get_id (conversation);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) reschedule = NULL;
  GtkWidget *button;

  if (case_closed (self))
    return;

  if (state == PS_CONVERSATION_IN_PROGRESS)
    {
      /* Plain, and with no underlined letter: the header's Resume is the
       * one suggested action, and has it. */
      button = gtk_button_new_with_label (_("Resume"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.resume-conversation");
      ps_grid_row_add_suffix (row, button);
      return;
    }

  menu = g_menu_new ();
  if (state != PS_CONVERSATION_COMPLETED)
    {
      reschedule = g_menu_item_new (state == PS_CONVERSATION_SCHEDULED ? _("C_hange…")
                                                                       : _("_Schedule Again…"), NULL);
      g_menu_item_set_action_and_target_value (reschedule, "case.reschedule-conversation",
                                               g_variant_new_int64 (id));
      g_menu_append_item (menu, reschedule);
    }
  if (state == PS_CONVERSATION_SCHEDULED)
    {
      g_autoptr(GMenuItem) cancel = g_menu_item_new (_("_Cancel Conversation"), NULL);

      g_menu_item_set_action_and_target_value (cancel, "case.cancel-conversation",
                                               g_variant_new_int64 (id));
      g_menu_append_item (menu, cancel);
    }
  {
    g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete"), NULL);

    g_menu_item_set_action_and_target_value (remove, "case.delete-conversation",
                                             g_variant_new_int64 (id));
    g_menu_append_item (menu, remove);
  }

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_popup_cb,
                                         g_steal_pointer (&menu), g_object_unref);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Conversation Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Conversation Menu"),
                                  -1);
  ps_grid_row_add_suffix (row, button);
}

/* "Tue 12 Nov, 14:05", then "12 of 14 steps · 30 min · Phone" */
static void
describe_conversation (PsCasePage      *self,
                       PsConversation  *conversation,
                       char           **title,
                       char           **subtitle)
{
  g_autofree char *minutes = NULL;

  *title = format_instant (self, ps_conversation_get_starts_at (conversation));
  /* Translators: a conversation's planned length */
  minutes = g_strdup_printf (_("%u min"), ps_conversation_get_minutes (conversation));
  if (ps_conversation_get_state (conversation) == PS_CONVERSATION_COMPLETED)
    {
      g_autofree char *coverage = ps_checklist_describe_coverage (conversation);

      /* Translators: "12 of 14 steps · 30 min · Phone", then maybe the safety flag */
      *subtitle = g_strdup_printf (_("%s · %s · %s%s"), coverage ? coverage : "", minutes,
                                   ps_modality_to_label (ps_conversation_get_modality (conversation)),
                                   ps_conversation_get_safety_concern (conversation)
                                     ? _(" · safety concern raised") : "");
    }
  else
    /* Translators: "30 min · Phone · Scheduled" */
    *subtitle = g_strdup_printf (_("%s · %s · %s"), minutes,
                                 ps_modality_to_label (ps_conversation_get_modality (conversation)),
                                 ps_conversation_state_to_label (ps_conversation_get_state (conversation)));
}

static GtkWidget *
create_conversation_row (gpointer item,
                         gpointer user_data)
{
  PsCasePage *self = user_data;
  PsConversation *conversation = item;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = ps_grid_row_new ();

  describe_conversation (self, conversation, &title, &subtitle);
  /* The row only shows; Tab goes to its menu or Resume. */
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  ps_grid_row_set_subtitle (PS_GRID_ROW (row), subtitle);
  add_conversation_menu (self, PS_GRID_ROW (row), conversation);
  ps_wrap_bound_min_width (row);
  return row;
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

/* Everything a row shows or acts on: a row is made again only when it changes. */
static char *
row_key (PsCasePage *self,
         gpointer    item)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (PS_IS_CONVERSATION (item))
    {
      describe_conversation (self, item, &title, &subtitle);
      return g_strdup_printf ("%" G_GINT64_FORMAT "\n%d\n%d\n%s\n%s",
                              ps_conversation_get_id (item), case_closed (self),
                              ps_conversation_get_state (item), title, subtitle);
    }
  title = describe_attempt (self, item);
  return g_strdup_printf ("%" G_GINT64_FORMAT "\n%d\n%d\n%s",
                          ps_contact_attempt_get_id (item), case_closed (self),
                          ps_contact_attempt_get_outcome (item), title);
}

/* Puts @items in @list: only the rows between the first and the last that
 * change are made again (a new conversation, a state), as a user sees. */
static void
sync_list (PsCasePage  *self,
           GListStore  *list,
           GPtrArray  **keys,
           GListModel  *items)
{
  guint n_old = (*keys)->len;
  guint n_new = g_list_model_get_n_items (items);
  g_autoptr(GPtrArray) new_keys = g_ptr_array_new_full (n_new, g_free);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  guint start = 0, end = 0;

  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      g_ptr_array_add (new_keys, row_key (self, item));
    }
  while (start < MIN (n_old, n_new) &&
         g_str_equal (g_ptr_array_index (*keys, start), g_ptr_array_index (new_keys, start)))
    start++;
  while (end < MIN (n_old, n_new) - start &&
         g_str_equal (g_ptr_array_index (*keys, n_old - 1 - end),
                      g_ptr_array_index (new_keys, n_new - 1 - end)))
    end++;

  for (guint i = start; i < n_new - end; i++)
    g_ptr_array_add (added, g_list_model_get_item (items, i));
  if (n_old - start - end > 0 || added->len > 0)
    g_list_store_splice (list, start, n_old - start - end, added->pdata, added->len);
  g_ptr_array_unref (*keys);
  *keys = g_steal_pointer (&new_keys);
}

/* Hidden (another view, the list alone at 360 px, a conversation over it):
 * what would change is put off until the page is shown again. Not before
 * it was first shown: hidden, it still counts in the window's narrowest
 * width, which its template's own state (every action) would widen. */
static gboolean
put_off_while_hidden (PsCasePage *self)
{
  if (!self->shown || gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  self->stale = TRUE;
  return TRUE;
}

/* Snapshots from the store, taken again after each change to this case. */
static void
update_lists (PsCasePage *self)
{
  g_autoptr(GListStore) attempts = g_list_store_new (PS_TYPE_CONTACT_ATTEMPT);
  g_autoptr(GListModel) conversations = NULL;

  if (put_off_while_hidden (self))
    return;
  if (self->item != NULL && self->store != NULL)
    {
      g_autoptr(GListModel) listed = ps_store_list_contact_attempts (self->store,
                                                                     ps_case_get_id (self->item));
      guint n = g_list_model_get_n_items (listed);

      /* Newest first. */
      for (guint i = n; i > 0; i--)
        {
          g_autoptr(GObject) attempt = g_list_model_get_item (listed, i - 1);

          g_list_store_append (attempts, attempt);
        }
      conversations = ps_store_list_conversations (self->store, ps_case_get_id (self->item));
    }
  if (conversations == NULL)
    conversations = G_LIST_MODEL (g_list_store_new (PS_TYPE_CONVERSATION));

  sync_list (self, self->attempts, &self->attempt_keys, G_LIST_MODEL (attempts));
  sync_list (self, self->conversations, &self->conversation_keys, conversations);
}

/* Actions ----------------------------------------------------------------- */

/* @timeline: NULL without a case. */
static void
update_actions (PsCasePage           *self,
                const PsCaseTimeline *timeline)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have = self->item != NULL && self->store != NULL && timeline != NULL;
  gboolean closed = have && ps_case_get_state (self->item) == PS_CASE_STATE_CLOSED;
  gboolean erased = have && ps_case_get_deidentified (self->item);
  gboolean open = have && !erased && !closed;
  gboolean in_progress = open && timeline->next_timing == PS_TIMING_IN_PROGRESS;
  const char *contact = have ? ps_case_get_contact (self->item) : NULL;

  gtk_widget_action_set_enabled (widget, "case.edit", have && !erased);
  gtk_widget_action_set_enabled (widget, "case.close", have && !closed);
  gtk_widget_action_set_enabled (widget, "case.reopen", have && closed && !erased);
  gtk_widget_action_set_enabled (widget, "case.delete", have);
  gtk_widget_action_set_enabled (widget, "case.copy-contact",
                                 have && !erased && contact != NULL && contact[0] != '\0');
  gtk_widget_action_set_enabled (widget, "case.write-to-them",
                                 have && !erased && ps_contact_kind_from_text (contact) != PS_CONTACT_KIND_NONE);
  /* The store takes attempts on open cases only. */
  gtk_widget_action_set_enabled (widget, "case.log-attempt", open);
  gtk_widget_action_set_enabled (widget, "case.schedule", open);
  /* One conversation in progress per case: it is resumed, not another started. */
  gtk_widget_action_set_enabled (widget, "case.start-conversation", open && !in_progress);
  gtk_widget_action_set_enabled (widget, "case.resume-conversation", in_progress);
  gtk_widget_action_set_enabled (widget, "case.log-earlier-attempt", open);
  gtk_widget_action_set_enabled (widget, "case.add-held-conversation", open);
  gtk_widget_action_set_enabled (widget, "case.schedule-follow-up",
                                 open && ps_case_get_safety_concern (self->item));
}

/* The one suggested action, from the timeline: in the header, the rest in
 * its menu; a safety concern's follow-up by its deadline and the time it
 * proposes, in the page, with nothing suggested in the header. */
static void
update_suggested (PsCasePage   *self,
                  PsCaseAction  action)
{
  gboolean in_header = FALSE;

  for (guint i = 0; i < N_SUGGESTIONS; i++)
    in_header |= suggestions[i].action == action;
  for (guint w = 0; w < N_WIDTHS; w++)
    {
      for (guint i = 0; i < N_SUGGESTIONS; i++)
        gtk_widget_set_visible (self->suggested_buttons[w][i], suggestions[i].action == action);
      gtk_widget_set_visible (self->suggested_boxes[w], in_header);
    }
  gtk_widget_set_visible (self->follow_up_button, action == PS_CASE_ACTION_FOLLOW_UP);
}

static GtkWidget *
suggestion_button (PsCasePage      *self,
                   guint            i,
                   SuggestionWidth  width)
{
  g_autoptr(GString) name = g_string_new (NULL);
  GtkWidget *button;

  /* The full words without the mnemonic name an icon, and a menu button
   * (its label names only the button inside). */
  for (const char *p = _(suggestions[i].label); *p; p++)
    if (*p != '_')
      g_string_append_c (name, *p);

  if (suggestions[i].action_name == NULL)
    {
      button = gtk_menu_button_new ();
      if (width == WIDTH_ICON)
        gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), suggestions[i].icon);
      else
        {
          gtk_menu_button_set_label (GTK_MENU_BUTTON (button),
                                     width == WIDTH_FULL ? _(suggestions[i].label)
                                                         : _(suggestions[i].short_label));
          gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
        }
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), self->attempt_menu);
    }
  else
    {
      if (width == WIDTH_ICON)
        button = gtk_button_new_from_icon_name (suggestions[i].icon);
      else
        button = gtk_button_new_with_mnemonic (width == WIDTH_FULL ? _(suggestions[i].label)
                                                                   : _(suggestions[i].short_label));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), suggestions[i].action_name);
    }
  if (width == WIDTH_FULL)
    gtk_widget_set_tooltip_text (button, _(suggestions[i].tooltip));
  else
    {
      /* Translators: a tooltip, "Log Attempt: Log a contact attempt made now" */
      g_autofree char *tooltip = g_strdup_printf (_("%s: %s"), name->str, _(suggestions[i].tooltip));

      gtk_widget_set_tooltip_text (button, tooltip);
    }
  /* A labelled GtkButton is named by its label (ps_accessible_fix_mnemonic_names). */
  if (width == WIDTH_ICON || GTK_IS_MENU_BUTTON (button))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name->str, -1);
  gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

/* How Write to Them reaches the colleague, said on its button. */
static void
update_write_button (PsCasePage *self,
                     const char *contact)
{
  PsContactKind kind = ps_contact_kind_from_text (contact);
  const char *tooltip;

  switch (kind)
    {
    case PS_CONTACT_KIND_EXTENSION:
      gtk_button_set_icon_name (GTK_BUTTON (self->write_button), "call-start-symbolic");
      tooltip = _("Call Them");
      break;
    case PS_CONTACT_KIND_PHONE:
      gtk_button_set_icon_name (GTK_BUTTON (self->write_button), "mail-message-new-symbolic");
      tooltip = _("Write to Them");
      break;
    case PS_CONTACT_KIND_EMAIL:
    case PS_CONTACT_KIND_NONE:
    default:
      gtk_button_set_icon_name (GTK_BUTTON (self->write_button), "mail-send-symbolic");
      tooltip = _("Write to Them");
      break;
    }
  gtk_widget_set_tooltip_text (self->write_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->write_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_visible (self->write_button, kind != PS_CONTACT_KIND_NONE);
}

static void
set_row (AdwActionRow *row,
         const char   *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

static void
set_date_row (AdwActionRow *row,
              const GDate  *date)
{
  g_autofree char *text = ps_date_row_format_date (date);

  set_row (row, text);
}

static void update (PsCasePage *self);

static gboolean
change_cb (gpointer user_data)
{
  PsCasePage *self = user_data;

  self->change_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

/* The suggested action follows the conversation's time (Start from ten
 * minutes before) without a minute timer: one timeout, to the next change. */
static void
schedule_change (PsCasePage           *self,
                 const PsTimelineNow  *now,
                 const PsCaseTimeline *timeline)
{
  gint64 delay;

  if (timeline->changes_at == G_MAXINT64)
    return;
  delay = timeline->changes_at - now->now_unix;
  self->change_id = g_timeout_add_seconds ((guint) CLAMP (delay, 1, 24 * 3600), change_cb, self);
}

/* Safety follow-up ------------------------------------------------------ */

#define FOLLOW_UP_MINUTES 30

/* The follow-up one click schedules: the follow-up days after the concern,
 * at the time of day it was raised; a later day if that has passed, and
 * half an hour on while it would overlap another conversation. UTC. */
static GDateTime *
propose_follow_up (PsCasePage *self)
{
  GSettings *settings = ps_context_get_settings (self->context);
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (ps_context_get_clock (self->context));
  g_autoptr(GDateTime) concern = to_local (self, ps_case_get_safety_concern_at (self->item));
  g_autoptr(GDateTime) start = NULL;

  start = g_date_time_add_days (concern, MAX (g_settings_get_int (settings, "safety-follow-up-days"), 1));
  while (g_date_time_compare (start, now) <= 0)
    {
      GDateTime *later = g_date_time_add_days (start, 1);

      g_date_time_unref (start);
      start = later;
    }
  /* Two days' worth of half hours is more than any caseload fills. */
  for (guint i = 0; i < 96; i++)
    {
      g_autoptr(PsConversation) overlap = ps_store_find_overlap (self->store, start,
                                                                 FOLLOW_UP_MINUTES, 0);
      GDateTime *later;

      if (overlap == NULL)
        break;
      later = g_date_time_add_minutes (start, 30);
      g_date_time_unref (start);
      start = later;
    }
  return g_date_time_to_utc (start);
}

/* What to do next after a concern: a follow-up by the timeline's day, or the
 * program's contacts to escalate or refer. */
static void
update_follow_up (PsCasePage           *self,
                  const PsCaseTimeline *timeline)
{
  g_autofree char *by = NULL;
  g_autofree char *description = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  gboolean planned;

  gtk_widget_set_visible (self->follow_up_group, timeline->urgency == PS_URGENCY_SAFETY);
  if (timeline->urgency != PS_URGENCY_SAFETY || self->store == NULL)
    return;

  by = ps_date_row_format_date (&timeline->follow_up_by);
  /* Translators: %s is a day, "Thu 14 Nov 2024" */
  description = g_strdup_printf (_("The latest conversation raised a safety concern. Hold a "
                                   "follow-up by %s, or contact the program to escalate or "
                                   "refer, then close the case as such."), by);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->follow_up_group), description);

  /* A follow-up comes after the concern: not the conversation in progress
   * that raised it. */
  planned = timeline->next_at != NULL &&
            g_date_time_compare (timeline->next_at, ps_case_get_safety_concern_at (self->item)) > 0;
  if (planned)
    {
      when = format_instant (self, timeline->next_at);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->follow_up_row),
                                     _("Follow-up planned"));
      subtitle = g_strdup (when);
    }
  else
    {
      g_autoptr(GDateTime) proposed = propose_follow_up (self);

      when = format_instant (self, proposed);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->follow_up_row),
                                     _("No follow-up planned"));
      /* Translators: "Suggested: Thu 14 Nov, 14:05 · 30 min" */
      subtitle = g_strdup_printf (_("Suggested: %s · %u min"), when, FOLLOW_UP_MINUTES);
    }
  adw_action_row_set_subtitle (self->follow_up_row, subtitle);
}

static void
schedule_follow_up_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(PsConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (self->item != NULL && self->store != NULL);
  if (!ps_case_get_safety_concern (self->item))
    return;

  /* A safety follow-up is not asked about as a fourth conversation is. */
  start = propose_follow_up (self);
  conversation = ps_store_schedule_conversation (self->store, ps_case_get_id (self->item), start,
                                                 FOLLOW_UP_MINUTES, ps_case_get_modality (self->item),
                                                 &error);
  if (conversation == NULL)
    {
      show_error (self, error);
      return;
    }
  when = format_instant (self, start);
  /* Translators: "Follow-up scheduled for Thu 14 Nov, 14:05" */
  message = g_strdup_printf (_("Follow-up scheduled for %s"), when);
  show_message (self, message);
}

static void
build_follow_up (PsCasePage *self)
{
  GtkWidget *contact_group = gtk_widget_get_ancestor (GTK_WIDGET (self->contact_row),
                                                      ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *body = gtk_widget_get_parent (contact_group);
  GtkWidget *contacts_label = gtk_label_new (_("Program Contacts"));

  self->follow_up_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->follow_up_group, "safety-follow-up");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->follow_up_group),
                                   _("⚠ Safety Follow-up"));

  self->follow_up_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_focusable (GTK_WIDGET (self->follow_up_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->follow_up_row), FALSE);
  self->follow_up_button = gtk_button_new_with_mnemonic (_("Schedule _Follow-up"));
  gtk_widget_set_valign (self->follow_up_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->follow_up_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->follow_up_button), "case.schedule-follow-up");
  adw_action_row_add_suffix (self->follow_up_row, self->follow_up_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->follow_up_group),
                             GTK_WIDGET (self->follow_up_row));

  gtk_label_set_xalign (GTK_LABEL (contacts_label), 0);
  gtk_widget_set_margin_top (contacts_label, 12);
  gtk_widget_set_margin_bottom (contacts_label, 6);
  gtk_widget_add_css_class (contacts_label, "heading");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->follow_up_group), contacts_label);
  self->program_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->program_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->program_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->program_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Program contacts"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->follow_up_group),
                             GTK_WIDGET (self->program_list));

  gtk_widget_set_visible (self->follow_up_group, FALSE);
  gtk_box_insert_child_after (GTK_BOX (body), self->follow_up_group,
                              gtk_widget_get_prev_sibling (contact_group));
}

/* "Add Earlier…" at the head of a list of the page. */
static void
add_group_button (GtkWidget  *list,
                  const char *label,
                  const char *tooltip,
                  const char *action)
{
  GtkWidget *group = gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
}

static void
update (PsCasePage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *name = NULL;
  g_autofree char *state = NULL;
  g_autofree char *referral = NULL;
  GSettings *settings = ps_context_get_settings (self->context);
  gboolean privacy = privacy_mode (self);
  PsTimelineNow timeline_now;
  PsCaseTimeline timeline;
  gboolean closed;
  const char *contact;
  PsCase *item = self->item;

  g_clear_handle_id (&self->change_id, g_source_remove);
  if (put_off_while_hidden (self))
    return;
  if (item == NULL)
    {
      update_actions (self, NULL);
      update_suggested (self, PS_CASE_ACTION_NONE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "case");

  /* The name once, on the page: the header is for the actions. */
  name = ps_privacy_display_name (ps_case_get_display_name (item), privacy);
  gtk_label_set_text (self->name_label, name);

  now = ps_clock_get_now_local (ps_context_get_clock (self->context));
  ps_timeline_now_init (&timeline_now, now, g_settings_get_int (settings, "first-contact-due-days"),
                        g_settings_get_int (settings, "first-contact-overdue-days"));
  timeline_now.follow_up_days = g_settings_get_int (settings, "safety-follow-up-days");
  ps_case_timeline_init (&timeline, item, &timeline_now);
  update_actions (self, &timeline);
  update_suggested (self, ps_case_timeline_next_action (&timeline, item));
  schedule_change (self, &timeline_now, &timeline);
  state = ps_case_describe_timeline (item, &timeline, &timeline_now);
  gtk_label_set_text (self->state_label, state);
  /* Coloured as in the list, never by colour alone: the words say it too. */
  if (timeline.urgency == PS_URGENCY_OVERDUE || timeline.urgency == PS_URGENCY_SAFETY)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "ps-overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "ps-overdue");
  if (timeline.urgency == PS_URGENCY_DUE_SOON)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "ps-due-soon");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "ps-due-soon");

  update_follow_up (self, &timeline);

  closed = ps_case_get_state (item) == PS_CASE_STATE_CLOSED;

  /* A contact can identify as well as a name does. */
  contact = ps_case_get_contact (item);
  update_write_button (self, ps_case_get_deidentified (item) ? NULL : contact);
  if (contact == NULL || contact[0] == '\0')
    set_row (self->contact_row, _("No contact"));
  else if (privacy)
    set_row (self->contact_row, _("Hidden in privacy mode"));
  else
    set_row (self->contact_row, contact);

  set_row (self->modality_row, ps_modality_to_label (ps_case_get_modality (item)));
  if (ps_case_get_referral (item) == PS_REFERRAL_COLLEAGUE && ps_case_get_consent_confirmed (item))
    /* Translators: "Referred by a colleague · with consent" */
    referral = g_strdup_printf (_("%s · with consent"), ps_referral_to_label (ps_case_get_referral (item)));
  else
    referral = g_strdup (ps_referral_to_label (ps_case_get_referral (item)));
  set_row (self->referral_row, referral);

  set_row (self->reason_row, ps_reason_to_label (ps_case_get_reason (item)));
  set_date_row (self->requested_row, ps_case_get_requested_on (item));
  set_date_row (self->assigned_row, ps_case_get_assigned_on (item));

  gtk_widget_set_visible (GTK_WIDGET (self->closed_row), closed);
  if (closed)
    {
      set_date_row (self->closed_row, ps_case_get_closed_on (item));
      adw_action_row_set_subtitle (self->closed_row,
                                   ps_closure_status_to_label (ps_case_get_closure_status (item)));
    }
}

static void
case_notify_cb (PsCasePage *self)
{
  update (self);
}

static void
store_changed_cb (PsCasePage *self,
                  gint64      case_id)
{
  if (self->item == NULL)
    return;
  if (case_id != 0 && case_id != ps_case_get_id (self->item))
    return;

  /* Deleted, here or elsewhere. */
  if (ps_store_lookup_case (self->store, ps_case_get_id (self->item)) == NULL)
    {
      ps_case_page_set_case (self, NULL);
      return;
    }

  update (self);
  update_lists (self);
}

static void
context_store_changed_cb (PsCasePage *self)
{
  PsStore *store = ps_context_get_store (self->context);

  if (store == self->store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed",
                             G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  /* A case from a closed (locked) store is gone with it. */
  ps_case_page_set_case (self, NULL);
}

static void
refresh_cb (PsCasePage *self)
{
  update (self);
}

/* The desktop's clock went from 12 to 24 hours or back: the rows that show
 * a time are made again, as the case's own lines are. */
static void
time_format_changed_cb (PsCasePage *self)
{
  update (self);
  update_lists (self);
}

static GtkWindow *
parent_window (PsCasePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
present_over (PsCasePage *self,
              GtkWindow  *dialog)
{
  gtk_window_set_transient_for (dialog, parent_window (self));
  gtk_window_present (dialog);
}

static void
start_conversation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);

  if (self->item == NULL)
    return;

  /* The store picks the conversation: one in progress, else the next
   * planned when it is its time (as the page suggests Start), else a new
   * one begun now; the window shows it. */
  gtk_widget_activate_action (widget, "win.start-conversation", "(xx)", ps_case_get_id (self->item),
                              (gint64) 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  PsCaseEditor *editor;

  g_return_if_fail (self->item != NULL);

  editor = ps_case_editor_new (self->context, self->item);
  gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
  gtk_window_present (GTK_WINDOW (editor));
}

/* An Undo holds the context, not the store: a store kept by a toast would
 * keep the key in memory past a lock, and the caseload's lock file, so
 * that unlocking found it "open in another process". */
typedef struct
{
  PsContext *context;
  gint64     case_id;
  GWeakRef   page;
} UndoClose;

static void
undo_close_free (gpointer data,
                 GClosure *closure)
{
  UndoClose *undo = data;

  g_clear_object (&undo->context);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
undo_close_cb (AdwToast  *toast,
               UndoClose *undo)
{
  g_autoptr(PsCasePage) page = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;
  PsStore *store = ps_context_get_store (undo->context);

  if (store != NULL && !ps_store_reopen_case (store, undo->case_id, &error) && page != NULL)
    show_error (page, error);
}

static void
close_case (PsCasePage      *self,
            PsClosureStatus  status)
{
  g_autoptr(GError) error = NULL;
  UndoClose *undo;
  AdwToast *toast;
  GDate today;

  if (self->item == NULL || self->store == NULL)
    return;

  ps_clock_get_today (ps_context_get_clock (self->context), &today);

  if (!ps_store_close_case (self->store, ps_case_get_id (self->item), status, &today, &error))
    {
      show_error (self, error);
      return;
    }

  undo = g_new0 (UndoClose, 1);
  undo->context = g_object_ref (self->context);
  undo->case_id = ps_case_get_id (self->item);
  g_weak_ref_init (&undo->page, self);

  toast = adw_toast_new (_("Case closed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_close_cb),
                         undo, undo_close_free, 0);
  add_toast (self, toast);
}

static void
confirm_close_response_cb (PsCasePage       *self,
                           const char       *response,
                           AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "close") == 0)
    close_case (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "status")));
}

static void
close_response_cb (PsCasePage        *self,
                   const char        *response,
                   PsCloseCaseDialog *dialog)
{
  PsClosureStatus status = ps_close_case_dialog_get_status (dialog);
  AdwMessageDialog *confirmation;

  if (g_strcmp0 (response, "close") != 0 || status == PS_CLOSURE_NONE || self->item == NULL)
    return;
  if (!ps_close_case_needs_confirmation (ps_case_get_safety_concern (self->item), status))
    {
      close_case (self, status);
      return;
    }

  /* A safety concern not followed through: asked once more. */
  confirmation = ps_close_case_confirmation_new (parent_window (self), status);
  g_object_set_data (G_OBJECT (confirmation), "status", GINT_TO_POINTER (status));
  g_signal_connect_object (confirmation, "response", G_CALLBACK (confirm_close_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (confirmation));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  PsCloseCaseDialog *dialog;

  g_return_if_fail (self->item != NULL);

  dialog = ps_close_case_dialog_new (parent_window (self));
  ps_close_case_dialog_set_erase_on (dialog, self->context);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->item != NULL && self->store != NULL);

  if (!ps_store_reopen_case (self->store, ps_case_get_id (self->item), &error))
    show_error (self, error);
  else
    show_message (self, _("Case reopened"));
}

static void
delete_response_cb (PsCasePage       *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  const gint64 *case_id = g_object_get_data (G_OBJECT (dialog), "case-id");
  g_autoptr(PsStore) store = NULL;

  if (self->store == NULL)
    return;

  if (g_strcmp0 (response, "close") == 0)
    {
      if (self->item != NULL && ps_case_get_id (self->item) == *case_id)
        gtk_widget_activate_action (GTK_WIDGET (self), "case.close", NULL);
      return;
    }
  if (g_strcmp0 (response, "delete") != 0)
    return;

  /* The store may drop the case object while we hold the page's. */
  store = g_object_ref (self->store);
  if (!ps_store_delete_case (store, *case_id, &error))
    {
      show_error (self, error);
      return;
    }

  if (self->item != NULL && ps_case_get_id (self->item) == *case_id)
    ps_case_page_set_case (self, NULL);
  show_message (self, _("Case deleted"));
}

/* Names the colleague (initials in privacy mode) so the right case goes,
 * and offers what is usually meant: closing, which keeps the statistics and
 * erases the name later by itself. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  gboolean open;
  gint64 *case_id;

  g_return_if_fail (self->item != NULL);

  open = ps_case_get_state (self->item) != PS_CASE_STATE_CLOSED;
  if (ps_case_get_deidentified (self->item))
    heading = g_strdup (_("Delete Case?"));
  else
    {
      g_autofree char *name = ps_privacy_display_name (ps_case_get_display_name (self->item),
                                                       privacy_mode (self));

      /* Translators: %s is the colleague's name, or initials in privacy mode */
      heading = g_strdup_printf (_("Delete %s’s Case?"), name);
    }
  if (open)
    {
      int days = g_settings_get_int (ps_context_get_settings (self->context), "retention-days");

      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Their contact attempts and conversations are deleted too, "
                                           "and the program’s statistics lose the case. This cannot be "
                                           "undone. Closing the case instead keeps it in the statistics "
                                           "and erases their name and contact %d day later.",
                                           "Their contact attempts and conversations are deleted too, "
                                           "and the program’s statistics lose the case. This cannot be "
                                           "undone. Closing the case instead keeps it in the statistics "
                                           "and erases their name and contact %d days later.",
                                           days),
                              days);
    }
  else
    body = g_strdup (_("Its contact attempts and conversations are deleted too, and the program’s "
                       "statistics lose the case. This cannot be undone."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (open)
    {
      adw_message_dialog_add_response (dialog, "close", _("C_lose Instead"));
      adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, open ? "close" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  case_id = g_new (gint64, 1);
  *case_id = ps_case_get_id (self->item);
  g_object_set_data_full (G_OBJECT (dialog), "case-id", case_id, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GWeakRef *page_ref = user_data;
  g_autoptr(PsCasePage) self = g_weak_ref_get (page_ref);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (page_ref);
  g_free (page_ref);
  /* The error's own text may hold the URI, and with it the contact. */
  if (!g_app_info_launch_default_for_uri_finish (result, &error) && self != NULL)
    show_message (self, _("No app could open it. Copy the contact instead."));
}

/* The user's own mail or messaging client, with the supporter's reach-in
 * wording ready to send (through the OpenURI portal in Flatpak). Peerside
 * keeps nothing of it. */
static void
write_to_them_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GdkAppLaunchContext) launch = NULL;
  GWeakRef *page_ref;

  g_return_if_fail (self->item != NULL);

  message = g_settings_get_string (ps_context_get_settings (self->context), "reach-in-message");
  if (!ps_reach_in_message_is_valid (message))
    g_clear_pointer (&message, g_free);
  uri = ps_contact_reach_in_uri (ps_case_get_contact (self->item), message, NULL);
  if (uri == NULL)
    return;

  launch = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  page_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (page_ref, self);
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (launch), NULL,
                                           launched_cb, page_ref);
}

static void
copy_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  const char *contact;

  g_return_if_fail (self->item != NULL);

  contact = ps_case_get_contact (self->item);
  if (contact == NULL || contact[0] == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), contact);
  show_message (self, _("Contact copied"));
}

/* The keyboard on the action suggested now, in the width on show. */
static gboolean
focus_suggested_cb (gpointer user_data)
{
  PsCasePage *self = user_data;
  GtkWidget *box = adw_squeezer_get_visible_child (self->suggested_squeezer);

  for (GtkWidget *child = box != NULL ? gtk_widget_get_first_child (box) : NULL;
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      {
        gtk_widget_grab_focus (child);
        break;
      }
  return G_SOURCE_REMOVE;
}

static void
log_attempt_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  PsContactOutcome outcome;
  GtkWidget *focus;
  gboolean from_header;

  g_return_if_fail (self->item != NULL && self->store != NULL);

  if (!ps_contact_outcome_from_code (g_variant_get_string (param, NULL), &outcome))
    {
      g_warning ("Unknown contact outcome “%s”", g_variant_get_string (param, NULL));
      return;
    }

  focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  from_header = focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->suggested_squeezer));
  now = ps_clock_get_now_utc (ps_context_get_clock (self->context));
  if (!ps_store_log_contact_attempt (self->store, ps_case_get_id (self->item), now, outcome, &error))
    show_error (self, error);
  /* Logged from the header's Log Attempt, which may have gone with it: the
   * keyboard follows to the next suggested action, once its menu closed,
   * not to the Case Menu beside it. */
  else if (from_header)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_suggested_cb, g_object_ref (self), g_object_unref);
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  PsScheduleDialog *dialog;

  g_return_if_fail (self->item != NULL);

  dialog = ps_schedule_dialog_new (self->context, self->item, NULL);
  present_over (self, GTK_WINDOW (dialog));
}

static void
record (PsCasePage   *self,
        PsRecordKind  kind)
{
  g_return_if_fail (self->item != NULL);

  present_over (self, GTK_WINDOW (ps_record_dialog_new (self->context, self->item, kind)));
}

static void
log_earlier_attempt_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  record (PS_CASE_PAGE (widget), PS_RECORD_ATTEMPT);
}

static void
add_held_conversation_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  record (PS_CASE_PAGE (widget), PS_RECORD_CONVERSATION);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  g_autoptr(PsConversation) conversation = NULL;
  PsScheduleDialog *dialog;

  g_return_if_fail (self->item != NULL && self->store != NULL);

  conversation = ps_store_lookup_conversation (self->store, g_variant_get_int64 (param));
  if (conversation == NULL)
    return;
  dialog = ps_schedule_dialog_new (self->context, self->item, conversation);
  present_over (self, GTK_WINDOW (dialog));
}

/* What an Undo toast puts back: a cancelled conversation's state, a
 * deleted conversation (the object keeps its last values), or a deleted
 * attempt (logged again). */
typedef struct
{
  PsContext        *context;   /* not the store: see UndoClose */
  gint64            conversation_id;
  PsConversation   *deleted;
  PsContactAttempt *attempt;
  GWeakRef          page;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->context);
  g_clear_object (&undo->deleted);
  g_clear_object (&undo->attempt);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
undo_cb (AdwToast *toast,
         Undo     *undo)
{
  g_autoptr(PsCasePage) page = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;
  PsStore *store = ps_context_get_store (undo->context);
  gboolean done;

  if (store == NULL)
    return;
  if (undo->deleted != NULL)
    done = ps_store_restore_conversation (store, undo->deleted, &error);
  else if (undo->attempt != NULL)
    done = ps_store_log_contact_attempt (store, ps_contact_attempt_get_case_id (undo->attempt),
                                         ps_contact_attempt_get_at (undo->attempt),
                                         ps_contact_attempt_get_outcome (undo->attempt), &error);
  else
    done = ps_store_set_conversation_state (store, undo->conversation_id,
                                            PS_CONVERSATION_SCHEDULED, &error);
  if (!done && page != NULL)
    show_error (page, error);
}

/* Nothing is lost by a correction: a toast offers to undo it. */
static void
offer_undo (PsCasePage       *self,
            const char       *title,
            gint64            conversation_id,
            PsConversation   *deleted,
            PsContactAttempt *attempt)
{
  Undo *undo = g_new0 (Undo, 1);
  AdwToast *toast;

  undo->context = g_object_ref (self->context);
  undo->conversation_id = conversation_id;
  undo->deleted = deleted != NULL ? g_object_ref (deleted) : NULL;
  undo->attempt = attempt != NULL ? g_object_ref (attempt) : NULL;
  g_weak_ref_init (&undo->page, self);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_cb), undo, undo_free, 0);
  add_toast (self, toast);
}

static void
cancel_conversation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);

  g_return_if_fail (self->store != NULL);

  if (!ps_store_set_conversation_state (self->store, id, PS_CONVERSATION_CANCELLED, &error))
    show_error (self, error);
  else
    offer_undo (self, _("Conversation cancelled"), id, NULL, NULL);
}

static void
delete_conversation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  g_autoptr(PsConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);

  g_return_if_fail (self->store != NULL);

  conversation = ps_store_lookup_conversation (self->store, id);
  if (conversation == NULL)
    return;
  if (!ps_store_delete_conversation (self->store, id, &error))
    show_error (self, error);
  else
    offer_undo (self, _("Conversation deleted"), id, conversation, NULL);
}

static void
delete_attempt_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  g_autoptr(GListModel) attempts = NULL;
  g_autoptr(PsContactAttempt) attempt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);

  g_return_if_fail (self->store != NULL && self->item != NULL);

  attempts = ps_store_list_contact_attempts (self->store, ps_case_get_id (self->item));
  for (guint i = 0; attempt == NULL && i < g_list_model_get_n_items (attempts); i++)
    {
      g_autoptr(PsContactAttempt) a = g_list_model_get_item (attempts, i);

      if (ps_contact_attempt_get_id (a) == id)
        attempt = g_steal_pointer (&a);
    }
  if (attempt == NULL)
    return;
  if (!ps_store_delete_contact_attempt (self->store, id, &error))
    show_error (self, error);
  else
    offer_undo (self, _("Contact attempt deleted"), 0, NULL, attempt);
}

/* GObject ----------------------------------------------------------------- */

/* Shown again after a while (another view, a night): "due today" may
 * have become "overdue", and what changed while hidden is shown. */
static void
ps_case_page_map (GtkWidget *widget)
{
  PsCasePage *self = PS_CASE_PAGE (widget);
  gboolean stale = self->stale;

  GTK_WIDGET_CLASS (ps_case_page_parent_class)->map (widget);

  self->shown = TRUE;
  self->stale = FALSE;
  update (self);
  if (stale)
    update_lists (self);
}

static void
ps_case_page_constructed (GObject *object)
{
  PsCasePage *self = (PsCasePage *)object;

  G_OBJECT_CLASS (ps_case_page_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (context_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_context_get_settings (self->context), "changed",
                           G_CALLBACK (refresh_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_context_get_clock (self->context), "changed",
                           G_CALLBACK (refresh_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_time_format_get_default (), "notify::twelve-hour",
                           G_CALLBACK (time_format_changed_cb), self, G_CONNECT_SWAPPED);
  self->program_contacts = ps_program_contacts_dup_model (ps_context_get_settings (self->context));
  ps_safety_panel_bind_program_list (self->program_list, self->program_contacts);
  context_store_changed_cb (self);
  update (self);
  update_lists (self);
}

static void
ps_case_page_dispose (GObject *object)
{
  PsCasePage *self = (PsCasePage *)object;

  g_clear_handle_id (&self->change_id, g_source_remove);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, case_notify_cb, self);
  g_clear_object (&self->item);

  if (self->program_list != NULL)
    gtk_list_box_bind_model (self->program_list, NULL, NULL, NULL, NULL);
  self->program_list = NULL;
  if (self->attempts_list != NULL)
    gtk_list_box_bind_model (self->attempts_list, NULL, NULL, NULL, NULL);
  if (self->conversations_list != NULL)
    gtk_list_box_bind_model (self->conversations_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->attempts);
  g_clear_object (&self->conversations);
  g_clear_pointer (&self->attempt_keys, g_ptr_array_unref);
  g_clear_pointer (&self->conversation_keys, g_ptr_array_unref);
  g_clear_object (&self->program_contacts);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_CASE_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_case_page_parent_class)->dispose (object);
}

static void
ps_case_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PsCasePage *self = PS_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CASE:
      g_value_set_object (value, self->item);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_case_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PsCasePage *self = PS_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_CASE:
      ps_case_page_set_case (self, g_value_get_object (value));
      break;
    case PROP_FOLDED:
      ps_case_page_set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_case_page_class_init (PsCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ps_case_page_constructed;
  object_class->dispose = ps_case_page_dispose;
  object_class->get_property = ps_case_page_get_property;
  object_class->set_property = ps_case_page_set_property;
  widget_class->map = ps_case_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, PS_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, box);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, stack);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, state_label);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, suggested_squeezer);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, attempt_menu);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, write_button);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, modality_row);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, referral_row);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, reason_row);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, requested_row);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, assigned_row);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, closed_row);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, attempts_list);
  gtk_widget_class_bind_template_child (widget_class, PsCasePage, conversations_list);

  gtk_widget_class_install_action (widget_class, "case.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "case.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "case.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "case.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "case.copy-contact", NULL, copy_contact_action);
  gtk_widget_class_install_action (widget_class, "case.log-attempt", "s", log_attempt_action);
  gtk_widget_class_install_action (widget_class, "case.start-conversation", NULL, start_conversation_action);
  gtk_widget_class_install_action (widget_class, "case.resume-conversation", NULL, start_conversation_action);
  gtk_widget_class_install_action (widget_class, "case.write-to-them", NULL, write_to_them_action);
  gtk_widget_class_install_action (widget_class, "case.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "case.reschedule-conversation", "x", reschedule_action);
  gtk_widget_class_install_action (widget_class, "case.cancel-conversation", "x", cancel_conversation_action);
  gtk_widget_class_install_action (widget_class, "case.delete-conversation", "x", delete_conversation_action);
  gtk_widget_class_install_action (widget_class, "case.delete-attempt", "x", delete_attempt_action);
  gtk_widget_class_install_action (widget_class, "case.log-earlier-attempt", NULL, log_earlier_attempt_action);
  gtk_widget_class_install_action (widget_class, "case.add-held-conversation", NULL, add_held_conversation_action);
  gtk_widget_class_install_action (widget_class, "case.schedule-follow-up", NULL, schedule_follow_up_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "case.edit", NULL);
}

/* The widths not on show are not drawn but still "visible": Tab, or focus
 * moved on from a suggested button, must not land in one. */
static void
squeezed_cb (PsCasePage *self)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (self->suggested_squeezer);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *follow = NULL;
  int on_show = -1;

  for (guint w = 0; w < N_WIDTHS; w++)
    {
      if (self->suggested_boxes[w] == shown)
        on_show = (int)w;
      gtk_widget_set_can_focus (self->suggested_boxes[w], self->suggested_boxes[w] == shown);
    }
  /* The keyboard on one width's button goes to the same in the width shown. */
  for (guint w = 0; w < N_WIDTHS && focus != NULL && on_show >= 0; w++)
    for (guint i = 0; i < N_SUGGESTIONS; i++)
      if ((int)w != on_show &&
          (focus == self->suggested_buttons[w][i] || gtk_widget_is_ancestor (focus, self->suggested_buttons[w][i])))
        follow = self->suggested_buttons[on_show][i];
  if (follow != NULL)
    gtk_widget_grab_focus (follow);
}

static void
ps_case_page_init (PsCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The squeezer shows the first width that fits. */
  for (guint w = 0; w < N_WIDTHS; w++)
    {
      self->suggested_boxes[w] = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      for (guint i = 0; i < N_SUGGESTIONS; i++)
        {
          self->suggested_buttons[w][i] = suggestion_button (self, i, w);
          gtk_box_append (GTK_BOX (self->suggested_boxes[w]), self->suggested_buttons[w][i]);
        }
      adw_squeezer_add (self->suggested_squeezer, self->suggested_boxes[w]);
    }
  g_signal_connect_swapped (self->suggested_squeezer, "notify::visible-child",
                            G_CALLBACK (squeezed_cb), self);
  squeezed_cb (self);

  self->attempts = g_list_store_new (PS_TYPE_CONTACT_ATTEMPT);
  self->conversations = g_list_store_new (PS_TYPE_CONVERSATION);
  self->attempt_keys = g_ptr_array_new_with_free_func (g_free);
  self->conversation_keys = g_ptr_array_new_with_free_func (g_free);
  gtk_list_box_bind_model (self->attempts_list, G_LIST_MODEL (self->attempts),
                           create_attempt_row, self, NULL);
  gtk_list_box_bind_model (self->conversations_list, G_LIST_MODEL (self->conversations),
                           create_conversation_row, self, NULL);
  gtk_list_box_set_placeholder (self->attempts_list, placeholder_row (_("No attempts yet")));
  gtk_list_box_set_placeholder (self->conversations_list,
                                placeholder_row (_("No conversations yet")));
  add_group_button (GTK_WIDGET (self->attempts_list), _("Lo_g Earlier…"),
                    _("Log a contact attempt made earlier"), "case.log-earlier-attempt");
  add_group_button (GTK_WIDGET (self->conversations_list), _("_Add Held Earlier…"),
                    _("Add a conversation held without the app"), "case.add-held-conversation");
  build_follow_up (self);
  ps_wrap_bound_min_width (GTK_WIDGET (self));
}

PsCasePage *
ps_case_page_new (PsContext *context)
{
  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  return g_object_new (PS_TYPE_CASE_PAGE, "context", context, NULL);
}

PsCase *
ps_case_page_get_case (PsCasePage *self)
{
  g_return_val_if_fail (PS_IS_CASE_PAGE (self), NULL);

  return self->item;
}

void
ps_case_page_set_case (PsCasePage *self,
                       PsCase     *item)
{
  g_return_if_fail (PS_IS_CASE_PAGE (self));
  g_return_if_fail (item == NULL || PS_IS_CASE (item));

  /* A case shown starts at its top, its name and actions: another case, or
   * the same one shown again from elsewhere (the Schedule, a reminder). */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, case_notify_cb, self);
  g_set_object (&self->item, item);
  if (self->item != NULL)
    g_signal_connect_object (self->item, "notify", G_CALLBACK (case_notify_cb),
                             self, G_CONNECT_SWAPPED);

  update (self);
  update_lists (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

void
ps_case_page_set_folded (PsCasePage *self,
                         gboolean    folded)
{
  g_return_if_fail (PS_IS_CASE_PAGE (self));

  folded = !!folded;
  if (self->folded == folded)
    return;
  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}
