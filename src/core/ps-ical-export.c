/* SPDX-License-Identifier: GPL-3.0-or-later */

/* iCalendar export of the schedule, with libical. Leaves out names unless
 * asked, and contacts always: a calendar file often ends up synced to
 * places the caseload never goes. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "ps-ical-export.h"
#include "ps-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

static struct icaltimetype
utc_time (GDateTime *instant)
{
  return icaltime_from_timet_with_zone ((time_t)g_date_time_to_unix (instant), 0,
                                        icaltimezone_get_utc_timezone ());
}

static struct icaltimetype
all_day (const GDate *date)
{
  struct icaltimetype day = icaltime_null_date ();

  day.year = g_date_get_year (date);
  day.month = g_date_get_month (date);
  day.day = g_date_get_day (date);
  return day;
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
add_conversation (icalcomponent  *calendar,
                  PsStore        *store,
                  PsConversation *conversation,
                  GDateTime      *stamp,
                  gboolean        include_names)
{
  icalcomponent *event = icalcomponent_new_vevent ();
  g_autofree char *uid = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GDateTime) ends_at = NULL;
  const char *name = include_names
    ? case_name (store, ps_conversation_get_case_id (conversation)) : NULL;

  uid = g_strdup_printf ("conversation-%" G_GINT64_FORMAT "@peerside.invalid",
                         ps_conversation_get_id (conversation));
  ends_at = g_date_time_add_minutes (ps_conversation_get_starts_at (conversation),
                                     (int)ps_conversation_get_minutes (conversation));
  if (name != NULL)
    summary = g_strdup_printf (_("Peer support conversation with %s"), name);
  else
    summary = g_strdup (_("Peer support conversation"));

  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (utc_time (stamp)));
  icalcomponent_add_property (event, icalproperty_new_dtstart (
                                utc_time (ps_conversation_get_starts_at (conversation))));
  icalcomponent_add_property (event, icalproperty_new_dtend (utc_time (ends_at)));
  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_OPAQUE));
  icalcomponent_add_property (event, icalproperty_new_class (ICAL_CLASS_PRIVATE));
  icalcomponent_add_component (calendar, event);
}

static void
add_first_contact (icalcomponent *calendar,
                   PsCase        *kase,
                   const GDate   *due,
                   GDateTime     *stamp,
                   gboolean       include_names)
{
  icalcomponent *event = icalcomponent_new_vevent ();
  g_autofree char *uid = NULL;
  g_autofree char *summary = NULL;
  const char *name = include_names ? ps_case_get_display_name (kase) : NULL;
  GDate next = *due;

  g_date_add_days (&next, 1);
  uid = g_strdup_printf ("first-contact-%" G_GINT64_FORMAT "@peerside.invalid",
                         ps_case_get_id (kase));
  if (name != NULL && *name != '\0')
    summary = g_strdup_printf (_("First contact due with %s"), name);
  else
    summary = g_strdup (_("First contact due"));

  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (utc_time (stamp)));
  icalcomponent_add_property (event, icalproperty_new_dtstart (all_day (due)));
  icalcomponent_add_property (event, icalproperty_new_dtend (all_day (&next)));
  icalcomponent_add_property (event, icalproperty_new_summary (summary));
  icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
  icalcomponent_add_property (event, icalproperty_new_class (ICAL_CLASS_PRIVATE));
  icalcomponent_add_component (calendar, event);
}

static void
add_first_contacts (icalcomponent *calendar,
                    PsStore       *store,
                    GDateTime     *from,
                    GDateTime     *to,
                    guint          due_days,
                    GDateTime     *stamp,
                    gboolean       include_names)
{
  GListModel *cases = ps_store_get_open_cases (store);
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (ps_store_get_clock (store));
  guint n = g_list_model_get_n_items (cases);
  GDate first, last;

  /* The period's days in local time: [first, last) */
  ps_date_set_from_date_time (&first, from, tz);
  ps_date_set_from_date_time (&last, to, tz);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsCase) kase = g_list_model_get_item (cases, i);
      const GDate *requested = ps_case_get_requested_on (kase);
      GDate due;

      if (ps_case_get_state (kase) != PS_CASE_STATE_AWAITING_FIRST_CONTACT ||
          requested == NULL || !g_date_valid (requested))
        continue;

      due = *requested;
      g_date_add_days (&due, due_days);
      if (g_date_compare (&due, &first) >= 0 && g_date_compare (&due, &last) < 0)
        add_first_contact (calendar, kase, &due, stamp, include_names);
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
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GListModel) conversations = NULL;
  g_autoptr(GDateTime) stamp = NULL;
  g_autofree char *prodid = NULL;
  char *text;
  char *copy;
  guint n;

  g_return_val_if_fail (PS_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stamp = ps_clock_get_now_utc (ps_store_get_clock (store));
  prodid = g_strdup_printf ("-//Peerside//Peerside %s//EN", PACKAGE_VERSION);

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid (prodid));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));

  conversations = ps_store_list_conversations_between (store, from, to);
  n = g_list_model_get_n_items (conversations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsConversation) conversation = g_list_model_get_item (conversations, i);

      if (ps_conversation_get_state (conversation) != PS_CONVERSATION_CANCELLED)
        add_conversation (calendar, store, conversation, stamp, include_names);
    }

  if (first_contact_due_days > 0)
    add_first_contacts (calendar, store, from, to, first_contact_due_days, stamp, include_names);

  text = icalcomponent_as_ical_string_r (calendar);
  if (text == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Could not write the calendar"));
      return NULL;
    }
  copy = g_strdup (text);
  icalmemory_free_buffer (text);
  return copy;
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
