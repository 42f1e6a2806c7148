#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's two commands on a freshly bootstrapped Debian 12: debootstraps
# bookworm (minbase) from the Debian mirror this machine's apt already uses
# into a temporary folder, binds /proc, /sys and /dev in, copies this clone in
# (the files git tracks, as they are in the working tree, and new files git
# does not ignore), and runs build-aux/test.sh there as root; then, in the
# same system, build-aux/run.sh --demo under Xvfb, waits for its window and
# takes a screenshot. Ends with "N passed, N failed": the suite's counts and
# one more for the demo window. Artefacts: _build-fresh/ (logs, demo.png,
# the screenshot tour in tour/).
#
# Needs root (runs itself with sudo otherwise). Only the debootstrap output is
# cached, as a tarball in $PEERSIDE_FRESH_CACHE (default
# /var/cache/peerside-fresh-debian) unpacked afresh on every run and made
# again when a week old; the .debs apt downloads are kept there too, bound to
# the chroot's /var/cache/apt/archives. PEERSIDE_DEBIAN_MIRROR overrides the
# mirror read from /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list.
set -eu

if [ "$(id -u)" -ne 0 ]; then
  exec sudo -E "$0" "$@"
fi

src="$(cd "$(dirname "$0")/.." && pwd)"
out="$src/_build-fresh"
cache="${PEERSIDE_FRESH_CACHE:-/var/cache/peerside-fresh-debian}"
suite=bookworm
started=$(date +%s)

say () { printf '== %s\n' "$*"; }
since () { echo $(($(date +%s) - $1)); }

