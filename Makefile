# Carefile: the one entry point for people and CI.
#   make run    build and start the desktop app (installing what it needs)
#   make test   every test: core, CLI, desktop, UI unit + browser, end-to-end, lints, bindings
#   make deps   install what is missing (apt, tauri-driver, npm), and nothing when all is present
#   make demo   a throw-away vault with a Recovery Sheet, to try the CLI
#   make bench  speed measurements, reported as ratios against a reference
#   make dist   the release build and the Linux installers (.deb, .rpm) in target/release/bundle
#   make dist-check  install the .deb into a clean Debian 12 root and prove the installed copy works
#   make crash-trials  at least 1,000 SIGKILLs of real operations, with the count and any failures
#   make fuzz   every fuzz target for FUZZ_SECONDS (default 600) each, seeded from ../shared/corpus

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

APT_PACKAGES := build-essential pkg-config curl file libssl-dev libdbus-1-dev libclang-dev \
	libwebkit2gtk-4.1-dev librsvg2-dev libxdo-dev libayatana-appindicator3-dev \
	webkit2gtk-driver xvfb xauth dbus dbus-x11 gnome-keyring \
	qpdf poppler-utils chromium tesseract-ocr tesseract-ocr-eng fonts-noto-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
TAURI_DRIVER := $(CARGO_BIN)/tauri-driver
export PATH := $(CARGO_BIN):$(PATH)

.PHONY: help deps deps-apt deps-tauri-driver deps-npm deps-py run ui-build desktop-build test test-rust \
	test-keyring test-ui test-e2e lint bindings-check demo bench clean-demo dist dist-check crash-trials fuzz

help:
	@echo "make run    build and start Carefile"
	@echo "make test   run every test"
	@echo "make deps   install what is missing"
	@echo "make demo   try the CLI on a throw-away vault"
	@echo "make bench  measure speed against the reference"
	@echo "make dist   build the release and the Linux installers"
	@echo "make dist-check  install the .deb in a clean Debian 12 root and check it"

## ---- dependencies -------------------------------------------------------------------------------

deps: deps-apt deps-tauri-driver deps-npm deps-py

deps-apt:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		$(SUDO) apt-get update -qq; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

deps-tauri-driver:
	@if [ ! -x "$(TAURI_DRIVER)" ]; then \
		echo "Installing tauri-driver (WebDriver for the desktop end-to-end tests)"; \
		cargo install tauri-driver --version '^2' --locked; \
	fi

deps-npm: ui/node_modules/.package-lock.json

# Python's icalendar reads the .ics export back in the tests (an independent parser). pip where the
# Python allows it, Debian's package where the system Python is managed by apt.
deps-py:
	@if ! python3 -c 'import icalendar' 2>/dev/null; then \
		echo "Installing Python's icalendar (the tests read .ics files back with it)"; \
		python3 -m pip install --quiet icalendar 2>/dev/null || \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-icalendar; \
	fi

ui/node_modules/.package-lock.json: ui/package-lock.json ui/package.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

## ---- build and run ------------------------------------------------------------------------------

ui-build: deps-npm
	cd ui && npm run build

# Every cargo call names the whole workspace, so features unify the same way each time and
# nothing is compiled twice.
desktop-build: ui-build
	cargo build --workspace

run: deps desktop-build
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
		echo "Carefile is a desktop app and there is no display here (DISPLAY and WAYLAND_DISPLAY are unset)."; \
		echo "Run 'make run' in a desktop session, or try it headless with: xvfb-run -a make run"; \
		exit 1; \
	fi
	./target/debug/carefile-desktop

## ---- tests --------------------------------------------------------------------------------------

test: deps lint test-rust test-keyring test-ui test-e2e bindings-check
	@echo "All tests passed."

# Core + CLI + desktop crate (its end-to-end tests are #[ignore]d here and run by test-e2e).
# Running the tests also regenerates the TypeScript bindings (ts-rs).
test-rust: ui-build
	CAREFILE_SECRET_STORE=none cargo test --workspace

# Kill real operations (imports, bundle build, backup, restore, passphrase change) with SIGKILL at
# every crash point and at random moments, at least CRASH_TRIALS times; `make test` runs a short
# version (tests/crash.rs).
CRASH_TRIALS ?= 1000
crash-trials:
	CAREFILE_SECRET_STORE=none CAREFILE_CRASH_TRIALS=$(CRASH_TRIALS) \
		cargo test --test tests crash::crash_trials_full -- --ignored --nocapture

