//! The bounds walk without building the JSON tree (issue 18 §4).
//!
//! `serde_json::to_value` of a pushed event allocated every key and text
//! again only to look at them: the largest part of a push's CPU outside
//! the writer (measured with `perf` at 100 devices). This serializer
//! visits the same values in the same shape (`Value` objects, arrays and
//! strings, each at the key the walk would give it) and answers one
//! question: is every text allowed, already in NFC and within its cap, and
//! every list within its cap? Only then may the event go on untouched.
//! Anything else (a refusal, a text to normalise, a shape it does not
//! know) sends the event down the `Value` walk, which decides exactly as
//! before, so this can make the check faster but never more lenient.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::{check_text, list_cap};

/// Not clean: the `Value` walk decides.
#[derive(Debug)]
pub(super) struct Unclean;

impl fmt::Display for Unclean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("needs the full bounds walk")
    }
}

impl std::error::Error for Unclean {}

impl ser::Error for Unclean {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unclean
    }
}

type Result<T = ()> = std::result::Result<T, Unclean>;

/// True when the walk over `value` (its root named `root`) would find
/// nothing to refuse and nothing to rewrite.
pub(super) fn is_clean<T: Serialize>(value: &T, root: &str) -> bool {
    let mut keys = vec![Cow::Borrowed(""), Cow::Owned(root.to_string())];
    value.serialize(Scan { keys: &mut keys }).is_ok()
}

/// Stands where the `Value` walk would: `keys` ends with the parent's and
/// the value's own key.
struct Scan<'k> {
    keys: &'k mut Vec<Cow<'static, str>>,
}

impl<'k> Scan<'k> {
    fn key(&self) -> &str {
        self.keys.last().map(|k| k.as_ref()).unwrap_or("")
    }

    fn text(&self, text: &str) -> Result {
        match check_text(self.key(), text, String::new) {
            Ok(None) => Ok(()),
            _ => Err(Unclean),
        }
    }

    /// An array of `len` items at this key.
    fn list(self, len: Option<usize>) -> Result<List<'k>> {
        let max = list_cap(self.key());
        if len.is_some_and(|n| n > max) {
            return Err(Unclean);
        }
        Ok(List {
            keys: self.keys,
            max,
            seen: 0,
        })
    }

    /// An object at this key: its fields are walked with it as parent.
    fn object(self) -> Object<'k> {
        Object { keys: self.keys }
    }
}

/// The items of an array take the array's key (`Value` walk).
struct List<'k> {
    keys: &'k mut Vec<Cow<'static, str>>,
    max: usize,
    seen: usize,
}

impl List<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.seen += 1;
        if self.seen > self.max {
            return Err(Unclean);
        }
        value.serialize(Scan { keys: &mut *self.keys })
    }
}

struct Object<'k> {
    keys: &'k mut Vec<Cow<'static, str>>,
}

impl Object<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: Cow<'static, str>, value: &T) -> Result {
        self.keys.push(key);
        let result = value.serialize(Scan { keys: &mut *self.keys });
        self.keys.pop();
        result
    }
}

impl<'k> ser::Serializer for Scan<'k> {
    type Ok = ();
    type Error = Unclean;
    type SerializeSeq = List<'k>;
    type SerializeTuple = List<'k>;
    type SerializeTupleStruct = List<'k>;
    type SerializeTupleVariant = VariantList<'k>;
    type SerializeMap = Map<'k>;
    type SerializeStruct = Object<'k>;
    type SerializeStructVariant = VariantObject<'k>;

