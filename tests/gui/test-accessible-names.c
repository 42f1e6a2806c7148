/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Every control a supporter can reach has a name a screen reader can speak:
 * the real screens on the demo caseload, each widget tree walked, and every
 * button, switch, entry, spin button, drop-down, scale and activatable row
 * that GTK 4.8 would leave nameless reported with its place in the tree.
 *
 * A control is named as GTK 4.8 names it over AT-SPI: by its accessible
 * label, or by a labelled-by target that has one (GtkButton:label and
 * GtkCheckButton:label set both). Text that is only drawn is not a name:
 * libadwaita 1.2 does not expose a row's title, a GtkMenuButton's label
 * names only its inner button (the outer one reads "GtkMenuButton"), a
 * button given a child label is not labelled by it, and an icon button is
 * labelled by an image that names nothing. With --verbose every control
 * is listed with what names it. Each screen is also saved as a screenshot (tests/artefacts,
 * "a11y-*-light.png"; run with ADW_DEBUG_COLOR_SCHEME=prefer-dark or
 * ADW_DEBUG_HIGH_CONTRAST=1 for the dark and high-contrast ones). */

#include "config.h"

#include "ps-backup-dialog.h"
#include "ps-group-debrief-dialog.h"
#include "ps-case-editor.h"
#include "ps-case-page.h"
#include "ps-caseload-view-private.h"
#include "ps-close-case-dialog.h"
#include "ps-conversation-page-private.h"
#include "ps-crisis-contacts.h"
#include "ps-export-dialog.h"
#include "ps-preferences-window.h"
#include "ps-schedule-dialog.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-welcome-window.h"
#include "ps-window-private.h"

typedef struct
{
  const char *screen;
  GHashTable *widgets;     /* every widget of the screen, to resolve relations */
  GString    *unnamed;     /* one line per nameless control */
  GHashTable *reported;    /* nameless controls already listed */
  guint       n_controls;
} Audit;

/* What a screen reader can say ------------------------------------------- */

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* gtk_test_accessible_check_property() answers NULL when the value matches:
 * a label set to "" names nothing. */
static gboolean
has_accessible_label (GtkWidget *widget)
{
  g_autofree char *differs = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  return differs != NULL;
}

static const char *
label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && has_text (gtk_label_get_text (GTK_LABEL (widget))))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (ADW_IS_BUTTON_CONTENT (widget) && has_text (adw_button_content_get_label (ADW_BUTTON_CONTENT (widget))))
    return adw_button_content_get_label (ADW_BUTTON_CONTENT (widget));
  return NULL;
}

/* Parts GTK draws inside another control and names itself, or that cannot
 * be reached: the spin button's own text and its +/− buttons, a menu
 * button's inner toggle (the menu button carries the name), the text inside
 * an entry. */
static gboolean
is_internal_part (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (parent == NULL)
    return FALSE;
  if (GTK_IS_SPIN_BUTTON (parent))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (parent) && GTK_IS_TOGGLE_BUTTON (widget))
    return TRUE;
  if (GTK_IS_TEXT (widget) && (GTK_IS_ENTRY (parent) || GTK_IS_SEARCH_ENTRY (parent) ||
                               GTK_IS_PASSWORD_ENTRY (parent)))
    return TRUE;
  /* Preferences without search never show their search entry. */
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      GtkWidget *prefs = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);

      if (prefs != NULL && !adw_preferences_window_get_search_enabled (ADW_PREFERENCES_WINDOW (prefs)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  if (is_internal_part (widget))
    return FALSE;
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget));
  /* Each takes the focus before the widget it holds. */
  if (GTK_IS_FLOW_BOX_CHILD (widget))
    return gtk_widget_get_focusable (widget);
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_EDITABLE (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SCALE (widget) || GTK_IS_CALENDAR (widget);
}

