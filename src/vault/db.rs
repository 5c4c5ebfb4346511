//! Opening the SQLCipher database: key first, prove it is SQLCipher, prove the key reads the file,
//! then settings and migrations. Every connection goes through `open`.

use std::fs;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::secret::DataKey;
use crate::error::{Error, Result};

/// A migration owned by one module. Each module has its own range of versions so modules can grow
/// independently: vault 1–9 (record 2–9), documents and audit 10–19, deadlines 20–29, bundles 30–39,
/// exchange 40–49, the working document (workdoc) 50–59. Applied versions are recorded one by one,
/// so a later migration in a lower range still runs on a vault that already has higher ones. Keep
/// the list sorted by version.
pub struct Migration {
    pub version: i64,
    pub owner: &'static str,
    pub sql: &'static str,
}

/// Every table's creation, in order. Modules own their SQL; the vault only runs it.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, owner: "vault", sql: include_str!("migrations/0001_vault.sql") },
    Migration {
        version: 2,
        owner: "record",
        sql: include_str!("../record/migrations/0002_record.sql"),
    },
    Migration {
        version: 3,
        owner: "record",
        sql: include_str!("../record/migrations/0003_child_photos.sql"),
    },
    Migration {
        version: 4,
        owner: "record",
        sql: include_str!("../record/migrations/0004_families.sql"),
    },
    Migration {
        version: 10,
        owner: "documents",
        sql: include_str!("../documents/migrations/0010_documents.sql"),
    },
    Migration {
        version: 11,
        owner: "audit",
        sql: include_str!("../audit/migrations/0011_audit.sql"),
    },
    Migration {
        version: 12,
        owner: "documents",
        sql: include_str!("../documents/migrations/0012_record_search.sql"),
    },
    Migration {
        version: 13,
        owner: "documents",
        sql: include_str!("../documents/migrations/0013_text_engine.sql"),
    },
    Migration {
        version: 14,
        owner: "documents",
        sql: include_str!("../documents/migrations/0014_doc_versions.sql"),
    },
    Migration {
        version: 20,
        owner: "milestones",
        sql: include_str!("../milestones/migrations/0020_milestones.sql"),
    },
    Migration {
        version: 30,
        owner: "bundle",
        sql: include_str!("../bundle/migrations/0030_bundle.sql"),
    },
    Migration {
        version: 31,
        owner: "bundle",
        sql: include_str!("../bundle/migrations/0031_bundle_issues.sql"),
    },
    Migration {
        version: 40,
        owner: "exchange",
        sql: include_str!("../exchange/migrations/0040_exchange.sql"),
    },
    Migration {
        version: 41,
        owner: "exchange",
        sql: include_str!("../exchange/migrations/0041_received_audit.sql"),
    },
    Migration {
        version: 50,
        owner: "workdoc",
        sql: include_str!("../workdoc/migrations/0050_workdoc.sql"),
    },
];

/// The schema this binary writes: the highest version it knows. An older binary refuses a vault
/// with a higher number.
pub const SCHEMA_VERSION: i64 = highest_version();

const fn highest_version() -> i64 {
    let mut i = 0;
    let mut max = 0;
    while i < MIGRATIONS.len() {
        if MIGRATIONS[i].version > max {
            max = MIGRATIONS[i].version;
        }
        i += 1;
    }
    max
}

const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn corrupt(path: &Path, detail: impl Into<String>) -> Error {
    Error::CorruptVault { path: path.to_path_buf(), detail: detail.into() }
}

/// Map an SQLite failure while reading the vault to "damaged": by the time we touch the database
/// the key has already been authenticated by the envelope, so a refusal means a damaged file.
pub(crate) fn damaged(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) =>
        {
            corrupt(path, e.to_string())
        }
        _ => Error::from(e),
    }
}

/// Key a freshly opened connection with the raw data key and prove it: the key must be the very
/// first statement on the connection (the raw form skips SQLCipher's own KDF: our key is already
/// 256 random bits), the build must really be SQLCipher, and the key must read the file.
pub(crate) fn apply_key(conn: &Connection, key: &DataKey, path: &Path) -> Result<()> {
    let pragma = zeroize::Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", key.to_hex().as_str()));
    conn.execute_batch(&pragma).map_err(Error::from)?;
    // SQLCipher logs decryption failures to stderr; we report them ourselves, in words.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    // A binary linked against plain SQLite ignores PRAGMA key and would write plaintext.
    let cipher: Option<String> = conn.query_row("PRAGMA cipher_version", [], |r| r.get(0)).ok();
    if cipher.is_none() {
        return Err(Error::Internal(
            "this build of Carefile has no encryption (SQLCipher missing); refusing to continue"
                .into(),
        ));
    }
    conn.execute_batch("PRAGMA cipher_compatibility = 4;").map_err(Error::from)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
        .map_err(damaged(path))?;
    Ok(())
}

