//! `provision add|check`: a plan's provision items and the check of their wording.

use carefile::record as rec;
use carefile::Error;
use clap::Subcommand;

use super::{date, to_json};
use crate::vault_cmd::Context;

// Parsed once per run: the size of the largest variant doesn't matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum ProvisionCommand {
    /// Add a provision item (section F, G, H1 or H2) to the version being entered.
    Add {
        plan: String,
        #[arg(long, default_value = "F")]
        section: String,
        #[arg(long)]
        what: String,
        /// A need it meets (id); repeatable.
        #[arg(long = "need")]
        needs: Vec<String>,
        /// Who delivers it (role).
        #[arg(long)]
        who: Option<String>,
        #[arg(long)]
        qualification: Option<String>,
        /// How many sessions per --per.
        #[arg(long, requires = "per")]
        times: Option<u32>,
        /// day, week, term or year.
        #[arg(long, requires = "times")]
        per: Option<String>,
        /// Minutes per session.
        #[arg(long)]
        minutes: Option<u32>,
        #[arg(long)]
        group: Option<String>,
        #[arg(long = "where")]
        place: Option<String>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        #[arg(long)]
        funded_by: Option<String>,
    },
    /// Check the provision: vague wording, missing how often/how long/who, needs without provision.
    Check {
        plan: String,
        #[arg(long)]
        version: Option<i64>,
    },
}

pub fn provision(ctx: &Context, cmd: ProvisionCommand) -> Result<(), Error> {
    match cmd {
        ProvisionCommand::Add {
            plan,
            section,
            what,
            needs,
            who,
            qualification,
            times,
            per,
            minutes,
            group,
            place,
            start,
            end,
            funded_by,
        } => {
            let frequency = match (times, per) {
                (Some(times), Some(per)) => {
                    Some(rec::Frequency { times, per: rec::Per::parse(&per)? })
                }
                _ => None,
            };
            let input = rec::NewProvision {
                section: rec::Section::parse(&section)?,
                what,
                need_ids: needs,
                who,
                qualification,
                frequency,
                minutes,
                group_size: group,
                place,
                start: date("start date", &start)?,
                end: date("end date", &end)?,
                funded_by,
            };
            let item = ctx.with_vault(|v| rec::add_provision(v, &plan, &input))?;
            ctx.print(to_json(&item), || {
                format!("Provision added to section {}, id {}.", item.section, item.id)
            });
        }
        ProvisionCommand::Check { plan, version } => {
            let findings = ctx.with_vault(|v| rec::check_provision(v, &plan, version))?;
            ctx.print(to_json(&findings), || {
                if findings.is_empty() {
                    return "No problems found: every need has provision, and every item says how often, how long and who.".into();
                }
                findings
                    .iter()
                    .map(|f| match &f.phrase {
                        Some(p) => format!("Section {}: \"{p}\" in \"{}\". {}", f.section, f.excerpt, f.message),
                        None => format!("Section {}: \"{}\". {}", f.section, f.excerpt, f.message),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}
