//! `array`: CPython's typed arrays (`array.array(typecode[, initializer])`) for the
//! typecodes `b B u h H i I l L q Q f d` with their x86-64 Linux item sizes. The items
//! live packed in native byte order in one `Vec<u8>` shared (`Arc<GilCell<..>>`)
//! with the `memoryview`s exported over it; while one is exported the array may not
//! change size (CPython's `BufferError`).

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::compare::CmpOp;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::iter::NativeIter;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::seq;
use crate::objects::types::{type_name, types, Kind, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static TYPE: OnceLock<Arc<PyType>> = OnceLock::new();

pub const TYPECODES: &str = "bBuhHiIlLqQfd";

/// The bytes of an array and what they hold.
pub struct ArrayBuf {
    pub code: u8,
    pub data: Vec<u8>,
}

impl ArrayBuf {
    pub fn itemsize(&self) -> usize {
        itemsize(self.code)
    }

    pub fn len(&self) -> usize {
        self.data.len() / self.itemsize()
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    fn item(&self, i: usize) -> Value {
        let n = self.itemsize();
        decode(self.code, &self.data[i * n..(i + 1) * n])
    }

    fn items(&self) -> Result<Vec<Value>, PyErr> {
        let n = self.itemsize();
        crate::objects::memory::collect(self.data.chunks_exact(n).map(|c| decode(self.code, c)))
    }
}

/// CPython's `BufferError` when the array has views.
fn resize_ok(buf: &Shared) -> Result<(), PyErr> {
    {
        if crate::objects::buffer::exports(Arc::as_ptr(buf) as *const u8 as usize) > 0 {
            return Err(PyErr::msg(
                &types().exc.buffer_error,
                "cannot resize an array that is exporting buffers",
            ));
        }
        Ok(())
    }
}

pub type Shared = Arc<GilCell<ArrayBuf>>;

/// An `array.array` object.
pub struct Array {
    pub buf: Shared,
}

/// `array.array` (the type; also `array.ArrayType`).
pub fn array_type() -> &'static Arc<PyType> {
    TYPE.get_or_init(|| {
        let t = PyType::builtin(
            "array",
            "array",
            Some(&types().object),
            Kind::Object,
            Some(new_array),
        )
        .collection(crate::objects::types::COLLECTION_SEQUENCE);
        // (What a subclass's `super().append(x)` and `array.array.append` find.)
        crate::objects::gil::with_gil(|gil| {
            let mut d = t.dict.borrow_mut(gil);
            for m in METHODS.iter().chain(INSTANCE_METHODS) {
                let _ = d.insert(Value::str(m.name), Value::Native(m));
            }
        });
        crate::objects::methods::register_instance_methods(INSTANCE_METHODS);
        Arc::new(t)
    })
}

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "_array_reconstructor" => reconstructor,
];

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "append" => append, "extend" => extend, "insert" => insert, "pop" => pop,
    "remove" => remove, "index" => index, "count" => count, "reverse" => reverse,
    "buffer_info" => buffer_info, "byteswap" => byteswap, "frombytes" => frombytes,
    "tobytes" => tobytes, "fromlist" => fromlist, "tolist" => tolist,
    "fromunicode" => fromunicode, "tounicode" => tounicode, "fromfile" => fromfile,
    "tofile" => tofile, "__copy__" => copy,
    "__deepcopy__" => deepcopy, "__len__" => dunder_len, "__getitem__" => dunder_getitem,
    "__setitem__" => dunder_setitem, "__delitem__" => dunder_delitem,
    "__contains__" => dunder_contains, "__iter__" => dunder_iter,
    "__add__" => dunder_add, "__mul__" => dunder_mul, "__rmul__" => dunder_rmul,
    "__lt__" => dunder_lt, "__le__" => dunder_le, "__eq__" => dunder_eq, "__ne__" => dunder_ne,
    "__gt__" => dunder_gt, "__ge__" => dunder_ge,
];

/// The methods that take an instance of a subclass itself as `self`, not the array
/// it carries (`__reduce_ex__` names the subclass and passes on the `__dict__`).
static INSTANCE_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "__reduce_ex__" => reduce_ex, "__iadd__" => dunder_iadd, "__imul__" => dunder_imul,
];

/// The `array` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "array", FUNCS);
        m.set(gil, "array", Value::Type(array_type().clone()));
        m.set(gil, "ArrayType", Value::Type(array_type().clone()));
        m.set(gil, "typecodes", Value::str(TYPECODES));
        Arc::new(m)
    })
}

pub fn itemsize(code: u8) -> usize {
    match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'u' | b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

/// The value of one item from its bytes (native order).
pub fn decode(code: u8, c: &[u8]) -> Value {
    let mut b = [0u8; 8];
    b[..c.len()].copy_from_slice(c);
    let u = u64::from_ne_bytes(b);
    match code {
        b'b' => Value::Int(c[0] as i8 as i64),
        b'B' => Value::Int(c[0] as i64),
        b'h' => Value::Int(u as u16 as i16 as i64),
        b'H' => Value::Int(u as u16 as i64),
        b'i' => Value::Int(u as u32 as i32 as i64),
        b'I' => Value::Int(u as u32 as i64),
        b'l' | b'q' => Value::Int(u as i64),
        b'L' | b'Q' if u > i64::MAX as u64 => Value::big(u.into()),
        b'L' | b'Q' => Value::Int(u as i64),
        b'f' => Value::float(f32::from_bits(u as u32) as f64),
        b'd' => Value::float(f64::from_bits(u)),
        _ => match char::from_u32(u as u32) {
            Some(ch) => Value::string(ch.to_string()),
            None => Value::string(char::REPLACEMENT_CHARACTER.to_string()),
        },
    }
}

fn overflow(msg: &str) -> PyErr {
    overflow_error(msg)
}

/// An int item's value as an i128 (`None`: beyond), or CPython's TypeError.
fn int_of(v: &Value) -> Result<Option<i128>, PyErr> {
    match v {
        Value::Int(i) => Ok(Some(*i as i128)),
        Value::Bool(b) => Ok(Some(*b as i128)),
        Value::Big(b) => Ok(num_traits::ToPrimitive::to_i128(&**b)),
        Value::Instance(i) if crate::objects::int::is_int(&i.base) => int_of(&i.base),
        _ => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))),
    }
}

