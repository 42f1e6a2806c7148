/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-small-counts.h"

gboolean
ps_small_count_is_small (guint value)
{
  return value > 0 && value < PS_SMALL_COUNT_BELOW;
}

gboolean
ps_small_counts_suppress (const guint *values,
                          guint        n,
                          gboolean    *hidden)
{
  guint n_hidden = 0;
  guint hidden_sum = 0;

  g_return_val_if_fail (n == 0 || (values != NULL && hidden != NULL), FALSE);

  for (guint i = 0; i < n; i++)
    {
      hidden[i] = ps_small_count_is_small (values[i]);
      if (hidden[i])
        {
          n_hidden++;
          hidden_sum += values[i];
        }
    }
  if (n_hidden == 0)
    return FALSE;

  /* The total minus the cells shown gives the hidden cells' sum: hide the
   * next smallest until that sum says nothing about any one of them. */
  while (n_hidden < 2 || hidden_sum < PS_SMALL_COUNT_BELOW)
    {
      guint smallest = G_MAXUINT;

      for (guint i = 0; i < n; i++)
        if (!hidden[i] && values[i] > 0 && (smallest == G_MAXUINT || values[i] < values[smallest]))
          smallest = i;
      if (smallest == G_MAXUINT)
        return TRUE;
      hidden[smallest] = TRUE;
      n_hidden++;
      hidden_sum += values[smallest];
    }
  return FALSE;
}

char *
ps_small_count_format (guint       value,
                       gboolean    suppress,
                       const char *fewer)
{
  if (suppress && ps_small_count_is_small (value))
    return g_strdup (fewer);
  return g_strdup_printf ("%u", value);
}
