//! Secret values: the data key, passphrases and the recovery key. Each zeroizes on drop, prints as
//! `[redacted]`, and is deliberately not `Serialize`, `Clone` or `Copy` (Atuin's key types).

use std::fmt;

use rand::RngCore;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, Result};

/// The random 256-bit key that opens the SQLCipher database. Never stored in the clear.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct DataKey([u8; 32]);

impl DataKey {
    pub(crate) fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        DataKey(bytes)
    }

    pub(crate) fn from_bytes(bytes: [u8; 32]) -> Self {
        DataKey(bytes)
    }

    pub(crate) fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// Hex form for `PRAGMA key = "x'…'"` and the keyring entry; zeroized when dropped.
    pub(crate) fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0))
    }

    pub(crate) fn from_hex(text: &str) -> Option<Self> {
        let bytes = Zeroizing::new(hex::decode(text.trim()).ok()?);
        let array: [u8; 32] = bytes.as_slice().try_into().ok()?;
        Some(DataKey(array))
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey([redacted])")
    }
}

/// A passphrase typed by a person. No upper bound on length; any Unicode is allowed.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Passphrase(String);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Self {
        Passphrase(text.into())
    }

    /// The passphrase as typed, for key derivation and strength checks only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase([redacted])")
    }
}

/// Crockford's base32 alphabet: no I, L, O or U, so a key copied by hand survives.
///
/// The encoding is kept by hand on purpose (issue "One home for each thing"): the recovery key is
/// secret, and `base32` and `data-encoding` return plain `String`/`Vec` buffers that are never wiped
/// and report a bad character without saying which, where this code keeps every copy in `Zeroizing`
/// buffers and tells the person which character is wrong, reading O, I and L as 0, 1 and 1.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RECOVERY_BYTES: usize = 20; // 160 bits: 32 characters in 8 groups of 4.

/// The recovery key shown once at creation and printed on the Recovery Sheet.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct RecoveryKey([u8; RECOVERY_BYTES]);

impl RecoveryKey {
    pub(crate) fn generate() -> Self {
        let mut bytes = [0u8; RECOVERY_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        RecoveryKey(bytes)
    }

    pub(crate) fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Parse a key as a person types it: any case, spaces or dashes anywhere, and the look-alike
    /// letters O, I and L read as 0, 1 and 1.
    pub fn parse(text: &str) -> Result<Self> {
        let mut bits: u64 = 0;
        let mut nbits = 0u32;
        let mut out = Zeroizing::new(Vec::with_capacity(RECOVERY_BYTES));
        let mut chars = 0usize;
        for c in text.chars() {
            if c == '-' || c.is_whitespace() {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            let value = CROCKFORD.iter().position(|&a| a as char == c).ok_or_else(|| {
                Error::invalid(format!(
                    "A recovery key only has letters and digits; '{c}' is not one of them."
                ))
            })?;
            chars += 1;
            bits = (bits << 5) | value as u64;
            nbits += 5;
            if nbits >= 8 {
                nbits -= 8;
                out.push((bits >> nbits) as u8);
                bits &= (1 << nbits) - 1;
            }
        }
        if chars != RECOVERY_BYTES * 8 / 5 {
            return Err(Error::invalid(format!(
                "A recovery key has 32 letters and digits in 8 groups of 4; this one has {chars}."
            )));
        }
        let array: [u8; RECOVERY_BYTES] = out
            .as_slice()
            .try_into()
            .map_err(|_| Error::invalid("That recovery key has the wrong length."))?;
        Ok(RecoveryKey(array))
    }

    /// The key as it is shown and printed: `ABCD-EFGH-…` (8 groups of 4).
    pub fn reveal_grouped(&self) -> Zeroizing<String> {
        let mut plain = Zeroizing::new(String::with_capacity(32));
        let mut bits: u64 = 0;
        let mut nbits = 0u32;
        for &b in &self.0 {
            bits = (bits << 8) | b as u64;
            nbits += 8;
            while nbits >= 5 {
                nbits -= 5;
                plain.push(CROCKFORD[((bits >> nbits) & 31) as usize] as char);
            }
            bits &= (1 << nbits) - 1;
        }
        let mut grouped = Zeroizing::new(String::with_capacity(39));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                grouped.push('-');
            }
            grouped.push(c);
        }
        grouped
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_key_round_trips_through_its_printed_form() {
        let key = RecoveryKey::generate();
        let shown = key.reveal_grouped();
        assert_eq!(shown.len(), 39);
        assert_eq!(shown.matches('-').count(), 7);
        let back = RecoveryKey::parse(&shown).unwrap();
        assert_eq!(back.expose(), key.expose());
    }

    #[test]
    fn recovery_key_forgives_case_spaces_and_look_alike_letters() {
        let key = RecoveryKey::generate();
        let shown = key.reveal_grouped().to_lowercase().replace('-', " ");
        let fuzzy = shown.replace('0', "o").replace('1', "l");
        assert_eq!(RecoveryKey::parse(&fuzzy).unwrap().expose(), key.expose());
    }

    #[test]
    fn recovery_key_with_wrong_length_is_refused_clearly() {
        let err = RecoveryKey::parse("ABCD-EFGH").unwrap_err();
        assert!(err.to_string().contains("8 groups of 4"), "{err}");
        let err = RecoveryKey::parse("ABCD-EFGH-!").unwrap_err();
        assert!(err.to_string().contains("'!'"), "{err}");
    }

    #[test]
    fn secrets_never_print_their_value() {
        let p = Passphrase::new("correct horse battery staple");
        assert_eq!(format!("{p:?}"), "Passphrase([redacted])");
        let k = DataKey::generate();
        assert!(!format!("{k:?}").contains(&k.to_hex()[..8]));
    }
}
