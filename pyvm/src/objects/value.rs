//! `Value`: the 16-byte handle every Python object is reached through.
//!
//! ```text
//!  tag (8 bytes, mostly padding) | payload (8 bytes)
//!  None / Bool / Int(i64) / Float (its bits)   inline, never allocated
//!  Str / List / Dict / Function / ...          one Arc pointer (counted under the GIL)
//! ```
//! Mutable containers keep their insides in a [`GilCell`], reachable with the GIL token.

use std::fmt;

use crate::objects::rc::Arc;

use num_bigint::BigInt;

use super::class::{Descr, Instance, Method, Super};
use super::dict::Dict;
use super::exception::ExcObj;
use super::function::{Function, NativeDef};
use super::gil::{Gil, GilCell};
use super::iter::Iter;
use super::module::Module;
use super::range::Range;
use super::set::Set;
use super::str::PyStr;
use super::types::PyType;
use crate::compile::code::Code;

/// A mutable cell of a closure (CPython's cell object).
pub type CellRef = Arc<GilCell<Value>>;

/// A Python value. Cloning copies an inline value or bumps one count.
///
/// `repr(u64)`: the tag is a whole word and every payload starts at byte 8. With
/// Rust's default layout the tag is one byte and `Bool`'s payload sits at byte 1, so
/// a value of unknown kind was copied as the byte 0 plus the 15 bytes after it (two
/// overlapping 8-byte moves at offsets 1 and 8); a load of those bytes right after
/// the value was written word by word cannot be forwarded from the stores, and the
/// CPU waits for them to retire (store-forwarding stalls: the hottest instructions of
/// the dispatch loop on richards). Whole words copy as whole words.
#[repr(u64)]
pub enum Value {
    /// CPython's NULL: an unbound local, an empty cell, or the "no self" slot that
    /// `LOAD_METHOD` leaves below a callable. Never stored in a container.
    Null,
    None,
    Ellipsis,
    /// `True` or `False` (a whole word: see [`PyBool`]).
    Bool(PyBool),
    Int(i64),
    /// A `float` (its bits: see [`F64`]).
    Float(F64),
    /// A `complex` (its two parts).
    Complex(Arc<super::complex::Complex>),
    /// An `int` outside `i64`; always normalized (never fits in `i64`).
    Big(Arc<BigInt>),
    Str(Arc<PyStr>),
    Bytes(Arc<Vec<u8>>),
    ByteArray(Arc<GilCell<Vec<u8>>>),
    List(Arc<GilCell<Vec<Value>>>),
    Tuple(Arc<super::trash::TupleItems>),
    Dict(Arc<GilCell<Dict>>),
    Set(Arc<GilCell<Set>>),
    FrozenSet(Arc<Set>),
    Range(Arc<Range>),
    Slice(Arc<[Value; 3]>),
    Function(Arc<Function>),
    /// A built-in function or an unbound method of a built-in type.
    Native(&'static NativeDef),
    /// A built-in method bound to its `self` (`[].append`).
    BoundNative(Arc<(Value, &'static NativeDef)>),
    Type(Arc<PyType>),
    Exception(Arc<ExcObj>),
    Iter(Arc<GilCell<Iter>>),
    Module(Arc<Module>),
    File(Arc<GilCell<super::file::PyFile>>),
    Code(Arc<Code>),
    Cell(CellRef),
    /// The `NotImplemented` singleton.
    NotImplemented,
    /// An instance of a class made by Python code.
    Instance(Arc<Instance>),
    /// A function bound to an object.
    Method(Arc<Method>),
    /// `staticmethod`, `classmethod` or `property`.
    Descr(Arc<Descr>),
    Super(Arc<Super>),
    /// An object a built-in module defines (`functools.partial`).
    Object(Arc<super::object::Object>),
    /// A generator (its suspended frame and stack; see `objects::generator`).
    Generator(super::generator::GenRef),
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);

/// A `bool`'s payload, one word wide (`0` or `1`).
///
/// Every payload of [`Value`] is a word of one kind, an integer or a pointer (`bool`
/// would be a byte, `f64` a float register): that makes `Value` a *scalar pair* to the
/// compiler, which then keeps values in two registers, passes and returns them in
/// registers and copies them as two words. With a byte or a float among the payloads
/// it is an aggregate, moved through memory with 16-byte copies that stall on the
/// 8-byte stores that wrote it (store forwarding fails): the hottest instructions of
/// the dispatch loop. (A new variant must keep to that rule: one word of an integer or
/// pointer kind, or nothing.)
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[repr(u64)]
pub enum PyBool {
    False = 0,
    True = 1,
}

impl PyBool {
    #[inline(always)]
    pub const fn new(b: bool) -> PyBool {
        if b {
            PyBool::True
        } else {
            PyBool::False
        }
    }

    #[inline(always)]
    pub const fn get(self) -> bool {
        matches!(self, PyBool::True)
    }
}

/// A `float`'s payload: its bits, as an integer word (see [`PyBool`] for why).
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct F64(u64);

impl F64 {
    #[inline(always)]
    pub const fn new(x: f64) -> F64 {
        F64(x.to_bits())
    }

    #[inline(always)]
    pub const fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

impl fmt::Debug for F64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

impl Value {
    /// `True` or `False`.
    #[inline(always)]
    pub const fn bool(b: bool) -> Value {
        Value::Bool(PyBool::new(b))
    }

    /// A `float`.
    #[inline(always)]
    pub const fn float(x: f64) -> Value {
        Value::Float(F64::new(x))
    }
}
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);
// Every payload one word (see `PyBool`): the scalar-pair rule.
const _: () = assert!(std::mem::size_of::<PyBool>() == 8 && std::mem::size_of::<F64>() == 8);

impl Clone for Value {
    /// The commonest inline values are copied here, at the call site; everything else
    /// (heap values bump their count) goes out of line (`clone_heap`). Loads of small
    /// ints and floats are the most frequent clones of a numeric loop.
    #[inline(always)]
    fn clone(&self) -> Value {
        match *self {
            Value::Int(i) => Value::Int(i),
            Value::Float(x) => Value::Float(x),
            Value::None => Value::None,
            Value::Bool(b) => Value::Bool(b),
            _ => self.clone_heap(),
        }
    }
}

impl Value {
    /// [`Clone::clone`] of a value that lives on the heap (bumps its count).
    #[inline(never)]
    fn clone_heap(&self) -> Value {
        match self {
            Value::Null => Value::Null,
            Value::None => Value::None,
            Value::Ellipsis => Value::Ellipsis,
            Value::Bool(x) => Value::Bool(*x),
            Value::Int(x) => Value::Int(*x),
            Value::Float(x) => Value::Float(*x),
            Value::Complex(x) => Value::Complex(x.clone()),
            Value::Big(x) => Value::Big(x.clone()),
            Value::Str(x) => Value::Str(x.clone()),
            Value::Bytes(x) => Value::Bytes(x.clone()),
            Value::ByteArray(x) => Value::ByteArray(x.clone()),
            Value::List(x) => Value::List(x.clone()),
            Value::Tuple(x) => Value::Tuple(x.clone()),
            Value::Dict(x) => Value::Dict(x.clone()),
            Value::Set(x) => Value::Set(x.clone()),
            Value::FrozenSet(x) => Value::FrozenSet(x.clone()),
            Value::Range(x) => Value::Range(x.clone()),
            Value::Slice(x) => Value::Slice(x.clone()),
            Value::Function(x) => Value::Function(x.clone()),
            Value::Native(x) => Value::Native(x),
            Value::BoundNative(x) => Value::BoundNative(x.clone()),
            Value::Type(x) => Value::Type(x.clone()),
            Value::Exception(x) => Value::Exception(x.clone()),
            Value::Iter(x) => Value::Iter(x.clone()),
            Value::Module(x) => Value::Module(x.clone()),
            Value::File(x) => Value::File(x.clone()),
            Value::Code(x) => Value::Code(x.clone()),
            Value::Cell(x) => Value::Cell(x.clone()),
            Value::NotImplemented => Value::NotImplemented,
            Value::Instance(x) => Value::Instance(x.clone()),
            Value::Method(x) => Value::Method(x.clone()),
            Value::Descr(x) => Value::Descr(x.clone()),
            Value::Super(x) => Value::Super(x.clone()),
            Value::Object(x) => Value::Object(x.clone()),
            Value::Generator(x) => Value::Generator(x.clone()),
        }
    }
}

impl Value {
    /// A value held in the 16 bytes themselves: no heap object, no count to touch.
    #[inline(always)]
    pub fn is_inline(&self) -> bool {
        matches!(
            self,
            Value::Null
                | Value::None
                | Value::Ellipsis
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
                | Value::Native(_)
                | Value::NotImplemented
        )
    }

    /// Drop `v`, skipping the out-of-line drop glue when it is inline (the hot paths'
    /// `drop`: a store over a local, a popped operand).
    #[inline(always)]
    pub fn release(v: Value) {
        if v.is_inline() {
            std::mem::forget(v);
        } else {
            drop(v);
        }
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::new(PyStr::new(s.to_owned())))
    }

    pub fn string(s: String) -> Value {
        Value::Str(Arc::new(PyStr::new(s)))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(super::gc::list(items))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Arc::new(super::trash::TupleItems::new(items)))
    }

    pub fn dict(d: Dict) -> Value {
        Value::Dict(super::gc::dict(d))
    }

    pub fn set(s: super::set::Set) -> Value {
        Value::Set(super::gc::set(s))
    }

    pub fn big(b: BigInt) -> Value {
        super::int::normalize(b)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Same object (`is`): identity for heap objects, value for inline ones.
    #[inline]
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        if std::mem::discriminant(self) != std::mem::discriminant(other) {
            return false;
        }
        match (self, other) {
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.0 == b.0,
            // The singletons (`None`, `...`, `NotImplemented`, NULL) have no address:
            // one kind is one object.
            _ => self.heap_ptr() == other.heap_ptr(),
        }
    }

    /// The address of a heap object (for `is` and `id`).
    pub fn heap_ptr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            Big(a) => Arc::as_ptr(a) as usize,
            Complex(a) => Arc::as_ptr(a) as usize,
            Str(a) => Arc::as_ptr(a) as usize,
            Bytes(a) => Arc::as_ptr(a) as usize,
            ByteArray(a) => Arc::as_ptr(a) as usize,
            List(a) => Arc::as_ptr(a) as usize,
            Tuple(a) => Arc::as_ptr(a) as usize,
            Dict(a) => Arc::as_ptr(a) as usize,
            Set(a) => Arc::as_ptr(a) as usize,
            FrozenSet(a) => Arc::as_ptr(a) as usize,
            Range(a) => Arc::as_ptr(a) as usize,
            Slice(a) => Arc::as_ptr(a) as usize,
            Function(a) => Arc::as_ptr(a) as usize,
            Native(a) => *a as *const NativeDef as usize,
            BoundNative(a) => Arc::as_ptr(a) as usize,
            Type(a) => Arc::as_ptr(a) as usize,
            Exception(a) => Arc::as_ptr(a) as usize,
            Iter(a) => Arc::as_ptr(a) as usize,
            Module(a) => Arc::as_ptr(a) as usize,
            File(a) => Arc::as_ptr(a) as usize,
            Code(a) => Arc::as_ptr(a) as usize,
            Cell(a) => Arc::as_ptr(a) as usize,
            Instance(a) => Arc::as_ptr(a) as usize,
            Method(a) => Arc::as_ptr(a) as usize,
            Descr(a) => Arc::as_ptr(a) as usize,
            Super(a) => Arc::as_ptr(a) as usize,
            Object(a) => Arc::as_ptr(a) as usize,
            Generator(a) => Arc::as_ptr(a) as usize,
            _ => return Option::None,
        })
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s.as_str()),
            // A `str` subclass's string.
            Value::Instance(i) => match &i.base {
                Value::Str(s) => Some(s.as_str()),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The truth of a built-in value, asking no Python method (`vm::dunder::truthy` calls
/// a user `__bool__` or `__len__`; an instance is true here).
#[inline]
pub fn truthy(gil: Gil<'_>, v: &Value) -> bool {
    match v {
        Value::None | Value::Null => false,
        Value::Bool(b) => b.get(),
        Value::Int(i) => *i != 0,
        Value::Float(f) => f.get() != 0.0,
        Value::Complex(c) => c.re != 0.0 || c.im != 0.0,
        Value::Str(s) => !s.as_str().is_empty(),
        Value::List(l) => !l.borrow(gil).is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        Value::Dict(d) => !d.borrow(gil).is_empty(),
        Value::Set(s) => !s.borrow(gil).is_empty(),
        Value::FrozenSet(s) => !s.is_empty(),
        Value::Bytes(b) => !b.is_empty(),
        Value::ByteArray(b) => !b.borrow(gil).is_empty(),
        Value::Range(r) => !r.is_empty(),
        Value::Iter(it) => match &*it.borrow(gil) {
            Iter::View {
                dict: Value::Dict(d),
                ..
            } => !d.borrow(gil).is_empty(),
            _ => true,
        },
        // A native object with a length (`array.array`, `memoryview`).
        Value::Object(o) => o.0.len(gil) != Some(0),
        _ => true,
    }
}
