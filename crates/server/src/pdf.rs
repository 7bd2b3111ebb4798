//! The on-scene summary as a PDF for the shift lead's file: the core's
//! `render_text` word for word, then who recorded each item and for which
//! organisation. A4, the PDF base font Helvetica (nothing embedded), text
//! in WinAnsi: é, ë and the like stay, signs outside it (→ ☎ ✉ ⚠) become
//! ASCII. Long lines wrap; pages are added as needed.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};
use samenop_core::summary::{OnSceneSummary, TimelineKind, local_time_text};
use samenop_core::{Actor, Answer, Label, Lang, Organisation};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
/// Room kept free at the bottom for the page footer.
const FOOTER_ROOM: f32 = 24.0;
const FOOTER_Y: f32 = 28.0;
const FOOTER_SIZE: f32 = 8.0;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Title,
    Heading,
    Body,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Self::Title => 15.0,
            Self::Heading => 11.0,
            Self::Body => 10.0,
        }
    }

    fn leading(self) -> f32 {
        match self {
            Self::Title => 22.0,
            Self::Heading => 16.0,
            Self::Body => 13.0,
        }
    }

    fn bold(self) -> bool {
        self != Self::Body
    }
}

/// One line of the document before wrapping. An empty text is a blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    style: Style,
    text: String,
}

fn line(style: Style, text: impl Into<String>) -> Line {
    Line {
        style,
        text: text.into(),
    }
}

fn by(actor: &Actor) -> String {
    format!("{} ({})", actor.display_name, actor.organisation.label(Lang::Nl))
}

/// The lines of the export: heading, `render_text`, then who recorded what.
fn document(summary: &OnSceneSummary, requested_by: &str) -> Vec<Line> {
    let mut out = vec![line(Style::Title, "SamenOp — Samenvatting ter plaatse")];
    if let Some(id) = summary.case_id {
        out.push(line(Style::Body, format!("Casus: {id}")));
    }
    out.push(line(
        Style::Body,
        format!(
            "Opgesteld: {}, opgevraagd door {requested_by}",
            local_time_text(summary.generated_at)
        ),
    ));
    out.push(line(Style::Body, ""));

    let text = summary.render_text(Lang::Nl);
    let mut previous_blank = true;
    for (i, t) in text.lines().enumerate() {
        // The first line and the one-word section titles after a blank line
        // are headings; everything else is body text.
        let heading =
            i == 0 || (previous_blank && !t.is_empty() && !t.contains(':') && !t.starts_with([' ', '-', '*', '!']));
        out.push(line(if heading { Style::Heading } else { Style::Body }, t));
        previous_blank = t.is_empty();
    }

    out.push(line(Style::Body, ""));
    out.push(line(
        Style::Heading,
        "Vastgelegd door (persoon en organisatie per onderdeel)",
    ));
    let opener = summary.opening.as_ref().map(|o| &o.opened_by);
    let mut section = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            out.push(line(Style::Body, format!("{title}:")));
            out.extend(items.into_iter().map(|t| line(Style::Body, format!("- {t}"))));
        }
    };
    section(
        "Verloop",
        summary
            .timeline
            .iter()
            .map(|e| {
                let who = match (&e.by, e.organisation) {
                    (Some(name), Some(org)) => format!("{name} ({})", org.label(Lang::Nl)),
                    (Some(name), None) => name.clone(),
                    // The report time is entered by whoever opened the case.
                    _ => match (&e.kind, opener) {
                        (TimelineKind::ReportReceived, Some(a)) => format!("tijdstip ingevoerd door {}", by(a)),
                        _ => "niet vastgelegd".into(),
                    },
                };
                format!("{} {} — {who}", local_time_text(e.at), e.kind.text(Lang::Nl))
            })
            .collect(),
    );
    section(
        "Acute onveiligheid",
        summary
            .criteria
            .iter()
            .filter(|l| l.answer != Answer::Unknown || l.answered_by.is_some())
            .map(|l| {
                let who = l
                    .answered_by
                    .as_ref()
                    .map(by)
                    .unwrap_or_else(|| "niet vastgelegd".into());
                format!("{}: {} — {who}", l.criterion.label(Lang::Nl), l.answer.label(Lang::Nl))
            })
            .collect(),
    );
    section(
        "Gedeelde informatie",
        summary
            .shared
            .iter()
            .map(|s| {
                format!(
                    "{}: {} → {} — {}",
                    s.record.category.label(Lang::Nl),
                    s.record.from.label(Lang::Nl),
                    s.record.to.label(Lang::Nl),
                    by(&s.recorded_by)
                )
            })
            .collect(),
    );
    section(
        "Veiligheidsmaatregelen",
        summary
            .measures
            .iter()
            .map(|l| {
                let who = l.agreed_by.as_ref().map(by).unwrap_or_else(|| "niet vastgelegd".into());
                format!(
                    "{} — afgesproken door {who}; uitvoering: {}",
                    l.measure.kind.label(Lang::Nl),
                    owner_text(&l.measure.owner.person, l.measure.owner.organisation)
                )
            })
            .collect(),
    );
    out
}