/* GTK 4.8 names a control from its labelled-by targets' own accessible
 * labels, not recursively. A button is labelled by its child, so an icon
 * button is labelled by a GtkImage that names nothing. The test API has no
 * getter for a relation; its mismatch message prints each target as
 * Type<address>, which is matched against the widgets walked. */
static GtkWidget *
named_target (GtkWidget  *widget,
              GHashTable *widgets)
{
  g_autofree char *targets = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return NULL;
  targets = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);
  g_assert_nonnull (targets);
  regex = g_regex_new ("<(0x[0-9a-fA-F]+)>", 0, 0, NULL);
  for (g_regex_match (regex, targets, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *address = g_match_info_fetch (match, 1);
      gpointer target = GSIZE_TO_POINTER (g_ascii_strtoull (address, NULL, 16));

      if (g_hash_table_contains (widgets, target) && has_accessible_label (target))
        return target;
    }
  return NULL;
}

/* How @widget is named, or NULL. */
static char *
name_source (GtkWidget  *widget,
             GHashTable *widgets)
{
  GtkWidget *target;

  if (has_accessible_label (widget))
    return g_strdup ("its label");
  if ((target = named_target (widget, widgets)) != NULL)
    return g_strdup_printf ("labelled-by %s", G_OBJECT_TYPE_NAME (target));
  return NULL;
}

/* Where a nameless control is ------------------------------------------- */

static const char *
first_label_in (GtkWidget *widget)
{
  if (label_text (widget) != NULL)
    return label_text (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = first_label_in (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text nearest to @widget: its own, else its closest ancestor's. */
static const char *
nearest_label (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *found = first_label_in (w);

      if (found != NULL)
        return found;
    }
  return "(no text nearby)";
}

static void
append_type (GString   *out,
             GtkWidget *widget)
{
  const char *id = GTK_IS_BUILDABLE (widget) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;

  g_string_append (out, G_OBJECT_TYPE_NAME (widget));
  if (has_text (id) && !g_str_has_prefix (id, "___object_"))
    g_string_append_printf (out, "#%s", id);
}

static char *
describe (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);
  for (guint i = 0; i < chain->len; i++)
    {
      if (i > 0)
        g_string_append (out, " > ");
      append_type (out, chain->pdata[i]);
    }
  if (GTK_IS_BUTTON (widget) && has_text (gtk_button_get_icon_name (GTK_BUTTON (widget))))
    g_string_append_printf (out, " [icon %s]", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  if (GTK_IS_MENU_BUTTON (widget) && has_text (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget))))
    g_string_append_printf (out, " [icon %s]", gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)));
  g_string_append_printf (out, " near “%s”", nearest_label (widget));
  return g_string_free (out, FALSE);
}

/* Walks every widget a user can bring on screen: the pages of stacks not
 * shown yet and the contents of popovers not open yet are walked; a widget
 * hidden by its own flag is not (AdwEntryRow's unused apply button), so each
 * state of a screen is audited in a walk where it shows. */
