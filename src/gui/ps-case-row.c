/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-accessible.h"
#include "ps-case-row.h"
#include "ps-privacy.h"
#include "ps-time-format.h"
#include "ps-util.h"

#include <adwaita.h>

/* A case row draws its initials and three lines itself, at a height that
 * depends on the font and on whether the state line or the modality and
 * reason line needs a second line:
 * a search re-binds up to 200 rows, and a row of labels costs a widget, a
 * layout and a measure per line. */
struct _PsCaseRow
{
  GtkWidget    parent_instance;

  char        *title;
  char        *state;
  char        *meta;
  char        *initials;
  int          colour;      /* -1: no name, a plain disc */
  PsUrgency    urgency;

  PangoLayout *layouts[4];  /* title, state, meta, initials; made when drawn */
  int          layout_width;

  /* Made the first time the row shows a conversation in progress, and only
   * hidden when it shows another case: most rows never have one. */
  GtkWidget   *resume_button;
};

G_DEFINE_FINAL_TYPE (PsCaseRow, ps_case_row, GTK_TYPE_WIDGET)

enum { LINE_TITLE, LINE_STATE, LINE_META, LINE_INITIALS };

#define MARGIN_X 6
#define MARGIN_Y 9
#define DISC 40
#define GAP 12
#define LINE_SPACING 2
#define NATURAL_CHARS 34

static char *
describe_first_contact (const PsCaseTimeline *timeline)
{
  int days = timeline->days_to_due;

  if (!g_date_valid (&timeline->due_on))
    return g_strdup (_("Awaiting first contact"));
  if (timeline->urgency == PS_URGENCY_OVERDUE && days == 0)
    /* Overdue on the day it is due: fewer overdue days than due days. */
    return g_strdup (_("First contact overdue · due today"));
  if (timeline->urgency == PS_URGENCY_OVERDUE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "First contact overdue by %d day",
                                         "First contact overdue by %d days", -days), -days);
  if (days < 0)
    return g_strdup (_("First contact due yesterday"));
  if (days == 0)
    return g_strdup (_("First contact due today"));
  if (days == 1)
    return g_strdup (_("First contact due tomorrow"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "First contact due in %d day",
                                       "First contact due in %d days", days), days);
}

static char *
describe_next_conversation (PsCase               *item,
                            const PsCaseTimeline *timeline,
                            const PsTimelineNow  *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  const char *modality;
  GDate day;
  int days;

  if (timeline->next_at == NULL)
    {
      guint held = ps_case_get_n_completed_conversations (item);

      if (held == 0)
        return g_strdup (_("In support · no conversation planned"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "In support · %u conversation held, none planned",
                                           "In support · %u conversations held, none planned",
                                           held), held);
    }

  modality = ps_modality_to_label (ps_case_get_next_conversation_modality (item));
  if (timeline->next_timing == PS_TIMING_IN_PROGRESS)
    /* Translators: "Conversation in progress · Phone" */
    return g_strdup_printf (_("Conversation in progress · %s"), modality);
  if (timeline->next_timing == PS_TIMING_NOW)
    /* Translators: "Conversation starting now · Phone" */
    return g_strdup_printf (_("Conversation starting now · %s"), modality);

  local = g_date_time_to_timezone (timeline->next_at, g_date_time_get_timezone (now->now));
  ps_date_set_from_date_time (&day, local, NULL);
  days = g_date_days_between (&now->today, &day);

  if (days == 0)
    when = ps_format_date_time (local, _("today at %H:%M"));
  else if (days == 1)
    when = ps_format_date_time (local, _("tomorrow at %H:%M"));
  else if (days > 1 && days < 7)
    /* Translators: a weekday and a time, "Thu 14:30" */
    when = ps_format_date_time (local, _("%a %H:%M"));
  else
    /* Translators: a date and a time, "14 Nov 14:30"; see g_date_time_format() */
    when = ps_format_date_time (local, _("%-d %b %H:%M"));

  /* Its planned end has passed: no longer the next one, but one not held. */
  if (timeline->next_timing == PS_TIMING_LATE)
    return g_strdup_printf (_("Conversation was due %s · %s"), g_strstrip (when), modality);
  /* Translators: "Next conversation Thu 14:30 · Phone" */
  return g_strdup_printf (_("Next conversation %s · %s"), g_strstrip (when), modality);
}

