/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-test-widgets.h"

#include "ps-case-editor.h"
#include "ps-case-row.h"
#include "ps-window-private.h"

GtkWidget *
ps_test_find_widget (GtkWidget     *widget,
                     PsTestMatch    match,
                     gconstpointer  data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ps_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
ps_test_is_button_labelled (GtkWidget     *widget,
                            gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_shown_button_labelled (GtkWidget     *widget,
                          gconstpointer  data)
{
  return ps_test_is_button_labelled (widget, data) && gtk_widget_is_drawable (widget);
}

gboolean
ps_test_shows_button (GtkWidget  *widget,
                      const char *label)
{
  return ps_test_find_widget (widget, is_shown_button_labelled, label) != NULL;
}

gboolean
ps_test_is_row_titled (GtkWidget     *widget,
                       gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

gboolean
ps_test_is_named (GtkWidget     *widget,
                  gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

gboolean
ps_test_is_type (GtkWidget     *widget,
                 gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

gboolean
ps_test_is_label_reading (GtkWidget     *widget,
                          gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

gboolean
ps_test_is_case_row_named (GtkWidget     *widget,
                           gconstpointer  name)
{
  return PS_IS_CASE_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (ps_case_row_get_title (PS_CASE_ROW (widget)), name) == 0;
}

gboolean
ps_test_has_action (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static GtkWidget *
find_or_fail (GtkWidget   *widget,
              PsTestMatch  match,
              const char  *what,
              const char  *text)
{
  GtkWidget *found = ps_test_find_widget (widget, match, text);

  if (found == NULL)
    g_error ("No %s “%s”", what, text);
  return found;
}

GtkWidget *
ps_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  return find_or_fail (widget, ps_test_is_button_labelled, "button labelled", label);
}

GtkWidget *
ps_test_find_row (GtkWidget  *widget,
                  const char *title)
{
  return find_or_fail (widget, ps_test_is_row_titled, "row titled", title);
}

GtkWidget *
ps_test_find_named (GtkWidget  *widget,
                    const char *name)
{
  return find_or_fail (widget, ps_test_is_named, "widget named", name);
}

GtkWidget *
ps_test_find_type (GtkWidget *widget,
                   GType      type)
{
  return ps_test_find_widget (widget, ps_test_is_type, GSIZE_TO_POINTER (type));
}

GtkWindow *
ps_test_present (GtkWidget *child,
                 int        width,
                 int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

GtkWidget *
ps_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WIDGET (item);
    }
  return NULL;
}

PsConversationPage *
ps_test_find_conversation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (PS_IS_WINDOW (item) && gtk_widget_get_visible (GTK_WIDGET (item)) &&
          ps_window_get_conversation_page (PS_WINDOW (item)) != NULL)
        return ps_window_get_conversation_page (PS_WINDOW (item));
    }
  return NULL;
}

PsConversationPage *
ps_test_start_conversation (GtkWidget *window,
                            PsCase    *kase)
{
  PsConversationPage *page;

  g_return_val_if_fail (PS_IS_WINDOW (window), NULL);

  gtk_widget_activate_action (window, "win.start-conversation", "(xx)", ps_case_get_id (kase),
                              (gint64) 0);
  page = ps_window_get_conversation_page (PS_WINDOW (window));
  if (page != NULL)
    gtk_test_widget_wait_for_draw (window);
  return page;
}

static gboolean
is_conversation_page_holding (GtkWidget     *widget,
                              gconstpointer  data)
{
  AdwWindowTitle *title;

  if (!PS_IS_CONVERSATION_PAGE (widget))
    return FALSE;
  title = ADW_WINDOW_TITLE (ps_test_find_type (widget, ADW_TYPE_WINDOW_TITLE));
  return ps_conversation_page_get_conversation (PS_CONVERSATION_PAGE (widget)) != NULL ||
         (title != NULL && g_strcmp0 (adw_window_title_get_subtitle (title), "") != 0);
}

gboolean
ps_test_holds_conversation (GtkWidget *window)
{
  return ps_test_find_widget (window, is_conversation_page_holding, NULL) != NULL;
}

void
ps_test_assert_views_answer (GtkWidget *window)
{
  GtkWidget *editor, *search;

  g_return_if_fail (PS_IS_WINDOW (window));

  gtk_widget_activate_action (window, "win.show-schedule", NULL);
  g_assert_cmpstr (ps_window_get_visible_view (PS_WINDOW (window)), ==, "schedule");
  gtk_widget_activate_action (window, "win.show-caseload", NULL);
  g_assert_cmpstr (ps_window_get_visible_view (PS_WINDOW (window)), ==, "caseload");

  gtk_widget_activate_action (window, "win.new-case", NULL);
  editor = ps_test_find_toplevel (PS_TYPE_CASE_EDITOR);
  g_assert_nonnull (editor);
  gtk_window_destroy (GTK_WINDOW (editor));

  search = ps_test_find_type (GTK_WIDGET (ps_window_get_caseload_view (PS_WINDOW (window))),
                              GTK_TYPE_SEARCH_BAR);
  g_assert_nonnull (search);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search)));
  gtk_widget_activate_action (window, "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search)));
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (search), FALSE);
}

void
ps_test_destroy_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
  guint n;

  while ((n = g_list_model_get_n_items (toplevels)) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, n - 1);

      gtk_window_destroy (window);
      g_assert_cmpuint (g_list_model_get_n_items (toplevels), <, n);
    }
}

void
ps_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_is_drawable (button));
  g_signal_emit_by_name (button, "clicked");
}

void
ps_test_respond (AdwMessageDialog *dialog,
                 const char       *response)
{
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}
