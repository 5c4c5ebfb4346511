//! Every name in every script: a complaint pack and a chronology for a child whose name and
//! whose family's emails are in Polish, Turkish, Greek, Cyrillic, Urdu and Bengali give every
//! word back from the PDF (pdftotext), with the fonts embedded, subset and small.

use std::path::Path;
use std::process::Command;

use carefile::bundle::{build_pack, PackKind, PackRequest};
use carefile::documents::{import_bytes, DocumentKind, DocumentMetadata, ImportOptions};
use carefile::record::{
    add_child, add_correspondence, add_person, chronology, chronology_pdf, ChronologyFilter,
    CorrespondenceKind, Direction, NewChild, NewCorrespondence, NewPerson,
};
use carefile::vault::Vault;
use chrono::NaiveDate;
use lopdf::{Document, Object};
use unicode_normalization::UnicodeNormalization;

use crate::util::*;

const CHILD: &str = "Łucja Wiśniewska-Ağaoğlu";
const NAMES: [&str; 6] =
    ["Ἀθηνᾶ", "Дмитрий Иванов", "Şule Çelik", "ملکہ کو مدد چاہیے", "সাহায্য", CHILD];

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext");
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

fn qpdf_clean(path: &Path) {
    let out = Command::new("qpdf").arg("--check").arg(path).output().expect("qpdf");
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(out.status.success() && !text.to_lowercase().contains("warning"), "{text}");
}

/// Every name comes back exactly (NFC), and nothing was replaced by `?` or U+FFFD.
fn assert_every_name(text: &str) {
    let text: String = text.nfc().collect();
    for name in NAMES {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(!text.contains('\u{FFFD}'), "{text}");
    for line in text.lines() {
        assert!(!line.contains('?'), "a ? in {line:?}");
    }
}

/// Bytes of embedded font data (font programs, ToUnicode and CID maps) in a PDF.
fn font_bytes(pdf: &[u8]) -> usize {
    let doc = Document::load_mem(pdf).unwrap();
    let mut font_streams = Vec::new();
    for obj in doc.objects.values() {
        let Ok(dict) = obj.as_dict() else { continue };
        for key in [b"FontFile2".as_slice(), b"ToUnicode", b"CIDToGIDMap"] {
            if let Ok(Object::Reference(id)) = dict.get(key) {
                font_streams.push(*id);
            }
        }
    }
    font_streams.sort();
    font_streams.dedup();
    font_streams
        .iter()
        .filter_map(|id| doc.get_object(*id).ok()?.as_stream().ok().map(|s| s.content.len()))
        .sum()
}

fn family_record(vault: &mut Vault) -> String {
    let child = add_child(
        vault,
        &NewChild { name: CHILD.into(), dob: d("2016-03-02"), ..NewChild::default() },
    )
    .unwrap();
    let mut people = Vec::new();
    for name in ["Ἀθηνᾶ", "Дмитрий Иванов", "Şule Çelik"] {
        let person = add_person(vault, &NewPerson { name: name.into(), ..NewPerson::default() });
        people.push(person.unwrap().id);
    }
    for (n, (subject, summary)) in [
        ("Call with Дмитрий Иванов", "Ἀθηνᾶ will interpret at the meeting"),
        ("Email from Şule Çelik", "Her grandmother wrote: ملکہ کو مدد چاہیے"),
        ("Note from the family", "Aunt's note in Bengali: সাহায্য"),
    ]
    .into_iter()
    .enumerate()
    {
        add_correspondence(
            vault,
            &NewCorrespondence {
                child_id: Some(child.id.clone()),
                person_id: Some(people[n].clone()),
                kind: CorrespondenceKind::Email,
                direction: Direction::Incoming,
                subject: subject.into(),
                dated: Some(d(&format!("2025-10-0{}", n + 1))),
                sent: None,
                received: Some(d(&format!("2025-10-0{}", n + 1))),
                channel: None,
                proof_of_delivery: None,
                summary: summary.into(),
                actions: vec![],
            },
        )
        .unwrap();
    }
    let eml = "From: =?utf-8?q?=C5=9Eule_=C3=87elik?= <sule@home.example>\r\n\
               To: Parent <parent@home.example>\r\n\
               Subject: =?utf-8?b?zpHOuM63zr3hvrY=?=\r\n\
               Date: Fri, 14 Nov 2025 09:30:00 +0000\r\n\
               Content-Type: text/plain; charset=utf-8\r\n\r\n\
               Dear all,\r\n\r\nŁucja's grandmother asked me to write: ملکہ کو مدد چاہیے\r\n\
               And her aunt: সাহায্য. Дмитрий Иванов will call on Monday.\r\n";
    let options = ImportOptions {
        metadata: DocumentMetadata {
            child_id: Some(child.id.clone()),
            kind: Some(DocumentKind::Email),
            dated: Some(d("2025-11-14")),
            ..DocumentMetadata::default()
        },
        ..ImportOptions::default()
    };
    import_bytes(vault, "grandmother.eml", eml.as_bytes().to_vec(), &options).unwrap();
    child.id
}

#[test]
fn a_complaint_pack_and_chronology_give_back_every_name_in_every_script() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let child = family_record(&mut vault);

    let request = PackRequest {
        kind: Some(PackKind::Complaint),
        child_id: child.clone(),
        today: Some(d("2025-11-20")),
        ..PackRequest::default()
    };
    let pack = build_pack(&vault, &request, &mut |_| {}).unwrap();
    let pack_path = dir.path("complaint.pdf");
    std::fs::write(&pack_path, &pack.bytes).unwrap();
    assert!(
        font_bytes(&pack.bytes) < 500_000,
        "{} bytes of fonts in the pack",
        font_bytes(&pack.bytes)
    );

    let entries = chronology(&vault, &ChronologyFilter::default()).unwrap();
    let chron = chronology_pdf(CHILD, &entries).unwrap();
    let chron_path = dir.path("chronology.pdf");
    std::fs::write(&chron_path, &chron).unwrap();
    assert!(font_bytes(&chron) < 500_000);

    if !tool("pdftotext") {
        eprintln!("pdftotext not installed: skipping the text checks");
        return;
    }
    let pack_text = pdftotext(&pack_path);
    assert_every_name(&pack_text);
    // The cover names the child.
    let cover = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&pack_path)
        .arg("-")
        .output()
        .unwrap();
    assert!(stdout(&cover).contains(CHILD), "{}", stdout(&cover));
    let chron_text = pdftotext(&chron_path);
    for name in ["Ἀθηνᾶ", "Дмитрий Иванов", "Şule Çelik", "ملکہ کو مدد چاہیے", "সাহায্য"]
    {
        assert!(chron_text.contains(name), "{name} missing from the chronology:\n{chron_text}");
    }
    if tool("qpdf") {
        qpdf_clean(&pack_path);
        qpdf_clean(&chron_path);
    }
    if let Ok(keep) = std::env::var("CAREFILE_KEEP_PDF_DIR") {
        std::fs::copy(&pack_path, Path::new(&keep).join("complaint.pdf")).unwrap();
        std::fs::copy(&chron_path, Path::new(&keep).join("chronology.pdf")).unwrap();
    }
}

