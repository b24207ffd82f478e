//! `math`'s float surgery and exact summation: `frexp`, `ldexp`, `modf`,
//! `nextafter`, `ulp` (bit-level, as C does them) and `fsum` (Shewchuk's exact
//! partial sums, as CPython does it).

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::{range, real, two};
use crate::native::*;
use crate::objects::int;

pub fn modf(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.modf", 1, 1)?;
    let x = real(cx, args.at(0))?;
    let (frac, whole) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        // C's modf keeps the sign on a zero fraction (`modf(-14.0)` is `(-0.0, -14.0)`).
        (x.fract().copysign(x), x.trunc())
    };
    Ok(Value::tuple(vec![Value::float(frac), Value::float(whole)]))
}

/// C's `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1`.
pub fn frexp_f(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp_f(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

pub fn frexp(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.frexp", 1, 1)?;
    let (m, e) = frexp_f(real(cx, args.at(0))?);
    Ok(Value::tuple(vec![Value::float(m), Value::Int(e)]))
}

pub fn ldexp(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.ldexp", 2, 2)?;
    let x = real(cx, args.at(0))?;
    let e = match args.at(1) {
        v @ (Value::Int(_) | Value::Bool(_) | Value::Big(_)) => int::to_big(v)
            .unwrap_or_default()
            .clamp(BigInt::from(-100_000), BigInt::from(100_000))
            .to_i32()
            .unwrap_or(0),
        v => {
            let _ = v;
            return Err(type_error("Expected an int as second argument to ldexp.").into());
        }
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::float(x));
    }
    // Scale in steps so that neither factor overflows or underflows on its own.
    let mut r = x;
    let mut e = e;
    while e > 1000 {
        r *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        r *= 2f64.powi(-1000);
        e += 1000;
    }
    r *= 2f64.powi(e);
    if r.is_infinite() {
        return Err(range().into());
    }
    Ok(Value::float(r))
}

/// `fsum`: Shewchuk's exact partial sums, CPython's `math_fsum` step for step.
pub fn fsum(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.fsum", 1, 1)?;
    let it = cx.iter(args.at(0))?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(v) = cx.next(&it)? {
        let mut x = real(cx, &v)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(overflow_error("intermediate overflow in fsum").into());
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(value_error("-inf + inf in fsum").into());
        }
        return Ok(Value::float(special));
    }
    let mut n = partials.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    Ok(Value::float(hi))
}

/// C's `nextafter`: the next float after `x` towards `y`.
fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    f64::from_bits(if (y > x) == (x > 0.0) {
        bits + 1
    } else {
        bits - 1
    })
}

pub fn nextafter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (x, y) = two(cx, &args, "math.nextafter")?;
    Ok(Value::float(next_after(x, y)))
}

pub fn ulp(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.ulp", 1, 1)?;
    let x = real(cx, args.at(0))?.abs();
    if !x.is_finite() {
        return Ok(Value::float(x));
    }
    let up = next_after(x, f64::INFINITY);
    Ok(Value::float(if up.is_infinite() {
        x - next_after(x, f64::NEG_INFINITY)
    } else {
        up - x
    }))
}
