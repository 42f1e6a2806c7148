/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-clock.h"
#include "ps-store.h"

G_BEGIN_DECLS

typedef enum
{
  PS_CONTEXT_OPENING,
  PS_CONTEXT_READY,
  PS_CONTEXT_FAILED,
  PS_CONTEXT_LOCKED,
} PsContextStatus;

#define PS_TYPE_CONTEXT (ps_context_get_type ())
G_DECLARE_FINAL_TYPE (PsContext, ps_context, PS, CONTEXT, GObject)

PsContext       *ps_context_new            (PsClock     *clock,
                                            GSettings   *settings,
                                            const char  *data_dir,
                                            gboolean     demo);
PsContext       *ps_context_new_for_store  (PsClock     *clock,
                                            GSettings   *settings,
                                            PsStore     *store);
PsClock         *ps_context_get_clock      (PsContext   *self);
GSettings       *ps_context_get_settings   (PsContext   *self);
PsStore         *ps_context_get_store      (PsContext   *self);
PsContextStatus  ps_context_get_status     (PsContext   *self);
const GError    *ps_context_get_error      (PsContext   *self);
const char      *ps_context_get_data_dir   (PsContext   *self);
PsKeyVault      *ps_context_get_key_vault  (PsContext   *self);
gboolean         ps_context_is_demo        (PsContext   *self);
int              ps_context_get_clock_days_off (PsContext *self);
gboolean         ps_context_trust_clock    (PsContext   *self,
                                            GError     **error);
void             ps_context_open           (PsContext   *self);
void             ps_context_close          (PsContext   *self,
                                            PsContextStatus status);
/* The end of the process: closes the store cleanly and removes the demo's
 * throwaway folder at once. */
void             ps_context_shutdown              (PsContext       *self);

/* The first-contact targets in days, as every view and the reminders use
 * them: due within 1–14 days, and overdue never before due (Preferences
 * refuse it; a value set behind their back is read as the due days). */
void             ps_first_contact_days_read (GSettings  *settings,
                                             guint      *due_days,
                                             guint      *overdue_days);

G_END_DECLS
