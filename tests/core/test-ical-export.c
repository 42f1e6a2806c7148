/* SPDX-License-Identifier: GPL-3.0-or-later */

/* iCalendar export read back with libical: one event per conversation and
 * per group debrief, UIDs stable across exports, UTC times, names only when
 * asked, contacts never. */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>
#include <libical/ical.h>

#include "ps-ical-export.h"
#include "ps-store-groups.h"
#include "reminder-fixture.h"

#define NAME    "Jordan Examplename"
/* Long enough to be folded, with characters to escape and beyond ASCII. */
#define OTHER   "Dr. Casey Otherperson-Ng\xc5\xa9g\xc4\xa9, MD; \xc3\x89mergence et soins palliatifs"
#define CONTACT "555-0100 ext 12"

typedef struct
{
  GPtrArray *uids;       /* of VEVENTs, in file order */
  GPtrArray *summaries;
  GPtrArray *starts;     /* ISO UTC, "" for all-day */
  guint      n_all_day;
  char      *text;
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->uids, g_ptr_array_unref);
  g_clear_pointer (&parsed->summaries, g_ptr_array_unref);
  g_clear_pointer (&parsed->starts, g_ptr_array_unref);
  g_clear_pointer (&parsed->text, g_free);
}

static void
parse_file (GFile  *file,
            Parsed *parsed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  icalcomponent *calendar;
  icalcomponent *event;
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &parsed->text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  calendar = icalparser_parse_string (parsed->text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);

  parsed->uids = g_ptr_array_new_with_free_func (g_free);
  parsed->summaries = g_ptr_array_new_with_free_func (g_free);
  parsed->starts = g_ptr_array_new_with_free_func (g_free);

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      struct icaltimetype end = icalcomponent_get_dtend (event);

      g_ptr_array_add (parsed->uids, g_strdup (icalcomponent_get_uid (event)));
      g_ptr_array_add (parsed->summaries, g_strdup (icalcomponent_get_summary (event)));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_DESCRIPTION_PROPERTY));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_CONTACT_PROPERTY));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_ATTENDEE_PROPERTY));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_LOCATION_PROPERTY));

      if (start.is_date)
        {
          parsed->n_all_day++;
          g_ptr_array_add (parsed->starts, g_strdup (""));
          continue;
        }
      g_assert_true (icaltime_is_utc (start));
      g_assert_true (icaltime_is_utc (end));
      g_assert_cmpint (icaltime_compare (start, end), <, 0);
      g_ptr_array_add (parsed->starts,
                       g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", start.year, start.month,
                                        start.day, start.hour, start.minute, start.second));
    }
  icalcomponent_free (calendar);

  g_assert_null (strstr (parsed->text, CONTACT));
  g_assert_null (strstr (parsed->text, "555-0100"));
}

static gboolean
contains (GPtrArray  *strings,
          const char *value)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* Exports [@from, @to) over @file and reads it back. */
static void
export_parsed (RemFixture *fixture,
               GDateTime  *from,
               GDateTime  *to,
               gboolean    include_names,
               GFile      *file,
               Parsed     *parsed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ps_ical_export_to_file (fixture->store, from, to, include_names, file, &error));
  g_assert_no_error (error);
  parse_file (file, parsed);
}

/* The same events under the same UIDs, in the same order. */
static void
assert_same_uids (Parsed *one,
                  Parsed *two)
{
  g_assert_cmpuint (two->uids->len, ==, one->uids->len);
  for (guint i = 0; i < one->uids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (two->uids, i), ==, g_ptr_array_index (one->uids, i));
}

