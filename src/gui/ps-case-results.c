/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "ps-case-results.h"
#include "ps-case-row.h"
#include "ps-util.h"

/* PsCaseSlot ------------------------------------------------------------ */

struct _PsCaseSlot
{
  GObject  parent_instance;
  PsCase  *item;
};

G_DEFINE_FINAL_TYPE (PsCaseSlot, ps_case_slot, G_TYPE_OBJECT)

enum {
  SLOT_CHANGED,
  N_SLOT_SIGNALS
};

static guint slot_signals[N_SLOT_SIGNALS];

static void
ps_case_slot_dispose (GObject *object)
{
  PsCaseSlot *self = PS_CASE_SLOT (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (ps_case_slot_parent_class)->dispose (object);
}

static void
ps_case_slot_class_init (PsCaseSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ps_case_slot_dispose;

  /* The slot holds another case, or its case should be drawn again. */
  slot_signals[SLOT_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ps_case_slot_init (PsCaseSlot *self)
{
}

PsCase *
ps_case_slot_get_case (PsCaseSlot *self)
{
  g_return_val_if_fail (PS_IS_CASE_SLOT (self), NULL);
  return self->item;
}

/* PsCaseResults --------------------------------------------------------- */

typedef struct
{
  PsCase       *item;     /* a reference */
  PsUrgencyKey  key;
  gboolean      folded_known;
  const char   *folded;   /* the case's, until the next sort (a new name sorts again) */
} Entry;

struct _PsCaseResults
{
  GObject     parent_instance;

  GListModel *source;
  GDateTime  *now;
  int         due_days;
  int         overdue_days;
  gboolean    closed;
  char       *search;      /* folded (ps_fold_for_search); NULL for every case */
  guint       n_open;
  guint       n_closed;
  guint       n_elsewhere; /* matches of the search in the other list */
  gint64      changes_at;  /* the first case's timeline change, Unix seconds */

  GArray     *sorted;      /* Entry, every case of the source in order */
  GPtrArray  *results;     /* PsCase, borrowed from sorted */
  GPtrArray  *slots;       /* PsCaseSlot or NULL, one per result, made when asked for */
};

static void ps_case_results_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsCaseResults, ps_case_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      ps_case_results_list_model_init))

typedef struct
{
  char *source;   /* the name it was made from: an edit may reuse its memory */
  char *folded;
} FoldedName;

static void
folded_name_free (gpointer data)
{
  FoldedName *fn = data;

  g_free (fn->source);
  g_free (fn->folded);
  g_free (fn);
}

/* The folded name, made once per name rather than on every keystroke. */
static const char *
get_folded_name (PsCase *item)
{
  static GQuark quark;
  const char *name = ps_case_get_display_name (item);
  FoldedName *fn;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("ps-case-results-folded-name");

  if (name == NULL)
    return NULL;

  fn = g_object_get_qdata (G_OBJECT (item), quark);
  if (fn == NULL || strcmp (fn->source, name) != 0)
    {
      fn = g_new0 (FoldedName, 1);
      fn->source = g_strdup (name);
      fn->folded = ps_fold_for_search (name);
      g_object_set_qdata_full (G_OBJECT (item), quark, fn, folded_name_free);
    }
  return fn->folded;
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->item);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return ps_urgency_key_compare (&((const Entry *) a)->key, &((const Entry *) b)->key);
}

static gboolean
matches_search (PsCaseResults *self,
                Entry         *entry)
{
  if (self->search == NULL)
    return TRUE;
  /* Looked up once per sort, not on every keystroke. */
  if (!entry->folded_known)
    {
      entry->folded = get_folded_name (entry->item);
      entry->folded_known = TRUE;
    }
  return entry->folded != NULL && strstr (entry->folded, self->search) != NULL;
}

/* Puts the new results in place: the slots both lists have change what they
 * hold; only the difference in length is added or removed. */
static void
apply (PsCaseResults *self,
       GPtrArray     *results,
       gboolean       rebind_all,
       PsCase        *changed)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->results);
  guint n_old = old->len;
  guint n_new = results->len;
  guint common = MIN (n_old, n_new);

  self->results = g_ptr_array_ref (results);

  for (guint i = 0; i < common; i++)
    {
      PsCaseSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot == NULL)
        continue;
      if (slot->item != g_ptr_array_index (results, i))
        {
          g_set_object (&slot->item, g_ptr_array_index (results, i));
          g_signal_emit (slot, slot_signals[SLOT_CHANGED], 0);
        }
      else if (rebind_all || slot->item == changed)
        g_signal_emit (slot, slot_signals[SLOT_CHANGED], 0);
    }

  g_ptr_array_set_size (self->slots, n_new);
  if (n_old != n_new)
    g_list_model_items_changed (G_LIST_MODEL (self), common, n_old - common, n_new - common);
}

