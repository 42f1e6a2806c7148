/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The case page and the case form as a supporter uses them: the real widgets
 * on a real SQLCipher store opened through the real keyring, a fake clock,
 * and what the user sees after each step — the Save button, the inline
 * message, the lists, the state line, the toasts, the clipboard. */

#include "config.h"

#include <string.h>

#include "ps-case-editor.h"
#include "ps-case-page.h"
#include "ps-close-case-dialog.h"
#include "ps-date-row.h"
#include "ps-resources.h"
#include "ps-test-session.h"

typedef struct
{
  char       *dir;
  PsClock    *clock;
  GSettings  *settings;
  PsContext  *context;
  PsStore    *store;
  GtkWindow  *window;
  PsCasePage *page;
} Fixture;

static char *data_home;

/* Finding what a user sees ------------------------------------------------ */

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *widget,
             Match          match,
             gconstpointer  data)
{
  GtkWidget *child;

  if (match (widget, data))
    return widget;
  for (child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_menu_button_labelled (GtkWidget     *widget,
                         gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), data) == 0;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_label_reading (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
is_icon_menu_button (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL;
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  return find_widget (widget, is_type, GSIZE_TO_POINTER (type));
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  GtkWidget *row = find_widget (widget, is_row_titled, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);
  return row;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  GtkWidget *button = find_widget (widget, is_button_labelled, label);

  if (button == NULL)
    g_error ("No button labelled “%s”", label);
  return button;
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WIDGET (item);
    }
  return NULL;
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

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static GtkWidget *
attempts_list (Fixture *f)
{
  GtkWidget *list = find_widget (GTK_WIDGET (f->page), is_named, "attempts-list");

  g_assert_true (GTK_IS_LIST_BOX (list));
  return list;
}

static const char *
state_line (Fixture *f)
{
  GtkWidget *label = find_widget (GTK_WIDGET (f->page), is_named, "state-line");

  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_is_drawable (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static const char *
page_title (Fixture *f)
{
  GtkWidget *title = find_type (GTK_WIDGET (f->page), ADW_TYPE_WINDOW_TITLE);

  return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
}

static gboolean
toast_shows (Fixture    *f,
             const char *text)
{
  return find_widget (GTK_WIDGET (f->window), is_label_reading, text) != NULL;
}

static gboolean
window_gone (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  if (gtk_widget_get_visible (GTK_WIDGET (data)))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (item == data)
        return FALSE;
    }
  return TRUE;
}

/* Takes a reference held since before the action that closes @window:
 * waits until the window is off the screen and gone from the toplevels. */
static void
wait_gone (GtkWidget *window)
{
  g_assert_true (ps_test_wait_for (window_gone, window, 5000));
  g_object_unref (window);
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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* Thursday 14 November 2024, 10:00 UTC. */
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2024, 11, 14, 10, 0, 0);

  f->dir = g_build_filename (data_home, "case-page-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp_full (f->dir, 0700));
  f->clock = ps_clock_new_fake (now);
  ps_clock_set_timezone (f->clock, utc);
  f->settings = g_settings_new ("io.github.peerside.Peerside");
  f->context = ps_context_new (f->clock, f->settings, f->dir, FALSE);
  ps_context_open (f->context);
  ps_test_wait_for_status (f->context, PS_CONTEXT_READY);
  f->store = ps_context_get_store (f->context);

  f->page = ps_case_page_new (f->context);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 760);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *other;

  while ((other = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) ||
         (other = find_toplevel (PS_TYPE_CASE_EDITOR)))
    gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (f->window);
  g_clear_object (&f->context);
  g_clear_object (&f->clock);
  g_settings_reset (f->settings, "privacy-mode");
  g_clear_object (&f->settings);
  ps_remove_tree (f->dir);
  g_free (f->dir);
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
  item = ps_test_add_case_fields (f->store, fields);

  ps_case_page_set_case (f->page, item);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  return item;
}

/* The editor ---------------------------------------------------------------- */

static PsCaseEditor *
open_editor (Fixture *f,
             PsCase  *item)
{
  PsCaseEditor *editor = ps_case_editor_new (f->context, item);

  gtk_window_set_transient_for (GTK_WINDOW (editor), f->window);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  return editor;
}

static GtkWidget *
editor_save (PsCaseEditor *editor)
{
  return find_button (GTK_WIDGET (editor), "_Save");
}

/* The message under the form, or NULL when none shows. */
static const char *
editor_message (PsCaseEditor *editor)
{
  GtkWidget *label = find_widget (GTK_WIDGET (editor), is_error_label, NULL);

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
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), "R_eason")), reason);
}

