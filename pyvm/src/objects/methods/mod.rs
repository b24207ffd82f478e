//! Methods of the built-in types, one file per type family, found by name.

pub(crate) mod bytes;
mod dict;
mod iter_pickle;
mod list;
mod num;
pub mod object;
mod payload;
mod range;
mod set;
mod str;
mod type_;

pub use bytes::decode_utf8;
pub use dict::{dict_pairs, pairs_by_keys, pairs_of};
pub use list::{is_append, sort_values};

use super::function::NativeDef;
use super::types::{Kind, PyType};
use super::value::Value;

/// `[NativeDef { name, f, soft }, ...]` from `"name" => function` pairs; a pair may
/// add `[soft READS "helper"]` (see `function::Soft`).
macro_rules! natives {
    ($( $name:literal => $f:path $([soft $reads:ident $helper:literal])? ),* $(,)?) => {
        &[ $( $crate::objects::function::NativeDef {
            name: $name,
            f: $f,
            soft: $crate::objects::methods::natives!(@soft $($reads $helper)?),
        }, )* ]
    };
    (@soft) => { None };
    (@soft $reads:ident $helper:literal) => {
        Some($crate::objects::function::Soft {
            reads: $crate::objects::function::Reads::$reads,
            helper: $helper,
        })
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
        Kind::Complex => num::COMPLEX_METHODS,
        Kind::Type => num::TYPE_STATICS,
        Kind::File => super::file::METHODS,
        Kind::Generator => super::generator::METHODS,
        Kind::Coroutine => super::generator::CORO_METHODS,
        Kind::AsyncGenerator => super::generator::AGEN_METHODS,
        Kind::Range => range::RANGE_METHODS,
        Kind::Slice => range::SLICE_METHODS,
        Kind::Iterator => ITER_METHODS,
        Kind::IterType => ITER_TYPE_METHODS,
        _ => &[],
    }
}

/// The built-in iterators' protocol methods (`iter([]).__next__()`, and what
/// `collections.abc.Iterator` finds in `type(it).__dict__`).
static ITER_METHODS: &[NativeDef] = natives![
    "__next__" => iter_next, "__iter__" => iter_self, "__length_hint__" => iter_length_hint,
    "__reduce__" => iter_pickle::reduce, "__setstate__" => iter_pickle::setstate,
];

/// The methods of `map`, `filter`, `zip`, `enumerate` and `reversed` (types a class
/// can derive from): they take the instance itself (a subclass's `__iter__` is the
/// instance), and step the iterator inside it.
static ITER_TYPE_METHODS: &[NativeDef] = natives![
    "__new__" => iter_type_new, "__next__" => iter_type_next, "__iter__" => iter_self,
];

/// `__reduce__`, `__setstate__` or `__length_hint__` of the built-in iterators, for
/// a module's iterator type that has them (`itertools.count.__reduce__`).
pub fn iter_pickle_method(name: &str) -> Option<&'static NativeDef> {
    ITER_PICKLE_METHODS.iter().find(|d| d.name == name)
}

/// Those methods as a module's type holds them: they take an instance of a class
/// deriving from the type itself (its `__reduce__` names that class).
static ITER_PICKLE_METHODS: &[NativeDef] = natives![
    "__reduce__" => iter_pickle::reduce, "__setstate__" => iter_pickle::setstate,
    "__length_hint__" => iter_length_hint, "__copy__" => iter_copy,
];

/// `it.__copy__()` of an iterator that has one (`itertools._tee`).
fn iter_copy(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__copy__", 0, 0)?;
    let it = iter_inside(args.at(0));
    let copied = match it {
        Value::Iter(cell) => match &*cell.borrow(cx.gil) {
            super::iter::Iter::Native(n) => n.copy(cx.gil),
            _ => None,
        },
        _ => None,
    };
    match copied {
        Some(n) => Ok(Value::Iter(crate::objects::rc::Arc::new(
            super::gil::GilCell::new(super::iter::Iter::Native(n)),
        ))),
        None => Err(super::exception::attribute_error(format!(
            "'{}' object has no attribute '__copy__'",
            super::types::type_name(it)
        ))
        .into()),
    }
}

/// `__iter__` / `__next__` of the built-in iterator types classes derive from (the
/// module ones too: `itertools.chain`), which step the iterator inside an instance.
pub fn iter_type_method(name: &str) -> Option<&'static NativeDef> {
    ITER_TYPE_METHODS
        .iter()
        .find(|d| d.name == name && name != "__new__")
}

/// The built-in iterator inside `v` (an instance of a `map` subclass), or `v`.
fn iter_inside(v: &Value) -> &Value {
    match super::class::payload(v) {
        Some(p @ Value::Iter(_)) => p,
        _ => v,
    }
}

