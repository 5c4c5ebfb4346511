//! The one way Carefile runs a helper program (tesseract, pdftoppm, soffice, and later the PDF
//! text worker): with a cleared environment (no `CAREFILE_PASSPHRASE` or anything else of ours),
//! its working files in a private owner-only folder inside the vault's folder (never the shared
//! system temporary folder), in its own process group, within a time limit after which the whole
//! group is stopped.
//!
//! The private folder is `<vault>/tmp/<process id>-<random>/`, one per Carefile process; at each
//! unlock the folders of processes no longer running are swept, so a kill in the middle of a
//! conversion leaves the document's plaintext only inside the vault's own folder, and only until
//! the next start.
//!
//! Hand-written rather than `wait-timeout`/`process-wrap`: the wait is one poll loop, and the part
//! those crates would add (killing the group) is one `killpg` call here.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The environment a helper may see: where programs are, Tesseract's data, and a plain locale.
const PASSED_THROUGH: &[&str] = &["PATH", "TESSDATA_PREFIX", "SYSTEMROOT", "WINDIR"];

static TEMP_ROOT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Use `<vault_dir>/tmp` for helpers' working files from now on, and sweep the folders there left
/// by Carefile processes that are gone (a kill mid-conversion). Called when a vault is opened.
pub fn use_vault_folder(vault_dir: &Path) {
    let root = vault_dir.join("tmp");
    sweep(&root);
    if let Ok(mut r) = TEMP_ROOT.lock() {
        *r = Some(root);
    }
}

fn sweep(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| p != std::process::id() && alive(p)) {
            continue; // another running Carefile's conversion
        }
        let _ = std::fs::remove_dir_all(entry.path());
    }
}

fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // SAFETY: signal 0 only asks whether the process exists.
        let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// A private (0700) working folder for one helper run, removed when dropped.
pub struct WorkDir(PathBuf);

impl WorkDir {
    pub fn new() -> std::io::Result<WorkDir> {
        let root = TEMP_ROOT
            .lock()
            .ok()
            .and_then(|r| r.clone())
            // No vault open (a test of one function): a private folder in the system's.
            .unwrap_or_else(|| std::env::temp_dir().join("carefile-helpers"));
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&root)?;
        let dir = root.join(format!(
            "{}-{}",
            std::process::id(),
            hex::encode(crate::ids::random_bytes::<6>())
        ));
        builder.recursive(false).create(&dir)?;
        Ok(WorkDir(dir))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
        // The shared root goes too once nothing is in it (another run's folder keeps it).
        if let Some(root) = self.0.parent() {
            let _ = std::fs::remove_dir(root);
        }
    }
}

/// One run of a helper program.
pub struct Helper {
    program: PathBuf,
    args: Vec<OsString>,
    timeout: Duration,
    no_network: bool,
}

/// How a run ended, when it did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelperError {
    NotStarted(String),
    TimedOut(Duration),
    Failed(String),
}

impl std::fmt::Display for HelperError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HelperError::NotStarted(e) => write!(f, "it could not be started ({e})"),
            HelperError::TimedOut(t) => write!(f, "it took longer than {} seconds", t.as_secs()),
            HelperError::Failed(e) => write!(f, "it stopped with {e}"),
        }
    }
}

impl Helper {
    pub fn new(program: impl Into<PathBuf>, timeout: Duration) -> Helper {
        Helper { program: program.into(), args: Vec::new(), timeout, no_network: false }
    }

    pub fn arg(mut self, a: impl Into<OsString>) -> Helper {
        self.args.push(a.into());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Helper {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Run without network access where the system allows it (a new network namespace on Linux
    /// through `unshare`, when unprivileged user namespaces are enabled).
    pub fn without_network(mut self) -> Helper {
        self.no_network = true;
        self
    }

    fn command(&self, work: &Path) -> Command {
        let mut cmd = if self.no_network && unshare_works() {
            let mut c = Command::new("unshare");
            c.args(["-rn", "--"]).arg(&self.program);
            c
        } else {
            Command::new(&self.program)
        };
        cmd.args(&self.args).env_clear().current_dir(work);
        for var in PASSED_THROUGH {
            if let Some(v) = std::env::var_os(var) {
                cmd.env(var, v);
            }
        }
        cmd.env("HOME", work).env("TMPDIR", work).env("TMP", work).env("TEMP", work);
        cmd.env("LANG", "C.UTF-8");
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        cmd
    }

    /// Run with `input` on standard input, in the private folder `work`; returns standard output.
    pub fn run(&self, input: &[u8], work: &WorkDir) -> Result<Vec<u8>, HelperError> {
        let mut cmd = self.command(work.path());
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| HelperError::NotStarted(e.to_string()))?;
        std::thread::scope(|scope| {
            let mut stdin = child.stdin.take();
            let writer = scope.spawn(move || {
                if let Some(stdin) = stdin.as_mut() {
                    // A helper that stops reading early closes the pipe; that's its business.
                    let _ = stdin.write_all(input);
                }
            });
            let mut stdout = child.stdout.take();
            let reader = scope.spawn(move || {
                let mut out = Vec::new();
                if let Some(s) = stdout.as_mut() {
                    let _ = s.read_to_end(&mut out);
                }
                out
            });
            let status = wait(&mut child, self.timeout);
            let _ = writer.join();
            let out = reader.join().unwrap_or_default();
            match status {
                Ok(s) if s.success() => Ok(out),
                Ok(s) => Err(HelperError::Failed(s.to_string())),
                Err(e) => Err(e),
            }
        })
    }
}

/// Wait for `child` up to `timeout`; past it, stop its whole process group (helpers such as
/// LibreOffice start processes of their own), then the child.
fn wait(child: &mut std::process::Child, timeout: Duration) -> Result<ExitStatus, HelperError> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if started.elapsed() > timeout => {
                stop(child);
                return Err(HelperError::TimedOut(timeout));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                stop(child);
                return Err(HelperError::Failed(e.to_string()));
            }
        }
    }
}

fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    // SAFETY: the group id is the child's own pid (it was started with process_group(0)), so
    // only processes this run started are signalled.
    unsafe {
        libc::killpg(child.id() as libc::pid_t, libc::SIGKILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Whether `unshare -rn` can make a new network namespace here (asked once).
fn unshare_works() -> bool {
    static WORKS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *WORKS.get_or_init(|| {
        cfg!(target_os = "linux")
            && Command::new("unshare")
                .args(["-rn", "--", "true"])
                .env_clear()
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_helper_sees_none_of_our_environment_and_works_in_the_private_folder() {
        std::env::set_var("CAREFILE_PASSPHRASE_HELPER_TEST", "secret words");
        let work = WorkDir::new().unwrap();
        let out = Helper::new("/bin/sh", Duration::from_secs(10))
            .args(["-c", "env; pwd"])
            .run(b"", &work)
            .unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("secret words"), "{text}");
        assert!(text.contains(&format!("TMPDIR={}", work.path().display())), "{text}");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(work.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        let path = work.path().to_path_buf();
        drop(work);
        assert!(!path.exists());
    }

    #[test]
    fn a_stuck_helper_and_what_it_started_are_stopped_at_the_time_limit() {
        let work = WorkDir::new().unwrap();
        let started = Instant::now();
        let e = Helper::new("/bin/sh", Duration::from_millis(300))
            .args(["-c", "sleep 30 & sleep 30"])
            .run(b"", &work)
            .unwrap_err();
        assert_eq!(e, HelperError::TimedOut(Duration::from_millis(300)));
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
