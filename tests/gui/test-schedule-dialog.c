/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Planning a conversation through the dialog as a supporter would: the time
 * typed is local (Europe/London here, across the change to summer time) and
 * stored in UTC; a time gone by is refused; an overlap is flagged but
 * allowed; a fourth conversation is asked about first. Moving and
 * cancelling one from the case page. Real SQLCipher store, fake clock on
 * Monday 18 November 2024, 10:00 GMT. */

#include "config.h"

#include <time.h>

#include "ps-case-page.h"
#include "ps-schedule-dialog-private.h"
#include "schedule-fixture.h"

typedef struct
{
  ScheduleFixture   base;
  PsCase           *ada;
  PsScheduleDialog *dialog;
  guint             n_saved;
} Fixture;

static void
saved_cb (PsScheduleDialog *dialog,
          PsConversation   *conversation,
          Fixture          *f)
{
  f->n_saved++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  schedule_fixture_set_up (&f->base, data);
  f->ada = ps_test_add_case (f->base.tc.store, "Dr. Ada Placeholder", "2024-11-17");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
      gtk_window_destroy (GTK_WINDOW (f->dialog));
    }
  schedule_fixture_tear_down (&f->base, data);
}

static void
open_dialog (Fixture        *f,
             PsCase         *item,
             PsConversation *conversation)
{
  f->dialog = ps_schedule_dialog_new (f->base.tc.context, item, conversation);
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  g_signal_connect (f->dialog, "saved", G_CALLBACK (saved_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->dialog));
}

static const char *
time_text (Fixture *f)
{
  return gtk_editable_get_text (ps_time_row_get_entry (ps_schedule_dialog_get_time_row (f->dialog)));
}

/* As typed: the day from the calendar, the time into the time field. */
static void
type_start (Fixture    *f,
            int         year,
            int         month,
            int         day,
            const char *time)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  ps_date_row_set_date (ps_schedule_dialog_get_date_row (f->dialog), &date);
  gtk_editable_set_text (ps_time_row_get_entry (ps_schedule_dialog_get_time_row (f->dialog)), time);
}

static void
save (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "dialog.save", NULL);
}

static guint
n_conversations (Fixture *f,
                 PsCase  *item)
{
  g_autoptr(GListModel) all = ps_store_list_conversations (f->base.tc.store, ps_case_get_id (item));

  return g_list_model_get_n_items (all);
}

static PsConversation *
conversation_at (Fixture *f,
                 PsCase  *item,
                 guint    index)
{
  g_autoptr(GListModel) all = ps_store_list_conversations (f->base.tc.store, ps_case_get_id (item));

  return g_list_model_get_item (all, index);
}

static PsScheduleDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PS_IS_SCHEDULE_DIALOG (window))
        return PS_SCHEDULE_DIALOG (window);
    }
  return NULL;
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  open_dialog (f, f->ada, NULL);
  /* The next full hour today, the case's own modality, half an hour. */
  g_assert_cmpstr (time_text (f), ==, "11:00");
  g_assert_cmpuint (adw_combo_row_get_selected (ps_schedule_dialog_get_modality_row (f->dialog)), ==,
                    PS_MODALITY_PHONE);
  g_assert_cmpuint (adw_combo_row_get_selected (ps_schedule_dialog_get_length_row (f->dialog)), ==, 1);
  g_assert_null (ps_schedule_dialog_get_error (f->dialog));
  g_assert_null (ps_schedule_dialog_get_warning (f->dialog));
  gtk_test_accessible_assert_property (ps_time_row_get_entry (ps_schedule_dialog_get_time_row (f->dialog)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Time");
  ps_test_screenshot (GTK_WIDGET (f->dialog), "schedule-dialog.png");

  /* It fits a phone. */
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 360, 520);
  ps_test_iterate (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->dialog)), <=, 370);
  ps_test_screenshot (GTK_WIDGET (f->dialog), "schedule-dialog-360.png");

  /* Cancel closes it, and nothing keeps it alive. */
  {
    PsScheduleDialog *dialog = g_object_ref (f->dialog);

    gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL);
    g_assert_null (find_dialog ());
    g_assert_finalize_object (dialog);
    g_assert_null (f->dialog);
  }
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 0);
}