# The first URI of an enabled "deb" source for Debian's main archive: one
# with the suite bookworm, else one with a plain suite (stable, trixie), never
# only -security or -updates.
host_mirror () {
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v want="$suite" '
      BEGIN { RS = ""; FS = "\n" }
      {
        types = suites = uris = ""; enabled = "yes"
        for (i = 1; i <= NF; i++) {
          line = $i
          if (line ~ /^[ \t]*#/) continue
          key = tolower(line); sub(/:.*/, "", key)
          sub(/^[^:]*:[ \t]*/, "", line)
          if (key == "types") types = " " line " "
          else if (key == "suites") suites = " " line " "
          else if (key == "uris") uris = line
          else if (key == "enabled") enabled = tolower(line)
        }
        if (enabled == "no" || types !~ / deb / || uris == "") next
        split(uris, u, /[ \t]+/)
        n = split(suites, w, /[ \t]+/); best = 0
        for (j = 1; j <= n; j++)
          if (w[j] == want) best = 1
          else if (w[j] != "" && w[j] !~ /[-\/]/ && best == 0) best = 2
        if (best) print best, u[1]
      }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v want="$suite" '
      $1 != "deb" { next }
      {
        i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        uri = $i; s = $(i + 1)
        if (s == want) print 1, uri
        else if (s !~ /[-\/]/) print 2, uri
      }' "$f"
  done
}

mirror="${PEERSIDE_DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$(host_mirror | grep -E '^[12] (https?|file):' | sort -s -k1,1n | head -n 1 | cut -d' ' -f2)"
fi
if [ -z "$mirror" ]; then
  echo "No Debian mirror in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list;" \
       "set PEERSIDE_DEBIAN_MIRROR." >&2
  exit 1
fi

# debootstrap itself, on this machine.
need=""
command -v debootstrap >/dev/null || need="debootstrap"
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need="$need debian-archive-keyring"
if [ -n "$need" ]; then
  say "Installing on this machine:$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $need
fi

mkdir -p "$cache/archives/partial"
exec 9>"$cache/lock"
if ! flock -n 9; then
  say "Waiting for another fresh-system pass on this machine"
  flock 9
fi

work="$(mktemp -d "${TMPDIR:-/var/tmp}/peerside-fresh.XXXXXX")"
work="$(cd "$work" && pwd -P)"
root="$work/root"

# Every process whose root is the chroot: the session's Xvfb, D-Bus,
# gnome-keyring and notification daemon, and anything they left behind.
chroot_pids () {
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"
  done
  return 0
}

stop_chroot_processes () {
  pids="$(chroot_pids)"
  [ -n "$pids" ] || return 0
  # shellcheck disable=SC2086
  kill $pids 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pids="$(chroot_pids)"
    [ -n "$pids" ] || return 0
    sleep 0.5
  done
  # shellcheck disable=SC2086
  kill -9 $pids 2>/dev/null || true
  sleep 0.5
}

mounts_under_root () {
  findmnt -rn -o TARGET | awk -v r="$root" 'index($0, r "/") == 1 || $0 == r' | sort -r
}

cleanup () {
  status=$?
  trap - EXIT INT TERM HUP
  [ -z "${base:-}" ] || rm -f "$base.new"
  stop_chroot_processes
  for m in $(mounts_under_root); do
    umount "$m" 2>/dev/null || umount -l "$m" || true
  done
  if [ -n "$(mounts_under_root)" ]; then
    echo "Still mounted under $root; left $work in place:" >&2
    mounts_under_root >&2
    [ "$status" -ne 0 ] || status=1
  else
    rm -rf --one-file-system "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

rm -rf "$out"
mkdir -p "$out" "$root"
# In memory when there is room (about 1.5 GB are written): dpkg's syncs and
# removing the system afterwards cost nothing there.
avail_kb="$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)"
if [ "${avail_kb:-0}" -gt $((8 * 1024 * 1024)) ]; then
  mount -t tmpfs -o mode=755,size=6g fresh-debian "$root"
fi

# A pristine base: the debootstrap output, never a system packages went into.
t=$(date +%s)
arch="$(dpkg --print-architecture)"
base="$cache/$suite-minbase-$arch-$(printf %s "$mirror" | md5sum | cut -c1-12).tar"
if [ -f "$base" ] && [ -n "$(find "$base" -mtime -7)" ]; then
  say "Debian 12 minbase: unpacking the debootstrap output kept in $cache"
  tar -C "$root" --numeric-owner -xpf "$base"
  base_what="unpacking the cached debootstrap output"
else
  say "Debian 12 minbase: debootstrap --variant=minbase $suite (log: _build-fresh/debootstrap.log)"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$out/debootstrap.log" 2>&1 9>&- &
  if ! wait $!; then
    tail -n 30 "$out/debootstrap.log"
    echo "debootstrap failed"
    echo "0 passed, 1 failed"
    exit 1
  fi
  tar -C "$root" --one-file-system --numeric-owner -cpf "$base.new" .
  mv "$base.new" "$base"
  find "$cache" -maxdepth 1 -name "$suite-minbase-*.tar" ! -path "$base" -delete
  base_what="debootstrap"
fi
t_base=$(since "$t")
say "Base system ready in ${t_base}s ($base_what)"

# What a running machine has and a chroot does not.
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
proxy=""
eval "$(apt-config shell proxy Acquire::http::Proxy)"
if [ -n "$proxy" ]; then
  printf 'Acquire::http::Proxy "%s";\n' "$proxy" > "$root/etc/apt/apt.conf.d/01proxy"
fi

for d in proc sys dev dev/pts; do
  mount --bind "/$d" "$root/$d"
  mount --make-rslave "$root/$d"
done
mount -t tmpfs -o nosuid,nodev,mode=1777 shm "$root/dev/shm"
# The host's /tmp: an X server's socket has an abstract name, shared with the
# host, so xvfb-run -a must see the host's /tmp/.X*-lock files to choose a
# display no one else's X server is using.
mount --bind /tmp "$root/tmp"
mount --make-rslave "$root/tmp"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"

# The clone, as a fresh clone of this working tree would be.
mkdir -p "$root/root/peerside" "$root/root/fresh-out"
printf '[safe]\n\tdirectory = *\n' > "$work/gitconfig"
if GIT_CONFIG_GLOBAL="$work/gitconfig" git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$src" && GIT_CONFIG_GLOBAL="$work/gitconfig" git ls-files -z --cached --others --exclude-standard |
     tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
    tar -C "$root/root/peerside" -xf -
else
  tar -C "$src" --exclude='./_build*' --exclude=./.git -cf - . | tar -C "$root/root/peerside" -xf -
fi

in_chroot () {
  chroot "$root" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 CI="${CI:-}" "$@" </dev/null 9>&-
}

# Runs a command in the chroot with its output in a log and, with the
# seconds elapsed before each line, on the console; its status in $work/rc.
# In the background, so that a signal reaches the trap at once.
run_logged () {
  log="$1"; shift
  { rc=0; in_chroot "$@" 2>&1 || rc=$?; echo "$rc" > "$work/rc"; } | tee "$log" |
    perl -ne 'BEGIN { $| = 1; $t = time } printf "[%4ds] %s", time - $t, $_' &
  wait $!
}

passed=0 failed=0

say "In the fresh system: build-aux/test.sh"
t=$(date +%s)
run_logged "$out/test.log" /bin/sh -c 'cd /root/peerside && exec build-aux/test.sh'
t_test=$(since "$t")
stop_chroot_processes
line="$(tail -n 1 "$out/test.log")"
case "$line" in
  *" passed, "*" failed")
    p="${line%% passed,*}"; f="${line#*passed, }"; f="${f%% failed}"
    passed=$((passed + p)); failed=$((failed + f)) ;;
  *) failed=$((failed + 1)) ;;
