//! `demo`: a new vault filled with the fictional Example family.

use carefile::vault;
use carefile::Error;
use serde_json::json;

use crate::vault_cmd::Context;

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
