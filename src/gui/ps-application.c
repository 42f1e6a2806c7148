/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>

#include <malloc.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "ps-accessible.h"
#include "ps-application-private.h"
#include "ps-autostart.h"
#include "ps-backup.h"
#include "ps-caseload-view-private.h"
#include "ps-lock-monitor.h"
#include "ps-reminder-service.h"
#include "ps-time-sync.h"
#include "ps-welcome-window.h"
#include "ps-window.h"

struct _PsApplication
{
  AdwApplication  parent_instance;

  PsContext         *context;
  GSettings         *settings;
  PsReminderService *reminders;
  PsAutostart       *autostart;
  PsLockMonitor     *lock_monitor;
  guint              idle_cookie;    /* the session kept from idling, during a conversation */
  guint              idle_cookie_id; /* until it ends */
  PsTimeSync        *time_sync;
  PsClock           *clock;   /* construct-only; NULL: the wall clock */
  guint           demo : 1;
  guint           hidden : 1;
  guint           held : 1;
};

G_DEFINE_FINAL_TYPE (PsApplication, ps_application, ADW_TYPE_APPLICATION)

enum { PROP_0, PROP_CLOCK, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Try Peerside with fictional colleagues in a throwaway caseload"), NULL },
  { "hidden", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start in the background without opening a window"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { "verify-backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check an encrypted backup (passphrase on standard input) and quit"), N_("FILE") },
  { NULL }
};

static gboolean
keeps_running_in_background (PsApplication *self)
{
  return !self->demo &&
         g_settings_get_boolean (self->settings, "reminders-enabled") &&
         g_settings_get_boolean (self->settings, "run-in-background");
}

/* While reminders are on, closing the window only hides it. */
static gboolean
window_close_request_cb (GtkWindow     *window,
                         PsApplication *self)
{
  if (!keeps_running_in_background (self))
    return FALSE;

  if (!self->held)
    {
      self->held = TRUE;
      g_application_hold (G_APPLICATION (self));
    }
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  /* Hidden, the pages kept for frames go back (ps-scrub-free.c). */
  malloc_trim (0);

  /* The first time, a window that closes without the app quitting is a
   * surprise: say why, and how to quit. */
  if (!g_settings_get_boolean (self->settings, "background-explained"))
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Peerside Keeps Running for Reminders"));

      g_notification_set_body (notification,
                               _("Reminders still arrive while the window is closed. To quit, "
                                 "press Ctrl+Q in the window or choose Quit in its main menu; to "
                                 "stop running in the background, turn it off in Preferences."));
      g_notification_add_button (notification, _("Quit Now"), "app.quit");
      g_application_send_notification (G_APPLICATION (self), "running-in-background", notification);
      g_settings_set_boolean (self->settings, "background-explained", TRUE);
    }
  return TRUE;
}

/* The caseload window (not the welcome or a dialog), or NULL. */
GtkWindow *
ps_application_get_main_window (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PS_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
background_setting_changed_cb (PsApplication *self)
{
  GtkWindow *window = ps_application_get_main_window (self);

  /* Turned off while hidden: nothing keeps us running any more. */
  if (self->held && !keeps_running_in_background (self) &&
      (window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window))))
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

