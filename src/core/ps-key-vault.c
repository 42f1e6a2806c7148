/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The caseload key in the Secret Service.
 *
 * libsecret 0.20.5 answers a lookup on a locked or cold keyring with NULL
 * and no error, exactly as if there were no key. So the default collection
 * is unlocked first; an item that stays locked is reported as a locked
 * keyring, never as a missing key.
 *
 * Unlocking is done here over GDBus, not with secret_service_unlock(): when
 * gnome-keyring cannot show its prompt, libsecret 0.20.5 trips on the
 * prompt's failure ("g_task_return_error: assertion 'error != NULL'") and
 * its unlock may never complete. Ours calls Service.Unlock, then
 * Prompt.Prompt, and waits for Completed with a time limit; a prompt that
 * fails, is dismissed or times out means a locked keyring.
 *
 * The key lives either in the default (login) collection, which opens with
 * the session, or in Peerside's own collection with a password of its own:
 * protecting moves it there, locking Peerside locks that collection, and
 * opening again brings up gnome-keyring's own password prompt. The password
 * never passes through Peerside.
 *
 * That prompt offers "Automatically unlock this keyring whenever I'm logged
 * in", ticked by default, and the Secret Service API has no way to hide it.
 * Left ticked, gnome-keyring (42) keeps the password in the login keyring
 * as an item with one attribute, keyring = "LOCAL:/keyrings/<id>.keyring",
 * and every later Unlock opens without asking. It makes that item inside
 * the daemon and never exports it on D-Bus, so it cannot simply be
 * deleted; but CreateItem with replace on the same attributes takes it
 * over (and exports it), and then it can. So after every unlock and before
 * every lock such an item for Peerside's collection is taken over and
 * deleted: the next opening asks again (tests/core/test-key-protection.c). */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-key-vault.h"
#include "ps-store-error.h"

#define SECRET_BUS_NAME       "org.freedesktop.secrets"
#define SECRET_SERVICE_PATH   "/org/freedesktop/secrets"
#define SECRET_SERVICE_IFACE  "org.freedesktop.Secret.Service"
#define SECRET_PROMPT_IFACE   "org.freedesktop.Secret.Prompt"

/* Long enough to type a password, short enough never to wait for ever. */
#define PROMPT_TIMEOUT_SECONDS 120

/* The label of Peerside's own collection: a name, not translated. */
#define OWN_COLLECTION_LABEL "Peerside"

struct _PsKeyVault
{
  GObject   parent_instance;

  char     *key_collection;   /* where the last lookup found the key */
  gboolean  is_protected;
};

G_DEFINE_FINAL_TYPE (PsKeyVault, ps_key_vault, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROTECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  OP_LOOKUP,
  OP_STORE,
  OP_ENSURE,    /* lookup; if missing, make, store and read back */
  OP_PROTECT,   /* lookup, then move into the own collection */
} VaultOpKind;

typedef struct
{
  VaultOpKind    kind;
  SecretService *service;
  PsKey         *key;          /* to store, or found */
  char          *default_path; /* the default collection, if any */
  char          *target;       /* the collection to store in; NULL: default */
  char          *found_in;     /* the collection the key was found in */
  gboolean       unlocked;     /* items were unlocked once already */
  gboolean       may_create;
  gboolean       made_key;
} VaultOp;

static void
vault_op_free (VaultOp *op)
{
  g_clear_object (&op->service);
  g_clear_pointer (&op->key, ps_key_free);
  g_clear_pointer (&op->default_path, g_free);
  g_clear_pointer (&op->target, g_free);
  g_clear_pointer (&op->found_in, g_free);
  g_free (op);
}

const SecretSchema *
ps_key_vault_get_schema (void)
{
  static const SecretSchema schema = {
    PS_KEY_VAULT_SCHEMA_NAME, SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { "store", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

GHashTable *
ps_key_vault_new_attributes (void)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer)"store", (gpointer)"caseload");
  return attributes;
}

