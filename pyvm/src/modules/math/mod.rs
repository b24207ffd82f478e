//! The `math` module: CPython 3.11's float functions with its domain/range errors, and
//! the exact integer functions (`factorial`, `comb`, `gcd`, ...) on big ints.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::int;
use crate::objects::module::Module;
use crate::objects::types::type_name;

pub mod cmath;
mod fp;
mod ints;
mod special;

pub use fp::frexp_f;
use fp::{frexp, fsum, ldexp, modf, nextafter, ulp};
use ints::{comb, factorial, gcd, isqrt, lcm, perm, prod};
use special::{erf, erfc, gamma, lgamma};

static MATH: OnceLock<Arc<Module>> = OnceLock::new();

pub(crate) static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "sqrt" => sqrt, "exp" => exp, "expm1" => expm1, "log" => log, "log2" => log2,
    "log10" => log10, "log1p" => log1p, "sin" => sin, "cos" => cos, "tan" => tan,
    "asin" => asin, "acos" => acos, "atan" => atan, "sinh" => sinh, "cosh" => cosh,
    "tanh" => tanh, "asinh" => asinh, "acosh" => acosh, "atanh" => atanh,
    "atan2" => atan2, "hypot" => hypot, "dist" => dist, "degrees" => degrees,
    "radians" => radians, "fabs" => fabs, "pow" => pow, "floor" => floor, "ceil" => ceil,
    "trunc" => trunc, "isnan" => isnan, "isinf" => isinf, "isfinite" => isfinite,
    "isclose" => isclose, "copysign" => copysign, "fmod" => fmod, "remainder" => remainder,
    "modf" => modf, "frexp" => frexp, "ldexp" => ldexp, "fsum" => fsum, "prod" => prod,
    "gcd" => gcd, "lcm" => lcm, "factorial" => factorial, "comb" => comb, "perm" => perm,
    "isqrt" => isqrt, "gamma" => gamma, "lgamma" => lgamma, "erf" => erf, "erfc" => erfc, "cbrt" => cbrt, "exp2" => exp2, "nextafter" => nextafter, "ulp" => ulp,
];

/// `pi`, `e`, `tau`, `inf` and `nan`, which `math` and `cmath` both have.
pub(super) fn set_constants(gil: Gil<'_>, m: &Module) {
    m.set(gil, "pi", Value::float(std::f64::consts::PI));
    m.set(gil, "e", Value::float(std::f64::consts::E));
    m.set(gil, "tau", Value::float(std::f64::consts::TAU));
    m.set(gil, "inf", Value::float(f64::INFINITY));
    m.set(gil, "nan", Value::float(f64::NAN));
}

/// The `math` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MATH.get_or_init(|| {
        let m = Module::with_functions(gil, "math", FUNCS);
        set_constants(gil, &m);
        Arc::new(m)
    })
}

fn domain() -> PyErr {
    value_error("math domain error")
}

fn range() -> PyErr {
    overflow_error("math range error")
}

/// A real-number argument as `f64` (int, bool or float), with CPython's errors.
pub fn to_f64(v: &Value) -> Result<f64, PyErr> {
    match v {
        Value::Float(f) => Ok(f.get()),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Big(_) => int::to_f64(v),
        // An `int` or `float` subclass's value.
        Value::Instance(i) if matches!(i.base, Value::Int(_) | Value::Big(_) | Value::Float(_)) => {
            to_f64(&i.base)
        }
        _ => Err(type_error(format!(
            "must be real number, not {}",
            type_name(v)
        ))),
    }
}

/// A real-number argument as CPython's `PyFloat_AsDouble` takes it: a number, or an
/// object with `__float__` (which must return a float) or else `__index__`.
pub(crate) fn real(cx: &mut Cx, v: &Value) -> PyResult<f64> {
    use crate::objects::class::special;
    if let Ok(x) = to_f64(v) {
        return Ok(x);
    }
    if let Some(f) = special(cx.gil, v, "__float__") {
        return match cx.call(&f, vec![v.clone()])? {
            Value::Float(x) => Ok(x.get()),
            other => Err(type_error(format!(
                "{}.__float__ returned non-float (type {})",
                type_name(v),
                type_name(&other)
            ))
            .into()),
        };
    }
    if let Some(f) = special(cx.gil, v, "__index__") {
        let r = cx.call(&f, vec![v.clone()])?;
        return Ok(int::to_f64(&r)?);
    }
    Ok(to_f64(v)?)
}

/// An integer argument as a `BigInt`, or CPython's "cannot be interpreted" TypeError.
pub(crate) fn to_int(v: &Value) -> Result<BigInt, PyErr> {
    int::to_big(v).ok_or_else(|| {
        type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))
    })
}

