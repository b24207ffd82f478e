//! Combinatoric iterators: `product`, `permutations`, `combinations`,
//! `combinations_with_replacement`, with CPython's algorithms (so the order of the
//! results is CPython's). Pools are read once, when the iterator is made.

use super::{make, ty};

/// A state's tuple of indices, `len` of them (else CPython's `ValueError("invalid
/// arguments")`), each clamped into `lo..=hi(i)` (`PyLong_AsSsize_t` for each).
fn state_indices(
    state: &Value,
    len: usize,
    lo: i64,
    hi: impl Fn(usize) -> i64,
) -> Result<Vec<usize>, PyErr> {
    let Value::Tuple(t) = state else {
        return Err(value_error("invalid arguments"));
    };
    if t.len() != len {
        return Err(value_error("invalid arguments"));
    }
    let mut out = Vec::with_capacity(len);
    for (i, v) in t.iter().enumerate() {
        let n = match crate::objects::class::unwrap_number(v) {
            Value::Int(n) => n,
            Value::Bool(b) => b as i64,
            Value::Big(_) => {
                return Err(overflow_error(
                    "Python int too large to convert to C ssize_t",
                ))
            }
            _ => return Err(type_error("an integer is required")),
        };
        out.push(n.min(hi(i)).max(lo).max(0) as usize);
    }
    Ok(out)
}

fn ints(v: &[usize]) -> Value {
    Value::tuple(v.iter().map(|&i| Value::Int(i as i64)).collect())
}

/// The `__reduce__` of a combinatoric iterator over `pool` taking `r`: `(type,
/// (pool, r))` before a result was made, `(type, ((), r))` once done, else with
/// `state()` (where it is) as the third item.
fn reduce_form(
    name: &'static str,
    pool: &[Value],
    r: usize,
    started: bool,
    done: bool,
    state: impl FnOnce() -> Value,
) -> Value {
    let me = ty(name);
    let r = Value::Int(r as i64);
    if !started {
        Value::tuple(vec![me, Value::tuple(vec![pool_tuple(pool), r])])
    } else if done {
        Value::tuple(vec![me, Value::tuple(vec![Value::tuple(Vec::new()), r])])
    } else {
        Value::tuple(vec![me, Value::tuple(vec![pool_tuple(pool), r]), state()])
    }
}

fn pool_tuple(pool: &[Value]) -> Value {
    Value::tuple(pool.to_vec())
}
use crate::native::*;
use crate::objects::gil::Gil;
use crate::objects::iter::NativeIter;

fn pick(pool: &[Value], indices: &[usize]) -> Value {
    Value::tuple(indices.iter().map(|&i| pool[i].clone()).collect())
}

/// `repeat` copies of the pools are not made: position `i` draws from
/// `pools[i % pools.len()]`.
struct Product {
    pools: Vec<Vec<Value>>,
    indices: Vec<usize>,
    started: bool,
    done: bool,
}

impl NativeIter for Product {
    fn type_name(&self) -> &'static str {
        "itertools.product"
    }
    fn next(&mut self, _cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            if !self.indices.is_empty() && self.pools.iter().any(Vec::is_empty) {
                self.done = true;
                return Ok(None);
            }
        } else {
            // Advance the rightmost index that can move; reset the ones after it.
            let mut i = self.indices.len();
            loop {
                if i == 0 {
                    self.done = true;
                    return Ok(None);
                }
                i -= 1;
                self.indices[i] += 1;
                if self.indices[i] < self.pools[i % self.pools.len()].len() {
                    break;
                }
                self.indices[i] = 0;
            }
        }
        let items = self
            .indices
            .iter()
            .zip(self.pools.iter().cycle())
            .map(|(&i, p)| p[i].clone())
            .collect();
        Ok(Some(Value::tuple(items)))
    }
    /// `(product, pools)` (each repeat its own pool, as CPython keeps them), with the
    /// indices of the last result once started; `(product, ((),))` once done.
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let me = ty("itertools.product");
        if self.done {
            return Some(Ok(Value::tuple(vec![
                me,
                Value::tuple(vec![Value::tuple(Vec::new())]),
            ])));
        }
        let pools = self
            .pools
            .iter()
            .cycle()
            .take(self.indices.len())
            .map(|p| pool_tuple(p))
            .collect();
        let mut t = vec![me, Value::tuple(pools)];
        if self.started {
            t.push(ints(&self.indices));
        }
        Some(Ok(Value::tuple(t)))
    }
    fn setstate(&mut self, _gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        let n = self.indices.len();
        let pools = &self.pools;
        let size = |i: usize| pools.get(i % pools.len().max(1)).map_or(0, Vec::len) as i64;
        Some((|| {
            let indices = state_indices(state, n, 0, |i| size(i) - 1)?;
            if (0..n).any(|i| size(i) == 0) {
                self.done = true;
                return Ok(());
            }
            self.indices = indices;
            self.started = true;
            Ok(())
        })())
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.pools.iter().flatten().for_each(visit);
    }
}