/* @changed: a case whose row is drawn again wherever it stays. */
static void
refilter (PsCaseResults *self,
          gboolean       rebind_all,
          PsCase        *changed)
{
  g_autoptr(GPtrArray) results = g_ptr_array_sized_new (self->sorted->len);

  self->n_open = self->n_closed = self->n_elsewhere = 0;
  for (guint i = 0; i < self->sorted->len; i++)
    {
      Entry *entry = &g_array_index (self->sorted, Entry, i);
      gboolean closed = entry->key.urgency == PS_URGENCY_CLOSED;

      if (closed)
        self->n_closed++;
      else
        self->n_open++;
      if (!matches_search (self, entry))
        continue;
      if (closed == self->closed)
        g_ptr_array_add (results, entry->item);
      else if (self->search != NULL)
        self->n_elsewhere++;
    }
  apply (self, results, rebind_all, changed);
}

/* Every case, in order; the results are made again from it. */
static void
resort (PsCaseResults *self)
{
  g_autoptr(GArray) old = g_steal_pointer (&self->sorted);
  guint n = self->source != NULL ? g_list_model_get_n_items (self->source) : 0;
  PsTimelineNow now;

  ps_timeline_now_init (&now, self->now, self->due_days, self->overdue_days);
  self->changes_at = G_MAXINT64;
  self->sorted = g_array_sized_new (FALSE, FALSE, sizeof (Entry), n);
  g_array_set_clear_func (self->sorted, entry_clear);
  for (guint i = 0; i < n; i++)
    {
      Entry entry = { 0 };
      PsCaseTimeline timeline;

      entry.item = g_list_model_get_item (self->source, i);
      ps_case_timeline_init (&timeline, entry.item, &now);
      ps_case_timeline_get_key (&timeline, entry.item, &entry.key);
      self->changes_at = MIN (self->changes_at, timeline.changes_at);
      g_array_append_val (self->sorted, entry);
    }
  g_array_sort (self->sorted, compare_entries);

  /* The old cases stay alive until no slot holds them. */
  refilter (self, TRUE, NULL);
}

static void
source_changed_cb (PsCaseResults *self)
{
  resort (self);
}

/* Most places never had a slot made. */
static void
slot_free (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static GType
ps_case_results_get_item_type (GListModel *model)
{
  return PS_TYPE_CASE_SLOT;
}

static guint
ps_case_results_get_n_items (GListModel *model)
{
  return PS_CASE_RESULTS (model)->results->len;
}

static gpointer
ps_case_results_get_item (GListModel *model,
                          guint       position)
{
  PsCaseResults *self = PS_CASE_RESULTS (model);
  PsCaseSlot *slot;

  if (position >= self->results->len)
    return NULL;

  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (PS_TYPE_CASE_SLOT, NULL);
      slot->item = g_object_ref (g_ptr_array_index (self->results, position));
      g_ptr_array_index (self->slots, position) = slot;
    }
  return g_object_ref (slot);
}

static void
ps_case_results_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ps_case_results_get_item_type;
  iface->get_n_items = ps_case_results_get_n_items;
  iface->get_item = ps_case_results_get_item;
}

static void
ps_case_results_dispose (GObject *object)
{
  PsCaseResults *self = PS_CASE_RESULTS (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, source_changed_cb, self);
  g_clear_object (&self->source);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->sorted, g_array_unref);

  G_OBJECT_CLASS (ps_case_results_parent_class)->dispose (object);
}

static void
ps_case_results_finalize (GObject *object)
{
  PsCaseResults *self = PS_CASE_RESULTS (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (ps_case_results_parent_class)->finalize (object);
}

static void
ps_case_results_class_init (PsCaseResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ps_case_results_dispose;
  object_class->finalize = ps_case_results_finalize;
}

static void
ps_case_results_init (PsCaseResults *self)
{
  self->changes_at = G_MAXINT64;
  self->sorted = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->sorted, entry_clear);
  self->results = g_ptr_array_new ();
  self->slots = g_ptr_array_new_with_free_func (slot_free);
  self->now = g_date_time_new_now_local ();
  self->due_days = 2;
  self->overdue_days = 3;
}

PsCaseResults *
ps_case_results_new (void)
{
  return g_object_new (PS_TYPE_CASE_RESULTS, NULL);
}

void
ps_case_results_set_source (PsCaseResults *self,
                            GListModel    *cases)
{
  g_return_if_fail (PS_IS_CASE_RESULTS (self));
  g_return_if_fail (cases == NULL || G_IS_LIST_MODEL (cases));

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, source_changed_cb, self);
  g_set_object (&self->source, cases);
  if (cases != NULL)
    g_signal_connect_object (cases, "items-changed", G_CALLBACK (source_changed_cb),
                             self, G_CONNECT_SWAPPED);
  resort (self);
}