/* 14:30 typed is 14:30 UTC in November and 13:30 UTC in summer time. */
static void
test_local_time_to_utc (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PsConversation) winter = NULL;
  g_autoptr(PsConversation) summer = NULL;
  g_autofree char *winter_utc = NULL;
  g_autofree char *summer_utc = NULL;

  g_assert_cmpstr (g_getenv ("TZ"), ==, "Europe/London");

  open_dialog (f, f->ada, NULL);
  type_start (f, 2024, 11, 20, "14:30");
  adw_combo_row_set_selected (ps_schedule_dialog_get_length_row (f->dialog), 2);
  adw_combo_row_set_selected (ps_schedule_dialog_get_modality_row (f->dialog), PS_MODALITY_VIDEO);
  save (f);
  g_assert_null (f->dialog);   /* closed */
  g_assert_cmpuint (f->n_saved, ==, 1);

  open_dialog (f, f->ada, NULL);
  type_start (f, 2025, 4, 1, "14:30");
  save (f);
  g_assert_cmpuint (f->n_saved, ==, 2);

  winter = conversation_at (f, f->ada, 0);
  summer = conversation_at (f, f->ada, 1);
  winter_utc = schedule_fixture_utc (ps_conversation_get_starts_at (winter));
  summer_utc = schedule_fixture_utc (ps_conversation_get_starts_at (summer));
  g_assert_cmpstr (winter_utc, ==, "2024-11-20T14:30:00Z");
  g_assert_cmpstr (summer_utc, ==, "2025-04-01T13:30:00Z");
  g_assert_cmpuint (ps_conversation_get_minutes (winter), ==, 45);
  g_assert_cmpint (ps_conversation_get_modality (winter), ==, PS_MODALITY_VIDEO);
  g_assert_cmpint (ps_conversation_get_modality (summer), ==, PS_MODALITY_PHONE);
}

static void
test_refuses_past (Fixture       *f,
                   gconstpointer  data)
{
  open_dialog (f, f->ada, NULL);
  type_start (f, 2024, 11, 18, "09:45");
  g_assert_cmpstr (ps_schedule_dialog_get_error (f->dialog), ==,
                   "This time has passed. Choose a time still to come.");
  save (f);
  g_assert_nonnull (f->dialog);
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 0);

  /* 01:30 on 30 March 2025 never happens in London. */
  type_start (f, 2025, 3, 30, "01:30");
  g_assert_cmpstr (ps_schedule_dialog_get_error (f->dialog), ==,
                   "The clocks go forward at this time that day. Choose another time.");
  save (f);
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 0);

  type_start (f, 2024, 11, 18, "10:15");
  g_assert_null (ps_schedule_dialog_get_error (f->dialog));
  save (f);
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 1);
}

/* One field, typed as "14:30" or "14h30"; what is no time is refused with
 * a message and left as typed, never clamped to 23:59. */
static void
test_typed_time (Fixture       *f,
                 gconstpointer  data)
{
  PsTimeRow *row;
  GtkEditable *entry;
  g_autoptr(PsConversation) saved = NULL;
  g_autofree char *utc = NULL;

  open_dialog (f, f->ada, NULL);
  row = ps_schedule_dialog_get_time_row (f->dialog);
  entry = ps_time_row_get_entry (row);

  for (guint i = 0; i < 4; i++)
    {
      const char *wrong[] = { "99:00", "14:99", "noon", "24:00" };

      type_start (f, 2024, 11, 20, wrong[i]);
      g_assert_cmpstr (ps_schedule_dialog_get_error (f->dialog), ==,
                       "Type a time between 00:00 and 23:59, such as 14:30.");
      g_assert_false (ps_time_row_get_valid (row));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
      save (f);
      g_assert_nonnull (f->dialog);
      g_assert_cmpstr (time_text (f), ==, wrong[i]);
    }
  ps_test_screenshot (GTK_WIDGET (f->dialog), "schedule-dialog-wrong-time.png");
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 0);

  /* Up and Down, as real key presses: minutes in fives after the colon,
   * hours before it, round the clock. */
  type_start (f, 2024, 11, 20, "23:58");
  g_assert_null (ps_schedule_dialog_get_error (f->dialog));
  ps_test_press_time_arrows (GTK_WINDOW (f->dialog), entry, "00:00", "23:50", "00:50");

  /* The French way of writing it is a time too. */
  type_start (f, 2024, 11, 20, "14h30");
  g_assert_null (ps_schedule_dialog_get_error (f->dialog));
  save (f);
  g_assert_null (f->dialog);
  saved = conversation_at (f, f->ada, 0);
  utc = schedule_fixture_utc (ps_conversation_get_starts_at (saved));
  g_assert_cmpstr (utc, ==, "2024-11-20T14:30:00Z");
}

