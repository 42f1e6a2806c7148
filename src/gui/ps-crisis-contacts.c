/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "ps-crisis-contacts.h"

/* Long-established national lines only; each shows its country and number so
 * the supporter can check it is the right one where they work. */
static const PsCrisisLine presets[] = {
  { "us-ca-988",
    N_("United States and Canada"),
    N_("988 Suicide & Crisis Lifeline"),
    "988",
    N_("Call or text 988") },
  { "uk-ie-samaritans",
    N_("United Kingdom and Ireland"),
    N_("Samaritans"),
    "116 123",
    N_("Call 116 123, free, day or night") },
  { "au-lifeline",
    N_("Australia"),
    N_("Lifeline"),
    "13 11 14",
    N_("Call 13 11 14, day or night") },
};

guint
ps_crisis_line_get_n_presets (void)
{
  return G_N_ELEMENTS (presets);
}

const PsCrisisLine *
ps_crisis_line_get_preset (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (presets), NULL);
  return &presets[index];
}

const PsCrisisLine *
ps_crisis_line_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].id, id))
      return &presets[i];
  return NULL;
}

const char *
ps_crisis_line_get_country (const PsCrisisLine *line)
{
  g_return_val_if_fail (line != NULL, NULL);
  return _(line->country);
}

const char *
ps_crisis_line_get_service (const PsCrisisLine *line)
{
  g_return_val_if_fail (line != NULL, NULL);
  return _(line->service);
}

const char *
ps_crisis_line_get_how (const PsCrisisLine *line)
{
  g_return_val_if_fail (line != NULL, NULL);
  return _(line->how);
}

static void
crisis_lines_changed_cb (GSettings     *settings,
                         const char    *key,
                         GtkStringList *model)
{
  g_auto(GStrv) chosen = g_settings_get_strv (settings, "crisis-lines");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strv_contains ((const char * const *)chosen, presets[i].id))
      g_ptr_array_add (ids, (gpointer)presets[i].id);
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
  return G_LIST_MODEL (model);
}

gboolean
ps_crisis_lines_get_chosen (GSettings  *settings,
                            const char *id)
{
  g_auto(GStrv) chosen = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  chosen = g_settings_get_strv (settings, "crisis-lines");
  return id != NULL && g_strv_contains ((const char * const *)chosen, id);
}

void
ps_crisis_lines_set_chosen (GSettings  *settings,
                            const char *id,
                            gboolean    chosen)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (ps_crisis_line_lookup (id) != NULL);

  if (ps_crisis_lines_get_chosen (settings, id) == !!chosen)
    return;

  /* Presets in their order; ids this version does not know are kept. */
  old = g_settings_get_strv (settings, "crisis-lines");
  builder = g_strv_builder_new ();
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].id, id) ? chosen :
        g_strv_contains ((const char * const *)old, presets[i].id))
      g_strv_builder_add (builder, presets[i].id);
  for (guint i = 0; old[i] != NULL; i++)
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
program_contacts_changed_cb (GSettings  *settings,
                             const char *key,
                             GListStore *model)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "program-contacts");
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
ps_program_contacts_dup_model (GSettings *settings)
{
  GListStore *model;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  model = g_list_store_new (PS_TYPE_PROGRAM_CONTACT);
  program_contacts_changed_cb (settings, "program-contacts", model);
  g_signal_connect_object (settings, "changed::program-contacts",
                           G_CALLBACK (program_contacts_changed_cb), model, 0);
  return G_LIST_MODEL (model);
}

gboolean
ps_program_contacts_add (GSettings  *settings,
                         const char *name,
                         const char *phone)
{
  g_autoptr(GVariant) old = NULL;
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_phone = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *child;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  clean_phone = g_strstrip (g_strdup (phone != NULL ? phone : ""));
  if (!ps_program_contact_name_is_valid (clean_name) ||
      !ps_program_contact_phone_is_valid (clean_phone))
    return FALSE;

  old = g_settings_get_value (settings, "program-contacts");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_iter_init (&iter, old);
  while ((child = g_variant_iter_next_value (&iter)))
    {
      g_variant_builder_add_value (&builder, child);
      g_variant_unref (child);
    }
  g_variant_builder_add (&builder, "(ss)", clean_name, clean_phone);
  return g_settings_set_value (settings, "program-contacts", g_variant_builder_end (&builder));
}

void
ps_program_contacts_remove (GSettings *settings,
                            guint      position)
{
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;

  g_return_if_fail (G_IS_SETTINGS (settings));

  old = g_settings_get_value (settings, "program-contacts");
  if (position >= g_variant_n_children (old))
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  for (gsize i = 0; i < g_variant_n_children (old); i++)
    if (i != position)
      {
        g_autoptr(GVariant) child = g_variant_get_child_value (old, i);

        g_variant_builder_add_value (&builder, child);
      }
  g_settings_set_value (settings, "program-contacts", g_variant_builder_end (&builder));
}
