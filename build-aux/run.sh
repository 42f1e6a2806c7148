#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Peerside and starts it from the build tree. Arguments go to peerside
# (for example --demo).
set -eu
src="$(cd "$(dirname "$0")/.." && pwd)"
build="${PEERSIDE_BUILD_DIR:-$src/_build}"

"$src/build-aux/setup-debian.sh"
[ -f "$build/build.ninja" ] || meson setup "$build" "$src"
ninja -C "$build"

export GSETTINGS_SCHEMA_DIR="$build/data"
# The translations compiled in the build tree (po/<lang>/LC_MESSAGES), so the
# app speaks the user's language without being installed.
export PEERSIDE_LOCALEDIR="$build/po"
export XDG_DATA_DIRS="$src/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
exec "$build/src/peerside" "$@"
