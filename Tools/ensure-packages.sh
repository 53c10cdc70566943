#!/usr/bin/env bash
# Installs the Debian packages the kiosk needs when they are missing, so that
# Tools/run-kiosk and Tools/run-tests work on a fresh Debian machine that has
# only the Swift toolchain. Run as: Tools/ensure-packages.sh [run|test]
#   run   the C libraries the kiosk builds against, and the scanning and
#         PDF tools it runs (sane-utils, poppler-utils)
#   test  those, and what the tests drive: tmux (the terminal end-to-end tests),
#         python3 (the reference provincial server) and libsane1 (SANE's test
#         backend, the scanner of the tests)
# Non-interactive: apt-get update first, then apt-get install -y, through sudo
# when not root. The exact package names are printed before anything changes.
set -euo pipefail

want="${1:-run}"
missing=()

# A library is there when its -dev package is installed (the headers and the
# pkg-config file the system library targets need).
# libjpeg, libpng and libharu (libhpdf) make and read document pages.
for p in libncurses-dev libsqlite3-dev libsodium-dev libcurl4-openssl-dev libjpeg-dev libpng-dev libhpdf-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Documents at the desk: scanimage (sane-utils) scans, poppler-utils checks
# and previews attached PDFs; libsane1 holds SANE's test backend, which the
# tests and kiosk-bench scan with.
command -v scanimage >/dev/null 2>&1 || missing+=(sane-utils)
command -v pdfinfo >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# pkg-config finds SQLite and libsodium for the build; the Swift toolchain
# normally brings it, but a trimmed machine may not have it.
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ "$want" = test ]; then
    command -v tmux >/dev/null 2>&1 || missing+=(tmux)
    # The tests start the reference server with the system's python3.
    [ -x /usr/bin/python3 ] || missing+=(python3)
    dpkg-query -W -f='${Status}' libsane1 2>/dev/null | grep -q "install ok installed" || missing+=(libsane1)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "The kiosk needs these packages, which are missing: ${missing[*]}" >&2
    echo "This is not a Debian or Ubuntu system (no apt-get): install them with its package manager." >&2
    exit 1
fi

echo "The kiosk needs these Debian packages, which are missing: ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "Not root and no sudo: ask an administrator to run" >&2
        echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    sudo=(sudo)
fi
echo "Installing them: ${sudo[*]:+${sudo[*]} }apt-get update && apt-get install -y ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
# Another apt (an unattended upgrade) may hold the lock for a while: wait for it.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "${missing[@]}"
