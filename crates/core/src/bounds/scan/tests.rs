//! The scan against the `Value` walk it stands in for.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::is_clean;
use crate::bounds::walk;

/// What the `Value` walk says: clean when it neither refuses nor
/// rewrites (the answer `is_clean` must never be more lenient than).
fn walk_clean<T: Serialize>(value: &T, root: &str) -> bool {
    let Ok(mut json) = serde_json::to_value(value) else {
        return false;
    };
    matches!(walk(&mut json, "", root), Ok(false))
}

fn same<T: Serialize>(value: &T, root: &str) {
    let shown = serde_json::to_string(value).unwrap_or_default();
    assert_eq!(is_clean(value, root), walk_clean(value, root), "{shown}");
}

#[derive(Serialize, Clone)]
struct Author {
    user_id: String,
    display_name: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "snake_case")]
enum Outer {
    Unit,
    Named(String),
    Rules {
        call_tree: Vec<String>,
        note: Option<String>,
    },
    Pair(String, String),
}

#[derive(Serialize, Clone)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Tagged {
    Assigned { summary: String, supersedes: Vec<String> },
    Empty,
}

#[derive(Serialize, Clone)]
struct Doc {
    author: Author,
    outer: Vec<Outer>,
    tagged: Tagged,
    notes: BTreeMap<String, String>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
    when: Option<i64>,
    bytes: Vec<u8>,
}

fn doc() -> Doc {
    Doc {
        author: Author {
            user_id: "agent.test".into(),
            display_name: "Agent Test".into(),
        },
        outer: vec![
            Outer::Unit,
            Outer::Named("Café".into()),
            Outer::Rules {
                call_tree: vec!["politie belt VT".into()],
                note: None,
            },
            Outer::Pair("a".into(), "b".into()),
        ],
        tagged: Tagged::Assigned {
            summary: "kort".into(),
            supersedes: vec!["x".into()],
        },
        notes: BTreeMap::from([("address_hint".into(), "Teststraat 1".into())]),
        extra: BTreeMap::from([("region".into(), json!("Testregio"))]),
        when: Some(1),
        bytes: vec![1, 2],
    }
}

/// Every place a text or a list can break its bound, in every shape
/// serde gives (struct, list of enums of each kind, internally tagged
/// enum, map, flattened map, bytes): the scan and the walk agree.
#[test]
fn the_scan_agrees_with_the_walk_in_every_shape() {
    let long = |n: usize| "x".repeat(n);
    let bad = "Jan\u{202E}Test".to_string();
    let decomposed = "Cafe\u{0301}".to_string();
    let mut cases: Vec<Doc> = vec![doc()];
    for text in [long(65), long(121), bad.clone(), decomposed.clone()] {
        let mut d = doc();
        d.author.user_id = text.clone();
        cases.push(d);
        let mut d = doc();
        d.author.display_name = text.clone();
        cases.push(d);
        let mut d = doc();
        d.outer[1] = Outer::Named(text.clone());
        cases.push(d);
        let mut d = doc();
        d.outer[2] = Outer::Rules {
            call_tree: vec![text.clone()],
            note: Some(text.clone()),
        };
        cases.push(d);
        let mut d = doc();
        d.outer[3] = Outer::Pair("a".into(), text.clone());
        cases.push(d);
        let mut d = doc();
        d.tagged = Tagged::Assigned {
            summary: text.clone(),
            supersedes: vec![],
        };
        cases.push(d);
        let mut d = doc();
        d.notes.insert("address_hint".into(), text.clone());
        cases.push(d);
        let mut d = doc();
        d.extra.insert("region".into(), json!(text.clone()));
        cases.push(d);
    }
    for n in [20, 21, 32, 33, 64, 65] {
        let mut d = doc();
        d.outer[2] = Outer::Rules {
            call_tree: vec!["r".into(); n],
            note: None,
        };
        cases.push(d);
        let mut d = doc();
        d.tagged = Tagged::Assigned {
            summary: "s".into(),
            supersedes: vec!["s".into(); n],
        };
        cases.push(d);
        let mut d = doc();
        d.outer = vec![Outer::Unit; n];
        cases.push(d);
        let mut d = doc();
        d.bytes = vec![0; n];
        cases.push(d);
    }
    let mut d = doc();
    d.tagged = Tagged::Empty;
    cases.push(d);
    let mut clean = 0;
    for d in &cases {
        same(d, "event");
        clean += usize::from(is_clean(d, "event"));
    }
    // The base document and the lists within their caps are clean.
    assert!(is_clean(&doc(), "event"));
    assert!(clean > 5 && clean < cases.len() / 2, "{clean} of {}", cases.len());
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,8}",
        Just("x".repeat(64)),
        Just("x".repeat(65)),
        Just("é".repeat(120)),
        Just("e\u{0301}".repeat(3)),
        Just("a\u{2066}b".to_string()),
        Just("a\nb".to_string()),
        Just("x".repeat(crate::text::ShortText::MAX + 1)),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("user_id".to_string()),
        Just("display_name".to_string()),
        Just("summary".to_string()),
        Just("address_hint".to_string()),
        Just("call_tree".to_string()),
        Just("supersedes".to_string()),
        Just("note".to_string()),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 120, 24, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..26).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..5).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Any JSON (texts near and past their caps, bidi and control
    /// characters, texts to normalise, lists near their caps, under
    /// the keys that have their own caps): the scan says clean
    /// exactly when the walk neither refuses nor rewrites.
    #[test]
    fn the_scan_is_clean_exactly_when_the_walk_is(v in value(), root in key()) {
        prop_assert_eq!(is_clean(&v, &root), walk_clean(&v, &root));
    }
}
