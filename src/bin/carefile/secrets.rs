//! Getting passphrases from a person or a script without echoing them or keeping them longer than
//! needed: an environment variable, a file, or a prompt on the terminal.

use std::io::IsTerminal;
use std::path::Path;

use carefile::vault::{Passphrase, RecoveryKey};
use carefile::Error;

fn from_file(path: &Path) -> Result<Passphrase, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::io(format!("Could not read the passphrase file {}", path.display()), e)
    })?;
    // A file written by `echo` ends with a newline that is not part of the passphrase.
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    Ok(Passphrase::new(text))
}

fn from_env(var: &str) -> Option<Passphrase> {
    std::env::var(var).ok().map(Passphrase::new)
}

fn interactive() -> bool {
    std::io::stdin().is_terminal()
}

fn prompt(label: &str) -> Result<Passphrase, Error> {
    rpassword::prompt_password(label)
        .map(Passphrase::new)
        .map_err(|e| Error::io("Could not read the passphrase from the terminal", e))
}

/// The current passphrase given without a prompt, if any.
pub fn given(file: Option<&Path>) -> Result<Option<Passphrase>, Error> {
    match file {
        Some(f) => from_file(f).map(Some),
        None => Ok(from_env("CAREFILE_PASSPHRASE")),
    }
}

/// The current passphrase: given, or asked for on the terminal.
pub fn current(file: Option<&Path>) -> Result<Passphrase, Error> {
    if let Some(p) = given(file)? {
        return Ok(p);
    }
    if interactive() {
        return prompt("Passphrase: ");
    }
    Err(Error::invalid(
        "No passphrase given. Set CAREFILE_PASSPHRASE, use --passphrase-file, or run this in a terminal.",
    ))
}

/// A new passphrase: from `env`/`file`, or typed twice on the terminal.
pub fn new(env: &str, file: Option<&Path>) -> Result<Passphrase, Error> {
    if let Some(f) = file {
        return from_file(f);
    }
    if let Some(p) = from_env(env) {
        return Ok(p);
    }
    if !interactive() {
        return Err(Error::invalid(format!(
            "No new passphrase given. Set {env}, use --new-passphrase-file, or run this in a terminal."
        )));
    }
    let first = prompt("New passphrase: ")?;
    let verdict = carefile::vault::assess_passphrase(first.expose());
    if verdict.acceptable {
        eprintln!("Strength: {}. {}", verdict.label, verdict.hint);
    }
    let second = prompt("Type it again: ")?;
    if first.expose() != second.expose() {
        return Err(Error::invalid("The two passphrases are different. Nothing was changed."));
    }
    Ok(first)
}

/// The recovery key, never from the command line (where it would sit in shell history and in the
/// process list): from `file` (`-` for standard input), or CAREFILE_RECOVERY_KEY, or typed at a
/// hidden prompt.
pub fn recovery_key(file: Option<&Path>) -> Result<RecoveryKey, Error> {
    let text = match file {
        Some(f) if f == Path::new("-") => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| Error::io("Could not read the recovery key from standard input", e))?;
            zeroize::Zeroizing::new(line)
        }
        Some(f) => zeroize::Zeroizing::new(std::fs::read_to_string(f).map_err(|e| {
            Error::io(format!("Could not read the recovery key file {}", f.display()), e)
        })?),
        None => match std::env::var("CAREFILE_RECOVERY_KEY") {
            Ok(k) => zeroize::Zeroizing::new(k),
            Err(_) if interactive() => zeroize::Zeroizing::new(
                rpassword::prompt_password("Recovery key (from your Recovery Sheet): ").map_err(
                    |e| Error::io("Could not read the recovery key from the terminal", e),
                )?,
            ),
            Err(_) => return Err(Error::invalid(
                "No recovery key given. Use --recovery-key-file FILE (or - for standard input), \
                     set CAREFILE_RECOVERY_KEY, or run this in a terminal.",
            )),
        },
    };
    RecoveryKey::parse(text.trim())
}
