//! What the desktop keeps between commands: where the vault is, the unlocked vault (if any), the
//! recovery key between "created" and "I have saved it", and the idle clock.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use carefile::vault::{self, IdleClock, KdfParams, RecoveryKey, SecretStore, Vault, VaultStatus};
use carefile::Error;

pub struct AppState {
    pub dir: PathBuf,
    pub vault: Mutex<Option<Vault>>,
    pub pending_recovery: Mutex<Option<RecoveryKey>>,
    pub idle: Mutex<IdleClock>,
    pub store: Box<dyn SecretStore>,
    pub kdf: KdfParams,
    /// Reminders already shown this session, and when they were last looked for (`None`: look now).
    notified: Mutex<HashSet<String>>,
    reminders_checked: Mutex<Option<Instant>>,
    /// The bundle this session last wrote where the person chose: the only file Open and Show in
    /// folder may open (the web view never names a path for them).
    pub built_bundle: Mutex<Option<PathBuf>>,
    /// Likewise the document copy this session last exported where the person chose.
    pub exported_copy: Mutex<Option<PathBuf>>,
}

/// How often an open vault is looked at again for new reminders.
const REMINDER_INTERVAL: Duration = Duration::from_secs(60 * 60);

/// Read a lock, recovering from a poisoned one: the data behind it is still consistent because
/// every change to it is a single assignment.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    /// Settings come from the environment so that tests can point the app at a throw-away vault:
    /// `CAREFILE_VAULT`, `CAREFILE_SECRET_STORE` (os | memory | none), `CAREFILE_IDLE_SECONDS`,
    /// `CAREFILE_INSECURE_FAST_KDF` (tests only).
    pub fn from_env() -> Result<Self, Error> {
        let dir = match std::env::var_os("CAREFILE_VAULT") {
            Some(d) => PathBuf::from(d),
            None => vault::default_dir()
                .ok_or_else(|| Error::invalid("This computer has no home folder for the vault."))?,
        };
        let store = vault::store_from_env();
        let idle_seconds = std::env::var("CAREFILE_IDLE_SECONDS")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(u64::from(vault::DEFAULT_IDLE_MINUTES) * 60);
        let kdf = KdfParams::for_new_keys();
        Ok(AppState {
            dir,
            vault: Mutex::new(None),
            pending_recovery: Mutex::new(None),
            idle: Mutex::new(IdleClock::new(Duration::from_secs(idle_seconds), Instant::now())),
            store,
            kdf,
            notified: Mutex::new(HashSet::new()),
            reminders_checked: Mutex::new(None),
            built_bundle: Mutex::new(None),
            exported_copy: Mutex::new(None),
        })
    }

    pub fn touch(&self) {
        lock(&self.idle).touch(Instant::now());
    }

    fn idle_minutes(&self) -> u32 {
        (lock(&self.idle).timeout().as_secs().div_ceil(60)) as u32
    }

    pub fn status(&self) -> VaultStatus {
        let guard = lock(&self.vault);
        vault::status(&self.dir, guard.as_ref(), self.store.as_ref(), self.idle_minutes())
    }

    /// Keep `v` as the open vault (closing any other) and start the idle clock afresh.
    pub fn set_open(&self, v: Vault) {
        let old = lock(&self.vault).replace(v);
        if let Some(old) = old {
            let _ = old.lock();
        }
        *lock(&self.reminders_checked) = None;
        self.touch();
    }

    /// Lock: close the connection and drop the key. Returns whether a vault was open.
    pub fn close(&self) -> bool {
        lock(&self.pending_recovery).take();
        lock(&self.built_bundle).take();
        lock(&self.exported_copy).take();
        match lock(&self.vault).take() {
            Some(v) => {
                // Locking is the natural moment for the automatic backup (at most daily, only after
                // changes, only when a folder is chosen). A failed backup is recorded in the vault
                // and shown on the Backups screen; it never stops the lock.
                let _ = carefile::exchange::auto_backup_if_due(&v);
                let _ = v.lock();
                true
            }
            None => false,
        }
    }

    /// Reminders not yet shown, when it is time to look (just after unlocking, then hourly).
    /// New notifications to show: (title, body), each deadline's news once per session.
    pub fn reminders_to_show(&self) -> Vec<(String, String)> {
        {
            let mut checked = lock(&self.reminders_checked);
            if checked.is_some_and(|t| t.elapsed() < REMINDER_INTERVAL) {
                return Vec::new();
            }
            *checked = Some(Instant::now());
        }
        let (found, details) = {
            let open = lock(&self.vault);
            let Some(v) = open.as_ref() else { return Vec::new() };
            (
                carefile::milestones::reminders(v, carefile::milestones::today())
                    .unwrap_or_default(),
                carefile::milestones::notification_details(v).unwrap_or(false),
            )
        };
        let mut notified = lock(&self.notified);
        found
            .into_iter()
            .filter(|r| notified.insert(r.id.clone()))
            .map(|r| crate::notifications::words(&r, details))
            .collect()
    }

    /// Lock if the vault has been idle for the whole timeout. Never while a new recovery key is
    /// waiting to be saved: locking then would lose the only copy.
    pub fn close_if_idle(&self) -> bool {
        if lock(&self.pending_recovery).is_some() {
            return false;
        }
        let expired = lock(&self.idle).expired(Instant::now());
        expired && self.close()
    }
}
