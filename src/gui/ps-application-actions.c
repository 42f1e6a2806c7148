/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-application-private.h"
#include "ps-backup-dialog.h"
#include "ps-preferences-window.h"
#include "ps-window.h"

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkWindow *window = ps_application_get_main_window (PS_APPLICATION (user_data));

  /* A conversation on show asks first, as closing the window does. */
  if (window != NULL && ps_window_quit_after_conversation (PS_WINDOW (window)))
    return;
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { "Peerside developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Peerside"),
                        "application-icon", APP_ID,
                        "developer-name", _("Peerside developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/peerside/peerside",
                        "issue-url", "https://github.com/peerside/peerside/issues",
                        "comments", _("A private caseload for physician peer supporters: "
                                      "the colleagues you support, a guided conversation "
                                      "checklist, follow-up reminders and closure — encrypted, "
                                      "with no notes."),
                        "developers", developers,
                        "copyright", "© 2026 Peerside developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  PsApplication *self = PS_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PsPreferencesWindow *prefs;

  prefs = ps_preferences_window_new (ps_application_get_context (self));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ps_lock_monitor_lock (ps_application_get_lock_monitor (PS_APPLICATION (user_data)));
}

/* The first-run offer: the key moves to a keyring of its own, whose
 * password gnome-keyring asks for. Dismissing the prompt changes nothing. */
static void
protect_caseload_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  PsContext *context = ps_application_get_context (PS_APPLICATION (user_data));

  ps_key_vault_protect_async (ps_context_get_key_vault (context), NULL, NULL, NULL);
}

static void
present_backup_dialog (PsApplication      *self,
                       PsBackupDialogMode  mode)
{
  PsBackupDialog *dialog = ps_backup_dialog_new (ps_application_get_context (self), mode);

  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
backup_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  present_backup_dialog (PS_APPLICATION (user_data), PS_BACKUP_DIALOG_BACKUP);
}

static void
restore_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  present_backup_dialog (PS_APPLICATION (user_data), PS_BACKUP_DIALOG_RESTORE);
}

static gboolean
status_is_ready (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  PsApplication *self = user_data;

  g_value_set_boolean (to, g_value_get_enum (from) == PS_CONTEXT_READY &&
                           !ps_context_is_demo (ps_application_get_context (self)));
  return TRUE;
}

static const GActionEntry app_entries[] = {
  { "backup", backup_action },
  { "restore", restore_action },
  { "lock", lock_action },
  { "protect-caseload", protect_caseload_action },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.privacy-mode", { "<Control><Shift>p", NULL } },
  { "app.lock", { "<Control>l", NULL } },
  { "win.new-case", { "<Control>n", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.show-caseload", { "<Alt>1", NULL } },
  { "win.show-schedule", { "<Alt>2", NULL } },
  { "win.show-overview", { "<Alt>3", NULL } },
  { "window.close", { "<Control>w", NULL } },
  /* GtkApplication would set this for a gtk/help-overlay.ui; ours is
   * built when first shown (ps-window.c). */
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

void
ps_application_install_actions (PsApplication *self)
{
  g_autoptr(GAction) privacy = NULL;

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);

  /* A backup needs the caseload open; the demo has nothing worth keeping. */
  g_object_bind_property_full (ps_application_get_context (self), "status",
                               g_action_map_lookup_action (G_ACTION_MAP (self), "backup"), "enabled",
                               G_BINDING_SYNC_CREATE, status_is_ready, NULL, self, NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "restore")),
                               !ps_context_is_demo (ps_application_get_context (self)));

  privacy = g_settings_create_action (ps_application_get_settings (self), "privacy-mode");
  g_action_map_add_action (G_ACTION_MAP (self), privacy);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}