static gboolean
is_no_service_error (const GError *error)
{
  static const GDBusError no_service[] = {
    G_DBUS_ERROR_SERVICE_UNKNOWN,
    G_DBUS_ERROR_NAME_HAS_NO_OWNER,
    G_DBUS_ERROR_NO_SERVER,
    G_DBUS_ERROR_DISCONNECTED,
    G_DBUS_ERROR_SPAWN_EXEC_FAILED,
    G_DBUS_ERROR_SPAWN_FORK_FAILED,
    G_DBUS_ERROR_SPAWN_CHILD_EXITED,
    G_DBUS_ERROR_SPAWN_CHILD_SIGNALED,
    G_DBUS_ERROR_SPAWN_FAILED,
    G_DBUS_ERROR_SPAWN_SETUP_FAILED,
    G_DBUS_ERROR_SPAWN_CONFIG_INVALID,
    G_DBUS_ERROR_SPAWN_SERVICE_INVALID,
    G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND,
    G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID,
    G_DBUS_ERROR_SPAWN_FILE_INVALID,
    G_DBUS_ERROR_SPAWN_NO_MEMORY,
  };

  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (no_service); i++)
    if (error->code == (int)no_service[i])
      return TRUE;
  return FALSE;
}

/* Turns what libsecret or D-Bus said into a store error. @have_service: the
 * Secret Service answered; a failure after that is a keyring that could not
 * be unlocked or created (e.g. "Object does not exist at path
 * /org/freedesktop/secrets/collection/login" with no prompter). */
static void
return_secret_error (GTask    *task,
                     GError   *error,
                     gboolean  have_service)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  PsStoreError code;

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Secret Service: %s", error->message);

  if (!have_service || is_no_service_error (error))
    code = PS_STORE_ERROR_NO_SECRET_SERVICE;
  else
    code = PS_STORE_ERROR_KEYRING_LOCKED;

  g_error_free (error);
  g_task_return_new_error (task, PS_STORE_ERROR, code, "%s", ps_store_error_message (code));
}

static void
return_code (GTask        *task,
             PsStoreError  code)
{
  g_task_return_new_error (task, PS_STORE_ERROR, code, "%s", ps_store_error_message (code));
}

/* Service calls that may prompt, over GDBus ------------------------------ */

typedef struct
{
  GDBusConnection *connection;
  char            *owner;          /* the service's unique name */
  char            *prompt_path;
  guint            completed_id;
  guint            vanished_id;
  GSource         *timeout;
  GSource         *cancelled;
  GVariant        *result;         /* what the call or its prompt gave */
  gboolean         done;
} Unlock;

static void
unlock_dismiss_prompt (Unlock *unlock)
{
  /* Best effort: a prompt still on screen goes away. */
  g_dbus_connection_call (unlock->connection, unlock->owner, unlock->prompt_path,
                          SECRET_PROMPT_IFACE, "Dismiss", NULL, NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);
}

static void
unlock_stop_waiting (Unlock *unlock)
{
  if (unlock->completed_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (unlock->connection, unlock->completed_id);
      unlock->completed_id = 0;
    }
  if (unlock->vanished_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (unlock->connection, unlock->vanished_id);
      unlock->vanished_id = 0;
    }
  if (unlock->timeout != NULL)
    {
      g_source_destroy (unlock->timeout);
      g_clear_pointer (&unlock->timeout, g_source_unref);
    }
  if (unlock->cancelled != NULL)
    {
      g_source_destroy (unlock->cancelled);
      g_clear_pointer (&unlock->cancelled, g_source_unref);
    }
}

static void
unlock_free (Unlock *unlock)
{
  unlock_stop_waiting (unlock);
  g_clear_object (&unlock->connection);
  g_clear_pointer (&unlock->owner, g_free);
  g_clear_pointer (&unlock->prompt_path, g_free);
  g_clear_pointer (&unlock->result, g_variant_unref);
  g_free (unlock);
}

/* Ends the unlock once, whichever of reply, signal, timeout or cancel came
 * first. @error NULL: unlocked. */
static void
unlock_return (GTask  *task,
               GError *error)
{
  /* Unsubscribing drops references to @task: hold one until the end. */
  g_autoptr(GTask) self = g_object_ref (task);
  Unlock *unlock = g_task_get_task_data (self);

  if (unlock->done)
    {
      g_clear_error (&error);
      return;
    }
  unlock->done = TRUE;
  unlock_stop_waiting (unlock);

  if (error != NULL)
    g_task_return_error (self, error);
  else
    g_task_return_boolean (self, TRUE);
}

static GError *
locked_error (void)
{
  return g_error_new_literal (PS_STORE_ERROR, PS_STORE_ERROR_KEYRING_LOCKED,
                              ps_store_error_message (PS_STORE_ERROR_KEYRING_LOCKED));
}

