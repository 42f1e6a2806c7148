/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-case-editor.h"
#include "ps-case-page.h"
#include "ps-case-results.h"
#include "ps-case-row.h"
#include "ps-caseload-view-private.h"
#include "ps-time-format.h"
#include "ps-util.h"
#include "ps-wrap.h"

struct _PsCaseloadView
{
  GtkWidget           parent_instance;

  PsContext          *context;
  GtkWidget          *password_button;
  GListModel         *cases;
  PsStore            *store;
  gboolean            show_closed;
  gboolean            shown_closed;  /* the state of the case on show, at the last sort */
  char               *search;        /* folded, NULL when empty */
  GDateTime          *now;           /* local; for the order and the rows */
  guint               due_days;
  guint               overdue_days;
  guint               change_id;     /* to the first case whose words change */

  PsCaseResults      *results;
  GtkSingleSelection *selection;
  GListStore         *visible;       /* for tests: the cases the list shows */
  PsCasePage         *case_page;

  AdwLeaflet         *leaflet;
  GtkWidget          *list_page;
  AdwHeaderBar       *header_bar;
  GtkMenuButton      *menu_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkToggleButton    *open_toggle;
  GtkToggleButton    *closed_toggle;
  GtkLabel           *open_count;
  GtkLabel           *closed_count;
  GtkButton          *elsewhere_button;        /* under the list */
  GtkButton          *elsewhere_page_button;   /* on "No Matching Cases" */
  GtkButton          *show_closed_button;      /* on "No Open Cases" */
  GtkStack           *case_stack;
  GtkWidget          *separator;
  GtkWidget          *scope_box;
  GtkWidget          *pressed_resume;  /* a row's Resume, while pressed */
  char               *back_action;     /* where Back goes from the case, narrow; NULL: the list */
};

G_DEFINE_FINAL_TYPE (PsCaseloadView, ps_caseload_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MENU_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Read once per refresh: the sorter asks for them on every comparison. */
#define due_days(self) ((self)->due_days)
#define overdue_days(self) ((self)->overdue_days)

static void
refresh_now (PsCaseloadView *self)
{
  GSettings *settings = ps_context_get_settings (self->context);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = ps_clock_get_now_local (ps_context_get_clock (self->context));
  ps_first_contact_days_read (settings, &self->due_days, &self->overdue_days);
}

/* A place in the list holds another case after a search or a change (the
 * case on show finished a conversation, was reached, closed, became
 * overdue): the highlight stays with the case on show, not with the place,
 * and the list keeps it in view, its keyboard place with it. */
static void
sync_selection (PsCaseloadView *self)
{
  PsCase *shown = self->case_page != NULL ? ps_case_page_get_case (self->case_page) : NULL;
  guint position = ps_case_results_find (self->results, shown);

  if (position == gtk_single_selection_get_selected (self->selection))
    return;
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* GTK selects a row when it takes the keyboard: the arrow keys, or the
 * keyboard coming back to a row whose place now holds another case (after
 * a conversation that moved the case on show). The highlight stays on the
 * case on show; Enter or a click opens the row. */
static void
selection_changed_cb (PsCaseloadView *self)
{
  PsCase *shown = self->case_page != NULL ? ps_case_page_get_case (self->case_page) : NULL;

  gtk_single_selection_set_selected (self->selection, ps_case_results_find (self->results, shown));
}

/* The counts on Open and Closed, and the search's matches in the list not
 * shown ("1 match in Closed"). */
static void
update_scope (PsCaseloadView *self)
{
  guint n_open = ps_case_results_get_n_cases (self->results, FALSE);
  guint n_closed = ps_case_results_get_n_cases (self->results, TRUE);
  guint elsewhere = ps_case_results_get_n_elsewhere (self->results);
  g_autofree char *open = g_strdup_printf ("%u", n_open);
  g_autofree char *closed = g_strdup_printf ("%u", n_closed);
  g_autofree char *open_name = NULL;
  g_autofree char *closed_name = NULL;
  g_autofree char *hint = NULL;

  gtk_label_set_text (self->open_count, open);
  gtk_label_set_text (self->closed_count, closed);
  /* Translators: the accessible name of the Open switch, "Open, 12 cases" */
  open_name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Open, %u case", "Open, %u cases", n_open), n_open);
  /* Translators: the accessible name of the Closed switch, "Closed, 3 cases" */
  closed_name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Closed, %u case", "Closed, %u cases", n_closed), n_closed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, open_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->closed_toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, closed_name, -1);

  if (elsewhere > 0 && self->show_closed)
    /* Translators: under the closed cases found by a search */
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match in Open", "%u matches in Open", elsewhere), elsewhere);
  else if (elsewhere > 0)
    /* Translators: under the open cases found by a search */
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match in Closed", "%u matches in Closed", elsewhere), elsewhere);
  /* Under the list when it shows matches; on the empty page, where the eye
   * already is, when it shows none. */
  if (hint != NULL)
    {
      gtk_button_set_label (self->elsewhere_button, hint);
      gtk_button_set_label (self->elsewhere_page_button, hint);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->elsewhere_button),
                          hint != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->elsewhere_page_button),
                          hint != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0);
  if (n_closed > 0)
    {
      /* Translators: on "No Open Cases", the button to the Closed list */
      g_autofree char *show = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u Closed Case",
                                                            "Show %u Closed Cases", n_closed), n_closed);

      gtk_button_set_label (self->show_closed_button, show);
    }
}

