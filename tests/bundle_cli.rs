//! `carefile bundle` from the command line beyond the JSON contract: the annual review's views
//! read from files (or stdin), clear errors for a missing file, and saved packs that note their
//! builds, are listed and are deleted.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use carefile::documents::{import_bytes, DocumentKind, DocumentMetadata, ImportOptions};
use carefile::pdf::{save_pdf, Layout, TextStyle};
use carefile::record::{add_child, NewChild};
use chrono::NaiveDate;

use crate::util::*;

const PARENT: &str =
    "Sam is calmer since the move to the smaller class, but still misses two mornings a week.";
const CHILD: &str = "I like the quiet room at lunch and I want to keep my reading buddy.";
const CHANGES: &str =
    "Section F should name the speech and language therapist and say how many hours.";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// A vault with one child and one report written since the last review; returns the child's id.
fn family(dir: &Dir) -> String {
    let (mut vault, _) = dir.create();
    let child = add_child(
        &mut vault,
        &NewChild { name: "Sam Example".into(), dob: date("2015-06-01"), ..NewChild::default() },
    )
    .expect("add child");
    let mut layout = Layout::a4();
    layout.heading("Speech and language therapy report", &TextStyle::heading());
    layout.paragraph("Sam's expressive language has improved this year.", &TextStyle::body());
    let pdf = save_pdf("SALT report", layout.finish()).expect("fixture PDF");
    let options = ImportOptions {
        metadata: DocumentMetadata {
            title: Some("Speech and language therapy report".into()),
            kind: Some(DocumentKind::Report),
            dated: Some(date("2025-05-05")),
            child_id: Some(child.id.clone()),
            ..DocumentMetadata::default()
        },
        ..ImportOptions::default()
    };
    import_bytes(&mut vault, "salt.pdf", pdf, &options).expect("import");
    vault.lock().expect("lock");
    child.id
}

