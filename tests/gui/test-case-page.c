/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The case page and the case form as a supporter uses them: the real widgets
 * on a real SQLCipher store opened through the real keyring, a fake clock,
 * and what the user sees after each step — the Save button, the inline
 * message, the lists, the state line, the toasts, the clipboard. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "ps-case-editor.h"
#include "ps-case-page.h"
#include "ps-close-case-dialog.h"
#include "ps-grid-row.h"
#include "ps-preferences-window.h"
#include "ps-schedule-dialog.h"
#include "ps-date-row.h"
#include "ps-resources.h"
#include "ps-test-context.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"

typedef struct
{
  PsTestContext  tc;
  GtkWindow  *window;
  PsCasePage *page;
} Fixture;

static char *data_home;

/* Finding what a user sees ------------------------------------------------ */

static gboolean
is_menu_button_labelled (GtkWidget     *widget,
                         gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), data) == 0;
}

static gboolean
is_icon_menu_button (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "view-more-symbolic") == 0;
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
       row != NULL;
       row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), ++n))
    ;
  return n;
}

static const char *
row_title (GtkWidget *list,
           guint      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static GtkWidget *
attempts_list (Fixture *f)
{
  GtkWidget *list = ps_test_find_widget (GTK_WIDGET (f->page), ps_test_is_named, "attempts-list");

  g_assert_true (GTK_IS_LIST_BOX (list));
  return list;
}

static const char *
state_line (Fixture *f)
{
  GtkWidget *label = ps_test_find_widget (GTK_WIDGET (f->page), ps_test_is_named, "state-line");

  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_is_drawable (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The name, shown once: on the page, not in the header. */
static const char *
page_title (Fixture *f)
{
  GtkWidget *label = ps_test_find_widget (GTK_WIDGET (f->page), ps_test_is_named, "case-name");
  GtkWidget *title = ps_test_find_type (ps_test_find_type (GTK_WIDGET (f->page), ADW_TYPE_HEADER_BAR),
                                ADW_TYPE_WINDOW_TITLE);

  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_is_drawable (label));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "");
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
action_enabled (Fixture    *f,
                const char *action)
{
  GtkWidget *button = ps_test_find_widget (GTK_WIDGET (f->page), ps_test_has_action, action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static gboolean
toast_shows (Fixture    *f,
             const char *text)
{
  return ps_test_find_widget (GTK_WIDGET (f->window), ps_test_is_label_reading, text) != NULL;
}

/* What a pointer click does (gtk_widget_activate() on a button only emits
 * ::clicked after a 250 ms press animation). */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
hold (gpointer widget)
{
  return g_object_ref (GTK_WIDGET (widget));
}

/* Fixture ------------------------------------------------------------------ */

/* Thursday 14 November 2024, 10:00 UTC; the folder in the session's data
 * folder (set in main). */
static PsTestContextOptions options = { .now = "2024-11-14T10:00:00", .tz = "UTC" };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ps_test_context_set_up (&f->tc, &options);

  f->page = ps_case_page_new (f->tc.context);
  f->window = ps_test_present (GTK_WIDGET (f->page), 1000, 760);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ps_test_destroy_windows ();
  ps_test_context_tear_down (&f->tc, &options);
}

static PsCase *
show_case (Fixture    *f,
           const char *name,
           const char *contact)
{
  g_autoptr(PsCaseFields) fields = ps_test_fields (name);
  PsCase *item;

  g_free (fields->contact);
  fields->contact = g_strdup (contact);
  g_date_set_dmy (&fields->requested_on, 12, 11, 2024);
  g_date_set_dmy (&fields->assigned_on, 13, 11, 2024);
  item = ps_test_add_case_fields (f->tc.store, fields);

  ps_case_page_set_case (f->page, item);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  return item;
}

/* The editor ---------------------------------------------------------------- */

static PsCaseEditor *
open_editor (Fixture *f,
             PsCase  *item)
{
  PsCaseEditor *editor = ps_case_editor_new (f->tc.context, item);

  gtk_window_set_transient_for (GTK_WINDOW (editor), f->window);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  return editor;
}

static GtkWidget *
editor_save (PsCaseEditor *editor)
{
  return ps_test_find_button (GTK_WIDGET (editor), "_Save");
}

/* The message under the form, or NULL when none shows. */
static const char *
editor_message (PsCaseEditor *editor)
{
  GtkWidget *label = ps_test_find_widget (GTK_WIDGET (editor), is_error_label, NULL);

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
type_text (GtkWidget  *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
choose_reason (PsCaseEditor *editor,
               PsReason      reason)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (ps_test_find_row (GTK_WIDGET (editor), "R_eason")), reason);
}

static void
test_editor_refuses_empty_name (Fixture       *f,
                                gconstpointer  data)
{
  PsCaseEditor *editor = open_editor (f, NULL);
  GtkWidget *name_row = ps_test_find_row (GTK_WIDGET (editor), "_Name");

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Case");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == f->window);

  /* A blank form cannot be saved, but does not scold before any typing. */
  g_assert_false (gtk_widget_get_sensitive (editor_save (editor)));
  g_assert_null (editor_message (editor));

  /* No reason is chosen for the user: one left alone would skew the
   * statistics. */
  type_text (name_row, "Dr. Ada Placeholder");
  g_assert_false (gtk_widget_get_sensitive (editor_save (editor)));
  g_assert_cmpstr (editor_message (editor), ==, "Choose a reason.");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ps_test_find_row (GTK_WIDGET (editor), "R_eason"))),
                   ==, "Not chosen yet");
  choose_reason (editor, PS_REASON_COMPLAINT);
  g_assert_true (gtk_widget_get_sensitive (editor_save (editor)));
  g_assert_null (editor_message (editor));

  /* Only spaces is no name. */
  type_text (name_row, "   ");
  g_assert_false (gtk_widget_get_sensitive (editor_save (editor)));
  g_assert_cmpstr (editor_message (editor), ==, "Enter a name.");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));

  /* Save through the keyboard does nothing either. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->tc.store)), ==, 0);

  type_text (name_row, "Ada");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  g_assert_null (editor_message (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_editor_refuses_future_request (Fixture       *f,
                                    gconstpointer  data)
{
  PsCaseEditor *editor = open_editor (f, NULL);
  GtkWidget *requested = ps_test_find_row (GTK_WIDGET (editor), "Re_quested On");
  GtkWidget *menu_button = ps_test_find_type (requested, GTK_TYPE_MENU_BUTTON);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_new (utc, 2024, 11, 15, 12, 0, 0);
  g_autoptr(GDateTime) yesterday = g_date_time_new (utc, 2024, 11, 13, 12, 0, 0);
  GtkWidget *calendar;

  type_text (ps_test_find_row (GTK_WIDGET (editor), "_Name"), "Dr. Ada Placeholder");
  choose_reason (editor, PS_REASON_CONFLICT);

  /* Today (from the clock) by default. */
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button)), ==, "Thu 14 Nov 2024");

  /* Choose tomorrow in the calendar. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  calendar = ps_test_find_type (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                        GTK_TYPE_CALENDAR);
  g_assert_nonnull (calendar);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), tomorrow);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button)), ==, "Fri 15 Nov 2024");

  g_assert_false (gtk_widget_get_sensitive (editor_save (editor)));
  g_assert_cmpstr (editor_message (editor), ==, "The request date cannot be in the future.");
  g_assert_true (gtk_widget_has_css_class (requested, "error"));

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  gtk_calendar_select_day (GTK_CALENDAR (calendar), yesterday);
  g_assert_true (gtk_widget_get_sensitive (editor_save (editor)));
  g_assert_false (gtk_widget_has_css_class (requested, "error"));
  g_assert_null (editor_message (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_editor_colleague_needs_consent (Fixture       *f,
                                     gconstpointer  data)
{
  GtkWidget *held;
  PsCaseEditor *editor = open_editor (f, NULL);
  GtkWidget *referral = ps_test_find_row (GTK_WIDGET (editor), "_Referral");
  GtkWidget *consent = ps_test_find_row (GTK_WIDGET (editor), "The colleague _agreed to be referred");

  type_text (ps_test_find_row (GTK_WIDGET (editor), "_Name"), "Dr. Ada Placeholder");
  choose_reason (editor, PS_REASON_CONFLICT);
  g_assert_false (gtk_widget_get_visible (consent));

  adw_combo_row_set_selected (ADW_COMBO_ROW (referral), PS_REFERRAL_COLLEAGUE);
  g_assert_true (gtk_widget_get_visible (consent));
  g_assert_false (gtk_widget_get_sensitive (editor_save (editor)));
  g_assert_cmpstr (editor_message (editor), ==, "Confirm that the colleague agreed to be referred.");
  g_assert_true (gtk_widget_has_css_class (consent, "error"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  ps_test_screenshot (GTK_WIDGET (editor), "case-editor-consent.png");

  /* Clicking the row ticks the box. */
  adw_action_row_activate (ADW_ACTION_ROW (consent));
  g_assert_true (gtk_widget_get_sensitive (editor_save (editor)));
  g_assert_null (editor_message (editor));

  held = hold (editor);
  click (editor_save (editor));
  ps_test_wait_gone (held);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->tc.store)), ==, 1);
  {
    g_autoptr(PsCase) saved = g_list_model_get_item (ps_store_get_cases (f->tc.store), 0);

    g_assert_cmpint (ps_case_get_referral (saved), ==, PS_REFERRAL_COLLEAGUE);
    g_assert_true (ps_case_get_consent_confirmed (saved));
  }
}

