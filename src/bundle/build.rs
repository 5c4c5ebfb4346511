//! Building: from a plan and a loader to the bundle's bytes.
//!
//! Contents are fetched on the caller's thread (the loader may hold the vault); everything that
//! parses or assembles PDFs then runs on one worker thread with a large stack, each source inside
//! `safety::contain`, so a hostile file becomes "can't be included" for that document and the rest of
//! the bundle is still built. The plan is recomputed from the page counts actually found, so the
//! index, stamps and bookmarks always describe the file that is written.

use crate::safety::contain;
use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc;

use printpdf::PdfPage;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::image_pages;
use super::merge::{self, Assembler, Source};
use super::plan::inputs_of;
use super::stamp::{label, Stamper};
use super::{
    outline, pages, plan_bundle, BundleDocument, BundlePlan, DocumentLoader, Numbering, Pack,
    SourceContent, TextDocument,
};
use crate::error::{Error, Result};

/// True where a panic is contained (assembling a bundle from untrusted PDFs, reading an email…):
/// kept here for the shells' panic hooks; the one copy is `safety::in_contained_step`.
pub use crate::safety::in_contained_step;

/// Sent before each step and once at the end (`done == total`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct BuildProgress {
    pub done: u32,
    pub total: u32,
    /// What is happening, in words ("Reading “EP report”", "Stamping page numbers").
    pub step: String,
}

/// The bundle's bytes and the plan they follow (page numbers as built).
#[derive(Debug, Clone)]
pub struct BuiltBundle {
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub plan: BundlePlan,
    /// The text documents set as pages (emails, text files, record extracts), by document id:
    /// what a re-issue needs to set the same pages again, whatever the record says by then.
    pub texts: BTreeMap<String, TextDocument>,
}

enum Msg {
    Progress(BuildProgress),
    Done(Box<Result<BuiltBundle>>),
}

/// Builds the bundle the plan describes.
pub fn build_bundle(
    plan: &BundlePlan,
    loader: &dyn DocumentLoader,
    progress: &mut dyn FnMut(BuildProgress),
) -> Result<BuiltBundle> {
    let docs: Vec<&BundleDocument> =
        plan.sections.iter().flat_map(|s| s.documents.iter().map(|d| &d.document)).collect();
    // Reading, assembling and stamping, saving: a step per document plus four.
    let total = docs.len() as u32 + 4;
    let mut contents: HashMap<String, std::result::Result<SourceContent, String>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        progress(BuildProgress {
            done: i as u32,
            total,
            step: format!("Reading \u{201c}{}\u{201d}", d.title),
        });
        contents.insert(d.id.clone(), loader.load(d).map_err(|e| e.to_string()));
    }
    let texts: BTreeMap<String, TextDocument> = contents
        .iter()
        .filter_map(|(id, c)| match c {
            Ok(SourceContent::Text(t)) => Some((id.clone(), t.clone())),
            _ => None,
        })
        .collect();
    let (tx, rx) = mpsc::channel();
    let owned = plan.clone();
    let start = docs.len() as u32;
    let worker_tx = tx.clone();
    std::thread::Builder::new()
        .name("carefile-bundle".into())
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            let send = |p: BuildProgress| {
                let _ = worker_tx.send(Msg::Progress(p));
            };
            let result =
                contain(|| assemble(owned, contents, start, total, &send)).unwrap_or_else(|| {
                    Err(Error::Internal("putting the bundle together failed".into()))
                });
            let _ = worker_tx.send(Msg::Done(Box::new(result)));
        })
        .map_err(|e| Error::Internal(format!("could not start building the bundle: {e}")))?;
    drop(tx);
    loop {
        match rx.recv() {
            Ok(Msg::Progress(p)) => progress(p),
            Ok(Msg::Done(result)) => {
                let result = (*result).map(|b| BuiltBundle { texts, ..b });
                if result.is_ok() {
                    progress(BuildProgress { done: total, total, step: "Done".into() });
                }
                return result;
            }
            Err(_) => {
                return Err(Error::Internal("the bundle builder stopped unexpectedly".into()))
            }
        }
    }
}