static void
test_editor_refuses_empty_name (Fixture       *f,
                                gconstpointer  data)
{
  PsCaseEditor *editor = open_editor (f, NULL);
  GtkWidget *name_row = find_row (GTK_WIDGET (editor), "_Name");

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
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (editor), "R_eason"))),
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
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->store)), ==, 0);

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
  GtkWidget *requested = find_row (GTK_WIDGET (editor), "Re_quested On");
  GtkWidget *menu_button = find_type (requested, GTK_TYPE_MENU_BUTTON);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_new (utc, 2024, 11, 15, 12, 0, 0);
  g_autoptr(GDateTime) yesterday = g_date_time_new (utc, 2024, 11, 13, 12, 0, 0);
  GtkWidget *calendar;

  type_text (find_row (GTK_WIDGET (editor), "_Name"), "Dr. Ada Placeholder");
  choose_reason (editor, PS_REASON_CONFLICT);

  /* Today (from the clock) by default. */
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button)), ==, "Thu 14 Nov 2024");

  /* Choose tomorrow in the calendar. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  calendar = find_type (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
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
  GtkWidget *referral = find_row (GTK_WIDGET (editor), "_Referral");
  GtkWidget *consent = find_row (GTK_WIDGET (editor), "The colleague _agreed to be referred");

  type_text (find_row (GTK_WIDGET (editor), "_Name"), "Dr. Ada Placeholder");
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
  wait_gone (held);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->store)), ==, 1);
  {
    g_autoptr(PsCase) saved = g_list_model_get_item (ps_store_get_cases (f->store), 0);

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

  return find_widget (args[0], is_label_reading, args[1]) != NULL;
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
  GtkWidget *name_row = find_row (GTK_WIDGET (editor), "_Name");
  GtkWidget *contact_row = find_row (GTK_WIDGET (editor), "C_ontact (phone, email or pager)");
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
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_label_reading,
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
  GtkWidget *name_row = find_row (GTK_WIDGET (editor), "_Name");
  GtkWidget *contact_row = find_row (GTK_WIDGET (editor), "C_ontact (phone, email or pager)");

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

      kase = ps_store_create_case (f->store, fields, &error);
      g_assert_null (kase);
      g_assert_error (error, PS_STORE_ERROR, PS_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->store)), ==, 0);

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
  type_text (find_row (GTK_WIDGET (editor), "_Name"), "Dr. Ada Placeholder");
  contact_row = find_row (GTK_WIDGET (editor), "C_ontact (phone, email or pager)");
  type_text (contact_row, "ada@example.org");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), "_Meet By")), PS_MODALITY_VIDEO);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (editor), "R_eason")), PS_REASON_BURNOUT);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  ps_test_screenshot (GTK_WIDGET (editor), "case-editor-480.png");
  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 640);
  ps_test_iterate (200);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  ps_test_screenshot (GTK_WIDGET (editor), "case-editor-360.png");

  /* Enter in the last text field saves. */
  held = hold (editor);
  g_signal_emit_by_name (contact_row, "entry-activated");
  wait_gone (held);

  g_assert_nonnull (saved);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->store)), ==, 1);
  {
    g_autoptr(PsCase) listed = g_list_model_get_item (ps_store_get_cases (f->store), 0);

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
  PsDateRow *requested = PS_DATE_ROW (find_row (GTK_WIDGET (editor), "Re_quested On"));
  g_autoptr(PsCase) saved = NULL;
  AdwMessageDialog *question;
  GtkWidget *held;
  GDate day;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  type_text (find_row (GTK_WIDGET (editor), "_Name"), "Dr. Ada Placeholder");
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
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->store)), ==, 0);

  /* Change Date (the default) goes back to the form, nothing saved. */
  adw_message_dialog_response (question, "change");
  g_assert_null (ps_case_editor_get_confirmation (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->store)), ==, 0);

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
  wait_gone (held);
  g_assert_nonnull (saved);
  g_assert_cmpint (g_date_get_year (ps_case_get_requested_on (saved)), ==, 2023);

  /* Editing it again asks nothing while the date stays. */
  editor = open_editor (f, saved);
  held = hold (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_gone (held);

  /* A day within the year saves straight away. */
  editor = open_editor (f, NULL);
  type_text (find_row (GTK_WIDGET (editor), "_Name"), "Dr. Bram Example");
  choose_reason (editor, PS_REASON_OTHER);
  g_date_set_dmy (&day, 15, 11, 2023);
  ps_date_row_set_date (PS_DATE_ROW (find_row (GTK_WIDGET (editor), "Re_quested On")), &day);
  held = hold (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_gone (held);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->store)), ==, 2);
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
  editor = PS_CASE_EDITOR (find_toplevel (PS_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Case");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == f->window);

  name_row = find_row (GTK_WIDGET (editor), "_Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Dr. Ada Placeholder");
  g_assert_true (gtk_widget_get_sensitive (editor_save (editor)));
  type_text (name_row, "Dr. Ada P. Placeholder");

  /* Ctrl+Enter saves from anywhere in the form. */
  held = hold (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_gone (held);

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

  type_text (find_row (GTK_WIDGET (editor), "_Name"), "Someone Else");
  held = hold (editor);
  click (find_button (GTK_WIDGET (editor), "_Cancel"));
  wait_gone (held);
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
  GtkWidget *name_row = find_row (GTK_WIDGET (editor), "_Name");

  type_text (name_row, "Dr. Ada P. Placeholder");

  /* Deleted meanwhile (another window, retention): the store refuses. */
  g_object_ref (item);
  g_assert_true (ps_store_delete_case (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_false (ps_store_update_case (f->store, id, fields, &error));
  g_assert_nonnull (error);

  /* The store's own words show under the form; nothing typed is lost. */
  click (editor_save (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (editor_message (editor), ==, error->message);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Dr. Ada P. Placeholder");
  g_assert_null (ps_store_lookup_case (f->store, id));
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
  g_assert_nonnull (find_widget (GTK_WIDGET (f->page), is_label_reading, "No attempts yet"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "no-answer"));
  g_assert_cmpuint (count_rows (attempts), ==, 1);
  g_assert_cmpstr (row_title (attempts, 0), ==, "No answer · Thu 14 Nov, 10:00");
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);

  /* Two hours later they answer: newest first, and the case is in support. */
  ps_clock_advance (f->clock, 2 * G_TIME_SPAN_HOUR);
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
  GtkWidget *scrolled = find_widget (GTK_WIDGET (f->page), is_shown_scrolled_window, NULL);
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
  GtkWidget *list = find_widget (GTK_WIDGET (f->page), is_named, "conversations-list");
  g_autoptr(GDateTime) starts = g_date_time_new_utc (2024, 11, 18, 14, 30, 0);
  g_autoptr(PsConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;

  g_assert_cmpuint (count_rows (list), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->page), is_label_reading, "No conversations yet"));

  conversation = ps_store_schedule_conversation (f->store, ps_case_get_id (item), starts, 30,
                                                 PS_MODALITY_VIDEO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (list), ==, 1);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Mon 18 Nov, 14:30");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "30 min · Video · Scheduled");

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
  return find_widget (GTK_WIDGET (f->window), is_button_labelled, "_Undo");
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
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (f->page), "_Reopen Case")));

  /* The button on the page opens the dialog. */
  click (find_button (GTK_WIDGET (f->page), "_Close Case…"));
  dialog = PS_CLOSE_CASE_DIALOG (find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  ps_test_screenshot (GTK_WIDGET (dialog), "close-case-dialog.png");

  /* Nothing is chosen for the user. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "close"));
  adw_action_row_activate (ADW_ACTION_ROW (find_row (GTK_WIDGET (dialog), "Referred to professional resources")));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "close"));
  close_button = find_button (GTK_WIDGET (dialog), "C_lose Case");
  held = hold (dialog);
  click (close_button);
  wait_gone (held);

  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_CLOSED);
  g_assert_cmpint (ps_case_get_closure_status (item), ==, PS_CLOSURE_REFERRED);
  g_assert_cmpint (g_date_get_day (ps_case_get_closed_on (item)), ==, 14);
  g_assert_true (g_str_has_prefix (state_line (f), "Closed · "));
  g_assert_true (toast_shows (f, "Case closed"));
  g_assert_nonnull (find_row (GTK_WIDGET (f->page), "Thu 14 Nov 2024"));

  /* Closed: no second close, no attempts; reopen instead. */
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (f->page), has_action, "case.close")));
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (f->page), is_menu_button_labelled,
                                                       "_Log Attempt")));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "reached");
  g_assert_cmpuint (count_rows (attempts_list (f)), ==, 0);
  g_assert_true (gtk_widget_get_visible (find_button (GTK_WIDGET (f->page), "_Reopen Case")));

  /* Undo in the toast reopens. */
  g_assert_nonnull (undo_button (f));
  click (undo_button (f));
  ps_test_iterate (50);
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
  g_assert_false (g_str_has_prefix (state_line (f), "Closed"));

  /* Close again, then reopen from the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "case.close", NULL));
  dialog = PS_CLOSE_CASE_DIALOG (find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG));
  ps_close_case_dialog_set_status (dialog, PS_CLOSURE_COMPLETED);
  held = hold (dialog);
  click (find_button (GTK_WIDGET (dialog), "C_lose Case"));
  wait_gone (held);
  g_assert_cmpint (ps_case_get_closure_status (item), ==, PS_CLOSURE_COMPLETED);

  click (find_button (GTK_WIDGET (f->page), "_Reopen Case"));
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
  g_assert_true (gtk_widget_get_visible (find_button (GTK_WIDGET (f->page), "_Close Case…")));
}

static void
test_page_cancel_close (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *held;
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  GtkWidget *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.close", NULL);
  dialog = find_toplevel (PS_TYPE_CLOSE_CASE_DIALOG);
  ps_close_case_dialog_set_status (PS_CLOSE_CASE_DIALOG (dialog), PS_CLOSURE_DECLINED);
  held = hold (dialog);
  click (find_button (dialog, "_Cancel"));
  wait_gone (held);
  g_assert_cmpint (ps_case_get_state (item), ==, PS_CASE_STATE_AWAITING_FIRST_CONTACT);
}

static void
test_page_delete (Fixture       *f,
                  gconstpointer  data)
{
  PsCase *item = show_case (f, "Dr. Ada Placeholder", "555-0100");
  gint64 id = ps_case_get_id (item);
  GtkWidget *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.delete", NULL);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete this case? Its contact attempts and conversations are deleted too. "
                   "This cannot be undone.");
  g_assert_null (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "Ada"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);

  /* Escape (the close response) keeps the case. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (ps_store_lookup_case (f->store, id) == item);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.delete", NULL);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_null (ps_store_lookup_case (f->store, id));
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (f->store)), ==, 0);
  g_assert_null (ps_case_page_get_case (f->page));
  g_assert_nonnull (find_widget (GTK_WIDGET (f->page), is_label_reading, "No Case Selected"));
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

  copy = find_widget (GTK_WIDGET (f->page), has_action, "case.copy-contact");
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
  g_assert_nonnull (find_row (GTK_WIDGET (f->page), "No contact"));
}

static void
test_page_privacy_mode (Fixture       *f,
                        gconstpointer  data)
{
  show_case (f, "Dr. Ada Placeholder", "ada@example.org");
  g_assert_cmpstr (page_title (f), ==, "Dr. Ada Placeholder");
  g_assert_nonnull (find_row (GTK_WIDGET (f->page), "ada@example.org"));

  /* Followed live, without showing the case again. */
  g_settings_set_boolean (f->settings, "privacy-mode", TRUE);
  g_assert_cmpstr (page_title (f), ==, "A. P.");
  g_assert_null (find_widget (GTK_WIDGET (f->page), is_label_reading, "Dr. Ada Placeholder"));
  g_assert_null (find_widget (GTK_WIDGET (f->page), is_row_titled, "ada@example.org"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  ps_test_screenshot (GTK_WIDGET (f->window), "case-page-privacy.png");

  g_settings_set_boolean (f->settings, "privacy-mode", FALSE);
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
  g_assert_true (ps_store_close_case (f->store, ps_case_get_id (item), PS_CLOSURE_COMPLETED, &today, &error));
  g_assert_no_error (error);
  cutoff = g_date_time_new_utc (2024, 12, 31, 0, 0, 0);
  g_assert_true (ps_store_deidentify_closed_before (f->store, cutoff, &error));
  g_assert_no_error (error);
  g_assert_true (ps_case_get_deidentified (item));

  g_assert_cmpstr (page_title (f), ==, "Closed case (de-identified)");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.edit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "case.log-attempt", "s", "reached");
  g_assert_cmpuint (count_rows (attempts_list (f)), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (f->page), has_action,
                                                         "case.copy-contact")));
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (f->page), "_Reopen Case")));
  g_assert_null (find_toplevel (PS_TYPE_CASE_EDITOR));
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
      widget = find_widget (GTK_WIDGET (f->page), has_action, icon_actions[i]);
      g_assert_nonnull (widget);
      g_assert_true (gtk_widget_get_visible (widget));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  /* The back button shows only when folded. */
  ps_case_page_set_folded (f->page, FALSE);
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (f->page), has_action,
                                                       "caseload.show-list")));

  widget = find_widget (GTK_WIDGET (f->page), is_icon_menu_button, NULL);
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
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_row (GTK_WIDGET (editor), rows[i][0])),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, rows[i][1]);
  }
  widget = find_type (find_row (GTK_WIDGET (editor), "_Name"), GTK_TYPE_TEXT);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "Name");
  widget = find_type (find_row (GTK_WIDGET (editor), "Re_quested On"), GTK_TYPE_MENU_BUTTON);
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

#undef ADD

  ret = g_test_run ();

  ps_remove_tree (data_home);
  g_free (data_home);
  return ret;
}
