//! `delivery add|summary`: sessions delivered, missed or cancelled, against what was planned.

use carefile::record::{self as rec, british_date, parse_date};
use carefile::Error;
use clap::Subcommand;
use serde_json::json;

use super::{date, to_json};
use crate::vault_cmd::Context;

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
