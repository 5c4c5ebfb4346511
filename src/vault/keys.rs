//! The key envelope: the data key wrapped by the passphrase (Argon2id) and by the recovery key
//! (HKDF: the recovery key already carries 160 random bits, so it needs no slow KDF). The envelope is
//! a small JSON file beside the database; it holds nothing usable without a passphrase or key.

use std::fs;
use std::path::Path;

use crate::ids::random_bytes;
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::secret::{DataKey, Passphrase, RecoveryKey};
use crate::error::{Error, Result};

pub(crate) const ENVELOPE_FORMAT: &str = "carefile-vault-keys";
pub(crate) const ENVELOPE_VERSION: u32 = 1;

/// Argon2id cost. Stored with each wrapped key so the defaults can be raised later without
/// breaking older vaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfParams {
    /// Chosen to take roughly half a second on the development machine (`make bench` prints the
    /// figure beside SQLCipher's own PBKDF2 keying): 256 MiB makes each guess expensive on GPUs and
    /// ASICs, 3 passes follows RFC 9106's second recommendation. Measured: 64 MiB took 0.12 s, too
    /// cheap for a key that guards a family's whole record.
    pub const DEFAULT: KdfParams =
        KdfParams { memory_kib: 256 * 1024, iterations: 3, parallelism: 1 };

    /// For tests only: fast and weak. Never used unless a caller asks for it by name.
    pub const INSECURE_FOR_TESTS: KdfParams =
        KdfParams { memory_kib: 256, iterations: 1, parallelism: 1 };

    /// The most a header may ask for. The vault's key file, a backup's header and a handover
    /// package's header are read before anything in them can be authenticated, so their Argon2
    /// settings are checked against these before any hashing: a file asking for 64 GiB of memory or
    /// a million passes is refused at once instead of exhausting the computer. Four times the
    /// default memory leaves room to raise the default later.
    pub const MAX: KdfParams =
        KdfParams { memory_kib: 1024 * 1024, iterations: 16, parallelism: 8 };

    /// Refuse settings beyond [`KdfParams::MAX`] (or below what Argon2 allows), naming `what`.
    pub fn check_untrusted(self, what: &str) -> Result<KdfParams> {
        let max = KdfParams::MAX;
        if self.memory_kib > max.memory_kib
            || self.iterations > max.iterations
            || self.parallelism > max.parallelism
            || self.iterations == 0
            || self.parallelism == 0
            || self.memory_kib < 8 * self.parallelism
        {
            return Err(Error::CorruptFile(format!(
                "{what} asks for key settings Carefile does not accept ({} MiB of memory, {} \
                 passes, {} lanes; at most {} MiB, {} passes, {} lanes). It is damaged or was not \
                 made by Carefile.",
                self.memory_kib / 1024,
                self.iterations,
                self.parallelism,
                max.memory_kib / 1024,
                max.iterations,
                max.parallelism
            )));
        }
        Ok(self)
    }

    /// The settings for new keys: [`KdfParams::DEFAULT`], or the weak test settings when
    /// `CAREFILE_INSECURE_FAST_KDF` is set in a test or debug build. Release builds ignore it.
    pub fn for_new_keys() -> KdfParams {
        if fast_kdf_honoured(
            std::env::var_os("CAREFILE_INSECURE_FAST_KDF").is_some(),
            cfg!(debug_assertions),
        ) {
            KdfParams::INSECURE_FOR_TESTS
        } else {
            KdfParams::DEFAULT
        }
    }
}

