//! Word documents through LibreOffice, with a fake `soffice` (a small shell script) standing in
//! for it: the rendition is stored and searchable and the original untouched; a conversion that
//! hangs is stopped at its time limit, and one that fails is said in words. Each fake lives in the
//! test's own folder and is given by path (library) or by `PATH` for one child process (CLI), so
//! tests running side by side never see each other's fakes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use carefile::documents::*;

use super::{json, sha, text_pdf, write};
use crate::util::*;

/// The smallest thing that is a .docx by its bytes: a zip header.
const DOCX: &[u8] = b"PK\x03\x04\x14\0\0\0\0\0a Word document body";

/// Writes an executable `soffice` into `dir/bin` that runs `body` (POSIX sh).
fn fake_soffice(dir: &Dir, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = write(dir, "bin/soffice", format!("#!/bin/sh\n{body}\n").as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A fake that converts like LibreOffice does: `--outdir DIR … FILE` writes `DIR/<stem>.pdf`
/// (here a copy of `pdf`), and notes its arguments in `args.txt` beside itself.
fn converting_soffice(dir: &Dir, pdf: &Path) -> PathBuf {
    let log = dir.path("bin/args.txt");
    fake_soffice(
        dir,
        &format!(
            "echo \"$@\" > '{log}'\n\
             out=''; in=''\n\
             while [ $# -gt 0 ]; do\n\
               case \"$1\" in --outdir) out=\"$2\"; shift 2;; *) in=\"$1\"; shift;; esac\n\
             done\n\
             stem=$(basename \"$in\"); stem=\"${{stem%.*}}\"\n\
             cp '{pdf}' \"$out/$stem.pdf\"",
            log = log.display(),
            pdf = pdf.display()
        ),
    )
}

fn with_fake(program: &Path, timeout: Duration) -> ImportOptions {
    let mut options =
        ImportOptions { libreoffice: Some(program.to_path_buf()), ..Default::default() };
    options.limits.convert_timeout = timeout;
    options
}

#[test]
fn a_word_document_gets_a_searchable_rendition_and_keeps_its_original() {
    let dir = Dir::new();
    dir.init();
    let rendition = text_pdf(&[
        "Speech and language therapy report.".into(),
        "Recommends weekly sessions with a therapist in a quiet room.".into(),
    ]);
    let pdf = write(&dir, "fixture/rendition.pdf", &rendition);
    converting_soffice(&dir, &pdf);
    let docx = write(&dir, "in/SALT report.docx", DOCX);
    // LibreOffice is found on PATH, as on a family's computer.
    let path =
        format!("{}:{}", dir.path("bin").display(), std::env::var("PATH").unwrap_or_default());
    let out = dir
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .env("PATH", path)
        .args(["doc", "import", "--json", docx.to_str().unwrap()])
        .output()
        .unwrap();
    let list = json(&out);
    assert_eq!(list[0]["status"], "imported", "{list}");
    assert_eq!(list[0]["pages"], 2);
    assert_eq!(list[0]["textStatus"], "readable");
    let args = std::fs::read_to_string(dir.path("bin/args.txt")).unwrap();
    assert!(args.contains("--headless") && args.contains("--convert-to pdf"), "{args}");
    let id = list[0]["id"].as_str().unwrap();

    let hits = json(&dir.run(PASS, &["doc", "search", "\"quiet room\"", "--json"]));
    assert_eq!(hits[0]["id"], id, "{hits}");
    assert_eq!(hits[0]["page"], 2);
    let exported = dir.path("out/copy.docx");
    std::fs::create_dir_all(dir.path("out")).unwrap();
    json(&dir.run(PASS, &["doc", "export", id, "--out", exported.to_str().unwrap(), "--json"]));
    assert_eq!(sha(&std::fs::read(&exported).unwrap()), sha(DOCX));

    let vault = super::unlock(&dir);
    let d = get_document(&vault, id).unwrap();
    assert!(d.has_rendition);
    assert_eq!(d.format, DocumentFormat::Word);
    assert_eq!(read_original(&vault, id).unwrap().bytes, DOCX);
    let shown = read_rendition(&vault, id).unwrap().expect("a rendition");
    assert_eq!(shown.bytes, rendition);
    assert_eq!(shown.file_name, "SALT report.pdf");
}

#[test]
fn a_conversion_that_hangs_is_stopped_and_the_document_says_so() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let hang = fake_soffice(&dir, "exec sleep 600");
    let started = Instant::now();
    let out = import_bytes(
        &mut vault,
        "report.docx",
        DOCX.to_vec(),
        &with_fake(&hang, Duration::from_secs(1)),
    )
    .unwrap();
    assert!(started.elapsed() < Duration::from_secs(60), "the import waited for LibreOffice");
    assert_eq!(out.status, ImportStatus::Imported);
    let d = get_document(&vault, out.id.as_deref().unwrap()).unwrap();
    assert_eq!(d.text_status, TextStatus::Unreadable);
    assert!(!d.has_rendition);
    let note = d.status_note.unwrap();
    assert!(note.contains("took longer than 1 second to convert report.docx"), "{note}");
    assert!(note.contains("The original is kept safely"), "{note}");
    assert_eq!(read_original(&vault, &d.id).unwrap().bytes, DOCX);
}

#[test]
fn a_conversion_that_fails_keeps_the_original_and_ignores_what_it_wrote() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let pdf = write(&dir, "fixture/partial.pdf", &text_pdf(&["Half a document.".into()]));
    // It writes a PDF and then reports failure: the PDF can't be trusted, so it isn't kept.
    let fail = fake_soffice(
        &dir,
        &format!(
            "for a; do out=\"$a\"; done\ncp '{}' \"$(dirname \"$out\")/document.pdf\"\nexit 3",
            pdf.display()
        ),
    );
    let out = import_bytes(
        &mut vault,
        "minutes.odt",
        DOCX.to_vec(),
        &with_fake(&fail, Duration::from_secs(60)),
    )
    .unwrap();
    assert_eq!(out.status, ImportStatus::Imported);
    let d = get_document(&vault, out.id.as_deref().unwrap()).unwrap();
    assert_eq!(d.text_status, TextStatus::Unreadable);
    assert!(!d.has_rendition);
    assert!(read_rendition(&vault, &d.id).unwrap().is_none());
    let note = d.status_note.unwrap();
    assert!(note.contains("LibreOffice could not convert minutes.odt"), "{note}");
    assert!(note.contains("save it as PDF"), "{note}");
    let none =
        search(&vault, &SearchQuery { text: "\"half a document\"".into(), ..Default::default() });
    assert!(none.unwrap().is_empty());
}

