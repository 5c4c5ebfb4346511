//! `child add|list|show|photo`: the children in the vault (the photo itself in `photo.rs`).

use std::path::PathBuf;

use carefile::record::{self as rec, british_date, parse_date};
use carefile::Error;
use clap::Subcommand;

use super::{photo, to_json};
use crate::vault_cmd::Context;

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
    List {
        /// Only this family's children (`carefile caseload` shows the ids).
        #[arg(long)]
        family: Option<String>,
    },
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
        ChildCommand::List { family } => {
            let children = ctx.with_vault(|v| {
                let mut all = rec::list_children(v)?;
                if let Some(f) = &family {
                    let ids = rec::get_family(v, f)?.child_ids;
                    all.retain(|c| ids.contains(&c.id));
                }
                Ok(all)
            })?;
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
