//! `struct.Struct(format)`: a compiled format with `format`, `size` and the module's
//! functions as methods (each runs the module function with the format first).

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};

struct Struct {
    format: Value,
    size: i64,
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "pack" => m_pack, "unpack" => m_unpack, "pack_into" => m_pack_into,
    "unpack_from" => m_unpack_from, "iter_unpack" => m_iter_unpack,
];

macro_rules! method {
    ($($name:ident => $f:path),* $(,)?) => {$(
        fn $name(cx: &mut Cx, args: Args) -> PyResult<Value> {
            with_format(cx, args, $f)
        }
    )*};
}

method! {
    m_pack => super::pack, m_unpack => super::unpack, m_pack_into => super::pack_into,
    m_unpack_from => super::unpack_from, m_iter_unpack => super::iter_unpack,
}

/// `args[0]` is the `Struct`: call `f` with its format in its place.
fn with_format(cx: &mut Cx, mut args: Args, f: NativeFn) -> PyResult<Value> {
    let format = match args.pos.first() {
        Some(Value::Object(o)) => {
            o.0.as_any()
                .downcast_ref::<Struct>()
                .map(|s| s.format.clone())
        }
        _ => None,
    };
    let Some(format) = format else {
        return Err(type_error("descriptor requires a '_struct.Struct' object").into());
    };
    args.pos[0] = format;
    f(cx, args)
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

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "format" => return Some(self.format.clone()),
            "size" => return Some(Value::Int(self.size)),
            _ => {}
        }
        let def = METHODS.iter().find(|d| d.name == name)?;
        let this = Value::Object(Arc::new(Object(Box::new(Struct {
            format: self.format.clone(),
            size: self.size,
        }))));
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `struct.Struct(format)`: the format is checked now (`struct.error` if bad); a
/// `bytes` format reads as its text, as CPython's `Struct.format` is a `str`.
pub fn new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
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
    let size = super::layout(&format)?.size as i64;
    Ok(Value::Object(Arc::new(Object(Box::new(Struct {
        format,
        size,
    })))))
}