static void
prompt_completed_cb (GDBusConnection *connection,
                     const char      *sender_name,
                     const char      *object_path,
                     const char      *interface_name,
                     const char      *signal_name,
                     GVariant        *parameters,
                     gpointer         user_data)
{
  GTask *task = user_data;
  g_autoptr(GVariant) result = NULL;
  gboolean dismissed = TRUE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(bv)")))
    return;
  g_variant_get (parameters, "(bv)", &dismissed, &result);

  g_debug ("Unlock prompt completed, dismissed: %d", dismissed);
  if (dismissed)
    unlock_return (task, locked_error ());
  else
    {
      Unlock *unlock = g_task_get_task_data (task);

      unlock->result = g_steal_pointer (&result);
      unlock_return (task, NULL);
    }
}

/* gnome-keyring can exit while prompting (it aborts on its own warning
 * under G_DEBUG=fatal-warnings): no Completed will ever come. */
static void
service_vanished_cb (GDBusConnection *connection,
                     const char      *sender_name,
                     const char      *object_path,
                     const char      *interface_name,
                     const char      *signal_name,
                     GVariant        *parameters,
                     gpointer         user_data)
{
  GTask *task = user_data;
  const char *name, *old_owner, *new_owner;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sss)")))
    return;
  g_variant_get (parameters, "(&s&s&s)", &name, &old_owner, &new_owner);
  if (new_owner[0] != '\0')
    return;

  g_debug ("The Secret Service left the bus while prompting");
  unlock_return (task, locked_error ());
}

static gboolean
prompt_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;

  g_debug ("The unlock prompt got no answer in %d s", PROMPT_TIMEOUT_SECONDS);
  unlock_dismiss_prompt (g_task_get_task_data (task));
  unlock_return (task, locked_error ());
  return G_SOURCE_REMOVE;
}

static gboolean
prompt_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;

  unlock_dismiss_prompt (g_task_get_task_data (task));
  unlock_return (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            "Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

static void
prompt_called_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* gnome-keyring with no prompter to show fails here, or dismisses. */
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_debug ("The unlock prompt could not be shown: %s", error->message);
      unlock_return (task, locked_error ());
    }
}

static void
unlock_called_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Unlock *unlock = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) prompt_path = NULL;
  GError *error = NULL;
  const char *prompt = NULL;
  GMainContext *context = g_task_get_context (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      unlock_return (task, error);
      return;
    }

  /* Every such reply is (result, prompt). */
  prompt_path = g_variant_get_child_value (reply, 1);
  prompt = g_variant_get_string (prompt_path, NULL);
  if (g_str_equal (prompt, "/"))
    {
      /* Done without asking (e.g. already unlocked). */
      unlock->result = g_variant_get_child_value (reply, 0);
      unlock_return (task, NULL);
      return;
    }

  unlock->prompt_path = g_strdup (prompt);

  /* Listen before asking: Completed can come before Prompt's reply. */
  unlock->completed_id =
    g_dbus_connection_signal_subscribe (unlock->connection, unlock->owner, SECRET_PROMPT_IFACE,
                                        "Completed", unlock->prompt_path, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, prompt_completed_cb,
                                        g_object_ref (task), g_object_unref);
  if (unlock->owner[0] == ':')
    unlock->vanished_id =
      g_dbus_connection_signal_subscribe (unlock->connection, "org.freedesktop.DBus",
                                          "org.freedesktop.DBus", "NameOwnerChanged",
                                          "/org/freedesktop/DBus", unlock->owner,
                                          G_DBUS_SIGNAL_FLAGS_NONE, service_vanished_cb,
                                          g_object_ref (task), g_object_unref);

  unlock->timeout = g_timeout_source_new_seconds (PROMPT_TIMEOUT_SECONDS);
  g_source_set_callback (unlock->timeout, prompt_timeout_cb, task, NULL);
  g_source_attach (unlock->timeout, context);

  if (cancellable != NULL)
    {
      unlock->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (unlock->cancelled, G_SOURCE_FUNC (prompt_cancelled_cb), task, NULL);
      g_source_attach (unlock->cancelled, context);
    }

  /* No parent window: the core knows none, and gnome-keyring does not need one. */
  g_dbus_connection_call (unlock->connection, unlock->owner, unlock->prompt_path,
                          SECRET_PROMPT_IFACE, "Prompt", g_variant_new ("(s)", ""), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, prompt_called_cb,
                          g_object_ref (task));
}

