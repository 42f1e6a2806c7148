/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "ps-crisis-contacts.h"

/* The directory of crisis lines by region, data/crisis-lines.ini, read once
 * from the resources in the user's language. */

typedef struct
{
  GPtrArray *lines;     /* PsCrisisLine, in file order */
  GPtrArray *regions;   /* PsCrisisRegion, in file order */
} Directory;

static void
line_free (gpointer data)
{
  PsCrisisLine *line = data;

  g_free ((char *) line->id);
  g_free ((char *) line->country);
  g_free ((char *) line->service);
  g_free ((char *) line->number);
  g_free ((char *) line->how);
  g_free ((char *) line->source);
  g_free ((char *) line->checked);
  g_free (line);
}

static void
region_free (gpointer data)
{
  PsCrisisRegion *region = data;

  g_free ((char *) region->id);
  g_free ((char *) region->name);
  g_strfreev (region->lines);
  g_strfreev (region->locales);
  g_free (region);
}

static Directory *
directory_load (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  Directory *dir = g_new0 (Directory, 1);

  dir->lines = g_ptr_array_new_with_free_func (line_free);
  dir->regions = g_ptr_array_new_with_free_func (region_free);

  bytes = g_resources_lookup_data (RESOURCE_PATH "/crisis-lines.ini", 0, &error);
  if (bytes == NULL ||
      !g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_NONE, &error))
    {
      g_critical ("The crisis line directory cannot be read: %s", error->message);
      return dir;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], "Region "))
      {
        PsCrisisRegion *region = g_new0 (PsCrisisRegion, 1);

        region->id = g_strdup (groups[i] + strlen ("Region "));
        region->name = g_key_file_get_locale_string (file, groups[i], "Name", NULL, NULL);
        region->lines = g_key_file_get_string_list (file, groups[i], "Lines", NULL, NULL);
        region->locales = g_key_file_get_string_list (file, groups[i], "Locales", NULL, NULL);
        if (region->lines == NULL)
          region->lines = g_new0 (char *, 1);
        if (region->locales == NULL)
          region->locales = g_new0 (char *, 1);
        g_ptr_array_add (dir->regions, region);
      }

  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], "Line "))
      {
        PsCrisisLine *line = g_new0 (PsCrisisLine, 1);
        g_autoptr(GPtrArray) names = g_ptr_array_new ();

        line->id = g_strdup (groups[i] + strlen ("Line "));
        line->service = g_key_file_get_locale_string (file, groups[i], "Service", NULL, NULL);
        line->number = g_key_file_get_string (file, groups[i], "Number", NULL);
        line->how = g_key_file_get_locale_string (file, groups[i], "How", NULL, NULL);
        line->physician = g_key_file_get_boolean (file, groups[i], "Physician", NULL);
        line->source = g_key_file_get_string (file, groups[i], "Source", NULL);
        line->checked = g_key_file_get_string (file, groups[i], "Checked", NULL);
        /* Where it serves: the regions that list it. */
        for (guint r = 0; r < dir->regions->len; r++)
          {
            PsCrisisRegion *region = g_ptr_array_index (dir->regions, r);

            if (g_strv_contains ((const char * const *) region->lines, line->id))
              g_ptr_array_add (names, (gpointer) region->name);
          }
        g_ptr_array_add (names, NULL);
        /* Translators: between the regions a crisis line serves, "United Kingdom, Ireland" */
        line->country = g_strjoinv (_(", "), (char **) names->pdata);
        g_ptr_array_add (dir->lines, line);
      }
  return dir;
}

static Directory *
get_directory (void)
{
  static Directory *dir;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, directory_load ());
  return dir;
}

guint
ps_crisis_line_get_n_presets (void)
{
  return get_directory ()->lines->len;
}

const PsCrisisLine *
ps_crisis_line_get_preset (guint index)
{
  Directory *dir = get_directory ();

  g_return_val_if_fail (index < dir->lines->len, NULL);
  return g_ptr_array_index (dir->lines, index);
}

const PsCrisisLine *
ps_crisis_line_lookup (const char *id)
{
  Directory *dir = get_directory ();

  for (guint i = 0; id != NULL && i < dir->lines->len; i++)
    {
      PsCrisisLine *line = g_ptr_array_index (dir->lines, i);

      if (g_str_equal (line->id, id))
        return line;
    }
  return NULL;
}

const char *
ps_crisis_line_get_country (const PsCrisisLine *line)
{
  g_return_val_if_fail (line != NULL, NULL);
  return line->country;
}

const char *
ps_crisis_line_get_service (const PsCrisisLine *line)
{
  g_return_val_if_fail (line != NULL, NULL);
  return line->service;
}

const char *
ps_crisis_line_get_how (const PsCrisisLine *line)
{
  g_return_val_if_fail (line != NULL, NULL);
  return line->how;
}

guint
ps_crisis_region_get_n (void)
{
  return get_directory ()->regions->len;
}

const PsCrisisRegion *
ps_crisis_region_get (guint index)
{
  Directory *dir = get_directory ();

  g_return_val_if_fail (index < dir->regions->len, NULL);
  return g_ptr_array_index (dir->regions, index);
}

