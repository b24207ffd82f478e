//! The format-spec mini-language (`format()`, f-strings, `str.format`) and `%`
//! formatting, for int, float and str.

use super::exception::{memory_error, overflow_error, type_error, value_error, PyErr};
use super::gil::Gil;
use super::repr::{repr, str_of};
use super::types::type_name;
use super::value::Value;
use super::{float, int};

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][,|_][.precision][type]`.
#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    /// `z` (3.11): a float that rounds to zero loses its minus sign.
    no_neg_zero: bool,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> Result<Spec, PyErr> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
    if c.len() >= 2 && is_align(c[1]) {
        s.fill = Some(c[0]);
        s.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        s.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        s.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        s.no_neg_zero = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        s.zero = true;
        i += 1;
    }
    s.width = digits(&c, &mut i).unwrap_or(0);
    if s.width > SSIZE_MAX {
        return Err(value_error("Too many decimal digits in format string"));
    }
    if i < c.len() && matches!(c[i], ',' | '_') {
        s.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        s.precision = digits(&c, &mut i);
        if s.precision.is_none() {
            return Err(value_error("Format specifier missing precision"));
        }
        if s.precision.is_some_and(|p| p > SSIZE_MAX) {
            return Err(value_error("Too many decimal digits in format string"));
        }
    }
    if i < c.len() {
        s.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err(value_error("Invalid format specifier"));
    }
    // Grouping goes with the decimal types (and `_` with the binary, octal and
    // hex ones), whatever the value (CPython's `parse_internal_render_format_spec`).
    if let Some(g) = s.grouping {
        match s.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if g == '_' => {}
            Some(t) => return Err(value_error(format!("Cannot specify '{g}' with '{t}'."))),
        }
    }
    let fill = s.fill.map_or(1, char::len_utf8);
    if !super::memory::fits(s.width as u128 * fill as u128) {
        return Err(memory_error());
    }
    Ok(s)
}

/// CPython's `PY_SSIZE_T_MAX` and `INT_MAX`: a width or precision beyond the first is
/// "Too many decimal digits"; a float precision beyond the second "precision too big".
const SSIZE_MAX: usize = i64::MAX as usize;
const INT_MAX: usize = i32::MAX as usize;

/// A float's precision checked as CPython's `format_float_internal` checks it:
/// "precision too big" past `INT_MAX`, `MemoryError` past what the machine can hold.
fn float_precision(p: Option<usize>) -> Result<Option<usize>, PyErr> {
    match p {
        Some(p) if p > INT_MAX => Err(value_error("precision too big")),
        Some(p) if !super::memory::fits(p as u128 + 400) => Err(memory_error()),
        p => Ok(p),
    }
}

/// Rust's formatter takes precisions up to `u16::MAX`; an `f64`'s exact decimal
/// expansion ends within 1,074 fractional digits (767 significant ones), so every
/// digit past `EXACT` is a zero, appended here.
const EXACT: usize = 1100;

/// `x` with `prec` decimals (`{:.precf}`), exactly, for any precision.
fn fixed(x: f64, prec: usize) -> String {
    if prec <= EXACT {
        return format!("{x:.prec$}");
    }
    let mut out = format!("{x:.EXACT$}");
    out.extend(std::iter::repeat_n('0', prec - EXACT));
    out
}

/// `x` in Rust's exponent form (`1.5e6`) with `prec` digits after the point.
fn exponent_form(x: f64, prec: usize) -> String {
    if prec <= EXACT {
        return format!("{x:.prec$e}");
    }
    let r = format!("{x:.EXACT$e}");
    let (m, e) = r.split_once('e').unwrap_or((&r, "0"));
    format!("{m}{}e{e}", "0".repeat(prec - EXACT))
}

/// The decimal number at `c[*i..]`, moving `*i` past it: `None` if there is no digit,
/// `usize::MAX` if it does not fit (callers then report "too big").
fn digits(c: &[char], i: &mut usize) -> Option<usize> {
    let start = *i;
    while *i < c.len() && c[*i].is_ascii_digit() {
        *i += 1;
    }
    (start != *i).then(|| {
        c[start..*i]
            .iter()
            .try_fold(0usize, |n, d| {
                n.checked_mul(10)?.checked_add(*d as usize - '0' as usize)
            })
            .unwrap_or(usize::MAX)
    })
}

/// Insert a grouping separator every three digits of the integer part.
fn group(digits: &str, sep: char, every: usize) -> String {
    let (int_part, rest) = match digits.find(|c: char| !c.is_ascii_alphanumeric()) {
        Some(i) => digits.split_at(i),
        None => (digits, ""),
    };
    let mut out = String::new();
    let n = int_part.len();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out + rest
}

/// Does the spec pad with zeros after the sign (the `0` flag, or fill `0` with `=`)?
/// Then a grouping separator goes into the padding too: `{:010,}` is `00,001,234`.
fn zero_grouped(s: &Spec) -> bool {
    let fill = s.fill.or(s.zero.then_some('0'));
    let align = s.align.or(s.zero.then_some('='));
    s.grouping.is_some() && fill == Some('0') && align == Some('=')
}

/// `digits` (an integer part, then any fraction or exponent) grouped; with zero
/// padding (see [`zero_grouped`]), zeros are added before the grouping until the
/// grouped whole is `room` characters or more (CPython's `fill_number`: the padding
/// never starts with a separator).
fn group_padded(s: &Spec, digits: &str, sep: char, every: usize, room: usize) -> String {
    if !zero_grouped(s) {
        return group(digits, sep, every);
    }
    let split = digits
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(digits.len());
    let room = room.saturating_sub(digits[split..].chars().count());
    let grouped_len = |n: usize| n + n.saturating_sub(1) / every;
    let mut n = split.max(room.saturating_mul(every) / (every + 1));
    while grouped_len(n) < room {
        n += 1;
    }
    let padded = "0".repeat(n - split) + digits;
    group(&padded, sep, every)
}

/// `sign` and `body` padded to the spec's width (`MemoryError` when the result could
/// not be held).
fn pad(s: &Spec, sign: &str, body: &str, default_align: char) -> Result<String, PyErr> {
    let len = sign.chars().count() + body.chars().count();
    let fill_n = s.width.saturating_sub(len);
    let (fill, align) = if s.zero && s.align.is_none() {
        // Sign-aware zero padding for numbers; strings pad on the right.
        ('0', if default_align == '<' { '<' } else { '=' })
    } else {
        // An explicit alignment keeps the `0` flag's fill: `{:<08d}` is `42000000`.
        let fill = s.fill.unwrap_or(if s.zero { '0' } else { ' ' });
        (fill, s.align.unwrap_or(default_align))
    };
    let size = (fill_n as u128) * fill.len_utf8() as u128 + (sign.len() + body.len()) as u128;
    let mut out = super::memory::string_with(usize::try_from(size).unwrap_or(usize::MAX))?;
    let fills = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(fill, n));
    let (before, between, after) = match align {
        '<' => (0, 0, fill_n),
        '^' => (fill_n / 2, 0, fill_n - fill_n / 2),
        '=' => (0, fill_n, 0),
        _ => (fill_n, 0, 0),
    };
    fills(&mut out, before);
    out.push_str(sign);
    fills(&mut out, between);
    out.push_str(body);
    fills(&mut out, after);
    Ok(out)
}

fn sign_of(s: &Spec, negative: bool) -> &'static str {
    match (negative, s.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// `format(v, spec)`.
pub fn format(gil: Gil<'_>, v: &Value, spec: &str) -> Result<String, PyErr> {
    let s = parse_spec(spec).map_err(|e| {
        let invalid =
            e.0.args
                .borrow(gil)
                .first()
                .and_then(|m| m.as_str().map(|m| m == "Invalid format specifier"))
                .unwrap_or(false);
        if invalid {
            value_error(format!(
                "Invalid format specifier '{spec}' for object of type '{}'",
                super::types::type_name(v)
            ))
        } else {
            e
        }
    })?;
    match v {
        Value::Int(_) | Value::Big(_) | Value::Bool(_)
            if !matches!(s.ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) =>
        {
            if matches!(v, Value::Bool(_)) && s.ty.is_none() && spec.is_empty() {
                return str_of(gil, v);
            }
            format_int(&s, v)
        }
        Value::Int(_) | Value::Big(_) | Value::Bool(_) | Value::Float(_) => {
            let x = match v {
                Value::Float(f) => f.get(),
                _ => int::to_f64(v)?,
            };
            format_float(&s, x)
        }
        Value::Complex(c) => format_complex(&s, **c),
        Value::Str(text) => {
            if let Some(t) = s.ty.filter(|t| *t != 's') {
                return Err(value_error(format!(
                    "Unknown format code '{t}' for object of type 'str'"
                )));
            }
            if s.sign.is_some() {
                return Err(value_error("Sign not allowed in string format specifier"));
            }
            if s.no_neg_zero {
                return Err(value_error(
                    "Negative zero coercion (z) not allowed in string format specifier",
                ));
            }
            if s.alt {
                return Err(value_error(
                    "Alternate form (#) not allowed in string format specifier",
                ));
            }
            if let Some(g) = s.grouping {
                return Err(value_error(format!("Cannot specify '{g}' with 's'.")));
            }
            if s.align == Some('=') {
                return Err(value_error(
                    "'=' alignment not allowed in string format specifier",
                ));
            }
            let body: String = match s.precision {
                Some(p) => text.as_str().chars().take(p).collect(),
                None => text.as_str().to_owned(),
            };
            pad(&s, "", &body, '<')
        }
        _ => {
            if spec.is_empty() {
                return str_of(gil, v);
            }
            Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                type_name(v)
            )))
        }
    }
}

fn format_int(s: &Spec, v: &Value) -> Result<String, PyErr> {
    if s.precision.is_some() {
        return Err(value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if s.no_neg_zero {
        return Err(value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    format_int_digits(s, v, 0)
}

/// `v` formatted by `s` with at least `min_digits` digits (zero-filled on the left):
/// the precision of printf-style `%.3d`.
fn format_int_digits(s: &Spec, v: &Value, min_digits: usize) -> Result<String, PyErr> {
    let radix = match s.ty {
        Some('x' | 'X') => 16,
        Some('o') => 8,
        Some('b') => 2,
        _ => 0,
    };
    if radix != 0 {
        int::radix_room(v, radix)?;
    }
    let b = int::to_big(v).unwrap_or_default();
    let neg = b.sign() == num_bigint::Sign::Minus;
    let mag = if neg { -b } else { b };
    let (digits, prefix) = match s.ty {
        None | Some('d') | Some('n') => (int::big_to_decimal(&mag)?, ""),
        Some('x') => (mag.to_str_radix(16), "0x"),
        Some('X') => (mag.to_str_radix(16).to_uppercase(), "0X"),
        Some('o') => (mag.to_str_radix(8), "0o"),
        Some('b') => (mag.to_str_radix(2), "0b"),
        Some('c') => {
            if s.sign.is_some() {
                return Err(value_error(
                    "Sign not allowed with integer format specifier 'c'",
                ));
            }
            if s.alt {
                return Err(value_error(
                    "Alternate form (#) not allowed with integer format specifier 'c'",
                ));
            }
            let u = num_traits::ToPrimitive::to_u32(&mag).filter(|&u| u < 0x110000);
            let u =
                u.ok_or_else(|| super::exception::overflow_error("%c arg not in range(0x110000)"))?;
            let c = super::str::from_code_point(u)
                .ok_or_else(|| value_error(format!("%c arg {}", super::str::NOT_REPRESENTABLE)))?;
            return pad(s, "", &c.to_string(), '>');
        }
        Some(t) => {
            if let Some(g) = s.grouping {
                return Err(value_error(format!("Cannot specify '{g}' with '{t}'.")));
            }
            return Err(value_error(format!(
                "Unknown format code '{t}' for object of type 'int'"
            )));
        }
    };
    if let (Some(g), Some(t)) = (s.grouping, s.ty) {
        if t == 'n' || (g == ',' && matches!(t, 'x' | 'X' | 'o' | 'b')) {
            return Err(value_error(format!("Cannot specify '{g}' with '{t}'.")));
        }
    }
    let sign = format!("{}{}", sign_of(s, neg), if s.alt { prefix } else { "" });
    let digits = match s.grouping {
        Some(g) => group_padded(
            s,
            &digits,
            g,
            if matches!(s.ty, Some('x' | 'X' | 'o' | 'b')) {
                4
            } else {
                3
            },
            s.width.saturating_sub(sign.chars().count()),
        ),
        None => digits,
    };
    let digits = match min_digits.checked_sub(digits.len()) {
        Some(zeros) if zeros > 0 => format!("{}{digits}", "0".repeat(zeros)),
        _ => digits,
    };
    pad(s, &sign, &digits, '>')
}

/// `x` formatted with `{:e}`-style exponent as CPython writes it (`1.5e+06`).
fn sci(x: f64, prec: usize, upper: bool) -> String {
    let r = exponent_form(x, prec);
    let (m, e) = r.split_once('e').unwrap_or((&r, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let out = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

/// The `g` presentation: `prec` significant digits, fixed or scientific.
fn general(x: f64, prec: usize, alt: bool, upper: bool) -> String {
    let p = prec.max(1);
    if x == 0.0 {
        let z = if x.is_sign_negative() { "-0" } else { "0" };
        return if alt {
            format!("{z}.{}", "0".repeat(p - 1))
        } else {
            z.to_owned()
        };
    }
    let r = exponent_form(x, p - 1);
    let exp: i32 = r
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let out = if exp >= -4 && exp < p as i32 {
        let decimals = (p as i64 - 1 - exp as i64).max(0) as usize;
        fixed(x, decimals)
    } else {
        sci(x, p - 1, upper)
    };
    if alt {
        return out;
    }
    let (mant, exp_part) = match out.find(['e', 'E']) {
        Some(i) => out.split_at(i),
        None => (out.as_str(), ""),
    };
    let mant = if mant.contains('.') {
        mant.trim_end_matches('0').trim_end_matches('.')
    } else {
        mant
    };
    format!("{mant}{exp_part}")
}

fn format_float(s: &Spec, x: f64) -> Result<String, PyErr> {
    let neg = x.is_sign_negative() && !(x.is_nan());
    let a = x.abs();
    let upper = matches!(s.ty, Some('E' | 'F' | 'G'));
    float_precision(s.precision)?;
    let body = if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        let t = if upper {
            t.to_uppercase()
        } else {
            t.to_owned()
        };
        if s.ty == Some('%') {
            t + "%"
        } else {
            t
        }
    } else {
        match s.ty {
            Some('f' | 'F') => alt_dot(
                fixed(a, s.precision.unwrap_or(6)),
                s.alt && s.precision == Some(0),
            ),
            Some('e' | 'E') => alt_dot(
                sci(a, s.precision.unwrap_or(6), upper),
                s.alt && s.precision == Some(0),
            ),
            Some('g' | 'G') => general(a, s.precision.unwrap_or(6), s.alt, upper),
            Some('%') => {
                let p = s.precision.unwrap_or(6);
                alt_dot(fixed(a * 100.0, p), s.alt && p == 0) + "%"
            }
            Some('n') => general(a, s.precision.unwrap_or(6), s.alt, false),
            None => match s.precision {
                None => float::repr(a),
                Some(p) => {
                    let g = general(a, p, s.alt, false);
                    if g.contains(['.', 'e', 'n', 'i']) {
                        g
                    } else {
                        format!("{g}.0")
                    }
                }
            },
            Some(t) => {
                if let Some(g) = s.grouping {
                    return Err(value_error(format!("Cannot specify '{g}' with '{t}'.")));
                }
                return Err(value_error(format!(
                    "Unknown format code '{t}' for object of type 'float'"
                )));
            }
        }
    };
    if let (Some(g), Some('n')) = (s.grouping, s.ty) {
        return Err(value_error(format!("Cannot specify '{g}' with 'n'.")));
    }
    let neg = neg && !(s.no_neg_zero && a.is_finite() && rounds_to_zero(&body));
    let sign = sign_of(s, neg);
    let body = match s.grouping {
        Some(g) if a.is_finite() => {
            let room = s.width.saturating_sub(sign.len());
            group_padded(s, &body, g, 3, room)
        }
        _ => body,
    };
    pad(s, sign, &body, '>')
}

/// Is the formatted magnitude `body` all zeros (`0.00`, `0.000e+00`, `0%`)? With
/// `z`, its minus sign goes.
fn rounds_to_zero(body: &str) -> bool {
    let mantissa = body.split(['e', 'E']).next().unwrap_or(body);
    mantissa
        .chars()
        .filter(char::is_ascii_digit)
        .all(|d| d == '0')
}

/// The `#` flag with no decimals keeps the point: `format(1.0, '#.0f')` is `1.`,
/// `format(1.0, '#.0e')` is `1.e+00`.
fn alt_dot(body: String, add: bool) -> String {
    if !add {
        return body;
    }
    match body.find(['e', 'E']) {
        Some(i) => format!("{}.{}", &body[..i], &body[i..]),
        None => body + ".",
    }
}

