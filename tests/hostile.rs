//! Bounds on untrusted input: hostile emails and images are refused or imported within bounds,
//! quickly and without exhausting memory.

use carefile::documents::{import_bytes, ImportOptions, ImportStatus};

use crate::util::*;

/// An email with `depth` emails attached inside each other (built in one pass: the headers of
/// every level, the innermost email, then every level's closing boundary).
fn nested_email(depth: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for level in (0..depth).rev() {
        out.extend_from_slice(
            format!(
                "From: level{level}@b.example\r\nSubject: level {level}\r\nMIME-Version: 1.0\r\n\
                 Content-Type: multipart/mixed; boundary=\"b{level}\"\r\n\r\n--b{level}\r\n\
                 Content-Type: text/plain\r\n\r\nforwarded\r\n--b{level}\r\n\
                 Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n"
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(b"From: a@b.example\r\nSubject: innermost\r\n\r\nthe bottom\r\n");
    for level in 0..depth {
        out.extend_from_slice(format!("\r\n--b{level}--\r\n").as_bytes());
    }
    out
}

fn count_outcomes(o: &carefile::documents::ImportOutcome) -> (usize, usize) {
    let mut imported = usize::from(o.status == ImportStatus::Imported);
    let mut refused = usize::from(o.status == ImportStatus::Refused);
    for a in &o.attachments {
        let (i, r) = count_outcomes(a);
        imported += i;
        refused += r;
    }
    (imported, refused)
}

#[test]
fn an_email_nested_10000_deep_is_refused_and_one_nested_40_deep_imported_within_bounds() {
    for depth in [10_000, 40] {
        nested_within_bounds(depth);
    }
}

fn nested_within_bounds(depth: usize) {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let options = ImportOptions::default();
    let started = std::time::Instant::now();
    // Run on a thread with an ordinary 2 MB stack, as the desktop's workers have.
    let bytes = nested_email(depth);
    let outcome = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let r = import_bytes(&mut vault, "deep.eml", bytes, &options);
            (r, vault)
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
    let (result, vault) = outcome;
    match result {
        Ok(o) => {
            let (imported, refused) = count_outcomes(&o);
            let max = ImportOptions::default().limits.max_email_depth as usize;
            assert_eq!(imported, max + 1, "{imported} documents from one email");
            assert_eq!(refused, 1, "the level past the bound is named, not imported");
        }
        Err(e) => {
            assert!(depth > 100, "{depth} deep should import within bounds: {e}");
            assert!(e.to_string().contains("parts inside other parts"), "{e}");
        }
    }
    let docs: i64 =
        vault.conn().query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap();
    assert!(docs <= 9, "{docs} documents");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
}

#[test]
fn an_email_with_thousands_of_parts_gives_at_most_the_part_limit() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let mut email = b"From: a@b.example\r\nSubject: many\r\nMIME-Version: 1.0\r\n\
        Content-Type: multipart/mixed; boundary=\"X\"\r\n\r\n"
        .to_vec();
    for i in 0..700 {
        email.extend_from_slice(
            format!(
                "--X\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; \
                 filename=\"p{i}.txt\"\r\n\r\npart {i}\r\n"
            )
            .as_bytes(),
        );
    }
    email.extend_from_slice(b"--X--\r\n");
    let mut options = ImportOptions::default();
    options.limits.max_email_parts = 50;
    let o = import_bytes(&mut vault, "many.eml", email, &options).unwrap();
    let (imported, refused) = count_outcomes(&o);
    assert_eq!(imported, 51, "the email and 50 parts");
    assert_eq!(refused, 650);
    assert!(o.attachments[60].reason.as_deref().unwrap().contains("more than 50 attachments"));
}

#[test]
fn an_image_of_50000_by_50000_pixels_is_refused_from_its_header() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(b"IHDR");
    png.extend_from_slice(&50_000u32.to_be_bytes());
    png.extend_from_slice(&50_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png.extend_from_slice(&0u32.to_be_bytes());
    png.extend_from_slice(b"IDAT\0\0\0\0");
    let started = std::time::Instant::now();
    let e = import_bytes(&mut vault, "huge.png", png, &ImportOptions::default()).unwrap_err();
    assert!(e.to_string().contains("50000 × 50000"), "{e}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    let docs: i64 =
        vault.conn().query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(docs, 0);
}

#[test]
fn a_vault_key_file_asking_for_64_gib_is_refused_at_once() {
    let dir = Dir::new();
    dir.init();
    let keys = dir.vault().join("vault-keys.json");
    let text = std::fs::read_to_string(&keys).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mem = v["passphrase"]["kdf"]["memory_kib"].as_u64().expect("memory_kib in the key file");
    let greedy = text.replacen(
        &format!("\"memory_kib\": {mem}"),
        &format!("\"memory_kib\": {}", 64u64 << 20),
        1,
    );
    assert_ne!(greedy, text);
    std::fs::write(&keys, greedy).unwrap();
    let started = std::time::Instant::now();
    let out = dir.run(PASS, &["unlock", "--json"]);
    assert_eq!(error_code(&out), "corrupt_file", "{}", stderr(&out));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

/// Found by `make fuzz` (email): an email on which mail-parser 0.11.9 trips its own
/// `debug_assert!` ("Invalid part ID") while reading its parts. Debug builds panic there; the
/// panic stays inside the import's containment, so the file gets an answer (imported or refused
/// with a reason) and nothing else changes.
#[test]
fn an_email_that_trips_the_parsers_own_assertion_gets_an_answer() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/email-mail-parser-debug-assert.eml");
    let bytes = std::fs::read(file).expect("fixture");
    match import_bytes(&mut vault, "found.eml", bytes, &ImportOptions::default()) {
        Ok(o) => {
            assert!(matches!(o.status, ImportStatus::Imported | ImportStatus::Refused), "{o:?}")
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    carefile::audit::verify(vault.conn()).expect("the audit trail is intact");
}
