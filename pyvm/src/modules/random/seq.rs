//! `random`'s sequence functions: `choice`, `shuffle`, `sample`, `choices`, as
//! `random.py` writes them (the same draws in the same order).

use std::sync::Arc;

use num_bigint::BigInt;

use super::bind::{bind, opt, req};
use super::state;
use crate::native::*;
use crate::objects::gil::Gil;
use crate::objects::int;
use crate::objects::types::type_name;

/// `len(seq)` for the sequences `choice`/`sample` index, with CPython's errors.
fn seq_len(gil: Gil<'_>, v: &Value) -> Result<usize, PyErr> {
    Ok(match v {
        Value::List(l) => l.borrow(gil).len(),
        Value::Tuple(t) => t.len(),
        Value::Str(s) => s.char_len(),
        Value::Bytes(b) => b.len(),
        Value::ByteArray(b) => b.borrow(gil).len(),
        Value::Range(r) => r.len_ssize()?,
        Value::Dict(d) => d.borrow(gil).len(),
        Value::Set(s) => s.borrow(gil).len(),
        Value::FrozenSet(s) => s.len(),
        _ => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                type_name(v)
            )))
        }
    })
}

/// `seq[i]` for `0 <= i < len`.
fn seq_get(gil: Gil<'_>, v: &Value, i: usize) -> Result<Value, PyErr> {
    Ok(match v {
        Value::List(l) => l.borrow(gil).get(i).cloned().unwrap_or(Value::None),
        Value::Tuple(t) => t[i].clone(),
        Value::Str(s) => Value::string(s.char_at(i).map(String::from).unwrap_or_default()),
        Value::Bytes(b) => Value::Int(b[i] as i64),
        Value::ByteArray(b) => Value::Int(b.borrow(gil).get(i).copied().unwrap_or(0) as i64),
        Value::Range(r) => r.item(&Value::Int(i as i64))?,
        Value::Dict(d) => {
            let key = Value::Int(i as i64);
            d.borrow(gil).get(&key)?.ok_or_else(|| key_error(key))?
        }
        _ => {
            return Err(type_error(format!(
                "'{}' object is not subscriptable",
                type_name(v)
            )))
        }
    })
}

pub fn choice(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.choice", &["seq"], 1, true)?;
    let seq = req(&p, 0);
    let n = seq_len(cx.gil, seq)?;
    if n == 0 {
        return Err(index_error("Cannot choose from an empty sequence").into());
    }
    let i = state().below_u64(n as u64) as usize;
    Ok(seq_get(cx.gil, seq, i)?)
}

pub fn shuffle(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.shuffle", &["x"], 1, true)?;
    let x = req(&p, 0);
    let n = seq_len(cx.gil, x)?;
    match x {
        Value::List(l) => {
            let mut items = l.borrow_mut(cx.gil);
            let mut mt = state();
            for i in (1..items.len()).rev() {
                let j = mt.below_u64(i as u64 + 1) as usize;
                items.swap(i, j);
            }
        }
        Value::ByteArray(b) => {
            let mut items = b.borrow_mut(cx.gil);
            let mut mt = state();
            for i in (1..items.len()).rev() {
                let j = mt.below_u64(i as u64 + 1) as usize;
                items.swap(i, j);
            }
        }
        _ if n <= 1 => {}
        Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) | Value::Range(_) => {
            // CPython draws j before failing on the assignment.
            state().below_u64(n as u64);
            return Err(type_error(format!(
                "'{}' object does not support item assignment",
                type_name(x)
            ))
            .into());
        }
        _ => {
            state().below_u64(n as u64);
            seq_get(cx.gil, x, n - 1)?;
        }
    }
    Ok(Value::None)
}

fn is_sequence(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Range(_)
    )
}

pub fn sample(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let counts = args.take_kw("counts");
    let p = bind(args, "Random.sample", &["population", "k"], 2, true)?;
    let pop = req(&p, 0);
    if !is_sequence(pop) {
        return Err(type_error(
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        )
        .into());
    }
    let n = seq_len(cx.gil, pop)?;
    if let Some(counts) = counts.filter(|c| !matches!(c, Value::None)) {
        return sample_counts(cx, pop, n, &counts, req(&p, 1).clone());
    }
    let k = sample_size(req(&p, 1), n)?;
    check_items(k as i64, size_of::<Value>())?;
    let mut result = Vec::with_capacity(k);
    let mut setsize = 21usize;
    if k > 5 {
        let e = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4usize.saturating_pow(e.ceil() as u32);
    }
    let mut mt = state();
    if n <= setsize {
        let mut pool: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = mt.below_u64((n - i) as u64) as usize;
            result.push(pool[j]);
            pool[j] = pool[n - i - 1];
        }
    } else {
        let mut selected = std::collections::HashSet::with_capacity(k);
        for _ in 0..k {
            let mut j = mt.below_u64(n as u64) as usize;
            while selected.contains(&j) {
                j = mt.below_u64(n as u64) as usize;
            }
            selected.insert(j);
            result.push(j);
        }
    }
    drop(mt);
    let out = result
        .into_iter()
        .map(|i| seq_get(cx.gil, pop, i))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::list(out))
}

