//! The `cmath` module: CPython 3.11's formulas for finite arguments (`cmathmodule.c`),
//! its `math domain error`/`math range error`, and the constants. (CPython's tables of
//! special values for infinite and NaN parts are not reproduced: such arguments get
//! what the formulas give.)

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::complex::{self, Complex};
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

static CMATH: OnceLock<Arc<Module>> = OnceLock::new();

pub(crate) static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "sqrt" => sqrt, "exp" => exp, "log" => log, "log10" => log10, "phase" => phase,
    "polar" => polar, "rect" => rect, "isfinite" => isfinite, "isinf" => isinf,
    "isnan" => isnan, "isclose" => isclose, "sin" => sin, "cos" => cos, "tan" => tan,
    "asin" => asin, "acos" => acos, "atan" => atan, "sinh" => sinh, "cosh" => cosh,
    "tanh" => tanh, "asinh" => asinh, "acosh" => acosh, "atanh" => atanh,
];

/// The `cmath` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    CMATH.get_or_init(|| {
        let m = Module::with_functions(gil, "cmath", FUNCS);
        super::set_constants(gil, &m);
        m.set(gil, "infj", complex::value(0.0, f64::INFINITY));
        m.set(gil, "nanj", complex::value(0.0, f64::NAN));
        Arc::new(m)
    })
}

fn domain() -> PyErr {
    value_error("math domain error")
}

fn range() -> PyErr {
    overflow_error("math range error")
}

/// An argument as a complex: a number, or an object with `__complex__`, `__float__`
/// or `__index__` (CPython's `PyArg_Parse` "D").
fn to_complex(cx: &mut Cx, v: &Value) -> PyResult<Complex> {
    if let Some(c) = complex::operand(v) {
        return Ok(c?);
    }
    for name in ["__complex__", "__float__", "__index__"] {
        if let Some(f) = crate::objects::class::special(cx.gil, v, name) {
            let r = cx.call(&f, vec![v.clone()])?;
            return match (name, complex::operand(&r)) {
                ("__complex__", Some(Ok(c)))
                    if matches!(crate::objects::class::unwrap_number(&r), Value::Complex(_)) =>
                {
                    Ok(c)
                }
                ("__complex__", _) => Err(type_error(format!(
                    "__complex__ returned non-complex (type {})",
                    type_name(&r)
                ))
                .into()),
                (_, Some(c)) => Ok(c?),
                _ => Err(type_error(format!(
                    "{name} returned non-float (type {})",
                    type_name(&r)
                ))
                .into()),
            };
        }
    }
    Err(type_error(format!("must be real number, not {}", type_name(v))).into())
}

fn one(cx: &mut Cx, args: &Args, name: &str) -> PyResult<Complex> {
    args.check(&format!("cmath.{name}"), 1, 1)?;
    to_complex(cx, args.at(0))
}

fn real(v: &Value) -> PyResult<f64> {
    Ok(super::to_f64(v)?)
}

fn done(r: Complex) -> PyResult<Value> {
    Ok(complex::value(r.re, r.im))
}

/// `cmath.sqrt` (`cmath_sqrt_impl`, scaled to avoid overflow).
fn c_sqrt(z: Complex) -> Complex {
    if z.re == 0.0 && z.im == 0.0 {
        return Complex::new(0.0, z.im);
    }
    if !z.re.is_finite() || !z.im.is_finite() {
        if z.im.is_infinite() {
            return Complex::new(f64::INFINITY, z.im);
        }
        if z.re == f64::NEG_INFINITY {
            return Complex::new(0.0, f64::INFINITY.copysign(z.im));
        }
        if z.re == f64::INFINITY {
            let im = if z.im.is_nan() {
                z.im
            } else {
                0.0f64.copysign(z.im)
            };
            return Complex::new(f64::INFINITY, im);
        }
        return Complex::new(f64::NAN, f64::NAN);
    }
    let (mut ax, ay) = (z.re.abs(), z.im.abs());
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        let scale = 2f64.powi(53);
        ax *= scale;
        (ax + ax.hypot(ay * scale)).sqrt() * 2f64.powi(-27)
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.re >= 0.0 {
        Complex::new(s, d.copysign(z.im))
    } else {
        Complex::new(d, s.copysign(z.im))
    }
}

