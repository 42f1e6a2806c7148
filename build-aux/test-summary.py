#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the results in meson's testlog.json, one per GLib test case where a
test printed TAP (each g_test_add_func is a test), else one per test program,
prints the log of each failure's failing cases, and ends with "N passed, N failed"."""

import json
import re
import sys

TAP = re.compile(r'^(not ok|ok)\b(.*)$')


def main(path):
    passed = failed = skipped = 0
    try:
        with open(path, encoding='utf-8') as f:
            entries = [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        print(f'No test results: {e}')
        print('0 passed, 1 failed')
        return 1

    for entry in entries:
        name = entry.get('name')
        result = entry.get('result')
        out = entry.get('stdout') or ''
        cases = [TAP.match(line) for line in out.splitlines()]
        cases = [m for m in cases if m]
        case_fail = 0
        for m in cases:
            if m.group(1) == 'ok':
                if '# SKIP' in m.group(2):
                    skipped += 1
                else:
                    passed += 1
            elif '# TODO' in m.group(2):
                # A known, documented gap (TAP: not a failure); shown, not hidden.
                skipped += 1
                print(f'TODO: {name}: {m.group(2).strip()}')
            else:
                failed += 1
                case_fail += 1
                print(f'FAILED: {name}: {m.group(2).strip()}')
        ok = result in ('OK', 'EXPECTEDFAIL', 'SKIP')
        if not cases:
            if result == 'SKIP':
                skipped += 1
            elif ok:
                passed += 1
            else:
                failed += 1
                print(f'FAILED: {name} ({result})')
        elif not ok and case_fail == 0:
            # It crashed or timed out between cases.
            failed += 1
            print(f'FAILED: {name} ({result}) after its last reported case')
        if not ok:
            print('----- log of', name, '-----')
            print(out[-6000:])
            print((entry.get('stderr') or '')[-6000:])

    if skipped:
        print(f'({skipped} skipped or marked TODO)')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed or not entries else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