fn iter_type_next(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__next__", 0, 0)?;
    let it = iter_inside(args.at(0));
    if !matches!(it, Value::Iter(_)) {
        return Err(super::exception::type_error(format!(
            "descriptor '__next__' requires a built-in iterator but received a '{}'",
            super::types::type_name(it)
        ))
        .into());
    }
    match cx.next(it)? {
        Some(v) => Ok(v),
        None => Err(cx.stop_error().into()),
    }
}

/// `map.__new__(cls, *args)` (what `super().__new__(cls, f, it)` in a subclass
/// calls): the iterator, inside an instance of `cls` when `cls` is a subclass.
fn iter_type_new(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    let (cls, rest) = super::class::split_new_args(args)?;
    let base = super::class::builtin_base(&cls);
    if base.kind != Kind::IterType {
        return Err(super::exception::type_error(format!(
            "__new__({}): {} is not a subtype of an iterator type",
            cls.name, cls.name
        ))
        .into());
    }
    let v = crate::native::construct_builtin(cx, &base, rest)?;
    Ok(wrap_iter(cls, &base, v))
}

/// What calling `map` made (`v`) as an instance of its subclass `cls`: inside one,
/// unless it is not a `base` at all (`reversed` hands over what a sequence's
/// `__reversed__` returns, a `list_reverseiterator`, as CPython).
pub fn wrap_iter(
    cls: crate::objects::rc::Arc<PyType>,
    base: &crate::objects::rc::Arc<PyType>,
    v: Value,
) -> Value {
    let made = super::types::types().of(&v);
    if !cls.heap || !crate::objects::rc::Arc::ptr_eq(&made, base) {
        return v;
    }
    super::class::instance_with(cls, v)
}

/// `it.__length_hint__()`: the items still to come, or `NotImplemented` for an
/// iterator that cannot tell (what `operator.length_hint` takes as "unknown").
fn iter_length_hint(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__length_hint__", 0, 0)?;
    let it = iter_inside(args.at(0));
    let hint = match it {
        Value::Iter(it) => it.borrow(cx.gil).length_hint(cx.gil),
        _ => None,
    };
    if hint.is_none() && super::types::type_name(it) == "itertools.repeat" {
        // An endless `repeat(x)` (C's `repeat_len`).
        return Err(super::exception::type_error("len() of unsized object").into());
    }
    Ok(hint.unwrap_or(Value::NotImplemented))
}

fn iter_next(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__next__", 0, 0)?;
    match cx.next(args.at(0))? {
        Some(v) => Ok(v),
        None => Err(cx.stop_error().into()),
    }
}

fn iter_self(
    _cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__iter__", 0, 0)?;
    Ok(args.at(0).clone())
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
        Value::Complex(_) => Kind::Complex,
        Value::Exception(_) => Kind::Exception,
        Value::File(_) => Kind::File,
        Value::Generator(g) => {
            use super::generator::GenKind;
            match super::gil::with_gil(|gil| g.borrow(gil).kind) {
                GenKind::Generator => Kind::Generator,
                GenKind::Coroutine => Kind::Coroutine,
                GenKind::AsyncGenerator => Kind::AsyncGenerator,
            }
        }
        Value::Range(_) => Kind::Range,
        Value::Slice(_) => Kind::Slice,
        Value::Iter(_) => Kind::Iterator,
        Value::None => Kind::NoneType,
        Value::Ellipsis => Kind::Ellipsis,
        Value::NotImplemented => Kind::NotImplemented,
        _ => Kind::Object,
    }
}

type SelfTest = fn(&Value) -> bool;

/// Which of [`OWNER_TABLES`] holds each definition asked about (`u8::MAX`: none).
static OWNERS: crate::objects::function::DefTags<512> = crate::objects::function::DefTags::new();

/// The type a method belongs to: its name and a test for a valid `self`. Asked on
/// every call of a built-in through `invoke`; the search of the tables is kept.
fn owner(def: &NativeDef) -> Option<(&'static str, SelfTest)> {
    let i = OWNERS.get(def, |def| {
        let p = def as *const NativeDef;
        OWNER_TABLES
            .iter()
            .position(|(t, _, _)| t.as_ptr_range().contains(&p))
            .map_or(u8::MAX, |i| i as u8)
    });
    OWNER_TABLES
        .get(usize::from(i))
        .map(|(_, name, test)| (*name, *test))
}

