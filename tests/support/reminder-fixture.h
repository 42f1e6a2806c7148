/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-store.h"

#include "ps-test-util.h"
#include "ps-util.h"

G_BEGIN_DECLS

/* A real encrypted store in a temporary folder, driven by a fake clock in
 * a chosen time zone. */
typedef struct
{
  char      *dir;
  char      *path;
  PsClock   *clock;
  PsStore   *store;
} RemFixture;

void            rem_fixture_setup     (RemFixture  *fixture,
                                       const char  *now_iso,
                                       const char  *tz_id);
void            rem_fixture_teardown  (RemFixture  *fixture);
/* Closes the store and opens the same file again, as a restart does. */
void            rem_fixture_reopen    (RemFixture  *fixture);

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
