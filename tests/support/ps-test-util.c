/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "ps-test-util.h"

char *
ps_test_make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("peerside-test-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (tmp, "peerside", NULL);
}


char *
ps_test_db_path (const char *dir)
{
  return g_build_filename (dir, PS_STORE_FILE_NAME, NULL);
}

GHashTable *
ps_test_snapshot (const char *dir)
{
  GHashTable *snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      struct stat st;
      char *value;

      g_assert_cmpint (lstat (path, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        value = g_strdup_printf ("dir %o", st.st_mode & 07777);
      else if (S_ISLNK (st.st_mode))
        value = g_strdup_printf ("link to %s", (contents = g_file_read_link (path, NULL)));
      else if (!S_ISREG (st.st_mode))
        value = g_strdup_printf ("special %o", st.st_mode);   /* never read a FIFO */
      else if (g_file_get_contents (path, &contents, &length, NULL))
        value = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
      else
        value = g_strdup_printf ("unreadable %o size %" G_GINT64_FORMAT,
                                 st.st_mode & 07777, (gint64)st.st_size);
      g_hash_table_insert (snapshot, g_strdup (name), value);
    }
  return snapshot;
}

void
ps_test_assert_unchanged (GHashTable *before,
                          const char *dir)
{
  g_autoptr(GHashTable) after = ps_test_snapshot (dir);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *now = g_hash_table_lookup (after, key);

      if (now == NULL)
        g_error ("%s was removed", (const char *)key);
      if (!g_str_equal (now, value))
        g_error ("%s changed", (const char *)key);
    }

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (before, key))
      g_error ("%s was created", (const char *)key);
}

typedef struct
{
  PsStore  *store;
  GError   *error;
  gboolean  done;
} OpenWait;

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OpenWait *wait = user_data;

  wait->store = ps_store_open_finish (result, &wait->error);
  wait->done = TRUE;
  g_main_context_wakeup (NULL);
}

PsStore *
ps_test_open_async (const char  *dir,
                    PsKeyVault  *vault,
                    GError     **error)
{
  g_autoptr(PsClock) clock = ps_test_clock ();
  g_autoptr(PsKeyVault) own_vault = NULL;
  OpenWait wait = { 0 };

  if (vault == NULL)
    vault = own_vault = ps_key_vault_new ();

  ps_store_open_async (dir, vault, clock, NULL, opened_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.store;
}

PsCaseFields *
ps_test_fields (const char *name)
{
  PsCaseFields *fields = ps_case_fields_new ();

  fields->display_name = g_strdup (name);
  fields->contact = g_strdup (PS_TEST_CONTACT);
  fields->modality = PS_MODALITY_PHONE;
  fields->referral = PS_REFERRAL_SELF;
  fields->reason = PS_REASON_ADVERSE_EVENT;
  g_date_set_dmy (&fields->requested_on, 2, G_DATE_MARCH, 2024);
  g_date_set_dmy (&fields->assigned_on, 3, G_DATE_MARCH, 2024);
  return fields;
}

PsCase *
ps_test_add_case_fields (PsStore      *store,
                         PsCaseFields *fields)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCase) kase = NULL;

  kase = ps_store_create_case (store, fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return ps_store_lookup_case (store, ps_case_get_id (kase));
}

