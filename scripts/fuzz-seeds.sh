#!/usr/bin/env bash
# Real seeds for the fuzz targets whose inputs no corpus holds: Carefile's own backup, handover
# package (sealed with the share passphrase the `containers` target opens packages with, so the
# fuzzer can reach past the seal into the package), key file and working-document .docx, made by
# the CLI from the demo family. Called by scripts/fuzz.sh with the output folder; uses the debug
# CLI (`cargo build --bin carefile`) with the fast test KDF, so it takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: fuzz-seeds.sh OUT_DIR}
mkdir -p "$out/containers" "$out/word"
cargo build --quiet --bin carefile
cli=target/debug/carefile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CAREFILE_INSECURE_FAST_KDF=1 CAREFILE_SECRET_STORE=none CAREFILE_VAULT="$work/vault"
export CAREFILE_PASSPHRASE="fuzz seed vault words" CAREFILE_SHARE_PASSPHRASE="fuzz share words"
"$cli" demo --json >/dev/null
child=$("$cli" child list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$cli" backup create --out "$work/seed.carefile-backup" --json >/dev/null
"$cli" handover export --child "$child" --out "$work/seed.carefile-handover" --json >/dev/null
cp "$work/seed.carefile-backup" "$work/seed.carefile-handover" "$out/containers/"
cp "$work/vault/vault-keys.json" "$out/containers/seed-vault-keys.json"
doc=$("$cli" workdoc create --child "$child" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
"$cli" workdoc export "$doc" --docx "$out/word/seed-working-document.docx" --json >/dev/null
echo "fuzz seeds: $(ls "$out/containers" | wc -l) containers, $(ls "$out/word" | wc -l) Word files"
