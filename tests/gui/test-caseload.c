/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The caseload list as a supporter uses it: ordered by urgency, with a state
 * line per case, searchable, split into open and closed, with initials in
 * privacy mode. Real window, real keyring, real SQLCipher store, fake clock. */

#include "config.h"

#include "ps-case-row.h"
#include "ps-privacy.h"
#include "ps-caseload-view-private.h"
#include "ps-reminder-planner.h"
#include "ps-schedule-view-private.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-window-private.h"
#include "ps-test-widgets.h"

typedef struct
{
  PsTestContext  tc;
  PsWindow       *window;
  PsCaseloadView *view;
} Fixture;

static PsCaseloadView *
find_view (GtkWidget *widget)
{
  return PS_CASELOAD_VIEW (ps_test_find_type (widget, PS_TYPE_CASELOAD_VIEW));
}

static const PsTestContextOptions options = { .now = PS_TEST_MONDAY, .unopened = TRUE };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ps_test_context_set_up (&f->tc, &options);
  f->window = g_object_new (PS_TYPE_WINDOW, "context", f->tc.context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));

  ps_test_context_open (&f->tc);
  f->view = find_view (GTK_WIDGET (f->window));
  g_assert_nonnull (f->view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ps_test_context_tear_down (&f->tc, &options);
}

static char **
visible_names (Fixture *f)
{
  GListModel *model = ps_caseload_view_get_visible_cases (f->view);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (model, i);

      g_ptr_array_add (names, g_strdup (ps_case_get_display_name (item)));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

static char *
state_line (Fixture *f,
            PsCase  *item)
{
  g_autoptr(GDateTime) now_local = ps_clock_get_now_local (f->tc.clock);
  PsTimelineNow now;
  PsCaseTimeline timeline;

  ps_timeline_now_init (&now, now_local, 2, 3);
  ps_case_timeline_init (&timeline, item, &now);
  return ps_case_describe_timeline (item, &timeline, &now);
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpstr (ps_window_get_visible_page (f->window), ==, "main");
  g_assert_cmpstr (ps_caseload_view_get_visible_page (f->view), ==, "empty");
  ps_test_add_case (f->tc.store, "Dr. Ada Placeholder", "2024-11-17");
  g_assert_cmpstr (ps_caseload_view_get_visible_page (f->view), ==, "list");
}

static void
test_state_lines (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *s5 = NULL;
  g_autoptr(PsConversation) conv = NULL;
  PsCase *due_tomorrow = ps_test_add_case (f->tc.store, "Dr. Bram Example", "2024-11-17");   /* due 19th */
  PsCase *due_today = ps_test_add_case (f->tc.store, "Dr. Cora Fictional", "2024-11-16");    /* due 18th */
  PsCase *overdue = ps_test_add_case (f->tc.store, "Dr. Dev Madeup", "2024-11-13");          /* due 15th */
  PsCase *planned = ps_test_add_case (f->tc.store, "Dr. Eli Sample", "2024-11-10");
  PsCase *closed = ps_test_add_case (f->tc.store, "Dr. Fay Invented", "2024-11-05");
  GDate today;

  s1 = state_line (f, due_tomorrow);
  g_assert_cmpstr (s1, ==, "First contact due tomorrow");
  s2 = state_line (f, due_today);
  g_assert_cmpstr (s2, ==, "First contact due today");
  s3 = state_line (f, overdue);
  g_assert_cmpstr (s3, ==, "First contact overdue by 3 days");

  /* Thursday 21 November, 14:30 local. */
  at = g_date_time_new_local (2024, 11, 21, 14, 30, 0);
  conv = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (planned), at, 30,
                                         PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  s4 = state_line (f, planned);
  g_assert_cmpstr (s4, ==, "Next conversation Thu 14:30 · Phone");

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, 11, 2024);
  g_assert_true (ps_store_close_case (f->tc.store, ps_case_get_id (closed), PS_CLOSURE_REFERRED, &today, &error));
  g_assert_no_error (error);
  s5 = state_line (f, closed);
  g_assert_cmpstr (s5, ==, "Closed · referred to professional resources");
}

