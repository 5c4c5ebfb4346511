//! The real OS keyring (Secret Service on Linux). Ignored by default: `make test` runs it inside
//! `dbus-run-session` with an unlocked gnome-keyring and a throw-away XDG data directory.

use carefile::vault::{self, OsKeyring, SecretStore};

use crate::util::*;

#[test]
#[ignore = "needs a Secret Service; run by `make test-keyring`"]
fn os_keyring_remembers_the_vault_and_forgets_it_on_request() {
    let dir = Dir::new();
    let (v, _) = dir.create();
    let service = format!("uk.carefile.test.{}", std::process::id());
    let store = OsKeyring::new(service);
    assert!(store.available(), "the Secret Service should be running for this test");
    v.remember(&store).expect("remember in the OS keyring");
    v.lock().unwrap();
    let v = vault::unlock_with_store(&dir.vault(), &store).expect("unlock from the OS keyring");
    v.forget(&store).unwrap();
    v.lock().unwrap();
    assert!(!vault::is_remembered(&dir.vault(), &store));
    assert_eq!(
        vault::unlock_with_store(&dir.vault(), &store).unwrap_err().code(),
        carefile::ErrorCode::NotFound
    );
}

#[test]
fn unavailable_keyring_is_reported_not_fatal() {
    // With no D-Bus session at all, the Secret Service cannot be reached: the store says so with
    // `keyring_unavailable` and the passphrase keeps working.
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        return; // a real session is present; the ignored test above covers it
    }
    let dir = Dir::new();
    let (v, _) = dir.create();
    let store = OsKeyring::new("uk.carefile.test.unavailable");
    if store.available() {
        return; // e.g. a kernel keyutils session keyring is usable here
    }
    let e = v.remember(&store).unwrap_err();
    assert_eq!(e.code(), carefile::ErrorCode::KeyringUnavailable);
    v.lock().unwrap();
    vault::unlock(&dir.vault(), &carefile::vault::Passphrase::new(PASS)).unwrap();
}
