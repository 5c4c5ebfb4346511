//! `child photo ID FILE` and `child photo ID --remove`: the child's photo, kept inside the vault.

use std::path::Path;

use carefile::record::{self as rec, PhotoInfo};
use carefile::Error;
use serde_json::json;

use crate::vault_cmd::Context;

/// One line for `child show`: "JPEG, 640 × 480 pixels, 85 KB", or how to add one.
pub fn describe(photo: Option<&PhotoInfo>) -> String {
    match photo {
        Some(p) => format!(
            "{}, {} × {} pixels, {}",
            p.format.as_str().to_uppercase(),
            p.width,
            p.height,
            size(p.bytes)
        ),
        None => "none (add one with `carefile child photo ID FILE`)".into(),
    }
}

fn size(bytes: u32) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", f64::from(bytes) / (1024.0 * 1024.0))
    }
}

pub fn photo(ctx: &Context, id: &str, file: Option<&Path>, remove: bool) -> Result<(), Error> {
    match file {
        Some(file) if !remove => {
            let (child, p) = ctx.with_vault(|v| {
                let info = rec::set_child_photo_file(v, id, file)?;
                Ok((rec::get_child(v, id)?, info))
            })?;
            ctx.print(
                json!({
                    "child": p.child_id,
                    "format": p.format,
                    "width": p.width,
                    "height": p.height,
                    "bytes": p.bytes,
                }),
                || format!("Saved the photo of {} ({}).", child.name, describe(Some(&p))),
            );
        }
        _ => {
            let child = ctx.with_vault(|v| {
                rec::remove_child_photo(v, id)?;
                rec::get_child(v, id)
            })?;
            ctx.print(json!({ "removed": id }), || {
                format!("{} has no photo in the vault now.", child.name)
            });
        }
    }
    Ok(())
}
