/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The whole flow from the keyboard alone, with real key presses sent to the
 * X server (xdotool) — no widget is clicked or called: new case, schedule a
 * conversation, hold it (tick steps, finish), close the case. */

#include "config.h"

#include "ps-case-page.h"
#include "ps-checklist.h"
#include "ps-conversation-page-private.h"
#include "ps-date-row.h"
#include "ps-group-debrief-dialog.h"
#include "ps-record-dialog.h"
#include "ps-schedule-dialog.h"
#include "ps-schedule-view.h"
#include "ps-test-widgets.h"
#include "ps-caseload-view-private.h"
#include "ps-test-session.h"
#include "ps-window-private.h"

static PsApplication *app;

static GtkWindow *
newest_toplevel (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *newest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (w)))
        newest = w;
    }
  return newest;
}

static PsCase *
only_case (PsStore *store)
{
  GListModel *cases = ps_store_get_cases (store);

  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
  return g_list_model_get_item (cases, 0);
}

static GtkWidget *
find_case_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Case Menu") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_case_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
case_menu_button (PsWindow *window)
{
  GtkWidget *button = find_case_menu_button (GTK_WIDGET (window));

  g_assert_nonnull (button);
  return button;
}

static void
test_keyboard_flow (void)
{
  PsWindow *window = ps_test_session_window (app);
  PsContext *context = ps_window_get_context (window);
  g_autoptr(PsCase) item = NULL;
  g_autoptr(GListModel) conversations = NULL;
  g_autoptr(PsConversation) conversation = NULL;
  PsStore *store;
  GtkWindow *editor;

  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  store = ps_context_get_store (context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  ps_test_focus_window (GTK_WINDOW (window));

  /* New case: Ctrl+N, type the name, choose the reason (its mnemonic opens
   * the list: the second one), Ctrl+Return saves. */
  ps_test_xdotool ("key", "ctrl+n", NULL);
  editor = newest_toplevel ();
  g_assert_true (editor != GTK_WINDOW (window));
  ps_test_focus_window (editor);
  ps_test_xdotool ("type", "--delay", "15", "Dr. Keyboard Example", NULL);
  ps_test_xdotool ("key", "alt+e", NULL);
  ps_test_iterate (200);
  ps_test_xdotool ("key", "Down", "Return", NULL);
  ps_test_iterate (100);
  ps_test_screenshot (GTK_WIDGET (editor), "keyboard-editor.png");
  ps_test_xdotool ("key", "ctrl+Return", NULL);
  item = only_case (store);
  g_assert_cmpstr (ps_case_get_display_name (item), ==, "Dr. Keyboard Example");
  g_assert_cmpint (ps_case_get_reason (item), ==, PS_REASON_COMPLAINT);
  g_assert_true (newest_toplevel () == GTK_WINDOW (window));

  /* Reached: the suggested Log Attempt's mnemonic, then the outcome's. */
  ps_test_focus_window (GTK_WINDOW (window));
  ps_test_xdotool ("key", "alt+l", NULL);
  ps_test_iterate (200);
  ps_test_xdotool ("key", "r", NULL);
  ps_test_iterate (200);
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_IN_SUPPORT);

  /* Schedule, suggested now: its mnemonic, the proposed time, Ctrl+Return. */
  ps_test_focus_window (GTK_WINDOW (window));
  ps_test_xdotool ("key", "alt+h", NULL);
  ps_test_focus_window (newest_toplevel ());
  ps_test_xdotool ("key", "ctrl+Return", NULL);
  conversations = ps_store_list_conversations (store, ps_case_get_id (item));
  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);
  conversation = g_list_model_get_item (conversations, 0);
  g_assert_cmpint (ps_conversation_get_state (conversation), ==, PS_CONVERSATION_SCHEDULED);
  g_clear_object (&conversation);
  g_clear_object (&conversations);

  /* Start a conversation with its mnemonic; tick the first steps with Tab
   * and Space; finish with its mnemonic. */
  /* Start is suggested only from ten minutes before the plan; until then
   * the case menu has it (the menu button, where Tab reaches it, Return,
   * its mnemonic), and it begins a conversation now: the plan stays. */
  ps_test_focus_window (GTK_WINDOW (window));
  gtk_widget_grab_focus (case_menu_button (window));
  ps_test_xdotool ("key", "Return", NULL);
  ps_test_iterate (200);
  ps_test_xdotool ("key", "s", NULL);
  g_assert_nonnull (ps_test_find_conversation ());
  /* The conversation opens on the first step: Space ticks it. */
  ps_test_xdotool ("key", "space", NULL);
  conversations = ps_store_list_conversations (store, ps_case_get_id (item));
  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 2);
  conversation = ps_store_lookup_conversation_in_progress (store, ps_case_get_id (item));
  g_assert_nonnull (conversation);
  g_assert_cmpuint (g_strv_length ((GStrv) ps_conversation_get_covered_steps (conversation)), ==, 1);
  ps_test_xdotool ("key", "Tab", "Tab", "space", NULL);
  ps_test_xdotool ("key", "alt+f", NULL);
  g_assert_cmpint (ps_conversation_get_state (conversation), ==, PS_CONVERSATION_COMPLETED);
  g_assert_cmpuint (g_strv_length ((GStrv) ps_conversation_get_covered_steps (conversation)), >=, 1);
  /* Back on the case, the keyboard on the menu it was started from. */
  g_assert_null (ps_test_find_conversation ());
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), case_menu_button (window)));

  /* Close the case: the plan still to come, Close is not suggested; the
   * case menu has it (Return on the menu button, its mnemonic). Then the
   * first status with Space, then Return (the dialog's default response)
   * from the list. */
  ps_test_focus_window (GTK_WINDOW (window));
  gtk_widget_grab_focus (case_menu_button (window));
  ps_test_xdotool ("key", "Return", NULL);
  ps_test_iterate (200);
  ps_test_xdotool ("key", "c", NULL);
  ps_test_focus_window (newest_toplevel ());
  ps_test_xdotool ("key", "Tab", "space", "Tab", "Tab", NULL);
  ps_test_screenshot (GTK_WIDGET (newest_toplevel ()), "keyboard-close-dialog.png");
  ps_test_xdotool ("key", "Return", NULL);
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_CLOSED);
  g_assert_cmpint (ps_case_get_closure_status (item), ==, PS_CLOSURE_COMPLETED);
}

