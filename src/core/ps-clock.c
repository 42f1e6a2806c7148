/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The one source of "now" in Peerside. The real clock reads the wall clock;
 * a fake clock is set by tests (and never advances on its own). Both report
 * a "changed" signal when time jumps (a fake set, a time-zone change) and,
 * through ps_clock_check_day, when a new local day begins.
 *
 * Besides the wall clock, each clock has a monotonic one for spans of time
 * (the idle lock): it never jumps when the wall clock is set. The fake's
 * moves only with ps_clock_advance, not with ps_clock_set_now.
 *
 * For retention (ps-retention.c), which must not believe a wall clock set
 * far ahead, a clock also tells which boot this is and how long since it
 * (suspend included: CLOCK_BOOTTIME), and whether the system vouches for
 * the wall clock (network time synchronised, set by the services layer
 * from timedated). A fake clock is a boot of its own, started an hour
 * before it was made, and is never synchronised unless a test says so. */

#include "config.h"

#include <time.h>

#include "ps-clock.h"
#include "ps-util.h"

struct _PsClock
{
  GObject    parent_instance;
  GDateTime *fake_now;   /* NULL for the real clock */
  gint64     fake_monotonic;
  GTimeZone *timezone;   /* NULL: the process's local zone */
  GDate      last_day;   /* the local day ps_clock_check_day last saw */
  char      *boot_id;    /* read once (real), made up (fake) */
  gboolean   synchronized;
};

