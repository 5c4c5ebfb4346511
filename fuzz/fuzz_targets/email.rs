//! An email file (.eml): headers, MIME parts, attachments.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    carefile::fuzzing::email(data);
});