/* Whether the keyboard is in @field (a row, or what is inside it). */
static gboolean
focus_in (GtkWindow *window,
          GtkWidget *field)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == field || gtk_widget_is_ancestor (focus, field));
}

static PsCase *
open_new_case (PsWindow   *window,
               const char *name)
{
  PsStore *store = ps_context_get_store (ps_window_get_context (window));
  PsCase *item = ps_test_add_case (store, name, "2024-03-02");

  ps_caseload_view_open_case (ps_window_get_caseload_view (window), item);
  ps_test_iterate (200);
  return item;
}

/* A form opens on its first field, and Enter in its time field saves it as
 * it does in the case editor's fields: no Tab to the header's button. */
static void
test_forms_first_field_enter_saves (void)
{
  PsWindow *window = ps_test_session_window (app);
  PsStore *store = ps_context_get_store (ps_window_get_context (window));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GListModel) conversations = NULL;
  g_autoptr(GListModel) attempts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  PsCase *item;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  item = open_new_case (window, "Dr. Enter Example");
  g_assert_true (ps_store_log_contact_attempt (store, ps_case_get_id (item), now,
                                               PS_CONTACT_REACHED, &error));
  g_assert_no_error (error);
  ps_test_iterate (200);

  /* Schedule, the suggested action: the day first; Enter in the time
   * proposed. */
  ps_test_focus_window (GTK_WINDOW (window));
  ps_test_xdotool ("key", "alt+h", NULL);
  dialog = newest_toplevel ();
  g_assert_true (PS_IS_SCHEDULE_DIALOG (dialog));
  ps_test_focus_window (dialog);
  g_assert_true (focus_in (dialog, ps_test_find_type (GTK_WIDGET (dialog), PS_TYPE_DATE_ROW)));
  ps_test_xdotool ("key", "alt+t", "Return", NULL);
  g_assert_true (newest_toplevel () == GTK_WINDOW (window));
  conversations = ps_store_list_conversations (store, ps_case_get_id (item));
  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);

  /* An attempt made earlier: its mnemonic; the day first; Enter saves. */
  ps_test_focus_window (GTK_WINDOW (window));
  ps_test_xdotool ("key", "alt+g", NULL);
  dialog = newest_toplevel ();
  g_assert_true (PS_IS_RECORD_DIALOG (dialog));
  ps_test_focus_window (dialog);
  g_assert_true (focus_in (dialog, ps_test_find_type (GTK_WIDGET (dialog), PS_TYPE_DATE_ROW)));
  ps_test_xdotool ("key", "alt+t", "Return", NULL);
  g_assert_true (newest_toplevel () == GTK_WINDOW (window));
  attempts = ps_store_list_contact_attempts (store, ps_case_get_id (item));
  g_assert_cmpuint (g_list_model_get_n_items (attempts), ==, 2);

  /* A group debrief, from the Schedule: the day first. */
  ps_test_focus_window (GTK_WINDOW (window));
  ps_test_xdotool ("key", "alt+2", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ps_test_find_type (GTK_WIDGET (window), PS_TYPE_SCHEDULE_VIEW)),
                                             "schedule.new-group-debrief", NULL));
  dialog = newest_toplevel ();
  g_assert_true (PS_IS_GROUP_DEBRIEF_DIALOG (dialog));
  ps_test_focus_window (dialog);
  g_assert_true (focus_in (dialog, ps_test_find_type (GTK_WIDGET (dialog), PS_TYPE_DATE_ROW)));
  ps_test_xdotool ("key", "Escape", NULL);
  g_assert_true (newest_toplevel () == GTK_WINDOW (window));
  ps_test_xdotool ("key", "alt+1", NULL);
}

