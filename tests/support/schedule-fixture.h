/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-util.h"

G_BEGIN_DECLS

/* A real SQLCipher store (with a test key, no keyring) and a fake clock set
 * to Monday 18 November 2024, 10:00 local time. */
typedef struct
{
  PsTestContext  tc;
  GtkWindow     *window;
} ScheduleFixture;

void            schedule_fixture_set_up    (ScheduleFixture *f,
                                            gconstpointer    data);
void            schedule_fixture_tear_down (ScheduleFixture *f,
                                            gconstpointer    data);
/* Requested and assigned on @day November 2024; the store keeps it. */
/* A conversation at a local time (transfer full). */
PsConversation *schedule_fixture_plan      (ScheduleFixture *f,
                                            PsCase          *item,
                                            int              year,
                                            int              month,
                                            int              day,
                                            int              hour,
                                            int              minute,
                                            guint            minutes,
                                            PsModality       modality);
/* The instant as stored: "2024-11-20T14:30:00Z". */
char           *schedule_fixture_utc       (GDateTime       *instant);
/* A window of @width holding @child, shown. */
GtkWindow      *schedule_fixture_show      (ScheduleFixture *f,
                                            GtkWidget       *child,
                                            int              width);

G_END_DECLS
