//! The `carefile` command line: argument parsing and printing only. Every action is a call into the
//! `carefile` library. Exit codes: 0 success, 1 an error the user can act on (one line on stderr),
//! 2 a usage mistake.

mod audit_cmd;
mod bundle_check_cmd;
mod bundle_cmd;
mod caseload_cmd;
mod deadlines_cmd;
mod doc_cmd;
mod exchange_cmd;
mod record_cmd;
mod secrets;
mod vault_cmd;
mod workdoc_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use carefile::{Error, ErrorReport};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "carefile",
    version,
    about = "Your child's SEND record, encrypted on your own computer"
)]
pub struct Cli {
    /// The vault folder (default: the same one the desktop app uses).
    #[arg(long, global = true, env = "CAREFILE_VAULT", value_name = "DIR")]
    vault: Option<PathBuf>,

    /// Read the passphrase from this file instead of asking (or set CAREFILE_PASSPHRASE).
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,

    /// Read a new passphrase from this file (or set CAREFILE_NEW_PASSPHRASE).
    #[arg(long, global = true, value_name = "FILE")]
    new_passphrase_file: Option<PathBuf>,

    /// Print results (and errors) as JSON.
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new encrypted vault and show its recovery key once.
    Init {
        /// A name for the vault, such as "Sam's record".
        #[arg(long, default_value = "My family's record")]
        name: String,
        /// Also write the Recovery Sheet (a printable PDF with the recovery key) to this file.
        #[arg(long, value_name = "FILE.pdf")]
        recovery_sheet: Option<PathBuf>,
        /// Remember the vault on this computer (in the OS keyring).
        #[arg(long)]
        remember: bool,
    },
    /// Unlock the vault to prove the passphrase works.
    Unlock {
        /// Also read and check every page of the vault.
        #[arg(long)]
        check: bool,
        /// Remember the vault on this computer (in the OS keyring).
        #[arg(long, conflicts_with = "forget")]
        remember: bool,
        /// Forget the vault on this computer.
        #[arg(long)]
        forget: bool,
    },
    /// Change or reset the passphrase.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Show what the vault is and what it holds.
    Info,
    /// Children: add, list, show.
    #[command(subcommand)]
    Child(record_cmd::ChildCommand),
    /// People and organisations: add, list, edit.
    #[command(subcommand)]
    Person(record_cmd::PersonCommand),
    /// The correspondence and contact log: add, list.
    #[command(subcommand)]
    Log(record_cmd::LogCommand),
    /// Plans and their versions: add, list, section, need, outcome, issue, show, versions, advice, compare.
    #[command(subcommand)]
    Plan(record_cmd::PlanCommand),
    /// Provision items: add, check.
    #[command(subcommand)]
    Provision(record_cmd::ProvisionCommand),
    /// The delivery log: add, summary.
    #[command(subcommand)]
    Delivery(record_cmd::DeliveryCommand),
    /// The term calendar planned delivery is counted against: list, set, remove.
    #[command(subcommand)]
    Terms(record_cmd::TermsCommand),
    /// Every dated item in the record, in date order; export as CSV or PDF.
    Chronology {
        #[arg(long)]
        child: Option<String>,
        /// child, plan, correspondence, action, delivery, progress or sen_support; repeatable.
        #[arg(long = "kind")]
        kinds: Vec<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_name = "FILE.csv")]
        csv: Option<PathBuf>,
        #[arg(long, value_name = "FILE.pdf")]
        pdf: Option<PathBuf>,
    },
    /// Statutory deadlines: work them out (calc), record events, summary, calendar, letters.
    Deadlines(deadlines_cmd::DeadlinesArgs),
    /// Create a vault filled with a fictional family, to try Carefile out.
    Demo,
    /// Documents and evidence: import, list, show, search, export, edit, ocr.
    #[command(subcommand)]
    Doc(doc_cmd::DocCommand),
    /// Bundles and packs: plan, build, save, list, delete, issues, reissue (late additions).
    #[command(subcommand)]
    Bundle(bundle_cmd::BundleCommand),
    /// The audit trail of the evidence: verify, log.
    #[command(subcommand)]
    Audit(audit_cmd::AuditCommand),
    /// Encrypted backups: create, verify, restore, auto, settings, status.
    #[command(subcommand)]
    Backup(exchange_cmd::BackupCommand),
    /// Every family and child in the vault, most urgent first (an advocate's caseload).
    Caseload(caseload_cmd::CaseloadArgs),
    /// Handover packages for an advocate: export, import.
    #[command(subcommand)]
    Handover(exchange_cmd::HandoverCommand),
    /// Open export of one child's record (originals, JSON, chronology CSV), unencrypted.
    Export(exchange_cmd::ExportArgs),
    /// The tribunal working document: create, propose, agree, show, list, compare, export, import.
    #[command(subcommand)]
    Workdoc(workdoc_cmd::WorkdocCommand),
    /// Test builds only: a write loop for the crash and backup tests.
    #[cfg(debug_assertions)]
    #[command(hide = true, name = "__churn")]
    Churn {
        #[arg(long, default_value_t = 0)]
        rounds: u64,
    },
}

