//! `workdoc …`: argument parsing and printing over `carefile::workdoc`, the tribunal working
//! document. The `--json` shapes are a contract scripts rely on (issue 15).

use std::path::PathBuf;

use carefile::record::Section;
use carefile::workdoc::{self, EvidenceInput, NewWorkdoc, Party, RowStatus, Workdoc, WorkdocRow};
use carefile::Error;
use clap::Subcommand;
use serde_json::{json, Value};

use crate::vault_cmd::{write_new_file, Context};

#[derive(Subcommand)]
pub enum WorkdocCommand {
    /// Make a working document from a plan: one row per need, provision item, outcome, placement
    /// line or paragraph in the chosen sections.
    Create {
        #[arg(long)]
        child: String,
        /// The plan (default: the child's latest).
        #[arg(long)]
        plan: Option<String>,
        /// The plan version (default: the newest issued one).
        #[arg(long)]
        plan_version: Option<i64>,
        /// The sections under appeal, comma-separated (default: B,F,I).
        #[arg(long, value_delimiter = ',')]
        sections: Vec<String>,
    },
    /// Record the family's or the LA's proposed wording for a row (empty text takes it away).
    Propose {
        id: String,
        #[arg(long)]
        row: u32,
        /// parent or la.
        #[arg(long)]
        by: String,
        #[arg(long)]
        text: String,
        /// Evidence as DOC, DOC:PAGE or DOC:PAGE:PARA; repeat for more.
        #[arg(long = "evidence", value_name = "DOC[:PAGE[:PARA]]")]
        evidence: Vec<String>,
    },
    /// Mark a row agreed (with the wording both sides accept).
    Agree {
        id: String,
        #[arg(long)]
        row: u32,
        #[arg(long)]
        text: Option<String>,
    },
    /// Show a working document, row by row.
    Show {
        id: String,
        /// A version number (default: the newest).
        #[arg(long)]
        version: Option<i64>,
    },
    /// A child's working documents.
    List {
        #[arg(long)]
        child: String,
    },
    /// What changed between two versions.
    Compare { id: String, from: i64, to: i64 },
    /// Write the working document as .docx or PDF (in the Tribunal's key). The version written is
    /// kept as sent; the next change starts a new version.
    Export {
        id: String,
        #[arg(long, value_name = "FILE.docx", required_unless_present = "pdf")]
        docx: Option<PathBuf>,
        #[arg(long, value_name = "FILE.pdf")]
        pdf: Option<PathBuf>,
        #[arg(long)]
        version: Option<i64>,
    },
    /// Read the other side's .docx back into a new version of the child's working document.
    Import {
        file: PathBuf,
        #[arg(long)]
        child: String,
    },
}

fn row_json(r: &WorkdocRow) -> Value {
    json!({
        "row": r.row,
        "section": r.section,
        "kind": r.kind,
        "itemId": r.item_id,
        "label": r.label,
        "original": r.original,
        "family": r.family,
        "la": r.la,
        "agreed": r.agreed,
        "status": r.status,
        "evidence": r.evidence,
        "flags": r.flags,
        "markup": r.markup,
    })
}

fn workdoc_json(w: &Workdoc) -> Value {
    json!({
        "id": w.id,
        "version": w.version.number,
        "dated": w.version.dated,
        "frozen": w.version.frozen,
        "childId": w.child_id,
        "planId": w.plan_id,
        "planVersion": w.plan_version,
        "sections": w.sections,
        "versions": w.versions,
        "rows": w.rows.iter().map(row_json).collect::<Vec<_>>(),
        "unplaced": w.unplaced,
    })
}

fn status_words(s: RowStatus) -> &'static str {
    match s {
        RowStatus::Agreed => "agreed",
        RowStatus::Disputed => "disputed",
        RowStatus::NotDiscussed => "not yet discussed",
    }
}

fn human(w: &Workdoc) -> String {
    let mut out = format!(
        "Working document {} (version {}, {}), from plan version {}\n",
        w.id, w.version.number, w.version.dated, w.plan_version
    );
    for r in &w.rows {
        out.push_str(&format!(
            "\n{:>3}. [{}] {}: {}\n",
            r.row,
            r.section,
            status_words(r.status),
            r.original
        ));
        if let Some(f) = &r.family {
            out.push_str(&format!("     family: {f}\n"));
        }
        if let Some(l) = &r.la {
            out.push_str(&format!("     LA:     {l}\n"));
        }
        if let Some(a) = &r.agreed {
            out.push_str(&format!("     agreed: {a}\n"));
        }
        for e in &r.evidence {
            out.push_str(&format!("     evidence ({}): {}\n", e.by, e.citation));
        }
        for f in &r.flags {
            out.push_str(&format!("     check: \"{}\" — {}\n", f.phrase, f.message));
        }
    }
    if !w.unplaced.is_empty() {
        out.push_str(&format!(
            "\n{} piece(s) of wording from the imported file matched no row:\n",
            w.unplaced.len()
        ));
        for u in &w.unplaced {
            out.push_str(&format!("  - {}\n", u.original));
        }
    }
    out.trim_end().to_owned()
}

