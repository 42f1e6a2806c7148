/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The agenda. What is to come, in order: conversations still to hold
 * (PsConversation) and first contacts still to make (PsCase, the case
 * awaiting it), sorted into one list store per group. Each group is a boxed
 * list of its first entries; a long one ends with a "Show All" row that
 * opens the whole group on a page of its own, a GtkListView, so a caseload
 * with thousands of entries makes a few dozen rows, not thousands. The store
 * is asked again after each change; the minute timer, which runs only while
 * the view is shown, only sorts what it has again. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ps-accessible.h"
#include "ps-case-row.h"
#include "ps-export-dialog.h"
#include "ps-group-debrief-dialog.h"
#include "ps-privacy.h"
#include "ps-case-timeline.h"
#include "ps-schedule-view-private.h"
#include "ps-store-groups.h"
#include "ps-time-format.h"
#include "ps-util.h"

/* A group lists this many entries at most before its "Show All" row, and
 * all of them when only a few more would be hidden. The overdue come first
 * and must not push today off the screen. */
#define PREVIEW_OVERDUE 5
#define PREVIEW         10
#define PREVIEW_SLACK   2

typedef struct
{
  PsScheduleView      *view;
  PsScheduleGroup      group;
  GtkWidget           *pref_group;
  GtkListBox          *list_box;
  GListStore          *items;      /* the group's entries, in order */
  GtkSliceListModel   *preview;    /* the first of them */
  GListStore          *more;       /* the "Show All" marker, when long */
  GObject             *marker;
  GtkFlattenListModel *rows;       /* what the list box shows */
  GArray              *shown;      /* Shown: what the items were made from */
} Group;

/* An item as its row was made: a conversation's row changes when it can
 * start, when it starts and when it is over. */
typedef struct
{
  GObject  *item;                  /* borrowed from the group's items */
  PsTiming  timing;
} Shown;

struct _PsScheduleView
{
  GtkWidget       parent_instance;

  PsContext      *context;
  PsStore        *store;

  /* Read once per refresh. */
  GDateTime      *now;           /* local */
  GDate           today;
  PsTimelineNow   timeline_now;  /* borrows now */
  int             days_to_end_of_week;   /* from today */
  gboolean        privacy;

  GPtrArray      *gathered;      /* what the store gave at the last change */
  GtkFlattenListModel *entries;  /* the groups' items, in agenda order */
  gboolean        dirty;         /* the store changed while hidden: ask it all again */
  GArray         *touched;       /* gint64: the cases changed since, when not dirty */
  GDate           shown_day;     /* the day the rows were made on */
  guint           tick_id;
  Group           groups[PS_SCHEDULE_N_GROUPS];
  Group          *page_group;    /* the group shown whole, or NULL */
  GtkNoSelection *page_selection;

  GtkWidget      *box;
  GtkWidget      *group_back_button;
  AdwWindowTitle *window_title;
  GtkMenuButton  *menu_button;
  GtkStack       *stack;
  GtkBox         *groups_box;
  GtkScrolledWindow *group_scroller;
  GtkListView    *group_list;
};

G_DEFINE_FINAL_TYPE (PsScheduleView, ps_schedule_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MENU_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_CASE,
  START_CONVERSATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Where an entry goes ------------------------------------------------------ */

typedef struct
{
  PsScheduleGroup group;
  gint64          instant;       /* µs since the epoch, for the order */
  PsTiming        timing;        /* a conversation's */
  GDate           due_on;        /* a first contact's */
  gboolean        overdue;
} Placement;

static int
days_from_today (PsScheduleView *self,
                 GDateTime      *instant)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (instant, g_date_time_get_timezone (self->now));
  GDate day;

  ps_date_set_from_date_time (&day, local, NULL);
  return g_date_days_between (&self->today, &day);
}

/* The days left in this week after tomorrow: weeks end the day before the
 * locale's first, Saturday in en_US and Sunday in fr_FR. */
static PsScheduleGroup
group_for_days (PsScheduleView *self,
                int             days)
{
  if (days <= 0)
    return PS_SCHEDULE_GROUP_TODAY;
  if (days == 1)
    return PS_SCHEDULE_GROUP_TOMORROW;
  if (days <= self->days_to_end_of_week)
    return PS_SCHEDULE_GROUP_THIS_WEEK;
  return PS_SCHEDULE_GROUP_LATER;
}

/* A conversation or a group debrief, by its timing. */
static void
place_meeting (PsScheduleView *self,
               GDateTime      *start,
               PsTiming        timing,
               Placement      *out)
{
  out->instant = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  out->timing = timing;
  g_date_clear (&out->due_on, 1);
  if (out->timing == PS_TIMING_LATE)
    {
      out->group = PS_SCHEDULE_GROUP_OVERDUE;
      out->overdue = TRUE;
      return;
    }
  out->group = group_for_days (self, days_from_today (self, start));
}

