/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-accessible.h"
#include "ps-enums.h"
#include "ps-time-format.h"
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

/* The typed time, read as the clock shown reads it. */
static gboolean
parse (PsTimeRow *self,
       int       *hour,
       int       *minute)
{
  return ps_time_parse_on_clock (gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                 ps_time_format_get_twelve_hour (ps_time_format_get_default ()),
                                 hour, minute);
}

static void
changed_cb (PsTimeRow *self)
{
  int hour, minute;

  set_valid (self, parse (self, &hour, &minute));
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
  if (!parse (self, &hour, &minute))
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

/* The field's width, hint and input purpose for the clock shown; a time
 * already typed is written again the way the clock writes it. */
static void
clock_format_changed_cb (PsTimeRow *self)
{
  gboolean twelve_hour = ps_time_format_get_twelve_hour (ps_time_format_get_default ());
  int hour, minute;

  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), twelve_hour ? 8 : 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), twelve_hour ? 8 : 5);
  /* Letters for AM and PM on a 12-hour clock. */
  gtk_entry_set_input_purpose (self->entry,
                               twelve_hour ? GTK_INPUT_PURPOSE_FREE_FORM : GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->entry),
                               twelve_hour
                               /* Translators: the tooltip of the time field on a 12-hour clock */
                               ? _("Type a time such as 2:30 PM; Up and Down change it")
                               /* Translators: the tooltip of the time field */
                               : _("Type a time such as 14:30; Up and Down change it"));
  /* What the field shows was written for the other clock: "12:50" read
   * as it was meant, then written anew. */
  if (ps_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &hour, &minute))
    ps_time_row_set_time (self, hour, minute);
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
  /* "12:30 p.m." at most, and a little room to type. */
  gtk_entry_set_max_length (self->entry, 16);
  /* Enter in a form's time saves it, as in its other fields. */
  gtk_entry_set_activates_default (self->entry, TRUE);
  gtk_editable_set_alignment (GTK_EDITABLE (self->entry), 0.5);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "00:00");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->entry));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->entry));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "notify::use-underline", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect_object (ps_time_format_get_default (), "notify::twelve-hour",
                           G_CALLBACK (clock_format_changed_cb), self, G_CONNECT_SWAPPED);
  clock_format_changed_cb (self);
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

  return parse (self, hour, minute);
}

void
ps_time_row_set_time (PsTimeRow *self,
                      int        hour,
                      int        minute)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PS_IS_TIME_ROW (self));
  g_return_if_fail (hour >= 0 && hour < 24 && minute >= 0 && minute < 60);

  text = ps_format_hour_minute (hour, minute);
  /* Unchanged text keeps the cursor where it is. */
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

/* Why the typed time is refused, in the form the clock shows. */
const char *
ps_time_row_get_error_text (PsTimeRow *self)
{
  g_return_val_if_fail (PS_IS_TIME_ROW (self), NULL);

  if (ps_time_format_get_twelve_hour (ps_time_format_get_default ()))
    return _("Type a time such as 2:30 PM or 14:30.");
  return _("Type a time between 00:00 and 23:59, such as 14:30.");
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
