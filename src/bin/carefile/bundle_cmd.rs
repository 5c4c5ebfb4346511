//! `bundle plan|build|save|list|delete|issues|reissue` (`check` is in `bundle_check_cmd.rs`): argument parsing and printing over
//! `carefile::bundle`.
//!
//! `plan` and `build` take the same arguments; `--json` prints the contract of
//! `carefile::bundle::contract_json` (snake_case keys, page numbers as in the PDF).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use carefile::bundle::{
    self, AppealType, BuildProgress, BundleOptions, Numbering, PackKind, PackRequest,
};
use carefile::record::parse_date;
use carefile::Error;
use clap::{Args, Subcommand};
use serde_json::json;

use crate::vault_cmd::{to_json, write_new_file, Context};

#[derive(Args, Clone)]
pub struct PackArgs {
    /// The child the pack is about.
    #[arg(long)]
    child: Option<String>,
    /// tribunal, annual-review, complaint or custom.
    #[arg(long, default_value = "tribunal")]
    kind: String,
    /// For a tribunal bundle: refusal-to-assess, refusal-to-issue, contents, school, cease or extended.
    #[arg(long)]
    appeal_type: Option<String>,
    /// The hearing date, YYYY-MM-DD (expert reports are judged 3 years back from it).
    #[arg(long)]
    hearing: Option<String>,
    /// A saved pack to plan or build instead of the default for the child.
    #[arg(long, value_name = "ID")]
    pack: Option<String>,
    /// Put only these documents in, in this order, one section per --section (repeat --doc).
    #[arg(long = "doc", value_name = "ID")]
    docs: Vec<String>,
    /// Annual review: the date of the last review, YYYY-MM-DD.
    #[arg(long)]
    last_review: Option<String>,
    /// Annual review: the parent's views, read from this text file (`-` reads them from stdin).
    #[arg(long, value_name = "FILE")]
    parent_views: Option<PathBuf>,
    /// Annual review: the child's views, read from this text file (`-` reads them from stdin).
    #[arg(long, value_name = "FILE")]
    child_views: Option<PathBuf>,
    /// Annual review: the changes you are asking for, read from this text file (`-`: stdin).
    #[arg(long, value_name = "FILE")]
    requested_changes: Option<PathBuf>,
    /// Judge warnings on this date instead of today, YYYY-MM-DD.
    #[arg(long)]
    today: Option<String>,
    #[arg(long)]
    title: Option<String>,
    /// Print edition: each section and document starts on a right-hand page.
    #[arg(long, alias = "print-edition")]
    print: bool,
    /// Numbers like B12 (the section letter before the page number).
    #[arg(long)]
    section_prefix: bool,
    /// "Page 12 of 340" rather than "12".
    #[arg(long)]
    page_of_total: bool,
}

#[derive(Subcommand)]
pub enum BundleCommand {
    /// Check a bundle you were sent (the LA's): which of your documents are in it and on which
    /// pages, which are missing, in twice or incomplete, unreadable pages, and a wrong index.
    Check(crate::bundle_check_cmd::CheckArgs),
    /// Show the plan: sections, documents, page numbers, budgets and warnings.
    Plan(PackArgs),
    /// Build the pack as one PDF.
    Build {
        #[command(flatten)]
        pack: PackArgs,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Save the pack's choices in the vault, to rebuild later with --pack.
    Save(PackArgs),
    /// The saved packs.
    List {
        #[arg(long)]
        child: Option<String>,
        /// Only this family's packs (`carefile caseload` shows the ids).
        #[arg(long)]
        family: Option<String>,
    },
    /// Delete a saved pack (the documents in it are not touched).
    Delete { id: String },
    /// Every build of a saved pack, and where each re-issue's late additions start.
    Issues { pack: String },
    /// Re-issue a saved pack's last build with late additions: the new documents go after every
    /// earlier page, numbered on, so page references already made stay true. Without --add, lists
    /// the documents that could be added.
    Reissue {
        /// The saved pack (`carefile bundle list` shows them); it must have been built.
        #[arg(long)]
        pack: String,
        /// A document to add (repeat for more; `carefile bundle reissue --pack ID` lists them).
        #[arg(long = "add", value_name = "DOC")]
        add: Vec<String>,
        /// The date of the re-issue, YYYY-MM-DD (default: today).
        #[arg(long)]
        today: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
    },
}

/// The texts of --parent-views, --child-views and --requested-changes, read before the vault is
/// opened. Only one of them may be `-` (stdin can be read once).
#[derive(Default)]
struct Views {
    parent: Option<String>,
    child: Option<String>,
    changes: Option<String>,
}

fn read_views(a: &PackArgs) -> Result<Views, Error> {
    let given = [
        ("--parent-views", &a.parent_views),
        ("--child-views", &a.child_views),
        ("--requested-changes", &a.requested_changes),
    ];
    let from_stdin: Vec<&str> = given
        .iter()
        .filter(|(_, f)| f.as_deref() == Some(Path::new("-")))
        .map(|(n, _)| *n)
        .collect();
    if from_stdin.len() > 1 {
        return Err(Error::invalid(format!(
            "Only one of {} can read from stdin (-); give the others as files.",
            from_stdin.join(" and ")
        )));
    }
    let read = |flag: &str, file: &Option<PathBuf>| -> Result<Option<String>, Error> {
        let Some(file) = file else { return Ok(None) };
        let text = if file.as_path() == Path::new("-") {
            std::io::read_to_string(std::io::stdin())
                .map_err(|e| Error::io(format!("Could not read {flag} from stdin"), e))?
        } else {
            std::fs::read_to_string(file).map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    Error::invalid(format!(
                        "There is no file {} (given with {flag}). Check the name, or write the text into a file first.",
                        file.display()
                    ))
                } else {
                    Error::io(format!("Could not read {} (given with {flag})", file.display()), e)
                }
            })?
        };
        Ok(Some(text))
    };
    Ok(Views {
        parent: read(given[0].0, given[0].1)?,
        child: read(given[1].0, given[1].1)?,
        changes: read(given[2].0, given[2].1)?,
    })
}

