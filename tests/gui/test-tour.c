/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The screenshot tour: the first start's welcome, the caseload, the case
 * page in each state, the conversation, the Schedule, the Overview and
 * Preferences, at 1280 and 360 px, light and dark, in the language the test
 * runs in (meson runs it once in English and once in French). Real
 * application and window, real keyring and SQLCipher store, fake clock.
 * Each shot is kept as a test artefact in the folder PS_TOUR_DIR names,
 * "fr-dark-360-case-awaiting.png", and checked for what a user would notice
 * there: not blank, dark when dark, no text cut or pushed off a narrow
 * window, no English left in French, the suggested action the case's state
 * calls for. */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "ps-case-page.h"
#include "ps-case-row.h"
#include "ps-caseload-view-private.h"
#include "ps-crisis-contacts.h"
#include "ps-preferences-window.h"
#include "ps-resources.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"

typedef struct { int width, height; } Size;

static const Size wide = { 1280, 800 }, narrow = { 360, 720 };
/* The welcome is a dialog over the window: its own width when wide. */
static const Size welcome_wide = { 600, 720 };

static char          *data_home;
static PsApplication *app;
static const char    *language;
static guint          n_shots;

/* Each problem a shot shows is told, and fails the test at its end, so
 * one run lists them all. */
static void G_GNUC_PRINTF (1, 2)
problem (const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("Problem: %s", message);
  g_test_fail ();
}

/* What is on show --------------------------------------------------------- */

/* Drawn where the user can see it: visible up to its window, and the page
 * on show of any stack, squeezer or folded leaflet on the way (they keep
 * other pages mapped while they switch or measure). */
static gboolean
on_show (GtkWidget *widget)
{
  if (!gtk_widget_is_drawable (widget) || gtk_widget_get_width (widget) <= 0)
    return FALSE;
  for (GtkWidget *w = widget; w != NULL && !GTK_IS_NATIVE (w); w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
        return FALSE;
      if (ADW_IS_SQUEEZER (parent) && adw_squeezer_get_visible_child (ADW_SQUEEZER (parent)) != w)
        return FALSE;
      if (ADW_IS_LEAFLET (parent) && adw_leaflet_get_folded (ADW_LEAFLET (parent)) &&
          adw_leaflet_get_visible_child (ADW_LEAFLET (parent)) != w)
        return FALSE;
    }
  return TRUE;
}

static void
collect (GtkWidget     *widget,
         PsTestMatch    match,
         gconstpointer  data,
         GPtrArray     *found)
{
  if (match (widget, data))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, match, data, found);
}

static gboolean
is_label_on_show (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0' &&
         on_show (widget);
}

static gboolean
is_label_reading (GtkWidget     *widget,
                  gconstpointer  data)
{
  return is_label_on_show (widget, NULL) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* The caseload's rows draw their own text. */
static gboolean
is_row_on_show (GtkWidget     *widget,
                gconstpointer  data)
{
  return PS_IS_CASE_ROW (widget) && on_show (widget) &&
         (data == NULL || g_str_equal (ps_case_row_get_title (PS_CASE_ROW (widget)), data));
}

/* What an entry shows. */
static gboolean
is_text_on_show (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_TEXT (widget) && on_show (widget);
}

static gboolean
is_suggested_on_show (GtkWidget     *widget,
                      gconstpointer  data)
{
  return (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) &&
         gtk_widget_has_css_class (widget, "suggested-action") && on_show (widget);
}

/* Checks on each shot ------------------------------------------------------ */

/* Text a user cannot read whole: cut by an ellipsis, drawn in less room
 * than it takes, or reaching past the window's edge. */
static void
assert_no_cut_text (GtkWidget  *window,
                    const char *shot)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  int window_width = gtk_widget_get_width (window);

  collect (window, is_label_on_show, NULL, labels);
  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);
      graphene_rect_t bounds;
      PangoRectangle extents;

      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), window, &bounds));
      if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > window_width + 0.5)
        problem ("%s: “%s” reaches past the window's edge (%.0f to %.0f of %d px)", shot, text,
                 bounds.origin.x, bounds.origin.x + bounds.size.width, window_width);
      pango_layout_get_pixel_extents (gtk_label_get_layout (label), NULL, &extents);
      if (extents.width > gtk_widget_get_width (GTK_WIDGET (label)) + 1)
        problem ("%s: “%s” (in a %s) is squeezed to %d px of its %d", shot, text,
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (GTK_WIDGET (label))),
                 gtk_widget_get_width (GTK_WIDGET (label)), extents.width);
      if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE &&
          pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        problem ("%s: “%s” is cut by an ellipsis", shot, text);
    }

  g_ptr_array_set_size (labels, 0);
  collect (window, is_row_on_show, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (ps_case_row_get_state_line_cut (g_ptr_array_index (labels, i)))
      problem ("%s: the state line of %s's row is cut: “%s”", shot,
               ps_case_row_get_title (g_ptr_array_index (labels, i)),
               ps_case_row_get_state_line (g_ptr_array_index (labels, i)));
}

