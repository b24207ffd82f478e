//! `memoryview`: a view (no copy) of the memory of a `bytes` (read-only), a
//! `bytearray` or an `array.array`. Writes through the view (`m[i] = x`, slice
//! assignment) change the object; slicing gives a view of a part (a start, a length
//! and a stride in bytes, possibly negative); `cast` reinterprets a contiguous view
//! in another native format (`B b c H h I i L l Q q N n f d ?`), with an optional
//! shape. While a view of a bytearray or an array is alive (not released), that
//! object may not change size (`objects::buffer`). Other bytes-like native objects
//! are viewed over a read-only copy.

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use crate::modules::array::{array_of, Shared};
use crate::native::*;
use crate::objects::compare::CmpOp;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::iter::NativeIter;
use crate::objects::object::{NativeObject, Object};
use crate::objects::seq;
use crate::objects::types::{type_name, types, Kind, PyType};

static TYPE: OnceLock<Arc<PyType>> = OnceLock::new();

/// The `memoryview` type.
pub fn memoryview_type() -> &'static Arc<PyType> {
    TYPE.get_or_init(|| {
        Arc::new(
            PyType::builtin(
                "memoryview",
                "builtins",
                Some(&types().object),
                Kind::Object,
                Some(memoryview),
            )
            .sealed()
            .collection(crate::objects::types::COLLECTION_SEQUENCE),
        )
    })
}

/// The memory a view looks at.
#[derive(Clone)]
enum Source {
    Bytes(Arc<Vec<u8>>),
    ByteArray(Arc<GilCell<Vec<u8>>>),
    Array(Shared),
}

impl Source {
    /// The address the export registry knows the storage by (`None`: never resized).
    fn export_key(&self) -> Option<usize> {
        match self {
            Source::Bytes(_) => None,
            Source::ByteArray(b) => Some(Arc::as_ptr(b) as *const u8 as usize),
            Source::Array(a) => Some(Arc::as_ptr(a) as *const u8 as usize),
        }
    }

    fn with<R>(&self, gil: Gil<'_>, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            Source::Bytes(b) => f(b),
            Source::ByteArray(b) => f(&b.borrow(gil)),
            Source::Array(a) => f(&a.borrow(gil).data),
        }
    }

    fn with_mut<R>(&self, gil: Gil<'_>, f: impl FnOnce(&mut [u8]) -> R) -> R {
        match self {
            Source::Bytes(_) => unreachable!("a bytes object is read-only"),
            Source::ByteArray(b) => f(&mut b.borrow_mut(gil)),
            Source::Array(a) => f(&mut a.borrow_mut(gil).data),
        }
    }
}

struct View {
    src: Source,
    obj: Value,
    /// Byte offset of the first item.
    start: usize,
    /// Number of items (of the first dimension when `shape` has more).
    len: usize,
    /// Bytes from one item to the next (negative: a reversed slice).
    stride: isize,
    format: u8,
    itemsize: usize,
    readonly: bool,
    /// A `cast` with a shape of more than one dimension (C-contiguous).
    shape: Option<Vec<usize>>,
    released: AtomicBool,
}

pub fn itemsize(format: u8) -> Option<usize> {
    Some(match format {
        b'B' | b'b' | b'c' | b'?' => 1,
        b'H' | b'h' => 2,
        b'I' | b'i' | b'f' => 4,
        b'L' | b'l' | b'Q' | b'q' | b'N' | b'n' | b'd' => 8,
        _ => return None,
    })
}

fn decode(format: u8, c: &[u8]) -> Value {
    let mut b = [0u8; 8];
    b[..c.len()].copy_from_slice(c);
    let u = u64::from_ne_bytes(b);
    match format {
        b'c' => Value::Bytes(Arc::new(vec![c[0]])),
        b'?' => Value::bool(c[0] != 0),
        b'b' => Value::Int(c[0] as i8 as i64),
        b'h' => Value::Int(u as u16 as i16 as i64),
        b'i' => Value::Int(u as u32 as i32 as i64),
        b'l' | b'q' | b'n' => Value::Int(u as i64),
        b'f' => Value::float(f32::from_bits(u as u32) as f64),
        b'd' => Value::float(f64::from_bits(u)),
        _ if u > i64::MAX as u64 => Value::big(u.into()),
        _ => Value::Int(u as i64),
    }
}