static void
test_round_trip (void)
{
  RemFixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = rem_utc ("2024-06-01T00:00:00Z");
  g_autoptr(GDateTime) to = rem_utc ("2024-07-01T00:00:00Z");
  g_autoptr(PsConversation) first = NULL;
  g_autoptr(PsConversation) second = NULL;
  g_autoptr(PsConversation) cancelled = NULL;
  g_autoptr(PsConversation) outside = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uid_first = NULL;
  g_autofree char *uid_second = NULL;
  Parsed one = { 0 }, two = { 0 }, named = { 0 };
  gint64 case_id, other;

  rem_fixture_setup (&fixture, "2024-06-05T12:00:00Z", "America/Vancouver");
  case_id = ps_case_get_id (ps_test_add_case (fixture.store, NAME, "2024-06-03"));
  other = ps_case_get_id (ps_test_add_case (fixture.store, OTHER, "2024-06-04"));
  first = rem_schedule (&fixture, case_id, "2024-06-10T16:30:00Z", 30, PS_MODALITY_PHONE);
  second = rem_schedule (&fixture, other, "2024-06-12T20:00:00Z", 45, PS_MODALITY_VIDEO);
  cancelled = rem_schedule (&fixture, case_id, "2024-06-14T16:30:00Z", 30, PS_MODALITY_PHONE);
  outside = rem_schedule (&fixture, case_id, "2024-07-02T16:30:00Z", 15, PS_MODALITY_PHONE);
  g_assert_true (ps_store_set_conversation_state (fixture.store,
                                                  ps_conversation_get_id (cancelled),
                                                  PS_CONVERSATION_CANCELLED, &error));
  g_assert_no_error (error);

  path = g_build_filename (fixture.dir, "schedule.ics", NULL);
  file = g_file_new_for_path (path);
  uid_first = g_strdup_printf ("conversation-%" G_GINT64_FORMAT "@peerside.invalid",
                               ps_conversation_get_id (first));
  uid_second = g_strdup_printf ("conversation-%" G_GINT64_FORMAT "@peerside.invalid",
                                ps_conversation_get_id (second));

  export_parsed (&fixture, from, to, FALSE, file, &one);
  g_assert_cmpuint (one.uids->len, ==, 2);
  g_assert_true (contains (one.uids, uid_first));
  g_assert_true (contains (one.uids, uid_second));
  g_assert_true (contains (one.starts, "2024-06-10T16:30:00Z"));
  g_assert_true (contains (one.starts, "2024-06-12T20:00:00Z"));
  g_assert_nonnull (strstr (one.text, "DTSTART:20240610T163000Z"));
  g_assert_nonnull (strstr (one.text, "DTEND:20240610T170000Z"));
  for (guint i = 0; i < one.summaries->len; i++)
    g_assert_cmpstr (g_ptr_array_index (one.summaries, i), ==, "Peer support conversation");
  g_assert_null (strstr (one.text, "Jordan"));
  g_assert_null (strstr (one.text, "Casey"));

  /* Again, over the old file: the same UIDs, still 0600. */
  export_parsed (&fixture, from, to, FALSE, file, &two);
  assert_same_uids (&one, &two);

  /* Names only when asked; contacts never. */
  export_parsed (&fixture, from, to, TRUE, file, &named);
  g_assert_true (contains (named.summaries, "Peer support conversation with " NAME));
  g_assert_true (contains (named.summaries, "Peer support conversation with " OTHER));
  g_assert_true (contains (named.uids, uid_first));

  parsed_clear (&one);
  parsed_clear (&two);
  parsed_clear (&named);
  ps_test_context_tear_down (&fixture, NULL);
}

static void
test_first_contacts (void)
{
  RemFixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = rem_utc ("2024-06-01T07:00:00Z");
  g_autoptr(GDateTime) to = rem_utc ("2024-07-01T07:00:00Z");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uid = NULL;
  Parsed parsed = { 0 };
  gint64 case_id;

  rem_fixture_setup (&fixture, "2024-06-05T12:00:00Z", "America/Vancouver");
  case_id = ps_case_get_id (ps_test_add_case (fixture.store, NAME, "2024-06-03"));

  path = g_build_filename (fixture.dir, "deadlines.ics", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (ps_ical_export_to_file_full (fixture.store, from, to, FALSE, 2, file, &error));
  g_assert_no_error (error);
  parse_file (file, &parsed);

  uid = g_strdup_printf ("first-contact-%" G_GINT64_FORMAT "@peerside.invalid", case_id);
  g_assert_cmpuint (parsed.n_all_day, ==, 1);
  g_assert_true (contains (parsed.uids, uid));
  g_assert_true (contains (parsed.summaries, "First contact due"));
  g_assert_nonnull (strstr (parsed.text, "DTSTART;VALUE=DATE:20240605"));
  g_assert_null (strstr (parsed.text, "Jordan"));

  parsed_clear (&parsed);
  ps_test_context_tear_down (&fixture, NULL);
}

/* A debrief typed at @hour:@minute London time on @day @month 2024. */
static PsGroupDebrief *
plan_debrief (RemFixture          *fixture,
              int                  month,
              int                  day,
              int                  hour,
              int                  minute,
              PsConversationState  state)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) at = g_date_time_new (london, 2024, month, day, hour, minute, 0);
  PsGroupDebriefFields fields = { at, 60, PS_MODALITY_IN_PERSON, PS_REASON_ADVERSE_EVENT, 8, 2 };
  g_autoptr(GError) error = NULL;
  PsGroupDebrief *debrief;

  debrief = ps_store_schedule_group_debrief (fixture->store, &fields, state, NULL, &error);
  g_assert_no_error (error);
  return debrief;
}

static char *
debrief_uid (PsGroupDebrief *debrief)
{
  return g_strdup_printf ("group-debrief-%" G_GINT64_FORMAT "@peerside.invalid",
                          ps_group_debrief_get_id (debrief));
}

