//! Combinatoric iterators: `product`, `permutations`, `combinations`,
//! `combinations_with_replacement`, with CPython's algorithms (so the order of the
//! results is CPython's). Pools are read once, when the iterator is made.

use super::make;
use crate::native::*;
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
    replace: bool,
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
            self.started = true;
            let empty = if self.replace { n == 0 && r > 0 } else { r > n };
            if empty {
                self.done = true;
                return Ok(None);
            }
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
    let r = if empty { 0 } else { r };
    // The indices, and the tuple each step builds.
    check_items(r as i64, size_of::<usize>() + size_of::<Value>())?;
    Ok(make(Combinations {
        indices: if replace {
            vec![0; r]
        } else {
            (0..r).collect()
        },
        pool,
        replace,
        started: empty,
        done: empty,
    }))
}

pub fn combinations(cx: &mut Cx, args: Args) -> PyResult<Value> {
    combos(cx, args, "combinations", false)
}

pub fn combinations_with_replacement(cx: &mut Cx, args: Args) -> PyResult<Value> {
    combos(cx, args, "combinations_with_replacement", true)
}
