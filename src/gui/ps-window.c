/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-caseload-view.h"
#include "ps-overview-view.h"
#include "ps-schedule-view.h"
#include "ps-caseload-view-private.h"
#include "ps-case-page.h"
#include "ps-checklist.h"
#include "ps-conversation-page.h"
#include "ps-window-private.h"
#include "ps-wrap.h"

/* How long the caseload may take to open before the page says why. */
#define OPENING_SLOW_MS 1000

struct _PsWindow
{
  AdwApplicationWindow  parent_instance;

  PsContext            *context;

  GtkStack             *main_stack;
  AdwStatusPage        *opening_page;
  guint                 opening_id;       /* until it says why it takes long */
  AdwStatusPage        *error_page;
  GtkWidget            *retry_button;
  GtkWidget            *unlock_button;
  GtkWidget            *restore_button;
  GtkMenuButton        *error_menu_button;
  GtkLabel             *error_detail;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkListBoxRow        *caseload_row;
  GtkListBoxRow        *schedule_row;
  GtkListBoxRow        *overview_row;
  GtkWidget            *demo_label;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  AdwBin               *caseload_bin;
  AdwBin               *schedule_bin;
  AdwBin               *overview_bin;
  PsCaseloadView       *caseload_view;
  guint                 caseload_view_id;
  GMenuModel           *primary_menu;
  AdwToast             *resume_toast;     /* weak: while it shows */

  /* The conversation is a page of the window, over the views: the next
   * one's is made ahead, nameless, when nothing happens. */
  PsConversationPage   *conversation_page;
  guint                 conversation_page_id;
  GtkWidget            *before_conversation; /* weak: the focus to go back to */
  enum {
    AFTER_NOTHING,
    AFTER_CLOSE,                          /* the window closed during one */
    AFTER_QUIT,                           /* Quit during one */
  }                     after_conversation;

  /* Where the supporter was when the store went (the case on show, by id
   * and request day, never by name, and the view), and once that was for a
   * lock, where the unlocked window goes back to. */
  struct {
    gint64              case_id;
    GDate               requested_on;
    const char         *view;             /* static: the view stack's names */
  } leaving, locked;

  PsErrorText           error_text;
};