/// What fills one page slot.
#[derive(Clone, Copy)]
enum Slot {
    Generated(usize),
    Source(usize, usize),
}

fn contained_source(
    content: SourceContent,
) -> std::result::Result<(Option<Source>, Vec<PdfPage>), String> {
    let r = contain(|| match content {
        SourceContent::Pdf(bytes) => merge::parse_pdf(&bytes).map(|s| (Some(s), Vec::new())),
        SourceContent::Jpeg { bytes, rotate_degrees } => {
            image_pages::image_page(&bytes, false, rotate_degrees).map(|s| (Some(s), Vec::new()))
        }
        SourceContent::Png { bytes, rotate_degrees } => {
            image_pages::image_page(&bytes, true, rotate_degrees).map(|s| (Some(s), Vec::new()))
        }
        SourceContent::Text(t) => Ok((None, pages::text_document(&t))),
    });
    match r {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(e.to_string()),
        None => Err("its structure made the PDF reader fail; open it in a PDF viewer, print it to a new PDF and add that".into()),
    }
}

/// For `crate::fuzzing` only: one untrusted source readied for a bundle (a PDF parsed and its
/// pages checked, or a photo made into a page), contained exactly as a build contains it.
pub(crate) fn fuzz_source(content: SourceContent) -> bool {
    contained_source(content).is_ok()
}

fn replan(
    plan: &BundlePlan,
    found: &HashMap<String, std::result::Result<u32, String>>,
) -> BundlePlan {
    let mut sections = inputs_of(plan);
    for doc in sections.iter_mut().flat_map(|s| s.documents.iter_mut()) {
        match found.get(&doc.id) {
            Some(Ok(n)) => doc.pages = *n,
            Some(Err(why)) => doc.problem = Some(why.clone()),
            None => {}
        }
    }
    let pack = Pack {
        kind: plan.kind,
        title: plan.title.clone(),
        subtitle: plan.subtitle.clone(),
        cover_lines: plan.cover_lines.clone(),
        appeal_type: plan.appeal_type,
        hearing: plan.hearing,
        today: plan.today,
        sections,
    };
    plan_bundle(&pack, &plan.options)
}

