//! `deadlines`: the statutory dates. `calc` needs no vault; everything else reads a child's record.
//! Argument parsing and printing only, over `carefile::milestones` and `carefile::deadlines`.

use std::path::PathBuf;

use carefile::deadlines::{format_uk, Deadline, DutyHolder, ReviewAnchor, WithinStart};
use carefile::milestones::{self as ms, LetterKind, NewRecordedEvent};
use carefile::Error;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::json;

use crate::vault_cmd::{to_json, write_new_file, Context};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DeadlinesArgs {
    #[command(subcommand)]
    command: Option<DeadlinesCommand>,
    /// Show this child's deadlines, worked out from the record (`carefile child list` gives ids).
    #[arg(long)]
    child: Option<String>,
    /// Days ahead that count as "due soon".
    #[arg(long, default_value_t = ms::DUE_SOON_DAYS)]
    soon: u32,
    /// Work the dates out as if today were this date, YYYY-MM-DD (for checking a past position).
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    today: Option<String>,
}

#[derive(Subcommand)]
enum DeadlinesCommand {
    /// Work out deadlines from events typed here; needs no vault.
    Calc {
        /// An event as KEY=YYYY-MM-DD, e.g. assessment-request-received=2025-01-06; repeatable.
        #[arg(long = "event", required = true, value_name = "KEY=YYYY-MM-DD")]
        events: Vec<String>,
        /// What a Tribunal order (tribunal-order-sent) requires: assess, make-plan, amend, school,
        /// continue or cease.
        #[arg(long)]
        order: Option<String>,
    },
    /// Events recorded for a child: add, list, delete, kinds.
    #[command(subcommand)]
    Event(EventCommand),
    /// Show or change how unclear points of law are counted (saved in the vault).
    Settings {
        /// Does the day of the event count in "within N weeks"? exclude (default) or include.
        #[arg(long)]
        within_start: Option<String>,
        /// Which date of a review starts the next 12 months: meeting (default) or decision.
        #[arg(long)]
        review_anchor: Option<String>,
        /// Weeks after a review meeting for the LA's decision (default 4).
        #[arg(long)]
        review_decision_weeks: Option<u32>,
        /// Weeks after an amendment notice for the final amended plan (default 8).
        #[arg(long)]
        amendment_weeks: Option<u32>,
        /// Weeks before a review meeting that the papers must go out (default 2).
        #[arg(long)]
        review_papers_weeks: Option<u32>,
        /// Go back to the documented defaults.
        #[arg(long)]
        reset: bool,
    },
    /// Whether desktop notifications name the child and the deadline (off: they say only "A
    /// deadline is due — unlock Carefile to see it", as they stay on the lock screen).
    Notifications {
        /// on or off.
        #[arg(long, value_name = "on|off")]
        details: Option<String>,
    },
    /// Everything due soon for every child, and LA deadlines that have just passed.
    DueSoon {
        #[arg(long, default_value_t = ms::DUE_SOON_DAYS)]
        days: u32,
        /// Only this family's children (`carefile caseload` shows the ids).
        #[arg(long)]
        family: Option<String>,
    },
    /// The LA's record with this family: each statutory step on time, late or open.
    Summary {
        #[arg(long)]
        child: String,
        /// Also write it as a printable PDF.
        #[arg(long, value_name = "FILE.pdf")]
        pdf: Option<PathBuf>,
    },
    /// Export a child's deadlines as a calendar file (.ics); exporting again replaces the events.
    Ics {
        #[arg(long)]
        child: String,
        /// The calendar file to write (replaced if it exists).
        #[arg(long, value_name = "FILE.ics")]
        out: PathBuf,
    },
    /// Letters to the LA when it is late: list, write, sent.
    #[command(subcommand)]
    Letter(LetterCommand),
}

#[derive(Subcommand)]
enum EventCommand {
    /// Record an event: KEY=YYYY-MM-DD, or KEY with --from-log to take the date from a logged letter.
    Add {
        #[arg(long)]
        child: String,
        /// KEY=YYYY-MM-DD, or just KEY with --from-log.
        #[arg(value_name = "KEY=YYYY-MM-DD")]
        event: String,
        /// The id of a logged letter or email (`carefile log list`) this event comes from.
        #[arg(long, value_name = "LOG_ID")]
        from_log: Option<String>,
        /// For tribunal-order-sent and appeal-conceded: assess, make-plan, amend, school, continue
        /// or cease.
        #[arg(long)]
        order: Option<String>,
        /// For review-decision: maintain, amend or cease.
        #[arg(long)]
        outcome: Option<String>,
        /// For a closure, absence or circumstances: the day it ended, YYYY-MM-DD.
        #[arg(long)]
        until: Option<String>,
        /// For tribunal-direction: the number of days allowed.
        #[arg(long)]
        days: Option<u32>,
        #[arg(long)]
        note: Option<String>,
    },
    /// The events a child's deadlines are worked out from (recorded and from the record).
    List {
        #[arg(long)]
        child: String,
    },
    /// Remove a recorded event.
    Delete { id: String },
    /// Every kind of event, with the date to give for each.
    Kinds,
}

