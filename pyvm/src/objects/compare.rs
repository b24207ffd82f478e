//! Equality and ordering of built-in values (`==`, `<`, ...), with CPython's
//! cross-type numeric rules and `TypeError` wording.

use std::cmp::Ordering;

use super::exception::{recursion_error, type_error, PyErr};
use super::gil::Gil;
use super::int;
use super::types::type_name;
use super::value::Value;

/// Comparison operators, in CPython's `COMPARE_OP` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn from_u32(n: u32) -> CmpOp {
        [
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Gt,
            CmpOp::Ge,
        ][n as usize % 6]
    }

    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }

    /// The operator with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            o => o,
        }
    }

    pub fn test(self, o: Ordering) -> bool {
        match self {
            CmpOp::Lt => o.is_lt(),
            CmpOp::Le => o.is_le(),
            CmpOp::Eq => o.is_eq(),
            CmpOp::Ne => o.is_ne(),
            CmpOp::Gt => o.is_gt(),
            CmpOp::Ge => o.is_ge(),
        }
    }
}

/// Nesting limit for comparing nested containers (the Rust stack is never at risk).
const MAX_DEPTH: u32 = 2000;

/// Equality of hashable values (dict keys): no GIL needed, never fails (an exception
/// a user `__eq__` raises counts as "not equal": see [`key_eq_result`]).
pub fn key_eq(a: &Value, b: &Value) -> bool {
    key_eq_result(a, b).unwrap_or(false)
}

/// Equality of hashable values, with the exception a user `__eq__` raises (called on a
/// scratch micro-thread: `vm::detached`).
pub fn key_eq_result(a: &Value, b: &Value) -> Result<bool, PyErr> {
    match key_eq_native(a, b) {
        Some(eq) => Ok(eq),
        None => super::gil::with_gil(|gil| {
            if super::class::is_user(a) || super::class::is_user(b) {
                crate::native::compare_detached(gil, CmpOp::Eq, a, b)
            } else {
                eq(gil, a, b)
            }
        }),
    }
}

/// [`key_eq`] without calling Python: `None` when a user `__eq__` decides (the keys,
/// or items of tuples being compared, are instances of Python classes).
pub fn key_eq_native(a: &Value, b: &Value) -> Option<bool> {
    if a.is(b) {
        return Some(match a {
            Value::Float(f) => !f.get().is_nan(),
            Value::Complex(c) => !c.re.is_nan() && !c.im.is_nan(),
            _ => true,
        });
    }
    Some(match (a, b) {
        (Value::Str(x), Value::Str(y)) => x.as_str() == y.as_str(),
        (Value::Tuple(x), Value::Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !key_eq_native(p, q)? {
                    return Some(false);
                }
            }
            true
        }
        (x, y) if super::class::is_user(x) || super::class::is_user(y) => return None,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::Range(x), Value::Range(y)) => x.equals(y),
        (Value::FrozenSet(x), Value::FrozenSet(y)) => {
            x.len() == y.len() && x.is_subset(y).unwrap_or(false)
        }
        (Value::Complex(x), y) | (y, Value::Complex(x)) => complex_eq(x, y),
        // Bound methods: the same `self` (by identity, as CPython's `method_richcompare`)
        // and equal functions.
        (Value::Method(x), Value::Method(y)) => {
            x.this.is(&y.this) && key_eq_native(&x.func, &y.func)?
        }
        (Value::BoundNative(x), Value::BoundNative(y)) => x.0.is(&y.0) && std::ptr::eq(x.1, y.1),
        _ => num_cmp(a, b) == Some(Ordering::Equal),
    })
}

/// CPython's `complex_richcompare` for `==`: a complex equals an int or float when
/// its imaginary part is 0 and its real part equals the number exactly.
fn complex_eq(c: &super::complex::Complex, other: &Value) -> bool {
    match other {
        Value::Complex(d) => c.re == d.re && c.im == d.im,
        Value::Float(f) => c.re == f.get() && c.im == 0.0,
        v if int::is_int(v) => {
            c.im == 0.0 && num_cmp(&Value::float(c.re), v) == Some(Ordering::Equal)
        }
        _ => false,
    }
}

/// Numeric comparison across int/bool/float; `None` if either is not a number or NaN.
fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.get().partial_cmp(&y.get()),
        (Value::Float(x), y) if int::is_int(y) => float_int_cmp(x.get(), y),
        (x, Value::Float(y)) if int::is_int(x) => float_int_cmp(y.get(), x).map(Ordering::reverse),
        (x, y) if int::is_int(x) && int::is_int(y) => Some(int::cmp(x, y)),
        _ => None,
    }
}