fn is_negative(v: &Value) -> bool {
    match v {
        Value::Int(i) => *i < 0,
        Value::Big(b) => b.sign() == num_bigint::Sign::Minus,
        Value::Instance(i) => is_negative(&i.base),
        _ => false,
    }
}

/// Encode `v` as one item of typecode `code` into `out` (CPython's messages).
pub fn encode(code: u8, v: &Value, out: &mut Vec<u8>) -> Result<(), PyErr> {
    match code {
        b'f' | b'd' => {
            let f = match v {
                Value::Float(f) => f.get(),
                Value::Int(_) | Value::Bool(_) | Value::Big(_) => crate::objects::int::to_f64(v)?,
                Value::Instance(i)
                    if matches!(i.base, Value::Float(_))
                        || crate::objects::int::is_int(&i.base) =>
                {
                    return encode(code, &i.base.clone(), out);
                }
                _ => {
                    return Err(type_error(format!(
                        "must be real number, not {}",
                        type_name(v)
                    )))
                }
            };
            if code == b'f' {
                out.extend_from_slice(&(f as f32).to_ne_bytes());
            } else {
                out.extend_from_slice(&f.to_ne_bytes());
            }
            return Ok(());
        }
        b'u' => {
            let mut chars = v.as_str().map(|s| s.chars());
            let ch = match chars.as_mut().map(|c| (c.next(), c.next())) {
                Some((Some(ch), None)) => ch,
                _ => return Err(type_error("array item must be unicode character")),
            };
            out.extend_from_slice(&(ch as u32).to_ne_bytes());
            return Ok(());
        }
        _ => {}
    }
    let n = int_of(v)?;
    let long = |n: Option<i128>| -> Result<i64, PyErr> {
        n.and_then(|n| i64::try_from(n).ok())
            .ok_or_else(|| overflow("Python int too large to convert to C long"))
    };
    let ranged = |n: Option<i128>, lo: i64, hi: i64, what: &str| -> Result<i64, PyErr> {
        let x = long(n)?;
        if x < lo {
            return Err(overflow(&format!("{what} is less than minimum")));
        }
        if x > hi {
            return Err(overflow(&format!("{what} is greater than maximum")));
        }
        Ok(x)
    };
    match code {
        b'b' => out.push(ranged(n, -128, 127, "signed char")? as i8 as u8),
        b'B' => out.push(ranged(n, 0, 255, "unsigned byte integer")? as u8),
        b'h' => out.extend_from_slice(
            &(ranged(n, i16::MIN as i64, i16::MAX as i64, "signed short integer")? as i16)
                .to_ne_bytes(),
        ),
        b'H' => out.extend_from_slice(
            &(ranged(n, 0, u16::MAX as i64, "unsigned short")? as u16).to_ne_bytes(),
        ),
        b'i' => out.extend_from_slice(
            &(ranged(n, i32::MIN as i64, i32::MAX as i64, "signed integer")? as i32).to_ne_bytes(),
        ),
        b'l' => out.extend_from_slice(&long(n)?.to_ne_bytes()),
        b'I' | b'L' => {
            if is_negative(v) {
                return Err(overflow("can't convert negative value to unsigned int"));
            }
            let x = n
                .and_then(|n| u64::try_from(n).ok())
                .ok_or_else(|| overflow("Python int too large to convert to C unsigned long"))?;
            if code == b'I' {
                if x > u32::MAX as u64 {
                    return Err(overflow("unsigned int is greater than maximum"));
                }
                out.extend_from_slice(&(x as u32).to_ne_bytes());
            } else {
                out.extend_from_slice(&x.to_ne_bytes());
            }
        }
        b'q' => {
            let x = n
                .and_then(|n| i64::try_from(n).ok())
                .ok_or_else(|| overflow("int too big to convert"))?;
            out.extend_from_slice(&x.to_ne_bytes());
        }
        _ => {
            if is_negative(v) {
                return Err(overflow("can't convert negative int to unsigned"));
            }
            let x = n
                .and_then(|n| u64::try_from(n).ok())
                .ok_or_else(|| overflow("int too big to convert"))?;
            out.extend_from_slice(&x.to_ne_bytes());
        }
    }
    Ok(())
}

fn new_value(code: u8, data: Vec<u8>) -> Value {
    Value::Object(Arc::new(Object(Box::new(Array {
        buf: Arc::new(GilCell::new(ArrayBuf { code, data })),
    }))))
}

/// The array a value is, if it is one.
pub fn array_of(v: &Value) -> Option<&Array> {
    // (An instance of a subclass carries its array.)
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Object(o) => o.0.as_any().downcast_ref::<Array>(),
        _ => None,
    }
}

