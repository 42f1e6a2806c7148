/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The case form. Every rule lives in ps_case_fields_validate(), shared with
 * the store, so what the form accepts is exactly what the store accepts. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ps-case-editor.h"
#include "ps-case-fields.h"
#include "ps-date-row.h"
#include "ps-time-row.h"
#include "ps-wrap.h"

struct _PsCaseEditor
{
  AdwWindow       parent_instance;

  PsContext      *context;
  PsCase         *edited;        /* NULL for a new case */
  GtkWidget      *bad_widget;
  AdwMessageDialog *confirmation;  /* while an old date is asked about */
  gboolean        populating;
  gboolean        show_errors;

  GtkWidget      *save_button;
  AdwEntryRow    *name_row;
  AdwEntryRow    *contact_row;
  AdwComboRow    *modality_row;
  AdwComboRow    *referral_row;
  GtkWidget      *consent_row;
  GtkCheckButton *consent_check;
  AdwComboRow    *reason_row;
  PsDateRow      *requested_row;
  PsDateRow      *assigned_row;
  GtkLabel       *error_label;
  GtkLabel       *notice_label;
};

G_DEFINE_FINAL_TYPE (PsCaseEditor, ps_case_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PsCaseFields *
collect_fields (PsCaseEditor *self)
{
  PsCaseFields *fields = ps_case_fields_new ();
  const GDate *requested = ps_date_row_get_date (self->requested_row);
  const GDate *assigned = ps_date_row_get_date (self->assigned_row);

  fields->display_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  fields->contact = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->contact_row)));
  fields->modality = adw_combo_row_get_selected (self->modality_row);
  fields->referral = adw_combo_row_get_selected (self->referral_row);
  fields->consent_confirmed = fields->referral == PS_REFERRAL_COLLEAGUE &&
                              gtk_check_button_get_active (self->consent_check);
  /* GTK_INVALID_LIST_POSITION until a reason is chosen: no reason. */
  fields->reason = adw_combo_row_get_selected (self->reason_row) == GTK_INVALID_LIST_POSITION
                   ? PS_REASON_NONE : (PsReason) adw_combo_row_get_selected (self->reason_row);
  if (requested != NULL)
    fields->requested_on = *requested;
  if (assigned != NULL)
    fields->assigned_on = *assigned;
  ps_case_fields_normalize (fields);
  return fields;
}

static GtkWidget *
widget_for_field (PsCaseEditor *self,
                  PsCaseField   field)
{
  switch (field)
    {
    case PS_CASE_FIELD_NAME:             return GTK_WIDGET (self->name_row);
    case PS_CASE_FIELD_CONTACT:          return GTK_WIDGET (self->contact_row);
    case PS_CASE_FIELD_MODALITY:         return GTK_WIDGET (self->modality_row);
    case PS_CASE_FIELD_REFERRAL:         return GTK_WIDGET (self->referral_row);
    case PS_CASE_FIELD_REFERRAL_CONSENT: return self->consent_row;
    case PS_CASE_FIELD_REASON:           return GTK_WIDGET (self->reason_row);
    case PS_CASE_FIELD_REQUESTED_ON:     return GTK_WIDGET (self->requested_row);
    case PS_CASE_FIELD_ASSIGNED_ON:      return GTK_WIDGET (self->assigned_row);
    case PS_CASE_FIELD_NONE:
    default:                             return NULL;
    }
}

