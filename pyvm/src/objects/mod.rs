//! The object model: `Value` (16 bytes, inline scalars, `Arc` handles), the GIL cell
//! that guards mutable insides, and one file per built-in type family.

pub mod buffer;
pub mod class;
pub mod compare;
pub mod complex;
pub mod dict;
pub mod docs;
mod docs_table;
pub mod exception;
pub mod file;
pub mod finalize;
pub mod float;
pub mod format;
pub mod frame;
pub mod function;
pub mod gc;
pub mod generator;
pub mod gil;
pub mod hash;
pub mod int;
pub mod iter;
pub mod member;
pub mod memory;
pub mod methods;
pub mod module;
pub mod object;
pub mod os_error;
pub mod range;
pub mod rc;
pub mod repr;
pub mod seq;
pub mod set;
pub mod slot_wrapper;
pub mod sort;
pub mod str;
pub mod strformat;
pub mod trash;
pub mod types;
/// CPython 3.11's Unicode character database (generated: `pyvm/tools/gen_unicodedata.py`).
#[rustfmt::skip]
pub mod ucd;
pub mod unicode_error;
pub mod value;
pub mod weakref;
