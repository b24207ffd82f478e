//! `range`: bounds that fit an `i64` (every range a loop counts with) in machine
//! integers, the others in big ints, with CPython's semantics for both: `len`,
//! indexing, slicing, `in`, `index`/`count`, `==`, `hash`, `repr` and the iterators.
//!
//! ```text
//!  Range::Small { start, stop, step: i64 }        range(n), range(a, b, c): the fast path
//!  Range::Big(Box { start, stop, step, len })      some bound beyond an i64 (len cached,
//!                                                   as CPython's rangeobject keeps it)
//! ```
//! The representation is canonical (`Big` only when a bound does not fit), but nothing
//! depends on that: every operation has a generic path on big ints (`BigRange`, which
//! a small range converts to) and a machine-integer shortcut for the small case.

use std::borrow::Cow;
use std::num::NonZeroI64;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::exception::{index_error, overflow_error, type_error, value_error, PyErr};
use super::int::{normalize, to_big};
use super::iter::{Iter, LongRangeIter};
use super::value::Value;

/// A `range` object; `step != 0`.
#[derive(Debug, Clone)]
pub enum Range {
    /// All of start, stop and step fit an `i64` (the length may not: up to 2^64 - 1).
    Small(SmallRange),
    /// At least one bound is beyond an `i64`. Boxed so a small range stays small.
    Big(Box<BigRange>),
}

#[derive(Debug, Clone, Copy)]
pub struct SmallRange {
    pub start: i64,
    pub stop: i64,
    /// Never zero, which leaves a niche for `Range::Big`: a `Range` takes 24 bytes,
    /// as the plain three `i64`s did.
    nz_step: NonZeroI64,
}

const _: () = assert!(std::mem::size_of::<Range>() == 24);

/// A range in big ints: a big range, or a small one seen through the generic path.
#[derive(Debug, Clone)]
pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
    /// The number of items (never negative), computed once.
    pub len: BigInt,
}

impl SmallRange {
    pub fn step(&self) -> i64 {
        self.nz_step.get()
    }

    /// The number of items: CPython's `get_len_of_range`, which always fits a `u64`
    /// (unsigned distances: no overflow, no 128-bit division).
    fn len(&self) -> u64 {
        let step = self.step().unsigned_abs();
        if self.step() > 0 && self.start < self.stop {
            (self.stop.abs_diff(self.start) - 1) / step + 1
        } else if self.step() < 0 && self.start > self.stop {
            (self.start.abs_diff(self.stop) - 1) / step + 1
        } else {
            0
        }
    }

    /// Item `i` (`i < len()`, so the result lies between the bounds and fits; the
    /// arithmetic wraps only on the way there).
    fn get(&self, i: u64) -> i64 {
        (self.start as u64).wrapping_add(i.wrapping_mul(self.step() as u64)) as i64
    }

    fn contains(&self, x: i64) -> bool {
        let inside = if self.step() > 0 {
            self.start <= x && x < self.stop
        } else {
            self.stop < x && x <= self.start
        };
        inside
            && (self.step() == 1
                || x.abs_diff(self.start)
                    .is_multiple_of(self.step().unsigned_abs()))
    }

    fn to_big(self) -> BigRange {
        BigRange {
            start: self.start.into(),
            stop: self.stop.into(),
            step: self.step().into(),
            len: self.len().into(),
        }
    }
}

impl BigRange {
    /// CPython's `compute_range_length`.
    fn new(start: BigInt, stop: BigInt, step: BigInt) -> BigRange {
        let (lo, hi, pos) = if step.is_positive() {
            (&start, &stop, step.clone())
        } else {
            (&stop, &start, -&step)
        };
        let len = if lo >= hi {
            BigInt::zero()
        } else {
            (hi - lo - 1u8).div_floor(&pos) + 1u8
        };
        BigRange {
            start,
            stop,
            step,
            len,
        }
    }

    fn item(&self, i: &BigInt) -> BigInt {
        &self.start + i * &self.step
    }

    fn contains(&self, x: &BigInt) -> bool {
        let inside = if self.step.is_positive() {
            &self.start <= x && x < &self.stop
        } else {
            x <= &self.start && &self.stop < x
        };
        inside && (x - &self.start).mod_floor(&self.step).is_zero()
    }
}