pub fn product(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let repeat = match args.take_kw("repeat") {
        Some(v) => arg_int(&v, "")?,
        None => 1,
    };
    args.no_kw_left("product")?;
    if repeat < 0 {
        return Err(value_error("repeat argument cannot be negative").into());
    }
    let mut pools = Vec::with_capacity(args.len());
    for a in &args.pos {
        pools.push(cx.collect(a)?);
    }
    if repeat > 0 && pools.len() as i64 > isize::MAX as i64 / 8 / repeat {
        return Err(overflow_error("repeat argument too large").into());
    }
    // The indices, and the tuple each step builds.
    let width = (pools.len() as i64).saturating_mul(repeat);
    check_items(width, size_of::<usize>() + size_of::<Value>())?;
    Ok(make(Product {
        indices: vec![0; width as usize],
        pools,
        started: false,
        done: false,
    }))
}

/// `r` of permutations/combinations: `Expected int as r` for a non-int.
fn r_arg(v: Option<Value>, default: usize) -> Result<usize, PyErr> {
    let r = match v {
        None | Some(Value::None) => return Ok(default),
        Some(Value::Int(i)) => i,
        Some(Value::Bool(b)) => b as i64,
        Some(Value::Big(b)) if b.sign() == num_bigint::Sign::Minus => -1,
        Some(Value::Big(_)) => i64::MAX,
        Some(_) => return Err(type_error("Expected int as r")),
    };
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    Ok(r as usize)
}

/// An `r` from clinic-style arguments, for the functions that need an int.
fn r_int(v: Option<Value>) -> Result<usize, PyErr> {
    let r = match v {
        Some(v) => arg_int(&v, "")?,
        None => 0,
    };
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    Ok(r as usize)
}

struct Permutations {
    pool: Vec<Value>,
    r: usize,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    started: bool,
    done: bool,
}

impl NativeIter for Permutations {
    fn type_name(&self) -> &'static str {
        "itertools.permutations"
    }
    fn next(&mut self, _cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let (n, r) = (self.pool.len(), self.r);
        if self.done {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            if r > n {
                self.done = true;
                return Ok(None);
            }
            return Ok(Some(pick(&self.pool, &self.indices[..r])));
        }
        if n == 0 {
            self.done = true;
            return Ok(None);
        }
        for i in (0..r).rev() {
            self.cycles[i] -= 1;
            if self.cycles[i] == 0 {
                self.indices[i..].rotate_left(1);
                self.cycles[i] = n - i;
            } else {
                let j = self.cycles[i];
                self.indices.swap(i, n - j);
                return Ok(Some(pick(&self.pool, &self.indices[..r])));
            }
        }
        self.done = true;
        Ok(None)
    }
    /// `(permutations, (pool, r))`, with `(indices, cycles)` once a result was made;
    /// `(permutations, ((), r))` once done.
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let has_result = self.started && self.r <= self.pool.len();
        let state = || Value::tuple(vec![ints(&self.indices), ints(&self.cycles)]);
        let (pool, r) = (&self.pool, self.r);
        Some(Ok(reduce_form(
            "itertools.permutations",
            pool,
            r,
            has_result,
            self.done,
            state,
        )))
    }
    fn setstate(&mut self, _gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        let (n, r) = (self.pool.len(), self.r);
        Some((|| {
            let items = super::state_items(state, 2, 2)?;
            for (k, v) in items.iter().enumerate() {
                if !matches!(v, Value::Tuple(_)) {
                    return Err(type_error(format!(
                        "argument {} must be tuple, not {}",
                        k + 1,
                        crate::objects::types::type_name(v)
                    )));
                }
            }
            let indices = state_indices(&items[0], n, 0, |_| n as i64 - 1)?;
            let cycles = state_indices(&items[1], r, 1, |i| n as i64 - i as i64)?;
            if r > n {
                // (CPython would read past its pool here.)
                self.started = true;
                self.done = true;
                return Ok(());
            }
            self.indices = indices;
            self.cycles = cycles;
            self.started = true;
            Ok(())
        })())
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.pool.iter().for_each(visit);
    }
}

