/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-util.h"
#include "schedule-fixture.h"

static const PsTestContextOptions options = { PS_TEST_STORE_TEST_KEY, PS_TEST_MONDAY };

void
schedule_fixture_set_up (ScheduleFixture *f,
                         gconstpointer    data)
{
  ps_test_context_set_up (&f->tc, &options);
}

void
schedule_fixture_tear_down (ScheduleFixture *f,
                            gconstpointer    data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  f->window = NULL;
  ps_test_context_tear_down (&f->tc, &options);
}

PsConversation *
schedule_fixture_plan (ScheduleFixture *f,
                       PsCase          *item,
                       int              year,
                       int              month,
                       int              day,
                       int              hour,
                       int              minute,
                       guint            minutes,
                       PsModality       modality)
{
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (f->tc.clock);
  g_autoptr(GDateTime) at = g_date_time_new (tz, year, month, day, hour, minute, 0);
  g_autoptr(GError) error = NULL;
  PsConversation *conversation;

  conversation = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (item), at, minutes,
                                                 modality, &error);
  g_assert_no_error (error);
  g_assert_nonnull (conversation);
  return conversation;
}

char *
schedule_fixture_utc (GDateTime *instant)
{
  return ps_instant_to_iso (instant);
}

GtkWindow *
schedule_fixture_show (ScheduleFixture *f,
                       GtkWidget       *child,
                       int              width)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, width, 800);
  gtk_window_set_child (f->window, child);
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  return f->window;
}
