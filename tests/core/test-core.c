/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-context.h"
#include "ps-contact-uri.h"
#include "ps-enum-types.h"
#include "ps-key.h"
#include "ps-test-util.h"
#include "ps-util.h"

typedef struct
{
  GType         type;
  const char *(*to_code)  (int value);
  gboolean    (*from_code) (const char *code, int *out);
  const char *(*to_label) (int value);
} EnumFuncs;

#define ENUM_FUNCS(T, prefix) \
  { T, (const char *(*) (int))prefix##_to_code, \
    (gboolean (*) (const char *, int *))prefix##_from_code, \
    (const char *(*) (int))prefix##_to_label }

static void
test_enums_round_trip (void)
{
  const EnumFuncs all[] = {
    ENUM_FUNCS (PS_TYPE_MODALITY, ps_modality),
    ENUM_FUNCS (PS_TYPE_REFERRAL, ps_referral),
    ENUM_FUNCS (PS_TYPE_REASON, ps_reason),
    ENUM_FUNCS (PS_TYPE_CLOSURE_STATUS, ps_closure_status),
    ENUM_FUNCS (PS_TYPE_CONVERSATION_STATE, ps_conversation_state),
    ENUM_FUNCS (PS_TYPE_CONTACT_OUTCOME, ps_contact_outcome),
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (all[i].type);
      g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint v = 0; v < klass->n_values; v++)
        {
          int value = klass->values[v].value;
          const char *code = all[i].to_code (value);
          const char *label = all[i].to_label (value);
          int back = -1;

          g_assert_nonnull (code);
          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
          /* Codes are short ASCII words, unique within their enum. */
          g_assert_true (g_str_is_ascii (code));
          g_assert_cmpuint (strlen (code), <=, 32);
          g_assert_null (strchr (code, ' '));
          g_assert_false (g_hash_table_contains (codes, code));
          g_hash_table_add (codes, (gpointer)code);

          g_assert_true (all[i].from_code (code, &back));
          g_assert_cmpint (back, ==, value);
        }

      g_assert_false (all[i].from_code ("no-such-code", NULL));
      g_assert_false (all[i].from_code (NULL, NULL));
    }

  g_assert_cmpstr (ps_reason_to_label (PS_REASON_ADVERSE_EVENT), ==, "Adverse clinical event");
  g_assert_cmpstr (ps_closure_status_to_label (PS_CLOSURE_ESCALATED), ==, "Escalated for safety");
  g_assert_cmpstr (ps_closure_status_to_code (PS_CLOSURE_NONE), ==, "open");
}

typedef struct
{
  const char  *what;
  void       (*change) (PsCaseFields *f);
  PsCaseField  field;
  const char  *message;
} BadCase;

static void empty_name (PsCaseFields *f) { g_free (f->display_name); f->display_name = g_strdup ("   "); }
static void null_name (PsCaseFields *f) { g_clear_pointer (&f->display_name, g_free); }
static void long_name (PsCaseFields *f) { g_free (f->display_name); f->display_name = g_strnfill (81, 'a'); }
static void two_line_name (PsCaseFields *f) { g_free (f->display_name); f->display_name = g_strdup ("Dr. A\nnotes"); }
static void invisible_name (PsCaseFields *f) { g_free (f->display_name); f->display_name = g_strdup ("\u200b\u200d\ufeff"); }
static void bidi_name (PsCaseFields *f) { g_free (f->display_name); f->display_name = g_strdup ("Dr. \u202eadA"); }
static void escape_name (PsCaseFields *f) { g_free (f->display_name); f->display_name = g_strdup ("Dr.\x1b[31mAda"); }
static void tab_contact (PsCaseFields *f) { g_free (f->contact); f->contact = g_strdup ("555\t0100"); }
static void long_contact (PsCaseFields *f) { g_free (f->contact); f->contact = g_strnfill (121, '5'); }
static void two_line_contact (PsCaseFields *f) { g_free (f->contact); f->contact = g_strdup ("555\r\n0100"); }
static void no_consent (PsCaseFields *f) { f->referral = PS_REFERRAL_COLLEAGUE; f->consent_confirmed = FALSE; }
static void future_request (PsCaseFields *f) { g_date_set_dmy (&f->requested_on, 11, G_DATE_MARCH, 2024); g_date_set_dmy (&f->assigned_on, 11, G_DATE_MARCH, 2024); }
static void assigned_before (PsCaseFields *f) { g_date_set_dmy (&f->assigned_on, 1, G_DATE_MARCH, 2024); }
static void no_request (PsCaseFields *f) { g_date_clear (&f->requested_on, 1); }
static void bad_reason (PsCaseFields *f) { f->reason = (PsReason)99; }

