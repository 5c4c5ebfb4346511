//! `child` (its photo in `photo.rs`), `person` (in `people.rs`), `terms` (in `terms.rs`), `log`, `plan`, `provision`, `delivery`, `chronology` and `demo`: argument
//! parsing and printing over `carefile::record`.

use std::path::PathBuf;

use carefile::record::{self as rec, british_date, parse_date};
use carefile::vault;
use carefile::Error;
use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;
use serde_json::json;

use crate::vault_cmd::{write_new_file, Context};

mod people;
mod photo;
mod terms;
pub use people::{person, PersonCommand};
pub use terms::{terms, TermsCommand};

fn date(label: &str, text: &Option<String>) -> Result<Option<NaiveDate>, Error> {
    text.as_deref().map(|t| parse_date(label, t)).transpose()
}

fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

fn show_date(d: Option<NaiveDate>) -> String {
    d.map(british_date).unwrap_or_else(|| "-".into())
}

#[derive(Subcommand)]
pub enum ChildCommand {
    /// Add a child to the vault.
    Add {
        #[arg(long)]
        name: String,
        /// Date of birth, YYYY-MM-DD.
        #[arg(long)]
        dob: String,
        #[arg(long)]
        preferred_name: Option<String>,
        /// The local authority.
        #[arg(long)]
        la: Option<String>,
        /// The school, college or nursery.
        #[arg(long)]
        setting: Option<String>,
    },
    /// List the children in the vault.
    List,
    /// Show one child.
    Show { id: String },
    /// Set the child's photo from a JPEG or PNG file (up to 5 MB), or remove it with --remove.
    Photo {
        id: String,
        /// The photo: a JPEG or PNG file.
        #[arg(required_unless_present = "remove", conflicts_with = "remove")]
        file: Option<PathBuf>,
        /// Remove the child's photo.
        #[arg(long)]
        remove: bool,
    },
}

