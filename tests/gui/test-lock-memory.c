/* SPDX-License-Identifier: GPL-3.0-or-later */

/* After Lock, a name and a contact typed into Peerside are nowhere in the
 * process's memory, not even in part: the widgets that showed them are
 * destroyed and freed memory is zeroed (src/ps-scrub-free.c, linked into
 * this test as into peerside). The test goes the way a supporter does with
 * real key presses: types a fictional case, searches the caseload for it
 * with an accent, holds a conversation, opens the Schedule, locks; then it
 * reads its own writable anonymous mappings through /proc/self/mem and
 * counts the copies of every 8 bytes in a row of what was typed. */

#include "config.h"

#include <fcntl.h>
#include <malloc.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ps-application.h"
#include "ps-case-editor.h"
#include "ps-caseload-view-private.h"
#include "ps-test-session.h"
#include "ps-test-widgets.h"
#include "ps-window-private.h"

/* Under a sanitizer the scan would mean nothing: its allocator replaces the
 * free() that zeroes (which is not built then), and AddressSanitizer's
 * shadow memory is terabytes of anonymous mappings that cannot be read
 * through in any time. */
#if PS_SANITIZED || defined(__SANITIZE_ADDRESS__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif

static PsApplication *app;

/* What a freed block that is not zeroed still holds once glibc or GLib has
 * put its free-list links over its first 16 bytes: "yrfake-Brumblewick". */
#define NAME_KEPT_FROM 16
/* Every run of this many bytes of what was typed is looked for: shorter
 * than the name's words after the first, so a word kept alone is found. */
#define WINDOW 8
#define MAX_TEXT 64
#define MAX_NEEDLES 160

/* What was typed is kept only on the stack (which is not scanned) and made
 * from shifted copies, so the binary holds no plain copy either. */
typedef struct
{
  char name[MAX_TEXT];
  char folded[MAX_TEXT];    /* as the search folds it */
  char contact[MAX_TEXT];
  char search[MAX_TEXT];    /* the name's last word with an accent */
} Typed;

static void
unshift (const char *shifted,
         char       *out)
{
  gsize i;

  for (i = 0; shifted[i] != '\0'; i++)
    out[i] = shifted[i] - 1;
  out[i] = '\0';
}

static void
make_typed (Typed *typed)
{
  unshift ("Es/!Rvjmmpo!\x5B\x66qiz\x73gblf.Csvncmfxjdl", typed->name);
  unshift ("rvjmm/{cAnbsspxgfo.ibmm/uftu", typed->contact);
  for (gsize i = 0; i <= strlen (typed->name); i++)
    typed->folded[i] = g_ascii_tolower (typed->name[i]);
  /* "Z", "é", then the rest of the word as the name has it. */
  g_snprintf (typed->search, sizeof typed->search, "Z\xc3\xa9%s", typed->name + 14);
}

typedef struct
{
  const char *text;
  gsize       len;
  guint       copies;
} Needle;

/* Lives on the stack, as its needles' bytes do. */
typedef struct
{
  Needle  needles[MAX_NEEDLES];
  guint   n;
  gsize   longest;
  guint8  first[65536 / 8];   /* the needles' first two bytes, as bits */
} Scan;

static Needle *
scan_add (Scan       *scan,
          const char *text,
          gsize       len)
{
  Needle *needle = &scan->needles[scan->n++];
  guint16 key;

  g_assert_cmpuint (scan->n, <=, MAX_NEEDLES);
  g_assert_cmpuint (len, >=, 2);
  *needle = (Needle) { text, len, 0 };
  scan->longest = MAX (scan->longest, len);
  memcpy (&key, text, 2);
  scan->first[key / 8] |= 1u << (key % 8);
  return needle;
}

/* Every WINDOW bytes in a row of @text. */
static void
scan_add_windows (Scan       *scan,
                  const char *text)
{
  for (gsize i = 0; i + WINDOW <= strlen (text); i++)
    scan_add (scan, text + i, WINDOW);
}

static void
scan_buffer (Scan       *scan,
             const char *buf,
             gsize       got,
             gsize       limit)
{
  for (gsize i = 0; i < limit; i++)
    {
      guint16 key;

      if (i + 2 > got)
        break;
      memcpy (&key, buf + i, 2);
      if (!(scan->first[key / 8] & (1u << (key % 8))))
        continue;
      for (guint k = 0; k < scan->n; k++)
        {
          Needle *needle = &scan->needles[k];

          if (i + needle->len <= got && memcmp (buf + i, needle->text, needle->len) == 0)
            needle->copies++;
        }
    }
}

/* Counts every needle's copies in the writable anonymous memory and the
 * heap; not the stack, not files, not the scan's own buffer. */
