//! A Word file: detection, the archive bounds and docx-rs (working document import).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    carefile::fuzzing::word(data);
});
