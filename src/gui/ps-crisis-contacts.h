/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The contacts the safety panel shows: the crisis lines of the supporter's
 * region, from the directory data/crisis-lines.ini (GSettings "region",
 * "crisis-lines"), the lines they added ("custom-crisis-lines") and the
 * program's own contacts ("program-contacts") — a name and a phone number
 * each, never about a colleague. */

typedef struct
{
  const char *id;        /* the GSettings id */
  const char *country;   /* the regions it serves, translated */
  const char *service;   /* translated */
  const char *number;    /* as dialled; never translated */
  const char *how;       /* translated */
  gboolean    physician; /* for doctors only */
  const char *source;    /* where the number was checked, and when */
  const char *checked;
} PsCrisisLine;

typedef struct
{
  const char *id;
  const char *name;      /* translated */
  char      **lines;     /* the ids of its lines */
  char      **locales;   /* the locale names that choose it by default */
} PsCrisisRegion;

guint               ps_crisis_line_get_n_presets        (void);
const PsCrisisLine *ps_crisis_line_get_preset           (guint               index);
/* NULL for an unknown id. */
const PsCrisisLine *ps_crisis_line_lookup               (const char         *id);
const char         *ps_crisis_line_get_country          (const PsCrisisLine *line);
const char         *ps_crisis_line_get_service          (const PsCrisisLine *line);
const char         *ps_crisis_line_get_how              (const PsCrisisLine *line);

guint                 ps_crisis_region_get_n            (void);
const PsCrisisRegion *ps_crisis_region_get              (guint               index);
const PsCrisisRegion *ps_crisis_region_lookup           (const char         *id);
/* The region the first of @names claims (g_get_language_names()), or NULL. */
const PsCrisisRegion *ps_crisis_region_for_languages    (const char * const *names);
/* The chosen region, else the locale's; NULL when neither names one. */
const PsCrisisRegion *ps_crisis_lines_get_region        (GSettings          *settings);
/* Chooses @id and all its lines. */
void                  ps_crisis_lines_set_region        (GSettings          *settings,
                                                         const char         *id);

/* The chosen lines' ids, in directory order, unknown ids left out (the
 * region's lines until the supporter chose): a GtkStringList, updated when
 * the settings change. Transfer full. */
GListModel         *ps_crisis_lines_dup_model           (GSettings          *settings);
gboolean            ps_crisis_lines_get_chosen          (GSettings          *settings,
                                                         const char         *id);
void                ps_crisis_lines_set_chosen          (GSettings          *settings,
                                                         const char         *id,
                                                         gboolean            chosen);

#define PS_TYPE_PROGRAM_CONTACT (ps_program_contact_get_type ())
G_DECLARE_FINAL_TYPE (PsProgramContact, ps_program_contact, PS, PROGRAM_CONTACT, GObject)

PsProgramContact   *ps_program_contact_new              (const char         *name,
                                                         const char         *phone);
const char         *ps_program_contact_get_name         (PsProgramContact   *self);
const char         *ps_program_contact_get_phone        (PsProgramContact   *self);
guint               ps_program_contact_get_position     (PsProgramContact   *self);

/* A name: 1–80 characters on one line, not only spaces. */
gboolean            ps_program_contact_name_is_valid    (const char         *name);
/* A phone number: 3–30 characters of digits, spaces and + ( ) -, with at
 * least three digits. */
gboolean            ps_program_contact_phone_is_valid   (const char         *phone);

/* A list of names and phone numbers in the a(ss) setting @key
 * ("program-contacts", "custom-crisis-lines") as PsProgramContact, in order,
 * kept up to date with it. Transfer full. */
GListModel         *ps_phone_list_dup_model             (GSettings          *settings,
                                                         const char         *key);
/* FALSE, changing nothing, when the name or number is not valid. */
gboolean            ps_phone_list_add                   (GSettings          *settings,
                                                         const char         *key,
                                                         const char         *name,
                                                         const char         *phone);
gboolean            ps_phone_list_replace               (GSettings          *settings,
                                                         const char         *key,
                                                         guint               position,
                                                         const char         *name,
                                                         const char         *phone);
void                ps_phone_list_remove                (GSettings          *settings,
                                                         const char         *key,
                                                         guint               position);

/* The same for "program-contacts". */
GListModel         *ps_program_contacts_dup_model       (GSettings          *settings);
gboolean            ps_program_contacts_add             (GSettings          *settings,
                                                         const char         *name,
                                                         const char         *phone);

G_END_DECLS