fn request(
    ctx_vault: &carefile::vault::Vault,
    a: &PackArgs,
    views: Views,
) -> Result<PackRequest, Error> {
    let mut req = match &a.pack {
        Some(id) => bundle::get_pack(ctx_vault, id)?.request,
        None => PackRequest::default(),
    };
    if a.pack.is_none() || a.child.is_some() {
        req.child_id = a.child.clone().ok_or_else(|| {
            Error::invalid("Say which child the pack is for with --child ID (`carefile child list` shows them).")
        })?;
    }
    if a.pack.is_none() {
        req.kind = Some(PackKind::parse(&a.kind)?);
    }
    if let Some(t) = &a.appeal_type {
        req.appeal_type = Some(AppealType::parse(t)?);
    }
    if let Some(h) = &a.hearing {
        req.hearing = Some(parse_date("hearing date", h)?);
    }
    if let Some(d) = &a.last_review {
        req.last_review = Some(parse_date("date of the last review", d)?);
    }
    if views.parent.is_some() {
        req.parent_views = views.parent;
    }
    if views.child.is_some() {
        req.child_views = views.child;
    }
    if views.changes.is_some() {
        req.requested_changes = views.changes;
    }
    if let Some(d) = &a.today {
        req.today = Some(parse_date("date", d)?);
    }
    if a.title.is_some() {
        req.title = a.title.clone();
    }
    if !a.docs.is_empty() {
        let template = bundle::template_for(req.kind.unwrap_or(PackKind::Custom), req.appeal_type);
        let mut spec =
            template.sections.into_iter().find(|s| s.extract.is_none()).unwrap_or_else(|| {
                bundle::SectionSpec {
                    letter: "A".into(),
                    title: "Documents".into(),
                    budget: None,
                    kinds: vec![],
                    extract: None,
                }
            });
        spec.letter = "A".into();
        req.sections = vec![bundle::PackDocumentChoice {
            spec,
            document_ids: a.docs.clone(),
            order: bundle::DocumentOrder::AsGiven,
        }];
    }
    req.options = BundleOptions {
        print_edition: a.print || req.options.print_edition,
        numbering: if a.section_prefix {
            Numbering::SectionPrefixed
        } else {
            req.options.numbering
        },
        page_of_total: a.page_of_total || req.options.page_of_total,
        author: req.options.author.clone(),
    };
    Ok(req)
}

/// A one-line bar on a terminal; nothing when stderr is a pipe or JSON was asked for.
pub(crate) fn bar(show: bool) -> impl FnMut(BuildProgress) {
    let tty = show && std::io::stderr().is_terminal();
    move |p: BuildProgress| {
        if !tty {
            return;
        }
        let width = 30;
        let filled =
            (p.done as usize * width).checked_div(p.total as usize).unwrap_or(0).min(width);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r[{}{}] {:>3}/{} {:<50.50}",
            "#".repeat(filled),
            " ".repeat(width - filled),
            p.done,
            p.total,
            p.step
        );
        if p.done >= p.total {
            let _ = writeln!(err);
        }
        let _ = err.flush();
    }
}

/// `2025-11-14T10:00:00Z` as `14 Nov 2025`; anything else as it is.
fn day(stamp: &str) -> String {
    stamp
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_else(|| stamp.to_string())
}

fn pack_line(p: &bundle::SavedPack) -> String {
    let built = match (&p.last_built, p.last_pages, &p.last_fingerprint) {
        (Some(when), Some(pages), Some(f)) => format!(
            "last built {}, {pages} pages, fingerprint {}",
            day(when),
            bundle::short_fingerprint(f)
        ),
        _ => "not built yet".to_string(),
    };
    format!("{}  {}  ({}; {built})", p.id, p.title, p.kind.label())
}

fn issue_line(i: &bundle::PackIssue) -> String {
    let late = match i.late_from {
        Some(p) => format!("; late additions from page {p}"),
        None => String::new(),
    };
    format!(
        "Issue {}: built {}, {} pages, fingerprint {}{late}",
        i.issue,
        day(&i.built),
        i.pages,
        bundle::short_fingerprint(&i.fingerprint)
    )
}

