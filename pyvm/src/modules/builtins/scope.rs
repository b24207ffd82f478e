//! `globals()`, `locals()` and `vars()`: the namespaces of the calling frame.

use crate::native::*;
use crate::objects::dict::Dict;

/// `globals()`: the calling frame's globals dict itself (writes show through).
pub fn globals(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("globals", 0, 0)?;
    Ok(match cx.th.frames.last() {
        Some(f) => Value::Dict(f.globals.clone()),
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

pub(super) fn frame_locals(cx: &mut Cx) -> Value {
    let gil = cx.gil;
    let Some(f) = cx.th.frames.last() else {
        return Value::dict(Dict::new());
    };
    if let Some(ns) = &f.locals {
        // A class body, or code run by `exec` with its own locals.
        return Value::Dict(ns.clone());
    }
    if f.code.is_module {
        return Value::Dict(f.globals.clone());
    }
    let mut d = Dict::new();
    for (i, name) in f.code.varnames.iter().enumerate() {
        match cx.th.stack.get(f.base + i) {
            Some(v) if !v.is_null() => {
                let _ = d.insert(Value::str(name), v.clone());
            }
            _ => {}
        }
    }
    let names = f.code.cellvars.iter().chain(f.code.freevars.iter());
    for (name, cell) in names.zip(f.cells.iter()) {
        let v = cell.borrow(gil).clone();
        if !v.is_null() {
            let _ = d.insert(Value::str(name), v);
        }
    }
    Value::dict(d)
}

/// `vars()`: `locals()`; `vars(module)`: the module's namespace.
pub fn vars(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("vars", 0, 1)?;
    match args.get(0) {
        None => Ok(frame_locals(cx)),
        Some(_) => super::classes::vars(cx, args),
    }
}
