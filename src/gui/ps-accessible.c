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
ps_accessible_label_from_row (GtkWidget         *widget,
                              AdwPreferencesRow *row)
{
  const char *title = adw_preferences_row_get_title (row);
  g_autofree char *label = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  label = adw_preferences_row_get_use_underline (row)
          ? strip_mnemonic (title != NULL ? title : "") : g_strdup (title != NULL ? title : "");
  set_label (widget, label);
}

void
ps_accessible_label_entry_row (AdwEntryRow *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  if (delegate != NULL)
    ps_accessible_label_from_row (GTK_WIDGET (delegate), ADW_PREFERENCES_ROW (row));
  if (ADW_IS_PASSWORD_ENTRY_ROW (row))
    label_peek_buttons (GTK_WIDGET (row));
}

void
ps_accessible_label_list_row (GtkWidget  *content,
                              const char *label,
                              const char *description)
{
  GtkWidget *list_item = gtk_widget_get_parent (content);

  g_return_if_fail (GTK_IS_WIDGET (content));

  gtk_accessible_update_property (GTK_ACCESSIBLE (content),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  if (list_item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list_item),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
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

/* GTK 4.8 sets a mnemonic button's accessible label to its raw text
 * ("_Save") and also names it by its label child (labelled-by), and AT-SPI
 * joins the two: "_Save Save". A check button gets the raw text alone.
 * Fixed in later GTK; here every change of a label or of use-underline is
 * followed, through the class's notify (GLib emits no "notify" to objects
 * without handlers, and the signal takes no emission hooks): buttons keep
 * the labelled-by name only, check buttons get the text without its
 * underscore. */
typedef void (*NotifyFunc) (GObject *object, GParamSpec *pspec);

static NotifyFunc button_notify;
static NotifyFunc check_button_notify;

static void
mnemonic_notify (GObject    *object,
                 GParamSpec *pspec)
{
  gboolean check = GTK_IS_CHECK_BUTTON (object);
  NotifyFunc chain = check ? check_button_notify : button_notify;

  if (chain != NULL)
    chain (object, pspec);

  if (!g_str_equal (pspec->name, "label") && !g_str_equal (pspec->name, "use-underline"))
    return;

  if (!check && gtk_button_get_use_underline (GTK_BUTTON (object)) &&
      gtk_button_get_label (GTK_BUTTON (object)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (check && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (object)) &&
           gtk_check_button_get_label (GTK_CHECK_BUTTON (object)) != NULL)
    {
      g_autofree char *text = strip_mnemonic (gtk_check_button_get_label (GTK_CHECK_BUTTON (object)));

      set_label (GTK_WIDGET (object), text);
    }
}

static void
patch_class (GType       type,
             NotifyFunc *saved)
{
  GObjectClass *klass = g_type_class_ref (type);

  if (klass->notify != mnemonic_notify)
    {
      *saved = klass->notify;
      klass->notify = mnemonic_notify;
    }
  /* Classes stay alive once made: the reference is kept on purpose. */
}

void
ps_accessible_fix_mnemonic_names (void)
{
  static gsize done;

  if (!g_once_init_enter (&done))
    return;

  patch_class (GTK_TYPE_BUTTON, &button_notify);
  patch_class (GTK_TYPE_CHECK_BUTTON, &check_button_notify);
  /* A subclass made before the patch copied the old notify: patch it too
   * (one made after inherits the new one). */
  {
    GType subclasses[] = { GTK_TYPE_TOGGLE_BUTTON, GTK_TYPE_LINK_BUTTON };

    for (guint i = 0; i < G_N_ELEMENTS (subclasses); i++)
      {
        GObjectClass *klass = g_type_class_peek (subclasses[i]);

        if (klass != NULL && klass->notify == button_notify)
          klass->notify = mnemonic_notify;
      }
  }
  g_once_init_leave (&done, 1);
}

/* libadwaita 1.2's status page scrolls its content in a scrolled window
 * that GTK gives the focus to when nothing inside takes it: a Tab stop
 * that shows no focus ring and does nothing ("No Case Selected"). A page
 * with no control of its own takes no focus at all; one with a control
 * (Unlock, New Case) is left as it is. (GTK 4.8's scrolled window ignores
 * "focusable" and claims the focus even when it cannot take it.) */
static void (*status_page_constructed) (GObject *object);

static void
status_page_child_cb (AdwStatusPage *page)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (page)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      gtk_widget_set_can_focus (child, adw_status_page_get_child (page) != NULL);
}

static void
status_page_constructed_cb (GObject *object)
{
  if (status_page_constructed != NULL)
    status_page_constructed (object);

  /* On show, when its child is known: libadwaita 1.2 says nothing when
   * the child is set. */
  g_signal_connect (object, "map", G_CALLBACK (status_page_child_cb), NULL);
}

void
ps_accessible_fix_status_page_focus (void)
{
  static gsize done;
  GObjectClass *klass;

  if (!g_once_init_enter (&done))
    return;

  /* Classes stay alive once made: the reference is kept on purpose. */
  klass = g_type_class_ref (ADW_TYPE_STATUS_PAGE);
  status_page_constructed = klass->constructed;
  klass->constructed = status_page_constructed_cb;
  g_once_init_leave (&done, 1);
}