fn this<'a>(args: &'a Args, name: &str) -> Result<&'a Array, PyErr> {
    args.get(0).and_then(array_of).ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' for 'array.array' objects doesn't apply to a '{}' object",
            args.get(0)
                .map(type_name)
                .unwrap_or_else(|| "NoneType".into())
        ))
    })
}

fn typecode_arg(v: &Value) -> Result<u8, PyErr> {
    let s = match v.as_str() {
        Some(s) if s.chars().count() == 1 => s,
        _ => {
            return Err(type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                type_name(v)
            )))
        }
    };
    match s.as_bytes() {
        [c] if TYPECODES.as_bytes().contains(c) => Ok(*c),
        _ => Err(value_error(
            "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
        )),
    }
}

/// Encode every item of `items` onto `out`.
fn encode_all(code: u8, items: &[Value], out: &mut Vec<u8>) -> Result<(), PyErr> {
    out.reserve(items.len() * itemsize(code));
    for x in items {
        encode(code, x, out)?;
    }
    Ok(())
}

fn str_to_u(s: &str) -> Result<Vec<u8>, PyErr> {
    let mut out = crate::objects::memory::vec_with(s.chars().count().saturating_mul(4))?;
    out.extend(s.chars().flat_map(|c| (c as u32).to_ne_bytes()));
    Ok(out)
}

/// `array(typecode[, initializer])`.
fn new_array(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("array.array() takes no keyword arguments").into());
    }
    if args.is_empty() || args.len() > 2 {
        return Err(type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            args.len()
        ))
        .into());
    }
    let code = typecode_arg(args.at(0))?;
    let mut data = Vec::new();
    if let Some(init) = args.get(1) {
        match init {
            Value::None => {}
            Value::Str(s) => {
                if code != b'u' {
                    return Err(type_error(format!(
                        "cannot use a str to initialize an array with typecode '{}'",
                        code as char
                    ))
                    .into());
                }
                data = str_to_u(s.as_str())?;
            }
            Value::Bytes(_) | Value::ByteArray(_) => {
                let b = bytes_arg(cx.gil, init)?;
                if b.len() % itemsize(code) != 0 {
                    return Err(value_error("bytes length not a multiple of item size").into());
                }
                data = b;
            }
            other => {
                if let Some(a) = array_of(other) {
                    let src = a.buf.borrow(cx.gil);
                    if src.code == b'u' && code != b'u' {
                        return Err(type_error(format!(
                            "cannot use a unicode array to initialize an array with typecode '{}'",
                            code as char
                        ))
                        .into());
                    }
                    if src.code == code {
                        data = src.data.clone();
                    } else {
                        let items = src.items()?;
                        drop(src);
                        encode_all(code, &items, &mut data)?;
                    }
                } else {
                    let items = cx.collect(other)?;
                    encode_all(code, &items, &mut data)?;
                }
            }
        }
    }
    Ok(new_value(code, data))
}

fn repr_of(gil: Gil<'_>, buf: &ArrayBuf) -> Result<String, PyErr> {
    let code = buf.code as char;
    if buf.data.is_empty() {
        return Ok(format!("array('{code}')"));
    }
    if buf.code == b'u' {
        let s: String = buf
            .items()?
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        return Ok(format!(
            "array('{code}', {})",
            crate::objects::repr::repr(gil, &Value::string(s))?
        ));
    }
    let mut out = format!("array('{code}', [");
    for (k, v) in buf.items()?.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(&crate::objects::repr::repr(gil, v)?);
    }
    out.push_str("])");
    Ok(out)
}

fn index_error_msg(msg: &str) -> PyErr {
    index_error(msg)
}

impl Array {
    fn get(&self, gil: Gil<'_>, key: &Value) -> Result<Value, PyErr> {
        let b = self.buf.borrow(gil);
        match key {
            Value::Slice(s) => {
                let n = b.itemsize();
                let (start, _, step, count) = seq::slice_indices(s, b.len())?;
                let mut data = Vec::with_capacity(count * n);
                for k in 0..count {
                    let i = (start + k as i64 * step) as usize;
                    data.extend_from_slice(&b.data[i * n..(i + 1) * n]);
                }
                Ok(new_value(b.code, data))
            }
            k => {
                let i = match k {
                    Value::Int(i) => *i,
                    _ => int_index(k)?,
                };
                seq::index(i, b.len())
                    .map(|i| b.item(i))
                    .ok_or_else(|| index_error_msg("array index out of range"))
            }
        }
    }

