/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ps-context.h"
#include "ps-statistics.h"

G_BEGIN_DECLS

/* The periods offered, in the order of the period chooser. */
typedef enum
{
  PS_OVERVIEW_PERIOD_THIS_MONTH,
  PS_OVERVIEW_PERIOD_LAST_3_MONTHS,
  PS_OVERVIEW_PERIOD_THIS_YEAR,
  PS_OVERVIEW_PERIOD_ALL_TIME,
  PS_OVERVIEW_PERIOD_CUSTOM,      /* the days chosen in the view */
} PsOverviewPeriod;

#define PS_TYPE_OVERVIEW_VIEW (ps_overview_view_get_type ())
G_DECLARE_FINAL_TYPE (PsOverviewView, ps_overview_view, PS, OVERVIEW_VIEW, GtkWidget)

PsOverviewView   *ps_overview_view_new            (PsContext        *context);
PsOverviewPeriod  ps_overview_view_get_period     (PsOverviewView   *self);
void              ps_overview_view_set_period     (PsOverviewView   *self,
                                                   PsOverviewPeriod  period);
/* What is on show (NULL without a store). */
PsStatistics     *ps_overview_view_get_statistics (PsOverviewView   *self);
/* "figures" or "empty". */
const char       *ps_overview_view_get_visible_page (PsOverviewView *self);

/* A custom period, both days included; the period becomes CUSTOM. */
void              ps_overview_view_set_custom_period (PsOverviewView *self,
                                                   const GDate     *from,
                                                   const GDate     *to);

/* The days of @period ending @today, both included (CUSTOM: the last
 * twelve months, where a custom period starts). */
void              ps_overview_period_get_range    (PsOverviewPeriod  period,
                                                   const GDate      *today,
                                                   GDate            *from,
                                                   GDate            *to);

/* For tests: what the Export dialog offers, written to @file without a
 * file chooser: @what is "summary", "report" or "rows". */
gboolean          ps_overview_view_export_to_file (PsOverviewView  *self,
                                                   const char      *what,
                                                   GFile           *file,
                                                   GError         **error);
/* "71%", with the locale's spacing. */
char             *ps_overview_format_share       (double           share);
/* "1,350", grouped as the locale has it ("1 350" in French); "fewer than 5"
 * for a small count when @hide_small. */
char             *ps_overview_format_count       (guint            value,
                                                  gboolean         hide_small);

G_END_DECLS
