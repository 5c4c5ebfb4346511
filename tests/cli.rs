//! The CLI contract: exit codes, one clear line on errors, `--json`, passphrase handling.

use crate::util::*;

#[test]
fn init_prints_the_recovery_key_once_and_info_reports_the_vault() {
    let dir = Dir::new();
    let key = dir.init();
    assert_eq!(key.len(), 39, "{key}");
    let out = dir.run(PASS, &["info", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["name"], "Test family");
    assert!(info["schemaVersion"].as_i64().unwrap() >= 1);
    assert!(info["cipherVersion"].as_str().unwrap().contains("community"));
    assert!(!stdout(&out).contains(&key), "info must never show the recovery key");
    // Regression: the full-text index's shadow tables were listed as if they were record tables.
    let counts = info["counts"].as_object().unwrap();
    assert!(counts.contains_key("documents"));
    assert!(!counts.keys().any(|k| k.ends_with("_idx") || k.ends_with("_docsize")), "{counts:?}");
}

#[test]
fn wrong_passphrase_leaves_vault_untouched_and_says_so_in_one_line() {
    let dir = Dir::new();
    dir.init();
    let before = dir.snapshot();
    let out = dir.run("not the right passphrase", &["unlock"]);
    assert_one_clear_line(&out);
    assert!(stderr(&out).contains("doesn't open this vault"), "{}", stderr(&out));
    let out = dir.run("not the right passphrase", &["info", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(error_code(&out), "wrong_passphrase");
    assert_eq!(before, dir.snapshot(), "a failed unlock must not change any vault file");
}

#[test]
fn recovery_key_sets_a_new_passphrase_and_the_old_one_then_fails() {
    let dir = Dir::new();
    let key = dir.init();
    // From a file.
    std::fs::write(dir.path("key.txt"), format!("{}\n", key.to_lowercase())).unwrap();
    let out = dir
        .cli()
        .env("CAREFILE_NEW_PASSPHRASE", "a brand new passphrase")
        .args(["passphrase", "reset", "--recovery-key-file"])
        .arg(dir.path("key.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.run("a brand new passphrase", &["unlock"]).status.success());
    let old = dir.run(PASS, &["unlock", "--json"]);
    assert_eq!(error_code(&old), "wrong_passphrase");
    // The recovery key keeps working after it has been used; here from standard input.
    let mut child = dir
        .cli()
        .env("CAREFILE_NEW_PASSPHRASE", "and another passphrase")
        .args(["passphrase", "reset", "--recovery-key-file", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        writeln!(child.stdin.take().unwrap(), "{key}").unwrap();
    }
    let again = child.wait_with_output().unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
    // Never on the command line: a key given as an argument is a usage error, and nothing changes.
    let before = dir.snapshot();
    let argv = dir.run("and another passphrase", &["passphrase", "reset", "--recovery-key", &key]);
    assert_eq!(argv.status.code(), Some(2), "{}", stderr(&argv));
    assert_eq!(before, dir.snapshot());
}

#[test]
fn wrong_recovery_key_changes_nothing() {
    let dir = Dir::new();
    dir.init();
    let before = dir.snapshot();
    let out = dir
        .cli()
        .env("CAREFILE_NEW_PASSPHRASE", "a brand new passphrase")
        .env("CAREFILE_RECOVERY_KEY", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        .args(["passphrase", "reset", "--json"])
        .output()
        .unwrap();
    assert_eq!(error_code(&out), "wrong_recovery_key");
    assert_eq!(before, dir.snapshot());
}

#[test]
fn passphrase_change_needs_the_current_passphrase() {
    let dir = Dir::new();
    dir.init();
    let out = dir
        .cli()
        .env("CAREFILE_PASSPHRASE", "wrong current passphrase")
        .env("CAREFILE_NEW_PASSPHRASE", "a brand new passphrase")
        .args(["passphrase", "change"])
        .output()
        .unwrap();
    assert_one_clear_line(&out);
    let out = dir
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .env("CAREFILE_NEW_PASSPHRASE", "a brand new passphrase")
        .args(["passphrase", "change"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.run(PASS, &["unlock"]).status.success());
    assert!(dir.run("a brand new passphrase", &["unlock"]).status.success());
}

#[test]
fn passphrase_file_is_read_without_its_trailing_newline() {
    let dir = Dir::new();
    dir.init();
    let file = dir.path("pass.txt");
    std::fs::write(&file, format!("{PASS}\n")).unwrap();
    let out = dir.cli().arg("--passphrase-file").arg(&file).arg("unlock").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn short_passphrase_is_refused_at_init_with_advice() {
    let dir = Dir::new();
    let out = dir.run("short", &["init", "--json"]);
    assert_eq!(error_code(&out), "weak_passphrase");
    assert!(!dir.vault().exists());
}

#[test]
fn init_over_an_existing_vault_is_refused() {
    let dir = Dir::new();
    dir.init();
    let out = dir.run(PASS, &["init", "--json"]);
    assert_eq!(error_code(&out), "vault_exists");
}

#[test]
fn missing_vault_says_how_to_create_one() {
    let dir = Dir::new();
    let out = dir.run(PASS, &["info"]);
    assert_one_clear_line(&out);
    assert!(stderr(&out).contains("carefile init"), "{}", stderr(&out));
}

#[test]
fn no_passphrase_and_no_terminal_is_a_clear_error_not_a_hang() {
    let dir = Dir::new();
    dir.init();
    let out = dir.cli().arg("unlock").stdin(std::process::Stdio::null()).output().unwrap();
    assert_one_clear_line(&out);
    assert!(stderr(&out).contains("CAREFILE_PASSPHRASE"));
}

#[test]
fn usage_mistakes_exit_with_2() {
    let dir = Dir::new();
    let out = dir.cli().arg("no-such-command").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = dir.cli().args(["unlock", "--remember", "--forget"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn init_writes_a_recovery_sheet_and_never_overwrites_a_file() {
    let dir = Dir::new();
    let sheet = dir.path("sheet.pdf");
    let out = dir
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .arg("init")
        .arg("--recovery-sheet")
        .arg(&sheet)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&sheet).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let other = Dir::new();
    let out = other
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .arg("init")
        .arg("--recovery-sheet")
        .arg(&sheet)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(bytes, std::fs::read(&sheet).unwrap());
    assert!(!other.vault().exists(), "a refused init creates nothing");
}

#[test]
fn assess_explains_strength_without_touching_anything() {
    let dir = Dir::new();
    let out = dir
        .cli()
        .env("CAREFILE_NEW_PASSPHRASE", "abc")
        .args(["passphrase", "assess", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["acceptable"], false);
    assert_eq!(v["minLength"], 10);
    assert!(!dir.vault().exists());
}

#[test]
fn output_piped_into_a_reader_that_closes_early_is_not_an_error() {
    let dir = Dir::new();
    dir.init();
    let mut child = dir
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .arg("info")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is written
    let out = child.wait_with_output().unwrap();
    assert!(!stderr(&out).contains("internal fault"), "{}", stderr(&out));
}
