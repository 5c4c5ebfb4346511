//! Record ids: random, stable across vaults (so a handover merges without duplicates), short enough
//! to type: a kind prefix and 16 hex characters, e.g. `ch_3f9a1c0b7d2e4a65`.

use rand::RngCore;

pub fn new_id(prefix: &str) -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}_{}", hex::encode(bytes))
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
