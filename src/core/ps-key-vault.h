/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "ps-key.h"

G_BEGIN_DECLS

#define PS_KEY_VAULT_SCHEMA_NAME "io.github.peerside.Peerside.DatabaseKey"

#define PS_TYPE_KEY_VAULT (ps_key_vault_get_type ())
G_DECLARE_FINAL_TYPE (PsKeyVault, ps_key_vault, PS, KEY_VAULT, GObject)

const SecretSchema *ps_key_vault_get_schema      (void);
GHashTable         *ps_key_vault_new_attributes  (void);

PsKeyVault *ps_key_vault_new           (void);

/* Unlocks the default collection, then searches for the key. Fails with
 * PS_STORE_ERROR_NO_SECRET_SERVICE, _KEYRING_LOCKED or _KEY_MISSING. */
void        ps_key_vault_lookup_async  (PsKeyVault           *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
PsKey      *ps_key_vault_lookup_finish (PsKeyVault           *self,
                                        GAsyncResult         *result,
                                        GError              **error);

/* Stores @key in the default collection (replacing an earlier key). */
void        ps_key_vault_store_async   (PsKeyVault           *self,
                                        const PsKey          *key,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    ps_key_vault_store_finish  (PsKeyVault           *self,
                                        GAsyncResult         *result,
                                        GError              **error);

/* Finds the key; if there is none and @may_create, makes one, stores it in
 * the default collection and returns what reads back (a key that does not
 * read back fails with PS_STORE_ERROR_KEYRING_LOCKED). */
void        ps_key_vault_ensure_async  (PsKeyVault           *self,
                                        gboolean              may_create,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
PsKey      *ps_key_vault_ensure_finish (PsKeyVault           *self,
                                        GAsyncResult         *result,
                                        GError              **error);

/* Moves the key into a collection of its own, whose password gnome-keyring
 * asks for (twice) in its own prompt; the copy in the login keyring is
 * deleted once the new one reads back. */
void        ps_key_vault_protect_async (PsKeyVault           *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    ps_key_vault_protect_finish (PsKeyVault          *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Locks the key's own collection (nothing when the key is in the login one). */
void        ps_key_vault_lock_async    (PsKeyVault           *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    ps_key_vault_lock_finish   (PsKeyVault           *self,
                                        GAsyncResult         *result,
                                        GError              **error);

/* Where the last lookup found the key: TRUE in a collection of its own. */
gboolean    ps_key_vault_get_protected (PsKeyVault           *self);

G_END_DECLS