esac
[ "$(cat "$work/rc" 2>/dev/null)" = 0 ] || [ "$failed" -gt 0 ] || failed=$((failed + 1))
cp "$root/root/peerside/_build-test/meson-logs/testlog.json" "$out/" 2>/dev/null || true
rm -rf "$out/tour"
if cp -r "$root/root/peerside/_build-test/tests/gui/tour" "$out/" 2>/dev/null; then
  say "Screenshot tour: $out/tour"
fi

# The README's run command with --demo, in the same headless session as the
# tests; its window must appear and the screenshot must not be blank.
cat > "$root/root/fresh-demo.sh" <<'DEMO'
#!/bin/sh
set -u
out=/root/fresh-out
cd /root/peerside
build-aux/run.sh --demo >"$out/demo.log" 2>&1 &
pid=$!
wid=""
waited=0
while [ "$waited" -lt 900 ] && kill -0 "$pid" 2>/dev/null; do
  wid="$(xdotool search --onlyvisible --name '^Peerside$' 2>/dev/null | head -n 1)"
  [ -n "$wid" ] && break
  sleep 1
  waited=$((waited + 1))
done
if [ -z "$wid" ]; then
  kill "$pid" 2>/dev/null
  tail -n 30 "$out/demo.log"
  echo "demo: no Peerside window after ${waited}s"
  exit 1
fi
sleep 5   # the demo caseload's first frames
xwininfo -id "$wid" > "$out/demo-window.txt" 2>&1
import -window root "$out/demo.png"
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
colours="$(identify -format %k "$out/demo.png" 2>/dev/null || echo 0)"
echo "demo: window $wid after ${waited}s, screenshot with $colours colours"
if [ "$colours" -le 16 ]; then echo "demo: blank screenshot"; exit 1; fi
# As in the tests (G_DEBUG=fatal-warnings), the app warns of nothing.
if grep -E '^\(peerside:[0-9]+\): [A-Za-z-]+-(WARNING|CRITICAL) \*\*' "$out/demo.log"; then
  echo "demo: the app warned"
  exit 1
fi
echo "demo: passed"
DEMO
chmod +x "$root/root/fresh-demo.sh"

say "In the fresh system: build-aux/run.sh --demo under Xvfb, and a screenshot"
t=$(date +%s)
run_logged "$out/demo-session.log" /bin/sh -c 'cd /root/peerside &&
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    build-aux/headless-session.sh /root/fresh-demo.sh'
if grep -q '^demo: passed$' "$out/demo-session.log"; then
  passed=$((passed + 1))
else
  echo "FAILED: the demo window or its screenshot"
  failed=$((failed + 1))
fi
t_demo=$(since "$t")
stop_chroot_processes
cp "$root/root/fresh-out/"* "$out/" 2>/dev/null || true

in_chroot apt-get autoclean -qq >/dev/null 2>&1 || true
if [ -n "${SUDO_UID:-}" ]; then
  chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$out"
fi

say "Fresh Debian 12: base ${t_base}s, build-aux/test.sh ${t_test}s, demo ${t_demo}s," \
    "in all $(since "$started")s; artefacts in _build-fresh/"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
