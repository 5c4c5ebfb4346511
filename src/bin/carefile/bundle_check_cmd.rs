//! `bundle check FILE.pdf --child ID [--pack ID] [--appeal-type TYPE] [--letter OUT.pdf]
//! [--send7 OUT.pdf]`: the words around `carefile::bundle::check_bundle` and the letters it writes.
//! With `--json` the report as the core gives it (camelCase keys, bundle page numbers from 1).

use std::path::PathBuf;

use carefile::bundle::{self, AppealType, BundleCheck, CheckLetterOptions, CheckOptions};
use carefile::milestones as ms;
use carefile::record::parse_date;
use carefile::vault::Vault;
use carefile::Error;
use clap::Args;
use serde_json::json;

use crate::vault_cmd::{write_new_file, Context};

#[derive(Args)]
pub struct CheckArgs {
    /// The bundle PDF you were sent.
    #[arg(value_name = "FILE.pdf")]
    file: PathBuf,
    /// The child whose documents should be in it.
    #[arg(long)]
    child: String,
    /// Look only for the documents of this saved pack (`carefile bundle list`).
    #[arg(long, value_name = "ID")]
    pack: Option<String>,
    /// Check the Practice Direction's page limits for this appeal: refusal-to-assess,
    /// refusal-to-issue, contents, school, cease or extended.
    #[arg(long, value_name = "TYPE")]
    appeal_type: Option<String>,
    /// Write a letter to the LA listing the problems with their pages (a PDF, and the same words
    /// as OUT.txt beside it, to paste into an email).
    #[arg(long, value_name = "OUT.pdf")]
    letter: Option<PathBuf>,
    /// When your evidence is over its page limit, write a draft request for change (form SEND7).
    #[arg(long, value_name = "OUT.pdf")]
    send7: Option<PathBuf>,
    /// Your name, to sign the letter with.
    #[arg(long, value_name = "NAME")]
    from: Option<String>,
    /// The letter was sent on this date (YYYY-MM-DD): save it to the contact log.
    #[arg(long, value_name = "DATE", requires = "letter")]
    sent: Option<String>,
    /// How it was sent (email, post, hand), with --sent.
    #[arg(long, requires = "sent")]
    channel: Option<String>,
    /// Don't read scanned pages (no text) with OCR: quicker, but they count as unreadable.
    #[arg(long)]
    no_ocr: bool,
}

fn pages(span: [u32; 2]) -> String {
    if span[0] == span[1] {
        format!("page {}", span[0])
    } else {
        format!("pages {}\u{2013}{}", span[0], span[1])
    }
}

