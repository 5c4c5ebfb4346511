//! A copy of the vault kept before an upgrade changes it. When a newer Carefile opens a vault whose
//! schema it must migrate, it first copies the vault as it is — the database (one consistent
//! snapshot, still encrypted with the same data key, so the same passphrase and recovery key open it)
//! and the key envelope — into `<vault>/before-upgrade/schema-<N>-<UTC time>/`. If the copy cannot
//! be made, the vault is not migrated and nothing changes. Copies are never deleted automatically:
//! they are rare (one per schema change) and they are the family's way back.
//!
//! To go back: close Carefile, install the older version, and open the copy's folder
//! (`carefile --vault <vault>/before-upgrade/schema-…`), or move its two files over the vault's.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use super::secret::DataKey;
use super::{db, db_path, keys_path, restrict_permissions, DB_FILE};
use crate::error::{Error, Result};

/// The folder inside a vault where copies made before upgrades are kept.
pub const UPGRADE_COPIES_DIR: &str = "before-upgrade";

/// The copies kept in the vault at `dir` before upgrades, oldest first (empty when there are none).
pub fn upgrade_copies(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir.join(UPGRADE_COPIES_DIR)) else { return Vec::new() };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(DB_FILE).is_file())
        .collect();
    copies.sort();
    copies
}

fn failed(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::io(
        format!(
            "Carefile needs to update this vault for the new version, but could not first keep a \
             copy of it in {}. Nothing was changed. Check there is free space and try again",
            dir.display()
        ),
        std::io::Error::other(e.to_string()),
    )
}

