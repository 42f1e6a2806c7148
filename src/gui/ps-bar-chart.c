/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A small horizontal bar chart drawn with GtkSnapshot. Colours are looked
 * up from the style (Adwaita's named colours) at every draw, so switching
 * between light and dark only needs a redraw. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ps-bar-chart.h"
#include "ps-small-counts.h"

#define BAR_HEIGHT     12
#define LABEL_GAP      4    /* between a label and its bar */
#define ROW_SPACING    12
#define VALUE_GAP      8    /* between a bar's end and its value */
#define MIN_BAR_WIDTH  3    /* a non-zero value stays visible */

typedef struct
{
  char  *label;
  guint  value;
} Bar;

struct _PsBarChart
{
  GtkWidget  parent_instance;

  char      *title;
  GArray    *bars;          /* Bar, in the order shown */
  char      *description;
  gboolean   sorted;        /* by value, largest first */
  gboolean   hide_small;    /* 1 to 4 shown as "fewer than 5" */
};

G_DEFINE_FINAL_TYPE (PsBarChart, ps_bar_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_clear_pointer (&bar->label, g_free);
}

static gboolean
is_hidden (PsBarChart *self,
           guint       value)
{
  return self->hide_small && ps_small_count_is_small (value);
}

/* What is written beside a bar, and read out. */
static char *
value_text (PsBarChart *self,
            guint       value)
{
  /* Translators: a small count hidden on screen (a setting) */
  return ps_small_count_format (value, self->hide_small, _("fewer than 5"));
}

static void
update_accessible (PsBarChart *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *value = value_text (self, bar->value);

      if (i > 0)
        /* Translators: between the values of a chart read by a screen reader */
        g_string_append (text, _(", "));

      /* Translators: one bar of a chart for screen readers, e.g. "Burnout or moral injury: 4" */
      g_string_append_printf (text, _("%s: %s"), bar->label, value);
    }

  g_free (self->description);
  self->description = g_string_free (text, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static PangoLayout *
make_layout (PsBarChart *self,
             const char *text,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (bold)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
    }
  return layout;
}

static int
line_height (PsBarChart *self)
{
  g_autoptr(PangoLayout) layout = make_layout (self, "Ag", FALSE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static int
max_value_width (PsBarChart *self)
{
  int widest = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      g_autofree char *text = value_text (self, g_array_index (self->bars, Bar, i).value);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

static void
ps_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PsBarChart *self = PS_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 320;
    }
  else
    {
      guint n = self->bars->len;
      int row = line_height (self) + LABEL_GAP + BAR_HEIGHT;

      *minimum = *natural = n > 0 ? (int)n * row + (int)(n - 1) * ROW_SPACING : 0;
    }
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *out)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
}

static void
ps_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PsBarChart *self = PS_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int label_height = line_height (self);
  int value_width = max_value_width (self);
  int track_width = MAX (width - value_width - VALUE_GAP, MIN_BAR_WIDTH);
  guint max_value = 0;
  GdkRGBA fg, bar_color, track_color;
  int y = 0;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent_bg_color", "#3584e4", &bar_color);
  track_color = fg;
  track_color.alpha *= 0.08f;

  for (guint i = 0; i < self->bars->len; i++)
    max_value = MAX (max_value, g_array_index (self->bars, Bar, i).value);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) label = make_layout (self, bar->label, FALSE);
      g_autofree char *text = value_text (self, bar->value);
      g_autoptr(PangoLayout) value = make_layout (self, text, TRUE);
      /* A hidden count is drawn as long as the largest it could be. */
      guint drawn = is_hidden (self, bar->value) ? PS_SMALL_COUNT_BELOW - 1 : bar->value;
      int bar_y = y + label_height + LABEL_GAP;
      int bar_width = 0;
      int value_height;
      GskRoundedRect rounded;

      pango_layout_set_width (label, width * PANGO_SCALE);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
      gtk_snapshot_append_layout (snapshot, label, &fg);
      gtk_snapshot_restore (snapshot);

      /* The track shows the scale; the bar, the share of the largest value. */
      gsk_rounded_rect_init_from_rect (&rounded,
                                       &GRAPHENE_RECT_INIT (0, bar_y, track_width, BAR_HEIGHT),
                                       BAR_HEIGHT / 2.f);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &track_color, &rounded.bounds);
      gtk_snapshot_pop (snapshot);

      if (drawn > 0 && max_value > 0)
        {
          bar_width = MAX ((int)((double)track_width * drawn / MAX (max_value, drawn)),
                           MIN_BAR_WIDTH);
          gsk_rounded_rect_init_from_rect (&rounded,
                                           &GRAPHENE_RECT_INIT (0, bar_y, bar_width, BAR_HEIGHT),
                                           BAR_HEIGHT / 2.f);
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, &bar_color, &rounded.bounds);
          gtk_snapshot_pop (snapshot);
        }

      pango_layout_get_pixel_size (value, NULL, &value_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (track_width + VALUE_GAP,
                                                    bar_y + (BAR_HEIGHT - value_height) / 2.f));
      gtk_snapshot_append_layout (snapshot, value, &fg);
      gtk_snapshot_restore (snapshot);

      y = bar_y + BAR_HEIGHT + ROW_SPACING;
    }
}

