/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema as ordered migrations: migration i (0-based) takes the database
 * from user_version i to i + 1. Never edit a released migration: add one. */
guint        ps_store_schema_version          (void);
const char  *ps_store_schema_migration        (guint        index);

/* Whether a sqlite_master entry is one Peerside made: a file whose schema
 * holds anything else is not a Peerside caseload. */
gboolean     ps_store_schema_is_known_object  (const char  *type,
                                               const char  *name);

G_END_DECLS
