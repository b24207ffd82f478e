//! The `struct` module: `pack`, `unpack`, `calcsize`, `pack_into`, `unpack_from` and
//! `iter_unpack` for CPython's format language, with `struct.error` and its messages.
//!
//! ```text
//!  "<2hxq"  ->  order '<' (little, standard sizes, no alignment)
//!               [h x2 @0] [x @4] [q @5]          size 13
//!  "@bq"    ->  order '@' (native: x86-64 sizes, each item aligned to its size)
//!               [b @0] (7 pad) [q @8]            size 16
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::int;
use crate::objects::module::Module;
use crate::objects::types::{type_name, types, Kind, PyType};

static STRUCT: OnceLock<Arc<Module>> = OnceLock::new();
static ERROR: OnceLock<Arc<PyType>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "pack" => pack, "unpack" => unpack, "calcsize" => calcsize, "pack_into" => pack_into,
    "unpack_from" => unpack_from, "iter_unpack" => iter_unpack,
];

/// The `struct` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    STRUCT.get_or_init(|| {
        let m = Module::new("struct");
        for f in FUNCS {
            m.set(gil, f.name, Value::Native(f));
        }
        m.set(gil, "error", Value::Type(error_type().clone()));
        Arc::new(m)
    })
}

/// `struct.error`, a subclass of `Exception`.
fn error_type() -> &'static Arc<PyType> {
    ERROR.get_or_init(|| {
        Arc::new(PyType {
            name: "error".to_owned(),
            base: Some(types().exc.exception.clone()),
            kind: Kind::Exception,
        })
    })
}

fn error(msg: impl Into<String>) -> PyErr {
    PyErr::msg(error_type(), msg)
}

/// One format code with its repeat count, placed at `offset`.
#[derive(Clone, Copy)]
struct Item {
    code: u8,
    /// Repeat count; for `s` and `p`, the byte length of the one field.
    count: usize,
    /// Size of one value in bytes.
    size: usize,
    offset: usize,
}

impl Item {
    /// How many Python values the item packs or unpacks.
    fn values(&self) -> usize {
        match self.code {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => self.count,
        }
    }
}

/// A parsed format: byte order, items, total size and value count.
struct Layout {
    little: bool,
    /// `@`: native sizes, alignment, and C-cast semantics for `f`.
    native: bool,
    items: Vec<Item>,
    size: usize,
    values: usize,
}

