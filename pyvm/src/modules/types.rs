//! `_types`: the native half of the frozen `types` module (`pyvm/lib/types.py`):
//! what `types.coroutine` needs of a code object.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::compile::code::{CO_GENERATOR, CO_ITERABLE_COROUTINE};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "_mark_iterable_coroutine" => mark_iterable_coroutine,
];

/// The `_types` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_types", FUNCS);
        Arc::new(m)
    })
}

/// `_mark_iterable_coroutine(func)`: if `func` is a Python generator function, add
/// `CO_ITERABLE_COROUTINE` to its code (so `await` accepts its generators) and
/// return `True`; else `False`. CPython replaces the function's `__code__` with a
/// copy; pyvm marks the code itself, shared by functions made from it.
fn mark_iterable_coroutine(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_mark_iterable_coroutine", 1, 1)?;
    Ok(Value::bool(match args.at(0) {
        Value::Function(f) if f.code.flags() & CO_GENERATOR != 0 => {
            f.code.add_flags(CO_ITERABLE_COROUTINE);
            true
        }
        _ => false,
    }))
}
