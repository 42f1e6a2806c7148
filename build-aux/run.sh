#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Peerside and starts it from the build tree. Arguments go to peerside
# (for example --demo).
set -eu
src="$(cd "$(dirname "$0")/.." && pwd)"
build="$src/_build"

"$src/build-aux/setup-debian.sh"
[ -f "$build/build.ninja" ] || meson setup "$build" "$src"
ninja -C "$build"

export GSETTINGS_SCHEMA_DIR="$build/data"
export XDG_DATA_DIRS="$src/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
exec "$build/src/peerside" "$@"
