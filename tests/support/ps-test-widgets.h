/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-case.h"
#include "ps-conversation-page.h"

G_BEGIN_DECLS

/* Finding what a user sees in a widget tree, and acting as a user does. */
typedef gboolean (*PsTestMatch) (GtkWidget *widget, gconstpointer data);

/* The first widget under @widget (itself included) that @match accepts. */
GtkWidget *ps_test_find_widget        (GtkWidget     *widget,
                                       PsTestMatch    match,
                                       gconstpointer  data);
/* Matchers for ps_test_find_widget(), @data as named. */
gboolean   ps_test_is_button_labelled (GtkWidget     *widget,
                                       gconstpointer  label);
gboolean   ps_test_is_row_titled      (GtkWidget     *widget,
                                       gconstpointer  title);
/* gtk_widget_get_name() */
gboolean   ps_test_is_named           (GtkWidget     *widget,
                                       gconstpointer  name);
/* GSIZE_TO_POINTER (the GType) */
gboolean   ps_test_is_type            (GtkWidget     *widget,
                                       gconstpointer  type);
/* A label on show whose text is @text. */
gboolean   ps_test_is_label_reading   (GtkWidget     *widget,
                                       gconstpointer  text);
/* The caseload row on show of the colleague named @name, as drawn. */
gboolean   ps_test_is_case_row_named  (GtkWidget     *widget,
                                       gconstpointer  name);
/* An actionable widget whose action is @action_name ("win.show-sidebar"). */
gboolean   ps_test_has_action         (GtkWidget     *widget,
                                       gconstpointer  action_name);

/* Fail the test when missing. */
GtkWidget *ps_test_find_button        (GtkWidget     *widget,
                                       const char    *label);
GtkWidget *ps_test_find_row           (GtkWidget     *widget,
                                       const char    *title);
GtkWidget *ps_test_find_named         (GtkWidget     *widget,
                                       const char    *name);
/* NULL when missing. */
GtkWidget *ps_test_find_type          (GtkWidget     *widget,
                                       GType          type);
/* Whether a button labelled @label is on show. */
gboolean   ps_test_shows_button       (GtkWidget     *widget,
                                       const char    *label);
/* @child alone in a plain window of @width × @height, presented and drawn. */
GtkWindow *ps_test_present            (GtkWidget     *child,
                                       int            width,
                                       int            height);
/* Destroys every window still there: the test's and the dialogs it left. */
void       ps_test_destroy_windows    (void);
/* A visible toplevel of @type, or NULL. */
GtkWidget *ps_test_find_toplevel      (GType          type);
/* The conversation on show in a Peerside window, or NULL. */
PsConversationPage *ps_test_find_conversation  (void);
/* Starts (or resumes) a conversation of @kase in the Peerside window
 * @window, as Start on the case's page does; the page on show after the
 * window's next frame, or NULL. */
PsConversationPage *ps_test_start_conversation (GtkWidget *window,
                                                PsCase    *kase);
/* Whether a conversation's page in @window, on show or not, still holds a
 * conversation or a colleague's name in its title: neither may stay once
 * the store has gone. */
gboolean   ps_test_holds_conversation (GtkWidget     *window);
/* Fails unless the Peerside window @window's view switching, New Case and
 * Search answer, as their shortcuts do; closes what they open and leaves
 * the window on the caseload. */
void       ps_test_assert_views_answer (GtkWidget    *window);
/* What a pointer click on a sensitive button does. */
void       ps_test_click              (GtkWidget     *button);
/* Answers a message dialog as a click on its response's button does. */
void       ps_test_respond            (AdwMessageDialog *dialog,
                                       const char    *response);

G_END_DECLS
