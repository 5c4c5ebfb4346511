#!/usr/bin/env bash
# make dist-check: install the .deb that `make dist` made into a clean Debian 12 root, as a family's
# computer would get it, and prove the installed copy works:
#   - apt-get installs it with only what the package declares (no recommends, nothing from this machine);
#   - every shared library the two installed programs need is there (a missing Depends fails here);
#   - the installed `carefile` CLI is on the PATH, creates a vault and opens it again;
#   - the installed desktop app shows its window (title checked) on an Xvfb display, and a screenshot is
#     written to target/dist-check/screenshot.png.
# The pristine root (debootstrap --variant=minbase bookworm) is cached in target/dist-check/base-root and
# downloaded packages in target/dist-check/apt-archives, so a rerun takes a couple of minutes. Each run
# installs into a fresh copy of the pristine root. Needs root (chroot); uses sudo otherwise.
# DEB=path/to/carefile.deb checks another package than the newest in target/release/bundle/deb.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
OUT=$REPO/target/dist-check
BASE=$OUT/base-root
ROOT=$OUT/root
ARCHIVES=$OUT/apt-archives
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
APP_TITLE=Carefile
PASS='dist check passphrase, not a secret'

say() { printf '\n== %s\n' "$*"; }
fail() { printf '\nDIST-CHECK FAILED: %s\n' "$*" >&2; exit 1; }
START=$(date +%s)