G_DEFINE_FINAL_TYPE (PsWindow, ps_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CONVERSATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A conversation left in progress (Peerside stopped, or the screen locked,
 * during it) is offered, never reopened on its own: the supporter may be
 * somewhere else by now. No name in the toast: the screen may be shared. */
/* The offer goes once nothing is left in progress (resumed and finished
 * from the caseload's row, say). */
static void
resume_offer_store_changed_cb (PsWindow *self,
                               gint64    case_id,
                               PsStore  *store)
{
  g_autoptr(PsConversation) left = NULL;

  if (self->resume_toast != NULL && (left = ps_store_find_left_in_progress (store)) != NULL)
    return;
  g_signal_handlers_disconnect_by_func (store, resume_offer_store_changed_cb, self);
  if (self->resume_toast != NULL)
    adw_toast_dismiss (self->resume_toast);
}

static void
enable_views (PsWindow *self,
              gboolean  enabled)
{
  static const char *actions[] = { "win.show-caseload", "win.show-schedule", "win.show-overview",
                                   "win.new-case", "win.search" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
}

static void prepare_conversation_page (PsWindow *self);

static gboolean
close_later_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static gboolean
quit_later_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

/* Back to the views, where the supporter was; the page, which has a name,
 * goes, and the next one is made ahead. */
static void
leave_conversation (PsWindow *self)
{
  GtkWidget *page = GTK_WIDGET (self->conversation_page);
  GtkWidget *focus = self->before_conversation;
  gboolean shown;

  if (page == NULL)
    return;
  shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "conversation") == 0;
  self->conversation_page = NULL;
  if (shown)
    gtk_stack_set_visible_child_full (self->main_stack, "main", GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_remove (self->main_stack, page);
  enable_views (self, TRUE);
  /* The keyboard where it was, or in the view on show. */
  if (shown && (focus == NULL || gtk_widget_get_root (focus) != GTK_ROOT (self) ||
                !gtk_widget_get_mapped (focus) || !gtk_widget_is_sensitive (focus) ||
                !gtk_widget_grab_focus (focus)))
    gtk_widget_child_focus (GTK_WIDGET (self->view_stack), GTK_DIR_TAB_FORWARD);
  g_clear_weak_pointer (&self->before_conversation);
  prepare_conversation_page (self);

  if (shown)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);

  /* Closing the window or quitting asked first; answered, it goes on. */
  switch (self->after_conversation)
    {
    case AFTER_CLOSE:
      g_idle_add_full (G_PRIORITY_DEFAULT, close_later_cb, g_object_ref (self), g_object_unref);
      break;
    case AFTER_QUIT:
      if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
        g_idle_add_full (G_PRIORITY_DEFAULT, quit_later_cb,
                         g_object_ref (gtk_window_get_application (GTK_WINDOW (self))), g_object_unref);
      break;
    case AFTER_NOTHING:
    default:
      break;
    }
  self->after_conversation = AFTER_NOTHING;
}

static void
stayed_cb (PsWindow *self)
{
  self->after_conversation = AFTER_NOTHING;
}

/* Closing the window with a conversation on show leaves it as Back does
 * (asking first while it is in progress), then closes. Runs before the
 * application's handler, which hides the window. */
static gboolean
close_request_cb (PsWindow *self)
{
  PsConversationPage *page = ps_window_get_conversation_page (self);

  if (page == NULL)
    return GDK_EVENT_PROPAGATE;
  self->after_conversation = AFTER_CLOSE;
  gtk_widget_activate_action (GTK_WIDGET (page), "conversation.back", NULL);
  return GDK_EVENT_STOP;
}

/* Quit with a conversation on show leaves it as Back does (asking first
 * while it is in progress), then quits; FALSE without one. */
gboolean
ps_window_quit_after_conversation (PsWindow *self)
{
  PsConversationPage *page;

  g_return_val_if_fail (PS_IS_WINDOW (self), FALSE);

  if ((page = ps_window_get_conversation_page (self)) == NULL)
    return FALSE;
  gtk_window_present (GTK_WINDOW (self));
  self->after_conversation = AFTER_QUIT;
  gtk_widget_activate_action (GTK_WIDGET (page), "conversation.back", NULL);
  return TRUE;
}

static void
undo_discard_cb (AdwToast       *toast,
                 PsConversation *conversation)
{
  g_autoptr(GError) error = NULL;
  PsContext *context = g_object_get_data (G_OBJECT (toast), "context");
  PsStore *store = context != NULL ? ps_context_get_store (context) : NULL;

  if (store != NULL && !ps_store_restore_conversation (store, conversation, &error))
    g_warning ("Could not restore the conversation: %s", error->message);
}

static void
conversation_discarded_cb (PsWindow       *self,
                           PsConversation *conversation)
{
  AdwToast *toast;

  leave_conversation (self);
  toast = adw_toast_new (_("Conversation discarded"));
  adw_toast_set_button_label (toast, _("_Undo"));
  /* The context, not the store, which would outlive a lock with its key. */
  g_object_set_data_full (G_OBJECT (toast), "context", g_object_ref (self->context), g_object_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_discard_cb),
                         g_object_ref (conversation), (GClosureNotify) g_object_unref, 0);
  ps_window_add_toast (self, toast);
}

