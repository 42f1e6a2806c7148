/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Names GTK 4.8 and libadwaita 1.2 leave out, for the parts of their
 * widgets that take the focus. */

/* The text inside an entry row, named by the row's title, and the peek
 * button of a password entry row ("Show Text", "Hide Text"). */
void ps_accessible_label_entry_row (AdwEntryRow *row);
/* A field inside a row, named by the row's title without its mnemonic. */
void ps_accessible_label_from_row  (GtkWidget         *widget,
                                    AdwPreferencesRow *row);

/* The month and year arrows of a calendar. */
void ps_accessible_label_calendar  (GtkCalendar *calendar);

/* A list view row's content and the list item that holds it, which is what
 * takes the focus (GTK 4.8 has no gtk_list_item_set_accessible_label). */
void ps_accessible_label_list_row  (GtkWidget   *content,
                                    const char  *label,
                                    const char  *description);

/* Once, before the first window: buttons and check buttons with a mnemonic
 * ("_Save") get the name a screen reader should speak ("Save"), not GTK
 * 4.8's "_Save Save" (buttons) or "_Save" (check buttons). */
void ps_accessible_fix_mnemonic_names (void);
/* Once, before the first window: a status page with no control in it is
 * no Tab stop (libadwaita 1.2 makes it one, with no focus ring). */
void ps_accessible_fix_status_page_focus (void);

G_END_DECLS
