/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ps-context.h"

#include "ps-test-util.h"

G_BEGIN_DECLS

typedef enum
{
  /* The app's way: the context opens the folder with the key in the real
   * keyring (made on first use; cleared at tear-down). */
  PS_TEST_STORE_KEYRING,
  /* A store opened with PS_TEST_KEY, no keyring, and a context made for it. */
  PS_TEST_STORE_TEST_KEY,
  /* The demo's fictional caseload, in a throwaway folder of its own. */
  PS_TEST_STORE_DEMO,
  /* The test key's store alone, no context (nor its retention runs): for
   * what reads the store itself, as the planner and the exports do. */
  PS_TEST_STORE_BARE,
} PsTestStoreKind;

/* Where most tests start: Monday 18 November 2024, 10:00 in the clock's
 * time zone. */
#define PS_TEST_MONDAY "2024-11-18T10:00:00"

typedef struct
{
  PsTestStoreKind  store;
  /* The fake clock's start, ISO 8601 ("2024-11-18T10:00:00", in @tz unless
   * it says its offset); NULL: the wall clock. */
  const char      *now;
  /* The clock's time zone ("UTC"); NULL: the process's local one. */
  const char      *tz;
  /* The folder to make the data folder in; NULL: the temporary folder. */
  const char      *parent;
  /* Not opened: the test opens it (ps_test_context_open) once it has, say,
   * a window on it, or sets things up first. */
  gboolean         unopened;
} PsTestContextOptions;

/* A context as the app makes one, for g_test_add: a fake clock, a data
 * folder of its own, settings of its own in memory (nothing carries over to
 * the next test), and a PsContext on a real SQLCipher store, ready. */
typedef struct
{
  char      *dir;       /* the data folder; the demo's own */
  PsClock   *clock;
  GSettings *settings;
  PsContext *context;   /* NULL for a bare store */
  /* The context's; NULL until ready. The test key's is the fixture's own
   * too: it outlives the context's lock, as the file does. */
  PsStore   *store;
  PsTestStoreKind kind; /* the options' store */
} PsTestContext;

/* @options: a PsTestContextOptions, or NULL for a keyring store opened on
 * the wall clock. */
void ps_test_context_set_up    (PsTestContext *t,
                                gconstpointer  options);
/* Removes the folder, and the key from the keyring. */
void ps_test_context_tear_down (PsTestContext *t,
                                gconstpointer  options);
/* Removes the caseload key from the keyring, as a user clearing it would. */
void ps_test_clear_key         (void);
/* Opens the context and waits until it is ready. */
void ps_test_context_open      (PsTestContext *t);
/* As quitting does: the context goes, and the store and its key with it
 * (whatever else held the context has let go of it). */
void ps_test_context_close     (PsTestContext *t);
/* A restart: closed if it is not, then a new context opens the same folder. */
void ps_test_context_restart   (PsTestContext *t);

G_END_DECLS
