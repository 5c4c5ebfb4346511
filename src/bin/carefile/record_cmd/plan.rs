//! `plan add|list|section|need|outcome|issue|show|versions|advice|compare`: plans, their
//! versions and the text of each version.

use carefile::record::{self as rec, british_date, parse_date};
use carefile::Error;
use clap::Subcommand;
use serde_json::json;

use super::{show_date, to_json};
use crate::vault_cmd::Context;

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Add a plan for a child; its first version is ready to fill in.
    Add {
        #[arg(long)]
        child: String,
        /// ehc-plan, sen-support-plan, individual-support-plan or other.
        #[arg(long, default_value = "ehc-plan")]
        kind: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        la: Option<String>,
        #[arg(long)]
        setting: Option<String>,
    },
    /// List plans (one child's with --child).
    List {
        #[arg(long)]
        child: Option<String>,
    },
    /// Set a section's text in the version being entered.
    Section {
        plan: String,
        /// A, B, C, D, E, F, G, H1, H2, I, J or K.
        #[arg(long)]
        section: String,
        #[arg(long)]
        text: String,
        /// The LA's own heading for it.
        #[arg(long)]
        label: Option<String>,
    },
    /// Add a need (section B, C or D).
    Need {
        plan: String,
        #[arg(long, default_value = "B")]
        section: String,
        #[arg(long)]
        area: Option<String>,
        #[arg(long)]
        text: String,
    },
    /// Add an outcome (section E).
    Outcome {
        plan: String,
        #[arg(long)]
        text: String,
        /// employment, independent-living, community or health.
        #[arg(long)]
        pfa: Option<String>,
    },
    /// Issue the version being entered (draft, final or amended); it is then kept unchanged.
    Issue {
        plan: String,
        #[arg(long)]
        stage: String,
        /// The date on the issued plan, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Show a plan version (the newest unless --version).
    Show {
        plan: String,
        #[arg(long)]
        version: Option<i64>,
    },
    /// List a plan's versions.
    Versions { plan: String },
    /// Section K: list the advice documents, or link or unlink one of the child's documents.
    Advice {
        plan: String,
        /// A document to list as advice (id from `carefile doc list --child ID`).
        #[arg(long, value_name = "DOC", conflicts_with = "unlink")]
        link: Option<String>,
        /// A document to take out of Section K (it stays in the vault).
        #[arg(long, value_name = "DOC")]
        unlink: Option<String>,
    },
    /// Compare two versions word by word.
    Compare {
        plan: String,
        #[arg(long)]
        from: i64,
        #[arg(long)]
        to: i64,
    },
}