# libFuzzer over every reader of untrusted input (fuzz/, its own workspace; cargo-fuzz is installed
# on first use). Not part of `make test`: 10 minutes a target. FUZZ_TARGETS picks some.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= email pdf image word containers deadlines
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS='$(FUZZ_TARGETS)' scripts/fuzz.sh

# The one test against a real Secret Service, in a throw-away D-Bus session and keyring.
test-keyring:
	scripts/with-keyring.sh cargo test --workspace --test tests keyring_os -- --ignored --test-threads=1

test-ui: deps-npm
	cd ui && npm run check && npm test && npm run build && npm run test:browser

# The app is built with the tests' features (dev-dependencies unified in), so the dependencies
# `test-rust` compiled are used as they are rather than compiled again for a plain build.
test-e2e: deps ui-build
	cargo build --workspace --bins --tests
	scripts/e2e.sh

lint: ui-build
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

# The committed TypeScript types must equal what the Rust types generate.
bindings-check:
	cargo test --workspace --lib export_bindings -q >/dev/null
	@if [ -n "$$(git status --porcelain -- ui/src/lib/bindings)" ]; then \
		git status --porcelain -- ui/src/lib/bindings; git --no-pager diff -- ui/src/lib/bindings | head -50; \
		echo "ui/src/lib/bindings is stale: run 'cargo test --lib export_bindings' and commit the result."; \
		exit 1; \
	fi

## ---- demo and bench -----------------------------------------------------------------------------

DEMO := target/demo
DEMO_PASSPHRASE := demo passphrase for carefile
# A vault with a plainly fictional family, so every screen has something to show.
demo: clean-demo
	cargo build --workspace
	@mkdir -p $(DEMO)
	CAREFILE_SECRET_STORE=none CAREFILE_PASSPHRASE='$(DEMO_PASSPHRASE)' \
		./target/debug/carefile --vault $(DEMO)/vault demo
	CAREFILE_SECRET_STORE=none CAREFILE_PASSPHRASE='$(DEMO_PASSPHRASE)' \
		./target/debug/carefile --vault $(DEMO)/vault info
	@echo
	@echo "Demo vault: $(DEMO)/vault   passphrase: $(DEMO_PASSPHRASE)"
	@echo "Try: CAREFILE_PASSPHRASE='$(DEMO_PASSPHRASE)' ./target/debug/carefile --vault $(DEMO)/vault child list"
	@echo "Or open it in the app: CAREFILE_VAULT=$(DEMO)/vault make run"

clean-demo:
	rm -rf $(DEMO)

bench:
	cargo bench --workspace --bench vault
	cargo bench --workspace --bench import
	cargo bench --workspace --bench bundle
	cargo bench --workspace --bench caseload
	cargo bench --workspace --bench search
	cargo bench --workspace --bench bundle_check
	@# Word recall of the page text against poppler's pdftotext, when the shared corpus is beside us.
	@if [ -d ../shared/corpus/text ] && command -v pdftotext >/dev/null; then \
		echo "word recall against pdftotext on ../shared/corpus/text (target at least 0.98, no file under 0.9):"; \
		CAREFILE_BIN=target/release/carefile CAREFILE_PASSPHRASE='bench passphrase for carefile' \
			CAREFILE_SECRET_STORE=none python3 ../shared/tools/text-fidelity.py ../shared/corpus/text; \
	fi

## ---- release ------------------------------------------------------------------------------------

# The release build (root Cargo.toml: fat LTO, stripped) of the desktop app and the `carefile` CLI in
# one cargo call, then the Tauri bundler packs them (the CLI as /usr/bin/carefile: tauri.conf.json's
# bundle.linux files). AppImage is left out: its tools are downloaded at bundle time. Windows and
# macOS installers are built by .github/workflows/release.yml (README: Releasing).
BUNDLE := target/release/bundle
dist: deps-apt deps-npm ui-build
	cargo build --release --workspace --features carefile-desktop/custom-protocol
	rm -rf $(BUNDLE)/deb $(BUNDLE)/rpm
	cd src-tauri && ../ui/node_modules/.bin/tauri bundle --ci --bundles deb,rpm --features custom-protocol
	@echo
	@echo "Installers:"
	@for f in $(BUNDLE)/deb/*.deb $(BUNDLE)/rpm/*.rpm; do \
		printf '  %-60s %s\n' "$$f" "$$(du -h "$$f" | cut -f1)"; \
	done

# Not part of `make test`: it downloads a Debian root once (cached under target/dist-check) and the
# packages the .deb declares. Needs root for chroot (uses sudo otherwise). Run `make dist` first.
dist-check:
	scripts/dist-check.sh