/// Open (or create) the database with the raw data key.
pub(crate) fn open(path: &Path, key: &DataKey, create: bool) -> Result<Connection> {
    if !create {
        let mut header = [0u8; 16];
        let mut file = fs::File::open(path).map_err(|e| {
            Error::io(format!("Could not open the vault database {}", path.display()), e)
        })?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len == 0 {
            return Err(corrupt(path, "the database file is empty"));
        }
        if file.read_exact(&mut header).is_ok() && &header == PLAINTEXT_HEADER {
            return Err(corrupt(path, "the database file is not encrypted"));
        }
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| {
        Error::io(
            format!("Could not open the vault database {}", path.display()),
            std::io::Error::other(e.to_string()),
        )
    })?;
    apply_key(&conn, key, path)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA busy_timeout = 5000;",
    )
    .map_err(damaged(path))?;
    crate::safety::crash::watch_commits(&mut conn);
    Ok(conn)
}

pub(crate) fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Called with the schema version found, just before migrations change an existing vault (one that
/// already has a schema). An error stops the upgrade with nothing changed.
pub(crate) type BeforeMigrating<'a> = &'a mut dyn FnMut(&Connection, i64) -> Result<()>;

/// Bring the schema up to date in one transaction; refuse a vault from a newer Carefile untouched.
pub(crate) fn migrate(conn: &mut Connection, path: &Path, before: BeforeMigrating) -> Result<()> {
    migrate_with(conn, path, MIGRATIONS, before)
}

pub(super) fn migrate_with(
    conn: &mut Connection,
    path: &Path,
    migrations: &[Migration],
    before: BeforeMigrating,
) -> Result<()> {
    let known = migrations.iter().map(|m| m.version).max().unwrap_or(0);
    let found = schema_version(conn).map_err(|e| match e {
        Error::CorruptVault { detail, .. } => corrupt(path, detail),
        other => other,
    })?;
    if found > known {
        return Err(Error::VaultTooNew { found, known });
    }
    let applied: Vec<i64> = if found == 0 {
        Vec::new()
    } else {
        let mut stmt =
            conn.prepare("SELECT version FROM schema_migrations").map_err(damaged(path))?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(damaged(path))?;
        rows.collect::<std::result::Result<_, _>>().map_err(damaged(path))?
    };
    let pending: Vec<&Migration> =
        migrations.iter().filter(|m| !applied.contains(&m.version)).collect();
    if pending.is_empty() {
        return Ok(());
    }
    if found > 0 {
        before(conn, found)?;
    }
    let tx = conn.transaction().map_err(damaged(path))?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY NOT NULL,
             owner      TEXT NOT NULL,
             applied_at TEXT NOT NULL
         ) STRICT;",
    )?;
    for m in pending {
        tx.execute_batch(m.sql).map_err(|e| {
            Error::Internal(format!("migration {} ({}) failed: {e}", m.version, m.owner))
        })?;
        tx.execute(
            "INSERT INTO schema_migrations (version, owner, applied_at) VALUES (?1, ?2, ?3)",
            (m.version, m.owner, chrono::Utc::now().to_rfc3339()),
        )?;
    }
    tx.pragma_update(None, "user_version", known.max(found))?;
    tx.commit().map_err(damaged(path))?;
    Ok(())
}

pub(crate) fn cipher_version(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("PRAGMA cipher_version", [], |r| r.get(0))?)
}

/// Read every page: SQLCipher checks each page's HMAC, SQLite checks the b-trees.
pub(crate) fn check_integrity(conn: &Connection, path: &Path) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check").map_err(damaged(path))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(damaged(path))?
        .collect::<std::result::Result<_, _>>()
        .map_err(damaged(path))?;
    if let Some(first) = problems.first() {
        return Err(corrupt(path, format!("{} damaged page(s); first: {first}", problems.len())));
    }
    let verdict: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(damaged(path))?;
    if verdict != "ok" {
        return Err(corrupt(path, verdict));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(version: i64, sql: &'static str) -> Migration {
        Migration { version, owner: "test", sql }
    }

    fn migrate_with(conn: &mut Connection, path: &Path, migrations: &[Migration]) -> Result<()> {
        super::migrate_with(conn, path, migrations, &mut |_, _| Ok(()))
    }

    #[test]
    fn a_later_migration_in_a_lower_range_still_runs() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("t.db");
        let key = DataKey::generate();
        let mut conn = open(&path, &key, true).unwrap();
        migrate_with(
            &mut conn,
            &path,
            &[m(1, "CREATE TABLE a (x ANY) STRICT;"), m(10, "CREATE TABLE b (x ANY) STRICT;")],
        )
        .unwrap();
        let later = [
            m(1, "CREATE TABLE a (x ANY) STRICT;"),
            m(2, "CREATE TABLE c (x ANY) STRICT;"),
            m(10, "CREATE TABLE b (x ANY) STRICT;"),
        ];
        migrate_with(&mut conn, &path, &later).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'c'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        assert_eq!(schema_version(&conn).unwrap(), 10);
        // Running again changes nothing.
        migrate_with(&mut conn, &path, &later).unwrap();
    }

    #[test]
    fn a_failing_migration_leaves_the_schema_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("t.db");
        let key = DataKey::generate();
        let mut conn = open(&path, &key, true).unwrap();
        migrate_with(&mut conn, &path, &[m(1, "CREATE TABLE a (x ANY) STRICT;")]).unwrap();
        let bad = [
            m(1, "CREATE TABLE a (x ANY) STRICT;"),
            m(2, "CREATE TABLE d (x ANY) STRICT; NOT SQL"),
        ];
        assert!(migrate_with(&mut conn, &path, &bad).is_err());
        let n: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'd'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
        assert_eq!(schema_version(&conn).unwrap(), 1);
    }
}