static void
place (PsScheduleView *self,
       GObject        *item,
       Placement      *out)
{
  memset (out, 0, sizeof *out);

  if (PS_IS_CONVERSATION (item))
    {
      PsConversation *conversation = PS_CONVERSATION (item);
      GDateTime *start = ps_conversation_get_starts_at (conversation);

      place_meeting (self, start, ps_timeline_conversation_timing (&self->timeline_now, conversation),
                     out);
    }
  else if (PS_IS_GROUP_DEBRIEF (item))
    {
      PsGroupDebrief *debrief = PS_GROUP_DEBRIEF (item);
      GDateTime *start = ps_group_debrief_get_starts_at (debrief);

      /* The same rule as a conversation's: one timeline. */
      place_meeting (self, start,
                     ps_timeline_timing (&self->timeline_now, ps_group_debrief_get_state (debrief),
                                         start, ps_group_debrief_get_minutes (debrief)),
                     out);
    }
  else
    {
      PsCase *kase = PS_CASE (item);
      g_autoptr(GDateTime) morning = NULL;
      PsCaseTimeline timeline;
      GDate day;

      ps_case_timeline_init (&timeline, kase, &self->timeline_now);
      /* Its first contact, or the follow-up of a safety concern. */
      out->due_on = timeline.state == PS_CASE_STATE_AWAITING_FIRST_CONTACT ? timeline.due_on
                                                                          : timeline.follow_up_by;
      /* Without a request date, among today's. */
      day = g_date_valid (&out->due_on) ? out->due_on : self->today;
      /* Where its reminder stands in the day. */
      morning = ps_timeline_morning (&day, 0, g_date_time_get_timezone (self->now));
      out->instant = g_date_time_to_unix (morning) * G_USEC_PER_SEC;
      if (timeline.urgency == PS_URGENCY_OVERDUE ||
          (timeline.urgency == PS_URGENCY_SAFETY && g_date_valid (&out->due_on) &&
           g_date_compare (&self->today, &out->due_on) > 0))
        {
          out->group = PS_SCHEDULE_GROUP_OVERDUE;
          out->overdue = TRUE;
          return;
        }
      out->group = group_for_days (self, g_date_days_between (&self->today, &day));
    }
}

/* Rows --------------------------------------------------------------------- */

static PsCase *
case_of (PsScheduleView *self,
         GObject        *item)
{
  if (PS_IS_CASE (item))
    return PS_CASE (item);
  if (PS_IS_GROUP_DEBRIEF (item))
    return NULL;
  return self->store != NULL
    ? ps_store_lookup_case (self->store, ps_conversation_get_case_id (PS_CONVERSATION (item)))
    : NULL;
}

static const char *
modality_icon (PsModality modality)
{
  switch (modality)
    {
    case PS_MODALITY_PHONE:     return "call-start-symbolic";
    case PS_MODALITY_VIDEO:     return "camera-web-symbolic";
    case PS_MODALITY_IN_PERSON:
    default:                    return "system-users-symbolic";
    }
}

static char *
format_local (PsScheduleView *self,
              GDateTime      *instant,
              const char     *format)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (instant, g_date_time_get_timezone (self->now));

  return ps_format_date_time (local, format);
}

/* A long-used caseload can hold entries of another year: those say it. */
static char *
format_day (PsScheduleView *self,
            const GDate    *day)
{
  g_autoptr(GDateTime) noon = g_date_time_new_utc (g_date_get_year (day), g_date_get_month (day),
                                                   g_date_get_day (day), 12, 0, 0);

  if (g_date_get_year (day) != g_date_get_year (&self->today))
    /* Translators: a day, as in "Thu 14 Nov 2024"; see g_date_time_format()
     * and put the parts in your language's order. */
    return g_date_time_format (noon, _("%a %-d %b %Y"));
  /* Translators: a day in the agenda, "Wed 20 Nov"; see g_date_time_format() */
  return g_date_time_format (noon, _("%a %-d %b"));
}

static char *
describe_meeting (PsScheduleView  *self,
                  GDateTime       *start,
                  guint            length,
                  PsModality       modality_code,
                  const Placement *placement)
{
  g_autofree char *when = NULL;
  g_autofree char *minutes = NULL;
  const char *modality = ps_modality_to_label (modality_code);

  switch (placement->group)
    {
    case PS_SCHEDULE_GROUP_TODAY:
    case PS_SCHEDULE_GROUP_TOMORROW:
      when = format_local (self, start, "%H:%M");
      break;
    case PS_SCHEDULE_GROUP_THIS_WEEK:
      /* Translators: a weekday and a time, "Thu 14:30" */
      when = format_local (self, start, _("%a %H:%M"));
      break;
    case PS_SCHEDULE_GROUP_OVERDUE:
    case PS_SCHEDULE_GROUP_LATER:
    case PS_SCHEDULE_N_GROUPS:
    default:
      {
        g_autoptr(GDateTime) local = g_date_time_to_timezone (start, g_date_time_get_timezone (self->now));

        if (g_date_time_get_year (local) != g_date_get_year (&self->today))
          /* Translators: a day of another year and a time, "Mon 1 Apr 2024, 14:30" */
          when = ps_format_date_time (local, _("%a %-d %b %Y, %H:%M"));
        else
          /* Translators: a day and a time, "Thu 5 Dec, 14:30" */
          when = ps_format_date_time (local, _("%a %-d %b, %H:%M"));
      }
      break;
    }

  /* Translators: a conversation's planned length */
  minutes = g_strdup_printf (_("%u min"), length);

  if (placement->timing == PS_TIMING_IN_PROGRESS)
    /* Translators: "14:30 · 30 min · Phone · in progress" */
    return g_strdup_printf (_("%s · %s · %s · in progress"), when, minutes, modality);
  if (placement->timing == PS_TIMING_NOW)
    /* Translators: "14:30 · 30 min · Phone · starting now" */
    return g_strdup_printf (_("%s · %s · %s · starting now"), when, minutes, modality);
  if (placement->timing == PS_TIMING_SOON)
    /* Translators: "14:30 · 30 min · Phone · starting soon": it can be started already */
    return g_strdup_printf (_("%s · %s · %s · starting soon"), when, minutes, modality);
  if (placement->overdue)
    /* Translators: "Sun 17 Nov, 14:30 · 30 min · Phone · not held" */
    return g_strdup_printf (_("%s · %s · %s · not held"), when, minutes, modality);
  /* Translators: "14:30 · 30 min · Phone" */
  return g_strdup_printf (_("%s · %s · %s"), when, minutes, modality);
}