static void search_changed_cb (PsCaseloadView *self);

/* The list shows the case on show: in its scope (open or closed), and
 * with no search hiding it. */
static void
reveal_case (PsCaseloadView *self,
             PsCase         *item)
{
  if (item == NULL || ps_case_results_find (self->results, item) != GTK_INVALID_LIST_POSITION)
    return;
  if ((ps_case_get_state (item) == PS_CASE_STATE_CLOSED) != self->show_closed)
    gtk_toggle_button_set_active (self->show_closed ? self->open_toggle : self->closed_toggle, TRUE);
  if (self->search != NULL && ps_case_results_find (self->results, item) == GTK_INVALID_LIST_POSITION)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      search_changed_cb (self);
    }
}

/* The window's buttons (close, minimize, maximize) end the list's header
 * when no case page is beside it: folded, or the list alone (no case yet,
 * where the leaflet does not fold at any width). */
static void
update_title_buttons (PsCaseloadView *self)
{
  adw_header_bar_set_show_end_title_buttons (self->header_bar,
                                             adw_leaflet_get_folded (self->leaflet) ||
                                             !gtk_widget_get_visible (GTK_WIDGET (self->case_stack)));
}

static void
update_stack (PsCaseloadView *self)
{
  const char *page;

  update_scope (self);
  if (self->cases == NULL || g_list_model_get_n_items (self->cases) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    page = "list";
  else if (self->search == NULL && self->show_closed)
    page = "no-closed";
  else if (self->search == NULL)
    page = "no-open";
  else
    page = "no-results";

  gtk_stack_set_visible_child_name (self->stack, page);
  /* With no case at all there is one thing to do, said once: the list's
   * empty state takes the window, without "No Case Selected" beside it. */
  gtk_widget_set_visible (self->separator, !g_str_equal (page, "empty"));
  gtk_widget_set_visible (GTK_WIDGET (self->case_stack), !g_str_equal (page, "empty"));
  gtk_widget_set_hexpand (self->list_page, g_str_equal (page, "empty"));
  update_title_buttons (self);
  gtk_widget_set_visible (GTK_WIDGET (self->scope_box), !g_str_equal (page, "empty"));
  sync_selection (self);
}

/* The cases changed in place (a field, a state): re-filter, re-sort, re-bind. */
static void refilter (PsCaseloadView *self);

static gboolean
change_cb (gpointer user_data)
{
  PsCaseloadView *self = user_data;

  self->change_id = 0;
  refilter (self);
  return G_SOURCE_REMOVE;
}

/* A row follows its conversation's time (soon, starting now, not held)
 * without a minute timer: one timeout, to the first change of any case. */
static void
schedule_change (PsCaseloadView *self)
{
  gint64 at = ps_case_results_get_changes_at (self->results);
  gint64 delay;

  g_clear_handle_id (&self->change_id, g_source_remove);
  if (at == G_MAXINT64)
    return;
  delay = at - g_date_time_to_unix (self->now);
  self->change_id = g_timeout_add_seconds ((guint) CLAMP (delay, 1, 24 * 3600), change_cb, self);
}

/* After the order was made again: the next change, the case on show. */
static void
ordered (PsCaseloadView *self)
{
  PsCase *shown = ps_case_page_get_case (self->case_page);
  gboolean closed = shown != NULL && ps_case_get_state (shown) == PS_CASE_STATE_CLOSED;

  schedule_change (self);
  /* The case on show was closed or reopened: the list follows it. */
  if (shown != NULL && closed != self->shown_closed)
    reveal_case (self, shown);
  self->shown_closed = closed;
  update_stack (self);
}

static void
refilter (PsCaseloadView *self)
{
  refresh_now (self);
  ps_case_results_set_order (self->results, self->now, due_days (self), overdue_days (self));
  ordered (self);
}

/* One case changed (@case_id; 0: any): it alone moves, as a rule. */
static void
case_changed_cb (PsCaseloadView *self,
                 gint64          case_id)
{
  PsCase *item = case_id != 0 ? ps_store_lookup_case (self->store, case_id) : NULL;

  if (item == NULL)
    {
      refilter (self);
      return;
    }
  refresh_now (self);
  ps_case_results_update_case (self->results, item, self->now, due_days (self), overdue_days (self));
  ordered (self);
}

/* A place's "changed" draws its row again: another case, or an edit of its
 * case (a new order tells every place). */
static void
bind_row (PsCaseloadView *self,
          GtkListItem    *list_item)
{
  PsCaseSlot *slot = gtk_list_item_get_item (list_item);
  PsCase *item = slot != NULL ? ps_case_slot_get_case (slot) : NULL;

  if (item == NULL)
    return;
  ps_case_row_bind (PS_CASE_ROW (gtk_list_item_get_child (list_item)),
                    item, self->now, due_days (self), overdue_days (self),
                    g_settings_get_boolean (ps_context_get_settings (self->context), "privacy-mode"));
}

static void
bind_row_cb (GtkListItem *list_item)
{
  bind_row (g_object_get_data (G_OBJECT (list_item), "ps-view"), list_item);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          PsCaseloadView           *self)
{
  gtk_list_item_set_child (list_item, ps_case_row_new ());
  g_object_set_data (G_OBJECT (list_item), "ps-view", self);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         PsCaseloadView           *self)
{
  PsCaseSlot *slot = gtk_list_item_get_item (list_item);

  bind_row (self, list_item);
  g_signal_connect_object (slot, "changed", G_CALLBACK (bind_row_cb), list_item, G_CONNECT_SWAPPED);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           PsCaseloadView           *self)
{
  PsCaseSlot *slot = gtk_list_item_get_item (list_item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_data (slot, list_item);
  ps_case_row_unbind (PS_CASE_ROW (gtk_list_item_get_child (list_item)));
}

static void
show_case (PsCaseloadView *self,
           PsCase         *item)
{
  g_clear_pointer (&self->back_action, g_free);
  ps_case_page_set_case (self->case_page, item);
  self->shown_closed = item != NULL && ps_case_get_state (item) == PS_CASE_STATE_CLOSED;
  gtk_stack_set_visible_child_name (self->case_stack, item != NULL ? "case" : "none");
  reveal_case (self, item);
  sync_selection (self);
  if (gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                gtk_single_selection_get_selected (self->selection));
  if (item != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Resume from a case's row: its page, and the conversation over it (the
 * window shows conversations: win.start-conversation). */
static void
resume_conversation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  PsCaseloadView *self = PS_CASELOAD_VIEW (widget);
  PsCase *item;

  if (self->store == NULL ||
      (item = ps_store_lookup_case (self->store, g_variant_get_int64 (param))) == NULL)
    return;
  show_case (self, item);
  gtk_widget_activate_action (widget, "win.start-conversation", "(xx)", ps_case_get_id (item),
                              (gint64) 0);
}

/* GTK 4.8's list opens a row's case on a press, before the row's Resume
 * button sees it: the button lost its click, and a first click only opened
 * the case. Presses on Resume are taken first, on the list's way down, and
 * click it. */
static GtkWidget *
resume_button_at (PsCaseloadView *self,
                  double          x,
                  double          y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  GtkWidget *button = picked != NULL ? gtk_widget_get_ancestor (picked, GTK_TYPE_BUTTON) : NULL;
  GtkWidget *row = button != NULL ? gtk_widget_get_parent (button) : NULL;

  if (row == NULL || !PS_IS_CASE_ROW (row) || ps_case_row_get_resume_button (PS_CASE_ROW (row)) != button)
    return NULL;
  return button;
}

static void
resume_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   PsCaseloadView  *self)
{
  GtkWidget *button = resume_button_at (self, x, y);

  if (button == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_set_weak_pointer (&self->pressed_resume, button);
  gtk_widget_set_state_flags (button, GTK_STATE_FLAG_ACTIVE, FALSE);
}

static void
resume_released_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    PsCaseloadView  *self)
{
  GtkWidget *button = resume_button_at (self, x, y);

  if (button != NULL && button == self->pressed_resume)
    g_signal_emit_by_name (button, "clicked");
  g_clear_weak_pointer (&self->pressed_resume);
}

/* Released or not (the pointer left, a grab), the button looks up again;
 * "released" comes after. */
static void
resume_end_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               PsCaseloadView   *self)
{
  if (self->pressed_resume != NULL)
    gtk_widget_unset_state_flags (self->pressed_resume, GTK_STATE_FLAG_ACTIVE);
}

