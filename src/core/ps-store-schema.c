/* SPDX-License-Identifier: GPL-3.0-or-later */

/* No notes, by construction: the only free text about a colleague is
 * cases.display_name (one line, at most 80 characters) and cases.contact
 * (one line, at most 120). Every other TEXT column holds a code from a
 * fixed list, a date or a UTC instant, each pinned down by a CHECK, so not
 * even raw SQL can put a sentence there. tests/core/test-store.c walks the
 * schema to keep it that way. */

#include "config.h"

#include "ps-store-schema.h"

#define DATE_CHECK(col) \
  "typeof(" col ") = 'text' AND " col " GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
#define INSTANT_CHECK(col) \
  "typeof(" col ") = 'text' AND " \
  col " GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'"
#define LINE_CHECK(col, max) \
  "typeof(" col ") = 'text' AND length(" col ") BETWEEN 1 AND " #max \
  " AND instr(" col ", char(10)) = 0 AND instr(" col ", char(13)) = 0" \
  " AND instr(" col ", char(11)) = 0 AND instr(" col ", char(12)) = 0" \
  " AND instr(" col ", char(8232)) = 0 AND instr(" col ", char(8233)) = 0"
#define CODE_CHECK(col) \
  "typeof(" col ") = 'text' AND length(" col ") BETWEEN 1 AND 64" \
  " AND " col " NOT GLOB '*[^A-Za-z0-9:._-]*'"
#define BOOL_CHECK(col) col " IN (0, 1)"
#define MODALITIES "('in-person', 'phone', 'video')"