/// One item of `format` from `v` (CPython's `pack_single` messages).
fn encode(format: u8, v: &Value) -> Result<Vec<u8>, PyErr> {
    let fmt = format as char;
    let invalid_type = || type_error(format!("memoryview: invalid type for format '{fmt}'"));
    let invalid_value = || value_error(format!("memoryview: invalid value for format '{fmt}'"));
    match format {
        b'c' => match v {
            Value::Bytes(b) if b.len() == 1 => Ok(vec![b[0]]),
            Value::Bytes(_) => Err(invalid_value()),
            _ => Err(invalid_type()),
        },
        b'?' => match v {
            Value::Bool(b) => Ok(vec![*b as u8]),
            Value::Int(i) => Ok(vec![(*i != 0) as u8]),
            Value::None => Ok(vec![0]),
            _ => Err(invalid_type()),
        },
        b'f' | b'd' => {
            let f = match v {
                Value::Float(f) => f.get(),
                Value::Int(_) | Value::Bool(_) | Value::Big(_) => crate::objects::int::to_f64(v)?,
                _ => return Err(invalid_type()),
            };
            Ok(if format == b'f' {
                (f as f32).to_ne_bytes().to_vec()
            } else {
                f.to_ne_bytes().to_vec()
            })
        }
        _ => {
            let n: i128 = match v {
                Value::Int(i) => *i as i128,
                Value::Bool(b) => b.get() as i128,
                Value::Big(b) => {
                    num_traits::ToPrimitive::to_i128(&**b).ok_or_else(invalid_value)?
                }
                Value::Instance(i) if crate::objects::int::is_int(&i.base) => {
                    return encode(format, &i.base.clone())
                }
                _ => return Err(invalid_type()),
            };
            let size = itemsize(format).unwrap_or(1);
            let signed = format.is_ascii_lowercase();
            let bits = size as u32 * 8;
            let (lo, hi) = if signed {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            } else {
                (0, (1i128 << bits) - 1)
            };
            if n < lo || n > hi {
                return Err(invalid_value());
            }
            Ok((n as u64).to_ne_bytes()[..size].to_vec())
        }
    }
}

fn released_error() -> PyErr {
    value_error("operation forbidden on released memoryview object")
}

impl View {
    fn new(src: Source, obj: Value, len_bytes: usize, readonly: bool) -> View {
        if let Some(k) = src.export_key() {
            crate::objects::buffer::export(k);
        }
        View {
            src,
            obj,
            start: 0,
            len: len_bytes,
            stride: 1,
            format: b'B',
            itemsize: 1,
            readonly,
            shape: None,
            released: AtomicBool::new(false),
        }
    }

    /// Another view of the same memory (one more export).
    fn derive(&self) -> View {
        if let Some(k) = self.src.export_key() {
            crate::objects::buffer::export(k);
        }
        View {
            src: self.src.clone(),
            obj: self.obj.clone(),
            start: self.start,
            len: self.len,
            stride: self.stride,
            format: self.format,
            itemsize: self.itemsize,
            readonly: self.readonly,
            shape: self.shape.clone(),
            released: AtomicBool::new(false),
        }
    }

    fn check(&self) -> Result<(), PyErr> {
        if self.released.load(Ordering::Relaxed) {
            return Err(released_error());
        }
        Ok(())
    }

    fn release(&self) {
        if !self.released.swap(true, Ordering::SeqCst) {
            if let Some(k) = self.src.export_key() {
                crate::objects::buffer::unexport(k);
            }
        }
    }

    fn contiguous(&self) -> bool {
        self.stride == self.itemsize as isize || self.len <= 1
    }

    fn nitems(&self) -> usize {
        match &self.shape {
            Some(s) => s.iter().product(),
            None => self.len,
        }
    }

    fn nbytes(&self) -> usize {
        self.nitems() * self.itemsize
    }

    fn offset(&self, i: usize) -> usize {
        (self.start as isize + i as isize * self.stride) as usize
    }

