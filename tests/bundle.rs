//! Bundles: the plan, the built PDF checked with qpdf and poppler (page stamps, index links,
//! bookmarks, print edition, manifest, page sizes and rotation), the pre-flight warnings, hostile
//! PDFs, and the CLI contract against a real vault.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use carefile::bundle::{
    build_bundle, plan_bundle, AppealType, BuildProgress, BundleDocument, BundleOptions,
    BundlePlan, DocumentLoader, DocumentOrder, DocumentRole, Numbering, Pack, PackKind,
    SectionInput, SourceContent, SourceFormat, WarningCode,
};
use carefile::documents::DocumentKind;
use chrono::NaiveDate;
use lopdf::{dictionary, Document, Object, Stream};
use sha2::{Digest, Sha256};

use crate::util::*;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A PDF with one page per `(width, height, rotate)`, each saying `label page n`. The size and
/// resources sit on the page-tree node and are inherited, the way many scanners write them.
pub fn fixture_pdf(label: &str, pages: &[(f32, f32, i64)]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "Encoding" => "WinAnsiEncoding",
    });
    // By reference: lopdf's own text extraction (used at import) only follows inherited
    // resources given that way.
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for (i, (w, h, rotate)) in pages.iter().enumerate() {
        // Leave the graphics state scaled and filled white, to prove the stamp is isolated from it.
        let content = format!(
            "BT /F1 20 Tf 40 {} Td ({label} page {}) Tj ET 4 0 0 4 0 0 cm 1 g",
            h - 80.0,
            i + 1
        );
        let c = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let mut page = dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => c };
        if (*w, *h) != (595.0, 842.0) {
            page.set("MediaBox", vec![0.into(), 0.into(), (*w).into(), (*h).into()]);
        }
        if *rotate != 0 {
            page.set("Rotate", *rotate);
        }
        kids.push(doc.add_object(page).into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => resources,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

pub fn a4(label: &str, n: usize) -> Vec<u8> {
    fixture_pdf(label, &vec![(595.0, 842.0, 0); n])
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Documents held in memory.
#[derive(Default)]
struct Memory {
    files: HashMap<String, SourceContent>,
}

impl DocumentLoader for Memory {
    fn load(&self, doc: &BundleDocument) -> carefile::Result<SourceContent> {
        self.files
            .get(&doc.id)
            .cloned()
            .ok_or_else(|| carefile::Error::NotFound(format!("no {}", doc.id)))
    }
}

impl Memory {
    fn pdf(
        &mut self,
        id: &str,
        title: &str,
        dated: Option<&str>,
        bytes: Vec<u8>,
        pages: u32,
    ) -> BundleDocument {
        let doc = BundleDocument {
            id: id.into(),
            title: title.into(),
            kind: DocumentKind::Report,
            role: DocumentRole::Other,
            author: Some(format!("Author of {title}")),
            dated: dated.map(d),
            sha256: sha(&bytes),
            pages,
            has_text_layer: true,
            format: SourceFormat::Pdf,
            attached_to: None,
            problem: None,
        };
        self.files.insert(id.into(), SourceContent::Pdf(bytes));
        doc
    }
}

fn pack(kind: PackKind, appeal: Option<AppealType>, sections: Vec<Vec<BundleDocument>>) -> Pack {
    let t = carefile::bundle::template_for(kind, appeal);
    let mut docs = sections.into_iter();
    Pack {
        kind,
        title: t.title.clone(),
        subtitle: Some("Sam Example (fictional)".into()),
        cover_lines: vec![("Child".into(), "Sam Example".into())],
        appeal_type: t.appeal_type,
        hearing: Some(d("2026-03-02")),
        today: d("2025-11-14"),
        sections: t
            .sections
            .into_iter()
            .map(|spec| SectionInput {
                spec,
                documents: docs.next().unwrap_or_default(),
                order: DocumentOrder::Chronological,
                late: false,
            })
            .collect(),
    }
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

fn qpdf_check(path: &Path) {
    if !tool("qpdf") {
        eprintln!("qpdf not installed: skipping qpdf --check");
        return;
    }
    let out = Command::new("qpdf").arg("--check").arg(path).output().unwrap();
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(out.status.success(), "qpdf --check failed: {text}");
    assert!(!text.to_lowercase().contains("warning"), "qpdf warned: {text}");
}

fn page_text(path: &Path, n: u32) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    stdout(&out)
}

/// (width, height) in points as shown, per page, from pdfinfo.
fn page_sizes(path: &Path) -> Vec<(f32, f32, i64)> {
    let out = Command::new("pdfinfo").args(["-f", "1", "-l", "9999"]).arg(path).output().unwrap();
    let mut sizes = Vec::new();
    let text = stdout(&out);
    let mut size = None;
    for line in text.lines() {
        if line.starts_with("Page") && line.contains(" size:") {
            let nums: Vec<f32> = line
                .split(':')
                .nth(1)
                .unwrap()
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            size = Some((nums[0], nums[1]));
        }
        if line.starts_with("Page") && line.contains(" rot:") {
            let rot: i64 = line.split(':').nth(1).unwrap().trim().parse().unwrap();
            let (w, h) = size.take().unwrap();
            sizes.push((w, h, rot));
        }
    }
    sizes
}

fn build(
    plan: &BundlePlan,
    mem: &Memory,
    dir: &Dir,
    name: &str,
) -> (carefile::bundle::BuiltBundle, std::path::PathBuf) {
    let mut steps: Vec<BuildProgress> = Vec::new();
    let built = build_bundle(plan, mem, &mut |p| steps.push(p)).expect("build");
    assert!(steps.last().is_some_and(|p| p.done == p.total), "progress ends at 100%");
    let path = dir.path(name);
    std::fs::write(&path, &built.bytes).unwrap();
    if let Some(keep) = std::env::var_os("CAREFILE_KEEP_BUNDLES") {
        let _ = std::fs::write(Path::new(&keep).join(name), &built.bytes);
    }
    (built, path)
}

fn sample(mem: &mut Memory) -> Vec<Vec<BundleDocument>> {
    vec![
        vec![mem.pdf("dec", "Decision not to amend", Some("2025-06-01"), a4("DEC", 2), 2)],
        vec![mem.pdf("plan", "Final EHC plan", Some("2025-01-10"), a4("PLAN", 3), 3)],
        vec![],
        vec![
            mem.pdf("ep", "Educational psychology report", Some("2024-09-01"), a4("EP", 4), 4),
            mem.pdf(
                "mixed",
                "Occupational therapy report with a landscape chart",
                Some("2023-05-05"),
                fixture_pdf(
                    "MIX",
                    &[
                        (595.0, 842.0, 0),
                        (842.0, 595.0, 0),
                        (595.0, 842.0, 90),
                        (612.0, 792.0, 270),
                        (595.0, 842.0, 180),
                    ],
                ),
                5,
            ),
        ],
        vec![],
    ]
}

#[test]
fn every_page_is_stamped_with_its_own_pdf_page_number() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let plan = plan_bundle(
        &pack(PackKind::Tribunal, Some(AppealType::Contents), sample(&mut mem)),
        &BundleOptions::default(),
    );
    let (built, path) = build(&plan, &mem, &dir, "bundle.pdf");
    qpdf_check(&path);
    let doc = Document::load(&path).unwrap();
    assert_eq!(doc.get_pages().len() as u32, built.plan.total_pages);
    for n in 1..=built.plan.total_pages {
        let text = page_text(&path, n);
        // Upright pages end with the stamp; on turned pages pdftotext may read it first.
        assert!(
            text.split_whitespace().any(|w| w == n.to_string()),
            "page {n} has its stamp: {text}"
        );
        let rotated = (12..=16).contains(&n);
        if !rotated {
            assert_eq!(
                text.split_whitespace().last(),
                Some(n.to_string().as_str()),
                "page {n}: {text}"
            );
        }
    }
    // The documents' own words are on the pages the plan gave them.
    let ep = &built.plan.sections[3].documents[1];
    assert_eq!(ep.document.id, "ep");
    assert!(page_text(&path, ep.first_page).contains("EP page 1"));
    assert!(page_text(&path, ep.last_page).contains("EP page 4"));
}

#[test]
fn index_links_and_bookmarks_go_to_the_first_page_of_each_entry() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let plan = plan_bundle(
        &pack(PackKind::Tribunal, Some(AppealType::Contents), sample(&mut mem)),
        &BundleOptions::default(),
    );
    let (built, path) = build(&plan, &mem, &dir, "bundle.pdf");
    let doc = Document::load(&path).unwrap();
    let number_of: HashMap<_, _> = doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let index_page = doc.get_pages()[&built.plan.index_first_page];
    let mut targets = Vec::new();
    for a in doc.get_page_annotations(index_page).unwrap() {
        let dest = a.get(b"Dest").unwrap().as_array().unwrap();
        targets.push(number_of[&dest[0].as_reference().unwrap()]);
    }
    let mut expected = Vec::new();
    for s in &built.plan.sections {
        expected.push(s.first_page);
        expected.extend(s.documents.iter().map(|d| d.first_page));
    }
    expected.push(built.plan.manifest_first_page);
    assert_eq!(targets, expected);

    let toc = doc.get_toc().unwrap().toc;
    let sections: Vec<_> = toc
        .iter()
        .filter(|t| {
            t.level == 1
                && built
                    .plan
                    .sections
                    .iter()
                    .any(|s| t.title.starts_with(&format!("{}. ", s.letter)))
        })
        .collect();
    assert_eq!(sections.len(), built.plan.sections.len());
    for s in &built.plan.sections {
        let e = toc
            .iter()
            .find(|t| t.level == 1 && t.title.starts_with(&format!("{}. ", s.letter)))
            .unwrap();
        assert_eq!(e.page as u32, s.first_page, "{}", e.title);
        for dd in &s.documents {
            let e = toc
                .iter()
                .find(|t| t.level == 2 && t.title.starts_with(&format!("{} ", dd.tab)))
                .unwrap();
            assert_eq!(e.page as u32, dd.first_page, "{}", e.title);
        }
    }
    // The index shows each document's page range and date.
    let index = page_text(&path, built.plan.index_first_page);
    assert!(index.contains("1 Sep 2024"), "{index}");
    let ep = &built.plan.sections[3].documents[1];
    assert!(index.contains(&format!("{}\u{2013}{}", ep.first_page, ep.last_page)), "{index}");
}