PsConversation *
ps_test_plan_conversation (PsStore    *store,
                           PsCase     *item,
                           const char *starts_utc)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GError) error = NULL;
  PsConversation *conversation;
  int y, mo, d, h, mi;

  g_assert_cmpint (sscanf (starts_utc, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
  at = g_date_time_new_utc (y, mo, d, h, mi, 0);
  conversation = ps_store_schedule_conversation (store, ps_case_get_id (item), at, 45,
                                                 PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  return conversation;
}

PsCase *
ps_test_add_reached_case (PsStore    *store,
                          const char *name,
                          const char *requested_on)
{
  g_autoptr(GDateTime) at = g_date_time_new_utc (2024, 11, 13, 16, 0, 0);
  PsCase *item = ps_test_add_case (store, name, requested_on);

  g_assert_true (ps_store_log_contact_attempt (store, ps_case_get_id (item), at,
                                               PS_CONTACT_REACHED, NULL));
  return item;
}

PsCase *
ps_test_add_case (PsStore    *store,
                  const char *name,
                  const char *requested_on)
{
  g_autoptr(PsCaseFields) fields = ps_test_fields (name);
  guint y, m, d;

  g_assert_cmpint (sscanf (requested_on, "%u-%u-%u", &y, &m, &d), ==, 3);
  g_date_set_dmy (&fields->requested_on, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
  fields->assigned_on = fields->requested_on;
  return ps_test_add_case_fields (store, fields);
}

/* 2024-03-10 09:00 UTC, in UTC. */
PsClock *
ps_test_clock (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 3, 10, 9, 0, 0);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  PsClock *clock = ps_clock_new_fake (now);

  ps_clock_set_timezone (clock, utc);
  return clock;
}

/* A new store with the test key in a new directory (no keyring). */
PsStore *
ps_test_new_store (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsClock) clock = ps_test_clock ();
  g_autofree char *dir = ps_test_make_data_dir ();
  g_autofree char *path = ps_test_db_path (dir);
  PsStore *store;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  store = ps_store_open_with_key (path, PS_TEST_KEY, TRUE, clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (dir_out != NULL)
    *dir_out = g_steal_pointer (&dir);
  return store;
}

void
ps_test_copy_file (const char *from,
                   const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents_full (to, contents, (gssize)length,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
}

void
ps_test_store_result (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/* @n_cases fictional cases with three conversations each, all held in 2024
 * (a long-used caseload: nothing overdue, nothing planned), in one
 * transaction: the stores of the benchmarks. */
void
ps_test_fill_store (PsStore *store,
                    guint    n_cases)
{
  sqlite3 *db = ps_store_get_db (store);
  g_autoptr(sqlite3_stmt) add_case = NULL;
  g_autoptr(sqlite3_stmt) add_conversation = NULL;

  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "INSERT INTO cases (display_name, contact, modality, referral, reason,"
                      " requested_on, assigned_on, created_at) VALUES (?1, '555-0100', 'phone',"
                      " 'self', 'burnout', '2024-01-01', '2024-01-02', '2024-01-02T10:00:00Z')",
                      -1, &add_case, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO conversations (case_id, starts_at, minutes, modality,"
                      " state, checklist_version) VALUES (?1, ?2, 30, 'video', ?3, 1)",
                      -1, &add_conversation, NULL);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *name = g_strdup_printf ("Dr. Bench Example %u", i);
      gint64 id;

      sqlite3_reset (add_case);
      sqlite3_bind_text (add_case, 1, name, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (add_case), ==, SQLITE_DONE);
      id = sqlite3_last_insert_rowid (db);
      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *at = g_strdup_printf ("2024-%02u-%02uT%02u:00:00Z", 1 + j, 1 + i % 28, 8 + j);

          sqlite3_reset (add_conversation);
          sqlite3_bind_int64 (add_conversation, 1, id);
          sqlite3_bind_text (add_conversation, 2, at, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (add_conversation, 3, "completed", -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (add_conversation), ==, SQLITE_DONE);
        }
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
ps_test_median (const double *values,
                guint         n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof *values);

  g_assert (n > 0);
  qsort (sorted, n, sizeof *sorted, compare_doubles);
  return sorted[n / 2];
}

GDBusConnection *
ps_test_bus_connect (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus;

  bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  return bus;
}

void
ps_test_bus_register (GDBusConnection            *bus,
                      const char                 *path,
                      GDBusInterfaceInfo         *iface,
                      const GDBusInterfaceVTable *vtable)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_register_object (bus, path, iface, vtable, NULL, NULL, &error);
  g_assert_no_error (error);
}

void
ps_test_bus_own_name (GDBusConnection *bus,
                      const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", name,
                                                      G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE),
                                       G_VARIANT_TYPE ("(u)"), 0, -1, NULL, &error);
  g_assert_no_error (error);
}
