//! The containers read before any passphrase is checked: a backup's header, a handover package,
//! a vault key file (`vault-keys.json`). Argon2 parameters in them must be bounded.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("carefile-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir.join("backup.carefile-backup")
    })
}

// A panic Carefile contains (catch_unwind around a third-party parser, as the app runs it) is an
// ordinary error, not a finding: silence libFuzzer's aborting hook. A panic that escapes still
// aborts in libfuzzer-sys' wrapper and is kept as a crash.
libfuzzer_sys::fuzz_target!(init: std::panic::set_hook(Box::new(|_| {})), |data: &[u8]| {
    carefile::fuzzing::backup(data, scratch());
    carefile::fuzzing::handover(data);
    carefile::fuzzing::envelope(data);
});
