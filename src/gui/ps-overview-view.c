/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Overview: de-identified program statistics for a period, as big
 * numbers and bar charts, and the CSV export for the program coordinator.
 * Recomputed when the store changes, or when next shown if hidden then. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-bar-chart.h"
#include "ps-date-row.h"
#include "ps-csv-export.h"
#include "ps-overview-view.h"
#include "ps-report.h"
#include "ps-small-counts.h"
#include "ps-toast.h"
#include "ps-wrap.h"

struct _PsOverviewView
{
  GtkWidget         parent_instance;

  PsContext        *context;
  PsStore          *store;
  PsStatistics     *statistics;
  PsOverviewPeriod  period;
  gboolean          folded;
  gboolean          dirty;
  GtkNativeDialog  *chooser;

  AdwToastOverlay  *toast_overlay;
  GtkMenuButton    *menu_button;
  GtkButton        *export_button;
  GtkButton        *print_button;
  AdwComboRow      *period_row;
  PsDateRow        *from_row;
  PsDateRow        *to_row;
  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  GtkLabel         *cases_value;
  GtkLabel         *cases_caption;
  GtkLabel         *cases_detail;
  GtkLabel         *median_value;
  GtkLabel         *median_detail;
  GtkLabel         *target_value;
  GtkLabel         *target_caption;
  GtkLabel         *target_detail;
  GtkLabel         *safety_value;
  GtkLabel         *safety_detail;
  GtkLabel         *reach_value;
  GtkLabel         *reach_detail;
  GtkLabel         *time_value;
  GtkLabel         *time_detail;
  GtkLabel         *referrals_value;
  GtkLabel         *referrals_detail;
  GtkLabel         *groups_value;
  GtkLabel         *groups_detail;
  PsBarChart       *trend_chart;
  PsBarChart       *reach_chart;
  PsBarChart       *reason_chart;
  PsBarChart       *closure_chart;
  PsBarChart       *conversations_chart;
  PsBarChart       *charts[5];
  AdwPreferencesGroup *closure_group;
  AdwPreferencesGroup *conversations_group;
  AdwPreferencesGroup *clock_group;
  AdwActionRow     *clock_row;
  GtkButton        *clock_button;
};