typedef struct
{
  GtkEditable *editable;
  const char  *before;
} TextWait;

static gboolean
text_changed (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (wait->editable), wait->before) != 0;
}

static void
paste_into (GtkWidget  *row,
            const char *text)
{
  GtkWidget *delegate = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));
  g_autofree char *before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  TextWait wait = { GTK_EDITABLE (row), before };

  gdk_clipboard_set_text (gtk_widget_get_clipboard (row), text);
  gtk_widget_grab_focus (delegate);
  g_assert_true (gtk_widget_activate_action (delegate, "clipboard.paste", NULL));
  g_assert_true (ps_test_wait_for (text_changed, &wait, 5000));
}

static gboolean
notice_shows (gpointer data)
{
  gpointer *args = data;

  return ps_test_find_widget (args[0], ps_test_is_label_reading, args[1]) != NULL;
}

/* Pastes @text into @row and waits for @notice: the paste is not added. */
static void
paste_refused (GtkWidget  *editor,
               GtkWidget  *row,
               const char *text,
               const char *notice)
{
  GtkWidget *delegate = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));
  g_autofree char *before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  gpointer args[] = { editor, (gpointer) notice };

  gdk_clipboard_set_text (gtk_widget_get_clipboard (row), text);
  gtk_widget_grab_focus (delegate);
  g_assert_true (gtk_widget_activate_action (delegate, "clipboard.paste", NULL));
  g_assert_true (ps_test_wait_for (notice_shows, args, 5000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, before);
}

static void
test_editor_paste_is_never_cut (Fixture       *f,
                                gconstpointer  data)
{
  PsCaseEditor *editor = open_editor (f, NULL);
  GtkWidget *name_row = ps_test_find_row (GTK_WIDGET (editor), "_Name");
  GtkWidget *contact_row = ps_test_find_row (GTK_WIDGET (editor), "C_ontact (phone, email or pager)");
  g_autofree char *long_name = g_strnfill (81, 'a');
  g_autofree char *full = g_strnfill (80, 'a');

  choose_reason (editor, PS_REASON_OTHER);
  /* A note pasted as a name: refused whole, with a word, never joined. */
  paste_refused (GTK_WIDGET (editor), name_row,
                 "Dr. Ada Placeholder\nSaid she cannot sleep since the audit",
                 "A name is one line: the pasted text has line breaks, so it was not added.");
  paste_refused (GTK_WIDGET (editor), name_row, long_name,
                 "A name has at most 80 characters: the text was not added.");

  /* A copied line keeps its text, not its line break. */
  paste_into (name_row, "Dr. Ada Placeholder\r\n");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Dr. Ada Placeholder");
  g_assert_true (gtk_widget_get_sensitive (editor_save (editor)));

  /* Typing at the limit adds nothing, and says why. */
  type_text (name_row, full);
  gtk_editable_insert_text (GTK_EDITABLE (name_row), "b", -1, &(int) { 80 });
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, full);
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (editor), ps_test_is_label_reading,
                                 "A name has at most 80 characters: the text was not added."));

  /* A contact pasted from an email signature is refused the same way. */
  paste_refused (GTK_WIDGET (editor), contact_row, "+1 555 0100\r\npager 4242\n",
                 "A contact is one line: the pasted text has line breaks, so it was not added.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (contact_row)), ==, "");
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* What shows as a blank row, reads backwards or carries terminal codes is
 * refused inline, and the store refuses it again. */
static void
test_editor_refuses_invisible_and_controls (Fixture       *f,
                                            gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *contact;
    const char *message;
  } cases[] = {
    { "\u200b\u200c\u200d\u2060\ufeff", "", "Enter a name." },
    { "\u3164 \u200e", "", "Enter a name." },
    { "Dr. \u202eredlohecalP adA", "", "A name cannot hold characters that change the direction of text." },
    { "Dr. Ada \u2066Placeholder\u2069", "", "A name cannot hold characters that change the direction of text." },
    { "Dr. Ada\x1b[2JPlaceholder", "", "A name cannot hold tabs or other control characters." },
    { "Dr.\tAda Placeholder", "", "A name cannot hold tabs or other control characters." },
    { "Dr. Ada Placeholder", "555\t0100", "A contact cannot hold tabs or other control characters." },
    { "Dr. Ada Placeholder", "\u200b\u200b", "The contact shows as blank: type it with visible characters." },
    { "Dr. Ada Placeholder", "\u202e0010-555", "A contact cannot hold characters that change the direction of text." },
  };
  PsCaseEditor *editor = open_editor (f, NULL);
  GtkWidget *name_row = ps_test_find_row (GTK_WIDGET (editor), "_Name");
  GtkWidget *contact_row = ps_test_find_row (GTK_WIDGET (editor), "C_ontact (phone, email or pager)");

  choose_reason (editor, PS_REASON_CONFLICT);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PsCaseFields) fields = ps_test_fields (cases[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(PsCase) kase = NULL;

      g_free (fields->contact);
      fields->contact = g_strdup (cases[i].contact);

      g_test_message ("%s", cases[i].message);
      type_text (name_row, cases[i].name);
      type_text (contact_row, cases[i].contact);
      g_assert_false (gtk_widget_get_sensitive (editor_save (editor)));
      g_assert_cmpstr (editor_message (editor), ==, cases[i].message);

      kase = ps_store_create_case (f->tc.store, fields, &error);
      g_assert_null (kase);
      g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->tc.store)), ==, 0);

  /* Names in other scripts and with accents are names. */
  type_text (name_row, "Dr. Zoë Ŋgata-ذكي");
  type_text (contact_row, "");
  g_assert_true (gtk_widget_get_sensitive (editor_save (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
saved_cb (PsCaseEditor  *editor,
          PsCase        *item,
          PsCase       **out)
{
  g_set_object (out, item);
}

static void
test_editor_creates_case (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *held;
  PsCaseEditor *editor = open_editor (f, NULL);
  g_autoptr(PsCase) saved = NULL;
  GtkWidget *contact_row;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  type_text (ps_test_find_row (GTK_WIDGET (editor), "_Name"), "Dr. Ada Placeholder");
  contact_row = ps_test_find_row (GTK_WIDGET (editor), "C_ontact (phone, email or pager)");
  type_text (contact_row, "ada@example.org");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ps_test_find_row (GTK_WIDGET (editor), "_Meet By")), PS_MODALITY_VIDEO);
  adw_combo_row_set_selected (ADW_COMBO_ROW (ps_test_find_row (GTK_WIDGET (editor), "R_eason")), PS_REASON_BURNOUT);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  ps_test_screenshot (GTK_WIDGET (editor), "case-editor-480.png");
  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 640);
  ps_test_iterate (200);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  ps_test_screenshot (GTK_WIDGET (editor), "case-editor-360.png");

  /* Enter in the last text field saves. */
  held = hold (editor);
  g_signal_emit_by_name (contact_row, "entry-activated");
  ps_test_wait_gone (held);

  g_assert_nonnull (saved);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->tc.store)), ==, 1);
  {
    g_autoptr(PsCase) listed = g_list_model_get_item (ps_store_get_cases (f->tc.store), 0);

    g_assert_true (listed == saved);
    g_assert_cmpstr (ps_case_get_display_name (listed), ==, "Dr. Ada Placeholder");
    g_assert_cmpstr (ps_case_get_contact (listed), ==, "ada@example.org");
    g_assert_cmpint (ps_case_get_modality (listed), ==, PS_MODALITY_VIDEO);
    g_assert_cmpint (ps_case_get_reason (listed), ==, PS_REASON_BURNOUT);
    g_assert_cmpint (g_date_get_day (ps_case_get_requested_on (listed)), ==, 14);
  }
}

