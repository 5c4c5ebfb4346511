//! `demo`: a new vault filled with the fictional Example family.

use carefile::Error;
use serde_json::json;

use crate::vault_cmd::{create_vault, Context};

/// `carefile demo`: a new vault (passphrase as for `init`) filled with the fictional family: the
/// record, their documents, the dates of their deadlines and a tribunal bundle built once.
pub fn demo(ctx: &Context) -> Result<(), Error> {
    let (mut vault, key) = create_vault(ctx, "Demo: the Example family (fictional)")?;
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
