//! `terms list|set|remove`: the term calendar that delivery's planned counts are counted against.

use carefile::record::{self as rec, british_date};
use carefile::Error;
use clap::Subcommand;

use super::to_json;
use crate::vault_cmd::Context;

#[derive(Subcommand)]
pub enum TermsCommand {
    /// Show a school year's terms: your own dates, or Carefile's typical ones.
    List {
        /// The school year, such as 2025 or 2025-26 (default: this one).
        #[arg(long)]
        year: Option<String>,
    },
    /// Set one term's dates for a school year.
    Set {
        /// The school year, such as 2025 or 2025-26.
        #[arg(long)]
        year: String,
        /// autumn, spring or summer.
        #[arg(long)]
        term: String,
        /// The first day of term, YYYY-MM-DD.
        #[arg(long)]
        starts: String,
        /// The last day of term, YYYY-MM-DD.
        #[arg(long)]
        ends: String,
        /// The first day of half term, YYYY-MM-DD.
        #[arg(long, requires = "half_term_ends")]
        half_term_starts: Option<String>,
        /// The last day of half term, YYYY-MM-DD.
        #[arg(long, requires = "half_term_starts")]
        half_term_ends: Option<String>,
    },
    /// Remove your dates for one term, so it goes back to Carefile's typical dates.
    Remove {
        #[arg(long)]
        year: String,
        #[arg(long)]
        term: String,
    },
}

/// `2025`, `2025-26` or `2025/26` → 2025.
fn school_year(text: &str) -> Result<i32, Error> {
    let t = text.trim();
    let first = t.split(['-', '/']).next().unwrap_or_default();
    match first.parse::<i32>() {
        Ok(y) if first.len() == 4 && (1900..=2200).contains(&y) => Ok(y),
        _ => Err(Error::invalid(format!(
            "\"{t}\" isn't a school year Carefile can read. Give the year it starts in, such as \
             2025 for 2025-26."
        ))),
    }
}

fn show(terms: &[rec::Term]) -> String {
    terms
        .iter()
        .map(|t| {
            let half = match (t.half_term_starts, t.half_term_ends) {
                (Some(s), Some(e)) => {
                    format!(", half term {} to {}", british_date(s), british_date(e))
                }
                _ => String::new(),
            };
            format!(
                "{:<7} {} to {}{half}  ({})",
                t.name.as_str(),
                british_date(t.starts),
                british_date(t.ends),
                if t.is_default { "typical dates" } else { "your dates" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn terms(ctx: &Context, cmd: TermsCommand) -> Result<(), Error> {
    let (year, terms) = match cmd {
        TermsCommand::List { year } => {
            let today = chrono::Local::now().date_naive();
            let year = match year {
                Some(y) => school_year(&y)?,
                None => rec::school_year_of(today),
            };
            (year, ctx.with_vault(|v| rec::terms_for_year(v, year))?)
        }
        TermsCommand::Set { year, term, starts, ends, half_term_starts, half_term_ends } => {
            let input = rec::TermDates {
                school_year: school_year(&year)?,
                name: rec::TermName::parse(&term)?,
                starts,
                ends,
                half_term_starts,
                half_term_ends,
            };
            (input.school_year, ctx.with_vault(|v| rec::set_term_dates(v, &input))?)
        }
        TermsCommand::Remove { year, term } => {
            let (year, name) = (school_year(&year)?, rec::TermName::parse(&term)?);
            (year, ctx.with_vault(|v| rec::remove_term(v, year, name))?)
        }
    };
    ctx.print(to_json(&terms), || {
        format!("Terms of {year}-{:02}:\n{}", (year + 1) % 100, show(&terms))
    });
    Ok(())
}