static PsConversationPage *
ensure_conversation_page (PsWindow *self)
{
  g_clear_handle_id (&self->conversation_page_id, g_source_remove);
  if (self->conversation_page != NULL)
    return self->conversation_page;

  self->conversation_page = PS_CONVERSATION_PAGE (ps_conversation_page_new (self->context));
  g_signal_connect_object (self->conversation_page, "finished", G_CALLBACK (leave_conversation), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation_page, "back", G_CALLBACK (leave_conversation), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation_page, "discarded", G_CALLBACK (conversation_discarded_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->conversation_page, "stayed", G_CALLBACK (stayed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->conversation_page), "conversation");
  return self->conversation_page;
}

static gboolean
prepare_conversation_page_cb (gpointer user_data)
{
  PsWindow *self = user_data;

  self->conversation_page_id = 0;
  if (ps_context_get_store (self->context) != NULL)
    ps_conversation_page_prepare (ensure_conversation_page (self),
                                  gtk_widget_get_width (GTK_WIDGET (self->main_stack)),
                                  gtk_widget_get_height (GTK_WIDGET (self->main_stack)));
  return G_SOURCE_REMOVE;
}

static void
prepare_conversation_page (PsWindow *self)
{
  if (self->conversation_page == NULL && self->conversation_page_id == 0)
    self->conversation_page_id = g_idle_add_full (G_PRIORITY_LOW, prepare_conversation_page_cb,
                                                  self, NULL);
}

/* Starts (or resumes) a conversation of the case @case_id, @conversation
 * the planned one or NULL for the store's pick, and shows it over the views. */
static gboolean
open_conversation (PsWindow       *self,
                   gint64          case_id,
                   PsConversation *conversation)
{
  PsStore *store = ps_context_get_store (self->context);
  PsCase *item = store != NULL ? ps_store_lookup_case (store, case_id) : NULL;
  g_autoptr(GError) error = NULL;
  PsConversationPage *page;
  GtkWidget *focus, *popover;

  if (item == NULL)
    return FALSE;
  /* One at a time: the one on show stays. */
  if (self->conversation_page != NULL &&
      ps_conversation_page_get_conversation (self->conversation_page) != NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      return FALSE;
    }

  /* Where the keyboard is (started from a menu: its button), before the
   * page takes it. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && (popover = gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER)) != NULL)
    focus = gtk_widget_get_parent (popover);

  /* The keyboard goes to the page before the page shows (one move: the
   * stack would move it to the page's first control, then the page to its
   * first step), and the page shows before the conversation starts: the
   * views under it, hidden, put off following what starting changes until
   * they are shown again. */
  page = ensure_conversation_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (page));
  gtk_stack_set_visible_child_full (self->main_stack, "conversation", GTK_STACK_TRANSITION_TYPE_NONE);
  if (!ps_conversation_page_start (page, item, conversation, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      gtk_stack_set_visible_child_full (self->main_stack, "main", GTK_STACK_TRANSITION_TYPE_NONE);
      if (focus != NULL)
        gtk_widget_grab_focus (focus);
      ps_window_add_toast (self, adw_toast_new (escaped));
      return FALSE;
    }
  g_set_weak_pointer (&self->before_conversation, focus);
  enable_views (self, FALSE);
  gtk_window_present (GTK_WINDOW (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONVERSATION]);
  return TRUE;
}

static void
restore_conversation (PsWindow *self)
{
  PsStore *store = ps_context_get_store (self->context);
  g_autoptr(PsConversation) conversation = NULL;
  AdwToast *toast;

  if (store == NULL || ps_context_is_demo (self->context))
    return;
  conversation = ps_store_find_left_in_progress (store);
  if (conversation == NULL)
    return;
  toast = adw_toast_new (_("A conversation is still in progress"));
  {
    /* Wrapped, not cut to "A conversation is…" beside Resume at 360 px. */
    GtkWidget *title = gtk_label_new (adw_toast_get_title (toast));

    ps_wrap_label (GTK_LABEL (title));
    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_widget_add_css_class (title, "heading");
    adw_toast_set_custom_title (toast, title);
  }
  adw_toast_set_button_label (toast, _("_Resume"));
  adw_toast_set_action_name (toast, "win.resume-conversation");
  adw_toast_set_timeout (toast, 0);
  if (self->resume_toast != NULL)
    adw_toast_dismiss (self->resume_toast);
  g_set_weak_pointer (&self->resume_toast, toast);
  g_signal_handlers_disconnect_by_func (store, resume_offer_store_changed_cb, self);
  g_signal_connect_object (store, "changed", G_CALLBACK (resume_offer_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  ps_window_add_toast (self, toast);
}

static void
resume_conversation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  PsStore *store = ps_context_get_store (self->context);
  g_autoptr(PsConversation) conversation = store != NULL ? ps_store_find_left_in_progress (store) : NULL;

  if (conversation != NULL)
    open_conversation (self, ps_conversation_get_case_id (conversation), conversation);
}

/* From a view: (case id, conversation id or 0 for the store's pick). */
static void
start_conversation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  PsStore *store = ps_context_get_store (self->context);
  g_autoptr(PsConversation) conversation = NULL;
  gint64 case_id, conversation_id;

  g_variant_get (param, "(xx)", &case_id, &conversation_id);
  /* A planned one of that case, else nothing: not the store's pick. */
  if (conversation_id != 0 &&
      (store == NULL || (conversation = ps_store_lookup_conversation (store, conversation_id)) == NULL ||
       ps_conversation_get_case_id (conversation) != case_id))
    return;
  open_conversation (self, case_id, conversation);
}

/* The caseload view is made just after the window's first frame, while the
 * store still opens in its thread, or at once when a caseload is there to
 * show: the first frame ("Opening…") then costs about what a bare window's
 * does: start-up stays within a quarter of a bare window's. */
/* A view gets the window's primary menu; it knows nothing else of the
 * window. Its page in the view stack (and the switcher bar's button) is
 * there from the start: the view goes into the page's bin. */
static void
add_view (PsWindow  *self,
          GtkWidget *view,
          AdwBin    *bin)
{
  g_object_set (view, "menu-model", ps_window_get_primary_menu (self), NULL);
  adw_bin_set_child (bin, view);
}

static PsCaseloadView *
ensure_caseload_view (PsWindow *self)
{
  if (self->caseload_view != NULL)
    return self->caseload_view;

  g_clear_handle_id (&self->caseload_view_id, g_source_remove);
  self->caseload_view = ps_caseload_view_new (self->context);
  add_view (self, GTK_WIDGET (self->caseload_view), self->caseload_bin);
  return self->caseload_view;
}

static gboolean
make_caseload_view_cb (gpointer user_data)
{
  PsWindow *self = user_data;

  self->caseload_view_id = 0;
  ensure_caseload_view (self);
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                PsWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  /* An idle, so that the frame is reported and shown before the work. */
  if (self->caseload_view == NULL && self->caseload_view_id == 0)
    self->caseload_view_id = g_idle_add (make_caseload_view_cb, self);
}

static void
realize_cb (PsWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (first_paint_cb), self, 0);
}