static void
test_validation (void)
{
  const BadCase bad[] = {
    { "empty name", empty_name, PS_CASE_FIELD_NAME, "Enter a name." },
    { "no name", null_name, PS_CASE_FIELD_NAME, "Enter a name." },
    { "81 characters", long_name, PS_CASE_FIELD_NAME, "The name is longer than 80 characters." },
    { "two lines", two_line_name, PS_CASE_FIELD_NAME, "A name is one line: remove the line breaks." },
    { "zero-width only", invisible_name, PS_CASE_FIELD_NAME, "Enter a name." },
    { "right-to-left override", bidi_name, PS_CASE_FIELD_NAME,
      "A name cannot hold characters that change the direction of text." },
    { "escape", escape_name, PS_CASE_FIELD_NAME,
      "A name cannot hold tabs or other control characters." },
    { "tab in contact", tab_contact, PS_CASE_FIELD_CONTACT,
      "A contact cannot hold tabs or other control characters." },
    { "long contact", long_contact, PS_CASE_FIELD_CONTACT, NULL },
    { "two-line contact", two_line_contact, PS_CASE_FIELD_CONTACT, NULL },
    { "no consent", no_consent, PS_CASE_FIELD_REFERRAL_CONSENT,
      "Confirm that the colleague agreed to be referred." },
    { "future", future_request, PS_CASE_FIELD_REQUESTED_ON,
      "The request date cannot be in the future." },
    { "assigned before", assigned_before, PS_CASE_FIELD_ASSIGNED_ON,
      "The assignment date cannot be before the request." },
    { "no request date", no_request, PS_CASE_FIELD_REQUESTED_ON, NULL },
    { "bad reason", bad_reason, PS_CASE_FIELD_REASON, NULL },
  };
  g_autoptr(PsCaseFields) good = ps_test_fields ("Dr. Ada Placeholder");
  GDate today;
  PsCaseField field = PS_CASE_FIELD_NAME;
  g_autoptr(GError) error = NULL;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, G_DATE_MARCH, 2024);

  g_assert_true (ps_case_fields_validate (good, &today, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, PS_CASE_FIELD_NONE);

  /* 80 characters, multi-byte, with spaces around: fine. */
  g_free (good->display_name);
  good->display_name = g_strconcat ("  ", "Dr. \xc3\x89", NULL);
  {
    g_autofree char *pad = g_strnfill (80 - 5, 'e');
    char *name = g_strconcat (good->display_name, pad, "  ", NULL);

    g_free (good->display_name);
    good->display_name = name;
  }
  g_assert_true (ps_case_fields_validate (good, &today, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PsCaseFields) f = ps_test_fields ("Dr. Ada Placeholder");
      g_autoptr(GError) e = NULL;

      bad[i].change (f);
      g_test_message ("%s", bad[i].what);
      g_assert_false (ps_case_fields_validate (f, &today, &field, &e));
      g_assert_error (e, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
      g_assert_cmpint (field, ==, bad[i].field);
      if (bad[i].message != NULL)
        g_assert_cmpstr (e->message, ==, bad[i].message);
    }

  /* A colleague referral with consent is fine. */
  {
    g_autoptr(PsCaseFields) f = ps_test_fields ("Dr. Bram Example");

    f->referral = PS_REFERRAL_COLLEAGUE;
    f->consent_confirmed = TRUE;
    g_assert_true (ps_case_fields_validate (f, &today, NULL, NULL));
  }
}

static void
test_dates (void)
{
  GDate date;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GDateTime) back = NULL;
  g_autoptr(GTimeZone) plus2 = g_time_zone_new_identifier ("+02:00");
  g_autofree char *iso = NULL;

  g_assert_true (ps_date_from_iso ("2024-02-29", &date));
  text = ps_date_to_iso (&date);
  g_assert_cmpstr (text, ==, "2024-02-29");
  g_assert_false (ps_date_from_iso ("2023-02-29", &date));
  g_assert_false (ps_date_from_iso ("2024-2-9", &date));
  g_assert_false (ps_date_from_iso ("2024-02-29 and a note", &date));

  instant = g_date_time_new (plus2, 2024, 3, 31, 1, 30, 0);
  iso = ps_instant_to_iso (instant);
  g_assert_cmpstr (iso, ==, "2024-03-30T23:30:00Z");
  back = ps_instant_from_iso (iso);
  g_assert_true (g_date_time_equal (back, instant));
  g_assert_null (ps_instant_from_iso ("2024-03-30T23:30:00+01:00"));
}