static char *
describe_first_contact (PsScheduleView  *self,
                        PsCase          *kase,
                        const Placement *placement)
{
  g_autofree char *day = NULL;
  int days;

  if (!g_date_valid (&placement->due_on))
    return g_strdup (_("First contact due"));

  day = format_day (self, &placement->due_on);
  days = g_date_days_between (&self->today, &placement->due_on);
  if (placement->overdue)
    /* Translators: "First contact overdue · due Sat 16 Nov" */
    return g_strdup_printf (_("First contact overdue · due %s"), day);
  if (days < 0)
    /* Translators: "First contact due since Sat 16 Nov" */
    return g_strdup_printf (_("First contact due since %s"), day);
  if (days == 0)
    return g_strdup (_("First contact due today"));
  if (days == 1)
    return g_strdup (_("First contact due tomorrow"));
  /* Translators: "First contact due Wed 20 Nov" */
  return g_strdup_printf (_("First contact due %s"), day);
}

/* A safety concern's follow-up, with nothing planned yet: a sign and
 * words, not colour alone. */
static char *
describe_follow_up (PsScheduleView  *self,
                    const Placement *placement)
{
  g_autofree char *day = NULL;
  int days;

  if (!g_date_valid (&placement->due_on))
    return g_strdup (_("⚠ Safety concern · follow up"));

  day = format_day (self, &placement->due_on);
  days = g_date_days_between (&self->today, &placement->due_on);
  if (placement->overdue)
    /* Translators: "⚠ Safety follow-up overdue · due Sat 16 Nov" */
    return g_strdup_printf (_("⚠ Safety follow-up overdue · due %s"), day);
  if (days == 0)
    return g_strdup (_("⚠ Safety follow-up due today"));
  if (days == 1)
    return g_strdup (_("⚠ Safety follow-up due tomorrow"));
  /* Translators: "⚠ Safety follow-up by Wed 20 Nov" */
  return g_strdup_printf (_("⚠ Safety follow-up by %s"), day);
}

static const char *group_titles[PS_SCHEDULE_N_GROUPS] = {
  N_("Overdue"), N_("Today"), N_("Tomorrow"), N_("This Week"), N_("Later"),
};

/* "4,812 entries", grouped as the locale has it. */
static char *
count_text (guint n)
{
  g_autofree char *number = g_strdup_printf ("%'u", n);

  /* Translators: how many entries an agenda group holds, "4,812 entries" */
  return g_strdup_printf (ngettext ("%s entry", "%s entries", n), number);
}

/* What an entry's row shows, in the list box and in a group's page alike. */
typedef struct
{
  char       *title;
  char       *subtitle;
  const char *icon_name;
  const char *icon_label;
  const char *icon_class;
} RowText;

static void
row_text_clear (RowText *text)
{
  g_clear_pointer (&text->title, g_free);
  g_clear_pointer (&text->subtitle, g_free);
}

static void
describe (PsScheduleView *self,
          GObject        *item,
          RowText        *out)
{
  PsCase *kase = case_of (self, item);
  Placement placement;

  place (self, item, &placement);
  out->title = ps_privacy_display_name (kase != NULL ? ps_case_get_display_name (kase) : NULL,
                                        self->privacy);
  if (PS_IS_CONVERSATION (item))
    {
      PsConversation *conversation = PS_CONVERSATION (item);
      PsModality modality = ps_conversation_get_modality (conversation);

      out->subtitle = describe_meeting (self, ps_conversation_get_starts_at (conversation),
                                        ps_conversation_get_minutes (conversation), modality,
                                        &placement);
      /* The concern it follows up, as the caseload's row says it. */
      if (kase != NULL && ps_case_get_state (kase) == PS_CASE_STATE_IN_SUPPORT &&
          ps_case_get_safety_concern (kase))
        {
          char *meeting = out->subtitle;

          /* Translators: "⚠ Safety concern · Thu 14:30 · 30 min · Phone" */
          out->subtitle = g_strdup_printf (_("⚠ Safety concern · %s"), meeting);
          g_free (meeting);
        }
      out->icon_name = modality_icon (modality);
      out->icon_label = ps_modality_to_label (modality);
    }
  else if (PS_IS_GROUP_DEBRIEF (item))
    {
      PsGroupDebrief *debrief = PS_GROUP_DEBRIEF (item);
      guint headcount = ps_group_debrief_get_headcount (debrief);

      g_free (out->title);
      /* Translators: an agenda entry, "Group debrief · 8 people"; never names */
      out->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Group debrief · %u person",
                                                 "Group debrief · %u people", headcount),
                                    headcount);
      out->subtitle = describe_meeting (self, ps_group_debrief_get_starts_at (debrief),
                                        ps_group_debrief_get_minutes (debrief),
                                        ps_group_debrief_get_modality (debrief), &placement);
      out->icon_name = "system-users-symbolic";
      out->icon_label = _("Group debrief");
    }
  else if (ps_case_get_state (PS_CASE (item)) == PS_CASE_STATE_AWAITING_FIRST_CONTACT)
    {
      out->subtitle = describe_first_contact (self, PS_CASE (item), &placement);
      out->icon_name = "alarm-symbolic";
      out->icon_label = _("First contact");
    }
  else
    {
      out->subtitle = describe_follow_up (self, &placement);
      out->icon_name = "dialog-warning-symbolic";
      out->icon_label = _("Safety follow-up");
    }
  out->icon_class = placement.overdue ? "ps-overdue"
                  : ps_timing_is_startable (placement.timing) ? "accent" : NULL;
}

