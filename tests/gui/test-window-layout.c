/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window as a supporter moves through it, at 1280 and at 360 px: the
 * list highlights the case the page shows after creating, closing or
 * opening one from the Schedule; a case shown starts at its top; the
 * divider stays put from case to case; narrow, a switcher bar replaces the
 * list of views, titles read whole and every action is at hand. Real
 * window, keyring and SQLCipher store, fake clock; screenshots in light and
 * dark are kept as artefacts. */

#include "config.h"

#include <gdk/x11/gdkx.h>

#include "ps-case-editor.h"
#include "ps-case-row.h"
#include "ps-caseload-view-private.h"
#include "ps-close-case-dialog.h"
#include "ps-contacts-preferences.h"
#include "ps-preferences-window.h"
#include "ps-schedule-view-private.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-window-private.h"

typedef struct
{
  PsTestContext  tc;
  PsWindow       *window;
  PsCaseloadView *view;
  PsCasePage     *page;
  int             width;   /* asked for */
} Fixture;

typedef struct { int width, height; } Size;

static GtkWidget *find_mapped (GtkWidget     *widget,
                               PsTestMatch    match,
                               gconstpointer  data);
static void       settle      (Fixture       *f);
static void       assert_reads_whole (Fixture    *f,
                                      const char *text);

static const Size narrow = { 360, 700 }, wide = { 1280, 700 }, short_window = { 1280, 360 };
/* Wide enough for the views, the list and the page, with little room to spare. */
static const Size tight = { 1024, 700 };