#[test]
fn source_pages_keep_their_size_and_rotation() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let plan = plan_bundle(
        &pack(PackKind::Tribunal, Some(AppealType::Contents), sample(&mut mem)),
        &BundleOptions::default(),
    );
    let (built, path) = build(&plan, &mem, &dir, "bundle.pdf");
    let mixed = &built.plan.sections[3].documents[0];
    assert_eq!(mixed.document.id, "mixed");
    let sizes = page_sizes(&path);
    let got: Vec<_> = sizes[(mixed.first_page - 1) as usize..mixed.last_page as usize].to_vec();
    let want = [
        (595.0, 842.0, 0),
        (842.0, 595.0, 0),
        (595.0, 842.0, 90),
        (612.0, 792.0, 270),
        (595.0, 842.0, 180),
    ];
    for (g, w) in got.iter().zip(want) {
        assert!((g.0 - w.0).abs() < 0.5 && (g.1 - w.1).abs() < 0.5 && g.2 == w.2, "{g:?} vs {w:?}");
    }
    // The stamp reads upright on rotated pages too: pdftotext sees it as ordinary text.
    for n in mixed.first_page..=mixed.last_page {
        assert!(page_text(&path, n).split_whitespace().any(|w| w == n.to_string()), "page {n}");
    }
}