static GtkWidget *
create_more_row (Group *group)
{
  g_autofree char *count = count_text (g_list_model_get_n_items (G_LIST_MODEL (group->items)));
  g_autofree char *number = g_strdup_printf ("%'u", g_list_model_get_n_items (G_LIST_MODEL (group->items)));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (number);

  gtk_widget_add_css_class (label, "dim-label");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Show All"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show All"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count,
                                  -1);
  return row;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  Group *group = user_data;
  RowText text = { 0, };
  GtkWidget *row;
  GtkWidget *icon;

  if (item == group->marker)
    return create_more_row (group);

  describe (group->view, item, &text);
  row = adw_action_row_new ();
  icon = gtk_image_new_from_icon_name (text.icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text.icon_label,
                                  -1);
  if (text.icon_class != NULL)
    gtk_widget_add_css_class (icon, text.icon_class);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text.title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text.subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* The row speaks who and when, as it reads. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text.title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text.subtitle,
                                  -1);
  row_text_clear (&text);
  return row;
}

/* A group's page: the same rows, made as they scroll into view. */
static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* As tall as the agenda's rows, for the same two lines. */
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "title");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "subtitle");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PsScheduleView           *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (icon);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  RowText text = { 0, };

  describe (self, gtk_list_item_get_item (list_item), &text);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), text.icon_name);
  gtk_widget_remove_css_class (icon, "ps-overdue");
  gtk_widget_remove_css_class (icon, "accent");
  if (text.icon_class != NULL)
    gtk_widget_add_css_class (icon, text.icon_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text.icon_label,
                                  -1);
  gtk_label_set_text (GTK_LABEL (title), text.title);
  gtk_label_set_text (GTK_LABEL (subtitle), text.subtitle);
  ps_accessible_label_list_row (box, text.title, text.subtitle);
  row_text_clear (&text);
}

static void open_group_debrief (PsScheduleView *self,
                                PsGroupDebrief *debrief);

static void
activate_item (PsScheduleView *self,
               GObject        *item)
{
  Placement placement;

  place (self, item, &placement);
  if (PS_IS_GROUP_DEBRIEF (item))
    open_group_debrief (self, PS_GROUP_DEBRIEF (item));
  else if (PS_IS_CONVERSATION (item) && ps_timing_is_startable (placement.timing))
    g_signal_emit (self, signals[START_CONVERSATION], 0, item);
  else if (PS_IS_CONVERSATION (item))
    g_signal_emit (self, signals[OPEN_CASE], 0, ps_conversation_get_case_id (PS_CONVERSATION (item)));
  else
    g_signal_emit (self, signals[OPEN_CASE], 0, ps_case_get_id (PS_CASE (item)));
}

static void show_group (PsScheduleView *self,
                        Group          *group);

static void
row_activated_cb (GtkListBox    *list_box,
                  GtkListBoxRow *row,
                  Group         *group)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (group->rows),
                                                   gtk_list_box_row_get_index (row));

  if (item == NULL)
    return;
  if (item == group->marker)
    show_group (group->view, group);
  else
    activate_item (group->view, item);
}

static void
group_item_activated_cb (PsScheduleView *self,
                         guint           position,
                         GtkListView    *list_view)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->page_selection), position);

  if (item != NULL)
    activate_item (self, item);
}

/* Pages -------------------------------------------------------------------- */

static void
update_header (PsScheduleView *self)
{
  gboolean on_group = self->page_group != NULL &&
                      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "group") == 0;

  gtk_widget_set_visible (self->group_back_button, on_group);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "schedule.back", on_group);
  if (on_group)
    {
      g_autofree char *count = count_text (g_list_model_get_n_items (G_LIST_MODEL (self->page_group->items)));

      adw_window_title_set_title (self->window_title, _(group_titles[self->page_group->group]));
      adw_window_title_set_subtitle (self->window_title, count);
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Schedule"));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
}

/* The page that fits what there is: nothing, the agenda, or the group asked
 * for while it has entries. */
