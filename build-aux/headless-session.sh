#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs its arguments inside the private session made by test.sh: its own
# XDG folders, an unlocked gnome-keyring and a notification daemon.
set -eu

tmp="$(mktemp -d "${TMPDIR:-/tmp}/peerside-session.XXXXXX")"
trap 'kill $notifyd_pid 2>/dev/null || true; [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null; rm -rf "$tmp"' EXIT

export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

eval "$(printf %s test-password | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(gnome-keyring-daemon --start --components=secrets)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID

/usr/lib/notification-daemon/notification-daemon >"$tmp/notifyd.log" 2>&1 &
notifyd_pid=$!
gdbus wait --session --timeout 10 org.freedesktop.Notifications
gdbus wait --session --timeout 10 org.freedesktop.secrets

"$@"
