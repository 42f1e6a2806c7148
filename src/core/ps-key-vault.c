/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The caseload key in the Secret Service.
 *
 * libsecret 0.20.5 answers a lookup on a locked or cold keyring with NULL
 * and no error, exactly as if there were no key. So the default collection
 * is unlocked first, and the search asks for unlocking too; an item that
 * stays locked is reported as a locked keyring, never as a missing key. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-key-vault.h"
#include "ps-store-error.h"

struct _PsKeyVault
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (PsKeyVault, ps_key_vault, G_TYPE_OBJECT)

typedef struct
{
  SecretService *service;
  PsKey         *key;      /* to store; NULL for a lookup */
} VaultOp;

static void
vault_op_free (VaultOp *op)
{
  g_clear_object (&op->service);
  g_clear_pointer (&op->key, ps_key_free);
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

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items;
  gboolean saw_locked = FALSE;
  PsKey *key = NULL;

  items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  if (error != NULL)
    {
      return_secret_error (task, error, TRUE);
      return;
    }

  for (GList *l = items; l != NULL && key == NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(SecretValue) value = NULL;
      const char *secret;
      gsize length = 0;

      if (secret_item_get_locked (item))
        {
          saw_locked = TRUE;
          continue;
        }
      if ((value = secret_item_get_secret (item)) == NULL)
        {
          saw_locked = TRUE;
          continue;
        }
      secret = secret_value_get (value, &length);
      key = ps_key_new_from_hex (secret, length);
    }
  g_list_free_full (items, g_object_unref);

  if (key != NULL)
    g_task_return_pointer (task, key, (GDestroyNotify)ps_key_free);
  else if (saw_locked)
    return_code (task, PS_STORE_ERROR_KEYRING_LOCKED);
  else
    return_code (task, PS_STORE_ERROR_KEY_MISSING);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_service_store_finish (SECRET_SERVICE (object), result, &error))
    return_secret_error (task, error, TRUE);
  else
    g_task_return_boolean (task, TRUE);
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
                            SECRET_COLLECTION_DEFAULT, _("Peerside caseload key"), value,
                            g_task_get_cancellable (task), store_cb, g_object_ref (task));
    }
  else
    {
      secret_service_search (op->service, ps_key_vault_get_schema (), attributes,
                             SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                             g_task_get_cancellable (task), search_cb, g_object_ref (task));
    }
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *unlocked = NULL;
  int n;

  n = secret_service_unlock_finish (SECRET_SERVICE (object), result, &unlocked, &error);
  g_list_free_full (unlocked, g_object_unref);

  if (error != NULL)
    return_secret_error (task, error, TRUE);
  else if (n <= 0)
    return_code (task, PS_STORE_ERROR_KEYRING_LOCKED);   /* the prompt was dismissed */
  else
    run_operation (task);
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

  if (collection != NULL && secret_collection_get_locked (collection))
    {
      GList objects = { collection, NULL, NULL };

      secret_service_unlock (op->service, &objects, g_task_get_cancellable (task),
                             unlock_cb, g_object_ref (task));
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

static void
start_operation (PsKeyVault          *self,
                 const PsKey         *key,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VaultOp *op = g_new0 (VaultOp, 1);

  op->key = key != NULL ? ps_key_copy (key) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify)vault_op_free);

  secret_service_get (SECRET_SERVICE_NONE, cancellable, service_cb, g_steal_pointer (&task));
}

static void
ps_key_vault_class_init (PsKeyVaultClass *klass)
{
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

void
ps_key_vault_lookup_async (PsKeyVault          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (PS_IS_KEY_VAULT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_operation (self, NULL, ps_key_vault_lookup_async, cancellable, callback, user_data);
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
ps_key_vault_store_async (PsKeyVault          *self,
                          const PsKey         *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (PS_IS_KEY_VAULT (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_operation (self, key, ps_key_vault_store_async, cancellable, callback, user_data);
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
