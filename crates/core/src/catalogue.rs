//! The one catalogue of words: `locales/nl.ftl` and `locales/en.ftl`, in
//! the simple subset of Fluent (`key = value` on one line, `# comments`,
//! placeables `{ $name }`). Compiled in, parsed once; no IO.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::LazyLock;

use crate::lang::Lang;

pub const NL_SOURCE: &str = include_str!("../locales/nl.ftl");
pub const EN_SOURCE: &str = include_str!("../locales/en.ftl");

static NL: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| parse(NL_SOURCE));
static EN: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| parse(EN_SOURCE));

/// Parses the Fluent subset: blank lines and `#` lines are skipped, every
/// other line is `key = value`. A line without `=` is ignored. A string
/// literal placeable (`{ " " }`, for spaces at either end) becomes its text.
pub fn parse(source: &'static str) -> HashMap<&'static str, &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim(), literals(value.trim())))
        .collect()
}

/// `value` with each `{ "text" }` replaced by `text`; borrowed when there is none.
fn literals(value: &'static str) -> &'static str {
    if !value.contains("{ \"") {
        return value;
    }
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("{ \"") {
        let Some(end) = rest[start + 3..].find("\" }") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&rest[start + 3..start + 3 + end]);
        rest = &rest[start + 3 + end + 3..];
    }
    out.push_str(rest);
    Box::leak(out.into_boxed_str())
}

/// Every `(key, value)` of one language, for checks.
pub fn entries(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The text under `key`; a missing key returns the key itself, so it shows.
pub fn text(lang: Lang, key: &str) -> &'static str {
    entries(lang).get(key).copied().unwrap_or_else(|| leak(key))
}

/// The text under `key` with its placeables `{ $name }` filled from `args`.
pub fn fill(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = text(lang, key).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{ ${name} }}"), &value.to_string());
    }
    out
}

/// The names of the placeables in `value`, in order.
pub fn placeables(value: &str) -> Vec<&str> {
    value
        .split("{ $")
        .skip(1)
        .filter_map(|rest| rest.split_once(" }"))
        .map(|(name, _)| name)
        .collect()
}

/// A missing key is a bug the tests catch; at run time it shows as itself.
fn leak(key: &str) -> &'static str {
    static MISSING: LazyLock<std::sync::Mutex<HashMap<String, &'static str>>> = LazyLock::new(Default::default);
    let mut missing = MISSING.lock().unwrap_or_else(|e| e.into_inner());
    missing
        .entry(key.to_string())
        .or_insert_with(|| Box::leak(key.to_string().into_boxed_str()))
}