static void
update_page (PsScheduleView *self)
{
  const char *page;
  const char *visible;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0)
    page = "empty";
  else if (self->page_group != NULL &&
           g_list_model_get_n_items (G_LIST_MODEL (self->page_group->items)) > 0)
    page = "group";
  else
    page = "agenda";

  if (!g_str_equal (page, "group") && self->page_group != NULL)
    {
      gtk_no_selection_set_model (self->page_selection, NULL);
      self->page_group = NULL;
    }
  /* Into a group and back is a step forward and one back; the rest fades. */
  visible = gtk_stack_get_visible_child_name (self->stack);
  gtk_stack_set_transition_type (self->stack,
                                 (g_str_equal (page, "group") && g_strcmp0 (visible, "agenda") == 0) ||
                                 (g_str_equal (page, "agenda") && g_strcmp0 (visible, "group") == 0)
                                 ? GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT
                                 : GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_visible_child_name (self->stack, page);
  update_header (self);
}

static void
show_group (PsScheduleView *self,
            Group          *group)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->group_scroller);

  self->page_group = group;
  gtk_no_selection_set_model (self->page_selection, G_LIST_MODEL (group->items));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->group_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(group_titles[group->group]),
                                  -1);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  update_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->group_list));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PsScheduleView *self = PS_SCHEDULE_VIEW (widget);
  Group *group = self->page_group;
  GtkListBoxRow *row;

  if (group == NULL)
    return;

  gtk_no_selection_set_model (self->page_selection, NULL);
  self->page_group = NULL;
  update_page (self);
  /* Back where the user left: the group's "Show All" row. */
  row = gtk_list_box_get_row_at_index (group->list_box,
                                       g_list_model_get_n_items (G_LIST_MODEL (group->rows)) - 1);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Refreshing --------------------------------------------------------------- */

static void
read_now (PsScheduleView *self)
{
  GSettings *settings = ps_context_get_settings (self->context);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = ps_clock_get_now_local (ps_context_get_clock (self->context));
  ps_date_set_from_date_time (&self->today, self->now, NULL);
  self->days_to_end_of_week = ps_days_to_end_of_week (&self->today);
  ps_timeline_now_init (&self->timeline_now, self->now,
                        g_settings_get_int (settings, "first-contact-due-days"),
                        g_settings_get_int (settings, "first-contact-overdue-days"));
  self->privacy = g_settings_get_boolean (settings, "privacy-mode");
}

static gint64
entry_case_id (GObject *item)
{
  /* A group debrief has no case. */
  if (PS_IS_GROUP_DEBRIEF (item))
    return -1;
  return PS_IS_CASE (item) ? ps_case_get_id (PS_CASE (item))
                           : ps_conversation_get_case_id (PS_CONVERSATION (item));
}

/* A case is on the agenda itself for a deadline: its first contact, or,
 * after a safety concern with nothing planned, the follow-up to hold. */
static gboolean
has_deadline (PsCase *kase)
{
  switch (ps_case_get_state (kase))
    {
    case PS_CASE_STATE_AWAITING_FIRST_CONTACT:
      return TRUE;
    case PS_CASE_STATE_IN_SUPPORT:
      return ps_case_get_safety_concern (kase) && ps_case_get_next_conversation_at (kase) == NULL;
    case PS_CASE_STATE_CLOSED:
    default:
      return FALSE;
    }
}

/* The conversations still to hold and the deadline (has_deadline()) of
 * @kase. Only a case with something planned is asked for its conversations. */
static void
gather_case (PsScheduleView *self,
             PsCase         *kase)
{
  g_autoptr(GListModel) conversations = NULL;

  if (has_deadline (kase))
    g_ptr_array_add (self->gathered, g_object_ref (kase));
  if (ps_case_get_state (kase) == PS_CASE_STATE_CLOSED ||
      ps_case_get_next_conversation_at (kase) == NULL)
    return;

  conversations = ps_store_list_conversations (self->store, ps_case_get_id (kase));
  for (guint j = 0; j < g_list_model_get_n_items (conversations); j++)
    {
      g_autoptr(PsConversation) conversation = g_list_model_get_item (conversations, j);
      PsConversationState state = ps_conversation_get_state (conversation);

      if (state == PS_CONVERSATION_SCHEDULED || state == PS_CONVERSATION_IN_PROGRESS)
        g_ptr_array_add (self->gathered, g_steal_pointer (&conversation));
    }
}

/* What is to come, of every open case: the deadlines (has_deadline()), and the
 * conversations to hold in one query (one per case took 120 ms with
 * 4,000 cases with something planned). */
static void
gather (PsScheduleView *self)
{
  g_autoptr(GListModel) planned = NULL;
  GListModel *cases;

  g_ptr_array_set_size (self->gathered, 0);
  if (self->store == NULL)
    return;

  cases = ps_store_get_open_cases (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PsCase) kase = g_list_model_get_item (cases, i);

      if (has_deadline (kase))
        g_ptr_array_add (self->gathered, g_steal_pointer (&kase));
    }

  planned = ps_store_list_planned_conversations (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (planned); i++)
    g_ptr_array_add (self->gathered, g_list_model_get_item (planned, i));

  g_clear_object (&planned);
  planned = ps_store_list_planned_group_debriefs (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (planned); i++)
    g_ptr_array_add (self->gathered, g_list_model_get_item (planned, i));
}