/* Today is Thu 14 Nov 2024. A request from 2023 asks before it is saved;
 * one from within the year does not, nor saving a case already dated so. */
static void
test_editor_asks_about_old_request (Fixture       *f,
                                    gconstpointer  data)
{
  PsCaseEditor *editor = open_editor (f, NULL);
  PsDateRow *requested = PS_DATE_ROW (ps_test_find_row (GTK_WIDGET (editor), "Re_quested On"));
  g_autoptr(PsCase) saved = NULL;
  AdwMessageDialog *question;
  GtkWidget *held;
  GDate day;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  type_text (ps_test_find_row (GTK_WIDGET (editor), "_Name"), "Dr. Ada Placeholder");
  choose_reason (editor, PS_REASON_LIFE_STRESSOR);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 10, 2023);
  ps_date_row_set_date (requested, &day);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  question = ps_case_editor_get_confirmation (editor);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Requested Over a Year Ago?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Sun 1 Oct 2023"));
  g_assert_null (strstr (adw_message_dialog_get_body (question), "Ada"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (question));
  ps_test_screenshot (GTK_WIDGET (question), "case-editor-old-request.png");
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->tc.store)), ==, 0);

  /* Change Date (the default) goes back to the form, nothing saved. */
  adw_message_dialog_response (question, "change");
  g_assert_null (ps_case_editor_get_confirmation (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->tc.store)), ==, 0);

  /* Within the year: no question. */
  g_date_set_dmy (&day, 15, 11, 2023);
  ps_date_row_set_date (requested, &day);
  g_date_set_dmy (&day, 1, 10, 2023);
  ps_date_row_set_date (requested, &day);

  /* Keep Date saves it as typed. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  question = ps_case_editor_get_confirmation (editor);
  g_assert_nonnull (question);
  held = hold (editor);
  adw_message_dialog_response (question, "save");
  ps_test_wait_gone (held);
  g_assert_nonnull (saved);
  g_assert_cmpint (g_date_get_year (ps_case_get_requested_on (saved)), ==, 2023);

  /* Editing it again asks nothing while the date stays. */
  editor = open_editor (f, saved);
  held = hold (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  ps_test_wait_gone (held);

  /* A day within the year saves straight away. */
  editor = open_editor (f, NULL);
  type_text (ps_test_find_row (GTK_WIDGET (editor), "_Name"), "Dr. Bram Example");
  choose_reason (editor, PS_REASON_OTHER);
  g_date_set_dmy (&day, 15, 11, 2023);
  ps_date_row_set_date (PS_DATE_ROW (ps_test_find_row (GTK_WIDGET (editor), "Re_quested On")), &day);
  held = hold (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  ps_test_wait_gone (held);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->tc.store)), ==, 2);
}

static void
test_editor_edits_case (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *held;
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  PsCaseEditor *editor;
  GtkWidget *name_row;

  g_assert_cmpstr (page_title (f), ==, "Dr. Ada Placeholder");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.edit", NULL));
  editor = PS_CASE_EDITOR (ps_test_find_toplevel (PS_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Case");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == f->window);

  name_row = ps_test_find_row (GTK_WIDGET (editor), "_Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Dr. Ada Placeholder");
  g_assert_true (gtk_widget_get_sensitive (editor_save (editor)));
  type_text (name_row, "Dr. Ada P. Placeholder");

  /* Ctrl+Enter saves from anywhere in the form. */
  held = hold (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  ps_test_wait_gone (held);

  g_assert_cmpstr (ps_case_get_display_name (item), ==, "Dr. Ada P. Placeholder");
  g_assert_cmpstr (page_title (f), ==, "Dr. Ada P. Placeholder");
}

static void
test_editor_cancel_keeps_case (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *held;
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  PsCaseEditor *editor = open_editor (f, item);

  type_text (ps_test_find_row (GTK_WIDGET (editor), "_Name"), "Someone Else");
  held = hold (editor);
  click (ps_test_find_button (GTK_WIDGET (editor), "_Cancel"));
  ps_test_wait_gone (held);
  g_assert_cmpstr (ps_case_get_display_name (item), ==, "Dr. Ada Placeholder");
}

static void
test_editor_shows_store_error (Fixture       *f,
                               gconstpointer  data)
{
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  gint64 id = ps_case_get_id (item);
  g_autoptr(PsCaseEditor) editor = g_object_ref (open_editor (f, item));
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCaseFields) fields = ps_case_dup_fields (item);
  GtkWidget *name_row = ps_test_find_row (GTK_WIDGET (editor), "_Name");

  type_text (name_row, "Dr. Ada P. Placeholder");

  /* Deleted meanwhile (another window, retention): the store refuses. */
  g_object_ref (item);
  g_assert_true (ps_store_delete_case (f->tc.store, id, &error));
  g_assert_no_error (error);
  g_assert_false (ps_store_update_case (f->tc.store, id, fields, &error));
  g_assert_nonnull (error);

  /* The store's own words show under the form; nothing typed is lost. */
  click (editor_save (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (editor_message (editor), ==, error->message);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Dr. Ada P. Placeholder");
  g_assert_null (ps_store_lookup_case (f->tc.store, id));
  g_object_unref (item);

  /* The page let go of the deleted case. */
  g_assert_null (ps_case_page_get_case (f->page));
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The page ------------------------------------------------------------------ */

static void
test_page_logs_attempts (Fixture       *f,
                         gconstpointer  data)
{
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  GtkWidget *attempts = attempts_list (f);
  g_autofree char *before = g_strdup (state_line (f));

  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
  g_assert_cmpuint (count_rows (attempts), ==, 0);
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (f->page), ps_test_is_label_reading, "No attempts yet"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "no-answer"));
  g_assert_cmpuint (count_rows (attempts), ==, 1);
  g_assert_cmpstr (row_title (attempts, 0), ==, "No answer · Thu 14 Nov, 10:00");
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);

  /* Two hours later they answer: newest first, and the case is in support. */
  ps_clock_advance (f->tc.clock, 2 * G_TIME_SPAN_HOUR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "reached"));
  g_assert_cmpuint (count_rows (attempts), ==, 2);
  g_assert_cmpstr (row_title (attempts, 0), ==, "Reached · Thu 14 Nov, 12:00");
  g_assert_cmpstr (row_title (attempts, 1), ==, "No answer · Thu 14 Nov, 10:00");
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_IN_SUPPORT);
  g_assert_cmpstr (state_line (f), !=, before);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ps_test_screenshot (GTK_WIDGET (f->window), "case-page-1000.png");
  gtk_window_set_default_size (f->window, 360, 720);
  ps_test_iterate (200);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  ps_test_screenshot (GTK_WIDGET (f->window), "case-page-360.png");
}

