//! Emails (`.eml`): the headers and body become the readable text of the email document, and each
//! attachment is handed back to be imported as its own document linked to the email.

use crate::safety::contain;

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};

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

/// An HTML body as readable text (html2text over html5ever): `<head>`, `<script>` and `<style>`
/// contents are dropped, every named and numeric character reference is decoded, tables are read cell
/// by cell and paragraphs are wrapped at 100 columns.
fn html_to_text(html: &str) -> String {
    html2text::config::plain_no_decorate()
        .raw_mode(true)
        .allow_width_overflow()
        .string_from_read(html.as_bytes(), 100)
        .unwrap_or_default()
        // `&nbsp;` reads (and is searched) as the space it shows as.
        .replace('\u{a0}', " ")
}

/// The first sender's address and display name in a From header, as mail-parser reads them.
fn sender_parts(from: Option<&Address>) -> (Option<String>, Option<String>) {
    let nonempty = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    match from.and_then(|a| a.iter().next()) {
        Some(addr) => (nonempty(addr.address()), nonempty(addr.name())),
        None => (None, None),
    }
}

/// The address and display name in a stored From header value (`Name <address>`), read by
/// mail-parser, for emails imported before `EmailInfo` kept them apart.
pub(crate) fn parse_from_header(value: &str) -> (Option<String>, Option<String>) {
    let header = format!("From: {value}\r\n\r\n");
    let parsed = contain(|| {
        MessageParser::default().parse(header.as_bytes()).map(|m| sender_parts(m.from()))
    });
    parsed.flatten().unwrap_or((None, None))
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
    let parsed = contain(|| parse_inner(bytes));
    match parsed {
        Some(Some(p)) => Ok(p),
        _ => Err(Error::CorruptFile(format!(
            "{name} isn't an email Carefile can read (it may be damaged). Save the email again \
             from your email program as an .eml file and import that."
        ))),
    }
}

fn parse_inner(bytes: &[u8]) -> Option<ParsedEmail> {
    let message = MessageParser::default().parse(bytes)?;
    let from = addresses(message.from()).into_iter().next();
    let (from_address, from_name) = sender_parts(message.from());
    let to = addresses(message.to());
    let cc = addresses(message.cc());
    let subject = message.subject().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let date =
        message.date().and_then(|d| chrono::DateTime::parse_from_rfc3339(&d.to_rfc3339()).ok());
    // Not `body_text`: for an HTML-only email it converts with mail-parser's own reader, which
    // keeps the text of `<script>` and `<style>` and decodes few entities.
    let html_or_text = |part: Option<&mail_parser::MessagePart>| match part.map(|p| &p.body) {
        Some(PartType::Text(text)) => Some(text.to_string()),
        Some(PartType::Html(html)) => Some(html_to_text(html)),
        _ => None,
    };
    let body = html_or_text(message.text_part(0))
        .or_else(|| html_or_text(message.html_part(0)))
        .unwrap_or_default();
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
            from_address,
            from_name,
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

#[cfg(test)]
mod tests {
    use super::*;

    const HTML_EMAIL: &str = "From: \"Caseworker, Jo\" <Jo.Caseworker@Anytown.example>\r\n\
        To: parent@example.org\r\n\
        Subject: Your draft plan\r\n\
        Date: Tue, 4 Mar 2025 10:15:00 +0000\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: text/html; charset=utf-8\r\n\
        \r\n\
        <html><head><title>Draft</title><style>p { color: red; }</style>\
        <script>alert('head script')</script></head>\
        <body><p>Caf&eacute; meeting &amp; the &lt;draft&gt;&nbsp;plan: &pound;5 &mdash; \
        it&#8217;s &#x263A; done</p><script>var tracking = 1;</script>\
        <style>.hidden { display: none; }</style><p>Second paragraph</p></body></html>";

    #[test]
    fn an_html_email_reads_without_scripts_or_styles_and_with_entities_decoded() {
        let p = parse_email("draft.eml", HTML_EMAIL.as_bytes()).unwrap();
        assert!(p.body.contains("Café meeting & the <draft> plan: £5 — it’s ☺ done"), "{}", p.body);
        assert!(p.body.contains("Second paragraph"), "{}", p.body);
        for hidden in ["alert", "head script", "tracking", "color", "display", "hidden", "&"] {
            let shown = p.text.replace(" & ", " and ");
            assert!(!shown.contains(hidden), "{hidden:?} in {}", p.text);
        }
        assert!(p.text.starts_with("From: Caseworker, Jo <Jo.Caseworker@Anytown.example>\n"));
    }

    #[test]
    fn the_sender_comes_from_the_parsed_header_fields() {
        let p = parse_email("draft.eml", HTML_EMAIL.as_bytes()).unwrap();
        assert_eq!(p.info.from_address.as_deref(), Some("Jo.Caseworker@Anytown.example"));
        assert_eq!(p.info.from_name.as_deref(), Some("Caseworker, Jo"));
        assert_eq!(
            parse_from_header("\"Caseworker, Jo\" <jo@anytown.example>"),
            (Some("jo@anytown.example".into()), Some("Caseworker, Jo".into()))
        );
        assert_eq!(
            parse_from_header("jo@anytown.example"),
            (Some("jo@anytown.example".into()), None)
        );
    }
}
