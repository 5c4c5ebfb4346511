//! Hardening of the running process: a crash must not write the vault's data key (which lives in
//! this process's memory while the vault is unlocked) to a core file.
//!
//! Linux: `prctl(PR_SET_DUMPABLE, 0)` (no core dump, and no ptrace attach by other processes of the
//! same user) and `RLIMIT_CORE` 0. macOS: `RLIMIT_CORE` 0 as well (the same call; it also stops
//! `ReportCrash` from keeping a core). Windows: Windows Error Reporting keeps minidumps only when
//! asked to; `SetErrorMode(SEM_NOGPFAULTERRORBOX)` and opting out with `WerAddExcludedApplication`
//! are the equivalents, not done here yet.

/// Turn core dumps off for this process. Best effort: returns whether it took effect.
pub fn disable_core_dumps() -> bool {
    #[cfg(unix)]
    {
        let zero = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: setrlimit reads the struct we pass and nothing else.
        let limited = unsafe { libc::setrlimit(libc::RLIMIT_CORE, &zero) } == 0;
        #[cfg(target_os = "linux")]
        // SAFETY: PR_SET_DUMPABLE takes plain integer arguments.
        let undumpable = unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } == 0;
        #[cfg(not(target_os = "linux"))]
        let undumpable = true;
        limited && undumpable
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn core_dumps_are_off_after_the_call() {
        // A child process, so the test runner itself is not changed.
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "safety::process::tests::in_child",
                "--nocapture",
                "--include-ignored",
            ])
            .env("CAREFILE_CORE_TEST_CHILD", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        assert!(String::from_utf8_lossy(&out.stdout).contains("core 0 dumpable 0"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    #[ignore = "runs inside core_dumps_are_off_after_the_call"]
    fn in_child() {
        if std::env::var_os("CAREFILE_CORE_TEST_CHILD").is_none() {
            return;
        }
        assert!(super::disable_core_dumps());
        let mut lim = libc::rlimit { rlim_cur: 1, rlim_max: 1 };
        unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut lim) };
        let dumpable = unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) };
        println!("core {} dumpable {}", lim.rlim_cur, dumpable);
    }
}
