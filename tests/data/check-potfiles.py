#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
or when POTFILES.in lists a file that does not exist.

Usage: check-potfiles.py [--update] SOURCE_ROOT

With --update, rewrites po/POTFILES.in to list exactly the files found (keeping its comments).
"""

import re
import sys
from pathlib import Path

SCANNED_DIRS = ('src', 'ui', 'data')
# Calls that mark a string for translation in C (and in Blueprint).
CALL = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2)\s*\(')
# GtkBuilder accepts yes, true and 1.
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']', re.IGNORECASE)
# Files whose format is translatable as a whole, through an ITS rule or a merge.
ALWAYS_TRANSLATABLE = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in', '.gschema.xml')
TEXT_SUFFIXES = ('.c', '.h', '.ui', '.blp', '.in', '.xml', '.js', '.py', '.vala')


def needs_translation(path: Path) -> bool:
    name = path.name
    if name.endswith(ALWAYS_TRANSLATABLE):
        return True
    if not name.endswith(TEXT_SUFFIXES):
        return False
    text = path.read_text(encoding='utf-8', errors='replace')
    if name.endswith('.ui') or name.endswith('.xml'):
        return bool(UI_TRANSLATABLE.search(text))
    return bool(CALL.search(text) or UI_TRANSLATABLE.search(text))


def read_list(path: Path) -> list:
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            # Optional "[type: gettext/glade]" prefixes, as intltool used to write.
            entries.append(re.sub(r'^\[[^\]]*\]\s*', '', line))
    return entries


def find_translatable(root: Path) -> list:
    found = []
    for top in SCANNED_DIRS:
        base = root / top
        if base.is_dir():
            found += [p.relative_to(root).as_posix()
                      for p in base.rglob('*') if p.is_file() and needs_translation(p)]
    return sorted(found)


def write_list(root: Path) -> int:
    potfiles = root / 'po' / 'POTFILES.in'
    skipped = set(read_list(root / 'po' / 'POTFILES.skip'))
    comments = [line for line in potfiles.read_text(encoding='utf-8').splitlines()
                if line.startswith('#')] if potfiles.exists() else []
    files = [f for f in find_translatable(root) if f not in skipped]
    potfiles.write_text('\n'.join(comments + files) + '\n', encoding='utf-8')
    print(f'wrote {len(files)} files to po/POTFILES.in')
    return 0


def main() -> int:
    args = sys.argv[1:]
    update = args[:1] == ['--update']
    if update:
        args = args[1:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(args[0]).resolve()
    if update:
        return write_list(root)
    listed = read_list(root / 'po' / 'POTFILES.in')
    skipped = set(read_list(root / 'po' / 'POTFILES.skip'))
    failures = []

    seen = set()
    for entry in listed:
        if entry in seen:
            failures.append(f'po/POTFILES.in lists {entry} twice')
        seen.add(entry)
        if not (root / entry).is_file():
            failures.append(f'po/POTFILES.in lists {entry}, which does not exist')

    for rel in find_translatable(root):
        if rel not in seen and rel not in skipped:
            failures.append(f'{rel} has translatable strings but is missing from po/POTFILES.in')

    for failure in failures:
        print(failure)
    if failures:
        print('run: tests/data/check-potfiles.py --update .')
        return 1
    print(f'po/POTFILES.in lists all {len(listed)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
