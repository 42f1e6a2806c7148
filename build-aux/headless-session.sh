#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs its arguments inside the private session made by test.sh: its own
# XDG folders, an unlocked gnome-keyring and a notification daemon.
set -eu

tmp="$(mktemp -d "${TMPDIR:-/tmp}/peerside-session.XXXXXX")"
trap 'kill $notifyd_pid ${reaper_pid:-} 2>/dev/null || true; [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null; rm -rf "$tmp"' EXIT

export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# Services the bus starts on demand (dconf, which stores GSettings) get
# these folders too, not the bus's own HOME: settings saved by a manual run
# land where the app reads them.
dbus-update-activation-environment HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR

eval "$(printf %s test-password | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(gnome-keyring-daemon --start --components=secrets)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID

/usr/lib/notification-daemon/notification-daemon >"$tmp/notifyd.log" 2>&1 &
notifyd_pid=$!
gdbus wait --session --timeout 10 org.freedesktop.Notifications

# notification-daemon holds 20 notifications at most and, with no one at the
# screen, never lets one expire: a whole test run could show only 20. As a
# user reading them would, each is closed ${PS_NOTIFICATION_SECONDS:-10} s after it came (its id
# read from the daemon's reply to Notify).
dbus-monitor --session "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" \
    "type='method_return'" 2>/dev/null | awk -v delay="${PS_NOTIFICATION_SECONDS:-10}" '
  /^method call / && /member=Notify/ {
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^sender=/) s = substr($i, 8)
      if ($i ~ /^serial=/) n = substr($i, 8)
    }
    calls[s " " n] = 1; next
  }
  /^method return / {
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^destination=/) s = substr($i, 13)
      if ($i ~ /^reply_serial=/) n = substr($i, 14)
    }
    want = (s " " n) in calls; delete calls[s " " n]; next
  }
  want && $1 == "uint32" {
    system("(sleep " delay "; gdbus call --session --dest org.freedesktop.Notifications" \
           " --object-path /org/freedesktop/Notifications" \
           " --method org.freedesktop.Notifications.CloseNotification " $2 " >/dev/null 2>&1) &")
    want = 0
  }' &
reaper_pid=$!
gdbus wait --session --timeout 10 org.freedesktop.secrets

"$@"
