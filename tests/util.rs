//! Small helpers so each test reads in a few lines: a temp vault, the CLI run in one call.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use carefile::vault::{self, KdfParams, Passphrase, RecoveryKey, Vault};

pub const PASS: &str = "kettle orbit lantern minnow";

pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Self {
        Dir { tmp: tempfile::tempdir().expect("temp dir") }
    }

    pub fn vault(&self) -> PathBuf {
        self.tmp.path().join("vault")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// A new vault made through the library, unlocked.
    pub fn create(&self) -> (Vault, RecoveryKey) {
        vault::create(
            &self.vault(),
            "Test family",
            &Passphrase::new(PASS),
            KdfParams::INSECURE_FOR_TESTS,
        )
        .expect("create vault")
    }

    /// The `carefile` binary with this vault, no keyring, fast key derivation and a private home.
    pub fn cli(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_carefile"));
        cmd.arg("--vault")
            .arg(self.vault())
            .env_remove("CAREFILE_PASSPHRASE")
            .env_remove("CAREFILE_NEW_PASSPHRASE")
            .env_remove("CAREFILE_VAULT")
            .env("CAREFILE_SECRET_STORE", "none")
            .env("CAREFILE_INSECURE_FAST_KDF", "1")
            .env("HOME", self.tmp.path())
            .env("XDG_DATA_HOME", self.tmp.path().join("xdg"));
        cmd
    }

    /// Run the CLI with `CAREFILE_PASSPHRASE` set.
    pub fn run(&self, pass: &str, args: &[&str]) -> Output {
        self.cli().env("CAREFILE_PASSPHRASE", pass).args(args).output().expect("run carefile")
    }

    /// `carefile init` through the binary; returns the recovery key it printed.
    pub fn init(&self) -> String {
        let out = self.run(PASS, &["init", "--name", "Test family", "--json"]);
        assert!(out.status.success(), "init failed: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("init --json");
        v["recoveryKey"].as_str().expect("recoveryKey").to_string()
    }

    /// Every file in the vault folder with its bytes, to prove nothing changed.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.vault())
    }
}

/// Folders inside (the copies kept before an upgrade, say) are walked too, keyed by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    snapshot_into(dir, "", &mut files);
    files
}

fn snapshot_into(dir: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("read vault dir") {
        let entry = entry.expect("dir entry");
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().expect("file type").is_dir() {
            snapshot_into(&entry.path(), &format!("{name}/"), files);
        } else {
            files.insert(name, std::fs::read(entry.path()).expect("read file"));
        }
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `code` of a `--json` error printed on stderr.
pub fn error_code(out: &Output) -> String {
    let v: serde_json::Value =
        serde_json::from_str(stderr(out).trim()).expect("JSON error on stderr");
    v["error"]["code"].as_str().expect("error.code").to_string()
}

/// Exit status 1 with exactly one line on stderr, and no Rust debug output.
pub fn assert_one_clear_line(out: &Output) {
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.trim_end().lines().count(), 1, "expected one line, got: {err}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
}