impl Range {
    /// `range(start, stop, step)` in machine integers (`step != 0`: a zero step,
    /// which callers rule out first, gives a step of 1).
    pub fn small(start: i64, stop: i64, step: i64) -> Range {
        const ONE: NonZeroI64 = match NonZeroI64::new(1) {
            Some(one) => one,
            None => unreachable!(),
        };
        let nz_step = NonZeroI64::new(step).unwrap_or(ONE);
        Range::Small(SmallRange {
            start,
            stop,
            nz_step,
        })
    }

    /// `range(start, stop, step)` for any ints (`step != 0`), small when it fits.
    pub fn new(start: BigInt, stop: BigInt, step: BigInt) -> Range {
        match (start.to_i64(), stop.to_i64(), step.to_i64()) {
            (Some(start), Some(stop), Some(step)) => Range::small(start, stop, step),
            _ => Range::Big(Box::new(BigRange::new(start, stop, step))),
        }
    }

    /// `range(start, stop, step)` for int values (`step != 0`): `MemoryError` when
    /// there is no room for copies of the bounds and the computation of the length
    /// (a few numbers as wide as the widest bound), as CPython's arithmetic would
    /// fail (fuzz seed 1211, mutant 14338: `range(2**64, 2**2147483647 + 200000)`
    /// under a 1 GiB limit aborted).
    pub fn from_values(start: &Value, stop: &Value, step: &Value) -> Result<Range, PyErr> {
        let widths = [start, stop, step].map(|v| u128::from(super::int::bits(v) / 8));
        let widest = widths.iter().copied().max().unwrap_or(0);
        super::memory::room(widths.iter().sum::<u128>() + 3 * widest)?;
        let big = |v: &Value| super::int::to_big(v).unwrap_or_default();
        Ok(Range::new(big(start), big(stop), big(step)))
    }

