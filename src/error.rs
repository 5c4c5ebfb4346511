//! One error type for the whole core. Every variant a person can meet has a stable `code()` that the
//! CLI and the desktop UI act on, and a message that says what happened and what to do next.

use std::path::PathBuf;

/// The closed set of error codes the UI and scripts can rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    WrongPassphrase,
    WrongRecoveryKey,
    WrongSharePassphrase,
    VaultLocked,
    NoVault,
    VaultExists,
    VaultTooNew,
    CorruptVault,
    NotFound,
    InvalidInput,
    WeakPassphrase,
    UnsupportedFile,
    CorruptFile,
    KeyringUnavailable,
    Io,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::WrongPassphrase => "wrong_passphrase",
            ErrorCode::WrongRecoveryKey => "wrong_recovery_key",
            ErrorCode::WrongSharePassphrase => "wrong_share_passphrase",
            ErrorCode::VaultLocked => "vault_locked",
            ErrorCode::NoVault => "no_vault",
            ErrorCode::VaultExists => "vault_exists",
            ErrorCode::VaultTooNew => "vault_too_new",
            ErrorCode::CorruptVault => "corrupt_vault",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::WeakPassphrase => "weak_passphrase",
            ErrorCode::UnsupportedFile => "unsupported_file",
            ErrorCode::CorruptFile => "corrupt_file",
            ErrorCode::KeyringUnavailable => "keyring_unavailable",
            ErrorCode::Io => "io",
            ErrorCode::Internal => "internal",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("That passphrase doesn't open this vault. Check Caps Lock, or use your recovery key.")]
    WrongPassphrase,

    #[error(
        "That recovery key doesn't open this vault. Check each group against your Recovery Sheet \
         (the letters O and I are read as 0 and 1)."
    )]
    WrongRecoveryKey,

    #[error(
        "That share passphrase doesn't open this handover package. Ask the person who made it to \
         check it."
    )]
    WrongSharePassphrase,

    #[error("The vault is locked. Unlock it with your passphrase first.")]
    VaultLocked,

    #[error("There is no Carefile vault at {}. Create one with `carefile init`, or check the path.", .0.display())]
    NoVault(PathBuf),

    #[error("A Carefile vault already exists at {}. Nothing was changed.", .0.display())]
    VaultExists(PathBuf),

    #[error(
        "This vault was made by a newer version of Carefile (schema {found}; this version knows up \
         to {known}). Update Carefile to open it. Nothing was changed."
    )]
    VaultTooNew { found: i64, known: i64 },

    #[error(
        "The vault at {} is damaged ({detail}). It has not been changed. Restore it from your latest \
         backup (`carefile backup restore`), and keep this copy in case it can be repaired.",
        .path.display()
    )]
    CorruptVault { path: PathBuf, detail: String },

    #[error("{0}")]
    NotFound(String),

    #[error("{0}")]
    InvalidInput(String),

    #[error("{0}")]
    WeakPassphrase(String),

    #[error("{0}")]
    UnsupportedFile(String),

    #[error("{0}")]
    CorruptFile(String),

    #[error(
        "This computer's keyring isn't available ({0}). Carefile will carry on with your passphrase."
    )]
    KeyringUnavailable(String),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("Something went wrong inside Carefile: {0}. Your data has not been changed.")]
    Internal(String),
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::WrongRecoveryKey => ErrorCode::WrongRecoveryKey,
            Error::WrongSharePassphrase => ErrorCode::WrongSharePassphrase,
            Error::VaultLocked => ErrorCode::VaultLocked,
            Error::NoVault(_) => ErrorCode::NoVault,
            Error::VaultExists(_) => ErrorCode::VaultExists,
            Error::VaultTooNew { .. } => ErrorCode::VaultTooNew,
            Error::CorruptVault { .. } => ErrorCode::CorruptVault,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::WeakPassphrase(_) => ErrorCode::WeakPassphrase,
            Error::UnsupportedFile(_) => ErrorCode::UnsupportedFile,
            Error::CorruptFile(_) => ErrorCode::CorruptFile,
            Error::KeyringUnavailable(_) => ErrorCode::KeyringUnavailable,
            Error::Io { .. } => ErrorCode::Io,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// Wrap an I/O error with what we were doing, in words a person understands.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }
}

/// SQLite errors that reach a caller are internal unless the module that ran the query knows better
/// (the vault maps "not a database"/"corrupt" to `CorruptVault` where it can name the path).
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(f.code, C::DatabaseCorrupt | C::NotADatabase) =>
            {
                Error::CorruptVault { path: PathBuf::from("the vault"), detail: e.to_string() }
            }
            rusqlite::Error::SqliteFailure(f, _) if f.code == C::DiskFull => Error::Io {
                context: "The disk is full, so nothing was saved".into(),
                source: std::io::Error::other(e.to_string()),
            },
            rusqlite::Error::QueryReturnedNoRows => Error::NotFound("Nothing was found.".into()),
            _ => Error::Internal(e.to_string()),
        }
    }
}

/// The shape every error takes when it crosses to the UI or to `--json` output.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport { code: e.code(), message: e.to_string() }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
