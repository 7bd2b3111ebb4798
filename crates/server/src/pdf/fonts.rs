//! Text for the PDF base font Helvetica: the three styles, WinAnsi
//! encoding with ASCII stand-ins, advance widths and word wrap.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Title,
    Heading,
    Body,
}

impl Style {
    pub(super) fn size(self) -> f32 {
        match self {
            Self::Title => 15.0,
            Self::Heading => 11.0,
            Self::Body => 10.0,
        }
    }

    pub(super) fn leading(self) -> f32 {
        match self {
            Self::Title => 22.0,
            Self::Heading => 16.0,
            Self::Body => 13.0,
        }
    }

    pub(super) fn bold(self) -> bool {
        self != Self::Body
    }
}

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
pub(super) fn encode(text: &str) -> Vec<u8> {
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
pub(super) fn wrap(text: &[u8], style: Style, max: f32) -> Vec<Vec<u8>> {
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
        let max = 495.0; // A4 less both margins
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
}