    /// The bytes of the view, in logical order.
    fn bytes(&self, gil: Gil<'_>) -> Result<Vec<u8>, PyErr> {
        let n = self.itemsize;
        self.src.with(gil, |d| {
            if self.shape.is_some() || self.contiguous() {
                let end = (self.start + self.nbytes()).min(d.len());
                return crate::objects::memory::copy(&d[self.start.min(end)..end]);
            }
            let mut out = crate::objects::memory::vec_with(self.len * n)?;
            for i in 0..self.len {
                let o = self.offset(i);
                out.extend_from_slice(&d[o..o + n]);
            }
            Ok(out)
        })
    }

    fn items(&self, gil: Gil<'_>) -> Result<Vec<Value>, PyErr> {
        crate::objects::memory::collect(
            self.bytes(gil)?
                .chunks_exact(self.itemsize)
                .map(|c| decode(self.format, c)),
        )
    }

    fn tolist(&self, gil: Gil<'_>) -> Result<Value, PyErr> {
        let items = self.items(gil)?;
        match &self.shape {
            Some(shape) if shape.len() > 1 => Ok(nest(&items, shape)),
            _ => Ok(Value::list(items)),
        }
    }

    fn get(&self, gil: Gil<'_>, key: &Value) -> Result<Value, PyErr> {
        self.check()?;
        if self.shape.as_ref().is_some_and(|s| s.len() > 1) {
            return Err(PyErr::msg(
                &types().exc.not_implemented_error,
                "multi-dimensional sub-views are not implemented",
            ));
        }
        match key {
            Value::Slice(s) => {
                let (start, _, step, count) = seq::slice_indices(s, self.len)?;
                let mut v = self.derive();
                v.start = if count == 0 {
                    self.start
                } else {
                    self.offset(start as usize)
                };
                v.len = count;
                v.stride = self.stride * step as isize;
                Ok(Value::Object(Arc::new(Object(Box::new(v)))))
            }
            Value::Ellipsis => Ok(Value::Object(Arc::new(Object(Box::new(self.derive()))))),
            k => {
                let i = index_of(k)?;
                let i = seq::index(i, self.len)
                    .ok_or_else(|| index_error("index out of bounds on dimension 1"))?;
                let o = self.offset(i);
                Ok(self
                    .src
                    .with(gil, |d| decode(self.format, &d[o..o + self.itemsize])))
            }
        }
    }

    fn set(&self, gil: Gil<'_>, key: &Value, v: Value) -> Result<(), PyErr> {
        self.check()?;
        if self.readonly {
            return Err(type_error("cannot modify read-only memory"));
        }
        if self.shape.as_ref().is_some_and(|s| s.len() > 1) {
            return Err(PyErr::msg(
                &types().exc.not_implemented_error,
                "memoryview assignments are currently restricted to ndim = 1",
            ));
        }
        let n = self.itemsize;
        match key {
            Value::Slice(s) => {
                let (start, _, step, count) = seq::slice_indices(s, self.len)?;
                let (fmt, data) = rvalue(gil, &v)?;
                if fmt != self.format || data.len() != count * n {
                    return Err(value_error(
                        "memoryview assignment: lvalue and rvalue have different structures",
                    ));
                }
                self.src.with_mut(gil, |d| {
                    for k in 0..count {
                        let o = self.offset((start + k as i64 * step) as usize);
                        d[o..o + n].copy_from_slice(&data[k * n..(k + 1) * n]);
                    }
                });
                Ok(())
            }
            k => {
                let i = index_of(k)?;
                let i = seq::index(i, self.len)
                    .ok_or_else(|| index_error("index out of bounds on dimension 1"))?;
                let item = encode(self.format, &v)?;
                let o = self.offset(i);
                self.src
                    .with_mut(gil, |d| d[o..o + n].copy_from_slice(&item));
                Ok(())
            }
        }
    }
}

impl Drop for View {
    fn drop(&mut self) {
        self.release();
    }
}