G_DEFINE_FINAL_TYPE (PsOverviewView, ps_overview_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDED,
  PROP_MENU_MODEL,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
ps_overview_view_set_custom_period (PsOverviewView *self,
                                    const GDate    *from,
                                    const GDate    *to)
{
  g_return_if_fail (PS_IS_OVERVIEW_VIEW (self));
  g_return_if_fail (from != NULL && g_date_valid (from) && to != NULL && g_date_valid (to));

  ps_overview_view_set_period (self, PS_OVERVIEW_PERIOD_CUSTOM);
  ps_date_row_set_date (self->from_row, from);
  ps_date_row_set_date (self->to_row, to);
}

void
ps_overview_period_get_range (PsOverviewPeriod  period,
                              const GDate      *today,
                              GDate            *from,
                              GDate            *to)
{
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (from != NULL && to != NULL);

  *to = *today;
  *from = *today;
  switch (period)
    {
    case PS_OVERVIEW_PERIOD_THIS_MONTH:
      g_date_set_day (from, 1);
      break;
    case PS_OVERVIEW_PERIOD_LAST_3_MONTHS:
      /* 18 November → 19 August: three months of days, today included. */
      g_date_subtract_months (from, 3);
      g_date_add_days (from, 1);
      break;
    case PS_OVERVIEW_PERIOD_THIS_YEAR:
      g_date_set_dmy (from, 1, G_DATE_JANUARY, g_date_get_year (today));
      break;
    case PS_OVERVIEW_PERIOD_CUSTOM:
      g_date_subtract_years (from, 1);
      g_date_add_days (from, 1);
      break;
    case PS_OVERVIEW_PERIOD_ALL_TIME:
    default:
      g_date_set_dmy (from, 1, G_DATE_JANUARY, 1);
      break;
    }
}

static void
add_toast (PsOverviewView *self,
           const char     *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  ps_toast_add (GTK_WIDGET (self->toast_overlay), toast);
}

char *
ps_overview_format_share (double share)
{
  /* Translators: a percentage, "71%"; use your language's spacing, such as
   * "%.0f %%" with a narrow no-break space (U+202F) in French */
  return g_strdup_printf (_("%.0f%%"), share * 100);
}

char *
ps_overview_format_count (guint    value,
                          gboolean hide_small)
{
  if (hide_small && ps_small_count_is_small (value))
    return g_strdup (_("fewer than 5"));
  return g_strdup_printf ("%'u", value);
}

static gboolean
hide_small (PsOverviewView *self)
{
  return g_settings_get_boolean (ps_context_get_settings (self->context), "hide-small-counts");
}

/* A count for a big figure: "fewer than 5" when small counts are hidden. */
static char *
format_count (PsOverviewView *self,
              guint           value)
{
  return ps_overview_format_count (value, hide_small (self));
}

/* A share is left out when a count it is made of is hidden. */
static gboolean
share_hidden (PsOverviewView *self,
              guint           part,
              guint           whole)
{
  return hide_small (self) &&
         (ps_small_count_is_small (part) || ps_small_count_is_small (whole - part));
}

static char *
format_days (double days)
{
  if (days == (int)days)
    return g_strdup_printf ("%d", (int)days);
  return g_strdup_printf ("%.1f", days);
}

/* People reached, time given, referrals, group debriefs, and the trend. */
static void
show_reach (PsOverviewView *self)
{
  PsStatistics *stats = self->statistics;
  guint individuals = ps_statistics_get_n_individuals_reached (stats);
  guint in_groups = ps_statistics_get_n_group_people (stats);
  guint n_groups = ps_statistics_get_n_groups_held (stats);
  guint held = ps_statistics_get_n_conversations_held (stats);
  guint referred = ps_statistics_get_n_cases_by_closure (stats, PS_CLOSURE_REFERRED);
  guint offered = ps_statistics_get_n_group_referrals (stats);
  guint n_months = ps_statistics_get_n_months (stats);
  g_autofree const char **month_labels = g_new0 (const char *, MAX (n_months, 1));
  g_autofree guint *month_values = g_new0 (guint, MAX (n_months, 1));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const char *reach_labels[2] = { _("One-to-one"), _("In group debriefs") };
  guint reach_values[2] = { individuals, in_groups };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  char *text;

  text = format_count (self, individuals + in_groups);
  gtk_label_set_label (self->reach_value, text);
  g_free (text);
  a = format_count (self, individuals);
  b = format_count (self, in_groups);
  /* Translators: under "People reached": "9 one-to-one · 19 in groups" */
  text = g_strdup_printf (_("%s one-to-one · %s in groups"), a, b);
  gtk_label_set_label (self->reach_detail, text);
  g_free (text);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  text = ps_overview_format_count (ps_statistics_get_minutes_given (stats), FALSE);
  gtk_label_set_label (self->time_value, text);
  g_free (text);
  a = format_count (self, held);
  b = format_count (self, n_groups);
  {
    /* Translators: under the minutes given, "11 conversations"; %s is a
     * number or "fewer than 5" */
    g_autofree char *conversations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s conversation",
                                                                   "%s conversations", held), a);
    /* Translators: under the minutes given, "2 group debriefs" */
    g_autofree char *debriefs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s group debrief",
                                                              "%s group debriefs", n_groups), b);

    /* Translators: "11 conversations · 2 group debriefs" */
    text = g_strdup_printf (_("%s · %s"), conversations, debriefs);
  }
  gtk_label_set_label (self->time_detail, text);
  g_free (text);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  text = format_count (self, referred + offered);
  gtk_label_set_label (self->referrals_value, text);
  g_free (text);
  a = format_count (self, referred);
  b = format_count (self, offered);
  /* Translators: "2 cases referred · 3 offered in groups"; the first %s
   * is a number or "fewer than 5" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s case referred · %s offered in groups",
                                       "%s cases referred · %s offered in groups", referred),
                          a, b);
  gtk_label_set_label (self->referrals_detail, text);
  g_free (text);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  text = format_count (self, n_groups);
  gtk_label_set_label (self->groups_value, text);
  g_free (text);
  a = format_count (self, in_groups);
  /* Translators: under "Group debriefs held": "19 people in all" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person in all", "%s people in all",
                                       in_groups), a);
  gtk_label_set_label (self->groups_detail, text);
  g_free (text);

  ps_bar_chart_set_bars (self->reach_chart, reach_labels, reach_values, 2);

  for (guint m = 0; m < n_months; m++)
    {
      const PsStatisticsMonth *month = ps_statistics_get_month (stats, m);
      g_autoptr(GDateTime) first = g_date_time_new_utc (month->year, (int)month->month, 1, 12, 0, 0);
      /* Translators: a month in the trend chart, "Nov 2024"; see g_date_time_format() */
      char *label = g_date_time_format (first, _("%b %Y"));

      g_ptr_array_add (owned, label);
      month_labels[m] = label;
      month_values[m] = month->individuals + month->group_people;
    }
  ps_bar_chart_set_bars (self->trend_chart, month_labels, month_values, n_months);
}