/// The method tables of the built-in types, with each type's name and its test for
/// a valid `self`. Held through the statics (`&&`): a copy of a table's reference
/// made in a static's initializer points at a copy of the table, whose addresses
/// are not the definitions'.
#[allow(clippy::type_complexity)]
static OWNER_TABLES: [(&&[NativeDef], &str, SelfTest); 13] = [
    (&str::METHODS, "str", |v| matches!(v, Value::Str(_))),
    (&list::LIST_METHODS, "list", |v| matches!(v, Value::List(_))),
    (&list::TUPLE_METHODS, "tuple", |v| {
        matches!(v, Value::Tuple(_))
    }),
    (&dict::METHODS, "dict", |v| matches!(v, Value::Dict(_))),
    (&set::SET_METHODS, "set", |v| matches!(v, Value::Set(_))),
    (&set::FROZENSET_METHODS, "frozenset", |v| {
        matches!(v, Value::FrozenSet(_))
    }),
    (&bytes::BYTES_METHODS, "bytes", |v| {
        matches!(v, Value::Bytes(_))
    }),
    (&bytes::BYTEARRAY_METHODS, "bytearray", |v| {
        matches!(v, Value::ByteArray(_))
    }),
    (&num::INT_METHODS, "int", super::int::is_int),
    (&num::FLOAT_METHODS, "float", |v| {
        matches!(v, Value::Float(_))
    }),
    (&num::COMPLEX_METHODS, "complex", |v| {
        matches!(v, Value::Complex(_))
    }),
    (&range::RANGE_METHODS, "range", |v| {
        matches!(v, Value::Range(_))
    }),
    (&super::file::METHODS, "TextIOWrapper", |v| {
        matches!(v, Value::File(_))
    }),
];

/// Is `def` a method of a built-in type whose first argument [`check_self`] checks?
pub fn is_type_method(def: &NativeDef) -> bool {
    owner(def).is_some()
}

/// A method called through its type (`str.upper(x)`) gets CPython's `TypeError` unless
/// its first argument is an instance of that type.
///
/// `dict.pop(od, k)` on an instance of a `dict`/`list`/`tuple` subclass works on the
/// built-in value inside it, as the bound method does: `self` is replaced by it.
/// Is `def` a class method of a built-in type (`dict.fromkeys`, `int.from_bytes`,
/// `bytes.fromhex`)? Looked up on the type or an instance it binds to the class
/// (so `MyDict.fromkeys(...)` makes a `MyDict`).
/// The built-in type whose method table holds `def` (`list` for `list.append`), for
/// the repr of the method taken from the type (`<method 'append' of 'list' objects>`);
/// `None` for functions, static and class methods.
pub fn method_owner(def: &NativeDef) -> Option<&'static str> {
    if is_class_method(def) || def.name == "maketrans" {
        return None;
    }
    method_table_owner(def)
}

/// The built-in type a class method belongs to (`dict` for `dict.fromkeys`, seen
/// unbound in `dict.__dict__` as a `classmethod_descriptor`).
pub fn class_method_owner(def: &NativeDef) -> Option<&'static str> {
    if !is_class_method(def) {
        return None;
    }
    method_table_owner(def)
}

/// The built-in type named `name` among those [`method_table_owner`] answers (`__objclass__`).
pub fn owner_type(name: &str) -> Option<super::rc::Arc<PyType>> {
    let t = super::types::types();
    Some(
        match name {
            "str" => &t.str,
            "list" => &t.list,
            "tuple" => &t.tuple,
            "dict" => &t.dict,
            "set" => &t.set,
            "frozenset" => &t.frozenset,
            "bytes" => &t.bytes,
            "bytearray" => &t.bytearray,
            "int" => &t.int,
            "float" => &t.float,
            "complex" => &t.complex,
            "range" => &t.range,
            "slice" => &t.slice,
            _ => return None,
        }
        .clone(),
    )
}

/// The built-in type whose method table holds `def`, static and class methods
/// included (`bytearray` for `bytearray.maketrans`: pickled as `getattr(bytearray,
/// 'maketrans')`).
pub fn method_table_owner(def: &NativeDef) -> Option<&'static str> {
    let p = def as *const NativeDef;
    let tables: [(&[NativeDef], &str); 14] = [
        (str::METHODS, "str"),
        (list::LIST_METHODS, "list"),
        (list::TUPLE_METHODS, "tuple"),
        (dict::METHODS, "dict"),
        (set::SET_METHODS, "set"),
        (set::FROZENSET_METHODS, "frozenset"),
        (bytes::BYTES_METHODS, "bytes"),
        (bytes::BYTEARRAY_METHODS, "bytearray"),
        (num::INT_METHODS, "int"),
        (num::FLOAT_METHODS, "float"),
        (num::COMPLEX_METHODS, "complex"),
        (range::RANGE_METHODS, "range"),
        (range::SLICE_METHODS, "slice"),
        (ITER_METHODS, ""),
    ];
    tables
        .iter()
        .find(|(t, _)| t.as_ptr_range().contains(&p))
        .map(|(_, name)| *name)
        .filter(|name| !name.is_empty())
}

pub fn is_class_method(def: &NativeDef) -> bool {
    matches!(
        def.name,
        "fromkeys" | "fromhex" | "from_bytes" | "__getformat__"
    )
}

/// The class a class method of built-in type `base` was bound to (taken off the
/// arguments), or `None` when it was called without one.
pub fn class_arg(
    args: &mut crate::native::Args,
    base: &crate::objects::rc::Arc<super::types::PyType>,
) -> Option<crate::objects::rc::Arc<super::types::PyType>> {
    match args.pos.first() {
        Some(Value::Type(t)) if t.is_subtype(base) => {
            let t = t.clone();
            args.pos.remove(0);
            Some(t)
        }
        _ => None,
    }
}