/* On lock, every widget that showed a name or a contact goes: the views,
 * the case page inside the caseload view, the conversation, and the windows
 * over this one (editors, dialogs). They are made again after unlocking. */
static void
forget_names (PsWindow *self)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
      gtk_window_destroy (l->data);

  /* A conversation on show stays in progress, offered again after unlocking. */
  leave_conversation (self);
  g_clear_handle_id (&self->conversation_page_id, g_source_remove);

  g_clear_handle_id (&self->caseload_view_id, g_source_remove);
  self->caseload_view = NULL;
  adw_bin_set_child (self->caseload_bin, NULL);
  adw_bin_set_child (self->schedule_bin, NULL);
  /* The Overview stays, with the period chosen: it shows counts, never a
   * name, and follows the store as it goes and comes back. */
  adw_view_stack_set_visible_child_name (self->view_stack, "caseload");
  gtk_list_box_select_row (self->sidebar_list, self->caseload_row);
}

static void show_view (PsWindow   *self,
                       const char *name);

/* The view on show, as one of the view stack's static names. */
static const char *
view_name (PsWindow *self)
{
  static const char *names[] = { "caseload", "schedule", "overview" };
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      return names[i];
  return names[0];
}

/* Runs before the views hear the store went (they are made after the
 * window): the case page still holds its case. */
static void
context_store_changed_cb (PsWindow *self)
{
  PsCase *shown = NULL;

  self->leaving.view = NULL;
  if (ps_context_get_store (self->context) != NULL)
    return;
  if (self->caseload_view != NULL)
    shown = ps_case_page_get_case (ps_caseload_view_get_case_page (self->caseload_view));
  self->leaving.case_id = shown != NULL ? ps_case_get_id (shown) : 0;
  if (shown != NULL)
    self->leaving.requested_on = *ps_case_get_requested_on (shown);
  self->leaving.view = view_name (self);
  /* A conversation on show stays in progress in the file, offered again
   * once it opens; its page, with the name, goes now. Closing the window
   * or quitting had asked what becomes of it: unanswered, both stay. */
  self->after_conversation = AFTER_NOTHING;
  leave_conversation (self);
  /* The offer of one left in progress was of this caseload: a restored
   * one makes its own. */
  if (self->resume_toast != NULL)
    adw_toast_dismiss (self->resume_toast);
}

/* Unlocked: the view and the case the supporter was on, as they left them
 * (a restored caseload is another one: only a lock comes back here). */
