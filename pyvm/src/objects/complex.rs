//! `complex`: CPython 3.11's arithmetic (`_Py_c_quot`, `c_powi`, `_Py_c_pow`),
//! `repr`, hashing, string parsing and the format-spec mini-language for complex
//! numbers. A value is `Value::Complex(Arc<Complex>)`.

use crate::objects::rc::Arc;

use super::exception::{overflow_error, value_error, zero_division, PyErr};
use super::value::Value;

/// A complex number's two parts (CPython's `Py_complex`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Complex {
    pub re: f64,
    pub im: f64,
}

impl Complex {
    pub const fn new(re: f64, im: f64) -> Complex {
        Complex { re, im }
    }
}

/// A new `complex` value.
pub fn value(re: f64, im: f64) -> Value {
    Value::Complex(Arc::new(Complex::new(re, im)))
}

/// An operand of complex arithmetic: a complex, or an int/bool/float (or a subclass
/// instance of one) taken as a complex with imaginary part 0. `None`: not a number.
pub fn operand(v: &Value) -> Option<Result<Complex, PyErr>> {
    Some(Ok(match v {
        Value::Complex(c) => **c,
        Value::Float(f) => Complex::new(f.get(), 0.0),
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => {
            return Some(super::int::to_f64(v).map(|f| Complex::new(f, 0.0)))
        }
        Value::Instance(_) => return operand(super::class::payload(v)?),
        _ => return None,
    }))
}

pub fn prod(a: Complex, b: Complex) -> Complex {
    Complex::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

/// `_Py_c_quot`: Smith's method; `None` for a zero divisor.
pub fn quot(a: Complex, b: Complex) -> Option<Complex> {
    let abs_br = b.re.abs();
    let abs_bi = b.im.abs();
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Some(Complex::new(
            (a.re + a.im * ratio) / denom,
            (a.im - a.re * ratio) / denom,
        ))
    } else if abs_bi >= abs_br {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Some(Complex::new(
            (a.re * ratio + a.im) / denom,
            (a.im * ratio - a.re) / denom,
        ))
    } else {
        // At least one of b's parts is a NaN.
        Some(Complex::new(f64::NAN, f64::NAN))
    }
}

fn powu(x: Complex, n: i64) -> Complex {
    let mut r = Complex::new(1.0, 0.0);
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

/// `_Py_c_pow` (`None`: CPython's `EDOM`, zero to a negative or complex power).
fn pow_general(a: Complex, b: Complex) -> Option<Complex> {
    if b.re == 0.0 && b.im == 0.0 {
        return Some(Complex::new(1.0, 0.0));
    }
    if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return None;
        }
        return Some(Complex::new(0.0, 0.0));
    }
    let vabs = a.re.hypot(a.im);
    let mut len = vabs.powf(b.re);
    let at = a.im.atan2(a.re);
    let mut phase = at * b.re;
    if b.im != 0.0 {
        len /= (at * b.im).exp();
        phase += b.im * vabs.ln();
    }
    Some(Complex::new(len * phase.cos(), len * phase.sin()))
}

/// `complex.__pow__`: small integer exponents by repeated multiplication (`c_powi`),
/// others through the polar form.
pub fn pow(a: Complex, b: Complex) -> Result<Complex, PyErr> {
    let r = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        let n = b.re as i64;
        if n > 0 {
            Some(powu(a, n))
        } else {
            quot(Complex::new(1.0, 0.0), powu(a, -n))
        }
    } else {
        pow_general(a, b)
    };
    let Some(r) = r else {
        return Err(zero_division("0.0 to a negative or complex power"));
    };
    if r.re.is_infinite() || r.im.is_infinite() {
        return Err(overflow_error("complex exponentiation"));
    }
    Ok(r)
}

/// `a <op> b` for `+ - * / **` (`None`: the operator does not apply to complex).
pub fn binop(op: &str, a: Complex, b: Complex) -> Option<Result<Value, PyErr>> {
    let r = match op {
        "+" => Complex::new(a.re + b.re, a.im + b.im),
        "-" => Complex::new(a.re - b.re, a.im - b.im),
        "*" => prod(a, b),
        "/" => match quot(a, b) {
            Some(r) => r,
            None => return Some(Err(zero_division("complex division by zero"))),
        },
        "**" => match pow(a, b) {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        },
        _ => return None,
    };
    Some(Ok(value(r.re, r.im)))
}

/// `abs(c)`: `hypot`, with CPython's special cases and overflow error.
pub fn abs(c: Complex) -> Result<f64, PyErr> {
    if !c.re.is_finite() || !c.im.is_finite() {
        if c.re.is_infinite() {
            return Ok(c.re.abs());
        }
        if c.im.is_infinite() {
            return Ok(c.im.abs());
        }
        return Ok(f64::NAN);
    }
    let r = c.re.hypot(c.im);
    if !r.is_finite() {
        return Err(overflow_error("absolute value too large"));
    }
    Ok(r)
}

