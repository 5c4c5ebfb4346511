//! A PDF through the contained text engine.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    carefile::fuzzing::pdf(data);
});
