#!/usr/bin/env bash
# Run a command with a private D-Bus session and an unlocked, throw-away gnome-keyring, so the real
# Secret Service path can be tested without a desktop and without touching anyone's keyring.
set -euo pipefail
if [ "${1:-}" != "--inner" ]; then
  exec dbus-run-session -- "$0" --inner "$@"
fi
shift
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'throwaway' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