pub fn child(ctx: &Context, cmd: ChildCommand) -> Result<(), Error> {
    match cmd {
        ChildCommand::Add { name, dob, preferred_name, la, setting } => {
            let input = rec::NewChild {
                name,
                preferred_name,
                dob: parse_date("date of birth", &dob)?,
                local_authority: la,
                setting,
                about_me: rec::AboutMe::default(),
            };
            let c = ctx.with_vault(|v| rec::add_child(v, &input))?;
            ctx.print(to_json(&c), || {
                format!("Added {} ({}), id {}.", c.name, c.year_group.label, c.id)
            });
        }
        ChildCommand::List => {
            let children = ctx.with_vault(|v| rec::list_children(v))?;
            ctx.print(to_json(&children), || {
                if children.is_empty() {
                    return "No children yet. Add one with `carefile child add`.".into();
                }
                children
                    .iter()
                    .map(|c| {
                        format!(
                            "{}  {:<24} born {:<12} {}",
                            c.id,
                            c.name,
                            british_date(c.dob),
                            c.year_group.label
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ChildCommand::Show { id } => {
            let (c, photo) =
                ctx.with_vault(|v| Ok((rec::get_child(v, &id)?, rec::child_photo_info(v, &id)?)))?;
            let mut value = to_json(&c);
            value["photo"] = to_json(&photo);
            ctx.print(value, || {
                format!(
                    "{}{}\nBorn:       {} ({})\nLA:         {}\nSetting:    {}\nPhoto:      {}\nId:         {}",
                    c.name,
                    c.preferred_name.as_ref().map(|p| format!(" (\"{p}\")")).unwrap_or_default(),
                    british_date(c.dob),
                    c.year_group.label,
                    c.local_authority.as_deref().unwrap_or("-"),
                    c.setting.as_deref().unwrap_or("-"),
                    photo::describe(photo.as_ref()),
                    c.id
                )
            });
        }
        ChildCommand::Photo { id, file, remove } => {
            photo::photo(ctx, &id, file.as_deref(), remove)?
        }
    }
    Ok(())
}

// Parsed once per run: the size of the largest variant doesn't matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum LogCommand {
    /// Record a letter, email, call, meeting or text.
    Add {
        /// letter, email, call, meeting or text.
        #[arg(long)]
        kind: String,
        /// in (received, or they called) or out (sent, or you called).
        #[arg(long)]
        direction: String,
        #[arg(long)]
        subject: String,
        #[arg(long)]
        child: Option<String>,
        /// The person or organisation (id from `carefile person list`).
        #[arg(long)]
        person: Option<String>,
        /// The date on it; for a call or meeting, the day it happened (YYYY-MM-DD).
        #[arg(long)]
        dated: Option<String>,
        #[arg(long)]
        sent: Option<String>,
        #[arg(long)]
        received: Option<String>,
        #[arg(long)]
        channel: Option<String>,
        /// Recorded-delivery number, read receipt or hand-delivery receipt.
        #[arg(long)]
        proof: Option<String>,
        #[arg(long, default_value = "")]
        summary: String,
        /// An agreed action as "WHAT|OWNER|YYYY-MM-DD" (owner and due date optional); repeatable.
        #[arg(long = "action")]
        actions: Vec<String>,
    },
    /// List the contact log, oldest first.
    List {
        #[arg(long)]
        child: Option<String>,
    },
}

fn parse_action(text: &str) -> Result<rec::NewAgreedAction, Error> {
    let mut parts = text.split('|').map(str::trim);
    let action = parts.next().unwrap_or_default().to_owned();
    let owner = parts.next().filter(|o| !o.is_empty()).map(str::to_owned);
    let due = parts
        .next()
        .filter(|d| !d.is_empty())
        .map(|d| parse_date("action's due date", d))
        .transpose()?;
    Ok(rec::NewAgreedAction { action, owner, due })
}

pub fn log(ctx: &Context, cmd: LogCommand) -> Result<(), Error> {
    match cmd {
        LogCommand::Add {
            kind,
            direction,
            subject,
            child,
            person,
            dated,
            sent,
            received,
            channel,
            proof,
            summary,
            actions,
        } => {
            let input = rec::NewCorrespondence {
                child_id: child,
                person_id: person,
                kind: rec::CorrespondenceKind::parse(&kind)?,
                direction: rec::Direction::parse(&direction)?,
                subject,
                dated: date("date on it", &dated)?,
                sent: date("date sent", &sent)?,
                received: date("date received", &received)?,
                channel,
                proof_of_delivery: proof,
                summary,
                actions: actions.iter().map(|a| parse_action(a)).collect::<Result<_, _>>()?,
            };
            let e = ctx.with_vault(|v| rec::add_correspondence(v, &input))?;
            ctx.print(to_json(&e), || {
                let mut out =
                    format!("Logged: {} ({}), id {}.", e.subject, british_date(e.date), e.id);
                if let Some(note) = &e.follow_up {
                    out.push_str(&format!(
                        "\n\nTo confirm it in writing, you could send:\n\n{note}"
                    ));
                }
                out
            });
        }
        LogCommand::List { child } => {
            let entries = ctx.with_vault(|v| rec::list_correspondence(v, child.as_deref()))?;
            ctx.print(to_json(&entries), || {
                entries
                    .iter()
                    .map(|e| {
                        format!(
                            "{:<12} {:<7} {:<3} {}  ({})",
                            british_date(e.date),
                            e.kind,
                            e.direction,
                            e.subject,
                            e.id
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

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
                (Some(doc), _) => rec::link_advice(v, &plan, doc),
                (None, Some(doc)) => rec::unlink_advice(v, &plan, doc),
                (None, None) => rec::list_advice(v, &plan),
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

#[derive(Subcommand)]
pub enum DeliveryCommand {
    /// Log a session delivered, missed or cancelled.
    Add {
        plan: String,
        /// The provision item's id.
        #[arg(long)]
        provision: String,
        #[arg(long)]
        date: String,
        /// delivered, missed or cancelled.
        #[arg(long, default_value = "delivered")]
        status: String,
        #[arg(long)]
        minutes: Option<u32>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Planned against delivered per provision item (default: this school year to date).
    Summary {
        plan: String,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
    },
}

pub fn delivery(ctx: &Context, cmd: DeliveryCommand) -> Result<(), Error> {
    match cmd {
        DeliveryCommand::Add { plan, provision, date: day, status, minutes, reason, note } => {
            let input = rec::NewDelivery {
                provision_id: provision,
                dated: parse_date("session date", &day)?,
                status: rec::DeliveryStatus::parse(&status)?,
                minutes,
                reason,
                note,
            };
            let s = ctx.with_vault(|v| rec::add_delivery(v, &plan, &input))?;
            ctx.print(to_json(&s), || {
                format!("Logged a session {} on {}.", s.status, british_date(s.dated))
            });
        }
        DeliveryCommand::Summary { plan, from, to } => {
            let today = chrono::Local::now().date_naive();
            let from =
                date("start of the period", &from)?.unwrap_or(rec::school_year_period(today).0);
            let to = date("end of the period", &to)?.unwrap_or(today);
            let rows = ctx.with_vault(|v| rec::delivery_summary(v, &plan, from, to))?;
            ctx.print(json!({ "from": from, "to": to, "items": rows }), || {
                let mut out = format!("From {} to {}:", british_date(from), british_date(to));
                for r in &rows {
                    out.push_str(&format!(
                        "\n- {}: {} ({} missed, {} cancelled)",
                        r.what, r.headline, r.missed, r.cancelled
                    ));
                }
                out
            });
        }
    }
    Ok(())
}

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

/// `carefile demo`: a new vault (passphrase as for `init`) filled with the fictional family: the
/// record, their documents, the dates of their deadlines and a tribunal bundle built once.
pub fn demo(ctx: &Context) -> Result<(), Error> {
    if vault::exists(&ctx.dir) {
        return Err(Error::VaultExists(ctx.dir.clone()));
    }
    let passphrase = crate::secrets::new("CAREFILE_PASSPHRASE", ctx.passphrase_file.as_deref())?;
    let (mut vault, key) =
        vault::create(&ctx.dir, "Demo: the Example family (fictional)", &passphrase, ctx.kdf)?;
    let seeded = carefile::demo::seed(&mut vault)?;
    let grouped = key.reveal_grouped();
    ctx.print(
        json!({
            "path": ctx.dir.display().to_string(),
            "vaultId": vault.id(),
            "recoveryKey": grouped.as_str(),
            "seeded": seeded,
        }),
        || {
            format!(
                "Created a demo vault at {} with a fictional family: {} children, {} log entries, {} delivery sessions, \
                 {} documents ({} in Section K), {} dates for deadlines and a {}-page tribunal bundle \
                 ({} newer documents to add as late additions).\n\
                 Its recovery key (shown only this once): {}",
                ctx.dir.display(),
                seeded.children.len(),
                seeded.correspondence,
                seeded.deliveries,
                seeded.documents,
                seeded.advice,
                seeded.deadline_events,
                seeded.pack_pages,
                seeded.late_additions,
                grouped.as_str()
            )
        },
    );
    vault.lock()
}