/* Shows @message under the form and marks @widget (both may be NULL). */
static void
show_error (PsCaseEditor *self,
            GtkWidget    *widget,
            const char   *message)
{
  if (self->bad_widget != NULL && self->bad_widget != widget)
    {
      gtk_widget_remove_css_class (self->bad_widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->bad_widget), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->bad_widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  self->bad_widget = widget;

  if (widget != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && message[0] != '\0');
}

/* TRUE when the form can be saved; shows why not once the user started. */
static gboolean
validate (PsCaseEditor *self)
{
  g_autoptr(PsCaseFields) fields = collect_fields (self);
  g_autoptr(GError) error = NULL;
  PsCaseField bad = PS_CASE_FIELD_NONE;
  gboolean valid;
  GDate today;

  ps_clock_get_today (ps_context_get_clock (self->context), &today);
  valid = ps_case_fields_validate (fields, &today, &bad, &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
  if (valid)
    show_error (self, NULL, NULL);
  else if (self->show_errors)
    show_error (self, widget_for_field (self, bad), error->message);
  else
    show_error (self, NULL, NULL);

  return valid;
}

/* Nothing chosen shows as such, not as a blank. */
static void
update_reason_hint (PsCaseEditor *self)
{
  gboolean none = adw_combo_row_get_selected (self->reason_row) == GTK_INVALID_LIST_POSITION;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reason_row),
                               none ? _("Not chosen yet") : NULL);
}

static void
field_changed_cb (PsCaseEditor *self)
{
  update_reason_hint (self);
  if (self->populating)
    return;

  gtk_widget_set_visible (self->consent_row,
                          adw_combo_row_get_selected (self->referral_row) == PS_REFERRAL_COLLEAGUE);
  self->show_errors = TRUE;
  validate (self);
}

static void
show_notice (PsCaseEditor *self,
             const char   *message)
{
  gtk_label_set_text (self->notice_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), message != NULL);
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\r' || c == '\n' || c == '\v' || c == '\f' || c == 0x85 ||
         c == 0x2028 || c == 0x2029;
}

typedef enum
{
  INSERT_FITS,
  INSERT_LINES,
  INSERT_TOO_LONG,
} InsertCheck;

/* Holds a field to one line of @max_chars while typing and pasting. A line
 * break at either end of a paste (a copied line) is left out; text with a
 * break inside, or that does not fit, is not inserted at all: nothing is
 * joined or cut behind the person's back. */
