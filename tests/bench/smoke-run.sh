#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A benchmark's trial run in the test command, on a small caseload so that
# it keeps doing what it says: it must end well and print its figures line,
# FIGURES (a grep pattern); no figure is asserted. It runs with a data folder
# of its own, removed after, so that no caseload is left for the next test.
#   smoke-run.sh FIGURES BENCHMARK [ARGS...]
set -u
figures="$1"
shift
data="$(mktemp -d "${TMPDIR:-/tmp}/peerside-bench.XXXXXX")"
XDG_DATA_HOME="$data" "$@" >"$data.out"
status=$?
cat "$data.out"
grep -q -- "$figures" "$data.out"
found=$?
rm -rf "$data" "$data.out"
[ "$status" -eq 0 ] || { echo "$1 ended with status $status"; exit 1; }
[ "$found" -eq 0 ] || { echo "$1 printed no line with: $figures"; exit 1; }