static gboolean
is_views_list (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

/* The list of the views beside the caseload (not a list of a page's). */
static GtkWidget *
views_list (Fixture *f)
{
  GtkWidget *views = ps_test_find_widget (GTK_WIDGET (f->window), is_views_list, NULL);

  g_assert_nonnull (views);
  return views;
}

static const PsTestContextOptions options = { .now = PS_TEST_MONDAY, .unopened = TRUE };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Size *size = data;

  ps_test_context_set_up (&f->tc, &options);
  f->window = g_object_new (PS_TYPE_WINDOW, "context", f->tc.context, NULL);
  f->width = size->width;
  gtk_window_set_default_size (GTK_WINDOW (f->window), size->width, size->height);
  gtk_window_present (GTK_WINDOW (f->window));

  ps_test_context_open (&f->tc);
  f->view = ps_window_get_caseload_view (f->window);
  f->page = ps_caseload_view_get_case_page (f->view);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ps_test_context_tear_down (&f->tc, &options);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The name on the highlighted row of the list, as drawn; NULL when none. */
static const char *
highlighted_name (Fixture *f)
{
  GtkWidget *list = ps_test_find_type (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW);
  const char *name = NULL;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  for (GtkWidget *item = gtk_widget_get_first_child (list); item; item = gtk_widget_get_next_sibling (item))
    if (gtk_widget_get_mapped (item) && (gtk_widget_get_state_flags (item) & GTK_STATE_FLAG_SELECTED))
      {
        GtkWidget *row = ps_test_find_type (item, PS_TYPE_CASE_ROW);

        g_assert_null (name);   /* one highlighted row at most */
        name = ps_case_row_get_title (PS_CASE_ROW (row));
      }
  return name;
}

static const char *
shown_name (Fixture *f)
{
  PsCase *item = ps_case_page_get_case (f->page);

  return item != NULL ? ps_case_get_display_name (item) : NULL;
}

/* Clicks reach GTK through the X server: on a slow build, after the next
 * frame. */
static gboolean
shows_ann (gpointer f)
{
  return g_strcmp0 (shown_name (f), "Dr. Ann Sample") == 0;
}

/* A click on the row reading @name. */
static void
click_row (Fixture    *f,
           const char *name)
{
  GListModel *visible = ps_caseload_view_get_visible_cases (f->view);
  GtkWidget *list = ps_test_find_type (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (visible, i);

      if (g_str_equal (ps_case_get_display_name (item), name))
        {
          g_signal_emit_by_name (list, "activate", i);
          gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
          return;
        }
    }
  g_error ("No row reads “%s”", name);
}

static void
add_cases (Fixture *f)
{
  ps_test_add_case (f->tc.store, "Dr. Ada Placeholder", "2024-11-17");
  ps_test_add_case (f->tc.store, "Dr. Bram Example", "2024-11-16");
  ps_test_add_case (f->tc.store, "Dr. Cora Fictional", "2024-11-15");
}

static void
test_new_case_is_highlighted (Fixture       *f,
                              gconstpointer  data)
{
  PsCaseEditor *editor;

  add_cases (f);
  click_row (f, "Dr. Bram Example");
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Bram Example");

  /* New Case while another case shows: the new one is highlighted. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-case", NULL));
  editor = PS_CASE_EDITOR (ps_test_find_toplevel (PS_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);
  {
    GtkWidget *name_row = ps_test_find_type (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW);

    gtk_editable_set_text (GTK_EDITABLE (name_row), "Dr. Dev Madeup");
    /* The reason has no default. */
    adw_combo_row_set_selected (ADW_COMBO_ROW (find_mapped (GTK_WIDGET (editor), ps_test_is_row_titled, "R_eason")),
                                PS_REASON_BURNOUT);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_cmpstr (shown_name (f), ==, "Dr. Dev Madeup");
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Dev Madeup");

  /* A search that hides the new case does not keep it hidden. */
  ps_caseload_view_set_search (f->view, "cora");
  g_assert_null (highlighted_name (f));
  click_row (f, "Dr. Cora Fictional");
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Cora Fictional");
}

static void
test_closed_case_is_followed (Fixture       *f,
                              gconstpointer  data)
{
  PsCloseCaseDialog *dialog;

  add_cases (f);
  click_row (f, "Dr. Bram Example");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.close", NULL));
  dialog = PS_CLOSE_CASE_DIALOG (ps_test_find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG));
  g_assert_nonnull (dialog);
  ps_close_case_dialog_set_status (dialog, PS_CLOSURE_COMPLETED);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  ps_test_iterate (50);

  /* The page still shows the closed case; the list shows it among the
   * closed, highlighted, not the case that took its place. */
  g_assert_cmpint (ps_case_get_state (ps_case_page_get_case (f->page)), ==, PS_CASE_STATE_CLOSED);
  g_assert_cmpstr (shown_name (f), ==, "Dr. Bram Example");
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Bram Example");

  /* Reopened, it is highlighted among the open ones again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.reopen", NULL));
  ps_test_iterate (50);
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Bram Example");
  g_assert_cmpuint (g_list_model_get_n_items (ps_caseload_view_get_visible_cases (f->view)), ==, 3);
}

static void
test_schedule_opens_highlighted (Fixture       *f,
                                 gconstpointer  data)
{
  PsScheduleView *schedule;
  GtkListBox *list = NULL;
  GtkListBoxRow *row = NULL;

  add_cases (f);
  click_row (f, "Dr. Ada Placeholder");
  /* A search hides the cases the Schedule will open. */
  ps_caseload_view_set_search (f->view, "ada");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-schedule", NULL));
  schedule = PS_SCHEDULE_VIEW (ps_test_find_type (GTK_WIDGET (f->window), PS_TYPE_SCHEDULE_VIEW));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  /* The first entry of the agenda, whichever group it is in. */
  for (PsScheduleGroup group = 0; group < PS_SCHEDULE_N_GROUPS && row == NULL; group++)
    {
      list = ps_schedule_view_get_group_list (schedule, group);
      row = gtk_list_box_get_row_at_index (list, 0);
    }
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);

  g_assert_cmpstr (ps_window_get_visible_view (f->window), ==, "caseload");
  g_assert_nonnull (shown_name (f));
  g_assert_cmpstr (shown_name (f), !=, "Dr. Ada Placeholder");
  g_assert_cmpstr (highlighted_name (f), ==, shown_name (f));
}


/* The name on the list's first row. */
static const char *
first_name (Fixture *f)
{
  g_autoptr(PsCase) item = g_list_model_get_item (ps_caseload_view_get_visible_cases (f->view), 0);

  g_assert_nonnull (item);
  return ps_case_get_display_name (item);
}

/* Whatever moves the case on show in the list (a contact, a conversation
 * planned, held or finished, the clock, closing), the list highlights it
 * and no other. */