/* Calls @method of the Secret Service, whose reply is (result, prompt),
 * and shows the prompt if there is one; the task's result is the call's or
 * the prompt's. The timeout and cancel sources hold no reference: the signal
 * subscription and pending calls keep the task alive until it ended, and
 * ending removes them. */
static void
prompt_call_async (SecretService       *service,
                   const char          *method,
                   GVariant            *parameters,
                   const GVariantType  *reply_type,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (service, cancellable, callback, user_data);
  Unlock *unlock = g_new0 (Unlock, 1);
  GDBusProxy *proxy = G_DBUS_PROXY (service);

  unlock->connection = g_object_ref (g_dbus_proxy_get_connection (proxy));
  unlock->owner = g_dbus_proxy_get_name_owner (proxy);
  if (unlock->owner == NULL)
    unlock->owner = g_strdup (SECRET_BUS_NAME);
  g_task_set_source_tag (task, prompt_call_async);
  g_task_set_task_data (task, unlock, (GDestroyNotify)unlock_free);

  g_dbus_connection_call (unlock->connection, unlock->owner, SECRET_SERVICE_PATH,
                          SECRET_SERVICE_IFACE, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, cancellable, unlock_called_cb,
                          g_steal_pointer (&task));
}

static GVariant *
prompt_call_finish (GAsyncResult  *result,
                    GError       **error)
{
  Unlock *unlock = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return unlock->result != NULL ? g_variant_ref (unlock->result) : NULL;
}

/* Unlocks the objects at @paths (collections or items), prompting if the
 * keyring asks to. */
static void
unlock_paths_async (SecretService       *service,
                    const char * const  *paths,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  prompt_call_async (service, "Unlock", g_variant_new ("(^ao)", (char **)paths),
                     G_VARIANT_TYPE ("(aoo)"), cancellable, callback, user_data);
}

static gboolean
unlock_paths_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_autoptr(GVariant) unlocked = prompt_call_finish (result, error);

  if (unlocked == NULL)
    return FALSE;
  if (!g_variant_is_of_type (unlocked, G_VARIANT_TYPE ("ao")) ||
      g_variant_n_children (unlocked) == 0)
    {
      g_propagate_error (error, locked_error ());
      return FALSE;
    }
  return TRUE;
}

/* Forgetting gnome-keyring's "automatically unlock" ---------------------- */

static GVariant *
call_sync (GDBusConnection     *bus,
           const char          *owner,
           const char          *path,
           const char          *iface,
           const char          *method,
           GVariant            *parameters,
           const GVariantType  *reply_type,
           GError             **error)
{
  return g_dbus_connection_call_sync (bus, owner, path, iface, method, parameters, reply_type,
                                      G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, error);
}