    fn set(&self, gil: Gil<'_>, key: &Value, v: Value) -> Result<(), PyErr> {
        if let Value::Slice(s) = key {
            let Some(src) = array_of(&v) else {
                return Err(type_error(format!(
                    "can only assign array (not \"{}\") to array slice",
                    type_name(&v)
                )));
            };
            let new = {
                let src = src.buf.borrow(gil);
                (src.code, src.data.clone())
            };
            let mut b = self.buf.borrow_mut(gil);
            if new.0 != b.code {
                return Err(type_error("bad argument type for built-in operation"));
            }
            let n = b.itemsize();
            let (start, stop, step, count) = seq::slice_indices(s, b.len())?;
            let newlen = new.1.len() / n;
            if step == 1 {
                let stop = stop.max(start) as usize;
                if stop - start as usize != newlen {
                    resize_ok(&self.buf)?;
                }
                b.data.splice(start as usize * n..stop * n, new.1);
            } else {
                if newlen != count {
                    return Err(value_error(format!(
                        "attempt to assign array of size {newlen} to extended slice of size {count}"
                    )));
                }
                for k in 0..count {
                    let i = (start + k as i64 * step) as usize;
                    b.data[i * n..(i + 1) * n].copy_from_slice(&new.1[k * n..(k + 1) * n]);
                }
            }
            return Ok(());
        }
        let i = match key {
            Value::Int(i) => *i,
            k => int_index(k)?,
        };
        let code = self.buf.borrow(gil).code;
        let mut item = Vec::with_capacity(8);
        encode(code, &v, &mut item)?;
        let mut b = self.buf.borrow_mut(gil);
        let n = item.len();
        match seq::index(i, b.len()) {
            Some(i) => {
                b.data[i * n..(i + 1) * n].copy_from_slice(&item);
                Ok(())
            }
            None => Err(index_error_msg("array assignment index out of range")),
        }
    }

    fn del(&self, gil: Gil<'_>, key: &Value) -> Result<(), PyErr> {
        let mut b = self.buf.borrow_mut(gil);
        let n = b.itemsize();
        match key {
            Value::Slice(s) => {
                let (start, _, step, count) = seq::slice_indices(s, b.len())?;
                if count == 0 {
                    return Ok(());
                }
                resize_ok(&self.buf)?;
                let mut idx: Vec<usize> = (0..count)
                    .map(|k| (start + k as i64 * step) as usize)
                    .collect();
                idx.sort_unstable();
                let mut keep = Vec::with_capacity(b.data.len() - count * n);
                let mut d = 0;
                for (i, c) in b.data.chunks_exact(n).enumerate() {
                    if d < idx.len() && idx[d] == i {
                        d += 1;
                        continue;
                    }
                    keep.extend_from_slice(c);
                }
                b.data = keep;
                Ok(())
            }
            k => {
                let i = int_index(k)?;
                match seq::index(i, b.len()) {
                    Some(i) => {
                        resize_ok(&self.buf)?;
                        b.data.drain(i * n..(i + 1) * n);
                        Ok(())
                    }
                    None => Err(index_error_msg("array assignment index out of range")),
                }
            }
        }
    }
}

fn int_index(k: &Value) -> Result<i64, PyErr> {
    match k {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(_) => Err(index_error("cannot fit 'int' into an index-sized integer")),
        Value::Instance(i) if crate::objects::int::is_int(&i.base) => int_index(&i.base),
        _ => Err(type_error("array indices must be integers")),
    }
}

fn concat(gil: Gil<'_>, a: &Array, other: &Value) -> Result<Value, PyErr> {
    let Some(o) = array_of(other) else {
        return Err(type_error(format!(
            "can only append array (not \"{}\") to array",
            type_name(other)
        )));
    };
    let x = a.buf.borrow(gil);
    let y = o.buf.borrow(gil);
    if x.code != y.code {
        return Err(type_error("bad argument type for built-in operation"));
    }
    let mut data = crate::objects::memory::vec_with(x.data.len() + y.data.len())?;
    data.extend_from_slice(&x.data);
    data.extend_from_slice(&y.data);
    Ok(new_value(x.code, data))
}

fn repeat_count(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::Big(b) if b.sign() == num_bigint::Sign::Minus => Some(0),
        Value::Big(_) => Some(i64::MAX),
        Value::Instance(i) if crate::objects::int::is_int(&i.base) => repeat_count(&i.base),
        _ => None,
    }
}

fn repeated(data: &[u8], n: i64) -> Result<Vec<u8>, PyErr> {
    let n = n.max(0);
    if data.is_empty() || n == 0 {
        return Ok(Vec::new());
    }
    check_size((data.len() as i64).saturating_mul(n))?;
    Ok(data.repeat(n as usize))
}

