#!/usr/bin/env bash
# The reference provincial server beside a kiosk started with `swift run kiosk`,
# for trying uploads on this machine:
#   1. makes a station token readable by you only (var/station.token, as
#      kiosk.conf expects), unless one is there;
#   2. builds the kiosk's upload helper, kiosk-sync (`swift run kiosk` builds
#      the kiosk alone; a running kiosk starts its helper within seconds);
#   3. opens sealed dossiers with the DEMONSTRATION key (demo-seal.key: public,
#      never for a real province), copied to var/demo-seal.key (mode 600);
#   4. serves on 127.0.0.1:8088, keeping its data in var/provincial.
# Extra arguments go to server.py (e.g. --fail-rate 0.3, --latency-ms 200).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p var
if [ ! -s var/station.token ]; then
    (umask 077 && printf 'demo-%s\n' "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" > var/station.token)
fi
chmod 600 var/station.token
# The demonstration seal key (its public half is kiosk.conf's seal_public_key),
# copied readable by you only, as the server wants a secret key file.
if [ ! -s var/demo-seal.key ]; then
    (umask 077 && cp Tools/provincial-server/demo-seal.key var/demo-seal.key)
fi
chmod 600 var/demo-seal.key
swift build --product kiosk-sync
echo "provincial server: http://127.0.0.1:8088 (Ctrl-C stops it)"
exec python3 Tools/provincial-server/server.py --port 8088 --data var/provincial --token-file var/station.token \
    --seal-key var/demo-seal.key "$@"
