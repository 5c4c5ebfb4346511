//! `doc …`: argument parsing and printing over `carefile::documents`.

use std::path::PathBuf;

use carefile::documents::{
    self as docs, Document, DocumentFilter, DocumentKind, DocumentMetadata, HitSource,
    ImportOptions, ImportStatus, MetadataChange, OcrOptions, PdfPassword, SearchQuery,
};
use carefile::record::{british_date, parse_date, Direction};
use carefile::Error;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::json;

use crate::vault_cmd::{to_json, Context};

#[derive(Subcommand)]
pub enum DocCommand {
    /// Import files or whole folders (PDF, JPEG/PNG/TIFF, .eml, Word, text); originals kept exactly.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long)]
        child: Option<String>,
        /// report, letter, plan, decision, minutes, school-report, evidence, photo, email, other.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// The date on the document, YYYY-MM-DD.
        #[arg(long)]
        dated: Option<String>,
        /// The date you received it, YYYY-MM-DD.
        #[arg(long)]
        received: Option<String>,
        /// The author or sender.
        #[arg(long)]
        author: Option<String>,
        /// The plan section it belongs to, such as K.
        #[arg(long)]
        section: Option<String>,
        /// A tag; repeat for more.
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// The password of a protected PDF (or set CAREFILE_PDF_PASSWORD).
        #[arg(long, env = "CAREFILE_PDF_PASSWORD", hide_env_values = true)]
        password: Option<String>,
        /// For an .eml: `in` (you received it, the default) or `out` (you sent it), for the
        /// correspondence entry it becomes.
        #[arg(long)]
        direction: Option<String>,
    },
    /// List documents.
    List {
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Show one document: its details, pages and history.
    Show { id: String },
    /// Print the text of one page.
    Text {
        id: String,
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Search titles, details and the text of every page, and the record's correspondence, plan
    /// sections and progress notes.
    Search {
        query: String,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Write the original, byte for byte, to a new file.
    Export {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Change a document's details (the original never changes; every change is audited).
    Edit {
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        /// Empty to clear.
        #[arg(long)]
        author: Option<String>,
        /// YYYY-MM-DD, or empty to clear.
        #[arg(long)]
        dated: Option<String>,
        /// YYYY-MM-DD, or empty to clear.
        #[arg(long)]
        received: Option<String>,
        #[arg(long)]
        section: Option<String>,
        /// Replaces the tags; repeat for more.
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Replaces the linked children; repeat for more.
        #[arg(long = "child")]
        children: Vec<String>,
    },
    /// Read pages without a text layer with OCR (needs Tesseract).
    Ocr {
        /// Stop after this many pages.
        #[arg(long)]
        max_pages: Option<u32>,
    },
    /// Read PDFs' text again with the current text engine (after an upgrade this happens for
    /// every PDF the vault held; it carries on where it stopped).
    Reindex {
        /// Queue every PDF again, not only those waiting.
        #[arg(long)]
        all: bool,
        /// Stop after this many documents.
        #[arg(long)]
        max_documents: Option<u32>,
    },
    /// Mark a document as a newer version of another (an updated report, a re-issued plan), so a
    /// bundle holding the old one is flagged. `--clear` takes the mark away.
    Supersedes {
        /// The newer document.
        #[arg(value_name = "NEW")]
        newer: String,
        /// The older document it replaces.
        #[arg(value_name = "OLD")]
        older: String,
        #[arg(long)]
        clear: bool,
    },
    /// A child's documents marked as versions of one another, and pairs that look like versions.
    Versions {
        #[arg(long)]
        child: String,
    },
}

fn date(label: &str, text: &Option<String>) -> Result<Option<NaiveDate>, Error> {
    text.as_deref().map(|t| parse_date(label, t)).transpose()
}

fn kind(text: &Option<String>) -> Result<Option<DocumentKind>, Error> {
    text.as_deref().map(DocumentKind::parse).transpose()
}

fn show_date(d: Option<NaiveDate>) -> String {
    d.map(british_date).unwrap_or_else(|| "-".into())
}

/// Which documents `doc list` and `doc search` look at.
#[derive(Args)]
pub struct FilterArgs {
    #[arg(long)]
    child: Option<String>,
    /// Only this family's documents (`carefile caseload` shows the ids).
    #[arg(long)]
    family: Option<String>,
    #[arg(long)]
    kind: Option<String>,
    #[arg(long)]
    author: Option<String>,
    #[arg(long)]
    tag: Option<String>,
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
}

impl FilterArgs {
    fn read(self) -> Result<DocumentFilter, Error> {
        Ok(DocumentFilter {
            child_id: self.child,
            family_id: self.family,
            kind: kind(&self.kind)?,
            author: self.author,
            tag: self.tag,
            from: date("start date", &self.from)?,
            to: date("end date", &self.to)?,
        })
    }
}

/// ", from person pe_…" when the sender or author matched someone in the record.
fn from_person(o: &docs::ImportOutcome) -> String {
    o.person_id.as_deref().map(|p| format!(", from person {p}")).unwrap_or_default()
}

fn line(d: &Document) -> String {
    format!(
        "{}  {}  {} ({}, {} page(s), {})",
        d.id,
        show_date(d.dated.or(d.received)),
        d.title,
        d.kind.label(),
        d.pages,
        d.text_status.as_str().replace('_', " ")
    )
}

pub fn doc(ctx: &Context, cmd: DocCommand) -> Result<(), Error> {
    match cmd {
        DocCommand::Import {
            files,
            child,
            kind: kind_text,
            title,
            dated,
            received,
            author,
            section,
            tags,
            password,
            direction,
        } => {
            let options = ImportOptions {
                metadata: DocumentMetadata {
                    title,
                    kind: kind(&kind_text)?,
                    author,
                    dated: date("date on the document", &dated)?,
                    received: date("date received", &received)?,
                    plan_section: section,
                    tags,
                    child_id: child,
                },
                password: password.map(PdfPassword::new),
                email_direction: direction.as_deref().map(Direction::parse).transpose()?,
                ..ImportOptions::default()
            };
            let mut vault = ctx.open()?;
            let json = ctx.json;
            let report = docs::import_paths(&mut vault, &files, &options, &|p| {
                if !json && p.total > 20 && p.done % 50 == 0 && p.done < p.total {
                    eprintln!("Importing {} of {}…", p.done + 1, p.total);
                }
            })?;
            vault.lock()?;
            ctx.print(to_json(&report.outcomes), || {
                let mut out = String::new();
                let lines = |o: &docs::ImportOutcome, out: &mut String| match o.status {
                    ImportStatus::Imported => out.push_str(&format!(
                        "Imported {} as {} ({} page(s)){}.\n",
                        o.file,
                        o.id.as_deref().unwrap_or("?"),
                        o.pages.unwrap_or(0),
                        from_person(o)
                    )),
                    ImportStatus::Duplicate => out.push_str(&format!(
                        "Already in the vault: {} is {}{}.\n",
                        o.file,
                        o.id.as_deref().unwrap_or("?"),
                        from_person(o)
                    )),
                    ImportStatus::Refused => out.push_str(&format!(
                        "Not imported: {}\n",
                        o.reason.as_deref().unwrap_or("no reason given")
                    )),
                };
                for o in &report.outcomes {
                    lines(o, &mut out);
                    for a in &o.attachments {
                        lines(a, &mut out);
                    }
                }
                out.push_str(&format!(
                    "{} imported, {} already in the vault, {} not imported.",
                    report.imported, report.duplicates, report.refused
                ));
                out
            });
            if report.refused > 0 {
                let corrupt = report.outcomes.iter().any(|o| {
                    o.status == ImportStatus::Refused
                        && o.code == Some(carefile::ErrorCode::CorruptFile)
                });
                let message = format!(
                    "{} of {} file(s) could not be imported; the reasons are listed above.",
                    report.refused,
                    report.outcomes.len()
                );
                return Err(if corrupt {
                    Error::CorruptFile(message)
                } else {
                    Error::UnsupportedFile(message)
                });
            }
            Ok(())
        }
        DocCommand::List { filter } => {
            let f = filter.read()?;
            let vault = ctx.open()?;
            let list = docs::list_documents(&vault, &f)?;
            vault.lock()?;
            ctx.print(to_json(&list), || {
                if list.is_empty() {
                    "No documents yet. Add some with `carefile doc import FILE`.".into()
                } else {
                    list.iter().map(line).collect::<Vec<_>>().join("\n")
                }
            });
            Ok(())
        }
        DocCommand::Show { id } => {
            let vault = ctx.open()?;
            let d = docs::get_document(&vault, &id)?;
            let pages = docs::document_pages(&vault, &id)?;
            let history = docs::document_history(&vault, &id)?;
            vault.lock()?;
            ctx.print(
                json!({ "document": to_json(&d), "pages": to_json(&pages), "history": to_json(&history) }),
                || {
                    let mut out = format!(
                        "{}\n  id: {}\n  kind: {}\n  file: {} ({} bytes, {})\n  SHA-256: {}\n  \
                         dated: {}\n  received: {}\n  author: {}\n  pages: {}\n  text: {}",
                        d.title,
                        d.id,
                        d.kind.label(),
                        d.file_name,
                        d.size,
                        d.media_type,
                        d.sha256,
                        show_date(d.dated),
                        show_date(d.received),
                        d.author.as_deref().unwrap_or("-"),
                        d.pages,
                        d.text_status.as_str().replace('_', " "),
                    );
                    if let Some(note) = &d.status_note {
                        out.push_str(&format!("\n  note: {note}"));
                    }
                    if !d.tags.is_empty() {
                        out.push_str(&format!("\n  tags: {}", d.tags.join(", ")));
                    }
                    if !d.child_ids.is_empty() {
                        out.push_str(&format!("\n  children: {}", d.child_ids.join(", ")));
                    }
                    if !d.person_ids.is_empty() {
                        out.push_str(&format!("\n  from: {}", d.person_ids.join(", ")));
                    }
                    if let Some(e) = &d.attached_to {
                        out.push_str(&format!("\n  attached to: {e}"));
                    }
                    if !d.attachment_ids.is_empty() {
                        out.push_str(&format!("\n  attachments: {}", d.attachment_ids.join(", ")));
                    }
                    out.push_str("\n  history:");
                    for h in &history {
                        out.push_str(&format!("\n    {} {} {}", h.at, h.action, h.detail));
                    }
                    out
                },
            );
            Ok(())
        }
        DocCommand::Text { id, page } => {
            let vault = ctx.open()?;
            let text = docs::page_text(&vault, &id, page)?;
            vault.lock()?;
            ctx.print(json!({ "id": id, "page": page, "text": text }), || text.clone());
            Ok(())
        }
        DocCommand::Search { query, filter, limit } => {
            let f = filter.read()?;
            let q = SearchQuery { text: query, filter: f, limit: Some(limit) };
            let vault = ctx.open()?;
            let hits = docs::search_all(&vault, &q)?;
            let waiting = docs::reread_waiting(&vault)?;
            vault.lock()?;
            if waiting > 0 && !ctx.json {
                eprintln!(
                    "Note: {waiting} document(s) wait to be read again by the new text reader, so \
                     some words may not be found yet. Run `carefile doc reindex`."
                );
            }
            ctx.print(to_json(&hits), || {
                if hits.is_empty() {
                    return "Nothing found.".into();
                }
                hits.iter()
                    .map(|h| match h.source {
                        HitSource::Document => {
                            format!("{}  p.{}  {}\n    {}", h.id, h.page, h.title, h.snippet)
                        }
                        other => format!(
                            "{}  {}  {}{}\n    {}",
                            h.id,
                            other.as_str(),
                            h.title,
                            h.dated.map(|d| format!(" ({})", british_date(d))).unwrap_or_default(),
                            h.snippet
                        ),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        DocCommand::Export { id, out } => {
            let vault = ctx.open()?;
            let receipt = docs::export_document(&vault, &id, &out)?;
            vault.lock()?;
            ctx.print(to_json(&receipt), || {
                format!(
                    "Wrote the original to {} ({} bytes, SHA-256 {}).",
                    receipt.file, receipt.bytes, receipt.sha256
                )
            });
            Ok(())
        }
        DocCommand::Edit {
            id,
            title,
            kind: k,
            author,
            dated,
            received,
            section,
            tags,
            children,
        } => {
            let change = MetadataChange {
                title,
                kind: kind(&k)?,
                author,
                dated,
                received,
                plan_section: section,
                tags: (!tags.is_empty()).then_some(tags),
                child_ids: (!children.is_empty()).then_some(children),
            };
            let mut vault = ctx.open()?;
            let d = docs::update_metadata(&mut vault, &id, &change)?;
            vault.lock()?;
            ctx.print(to_json(&d), || format!("Updated: {}", line(&d)));
            Ok(())
        }
        DocCommand::Supersedes { newer, older, clear } => {
            let mut vault = ctx.open()?;
            if clear {
                docs::clear_new_version(&mut vault, &newer, &older)?;
                vault.lock()?;
                ctx.print(json!({ "cleared": { "newer": newer, "older": older } }), || {
                    format!("{newer} is no longer marked as a newer version of {older}.")
                });
                return Ok(());
            }
            let mark = docs::mark_new_version(&mut vault, &newer, &older)?;
            let (n, o) = (docs::get_document(&vault, &newer)?, docs::get_document(&vault, &older)?);
            vault.lock()?;
            ctx.print(to_json(&mark), || {
                format!(
                    "Marked \u{201c}{}\u{201d} ({}) as a newer version of \u{201c}{}\u{201d} ({}). \
                     A bundle holding the older one will be flagged as out of date.",
                    n.title, n.id, o.title, o.id
                )
            });
            Ok(())
        }
        DocCommand::Versions { child } => {
            let vault = ctx.open()?;
            let marks = docs::version_marks(&vault, &child)?;
            let suggestions = docs::suggest_versions(&vault, &child)?;
            let title = |id: &str| {
                docs::get_document(&vault, id).map(|d| line(&d)).unwrap_or_else(|_| id.to_owned())
            };
            let mut text = Vec::new();
            if marks.is_empty() {
                text.push("No documents are marked as versions of one another.".to_string());
            }
            for m in &marks {
                text.push(format!("Newer: {}\n  replaces {}", title(&m.newer), title(&m.older)));
            }
            for s in &suggestions {
                text.push(format!(
                    "Perhaps a newer version ({}% alike): {}\n  of {}\n  Mark it: carefile doc supersedes {} {}",
                    (s.likeness * 100.0).round(),
                    title(&s.newer),
                    title(&s.older),
                    s.newer,
                    s.older
                ));
            }
            vault.lock()?;
            ctx.print(json!({ "marks": marks, "suggestions": suggestions }), || text.join("\n"));
            Ok(())
        }
        DocCommand::Reindex { all, max_documents } => {
            let mut vault = ctx.open()?;
            if all {
                docs::queue_reread_all(&mut vault)?;
            }
            let json = ctx.json;
            let report = docs::reread_pending(&mut vault, max_documents, &|p| {
                if !json && p.done < p.total {
                    eprintln!(
                        "Reading {} of {}: {}",
                        p.done + 1,
                        p.total,
                        p.item.unwrap_or_default()
                    );
                }
            })?;
            vault.lock()?;
            ctx.print(to_json(&report), || {
                let mut out = format!(
                    "Read {} document(s) again; {} page(s) changed; {} could not be read and keep \
                     their text; {} still waiting.",
                    report.documents_read,
                    report.pages_changed,
                    report.documents_failed,
                    report.documents_left
                );
                if let Some(p) = &report.first_problem {
                    out.push_str(&format!("\nFirst problem: {p}"));
                }
                out
            });
            Ok(())
        }
        DocCommand::Ocr { max_pages } => {
            let mut vault = ctx.open()?;
            let options = OcrOptions { max_pages, ..OcrOptions::default() };
            let json = ctx.json;
            let report = docs::ocr_pending(&mut vault, &options, &|p| {
                if !json && p.done < p.total {
                    eprintln!("OCR {} of {}…", p.done + 1, p.total);
                }
            })?;
            vault.lock()?;
            ctx.print(to_json(&report), || {
                if !report.available {
                    return "Tesseract OCR isn't installed, so pages without text can't be read \
                            yet. Install it (`make deps`) and run this again."
                        .into();
                }
                let mut out = format!(
                    "Read {} page(s); {} had no words; {} could not be read; {} still waiting.",
                    report.pages_read, report.pages_empty, report.pages_failed, report.pages_left
                );
                if let Some(p) = &report.first_problem {
                    out.push_str(&format!("\nFirst problem: {p}"));
                }
                out
            });
            Ok(())
        }
    }
}
