/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The checklist is data that conversations point into by id: the ids are a
 * file format, the texts must reach translators, and the phases follow the
 * order of the guide: open, listen, normalise, safety, cope, resources. */

#include "config.h"

#include <gtk/gtk.h>

#include "ps-checklist.h"
#include "ps-crisis-contacts.h"
#include "ps-group-checklist.h"
#include "ps-util.h"

/* Version 1 as published. Never edit: a change here means old conversations
 * would show something else. */
static const char * const v1_phases[] = {
  "open", "listen", "normalise", "safety", "cope", "resources",
};

static const char * const v1_steps[] = {
  "open.introduce", "open.time-and-place", "open.confidentiality",
  "listen.own-words", "listen.no-judging", "listen.open-questions", "listen.reflect",
  "normalise.common-reactions",
  "safety.ask-directly",
  "cope.basics", "cope.strengths",
  "resources.offer", "resources.next-contact", "resources.thank",
};

static void
test_versions (void)
{
  g_assert_nonnull (ps_checklist_get (1));
  g_assert_cmpuint (ps_checklist_get_version (ps_checklist_get (1)), ==, 1);
  g_assert_cmpuint (PS_CHECKLIST_VERSION, ==, 1);
  g_assert_nonnull (ps_checklist_get (PS_CHECKLIST_VERSION));
  g_assert_null (ps_checklist_get (0));
  g_assert_null (ps_checklist_get (2));
}

