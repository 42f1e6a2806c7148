/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ps-statistics.h"

G_BEGIN_DECLS

/* The one-page report for the program coordinator: the period's figures and
 * charts, the program's name, and nothing that points at anyone — no
 * names, no contacts, no date finer than a week, and every count from 1 to
 * 4 written "fewer than 5". Drawn with cairo, for a PDF or a printer. */

/* Draws the page on @cr, @width by @height points. */
void      ps_report_draw       (PsStatistics  *statistics,
                                const char    *program_name,
                                cairo_t       *cr,
                                double         width,
                                double         height);
/* An A4 PDF of one page, written atomically with mode 0600. */
gboolean  ps_report_write_pdf  (PsStatistics  *statistics,
                                const char    *program_name,
                                GFile         *file,
                                GError       **error);
/* The print dialog, then the page. */
gboolean  ps_report_print      (PsStatistics  *statistics,
                                const char    *program_name,
                                GtkWindow     *parent,
                                GError       **error);

G_END_DECLS
