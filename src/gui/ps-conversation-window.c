/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-conversation-window.h"
#include "ps-window.h"

struct _PsConversationWindow
{
  AdwWindow           parent_instance;

  PsContext          *context;
  PsConversationPage *page;
};

G_DEFINE_FINAL_TYPE (PsConversationWindow, ps_conversation_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_finished_cb (PsConversationWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
page_back_cb (PsConversationWindow *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static PsStore *
get_store (PsConversationWindow *self)
{
  return self->context != NULL ? ps_context_get_store (self->context) : NULL;
}

static PsConversation *
get_conversation (PsConversationWindow *self)
{
  return ps_conversation_page_get_conversation (self->page);
}

static gboolean
in_progress (PsConversationWindow *self)
{
  PsConversation *conversation = get_conversation (self);

  return conversation != NULL &&
         ps_conversation_get_state (conversation) == PS_CONVERSATION_IN_PROGRESS;
}

/* Anything ticked or answered: what a discard would lose. */
static gboolean
has_record (PsConversation *conversation)
{
  const char * const *covered = ps_conversation_get_covered_steps (conversation);

  return ps_conversation_get_safety_concern (conversation) ||
         (covered != NULL && covered[0] != NULL);
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

/* Deletes the conversation; the main window's toast can undo it. */
static void
discard (PsConversationWindow *self)
{
  g_autoptr(PsConversation) conversation = g_object_ref (get_conversation (self));
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  PsStore *store = get_store (self);
  AdwToast *toast;

  if (store == NULL ||
      !ps_store_delete_conversation (store, ps_conversation_get_id (conversation), &error))
    {
      ps_conversation_page_add_toast (self->page, error != NULL ? error->message
                                                                : _("The change could not be saved."));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));

  if (!PS_IS_WINDOW (parent))
    return;
  toast = adw_toast_new (_("Conversation discarded"));
  adw_toast_set_button_label (toast, _("_Undo"));
  /* The context, not the store, which would outlive a lock with its key. */
  g_object_set_data_full (G_OBJECT (toast), "context", g_object_ref (self->context), g_object_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_discard_cb),
                         g_steal_pointer (&conversation), (GClosureNotify) g_object_unref, 0);
  ps_window_add_toast (PS_WINDOW (parent), toast);
}

static void
discard_response_cb (PsConversationWindow *self,
                     const char           *response,
                     GtkWindow            *dialog)
{
  /* The window may go before the dialog does. */
  gtk_window_set_transient_for (dialog, NULL);
  if (g_strcmp0 (response, "discard") == 0)
    discard (self);
}

static void
leave_response_cb (PsConversationWindow *self,
                   const char           *response,
                   GtkWindow            *leave_dialog)
{
  GtkWidget *dialog;

  /* The window may go before the dialog does. */
  gtk_window_set_transient_for (leave_dialog, NULL);

  if (g_strcmp0 (response, "keep") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
  else if (g_strcmp0 (response, "finish") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->page), "conversation.finish", NULL);
  else if (g_strcmp0 (response, "discard") == 0 && in_progress (self))
    {
      if (!has_record (get_conversation (self)))
        {
          discard (self);
          return;
        }
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard This Conversation?"),
                                       _("The steps ticked and the safety answer are deleted "
                                         "with it."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* Leaving a conversation in progress asks what becomes of it; Escape
 * stays with it. Locking destroys the window without asking: the
 * conversation stays in progress, offered again after unlocking. */
static gboolean
ps_conversation_window_close_request (GtkWindow *window)
{
  PsConversationWindow *self = PS_CONVERSATION_WINDOW (window);
  GtkWidget *dialog;

  if (!in_progress (self))
    return GTK_WINDOW_CLASS (ps_conversation_window_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Leave the Conversation?"),
                                   _("Keep it to resume later from the case, finish it now, "
                                     "or discard it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "keep", _("_Keep for Later"),
                                    "finish", _("_Finish Now"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "finish",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
ps_conversation_window_constructed (GObject *object)
{
  PsConversationWindow *self = (PsConversationWindow *)object;

  G_OBJECT_CLASS (ps_conversation_window_parent_class)->constructed (object);

  g_object_set (self->page, "context", self->context, NULL);
}

static void
ps_conversation_window_dispose (GObject *object)
{
  PsConversationWindow *self = (PsConversationWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_CONVERSATION_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_conversation_window_parent_class)->dispose (object);
}

static void
ps_conversation_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PsConversationWindow *self = PS_CONVERSATION_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_conversation_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PsConversationWindow *self = PS_CONVERSATION_WINDOW (object);

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
ps_conversation_window_class_init (PsConversationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ps_conversation_window_constructed;
  object_class->dispose = ps_conversation_window_dispose;
  object_class->get_property = ps_conversation_window_get_property;
  object_class->set_property = ps_conversation_window_set_property;
  window_class->close_request = ps_conversation_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PS_TYPE_CONVERSATION_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ps-conversation-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsConversationWindow, page);
  gtk_widget_class_bind_template_callback (widget_class, page_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_back_cb);
}

static void
ps_conversation_window_init (PsConversationWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The window of the next conversation is made ahead, while nothing
 * happens, and kept hidden over the main window: it holds the checklist,
 * never a name, and goes with the other windows when the caseload locks.
 * Starting a conversation then fills it in and shows it. */
#define SPARE_KEY "ps-conversation-window-spare"

/* The spare goes with its parent (destroy-with-parent) or on its own (a
 * lock): either way the parent stops pointing at it. */
static void
spare_destroyed_cb (GtkWindow *parent,
                    GtkWindow *spare)
{
  if (g_object_get_data (G_OBJECT (parent), SPARE_KEY) == spare)
    g_object_steal_data (G_OBJECT (parent), SPARE_KEY);
}

/* Transfer none, as a window GTK holds. */
static PsConversationWindow *
take_spare (PsContext *context,
            GtkWindow *parent)
{
  PsConversationWindow *self = parent != NULL ? g_object_steal_data (G_OBJECT (parent), SPARE_KEY)
                                              : NULL;

  if (self != NULL && self->context != context)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return self;
}

/* The size its content will have: the window's default size less the
 * frame around it (resize borders without a compositor), as the last
 * conversation's window had it. */
#define FRAME_KEY "ps-conversation-window-frame"

typedef struct
{
  int width;
  int height;
} Frame;

static void
content_size (PsConversationWindow *self,
              GtkWindow            *parent,
              int                  *width,
              int                  *height)
{
  Frame *frame = g_object_get_data (G_OBJECT (parent), FRAME_KEY);

  gtk_window_get_default_size (GTK_WINDOW (self), width, height);
  if (frame != NULL)
    {
      *width -= frame->width;
      *height -= frame->height;
    }
}

static void
prepare (PsContext *context,
         GtkWindow *parent)
{
  PsConversationWindow *self;
  int width, height;

  /* One at a time; not while locked, nor over a window going away. */
  if (g_object_get_data (G_OBJECT (parent), SPARE_KEY) != NULL ||
      ps_context_get_store (context) == NULL || !gtk_widget_get_visible (GTK_WIDGET (parent)))
    return;

  self = g_object_new (PS_TYPE_CONVERSATION_WINDOW,
                       "context", context,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  content_size (self, parent, &width, &height);
  ps_conversation_page_prepare (self->page, width, height);
  g_object_set_data (G_OBJECT (parent), SPARE_KEY, self);
  g_signal_connect_object (self, "destroy", G_CALLBACK (spare_destroyed_cb), parent,
                           G_CONNECT_SWAPPED);
}

typedef struct
{
  PsContext *context;
  GWeakRef   parent;
} PrepareLater;

static void
prepare_later_free (gpointer data)
{
  PrepareLater *later = data;

  g_object_unref (later->context);
  g_weak_ref_clear (&later->parent);
  g_free (later);
}

static gboolean
prepare_later_cb (gpointer data)
{
  PrepareLater *later = data;
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&later->parent);

  if (parent != NULL)
    prepare (later->context, parent);
  return G_SOURCE_REMOVE;
}

void
ps_conversation_window_prepare (PsContext *context,
                                GtkWindow *parent)
{
  PrepareLater *later;

  g_return_if_fail (PS_IS_CONTEXT (context));
  g_return_if_fail (GTK_IS_WINDOW (parent));

  later = g_new0 (PrepareLater, 1);
  later->context = g_object_ref (context);
  g_weak_ref_init (&later->parent, parent);
  g_idle_add_full (G_PRIORITY_LOW, prepare_later_cb, later, prepare_later_free);
}

/* When the conversation's window goes, the next one is made. */
static void
prepare_next_cb (GtkWindow *parent,
                 GtkWidget *window)
{
  PsConversationWindow *self = PS_CONVERSATION_WINDOW (window);

  g_signal_handlers_disconnect_by_func (window, prepare_next_cb, parent);
  if (gtk_widget_get_width (GTK_WIDGET (self->page)) > 0)
    {
      Frame *frame = g_new0 (Frame, 1);
      int width, height;

      /* The window's default size follows the size it was given. */
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      frame->width = CLAMP (width - gtk_widget_get_width (GTK_WIDGET (self->page)), 0, 64);
      frame->height = CLAMP (height - gtk_widget_get_height (GTK_WIDGET (self->page)), 0, 64);
      g_object_set_data_full (G_OBJECT (parent), FRAME_KEY, frame, g_free);
    }
  if (self->context != NULL)
    ps_conversation_window_prepare (self->context, parent);
}

PsConversationWindow *
ps_conversation_window_open (PsContext       *context,
                             GtkWindow       *parent,
                             PsCase          *kase,
                             PsConversation  *conversation,
                             GError         **error)
{
  PsConversationWindow *self;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (PS_IS_CASE (kase), NULL);
  g_return_val_if_fail (conversation == NULL || PS_IS_CONVERSATION (conversation), NULL);

  self = take_spare (context, parent);
  /* GTK keeps the toplevel's reference until it is destroyed. */
  if (self == NULL)
    self = g_object_new (PS_TYPE_CONVERSATION_WINDOW,
                         "context", context,
                         "transient-for", parent,
                         NULL);
  if (!ps_conversation_page_start (self->page, kase, conversation, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  if (parent != NULL)
    g_signal_connect_object (self, "unrealize", G_CALLBACK (prepare_next_cb), parent,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

PsConversationPage *
ps_conversation_window_get_page (PsConversationWindow *self)
{
  g_return_val_if_fail (PS_IS_CONVERSATION_WINDOW (self), NULL);
  return self->page;
}