/* What French text never holds: an English day or month, a time of day
 * with AM or PM, a decimal point, a percent sign without the narrow no-break
 * space before it, thousands grouped with commas. */
static const struct
{
  const char *what, *pattern;
} not_french[] = {
  { "an English day",
    "(?<!\\pL)(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    "|Sunday)(?!\\pL)" },
  { "an English month",
    "(?<!\\pL)(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March"
    "|April|June|July|August|September|October|November|December)(?!\\pL)" },
  { "a 12-hour time", "\\d\\s?(AM|PM|am|pm)(?!\\pL)" },
  { "a decimal point", "(?<![\\d.])\\d+\\.\\d+(?![\\d.])" },
  { "a percent sign without a narrow no-break space", "\\d[ \\x{A0}]?%" },
  { "thousands grouped with a comma", "(?<![\\d,])\\d{1,3},\\d{3}(?![\\d,])" },
};

static void
assert_french_text (const char *text,
                    const char *shot)
{
  static GRegex *regexes[G_N_ELEMENTS (not_french)];

  for (guint i = 0; i < G_N_ELEMENTS (not_french); i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (regexes[i] == NULL)
        regexes[i] = g_regex_new (not_french[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
      g_assert_nonnull (regexes[i]);
      if (g_regex_match (regexes[i], text, 0, &match))
        {
          g_autofree char *found = g_match_info_fetch (match, 0);

          problem ("%s: “%s” shows %s, “%s”", shot, text, not_french[i].what, found);
        }
    }
}

/* In French, no label on show reads an English message the catalogue
 * translates, and no text on show, the caseload's rows' included, has a
 * day, month or number written the English or C way. */
static void
assert_translated (GtkWidget  *window,
                   const char *shot)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (window, is_label_on_show, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *source = gtk_label_get_label (g_ptr_array_index (labels, i));

      if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, source), source) != 0)
        problem ("%s: “%s” is shown untranslated", shot, source);
      assert_french_text (gtk_label_get_text (g_ptr_array_index (labels, i)), shot);
    }

  g_ptr_array_set_size (labels, 0);
  collect (window, is_row_on_show, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    assert_french_text (ps_case_row_get_state_line (g_ptr_array_index (labels, i)), shot);

  g_ptr_array_set_size (labels, 0);
  collect (window, is_text_on_show, NULL, labels);
  for (guint i = 0; i < labels->len; i++)
    assert_french_text (gtk_editable_get_text (g_ptr_array_index (labels, i)), shot);
}

/* The mean luminance (0 to 1) of the shot, and the share of its pixels
 * that differ from its top left corner's. */
