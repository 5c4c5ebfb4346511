//! Where a remembered data key lives: behind a small trait so the OS keyring can be swapped for an
//! in-memory store in tests, and so "no keyring on this computer" is an ordinary answer, not a crash.

use std::collections::HashMap;
use std::sync::Mutex;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// A place to keep one secret string per account (account = the vault's id).
pub trait SecretStore: Send + Sync {
    /// `Ok(None)` when nothing is stored for this account.
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>>;
    fn set(&self, account: &str, secret: &str) -> Result<()>;
    /// Deleting something that is not there is not an error.
    fn delete(&self, account: &str) -> Result<()>;
    /// Whether this store can be used right now (a quick probe, no secret is read).
    fn available(&self) -> bool;
    /// Words for the UI: "this computer's keyring", "memory (tests)".
    fn describe(&self) -> &'static str;
}

/// The store the shells use, from the environment (read here once for both the desktop and the
/// CLI): `CAREFILE_SECRET_STORE` = `os` (the default), `memory` or `none` (keeps scripts and tests
/// away from the real keyring), and `CAREFILE_KEYRING_SERVICE` for the keyring's service name.
pub fn store_from_env() -> Box<dyn SecretStore> {
    match std::env::var("CAREFILE_SECRET_STORE").as_deref() {
        Ok("memory") => Box::new(MemoryStore::new()),
        Ok("none") => Box::new(NoStore),
        _ => Box::new(OsKeyring::new(
            std::env::var("CAREFILE_KEYRING_SERVICE")
                .unwrap_or_else(|_| super::KEYRING_SERVICE.to_string()),
        )),
    }
}

/// Keeps secrets in this process only. Used by tests and when the keyring is switched off.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Zeroizing<String>>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>> {
        let entries = self.entries.lock().map_err(|_| Error::Internal("store poisoned".into()))?;
        Ok(entries.get(account).cloned())
    }

    fn set(&self, account: &str, secret: &str) -> Result<()> {
        let mut entries =
            self.entries.lock().map_err(|_| Error::Internal("store poisoned".into()))?;
        entries.insert(account.to_string(), Zeroizing::new(secret.to_string()));
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<()> {
        let mut entries =
            self.entries.lock().map_err(|_| Error::Internal("store poisoned".into()))?;
        entries.remove(account);
        Ok(())
    }

    fn available(&self) -> bool {
        true
    }

    fn describe(&self) -> &'static str {
        "memory (this session only)"
    }
}

/// A store that never keeps anything: "remember on this computer" is switched off.
pub struct NoStore;

impl SecretStore for NoStore {
    fn get(&self, _account: &str) -> Result<Option<Zeroizing<String>>> {
        Ok(None)
    }

    fn set(&self, _account: &str, _secret: &str) -> Result<()> {
        Err(Error::KeyringUnavailable("remembering is switched off".into()))
    }

    fn delete(&self, _account: &str) -> Result<()> {
        Ok(())
    }

    fn available(&self) -> bool {
        false
    }

    fn describe(&self) -> &'static str {
        "none"
    }
}

/// The operating system's keyring: Keychain on macOS, Credential Manager on Windows, the Secret
/// Service (GNOME Keyring, KWallet) with a kernel keyutils cache on Linux.
pub struct OsKeyring {
    service: String,
}

impl OsKeyring {
    pub fn new(service: impl Into<String>) -> Self {
        OsKeyring { service: service.into() }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, account).map_err(map_keyring)
    }
}

fn map_keyring(e: keyring::Error) -> Error {
    Error::KeyringUnavailable(match e {
        keyring::Error::PlatformFailure(inner) => format!("the keyring service failed: {inner}"),
        keyring::Error::NoStorageAccess(inner) => {
            format!("the keyring is locked or missing: {inner}")
        }
        other => other.to_string(),
    })
}

impl SecretStore for OsKeyring {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>> {
        match self.entry(account)?.get_password() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring(e)),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<()> {
        let entry = self.entry(account)?;
        entry.set_password(secret).map_err(map_keyring)?;
        // Read back: some stores accept a write they cannot keep (keyutils without a session).
        match entry.get_password() {
            Ok(back) if back == secret => Ok(()),
            Ok(_) | Err(_) => Err(Error::KeyringUnavailable(
                "the keyring accepted the key but could not give it back".into(),
            )),
        }
    }

    fn delete(&self, account: &str) -> Result<()> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring(e)),
        }
    }

    fn available(&self) -> bool {
        self.get("carefile-availability-probe").is_ok()
    }

    fn describe(&self) -> &'static str {
        "this computer's keyring"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_remembers_and_forgets() {
        let store = MemoryStore::new();
        assert!(store.get("v").unwrap().is_none());
        store.set("v", "secret").unwrap();
        assert_eq!(store.get("v").unwrap().unwrap().as_str(), "secret");
        store.delete("v").unwrap();
        store.delete("v").unwrap();
        assert!(store.get("v").unwrap().is_none());
    }

    #[test]
    fn no_store_refuses_to_remember_with_keyring_unavailable() {
        let e = NoStore.set("v", "s").unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::KeyringUnavailable);
    }
}
