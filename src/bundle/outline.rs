//! Navigation and properties: bookmarks for each section and document (nested, each with its page
//! number, as court e-bundle guidance asks), links from the index entries to their pages, and the
//! PDF's title, author, subject and dates.

use lopdf::{dictionary, Bookmark, Document, Object, ObjectId, StringFormat};

use super::pages::LinkSpot;
use super::BundlePlan;
use crate::pdf::PT_PER_MM;

const A4_HEIGHT_PT: f32 = 841.89;

/// Page id for a 1-based page number.
fn page(kids: &[ObjectId], n: u32) -> Option<ObjectId> {
    kids.get((n as usize).checked_sub(1)?).copied()
}

fn range(first: u32, last: u32) -> String {
    if first == last {
        format!("p. {first}")
    } else {
        format!("pp. {first}\u{2013}{last}")
    }
}

pub(crate) fn bookmarks(
    doc: &mut Document,
    plan: &BundlePlan,
    kids: &[ObjectId],
) -> Option<ObjectId> {
    if let Some(p) = page(kids, plan.index_first_page) {
        doc.add_bookmark(
            Bookmark::new(
                format!("Index ({})", range(plan.index_first_page, plan.index_first_page)),
                [0.0; 3],
                0,
                p,
            ),
            None,
        );
    }
    for s in &plan.sections {
        let Some(p) = page(kids, s.first_page) else { continue };
        let title = format!("{}. {} ({})", s.letter, s.title, range(s.first_page, s.last_page));
        let parent = doc.add_bookmark(Bookmark::new(title, [0.0; 3], 2, p), None);
        for d in &s.documents {
            let Some(p) = page(kids, d.first_page) else { continue };
            let title =
                format!("{} {} ({})", d.tab, d.document.title, range(d.first_page, d.last_page));
            doc.add_bookmark(Bookmark::new(title, [0.0; 3], 0, p), Some(parent));
        }
    }
    if let Some(p) = page(kids, plan.manifest_first_page) {
        let last = plan.manifest_first_page + plan.manifest_pages.saturating_sub(1);
        doc.add_bookmark(
            Bookmark::new(
                format!("Manifest ({})", range(plan.manifest_first_page, last)),
                [0.0; 3],
                0,
                p,
            ),
            None,
        );
    }
    doc.build_outline()
}

/// Lays a link over each index entry, to the first page of what it names.
pub(crate) fn index_links(
    doc: &mut Document,
    plan: &BundlePlan,
    kids: &[ObjectId],
    spots: &[LinkSpot],
) {
    for spot in spots {
        let (Some(on), Some(to)) = (
            page(kids, plan.index_first_page + spot.index_page as u32),
            page(kids, spot.target_page),
        ) else {
            continue;
        };
        let rect: Vec<Object> = [
            spot.left_mm * PT_PER_MM,
            A4_HEIGHT_PT - spot.bottom_mm * PT_PER_MM,
            spot.right_mm * PT_PER_MM,
            A4_HEIGHT_PT - spot.top_mm * PT_PER_MM,
        ]
        .iter()
        .map(|v| Object::Real(*v))
        .collect();
        let annot = doc.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Link",
            "Rect" => rect,
            "Border" => vec![0.into(), 0.into(), 0.into()],
            "Dest" => vec![Object::Reference(to), "XYZ".into(), Object::Null, Object::Null, Object::Null],
        });
        if let Ok(d) = doc.get_dictionary_mut(on) {
            let mut annots =
                d.get(b"Annots").and_then(Object::as_array).cloned().unwrap_or_default();
            annots.push(Object::Reference(annot));
            d.set("Annots", annots);
        }
    }
}

/// A PDF text string: plain when it is ASCII, otherwise UTF-16BE with a byte-order mark.
pub(crate) fn text(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// The document properties viewers show.
pub(crate) fn info(doc: &mut Document, plan: &BundlePlan) -> ObjectId {
    let now = chrono::Utc::now().format("D:%Y%m%d%H%M%SZ").to_string();
    let subject = match &plan.subtitle {
        Some(s) => format!("{}: {s}", plan.kind.label()),
        None => plan.kind.label().to_string(),
    };
    let mut dict = dictionary! {
        "Title" => text(&plan.title),
        "Subject" => text(&subject),
        "Creator" => text("Carefile"),
        "Producer" => text("Carefile bundle builder"),
        "CreationDate" => Object::string_literal(now.clone()),
        "ModDate" => Object::string_literal(now),
        "Keywords" => text(&format!("bundle fingerprint {}", plan.fingerprint)),
    };
    let author = plan.options.author.as_deref().unwrap_or("Prepared by the family with Carefile");
    dict.set("Author", text(author));
    doc.add_object(dict)
}
