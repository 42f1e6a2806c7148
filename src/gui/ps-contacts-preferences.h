/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-phone-list-group.h"

G_BEGIN_DECLS

/* Preferences › Safety Contacts, also the welcome's first page: the region
 * and which of its crisis lines to show ("region", "crisis-lines"), the
 * supporter's own lines ("custom-crisis-lines") and the program contacts
 * ("program-contacts"). */
#define PS_TYPE_CONTACTS_PREFERENCES_PAGE (ps_contacts_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (PsContactsPreferencesPage, ps_contacts_preferences_page,
                      PS, CONTACTS_PREFERENCES_PAGE, AdwPreferencesPage)

GtkWidget *ps_contacts_preferences_page_new (GSettings *settings);

/* For tests. */
GtkCheckButton *ps_contacts_preferences_page_get_crisis_check (PsContactsPreferencesPage *self,
                                                               const char                *id);
GtkListBox     *ps_contacts_preferences_page_get_program_list (PsContactsPreferencesPage *self);
/* Fills in the new contact and presses Add; FALSE if it was refused. */
gboolean        ps_contacts_preferences_page_add_contact     (PsContactsPreferencesPage *self,
                                                               const char                *name,
                                                               const char                *phone);
PsPhoneListGroup *ps_contacts_preferences_page_get_custom_group (PsContactsPreferencesPage *self);
AdwComboRow    *ps_contacts_preferences_page_get_region_row  (PsContactsPreferencesPage *self);

G_END_DECLS
