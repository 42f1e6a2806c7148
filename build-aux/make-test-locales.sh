#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the locales the tests run in, fr_FR.UTF-8 for the French tests and
# en_US.UTF-8 for the American's 12-hour clock and Sunday weeks, in a folder
# of the build tree with localedef (libc-bin) from the definitions in Debian's
# package locales; the system's locales are left alone. The tests read it
# through LOCPATH (tests/meson.build).
#   make-test-locales.sh FOLDER STAMP
# When it cannot be made, says why and leaves STAMP out, so that the next
# build tries again; the tests that need a locale then fail and say so.
set -u
dir="$1"
stamp="$2"
rm -f "$stamp"
mkdir -p "$dir"

if ! command -v localedef >/dev/null 2>&1; then
  echo "make-test-locales: no localedef (Debian's libc-bin); the French and American tests will fail" >&2
  exit 0
fi
for name in fr_FR en_US; do
  out="$dir/$name.UTF-8"
  rm -rf "$out.new"
  # Exit status 1 is "warnings, written all the same".
  log="$(localedef -i "$name" -f UTF-8 "$out.new" 2>&1)"
  if [ ! -f "$out.new/LC_TIME" ] || [ ! -f "$out.new/LC_NUMERIC" ]; then
    printf '%s\n' "$log" >&2
    echo "make-test-locales: localedef could not make $name.UTF-8 in $dir" \
         "(the definitions are in Debian's package locales, which build-aux/setup-debian.sh" \
         "installs); the tests in that locale will fail" >&2
    rm -rf "$out.new"
    exit 0
  fi
  rm -rf "$out"
  mv "$out.new" "$out"
done
touch "$stamp"
