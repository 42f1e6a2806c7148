/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Runs the reminder planner against the wall clock and delivers what is
 * due. GLib timeouts run on the monotonic clock, which stops during suspend
 * (a laptop sleeps for hours between two reminders), so due times are kept as wall-clock instants and
 * re-checked: every minute on the minute, on resume (logind's
 * PrepareForSleep(false)), when /etc/localtime changes and when the clock
 * says time jumped. A delivery is recorded in the store before it is shown,
 * so a restart never shows it again.
 *
 * While the caseload is locked (the store closed), the reminders of the last
 * plan are still shown when due — without names, which the plan never holds
 * — and recorded once the store is back. */

#include "config.h"

#include <time.h>

#include "ps-case-timeline.h"
#include "ps-reminder-planner.h"
#include "ps-logind.h"
#include "ps-reminder-service.h"
#include "ps-store-groups.h"

typedef struct
{
  PsReminder *reminder;
  GDateTime  *until;
} Snooze;

typedef struct
{
  char      *key;
  GDateTime *at;
} Pending;

struct _PsReminderService
{
  GObject          parent_instance;

  PsContext       *context;
  PsNotifier      *notifier;
  GCancellable    *cancellable;
  PsLogind        *logind;
  GFileMonitor    *tz_monitor;
  guint            timeout_id;

  GHashTable      *snoozes;   /* key → Snooze */
  GHashTable      *shown;     /* keys shown by this process */
  GPtrArray       *pending;   /* Pending: shown while locked, not yet recorded */
  GPtrArray       *cache;     /* PsReminder: the last plan's reminders still to come */
  GDateTime       *next_due;

  guint            started : 1;
};

G_DEFINE_FINAL_TYPE (PsReminderService, ps_reminder_service, G_TYPE_OBJECT)

enum {
  OPEN_CASE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How far ahead upcoming conversations are planned; later ones are planned
 * on a later check, long before they fall due. */
#define PLAN_AHEAD_DAYS 62

static void
snooze_free (gpointer data)
{
  Snooze *snooze = data;

  g_clear_object (&snooze->reminder);
  g_clear_pointer (&snooze->until, g_date_time_unref);
  g_free (snooze);
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_clear_pointer (&pending->key, g_free);
  g_clear_pointer (&pending->at, g_date_time_unref);
  g_free (pending);
}

static void
ps_reminder_service_dispose (GObject *object)
{
  PsReminderService *self = (PsReminderService *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->logind != NULL)
    g_signal_handlers_disconnect_by_data (self->logind, self);
  g_clear_object (&self->logind);
  if (self->tz_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tz_monitor, self);
      g_file_monitor_cancel (self->tz_monitor);
      g_clear_object (&self->tz_monitor);
    }

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (ps_context_get_clock (self->context), self);
      g_signal_handlers_disconnect_by_data (ps_context_get_settings (self->context), self);
    }
  if (self->notifier != NULL)
    g_signal_handlers_disconnect_by_data (self->notifier, self);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->notifier);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_reminder_service_parent_class)->dispose (object);
}

static void
ps_reminder_service_finalize (GObject *object)
{
  PsReminderService *self = (PsReminderService *)object;

  g_clear_pointer (&self->snoozes, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->cache, g_ptr_array_unref);
  g_clear_pointer (&self->next_due, g_date_time_unref);

  G_OBJECT_CLASS (ps_reminder_service_parent_class)->finalize (object);
}

