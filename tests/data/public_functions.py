# SPDX-License-Identifier: GPL-3.0-or-later
"""The public functions of src/ and where they are used, for check-callers.py
and check-test-only-symbols.py.

A public function is one declared in a header of a library (src/*/*.h);
GObject boilerplate (*_get_type, *_quark) is left out. A use is any mention
of its name in a C file, header or template of src/, ui/ or tests/, other
than its declarations and its definition (the name at the start of a line
in a .c file, GNU style).
"""

import re
from pathlib import Path

COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
PREPROCESSOR = re.compile(r'^[ \t]*#(?:[^\n]*\\\n)*[^\n]*', re.M)
# A macro on a line of its own, with no semicolon: G_DECLARE_FINAL_TYPE (...).
MACRO_LINE = re.compile(r'^[ \t]*[A-Z][A-Z0-9_]*[ \t]*\((?:[^()\n]|\([^()\n]*\))*\)[ \t]*$', re.M)
CALL = re.compile(r'\b(ps_[a-z0-9_]+)\s*\(')
WORD = re.compile(r'\bps_[a-z0-9_]+\b')
EXEMPT = ('_get_type', '_quark')


def _strip(text: str) -> str:
    # Comments become blank lines so that line starts keep their meaning.
    text = COMMENT.sub(lambda m: '\n' * m.group(0).count('\n'), text)
    return STRING.sub('""', text)


def declared(root: Path) -> dict:
    """{name: [header, ...]} for every function declared in src/*/*.h."""
    names = {}
    for header in sorted((root / 'src').glob('*/*.h')):
        text = PREPROCESSOR.sub('', _strip(header.read_text(encoding='utf-8')))
        text = MACRO_LINE.sub('', text)
        for statement in re.split(r'[;{}]', text):
            m = CALL.search(statement)
            # A declaration: only type words before the name.
            if m is None or re.search(r'[(=]', statement[:m.start()]):
                continue
            name = m.group(1)
            if not name.endswith(EXEMPT):
                names.setdefault(name, []).append(header)
    return names


def uses(root: Path, names: dict) -> dict:
    """{name: {'src': [path, ...], 'tests': [path, ...]}} for the names given."""
    found = {name: {'src': [], 'tests': []} for name in names}
    for top in ('src', 'ui', 'tests'):
        for path in sorted((root / top).rglob('*')):
            if path.suffix not in ('.c', '.h', '.ui'):
                continue
            text = _strip(path.read_text(encoding='utf-8', errors='replace'))
            where = 'tests' if top == 'tests' else 'src'
            for m in WORD.finditer(text):
                name = m.group(0)
                if name not in found:
                    continue
                if path in names[name]:
                    continue
                line_start = text.rfind('\n', 0, m.start()) + 1
                if path.suffix == '.c' and m.start() == line_start:
                    continue
                found[name][where].append(path.relative_to(root))
    return found


def scan(root: Path):
    """(declared (root), uses of them); exits when the parsing found next to nothing."""
    names = declared(root)
    if len(names) < 100:
        raise SystemExit(f'only {len(names)} public functions found: the header parsing is broken')
    return names, uses(root, names)


def report(root: Path, names: dict, bad: list, what: str) -> int:
    """Prints each of @bad with its headers and @what; 1 if there are any."""
    for name in bad:
        headers = ', '.join(str(h.relative_to(root)) for h in names[name])
        print(f'{name} ({headers}) {what}')
    return 1 if bad else 0
