//! `int` and `float` methods.

use crate::native::*;
use crate::objects::int;

use super::natives;

pub static INT_METHODS: &[crate::objects::function::NativeDef] = natives![
    "bit_length" => bit_length, "bit_count" => bit_count, "conjugate" => conjugate,
    "to_bytes" => to_bytes, "from_bytes" => from_bytes,
];

pub static FLOAT_METHODS: &[crate::objects::function::NativeDef] = natives![
    "is_integer" => is_integer, "conjugate" => conjugate, "as_integer_ratio" => as_integer_ratio,
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
    Ok(Value::tuple(vec![Value::Float(c.re), Value::Float(c.im)]))
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
    if n < 0 {
        return Err(value_error("length argument must be non-negative").into());
    }
    check_size(n)?;
    let n = n as usize;
    let b = int::to_big(args.at(0)).unwrap_or_default();
    let negative = b.sign() == num_bigint::Sign::Minus;
    if negative && !signed {
        return Err(overflow_error("can't convert negative int to unsigned").into());
    }
    // Two's complement when signed: the shortest form, then sign-extended to `n`.
    let mut bytes = match signed {
        true => b.to_signed_bytes_be(),
        false => b.to_bytes_be().1,
    };
    if b.bits() == 0 {
        bytes.clear();
    }
    if bytes.len() > n {
        return Err(overflow_error("int too big to convert").into());
    }
    let mut out = vec![if negative { 0xff } else { 0 }; n - bytes.len()];
    out.extend(bytes);
    match order.as_str() {
        Some("little") => out.reverse(),
        Some("big") => {}
        _ => return Err(value_error("byteorder must be either 'little' or 'big'").into()),
    }
    Ok(Value::Bytes(std::sync::Arc::new(out)))
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
        Value::Bytes(b) => b.to_vec(),
        Value::ByteArray(b) => b.borrow(cx.gil).clone(),
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
    let n = match signed {
        true => num_bigint::BigInt::from_signed_bytes_be(&b),
        false => num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &b),
    };
    super::for_subclass(cx, cls, &int_t, int::normalize(n))
}

fn is_integer(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("is_integer", 0, 0)?;
    let Value::Float(f) = args.at(0) else {
        return Ok(Value::Bool(true));
    };
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

fn as_integer_ratio(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Value::Float(f) = args.at(0) else {
        return Ok(Value::tuple(vec![args.at(0).clone(), Value::Int(1)]));
    };
    if f.is_infinite() {
        return Err(overflow_error("cannot convert Infinity to integer ratio").into());
    }
    if f.is_nan() {
        return Err(value_error("cannot convert NaN to integer ratio").into());
    }
    let (mut num, mut den) = (*f, num_bigint::BigInt::from(1));
    while num.fract() != 0.0 {
        num *= 2.0;
        den *= 2;
    }
    let n = num_bigint::BigInt::from(num as i128);
    let g = num_integer::Integer::gcd(&n, &den);
    let g = if g == num_bigint::BigInt::from(0) {
        num_bigint::BigInt::from(1)
    } else {
        g
    };
    Ok(Value::tuple(vec![
        int::normalize(&n / &g),
        int::normalize(&den / &g),
    ]))
}
