//! JPEG, PNG and TIFF headers, EXIF orientation, the pixel cap, format detection.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    carefile::fuzzing::image(data);
});
