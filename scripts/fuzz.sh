#!/usr/bin/env bash
# `make fuzz`: run each fuzz target for FUZZ_SECONDS (default 600) with libFuzzer, seeded from the
# shared corpus of real-world files (../shared/corpus) and our own test fixtures. Findings land in
# fuzz/artifacts/TARGET/; a finding fails the run. Only the stable toolchain exists on our machines,
# so cargo-fuzz runs with RUSTC_BOOTSTRAP=1 (docs/decisions/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-600}
TARGETS=${FUZZ_TARGETS:-"email pdf pdf_text image word containers deadlines"}
SHARED=${SHARED_CORPUS:-../shared/corpus}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "Installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

# Seeds: a few hundred real files per target, copied once (the corpus then grows by itself).
seed() {
    local target=$1; shift
    local dir="fuzz/corpus/$target"
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return 0
    for pattern in "$@"; do
        # `head` closing the pipe early is expected (SIGPIPE), not a failure.
        { find "$SHARED" tests/fixtures -type f -iname "$pattern" -size -2M 2>/dev/null | head -300 |
            while read -r f; do cp "$f" "$dir/$(sha256sum "$f" | cut -c1-16)"; done; } || true
    done
    # libFuzzer needs at least one input.
    [ -n "$(ls -A "$dir")" ] || printf 'seed' > "$dir/seed"
}
seed email '*.eml'
seed pdf '*.pdf'
seed pdf_text '*.pdf'
seed image '*.jpg' '*.jpeg' '*.png' '*.tif' '*.tiff'
# The shared corpus has no photos of its own, but its PDFs hold real-world JPEG and PNG images:
# pdfimages (poppler-utils, from `make deps`) takes some out as image seeds.
if command -v pdfimages >/dev/null && [ "$(ls -A fuzz/corpus/image | wc -l)" -lt 20 ]; then
    tmp=$(mktemp -d)
    { find "$SHARED" -type f -iname '*.pdf' -size -4M 2>/dev/null | head -250 |
        while read -r f; do timeout 20 pdfimages -all -l 3 "$f" "$tmp/$(basename "$f" .pdf)" 2>/dev/null || true; done; } || true
    # Every JPEG and TIFF found, then PNGs (there are thousands) up to 300 seeds.
    { { find "$tmp" -type f \( -name '*.jpg' -o -name '*.tif' \) -size -1024k
        find "$tmp" -type f -name '*.png' -size -1024k; } 2>/dev/null | head -300 |
        while read -r f; do cp "$f" "fuzz/corpus/image/$(sha256sum "$f" | cut -c1-16)"; done; } || true
    rm -rf "$tmp"
fi
seed word '*.docx' '*.doc' '*.odt'
seed containers '*.carefile-backup' '*.carefile-handover' 'vault-keys.json'
# No corpus holds Carefile's own files: a backup, a handover package (sealed with the share
# passphrase the containers target opens packages with), a key file and a working-document .docx,
# made once from the demo family by the CLI.
if [ ! -e fuzz/corpus/.own-seeds ]; then
    if scripts/fuzz-seeds.sh fuzz/corpus; then
        touch fuzz/corpus/.own-seeds
    else
        echo "(could not make seeds of Carefile's own files; fuzzing without them)"
    fi
fi
mkdir -p fuzz/corpus/deadlines
[ -n "$(ls -A fuzz/corpus/deadlines)" ] ||
    printf 'request-received=2025-01-06\nassessment-agreed=2025-02-10\n' > fuzz/corpus/deadlines/seed

failed=0
for t in $TARGETS; do
    echo "== fuzz $t for ${SECONDS_EACH}s"
    mkdir -p "fuzz/artifacts/$t"
    if ! RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=30 \
        -artifact_prefix="fuzz/artifacts/$t/"; then
        echo "fuzz $t: a finding, kept in fuzz/artifacts/$t/"
        failed=1
    fi
done
exit $failed
