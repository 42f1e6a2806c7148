/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Alt and a letter does what the underlined letter says only when that
 * letter is underlined once where it is pressed: with two, GTK moves the
 * focus between them and activates neither. Every screen, dialog and
 * Preferences page of the real application, with cases in each state, is
 * read for two underlined letters alike, and so is every menu on show
 * (opened, as a menu answers its own letters), in the language the test
 * runs in (LANGUAGE, as the tour). */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ps-case-page.h"
#include "ps-caseload-view-private.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-welcome-window.h"
#include "ps-window-private.h"

static PsApplication *app;
static GString *clashes;

typedef struct
{
  GHashTable *labels;    /* keyval → the label's text */
  GHashTable *targets;   /* keyval → the widget it activates */
} Scope;

static void
scope_init (Scope *scope)
{
  scope->labels = g_hash_table_new (NULL, NULL);
  scope->targets = g_hash_table_new (NULL, NULL);
}

static void
scope_clear (Scope *scope)
{
  g_clear_pointer (&scope->labels, g_hash_table_unref);
  g_clear_pointer (&scope->targets, g_hash_table_unref);
}

/* A popover answers its own mnemonics: it is a scope of its own. */
static void
read_mnemonics (GtkWidget  *widget,
                Scope      *scope,
                const char *where)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      GtkWidget *target = gtk_label_get_mnemonic_widget (GTK_LABEL (widget));
      gpointer key = GUINT_TO_POINTER (keyval);

      if (keyval == GDK_KEY_VoidSymbol)
        ;
      else if (!g_hash_table_contains (scope->labels, key))
        {
          g_hash_table_insert (scope->labels, key, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
          g_hash_table_insert (scope->targets, key, target);
        }
      /* A row's title shows twice (an entry row's floating title) for one field. */
      else if (target == NULL || g_hash_table_lookup (scope->targets, key) != target)
        g_string_append_printf (clashes, "\n  %s: “%s” and “%s”", where,
                                (const char *) g_hash_table_lookup (scope->labels, key),
                                gtk_label_get_label (GTK_LABEL (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      {
        Scope inner;

        scope_init (&inner);
        read_mnemonics (child, &inner, where);
        scope_clear (&inner);
      }
    else
      read_mnemonics (child, scope, where);
}

/* Past the stacks' and leaflets' transitions, when both sides are mapped. */
static void
settle (void)
{
  ps_test_iterate (400);
}

/* A menu opens by its button, and so on the screen only when its button is:
 * one scrolled out of view is scrolled to first. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport = scrolled != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value;

  if (!GTK_IS_VIEWPORT (viewport) ||
      !gtk_widget_compute_bounds (widget, gtk_viewport_get_child (GTK_VIEWPORT (viewport)), &bounds))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
  if (gtk_adjustment_get_value (adjustment) != value)
    ps_test_iterate (60);
}

static gboolean
menu_shown (gpointer button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static gboolean
menu_gone (gpointer button)
{
  return !menu_shown (button);
}

static void
collect_menu_buttons (GtkWidget *widget,
                      GPtrArray *buttons)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_MENU_BUTTON (widget))
    {
      /* With a menu, or none yet: a row's menu is made when it first opens. */
      if (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL ||
          gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)) == NULL)
        g_ptr_array_add (buttons, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child))
      collect_menu_buttons (child, buttons);
}

/* A menu's items are made from its model when it opens: each menu on show
 * is opened, read as a scope of its own with the items its state shows
 * (hidden-when), and closed. */
static void
check_menus (GtkWidget  *window,
             const char *where)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_menu_buttons (window, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      GtkPopover *popover;

      scroll_into_view (GTK_WIDGET (button));
      gtk_menu_button_popup (button);
      g_assert_true (ps_test_wait_for (menu_shown, button, 2000));
      popover = gtk_menu_button_get_popover (button);
      if (GTK_IS_POPOVER_MENU (popover))
        {
          g_autofree char *name = NULL;
          Scope scope;

          name = g_strdup_printf ("%s, the menu of “%s”", where,
                                  gtk_widget_get_tooltip_text (GTK_WIDGET (button)));
          scope_init (&scope);
          read_mnemonics (GTK_WIDGET (popover), &scope, name);
          scope_clear (&scope);
        }
      gtk_menu_button_popdown (button);
      g_assert_true (ps_test_wait_for (menu_gone, button, 2000));
    }
}

/* Every window on show, as it is now. */
static void
check (const char *where)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  settle ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      g_autofree char *name = NULL;
      Scope scope;

      if (!gtk_widget_get_visible (window))
        continue;
      name = g_strdup_printf ("%s, %s", where, G_OBJECT_TYPE_NAME (window));
      scope_init (&scope);
      read_mnemonics (window, &scope, name);
      scope_clear (&scope);
      check_menus (window, name);
    }
}

/* Closes every window but the main one. */
static void
close_dialogs (PsWindow *main_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean closed;

  do
    {
      closed = FALSE;
      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && !closed; i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (window != GTK_WINDOW (main_window) && gtk_widget_get_visible (GTK_WIDGET (window)))
            {
              gtk_window_destroy (window);
              closed = TRUE;
            }
        }
      settle ();
    }
  while (closed);
}