#[derive(Subcommand)]
enum PassphraseCommand {
    /// Change the passphrase (asks for the current one and the new one).
    Change,
    /// Set a new passphrase using the recovery key from the Recovery Sheet (asked for, or read
    /// from --recovery-key-file or CAREFILE_RECOVERY_KEY; never given on the command line).
    Reset {
        /// Read the recovery key from this file (`-` for standard input).
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
    },
    /// Say how strong a candidate passphrase is, without changing anything.
    Assess,
}

fn main() -> ExitCode {
    // Started as a worker (the PDF text engine), this process does that job and exits here.
    carefile::worker::serve_if_asked();
    std::panic::set_hook(Box::new(|_| {
        if carefile::bundle::in_contained_step() {
            return;
        }
        eprintln!(
            "error: Carefile stopped because of an internal fault. Your vault has not been changed; \
             please report this."
        );
    }));
    // The data key lives in this process while the vault is open: never in a core file.
    carefile::safety::process::disable_core_dumps();
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                let report = ErrorReport::from(&e);
                eprintln!("{}", serde_json::json!({ "error": report }));
            } else {
                eprintln!("error: {e}");
            }
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    let dir = match &cli.vault {
        Some(dir) => dir.clone(),
        None => carefile::vault::default_dir().ok_or_else(|| {
            Error::invalid("This computer has no home folder; give the vault folder with --vault.")
        })?,
    };
    let ctx = vault_cmd::Context::new(&cli, dir);
    match cli.command {
        Command::Init { ref name, ref recovery_sheet, remember } => {
            vault_cmd::init(&ctx, name, recovery_sheet.as_deref(), remember)
        }
        Command::Unlock { check, remember, forget } => {
            vault_cmd::unlock(&ctx, check, remember, forget)
        }
        Command::Passphrase(PassphraseCommand::Change) => vault_cmd::change_passphrase(&ctx),
        Command::Passphrase(PassphraseCommand::Reset { ref recovery_key_file }) => {
            vault_cmd::reset_passphrase(&ctx, recovery_key_file.as_deref())
        }
        Command::Passphrase(PassphraseCommand::Assess) => vault_cmd::assess(&ctx),
        Command::Info => vault_cmd::info(&ctx),
        #[cfg(debug_assertions)]
        Command::Churn { rounds } => vault_cmd::churn(&ctx, rounds),
        Command::Child(c) => record_cmd::child(&ctx, c),
        Command::Person(c) => record_cmd::person(&ctx, c),
        Command::Log(c) => record_cmd::log(&ctx, c),
        Command::Plan(c) => record_cmd::plan(&ctx, c),
        Command::Provision(c) => record_cmd::provision(&ctx, c),
        Command::Delivery(c) => record_cmd::delivery(&ctx, c),
        Command::Terms(c) => record_cmd::terms(&ctx, c),
        Command::Chronology { child, kinds, from, to, csv, pdf } => record_cmd::chronology(
            &ctx,
            record_cmd::ChronologyArgs { child, kinds, from, to, csv, pdf },
        ),
        Command::Demo => record_cmd::demo(&ctx),
        Command::Deadlines(a) => deadlines_cmd::deadlines(&ctx, a),
        Command::Doc(c) => doc_cmd::doc(&ctx, c),
        Command::Bundle(c) => bundle_cmd::bundle(&ctx, c),
        Command::Audit(c) => audit_cmd::audit(&ctx, c),
        Command::Backup(c) => exchange_cmd::backup(&ctx, c),
        Command::Handover(c) => exchange_cmd::handover(&ctx, c),
        Command::Caseload(a) => caseload_cmd::caseload(&ctx, a),
        Command::Export(a) => exchange_cmd::export(&ctx, a),
        Command::Workdoc(c) => workdoc_cmd::workdoc(&ctx, c),
    }
}
