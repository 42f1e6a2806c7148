/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include "ps-application.h"

/* The database key lives in this process's memory: keep it out of core dumps
 * and away from ptrace by other processes of the same user. (Freed memory is
 * zeroed by the executable's free(), src/ps-scrub-free.c, so names shown
 * before a lock do not stay in the heap; not glibc's M_PERTURB, which also
 * filled every new block and made its pages resident.) */
void
ps_process_harden (void)
{
  struct rlimit no_core = { 0, 0 };

  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    g_warning ("Could not disable core dumps");
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_warning ("Could not mark the process as not dumpable");
}
