/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "ps-case-list.h"

struct _PsCaseList
{
  GObject    parent_instance;

  GPtrArray *items;   /* PsCase, by id */
};

static void ps_case_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsCaseList, ps_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ps_case_list_model_init))

static GType
ps_case_list_get_item_type (GListModel *model)
{
  return PS_TYPE_CASE;
}

static guint
ps_case_list_get_n_items (GListModel *model)
{
  return PS_CASE_LIST (model)->items->len;
}

static gpointer
ps_case_list_get_item (GListModel *model,
                       guint       position)
{
  PsCaseList *self = PS_CASE_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
ps_case_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ps_case_list_get_item_type;
  iface->get_n_items = ps_case_list_get_n_items;
  iface->get_item = ps_case_list_get_item;
}

static void
ps_case_list_finalize (GObject *object)
{
  PsCaseList *self = (PsCaseList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (ps_case_list_parent_class)->finalize (object);
}

static void
ps_case_list_class_init (PsCaseListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_case_list_finalize;
}

static void
ps_case_list_init (PsCaseList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

PsCaseList *
ps_case_list_new (void)
{
  return g_object_new (PS_TYPE_CASE_LIST, NULL);
}

/* Where a case of @id is, or would go; *@found says which. */
static guint
find_position (PsCaseList *self,
               gint64      id,
               gboolean   *found)
{
  guint low = 0, high = self->items->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      gint64 mid_id = ps_case_get_id (g_ptr_array_index (self->items, mid));

      if (mid_id == id)
        {
          *found = TRUE;
          return mid;
        }
      if (mid_id < id)
        low = mid + 1;
      else
        high = mid;
    }
  *found = FALSE;
  return low;
}

/* Appends @n_items cases, in id order and after every case already held. */
void
ps_case_list_append (PsCaseList  *self,
                     PsCase     **items,
                     guint        n_items)
{
  guint position;

  g_return_if_fail (PS_IS_CASE_LIST (self));
  g_return_if_fail (n_items == 0 || items != NULL);

  if (n_items == 0)
    return;

  position = self->items->len;
  g_ptr_array_set_size (self->items, position + n_items);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_index (self->items, position + i) = g_object_ref (items[i]);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n_items);
}

/* Adds @item in its place by id, unless a case of that id is held. */
void
ps_case_list_ensure (PsCaseList *self,
                     PsCase     *item)
{
  gboolean found;
  guint position;

  g_return_if_fail (PS_IS_CASE_LIST (self));
  g_return_if_fail (PS_IS_CASE (item));

  position = find_position (self, ps_case_get_id (item), &found);
  if (found)
    return;
  g_ptr_array_insert (self->items, (int) position, g_object_ref (item));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

void
ps_case_list_remove (PsCaseList *self,
                     PsCase     *item)
{
  gboolean found;
  guint position;

  g_return_if_fail (PS_IS_CASE_LIST (self));
  g_return_if_fail (PS_IS_CASE (item));

  position = find_position (self, ps_case_get_id (item), &found);
  if (!found || g_ptr_array_index (self->items, position) != (gpointer) item)
    return;
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}