char *
ps_case_describe_timeline (PsCase               *item,
                           const PsCaseTimeline *timeline,
                           const PsTimelineNow  *now)
{
  g_return_val_if_fail (PS_IS_CASE (item), NULL);
  g_return_val_if_fail (timeline != NULL && now != NULL, NULL);

  switch (timeline->state)
    {
    case PS_CASE_STATE_CLOSED:
      if (ps_case_get_deidentified (item))
        return g_strdup (_("Closed case (de-identified)"));
      {
        g_autofree char *status = g_utf8_strdown (ps_closure_status_to_label (ps_case_get_closure_status (item)), -1);
        /* Translators: "Closed · referred to professional resources" */
        return g_strdup_printf (_("Closed · %s"), status);
      }

    case PS_CASE_STATE_AWAITING_FIRST_CONTACT:
      return describe_first_contact (timeline);

    case PS_CASE_STATE_IN_SUPPORT:
    default:
      if (timeline->urgency == PS_URGENCY_SAFETY)
        {
          g_autofree char *next = describe_next_conversation (item, timeline, now);

          /* A sign and words, not colour alone. Translators: "⚠ Safety
           * concern · follow up · In support · no conversation planned" */
          return g_strdup_printf (_("⚠ Safety concern · follow up · %s"), next);
        }
      return describe_next_conversation (item, timeline, now);
    }
}

/* As libadwaita 1.2's .heading, body text, .caption and the initials. */
static PangoAttrList *
line_attributes (int line)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  switch (line)
    {
    case LINE_TITLE:
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_size_new (11 * PANGO_SCALE));
      break;
    case LINE_META:
      pango_attr_list_insert (attrs, pango_attr_size_new (9 * PANGO_SCALE));
      break;
    case LINE_INITIALS:
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.95));
      break;
    case LINE_STATE:
    default:
      break;
    }
  return attrs;
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             int         line,
             const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = line_attributes (line);

  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (line != LINE_INITIALS)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
    }
  /* What is due and when is the row's point: rather than lose its end, the
   * state line takes a second line; so does the reason, long in French
   * ("Épuisement professionnel ou blessure morale"), beside a Resume button. */
  if (line == LINE_STATE || line == LINE_META)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -2);
    }
  return layout;
}

/* Line heights and a character's width for the widget's font, worked out
 * once for every row that shares it. */
typedef struct
{
  PangoFontDescription *font;
  double                resolution;
  int                   heights[3];
  int                   char_width;
} Metrics;

static Metrics shared_metrics;   /* for every row: they share one font */

/* Whether the metrics were worked out for @context's font. */
static gboolean
metrics_fit (PangoContext *context)
{
  return shared_metrics.font != NULL &&
         pango_cairo_context_get_resolution (context) == shared_metrics.resolution &&
         pango_font_description_equal (pango_context_get_font_description (context), shared_metrics.font);
}

static const Metrics *
get_metrics (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);

  if (!metrics_fit (context))
    {
      const PangoFontDescription *font = pango_context_get_font_description (context);
      double resolution = pango_cairo_context_get_resolution (context);

      g_clear_pointer (&shared_metrics.font, pango_font_description_free);
      shared_metrics.font = pango_font_description_copy (font);
      shared_metrics.resolution = resolution;
      for (int line = LINE_TITLE; line <= LINE_META; line++)
        {
          g_autoptr(PangoLayout) layout = make_layout (widget, line, "Ag");
          PangoRectangle logical;

          pango_layout_get_pixel_extents (layout, NULL, &logical);
          shared_metrics.heights[line] = logical.height;
        }
      {
        PangoFontMetrics *font_metrics = pango_context_get_metrics (context, font, NULL);

        shared_metrics.char_width = PANGO_PIXELS (pango_font_metrics_get_approximate_char_width (font_metrics));
        pango_font_metrics_unref (font_metrics);
      }
    }
  return &shared_metrics;
}

/* The lines of the state and of the modality and reason: 1, or 2 when one
 * wraps. */
typedef struct
{
  int state;
  int meta;
} Lines;

static int
text_height (const Metrics *metrics,
             Lines          lines)
{
  return metrics->heights[LINE_TITLE] + lines.state * metrics->heights[LINE_STATE] +
         lines.meta * metrics->heights[LINE_META] + 2 * LINE_SPACING;
}

static int
row_height (const Metrics *metrics,
            Lines          lines)
{
  return 2 * MARGIN_Y + MAX (DISC, text_height (metrics, lines));
}

