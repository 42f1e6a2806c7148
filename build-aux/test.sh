#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Peerside and runs every test in a private headless desktop session:
# Xvfb, a D-Bus session, gnome-keyring unlocked with a test password and a
# notification daemon. Ends with "N passed, N failed".
#   --sanitize   build and test with AddressSanitizer and UndefinedBehaviorSanitizer
#   -- ARGS      extra arguments for meson test (a suite, a test name)
set -eu
src="$(cd "$(dirname "$0")/.." && pwd)"
build="${PEERSIDE_BUILD_DIR:-$src/_build-test}"
setup_args=""

while [ $# -gt 0 ]; do
  case "$1" in
    --sanitize) build="$src/_build-asan"; setup_args="-Db_sanitize=address,undefined -Db_lundef=false"
                export PEERSIDE_SANITIZE=1; shift ;;
    --) shift; break ;;
    *) break ;;
  esac
done

"$src/build-aux/setup-debian.sh"
if [ ! -f "$build/build.ninja" ]; then
  # shellcheck disable=SC2086
  meson setup "$build" "$src" --buildtype=debug $setup_args
fi
ninja -C "$build"

status=0
# A run that matched no test must not report the previous run's figures.
rm -f "$build/meson-logs/testlog.json"
xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- "$src/build-aux/headless-session.sh" \
  meson test -C "$build" --print-errorlogs --num-processes 2 "$@" || status=$?

# The screenshot tour (tests/gui/test-tour.c), kept for people to look at.
tour="$build/tests/gui/tour"
if [ -d "$tour" ]; then
  echo "Screenshot tour: $tour ($(find "$tour" -name '*.png' | wc -l) shots)"
fi
if [ -f "$build/meson-logs/testlog.json" ]; then
  python3 "$src/build-aux/test-summary.py" "$build/meson-logs/testlog.json" || status=1
else
  echo "No test ran (did the arguments name a suite or test that exists?)"
  echo "0 passed, 0 failed"
  status=1
fi
exit $status
