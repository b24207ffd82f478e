//! Methods of the built-in types, one file per type family, found by name.

mod bytes;
mod dict;
mod list;
mod num;
mod set;
mod str;

pub use bytes::decode_utf8;
pub use dict::pairs_of;
pub use list::{is_append, sort_values};

use super::function::NativeDef;
use super::types::{Kind, PyType};
use super::value::Value;

/// `[NativeDef { name, f }, ...]` from `"name" => function` pairs.
macro_rules! natives {
    ($( $name:literal => $f:path ),* $(,)?) => {
        &[ $( $crate::objects::function::NativeDef { name: $name, f: $f }, )* ]
    };
}
pub(crate) use natives;

fn table(kind: Kind) -> &'static [NativeDef] {
    match kind {
        Kind::Str => str::METHODS,
        Kind::List => list::LIST_METHODS,
        Kind::Tuple => list::TUPLE_METHODS,
        Kind::Dict => dict::METHODS,
        Kind::Set => set::SET_METHODS,
        Kind::FrozenSet => set::FROZENSET_METHODS,
        Kind::Bytes => bytes::BYTES_METHODS,
        Kind::ByteArray => bytes::BYTEARRAY_METHODS,
        Kind::Int | Kind::Bool => num::INT_METHODS,
        Kind::Float => num::FLOAT_METHODS,
        Kind::Type => num::TYPE_STATICS,
        Kind::File => super::file::METHODS,
        _ => &[],
    }
}

fn kind_of(v: &Value) -> Kind {
    match v {
        Value::Str(_) => Kind::Str,
        Value::List(_) => Kind::List,
        Value::Tuple(_) => Kind::Tuple,
        Value::Dict(_) => Kind::Dict,
        Value::Set(_) => Kind::Set,
        Value::FrozenSet(_) => Kind::FrozenSet,
        Value::Bytes(_) => Kind::Bytes,
        Value::ByteArray(_) => Kind::ByteArray,
        Value::Int(_) | Value::Big(_) => Kind::Int,
        Value::Bool(_) => Kind::Bool,
        Value::Float(_) => Kind::Float,
        Value::Exception(_) => Kind::Exception,
        Value::File(_) => Kind::File,
        _ => Kind::Object,
    }
}

/// The method `name` of `obj`'s built-in type.
pub fn find(obj: &Value, name: &str) -> Option<&'static NativeDef> {
    table(kind_of(obj)).iter().find(|d| d.name == name)
}

/// `str.join`, `dict.fromkeys`, ...: a method looked up on the type itself.
pub fn find_in_type(t: &PyType, name: &str) -> Option<&'static NativeDef> {
    let kind = if t.kind == Kind::Type {
        Kind::Object
    } else {
        t.kind
    };
    table(kind).iter().find(|d| d.name == name)
}
