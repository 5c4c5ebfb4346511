//! `bundle check FILE.pdf --child ID [--pack ID]`: the words around `carefile::bundle::check_bundle`.
//! With `--json` the report as the core gives it (camelCase keys, bundle page numbers from 1).

use std::path::PathBuf;

use carefile::bundle::{self, BundleCheck, CheckOptions};
use carefile::vault::Vault;
use carefile::Error;
use clap::Args;

use crate::vault_cmd::Context;

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
    if c.missing.is_empty() && c.duplicates.is_empty() && c.partial.is_empty() && c.index.is_empty()
    {
        out.push("Every document looked for is in the bundle, once and whole.".into());
    }
    out.join("\n")
}

pub fn check(ctx: &Context, vault: &Vault, args: CheckArgs) -> Result<(), Error> {
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|e| {
        Error::invalid(format!("Can't read {shown}: {e}. Check the file name and try again."))
    })?;
    let options = CheckOptions {
        child_id: args.child,
        pack_id: args.pack,
        file_name: args.file.file_name().map(|n| n.to_string_lossy().into_owned()),
    };
    let report =
        bundle::check_bundle(vault, bytes, &options, &mut crate::bundle_cmd::bar(!ctx.json))?;
    let value = serde_json::to_value(&report)
        .map_err(|e| Error::Internal(format!("The report could not be written as JSON: {e}")))?;
    ctx.print(value, || human(&shown, &report));
    Ok(())
}
