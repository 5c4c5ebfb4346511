//! A PDF as a bundle build reads it in this process (lopdf, contained).
#![no_main]

// A panic Carefile contains (catch_unwind around a third-party parser, as the app runs it) is an
// ordinary error, not a finding: silence libFuzzer's aborting hook. A panic that escapes still
// aborts in libfuzzer-sys' wrapper and is kept as a crash.
libfuzzer_sys::fuzz_target!(init: std::panic::set_hook(Box::new(|_| {})), |data: &[u8]| {
    carefile::fuzzing::pdf(data);
});