#[test]
fn print_edition_starts_every_section_and_document_on_an_odd_page() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let options = BundleOptions { print_edition: true, ..BundleOptions::default() };
    let plan = plan_bundle(
        &pack(PackKind::Tribunal, Some(AppealType::Contents), sample(&mut mem)),
        &options,
    );
    let (built, path) = build(&plan, &mem, &dir, "print.pdf");
    qpdf_check(&path);
    assert!(!built.plan.blank_pages.is_empty());
    for s in &built.plan.sections {
        assert_eq!(s.first_page % 2, 1, "section {}", s.letter);
        for dd in &s.documents {
            assert_eq!(dd.first_page % 2, 1, "{}", dd.tab);
        }
    }
    for &b in &built.plan.blank_pages {
        let text = page_text(&path, b);
        assert!(
            text.contains("intentionally left blank") && text.contains(&b.to_string()),
            "{text}"
        );
    }
    // The screen edition has none.
    let screen = plan_bundle(
        &pack(PackKind::Tribunal, Some(AppealType::Contents), sample(&mut mem)),
        &BundleOptions::default(),
    );
    assert!(screen.blank_pages.is_empty());
}

#[test]
fn section_prefixed_numbers_and_page_of_total() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let options = BundleOptions {
        numbering: Numbering::SectionPrefixed,
        page_of_total: true,
        ..BundleOptions::default()
    };
    let plan = plan_bundle(
        &pack(PackKind::Tribunal, Some(AppealType::Contents), sample(&mut mem)),
        &options,
    );
    let (built, path) = build(&plan, &mem, &dir, "prefixed.pdf");
    let total = built.plan.total_pages;
    let d_sec = &built.plan.sections[3];
    let n = d_sec.documents[0].first_page;
    assert!(page_text(&path, n).contains(&format!("D{n} (page {n} of {total})")));
    assert!(page_text(&path, 1).contains(&format!("Page 1 of {total}")));
}

