/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Overview as a supporter and a screen reader see it, on the demo
 * caseload: the totals in its labels, the values in its charts' accessible
 * descriptions, the empty period, refreshing on a change; the CSV export of
 * the demo with none of its names, contacts or dates; screenshots at 360
 * and 1000 px, light and dark. */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ps-bar-chart.h"
#include "ps-csv-export.h"
#include "ps-overview-view.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"

typedef PsTestContext Fixture;

/* The demo's requests go back to 19 September. */
static const PsTestContextOptions options = { PS_TEST_STORE_DEMO, PS_TEST_MONDAY };
/* An empty caseload of the test key's. */
static const PsTestContextOptions empty_options = { PS_TEST_STORE_TEST_KEY, PS_TEST_MONDAY };

static GtkWidget *
child (PsOverviewView *view,
       const char     *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (view), PS_TYPE_OVERVIEW_VIEW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
label_text (PsOverviewView *view,
            const char     *name)
{
  return gtk_label_get_label (GTK_LABEL (child (view, name)));
}

static GtkWindow *
show_view (Fixture         *f,
           PsOverviewView **view_out,
           int              width,
           int              height)
{
  PsOverviewView *view = ps_overview_view_new (f->context);
  GtkWindow *window = ps_test_present (GTK_WIDGET (view), width, height);

  *view_out = view;
  return window;
}

/* A bar's value by its label, wherever the order put it. */
static guint
bar_value (PsBarChart *chart,
           const char *label)
{
  for (guint i = 0; i < ps_bar_chart_get_n_bars (chart); i++)
    if (g_str_equal (ps_bar_chart_get_label (chart, i), label))
      return ps_bar_chart_get_value (chart, i);
  g_assert_not_reached ();
}

/* What the view should say, counted here from the cases themselves. */
static guint
count_requested_between (PsStore     *store,
                         const GDate *from,
                         const GDate *to,
                         PsReason     reason)
{
  GListModel *cases = ps_store_get_cases (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);
      const GDate *on = ps_case_get_requested_on (item);

      if (g_date_compare (on, from) >= 0 && g_date_compare (on, to) <= 0 &&
          ((int)reason < 0 || ps_case_get_reason (item) == reason))
        n++;
    }
  return n;
}