/// `c_log`: the real part computed carefully near 1 and for tiny or huge moduli.
fn c_log(z: Complex) -> PyResult<Complex> {
    let (ax, ay) = (z.re.abs(), z.im.abs());
    let large = f64::MAX / 4.0;
    let re = if ax > large || ay > large {
        (ax / 2.0).hypot(ay / 2.0).ln() + std::f64::consts::LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            let s = 2f64.powi(53);
            (ax * s).hypot(ay * s).ln() - 53.0 * std::f64::consts::LN_2
        } else {
            return Err(domain().into());
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    Ok(Complex::new(re, z.im.atan2(z.re)))
}

fn sinh_c(z: Complex) -> Complex {
    Complex::new(z.re.sinh() * z.im.cos(), z.re.cosh() * z.im.sin())
}

fn cosh_c(z: Complex) -> Complex {
    Complex::new(z.re.cosh() * z.im.cos(), z.re.sinh() * z.im.sin())
}

fn tanh_c(z: Complex) -> Complex {
    if z.re.abs() > 708.0 {
        return Complex::new(
            1f64.copysign(z.re),
            4.0 * z.im.sin() * z.im.cos() * (-2.0 * z.re.abs()).exp(),
        );
    }
    let tx = z.re.tanh();
    let ty = z.im.tan();
    let cx = 1.0 / z.re.cosh();
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    Complex::new(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
}

/// CPython's `CM_LARGE_DOUBLE`: beyond it the square-root formulas overflow.
const LARGE: f64 = f64::MAX / 4.0;

/// `log(|z|) + log(2)` without overflowing (the large-argument branch of `c_asinh`,
/// `c_acos` and `c_acosh`).
fn log_2_abs(z: Complex) -> f64 {
    (z.re / 2.0).hypot(z.im / 2.0).ln() + std::f64::consts::LN_2 * 2.0
}

fn is_large(z: Complex) -> bool {
    z.re.abs() > LARGE || z.im.abs() > LARGE
}

fn asinh_c(z: Complex) -> Complex {
    if is_large(z) {
        let l = log_2_abs(z);
        let re = if z.im >= 0.0 {
            l.copysign(z.re)
        } else {
            -l.copysign(-z.re)
        };
        return Complex::new(re, z.im.atan2(z.re.abs()));
    }
    let s1 = c_sqrt(Complex::new(1.0 + z.im, -z.re));
    let s2 = c_sqrt(Complex::new(1.0 - z.im, z.re));
    Complex::new(
        super::asinh_f(s1.re * s2.im - s2.re * s1.im),
        z.im.atan2(s1.re * s2.re - s1.im * s2.im),
    )
}

fn atanh_c(z: Complex) -> PyResult<Complex> {
    if z.re < 0.0 {
        let r = atanh_c(Complex::new(-z.re, -z.im))?;
        return Ok(Complex::new(-r.re, -r.im));
    }
    let ay = z.im.abs();
    if z.re > LARGE.sqrt() || ay > LARGE.sqrt() {
        let h = (z.re / 2.0).hypot(z.im / 2.0);
        return Ok(Complex::new(
            z.re / 4.0 / h / h,
            -(std::f64::consts::FRAC_PI_2).copysign(-z.im),
        ));
    }
    if z.re == 1.0 && ay == 0.0 {
        return Err(domain().into());
    }
    if z.re == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        return Ok(Complex::new(
            -((ay.sqrt()) / ay.hypot(2.0).sqrt()).ln(),
            (2f64.atan2(-ay) / 2.0).copysign(z.im),
        ));
    }
    Ok(Complex::new(
        (4.0 * z.re / ((1.0 - z.re) * (1.0 - z.re) + ay * ay)).ln_1p() / 4.0,
        -(-2.0 * z.im).atan2((1.0 - z.re) * (1.0 + z.re) - ay * ay) / 2.0,
    ))
}

/// `f(i*z)` rotated back (`sin(z) = -i sinh(iz)` and friends).
fn rotated(z: Complex, f: impl Fn(Complex) -> PyResult<Complex>) -> PyResult<Complex> {
    let s = f(Complex::new(-z.im, z.re))?;
    Ok(Complex::new(s.im, -s.re))
}

/// A result with an infinite part from finite arguments overflowed.
fn checked(z: Complex, r: Complex) -> PyResult<Value> {
    let finite_in = z.re.is_finite() && z.im.is_finite();
    if finite_in && (r.re.is_infinite() || r.im.is_infinite()) {
        return Err(range().into());
    }
    if finite_in && (r.re.is_nan() || r.im.is_nan()) {
        return Err(domain().into());
    }
    done(r)
}

fn sqrt(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "sqrt")?;
    done(c_sqrt(z))
}

fn exp(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "exp")?;
    let r = if z.re > 708.0 {
        let l = (z.re - 1.0).exp();
        Complex::new(
            l * z.im.cos() * std::f64::consts::E,
            l * z.im.sin() * std::f64::consts::E,
        )
    } else {
        let l = z.re.exp();
        Complex::new(l * z.im.cos(), l * z.im.sin())
    };
    checked(z, r)
}

fn log(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("log", 1, 2)?;
    let z = to_complex(cx, args.at(0))?;
    let mut r = c_log(z)?;
    if let Some(b) = args.get(1) {
        let b = to_complex(cx, b)?;
        let lb = c_log(b)?;
        r = complex::quot(r, lb).ok_or_else(|| zero_division("complex division by zero"))?;
    }
    done(r)
}

