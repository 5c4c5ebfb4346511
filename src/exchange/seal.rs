//! Sealing a handover package with a one-off share passphrase: Argon2id, then XChaCha20-Poly1305
//! over 64 KiB chunks in the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015): each
//! chunk's nonce is a random 19-byte prefix, a 32-bit chunk counter and a final-chunk flag, so
//! chunks can't be reordered, dropped or cut off without being noticed.
//!
//! ```text
//! 0      8   magic "CFHANDOV"
//! 8      2   version, u16 LE (1)
//! 10     4   header length H, u32 LE
//! 14     H   header JSON: kdf (Argon2id memoryKib, iterations, parallelism), salt, noncePrefix,
//!            keyCheck (16 bytes of HKDF of the key: tells a wrong passphrase from damage), chunkSize
//! 14+H   32  SHA-256 of bytes 0..14+H (damage there is damage, not a "wrong passphrase")
//! then   chunks: u32 LE ciphertext length, ciphertext (plaintext ≤ chunkSize, + 16-byte tag);
//!        associated data of every chunk = the header's SHA-256
//! ```

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::vault::{KdfParams, Passphrase};

pub const HANDOVER_MAGIC: &[u8; 8] = b"CFHANDOV";
pub const HANDOVER_VERSION: u16 = 1;
const CHUNK: usize = 64 * 1024;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Header {
    kdf: KdfParams,
    salt: String,
    nonce_prefix: String,
    key_check: String,
    chunk_size: u32,
}

fn corrupt() -> Error {
    Error::CorruptFile(
        "This handover package is damaged or incomplete. Nothing was imported. Ask the sender for a \
         new copy."
            .into(),
    )
}

fn not_a_package(sealed: &[u8]) -> Error {
    if sealed.starts_with(HANDOVER_MAGIC) {
        corrupt()
    } else {
        Error::CorruptFile(
            "This is not a Carefile handover package, or it is badly damaged. Nothing was imported.".into(),
        )
    }
}

fn wrong_passphrase() -> Error {
    Error::WrongSharePassphrase
}

struct Keys {
    stream: Zeroizing<[u8; 32]>,
    check: String,
}

fn keys(pass: &Passphrase, salt: &[u8], p: KdfParams) -> Result<Keys> {
    let p = p.check_untrusted("This handover package")?;
    let params =
        Params::new(p.memory_kib, p.iterations, p.parallelism, Some(32)).map_err(|_| corrupt())?;
    let mut master = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(pass.expose().as_bytes(), salt, master.as_mut())
        .map_err(|e| Error::Internal(format!("key derivation failed: {e}")))?;
    let hk = hkdf::Hkdf::<Sha256>::new(None, master.as_ref());
    let mut stream = Zeroizing::new([0u8; 32]);
    let mut check = [0u8; 16];
    // Far below HKDF's output limit, so expand cannot fail.
    let _ = hk.expand(b"carefile handover stream v1", stream.as_mut());
    let _ = hk.expand(b"carefile handover check v1", &mut check);
    Ok(Keys { stream, check: hex::encode(check) })
}

fn nonce(prefix: &[u8], counter: u32, last: bool) -> [u8; 24] {
    let mut n = [0u8; 24];
    n[..19].copy_from_slice(prefix);
    n[19..23].copy_from_slice(&counter.to_be_bytes());
    n[23] = last as u8;
    n
}

/// Seal `plain` with `pass`. The result holds no plaintext.
pub(crate) fn seal(plain: &[u8], pass: &Passphrase, kdf: KdfParams) -> Result<Vec<u8>> {
    let mut salt = [0u8; 16];
    let mut prefix = [0u8; 19];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    rand::rngs::OsRng.fill_bytes(&mut prefix);
    let k = keys(pass, &salt, kdf)?;
    let header = Header {
        kdf,
        salt: B64.encode(salt),
        nonce_prefix: B64.encode(prefix),
        key_check: k.check.clone(),
        chunk_size: CHUNK as u32,
    };
    let header = serde_json::to_vec(&header).map_err(|e| Error::Internal(e.to_string()))?;
    let mut out = Vec::with_capacity(plain.len() + plain.len() / CHUNK * 20 + 256);
    out.extend_from_slice(HANDOVER_MAGIC);
    out.extend_from_slice(&HANDOVER_VERSION.to_le_bytes());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    let header_hash: [u8; 32] = Sha256::digest(&out).into();
    out.extend_from_slice(&header_hash);
    let cipher = XChaCha20Poly1305::new(Key::from_slice(k.stream.as_ref()));
    let chunks: Vec<&[u8]> =
        if plain.is_empty() { vec![&[][..]] } else { plain.chunks(CHUNK).collect() };
    let total = chunks.len();
    for (i, chunk) in chunks.into_iter().enumerate() {
        let counter =
            u32::try_from(i).map_err(|_| Error::invalid("This handover package is too large."))?;
        let n = nonce(&prefix, counter, i + 1 == total);
        let ct = cipher
            .encrypt(XNonce::from_slice(&n), Payload { msg: chunk, aad: &header_hash })
            .map_err(|_| Error::Internal("could not seal the handover package".into()))?;
        out.extend_from_slice(&(ct.len() as u32).to_le_bytes());
        out.extend_from_slice(&ct);
    }
    Ok(out)
}