static void
test_v1_structure (void)
{
  const PsChecklist *checklist = ps_checklist_get (1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  g_assert_cmpuint (ps_checklist_get_n_phases (checklist), ==, G_N_ELEMENTS (v1_phases));
  for (guint i = 0; i < ps_checklist_get_n_phases (checklist); i++)
    {
      const PsChecklistPhase *phase = ps_checklist_get_phase (checklist, i);
      g_autofree char *prefix = g_strconcat (ps_checklist_phase_get_id (phase), ".", NULL);

      g_assert_cmpstr (ps_checklist_phase_get_id (phase), ==, v1_phases[i]);
      g_assert_cmpstr (ps_checklist_phase_get_title (phase), !=, "");
      g_assert_cmpuint (ps_checklist_phase_get_n_steps (phase), >, 0);
      g_assert_true (g_hash_table_add (seen, (gpointer)ps_checklist_phase_get_id (phase)));

      for (guint j = 0; j < ps_checklist_phase_get_n_steps (phase); j++, n++)
        {
          const PsChecklistStep *step = ps_checklist_phase_get_step (phase, j);
          const char *id = ps_checklist_step_get_id (step);
          const PsChecklistPhase *found_phase = NULL;

          g_assert_cmpuint (n, <, G_N_ELEMENTS (v1_steps));
          g_assert_cmpstr (id, ==, v1_steps[n]);
          g_assert_true (g_str_has_prefix (id, prefix));
          /* Unique, across phases too. */
          g_assert_true (g_hash_table_add (seen, (gpointer)id));
          g_assert_true (ps_checklist_lookup_step (checklist, id, &found_phase) == step);
          g_assert_true (found_phase == phase);

          g_assert_cmpuint (strlen (ps_checklist_step_get_title (step)), >, 0);
          g_assert_cmpuint (strlen (ps_checklist_step_get_guidance (step)), >, 0);
          /* Short title, one line of guidance. */
          g_assert_cmpuint (g_utf8_strlen (ps_checklist_step_get_title (step), -1), <=, 50);
          g_assert_cmpuint (g_utf8_strlen (ps_checklist_step_get_guidance (step), -1), <=, 90);
          g_assert_null (strchr (ps_checklist_step_get_guidance (step), '\n'));

          g_assert_cmpint (ps_checklist_step_get_kind (step), ==,
                           g_str_equal (id, PS_CHECKLIST_SAFETY_STEP) ?
                           PS_CHECKLIST_STEP_SAFETY_ANSWER : PS_CHECKLIST_STEP_CHECK);
        }
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (v1_steps));
  g_assert_cmpuint (ps_checklist_count_steps (checklist), ==, 14);
  g_assert_null (ps_checklist_lookup_step (checklist, "open", NULL));
  g_assert_null (ps_checklist_lookup_step (checklist, "nope.nothing", NULL));
  g_assert_null (ps_checklist_lookup_step (checklist, NULL, NULL));
}

/* The group guide, version 1 as published: its own ids, none shared with
 * the one-to-one guide, and the same limits on its texts. */
static const char * const group_v1_steps[] = {
  "group.introduce", "group.confidentiality", "group.voluntary",
  "group.what-happened",
  "group.reactions", "group.normalise",
  "group.coping", "group.look-out",
  "group.resources", "group.follow-up", "group.thank",
};

static void
test_group_v1 (void)
{
  const PsChecklist *group = ps_group_checklist_get (1);
  const PsChecklist *individual = ps_checklist_get (1);
  guint n = 0;

  g_assert_nonnull (group);
  g_assert_cmpuint (PS_GROUP_CHECKLIST_VERSION, ==, 1);
  g_assert_null (ps_group_checklist_get (2));
  g_assert_cmpuint (ps_checklist_get_n_phases (group), ==, 5);
  for (guint i = 0; i < ps_checklist_get_n_phases (group); i++)
    {
      const PsChecklistPhase *phase = ps_checklist_get_phase (group, i);

      for (guint j = 0; j < ps_checklist_phase_get_n_steps (phase); j++, n++)
        {
          const PsChecklistStep *step = ps_checklist_phase_get_step (phase, j);
          const char *id = ps_checklist_step_get_id (step);

          g_assert_cmpuint (n, <, G_N_ELEMENTS (group_v1_steps));
          g_assert_cmpstr (id, ==, group_v1_steps[n]);
          g_assert_null (ps_checklist_lookup_step (individual, id, NULL));
          g_assert_cmpint (ps_checklist_step_get_kind (step), ==, PS_CHECKLIST_STEP_CHECK);
          g_assert_cmpuint (g_utf8_strlen (ps_checklist_step_get_title (step), -1), <=, 50);
          g_assert_cmpuint (g_utf8_strlen (ps_checklist_step_get_guidance (step), -1), <=, 90);
        }
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (group_v1_steps));
  g_assert_cmpuint (ps_checklist_count_covered (group, (const char * const []) {
                      "group.thank", "open.introduce", "group.follow-up", NULL }), ==, 2);
}

static void
test_count_covered (void)
{
  const PsChecklist *checklist = ps_checklist_get (1);
  const char * const some[] = { "open.introduce", "future.step", "safety.ask-directly",
                                "open.introduce", NULL };

  g_assert_cmpuint (ps_checklist_count_covered (checklist, NULL), ==, 0);
  g_assert_cmpuint (ps_checklist_count_covered (checklist, some), ==, 2);
  g_assert_cmpuint (ps_checklist_count_covered (checklist, (const char * const []) { NULL }), ==, 0);
}

/* Every text reaches translators: it is written as N_("…") in the source
 * (so xgettext picks it up), and xgettext does extract it. */
static char *
read_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) join = NULL;
  g_autofree char *text = NULL;

  g_file_get_contents (PS_CHECKLIST_SOURCE, &text, NULL, &error);
  g_assert_no_error (error);
  /* "abc"\n   "def" is one string to the compiler. */
  join = g_regex_new ("\"\\s*\\n\\s*\"", 0, 0, NULL);
  return g_regex_replace_literal (join, text, -1, 0, "", 0, NULL);
}

static void
assert_marked (const char *source,
               const char *msgid)
{
  g_autofree char *marked = g_strdup_printf ("N_(\"%s\")", msgid);

  if (strstr (source, marked) == NULL)
    g_error ("Not marked for translation: “%s”", msgid);
}

static void
assert_extracted (const char *pot,
                  const char *msgid)
{
  g_autofree char *entry = g_strdup_printf ("msgid \"%s\"", msgid);

  if (strstr (pot, entry) == NULL)
    g_error ("xgettext did not extract “%s”", msgid);
}

