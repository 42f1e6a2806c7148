/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-util.h"
#include "schedule-fixture.h"

#define TEST_KEY "00112233445566778899aabbccddeeff0123456789abcdef0011223344556677"

void
schedule_fixture_set_up (ScheduleFixture *f,
                         gconstpointer    data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2024, 11, 18, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("peerside-schedule-XXXXXX", NULL);
  path = g_build_filename (f->dir, "caseload.db", NULL);
  f->clock = ps_clock_new_fake (now);
  f->settings = g_settings_new ("io.github.peerside.Peerside");
  f->store = ps_store_open_with_key (path, TEST_KEY, TRUE, f->clock, &error);
  g_assert_no_error (error);
  f->context = ps_context_new_for_store (f->clock, f->settings, f->store);
}

void
schedule_fixture_tear_down (ScheduleFixture *f,
                            gconstpointer    data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  f->window = NULL;
  g_clear_object (&f->context);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "privacy-mode");
  g_settings_reset (f->settings, "first-contact-due-days");
  g_settings_reset (f->settings, "first-contact-overdue-days");
  g_clear_object (&f->settings);
  ps_remove_tree (f->dir);
  g_free (f->dir);
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
  g_autoptr(GTimeZone) tz = ps_clock_get_timezone (f->clock);
  g_autoptr(GDateTime) at = g_date_time_new (tz, year, month, day, hour, minute, 0);
  g_autoptr(GError) error = NULL;
  PsConversation *conversation;

  conversation = ps_store_schedule_conversation (f->store, ps_case_get_id (item), at, minutes,
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
