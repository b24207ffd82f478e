//! The `itertools` module: native iterators (`objects::iter::NativeIter`) stepped by
//! the VM; the ones that call Python (`accumulate(func=)`, `groupby(key=)`,
//! `takewhile`, ...) do it through `Cx` like `map` and `filter`. Reprs and messages
//! are CPython's.

mod combin;
mod group;
mod simple;

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::iter::{Iter, NativeIter};
use crate::objects::module::Module;
use crate::objects::types::{Kind, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives!["tee" => group::tee];

/// The iterator types, CPython's `itertools.count` and friends: calling one makes
/// an iterator (its constructor), `type()` and `isinstance` know its iterators, and
/// a class may derive from it (an instance carries the iterator, as one of a `map`
/// subclass does). `_grouper` and `_tee` are types classes cannot derive from.
static TYPES: &[(&str, NativeFn)] = &[
    ("count", simple::count),
    ("cycle", simple::cycle),
    ("repeat", simple::repeat),
    ("accumulate", simple::accumulate),
    ("chain", simple::chain),
    ("compress", simple::compress),
    ("dropwhile", simple::dropwhile),
    ("filterfalse", simple::filterfalse),
    ("islice", simple::islice),
    ("pairwise", simple::pairwise),
    ("starmap", simple::starmap),
    ("takewhile", simple::takewhile),
    ("zip_longest", simple::zip_longest),
    ("groupby", group::groupby),
    ("product", combin::product),
    ("permutations", combin::permutations),
    ("combinations", combin::combinations),
    (
        "combinations_with_replacement",
        combin::combinations_with_replacement,
    ),
    ("_grouper", group::grouper_new),
    ("_tee", group::tee_new),
];

/// `chain.from_iterable` (a class method of `chain`).
static FROM_ITERABLE: NativeDef = NativeDef {
    name: "from_iterable",
    f: simple::chain_from_iterable,
    soft: None,
};

/// The pickling methods CPython 3.11 gives each itertools type (`pairwise` has
/// none; `_grouper` and `_tee` get theirs where supported).
fn pickle_methods(name: &str) -> &'static [&'static str] {
    match name {
        "count" | "compress" | "filterfalse" | "starmap" | "_grouper" => &["__reduce__"],
        "repeat" => &["__reduce__", "__length_hint__"],
        "pairwise" => &[],
        "_tee" => &["__copy__", "__reduce__"],
        _ => &["__reduce__", "__setstate__"],
    }
}

/// The itertools types, in [`TYPES`]'s order.
fn all_types() -> &'static [Arc<PyType>] {
    static T: OnceLock<Vec<Arc<PyType>>> = OnceLock::new();
    T.get_or_init(|| {
        let object = &crate::objects::types::types().object;
        TYPES
            .iter()
            .map(|&(name, new)| {
                let mut t =
                    PyType::builtin(name, "itertools", Some(object), Kind::Iterator, Some(new));
                t.sealed = name.starts_with('_');
                crate::objects::gil::with_gil(|gil| {
                    let mut d = t.dict.borrow_mut(gil);
                    for m in ["__iter__", "__next__"] {
                        if let Some(def) = crate::objects::methods::iter_type_method(m) {
                            let _ = d.insert(Value::str(m), Value::Native(def));
                        }
                    }
                    for m in pickle_methods(name) {
                        if let Some(def) = crate::objects::methods::iter_pickle_method(m) {
                            let _ = d.insert(Value::str(m), Value::Native(def));
                        }
                    }
                    if name == "chain" {
                        let cm = crate::objects::class::Descr::ClassMethod(Value::Native(
                            &FROM_ITERABLE,
                        ));
                        let _ = d.insert(Value::str("from_iterable"), Value::Descr(Arc::new(cm)));
                    }
                });
                Arc::new(t)
            })
            .collect()
    })
}

/// The itertools type of an iterator named `full` (`itertools.count`).
fn type_named(full: &str) -> Option<Arc<PyType>> {
    let name = full.strip_prefix("itertools.")?;
    let i = TYPES.iter().position(|(n, _)| *n == name)?;
    all_types().get(i).cloned()
}

/// The `itertools` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "itertools", FUNCS);
        for t in all_types() {
            m.set(gil, &t.name, Value::Type(t.clone()));
        }
        Arc::new(m)
    })
}

/// Attributes of this module's functions (none now that `chain` is a type).
pub fn attr(_f: &'static NativeDef, _name: &str) -> Option<Value> {
    None
}

