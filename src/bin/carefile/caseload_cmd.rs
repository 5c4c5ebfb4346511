//! `carefile caseload`: every family and child in the vault, most urgent first.

use carefile::caseload::{caseload as load, Caseload};
use carefile::record::british_date;
use carefile::Error;

use crate::vault_cmd::{to_json, Context};

#[derive(clap::Args)]
pub struct CaseloadArgs {
    /// Work the dates out as of this day (YYYY-MM-DD) instead of today.
    #[arg(long)]
    pub today: Option<String>,
}

fn when(at: &str) -> String {
    at.get(..10).and_then(|d| d.parse().ok()).map(british_date).unwrap_or_else(|| at.to_string())
}

fn text(c: &Caseload) -> String {
    if c.families.is_empty() {
        return "No families yet. Take one in with `carefile handover import FILE`.".into();
    }
    let mut out = Vec::new();
    for f in &c.families {
        let overdue = match f.overdue {
            0 => String::new(),
            1 => ", 1 overdue".into(),
            n => format!(", {n} overdue"),
        };
        out.push(format!("{} ({}){overdue}", f.name, f.family_id));
        for ch in &f.children {
            let next = ch
                .next_due
                .as_ref()
                .map(|d| format!("next: {} by {}", d.title, british_date(d.due)))
                .unwrap_or_else(|| "nothing due".into());
            let contact = ch
                .last_contact
                .as_deref()
                .map(|d| format!("last contact {}", when(d)))
                .unwrap_or_else(|| "no contact recorded".into());
            let package = ch
                .last_package
                .as_ref()
                .map(|p| {
                    let verb = if p.direction == "import" { "received" } else { "sent" };
                    format!("package {verb} {}", when(&p.at))
                })
                .unwrap_or_else(|| "no package exchanged".into());
            out.push(format!(
                "  {} ({}): {next}; {} overdue; {contact}; {package}",
                ch.child_name, ch.child_id, ch.overdue
            ));
        }
    }
    out.join("\n")
}

pub fn caseload(ctx: &Context, args: CaseloadArgs) -> Result<(), Error> {
    let today = match &args.today {
        Some(t) => carefile::deadlines::parse_date(t.trim(), "--today")?,
        None => carefile::milestones::today(),
    };
    let c = ctx.with_vault(|v| load(v, today))?;
    ctx.print(to_json(&c), || text(&c));
    Ok(())
}