/* The order depends on the day and the first-contact settings: a change
 * sorts again and draws every row again. */
void
ps_case_results_set_order (PsCaseResults *self,
                           GDateTime     *now_local,
                           int            due_days,
                           int            overdue_days)
{
  g_return_if_fail (PS_IS_CASE_RESULTS (self));
  g_return_if_fail (now_local != NULL);

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_ref (now_local);
  self->due_days = due_days;
  self->overdue_days = overdue_days;
  resort (self);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* After a change to @item alone (an edit, a conversation): while the day is
 * the same and no case's words changed by themselves since the last sort,
 * the others keep their order and @item alone moves to its place; its row
 * is drawn again. Otherwise every case is sorted again. */
void
ps_case_results_update_case (PsCaseResults *self,
                             PsCase        *item,
                             GDateTime     *now_local,
                             int            due_days,
                             int            overdue_days)
{
  PsTimelineNow now;
  PsCaseTimeline timeline;
  Entry entry = { 0 };
  guint i, lo, hi;

  g_return_if_fail (PS_IS_CASE_RESULTS (self));
  g_return_if_fail (PS_IS_CASE (item));
  g_return_if_fail (now_local != NULL);

  for (i = 0; i < self->sorted->len; i++)
    if (g_array_index (self->sorted, Entry, i).item == item)
      break;
  if (i == self->sorted->len || due_days != self->due_days || overdue_days != self->overdue_days ||
      !same_day (self->now, now_local) || g_date_time_to_unix (now_local) >= self->changes_at)
    {
      ps_case_results_set_order (self, now_local, due_days, overdue_days);
      return;
    }

  /* Out of the order, with its reference (and a name that may be new). */
  entry.item = g_steal_pointer (&g_array_index (self->sorted, Entry, i).item);
  g_array_remove_index (self->sorted, i);

  ps_timeline_now_init (&now, now_local, due_days, overdue_days);
  ps_case_timeline_init (&timeline, item, &now);
  ps_case_timeline_get_key (&timeline, item, &entry.key);
  self->changes_at = MIN (self->changes_at, timeline.changes_at);

  lo = 0;
  hi = self->sorted->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_entries (&g_array_index (self->sorted, Entry, mid), &entry) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (self->sorted, lo, entry);
  refilter (self, FALSE, item);
}

/* @search is folded already (ps_fold_for_search), or NULL. */
void
ps_case_results_set_filter (PsCaseResults *self,
                            gboolean       closed,
                            const char    *search)
{
  g_return_if_fail (PS_IS_CASE_RESULTS (self));

  if (search != NULL && search[0] == '\0')
    search = NULL;
  if (self->closed == !!closed && g_strcmp0 (self->search, search) == 0)
    return;

  self->closed = !!closed;
  g_free (self->search);
  self->search = g_strdup (search);
  refilter (self, FALSE, NULL);
}

/* Something every row shows changed (privacy mode). */
void
ps_case_results_rebind_all (PsCaseResults *self)
{
  g_return_if_fail (PS_IS_CASE_RESULTS (self));

  for (guint i = 0; i < self->slots->len; i++)
    {
      PsCaseSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        g_signal_emit (slot, slot_signals[SLOT_CHANGED], 0);
    }
}

/* When a row's words or the order next change by themselves (a conversation
 * becomes "soon", starts or is over), in Unix seconds; G_MAXINT64: never
 * before a new day. */
gint64
ps_case_results_get_changes_at (PsCaseResults *self)
{
  g_return_val_if_fail (PS_IS_CASE_RESULTS (self), G_MAXINT64);
  return self->changes_at;
}

PsCase *
ps_case_results_get_case (PsCaseResults *self,
                          guint          position)
{
  g_return_val_if_fail (PS_IS_CASE_RESULTS (self), NULL);

  if (position >= self->results->len)
    return NULL;
  return g_ptr_array_index (self->results, position);
}

/* The position of @item among the results, or GTK_INVALID_LIST_POSITION. */
guint
ps_case_results_find (PsCaseResults *self,
                      PsCase        *item)
{
  guint position;

  g_return_val_if_fail (PS_IS_CASE_RESULTS (self), G_MAXUINT);

  if (item != NULL && g_ptr_array_find (self->results, item, &position))
    return position;
  return G_MAXUINT;
}

/* How many open and closed cases there are, whatever the search. */
guint
ps_case_results_get_n_cases (PsCaseResults *self,
                             gboolean       closed)
{
  g_return_val_if_fail (PS_IS_CASE_RESULTS (self), 0);
  return closed ? self->n_closed : self->n_open;
}

/* How many cases of the other list the search matches: 0 without one. */
guint
ps_case_results_get_n_elsewhere (PsCaseResults *self)
{
  g_return_val_if_fail (PS_IS_CASE_RESULTS (self), 0);
  return self->n_elsewhere;
}
