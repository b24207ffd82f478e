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

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "count" => simple::count, "cycle" => simple::cycle, "repeat" => simple::repeat,
    "accumulate" => simple::accumulate, "chain" => simple::chain,
    "compress" => simple::compress, "dropwhile" => simple::dropwhile,
    "filterfalse" => simple::filterfalse, "islice" => simple::islice,
    "pairwise" => simple::pairwise, "starmap" => simple::starmap,
    "takewhile" => simple::takewhile, "zip_longest" => simple::zip_longest,
    "groupby" => group::groupby, "tee" => group::tee,
    "product" => combin::product, "permutations" => combin::permutations,
    "combinations" => combin::combinations,
    "combinations_with_replacement" => combin::combinations_with_replacement,
];

/// `chain.from_iterable` (an attribute of `chain`).
static FROM_ITERABLE: NativeDef = NativeDef {
    name: "from_iterable",
    f: simple::chain_from_iterable,
    soft: None,
};

/// The `itertools` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "itertools", FUNCS);
        Arc::new(m)
    })
}

/// Attributes of this module's functions (`chain.from_iterable`).
pub fn attr(f: &'static NativeDef, name: &str) -> Option<Value> {
    (f.name == "chain" && name == "from_iterable" && FUNCS.iter().any(|d| std::ptr::eq(d, f)))
        .then_some(Value::Native(&FROM_ITERABLE))
}

/// An iterator value from its state.
pub(crate) fn make(it: impl NativeIter + 'static) -> Value {
    Value::Iter(Arc::new(GilCell::new(Iter::Native(Box::new(it)))))
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