#[test]
fn manifest_lists_every_source_fingerprint() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let plan = plan_bundle(
        &pack(PackKind::Tribunal, Some(AppealType::Contents), sample(&mut mem)),
        &BundleOptions::default(),
    );
    let (built, path) = build(&plan, &mem, &dir, "bundle.pdf");
    let mut manifest = String::new();
    for n in built.plan.manifest_first_page..=built.plan.total_pages {
        manifest.push_str(&page_text(&path, n));
    }
    for (id, content) in &mem.files {
        let SourceContent::Pdf(bytes) = content else { continue };
        assert!(manifest.contains(&sha(bytes)), "manifest lacks {id}");
    }
    let short = carefile::bundle::short_fingerprint(&built.plan.fingerprint);
    assert!(manifest.contains(&short));
    assert!(page_text(&path, built.plan.index_first_page).contains(&short));
    // Title, author and subject are set.
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = stdout(&info);
    assert!(info.contains("Title:") && info.contains("Tribunal bundle"), "{info}");
    assert!(
        info.contains("Author:") && info.contains("Subject:") && info.contains("CreationDate:"),
        "{info}"
    );
}

#[test]
fn warnings_are_exact_on_a_pack_over_budget() {
    let mut mem = Memory::default();
    let mut long = mem.pdf("ep", "EP report", Some("2021-01-15"), a4("EP", 16), 16);
    long.role = DocumentRole::ExpertReport;
    let mut witness =
        mem.pdf("ws", "Witness statement of the parent", Some("2025-10-01"), a4("WS", 11), 11);
    witness.role = DocumentRole::WitnessStatement;
    let mut scan = mem.pdf("scan", "Scanned letter", None, a4("SCAN", 60), 60);
    scan.has_text_layer = false;
    let mut dup = mem.pdf("dup", "EP report (copy)", Some("2021-01-15"), a4("EP", 16), 16);
    dup.role = DocumentRole::Other;
    let mut word = mem.pdf("word", "Speech therapy notes", Some("2025-01-01"), vec![], 3);
    word.problem =
        Some("it is a Word document and LibreOffice is needed to turn it into PDF".into());
    let p = pack(
        PackKind::Tribunal,
        Some(AppealType::RefusalToAssess),
        vec![vec![], vec![long, witness, scan, dup, word], vec![]],
    );
    let plan = plan_bundle(&p, &BundleOptions::default());
    let codes: Vec<_> = plan.warnings.iter().map(|w| w.code).collect();
    for want in [
        WarningCode::CannotInclude,
        WarningCode::ExpertReportTooLong,
        WarningCode::ExpertReportTooOld,
        WarningCode::WitnessStatementTooLong,
        WarningCode::NoTextLayer,
        WarningCode::Undated,
        WarningCode::Duplicate,
        WarningCode::OverBudget,
    ] {
        assert_eq!(codes.iter().filter(|c| **c == want).count(), 1, "{want:?} in {codes:?}");
    }
    let budget = plan.warnings.iter().find(|w| w.code == WarningCode::OverBudget).unwrap();
    // 16 + 11 + 60 + 16 = 103 against 75.
    assert!(
        budget.message.contains(
            "Section B (Parent's evidence) has 103 pages against a limit of 75: 28 pages over"
        ),
        "{}",
        budget.message
    );
    assert!(budget.message.contains("SEND7"));
    assert_eq!(plan.sections[1].over_budget_by, Some(28));
    assert_eq!(plan.excluded.len(), 1);
}