static void
test_selection_follows_case (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_local (2024, 11, 18, 9, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_new_local (2024, 11, 18, 11, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_local (2024, 11, 18, 12, 0, 0);
  g_autoptr(PsConversation) planned = NULL;
  g_autoptr(PsConversation) held = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (18, 11, 2024);
  PsCase *ann = ps_test_add_case (f->tc.store, "Dr. Ann Sample", "2024-11-10");

  ps_test_add_case (f->tc.store, "Dr. Ben Example", "2024-11-13");
  ps_test_add_case (f->tc.store, "Dr. Cal Madeup", "2024-11-16");
  ps_test_add_case (f->tc.store, "Dr. Dot Fictional", "2024-11-17");
  ps_caseload_view_open_case (f->view, ann);
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Ann Sample");

  /* Reached: from first to after every first contact due. */
  g_assert_true (ps_store_log_contact_attempt (f->tc.store, ps_case_get_id (ann), at,
                                               PS_CONTACT_REACHED, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first_name (f), !=, "Dr. Ann Sample");
  g_assert_cmpstr (shown_name (f), ==, "Dr. Ann Sample");
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Ann Sample");

  /* A conversation planned, then the clock making it late. */
  planned = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (ann), next, 30,
                                            PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Ann Sample");
  ps_clock_set_now (f->tc.clock, later);
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Ann Sample");

  /* Held and finished. */
  held = ps_store_start_conversation (f->tc.store, ps_case_get_id (ann),
                                      ps_conversation_get_id (planned), 30, PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Ann Sample");
  g_assert_true (ps_store_set_conversation_state (f->tc.store, ps_conversation_get_id (held),
                                                  PS_CONVERSATION_COMPLETED, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Ann Sample");

  /* Closed: the list follows it to Closed. */
  g_assert_true (ps_store_close_case (f->tc.store, ps_case_get_id (ann), PS_CLOSURE_COMPLETED,
                                      today, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Ann Sample");
}

/* A real pointer click at the middle of @widget, through the X server as a
 * user's would come. */
static void
click_at (Fixture   *f,
          GtkWidget *widget)
{
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  graphene_rect_t bounds;
  double dx, dy;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds));
  /* The window's surface starts at its shadow, outside the window. */
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &dx, &dy);
  bounds.origin.x += dx;
  bounds.origin.y += dy;
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (f->window))));
  x = g_strdup_printf ("%d", (int) (bounds.origin.x + bounds.size.width / 2));
  y = g_strdup_printf ("%d", (int) (bounds.origin.y + bounds.size.height / 2));
  /* The pointer comes, the row under it is drawn hovered, then the click. */
  ps_test_xdotool ("mousemove", "--sync", "--window", xid, x, y, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ps_test_xdotool ("click", "1", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static gboolean
can_click (void)
{
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  if (xdotool_path != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return TRUE;
  g_test_skip ("real clicks need xdotool and an X server");
  return FALSE;
}

/* Opened with a click, a case's conversation held and finished: finishing
 * moves it down the list, and the list's highlight goes with it. */
static void
test_selection_follows_finish (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsConversation) held = NULL;
  PsConversationPage *page;
  GtkWidget *row;
  PsCase *ann;

  if (!can_click ())
    return;
  /* In support, nothing planned: in the order they came. */
  ps_test_add_reached_case (f->tc.store, "Dr. Ben Example", "2024-11-08");
  ps_test_add_reached_case (f->tc.store, "Dr. Cal Madeup", "2024-11-09");
  ann = ps_test_add_reached_case (f->tc.store, "Dr. Ann Sample", "2024-11-10");
  held = ps_store_start_conversation (f->tc.store, ps_case_get_id (ann), 0, 30, PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  ps_test_focus_window (GTK_WINDOW (f->window));
  g_assert_cmpstr (first_name (f), ==, "Dr. Ann Sample");

  row = ps_test_find_widget (GTK_WIDGET (f->view), ps_test_is_case_row_named, "Dr. Ann Sample");
  click_at (f, row);
  g_assert_true (ps_test_wait_for (shows_ann, f, 5000));
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Ann Sample");
  page = ps_test_start_conversation (GTK_WIDGET (f->window), ann);
  g_assert_nonnull (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "conversation.finish", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_null (ps_test_find_conversation ());

  g_assert_cmpstr (first_name (f), !=, "Dr. Ann Sample");
  g_assert_cmpstr (shown_name (f), ==, "Dr. Ann Sample");
  g_assert_cmpstr (highlighted_name (f), ==, "Dr. Ann Sample");
}

static gboolean
conversation_on_show (gpointer data)
{
  return ps_test_find_conversation () != NULL;
}

/* A row's Resume, clicked with the pointer while another case is on show,
 * resumes its conversation at once: one click, not one to open the case
 * and another to resume. */
static void
test_resume_one_click (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsConversation) held = NULL;
  PsCase *ann = ps_test_add_case (f->tc.store, "Dr. Ann Sample", "2024-11-10");
  PsCase *ben = ps_test_add_reached_case (f->tc.store, "Dr. Ben Example", "2024-11-13");
  PsConversationPage *page;
  GtkWidget *row;
  GtkWidget *resume;

  if (!can_click ())
    return;
  held = ps_store_start_conversation (f->tc.store, ps_case_get_id (ben), 0, 30, PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  ps_caseload_view_open_case (f->view, ann);
  ps_test_focus_window (GTK_WINDOW (f->window));
  g_assert_null (ps_test_find_conversation ());

  row = ps_test_find_widget (GTK_WIDGET (f->view), ps_test_is_case_row_named, "Dr. Ben Example");
  g_assert_nonnull (row);
  resume = ps_case_row_get_resume_button (PS_CASE_ROW (row));
  g_assert_nonnull (resume);
  click_at (f, resume);

  /* The click reaches GTK through the X server: on a slow build, after
   * the next frame. */
  g_assert_true (ps_test_wait_for (conversation_on_show, NULL, 5000));
  page = ps_test_find_conversation ();
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (page)));
  g_assert_cmpint (ps_conversation_get_case_id (ps_conversation_page_get_conversation (page)), ==,
                   ps_case_get_id (ben));
  g_assert_cmpstr (shown_name (f), ==, "Dr. Ben Example");
}

/* The page's scrolling, as on screen. */
static GtkAdjustment *
page_scroll (Fixture *f)
{
  GtkWidget *scrolled = find_mapped (GTK_WIDGET (f->page), ps_test_is_type, GSIZE_TO_POINTER (GTK_TYPE_SCROLLED_WINDOW));

  g_assert_nonnull (scrolled);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

static void
test_case_starts_at_top (Fixture       *f,
                         gconstpointer  data)
{
  GtkAdjustment *adjustment;

  const char *names[] = { "Dr. Ada Placeholder", "Dr. Cora Fictional", "Dr. Bram Example",
                          "Dr. Ada Placeholder" };

  add_cases (f);
  click_row (f, names[0]);
  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    {
      /* A short window: the page scrolls; scrolled to its end... */
      adjustment = page_scroll (f);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment), >, 100);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      settle (f);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);

      /* ...the next case shows from its top, its name on screen. */
      click_row (f, names[i]);
      settle (f);
      g_assert_cmpstr (shown_name (f), ==, names[i]);
      g_assert_cmpfloat (gtk_adjustment_get_value (page_scroll (f)), ==, 0);
      assert_reads_whole (f, names[i]);
    }
}

/* Where @widget starts, across the window. */
static int
left_edge (Fixture   *f,
           GtkWidget *widget)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (f->window), &GRAPHENE_POINT_INIT (0, 0), &point));
  return (int) point.x;
}