static void
audit_tree (Audit     *audit,
            GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget) && !GTK_IS_POPOVER (widget))
    return;
  if (is_control (widget))
    {
      g_autofree char *source = name_source (widget, audit->widgets);
      g_autofree char *where = NULL;

      audit->n_controls++;
      if (source == NULL)
        {
          /* A case page is walked once per case: report its controls once.
           * Held, so that no later widget takes the same address. */
          if (g_hash_table_add (audit->reported, g_object_ref (widget)))
            {
              where = describe (widget);
              g_string_append_printf (audit->unnamed, "  %s: %s\n", audit->screen, where);
            }
        }
      else if (g_test_verbose ())
        {
          where = describe (widget);
          g_test_message ("%s: %s — named by %s", audit->screen, where, source);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    audit_tree (audit, child);
}

static void
collect_widgets (GHashTable *widgets,
                 GtkWidget  *widget)
{
  g_hash_table_add (widgets, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (widgets, child);
}

static void
audit_screen (Audit      *audit,
              const char *screen,
              GtkWidget  *root)
{
  g_autoptr(GHashTable) widgets = g_hash_table_new (NULL, NULL);
  guint before = audit->n_controls;

  /* Relations may point anywhere in the window. */
  collect_widgets (widgets, gtk_widget_get_root (root) != NULL ? GTK_WIDGET (gtk_widget_get_root (root)) : root);
  audit->screen = screen;
  audit->widgets = widgets;
  audit_tree (audit, root);
  audit->widgets = NULL;
  /* A walk that finds nothing checks nothing. */
  g_assert_cmpuint (audit->n_controls, >, before);
}

static void
assert_all_named (Audit *audit)
{
  g_test_message ("%u controls checked", audit->n_controls);
  if (audit->unnamed->len > 0)
    g_error ("Controls a screen reader cannot name:\n%s", audit->unnamed->str);
}

/* The test cannot pass blindly: an icon-only button without a label is
 * caught, and the same button with one is not. */
static void
test_audit_catches_icon_button (void)
{
  Audit audit = { NULL, NULL, g_string_new (NULL), g_hash_table_new_full (NULL, NULL, g_object_unref, NULL), 0 };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *icon = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *text = gtk_button_new_with_mnemonic ("_Copy");
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *caption = gtk_label_new ("Reminders");

  g_object_ref_sink (box);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), toggle);
  gtk_box_append (GTK_BOX (box), caption);
  audit_screen (&audit, "sample", box);
  g_assert_cmpuint (audit.n_controls, ==, 3);
  g_assert_nonnull (strstr (audit.unnamed->str, "GtkBox > GtkButton [icon edit-copy-symbolic]"));
  g_assert_nonnull (strstr (audit.unnamed->str, "GtkBox > GtkSwitch near “Copy”"));
  g_assert_null (strstr (audit.unnamed->str, "GtkLabel"));

  g_string_truncate (audit.unnamed, 0);
  g_hash_table_remove_all (audit.reported);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "Copy", -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
  audit_screen (&audit, "sample", box);
  g_assert_cmpstr (audit.unnamed->str, ==, "");

  /* An empty label is no name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  audit_screen (&audit, "sample", box);
  g_assert_nonnull (strstr (audit.unnamed->str, "edit-copy-symbolic"));

  g_object_unref (box);
  g_string_free (audit.unnamed, TRUE);
  g_hash_table_unref (audit.reported);
}

/* The screens ------------------------------------------------------------- */

static char *
style_suffix (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  return g_strdup (adw_style_manager_get_high_contrast (style) ? "hc"
                   : adw_style_manager_get_dark (style) ? "dark" : "light");
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autofree char *suffix = style_suffix ();
  g_autofree char *file = g_strdup_printf ("a11y-%s-%s.png", name, suffix);

  ps_test_screenshot (widget, file);
}

static GtkWindow *
present (GtkWindow *window,
         GtkWindow *parent,
         int        width,
         int        height)
{
  if (parent != NULL)
    gtk_window_set_transient_for (window, parent);
  if (width > 0)
    gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static PsCase *
find_case (PsStore       *store,
           PsCaseState    state,
           gboolean       with_conversations)
{
  GListModel *cases = ps_store_get_cases (store);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);
      g_autoptr(GListModel) conversations = ps_store_list_conversations (store, ps_case_get_id (item));

      if (ps_case_get_state (item) == state &&
          (!with_conversations || g_list_model_get_n_items (conversations) > 0))
        return item;   /* the store keeps it */
    }
  g_error ("The demo caseload has no case in state %d", state);
}

/* Opened once the contacts are in the settings. */
static const PsTestContextOptions demo = { .store = PS_TEST_STORE_DEMO, .unopened = TRUE };