static InsertCheck
limit_insert_text (PsCaseEditor *self,
                   GtkEditable  *editable,
                   const char   *text,
                   int           length,
                   int          *position,
                   guint         max_chars,
                   GCallback     handler)
{
  const char *start = text;
  const char *end;
  glong current, n;

  if (length < 0)
    length = strlen (text);
  end = text + length;
  if (!g_utf8_validate (text, length, NULL))
    return INSERT_FITS;

  while (start < end && is_line_break (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && is_line_break (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (is_line_break (g_utf8_get_char (p)))
      {
        g_signal_stop_emission_by_name (editable, "insert-text");
        gtk_widget_error_bell (GTK_WIDGET (editable));
        return INSERT_LINES;
      }

  current = g_utf8_strlen (gtk_editable_get_text (editable), -1);
  n = g_utf8_strlen (start, end - start);
  if (current + n > (glong) max_chars)
    {
      g_signal_stop_emission_by_name (editable, "insert-text");
      gtk_widget_error_bell (GTK_WIDGET (editable));
      return INSERT_TOO_LONG;
    }

  show_notice (self, NULL);
  if (start == text && end == text + length)
    return INSERT_FITS;
  g_signal_handlers_block_by_func (editable, handler, self);
  gtk_editable_insert_text (editable, start, end - start, position);
  g_signal_handlers_unblock_by_func (editable, handler, self);
  g_signal_stop_emission_by_name (editable, "insert-text");
  return INSERT_FITS;
}

static void
insert_text_cb (GtkEditable  *editable,
                const char   *text,
                int           length,
                int          *position,
                PsCaseEditor *self)
{
  gboolean name = editable == gtk_editable_get_delegate (GTK_EDITABLE (self->name_row));
  g_autofree char *notice = NULL;

  switch (limit_insert_text (self, editable, text, length, position,
                             name ? PS_CASE_NAME_MAX_CHARS : PS_CASE_CONTACT_MAX_CHARS,
                             G_CALLBACK (insert_text_cb)))
    {
    case INSERT_LINES:
      show_notice (self, name ? _("A name is one line: the pasted text has line breaks, so it "
                                  "was not added.")
                              : _("A contact is one line: the pasted text has line breaks, so "
                                  "it was not added."));
      break;
    case INSERT_TOO_LONG:
      /* Translators: %d is the most characters a name (80) or a contact (120) can have */
      notice = g_strdup_printf (name ? _("A name has at most %d characters: the text was not "
                                         "added.")
                                     : _("A contact has at most %d characters: the text was not "
                                         "added."),
                                name ? PS_CASE_NAME_MAX_CHARS : PS_CASE_CONTACT_MAX_CHARS);
      show_notice (self, notice);
      break;
    case INSERT_FITS:
    default:
      break;
    }
}

static void
save (PsCaseEditor *self)
{
  PsStore *store = ps_context_get_store (self->context);
  g_autoptr(PsCaseFields) fields = NULL;
  g_autoptr(PsCase) saved = NULL;
  g_autoptr(GError) error = NULL;

  self->show_errors = TRUE;
  if (!validate (self))
    return;

  if (store == NULL)
    {
      show_error (self, NULL, _("The caseload is locked. Unlock it, then save again."));
      return;
    }

  fields = collect_fields (self);
  if (self->edited != NULL)
    {
      if (ps_store_update_case (store, ps_case_get_id (self->edited), fields, &error))
        saved = g_object_ref (self->edited);
    }
  else
    {
      saved = ps_store_create_case (store, fields, &error);
    }

  if (saved == NULL)
    {
      /* Everything typed stays, so the user can try again. */
      show_error (self, NULL, error != NULL ? error->message : _("The case could not be saved."));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
confirmation_response_cb (PsCaseEditor     *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  self->confirmation = NULL;
  /* Saving closes this window before the question is gone. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  if (g_strcmp0 (response, "save") == 0)
    save (self);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->requested_row));
}

/* A request date over a year back is more often a slip of the calendar
 * than a case: it would show as overdue by hundreds of days. Asked when
 * the date is set or changed, not for a case saved with it before. */
static gboolean
needs_confirmation (PsCaseEditor *self)
{
  const GDate *requested = ps_date_row_get_date (self->requested_row);
  GDate today, year_ago;

  if (requested == NULL)
    return FALSE;
  if (self->edited != NULL &&
      g_date_compare (requested, ps_case_get_requested_on (self->edited)) == 0)
    return FALSE;

  ps_clock_get_today (ps_context_get_clock (self->context), &today);
  year_ago = today;
  g_date_subtract_years (&year_ago, 1);
  return g_date_compare (requested, &year_ago) < 0;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PsCaseEditor *self = PS_CASE_EDITOR (widget);
  g_autofree char *day = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  self->show_errors = TRUE;
  if (!validate (self) || self->confirmation != NULL)
    return;
  if (!needs_confirmation (self))
    {
      save (self);
      return;
    }

  day = ps_date_row_format_date (ps_date_row_get_date (self->requested_row));
  /* Translators: %s is a day, "Mon 18 Nov 2024". No name: the screen may be shared. */
  body = g_strdup_printf (_("The request date, %s, is more than a year ago. First contact is "
                            "counted from it, so the case would show as long overdue."), day);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Requested Over a Year Ago?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "change", _("C_hange Date"),
                                    "save", _("_Keep Date"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "change");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "change");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb),
                           self, G_CONNECT_SWAPPED);
  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
name_activated_cb (PsCaseEditor *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->contact_row));
}

static void
contact_activated_cb (PsCaseEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
label_entry_row (AdwEntryRow *row,
                 const char  *label)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  /* The text inside takes the focus: it needs the name too. */
  if (delegate != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (delegate),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
}

static void
populate (PsCaseEditor *self)
{
  g_autoptr(PsCaseFields) fields = NULL;
  GDate today;

  ps_clock_get_today (ps_context_get_clock (self->context), &today);
  if (self->edited != NULL)
    {
      fields = ps_case_dup_fields (self->edited);
    }
  else
    {
      fields = ps_case_fields_new ();
      fields->modality = PS_MODALITY_PHONE;
      fields->referral = PS_REFERRAL_SELF;
      fields->requested_on = today;
      fields->assigned_on = today;
    }

  self->populating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         fields->display_name != NULL ? fields->display_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_row),
                         fields->contact != NULL ? fields->contact : "");
  adw_combo_row_set_selected (self->modality_row, fields->modality);
  adw_combo_row_set_selected (self->referral_row, fields->referral);
  gtk_check_button_set_active (self->consent_check, fields->consent_confirmed);
  gtk_widget_set_visible (self->consent_row, fields->referral == PS_REFERRAL_COLLEAGUE);
  adw_combo_row_set_selected (self->reason_row, ps_reason_is_valid (fields->reason)
                                                ? (guint) fields->reason
                                                : GTK_INVALID_LIST_POSITION);
  update_reason_hint (self);
  ps_date_row_set_date (self->requested_row, &fields->requested_on);
  ps_date_row_set_date (self->assigned_row, &fields->assigned_on);
  self->populating = FALSE;

  gtk_window_set_title (GTK_WINDOW (self),
                        self->edited != NULL ? _("Edit Case") : _("New Case"));
  self->show_errors = self->edited != NULL;
  validate (self);
}

static void
ps_case_editor_dispose (GObject *object)
{
  PsCaseEditor *self = (PsCaseEditor *)object;

  if (self->confirmation != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->confirmation, confirmation_response_cb, self);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->confirmation)));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_CASE_EDITOR);
  self->bad_widget = NULL;
  g_clear_object (&self->edited);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ps_case_editor_parent_class)->dispose (object);
}