/// What a class method of built-in type `base` made (`value`, of `base` itself) as
/// an instance of the subclass `cls` it was called on: `cls(value)`, as CPython.
pub fn for_subclass(
    cx: &mut crate::native::Cx,
    cls: Option<crate::objects::rc::Arc<super::types::PyType>>,
    base: &crate::objects::rc::Arc<super::types::PyType>,
    value: Value,
) -> crate::native::PyResult<Value> {
    match cls {
        Some(c) if !crate::objects::rc::Arc::ptr_eq(&c, base) => {
            cx.call(&Value::Type(c), vec![value])
        }
        _ => Ok(value),
    }
}

pub fn check_self(
    def: &NativeDef,
    args: &mut crate::native::Args,
) -> Result<(), super::exception::PyErr> {
    let Some((tname, test)) = owner(def) else {
        return Ok(());
    };
    if matches!(
        def.name,
        "fromkeys" | "fromhex" | "maketrans" | "from_bytes"
    ) {
        return Ok(());
    }
    match args.get(0) {
        None => Err(super::exception::type_error(format!(
            "unbound method {tname}.{}() needs an argument",
            def.name
        ))),
        Some(v) if !test(v) => {
            if let Some(p) = super::class::payload(v).filter(|p| test(p)) {
                if !takes_instance(def) {
                    args.pos[0] = p.clone();
                }
                return Ok(());
            }
            Err(super::exception::type_error(format!(
                "descriptor '{}' for '{tname}' objects doesn't apply to a '{}' object",
                def.name,
                super::types::type_name(v)
            )))
        }
        Some(_) => Ok(()),
    }
}

/// The method `name` of `obj`'s built-in type.
pub fn find(obj: &Value, name: &str) -> Option<&'static NativeDef> {
    if let (Value::File(f), "readinto" | "readinto1" | "read1") = (obj, name) {
        // Only binary files (`BufferedReader`) have them; `TextIOWrapper` has not
        // (`hashlib.file_digest` tells the two apart by `readinto`).
        if !super::gil::with_gil(|gil| f.borrow(gil).binary) {
            return None;
        }
    }
    if let (Value::Iter(it), "__copy__") = (obj, name) {
        let kind = super::gil::with_gil(|gil| it.borrow(gil).type_name());
        // (Only the tee iterators have one: not in the iterators' shared table,
        // where `copy.copy` would find it for every iterator type.)
        return (kind == "itertools._tee")
            .then(|| iter_pickle_method("__copy__"))
            .flatten();
    }
    if let (Value::Iter(it), "__length_hint__" | "__setstate__") = (obj, name) {
        let kind = super::gil::with_gil(|gil| it.borrow(gil).type_name());
        // `map`, `filter`, `zip` and `enumerate` have no `__length_hint__`; only
        // the iterators over a sequence, `reversed`, the seq iterator and `zip`
        // have a `__setstate__`.
        let has = match name {
            "__length_hint__" => {
                !matches!(kind, "map" | "filter" | "zip" | "enumerate")
                    && (!kind.starts_with("itertools.") || kind == "itertools.repeat")
            }
            _ => matches!(
                kind,
                "list_iterator"
                    | "list_reverseiterator"
                    | "tuple_iterator"
                    | "str_iterator"
                    | "str_ascii_iterator"
                    | "bytes_iterator"
                    | "bytearray_iterator"
                    | "range_iterator"
                    | "longrange_iterator"
                    | "reversed"
                    | "iterator"
                    | "zip"
                    | "arrayiterator"
                    | "itertools.accumulate"
                    | "itertools.chain"
                    | "itertools.combinations"
                    | "itertools.combinations_with_replacement"
                    | "itertools.cycle"
                    | "itertools.dropwhile"
                    | "itertools.groupby"
                    | "itertools.islice"
                    | "itertools.permutations"
                    | "itertools.product"
                    | "itertools.takewhile"
                    | "itertools.zip_longest"
            ),
        };
        if !has {
            return None;
        }
    }
    find_for(kind_of(obj), name)
}

/// A method of values of `kind`: its own table, then for `dict`, `list` and `tuple`
/// the container protocol's special methods (`d.__getitem__`, `l.__len__`).
fn find_for(kind: Kind, name: &str) -> Option<&'static NativeDef> {
    if let Some(d) = table(kind).iter().find(|d| d.name == name) {
        return Some(d);
    }
    if has_special(kind, name) {
        return payload_method(name);
    }
    if name == "__new__" && matches!(kind, Kind::Range | Kind::Slice) {
        // Their own constructor, as CPython's `tp_new` (not `object.__new__`, which
        // `inspect.signature` would take for theirs).
        return Some(&SEALED_NEW);
    }
    // What every built-in type inherits from `object` (`None.__new__`,
    // `(1).__init_subclass__`, `x.__format__`).
    let plain_value = matches!(
        kind,
        Kind::NoneType
            | Kind::Ellipsis
            | Kind::NotImplemented
            | Kind::Bool
            | Kind::Int
            | Kind::Float
            | Kind::Complex
            | Kind::Str
            | Kind::Bytes
            | Kind::ByteArray
            | Kind::List
            | Kind::Tuple
            | Kind::Dict
            | Kind::Set
            | Kind::FrozenSet
            | Kind::Range
            | Kind::Slice
    );
    match name {
        "__new__" | "__init__" | "__init_subclass__" | "__subclasshook__" | "__format__"
        | "__eq__" | "__ne__" | "__hash__" | "__setattr__" | "__delattr__" | "__getattribute__"
            if plain_value =>
        {
            object_method(name)
        }
        _ => None,
    }
}

