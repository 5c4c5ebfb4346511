//! Integration tests of the core's public API and the `carefile` binary, as one test binary with
//! modules (ripgrep's layout). Every test works in its own temporary directory and never touches the
//! real keyring, except `keyring_os`, which is ignored unless `make test` runs it inside a throw-away
//! D-Bus session with gnome-keyring.

mod util;

mod bundle;
mod bundle_check;
mod bundle_cli;
mod bundle_preview;
mod bundle_reissue;
mod caseload;
mod cli;
mod corrupt;
mod crash;
mod deadlines;
mod demo;
mod documents;
mod exchange;
mod hostile;
mod keyring_os;
mod pdf_unicode;
mod record;
mod text_engine;
mod upgrade;
mod vault_files;
mod workdoc;
