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
use serde::ser;

use super::{check_text, list_cap};

/// Serializer methods that take a value and answer `$answer` whatever it
/// is (numbers and booleans need no check; a map key must be a text).
macro_rules! scalars {
    ($ret:ty = $answer:expr; $($method:ident($t:ty)),* $(,)?) => {
        $(fn $method(self, _: $t) -> $ret {
            $answer
        })*
    };
}

mod key;
#[cfg(test)]
mod tests;

use key::KeyText;

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

    scalars!(
        Result = Ok(());
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
        serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_f32(f32), serialize_f64(f64),
    );
    /// Beyond what `Value` holds: the walk decides (it refuses).
    fn serialize_i128(self, _: i128) -> Result {
        Err(Unclean)
    }
    fn serialize_u128(self, _: u128) -> Result {
        Err(Unclean)
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

/// serde's three traits for one thing, a list: each item is scanned.
macro_rules! list_of_items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for List<'_> {
            type Ok = ();
            type Error = Unclean;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.item(value)
            }
            fn end(self) -> Result {
                Ok(())
            }
        }
    )*};
}

list_of_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

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
