/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-accessible.h"
#include "ps-date-row.h"
#include "ps-util.h"

struct _PsDateRow
{
  AdwActionRow    parent_instance;

  GDate           date;
  gboolean        updating_calendar;

  GtkMenuButton  *menu_button;
  GtkPopover     *popover;      /* made when first opened */
  GtkCalendar    *calendar;
};

G_DEFINE_FINAL_TYPE (PsDateRow, ps_date_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
ps_date_row_format_date (const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;

  if (date == NULL || !g_date_valid (date))
    return g_strdup (_("Not set"));

  dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 12, 0, 0);
  /* Translators: a day, as in "Thu 14 Nov 2024"; see g_date_time_format()
   * and put the parts in your language's order. */
  return g_date_time_format (dt, _("%a %-d %b %Y"));
}

static void
update_label (PsDateRow *self)
{
  g_autofree char *text = ps_date_row_format_date (&self->date);
  g_autofree char *label = NULL;
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_menu_button_set_label (self->menu_button, text);
  /* Translators: the accessible name of a date button, "Requested on: Thu 14 Nov 2024" */
  label = g_strdup_printf (_("%s: %s"), title != NULL ? title : "", text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
popover_show_cb (PsDateRow *self)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!g_date_valid (&self->date))
    return;

  dt = g_date_time_new_local (g_date_get_year (&self->date), g_date_get_month (&self->date),
                              g_date_get_day (&self->date), 12, 0, 0);
  self->updating_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, dt);
  self->updating_calendar = FALSE;
}

static void
day_selected_cb (PsDateRow *self)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (self->updating_calendar)
    return;

  dt = gtk_calendar_get_date (self->calendar);
  ps_date_set_from_date_time (&date, dt, NULL);
  ps_date_row_set_date (self, &date);
  gtk_popover_popdown (self->popover);
}

/* The calendar is made when the button is first pressed: an editor with
 * two dates would otherwise make and destroy a hundred widgets unseen. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  PsDateRow *self = user_data;

  if (self->popover != NULL)
    return;

  self->popover = GTK_POPOVER (gtk_popover_new ());
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Calendar"), -1);
  ps_accessible_label_calendar (self->calendar);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (popover_show_cb), self);
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->calendar));
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->popover));
}

static void
title_changed_cb (PsDateRow *self)
{
  update_label (self);
}

static void
ps_date_row_dispose (GObject *object)
{
  PsDateRow *self = PS_DATE_ROW (object);

  /* The menu button owns them. */
  self->popover = NULL;
  self->calendar = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), PS_TYPE_DATE_ROW);

  G_OBJECT_CLASS (ps_date_row_parent_class)->dispose (object);
}

static void
ps_date_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PsDateRow *self = PS_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, ps_date_row_get_date (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_date_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PsDateRow *self = PS_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      ps_date_row_set_date (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_date_row_class_init (PsDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_date_row_dispose;
  object_class->get_property = ps_date_row_get_property;
  object_class->set_property = ps_date_row_set_property;

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PsDateRow, menu_button);
}

static void
ps_date_row_init (PsDateRow *self)
{
  g_date_clear (&self->date, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  update_label (self);
}

GtkWidget *
ps_date_row_new (void)
{
  return g_object_new (PS_TYPE_DATE_ROW, NULL);
}

/* NULL when no day is set. */
const GDate *
ps_date_row_get_date (PsDateRow *self)
{
  g_return_val_if_fail (PS_IS_DATE_ROW (self), NULL);

  return g_date_valid (&self->date) ? &self->date : NULL;
}

void
ps_date_row_set_date (PsDateRow   *self,
                      const GDate *date)
{
  g_return_if_fail (PS_IS_DATE_ROW (self));

  if (date != NULL && g_date_valid (date))
    {
      if (g_date_valid (&self->date) && g_date_compare (&self->date, date) == 0)
        return;
      self->date = *date;
    }
  else
    {
      if (!g_date_valid (&self->date))
        return;
      g_date_clear (&self->date, 1);
    }

  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}
