//! A map key as the text `Value` would hold it.

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::{Result, Unclean};

/// A map key as text; anything but a text is `Unclean`.
pub(super) struct KeyText;

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
    scalars!(
        Result<String> = Err(Unclean);
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
        serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_char(char),
        serialize_bytes(&[u8]),
    );
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