impl NativeObject for Array {
    fn type_name(&self) -> &'static str {
        "array.array"
    }

    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        repr_of(gil, &self.buf.borrow(gil))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "typecode" => {
                return Some(Value::string(
                    (self.buf.borrow(gil).code as char).to_string(),
                ))
            }
            "itemsize" => return Some(Value::Int(self.buf.borrow(gil).itemsize() as i64)),
            "__class__" => return Some(Value::Type(array_type().clone())),
            _ => {}
        }
        METHODS
            .iter()
            .chain(INSTANCE_METHODS)
            .find(|d| d.name == name)
            .map(Value::Native)
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(array_type().clone())
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

    fn delitem(&self, gil: Gil<'_>, key: &Value) -> Option<Result<(), PyErr>> {
        Some(self.del(gil, key))
    }

    fn binop(
        &self,
        gil: Gil<'_>,
        this: &Value,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<Result<Value, PyErr>> {
        match (op, reflected) {
            ("+", false) => Some(concat(gil, self, other)),
            ("+=", _) => Some((|| {
                let Some(o) = array_of(other) else {
                    return Err(type_error(format!(
                        "can only extend array with array (not \"{}\")",
                        type_name(other)
                    )));
                };
                extend_array(gil, self, o)?;
                Ok(this.clone())
            })()),
            ("*" | "*=", _) => {
                let Some(n) = repeat_count(other) else {
                    return Some(Err(type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        type_name(other)
                    ))));
                };
                Some((|| {
                    if op == "*=" {
                        let mut b = self.buf.borrow_mut(gil);
                        let data = repeated(&b.data, n)?;
                        if data.len() != b.data.len() {
                            resize_ok(&self.buf)?;
                        }
                        b.data = data;
                        return Ok(this.clone());
                    }
                    let b = self.buf.borrow(gil);
                    Ok(new_value(b.code, repeated(&b.data, n)?))
                })())
            }
            _ => None,
        }
    }

    fn richcmp(&self, gil: Gil<'_>, op: CmpOp, other: &Value) -> Option<Result<bool, PyErr>> {
        let o = array_of(other)?;
        Some((|| {
            let x = self.buf.borrow(gil);
            let y = o.buf.borrow(gil);
            if x.code == y.code && matches!(op, CmpOp::Eq | CmpOp::Ne) {
                if x.data.len() != y.data.len() {
                    return Ok(op == CmpOp::Ne);
                }
                if x.code != b'f' && x.code != b'd' {
                    return Ok((x.data == y.data) == (op == CmpOp::Eq));
                }
            }
            let (xs, ys) = (x.items()?, y.items()?);
            drop((x, y));
            if matches!(op, CmpOp::Eq | CmpOp::Ne) && xs.len() != ys.len() {
                return Ok(op == CmpOp::Ne);
            }
            for (p, q) in xs.iter().zip(&ys) {
                if !crate::objects::compare::eq(gil, p, q)? {
                    return match op {
                        CmpOp::Eq => Ok(false),
                        CmpOp::Ne => Ok(true),
                        _ => crate::objects::compare::compare(gil, op, p, q),
                    };
                }
            }
            Ok(op.test(xs.len().cmp(&ys.len())))
        })())
    }

    fn iter(&self, _gil: Gil<'_>, this: &Value) -> Option<Result<Box<dyn NativeIter>, PyErr>> {
        Some(Ok(Box::new(ArrayIter {
            buf: self.buf.clone(),
            arr: Some(this.clone()),
            idx: 0,
        })))
    }

    fn contains(&self, gil: Gil<'_>, item: &Value) -> Option<Result<bool, PyErr>> {
        Some((|| {
            let items = self.buf.borrow(gil).items()?;
            for x in &items {
                if crate::objects::compare::eq(gil, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        })())
    }

    fn buffer(&self, gil: Gil<'_>) -> Option<Vec<u8>> {
        Some(self.buf.borrow(gil).data.clone())
    }

    fn len(&self, gil: Gil<'_>) -> Option<usize> {
        Some(self.buf.borrow(gil).len())
    }

    fn buffer_write(&self, gil: Gil<'_>, offset: usize, data: &[u8]) -> Option<Result<(), PyErr>> {
        let mut b = self.buf.borrow_mut(gil);
        let end = (offset + data.len()).min(b.data.len());
        let n = end.saturating_sub(offset);
        b.data[offset.min(end)..end].copy_from_slice(&data[..n]);
        Some(Ok(()))
    }

    fn hash(&self) -> Option<Result<i64, PyErr>> {
        Some(Err(type_error("unhashable type: 'array.array'")))
    }
}

/// CPython's `arrayiterator`: the array (`None` once exhausted, which `__reduce__`
/// tells), and the index of the next item.
struct ArrayIter {
    buf: Shared,
    arr: Option<Value>,
    idx: usize,
}

impl NativeIter for ArrayIter {
    fn type_name(&self) -> &'static str {
        "arrayiterator"
    }

    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let b = self.buf.borrow(cx.gil);
        if self.arr.is_none() || self.idx >= b.len() {
            self.arr = None;
            return Ok(None);
        }
        let v = b.item(self.idx);
        self.idx += 1;
        Ok(Some(v))
    }

    /// `(iter, (array,), index)`; once exhausted `(iter, ((),))`.
    fn reduce(&self, gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let iter = crate::native::builtin_function(gil, "iter");
        Some(Ok(match &self.arr {
            Some(a) => Value::tuple(vec![
                iter,
                Value::tuple(vec![a.clone()]),
                Value::Int(self.idx as i64),
            ]),
            None => Value::tuple(vec![iter, Value::tuple(vec![Value::tuple(Vec::new())])]),
        }))
    }

    /// The index of the next item, clipped to the array (`PyLong_AsSsize_t`).
    fn setstate(&mut self, gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        let i = match crate::objects::class::unwrap_number(state) {
            Value::Int(i) => i,
            Value::Bool(b) => b as i64,
            Value::Big(_) => {
                return Some(Err(overflow_error(
                    "Python int too large to convert to C ssize_t",
                )))
            }
            _ => return Some(Err(type_error("an integer is required"))),
        };
        if self.arr.is_some() {
            let len = self.buf.borrow(gil).len();
            self.idx = i.clamp(0, len as i64) as usize;
        }
        Some(Ok(()))
    }

    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.arr.iter().for_each(visit);
    }
}

fn extend_array(gil: Gil<'_>, a: &Array, o: &Array) -> Result<(), PyErr> {
    let data = {
        let y = o.buf.borrow(gil);
        if y.code != a.buf.borrow(gil).code {
            return Err(type_error("can only extend with array of same kind"));
        }
        crate::objects::memory::copy(&y.data)?
    };
    let mut b = a.buf.borrow_mut(gil);
    if !data.is_empty() {
        resize_ok(&a.buf)?;
    }
    crate::objects::memory::extend_from(&mut b.data, &data)?;
    Ok(())
}