static PsCase *
shown_case (PsWindow *window)
{
  return ps_case_page_get_case (ps_caseload_view_get_case_page (ps_window_get_caseload_view (window)));
}

/* Ctrl+F, a name, Enter: the first match opens, from Closed when only it
 * has one; folded at 360 px, the keyboard follows it to the case. */
static void
test_search_enter_opens_match (void)
{
  PsWindow *window = ps_test_session_window (app);
  PsStore *store = ps_context_get_store (ps_window_get_context (window));
  g_autoptr(GError) error = NULL;
  PsCaseloadView *caseload = ps_window_get_caseload_view (window);
  PsCase *closed, *open;
  GtkWidget *focus;

  closed = ps_test_add_case (store, "Dr. Élodie Fictive", "2024-03-02");
  g_assert_true (ps_store_close_case (store, ps_case_get_id (closed), PS_CLOSURE_COMPLETED, NULL, &error));
  g_assert_no_error (error);
  open = ps_test_add_case (store, "Dr. Searchable Example", "2024-03-02");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  ps_test_xdotool ("key", "alt+1", NULL);
  ps_test_focus_window (GTK_WINDOW (window));

  ps_test_xdotool ("key", "ctrl+f", NULL);
  ps_test_xdotool_unmapped_key ("eacute");
  ps_test_xdotool ("type", "lodie", NULL);
  ps_test_xdotool ("key", "Return", NULL);
  g_assert_true (shown_case (window) == closed);
  ps_test_screenshot (GTK_WIDGET (window), "keyboard-search-closed.png");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  ps_test_iterate (300);
  ps_caseload_view_show_closed (caseload, FALSE);
  ps_test_focus_window (GTK_WINDOW (window));
  /* From the case page, folded: the search comes into view. */
  ps_test_xdotool ("key", "ctrl+f", NULL);
  g_assert_true (gtk_widget_is_drawable (gtk_window_get_focus (GTK_WINDOW (window))));
  ps_test_xdotool ("key", "ctrl+a", NULL);
  ps_test_xdotool ("type", "searchable", NULL);
  ps_test_xdotool ("key", "Return", NULL);
  g_assert_true (shown_case (window) == open);
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (ps_caseload_view_get_case_page (caseload))));
  g_assert_true (gtk_widget_is_drawable (focus));
  ps_test_screenshot (GTK_WIDGET (window), "keyboard-search-narrow.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
}

