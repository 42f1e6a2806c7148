/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The shortcuts window, opened with Ctrl+? as a user does, lists every
 * accelerator the application sets, each as set, and no shortcut that
 * nothing answers: the application's or a widget's key binding of a window
 * the supporter can reach. So the list cannot drift from the keys. */

#include "config.h"

#include "ps-caseload-view-private.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-window-private.h"

static PsApplication *app;

typedef struct
{
  guint           keyval;
  GdkModifierType modifiers;
  gboolean        own;        /* a binding of one of Peerside's widgets */
} Key;

/* The keypad's Enter is Return, as every form binds both. */
static guint
normal_keyval (guint keyval)
{
  keyval = gdk_keyval_to_lower (keyval);
  return keyval == GDK_KEY_KP_Enter ? GDK_KEY_Return : keyval;
}

static gboolean
key_equal (const Key *a,
           const Key *b)
{
  return a->keyval == b->keyval && a->modifiers == b->modifiers;
}

/* "<Control>question" as GTK reads it: the keyval of the lower case, the
 * modifiers GTK matches on. */
static Key
parse_key (const char *accel)
{
  Key key = { 0, 0, FALSE };

  g_assert_true (gtk_accelerator_parse (accel, &key.keyval, &key.modifiers));
  key.keyval = normal_keyval (key.keyval);
  key.modifiers &= gtk_accelerator_get_default_mod_mask ();
  return key;
}

/* The actions Peerside's widgets install ("case.edit"), not those of GTK's
 * own widgets (a text field's "misc.insert-emoji"), nor its callbacks (the
 * inspector's). */
static gboolean
own_action (GtkShortcutAction *action)
{
  static const char *gtk_groups[] = {
    "window.", "misc.", "text.", "list.", "listitem.", "menu.", "clipboard.", "selection.",
  };
  const char *name;

  if (!GTK_IS_NAMED_ACTION (action))
    return FALSE;
  name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
  for (guint i = 0; i < G_N_ELEMENTS (gtk_groups); i++)
    if (g_str_has_prefix (name, gtk_groups[i]))
      return FALSE;
  return TRUE;
}

/* Every key binding of the widgets under @widget (classes' and instances'). */
static void
collect_bindings (GtkWidget *widget,
                  GArray    *keys)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger))
            {
              Key key = {
                normal_keyval (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))),
                gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) & gtk_accelerator_get_default_mod_mask (),
                own_action (gtk_shortcut_get_action (shortcut)),
              };

              g_array_append_val (keys, key);
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_bindings (child, keys);
}

static void
collect_toplevel_bindings (GArray *keys)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      collect_bindings (window, keys);
    }
}

static void
close_others (GtkWindow *main_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != main_window && gtk_widget_get_visible (GTK_WIDGET (window)))
        gtk_window_destroy (window);
    }
  ps_test_iterate (200);
}

/* What a shortcut row shows: its GtkShortcutLabel's accelerator. */
static const char *
shown_accelerator (GtkWidget *shortcut)
{
  GtkWidget *label = ps_test_find_type (shortcut, GTK_TYPE_SHORTCUT_LABEL);

  g_assert_nonnull (label);
  return gtk_shortcut_label_get_accelerator (GTK_SHORTCUT_LABEL (label));
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (shortcuts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shortcuts);
}

