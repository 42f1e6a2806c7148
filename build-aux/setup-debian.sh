#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Peerside needs to build, run and test,
# only those missing; with sudo when not root. The list is checked on a
# freshly bootstrapped Debian 12 minbase (build-aux/fresh-debian.sh), where
# apt installs no recommended packages: librsvg2-common is gdk-pixbuf's SVG
# loader (the build draws the symbolic icons), at-spi2-core the accessibility
# bus the app's windows are read through, libssl-dev the libcrypto with which
# the retention test reads the decrypted pages for erased names, locales the
# definitions from which the build makes fr_FR.UTF-8 and en_US.UTF-8 for the
# French and American tests (build-aux/make-test-locales.sh; no system locale
# is made or changed), gsettings-desktop-schemas the desktop's clock format
# the tests set (Peerside reads the locale's where it is missing).
set -eu

packages="
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsqlcipher-dev sqlcipher libsecret-1-dev libnotify-dev libical-dev libssl-dev
  desktop-file-utils appstream python3
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  notification-daemon libnotify-bin imagemagick xdotool x11-utils
  adwaita-icon-theme fonts-cantarell gsettings-desktop-schemas
  librsvg2-common at-spi2-core gcr poppler-utils locales
"
if [ "${PEERSIDE_SANITIZE:-}" = 1 ]; then
  packages="$packages libclang-rt-14-dev"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  echo "Installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing
fi
