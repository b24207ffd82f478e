//! `_weakref_native`: the native half of the frozen `_weakref` module
//! (`pyvm/lib/_weakref.py`, whose `ref` and `proxy` classes are Python classes, so
//! Lib's `weakref.KeyedRef(ref)` subclasses them as it does CPython's). Here: a weak
//! handle on an object (`handle(obj)`, called to get the object or `None`), and the
//! registry of which reference objects watch which object (`objects::weakref`), whose
//! callbacks run when an instance dies.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::type_name;
use crate::objects::weakref::{self, WeakTarget};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "handle" => handle, "watch" => watch, "watchers" => watchers,
];

/// The `_weakref_native` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_weakref_native", FUNCS);
        Arc::new(m)
    })
}

/// A weak hold on one object; calling it gives the object, or `None` once it died.
struct Handle(WeakTarget);

impl NativeObject for Handle {
    fn type_name(&self) -> &'static str {
        "_weakref_native.handle"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_weakref_native.handle at {:#x}>",
            self as *const Handle as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }

    fn callable(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn call(&self, _gil: Gil<'_>, args: Args) -> Option<Result<Forward, PyErr>> {
        if !args.pos.is_empty() || !args.kw.is_empty() {
            return Some(Err(type_error("handle() takes no arguments")));
        }
        Some(Ok(Forward::Value(self.0.upgrade().unwrap_or(Value::None))))
    }
}

fn target(v: &Value) -> PyResult<WeakTarget> {
    // Built-in exception types have no `__weakref__` slot in CPython; a class made by
    // Python code adds one (`class E(Exception): pass`).
    let refusable = matches!(v, Value::Exception(e) if !e.typ.heap);
    (!refusable)
        .then(|| WeakTarget::of(v))
        .flatten()
        .ok_or_else(|| {
            type_error(format!(
                "cannot create weak reference to '{}' object",
                type_name(v)
            ))
            .into()
        })
}

/// `handle(obj)`: a weak handle on `obj` (`TypeError` for objects CPython cannot
/// refer to weakly either).
fn handle(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("handle", 1, 1)?;
    let t = target(args.at(0))?;
    Ok(Value::Object(Arc::new(Object(Box::new(Handle(t))))))
}

/// `watch(obj, ref)`: reference object `ref` (an instance) watches `obj`.
fn watch(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("watch", 2, 2)?;
    let t = target(args.at(0))?;
    match args.at(1) {
        Value::Instance(r) => weakref::watch(t, r),
        other => {
            return Err(type_error(format!(
                "watch() argument 2 must be a weak reference object, not '{}'",
                type_name(other)
            ))
            .into())
        }
    }
    Ok(Value::None)
}

/// `watchers(obj)`: the live reference objects watching `obj`, oldest first.
fn watchers(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("watchers", 1, 1)?;
    Ok(Value::list(weakref::watchers(args.at(0))))
}
