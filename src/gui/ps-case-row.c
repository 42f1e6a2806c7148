/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "ps-case-row.h"
#include "ps-privacy.h"
#include "ps-util.h"

#include <adwaita.h>

struct _PsCaseRow
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *avatar;
  GtkLabel  *title_label;
  GtkLabel  *state_label;
  GtkLabel  *meta_label;
};

G_DEFINE_FINAL_TYPE (PsCaseRow, ps_case_row, GTK_TYPE_WIDGET)

void
ps_case_get_first_contact_due (PsCase *item,
                               int     due_days,
                               GDate  *out)
{
  const GDate *requested = ps_case_get_requested_on (item);

  g_date_clear (out, 1);
  if (requested == NULL || !g_date_valid (requested))
    return;
  *out = *requested;
  g_date_add_days (out, due_days);
}

static int
days_until (const GDate *date,
            GDateTime   *now_local)
{
  GDate today;

  ps_date_set_from_date_time (&today, now_local, NULL);
  return g_date_days_between (&today, date);
}

PsUrgency
ps_case_get_urgency (PsCase    *item,
                     GDateTime *now_local,
                     int        due_days,
                     int        overdue_days)
{
  GDate due;

  switch (ps_case_get_state (item))
    {
    case PS_CASE_STATE_CLOSED:
      return PS_URGENCY_CLOSED;

    case PS_CASE_STATE_AWAITING_FIRST_CONTACT:
      ps_case_get_first_contact_due (item, due_days, &due);
      if (!g_date_valid (&due))
        return PS_URGENCY_DUE_SOON;
      /* Overdue from the day after the overdue limit starts. */
      if (days_until (&due, now_local) <= -(overdue_days - due_days) - 0 &&
          days_until (&due, now_local) < 0)
        return PS_URGENCY_OVERDUE;
      return PS_URGENCY_DUE_SOON;

    case PS_CASE_STATE_IN_SUPPORT:
    default:
      return ps_case_get_next_conversation_at (item) != NULL ? PS_URGENCY_PLANNED : PS_URGENCY_NONE;
    }
}

static gint64
urgency_instant (PsCase *item,
                 int     due_days)
{
  GDateTime *next = ps_case_get_next_conversation_at (item);
  GDate due;

  if (ps_case_get_state (item) == PS_CASE_STATE_AWAITING_FIRST_CONTACT)
    {
      ps_case_get_first_contact_due (item, due_days, &due);
      return g_date_valid (&due) ? (gint64) g_date_get_julian (&due) * 86400 : 0;
    }
  if (next != NULL)
    return g_date_time_to_unix (next) + G_GINT64_CONSTANT (62135596800);
  return G_MAXINT64;
}

int
ps_case_compare_urgency (PsCase    *a,
                         PsCase    *b,
                         GDateTime *now_local,
                         int        due_days,
                         int        overdue_days)
{
  PsUrgency ua = ps_case_get_urgency (a, now_local, due_days, overdue_days);
  PsUrgency ub = ps_case_get_urgency (b, now_local, due_days, overdue_days);
  gint64 ia, ib;

  if (ua != ub)
    return ua < ub ? -1 : 1;

  if (ua == PS_URGENCY_CLOSED)
    {
      const GDate *ca = ps_case_get_closed_on (a);
      const GDate *cb = ps_case_get_closed_on (b);

      /* Most recently closed first. */
      if (ca != NULL && cb != NULL && g_date_compare (ca, cb) != 0)
        return -g_date_compare (ca, cb);
    }
  else
    {
      ia = urgency_instant (a, due_days);
      ib = urgency_instant (b, due_days);
      if (ia != ib)
        return ia < ib ? -1 : 1;
    }

  return ps_case_get_id (a) < ps_case_get_id (b) ? -1 : (ps_case_get_id (a) > ps_case_get_id (b));
}