/// The format and bytes of the right side of a slice assignment.
fn rvalue(gil: Gil<'_>, v: &Value) -> Result<(u8, Vec<u8>), PyErr> {
    if let Some(w) = view_ref(v) {
        w.check()?;
        return Ok((w.format, w.bytes(gil)?));
    }
    if let Some(a) = array_of(v) {
        let b = a.buf.borrow(gil);
        let f = match b.code {
            b'u' => b'w',
            c => c,
        };
        return Ok((f, b.data.clone()));
    }
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Bytes(_) | Value::ByteArray(_) => Ok((b'B', bytes_arg(gil, v)?)),
        _ => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))),
    }
}

fn nest(items: &[Value], shape: &[usize]) -> Value {
    if shape.len() <= 1 {
        return Value::list(items.to_vec());
    }
    let inner: usize = shape[1..].iter().product();
    Value::list(
        items
            .chunks(inner.max(1))
            .take(shape[0])
            .map(|c| nest(c, &shape[1..]))
            .collect(),
    )
}

fn index_of(k: &Value) -> Result<i64, PyErr> {
    match k {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(_) => Err(index_error("cannot fit 'int' into an index-sized integer")),
        Value::Instance(i) if crate::objects::int::is_int(&i.base) => index_of(&i.base),
        _ => Err(type_error("memoryview: invalid slice key")),
    }
}

fn view_ref(v: &Value) -> Option<&View> {
    match v {
        Value::Object(o) => o.0.as_any().downcast_ref::<View>(),
        _ => None,
    }
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "cast" => cast, "tolist" => tolist, "tobytes" => tobytes, "hex" => hex,
    "release" => release, "__enter__" => enter, "__exit__" => exit,
    "toreadonly" => toreadonly, "__len__" => dunder_len, "__getitem__" => dunder_getitem,
    "__setitem__" => dunder_setitem, "__delitem__" => dunder_delitem,
];

fn repr_addr(v: &View) -> usize {
    v as *const View as usize
}