static void
case_activated_cb (PsCaseloadView *self,
                   guint           position)
{
  show_case (self, ps_case_results_get_case (self->results, position));
}

static void
cases_changed_cb (PsCaseloadView *self)
{
  PsCase *shown = ps_case_page_get_case (self->case_page);

  /* The case on show was deleted. */
  if (shown != NULL && self->store != NULL &&
      ps_store_lookup_case (self->store, ps_case_get_id (shown)) == NULL)
    {
      show_case (self, NULL);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
    }
  update_stack (self);
}

static void
store_changed_cb (PsCaseloadView *self)
{
  PsStore *store = ps_context_get_store (self->context);

  if (self->cases != NULL)
    g_signal_handlers_disconnect_by_func (self->cases, cases_changed_cb, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, case_changed_cb, self);
  g_clear_object (&self->cases);
  g_clear_object (&self->store);
  ps_case_results_set_source (self->results, NULL);
  show_case (self, NULL);

  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->cases = g_object_ref (ps_store_get_cases (store));
      g_signal_connect_object (self->cases, "items-changed",
                               G_CALLBACK (cases_changed_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->store, "changed",
                               G_CALLBACK (case_changed_cb), self, G_CONNECT_SWAPPED);
    }
  refresh_now (self);
  ps_case_results_set_order (self->results, self->now, due_days (self), overdue_days (self));
  ps_case_results_set_source (self->results, self->cases);
  schedule_change (self);
  update_stack (self);
}