static void
return_after_lock (PsWindow *self)
{
  PsStore *store = ps_context_get_store (self->context);
  PsCase *item;

  if (self->locked.view == NULL || store == NULL)
    return;
  item = self->locked.case_id != 0 ? ps_store_lookup_case (store, self->locked.case_id) : NULL;
  if (item != NULL && g_date_compare (ps_case_get_requested_on (item), &self->locked.requested_on) == 0)
    ps_caseload_view_open_case (ensure_caseload_view (self), item);
  show_view (self, self->locked.view);
  self->locked.view = NULL;
}

static gboolean
opening_slow_cb (gpointer user_data)
{
  PsWindow *self = user_data;

  self->opening_id = 0;
  adw_status_page_set_description (self->opening_page,
                                   _("Reading the key from your keyring. Your keyring may ask for your password."));
  return G_SOURCE_REMOVE;
}

static void
update_for_status (PsWindow *self)
{
  g_clear_handle_id (&self->opening_id, g_source_remove);
  switch (ps_context_get_status (self->context))
    {
    case PS_CONTEXT_OPENING:
      /* Why it takes long only once it does (the keyring asks for its
       * password): usually the caseload is there before it could be
       * read, and the first frame does not lay out a paragraph. */
      adw_status_page_set_description (self->opening_page, NULL);
      self->opening_id = g_timeout_add (OPENING_SLOW_MS, opening_slow_cb, self);
      gtk_stack_set_visible_child_name (self->main_stack, "opening");
      break;

    case PS_CONTEXT_FAILED:
      ps_window_show_error (self, ps_context_get_error (self->context));
      break;

    case PS_CONTEXT_LOCKED:
      gtk_stack_set_visible_child_name (self->main_stack, "locked");
      if (self->leaving.view != NULL)
        self->locked = self->leaving;
      self->leaving.view = NULL;
      forget_names (self);
      /* The keyboard was on a control that went with the names, or is
       * hidden with the views: Enter unlocks. */
      gtk_widget_grab_focus (self->unlock_button);
      break;

    case PS_CONTEXT_READY:
    default:
      ensure_caseload_view (self);
      /* Each time the caseload opens (first, unlocked, restored, after
       * an error): the next conversation's page too. */
      prepare_conversation_page (self);
      gtk_stack_set_visible_child_name (self->main_stack, "main");
      return_after_lock (self);
      restore_conversation (self);
      break;
    }
}

static void
context_status_changed_cb (PsWindow   *self,
                           GParamSpec *pspec,
                           PsContext  *context)
{
  update_for_status (self);
}

static void schedule_open_case_cb (PsWindow *self,
                                   gint64    case_id);
static void schedule_start_cb     (PsWindow       *self,
                                   PsConversation *conversation);

static void
ensure_view (PsWindow   *self,
             const char *name)
{
  if (g_str_equal (name, "schedule") && adw_bin_get_child (self->schedule_bin) == NULL)
    {
      PsScheduleView *schedule = ps_schedule_view_new (self->context);

      g_signal_connect_object (schedule, "open-case", G_CALLBACK (schedule_open_case_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (schedule, "start-conversation", G_CALLBACK (schedule_start_cb), self,
                               G_CONNECT_SWAPPED);
      add_view (self, GTK_WIDGET (schedule), self->schedule_bin);
    }
  else if (g_str_equal (name, "overview") && adw_bin_get_child (self->overview_bin) == NULL)
    {
      PsOverviewView *overview = ps_overview_view_new (self->context);

      /* Narrow, it keeps the header's room for its title. */
      g_object_bind_property (self->leaflet, "folded", overview, "folded", G_BINDING_SYNC_CREATE);
      add_view (self, GTK_WIDGET (overview), self->overview_bin);
    }
}

static void
show_view (PsWindow   *self,
           const char *name)
{
  GtkListBoxRow *row = NULL;

  if (g_strcmp0 (name, "caseload") == 0)
    row = self->caseload_row;
  else if (g_strcmp0 (name, "schedule") == 0)
    row = self->schedule_row;
  else if (g_strcmp0 (name, "overview") == 0)
    row = self->overview_row;

  g_return_if_fail (row != NULL);

  ensure_caseload_view (self);
  ensure_view (self, name);
  if (gtk_list_box_get_selected_row (self->sidebar_list) != row)
    gtk_list_box_select_row (self->sidebar_list, row);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), name) != 0)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* The switcher bar (narrow) changes the view stack itself. */