/// Append the items one by one (those before a bad one stay, as in CPython).
fn push_items(gil: Gil<'_>, a: &Array, items: &[Value]) -> Result<(), PyErr> {
    let code = a.buf.borrow(gil).code;
    if !items.is_empty() {
        resize_ok(&a.buf)?;
    }
    let mut out = Vec::with_capacity(items.len() * itemsize(code));
    let mut res = Ok(());
    for x in items {
        if let Err(e) = encode(code, x, &mut out) {
            res = Err(e);
            break;
        }
    }
    a.buf.borrow_mut(gil).data.extend_from_slice(&out);
    res
}

fn none() -> PyResult<Value> {
    Ok(Value::None)
}

fn append(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("append", 2, 2).map_err(|_| {
        type_error(format!(
            "array.append() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))
    })?;
    let a = this(&args, "append")?;
    push_items(cx.gil, a, &args.pos[1..2])?;
    none()
}

fn extend(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("extend", 2, 2)?;
    let a = this(&args, "extend")?;
    let v = args.at(1);
    if let Some(o) = array_of(v) {
        extend_array(cx.gil, a, o)?;
        return none();
    }
    let items = cx.collect(v)?;
    push_items(cx.gil, a, &items)?;
    none()
}

fn insert(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("insert", 3, 3)?;
    let a = this(&args, "insert")?;
    let i = arg_int(args.at(1), "")?;
    let code = a.buf.borrow(cx.gil).code;
    let mut item = Vec::new();
    encode(code, args.at(2), &mut item)?;
    let mut b = a.buf.borrow_mut(cx.gil);
    resize_ok(&a.buf)?;
    let len = b.len() as i64;
    let i = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    let n = item.len();
    b.data.splice(i * n..i * n, item);
    none()
}

fn pop(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("pop", 1, 2)?;
    let a = this(&args, "pop")?;
    let i = match args.get(1) {
        Some(v) => arg_int(v, "")?,
        None => -1,
    };
    let mut b = a.buf.borrow_mut(cx.gil);
    if b.data.is_empty() {
        return Err(index_error("pop from empty array").into());
    }
    let Some(i) = seq::index(i, b.len()) else {
        return Err(index_error("pop index out of range").into());
    };
    resize_ok(&a.buf)?;
    let v = b.item(i);
    let n = b.itemsize();
    b.data.drain(i * n..(i + 1) * n);
    Ok(v)
}

fn find(
    gil: Gil<'_>,
    a: &Array,
    x: &Value,
    from: usize,
    to: usize,
) -> Result<Option<usize>, PyErr> {
    let items = a.buf.borrow(gil).items()?;
    for (i, v) in items.iter().enumerate().take(to).skip(from) {
        if crate::objects::compare::eq(gil, v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("remove", 2, 2)?;
    let a = this(&args, "remove")?;
    match find(cx.gil, a, args.at(1), 0, usize::MAX)? {
        Some(i) => {
            let mut b = a.buf.borrow_mut(cx.gil);
            resize_ok(&a.buf)?;
            let n = b.itemsize();
            b.data.drain(i * n..(i + 1) * n);
            none()
        }
        None => Err(value_error("array.remove(x): x not in array").into()),
    }
}

fn index(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("index", 2, 4)?;
    let a = this(&args, "index")?;
    let len = a.buf.borrow(cx.gil).len() as i64;
    let bound = |v: Option<&Value>, d: i64| -> Result<usize, PyErr> {
        let i = match v {
            Some(v) => arg_int(v, "")?,
            None => d,
        };
        Ok(if i < 0 { (i + len).max(0) } else { i.min(len) } as usize)
    };
    let from = bound(args.get(2), 0)?;
    let to = bound(args.get(3), len)?;
    match find(cx.gil, a, args.at(1), from, to)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("array.index(x): x not in array").into()),
    }
}

fn count(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("count", 2, 2)?;
    let a = this(&args, "count")?;
    let items = a.buf.borrow(cx.gil).items()?;
    let mut n = 0;
    for v in &items {
        if crate::objects::compare::eq(cx.gil, v, args.at(1))? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn reverse(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("reverse", 1, 1)?;
    let a = this(&args, "reverse")?;
    let mut b = a.buf.borrow_mut(cx.gil);
    let n = b.itemsize();
    let data: Vec<u8> = b.data.chunks_exact(n).rev().flatten().copied().collect();
    b.data = data;
    none()
}

fn buffer_info(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("buffer_info", 1, 1)?;
    let a = this(&args, "buffer_info")?;
    let b = a.buf.borrow(cx.gil);
    Ok(Value::tuple(vec![
        Value::Int(b.data.as_ptr() as i64),
        Value::Int(b.len() as i64),
    ]))
}

fn byteswap(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("byteswap", 1, 1)?;
    let a = this(&args, "byteswap")?;
    let mut b = a.buf.borrow_mut(cx.gil);
    let n = b.itemsize();
    for c in b.data.chunks_exact_mut(n) {
        c.reverse();
    }
    none()
}

fn frombytes(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("frombytes", 2, 2)?;
    let a = this(&args, "frombytes")?;
    let data = bytes_arg(cx.gil, args.at(1))?;
    let mut b = a.buf.borrow_mut(cx.gil);
    if data.len() % b.itemsize() != 0 {
        return Err(value_error("bytes length not a multiple of item size").into());
    }
    if !data.is_empty() {
        resize_ok(&a.buf)?;
    }
    b.data.extend_from_slice(&data);
    none()
}

fn tobytes(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("tobytes", 1, 1)?;
    let a = this(&args, "tobytes")?;
    Ok(Value::Bytes(Arc::new(crate::objects::memory::copy(
        &a.buf.borrow(cx.gil).data,
    )?)))
}

fn fromlist(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("fromlist", 2, 2)?;
    let a = this(&args, "fromlist")?;
    let Value::List(l) = args.at(1) else {
        return Err(type_error("arg must be list").into());
    };
    let items = l.borrow(cx.gil).clone();
    let code = a.buf.borrow(cx.gil).code;
    let mut out = Vec::new();
    // All or nothing, as CPython.
    encode_all(code, &items, &mut out)?;
    let mut b = a.buf.borrow_mut(cx.gil);
    if !out.is_empty() {
        resize_ok(&a.buf)?;
    }
    b.data.extend_from_slice(&out);
    none()
}

fn tolist(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("tolist", 1, 1)?;
    let a = this(&args, "tolist")?;
    Ok(Value::list(a.buf.borrow(cx.gil).items()?))
}

fn fromunicode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("fromunicode", 2, 2)?;
    let a = this(&args, "fromunicode")?;
    let Some(s) = args.at(1).as_str() else {
        return Err(type_error(format!(
            "fromunicode() argument must be str, not {}",
            type_name(args.at(1))
        ))
        .into());
    };
    let mut b = a.buf.borrow_mut(cx.gil);
    if b.code != b'u' {
        return Err(value_error("fromunicode() may only be called on unicode type arrays").into());
    }
    if !s.is_empty() {
        resize_ok(&a.buf)?;
    }
    let u = str_to_u(s)?;
    crate::objects::memory::extend_from(&mut b.data, &u)?;
    none()
}

fn tounicode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("tounicode", 1, 1)?;
    let a = this(&args, "tounicode")?;
    let b = a.buf.borrow(cx.gil);
    if b.code != b'u' {
        return Err(value_error("tounicode() may only be called on unicode type arrays").into());
    }
    let s: String = b
        .data
        .chunks_exact(4)
        .map(|c| {
            char::from_u32(u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect();
    Ok(Value::string(s))
}

fn fromfile(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("fromfile", 3, 3)?;
    let a = this(&args, "fromfile")?;
    let n = arg_int(args.at(2), "")?;
    if n < 0 {
        return Err(value_error("negative count").into());
    }
    let size = a.buf.borrow(cx.gil).itemsize();
    let want = n as usize * size;
    let read = cx.getattr(args.at(1), "read")?;
    let got = cx.call(&read, vec![Value::Int(want as i64)])?;
    let Value::Bytes(data) = &got else {
        return Err(type_error("read() didn't return bytes").into());
    };
    let whole = data.len() / size * size;
    {
        let mut b = a.buf.borrow_mut(cx.gil);
        if whole > 0 {
            resize_ok(&a.buf)?;
        }
        b.data.extend_from_slice(&data[..whole]);
    }
    if data.len() < want {
        return Err(PyErr::msg(&types().exc.eof_error, "read() didn't return enough bytes").into());
    }
    none()
}

fn tofile(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("tofile", 2, 2)?;
    let a = this(&args, "tofile")?;
    let data = a.buf.borrow(cx.gil).data.clone();
    let write = cx.getattr(args.at(1), "write")?;
    // CPython writes in blocks of 64 KiB.
    for chunk in data.chunks(64 * 1024) {
        cx.call(&write, vec![Value::Bytes(Arc::new(chunk.to_vec()))])?;
    }
    none()
}

/// `__reduce_ex__`: `(array, (typecode, list), None)`, which any protocol can load.
fn reduce_ex(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = this(&args, "__reduce_ex__")?;
    let b = a.buf.borrow(cx.gil);
    let init = if b.code == b'u' {
        let s: String = b
            .items()?
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        Value::string(s)
    } else {
        Value::list(b.items()?)
    };
    // A subclass's instance is rebuilt as one, then given its attributes back.
    let (cls, dict) = match args.at(0) {
        Value::Instance(i) => (i.class().clone(), Value::Dict(i.dict.clone())),
        _ => (array_type().clone(), Value::None),
    };
    let protocol = match args.get(1) {
        Some(Value::Int(p)) => *p,
        _ => 0,
    };
    if protocol >= 3 {
        // `_array_reconstructor(type(a), typecode, machine format, bytes)` (which
        // makes the array without calling the class, as CPython's).
        return Ok(Value::tuple(vec![
            Value::Native(&FUNCS[0]),
            Value::tuple(vec![
                Value::Type(cls),
                Value::string((b.code as char).to_string()),
                Value::Int(mformat_code(b.code)),
                Value::Bytes(Arc::new(b.data.clone())),
            ]),
            dict,
        ]));
    }
    // `(type(a), (typecode, items), a.__dict__)`: the class is called.
    Ok(Value::tuple(vec![
        Value::Type(cls),
        Value::tuple(vec![Value::string((b.code as char).to_string()), init]),
        dict,
    ]))
}

/// `array._array_reconstructor(cls, typecode, mformat_code, items)` (machine formats
/// of this machine only: the bytes are taken as they are).
fn reconstructor(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_array_reconstructor", 4, 4)?;
    let cls = match args.at(0) {
        Value::Type(t) if t.is_subtype(array_type()) => t.clone(),
        Value::Type(t) => {
            return Err(type_error(format!(
                "{} is not a subtype of array.array",
                t.qualified_name()
            ))
            .into())
        }
        v => {
            return Err(type_error(format!(
                "first argument must be a type object, not {}",
                type_name(v)
            ))
            .into())
        }
    };
    let code = typecode_arg(args.at(1))?;
    let data = bytes_arg(cx.gil, args.at(3))?;
    if data.len() % itemsize(code) != 0 {
        return Err(value_error("bytes length not a multiple of item size").into());
    }
    let v = new_value(code, data);
    if cls.heap {
        return Ok(crate::objects::class::instance_with(cls, v));
    }
    Ok(v)
}

/// CPython's machine format code of a typecode's items on this (little-endian,
/// LP64) machine, for `_array_reconstructor`.
fn mformat_code(code: u8) -> i64 {
    match code {
        b'B' => 0,
        b'b' => 1,
        b'H' => 2,
        b'h' => 4,
        b'I' => 6,
        b'i' => 8,
        b'L' | b'Q' => 10,
        b'l' | b'q' => 12,
        b'f' => 14,
        b'd' => 16,
        _ => 20,
    }
}

fn copy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = this(&args, "__copy__")?;
    let b = a.buf.borrow(cx.gil);
    Ok(new_value(b.code, b.data.clone()))
}

fn deepcopy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    copy(cx, args)
}

fn dunder_len(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = this(&args, "__len__")?;
    Ok(Value::Int(a.buf.borrow(cx.gil).len() as i64))
}

fn dunder_getitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__getitem__", 2, 2)?;
    let a = this(&args, "__getitem__")?;
    Ok(a.get(cx.gil, args.at(1))?)
}

fn dunder_setitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__setitem__", 3, 3)?;
    let a = this(&args, "__setitem__")?;
    a.set(cx.gil, args.at(1), args.at(2).clone())?;
    none()
}

fn dunder_delitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__delitem__", 2, 2)?;
    let a = this(&args, "__delitem__")?;
    a.del(cx.gil, args.at(1))?;
    none()
}