static void
show_figures (PsOverviewView *self)
{
  PsStatistics *stats = self->statistics;
  const char *reason_labels[PS_STATISTICS_N_REASONS];
  guint reason_values[PS_STATISTICS_N_REASONS];
  const char *closure_labels[PS_STATISTICS_N_CLOSURE_STATUSES - 1];
  guint closure_values[PS_STATISTICS_N_CLOSURE_STATUSES - 1];
  const char *conversation_labels[PS_STATISTICS_N_CONVERSATION_BUCKETS];
  guint conversation_values[PS_STATISTICS_N_CONVERSATION_BUCKETS];
  g_autofree char *text = NULL;
  guint n_cases = ps_statistics_get_n_cases (stats);
  guint n_open = ps_statistics_get_n_cases_by_closure (stats, PS_CLOSURE_NONE);
  guint target = ps_statistics_get_target_days (stats);
  guint within = ps_statistics_get_n_within_target (stats);
  guint known = within + ps_statistics_get_n_missed_target (stats);
  guint awaiting = ps_statistics_get_n_awaiting_contact (stats);
  guint held = ps_statistics_get_n_conversations_held (stats);
  double median = ps_statistics_get_median_days_to_contact (stats);
  double mean = ps_statistics_get_mean_conversations (stats);

  /* Cases. */
  text = format_count (self, n_cases);
  gtk_label_set_label (self->cases_value, text);
  g_clear_pointer (&text, g_free);
  gtk_label_set_label (self->cases_caption,
                       g_dngettext (GETTEXT_PACKAGE, "Case requested", "Cases requested", n_cases));
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u still open", "%u still open", n_open),
                          n_open);
  gtk_label_set_label (self->cases_detail, text);
  g_clear_pointer (&text, g_free);

  /* Days to first contact. */
  if (median >= 0)
    {
      guint contacted = ps_statistics_get_n_contacted (stats);

      text = format_days (median);
      gtk_label_set_label (self->median_value, text);
      g_clear_pointer (&text, g_free);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Of %u case contacted",
                                           "Of %u cases contacted", contacted), contacted);
      gtk_label_set_label (self->median_detail, text);
      g_clear_pointer (&text, g_free);
    }
  else
    {
      /* Translators: shown instead of a number when there is none */
      gtk_label_set_label (self->median_value, C_("figure", "None"));
      gtk_label_set_label (self->median_detail, _("No case contacted yet"));
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Contacted within %u day",
                                       "Contacted within %u days", target), target);
  gtk_label_set_label (self->target_caption, text);
  g_clear_pointer (&text, g_free);
  if (known > 0 && !share_hidden (self, within, known))
    {
      text = ps_overview_format_share (ps_statistics_get_share_within_target (stats));
      gtk_label_set_label (self->target_value, text);
      g_clear_pointer (&text, g_free);
      /* Translators: "5 of 7 cases", the share above it in numbers */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", known),
                              within, known);
    }
  else if (known > 0)
    {
      gtk_label_set_label (self->target_value, _("fewer than 5"));
      text = g_strdup (_("Hidden: too few cases to show"));
    }
  else
    {
      gtk_label_set_label (self->target_value, C_("figure", "None"));
      text = g_strdup (_("No case past its target yet"));
    }
  if (awaiting > 0)
    {
      g_autofree char *awaiting_text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u awaiting", "%u awaiting", awaiting),
                         awaiting);
      char *joined = g_strconcat (text, "\n", awaiting_text, NULL);

      g_free (text);
      text = joined;
    }
  gtk_label_set_label (self->target_detail, text);
  g_clear_pointer (&text, g_free);

  /* Safety concerns. */
  if (held > 0 && share_hidden (self, ps_statistics_get_n_safety_concerns (stats), held))
    {
      gtk_label_set_label (self->safety_value, _("fewer than 5"));
      text = g_strdup (_("Hidden: too few conversations to show"));
    }
  else if (held > 0)
    {
      text = ps_overview_format_share (ps_statistics_get_share_safety_concern (stats));
      gtk_label_set_label (self->safety_value, text);
      g_clear_pointer (&text, g_free);
      /* Translators: "1 of 6 held", safety concerns of the conversations held */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u held", "%u of %u held", held),
                              ps_statistics_get_n_safety_concerns (stats), held);
    }
  else
    {
      gtk_label_set_label (self->safety_value, C_("figure", "None"));
      text = g_strdup (_("No conversation held"));
    }
  gtk_label_set_label (self->safety_detail, text);
  g_clear_pointer (&text, g_free);

  show_reach (self);

  /* Charts: every category, zeros included, so periods compare. */
  for (PsReason r = 0; r < PS_STATISTICS_N_REASONS; r++)
    {
      reason_labels[r] = ps_reason_to_label (r);
      reason_values[r] = ps_statistics_get_n_cases_by_reason (stats, r);
    }
  ps_bar_chart_set_bars (self->reason_chart, reason_labels, reason_values, PS_STATISTICS_N_REASONS);

  for (PsClosureStatus s = PS_CLOSURE_COMPLETED; s < PS_STATISTICS_N_CLOSURE_STATUSES; s++)
    {
      closure_labels[s - 1] = ps_closure_status_to_label (s);
      closure_values[s - 1] = ps_statistics_get_n_cases_by_closure (stats, s);
    }
  ps_bar_chart_set_bars (self->closure_chart, closure_labels, closure_values,
                         G_N_ELEMENTS (closure_values));
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case closed",
                                       "%u of %u cases closed", n_cases),
                          ps_statistics_get_n_closed (stats), n_cases);
  adw_preferences_group_set_description (self->closure_group, text);
  g_clear_pointer (&text, g_free);

  conversation_labels[0] = _("No conversation");
  conversation_labels[1] = _("1 conversation");
  conversation_labels[2] = _("2 conversations");
  conversation_labels[3] = _("3 conversations");
  conversation_labels[4] = _("4 or more");
  for (guint b = 0; b < PS_STATISTICS_N_CONVERSATION_BUCKETS; b++)
    conversation_values[b] = ps_statistics_get_n_cases_with_conversations (stats, b);
  ps_bar_chart_set_bars (self->conversations_chart, conversation_labels, conversation_values,
                         PS_STATISTICS_N_CONVERSATION_BUCKETS);
  /* Translators: the mean number of conversations held per case, e.g. "Mean 1.2" */
  text = g_strdup_printf (_("Conversations held, counted per case. Mean %.1f."), MAX (mean, 0));
  adw_preferences_group_set_description (self->conversations_group, text);
}