static void
test_view_figures (Fixture       *f,
                   gconstpointer  data)
{
  PsOverviewView *view = NULL;
  GtkWindow *window = show_view (f, &view, 1000, 800);
  PsBarChart *reasons = PS_BAR_CHART (child (view, "reason_chart"));
  PsBarChart *closures = PS_BAR_CHART (child (view, "closure_chart"));
  PsBarChart *conversations = PS_BAR_CHART (child (view, "conversations_chart"));
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *total = NULL;
  GDate today, from, to;
  PsStatistics *stats;

  ps_clock_get_today (f->clock, &today);

  /* Last three months (the default) holds every demo case. */
  g_assert_cmpint (ps_overview_view_get_period (view), ==, PS_OVERVIEW_PERIOD_LAST_3_MONTHS);
  ps_overview_period_get_range (PS_OVERVIEW_PERIOD_LAST_3_MONTHS, &today, &from, &to);
  g_assert_cmpstr (ps_overview_view_get_visible_page (view), ==, "figures");
  total = g_strdup_printf ("%u", g_list_model_get_n_items (ps_store_get_cases (f->store)));
  g_assert_cmpstr (label_text (view, "cases_value"), ==, total);
  g_assert_cmpstr (total, ==, "13");

  /* The demo: Ada, Finn and Ivo after an adverse event; Bram and Mina a
   * complaint; Cora and Juno burnout; … */
  {
    guint counts[PS_STATISTICS_N_REASONS];
    guint shown = 0;

    for (PsReason r = 0; r < PS_STATISTICS_N_REASONS; r++)
      {
        counts[r] = count_requested_between (f->store, &from, &to, r);
        g_assert_cmpuint (bar_value (reasons, ps_reason_to_label (r)), ==, counts[r]);
      }
    /* Ordered by count, largest first; ties in the list's own order. */
    for (guint n = 13; n != G_MAXUINT; n--)
      for (PsReason r = 0; r < PS_STATISTICS_N_REASONS; r++)
        if (counts[r] == n)
          {
            g_assert_cmpstr (ps_bar_chart_get_label (reasons, shown), ==, ps_reason_to_label (r));
            g_string_append_printf (expected, "%s%s: %u", shown++ > 0 ? ", " : "",
                                    ps_reason_to_label (r), n);
          }
  }
  g_assert_cmpstr (ps_bar_chart_get_description (reasons), ==, expected->str);
  g_assert_nonnull (strstr (expected->str, "Adverse clinical event: 3, Patient or college complaint: 2"));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (reasons), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (reasons),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected->str);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (reasons),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Cases by reason");

  /* One each completed, referred, declined, unreachable, escalated. */
  g_assert_cmpuint (ps_bar_chart_get_n_bars (closures), ==, 6);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (closures),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Support completed: 1, "
                                       "Referred to professional resources: 1, "
                                       "Declined support: 1, Could not be reached: 1, "
                                       "Escalated for safety: 1, "
                                       "Transferred to another supporter: 0");

  /* Held conversations: Gale, Hana, Juno, Kai one each, Ivo two. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (conversations),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "No conversation: 8, 1 conversation: 4, "
                                       "2 conversations: 1, 3 conversations: 0, 4 or more: 0");

  /* Big numbers, from the same statistics: Kai's conversation of the six
   * held raised a concern. */
  stats = ps_overview_view_get_statistics (view);
  g_assert_cmpuint (ps_statistics_get_n_conversations_held (stats), ==, 6);
  g_assert_cmpuint (ps_statistics_get_n_safety_concerns (stats), ==, 1);
  g_assert_cmpstr (label_text (view, "safety_value"), ==, "17%");
  g_assert_cmpstr (label_text (view, "safety_detail"), ==, "1 of 6 held");
  g_assert_cmpstr (label_text (view, "target_caption"), ==, "Contacted within 3 days");
  {
    g_autofree char *median = g_strdup_printf ("%g", ps_statistics_get_median_days_to_contact (stats));
    g_autofree char *share = g_strdup_printf ("%.0f%%", 100 * ps_statistics_get_share_within_target (stats));

    g_assert_cmpstr (label_text (view, "median_value"), ==, median);
    g_assert_cmpstr (label_text (view, "target_value"), ==, share);
  }

  /* This month (1–18 November): not Ivo, Juno or Lior. */
  ps_overview_view_set_period (view, PS_OVERVIEW_PERIOD_THIS_MONTH);
  g_assert_cmpstr (label_text (view, "cases_value"), ==, "10");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (view, "period_row"))), ==,
                    PS_OVERVIEW_PERIOD_THIS_MONTH);

  /* Choosing in the combo row changes the period too. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (view, "period_row")), PS_OVERVIEW_PERIOD_ALL_TIME);
  g_assert_cmpint (ps_overview_view_get_period (view), ==, PS_OVERVIEW_PERIOD_ALL_TIME);
  g_assert_cmpstr (label_text (view, "cases_value"), ==, "13");

  /* Any period: October 2024 alone, its debrief of seven and the one
   * colleague reached then; the days are chosen in the view. */
  {
    GDate first, last;

    g_date_set_dmy (&first, 1, G_DATE_OCTOBER, 2024);
    g_date_set_dmy (&last, 31, G_DATE_OCTOBER, 2024);
    adw_combo_row_set_selected (ADW_COMBO_ROW (child (view, "period_row")), PS_OVERVIEW_PERIOD_CUSTOM);
    g_assert_true (gtk_widget_get_visible (child (view, "from_row")));
    ps_overview_view_set_custom_period (view, &first, &last);
    g_assert_cmpstr (label_text (view, "reach_value"), ==, "8");
    g_assert_cmpstr (label_text (view, "groups_value"), ==, "1");
    ps_test_iterate (20);
    ps_test_screenshot (GTK_WIDGET (window), "overview-custom-period-1000-light.png");

    /* Backwards, it says so rather than showing nothing. */
    ps_overview_view_set_custom_period (view, &last, &first);
    g_assert_cmpstr (ps_overview_view_get_visible_page (view), ==, "empty");
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (view, "empty_page"))), ==,
                     "The Period Ends Before It Starts");
    ps_overview_view_set_period (view, PS_OVERVIEW_PERIOD_ALL_TIME);
    g_assert_false (gtk_widget_get_visible (child (view, "from_row")));
  }

  /* Gone with its window: no reference left behind in the store or context. */
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *)&view);
  gtk_window_destroy (window);
  ps_test_iterate (50);
  g_assert_null (view);
  g_signal_emit_by_name (f->store, "changed", (gint64)0);
}