static void
view_switched_cb (PsWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (name != NULL && self->caseload_view != NULL)
    show_view (self, name);
}

static void
sidebar_row_activated_cb (PsWindow      *self,
                          GtkListBoxRow *row)
{
  show_view (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  /* "win.show-caseload" → "caseload" */
  show_view (PS_WINDOW (widget), action_name + strlen ("win.show-"));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);

  ps_context_open (self->context);
}

static void
show_data_folder_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  const char *dir = ps_context_get_data_dir (self->context);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (dir == NULL)
    return;

  file = g_file_new_for_path (dir);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
forward_to_caseload_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  PsWindow *self = PS_WINDOW (widget);
  g_autofree char *name = NULL;

  if (ps_context_get_status (self->context) != PS_CONTEXT_READY)
    return;

  show_view (self, "caseload");
  /* "win.new-case" → "caseload.new-case" */
  name = g_strconcat ("caseload.", action_name + strlen ("win."), NULL);
  gtk_widget_activate_action (GTK_WIDGET (ensure_caseload_view (self)), name, NULL);
}

/* Read from the resource, not asked of the application: the caseload and
 * the error page are made in constructed, before GtkWindow:application is
 * set, and a menu button without a model is insensitive. */
GMenuModel *
ps_window_get_primary_menu (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  if (self->primary_menu == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/gtk/menus.ui");

      self->primary_menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")));
    }
  return self->primary_menu;
}

/* For the start-up benchmark (build-aux/bench.sh): report, on standard
 * output, the monotonic time of the first frame and of the first frame with
 * the caseload open, and the resident memory then. Nothing else is printed. */
static void
report_frame (PsWindow   *self,
              const char *what)
{
  g_autofree char *status = NULL;
  const char *rss;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  rss = status != NULL ? strstr (status, "VmRSS:") : NULL;
  g_print ("peerside-bench %s %" G_GINT64_FORMAT " us rss %ld kB\n", what,
           g_get_monotonic_time (), rss != NULL ? strtol (rss + 6, NULL, 10) : -1L);
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      PsWindow      *self)
{
  static gboolean first_reported;

  if (!first_reported)
    {
      first_reported = TRUE;
      report_frame (self, "first-frame");
    }
  if (ps_context_get_status (self->context) == PS_CONTEXT_READY)
    {
      report_frame (self, "caseload-frame");
      g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
      if (g_strcmp0 (g_getenv ("PEERSIDE_BENCH"), "quit") == 0)
        g_application_quit (g_application_get_default ());
    }
}

static void
bench_realize_cb (PsWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), self, 0);
}

static void
schedule_open_case_cb (PsWindow *self,
                       gint64    case_id)
{
  PsStore *store = ps_context_get_store (self->context);
  PsCase *item = store != NULL ? ps_store_lookup_case (store, case_id) : NULL;

  if (item == NULL)
    return;
  show_view (self, "caseload");
  ps_caseload_view_open_case_from (ensure_caseload_view (self), item, "win.show-schedule");
}

static void
schedule_start_cb (PsWindow       *self,
                   PsConversation *conversation)
{
  open_conversation (self, ps_conversation_get_case_id (conversation), conversation);
}

/* The shortcuts window is built when first shown, not with the window as
 * GtkApplication does from gtk/help-overlay.ui: that took about 5 ms before
 * the first frame, and 0.9 MB of the 20 MB that start-up may add. */
