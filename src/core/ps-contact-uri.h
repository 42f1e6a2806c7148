/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a case's contact text is, as far as reaching the colleague goes. */
typedef enum
{
  PS_CONTACT_KIND_NONE,        /* empty, a pager, or anything else: copy it */
  PS_CONTACT_KIND_EMAIL,       /* mailto: with the message */
  PS_CONTACT_KIND_PHONE,       /* sms: with the message */
  PS_CONTACT_KIND_EXTENSION,   /* a number with an extension, which takes no text: tel: */
} PsContactKind;

PsContactKind ps_contact_kind_from_text (const char    *contact);
/* The URI that opens the user's mail or messaging client on @contact with
 * @message (may be NULL or empty) ready to send, or NULL when @contact is
 * none of the kinds above (transfer full). */
char         *ps_contact_reach_in_uri   (const char    *contact,
                                         const char    *message,
                                         PsContactKind *kind);

/* The longest reach-in wording: a line or two, not a letter. */
#define PS_REACH_IN_MESSAGE_MAX_CHARS 200

/* Whether @message can be a reach-in wording: one line of visible text, at
 * most PS_REACH_IN_MESSAGE_MAX_CHARS characters (empty is allowed). */
gboolean      ps_reach_in_message_is_valid (const char *message);

G_END_DECLS
