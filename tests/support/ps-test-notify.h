/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the notification daemon was asked to show: a second connection to
 * the session bus becomes a monitor of the Notify calls this process makes. */
typedef struct
{
  char       *summary;
  char       *body;
  GStrv       action_ids;
  char       *desktop_entry;
  char       *category;
  guint8      urgency;
  char       *everything;   /* the whole call, printed */
} PsTestNotified;

void            ps_test_notify_start (void);
guint           ps_test_notify_count (void);
/* Waits until @n Notify calls were seen since @from, then a little longer
 * to catch extra ones; returns how many arrived. */
guint           ps_test_notify_wait  (guint from,
                                      guint n);
PsTestNotified *ps_test_notify_get   (guint index);

G_END_DECLS