static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ps-help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
ps_window_constructed (GObject *object)
{
  PsWindow *self = (PsWindow *)object;
  GSettings *settings = ps_context_get_settings (self->context);
  g_autoptr(GSimpleAction) help = NULL;

  G_OBJECT_CLASS (ps_window_parent_class)->constructed (object);

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  gtk_widget_set_visible (self->demo_label, ps_context_is_demo (self->context));
  if (ps_context_is_demo (self->context))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_menu_button_set_menu_model (self->error_menu_button, ps_window_get_primary_menu (self));

  help = g_simple_action_new ("show-help-overlay", NULL);
  g_signal_connect_object (help, "activate", G_CALLBACK (show_help_overlay_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help));

  /* The caseload view is made after the first frame (ensure_caseload_view),
   * Schedule and Overview when first shown. */
  gtk_list_box_select_row (self->sidebar_list, self->caseload_row);
  /* Folded, the window shows the views, never the list of them. */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  g_signal_connect_object (self->context, "notify::status",
                           G_CALLBACK (context_status_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (context_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_for_status (self);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);

  if (g_getenv ("PEERSIDE_BENCH") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (bench_realize_cb), NULL);
}

static void
ps_window_dispose (GObject *object)
{
  PsWindow *self = (PsWindow *)object;

  g_clear_handle_id (&self->caseload_view_id, g_source_remove);
  g_clear_handle_id (&self->conversation_page_id, g_source_remove);
  g_clear_handle_id (&self->opening_id, g_source_remove);
  g_clear_weak_pointer (&self->resume_toast);
  g_clear_weak_pointer (&self->before_conversation);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_WINDOW);
  g_clear_object (&self->primary_menu);

  G_OBJECT_CLASS (ps_window_parent_class)->dispose (object);
}

static void
ps_window_finalize (GObject *object)
{
  PsWindow *self = (PsWindow *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_window_parent_class)->finalize (object);
}

static void
ps_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PsWindow *self = PS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CONVERSATION:
      g_value_set_object (value, ps_window_get_conversation_page (self) != NULL ?
                          ps_conversation_page_get_conversation (self->conversation_page) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PsWindow *self = PS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_window_class_init (PsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ps_window_constructed;
  object_class->dispose = ps_window_dispose;
  object_class->finalize = ps_window_finalize;
  object_class->get_property = ps_window_get_property;
  object_class->set_property = ps_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The conversation on show over the views, or NULL. */
  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL, PS_TYPE_CONVERSATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PS_TYPE_CASELOAD_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, error_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, error_detail);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, caseload_row);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, overview_row);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, caseload_bin);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, schedule_bin);
  gtk_widget_class_bind_template_child (widget_class, PsWindow, overview_bin);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_switched_cb);

  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.resume-conversation", NULL,
                                   resume_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.start-conversation", "(xx)",
                                   start_conversation_action);
  gtk_widget_class_install_action (widget_class, "win.show-data-folder", NULL, show_data_folder_action);
  gtk_widget_class_install_action (widget_class, "win.show-caseload", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-schedule", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_view_action);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, forward_to_caseload_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, forward_to_caseload_action);
}

static void
ps_window_init (PsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before the application's own handler. */
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

PsWindow *
ps_window_new (PsApplication *application,
               PsContext     *context)
{
  g_return_val_if_fail (PS_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  return g_object_new (PS_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

PsCaseloadView *
ps_window_get_caseload_view (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);
  return ensure_caseload_view (self);
}

PsContext *
ps_window_get_context (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);
  return self->context;
}

const char *
ps_window_get_visible_page (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
ps_window_add_toast (PsWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PS_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
ps_window_show_error (PsWindow     *self,
                      const GError *error)
{
  g_return_if_fail (PS_IS_WINDOW (self));

  ps_error_text_for (error, &self->error_text);
  adw_status_page_set_icon_name (self->error_page, self->error_text.icon_name);
  adw_status_page_set_title (self->error_page, self->error_text.title);
  adw_status_page_set_description (self->error_page, self->error_text.description);
  gtk_widget_set_visible (self->retry_button, self->error_text.can_retry);
  gtk_widget_set_visible (self->restore_button, self->error_text.can_restore);
  /* The technical message helps a report; it never carries a name. */
  gtk_label_set_label (self->error_detail, error != NULL ? error->message : "");
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

const char *
ps_window_get_error_title (PsWindow *self)
{
  return adw_status_page_get_title (self->error_page);
}

const char *
ps_window_get_error_description (PsWindow *self)
{
  return adw_status_page_get_description (self->error_page);
}

gboolean
ps_window_get_error_can_retry (PsWindow *self)
{
  return gtk_widget_get_visible (self->retry_button);
}

gboolean
ps_window_get_error_can_restore (PsWindow *self)
{
  return gtk_widget_get_visible (self->restore_button);
}

AdwLeaflet *
ps_window_get_leaflet (PsWindow *self)
{
  return self->leaflet;
}

const char *
ps_window_get_visible_view (PsWindow *self)
{
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

PsConversationPage *
ps_window_get_conversation_page (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "conversation") != 0)
    return NULL;
  return self->conversation_page;
}
