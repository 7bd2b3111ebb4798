//! Every word the app shows comes from the catalogue (issue 17 §6): a
//! Dutch or English word typed as a text node in the app's `rsx!` fails
//! here. Symbols, numbers and the acronyms in `ALLOWED` may stand as they
//! are; a string in attribute position (`class: "…"`), a branch of an
//! `if` (a class or an ARIA state), a match arm or a call's argument is
//! not a text node. Catalogue keys (`section-key`) are looked up.

use std::path::Path;

/// Names that are the same in both languages and in the protocol, and the
/// language choices, each named in its own language so every user finds it.
const ALLOWED: &[&str] = &["SASH", "PDF", "Nederlands", "English"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        // `platform/` is glue to the browser and the OS (script strings), no rsx.
        if path.is_dir() && path.file_name().is_some_and(|n| n == "platform") {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of a line with what stands before and after each.
fn literals(line: &str) -> Vec<(&str, &str, &str)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && bytes[j] != b'"' {
                if bytes[j] == b'\\' {
                    j += 1;
                }
                j += 1;
            }
            if j >= bytes.len() {
                break;
            }
            out.push((&line[..i], &line[start..j], &line[j + 1..]));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// The text of a literal without its `{…}` interpolations.
fn bare(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_key(text: &str) -> bool {
    text.contains('-')
        && !text.contains(' ')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// A run of two letters or more: a word someone reads.
fn has_word(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_alphabetic() { run + 1 } else { 0 };
        if run >= 2 {
            return true;
        }
    }
    false
}

/// Raw words in text-node position of `source`, as `line: text`.
fn raw_words(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_tests = false;
    for (n, line) in source.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("#[cfg(test)]") {
            in_tests = true;
        }
        if in_tests || trimmed.starts_with("//") || trimmed.starts_with("#[") || trimmed.contains("assert") {
            continue;
        }
        for (before, text, after) in literals(line) {
            let before = before.trim_end();
            let after = after.trim_start();
            let text_node = matches!(before.chars().last(), None | Some('{') | Some('}') | Some(','));
            let code = before.contains("if ")
                || before.contains("else")
                || after.starts_with("=>")
                || after.starts_with('.')
                || after.starts_with(')');
            let words = bare(text);
            let words = words.trim();
            if !text_node || code || is_key(text) || !has_word(words) {
                continue;
            }
            let rest: String = ALLOWED.iter().fold(words.to_string(), |w, a| w.replace(a, ""));
            if has_word(&rest) {
                found.push(format!("{}: {text}", n + 1));
            }
        }
    }
    found
}

#[test]
fn the_app_shows_no_word_outside_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(!files.is_empty(), "no app sources under {}", root.display());
    let mut found = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        for hit in raw_words(&source) {
            found.push(format!("{}:{hit}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "words outside the catalogue (use `t(lang, key)`):\n{}",
        found.join("\n")
    );
}

#[test]
fn a_raw_word_in_a_text_node_is_found_and_a_class_or_key_is_not() {
    assert_eq!(raw_words(r#"        p { "Adreshint" }"#).len(), 1);
    assert_eq!(raw_words(r#"        button { onclick: go, "Opslaan" }"#).len(), 1);
    assert!(raw_words(r#"        p { class: "field-error", "{err}" }"#).is_empty());
    assert!(raw_words(r#"        p { {t(lang, "steps-done")} }"#).is_empty());
    assert!(raw_words(r#"        class: if on { "opt on" } else { "opt" },"#).is_empty());
    assert!(raw_words(r#"        legend { "SASH" }"#).is_empty());
    assert!(raw_words(r#"        span { "✓ {label}" }"#).is_empty());
}
