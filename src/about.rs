//! What this copy of Carefile is, for the About box and `carefile --version`: its version, its
//! licence and the vault schema it writes. It never asks the network whether a newer version exists:
//! nothing leaves the machine, so updates are installed by the family (README: Releasing).

use serde::Serialize;

/// This copy of Carefile, as the About box shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct About {
    /// The release, such as `0.1.0`.
    pub version: String,
    /// SPDX licence expression: `AGPL-3.0-or-later`.
    pub licence: String,
    /// The vault schema this version writes; an older Carefile refuses a vault with a higher one.
    pub schema_version: i64,
}

pub fn about() -> About {
    About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
        schema_version: crate::vault::SCHEMA_VERSION,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn about_names_the_release_and_the_licence() {
        let a = super::about();
        assert_eq!(a.licence, "AGPL-3.0-or-later");
        assert_eq!(a.version, env!("CARGO_PKG_VERSION"));
        assert!(a.schema_version >= 40);
    }
}