/// Runs the CLI with `stdin` fed to it.
fn run_with_stdin(dir: &Dir, args: &[&str], stdin: &str) -> Output {
    let mut child = dir
        .cli()
        .env("CAREFILE_PASSPHRASE", PASS)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run carefile");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("wait for carefile")
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "command failed: {}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The PDF's words, with line breaks and runs of spaces made single spaces (pdftotext wraps).
fn pdf_words(path: &Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("run pdftotext");
    assert!(out.status.success(), "pdftotext failed: {}", stderr(&out));
    stdout(&out).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn annual_review_pack_carries_the_views_read_from_files_and_stdin() {
    let dir = Dir::new();
    let child = family(&dir);
    std::fs::write(dir.path("parent.txt"), format!("{PARENT}\n")).unwrap();
    std::fs::write(dir.path("child.txt"), CHILD).unwrap();
    let out = dir.path("review.pdf");
    let v = json(&run_with_stdin(
        &dir,
        &[
            "bundle",
            "build",
            "--child",
            &child,
            "--kind",
            "annual-review",
            "--last-review",
            "2025-01-15",
            "--today",
            "2025-11-14",
            "--parent-views",
            dir.path("parent.txt").to_str().unwrap(),
            "--child-views",
            dir.path("child.txt").to_str().unwrap(),
            "--requested-changes",
            "-",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
        CHANGES,
    ));
    let bytes = std::fs::read(&out).expect("the pack was written");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let words = pdf_words(&out);
    for text in [PARENT, CHILD, CHANGES] {
        assert!(words.contains(text), "the pack lacks {text:?}:\n{words}");
    }
    assert!(words.contains("Last review 15 Jan 2025"), "the cover names the last review: {words}");
    // The report dated after the last review is among the new reports.
    let titles: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["documents"].as_array().unwrap())
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Speech and language therapy report"), "{titles:?}");

    // `plan` takes the same flags: longer views take more pages.
    std::fs::write(dir.path("long.txt"), format!("{PARENT} ").repeat(200)).unwrap();
    let base = ["bundle", "plan", "--child", &child, "--kind", "annual-review", "--json"];
    let short = json(&dir.run(PASS, &base));
    let long_file = dir.path("long.txt");
    let mut args = base.to_vec();
    args.extend(["--parent-views", long_file.to_str().unwrap()]);
    let long = json(&dir.run(PASS, &args));
    assert!(
        long["pages"].as_u64() > short["pages"].as_u64(),
        "{} vs {}",
        long["pages"],
        short["pages"]
    );
}

#[test]
fn a_missing_views_file_is_named_in_one_clear_line_before_anything_is_built() {
    let dir = Dir::new();
    let child = family(&dir);
    let out = dir.path("review.pdf");
    let missing = dir.path("no-such-views.txt");
    let result = dir.run(
        PASS,
        &[
            "bundle",
            "build",
            "--child",
            &child,
            "--kind",
            "annual-review",
            "--parent-views",
            missing.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_one_clear_line(&result);
    let err = stderr(&result);
    assert!(err.contains("no-such-views.txt") && err.contains("--parent-views"), "{err}");
    assert!(!out.exists(), "nothing is written when a views file is missing");

    // stdin can be read once, so only one of the three may be `-`.
    let result = dir.run(
        PASS,
        &[
            "bundle",
            "plan",
            "--child",
            &child,
            "--kind",
            "annual-review",
            "--parent-views",
            "-",
            "--child-views",
            "-",
        ],
    );
    assert_one_clear_line(&result);
    let err = stderr(&result);
    assert!(err.contains("--parent-views and --child-views"), "{err}");
    assert!(!dir.path("-").exists());
}

#[test]
fn a_saved_pack_notes_its_build_is_listed_for_its_child_and_can_be_deleted() {
    let dir = Dir::new();
    let child = family(&dir);
    std::fs::write(dir.path("parent.txt"), PARENT).unwrap();
    let saved = json(&dir.run(
        PASS,
        &[
            "bundle",
            "save",
            "--child",
            &child,
            "--kind",
            "annual-review",
            "--title",
            "Review, November",
            "--parent-views",
            dir.path("parent.txt").to_str().unwrap(),
            "--json",
        ],
    ));
    let id = saved["id"].as_str().unwrap().to_string();
    assert_eq!(saved["request"]["parentViews"], PARENT);
    assert!(saved["lastBuilt"].is_null());

    let out = dir.path("review.pdf");
    let built =
        json(&dir.run(
            PASS,
            &["bundle", "build", "--pack", &id, "--out", out.to_str().unwrap(), "--json"],
        ));
    assert!(pdf_words(&out).contains(PARENT), "the saved views are in the rebuilt pack");

    let list = json(&dir.run(PASS, &["bundle", "list", "--child", &child, "--json"]));
    let packs = list.as_array().unwrap();
    assert_eq!(packs.len(), 1);
    assert_eq!(packs[0]["id"], id.as_str());
    assert_eq!(packs[0]["lastPages"], built["pages"]);
    assert_eq!(packs[0]["lastFingerprint"], built["fingerprint"]);
    assert_eq!(packs[0]["lastSha256"], built["sha256"]);
    assert!(packs[0]["lastBuilt"].is_string());
    let other = json(&dir.run(PASS, &["bundle", "list", "--child", "ch_someone_else", "--json"]));
    assert_eq!(other.as_array().unwrap().len(), 0);
    let human = stdout(&dir.run(PASS, &["bundle", "list"]));
    assert!(human.contains("Review, November") && human.contains("last built"), "{human}");
    assert!(human.contains(&format!("{} pages", built["pages"])), "{human}");

    // An existing file is never overwritten.
    let again = dir.run(PASS, &["bundle", "build", "--pack", &id, "--out", out.to_str().unwrap()]);
    assert_one_clear_line(&again);

    let deleted = json(&dir.run(PASS, &["bundle", "delete", &id, "--json"]));
    assert_eq!(deleted["deleted"], id.as_str());
    let list = json(&dir.run(PASS, &["bundle", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 0);
    assert_one_clear_line(&dir.run(PASS, &["bundle", "delete", &id]));
    assert!(out.exists(), "deleting a saved pack leaves the PDF built from it");
}
