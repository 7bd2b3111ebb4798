//! The on-scene summary as a PDF for the shift lead's file: the core's
//! `render_text` word for word, then who recorded each item and for which
//! organisation. A4, the PDF base font Helvetica (nothing embedded), text
//! in WinAnsi: é, ë and the like stay, signs outside it (→ ☎ ✉ ⚠) become
//! ASCII. Long lines wrap; pages are added as needed.

mod fonts;
mod layout;
mod summary;

use samenop_core::Lang;
use samenop_core::catalogue::fill;
use samenop_core::summary::{OnSceneSummary, local_time_text};

/// The PDF of `summary`, as asked for by `requested_by` ("Name (Organisatie)"),
/// every page watermarked with who exported it and when (the summary's
/// server time): a printed or forwarded copy still names its source.
pub fn summary_pdf(summary: &OnSceneSummary, requested_by: &str) -> Vec<u8> {
    let label = match summary.case_id {
        Some(id) => format!("samenop-{id}"),
        None => "samenop".into(),
    };
    let watermark = fill(
        Lang::Nl,
        "pdf-watermark",
        &[("by", &requested_by), ("at", &local_time_text(summary.generated_at))],
    );
    layout::render(
        &layout::paginate(&summary::document(summary, requested_by)),
        &label,
        &watermark,
    )
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
        assert!(
            text.contains("Vertrouwelijk \u{2014} geëxporteerd door C. Dienstleider (Politie) op "),
            "{text}"
        );
    }
}
