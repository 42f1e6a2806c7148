/* SPDX-License-Identifier: GPL-3.0-or-later */

/* iCalendar export of the schedule (RFC 5545). Leaves out names unless
 * asked, and contacts always: a calendar file often ends up synced to
 * places the caseload never goes.
 *
 * Written as text here rather than with libical: linking libical loads ICU
 * into every start-up, 1.5 MB of resident memory for a file written now
 * and then, out of a start-up budget of 20 MB. The tests read the result back with libical. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ps-case-timeline.h"
#include "ps-ical-export.h"
#include "ps-store-groups.h"
#include "ps-util.h"

/* Appends "NAME:VALUE" (VALUE already escaped), folded at 75 octets
 * without cutting a UTF-8 character, and CRLF. */
static void
add_line (GString    *out,
          const char *name,
          const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);
  const char *p = line;
  gsize width = 75;

  while (strlen (p) > width)
    {
      const char *cut = p + width;

      while (cut > p && ((guchar) *cut & 0xc0) == 0x80)
        cut--;
      g_string_append_len (out, p, cut - p);
      g_string_append (out, "\r\n ");
      p = cut;
      width = 74;   /* the continuation's leading space counts */
    }
  g_string_append (out, p);
  g_string_append (out, "\r\n");
}

/* TEXT value escaping (RFC 5545 §3.3.11). */
static char *
escape_text (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case ';':  g_string_append (out, "\\;"); break;
      case ',':  g_string_append (out, "\\,"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': break;
      default:   g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static char *
utc_time (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);

  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

static char *
all_day (const GDate *date)
{
  return g_strdup_printf ("%04u%02u%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

static void
add_event (GString    *out,
           const char *uid,
           const char *stamp,
           const char *start_name,
           const char *start,
           const char *end_name,
           const char *end,
           const char *summary,
           const char *transp)
{
  g_autofree char *escaped = escape_text (summary);

  add_line (out, "BEGIN", "VEVENT");
  add_line (out, "UID", uid);
  add_line (out, "DTSTAMP", stamp);
  add_line (out, start_name, start);
  add_line (out, end_name, end);
  add_line (out, "SUMMARY", escaped);
  add_line (out, "TRANSP", transp);
  add_line (out, "CLASS", "PRIVATE");
  add_line (out, "END", "VEVENT");
}

static const char *
case_name (PsStore *store,
           gint64   case_id)
{
  PsCase *kase = ps_store_lookup_case (store, case_id);
  const char *name = kase != NULL ? ps_case_get_display_name (kase) : NULL;

  return name != NULL && *name != '\0' ? name : NULL;
}

static void
add_conversation (GString        *out,
                  PsStore        *store,
                  PsConversation *conversation,
                  const char     *stamp,
                  gboolean        include_names)
{
  g_autofree char *uid = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GDateTime) ends_at = NULL;
  const char *name = include_names
    ? case_name (store, ps_conversation_get_case_id (conversation)) : NULL;

  uid = g_strdup_printf ("conversation-%" G_GINT64_FORMAT "@peerside.invalid",
                         ps_conversation_get_id (conversation));
  ends_at = ps_conversation_get_ends_at (conversation);
  if (name != NULL)
    summary = g_strdup_printf (_("Peer support conversation with %s"), name);
  else
    summary = g_strdup (_("Peer support conversation"));

  start = utc_time (ps_conversation_get_starts_at (conversation));
  end = utc_time (ends_at);
  add_event (out, uid, stamp, "DTSTART", start, "DTEND", end, summary, "OPAQUE");
}

/* A group debrief holds no name; what prompted it and its headcount stay
 * out too, so the event says no more than a conversation's does. */
static void
add_group_debrief (GString        *out,
                   PsGroupDebrief *debrief,
                   const char     *stamp)
{
  g_autofree char *uid = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autoptr(GDateTime) ends_at = ps_group_debrief_dup_ends_at (debrief);

  uid = g_strdup_printf ("group-debrief-%" G_GINT64_FORMAT "@peerside.invalid",
                         ps_group_debrief_get_id (debrief));
  start = utc_time (ps_group_debrief_get_starts_at (debrief));
  end = utc_time (ends_at);
  add_event (out, uid, stamp, "DTSTART", start, "DTEND", end, _("Peer support group debrief"),
             "OPAQUE");
}

static void
add_first_contact (GString     *out,
                   PsCase      *kase,
                   const GDate *due,
                   const char  *stamp,
                   gboolean     include_names)
{
  g_autofree char *uid = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *name = include_names ? ps_case_get_display_name (kase) : NULL;
  GDate next = *due;

  g_date_add_days (&next, 1);
  uid = g_strdup_printf ("first-contact-%" G_GINT64_FORMAT "@peerside.invalid",
                         ps_case_get_id (kase));
  if (name != NULL && *name != '\0')
    summary = g_strdup_printf (_("First contact due with %s"), name);
  else
    summary = g_strdup (_("First contact due"));

  start = all_day (due);
  end = all_day (&next);
  add_event (out, uid, stamp, "DTSTART;VALUE=DATE", start, "DTEND;VALUE=DATE", end, summary,
             "TRANSPARENT");
}

static void
add_first_contacts (GString    *out,
                    PsStore    *store,
                    GDateTime  *from,
                    GDateTime  *to,
                    guint       due_days,
                    const char *stamp,
                    gboolean    include_names)
{
  GListModel *cases = ps_store_get_open_cases (store);
  g_autoptr(GDateTime) now = ps_clock_get_now_local (ps_store_get_clock (store));
  GTimeZone *tz = g_date_time_get_timezone (now);
  guint n = g_list_model_get_n_items (cases);
  PsTimelineNow timeline_now;
  GDate first, last;

  /* The export knows the due days only: the overdue day is not written. */
  ps_timeline_now_init (&timeline_now, now, (int) due_days, (int) due_days);
  /* The period's days in local time: [first, last) */
  ps_date_set_from_date_time (&first, from, tz);
  ps_date_set_from_date_time (&last, to, tz);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsCase) kase = g_list_model_get_item (cases, i);
      PsCaseTimeline timeline;

      ps_case_timeline_init (&timeline, kase, &timeline_now);
      if (timeline.state == PS_CASE_STATE_AWAITING_FIRST_CONTACT && g_date_valid (&timeline.due_on) &&
          g_date_compare (&timeline.due_on, &first) >= 0 && g_date_compare (&timeline.due_on, &last) < 0)
        add_first_contact (out, kase, &timeline.due_on, stamp, include_names);
    }
}

char *
ps_ical_export_to_string (PsStore    *store,
                          GDateTime  *from,
                          GDateTime  *to,
                          gboolean    include_names,
                          guint       first_contact_due_days,
                          GError    **error)
{
  g_autoptr(GListModel) conversations = NULL;
  g_autoptr(GListModel) debriefs = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *prodid = NULL;
  GString *out;
  guint n;

  g_return_val_if_fail (PS_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  now = ps_clock_get_now_utc (ps_store_get_clock (store));
  stamp = utc_time (now);
  prodid = g_strdup_printf ("-//Peerside//Peerside %s//EN", PACKAGE_VERSION);

  out = g_string_new (NULL);
  add_line (out, "BEGIN", "VCALENDAR");
  add_line (out, "VERSION", "2.0");
  add_line (out, "PRODID", prodid);
  add_line (out, "CALSCALE", "GREGORIAN");

  conversations = ps_store_list_conversations_between (store, from, to);
  n = g_list_model_get_n_items (conversations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsConversation) conversation = g_list_model_get_item (conversations, i);

      if (ps_conversation_get_state (conversation) != PS_CONVERSATION_CANCELLED)
        add_conversation (out, store, conversation, stamp, include_names);
    }

  debriefs = ps_store_list_group_debriefs_between (store, from, to);
  n = g_list_model_get_n_items (debriefs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsGroupDebrief) debrief = g_list_model_get_item (debriefs, i);

      if (ps_group_debrief_get_state (debrief) != PS_CONVERSATION_CANCELLED)
        add_group_debrief (out, debrief, stamp);
    }

  if (first_contact_due_days > 0)
    add_first_contacts (out, store, from, to, first_contact_due_days, stamp, include_names);

  add_line (out, "END", "VCALENDAR");
  return g_string_free (out, FALSE);
}

gboolean
ps_ical_export_to_file_full (PsStore    *store,
                             GDateTime  *from,
                             GDateTime  *to,
                             gboolean    include_names,
                             guint       first_contact_due_days,
                             GFile      *file,
                             GError    **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = ps_ical_export_to_string (store, from, to, include_names, first_contact_due_days,
                                   error);
  if (text == NULL)
    return FALSE;

  /* Written to a temporary file and renamed over the old one, mode 0600. */
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

gboolean
ps_ical_export_to_file (PsStore    *store,
                        GDateTime  *from,
                        GDateTime  *to,
                        gboolean    include_names,
                        GFile      *file,
                        GError    **error)
{
  return ps_ical_export_to_file_full (store, from, to, include_names, 0, file, error);
}