static void
test_divider_stays (Fixture       *f,
                    gconstpointer  data)
{
  const char *names[] = { "Dr. Ada Placeholder", "Cora",
                          "Dr. Bram Example-Fictional-Madeup-Invented-Placeholder-Sample of Testcase" };
  int view_at = -1, page_at = -1;

  ps_test_add_case (f->tc.store, names[0], "2024-11-17");
  {
    /* Different states too: the long name with a conversation planned,
     * the short one after a conversation held. */
    g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
    g_autoptr(GDateTime) at = g_date_time_new (tz, 2024, 11, 19, 14, 30, 0);
    g_autoptr(GDateTime) held_at = g_date_time_new (tz, 2024, 11, 15, 9, 0, 0);
    g_autoptr(PsConversation) planned = NULL;
    g_autoptr(PsConversation) held = NULL;
    PsCase *item = ps_test_add_case (f->tc.store, names[2], "2024-11-16");

    planned = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (item), at, 30, PS_MODALITY_VIDEO, NULL);
    g_assert_nonnull (planned);
    item = ps_test_add_case (f->tc.store, names[1], "2024-01-15");
    held = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (item), held_at, 30, PS_MODALITY_PHONE, NULL);
    g_assert_nonnull (held);
    g_assert_true (ps_store_set_conversation_state (f->tc.store, ps_conversation_get_id (held),
                                                    PS_CONVERSATION_COMPLETED, NULL));
  }

  /* The list of views, the list of cases and the case page start where
   * they did, whatever the case. */
  for (guint i = 0; i < 6; i++)
    {
      click_row (f, names[i % G_N_ELEMENTS (names)]);
      ps_test_iterate (50);
      if (view_at < 0)
        {
          view_at = left_edge (f, GTK_WIDGET (f->view));
          page_at = left_edge (f, GTK_WIDGET (f->page));
          g_assert_cmpint (view_at, >=, 200);
          g_assert_cmpint (page_at, >=, view_at + 360);
        }
      g_assert_cmpint (left_edge (f, GTK_WIDGET (f->view)), ==, view_at);
      g_assert_cmpint (left_edge (f, GTK_WIDGET (f->page)), ==, page_at);
    }
}

/* Narrow ---------------------------------------------------------------------- */

typedef struct
{
  PsTestMatch   match;
  gconstpointer data;
} MappedMatch;