static void
test_view_refreshes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCaseFields) fields = ps_case_fields_new ();
  g_autoptr(PsCase) item = NULL;
  PsOverviewView *view = NULL;
  GtkWindow *window = show_view (f, &view, 1000, 800);
  PsBarChart *reasons = PS_BAR_CHART (child (view, "reason_chart"));
  guint discrimination = bar_value (reasons, ps_reason_to_label (PS_REASON_DISCRIMINATION));

  g_assert_cmpstr (label_text (view, "cases_value"), ==, "13");

  fields->display_name = g_strdup ("Dr. Nia Newcase");
  fields->modality = PS_MODALITY_PHONE;
  fields->referral = PS_REFERRAL_SELF;
  fields->reason = PS_REASON_DISCRIMINATION;
  ps_clock_get_today (f->clock, &fields->requested_on);
  fields->assigned_on = fields->requested_on;
  item = ps_store_create_case (f->store, fields, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (label_text (view, "cases_value"), ==, "14");
  g_assert_cmpuint (bar_value (reasons, ps_reason_to_label (PS_REASON_DISCRIMINATION)), ==,
                    discrimination + 1);

  gtk_window_destroy (window);
}

static void
test_view_empty (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("peerside-overview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "caseload.db", NULL);
  g_autoptr(PsStore) store = NULL;
  g_autoptr(PsContext) context = NULL;
  PsOverviewView *view;
  GtkWindow *window;
  GtkWidget *page;

  store = ps_store_open_with_key (path, "00112233445566778899aabbccddeeff"
                                        "00112233445566778899aabbccddeeff",
                                  TRUE, f->clock, &error);
  g_assert_no_error (error);
  context = ps_context_new_for_store (f->clock, f->settings, store);

  view = ps_overview_view_new (context);
  window = ps_test_present (GTK_WIDGET (view), 360, 720);

  g_assert_cmpstr (ps_overview_view_get_visible_page (view), ==, "empty");
  page = child (view, "empty_page");
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Cases in This Period");
  /* The period can still be changed. */
  g_assert_true (gtk_widget_get_mapped (child (view, "period_row")));
  ps_test_screenshot (GTK_WIDGET (window), "overview-empty-360-light.png");

  gtk_window_destroy (window);
  g_clear_object (&context);
  g_clear_object (&store);
  ps_remove_tree (dir);
}

/* A clock set 40 days ahead: erasing waits, the Overview says so, and the
 * person can confirm the date. */
static void
test_clock_ahead (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (f->clock);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 40);
  PsOverviewView *view;
  GtkWindow *window;
  GtkWidget *row;
  g_autofree char *subtitle = NULL;

  view = ps_overview_view_new (f->context);
  window = ps_test_present (GTK_WIDGET (view), 360, 720);
  row = child (view, "clock_row");
  g_assert_false (gtk_widget_get_mapped (row));

  ps_clock_set_now (f->clock, later);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (row));
  g_object_get (row, "subtitle", &subtitle, NULL);
  g_assert_nonnull (strstr (subtitle, "40 days ahead"));
  ps_test_screenshot (GTK_WIDGET (window), "overview-clock-ahead-360-light.png");

  g_signal_emit_by_name (child (view, "clock_button"), "clicked");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_mapped (row));
  g_assert_cmpint (ps_context_get_clock_days_off (f->context), ==, 0);

  gtk_window_destroy (window);
}

/* A conversation planned for 30 minutes and held for 17, from Start to
 * Finish: the Overview gives 17 minutes, and so does the summary it
 * exports. */