/// Copy the vault in `dir`, open on `conn` with `key` at schema `found`, before migrating it.
/// Returns the folder of the copy.
pub(super) fn keep_copy(
    dir: &Path,
    conn: &Connection,
    key: &DataKey,
    found: i64,
) -> Result<PathBuf> {
    let parent = dir.join(UPGRADE_COPIES_DIR);
    fs::create_dir_all(&parent).map_err(|e| failed(&parent, e))?;
    restrict_permissions(&parent);
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let mut target = parent.join(format!("schema-{found}-{stamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = parent.join(format!("schema-{found}-{stamp}-{n}"));
    }
    fs::create_dir(&target).map_err(|e| failed(&target, e))?;
    restrict_permissions(&target);
    let copied = copy_database(conn, key, &db_path(&target)).and_then(|()| {
        fs::copy(keys_path(dir), keys_path(&target)).map(|_| ()).map_err(|e| failed(&target, e))
    });
    if let Err(e) = copied {
        // A half-made copy is worse than none: it looks like a way back and is not.
        let _ = fs::remove_dir_all(&target);
        return Err(e);
    }
    Ok(target)
}

/// One consistent snapshot of the open database into a new file with the same key, read back once
/// to prove it opens.
fn copy_database(conn: &Connection, key: &DataKey, to: &Path) -> Result<()> {
    let fail = |e: &dyn std::fmt::Display| failed(to.parent().unwrap_or(to), e);
    let mut dst = db::open(to, key, true)?;
    {
        let backup = Backup::new(conn, &mut dst).map_err(|e| fail(&e))?;
        let mut tries = 0;
        loop {
            match backup.step(-1).map_err(|e| fail(&e))? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked if tries < 200 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                _ => return Err(fail(&"the vault stayed busy")),
            }
        }
    }
    dst.close().map_err(|(_, e)| fail(&e))?;
    let check = db::open(to, key, false)?;
    let version = db::schema_version(&check)?;
    check.close().map_err(|(_, e)| fail(&e))?;
    if version != db::schema_version(conn)? {
        return Err(fail(&"the copy does not match the vault"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{create, unlock, KdfParams, Passphrase};
    use super::*;
    use crate::vault::db::{migrate_with, Migration, MIGRATIONS};

    fn pass() -> Passphrase {
        Passphrase::new("kettle orbit lantern minnow")
    }

    #[test]
    fn opening_a_vault_with_nothing_to_migrate_keeps_no_copy() {
        let tmp = tempfile::tempdir().unwrap();
        let (vault, _) = create(tmp.path(), "Sam", &pass(), KdfParams::INSECURE_FOR_TESTS).unwrap();
        vault.lock().unwrap();
        unlock(tmp.path(), &pass()).unwrap().lock().unwrap();
        assert!(upgrade_copies(tmp.path()).is_empty());
        assert!(!tmp.path().join(UPGRADE_COPIES_DIR).exists());
    }

    #[test]
    fn a_migration_of_an_existing_vault_first_keeps_a_copy_that_opens_at_the_old_schema() {
        let tmp = tempfile::tempdir().unwrap();
        let (vault, _) = create(tmp.path(), "Sam", &pass(), KdfParams::INSECURE_FOR_TESTS).unwrap();
        vault
            .conn()
            .execute("INSERT INTO vault_meta (key, value) VALUES ('kept', 'yes')", [])
            .unwrap();
        let key = DataKey::from_bytes(*vault.key.expose());
        vault.lock().unwrap();

        // A later Carefile with one more migration than this one.
        let mut later: Vec<Migration> = MIGRATIONS
            .iter()
            .map(|m| Migration { version: m.version, owner: m.owner, sql: m.sql })
            .collect();
        let next = db::SCHEMA_VERSION + 1;
        later.push(Migration {
            version: next,
            owner: "test",
            sql: "CREATE TABLE later (x ANY) STRICT;",
        });
        let path = db_path(tmp.path());
        let mut conn = db::open(&path, &key, false).unwrap();
        let mut copies = Vec::new();
        migrate_with(&mut conn, &path, &later, &mut |conn, found| {
            copies.push(keep_copy(tmp.path(), conn, &key, found)?);
            Ok(())
        })
        .unwrap();
        assert_eq!(db::schema_version(&conn).unwrap(), next);
        drop(conn);

        assert_eq!(copies.len(), 1);
        assert_eq!(upgrade_copies(tmp.path()), copies);
        let name = copies[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(&format!("schema-{}-", db::SCHEMA_VERSION)), "{name}");
        // The copy is a whole vault at the old schema: this version's unlock opens it unchanged.
        let old = unlock(&copies[0], &pass()).unwrap();
        assert_eq!(old.info().unwrap().schema_version, db::SCHEMA_VERSION);
        let kept: String = old
            .conn()
            .query_row("SELECT value FROM vault_meta WHERE key = 'kept'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "yes");
        assert!(upgrade_copies(&copies[0]).is_empty(), "opening the copy made no copy of its own");
    }

    #[test]
    fn when_no_copy_can_be_made_the_vault_is_not_migrated() {
        let tmp = tempfile::tempdir().unwrap();
        let (vault, _) = create(tmp.path(), "Sam", &pass(), KdfParams::INSECURE_FOR_TESTS).unwrap();
        let key = DataKey::from_bytes(*vault.key.expose());
        vault.lock().unwrap();
        // A file where the copies' folder should be: the copy cannot be made.
        fs::write(tmp.path().join(UPGRADE_COPIES_DIR), b"in the way").unwrap();
        let mut later: Vec<Migration> = MIGRATIONS
            .iter()
            .map(|m| Migration { version: m.version, owner: m.owner, sql: m.sql })
            .collect();
        later.push(Migration {
            version: db::SCHEMA_VERSION + 1,
            owner: "test",
            sql: "CREATE TABLE later (x ANY) STRICT;",
        });
        let path = db_path(tmp.path());
        let mut conn = db::open(&path, &key, false).unwrap();
        let e = migrate_with(&mut conn, &path, &later, &mut |conn, found| {
            keep_copy(tmp.path(), conn, &key, found).map(|_| ())
        })
        .unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::Io);
        assert!(e.to_string().contains("Nothing was changed"), "{e}");
        assert_eq!(db::schema_version(&conn).unwrap(), db::SCHEMA_VERSION);
    }
}