/* Any input in a Peerside window counts as presence for the idle lock. */
static gboolean
window_event_cb (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 PsApplication            *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_MOTION_NOTIFY:
      /* None after shutdown, while the window still takes events. */
      if (self->lock_monitor != NULL)
        ps_lock_monitor_poke (self->lock_monitor);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
allow_idle (PsApplication *self)
{
  g_clear_handle_id (&self->idle_cookie_id, g_source_remove);
  if (self->idle_cookie != 0)
    gtk_application_uninhibit (GTK_APPLICATION (self), self->idle_cookie);
  self->idle_cookie = 0;
}

static gboolean
allow_idle_cb (gpointer user_data)
{
  PsApplication *self = user_data;

  self->idle_cookie_id = 0;
  allow_idle (self);
  return G_SOURCE_REMOVE;
}

/* A conversation on show: the supporter is on the phone, not at the
 * keyboard, and the crisis lines must stay in reach. Neither the idle lock
 * nor the session's idle (which blanks and locks the screen) cut in, for
 * twice the conversation's planned length from when it shows; locking the
 * screen and sleep still lock. */
static void
conversation_shown_cb (PsApplication *self,
                       GParamSpec    *pspec,
                       PsWindow      *window)
{
  PsConversationPage *page = ps_window_get_conversation_page (window);
  PsConversation *conversation = page != NULL ? ps_conversation_page_get_conversation (page) : NULL;
  guint minutes;

  allow_idle (self);
  if (self->lock_monitor == NULL)
    return;
  if (conversation == NULL)
    {
      ps_lock_monitor_hold (self->lock_monitor, 0);
      return;
    }

  minutes = 2 * MAX (ps_conversation_get_minutes (conversation), 1);
  self->idle_cookie = gtk_application_inhibit (GTK_APPLICATION (self), GTK_WINDOW (window),
                                               GTK_APPLICATION_INHIBIT_IDLE,
                                               _("A conversation is in progress"));
  self->idle_cookie_id = g_timeout_add_seconds (minutes * 60, allow_idle_cb, self);
  ps_lock_monitor_hold (self->lock_monitor,
                        ps_clock_get_monotonic (ps_context_get_clock (self->context)) +
                        minutes * G_TIME_SPAN_MINUTE);
}

/* Locked: the dialogs show what the store held (the window forgets it itself). */
static void
context_status_changed_cb (PsApplication *self)
{
  GList *windows;

  if (ps_context_get_status (self->context) != PS_CONTEXT_LOCKED)
    return;

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (!PS_IS_WINDOW (l->data))
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  /* Big freed blocks keep their pages, zeroed (ps-scrub-free.c), for the
   * next frames: locked, they go back. */
  malloc_trim (0);
}

static void
screensaver_changed_cb (PsApplication *self)
{
  gboolean active = FALSE;

  g_object_get (self, "screensaver-active", &active, NULL);
  ps_lock_monitor_set_screensaver_active (self->lock_monitor, active);
}

/* "Open" on a reminder: the window, on that case. */
static void
reminder_open_case_cb (PsApplication *self,
                       gint64         case_id)
{
  PsStore *store = ps_context_get_store (self->context);
  PsCase *item = case_id != 0 && store != NULL ? ps_store_lookup_case (store, case_id) : NULL;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = ps_application_get_main_window (self);
  /* Not under a conversation on show: the window comes up on it, and the
   * supporter comes back to the case they left it for. */
  if (item != NULL && PS_IS_WINDOW (window) && ps_window_get_conversation_page (PS_WINDOW (window)) == NULL)
    ps_caseload_view_open_case (ps_window_get_caseload_view (PS_WINDOW (window)), item);
}

static int
ps_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PsApplication *self = PS_APPLICATION (app);
  const char *backup = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "peerside", PACKAGE_VERSION);
      return 0;
    }

  /* Never opens or changes a caseload, and never starts the application. */
  if (g_variant_dict_lookup (options, "verify-backup", "^&ay", &backup))
    return ps_backup_verify_command (backup);

  /* The demo is its own throwaway instance: it never talks to, or becomes,
   * the user's real Peerside. */
  if (g_variant_dict_contains (options, "demo"))
    {
      self->demo = TRUE;
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_contains (options, "hidden"))
    self->hidden = TRUE;

  return G_APPLICATION_CLASS (ps_application_parent_class)->handle_local_options (app, options);
}

/* SIGTERM, SIGINT, SIGHUP (a logout from a terminal): quit as Quit does,
 * so the store is closed cleanly and the demo's folder removed. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
load_icon_theme_thread (GTask        *task,
                        gpointer      source,
                        gpointer      theme,
                        GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (theme, "window-close-symbolic");
  g_task_return_boolean (task, TRUE);
}

/* GTK reads the icon theme in a thread of its own as soon as there is a
 * display; GtkApplication's start-up then adds the application's icons
 * (RESOURCE_PATH/icons), which makes GTK forget it, and the window's first
 * icon read it all again on the main thread before the first frame (a
 * tenth of Peerside's work to its first frame). It is read again here in
 * a thread, while the window is made. */
static void
load_icon_theme (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_task_set_task_data (task, g_object_ref (theme), g_object_unref);
  g_task_run_in_thread (task, load_icon_theme_thread);
}

