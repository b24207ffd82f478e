//! `int` and `float` methods.

use crate::native::*;
use crate::objects::int;

use super::natives;

pub static INT_METHODS: &[crate::objects::function::NativeDef] = natives![
    "bit_length" => bit_length, "bit_count" => bit_count, "conjugate" => conjugate,
    "to_bytes" => to_bytes, "from_bytes" => from_bytes, "__getnewargs__" => super::getnewargs,
];

pub static FLOAT_METHODS: &[crate::objects::function::NativeDef] = natives![
    "is_integer" => is_integer, "conjugate" => conjugate, "as_integer_ratio" => as_integer_ratio,
    "hex" => float_hex, "fromhex" => float_fromhex, "__getformat__" => float_getformat,
    "__getnewargs__" => super::getnewargs,
];

pub static COMPLEX_METHODS: &[crate::objects::function::NativeDef] = natives![
    "conjugate" => complex_conjugate, "__complex__" => complex_complex,
    "__getnewargs__" => complex_getnewargs,
];

fn complex_of(args: &Args, name: &str) -> PyResult<crate::objects::complex::Complex> {
    args.check_method(name, 0, 0)?;
    match crate::objects::class::unwrap_number(args.at(0)) {
        Value::Complex(c) => Ok(*c),
        v => Err(type_error(format!(
            "descriptor '{name}' for 'complex' objects doesn't apply to a '{}' object",
            crate::objects::types::type_name(&v)
        ))
        .into()),
    }
}

fn complex_conjugate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let c = complex_of(&args, "conjugate")?;
    Ok(crate::objects::complex::value(c.re, -c.im))
}

/// `complex.__complex__` (new in 3.11): a plain complex of the same value.
fn complex_complex(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let c = complex_of(&args, "__complex__")?;
    Ok(crate::objects::complex::value(c.re, c.im))
}

fn complex_getnewargs(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let c = complex_of(&args, "__getnewargs__")?;
    Ok(Value::tuple(vec![Value::float(c.re), Value::float(c.im)]))
}

/// Methods of `type` objects themselves (none yet beyond attributes).
pub static TYPE_STATICS: &[crate::objects::function::NativeDef] = natives![];

fn bit_length(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("bit_length", 0, 0)?;
    let b = int::to_big(args.at(0)).unwrap_or_default();
    Ok(Value::Int(b.bits() as i64))
}

fn bit_count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("bit_count", 0, 0)?;
    let b = int::to_big(args.at(0)).unwrap_or_default();
    let ones: u64 = b
        .magnitude()
        .iter_u64_digits()
        .map(|d| d.count_ones() as u64)
        .sum();
    Ok(Value::Int(ones as i64))
}

fn conjugate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(match args.at(0) {
        Value::Bool(b) => Value::Int(*b as i64),
        v => v.clone(),
    })
}