impl NativeObject for View {
    fn type_name(&self) -> &'static str {
        "memoryview"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        if self.released.load(Ordering::Relaxed) {
            return Ok(format!("<released memory at {:#x}>", repr_addr(self)));
        }
        Ok(format!("<memory at {:#x}>", repr_addr(self)))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        if let Some(def) = METHODS.iter().find(|d| d.name == name) {
            return Some(Value::Native(def));
        }
        let ints =
            |v: Vec<usize>| Value::tuple(v.into_iter().map(|x| Value::Int(x as i64)).collect());
        let released = self.released.load(Ordering::Relaxed);
        let v = match name {
            "__class__" => return Some(Value::Type(memoryview_type().clone())),
            "obj" | "nbytes" | "readonly" | "itemsize" | "format" | "ndim" | "shape"
            | "strides" | "suboffsets" | "c_contiguous" | "f_contiguous" | "contiguous"
                if released =>
            {
                // Raised by the VM as AttributeError otherwise: give CPython's error
                // through a property-like value is not possible here.
                return None;
            }
            "obj" => self.obj.clone(),
            "nbytes" => Value::Int(self.nbytes() as i64),
            "readonly" => Value::bool(self.readonly),
            "itemsize" => Value::Int(self.itemsize as i64),
            "format" => Value::string((self.format as char).to_string()),
            "ndim" => Value::Int(self.shape.as_ref().map_or(1, |s| s.len()) as i64),
            "shape" => ints(self.shape.clone().unwrap_or_else(|| vec![self.len])),
            "strides" => match &self.shape {
                Some(s) => {
                    let mut st = vec![0; s.len()];
                    let mut acc = self.itemsize;
                    for k in (0..s.len()).rev() {
                        st[k] = acc;
                        acc *= s[k];
                    }
                    ints(st)
                }
                None => Value::tuple(vec![Value::Int(self.stride as i64)]),
            },
            "suboffsets" => Value::tuple(vec![]),
            "c_contiguous" | "f_contiguous" | "contiguous" => Value::bool(self.contiguous()),
            _ => return None,
        };
        Some(v)
    }

    fn buffer(&self, gil: Gil<'_>) -> Option<Vec<u8>> {
        if self.released.load(Ordering::Relaxed) {
            return None;
        }
        // (Without room for the copy, no buffer: the caller's `TypeError`.)
        self.bytes(gil).ok()
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(memoryview_type().clone())
    }

    fn buffer_write(&self, gil: Gil<'_>, offset: usize, data: &[u8]) -> Option<Result<(), PyErr>> {
        if self.readonly || self.released.load(Ordering::Relaxed) {
            return None;
        }
        let n = self.itemsize;
        let total = self.nbytes();
        self.src.with_mut(gil, |d| {
            for (k, byte) in data.iter().enumerate() {
                let p = offset + k;
                if p >= total {
                    break;
                }
                let at = if self.shape.is_some() {
                    self.start + p
                } else {
                    self.offset(p / n) + p % n
                };
                d[at] = *byte;
            }
        });
        Some(Ok(()))
    }

    fn len(&self, _gil: Gil<'_>) -> Option<usize> {
        if self.released.load(Ordering::Relaxed) {
            return Some(0);
        }
        Some(self.len)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn getitem(&self, gil: Gil<'_>, key: &Value) -> Option<Result<Value, PyErr>> {
        Some(self.get(gil, key))
    }

    fn setitem(&self, gil: Gil<'_>, key: &Value, v: Value) -> Option<Result<(), PyErr>> {
        Some(self.set(gil, key, v))
    }

    fn delitem(&self, _gil: Gil<'_>, _key: &Value) -> Option<Result<(), PyErr>> {
        Some(Err(match self.check() {
            Err(e) => e,
            Ok(()) if self.readonly => type_error("cannot modify read-only memory"),
            Ok(()) => type_error("cannot delete memory"),
        }))
    }

    fn binop(
        &self,
        gil: Gil<'_>,
        _this: &Value,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<Result<Value, PyErr>> {
        // `bytes + view`, `bytearray + view`: bytes.__add__ takes any buffer.
        if op != "+" || !reflected {
            return None;
        }
        let mut out = match crate::objects::class::payload(other).unwrap_or(other) {
            Value::Bytes(b) => b.to_vec(),
            Value::ByteArray(b) => b.borrow(gil).clone(),
            _ => return None,
        };
        if let Err(e) = self.check() {
            return Some(Err(e));
        }
        match self.bytes(gil) {
            Ok(b) => out.extend_from_slice(&b),
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(match other {
            Value::ByteArray(_) => Value::ByteArray(Arc::new(GilCell::new(out))),
            _ => Value::Bytes(Arc::new(out)),
        }))
    }

    fn richcmp(&self, gil: Gil<'_>, op: CmpOp, other: &Value) -> Option<Result<bool, PyErr>> {
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return None;
        }
        let theirs: Option<Vec<Value>> = if let Some(w) = view_ref(other) {
            if w.released.load(Ordering::Relaxed) {
                None
            } else {
                match w.items(gil) {
                    Ok(items) => Some(items),
                    Err(e) => return Some(Err(e)),
                }
            }
        } else if let Some(a) = array_of(other) {
            Some(a.buf.borrow(gil).data.len()).map(|_| {
                let b = a.buf.borrow(gil);
                b.data
                    .chunks_exact(b.itemsize())
                    .map(|c| crate::modules::array::decode(b.code, c))
                    .collect()
            })
        } else {
            match crate::objects::class::payload(other).unwrap_or(other) {
                Value::Bytes(b) => Some(b.iter().map(|x| Value::Int(*x as i64)).collect()),
                Value::ByteArray(b) => Some(
                    b.borrow(gil)
                        .iter()
                        .map(|x| Value::Int(*x as i64))
                        .collect(),
                ),
                _ => return None,
            }
        };
        Some((|| {
            let equal = match theirs {
                Some(ys) if !self.released.load(Ordering::Relaxed) => {
                    let xs = self.items(gil)?;
                    if xs.len() != ys.len() {
                        false
                    } else {
                        let mut all = true;
                        for (p, q) in xs.iter().zip(&ys) {
                            if !crate::objects::compare::eq(gil, p, q)? {
                                all = false;
                                break;
                            }
                        }
                        all
                    }
                }
                _ => false,
            };
            Ok(equal == (op == CmpOp::Eq))
        })())
    }

    fn iter(&self, gil: Gil<'_>, _this: &Value) -> Option<Result<Box<dyn NativeIter>, PyErr>> {
        Some((|| {
            self.check()?;
            if self.shape.as_ref().is_some_and(|s| s.len() > 1) {
                return Err(PyErr::msg(
                    &types().exc.not_implemented_error,
                    "multi-dimensional sub-views are not implemented",
                ));
            }
            Ok(Box::new(ViewIter {
                items: self.items(gil)?.into_iter(),
            }) as Box<dyn NativeIter>)
        })())
    }

    fn hash(&self) -> Option<Result<i64, PyErr>> {
        if self.released.load(Ordering::Relaxed) {
            return Some(Err(value_error("cannot hash released memoryview object")));
        }
        if !self.readonly {
            return Some(Err(value_error("cannot hash writable memoryview object")));
        }
        match &self.src {
            Source::Bytes(b) if self.contiguous() && self.format == b'B' => {
                let end = (self.start + self.nbytes()).min(b.len());
                let part = Value::Bytes(Arc::new(b[self.start.min(end)..end].to_vec()));
                Some(crate::objects::dict::hash(&part))
            }
            _ => Some(Err(value_error(
                "memoryview: hashing is restricted to formats 'B', 'b' or 'c'",
            ))),
        }
    }
}

