/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-accessible.h"

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* "_Name" → "Name"; "__" stays one underscore. */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
peek_icon_cb (GtkButton  *button,
              GParamSpec *pspec,
              gpointer    data)
{
  const char *icon = gtk_button_get_icon_name (button);

  /* The eye shows what a click does. */
  set_label (GTK_WIDGET (button),
             g_strcmp0 (icon, "view-conceal-symbolic") == 0 ? _("Hide Text") : _("Show Text"));
}

static void
label_peek_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *icon = GTK_IS_BUTTON (child) ? gtk_button_get_icon_name (GTK_BUTTON (child)) : NULL;

      if (icon != NULL && (g_str_has_prefix (icon, "view-reveal") || g_str_has_prefix (icon, "view-conceal")))
        {
          g_signal_connect (child, "notify::icon-name", G_CALLBACK (peek_icon_cb), NULL);
          peek_icon_cb (GTK_BUTTON (child), NULL, NULL);
        }
      else
        label_peek_buttons (child);
    }
}

void
ps_accessible_label_entry_row (AdwEntryRow *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *label = NULL;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  label = adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row))
          ? strip_mnemonic (title != NULL ? title : "") : g_strdup (title != NULL ? title : "");
  if (delegate != NULL)
    set_label (GTK_WIDGET (delegate), label);
  if (ADW_IS_PASSWORD_ENTRY_ROW (row))
    label_peek_buttons (GTK_WIDGET (row));
}

void
ps_accessible_label_calendar (GtkCalendar *calendar)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_return_if_fail (GTK_IS_CALENDAR (calendar));

  /* GtkCalendar's header holds  ‹ month ›  ‹ year ›  : an arrow is the
   * month's when next to the month names (a GtkStack), else the year's. */
  g_ptr_array_add (stack, calendar);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
           child = gtk_widget_get_next_sibling (child))
        {
          if (GTK_IS_BUTTON (child) && gtk_button_get_icon_name (GTK_BUTTON (child)) != NULL)
            {
              gboolean forward = g_str_has_prefix (gtk_button_get_icon_name (GTK_BUTTON (child)), "pan-end");
              GtkWidget *beside = forward ? gtk_widget_get_prev_sibling (child)
                                          : gtk_widget_get_next_sibling (child);
              gboolean month = GTK_IS_STACK (beside);

              set_label (child, month ? (forward ? _("Next Month") : _("Previous Month"))
                                      : (forward ? _("Next Year") : _("Previous Year")));
            }
          else
            g_ptr_array_add (stack, child);
        }
    }
}
