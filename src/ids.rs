//! Random bytes from the OS, the timestamp as stored (UTC, ISO 8601, to the second), and record
//! ids: random, stable across vaults (so a handover merges without duplicates), short enough
//! to type: a kind prefix and 16 hex characters, e.g. `ch_3f9a1c0b7d2e4a65`.

use rand::RngCore;

pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", hex::encode(random_bytes::<8>()))
}

/// Now, as every table stores it: `2025-11-14T09:30:00Z`.
pub(crate) fn now_stamp() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `N` bytes from the operating system's generator: keys, nonces, salts, ids, temporary names.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_carry_their_prefix_and_differ() {
        let a = super::new_id("ch");
        let b = super::new_id("ch");
        assert!(a.starts_with("ch_") && a.len() == 19);
        assert_ne!(a, b);
    }
}
