//! `int`: inline `i64` with overflow into `BigInt`, CPython's semantics for `//`, `%`,
//! `**`, shifts and bit operations, parsing with a base, and hashing.

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};

use super::exception::{division_by_zero, overflow_error, value_error, zero_division, PyErr};
use super::value::Value;

/// A `BigInt` as a `Value`, inline when it fits.
pub fn normalize(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::Big(Arc::new(b)),
    }
}

/// The integer of an `int` or `bool` value.
pub fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Big(b) => Some((**b).clone()),
        // An `int` subclass's value.
        Value::Instance(i) if is_int(&i.base) => to_big(&i.base),
        _ => None,
    }
}

/// [`to_big`] without copying a big int: the operand of an operation may be most of
/// the memory there is.
pub fn big_ref(v: &Value) -> Option<std::borrow::Cow<'_, BigInt>> {
    match v {
        Value::Big(b) => Some(std::borrow::Cow::Borrowed(&**b)),
        Value::Instance(i) if is_int(&i.base) => big_ref(&i.base),
        _ => to_big(v).map(std::borrow::Cow::Owned),
    }
}

pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_))
}

/// Integer arithmetic; `None` when `op` does not apply to ints (true division).
pub fn binop(op: &str, a: &Value, b: &Value) -> Result<Value, PyErr> {
    if let (Some(x), Some(y)) = (small(a), small(b)) {
        if let Some(v) = small_binop(op, x, y)? {
            return Ok(v);
        }
    }
    let (Some(x), Some(y)) = (big_ref(a), big_ref(b)) else {
        unreachable!("int binop on non-ints")
    };
    big_binop(op, &x, &y)
}

/// Room for `op`'s result and the work on the way, as a multiple of the operands'
/// bytes: an operation on huge ints whose result the memory cannot hold is
/// CPython's `MemoryError`, not an abort where an allocation fails (fuzz seed 1208,
/// mutant 7315: an operation on `2**2147483648`, a quarter of the memory limit).
fn room_for(op: &str, x: &BigInt, y: &BigInt) -> Result<(), PyErr> {
    let (bx, by) = (x.bits() as u128 / 8 + 8, y.bits() as u128 / 8 + 8);
    let need = match op {
        "+" | "-" => bx.max(by),
        // A negative operand is worked on in two's complement, a copy of it.
        "&" | "|" | "^" if x.is_negative() || y.is_negative() => 3 * bx.max(by),
        "&" | "|" | "^" => bx.max(by),
        // The product and the scratch of its halves.
        "*" => 2 * (bx + by),
        // The quotient (of a one-digit divisor, in place of a copy of the
        // dividend), or the normalized dividend and the quotient.
        "//" | "%" if by <= 16 => bx,
        "//" | "%" => 2 * bx + by,
        _ => 0,
    };
    super::memory::room(need)
}

fn small(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

/// The fast path: `Ok(None)` when the result needs a big int.
fn small_binop(op: &str, x: i64, y: i64) -> Result<Option<Value>, PyErr> {
    Ok(match op {
        "+" => x.checked_add(y).map(Value::Int),
        "-" => x.checked_sub(y).map(Value::Int),
        "*" => x.checked_mul(y).map(Value::Int),
        "//" => {
            if y == 0 {
                return Err(zero_division("integer division or modulo by zero"));
            }
            floor_div(x, y).map(Value::Int)
        }
        "%" => {
            if y == 0 {
                return Err(zero_division("integer modulo by zero"));
            }
            x.checked_rem(y).map(|r| {
                Value::Int(if r != 0 && ((r < 0) != (y < 0)) {
                    r + y
                } else {
                    r
                })
            })
        }
        "&" => Some(Value::Int(x & y)),
        "|" => Some(Value::Int(x | y)),
        "^" => Some(Value::Int(x ^ y)),
        "<<" => {
            if y < 0 {
                return Err(value_error("negative shift count"));
            }
            if y < 63 && (x == 0 || (x.unsigned_abs().leading_zeros() as i64) > y + 1) {
                Some(Value::Int(x << y))
            } else if x == 0 {
                Some(Value::Int(0))
            } else {
                None
            }
        }
        ">>" => {
            if y < 0 {
                return Err(value_error("negative shift count"));
            }
            Some(Value::Int(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            }))
        }
        "**" => {
            if y < 0 {
                return Ok(Some(super::float::pow(x as f64, y as f64)?));
            }
            u32::try_from(y)
                .ok()
                .and_then(|e| x.checked_pow(e))
                .map(Value::Int)
        }
        _ => None,
    })
}