static void
ps_reminder_service_class_init (PsReminderServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_reminder_service_dispose;
  object_class->finalize = ps_reminder_service_finalize;

  /* A reminder's "Open" was chosen: show this case (0: just the app). */
  signals[OPEN_CASE] = g_signal_new ("open-case",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ps_reminder_service_init (PsReminderService *self)
{
  self->cancellable = g_cancellable_new ();
  self->snoozes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, snooze_free);
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func (pending_free);
  self->cache = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
notifier_open_cb (PsNotifier *notifier,
                  gint64      case_id,
                  gpointer    user_data)
{
  g_signal_emit (user_data, signals[OPEN_CASE], 0, case_id);
}

static void
notifier_snooze_cb (PsNotifier *notifier,
                    PsReminder *reminder,
                    gpointer    user_data)
{
  ps_reminder_service_snooze (PS_REMINDER_SERVICE (user_data), reminder);
}

PsReminderService *
ps_reminder_service_new (PsContext  *context,
                         PsNotifier *notifier)
{
  PsReminderService *self;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (notifier == NULL || PS_IS_NOTIFIER (notifier), NULL);

  self = g_object_new (PS_TYPE_REMINDER_SERVICE, NULL);
  self->context = g_object_ref (context);
  self->notifier = notifier != NULL ? g_object_ref (notifier) : ps_notifier_new ();

  g_signal_connect (self->notifier, "open", G_CALLBACK (notifier_open_cb), self);
  g_signal_connect (self->notifier, "snooze", G_CALLBACK (notifier_snooze_cb), self);
  return self;
}

/* Planning ------------------------------------------------------------- */

static void
read_settings (GSettings          *settings,
               PsReminderSettings *out)
{
  ps_reminder_settings_init (out);
  out->lead_minutes =
    (guint)CLAMP (g_settings_get_int (settings, "reminder-lead-minutes"), 0, 24 * 60);
  out->first_contact_due_days =
    (guint)MAX (g_settings_get_int (settings, "first-contact-due-days"), 0);
  out->first_contact_overdue_days =
    (guint)MAX (g_settings_get_int (settings, "first-contact-overdue-days"), 0);
  out->follow_up_days =
    (guint)MAX (g_settings_get_int (settings, "safety-follow-up-days"), 0);
}

typedef struct
{
  PsReminderService *self;
  PsStore           *store;
  GDateTime         *now;
} SkipData;

/* Due and already shown or delivered, and not snoozed: check() would pass
 * it by, so the planner need not make it. */
static gboolean
skip_delivered (const char *key,
                GDateTime  *due_at,
                gpointer    user_data)
{
  SkipData *data = user_data;

  return g_date_time_compare (due_at, data->now) <= 0 &&
         !g_hash_table_contains (data->self->snoozes, key) &&
         (g_hash_table_contains (data->self->shown, key) ||
          ps_store_was_delivered (data->store, key));
}

/* What the planner needs, in two queries: the conversations about to come,
 * and when each open case last held one (for the weekly nudge). */
static GPtrArray *
plan (PsReminderService *self,
      PsStore           *store,
      GDateTime         *now,
      GTimeZone         *tz)
{
  GListModel *cases = ps_store_get_open_cases (store);
  g_autoptr(GDateTime) from = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) to = g_date_time_add_days (now, PLAN_AHEAD_DAYS);
  g_autoptr(GListModel) coming = ps_store_list_conversations_between (store, from, to);
  g_autoptr(GArray) last_held = ps_store_list_last_held (store, now);
  SkipData skip = { self, store, now };
  PsReminderSettings settings;
  g_autoptr(GListModel) debriefs = ps_store_list_planned_group_debriefs (store);
  GPtrArray *reminders;

  read_settings (ps_context_get_settings (self->context), &settings);
  settings.skip = skip_delivered;
  settings.skip_data = &skip;
  g_clear_pointer (&self->next_due, g_date_time_unref);
  reminders = ps_reminder_planner_plan (cases, coming, last_held, now, tz, &settings,
                                        &self->next_due);
  ps_reminder_planner_add_group_debriefs (reminders, debriefs, now, &settings, &self->next_due);
  return reminders;
}

/* Delivery ------------------------------------------------------------- */

static gboolean
is_over (PsReminder *reminder,
         GDateTime  *now)
{
  g_autoptr(GDateTime) ends_at = NULL;

  if (ps_reminder_get_starts_at (reminder) == NULL)
    return FALSE;
  ends_at = ps_timeline_conversation_end (ps_reminder_get_starts_at (reminder),
                                          ps_reminder_get_minutes (reminder));
  return g_date_time_compare (ends_at, now) <= 0;
}

static void
flush_pending (PsReminderService *self,
               PsStore           *store)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *pending = g_ptr_array_index (self->pending, i);
      g_autoptr(GError) error = NULL;

      if (!ps_store_record_delivery (store, pending->key, pending->at, &error))
        g_debug ("Could not record reminder %s: %s", pending->key, error->message);
    }
  g_ptr_array_set_size (self->pending, 0);
}

static void
show (PsReminderService *self,
      GPtrArray         *reminders,
      PsStore           *store,
      GDateTime         *now,
      GTimeZone         *tz)
{
  g_autoptr(GError) error = NULL;
  gboolean names = store != NULL &&
    g_settings_get_boolean (ps_context_get_settings (self->context), "names-in-notifications");

  if (reminders->len > PS_REMINDER_SUMMARY_ABOVE)
    {
      if (!ps_notifier_show_summary (self->notifier, reminders->len, &error))
        g_debug ("Could not show a notification: %s", error->message);
      return;
    }

  for (guint i = 0; i < reminders->len; i++)
    {
      PsReminder *reminder = g_ptr_array_index (reminders, i);
      gint64 case_id = ps_reminder_get_case_id (reminder);
      PsCase *kase = names ? ps_store_lookup_case (store, case_id) : NULL;
      const char *name = kase != NULL ? ps_case_get_display_name (kase) : NULL;

      if (!ps_notifier_show (self->notifier, reminder, now, tz, name, &error))
        {
          g_debug ("Could not show a notification: %s", error->message);
          g_clear_error (&error);
        }
    }
}