fn dunder_contains(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__contains__", 2, 2)?;
    let a = this(&args, "__contains__")?;
    Ok(Value::bool(
        a.contains(cx.gil, args.at(1)).unwrap_or(Ok(false))?,
    ))
}

/// `a.__add__(b)`: only an array of the same typecode (C's `sq_concat`: a
/// `TypeError`, not `NotImplemented`).
fn dunder_add(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__add__", 1, 1)?;
    let a = this(&args, "__add__")?;
    Ok(concat(cx.gil, a, args.at(1))?)
}

/// `a.__iadd__(b)`: `a` (the instance itself) extended.
fn dunder_iadd(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iadd__", 1, 1)?;
    let a = this(&args, "__iadd__")?;
    match a.binop(cx.gil, args.at(0), "+=", args.at(1), false) {
        Some(r) => Ok(r?),
        None => Ok(Value::NotImplemented),
    }
}

/// The count of `__mul__` and friends (C's `sq_repeat` slot wrapper:
/// `PyNumber_AsSsize_t`).
fn mul_count(cx: &mut Cx, v: &Value) -> PyResult<Value> {
    if repeat_count(v).is_some() {
        return Ok(v.clone());
    }
    if crate::objects::class::special(cx.gil, v, "__index__").is_some() {
        return crate::modules::builtins::number_index(cx, v);
    }
    Err(type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        type_name(v)
    ))
    .into())
}

