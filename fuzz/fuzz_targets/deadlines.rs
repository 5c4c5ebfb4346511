//! `deadlines calc` input lines.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    carefile::fuzzing::deadlines_calc(data);
});