static void
test_parse (void)
{
  const struct { const char *text; int hour, minute; } good[] = {
    { "14:30", 14, 30 }, { "9:05", 9, 5 }, { "9", 9, 0 }, { "1430", 14, 30 },
    { "930", 9, 30 }, { " 14.30 ", 14, 30 }, { "14h30", 14, 30 }, { "14 h 30", 14, 30 },
    { "14h", 14, 0 }, { "00:00", 0, 0 }, { "23:59", 23, 59 },
    /* The 12-hour clock's, whichever clock is shown. */
    { "2:30 PM", 14, 30 }, { "2:30 pm", 14, 30 }, { "2:30pm", 14, 30 }, { "2 PM", 14, 0 },
    { "12:30pm", 12, 30 }, { "12:05 AM", 0, 5 }, { "9:15 a.m.", 9, 15 }, { "11 P.M.", 23, 0 },
  };
  const char *bad[] = { "", "24:00", "12:60", "99", "1:2", "12:345", "12345", "ab", ":30",
                        "12::30", "-1:00", "13:00 PM", "0:30 AM", "14:30 pm", "PM", "2:30 XM",
                        "2:75 PM" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      int hour = -1, minute = -1;

      g_assert_true (ps_time_parse (good[i].text, &hour, &minute));
      g_assert_cmpint (hour, ==, good[i].hour);
      g_assert_cmpint (minute, ==, good[i].minute);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int hour = -1, minute = -1;

      g_assert_false (ps_time_parse (bad[i], &hour, &minute));
      g_assert_cmpint (hour, ==, -1);
    }
}

static void
test_flags_overlap (Fixture       *f,
                    gconstpointer  data)
{
  PsCase *bram = ps_test_add_case (f->base.tc.store, "Dr. Bram Example", "2024-11-17");
  g_autoptr(PsConversation) other = schedule_fixture_plan (&f->base, bram, 2024, 11, 20, 14, 30, 30,
                                                           PS_MODALITY_PHONE);

  open_dialog (f, f->ada, NULL);
  type_start (f, 2024, 11, 20, "15:00");
  g_assert_null (ps_schedule_dialog_get_warning (f->dialog));
  type_start (f, 2024, 11, 20, "14:45");
  g_assert_cmpstr (ps_schedule_dialog_get_warning (f->dialog), ==,
                   "Overlaps another conversation at 14:30");
  /* Ending as the other starts is no overlap. */
  type_start (f, 2024, 11, 20, "14:00");
  g_assert_null (ps_schedule_dialog_get_warning (f->dialog));
  type_start (f, 2024, 11, 20, "14:15");
  g_assert_nonnull (ps_schedule_dialog_get_warning (f->dialog));
  ps_test_screenshot (GTK_WIDGET (f->dialog), "schedule-dialog-overlap.png");

  /* Allowed all the same. */
  save (f);
  g_assert_null (f->dialog);
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 1);
}

static void
test_fourth_conversation (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PsConversation) c1 = NULL, c2 = NULL, c3 = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *question;

  c1 = schedule_fixture_plan (&f->base, f->ada, 2024, 11, 19, 10, 0, 30, PS_MODALITY_PHONE);
  c2 = schedule_fixture_plan (&f->base, f->ada, 2024, 11, 20, 10, 0, 30, PS_MODALITY_PHONE);
  c3 = schedule_fixture_plan (&f->base, f->ada, 2024, 11, 21, 10, 0, 30, PS_MODALITY_PHONE);

  /* Cancelled ones do not count. */
  g_assert_true (ps_store_set_conversation_state (f->base.tc.store, ps_conversation_get_id (c3),
                                                  PS_CONVERSATION_CANCELLED, &error));
  open_dialog (f, f->ada, NULL);
  type_start (f, 2024, 11, 22, "10:00");
  save (f);
  g_assert_null (f->dialog);
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 4);

  /* Three planned: the fourth is asked about, with the referral in mind. */
  open_dialog (f, f->ada, NULL);
  type_start (f, 2024, 11, 25, "10:00");
  save (f);
  question = ps_schedule_dialog_get_confirmation (f->dialog);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Plan a Fourth Conversation?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "professional resources"));
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 4);

  adw_message_dialog_response (question, "cancel");
  g_assert_null (ps_schedule_dialog_get_confirmation (f->dialog));
  g_assert_nonnull (f->dialog);
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 4);
  g_assert_cmpuint (f->n_saved, ==, 1);

  save (f);
  question = ps_schedule_dialog_get_confirmation (f->dialog);
  g_assert_nonnull (question);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (question));
  ps_test_screenshot (GTK_WIDGET (question), "schedule-fourth.png");
  adw_message_dialog_response (question, "schedule");
  g_assert_null (f->dialog);
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 5);
  g_assert_cmpuint (f->n_saved, ==, 2);
}