/// The special methods each built-in type has as attributes (`(5).__index__`,
/// `frozenset.__contains__`, `str.__mod__`): the shared operator implementations of
/// `payload.rs`, which work on a plain value as on a subclass instance's. Listed by
/// family, as CPython's types fill their slots.
pub fn special_names(kind: Kind) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for f in special_families(kind) {
        for n in *f {
            if !names.contains(n) {
                names.push(n);
            }
        }
    }
    names
}

/// Does a built-in type of `kind` have the special method `name` (see
/// [`special_names`])? No allocation: attribute lookups ask this.
pub fn has_special(kind: Kind, name: &str) -> bool {
    special_families(kind).iter().any(|f| f.contains(&name))
}

/// The families of [`special_names`] a type of `kind` has.
fn special_families(kind: Kind) -> &'static [&'static [&'static str]] {
    const CMP: &[&str] = &["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"];
    // What every number has (complex too).
    const BINARY: &[&str] = &[
        "__add__",
        "__radd__",
        "__sub__",
        "__rsub__",
        "__mul__",
        "__rmul__",
        "__truediv__",
        "__rtruediv__",
        "__pow__",
        "__rpow__",
        "__neg__",
        "__pos__",
        "__abs__",
        "__hash__",
        "__repr__",
    ];
    // 3.10 took `//`, `%`, `divmod`, `int()` and `float()` away from complex.
    const REAL: &[&str] = &[
        "__floordiv__",
        "__rfloordiv__",
        "__mod__",
        "__rmod__",
        "__int__",
        "__float__",
    ];
    const BITS: &[&str] = &[
        "__and__",
        "__rand__",
        "__or__",
        "__ror__",
        "__xor__",
        "__rxor__",
        "__lshift__",
        "__rlshift__",
        "__rshift__",
        "__rrshift__",
        "__invert__",
        "__index__",
    ];
    const SEQ: &[&str] = &[
        "__add__",
        "__mul__",
        "__rmul__",
        "__contains__",
        "__getitem__",
        "__len__",
        "__iter__",
        "__repr__",
    ];
    const TEXT: &[&str] = &["__str__", "__mod__", "__rmod__"];
    const MUT: &[&str] = &["__setitem__", "__delitem__"];
    const SET_OPS: &[&str] = &[
        "__and__",
        "__rand__",
        "__or__",
        "__ror__",
        "__sub__",
        "__rsub__",
        "__xor__",
        "__rxor__",
        "__contains__",
        "__len__",
        "__iter__",
        "__repr__",
    ];
    const HASH: &[&str] = &["__hash__"];
    // The mutable containers' own `__init__` (`list.__init__` clears, then extends).
    const INIT: &[&str] = &["__init__"];
    const MAPPING: &[&str] = &[
        "__getitem__",
        "__setitem__",
        "__delitem__",
        "__contains__",
        "__len__",
        "__iter__",
        "__or__",
        "__ror__",
        "__repr__",
        "__eq__",
        "__ne__",
    ];
    const TRUTH: &[&str] = &["__bool__"];
    const ROUNDING: &[&str] = &[
        "__trunc__",
        "__floor__",
        "__ceil__",
        "__round__",
        "__divmod__",
        "__rdivmod__",
    ];
    const SEQ_INPLACE: &[&str] = &["__iadd__", "__imul__"];
    const SET_INPLACE: &[&str] = &["__iand__", "__ior__", "__isub__", "__ixor__"];
    const DICT_EXTRA: &[&str] = &["__ior__", "__reversed__"];
    const BYTES_EXTRA: &[&str] = &["__bytes__"];
    match kind {
        Kind::Int | Kind::Bool => &[BINARY, REAL, BITS, CMP, TRUTH, ROUNDING],
        Kind::Float => &[BINARY, REAL, CMP, TRUTH, ROUNDING],
        Kind::Complex => &[BINARY, CMP, TRUTH],
        Kind::Str => &[SEQ, TEXT, HASH, CMP],
        Kind::Bytes => &[SEQ, TEXT, HASH, CMP, BYTES_EXTRA],
        Kind::ByteArray => &[SEQ, TEXT, MUT, CMP, INIT, SEQ_INPLACE],
        Kind::List => &[SEQ, MUT, CMP, INIT, SEQ_INPLACE],
        Kind::Tuple => &[SEQ, HASH, CMP],
        Kind::Dict => &[MAPPING, INIT, DICT_EXTRA],
        Kind::Set => &[SET_OPS, CMP, INIT, SET_INPLACE],
        Kind::FrozenSet => &[SET_OPS, HASH, CMP],
        _ => &[],
    }
}

