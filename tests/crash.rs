//! Killing the CLI with SIGKILL in the middle of a write leaves a vault that opens and checks clean.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::util::*;

#[cfg(unix)]
#[test]
fn sigkill_mid_write_leaves_a_vault_that_opens_and_passes_integrity_check() {
    let dir = Dir::new();
    dir.init();
    for round in 0..3 {
        let mut child = dir
            .cli()
            .env("CAREFILE_PASSPHRASE", PASS)
            .arg("__churn")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
        assert!(line.contains("churning"), "round {round}: {line}");
        // Wait until writes are really landing in the WAL, then kill without warning.
        let wal = dir.vault().join("vault.db-wal");
        while std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) < 64 * 1024 {
            std::thread::yield_now();
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let out = dir.run(PASS, &["unlock", "--check"]);
        assert!(out.status.success(), "round {round}: {}", stderr(&out));
    }
}
