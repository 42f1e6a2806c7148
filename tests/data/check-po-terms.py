#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a translation names one concept in several ways.

Usage: check-po-terms.py SOURCE_ROOT LANG

A reader takes two words for two things: "a safety concern" is one term in
every message of the interface, and a message that sends the user to a page
("under Safety Contacts") names it as the page's own title does. Only the
messages of the source tree count (the catalog merged onto a template
freshly extracted, as check-po-complete.py does).
"""

import importlib.util
import re
import subprocess
import sys
import tempfile
from pathlib import Path

# Per language: (what the English says, what its translation must say,
# the synonyms it must not use anywhere).
TERMS = {
    'fr': [
        (r'\bconcerns?\b', r'inquiétude', r'préoccupation|\balerte|\bsouci'),
    ],
}

# Titles other messages send the user to: cited as they are translated.
CITED_TITLES = ['Safety Contacts']


def load_complete_check():
    path = Path(__file__).with_name('check-po-complete.py')
    spec = importlib.util.spec_from_file_location('check_po_complete', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unquote(text: str) -> str:
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), text)


def messages(po: Path, env: dict, tool) -> dict:
    """msgid → msgstr (plural forms joined by a newline) of the messages in use."""
    out = subprocess.run([tool('msgattrib'), '--no-obsolete', '--no-wrap', '--no-location', str(po)],
                         capture_output=True, text=True, env=env, check=True).stdout
    found = {}
    for block in out.split('\n\n'):
        fields = {}
        key = None
        for line in block.splitlines():
            m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = unquote(m.group(2))
            elif key is not None and line.startswith('"'):
                fields[key] += unquote(line[1:-1])
        if fields.get('msgid'):
            found[fields['msgid']] = '\n'.join(v for k, v in sorted(fields.items())
                                               if k.startswith('msgstr'))
    return found


def main() -> int:
    root, lang = Path(sys.argv[1]).resolve(), sys.argv[2]
    complete = load_complete_check()
    env = complete.tool_env()
    problems = []

    with tempfile.TemporaryDirectory(prefix='po-terms-') as tmp:
        pot = Path(tmp) / 'peerside.pot'
        merged = Path(tmp) / f'{lang}.po'
        complete.extract(root, pot, env)
        subprocess.run([complete.tool('msgmerge'), '--quiet', '--no-fuzzy-matching', '--output-file',
                        str(merged), str(root / 'po' / f'{lang}.po'), str(pot)], check=True, env=env)
        catalog = messages(merged, env, complete.tool)

    for english, term, synonyms in TERMS.get(lang, []):
        for msgid, msgstr in catalog.items():
            if not msgstr:
                continue
            # "_Concern Raised": the mnemonic's mark is no part of the word.
            if re.search(english, msgid.replace('_', ''), re.I) and not re.search(term, msgstr, re.I):
                problems.append(f'“{msgid}” is “{msgstr}”, without “{term}”')
            if re.search(synonyms, msgstr, re.I):
                problems.append(f'“{msgstr}” says “{re.search(synonyms, msgstr, re.I).group(0)}”, '
                                f'not “{term}”')

    for title in CITED_TITLES:
        translated = catalog.get(title)
        if not translated:
            problems.append(f'the title “{title}” is not translated')
            continue
        for msgid, msgstr in catalog.items():
            if msgid != title and title in msgid and msgstr and translated not in msgstr:
                problems.append(f'“{msgstr}” cites “{title}”, whose title is “{translated}”')

    for p in problems:
        print(f'{lang}: {p}')
    print(f'{lang}: {len(catalog)} messages, {len(problems)} naming the same thing differently')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