static void
ps_case_editor_class_init (PsCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_case_editor_dispose;

  /**
   * PsCaseEditor::saved:
   * @case: the case as saved
   *
   * Emitted once the store saved the case, just before the editor closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, PS_TYPE_CASE);

  g_type_ensure (PS_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ps-case-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, modality_row);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, referral_row);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, consent_row);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, consent_check);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, reason_row);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, requested_row);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, assigned_row);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PsCaseEditor, notice_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "editor.cancel", NULL);
}

static void
ps_case_editor_init (PsCaseEditor *self)
{
  g_autoptr(GListModel) modalities = NULL;
  g_autoptr(GtkStringList) referrals = NULL;
  g_autoptr(GtkStringList) reasons = NULL;

  /* Nothing to check until populate() filled the form. */
  self->populating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  ps_wrap_combo_rows (GTK_WIDGET (self));

  modalities = ps_modality_list_new ();
  adw_combo_row_set_model (self->modality_row, modalities);

  referrals = gtk_string_list_new (NULL);
  for (PsReferral r = PS_REFERRAL_SELF; r <= PS_REFERRAL_COLLEAGUE; r++)
    gtk_string_list_append (referrals, ps_referral_to_label (r));
  adw_combo_row_set_model (self->referral_row, G_LIST_MODEL (referrals));

  reasons = gtk_string_list_new (NULL);
  for (PsReason r = PS_REASON_ADVERSE_EVENT; r <= PS_REASON_OTHER; r++)
    gtk_string_list_append (reasons, ps_reason_to_label (r));
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (reasons));

  label_entry_row (self->name_row, _("Name"));
  label_entry_row (self->contact_row, _("Contact"));

  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->name_row)), "insert-text",
                    G_CALLBACK (insert_text_cb), self);
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->contact_row)), "insert-text",
                    G_CALLBACK (insert_text_cb), self);
}

PsCaseEditor *
ps_case_editor_new (PsContext *context,
                    PsCase    *case_or_null)
{
  PsCaseEditor *self;

  g_return_val_if_fail (PS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (case_or_null == NULL || PS_IS_CASE (case_or_null), NULL);

  self = g_object_new (PS_TYPE_CASE_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->edited = case_or_null != NULL ? g_object_ref (case_or_null) : NULL;
  populate (self);
  /* Typing starts in the name, never on Cancel (where Space would close). */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
  return self;
}

/* The old-date question while it is asked, else NULL. */
AdwMessageDialog *
ps_case_editor_get_confirmation (PsCaseEditor *self)
{
  g_return_val_if_fail (PS_IS_CASE_EDITOR (self), NULL);
  return self->confirmation;
}
