//! `person add|list|edit`: people and organisations.

use carefile::record as rec;
use carefile::Error;
use clap::Subcommand;

use super::to_json;
use crate::vault_cmd::Context;

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Add a person or organisation.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        organisation: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// List people and organisations.
    List,
    /// Change a person's details: only the options given change; "" clears one.
    Edit {
        /// The person's id (from `carefile person list`).
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        organisation: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
}

pub fn person(ctx: &Context, cmd: PersonCommand) -> Result<(), Error> {
    match cmd {
        PersonCommand::Add { name, role, organisation, email, phone, address, notes } => {
            let input = rec::NewPerson { name, role, organisation, email, phone, address, notes };
            let p = ctx.with_vault(|v| rec::add_person(v, &input))?;
            ctx.print(to_json(&p), || format!("Added {}, id {}.", p.name, p.id));
        }
        PersonCommand::List => {
            let people = ctx.with_vault(|v| rec::list_people(v))?;
            ctx.print(to_json(&people), || {
                if people.is_empty() {
                    return "Nobody added yet. Add someone with `carefile person add`.".into();
                }
                people
                    .iter()
                    .map(|p| {
                        format!(
                            "{}  {:<24} {} {}",
                            p.id,
                            p.name,
                            p.role.as_deref().unwrap_or(""),
                            p.organisation.as_deref().unwrap_or("")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        PersonCommand::Edit { id, name, role, organisation, email, phone, address, notes } => {
            let p = ctx.with_vault(|v| {
                let before = rec::get_person(v, &id)?;
                // An option not given keeps what is there; the core trims and clears blanks.
                let input = rec::NewPerson {
                    name: name.unwrap_or(before.name),
                    role: role.or(before.role),
                    organisation: organisation.or(before.organisation),
                    email: email.or(before.email),
                    phone: phone.or(before.phone),
                    address: address.or(before.address),
                    notes: notes.or(before.notes),
                };
                rec::update_person(v, &id, &input)
            })?;
            ctx.print(to_json(&p), || format!("Saved the details of {}, id {}.", p.name, p.id));
        }
    }
    Ok(())
}
