//! `log add|list`: the contact log of letters, emails, calls, meetings and texts.

use carefile::record::{self as rec, british_date, parse_date};
use carefile::Error;
use clap::Subcommand;

use super::{date, to_json};
use crate::vault_cmd::Context;

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