/// A `LOAD_METHOD` cache slot: what a name resolved to on receivers of `kind`.
#[derive(Clone, Copy, Default)]
pub struct MethodSlot {
    kind: Option<Kind>,
    def: Option<&'static NativeDef>,
}

/// [`find`] through a cache slot. The method tables are static, so the answer
/// depends only on the receiver's kind and never goes stale.
#[inline]
pub fn find_cached(obj: &Value, name: &str, slot: &mut MethodSlot) -> Option<&'static NativeDef> {
    let kind = kind_of(obj);
    if slot.kind == Some(kind) {
        return slot.def;
    }
    // A class method is bound to the type by the attribute lookup instead.
    let def = find_for(kind, name).filter(|d| !is_class_method(d));
    *slot = MethodSlot {
        kind: Some(kind),
        def,
    };
    def
}

/// Is `def` `dict.get`, `dict.setdefault` or `dict.pop` (made by `vm::dictprobe`
/// when the key needs Python)?
#[inline]
pub fn is_dict_lookup(def: &NativeDef) -> bool {
    dict::METHODS
        .as_ptr_range()
        .contains(&(def as *const NativeDef))
        && matches!(def.name, "get" | "setdefault" | "pop")
}

/// `tuple.__getnewargs__`, and `str`'s, `bytes`', `int`'s and `float`'s: `(value,)`,
/// the plain built-in value, which `object.__reduce_ex__` passes to `cls.__new__` when
/// a subclass instance is copied or pickled (without it a tuple subclass came back
/// empty from `pickle`).
fn getnewargs(
    _cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__getnewargs__", 0, 0)?;
    let v = crate::objects::class::unwrap_payload(args.at(0));
    let plain = match v {
        Value::Bool(b) => Value::Int(b as i64),
        Value::Tuple(t) => Value::tuple(t.to_vec()),
        v => v,
    };
    Ok(Value::tuple(vec![plain]))
}

/// A special method every class inherits from `object`.
/// Every special method `object` defines (`object.__dict__`).
pub fn object_methods() -> &'static [NativeDef] {
    object::OBJECT_METHODS
}

pub fn object_method(name: &str) -> Option<&'static NativeDef> {
    object::OBJECT_METHODS.iter().find(|d| d.name == name)
}

/// A method of `type` that metaclasses inherit (`type.__new__`, `type.__call__`).
pub fn type_method(name: &str) -> Option<&'static NativeDef> {
    type_::TYPE_METHODS.iter().find(|d| d.name == name)
}

/// A special method every exception class inherits from `BaseException`.
pub fn exception_method(name: &str) -> Option<&'static NativeDef> {
    object::EXCEPTION_METHODS.iter().find(|d| d.name == name)
}

pub use object::default_repr;

/// A special method of `dict`/`list`/`tuple` that subclasses inherit.
/// `range.__new__(range, ...)`, `slice.__new__(slice, ...)`: their constructor, for
/// exactly their type (neither can be subclassed).
static SEALED_NEW: NativeDef = NativeDef {
    name: "__new__",
    f: |cx, args| {
        let Some(Value::Type(cls)) = args.get(0).cloned() else {
            return Err(super::exception::type_error(match args.get(0) {
                None => "__new__(): not enough arguments".to_owned(),
                Some(v) => format!(
                    "__new__(X): X is not a type object ({})",
                    super::types::type_name(v)
                ),
            })
            .into());
        };
        if !matches!(cls.kind, Kind::Range | Kind::Slice) {
            return Err(super::exception::type_error(format!(
                "__new__({}): {} is not a subtype of a built-in type with a constructor",
                cls.name, cls.name
            ))
            .into());
        }
        let rest = crate::native::Args {
            pos: args.pos[1..].iter().cloned().collect(),
            kw: args.kw,
        };
        crate::native::construct_builtin(cx, &cls, rest)
    },
    soft: None,
};

/// Is `name` a payload method that only some of the payload types have (so a type
/// has it only when [`has_special`] says so: `list.__iadd__`, not `tuple.__iadd__`)?
pub fn payload_only_some(name: &str) -> bool {
    matches!(
        name,
        "__bool__"
            | "__trunc__"
            | "__floor__"
            | "__ceil__"
            | "__round__"
            | "__divmod__"
            | "__rdivmod__"
            | "__iadd__"
            | "__imul__"
            | "__iand__"
            | "__ior__"
            | "__isub__"
            | "__ixor__"
            | "__reversed__"
            | "__bytes__"
    )
}