static void
search_changed_cb (PsCaseloadView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (stripped[0] != '\0')
    self->search = ps_fold_for_search (stripped);
  ps_case_results_set_filter (self->results, self->show_closed, self->search);
  update_stack (self);
}

/* Enter in the search opens the first match, from the other list when
 * only it has some ("1 match in Closed"). */
static void
search_activate_cb (PsCaseloadView *self)
{
  /* The entry waits a moment before it says the text changed. */
  search_changed_cb (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0 &&
      ps_case_results_get_n_elsewhere (self->results) > 0)
    ps_caseload_view_show_closed (self, !self->show_closed);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return;

  show_case (self, ps_case_results_get_case (self->results, 0));
  /* Folded, the list and its search are gone: the keyboard goes to the case. */
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_child_focus (GTK_WIDGET (self->case_page), GTK_DIR_TAB_FORWARD);
}

static void
scope_toggled_cb (PsCaseloadView *self)
{
  self->show_closed = !gtk_toggle_button_get_active (self->open_toggle);
  ps_case_results_set_filter (self->results, self->show_closed, self->search);
  update_stack (self);
}

static void
elsewhere_clicked_cb (PsCaseloadView *self)
{
  ps_caseload_view_show_closed (self, !self->show_closed);
}

/* Privacy mode or the desktop's clock: every row is drawn again. */
static void
rows_changed_cb (PsCaseloadView *self)
{
  ps_case_results_rebind_all (self->results);
}