static void
test_order_by_urgency (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_local (2024, 11, 21, 14, 30, 0);
  g_autoptr(PsConversation) conv = NULL;
  g_auto(GStrv) names = NULL;
  PsCase *planned;

  planned = ps_test_add_case (f->tc.store, "Dr. Eli Sample", "2024-11-10");
  conv = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (planned), at, 30,
                                         PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  ps_test_add_case (f->tc.store, "Dr. Bram Example", "2024-11-17");
  ps_test_add_case (f->tc.store, "Dr. Dev Madeup", "2024-11-13");
  ps_test_add_case (f->tc.store, "Dr. Cora Fictional", "2024-11-16");

  names = visible_names (f);
  g_assert_cmpuint (g_strv_length (names), ==, 4);
  g_assert_cmpstr (names[0], ==, "Dr. Dev Madeup");       /* overdue */
  g_assert_cmpstr (names[1], ==, "Dr. Cora Fictional");   /* due today */
  g_assert_cmpstr (names[2], ==, "Dr. Bram Example");     /* due tomorrow */
  g_assert_cmpstr (names[3], ==, "Dr. Eli Sample");       /* next conversation */
}

static void
test_search_and_scope (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) closed = NULL;
  PsCase *fay, *elodie;
  GDate today;

  ps_test_add_case (f->tc.store, "Dr. Ada Placeholder", "2024-11-17");
  ps_test_add_case (f->tc.store, "Dr. Bram Example", "2024-11-17");
  fay = ps_test_add_case (f->tc.store, "Dr. Fay Invented", "2024-11-12");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, 11, 2024);
  g_assert_true (ps_store_close_case (f->tc.store, ps_case_get_id (fay), PS_CLOSURE_COMPLETED, &today, &error));

  /* Case- and accent-insensitive, on part of the name, either way round. */
  elodie = ps_test_add_case (f->tc.store, "Dr. Élodie Fictive", "2024-11-17");
  for (guint i = 0; i < 4; i++)
    {
      const char *typed[] = { "elodie", "ÉLODIE", "Elodie", "éLo" };
      g_auto(GStrv) names = NULL;

      ps_caseload_view_set_search (f->view, typed[i]);
      names = visible_names (f);
      g_assert_cmpuint (g_strv_length (names), ==, 1);
      g_assert_cmpstr (names[0], ==, "Dr. Élodie Fictive");
    }
  g_assert_true (ps_store_delete_case (f->tc.store, ps_case_get_id (elodie), &error));

  /* Case-insensitive, on part of the name. */
  ps_caseload_view_set_search (f->view, "BRAM");
  found = visible_names (f);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_assert_cmpstr (found[0], ==, "Dr. Bram Example");

  ps_caseload_view_set_search (f->view, "nobody");
  g_assert_cmpstr (ps_caseload_view_get_visible_page (f->view), ==, "no-results");
  g_assert_null (ps_caseload_view_get_elsewhere (f->view));

  /* The switch counts each list, whatever the search. */
  g_assert_cmpstr (ps_caseload_view_get_scope_count (f->view, FALSE), ==, "2");
  g_assert_cmpstr (ps_caseload_view_get_scope_count (f->view, TRUE), ==, "1");

  /* A match in the other list is said, and one click away. */
  ps_caseload_view_set_search (f->view, "fay");
  g_assert_cmpstr (ps_caseload_view_get_visible_page (f->view), ==, "no-results");
  g_assert_nonnull (ps_caseload_view_get_elsewhere (f->view));
  ps_test_screenshot (GTK_WIDGET (f->window), "caseload-no-match-but-in-closed.png");
  /* On the empty page itself, where the eye is. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ps_caseload_view_get_elsewhere (f->view))));
  g_assert_cmpstr (gtk_button_get_label (ps_caseload_view_get_elsewhere (f->view)), ==, "1 match in Closed");
  ps_caseload_view_set_search (f->view, "dr.");
  g_assert_cmpuint (g_list_model_get_n_items (ps_caseload_view_get_visible_cases (f->view)), ==, 2);
  g_assert_cmpstr (gtk_button_get_label (ps_caseload_view_get_elsewhere (f->view)), ==, "1 match in Closed");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ps_test_screenshot (GTK_WIDGET (f->window), "caseload-match-in-closed.png");
  ps_caseload_view_set_search (f->view, "fay");
  g_signal_emit_by_name (ps_caseload_view_get_elsewhere (f->view), "clicked");
  found = visible_names (f);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_assert_cmpstr (found[0], ==, "Dr. Fay Invented");
  g_assert_null (ps_caseload_view_get_elsewhere (f->view));
  ps_caseload_view_set_search (f->view, "ada");
  g_assert_cmpstr (gtk_button_get_label (ps_caseload_view_get_elsewhere (f->view)), ==, "1 match in Open");
  ps_caseload_view_show_closed (f->view, FALSE);
  g_clear_pointer (&found, g_strfreev);

  ps_caseload_view_set_search (f->view, "");
  ps_caseload_view_show_closed (f->view, TRUE);
  closed = visible_names (f);
  g_assert_cmpuint (g_strv_length (closed), ==, 1);
  g_assert_cmpstr (closed[0], ==, "Dr. Fay Invented");

  /* Reopened, it leaves the closed list. */
  g_assert_true (ps_store_reopen_case (f->tc.store, ps_case_get_id (fay), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ps_caseload_view_get_visible_cases (f->view)), ==, 0);
  g_assert_cmpstr (ps_caseload_view_get_visible_page (f->view), ==, "no-closed");
}

