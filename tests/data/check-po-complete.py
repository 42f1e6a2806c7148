#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a translation is incomplete.

Usage: check-po-complete.py SOURCE_ROOT [LANG...]

For each language (default: every one in po/LINGUAS):
  1. the catalog compiles with "msgfmt --check" and has no untranslated and no fuzzy message;
  2. every message of a template freshly extracted from the files in po/POTFILES.in has a
     translation in it, so a string added to src/, ui/ or data/ without updating the
     catalog fails here rather than showing up in English.

The extraction calls xgettext the way meson's i18n.gettext(preset: 'glib') does; xgettext
finds the ITS rules for .ui, .gschema.xml, .metainfo.xml(.in) and reads .desktop(.in) itself.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# The keywords and flags of meson's glib preset (mesonbuild/modules/i18n.py).
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
]

STATS = re.compile(r'(\d+) (translated|fuzzy|untranslated) (?:message|translation)')


def read_list(path: Path) -> list:
    entries = []
    for line in path.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            entries.append(re.sub(r'^\[[^\]]*\]\s*', '', line))
    return entries


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        sys.exit(f'{name} not found: install gettext')
    return path


def tool_env() -> dict:
    env = dict(os.environ)
    # xgettext looks for ITS rules (gschema, metainfo) under $XDG_DATA_DIRS/gettext/its.
    dirs = [d for d in env.get('XDG_DATA_DIRS', '').split(':') if d]
    for d in ('/usr/local/share', '/usr/share'):
        if d not in dirs:
            dirs.append(d)
    env['XDG_DATA_DIRS'] = ':'.join(dirs)
    env.pop('MALLOC_CHECK_', None)
    return env


def statistics(po: Path, env: dict) -> tuple:
    """Runs msgfmt --check --statistics; returns (ok, translated, fuzzy, untranslated, output)."""
    r = subprocess.run([tool('msgfmt'), '--check', '--statistics', '--output-file=/dev/null', str(po)],
                       capture_output=True, text=True, env=env)
    counts = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
    for n, kind in STATS.findall(r.stderr + r.stdout):
        counts[kind] = int(n)
    return r.returncode == 0, counts['translated'], counts['fuzzy'], counts['untranslated'], \
        (r.stderr + r.stdout).strip()


def untranslated_ids(po: Path, env: dict, fuzzy: bool = False) -> list:
    """The msgids (with their context) left untranslated, or marked fuzzy, in po."""
    which = '--only-fuzzy' if fuzzy else '--untranslated'
    r = subprocess.run([tool('msgattrib'), '--no-obsolete', '--no-wrap', '--no-location',
                        which, str(po)], capture_output=True, text=True, env=env, check=True)
    ids = []
    ctx = None
    for line in r.stdout.splitlines():
        if line.startswith('msgctxt '):
            ctx = line[len('msgctxt '):]
        elif line.startswith('msgid '):
            msgid = line[len('msgid '):]
            if msgid != '""':
                ids.append(f'[{ctx}] {msgid}' if ctx else msgid)
            ctx = None
    return ids


def extract(root: Path, pot: Path, env: dict) -> None:
    files = read_list(root / 'po' / 'POTFILES.in')
    missing = [f for f in files if not (root / f).is_file()]
    if missing:
        sys.exit('POTFILES.in lists missing files: ' + ', '.join(missing))
    with tempfile.NamedTemporaryFile('w', suffix='.txt', delete=False) as listing:
        listing.write('\n'.join(files) + '\n')
    try:
        subprocess.run([tool('xgettext'), '--package-name=peerside', f'--directory={root}',
                        f'--files-from={listing.name}', f'--output={pot}'] + XGETTEXT_ARGS,
                       check=True, env=env)
    finally:
        os.unlink(listing.name)


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(sys.argv[1]).resolve()
    langs = sys.argv[2:] or read_list(root / 'po' / 'LINGUAS')
    env = tool_env()
    failed = False

    with tempfile.TemporaryDirectory(prefix='po-complete-') as tmp:
        pot = Path(tmp) / 'peerside.pot'
        extract(root, pot, env)
        if not pot.exists():
            print('xgettext found no translatable string', file=sys.stderr)
            return 1

        for lang in langs:
            po = root / 'po' / f'{lang}.po'
            if not po.is_file():
                print(f'{lang}: {po} does not exist')
                failed = True
                continue

            ok, translated, fuzzy, untranslated, output = statistics(po, env)
            print(f'{lang}: {translated} translated, {fuzzy} fuzzy, {untranslated} untranslated')
            if not ok:
                print(f'{lang}: msgfmt --check failed:\n{output}')
                failed = True
            if fuzzy or untranslated:
                print(f'{lang}: not complete; still to do:')
                for msgid in untranslated_ids(po, env):
                    print(f'  untranslated: {msgid}')
                for msgid in untranslated_ids(po, env, fuzzy=True):
                    print(f'  fuzzy: {msgid}')
                failed = True

            # Merge the catalog onto the fresh template: anything left untranslated is a
            # string of the source tree that the catalog does not have (yet).
            merged = Path(tmp) / f'{lang}.merged.po'
            subprocess.run([tool('msgmerge'), '--quiet', '--no-fuzzy-matching', '--output-file',
                            str(merged), str(po), str(pot)], check=True, env=env)
            missing = untranslated_ids(merged, env)
            if missing:
                print(f'{lang}: {len(missing)} string(s) of the source tree are not in {po.name}; '
                      'update it (ninja peerside-update-po) and translate:')
                for msgid in missing:
                    print(f'  {msgid}')
                failed = True

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