static void
case_saved_cb (PsCaseloadView *self,
               PsCase         *item)
{
  /* The store's "changed" has sorted and filtered the list already. */
  show_case (self, item);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  PsCaseloadView *self = PS_CASELOAD_VIEW (widget);
  PsCaseEditor *editor;

  if (self->store == NULL)
    return;

  editor = ps_case_editor_new (self->context, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (editor, "saved", G_CALLBACK (case_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Narrow, Back from a case opened elsewhere (the Schedule) goes back there,
 * however it is asked for (the button, Alt+Left, a swipe); the list stays
 * behind it for the next time. */
static void
leaflet_child_cb (PsCaseloadView *self)
{
  g_autofree char *back_action = NULL;

  if (self->back_action == NULL ||
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") != 0)
    return;
  back_action = g_steal_pointer (&self->back_action);
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_activate_action (GTK_WIDGET (self), back_action, NULL);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  PsCaseloadView *self = PS_CASELOAD_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PsCaseloadView *self = PS_CASELOAD_VIEW (widget);

  /* Folded on a case, the list and its search come back into view. */
  g_clear_pointer (&self->back_action, g_free);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
ps_caseload_view_root (GtkWidget *widget)
{
  PsCaseloadView *self = PS_CASELOAD_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (ps_caseload_view_parent_class)->root (widget);

  /* Typing anywhere in the window searches the caseload. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (root));
}

static void
ps_caseload_view_constructed (GObject *object)
{
  PsCaseloadView *self = (PsCaseloadView *)object;
  GSettings *settings;
  GtkListItemFactory *factory;
  GtkGesture *gesture;

  G_OBJECT_CLASS (ps_caseload_view_parent_class)->constructed (object);

  settings = ps_context_get_settings (self->context);
  refresh_now (self);

  self->results = ps_case_results_new ();
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->results)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (resume_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (resume_released_cb), self);
  g_signal_connect (gesture, "end", G_CALLBACK (resume_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (gesture));

  self->case_page = ps_case_page_new (self->context);
  g_object_bind_property (self->leaflet, "folded", self->case_page, "folded", G_BINDING_SYNC_CREATE);
  gtk_stack_add_named (self->case_stack, GTK_WIDGET (self->case_page), "case");

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_title_buttons),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (leaflet_child_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (settings, "changed::privacy-mode",
                           G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);
  /* A row's time follows the desktop's clock. */
  g_signal_connect_object (ps_time_format_get_default (), "notify::twelve-hour",
                           G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::first-contact-due-days",
                           G_CALLBACK (refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::first-contact-overdue-days",
                           G_CALLBACK (refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_context_get_clock (self->context), "changed",
                           G_CALLBACK (refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  store_changed_cb (self);
}

static void
ps_caseload_view_dispose (GObject *object)
{
  PsCaseloadView *self = (PsCaseloadView *)object;

  g_clear_handle_id (&self->change_id, g_source_remove);
  g_clear_weak_pointer (&self->pressed_resume);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_CASELOAD_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_object (&self->visible);
  g_clear_object (&self->cases);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->back_action, g_free);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (ps_caseload_view_parent_class)->dispose (object);
}

static void
ps_caseload_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PsCaseloadView *self = PS_CASELOAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_MENU_MODEL:
      g_value_set_object (value, gtk_menu_button_get_menu_model (self->menu_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_caseload_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PsCaseloadView *self = PS_CASELOAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      /* Offered while the caseload is empty (a first run), in Preferences after. */
      if (self->context != NULL && !ps_context_is_demo (self->context))
        g_object_bind_property (ps_context_get_key_vault (self->context), "protected",
                                self->password_button, "visible",
                                G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
      else
        gtk_widget_set_visible (self->password_button, FALSE);
      break;
    case PROP_MENU_MODEL:
      gtk_menu_button_set_menu_model (self->menu_button, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_caseload_view_class_init (PsCaseloadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ps_caseload_view_constructed;
  object_class->dispose = ps_caseload_view_dispose;
  object_class->get_property = ps_caseload_view_get_property;
  object_class->set_property = ps_caseload_view_set_property;
  widget_class->root = ps_caseload_view_root;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The window's primary menu, given to the view's menu button. */
  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-caseload-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, password_button);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, list_page);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, list_view);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, open_toggle);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, closed_toggle);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, open_count);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, closed_count);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, elsewhere_button);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, elsewhere_page_button);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, show_closed_button);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, separator);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, scope_box);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, case_stack);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PsCaseloadView, stack);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, elsewhere_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, case_activated_cb);

  gtk_widget_class_install_action (widget_class, "caseload.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "caseload.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "caseload.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "caseload.resume-conversation", "x",
                                   resume_conversation_action);
}