static void
test_minutes_held (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("peerside-held-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "summary.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDateTime) now = ps_clock_get_now_utc (f->clock);
  g_autoptr(PsConversation) conv = NULL;
  g_autofree char *csv = NULL;
  PsCase *item = ps_test_add_case (f->store, "Dr. Minute Example", "2024-11-18");
  PsOverviewView *view = NULL;
  GtkWindow *window;
  gint64 id;

  conv = ps_store_schedule_conversation (f->store, ps_case_get_id (item), now, 30,
                                         PS_MODALITY_PHONE, &error);
  g_assert_no_error (error);
  id = ps_conversation_get_id (conv);
  g_assert_true (ps_store_set_conversation_state (f->store, id, PS_CONVERSATION_IN_PROGRESS, &error));
  ps_clock_advance (f->clock, 17 * G_TIME_SPAN_MINUTE);
  g_assert_true (ps_store_set_conversation_state (f->store, id, PS_CONVERSATION_COMPLETED, &error));
  g_assert_no_error (error);

  window = show_view (f, &view, 1000, 800);
  g_assert_cmpstr (ps_overview_view_get_visible_page (view), ==, "figures");
  g_assert_cmpstr (label_text (view, "time_value"), ==, "17");
  g_assert_true (ps_overview_view_export_to_file (view, "summary", file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_nonnull (g_strstr_len (csv, -1, "\r\nconversations,minutes_given,17\r\n"));

  gtk_window_destroy (window);
  ps_remove_tree (dir);
}

static gboolean
contains_full_date (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}", 0, 0, NULL);

  return g_regex_match (regex, text, 0, NULL);
}

static void
test_csv_privacy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) identity = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = g_dir_make_tmp ("peerside-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.csv", NULL);
  g_autofree char *summary_path = g_build_filename (dir, "summary.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) summary_file = g_file_new_for_path (summary_path);
  g_autofree char *csv = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(PsStatistics) stats = NULL;
  g_auto(GStrv) lines = NULL;
  GListModel *cases = ps_store_get_cases (f->store);
  guint n_cases = g_list_model_get_n_items (cases);
  GDate from, to, today;
  GStatBuf st;

  /* Every name and contact in the store, and each part of a name. */
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);
      const char *name = ps_case_get_display_name (item);
      const char *contact = ps_case_get_contact (item);

      if (name != NULL)
        {
          g_auto(GStrv) words = g_strsplit (name, " ", -1);

          g_ptr_array_add (identity, g_strdup (name));
          for (guint w = 0; words[w] != NULL; w++)
            if (strlen (words[w]) > 3)
              g_ptr_array_add (identity, g_strdup (words[w]));
        }
      if (contact != NULL)
        g_ptr_array_add (identity, g_strdup (contact));
    }
  g_assert_cmpuint (identity->len, >, 30);
  g_ptr_array_add (identity, g_strdup ("555-01"));
  g_ptr_array_add (identity, g_strdup ("example.org"));
  g_ptr_array_add (identity, g_strdup ("@"));

  ps_clock_get_today (f->clock, &today);
  ps_overview_period_get_range (PS_OVERVIEW_PERIOD_ALL_TIME, &today, &from, &to);
  g_assert_true (ps_csv_export_to_file (f->store, &from, &to, file, &error));
  g_assert_no_error (error);
  stats = ps_statistics_compute (f->store, &from, &to, 3);
  g_assert_true (ps_csv_export_summary_to_file (stats, summary_file, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_file_get_contents (summary_path, &summary, NULL, NULL));
  for (guint i = 0; i < identity->len; i++)
    {
      const char *needle = g_ptr_array_index (identity, i);

      if (strstr (csv, needle) != NULL || strstr (summary, needle) != NULL)
        g_error ("The export holds “%s”", needle);
    }
  g_assert_false (contains_full_date (csv));
  g_assert_false (contains_full_date (summary));

  /* Header and one row per case, every one requested in "all time". */
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + n_cases + 1);
  g_assert_true (g_str_has_prefix (lines[0], "requested_week,reason,"));
  for (guint i = 1; i <= n_cases; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 8);
      g_assert_true (g_regex_match_simple ("^20[0-9]{2}-W[0-9]{2}$", fields[0], 0, 0));
    }

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (summary_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  ps_remove_tree (dir);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The one-page report and the summary of the demo, group debriefs and all,
 * as the Export dialog writes them: none of its names or contacts, no date
 * finer than a week, no count from 1 to 4, and the figures of the Overview
 * on screen. The PDF is read back as text with pdftotext. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("peerside-report-XXXXXX", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "summary.csv", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *artefact = NULL;
  g_autoptr(GRegex) small = NULL;
  g_autoptr(GRegex) not_counts = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  GListModel *cases = ps_store_get_cases (f->store);
  PsOverviewView *view = NULL;
  GtkWindow *window;
  PsStatistics *stats;
  GStatBuf st;

  g_settings_set_string (f->settings, "program-name", "Northfield Hospital Peer Support");
  window = show_view (f, &view, 1000, 800);
  ps_overview_view_set_period (view, PS_OVERVIEW_PERIOD_ALL_TIME);
  stats = ps_overview_view_get_statistics (view);
  /* The demo's two debriefs held, twelve and seven people. */
  g_assert_cmpuint (ps_statistics_get_n_groups_held (stats), ==, 2);
  g_assert_cmpuint (ps_statistics_get_n_group_people (stats), ==, 19);

  g_assert_true (ps_overview_view_export_to_file (view, "report", pdf_file, &error));
  g_assert_no_error (error);
  g_assert_true (ps_overview_view_export_to_file (view, "summary", csv_file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pdf_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  artefact = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "artefacts", "report-demo.pdf", NULL);
  ps_test_copy_file (pdf_path, artefact);

  text = pdf_text (pdf_path);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_test_message ("%s", text);

  /* None of the demo's names, nor any part of one, nor its contacts. */
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) item = g_list_model_get_item (cases, i);
      const char *name = ps_case_get_display_name (item);
      const char *contact = ps_case_get_contact (item);
      g_auto(GStrv) words = g_strsplit (name != NULL ? name : "", " ", -1);

      for (guint w = 0; words[w] != NULL; w++)
        if (strlen (words[w]) > 3)
          g_assert_null (strstr (text, words[w]));
      if (contact != NULL)
        g_assert_null (strstr (text, contact));
    }
  g_assert_null (strstr (text, "555-01"));
  g_assert_null (strstr (text, "@"));
  g_assert_false (contains_full_date (text));

  /* The program's name and the period in weeks. */
  g_assert_nonnull (strstr (text, "Northfield Hospital Peer Support"));
  g_assert_true (g_regex_match_simple ("Up to week 2024-W47", text, 0, 0));

  /* Small counts: written "fewer than 5", never as a number. The demo's
   * thirteen cases spread over eight reasons make most of them small. */
  g_assert_nonnull (strstr (text, "fewer than 5"));
  not_counts = g_regex_new ("within [0-9]+ days?|20[0-9]{2}(-W[0-9]{2})?|fewer than 5"
                            "|Counts from 1 to 4", 0, 0, NULL);
  flat = g_regex_replace_literal (not_counts, text, -1, 0, "", 0, NULL);
  small = g_regex_new ("(^|[^0-9A-Za-z])[1-4]($|[^0-9%])", G_REGEX_MULTILINE, 0, NULL);
  if (g_regex_match (small, flat, 0, &match))
    g_error ("A small count in the report: “%s”", g_match_info_fetch (match, 0));
  g_assert_nonnull (strstr (csv, "fewer than 5"));

  /* The figures of the Overview: people reached, minutes given. */
  g_assert_cmpstr (label_text (view, "reach_value"), ==, "24");
  g_assert_nonnull (strstr (text, label_text (view, "reach_value")));
  g_assert_nonnull (strstr (text, label_text (view, "time_value")));
  g_assert_nonnull (strstr (text, label_text (view, "cases_value")));
  g_assert_true (g_strstr_len (csv, -1, "reach,people,24\r\n") != NULL);
  g_assert_true (g_strstr_len (csv, -1, "reach,in_groups,19\r\n") != NULL);

  /* The trend, month by month, read out with its numbers: in October one
   * colleague and a debrief of seven, in November four and a debrief of
   * twelve. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (view, "trend_chart")),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Sep 2024: 0, Oct 2024: 8, Nov 2024: 16");

  /* On screen, the setting hides them too. */
  g_assert_cmpstr (label_text (view, "groups_value"), ==, "2");
  g_settings_set_boolean (f->settings, "hide-small-counts", TRUE);
  ps_test_iterate (10);
  g_assert_cmpstr (label_text (view, "groups_value"), ==, "fewer than 5");
  g_assert_nonnull (strstr (ps_bar_chart_get_description (PS_BAR_CHART (child (view, "reason_chart"))),
                            "fewer than 5"));
  g_settings_reset (f->settings, "hide-small-counts");
  g_settings_reset (f->settings, "program-name");

  /* One Export, with the Schedule's icon, asks what goes out. */
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (child (view, "export_button"))), ==,
                   "document-save-as-symbolic");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "overview.export", NULL));
  ps_test_iterate (10);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *choice = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (toplevel))
          choice = ADW_MESSAGE_DIALOG (toplevel);
      }
    g_assert_nonnull (choice);
    g_assert_cmpstr (adw_message_dialog_get_heading (choice), ==, "Export for the Program Coordinator");
    g_assert_true (adw_message_dialog_has_response (choice, "summary"));
    g_assert_true (adw_message_dialog_has_response (choice, "report"));
    g_assert_true (adw_message_dialog_has_response (choice, "rows"));
    g_assert_true (adw_message_dialog_has_response (choice, "print"));
    g_assert_cmpstr (adw_message_dialog_get_default_response (choice), ==, "report");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (choice), "fewer than 5"));
    ps_test_screenshot (GTK_WIDGET (choice), "overview-export-choice-light.png");
    /* Answered, it goes by itself. */
    adw_message_dialog_response (choice, "cancel");
  }

  gtk_window_destroy (window);
  ps_remove_tree (dir);
}