fn floor_div(x: i64, y: i64) -> Option<i64> {
    let q = x.checked_div(y)?;
    Some(if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    })
}

fn big_binop(op: &str, x: &BigInt, y: &BigInt) -> Result<Value, PyErr> {
    room_for(op, x, y)?;
    Ok(normalize(match op {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        "//" => {
            if y.is_zero() {
                return Err(zero_division("integer division or modulo by zero"));
            }
            x.div_floor(y)
        }
        "%" => {
            if y.is_zero() {
                return Err(zero_division("integer modulo by zero"));
            }
            x.mod_floor(y)
        }
        "&" => x & y,
        "|" => x | y,
        "^" => x ^ y,
        "<<" => {
            if y.is_negative() {
                return Err(value_error("negative shift count"));
            }
            if x.is_zero() {
                return Ok(Value::Int(0));
            }
            let n = y.to_u64().unwrap_or(u64::MAX);
            check_bits(x.bits() as u128 + n as u128)?;
            x << n
        }
        ">>" => {
            if y.is_negative() {
                return Err(value_error("negative shift count"));
            }
            match y.to_usize() {
                Some(n) => x >> n,
                None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
            }
        }
        "**" => {
            if y.is_negative() {
                let (Some(a), Some(b)) = (x.to_f64(), y.to_f64()) else {
                    return Err(overflow_error("int too large to convert to float"));
                };
                return super::float::pow(a, b);
            }
            if x.is_zero() || x.is_one() {
                return Ok(normalize(x.clone()));
            }
            if *x == BigInt::from(-1) {
                return Ok(Value::Int(if y.is_even() { 1 } else { -1 }));
            }
            let e = y.to_u64().unwrap_or(u64::MAX);
            let k = x.magnitude().trailing_zeros().unwrap_or(0);
            if k + 1 == x.bits() {
                // A power of two (`2 ** n`, `(-8) ** n`): one shift, no squarings.
                let bits = k as u128 * e as u128;
                check_bits(bits)?;
                let p = BigInt::one() << (bits as u64);
                return Ok(normalize(if x.is_negative() && e % 2 == 1 {
                    -p
                } else {
                    p
                }));
            }
            // Room for the result and the operands of the last squarings.
            check_bits(e as u128 * x.bits() as u128 * 4)?;
            Pow::pow(x, e)
        }
        "/" => return true_div(x, y),
        _ => unreachable!("unknown int operator {op}"),
    }))
}

/// A result of `bits` bits (a shift or a power) that could not be held is
/// CPython's `MemoryError`, raised before the work rather than by an aborted
/// allocation (or an hour of squaring) on the way.
fn check_bits(bits: u128) -> Result<(), PyErr> {
    if !super::memory::fits(bits / 8 + 1) {
        return Err(super::exception::memory_error());
    }
    Ok(())
}

/// `a / b` for ints (always a float, correctly rounded for moderate sizes).
pub fn true_div(x: &BigInt, y: &BigInt) -> Result<Value, PyErr> {
    if y.is_zero() {
        return Err(division_by_zero());
    }
    if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64()) {
        if a.unsigned_abs() < 1 << 53 && b.unsigned_abs() < 1 << 53 {
            return Ok(Value::float(a as f64 / b as f64));
        }
    }
    let neg = (x.sign() == Sign::Minus) != (y.sign() == Sign::Minus);
    // Magnitudes by reference: an operand may be most of the memory there is.
    let (a, b) = (x.magnitude(), y.magnitude());
    // 2**(diff-1) <= |a/b| < 2**(diff+1): far out of a float's range, the answer is
    // known without dividing (or copying a huge operand).
    let diff = a.bits() as i64 - b.bits() as i64;
    if diff > 1025 {
        return Err(overflow_error(
            "integer division result too large for a float",
        ));
    }
    if diff < -1080 {
        return Ok(Value::float(if neg { -0.0 } else { 0.0 }));
    }
    // Correctly rounded: a quotient of at least 64 bits plus a sticky bit for the
    // remainder, converted once, then scaled by a power of two.
    let shift = (66 - diff).max(0) as u64;
    let (q, r) = (a << shift).div_rem(b);
    let q = if r.is_zero() { q } else { q | BigUint::one() };
    let mut f = q.to_f64().unwrap_or(f64::INFINITY);
    let mut left = shift as i64;
    while left > 0 {
        let step = left.min(1000);
        f *= 2f64.powi(-(step as i32));
        left -= step;
    }
    if f.is_infinite() {
        return Err(overflow_error(
            "integer division result too large for a float",
        ));
    }
    Ok(Value::float(if neg { -f } else { f }))
}

