//! `globals()`, `locals()` and `vars()`: the namespaces of the calling frame.

use crate::native::*;
use crate::objects::dict::Dict;

/// `globals()`: the calling frame's globals dict itself (writes show through).
pub fn globals(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("globals", 0, 0)?;
    Ok(match cx.frame_globals(0) {
        Some(g) => Value::Dict(g),
        None => Value::dict(Dict::new()),
    })
}

/// `locals()`: at module level the globals dict; in a function a new dict, a snapshot
/// of its bound local variables, then its cell and free variables (CPython 3.11's
/// `co_localsplusnames` order).
pub fn locals(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("locals", 0, 0)?;
    Ok(frame_locals(cx))
}

pub fn frame_locals(cx: &mut Cx) -> Value {
    match cx.caller_namespaces() {
        None => Value::dict(Dict::new()),
        Some((_, Some(locals))) => Value::Dict(locals),
        Some((globals, None)) => Value::Dict(globals),
    }
}

/// `vars()`: `locals()`; `vars(module)`: the module's namespace.
pub fn vars(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("vars", 0, 1)?;
    match args.get(0) {
        None => Ok(frame_locals(cx)),
        Some(_) => super::classes::vars(cx, args),
    }
}