static gboolean
is_mapped_match (GtkWidget     *widget,
                 gconstpointer  data)
{
  const MappedMatch *m = data;

  return gtk_widget_get_mapped (widget) && m->match (widget, m->data);
}

/* The first widget on screen that @match accepts. */
static GtkWidget *
find_mapped (GtkWidget     *widget,
             PsTestMatch    match,
             gconstpointer  data)
{
  MappedMatch m = { match, data };

  return ps_test_find_widget (widget, is_mapped_match, &m);
}

static void
collect_mapped (GtkWidget     *widget,
                PsTestMatch    match,
                gconstpointer  data,
                GPtrArray     *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (match (widget, data))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_mapped (child, match, data, found);
}

/* @text is on screen, and wherever it is, whole (not cut to "…"). */
static void
assert_reads_whole (Fixture    *f,
                    const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_mapped (GTK_WIDGET (f->window), ps_test_is_label_reading, text, labels);
  if (labels->len == 0)
    g_error ("No label on screen reads “%s”", text);
  for (guint i = 0; i < labels->len; i++)
    if (pango_layout_is_ellipsized (gtk_label_get_layout (labels->pdata[i])))
      g_error ("“%s” is cut short on screen", text);
}

static void
assert_on_screen (Fixture    *f,
                  const char *action)
{
  GtkWidget *widget = find_mapped (GTK_WIDGET (f->window), ps_test_has_action, action);

  if (widget == NULL)
    g_error ("Nothing on screen does %s", action);
  /* The application's actions need the application, which this window
   * has not: there, the button on screen is what counts. */
  if (!g_str_has_prefix (action, "app."))
    g_assert_true (gtk_widget_is_sensitive (widget));
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if ((section != NULL && menu_has_action (section, action)) ||
          (submenu != NULL && menu_has_action (submenu, action)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_menu_button_with (GtkWidget     *widget,
                     gconstpointer  data)
{
  GMenuModel *menu;

  if (!GTK_IS_MENU_BUTTON (widget))
    return FALSE;
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
  return menu != NULL && menu_has_action (menu, data);
}

/* A menu button on screen offers @action (the case page's header keeps one
 * suggested action and the others in its menu). */
static void
assert_in_menu (Fixture    *f,
                const char *action)
{
  GtkWidget *button = find_mapped (GTK_WIDGET (f->window), is_menu_button_with, action);

  if (button == NULL)
    g_error ("No menu on screen offers %s", action);
  g_assert_true (gtk_widget_is_sensitive (button));
}

static void
settle (Fixture *f)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ps_test_iterate (50);
}

/* The switcher bar's button for @title. */
static GtkWidget *
switcher_button (GtkWidget  *bar,
                 const char *title)
{
  GtkWidget *label = find_mapped (bar, ps_test_is_label_reading, title);

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_TOGGLE_BUTTON);
}

static void
shoot (Fixture    *f,
       const char *what)
{
  g_autofree char *name = NULL;

  name = g_strdup_printf ("layout-%d-%s-%s.png", f->width, what,
                          adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "dark" : "light");

  ps_test_screenshot (GTK_WIDGET (f->window), name);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *bar = ps_test_find_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR);
  GtkWidget *views = views_list (f);
  GtkWidget *back;

  add_cases (f);
  /* A conversation planned, for a long state line. */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
    g_autoptr(GDateTime) at = g_date_time_new (tz, 2024, 11, 19, 14, 30, 0);
    g_autoptr(PsConversation) planned = NULL;
    g_autoptr(GError) error = NULL;
    PsCase *item = ps_test_add_case (f->tc.store, "Dr. Eli Sample", "2024-11-12");

    planned = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (item), at, 30,
                                              PS_MODALITY_VIDEO, &error);
    g_assert_no_error (error);
  }
  settle (f);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);

  /* The views are a switcher bar at the bottom, not a page to go back to. */
  g_assert_true (gtk_widget_get_mapped (bar));
  g_assert_cmpint (gtk_widget_get_height (bar), >, 30);
  g_assert_false (gtk_widget_get_mapped (views));
  g_assert_null (find_mapped (GTK_WIDGET (f->window), ps_test_has_action, "win.show-sidebar"));
  /* Not with the keyboard's Back either. */
  ps_test_focus_window (GTK_WINDOW (f->window));
  ps_test_xdotool ("key", "alt+Left", NULL);
  settle (f);
  g_assert_false (gtk_widget_get_mapped (views));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->view)));

  /* Every state line reads whole, on a second line if need be. */
  {
    GtkWidget *list = ps_test_find_type (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW);
    guint n = 0;

    for (GtkWidget *item = gtk_widget_get_first_child (list); item; item = gtk_widget_get_next_sibling (item))
      {
        GtkWidget *row = ps_test_find_type (item, PS_TYPE_CASE_ROW);

        if (row == NULL || !gtk_widget_get_mapped (row))
          continue;
        n++;
        if (ps_case_row_get_state_line_cut (PS_CASE_ROW (row)))
          g_error ("“%s” is cut short on screen", ps_case_row_get_state_line (PS_CASE_ROW (row)));
      }
    g_assert_cmpuint (n, ==, 4);
  }

  /* The list: its title whole, every action at hand, privacy included. */
  shoot (f, "caseload");
  assert_reads_whole (f, "Caseload");
  assert_on_screen (f, "caseload.new-case");
  assert_on_screen (f, "app.privacy-mode");
  g_assert_nonnull (find_mapped (GTK_WIDGET (f->window), ps_test_is_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON)));

  /* A case: one level in, its name and state whole, its actions there. */
  click_row (f, "Dr. Ada Placeholder");
  settle (f);
  shoot (f, "case");
  g_assert_false (gtk_widget_get_mapped (ps_test_find_type (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW)));
  assert_reads_whole (f, "Dr. Ada Placeholder");
  assert_reads_whole (f, "First contact due tomorrow");
  assert_in_menu (f, "case.log-attempt");
  assert_in_menu (f, "case.start-conversation");
  assert_in_menu (f, "case.schedule");
  assert_in_menu (f, "case.delete");
  assert_on_screen (f, "app.privacy-mode");
  back = find_mapped (GTK_WIDGET (f->window), ps_test_has_action, "caseload.show-list");
  g_assert_nonnull (back);
  g_signal_emit_by_name (back, "clicked");
  settle (f);
  g_assert_true (gtk_widget_get_mapped (ps_test_find_type (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW)));

  /* The other views, from the bar. */
  g_signal_emit_by_name (switcher_button (bar, "Schedule"), "clicked");
  settle (f);
  g_assert_cmpstr (ps_window_get_visible_view (f->window), ==, "schedule");
  assert_reads_whole (f, "Schedule");
  shoot (f, "schedule");
  g_signal_emit_by_name (switcher_button (bar, "Overview"), "clicked");
  settle (f);
  g_assert_cmpstr (ps_window_get_visible_view (f->window), ==, "overview");
  assert_reads_whole (f, "Overview");
  shoot (f, "overview");
  g_signal_emit_by_name (switcher_button (bar, "Caseload"), "clicked");
  settle (f);
  g_assert_cmpstr (ps_window_get_visible_view (f->window), ==, "caseload");
}