static void
check_action (PsWindow   *window,
              GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (widget, action, param));
  check (action);
  close_dialogs (window);
}

static PsCase *
add_case (PsStore    *store,
          const char *name)
{
  return ps_test_add_case (store, name, "2024-03-02");
}

static void
test_no_clash (void)
{
  PsWindow *window = ps_test_session_window (app);
  PsContext *context = ps_window_get_context (window);
  PsCaseloadView *caseload;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_minutes (now, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsConversation) started = NULL;
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(PsConversation) planned = NULL;
  g_autoptr(PsConversation) done = NULL;
  PsCase *waiting, *talking, *concern, *due, *held_all, *closed;
  GtkWidget *page;
  AdwPreferencesWindow *prefs;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  PsWelcomeWindow *welcome;
  PsStore *store;

  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  store = ps_context_get_store (context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);

  waiting = add_case (store, "Dr. Ada Placeholder");
  talking = add_case (store, "Dr. Ben Example");
  started = ps_store_start_conversation (store, ps_case_get_id (talking), 0, 30, PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  concern = add_case (store, "Dr. Cleo Sample");
  held = ps_store_add_held_conversation (store, ps_case_get_id (concern), now, 30, PS_MODALITY_PHONE,
                                         NULL, TRUE, &error);
  g_assert_no_error (error);
  due = add_case (store, "Dr. Dan Fictional");
  planned = ps_store_schedule_conversation (store, ps_case_get_id (due), soon, 30, PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  held_all = add_case (store, "Dr. Eve Placeholder");
  done = ps_store_add_held_conversation (store, ps_case_get_id (held_all), now, 30, PS_MODALITY_PHONE,
                                         NULL, FALSE, &error);
  g_assert_no_error (error);
  closed = add_case (store, "Dr. Élodie Fictive");
  g_assert_true (ps_store_close_case (store, ps_case_get_id (closed), PS_CLOSURE_COMPLETED, NULL, &error));
  g_assert_no_error (error);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  caseload = ps_window_get_caseload_view (window);
  page = GTK_WIDGET (ps_caseload_view_get_case_page (caseload));

  /* The caseload and a case in each state, with what opens from it. */
  {
    PsCase *cases[] = { waiting, talking, concern, due, held_all, closed };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        ps_caseload_view_open_case (caseload, cases[i]);
        check (ps_case_get_display_name (cases[i]));
      }
  }
  ps_caseload_view_open_case (caseload, waiting);
  check_action (window, GTK_WIDGET (window), "win.new-case", NULL);
  check_action (window, page, "case.edit", NULL);
  check_action (window, page, "case.schedule", NULL);
  check_action (window, page, "case.log-earlier-attempt", NULL);
  check_action (window, page, "case.add-held-conversation", NULL);
  check_action (window, page, "case.close", NULL);
  check_action (window, page, "case.delete", NULL);
  ps_caseload_view_open_case (caseload, talking);
  check_action (window, page, "case.resume-conversation", NULL);

  /* The caseload's search, a match in the other list. */
  ps_caseload_view_set_search (caseload, "elodie");
  check ("search");
  ps_caseload_view_set_search (caseload, "");

  check_action (window, GTK_WIDGET (window), "win.show-schedule", NULL);
  check_action (window, GTK_WIDGET (window), "win.show-overview", NULL);

  /* Preferences, page by page. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  settle ();
  prefs = ADW_PREFERENCES_WINDOW (ps_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  {
    GtkWidget *stack = ps_test_find_type (GTK_WIDGET (prefs), ADW_TYPE_VIEW_STACK);
    GListModel *pages = G_LIST_MODEL (adw_view_stack_get_pages (ADW_VIEW_STACK (stack)));

    g_assert_cmpuint (g_list_model_get_n_items (pages), >=, 2);
    for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
      {
        g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (pages, i);
        g_autofree char *where = g_strdup_printf ("Preferences, %s", adw_view_stack_page_get_title (stack_page));

        adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), adw_view_stack_page_get_child (stack_page));
        check (where);
      }
    g_object_unref (pages);
  }
  close_dialogs (window);

  /* The first start's welcome, step by step. */
  welcome = ps_welcome_window_new (settings);
  gtk_window_set_transient_for (GTK_WINDOW (welcome), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (welcome));
  for (guint i = 0; i < ps_welcome_window_get_n_pages (welcome); i++)
    {
      g_autofree char *where = g_strdup_printf ("Welcome, step %u", i + 1);

      check (where);
      if (i + 1 < ps_welcome_window_get_n_pages (welcome))
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.next", NULL));
    }
  close_dialogs (window);

  if (clashes->len > 0)
    g_error ("One underlined letter for two controls:%s", clashes->str);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

  /* The catalogue compiled in the build tree, for LANGUAGE=fr; the
   * message's quotes and accents as they are. */
  ps_test_speak (g_getenv ("LANGUAGE"));
  setlocale (LC_CTYPE, "C.UTF-8");
  clashes = g_string_new (NULL);
  app = ps_test_session_start ();
  g_test_add_func ("/mnemonics/one-letter-one-control", test_no_clash);
  ret = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  g_string_free (clashes, TRUE);
  ps_remove_tree (home);
  return ret;
}