/* After a change to one case: only its entries are asked for again. */
static void
gather_again (PsScheduleView *self,
              gint64          case_id)
{
  PsCase *kase;

  for (guint i = self->gathered->len; i > 0; i--)
    if (entry_case_id (g_ptr_array_index (self->gathered, i - 1)) == case_id)
      g_ptr_array_remove_index_fast (self->gathered, i - 1);
  kase = self->store != NULL ? ps_store_lookup_case (self->store, case_id) : NULL;
  if (kase != NULL)
    gather_case (self, kase);
}

typedef struct
{
  GObject   *item;
  Placement  placement;
  gint64     id;
} Sorted;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const Sorted *sa = a, *sb = b;

  if (sa->placement.group != sb->placement.group)
    return sa->placement.group < sb->placement.group ? -1 : 1;
  if (sa->placement.instant != sb->placement.instant)
    return sa->placement.instant < sb->placement.instant ? -1 : 1;
  /* Deadlines of a day before its conversations, then by id. */
  if (PS_IS_CASE (sa->item) != PS_IS_CASE (sb->item))
    return PS_IS_CASE (sa->item) ? -1 : 1;
  return sa->id < sb->id ? -1 : sa->id > sb->id;
}

/* After its items changed: how much of the group the list box shows, and
 * whether it ends with "Show All" (made again when the count changed). */
static void
update_group (Group *group,
              guint  n_before)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (group->items));
  guint limit = group->group == PS_SCHEDULE_GROUP_OVERDUE ? PREVIEW_OVERDUE : PREVIEW;
  gboolean truncated = n > limit + PREVIEW_SLACK;

  gtk_slice_list_model_set_size (group->preview, truncated ? limit : n);
  if (n != n_before)
    g_list_store_splice (group->more, 0, g_list_model_get_n_items (G_LIST_MODEL (group->more)),
                         truncated ? (gpointer *) &group->marker : NULL, truncated ? 1 : 0);
  gtk_widget_set_visible (group->pref_group, n > 0);
}

static gboolean
touches (const GArray *touched,
         gint64        case_id)
{
  for (guint i = 0; touched != NULL && i < touched->len; i++)
    if (g_array_index (touched, gint64, i) == case_id)
      return TRUE;
  return FALSE;
}

static gboolean
same_row (const Shown  *before,
          const Sorted *now,
          const GArray *touched)
{
  return before->item == now->item && before->timing == now->placement.timing &&
         !touches (touched, entry_case_id (now->item));
}

/* Puts @n sorted entries into @group, making again only the rows between
 * the first and the last that changed, so the rows around them — and the
 * focus, and a group page's scroll position — stay. */
static void
fill_group (Group        *group,
            const Sorted *sorted,
            guint         n,
            gboolean      force,
            const GArray *touched)
{
  guint n_before = group->shown->len;
  guint head = 0, tail = 0;
  g_autofree gpointer *items = NULL;

  if (!force)
    {
      while (head < MIN (n, n_before) &&
             same_row (&g_array_index (group->shown, Shown, head), &sorted[head], touched))
        head++;
      while (tail < MIN (n, n_before) - head &&
             same_row (&g_array_index (group->shown, Shown, n_before - 1 - tail),
                       &sorted[n - 1 - tail], touched))
        tail++;
      if (head == n && n == n_before)
        return;
    }

  items = g_new (gpointer, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    items[i] = sorted[i].item;
  g_list_store_splice (group->items, head, n_before - head - tail, items + head, n - head - tail);

  g_array_set_size (group->shown, n);
  for (guint i = 0; i < n; i++)
    {
      Shown *shown = &g_array_index (group->shown, Shown, i);

      shown->item = sorted[i].item;
      shown->timing = sorted[i].placement.timing;
    }
  update_group (group, n_before);
}

/* Sorts what was gathered into groups and puts them in.
 * @force: every row is made again (what they show may have changed).
 * @touched: the rows of these cases are made again (NULL: none). */
static void
regroup (PsScheduleView *self,
         gboolean        force,
         const GArray   *touched)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (Sorted), self->gathered->len);
  guint first = 0;

  read_now (self);
  for (guint i = 0; i < self->gathered->len; i++)
    {
      Sorted s = { 0, };

      s.item = g_ptr_array_index (self->gathered, i);
      s.id = PS_IS_CASE (s.item) ? ps_case_get_id (PS_CASE (s.item))
           : PS_IS_GROUP_DEBRIEF (s.item) ? ps_group_debrief_get_id (PS_GROUP_DEBRIEF (s.item))
           : ps_conversation_get_id (PS_CONVERSATION (s.item));
      place (self, s.item, &s.placement);
      g_array_append_val (sorted, s);
    }
  g_array_sort (sorted, compare_sorted);

  /* Another day, other words: "Thu" becomes "tomorrow". */
  if (!g_date_valid (&self->shown_day) || g_date_compare (&self->shown_day, &self->today) != 0)
    force = TRUE;
  self->shown_day = self->today;

  for (guint g = 0; g < PS_SCHEDULE_N_GROUPS; g++)
    {
      guint end = first;

      while (end < sorted->len && g_array_index (sorted, Sorted, end).placement.group == g)
        end++;
      fill_group (&self->groups[g], end > first ? &g_array_index (sorted, Sorted, first) : NULL,
                  end - first, force, touched);
      first = end;
    }

  update_page (self);
}

static void
refresh (PsScheduleView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Asked again when shown. */
      self->dirty = TRUE;
      g_array_set_size (self->touched, 0);
      return;
    }
  self->dirty = FALSE;
  g_array_set_size (self->touched, 0);
  gather (self);
  regroup (self, TRUE, NULL);
}

