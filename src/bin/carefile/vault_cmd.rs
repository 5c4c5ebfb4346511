//! `init`, `unlock`, `passphrase …` and `info`.

use std::path::{Path, PathBuf};

use carefile::vault::{self, KdfParams, RecoveryKey, SecretStore, Vault};
use carefile::Error;
use serde_json::json;

use crate::secrets;

/// A value as JSON for `--json` output (our types always serialize).
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

pub struct Context {
    pub dir: PathBuf,
    pub json: bool,
    pub(crate) passphrase_file: Option<PathBuf>,
    new_passphrase_file: Option<PathBuf>,
    store: Box<dyn SecretStore>,
    pub(crate) kdf: KdfParams,
}

impl Context {
    pub fn new(cli: &crate::Cli, dir: PathBuf) -> Self {
        // CAREFILE_SECRET_STORE=none keeps scripts and tests away from the real keyring.
        let store = vault::store_from_env();
        // Weak key derivation only in test builds (CAREFILE_INSECURE_FAST_KDF); release ignores it. The
        // parameters are recorded in the envelope and shown by `carefile info`, never hidden.
        let kdf = KdfParams::for_new_keys();
        Context {
            dir,
            json: cli.json,
            passphrase_file: cli.passphrase_file.clone(),
            new_passphrase_file: cli.new_passphrase_file.clone(),
            store,
            kdf,
        }
    }

    /// Open the vault: a given passphrase first, then a key remembered on this computer, then a
    /// prompt.
    pub fn open(&self) -> Result<Vault, Error> {
        if !vault::exists(&self.dir) {
            return Err(Error::NoVault(self.dir.clone()));
        }
        if let Some(p) = secrets::given(self.passphrase_file.as_deref())? {
            return vault::unlock(&self.dir, &p);
        }
        if let Ok(v) = vault::unlock_with_store(&self.dir, self.store.as_ref()) {
            return Ok(v);
        }
        vault::unlock(&self.dir, &secrets::current(None)?)
    }

    /// Open the vault, run `f`, and lock it again.
    pub(crate) fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut vault = self.open()?;
        let out = f(&mut vault)?;
        vault.lock()?;
        Ok(out)
    }

    pub(crate) fn print(&self, value: serde_json::Value, human: impl FnOnce() -> String) {
        use std::io::Write;
        let text = if self.json { value.to_string() } else { human() };
        // A reader that goes away early (`carefile … | head`) is not an error worth a message.
        let _ = writeln!(std::io::stdout().lock(), "{text}");
    }
}

/// Write a file that must not exist yet: a report or sheet never overwrites anything, and a kill
/// part way leaves no half file under its name.
pub(crate) fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    carefile::safety::write_atomic(path, bytes, carefile::safety::Existing::Refuse)
}

fn recovery_sheet(vault: &Vault, key: &RecoveryKey, out: &Path) -> Result<(), Error> {
    write_new_file(out, &vault.recovery_sheet(key)?)
}

fn remember(ctx: &Context, vault: &Vault) -> Option<String> {
    match vault.remember(ctx.store.as_ref()) {
        Ok(()) => None,
        Err(e) => Some(e.to_string()),
    }
}

/// A new vault in the context's folder, refused where one already is; its passphrase is asked for
/// (twice), or read from `--passphrase-file` or `CAREFILE_PASSPHRASE`.
pub(crate) fn create_vault(ctx: &Context, name: &str) -> Result<(Vault, RecoveryKey), Error> {
    if vault::exists(&ctx.dir) {
        return Err(Error::VaultExists(ctx.dir.clone()));
    }
    let passphrase = secrets::new("CAREFILE_PASSPHRASE", ctx.passphrase_file.as_deref())?;
    vault::create(&ctx.dir, name, &passphrase, ctx.kdf)
}

pub fn init(
    ctx: &Context,
    name: &str,
    sheet: Option<&Path>,
    want_remember: bool,
) -> Result<(), Error> {
    if vault::exists(&ctx.dir) {
        return Err(Error::VaultExists(ctx.dir.clone()));
    }
    if let Some(sheet) = sheet {
        if sheet.exists() {
            return Err(Error::invalid(format!(
                "{} already exists; choose another file name for the Recovery Sheet.",
                sheet.display()
            )));
        }
    }
    let (vault, key) = create_vault(ctx, name)?;
    if let Some(sheet) = sheet {
        recovery_sheet(&vault, &key, sheet)?;
    }
    let keyring_problem = if want_remember { remember(ctx, &vault) } else { None };
    let grouped = key.reveal_grouped();
    ctx.print(
        json!({
            "path": ctx.dir.display().to_string(),
            "vaultId": vault.id(),
            "recoveryKey": grouped.as_str(),
            "recoverySheet": sheet.map(|s| s.display().to_string()),
            "remembered": want_remember && keyring_problem.is_none(),
            "keyringProblem": keyring_problem,
        }),
        || {
            let mut out = format!(
                "Created the vault \"{}\" at {}.\n\nYour recovery key (shown only this once):\n\n    {}\n\n\
                 Write it down or print the Recovery Sheet, and keep it somewhere safe. With it you \
                 can set a new passphrase if you forget yours; without both, nobody can open this vault.",
                name.trim(),
                ctx.dir.display(),
                grouped.as_str()
            );
            if let Some(sheet) = sheet {
                out.push_str(&format!(
                    "\nRecovery Sheet written to {}. Print it now, then delete that file: anyone \
                     who finds it on this computer could open your vault with it.",
                    sheet.display()
                ));
            }
            if let Some(problem) = &keyring_problem {
                out.push_str(&format!("\nNot remembered on this computer: {problem}"));
            }
            out
        },
    );
    vault.lock()
}