pub fn permutations(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "permutations", &["iterable", "r"], 1, 2)?.into_iter();
    let pool = cx.collect(&a.next().flatten().unwrap_or(Value::None))?;
    let n = pool.len();
    let r = r_arg(a.next().flatten(), n)?;
    // CPython allocates `r` cycles even when `r > n` yields nothing.
    check_items(r as i64, size_of::<usize>())?;
    Ok(make(Permutations {
        indices: (0..n).collect(),
        cycles: (0..r.min(n)).map(|i| n - i).collect(),
        pool,
        r,
        started: false,
        done: false,
    }))
}

struct Combinations {
    pool: Vec<Value>,
    indices: Vec<usize>,
    /// The `r` asked for (`indices` is empty when nothing is to come).
    r: usize,
    replace: bool,
    /// A first result was made (CPython's `result != NULL`).
    started: bool,
    done: bool,
}

impl NativeIter for Combinations {
    fn type_name(&self) -> &'static str {
        if self.replace {
            "itertools.combinations_with_replacement"
        } else {
            "itertools.combinations"
        }
    }
    fn next(&mut self, _cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let (n, r) = (self.pool.len(), self.indices.len());
        if self.done {
            return Ok(None);
        }
        if !self.started {
            let empty = if self.replace { n == 0 && r > 0 } else { r > n };
            if empty {
                self.done = true;
                return Ok(None);
            }
            self.started = true;
            return Ok(Some(pick(&self.pool, &self.indices)));
        }
        // The rightmost index not at its highest value.
        let highest = |i: usize| if self.replace { n - 1 } else { i + n - r };
        let Some(i) = (0..r).rev().find(|&i| self.indices[i] != highest(i)) else {
            self.done = true;
            return Ok(None);
        };
        self.indices[i] += 1;
        for j in i + 1..r {
            self.indices[j] = if self.replace {
                self.indices[i]
            } else {
                self.indices[j - 1] + 1
            };
        }
        Ok(Some(pick(&self.pool, &self.indices)))
    }
    /// `(type, (pool, r))`, with the indices of the last result once started;
    /// `(type, ((), r))` once done.
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let state = || ints(&self.indices);
        let (pool, r) = (&self.pool, self.r);
        Some(Ok(reduce_form(
            self.type_name(),
            pool,
            r,
            self.started,
            self.done,
            state,
        )))
    }
    fn setstate(&mut self, _gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        let (n, r, replace) = (self.pool.len() as i64, self.r, self.replace);
        let hi = |i: usize| {
            if replace {
                n - 1
            } else {
                i as i64 + n - r as i64
            }
        };
        Some((|| {
            let indices = state_indices(state, r, 0, hi)?;
            let empty = if replace {
                n == 0 && r > 0
            } else {
                r as i64 > n
            };
            self.started = true;
            if empty {
                // (CPython would read past its pool here.)
                self.done = true;
                return Ok(());
            }
            self.indices = indices;
            Ok(())
        })())
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.pool.iter().for_each(visit);
    }
}

fn combos(cx: &mut Cx, args: Args, name: &str, replace: bool) -> PyResult<Value> {
    let mut a = clinic(args, name, &["iterable", "r"], 2, 2)?.into_iter();
    let pool = cx.collect(&a.next().flatten().unwrap_or(Value::None))?;
    let r = r_int(a.next().flatten())?;
    let empty = if replace {
        pool.is_empty() && r > 0
    } else {
        r > pool.len()
    };
    // Nothing to yield: no need for `r` indices (CPython allocates them even so:
    // its MemoryError when they could not be held).
    check_items(r as i64, size_of::<usize>())?;
    let width = if empty { 0 } else { r };
    // The indices, and the tuple each step builds.
    check_items(width as i64, size_of::<usize>() + size_of::<Value>())?;
    Ok(make(Combinations {
        indices: if replace {
            vec![0; width]
        } else {
            (0..width).collect()
        },
        pool,
        r,
        replace,
        started: false,
        done: empty,
    }))
}

pub fn combinations(cx: &mut Cx, args: Args) -> PyResult<Value> {
    combos(cx, args, "combinations", false)
}

pub fn combinations_with_replacement(cx: &mut Cx, args: Args) -> PyResult<Value> {
    combos(cx, args, "combinations_with_replacement", true)
}