static void
add_unique (GPtrArray  *reminders,
            PsReminder *reminder)
{
  for (guint i = 0; i < reminders->len; i++)
    if (g_str_equal (ps_reminder_get_key (g_ptr_array_index (reminders, i)),
                     ps_reminder_get_key (reminder)))
      return;
  g_ptr_array_add (reminders, g_object_ref (reminder));
}

/* Snoozed reminders whose time came, while they still apply: @current maps
 * key → reminder of the fresh plan (NULL while locked: shown as snoozed). */
static void
take_snoozed (PsReminderService *self,
              GHashTable        *current,
              GDateTime         *now,
              GPtrArray         *out)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->snoozes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Snooze *snooze = value;
      PsReminder *reminder = snooze->reminder;

      if (g_date_time_compare (snooze->until, now) > 0)
        continue;

      if (current != NULL)
        reminder = g_hash_table_lookup (current, ps_reminder_get_key (snooze->reminder));
      if (reminder != NULL && !is_over (reminder, now))
        add_unique (out, reminder);
      g_hash_table_iter_remove (&iter);
    }
}

guint
ps_reminder_service_check (PsReminderService *self)
{
  PsClock *clock;
  PsStore *store;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) current = NULL;

  g_return_val_if_fail (PS_IS_REMINDER_SERVICE (self), 0);

  if (!g_settings_get_boolean (ps_context_get_settings (self->context), "reminders-enabled"))
    {
      g_clear_pointer (&self->next_due, g_date_time_unref);
      return 0;
    }

  clock = ps_context_get_clock (self->context);
  store = ps_context_get_store (self->context);
  now = ps_clock_get_now_utc (clock);
  tz = ps_clock_get_timezone (clock);

  if (store != NULL)
    {
      g_autoptr(GPtrArray) reminders = NULL;

      flush_pending (self, store);
      reminders = plan (self, store, now, tz);
      current = g_hash_table_new (g_str_hash, g_str_equal);
      g_ptr_array_set_size (self->cache, 0);

      for (guint i = 0; i < reminders->len; i++)
        {
          PsReminder *reminder = g_ptr_array_index (reminders, i);
          const char *key = ps_reminder_get_key (reminder);

          g_hash_table_insert (current, (gpointer)key, reminder);
          if (!ps_reminder_is_due (reminder, now))
            {
              g_ptr_array_add (self->cache, g_object_ref (reminder));
              continue;
            }
          if (g_hash_table_contains (self->shown, key) || ps_store_was_delivered (store, key))
            continue;

          g_hash_table_add (self->shown, g_strdup (key));
          g_ptr_array_add (due, g_object_ref (reminder));
        }
      take_snoozed (self, current, now, due);

      /* Recorded first, all in one transaction: if showing fails or we are
       * killed, none is shown again and again. If recording fails (a full
       * disk), they are still shown once by this process. */
      if (due->len > 0)
        {
          g_autoptr(GPtrArray) keys = g_ptr_array_new ();
          g_autoptr(GError) error = NULL;

          for (guint i = 0; i < due->len; i++)
            g_ptr_array_add (keys, (gpointer) ps_reminder_get_key (g_ptr_array_index (due, i)));
          g_ptr_array_add (keys, NULL);
          if (!ps_store_record_deliveries (store, (const char * const *) keys->pdata, now, &error))
            g_debug ("Could not record %u reminders: %s", due->len, error->message);
        }
      g_clear_pointer (&current, g_hash_table_unref);
    }
  else
    {
      /* Locked: what the last plan said was to come, without names. */
      for (guint i = 0; i < self->cache->len; )
        {
          PsReminder *reminder = g_ptr_array_index (self->cache, i);
          const char *key = ps_reminder_get_key (reminder);
          Pending *pending;

          if (!ps_reminder_is_due (reminder, now))
            {
              i++;
              continue;
            }
          if (!g_hash_table_contains (self->shown, key) && !is_over (reminder, now))
            {
              pending = g_new0 (Pending, 1);
              pending->key = g_strdup (key);
              pending->at = g_date_time_ref (now);
              g_ptr_array_add (self->pending, pending);
              g_hash_table_add (self->shown, g_strdup (key));
              g_ptr_array_add (due, g_object_ref (reminder));
            }
          g_ptr_array_remove_index (self->cache, i);
        }
      take_snoozed (self, NULL, now, due);
    }

  if (due->len > 0)
    show (self, due, store, now, tz);
  return due->len;
}