pub fn bundle(ctx: &Context, command: BundleCommand) -> Result<(), Error> {
    // Views files (and stdin) are read before the vault is opened, so a missing file is reported
    // before a passphrase is asked for.
    let views = match &command {
        BundleCommand::Plan(a) | BundleCommand::Save(a) | BundleCommand::Build { pack: a, .. } => {
            read_views(a)?
        }
        _ => Views::default(),
    };
    let mut vault = ctx.open()?;
    match command {
        BundleCommand::Plan(a) => {
            let req = request(&vault, &a, views)?;
            let plan = bundle::plan_pack(&vault, &req)?;
            ctx.print(bundle::contract_json(&plan, None, None), || bundle::human_summary(&plan));
        }
        BundleCommand::Build { pack, out } => {
            let req = request(&vault, &pack, views)?;
            if out.exists() {
                return Err(Error::invalid(format!(
                    "{} already exists; choose another file name.",
                    out.display()
                )));
            }
            let built = bundle::build_pack(&vault, &req, &mut bar(!ctx.json))?;
            write_new_file(&out, &built.bytes)?;
            // Noted only once the file is written, so a failed write leaves the pack as it was.
            if let Some(id) = &pack.pack {
                bundle::record_pack_build(&vault, id, &built)?;
            }
            let shown = out.display().to_string();
            ctx.print(
                bundle::contract_json(&built.plan, Some(&shown), Some(&built.sha256)),
                || {
                    format!(
                        "{}\nWrote {shown} ({} pages, SHA-256 {}).",
                        bundle::human_summary(&built.plan),
                        built.plan.total_pages,
                        built.sha256
                    )
                },
            );
        }
        BundleCommand::Save(a) => {
            let req = request(&vault, &a, views)?;
            let saved = bundle::save_pack(&vault, a.pack.as_deref(), &req)?;
            ctx.print(to_json(&saved), || format!("Saved \"{}\" as {}.", saved.title, saved.id));
        }
        BundleCommand::List { child, family } => {
            let mut packs = bundle::list_packs(&vault, child.as_deref())?;
            if let Some(f) = family {
                let children = carefile::record::get_family(&vault, &f)?.child_ids;
                packs.retain(|p| children.contains(&p.child_id));
            }
            ctx.print(json!(packs), || {
                if packs.is_empty() {
                    return "No saved packs yet. Save one with `carefile bundle save`.".into();
                }
                packs.iter().map(pack_line).collect::<Vec<_>>().join("\n")
            });
        }
        BundleCommand::Issues { pack } => {
            let issues = bundle::list_pack_issues(&vault, &pack)?;
            ctx.print(json!(issues), || {
                if issues.is_empty() {
                    return "Not built yet.".into();
                }
                issues.iter().map(issue_line).collect::<Vec<_>>().join("\n")
            });
        }
        BundleCommand::Reissue { pack, add, today, out } => {
            if add.is_empty() {
                let docs = bundle::reissue_candidates(&vault, &pack)?;
                ctx.print(json!(docs), || {
                    if docs.is_empty() {
                        return "Every document of this child is already in the pack.".into();
                    }
                    docs.iter()
                        .map(|d| {
                            let dated = d.dated.map(|x| x.format("%-d %b %Y").to_string());
                            format!(
                                "{}  {}  ({})",
                                d.id,
                                d.title,
                                dated.as_deref().unwrap_or("undated")
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                });
            } else {
                let out = out.ok_or_else(|| {
                    Error::invalid("Say where to write the re-issued bundle with --out FILE.pdf.")
                })?;
                if out.exists() {
                    return Err(Error::invalid(format!(
                        "{} already exists; choose another file name.",
                        out.display()
                    )));
                }
                let today = today.map(|d| parse_date("date", &d)).transpose()?;
                let built = bundle::reissue_pack(&vault, &pack, &add, today, &mut bar(!ctx.json))?;
                write_new_file(&out, &built.bytes)?;
                let issue = bundle::record_pack_build(&vault, &pack, &built)?;
                let shown = out.display().to_string();
                let mut report =
                    bundle::contract_json(&built.plan, Some(&shown), Some(&built.sha256));
                report["issue"] = json!(issue.issue);
                report["late_from"] = json!(issue.late_from);
                ctx.print(report, || {
                    format!(
                        "{}\nWrote {shown}: issue {}, {} pages; the late additions start on page {}.",
                        bundle::human_summary(&built.plan),
                        issue.issue,
                        built.plan.total_pages,
                        issue.late_from.unwrap_or_default()
                    )
                });
            }
        }
        BundleCommand::Delete { id } => {
            bundle::delete_pack(&vault, &id)?;
            ctx.print(json!({ "deleted": id }), || format!("Deleted the saved pack {id}."));
        }
        BundleCommand::Check(args) => crate::bundle_check_cmd::check(ctx, &mut vault, args)?,
    }
    vault.lock()?;
    Ok(())
}
