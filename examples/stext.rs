//! Measuring aid: prints MuPDF's page text for the first pages of a PDF with the given stext flags
//! (`cargo run --example stext -- FLAGS FILE [PAGES]`), to compare options against pdftotext.
use mupdf::{Document, TextPageFlags};

fn main() {
    let mut args = std::env::args().skip(1);
    let flags: u32 = args.next().and_then(|f| f.parse().ok()).unwrap_or(0);
    let path = args.next().expect("FILE");
    let pages: i32 = args.next().and_then(|p| p.parse().ok()).unwrap_or(3);
    let bytes = std::fs::read(&path).expect("read");
    let doc = Document::from_bytes(&bytes, "application/pdf").expect("open");
    for i in 0..doc.page_count().unwrap_or(0).min(pages) {
        let text = doc
            .load_page(i)
            .and_then(|p| p.to_text_page(TextPageFlags::from_bits_truncate(flags)))
            .and_then(|t| t.to_text())
            .unwrap_or_default();
        println!("{text}\u{c}");
    }
}
