/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <langinfo.h>
#include <string.h>

#include "ps-time-format.h"

#define INTERFACE_SCHEMA "org.gnome.desktop.interface"
#define CLOCK_FORMAT_KEY "clock-format"

struct _PsTimeFormat
{
  GObject    parent_instance;

  GSettings *interface;     /* NULL without the schema */
  gboolean   twelve_hour;
};

G_DEFINE_FINAL_TYPE (PsTimeFormat, ps_time_format, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TWELVE_HOUR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The locale's words for AM and PM, in UTF-8; "" when it has none. */
static char *
locale_word (nl_item item)
{
  char *word = g_locale_to_utf8 (nl_langinfo (item), -1, NULL, NULL, NULL);

  return word != NULL ? word : g_strdup ("");
}

static gboolean
locale_has_am_pm (void)
{
  g_autofree char *am = locale_word (AM_STR);
  g_autofree char *pm = locale_word (PM_STR);

  return am[0] != '\0' && pm[0] != '\0';
}

static gboolean
locale_twelve_hour (void)
{
  const char *format = nl_langinfo (T_FMT);

  return strstr (format, "%p") != NULL || strstr (format, "%I") != NULL ||
         strstr (format, "%l") != NULL || strstr (format, "%r") != NULL;
}

static void
update (PsTimeFormat *self)
{
  gboolean twelve_hour = locale_twelve_hour ();

  if (self->interface != NULL)
    {
      /* Only a value someone chose: the schema's default is "24h" for
       * everyone, an American included, until their desktop sets it. */
      g_autoptr(GVariant) chosen = g_settings_get_user_value (self->interface, CLOCK_FORMAT_KEY);
      g_autofree char *value = g_settings_get_string (self->interface, CLOCK_FORMAT_KEY);

      if (chosen != NULL)
        twelve_hour = g_strcmp0 (value, "12h") == 0;
    }
  twelve_hour = twelve_hour && locale_has_am_pm ();

  if (self->twelve_hour == twelve_hour)
    return;
  self->twelve_hour = twelve_hour;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TWELVE_HOUR]);
}

static void
ps_time_format_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PsTimeFormat *self = PS_TIME_FORMAT (object);

  switch (prop_id)
    {
    case PROP_TWELVE_HOUR:
      g_value_set_boolean (value, self->twelve_hour);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_time_format_dispose (GObject *object)
{
  PsTimeFormat *self = PS_TIME_FORMAT (object);

  g_clear_object (&self->interface);
  G_OBJECT_CLASS (ps_time_format_parent_class)->dispose (object);
}

static void
ps_time_format_class_init (PsTimeFormatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ps_time_format_get_property;
  object_class->dispose = ps_time_format_dispose;

  properties[PROP_TWELVE_HOUR] =
    g_param_spec_boolean ("twelve-hour", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_time_format_init (PsTimeFormat *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, INTERFACE_SCHEMA, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, CLOCK_FORMAT_KEY))
    {
      self->interface = g_settings_new_full (schema, NULL, NULL);
      /* GSettings tells of a change to a key read since: update() reads it. */
      g_signal_connect_swapped (self->interface, "changed::" CLOCK_FORMAT_KEY,
                                G_CALLBACK (update), self);
    }
  self->twelve_hour = FALSE;
  update (self);
}

/* Made on first use, on the main thread, and kept for the process. */
PsTimeFormat *
ps_time_format_get_default (void)
{
  static PsTimeFormat *format;

  if (format == NULL)
    format = g_object_new (PS_TYPE_TIME_FORMAT, NULL);
  return format;
}

gboolean
ps_time_format_get_twelve_hour (PsTimeFormat *self)
{
  g_return_val_if_fail (PS_IS_TIME_FORMAT (self), FALSE);
  return self->twelve_hour;
}

char *
ps_format_date_time (GDateTime  *local,
                     const char *format)
{
  g_autofree char *twelve = NULL;

  g_return_val_if_fail (local != NULL && format != NULL, NULL);

  if (!ps_time_format_get_twelve_hour (ps_time_format_get_default ()) ||
      strstr (format, "%H:%M") == NULL)
    return g_date_time_format (local, format);

  {
    g_auto(GStrv) parts = g_strsplit (format, "%H:%M", -1);

    /* "2:30 PM": no leading zero nor space before the hour. */
    twelve = g_strjoinv ("%-I:%M %p", parts);
  }
  return g_date_time_format (local, twelve);
}

char *
ps_format_time (GDateTime *local)
{
  g_return_val_if_fail (local != NULL, NULL);
  return ps_format_date_time (local, "%H:%M");
}

char *
ps_format_hour_minute (int hour,
                       int minute)
{
  g_autoptr(GDateTime) at = NULL;

  g_return_val_if_fail (hour >= 0 && hour < 24 && minute >= 0 && minute < 60, NULL);

  at = g_date_time_new_utc (2000, 1, 1, hour, minute, 0);
  return ps_format_time (at);
}

typedef enum
{
  MERIDIEM_NONE,
  MERIDIEM_AM,
  MERIDIEM_PM,
} Meridiem;

/* Takes "am", "p.m." or the locale's word off the end of @text (casefolded). */
static Meridiem
take_meridiem (char *text)
{
  g_autofree char *locale_am = locale_word (AM_STR);
  g_autofree char *locale_pm = locale_word (PM_STR);
  g_autofree char *am = g_utf8_casefold (locale_am, -1);
  g_autofree char *pm = g_utf8_casefold (locale_pm, -1);
  const struct { const char *word; Meridiem meridiem; } words[] = {
    { "a.m.", MERIDIEM_AM }, { "p.m.", MERIDIEM_PM },
    { "am", MERIDIEM_AM }, { "pm", MERIDIEM_PM },
    { am, MERIDIEM_AM }, { pm, MERIDIEM_PM },
  };
  gsize length = strlen (text);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize word_length = strlen (words[i].word);

      if (word_length > 0 && word_length < length && g_str_has_suffix (text, words[i].word))
        {
          text[length - word_length] = '\0';
          return words[i].meridiem;
        }
    }
  return MERIDIEM_NONE;
}