static void
refresh (PsOverviewView *self)
{
  GDate today, from, to;
  guint target;

  self->dirty = FALSE;
  g_clear_object (&self->statistics);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.print", self->store != NULL);

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  ps_clock_get_today (ps_context_get_clock (self->context), &today);
  ps_overview_period_get_range (self->period, &today, &from, &to);
  if (self->period == PS_OVERVIEW_PERIOD_CUSTOM &&
      ps_date_row_get_date (self->from_row) != NULL && ps_date_row_get_date (self->to_row) != NULL)
    {
      from = *ps_date_row_get_date (self->from_row);
      to = *ps_date_row_get_date (self->to_row);
    }
  adw_status_page_set_title (self->empty_page, g_date_compare (&from, &to) > 0
                             ? _("The Period Ends Before It Starts")
                             : _("No Cases in This Period"));
  ps_first_contact_days_read (ps_context_get_settings (self->context), NULL, &target);
  self->statistics = ps_statistics_compute (self->store, &from, &to, target);

  for (guint i = 0; i < G_N_ELEMENTS (self->charts); i++)
    ps_bar_chart_set_hide_small_counts (self->charts[i], hide_small (self));

  if (ps_statistics_get_n_cases (self->statistics) == 0 &&
      ps_statistics_get_n_groups_held (self->statistics) == 0)
    {
      /* An export of no rows is no use to the coordinator. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.print", FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  show_figures (self);
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

/* Hidden, the view only notes that it is out of date. */
static void
queue_refresh (PsOverviewView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->dirty = TRUE;
}

static void
store_changed_cb (PsOverviewView *self)
{
  PsStore *store = ps_context_get_store (self->context);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, queue_refresh, self);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed",
                             G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
period_changed_cb (PsOverviewView *self)
{
  ps_overview_view_set_period (self, adw_combo_row_get_selected (self->period_row));
}

static void
custom_changed_cb (PsOverviewView *self)
{
  if (self->context != NULL && self->period == PS_OVERVIEW_PERIOD_CUSTOM)
    refresh (self);
}

/* Export ----------------------------------------------------------------- */

/* What goes out, as the export dialog offers it. */
typedef enum
{
  EXPORT_SUMMARY,
  EXPORT_REPORT,
  EXPORT_ROWS,
} ExportKind;

static const struct {
  const char *response;
  const char *mime_type;
  const char *suffix;
} export_kinds[] = {
  [EXPORT_SUMMARY] = { "summary", "text/csv", "csv" },
  [EXPORT_REPORT]  = { "report", "application/pdf", "pdf" },
  [EXPORT_ROWS]    = { "rows", "text/csv", "csv" },
};

static char *
suggested_name (PsOverviewView *self,
                ExportKind      kind)
{
  g_autofree char *week = NULL;
  GDate to;

  ps_statistics_get_period (self->statistics, NULL, &to);
  week = ps_csv_format_week (&to);
  switch (kind)
    {
    case EXPORT_SUMMARY:
      /* Translators: a file name; %s is an ISO week such as 2024-W47 */
      return g_strdup_printf (_("peerside-summary-%s.csv"), week);
    case EXPORT_REPORT:
      /* Translators: a file name; %s is an ISO week such as 2024-W47 */
      return g_strdup_printf (_("peerside-report-%s.pdf"), week);
    case EXPORT_ROWS:
    default:
      /* Translators: a file name; %s is an ISO week such as 2024-W47 */
      return g_strdup_printf (_("peerside-cases-%s.csv"), week);
    }
}

static char *
program_name (PsOverviewView *self)
{
  return g_settings_get_string (ps_context_get_settings (self->context), "program-name");
}

static gboolean
write_export (PsOverviewView  *self,
              ExportKind       kind,
              GFile           *file,
              GError         **error)
{
  switch (kind)
    {
    case EXPORT_SUMMARY:
      return ps_csv_export_summary_to_file (self->statistics, file, error);
    case EXPORT_REPORT:
      {
        g_autofree char *program = program_name (self);

        return ps_report_write_pdf (self->statistics, program, file, error);
      }
    case EXPORT_ROWS:
    default:
      {
        GDate from, to;

        ps_statistics_get_period (self->statistics, &from, &to);
        return ps_csv_export_to_file (self->store, &from, &to, file, error);
      }
    }
}

gboolean
ps_overview_view_export_to_file (PsOverviewView  *self,
                                 const char      *what,
                                 GFile           *file,
                                 GError         **error)
{
  g_return_val_if_fail (PS_IS_OVERVIEW_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->dirty)
    refresh (self);
  for (ExportKind kind = 0; kind < G_N_ELEMENTS (export_kinds); kind++)
    if (g_strcmp0 (what, export_kinds[kind].response) == 0 && self->statistics != NULL)
      return write_export (self, kind, file, error);
  g_return_val_if_reached (FALSE);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  PsOverviewView *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "ps-kind"));

  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || self->statistics == NULL || self->store == NULL)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (write_export (self, kind, file, &error))
    {
      guint n = ps_statistics_get_n_cases (self->statistics);
      g_autofree char *text = NULL;

      if (kind == EXPORT_SUMMARY)
        text = g_strdup (_("Summary exported"));
      else if (kind == EXPORT_REPORT)
        text = g_strdup (_("Report exported"));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case exported",
                                             "%u cases exported", n), n);
      add_toast (self, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Could not export: %s"), error->message);

      add_toast (self, text);
    }
}