#[test]
fn a_pack_over_budget_still_builds_and_reports_it() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let big = mem.pdf("big", "Long school records", Some("2025-02-02"), a4("BIG", 80), 80);
    let plan = plan_bundle(
        &pack(PackKind::Tribunal, Some(AppealType::RefusalToAssess), vec![vec![], vec![big]]),
        &BundleOptions::default(),
    );
    let (built, path) = build(&plan, &mem, &dir, "over.pdf");
    qpdf_check(&path);
    assert!(built
        .plan
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::OverBudget && w.section.as_deref() == Some("B")));
}

#[test]
fn a_damaged_document_becomes_a_warning_and_the_rest_still_builds() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let good = mem.pdf("good", "Good report", Some("2025-02-02"), a4("GOOD", 2), 2);
    let bad = mem.pdf(
        "bad",
        "Damaged report",
        Some("2025-03-03"),
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>".to_vec(),
        3,
    );
    let plan = plan_bundle(
        &pack(PackKind::Custom, None, vec![vec![good, bad]]),
        &BundleOptions::default(),
    );
    let (built, path) = build(&plan, &mem, &dir, "partial.pdf");
    qpdf_check(&path);
    let w =
        built.plan.warnings.iter().find(|w| w.code == WarningCode::CannotInclude).expect("warning");
    assert!(w.message.contains("Damaged report"), "{}", w.message);
    assert_eq!(built.plan.sections[0].documents.len(), 1);
    assert_eq!(Document::load(&path).unwrap().get_pages().len() as u32, built.plan.total_pages);
}

#[test]
fn images_and_text_become_pages() {
    let dir = Dir::new();
    let mut mem = Memory::default();
    let jpeg = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bundle/photo.jpg"),
    )
    .ok();
    let mut docs = Vec::new();
    if let Some(bytes) = jpeg {
        let mut doc = mem.pdf("photo", "Photo of the classroom", Some("2025-04-04"), vec![], 1);
        doc.format = SourceFormat::Image;
        doc.sha256 = sha(&bytes);
        mem.files.insert("photo".into(), SourceContent::Jpeg { bytes, rotate_degrees: 90 });
        docs.push(doc);
    } else {
        eprintln!("tests/fixtures/bundle/photo.jpg missing: image page not tested");
    }
    let t = carefile::bundle::TextDocument {
        title: "Email to the caseworker".into(),
        meta: vec![("From".into(), "parent@example.org".into())],
        blocks: vec![carefile::bundle::TextBlock::Paragraph(
            "Please confirm the date of the annual review. ".repeat(200),
        )],
    };
    let mut email = mem.pdf(
        "email",
        "Email to the caseworker",
        Some("2025-05-05"),
        vec![],
        carefile::bundle::text_document_pages(&t),
    );
    email.format = SourceFormat::Text;
    mem.files.insert("email".into(), SourceContent::Text(t));
    docs.push(email);
    let plan = plan_bundle(&pack(PackKind::Custom, None, vec![docs]), &BundleOptions::default());
    let (built, path) = build(&plan, &mem, &dir, "mixed.pdf");
    qpdf_check(&path);
    let email = built.plan.sections[0].documents.iter().find(|d| d.document.id == "email").unwrap();
    assert!(email.last_page > email.first_page);
    assert!(page_text(&path, email.first_page).contains("parent@example.org"));
}

#[test]
fn corpus_pdfs_never_crash_the_build_and_sound_ones_give_a_clean_bundle() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/qpdf");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        eprintln!("{} is not present: corpus test skipped", corpus.display());
        return;
    };
    let dir = Dir::new();
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    if !tool("qpdf") {
        eprintln!("qpdf not installed: corpus bundles built without checking them");
    }
    // Sources qpdf itself passes without a word must give a bundle it passes without a word; a
    // damaged source (qpdf warns or errs on it) is carried as it is, so its batch may warn (from
    // inside the source's own streams) but never has errors.
    let clean = |f: &Path| {
        tool("qpdf")
            && Command::new("qpdf").arg("--check").arg(f).output().is_ok_and(|o| o.status.success())
    };
    let (sound, damaged): (Vec<_>, Vec<_>) = files.into_iter().partition(|f| clean(f));
    for (group, files) in [("sound", sound), ("damaged", damaged)] {
        // Builds in batches so one bundle doesn't hold the whole corpus.
        for (batch, chunk) in files.chunks(60).enumerate() {
            let mut mem = Memory::default();
            let mut docs = Vec::new();
            for (i, f) in chunk.iter().enumerate() {
                let Ok(bytes) = std::fs::read(f) else { continue };
                if bytes.len() > 20_000_000 {
                    continue;
                }
                let name = f.file_name().unwrap().to_string_lossy().to_string();
                docs.push(mem.pdf(&format!("c{i}"), &name, Some("2025-01-01"), bytes, 1));
            }
            let plan =
                plan_bundle(&pack(PackKind::Custom, None, vec![docs]), &BundleOptions::default());
            let (_, path) = build(&plan, &mem, &dir, &format!("corpus-{group}-{batch}.pdf"));
            if !tool("qpdf") {
                continue;
            }
            if group == "sound" {
                qpdf_check(&path);
            } else {
                let out = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
                let code = out.status.code();
                assert!(
                    code != Some(2),
                    "{group} batch {batch}: qpdf found errors: {}",
                    stdout(&out)
                );
            }
        }
    }
}