static const char * const migrations[] = {
  /* 1: the first schema. */
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  display_name TEXT CHECK (display_name IS NULL OR (" LINE_CHECK ("display_name", 80) ")),"
  "  contact TEXT CHECK (contact IS NULL OR (" LINE_CHECK ("contact", 120) ")),"
  "  modality TEXT NOT NULL CHECK (modality IN " MODALITIES "),"
  "  referral TEXT NOT NULL CHECK (referral IN ('self', 'colleague')),"
  "  consent_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (" BOOL_CHECK ("consent_confirmed") "),"
  "  reason TEXT NOT NULL CHECK (reason IN ('adverse-event', 'complaint', 'conflict',"
  "    'life-stressor', 'discrimination', 'burnout', 'change-at-work', 'other')),"
  "  requested_on TEXT NOT NULL CHECK (" DATE_CHECK ("requested_on") "),"
  "  assigned_on TEXT NOT NULL CHECK (" DATE_CHECK ("assigned_on") "),"
  "  closure_status TEXT NOT NULL DEFAULT 'open' CHECK (closure_status IN ('open', 'completed',"
  "    'referred', 'declined', 'unreachable', 'escalated', 'transferred')),"
  "  closed_on TEXT CHECK (closed_on IS NULL OR (" DATE_CHECK ("closed_on") ")),"
  "  deidentified INTEGER NOT NULL DEFAULT 0 CHECK (" BOOL_CHECK ("deidentified") "),"
  "  created_at TEXT NOT NULL CHECK (" INSTANT_CHECK ("created_at") "),"
  "  CHECK ((closure_status = 'open') = (closed_on IS NULL)),"
  "  CHECK (deidentified = 0 OR (display_name IS NULL AND contact IS NULL"
  "                              AND closure_status != 'open')),"
  "  CHECK (deidentified = 1 OR display_name IS NOT NULL),"
  "  CHECK (referral = 'self' OR consent_confirmed = 1)"
  ");"
  "CREATE TABLE contact_attempts ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  at TEXT NOT NULL CHECK (" INSTANT_CHECK ("at") "),"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'no-answer', 'left-message'))"
  ");"
  "CREATE INDEX contact_attempts_case ON contact_attempts (case_id, outcome, at);"
  "CREATE TABLE conversations ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  starts_at TEXT NOT NULL CHECK (" INSTANT_CHECK ("starts_at") "),"
  "  minutes INTEGER NOT NULL CHECK (minutes IN (15, 30, 45)),"
  "  modality TEXT NOT NULL CHECK (modality IN " MODALITIES "),"
  "  state TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'in-progress',"
  "    'completed', 'missed', 'cancelled')),"
  "  checklist_version INTEGER NOT NULL CHECK (typeof(checklist_version) = 'integer'"
  "    AND checklist_version BETWEEN 1 AND 1000),"
  "  safety_concern INTEGER NOT NULL DEFAULT 0 CHECK (" BOOL_CHECK ("safety_concern") "),"
  "  started_at TEXT CHECK (started_at IS NULL OR (" INSTANT_CHECK ("started_at") ")),"
  "  ended_at TEXT CHECK (ended_at IS NULL OR (" INSTANT_CHECK ("ended_at") "))"
  ");"
  "CREATE INDEX conversations_case ON conversations (case_id, state, starts_at);"
  "CREATE INDEX conversations_starts ON conversations (starts_at);"
  "CREATE TABLE conversation_steps ("
  "  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,"
  "  step_id TEXT NOT NULL CHECK (" CODE_CHECK ("step_id") "),"
  "  PRIMARY KEY (conversation_id, step_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE reminder_deliveries ("
  "  reminder_key TEXT PRIMARY KEY CHECK (" CODE_CHECK ("reminder_key") "),"
  "  delivered_at TEXT NOT NULL CHECK (" INSTANT_CHECK ("delivered_at") ")"
  ") WITHOUT ROWID;",

  /* 2: one conversation in progress per case. Of several left in progress
   * (before this version, each Start began another), the latest started
   * stays in progress; an older one with a step or a concern recorded is
   * kept as held, one with nothing recorded goes. */
  "CREATE TEMP TABLE kept_in_progress AS"
  "  SELECT (SELECT l.id FROM conversations l WHERE l.case_id = c.id AND l.state = 'in-progress'"
  "          ORDER BY l.started_at DESC, l.id DESC LIMIT 1) AS id"
  "  FROM cases c;"
  "UPDATE conversations SET state = 'completed',"
  "  started_at = coalesce (started_at, starts_at),"
  "  ended_at = coalesce (ended_at, started_at, starts_at)"
  "  WHERE state = 'in-progress' AND id NOT IN (SELECT id FROM kept_in_progress WHERE id IS NOT NULL)"
  "  AND (safety_concern = 1 OR EXISTS (SELECT 1 FROM conversation_steps s"
  "                                     WHERE s.conversation_id = conversations.id));"
  "DELETE FROM conversations WHERE state = 'in-progress'"
  "  AND id NOT IN (SELECT id FROM kept_in_progress WHERE id IS NOT NULL);"
  "DROP TABLE kept_in_progress;"
  "CREATE UNIQUE INDEX conversations_in_progress ON conversations (case_id)"
  "  WHERE state = 'in-progress';",
  /* 3: group debriefs, counted by headcount: no case, no name. Only adds
   * tables, so an older caseload keeps every row as it was. */
  "CREATE TABLE group_debriefs ("
  "  id INTEGER PRIMARY KEY,"
  "  starts_at TEXT NOT NULL CHECK (" INSTANT_CHECK ("starts_at") "),"
  "  minutes INTEGER NOT NULL CHECK (minutes IN (15, 30, 45, 60, 75, 90)),"
  "  modality TEXT NOT NULL CHECK (modality IN " MODALITIES "),"
  "  prompt TEXT NOT NULL CHECK (prompt IN ('critical-incident', 'adverse-event', 'complaint',"
  "    'conflict', 'life-stressor', 'discrimination', 'burnout', 'change-at-work', 'other')),"
  "  headcount INTEGER NOT NULL CHECK (typeof(headcount) = 'integer'"
  "    AND headcount BETWEEN 2 AND 200),"
  "  referrals INTEGER NOT NULL DEFAULT 0 CHECK (typeof(referrals) = 'integer'"
  "    AND referrals BETWEEN 0 AND headcount),"
  "  state TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'completed',"
  "    'missed', 'cancelled')),"
  "  checklist_version INTEGER NOT NULL CHECK (typeof(checklist_version) = 'integer'"
  "    AND checklist_version BETWEEN 1 AND 1000)"
  ");"
  "CREATE INDEX group_debriefs_starts ON group_debriefs (starts_at);"
  "CREATE TABLE group_debrief_steps ("
  "  debrief_id INTEGER NOT NULL REFERENCES group_debriefs (id) ON DELETE CASCADE,"
  "  step_id TEXT NOT NULL CHECK (" CODE_CHECK ("step_id") "),"
  "  PRIMARY KEY (debrief_id, step_id)"
  ") WITHOUT ROWID;",

  /* 4: the latest instant retention trusted, and where in which boot it
   * was seen (ps-retention.c). One row at most. */
  "CREATE TABLE clock_watermark ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  trusted_at TEXT NOT NULL CHECK (" INSTANT_CHECK ("trusted_at") "),"
  "  boot_id TEXT NOT NULL CHECK (" CODE_CHECK ("boot_id") "),"
  "  since_boot INTEGER NOT NULL CHECK (typeof(since_boot) = 'integer' AND since_boot >= 0)"
  ");",
  /* 5: a planned conversation that is started starts when it really does,
   * and keeps when it was planned in planned_at, so that discarding it puts
   * the plan back. Before, it kept its planned start: one in progress now
   * takes its real start, its plan kept; one held in Peerside (timed from
   * Start to End) its real start; one marked held without being run keeps
   * its planned start, which is all there is. */
  "ALTER TABLE conversations ADD COLUMN planned_at TEXT"
  "  CHECK (planned_at IS NULL OR (" INSTANT_CHECK ("planned_at") "));"
  "UPDATE conversations SET planned_at = starts_at, starts_at = started_at"
  "  WHERE state = 'in-progress' AND started_at IS NOT NULL AND started_at != starts_at;"
  "UPDATE conversations SET starts_at = started_at"
  "  WHERE state = 'completed' AND started_at IS NOT NULL AND started_at != starts_at"
  "  AND ended_at > started_at;",
};

static const struct {
  const char *type;
  const char *name;
} known_objects[] = {
  { "table", "cases" },
  { "table", "contact_attempts" },
  { "index", "contact_attempts_case" },
  { "table", "conversations" },
  { "index", "conversations_case" },
  { "index", "conversations_starts" },
  { "index", "conversations_in_progress" },
  { "table", "conversation_steps" },
  { "index", "sqlite_autoindex_conversation_steps_1" },
  { "table", "reminder_deliveries" },
  { "index", "sqlite_autoindex_reminder_deliveries_1" },
  { "table", "group_debriefs" },
  { "index", "group_debriefs_starts" },
  { "table", "group_debrief_steps" },
  { "index", "sqlite_autoindex_group_debrief_steps_1" },
  { "table", "clock_watermark" },
};

guint
ps_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
ps_store_schema_migration (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (migrations), NULL);

  return migrations[index];
}

gboolean
ps_store_schema_is_known_object (const char *type,
                                 const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_objects); i++)
    if (g_strcmp0 (known_objects[i].type, type) == 0 &&
        g_strcmp0 (known_objects[i].name, name) == 0)
      return TRUE;
  return FALSE;
}
