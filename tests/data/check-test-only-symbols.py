#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the application carries a function only the tests call.

Usage: check-test-only-symbols.py SOURCE_ROOT PROGRAM [NM]

A test-only function is a public function of src/ (declared in a library's
header, *-private.h included) whose callers are all in tests/: the fake
clock, the accessors widget tests read a dialog through, and the like. The
libraries keep them for the tests; the program's link drops them
(--gc-sections), and this lists the program's defined symbols to prove it.
"""

import subprocess
import sys
from pathlib import Path

from public_functions import report, scan


def main() -> int:
    root, program = Path(sys.argv[1]), sys.argv[2]
    nm = sys.argv[3] if len(sys.argv) > 3 else 'nm'
    names, found = scan(root)
    test_only = sorted(n for n, u in found.items() if not u['src'] and u['tests'])
    app = sorted(n for n, u in found.items() if u['src'])

    out = subprocess.run([nm, '--defined-only', program], check=True,
                         capture_output=True, text=True).stdout
    symbols = {line.split()[-1] for line in out.splitlines() if line.strip()}

    # The listing must show what the program does call, or it proves nothing.
    missing_app = [n for n in app if n not in symbols]
    if len(missing_app) > len(app) // 2:
        print(f'{len(missing_app)} of {len(app)} functions the program calls are not '
              f'in the listing of {program}: is it the program?')
        return 1

    present = [n for n in test_only if n in symbols]
    status = report(root, names, present, 'is only called by tests, yet is in the program')
    print(f'{len(test_only)} test-only functions, {len(present)} of them in the program')
    return status


if __name__ == '__main__':
    sys.exit(main())