mod cli {
    use super::*;
    use carefile::documents::{import_bytes, DocumentMetadata, ImportOptions};
    use carefile::record::{add_child, NewChild};

    fn import(
        vault: &mut carefile::vault::Vault,
        child: &str,
        name: &str,
        bytes: Vec<u8>,
        kind: DocumentKind,
        dated: Option<&str>,
    ) -> String {
        let options = ImportOptions {
            metadata: DocumentMetadata {
                title: Some(name.trim_end_matches(".pdf").replace('-', " ")),
                kind: Some(kind),
                author: Some("Dr A Example (fictional)".into()),
                dated: dated.map(d),
                child_id: Some(child.into()),
                ..DocumentMetadata::default()
            },
            ..ImportOptions::default()
        };
        import_bytes(vault, name, bytes, &options).expect("import").id.expect("id")
    }

    fn json(out: &std::process::Output) -> serde_json::Value {
        assert!(out.status.success(), "command failed: {}", stderr(out));
        serde_json::from_slice(&out.stdout).expect("JSON on stdout")
    }

    #[test]
    fn cli_builds_a_tribunal_bundle_whose_manifest_matches_exported_originals() {
        let dir = Dir::new();
        let (mut vault, _) = dir.create();
        let child = add_child(
            &mut vault,
            &NewChild { name: "Sam Example".into(), dob: d("2015-06-01"), ..NewChild::default() },
        )
        .unwrap();
        let ids = [
            import(
                &mut vault,
                &child.id,
                "decision-letter.pdf",
                a4("DECISION", 2),
                DocumentKind::Decision,
                Some("2025-06-01"),
            ),
            import(
                &mut vault,
                &child.id,
                "ehc-plan.pdf",
                a4("PLAN", 6),
                DocumentKind::Plan,
                Some("2025-01-10"),
            ),
            import(
                &mut vault,
                &child.id,
                "ep-report.pdf",
                a4("EP", 16),
                DocumentKind::Report,
                Some("2021-09-01"),
            ),
            import(
                &mut vault,
                &child.id,
                "ot-report.pdf",
                fixture_pdf("OT", &[(595.0, 842.0, 0), (842.0, 595.0, 0), (595.0, 842.0, 90)]),
                DocumentKind::Report,
                Some("2024-03-03"),
            ),
        ];
        vault.lock().unwrap();
        let out = dir.path("bundle.pdf");
        let v = json(&dir.run(
            PASS,
            &[
                "bundle",
                "build",
                "--child",
                &child.id,
                "--kind",
                "tribunal",
                "--appeal-type",
                "contents",
                "--hearing",
                "2026-03-02",
                "--out",
                out.to_str().unwrap(),
                "--json",
            ],
        ));
        qpdf_check(&out);
        let bytes = std::fs::read(&out).unwrap();
        assert_eq!(v["sha256"], sha(&bytes));
        assert_eq!(v["output"], out.to_str().unwrap());
        let pages = v["pages"].as_u64().unwrap() as u32;
        assert_eq!(Document::load(&out).unwrap().get_pages().len() as u32, pages);
        let sections = v["sections"].as_array().unwrap();
        assert_eq!(sections.len(), 5);
        assert_eq!(sections[3]["budget"], 100);
        // The EP report is over 15 pages and more than 3 years old at the hearing.
        let codes: Vec<&str> =
            v["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
        assert!(
            codes.contains(&"expert_report_too_long") && codes.contains(&"expert_report_too_old"),
            "{codes:?}"
        );

        let mut manifest = String::new();
        for n in v["manifest_first_page"].as_u64().unwrap() as u32..=pages {
            manifest.push_str(&page_text(&out, n));
        }
        for (i, id) in ids.iter().enumerate() {
            let file = dir.path(&format!("export-{i}.pdf"));
            let receipt = json(
                &dir.run(PASS, &["doc", "export", id, "--out", file.to_str().unwrap(), "--json"]),
            );
            let exported = receipt["sha256"].as_str().unwrap();
            assert_eq!(exported, sha(&std::fs::read(&file).unwrap()));
            assert!(manifest.contains(exported), "manifest lacks {id}");
            let placed = sections
                .iter()
                .flat_map(|s| s["documents"].as_array().unwrap())
                .find(|x| x["id"] == *id)
                .unwrap();
            assert_eq!(placed["sha256"], exported);
            // Every page of the document carries its own number.
            for n in placed["first_page"].as_u64().unwrap()..=placed["last_page"].as_u64().unwrap()
            {
                assert!(page_text(&out, n as u32).split_whitespace().any(|w| w == n.to_string()));
            }
        }
        // Each document placed in the bundle is in the audit trail.
        let vault =
            carefile::vault::unlock(&dir.vault(), &carefile::vault::Passphrase::new(PASS)).unwrap();
        let log = carefile::audit::list(vault.conn(), Some(&ids[0])).unwrap();
        assert!(log.iter().any(|e| e.action == "included_in_bundle"), "{log:?}");
    }

    #[test]
    fn cli_plan_matches_build_and_print_edition_uses_odd_pages() {
        let dir = Dir::new();
        let (mut vault, _) = dir.create();
        let child = add_child(
            &mut vault,
            &NewChild { name: "Sam Example".into(), dob: d("2015-06-01"), ..NewChild::default() },
        )
        .unwrap();
        import(
            &mut vault,
            &child.id,
            "letter.pdf",
            a4("LETTER", 3),
            DocumentKind::Letter,
            Some("2025-02-02"),
        );
        import(
            &mut vault,
            &child.id,
            "school-report.pdf",
            a4("SCHOOL", 2),
            DocumentKind::SchoolReport,
            None,
        );
        vault.lock().unwrap();
        let args = [
            "bundle",
            "plan",
            "--child",
            &child.id,
            "--kind",
            "complaint",
            "--print",
            "--today",
            "2025-11-14",
            "--json",
        ];
        let plan = json(&dir.run(PASS, &args));
        assert!(plan["output"].is_null());
        for s in plan["sections"].as_array().unwrap() {
            assert_eq!(s["first_page"].as_u64().unwrap() % 2, 1);
            for doc in s["documents"].as_array().unwrap() {
                assert_eq!(doc["first_page"].as_u64().unwrap() % 2, 1, "{doc}");
            }
        }
        let codes: Vec<&str> = plan["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["undated"]);
        let out = dir.path("complaint.pdf");
        let mut build_args: Vec<&str> = args.to_vec();
        build_args[1] = "build";
        build_args.extend(["--out", out.to_str().unwrap()]);
        let built = json(&dir.run(PASS, &build_args));
        assert_eq!(built["pages"], plan["pages"]);
        assert_eq!(built["sections"], plan["sections"]);
        qpdf_check(&out);
        // A saved pack rebuilds the same plan.
        let saved = json(&dir.run(
            PASS,
            &[
                "bundle",
                "save",
                "--child",
                &child.id,
                "--kind",
                "complaint",
                "--print",
                "--today",
                "2025-11-14",
                "--json",
            ],
        ));
        let again = json(
            &dir.run(PASS, &["bundle", "plan", "--pack", saved["id"].as_str().unwrap(), "--json"]),
        );
        assert_eq!(again["sections"], plan["sections"]);
        let list = json(&dir.run(PASS, &["bundle", "list", "--json"]));
        assert_eq!(list.as_array().unwrap().len(), 1);
    }

    #[test]
    fn cli_names_an_unknown_child_in_one_clear_line() {
        let dir = Dir::new();
        dir.create();
        let out = dir.run(PASS, &["bundle", "plan", "--child", "ch_nope", "--kind", "tribunal"]);
        assert_one_clear_line(&out);
        let out = dir.run(PASS, &["bundle", "plan", "--child", "ch_nope", "--kind", "tribunals"]);
        assert_one_clear_line(&out);
    }
}