#[test]
fn without_libreoffice_a_word_document_says_what_it_needs() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let missing = dir.path("bin/not-installed/soffice");
    let out = import_bytes(
        &mut vault,
        "report.docx",
        DOCX.to_vec(),
        &with_fake(&missing, Duration::from_secs(60)),
    )
    .unwrap();
    let d = get_document(&vault, out.id.as_deref().unwrap()).unwrap();
    assert_eq!(d.text_status, TextStatus::NeedsLibreoffice);
    assert!(d.status_note.unwrap().contains("install LibreOffice"));
}

/// Every file under `dir` (recursively) whose bytes contain `needle`.
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            found.extend(files_holding(&path, needle));
        } else if kind.is_file() {
            if let Ok(bytes) = std::fs::read(&path) {
                if bytes.windows(needle.len()).any(|w| w == needle) {
                    found.push(path);
                }
            }
        }
    }
    found
}

#[test]
fn a_killed_conversion_leaves_no_document_text_in_the_system_temp_folder_nor_our_secrets() {
    let dir = Dir::new();
    dir.init();
    let marker = format!("Confidential marker {}", std::process::id());
    let mut docx = DOCX.to_vec();
    docx.extend_from_slice(marker.as_bytes());
    let file = write(&dir, "in/plan.docx", &docx);
    // A LibreOffice that notes its environment and working folder, then hangs.
    let env_dump = dir.path("bin/env.txt");
    let pid_file = dir.path("bin/pid.txt");
    fake_soffice(
        &dir,
        &format!(
            "env > '{env}.part'; pwd >> '{env}.part'; mv '{env}.part' '{env}'\n\
             echo $$ > '{pid}'\nexec sleep 60",
            env = env_dump.display(),
            pid = pid_file.display()
        ),
    );
    let path =
        format!("{}:{}", dir.path("bin").display(), std::env::var("PATH").unwrap_or_default());
    let mut child = dir
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .env("PATH", path)
        .args(["doc", "import", file.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !(env_dump.exists() && pid_file.exists()) {
        assert!(started.elapsed() < Duration::from_secs(60), "the conversion never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL mid-conversion
    child.wait().unwrap();
    // Stop the fake too (it runs in its own process group).
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let _ = std::process::Command::new("kill").args(["-9", pid.trim()]).status();

    let env = std::fs::read_to_string(&env_dump).unwrap();
    assert!(!env.contains(PASS) && !env.contains("CAREFILE_"), "the helper saw our secrets: {env}");
    let work = env.lines().last().unwrap();
    assert!(work.starts_with(&dir.vault().join("tmp").display().to_string()), "{work}");
    let leaked = files_holding(&std::env::temp_dir(), marker.as_bytes());
    assert!(leaked.iter().all(|p| p.starts_with(dir.tmp.path())), "{leaked:?}");
    // The copy LibreOffice was given sits only in the vault's own private folder, and the next
    // start sweeps it.
    assert!(!files_holding(&dir.vault().join("tmp"), marker.as_bytes()).is_empty());
    assert!(dir.run(PASS, &["info"]).status.success());
    assert!(files_holding(&dir.vault(), marker.as_bytes()).is_empty());
}