static void
test_every_screen_names_its_controls (PsTestContext *t,
                                      gconstpointer  data)
{
  PsContext *context = t->context;
  GSettings *settings = t->settings;
  g_autoptr(GError) error = NULL;
  const char * const lines[] = { "us-ca-988", "uk-ie-samaritans", NULL };
  Audit audit = { NULL, NULL, g_string_new (NULL), g_hash_table_new_full (NULL, NULL, g_object_unref, NULL), 0 };
  PsWindow *window;
  PsCaseloadView *caseload;
  PsCasePage *page;
  PsCase *in_support, *closed, *waiting;
  GListModel *cases;

  /* The safety panel and Preferences list contacts with copy and remove
   * buttons only when there are some. */
  g_settings_set_strv (settings, "crisis-lines", lines);
  g_assert_true (ps_program_contacts_add (settings, "Program coordinator", "+1 555 0100"));

  ps_test_context_open (t);
  in_support = find_case (t->store, PS_CASE_STATE_IN_SUPPORT, TRUE);
  closed = find_case (t->store, PS_CASE_STATE_CLOSED, FALSE);
  waiting = find_case (t->store, PS_CASE_STATE_AWAITING_FIRST_CONTACT, FALSE);

  /* The main window, narrow and wide, on the caseload. */
  window = g_object_new (PS_TYPE_WINDOW, "context", context, NULL);
  present (GTK_WINDOW (window), NULL, 360, 720);
  ps_test_iterate (300);
  shoot (GTK_WIDGET (window), "caseload-360");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  ps_test_iterate (300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  audit_screen (&audit, "main window", GTK_WIDGET (window));

  /* A case page, for a case in each state. */
  caseload = ps_window_get_caseload_view (window);
  page = ps_caseload_view_get_case_page (caseload);
  cases = ps_store_get_cases (ps_context_get_store (context));
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);

      ps_caseload_view_open_case (caseload, item);
      audit_screen (&audit, "case page", GTK_WIDGET (page));
    }
  ps_caseload_view_open_case (caseload, in_support);
  shoot (GTK_WIDGET (window), "case-1280");
  ps_caseload_view_open_case (caseload, closed);
  audit_screen (&audit, "closed case page", GTK_WIDGET (page));
  ps_caseload_view_open_case (caseload, in_support);

  /* The Schedule and Overview views. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-schedule", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  audit_screen (&audit, "schedule view", GTK_WIDGET (window));
  shoot (GTK_WIDGET (window), "schedule-1280");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-overview", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  audit_screen (&audit, "overview view", GTK_WIDGET (window));
  shoot (GTK_WIDGET (window), "overview-1280");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-caseload", NULL));

  /* The dialogs a case opens. */
  {
    GtkWindow *editor = present (GTK_WINDOW (ps_case_editor_new (context, in_support)),
                                 GTK_WINDOW (window), -1, -1);

    audit_screen (&audit, "case editor", GTK_WIDGET (editor));
    shoot (GTK_WIDGET (editor), "case-editor");
    gtk_window_destroy (editor);
    editor = present (GTK_WINDOW (ps_case_editor_new (context, NULL)), GTK_WINDOW (window), -1, -1);
    audit_screen (&audit, "new case editor", GTK_WIDGET (editor));
    gtk_window_destroy (editor);
  }
  {
    GtkWindow *dialog = present (GTK_WINDOW (ps_schedule_dialog_new (context, in_support, NULL)),
                                 GTK_WINDOW (window), -1, -1);

    audit_screen (&audit, "schedule dialog", GTK_WIDGET (dialog));
    shoot (GTK_WIDGET (dialog), "schedule-dialog");
    gtk_window_destroy (dialog);
  }
  {
    GtkWindow *dialog = present (GTK_WINDOW (ps_close_case_dialog_new (GTK_WINDOW (window))),
                                 NULL, -1, -1);

    audit_screen (&audit, "close-case dialog", GTK_WIDGET (dialog));
    shoot (GTK_WIDGET (dialog), "close-case-dialog");
    gtk_window_destroy (dialog);
  }

  /* A conversation under way, with the safety panel open. */
  {
    GtkWidget *conversation = ps_conversation_page_new (context);
    GtkWindow *holder = GTK_WINDOW (adw_window_new ());

    adw_window_set_content (ADW_WINDOW (holder), conversation);
    g_assert_true (ps_conversation_page_start (PS_CONVERSATION_PAGE (conversation), waiting, NULL, &error));
    g_assert_no_error (error);
    present (holder, GTK_WINDOW (window), 640, 760);
    g_signal_emit_by_name (ps_conversation_page_get_safety_button (PS_CONVERSATION_PAGE (conversation), TRUE),
                           "clicked");
    g_assert_true (ps_conversation_page_is_safety_shown (PS_CONVERSATION_PAGE (conversation)));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (holder));
    audit_screen (&audit, "conversation page", conversation);
    shoot (GTK_WIDGET (holder), "conversation-safety");
    gtk_window_set_default_size (holder, 360, 720);
    shoot (GTK_WIDGET (holder), "conversation-safety-360");
    gtk_window_destroy (holder);
  }

  /* Preferences, backup and restore, exports. */
  {
    GtkWindow *prefs = present (GTK_WINDOW (ps_preferences_window_new (context)),
                                GTK_WINDOW (window), -1, -1);

    audit_screen (&audit, "preferences", GTK_WIDGET (prefs));
    shoot (GTK_WIDGET (prefs), "preferences");
    gtk_window_destroy (prefs);
  }
  {
    GtkWindow *welcome = present (GTK_WINDOW (ps_welcome_window_new (ps_context_get_settings (context))),
                                  GTK_WINDOW (window), -1, -1);

    audit_screen (&audit, "welcome", GTK_WIDGET (welcome));
    shoot (GTK_WIDGET (welcome), "welcome");
    gtk_window_destroy (welcome);
  }
  for (int mode = PS_BACKUP_DIALOG_BACKUP; mode <= PS_BACKUP_DIALOG_RESTORE; mode++)
    {
      GtkWindow *dialog = present (GTK_WINDOW (ps_backup_dialog_new (context, mode)),
                                   GTK_WINDOW (window), -1, -1);

      audit_screen (&audit, mode == PS_BACKUP_DIALOG_BACKUP ? "backup dialog" : "restore dialog",
                    GTK_WIDGET (dialog));
      shoot (GTK_WIDGET (dialog), mode == PS_BACKUP_DIALOG_BACKUP ? "backup" : "restore");
      gtk_window_destroy (dialog);
    }
  {
    GtkWindow *dialog = present (GTK_WINDOW (ps_export_dialog_new (context)),
                                 GTK_WINDOW (window), -1, -1);

    audit_screen (&audit, "export dialog", GTK_WIDGET (dialog));
    gtk_window_destroy (dialog);
  }
  {
    GtkWindow *dialog = present (GTK_WINDOW (ps_group_debrief_dialog_new (context, NULL)),
                                 GTK_WINDOW (window), -1, -1);

    audit_screen (&audit, "group debrief dialog", GTK_WIDGET (dialog));
    gtk_window_destroy (dialog);
  }

  /* The narrow window: the case page folded, as on a phone. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  ps_test_iterate (300);
  ps_caseload_view_open_case (caseload, in_support);
  audit_screen (&audit, "main window, narrow", GTK_WIDGET (window));
  shoot (GTK_WIDGET (window), "case-360");

  assert_all_named (&audit);
  gtk_window_destroy (GTK_WINDOW (window));
  g_string_free (audit.unnamed, TRUE);
  g_hash_table_unref (audit.reported);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

  g_test_add_func ("/accessible-names/audit-catches-icon-button", test_audit_catches_icon_button);
  g_test_add ("/accessible-names/every-screen", PsTestContext, &demo, ps_test_context_set_up,
              test_every_screen_names_its_controls, ps_test_context_tear_down);
  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