static gboolean
tick_cb (gpointer user_data)
{
  PsScheduleView *self = user_data;

  regroup (self, FALSE, NULL);
  return G_SOURCE_CONTINUE;
}

/* What the settings or the clock change is seen in every row. */
static void
settings_changed_cb (PsScheduleView *self)
{
  refresh (self);
}

/* The entries of the cases changed since the rows were made. */
static void
update_touched (PsScheduleView *self)
{
  for (guint i = 0; i < self->touched->len; i++)
    gather_again (self, g_array_index (self->touched, gint64, i));
  regroup (self, FALSE, self->touched);
  g_array_set_size (self->touched, 0);
}

/* Beyond this many cases changed while hidden, everything is asked again. */
#define MAX_TOUCHED 64

static void
store_changed_cb (PsScheduleView *self,
                  gint64          case_id,
                  PsStore        *store)
{
  if (case_id == 0 || self->dirty || self->touched->len >= MAX_TOUCHED)
    {
      refresh (self);
      return;
    }
  /* One case: only its entries are asked for again, now or when shown. */
  if (!touches (self->touched, case_id))
    g_array_append_val (self->touched, case_id);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_touched (self);
}

static void
context_store_changed_cb (PsScheduleView *self)
{
  PsStore *store = ps_context_get_store (self->context);

  if (store != self->store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
      g_set_object (&self->store, store);
      if (self->store != NULL)
        g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb),
                                 self, G_CONNECT_SWAPPED);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "schedule.export", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "schedule.new-group-debrief",
                                 self->store != NULL);
  /* Nothing of a locked store stays on screen, shown or not. */
  self->dirty = FALSE;
  g_array_set_size (self->touched, 0);
  gather (self);
  regroup (self, TRUE, NULL);
}

/* Actions ------------------------------------------------------------------ */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PsScheduleView *self = PS_SCHEDULE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  PsExportDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = ps_export_dialog_new (self->context);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_group_debrief (PsScheduleView *self,
                    PsGroupDebrief *debrief)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PsGroupDebriefDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = ps_group_debrief_dialog_new (self->context, debrief);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_group_debrief_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  open_group_debrief (PS_SCHEDULE_VIEW (widget), NULL);
}

/* GObject ------------------------------------------------------------------ */

static void
ps_schedule_view_map (GtkWidget *widget)
{
  PsScheduleView *self = PS_SCHEDULE_VIEW (widget);

  GTK_WIDGET_CLASS (ps_schedule_view_parent_class)->map (widget);

  if (self->dirty)
    refresh (self);
  else if (self->touched->len > 0)
    update_touched (self);
  else
    regroup (self, FALSE, NULL);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (60, tick_cb, self);
}

static void
ps_schedule_view_unmap (GtkWidget *widget)
{
  PsScheduleView *self = PS_SCHEDULE_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (ps_schedule_view_parent_class)->unmap (widget);
}

static void
ps_schedule_view_constructed (GObject *object)
{
  PsScheduleView *self = (PsScheduleView *)object;
  GSettings *settings;
  g_autoptr(GListStore) all = g_list_store_new (G_TYPE_LIST_MODEL);
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (ps_schedule_view_parent_class)->constructed (object);

  read_now (self);
  for (guint i = 0; i < PS_SCHEDULE_N_GROUPS; i++)
    {
      Group *group = &self->groups[i];
      GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);

      group->view = self;
      group->group = i;
      group->items = g_list_store_new (G_TYPE_OBJECT);
      group->shown = g_array_new (FALSE, FALSE, sizeof (Shown));
      group->preview = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (group->items)), 0, 0);
      group->more = g_list_store_new (G_TYPE_OBJECT);
      group->marker = g_object_new (G_TYPE_OBJECT, NULL);
      g_list_store_append (parts, group->preview);
      g_list_store_append (parts, group->more);
      group->rows = gtk_flatten_list_model_new (G_LIST_MODEL (parts));
      g_list_store_append (all, group->items);

      group->pref_group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group->pref_group), _(group_titles[i]));
      group->list_box = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (group->list_box, GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (group->list_box), "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (group->list_box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(group_titles[i]),
                                      -1);
      gtk_list_box_bind_model (group->list_box, G_LIST_MODEL (group->rows), create_row, group, NULL);
      g_signal_connect (group->list_box, "row-activated", G_CALLBACK (row_activated_cb), group);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group->pref_group), GTK_WIDGET (group->list_box));
      gtk_widget_set_visible (group->pref_group, FALSE);
      gtk_box_append (self->groups_box, group->pref_group);
    }
  self->entries = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&all)));

  self->page_selection = gtk_no_selection_new (NULL);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), self);
  gtk_list_view_set_factory (self->group_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->group_list, GTK_SELECTION_MODEL (self->page_selection));

  settings = ps_context_get_settings (self->context);
  g_signal_connect_object (settings, "changed::privacy-mode",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::first-contact-due-days",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::first-contact-overdue-days",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_context_get_clock (self->context), "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ps_time_format_get_default (), "notify::twelve-hour",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::store",
                           G_CALLBACK (context_store_changed_cb), self, G_CONNECT_SWAPPED);
  context_store_changed_cb (self);
}

