//! The house rules of the app crate, checked on its source: screens render
//! and send commands; core decides. A failure names the file and line.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source readable");
            out.push((path.display().to_string(), text));
        }
    }
}

fn offending(pattern: impl Fn(&str) -> bool) -> Vec<String> {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut hits = Vec::new();
    for (path, text) in files {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if pattern(code) {
                hits.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    hits
}

/// Events are made by core's `CaseState::decide` only (through the device
/// crate's `Field::send`); a screen that names `EventKind` or calls
/// `CaseState::assign` would be deciding what gets recorded.
#[test]
fn no_screen_makes_an_event() {
    let hits = offending(|code| code.contains("EventKind") || code.contains(".assign("));
    assert!(hits.is_empty(), "events made outside core:\n{}", hits.join("\n"));
}

/// Text limits live in core's bounded text types; a number typed into a
/// `maxlength` here drifts from the rule (it did: 140 on screen, 200 in core).
#[test]
fn no_text_limit_is_copied_into_a_screen() {
    let hits = offending(|code| {
        code.split("maxlength: \"")
            .skip(1)
            .any(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    });
    assert!(hits.is_empty(), "copied text limits:\n{}", hits.join("\n"));
}