pub fn payload_method(name: &str) -> Option<&'static NativeDef> {
    payload::PAYLOAD_METHODS.iter().find(|d| d.name == name)
}

/// Address ranges of the tables a module declared with [`register_instance_methods`].
static INSTANCE_TABLES: std::sync::RwLock<Vec<(usize, usize)>> = std::sync::RwLock::new(Vec::new());

/// Declare that the natives of `table` take the instance itself as `self` when a class
/// holds them, though its instances carry a built-in value (`_pickle.Pickler`'s
/// methods, which read the hooks a subclass or the instance defines).
pub fn register_instance_methods(table: &'static [NativeDef]) {
    let r = table.as_ptr_range();
    let mut t = INSTANCE_TABLES.write().unwrap_or_else(|p| p.into_inner());
    t.push((r.start as usize, r.end as usize));
    // An answer kept before the table came may change now.
    TAKES_INSTANCE.clear();
}

/// [`takes_instance`]'s answers: asked at every call of a built-in method bound to an
/// instance with a built-in value (`struct.Struct(...).pack`), where the lock and the
/// table walk cost more than the method.
static TAKES_INSTANCE: crate::objects::function::DefAnswers<256> =
    crate::objects::function::DefAnswers::new();

/// Does `def` belong to `object`, `BaseException`, the payload methods or a table a
/// module registered (so it takes the instance itself as `self`, not the built-in
/// value inside it)?
pub fn takes_instance(def: &NativeDef) -> bool {
    TAKES_INSTANCE.get(def, takes_instance_slow)
}

fn takes_instance_slow(def: &NativeDef) -> bool {
    let p = def as *const NativeDef;
    let a = p as usize;
    let registered = INSTANCE_TABLES.read().unwrap_or_else(|p| p.into_inner());
    if registered.iter().any(|&(lo, hi)| (lo..hi).contains(&a)) {
        return true;
    }
    [
        object::OBJECT_METHODS,
        object::EXCEPTION_METHODS,
        ITER_TYPE_METHODS,
        ITER_PICKLE_METHODS,
        payload::PAYLOAD_METHODS,
        type_::TYPE_METHODS,
    ]
    .iter()
    .any(|t| t.as_ptr_range().contains(&p))
}

/// Is `name` a special method CPython implements as a type slot (`__add__`,
/// `__repr__`, ...), so that a built-in one bound to an object is a `method-wrapper`,
/// not a `builtin_function_or_method` (`__reduce__`, `__format__`, `__sizeof__`
/// and the like are plain methods)?
pub fn is_slot_name(name: &str) -> bool {
    matches!(
        name,
        "__getattribute__"
            | "__getattr__"
            | "__setattr__"
            | "__delattr__"
            | "__repr__"
            | "__hash__"
            | "__call__"
            | "__str__"
            | "__lt__"
            | "__le__"
            | "__eq__"
            | "__ne__"
            | "__gt__"
            | "__ge__"
            | "__iter__"
            | "__next__"
            | "__get__"
            | "__set__"
            | "__delete__"
            | "__init__"
            | "__del__"
            | "__await__"
            | "__aiter__"
            | "__anext__"
            | "__add__"
            | "__radd__"
            | "__sub__"
            | "__rsub__"
            | "__mul__"
            | "__rmul__"
            | "__mod__"
            | "__rmod__"
            | "__divmod__"
            | "__rdivmod__"
            | "__pow__"
            | "__rpow__"
            | "__neg__"
            | "__pos__"
            | "__abs__"
            | "__bool__"
            | "__invert__"
            | "__lshift__"
            | "__rlshift__"
            | "__rshift__"
            | "__rrshift__"
            | "__and__"
            | "__rand__"
            | "__xor__"
            | "__rxor__"
            | "__or__"
            | "__ror__"
            | "__int__"
            | "__float__"
            | "__iadd__"
            | "__isub__"
            | "__imul__"
            | "__imod__"
            | "__ipow__"
            | "__ilshift__"
            | "__irshift__"
            | "__iand__"
            | "__ixor__"
            | "__ior__"
            | "__floordiv__"
            | "__rfloordiv__"
            | "__truediv__"
            | "__rtruediv__"
            | "__ifloordiv__"
            | "__itruediv__"
            | "__index__"
            | "__matmul__"
            | "__rmatmul__"
            | "__imatmul__"
            | "__len__"
            | "__getitem__"
            | "__setitem__"
            | "__delitem__"
            | "__contains__"
    )
}

/// Is `def` bound to `this` a `method-wrapper` (`(1).__add__`, `object().__init__`)?
/// `list`'s, `dict`'s and `bytearray`'s `__getitem__` and `dict.__contains__` are
/// methods in CPython.
pub fn is_method_wrapper(this: &Value, def: &NativeDef) -> bool {
    if !is_slot_name(def.name) {
        return false;
    }
    let own = super::class::payload(this).unwrap_or(this);
    !matches!(
        (def.name, own),
        (
            "__getitem__",
            Value::List(_) | Value::Dict(_) | Value::ByteArray(_)
        ) | ("__contains__", Value::Dict(_))
    )
}