fn list(numbers: &[u32]) -> String {
    numbers.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// The report in words, one finding a line.
fn human(file: &str, c: &BundleCheck) -> String {
    let mut out = vec![format!(
        "{file}: {} pages, checked against {} of your documents.",
        c.pages, c.checked
    )];
    out.extend(c.found.iter().map(|f| format!("Found: {}, {}", f.title, pages(f.pages))));
    out.extend(c.missing.iter().map(|m| format!("Missing: {} ({})", m.title, m.document)));
    out.extend(c.duplicates.iter().map(|d| {
        let spans: Vec<String> = d.occurrences.iter().map(|s| pages(*s)).collect();
        let times = if d.occurrences.len() == 2 {
            "Twice".to_string()
        } else {
            format!("{} times", d.occurrences.len())
        };
        format!("{times}: {}, {}", d.title, spans.join(" and "))
    }));
    for p in &c.partial {
        let mut line = format!("Incomplete: {}, {}", p.title, pages(p.pages));
        if !p.missing_pages.is_empty() {
            line.push_str(&format!(": its page(s) {} are not there", list(&p.missing_pages)));
        }
        if let Some(order) = &p.order {
            line.push_str(&format!(": its pages are in the order {}", list(order)));
        }
        out.push(line);
    }
    if !c.unreadable.is_empty() {
        out.push(format!("Unreadable (no text, matches nothing): pages {}", list(&c.unreadable)));
    }
    for i in &c.index {
        let actual: Vec<String> = i.actual.iter().map(|s| pages(*s)).collect();
        out.push(format!(
            "Index (page {}): \u{201c}{}\u{201d} is listed at page {}, but is at {}",
            i.index_page,
            i.entry,
            i.listed,
            actual.join(" and ")
        ));
    }
    out.extend(c.not_checked.iter().map(|n| {
        format!("Not checked (no text to look for; run OCR first): {} ({})", n.title, n.document)
    }));
    for o in &c.outdated {
        out.push(format!(
            "Out of date: {}, {}: the vault holds a newer version, {} ({})",
            o.title,
            pages(o.pages),
            o.newer_title,
            o.newer
        ));
    }
    for b in &c.budgets {
        let how = match b.source {
            bundle::BudgetSource::Index => "from the bundle's index",
            bundle::BudgetSource::Documents => "your documents found in it",
        };
        let verdict = if b.over() > 0 {
            format!("{} over the limit", b.over())
        } else {
            "within the limit".to_string()
        };
        out.push(format!(
            "Page limit: {}: {} of {} pages ({how}), {verdict}",
            b.section, b.pages, b.limit
        ));
    }
    if c.missing.is_empty()
        && c.duplicates.is_empty()
        && c.partial.is_empty()
        && c.index.is_empty()
        && c.outdated.is_empty()
    {
        out.push("Every document looked for is in the bundle, once and whole.".into());
    }
    out.join("\n")
}

fn text_beside(pdf: &std::path::Path) -> PathBuf {
    pdf.with_extension("txt")
}

pub fn check(ctx: &Context, vault: &mut Vault, args: CheckArgs) -> Result<(), Error> {
    let shown = args.file.display().to_string();
    let appeal_type = args.appeal_type.as_deref().map(AppealType::parse).transpose()?;
    let sent = args.sent.as_deref().map(|d| parse_date("--sent", d)).transpose()?;
    for out in [&args.letter, &args.send7].into_iter().flatten() {
        if out.exists() || text_beside(out).exists() {
            return Err(Error::invalid(format!(
                "{} (or the .txt beside it) is already there. Choose another name; Carefile \
                 doesn't write over files.",
                out.display()
            )));
        }
    }
    let bytes = std::fs::read(&args.file).map_err(|e| {
        Error::invalid(format!("Can't read {shown}: {e}. Check the file name and try again."))
    })?;
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let options = CheckOptions {
        child_id: args.child.clone(),
        pack_id: args.pack,
        file_name: Some(file_name.clone()),
        appeal_type,
        no_ocr: args.no_ocr,
    };
    let report =
        bundle::check_bundle(vault, bytes, &options, &mut crate::bundle_cmd::bar(!ctx.json))?;
    let letter_options = CheckLetterOptions {
        child_id: args.child,
        file_name,
        dated: sent.unwrap_or_else(ms::today),
        from_name: args.from,
    };
    let mut written = Vec::new();
    let mut logged = None;
    if let Some(out) = &args.letter {
        let letter = bundle::check_letter(vault, &report, &letter_options)?;
        write_new_file(out, &ms::letter_pdf(&letter)?)?;
        write_new_file(&text_beside(out), letter.text.as_bytes())?;
        written.push(out.display().to_string());
        written.push(text_beside(out).display().to_string());
        if let Some(sent) = sent {
            logged = Some(ms::record_letter_sent(vault, &letter, sent, args.channel.as_deref())?);
        }
    }
    if let Some(out) = &args.send7 {
        let draft = bundle::send7_draft(vault, &report, &letter_options)?;
        write_new_file(out, &ms::letter_pdf(&draft)?)?;
        write_new_file(&text_beside(out), draft.text.as_bytes())?;
        written.push(out.display().to_string());
        written.push(text_beside(out).display().to_string());
    }
    let mut value = serde_json::to_value(&report)
        .map_err(|e| Error::Internal(format!("The report could not be written as JSON: {e}")))?;
    if !written.is_empty() {
        value["written"] = json!(written);
    }
    if let Some(c) = &logged {
        value["correspondence"] = json!(c.id);
    }
    ctx.print(value, || {
        let mut text = human(&shown, &report);
        for w in &written {
            text.push_str(&format!("\nWrote {w}"));
        }
        if let Some(c) = &logged {
            text.push_str(&format!("\nSaved to the contact log as sent (log id {}).", c.id));
        }
        text
    });
    Ok(())
}