fn float_int_cmp(f: f64, i: &Value) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if let Value::Int(n) = i {
        if n.unsigned_abs() < 1 << 53 {
            return f.partial_cmp(&(*n as f64));
        }
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    // Exact: compare the float's integer part as a big int, then its fraction.
    let t = f.trunc();
    let big = num_bigint::BigInt::from(t as i128);
    let big = if t.abs() < 1e38 {
        big
    } else {
        num_traits::FromPrimitive::from_f64(t)?
    };
    let iv = int::to_big(i)?;
    match big.cmp(&iv) {
        Ordering::Equal => 0.0f64.partial_cmp(&(f - t)).map(Ordering::reverse),
        o => Some(o),
    }
}

/// `a == b` for built-in values.
pub fn eq(gil: Gil<'_>, a: &Value, b: &Value) -> Result<bool, PyErr> {
    eq_depth(gil, a, b, 0)
}

fn eq_depth(gil: Gil<'_>, a: &Value, b: &Value, depth: u32) -> Result<bool, PyErr> {
    if super::class::is_user(a) || super::class::is_user(b) {
        return crate::native::compare_detached(gil, CmpOp::Eq, a, b);
    }
    if depth > MAX_DEPTH || crate::stack::low() {
        return Err(recursion_error(
            "maximum recursion depth exceeded in comparison",
        ));
    }
    let seq_eq = |x: &[Value], y: &[Value]| -> Result<bool, PyErr> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y) {
            if !p.is(q) && !eq_depth(gil, p, q, depth + 1)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    Ok(match (a, b) {
        (Value::List(x), Value::List(y)) => {
            if crate::objects::rc::Arc::ptr_eq(x, y) {
                return Ok(true);
            }
            let (x, y) = (x.borrow(gil).clone(), y.borrow(gil).clone());
            seq_eq(&x, &y)?
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_eq(x, y)?,
        (Value::Dict(x), Value::Dict(y)) => {
            if crate::objects::rc::Arc::ptr_eq(x, y) {
                return Ok(true);
            }
            let (x, y) = (x.borrow(gil).clone(), y.borrow(gil).clone());
            if x.len() != y.len() {
                return Ok(false);
            }
            for (k, v) in x.iter() {
                match y.get(k)? {
                    Some(w) if v.is(&w) || eq_depth(gil, v, &w, depth + 1)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
            let (x, y) = set_operands(gil, a, b);
            x.len() == y.len() && x.is_subset(&y)?
        }
        (Value::Iter(_), Value::Set(_) | Value::FrozenSet(_) | Value::Iter(_))
        | (Value::Set(_) | Value::FrozenSet(_), Value::Iter(_))
            if set_view(gil, a).is_some() || set_view(gil, b).is_some() =>
        {
            // A keys or items view equals a set (or view) of the same items.
            let side = |v: &Value| -> Result<Option<super::set::Set>, PyErr> {
                match set_view(gil, v) {
                    Some(items) => super::set::Set::from_values(items).map(Some),
                    None if matches!(v, Value::Set(_) | Value::FrozenSet(_)) => {
                        Ok(Some(set_of(gil, v)))
                    }
                    None => Ok(None),
                }
            };
            match (side(a)?, side(b)?) {
                (Some(x), Some(y)) => x.len() == y.len() && x.is_subset(&y)?,
                _ => a.is(b),
            }
        }
        (Value::ByteArray(x), Value::ByteArray(y)) => *x.borrow(gil) == *y.borrow(gil),
        (Value::ByteArray(x), Value::Bytes(y)) | (Value::Bytes(y), Value::ByteArray(x)) => {
            x.borrow(gil).as_slice() == y.as_slice()
        }
        (Value::Range(x), Value::Range(y)) => x.equals(y),
        (Value::Exception(_), _) | (_, Value::Exception(_)) => a.is(b),
        (Value::Slice(x), Value::Slice(y)) => seq_eq(&x[..], &y[..])?,
        (Value::Object(_), _) | (_, Value::Object(_)) => {
            let mine = match a {
                Value::Object(x) => x.0.richcmp(gil, CmpOp::Eq, b),
                _ => None,
            };
            let theirs = || match b {
                Value::Object(y) => y.0.richcmp(gil, CmpOp::Eq, a),
                _ => None,
            };
            match mine.or_else(theirs) {
                Some(r) => r?,
                None => match (a, b) {
                    (Value::Object(x), Value::Object(y))
                        if !crate::objects::rc::Arc::ptr_eq(x, y) =>
                    {
                        match x.0.eq(gil, &*y.0) {
                            Some(r) => r?,
                            None => false,
                        }
                    }
                    _ => match bytearray_buffer_cmp(gil, a, b) {
                        Some(o) => o.is_eq(),
                        None => key_eq(a, b),
                    },
                },
            }
        }
        _ => key_eq(a, b),
    })
}

/// A `bytearray` against another object with the buffer protocol (an
/// `array.array`, a `memoryview` that left the comparison to it): their raw bytes
/// compared, as CPython's `bytearray_richcompare` does (`None`: not that case).
fn bytearray_buffer_cmp(gil: Gil<'_>, a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::ByteArray(x), Value::Object(o)) => {
            let y = o.0.buffer(gil)?;
            Some(x.borrow(gil).as_slice().cmp(y.as_slice()))
        }
        (Value::Object(o), Value::ByteArray(y)) => {
            let x = o.0.buffer(gil)?;
            Some(x.as_slice().cmp(y.borrow(gil).as_slice()))
        }
        _ => None,
    }
}

/// The items of a keys or items view of a dict (`None` for anything else).
fn set_view(gil: Gil<'_>, v: &Value) -> Option<Vec<Value>> {
    let Value::Iter(i) = v else {
        return None;
    };
    let it = i.borrow(gil);
    match &*it {
        super::iter::Iter::View { part, .. } if !matches!(part, super::iter::DictPart::Values) => {
            it.view_items(gil).map(|(_, items)| items)
        }
        _ => None,
    }
}

/// A set or frozenset operand of the set algebra or of a comparison, copied only
/// when Python code may run during the operation (a user `__eq__` could change a
/// set being walked): a frozenset's own table, a set's table borrowed, else a copy.
pub enum SetOperand<'a> {
    Own(&'a super::set::Set),
    Borrowed(super::gil::GilRef<'a, super::set::Set>),
    Copy(super::set::Set),
}

impl std::ops::Deref for SetOperand<'_> {
    type Target = super::set::Set;
    fn deref(&self) -> &super::set::Set {
        match self {
            SetOperand::Own(s) => s,
            SetOperand::Borrowed(s) => s,
            SetOperand::Copy(s) => s,
        }
    }
}

/// One set operand as it is, without a copy (a dict's keys: a new set). Callers
/// that may run Python meanwhile copy it ([`set_operands`]).
pub fn set_operand<'a>(gil: Gil<'a>, v: &'a Value) -> SetOperand<'a> {
    match v {
        Value::FrozenSet(s) => SetOperand::Own(s),
        Value::Set(s) => SetOperand::Borrowed(s.borrow(gil)),
        _ => SetOperand::Copy(set_of(gil, v)),
    }
}

/// The operands `a` and `b` (each a set, frozenset or dict) of one set operation,
/// borrowed when neither holds a key whose comparison may run Python
/// (`Set::may_run_python`), so that `fp <= free` or `free - fp` copies no table.
pub fn set_operands<'a>(
    gil: Gil<'a>,
    a: &'a Value,
    b: &'a Value,
) -> (SetOperand<'a>, SetOperand<'a>) {
    let (x, y) = (set_operand(gil, a), set_operand(gil, b));
    if !x.may_run_python() && !y.may_run_python() {
        return (x, y);
    }
    let copy = |o: SetOperand<'a>| match o {
        SetOperand::Borrowed(s) => SetOperand::Copy(s.clone()),
        other => other,
    };
    (copy(x), copy(y))
}