static void
scan_memory (Scan *scan)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  gsize chunk = 1 << 20;
  char *buf = mmap (NULL, chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int fd;

  for (guint k = 0; k < scan->n; k++)
    scan->needles[k].copies = 0;
  g_assert_true (buf != MAP_FAILED);
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  fd = open ("/proc/self/mem", O_RDONLY);
  g_assert_cmpint (fd, >=, 0);

  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      guint64 start, end;
      char perms[5] = { 0 };
      char path[512] = { 0 };

      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s %*s %*s %*s %511s",
                  &start, &end, perms, path) < 3)
        continue;
      if (perms[0] != 'r' || perms[1] != 'w' ||
          (path[0] != '\0' && !g_str_equal (path, "[heap]")) ||
          (start <= (guint64)(gsize)buf && (guint64)(gsize)buf < end))
        continue;
      /* Chunks overlap by the longest needle less one byte; a copy is
       * counted in the chunk where it starts before the overlap. */
      for (guint64 at = start; at < end;)
        {
          gsize want = MIN (chunk, end - at);
          ssize_t got = pread (fd, buf, want, at);
          gsize limit;

          if (got <= 0)
            break;
          limit = (at + (guint64) got >= end || (gsize) got < scan->longest)
                  ? (gsize) got : (gsize) got - (scan->longest - 1);
          scan_buffer (scan, buf, got, limit);
          at += limit;
        }
    }
  close (fd);
  munmap (buf, chunk);
}

static guint
windows_found (Scan *scan,
               guint from)
{
  guint found = 0;

  for (guint k = from; k < scan->n; k++)
    found += scan->needles[k].copies;
  return found;
}

static PsWindow *
focused_window (void)
{
  PsWindow *window = ps_test_session_window (app);

  ps_test_focus_window (GTK_WINDOW (window));
  return window;
}

static gboolean
found_one (gpointer caseload)
{
  return g_list_model_get_n_items (ps_caseload_view_get_visible_cases (caseload)) == 1;
}

/* A supporter's way through a case before locking: new case with a name and
 * a contact, a search for it, its page, a conversation held, the Schedule. */
static void
go_through_case (PsContext   *context,
                 const Typed *typed)
{
  PsWindow *window = focused_window ();
  PsCaseloadView *caseload = ps_window_get_caseload_view (window);
  PsStore *store = ps_context_get_store (context);
  g_autoptr(PsCase) item = NULL;
  g_autoptr(GListModel) conversations = NULL;

  ps_test_xdotool ("key", "ctrl+n", NULL);
  ps_test_focus_window (GTK_WINDOW (ps_test_find_toplevel (PS_TYPE_CASE_EDITOR)));
  ps_test_xdotool ("type", "--delay", "15", typed->name, NULL);
  ps_test_xdotool ("key", "alt+o", NULL);
  ps_test_xdotool ("type", "--delay", "15", typed->contact, NULL);
  /* The reason has no default: its mnemonic opens the list, Down picks one. */
  ps_test_xdotool ("key", "alt+e", NULL);
  ps_test_iterate (200);
  ps_test_xdotool ("key", "Down", "Return", NULL);
  ps_test_iterate (100);
  ps_test_xdotool ("key", "ctrl+Return", NULL);
  ps_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (ps_store_get_cases (store)), ==, 1);
  item = g_list_model_get_item (ps_store_get_cases (store), 0);
  g_assert_cmpstr (ps_case_get_display_name (item), ==, typed->name);
  g_assert_cmpstr (ps_case_get_contact (item), ==, typed->contact);

  /* The search folds accents away: "Zé…" finds "Ze…". */
  focused_window ();
  ps_test_xdotool ("key", "ctrl+f", NULL);
  ps_test_xdotool ("type", "Z", NULL);
  ps_test_xdotool_unmapped_key ("eacute");
  ps_test_xdotool ("type", "--delay", "15", typed->name + 14, NULL);
  /* GtkSearchEntry reports a change after a short delay. */
  g_assert_true (ps_test_wait_for (found_one, caseload, 2000));

  ps_caseload_view_open_case (caseload, item);
  ps_test_iterate (200);
  gtk_widget_activate_action (GTK_WIDGET (ps_caseload_view_get_case_page (caseload)),
                              "case.start-conversation", NULL);
  g_assert_nonnull (ps_test_find_conversation ());
  focused_window ();
  ps_test_xdotool ("key", "Tab", "Tab", "space", NULL);
  ps_test_xdotool ("key", "alt+f", NULL);
  conversations = ps_store_list_conversations (store, ps_case_get_id (item));
  g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);
  {
    g_autoptr(PsConversation) held = g_list_model_get_item (conversations, 0);

    g_assert_cmpint (ps_conversation_get_state (held), ==, PS_CONVERSATION_COMPLETED);
  }
  g_assert_null (ps_test_find_conversation ());

  focused_window ();
  ps_test_xdotool ("key", "alt+2", NULL);
  ps_test_iterate (300);
  g_assert_cmpstr (ps_window_get_visible_view (window), ==, "schedule");
}