/// CPython's `math_1`: a NaN out of a non-NaN is a domain error; an infinity out of a
/// finite input is a range error when the function can overflow, else a domain error.
fn math_1(
    cx: &mut Cx,
    args: &Args,
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    args.check(name, 1, 1)?;
    let x = real(cx, args.at(0))?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain().into());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() }.into());
    }
    Ok(Value::float(r))
}

macro_rules! unary {
    ($( $fn:ident = $name:literal, $f:expr, $ovf:expr; )*) => {
        $(
            fn $fn(cx: &mut Cx, args: Args) -> PyResult<Value> {
                math_1(cx, &args, $name, $f, $ovf)
            }
        )*
    };
}

unary! {
    sqrt = "math.sqrt", f64::sqrt, false;
    exp = "math.exp", f64::exp, true;
    expm1 = "math.expm1", f64::exp_m1, true;
    sin = "math.sin", f64::sin, false;
    cos = "math.cos", f64::cos, false;
    tan = "math.tan", f64::tan, false;
    asin = "math.asin", f64::asin, false;
    acos = "math.acos", f64::acos, false;
    atan = "math.atan", f64::atan, false;
    sinh = "math.sinh", f64::sinh, true;
    cosh = "math.cosh", f64::cosh, true;
    tanh = "math.tanh", f64::tanh, false;
    asinh = "math.asinh", asinh_f, false;
    acosh = "math.acosh", acosh_f, false;
    atanh = "math.atanh", atanh_f, false;
    fabs = "math.fabs", f64::abs, false;
    cbrt = "math.cbrt", f64::cbrt, false;
    exp2 = "math.exp2", f64::exp2, true;
}

// The inverse hyperbolic functions, by the classic fdlibm reductions that C libraries
// (and so CPython) use: Rust's own `asinh`/`acosh`/`atanh` differ in the last bit.
// `ln`/`ln_1p` are the C library's `log`/`log1p`.
const LN2: f64 = std::f64::consts::LN_2;
const TWO28: f64 = 268_435_456.0;

pub(crate) fn asinh_f(x: f64) -> f64 {
    let a = x.abs();
    if !x.is_finite() || a < 1.0 / TWO28 {
        return x;
    }
    let w = if a > TWO28 {
        a.ln() + LN2
    } else if a > 2.0 {
        (2.0 * a + 1.0 / ((x * x + 1.0).sqrt() + a)).ln()
    } else {
        let t = x * x;
        (a + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    w.copysign(x)
}

fn acosh_f(x: f64) -> f64 {
    if x < 1.0 || x.is_nan() {
        return f64::NAN;
    }
    if x >= TWO28 {
        return if x.is_infinite() { x } else { x.ln() + LN2 };
    }
    if x == 1.0 {
        return 0.0;
    }
    if x > 2.0 {
        return (2.0 * x - 1.0 / (x + (x * x - 1.0).sqrt())).ln();
    }
    let t = x - 1.0;
    (t + (2.0 * t + t * t).sqrt()).ln_1p()
}

/// `atanh(±1)` is a domain error in CPython (C gives ±inf).
fn atanh_f(x: f64) -> f64 {
    let a = x.abs();
    if a >= 1.0 || x.is_nan() {
        return f64::NAN;
    }
    if a < 1.0 / TWO28 {
        return x;
    }
    let t = if a < 0.5 {
        let t = a + a;
        0.5 * (t + t * a / (1.0 - a)).ln_1p()
    } else {
        0.5 * ((a + a) / (1.0 - a)).ln_1p()
    };
    t.copysign(x)
}

/// The natural log of an int or float argument; big ints beyond the float range are
/// scaled first (CPython's `loghelper`), so `log(10**400)` works.
fn ln_of(cx: &mut Cx, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Value::Big(b) = v {
        if !b.is_positive() {
            return Err(domain().into());
        }
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        let shift = b.bits() - 60;
        let top = (&**b >> shift).to_f64().unwrap_or(1.0);
        return Ok(f(top) + shift as f64 * f(2.0));
    }
    let x = real(cx, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain().into());
    }
    Ok(f(x))
}

/// `degrees`/`radians`: one multiplication by C's constant, no range check (CPython
/// returns `inf` for `degrees(1e308)`).
fn degrees(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.degrees", 1, 1)?;
    Ok(Value::float(
        real(cx, args.at(0))? * (180.0 / std::f64::consts::PI),
    ))
}

fn radians(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.radians", 1, 1)?;
    Ok(Value::float(
        real(cx, args.at(0))? * (std::f64::consts::PI / 180.0),
    ))
}

fn log(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("log() takes no keyword arguments").into());
    }
    if !(1..=2).contains(&args.len()) {
        return Err(type_error("math.log requires 1 to 2 arguments").into());
    }
    let num = ln_of(cx, args.at(0), f64::ln)?;
    let Some(base) = args.get(1) else {
        return Ok(Value::float(num));
    };
    let den = ln_of(cx, base, f64::ln)?;
    if den == 0.0 {
        return Err(zero_division("float division by zero").into());
    }
    Ok(Value::float(num / den))
}