/* Ctrl+L from the Overview's header: the keyboard is on Unlock, and Enter
 * unlocks; no press is lost on a control that went with the lock. */
static void
test_lock_unlock (void)
{
  PsWindow *window = ps_test_session_window (app);
  PsContext *context = ps_window_get_context (window);
  GtkWidget *export_button, *focus;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  ps_test_focus_window (GTK_WINDOW (window));
  ps_test_xdotool ("key", "alt+3", NULL);
  export_button = ps_test_find_widget (GTK_WIDGET (window), ps_test_has_action, "overview.export");
  g_assert_nonnull (export_button);
  g_assert_true (gtk_widget_grab_focus (export_button));

  ps_test_xdotool ("key", "ctrl+l", NULL);
  ps_test_wait_for_status (context, PS_CONTEXT_LOCKED);
  ps_test_iterate (300);
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_drawable (focus));
  g_assert_true (ps_test_has_action (focus, "win.retry"));
  ps_test_screenshot (GTK_WIDGET (window), "keyboard-locked.png");

  ps_test_xdotool ("key", "Return", NULL);
  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  ps_test_iterate (500);
  g_assert_cmpstr (ps_window_get_visible_view (window), ==, "overview");
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_drawable (focus));
  ps_test_xdotool ("key", "alt+1", NULL);
}

/* Tab goes from control to control: never to a status page's frame, which
 * shows no focus ring and does nothing, and never stays put. Through the
 * Overview's "No Cases in This Period" and the caseload's "No Case
 * Selected". */
static void
test_tab_skips_empty_states (void)
{
  PsWindow *window = ps_test_session_window (app);
  const char *views[] = { "alt+3", "alt+1" };

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  ps_test_focus_window (GTK_WINDOW (window));
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      GtkWidget *before = NULL;

      ps_test_xdotool ("key", views[v], NULL);
      if (v == 1)
        ps_caseload_view_open_case (ps_window_get_caseload_view (window), NULL);
      g_assert_nonnull (ps_test_find_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
      for (guint i = 0; i < 12; i++)
        {
          GtkWidget *focus;

          ps_test_xdotool ("key", "Tab", NULL);
          focus = gtk_window_get_focus (GTK_WINDOW (window));
          g_assert_nonnull (focus);
          g_assert_false (GTK_IS_SCROLLED_WINDOW (focus) &&
                          gtk_widget_get_ancestor (focus, ADW_TYPE_STATUS_PAGE) != NULL);
          g_assert_true (focus != before);
          before = focus;
        }
    }
}

/* Each checklist step is one Tab stop: Tab from one step's row goes to the
 * next step's row (not to its check box), and Space there ticks it. */