static gboolean
is_shown_scrolled_window (GtkWidget     *widget,
                          gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_is_drawable (widget);
}

static void
scroll_to_end (Fixture *f)
{
  GtkWidget *scrolled = ps_test_find_widget (GTK_WIDGET (f->page), is_shown_scrolled_window, NULL);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* Let the lists grow first. */
  ps_test_iterate (100);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  ps_test_iterate (100);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
test_page_lists_conversations (Fixture       *f,
                               gconstpointer  data)
{
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  GtkWidget *list = ps_test_find_widget (GTK_WIDGET (f->page), ps_test_is_named, "conversations-list");
  g_autoptr(GDateTime) starts = g_date_time_new_utc (2024, 11, 18, 14, 30, 0);
  g_autoptr(PsConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;

  g_assert_cmpuint (count_rows (list), ==, 0);
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (f->page), ps_test_is_label_reading, "No conversations yet"));

  conversation = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (item), starts, 30,
                                                 PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (list), ==, 1);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Mon 18 Nov, 14:30");
  g_assert_cmpstr (ps_grid_row_get_subtitle (PS_GRID_ROW (row)), ==, "30 min · Video · Scheduled");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "left-message");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "reached");
  scroll_to_end (f);
  ps_test_screenshot (GTK_WIDGET (f->window), "case-page-1000-end.png");
  gtk_window_set_default_size (f->window, 360, 720);
  ps_test_iterate (200);
  scroll_to_end (f);
  ps_test_screenshot (GTK_WIDGET (f->window), "case-page-360-end.png");
}

static GtkWidget *
undo_button (Fixture *f)
{
  return ps_test_find_widget (GTK_WIDGET (f->window), ps_test_is_button_labelled, "_Undo");
}

static void
test_page_close_undo_reopen (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *held;
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  PsCloseCaseDialog *dialog;
  GtkWidget *close_button;

  g_assert_false (g_str_has_prefix (state_line (f), "Closed"));

  /* The menu's Close Case… opens the dialog; it says when the name goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.close", NULL));
  dialog = PS_CLOSE_CASE_DIALOG (ps_test_find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "How did the support end? Their name and contact will be erased on "
                   "14 December 2024; until then you can reopen the case.");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  ps_test_screenshot (GTK_WIDGET (dialog), "close-case-dialog.png");

  /* Nothing is chosen for the user. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "close"));
  adw_action_row_activate (ADW_ACTION_ROW (ps_test_find_row (GTK_WIDGET (dialog), "Referred to professional resources")));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "close"));
  close_button = ps_test_find_button (GTK_WIDGET (dialog), "C_lose Case");
  held = hold (dialog);
  click (close_button);
  ps_test_wait_gone (held);

  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_CLOSED);
  g_assert_cmpint (ps_case_get_closure_status (item), ==, PS_CLOSURE_REFERRED);
  g_assert_cmpint (g_date_get_day (ps_case_get_closed_on (item)), ==, 14);
  g_assert_true (g_str_has_prefix (state_line (f), "Closed · "));
  g_assert_true (toast_shows (f, "Case closed"));
  g_assert_nonnull (ps_test_find_row (GTK_WIDGET (f->page), "Thu 14 Nov 2024"));

  /* Closed: no second close, no attempts; reopen instead. */
  g_assert_false (gtk_widget_get_sensitive (ps_test_find_widget (GTK_WIDGET (f->page), ps_test_has_action, "case.close")));
  g_assert_false (gtk_widget_get_visible (ps_test_find_widget (GTK_WIDGET (f->page), is_menu_button_labelled,
                                                       "_Log Attempt")));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "reached");
  g_assert_cmpuint (count_rows (attempts_list (f)), ==, 0);

  /* Undo in the toast reopens. */
  g_assert_nonnull (undo_button (f));
  click (undo_button (f));
  ps_test_iterate (50);
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
  g_assert_false (g_str_has_prefix (state_line (f), "Closed"));

  /* Close again, then reopen from the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.close", NULL));
  dialog = PS_CLOSE_CASE_DIALOG (ps_test_find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG));
  ps_close_case_dialog_set_status (dialog, PS_CLOSURE_COMPLETED);
  held = hold (dialog);
  click (ps_test_find_button (GTK_WIDGET (dialog), "C_lose Case"));
  ps_test_wait_gone (held);
  g_assert_cmpint (ps_case_get_closure_status (item), ==, PS_CLOSURE_COMPLETED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.reopen", NULL));
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
}

static void
test_page_cancel_close (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *held;
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  GtkWidget *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.close", NULL);
  dialog = ps_test_find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG);
  ps_close_case_dialog_set_status (PS_CLOSE_CASE_DIALOG (dialog), PS_CLOSURE_DECLINED);
  held = hold (dialog);
  click (ps_test_find_button (dialog, "_Cancel"));
  ps_test_wait_gone (held);
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
}

static AdwMessageDialog *
open_delete_dialog (Fixture *f)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.delete", NULL));
  dialog = ps_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Delete names the colleague and offers to close instead, which keeps the
 * statistics and erases the name later by itself. */