struct ViewIter {
    items: std::vec::IntoIter<Value>,
}

impl NativeIter for ViewIter {
    fn type_name(&self) -> &'static str {
        "memory_iterator"
    }

    fn next(&mut self, _cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        Ok(self.items.next())
    }
}

fn view_of(args: &Args) -> Result<&View, PyErr> {
    args.get(0)
        .and_then(view_ref)
        .ok_or_else(|| type_error("descriptor requires a 'memoryview' object"))
}

/// A view of a live object (checks it is not released).
fn live(args: &Args) -> Result<&View, PyErr> {
    let v = view_of(args)?;
    v.check()?;
    Ok(v)
}

fn new_object(v: View) -> Value {
    Value::Object(Arc::new(Object(Box::new(v))))
}

/// `memoryview(object)`.
pub fn memoryview(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "memoryview", &["object"], 1, 1)?;
    let mut v = a[0].clone().unwrap_or(Value::None);
    // A `pickle.PickleBuffer` exports the buffer of the object it wraps.
    if let Some(inner) = crate::modules::pickle::pickle_buffer_view(cx.gil, &v) {
        v = inner?;
    }
    if let Some(w) = view_ref(&v) {
        w.check()?;
        return Ok(new_object(w.derive()));
    }
    if let Some(arr) = array_of(&v) {
        let b = arr.buf.borrow(cx.gil);
        let (code, n, size) = (b.code, b.len(), b.itemsize());
        drop(b);
        let mut view = View::new(Source::Array(arr.buf.clone()), v.clone(), n, false);
        view.format = if code == b'u' { b'w' } else { code };
        view.itemsize = size;
        view.stride = size as isize;
        return Ok(new_object(view));
    }
    let view = match crate::objects::class::payload(&v).unwrap_or(&v) {
        Value::Bytes(b) => View::new(Source::Bytes(b.clone()), v.clone(), b.len(), true),
        Value::ByteArray(b) => {
            let n = b.borrow(cx.gil).len();
            View::new(Source::ByteArray(b.clone()), v.clone(), n, false)
        }
        _ => {
            let data = bytes_arg(cx.gil, &v).map_err(|_| {
                type_error(format!(
                    "memoryview: a bytes-like object is required, not '{}'",
                    type_name(&v)
                ))
            })?;
            let n = data.len();
            View::new(Source::Bytes(Arc::new(data)), v.clone(), n, true)
        }
    };
    Ok(new_object(view))
}

const BAD_FORMAT: &str = "memoryview: destination format must be a native single character format prefixed with an optional '@'";

