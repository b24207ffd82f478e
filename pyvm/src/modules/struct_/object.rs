//! `_struct.Struct(format)`: a class (made by a few lines of Python at import, as
//! `_random.Random` is) whose instances carry their compiled format as the built-in
//! value a subclass instance holds (`class::instance_with`): the methods bind to
//! that value and run the module functions with the format first, so programs'
//! subclasses of `Struct` work as in CPython. `__new__` makes an empty struct
//! (format `''`), `__init__(format)` (re)compiles it.

use crate::objects::rc::Arc;
use std::sync::Mutex;

use crate::native::*;
use crate::objects::class;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};

/// The format (a `str`), its size and its compiled layout.
pub(super) struct Struct {
    state: Mutex<(Value, i64, super::Shared)>,
}

/// The natives the class body takes from the module namespace (the module then
/// forgets them).
pub(super) static CLASS_NATIVES: &[&str] = &[
    "_s_new",
    "_s_init",
    "_s_pack",
    "_s_unpack",
    "_s_pack_into",
    "_s_unpack_from",
    "_s_iter_unpack",
    "_s_format",
    "_s_size",
];

/// The class, made from the natives above in the module namespace.
pub(super) static CLASS: &str = r#"
class Struct:
    """Struct(fmt) --> compiled struct object

"""
    __module__ = '_struct'
    _pyvm_c_type = True
    __new__ = staticmethod(_s_new)
    __init__ = _s_init
    pack = _s_pack
    unpack = _s_unpack
    pack_into = _s_pack_into
    unpack_from = _s_unpack_from
    iter_unpack = _s_iter_unpack
    format = property(_s_format, doc='struct format string')
    size = property(_s_size, doc='struct size in bytes')
"#;

macro_rules! method {
    ($($name:ident => $f:path),* $(,)?) => {$(
        pub(super) fn $name(cx: &mut Cx, args: Args) -> PyResult<Value> {
            with_format(cx, args, $f)
        }
    )*};
}

method! {
    m_pack => super::pack_with, m_unpack => super::unpack_with,
    m_pack_into => super::pack_into_with, m_unpack_from => super::unpack_from_with,
    m_iter_unpack => super::iter_unpack_with,
}

/// The `Struct` inside `this` (the instance, or the value a method bound to).
fn this_struct<'a>(this: &'a Value, method: &str) -> Result<&'a Struct, PyErr> {
    let inner = class::payload(this).unwrap_or(this);
    if let Value::Object(o) = inner {
        if let Some(s) = o.0.as_any().downcast_ref::<Struct>() {
            return Ok(s);
        }
    }
    Err(type_error(format!(
        "descriptor '{method}' for '_struct.Struct' objects doesn't apply to a '{}' object",
        crate::objects::types::type_name(this)
    )))
}

impl Struct {
    fn get(&self) -> (Value, i64) {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        (s.0.clone(), s.1)
    }

    fn layout(&self) -> super::Shared {
        self.state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .2
            .clone()
    }
}

/// The module function taking a format first, with the layout of a `Struct` given.
type WithLayout = fn(&mut Cx, Args, Option<super::Shared>) -> PyResult<Value>;

/// `args[0]` is the `Struct`: call `f` with its compiled layout (no format parsed,
/// no cache looked up).
fn with_format(cx: &mut Cx, args: Args, f: WithLayout) -> PyResult<Value> {
    let Some(first) = args.pos.first() else {
        return Err(type_error("descriptor requires a '_struct.Struct' object").into());
    };
    let layout = this_struct(first, "pack")?.layout();
    f(cx, args, Some(layout))
}

pub(super) fn m_format(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("format", 1, 1)?;
    Ok(this_struct(args.at(0), "format")?.get().0)
}

pub(super) fn m_size(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("size", 1, 1)?;
    Ok(Value::Int(this_struct(args.at(0), "size")?.get().1))
}

impl NativeObject for Struct {
    fn type_name(&self) -> &'static str {
        "_struct.Struct"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_struct.Struct object at {:#x}>",
            self as *const Struct as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `Struct.__new__(cls, *args, **kwargs)`: an empty struct (format `''`).
pub(super) fn new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let cls = match args.pos.first() {
        Some(Value::Type(t)) => t.clone(),
        Some(v) => {
            return Err(type_error(format!(
                "Struct.__new__(X): X is not a type object ({})",
                crate::objects::types::type_name(v)
            ))
            .into())
        }
        None => return Err(type_error("Struct.__new__(): not enough arguments").into()),
    };
    let s = Struct {
        state: Mutex::new((Value::str(""), 0, super::layout(&Value::str(""))?)),
    };
    Ok(class::instance_with(
        cls,
        Value::Object(Arc::new(Object(Box::new(s)))),
    ))
}

/// `Struct.__init__(self, format)`: the format is checked now (`struct.error` if
/// bad); a `bytes` format reads as its text, as CPython's `Struct.format` is a `str`.
pub(super) fn init(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(type_error(
            "descriptor '__init__' of '_struct.Struct' object needs an argument",
        )
        .into());
    }
    let this = args.pos.remove(0);
    let a = clinic(args, "Struct", &["format"], 1, 1)?;
    let format = match a.into_iter().next().flatten() {
        Some(Value::Bytes(b)) => Value::string(String::from_utf8_lossy(&b).into_owned()),
        Some(v @ Value::Str(_)) => v,
        Some(other) => {
            return Err(type_error(format!(
                "Struct() argument 1 must be a str or bytes object, not {}",
                crate::objects::types::type_name(&other)
            ))
            .into())
        }
        None => unreachable!("clinic checked the required argument"),
    };
    let layout = super::layout(&format)?;
    let size = layout.size as i64;
    let s = this_struct(&this, "__init__")?;
    *s.state.lock().unwrap_or_else(|p| p.into_inner()) = (format, size, layout);
    Ok(Value::None)
}