/// Size of one value of `code`, or `None` for a bad code.
fn code_size(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

/// The parsed layout of a format, from a per-thread cache of recent formats (CPython
/// keeps such a cache of `Struct` objects too): parsing per call would cost more
/// than packing.
fn layout(fmt: &Value) -> Result<Rc<Layout>, PyErr> {
    let text: &[u8] = match fmt {
        Value::Str(s) => s.as_str().as_bytes(),
        Value::Bytes(b) => b,
        _ => return parse(fmt).map(Rc::new),
    };
    CACHE.with(|c| {
        if let Some(l) = c.borrow().get(text) {
            return Ok(l.clone());
        }
        let l = Rc::new(parse(fmt)?);
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_SIZE {
            c.clear();
        }
        c.insert(text.to_vec(), l.clone());
        Ok(l)
    })
}

/// How many formats the cache keeps before it starts over.
const CACHE_SIZE: usize = 100;

thread_local! {
    static CACHE: RefCell<HashMap<Vec<u8>, Rc<Layout>>> = RefCell::new(HashMap::new());
}

fn parse(fmt: &Value) -> Result<Layout, PyErr> {
    let text: &[u8] = match fmt {
        Value::Str(s) => s.as_str().as_bytes(),
        Value::Bytes(b) => b,
        v => {
            return Err(type_error(format!(
                "Struct() argument 1 must be a str or bytes object, not {}",
                type_name(v)
            )))
        }
    };
    let (order, rest) = match text.first() {
        Some(c @ (b'@' | b'=' | b'<' | b'>' | b'!')) => (*c, &text[1..]),
        _ => (b'@', text),
    };
    let native = order == b'@';
    let little = matches!(order, b'@' | b'=' | b'<');
    let too_long = || error("total struct size too long");
    let mut items = Vec::new();
    let (mut size, mut values) = (0usize, 0usize);
    let mut i = 0;
    while i < rest.len() {
        let c = rest[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count = 1usize;
        if c.is_ascii_digit() {
            count = 0;
            while i < rest.len() && rest[i].is_ascii_digit() {
                count = count
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((rest[i] - b'0') as usize))
                    .ok_or_else(too_long)?;
                i += 1;
            }
            if i >= rest.len() {
                return Err(error("repeat count given without format specifier"));
            }
        }
        let code = rest[i];
        i += 1;
        let one = code_size(code, native).ok_or_else(|| error("bad char in struct format"))?;
        if native && one > 1 {
            size = size.checked_add(one - 1).ok_or_else(too_long)? / one * one;
        }
        let item = Item {
            code,
            count,
            size: one,
            offset: size,
        };
        size = count
            .checked_mul(one)
            .and_then(|n| n.checked_add(size))
            .filter(|n| *n <= isize::MAX as usize)
            .ok_or_else(too_long)?;
        values += item.values();
        items.push(item);
    }
    Ok(Layout {
        little,
        native,
        items,
        size,
        values,
    })
}

fn calcsize(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("calcsize", 1, 1)?;
    Ok(Value::Int(layout(args.at(0))?.size as i64))
}

/// Integer range of a code: (min, max, message when outside it but inside 64 bits).
fn int_range(code: u8, native: bool) -> (i128, i128, Option<&'static str>) {
    match code {
        b'b' => (
            -128,
            127,
            Some("byte format requires -128 <= number <= 127"),
        ),
        b'B' => (0, 255, Some("ubyte format requires 0 <= number <= 255")),
        b'h' => (
            -32768,
            32767,
            Some("short format requires -32768 <= number <= 32767"),
        ),
        b'H' => (
            0,
            65535,
            Some("ushort format requires 0 <= number <= 65535"),
        ),
        b'i' => (
            i32::MIN as i128,
            i32::MAX as i128,
            Some("'i' format requires -2147483648 <= number <= 2147483647"),
        ),
        b'I' => (
            0,
            u32::MAX as i128,
            Some("'I' format requires 0 <= number <= 4294967295"),
        ),
        b'l' if !native => (
            i32::MIN as i128,
            i32::MAX as i128,
            Some("'l' format requires -2147483648 <= number <= 2147483647"),
        ),
        b'L' if !native => (
            0,
            u32::MAX as i128,
            Some("'L' format requires 0 <= number <= 4294967295"),
        ),
        b'l' | b'q' | b'n' => (i64::MIN as i128, i64::MAX as i128, None),
        b'P' => (i64::MIN as i128, u64::MAX as i128, None),
        _ => (0, u64::MAX as i128, None),
    }
}

/// Codes CPython converts with an unsigned C conversion (a negative number is
/// "argument out of range" rather than the range message).
fn unsigned_conversion(code: u8) -> bool {
    matches!(code, b'I' | b'L' | b'Q' | b'N')
}

fn pack_int(code: u8, native: bool, v: &Value, out: &mut [u8], little: bool) -> Result<(), PyErr> {
    let n: i128 = match v {
        Value::Int(i) => *i as i128,
        Value::Bool(b) => *b as i128,
        Value::Big(b) => b.to_i128().unwrap_or(i128::MAX),
        _ => return Err(error("required argument is not an integer")),
    };
    let (lo, hi, msg) = int_range(code, native);
    let out_of_range = || error("argument out of range");
    // Beyond 64 bits, or negative for an unsigned C conversion: CPython's C-level
    // conversion fails before the range check.
    if n < i64::MIN as i128 || n > u64::MAX as i128 || (n < 0 && unsigned_conversion(code)) {
        return Err(out_of_range());
    }
    if n > i64::MAX as i128 && !(unsigned_conversion(code) || code == b'P') {
        return Err(out_of_range());
    }
    if n < lo || n > hi {
        return Err(msg.map_or_else(out_of_range, error));
    }
    let bytes = if little {
        (n as u64).to_le_bytes()
    } else {
        (n as u64).to_be_bytes()
    };
    let w = out.len();
    if little {
        out.copy_from_slice(&bytes[..w]);
    } else {
        out.copy_from_slice(&bytes[8 - w..]);
    }
    Ok(())
}

fn float_arg(v: &Value) -> Result<f64, PyErr> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => int::to_f64(v),
        _ => Err(error("required argument is not a float")),
    }
}