static void
measure (GdkTexture *texture,
         double     *luminance,
         double     *varied)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  double sum = 0;
  guint64 differ = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        /* Cairo's ARGB32 in memory order: blue, green, red, alpha. */
        const guchar *p = pixels + y * stride + x * 4;

        sum += (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / 255.0;
        for (guint c = 0; c < 3; c++)
          if (ABS (p[c] - pixels[c]) > 24)
            {
              differ++;
              break;
            }
      }
  *luminance = sum / ((double) width * height);
  *varied = (double) differ / ((double) width * height);
}

/* What makes a window too wide: the deepest widget that will not be
 * narrower than @limit. */
static GtkWidget *
too_wide (GtkWidget *widget,
          int        limit)
{
  int minimum;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > limit && (found = too_wide (child, limit)) != NULL)
        return found;
    }
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum > limit ? widget : NULL;
}

static void
wait_for_frame (GtkWidget *window)
{
  ps_test_iterate (60);
  gtk_test_widget_wait_for_draw (window);
}

typedef void (*Prepare) (GtkWidget     *window,
                         gboolean       narrow,
                         gconstpointer  data);
typedef void (*Check)   (GtkWidget     *window,
                         const char    *shot,
                         gboolean       narrow,
                         gconstpointer  data);

/* @window at each width, light and dark: @prepare puts it in the state to
 * show after each resize, @check asserts what the user sees there; each
 * shot is saved as LANGUAGE-SCHEME-WIDTH-NAME.png. */
static void
shoot (GtkWidget     *window,
       const Size    *wide_size,
       const char    *name,
       Prepare        prepare,
       Check          check,
       gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const Size *sizes[] = { wide_size, &narrow };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s]->width, sizes[s]->height);
      wait_for_frame (window);
      if (prepare != NULL)
        {
          prepare (window, s == 1, data);
          wait_for_frame (window);
        }
      /* The window takes the width asked for: nothing in it is wider. (A
       * dialog's may come out a few pixels narrower.) */
      if (gtk_widget_get_width (window) > sizes[s]->width ||
          gtk_widget_get_width (window) < sizes[s]->width - 16)
        {
          GtkWidget *culprit = too_wide (window, sizes[s]->width - 24);
          g_autoptr(GPtrArray) labels = g_ptr_array_new ();
          g_autoptr(GString) texts = g_string_new (NULL);

          collect (culprit, is_label_on_show, NULL, labels);
          for (guint i = 0; i < labels->len; i++)
            g_string_append_printf (texts, " “%s”",
                                    gtk_label_get_text (g_ptr_array_index (labels, i)));
          problem ("%s-%d-%s: the window is %d px wide, not %d: a %s needs more:%s", language,
                   sizes[s]->width, name, gtk_widget_get_width (window), sizes[s]->width,
                   G_OBJECT_TYPE_NAME (culprit), texts->str);
        }

      for (guint dark = 0; dark < 2; dark++)
        {
          g_autofree char *shot = g_strdup_printf ("%s-%s-%d-%s.png", language,
                                                   dark ? "dark" : "light", sizes[s]->width, name);
          g_autofree char *path = g_build_filename (g_getenv ("PS_TOUR_DIR"), shot, NULL);
          g_autoptr(GdkTexture) texture = NULL;
          double luminance, varied;

          adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                          : ADW_COLOR_SCHEME_FORCE_LIGHT);
          wait_for_frame (window);
          /* Kept first, so a failing shot can be looked at. */
          texture = ps_test_render (window);
          g_assert_nonnull (texture);
          g_assert_true (gdk_texture_save_to_png (texture, path));
          n_shots++;
          g_test_message ("Tour: %s", path);

          if (s == 1)
            assert_no_cut_text (window, shot);
          if (g_str_equal (language, "fr"))
            assert_translated (window, shot);
          if (check != NULL)
            check (window, shot, s == 1, data);
          measure (texture, &luminance, &varied);
          /* Something drawn besides the background, and the scheme asked for. */
          if (varied < 0.01)
            problem ("%s is blank: %.2f %% of it differs from its corner", shot, varied * 100);
          if (dark ? luminance > 0.35 : luminance < 0.65)
            problem ("%s is not %s: mean luminance %.2f", shot, dark ? "dark" : "light", luminance);
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* The welcome and the empty caseload after it ------------------------------- */