static void
choose_file (PsOverviewView *self,
             ExportKind      kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->statistics == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export for the Program Coordinator"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, kind == EXPORT_REPORT ? _("PDF files") : _("CSV files"));
  gtk_file_filter_add_mime_type (filter, export_kinds[kind].mime_type);
  gtk_file_filter_add_suffix (filter, export_kinds[kind].suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = suggested_name (self, kind);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "ps-kind", GINT_TO_POINTER (kind));
  /* The dialog keeps the view alive while open, and lets go when it goes,
   * answered or not. */
  g_signal_connect_data (chooser, "response", G_CALLBACK (export_response_cb),
                         g_object_ref (self), (GClosureNotify) (void (*) (void)) g_object_unref, 0);

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void print_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param);

static void
export_choice_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PsOverviewView   *self)
{
  if (g_str_equal (response, "print"))
    print_action (GTK_WIDGET (self), "overview.print", NULL);
  for (ExportKind kind = 0; kind < G_N_ELEMENTS (export_kinds); kind++)
    if (g_str_equal (response, export_kinds[kind].response))
      choose_file (self, kind);
}

/* One Export, and a clear choice of what goes out. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PsOverviewView *self = PS_OVERVIEW_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (self->statistics == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Export for the Program Coordinator"),
                                                       NULL));
  adw_message_dialog_set_body (dialog,
    _("The summary and the report hold the period’s figures, with counts from 1 to 4 written "
      "“fewer than 5”: no names, no contacts, no date finer than a week.\n\n"
      "Case rows list each case on a line of its own, without names but with its week and "
      "reason, which can point at a colleague in a small team."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rows", _("Case _Rows (CSV)"),
                                    "summary", _("_Summary (CSV)"),
                                    "report", _("_Report (PDF)"),
                                    "print", _("_Print Report"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "report", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "report");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_choice_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  PsOverviewView *self = PS_OVERVIEW_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *program = NULL;
  g_autoptr(GError) error = NULL;

  if (self->statistics == NULL)
    return;
  program = program_name (self);
  if (!ps_report_print (self->statistics, program, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                        &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not print: %s"), error->message);

      add_toast (self, text);
    }
}

/* GObject ---------------------------------------------------------------- */