/// `a op= b` (`|`, `&`, `-`, `^`) on the set `a` itself, when no Python code can run
/// meanwhile: `b` (a set, frozenset or dict) is another object and neither holds a
/// key that may run Python. `false` when not done: the caller then computes a new
/// table from copies and puts it in (`s |= t` is then linear in `len(s)`, so in a
/// loop quadratic, which this path avoids).
pub fn set_update_in_place(
    gil: Gil<'_>,
    a: &crate::objects::rc::Arc<super::gil::GilCell<super::set::Set>>,
    op: &str,
    b: &Value,
) -> bool {
    if matches!(b, Value::Set(t) if crate::objects::rc::Arc::ptr_eq(t, a)) {
        return false;
    }
    let Some(mut x) = a.try_borrow_mut(gil) else {
        return false;
    };
    if x.may_run_python() {
        return false;
    }
    let y = set_operand(gil, b);
    if y.may_run_python() {
        return false;
    }
    super::set::update_in_place(&mut x, op, &y);
    true
}

/// What `key` stands for when it is a set (or an instance of a subclass of `set`)
/// that cannot be hashed: the frozenset of its items, which `x in s`, `s.remove(x)`
/// and `s.discard(x)` look up instead (CPython's `set_contains` and friends).
pub fn frozen_set_key(gil: Gil<'_>, key: &Value) -> Option<Value> {
    match super::class::payload(key).unwrap_or(key) {
        Value::Set(s) => Some(Value::FrozenSet(crate::objects::rc::Arc::new(
            s.borrow(gil).clone(),
        ))),
        _ => None,
    }
}

