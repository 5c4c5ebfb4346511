//! Text per page from a PDF's text layer, with lopdf, contained: the parse runs on its own thread
//! (with a large stack, for deeply nested hostile files) inside `catch_unwind`, with bounds on
//! decompressed stream size, pages, objects and time. A panic, a bound or a hang becomes an
//! ordinary error for that one file. A parse that overruns its time is abandoned (the thread
//! finishes or dies with the process); the import carries on.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use lopdf::{Document, LoadOptions};

use super::{ImportLimits, PdfPassword};
use crate::error::{Error, Result};

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// True on a thread that is parsing an untrusted file, where a panic is contained and reported
/// as an ordinary error: a process-wide panic hook should stay quiet then.
pub fn in_contained_parser() -> bool {
    CONTAINED.with(Cell::get)
}

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

/// Collapses the spacing lopdf leaves and drops control characters.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.extend(w.chars().filter(|c| !c.is_control()));
        }
    }
    out
}

/// Whether a page has readable words (not just stray marks).
pub(crate) fn has_words(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphanumeric()).take(3).count() >= 3
}

fn parse(
    name: &str,
    bytes: &[u8],
    password: Option<&str>,
    limits: &ImportLimits,
    started: Instant,
) -> Result<PdfText> {
    let options = LoadOptions {
        password: password.map(str::to_owned),
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword => Error::UnsupportedFile(format!(
            "That password doesn't open {name}. Check it and try again, or ask the sender for a \
             copy without a password."
        )),
        lopdf::Error::Decryption(_) if password.is_none() => password_needed(name),
        other => damaged(name, other),
    })?;
    // lopdf opens a protected file without its password but cannot decrypt it.
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(match password {
            None => password_needed(name),
            Some(_) => Error::UnsupportedFile(format!(
                "That password doesn't open {name}. Check it and try again."
            )),
        });
    }
    if doc.objects.len() > limits.max_objects {
        return Err(Error::UnsupportedFile(format!(
            "{name} has {} internal objects, more than the {} Carefile reads, so it was not \
             imported. Split it into smaller PDFs and import those.",
            doc.objects.len(),
            limits.max_objects
        )));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(damaged(name, "it has no pages"));
    }
    if pages.len() > limits.max_pages as usize {
        return Err(Error::UnsupportedFile(format!(
            "{name} has {} pages, more than the {} Carefile reads, so it was not imported. Split \
             it into smaller PDFs and import those.",
            pages.len(),
            limits.max_pages
        )));
    }
    let mut out = Vec::with_capacity(pages.len());
    for number in pages.keys() {
        if started.elapsed() > limits.parse_timeout {
            return Err(too_slow(name, limits));
        }
        // A page whose content can't be read is a page without a text layer, not a lost file.
        let text = doc
            .extract_text_with_limit(&[*number], limits.max_stream_bytes)
            .map(|t| tidy(&t))
            .unwrap_or_default();
        out.push(text);
    }
    Ok(PdfText { pages: out })
}

fn too_slow(name: &str, limits: &ImportLimits) -> Error {
    Error::CorruptFile(format!(
        "Reading {name} took longer than {} seconds, so it was stopped and not imported. It may be \
         damaged; open it in a PDF viewer, print it to a new PDF and import that.",
        limits.parse_timeout.as_secs()
    ))
}

/// Reads the text of every page of the PDF in `bytes`, contained (see the module comment).
pub(crate) fn read_pdf_text(
    name: &str,
    bytes: Arc<Vec<u8>>,
    password: Option<&PdfPassword>,
    limits: &ImportLimits,
) -> Result<PdfText> {
    let (tx, rx) = mpsc::channel();
    let owned_name = name.to_string();
    let password = password.cloned();
    let limits_copy = *limits;
    let started = Instant::now();
    let spawned = std::thread::Builder::new()
        .name("carefile-pdf".into())
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            CONTAINED.with(|c| c.set(true));
            let result = catch_unwind(AssertUnwindSafe(|| {
                parse(
                    &owned_name,
                    &bytes,
                    password.as_ref().map(PdfPassword::reveal),
                    &limits_copy,
                    started,
                )
            }));
            let result = result.unwrap_or_else(|_| {
                Err(damaged(&owned_name, "its structure made the PDF reader fail"))
            });
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(Error::Internal(format!("could not start reading the PDF: {e}")));
    }
    match rx.recv_timeout(limits.parse_timeout + std::time::Duration::from_secs(2)) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(too_slow(name, limits)),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(damaged(name, "the PDF reader stopped unexpectedly"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let limits = ImportLimits::default();
        for bytes in [&b"%PDF-1.4\n"[..], b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", b""] {
            let r = read_pdf_text("x.pdf", Arc::new(bytes.to_vec()), None, &limits);
            assert!(matches!(r, Err(Error::CorruptFile(_))), "{r:?}");
        }
    }

    #[test]
    fn tidy_collapses_spacing() {
        assert_eq!(tidy("  a   b \n\n\n c\t d "), "a b\nc d");
        assert!(!has_words(" . , ;"));
        assert!(has_words("EHC"));
    }
}