static void
test_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsKey) a = ps_key_new_random (&error);
  g_autoptr(PsKey) b = ps_key_new_random (&error);
  g_autoptr(PsKey) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (ps_key_get_hex (a)), ==, 64);
  g_assert_false (ps_key_equal (a, b));
  c = ps_key_new_from_hex (ps_key_get_hex (a), 64);
  g_assert_true (ps_key_equal (a, c));
  g_assert_null (ps_key_new_from_hex ("abc", 3));
  g_assert_null (ps_key_new_from_hex ("zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", 64));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* The views refresh on the clock's "changed": past midnight, "due today"
 * must become "due yesterday" even though the time did not jump. */
static void
test_clock_new_day (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Toronto");
  g_autoptr(GDateTime) evening = g_date_time_new (tz, 2024, 11, 18, 23, 58, 0);
  g_autoptr(PsClock) clock = ps_clock_new_fake (evening);
  guint changed = 0;

  ps_clock_set_timezone (clock, tz);
  g_signal_connect_swapped (clock, "changed", G_CALLBACK (count_cb), &changed);

  ps_clock_check_day (clock);
  g_assert_cmpuint (changed, ==, 0);       /* the first call only takes note */
  ps_clock_check_day (clock);
  g_assert_cmpuint (changed, ==, 0);       /* the same day */

  ps_clock_advance (clock, G_TIME_SPAN_MINUTE);   /* 23:59: the advance itself */
  g_assert_cmpuint (changed, ==, 1);
  ps_clock_check_day (clock);
  g_assert_cmpuint (changed, ==, 1);

  ps_clock_advance (clock, 2 * G_TIME_SPAN_MINUTE);   /* 00:01, the 19th */
  g_assert_cmpuint (changed, ==, 2);
  ps_clock_check_day (clock);
  g_assert_cmpuint (changed, ==, 3);       /* a new day */
  ps_clock_check_day (clock);
  g_assert_cmpuint (changed, ==, 3);
}