static void
ps_application_startup (GApplication *app)
{
  PsApplication *self = PS_APPLICATION (app);
  g_autoptr(PsClock) clock = NULL;

  G_APPLICATION_CLASS (ps_application_parent_class)->startup (app);
  load_icon_theme ();
  ps_accessible_fix_mnemonic_names ();
  ps_accessible_fix_status_page_focus ();
  g_unix_signal_add (SIGTERM, quit_signal_cb, app);
  g_unix_signal_add (SIGINT, quit_signal_cb, app);
  g_unix_signal_add (SIGHUP, quit_signal_cb, app);

  /* Once per process: a test starts one application after another. */
  {
    static gsize named;

    if (g_once_init_enter (&named))
      {
        g_set_application_name (_("Peerside"));
        g_once_init_leave (&named, 1);
      }
  }
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (BASE_APP_ID);
  clock = self->clock != NULL ? g_object_ref (self->clock) : ps_clock_new ();
  self->time_sync = ps_time_sync_new (clock);
  self->context = ps_context_new (clock, self->settings, NULL, self->demo);

  ps_application_install_actions (self);
  g_signal_connect_object (self->settings, "changed::reminders-enabled",
                           G_CALLBACK (background_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (background_setting_changed_cb), self, G_CONNECT_SWAPPED);
  ps_context_open (self->context);

  self->reminders = ps_reminder_service_new (self->context, NULL);
  g_signal_connect_object (self->reminders, "open-case",
                           G_CALLBACK (reminder_open_case_cb), self, G_CONNECT_SWAPPED);
  ps_reminder_service_start (self->reminders);

  self->lock_monitor = ps_lock_monitor_new (self->context);
  g_signal_connect_object (self, "notify::screensaver-active",
                           G_CALLBACK (screensaver_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::status",
                           G_CALLBACK (context_status_changed_cb), self, G_CONNECT_SWAPPED);
  /* The demo never writes an autostart entry. */
  if (!self->demo)
    self->autostart = ps_autostart_new (self->settings);
}

static void
ps_application_activate (GApplication *app)
{
  PsApplication *self = PS_APPLICATION (app);
  GtkWindow *window;

  /* Started at login: stay in the background for reminders, once. */
  if (self->hidden)
    {
      self->hidden = FALSE;
      if (!self->held)
        {
          self->held = TRUE;
          g_application_hold (app);
        }
      return;
    }

  window = ps_application_get_main_window (self);
  if (window == NULL)
    {
      GtkEventController *events = gtk_event_controller_legacy_new ();

      window = GTK_WINDOW (ps_window_new (self, self->context));
      g_signal_connect_object (window, "close-request",
                               G_CALLBACK (window_close_request_cb), self, 0);
      g_signal_connect_object (window, "notify::conversation",
                               G_CALLBACK (conversation_shown_cb), self, G_CONNECT_SWAPPED);
      gtk_event_controller_set_propagation_phase (events, GTK_PHASE_CAPTURE);
      g_signal_connect_object (events, "event", G_CALLBACK (window_event_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (window), events);
    }

  gtk_window_present (window);

  /* The first start sets up safety before the first case; the demo, a
   * throwaway caseload, does not ask. */
  if (!self->demo && !g_settings_get_boolean (self->settings, "welcome-done") &&
      ps_application_get_welcome (self) == NULL)
    {
      PsWelcomeWindow *welcome = ps_welcome_window_new (self->settings);

      gtk_window_set_transient_for (GTK_WINDOW (welcome), window);
      gtk_window_set_application (GTK_WINDOW (welcome), GTK_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (welcome));
    }
}

/* The welcome while it shows, else NULL. */
PsWelcomeWindow *
ps_application_get_welcome (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PS_IS_WELCOME_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
ps_application_shutdown (GApplication *app)
{
  PsApplication *self = PS_APPLICATION (app);

  allow_idle (self);
  G_APPLICATION_CLASS (ps_application_parent_class)->shutdown (app);

  if (self->context != NULL)
    ps_context_shutdown (self->context);
  g_clear_object (&self->reminders);
  g_clear_object (&self->autostart);
  g_clear_object (&self->lock_monitor);
  g_clear_object (&self->time_sync);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
}

static void
ps_application_finalize (GObject *object)
{
  PsApplication *self = PS_APPLICATION (object);

  g_clear_object (&self->clock);
  G_OBJECT_CLASS (ps_application_parent_class)->finalize (object);
}

static void
ps_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PsApplication *self = PS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_application_class_init (PsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->set_property = ps_application_set_property;
  object_class->finalize = ps_application_finalize;

  /* The one source of "now" for the caseload, the reminders and the lock:
   * a fake one lets a test live a week in seconds. */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, PS_TYPE_CLOCK,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->handle_local_options = ps_application_handle_local_options;
  app_class->startup = ps_application_startup;
  app_class->activate = ps_application_activate;
  app_class->shutdown = ps_application_shutdown;
}

static void
ps_application_init (PsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A private caseload for peer supporters."));
}

PsApplication *
ps_application_new (void)
{
  return ps_application_new_with_clock (NULL);
}

/* @clock: the caseload's "now" (a fake one in tests), or NULL for the wall clock. */
PsApplication *
ps_application_new_with_clock (PsClock *clock)
{
  g_return_val_if_fail (clock == NULL || PS_IS_CLOCK (clock), NULL);

  return g_object_new (PS_TYPE_APPLICATION,
                       "clock", clock,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       /* For screensaver-active: the screen locking locks us. */
                       "register-session", TRUE,
                       NULL);
}

PsLockMonitor *
ps_application_get_lock_monitor (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);
  return self->lock_monitor;
}

PsReminderService *
ps_application_get_reminder_service (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);
  return self->reminders;
}

PsContext *
ps_application_get_context (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);
  return self->context;
}

GSettings *
ps_application_get_settings (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);
  return self->settings;
}
