/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-contact-attempt.h"
#include "ps-enum-types.h"

struct _PsContactAttempt
{
  GObject           parent_instance;
  gint64            id;
  gint64            case_id;
  GDateTime        *at;
  PsContactOutcome  outcome;
};

G_DEFINE_FINAL_TYPE (PsContactAttempt, ps_contact_attempt, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CASE_ID,
  PROP_AT,
  PROP_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ps_contact_attempt_finalize (GObject *object)
{
  PsContactAttempt *self = (PsContactAttempt *)object;

  g_clear_pointer (&self->at, g_date_time_unref);

  G_OBJECT_CLASS (ps_contact_attempt_parent_class)->finalize (object);
}

static void
ps_contact_attempt_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PsContactAttempt *self = PS_CONTACT_ATTEMPT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CASE_ID:
      g_value_set_int64 (value, self->case_id);
      break;
    case PROP_AT:
      g_value_set_boxed (value, self->at);
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ps_contact_attempt_class_init (PsContactAttemptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ps_contact_attempt_finalize;
  object_class->get_property = ps_contact_attempt_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CASE_ID] = g_param_spec_int64 ("case-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AT] = g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_OUTCOME] = g_param_spec_enum ("outcome", NULL, NULL, PS_TYPE_CONTACT_OUTCOME,
                                                PS_CONTACT_REACHED, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ps_contact_attempt_init (PsContactAttempt *self)
{
}

PsContactAttempt *
ps_contact_attempt_new (gint64            id,
                        gint64            case_id,
                        GDateTime        *at,
                        PsContactOutcome  outcome)
{
  PsContactAttempt *self;

  g_return_val_if_fail (at != NULL, NULL);

  self = g_object_new (PS_TYPE_CONTACT_ATTEMPT, NULL);
  self->id = id;
  self->case_id = case_id;
  self->at = g_date_time_to_utc (at);
  self->outcome = outcome;
  return self;
}

gint64
ps_contact_attempt_get_id (PsContactAttempt *self)
{
  g_return_val_if_fail (PS_IS_CONTACT_ATTEMPT (self), 0);
  return self->id;
}

gint64
ps_contact_attempt_get_case_id (PsContactAttempt *self)
{
  g_return_val_if_fail (PS_IS_CONTACT_ATTEMPT (self), 0);
  return self->case_id;
}

GDateTime *
ps_contact_attempt_get_at (PsContactAttempt *self)
{
  g_return_val_if_fail (PS_IS_CONTACT_ATTEMPT (self), NULL);
  return self->at;
}

PsContactOutcome
ps_contact_attempt_get_outcome (PsContactAttempt *self)
{
  g_return_val_if_fail (PS_IS_CONTACT_ATTEMPT (self), 0);
  return self->outcome;
}