const PsCrisisRegion *
ps_crisis_region_lookup (const char *id)
{
  Directory *dir = get_directory ();

  for (guint i = 0; id != NULL && i < dir->regions->len; i++)
    {
      PsCrisisRegion *region = g_ptr_array_index (dir->regions, i);

      if (g_str_equal (region->id, id))
        return region;
    }
  return NULL;
}

const PsCrisisRegion *
ps_crisis_region_for_languages (const char * const *names)
{
  Directory *dir = get_directory ();

  /* Most specific first ("fr_CA.UTF-8", "fr_CA", "fr", "C"): the first
   * name a region claims decides, so fr_CA is Quebec and fr France. */
  for (guint n = 0; names != NULL && names[n] != NULL; n++)
    for (guint i = 0; i < dir->regions->len; i++)
      {
        PsCrisisRegion *region = g_ptr_array_index (dir->regions, i);

        if (g_strv_contains ((const char * const *) region->locales, names[n]))
          return region;
      }
  return NULL;
}

const PsCrisisRegion *
ps_crisis_lines_get_region (GSettings *settings)
{
  g_autofree char *id = NULL;
  const PsCrisisRegion *region;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  id = g_settings_get_string (settings, "region");
  region = ps_crisis_region_lookup (id);
  if (region == NULL)
    region = ps_crisis_region_for_languages (g_get_language_names_with_category ("LC_MESSAGES"));
  return region;
}

void
ps_crisis_lines_set_region (GSettings  *settings,
                            const char *id)
{
  const PsCrisisRegion *region = ps_crisis_region_lookup (id);

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (region != NULL);

  /* A new region offers its own lines, all of them to start with. */
  g_settings_set_strv (settings, "crisis-lines", (const char * const *) region->lines);
  g_settings_set_string (settings, "region", id);
}

/* The chosen ids: the region's lines until the supporter chose. */
static char **
dup_chosen (GSettings *settings)
{
  g_autoptr(GVariant) user = g_settings_get_user_value (settings, "crisis-lines");
  const PsCrisisRegion *region;

  if (user != NULL)
    return g_settings_get_strv (settings, "crisis-lines");
  region = ps_crisis_lines_get_region (settings);
  return g_strdupv (region != NULL ? region->lines : NULL);
}

static void
crisis_lines_changed_cb (GSettings     *settings,
                         const char    *key,
                         GtkStringList *model)
{
  g_auto(GStrv) chosen = dup_chosen (settings);
  Directory *dir = get_directory ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < dir->lines->len; i++)
    {
      PsCrisisLine *line = g_ptr_array_index (dir->lines, i);

      if (chosen != NULL && g_strv_contains ((const char * const *)chosen, line->id))
        g_ptr_array_add (ids, (gpointer)line->id);
    }
  g_ptr_array_add (ids, NULL);

  gtk_string_list_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)),
                          (const char * const *)ids->pdata);
}

GListModel *
ps_crisis_lines_dup_model (GSettings *settings)
{
  GtkStringList *model;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  model = gtk_string_list_new (NULL);
  crisis_lines_changed_cb (settings, "crisis-lines", model);
  g_signal_connect_object (settings, "changed::crisis-lines",
                           G_CALLBACK (crisis_lines_changed_cb), model, 0);
  g_signal_connect_object (settings, "changed::region",
                           G_CALLBACK (crisis_lines_changed_cb), model, 0);
  return G_LIST_MODEL (model);
}

gboolean
ps_crisis_lines_get_chosen (GSettings  *settings,
                            const char *id)
{
  g_auto(GStrv) chosen = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  chosen = dup_chosen (settings);
  return id != NULL && chosen != NULL && g_strv_contains ((const char * const *)chosen, id);
}

void
ps_crisis_lines_set_chosen (GSettings  *settings,
                            const char *id,
                            gboolean    chosen)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  Directory *dir = get_directory ();

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (ps_crisis_line_lookup (id) != NULL);

  if (ps_crisis_lines_get_chosen (settings, id) == !!chosen)
    return;

  /* Lines in the directory's order; ids this version does not know are kept. */
  old = dup_chosen (settings);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < dir->lines->len; i++)
    {
      PsCrisisLine *line = g_ptr_array_index (dir->lines, i);

      if (g_str_equal (line->id, id) ? chosen :
          (old != NULL && g_strv_contains ((const char * const *)old, line->id)))
        g_strv_builder_add (builder, line->id);
    }
  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (ps_crisis_line_lookup (old[i]) == NULL)
      g_strv_builder_add (builder, old[i]);
  ids = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "crisis-lines", (const char * const *)ids);
}

/* Program contacts ------------------------------------------------------- */

struct _PsProgramContact
{
  GObject  parent_instance;

  char    *name;
  char    *phone;
  guint    position;
};

G_DEFINE_FINAL_TYPE (PsProgramContact, ps_program_contact, G_TYPE_OBJECT)

static void
ps_program_contact_finalize (GObject *object)
{
  PsProgramContact *self = (PsProgramContact *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->phone, g_free);

  G_OBJECT_CLASS (ps_program_contact_parent_class)->finalize (object);
}

