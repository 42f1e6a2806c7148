/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-store.h"

G_BEGIN_DECLS

/* The conversations starting in [@from, @to) as an iCalendar VCALENDAR, one
 * VEVENT each: UID "conversation-<id>@peerside.invalid" (the same in every
 * export), DTSTART/DTEND in UTC, SUMMARY "Peer support conversation", with
 * the name only when @include_names. Group debriefs starting then go
 * along the same way (UID "group-debrief-<id>@peerside.invalid", SUMMARY
 * "Peer support group debrief": never what prompted one nor its headcount).
 * Cancelled conversations and debriefs are left out; a contact and
 * anything said are never exported.
 * With @first_contact_due_days > 0, the first-contact deadlines of cases
 * awaiting one that fall in the period are added as all-day events
 * (UID "first-contact-<case id>@peerside.invalid"). */
char     *ps_ical_export_to_string    (PsStore    *store,
                                       GDateTime  *from,
                                       GDateTime  *to,
                                       gboolean    include_names,
                                       guint       first_contact_due_days,
                                       GError    **error);

/* Conversations and group debriefs, written atomically to @file with mode 0600. */
gboolean  ps_ical_export_to_file      (PsStore    *store,
                                       GDateTime  *from,
                                       GDateTime  *to,
                                       gboolean    include_names,
                                       GFile      *file,
                                       GError    **error);

/* The same, with first-contact deadlines when @first_contact_due_days > 0. */
gboolean  ps_ical_export_to_file_full (PsStore    *store,
                                       GDateTime  *from,
                                       GDateTime  *to,
                                       gboolean    include_names,
                                       guint       first_contact_due_days,
                                       GFile      *file,
                                       GError    **error);

G_END_DECLS