fn log10(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "log10")?;
    let r = c_log(z)?;
    let ln10 = std::f64::consts::LN_10;
    done(Complex::new(r.re / ln10, r.im / ln10))
}

fn phase(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "phase")?;
    Ok(Value::float(z.im.atan2(z.re)))
}

fn polar(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "polar")?;
    let r = complex::abs(z).map_err(|_| range())?;
    Ok(Value::tuple(vec![
        Value::float(r),
        Value::float(z.im.atan2(z.re)),
    ]))
}

fn rect(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("rect", 2, 2)?;
    let (r, phi) = (real(args.at(0))?, real(args.at(1))?);
    if r.is_finite() && phi.is_infinite() {
        return Err(domain().into());
    }
    let z = if phi == 0.0 {
        Complex::new(r, r * phi)
    } else {
        Complex::new(r * phi.cos(), r * phi.sin())
    };
    done(z)
}

fn isfinite(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "isfinite")?;
    Ok(Value::bool(z.re.is_finite() && z.im.is_finite()))
}

fn isinf(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "isinf")?;
    Ok(Value::bool(z.re.is_infinite() || z.im.is_infinite()))
}

fn isnan(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "isnan")?;
    Ok(Value::bool(z.re.is_nan() || z.im.is_nan()))
}

fn isclose(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let rel = args.take_kw("rel_tol").map(|v| real(&v)).transpose()?;
    let abs = args.take_kw("abs_tol").map(|v| real(&v)).transpose()?;
    for name in ["a", "b"] {
        if let Some(v) = args.take_kw(name) {
            args.pos.push(v);
        }
    }
    args.no_kw_left("isclose")?;
    args.check("isclose", 2, 2)?;
    let a = to_complex(cx, args.at(0))?;
    let b = to_complex(cx, args.at(1))?;
    let (rel, abs) = (rel.unwrap_or(1e-9), abs.unwrap_or(0.0));
    if rel < 0.0 || abs < 0.0 {
        return Err(value_error("tolerances must be non-negative").into());
    }
    if a == b {
        return Ok(Value::bool(true));
    }
    let inf = |c: Complex| c.re.is_infinite() || c.im.is_infinite();
    if inf(a) || inf(b) {
        return Ok(Value::bool(false));
    }
    let hyp = |c: Complex| c.re.hypot(c.im);
    let diff = hyp(Complex::new(a.re - b.re, a.im - b.im));
    Ok(Value::bool(
        diff <= rel * hyp(b) || diff <= rel * hyp(a) || diff <= abs,
    ))
}

fn sin(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "sin")?;
    checked(z, rotated(z, |s| Ok(sinh_c(s)))?)
}

fn cos(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "cos")?;
    checked(z, cosh_c(Complex::new(-z.im, z.re)))
}

fn tan(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "tan")?;
    checked(z, rotated(z, |s| Ok(tanh_c(s)))?)
}

fn sinh(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "sinh")?;
    checked(z, sinh_c(z))
}

fn cosh(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "cosh")?;
    checked(z, cosh_c(z))
}

fn tanh(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "tanh")?;
    checked(z, tanh_c(z))
}

fn asinh(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "asinh")?;
    done(asinh_c(z))
}

fn asin(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "asin")?;
    done(rotated(z, |s| Ok(asinh_c(s)))?)
}

fn acos(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "acos")?;
    if is_large(z) {
        let l = log_2_abs(z);
        let im = if z.re < 0.0 {
            -l.copysign(z.im)
        } else {
            l.copysign(-z.im)
        };
        return done(Complex::new(z.im.abs().atan2(z.re), im));
    }
    let s1 = c_sqrt(Complex::new(1.0 - z.re, -z.im));
    let s2 = c_sqrt(Complex::new(1.0 + z.re, z.im));
    done(Complex::new(
        2.0 * s1.re.atan2(s2.re),
        super::asinh_f(s2.re * s1.im - s2.im * s1.re),
    ))
}

fn acosh(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "acosh")?;
    if is_large(z) {
        return done(Complex::new(log_2_abs(z), z.im.atan2(z.re)));
    }
    let s1 = c_sqrt(Complex::new(z.re - 1.0, z.im));
    let s2 = c_sqrt(Complex::new(z.re + 1.0, z.im));
    done(Complex::new(
        super::asinh_f(s1.re * s2.re + s1.im * s2.im),
        2.0 * s1.im.atan2(s2.re),
    ))
}

fn atanh(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "atanh")?;
    done(atanh_c(z)?)
}

fn atan(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let z = one(cx, &args, "atan")?;
    done(rotated(z, atanh_c)?)
}