static void
ps_program_contact_class_init (PsProgramContactClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_program_contact_finalize;
}

static void
ps_program_contact_init (PsProgramContact *self)
{
}

PsProgramContact *
ps_program_contact_new (const char *name,
                        const char *phone)
{
  PsProgramContact *self = g_object_new (PS_TYPE_PROGRAM_CONTACT, NULL);

  self->name = g_strdup (name);
  self->phone = g_strdup (phone);
  return self;
}

const char *
ps_program_contact_get_name (PsProgramContact *self)
{
  g_return_val_if_fail (PS_IS_PROGRAM_CONTACT (self), NULL);
  return self->name;
}

const char *
ps_program_contact_get_phone (PsProgramContact *self)
{
  g_return_val_if_fail (PS_IS_PROGRAM_CONTACT (self), NULL);
  return self->phone;
}

guint
ps_program_contact_get_position (PsProgramContact *self)
{
  g_return_val_if_fail (PS_IS_PROGRAM_CONTACT (self), 0);
  return self->position;
}

gboolean
ps_program_contact_name_is_valid (const char *name)
{
  glong n;
  gboolean visible = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  n = g_utf8_strlen (name, -1);
  if (n < 1 || n > 80)
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
      if (!g_unichar_isspace (c))
        visible = TRUE;
    }
  return visible;
}

gboolean
ps_program_contact_phone_is_valid (const char *phone)
{
  gsize n;
  guint digits = 0;

  if (phone == NULL)
    return FALSE;
  n = strlen (phone);
  if (n < 3 || n > 30)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (g_ascii_isdigit (phone[i]))
        digits++;
      else if (strchr (" +()-", phone[i]) == NULL)
        return FALSE;
    }
  return digits >= 3;
}

static void
phone_list_changed_cb (GSettings  *settings,
                       const char *key,
                       GListStore *model)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GVariantIter iter;
  const char *name, *phone;
  guint position = 0;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &phone))
    {
      PsProgramContact *contact = g_object_new (PS_TYPE_PROGRAM_CONTACT, NULL);

      contact->name = g_strdup (name);
      contact->phone = g_strdup (phone);
      contact->position = position++;
      g_ptr_array_add (items, contact);
    }

  g_list_store_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)),
                       items->pdata, items->len);
}

GListModel *
ps_phone_list_dup_model (GSettings  *settings,
                         const char *key)
{
  g_autofree char *signal = NULL;
  GListStore *model;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  model = g_list_store_new (PS_TYPE_PROGRAM_CONTACT);
  phone_list_changed_cb (settings, key, model);
  signal = g_strconcat ("changed::", key, NULL);
  g_signal_connect_object (settings, signal, G_CALLBACK (phone_list_changed_cb), model, 0);
  return G_LIST_MODEL (model);
}

/* The list with @position left out (G_MAXUINT: none), then (@name, @phone)
 * put in its place or at the end. FALSE when the entry is not valid. */
static gboolean
phone_list_write (GSettings  *settings,
                  const char *key,
                  guint       position,
                  gboolean    remove,
                  const char *name,
                  const char *phone)
{
  g_autoptr(GVariant) old = g_settings_get_value (settings, key);
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_phone = NULL;
  GVariantBuilder builder;
  gboolean placed = FALSE;

  if (!remove)
    {
      clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
      clean_phone = g_strstrip (g_strdup (phone != NULL ? phone : ""));
      if (!ps_program_contact_name_is_valid (clean_name) ||
          !ps_program_contact_phone_is_valid (clean_phone))
        return FALSE;
    }
  if (position != G_MAXUINT && position >= g_variant_n_children (old))
    return FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  for (gsize i = 0; i < g_variant_n_children (old); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (old, i);

      if (i != position)
        g_variant_builder_add_value (&builder, child);
      else if (!remove)
        {
          g_variant_builder_add (&builder, "(ss)", clean_name, clean_phone);
          placed = TRUE;
        }
    }
  if (!remove && !placed)
    g_variant_builder_add (&builder, "(ss)", clean_name, clean_phone);
  return g_settings_set_value (settings, key, g_variant_builder_end (&builder));
}

gboolean
ps_phone_list_add (GSettings  *settings,
                   const char *key,
                   const char *name,
                   const char *phone)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  return phone_list_write (settings, key, G_MAXUINT, FALSE, name, phone);
}

gboolean
ps_phone_list_replace (GSettings  *settings,
                       const char *key,
                       guint       position,
                       const char *name,
                       const char *phone)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  return phone_list_write (settings, key, position, FALSE, name, phone);
}

void
ps_phone_list_remove (GSettings  *settings,
                      const char *key,
                      guint       position)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  phone_list_write (settings, key, position, TRUE, NULL, NULL);
}

GListModel *
ps_program_contacts_dup_model (GSettings *settings)
{
  return ps_phone_list_dup_model (settings, "program-contacts");
}

gboolean
ps_program_contacts_add (GSettings  *settings,
                         const char *name,
                         const char *phone)
{
  return ps_phone_list_add (settings, "program-contacts", name, phone);
}