/* Wide, the views are listed beside the caseload and there is no bar. */
static void
test_wide (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *bar = ps_test_find_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR);

  add_cases (f);
  click_row (f, "Dr. Ada Placeholder");
  settle (f);
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (gtk_widget_get_mapped (views_list (f)));
  assert_on_screen (f, "app.privacy-mode");
  shoot (f, "caseload");
}

static void
test_dark (Fixture       *f,
           gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  if (((const Size *) data)->width == 360)
    test_narrow (f, data);
  else
    test_wide (f, data);
}

static gboolean
is_end_window_controls (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_WINDOW_CONTROLS (widget) &&
         gtk_window_controls_get_side (GTK_WINDOW_CONTROLS (widget)) == GTK_PACK_END &&
         !gtk_window_controls_get_empty (GTK_WINDOW_CONTROLS (widget));
}

static gboolean
is_status_page_titled (GtkWidget     *widget,
                       gconstpointer  title)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

/* First start, no case yet: one empty state with New Case, as wide as the
 * window beside the views (no blank half), and the window's buttons at the
 * end of its header. */
static void
test_empty_fills_window (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *empty, *controls, *view;
  graphene_rect_t bounds, view_bounds;
  int window_width = gtk_widget_get_width (GTK_WIDGET (f->window));

  settle (f);
  shoot (f, "empty");
  empty = find_mapped (GTK_WIDGET (f->window), is_status_page_titled, "No Colleagues Yet");
  g_assert_nonnull (empty);
  g_assert_null (find_mapped (GTK_WIDGET (f->window), is_status_page_titled, "No Case Selected"));
  g_assert_nonnull (find_mapped (empty, ps_test_is_button_labelled, "_New Case"));

  /* The caseload view reaches the window's end edge, and its empty state
   * fills it. */
  view = GTK_WIDGET (f->view);
  g_assert_true (gtk_widget_compute_bounds (view, GTK_WIDGET (f->window), &view_bounds));
  g_assert_true (gtk_widget_compute_bounds (empty, GTK_WIDGET (f->window), &bounds));
  g_assert_cmpfloat (view_bounds.origin.x + view_bounds.size.width, >=, window_width - 2);
  g_assert_cmpfloat (bounds.origin.x, <=, view_bounds.origin.x + 1);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, >=, window_width - 2);

  /* Close, minimize, maximize: at the end of the caseload's header. */
  controls = find_mapped (GTK_WIDGET (f->window), is_end_window_controls, NULL);
  g_assert_nonnull (controls);
  g_assert_true (gtk_widget_is_ancestor (controls, view));
  g_assert_true (gtk_widget_compute_bounds (controls, GTK_WIDGET (f->window), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, >=, window_width - 20);

  /* With a case, the page beside the list has them (wide), and the list
   * alone has them (narrow): never both, never neither. */
  add_cases (f);
  click_row (f, "Dr. Ada Placeholder");
  settle (f);
  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();

    collect_mapped (GTK_WIDGET (f->window), is_end_window_controls, NULL, found);
    g_assert_cmpuint (found->len, ==, 1);
  }
}

