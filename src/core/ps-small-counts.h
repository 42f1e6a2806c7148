/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small-count suppression, as public-health reporting does it: a count from
 * 1 to PS_SMALL_COUNT_BELOW - 1 could point at a person in a small
 * department, so it is written "fewer than 5"; zero is not small. */
#define PS_SMALL_COUNT_BELOW 5

gboolean  ps_small_count_is_small  (guint           value);

/* A breakdown whose @n cells add up to a total: marks in @hidden the small
 * cells, then as many more of the smallest as it takes (complementary
 * suppression) so that the total cannot give a hidden cell away — at least
 * two hidden, adding up to PS_SMALL_COUNT_BELOW or more. Returns TRUE when
 * even that is not enough and the total must be withheld too. */
gboolean  ps_small_counts_suppress (const guint    *values,
                                    guint           n,
                                    gboolean       *hidden);

/* "12", or the @fewer text for a small count. */
char     *ps_small_count_format    (guint           value,
                                    gboolean        suppress,
                                    const char     *fewer);

G_END_DECLS