static void
test_page_delete (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *held;
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  gint64 id = ps_case_get_id (item);
  AdwMessageDialog *dialog;
  PsCloseCaseDialog *closing;

  dialog = open_delete_dialog (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Dr. Ada Placeholder’s Case?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Their contact attempts and conversations are deleted too, and the program’s "
                   "statistics lose the case. This cannot be undone. Closing the case instead keeps "
                   "it in the statistics and erases their name and contact 30 days later.");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "close"), ==,
                   ADW_RESPONSE_SUGGESTED);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "close"), ==, "C_lose Instead");
  /* Enter closes, Escape keeps: deleting takes a deliberate click. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "close");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  ps_test_screenshot (GTK_WIDGET (dialog), "delete-case-dialog.png");

  /* Cancel keeps the case. */
  held = hold (dialog);
  click (ps_test_find_button (GTK_WIDGET (dialog), "_Cancel"));
  ps_test_wait_gone (held);
  g_assert_true (ps_store_lookup_case (f->tc.store, id) == item);

  /* Close Instead: the close dialog, saying when the name goes. */
  dialog = open_delete_dialog (f);
  held = hold (dialog);
  click (ps_test_find_button (GTK_WIDGET (dialog), "C_lose Instead"));
  ps_test_wait_gone (held);
  closing = PS_CLOSE_CASE_DIALOG (ps_test_find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG));
  g_assert_nonnull (closing);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (closing)),
                            "will be erased on 14 December 2024"));
  ps_close_case_dialog_set_status (closing, PS_CLOSURE_COMPLETED);
  held = hold (closing);
  click (ps_test_find_button (GTK_WIDGET (closing), "C_lose Case"));
  ps_test_wait_gone (held);
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_CLOSED);

  /* A closed case has nothing to close instead; privacy mode names by initials. */
  g_settings_set_boolean (f->tc.settings, "privacy-mode", TRUE);
  dialog = open_delete_dialog (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete A. P.’s Case?");
  g_assert_false (adw_message_dialog_has_response (dialog, "close"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  held = hold (dialog);
  click (ps_test_find_button (GTK_WIDGET (dialog), "_Delete"));
  ps_test_wait_gone (held);

  g_assert_null (ps_store_lookup_case (f->tc.store, id));
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->tc.store)), ==, 0);
  g_assert_null (ps_case_page_get_case (f->page));
  g_assert_nonnull (ps_test_find_widget (GTK_WIDGET (f->page), ps_test_is_label_reading, "No Case Selected"));
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static void
test_page_copies_contact (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *copy;
  ClipboardRead read = { NULL, FALSE };

  show_case (f, "Dr. Ada Placeholder", "+1 555 0100");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->page)), "something else");

  copy = ps_test_find_widget (GTK_WIDGET (f->page), ps_test_has_action, "case.copy-contact");
  g_assert_nonnull (copy);
  g_assert_true (gtk_widget_get_sensitive (copy));
  click (copy);

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->page)), NULL,
                                 clipboard_read_cb, &read);
  g_assert_true (ps_test_wait_for (read_done, &read, 5000));
  g_assert_cmpstr (read.text, ==, "+1 555 0100");
  g_assert_true (toast_shows (f, "Contact copied"));
  g_free (read.text);

  /* No contact, nothing to copy. */
  show_case (f, "Dr. Grace Example", NULL);
  g_assert_false (gtk_widget_get_sensitive (copy));
  g_assert_nonnull (ps_test_find_row (GTK_WIDGET (f->page), "No contact"));
}

static void
test_page_privacy_mode (Fixture       *f,
                        gconstpointer  data)
{
  show_case (f, "Dr. Ada Placeholder", "ada@example.org");
  g_assert_cmpstr (page_title (f), ==, "Dr. Ada Placeholder");
  g_assert_nonnull (ps_test_find_row (GTK_WIDGET (f->page), "ada@example.org"));

  /* Followed live, without showing the case again. */
  g_settings_set_boolean (f->tc.settings, "privacy-mode", TRUE);
  g_assert_cmpstr (page_title (f), ==, "A. P.");
  g_assert_null (ps_test_find_widget (GTK_WIDGET (f->page), ps_test_is_label_reading, "Dr. Ada Placeholder"));
  g_assert_null (ps_test_find_widget (GTK_WIDGET (f->page), ps_test_is_row_titled, "ada@example.org"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ps_test_screenshot (GTK_WIDGET (f->window), "case-page-privacy.png");

  g_settings_set_boolean (f->tc.settings, "privacy-mode", FALSE);
  g_assert_cmpstr (page_title (f), ==, "Dr. Ada Placeholder");
}

static void
test_page_deidentified (Fixture       *f,
                        gconstpointer  data)
{
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "ada@example.org");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cutoff = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 14, 11, 2024);
  g_assert_true (ps_store_close_case (f->tc.store, ps_case_get_id (item), PS_CLOSURE_COMPLETED, &today, &error));
  g_assert_no_error (error);
  cutoff = g_date_time_new_utc (2024, 12, 31, 0, 0, 0);
  g_assert_true (ps_store_deidentify_closed_before (f->tc.store, cutoff, &error));
  g_assert_no_error (error);
  g_assert_true (ps_case_get_deidentified (item));

  g_assert_cmpstr (page_title (f), ==, "Closed case (de-identified)");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.edit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "reached");
  g_assert_cmpuint (count_rows (attempts_list (f)), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (ps_test_find_widget (GTK_WIDGET (f->page), ps_test_has_action,
                                                         "case.copy-contact")));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.reopen", NULL);
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_CLOSED);
  g_assert_null (ps_test_find_toplevel (PS_TYPE_CASE_EDITOR));
}

/* The header's suggested action ---------------------------------------------- */

static gboolean
is_shown_suggested (GtkWidget     *widget,
                    gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "suggested-action") && gtk_widget_get_mapped (widget) &&
         (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget));
}

static gboolean
is_visible_suggested (GtkWidget     *widget,
                      gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "suggested-action") && gtk_widget_is_visible (widget);
}

static void
collect (GtkWidget   *widget,
         PsTestMatch match,
         GPtrArray   *found)
{
  if (match (widget, NULL))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, match, found);
}

static GtkWidget *
nth_child (GtkWidget *parent,
           guint      n)
{
  GtkWidget *child = gtk_widget_get_first_child (parent);

  for (; n > 0 && child != NULL; n--)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

/* The full label of the one suggested action, in the header or the page's
 * body, NULL when none: never two. @width (optional): 0 when the full words
 * show, 1 a short word, 2 an icon. */
static const char *
suggested_width (Fixture *f,
                 guint   *width)
{
  GtkWidget *header = ps_test_find_type (GTK_WIDGET (f->page), ADW_TYPE_HEADER_BAR);
  GtkWidget *squeezer = ps_test_find_type (header, ADW_TYPE_SQUEEZER);
  g_autoptr(GPtrArray) in_header = g_ptr_array_new ();
  g_autoptr(GPtrArray) in_page = g_ptr_array_new ();
  GtkWidget *shown, *button, *full, *in_body = NULL;
  guint index = 0, variant = 0, n_widths = 0;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  /* The squeezer keeps every width mapped and draws the first that fits. */
  shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));
  if (shown != NULL)
    collect (shown, is_shown_suggested, in_header);
  collect (GTK_WIDGET (f->page), is_visible_suggested, in_page);
  for (guint i = 0; i < in_page->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (in_page, i);

      if (gtk_widget_is_ancestor (w, squeezer))
        n_widths++;
      else
        {
          g_assert_null (in_body);
          in_body = w;
        }
    }
  g_assert_cmpuint (in_header->len, <=, 1);
  /* The three widths of the one action, nothing else. */
  g_assert_cmpuint (n_widths, ==, 3 * in_header->len);
  if (in_body != NULL)
    {
      g_assert_cmpuint (in_header->len, ==, 0);
      g_assert_true (gtk_widget_get_mapped (in_body));
      g_assert_true (gtk_widget_get_sensitive (in_body));
      if (width != NULL)
        *width = 0;
      return gtk_button_get_label (GTK_BUTTON (in_body));
    }
  if (in_header->len == 0)
    return NULL;
  button = g_ptr_array_index (in_header, 0);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));

  for (GtkWidget *w = gtk_widget_get_first_child (squeezer); w != shown; w = gtk_widget_get_next_sibling (w))
    variant++;
  for (GtkWidget *w = gtk_widget_get_first_child (shown); w != button; w = gtk_widget_get_next_sibling (w))
    index++;
  if (width != NULL)
    *width = variant;
  full = nth_child (nth_child (squeezer, 0), index);
  if (GTK_IS_MENU_BUTTON (full))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (full));
  return gtk_button_get_label (GTK_BUTTON (full));
}

