//! `math`'s exact integer functions (`gcd`, `lcm`, `factorial`, `comb`, `perm`,
//! `isqrt`) on big ints, and `prod`.

use crate::objects::rc::Arc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::{to_f64, to_int};
use crate::native::*;
use crate::objects::gil::Gil;
use crate::objects::int;
use crate::objects::types::type_name;

pub fn prod(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start").unwrap_or(Value::Int(1));
    args.no_kw_left("prod")?;
    if args.len() != 1 {
        // `start` is keyword-only: Argument Clinic counts positional arguments alone.
        return Err(type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.len()
        ))
        .into());
    }
    let it = cx.iter(args.at(0))?;
    let mut acc = start;
    while let Some(v) = cx.next(&it)? {
        acc = mul(cx.gil, &acc, &v)?;
    }
    Ok(acc)
}

/// `a * b` for numbers and sequence repetition (what `prod` multiplies).
fn mul(gil: Gil<'_>, a: &Value, b: &Value) -> Result<Value, PyErr> {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => Ok(Value::float(x.get() * y.get())),
        (Value::Float(_), _) | (_, Value::Float(_))
            if (int::is_int(a) || matches!(a, Value::Float(_)))
                && (int::is_int(b) || matches!(b, Value::Float(_))) =>
        {
            Ok(Value::float(to_f64(a)? * to_f64(b)?))
        }
        _ if int::is_int(a) && int::is_int(b) => int::binop("*", a, b),
        (seq @ (Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)), n)
        | (n, seq @ (Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)))
            if int::is_int(n) =>
        {
            let n = arg_int(n, "")?.max(0) as usize;
            Ok(match seq {
                Value::Str(s) => Value::string(s.as_str().repeat(n)),
                Value::Bytes(b) => Value::Bytes(Arc::new(b.repeat(n))),
                Value::List(l) => Value::list(repeat(&l.borrow(gil), n)),
                Value::Tuple(t) => Value::tuple(repeat(t, n)),
                _ => unreachable!("matched a sequence above"),
            })
        }
        (Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_), x)
        | (x, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)) => {
            Err(type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(x)
            )))
        }
        // Anything else (a `Fraction`, a `Decimal`, a float times either): `a * b`.
        _ => crate::native::binary_op(gil, 5, a, b),
    }
}

fn repeat(items: &[Value], n: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    out
}

/// An integer argument: an int, or an object with `__index__` (`PyNumber_Index`).
fn index_int(cx: &mut Cx, v: &Value) -> PyResult<BigInt> {
    if int::is_int(v) || matches!(v, Value::Float(_)) {
        return Ok(to_int(v)?);
    }
    let i = crate::modules::builtins::number_index(cx, v)?;
    Ok(to_int(&i)?)
}

pub fn gcd(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.gcd", 0, usize::MAX)?;
    let mut g = BigInt::zero();
    for v in &args.pos {
        g = g.gcd(&index_int(cx, v)?);
    }
    Ok(Value::big(g))
}

pub fn lcm(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.lcm", 0, usize::MAX)?;
    let mut l = BigInt::one();
    for v in &args.pos {
        let x = index_int(cx, v)?;
        l = if l.is_zero() || x.is_zero() {
            BigInt::zero()
        } else {
            l.lcm(&x)
        };
    }
    Ok(Value::big(l))
}

pub fn factorial(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.factorial", 1, 1)?;
    let n = index_int(cx, args.at(0))?;
    if n.is_negative() {
        return Err(value_error("factorial() not defined for negative values").into());
    }
    let n = n.to_i64().ok_or_else(|| {
        overflow_error("factorial() argument should not exceed 9223372036854775807")
    })? as u64;
    // log2(n!) is about n * (log2(n) - log2(e)): a result that could not be held is
    // MemoryError now, not after hours of multiplying.
    let bits = n as f64 * ((n.max(2) as f64).log2() - std::f64::consts::LOG2_E).max(1.0);
    check_size((bits / 8.0).min(i64::MAX as f64) as i64)?;
    Ok(Value::big(range_product(1, n)))
}

/// The product `lo * (lo+1) * ... * hi` by binary splitting (fast for big factorials).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut p = BigInt::one();
        let mut small: u64 = 1;
        for k in lo..=hi {
            match small.checked_mul(k) {
                Some(s) => small = s,
                None => {
                    p *= small;
                    small = k;
                }
            }
        }
        return p * small;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid + 1, hi)
}

/// Checked `n, k` for `comb`/`perm`: non-negative ints.
fn n_k(cx: &mut Cx, n: &Value, k: &Value) -> PyResult<(BigInt, BigInt)> {
    let (n, k) = (index_int(cx, n)?, index_int(cx, k)?);
    if n.is_negative() {
        return Err(value_error("n must be a non-negative integer").into());
    }
    if k.is_negative() {
        return Err(value_error("k must be a non-negative integer").into());
    }
    Ok((n, k))
}

pub fn perm(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.perm", 1, 2)?;
    if matches!(args.get(1), None | Some(Value::None)) {
        return factorial(cx, Args::new([args.at(0).clone()]));
    }
    let (n, k) = n_k(cx, args.at(0), args.at(1))?;
    if k > n {
        return Ok(Value::Int(0));
    }
    if let Some(n) = n.to_u64() {
        let k = k.to_u64().unwrap_or(n);
        return Ok(Value::big(range_product(n - k + 1, n)));
    }
    // A huge `n`: k factors n, n-1, ... (CPython's limit on k is a C long long).
    let k = k
        .to_i64()
        .ok_or_else(|| overflow_error("k must not exceed 9223372036854775807"))?;
    check_size((n.bits() as i64).saturating_mul(k) / 8)?;
    let mut p = BigInt::one();
    for i in 0..k {
        p *= &n - i;
    }
    Ok(Value::big(p))
}

pub fn comb(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.comb", 2, 2)?;
    let (n, k) = n_k(cx, args.at(0), args.at(1))?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.clone().min(&n - &k);
    let k = k
        .to_u64()
        .ok_or_else(|| overflow_error("min(n - k, k) must not exceed 9223372036854775807"))?;
    if n.to_u64().is_none() {
        check_size((n.bits() as i64).saturating_mul(k as i64) / 8)?;
        let mut c = BigInt::one();
        for i in 0..k {
            c = c * (&n - i) / (i + 1);
        }
        return Ok(Value::big(c));
    }
    let n = n.to_u64().unwrap_or(0);
    // C(n, k) = C(n, k-1) * (n-k+1) / k, exact at every step.
    let mut c = BigInt::one();
    for i in 1..=k {
        c = c * (n - k + i) / i;
    }
    Ok(Value::big(c))
}

pub fn isqrt(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.isqrt", 1, 1)?;
    let n = index_int(cx, args.at(0))?;
    if n.is_negative() {
        return Err(value_error("isqrt() argument must be nonnegative").into());
    }
    Ok(Value::big(n.sqrt()))
}