/* Deletes the login keyring's copy of @collection's password, if any. */
static void
forget_one (GDBusConnection *bus,
            const char      *owner,
            const char      *collection)
{
  g_autofree char *id = g_path_get_basename (collection);
  g_autofree char *location = g_strdup_printf ("LOCAL:/keyrings/%s.keyring", id);
  g_autoptr(GVariant) found = NULL;
  g_autoptr(GVariant) session = NULL;
  g_autoptr(GVariant) closed = NULL;
  g_autofree const char **unlocked = NULL;
  g_autoptr(GError) error = NULL;
  const char *session_path;
  GVariantBuilder attributes;

  g_variant_builder_init (&attributes, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&attributes, "{ss}", "keyring", location);
  found = call_sync (bus, owner, SECRET_SERVICE_PATH, SECRET_SERVICE_IFACE, "SearchItems",
                     g_variant_new ("(a{ss})", &attributes), G_VARIANT_TYPE ("(aoao)"), &error);
  if (found == NULL)
    {
      g_debug ("Looking for a stored keyring password: %s", error->message);
      return;
    }
  g_variant_get (found, "(^a&o@ao)", &unlocked, NULL);
  if (unlocked[0] == NULL)
    return;

  session = call_sync (bus, owner, SECRET_SERVICE_PATH, SECRET_SERVICE_IFACE, "OpenSession",
                       g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                       G_VARIANT_TYPE ("(vo)"), &error);
  if (session == NULL)
    {
      g_debug ("Opening a Secret Service session: %s", error->message);
      return;
    }
  g_variant_get (session, "(v&o)", NULL, &session_path);

  for (guint i = 0; unlocked[i] != NULL; i++)
    {
      g_autofree char *in = g_path_get_dirname (unlocked[i]);
      g_autoptr(GVariant) made = NULL;
      g_autoptr(GVariant) deleted = NULL;
      const char *item;
      GVariantBuilder props;

      g_variant_builder_init (&props, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&props, "{sv}", "org.freedesktop.Secret.Item.Label",
                             g_variant_new_string (""));
      g_variant_builder_open (&props, G_VARIANT_TYPE ("{sv}"));
      g_variant_builder_add (&props, "s", "org.freedesktop.Secret.Item.Attributes");
      g_variant_builder_open (&props, G_VARIANT_TYPE_VARIANT);
      g_variant_builder_open (&props, G_VARIANT_TYPE ("a{ss}"));
      g_variant_builder_add (&props, "{ss}", "keyring", location);
      g_variant_builder_close (&props);
      g_variant_builder_close (&props);
      g_variant_builder_close (&props);

      made = call_sync (bus, owner, in, "org.freedesktop.Secret.Collection", "CreateItem",
                        g_variant_new ("(a{sv}(o@ay@ays)b)", &props, session_path,
                                       g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, NULL, 0, 1),
                                       g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, NULL, 0, 1),
                                       "text/plain", TRUE),
                        G_VARIANT_TYPE ("(oo)"), &error);
      if (made == NULL)
        {
          g_debug ("Taking over a stored keyring password: %s", error->message);
          g_clear_error (&error);
          continue;
        }
      g_variant_get (made, "(&o&o)", &item, NULL);
      deleted = call_sync (bus, owner, item, "org.freedesktop.Secret.Item", "Delete", NULL,
                           G_VARIANT_TYPE ("(o)"), &error);
      if (deleted == NULL)
        {
          g_debug ("Deleting a stored keyring password: %s", error->message);
          g_clear_error (&error);
        }
      else
        g_debug ("Forgot the login keyring's copy of a keyring password");
    }

  closed = call_sync (bus, owner, session_path, "org.freedesktop.Secret.Session", "Close", NULL,
                      NULL, NULL);
}

static void
forget_auto_unlock_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  GDBusProxy *service = G_DBUS_PROXY (source_object);
  GDBusConnection *bus = g_dbus_proxy_get_connection (service);
  g_autofree char *owner = g_dbus_proxy_get_name_owner (service);
  g_autoptr(GVariant) collections = NULL;
  g_autofree const char **paths = NULL;

  if (owner == NULL)
    owner = g_strdup (SECRET_BUS_NAME);
  collections = call_sync (bus, owner, SECRET_SERVICE_PATH, "org.freedesktop.DBus.Properties",
                           "Get", g_variant_new ("(ss)", SECRET_SERVICE_IFACE, "Collections"),
                           G_VARIANT_TYPE ("(v)"), NULL);
  if (collections != NULL)
    {
      g_autoptr(GVariant) list = NULL;

      g_variant_get (collections, "(v)", &list);
      if (g_variant_is_of_type (list, G_VARIANT_TYPE ("ao")))
        paths = g_variant_get_objv (list, NULL);
    }

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GVariant) label = NULL;

      reply = call_sync (bus, owner, paths[i], "org.freedesktop.DBus.Properties", "Get",
                         g_variant_new ("(ss)", "org.freedesktop.Secret.Collection", "Label"),
                         G_VARIANT_TYPE ("(v)"), NULL);
      if (reply == NULL)
        continue;
      g_variant_get (reply, "(v)", &label);
      if (g_variant_is_of_type (label, G_VARIANT_TYPE_STRING) &&
          g_str_equal (g_variant_get_string (label, NULL), OWN_COLLECTION_LABEL))
        forget_one (bus, owner, paths[i]);
    }
  g_task_return_boolean (task, TRUE);
}

/* Makes sure the login keyring holds no password for Peerside's own
 * collection; never fails (what cannot be done is logged for debugging). */
static void
forget_auto_unlock_async (SecretService       *service,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (service, NULL, callback, user_data);

  g_task_set_source_tag (task, forget_auto_unlock_async);
  g_task_run_in_thread (task, forget_auto_unlock_thread);
}

/* Lookup, store, ensure and protect -------------------------------------- */

static void run_operation (GTask *task);

static void
return_unlock_error (GTask  *task,
                     GError *error)
{
  if (g_error_matches (error, PS_STORE_ERROR, PS_STORE_ERROR_KEYRING_LOCKED))
    g_task_return_error (task, error);
  else
    return_secret_error (task, error, TRUE);
}