static gboolean
welcome_gone (gpointer data)
{
  return ps_application_get_welcome (data) == NULL;
}

static void
check_title (GtkWidget     *window,
                     const char    *shot,
                     gboolean       is_narrow,
                     gconstpointer  data)
{
  g_assert_nonnull (ps_test_find_widget (window, is_label_reading, _(data)));
}

static void
test_welcome (void)
{
  GSettings *settings = ps_application_get_settings (app);
  PsWelcomeWindow *welcome;
  PsWindow *window;

  g_settings_set_boolean (settings, "welcome-done", FALSE);
  window = ps_test_session_window (app);
  ps_test_wait_for_status (ps_window_get_context (window), PS_CONTEXT_READY);
  welcome = ps_application_get_welcome (app);
  g_assert_nonnull (welcome);
  g_assert_true (ps_program_contacts_add (settings, "Program Coordinator (fictional)", "555-0199"));
  shoot (GTK_WIDGET (welcome), &welcome_wide, "welcome", NULL, check_title,
         N_("Before Your First Case"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.next", NULL));
  shoot (GTK_WIDGET (welcome), &welcome_wide, "welcome-targets", NULL, check_title,
         N_("First Contact"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.next", NULL));
  g_assert_true (ps_test_wait_for (welcome_gone, app, 5000));

  /* One empty state, with New Case. */
  shoot (GTK_WIDGET (window), &wide, "first-start", NULL, check_title, N_("No Colleagues Yet"));
  gtk_window_destroy (GTK_WINDOW (window));
  ps_test_iterate (100);
}

/* The window with a caseload ------------------------------------------------ */

typedef struct
{
  PsClock        *clock;
  PsContext      *context;
  PsStore        *store;
  PsWindow       *window;
  PsCaseloadView *view;
} Tour;

typedef struct
{
  Tour       *tour;
  const char *name;
  PsCase     *item;
  const char *suggested;   /* the full label, or NULL for none */
  const char *action;      /* the suggested button's action; "" for the attempt menu */
} Stop;

static PsCase *
add_case (Tour       *t,
          const char *name,
          int         requested_day,
          gboolean    reached)
{
  g_autofree char *day = g_strdup_printf ("2024-11-%02d", requested_day);

  return reached ? ps_test_add_reached_case (t->store, name, day)
                 : ps_test_add_case (t->store, name, day);
}

static void
held (Tour     *t,
      PsCase   *item,
      gboolean  concern)
{
  g_autoptr(GDateTime) at = g_date_time_new_utc (2024, 11, 13, 17, 0, 0);
  g_autoptr(PsConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;

  conversation = ps_store_add_held_conversation (t->store, ps_case_get_id (item), at, 45,
                                                 PS_MODALITY_VIDEO, NULL, concern, &error);
  g_assert_no_error (error);
}

/* A handful of fictional colleagues, one in each state the case page
 * follows, at 10:00 UTC on Thursday 14 November 2024. */
static void
tour_cases (Tour *t,
            Stop *stops)
{
  g_autoptr(PsConversation) due = NULL, current = NULL, later = NULL, next_week = NULL;
  PsCase *item;
  GDate today;

  stops[0] = (Stop) { t, "awaiting", add_case (t, "Dr. Ada Placeholder", 13, FALSE),
                      N_("_Log Attempt"), "" };
  stops[1] = (Stop) { t, "reached", add_case (t, "Dr. Ben Example", 12, TRUE),
                      N_("Sc_hedule Conversation…"), "case.schedule" };
  stops[2] = (Stop) { t, "planned", add_case (t, "Dr. Cy Sample", 11, TRUE), NULL, NULL };
  later = ps_test_plan_conversation (t->store, stops[2].item, "2024-11-15 14:30");
  stops[3] = (Stop) { t, "due", add_case (t, "Dr. Dee Fictional", 12, TRUE),
                      N_("_Start Conversation"), "case.start-conversation" };
  due = ps_test_plan_conversation (t->store, stops[3].item, "2024-11-14 10:05");
  stops[4] = (Stop) { t, "in-progress", add_case (t, "Dr. Eli Invented", 11, TRUE),
                      N_("_Resume Conversation"), "case.resume-conversation" };
  current = ps_test_plan_conversation (t->store, stops[4].item, "2024-11-14 09:45");
  g_assert_true (ps_store_set_conversation_state (t->store, ps_conversation_get_id (current),
                                                  PS_CONVERSATION_IN_PROGRESS, NULL));
  /* The follow-up, by its deadline, from the page's Safety Follow-up. */
  stops[5] = (Stop) { t, "safety-concern", add_case (t, "Dr. Fay Madeup", 10, TRUE),
                      N_("Schedule _Follow-up"), "case.schedule-follow-up" };
  held (t, stops[5].item, TRUE);
  stops[6] = (Stop) { t, "conversations-held", add_case (t, "Dr. Gus Pretend", 9, TRUE),
                      N_("_Close Case…"), "case.close" };
  held (t, stops[6].item, FALSE);

  /* A conversation next week, under its day in the Schedule; with it the
   * Overview's median days to first contact has a decimal, 2.5. */
  item = add_case (t, "Dr. Ivy Nextweek", 10, TRUE);
  next_week = ps_test_plan_conversation (t->store, item, "2024-11-19 13:30");

  item = add_case (t, "Dr. Hal Closed", 8, TRUE);
  held (t, item, FALSE);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 14, 11, 2024);
  g_assert_true (ps_store_close_case (t->store, ps_case_get_id (item), PS_CLOSURE_COMPLETED,
                                      &today, NULL));
  stops[7] = (Stop) { t, "closed", item, NULL, NULL };
}

static void
open_case (GtkWidget     *window,
           gboolean       is_narrow,
           gconstpointer  data)
{
  const Stop *stop = data;

  ps_caseload_view_open_case (stop->tour->view, stop->item);
}

/* One suggested action on show in the whole window, the list and the
 * page's body included (GNOME's one per view), and it is the state's: its
 * full words where the window is wide, at least its action where narrow. */
static void
check_suggested (GtkWidget     *window,
                 const char    *shot,
                 gboolean       is_narrow,
                 gconstpointer  data)
{
  const Stop *stop = data;
  GtkWidget *page = ps_test_find_type (window, PS_TYPE_CASE_PAGE);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *button;
  const char *action;

  g_assert_true (ps_case_page_get_case (PS_CASE_PAGE (page)) == stop->item);
  g_assert_nonnull (ps_test_find_widget (page, is_label_reading,
                                         ps_case_get_display_name (stop->item)));
  collect (window, is_suggested_on_show, NULL, buttons);
  if (stop->suggested == NULL)
    {
      if (buttons->len > 0)
        problem ("%s: a suggested action where there is none to take", shot);
      return;
    }
  if (buttons->len != 1)
    {
      problem ("%s: %u suggested actions on show, not the one “%s”", shot, buttons->len,
               _(stop->suggested));
      return;
    }
  button = g_ptr_array_index (buttons, 0);
  g_assert_true (gtk_widget_get_sensitive (button));
  /* The attempt's outcomes are a menu: no action of its own. */
  action = GTK_IS_MENU_BUTTON (button) ? ""
                                       : gtk_actionable_get_action_name (GTK_ACTIONABLE (button));
  g_assert_cmpstr (action, ==, stop->action);
  if (!is_narrow)
    {
      const char *label = GTK_IS_MENU_BUTTON (button)
                          ? gtk_menu_button_get_label (GTK_MENU_BUTTON (button))
                          : gtk_button_get_label (GTK_BUTTON (button));

      g_assert_cmpstr (label, ==, _(stop->suggested));
    }
}

static void
show_view (GtkWidget     *window,
           gboolean       is_narrow,
           gconstpointer  data)
{
  g_autofree char *action = g_strconcat ("win.show-", data, NULL);

  g_assert_true (gtk_widget_activate_action (window, action, NULL));
  /* The caseload's own list, not the case last opened. */
  if (is_narrow && g_str_equal (data, "caseload"))
    {
      GtkWidget *view = GTK_WIDGET (ps_window_get_caseload_view (PS_WINDOW (window)));

      g_assert_true (gtk_widget_activate_action (view, "caseload.show-list", NULL));
    }
}

/* The views' names, where they are on show: the list of views when wide,
 * the switcher bar when narrow. */
static void
check_views (GtkWidget     *window,
             const char    *shot,
             gboolean       is_narrow,
             gconstpointer  data)
{
  const char *views[] = { N_("Caseload"), N_("Schedule"), N_("Overview") };

  g_assert_cmpstr (ps_window_get_visible_page (PS_WINDOW (window)), ==, "main");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (ps_test_find_widget (window, is_label_reading, _(views[i])) == NULL)
      problem ("%s: no “%s” on show", shot, _(views[i]));
}

static void
check_caseload (GtkWidget     *window,
                const char    *shot,
                gboolean       is_narrow,
                gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (ps_window_get_caseload_view (PS_WINDOW (window)));

  check_views (window, shot, is_narrow, NULL);
  /* The list, with the most urgent case first. */
  g_assert_nonnull (ps_test_find_widget (view, is_row_on_show, "Dr. Ada Placeholder"));
}

/* The time and its bar line up with the checklist under them. */
static void
check_conversation (GtkWidget     *window,
                    const char    *shot,
                    gboolean       is_narrow,
                    gconstpointer  data)
{
  GtkWidget *talk = GTK_WIDGET (ps_test_find_conversation ());
  GtkWidget *bar = ps_test_find_type (talk, GTK_TYPE_PROGRESS_BAR);
  GtkWidget *steps = ps_test_find_type (talk, ADW_TYPE_PREFERENCES_GROUP);
  graphene_rect_t a, b;

  g_assert_true (gtk_widget_compute_bounds (bar, window, &a));
  g_assert_true (gtk_widget_compute_bounds (steps, window, &b));
  if (ABS (a.origin.x - b.origin.x) > 1 || ABS (a.size.width - b.size.width) > 1)
    problem ("%s: the time's bar spans %.0f to %.0f px, the checklist %.0f to %.0f", shot,
             a.origin.x, a.origin.x + a.size.width, b.origin.x, b.origin.x + b.size.width);
}

static gboolean
is_toast_close (GtkWidget     *widget,
                gconstpointer  data)
{
  GType toast = g_type_from_name ("AdwToastWidget");

  return GTK_IS_BUTTON (widget) && toast != 0 && gtk_widget_get_ancestor (widget, toast) != NULL &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

static void
test_window (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2024, 11, 14, 10, 0, 0);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.peerside.Peerside");
  g_autofree char *dir = g_build_filename (data_home, "tour-XXXXXX", NULL);
  GtkWidget *page, *talk, *prefs;
  Stop stops[8];
  Tour t = { 0 };

  g_assert_nonnull (g_mkdtemp_full (dir, 0700));
  t.clock = ps_clock_new_fake (now);
  ps_clock_set_timezone (t.clock, utc);
  t.context = ps_context_new (t.clock, settings, dir, FALSE);
  ps_context_open (t.context);
  ps_test_wait_for_status (t.context, PS_CONTEXT_READY);
  t.store = ps_context_get_store (t.context);
  tour_cases (&t, stops);

  t.window = ps_window_new (app, t.context);
  gtk_window_set_default_size (GTK_WINDOW (t.window), wide.width, wide.height);
  gtk_window_present (GTK_WINDOW (t.window));
  wait_for_frame (GTK_WIDGET (t.window));
  t.view = ps_window_get_caseload_view (t.window);

  shoot (GTK_WIDGET (t.window), &wide, "caseload", show_view, check_caseload, "caseload");
  /* Seen once, the start-up offer to resume is closed, as a user would. */
  ps_test_click (ps_test_find_widget (GTK_WIDGET (t.window), is_toast_close, NULL));
  wait_for_frame (GTK_WIDGET (t.window));
  g_assert_null (ps_test_find_widget (GTK_WIDGET (t.window), is_toast_close, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.show-caseload", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      g_autofree char *name = g_strconcat ("case-", stops[i].name, NULL);

      shoot (GTK_WIDGET (t.window), &wide, name, open_case, check_suggested, &stops[i]);
    }

  /* The conversation in progress, resumed from its case's page. */
  ps_caseload_view_open_case (t.view, stops[4].item);
  wait_for_frame (GTK_WIDGET (t.window));
  page = ps_test_find_type (GTK_WIDGET (t.window), PS_TYPE_CASE_PAGE);
  g_assert_true (gtk_widget_activate_action (page, "case.resume-conversation", NULL));
  talk = GTK_WIDGET (ps_test_find_conversation ());
  g_assert_nonnull (talk);
  shoot (GTK_WIDGET (t.window), &wide, "conversation", NULL, check_conversation, NULL);
  /* Kept for later, with Back. */
  gtk_widget_activate_action (talk, "conversation.back", NULL);
  ps_test_respond (ADW_MESSAGE_DIALOG (ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "keep");
  g_assert_null (ps_test_find_conversation ());

  shoot (GTK_WIDGET (t.window), &wide, "schedule", show_view, check_views, "schedule");
  shoot (GTK_WIDGET (t.window), &wide, "overview", show_view, check_views, "overview");

  prefs = GTK_WIDGET (ps_preferences_window_new (t.context));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (t.window));
  gtk_window_present (GTK_WINDOW (prefs));
  shoot (prefs, &wide, "preferences", NULL, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (prefs));

  gtk_window_destroy (GTK_WINDOW (t.window));
  ps_test_iterate (100);
  g_clear_object (&t.context);
  g_clear_object (&t.clock);
  ps_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gint64 start = g_get_monotonic_time ();
  int ret;

  /* The language meson runs the test in, from the catalogue compiled in
   * the build tree: English under C.UTF-8 (which honours LANGUAGE), French
   * under the real fr_FR.UTF-8 the build makes. */
  language = g_getenv ("LANGUAGE") != NULL && *g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en";
  g_assert_nonnull (g_getenv ("PS_TOUR_DIR"));
  g_mkdir_with_parents (g_getenv ("PS_TOUR_DIR"), 0700);

  data_home = ps_test_session_init (&argc, &argv);
  if (g_str_equal (language, "fr"))
    ps_test_live_in_french ();
  else
    ps_test_speak (language);
  g_assert_nonnull (ps_get_resource ());
  /* Switches between pages without their slides: each shot after one frame. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (g_str_equal (language, "fr"))
    g_assert_cmpstr (_("Caseload"), ==, "Dossiers");

  app = ps_test_session_start ();
  g_test_add_func ("/tour/welcome", test_welcome);
  g_test_add_func ("/tour/window", test_window);
  ret = g_test_run ();
  g_clear_object (&app);

  g_test_message ("%u shots in %.1f s", n_shots, (g_get_monotonic_time () - start) / 1e6);
  ps_remove_tree (data_home);
  g_free (data_home);
  return ret;
}