/* @utc ("2024-03-28T14:30:00Z") read in London as "14:30". */
static char *
london_time (const char *utc)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) instant = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (instant, london);

  return g_date_time_format (local, "%H:%M");
}

/* Group debriefs planned at 14:30 in London on either side of the change to
 * summer time (31 March 2024) land at 14:30 local, so at 14:30Z and 13:30Z;
 * held ones stay, as held conversations do; cancelled ones are left out;
 * nothing says what prompted one or how many came, names asked or not. */
static void
test_group_debriefs (void)
{
  RemFixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = rem_utc ("2024-03-01T00:00:00Z");
  g_autoptr(GDateTime) to = rem_utc ("2024-05-01T00:00:00Z");
  g_autoptr(PsGroupDebrief) winter = NULL;
  g_autoptr(PsGroupDebrief) summer = NULL;
  g_autoptr(PsGroupDebrief) held = NULL;
  g_autoptr(PsGroupDebrief) cancelled = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uid_held = NULL;
  PsGroupDebriefFields fields;
  Parsed plain = { 0 }, again = { 0 }, named = { 0 };

  rem_fixture_setup (&fixture, "2024-03-20T12:00:00Z", "Europe/London");
  ps_test_add_case (fixture.store, NAME, "2024-03-18");
  winter = plan_debrief (&fixture, 3, 28, 14, 30, PS_CONVERSATION_SCHEDULED);
  summer = plan_debrief (&fixture, 4, 4, 14, 30, PS_CONVERSATION_SCHEDULED);
  held = plan_debrief (&fixture, 3, 19, 9, 0, PS_CONVERSATION_COMPLETED);
  cancelled = plan_debrief (&fixture, 4, 11, 14, 30, PS_CONVERSATION_SCHEDULED);
  ps_group_debrief_get_fields (cancelled, &fields);
  g_assert_true (ps_store_save_group_debrief (fixture.store, ps_group_debrief_get_id (cancelled),
                                              &fields, PS_CONVERSATION_CANCELLED, NULL, &error));
  g_assert_no_error (error);

  path = g_build_filename (fixture.dir, "debriefs.ics", NULL);
  file = g_file_new_for_path (path);
  export_parsed (&fixture, from, to, FALSE, file, &plain);

  g_assert_cmpuint (plain.uids->len, ==, 3);
  uid_held = debrief_uid (held);
  g_assert_true (contains (plain.uids, uid_held));
  for (guint i = 0; i < 3; i++)
    {
      PsGroupDebrief *debriefs[] = { winter, summer, cancelled };
      g_autofree char *uid = debrief_uid (debriefs[i]);

      g_assert_true (contains (plain.uids, uid) == (debriefs[i] != cancelled));
    }
  g_assert_nonnull (strstr (plain.text, "DTSTART:20240328T143000Z"));
  g_assert_nonnull (strstr (plain.text, "DTEND:20240328T153000Z"));
  g_assert_nonnull (strstr (plain.text, "DTSTART:20240404T133000Z"));
  g_assert_nonnull (strstr (plain.text, "DTEND:20240404T143000Z"));
  g_assert_null (strstr (plain.text, "20240411T"));
  for (guint i = 0; i < plain.starts->len; i++)
    {
      g_autofree char *local = london_time (g_ptr_array_index (plain.starts, i));
      gboolean is_held = g_str_equal (g_ptr_array_index (plain.uids, i), uid_held);

      g_assert_cmpstr (local, ==, is_held ? "09:00" : "14:30");
      g_assert_cmpstr (g_ptr_array_index (plain.summaries, i), ==, "Peer support group debrief");
    }
  g_assert_null (strstr (plain.text, ps_group_prompt_to_label (PS_REASON_ADVERSE_EVENT)));
  g_assert_null (strstr (plain.text, "people"));
  g_assert_null (strstr (plain.text, "Jordan"));

  /* The same UIDs next time; still no name when names are asked for. */
  export_parsed (&fixture, from, to, FALSE, file, &again);
  assert_same_uids (&plain, &again);
  export_parsed (&fixture, from, to, TRUE, file, &named);
  g_assert_cmpuint (named.uids->len, ==, 3);
  for (guint i = 0; i < named.summaries->len; i++)
    g_assert_cmpstr (g_ptr_array_index (named.summaries, i), ==, "Peer support group debrief");

  parsed_clear (&plain);
  parsed_clear (&again);
  parsed_clear (&named);
  ps_test_context_tear_down (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reminders/ical/round-trip", test_round_trip);
  g_test_add_func ("/reminders/ical/first-contacts", test_first_contacts);
  g_test_add_func ("/reminders/ical/group-debriefs", test_group_debriefs);

  return g_test_run ();
}