pub fn workdoc(ctx: &Context, cmd: WorkdocCommand) -> Result<(), Error> {
    match cmd {
        WorkdocCommand::Create { child, plan, plan_version, sections } => {
            let sections =
                sections.iter().map(|s| Section::parse(s)).collect::<Result<Vec<_>, _>>()?;
            let input = NewWorkdoc { child_id: child, plan_id: plan, plan_version, sections };
            let w = ctx.with_vault(|v| workdoc::create_workdoc(v, &input))?;
            ctx.print(workdoc_json(&w), || human(&w));
        }
        WorkdocCommand::Propose { id, row, by, text, evidence } => {
            let by = Party::parse(&by)?;
            let evidence =
                evidence.iter().map(|e| EvidenceInput::parse(e)).collect::<Result<Vec<_>, _>>()?;
            let w = ctx.with_vault(|v| workdoc::propose(v, &id, row, by, &text, &evidence))?;
            ctx.print(workdoc_json(&w), || {
                format!("Row {row}: proposal recorded (version {}).", w.version.number)
            });
        }
        WorkdocCommand::Agree { id, row, text } => {
            let w = ctx.with_vault(|v| workdoc::agree(v, &id, row, text.as_deref()))?;
            ctx.print(workdoc_json(&w), || {
                format!("Row {row}: agreed (version {}).", w.version.number)
            });
        }
        WorkdocCommand::Show { id, version } => {
            let (w, moved) = ctx.with_vault(|v| {
                Ok((workdoc::get_workdoc(v, &id, version)?, workdoc::rows_moved(v, &id)?))
            })?;
            let mut value = workdoc_json(&w);
            value["moved"] = json!(moved);
            ctx.print(value, || {
                let mut text = human(&w);
                for m in &moved {
                    text.push_str(&format!(
                        "\nRow {} reads differently in plan version {}: {}",
                        m.row,
                        m.plan_version,
                        m.now.as_deref().unwrap_or("(taken out of the plan)")
                    ));
                }
                text
            });
        }
        WorkdocCommand::List { child } => {
            let list = ctx.with_vault(|v| workdoc::list_workdocs(v, &child))?;
            ctx.print(json!(list), || {
                if list.is_empty() {
                    return "No working documents yet. Make one with `carefile workdoc create --child ID`.".into();
                }
                list.iter()
                    .map(|s| {
                        format!(
                            "{}  version {} ({})  {} rows: {} disputed, {} agreed",
                            s.id, s.latest.number, s.latest.dated, s.rows, s.disputed, s.agreed
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        WorkdocCommand::Compare { id, from, to } => {
            let c = ctx.with_vault(|v| workdoc::compare_workdoc_versions(v, &id, from, to))?;
            ctx.print(json!(c), || {
                if c.rows.is_empty() {
                    return format!("Nothing changed between version {from} and version {to}.");
                }
                c.rows
                    .iter()
                    .map(|r| {
                        format!(
                            "Row {} [{}]: {} → {}",
                            r.row,
                            r.section,
                            r.status_from.map(status_words).unwrap_or("(none)"),
                            r.status_to.map(status_words).unwrap_or("(none)")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        WorkdocCommand::Export { id, docx, pdf, version } => {
            let mut written = Vec::new();
            let mut warning = None;
            let mut pages = None;
            ctx.with_vault(|v| {
                if let Some(path) = &docx {
                    write_new_file(path, &workdoc::export_docx(v, &id, version)?)?;
                    written.push(path.display().to_string());
                }
                if let Some(path) = &pdf {
                    let out = workdoc::export_pdf(v, &id, version)?;
                    write_new_file(path, &out.bytes)?;
                    written.push(path.display().to_string());
                    pages = Some(out.pages);
                    if out.over_limit {
                        warning = Some(format!(
                            "The PDF has {} pages; the Tribunal's limit for the working document is {}.",
                            out.pages,
                            workdoc::PAGE_LIMIT
                        ));
                    }
                }
                if version.is_none() {
                    workdoc::freeze_version(v, &id)?;
                }
                Ok(())
            })?;
            if let Some(w) = &warning {
                if !ctx.json {
                    eprintln!("warning: {w}");
                }
            }
            ctx.print(json!({ "written": written, "pages": pages, "warning": warning }), || {
                format!("Wrote {}.", written.join(" and "))
            });
        }
        WorkdocCommand::Import { file, child } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Error::io(format!("Could not read {}", file.display()), e))?;
            let imported = ctx.with_vault(|v| workdoc::import_docx(v, &child, &bytes))?;
            let mut value = workdoc_json(&imported.workdoc);
            value["matched"] = json!(imported.matched);
            ctx.print(value, || {
                format!(
                    "Read {} into version {}: {} row(s) matched, {} piece(s) of wording to place.\n\n{}",
                    file.display(),
                    imported.workdoc.version.number,
                    imported.matched.len(),
                    imported.unplaced.len(),
                    human(&imported.workdoc)
                )
            });
        }
    }
    Ok(())
}