fn to_bytes(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let length = args
        .take_kw("length")
        .or_else(|| args.get(1).cloned())
        .unwrap_or(Value::Int(1));
    let order = args
        .take_kw("byteorder")
        .or_else(|| args.get(2).cloned())
        .unwrap_or(Value::str("big"));
    let signed = match args.take_kw("signed") {
        Some(v) => crate::objects::value::truthy(_cx.gil, &v),
        None => false,
    };
    args.no_kw_left("to_bytes")?;
    let n = arg_int(&length, "")?;
    let big_endian = match order.as_str() {
        Some("little") => false,
        Some("big") => true,
        _ => return Err(value_error("byteorder must be either 'little' or 'big'").into()),
    };
    if n < 0 {
        return Err(value_error("length argument must be non-negative").into());
    }
    check_size(n)?;
    let n = n as usize;
    // Borrowed, and written straight into the result: the int may be most of the
    // memory there is (fuzz: `(2**2147483648).to_bytes(...)` aborted).
    let b = int::big_ref(args.at(0)).unwrap_or_default();
    let negative = b.sign() == num_bigint::Sign::Minus;
    if negative && !signed {
        return Err(overflow_error("can't convert negative int to unsigned").into());
    }
    let bits = b.bits();
    let len = match (bits, signed) {
        (0, _) => 0,
        // Room for the sign bit.
        (_, true) => bits / 8 + 1,
        (_, false) => bits.div_ceil(8),
    };
    if len > n as u64 && !negative {
        return Err(overflow_error("int too big to convert").into());
    }
    let mut out: Vec<u8> = Vec::new();
    crate::objects::memory::reserve(&mut out, n + 8)?;
    if negative {
        // Two's complement: the shortest form, then sign-extended to `n`.
        let mut bytes = b.to_signed_bytes_le();
        if bytes == [0xff] && n == 0 {
            // -1: no byte at all is its sign extended (as CPython has it).
            bytes.clear();
        }
        if bytes.len() > n {
            return Err(overflow_error("int too big to convert").into());
        }
        out.extend(bytes);
    } else {
        for d in b.magnitude().iter_u64_digits() {
            out.extend_from_slice(&d.to_le_bytes());
        }
        out.truncate(len as usize);
    }
    out.resize(n, if negative { 0xff } else { 0 });
    if big_endian {
        out.reverse();
    }
    Ok(Value::Bytes(crate::objects::rc::Arc::new(out)))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (called on the type).
fn from_bytes(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let int_t = crate::objects::types::types().int.clone();
    let cls = super::class_arg(&mut args, &int_t);
    let data = args.take_kw("bytes").or_else(|| args.get(0).cloned());
    let order = args
        .take_kw("byteorder")
        .or_else(|| args.get(1).cloned())
        .unwrap_or(Value::str("big"));
    let signed = match args.take_kw("signed") {
        Some(v) => crate::objects::value::truthy(cx.gil, &v),
        None => false,
    };
    args.no_kw_left("from_bytes")?;
    let Some(data) = data else {
        return Err(type_error("from_bytes() missing required argument 'bytes' (pos 1)").into());
    };
    let data = crate::objects::class::unwrap_payload(&data);
    let mut b: Vec<u8> = match &data {
        Value::Bytes(b) => crate::objects::memory::copy(b)?,
        Value::ByteArray(b) => crate::objects::memory::copy(&b.borrow(cx.gil))?,
        Value::Str(_) => {
            return Err(type_error("cannot convert 'str' object to bytes").into());
        }
        v => {
            let mut out = Vec::new();
            for x in cx.collect(v)? {
                let i = arg_int(&x, "")?;
                out.push(
                    u8::try_from(i).map_err(|_| value_error("bytes must be in range(0, 256)"))?,
                );
            }
            out
        }
    };
    match order.as_str() {
        Some("little") => b.reverse(),
        Some("big") => {}
        _ => return Err(value_error("byteorder must be either 'little' or 'big'").into()),
    }
    // The digits made from the bytes (and a copy when negative).
    crate::objects::memory::room(2 * b.len() as u128)?;
    let n = match signed {
        true => num_bigint::BigInt::from_signed_bytes_be(&b),
        false => num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &b),
    };
    super::for_subclass(cx, cls, &int_t, int::normalize(n))
}

fn is_integer(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("is_integer", 0, 0)?;
    let Value::Float(f) = args.at(0) else {
        return Ok(Value::bool(true));
    };
    let f = f.get();
    Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
}

fn as_integer_ratio(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Value::Float(f) = args.at(0) else {
        return Ok(Value::tuple(vec![args.at(0).clone(), Value::Int(1)]));
    };
    let f = &f.get();
    if f.is_infinite() {
        return Err(overflow_error("cannot convert Infinity to integer ratio").into());
    }
    if f.is_nan() {
        return Err(value_error("cannot convert NaN to integer ratio").into());
    }
    // Exact: the float's bits as mantissa * 2**exp, reduced by the shared twos (a
    // large float is an integer far past i128: `(1e100).as_integer_ratio()`).
    let bits = f.to_bits();
    let neg = bits >> 63 != 0;
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    if mant == 0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    while exp < 0 && mant & 1 == 0 {
        mant >>= 1;
        exp += 1;
    }
    let mut n = num_bigint::BigInt::from(mant);
    let mut den = num_bigint::BigInt::from(1);
    if exp >= 0 {
        n <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    if neg {
        n = -n;
    }
    Ok(Value::tuple(vec![int::normalize(n), int::normalize(den)]))
}

/// `frexp`: `x = m * 2**e` with `0.5 <= |m| < 1` (finite, non-zero `x`).
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff_u64 << 52)) | (1022_u64 << 52));
    (m, exp - 1022)
}

