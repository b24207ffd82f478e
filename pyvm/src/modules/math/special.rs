//! `math`'s special functions `gamma`, `lgamma`, `erf`, `erfc`, with CPython's
//! domain and range errors. These are this module's own approximations (Lanczos for
//! gamma, series and a continued fraction for erf): accurate to a few units in the
//! last place, where CPython's come from its own Lanczos code and the C library, so
//! the last digit of a result can differ. Integer arguments of `gamma` up to 23 are
//! exact, as in CPython.

use super::{domain, range, real};
use crate::native::*;

/// `(n-1)!` for `n` in 1..=23, exact in a double.
const FACTORIALS: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

/// Lanczos approximation with g = 7 and nine coefficients (Godfrey's published set).
const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// Γ(x) for x >= 0.5 by Lanczos, computed as a product whose parts cannot overflow
/// before the result does.
fn lanczos_gamma(x: f64) -> f64 {
    let z = x - 1.0;
    let mut sum = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        sum += c / (z + i as f64);
    }
    let t = z + LANCZOS_G + 0.5;
    let half = t.powf((z + 0.5) / 2.0);
    (2.0 * std::f64::consts::PI).sqrt() * half * (half * (-t).exp()) * sum
}

fn gamma_f(x: f64) -> Result<f64, PyErr> {
    if x.is_nan() || x == f64::INFINITY {
        return Ok(x);
    }
    if x == f64::NEG_INFINITY || x == 0.0 || (x < 0.0 && x == x.floor()) {
        return Err(domain());
    }
    if x == x.floor() && (1.0..=23.0).contains(&x) {
        return Ok(FACTORIALS[x as usize - 1]);
    }
    if x > 171.624_376_956_302_7 {
        return Err(range());
    }
    if x.abs() < 1e-300 {
        // 1/x overflows.
        return Err(range());
    }
    if x >= 10.0 {
        return Ok(stirling_gamma(x));
    }
    if x >= 0.5 {
        return Ok(lanczos_gamma(x));
    }
    // Reflection: Γ(x) Γ(1-x) = π / sin(πx).
    let s = sin_pi(x);
    if x < -190.0 {
        // |Γ(x)| < 1e-300 there: the sign of the zero is the sign of Γ.
        return Ok(0.0f64.copysign(s));
    }
    let y = 1.0 - x;
    let g = if y >= 10.0 {
        stirling_gamma(y)
    } else {
        lanczos_gamma(y)
    };
    if g.is_infinite() {
        return Ok(0.0f64.copysign(s));
    }
    Ok(std::f64::consts::PI / (s * g))
}

/// Γ(x) for x >= 10 by Stirling's series, as (x^{x/2} e^{-x/2})² · √(2π/x) · e^{S(x)}:
/// every factor is a correctly rounded power or exponential of an exact argument, so
/// the error stays a few units in the last place even near the overflow at 171.6.
fn stirling_gamma(x: f64) -> f64 {
    let p = x.powf(x / 2.0) * (-x / 2.0).exp();
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let series = inv
        * (1.0 / 12.0
            - inv2
                * (1.0 / 360.0
                    - inv2
                        * (1.0 / 1260.0
                            - inv2
                                * (1.0 / 1680.0
                                    - inv2 * (1.0 / 1188.0 - inv2 * (691.0 / 360360.0))))));
    // p² alone may overflow where the result does not: fold the small factors in first.
    p * (p * ((2.0 * std::f64::consts::PI / x).sqrt() * series.exp()))
}

/// sin(πx), exact at the integers and half-integers.
fn sin_pi(x: f64) -> f64 {
    let r = x % 2.0; // in (-2, 2)
    let r = if r < -1.0 {
        r + 2.0
    } else if r > 1.0 {
        r - 2.0
    } else {
        r
    };
    if r == 0.0 || r.abs() == 1.0 {
        return 0.0f64.copysign(r);
    }
    if r.abs() == 0.5 {
        return r.signum();
    }
    // sin(π r) = sin(π (1 - r)): fold into [-1/2, 1/2] (exactly) so that the product
    // π·r never sits near π, where its rounding would dominate a small sine.
    let r = if r > 0.5 {
        1.0 - r
    } else if r < -0.5 {
        -1.0 - r
    } else {
        r
    };
    (std::f64::consts::PI * r).sin()
}

fn lgamma_f(x: f64) -> Result<f64, PyErr> {
    if x.is_nan() {
        return Ok(x);
    }
    if x.is_infinite() {
        return Ok(f64::INFINITY);
    }
    if x == 0.0 || (x < 0.0 && x == x.floor()) {
        return Err(domain());
    }
    if x == 1.0 || x == 2.0 {
        return Ok(0.0);
    }
    let a = x.abs();
    if a < 1e-300 {
        return Ok(-a.ln());
    }
    if (0.75..=1.25).contains(&x) {
        return Ok(lgamma_near_one(x - 1.0));
    }
    if (1.75..=2.25).contains(&x) {
        // ln Γ(2+z) = ln Γ(1+z) + ln(1+z)
        return Ok(lgamma_near_one(x - 2.0) + (x - 2.0).ln_1p());
    }
    if x > 0.0 && x < 15.0 {
        return Ok(lanczos_gamma_ln(x));
    }
    if x >= 15.0 {
        if x > 2.0e305 {
            return Err(range());
        }
        return Ok(stirling_ln(x));
    }
    // Reflection: ln|Γ(x)| = ln(π / |sin(πx)|) - ln|Γ(1-x)|.
    let s = sin_pi(x).abs();
    let rest = lgamma_f(1.0 - x)?;
    Ok((std::f64::consts::PI / s).ln() - rest)
}

