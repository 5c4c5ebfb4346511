//! What a plan or a build reports: the JSON contract scripts and tests rely on
//! (`carefile bundle plan|build --json`), and the short fingerprint printed on the pages.

use serde_json::{json, Value};

use super::BundlePlan;

/// The first 16 hex digits of a fingerprint in groups of four, easy to read aloud and compare.
pub fn short_fingerprint(full: &str) -> String {
    let head: Vec<char> = full.chars().take(16).collect();
    head.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// `{"output", "pages", "sha256", "fingerprint", "sections": [{"letter", "title", "first_page",
/// "last_page", "budget", "documents": [{"id", "title", "first_page", "last_page", "sha256"}]}],
/// "warnings": [{"code", "message"}]}`. `output` and `sha256` are null for a plan.
pub fn contract_json(plan: &BundlePlan, output: Option<&str>, sha256: Option<&str>) -> Value {
    json!({
        "output": output,
        "pages": plan.total_pages,
        "sha256": sha256,
        "fingerprint": plan.fingerprint,
        "print_edition": plan.options.print_edition,
        "index_first_page": plan.index_first_page,
        "manifest_first_page": plan.manifest_first_page,
        "blank_pages": plan.blank_pages,
        "sections": plan.sections.iter().map(|s| json!({
            "letter": s.letter,
            "title": s.title,
            "first_page": s.first_page,
            "last_page": s.last_page,
            "budget": s.budget,
            "document_pages": s.document_pages,
            "over_budget_by": s.over_budget_by,
            "documents": s.documents.iter().map(|d| json!({
                "id": d.document.id,
                "tab": d.tab,
                "title": d.document.title,
                "dated": d.document.dated,
                "author": d.document.author,
                "first_page": d.first_page,
                "last_page": d.last_page,
                "sha256": d.document.sha256,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "warnings": plan.warnings.iter().map(|w| json!({
            "code": w.code.as_str(),
            "message": w.message,
            "section": w.section,
            "document_id": w.document_id,
        })).collect::<Vec<_>>(),
        "excluded": plan.excluded.iter().map(|d| json!({
            "id": d.id, "title": d.title, "reason": d.problem,
        })).collect::<Vec<_>>(),
    })
}

/// A one-paragraph summary for a terminal.
pub fn human_summary(plan: &BundlePlan) -> String {
    let mut out = format!("{}: {} pages\n", plan.title, plan.total_pages);
    for s in &plan.sections {
        let budget = match (s.budget, s.over_budget_by) {
            (Some(b), Some(o)) => format!(" [{} of {b} pages, {o} OVER]", s.document_pages),
            (Some(b), None) => format!(" [{} of {b} pages]", s.document_pages),
            _ => String::new(),
        };
        out.push_str(&format!(
            "  {} {} (p. {}-{}){budget}\n",
            s.letter, s.title, s.first_page, s.last_page
        ));
        for d in &s.documents {
            out.push_str(&format!(
                "    {:<4} {} (p. {}-{})\n",
                d.tab, d.document.title, d.first_page, d.last_page
            ));
        }
    }
    for w in &plan.warnings {
        out.push_str(&format!("warning: {}\n", w.message));
    }
    out.trim_end().to_string()
}
