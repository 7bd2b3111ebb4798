//! A4 pages: lines wrapped and placed top to bottom, then written as PDF
//! with a numbered footer on every page.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};
use samenop_core::Lang;
use samenop_core::catalogue::fill;

use super::fonts::{Style, encode, wrap};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
/// Room kept free at the bottom for the page footer.
const FOOTER_ROOM: f32 = 24.0;
const FOOTER_Y: f32 = 28.0;
const FOOTER_SIZE: f32 = 8.0;
const WATERMARK_SIZE: f32 = 12.0;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");

/// One line of the document before wrapping. An empty text is a blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    style: Style,
    text: String,
}

pub(super) fn line(style: Style, text: impl Into<String>) -> Line {
    Line {
        style,
        text: text.into(),
    }
}

/// A line placed on a page: style, baseline height, WinAnsi bytes.
type Placed = (Style, f32, Vec<u8>);

pub(super) fn paginate(lines: &[Line]) -> Vec<Vec<Placed>> {
    let max = PAGE_W - 2.0 * MARGIN;
    let bottom = MARGIN + FOOTER_ROOM;
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = PAGE_H - MARGIN;
    for l in lines {
        for part in wrap(&encode(&l.text), l.style, max) {
            if y - l.style.leading() < bottom {
                pages.push(Vec::new());
                y = PAGE_H - MARGIN;
            }
            y -= l.style.leading();
            if !part.is_empty()
                && let Some(page) = pages.last_mut()
            {
                page.push((l.style, y, part));
            }
        }
    }
    pages
}

/// Writes the placed lines, one PDF page per page, with a footer naming
/// `label` and the page number, and `watermark` (who exported it, when)
/// across every page, light grey beneath the text.
pub(super) fn render(pages: &[Vec<Placed>], label: &str, watermark: &str) -> Vec<u8> {
    let watermark = encode(watermark);
    let mut next_id = 0;
    let mut alloc = || {
        next_id += 1;
        Ref::new(next_id)
    };
    let catalog = alloc();
    let tree = alloc();
    let regular = alloc();
    let bold = alloc();
    let info = alloc();
    let ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree).lang(TextStr("nl-NL"));
    pdf.pages(tree)
        .kids(ids.iter().map(|(page, _)| *page))
        .count(i32::try_from(ids.len()).unwrap_or(i32::MAX));
    let total = pages.len();
    for (n, (placed, (page_id, content_id))) in pages.iter().zip(&ids).enumerate() {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        page.parent(tree);
        page.contents(*content_id);
        page.resources().fonts().pair(REGULAR, regular).pair(BOLD, bold);
        drop(page);

        let mut content = Content::new();
        // Diagonal, bottom left to top right; drawn first so the text
        // stays readable on top of it. Uncompressed, like every stream here.
        let (sin, cos) = (PAGE_H.atan2(PAGE_W).sin(), PAGE_H.atan2(PAGE_W).cos());
        content.save_state();
        content.set_fill_gray(0.8);
        content.begin_text();
        content.set_font(BOLD, WATERMARK_SIZE);
        content.set_text_matrix([cos, sin, -sin, cos, MARGIN + 40.0, MARGIN + 60.0]);
        content.show(Str(&watermark));
        content.end_text();
        content.restore_state();
        // One text object per line, so text extraction sees line breaks.
        let mut show = |font: Name, size: f32, x: f32, y: f32, bytes: &[u8]| {
            content.begin_text();
            content.set_font(font, size);
            content.next_line(x, y);
            content.show(Str(bytes));
            content.end_text();
        };
        for (style, y, bytes) in placed {
            let font = if style.bold() { BOLD } else { REGULAR };
            show(font, style.size(), MARGIN, *y, bytes);
        }
        let footer = encode(&fill(
            Lang::Nl,
            "pdf-page_footer",
            &[("case", &label), ("page", &(n + 1)), ("total", &total)],
        ));
        show(REGULAR, FOOTER_SIZE, MARGIN, FOOTER_Y, &footer);
        pdf.stream(*content_id, &content.finish());
    }
    for (id, base) in [(regular, Name(b"Helvetica")), (bold, Name(b"Helvetica-Bold"))] {
        pdf.type1_font(id)
            .base_font(base)
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info)
        .title(TextStr(&fill(Lang::Nl, "pdf-document_title", &[("case", &label)])))
        .producer(TextStr("SamenOp"));
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_lines_make_more_pages() {
        let lines: Vec<Line> = (0..200).map(|i| line(Style::Body, format!("regel {i}"))).collect();
        let pages = paginate(&lines);
        assert!(pages.len() >= 3, "{}", pages.len());
        assert!(
            pages
                .iter()
                .flatten()
                .all(|(_, y, _)| *y >= MARGIN + FOOTER_ROOM && *y <= PAGE_H - MARGIN)
        );
        assert_eq!(pages.iter().map(Vec::len).sum::<usize>(), 200);

        let pdf = render(&pages, "samenop-test", "Vertrouwelijk — C. Dienstleider");
        let doc = lopdf::Document::load_mem(&pdf).expect("a readable PDF");
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        assert_eq!(numbers.len(), pages.len());
        let text = doc.extract_text(&numbers).expect("text");
        assert!(text.contains("regel 0\n") && text.contains("regel 199\n"), "{text}");
        assert!(text.contains(&format!(
            "samenop-test \u{2014} pagina {} van {}",
            pages.len(),
            pages.len()
        )));
        // The watermark is on every page, not only the first.
        for n in &numbers {
            let page = doc.extract_text(&[*n]).expect("page text");
            assert!(
                page.contains("Vertrouwelijk \u{2014} C. Dienstleider"),
                "page {n}: {page}"
            );
        }
    }
}
