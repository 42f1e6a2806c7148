#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the GSettings schema against the settings the code relies on: exactly these
keys, with these types, defaults and ranges, each documented for translators and for
dconf-editor.

Usage: check-schema.py SCHEMA_XML BASE_ID
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# name: (type, default, (min, max) or None)
EXPECTED = {
    'reminders-enabled': ('b', 'true', None),
    'reminder-lead-minutes': ('i', '10', (5, 60)),
    'names-in-notifications': ('b', 'false', None),
    'run-in-background': ('b', 'true', None),
    'start-at-login': ('b', 'false', None),
    'first-contact-due-days': ('i', '2', (1, 14)),
    'first-contact-overdue-days': ('i', '3', (1, 14)),
    'safety-follow-up-days': ('i', '2', (1, 14)),
    'retention-days': ('i', '30', (7, 365)),
    'reach-in-message': ('s', "'Touching base'", None),
    'lock-after-idle-minutes': ('i', '10', (0, 240)),
    'privacy-mode': ('b', 'false', None),
    'hide-small-counts': ('b', 'false', None),
    'crisis-lines': ('as', "['us-ca-988']", None),
    'program-name': ('s', "''", None),
    'program-contacts': ('a(ss)', '[]', None),
    'window-width': ('i', '960', None),
    'window-height': ('i', '700', None),
    'window-maximized': ('b', 'false', None),
}


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, base_id = Path(sys.argv[1]), sys.argv[2]
    failures = []

    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        print(f'{path.name}: {error}')
        return 1

    if root.get('gettext-domain') != 'peerside':
        failures.append('<schemalist> must set gettext-domain="peerside"')
    schemas = root.findall('schema')
    if len(schemas) != 1:
        print(f'{path.name}: expected one schema, found {len(schemas)}')
        return 1
    schema = schemas[0]
    expected_path = '/' + base_id.replace('.', '/') + '/'
    if schema.get('id') != base_id:
        failures.append(f'schema id is {schema.get("id")!r}, expected {base_id!r}')
    if schema.get('path') != expected_path:
        failures.append(f'schema path is {schema.get("path")!r}, expected {expected_path!r}')

    keys = {key.get('name'): key for key in schema.findall('key')}
    for name in sorted(set(EXPECTED) - set(keys)):
        failures.append(f'key {name} is missing')
    for name in sorted(set(keys) - set(EXPECTED)):
        failures.append(f'key {name} is not expected; add it to this test if the code uses it')

    for name, key in keys.items():
        if name not in EXPECTED:
            continue
        kind, default, bounds = EXPECTED[name]
        if key.get('type') != kind:
            failures.append(f'{name}: type {key.get("type")!r}, expected {kind!r}')
        if (key.findtext('default') or '').strip() != default:
            failures.append(f'{name}: default {key.findtext("default")!r}, expected {default!r}')
        for tag in ('summary', 'description'):
            if not (key.findtext(tag) or '').strip():
                failures.append(f'{name}: has no <{tag}>')
        found = key.find('range')
        if bounds is None:
            if found is not None:
                failures.append(f'{name}: unexpected <range>')
        elif found is None:
            failures.append(f'{name}: needs <range min="{bounds[0]}" max="{bounds[1]}"/>')
        elif (int(found.get('min')), int(found.get('max'))) != bounds:
            failures.append(f'{name}: range {found.get("min")}..{found.get("max")}, '
                            f'expected {bounds[0]}..{bounds[1]}')

    for failure in failures:
        print(f'{path.name}: {failure}')
    if failures:
        return 1
    print(f'{path.name}: all {len(EXPECTED)} keys as expected')
    return 0


if __name__ == '__main__':
    sys.exit(main())
