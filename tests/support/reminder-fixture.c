/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "reminder-fixture.h"

#define TEST_KEY "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

GDateTime *
rem_utc (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *instant = g_date_time_new_from_iso8601 (iso, utc);

  g_assert_nonnull (instant);
  return instant;
}

char *
rem_iso (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}


static PsStore *
open_store (RemFixture *fixture,
            gboolean    create)
{
  g_autoptr(GError) error = NULL;
  PsStore *store = ps_store_open_with_key (fixture->path, TEST_KEY, create, fixture->clock, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

void
rem_fixture_setup (RemFixture *fixture,
                   const char *now_iso,
                   const char *tz_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = rem_utc (now_iso);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tz_id);
  g_autofree char *data = NULL;

  g_assert_nonnull (tz);

  fixture->dir = g_dir_make_tmp ("peerside-reminders-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (fixture->dir, "data", NULL);
  fixture->path = g_build_filename (data, "caseload.db", NULL);

  fixture->clock = ps_clock_new_fake (now);
  ps_clock_set_timezone (fixture->clock, tz);
  fixture->store = open_store (fixture, TRUE);
}

void
rem_fixture_reopen (RemFixture *fixture)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  fixture->store = open_store (fixture, FALSE);
}

void
rem_fixture_teardown (RemFixture *fixture)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  ps_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

void
rem_set_now (RemFixture *fixture,
             const char *now_iso)
{
  g_autoptr(GDateTime) now = rem_utc (now_iso);

  ps_clock_set_now (fixture->clock, now);
}

PsConversation *
rem_schedule (RemFixture *fixture,
              gint64      case_id,
              const char *starts_at_iso,
              guint       minutes,
              PsModality  modality)
{
  g_autoptr(GDateTime) starts_at = rem_utc (starts_at_iso);
  g_autoptr(GError) error = NULL;
  PsConversation *conversation;

  conversation = ps_store_schedule_conversation (fixture->store, case_id, starts_at, minutes,
                                                 modality, &error);
  g_assert_no_error (error);
  g_assert_nonnull (conversation);
  return conversation;
}
