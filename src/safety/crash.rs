//! Crash points for the crash-trial harness (`tests/crash.rs`, `make crash-trials`).
//!
//! Every commit to the vault and every step of an atomic file write is a crash point. In debug and
//! test builds, `CAREFILE_CRASH_AT=N` makes the process kill itself with SIGKILL at the Nth point
//! it reaches, exactly as if the power went; `CAREFILE_CRASH_POINTS=FILE` appends one line per
//! point reached (so the harness knows how many points an operation has). Release builds compile
//! all of this out: [`point`] is an empty function there and the environment is never read.

#[cfg(debug_assertions)]
mod enabled {
    use std::io::Write;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;

    static REACHED: AtomicU64 = AtomicU64::new(0);

    struct Plan {
        at: Option<u64>,
        log: Option<std::path::PathBuf>,
    }

    fn plan() -> &'static Plan {
        static PLAN: OnceLock<Plan> = OnceLock::new();
        PLAN.get_or_init(|| Plan {
            at: std::env::var("CAREFILE_CRASH_AT").ok().and_then(|v| v.trim().parse().ok()),
            log: std::env::var_os("CAREFILE_CRASH_POINTS").map(Into::into),
        })
    }

    pub fn point(what: &str) {
        let plan = plan();
        if plan.at.is_none() && plan.log.is_none() {
            return;
        }
        let n = REACHED.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(log) = &plan.log {
            if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
                let _ = writeln!(f, "{n} {what}");
            }
        }
        if plan.at == Some(n) {
            kill_now();
        }
    }

    fn kill_now() -> ! {
        #[cfg(unix)]
        // SAFETY: sending a signal to ourselves has no memory-safety preconditions.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
        std::process::abort()
    }
}

/// A point where the crash-trial harness may kill the process (test and debug builds only).
#[cfg(debug_assertions)]
pub fn point(what: &str) {
    enabled::point(what)
}

/// Release builds: no crash points at all.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn point(_what: &str) {}

/// Make every commit on `conn` a crash point (the process dies before the commit lands).
pub(crate) fn watch_commits(conn: &mut rusqlite::Connection) {
    #[cfg(debug_assertions)]
    let _ = conn.commit_hook(Some(|| {
        point("commit");
        false
    }));
    #[cfg(not(debug_assertions))]
    let _ = conn;
}

/// A write-heavy loop for the tests that need writes landing while something else happens (a
/// backup's snapshot, a kill). Each round is one transaction; `rounds = 0` runs until killed.
/// Debug and test builds only: the release binary has no such command.
#[cfg(debug_assertions)]
pub fn churn(vault: &mut crate::vault::Vault, rounds: u64) -> crate::Result<()> {
    let filler = "x".repeat(4096);
    let mut i: u64 = 0;
    while rounds == 0 || i < rounds {
        let tx = vault.conn_mut().transaction()?;
        for j in 0..50 {
            tx.execute(
                "INSERT OR REPLACE INTO vault_meta (key, value) VALUES (?1, ?2)",
                (format!("churn:{}", (i * 50 + j) % 500), &filler),
            )?;
        }
        tx.commit()?;
        i += 1;
        // Let other connections in between rounds, as a real writer would: a loop that never
        // pauses starves everyone else's busy handler.
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    vault.conn().execute("DELETE FROM vault_meta WHERE key LIKE 'churn:%'", [])?;
    Ok(())
}
