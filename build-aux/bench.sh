#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The performance budgets (see the README's Performance section), measured in
# one run inside a private headless session (as build-aux/test.sh makes):
# start-up and memory against a bare AdwApplicationWindow, filtering 10,000
# cases on a keystroke, the Schedule, the Overview's statistics, the daily
# actions (open a case, save it, start a conversation, switch views) and
# wake-ups of the idle background process. Not part of the test run.
set -eu
src="$(cd "$(dirname "$0")/.." && pwd)"
build="${PEERSIDE_BUILD_DIR:-$src/_build-bench}"

"$src/build-aux/setup-debian.sh"
command -v strace >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq strace || sudo apt-get install -y -qq strace; }
[ -f "$build/build.ninja" ] || meson setup "$build" "$src" --buildtype=release
ninja -C "$build"

cat > "$build/bench-session.sh" <<INNER
#!/bin/sh
set -eu
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
echo "== start-up and memory (10,000 cases, 30,000 conversations)"
"$build/tests/bench/bench-startup" "$build/src/peerside" 10
echo "== filtering the caseload on a keystroke (default renderer)"
"$build/tests/bench/bench-caseload-filter"
echo "== filtering the caseload on a keystroke (GSK_RENDERER=cairo: no software GL)"
GSK_RENDERER=cairo "$build/tests/bench/bench-caseload-filter"
echo "== opening the Schedule view (4,000 overdue conversations, 2,000 overdue first contacts)"
"$build/tests/bench/bench-schedule"
echo "== the Overview's statistics (10,000 cases, 30,000 conversations, 200 group debriefs)"
"$build/tests/bench/bench-statistics"
echo "== daily actions (10,000 cases, 30,000 conversations): open a case, save it, start a conversation, switch views (default renderer)"
"$build/tests/bench/bench-daily" 20
echo "== daily actions (GSK_RENDERER=cairo: no software GL)"
GSK_RENDERER=cairo "$build/tests/bench/bench-daily" 20
echo "== wake-ups of the idle background process (3 minutes, after 30 s to settle)"
"$build/src/peerside" --hidden >/dev/null 2>&1 &
pid=\$!
sleep 30
timeout 180 strace -f -p \$pid -e trace=poll,ppoll,epoll_wait -o "$build/wakeups.log" || true
kill \$pid 2>/dev/null || true
n=\$(grep -c -E 'poll|epoll_wait' "$build/wakeups.log" || true)
echo "poll calls in 180 s: \$n (\$(echo "scale=1; \$n / 3" | bc) a minute; budget: at most 1 wake-up a minute)"
INNER
chmod +x "$build/bench-session.sh"
xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- "$src/build-aux/headless-session.sh" "$build/bench-session.sh"