static void
set_found_in (PsKeyVault *self,
              const char *collection,
              const char *default_path)
{
  gboolean is_protected = collection != NULL && g_strcmp0 (collection, default_path) != 0;

  g_free (self->key_collection);
  self->key_collection = g_strdup (collection);
  if (self->is_protected != is_protected)
    {
      self->is_protected = is_protected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTECTED]);
    }
}

static char *
item_collection (SecretItem *item)
{
  return g_path_get_dirname (g_dbus_proxy_get_object_path (G_DBUS_PROXY (item)));
}

static void
items_unlocked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VaultOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!unlock_paths_finish (result, &error))
    {
      return_unlock_error (task, error);
      return;
    }
  op->unlocked = TRUE;
  forget_auto_unlock_async (op->service, NULL, NULL);
  run_operation (task);
}

/* The copies left behind in other collections once the key is in its own. */
static void
delete_next (GTask     *task,
             GPtrArray *items);

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *items = g_object_get_data (G_OBJECT (task), "ps-left-behind");
  GError *error = NULL;

  if (!secret_item_delete_finish (SECRET_ITEM (object), result, &error))
    {
      return_secret_error (task, error, TRUE);
      return;
    }
  delete_next (task, items);
}

static void
delete_next (GTask     *task,
             GPtrArray *items)
{
  PsKeyVault *self = g_task_get_source_object (task);
  VaultOp *op = g_task_get_task_data (task);

  if (items->len == 0)
    {
      set_found_in (self, op->target, op->default_path);
      g_task_return_boolean (task, TRUE);
      return;
    }
  {
    g_autoptr(SecretItem) item = g_ptr_array_steal_index (items, items->len - 1);

    secret_item_delete (item, g_task_get_cancellable (task), deleted_cb, g_object_ref (task));
  }
}

static void
collection_created_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VaultOp *op = g_task_get_task_data (task);
  g_autoptr(GVariant) path = NULL;
  GError *error = NULL;

  path = prompt_call_finish (result, &error);
  if (path == NULL)
    {
      return_unlock_error (task, error);
      return;
    }
  if (!g_variant_is_of_type (path, G_VARIANT_TYPE_OBJECT_PATH) ||
      g_str_equal (g_variant_get_string (path, NULL), "/"))
    {
      return_code (task, PS_STORE_ERROR_KEYRING_LOCKED);
      return;
    }
  op->target = g_variant_dup_string (path, NULL);
  run_operation (task);
}

/* Makes Peerside's own collection: gnome-keyring asks for its password. */
static void
create_collection (GTask *task)
{
  VaultOp *op = g_task_get_task_data (task);
  GVariantBuilder props;

  g_variant_builder_init (&props, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&props, "{sv}", "org.freedesktop.Secret.Collection.Label",
                         g_variant_new_string (OWN_COLLECTION_LABEL));
  prompt_call_async (op->service, "CreateCollection", g_variant_new ("(a{sv}s)", &props, ""),
                     G_VARIANT_TYPE ("(oo)"), g_task_get_cancellable (task),
                     collection_created_cb, g_object_ref (task));
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsKeyVault *self = g_task_get_source_object (task);
  VaultOp *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) locked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *found_in = NULL;
  GError *error = NULL;
  GList *items;
  PsKey *key = NULL;

  items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  if (error != NULL)
    {
      return_secret_error (task, error, TRUE);
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autofree char *collection = item_collection (item);
      g_autoptr(SecretValue) value = NULL;
      const char *secret;
      gsize length = 0;

      /* Reading back after a move: only the copy in the new collection. */
      if (op->target != NULL && !g_str_equal (collection, op->target))
        {
          g_ptr_array_add (others, g_object_ref (item));
          continue;
        }
      if (key != NULL)
        continue;
      if (secret_item_get_locked (item) || (value = secret_item_get_secret (item)) == NULL)
        {
          g_ptr_array_add (locked, g_strdup (g_dbus_proxy_get_object_path (G_DBUS_PROXY (item))));
          continue;
        }
      secret = secret_value_get (value, &length);
      key = ps_key_new_from_hex (secret, length);
      found_in = g_steal_pointer (&collection);
    }
  g_list_free_full (items, g_object_unref);

  if (key != NULL && op->kind == OP_PROTECT && op->target == NULL)
    {
      if (g_strcmp0 (found_in, op->default_path) != 0)
        {
          /* Already in a collection of its own. */
          set_found_in (self, found_in, op->default_path);
          ps_key_free (key);
          g_task_return_boolean (task, TRUE);
          return;
        }
      op->key = key;
      create_collection (task);
    }
  else if (key != NULL && op->kind == OP_PROTECT)
    {
      ps_key_free (key);
      g_object_set_data_full (G_OBJECT (task), "ps-left-behind", g_ptr_array_ref (others),
                              (GDestroyNotify)g_ptr_array_unref);
      delete_next (task, others);
    }
  else if (key != NULL)
    {
      set_found_in (self, found_in, op->default_path);
      g_task_return_pointer (task, key, (GDestroyNotify)ps_key_free);
    }
  else if (locked->len > 0 && !op->unlocked)
    {
      /* The key sits in a locked collection other than the default one. */
      g_ptr_array_add (locked, NULL);
      unlock_paths_async (op->service, (const char * const *)locked->pdata,
                          g_task_get_cancellable (task), items_unlocked_cb,
                          g_object_ref (task));
    }
  else if (locked->len > 0 || op->made_key || op->target != NULL)
    /* Stored but not readable back: as good as a locked keyring. */
    return_code (task, PS_STORE_ERROR_KEYRING_LOCKED);
  else if (op->kind == OP_ENSURE && op->may_create)
    {
      /* A first run: make the key, store it, and use what reads back. */
      if (!(op->key = ps_key_new_random (&error)))
        {
          g_task_return_error (task, error);
          return;
        }
      op->made_key = TRUE;
      run_operation (task);
    }
  else
    return_code (task, PS_STORE_ERROR_KEY_MISSING);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VaultOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!secret_service_store_finish (SECRET_SERVICE (object), result, &error))
    {
      return_secret_error (task, error, TRUE);
      return;
    }
  g_clear_pointer (&op->key, ps_key_free);
  if (op->kind == OP_STORE)
    g_task_return_boolean (task, TRUE);
  else
    run_operation (task);   /* read it back */
}