static void
clear_layouts (PsCaseRow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->layouts); i++)
    g_clear_object (&self->layouts[i]);
}

static const char *
line_text (PsCaseRow *self,
           int        line)
{
  const char *text[] = { self->title, self->state, self->meta, self->initials };

  return text[line] != NULL ? text[line] : "";
}

static void
ensure_layouts (PsCaseRow *self,
                int        width)
{
  for (int line = LINE_TITLE; line <= LINE_INITIALS; line++)
    {
      gboolean made = self->layouts[line] == NULL;

      if (made)
        self->layouts[line] = make_layout (GTK_WIDGET (self), line, line_text (self, line));
      if (line != LINE_INITIALS && (made || self->layout_width != width))
        pango_layout_set_width (self->layouts[line], MAX (width, 1) * PANGO_SCALE);
    }
  self->layout_width = width;
}

static gboolean
has_resume (PsCaseRow *self)
{
  return self->resume_button != NULL && gtk_widget_get_visible (self->resume_button);
}

/* The Resume button's width and the gap before it, or 0 without one. */
static int
resume_space (PsCaseRow *self)
{
  int natural = 0;

  if (!has_resume (self))
    return 0;
  gtk_widget_measure (self->resume_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural + GAP;
}

static int
text_width (PsCaseRow *self,
            int        width)
{
  return width - 2 * MARGIN_X - DISC - GAP - resume_space (self);
}

/* The lines a row's @height was measured for: the tallest that fit in it,
 * or @needed when they are as tall. */
static Lines
room_for (const Metrics *metrics,
          int            height,
          Lines          needed)
{
  static const Lines all[] = { { 1, 1 }, { 1, 2 }, { 2, 1 }, { 2, 2 } };
  Lines room = all[0];

  for (guint i = 1; i < G_N_ELEMENTS (all); i++)
    if (row_height (metrics, all[i]) <= height &&
        row_height (metrics, all[i]) > row_height (metrics, room))
      room = all[i];
  return row_height (metrics, needed) == row_height (metrics, room) ? needed : room;
}

static Lines
text_lines (PsCaseRow *self,
            int        width)
{
  ensure_layouts (self, text_width (self, width));
  pango_layout_set_height (self->layouts[LINE_STATE], -2);
  pango_layout_set_height (self->layouts[LINE_META], -2);
  return (Lines) { CLAMP (pango_layout_get_line_count (self->layouts[LINE_STATE]), 1, 2),
                   CLAMP (pango_layout_get_line_count (self->layouts[LINE_META]), 1, 2) };
}

static void
ps_case_row_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  const Metrics *metrics = get_metrics (widget);
  PsCaseRow *self = PS_CASE_ROW (widget);
  int button_height = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int extra = resume_space (self);

      *minimum = 2 * MARGIN_X + DISC + GAP + 4 * metrics->char_width + extra;
      *natural = 2 * MARGIN_X + DISC + GAP + NATURAL_CHARS * metrics->char_width + extra;
    }
  else
    {
      Lines lines = for_size < 0 ? (Lines) { 1, 1 } : text_lines (self, for_size);

      if (has_resume (self))
        gtk_widget_measure (self->resume_button, GTK_ORIENTATION_VERTICAL, -1, NULL,
                            &button_height, NULL, NULL);
      *minimum = *natural = MAX (row_height (metrics, lines), 2 * MARGIN_Y + button_height);
    }
}

/* The Resume button at the end edge, centred; the text gives way to it. */
static void
ps_case_row_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  PsCaseRow *self = PS_CASE_ROW (widget);
  int button_width, button_height = 0;
  gboolean rtl;

  if (!has_resume (self))
    return;
  button_width = resume_space (self) - GAP;
  gtk_widget_measure (self->resume_button, GTK_ORIENTATION_VERTICAL, button_width, NULL,
                      &button_height, NULL, NULL);
  rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  gtk_widget_size_allocate (self->resume_button,
                            &(GtkAllocation) { rtl ? MARGIN_X : width - MARGIN_X - button_width,
                                               (height - button_height) / 2,
                                               button_width, button_height }, -1);
}

static GtkSizeRequestMode
ps_case_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Six of AdwAvatar's colours, top and bottom of the gradient, and the
 * letters' colour: not its yellows, on which the letters are barely seen. */