static void
test_empty_dark (Fixture       *f,
                 gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  test_empty_fills_window (f, data);
}

/* Narrow, a case opened from the Schedule shows from its top, the same case
 * as the last one too, and Back goes back to the Schedule. */
static void
test_schedule_case_narrow (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *bar = ps_test_find_type (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR);
  GtkAdjustment *adjustment;
  GtkWidget *back;

  add_cases (f);
  for (guint i = 0; i < 2; i++)
    {
      PsScheduleView *schedule;
      GtkListBox *list = NULL;
      GtkListBoxRow *row = NULL;

      /* The case opened before, scrolled to its end. */
      click_row (f, "Dr. Cora Fictional");
      settle (f);
      adjustment = page_scroll (f);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment), >, 100);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      settle (f);
      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);

      /* To the Schedule from the bar; its first entry is the same case. */
      g_signal_emit_by_name (switcher_button (bar, "Schedule"), "clicked");
      settle (f);
      g_assert_cmpstr (ps_window_get_visible_view (f->window), ==, "schedule");
      schedule = PS_SCHEDULE_VIEW (ps_test_find_type (GTK_WIDGET (f->window), PS_TYPE_SCHEDULE_VIEW));
      for (PsScheduleGroup group = 0; group < PS_SCHEDULE_N_GROUPS && row == NULL; group++)
        {
          list = ps_schedule_view_get_group_list (schedule, group);
          row = gtk_list_box_get_row_at_index (list, 0);
        }
      g_assert_nonnull (row);
      g_signal_emit_by_name (list, "row-activated", row);
      settle (f);

      g_assert_cmpstr (ps_window_get_visible_view (f->window), ==, "caseload");
      g_assert_cmpstr (shown_name (f), ==, "Dr. Cora Fictional");
      g_assert_cmpfloat (gtk_adjustment_get_value (page_scroll (f)), ==, 0);
      assert_reads_whole (f, "Dr. Cora Fictional");
      shoot (f, "from-schedule");

      /* Back (the button, then Alt+Left): the Schedule it came from, not
       * the list. */
      back = find_mapped (GTK_WIDGET (f->window), ps_test_has_action, "caseload.show-list");
      g_assert_nonnull (back);
      if (i == 0)
        g_signal_emit_by_name (back, "clicked");
      else
        {
          /* The keyboard in the case, as after Tab. */
          ps_test_focus_window (GTK_WINDOW (f->window));
          g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->page), GTK_DIR_TAB_FORWARD));
          ps_test_xdotool ("key", "alt+Left", NULL);
        }
      settle (f);
      g_assert_cmpstr (ps_window_get_visible_view (f->window), ==, "schedule");

      /* The caseload from the bar: its list, as before. */
      g_signal_emit_by_name (switcher_button (bar, "Caseload"), "clicked");
      settle (f);
      g_assert_true (gtk_widget_get_mapped (ps_test_find_type (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW)));
    }

  /* Opened from the list, Back is the list's. */
  click_row (f, "Dr. Ada Placeholder");
  settle (f);
  g_signal_emit_by_name (find_mapped (GTK_WIDGET (f->window), ps_test_has_action, "caseload.show-list"), "clicked");
  settle (f);
  g_assert_cmpstr (ps_window_get_visible_view (f->window), ==, "caseload");
  g_assert_true (gtk_widget_get_mapped (ps_test_find_type (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW)));
}

static gboolean
is_combo_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return ADW_IS_COMBO_ROW (widget);
}

/* Each choice of @row's popup, as drawn, reads whole: its label shows the
 * model's whole text, not ellipsized, within the popup. */