static void
test_nothing_typed_after_lock (void)
{
  PsWindow *window = ps_test_session_window (app);
  PsContext *context = ps_window_get_context (window);
  Typed typed;
  Scan scan = { 0 };
  Needle *name, *tail, *folded, *contact, *search;
  guint windows_from;

#ifdef UNDER_SANITIZER
  g_test_skip ("Sanitizer build: its allocator replaces the free() that zeroes and its shadow "
               "memory cannot be scanned; the memory scan runs in the normal build");
  return;
#endif

  ps_test_wait_for_status (context, PS_CONTEXT_READY);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  make_typed (&typed);
  name = scan_add (&scan, typed.name, strlen (typed.name));
  tail = scan_add (&scan, typed.name + NAME_KEPT_FROM, strlen (typed.name + NAME_KEPT_FROM));
  folded = scan_add (&scan, typed.folded, strlen (typed.folded));
  contact = scan_add (&scan, typed.contact, strlen (typed.contact));
  search = scan_add (&scan, typed.search, strlen (typed.search));
  windows_from = scan.n;
  scan_add_windows (&scan, typed.name);
  scan_add_windows (&scan, typed.folded);
  scan_add_windows (&scan, typed.contact);
  scan_add_windows (&scan, typed.search);

  go_through_case (context, &typed);
  /* On show, in the search's cache and in the search entry: the scan is not
   * vacuous. */
  scan_memory (&scan);
  g_test_message ("Before Lock: name %u, its tail %u, folded %u, contact %u, search %u",
                  name->copies, tail->copies, folded->copies, contact->copies, search->copies);
  g_assert_cmpuint (name->copies, >, 0);
  g_assert_cmpuint (folded->copies, >, 0);
  g_assert_cmpuint (contact->copies, >, 0);
  g_assert_cmpuint (search->copies, >, 0);

  ps_test_xdotool ("key", "ctrl+l", NULL);
  ps_test_iterate (500);
  g_assert_cmpint (ps_context_get_status (context), ==, PS_CONTEXT_LOCKED);
  scan_memory (&scan);
  g_test_message ("After Lock: name %u, its tail %u, folded %u, contact %u, search %u; "
                  "runs of %u bytes %u",
                  name->copies, tail->copies, folded->copies, contact->copies, search->copies,
                  WINDOW, windows_found (&scan, windows_from));
  for (guint k = 0; k < scan.n; k++)
    if (scan.needles[k].copies != 0)
      g_test_message ("needle %u (%" G_GSIZE_FORMAT " bytes) survives in %u places",
                      k, scan.needles[k].len, scan.needles[k].copies);
  g_assert_cmpuint (windows_found (&scan, 0), ==, 0);
  explicit_bzero (&typed, sizeof typed);
}

/* A freed block of megabytes (a frame's window image is one) has the pages
 * it holds written with zeros, not only those given back to the kernel:
 * with a block after it, glibc keeps its pages, and a name drawn or
 * written in them would stay. */
static void
test_big_block_zeroed (void)
{
  static const char marker[] = "Dr. Bigblock Fictional";
  gsize page = (gsize) sysconf (_SC_PAGESIZE), size = 3 << 20;
  Scan scan = { 0 };
  char *block, *after;

#ifdef UNDER_SANITIZER
  g_test_skip ("Sanitizer build: its allocator replaces glibc's and the free() that zeroes");
  return;
#endif

  /* From the heap, as a frame's image is once glibc has seen one. */
  g_assert_cmpint (mallopt (M_MMAP_THRESHOLD, 16 << 20), ==, 1);
  block = malloc (size);
  after = malloc (64);
  g_assert_nonnull (block);
  /* Every other page: the others were never touched. */
  for (gsize at = 0; at + page <= size; at += 2 * page)
    memcpy (block + at + 100, marker, sizeof marker - 1);
  scan_add (&scan, marker, sizeof marker - 1);
  scan_memory (&scan);
  g_assert_cmpuint (scan.needles[0].copies, >=, size / (2 * page) - 1);

  free (block);
  scan_memory (&scan);
  g_assert_cmpuint (scan.needles[0].copies, ==, 0);
  free (after);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  /* As main() does, before anything is allocated. */
  ps_process_harden ();
  home = ps_test_session_init (&argc, &argv);
  if (!g_find_program_in_path ("xdotool"))
    {
      g_print ("1..0 # SKIP xdotool is not installed\n");
      return 0;
    }

  app = ps_test_session_start ();
  g_test_add_func ("/lock-memory/nothing-typed-after-lock", test_nothing_typed_after_lock);
  g_test_add_func ("/lock-memory/big-block-zeroed", test_big_block_zeroed);
  ret = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
  ps_remove_tree (home);
  return ret;
}