deb=${DEB:-$(ls -t "$REPO"/target/release/bundle/deb/*.deb 2>/dev/null | head -1 || true)}
[ -n "$deb" ] || fail "no .deb in target/release/bundle/deb: run 'make dist' first"
say "Checking $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# Tools on this machine: debootstrap makes the root; Xvfb, xdotool, xwininfo and ImageMagick watch the app.
need=""
for p in debootstrap xvfb xdotool x11-utils imagemagick; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
  say "Installing$need"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need
fi

# The Debian mirror this machine already uses (DEBIAN_MIRROR overrides it).
# Only the sources apt reads (*.list, *.sources; not files disabled by renaming), the main archive
# (a path ending in /debian), never a missing file stopping the script.
mirror=${DEBIAN_MIRROR:-$( { grep -rhoE --include='*.list' --include='*.sources' \
  '^(URIs:|deb)[[:space:]]+https?://[^[:space:]]+' /etc/apt/sources.list /etc/apt/sources.list.d/ \
  2>/dev/null || true; } | awk '{print $2}' | grep -E '/debian/?$' | head -1 || true)}
[ -n "$mirror" ] || fail "no Debian mirror found in /etc/apt; set DEBIAN_MIRROR"

mkdir -p "$OUT" "$ARCHIVES"
if [ ! -e "$BASE/.carefile-base-ready" ]; then
  say "Making a clean Debian 12 root (debootstrap minbase, once; cached in $BASE)"
  $SUDO rm -rf "$BASE.tmp"
  $SUDO debootstrap --variant=minbase bookworm "$BASE.tmp" "$mirror" >"$OUT/debootstrap.log" 2>&1 \
    || { tail -20 "$OUT/debootstrap.log"; fail "debootstrap failed (log: $OUT/debootstrap.log)"; }
  $SUDO rm -rf "$BASE"
  $SUDO mv "$BASE.tmp" "$BASE"
  $SUDO touch "$BASE/.carefile-base-ready"
fi

MOUNTS=()
XVFB_PID=""
APP_PID=""
cleanup() {
  set +e
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  # Anything the app started inside the root (WebKit's helper processes).
  for pid in $($SUDO find /proc -maxdepth 1 -regex '/proc/[0-9]+' -printf '%f\n' 2>/dev/null); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$ROOT" ] && $SUDO kill "$pid" 2>/dev/null
  done
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do $SUDO umount -l "${MOUNTS[$i]}" 2>/dev/null; done
}
trap cleanup EXIT
bind() { # bind SOURCE TARGET-IN-ROOT
  $SUDO mkdir -p "$ROOT$2"
  $SUDO mount --bind "$1" "$ROOT$2"
  MOUNTS+=("$ROOT$2")
}
in_root() { $SUDO chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
  HOME=/root LANG=C.UTF-8 "$@"; }

say "Fresh copy of the clean root"
$SUDO rm -rf "$ROOT"
$SUDO cp -a "$BASE" "$ROOT"
$SUDO mount -t proc proc "$ROOT/proc" && MOUNTS+=("$ROOT/proc")
$SUDO mount -t sysfs sys "$ROOT/sys" && MOUNTS+=("$ROOT/sys")
bind /dev /dev
bind /dev/pts /dev/pts
$SUDO mount -t tmpfs shm "$ROOT/dev/shm" && MOUNTS+=("$ROOT/dev/shm")
bind "$ARCHIVES" /var/cache/apt/archives
$SUDO cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
$SUDO cp "$deb" "$ROOT/tmp/"

say "apt-get install ./$(basename "$deb") (declared Depends only, no recommends)"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "/tmp/$(basename "$deb")" >"$OUT/apt-install.log" 2>&1 \
  || { tail -30 "$OUT/apt-install.log"; fail "the package did not install (log: $OUT/apt-install.log)"; }
grep -E '^(Setting up|Unpacking) ' "$OUT/apt-install.log" | wc -l | xargs printf '   %s install steps\n'
in_root dpkg-query -W -f='   installed ${Package} ${Version}\n   Depends: ${Depends}\n' carefile

say "Installed files"
for f in /usr/bin/carefile /usr/bin/carefile-desktop /usr/share/applications/Carefile.desktop; do
  [ -e "$ROOT$f" ] || fail "$f is missing from the installed package"
  echo "   $f"
done
grep -E '^(Exec|Icon|Name|Categories)=' "$ROOT/usr/share/applications/Carefile.desktop" | sed 's/^/   /'
ls "$ROOT"/usr/share/icons/hicolor/*/apps/carefile-desktop.png >/dev/null 2>&1 \
  || fail "no icon installed under /usr/share/icons/hicolor"

say "Shared libraries (a library missing here is a missing Depends)"
for bin in /usr/bin/carefile /usr/bin/carefile-desktop; do
  missing=$(in_root ldd "$bin" | grep 'not found' || true)
  [ -z "$missing" ] || fail "$bin needs libraries the package does not declare:
$missing"
  echo "   $bin: all $(in_root ldd "$bin" | wc -l) found"
done

say "The installed CLI creates a vault and opens it"
in_root sh -c 'command -v carefile' | grep -qx /usr/bin/carefile || fail "carefile is not on the PATH"
cli() { in_root CAREFILE_SECRET_STORE=none CAREFILE_PASSPHRASE="$PASS" carefile --vault /root/family-vault "$@"; }
cli init --name "Dist check family" >"$OUT/cli-init.txt" 2>&1 || { cat "$OUT/cli-init.txt"; fail "carefile init failed"; }
cli unlock --check >"$OUT/cli-unlock.txt" 2>&1 || { cat "$OUT/cli-unlock.txt"; fail "carefile unlock --check failed"; }
cli info --json >"$OUT/cli-info.json" 2>&1 || { cat "$OUT/cli-info.json"; fail "carefile info failed"; }
grep -q '"name": *"Dist check family"' "$OUT/cli-info.json" || fail "carefile info does not show the new vault"
echo "   init, unlock --check and info all succeeded: $(grep -o '"schemaVersion": *[0-9]*' "$OUT/cli-info.json")"
in_root carefile --version | sed 's/^/   /'

say "The installed app shows its window under Xvfb"
rm -f "$OUT/display" "$OUT/screenshot.png"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$OUT/display" 2>"$OUT/xvfb.log" &
XVFB_PID=$!
for _ in $(seq 50); do [ -s "$OUT/display" ] && break; sleep 0.2; done
[ -s "$OUT/display" ] || fail "Xvfb did not start (log: $OUT/xvfb.log)"
DISPLAY_NUM=$(head -1 "$OUT/display")
export DISPLAY=":$DISPLAY_NUM"
bind /tmp/.X11-unix /tmp/.X11-unix
in_root DISPLAY="$DISPLAY" NO_AT_BRIDGE=1 XDG_RUNTIME_DIR=/tmp CAREFILE_SECRET_STORE=none \
  CAREFILE_VAULT=/root/family-vault carefile-desktop >"$OUT/app.log" 2>&1 &
APP_PID=$!
wid=""
for _ in $(seq 120); do
  wid=$(xdotool search --onlyvisible --name "^$APP_TITLE\$" 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$OUT/app.log"; fail "carefile-desktop exited before showing a window"; }
  sleep 0.5
done
[ -n "$wid" ] || { cat "$OUT/app.log"; fail "no window titled '$APP_TITLE' appeared within 60 seconds"; }
title=$(xdotool getwindowname "$wid")
[ "$title" = "$APP_TITLE" ] || fail "the window is titled '$title', not '$APP_TITLE'"
geometry=$(xwininfo -id "$wid" | awk '/Width:/{w=$2} /Height:/{h=$2} END{print w "x" h}')
echo "   window $wid titled '$title', $geometry"
# The web view paints after the window maps: wait until the page has drawn more than a blank fill.
colours=0
for _ in $(seq 60); do
  import -window "$wid" "$OUT/screenshot.png" 2>/dev/null || true
  colours=$(identify -format '%k' "$OUT/screenshot.png" 2>/dev/null || echo 0)
  [ "$colours" -gt 200 ] && break
  sleep 1
done
[ "$colours" -gt 200 ] || fail "the window stayed blank ($colours colours; see $OUT/screenshot.png, $OUT/app.log)"
echo "   screenshot: $OUT/screenshot.png ($colours colours)"
kill -0 "$APP_PID" 2>/dev/null || fail "carefile-desktop exited after showing its window"

say "dist-check passed in $(($(date +%s) - START)) s"