/// `float.hex()`: CPython's `0x1.8000000000000p+0` form.
fn float_hex(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("hex", 0, 0)?;
    let x = match crate::objects::class::unwrap_number(args.at(0)) {
        Value::Float(f) => f.get(),
        v => {
            return Err(type_error(format!(
                "descriptor 'hex' for 'float' objects doesn't apply to a '{}' object",
                crate::objects::types::type_name(&v)
            ))
            .into())
        }
    };
    if x.is_nan() {
        return Ok(Value::str("nan"));
    }
    if x.is_infinite() {
        return Ok(Value::str(if x < 0.0 { "-inf" } else { "inf" }));
    }
    if x == 0.0 {
        return Ok(Value::str(if x.is_sign_negative() {
            "-0x0.0p+0"
        } else {
            "0x0.0p+0"
        }));
    }
    let (m, mut e) = frexp(x.abs());
    // DBL_MIN_EXP is -1021: subnormals keep a leading 0.
    let shift = 1 - (-1021 - e).max(0);
    let mut m = m * 2f64.powi(shift);
    e -= shift;
    let hex = |d: f64| char::from_digit(d as u32, 16).unwrap_or('0');
    let mut s = String::new();
    s.push(hex(m.trunc()));
    m -= m.trunc();
    s.push('.');
    for _ in 0..13 {
        m *= 16.0;
        s.push(hex(m.trunc()));
        m -= m.trunc();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let esign = if e < 0 { '-' } else { '+' };
    Ok(Value::string(format!("{sign}0x{s}p{esign}{}", e.abs())))
}

/// `float.fromhex(s)` (a class method: `cls` is bound first): the hexadecimal string
/// rounded to the nearest float, ties to even, as CPython.
/// `float.__getformat__(typestr)`: how C doubles and floats are stored (what
/// `test.support` and `pickle` ask).
fn float_getformat(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let float_t = crate::objects::types::types().float.clone();
    let _ = super::class_arg(&mut args, &float_t);
    args.check("__getformat__", 1, 1)?;
    match args.at(0) {
        Value::Str(s) if matches!(s.as_str(), "double" | "float") => {
            Ok(Value::str("IEEE, little-endian"))
        }
        Value::Str(_) => {
            Err(value_error("__getformat__() argument 1 must be 'double' or 'float'").into())
        }
        v => Err(type_error(format!(
            "float.__getformat__() argument must be str, not {}",
            crate::objects::types::type_name(v)
        ))
        .into()),
    }
}

fn float_fromhex(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let float_t = crate::objects::types::types().float.clone();
    let cls = super::class_arg(&mut args, &float_t);
    args.check("fromhex", 1, 1)?;
    let Value::Str(text) = args.at(0) else {
        return Err(type_error(format!(
            "must be str, not {}",
            crate::objects::types::type_name(args.at(0))
        ))
        .into());
    };
    let x = parse_hex_float(text.as_str())?;
    super::for_subclass(cx, cls, &float_t, Value::float(x))
}

fn parse_hex_float(text: &str) -> Result<f64, PyErr> {
    let invalid = || value_error("invalid hexadecimal floating-point string");
    let s = text.trim();
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = s.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Ok(if neg { -v } else { v });
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp) = match body.find('p') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(invalid());
    }
    let mut m = num_bigint::BigUint::from(0u32);
    for c in int_part.chars().chain(frac_part.chars()) {
        let d = c.to_digit(16).ok_or_else(invalid)?;
        m = (m << 4u32) + d;
    }
    let mut e: i64 = -4 * frac_part.len() as i64;
    if let Some(x) = exp {
        let digits = x.strip_prefix(['+', '-']).unwrap_or(x);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        // Exponents beyond any float's range saturate (they overflow or vanish).
        let v: i64 = digits.parse().unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
        e += if x.starts_with('-') { -v } else { v };
    }
    let signed = |v: f64| if neg { -v } else { v };
    if m.bits() == 0 {
        return Ok(signed(0.0));
    }
    let len = m.bits() as i64;
    let too_large = || {
        PyErr::msg(
            &crate::objects::types::types().exc.overflow_error,
            "hexadecimal value too large to represent as a float",
        )
    };
    if len + e > 1025 {
        return Err(too_large());
    }
    // The weight of the last bit kept: 53 significant bits, no finer than 2**-1074.
    let lsb = (len - 53 + e).max(-1074);
    let shift = lsb - e;
    let mut q = if shift <= 0 {
        m << ((-shift) as u64)
    } else if shift > len + 1 {
        num_bigint::BigUint::from(0u32)
    } else {
        let sh = shift as u64;
        let q = &m >> sh;
        let rem = &m - (&q << sh);
        let half = num_bigint::BigUint::from(1u32) << (sh - 1);
        let odd = q.bit(0);
        if rem > half || (rem == half && odd) {
            q + 1u32
        } else {
            q
        }
    };
    let mut lsb = lsb;
    if q.bits() == 54 {
        q >>= 1u32;
        lsb += 1;
    }
    let qv: u64 = q.iter_u64_digits().next().unwrap_or(0);
    if qv == 0 {
        return Ok(signed(0.0));
    }
    let bits = if q.bits() == 53 {
        let field = lsb + 52 + 1023;
        if field > 2046 {
            return Err(too_large());
        }
        ((field as u64) << 52) | (qv & ((1u64 << 52) - 1))
    } else {
        qv
    };
    Ok(signed(f64::from_bits(bits)))
}