    fn serialize_bool(self, _: bool) -> Result {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Result {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Result {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Result {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Result {
        Ok(())
    }
    /// Beyond what `Value` holds: the walk decides (it refuses).
    fn serialize_i128(self, _: i128) -> Result {
        Err(Unclean)
    }
    fn serialize_u8(self, _: u8) -> Result {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Result {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Result {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Result {
        Ok(())
    }
    fn serialize_u128(self, _: u128) -> Result {
        Err(Unclean)
    }
    fn serialize_f32(self, _: f32) -> Result {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Result {
        Ok(())
    }
    fn serialize_char(self, c: char) -> Result {
        self.text(c.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, text: &str) -> Result {
        self.text(text)
    }
    /// `Value` holds bytes as an array of numbers.
    fn serialize_bytes(self, bytes: &[u8]) -> Result {
        self.list(Some(bytes.len())).map(drop)
    }
    fn serialize_none(self) -> Result {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        // `{variant: value}`: the value stands at the variant's key.
        self.keys.push(Cow::Borrowed(variant));
        let result = value.serialize(Scan { keys: &mut *self.keys });
        self.keys.pop();
        result
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<List<'k>> {
        self.list(len)
    }
    fn serialize_tuple(self, len: usize) -> Result<List<'k>> {
        self.list(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<List<'k>> {
        self.list(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantList<'k>> {
        self.keys.push(Cow::Borrowed(variant));
        let max = list_cap(variant);
        if len > max {
            self.keys.pop();
            return Err(Unclean);
        }
        Ok(VariantList(List {
            keys: self.keys,
            max,
            seen: 0,
        }))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'k>> {
        Ok(Map {
            object: self.object(),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<'k>> {
        Ok(self.object())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<VariantObject<'k>> {
        self.keys.push(Cow::Borrowed(variant));
        Ok(VariantObject(Object { keys: self.keys }))
    }
}

impl ser::SerializeSeq for List<'_> {
    type Ok = ();
    type Error = Unclean;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeTuple for List<'_> {
    type Ok = ();
    type Error = Unclean;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for List<'_> {
    type Ok = ();
    type Error = Unclean;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

/// `{variant: [items]}`: the variant's key is popped at the end.
struct VariantList<'k>(List<'k>);

impl ser::SerializeTupleVariant for VariantList<'_> {
    type Ok = ();
    type Error = Unclean;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.0.item(value)
    }
    fn end(self) -> Result {
        self.0.keys.pop();
        Ok(())
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = Unclean;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

/// `{variant: {fields}}`: the variant's key is popped at the end.
struct VariantObject<'k>(Object<'k>);

impl ser::SerializeStructVariant for VariantObject<'_> {
    type Ok = ();
    type Error = Unclean;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.0.field(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result {
        self.0.keys.pop();
        Ok(())
    }
}

/// A map's entries are fields named by their keys (text keys only, as in
/// JSON; any other key sends the event down the `Value` walk).
struct Map<'k> {
    object: Object<'k>,
    key: Option<String>,
}

impl ser::SerializeMap for Map<'_> {
    type Ok = ();
    type Error = Unclean;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        let key = self.key.take().ok_or(Unclean)?;
        self.object.field(Cow::Owned(key), value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

/// A map key as text; anything but a text is `Unclean`.
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Unclean;
    type SerializeSeq = Impossible<String, Unclean>;
    type SerializeTuple = Impossible<String, Unclean>;
    type SerializeTupleStruct = Impossible<String, Unclean>;
    type SerializeTupleVariant = Impossible<String, Unclean>;
    type SerializeMap = Impossible<String, Unclean>;
    type SerializeStruct = Impossible<String, Unclean>;
    type SerializeStructVariant = Impossible<String, Unclean>;

    fn serialize_str(self, text: &str) -> Result<String> {
        Ok(text.to_string())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<String> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_i8(self, _: i8) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_i16(self, _: i16) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_i32(self, _: i32) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_i64(self, _: i64) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_u8(self, _: u8) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_u16(self, _: u16) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_u32(self, _: u32) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_u64(self, _: u64) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_f32(self, _: f32) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_f64(self, _: f64) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_char(self, _: char) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_none(self) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_unit(self) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String> {
        Err(Unclean)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(Unclean)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(Unclean)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct> {
        Err(Unclean)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Unclean)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Unclean)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(Unclean)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Unclean)
    }
}

#[cfg(test)]
mod tests {
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
}
