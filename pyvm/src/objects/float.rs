//! `float`: CPython's `repr` (shortest round-trip), arithmetic with CPython's errors,
//! parsing and hashing.

use super::exception::{overflow_error, value_error, zero_division, PyErr};
use super::value::Value;

/// `repr(x)` exactly as CPython prints it: the shortest digits that round-trip, in
/// positional notation when the exponent is in -4..16, otherwise `1e+16` style.
pub fn repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let sci = format!("{x:e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mant) = match mant.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mant),
    };
    let mut digits: String = mant.chars().filter(|c| *c != '.').collect();
    if digits.len() >= 15 {
        tie_to_even(x.abs(), &mut digits, exp);
    }
    let n = digits.len() as i32;
    if (-4..16).contains(&exp) {
        if exp < 0 {
            format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
        } else if exp + 1 >= n {
            format!("{sign}{digits}{}.0", "0".repeat((exp + 1 - n) as usize))
        } else {
            let (a, b) = digits.split_at((exp + 1) as usize);
            format!("{sign}{a}.{b}")
        }
    } else {
        let m = if n == 1 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        let es = if exp < 0 { "-" } else { "+" };
        format!("{sign}{m}e{es}{:02}", exp.abs())
    }
}

/// Rust's shortest digits settle an exact tie by rounding up; CPython's (David Gay's
/// dtoa, mode 0) rounds it to even. A tie happens when the double's exact decimal value
/// is the `n` shortest digits followed by a single 5: then both neighbours are equally
/// close, and CPython prints the even one if it still reads back as the same double.
/// Only 15+ digit results can tie, and a cheap 41-digit rendering rules most out before
/// the exact check.
fn tie_to_even(x: f64, digits: &mut String, exp: i32) {
    let n = digits.len();
    let looks_tied = |rendered: &str| -> Option<String> {
        let (mant, e) = rendered.split_once('e')?;
        let all: String = mant.chars().filter(|c| *c != '.').collect();
        let tail = all.get(n..)?;
        let tied = e.parse::<i32>().ok()? == exp
            && tail.starts_with('5')
            && tail[1..].bytes().all(|b| b == b'0');
        tied.then(|| all[..n].to_string())
    };
    let Some(truncated) = looks_tied(&format!("{x:.40e}")) else {
        return;
    };
    // The exact value: a double has at most 767 significant decimal digits.
    if looks_tied(&format!("{x:.800e}")).is_none() {
        return;
    }
    let last = truncated.as_bytes()[n - 1] - b'0';
    if !last.is_multiple_of(2) {
        return; // the even neighbour is the one above, which Rust already chose
    }
    let candidate = format!("{}.{}e{exp}", &truncated[..1], &truncated[1..]);
    if candidate.parse::<f64>() == Ok(x) {
        *digits = truncated;
    }
}

/// Float arithmetic for `op`; operands already converted.
pub fn binop(op: &str, a: f64, b: f64) -> Result<Value, PyErr> {
    Ok(Value::float(match op {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => {
            if b == 0.0 {
                return Err(zero_division("float division by zero"));
            }
            a / b
        }
        "//" => {
            if b == 0.0 {
                return Err(zero_division("float floor division by zero"));
            }
            divmod(a, b).0
        }
        "%" => {
            if b == 0.0 {
                return Err(zero_division("float modulo"));
            }
            divmod(a, b).1
        }
        "**" => return pow(a, b),
        _ => unreachable!("float operator {op}"),
    }))
}

/// CPython's float divmod: the remainder has the sign of the divisor.
pub fn divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0_f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0_f64.copysign(a / b)
    };
    (floordiv, m)
}

pub fn pow(a: f64, b: f64) -> Result<Value, PyErr> {
    if a == 0.0 && b < 0.0 && b.is_finite() {
        return Err(zero_division("0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
        // Negative numbers raised to fractional powers become complex.
        use super::complex::{pow, value, Complex};
        let r = pow(Complex::new(a, 0.0), Complex::new(b, 0.0))?;
        return Ok(value(r.re, r.im));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(Value::float(r))
}

/// `float(text)`.
pub fn parse(text: &str) -> Result<f64, PyErr> {
    let s = text.trim();
    let lower = s.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    let neg = lower.starts_with('-');
    let special = match body {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        if lower.len() - body.len() <= 1 {
            return Ok(if neg { -v } else { v });
        }
    }
    let ok = !s.is_empty()
        && !s.contains("__")
        && !s.starts_with('_')
        && !s.ends_with('_')
        && s.chars()
            .all(|c| c.is_ascii_digit() || "+-.eE_".contains(c));
    let clean: String = s.chars().filter(|c| *c != '_').collect();
    match clean.parse::<f64>() {
        Ok(v) if ok => Ok(v),
        _ => Err(value_error(format!(
            "could not convert string to float: {}",
            super::repr::str_repr(text)?
        ))),
    }
}

/// CPython's `hash(float)` (`_Py_HashDouble`), so that `hash(2.0) == hash(2)`.
pub fn hash(x: f64) -> i64 {
    const BITS: i32 = 61;
    const M: u64 = (1 << BITS) - 1;
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & M) | (h >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= M {
            h -= M;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    h = ((h << e) & M) | (h >> (BITS - e));
    let mut r = h as i64;
    if x < 0.0 {
        r = -r;
    }
    if r == -1 {
        -2
    } else {
        r
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `round(x)` (banker's rounding) and `round(x, n)`.
pub fn round(x: f64, ndigits: Option<i64>) -> f64 {
    match ndigits {
        None => {
            let r = x.round();
            if (x - x.trunc()).abs() == 0.5 {
                2.0 * (x / 2.0).round()
            } else {
                r
            }
        }
        Some(n) => {
            // Go through the decimal representation, as CPython does, so that
            // round(2.675, 2) == 2.67.
            if n > 300 {
                return x;
            }
            if n < -300 {
                return 0.0 * x;
            }
            if n >= 0 {
                let s = format!("{:.*}", n as usize, x);
                s.parse().unwrap_or(x)
            } else {
                let p = 10f64.powi((-n) as i32);
                round(x / p, None) * p
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        for (x, s) in [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (-0.0, "-0.0"),
            (123.456, "123.456"),
            (1e300 * 10.0, "1e+301"),
            (f64::INFINITY, "inf"),
            (2.5, "2.5"),
            (1.0 / 3.0, "0.3333333333333333"),
        ] {
            assert_eq!(repr(x), s);
        }
    }

    #[test]
    #[allow(clippy::excessive_precision)] // exact decimal values of the doubles
    fn exact_ties_round_to_even_as_cpython_does() {
        // Doubles whose exact value ends in a 5 just past the shortest digits; the
        // expected strings are CPython 3.11's `repr`.
        for (x, s) in [
            (-736900229350138.25_f64, "-736900229350138.2"),
            (-276471384510206.875_f64, "-276471384510206.88"),
            (-255617923662777.125_f64, "-255617923662777.12"),
            (12431862727228.0625_f64, "12431862727228.062"),
            (1071324356702113.75_f64, "1071324356702113.8"),
            (1420831733930682.75_f64, "1420831733930682.8"),
            (-0.00192737579345703125_f64, "-0.0019273757934570312"),
        ] {
            assert_eq!(repr(x), s, "{x:e}");
        }
    }

    #[test]
    fn hash_matches_cpython() {
        assert_eq!(hash(2.0), 2);
        assert_eq!(hash(0.5), 1152921504606846976);
        assert_eq!(hash(-1.0), -2);
    }
}
