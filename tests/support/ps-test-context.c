/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "ps-key-vault.h"
#include "ps-test-context.h"
#include "ps-test-session.h"

static const PsTestContextOptions defaults = { PS_TEST_STORE_KEYRING };

static const PsTestContextOptions *
options_of (gconstpointer options)
{
  return options != NULL ? options : &defaults;
}

static PsClock *
make_clock (const PsTestContextOptions *options)
{
  g_autoptr(GTimeZone) tz = options->tz != NULL ? g_time_zone_new_identifier (options->tz)
                                                : g_time_zone_new_local ();
  g_autoptr(GDateTime) now = NULL;
  PsClock *clock;

  g_assert_nonnull (tz);
  if (options->now == NULL)
    clock = ps_clock_new ();
  else
    {
      now = g_date_time_new_from_iso8601 (options->now, tz);
      g_assert_nonnull (now);
      clock = ps_clock_new_fake (now);
    }
  if (options->tz != NULL)
    ps_clock_set_timezone (clock, tz);
  return clock;
}

static void
make_context (PsTestContext *t)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  switch (t->kind)
    {
    case PS_TEST_STORE_KEYRING:
      t->context = ps_context_new (t->clock, t->settings, t->dir, FALSE);
      break;
    case PS_TEST_STORE_TEST_KEY:
    case PS_TEST_STORE_BARE:
      path = ps_test_db_path (t->dir);
      t->store = ps_store_open_with_key (path, PS_TEST_KEY, TRUE, t->clock, &error);
      g_assert_no_error (error);
      if (t->kind == PS_TEST_STORE_TEST_KEY)
        t->context = ps_context_new_for_store (t->clock, t->settings, t->store);
      break;
    case PS_TEST_STORE_DEMO:
      t->context = ps_context_new (t->clock, t->settings, NULL, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The test key's store is the fixture's own. */
static gboolean
owns_store (PsTestContext *t)
{
  return t->kind == PS_TEST_STORE_TEST_KEY || t->kind == PS_TEST_STORE_BARE;
}

static void
drop_store (PsTestContext *t)
{
  if (owns_store (t))
    g_clear_object (&t->store);
  t->store = NULL;
}

void
ps_test_context_set_up (PsTestContext *t,
                        gconstpointer  data)
{
  const PsTestContextOptions *options = options_of (data);
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  if (options->store != PS_TEST_STORE_DEMO)
    {
      g_autofree char *parent = g_strdup (options->parent != NULL ? options->parent
                                                                  : g_get_tmp_dir ());

      t->dir = g_build_filename (parent, "peerside-fixture-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp_full (t->dir, 0700));
    }
  t->kind = options->store;
  t->clock = make_clock (options);
  t->settings = g_settings_new_with_backend (BASE_APP_ID, backend);
  make_context (t);
  if (!options->unopened)
    ps_test_context_open (t);
}

void
ps_test_clear_key (void)
{
  g_autoptr(GHashTable) attributes = ps_key_vault_new_attributes ();
  g_autoptr(GError) error = NULL;

  secret_password_clearv_sync (ps_key_vault_get_schema (), attributes, NULL, &error);
  g_assert_no_error (error);
}

void
ps_test_context_open (PsTestContext *t)
{
  if (t->context == NULL)
    return;
  if (ps_context_get_status (t->context) != PS_CONTEXT_READY)
    {
      ps_context_open (t->context);
      ps_test_wait_for_status (t->context, PS_CONTEXT_READY);
    }
  if (!owns_store (t))
    t->store = ps_context_get_store (t->context);
  if (ps_context_is_demo (t->context) && t->dir == NULL)
    t->dir = g_strdup (ps_context_get_data_dir (t->context));
}

void
ps_test_context_close (PsTestContext *t)
{
  PsStore *store = owns_store (t) ? t->store : ps_context_get_store (t->context);

  if (store != NULL)
    g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&t->context);
  drop_store (t);
  g_assert_null (store);
}

void
ps_test_context_restart (PsTestContext *t)
{
  g_assert_cmpint (t->kind, !=, PS_TEST_STORE_DEMO);
  if (t->context != NULL || t->store != NULL)
    ps_test_context_close (t);
  make_context (t);
  ps_test_context_open (t);
}

void
ps_test_context_tear_down (PsTestContext *t,
                           gconstpointer  data)
{
  g_clear_object (&t->context);
  drop_store (t);
  g_clear_object (&t->clock);
  g_clear_object (&t->settings);
  if (t->kind != PS_TEST_STORE_DEMO)
    ps_remove_tree (t->dir);
  g_clear_pointer (&t->dir, g_free);
  /* The next test's folder is new: a key left here would not be its. */
  if (t->kind == PS_TEST_STORE_KEYRING)
    ps_test_clear_key ();
}
