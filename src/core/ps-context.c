/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The shared services handed down to every window and widget, after
 * gnome-calendar's GcalContext: the clock, the settings and the store,
 * with the state of opening the store (opening, ready, failed, locked). */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ps-context.h"
#include "ps-demo.h"
#include "ps-enum-types.h"
#include "ps-key.h"
#include "ps-key-vault.h"
#include "ps-retention.h"
#include "ps-scrub.h"
#include "ps-util.h"

struct _PsContext
{
  GObject          parent_instance;

  PsClock         *clock;
  GSettings       *settings;
  PsKeyVault      *vault;
  PsKey           *demo_key;   /* the demo's key, held only in memory */
  PsStore         *store;
  GError          *error;
  GCancellable    *cancellable;
  char            *data_dir;
  guint            open_timeout_id;
  guint            retention_id;
  int              clock_days_off;
  PsContextStatus  status;
  guint            demo : 1;
};

G_DEFINE_FINAL_TYPE (PsContext, ps_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_STATUS,
  PROP_DEMO,
  PROP_DATA_DIR,
  PROP_CLOCK_DAYS_OFF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void     clock_synchronized_cb (PsContext *self);
static gboolean run_retention         (gpointer   user_data);


static void
set_status (PsContext       *self,
            PsContextStatus  status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
ps_context_dispose (GObject *object)
{
  PsContext *self = (PsContext *)object;

  g_clear_handle_id (&self->open_timeout_id, g_source_remove);
  g_clear_handle_id (&self->retention_id, g_source_remove);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (ps_context_parent_class)->dispose (object);
}

static void
ps_context_finalize (GObject *object)
{
  PsContext *self = (PsContext *)object;

  /* The demo store is throwaway: it goes with the process. */
  if (self->demo && self->data_dir != NULL)
    ps_remove_tree (self->data_dir);

  g_clear_error (&self->error);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->demo_key, ps_key_free);

  G_OBJECT_CLASS (ps_context_parent_class)->finalize (object);
}

static void
ps_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PsContext *self = PS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_CLOCK_DAYS_OFF:
      g_value_set_int (value, self->clock_days_off);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_context_class_init (PsContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_context_dispose;
  object_class->finalize = ps_context_finalize;
  object_class->get_property = ps_context_get_property;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, PS_TYPE_CLOCK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PS_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, PS_TYPE_CONTEXT_STATUS, PS_CONTEXT_OPENING,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The clock's today minus the day retention counted from (see
   * ps_retention_run): not 0 means erasure is postponed, for the Overview. */
  properties[PROP_CLOCK_DAYS_OFF] =
    g_param_spec_int ("clock-days-off", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_context_init (PsContext *self)
{
  self->status = PS_CONTEXT_OPENING;
}

PsContext *
ps_context_new (PsClock    *clock,
                GSettings  *settings,
                const char *data_dir,
                gboolean    demo)
{
  PsContext *self;

  g_return_val_if_fail (PS_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PS_TYPE_CONTEXT, NULL);
  self->clock = g_object_ref (clock);
  self->settings = g_object_ref (settings);
  self->demo = !!demo;
  g_signal_connect_swapped (clock, "notify::synchronized",
                            G_CALLBACK (clock_synchronized_cb), self);
  g_signal_connect_swapped (clock, "changed", G_CALLBACK (run_retention), self);

  if (data_dir != NULL)
    self->data_dir = g_strdup (data_dir);
  else if (!demo)
    self->data_dir = g_build_filename (g_get_user_data_dir (), "peerside", NULL);

  return self;
}

/* A context around a store opened elsewhere (benchmarks, tests). */
PsContext *
ps_context_new_for_store (PsClock   *clock,
                          GSettings *settings,
                          PsStore   *store)
{
  PsContext *self = ps_context_new (clock, settings, NULL, TRUE);

  g_return_val_if_fail (PS_IS_STORE (store), NULL);

  self->demo = FALSE;
  self->store = g_object_ref (store);
  self->status = PS_CONTEXT_READY;
  return self;
}

PsClock *
ps_context_get_clock (PsContext *self)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), NULL);
  return self->clock;
}

