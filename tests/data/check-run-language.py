#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's run command speaks the user's language without installing.

Usage: check-run-language.py SOURCE_ROOT BUILD_ROOT

Runs build-aux/run.sh --help on the test's build tree under a French
language (LANGUAGE=fr, LANG=C.UTF-8: the only UTF-8 locale a bare Debian
has) and expects the options in French, from the catalogue compiled in the
build tree; the same binary without run.sh's environment stays English,
so nothing installed is what made it French.
"""

import os
import subprocess
import sys

FRENCH = 'Essayer Peerside avec des collègues fictifs dans des dossiers jetables'
ENGLISH = 'Try Peerside with fictional colleagues in a throwaway caseload'


def run(cmd, extra):
    env = dict(os.environ)
    env.pop('PEERSIDE_LOCALEDIR', None)
    env.update(extra)
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    return r.returncode, r.stdout + r.stderr


def main() -> int:
    src, build = sys.argv[1], sys.argv[2]
    lang = {'LANGUAGE': 'fr', 'LANG': 'C.UTF-8', 'LC_ALL': ''}

    code, out = run([os.path.join(src, 'build-aux', 'run.sh'), '--help'],
                    dict(lang, PEERSIDE_BUILD_DIR=build))
    if code != 0 or FRENCH not in out:
        print(f'run.sh --help under LANGUAGE=fr did not show French (exit {code}):\n{out}')
        return 1

    code, out = run([os.path.join(build, 'src', 'peerside'), '--help'], lang)
    if ENGLISH not in out:
        print(f'without run.sh the build is expected to find no catalogue:\n{out}')
        return 1
    print('run.sh: French from the build tree')
    return 0


if __name__ == '__main__':
    sys.exit(main())
