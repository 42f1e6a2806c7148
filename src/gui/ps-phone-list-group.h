/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A group of names and phone numbers kept in an a(ss) setting (the program's
 * contacts, the supporter's own crisis lines): the list, each with Edit and
 * Remove, and a name and a number to add one. What is not valid is said and
 * not saved. */
#define PS_TYPE_PHONE_LIST_GROUP (ps_phone_list_group_get_type ())
G_DECLARE_FINAL_TYPE (PsPhoneListGroup, ps_phone_list_group, PS, PHONE_LIST_GROUP, AdwPreferencesGroup)

/* @empty: what the empty list says; @add_label: the button, "_Add Contact". */
GtkWidget  *ps_phone_list_group_new          (GSettings        *settings,
                                              const char       *key,
                                              const char       *title,
                                              const char       *description,
                                              const char       *empty,
                                              const char       *add_label);
GtkListBox *ps_phone_list_group_get_list     (PsPhoneListGroup *self);
/* As typed into the two fields and saved; FALSE when refused. */
gboolean    ps_phone_list_group_add          (PsPhoneListGroup *self,
                                              const char       *name,
                                              const char       *phone);
/* Puts entry @position into the fields; saving then replaces it. */
void        ps_phone_list_group_edit         (PsPhoneListGroup *self,
                                              guint             position);
void        ps_phone_list_group_remove       (PsPhoneListGroup *self,
                                              guint             position);

G_END_DECLS