GSettings *
ps_context_get_settings (PsContext *self)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), NULL);
  return self->settings;
}

PsStore *
ps_context_get_store (PsContext *self)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), NULL);
  return self->store;
}

PsContextStatus
ps_context_get_status (PsContext *self)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), PS_CONTEXT_FAILED);
  return self->status;
}

const GError *
ps_context_get_error (PsContext *self)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), NULL);
  return self->error;
}

const char *
ps_context_get_data_dir (PsContext *self)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), NULL);
  return self->data_dir;
}

/* The keyring access shared by opening and restoring. */
PsKeyVault *
ps_context_get_key_vault (PsContext *self)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), NULL);

  if (self->vault == NULL)
    self->vault = ps_key_vault_new ();
  return self->vault;
}

int
ps_context_get_clock_days_off (PsContext *self)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), 0);
  return self->clock_days_off;
}

gboolean
ps_context_is_demo (PsContext *self)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), FALSE);
  return self->demo;
}

static void
set_clock_days_off (PsContext *self,
                    int        days_off)
{
  if (self->clock_days_off == days_off)
    return;
  self->clock_days_off = days_off;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_DAYS_OFF]);
}

/* Names and contacts of cases closed longer ago than the retention setting
 * are erased when the caseload opens, every few hours after, when the clock
 * jumps or a new day begins, and when the system starts vouching for its
 * clock. */
static gboolean
run_retention (gpointer user_data)
{
  PsContext *self = user_data;
  g_autoptr(GError) error = NULL;
  guint erased = 0;
  int days_off = 0;

  if (self->store == NULL)
    return G_SOURCE_CONTINUE;
  if (!ps_retention_run (self->store, self->clock,
                         g_settings_get_int (self->settings, "retention-days"),
                         &erased, &days_off, &error))
    /* The message is the store's: it never names anyone. */
    g_message ("Erasing closed cases' names failed: %s", error->message);
  else
    set_clock_days_off (self, days_off);
  return G_SOURCE_CONTINUE;
}

static void
clock_synchronized_cb (PsContext *self)
{
  if (ps_clock_get_synchronized (self->clock))
    run_retention (self);
}

/* The person confirmed the date the clock shows: erasure counts from it. */
gboolean
ps_context_trust_clock (PsContext  *self,
                        GError    **error)
{
  g_return_val_if_fail (PS_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!ps_retention_trust_clock (self->store, self->clock, error))
    return FALSE;
  run_retention (self);
  return TRUE;
}

static void
set_store (PsContext *self,
           PsStore   *store,
           GError    *error)
{
  g_clear_error (&self->error);
  g_set_object (&self->store, store);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  g_clear_handle_id (&self->retention_id, g_source_remove);
  if (store != NULL)
    {
      run_retention (self);
      self->retention_id = g_timeout_add_seconds (6 * 60 * 60, run_retention, self);
    }
  set_status (self, store != NULL ? PS_CONTEXT_READY : PS_CONTEXT_FAILED);
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PsContext) self = user_data;
  g_autoptr(PsStore) store = NULL;
  GError *error = NULL;

  store = ps_store_open_finish (result, &error);
  g_clear_handle_id (&self->open_timeout_id, g_source_remove);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }
  set_store (self, store, error);
}

static gboolean
open_demo (PsContext  *self,
           GError    **error)
{
  g_autoptr(PsStore) store = NULL;
  g_autofree char *path = NULL;
  gboolean create = self->demo_key == NULL;

  if (self->data_dir == NULL &&
      !(self->data_dir = g_dir_make_tmp ("peerside-demo-XXXXXX", error)))
    return FALSE;

  /* A key held only in memory: the demo never touches the user's keyring.
   * It stays after a lock, so the demo unlocks as the real caseload does
   * (its cases are fictional). */
  if (create && !(self->demo_key = ps_key_new_random (error)))
    return FALSE;

  path = g_build_filename (self->data_dir, "caseload.db", NULL);
  store = ps_store_open_with_key (path, ps_key_get_hex (self->demo_key), create, self->clock,
                                  error);

  if (store == NULL || (create && !ps_demo_populate (store, self->clock, error)))
    return FALSE;

  set_store (self, store, NULL);
  return TRUE;
}

