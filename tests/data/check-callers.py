#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a public function of src/ has no caller.

Usage: check-callers.py SOURCE_ROOT

A function declared in a library's header (src/*/*.h) must be used somewhere
in src/, ui/ or tests/ besides its declaration and its definition; otherwise
it is dead code that reads as API. Remove it, or make it static where its own
file needs it.
"""

import sys
from pathlib import Path

from public_functions import report, scan


def main() -> int:
    root = Path(sys.argv[1])
    names, found = scan(root)
    dead = sorted(n for n, u in found.items() if not u['src'] and not u['tests'])
    status = report(root, names, dead, 'has no caller')
    print(f'{len(names)} public functions, {len(dead)} without a caller')
    return status

if __name__ == '__main__':
    sys.exit(main())
