//! A PDF's page text as the text worker reads it (MuPDF), run in this process.
#![no_main]

// As in every target: a panic Carefile contains is an ordinary error, not a finding.
libfuzzer_sys::fuzz_target!(init: std::panic::set_hook(Box::new(|_| {})), |data: &[u8]| {
    carefile::fuzzing::pdf_text(data);
});