fn cast(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let shape_kw = args.take_kw("shape");
    let format_kw = args.take_kw("format");
    if let Some(f) = format_kw {
        args.pos.insert(1.min(args.pos.len()), f);
    }
    args.check_method("cast", 1, 2)?;
    let w = live(&args)?;
    let fmt = arg_str(args.at(1), "cast", "1")?;
    let fmt = fmt.strip_prefix('@').unwrap_or(fmt);
    let f = match fmt.as_bytes() {
        [c] => *c,
        _ => return Err(value_error(BAD_FORMAT).into()),
    };
    let Some(n) = itemsize(f) else {
        return Err(value_error(BAD_FORMAT).into());
    };
    if !w.contiguous() {
        return Err(type_error("memoryview: casts are restricted to C-contiguous views").into());
    }
    let byte_fmt = |c: u8| matches!(c, b'B' | b'b' | b'c');
    if !byte_fmt(w.format) && !byte_fmt(f) {
        return Err(type_error("memoryview: cannot cast between two non-byte formats").into());
    }
    let nbytes = w.nbytes();
    let shape = match shape_kw.or_else(|| args.get(2).cloned()) {
        None => None,
        Some(s) => {
            let dims: Vec<Value> = match &s {
                Value::List(l) => l.borrow(cx.gil).clone(),
                Value::Tuple(t) => t.to_vec(),
                _ => return Err(type_error("shape must be a list or a tuple").into()),
            };
            let mut out = Vec::new();
            for d in dims {
                let d = arg_int(&d, "")?;
                if d <= 0 {
                    return Err(value_error(
                        "memoryview.cast(): elements of shape must be integers > 0",
                    )
                    .into());
                }
                out.push(d as usize);
            }
            if out.iter().product::<usize>() * n != nbytes {
                return Err(
                    type_error("memoryview: product(shape) * itemsize != buffer size").into(),
                );
            }
            Some(out)
        }
    };
    if shape.is_none() && nbytes % n != 0 {
        return Err(type_error("memoryview: length is not a multiple of itemsize").into());
    }
    let mut v = w.derive();
    v.format = f;
    v.itemsize = n;
    v.stride = n as isize;
    v.len = match &shape {
        Some(s) => s.first().copied().unwrap_or(1),
        None => nbytes / n,
    };
    v.shape = shape.filter(|s| s.len() != 1);
    Ok(new_object(v))
}

fn tolist(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("tolist", 0, 0)?;
    Ok(live(&args)?.tolist(cx.gil)?)
}

fn tobytes(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let _ = args.take_kw("order");
    args.check_method("tobytes", 0, 1)?;
    Ok(Value::Bytes(Arc::new(live(&args)?.bytes(cx.gil)?)))
}

fn hex(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let sep = args.take_kw("sep");
    let per = args.take_kw("bytes_per_sep");
    args.check_method("hex", 0, 2)?;
    let data = live(&args)?.bytes(cx.gil)?;
    let sep = sep.or_else(|| args.get(1).cloned());
    let per = per.or_else(|| args.get(2).cloned());
    let hex = crate::objects::methods::bytes::strhex(&data, sep.as_ref(), per.as_ref())?;
    Ok(Value::string(hex))
}

fn release(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("release", 0, 0)?;
    view_of(&args)?.release();
    Ok(Value::None)
}

fn enter(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    live(&args)?;
    Ok(args.at(0).clone())
}

fn exit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    view_of(&args)?.release();
    Ok(Value::None)
}

fn toreadonly(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("toreadonly", 0, 0)?;
    let mut v = live(&args)?.derive();
    v.readonly = true;
    Ok(new_object(v))
}

fn dunder_len(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let w = live(&args)?;
    let _ = cx;
    Ok(Value::Int(w.len as i64))
}

fn dunder_getitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__getitem__", 1, 1)?;
    Ok(view_of(&args)?.get(cx.gil, args.at(1))?)
}

fn dunder_setitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setitem__", 2, 2)?;
    view_of(&args)?.set(cx.gil, args.at(1), args.at(2).clone())?;
    Ok(Value::None)
}

fn dunder_delitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__delitem__", 1, 1)?;
    let w = view_of(&args)?;
    match w.delitem(cx.gil, args.at(1)) {
        Some(Err(e)) => Err(e.into()),
        _ => Ok(Value::None),
    }
}
