//! Bounded input (issue 13 §5): every text and every list in an event has
//! a cap, no text carries control or bidi-override characters, and every
//! text is in Unicode NFC. A 1.5 MB display name, a 100 k `om_officer` and
//! 5,000 call-tree rules were accepted before.
//!
//! The walk goes over the event's wire form, so a field added later is
//! capped too (by the defaults) without being listed here. The protocol
//! asks to record what is necessary and no more (004 l.129, minimisation);
//! the caps are generous for that. `decide` runs this on every event it
//! makes and the server on every push; the fold does not, so events stored
//! before these caps keep showing (what was recorded stays visible).

mod scan;

use serde_json::Value;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::event::{Event, EventKind};
use crate::refusal::Refusal;
use crate::text::{AddressHint, SharedSummary, ShortText};

/// Longest text of a field not named in `text_cap`: a name, a number, a
/// reason, a note (`ShortText`).
pub const DEFAULT_TEXT_MAX: usize = ShortText::MAX;
/// Most items of a list not named in `list_cap`: more than any
/// vocabulary in an event has terms.
pub const DEFAULT_LIST_MAX: usize = 32;
/// Most call-tree or inform rules of one measure: "wie belt wie wanneer"
/// (004 l.303) is a handful of lines on scene; twenty leaves room.
pub const RULES_MAX: usize = 20;
/// Most values one assignment replaces: the heads of a register in
/// conflict, rarely more than two or three.
pub const SUPERSEDES_MAX: usize = 64;

/// The cap of a text, by its field name.
fn text_cap(key: &str) -> usize {
    match key {
        "user_id" | "region" => 64,
        "display_name" => 120,
        "address_hint" => AddressHint::MAX,
        "summary" => SharedSummary::MAX,
        _ => DEFAULT_TEXT_MAX,
    }
}

/// The cap of a list, by its field name.
fn list_cap(key: &str) -> usize {
    match key {
        "call_tree" | "informs" | "rules" => RULES_MAX,
        "supersedes" => SUPERSEDES_MAX,
        _ => DEFAULT_LIST_MAX,
    }
}

/// Characters no text may hold: control characters (a text is one line;
/// no input takes more) and the bidi embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which make a text read otherwise than
/// it is stored ("Trojan Source").
fn forbidden(c: char) -> bool {
    c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Checks a text and returns it in NFC.
pub fn tidy_text(field: &str, text: &str) -> Result<Option<String>, Refusal> {
    check_text(last(field), text, || field.to_string())
}

/// `tidy_text` with the field's name made only for a refusal: the walk
/// visits every value of every pushed event (issue 18 §4).
fn check_text(key: &str, text: &str, field: impl Fn() -> String) -> Result<Option<String>, Refusal> {
    if text.chars().any(forbidden) {
        return Err(Refusal::ForbiddenCharacter { field: field() });
    }
    let nfc = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => None,
        _ => Some(text.nfc().collect::<String>()).filter(|n| n != text),
    };
    let max = text_cap(key);
    let shown = nfc.as_deref().unwrap_or(text);
    // Bytes bound the characters from above: most texts are far shorter.
    if shown.len() > max && shown.chars().count() > max {
        return Err(Refusal::TextTooLong { field: field(), max });
    }
    Ok(nfc)
}

/// The last segment of a dotted field name.
fn last(field: &str) -> &str {
    field.rsplit('.').next().unwrap_or(field)
}

/// "parent.key", the name a refusal gives.
fn dotted(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Walks one value; it stands at `key` of an object at `parent`. `true`
/// when some text was rewritten to NFC.
fn walk(value: &mut Value, parent: &str, key: &str) -> Result<bool, Refusal> {
    let mut changed = false;
    match value {
        Value::String(s) => {
            if let Some(nfc) = check_text(key, s, || dotted(parent, key))? {
                *s = nfc;
                changed = true;
            }
        }
        Value::Array(items) => {
            let max = list_cap(key);
            if items.len() > max {
                return Err(Refusal::TooMany {
                    field: dotted(parent, key),
                    max,
                });
            }
            for item in items {
                // Items of a list take the list's name: "call_tree.when".
                changed |= walk(item, parent, key)?;
            }
        }
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                changed |= walk(v, key, k)?;
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(changed)
}

/// The value back unchanged when every text already was in NFC (nearly
/// always): read back from the walked JSON only when a text changed.
/// Most events are clean: `scan` finds that without building the JSON;
/// any other event is walked as JSON, which finds the refusal (the same
/// one as before `scan` existed) or rewrites the texts.
fn tidy_value<T: serde::Serialize + serde::de::DeserializeOwned>(value: T, root: &str) -> Result<T, Refusal> {
    if scan::is_clean(&value, root) {
        return Ok(value);
    }
    let mut json = serde_json::to_value(&value).map_err(|_| Refusal::Unreadable)?;
    if !walk(&mut json, "", root)? {
        return Ok(value);
    }
    serde_json::from_value(json).map_err(|_| Refusal::Unreadable)
}

/// Checks every text and list of an event's content against its cap and
/// returns it with every text in NFC (`decide` runs this).
pub fn tidy_kind(kind: EventKind) -> Result<EventKind, Refusal> {
    tidy_value(kind, "kind")
}

/// The same for a whole event, its author included (the server runs this
/// on every push before admission; what it stores is the tidied event).
pub fn tidy(event: Event) -> Result<Event, Refusal> {
    tidy_value(event, "event")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_override_refused() {
        for c in ['\u{202E}', '\u{2066}', '\u{0007}', '\n'] {
            let text = format!("Jan{c}Test");
            assert_eq!(
                tidy_text("author.display_name", &text),
                Err(Refusal::ForbiddenCharacter {
                    field: "author.display_name".into()
                })
            );
        }
    }

    #[test]
    fn text_normalised_to_nfc() {
        // "é" as e + combining acute becomes the one character U+00E9.
        assert_eq!(
            tidy_text("x.note", "Caf\u{0065}\u{0301}"),
            Ok(Some("Caf\u{00E9}".into()))
        );
        assert_eq!(tidy_text("x.note", "Café"), Ok(None));
    }

    #[test]
    fn the_cap_counts_the_normalised_text() {
        let decomposed = "e\u{0301}".repeat(120);
        assert_eq!(tidy_text("author.display_name", &decomposed), Ok(Some("é".repeat(120))));
    }
}
