/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ps-case.h"
#include "ps-case-fields.h"
#include "ps-clock.h"
#include "ps-contact-attempt.h"
#include "ps-conversation.h"
#include "ps-enums.h"
#include "ps-key-vault.h"
#include "ps-store-error.h"

G_BEGIN_DECLS

#define PS_CHECKLIST_VERSION 1

/* The encrypted caseload: one SQLCipher database, one transaction per change.
 * Each change emits ::changed (with the case id, or 0 for many cases) after
 * it committed and the case objects and models were updated. */
#define PS_TYPE_STORE (ps_store_get_type ())
G_DECLARE_FINAL_TYPE (PsStore, ps_store, PS, STORE, GObject)

/* Opening. @data_dir NULL means $XDG_DATA_HOME/peerside. */
void            ps_store_open_async                 (const char           *data_dir,
                                                     PsKeyVault           *vault,
                                                     PsClock              *clock,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
PsStore        *ps_store_open_finish                (GAsyncResult         *result,
                                                     GError              **error);
PsStore        *ps_store_open_with_key              (const char           *path,
                                                     const char           *hex_key,
                                                     gboolean              create,
                                                     PsClock              *clock,
                                                     GError              **error);
char           *ps_store_default_data_dir           (void);
const char     *ps_store_get_path                   (PsStore              *self);
PsClock        *ps_store_get_clock                  (PsStore              *self);

/* Models of PsCase, kept in sync (transfer none). Ordered by id. */
GListModel     *ps_store_get_cases                  (PsStore              *self);
GListModel     *ps_store_get_open_cases             (PsStore              *self);
GListModel     *ps_store_get_closed_cases           (PsStore              *self);
PsCase         *ps_store_lookup_case                (PsStore              *self,
                                                     gint64                case_id);

/* Cases. */
PsCase         *ps_store_create_case                (PsStore              *self,
                                                     const PsCaseFields   *fields,
                                                     GError              **error);
gboolean        ps_store_update_case                (PsStore              *self,
                                                     gint64                case_id,
                                                     const PsCaseFields   *fields,
                                                     GError              **error);
gboolean        ps_store_delete_case                (PsStore              *self,
                                                     gint64                case_id,
                                                     GError              **error);
gboolean        ps_store_close_case                 (PsStore              *self,
                                                     gint64                case_id,
                                                     PsClosureStatus       status,
                                                     const GDate          *on,
                                                     GError              **error);
gboolean        ps_store_reopen_case                (PsStore              *self,
                                                     gint64                case_id,
                                                     GError              **error);
gboolean        ps_store_deidentify_closed_before   (PsStore              *self,
                                                     GDateTime            *cutoff,
                                                     GError              **error);

/* Contact attempts. */
gboolean        ps_store_log_contact_attempt        (PsStore              *self,
                                                     gint64                case_id,
                                                     GDateTime            *at,
                                                     PsContactOutcome      outcome,
                                                     GError              **error);
/* Deleting one made by mistake; undone by logging it again. */
gboolean        ps_store_delete_contact_attempt     (PsStore              *self,
                                                     gint64                attempt_id,
                                                     GError              **error);
GListModel     *ps_store_list_contact_attempts      (PsStore              *self,
                                                     gint64                case_id);

/* Conversations. Listed models are snapshots (reload on ::changed); the
 * objects in them are the store's, updated in place. */
PsConversation *ps_store_schedule_conversation      (PsStore              *self,
                                                     gint64                case_id,
                                                     GDateTime            *starts_at,
                                                     guint                 minutes,
                                                     PsModality            modality,
                                                     GError              **error);
gboolean        ps_store_reschedule_conversation    (PsStore              *self,
                                                     gint64                conversation_id,
                                                     GDateTime            *starts_at,
                                                     guint                 minutes,
                                                     PsModality            modality,
                                                     GError              **error);
gboolean        ps_store_set_conversation_state     (PsStore              *self,
                                                     gint64                conversation_id,
                                                     PsConversationState   state,
                                                     GError              **error);
gboolean        ps_store_set_covered_steps          (PsStore              *self,
                                                     gint64                conversation_id,
                                                     const char * const   *step_ids,
                                                     GError              **error);
gboolean        ps_store_set_safety_concern         (PsStore              *self,
                                                     gint64                conversation_id,
                                                     gboolean              concern,
                                                     GError              **error);
PsConversation *ps_store_lookup_conversation        (PsStore              *self,
                                                     gint64                conversation_id);
/* A conversation held earlier without the app (a call in the corridor):
 * completed, from @starts_at (not in the future) for @minutes. */
PsConversation *ps_store_add_held_conversation      (PsStore              *self,
                                                     gint64                case_id,
                                                     GDateTime            *starts_at,
                                                     guint                 minutes,
                                                     PsModality            modality,
                                                     const char * const   *step_ids,
                                                     gboolean              concern,
                                                     GError              **error);
/* Corrections: a conversation recorded by mistake goes with its steps;
 * restoring puts it back as it was (same id, in place of what has that id
 * now), for Undo. Discarding one in progress deletes it, or, when it was
 * planned, plans it again as it was before Start, nothing recorded. */
gboolean        ps_store_delete_conversation        (PsStore              *self,
                                                     gint64                conversation_id,
                                                     GError              **error);
gboolean        ps_store_discard_conversation       (PsStore              *self,
                                                     gint64                conversation_id,
                                                     GError              **error);
gboolean        ps_store_restore_conversation       (PsStore              *self,
                                                     PsConversation       *conversation,
                                                     GError              **error);
/* Holding a conversation. Start: the case's conversation in progress if
 * there is one (resumed); else @conversation_id when nonzero (one of the
 * case's scheduled ones); else the case's next scheduled one; else a new
 * one held now (@minutes, @modality), in the current checklist version.
 * Set in progress; transfer full. */
PsConversation *ps_store_start_conversation         (PsStore              *self,
                                                     gint64                case_id,
                                                     gint64                conversation_id,
                                                     guint                 minutes,
                                                     PsModality            modality,
                                                     GError              **error);
/* The case's conversation in progress, or NULL. Transfer full. */
PsConversation *ps_store_lookup_conversation_in_progress (PsStore         *self,
                                                     gint64                case_id);
/* A conversation left in progress (the app stopped during it) of an open
 * case, the most recently started, or NULL. Transfer full. */
PsConversation *ps_store_find_left_in_progress      (PsStore              *self);
GListModel     *ps_store_list_conversations         (PsStore              *self,
                                                     gint64                case_id);
GListModel     *ps_store_list_planned_conversations (PsStore              *self);
GArray         *ps_store_list_last_held             (PsStore              *self,
                                                     GDateTime            *now);
GListModel     *ps_store_list_conversations_between (PsStore              *self,
                                                     GDateTime            *from,
                                                     GDateTime            *to);
/* The first conversation still to hold (scheduled or in progress, of an
 * open case) that shares some of [@start, @start + @minutes), other than
 * @except_id; NULL when none. Transfer full. */
PsConversation *ps_store_find_overlap               (PsStore              *self,
                                                     GDateTime            *start,
                                                     guint                 minutes,
                                                     gint64                except_id);

/* Reminder deliveries (each reminder is delivered once). */
gboolean        ps_store_record_delivery            (PsStore              *self,
                                                     const char           *reminder_key,
                                                     GDateTime            *at,
                                                     GError              **error);
gboolean        ps_store_record_deliveries          (PsStore              *self,
                                                     const char * const   *keys,
                                                     GDateTime            *at,
                                                     GError              **error);
gboolean        ps_store_was_delivered              (PsStore              *self,
                                                     const char           *reminder_key);
gboolean        ps_store_forget_delivery            (PsStore              *self,
                                                     const char           *reminder_key,
                                                     GError              **error);

G_END_DECLS