fn log2(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.log2", 1, 1)?;
    Ok(Value::float(ln_of(cx, args.at(0), f64::log2)?))
}

fn log10(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.log10", 1, 1)?;
    Ok(Value::float(ln_of(cx, args.at(0), f64::log10)?))
}

fn log1p(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.log1p", 1, 1)?;
    let x = real(cx, args.at(0))?;
    if x <= -1.0 {
        return Err(domain().into());
    }
    Ok(Value::float(x.ln_1p()))
}

pub(crate) fn two(cx: &mut Cx, args: &Args, name: &str) -> PyResult<(f64, f64)> {
    args.check(name, 2, 2)?;
    Ok((real(cx, args.at(0))?, real(cx, args.at(1))?))
}

fn atan2(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (y, x) = two(cx, &args, "math.atan2")?;
    Ok(Value::float(y.atan2(x)))
}

fn hypot(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("math.hypot() takes no keyword arguments").into());
    }
    let mut xs = Vec::with_capacity(args.pos.len());
    for v in &args.pos {
        xs.push(real(cx, v)?);
    }
    Ok(Value::float(vector_norm(&xs)))
}

/// The Euclidean norm; an infinity wins over a NaN, as in CPython.
fn vector_norm(xs: &[f64]) -> f64 {
    if xs.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if xs.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    let max = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if max == 0.0 || xs.len() == 1 {
        return max;
    }
    // Scale by a power of two (exact) so the largest term is near 1: no overflow or
    // underflow in the squares. The factor is applied in two halves so that neither
    // half leaves the float range, even for subnormal or near-overflow maxima.
    let (_, e) = fp::frexp_f(max);
    let (e1, e2) = ((e / 2) as i32, (e - e / 2) as i32);
    let (down1, down2) = (pow2(-e1), pow2(-e2));
    // The sum of squares in double-double arithmetic: each square split exactly with an
    // FMA, each addition with TwoSum; then one Newton correction of the square root.
    let (mut hi, mut lo) = (0.0f64, 0.0f64);
    for &x in xs {
        let x = x * down1 * down2;
        let sq = x * x;
        let sq_err = x.mul_add(x, -sq);
        let s = hi + sq;
        let bb = s - hi;
        let add_err = (hi - (s - bb)) + (sq - bb);
        hi = s;
        lo += sq_err + add_err;
    }
    let total = hi + lo;
    lo -= total - hi;
    hi = total;
    let h = hi.sqrt();
    let hh = h * h;
    let hh_err = h.mul_add(h, -hh);
    let residual = ((hi - hh) - hh_err) + lo;
    let h = h + residual / (2.0 * h);
    h * pow2(e1) * pow2(e2)
}

/// `2**k` for `-1074 <= k <= 1023`, exactly (subnormal when `k < -1022`).
fn pow2(k: i32) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

fn dist(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.dist", 2, 2)?;
    let p = cx.collect(args.at(0))?;
    let q = cx.collect(args.at(1))?;
    if p.len() != q.len() {
        return Err(value_error("both points must have the same number of dimensions").into());
    }
    let mut d = Vec::with_capacity(p.len());
    for (a, b) in p.iter().zip(&q) {
        d.push(real(cx, a)? - real(cx, b)?);
    }
    Ok(Value::float(vector_norm(&d)))
}

fn pow(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (x, y) = two(cx, &args, "math.pow")?;
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if r.is_nan() {
            return Err(domain().into());
        }
        if r.is_infinite() {
            // 0 ** negative is a domain error; anything else is an overflow.
            return Err(if x == 0.0 { domain() } else { range() }.into());
        }
    }
    Ok(Value::float(r))
}

