//! Emails (`.eml`): the headers and body become the readable text of the email document, and each
//! attachment is handed back to be imported as its own document linked to the email.

use std::panic::{catch_unwind, AssertUnwindSafe};

use mail_parser::{Address, MessageParser, MimeHeaders};

use super::EmailInfo;
use crate::error::{Error, Result};

pub(crate) struct ParsedEmail {
    pub info: EmailInfo,
    /// Headers and body as one readable page.
    pub text: String,
    /// The date it was sent, for "dated" and "received".
    pub date: Option<chrono::NaiveDate>,
    /// The body alone, for the correspondence entry's summary.
    pub body: String,
    pub attachments: Vec<(String, Vec<u8>)>,
}

fn addresses(a: Option<&Address>) -> Vec<String> {
    a.map(|a| {
        a.iter()
            .map(|addr| match (addr.name(), addr.address()) {
                (Some(n), Some(e)) if !n.trim().is_empty() => format!("{} <{e}>", n.trim()),
                (_, Some(e)) => e.to_string(),
                (Some(n), None) => n.to_string(),
                (None, None) => String::new(),
            })
            .filter(|s| !s.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// Strips tags from an HTML body well enough to search and read it.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
}

/// The most parts-holding-parts (multipart bodies and attached emails) an email may have. The
/// parser builds them as a tree, and a hostile email nested thousands deep would make a tree too
/// deep to take apart again; real email has a handful.
pub(crate) const MAX_CONTAINER_PARTS: usize = 256;

/// How many `Content-Type: multipart/…` or `message/rfc822` headers the email has (at the start
/// of a line, any case): an upper bound on how deep its parts can nest. Reads each line once.
fn container_parts(bytes: &[u8]) -> usize {
    let mut count = 0;
    for line in bytes.split(|b| *b == b'\n') {
        let Some(head) = line.get(..13) else { continue };
        if !head.eq_ignore_ascii_case(b"content-type:") {
            continue;
        }
        let rest = &line[13..line.len().min(13 + 200)];
        let has =
            |needle: &[u8]| rest.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle));
        if has(b"multipart/") || has(b"message/rfc822") {
            count += 1;
        }
    }
    count
}

pub(crate) fn parse_email(name: &str, bytes: &[u8]) -> Result<ParsedEmail> {
    if container_parts(bytes) > MAX_CONTAINER_PARTS {
        return Err(Error::UnsupportedFile(format!(
            "{name} has more than {MAX_CONTAINER_PARTS} parts inside other parts (emails attached \
             to emails), far more than any real email; it looks made to cause trouble, so it was \
             not imported."
        )));
    }
    let parsed = catch_unwind(AssertUnwindSafe(|| parse_inner(bytes)));
    match parsed {
        Ok(Some(p)) => Ok(p),
        _ => Err(Error::CorruptFile(format!(
            "{name} isn't an email Carefile can read (it may be damaged). Save the email again \
             from your email program as an .eml file and import that."
        ))),
    }
}

fn parse_inner(bytes: &[u8]) -> Option<ParsedEmail> {
    let message = MessageParser::default().parse(bytes)?;
    let from = addresses(message.from()).into_iter().next();
    let to = addresses(message.to());
    let cc = addresses(message.cc());
    let subject = message.subject().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let date =
        message.date().and_then(|d| chrono::DateTime::parse_from_rfc3339(&d.to_rfc3339()).ok());
    let body = match message.body_text(0) {
        Some(t) => t.into_owned(),
        None => message.body_html(0).map(|h| html_to_text(&h)).unwrap_or_default(),
    };
    let mut attachments = Vec::new();
    for (i, part) in message.attachments().enumerate() {
        let name = part
            .attachment_name()
            .map(|n| n.trim().replace(['/', '\\'], "_"))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| {
                let ext = if part.is_message() { "eml" } else { "bin" };
                format!("attachment-{}.{ext}", i + 1)
            });
        attachments.push((name, part.contents().to_vec()));
    }
    let mut text = String::new();
    if let Some(f) = &from {
        text.push_str(&format!("From: {f}\n"));
    }
    if !to.is_empty() {
        text.push_str(&format!("To: {}\n", to.join(", ")));
    }
    if !cc.is_empty() {
        text.push_str(&format!("Cc: {}\n", cc.join(", ")));
    }
    if let Some(d) = &date {
        text.push_str(&format!("Date: {}\n", d.format("%-d %b %Y %H:%M")));
    }
    if let Some(s) = &subject {
        text.push_str(&format!("Subject: {s}\n"));
    }
    if !attachments.is_empty() {
        let names: Vec<&str> = attachments.iter().map(|(n, _)| n.as_str()).collect();
        text.push_str(&format!("Attachments: {}\n", names.join(", ")));
    }
    text.push('\n');
    text.push_str(body.trim());
    let body = body.trim().to_string();
    Some(ParsedEmail {
        info: EmailInfo {
            from,
            to,
            cc,
            subject,
            sent: date.map(|d| d.to_rfc3339()),
            message_id: message.message_id().map(str::to_owned),
            attachment_count: attachments.len() as u32,
        },
        text,
        date: date.map(|d| d.date_naive()),
        body,
        attachments,
    })
}
