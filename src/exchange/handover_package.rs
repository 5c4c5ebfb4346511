//! The handover package's format inside the seal (see `seal` for the encryption): the manifest
//! that says what the package is, and the rows by table with their values as JSON; and opening a
//! sealed file back into it.

use std::collections::BTreeMap;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value as Json};

use super::seal;
use crate::error::{Error, Result};
use crate::vault::Passphrase;

/// One document listed in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ManifestDocument {
    pub id: String,
    pub sha256: String,
    pub title: String,
}

/// What a package says about itself (inside the seal).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct HandoverManifest {
    pub package_id: String,
    pub made_by: String,
    /// UTC, ISO 8601.
    pub made_at: String,
    pub delete_after: Option<String>,
    pub source_vault: String,
    pub child_id: String,
    /// The family the child belongs to (packages made before families existed have none).
    #[serde(default)]
    pub family_id: Option<String>,
    pub documents: Vec<ManifestDocument>,
    /// Rows per table.
    #[cfg_attr(feature = "bindings", ts(type = "Record<string, number>"))]
    pub counts: BTreeMap<String, usize>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Package {
    pub(super) format: String,
    pub(super) version: u32,
    pub(super) manifest: HandoverManifest,
    /// table → (columns, rows); values as JSON (see `to_json`).
    pub(super) tables: BTreeMap<String, (Vec<String>, Vec<Vec<Json>>)>,
    /// The sender's own audit entries about what the package brings, as stored (hashes included).
    #[serde(default)]
    pub(super) audit: Vec<crate::audit::ChainEntry>,
}

pub(super) fn to_json(v: Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Integer(i) => json!(i),
        Value::Real(f) => json!({ "real": f }),
        Value::Text(t) => Json::String(t),
        Value::Blob(b) => json!({ "base64": B64.encode(b) }),
    }
}

pub(super) fn from_json(v: &Json) -> Result<Value> {
    Ok(match v {
        Json::Null => Value::Null,
        Json::Number(n) => Value::Integer(n.as_i64().ok_or_else(bad_package)?),
        Json::String(s) => Value::Text(s.clone()),
        Json::Object(o) => match (o.get("real"), o.get("base64")) {
            (Some(r), None) => Value::Real(r.as_f64().ok_or_else(bad_package)?),
            (None, Some(Json::String(b))) => Value::Blob(B64.decode(b).map_err(|_| bad_package())?),
            _ => return Err(bad_package()),
        },
        _ => return Err(bad_package()),
    })
}

pub(super) fn bad_package() -> Error {
    Error::CorruptFile(
        "This handover package's contents don't make sense. Nothing was imported.".into(),
    )
}

pub(super) fn open_package(file: &Path, share: &Passphrase) -> Result<Package> {
    let sealed = std::fs::read(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::NotFound(format!("There is no file at {}.", file.display()))
        }
        _ => Error::io(format!("Could not read {}", file.display()), e),
    })?;
    let plain = seal::open(&sealed, share)?;
    let package: Package = serde_json::from_slice(&plain).map_err(|_| bad_package())?;
    if package.format != "carefile-handover" || package.version != 1 {
        return Err(bad_package());
    }
    Ok(package)
}

/// For tests that build hostile packages: the JSON inside a sealed package, and sealing crafted
/// JSON with a known share passphrase. Not for anything else: a real package is made only by
/// `export_handover`.
#[doc(hidden)]
pub mod testing {
    use super::*;

    pub fn unseal_json(file: &Path, share: &Passphrase) -> Result<serde_json::Value> {
        let sealed = std::fs::read(file).map_err(|e| Error::io("read", e))?;
        let plain = seal::open(&sealed, share)?;
        serde_json::from_slice(&plain).map_err(|_| bad_package())
    }

    pub fn seal_json(
        json: &serde_json::Value,
        share: &Passphrase,
        kdf: crate::vault::KdfParams,
        out: &Path,
    ) -> Result<()> {
        let plain = serde_json::to_vec(json).map_err(|e| Error::Internal(e.to_string()))?;
        let sealed = seal::seal(&plain, share, kdf)?;
        std::fs::write(out, sealed).map_err(|e| Error::io("write", e))
    }
}