pub fn neg(v: &Value) -> Value {
    match v {
        Value::Int(i) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => normalize(-BigInt::from(*i)),
        },
        Value::Bool(b) => Value::Int(-(*b as i64)),
        Value::Big(b) => normalize(-(**b).clone()),
        _ => unreachable!("neg on non-int"),
    }
}

pub fn invert(v: &Value) -> Value {
    match v {
        Value::Int(i) => Value::Int(!i),
        Value::Bool(b) => Value::Int(!(*b as i64)),
        Value::Big(b) => normalize(-(**b).clone() - 1),
        _ => unreachable!("invert on non-int"),
    }
}

pub fn to_f64(v: &Value) -> Result<f64, PyErr> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Big(b) => b
            .to_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| overflow_error("int too large to convert to float")),
        _ => unreachable!("to_f64 on non-int"),
    }
}

/// CPython's `hash(int)`: the value modulo 2**61 - 1, keeping the sign; -1 becomes -2.
pub fn hash(v: &Value) -> i64 {
    const M: i64 = (1 << 61) - 1;
    let h = match v {
        // (Most ints are below the modulus: their hash is themselves.)
        Value::Int(i) if *i > -M && *i < M && *i != -1 => return *i,
        Value::Int(i) => {
            let r = (i.unsigned_abs() % M as u64) as i64;
            if *i < 0 {
                -r
            } else {
                r
            }
        }
        Value::Bool(b) => b.get() as i64,
        Value::Big(b) => {
            let r = (b.abs() % BigInt::from(M)).to_i64().unwrap_or(0);
            if b.sign() == Sign::Minus {
                -r
            } else {
                r
            }
        }
        _ => 0,
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython 3.11's limit on decimal (non-power-of-two base) conversions between `int`
/// and `str` (CVE-2020-10735): 0 for none. `sys.set_int_max_str_digits` sets it.
static MAX_STR_DIGITS: AtomicUsize = AtomicUsize::new(DEFAULT_MAX_STR_DIGITS);

/// `sys.int_info.default_max_str_digits` and `str_digits_check_threshold`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
pub const STR_DIGITS_THRESHOLD: usize = 640;

pub fn max_str_digits() -> usize {
    MAX_STR_DIGITS.load(Ordering::Relaxed)
}

/// Set the limit (0 or at least [`STR_DIGITS_THRESHOLD`]; callers check).
pub fn set_max_str_digits(n: usize) {
    MAX_STR_DIGITS.store(n, Ordering::Relaxed);
}

/// A limit read from `PYTHONINTMAXSTRDIGITS` or `-X int_max_str_digits`: `None`
/// when it is not 0 or an integer from 640 up.
pub fn parse_max_str_digits(text: &str) -> Option<usize> {
    text.parse::<usize>()
        .ok()
        .filter(|n| *n == 0 || (STR_DIGITS_THRESHOLD..=i32::MAX as usize).contains(n))
}

fn too_many_digits(value_has: Option<usize>) -> PyErr {
    let limit = max_str_digits();
    value_error(match value_has {
        Some(n) => format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
        ),
        None => format!(
            "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        ),
    })
}

/// The decimal text of `v` (`str`, `repr`, `%d`, `{:d}`), refused with CPython's
/// `ValueError` past the digit limit, before converting when the size alone tells.
pub fn to_decimal(v: &Value) -> Result<String, PyErr> {
    match v {
        Value::Big(b) => big_to_decimal(b),
        v => Ok(to_string(v)),
    }
}

/// [`to_decimal`] of a `BigInt`.
pub fn big_to_decimal(b: &BigInt) -> Result<String, PyErr> {
    let limit = max_str_digits();
    if limit > 0 {
        // At least floor((bits - 1) * log10(2)) + 1 digits (one spared for rounding).
        let least = ((b.bits().saturating_sub(1)) as f64 * std::f64::consts::LOG10_2) as u64;
        if least > limit as u64 {
            return Err(too_many_digits(None));
        }
    }
    let text = b.to_string();
    if limit > 0 && text.trim_start_matches('-').len() > limit {
        return Err(too_many_digits(None));
    }
    Ok(text)
}

/// `int(text, base)` with CPython's rules: whitespace, sign, underscores between digits,
/// a prefix allowed when it matches `base` (or base 0).
pub fn parse(text: &str, base: u32) -> Result<Value, PyErr> {
    parse_or(text, base, || super::repr::str_repr(text))
}

/// `int(b, base)` of a `bytes`-like value: the text's rules, the error shows the bytes.
pub fn parse_bytes(b: &[u8], base: u32) -> Result<Value, PyErr> {
    parse_or(&String::from_utf8_lossy(b), base, || {
        super::repr::bytes_repr(b)
    })
}

fn parse_or(
    text: &str,
    base: u32,
    shown: impl Fn() -> Result<String, PyErr>,
) -> Result<Value, PyErr> {
    let bad = || match shown() {
        Ok(r) => value_error(format!("invalid literal for int() with base {base}: {r}")),
        Err(e) => e,
    };
    // ASCII whitespace and non-ASCII spaces (CPython maps those to ' ' first), not
    // U+001C..U+001F.
    let s = text.trim_matches(char::is_whitespace);
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = s.to_ascii_lowercase();
    let (mut base, mut digits) = (base, lower.as_str());
    for (p, b) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = digits.strip_prefix(p) {
            if base == 0 || base == b {
                base = b;
                digits = rest.strip_prefix('_').unwrap_or(rest);
            }
        }
    }
    if base == 0 {
        if digits.len() > 1
            && digits.starts_with('0')
            && digits.bytes().any(|c| c != b'0' && c != b'_')
        {
            return Err(bad());
        }
        base = 10;
    }
    if !base.is_power_of_two() {
        // The digit limit applies to the leading run of digits, before any error in
        // the rest of the text is reported (as CPython's `long_from_string`).
        let limit = max_str_digits();
        let run = digits
            .chars()
            .take_while(|c| *c == '_' || c.is_digit(base))
            .filter(|c| *c != '_')
            .count();
        if limit > 0 && run > STR_DIGITS_THRESHOLD && run > limit {
            return Err(too_many_digits(Some(run)));
        }
    }
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err(bad());
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        return Err(bad());
    }
    let b = BigInt::parse_bytes(clean.as_bytes(), base).ok_or_else(bad)?;
    Ok(normalize(if neg { -b } else { b }))
}