G_DEFINE_FINAL_TYPE (PsClock, ps_clock, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_SYNCHRONIZED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
ps_clock_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PsClock *self = PS_CLOCK (object);

  switch (prop_id)
    {
    case PROP_SYNCHRONIZED:
      g_value_set_boolean (value, self->synchronized);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_clock_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PsClock *self = PS_CLOCK (object);

  switch (prop_id)
    {
    case PROP_SYNCHRONIZED:
      ps_clock_set_synchronized (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_clock_finalize (GObject *object)
{
  PsClock *self = (PsClock *)object;

  g_clear_pointer (&self->fake_now, g_date_time_unref);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_clear_pointer (&self->boot_id, g_free);

  G_OBJECT_CLASS (ps_clock_parent_class)->finalize (object);
}

static void
ps_clock_class_init (PsClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ps_clock_finalize;
  object_class->get_property = ps_clock_get_property;
  object_class->set_property = ps_clock_set_property;

  properties[PROP_SYNCHRONIZED] =
    g_param_spec_boolean ("synchronized", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the time or the time zone jumped, so due times are re-checked. */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
ps_clock_init (PsClock *self)
{
  g_date_clear (&self->last_day, 1);
}

PsClock *
ps_clock_new (void)
{
  return g_object_new (PS_TYPE_CLOCK, NULL);
}

PsClock *
ps_clock_new_fake (GDateTime *now)
{
  PsClock *self;

  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (PS_TYPE_CLOCK, NULL);
  self->fake_now = g_date_time_to_utc (now);
  self->fake_monotonic = G_TIME_SPAN_HOUR;
  self->boot_id = g_strdup_printf ("fake-boot-%p-%" G_GINT64_FORMAT, (void *)self,
                                   g_get_real_time ());
  return self;
}

GDateTime *
ps_clock_get_now_utc (PsClock *self)
{
  g_return_val_if_fail (PS_IS_CLOCK (self), NULL);

  if (self->fake_now != NULL)
    return g_date_time_ref (self->fake_now);

  return g_date_time_new_now_utc ();
}

GTimeZone *
ps_clock_get_timezone (PsClock *self)
{
  g_return_val_if_fail (PS_IS_CLOCK (self), NULL);

  if (self->timezone != NULL)
    return g_time_zone_ref (self->timezone);

  return g_time_zone_new_local ();
}

GDateTime *
ps_clock_get_now_local (PsClock *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (PS_IS_CLOCK (self), NULL);

  utc = ps_clock_get_now_utc (self);
  tz = ps_clock_get_timezone (self);
  return g_date_time_to_timezone (utc, tz);
}

/* Today's date in the local zone. */
void
ps_clock_get_today (PsClock *self,
                    GDate   *out)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (PS_IS_CLOCK (self));

  now = ps_clock_get_now_local (self);
  ps_date_set_from_date_time (out, now, NULL);
}

void
ps_clock_set_now (PsClock   *self,
                  GDateTime *now)
{
  g_return_if_fail (PS_IS_CLOCK (self));
  g_return_if_fail (self->fake_now != NULL);
  g_return_if_fail (now != NULL);

  g_clear_pointer (&self->fake_now, g_date_time_unref);
  self->fake_now = g_date_time_to_utc (now);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
ps_clock_advance (PsClock   *self,
                  GTimeSpan  span)
{
  g_autoptr(GDateTime) later = NULL;

  g_return_if_fail (PS_IS_CLOCK (self));
  g_return_if_fail (self->fake_now != NULL);

  later = g_date_time_add (self->fake_now, span);
  self->fake_monotonic += MAX (span, 0);
  ps_clock_set_now (self, later);
}

/* Microseconds on a clock that only goes forward: g_get_monotonic_time ()
 * for the real clock. */
gint64
ps_clock_get_monotonic (PsClock *self)
{
  g_return_val_if_fail (PS_IS_CLOCK (self), 0);

  if (self->fake_now != NULL)
    return self->fake_monotonic;
  return g_get_monotonic_time ();
}

/* NULL goes back to the process's local zone (after tzset() picked up a change). */
void
ps_clock_set_timezone (PsClock   *self,
                       GTimeZone *tz)
{
  g_return_if_fail (PS_IS_CLOCK (self));

  g_clear_pointer (&self->timezone, g_time_zone_unref);
  if (tz != NULL)
    self->timezone = g_time_zone_ref (tz);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Called every minute and on resume (by the reminder service): a new local
 * day is a change like a jump, since "due today" and the Overview's period
 * move with it. The first call only takes note of the day. */
void
ps_clock_check_day (PsClock *self)
{
  GDate today;
  gboolean new_day;

  g_return_if_fail (PS_IS_CLOCK (self));

  ps_clock_get_today (self, &today);
  new_day = g_date_valid (&self->last_day) && g_date_compare (&today, &self->last_day) != 0;
  self->last_day = today;
  if (new_day)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The kernel's random id of this boot: the time since boot of two
 * observations can only be compared within one boot. */
const char *
ps_clock_get_boot_id (PsClock *self)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (PS_IS_CLOCK (self), NULL);

  if (self->boot_id == NULL)
    {
      if (g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
        self->boot_id = g_strstrip (g_steal_pointer (&contents));
      else
        /* Unknown: every observation is then treated as a new boot. */
        self->boot_id = g_strdup_printf ("unknown-%" G_GINT64_FORMAT, g_get_real_time ());
    }
  return self->boot_id;
}

/* Microseconds since this boot, time asleep included; the fake's moves
 * with ps_clock_advance like its monotonic clock. */
gint64
ps_clock_get_since_boot (PsClock *self)
{
  struct timespec ts;

  g_return_val_if_fail (PS_IS_CLOCK (self), 0);

  if (self->fake_now != NULL)
    return self->fake_monotonic;
  if (clock_gettime (CLOCK_BOOTTIME, &ts) != 0)
    return g_get_monotonic_time ();
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Whether the system vouches for the wall clock (network time synchronised). */
gboolean
ps_clock_get_synchronized (PsClock *self)
{
  g_return_val_if_fail (PS_IS_CLOCK (self), FALSE);

  return self->synchronized;
}

void
ps_clock_set_synchronized (PsClock  *self,
                           gboolean  synchronized)
{
  g_return_if_fail (PS_IS_CLOCK (self));

  synchronized = !!synchronized;
  if (self->synchronized == synchronized)
    return;
  self->synchronized = synchronized;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCHRONIZED]);
}