static void
test_translatable (void)
{
  const PsChecklist *checklist = ps_checklist_get (1);
  g_autofree char *source = read_source ();
  g_autofree char *pot = NULL;
  g_autofree char *xgettext = g_find_program_in_path ("xgettext");

  if (xgettext != NULL)
    {
      const char *argv[] = { xgettext, "--from-code=UTF-8", "--keyword=N_", "--keyword=_",
                             "--no-wrap", "--output=-", PS_CHECKLIST_SOURCE,
                             NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &pot, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  else
    g_test_message ("xgettext not found: checked the source only");

  for (guint i = 0; i < ps_checklist_get_n_phases (checklist); i++)
    {
      const PsChecklistPhase *phase = ps_checklist_get_phase (checklist, i);

      assert_marked (source, ps_checklist_phase_get_untranslated_title (phase));
      if (pot != NULL)
        assert_extracted (pot, ps_checklist_phase_get_untranslated_title (phase));
      for (guint j = 0; j < ps_checklist_phase_get_n_steps (phase); j++)
        {
          const PsChecklistStep *step = ps_checklist_phase_get_step (phase, j);
          const char *texts[] = { ps_checklist_step_get_untranslated_title (step),
                                  ps_checklist_step_get_untranslated_guidance (step) };

          for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
            {
              assert_marked (source, texts[k]);
              if (pot != NULL)
                assert_extracted (pot, texts[k]);
            }
        }
    }
}

/* The directory of crisis lines: every line has its number in what the
 * supporter reads, a public source and the day it was checked, and French
 * for every label. */
static void
test_crisis_presets (void)
{
  const char * const ids[] = { "us-ca-988", "us-physician-support-line", "ca-988", "qc-appelle",
                               "fr-3114", "fr-sps", "uk-ie-samaritans", "ie-pieta",
                               "gb-practitioner-health", "au-lifeline", "nl-113" };
  const char * const numbers[] = { "988", "1-888-409-0141", "988", "1-866-277-3553", "3114",
                                   "0805 23 23 36", "116 123", "1800 247 247", "0300 0303 300",
                                   "13 11 14", "0800-0113" };
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PATH "/crisis-lines.ini", 0, NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const PsCrisisLine *line = ps_crisis_line_lookup (ids[i]);

      g_assert_nonnull (line);
      g_assert_cmpstr (line->number, ==, numbers[i]);
    }
  g_assert_true (ps_crisis_line_lookup ("us-physician-support-line")->physician);
  g_assert_false (ps_crisis_line_lookup ("fr-3114")->physician);
  g_assert_true (ps_crisis_line_lookup ("fr-sps")->physician);
  for (guint i = 0; i < ps_crisis_line_get_n_presets (); i++)
    {
      const PsCrisisLine *line = ps_crisis_line_get_preset (i);
      GDate checked;

      /* The number is shown next to the regions, for checking. */
      g_assert_nonnull (strstr (ps_crisis_line_get_how (line), line->number));
      g_assert_cmpstr (ps_crisis_line_get_country (line), !=, "");
      g_assert_true (g_str_has_prefix (line->source, "https://") ||
                     g_str_has_prefix (line->source, "http://"));
      g_assert_true (ps_date_from_iso (line->checked, &checked));
    }
  g_assert_null (ps_crisis_line_lookup ("xx-unknown"));
  g_assert_null (ps_crisis_line_lookup (NULL));

  g_assert_nonnull (bytes);
  g_assert_true (g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_KEEP_TRANSLATIONS, NULL));
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *key = g_str_has_prefix (groups[i], "Region ") ? "Name[fr]" : "Service[fr]";
      g_auto(GStrv) keys = g_key_file_get_keys (file, groups[i], NULL, NULL);

      g_assert_true (g_strv_contains ((const char * const *) keys, key));
      if (g_str_has_prefix (groups[i], "Line "))
        g_assert_true (g_strv_contains ((const char * const *) keys, "How[fr]"));
    }
}