/// An itertools iterator whose type is its `itertools` type.
pub(crate) struct Typed<T>(pub(crate) T);

impl<T: NativeIter> NativeIter for Typed<T> {
    fn type_name(&self) -> &'static str {
        self.0.type_name()
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        self.0.next(cx)
    }
    fn repr(&self, gil: Gil<'_>) -> Result<Option<String>, PyErr> {
        self.0.repr(gil)
    }
    fn py_type(&self) -> Option<Arc<PyType>> {
        type_named(self.0.type_name())
    }
    fn reduce(&self, gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        self.0.reduce(gil)
    }
    fn setstate(&mut self, gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        self.0.setstate(gil, state)
    }
    fn length_hint(&self, gil: Gil<'_>) -> Option<usize> {
        self.0.length_hint(gil)
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.0.gc_traverse(visit)
    }
    fn copy(&self, gil: Gil<'_>) -> Option<Box<dyn NativeIter>> {
        self.0.copy(gil)
    }
    fn as_any(&self) -> Option<&dyn std::any::Any> {
        self.0.as_any()
    }
}

/// The itertools type named `full` (`itertools.count`) as a value, for the first
/// item of a `__reduce__` tuple.
pub(crate) fn ty(full: &str) -> Value {
    type_named(full).map_or(Value::None, Value::Type)
}

/// A built-in iterator over a list or tuple, at `idx` (`iter(seq)` advanced).
pub(crate) fn seq_iter(seq: Value, idx: usize) -> Value {
    Value::Iter(Arc::new(GilCell::new(Iter::Seq { seq, idx })))
}

/// A `__setstate__` state that must be a tuple of `min..=max` items (CPython's
/// "state is not a tuple" and `PyArg_ParseTuple`'s arity messages).
pub(crate) fn state_items(state: &Value, min: usize, max: usize) -> Result<&[Value], PyErr> {
    let Value::Tuple(t) = state else {
        return Err(type_error("state is not a tuple"));
    };
    let n = t.len();
    let s = |k: usize| if k == 1 { "" } else { "s" };
    if min == max && n != min {
        return Err(type_error(format!(
            "function takes exactly {min} argument{} ({n} given)",
            s(min)
        )));
    }
    if n < min {
        return Err(type_error(format!(
            "function takes at least {min} argument{} ({n} given)",
            s(min)
        )));
    }
    if n > max {
        return Err(type_error(format!(
            "function takes at most {max} argument{} ({n} given)",
            s(max)
        )));
    }
    Ok(&t[..])
}

/// An int of a state (`PyArg_ParseTuple`'s `i`/`n`, `PyLong_AsSsize_t`): a big one
/// is an `OverflowError`, anything else a `TypeError`.
pub(crate) fn state_int(v: &Value) -> Result<i64, PyErr> {
    match crate::objects::class::unwrap_number(v) {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(b as i64),
        Value::Big(_) => Err(overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
        _ => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::objects::types::type_name(v)
        ))),
    }
}

/// Does the state value look like an iterator (C's `PyIter_Check`)?
pub(crate) fn is_iter(gil: Gil<'_>, v: &Value) -> bool {
    crate::native::is_iterator(gil, v)
}

/// An iterator value from its state.
pub(crate) fn make(it: impl NativeIter + 'static) -> Value {
    Value::Iter(Arc::new(GilCell::new(Iter::Native(Box::new(Typed(it))))))
}

/// `make(it)` as an instance of `cls` when `cls` is a class deriving from the
/// itertools type (`chain.from_iterable` called on a subclass).
pub(crate) fn make_as(cls: &Value, it: impl NativeIter + 'static) -> Value {
    let v = make(it);
    match cls {
        Value::Type(c) if c.heap => crate::objects::class::instance_with(c.clone(), v),
        _ => v,
    }
}

/// Arity errors worded as CPython words them for these constructors
/// (`cycle expected 1 argument, got 0`); none takes keywords.
pub(crate) fn positional(args: &Args, name: &str, min: usize, max: usize) -> Result<(), PyErr> {
    if !args.kw.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = args.len();
    let s = |k: usize| if k == 1 { "" } else { "s" };
    if min == max && n != min {
        return Err(type_error(format!(
            "{name} expected {min} argument{}, got {n}",
            s(min)
        )));
    }
    if n < min {
        return Err(type_error(format!(
            "{name} expected at least {min} argument{}, got {n}",
            s(min)
        )));
    }
    if n > max {
        return Err(type_error(format!(
            "{name} expected at most {max} argument{}, got {n}",
            s(max)
        )));
    }
    Ok(())
}