#[test]
fn fonts_are_embedded_and_subset_not_whole() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let child = family_record(&mut vault);
    let entries = chronology(&vault, &ChronologyFilter::default()).unwrap();
    let pdf = chronology_pdf(CHILD, &entries).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    let mut base_fonts = Vec::new();
    for obj in doc.objects.values() {
        let Ok(dict) = obj.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font".as_slice()) {
            let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap();
            assert!(
                subtype == b"Type0" || subtype == b"CIDFontType2",
                "a {} font: standard fonts can't show every script",
                String::from_utf8_lossy(subtype)
            );
            if subtype == b"Type0" {
                assert!(dict.get(b"ToUnicode").is_ok());
                let name = dict.get(b"BaseFont").and_then(Object::as_name).unwrap();
                base_fonts.push(String::from_utf8_lossy(name).into_owned());
            }
        }
    }
    // A subset tag on each, and the Urdu and Bengali faces among them.
    assert!(base_fonts.iter().all(|n| n.len() > 7 && n.as_bytes()[6] == b'+'), "{base_fonts:?}");
    assert!(base_fonts.iter().any(|n| n.ends_with("NotoNaskhArabic")), "{base_fonts:?}");
    assert!(base_fonts.iter().any(|n| n.ends_with("NotoSansBengali")), "{base_fonts:?}");
    // The whole Latin face is 400 KB; the subset a few dozen.
    assert!(font_bytes(&pdf) < 150_000, "{}", font_bytes(&pdf));
    drop(child);
}