static void
shoot (Fixture    *f,
       int         width,
       int         height,
       gboolean    dark,
       const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  PsOverviewView *view = NULL;
  GtkWindow *window;

  adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = show_view (f, &view, width, height);
  g_object_set (view, "folded", width < 600, NULL);
  ps_test_iterate (200);
  g_assert_cmpstr (ps_overview_view_get_visible_page (view), ==, "figures");
  /* Nothing wider than the window at 360 px. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), <=, width);
  ps_test_screenshot (GTK_WIDGET (window), name);

  /* And the charts further down. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (child (view, "cases_value"), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    g_autofree char *bottom = g_strdup_printf ("%.*s-bottom.png", (int)(strlen (name) - 4), name);

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
    ps_test_screenshot (GTK_WIDGET (window), bottom);
  }
  gtk_window_destroy (window);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  shoot (f, 360, 1400, FALSE, "overview-360-light.png");
  shoot (f, 360, 1400, TRUE, "overview-360-dark.png");
  shoot (f, 1000, 1100, FALSE, "overview-1000-light.png");
  shoot (f, 1000, 1100, TRUE, "overview-1000-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* A percentage in the language's spacing: "17%" in English, "17 %" with a
 * narrow no-break space in French. */
static void
test_percent_spacing (Fixture       *f,
                      gconstpointer  data)
{
  PsOverviewView *view = NULL;
  GtkWindow *window = show_view (f, &view, 1000, 800);
  const char *target;

  g_assert_cmpstr (label_text (view, "safety_value"), ==, "17%");
  target = label_text (view, "target_value");
  g_assert_true (g_regex_match_simple ("^[0-9]+%$", target, 0, 0));

  ps_test_speak ("fr");
  ps_overview_view_set_period (view, PS_OVERVIEW_PERIOD_ALL_TIME);
  g_assert_cmpstr (label_text (view, "safety_value"), ==, "17\u202f%");
  target = label_text (view, "target_value");
  g_assert_true (g_regex_match_simple ("^[0-9]+\u202f%$", target, 0, 0));

  ps_test_speak ("");
  ps_overview_view_set_period (view, PS_OVERVIEW_PERIOD_LAST_3_MONTHS);
  g_assert_cmpstr (label_text (view, "safety_value"), ==, "17%");
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = ps_test_session_init (&argc, &argv);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  int ret;

  /* What AdwApplication loads by itself in the app. */
  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) \
  g_test_add (path, Fixture, &options, ps_test_context_set_up, func, ps_test_context_tear_down)

  ADD ("/overview/view/figures", test_view_figures);
  ADD ("/overview/view/percent-spacing", test_percent_spacing);
  ADD ("/overview/view/refreshes-on-change", test_view_refreshes);
  ADD ("/overview/view/empty-period", test_view_empty);
  ADD ("/overview/view/clock-ahead", test_clock_ahead);
  g_test_add ("/overview/view/minutes-held", Fixture, &empty_options, ps_test_context_set_up,
              test_minutes_held, ps_test_context_tear_down);
  ADD ("/overview/csv/demo-has-no-identity", test_csv_privacy);
  ADD ("/overview/report/demo-pdf", test_report);
  ADD ("/overview/view/screenshots", test_screenshots);

#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
