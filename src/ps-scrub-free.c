/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Freed memory is zeroed, so a colleague's name shown before a lock does not
 * stay in the heap once the widgets that showed it are gone.
 *
 * This file is linked into the peerside executable only (and into the test
 * that scans the memory), never into a library: a free() defined in the
 * executable takes the place of glibc's for the whole process, GTK, GLib,
 * SQLCipher and glibc's own internal calls included. Nothing is done at
 * malloc time: glibc's M_PERTURB, which did this before, also filled every
 * new block, which made allocated but untouched pages resident (about
 * 34 MB more at start-up: +52.8 MB over a bare window instead of +18.5).
 *
 * - free() zeroes the block's usable size, then hands it to glibc; the
 *   whole pages of a big block are dropped instead, or of a very big one
 *   those not in memory (see scrub()).
 * - realloc() that moves a block would have glibc free the old one inside
 *   itself, unseen: a block that grows is moved here instead (malloc, copy,
 *   zero, free); one that shrinks stays in place (glibc never moves it) with
 *   its cut-off tail zeroed first.
 * - reallocarray() calls glibc's realloc inside glibc, so it comes here too.
 * - Blocks glibc mmapped on their own (at or above the mmap threshold; the
 *   IS_MMAPPED bit, 0x2, of the size word just before the block) are not
 *   zeroed: free() unmaps them and the kernel zeroes pages before it gives
 *   them out again, and zeroing would only make them resident for nothing.
 *   They are realloc'ed by glibc (mremap), which leaves no copy behind.
 *
 * - Only from ps_scrub_freed_memory(), which PsContext calls before it
 *   reads a key, a store or a backup: what GTK and libadwaita free while
 *   they start (parsing the theme, a tenth of the work to the first frame)
 *   held nothing of the user's, and is handed to glibc as it is.
 *
 * glibc's own functions are reached through __libc_malloc, __libc_free and
 * __libc_realloc, which glibc exports, rather than dlsym(RTLD_NEXT), which
 * may itself allocate. The one state, whether zeroing has begun, is set
 * once and read atomically, so this is thread-safe.
 *
 * GLib 2.74's slice allocator (g_slice_*, GLib's lists and hash tables,
 * GObject instances, GTK's undo history of every text field) keeps freed
 * slices in its own caches for reuse and never calls free() for them: a
 * name typed into an entry stayed there, word by word, after Lock. GLib
 * zeroes a slice when it frees it if g_mem_gc_friendly is set, which it
 * otherwise sets only for G_DEBUG=gc-friendly: ps_scrub_freed_memory() sets
 * it, after GLib read G_DEBUG, and before anything of the user's is read or
 * typed.
 *
 * Not in a sanitizer build: the sanitizers replace malloc and free with
 * their own, and their free must see the call. */

#include "config.h"

#if !PS_SANITIZED

#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "ps-scrub.h"

extern void *__libc_malloc (size_t size);
extern void  __libc_free (void *ptr);
extern void *__libc_realloc (void *ptr, size_t size);

#define IS_MMAPPED ((size_t) 0x2)

static int scrubbing;

void
ps_scrub_freed_memory (void)
{
  g_mem_gc_friendly = TRUE;
  g_atomic_int_set (&scrubbing, 1);
}

static int
is_mmapped (const void *ptr)
{
  size_t size_word;

  memcpy (&size_word, (const char *) ptr - sizeof size_word, sizeof size_word);
  return (size_word & IS_MMAPPED) != 0;
}

/* From this size, the whole pages inside a block are given back to the
 * kernel (MADV_DONTNEED: they read as zeros when next touched, as glibc's
 * malloc_trim does with free memory) rather than written: writing would make
 * resident the pages of a big block that were never touched, and keep them.
 * From the second size, those of its pages that are in memory (mincore) are
 * written with zeros instead, and stay: a window's frame is a new image of
 * 4 MB each time, which was faulted in again page by page (1,000 page faults
 * a frame, a third of the frame's processor time with the cairo renderer). */
#define DROP_PAGES_FROM ((size_t) 64 * 1024)
#define KEEP_PAGES_FROM ((size_t) 1024 * 1024)
#define PAGES_AT_ONCE 256

/* Whole pages given back (zeroed by the kernel), or written if it refuses. */
static void
drop_pages (uintptr_t from,
            size_t    length)
{
  if (madvise ((void *) from, length, MADV_DONTNEED) != 0)
    explicit_bzero ((void *) from, length);
}

/* Zeroes the pages of a big block in memory, drops the others. */
static void
scrub_pages (uintptr_t first,
             uintptr_t last,
             uintptr_t page)
{
  unsigned char in_memory[PAGES_AT_ONCE];

  while (first < last)
    {
      size_t n = MIN ((last - first) / page, PAGES_AT_ONCE);

      if (mincore ((void *) first, n * page, in_memory) != 0)
        {
          drop_pages (first, last - first);
          return;
        }
      for (size_t i = 0; i < n;)
        {
          gboolean resident = (in_memory[i] & 1) != 0;
          size_t run = 1;

          while (i + run < n && ((in_memory[i + run] & 1) != 0) == resident)
            run++;
          if (resident)
            explicit_bzero ((void *) (first + i * page), run * page);
          else
            drop_pages (first + i * page, run * page);
          i += run;
        }
      first += n * page;
    }
}

static void
scrub (void  *ptr,
       size_t size)
{
  uintptr_t start = (uintptr_t) ptr, end = start + size;
  uintptr_t page = (uintptr_t) sysconf (_SC_PAGESIZE);
  uintptr_t first = (start + page - 1) & ~(page - 1), last = end & ~(page - 1);

  if (size < DROP_PAGES_FROM || last <= first)
    {
      explicit_bzero (ptr, size);
      return;
    }
  explicit_bzero (ptr, first - start);
  if (size >= KEEP_PAGES_FROM)
    scrub_pages (first, last, page);
  else
    drop_pages (first, last - first);
  explicit_bzero ((void *) last, end - last);
}

void
free (void *ptr)
{
  if (ptr == NULL)
    return;
  if (g_atomic_int_get (&scrubbing) && !is_mmapped (ptr))
    scrub (ptr, malloc_usable_size (ptr));
  __libc_free (ptr);
}

void *
realloc (void  *ptr,
         size_t size)
{
  size_t usable;
  void *moved;

  if (ptr == NULL)
    return __libc_malloc (size);
  if (size == 0)
    {
      /* As glibc: free, and no block back. */
      free (ptr);
      return NULL;
    }
  if (!g_atomic_int_get (&scrubbing) || is_mmapped (ptr))
    return __libc_realloc (ptr, size);

  usable = malloc_usable_size (ptr);
  if (size <= usable)
    {
      scrub ((char *) ptr + size, usable - size);
      return __libc_realloc (ptr, size);
    }

  moved = __libc_malloc (size);
  if (moved == NULL)
    return NULL;
  memcpy (moved, ptr, usable);
  free (ptr);
  return moved;
}

void *
reallocarray (void  *ptr,
              size_t n,
              size_t size)
{
  if (size != 0 && n > SIZE_MAX / size)
    {
      errno = ENOMEM;
      return NULL;
    }
  return realloc (ptr, n * size);
}

#endif
