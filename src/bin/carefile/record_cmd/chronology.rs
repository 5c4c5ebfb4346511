//! `chronology`: the child's record in date order, printed or written as CSV or PDF.

use std::path::PathBuf;

use carefile::record::{self as rec, british_date};
use carefile::Error;
use serde_json::json;

use super::{date, to_json};
use crate::vault_cmd::{write_new_file, Context};

pub struct ChronologyArgs {
    pub child: Option<String>,
    pub kinds: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub csv: Option<PathBuf>,
    pub pdf: Option<PathBuf>,
}

pub fn chronology(ctx: &Context, args: ChronologyArgs) -> Result<(), Error> {
    let filter = rec::ChronologyFilter {
        child_id: args.child.clone(),
        kinds: args
            .kinds
            .iter()
            .map(|k| rec::ChronologyKind::parse(k))
            .collect::<Result<_, _>>()?,
        from: date("start date", &args.from)?,
        to: date("end date", &args.to)?,
    };
    for path in [&args.csv, &args.pdf].into_iter().flatten() {
        if path.exists() {
            return Err(Error::invalid(format!(
                "{} already exists; choose another file name.",
                path.display()
            )));
        }
    }
    let (entries, title) = ctx.with_vault(|v| {
        let entries = rec::chronology(v, &filter)?;
        let title = match &filter.child_id {
            Some(id) => rec::get_child(v, id)?.name,
            None => v.name()?,
        };
        Ok((entries, title))
    })?;
    if let Some(path) = &args.csv {
        write_new_file(path, rec::chronology_csv(&entries).as_bytes())?;
    }
    if let Some(path) = &args.pdf {
        write_new_file(path, &rec::chronology_pdf(&title, &entries)?)?;
    }
    if args.csv.is_some() || args.pdf.is_some() {
        let written: Vec<String> =
            [&args.csv, &args.pdf].into_iter().flatten().map(|p| p.display().to_string()).collect();
        ctx.print(json!({ "rows": entries.len(), "written": written }), || {
            format!("Wrote {} chronology entries to {}.", entries.len(), written.join(" and "))
        });
        return Ok(());
    }
    ctx.print(to_json(&entries), || {
        entries
            .iter()
            .map(|e| {
                format!(
                    "{:<12} {:<12} {:<14} {}",
                    british_date(e.date),
                    e.kind.label(),
                    e.child_name.as_deref().unwrap_or(""),
                    e.title
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}