/// `r`, or when it is the `TypeError` of hashing a set `key`, `retry` with the
/// frozenset that key stands for ([`frozen_set_key`]).
pub fn with_frozen_key<T>(
    gil: Gil<'_>,
    key: &Value,
    r: Result<T, PyErr>,
    retry: impl FnOnce(&Value) -> Result<T, PyErr>,
) -> Result<T, PyErr> {
    match r {
        Err(e) if e.is_instance(&super::types::types().exc.type_error) => {
            match frozen_set_key(gil, key) {
                Some(k) => retry(&k),
                None => Err(e),
            }
        }
        r => r,
    }
}

pub fn set_of(gil: Gil<'_>, v: &Value) -> super::set::Set {
    match v {
        Value::Set(s) => s.borrow(gil).clone(),
        Value::FrozenSet(s) => (**s).clone(),
        Value::Dict(d) => {
            super::set::Set::from_values(d.borrow(gil).keys().cloned()).unwrap_or_default()
        }
        _ => super::set::Set::new(),
    }
}

/// Rich comparison of built-in values.
pub fn compare(gil: Gil<'_>, op: CmpOp, a: &Value, b: &Value) -> Result<bool, PyErr> {
    if super::class::is_user(a) || super::class::is_user(b) {
        return crate::native::compare_detached(gil, op, a, b);
    }
    match op {
        CmpOp::Eq => return eq(gil, a, b),
        CmpOp::Ne => return Ok(!eq(gil, a, b)?),
        _ => {}
    }
    if let Some(o) = num_cmp(a, b) {
        return Ok(op.test(o));
    }
    if is_num(a) && is_num(b) {
        return Ok(false); // NaN
    }
    if matches!(a, Value::Object(_)) || matches!(b, Value::Object(_)) {
        if let Some(r) = native_order(gil, op, a, b) {
            return r;
        }
        if let Some(o) = bytearray_buffer_cmp(gil, a, b) {
            return Ok(op.test(o));
        }
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(op.test(x.compare(y))),
        (Value::Bytes(x), Value::Bytes(y)) => Ok(op.test(x.cmp(y))),
        // `bytearray` orders against any bytes-like object (CPython's
        // `bytearray_richcompare`), `bytes` against a `bytearray` through it.
        (Value::Bytes(_) | Value::ByteArray(_), Value::Bytes(_) | Value::ByteArray(_)) => {
            let (xa, ya);
            let x: &[u8] = match a {
                Value::ByteArray(v) => {
                    xa = v.borrow(gil);
                    &xa
                }
                Value::Bytes(v) => v,
                _ => &[],
            };
            let y: &[u8] = match b {
                Value::ByteArray(v) => {
                    ya = v.borrow(gil);
                    &ya
                }
                Value::Bytes(v) => v,
                _ => &[],
            };
            Ok(op.test(x.cmp(y)))
        }
        (Value::Tuple(x), Value::Tuple(y)) => seq_compare(gil, op, x, y),
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow(gil).clone(), y.borrow(gil).clone());
            seq_compare(gil, op, &x, &y)
        }
        (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
            let (x, y) = set_operands(gil, a, b);
            Ok(match op {
                CmpOp::Le => x.is_subset(&y)?,
                CmpOp::Lt => x.len() < y.len() && x.is_subset(&y)?,
                CmpOp::Ge => y.is_subset(&x)?,
                _ => y.len() < x.len() && y.is_subset(&x)?,
            })
        }
        _ => Err(type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            type_name(a),
            type_name(b)
        ))),
    }
}

/// An ordering a native object defines (`NativeObject::richcmp`), either side.
fn native_order(gil: Gil<'_>, op: CmpOp, a: &Value, b: &Value) -> Option<Result<bool, PyErr>> {
    if let Value::Object(x) = a {
        if let Some(r) = x.0.richcmp(gil, op, b) {
            return Some(r);
        }
    }
    match b {
        Value::Object(y) => y.0.richcmp(gil, op.swapped(), a),
        _ => None,
    }
}

fn is_num(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Float(_)
    )
}

/// Lexicographic comparison: the first unequal pair decides.
fn seq_compare(gil: Gil<'_>, op: CmpOp, x: &[Value], y: &[Value]) -> Result<bool, PyErr> {
    for (p, q) in x.iter().zip(y) {
        if !p.is(q) && !eq(gil, p, q)? {
            return compare(gil, op, p, q);
        }
    }
    Ok(op.test(x.len().cmp(&y.len())))
}

/// `a < b` as an `Ordering`-style test used by `sorted`, `min` and `max`.
pub fn less(gil: Gil<'_>, a: &Value, b: &Value) -> Result<bool, PyErr> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Ok(x < y);
    }
    compare(gil, CmpOp::Lt, a, b)
}