static char *
describe_first_contact (PsCase    *item,
                        GDateTime *now_local,
                        int        due_days,
                        int        overdue_days)
{
  GDate due;
  int days;

  ps_case_get_first_contact_due (item, due_days, &due);
  if (!g_date_valid (&due))
    return g_strdup (_("Awaiting first contact"));

  days = days_until (&due, now_local);
  if (ps_case_get_urgency (item, now_local, due_days, overdue_days) == PS_URGENCY_OVERDUE)
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
describe_next_conversation (PsCase    *item,
                            GDateTime *now_local)
{
  GDateTime *next = ps_case_get_next_conversation_at (item);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  const char *modality;
  GDate day;
  int days;

  if (next == NULL)
    {
      guint held = ps_case_get_n_completed_conversations (item);

      if (held == 0)
        return g_strdup (_("In support · no conversation planned"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "In support · %u conversation held, none planned",
                                           "In support · %u conversations held, none planned",
                                           held), held);
    }

  local = g_date_time_to_timezone (next, g_date_time_get_timezone (now_local));
  ps_date_set_from_date_time (&day, local, NULL);
  days = days_until (&day, now_local);
  modality = ps_modality_to_label (ps_case_get_next_conversation_modality (item));

  if (days == 0)
    when = g_date_time_format (local, _("today at %H:%M"));
  else if (days == 1)
    when = g_date_time_format (local, _("tomorrow at %H:%M"));
  else if (days > 1 && days < 7)
    /* Translators: a weekday and a time, "Thu 14:30" */
    when = g_date_time_format (local, _("%a %H:%M"));
  else
    /* Translators: a date and a time, "14 Nov 14:30" */
    when = g_date_time_format (local, _("%e %b %H:%M"));

  if (days < 0)
    return g_strdup_printf (_("Conversation was due %s · %s"), g_strstrip (when), modality);
  /* Translators: "Next conversation Thu 14:30 · Phone" */
  return g_strdup_printf (_("Next conversation %s · %s"), g_strstrip (when), modality);
}

char *
ps_case_describe_state (PsCase    *item,
                        GDateTime *now_local,
                        int        due_days,
                        int        overdue_days)
{
  g_return_val_if_fail (PS_IS_CASE (item), NULL);
  g_return_val_if_fail (now_local != NULL, NULL);

  switch (ps_case_get_state (item))
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
      return describe_first_contact (item, now_local, due_days, overdue_days);

    case PS_CASE_STATE_IN_SUPPORT:
    default:
      return describe_next_conversation (item, now_local);
    }
}

/* Up to two letters ("AP" for "Dr. Ada Placeholder") on one of six colours
 * chosen from the name, as AdwAvatar would. */
static void
set_initials (PsCaseRow  *self,
              const char *name)
{
  static const char *colours[] = { "ps-initials-1", "ps-initials-2", "ps-initials-3",
                                   "ps-initials-4", "ps-initials-5", "ps-initials-6" };
  g_autofree char *initials = name != NULL ? ps_privacy_initials (name) : NULL;
  GString *letters = g_string_new (NULL);
  guint colour = name != NULL ? g_str_hash (name) % G_N_ELEMENTS (colours) : 0;
  guint n = 0;

  /* "A. P." → "AP" */
  for (const char *p = initials; p != NULL && *p != '\0' && n < 2; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      {
        g_string_append_unichar (letters, g_utf8_get_char (p));
        n++;
      }

  gtk_label_set_label (self->avatar, letters->str);
  g_string_free (letters, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->avatar), colours[i]);
  if (name != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->avatar), colours[colour]);
}

static void
ps_case_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PS_TYPE_CASE_ROW);

  G_OBJECT_CLASS (ps_case_row_parent_class)->dispose (object);
}

static void
ps_case_row_class_init (PsCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_case_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PsCaseRow, box);
  gtk_widget_class_bind_template_child (widget_class, PsCaseRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, PsCaseRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PsCaseRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, PsCaseRow, meta_label);
}

static void
ps_case_row_init (PsCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ps_case_row_new (void)
{
  return g_object_new (PS_TYPE_CASE_ROW, NULL);
}

void
ps_case_row_bind (PsCaseRow *self,
                  PsCase    *item,
                  GDateTime *now_local,
                  int        due_days,
                  int        overdue_days,
                  gboolean   privacy_mode)
{
  g_autofree char *name = NULL;
  g_autofree char *state = NULL;
  g_autofree char *meta = NULL;
  PsUrgency urgency;

  g_return_if_fail (PS_IS_CASE_ROW (self));
  g_return_if_fail (PS_IS_CASE (item));

  name = ps_privacy_display_name (ps_case_get_display_name (item), privacy_mode);
  state = ps_case_describe_state (item, now_local, due_days, overdue_days);
  meta = g_strdup_printf ("%s · %s",
                          ps_modality_to_label (ps_case_get_modality (item)),
                          ps_reason_to_label (ps_case_get_reason (item)));
  urgency = ps_case_get_urgency (item, now_local, due_days, overdue_days);

  gtk_label_set_label (self->title_label, name);
  gtk_label_set_label (self->state_label, state);
  gtk_label_set_label (self->meta_label, meta);
  set_initials (self, ps_case_get_deidentified (item) ? NULL : name);

  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "ps-overdue");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "ps-due-soon");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "dim-label");
  if (urgency == PS_URGENCY_OVERDUE)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "ps-overdue");
  else if (urgency == PS_URGENCY_DUE_SOON)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "ps-due-soon");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "dim-label");

  /* A screen reader hears the name, then the state line. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state,
                                  -1);
}

void
ps_case_row_unbind (PsCaseRow *self)
{
  g_return_if_fail (PS_IS_CASE_ROW (self));

  gtk_label_set_label (self->title_label, "");
  gtk_label_set_label (self->state_label, "");
  gtk_label_set_label (self->meta_label, "");
  set_initials (self, NULL);
}

const char *
ps_case_row_get_title (PsCaseRow *self)
{
  return gtk_label_get_label (self->title_label);
}

const char *
ps_case_row_get_state_line (PsCaseRow *self)
{
  return gtk_label_get_label (self->state_label);
}