/// Whether the fast-KDF switch takes effect: only when asked for in a debug (test) build.
fn fast_kdf_honoured(requested: bool, debug_build: bool) -> bool {
    requested && debug_build
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "algorithm", rename_all = "kebab-case")]
pub(crate) enum Kdf {
    Argon2id {
        #[serde(flatten)]
        params: KdfParams,
        salt: String,
    },
    HkdfSha256 {
        salt: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct WrappedKey {
    pub kdf: Kdf,
    pub cipher: String,
    pub nonce: String,
    pub ciphertext: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Envelope {
    pub format: String,
    pub version: u32,
    pub vault_id: String,
    pub created: String,
    /// A fingerprint of the data key (HKDF output, not the key), so a key from the keyring can be
    /// checked before it touches the database.
    pub key_check: String,
    pub passphrase: WrappedKey,
    pub recovery: WrappedKey,
}

#[derive(Clone, Copy)]
pub(crate) enum Slot {
    Passphrase,
    Recovery,
}

impl Slot {
    fn name(self) -> &'static str {
        match self {
            Slot::Passphrase => "passphrase",
            Slot::Recovery => "recovery",
        }
    }
}

fn aad(vault_id: &str, slot: Slot) -> Vec<u8> {
    format!("{ENVELOPE_FORMAT}:v{ENVELOPE_VERSION}:{vault_id}:{}", slot.name()).into_bytes()
}

fn decode(field: &str, text: &str) -> Result<Vec<u8>> {
    B64.decode(text).map_err(|_| {
        Error::CorruptFile(format!(
            "The vault's key file is damaged (field {field} is unreadable)."
        ))
    })
}

fn argon2_kek(passphrase: &Passphrase, salt: &[u8], p: KdfParams) -> Result<Zeroizing<[u8; 32]>> {
    let p = p.check_untrusted("The vault's key file")?;
    let params = Params::new(p.memory_kib, p.iterations, p.parallelism, Some(32))
        .map_err(|e| Error::CorruptFile(format!("The vault's key settings are invalid ({e}).")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.expose().as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::Internal(format!("key derivation failed: {e}")))?;
    Ok(out)
}

fn hkdf_kek(ikm: &[u8], salt: &[u8], info: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    // 32 bytes is far below HKDF-SHA256's limit, so expand cannot fail.
    let _ = Hkdf::<Sha256>::new(Some(salt), ikm).expand(info, out.as_mut());
    out
}

pub(crate) fn key_check(key: &DataKey, vault_id: &str) -> String {
    let check = hkdf_kek(key.expose(), vault_id.as_bytes(), b"carefile key check v1");
    hex::encode(&check[..16])
}

fn seal(kek: &[u8; 32], key: &DataKey, vault_id: &str, slot: Slot, kdf: Kdf) -> Result<WrappedKey> {
    let nonce = random_bytes::<24>();
    let cipher = XChaCha20Poly1305::new(Key::from_slice(kek));
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload { msg: key.expose(), aad: &aad(vault_id, slot) },
        )
        .map_err(|_| Error::Internal("could not wrap the data key".into()))?;
    Ok(WrappedKey {
        kdf,
        cipher: "xchacha20-poly1305".into(),
        nonce: B64.encode(nonce),
        ciphertext: B64.encode(ciphertext),
    })
}

/// `None` when the key-encryption key is wrong (authentication failed).
fn open(
    kek: &[u8; 32],
    wrapped: &WrappedKey,
    vault_id: &str,
    slot: Slot,
) -> Result<Option<DataKey>> {
    if wrapped.cipher != "xchacha20-poly1305" {
        return Err(Error::CorruptFile(format!(
            "The vault's key file uses a cipher this version doesn't know ({}).",
            wrapped.cipher
        )));
    }
    let nonce = decode("nonce", &wrapped.nonce)?;
    if nonce.len() != 24 {
        return Err(Error::CorruptFile("The vault's key file is damaged (bad nonce).".into()));
    }
    let ciphertext = decode("ciphertext", &wrapped.ciphertext)?;
    let cipher = XChaCha20Poly1305::new(Key::from_slice(kek));
    match cipher.decrypt(
        XNonce::from_slice(&nonce),
        Payload { msg: &ciphertext, aad: &aad(vault_id, slot) },
    ) {
        Ok(plain) => {
            let plain = Zeroizing::new(plain);
            let array: [u8; 32] = plain.as_slice().try_into().map_err(|_| {
                Error::CorruptFile("The vault's key file is damaged (bad key length).".into())
            })?;
            Ok(Some(DataKey::from_bytes(array)))
        }
        Err(_) => Ok(None),
    }
}

pub(crate) fn wrap_with_passphrase(
    key: &DataKey,
    vault_id: &str,
    passphrase: &Passphrase,
    params: KdfParams,
) -> Result<WrappedKey> {
    let salt = random_bytes::<16>();
    let kek = argon2_kek(passphrase, &salt, params)?;
    seal(&kek, key, vault_id, Slot::Passphrase, Kdf::Argon2id { params, salt: B64.encode(salt) })
}

pub(crate) fn wrap_with_recovery(
    key: &DataKey,
    vault_id: &str,
    rk: &RecoveryKey,
) -> Result<WrappedKey> {
    let salt = random_bytes::<16>();
    let kek = hkdf_kek(rk.expose(), &salt, b"carefile recovery key v1");
    seal(&kek, key, vault_id, Slot::Recovery, Kdf::HkdfSha256 { salt: B64.encode(salt) })
}

impl Envelope {
    pub(crate) fn unwrap_with_passphrase(&self, passphrase: &Passphrase) -> Result<DataKey> {
        let Kdf::Argon2id { params, salt } = &self.passphrase.kdf else {
            return Err(Error::CorruptFile("The vault's passphrase slot is damaged.".into()));
        };
        let kek = argon2_kek(passphrase, &decode("salt", salt)?, *params)?;
        open(&kek, &self.passphrase, &self.vault_id, Slot::Passphrase)?
            .ok_or(Error::WrongPassphrase)
    }

    pub(crate) fn unwrap_with_recovery(&self, rk: &RecoveryKey) -> Result<DataKey> {
        let Kdf::HkdfSha256 { salt } = &self.recovery.kdf else {
            return Err(Error::CorruptFile("The vault's recovery slot is damaged.".into()));
        };
        let kek = hkdf_kek(rk.expose(), &decode("salt", salt)?, b"carefile recovery key v1");
        open(&kek, &self.recovery, &self.vault_id, Slot::Recovery)?.ok_or(Error::WrongRecoveryKey)
    }

    pub(crate) fn matches(&self, key: &DataKey) -> bool {
        key_check(key, &self.vault_id) == self.key_check
    }

    pub(crate) fn kdf_params(&self) -> Option<KdfParams> {
        match &self.passphrase.kdf {
            Kdf::Argon2id { params, .. } => Some(*params),
            Kdf::HkdfSha256 { .. } => None,
        }
    }

    pub(crate) fn read(path: &Path) -> Result<Envelope> {
        let text = fs::read_to_string(path).map_err(|e| {
            Error::io(format!("Could not read the vault's key file {}", path.display()), e)
        })?;
        let env: Envelope = serde_json::from_str(&text).map_err(|e| {
            Error::CorruptFile(format!(
                "The vault's key file {} is damaged ({e}). Restore it from a backup.",
                path.display()
            ))
        })?;
        if env.format != ENVELOPE_FORMAT {
            return Err(Error::CorruptFile(format!(
                "{} is not a Carefile key file.",
                path.display()
            )));
        }
        if env.version > ENVELOPE_VERSION {
            return Err(Error::VaultTooNew {
                found: env.version as i64,
                known: ENVELOPE_VERSION as i64,
            });
        }
        Ok(env)
    }

    /// Write atomically: a crash leaves either the old file or the new one, never half of each.
    pub(crate) fn write(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::Internal(format!("could not encode the key file: {e}")))?;
        crate::safety::write_atomic(path, text.as_bytes(), crate::safety::Existing::Replace)
            .map_err(|e| match e {
                Error::Io { source, .. } => Error::io(
                    format!("Could not save the vault's key file {}", path.display()),
                    source,
                ),
                other => other,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_kdf_switch_is_ignored_by_release_logic() {
        assert!(!fast_kdf_honoured(true, false), "a release build never weakens Argon2");
        assert!(!fast_kdf_honoured(false, true));
        assert!(fast_kdf_honoured(true, true), "test builds may ask for it");
        // This (debug) test build with the variable unset gets the real settings.
        if std::env::var_os("CAREFILE_INSECURE_FAST_KDF").is_none() {
            assert_eq!(KdfParams::for_new_keys(), KdfParams::DEFAULT);
        }
    }

    #[test]
    fn a_key_file_asking_for_64_gib_is_refused_before_hashing() {
        let key = DataKey::generate();
        let pass = Passphrase::new("kettle orbit lantern minnow");
        let rk = RecoveryKey::generate();
        let mut env = envelope(&key, &pass, &rk);
        if let Kdf::Argon2id { params, .. } = &mut env.passphrase.kdf {
            params.memory_kib = 64 * 1024 * 1024;
        }
        let started = std::time::Instant::now();
        let e = env.unwrap_with_passphrase(&pass).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::CorruptFile, "{e}");
        assert!(e.to_string().contains("65536 MiB"), "{e}");
        assert!(started.elapsed() < std::time::Duration::from_millis(200));
        for bad in [
            KdfParams { memory_kib: 256, iterations: 1_000_000, parallelism: 1 },
            KdfParams { memory_kib: 256, iterations: 1, parallelism: 255 },
            KdfParams { memory_kib: 256, iterations: 0, parallelism: 1 },
        ] {
            assert!(bad.check_untrusted("x").is_err(), "{bad:?}");
        }
        assert!(KdfParams::DEFAULT.check_untrusted("x").is_ok());
    }

    fn envelope(key: &DataKey, pass: &Passphrase, rk: &RecoveryKey) -> Envelope {
        let id = "test-vault".to_string();
        Envelope {
            format: ENVELOPE_FORMAT.into(),
            version: ENVELOPE_VERSION,
            key_check: key_check(key, &id),
            passphrase: wrap_with_passphrase(key, &id, pass, KdfParams::INSECURE_FOR_TESTS)
                .unwrap(),
            recovery: wrap_with_recovery(key, &id, rk).unwrap(),
            vault_id: id,
            created: "2026-11-22T00:00:00Z".into(),
        }
    }

    #[test]
    fn passphrase_and_recovery_key_both_unwrap_the_same_data_key() {
        let key = DataKey::generate();
        let rk = RecoveryKey::generate();
        let env = envelope(&key, &Passphrase::new("a long passphrase"), &rk);
        let a = env.unwrap_with_passphrase(&Passphrase::new("a long passphrase")).unwrap();
        let b = env.unwrap_with_recovery(&rk).unwrap();
        assert_eq!(a.expose(), key.expose());
        assert_eq!(b.expose(), key.expose());
        assert!(env.matches(&a));
    }

    #[test]
    fn wrong_passphrase_and_wrong_recovery_key_are_told_apart() {
        let key = DataKey::generate();
        let env = envelope(&key, &Passphrase::new("a long passphrase"), &RecoveryKey::generate());
        let e = env.unwrap_with_passphrase(&Passphrase::new("A long passphrase")).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::WrongPassphrase);
        let e = env.unwrap_with_recovery(&RecoveryKey::generate()).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::WrongRecoveryKey);
    }

    #[test]
    fn a_slot_cannot_be_moved_to_another_vault() {
        let key = DataKey::generate();
        let pass = Passphrase::new("a long passphrase");
        let mut env = envelope(&key, &pass, &RecoveryKey::generate());
        env.vault_id = "another-vault".into();
        assert!(env.unwrap_with_passphrase(&pass).is_err());
    }

    #[test]
    fn envelope_holds_no_key_material_in_the_clear() {
        let key = DataKey::generate();
        let env = envelope(&key, &Passphrase::new("a long passphrase"), &RecoveryKey::generate());
        let json = serde_json::to_string(&env).unwrap();
        assert!(!json.contains(key.to_hex().as_str()));
        assert!(!json.contains(&B64.encode(key.expose())));
    }
}
