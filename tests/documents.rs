//! Documents and the audit trail, through the library and the CLI: originals come back byte for
//! byte, nothing is readable outside the vault, hostile PDFs are contained, emails bring their
//! attachments, search names the page, OCR makes scans findable, and tampering is detected.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use carefile::documents::{self as docs, *};
use carefile::pdf::{save_pdf, Layout, TextStyle};
use carefile::vault::{self, Passphrase, Vault};
use sha2::{Digest, Sha256};

use crate::util::*;

// Longer stories in their own files: LibreOffice conversions, where record hits open, and who a
// document is from.
#[cfg(unix)]
mod conversion;
mod record_hits;
mod senders;

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "command failed: {}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn unlock(dir: &Dir) -> Vault {
    vault::unlock(&dir.vault(), &Passphrase::new(PASS)).expect("unlock")
}

/// A PDF with one page per string, in Helvetica (a real text layer).
fn text_pdf(pages: &[String]) -> Vec<u8> {
    let mut layout = Layout::a4();
    for (i, text) in pages.iter().enumerate() {
        if i > 0 {
            layout.new_page();
        }
        layout.paragraph(text, &TextStyle::body());
    }
    save_pdf("Fixture", layout.finish()).expect("fixture PDF")
}

fn write(dir: &Dir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

fn have(program: &str) -> bool {
    Command::new(program).arg("-v").output().is_ok()
}

/// A tiny JPEG header with EXIF orientation 6 (turn 90° clockwise) and a 40 × 30 frame.
fn jpeg_rotated() -> Vec<u8> {
    let mut tiff = b"MM\0*\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8, 0, 30, 0, 40, 1, 1, 0x11, 0, 0xFF, 0xD9]);
    out
}

fn email_with_attachments(pdf: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let pdf64 = b64.encode(pdf);
    let txt64 = b64.encode(b"Minutes of the annual review: agreed weekly speech therapy.");
    format!(
        "From: Jo Caseworker <jo.caseworker@anytown.example>\r\n\
         To: Parent <parent@home.example>\r\n\
         Subject: Draft EHC plan and advice\r\n\
         Date: Fri, 14 Nov 2025 09:30:00 +0000\r\n\
         Message-ID: <draft-1@anytown.example>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n\
         --XYZ\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n\
         Please find attached the draft plan. You have 15 days to respond.\r\n\
         --XYZ\r\n\
         Content-Type: application/pdf\r\n\
         Content-Disposition: attachment; filename=\"draft-plan.pdf\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{pdf64}\r\n\
         --XYZ\r\n\
         Content-Type: text/plain\r\n\
         Content-Disposition: attachment; filename=\"minutes.txt\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{txt64}\r\n\
         --XYZ--\r\n"
    )
    .into_bytes()
}

fn import(dir: &Dir, args: &[&str]) -> (Output, Vec<serde_json::Value>) {
    let mut all = vec!["doc", "import", "--json"];
    all.extend_from_slice(args);
    let out = dir.run(PASS, &all);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("JSON array on stdout: {} / {}", stdout(&out), stderr(&out)));
    (out, list)
}