fn mul_by(cx: &mut Cx, args: Args, name: &str, op: &str) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let a = this(&args, name)?;
    let n = mul_count(cx, args.at(1))?;
    match a.binop(cx.gil, args.at(0), op, &n, false) {
        Some(r) => Ok(r?),
        None => Ok(Value::NotImplemented),
    }
}

fn dunder_mul(cx: &mut Cx, args: Args) -> PyResult<Value> {
    mul_by(cx, args, "__mul__", "*")
}

fn dunder_rmul(cx: &mut Cx, args: Args) -> PyResult<Value> {
    mul_by(cx, args, "__rmul__", "*")
}

fn dunder_imul(cx: &mut Cx, args: Args) -> PyResult<Value> {
    mul_by(cx, args, "__imul__", "*=")
}

/// A rich comparison with another array (`NotImplemented` with anything else).
fn compare_with(cx: &mut Cx, args: Args, name: &str, op: CmpOp) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let a = this(&args, name)?;
    match a.richcmp(cx.gil, op, args.at(1)) {
        Some(r) => Ok(Value::bool(r?)),
        None => Ok(Value::NotImplemented),
    }
}

fn dunder_lt(cx: &mut Cx, args: Args) -> PyResult<Value> {
    compare_with(cx, args, "__lt__", CmpOp::Lt)
}

fn dunder_le(cx: &mut Cx, args: Args) -> PyResult<Value> {
    compare_with(cx, args, "__le__", CmpOp::Le)
}

fn dunder_eq(cx: &mut Cx, args: Args) -> PyResult<Value> {
    compare_with(cx, args, "__eq__", CmpOp::Eq)
}

fn dunder_ne(cx: &mut Cx, args: Args) -> PyResult<Value> {
    compare_with(cx, args, "__ne__", CmpOp::Ne)
}

fn dunder_gt(cx: &mut Cx, args: Args) -> PyResult<Value> {
    compare_with(cx, args, "__gt__", CmpOp::Gt)
}

fn dunder_ge(cx: &mut Cx, args: Args) -> PyResult<Value> {
    compare_with(cx, args, "__ge__", CmpOp::Ge)
}

fn dunder_iter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__iter__", 1, 1)?;
    cx.iter(args.at(0))
}