static void
run_operation (GTask *task)
{
  VaultOp *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = ps_key_vault_new_attributes ();

  if (op->key != NULL)
    {
      g_autoptr(SecretValue) value = NULL;

      value = secret_value_new (ps_key_get_hex (op->key), PS_KEY_HEX_LENGTH, "text/plain");
      secret_service_store (op->service, ps_key_vault_get_schema (), attributes,
                            op->target != NULL ? op->target : SECRET_COLLECTION_DEFAULT,
                            _("Peerside caseload key"), value,
                            g_task_get_cancellable (task), store_cb, g_object_ref (task));
    }
  else
    {
      /* No SECRET_SEARCH_UNLOCK: that would go through libsecret's prompt. */
      secret_service_search (op->service, ps_key_vault_get_schema (), attributes,
                             SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                             g_task_get_cancellable (task), search_cb, g_object_ref (task));
    }
}

static void
collection_unlocked_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!unlock_paths_finish (result, &error))
    return_unlock_error (task, error);
  else
    {
      VaultOp *op = g_task_get_task_data (task);

      forget_auto_unlock_async (op->service, NULL, NULL);
      run_operation (task);
    }
}

static void
default_collection_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VaultOp *op = g_task_get_task_data (task);
  g_autoptr(SecretCollection) collection = NULL;
  GError *error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);
  if (error != NULL)
    {
      return_secret_error (task, error, TRUE);
      return;
    }

  if (collection != NULL)
    op->default_path = g_strdup (g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)));

  if (collection != NULL && secret_collection_get_locked (collection))
    {
      const char *paths[] = { op->default_path, NULL };

      unlock_paths_async (op->service, paths, g_task_get_cancellable (task),
                          collection_unlocked_cb, g_object_ref (task));
      return;
    }

  /* No default collection: a store makes gnome-keyring create the login
   * keyring (or fail, which is reported as a locked keyring). */
  run_operation (task);
}

static void
service_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VaultOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->service = secret_service_get_finish (result, &error);
  if (op->service == NULL)
    {
      return_secret_error (task, error, FALSE);
      return;
    }

  secret_collection_for_alias (op->service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               g_task_get_cancellable (task), default_collection_cb,
                               g_object_ref (task));
}

static VaultOp *
start_operation (PsKeyVault          *self,
                 VaultOpKind          kind,
                 const PsKey         *key,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VaultOp *op = g_new0 (VaultOp, 1);

  op->kind = kind;
  op->key = key != NULL ? ps_key_copy (key) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify)vault_op_free);

  secret_service_get (SECRET_SERVICE_NONE, cancellable, service_cb, g_steal_pointer (&task));
  return op;
}

