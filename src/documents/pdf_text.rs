//! Text per page from a PDF's text layer, read by the PDF text engine (`pdf_engine`, MuPDF) in a
//! worker process of our own (`crate::worker`): the bytes and the password go to it on a pipe, the
//! page texts come back. A crash, a bound (memory, CPU time, wall-clock time) or a hang ends the
//! worker, never the app, and becomes an ordinary error for that one file; the import carries on.

use std::sync::Arc;

use super::pdf_engine::{self, EngineError};
use super::{ImportLimits, PdfPassword};
use crate::error::{Error, Result};
use crate::worker::{self, Bounds, Failure, Job};

/// The text of each page, in order. An empty string means the page has no text layer.
#[derive(Debug)]
pub(crate) struct PdfText {
    pub pages: Vec<String>,
}

fn damaged(name: &str, why: impl std::fmt::Display) -> Error {
    Error::CorruptFile(format!(
        "{name} is a damaged PDF that Carefile can't read ({why}). Ask the sender for a new copy, \
         or open it in a PDF viewer, print it to a new PDF and import that."
    ))
}

fn password_needed(name: &str) -> Error {
    Error::UnsupportedFile(format!(
        "{name} is protected by a password. Import it again with its password (--password), or \
         ask the sender for a copy without one."
    ))
}

/// Whether a page has readable words (not just stray marks).
pub(crate) fn has_words(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphanumeric()).take(3).count() >= 3
}

fn too_slow(name: &str, limits: &ImportLimits) -> Error {
    Error::CorruptFile(format!(
        "Reading {name} took longer than {} seconds, so it was stopped and not imported. It may be \
         damaged; open it in a PDF viewer, print it to a new PDF and import that.",
        limits.parse_timeout.as_secs()
    ))
}

/// The worker's input: page limit, password, then the file (see `serve`).
fn request(bytes: &[u8], password: Option<&str>, max_pages: u32) -> Vec<u8> {
    let password = password.unwrap_or("").as_bytes();
    let mut input = Vec::with_capacity(bytes.len() + password.len() + 9);
    input.extend_from_slice(&max_pages.to_le_bytes());
    input.push(u8::from(!password.is_empty()));
    input.extend_from_slice(&(password.len() as u32).to_le_bytes());
    input.extend_from_slice(password);
    input.extend_from_slice(bytes);
    input
}

/// The worker's side: reads a request, runs the engine, answers in JSON.
pub(crate) fn serve(input: &[u8]) -> Vec<u8> {
    let answer: std::result::Result<Vec<String>, EngineError> = (|| {
        let bad = || EngineError::Damaged("a malformed request".into());
        let max_pages =
            u32::from_le_bytes(input.get(0..4).ok_or_else(bad)?.try_into().map_err(|_| bad())?);
        let has_password = *input.get(4).ok_or_else(bad)? == 1;
        let len =
            u32::from_le_bytes(input.get(5..9).ok_or_else(bad)?.try_into().map_err(|_| bad())?);
        let end = 9usize.checked_add(len as usize).ok_or_else(bad)?;
        let password =
            std::str::from_utf8(input.get(9..end).ok_or_else(bad)?).map_err(|_| bad())?;
        let pdf = input.get(end..).ok_or_else(bad)?;
        pdf_engine::extract(pdf, has_password.then_some(password), max_pages)
    })();
    serde_json::to_vec(&answer).unwrap_or_default()
}

/// For `crate::fuzzing` only: the worker's side of a text read, in this process (the fuzzer has no
/// worker to start; in the app this runs in the bounded worker).
pub(crate) fn fuzz_serve(bytes: &[u8]) -> Vec<u8> {
    serve(&request(bytes, None, 50))
}

/// Reads the text of every page of the PDF in `bytes`, contained (see the module comment).
pub(crate) fn read_pdf_text(
    name: &str,
    bytes: Arc<Vec<u8>>,
    password: Option<&PdfPassword>,
    limits: &ImportLimits,
) -> Result<PdfText> {
    let input = request(&bytes, password.map(PdfPassword::reveal), limits.max_pages);
    let bounds = Bounds {
        timeout: limits.parse_timeout,
        memory_bytes: limits.max_parse_memory,
        // Text is rarely more than a few kilobytes a page; this only stops a runaway.
        max_output: 64 * 1024 * 1024 + u64::from(limits.max_pages) * 64 * 1024,
    };
    let output = match worker::run(Job::PdfText, input, bounds) {
        Ok(output) => output,
        Err(Failure::TimedOut) => return Err(too_slow(name, limits)),
        Err(Failure::Crashed(why)) => {
            return Err(damaged(name, format!("the PDF reader stopped: {why}")))
        }
        Err(Failure::Missing(why)) => {
            return Err(Error::Internal(format!(
                "Carefile's PDF reader could not be started ({why}). Reinstall Carefile."
            )))
        }
    };
    let answer: std::result::Result<Vec<String>, EngineError> = serde_json::from_slice(&output)
        .map_err(|_| damaged(name, "the PDF reader gave no answer"))?;
    match answer {
        Ok(pages) => Ok(PdfText { pages }),
        Err(EngineError::NeedsPassword) => Err(password_needed(name)),
        Err(EngineError::WrongPassword) => Err(Error::UnsupportedFile(format!(
            "That password doesn't open {name}. Check it and try again, or ask the sender for a \
             copy without a password."
        ))),
        Err(EngineError::TooManyPages(pages)) => Err(Error::UnsupportedFile(format!(
            "{name} has {pages} pages, more than the {} Carefile reads, so it was not imported. \
             Split it into smaller PDFs and import those.",
            limits.max_pages
        ))),
        Err(EngineError::Damaged(why)) => Err(damaged(name, why)),
    }
}

/// The text of each page of a PDF that is not in the vault (such as a bundle someone sent), read
/// by the same contained engine as an import with the default limits. Nothing is stored.
pub(crate) fn read_page_texts(name: &str, bytes: Vec<u8>) -> Result<Vec<String>> {
    if !bytes.starts_with(b"%PDF")
        && !bytes.get(..1024).is_some_and(|head| head.windows(4).any(|w| w == b"%PDF"))
    {
        return Err(Error::UnsupportedFile(format!(
            "{name} is not a PDF. Give the bundle as the PDF file you were sent."
        )));
    }
    Ok(read_pdf_text(name, Arc::new(bytes), None, &ImportLimits::default())?.pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_round_trips_through_the_worker_side() {
        let pdf = include_bytes!("../../tests/fixtures/pdf/two-line.pdf");
        let answer: std::result::Result<Vec<String>, EngineError> =
            serde_json::from_slice(&serve(&request(pdf, None, 5))).unwrap();
        assert_eq!(answer.unwrap(), vec!["Report page 1\nxylophonic paragraph 1".to_string()]);
        let answer: std::result::Result<Vec<String>, EngineError> =
            serde_json::from_slice(&serve(b"\x01")).unwrap();
        assert!(matches!(answer, Err(EngineError::Damaged(_))));
    }

    #[test]
    fn words_need_three_letters() {
        assert!(!has_words(" . , ;"));
        assert!(has_words("EHC"));
    }
}
