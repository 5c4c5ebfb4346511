//! `audit …`: argument parsing and printing over `carefile::audit` (and the audit history a
//! handover brought in).

use carefile::Error;
use clap::Subcommand;

use crate::vault_cmd::{to_json, Context};

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check that no entry of the audit trail was changed or removed.
    Verify,
    /// List the audit trail (of one document, or all).
    Log {
        #[arg(long)]
        document: Option<String>,
    },
}

pub fn audit(ctx: &Context, cmd: AuditCommand) -> Result<(), Error> {
    match cmd {
        AuditCommand::Verify => {
            let vault = ctx.open()?;
            let v = carefile::audit::verify(vault.conn())?;
            let received = carefile::exchange::verify_received_audit(&vault)?;
            vault.lock()?;
            if let Some(bad) = received.iter().find(|r| !r.check.ok) {
                return Err(Error::CorruptVault {
                    path: ctx.dir.clone(),
                    detail: format!(
                        "the audit history received from vault {} fails its check: {}",
                        bad.source_vault,
                        bad.check.problem.as_deref().unwrap_or("")
                    ),
                });
            }
            if let Some(problem) = &v.problem {
                if ctx.json {
                    println!("{}", to_json(&v));
                }
                return Err(Error::CorruptVault {
                    path: ctx.dir.clone(),
                    detail: format!("the audit trail fails its check: {problem}"),
                });
            }
            let mut out = to_json(&v);
            out["received"] = to_json(&received);
            ctx.print(out, || {
                let mut text = format!(
                    "The audit trail is intact: {} entries, none changed or removed.",
                    v.entries
                );
                for r in &received {
                    text.push_str(&format!(
                        "\nAudit history received from vault {}: {} entries, each as written.",
                        r.source_vault, r.check.entries
                    ));
                }
                text
            });
            Ok(())
        }
        AuditCommand::Log { document } => {
            let vault = ctx.open()?;
            let entries = carefile::audit::list(vault.conn(), document.as_deref())?;
            vault.lock()?;
            ctx.print(to_json(&entries), || {
                entries
                    .iter()
                    .map(|e| {
                        format!("{:>5}  {}  {}  {}  {}", e.seq, e.at, e.action, e.subject, e.detail)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
    }
}
