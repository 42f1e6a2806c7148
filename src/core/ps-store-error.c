/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-store-error.h"

G_DEFINE_QUARK (ps-store-error-quark, ps_store_error)

/* The one message for each code. SQLite's own text is never shown: it can
 * quote a value (a CHECK constraint, a UNIQUE key), and it means nothing
 * to the person reading it. */
const char *
ps_store_error_message (PsStoreError code)
{
  switch (code)
    {
    case PS_STORE_ERROR_NO_SECRET_SERVICE:
      return _("No keyring (Secret Service) is available to hold the caseload key.");
    case PS_STORE_ERROR_KEYRING_LOCKED:
      return _("The keyring is locked, or it could not be unlocked or created.");
    case PS_STORE_ERROR_KEY_MISSING:
      return _("The caseload exists but its key is not in the keyring. The file was left as it was.");
    case PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE:
      return _("The caseload file does not open with the key in the keyring, or it is not a Peerside caseload.");
    case PS_STORE_ERROR_CORRUPT:
      return _("The caseload file is damaged. Nothing was changed.");
    case PS_STORE_ERROR_UNREADABLE:
      return _("The caseload file cannot be read: its permissions or type are wrong.");
    case PS_STORE_ERROR_TOO_NEW:
      return _("The caseload was saved by a newer version of Peerside. It was left as it was.");
    case PS_STORE_ERROR_DISK_FULL:
      return _("The disk is full. Your change was not saved; everything saved before is intact.");
    case PS_STORE_ERROR_READ_ONLY:
      return _("The caseload is read-only. Your change was not saved; everything saved before is intact.");
    case PS_STORE_ERROR_INVALID:
      return _("The change is not valid and was not saved.");
    case PS_STORE_ERROR_NOT_FOUND:
      return _("That case or conversation no longer exists.");
    case PS_STORE_ERROR_IN_USE:
      return _("Another Peerside process has the caseload open.");
    case PS_STORE_ERROR_STRAY_WAL:
      return _("A file beside the caseload, caseload.db-wal, was made with another key. "
               "Both files were left as they were.");
    case PS_STORE_ERROR_STRAY_JOURNAL:
      return _("A file beside the caseload, caseload.db-journal, does not belong to it. "
               "Both files were left as they were.");
    case PS_STORE_ERROR_FAILED:
    default:
      return _("The caseload could not be read or saved. Everything saved before is intact.");
    }
}

void
ps_store_set_error (GError       **error,
                    PsStoreError   code)
{
  g_set_error_literal (error, PS_STORE_ERROR, code, ps_store_error_message (code));
}