static const char *disc_colours[][3] = {
  { "#83b6ec", "#337fdc", "#cfe1f5" },
  { "#7ad9f1", "#0f9ac8", "#caeaf2" },
  { "#8de6b1", "#29ae74", "#cef8d8" },
  { "#9e91e8", "#7a59ca", "#e4e1fa" },
  { "#e973ab", "#e33b6a", "#fbd3e1" },
  { "#cb78d4", "#9945b5", "#efd7f2" },
};

static void
snapshot_disc (PsCaseRow      *self,
               GtkSnapshot    *snapshot,
               const GdkRGBA  *fg,
               float           x,
               float           y)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x, y, DISC, DISC);
  GskRoundedRect round;
  PangoRectangle logical;
  GdkRGBA letters;

  gsk_rounded_rect_init_from_rect (&round, &bounds, DISC / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &round);
  if (self->colour >= 0)
    {
      GskColorStop stops[2] = { { 0, { 0 } }, { 1, { 0 } } };

      gdk_rgba_parse (&stops[0].color, disc_colours[self->colour][0]);
      gdk_rgba_parse (&stops[1].color, disc_colours[self->colour][1]);
      gdk_rgba_parse (&letters, disc_colours[self->colour][2]);
      gtk_snapshot_append_linear_gradient (snapshot, &bounds,
                                           &GRAPHENE_POINT_INIT (x, y),
                                           &GRAPHENE_POINT_INIT (x, y + DISC),
                                           stops, G_N_ELEMENTS (stops));
    }
  else
    {
      GdkRGBA plain = *fg;

      plain.alpha *= 0.12;
      gtk_snapshot_append_color (snapshot, &plain, &bounds);
      letters = *fg;
      letters.alpha *= 0.55;
    }
  gtk_snapshot_pop (snapshot);

  if (self->initials == NULL || self->initials[0] == '\0')
    return;
  pango_layout_get_pixel_extents (self->layouts[LINE_INITIALS], NULL, &logical);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + (DISC - logical.width) / 2.0f - logical.x,
                                                          y + (DISC - logical.height) / 2.0f - logical.y));
  gtk_snapshot_append_layout (snapshot, self->layouts[LINE_INITIALS], &letters);
  gtk_snapshot_restore (snapshot);
}

static void
ps_case_row_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  PsCaseRow *self = PS_CASE_ROW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  const Metrics *metrics = get_metrics (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  Lines lines = text_lines (self, width);
  Lines room = room_for (metrics, height, lines);
  float dim = adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) ? 0.9f : 0.55f;
  GdkRGBA fg, dimmed, state_colour;
  float text_x, y;

  gtk_style_context_get_color (style, &fg);
  dimmed = fg;
  dimmed.alpha *= dim;
  if ((self->urgency == PS_URGENCY_OVERDUE || self->urgency == PS_URGENCY_SAFETY) &&
      gtk_style_context_lookup_color (style, "error_color", &state_colour))
    ;
  else if (self->urgency == PS_URGENCY_DUE_SOON &&
           gtk_style_context_lookup_color (style, "ps_due_soon_color", &state_colour))   /* style.css */
    ;
  else
    state_colour = dimmed;

  snapshot_disc (self, snapshot, &fg, rtl ? width - MARGIN_X - DISC : MARGIN_X, (height - DISC) / 2.0f);

  /* Re-bound in place (a search re-binds 200 rows), a row keeps its height
   * without laying out its text: one shown whose state line or reason now
   * needs another number of lines is measured again, for the next frame. */
  if (row_height (metrics, lines) != row_height (metrics, room))
    {
      gtk_widget_queue_resize (widget);
      lines.state = MIN (lines.state, room.state);
      lines.meta = MIN (lines.meta, room.meta);
      pango_layout_set_height (self->layouts[LINE_STATE], -lines.state);
      pango_layout_set_height (self->layouts[LINE_META], -lines.meta);
    }

  text_x = rtl ? MARGIN_X + resume_space (self) : MARGIN_X + DISC + GAP;
  y = (height - text_height (metrics, lines)) / 2.0f;
  for (int line = LINE_TITLE; line <= LINE_META; line++)
    {
      const GdkRGBA *colour = line == LINE_TITLE ? &fg : line == LINE_STATE ? &state_colour : &dimmed;

      pango_layout_set_alignment (self->layouts[line], rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (text_x, y));
      gtk_snapshot_append_layout (snapshot, self->layouts[line], colour);
      gtk_snapshot_restore (snapshot);
      y += (line == LINE_STATE ? lines.state : line == LINE_META ? lines.meta : 1) *
           metrics->heights[line] + LINE_SPACING;
    }
  if (has_resume (self))
    gtk_widget_snapshot_child (widget, self->resume_button, snapshot);
}