#[test]
fn every_export_is_byte_identical_to_its_source() {
    let dir = Dir::new();
    dir.init();
    let pdf = text_pdf(&["A report from the educational psychologist.".into()]);
    let files = [
        write(&dir, "in/report.pdf", &pdf),
        write(&dir, "in/photo.jpg", &jpeg_rotated()),
        write(&dir, "in/notes.txt", "Phone call with the SENCO on Tuesday.\n".as_bytes()),
        write(&dir, "in/email.eml", &email_with_attachments(&pdf)),
    ];
    let (out, list) = import(&dir, &[dir.path("in").to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(list.len(), 4);
    for (i, file) in files.iter().enumerate() {
        let entry = list
            .iter()
            .find(|o| o["file"].as_str() == Some(file.to_str().unwrap()))
            .unwrap_or_else(|| panic!("no outcome for {}", file.display()));
        // The email's PDF attachment is the same file as report.pdf: whichever comes second is
        // a duplicate of the first.
        assert!(matches!(entry["status"].as_str(), Some("imported" | "duplicate")), "{entry}");
        let source = std::fs::read(file).unwrap();
        assert_eq!(entry["sha256"].as_str().unwrap(), sha(&source));
        let target = dir.path(&format!("out-{i}"));
        let exported = dir.run(
            PASS,
            &["doc", "export", entry["id"].as_str().unwrap(), "--out", target.to_str().unwrap()],
        );
        assert!(exported.status.success(), "{}", stderr(&exported));
        assert_eq!(sha(&std::fs::read(&target).unwrap()), sha(&source), "{}", file.display());
    }
    // Exporting never overwrites a file.
    let again = dir.run(
        PASS,
        &[
            "--json",
            "doc",
            "export",
            list[0]["id"].as_str().unwrap(),
            "--out",
            dir.path("out-0").to_str().unwrap(),
        ],
    );
    assert_one_clear_line(&again);
    assert_eq!(error_code(&again), "invalid_input");
}

#[test]
fn the_vault_files_hold_no_plain_text_of_a_document() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let phrase = "Quokka-Marmalade needs one to one support at lunchtime";
    let outcome = import_bytes(
        &mut vault,
        "letter.txt",
        phrase.as_bytes().to_vec(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(outcome.status, ImportStatus::Imported);
    let pdf = text_pdf(&[format!("{phrase} (PDF)")]);
    import_bytes(&mut vault, "letter.pdf", pdf, &ImportOptions::default()).unwrap();
    let hits =
        search(&vault, &SearchQuery { text: "quokka marmalade".into(), ..Default::default() })
            .unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");
    // While open (WAL present) and after locking, no file in the vault folder shows the words.
    for files in [dir.snapshot(), {
        vault.lock().unwrap();
        dir.snapshot()
    }] {
        for (name, bytes) in files {
            for needle in ["Quokka-Marmalade", "Quokka", "lunchtime"] {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                    "{name} contains {needle}"
                );
            }
        }
    }
    // And nothing was left in the temp folder.
    let leftovers: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("carefile-convert"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn the_same_file_twice_is_one_document_linked_twice() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let child = carefile::record::add_child(
        &mut vault,
        &carefile::record::NewChild {
            name: "Sam".into(),
            dob: chrono::NaiveDate::from_ymd_opt(2015, 6, 1).unwrap(),
            ..Default::default()
        },
    )
    .unwrap();
    let bytes = b"Annual review notes".to_vec();
    let first =
        import_bytes(&mut vault, "a.txt", bytes.clone(), &ImportOptions::default()).unwrap();
    let options = ImportOptions {
        metadata: DocumentMetadata { child_id: Some(child.id.clone()), ..Default::default() },
        ..Default::default()
    };
    let second = import_bytes(&mut vault, "copy of a.txt", bytes, &options).unwrap();
    assert_eq!(second.status, ImportStatus::Duplicate);
    assert_eq!(second.id, first.id);
    let all = list_documents(&vault, &DocumentFilter::default()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].child_ids, vec![child.id.clone()]);
    let for_child = DocumentFilter { child_id: Some(child.id), ..Default::default() };
    assert_eq!(list_documents(&vault, &for_child).unwrap().len(), 1);
    let history = document_history(&vault, first.id.as_deref().unwrap()).unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["imported", "imported_again", "linked"]);
}

#[test]
fn search_finds_a_phrase_on_page_37_of_60() {
    let dir = Dir::new();
    dir.init();
    let pages: Vec<String> = (1..=60)
        .map(|n| {
            if n == 37 {
                "The educational psychologist recommends daily one to one support in class.".into()
            } else {
                format!("Page {n} of the assessment: general observations about the classroom.")
            }
        })
        .collect();
    let file = write(&dir, "advice.pdf", &text_pdf(&pages));
    let (out, list) =
        import(&dir, &[file.to_str().unwrap(), "--kind", "report", "--dated", "2025-10-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(list[0]["pages"], 60);
    let hits = json(&dir.run(PASS, &["doc", "search", "\"daily one to one support\"", "--json"]));
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["page"], 37);
    assert_eq!(hits[0]["id"], list[0]["id"]);
    assert_eq!(hits[0]["title"], "advice");
    let snippet = hits[0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("[daily one to one support]"), "{snippet}");
    // Filters narrow the search.
    let none =
        json(&dir.run(PASS, &["doc", "search", "psychologist", "--kind", "letter", "--json"]));
    assert_eq!(none.as_array().unwrap().len(), 0);
    let late =
        json(&dir.run(PASS, &["doc", "search", "psychologist", "--from", "2025-11-01", "--json"]));
    assert_eq!(late.as_array().unwrap().len(), 0);
    // Syntax a person might type never breaks the search.
    let odd = dir.run(PASS, &["doc", "search", "1:1 (support* OR \"", "--json"]);
    assert!(odd.status.success(), "{}", stderr(&odd));
}

#[test]
fn an_email_with_two_attachments_becomes_three_linked_documents() {
    let dir = Dir::new();
    dir.init();
    let pdf = text_pdf(&["Draft EHC plan, Section F: weekly speech and language therapy.".into()]);
    let file = write(&dir, "draft.eml", &email_with_attachments(&pdf));
    let (out, list) = import(&dir, &[file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(list.len(), 1);
    let attachments = list[0]["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 2, "{list:?}");
    assert!(attachments.iter().all(|a| a["status"] == "imported"));

    let vault = unlock(&dir);
    let email = get_document(&vault, list[0]["id"].as_str().unwrap()).unwrap();
    assert_eq!(email.kind, DocumentKind::Email);
    assert_eq!(email.title, "Draft EHC plan and advice");
    assert_eq!(email.author.as_deref(), Some("Jo Caseworker <jo.caseworker@anytown.example>"));
    assert_eq!(email.dated, chrono::NaiveDate::from_ymd_opt(2025, 11, 14));
    let info = email.email.clone().unwrap();
    assert_eq!(info.subject.as_deref(), Some("Draft EHC plan and advice"));
    assert_eq!(info.to, vec!["Parent <parent@home.example>"]);
    assert_eq!(email.attachment_ids.len(), 2);
    for id in &email.attachment_ids {
        let a = get_document(&vault, id).unwrap();
        assert_eq!(a.attached_to.as_deref(), Some(email.id.as_str()));
    }
    let body = page_text(&vault, &email.id, 1).unwrap();
    assert!(body.contains("15 days to respond"), "{body}");
    let hits = search(&vault, &SearchQuery { text: "speech therapy".into(), ..Default::default() })
        .unwrap();
    assert!(hits.iter().any(|h| h.title == "minutes"), "{hits:?}");
    let hits =
        search(&vault, &SearchQuery { text: "Section F".into(), ..Default::default() }).unwrap();
    assert!(hits.iter().any(|h| h.title == "draft-plan"), "{hits:?}");
}

#[test]
fn images_are_kept_as_one_page_with_their_orientation() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let out =
        import_bytes(&mut vault, "page.jpg", jpeg_rotated(), &ImportOptions::default()).unwrap();
    let d = get_document(&vault, out.id.as_deref().unwrap()).unwrap();
    assert_eq!((d.kind, d.format, d.pages), (DocumentKind::Photo, DocumentFormat::Jpeg, 1));
    let image = d.image.unwrap();
    assert_eq!((image.orientation, image.rotate_degrees), (Some(6), 90));
    assert_eq!(d.text_status, TextStatus::NeedsOcr);
    assert!(document_pages(&vault, &d.id).unwrap()[0].needs_ocr);
}

#[test]
fn a_folder_import_carries_on_past_bad_files_and_reports_them() {
    let dir = Dir::new();
    dir.init();
    write(&dir, "box/good.txt", b"Letter from the school about transport.");
    write(&dir, "box/broken.pdf", b"%PDF-1.7\nthis is not really a PDF");
    write(&dir, "box/sub/program.exe", b"MZ\x90\0\x03\0\0\0");
    write(&dir, "box/sub/other.txt", b"Second letter about the annual review.");
    let (out, list) = import(&dir, &[dir.path("box").to_str().unwrap()]);
    assert_one_clear_line(&out);
    assert_eq!(list.len(), 4);
    let status = |name: &str| {
        list.iter().find(|o| o["file"].as_str().unwrap().ends_with(name)).unwrap().clone()
    };
    assert_eq!(status("good.txt")["status"], "imported");
    assert_eq!(status("other.txt")["status"], "imported");
    for bad in ["broken.pdf", "program.exe"] {
        let o = status(bad);
        assert_eq!(o["status"], "refused");
        assert!(o["reason"].as_str().unwrap().contains(bad), "{o}");
        assert!(o.get("id").is_none() && o.get("sha256").is_none());
    }
    assert!(status("program.exe")["reason"].as_str().unwrap().contains("PDFs, photos"));
}

#[test]
fn a_password_protected_pdf_is_refused_clearly_or_opened_with_its_password() {
    if !have("qpdf") {
        eprintln!("SKIPPED: qpdf is not installed, so no protected PDF can be made for this test");
        return;
    }
    let dir = Dir::new();
    dir.init();
    let plain = write(&dir, "plain.pdf", &text_pdf(&["Confidential health advice".into()]));
    let locked = dir.path("locked.pdf");
    let status = Command::new("qpdf")
        .args(["--encrypt", "letmein", "ownerpw", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status()
        .unwrap();
    assert!(status.success());
    let (out, list) = import(&dir, &[locked.to_str().unwrap()]);
    assert_one_clear_line(&out);
    assert_eq!(list[0]["status"], "refused");
    assert!(list[0]["reason"].as_str().unwrap().contains("password"), "{list:?}");
    let (out, list) = import(&dir, &[locked.to_str().unwrap(), "--password", "wrong"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(list[0]["reason"].as_str().unwrap().contains("password doesn't open"), "{list:?}");
    let (out, list) = import(&dir, &[locked.to_str().unwrap(), "--password", "letmein"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(list[0]["status"], "imported");
    let hits = json(&dir.run(PASS, &["doc", "search", "health advice", "--json"]));
    assert_eq!(hits[0]["page"], 1);
}

#[test]
fn every_file_of_the_hostile_corpus_is_imported_or_refused_with_a_reason() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/qpdf");
    if !corpus.is_dir() {
        eprintln!(
            "SKIPPED: the hostile PDF corpus is absent ({}); nothing was tested here",
            corpus.display()
        );
        return;
    }
    let dir = Dir::new();
    dir.init();
    let (out, list) = import(&dir, &[corpus.to_str().unwrap()]);
    // Exit 1 (some refused) with one clear line, never a crash.
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked") && !stderr(&out).contains("internal fault"));
    let files = std::fs::read_dir(&corpus).unwrap().count();
    assert_eq!(list.len(), files);
    for o in &list {
        match o["status"].as_str().unwrap() {
            "imported" | "duplicate" => assert!(o["sha256"].is_string() && o["id"].is_string()),
            "refused" => assert!(o["reason"].as_str().is_some_and(|r| r.len() > 20), "{o}"),
            other => panic!("unexpected status {other}"),
        }
    }
    // The vault is whole afterwards.
    let check = dir.run(PASS, &["unlock", "--check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_scanned_page_becomes_findable_after_ocr() {
    if !(have("tesseract") && have("pdftoppm")) {
        eprintln!("SKIPPED: tesseract or pdftoppm is not installed, so OCR can't be tested");
        return;
    }
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    // A scan: the text PDF drawn as a picture, then wrapped in a PDF with no text layer.
    let text = text_pdf(&["HYDROTHERAPY SESSIONS EVERY WEDNESDAY".into()]);
    let jpeg = run(Command::new("pdftoppm").args(["-r", "150", "-gray", "-jpeg", "-"]), &text);
    let scan = image_only_pdf(&jpeg);
    let imported = import_bytes(&mut vault, "scan.pdf", scan, &ImportOptions::default()).unwrap();
    assert_eq!(imported.text_status, Some(TextStatus::NeedsOcr));
    let query = SearchQuery { text: "hydrotherapy".into(), ..Default::default() };
    assert!(search(&vault, &query).unwrap().is_empty());
    let photo = import_bytes(&mut vault, "photo.jpg", jpeg, &ImportOptions::default()).unwrap();

    let seen = std::cell::RefCell::new(Vec::new());
    let report =
        ocr_pending(&mut vault, &OcrOptions::default(), &|p| seen.borrow_mut().push(p)).unwrap();
    let docs_now = list_documents(&vault, &DocumentFilter::default()).unwrap();
    assert_eq!(report.pages_read, 2, "{report:?} {docs_now:?}");
    assert_eq!(seen.borrow().last().map(|p| (p.done, p.total)), Some((2, 2)));
    let hits = search(&vault, &query).unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits.iter().all(|h| h.page == 1));
    let d = get_document(&vault, imported.id.as_deref().unwrap()).unwrap();
    assert_eq!(d.text_status, TextStatus::Readable);
    assert_eq!(document_pages(&vault, &d.id).unwrap()[0].source, PageSource::Ocr);
    assert!(photo.id.is_some());
    // OCR is a derivative: the original is unchanged.
    assert!(carefile::audit::verify(vault.conn()).unwrap().ok);
}

fn run(cmd: &mut Command, input: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    out.stdout
}

fn jpeg_size(jpeg: &[u8]) -> (u32, u32, u8) {
    let mut at = 2;
    while at + 9 < jpeg.len() {
        let marker = jpeg[at + 1];
        let len = u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]) as usize;
        if (0xC0..=0xC3).contains(&marker) {
            let h = u16::from_be_bytes([jpeg[at + 5], jpeg[at + 6]]) as u32;
            let w = u16::from_be_bytes([jpeg[at + 7], jpeg[at + 8]]) as u32;
            return (w, h, jpeg[at + 9]);
        }
        at += 2 + len;
    }
    panic!("no JPEG frame");
}

/// A one-page PDF showing `jpeg` full-page, with no text at all.
fn image_only_pdf(jpeg: &[u8]) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let (w, h, components) = jpeg_size(jpeg);
    let colour = if components == 1 { "DeviceGray" } else { "DeviceRGB" };
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => w as i64, "Height" => h as i64,
            "ColorSpace" => colour, "BitsPerComponent" => 8, "Filter" => "DCTDecode",
        },
        jpeg.to_vec(),
    );
    let image_id = doc.add_object(image);
    let content = "q 595 0 0 842 0 0 cm /Im1 Do Q".to_string();
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn metadata_changes_are_audited_from_and_to() {
    let dir = Dir::new();
    dir.init();
    let file = write(&dir, "letter.txt", b"Decision not to assess.");
    let (_, list) = import(&dir, &[file.to_str().unwrap()]);
    let id = list[0]["id"].as_str().unwrap();
    let edited = json(&dir.run(
        PASS,
        &[
            "doc",
            "edit",
            id,
            "--title",
            "Refusal to assess",
            "--kind",
            "decision",
            "--dated",
            "2025-09-03",
            "--tag",
            "tribunal",
            "--json",
        ],
    ));
    assert_eq!(edited["title"], "Refusal to assess");
    assert_eq!(edited["kind"], "decision");
    assert_eq!(edited["tags"][0], "tribunal");
    let shown = json(&dir.run(PASS, &["doc", "show", id, "--json"]));
    let history = shown["history"].as_array().unwrap();
    let title = history.iter().find(|h| h["detail"]["field"] == "title").unwrap();
    assert_eq!(title["detail"]["from"], "letter");
    assert_eq!(title["detail"]["to"], "Refusal to assess");
    assert!(history.iter().any(|h| h["detail"]["field"] == "dated"));
    let bad = dir.run(PASS, &["--json", "doc", "edit", id, "--dated", "3/9/2025"]);
    assert_one_clear_line(&bad);
    assert_eq!(error_code(&bad), "invalid_input");
    let found = json(&dir.run(PASS, &["doc", "search", "refusal", "--tag", "tribunal", "--json"]));
    assert_eq!(found[0]["id"], id);
    assert_eq!(found[0]["matchedIn"], "details");
}

#[test]
fn audit_verify_passes_untouched_and_names_an_altered_entry() {
    let dir = Dir::new();
    dir.init();
    let a = write(&dir, "a.txt", b"First letter.");
    let b = write(&dir, "b.txt", b"Second letter.");
    let (_, list) = import(&dir, &[a.to_str().unwrap(), b.to_str().unwrap()]);
    let id = list[0]["id"].as_str().unwrap();
    let out = dir.path("a-copy.txt");
    assert!(dir.run(PASS, &["doc", "export", id, "--out", out.to_str().unwrap()]).status.success());
    let ok = json(&dir.run(PASS, &["audit", "verify", "--json"]));
    assert_eq!(ok["ok"], true);
    assert_eq!(ok["entries"], 3);

    // Someone with the key rewrites history: entry 2 now claims a different fingerprint.
    {
        let vault = unlock(&dir);
        vault
            .conn()
            .execute_batch(
                "DROP TRIGGER audit_log_no_update;
                 UPDATE audit_log SET detail = replace(detail, 'b.txt', 'c.txt') WHERE seq = 2;",
            )
            .unwrap();
        vault.lock().unwrap();
    }
    let failed = dir.run(PASS, &["audit", "verify"]);
    assert_one_clear_line(&failed);
    let message = stderr(&failed);
    assert!(message.contains("entry 2"), "{message}");
    let failed = dir.run(PASS, &["--json", "audit", "verify"]);
    assert_eq!(error_code(&failed), "corrupt_vault");
    assert_eq!(json_from(&failed)["brokenAt"], 2);

    // Deleting a past entry is named too.
    {
        let vault = unlock(&dir);
        vault
            .conn()
            .execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 1;")
            .unwrap();
        vault.lock().unwrap();
    }
    let failed = dir.run(PASS, &["audit", "verify"]);
    assert_one_clear_line(&failed);
    assert!(stderr(&failed).contains("entry 1 is missing"), "{}", stderr(&failed));
}

fn json_from(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn a_word_document_is_kept_and_says_what_it_needs() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    // The smallest thing that is a .docx by its bytes: a zip header.
    let bytes = b"PK\x03\x04\x14\0\0\0\0\0not a real document body".to_vec();
    let out =
        docs::import_bytes(&mut vault, "report.docx", bytes.clone(), &ImportOptions::default())
            .unwrap();
    let d = get_document(&vault, out.id.as_deref().unwrap()).unwrap();
    assert_eq!(d.format, DocumentFormat::Word);
    assert_eq!(read_original(&vault, &d.id).unwrap().bytes, bytes);
    if !libreoffice_available() {
        assert_eq!(d.text_status, TextStatus::NeedsLibreoffice);
        assert!(d.status_note.unwrap().contains("install LibreOffice"));
    }
}

fn a_child(vault: &mut Vault) -> String {
    use carefile::record::{add_child, NewChild};
    let dob = chrono::NaiveDate::from_ymd_opt(2015, 6, 1).unwrap();
    add_child(vault, &NewChild { name: "Sam Example".into(), dob, ..NewChild::default() })
        .unwrap()
        .id
}

#[test]
fn an_imported_email_is_filed_once_as_correspondence_with_its_attachments() {
    use carefile::record::{list_correspondence, CorrespondenceKind, Direction};
    let dir = Dir::new();
    dir.init();
    let child = {
        let mut vault = unlock(&dir);
        let child = a_child(&mut vault);
        vault.lock().unwrap();
        child
    };
    let pdf = text_pdf(&["Draft EHC plan, Section F: weekly speech and language therapy.".into()]);
    let file = write(&dir, "draft.eml", &email_with_attachments(&pdf));
    let path = file.to_str().unwrap();
    let (out, list) = import(&dir, &[path, "--child", &child, "--received", "2025-11-15"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entry_id = list[0]["correspondenceId"].as_str().expect("filed as correspondence");
    // The same .eml again is a duplicate and files nothing new.
    let (out, again) = import(&dir, &[path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(again[0]["status"], "duplicate");
    assert!(again[0].get("correspondenceId").is_none(), "{again:?}");

    let vault = unlock(&dir);
    let entries = list_correspondence(&vault, None).unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let e = &entries[0];
    assert_eq!(e.id, entry_id);
    assert_eq!(e.kind, CorrespondenceKind::Email);
    assert_eq!(e.direction, Direction::Incoming);
    assert_eq!(e.subject, "Draft EHC plan and advice");
    assert_eq!(e.child_id.as_deref(), Some(child.as_str()));
    let nov = |day| chrono::NaiveDate::from_ymd_opt(2025, 11, day);
    assert_eq!((e.dated, e.sent, e.received), (nov(14), nov(14), nov(15)));
    assert!(e.summary.starts_with("Draft EHC plan and advice"), "{}", e.summary);
    assert!(e.summary.contains("15 days to respond"), "{}", e.summary);
    let linked = linked_documents(&vault, LinkKind::Correspondence, entry_id).unwrap();
    let mut ids: Vec<&str> = linked.iter().map(|d| d.id.as_str()).collect();
    ids.sort();
    let mut expected: Vec<&str> = std::iter::once(list[0]["id"].as_str().unwrap())
        .chain(list[0]["attachments"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()))
        .collect();
    expected.sort();
    assert_eq!(ids, expected);
}

#[test]
fn search_finds_a_logged_call_beside_documents() {
    use carefile::record::{add_correspondence, CorrespondenceKind, Direction, NewCorrespondence};
    let dir = Dir::new();
    dir.init();
    let doc = write(&dir, "notes.txt", b"Sensory room visit went well.");
    let (out, list) = import(&dir, &[doc.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut vault = unlock(&dir);
    let child = a_child(&mut vault);
    let call = |summary: &str| NewCorrespondence {
        child_id: Some(child.clone()),
        person_id: None,
        kind: CorrespondenceKind::Call,
        direction: Direction::Incoming,
        subject: "Call with the SENCo".into(),
        dated: chrono::NaiveDate::from_ymd_opt(2025, 3, 10),
        sent: None,
        received: None,
        channel: Some("phone".into()),
        proof_of_delivery: None,
        summary: summary.into(),
        actions: Vec::new(),
    };
    let entry = add_correspondence(
        &mut vault,
        &call("The SENCo promised a sensory room timetable before half term."),
    )
    .unwrap();
    vault.lock().unwrap();

    let hits = json(&dir.run(PASS, &["doc", "search", "\"sensory room timetable\"", "--json"]));
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["source"], "correspondence");
    assert_eq!(hits[0]["id"], entry.id.as_str());
    assert_eq!(hits[0]["title"], "Call with the SENCo");
    assert_eq!(hits[0]["dated"], "2025-03-10");
    assert_eq!(hits[0]["page"], 1);
    let snippet = hits[0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("[sensory room timetable]"), "{snippet}");

    // Documents and the record both answer; the child filter applies to the record too.
    let both = json(&dir.run(PASS, &["doc", "search", "sensory", "--json"]));
    let sources: Vec<&str> =
        both.as_array().unwrap().iter().map(|h| h["source"].as_str().unwrap()).collect();
    assert!(sources.contains(&"document") && sources.contains(&"correspondence"), "{both}");
    assert!(both.as_array().unwrap().iter().any(|h| h["id"] == list[0]["id"]));
    let other = json(&dir.run(PASS, &["doc", "search", "sensory", "--child", "ch_none", "--json"]));
    assert!(other.as_array().unwrap().iter().all(|h| h["source"] == "document"), "{other}");

    // A new entry is found on the next search: the index follows the record.
    let mut vault = unlock(&dir);
    add_correspondence(&mut vault, &call("Agreed a weekly trampoline session.")).unwrap();
    let hits = search_all(&vault, &SearchQuery { text: "trampoline".into(), ..Default::default() })
        .unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].source, HitSource::Correspondence);
    assert_eq!(hits[0].kind, None);
    // Document-only search is unchanged.
    assert!(search(&vault, &SearchQuery { text: "trampoline".into(), ..Default::default() })
        .unwrap()
        .is_empty());
}