static GtkWidget *
first_row (GtkWidget *widget)
{
  GtkWidget *child;

  if (PS_IS_CASE_ROW (widget) && gtk_widget_get_mapped (widget) &&
      ps_case_row_get_title (PS_CASE_ROW (widget))[0] != '\0')
    return widget;
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_privacy_mode_rows (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *row;

  ps_test_add_case (f->tc.store, "Dr. Ada Placeholder", "2024-11-17");
  /* The list filters between frames: let it finish, then draw. */
  g_assert_cmpuint (g_list_model_get_n_items (ps_caseload_view_get_visible_cases (f->view)), ==, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  row = first_row (GTK_WIDGET (f->view));
  g_assert_nonnull (row);
  g_assert_cmpstr (ps_case_row_get_title (PS_CASE_ROW (row)), ==, "Dr. Ada Placeholder");
  g_assert_cmpstr (ps_case_row_get_state_line (PS_CASE_ROW (row)), ==, "First contact due tomorrow");
  /* The row speaks its name and its state. */
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, "Dr. Ada Placeholder");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "First contact due tomorrow, Phone · Adverse clinical event");
  /* So does the list item around it, which is what takes the focus. */
  gtk_test_accessible_assert_role (gtk_widget_get_parent (row), GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  gtk_test_accessible_assert_property (gtk_widget_get_parent (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Dr. Ada Placeholder");

  g_settings_set_boolean (f->tc.settings, "privacy-mode", TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  row = first_row (GTK_WIDGET (f->view));
  g_assert_nonnull (row);
  g_assert_cmpstr (ps_case_row_get_title (PS_CASE_ROW (row)), ==, "A. P.");
  ps_test_screenshot (GTK_WIDGET (f->window), "caseload-privacy.png");
}

typedef struct
{
  GtkWidget *row;
  double     y;
} RowOnScreen;

static void
collect_rows (GtkWidget *widget,
              GtkWidget *list,
              GArray    *rows)
{
  if (PS_IS_CASE_ROW (widget) && gtk_widget_get_mapped (widget) &&
      ps_case_row_get_title (PS_CASE_ROW (widget))[0] != '\0')
    {
      graphene_point_t at;
      RowOnScreen entry = { widget, 0 };

      g_assert_true (gtk_widget_compute_point (widget, list, &GRAPHENE_POINT_INIT (0, 0), &at));
      entry.y = at.y;
      g_array_append_val (rows, entry);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, list, rows);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  double ya = ((const RowOnScreen *) a)->y, yb = ((const RowOnScreen *) b)->y;

  return (ya > yb) - (ya < yb);
}

/* The names the rows in the window show, top to bottom. */
static GStrv
names_on_screen (Fixture *f)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (RowOnScreen));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  collect_rows (GTK_WIDGET (f->view), GTK_WIDGET (f->view), rows);
  g_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len; i++)
    {
      RowOnScreen *entry = &g_array_index (rows, RowOnScreen, i);

      /* Every row drawn has the height of its place: nothing overlaps. */
      if (i > 0)
        g_assert_cmpfloat (entry->y, >=, g_array_index (rows, RowOnScreen, i - 1).y +
                           gtk_widget_get_height (g_array_index (rows, RowOnScreen, i - 1).row));
      g_strv_builder_add (names, ps_case_row_get_title (PS_CASE_ROW (entry->row)));
    }
  return g_strv_builder_end (names);
}

/* What the window shows is the start of the list, in its order. */
static void
assert_screen_shows_list (Fixture *f,
                          guint    at_least)
{
  g_auto(GStrv) shown = names_on_screen (f);
  g_auto(GStrv) listed = visible_names (f);

  g_assert_cmpuint (g_strv_length (shown), >=, MIN (at_least, g_strv_length (listed)));
  g_assert_cmpuint (g_strv_length (shown), <=, g_strv_length (listed));
  for (guint i = 0; shown[i] != NULL; i++)
    g_assert_cmpstr (shown[i], ==, listed[i]);
}

/* A search keeps the rows and changes what they show (GTK 4.8 would
 * otherwise rebuild 200 rows a keystroke): the rows on screen must still be
 * the matching cases, in order, as the results narrow, widen and change. */
static void
test_rows_follow_search (Fixture       *f,
                         gconstpointer  data)
{
  static const char *first[] = { "Ada", "Bram", "Cora", "Dev", "Eli", "Fay" };
  static const char *last[] = { "Placeholder", "Example", "Fictional", "Madeup", "Sample" };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) shown = NULL;
  PsCase *renamed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (first) * G_N_ELEMENTS (last); i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr. %s %s", first[i % 6], last[i / 6]);
      g_autofree char *on = g_strdup_printf ("2024-11-%02u", 10 + i % 9);
      PsCase *item = ps_test_add_case (f->tc.store, name, on);

      if (i == 7)
        renamed = item;
    }
  assert_screen_shows_list (f, 8);

  ps_caseload_view_set_search (f->view, "cora");
  assert_screen_shows_list (f, 5);
  shown = names_on_screen (f);
  g_assert_cmpuint (g_strv_length (shown), ==, 5);
  for (guint i = 0; shown[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (shown[i], "Dr. Cora "));
  g_clear_pointer (&shown, g_strfreev);

  ps_caseload_view_set_search (f->view, "cora madeup");
  shown = names_on_screen (f);
  g_assert_cmpuint (g_strv_length (shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, "Dr. Cora Madeup");
  g_clear_pointer (&shown, g_strfreev);

  ps_caseload_view_set_search (f->view, "e");
  assert_screen_shows_list (f, 8);
  ps_caseload_view_set_search (f->view, "");
  assert_screen_shows_list (f, 8);

  /* An edit redraws the row that shows the case. */
  {
    g_autoptr(PsCaseFields) fields = ps_case_dup_fields (renamed);

    g_free (fields->display_name);
    fields->display_name = g_strdup ("Dr. Zed Renamed");
    g_assert_true (ps_store_update_case (f->tc.store, ps_case_get_id (renamed), fields, &error));
    g_assert_no_error (error);
  }
  ps_caseload_view_set_search (f->view, "zed");
  shown = names_on_screen (f);
  g_assert_cmpuint (g_strv_length (shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, "Dr. Zed Renamed");
  g_clear_pointer (&shown, g_strfreev);
  ps_caseload_view_set_search (f->view, "");
  assert_screen_shows_list (f, 8);
}

/* How many pixels the row paints in columns [x0, x1). */
static guint
painted_pixels (GtkWidget *row,
                int        x0,
                int        x1)
{
  int width = gtk_widget_get_width (row);
  int height = gtk_widget_get_height (row);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  guint painted = 0;

  /* What the row itself draws (it has no CSS background or border). */
  GTK_WIDGET_GET_CLASS (row)->snapshot (row, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (row)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (int y = 0; y < height; y++)
    for (int x = MAX (x0, 0); x < MIN (x1, width); x++)
      if (pixels[(y * width + x) * 4 + 3] != 0)   /* alpha, in either byte order */
        painted++;
  return painted;
}

static const PsTestContextOptions row_options = { PS_TEST_STORE_TEST_KEY, PS_TEST_MONDAY };

/* A name too long for a narrow window is cut short with an ellipsis, in
 * either direction, after the font changed, never painted over the edge. */
static void
test_row_stays_in_bounds (PsTestContext *t,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_local (t->clock);
  g_autoptr(PsCaseFields) fields = ps_case_fields_new ();
  g_autoptr(PsCase) item = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *row;
  int width;

  fields->display_name = g_strdup ("Dr. Wilhelmina Extraordinarily-Longfictional-Placeholder-Name");
  fields->modality = PS_MODALITY_IN_PERSON;
  fields->referral = PS_REFERRAL_SELF;
  fields->reason = PS_REASON_CONFLICT;
  fields->reason = PS_REASON_BURNOUT;
  g_date_set_dmy (&fields->requested_on, 12, 11, 2024);
  g_date_set_dmy (&fields->assigned_on, 12, 11, 2024);
  item = ps_store_create_case (t->store, fields, &error);
  g_assert_no_error (error);

  window = gtk_window_new ();
  row = ps_case_row_new ();
  gtk_widget_set_size_request (row, 300, -1);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, -1);
  ps_case_row_bind (PS_CASE_ROW (row), item, now, 2, 3, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  width = gtk_widget_get_width (row);
  g_assert_cmpint (width, ==, 300);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_cmpint (gtk_widget_get_height (row), >, 40);

  /* The text is there, the last 6 pixels (the margin) are empty. */
  g_assert_cmpuint (painted_pixels (row, 60, width - 6), >, 100);
  g_assert_cmpuint (painted_pixels (row, width - 6, width), ==, 0);

  /* Right to left: the disc moves right, the margin on the left is empty. */
  gtk_widget_set_direction (row, GTK_TEXT_DIR_RTL);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpuint (painted_pixels (row, 0, 6), ==, 0);
  g_assert_cmpuint (painted_pixels (row, width - 46, width - 6), >, 100);

  /* A new font makes new layouts, still cut to the row. */
  gtk_widget_set_direction (row, GTK_TEXT_DIR_LTR);
  gtk_widget_add_css_class (row, "title-1");
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpuint (painted_pixels (row, width - 6, width), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The Schedule's subtitle for @name's entry in @group, or NULL. */
static const char *
schedule_line (PsScheduleView  *view,
               PsScheduleGroup  group,
               const char      *name)
{
  GtkListBox *list = ps_schedule_view_get_group_list (view, group);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  return NULL;
}

/* Whether the reminder planner, as the reminder service asks it, holds a
 * reminder of @kind for @kase, and whether it is due. */
static gboolean
planned (Fixture        *f,
         PsCase         *kase,
         PsReminderKind  kind,
         gboolean       *due)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (f->tc.clock);
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (f->tc.clock);
  g_autoptr(GDateTime) from = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) to = g_date_time_add_days (now, 30);
  g_autoptr(GListModel) coming = ps_store_list_conversations_between (f->tc.store, from, to);
  g_autoptr(GPtrArray) plan = NULL;
  PsReminderSettings settings;

  ps_reminder_settings_init (&settings);
  settings.lead_minutes = g_settings_get_int (f->tc.settings, "reminder-lead-minutes");
  settings.first_contact_due_days = g_settings_get_int (f->tc.settings, "first-contact-due-days");
  settings.first_contact_overdue_days = g_settings_get_int (f->tc.settings, "first-contact-overdue-days");
  plan = ps_reminder_planner_plan (ps_store_get_open_cases (f->tc.store), coming, NULL, now, tz,
                                   &settings, NULL);
  for (guint i = 0; i < plan->len; i++)
    {
      PsReminder *reminder = g_ptr_array_index (plan, i);

      if (ps_reminder_get_kind (reminder) == kind &&
          ps_reminder_get_case_id (reminder) == ps_case_get_id (kase))
        {
          *due = ps_reminder_is_due (reminder, now);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  int                 hour, minute, second;
  const char         *row;
  PsScheduleGroup     group;
  const char         *schedule;
  PsReminderKind      kind;
  gboolean            reminder;      /* planned */
  gboolean            reminder_due;
} Agreement;

/* The caseload's row, the Schedule and the reminder planner say the same of
 * one case at the same time: a conversation soon, starting, and just over;
 * a first contact due today, then overdue from midnight. */
static void
test_views_agree (Fixture       *f,
                  gconstpointer  data)
{
  static const Agreement talk[] = {
    { 10, 12, 0, "Next conversation today at 10:20 · Phone", PS_SCHEDULE_GROUP_TODAY,
      "10:20 · 30 min · Phone · starting soon", PS_REMINDER_CONVERSATION_UPCOMING, TRUE, TRUE },
    { 10, 20, 0, "Conversation starting now · Phone", PS_SCHEDULE_GROUP_TODAY,
      "10:20 · 30 min · Phone · starting now", PS_REMINDER_CONVERSATION_UPCOMING, TRUE, TRUE },
    { 10, 49, 59, "Conversation starting now · Phone", PS_SCHEDULE_GROUP_TODAY,
      "10:20 · 30 min · Phone · starting now", PS_REMINDER_CONVERSATION_UPCOMING, TRUE, TRUE },
    { 10, 50, 0, "Conversation was due today at 10:20 · Phone", PS_SCHEDULE_GROUP_OVERDUE,
      "Mon 18 Nov, 10:20 · 30 min · Phone · not held", PS_REMINDER_CONVERSATION_UPCOMING, FALSE, FALSE },
  };
  static const Agreement first[] = {
    { 23, 59, 59, "First contact due today", PS_SCHEDULE_GROUP_TODAY,
      "First contact due today", PS_REMINDER_FIRST_CONTACT_DUE, TRUE, TRUE },
    { 24, 0, 0, "First contact overdue by 1 day", PS_SCHEDULE_GROUP_OVERDUE,
      "First contact overdue · due Mon 18 Nov", PS_REMINDER_FIRST_CONTACT_DUE, FALSE, FALSE },
  };
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) at = g_date_time_new (tz, 2024, 11, 18, 10, 20, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsConversation) conversation = NULL;
  GtkWidget *window = gtk_window_new ();
  PsScheduleView *schedule = ps_schedule_view_new (f->tc.context);
  PsCase *eli = ps_test_add_case (f->tc.store, "Dr. Eli Sample", "2024-11-10");
  PsCase *gus = ps_test_add_case (f->tc.store, "Dr. Gus Pretend", "2024-11-16");   /* due today, overdue tomorrow */
  const struct { PsCase *kase; const Agreement *steps; guint n; } cases[] = {
    { eli, talk, G_N_ELEMENTS (talk) },
    { gus, first, G_N_ELEMENTS (first) },
  };

  conversation = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (eli), at, 30,
                                                 PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (schedule));
  gtk_window_present (GTK_WINDOW (window));

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint i = 0; i < cases[c].n; i++)
      {
        const Agreement *step = &cases[c].steps[i];
        const char *name = ps_case_get_display_name (cases[c].kase);
        g_autoptr(GDateTime) midnight = g_date_time_new (tz, 2024, 11, 18, 0, 0, 0);
        g_autoptr(GDateTime) now = g_date_time_add_full (midnight, 0, 0, 0, step->hour, step->minute,
                                                         step->second);
        gboolean due = FALSE;
        PsCaseRow *row;

        ps_clock_set_now (f->tc.clock, now);
        gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
        gtk_test_widget_wait_for_draw (window);
        row = PS_CASE_ROW (ps_test_find_widget (GTK_WIDGET (f->view), ps_test_is_case_row_named, name));
        g_assert_nonnull (row);
        g_assert_cmpstr (ps_case_row_get_state_line (row), ==, step->row);
        g_assert_cmpstr (schedule_line (schedule, step->group, name), ==, step->schedule);
        g_assert_cmpint (planned (f, cases[c].kase, step->kind, &due), ==, step->reminder);
        g_assert_cmpint (due, ==, step->reminder_due);
      }

  /* A conversation not held is late in the caseload too: first, as overdue. */
  {
    g_autoptr(GDateTime) later = g_date_time_new (tz, 2024, 11, 18, 11, 0, 0);
    g_auto(GStrv) names = NULL;

    ps_clock_set_now (f->tc.clock, later);
    names = visible_names (f);
    g_assert_cmpstr (names[0], ==, "Dr. Eli Sample");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_initials (void)
{
  struct { const char *name, *initials; } cases[] = {
    { "Dr. Ada Placeholder", "A. P." },
    { "Cora Fictional-Example", "C. F. E." },
    { "prof. émile zola", "É. Z." },
    { "", "?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ps_privacy_initials (cases[i].name);

      g_assert_cmpstr (got, ==, cases[i].initials);
    }
}

/* What the view says of the search's matches in the other list, as on
 * screen after typing @typed in the search field; NULL when nothing. */
static const char *
elsewhere_said (Fixture    *f,
                const char *typed)
{
  static const char *buttons[] = { "elsewhere_button", "elsewhere_page_button" };
  GObject *entry = gtk_widget_get_template_child (GTK_WIDGET (f->view), PS_TYPE_CASELOAD_VIEW, "search_entry");
  const char *said = NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  ps_test_iterate (400);   /* past the search field's delay */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GObject *button = gtk_widget_get_template_child (GTK_WIDGET (f->view), PS_TYPE_CASELOAD_VIEW, buttons[i]);

      if (gtk_widget_get_mapped (GTK_WIDGET (button)))
        {
          g_assert_null (said);   /* said once */
          said = gtk_button_get_label (GTK_BUTTON (button));
        }
    }
  return said;
}

/* "1 match in Closed", "2 matches in Closed", and the same in French. */
static void
test_match_elsewhere_wording (Fixture       *f,
                              gconstpointer  data)
{
  const char *closed[] = { "Dr. Fay Invented", "Dr. Faye Madeup" };
  GDate today;

  ps_test_add_case (f->tc.store, "Dr. Ada Placeholder", "2024-11-17");
  ps_test_add_case (f->tc.store, "Dr. Bram Example", "2024-11-17");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, 11, 2024);
  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    {
      PsCase *item = ps_test_add_case (f->tc.store, closed[i], "2024-11-12");

      g_assert_true (ps_store_close_case (f->tc.store, ps_case_get_id (item), PS_CLOSURE_COMPLETED, &today, NULL));
    }

  g_assert_null (elsewhere_said (f, "bram"));
  g_assert_cmpstr (elsewhere_said (f, "fay"), ==, "2 matches in Closed");
  g_assert_cmpstr (elsewhere_said (f, "FAYE"), ==, "1 match in Closed");
  g_assert_cmpstr (elsewhere_said (f, "dr."), ==, "2 matches in Closed");

  ps_test_speak ("fr");
  g_assert_cmpstr (elsewhere_said (f, "fay"), ==, "2 résultats dans Clôturés");
  g_assert_cmpstr (elsewhere_said (f, "faye"), ==, "1 résultat dans Clôturés");
  ps_test_speak ("");
}

/* Every case closed and nothing searched: the Open list says there are no
 * open cases, not that a search matched nothing, and leads to Closed. */
static void
test_no_open_cases (Fixture       *f,
                    gconstpointer  data)
{
  PsCase *item = ps_test_add_case (f->tc.store, "Dr. Fay Invented", "2024-11-12");
  g_auto(GStrv) names = NULL;
  GtkWidget *page, *button;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, 11, 2024);
  g_assert_true (ps_store_close_case (f->tc.store, ps_case_get_id (item), PS_CLOSURE_COMPLETED, &today, NULL));
  ps_caseload_view_show_closed (f->view, FALSE);
  ps_test_iterate (100);

  page = ps_test_find_widget (GTK_WIDGET (f->view), ps_test_is_label_reading, "No Open Cases");
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_is_drawable (page));
  g_assert_null (ps_test_find_widget (GTK_WIDGET (f->view), ps_test_is_label_reading, "No Matching Cases"));
  button = ps_test_find_button (GTK_WIDGET (f->view), "Show 1 Closed Case");
  ps_test_screenshot (GTK_WIDGET (f->window), "caseload-no-open.png");
  g_assert_true (gtk_widget_is_drawable (button));
  ps_test_click (button);
  names = visible_names (f);
  g_assert_cmpstrv (names, ((const char *[]) { "Dr. Fay Invented", NULL }));
  g_assert_cmpstr (ps_caseload_view_get_visible_page (f->view), ==, "list");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  int ret;

  g_test_add_func ("/caseload/initials", test_initials);
  g_test_add ("/caseload/row-stays-in-bounds", PsTestContext, &row_options,
              ps_test_context_set_up, test_row_stays_in_bounds, ps_test_context_tear_down);
#define ADD(path, fn) g_test_add ("/caseload/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("empty-state", test_empty_state);
  ADD ("state-lines", test_state_lines);
  ADD ("order-by-urgency", test_order_by_urgency);
  ADD ("search-and-scope", test_search_and_scope);
  ADD ("no-open-cases", test_no_open_cases);
  ADD ("match-elsewhere-wording", test_match_elsewhere_wording);
  ADD ("privacy-mode-rows", test_privacy_mode_rows);
  ADD ("rows-follow-search", test_rows_follow_search);
  ADD ("views-agree", test_views_agree);
#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