fn assemble(
    plan: BundlePlan,
    mut contents: HashMap<String, std::result::Result<SourceContent, String>>,
    start: u32,
    total: u32,
    send: &dyn Fn(BuildProgress),
) -> Result<BuiltBundle> {
    send(BuildProgress { done: start, total, step: "Checking every document".into() });
    let mut sources: HashMap<String, (Option<Source>, Vec<PdfPage>)> = HashMap::new();
    let mut found: HashMap<String, std::result::Result<u32, String>> = HashMap::new();
    for s in &plan.sections {
        for d in &s.documents {
            let id = d.document.id.clone();
            let result = match contents.remove(&id) {
                Some(Ok(c)) => contained_source(c),
                Some(Err(e)) => Err(e),
                None => Err("it could not be read".into()),
            };
            match result {
                Ok((src, gen)) => {
                    let n = src.as_ref().map(|s| s.pages.len()).unwrap_or(gen.len()) as u32;
                    found.insert(id.clone(), Ok(n));
                    sources.insert(id, (src, gen));
                }
                Err(why) => {
                    found.insert(id, Err(why));
                }
            }
        }
    }
    let plan = replan(&plan, &found);

    send(BuildProgress {
        done: start + 1,
        total,
        step: "Writing the cover, index and dividers".into(),
    });
    let n = plan.total_pages as usize;
    let mut slots: Vec<Option<Slot>> = vec![None; n + 1];
    let mut generated: Vec<PdfPage> = Vec::new();
    let put_generated = |pages: Vec<PdfPage>,
                         first: u32,
                         slots: &mut Vec<Option<Slot>>,
                         generated: &mut Vec<PdfPage>| {
        for (i, p) in pages.into_iter().enumerate() {
            if let Some(slot) = slots.get_mut(first as usize + i) {
                *slot = Some(Slot::Generated(generated.len()));
                generated.push(p);
            }
        }
    };
    put_generated(pages::cover(&plan), 1, &mut slots, &mut generated);
    let (index_pages, spots) = pages::index(&plan);
    put_generated(index_pages, plan.index_first_page, &mut slots, &mut generated);
    for &b in &plan.blank_pages {
        put_generated(pages::blank(), b, &mut slots, &mut generated);
    }
    for (i, s) in plan.sections.iter().enumerate() {
        put_generated(pages::divider(&plan, i), s.first_page, &mut slots, &mut generated);
    }
    put_generated(pages::manifest(&plan), plan.manifest_first_page, &mut slots, &mut generated);

    let mut pdf_sources: Vec<Source> = Vec::new();
    for s in &plan.sections {
        for d in &s.documents {
            let Some((src, gen)) = sources.remove(&d.document.id) else { continue };
            match src {
                Some(src) => {
                    for i in 0..src.pages.len() {
                        if let Some(slot) = slots.get_mut(d.first_page as usize + i) {
                            *slot = Some(Slot::Source(pdf_sources.len(), i));
                        }
                    }
                    pdf_sources.push(src);
                }
                None => put_generated(gen, d.first_page, &mut slots, &mut generated),
            }
        }
    }
    if slots.iter().skip(1).any(Option::is_none) {
        return Err(Error::Internal("the bundle's pages did not match its plan".into()));
    }

    send(BuildProgress { done: start + 2, total, step: "Putting the pages together".into() });
    let mut asm = Assembler::new();
    let gen_ids = asm.absorb(merge::from_printpdf(&plan.title, generated)?);
    let mut src_ids = Vec::with_capacity(pdf_sources.len());
    for src in pdf_sources {
        src_ids.push(asm.absorb(src));
    }
    for slot in slots.iter().skip(1).flatten() {
        let id = match *slot {
            Slot::Generated(i) => gen_ids.get(i).copied(),
            Slot::Source(s, p) => src_ids.get(s).and_then(|ids| ids.get(p)).copied(),
        };
        asm.push_page(
            id.ok_or_else(|| Error::Internal("a page went missing while merging".into()))?,
        );
    }

    send(BuildProgress { done: start + 3, total, step: "Stamping page numbers".into() });
    let stamper = Stamper::new(&mut asm.out);
    let total_pages = plan.total_pages;
    let kids = asm.kids.clone();
    for (i, page) in kids.iter().enumerate() {
        let n = i as u32 + 1;
        let prefix = match plan.options.numbering {
            Numbering::SectionPrefixed => plan
                .sections
                .iter()
                .find(|s| n >= s.first_page && n <= s.last_page)
                .map(|s| s.letter.as_str()),
            Numbering::Plain => None,
        };
        stamper.stamp(
            &mut asm.out,
            *page,
            &label(n, total_pages, prefix, plan.options.page_of_total),
        )?;
    }
    let catalog = asm.finish_tree();
    outline::index_links(&mut asm.out, &plan, &kids, &spots);
    let outline_id = outline::bookmarks(&mut asm.out, &plan, &kids);
    let info = outline::info(&mut asm.out, &plan);
    if let Ok(c) = asm.out.get_dictionary_mut(catalog) {
        if let Some(o) = outline_id {
            c.set("Outlines", o);
            c.set("PageMode", "UseOutlines");
        }
        c.set("ViewerPreferences", lopdf::dictionary! { "DisplayDocTitle" => true });
    }
    asm.out.trailer.set("Info", info);
    asm.prune();

    let mut bytes = Vec::new();
    asm.out
        .save_to(&mut bytes)
        .map_err(|e| Error::Internal(format!("writing the bundle failed: {e}")))?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    Ok(BuiltBundle { bytes, sha256, plan, texts: BTreeMap::new() })
}
