//! `struct`'s value codecs: integers with CPython's range checks and messages, IEEE
//! half/single/double floats, chars, bools and byte strings, packed into and
//! unpacked from a layout's slots.

use crate::objects::rc::Arc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::{error, Layout};
use crate::native::*;
use crate::objects::int;

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
        Value::Bool(b) => b.get() as i128,
        Value::Big(b) => b.to_i128().unwrap_or(i128::MAX),
        // An `int` subclass's value.
        Value::Instance(i) if int::is_int(&i.base) => {
            return pack_int(code, native, &i.base, out, little)
        }
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
        Value::Float(f) => Ok(f.get()),
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => int::to_f64(v),
        // An `int` or `float` subclass's value.
        Value::Instance(i) if matches!(i.base, Value::Int(_) | Value::Big(_) | Value::Float(_)) => {
            float_arg(&i.base)
        }
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
    let (mut f, mut e) = crate::modules::math::frexp_f(x.abs());
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
pub fn pack_values(cx: &mut Cx, lay: &Layout, vals: &[Value], out: &mut [u8]) -> PyResult<()> {
    let mut vi = 0;
    for it in &lay.items {
        match it.code {
            b'x' => continue,
            b's' | b'p' => {
                // (A `bytes` subclass packs its bytes.)
                let v = &crate::objects::class::unwrap_payload(&vals[vi]);
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
                code => {
                    // An object with `__index__` packs as what it returns (an int;
                    // `get_pylong`), anything else not an int is refused.
                    if let Value::Instance(i) = v {
                        if !crate::objects::int::is_int(&i.base) {
                            if let Some(f) = crate::objects::class::special(cx.gil, v, "__index__")
                            {
                                let r = cx.call(&f, vec![v.clone()])?;
                                if !crate::objects::int::is_int(
                                    &crate::objects::class::unwrap_payload(&r),
                                ) {
                                    return Err(type_error(format!(
                                        "__index__ returned non-int (type {})",
                                        crate::objects::types::type_name(&r)
                                    ))
                                    .into());
                                }
                                let r = crate::objects::class::unwrap_payload(&r);
                                pack_int(code, lay.native, &r, slot, lay.little)?;
                                continue;
                            }
                        }
                    }
                    pack_int(code, lay.native, v, slot, lay.little)?
                }
            }
        }
    }
    Ok(())
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
pub fn unpack_values(lay: &Layout, data: &[u8]) -> Value {
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
                b'?' => Value::bool(b[0] != 0),
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
                b'e' => Value::float(from_half(u16::from_le_bytes(get(b, le)))),
                b'f' => Value::float(f32::from_le_bytes(get(b, le)) as f64),
                b'd' => Value::float(f64::from_le_bytes(get(b, le))),
                _ => Value::big(BigInt::from(u64::from_le_bytes(get(b, le)))),
            });
        }
    }
    Value::tuple(out)
}
