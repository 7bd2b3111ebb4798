//! The catalogue is the one source of words: both languages have the same
//! keys, nothing is empty, every vocabulary term and every literal key the
//! code asks for is there, and placeables match between the languages.

use std::collections::BTreeSet;
use std::path::Path;

use samenop_core::catalogue::{self, entries, placeables};
use samenop_core::{Lang, Vocabulary};

fn keys(lang: Lang) -> BTreeSet<&'static str> {
    entries(lang).keys().copied().collect()
}

#[test]
fn both_languages_have_the_same_keys() {
    let (nl, en) = (keys(Lang::Nl), keys(Lang::En));
    assert_eq!(
        nl.difference(&en).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "only in nl.ftl"
    );
    assert_eq!(
        en.difference(&nl).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "only in en.ftl"
    );
}

#[test]
fn every_line_is_a_comment_or_a_key_with_a_value() {
    for (lang, source) in [(Lang::Nl, catalogue::NL_SOURCE), (Lang::En, catalogue::EN_SOURCE)] {
        let mut seen = BTreeSet::new();
        for line in source
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (key, value) = line
                .split_once('=')
                .unwrap_or_else(|| panic!("{lang:?}: not `key = value`: {line}"));
            let key = key.trim();
            assert!(!value.trim().is_empty(), "{lang:?}: {key} is empty");
            assert!(
                key.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'),
                "{lang:?}: key {key:?}"
            );
            assert!(seen.insert(key), "{lang:?}: {key} twice");
        }
    }
}

#[test]
fn placeables_match_between_the_languages() {
    for (key, nl) in entries(Lang::Nl) {
        let en = catalogue::text(Lang::En, key);
        let (mut a, mut b) = (placeables(nl), placeables(en));
        a.sort();
        b.sort();
        assert_eq!(a, b, "{key}");
    }
}

#[test]
fn a_missing_key_shows_as_itself_and_fill_fills() {
    assert_eq!(catalogue::text(Lang::En, "no-such-key"), "no-such-key");
    assert_eq!(catalogue::fill(Lang::Nl, "no-such-key", &[]), "no-such-key");
    let key = entries(Lang::Nl)
        .iter()
        .find(|(_, v)| !placeables(v).is_empty())
        .map(|(k, _)| *k);
    if let Some(key) = key {
        let names = placeables(catalogue::text(Lang::Nl, key));
        let args: Vec<(&str, &dyn std::fmt::Display)> =
            names.iter().map(|n| (*n, &"X" as &dyn std::fmt::Display)).collect();
        assert!(!catalogue::fill(Lang::Nl, key, &args).contains("{ $"), "{key}");
    }
}

fn check<T: Vocabulary + std::fmt::Debug>(suffixes: &[&str]) {
    for &term in T::VARIANTS {
        for suffix in [""].iter().chain(suffixes) {
            let key = term.key(suffix);
            for lang in [Lang::Nl, Lang::En] {
                assert!(
                    entries(lang).contains_key(key.as_str()),
                    "{lang:?}: {key} ({term:?}) missing"
                );
            }
        }
    }
}

#[test]
fn every_vocabulary_term_is_in_both_languages() {
    use samenop_core::*;
    check::<case::CaseStatus>(&[]);
    check::<handover::ExitCondition>(&[]);
    check::<handover::ResponseMode>(&[]);
    check::<wire::RejectCode>(&[]);
    check::<actor::Organisation>(&[]);
    check::<actor::Role>(&[]);
    check::<event::ReportSource>(&[]);
    check::<event::CaseNature>(&[]);
    check::<answer::Answer>(&[]);
    check::<steps::Step>(&[]);
    check::<steps::SafetyItem>(&[]);
    check::<steps::SafetyRule>(&[]);
    check::<steps::InvestigationPoint>(&[]);
    check::<triage::Criterion>(&["explanation"]);
    check::<triage::LiftingRoute>(&[]);
    check::<triage::TriageStatus>(&[]);
    check::<triage::ReassessMoment>(&[]);
    check::<triage::TriageWarning>(&[]);
    check::<triage::MissingInfo>(&[]);
    check::<triage::StructuralCategory>(&["examples"]);
    check::<sash::SashLevel>(&[]);
    check::<sash::SashItem>(&[]);
    check::<measures::Framework>(&[]);
    check::<measures::MeasureKind>(&[]);
    check::<measures::SpecialCondition>(&[]);
    check::<measures::MeasureStatus>(&[]);
    check::<measures::DeadlineKind>(&[]);
    check::<measures::MeasureAttribute>(&[]);
    check::<measures::ReassessmentOutcome>(&[]);
    check::<sharing::InfoCategory>(&[]);
    check::<sharing::LegalGround>(&[]);
    check::<honour::HonourPrompt>(&["who_when"]);
    check::<honour::HonourWarning>(&[]);
    check::<honour::HonourSignal>(&[]);
    check::<honour::OpvangRegion>(&[]);
    check::<honour::OpvangFacility>(&[]);
    check::<sharing::consultation::ConsultTopic>(&[]);
}

/// Literal keys in calls shaped `text(lang, "key")`, `fill(lang, "key", …)`
/// or `t("key")`: at most one plain argument before the string literal.
fn literal_keys(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for needle in ["text(", "fill(", "t("] {
        for (at, _) in source.match_indices(needle) {
            let before = source[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &source[at + needle.len()..];
            let Some(quote) = rest.find(['"', ')', ';', '{']) else {
                continue;
            };
            if !rest[quote..].starts_with('"') {
                continue;
            }
            let head = &rest[..quote];
            if head.matches(',').count() > 1 || !head.chars().all(|c| c.is_alphanumeric() || "_.:&*, \n()".contains(c))
            {
                continue;
            }
            if let Some(end) = rest[quote + 1..].find('"') {
                found.push(rest[quote + 1..quote + 1 + end].to_string());
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_literal_key_in_the_code_is_in_the_catalogue() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "../server/src", "../../src"] {
        if root.join(dir).is_dir() {
            rust_files(&root.join(dir), &mut files);
        }
    }
    let known = keys(Lang::Nl);
    let mut checked = 0;
    let mut missing = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for key in literal_keys(&source) {
            checked += 1;
            if !known.contains(key.as_str()) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(missing.is_empty(), "keys not in the catalogue:\n{}", missing.join("\n"));
    assert!(checked > 100, "the scan found only {checked} keys");
}
