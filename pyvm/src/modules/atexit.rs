//! `atexit`: functions to call when the program ends. They run after the main
//! micro-thread finished and `threading`'s non-daemon threads were joined, last
//! registered first, as the main micro-thread of a fresh reactor (so they may block
//! like any code); an exception in one is printed and the next runs.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use deferred::Unwind;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static CALLBACKS: GilCell<Vec<(Value, Args)>> = GilCell::new(Vec::new());

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "register" => register, "unregister" => unregister, "_run_exitfuncs" => run_exitfuncs,
    "_clear" => clear, "_ncallbacks" => ncallbacks,
];

/// The `atexit` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "atexit", FUNCS);
        m.set(
            gil,
            "__doc__",
            Value::str("allow programmer to define multiple exit functions to be executed\nupon normal program termination.\n\nTwo public functions, register and unregister, are defined.\n"),
        );
        Arc::new(m)
    })
}

/// Are there callbacks to run at exit?
pub fn any(gil: Gil<'_>) -> bool {
    !CALLBACKS.borrow(gil).is_empty()
}

/// `register(func, *args, **kwargs)`: returns `func` (usable as a decorator).
fn register(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Args { pos, kw } = args;
    let mut pos = pos.into_iter();
    let Some(f) = pos.next() else {
        return Err(type_error("register() takes at least 1 argument (0 given)").into());
    };
    if !crate::modules::builtins::callable_value(cx.gil, &f) {
        return Err(type_error("the first argument must be callable").into());
    }
    let rest = Args {
        pos: pos.collect(),
        kw,
    };
    CALLBACKS.borrow_mut(cx.gil).push((f.clone(), rest));
    Ok(f)
}

/// `unregister(func)`: every registration of `func` (compared with `==`) goes.
fn unregister(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("unregister", 1, 1)?;
    let f = args.at(0).clone();
    let funcs: Vec<Value> = CALLBACKS
        .borrow(cx.gil)
        .iter()
        .map(|(g, _)| g.clone())
        .collect();
    let mut keep = Vec::with_capacity(funcs.len());
    for g in &funcs {
        keep.push(!cx.eq(g, &f)?);
    }
    let mut i = 0;
    CALLBACKS.borrow_mut(cx.gil).retain(|_| {
        let k = keep.get(i).copied().unwrap_or(true);
        i += 1;
        k
    });
    Ok(Value::None)
}

/// `_run_exitfuncs()`: call them all, last registered first, and forget them.
fn run_exitfuncs(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_run_exitfuncs", 0, 0)?;
    loop {
        let Some((f, a)) = CALLBACKS.borrow_mut(cx.gil).pop() else {
            break;
        };
        match cx.call_args(&f, a) {
            Ok(_) => {}
            Err(Unwind::Raise(e)) => {
                let t = crate::objects::types::types();
                if e.is_instance(&t.exc.system_exit) {
                    continue;
                }
                crate::native::report_unraisable(
                    cx.gil,
                    &e,
                    Some("Exception ignored in atexit callback"),
                    &f,
                );
            }
            Err(other) => return Err(other),
        }
    }
    Ok(Value::None)
}

fn clear(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_clear", 0, 0)?;
    CALLBACKS.borrow_mut(cx.gil).clear();
    Ok(Value::None)
}

fn ncallbacks(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_ncallbacks", 0, 0)?;
    Ok(Value::Int(CALLBACKS.borrow(cx.gil).len() as i64))
}
