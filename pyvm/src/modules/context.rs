//! `_pyvm_context`: each micro_thread's current `contextvars.Context` (what the
//! frozen `_contextvars` module keeps its values in). A micro_thread starts with none
//! (`None`); `_contextvars` makes an empty one on first use.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "get" => get, "set" => set,
];

/// The `_pyvm_context` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_pyvm_context", FUNCS);
        Arc::new(m)
    })
}

/// `get()`: the running micro_thread's context, or `None`.
fn get(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get", 0, 0)?;
    Ok(cx.context())
}

/// `set(ctx)`: make `ctx` (or `None`) the running micro_thread's context.
fn set(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("set", 1, 1)?;
    cx.set_context(args.at(0).clone());
    Ok(Value::None)
}