static void
test_step_one_tab_stop (void)
{
  PsWindow *window = ps_test_session_window (app);
  PsContext *context = ps_window_get_context (window);
  const PsChecklistPhase *phase = ps_checklist_get_phase (ps_checklist_get (PS_CHECKLIST_VERSION), 0);
  PsConversationPage *page;
  GtkCheckButton *first, *second;
  GtkWidget *second_row;
  PsCase *item;

  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  item = ps_test_add_reached_case (ps_context_get_store (context), "Dr. Steps Example", "2024-03-02");
  page = ps_test_start_conversation (GTK_WIDGET (window), item);
  g_assert_nonnull (page);
  first = ps_conversation_page_get_step_check (page, ps_checklist_step_get_id (ps_checklist_phase_get_step (phase, 0)));
  second = ps_conversation_page_get_step_check (page, ps_checklist_step_get_id (ps_checklist_phase_get_step (phase, 1)));
  second_row = gtk_widget_get_ancestor (GTK_WIDGET (second), GTK_TYPE_LIST_BOX_ROW);
  ps_test_focus_window (GTK_WINDOW (window));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) ==
                 gtk_widget_get_ancestor (GTK_WIDGET (first), GTK_TYPE_LIST_BOX_ROW));

  ps_test_xdotool ("key", "Tab", NULL);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == second_row);
  ps_test_xdotool ("key", "space", NULL);
  g_assert_true (gtk_check_button_get_active (second));
  g_assert_false (gtk_check_button_get_active (first));
  ps_test_xdotool ("key", "Return", NULL);
  g_assert_false (gtk_check_button_get_active (second));
  /* Go Back (Alt+Left) asks what becomes of it; Finish Now ends it. */
  ps_test_xdotool ("key", "alt+Left", NULL);
  ps_test_iterate (100);
  g_assert_nonnull (ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  ps_test_respond (ADW_MESSAGE_DIALOG (ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "finish");
  g_assert_null (ps_test_find_conversation ());
  ps_test_iterate (200);
}

static gboolean
focus_on_schedule (gpointer data)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (data));

  return focus != NULL && ps_test_has_action (focus, "case.schedule");
}

/* Reached, from the keyboard: the keyboard goes on to the action now
 * suggested, Schedule Conversation…, not to the Case Menu. At 360 px too. */
static void
test_reached_focuses_schedule (void)
{
  PsWindow *window = ps_test_session_window (app);
  const int widths[] = { 1200, 360 };

  ps_test_wait_for_status (ps_window_get_context (window), PS_CONTEXT_READY);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autofree char *name = g_strdup_printf ("Dr. Reached Example %u", w);
      PsCase *item;
      GtkWidget *focus;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 800);
      ps_test_iterate (300);
      item = open_new_case (window, name);
      ps_test_focus_window (GTK_WINDOW (window));
      ps_test_xdotool ("key", "alt+l", NULL);
      ps_test_iterate (200);
      ps_test_xdotool ("key", "r", NULL);
      g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_IN_SUPPORT);
      /* The keyboard moves once the outcomes' menu is gone. */
      g_assert_true (ps_test_wait_for (focus_on_schedule, window, 3000));
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      g_assert_true (gtk_widget_is_drawable (focus));
      ps_test_iterate (200);
      g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == focus);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  ps_test_iterate (300);
}

/* What a Tab may stop at on the case page: something that acts when the
 * keyboard is on it. A selectable label does: its text can be selected
 * and copied. */
static gboolean
acts (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) || GTK_IS_EDITABLE (widget) || GTK_IS_SWITCH (widget))
    return TRUE;
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_selectable (GTK_LABEL (widget));
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) &&
           (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL ||
            (ADW_IS_ACTION_ROW (widget) &&
             adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget)) != NULL));
  return FALSE;
}

static gboolean
has_tooltip (GPtrArray  *widgets,
             const char *tooltip)
{
  for (guint i = 0; i < widgets->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (widgets, i)), tooltip) == 0)
      return TRUE;
  return FALSE;
}

/* Tab through a case page, with an attempt logged and a conversation held
 * that raised a safety concern, stops only where something acts: not at
 * the rows that only show a date, the reason, the modality or the
 * follow-up. The contact's Call and Copy, the attempt's Delete, the
 * conversation's menu and Schedule Follow-up are still reached. */