static void
ps_caseload_view_init (PsCaseloadView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The entry sits in a clamp: tell the bar, so typing anywhere searches. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* A long translation ("Définir un mot de passe pour les dossiers…") wraps
   * rather than widen the view, and with it the window, past 360 px. */
  ps_wrap_button_label (GTK_BUTTON (self->password_button));
}

PsCaseloadView *
ps_caseload_view_new (PsContext *context)
{
  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  return g_object_new (PS_TYPE_CASELOAD_VIEW, "context", context, NULL);
}

/* For widget tests: the cases the list shows, in order. */
GListModel *
ps_caseload_view_get_visible_cases (PsCaseloadView *self)
{
  guint n;

  g_return_val_if_fail (PS_IS_CASELOAD_VIEW (self), NULL);

  if (self->visible == NULL)
    self->visible = g_list_store_new (PS_TYPE_CASE);
  g_list_store_remove_all (self->visible);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  for (guint i = 0; i < n; i++)
    g_list_store_append (self->visible, ps_case_results_get_case (self->results, i));
  return G_LIST_MODEL (self->visible);
}

void
ps_caseload_view_set_search (PsCaseloadView *self,
                             const char     *text)
{
  g_return_if_fail (PS_IS_CASELOAD_VIEW (self));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* GtkSearchEntry delays "search-changed"; a test wants it now. */
  search_changed_cb (self);
}

void
ps_caseload_view_show_closed (PsCaseloadView *self,
                              gboolean        closed)
{
  g_return_if_fail (PS_IS_CASELOAD_VIEW (self));
  gtk_toggle_button_set_active (closed ? self->closed_toggle : self->open_toggle, TRUE);
}

const char *
ps_caseload_view_get_visible_page (PsCaseloadView *self)
{
  g_return_val_if_fail (PS_IS_CASELOAD_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

PsCasePage *
ps_caseload_view_get_case_page (PsCaseloadView *self)
{
  g_return_val_if_fail (PS_IS_CASELOAD_VIEW (self), NULL);
  return self->case_page;
}

void
ps_caseload_view_open_case (PsCaseloadView *self,
                            PsCase         *item)
{
  g_return_if_fail (PS_IS_CASELOAD_VIEW (self));
  show_case (self, item);
}

/* Opens @item from another view: narrow, Back from the case activates
 * @back_action ("win.show-schedule") rather than showing the list. */
void
ps_caseload_view_open_case_from (PsCaseloadView *self,
                                 PsCase         *item,
                                 const char     *back_action)
{
  g_return_if_fail (PS_IS_CASELOAD_VIEW (self));
  show_case (self, item);
  if (item != NULL)
    self->back_action = g_strdup (back_action);
}

const char *
ps_caseload_view_get_scope_count (PsCaseloadView *self,
                                  gboolean        closed)
{
  g_return_val_if_fail (PS_IS_CASELOAD_VIEW (self), NULL);
  return gtk_label_get_text (closed ? self->closed_count : self->open_count);
}

GtkButton *
ps_caseload_view_get_elsewhere (PsCaseloadView *self)
{
  g_return_val_if_fail (PS_IS_CASELOAD_VIEW (self), NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->elsewhere_button)))
    return self->elsewhere_button;
  if (gtk_widget_get_visible (GTK_WIDGET (self->elsewhere_page_button)))
    return self->elsewhere_page_button;
  return NULL;
}