static void
test_shortcuts_window (void)
{
  PsWindow *window = ps_test_session_window (app);
  PsContext *context = ps_window_get_context (window);
  g_autoptr(GArray) bindings = g_array_new (FALSE, FALSE, sizeof (Key));
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  g_autoptr(GArray) shown_keys = g_array_new (FALSE, FALSE, sizeof (Key));
  g_auto(GStrv) actions = NULL;
  GtkWidget *overlay;
  PsCase *item;

  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  item = ps_test_add_case (ps_context_get_store (context), "Dr. Keys Example", "2024-03-02");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The key bindings of every view, and of the forms and the case editor. */
  ps_caseload_view_open_case (ps_window_get_caseload_view (window), item);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-schedule", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-overview", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-caseload", NULL));
  ps_test_iterate (200);
  collect_toplevel_bindings (bindings);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
  ps_test_iterate (200);
  collect_toplevel_bindings (bindings);
  close_others (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ps_caseload_view_get_case_page (ps_window_get_caseload_view (window))),
                                             "case.schedule", NULL));
  ps_test_iterate (200);
  collect_toplevel_bindings (bindings);
  close_others (GTK_WINDOW (window));
  g_assert_cmpuint (bindings->len, >, 0);

  /* Ctrl+? */
  ps_test_focus_window (GTK_WINDOW (window));
  ps_test_xdotool ("key", "ctrl+question", NULL);
  overlay = ps_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  gtk_test_widget_wait_for_draw (overlay);
  ps_test_screenshot (overlay, "shortcuts-window.png");
  collect_shortcuts (overlay, shortcuts);
  g_assert_cmpuint (shortcuts->len, >, 0);

  /* Every accelerator of the application, listed as set. */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);
      gboolean listed = FALSE;

      if (accels[0] == NULL)
        continue;
      for (guint j = 0; j < shortcuts->len && !listed; j++)
        {
          g_autofree char *action_name = NULL;

          g_object_get (shortcuts->pdata[j], "action-name", &action_name, NULL);
          if (g_strcmp0 (action_name, actions[i]) == 0)
            {
              Key shown = parse_key (shown_accelerator (shortcuts->pdata[j]));
              Key set = parse_key (accels[0]);

              g_assert_true (key_equal (&shown, &set));
              listed = TRUE;
            }
        }
      if (!listed)
        g_error ("%s (%s) is not in the shortcuts window", actions[i], accels[0]);
    }

  /* And nothing that no key does. */
  for (guint j = 0; j < shortcuts->len; j++)
    {
      g_autofree char *action_name = NULL;
      g_autofree char *title = NULL;
      const char *shown = shown_accelerator (shortcuts->pdata[j]);
      gboolean answered = FALSE;

      g_object_get (shortcuts->pdata[j], "action-name", &action_name, "title", &title, NULL);
      if (shown == NULL || shown[0] == '\0')
        g_error ("“%s” is listed with no key", title);
      if (action_name != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action_name);

          answered = accels[0] != NULL;
        }
      else
        {
          /* Each key of an accelerator such as "<Control>Return KP_Enter". */
          g_auto(GStrv) keys = g_strsplit (shown, " ", -1);

          answered = TRUE;
          for (guint k = 0; keys[k] != NULL; k++)
            {
              Key key = parse_key (keys[k]);
              gboolean bound = FALSE;

              for (guint b = 0; b < bindings->len && !bound; b++)
                bound = key_equal (&key, &g_array_index (bindings, Key, b));
              answered = answered && bound;
            }
        }
      if (!answered)
        g_error ("“%s” (%s) is listed, but no key binding answers it", title, shown);
      {
        g_auto(GStrv) keys = g_strsplit (shown, " ", -1);

        for (guint k = 0; keys[k] != NULL; k++)
          {
            Key key = parse_key (keys[k]);

            g_array_append_val (shown_keys, key);
          }
      }
    }

  /* Peerside's own Ctrl and Alt bindings are listed too. */
  for (guint b = 0; b < bindings->len; b++)
    {
      Key *binding = &g_array_index (bindings, Key, b);
      gboolean listed = FALSE;

      if (!binding->own || !(binding->modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
        continue;
      for (guint k = 0; k < shown_keys->len && !listed; k++)
        listed = key_equal (binding, &g_array_index (shown_keys, Key, k));
      if (!listed)
        {
          g_autofree char *name = gtk_accelerator_name (binding->keyval, binding->modifiers);

          g_error ("%s is bound but not in the shortcuts window", name);
        }
    }

  ps_test_xdotool ("key", "Escape", NULL);
  g_assert_null (ps_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

  app = ps_test_session_start ();
  g_test_add_func ("/shortcuts/window-lists-every-accelerator", test_shortcuts_window);
  ret = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  ps_remove_tree (home);
  return ret;
}
