//! The on-scene summary as a PDF for the shift lead's file: the core's
//! `render_text` word for word, then who recorded each item and for which
//! organisation. A4, the PDF base font Helvetica (nothing embedded), text
//! in WinAnsi: é, ë and the like stay, signs outside it (→ ☎ ✉ ⚠) become
//! ASCII. Long lines wrap; pages are added as needed.

mod fonts;
mod layout;
mod summary;

use samenop_core::summary::OnSceneSummary;

/// The PDF of `summary`, as asked for by `requested_by` ("Name (Organisatie)").
pub fn summary_pdf(summary: &OnSceneSummary, requested_by: &str) -> Vec<u8> {
    let label = match summary.case_id {
        Some(id) => format!("samenop-{id}"),
        None => "samenop".into(),
    };
    layout::render(&layout::paginate(&summary::document(summary, requested_by)), &label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_case_still_gives_a_titled_pdf() {
        let summary = OnSceneSummary::build(&samenop_core::CaseState::default(), chrono::Utc::now());
        let pdf = summary_pdf(&summary, "C. Dienstleider (Politie)");
        assert!(pdf.starts_with(b"%PDF-"));
        let doc = lopdf::Document::load_mem(&pdf).expect("a readable PDF");
        let text = doc.extract_text(&[1]).expect("text");
        assert!(text.contains("SamenOp \u{2014} Samenvatting ter plaatse"), "{text}");
        assert!(text.contains("opgevraagd door C. Dienstleider (Politie)"), "{text}");
    }
}