#[derive(Subcommand)]
enum LetterCommand {
    /// The letters Carefile can write for a child today.
    List {
        #[arg(long)]
        child: String,
    },
    /// Write a letter: print it, and save it as PDF and/or text.
    Write(LetterArgs),
    /// Save a letter you have sent to the record, as outgoing correspondence.
    Sent {
        #[command(flatten)]
        letter: LetterArgs,
        /// The day you sent it, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// How you sent it, e.g. email or "first-class post".
        #[arg(long)]
        channel: Option<String>,
    },
}

#[derive(Args)]
struct LetterArgs {
    #[arg(long)]
    child: String,
    /// assessment-decision-late, final-plan-late, review-decision-late, final-amended-plan-late,
    /// phase-transfer-missed or provision-not-delivered.
    kind: String,
    /// The overdue deadline's id (from `carefile deadlines --child ID`), or the plan id for
    /// provision-not-delivered. Default: the most overdue one.
    #[arg(long = "about", value_name = "ID")]
    about: Option<String>,
    /// Your name, to sign the letter.
    #[arg(long = "from", value_name = "NAME")]
    from: Option<String>,
    #[arg(long, value_name = "FILE.pdf")]
    pdf: Option<PathBuf>,
    #[arg(long, value_name = "FILE.txt")]
    text: Option<PathBuf>,
}

fn whose(who: DutyHolder) -> &'static str {
    match who {
        DutyHolder::Family => "you",
        DutyHolder::LocalAuthority => "LA",
        DutyHolder::School => "school",
        DutyHolder::Health => "health",
        DutyHolder::AdviceGiver => "advisers",
        DutyHolder::MediationAdviser => "mediation adviser",
        DutyHolder::Tribunal => "Tribunal",
        DutyHolder::AsDirected => "as directed",
        DutyHolder::RecordHolder => "record holder",
    }
}

fn line(d: &Deadline) -> String {
    format!(
        "{:<12} {:<22} {} ({})\n             {}\n             {}; {}. [{}]",
        format_uk(d.due),
        d.status.describe(),
        d.title,
        whose(d.who),
        d.explanation,
        d.counting_words,
        d.source,
        d.id
    )
}

fn today(ctx_today: &Option<String>) -> Result<NaiveDate, Error> {
    match ctx_today {
        Some(t) => carefile::deadlines::parse_date(t.trim(), "--today"),
        None => Ok(ms::today()),
    }
}

