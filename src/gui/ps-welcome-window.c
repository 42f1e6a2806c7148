/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-contacts-preferences.h"
#include "ps-targets-group.h"
#include "ps-welcome-window.h"

struct _PsWelcomeWindow
{
  AdwWindow       parent_instance;

  GSettings      *settings;
  GPtrArray      *pages;      /* GtkWidget, in order */
  GPtrArray      *titles;     /* char *, one per page */
  guint           position;

  PsTargetsGroup *targets;
  GtkWidget      *targets_page;

  GtkStack       *stack;
  AdwWindowTitle *title;
  GtkWidget      *back_button;
  GtkButton      *next_button;
};

G_DEFINE_FINAL_TYPE (PsWelcomeWindow, ps_welcome_window, ADW_TYPE_WINDOW)

/* The keyboard on the step's first field, not on Next. */
static void
focus_page (PsWelcomeWindow *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_child_focus (g_ptr_array_index (self->pages, self->position), GTK_DIR_TAB_FORWARD);
}

static void
show_page (PsWelcomeWindow *self,
           guint            position)
{
  gboolean last = position + 1 == self->pages->len;
  /* Translators: under the welcome's title, "Step 1 of 2" */
  g_autofree char *step = g_strdup_printf (_("Step %u of %u"), position + 1, self->pages->len);

  self->position = position;
  gtk_stack_set_visible_child (self->stack, g_ptr_array_index (self->pages, position));
  adw_window_title_set_title (self->title, g_ptr_array_index (self->titles, position));
  adw_window_title_set_subtitle (self->title, step);
  gtk_widget_set_visible (self->back_button, position > 0);
  gtk_button_set_label (self->next_button, last ? _("_Start") : _("_Next"));
  focus_page (self);
}

static void
finish (PsWelcomeWindow *self)
{
  g_settings_set_boolean (self->settings, "welcome-done", TRUE);
}

static void
next_clicked_cb (PsWelcomeWindow *self)
{
  /* Targets that do not hold are refused, as in Preferences: the step
   * stays, its message saying why. */
  if (g_ptr_array_index (self->pages, self->position) == self->targets_page &&
      !ps_targets_group_apply (self->targets))
    return;
  if (self->position + 1 < self->pages->len)
    {
      show_page (self, self->position + 1);
      return;
    }
  finish (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
back_clicked_cb (PsWelcomeWindow *self)
{
  if (self->position > 0)
    show_page (self, self->position - 1);
}

/* Closing is skipping: what was chosen is saved, and it does not come back. */
static gboolean
close_request_cb (PsWelcomeWindow *self)
{
  ps_targets_group_apply (self->targets);
  finish (self);
  return FALSE;
}

static void
add_page (PsWelcomeWindow *self,
          guint            index,
          const char      *title,
          GtkWidget       *page)
{
  gtk_stack_add_child (self->stack, page);
  g_ptr_array_insert (self->pages, index, page);
  g_ptr_array_insert (self->titles, index, g_strdup (title));
}

static GtkWidget *
intro_page (GSettings *settings)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *intro = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *heading = gtk_label_new (_("Before Your First Case"));
  GtkWidget *text = gtk_label_new (_("When a colleague is at risk, the safety panel shows whom to "
                                     "call. Choose your region and check its lines; add your "
                                     "program’s contacts if you have them."));
  GtkWidget *contacts = ps_contacts_preferences_page_new (settings);

  gtk_widget_add_css_class (heading, "title-2");
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (heading, 18);
  gtk_widget_set_margin_start (text, 18);
  gtk_widget_set_margin_end (text, 18);
  gtk_widget_set_margin_top (text, 6);
  gtk_widget_set_vexpand (contacts, TRUE);
  gtk_box_append (GTK_BOX (intro), heading);
  gtk_box_append (GTK_BOX (intro), text);
  /* As wide as the groups below it. */
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), intro);
  gtk_box_append (GTK_BOX (box), clamp);
  gtk_box_append (GTK_BOX (box), contacts);
  return box;
}

static void
ps_welcome_window_dispose (GObject *object)
{
  PsWelcomeWindow *self = PS_WELCOME_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ps_welcome_window_parent_class)->dispose (object);
}

static void
ps_welcome_window_finalize (GObject *object)
{
  PsWelcomeWindow *self = PS_WELCOME_WINDOW (object);

  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->titles);

  G_OBJECT_CLASS (ps_welcome_window_parent_class)->finalize (object);
}

static void
ps_welcome_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ps_welcome_window_parent_class)->map (widget);
  focus_page (PS_WELCOME_WINDOW (widget));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  next_clicked_cb (PS_WELCOME_WINDOW (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  back_clicked_cb (PS_WELCOME_WINDOW (widget));
}

static void
ps_welcome_window_class_init (PsWelcomeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_welcome_window_dispose;
  object_class->finalize = ps_welcome_window_finalize;
  widget_class->map = ps_welcome_window_map;

  gtk_widget_class_install_action (widget_class, "welcome.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "welcome.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "welcome.next", NULL);
  /* Escape goes back a step, as Back does; on the first there is none. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "welcome.back", NULL);
}

static void
ps_welcome_window_init (PsWelcomeWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->pages = g_ptr_array_new ();
  self->titles = g_ptr_array_new_with_free_func (g_free);

  gtk_window_set_title (GTK_WINDOW (self), _("Welcome to Peerside"));
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 400);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Welcome to Peerside"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  /* An arrow, as every back button in a header bar: a word would leave
   * the step's title no room at 360 px in French. */
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  self->next_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Next")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->back_button), "welcome.back");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "welcome.next");
  gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->next_button));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

PsWelcomeWindow *
ps_welcome_window_new (GSettings *settings)
{
  PsWelcomeWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PS_TYPE_WELCOME_WINDOW, "modal", TRUE, NULL);
  self->settings = g_object_ref (settings);

  add_page (self, 0, _("Safety Contacts"), intro_page (settings));
  self->targets_page = adw_preferences_page_new ();
  self->targets = PS_TARGETS_GROUP (ps_targets_group_new (settings));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->targets_page),
                            ADW_PREFERENCES_GROUP (self->targets));
  add_page (self, 1, _("First Contact"), self->targets_page);
  show_page (self, 0);
  return self;
}

guint
ps_welcome_window_get_position (PsWelcomeWindow *self)
{
  g_return_val_if_fail (PS_IS_WELCOME_WINDOW (self), 0);
  return self->position;
}

guint
ps_welcome_window_get_n_pages (PsWelcomeWindow *self)
{
  g_return_val_if_fail (PS_IS_WELCOME_WINDOW (self), 0);
  return self->pages->len;
}

GtkWidget *
ps_welcome_window_get_page (PsWelcomeWindow *self,
                            guint            index)
{
  g_return_val_if_fail (PS_IS_WELCOME_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->pages->len, NULL);
  return g_ptr_array_index (self->pages, index);
}