static void
assert_choices_whole (GtkWidget   *window,
                      AdwComboRow *row,
                      const char  *shot)
{
  GListModel *model = adw_combo_row_get_model (row);
  guint n = g_list_model_get_n_items (model);
  GtkWidget *popover;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint found = 0;

  g_signal_emit_by_name (row, "activate");
  gtk_test_widget_wait_for_draw (window);
  popover = find_mapped (GTK_WIDGET (row), ps_test_is_type, GSIZE_TO_POINTER (GTK_TYPE_POPOVER));
  g_assert_nonnull (popover);
  gtk_test_widget_wait_for_draw (popover);
  collect_mapped (popover, ps_test_is_type, GSIZE_TO_POINTER (GTK_TYPE_LABEL), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];
      const char *text = gtk_label_get_text (label);
      graphene_rect_t bounds;

      if (text[0] == '\0')
        continue;
      found++;
      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_error ("“%s” is cut short in the popup", text);
      /* Within the popup, not clipped by it. */
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), popover, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (popover));
    }
  /* Every choice is there (the lists are short enough to be drawn whole). */
  g_assert_cmpuint (found, ==, n);
  if (shot != NULL)
    ps_test_screenshot (popover, shot);
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_test_widget_wait_for_draw (window);
}

/* The choices of the case editor's and the region's combo rows read whole
 * in their popups ("Patient or college complaint", "Canada (outside
 * Quebec)"), wide and narrow. */
static void
test_combo_choices_whole (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  PsCaseEditor *editor;
  GtkWidget *prefs;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-case", NULL));
  editor = PS_CASE_EDITOR (ps_test_find_toplevel (PS_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);
  gtk_window_set_default_size (GTK_WINDOW (editor), f->width, 700);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  collect_mapped (GTK_WIDGET (editor), is_combo_row, NULL, rows);
  g_assert_cmpuint (rows->len, >=, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *shot = g_strdup_printf ("layout-%d-choices-%u.png", f->width, i);

      assert_choices_whole (GTK_WIDGET (editor), rows->pdata[i], shot);
    }
  gtk_window_destroy (GTK_WINDOW (editor));

  prefs = GTK_WIDGET (ps_preferences_window_new (f->tc.context));
  gtk_window_set_default_size (GTK_WINDOW (prefs), f->width, 700);
  gtk_window_present (GTK_WINDOW (prefs));
  gtk_test_widget_wait_for_draw (prefs);
  {
    GtkWidget *page = ps_test_find_type (prefs, PS_TYPE_CONTACTS_PREFERENCES_PAGE);
    AdwComboRow *region;

    g_assert_nonnull (page);
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
    gtk_test_widget_wait_for_draw (prefs);
    region = ps_contacts_preferences_page_get_region_row (PS_CONTACTS_PREFERENCES_PAGE (page));
    assert_choices_whole (prefs, region, f->width == 360 ? "layout-360-region-choices.png" : NULL);
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

  /* What is on screen is where it ends, not half-way through a slide. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, size, fn) \
  g_test_add ("/window-layout/" path, Fixture, size, fixture_set_up, fn, fixture_tear_down)
  ADD ("new-case-is-highlighted", &wide, test_new_case_is_highlighted);
  ADD ("closed-case-is-followed", &wide, test_closed_case_is_followed);
  ADD ("schedule-opens-highlighted", &wide, test_schedule_opens_highlighted);
  ADD ("selection-follows-case", &wide, test_selection_follows_case);
  ADD ("selection-follows-finish", &wide, test_selection_follows_finish);
  ADD ("resume-one-click", &wide, test_resume_one_click);
  ADD ("case-starts-at-top", &short_window, test_case_starts_at_top);
  ADD ("divider-stays", &wide, test_divider_stays);
  ADD ("divider-stays-tight", &tight, test_divider_stays);
  ADD ("narrow", &narrow, test_narrow);
  ADD ("narrow-dark", &narrow, test_dark);
  ADD ("wide", &wide, test_wide);
  ADD ("wide-dark", &wide, test_dark);
  ADD ("empty-wide", &wide, test_empty_fills_window);
  ADD ("empty-wide-dark", &wide, test_empty_dark);
  ADD ("empty-narrow", &narrow, test_empty_fills_window);
  ADD ("empty-narrow-dark", &narrow, test_empty_dark);
  ADD ("schedule-case-narrow", &narrow, test_schedule_case_narrow);
  ADD ("combo-choices-whole-wide", &wide, test_combo_choices_whole);
  ADD ("combo-choices-whole-narrow", &narrow, test_combo_choices_whole);
#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
