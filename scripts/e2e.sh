#!/usr/bin/env bash
# Desktop end-to-end tests: the real carefile-desktop binary driven by tauri-driver + WebKitWebDriver
# under Xvfb, in a private D-Bus session (so WebKit leaves no daemons behind), against throw-away
# vaults. Build the binary first (make desktop-build).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_AT_BRIDGE=1
export CAREFILE_DESKTOP_BIN="$PWD/target/debug/carefile-desktop"
export TAURI_DRIVER="${TAURI_DRIVER:-$(command -v tauri-driver || echo "$HOME/.cargo/bin/tauri-driver")}"
exec xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- \
  cargo test --workspace --test e2e -- --ignored --test-threads=1 "$@"
