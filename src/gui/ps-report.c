/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The one-page report, drawn with cairo and Pango: the same page goes to a
 * PDF (cairo's PDF surface) and to a printer (GtkPrintOperation). Every
 * count goes through ps_small_counts_suppress(), as in the summary CSV, and
 * the period is given in ISO weeks. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "ps-csv-export.h"
#include "ps-overview-view.h"
#include "ps-report.h"
#include "ps-small-counts.h"
#include "ps-util.h"

#define A4_WIDTH   595.0
#define A4_HEIGHT  842.0
#define MARGIN     40.0
#define BAR_HEIGHT 7.0

typedef struct
{
  cairo_t *cr;
  double   width;     /* of the page, margins included */
  double   y;         /* where the next thing goes */
} Page;

static double
text_at (Page       *page,
         double      x,
         double      y,
         double      max_width,
         const char *text,
         double      size,
         gboolean    bold,
         double      grey)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (page->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  int height;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (page->cr, grey, grey, grey);
  cairo_move_to (page->cr, x, y);
  pango_cairo_show_layout (page->cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  return (double)height / PANGO_SCALE;
}

static char *
count_text (guint    value,
            gboolean hidden)
{
  if (hidden && value > 0)
    return g_strdup (_("fewer than 5"));
  return ps_overview_format_count (value, TRUE);
}

/* One figure in a box: the number, then what it counts. */
static void
figure (Page       *page,
        double      x,
        double      y,
        double      w,
        const char *value,
        const char *caption)
{
  /* "fewer than 5" is longer than a number: smaller, so it fits the box. */
  gboolean number = g_ascii_isdigit (value[0]) || g_str_equal (value, "—");
  double value_height;

  cairo_set_source_rgb (page->cr, 0.94, 0.95, 0.97);
  cairo_rectangle (page->cr, x, y, w - 8, 54);
  cairo_fill (page->cr);
  value_height = text_at (page, x + 8, y + 6, w - 24, value, number ? 16 : 11, TRUE, 0.1);
  text_at (page, x + 8, y + 8 + MAX (value_height, 16), w - 24, caption, 8, FALSE, 0.3);
}

/* Horizontal bars with their numbers beside them; small ones hidden with
 * the complementary ones the total would give away. Returns TRUE when the
 * total of the cells must be withheld. */
static gboolean
chart (Page               *page,
       double              x,
       double              w,
       const char         *title,
       const char * const *labels,
       const guint        *values,
       guint               n,
       gboolean            sorted)
{
  g_autofree gboolean *hidden = g_new0 (gboolean, MAX (n, 1));
  g_autofree guint *order = g_new0 (guint, MAX (n, 1));
  gboolean withhold = ps_small_counts_suppress (values, n, hidden);
  guint max_value = 1;
  double y = page->y;
  double label_width = w * 0.45;
  double track = w - label_width - 70;

  for (guint i = 0; i < n; i++)
    {
      order[i] = i;
      if (!hidden[i])
        max_value = MAX (max_value, values[i]);
      else
        max_value = MAX (max_value, PS_SMALL_COUNT_BELOW - 1);
    }
  /* By count, largest first; hidden cells as equals, in their given order. */
  for (guint i = 1; sorted && i < n; i++)
    {
      guint moved = order[i];
      guint key = hidden[moved] ? 1 : values[moved];
      guint j = i;

      for (; j > 0 && (hidden[order[j - 1]] ? 1 : values[order[j - 1]]) < key; j--)
        order[j] = order[j - 1];
      order[j] = moved;
    }

  y += text_at (page, x, y, w, title, 10, TRUE, 0.1) + 4;
  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      g_autofree char *value = count_text (values[i], hidden[i]);
      guint drawn = hidden[i] ? PS_SMALL_COUNT_BELOW - 1 : values[i];

      double label_height = text_at (page, x, y, label_width - 6, labels[i], 8, FALSE, 0.2);

      cairo_set_source_rgb (page->cr, 0.9, 0.9, 0.92);
      cairo_rectangle (page->cr, x + label_width, y + 2, track, BAR_HEIGHT);
      cairo_fill (page->cr);
      if (drawn > 0)
        {
          /* Adwaita's blue; a hidden count lighter, as long as it could be. */
          if (hidden[i])
            cairo_set_source_rgb (page->cr, 0.6, 0.76, 0.95);
          else
            cairo_set_source_rgb (page->cr, 0.21, 0.52, 0.89);
          cairo_rectangle (page->cr, x + label_width, y + 2, MAX (track * drawn / max_value, 2),
                           BAR_HEIGHT);
          cairo_fill (page->cr);
        }
      text_at (page, x + label_width + track + 6, y, 64, value, 8, TRUE, 0.1);
      y += MAX (label_height, 10) + 4;
    }
  page->y = y + 10;
  return withhold;
}

void
ps_report_draw (PsStatistics *statistics,
                const char   *program_name,
                cairo_t      *cr,
                double        width,
                double        height)
{
  Page page = { cr, width, MARGIN };
  double inner = width - 2 * MARGIN;
  double column = inner / 2;
  double left_y, right_y;
  GDate from, to;
  g_autofree char *from_week = NULL;
  g_autofree char *to_week = NULL;
  g_autofree char *period = NULL;
  const char *reason_labels[PS_STATISTICS_N_REASONS];
  guint reasons[PS_STATISTICS_N_REASONS];
  const char *closure_labels[PS_STATISTICS_N_CLOSURE_STATUSES];
  guint closures[PS_STATISTICS_N_CLOSURE_STATUSES];
  guint n_months = ps_statistics_get_n_months (statistics);
  g_autofree const char **month_labels = g_new0 (const char *, MAX (n_months, 1));
  g_autofree guint *months = g_new0 (guint, MAX (n_months, 1));
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const char *reach_labels[2] = { _("One-to-one"), _("In group debriefs") };
  guint reach[2];
  const char *prompt_labels[PS_GROUP_N_PROMPTS];
  guint prompts[PS_GROUP_N_PROMPTS];
  gboolean withhold_groups;
  guint n_cases = ps_statistics_get_n_cases (statistics);
  guint held = ps_statistics_get_n_conversations_held (statistics);
  guint safety = ps_statistics_get_n_safety_concerns (statistics);
  guint within = ps_statistics_get_n_within_target (statistics);
  guint missed = ps_statistics_get_n_missed_target (statistics);
  gboolean withhold_cases = FALSE;
  gboolean withhold_reach;
  char *text;

  g_return_if_fail (PS_IS_STATISTICS (statistics));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Title, program, and the period in weeks. */
  page.y += text_at (&page, MARGIN, page.y, inner, _("Peer Support Program Report"), 20, TRUE, 0.1);
  if (program_name != NULL && *program_name != '\0')
    page.y += text_at (&page, MARGIN, page.y, inner, program_name, 12, FALSE, 0.25);
  ps_statistics_get_period (statistics, &from, &to);
  from_week = ps_csv_format_week (&from);
  to_week = ps_csv_format_week (&to);
  if (g_date_get_year (&from) >= 1900)
    /* Translators: the report's period in ISO weeks, "Weeks 2024-W36 to 2024-W47" */
    period = g_strdup_printf (_("Weeks %s to %s"), from_week, to_week);
  else
    /* Translators: the report's period when it is all time, "Up to week 2024-W47" */
    period = g_strdup_printf (_("Up to week %s"), to_week);
  page.y += text_at (&page, MARGIN, page.y + 2, inner, period, 10, FALSE, 0.4) + 14;

  /* The charts first, to know which totals they need withheld. */
  for (PsReason r = 0; r < PS_STATISTICS_N_REASONS; r++)
    {
      reason_labels[r] = ps_reason_to_label (r);
      reasons[r] = ps_statistics_get_n_cases_by_reason (statistics, r);
    }
  for (PsClosureStatus c = 0; c < PS_STATISTICS_N_CLOSURE_STATUSES; c++)
    {
      closure_labels[c] = ps_closure_status_to_label (c);
      closures[c] = ps_statistics_get_n_cases_by_closure (statistics, c);
    }
  for (PsGroupPrompt p = 0; p < PS_GROUP_N_PROMPTS; p++)
    {
      prompt_labels[p] = ps_group_prompt_to_label (p);
      prompts[p] = ps_statistics_get_n_groups_by_prompt (statistics, p);
    }
  reach[0] = ps_statistics_get_n_individuals_reached (statistics);
  reach[1] = ps_statistics_get_n_group_people (statistics);
  for (guint m = 0; m < n_months; m++)
    {
      const PsStatisticsMonth *month = ps_statistics_get_month (statistics, m);
      g_autoptr(GDateTime) first = g_date_time_new_utc (month->year, (int)month->month, 1, 12, 0, 0);
      char *label = g_date_time_format (first, _("%b %Y"));

      g_ptr_array_add (owned, label);
      month_labels[m] = label;
      months[m] = month->individuals + month->group_people;
    }

  /* Figures: four a row, after the header. */
  {
    double top = page.y;
    double charts_top = top + 2 * 62 + 10;
    double cell = inner / 4;
    g_autofree char *people = NULL;
    g_autofree char *cases = NULL;
    g_autofree char *minutes = NULL;
    g_autofree char *conversations = NULL;
    g_autofree char *groups = NULL;
    g_autofree char *referrals = NULL;
    g_autofree char *share = NULL;
    g_autofree char *concerns = NULL;
    g_autofree char *target_caption = NULL;
    guint target = ps_statistics_get_target_days (statistics);

    /* Draw the charts below the figures, then come back up for them. */
    page.y = charts_top;
    withhold_reach = chart (&page, MARGIN, column - 10, _("People reached by month"),
                            month_labels, months, n_months, FALSE);
    withhold_reach |= chart (&page, MARGIN, column - 10, _("One-to-one and in groups"),
                             reach_labels, reach, 2, TRUE);
    withhold_groups = chart (&page, MARGIN, column - 10, _("Group debriefs by what prompted them"),
                             prompt_labels, prompts, PS_GROUP_N_PROMPTS, TRUE);
    left_y = page.y;
    page.y = charts_top;
    withhold_cases |= chart (&page, MARGIN + column + 10, column - 10, _("Cases by reason"),
                             reason_labels, reasons, PS_STATISTICS_N_REASONS, TRUE);
    withhold_cases |= chart (&page, MARGIN + column + 10, column - 10, _("Cases by status"),
                             closure_labels, closures, PS_STATISTICS_N_CLOSURE_STATUSES, TRUE);
    right_y = page.y;

    people = withhold_reach ? g_strdup ("—") : count_text (reach[0] + reach[1], FALSE);
    cases = withhold_cases ? g_strdup ("—") : count_text (n_cases, FALSE);
    minutes = ps_overview_format_count (ps_statistics_get_minutes_given (statistics), FALSE);
    conversations = count_text (held, FALSE);
    groups = withhold_groups ? g_strdup ("—")
                             : count_text (ps_statistics_get_n_groups_held (statistics), FALSE);
    referrals = count_text (ps_statistics_get_n_referrals (statistics), FALSE);
    if (within + missed == 0)
      share = g_strdup ("—");
    else if (ps_small_count_is_small (within) || ps_small_count_is_small (missed))
      share = g_strdup (_("fewer than 5"));
    else
      share = ps_overview_format_share (ps_statistics_get_share_within_target (statistics));
    concerns = count_text (safety, FALSE);
    target_caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Contacted within %u day",
                                                   "Contacted within %u days", target), target);

    page.y = top;
    figure (&page, MARGIN, top, cell, people, _("People reached"));
    figure (&page, MARGIN + cell, top, cell, cases, _("Cases requested"));
    figure (&page, MARGIN + 2 * cell, top, cell, conversations, _("Conversations held"));
    figure (&page, MARGIN + 3 * cell, top, cell, groups, _("Group debriefs held"));
    figure (&page, MARGIN, top + 62, cell, minutes, _("Minutes of support given"));
    figure (&page, MARGIN + cell, top + 62, cell, share, target_caption);
    figure (&page, MARGIN + 2 * cell, top + 62, cell, referrals,
            _("Referrals to professional resources"));
    figure (&page, MARGIN + 3 * cell, top + 62, cell, concerns, _("Safety concerns raised"));
  }

  page.y = MAX (left_y, right_y) + 6;
  text = g_strdup (_("Counts from 1 to 4 are written “fewer than 5”, and a total that would "
                     "reveal one is left out (—). No names, no contacts, no date finer than "
                     "a week. Made with Peerside."));
  text_at (&page, MARGIN, MAX (page.y, height - MARGIN - 30), inner, text, 7.5, FALSE, 0.45);
  g_free (text);
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
ps_report_write_pdf (PsStatistics  *statistics,
                     const char    *program_name,
                     GFile         *file,
                     GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (PS_IS_STATISTICS (statistics), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* In memory: nothing reaches the disk but the finished file. */
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Peer Support Program Report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Peerside");
  cr = cairo_create (surface);
  ps_report_draw (statistics, program_name, cr, A4_WIDTH, A4_HEIGHT);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, cairo_status_to_string (status));
      return FALSE;
    }
  return ps_file_write_private (file, (const char *)bytes->data, bytes->len, error);
}

typedef struct
{
  PsStatistics *statistics;
  char         *program_name;
} PrintData;

static void
print_data_free (gpointer data)
{
  PrintData *print = data;

  g_clear_object (&print->statistics);
  g_free (print->program_name);
  g_free (print);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintData         *print)
{
  ps_report_draw (print->statistics, print->program_name, gtk_print_context_get_cairo_context (context),
                  gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

gboolean
ps_report_print (PsStatistics  *statistics,
                 const char    *program_name,
                 GtkWindow     *parent,
                 GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  PrintData *print = g_new0 (PrintData, 1);
  GtkPrintOperationResult result;

  g_return_val_if_fail (PS_IS_STATISTICS (statistics), FALSE);

  print->statistics = g_object_ref (statistics);
  print->program_name = g_strdup (program_name);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _("Peer Support Program Report"));
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), print,
                         (GClosureNotify) (void (*) (void)) print_data_free, 0);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                                    error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