/// Open a sealed package: damage is `corrupt_file`, a wrong passphrase is told apart from damage.
pub(crate) fn open(sealed: &[u8], pass: &Passphrase) -> Result<Zeroizing<Vec<u8>>> {
    if sealed.len() < 14 + 32 {
        return Err(corrupt());
    }
    let hlen = u32::from_le_bytes([sealed[10], sealed[11], sealed[12], sealed[13]]) as usize;
    if hlen > 64 * 1024 || sealed.len() < 14 + hlen + 32 {
        return Err(not_a_package(sealed));
    }
    // The hash covers magic, version and length too, so damage there is damage.
    let header_hash: [u8; 32] = Sha256::digest(&sealed[..14 + hlen]).into();
    if header_hash[..] != sealed[14 + hlen..14 + hlen + 32] {
        return Err(not_a_package(sealed));
    }
    if &sealed[..8] != HANDOVER_MAGIC {
        return Err(not_a_package(sealed));
    }
    let version = u16::from_le_bytes([sealed[8], sealed[9]]);
    if version > HANDOVER_VERSION {
        return Err(Error::UnsupportedFile(
            "This handover package was made by a newer version of Carefile. Update Carefile to open it.".into(),
        ));
    }
    let header_bytes = &sealed[14..14 + hlen];
    let header: Header = serde_json::from_slice(header_bytes).map_err(|_| corrupt())?;
    let salt = B64.decode(&header.salt).map_err(|_| corrupt())?;
    let prefix = B64.decode(&header.nonce_prefix).map_err(|_| corrupt())?;
    if prefix.len() != 19 || header.chunk_size as usize != CHUNK {
        return Err(corrupt());
    }
    let k = keys(pass, &salt, header.kdf)?;
    if k.check != header.key_check {
        return Err(wrong_passphrase());
    }
    let cipher = XChaCha20Poly1305::new(Key::from_slice(k.stream.as_ref()));
    let mut out = Zeroizing::new(Vec::with_capacity(sealed.len()));
    let mut pos = 14 + hlen + 32;
    let mut counter: u32 = 0;
    loop {
        if sealed.len() < pos + 4 {
            return Err(corrupt()); // cut off before the final chunk
        }
        let len =
            u32::from_le_bytes([sealed[pos], sealed[pos + 1], sealed[pos + 2], sealed[pos + 3]])
                as usize;
        pos += 4;
        if len > CHUNK + 16 || sealed.len() < pos + len {
            return Err(corrupt());
        }
        let ct = &sealed[pos..pos + len];
        pos += len;
        let last = pos == sealed.len();
        let plain = cipher
            .decrypt(
                XNonce::from_slice(&nonce(&prefix, counter, last)),
                Payload { msg: ct, aad: &header_hash },
            )
            .map_err(|_| corrupt())?;
        out.extend_from_slice(&plain);
        if last {
            return Ok(out);
        }
        counter = counter.checked_add(1).ok_or_else(corrupt)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams::INSECURE_FOR_TESTS;

    #[test]
    fn a_package_header_asking_for_64_gib_is_refused_at_once() {
        let pass = Passphrase::new("share words for sam");
        let sealed = seal(b"hello", &pass, FAST).unwrap();
        let hlen = u32::from_le_bytes([sealed[10], sealed[11], sealed[12], sealed[13]]) as usize;
        let header = std::str::from_utf8(&sealed[14..14 + hlen]).unwrap();
        let greedy = header.replace("\"memory_kib\":256", &format!("\"memory_kib\":{}", 64 << 20));
        assert_ne!(greedy, header, "{header}");
        // Rebuild the package around the greedy header, with a matching header hash.
        let mut bad = sealed[..10].to_vec();
        bad.extend_from_slice(&(greedy.len() as u32).to_le_bytes());
        bad.extend_from_slice(greedy.as_bytes());
        let hash: [u8; 32] = Sha256::digest(&bad).into();
        bad.extend_from_slice(&hash);
        bad.extend_from_slice(&sealed[14 + hlen + 32..]);
        let started = std::time::Instant::now();
        let e = open(&bad, &pass).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::CorruptFile, "{e}");
        assert!(started.elapsed() < std::time::Duration::from_millis(200));
    }

    #[test]
    fn sealed_round_trip_and_every_kind_of_damage_is_caught() {
        let pass = Passphrase::new("share words for sam");
        let plain: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let sealed = seal(&plain, &pass, FAST).unwrap();
        assert_eq!(&open(&sealed, &pass).unwrap()[..], &plain[..]);
        let e = open(&sealed, &Passphrase::new("other words")).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::WrongSharePassphrase);
        for pos in (0..sealed.len()).step_by(997).chain([sealed.len() - 1]) {
            let mut bad = sealed.clone();
            bad[pos] ^= 1;
            assert_eq!(
                open(&bad, &pass).unwrap_err().code(),
                crate::ErrorCode::CorruptFile,
                "byte {pos}"
            );
        }
        // Truncated at a chunk boundary: the final-chunk flag is missing.
        let first_chunk_end = sealed.len() - (plain.len() - 3 * CHUNK + 16) - 4;
        assert_eq!(
            open(&sealed[..first_chunk_end], &pass).unwrap_err().code(),
            crate::ErrorCode::CorruptFile
        );
    }
}