/* A new font (or text size) makes new layouts and a new height; a new
 * colour (dark style, hover, selection) only a new drawing, read in
 * snapshot. Every row shares the font the metrics were worked out for. */
static void
ps_case_row_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  PsCaseRow *self = PS_CASE_ROW (widget);
  PangoContext *context;

  GTK_WIDGET_CLASS (ps_case_row_parent_class)->css_changed (widget, change);

  context = gtk_widget_get_pango_context (widget);
  if (metrics_fit (context))
    {
      gtk_widget_queue_draw (widget);
      return;
    }
  if (self->layouts[LINE_TITLE] != NULL && pango_layout_get_context (self->layouts[LINE_TITLE]) == context)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->layouts); i++)
        pango_layout_context_changed (self->layouts[i]);
    }
  else
    clear_layouts (self);
  gtk_widget_queue_resize (widget);
}

static void
ps_case_row_system_setting_changed (GtkWidget        *widget,
                                    GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (ps_case_row_parent_class)->system_setting_changed (widget, setting);

  clear_layouts (PS_CASE_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
ps_case_row_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous)
{
  clear_layouts (PS_CASE_ROW (widget));
  gtk_widget_queue_draw (widget);
}

static void
ps_case_row_dispose (GObject *object)
{
  PsCaseRow *self = PS_CASE_ROW (object);

  g_clear_pointer (&self->resume_button, gtk_widget_unparent);

  G_OBJECT_CLASS (ps_case_row_parent_class)->dispose (object);
}

static void
ps_case_row_finalize (GObject *object)
{
  PsCaseRow *self = PS_CASE_ROW (object);

  clear_layouts (self);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->meta, g_free);
  g_clear_pointer (&self->initials, g_free);

  G_OBJECT_CLASS (ps_case_row_parent_class)->finalize (object);
}