static void
test_reschedule (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PsConversation) planned = NULL;
  g_autoptr(PsConversation) moved = NULL;
  g_autofree char *utc = NULL;

  planned = schedule_fixture_plan (&f->base, f->ada, 2024, 11, 20, 14, 30, 15, PS_MODALITY_IN_PERSON);
  open_dialog (f, f->ada, planned);
  /* It opens on the conversation as planned. */
  g_assert_cmpstr (time_text (f), ==, "14:30");
  g_assert_cmpuint (adw_combo_row_get_selected (ps_schedule_dialog_get_length_row (f->dialog)), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ps_schedule_dialog_get_modality_row (f->dialog)), ==,
                    PS_MODALITY_IN_PERSON);
  /* Its own slot is no overlap. */
  g_assert_null (ps_schedule_dialog_get_warning (f->dialog));

  type_start (f, 2024, 11, 21, "16:05");
  save (f);
  g_assert_null (f->dialog);
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 1);
  moved = conversation_at (f, f->ada, 0);
  g_assert_cmpint (ps_conversation_get_id (moved), ==, ps_conversation_get_id (planned));
  utc = schedule_fixture_utc (ps_conversation_get_starts_at (moved));
  g_assert_cmpstr (utc, ==, "2024-11-21T16:05:00Z");
  g_assert_cmpint (ps_conversation_get_modality (moved), ==, PS_MODALITY_IN_PERSON);
}

/* The case page plans, moves and cancels. */
static void
test_case_page_actions (Fixture       *f,
                        gconstpointer  data)
{
  PsCasePage *page = ps_case_page_new (f->base.tc.context);
  g_autoptr(PsConversation) planned = NULL;
  PsScheduleDialog *dialog;

  ps_case_page_set_case (page, f->ada);
  schedule_fixture_show (&f->base, GTK_WIDGET (page), 800);

  gtk_widget_activate_action (GTK_WIDGET (page), "case.schedule", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_null (ps_schedule_dialog_get_conversation (dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->base.window);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  g_assert_null (find_dialog ());
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 1);
  planned = conversation_at (f, f->ada, 0);
  gtk_window_set_default_size (f->base.window, 600, 1300);
  ps_test_screenshot (GTK_WIDGET (f->base.window), "case-page-scheduled.png");

  gtk_widget_activate_action (GTK_WIDGET (page), "case.reschedule-conversation", "x",
                              ps_conversation_get_id (planned));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (ps_schedule_dialog_get_conversation (dialog) == planned);
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_widget_activate_action (GTK_WIDGET (page), "case.cancel-conversation", "x",
                              ps_conversation_get_id (planned));
  g_assert_cmpint (ps_conversation_get_state (planned), ==, PS_CONVERSATION_CANCELLED);
  g_assert_cmpuint (n_conversations (f, f->ada), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  /* Typed times are local: test them where the clocks change. */
  g_setenv ("TZ", "Europe/London", TRUE);
  tzset ();
  home = ps_test_session_init (&argc, &argv);

#define ADD(path, fn) g_test_add ("/schedule/dialog/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("defaults", test_defaults);
  ADD ("local-time-to-utc", test_local_time_to_utc);
  ADD ("refuses-past", test_refuses_past);
  ADD ("typed-time", test_typed_time);
  g_test_add_func ("/schedule/dialog/parse-time", test_parse);
  ADD ("flags-overlap", test_flags_overlap);
  ADD ("fourth-conversation", test_fourth_conversation);
  ADD ("reschedule", test_reschedule);
  ADD ("case-page-actions", test_case_page_actions);
#undef ADD

  ret = g_test_run ();
  ps_remove_tree (home);
  return ret;
}