static void
ps_overview_view_map (GtkWidget *widget)
{
  PsOverviewView *self = PS_OVERVIEW_VIEW (widget);

  GTK_WIDGET_CLASS (ps_overview_view_parent_class)->map (widget);
  if (self->dirty)
    refresh (self);
}

/* Retention postponed by a clock it cannot believe (ps-retention.c): said
 * here, with a way for the person to confirm today's date. */
static void
clock_days_off_changed_cb (PsOverviewView *self)
{
  int off = ps_context_get_clock_days_off (self->context);
  g_autofree char *text = NULL;

  if (off > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The computer’s clock is %d day ahead of the latest date "
                                         "Peerside could confirm, so names of closed cases are "
                                         "kept for now.",
                                         "The computer’s clock is %d days ahead of the latest date "
                                         "Peerside could confirm, so names of closed cases are "
                                         "kept for now.", off), off);
  else if (off < 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The computer’s clock is %d day behind the latest date "
                                         "Peerside has seen, so names of closed cases are kept "
                                         "for now.",
                                         "The computer’s clock is %d days behind the latest date "
                                         "Peerside has seen, so names of closed cases are kept "
                                         "for now.", -off), -off);
  if (text != NULL)
    adw_action_row_set_subtitle (self->clock_row, text);
  gtk_widget_set_visible (GTK_WIDGET (self->clock_group), off != 0);
}

