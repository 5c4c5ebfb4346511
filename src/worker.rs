//! Work on untrusted files that runs in a child process of our own executable, so that a crash,
//! a runaway allocation or a hang in C code (MuPDF) ends that process alone, never the app.
//!
//! Every program that links the core (the `carefile` CLI, the desktop app) calls [`serve_if_asked`]
//! first thing in `main`. Started as `PROGRAM --carefile-worker JOB`, the process reads its input
//! from standard input (never a file: document bytes and passwords are never written to disk),
//! writes its answer to standard output and exits. The parent starts it with a cleared
//! environment, bounds its memory and CPU time (Unix), kills it at the wall-clock deadline, and
//! reads at most a bounded amount of output.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// The argument that turns a Carefile executable into a worker.
pub const WORKER_ARG: &str = "--carefile-worker";

static SERVES: AtomicBool = AtomicBool::new(false);

/// The jobs a worker can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Job {
    /// Page text of a PDF (`documents::pdf_text`).
    PdfText,
}

impl Job {
    fn name(self) -> &'static str {
        match self {
            Job::PdfText => "pdf-text",
        }
    }
}

/// Call first in `main`. When this process was started as a worker, it does the job and exits;
/// otherwise it notes that this executable can serve as one and returns.
pub fn serve_if_asked() {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(WORKER_ARG.as_ref()) {
        SERVES.store(true, Ordering::Relaxed);
        return;
    }
    let job = args.next().and_then(|j| j.into_string().ok()).unwrap_or_default();
    let mut input = Vec::new();
    if std::io::stdin().lock().read_to_end(&mut input).is_err() {
        std::process::exit(3);
    }
    let output = match job.as_str() {
        "pdf-text" => crate::documents::pdf_text::serve(&input),
        _ => std::process::exit(2),
    };
    let mut stdout = std::io::stdout().lock();
    let code = if stdout.write_all(&output).and_then(|()| stdout.flush()).is_ok() { 0 } else { 3 };
    std::process::exit(code);
}

/// Bounds for one worker run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub timeout: Duration,
    /// Address space of the worker (Unix: `RLIMIT_AS`).
    pub memory_bytes: u64,
    /// The most output read back.
    pub max_output: u64,
}

/// How a worker run failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// There is no executable to run as a worker (a broken installation).
    Missing(String),
    /// It ran past its deadline and was killed.
    TimedOut,
    /// It crashed, was killed by a bound, or gave no complete answer.
    Crashed(String),
}

/// The executable to start as a worker: this one when its `main` serves workers, otherwise the
/// `carefile` CLI beside it (a test binary or another program linking the core).
fn program() -> Result<PathBuf, Failure> {
    let me = std::env::current_exe().map_err(|e| Failure::Missing(e.to_string()))?;
    if SERVES.load(Ordering::Relaxed) {
        return Ok(me);
    }
    let name = format!("carefile{}", std::env::consts::EXE_SUFFIX);
    let dir = me.parent().map(PathBuf::from).unwrap_or_default();
    // Test binaries live in target/<profile>/deps, the CLI in target/<profile>.
    for candidate in [dir.join(&name), dir.parent().map(|p| p.join(&name)).unwrap_or_default()] {
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    Err(Failure::Missing(format!("no {name} beside {}", me.display())))
}

/// Runs `job` on `input` in a worker process and returns what it wrote, within `bounds`.
pub(crate) fn run(job: Job, input: Vec<u8>, bounds: Bounds) -> Result<Vec<u8>, Failure> {
    let program = program()?;
    let mut command = Command::new(&program);
    command
        .arg(WORKER_ARG)
        .arg(job.name())
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(unix)]
    limit_child(&mut command, bounds);
    let mut child =
        command.spawn().map_err(|e| Failure::Missing(format!("{}: {e}", program.display())))?;
    let mut stdin = child.stdin.take().ok_or_else(|| Failure::Crashed("no stdin".into()))?;
    let stdout = child.stdout.take().ok_or_else(|| Failure::Crashed("no stdout".into()))?;
    // A worker that stops reading early (a crash) must not block us: write on a thread of its own.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let (tx, rx) = mpsc::channel();
    let max = bounds.max_output;
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout.take(max + 1).read_to_end(&mut out);
        let _ = tx.send(read.map(|_| out));
    });
    let result = match rx.recv_timeout(bounds.timeout) {
        Ok(Ok(out)) if out.len() as u64 > max => {
            let _ = child.kill();
            Err(Failure::Crashed("its answer was too long".into()))
        }
        Ok(Ok(out)) => match child.wait() {
            Ok(status) if status.success() => Ok(out),
            Ok(status) => Err(Failure::Crashed(format!("it stopped ({status})"))),
            Err(e) => Err(Failure::Crashed(e.to_string())),
        },
        Ok(Err(e)) => {
            let _ = child.kill();
            Err(Failure::Crashed(e.to_string()))
        }
        Err(_) => {
            let _ = child.kill();
            Err(Failure::TimedOut)
        }
    };
    let _ = child.wait();
    let _ = writer.join();
    result
}

/// Memory, CPU time and core dumps of the worker, set between fork and exec.
#[cfg(unix)]
fn limit_child(command: &mut Command, bounds: Bounds) {
    use std::os::unix::process::CommandExt;
    let memory = bounds.memory_bytes as libc::rlim_t;
    let cpu = bounds.timeout.as_secs().saturating_add(1) as libc::rlim_t;
    // SAFETY: only setrlimit, which is async-signal-safe, runs in the forked child.
    unsafe {
        command.pre_exec(move || {
            let set = |resource, value: libc::rlim_t| {
                let limit = libc::rlimit { rlim_cur: value, rlim_max: value };
                libc::setrlimit(resource, &limit);
            };
            set(libc::RLIMIT_AS, memory);
            set(libc::RLIMIT_CPU, cpu);
            // A crash dump would hold the document's text.
            set(libc::RLIMIT_CORE, 0);
            Ok(())
        });
    }
}
