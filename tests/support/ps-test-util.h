/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-demo.h"
#include "ps-sqlite.h"
#include "ps-store-private.h"

#include "ps-util.h"

G_BEGIN_DECLS

/* A fixed key for tests that do not go through the keyring. */
#define PS_TEST_KEY       "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define PS_TEST_CONTACT   "555-0100 ext 12"
#define PS_TEST_OTHER_KEY "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"

char         *ps_test_make_data_dir     (void);
/* For the benchmarks: the median of @n values (sorts a copy). */
double        ps_test_median            (const double *values,
                                         guint         n);
void          ps_test_fill_store        (PsStore      *store,
                                         guint         n_cases);
char         *ps_test_db_path           (const char   *dir);

/* Every entry of @dir: name → content hash (or "dir"). */
GHashTable   *ps_test_snapshot          (const char   *dir);
void          ps_test_assert_unchanged  (GHashTable   *before,
                                         const char   *dir);

/* Runs ps_store_open_async to the end on the thread-default main context. */
PsStore      *ps_test_open_async        (const char   *dir,
                                         PsKeyVault   *vault,
                                         GError      **error);

/* The fields of an open case for @name: contact PS_TEST_CONTACT, by phone,
 * self-referred after an adverse event, requested on 2024-03-02. */
PsCaseFields *ps_test_fields            (const char   *name);
/* Adds a case made of ps_test_fields (@name), requested and assigned on
 * @requested_on ("YYYY-MM-DD"), to @store. Returns the store's own case: no
 * new reference. */
PsCase       *ps_test_add_case          (PsStore      *store,
                                         const char   *name,
                                         const char   *requested_on);
/* Plans a 45-minute video conversation for @item starting at @starts_utc
 * ("YYYY-MM-DD HH:MM", UTC). Returns a new reference. */
PsConversation *ps_test_plan_conversation (PsStore    *store,
                                           PsCase     *item,
                                           const char *starts_utc);
/* Adds ps_test_add_case's case for @name requested on @requested_on, then
 * logs that it was reached on Wed 13 Nov 2024, 16:00 UTC. */
PsCase       *ps_test_add_reached_case  (PsStore      *store,
                                         const char   *name,
                                         const char   *requested_on);
/* Adds a case made of @fields to @store; returns the store's own case. */
PsCase       *ps_test_add_case_fields   (PsStore      *store,
                                         PsCaseFields *fields);
PsClock      *ps_test_clock             (void);
PsStore      *ps_test_new_store         (char        **dir_out);
void          ps_test_copy_file         (const char   *from,
                                         const char   *to);
/* A fake system service on the session bus (main() points the system bus
 * there): a connection of its own, @vtable answering at @path for @iface,
 * then @name owned. Register more objects on it before the next call. */
GDBusConnection *ps_test_bus_connect   (void);
void          ps_test_bus_register      (GDBusConnection           *bus,
                                         const char                *path,
                                         GDBusInterfaceInfo        *iface,
                                         const GDBusInterfaceVTable *vtable);
void          ps_test_bus_own_name      (GDBusConnection           *bus,
                                         const char                *name);
/* A GAsyncReadyCallback keeping a reference to @result in *(GAsyncResult **)@user_data. */
void          ps_test_store_result      (GObject      *object,
                                         GAsyncResult *result,
                                         gpointer      user_data);

G_END_DECLS