    /// The generic view (borrowed for a big range, converted for a small one).
    fn big(&self) -> Cow<'_, BigRange> {
        match self {
            Range::Small(r) => Cow::Owned(r.to_big()),
            Range::Big(b) => Cow::Borrowed(b),
        }
    }

    pub fn start(&self) -> Value {
        match self {
            Range::Small(r) => Value::Int(r.start),
            Range::Big(b) => normalize(b.start.clone()),
        }
    }

    pub fn stop(&self) -> Value {
        match self {
            Range::Small(r) => Value::Int(r.stop),
            Range::Big(b) => normalize(b.stop.clone()),
        }
    }

    pub fn step(&self) -> Value {
        match self {
            Range::Small(r) => Value::Int(r.step()),
            Range::Big(b) => normalize(b.step.clone()),
        }
    }

    /// The length as a Python int (what `bool()` and `==` look at; never fails).
    pub fn len_big(&self) -> BigInt {
        match self {
            Range::Small(r) => r.len().into(),
            Range::Big(b) => b.len.clone(),
        }
    }

    /// `len(r)`: CPython's `PyLong_AsSsize_t` on the length, so a range longer than
    /// `isize::MAX` (`range(2**63)`, `range(10**20)`) raises OverflowError.
    pub fn len_ssize(&self) -> Result<usize, PyErr> {
        let n = match self {
            Range::Small(r) => Some(r.len()),
            Range::Big(b) => b.len.to_u64(),
        };
        match n {
            Some(n) if n <= isize::MAX as u64 => Ok(n as usize),
            _ => Err(overflow_error(
                "Python int too large to convert to C ssize_t",
            )),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Range::Small(r) => r.len() == 0,
            Range::Big(b) => b.len.is_zero(),
        }
    }

    /// `r[i]` for an int `i` (an `int`, `bool` or big int; the caller converts other
    /// indices and rejects what is not one).
    pub fn item(&self, i: &Value) -> Result<Value, PyErr> {
        if let (Range::Small(r), Value::Int(i)) = (self, i) {
            let n = r.len() as i128;
            let j = if *i < 0 { *i as i128 + n } else { *i as i128 };
            return if (0..n).contains(&j) {
                Ok(Value::Int(r.get(j as u64)))
            } else {
                Err(index_error("range object index out of range"))
            };
        }
        let b = self.big();
        let mut i = to_big(i).ok_or_else(|| type_error("range index must be an int"))?;
        if i.is_negative() {
            i += &b.len;
        }
        if i.is_negative() || i >= b.len {
            return Err(index_error("range object index out of range"));
        }
        Ok(normalize(b.item(&i)))
    }

    /// `r[start:stop:step]`: another range (CPython's `compute_slice`).
    pub fn slice(&self, s: &[Value; 3]) -> Result<Range, PyErr> {
        let b = self.big();
        let (start, stop, step) = slice_indices(s, &b.len)?;
        Ok(Range::new(b.item(&start), b.item(&stop), &b.step * step))
    }

    /// `x in r` for an int `x` (`int`, `bool` or big int): arithmetic, no iteration.
    pub fn contains_int(&self, x: &Value) -> bool {
        match (self, x) {
            (Range::Small(r), Value::Int(i)) => r.contains(*i),
            (Range::Small(r), Value::Bool(b)) => r.contains(*b as i64),
            // Beyond an i64, so beyond the bounds.
            (Range::Small(_), Value::Big(_)) => false,
            _ => to_big(x).is_some_and(|x| self.big().contains(&x)),
        }
    }

    /// `r.index(x)` for an int `x`: its position, `None` if it is not an item.
    pub fn index_int(&self, x: &Value) -> Option<Value> {
        if !self.contains_int(x) {
            return None;
        }
        if let (Range::Small(r), Value::Int(i)) = (self, x) {
            // The quotient is an index below `len()`, so it fits.
            return Some(Value::Int(
                (i.abs_diff(r.start) / r.step().unsigned_abs()) as i64,
            ));
        }
        let b = self.big();
        let x = to_big(x)?;
        Some(normalize((x - &b.start).div_floor(&b.step)))
    }

    /// `==` (CPython's `range_equals`): the same items, whatever the bounds say.
    pub fn equals(&self, other: &Range) -> bool {
        if let (Range::Small(x), Range::Small(y)) = (self, other) {
            let (lx, ly) = (x.len(), y.len());
            return lx == ly
                && (lx == 0 || (x.start == y.start && (lx == 1 || x.step() == y.step())));
        }
        let (x, y) = (self.big(), other.big());
        x.len == y.len
            && (x.len.is_zero() || (x.start == y.start && (x.len.is_one() || x.step == y.step)))
    }

    /// `hash(r)`: CPython's, the hash of `(len, start, step)` with `None` for what
    /// `==` ignores, so equal ranges hash alike.
    pub fn hash(&self) -> Result<i64, PyErr> {
        let len = self.len_big();
        let (start, step) = if len.is_zero() {
            (Value::None, Value::None)
        } else if len.is_one() {
            (self.start(), Value::None)
        } else {
            (self.start(), self.step())
        };
        super::dict::hash(&Value::tuple(vec![normalize(len), start, step]))
    }

    pub fn repr(&self) -> Result<String, PyErr> {
        Ok(match self {
            Range::Small(r) if r.step() == 1 => format!("range({}, {})", r.start, r.stop),
            Range::Small(r) => format!("range({}, {}, {})", r.start, r.stop, r.step()),
            // Big bounds in decimal within the digit limit, as CPython's `repr` of
            // them (fuzz seed 1210, mutant 8447: `range(2**2147483648, 2**64)`
            // converted a 2**31-bit bound in full, which aborted).
            Range::Big(b) => {
                let start = super::int::big_to_decimal(&b.start)?;
                let stop = super::int::big_to_decimal(&b.stop)?;
                match b.step.is_one() {
                    true => format!("range({start}, {stop})"),
                    false => format!(
                        "range({start}, {stop}, {})",
                        super::int::big_to_decimal(&b.step)?
                    ),
                }
            }
        })
    }

    /// The items in order, for a native that reads them all or searches them.
    pub fn values(&self) -> Box<dyn Iterator<Item = Value> + '_> {
        match self {
            Range::Small(r) => Box::new((0..r.len()).map(|i| Value::Int(r.get(i)))),
            Range::Big(b) => {
                let mut it = LongRangeIter {
                    start: b.start.clone(),
                    next: b.start.clone(),
                    step: b.step.clone(),
                    left: b.len.clone(),
                };
                Box::new(std::iter::from_fn(move || it.advance()))
            }
        }
    }

    /// The items as a vector (`list(r)`): OverflowError first when `len(r)` would
    /// raise it, as CPython's length hint does, rather than trying forever, and
    /// MemoryError when the items could not be held (`list(range(2**62))`).
    pub fn to_vec(&self) -> Result<Vec<Value>, PyErr> {
        let n = self.len_ssize()?;
        let mut out = Vec::new();
        super::memory::reserve(&mut out, n)?;
        out.extend(self.values());
        Ok(out)
    }

    /// `iter(r)`: a `range_iterator` in machine integers when CPython 3.11 makes one
    /// (every bound and the length fit, and stepping past the end cannot overflow),
    /// else a `longrange_iterator` (`type(iter(r)).__name__` tells them apart).
    pub fn iter(&self) -> Iter {
        if let Range::Small(r) = self {
            let (stop, step, n) = (r.stop, r.step(), r.len());
            let past_end_fits = n == 0
                || if step > 0 {
                    stop <= i64::MAX - (step - 1)
                } else {
                    stop >= i64::MIN + (-1 - step)
                };
            if n <= i64::MAX as u64 && past_end_fits {
                return Iter::Range {
                    next: r.start,
                    step,
                    left: n,
                    start: r.start,
                };
            }
        }
        let b = self.big();
        Iter::LongRange(Box::new(LongRangeIter {
            start: b.start.clone(),
            next: b.start.clone(),
            step: b.step.clone(),
            left: b.len.clone(),
        }))
    }

    /// `reversed(r)`, with CPython 3.11's choice of iterator (`range_reverse`: `-step`
    /// and `start - step` must fit too).
    pub fn reversed(&self) -> Iter {
        if let Range::Small(r) = self {
            let (start, step, n) = (r.start as i128, r.step() as i128, r.len());
            let fits = r.step() != i64::MIN
                && if step > 0 {
                    start - i64::MIN as i128 >= step
                } else {
                    i64::MAX as i128 - start >= -step
                };
            if fits && n <= i64::MAX as u64 {
                let last = if n == 0 { r.start } else { r.get(n - 1) };
                return Iter::Range {
                    next: last,
                    step: -r.step(),
                    left: n,
                    start: last,
                };
            }
        }
        let b = self.big();
        let last = if b.len.is_zero() {
            b.start.clone()
        } else {
            b.item(&(&b.len - 1u8))
        };
        Iter::LongRange(Box::new(LongRangeIter {
            start: last.clone(),
            next: last,
            step: -&b.step,
            left: b.len.clone(),
        }))
    }
}