/// `k` of `sample`, checked as `random.py` checks it: `0 <= k <= n` first (so a float
/// or a big int gets that comparison), then `[None] * k`.
fn sample_size(k: &Value, n: usize) -> Result<usize, PyErr> {
    let in_range = match k {
        Value::Float(f) => *f >= 0.0 && *f <= n as f64,
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => {
            int::to_big(k).is_some_and(|b| b >= BigInt::from(0) && b <= BigInt::from(n))
        }
        _ => {
            return Err(type_error(format!(
                "'<=' not supported between instances of 'int' and '{}'",
                type_name(k)
            )))
        }
    };
    if !in_range {
        return Err(value_error("Sample larger than population or is negative"));
    }
    match k {
        Value::Float(_) => Err(type_error(
            "can't multiply sequence by non-int of type 'float'",
        )),
        _ => Ok(arg_int(k, "")? as usize),
    }
}

/// `sample(population, k, counts=...)`: sample `range(total)` and map each pick back
/// through the cumulative counts (`bisect_right`).
fn sample_counts(cx: &mut Cx, pop: &Value, n: usize, counts: &Value, k: Value) -> PyResult<Value> {
    let mut cum: Vec<i64> = Vec::new();
    let mut acc: i64 = 0;
    for c in cx.collect(counts)? {
        if !int::is_int(&c) {
            return Err(type_error("Counts must be integers").into());
        }
        acc = acc.saturating_add(arg_int(&c, "")?);
        cum.push(acc);
    }
    if cum.len() != n {
        return Err(value_error("The number of counts does not match the population").into());
    }
    let total = cum.pop().unwrap_or(0);
    if total <= 0 {
        return Err(value_error("Total of counts must be greater than zero").into());
    }
    let range = Value::Range(Arc::new(crate::objects::range::Range::small(0, total, 1)));
    let picks = sample(cx, Args::new([range, k]))?;
    let picks = cx.collect(&picks)?;
    let mut out = Vec::with_capacity(picks.len());
    for s in picks {
        let s = arg_int(&s, "")?;
        out.push(seq_get(cx.gil, pop, cum.partition_point(|&c| c <= s))?);
    }
    Ok(Value::list(out))
}

pub fn choices(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let cum_weights = args
        .take_kw("cum_weights")
        .filter(|v| !matches!(v, Value::None));
    let k = match args.take_kw("k") {
        Some(k) => arg_int(&k, "")?,
        None => 1,
    };
    let p = bind(args, "Random.choices", &["population", "weights"], 1, true)?;
    let pop = req(&p, 0);
    let n = seq_len(cx.gil, pop)?;
    let weights = opt(&p, 1);
    let k = k.max(0) as usize;
    let cum: Vec<f64> = match (weights, cum_weights) {
        (None, None) => {
            let nf = n as f64;
            check_items(k as i64, size_of::<Value>())?;
            let mut out = Vec::with_capacity(k.min(1 << 16));
            for _ in 0..k {
                let i = (state().random() * nf).floor() as usize;
                let x =
                    seq_get(cx.gil, pop, i).map_err(|_| index_error("list index out of range"))?;
                crate::objects::memory::push(&mut out, x)?;
            }
            return Ok(Value::list(out));
        }
        (Some(_), Some(_)) => {
            return Err(type_error("Cannot specify both weights and cumulative weights").into())
        }
        (Some(w), None) => {
            if int::is_int(w) {
                return Err(type_error(format!(
                    "The number of choices must be a keyword argument: k={}",
                    int::to_string(w)
                ))
                .into());
            }
            let mut acc = 0.0;
            let mut cum = Vec::new();
            for x in cx.collect(w)? {
                acc += crate::modules::math::to_f64(&x)?;
                cum.push(acc);
            }
            cum
        }
        (None, Some(c)) => cx
            .collect(&c)?
            .iter()
            .map(crate::modules::math::to_f64)
            .collect::<Result<_, _>>()?,
    };
    if cum.len() != n {
        return Err(value_error("The number of weights does not match the population").into());
    }
    let total = cum.last().copied().unwrap_or(0.0);
    if total <= 0.0 {
        return Err(value_error("Total of weights must be greater than zero").into());
    }
    if !total.is_finite() {
        return Err(value_error("Total of weights must be finite").into());
    }
    let hi = n - 1;
    check_items(k as i64, size_of::<Value>())?;
    let mut out = Vec::with_capacity(k.min(1 << 16));
    for _ in 0..k {
        let x = state().random() * total;
        let i = cum[..hi].partition_point(|&c| c <= x);
        crate::objects::memory::push(&mut out, seq_get(cx.gil, pop, i)?)?;
    }
    Ok(Value::list(out))
}