/// `format(c, spec)` for a complex (CPython's `format_complex_internal`): both parts
/// formatted alike, the imaginary one always signed unless the real one is left out;
/// no type is `repr`-like (parentheses, real part omitted when it is +0).
fn format_complex(s: &Spec, c: super::complex::Complex) -> Result<String, PyErr> {
    if s.zero || s.fill == Some('0') {
        return Err(value_error(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if s.align == Some('=') {
        return Err(value_error(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let mut ty = match s.ty {
        None => 'r',
        Some('n') => 'g',
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G')) => t,
        Some(t) => {
            return Err(value_error(format!(
                "Unknown format code '{t}' for object of type 'complex'"
            )))
        }
    };
    let (mut skip_re, mut parens) = (false, false);
    if s.ty.is_none() {
        if c.re == 0.0 && c.re.is_sign_positive() {
            skip_re = true;
        } else {
            parens = true;
        }
    }
    let precision = match float_precision(s.precision)? {
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
        None => 6,
    };
    let upper = ty.is_ascii_uppercase();
    let body = |x: f64| -> String {
        let a = x.abs();
        let t = if !a.is_finite() {
            let t = if a.is_nan() { "nan" } else { "inf" };
            if upper {
                t.to_uppercase()
            } else {
                t.to_owned()
            }
        } else {
            match ty {
                'r' => {
                    let r = float::repr(a);
                    r.strip_suffix(".0").map(str::to_owned).unwrap_or(r)
                }
                'f' | 'F' => alt_dot(fixed(a, precision), s.alt && precision == 0),
                'e' | 'E' => alt_dot(sci(a, precision, upper), s.alt && precision == 0),
                _ => general(a, precision, s.alt, upper),
            }
        };
        match s.grouping {
            Some(g) if a.is_finite() => group(&t, g, 3),
            _ => t,
        }
    };
    let neg = |x: f64| {
        x.is_sign_negative()
            && !x.is_nan()
            && !(s.no_neg_zero && x.is_finite() && rounds_to_zero(&body(x)))
    };
    let mut out = String::new();
    if parens {
        out.push('(');
    }
    if !skip_re {
        out.push_str(sign_of(s, neg(c.re)));
        out.push_str(&body(c.re));
        out.push(if neg(c.im) { '-' } else { '+' });
    } else {
        out.push_str(sign_of(s, neg(c.im)));
    }
    out.push_str(&body(c.im));
    out.push('j');
    if parens {
        out.push(')');
    }
    pad(s, "", &out, '>')
}

/// `ascii(repr)`: escape non-ASCII characters.
pub fn ascii(text: &str) -> Result<String, PyErr> {
    let mut out = super::memory::string_with(text.len())?;
    for c in text.chars() {
        super::memory::spare_string(&mut out, 10)?;
        let n = super::str::code_point(c);
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    Ok(out)
}

/// `template % args` for str.
pub fn percent(gil: Gil<'_>, template: &str, args: &Value) -> Result<String, PyErr> {
    percent_impl(gil, template, args, false)
}

/// `template % args` for bytes and bytearray: the template and result are bytes
/// (here as Latin-1 text); `%s`/`%b` take bytes-like arguments, `%r`/`%a` give the
/// ASCII `repr`.
pub fn percent_bytes(gil: Gil<'_>, template: &[u8], args: &Value) -> Result<Vec<u8>, PyErr> {
    let t: String = template.iter().map(|b| *b as char).collect();
    let out = percent_impl(gil, &t, args, true)?;
    Ok(out.chars().map(|c| c as u32 as u8).collect())
}

fn percent_impl(gil: Gil<'_>, template: &str, args: &Value, bytes: bool) -> Result<String, PyErr> {
    // (Inline buffers: a format call usually has a few arguments and a short
    // template, and makes no allocation for either.)
    let items: smallvec::SmallVec<[Value; 4]> = match args {
        Value::Tuple(t) => t.iter().cloned().collect(),
        other => smallvec::smallvec![other.clone()],
    };
    let mapping = matches!(args, Value::Dict(_));
    // With a mapping, one conversion without a key may take the mapping itself, and
    // none after a keyed one (CPython's `argidx` of a non-tuple argument).
    let mut mapping_taken = false;
    let mut next = 0;
    let mut out = String::with_capacity(template.len());
    let c: smallvec::SmallVec<[char; 64]> = template.chars().collect();
    let mut i = 0;
    while i < c.len() {
        if c[i] != '%' {
            let start = i;
            while i < c.len() && c[i] != '%' {
                i += 1;
            }
            out.extend(&c[start..i]);
            continue;
        }
        i += 1;
        let mut key = None;
        if i < c.len() && c[i] == '(' {
            let start = i + 1;
            while i < c.len() && c[i] != ')' {
                i += 1;
            }
            key = Some(c[start..i.min(c.len())].iter().collect::<String>());
            i += 1;
        }
        let mut spec = Spec::default();
        while i < c.len() && matches!(c[i], '-' | '+' | ' ' | '#' | '0') {
            match c[i] {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' => spec.sign = spec.sign.or(Some(' ')),
                '#' => spec.alt = true,
                _ => spec.zero = true,
            }
            i += 1;
        }
        // `*` takes the width (or precision) from the arguments: any int (CPython's
        // `PyLong_Check`), converted to a C `Py_ssize_t` (width) or `int` (precision).
        let mut star = |i: &mut usize, c_type: &str, max: i64| -> Result<Option<i64>, PyErr> {
            if c.get(*i) != Some(&'*') {
                return Ok(None);
            }
            *i += 1;
            if mapping {
                return Err(type_error("* wants int"));
            }
            let v = items.get(next).cloned();
            next += 1;
            let v = v.ok_or_else(|| type_error("not enough arguments for format string"))?;
            let n = int::to_big(&v).ok_or_else(|| type_error("* wants int"))?;
            num_traits::ToPrimitive::to_i64(&n)
                .filter(|n| (-max - 1..=max).contains(n))
                .map(Some)
                .ok_or_else(|| {
                    overflow_error(format!("Python int too large to convert to C {c_type}"))
                })
        };
        if let Some(w) = star(&mut i, "ssize_t", i64::MAX)? {
            if w < 0 {
                spec.align = Some('<');
            }
            spec.width = w.unsigned_abs() as usize;
        } else {
            spec.width = digits(&c, &mut i).unwrap_or(0);
            if spec.width > SSIZE_MAX {
                return Err(value_error("width too big"));
            }
        }
        if !super::memory::fits(spec.width as u128) {
            return Err(memory_error());
        }
        if i < c.len() && c[i] == '.' {
            i += 1;
            let p = match star(&mut i, "int", i32::MAX as i64)? {
                Some(p) => p.max(0) as usize,
                None => digits(&c, &mut i).unwrap_or(0),
            };
            if p > INT_MAX {
                return Err(value_error("precision too big"));
            }
            spec.precision = Some(p);
        }
        let Some(&ty) = c.get(i) else {
            return Err(value_error("incomplete format"));
        };
        i += 1;
        if ty == '%' {
            out.push('%');
            continue;
        }
        let arg = match (&key, args) {
            (Some(k), Value::Dict(d)) => {
                let k = match bytes {
                    true => Value::Bytes(crate::objects::rc::Arc::new(
                        k.chars().map(|c| c as u32 as u8).collect(),
                    )),
                    false => Value::str(k),
                };
                mapping_taken = true;
                d.borrow(gil)
                    .get(&k)?
                    .ok_or_else(|| super::exception::key_error(k))?
            }
            (Some(_), _) => return Err(type_error("format requires a mapping")),
            (None, _) if mapping => {
                if std::mem::replace(&mut mapping_taken, true) {
                    return Err(type_error("not enough arguments for format string"));
                }
                args.clone()
            }
            (None, _) => {
                let v = items.get(next).cloned();
                next += 1;
                v.ok_or_else(|| type_error("not enough arguments for format string"))?
            }
        };
        if spec.align == Some('<') {
            spec.zero = false;
        }
        let piece = match ty {
            's' | 'b' if bytes => {
                let s: String = match &arg {
                    Value::Bytes(b) => b.iter().map(|c| *c as char).collect(),
                    Value::ByteArray(b) => b.borrow(gil).iter().map(|c| *c as char).collect(),
                    v => {
                        return Err(type_error(format!(
                            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                            type_name(v)
                        )))
                    }
                };
                let s: String = match spec.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                spec.zero = false;
                pad(&spec, "", &s, '>')?
            }
            'r' | 'a' if bytes => {
                let s = ascii(&repr(gil, &arg)?)?;
                let s: String = match spec.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                spec.zero = false;
                pad(&spec, "", &s, '>')?
            }
            'c' if bytes => match &arg {
                Value::Bytes(b) if b.len() == 1 => (b[0] as char).to_string(),
                Value::Int(n) if (0..256).contains(n) => (*n as u8 as char).to_string(),
                Value::Int(_) => return Err(overflow_error("%c arg not in range(256)")),
                _ => {
                    return Err(type_error(
                        "%c requires an integer in range(256) or a single byte",
                    ))
                }
            },
            's' | 'r' | 'a' => {
                let s = if ty == 's' {
                    str_of(gil, &arg)?
                } else {
                    repr(gil, &arg)?
                };
                let s = if ty == 'a' { ascii(&s)? } else { s };
                let s: String = match spec.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                spec.zero = false;
                if spec.width == 0 {
                    s
                } else {
                    pad(&spec, "", &s, '>')?
                }
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let arg = super::class::unwrap_payload(&arg);
                // `%d` takes what `int()` would (`__int__`), `%x`/`%o` an index.
                let hook = match ty {
                    'd' | 'i' | 'u' => ["__int__", "__index__"],
                    _ => ["__index__", "__index__"],
                };
                let arg = match hook
                    .iter()
                    .find_map(|h| super::class::special(gil, &arg, h))
                {
                    Some(f) => {
                        let r = crate::native::call_detached(gil, "formatting", &f, vec![arg])?;
                        if !int::is_int(&r) {
                            return Err(type_error(format!(
                                "__int__ returned non-int (type {})",
                                type_name(&r)
                            )));
                        }
                        r
                    }
                    None => arg,
                };
                let v = match &arg {
                    Value::Float(f) if matches!(ty, 'd' | 'i' | 'u') => {
                        let x = f.get();
                        if x.is_nan() {
                            return Err(value_error("cannot convert float NaN to integer"));
                        }
                        if x.is_infinite() {
                            return Err(overflow_error("cannot convert float infinity to integer"));
                        }
                        let big =
                            <num_bigint::BigInt as num_traits::FromPrimitive>::from_f64(x.trunc());
                        int::normalize(big.unwrap_or_default())
                    }
                    v if int::is_int(v) => v.clone(),
                    v if matches!(ty, 'x' | 'X' | 'o') => {
                        return Err(type_error(format!(
                            "%{ty} format: an integer is required, not {}",
                            type_name(v)
                        )))
                    }
                    v => {
                        return Err(type_error(format!(
                            "%{ty} format: a real number is required, not {}",
                            type_name(v)
                        )))
                    }
                };
                spec.ty = Some(if matches!(ty, 'i' | 'u') { 'd' } else { ty });
                let min_digits = spec.precision.take().unwrap_or(0);
                format_int_digits(&spec, &v, min_digits)?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let arg = super::class::unwrap_payload(&arg);
                let arg = match ["__float__", "__index__"]
                    .iter()
                    .find_map(|h| super::class::special(gil, &arg, h))
                {
                    Some(f) => {
                        let r = crate::native::call_detached(gil, "formatting", &f, vec![arg])?;
                        if !matches!(r, Value::Float(_)) && !int::is_int(&r) {
                            return Err(type_error(format!(
                                "__float__ returned non-float (type {})",
                                type_name(&r)
                            )));
                        }
                        r
                    }
                    None => arg,
                };
                let x = match &arg {
                    Value::Float(f) => f.get(),
                    v if int::is_int(v) => int::to_f64(v)?,
                    v => {
                        return Err(type_error(format!(
                            "must be real number, not {}",
                            type_name(v)
                        )))
                    }
                };
                spec.ty = Some(ty);
                spec.precision = Some(spec.precision.unwrap_or(6));
                format_float(&spec, x)?
            }
            'c' => match &arg {
                Value::Str(s) if s.as_str().chars().count() == 1 => {
                    pad(&spec, "", s.as_str(), '>')?
                }
                Value::Str(_) => return Err(type_error("%c requires int or char")),
                v => {
                    // printf-style `%c` ignores the `+`, ` ` and `#` flags.
                    (spec.sign, spec.alt) = (None, false);
                    spec.ty = Some('c');
                    format_int(&spec, v)?
                }
            },
            other => {
                return Err(value_error(format!(
                    "unsupported format character '{other}' (0x{:x}) at index {}",
                    other as u32,
                    i - 1
                )))
            }
        };
        out.push_str(&piece);
    }
    if !mapping && next < items.len() {
        return Err(type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}