fn owner_text(person: &str, organisation: Organisation) -> String {
    format!("{person} ({})", organisation.label(Lang::Nl))
}

// ---------------------------------------------------------------- text

/// A character in WinAnsiEncoding, if it has a place there.
fn win_ansi(c: char) -> Option<u8> {
    let code = u32::from(c);
    if (0x20..=0x7e).contains(&code) || (0xa0..=0xff).contains(&code) {
        return u8::try_from(code).ok();
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => return None,
    })
}

/// ASCII for a sign that WinAnsi lacks.
fn substitute(c: char) -> &'static str {
    match c {
        '→' | '⇒' | '➔' | '⟶' => "->",
        '←' | '⇐' => "<-",
        '↔' | '⇔' => "<->",
        '☎' | '✆' | '📞' => "tel.",
        '✉' | '📧' => "info:",
        '⚠' => "(!)",
        '✓' | '✔' => "v",
        '✗' | '✘' => "x",
        '≤' => "<=",
        '≥' => ">=",
        '≠' => "!=",
        '−' | '‐' | '‑' => "-",
        '\t' | '\u{2002}'..='\u{200a}' | '\u{202f}' => " ",
        '\u{200b}'..='\u{200d}' | '\u{feff}' => "",
        c if c.is_control() => "",
        _ => "?",
    }
}

/// `text` as WinAnsi bytes, with ASCII stand-ins for what it cannot hold.
fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match win_ansi(c) {
            Some(b) => out.push(b),
            None => out.extend_from_slice(substitute(c).as_bytes()),
        }
    }
    out
}

/// Helvetica advance widths (1/1000 em), ASCII 32..=126.
const ASCII_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space .. /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 .. 9
    278, 278, 584, 584, 584, 556, 1015, // : .. @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
    667, 667, 611, // A .. Z
    278, 278, 278, 469, 556, 333, // [ .. `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, // a .. z
    334, 260, 334, 584, // { .. ~
];

/// Helvetica advance widths, WinAnsi 0xA0..=0xFF (Latin-1).
const LATIN1_WIDTHS: [u16; 96] = [
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // A0 .. AF
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // B0 .. BF
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // C0 .. CF
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // D0 .. DF
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // E0 .. EF
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // F0 .. FF
];

fn glyph_width(b: u8) -> u16 {
    match b {
        0x20..=0x7e => ASCII_WIDTHS[usize::from(b - 0x20)],
        0xa0..=0xff => LATIN1_WIDTHS[usize::from(b - 0xa0)],
        0x85 | 0x89 | 0x8c | 0x97 | 0x99 => 1000,
        0x9c => 944,
        0x8a | 0x9f => 667,
        0x8e => 611,
        0x95 => 350,
        0x82 | 0x91 | 0x92 => 222,
        0x84 | 0x88 | 0x8b | 0x93 | 0x94 | 0x98 | 0x9b => 333,
        0x9a | 0x9e => 500,
        _ => 556,
    }
}

/// Width in points; bold Helvetica is at most about a tenth wider.
fn text_width(bytes: &[u8], style: Style) -> f32 {
    let units: u32 = bytes.iter().map(|b| u32::from(glyph_width(*b))).sum();
    let factor = if style.bold() { 1.12 } else { 1.0 };
    units as f32 * style.size() / 1000.0 * factor
}