impl LongRangeIter {
    /// The next item, `None` when exhausted.
    pub fn advance(&mut self) -> Option<Value> {
        if self.left.is_zero() {
            return None;
        }
        let v = self.next.clone();
        self.next += &self.step;
        self.left -= 1u8;
        Some(normalize(v))
    }
}

/// A slice bound or step: an int or `None` (CPython's `evaluate_slice_index`).
fn slice_part(v: &Value) -> Result<Option<BigInt>, PyErr> {
    match v {
        Value::None => Ok(None),
        v => to_big(v).map(Some).ok_or_else(|| {
            type_error("slice indices must be integers or None or have an __index__ method")
        }),
    }
}

/// `(start, stop, step)` of a slice applied to a sequence of `len` items, in big ints
/// (CPython's `_PySlice_GetLongIndices`: the step first, then start, then stop).
pub(crate) fn slice_indices(
    s: &[Value; 3],
    len: &BigInt,
) -> Result<(BigInt, BigInt, BigInt), PyErr> {
    let step = slice_part(&s[2])?.unwrap_or_else(BigInt::one);
    if step.is_zero() {
        return Err(value_error("slice step cannot be zero"));
    }
    let back = step.is_negative();
    let (lower, upper) = if back {
        (BigInt::from(-1), len - 1u8)
    } else {
        (BigInt::zero(), len.clone())
    };
    let clamp = |v: Option<BigInt>, default: &BigInt| -> BigInt {
        match v {
            None => default.clone(),
            Some(mut x) => {
                if x.is_negative() {
                    x += len;
                    if x < lower {
                        x = lower.clone();
                    }
                } else if x > upper {
                    x = upper.clone();
                }
                x
            }
        }
    };
    let start = clamp(slice_part(&s[0])?, if back { &upper } else { &lower });
    let stop = clamp(slice_part(&s[1])?, if back { &lower } else { &upper });
    Ok((start, stop, step))
}
