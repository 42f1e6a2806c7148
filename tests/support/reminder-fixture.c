/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "reminder-fixture.h"

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


void
rem_fixture_setup (RemFixture *fixture,
                   const char *now_iso,
                   const char *tz_id)
{
  const PsTestContextOptions options = {
    .store = PS_TEST_STORE_BARE,
    .now = now_iso,
    .tz = tz_id,
  };

  ps_test_context_set_up (fixture, &options);
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
