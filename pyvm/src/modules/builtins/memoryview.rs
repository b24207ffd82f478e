//! A minimal `memoryview`: a read-only view of a bytes-like object's bytes (copied
//! when made) with `cast(format)`, `tolist()`, `tobytes()`, `len()`, `itemsize`,
//! `nbytes`, `format` and `readonly`, for the one-dimensional native formats
//! (`B b c H h I i L l Q q`, little-endian as the machine). Enough for
//! `re._compiler`'s `memoryview(b).cast('I').tolist()`; no slicing, no writes.

use std::sync::{Arc, OnceLock};

use crate::objects::types::{types, Kind, PyType};

static TYPE: OnceLock<Arc<PyType>> = OnceLock::new();

/// The `memoryview` type.
pub fn memoryview_type() -> &'static Arc<PyType> {
    TYPE.get_or_init(|| {
        Arc::new(PyType::builtin(
            "memoryview",
            "builtins",
            Some(&types().object),
            Kind::Iterator,
            Some(memoryview),
        ))
    })
}

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};

struct View {
    data: Arc<Vec<u8>>,
    format: char,
}

fn itemsize(format: char) -> Option<usize> {
    Some(match format {
        'B' | 'b' | 'c' => 1,
        'H' | 'h' => 2,
        'I' | 'i' => 4,
        'L' | 'l' | 'Q' | 'q' => 8,
        _ => return None,
    })
}

impl View {
    fn size(&self) -> usize {
        itemsize(self.format).unwrap_or(1)
    }

    fn items(&self) -> Vec<Value> {
        let n = self.size();
        self.data
            .chunks_exact(n)
            .map(|c| {
                let mut b = [0u8; 8];
                b[..n].copy_from_slice(c);
                let u = u64::from_ne_bytes(b);
                match self.format {
                    'c' => Value::Bytes(Arc::new(vec![c[0]])),
                    'b' => Value::Int(c[0] as i8 as i64),
                    'h' => Value::Int(u as u16 as i16 as i64),
                    'i' => Value::Int(u as u32 as i32 as i64),
                    'l' | 'q' => Value::Int(u as i64),
                    _ if u > i64::MAX as u64 => Value::big(u.into()),
                    _ => Value::Int(u as i64),
                }
            })
            .collect()
    }
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "cast" => cast, "tolist" => tolist, "tobytes" => tobytes,
];

impl NativeObject for View {
    fn type_name(&self) -> &'static str {
        "memoryview"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<memory at {:#x}>",
            Arc::as_ptr(&self.data) as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "itemsize" => return Some(Value::Int(self.size() as i64)),
            "nbytes" => return Some(Value::Int(self.data.len() as i64)),
            "format" => return Some(Value::string(self.format.to_string())),
            "readonly" => return Some(Value::Bool(true)),
            "ndim" => return Some(Value::Int(1)),
            _ => {}
        }
        let def = METHODS.iter().find(|d| d.name == name)?;
        let this = Value::Object(Arc::new(Object(Box::new(View {
            data: self.data.clone(),
            format: self.format,
        }))));
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn buffer(&self, _gil: Gil<'_>) -> Option<Vec<u8>> {
        Some(self.data.to_vec())
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(memoryview_type().clone())
    }

    fn len(&self, _gil: Gil<'_>) -> Option<usize> {
        Some(self.data.len() / self.size())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn view_of(args: &Args) -> Result<&View, PyErr> {
    match args.get(0) {
        Some(Value::Object(o)) => {
            o.0.as_any()
                .downcast_ref::<View>()
                .ok_or_else(|| type_error("descriptor requires a 'memoryview' object"))
        }
        _ => Err(type_error("descriptor requires a 'memoryview' object")),
    }
}

/// `memoryview(object)`.
pub fn memoryview(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "memoryview", &["object"], 1, 1)?;
    let v = a[0].clone().unwrap_or(Value::None);
    if let Value::Object(o) = &v {
        if let Some(w) = o.0.as_any().downcast_ref::<View>() {
            return Ok(Value::Object(Arc::new(Object(Box::new(View {
                data: w.data.clone(),
                format: w.format,
            })))));
        }
    }
    let data = bytes_arg(cx.gil, &v).map_err(|_| {
        type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            crate::objects::types::type_name(&v)
        ))
    })?;
    Ok(Value::Object(Arc::new(Object(Box::new(View {
        data: Arc::new(data),
        format: 'B',
    })))))
}

fn cast(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("cast", 1, 1)?;
    let w = view_of(&args)?;
    let fmt = arg_str(args.at(1), "cast", "1")?;
    let mut chars = fmt.chars();
    let (Some(f), None) = (chars.next(), chars.next()) else {
        return Err(value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        )
        .into());
    };
    let Some(n) = itemsize(f) else {
        return Err(value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        )
        .into());
    };
    if w.data.len() % n != 0 {
        return Err(type_error("memoryview: length is not a multiple of itemsize").into());
    }
    Ok(Value::Object(Arc::new(Object(Box::new(View {
        data: w.data.clone(),
        format: f,
    })))))
}

fn tolist(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("tolist", 0, 0)?;
    Ok(Value::list(view_of(&args)?.items()))
}

fn tobytes(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("tobytes", 0, 0)?;
    Ok(Value::Bytes(Arc::new(view_of(&args)?.data.to_vec())))
}