/* libsecret 0.20.5 can leave a locked keyring's unlock unanswered when no
 * prompt can be shown: never wait on "Opening…" for ever. */
static gboolean
open_timeout_cb (gpointer user_data)
{
  PsContext *self = user_data;

  self->open_timeout_id = 0;
  if (self->status == PS_CONTEXT_OPENING)
    {
      g_cancellable_cancel (self->cancellable);
      set_store (self, NULL,
                 g_error_new_literal (PS_STORE_ERROR, PS_STORE_ERROR_KEYRING_LOCKED,
                                      _("The keyring did not answer. It may be locked and "
                                        "unable to ask for your password.")));
    }
  return G_SOURCE_REMOVE;
}

/* Opens (or re-opens, after an error or a lock) the caseload. */
void
ps_context_open (PsContext *self)
{
  g_return_if_fail (PS_IS_CONTEXT (self));

  if (self->status == PS_CONTEXT_READY)
    return;

  /* Before the key, the store or a backup is read: until now nothing of
   * the user's was in memory, and what was freed (GTK's start-up, a tenth
   * of the work to the first frame) needed no zeroing. */
  if (ps_scrub_freed_memory != NULL)
    ps_scrub_freed_memory ();

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_status (self, PS_CONTEXT_OPENING);

  if (self->demo)
    {
      GError *error = NULL;

      if (!open_demo (self, &error))
        set_store (self, NULL, error);
      return;
    }

  g_clear_handle_id (&self->open_timeout_id, g_source_remove);
  self->open_timeout_id = g_timeout_add_seconds (60, open_timeout_cb, self);
  ps_store_open_async (self->data_dir,
                       ps_context_get_key_vault (self),
                       self->clock,
                       self->cancellable,
                       store_opened_cb,
                       g_object_ref (self));
}

static void
keyring_locked_now_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!ps_key_vault_lock_finish (PS_KEY_VAULT (object), result, &error))
    g_debug ("Locking the caseload's keyring: %s", error->message);
  *done = TRUE;
}

static gboolean
give_up_cb (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

/* A key in a keyring of its own (a caseload password) is locked there
 * before Peerside ends, so that starting it again asks for that password
 * as after Lock: quitting must not leave the caseload open to the next
 * person at the desk. The process is ending: waits for the keyring, three
 * seconds at most. */
static void
lock_keyring_now (PsContext *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  gboolean done = FALSE;
  guint give_up_id;

  if (self->vault == NULL || !ps_key_vault_get_protected (self->vault))
    return;
  cancellable = g_cancellable_new ();
  give_up_id = g_timeout_add_seconds (3, give_up_cb, cancellable);
  ps_key_vault_lock_async (self->vault, cancellable, keyring_locked_now_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (give_up_id);
}

/* For good (Peerside quits): the store closes and the key goes with it,
 * locked in its own keyring if it has one. */
void
ps_context_shutdown (PsContext *self)
{
  g_return_if_fail (PS_IS_CONTEXT (self));

  ps_context_close (self, PS_CONTEXT_LOCKED);
  lock_keyring_now (self);
  /* Now, not when the last reference goes: a window or a service may
   * still hold one as the process ends. */
  if (self->demo && self->data_dir != NULL)
    {
      ps_remove_tree (self->data_dir);
      g_clear_pointer (&self->data_dir, g_free);
    }
}

void
ps_context_close (PsContext       *self,
                  PsContextStatus  status)
{
  g_return_if_fail (PS_IS_CONTEXT (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retention_id, g_source_remove);
  if (self->store != NULL)
    {
      g_clear_object (&self->store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
  set_status (self, status);
}

void
ps_first_contact_days_read (GSettings *settings,
                            guint     *due_days,
                            guint     *overdue_days)
{
  int due, overdue;

  g_return_if_fail (G_IS_SETTINGS (settings));

  due = CLAMP (g_settings_get_int (settings, "first-contact-due-days"), 1, 14);
  overdue = CLAMP (g_settings_get_int (settings, "first-contact-overdue-days"), due, 14);
  if (due_days != NULL)
    *due_days = due;
  if (overdue_days != NULL)
    *overdue_days = overdue;
}