/* The region, and so the lines offered, from the language: French is
 * France's 3114, never 988; French in Canada is Quebec's line. */
static void
test_crisis_regions (void)
{
  const struct { const char *names[4]; const char *region; } cases[] = {
    { { "fr_FR.UTF-8", "fr_FR", "fr", NULL }, "fr" },
    { { "fr", "C", NULL }, "fr" },
    { { "fr_CA.UTF-8", "fr_CA", "fr", NULL }, "qc" },
    { { "en_CA", "en", NULL }, "ca" },
    { { "en_GB", "en", NULL }, "gb" },
    { { "en_IE", "en", NULL }, "ie" },
    { { "en_AU", "en", NULL }, "au" },
    { { "nl_NL.UTF-8", "nl_NL", "nl", NULL }, "nl" },
    { { "en_US", "en", NULL }, "us" },
    { { "C", NULL }, "us" },
  };
  const PsCrisisRegion *france = ps_crisis_region_lookup ("fr");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PsCrisisRegion *region = ps_crisis_region_for_languages (cases[i].names);

      g_assert_nonnull (region);
      g_assert_cmpstr (region->id, ==, cases[i].region);
    }
  g_assert_null (ps_crisis_region_for_languages ((const char * const[]) { "de_DE", "de", NULL }));
  /* Dutch in Belgium is not offered the Netherlands' 113. */
  g_assert_null (ps_crisis_region_for_languages ((const char * const[]) { "nl_BE", "nl", NULL }));
  g_assert_false (g_strv_contains ((const char * const *) france->lines, "us-ca-988"));
  g_assert_true (g_strv_contains ((const char * const *) france->lines, "fr-3114"));
  /* And the line for health professionals. */
  g_assert_true (g_strv_contains ((const char * const *) france->lines, "fr-sps"));
}

static void
test_program_contact_validation (void)
{
  g_autofree char *long_name = g_strnfill (81, 'a');
  g_autofree char *max_name = g_strnfill (80, 'a');

  g_assert_true (ps_program_contact_name_is_valid ("Program coordinator"));
  g_assert_true (ps_program_contact_name_is_valid ("Physician Health Program — Ärztekammer"));
  g_assert_true (ps_program_contact_name_is_valid (max_name));
  g_assert_false (ps_program_contact_name_is_valid (long_name));
  g_assert_false (ps_program_contact_name_is_valid (""));
  g_assert_false (ps_program_contact_name_is_valid ("   "));
  g_assert_false (ps_program_contact_name_is_valid ("two\nlines"));
  g_assert_false (ps_program_contact_name_is_valid ("tab\there"));
  g_assert_false (ps_program_contact_name_is_valid (NULL));

  g_assert_true (ps_program_contact_phone_is_valid ("+1 (555) 010-0199"));
  g_assert_true (ps_program_contact_phone_is_valid ("988"));
  g_assert_false (ps_program_contact_phone_is_valid ("98"));
  g_assert_false (ps_program_contact_phone_is_valid ("+()"));
  g_assert_false (ps_program_contact_phone_is_valid ("call Ann"));
  g_assert_false (ps_program_contact_phone_is_valid ("555 0100 ext. 2"));
  g_assert_false (ps_program_contact_phone_is_valid ("1234567890123456789012345678901"));
  g_assert_false (ps_program_contact_phone_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checklist/versions", test_versions);
  g_test_add_func ("/checklist/v1/structure", test_v1_structure);
  g_test_add_func ("/checklist/count-covered", test_count_covered);
  g_test_add_func ("/checklist/group-v1", test_group_v1);
  g_test_add_func ("/checklist/v1/translatable", test_translatable);
  g_test_add_func ("/crisis-contacts/presets", test_crisis_presets);
  g_test_add_func ("/crisis-contacts/regions", test_crisis_regions);
  g_test_add_func ("/crisis-contacts/program-contact-validation", test_program_contact_validation);

  return g_test_run ();
}