static void
ps_case_row_class_init (PsCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_case_row_dispose;
  object_class->finalize = ps_case_row_finalize;
  widget_class->measure = ps_case_row_measure;
  widget_class->size_allocate = ps_case_row_size_allocate;
  widget_class->get_request_mode = ps_case_row_get_request_mode;
  widget_class->snapshot = ps_case_row_snapshot;
  widget_class->css_changed = ps_case_row_css_changed;
  widget_class->system_setting_changed = ps_case_row_system_setting_changed;
  widget_class->direction_changed = ps_case_row_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "case-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ps_case_row_init (PsCaseRow *self)
{
  self->colour = -1;
  self->urgency = PS_URGENCY_NONE;
}

GtkWidget *
ps_case_row_new (void)
{
  return g_object_new (PS_TYPE_CASE_ROW, NULL);
}

/* Up to two letters ("AP" for "Dr. Ada Placeholder", from "A. P.") */
static char *
two_initials (const char *name)
{
  g_autofree char *initials = ps_privacy_initials (name);
  GString *letters = g_string_new (NULL);
  guint n = 0;

  for (const char *p = initials; p != NULL && *p != '\0' && n < 2; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      {
        g_string_append_unichar (letters, g_utf8_get_char (p));
        n++;
      }
  return g_string_free (letters, FALSE);
}

static void
set_line (PsCaseRow  *self,
          int         line,
          char      **field,
          char       *text)
{
  g_free (*field);
  *field = text;
  if (self->layouts[line] != NULL)
    pango_layout_set_text (self->layouts[line], line_text (self, line), -1);
}

/* A conversation in progress is resumed from its row, in one click: a
 * plain button, as the page beside the list has the window's one suggested
 * action. */
static void
set_resume (PsCaseRow *self,
            PsCase    *item,
            gboolean   in_progress)
{
  if (!in_progress)
    {
      if (has_resume (self))
        {
          gtk_widget_set_visible (self->resume_button, FALSE);
          gtk_widget_queue_resize (GTK_WIDGET (self));
        }
      return;
    }

  if (self->resume_button == NULL)
    {
      /* No underlined letter: the list may hold several, and the case
       * page's header has Resume's. */
      self->resume_button = gtk_button_new_with_label (_("Resume"));
      gtk_widget_set_valign (self->resume_button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (self->resume_button, _("Carry on with the conversation in progress"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->resume_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Resume Conversation"), -1);
      /* The target first: the action takes the case's id. */
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->resume_button),
                                              g_variant_new_int64 (ps_case_get_id (item)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->resume_button),
                                      "caseload.resume-conversation");
      gtk_widget_set_parent (self->resume_button, GTK_WIDGET (self));
    }
  else
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->resume_button),
                                            g_variant_new_int64 (ps_case_get_id (item)));
  if (!gtk_widget_get_visible (self->resume_button))
    {
      gtk_widget_set_visible (self->resume_button, TRUE);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

/* The Resume button when the row shows one, else NULL (for tests). */
GtkWidget *
ps_case_row_get_resume_button (PsCaseRow *self)
{
  g_return_val_if_fail (PS_IS_CASE_ROW (self), NULL);
  return has_resume (self) ? self->resume_button : NULL;
}

void
ps_case_row_bind (PsCaseRow *self,
                  PsCase    *item,
                  GDateTime *now_local,
                  int        due_days,
                  int        overdue_days,
                  gboolean   privacy_mode)
{
  g_autofree char *description = NULL;
  PsTimelineNow now;
  PsCaseTimeline timeline;
  char *name;

  g_return_if_fail (PS_IS_CASE_ROW (self));
  g_return_if_fail (PS_IS_CASE (item));

  ps_timeline_now_init (&now, now_local, due_days, overdue_days);
  ps_case_timeline_init (&timeline, item, &now);

  name = ps_privacy_display_name (ps_case_get_display_name (item), privacy_mode);
  set_line (self, LINE_TITLE, &self->title, name);
  set_line (self, LINE_STATE, &self->state, ps_case_describe_timeline (item, &timeline, &now));
  set_line (self, LINE_META, &self->meta,
            g_strdup_printf ("%s · %s",
                             ps_modality_to_label (ps_case_get_modality (item)),
                             ps_reason_to_label (ps_case_get_reason (item))));
  if (ps_case_get_deidentified (item) || ps_case_get_display_name (item) == NULL)
    {
      set_line (self, LINE_INITIALS, &self->initials, NULL);
      self->colour = -1;
    }
  else
    {
      set_line (self, LINE_INITIALS, &self->initials, two_initials (name));
      /* From the name as shown: privacy mode does not hint at the full name. */
      self->colour = g_str_hash (name) % G_N_ELEMENTS (disc_colours);
    }
  self->urgency = timeline.urgency;
  set_resume (self, item, timeline.next_timing == PS_TIMING_IN_PROGRESS &&
                          timeline.state != PS_CASE_STATE_CLOSED);

  /* A screen reader hears the name, then the state line and the rest. */
  description = g_strdup_printf ("%s, %s", self->state, self->meta);
  ps_accessible_label_list_row (GTK_WIDGET (self), self->title, description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ps_case_row_unbind (PsCaseRow *self)
{
  g_return_if_fail (PS_IS_CASE_ROW (self));

  set_line (self, LINE_TITLE, &self->title, NULL);
  set_line (self, LINE_STATE, &self->state, NULL);
  set_line (self, LINE_META, &self->meta, NULL);
  set_line (self, LINE_INITIALS, &self->initials, NULL);
  self->colour = -1;
  if (has_resume (self))
    {
      gtk_widget_set_visible (self->resume_button, FALSE);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
ps_case_row_get_title (PsCaseRow *self)
{
  g_return_val_if_fail (PS_IS_CASE_ROW (self), NULL);
  return self->title != NULL ? self->title : "";
}

const char *
ps_case_row_get_state_line (PsCaseRow *self)
{
  g_return_val_if_fail (PS_IS_CASE_ROW (self), NULL);
  return self->state != NULL ? self->state : "";
}

static gboolean
line_cut (PsCaseRow *self,
          int        line)
{
  return self->layouts[line] != NULL && pango_layout_is_ellipsized (self->layouts[line]);
}

/* For widget tests: whether the state line as drawn ends in "…". */
gboolean
ps_case_row_get_state_line_cut (PsCaseRow *self)
{
  g_return_val_if_fail (PS_IS_CASE_ROW (self), FALSE);
  return line_cut (self, LINE_STATE);
}

/* For widget tests: whether the modality and reason line as drawn ends in "…". */
gboolean
ps_case_row_get_meta_line_cut (PsCaseRow *self)
{
  g_return_val_if_fail (PS_IS_CASE_ROW (self), FALSE);
  return line_cut (self, LINE_META);
}