/// The methods of the types of built-in descriptors and method objects
/// (`method_descriptor.__get__`, `wrapper_descriptor.__call__`): what
/// `inspect.ismethoddescriptor` and `isdatadescriptor` look for on the type.
fn descr_table(t: &PyType) -> &'static [NativeDef] {
    match t.name.as_str() {
        "method-wrapper" => &DESCR_METHODS[1..2],
        "member_descriptor" | "getset_descriptor" => DATA_DESCR_METHODS,
        _ => &DESCR_METHODS[..2],
    }
}

static DESCR_METHODS: &[NativeDef] = natives![
    "__get__" => descr_get, "__call__" => descr_call,
];

static DATA_DESCR_METHODS: &[NativeDef] = natives![
    "__get__" => descr_get, "__set__" => descr_set, "__delete__" => descr_delete,
];

/// `descr.__get__(obj, type=None)` through the descriptor's type: a method
/// descriptor bound to `obj` (a class method to the class), or what the
/// descriptor object's own `__get__` gives.
fn descr_get(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__get__", 1, 2)?;
    let (this, obj) = (args.at(0), args.at(1));
    let typ = args.get(2).cloned().unwrap_or(Value::None);
    match this {
        Value::Native(d) if is_class_method(d) => {
            let cls = match (&typ, obj) {
                (Value::Type(_), _) => typ.clone(),
                (_, Value::None) => {
                    return Err(super::exception::type_error(format!(
                        "descriptor '{}' for type '{}' needs either an object or a type",
                        d.name,
                        class_method_owner(d).unwrap_or("object")
                    ))
                    .into())
                }
                (_, o) => Value::Type(super::class::class_of(o)),
            };
            Ok(Value::BoundNative(super::rc::Arc::new((cls, *d))))
        }
        Value::Native(d) => Ok(match obj {
            Value::None => this.clone(),
            o => Value::BoundNative(super::rc::Arc::new((o.clone(), *d))),
        }),
        _ => {
            let f = cx.getattr(this, "__get__")?;
            cx.call(&f, args.pos[1..].to_vec())
        }
    }
}

/// `descr.__call__(*args, **kwargs)` through the descriptor's type.
fn descr_call(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    let Some(this) = args.pos.first().cloned() else {
        return Err(super::exception::type_error(
            "descriptor '__call__' of 'object' object needs an argument",
        )
        .into());
    };
    let rest = crate::native::Args {
        pos: args.pos[1..].iter().cloned().collect(),
        kw: args.kw,
    };
    cx.call_args(&this, rest)
}

fn descr_set(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__set__", 2, 2)?;
    let f = cx.getattr(args.at(0), "__set__")?;
    cx.call(&f, args.pos[1..].to_vec())
}

fn descr_delete(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    args.check_method("__delete__", 1, 1)?;
    let f = cx.getattr(args.at(0), "__delete__")?;
    cx.call(&f, args.pos[1..].to_vec())
}

/// The method names of a built-in type (for `dir()`).
pub fn names_of(t: &PyType) -> impl Iterator<Item = String> {
    find_table(t).iter().map(|d| d.name.to_owned())
}

fn find_table(t: &PyType) -> &'static [NativeDef] {
    if t.kind == Kind::Descriptor {
        return descr_table(t);
    }
    table(if t.kind == Kind::Type {
        Kind::Object
    } else {
        t.kind
    })
}

/// `str.join`, `dict.fromkeys`, ...: a method looked up on the type itself.
pub fn find_in_type(t: &PyType, name: &str) -> Option<&'static NativeDef> {
    if t.kind == Kind::Descriptor {
        return descr_table(t).iter().find(|d| d.name == name);
    }
    let kind = if t.kind == Kind::Type {
        Kind::Object
    } else {
        t.kind
    };
    if let Some(d) = table(kind).iter().find(|d| d.name == name) {
        return Some(d);
    }
    // (A heap class reaches these through its payload methods already.)
    if !t.heap && has_special(kind, name) {
        return payload_method(name);
    }
    if name == "__new__" && matches!(kind, Kind::Range | Kind::Slice) {
        return Some(&SEALED_NEW);
    }
    None
}

#[cfg(test)]
mod owner_tests {
    /// A method's owner is found by the address of its definition in its type's
    /// table (a copy of the table would not hold it), and found again from the kept
    /// answer.
    #[test]
    fn methods_have_their_types_as_owners() {
        for (def, name) in [
            (&super::list::LIST_METHODS[0], Some("list")),
            (&super::str::METHODS[3], Some("str")),
            (&super::super::file::METHODS[0], Some("TextIOWrapper")),
        ] {
            assert_eq!(super::owner(def).map(|o| o.0), name);
            assert_eq!(super::owner(def).map(|o| o.0), name);
        }
    }
}