pub fn plan(ctx: &Context, cmd: PlanCommand) -> Result<(), Error> {
    match cmd {
        PlanCommand::Add { child, kind, title, la, setting } => {
            let input = rec::NewPlan {
                child_id: child,
                kind: rec::PlanKind::parse(&kind)?,
                title,
                local_authority: la,
                named_setting: setting,
                caseworker_id: None,
            };
            let p = ctx.with_vault(|v| rec::add_plan(v, &input))?;
            ctx.print(to_json(&p), || {
                format!(
                    "Added the {} for the child, id {}. Now add its sections, needs and provision.",
                    p.title, p.id
                )
            });
        }
        PlanCommand::List { child } => {
            let plans = ctx.with_vault(|v| rec::list_plans(v, child.as_deref()))?;
            ctx.print(to_json(&plans), || {
                plans
                    .iter()
                    .map(|p| format!("{}  {} ({})", p.id, p.title, p.status))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        PlanCommand::Section { plan, section, text, label } => {
            let section = rec::Section::parse(&section)?;
            let v =
                ctx.with_vault(|v| rec::set_section(v, &plan, section, label.as_deref(), &text))?;
            ctx.print(to_json(&v), || format!("Section {section} saved in version {}.", v.number));
        }
        PlanCommand::Need { plan, section, area, text } => {
            let input = rec::NewNeed { section: rec::Section::parse(&section)?, area, text };
            let n = ctx.with_vault(|v| rec::add_need(v, &plan, &input))?;
            ctx.print(to_json(&n), || format!("Need added to section {}, id {}.", n.section, n.id));
        }
        PlanCommand::Outcome { plan, text, pfa } => {
            let input = rec::NewOutcome {
                text,
                pfa_area: pfa.as_deref().map(rec::PfaArea::parse).transpose()?,
                by_when: None,
            };
            let o = ctx.with_vault(|v| rec::add_outcome(v, &plan, &input))?;
            ctx.print(to_json(&o), || format!("Outcome added, id {}.", o.id));
        }
        PlanCommand::Issue { plan, stage, date, note } => {
            let stage = rec::Stage::parse(&stage)?;
            let date = parse_date("issue date", &date)?;
            let v =
                ctx.with_vault(|v| rec::issue_version(v, &plan, stage, date, note.as_deref()))?;
            ctx.print(to_json(&v), || {
                format!(
                    "Version {} issued as the {stage} plan of {}; it is now kept unchanged.",
                    v.number,
                    british_date(date)
                )
            });
        }
        PlanCommand::Show { plan, version } => {
            let (p, v) = ctx.with_vault(|vault| {
                Ok((rec::get_plan(vault, &plan)?, rec::get_version(vault, &plan, version)?))
            })?;
            ctx.print(json!({ "plan": p, "version": v }), || show_version(&p, &v));
        }
        PlanCommand::Versions { plan } => {
            let versions = ctx.with_vault(|v| rec::list_versions(v, &plan))?;
            ctx.print(to_json(&versions), || {
                versions
                    .iter()
                    .map(|v| match v.stage {
                        Some(stage) => {
                            format!("{}  {stage:<8} issued {}", v.number, show_date(v.issued))
                        }
                        None => format!("{}  being entered", v.number),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        PlanCommand::Advice { plan, link, unlink } => {
            let docs = ctx.with_vault(|v| match (&link, &unlink) {
                (Some(doc), _) => carefile::advice::link_advice(v, &plan, doc),
                (None, Some(doc)) => carefile::advice::unlink_advice(v, &plan, doc),
                (None, None) => carefile::advice::list_advice(v, &plan),
            })?;
            ctx.print(to_json(&docs), || {
                let mut out = match (&link, &unlink) {
                    (Some(_), _) => "Linked. ".to_string(),
                    (None, Some(_)) => "Taken out of Section K. ".to_string(),
                    (None, None) => String::new(),
                };
                if docs.is_empty() {
                    out.push_str("No advice is listed in this plan's Section K yet.");
                    return out;
                }
                out.push_str("Section K advice:");
                for d in &docs {
                    out.push_str(&format!(
                        "\n- {:<12} {}{}  ({})",
                        show_date(d.dated),
                        d.title,
                        d.author.as_ref().map(|a| format!(", by {a}")).unwrap_or_default(),
                        d.id
                    ));
                }
                out
            });
        }
        PlanCommand::Compare { plan, from, to } => {
            let c = ctx.with_vault(|v| rec::compare_versions(v, &plan, from, to))?;
            ctx.print(to_json(&c), || {
                let changed: Vec<String> = c
                    .sections
                    .iter()
                    .filter(|s| s.changed)
                    .map(|s| {
                        let text: Vec<String> = s
                            .segments
                            .iter()
                            .map(|seg| match seg.kind {
                                rec::DiffKind::Same => seg.text.clone(),
                                rec::DiffKind::Added => format!("{{+{}+}}", seg.text),
                                rec::DiffKind::Removed => format!("[-{}-]", seg.text),
                            })
                            .collect();
                        format!("Section {} ({}):\n  {}", s.section, s.title, text.join(" "))
                    })
                    .collect();
                if changed.is_empty() {
                    format!("Versions {from} and {to} say the same.")
                } else {
                    changed.join("\n\n")
                }
            });
        }
    }
    Ok(())
}

fn show_version(p: &rec::Plan, v: &rec::PlanVersion) -> String {
    let mut out = format!(
        "{} ({}), version {}{}",
        p.title,
        p.status,
        v.summary.number,
        v.summary
            .stage
            .map(|s| format!(", {s} issued {}", show_date(v.summary.issued)))
            .unwrap_or_else(|| ", being entered".into())
    );
    for s in &v.sections {
        out.push_str(&format!(
            "\n\nSection {} ({})\n{}",
            s.section,
            s.label.as_deref().unwrap_or(s.section.title()),
            s.text
        ));
    }
    for n in &v.needs {
        out.push_str(&format!("\n- need {} [{}]: {}", n.section, n.id, n.text));
    }
    for o in &v.outcomes {
        out.push_str(&format!("\n- outcome [{}]: {}", o.id, o.text));
    }
    for item in &v.provision {
        out.push_str(&format!("\n- provision {} [{}]: {}", item.section, item.id, item.describe()));
    }
    out
}