/// IEEE 754 binary16 from a double, rounding half to even: CPython's
/// `PyFloat_Pack2`, step for step.
fn to_half(x: f64) -> Result<u16, PyErr> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Ok(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Ok(sign | 0x7c00);
    }
    if x == 0.0 {
        return Ok(sign);
    }
    let (mut f, mut e) = super::math::frexp_f(x.abs());
    // Normalize f to [1.0, 2.0).
    f *= 2.0;
    e -= 1;
    if e >= 16 {
        return Err(overflow_error("float too large to pack with e format"));
    } else if e < -25 {
        f = 0.0;
        e = 0;
    } else if e < -14 {
        f *= 2f64.powi((14 + e) as i32);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    let mut bits = f as u16;
    let rest = f - bits as f64;
    if rest > 0.5 || (rest == 0.5 && bits % 2 == 1) {
        bits += 1;
        if bits == 1024 {
            bits = 0;
            e += 1;
            if e == 31 {
                return Err(overflow_error("float too large to pack with e format"));
            }
        }
    }
    Ok(sign | ((e as u16) << 10) | bits)
}

fn from_half(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    sign * match e {
        0 => f * 2f64.powi(-24),
        31 => {
            if f == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        _ => (1.0 + f / 1024.0) * 2f64.powi(e - 15),
    }
}

fn put(out: &mut [u8], bytes: &[u8], little: bool) {
    out.copy_from_slice(bytes);
    if !little {
        out.reverse();
    }
}

/// Pack `vals` by `lay` into `out` (zeroed, `lay.size` long).
fn pack_values(cx: &mut Cx, lay: &Layout, vals: &[Value], out: &mut [u8]) -> PyResult<()> {
    let mut vi = 0;
    for it in &lay.items {
        match it.code {
            b'x' => continue,
            b's' | b'p' => {
                let v = &vals[vi];
                vi += 1;
                let data: Vec<u8> = match v {
                    Value::Bytes(b) => b.to_vec(),
                    Value::ByteArray(b) => b.borrow(cx.gil).clone(),
                    _ => {
                        let c = it.code as char;
                        return Err(
                            error(format!("argument for '{c}' must be a bytes object")).into()
                        );
                    }
                };
                let field = &mut out[it.offset..it.offset + it.count];
                if it.code == b's' {
                    let n = data.len().min(it.count);
                    field[..n].copy_from_slice(&data[..n]);
                } else if it.count > 0 {
                    let n = data.len().min(it.count - 1);
                    field[1..1 + n].copy_from_slice(&data[..n]);
                    field[0] = n.min(255) as u8;
                }
                continue;
            }
            _ => {}
        }
        for k in 0..it.count {
            let v = &vals[vi];
            vi += 1;
            let at = it.offset + k * it.size;
            let slot = &mut out[at..at + it.size];
            match it.code {
                b'c' => match v {
                    // Only `bytes` (CPython refuses a bytearray here, unlike for `s`).
                    Value::Bytes(b) if b.len() == 1 => slot[0] = b[0],
                    _ => {
                        return Err(error("char format requires a bytes object of length 1").into())
                    }
                },
                b'?' => slot[0] = cx.truthy(v)? as u8,
                b'e' => put(slot, &to_half(float_arg(v)?)?.to_le_bytes(), lay.little),
                b'f' => {
                    let x = float_arg(v)?;
                    let y = x as f32;
                    if y.is_infinite() && x.is_finite() && !lay.native {
                        return Err(overflow_error("float too large to pack with f format").into());
                    }
                    put(slot, &y.to_le_bytes(), lay.little)
                }
                b'd' => put(slot, &float_arg(v)?.to_le_bytes(), lay.little),
                code => pack_int(code, lay.native, v, slot, lay.little)?,
            }
        }
    }
    Ok(())
}

fn check_count(lay: &Layout, got: usize, what: &str) -> Result<(), PyErr> {
    if got != lay.values {
        return Err(error(format!(
            "{what} expected {} items for packing (got {got})",
            lay.values
        )));
    }
    Ok(())
}

fn pack(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.is_empty() {
        return Err(type_error("missing format argument").into());
    }
    args.check("pack", 1, usize::MAX)?;
    let lay = layout(args.at(0))?;
    check_count(&lay, args.len() - 1, "pack")?;
    let mut out = Vec::new();
    out.try_reserve_exact(lay.size)
        .map_err(|_| PyErr::new(&types().exc.memory_error, vec![]))?;
    out.resize(lay.size, 0);
    pack_values(cx, &lay, &args.pos[1..], &mut out)?;
    Ok(Value::Bytes(Arc::new(out)))
}

fn pack_into(cx: &mut Cx, args: Args) -> PyResult<Value> {
    match args.len() {
        0 | 1 => return Err(type_error("pack_into expected buffer argument").into()),
        2 => return Err(type_error("pack_into expected offset argument").into()),
        _ => {}
    }
    args.check("pack_into", 3, usize::MAX)?;
    let lay = layout(args.at(0))?;
    let Value::ByteArray(buf) = args.at(1) else {
        return Err(type_error(format!(
            "argument must be read-write bytes-like object, not {}",
            type_name(args.at(1))
        ))
        .into());
    };
    check_count(&lay, args.len() - 3, "pack_into")?;
    let len = buf.borrow(cx.gil).len();
    let offset = arg_int(args.at(2), "")?;
    let start = if offset < 0 {
        if offset.unsigned_abs() < lay.size as u64 {
            return Err(error(format!(
                "no space to pack {} bytes at offset {offset}",
                lay.size
            ))
            .into());
        }
        if offset.unsigned_abs() as usize > len {
            return Err(error(format!(
                "offset {offset} out of range for {len}-byte buffer"
            ))
            .into());
        }
        len - offset.unsigned_abs() as usize
    } else {
        offset as usize
    };
    if start > len || len - start < lay.size {
        return Err(error(format!(
            "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {start} (actual buffer size is {len})",
            lay.size.saturating_add(start),
            lay.size
        ))
        .into());
    }
    let mut out = vec![0u8; lay.size];
    pack_values(cx, &lay, &args.pos[3..], &mut out)?;
    buf.borrow_mut(cx.gil)[start..start + lay.size].copy_from_slice(&out);
    Ok(Value::None)
}

fn get<const W: usize>(b: &[u8], little: bool) -> [u8; W] {
    let mut a = [0u8; W];
    a.copy_from_slice(b);
    if !little {
        a.reverse();
    }
    a
}

/// Unpack `data` (exactly `lay.size` bytes) into a tuple.
fn unpack_values(lay: &Layout, data: &[u8]) -> Value {
    let mut out = Vec::with_capacity(lay.values);
    let le = lay.little;
    for it in &lay.items {
        let field = &data[it.offset..it.offset + it.count * it.size];
        match it.code {
            b'x' => continue,
            b's' => {
                out.push(Value::Bytes(Arc::new(field.to_vec())));
                continue;
            }
            b'p' => {
                let n = field
                    .first()
                    .map_or(0, |n| (*n as usize).min(it.count.saturating_sub(1)));
                out.push(Value::Bytes(Arc::new(
                    field[1.min(field.len())..1.min(field.len()) + n].to_vec(),
                )));
                continue;
            }
            _ => {}
        }
        for b in field.chunks_exact(it.size) {
            out.push(match it.code {
                b'c' => Value::Bytes(Arc::new(b.to_vec())),
                b'?' => Value::Bool(b[0] != 0),
                b'b' => Value::Int(b[0] as i8 as i64),
                b'B' => Value::Int(b[0] as i64),
                b'h' => Value::Int(i16::from_le_bytes(get(b, le)) as i64),
                b'H' => Value::Int(u16::from_le_bytes(get(b, le)) as i64),
                b'i' => Value::Int(i32::from_le_bytes(get(b, le)) as i64),
                b'I' => Value::Int(u32::from_le_bytes(get(b, le)) as i64),
                b'l' | b'L' if it.size == 4 => {
                    let u = u32::from_le_bytes(get(b, le));
                    Value::Int(if it.code == b'l' {
                        u as i32 as i64
                    } else {
                        u as i64
                    })
                }
                b'l' | b'q' | b'n' => Value::Int(i64::from_le_bytes(get(b, le))),
                b'e' => Value::Float(from_half(u16::from_le_bytes(get(b, le)))),
                b'f' => Value::Float(f32::from_le_bytes(get(b, le)) as f64),
                b'd' => Value::Float(f64::from_le_bytes(get(b, le))),
                _ => Value::big(BigInt::from(u64::from_le_bytes(get(b, le)))),
            });
        }
    }
    Value::tuple(out)
}

/// Run `f` on the bytes of a bytes-like argument, without copying them.
fn with_buffer<R>(gil: Gil<'_>, v: &Value, f: impl FnOnce(&[u8]) -> R) -> Result<R, PyErr> {
    match v {
        Value::Bytes(b) => Ok(f(b)),
        Value::ByteArray(b) => Ok(f(&b.borrow(gil))),
        _ => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))),
    }
}

