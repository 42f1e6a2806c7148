#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that D-Bus activation works: the service file names the application ID and
starts it as a GApplication service, and the desktop file asks for D-Bus activation
under the same ID.

Usage: check-dbus-service.py SERVICE_FILE DESKTOP_FILE APP_ID
"""

import configparser
import sys
from pathlib import Path


def read(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding='utf-8'), source=str(path))
    return parser


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    service_path, desktop_path, app_id = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    failures = []

    try:
        service = read(service_path)
        desktop = read(desktop_path)
    except (configparser.Error, OSError) as error:
        print(error)
        return 1

    if service.sections() != ['D-BUS Service']:
        failures.append(f'{service_path.name}: must hold exactly one [D-BUS Service] group')
    else:
        group = service['D-BUS Service']
        if group.get('Name') != app_id:
            failures.append(f'{service_path.name}: Name is {group.get("Name")!r}, expected {app_id!r}')
        argv = group.get('Exec', '').split()
        if len(argv) != 2 or not argv[0].startswith('/') or not argv[0].endswith('/peerside') \
           or argv[1] != '--gapplication-service':
            failures.append(f'{service_path.name}: Exec must be "/<bindir>/peerside --gapplication-service"')
    if service_path.name != app_id + '.service':
        failures.append(f'{service_path.name}: must be named {app_id}.service')

    if desktop_path.name != app_id + '.desktop':
        failures.append(f'{desktop_path.name}: must be named {app_id}.desktop for D-Bus activation')
    entry = desktop['Desktop Entry'] if desktop.has_section('Desktop Entry') else {}
    if entry.get('DBusActivatable') != 'true':
        failures.append(f'{desktop_path.name}: must set DBusActivatable=true')
    if entry.get('Icon') != app_id:
        failures.append(f'{desktop_path.name}: Icon is {entry.get("Icon")!r}, expected {app_id!r}')

    for failure in failures:
        print(failure)
    if failures:
        return 1
    print(f'{app_id} is D-Bus activatable')
    return 0


if __name__ == '__main__':
    sys.exit(main())