gboolean
ps_time_parse_on_clock (const char *text,
                        gboolean    twelve_hour,
                        int        *hour,
                        int        *minute)
{
  g_autofree char *folded = NULL;
  guint digits[4];
  guint n_digits = 0;
  int separator = -1;
  Meridiem meridiem;
  int h, m;

  g_return_val_if_fail (text != NULL, FALSE);

  folded = g_strstrip (g_utf8_casefold (text, -1));
  meridiem = take_meridiem (folded);
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n_digits == G_N_ELEMENTS (digits))
            return FALSE;
          digits[n_digits++] = *p - '0';
        }
      /* "14:30", "14.30" and the French "14h30" or "14 h 30". */
      else if ((*p == ':' || *p == '.' || *p == 'h') && separator < 0 && n_digits > 0)
        separator = n_digits;
      else if (*p != ' ')
        return FALSE;
    }
  if (n_digits == 0)
    return FALSE;

  if (separator < 0)
    /* "9" and "14" are hours; "930" and "1430" hours and minutes. */
    separator = n_digits <= 2 ? n_digits : n_digits - 2;
  if (separator > 2 || (n_digits - separator != 0 && n_digits - separator != 2))
    return FALSE;

  h = separator == 2 ? digits[0] * 10 + digits[1] : digits[0];
  m = n_digits - separator == 2 ? digits[separator] * 10 + digits[separator + 1] : 0;
  if (meridiem != MERIDIEM_NONE)
    {
      /* 12 AM is midnight, 12 PM noon; there is no 0 nor 13 PM. */
      if (h < 1 || h > 12)
        return FALSE;
      h = h % 12 + (meridiem == MERIDIEM_PM ? 12 : 0);
    }
  if (h > 23 || m > 59)
    return FALSE;
  /* "2:30" on a 12-hour clock could be either: not guessed. "0:30" and
   * "14:30" are 24-hour times, which no one reads twice. */
  if (twelve_hour && meridiem == MERIDIEM_NONE && h >= 1 && h <= 12)
    return FALSE;

  *hour = h;
  *minute = m;
  return TRUE;
}

gboolean
ps_time_parse (const char *text,
               int        *hour,
               int        *minute)
{
  return ps_time_parse_on_clock (text, FALSE, hour, minute);
}

static GDateWeekday
locale_first_weekday (void)
{
#ifdef __GLIBC__
  /* As GtkCalendar: the first weekday counts from the week-1stday date,
   * 19971130 a Sunday or 19971201 a Monday. */
  union { unsigned int word; char *string; } origin;
  int first = nl_langinfo (_NL_TIME_FIRST_WEEKDAY)[0];
  int origin_day;

  origin.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  if (origin.word == 19971130)
    origin_day = 0;
  else if (origin.word == 19971201)
    origin_day = 1;
  else
    return G_DATE_MONDAY;
  /* GtkCalendar's 0 Sunday … 6 Saturday */
  first = (origin_day + first - 1) % 7;
  return first == 0 ? G_DATE_SUNDAY : (GDateWeekday) first;
#else
  return G_DATE_MONDAY;   /* ISO 8601 */
#endif
}

int
ps_days_to_end_of_week (const GDate *day)
{
  int weekday, first;

  g_return_val_if_fail (day != NULL && g_date_valid (day), 0);

  weekday = g_date_get_weekday (day);         /* Monday 1 … Sunday 7 */
  first = locale_first_weekday ();
  return (first + 6 - weekday) % 7;
}