static void
test_case_page_tab_stops (void)
{
  PsWindow *window = ps_test_session_window (app);
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *start, *focus;
  PsStore *store;
  PsCase *item;

  ps_test_wait_for_status (ps_window_get_context (window), PS_CONTEXT_READY);
  store = ps_context_get_store (ps_window_get_context (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  item = ps_test_add_case (store, "Dr. Tab Example", "2024-03-02");
  g_assert_true (ps_store_log_contact_attempt (store, ps_case_get_id (item), yesterday,
                                               PS_CONTACT_REACHED, &error));
  /* With a safety concern and nothing planned: the follow-up shows. */
  held = ps_store_add_held_conversation (store, ps_case_get_id (item), yesterday, 30,
                                         PS_MODALITY_PHONE, NULL, TRUE, &error);
  g_assert_no_error (error);
  ps_caseload_view_open_case (ps_window_get_caseload_view (window), item);
  ps_test_iterate (200);
  page = GTK_WIDGET (ps_caseload_view_get_case_page (ps_window_get_caseload_view (window)));

  ps_test_focus_window (GTK_WINDOW (window));
  start = case_menu_button (window);
  g_assert_true (gtk_widget_grab_focus (start));
  start = gtk_window_get_focus (GTK_WINDOW (window));
  for (guint i = 0; i < 100; i++)
    {
      ps_test_xdotool ("key", "Tab", NULL);
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      g_assert_nonnull (focus);
      if (focus == start)
        break;
      if (!gtk_widget_is_ancestor (focus, page))
        continue;
      if (!acts (focus))
        g_error ("Tab stops at a %s that does nothing (“%s”)", G_OBJECT_TYPE_NAME (focus),
                 ADW_IS_ACTION_ROW (focus) ? adw_action_row_get_subtitle (ADW_ACTION_ROW (focus)) : "");
      g_assert_true (stops->len == 0 || g_ptr_array_index (stops, stops->len - 1) != focus);
      g_ptr_array_add (stops, focus);
      g_test_message ("Tab: %s “%s”", G_OBJECT_TYPE_NAME (focus), gtk_widget_get_tooltip_text (focus));
    }
  g_assert_true (focus == start);

  /* The contact is a phone number: Write is Call. */
  g_assert_true (has_tooltip (stops, "Call Them"));
  g_assert_true (has_tooltip (stops, "Copy Contact"));
  g_assert_true (has_tooltip (stops, "Delete Attempt"));
  {
    gboolean follow_up = FALSE;

    for (guint i = 0; i < stops->len; i++)
      follow_up |= ps_test_has_action (g_ptr_array_index (stops, i), "case.schedule-follow-up");
    g_assert_true (follow_up);
  }
  {
    guint menus = 0;

    for (guint i = 0; i < stops->len; i++)
      {
        GtkWidget *menu = gtk_widget_get_ancestor (g_ptr_array_index (stops, i), GTK_TYPE_MENU_BUTTON);

        menus += menu != NULL &&
                 g_strcmp0 (gtk_widget_get_tooltip_text (menu), "Conversation Menu") == 0;
      }
    g_assert_cmpuint (menus, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

  if (!g_find_program_in_path ("xdotool"))
    {
      g_print ("1..0 # SKIP xdotool is not installed\n");
      return 0;
    }

  app = ps_test_session_start ();
  g_test_add_func ("/keyboard/new-case-schedule-conversation-close", test_keyboard_flow);
  g_test_add_func ("/keyboard/forms-first-field-enter-saves", test_forms_first_field_enter_saves);
  g_test_add_func ("/keyboard/search-enter-opens-match", test_search_enter_opens_match);
  g_test_add_func ("/keyboard/lock-unlock", test_lock_unlock);
  g_test_add_func ("/keyboard/tab-skips-empty-states", test_tab_skips_empty_states);
  g_test_add_func ("/keyboard/step-one-tab-stop", test_step_one_tab_stop);
  g_test_add_func ("/keyboard/reached-focuses-schedule", test_reached_focuses_schedule);
  g_test_add_func ("/keyboard/case-page-tab-stops", test_case_page_tab_stops);
  ret = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  ps_remove_tree (home);
  return ret;
}
