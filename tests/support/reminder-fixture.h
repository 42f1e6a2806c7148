/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-store.h"

#include "ps-test-context.h"
#include "ps-test-util.h"
#include "ps-util.h"

G_BEGIN_DECLS

/* A real encrypted store (with the test key, no context) in a temporary
 * folder, driven by a fake clock in a chosen time zone; torn down with
 * ps_test_context_tear_down, reopened with ps_test_context_restart. */
typedef PsTestContext RemFixture;

void            rem_fixture_setup     (RemFixture  *fixture,
                                       const char  *now_iso,
                                       const char  *tz_id);

GDateTime      *rem_utc               (const char  *iso);
char           *rem_iso               (GDateTime   *instant);
PsConversation *rem_schedule          (RemFixture  *fixture,
                                       gint64       case_id,
                                       const char  *starts_at_iso,
                                       guint        minutes,
                                       PsModality   modality);
void            rem_set_now           (RemFixture  *fixture,
                                       const char  *now_iso);

G_END_DECLS
