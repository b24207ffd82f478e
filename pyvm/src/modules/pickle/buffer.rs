//! `pickle.PickleBuffer` (PEP 574): a wrapper around a bytes-like object that
//! protocol 5 pickles in band (`BYTEARRAY8`, or bytes for a read-only one) or hands
//! to the pickler's `buffer_callback` (`NEXT_BUFFER`). It holds a `memoryview` of
//! the object; `raw()` is that view as flat bytes, `memoryview(pb)` a view of the
//! object itself (so `memoryview(pb).obj` is the object: zero-copy reconstruction).

use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::object::{NativeObject, Object};
use crate::objects::rc::Arc;
use crate::objects::types::{types, Kind, PyType};

pub(super) struct PickleBuffer {
    /// A memoryview of the object; `None` once released.
    view: GilCell<Option<Value>>,
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "raw" => raw, "release" => release,
];

static TYPE: OnceLock<Arc<PyType>> = OnceLock::new();

/// The `PickleBuffer` type (`pickle.PickleBuffer`).
pub(super) fn pickle_buffer_type() -> &'static Arc<PyType> {
    TYPE.get_or_init(|| {
        let t = PyType::builtin(
            "PickleBuffer",
            "pickle",
            Some(&types().object),
            Kind::Object,
            Some(new),
        )
        .sealed();
        crate::objects::gil::with_gil(|gil| {
            let mut d = t.dict.borrow_mut(gil);
            for def in METHODS {
                let _ = d.insert(Value::str(def.name), Value::Native(def));
            }
        });
        Arc::new(t)
    })
}

const RELEASED: &str = "operation forbidden on released PickleBuffer object";

/// `PickleBuffer(buffer, /)`.
fn new(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("PickleBuffer() takes no keyword arguments").into());
    }
    if args.len() != 1 {
        return Err(type_error(format!(
            "PickleBuffer() takes exactly 1 positional argument ({} given)",
            args.len()
        ))
        .into());
    }
    let obj = args.at(0).clone();
    if let Err(deferred::Unwind::Raise(_)) = bytes_len(cx.gil, &obj) {
        return Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            crate::objects::types::type_name(&obj)
        ))
        .into());
    }
    let mv = crate::native::builtin_function(cx.gil, "memoryview");
    let view = cx.call(&mv, vec![obj])?;
    Ok(Value::Object(Arc::new(Object(Box::new(PickleBuffer {
        view: GilCell::new(Some(view)),
    })))))
}

/// Is `v` a buffer (`bytes_arg` would take it)? Its length, without the copy for the
/// common types.
fn bytes_len(gil: Gil<'_>, v: &Value) -> PyResult<usize> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Bytes(b) => Ok(b.len()),
        Value::ByteArray(b) => Ok(b.borrow(gil).len()),
        _ => Ok(bytes_arg(gil, v)?.len()),
    }
}

fn this(args: &Args) -> PyResult<&PickleBuffer> {
    match args.pos.first() {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<PickleBuffer>(),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a 'pickle.PickleBuffer' object").into())
}

/// The held memoryview, or the `ValueError` of a released buffer.
pub(super) fn view_of(gil: Gil<'_>, v: &Value) -> Option<PyResult<Value>> {
    let Value::Object(o) = v else { return None };
    let pb = o.0.as_any().downcast_ref::<PickleBuffer>()?;
    Some(
        pb.view
            .borrow(gil)
            .clone()
            .ok_or_else(|| value_error(RELEASED).into()),
    )
}

/// `raw()`: the buffer as a flat memoryview of bytes (format `B`).
fn raw(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("raw", 0, 0)?;
    let view = this(&args)?.view.borrow(cx.gil).clone();
    let Some(view) = view else {
        return Err(value_error(RELEASED).into());
    };
    let contiguous = cx.load_attr(&view, "contiguous")?;
    if !cx.truthy(&contiguous)? {
        return Err(PyErr::msg(
            &types().exc.buffer_error,
            "cannot extract raw buffer from non-contiguous buffer",
        )
        .into());
    }
    let cast = cx.load_attr(&view, "cast")?;
    cx.call(&cast, vec![Value::str("B")])
}

/// `release()`: release the underlying buffer.
fn release(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("release", 0, 0)?;
    let view = this(&args)?.view.borrow_mut(cx.gil).take();
    if let Some(view) = view {
        let f = cx.load_attr(&view, "release")?;
        cx.call(&f, vec![])?;
    }
    Ok(Value::None)
}

impl NativeObject for PickleBuffer {
    fn type_name(&self) -> &'static str {
        "pickle.PickleBuffer"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<pickle.PickleBuffer object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "__class__" => Some(Value::Type(pickle_buffer_type().clone())),
            _ => METHODS.iter().find(|d| d.name == name).map(Value::Native),
        }
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(pickle_buffer_type().clone())
    }

    fn buffer(&self, gil: Gil<'_>) -> Option<Vec<u8>> {
        match &*self.view.borrow(gil) {
            Some(Value::Object(o)) => o.0.buffer(gil),
            _ => None,
        }
    }

    fn buffer_write(&self, gil: Gil<'_>, offset: usize, data: &[u8]) -> Option<Result<(), PyErr>> {
        match &*self.view.borrow(gil) {
            Some(Value::Object(o)) => o.0.buffer_write(gil, offset, data),
            _ => None,
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