void
ps_reminder_service_snooze (PsReminderService *self,
                            PsReminder        *reminder)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  PsStore *store;
  Snooze *snooze;

  g_return_if_fail (PS_IS_REMINDER_SERVICE (self));
  g_return_if_fail (PS_IS_REMINDER (reminder));

  now = ps_clock_get_now_utc (ps_context_get_clock (self->context));
  snooze = g_new0 (Snooze, 1);
  snooze->reminder = g_object_ref (reminder);
  snooze->until = g_date_time_add_minutes (now, PS_NOTIFIER_SNOOZE_MINUTES);
  g_hash_table_replace (self->snoozes, g_strdup (ps_reminder_get_key (reminder)), snooze);

  /* Not delivered any more: a restart before the snooze ends shows it at
   * start instead of never. This process keeps it out of the plan meanwhile
   * (it is in self->shown) and records it again when it shows it. */
  store = ps_context_get_store (self->context);
  if (store != NULL && !ps_store_forget_delivery (store, ps_reminder_get_key (reminder), &error))
    g_debug ("Could not forget a snoozed reminder's delivery: %s", error->message);
}

GDateTime *
ps_reminder_service_get_next_due (PsReminderService *self)
{
  g_return_val_if_fail (PS_IS_REMINDER_SERVICE (self), NULL);
  return self->next_due;
}

PsNotifier *
ps_reminder_service_get_notifier (PsReminderService *self)
{
  g_return_val_if_fail (PS_IS_REMINDER_SERVICE (self), NULL);
  return self->notifier;
}

/* Triggers ------------------------------------------------------------- */

static gboolean minute_cb (gpointer user_data);

/* One wake-up, just after the next wall-clock minute begins. */
static void
arm_timer (PsReminderService *self)
{
  gint64 ms_into_minute = (g_get_real_time () / 1000) % 60000;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                         (guint)(60000 - ms_into_minute) + 50,
                                         minute_cb, self, NULL);
}

static gboolean
minute_cb (gpointer user_data)
{
  PsReminderService *self = user_data;

  self->timeout_id = 0;
  /* A new day emits the clock's "changed", which runs the check too. */
  ps_clock_check_day (ps_context_get_clock (self->context));
  ps_reminder_service_check (self);
  arm_timer (self);
  return G_SOURCE_REMOVE;
}

static void
prepare_for_sleep_cb (PsReminderService *self,
                      gboolean           sleeping)
{
  /* Resumed: the monotonic timer slept too, so check and re-align now. */
  if (!sleeping)
    {
      ps_clock_check_day (ps_context_get_clock (self->context));
      ps_reminder_service_check (self);
      arm_timer (self);
    }
}

static void
localtime_changed_cb (GFileMonitor      *monitor,
                      GFile             *file,
                      GFile             *other_file,
                      GFileMonitorEvent  event,
                      gpointer           user_data)
{
  PsReminderService *self = user_data;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      /* The clock's "changed" signal runs the check. */
      tzset ();
      ps_clock_set_timezone (ps_context_get_clock (self->context), NULL);
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      break;
    }
}

static void
recheck_cb (gpointer user_data)
{
  ps_reminder_service_check (PS_REMINDER_SERVICE (user_data));
}

void
ps_reminder_service_start (PsReminderService *self)
{
  g_autoptr(GFile) localtime = NULL;
  GSettings *settings;

  g_return_if_fail (PS_IS_REMINDER_SERVICE (self));

  settings = ps_context_get_settings (self->context);
  if (self->started)
    return;
  self->started = TRUE;

  /* What fell due while Peerside was not running, once. */
  ps_reminder_service_check (self);
  arm_timer (self);

  g_signal_connect_swapped (ps_context_get_clock (self->context), "changed",
                            G_CALLBACK (recheck_cb), self);
  g_signal_connect_swapped (self->context, "notify::store", G_CALLBACK (recheck_cb), self);
  g_signal_connect_swapped (settings, "changed::reminders-enabled",
                            G_CALLBACK (recheck_cb), self);
  g_signal_connect_swapped (settings, "changed::reminder-lead-minutes",
                            G_CALLBACK (recheck_cb), self);

  /* Without logind (a container, a test), resume is noticed on the next minute. */
  self->logind = ps_logind_dup_default ();
  g_signal_connect_swapped (self->logind, "prepare-for-sleep",
                            G_CALLBACK (prepare_for_sleep_cb), self);

  localtime = g_file_new_for_path ("/etc/localtime");
  self->tz_monitor = g_file_monitor_file (localtime, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->tz_monitor != NULL)
    g_signal_connect (self->tz_monitor, "changed", G_CALLBACK (localtime_changed_cb), self);
}
