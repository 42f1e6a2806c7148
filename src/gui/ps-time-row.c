/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-accessible.h"
#include "ps-enums.h"
#include "ps-time-row.h"

struct _PsTimeRow
{
  AdwActionRow  parent_instance;

  GtkEntry     *entry;
  gboolean      valid;
};

G_DEFINE_FINAL_TYPE (PsTimeRow, ps_time_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
ps_time_parse (const char *text,
               int        *hour,
               int        *minute)
{
  g_autofree char *trimmed = NULL;
  guint digits[4];
  guint n_digits = 0;
  int separator = -1;
  int h, m;

  g_return_val_if_fail (text != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n_digits == G_N_ELEMENTS (digits))
            return FALSE;
          digits[n_digits++] = *p - '0';
        }
      /* "14:30", "14.30" and the French "14h30" or "14 h 30". */
      else if ((*p == ':' || *p == '.' || *p == 'h' || *p == 'H') && separator < 0 && n_digits > 0)
        separator = n_digits;
      else if (*p != ' ')
        return FALSE;
    }
  if (n_digits == 0)
    return FALSE;

  if (separator < 0)
    /* "9" and "14" are hours; "930" and "1430" hours and minutes. */
    separator = n_digits <= 2 ? n_digits : n_digits - 2;
  if (separator > 2 || (n_digits - separator != 0 && n_digits - separator != 2))
    return FALSE;

  h = separator == 2 ? digits[0] * 10 + digits[1] : digits[0];
  m = n_digits - separator == 2 ? digits[separator] * 10 + digits[separator + 1] : 0;
  if (h > 23 || m > 59)
    return FALSE;

  *hour = h;
  *minute = m;
  return TRUE;
}

static void
set_valid (PsTimeRow *self,
           gboolean   valid)
{
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  if (self->valid == valid)
    return;
  self->valid = valid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
changed_cb (PsTimeRow *self)
{
  int hour, minute;

  set_valid (self, ps_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                  &hour, &minute));
  /* Owners listen to "changed" on the entry for every keystroke. */
}

/* Up and Down step the part under the cursor, wrapping round the day. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PsTimeRow             *self)
{
  gboolean hours = FALSE;
  int direction, hour, minute, total;
  const char *text;
  const char *colon;
  int position;

  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up: direction = 1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: direction = -1; break;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up: direction = 1; hours = TRUE; break;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down: direction = -1; hours = TRUE; break;
    default: return FALSE;
    }

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (!ps_time_parse (text, &hour, &minute))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }

  colon = strchr (text, ':');
  position = gtk_editable_get_position (GTK_EDITABLE (self->entry));
  if (colon != NULL && position <= colon - text)
    hours = TRUE;
  total = hour * 60 + minute;
  if (hours)
    total += direction * 60;
  else if (direction > 0)
    /* Minutes move in fives and land on a multiple of five. */
    total = (total / 5 + 1) * 5;
  else
    total = (total + 4) / 5 * 5 - 5;
  total = (total % (24 * 60) + 24 * 60) % (24 * 60);

  ps_time_row_set_time (self, total / 60, total % 60);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), position);
  return TRUE;
}

static void
ps_time_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PsTimeRow *self = PS_TIME_ROW (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
title_changed_cb (PsTimeRow *self)
{
  ps_accessible_label_from_row (GTK_WIDGET (self->entry), ADW_PREFERENCES_ROW (self));
}

static void
ps_time_row_class_init (PsTimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ps_time_row_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_time_row_init (PsTimeRow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->valid = TRUE;
  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->entry), GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 5);
  gtk_entry_set_max_length (self->entry, 8);
  gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_DIGITS);
  /* Enter in a form's time saves it, as in its other fields. */
  gtk_entry_set_activates_default (self->entry, TRUE);
  gtk_editable_set_alignment (GTK_EDITABLE (self->entry), 0.5);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "00:00");
  /* Translators: the tooltip of the time field */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               _("Type a time such as 14:30; Up and Down change it"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->entry));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->entry));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "notify::use-underline", G_CALLBACK (title_changed_cb), NULL);
}

GtkWidget *
ps_time_row_new (void)
{
  return g_object_new (PS_TYPE_TIME_ROW, NULL);
}

/* FALSE, leaving @hour and @minute alone, when the text is not a time. */
gboolean
ps_time_row_get_time (PsTimeRow *self,
                      int       *hour,
                      int       *minute)
{
  g_return_val_if_fail (PS_IS_TIME_ROW (self), FALSE);

  return ps_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), hour, minute);
}

void
ps_time_row_set_time (PsTimeRow *self,
                      int        hour,
                      int        minute)
{
  char text[8];

  g_return_if_fail (PS_IS_TIME_ROW (self));
  g_return_if_fail (hour >= 0 && hour < 24 && minute >= 0 && minute < 60);

  g_snprintf (text, sizeof text, "%02d:%02d", hour, minute);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

GDateTime *
ps_time_row_get_date_time (PsTimeRow   *self,
                           const GDate *day,
                           GTimeZone   *tz,
                           gboolean    *missing)
{
  int hour, minute;
  GDateTime *at;

  g_return_val_if_fail (PS_IS_TIME_ROW (self), NULL);
  g_return_val_if_fail (tz != NULL && missing != NULL, NULL);

  *missing = FALSE;
  if (day == NULL || !ps_time_row_get_time (self, &hour, &minute))
    return NULL;
  at = g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day),
                        g_date_get_day (day), hour, minute, 0);
  /* In the hour the clocks go forward GLib moves the time on. */
  if (at != NULL && (g_date_time_get_hour (at) != hour || g_date_time_get_minute (at) != minute))
    *missing = TRUE;
  return at;
}

gboolean
ps_time_row_get_valid (PsTimeRow *self)
{
  g_return_val_if_fail (PS_IS_TIME_ROW (self), FALSE);
  return self->valid;
}

GtkEditable *
ps_time_row_get_entry (PsTimeRow *self)
{
  g_return_val_if_fail (PS_IS_TIME_ROW (self), NULL);
  return GTK_EDITABLE (self->entry);
}

GListModel *
ps_length_list_new (const guint *lengths,
                    guint        n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      /* Translators: a planned length, "30 minutes" */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                             "%u minutes", lengths[i]),
                                                lengths[i]);

      gtk_string_list_append (list, label);
    }
  return G_LIST_MODEL (list);
}

GListModel *
ps_modality_list_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (PsModality m = PS_MODALITY_IN_PERSON; m <= PS_MODALITY_VIDEO; m++)
    gtk_string_list_append (list, ps_modality_to_label (m));
  return G_LIST_MODEL (list);
}
