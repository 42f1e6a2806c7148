/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Overview: de-identified program statistics for a period, as big
 * numbers and bar charts, and the CSV export for the program coordinator.
 * Recomputed when the store changes, or when next shown if hidden then. */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-bar-chart.h"
#include "ps-csv-export.h"
#include "ps-overview-view.h"
#include "ps-toast.h"

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
  AdwComboRow      *period_row;
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
  PsBarChart       *reason_chart;
  PsBarChart       *closure_chart;
  PsBarChart       *conversations_chart;
  AdwPreferencesGroup *closure_group;
  AdwPreferencesGroup *conversations_group;
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

static char *
format_share (double share)
{
  /* Translators: a percentage, as in "71 %"; use your language's spacing */
  return g_strdup_printf (_("%.0f %%"), share * 100);
}

static char *
format_days (double days)
{
  if (days == (int)days)
    return g_strdup_printf ("%d", (int)days);
  return g_strdup_printf ("%.1f", days);
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
  text = g_strdup_printf ("%u", n_cases);
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
  if (known > 0)
    {
      text = format_share (ps_statistics_get_share_within_target (stats));
      gtk_label_set_label (self->target_value, text);
      g_clear_pointer (&text, g_free);
      /* Translators: "5 of 7 cases", the share above it in numbers */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", known),
                              within, known);
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
  if (held > 0)
    {
      text = format_share (ps_statistics_get_share_safety_concern (stats));
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export-summary", self->store != NULL);

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  ps_clock_get_today (ps_context_get_clock (self->context), &today);
  ps_overview_period_get_range (self->period, &today, &from, &to);
  ps_first_contact_days_read (ps_context_get_settings (self->context), NULL, &target);
  self->statistics = ps_statistics_compute (self->store, &from, &to, target);

  if (ps_statistics_get_n_cases (self->statistics) == 0)
    {
      /* An export of no rows is no use to the coordinator. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "overview.export-summary", FALSE);
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

/* Export ----------------------------------------------------------------- */

static char *
suggested_name (PsOverviewView *self,
                gboolean        summary)
{
  g_autofree char *week = NULL;
  GDate to;

  ps_statistics_get_period (self->statistics, NULL, &to);
  week = ps_csv_format_week (&to);
  /* Translators: a file name; %s is an ISO week such as 2024-W47 */
  return g_strdup_printf (summary ? _("peerside-summary-%s.csv") : _("peerside-cases-%s.csv"), week);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  PsOverviewView *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean summary = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "ps-summary"));
  gboolean ok;

  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || self->statistics == NULL || self->store == NULL)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (summary)
    {
      ok = ps_csv_export_summary_to_file (self->statistics, file, &error);
    }
  else
    {
      GDate from, to;

      ps_statistics_get_period (self->statistics, &from, &to);
      ok = ps_csv_export_to_file (self->store, &from, &to, file, &error);
    }

  if (ok)
    {
      guint n = ps_statistics_get_n_cases (self->statistics);
      g_autofree char *text = NULL;

      if (summary)
        text = g_strdup (_("Summary exported"));
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
export (PsOverviewView *self,
        gboolean        summary)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->statistics == NULL)
    return;

  chooser = gtk_file_chooser_native_new (summary ? _("Export Summary CSV") : _("Export CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = suggested_name (self, summary);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "ps-summary", GINT_TO_POINTER (summary));
  /* The dialog keeps the view alive while open, and lets go when it goes,
   * answered or not. */
  g_signal_connect_data (chooser, "response", G_CALLBACK (export_response_cb),
                         g_object_ref (self), (GClosureNotify) (void (*) (void)) g_object_unref, 0);

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  export (PS_OVERVIEW_VIEW (widget), g_str_equal (action_name, "overview.export-summary"));
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

static void
ps_overview_view_constructed (GObject *object)
{
  PsOverviewView *self = (PsOverviewView *)object;

  G_OBJECT_CLASS (ps_overview_view_parent_class)->constructed (object);

  adw_combo_row_set_selected (self->period_row, self->period);

  g_signal_connect_object (ps_context_get_settings (self->context),
                           "changed::first-contact-overdue-days",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  /* A new day moves the period. */
  g_signal_connect_object (ps_context_get_clock (self->context), "changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  store_changed_cb (self);
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
                      PS_OVERVIEW_PERIOD_THIS_MONTH, PS_OVERVIEW_PERIOD_ALL_TIME,
                      PS_OVERVIEW_PERIOD_LAST_3_MONTHS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The window's primary menu, given to the view's menu button. */
  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PS_TYPE_BAR_CHART);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, period_row);
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
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, closure_chart);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, conversations_chart);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, closure_group);
  gtk_widget_class_bind_template_child (widget_class, PsOverviewView, conversations_group);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);

  gtk_widget_class_install_action (widget_class, "overview.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "overview.export-summary", NULL, export_action);
}

static void
ps_overview_view_init (PsOverviewView *self)
{
  self->period = PS_OVERVIEW_PERIOD_LAST_3_MONTHS;
  gtk_widget_init_template (GTK_WIDGET (self));
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
  g_return_if_fail (period <= PS_OVERVIEW_PERIOD_ALL_TIME);

  if (self->period == period)
    return;
  self->period = period;
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