/// Greedy word wrap to `max` points. Continuation lines are indented under
/// the text; a word longer than a line is cut.
fn wrap(text: &[u8], style: Style, max: f32) -> Vec<Vec<u8>> {
    if text_width(text, style) <= max {
        return vec![text.to_vec()];
    }
    let lead = text.iter().take_while(|b| **b == b' ').count();
    let indent = vec![b' '; lead + 2];
    let mut out = Vec::new();
    let mut current = text[..lead].to_vec();
    let mut has_word = false;
    for word in text[lead..].split(|b| *b == b' ').filter(|w| !w.is_empty()) {
        let space: &[u8] = if has_word { b" " } else { b"" };
        if text_width(&current, style) + text_width(space, style) + text_width(word, style) <= max {
            current.extend_from_slice(space);
            current.extend_from_slice(word);
            has_word = true;
            continue;
        }
        if has_word {
            out.push(std::mem::replace(&mut current, indent.clone()));
        }
        let mut rest = word;
        loop {
            let room = max - text_width(&current, style);
            let mut fits = 0;
            let mut used = 0.0;
            while fits < rest.len() {
                let w = text_width(&rest[fits..=fits], style);
                if used + w > room {
                    break;
                }
                used += w;
                fits += 1;
            }
            if fits == rest.len() {
                current.extend_from_slice(rest);
                has_word = true;
                break;
            }
            // Always move on, even when not one character fits.
            let fits = fits.max(1);
            current.extend_from_slice(&rest[..fits]);
            out.push(std::mem::replace(&mut current, indent.clone()));
            rest = &rest[fits..];
            has_word = false;
            if rest.is_empty() {
                break;
            }
        }
    }
    if has_word {
        out.push(current);
    }
    out
}

// ---------------------------------------------------------------- pages

/// A line placed on a page: style, baseline height, WinAnsi bytes.
type Placed = (Style, f32, Vec<u8>);

fn paginate(lines: &[Line]) -> Vec<Vec<Placed>> {
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

/// The PDF of `summary`, as asked for by `requested_by` ("Name (Organisatie)").
pub fn summary_pdf(summary: &OnSceneSummary, requested_by: &str) -> Vec<u8> {
    let label = match summary.case_id {
        Some(id) => format!("samenop-{id}"),
        None => "samenop".into(),
    };
    render(&paginate(&document(summary, requested_by)), &label)
}

/// Writes the placed lines, one PDF page per page, with a footer naming
/// `label` and the page number.
fn render(pages: &[Vec<Placed>], label: &str) -> Vec<u8> {
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
        let footer = encode(&format!("{label} — pagina {} van {total}", n + 1));
        show(REGULAR, FOOTER_SIZE, MARGIN, FOOTER_Y, &footer);
        pdf.stream(*content_id, &content.finish());
    }
    for (id, base) in [(regular, Name(b"Helvetica")), (bold, Name(b"Helvetica-Bold"))] {
        pdf.type1_font(id)
            .base_font(base)
            .encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    pdf.document_info(info)
        .title(TextStr(&format!("SamenOp samenvatting ter plaatse {label}")))
        .producer(TextStr("SamenOp"));
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_stay_and_signs_outside_winansi_become_ascii() {
        assert_eq!(encode("Beëindigd, café"), b"Be\xebindigd, caf\xe9".to_vec());
        assert_eq!(encode("Politie → Veilig Thuis"), b"Politie -> Veilig Thuis".to_vec());
        assert_eq!(encode("☎ ✉ ⚠ —"), b"tel. info: (!) \x97".to_vec());
        assert_eq!(encode("漢"), b"?".to_vec());
    }

    #[test]
    fn long_lines_wrap_within_the_margins_and_keep_every_word() {
        let text = encode(&"maatregel huisverbod ".repeat(40));
        let max = PAGE_W - 2.0 * MARGIN;
        let parts = wrap(&text, Style::Body, max);
        assert!(parts.len() > 3);
        assert!(parts.iter().all(|p| text_width(p, Style::Body) <= max));
        let words = |b: &[u8]| {
            b.split(|c| *c == b' ')
                .filter(|w| !w.is_empty())
                .map(<[u8]>::to_vec)
                .collect::<Vec<_>>()
        };
        assert_eq!(parts.iter().flat_map(|p| words(p)).collect::<Vec<_>>(), words(&text));
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_not_lost() {
        let word = vec![b'W'; 200];
        let parts = wrap(&word, Style::Body, 100.0);
        let kept: usize = parts.iter().map(|p| p.iter().filter(|b| **b == b'W').count()).sum();
        assert_eq!(kept, 200);
        assert!(parts.iter().all(|p| text_width(p, Style::Body) <= 100.0));
    }

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

        let pdf = render(&pages, "samenop-test");
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
    }

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