pub fn deadlines(ctx: &Context, args: DeadlinesArgs) -> Result<(), Error> {
    let today = today(&args.today)?;
    let Some(command) = args.command else {
        let Some(child) = args.child else {
            return Err(Error::invalid(
                "Say whose deadlines: --child ID (`carefile child list` shows ids), or work dates out with `carefile deadlines calc --event KEY=YYYY-MM-DD`.",
            ));
        };
        let c = ctx.with_vault(|v| ms::child_deadlines(v, &child, today, args.soon))?;
        ctx.print(to_json(&c), || {
            let mut out = format!("Deadlines for {} on {}\n", c.child_name, format_uk(today));
            if c.deadlines.is_empty() {
                out.push_str(
                    "\nNothing to work out yet. Record an event: carefile deadlines event add --child ID KEY=YYYY-MM-DD",
                );
                return out;
            }
            if !c.overdue.is_empty() {
                out.push_str("\nOverdue\n");
                for d in &c.overdue {
                    out.push_str(&format!("{}\n", line(d)));
                }
            }
            if let Some(d) = &c.next_due {
                out.push_str(&format!("\nNext due\n{}\n", line(d)));
            }
            out.push_str("\nEvery date\n");
            out.push_str(&c.deadlines.iter().map(line).collect::<Vec<_>>().join("\n"));
            out
        });
        return Ok(());
    };
    match command {
        DeadlinesCommand::Calc { events, order } => {
            let rows = ms::calc(&events, order.as_deref(), &Default::default(), today)?;
            ctx.print(to_json(&rows), || {
                rows.iter()
                    .map(|r| {
                        format!(
                            "{:<12} {:<24} {}\n             {} [{}]",
                            format_uk(r.due),
                            r.rule,
                            r.explanation,
                            r.source,
                            r.number
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DeadlinesCommand::Event(cmd) => event(ctx, cmd)?,
        DeadlinesCommand::Notifications { details } => {
            let on = ctx.with_vault(|v| {
                if let Some(d) = details.as_deref() {
                    let on = match d {
                        "on" => true,
                        "off" => false,
                        other => {
                            return Err(Error::invalid(format!(
                                "--details is on or off, not \"{other}\"."
                            )))
                        }
                    };
                    ms::set_notification_details(v, on)?;
                }
                ms::notification_details(v)
            })?;
            ctx.print(json!({ "details": on }), || {
                if on {
                    "Notifications name the child and the deadline.".into()
                } else {
                    "Notifications say only that a deadline is due, and name nobody.".into()
                }
            });
        }
        DeadlinesCommand::Settings {
            within_start,
            review_anchor,
            review_decision_weeks,
            amendment_weeks,
            review_papers_weeks,
            reset,
        } => {
            let s = ctx.with_vault(|v| {
                let mut s = if reset { Default::default() } else { ms::get_settings(v)? };
                if let Some(w) = within_start {
                    s.within_start = match w.as_str() {
                        "exclude" => WithinStart::ExcludeEventDay,
                        "include" => WithinStart::IncludeEventDay,
                        other => {
                            return Err(Error::invalid(format!(
                                "--within-start is exclude or include, not \"{other}\"."
                            )))
                        }
                    };
                }
                if let Some(a) = review_anchor {
                    s.review_anchor = match a.as_str() {
                        "meeting" => ReviewAnchor::MeetingDate,
                        "decision" => ReviewAnchor::DecisionDate,
                        other => {
                            return Err(Error::invalid(format!(
                                "--review-anchor is meeting or decision, not \"{other}\"."
                            )))
                        }
                    };
                }
                s.review_decision_weeks = review_decision_weeks.unwrap_or(s.review_decision_weeks);
                s.amendment_weeks = amendment_weeks.unwrap_or(s.amendment_weeks);
                s.review_papers_weeks_before =
                    review_papers_weeks.unwrap_or(s.review_papers_weeks_before);
                ms::set_settings(v, &s)
            })?;
            ctx.print(to_json(&s), || {
                format!(
                    "Counting \"within N weeks\": {}\nAnnual review runs from the review {}\nReview decision: {} weeks after the meeting\nFinal amended plan: {} weeks after the notice\nReview papers: {} weeks before the meeting",
                    match s.within_start {
                        WithinStart::ExcludeEventDay => "the event day is not counted (same weekday N weeks later)",
                        WithinStart::IncludeEventDay => "the event day is day 1",
                    },
                    match s.review_anchor {
                        ReviewAnchor::MeetingDate => "meeting",
                        ReviewAnchor::DecisionDate => "decision",
                    },
                    s.review_decision_weeks,
                    s.amendment_weeks,
                    s.review_papers_weeks_before
                )
            });
        }
        DeadlinesCommand::DueSoon { days, family } => {
            let items = ctx.with_vault(|v| ms::due_soon_in(v, today, days, family.as_deref()))?;
            ctx.print(to_json(&items), || {
                if items.is_empty() {
                    return format!("Nothing due in the next {days} days.");
                }
                items
                    .iter()
                    .map(|i| format!("{}: {}", i.child_name, line(&i.deadline)))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DeadlinesCommand::Summary { child, pdf } => {
            let a = ctx.with_vault(|v| ms::accountability(v, &child, today))?;
            if let Some(path) = &pdf {
                write_new_file(path, &ms::accountability_pdf(&a)?)?;
            }
            ctx.print(to_json(&a), || {
                let mut out = format!("{}\n", a.headline);
                for s in &a.steps {
                    out.push_str(&format!(
                        "\n{:<12} {:<28} {} ({})",
                        format_uk(s.due),
                        s.outcome_words,
                        s.title,
                        s.source
                    ));
                }
                if let Some(p) = &pdf {
                    out.push_str(&format!("\n\nSaved {}", p.display()));
                }
                out
            });
        }
        DeadlinesCommand::Ics { child, out } => {
            let text = ctx.with_vault(|v| ms::child_ics(v, &child, today))?;
            carefile::safety::write_atomic(
                &out,
                text.as_bytes(),
                carefile::safety::Existing::Replace,
            )?;
            let events = text.matches("BEGIN:VEVENT").count();
            ctx.print(json!({ "path": out, "events": events }), || {
                format!("Saved {events} dates to {}. Import it into your calendar; importing a newer export replaces them.", out.display())
            });
        }
        DeadlinesCommand::Letter(cmd) => letter(ctx, cmd, today)?,
    }
    Ok(())
}

fn event(ctx: &Context, cmd: EventCommand) -> Result<(), Error> {
    match cmd {
        EventCommand::Add { child, event, from_log, order, outcome, until, days, note } => {
            let mut input: NewRecordedEvent = ms::parse_event_arg(&event, from_log.as_deref())?;
            input.order =
                order.as_deref().map(carefile::deadlines::TribunalOrder::from_key).transpose()?;
            input.outcome = match outcome.as_deref() {
                None => None,
                Some(o) => Some(serde_json::from_value(json!(o)).map_err(|_| {
                    Error::invalid(format!("--outcome is maintain, amend or cease, not \"{o}\"."))
                })?),
            };
            input.until = ms::parse_opt_date(until.as_deref(), "--until")?;
            input.days = days;
            input.note = note;
            let e = ctx.with_vault(|v| ms::add_event(v, &child, &input))?;
            ctx.print(to_json(&e), || {
                format!("Recorded: {} on {} (id {}).", e.label, format_uk(e.date), e.id)
            });
        }
        EventCommand::List { child } => {
            let events = ctx.with_vault(|v| ms::list_events(v, &child))?;
            ctx.print(to_json(&events), || {
                events
                    .iter()
                    .map(|e| {
                        format!(
                            "{:<12} {:<40} {}",
                            format_uk(e.date),
                            e.label,
                            e.derived_from.clone().unwrap_or_else(|| e.id.clone())
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        EventCommand::Delete { id } => {
            ctx.with_vault(|v| ms::delete_event(v, &id))?;
            ctx.print(json!({ "deleted": id }), || format!("Deleted {id}."));
        }
        EventCommand::Kinds => {
            let kinds = ms::event_kind_options();
            ctx.print(to_json(&kinds), || {
                kinds
                    .iter()
                    .map(|k| {
                        let give = match k.basis {
                            ms::DateBasis::Received => "the date it was received",
                            ms::DateBasis::Sent => "the date it was sent",
                            ms::DateBasis::Held => "the date it happened",
                        };
                        format!("{:<32} {} (give {give})", k.kind.key(), k.label)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

fn letter(ctx: &Context, cmd: LetterCommand, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        LetterCommand::List { child } => {
            let offers = ctx.with_vault(|v| ms::letter_offers(v, &child, today))?;
            ctx.print(to_json(&offers), || {
                if offers.is_empty() {
                    return "No LA deadline has passed without a record of it being met, so there is no letter to write.".into();
                }
                offers
                    .iter()
                    .map(|o| {
                        format!(
                            "{:<26} {} [--about {}]",
                            o.kind.key(),
                            o.title,
                            o.deadline_id.clone().or(o.plan_id.clone()).unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        LetterCommand::Write(a) => {
            let kind = LetterKind::from_key(&a.kind)?;
            let l = ctx.with_vault(|v| {
                ms::draft_letter(v, &a.child, kind, a.about.as_deref(), today, a.from.as_deref())
            })?;
            save_letter(&l, &a)?;
            ctx.print(to_json(&l), || l.text.clone());
        }
        LetterCommand::Sent { letter: a, date, channel } => {
            let kind = LetterKind::from_key(&a.kind)?;
            let sent = carefile::deadlines::parse_date(date.trim(), "--date")?;
            let (l, c) = ctx.with_vault(|v| {
                let l = ms::draft_letter(
                    v,
                    &a.child,
                    kind,
                    a.about.as_deref(),
                    sent,
                    a.from.as_deref(),
                )?;
                let c = ms::record_letter_sent(v, &l, sent, channel.as_deref())?;
                Ok((l, c))
            })?;
            save_letter(&l, &a)?;
            ctx.print(json!({ "letter": l, "correspondence": c }), || {
                format!(
                    "Saved to the record as a letter sent on {} (log id {}).",
                    format_uk(sent),
                    c.id
                )
            });
        }
    }
    Ok(())
}

fn save_letter(l: &ms::Letter, a: &LetterArgs) -> Result<(), Error> {
    if let Some(p) = &a.pdf {
        write_new_file(p, &ms::letter_pdf(l)?)?;
    }
    if let Some(p) = &a.text {
        write_new_file(p, l.text.as_bytes())?;
    }
    Ok(())
}