static const char *
suggested (Fixture *f)
{
  guint width = 99;
  const char *label = suggested_width (f, &width);

  /* The test window is wide: the full words. */
  g_assert_true (label == NULL || width == 0);
  return label;
}

static void
set_now (Fixture *f,
         int      hour,
         int      minute)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 11, 14, hour, minute, 0);

  ps_clock_set_now (f->tc.clock, now);
}

/* One suggested action that follows the case, driven through its states
 * with the clock: Log Attempt, Schedule once reached, nothing while the
 * conversation is an hour away, Start from ten minutes before it until it
 * is late, Resume, then Close, or the follow-up of a safety concern; nothing
 * once closed. */
static void
test_page_suggested_action (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *held;
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  g_autoptr(GDateTime) eleven = g_date_time_new_utc (2024, 11, 14, 11, 0, 0);
  g_autoptr(PsConversation) conversation = NULL;
  GtkWidget *log_button, *dialog;
  GMenuModel *outcomes;

  /* Awaiting first contact: Log Attempt, one button opening three outcomes. */
  g_assert_cmpstr (suggested (f), ==, "_Log Attempt");
  log_button = ps_test_find_widget (GTK_WIDGET (f->page), is_menu_button_labelled, "_Log Attempt");
  outcomes = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (log_button));
  g_assert_cmpint (g_menu_model_get_n_items (g_menu_model_get_item_link (outcomes, 0, G_MENU_LINK_SECTION)),
                   ==, 3);
  g_assert_cmpstr (page_title (f), ==, "Dr. Ada Placeholder");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "no-answer");
  g_assert_cmpstr (suggested (f), ==, "_Log Attempt");

  /* Reached: Schedule, which opens the schedule dialog. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "reached");
  g_assert_cmpstr (suggested (f), ==, "Sc_hedule Conversation…");
  click (ps_test_find_button (GTK_WIDGET (f->page), "Sc_hedule Conversation…"));
  dialog = ps_test_find_toplevel (PS_TYPE_SCHEDULE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* An hour away: nothing to do yet. */
  conversation = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (item), eleven, 30,
                                                 PS_MODALITY_PHONE, NULL);
  g_assert_nonnull (conversation);
  g_assert_null (suggested (f));
  set_now (f, 10, 49);
  g_assert_null (suggested (f));

  /* Ten minutes away, starting now, and late: Start. */
  set_now (f, 10, 50);
  g_assert_cmpstr (suggested (f), ==, "_Start Conversation");
  g_assert_false (gtk_widget_get_visible (log_button));
  set_now (f, 11, 5);
  g_assert_cmpstr (suggested (f), ==, "_Start Conversation");
  set_now (f, 11, 31);
  g_assert_cmpstr (suggested (f), ==, "_Start Conversation");

  /* In progress: Resume (and the menu offers no second Start). */
  g_assert_true (ps_store_set_conversation_state (f->tc.store, ps_conversation_get_id (conversation),
                                                  PS_CONVERSATION_IN_PROGRESS, NULL));
  g_assert_cmpstr (suggested (f), ==, "_Resume Conversation");
  g_assert_false (action_enabled (f, "case.start-conversation"));
  g_assert_true (action_enabled (f, "case.resume-conversation"));

  /* Held, nothing more planned: Close, which says when the name goes. */
  g_assert_true (ps_store_set_conversation_state (f->tc.store, ps_conversation_get_id (conversation),
                                                  PS_CONVERSATION_COMPLETED, NULL));
  g_assert_cmpstr (suggested (f), ==, "_Close Case…");

  /* It raised a safety concern: the follow-up, in the page by its deadline,
   * and nothing in the header (Schedule Conversation… is in its menu). */
  g_assert_true (ps_store_set_safety_concern (f->tc.store, ps_conversation_get_id (conversation),
                                              TRUE, NULL));
  g_assert_cmpstr (suggested (f), ==, "Schedule _Follow-up");
  g_assert_true (action_enabled (f, "case.schedule"));
  g_assert_true (ps_store_set_safety_concern (f->tc.store, ps_conversation_get_id (conversation),
                                              FALSE, NULL));
  g_assert_cmpstr (suggested (f), ==, "_Close Case…");
  click (ps_test_find_button (GTK_WIDGET (f->page), "_Close Case…"));
  dialog = ps_test_find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "will be erased on 14 December 2024"));
  ps_close_case_dialog_set_status (PS_CLOSE_CASE_DIALOG (dialog), PS_CLOSURE_COMPLETED);
  held = hold (dialog);
  click (ps_test_find_button (dialog, "C_lose Case"));
  ps_test_wait_gone (held);
  g_assert_null (suggested (f));
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_CLOSED);
}

/* A conversation ten minutes away when the page is shown: Start at once,
 * not Log Attempt (the issue as reported). */
static void
test_page_suggested_start_at_once (Fixture       *f,
                                   gconstpointer  data)
{
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  g_autoptr(GDateTime) soon = g_date_time_new_utc (2024, 11, 14, 10, 10, 0);
  g_autoptr(PsConversation) conversation = NULL;

  g_assert_true (ps_store_log_contact_attempt (f->tc.store, ps_case_get_id (item),
                                               ps_case_get_created_at (item), PS_CONTACT_REACHED, NULL));
  conversation = ps_store_schedule_conversation (f->tc.store, ps_case_get_id (item), soon, 30,
                                                 PS_MODALITY_VIDEO, NULL);
  ps_case_page_set_case (f->page, NULL);
  ps_case_page_set_case (f->page, item);
  g_assert_cmpstr (suggested (f), ==, "_Start Conversation");
}

/* Write to Them ---------------------------------------------------------------- */

static char *launched_dir;

/* A fake default mail, SMS and phone handler in the test's XDG data folder:
 * it writes the URI it was given to a file named after the scheme. */
