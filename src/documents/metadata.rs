//! Checking and tidying the metadata a person gives (at import or when editing), and the details
//! text the search index holds beside a document's title.

use chrono::NaiveDate;

use super::{clean, DocumentKind, DocumentMetadata, EmailInfo};
use crate::error::{Error, Result};
use crate::vault::Vault;

pub(crate) fn validate_metadata(vault: &Vault, meta: &DocumentMetadata) -> Result<()> {
    if let Some(child) = clean(meta.child_id.as_deref()) {
        crate::record::get_child(vault, &child)?;
    }
    if let Some(section) = clean(meta.plan_section.as_deref()) {
        validate_section(&section)?;
    }
    Ok(())
}

pub(crate) fn validate_section(section: &str) -> Result<()> {
    if section.chars().count() > 40 {
        return Err(Error::invalid(
            "A plan section is a short name such as K or F; write more in the title or tags.",
        ));
    }
    Ok(())
}

pub(crate) fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags.iter().flat_map(|t| t.split(',')) {
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.to_string());
        }
    }
    out
}

/// What the search index holds about a document beside its title.
pub(crate) struct Details<'a> {
    pub kind: DocumentKind,
    pub author: Option<&'a str>,
    pub file_name: &'a str,
    pub dated: Option<&'a str>,
    pub received: Option<&'a str>,
    pub section: Option<&'a str>,
    pub tags: &'a [String],
    pub email: Option<&'a EmailInfo>,
}

pub(crate) fn details_meta(d: &Details) -> String {
    let Details { kind, author, file_name, dated, received, section, tags, email } = *d;
    let mut parts = vec![kind.label().to_string(), file_name.to_string()];
    parts.extend(author.map(str::to_owned));
    for d in [dated, received].into_iter().flatten() {
        parts.push(d.to_string());
        if let Ok(date) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            parts.push(date.format("%-d %B %Y").to_string());
        }
    }
    if let Some(s) = section {
        parts.push(format!("Section {s}"));
    }
    parts.extend(tags.iter().cloned());
    if let Some(e) = email {
        parts.extend(e.to.iter().cloned());
        parts.extend(e.cc.iter().cloned());
    }
    parts.join("\n")
}
