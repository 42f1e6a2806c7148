/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What each failure to open the caseload says to the person in front of it:
 * what happened, and what they can do. None of these texts names anyone. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-store.h"
#include "ps-window-private.h"

void
ps_error_text_for (const GError *error,
                   PsErrorText  *text)
{
  int code;

  g_assert (text != NULL);

  text->icon_name = "dialog-warning-symbolic";
  text->can_retry = TRUE;
  text->can_restore = FALSE;

  code = (error != NULL && error->domain == PS_STORE_ERROR) ? error->code : PS_STORE_ERROR_FAILED;

  switch ((PsStoreError) code)
    {
    case PS_STORE_ERROR_NO_SECRET_SERVICE:
      text->icon_name = "dialog-password-symbolic";
      text->title = _("No Keyring Available");
      text->description = _("Peerside keeps the key to your encrypted caseload in the keyring "
                            "(Secret Service), and none is running. Log in to a desktop session "
                            "with a keyring such as GNOME Keyring, then try again. "
                            "Peerside never stores your caseload unencrypted.");
      break;

    case PS_STORE_ERROR_KEYRING_LOCKED:
      text->icon_name = "system-lock-screen-symbolic";
      text->title = _("The Keyring Is Locked");
      text->description = _("The keyring that holds your caseload's key stayed locked. "
                            "Unlock it when it asks for your password, then try again. "
                            "Your caseload is untouched.");
      break;

    case PS_STORE_ERROR_KEY_MISSING:
      text->icon_name = "dialog-password-symbolic";
      text->title = _("The Caseload Key Is Missing");
      text->description = _("A caseload exists on this computer, but its key is not in your "
                            "keyring — perhaps the keyring was reset or replaced. Peerside will "
                            "not create a new caseload over it. Restore your keyring from a "
                            "backup, or restore an encrypted Peerside backup: the file that "
                            "does not open is then kept in the data folder under another name.");
      text->can_restore = TRUE;
      break;

    case PS_STORE_ERROR_WRONG_KEY_OR_NOT_A_DATABASE:
      text->icon_name = "dialog-error-symbolic";
      text->title = _("The Caseload Cannot Be Read");
      text->description = _("The caseload file does not open with the key in your keyring: "
                            "the key belongs to another caseload, or the file is damaged or is "
                            "not a Peerside caseload. Peerside left the file exactly as it was. "
                            "Restore the matching keyring or an encrypted backup.");
      text->can_restore = TRUE;
      break;

    case PS_STORE_ERROR_CORRUPT:
      text->icon_name = "dialog-error-symbolic";
      text->title = _("The Caseload Is Damaged");
      text->description = _("Peerside checks the caseload each time it opens it, and this check "
                            "found damage. Nothing was changed. Restore an encrypted backup: "
                            "the damaged file is then kept in the data folder under another name.");
      text->can_restore = TRUE;
      break;

    case PS_STORE_ERROR_UNREADABLE:
      text->icon_name = "dialog-error-symbolic";
      text->title = _("The Caseload File Is Not Accessible");
      text->description = _("The caseload file cannot be read: its permissions or type are "
                            "wrong. Check the data folder; Peerside left it as it was.");
      break;

    case PS_STORE_ERROR_TOO_NEW:
      text->icon_name = "software-update-available-symbolic";
      text->title = _("Made by a Newer Peerside");
      text->description = _("This caseload was saved by a newer version of Peerside. Update "
                            "Peerside to open it; this version will not change it.");
      text->can_retry = FALSE;
      break;

    case PS_STORE_ERROR_IN_USE:
      text->icon_name = "dialog-information-symbolic";
      text->title = _("Peerside Is Already Open");
      text->description = _("Another Peerside process has this caseload open. Close it, "
                            "then try again.");
      break;

    case PS_STORE_ERROR_DISK_FULL:
      text->icon_name = "drive-harddisk-symbolic";
      text->title = _("The Disk Is Full");
      text->description = _("There is no room to open the caseload safely. Free some space, "
                            "then try again. Nothing was changed.");
      break;

    case PS_STORE_ERROR_READ_ONLY:
      text->icon_name = "drive-harddisk-symbolic";
      text->title = _("The Caseload Cannot Be Saved");
      text->description = _("The caseload file or its folder is read-only. Make it writable "
                            "by you, then try again. Nothing was changed.");
      break;

    case PS_STORE_ERROR_STRAY_WAL:
      text->icon_name = "dialog-warning-symbolic";
      text->title = _("A File Beside the Caseload Is Not Its Own");
      text->description = _("The data folder holds caseload.db-wal, a log of changes made with "
                            "another key: another Peerside or another program left it there. "
                            "The caseload itself is intact and opens without it; Peerside left "
                            "both files as they were. Move caseload.db-wal out of the data "
                            "folder, then try again.");
      break;

    case PS_STORE_ERROR_STRAY_JOURNAL:
      text->icon_name = "dialog-warning-symbolic";
      text->title = _("A Leftover File Stops the Caseload From Opening");
      text->description = _("The data folder holds caseload.db-journal, which Peerside never "
                            "makes for this caseload: another program left it there. The "
                            "caseload itself is intact and opens without it; Peerside left both "
                            "files as they were. Move caseload.db-journal out of the data "
                            "folder, then try again.");
      break;

    case PS_STORE_ERROR_INVALID:
    case PS_STORE_ERROR_NOT_FOUND:
    case PS_STORE_ERROR_FAILED:
    default:
      text->title = _("The Caseload Could Not Be Opened");
      text->description = _("Something unexpected stopped Peerside from opening your caseload. "
                            "Nothing was changed. Try again, and if it keeps happening, "
                            "report the message below.");
      break;
    }
}