static void
install_fake_handlers (const char *data_dir)
{
  static const char *schemes[] = { "mailto", "sms", "tel" };
  g_autofree char *apps = g_build_filename (data_dir, "applications", NULL);
  g_autoptr(GString) mimeapps = g_string_new ("[Default Applications]\n");
  g_autoptr(GError) error = NULL;

  launched_dir = g_build_filename (data_dir, "launched", NULL);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (launched_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *script = g_strdup_printf ("%s/fake-%s.sh", launched_dir, schemes[i]);
      g_autofree char *out = g_strdup_printf ("%s/%s", launched_dir, schemes[i]);
      g_autofree char *body = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.tmp' && mv '%s.tmp' '%s'\n",
                                               out, out, out);
      g_autofree char *desktop_name = g_strdup_printf ("fake-%s.desktop", schemes[i]);
      g_autofree char *desktop = g_build_filename (apps, desktop_name, NULL);
      g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Fake %s\n"
                                                "Exec=%s %%u\nMimeType=x-scheme-handler/%s;\nNoDisplay=true\n",
                                                schemes[i], script, schemes[i]);

      g_assert_true (g_file_set_contents (script, body, -1, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (script, 0700), ==, 0);
      g_assert_true (g_file_set_contents (desktop, entry, -1, &error));
      g_assert_no_error (error);
      g_string_append_printf (mimeapps, "x-scheme-handler/%s=%s\n", schemes[i], desktop_name);
    }
  {
    g_autofree char *list = g_build_filename (apps, "mimeapps.list", NULL);

    g_assert_true (g_file_set_contents (list, mimeapps->str, -1, &error));
    g_assert_no_error (error);
  }
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Clicks Write to Them and returns the URI the default handler of @scheme got. */
static char *
write_to_them (Fixture    *f,
               const char *scheme)
{
  g_autofree char *out = g_build_filename (launched_dir, scheme, NULL);
  GtkWidget *button = ps_test_find_widget (GTK_WIDGET (f->page), ps_test_has_action, "case.write-to-them");
  char *uri = NULL;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_unlink (out);
  click (button);
  g_assert_true (ps_test_wait_for (file_exists, out, 10000));
  g_assert_true (g_file_get_contents (out, &uri, NULL, NULL));
  g_unlink (out);
  return uri;
}

/* The reach-in wording as saved. */
static const char *
message_setting (Fixture *f)
{
  static char *value;

  g_free (value);
  value = g_settings_get_string (f->tc.settings, "reach-in-message");
  return value;
}

static void
test_page_write_to_them (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL;
  char *uri;
  GtkWidget *button;

  /* An email address: the mail client, with the supporter's wording only;
   * nothing of it is kept: the caseload's files are as they were. */
  show_case (f, "Dr. Ada Placeholder", "ada@example.org");
  ps_test_iterate (50);
  before = ps_test_snapshot (f->tc.dir);
  g_assert_cmpstr (message_setting (f), ==, "Touching base");
  uri = write_to_them (f, "mailto");
  g_assert_cmpstr (uri, ==, "mailto:ada@example.org?body=Touching%20base");
  g_free (uri);
  ps_test_iterate (50);
  ps_test_assert_unchanged (before, f->tc.dir);

  g_settings_set_string (f->tc.settings, "reach-in-message", "Thinking of you & here if useful");
  uri = write_to_them (f, "mailto");
  g_assert_cmpstr (uri, ==, "mailto:ada@example.org?body=Thinking%20of%20you%20%26%20here%20if%20useful");
  g_assert_null (strstr (uri, "Ada"));
  g_free (uri);

  /* A mobile number: a text message. */
  show_case (f, "Dr. Grace Example", "+1 (555) 010-0199");
  uri = write_to_them (f, "sms");
  g_assert_cmpstr (uri, ==, "sms:+15550100199?body=Thinking%20of%20you%20%26%20here%20if%20useful");
  g_free (uri);

  /* A wording of several lines (set behind Preferences' back) is left out. */
  g_settings_set_string (f->tc.settings, "reach-in-message", "Touching base\nDr. Grace Example");
  uri = write_to_them (f, "sms");
  g_assert_cmpstr (uri, ==, "sms:+15550100199");
  g_free (uri);
  g_settings_reset (f->tc.settings, "reach-in-message");

  /* A number with an extension takes no text: a call. */
  show_case (f, "Dr. Ivo Sample", "555-0100 ext 12");
  button = ps_test_find_widget (GTK_WIDGET (f->page), ps_test_has_action, "case.write-to-them");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Call Them");
  uri = write_to_them (f, "tel");
  g_assert_cmpstr (uri, ==, "tel:5550100;ext=12");
  g_free (uri);

  /* A pager, or no contact: nothing to open. */
  show_case (f, "Dr. Jo Pager", "pager 4242");
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_sensitive (button));
  show_case (f, "Dr. Kit Nobody", NULL);
  g_assert_false (gtk_widget_get_sensitive (button));
}

/* The wording is set in Preferences: one line, not a letter. */
static void
test_preferences_reach_in_message (Fixture       *f,
                                   gconstpointer  data)
{
  PsPreferencesWindow *prefs = ps_preferences_window_new (f->tc.context);
  g_autofree char *long_text = g_strnfill (201, 'a');
  GtkWidget *row;

  gtk_window_set_transient_for (GTK_WINDOW (prefs), f->window);
  gtk_window_present (GTK_WINDOW (prefs));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (prefs));
  row = ps_test_find_row (GTK_WIDGET (prefs), "Reach-_In Message");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Touching base");
  gtk_widget_grab_focus (row);   /* scrolls it into view */
  ps_test_screenshot (GTK_WIDGET (prefs), "preferences-reach-in.png");

  type_text (row, "Checking in");
  g_assert_cmpstr (message_setting (f), ==, "Checking in");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  type_text (row, "Checking in\nShe said");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (message_setting (f), ==, "Checking in");
  type_text (row, long_text);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==,
                   "One line of at most 200 characters: this wording is not saved.");
  g_assert_cmpstr (message_setting (f), ==, "Checking in");

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (f->tc.settings, "reach-in-message");
}

/* The tour ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  PsCase     *item;
} TourStop;

static PsCase *
reached_case (Fixture    *f,
              const char *name,
              const char *contact)
{
  g_autoptr(PsCaseFields) fields = ps_test_fields (name);
  g_autoptr(GDateTime) at = g_date_time_new_utc (2024, 11, 13, 16, 0, 0);
  PsCase *item;

  g_free (fields->contact);
  fields->contact = g_strdup (contact);
  g_date_set_dmy (&fields->requested_on, 12, 11, 2024);
  g_date_set_dmy (&fields->assigned_on, 13, 11, 2024);
  item = ps_test_add_case_fields (f->tc.store, fields);
  g_assert_true (ps_store_log_contact_attempt (f->tc.store, ps_case_get_id (item), at,
                                               PS_CONTACT_REACHED, NULL));
  return item;
}

/* A case in each state the header follows, at 10:00 on Thursday 14 November. */
static void
tour_cases (Fixture  *f,
            TourStop *stops)
{
  g_autoptr(PsConversation) upcoming = NULL, soon = NULL, current = NULL, held = NULL, done = NULL;
  PsCase *closed;
  GDate today;

  stops[0] = (TourStop) { "awaiting", show_case (f, "Dr. Ada Placeholder", "ada@example.org") };
  stops[1] = (TourStop) { "reached", reached_case (f, "Dr. Ben Example", "+1 555 0100") };
  stops[2] = (TourStop) { "upcoming", reached_case (f, "Dr. Cy Sample", "cy@example.org") };
  upcoming = ps_test_plan_conversation (f->tc.store, stops[2].item, "2024-11-15 14:30");
  stops[3] = (TourStop) { "soon", reached_case (f, "Dr. Dee Fictional", "555-0100 ext 12") };
  soon = ps_test_plan_conversation (f->tc.store, stops[3].item, "2024-11-14 10:10");
  stops[4] = (TourStop) { "in-progress", reached_case (f, "Dr. Eli Invented", "eli@example.org") };
  current = ps_test_plan_conversation (f->tc.store, stops[4].item, "2024-11-14 09:45");
  g_assert_true (ps_store_set_conversation_state (f->tc.store, ps_conversation_get_id (current),
                                                  PS_CONVERSATION_IN_PROGRESS, NULL));
  stops[5] = (TourStop) { "held", reached_case (f, "Dr. Fay Madeup", "fay@example.org") };
  held = ps_test_plan_conversation (f->tc.store, stops[5].item, "2024-11-13 17:00");
  g_assert_true (ps_store_set_conversation_state (f->tc.store, ps_conversation_get_id (held),
                                                  PS_CONVERSATION_COMPLETED, NULL));
  closed = reached_case (f, "Dr. Gil Closed", "gil@example.org");
  done = ps_test_plan_conversation (f->tc.store, closed, "2024-11-13 17:00");
  g_assert_true (ps_store_set_conversation_state (f->tc.store, ps_conversation_get_id (done),
                                                  PS_CONVERSATION_COMPLETED, NULL));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 14, 11, 2024);
  g_assert_true (ps_store_close_case (f->tc.store, ps_case_get_id (closed), PS_CLOSURE_COMPLETED,
                                      &today, NULL));
  stops[6] = (TourStop) { "closed", closed };
}