/* What a search compares: "Élodie", "ÉLODIE" and "elodie" are one. */
static void
test_fold_for_search (void)
{
  const char *pairs[][2] = {
    { "Dr. Élodie Fictive", "dr. elodie fictive" },
    { "ÉLODIE", "elodie" },
    { "Zoë Ångström-Núñez", "zoe angstrom-nunez" },
    { "François Çelik", "francois celik" },
    { "Plain", "plain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *folded = ps_fold_for_search (pairs[i][0]);

      g_assert_cmpstr (folded, ==, pairs[i][1]);
    }
}

/* Overdue before due, set behind the Preferences' back (dconf), is read as
 * due: no case shows overdue before it is due. */
static void
test_first_contact_days (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.peerside.Peerside");
  guint due = 0, overdue = 0;

  ps_first_contact_days_read (settings, &due, &overdue);
  g_assert_cmpuint (due, ==, 2);
  g_assert_cmpuint (overdue, ==, 3);

  g_settings_set_int (settings, "first-contact-due-days", 5);
  ps_first_contact_days_read (settings, &due, &overdue);
  g_assert_cmpuint (due, ==, 5);
  g_assert_cmpuint (overdue, ==, 5);

  g_settings_reset (settings, "first-contact-due-days");
}

/* Only what is clearly an address or a number opens a client; the message
 * travels escaped, and a number with an extension is called, not texted. */
static void
test_contact_uri (void)
{
  static const struct {
    const char    *contact;
    PsContactKind  kind;
    const char    *uri;
  } cases[] = {
    { "ada@example.org", PS_CONTACT_KIND_EMAIL, "mailto:ada@example.org?body=Touching%20base%20%26%20more" },
    { "  a.p+peer@example.org ", PS_CONTACT_KIND_EMAIL, "mailto:a.p+peer@example.org?body=Touching%20base%20%26%20more" },
    { "+1 (555) 010-0199", PS_CONTACT_KIND_PHONE, "sms:+15550100199?body=Touching%20base%20%26%20more" },
    { "555.0100", PS_CONTACT_KIND_PHONE, "sms:5550100?body=Touching%20base%20%26%20more" },
    { "555-0100 ext 12", PS_CONTACT_KIND_EXTENSION, "tel:5550100;ext=12" },
    { "555 0100 x12", PS_CONTACT_KIND_EXTENSION, "tel:5550100;ext=12" },
    { "pager 4242", PS_CONTACT_KIND_NONE, NULL },
    { "ada@", PS_CONTACT_KIND_NONE, NULL },
    { "ada@example", PS_CONTACT_KIND_NONE, NULL },
    { "a@b@example.org", PS_CONTACT_KIND_NONE, NULL },
    { "12", PS_CONTACT_KIND_NONE, NULL },
    { "+1 555 0100 1234 5678 90", PS_CONTACT_KIND_NONE, NULL },
    { "", PS_CONTACT_KIND_NONE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PsContactKind kind = 99;
      g_autofree char *uri = ps_contact_reach_in_uri (cases[i].contact, "Touching base & more", &kind);

      g_test_message ("%s", cases[i].contact);
      g_assert_cmpint (kind, ==, cases[i].kind);
      g_assert_cmpint (ps_contact_kind_from_text (cases[i].contact), ==, cases[i].kind);
      g_assert_cmpstr (uri, ==, cases[i].uri);
    }
  {
    g_autofree char *bare = ps_contact_reach_in_uri ("ada@example.org", "", NULL);

    g_assert_cmpstr (bare, ==, "mailto:ada@example.org");
  }
  g_assert_null (ps_contact_reach_in_uri (NULL, "Touching base", NULL));

  g_assert_true (ps_reach_in_message_is_valid ("Touching base"));
  g_assert_true (ps_reach_in_message_is_valid (""));
  g_assert_false (ps_reach_in_message_is_valid ("Touching base\nSaid she cannot sleep"));
  g_assert_false (ps_reach_in_message_is_valid ("Touching\tbase"));
  {
    g_autofree char *longest = g_strnfill (PS_REACH_IN_MESSAGE_MAX_CHARS, 'a');
    g_autofree char *longer = g_strnfill (PS_REACH_IN_MESSAGE_MAX_CHARS + 1, 'a');

    g_assert_true (ps_reach_in_message_is_valid (longest));
    g_assert_false (ps_reach_in_message_is_valid (longer));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/enums/round-trip", test_enums_round_trip);
  g_test_add_func ("/core/contact-uri", test_contact_uri);
  g_test_add_func ("/core/case-fields/validate", test_validation);
  g_test_add_func ("/core/util/dates", test_dates);
  g_test_add_func ("/core/key/random-and-hex", test_key);
  g_test_add_func ("/core/clock/new-day", test_clock_new_day);
  g_test_add_func ("/core/settings/first-contact-days", test_first_contact_days);
  g_test_add_func ("/core/util/fold-for-search", test_fold_for_search);

  return g_test_run ();
}
