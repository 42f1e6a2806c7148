#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the application icons: well-formed SVG on the right canvas, gradients that exist,
and a symbolic icon drawn in the one symbolic colour.

Usage: check-icons.py APP_ICON.svg SYMBOLIC_ICON.svg
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = '{http://www.w3.org/2000/svg}'
SYMBOLIC_COLOUR = '#2e3436'


def number(value: str) -> float:
    return float(re.sub(r'px$', '', value.strip()))


def check_canvas(path: Path, root: ET.Element, size: int) -> list:
    failures = []
    if root.tag != SVG + 'svg':
        return [f'{path.name}: the root element is not an SVG <svg>']
    try:
        width, height = number(root.get('width', '')), number(root.get('height', ''))
        view_box = [float(v) for v in root.get('viewBox', '').replace(',', ' ').split()]
    except ValueError:
        return [f'{path.name}: width, height and viewBox must be numbers']
    if (width, height) != (size, size):
        failures.append(f'{path.name}: canvas is {width:g}×{height:g}, expected {size}×{size}')
    if view_box != [0, 0, size, size]:
        failures.append(f'{path.name}: viewBox is {root.get("viewBox")!r}, expected "0 0 {size} {size}"')
    return failures


def paints(element: ET.Element) -> list:
    values = [element.get('fill'), element.get('stroke')]
    for declaration in element.get('style', '').split(';'):
        key, _, value = declaration.partition(':')
        if key.strip() in ('fill', 'stroke'):
            values.append(value)
    return [v.strip() for v in values if v is not None]


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    app_icon, symbolic_icon = Path(sys.argv[1]), Path(sys.argv[2])
    failures = []

    trees = {}
    for path in (app_icon, symbolic_icon):
        try:
            trees[path] = ET.parse(path).getroot()
        except (ET.ParseError, OSError) as error:
            failures.append(f'{path.name}: {error}')
    if failures:
        print('\n'.join(failures))
        return 1

    if not symbolic_icon.name.endswith('-symbolic.svg'):
        failures.append(f'{symbolic_icon.name}: a symbolic icon name must end in -symbolic.svg')
    if symbolic_icon.name != app_icon.name[:-len('.svg')] + '-symbolic.svg':
        failures.append(f'{symbolic_icon.name} does not match {app_icon.name}')

    for path, size in ((app_icon, 128), (symbolic_icon, 16)):
        root = trees[path]
        failures += check_canvas(path, root, size)
        ids = {e.get('id') for e in root.iter() if e.get('id')}
        shapes = 0
        for element in root.iter():
            if element.tag in (SVG + t for t in ('path', 'rect', 'circle', 'ellipse', 'polygon')):
                shapes += 1
            for paint in paints(element):
                for ref in re.findall(r'url\(#([^)]+)\)', paint):
                    if ref not in ids:
                        failures.append(f'{path.name}: paints with url(#{ref}), which is not defined')
            if element.tag == SVG + 'image' or element.tag == SVG + 'text':
                failures.append(f'{path.name}: uses <{element.tag[len(SVG):]}>; draw paths instead')
        if shapes == 0:
            failures.append(f'{path.name}: draws nothing')

    for element in trees[symbolic_icon].iter():
        for paint in paints(element):
            if paint.lower() not in (SYMBOLIC_COLOUR, 'none', 'currentcolor'):
                failures.append(f'{symbolic_icon.name}: paints with {paint}, only {SYMBOLIC_COLOUR} is allowed')

    for failure in failures:
        print(failure)
    if failures:
        return 1
    print('the icons are valid')
    return 0


if __name__ == '__main__':
    sys.exit(main())
