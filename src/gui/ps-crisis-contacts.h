/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The contacts the safety panel shows: preset national crisis lines chosen
 * in Preferences (GSettings "crisis-lines") and the program's own contacts
 * ("program-contacts", a name and a phone number each — never about a
 * colleague). */

typedef struct
{
  const char *id;        /* the GSettings preset id */
  const char *country;   /* untranslated: use ps_crisis_line_get_* */
  const char *service;
  const char *number;    /* as dialled; never translated */
  const char *how;
} PsCrisisLine;

guint               ps_crisis_line_get_n_presets        (void);
const PsCrisisLine *ps_crisis_line_get_preset           (guint               index);
/* NULL for an unknown id. */
const PsCrisisLine *ps_crisis_line_lookup               (const char         *id);
const char         *ps_crisis_line_get_country          (const PsCrisisLine *line);
const char         *ps_crisis_line_get_service          (const PsCrisisLine *line);
const char         *ps_crisis_line_get_how              (const PsCrisisLine *line);

/* The chosen presets' ids, in preset order, unknown ids left out: a
 * GtkStringList, updated when the setting changes. Transfer full. */
GListModel         *ps_crisis_lines_dup_model           (GSettings          *settings);
gboolean            ps_crisis_lines_get_chosen          (GSettings          *settings,
                                                         const char         *id);
void                ps_crisis_lines_set_chosen          (GSettings          *settings,
                                                         const char         *id,
                                                         gboolean            chosen);

#define PS_TYPE_PROGRAM_CONTACT (ps_program_contact_get_type ())
G_DECLARE_FINAL_TYPE (PsProgramContact, ps_program_contact, PS, PROGRAM_CONTACT, GObject)

const char         *ps_program_contact_get_name         (PsProgramContact   *self);
const char         *ps_program_contact_get_phone        (PsProgramContact   *self);
guint               ps_program_contact_get_position     (PsProgramContact   *self);

/* A name: 1–80 characters on one line, not only spaces. */
gboolean            ps_program_contact_name_is_valid    (const char         *name);
/* A phone number: 3–30 characters of digits, spaces and + ( ) -, with at
 * least three digits. */
gboolean            ps_program_contact_phone_is_valid   (const char         *phone);

/* Program contacts as PsProgramContact, in the order of the setting, kept
 * up to date with it. Transfer full. */
GListModel         *ps_program_contacts_dup_model       (GSettings          *settings);
gboolean            ps_program_contacts_add             (GSettings          *settings,
                                                         const char         *name,
                                                         const char         *phone);
void                ps_program_contacts_remove          (GSettings          *settings,
                                                         guint               position);

G_END_DECLS