static void
ps_key_vault_finalize (GObject *object)
{
  PsKeyVault *self = (PsKeyVault *)object;

  g_clear_pointer (&self->key_collection, g_free);

  G_OBJECT_CLASS (ps_key_vault_parent_class)->finalize (object);
}

static void
ps_key_vault_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PsKeyVault *self = PS_KEY_VAULT (object);

  switch (prop_id)
    {
    case PROP_PROTECTED:
      g_value_set_boolean (value, self->is_protected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_key_vault_class_init (PsKeyVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_key_vault_finalize;
  object_class->get_property = ps_key_vault_get_property;

  /* The key is in Peerside's own collection, with a password of its own. */
  properties[PROP_PROTECTED] =
    g_param_spec_boolean ("protected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_key_vault_init (PsKeyVault *self)
{
}

PsKeyVault *
ps_key_vault_new (void)
{
  return g_object_new (PS_TYPE_KEY_VAULT, NULL);
}

gboolean
ps_key_vault_get_protected (PsKeyVault *self)
{
  g_return_val_if_fail (PS_IS_KEY_VAULT (self), FALSE);
  return self->is_protected;
}

void
ps_key_vault_lookup_async (PsKeyVault          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (PS_IS_KEY_VAULT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_operation (self, OP_LOOKUP, NULL, ps_key_vault_lookup_async, cancellable, callback,
                   user_data);
}

PsKey *
ps_key_vault_lookup_finish (PsKeyVault    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (PS_IS_KEY_VAULT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ps_key_vault_ensure_async (PsKeyVault          *self,
                           gboolean             may_create,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  VaultOp *op;

  g_return_if_fail (PS_IS_KEY_VAULT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  op = start_operation (self, OP_ENSURE, NULL, ps_key_vault_ensure_async, cancellable,
                        callback, user_data);
  op->may_create = !!may_create;
}

PsKey *
ps_key_vault_ensure_finish (PsKeyVault    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return ps_key_vault_lookup_finish (self, result, error);
}

void
ps_key_vault_store_async (PsKeyVault          *self,
                          const PsKey         *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (PS_IS_KEY_VAULT (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_operation (self, OP_STORE, key, ps_key_vault_store_async, cancellable, callback,
                   user_data);
}

gboolean
ps_key_vault_store_finish (PsKeyVault    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (PS_IS_KEY_VAULT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ps_key_vault_protect_async (PsKeyVault          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PS_IS_KEY_VAULT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_operation (self, OP_PROTECT, NULL, ps_key_vault_protect_async, cancellable, callback,
                   user_data);
}

gboolean
ps_key_vault_protect_finish (PsKeyVault    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return ps_key_vault_store_finish (self, result, error);
}

static void
lock_called_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    return_secret_error (task, error, TRUE);
  else
    g_task_return_boolean (task, TRUE);
}

static void
lock_forgotten_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsKeyVault *self = g_task_get_source_object (task);
  SecretService *service = SECRET_SERVICE (object);
  g_autofree char *owner = NULL;
  const char *paths[] = { self->key_collection, NULL };

  owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (service));
  g_dbus_connection_call (g_dbus_proxy_get_connection (G_DBUS_PROXY (service)),
                          owner != NULL ? owner : SECRET_BUS_NAME, SECRET_SERVICE_PATH,
                          SECRET_SERVICE_IFACE, "Lock", g_variant_new ("(^ao)", (char **)paths),
                          G_VARIANT_TYPE ("(aoo)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          g_task_get_cancellable (task), lock_called_cb, g_object_ref (task));
}

static void
lock_service_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  GError *error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      return_secret_error (task, error, FALSE);
      return;
    }
  forget_auto_unlock_async (service, lock_forgotten_cb, g_steal_pointer (&task));
}

/* Locks Peerside's own collection, if the key is there; the login
 * collection is the session's and stays as it is. */
void
ps_key_vault_lock_async (PsKeyVault          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PS_IS_KEY_VAULT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_key_vault_lock_async);
  if (!self->is_protected)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  secret_service_get (SECRET_SERVICE_NONE, cancellable, lock_service_cb, g_steal_pointer (&task));
}

gboolean
ps_key_vault_lock_finish (PsKeyVault    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return ps_key_vault_store_finish (self, result, error);
}
