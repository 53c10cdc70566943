#!/usr/bin/env bash
# Checks that the Debian packages the kiosk builds against are installed, and
# prints the exact line to install the missing ones. With --install (CI), it
# installs them itself.
set -u
packages=(libncurses-dev libsqlite3-dev libsodium-dev)
[ "${1:-}" = "--with-tmux" ] || [ "${2:-}" = "--with-tmux" ] && packages+=(tmux)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "${1:-}" = "--install" ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    exit $?
fi
echo "Missing Debian packages. Install them with:" >&2
echo "  sudo apt-get install ${missing[*]}" >&2
exit 1