static void
ps_bar_chart_dispose (GObject *object)
{
  PsBarChart *self = (PsBarChart *)object;

  g_clear_pointer (&self->bars, g_array_unref);

  G_OBJECT_CLASS (ps_bar_chart_parent_class)->dispose (object);
}

static void
ps_bar_chart_finalize (GObject *object)
{
  PsBarChart *self = (PsBarChart *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (ps_bar_chart_parent_class)->finalize (object);
}

static void
ps_bar_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PsBarChart *self = PS_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_bar_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PsBarChart *self = PS_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      ps_bar_chart_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_bar_chart_class_init (PsBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_bar_chart_dispose;
  object_class->finalize = ps_bar_chart_finalize;
  object_class->get_property = ps_bar_chart_get_property;
  object_class->set_property = ps_bar_chart_set_property;
  widget_class->measure = ps_bar_chart_measure;
  widget_class->snapshot = ps_bar_chart_snapshot;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ps_bar_chart_init (PsBarChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->description = g_strdup ("");

  /* The accent colour is not part of this widget's own style. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

void
ps_bar_chart_set_title (PsBarChart *self,
                        const char *title)
{
  g_return_if_fail (PS_IS_BAR_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Largest first; equal values — and hidden small ones, which must not
 * give their order away — keep the order they were given in. */
static int
compare_bars (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  PsBarChart *self = user_data;
  const Bar *ba = a, *bb = b;
  guint va = is_hidden (self, ba->value) ? 1 : ba->value;
  guint vb = is_hidden (self, bb->value) ? 1 : bb->value;

  return (vb > va) - (vb < va);
}

static void
update (PsBarChart *self)
{
  /* An insertion sort: stable, unlike g_array_sort, and a handful of bars. */
  for (guint i = 1; self->sorted && i < self->bars->len; i++)
    {
      Bar moved = g_array_index (self->bars, Bar, i);
      guint j = i;

      for (; j > 0 && compare_bars (&g_array_index (self->bars, Bar, j - 1), &moved, self) > 0; j--)
        g_array_index (self->bars, Bar, j) = g_array_index (self->bars, Bar, j - 1);
      g_array_index (self->bars, Bar, j) = moved;
    }
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ps_bar_chart_set_bars (PsBarChart         *self,
                       const char * const *labels,
                       const guint        *values,
                       guint               n_bars)
{
  g_return_if_fail (PS_IS_BAR_CHART (self));
  g_return_if_fail (n_bars == 0 || (labels != NULL && values != NULL));

  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < n_bars; i++)
    {
      Bar bar = { g_strdup (labels[i]), values[i] };

      g_array_append_val (self->bars, bar);
    }
  update (self);
}

void
ps_bar_chart_set_sorted (PsBarChart *self,
                         gboolean    sorted)
{
  g_return_if_fail (PS_IS_BAR_CHART (self));
  self->sorted = !!sorted;
  update (self);
}

void
ps_bar_chart_set_hide_small_counts (PsBarChart *self,
                                    gboolean    hide)
{
  g_return_if_fail (PS_IS_BAR_CHART (self));
  if (self->hide_small == !!hide)
    return;
  self->hide_small = !!hide;
  update (self);
}

const char *
ps_bar_chart_get_label (PsBarChart *self,
                        guint       position)
{
  g_return_val_if_fail (PS_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (position < self->bars->len, NULL);
  return g_array_index (self->bars, Bar, position).label;
}

guint
ps_bar_chart_get_n_bars (PsBarChart *self)
{
  g_return_val_if_fail (PS_IS_BAR_CHART (self), 0);
  return self->bars->len;
}

guint
ps_bar_chart_get_value (PsBarChart *self,
                        guint       position)
{
  g_return_val_if_fail (PS_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (position < self->bars->len, 0);
  return g_array_index (self->bars, Bar, position).value;
}

const char *
ps_bar_chart_get_description (PsBarChart *self)
{
  g_return_val_if_fail (PS_IS_BAR_CHART (self), NULL);
  return self->description;
}