/// `floor`/`ceil`/`trunc`: ints pass through; floats become ints, big if needed.
/// `floor`/`ceil`/`trunc`: an int as it is, else the type's `__floor__`/`__ceil__`/
/// `__trunc__` (a `Fraction`'s or `Decimal`'s exact answer), else the float value
/// rounded (`trunc` has no such fallback: CPython's TypeError).
fn to_integral(
    cx: &mut Cx,
    args: &Args,
    name: &str,
    dunder: &'static str,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    args.check(name, 1, 1)?;
    let v = args.at(0);
    match v {
        Value::Int(_) | Value::Big(_) => return Ok(v.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(x) => return float_to_int(f(x.get())),
        _ => {}
    }
    if let Some(m) = crate::objects::class::special(cx.gil, v, dunder) {
        return cx.call(&m, vec![v.clone()]);
    }
    if dunder == "__trunc__" {
        return Err(type_error(format!(
            "type {} doesn't define __trunc__ method",
            type_name(v)
        ))
        .into());
    }
    float_to_int(f(real(cx, v)?))
}

/// An integral float as an int, with CPython's errors for infinities and NaN.
pub fn float_to_int(x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(value_error("cannot convert float NaN to integer").into());
    }
    if x.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer").into());
    }
    if x.abs() < 9.0e18 {
        return Ok(Value::Int(x as i64));
    }
    Ok(Value::big(BigInt::from_f64(x).unwrap_or_default()))
}

fn floor(cx: &mut Cx, args: Args) -> PyResult<Value> {
    to_integral(cx, &args, "math.floor", "__floor__", f64::floor)
}

fn ceil(cx: &mut Cx, args: Args) -> PyResult<Value> {
    to_integral(cx, &args, "math.ceil", "__ceil__", f64::ceil)
}

fn trunc(cx: &mut Cx, args: Args) -> PyResult<Value> {
    to_integral(cx, &args, "math.trunc", "__trunc__", f64::trunc)
}

fn isnan(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.isnan", 1, 1)?;
    Ok(Value::bool(real(cx, args.at(0))?.is_nan()))
}

fn isinf(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.isinf", 1, 1)?;
    Ok(Value::bool(real(cx, args.at(0))?.is_infinite()))
}

fn isfinite(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.isfinite", 1, 1)?;
    Ok(Value::bool(real(cx, args.at(0))?.is_finite()))
}

fn isclose(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let rel = match args.take_kw("rel_tol") {
        Some(v) => Some(real(cx, &v)?),
        None => None,
    };
    let abs = match args.take_kw("abs_tol") {
        Some(v) => Some(real(cx, &v)?),
        None => None,
    };
    // `a` and `b` may come by keyword too (checked in arg-clinic order).
    let (a_kw, b_kw) = (args.take_kw("a"), args.take_kw("b"));
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!(
            "'{k}' is an invalid keyword argument for isclose()"
        ))
        .into());
    }
    let n = args.len();
    if n > 2 {
        return Err(type_error(format!(
            "isclose() takes exactly 2 positional arguments ({n} given)"
        ))
        .into());
    }
    if n < 1 && a_kw.is_none() {
        return Err(type_error("isclose() missing required argument 'a' (pos 1)").into());
    }
    if n < 2 && b_kw.is_none() {
        return Err(type_error("isclose() missing required argument 'b' (pos 2)").into());
    }
    for (i, (name, kw)) in [("a", a_kw), ("b", b_kw)].into_iter().enumerate() {
        if let Some(v) = kw {
            if n > i {
                return Err(type_error(format!(
                    "argument for isclose() given by name ('{name}') and position ({})",
                    i + 1
                ))
                .into());
            }
            args.pos.push(v);
        }
    }
    let (a, b) = two(cx, &args, "isclose")?;
    let (rel, abs) = (rel.unwrap_or(1e-9), abs.unwrap_or(0.0));
    if rel < 0.0 || abs < 0.0 {
        return Err(value_error("tolerances must be non-negative").into());
    }
    if a == b {
        return Ok(Value::bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::bool(
        diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs,
    ))
}

fn copysign(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (x, y) = two(cx, &args, "math.copysign")?;
    Ok(Value::float(x.copysign(y)))
}

fn fmod(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (x, y) = two(cx, &args, "math.fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain().into());
    }
    Ok(Value::float(r))
}

fn remainder(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (x, y) = two(cx, &args, "math.remainder")?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain().into());
    }
    if y.is_infinite() {
        return Ok(Value::float(x));
    }
    // IEEE 754 remainder: x - n*y with n the integer nearest x/y, ties to even.
    let (ax, ay) = (x.abs(), y.abs());
    let m = ax % ay;
    let c = ay - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        // Exactly half way: pick the even multiple.
        m - 2.0 * ((0.5 * (ax - m)) % ay)
    };
    Ok(Value::float(1.0f64.copysign(x) * r))
}