static void
clock_confirmed_cb (PsOverviewView *self)
{
  g_autoptr(GError) error = NULL;

  if (ps_context_get_store (self->context) == NULL)
    return;
  if (!ps_context_trust_clock (self->context, &error))
    add_toast (self, error->message);
}

static void
ps_overview_view_constructed (GObject *object)
{
  PsOverviewView *self = (PsOverviewView *)object;

  G_OBJECT_CLASS (ps_overview_view_parent_class)->constructed (object);

  adw_combo_row_set_selected (self->period_row, self->period);

  g_signal_connect_object (ps_context_get_settings (self->context),
                           "changed::first-contact-overdue-days",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_context_get_settings (self->context), "changed::hide-small-counts",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  /* A new day moves the period. */
  g_signal_connect_object (ps_context_get_clock (self->context), "changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::clock-days-off",
                           G_CALLBACK (clock_days_off_changed_cb), self, G_CONNECT_SWAPPED);
  store_changed_cb (self);
  clock_days_off_changed_cb (self);
}

static void
ps_overview_view_dispose (GObject *object)
{
  PsOverviewView *self = (PsOverviewView *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_OVERVIEW_VIEW);
  g_clear_object (&self->statistics);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_overview_view_parent_class)->dispose (object);
}

static void
ps_overview_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PsOverviewView *self = PS_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_MENU_MODEL:
      g_value_set_object (value, gtk_menu_button_get_menu_model (self->menu_button));
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_PERIOD:
      g_value_set_int (value, self->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_overview_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PsOverviewView *self = PS_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_MENU_MODEL:
      gtk_menu_button_set_menu_model (self->menu_button, g_value_get_object (value));
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          /* Narrow, the title keeps its room: Print is in the Export dialog. */
          gtk_widget_set_visible (GTK_WIDGET (self->print_button), !self->folded);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PERIOD:
      ps_overview_view_set_period (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_overview_view_class_init (PsOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ps_overview_view_constructed;
  object_class->dispose = ps_overview_view_dispose;
  object_class->get_property = ps_overview_view_get_property;
  object_class->set_property = ps_overview_view_set_property;
  widget_class->map = ps_overview_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD] =
    g_param_spec_int ("period", NULL, NULL,
                      PS_OVERVIEW_PERIOD_THIS_MONTH, PS_OVERVIEW_PERIOD_CUSTOM,
                      PS_OVERVIEW_PERIOD_LAST_3_MONTHS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The window's primary menu, given to the view's menu button. */
  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PS_TYPE_BAR_CHART);
  g_type_ensure (PS_TYPE_DATE_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, export_button);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, print_button);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, period_row);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, from_row);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, to_row);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, cases_value);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, cases_caption);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, cases_detail);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, median_value);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, median_detail);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, target_value);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, target_caption);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, target_detail);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, safety_value);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, safety_detail);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, reason_chart);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, reach_chart);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, reach_value);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, reach_detail);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, time_value);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, time_detail);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, referrals_value);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, referrals_detail);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, groups_value);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, groups_detail);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, closure_chart);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, conversations_chart);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, closure_group);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, conversations_group);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, clock_group);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, clock_row);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, clock_button);
  gtk_widget_class_bind_template_callback (widget_class, clock_confirmed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_changed_cb);

  gtk_widget_class_install_action (widget_class, "overview.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "overview.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "overview.print", NULL);
}