pub fn unlock(ctx: &Context, check: bool, want_remember: bool, forget: bool) -> Result<(), Error> {
    let vault = ctx.open()?;
    if check {
        vault.check_integrity()?;
    }
    let keyring_problem = if want_remember { remember(ctx, &vault) } else { None };
    if forget {
        vault.forget(ctx.store.as_ref())?;
    }
    let name = vault.name()?;
    ctx.print(
        json!({
            "unlocked": true,
            "name": name,
            "checked": check,
            "remembered": vault.is_remembered(ctx.store.as_ref()),
            "keyringProblem": keyring_problem,
        }),
        || {
            let mut out = format!("The vault \"{name}\" opens with this passphrase.");
            if check {
                out.push_str(" Every page was read and checked: no damage found.");
            }
            if want_remember {
                match &keyring_problem {
                    None => out.push_str(" It is now remembered on this computer."),
                    Some(p) => out.push_str(&format!(" Not remembered on this computer: {p}")),
                }
            }
            if forget {
                out.push_str(" It is no longer remembered on this computer.");
            }
            out
        },
    );
    vault.lock()
}

pub fn change_passphrase(ctx: &Context) -> Result<(), Error> {
    let current = secrets::current(ctx.passphrase_file.as_deref())?;
    let mut vault = vault::unlock(&ctx.dir, &current)?;
    let new = secrets::new("CAREFILE_NEW_PASSPHRASE", ctx.new_passphrase_file.as_deref())?;
    vault.change_passphrase(&current, &new, ctx.kdf)?;
    ctx.print(json!({ "changed": true }), || {
        "Passphrase changed. The old one no longer opens this vault; your recovery key still does."
            .to_string()
    });
    vault.lock()
}

pub fn reset_passphrase(ctx: &Context, recovery_key_file: Option<&Path>) -> Result<(), Error> {
    let key = secrets::recovery_key(recovery_key_file)?;
    // Prove the key before asking for a new passphrase.
    vault::unlock_with_recovery_key(&ctx.dir, &key)?.lock()?;
    let new = secrets::new("CAREFILE_NEW_PASSPHRASE", ctx.new_passphrase_file.as_deref())?;
    let vault = vault::reset_passphrase(&ctx.dir, &key, &new, ctx.kdf)?;
    ctx.print(json!({ "reset": true }), || {
        "New passphrase set. Your recovery key still works: keep the Recovery Sheet safe."
            .to_string()
    });
    vault.lock()
}

pub fn assess(ctx: &Context) -> Result<(), Error> {
    let candidate = secrets::new("CAREFILE_NEW_PASSPHRASE", ctx.new_passphrase_file.as_deref())?;
    let a = vault::assess_passphrase(candidate.expose());
    ctx.print(to_json(&a), || {
        format!("{}{}. {}", a.label, if a.acceptable { "" } else { " (not accepted)" }, a.hint)
    });
    Ok(())
}

pub fn info(ctx: &Context) -> Result<(), Error> {
    let vault = ctx.open()?;
    let info = vault.info()?;
    ctx.print(to_json(&info), || {
        let mut out = format!(
            "Vault:      {}\nPath:       {}\nCreated:    {}\nSchema:     {}\nEncryption: SQLCipher {} (data key wrapped with {})\nRemembered: {}",
            info.name,
            info.path,
            info.created,
            info.schema_version,
            info.cipher_version,
            info.kdf,
            if vault.is_remembered(ctx.store.as_ref()) { "yes, on this computer" } else { "no" },
        );
        for (table, n) in &info.counts {
            out.push_str(&format!("\n  {table:<20} {n}"));
        }
        out
    });
    vault.lock()
}

#[cfg(debug_assertions)]
pub fn churn(ctx: &Context, rounds: u64) -> Result<(), Error> {
    let mut vault = ctx.open()?;
    // Tell the test we are inside the write loop.
    eprintln!("churning");
    carefile::safety::crash::churn(&mut vault, rounds)?;
    vault.lock()
}