/// ln Γ(1+z) for |z| <= 1/4 by its Taylor series -γz + Σ (-z)^k ζ(k)/k, which keeps
/// full relative precision around the zero at z = 0 (and, shifted, at 2).
fn lgamma_near_one(z: f64) -> f64 {
    const EULER_GAMMA: f64 = 0.577_215_664_901_532_9;
    let mut sum = 0.0;
    let mut pow = -z;
    for k in 2..=40 {
        pow *= -z;
        let term = zeta(k) * pow / k as f64;
        sum += term;
        if term.abs() < 1e-18 * sum.abs() {
            break;
        }
    }
    -EULER_GAMMA * z + sum
}

/// Riemann ζ(k) for k >= 2: the first 39 terms summed, the tail by Euler–Maclaurin
/// (accurate to a few units in the last place).
fn zeta(k: i32) -> f64 {
    if k == 2 {
        return std::f64::consts::PI * std::f64::consts::PI / 6.0;
    }
    const N: f64 = 40.0;
    let mut s = 0.0;
    for n in (1..40).rev() {
        s += (n as f64).powi(-k);
    }
    let kf = k as f64;
    s + N.powf(1.0 - kf) / (kf - 1.0) + N.powi(-k) / 2.0 + kf * N.powi(-k - 1) / 12.0
        - kf * (kf + 1.0) * (kf + 2.0) * N.powi(-k - 3) / 720.0
        + kf * (kf + 1.0) * (kf + 2.0) * (kf + 3.0) * (kf + 4.0) * N.powi(-k - 5) / 30240.0
}

/// ln Γ(x) for small positive x, through the Lanczos sum in log form.
fn lanczos_gamma_ln(x: f64) -> f64 {
    if x < 0.5 {
        return lanczos_gamma_ln(x + 1.0) - x.ln();
    }
    let z = x - 1.0;
    let mut sum = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        sum += c / (z + i as f64);
    }
    let t = z + LANCZOS_G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (z + 0.5) * t.ln() - t + sum.ln()
}

/// Stirling's series for ln Γ(x), x >= 15 (error below 1e-17 relative there).
fn stirling_ln(x: f64) -> f64 {
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let series = inv
        * (1.0 / 12.0
            - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 * (1.0 / 1680.0 - inv2 / 1188.0))));
    (x - 0.5) * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI).ln() + series
}

const TWO_OVER_SQRT_PI: f64 = std::f64::consts::FRAC_2_SQRT_PI;

/// erf(x) for |x| < 2.5 by the everywhere-positive series
/// erf(x) = 2/√π · e^{-x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)).
fn erf_series(x: f64) -> f64 {
    let x2 = x * x;
    let mut term = x;
    let mut sum = x;
    let mut n = 0.0;
    while term.abs() > sum.abs() * 1e-17 {
        n += 1.0;
        term *= 2.0 * x2 / (2.0 * n + 1.0);
        sum += term;
    }
    let err = x.mul_add(x, -x2);
    TWO_OVER_SQRT_PI * (-x2).exp() * (1.0 - err) * sum
}

/// erfc(x) for x >= 1 by its continued fraction (modified Lentz).
fn erfc_cf(x: f64) -> f64 {
    // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
    let tiny = 1e-300;
    let mut f = x;
    let mut c = x;
    let mut d = 0.0;
    for k in 1..5000 {
        let a = k as f64 / 2.0;
        d = x + a * d;
        d = if d == 0.0 { tiny } else { d };
        c = x + a / c;
        c = if c == 0.0 { tiny } else { c };
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    // e^{-x²} split as e^{-x²/2}·e^{-x²/2} keeps tiny results out of early underflow;
    // the rounding error of x² (exact by FMA) is put back as a factor (1 - err).
    let x2 = x * x;
    let err = x.mul_add(x, -x2);
    let half = (-x2 / 2.0).exp();
    half * (half / (f * std::f64::consts::PI.sqrt())) * (1.0 - err)
}

fn erf_f(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let a = x.abs();
    if a < 1e-300 {
        return x * TWO_OVER_SQRT_PI;
    }
    if a < 2.5 {
        return erf_series(x);
    }
    if a >= 6.0 {
        return 1.0f64.copysign(x);
    }
    (1.0 - erfc_cf(a)).copysign(x)
}

fn erfc_f(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x < 0.0 {
        return 2.0 - erfc_f(-x);
    }
    if x < 1.0 {
        // erfc >= 0.157 here: 1 - erf loses no relative precision.
        return 1.0 - erf_series(x);
    }
    if x > 27.3 {
        return 0.0;
    }
    erfc_cf(x)
}

pub fn gamma(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.gamma", 1, 1)?;
    Ok(Value::float(gamma_f(real(cx, args.at(0))?)?))
}

pub fn lgamma(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.lgamma", 1, 1)?;
    Ok(Value::float(lgamma_f(real(cx, args.at(0))?)?))
}

pub fn erf(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.erf", 1, 1)?;
    Ok(Value::float(erf_f(real(cx, args.at(0))?)))
}

pub fn erfc(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("math.erfc", 1, 1)?;
    Ok(Value::float(erfc_f(real(cx, args.at(0))?)))
}
