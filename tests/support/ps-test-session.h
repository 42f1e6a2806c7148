/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-application.h"
#include "ps-window.h"

#include "ps-test-util.h"
#include "ps-util.h"

G_BEGIN_DECLS

/* A private XDG data folder; call first in main(), before GLib caches it. */
char      *ps_test_session_init      (int          *argc,
                                      char       ***argv);
PsApplication *ps_test_session_start (void);
/* The app on @clock (a fake one) instead of the wall clock. */
PsApplication *ps_test_session_start_with_clock (PsClock *clock);
PsWindow  *ps_test_session_window    (PsApplication *app);
gboolean   ps_test_wait_for          (gboolean     (*done) (gpointer),
                                      gpointer       data,
                                      guint          timeout_ms);
/* Takes a reference held since before the action that closes @window:
 * waits until the window is off the screen and gone from the toplevels. */
void       ps_test_wait_gone         (GtkWidget     *window);
void       ps_test_wait_for_status   (PsContext     *context,
                                      PsContextStatus status);
void       ps_test_iterate           (guint          ms);
GdkTexture *ps_test_render           (GtkWidget     *widget);
void       ps_test_screenshot        (GtkWidget     *widget,
                                      const char    *name);
/* Real key presses: runs xdotool with its arguments (NULL-terminated) and
 * waits for it while the main loop handles the events. */
void       ps_test_xdotool           (const char    *first,
                                      ...) G_GNUC_NULL_TERMINATED;
/* A key whose character the keyboard map lacks ("eacute"). xdotool binds
 * such a character to a spare key only for the moment of the press, and the
 * application may read the press once it is unbound and lose the character:
 * this keeps the key bound until the press is read. */
void       ps_test_xdotool_unmapped_key (const char *keysym_name);
/* Without a window manager nothing gives a window the keyboard. */
void       ps_test_focus_window      (GtkWindow     *window);
/* A time field's Up and Down, as real key presses in @window: Up at the
 * end of @entry (the minutes) reads @up, two Downs then read @down_down,
 * and Up after Home (the hours) reads @home_up. */
void       ps_test_press_time_arrows (GtkWindow     *window,
                                      GtkEditable   *entry,
                                      const char    *up,
                                      const char    *down_down,
                                      const char    *home_up);
/* The program's messages in @language ("fr"), from the catalogues compiled
 * in the build tree; "" or NULL for the untranslated English. */
void       ps_test_speak             (const char    *language);
/* For a test run with french_env (tests/meson.build): the whole locale
 * fr_FR.UTF-8, days, months and numbers with the messages, as a French
 * supporter's session has it; aborts saying why when the build could not
 * make the locale. */
void       ps_test_live_in_french    (void);
/* The same for another locale the build makes ("en_US.UTF-8", run with
 * LC_ALL and LOCPATH set as french_env sets them). */
void       ps_test_live_in           (const char    *locale);

G_END_DECLS
