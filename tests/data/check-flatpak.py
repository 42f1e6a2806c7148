#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the Flatpak manifest matches the meson project and stays offline.

Usage: check-flatpak.py MANIFEST SOURCE_ROOT
"""

import json
import re
import sys
from pathlib import Path

# The display, and two services the app cannot do without in the sandbox:
# the Secret Service, where the database key lives (src/core/ps-key-vault.c
# talks to it directly: the Secret portal would give a different key per
# install and cannot open a caseload made outside), and logind, whose
# PrepareForSleep locks the caseload before suspend and re-checks reminders
# after it. Notifications go through the portal (libnotify 0.8 in a sandbox).
ALLOWED_FINISH_ARGS = {'--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri',
                       '--talk-name=org.freedesktop.secrets',
                       '--system-talk-name=org.freedesktop.login1'}
COMMAND = 'peerside'
# GNOME 43 reached its end of life; the manifest follows a supported runtime.
MIN_RUNTIME = 47
# SQLCipher 4.7 moved to SQLite's autosetup: these are required since.
SQLCIPHER_INIT_FLAGS = ('-DSQLITE_EXTRA_INIT=sqlcipher_extra_init',
                        '-DSQLITE_EXTRA_SHUTDOWN=sqlcipher_extra_shutdown')


def module_flags(module: dict) -> str:
    """All the compiler and linker flags a module is built with, as one string."""
    parts = list(module.get('config-opts', []))
    options = module.get('build-options', {})
    for key in ('cflags', 'cppflags', 'ldflags'):
        parts.append(options.get(key, ''))
    parts += [f'{k}={v}' for k, v in options.get('env', {}).items()]
    return ' '.join(parts)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    manifest_path = Path(sys.argv[1])
    root = Path(sys.argv[2])
    failures = []

    try:
        manifest = json.loads(manifest_path.read_text(encoding='utf-8'))
    except ValueError as error:
        print(f'{manifest_path}: not valid JSON: {error}')
        return 1

    top_meson = (root / 'meson.build').read_text(encoding='utf-8')
    match = re.search(r"^\s*base_id\s*=\s*'([^']+)'", top_meson, re.MULTILINE)
    if not match:
        print('meson.build has no base_id line')
        return 1
    base_id = match.group(1)

    if manifest.get('app-id') != base_id:
        failures.append(f"app-id is {manifest.get('app-id')!r}, meson's base_id is {base_id!r}")
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        failures.append('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
    version = manifest.get('runtime-version')
    if not isinstance(version, str):
        failures.append('runtime-version must be given as a string')
    elif not version.isdigit() or int(version) < MIN_RUNTIME:
        failures.append(f'runtime-version {version!r}: use a supported GNOME runtime, {MIN_RUNTIME} or later')
    if manifest.get('command') != COMMAND:
        failures.append(f"command is {manifest.get('command')!r}, not {COMMAND!r}")
    # The executable meson builds must be the one the manifest runs.
    for meson_file in (root / 'src').rglob('meson.build'):
        for name in re.findall(r"executable\(\s*'([^']+)'", meson_file.read_text(encoding='utf-8')):
            if meson_file.parent == root / 'src' and name != COMMAND:
                failures.append(f'{meson_file.relative_to(root)} builds {name!r}, the manifest runs {COMMAND!r}')

    finish_args = manifest.get('finish-args', [])
    if len(finish_args) != len(set(finish_args)):
        failures.append('finish-args has duplicates')
    if set(finish_args) != ALLOWED_FINISH_ARGS:
        extra = sorted(set(finish_args) - ALLOWED_FINISH_ARGS)
        missing = sorted(ALLOWED_FINISH_ARGS - set(finish_args))
        failures.append(f'finish-args: unexpected {extra}, missing {missing}')
    if any(arg.startswith('--share=network') for arg in finish_args):
        failures.append('finish-args must not share the network')

    modules = manifest.get('modules', [])
    by_name = {m.get('name'): m for m in modules if isinstance(m, dict)}

    app = by_name.get('peerside')
    if app is None:
        failures.append('no module named peerside')
    else:
        if app.get('buildsystem') != 'meson':
            failures.append('the peerside module must use the meson buildsystem')
        if modules[-1] is not app:
            failures.append('the peerside module must come last')
        if not any(s.get('type') == 'dir' and s.get('path') == '..' for s in app.get('sources', [])):
            failures.append("the peerside module must build the source tree (type dir, path '..')")

    sqlcipher = by_name.get('sqlcipher')
    if sqlcipher is None:
        failures.append('no module named sqlcipher')
    else:
        flags = module_flags(sqlcipher)
        if '-DSQLITE_HAS_CODEC' not in flags:
            failures.append('sqlcipher must be built with -DSQLITE_HAS_CODEC')
        if '-lcrypto' not in flags:
            failures.append('sqlcipher must link OpenSSL (-lcrypto)')
        if '--with-tempstore=yes' not in flags and 'SQLITE_TEMP_STORE=2' not in flags:
            failures.append('sqlcipher must keep temporary data in memory (--with-tempstore=yes)')
        for flag in SQLCIPHER_INIT_FLAGS:
            if flag not in flags:
                failures.append(f'sqlcipher 4.7 and later must be built with {flag}')
        tags = [s.get('tag', '') for s in sqlcipher.get('sources', []) if s.get('type') == 'git']
        if not any(re.fullmatch(r'v4\.(\d+)\.\d+', t) and int(t.split('.')[1]) >= 7 for t in tags):
            failures.append(f'sqlcipher must be a 4.7 or later release (autosetup build), not {tags}')
        # The app asks pkg-config for "sqlcipher" and includes <sqlcipher/sqlite3.h>;
        # SQLCipher 4.7 and later install sqlite3.pc and libsqlite3 instead.
        post = ' '.join(sqlcipher.get('post-install', []))
        if 'sqlcipher.pc' not in post or 'include/sqlcipher/sqlite3.h' not in post:
            failures.append('sqlcipher must install sqlcipher.pc and include/sqlcipher/sqlite3.h for meson')
        if '--disable-shared' not in flags:
            failures.append('sqlcipher must be built static (--disable-shared): a libsqlite3.so '
                            'in /app would replace the runtime\'s SQLite for every library')
        if modules.index(sqlcipher) > modules.index(app or sqlcipher):
            failures.append('sqlcipher must be built before peerside')

    # libical only reads the export back in a test: the app does not link it.
    needs_ical = re.search(r"dependency\(\s*'libical'[^)]*\)", top_meson)
    if needs_ical and 'required: false' not in needs_ical.group(0) and 'libical' not in by_name:
        failures.append('meson.build needs libical, which the GNOME runtime lacks: add a libical module')
    if 'libical' in by_name and (not needs_ical or 'required: false' in needs_ical.group(0)):
        failures.append('the libical module builds a library the app does not link: drop it')

    # Every downloaded source is pinned, so the build is reproducible.
    for module in modules:
        for source in module.get('sources', []):
            kind = source.get('type')
            if kind == 'git' and not source.get('commit'):
                failures.append(f"module {module.get('name')}: git source without a commit")
            if kind in ('archive', 'file') and 'url' in source and not source.get('sha256'):
                failures.append(f"module {module.get('name')}: {kind} source without a sha256")

    for failure in failures:
        print(f'{manifest_path.name}: {failure}')
    if failures:
        return 1
    print(f'{manifest_path.name} matches the project ({base_id}, {len(modules)} modules)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