static void
ps_overview_view_init (PsOverviewView *self)
{
  self->period = PS_OVERVIEW_PERIOD_LAST_3_MONTHS;
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_wrap_combo_rows (GTK_WIDGET (self));

  self->charts[0] = self->trend_chart;
  self->charts[1] = self->reach_chart;
  self->charts[2] = self->reason_chart;
  self->charts[3] = self->closure_chart;
  self->charts[4] = self->conversations_chart;
  /* Categories by count; months and conversations per case in their order. */
  ps_bar_chart_set_sorted (self->reach_chart, TRUE);
  ps_bar_chart_set_sorted (self->reason_chart, TRUE);
  ps_bar_chart_set_sorted (self->closure_chart, TRUE);
}

PsOverviewView *
ps_overview_view_new (PsContext *context)
{
  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  return g_object_new (PS_TYPE_OVERVIEW_VIEW, "context", context, NULL);
}

PsOverviewPeriod
ps_overview_view_get_period (PsOverviewView *self)
{
  g_return_val_if_fail (PS_IS_OVERVIEW_VIEW (self), PS_OVERVIEW_PERIOD_ALL_TIME);
  return self->period;
}

void
ps_overview_view_set_period (PsOverviewView   *self,
                             PsOverviewPeriod  period)
{
  g_return_if_fail (PS_IS_OVERVIEW_VIEW (self));
  g_return_if_fail (period <= PS_OVERVIEW_PERIOD_CUSTOM);

  if (self->period == period)
    return;
  /* A custom period starts from the one shown, and can then be changed. */
  if (period == PS_OVERVIEW_PERIOD_CUSTOM && self->context != NULL &&
      ps_date_row_get_date (self->from_row) == NULL)
    {
      GDate today, from, to;

      ps_clock_get_today (ps_context_get_clock (self->context), &today);
      ps_overview_period_get_range (self->period == PS_OVERVIEW_PERIOD_ALL_TIME
                                    ? PS_OVERVIEW_PERIOD_CUSTOM : self->period,
                                    &today, &from, &to);
      self->period = period;
      ps_date_row_set_date (self->from_row, &from);
      ps_date_row_set_date (self->to_row, &to);
    }
  self->period = period;
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), period == PS_OVERVIEW_PERIOD_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), period == PS_OVERVIEW_PERIOD_CUSTOM);
  adw_combo_row_set_selected (self->period_row, period);
  if (self->context != NULL)
    refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

PsStatistics *
ps_overview_view_get_statistics (PsOverviewView *self)
{
  g_return_val_if_fail (PS_IS_OVERVIEW_VIEW (self), NULL);

  if (self->dirty)
    refresh (self);
  return self->statistics;
}

const char *
ps_overview_view_get_visible_page (PsOverviewView *self)
{
  g_return_val_if_fail (PS_IS_OVERVIEW_VIEW (self), NULL);

  if (self->dirty)
    refresh (self);
  return gtk_stack_get_visible_child_name (self->stack);
}