/* Each state's page at 1280 and 360 px, light and dark, English and French,
 * kept as test artefacts; in French the header's words are French and the
 * reach-in wording's default is translated. */
static void
test_page_tour (Fixture       *f,
                gconstpointer  data)
{
  static const char *expected[][7] = {
    { "_Log Attempt", "Sc_hedule Conversation…", NULL, "_Start Conversation",
      "_Resume Conversation", "_Close Case…", NULL },
    { "_Noter une tentative", "_Planifier un entretien…", NULL, "_Démarrer l’entretien",
      "_Reprendre l’entretien", "_Clôturer le dossier…", NULL },
  };
  static const char *languages[] = { "en", "fr" };
  static const int widths[] = { 1280, 360 };
  AdwStyleManager *style = adw_style_manager_get_default ();
  TourStop stops[7];

  tour_cases (f, stops);
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      ps_test_speak (languages[l]);
      if (l > 0)
        {
          /* A page made in French: its template is translated once. */
          f->page = ps_case_page_new (f->tc.context);
          gtk_window_set_child (f->window, GTK_WIDGET (f->page));
          g_assert_cmpstr (message_setting (f), ==, "Je prends de vos nouvelles");
        }
      else
        g_assert_cmpstr (message_setting (f), ==, "Touching base");

      for (guint s = 0; s < G_N_ELEMENTS (stops); s++)
        {
          ps_case_page_set_case (f->page, stops[s].item);
          for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
            {
              const char *label;
              guint width = 0;

              gtk_window_set_default_size (f->window, widths[w], 760);
              ps_test_iterate (100);
              gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
              g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, widths[w]);
              /* The full words where they fit, else shorter. */
              label = suggested_width (f, &width);
              g_assert_cmpstr (label, ==, expected[l][s]);
              if (w == 0)
                g_assert_cmpuint (width, ==, 0);
              for (guint dark = 0; dark <= 1; dark++)
                {
                  g_autofree char *shot = g_strdup_printf ("case-page-%s-%d-%s-%s.png", stops[s].name,
                                                           widths[w], dark ? "dark" : "light",
                                                           languages[l]);

                  adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
                  ps_test_screenshot (GTK_WIDGET (f->window), shot);
                }
            }
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  ps_test_speak ("");
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  const char *icon_actions[] = { "caseload.show-list", "case.copy-contact" };
  PsCaseEditor *editor;
  GtkWidget *widget;

  show_case (f, "Dr. Ada Placeholder", "555-0100");
  ps_case_page_set_folded (f->page, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (icon_actions); i++)
    {
      widget = ps_test_find_widget (GTK_WIDGET (f->page), ps_test_has_action, icon_actions[i]);
      g_assert_nonnull (widget);
      g_assert_true (gtk_widget_get_visible (widget));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  /* The back button shows only when folded. */
  ps_case_page_set_folded (f->page, FALSE);
  g_assert_false (gtk_widget_get_visible (ps_test_find_widget (GTK_WIDGET (f->page), ps_test_has_action,
                                                       "caseload.show-list")));

  widget = ps_test_find_widget (GTK_WIDGET (f->page), is_icon_menu_button, NULL);
  g_assert_nonnull (widget);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Case Menu");

  editor = open_editor (f, NULL);
  {
    const char *rows[][2] = {
      { "_Name", "Name" },
      { "C_ontact (phone, email or pager)", "Contact" },
      { "_Meet By", "Meet by" },
      { "_Referral", "Referral" },
      { "R_eason", "Reason" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (ps_test_find_row (GTK_WIDGET (editor), rows[i][0])),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, rows[i][1]);
  }
  widget = ps_test_find_type (ps_test_find_row (GTK_WIDGET (editor), "_Name"), GTK_TYPE_TEXT);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "Name");
  widget = ps_test_find_type (ps_test_find_row (GTK_WIDGET (editor), "Re_quested On"), GTK_TYPE_MENU_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Re_quested On: Thu 14 Nov 2024");
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  data_home = ps_test_session_init (&argc, &argv);
  options.parent = data_home;
  install_fake_handlers (data_home);
  /* Referencing the resource links it (and its constructor) in from the
   * static library: the widgets' templates live there. */
  g_assert_nonnull (ps_get_resource ());

#define ADD(path, func) \
  g_test_add ("/case-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("editor/refuses-empty-name", test_editor_refuses_empty_name);
  ADD ("editor/refuses-future-request", test_editor_refuses_future_request);
  ADD ("editor/colleague-needs-consent", test_editor_colleague_needs_consent);
  ADD ("editor/paste-is-never-cut", test_editor_paste_is_never_cut);
  ADD ("editor/refuses-invisible-and-controls", test_editor_refuses_invisible_and_controls);
  ADD ("editor/creates-case", test_editor_creates_case);
  ADD ("editor/edits-case", test_editor_edits_case);
  ADD ("editor/asks-about-old-request", test_editor_asks_about_old_request);
  ADD ("editor/cancel-keeps-case", test_editor_cancel_keeps_case);
  ADD ("editor/shows-store-error", test_editor_shows_store_error);
  ADD ("page/logs-attempts", test_page_logs_attempts);
  ADD ("page/lists-conversations", test_page_lists_conversations);
  ADD ("page/close-undo-reopen", test_page_close_undo_reopen);
  ADD ("page/cancel-close", test_page_cancel_close);
  ADD ("page/delete", test_page_delete);
  ADD ("page/copies-contact", test_page_copies_contact);
  ADD ("page/privacy-mode", test_page_privacy_mode);
  ADD ("page/deidentified", test_page_deidentified);
  ADD ("page/accessible-names", test_accessible_names);
  ADD ("page/suggested-action", test_page_suggested_action);
  ADD ("page/suggested-start-at-once", test_page_suggested_start_at_once);
  ADD ("page/write-to-them", test_page_write_to_them);
  ADD ("preferences/reach-in-message", test_preferences_reach_in_message);
  ADD ("page/tour", test_page_tour);

#undef ADD

  ret = g_test_run ();

  ps_remove_tree (data_home);
  g_free (data_home);
  g_free (launched_dir);
  return ret;
}