/// CPython's `hash(complex)`: `hash(re) + 1000003 * hash(im)`, so that
/// `hash(complex(x, 0)) == hash(x)`.
pub fn hash(c: Complex) -> i64 {
    let hr = super::float::hash(c.re) as u64;
    let hi = super::float::hash(c.im) as u64;
    let h = hr.wrapping_add(hi.wrapping_mul(1000003)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// One part as CPython's `repr` writes it (`'r'` format, no `.0` added).
fn part(x: f64) -> String {
    let r = super::float::repr(x);
    match r.strip_suffix(".0") {
        Some(s) => s.to_owned(),
        None => r,
    }
}

/// `repr(c)`: `2j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
pub fn repr(c: Complex) -> String {
    if c.re == 0.0 && c.re.is_sign_positive() {
        return format!("{}j", part(c.im));
    }
    let im = part(c.im);
    let sign = if im.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im}j)", part(c.re))
}

/// The longest prefix of `s` that is a float (`PyOS_string_to_double` with an end
/// pointer): the value and the bytes read; `None` when there is none.
fn float_prefix(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    let neg = i > 0 && s[0] == b'-';
    let rest = &s[i..];
    let lower: Vec<u8> = rest
        .iter()
        .take(8)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let signed = |v: f64| if neg { -v } else { v };
    if lower.starts_with(b"infinity") {
        return Some((signed(f64::INFINITY), i + 8));
    }
    if lower.starts_with(b"inf") {
        return Some((signed(f64::INFINITY), i + 3));
    }
    if lower.starts_with(b"nan") {
        return Some((signed(f64::NAN), i + 3));
    }
    let start = i;
    let mut digits = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            j += 1;
        }
        let k = j;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        if j > k {
            i = j;
        }
    }
    let text = std::str::from_utf8(&s[start..i]).ok()?;
    let v: f64 = text.parse().ok()?;
    Some((signed(v), i))
}

/// `complex(text)`: CPython's grammar (`complex_from_string_inner`), with
/// underscores between digits allowed as in float literals.
pub fn parse(text: &str) -> Result<Complex, PyErr> {
    let malformed = || value_error("complex() arg is a malformed string");
    let cleaned: String;
    let text = if text.contains('_') {
        let b = text.as_bytes();
        let ok = b.iter().enumerate().all(|(i, c)| {
            *c != b'_'
                || (i > 0
                    && i + 1 < b.len()
                    && b[i - 1].is_ascii_digit()
                    && b[i + 1].is_ascii_digit())
        });
        if !ok {
            return Err(value_error(format!(
                "could not convert string to complex: {}",
                super::repr::str_repr(text)?
            )));
        }
        cleaned = text.replace('_', "");
        cleaned.as_str()
    } else {
        text
    };
    if text.contains('\0') {
        return Err(malformed());
    }
    let s = text.as_bytes();
    let space = |c: u8| c.is_ascii_whitespace() || c == 0x0b;
    let mut i = 0;
    while i < s.len() && space(s[i]) {
        i += 1;
    }
    let mut bracket = false;
    if i < s.len() && s[i] == b'(' {
        bracket = true;
        i += 1;
        while i < s.len() && space(s[i]) {
            i += 1;
        }
    }
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let is_j = |c: u8| c == b'j' || c == b'J';
    let (mut x, mut y) = (0.0, 0.0);
    if let Some((z, n)) = float_prefix(&s[i..]) {
        i += n;
        if at(i) == b'+' || at(i) == b'-' {
            x = z;
            if let Some((w, m)) = float_prefix(&s[i..]) {
                y = w;
                i += m;
            } else {
                y = if at(i) == b'+' { 1.0 } else { -1.0 };
                i += 1;
            }
            if !is_j(at(i)) {
                return Err(malformed());
            }
            i += 1;
        } else if is_j(at(i)) {
            i += 1;
            y = z;
        } else {
            x = z;
        }
    } else {
        if at(i) == b'+' || at(i) == b'-' {
            y = if at(i) == b'+' { 1.0 } else { -1.0 };
            i += 1;
        } else {
            y = 1.0;
        }
        if !is_j(at(i)) {
            return Err(malformed());
        }
        i += 1;
    }
    while i < s.len() && space(s[i]) {
        i += 1;
    }
    if bracket {
        if at(i) != b')' {
            return Err(malformed());
        }
        i += 1;
        while i < s.len() && space(s[i]) {
            i += 1;
        }
    }
    if i != s.len() {
        return Err(malformed());
    }
    Ok(Complex::new(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        for (re, im, s) in [
            (1.0, 2.0, "(1+2j)"),
            (0.0, 2.0, "2j"),
            (-0.0, -1.0, "(-0-1j)"),
            (1.0, 0.0, "(1+0j)"),
            (f64::NAN, f64::INFINITY, "(nan+infj)"),
            (0.0, 1e16, "1e+16j"),
            (1.5, -0.0, "(1.5-0j)"),
        ] {
            assert_eq!(repr(Complex::new(re, im)), s);
        }
    }

    #[test]
    fn parse_follows_cpython_grammar() {
        // A failed parse makes a `ValueError` (Python objects): under the GIL.
        let ok = |s: &str| crate::objects::gil::with_gil(|_| parse(s).map(|c| (c.re, c.im)).ok());
        assert_eq!(ok("1+2j"), Some((1.0, 2.0)));
        assert_eq!(ok(" ( -1.5e3-J ) "), Some((-1500.0, -1.0)));
        assert_eq!(ok("j"), Some((0.0, 1.0)));
        assert_eq!(ok("1_000j"), Some((0.0, 1000.0)));
        assert_eq!(ok("1e"), None);
        assert_eq!(ok("1+2"), None);
        assert_eq!(ok(""), None);
        assert_eq!(ok("(1+2j"), None);
    }
}