fn unpack(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("unpack", 2, 2)?;
    let lay = layout(args.at(0))?;
    let r = with_buffer(cx.gil, args.at(1), |data| {
        if data.len() != lay.size {
            return Err(error(format!(
                "unpack requires a buffer of {} bytes",
                lay.size
            )));
        }
        Ok(unpack_values(&lay, data))
    })?;
    Ok(r?)
}

fn unpack_from(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let offset = args.take_kw("offset");
    if let Some(b) = args.take_kw("buffer") {
        args.pos.push(b);
    }
    if let Some(o) = offset {
        args.pos.push(o);
    }
    args.check("unpack_from", 2, 3)?;
    let lay = layout(args.at(0))?;
    let offset = match args.get(2) {
        Some(o) => arg_int(o, "")?,
        None => 0,
    };
    let r = with_buffer(cx.gil, args.at(1), |data| {
        let len = data.len();
        let start = if offset < 0 {
            if offset.unsigned_abs() < lay.size as u64 {
                return Err(error(format!(
                    "not enough data to unpack {} bytes at offset {offset}",
                    lay.size
                )));
            }
            if offset.unsigned_abs() as usize > len {
                return Err(error(format!(
                    "offset {offset} out of range for {len}-byte buffer"
                )));
            }
            len - offset.unsigned_abs() as usize
        } else {
            offset as usize
        };
        if start > len || len - start < lay.size {
            return Err(error(format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {start} (actual buffer size is {len})",
                lay.size.saturating_add(start),
                lay.size
            )));
        }
        Ok(unpack_values(&lay, &data[start..start + lay.size]))
    })?;
    Ok(r?)
}

/// `iter_unpack`: an iterator over the unpacked records (a list iterator here).
fn iter_unpack(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("iter_unpack", 2, 2)?;
    let lay = layout(args.at(0))?;
    if lay.size == 0 {
        return Err(error("cannot iteratively unpack with a struct of length 0").into());
    }
    let records = with_buffer(cx.gil, args.at(1), |data| {
        if data.len() % lay.size != 0 {
            return Err(error(format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                lay.size
            )));
        }
        Ok(data
            .chunks_exact(lay.size)
            .map(|c| unpack_values(&lay, c))
            .collect::<Vec<Value>>())
    })??;
    cx.iter(&Value::list(records))
}