static void
ps_schedule_view_dispose (GObject *object)
{
  PsScheduleView *self = (PsScheduleView *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->page_group = NULL;
  if (self->group_list != NULL)
    gtk_list_view_set_model (self->group_list, NULL);
  g_clear_object (&self->page_selection);
  for (guint i = 0; i < PS_SCHEDULE_N_GROUPS; i++)
    {
      Group *group = &self->groups[i];

      if (group->list_box != NULL)
        gtk_list_box_bind_model (group->list_box, NULL, NULL, NULL, NULL);
      group->list_box = NULL;
      g_clear_object (&group->rows);
      g_clear_object (&group->preview);
      g_clear_object (&group->more);
      g_clear_object (&group->marker);
      g_clear_object (&group->items);
      if (group->shown != NULL)
        g_array_set_size (group->shown, 0);
    }
  g_clear_object (&self->entries);
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_SCHEDULE_VIEW);
  if (self->gathered != NULL)
    g_ptr_array_set_size (self->gathered, 0);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_schedule_view_parent_class)->dispose (object);
}

static void
ps_schedule_view_finalize (GObject *object)
{
  PsScheduleView *self = (PsScheduleView *)object;

  g_clear_pointer (&self->gathered, g_ptr_array_unref);
  g_clear_pointer (&self->touched, g_array_unref);
  for (guint i = 0; i < PS_SCHEDULE_N_GROUPS; i++)
    g_clear_pointer (&self->groups[i].shown, g_array_unref);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (ps_schedule_view_parent_class)->finalize (object);
}

static void
ps_schedule_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PsScheduleView *self = PS_SCHEDULE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_MENU_MODEL:
      g_value_set_object (value, gtk_menu_button_get_menu_model (self->menu_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_schedule_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PsScheduleView *self = PS_SCHEDULE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_MENU_MODEL:
      gtk_menu_button_set_menu_model (self->menu_button, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_schedule_view_class_init (PsScheduleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ps_schedule_view_constructed;
  object_class->dispose = ps_schedule_view_dispose;
  object_class->finalize = ps_schedule_view_finalize;
  object_class->get_property = ps_schedule_view_get_property;
  object_class->set_property = ps_schedule_view_set_property;
  widget_class->map = ps_schedule_view_map;
  widget_class->unmap = ps_schedule_view_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The window's primary menu, given to the view's menu button. */
  properties[PROP_MENU_MODEL] =
    g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PsScheduleView::open-case:
   * @case_id: the case of the entry
   *
   * Emitted when an entry is activated, except a conversation that can start.
   */
  signals[OPEN_CASE] =
    g_signal_new ("open-case",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * PsScheduleView::start-conversation:
   * @conversation: a conversation due within 10 minutes or under way
   *
   * Emitted when such a conversation is activated.
   */
  signals[START_CONVERSATION] =
    g_signal_new ("start-conversation",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, PS_TYPE_CONVERSATION);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-schedule-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PsScheduleView, box);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleView, group_back_button);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleView, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleView, stack);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleView, groups_box);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleView, group_scroller);
  gtk_widget_class_bind_template_child (widget_class, PsScheduleView, group_list);
  gtk_widget_class_bind_template_callback (widget_class, group_item_activated_cb);

  gtk_widget_class_install_action (widget_class, "schedule.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "schedule.new-group-debrief", NULL,
                                   new_group_debrief_action);
  /* From a group's page back to the agenda, as the header's button does. */
  gtk_widget_class_install_action (widget_class, "schedule.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "schedule.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "schedule.back", NULL);
}

/* The mouse's back button, as elsewhere in GNOME. */
static void
back_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 PsScheduleView  *self)
{
  if (self->page_group != NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_activate_action (GTK_WIDGET (self), "schedule.back", NULL);
    }
}

static void
ps_schedule_view_init (PsScheduleView *self)
{
  GtkGesture *back = gtk_gesture_click_new ();

  self->gathered = g_ptr_array_new_with_free_func (g_object_unref);
  self->touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_date_clear (&self->today, 1);
  g_date_clear (&self->shown_day, 1);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (back), 8);
  g_signal_connect (back, "pressed", G_CALLBACK (back_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (back));
}

PsScheduleView *
ps_schedule_view_new (PsContext *context)
{
  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);

  return g_object_new (PS_TYPE_SCHEDULE_VIEW, "context", context, NULL);
}

GListModel *
ps_schedule_view_get_entries (PsScheduleView *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_VIEW (self), NULL);
  return G_LIST_MODEL (self->entries);
}

GtkListBox *
ps_schedule_view_get_group_list (PsScheduleView  *self,
                                 PsScheduleGroup  group)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_VIEW (self), NULL);
  g_return_val_if_fail (group < PS_SCHEDULE_N_GROUPS, NULL);
  return self->groups[group].list_box;
}

GtkListView *
ps_schedule_view_get_group_page_list (PsScheduleView *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_VIEW (self), NULL);
  return self->group_list;
}

const char *
ps_schedule_view_get_visible_page (PsScheduleView *self)
{
  g_return_val_if_fail (PS_IS_SCHEDULE_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
ps_schedule_view_tick (PsScheduleView *self)
{
  g_return_if_fail (PS_IS_SCHEDULE_VIEW (self));
  regroup (self, FALSE, NULL);
}