/// `int(text)` error-free digits for the `base` argument check.
pub fn check_base(base: i64) -> Result<u32, PyErr> {
    if base == 0 || (2..=36).contains(&base) {
        Ok(base as u32)
    } else {
        Err(value_error("int() base must be >= 2 and <= 36, or 0"))
    }
}

/// Digits of `v` in base 2, 8 or 16 with CPython's prefix (`bin`, `oct`, `hex`).
/// `MemoryError` when the digits could not be held (`bin(1 << 2**33)`).
pub fn to_radix(v: &Value, radix: u32, prefix: &str) -> Result<String, PyErr> {
    let len = radix_room(v, radix)?.saturating_add(prefix.len() + 1);
    let b = to_big(v).unwrap_or_default();
    let digits = b.magnitude().to_str_radix(radix);
    let mut out = super::memory::string_with(len)?;
    if b.is_negative() {
        out.push('-');
    }
    out.push_str(prefix);
    out.push_str(&digits);
    Ok(out)
}

/// The bits of the magnitude of an int `v` (64 for a machine integer or a non-int).
pub fn bits(v: &Value) -> u64 {
    match v {
        Value::Big(b) => b.bits(),
        Value::Instance(i) if is_int(&i.base) => bits(&i.base),
        _ => 64,
    }
}

/// How many digits `v` takes in `radix` (2, 8 or 16) at most, once there is room
/// for a copy of the number, its digits and the text holding them; `MemoryError`
/// when there is not (`bin(1 << 2**33)`, `format(x, 'b')`).
pub fn radix_room(v: &Value, radix: u32) -> Result<usize, PyErr> {
    let bits = bits(v);
    let n = usize::try_from(bits / u64::from(radix.ilog2()) + 1).unwrap_or(usize::MAX);
    super::memory::room(2 * n as u128 + u128::from(bits / 8))?;
    Ok(n)
}

pub fn to_string(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Big(b) => b.to_string(),
        Value::Bool(b) => (*b as i64).to_string(),
        _ => String::new(),
    }
}

/// Compare two ints.
pub fn cmp(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (small(a), small(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => to_big(a).cmp(&to_big(b)),
    }
}

/// An index that must fit a machine word (`list[10**30]` raises IndexError in CPython
/// with "cannot fit 'int' into an index-sized integer").
pub fn as_index(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::Instance(i) if is_int(&i.base) => as_index(&i.base),
        _ => None,
    }
}

pub fn is_zero(v: &Value) -> bool {
    match v {
        Value::Int(i) => *i == 0,
        Value::Bool(b) => !b.get(),
        _ => false,
    }
}
