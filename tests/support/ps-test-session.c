/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Shared by the widget tests: the real application, registered without
 * uniqueness, in a private data folder, under the headless session's Xvfb,
 * keyring and notification daemon. */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "ps-accessible.h"
#include "ps-test-session.h"

char *
ps_test_session_init (int    *argc,
                      char ***argv)
{
  char *dir = g_dir_make_tmp ("peerside-test-XXXXXX", NULL);

  g_assert_nonnull (dir);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();

  /* The first-start welcome is tested on its own; elsewhere the app starts
   * as it does every day after. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.peerside.Peerside");

    g_settings_set_boolean (settings, "welcome-done", TRUE);
  }
  ps_accessible_fix_mnemonic_names ();

  /* AdwApplication loads the app's style sheet; windows made without it
   * (most widget tests) get it here, so screenshots look like the app. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  return dir;
}

PsApplication *
ps_test_session_start (void)
{
  return ps_test_session_start_with_clock (NULL);
}

PsApplication *
ps_test_session_start_with_clock (PsClock *clock)
{
  g_autoptr(GError) error = NULL;
  PsApplication *app = ps_application_new_with_clock (clock);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

PsWindow *
ps_test_session_window (PsApplication *app)
{
  g_application_activate (G_APPLICATION (app));
  return PS_WINDOW (ps_application_get_main_window (app));
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ps_test_wait_for (gboolean (*done) (gpointer),
                  gpointer   data,
                  guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  return done (data);
}

static gboolean
window_gone (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  if (gtk_widget_get_visible (GTK_WIDGET (data)))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (item == data)
        return FALSE;
    }
  return TRUE;
}

void
ps_test_wait_gone (GtkWidget *window)
{
  g_assert_true (ps_test_wait_for (window_gone, window, 5000));
  g_object_unref (window);
}

typedef struct
{
  PsContext       *context;
  PsContextStatus  status;
} StatusWait;

static gboolean
status_reached (gpointer data)
{
  StatusWait *wait = data;

  return ps_context_get_status (wait->context) == wait->status;
}

void
ps_test_wait_for_status (PsContext       *context,
                         PsContextStatus  status)
{
  StatusWait wait = { context, status };

  if (!ps_test_wait_for (status_reached, &wait, 20000))
    g_error ("The caseload never reached status %d (it is %d: %s)",
             status, ps_context_get_status (context),
             ps_context_get_error (context) ? ps_context_get_error (context)->message : "no error");
}

void
ps_test_iterate (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* What the widget draws, rendered by GTK itself (so under any display);
 * NULL while it has no size. No waiting: the caller lets it be drawn. */
GdkTexture *
ps_test_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return NULL;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Screenshots are test artefacts for people to look at: the build folder's
 * tests/artefacts. */
void
ps_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  /* Let the widget be drawn and transitions (stack crossfades, leaflet
   * slides) finish first. */
  gtk_test_widget_wait_for_draw (widget);
  ps_test_iterate (500);
  texture = ps_test_render (widget);
  if (texture == NULL)
    return;

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "artefacts", NULL);
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("Screenshot: %s", path);
}

void
ps_test_xdotool (const char *first,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  while (g_subprocess_get_identifier (proc) != NULL)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (g_subprocess_get_successful (proc));
  ps_test_iterate (300);
}

/* Binds @keysym to the highest key that has nothing (the keys past the
 * layout's own), or back to nothing. */
static int
bind_spare_key (Display *display,
                KeySym   keysym,
                int      key)
{
  int min, max, per;
  KeySym *map;
  KeySym lower, upper;

  XDisplayKeycodes (display, &min, &max);
  map = XGetKeyboardMapping (display, min, max - min + 1, &per);
  for (int code = max; key == 0 && code >= min; code--)
    {
      gboolean unused = TRUE;

      for (int k = 0; k < per; k++)
        unused = unused && map[(code - min) * per + k] == NoSymbol;
      if (unused)
        key = code;
    }
  XFree (map);
  g_assert_cmpint (key, !=, 0);

  XConvertCase (keysym, &lower, &upper);
  XChangeKeyboardMapping (display, key, 2, (KeySym[]) { lower, upper }, 1);
  XSync (display, False);
  return key;
}

void
ps_test_xdotool_unmapped_key (const char *keysym_name)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  KeySym keysym = XStringToKeysym (keysym_name);
  int key;

  g_assert_true (keysym != NoSymbol);
  key = bind_spare_key (display, keysym, 0);
  /* GDK reads the new map before the press comes. */
  ps_test_iterate (200);
  ps_test_xdotool ("key", keysym_name, NULL);
  bind_spare_key (display, NoSymbol, key);
  ps_test_iterate (200);
}

void
ps_test_focus_window (GtkWindow *window)
{
  g_autofree char *xid = NULL;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  ps_test_xdotool ("windowfocus", "--sync", xid, NULL);
}

void
ps_test_press_time_arrows (GtkWindow   *window,
                           GtkEditable *entry,
                           const char  *up,
                           const char  *down_down,
                           const char  *home_up)
{
  ps_test_focus_window (window);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_position (entry, -1);
  ps_test_iterate (50);
  ps_test_xdotool ("key", "Up", NULL);
  ps_test_iterate (50);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, up);
  ps_test_xdotool ("key", "Down", "Down", NULL);
  ps_test_iterate (50);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, down_down);
  ps_test_xdotool ("key", "Home", "Up", NULL);
  ps_test_iterate (50);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, home_up);
}

void
ps_test_speak (const char *language)
{
  /* LANGUAGE is ignored under the "C" locale; C.UTF-8 is always there. */
  g_setenv ("LANGUAGE", language != NULL ? language : "", TRUE);
  setlocale (LC_MESSAGES, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, PS_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
ps_test_live_in (const char *locale)
{
  const char *locpath = g_getenv ("LOCPATH");
  const char *name = setlocale (LC_ALL, "");

  if (g_strcmp0 (name, locale) != 0)
    g_error ("No %s locale: LC_ALL is '%s' and LOCPATH '%s', where the build makes "
             "it with localedef (build-aux/make-test-locales.sh, which says in the "
             "build's output why it could not; the definitions come with Debian's package "
             "locales, which build-aux/setup-debian.sh installs)", locale,
             g_getenv ("LC_ALL") != NULL ? g_getenv ("LC_ALL") : "",
             locpath != NULL ? locpath : "");
  bindtextdomain (GETTEXT_PACKAGE, PS_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

void
ps_test_live_in_french (void)
{
  ps_test_live_in ("fr_FR.UTF-8");
}
