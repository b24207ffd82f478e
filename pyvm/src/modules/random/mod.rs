//! The `random` module: CPython's Mersenne Twister (MT19937), seeded exactly as
//! CPython seeds it, and the `random.py` algorithms on top, so a fixed seed gives the
//! very same sequence as CPython 3.11.
//!
//! ```text
//!  seed(int)  -> init_by_array(|n| as 32-bit words, least significant first)
//!  seed(str)  -> int.from_bytes(s.encode() + sha512(s.encode()))  (version 2)
//!  random()   -> (genrand >> 5) * 2**26 + (genrand >> 6), divided by 2**53
//!  _randbelow(n) -> getrandbits(n.bit_length()) until < n
//! ```

use std::sync::{Arc, Mutex, OnceLock};

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;
use crate::objects::{float, int};

mod mt;
mod sha512;

use mt::Mt;

static RANDOM: OnceLock<Arc<Module>> = OnceLock::new();

/// The module's one generator (CPython's hidden `random._inst`). Never locked across a
/// call back into Python.
static STATE: Mutex<Mt> = Mutex::new(Mt::UNSEEDED);

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "seed" => seed, "random" => random, "getrandbits" => getrandbits,
    "randbytes" => randbytes, "randrange" => randrange, "randint" => randint,
    "choice" => choice, "choices" => choices, "shuffle" => shuffle, "sample" => sample,
    "uniform" => uniform, "triangular" => triangular, "gauss" => gauss,
    "normalvariate" => normalvariate, "expovariate" => expovariate,
    "getstate" => getstate, "setstate" => setstate,
];

/// The `random` module (one per process), seeded from the OS like CPython's.
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    RANDOM.get_or_init(|| {
        let m = Module::new("random");
        for f in FUNCS {
            m.set(gil, f.name, Value::Native(f));
        }
        // A failing /dev/urandom leaves the time-based fallback CPython also uses.
        let _ = seed_from_os();
        Arc::new(m)
    })
}

fn state() -> std::sync::MutexGuard<'static, Mt> {
    STATE.lock().unwrap_or_else(|p| p.into_inner())
}

fn seed_from_os() -> Result<(), PyErr> {
    let key: Vec<u32> = match super::os::random_bytes(624 * 4) {
        Ok(bytes) => bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
        Err(_) => {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            vec![t.as_secs() as u32, t.subsec_nanos(), std::process::id()]
        }
    };
    state().seed_array(&key);
    Ok(())
}

fn seed(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let version = args.take_kw("version");
    if let Some(a) = args.take_kw("a") {
        args.pos.insert(0, a);
    }
    args.check("seed", 0, 2)?;
    let version = match version.or_else(|| args.get(1).cloned()) {
        Some(v) => arg_int(&v, "")?,
        None => 2,
    };
    let a = args.get(0).cloned().unwrap_or(Value::None);
    let n: BigInt =
        match &a {
            Value::None => {
                seed_from_os()?;
                return Ok(Value::None);
            }
            Value::Int(_) | Value::Bool(_) | Value::Big(_) => int::to_big(&a).unwrap_or_default(),
            // CPython seeds other hashables with `(size_t)hash(a)`: no abs, a wrap.
            Value::Float(f) => BigInt::from(float::hash(*f) as u64),
            Value::Str(_) | Value::Bytes(_) | Value::ByteArray(_) => {
                let bytes: Vec<u8> = match &a {
                    Value::Str(s) => s.as_str().as_bytes().to_vec(),
                    Value::Bytes(b) => b.to_vec(),
                    Value::ByteArray(b) => b.borrow(_cx.gil).clone(),
                    _ => Vec::new(),
                };
                if version == 1 {
                    version1_seed(&bytes, matches!(a, Value::Str(_)))
                } else {
                    let mut all = bytes.clone();
                    all.extend_from_slice(&sha512::digest(&bytes));
                    BigInt::from_bytes_be(Sign::Plus, &all)
                }
            }
            _ => return Err(type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            )
            .into()),
        };
    let key = n.magnitude().to_u32_digits();
    state().seed_array(if key.is_empty() { &[0] } else { &key });
    Ok(Value::None)
}

/// `seed(s, version=1)`: the old string hash, kept for reproducing old sequences.
fn version1_seed(bytes: &[u8], is_str: bool) -> BigInt {
    let codes: Vec<u64> = if is_str {
        String::from_utf8_lossy(bytes)
            .chars()
            .map(|c| c as u64)
            .collect()
    } else {
        bytes.iter().map(|b| *b as u64).collect()
    };
    let mut x: u64 = codes.first().map_or(0, |c| c << 7);
    for c in &codes {
        x = 1000003u64.wrapping_mul(x) ^ c;
    }
    x ^= codes.len() as u64;
    BigInt::from(x)
}

fn random(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.is_empty() || !args.kw.is_empty() {
        return Err(type_error(format!(
            "Random.random() takes no arguments ({} given)",
            args.len()
        ))
        .into());
    }
    Ok(Value::Float(state().random()))
}

/// A bit count: CPython takes a C `int` and refuses negatives.
fn bits_arg(v: &Value) -> Result<u64, PyErr> {
    let k = match v {
        Value::Big(_) => i64::MAX,
        _ => arg_int(v, "")?,
    };
    if k > i32::MAX as i64 {
        return Err(overflow_error("Python int too large to convert to C int"));
    }
    if k < 0 {
        return Err(value_error("number of bits must be non-negative"));
    }
    Ok(k as u64)
}

fn getrandbits(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getrandbits", 1, 1)?;
    let k = bits_arg(args.at(0))?;
    Ok(Value::big(state().getrandbits(k)))
}

fn randbytes(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("randbytes", 1, 1)?;
    let n = match args.at(0) {
        Value::Big(_) => i64::MAX,
        v => arg_int(v, "")?,
    };
    let k = bits_arg(&Value::Int(n.saturating_mul(8)))?;
    let (_, mut bytes) = state().getrandbits(k).to_bytes_le();
    bytes.resize(n as usize, 0);
    Ok(Value::Bytes(Arc::new(bytes)))
}

/// An integer argument of `randrange`: ints as they are, integral floats accepted
/// (CPython 3.11 warns that this is deprecated), anything else refused as CPython's
/// `int(x)` fallback refuses it.
fn range_arg(v: &Value, what: &str) -> Result<BigInt, PyErr> {
    if let Some(b) = int::to_big(v) {
        return Ok(b);
    }
    match v {
        Value::Str(s) => {
            // `int(s)` succeeds or raises; either way `s != int(s)`.
            int::parse(s.as_str(), 10)?;
            Err(value_error(format!("non-integer {what} for randrange()")))
        }
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 => {
            Ok(num_traits::FromPrimitive::from_f64(*f).unwrap_or_default())
        }
        Value::Float(f) if f.is_nan() => Err(value_error("cannot convert float NaN to integer")),
        Value::Float(f) if f.is_infinite() => {
            Err(overflow_error("cannot convert float infinity to integer"))
        }
        Value::Float(_) => Err(value_error(format!("non-integer {what} for randrange()"))),
        _ => Err(type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            type_name(v)
        ))),
    }
}

fn randrange(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    for (i, name) in ["start", "stop", "step"].iter().enumerate() {
        if let Some(v) = args.take_kw(name) {
            while args.pos.len() < i {
                args.pos.push(Value::None);
            }
            args.pos.insert(i, v);
        }
    }
    args.check("randrange", 1, 3)?;
    randrange_of(args.at(0), args.get(1).unwrap_or(&Value::None), args.get(2))
}

fn randrange_of(start: &Value, stop: &Value, step: Option<&Value>) -> PyResult<Value> {
    let istart = range_arg(start, "arg 1")?;
    if let Value::None = stop {
        if step.is_some() {
            return Err(type_error("Missing a non-None stop argument").into());
        }
        if istart.is_positive() {
            return Ok(Value::big(state().below(&istart)));
        }
        return Err(value_error("empty range for randrange()").into());
    }
    let istop = range_arg(stop, "stop")?;
    let width = &istop - &istart;
    let istep = match step {
        Some(s) => range_arg(s, "step")?,
        None => BigInt::from(1),
    };
    if istep == BigInt::from(1) {
        if width.is_positive() {
            return Ok(Value::big(istart + state().below(&width)));
        }
        return Err(value_error(format!(
            "empty range for randrange() ({istart}, {istop}, {width})"
        ))
        .into());
    }
    let n = if istep.is_positive() {
        num_integer::Integer::div_floor(&(&width + &istep - 1), &istep)
    } else if istep.is_negative() {
        num_integer::Integer::div_floor(&(&width + &istep + 1), &istep)
    } else {
        return Err(value_error("zero step for randrange()").into());
    };
    if !n.is_positive() {
        return Err(value_error("empty range for randrange()").into());
    }
    Ok(Value::big(istart + istep * state().below(&n)))
}

fn randint(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.len() < 2 {
        let missing = if args.is_empty() {
            "2 required positional arguments: 'a' and 'b'"
        } else {
            "1 required positional argument: 'b'"
        };
        return Err(type_error(format!("Random.randint() missing {missing}")).into());
    }
    args.check("randint", 2, 2)?;
    // `b + 1` with Python's meaning, then `randrange(a, b + 1)`.
    let stop = match args.at(1) {
        Value::Float(f) => Value::Float(f + 1.0),
        Value::Str(_) => {
            return Err(type_error("can only concatenate str (not \"int\") to str").into())
        }
        b if int::is_int(b) => Value::big(int::to_big(b).unwrap_or_default() + 1),
        b => return Err(unsupported_operand("+", b, &Value::Int(1)).into()),
    };
    randrange_of(args.at(0), &stop, None)
}

/// `len(seq)` for the sequences `choice`/`sample` index, with CPython's errors.
fn seq_len(gil: Gil<'_>, v: &Value) -> Result<usize, PyErr> {
    Ok(match v {
        Value::List(l) => l.borrow(gil).len(),
        Value::Tuple(t) => t.len(),
        Value::Str(s) => s.char_len(),
        Value::Bytes(b) => b.len(),
        Value::ByteArray(b) => b.borrow(gil).len(),
        Value::Range(r) => r.len() as usize,
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
        Value::Range(r) => Value::Int(r.get(i as i64)),
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

fn choice(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("choice", 1, 1)?;
    let seq = args.at(0);
    let n = seq_len(cx.gil, seq)?;
    if n == 0 {
        return Err(index_error("Cannot choose from an empty sequence").into());
    }
    let i = state().below_u64(n as u64) as usize;
    Ok(seq_get(cx.gil, seq, i)?)
}

fn shuffle(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("shuffle", 1, 1)?;
    let x = args.at(0);
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

fn sample(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let counts = args.take_kw("counts");
    if let Some(k) = args.take_kw("k") {
        args.pos.push(k);
    }
    if args.len() < 2 && args.kw.is_empty() {
        return Err(type_error(if args.is_empty() {
            "Random.sample() missing 2 required positional arguments: 'population' and 'k'"
        } else {
            "Random.sample() missing 1 required positional argument: 'k'"
        })
        .into());
    }
    args.check("sample", 2, 2)?;
    let pop = args.at(0);
    if !is_sequence(pop) {
        return Err(type_error(
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        )
        .into());
    }
    let n = seq_len(cx.gil, pop)?;
    let k = arg_int(args.at(1), "")?;
    if let Some(counts) = counts.filter(|c| !matches!(c, Value::None)) {
        return sample_counts(cx, pop, n, &counts, args.at(1).clone());
    }
    if k < 0 || k as usize > n {
        return Err(value_error("Sample larger than population or is negative").into());
    }
    let k = k as usize;
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
    let range = Value::Range(Arc::new(crate::objects::value::Range {
        start: 0,
        stop: total,
        step: 1,
    }));
    let picks = sample(cx, Args::new([range, k]))?;
    let picks = cx.collect(&picks)?;
    let mut out = Vec::with_capacity(picks.len());
    for s in picks {
        let s = arg_int(&s, "")?;
        out.push(seq_get(cx.gil, pop, cum.partition_point(|&c| c <= s))?);
    }
    Ok(Value::list(out))
}

fn choices(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let cum_weights = args
        .take_kw("cum_weights")
        .filter(|v| !matches!(v, Value::None));
    let weights = args.take_kw("weights");
    if let Some(w) = weights {
        args.pos.push(w);
    }
    let k = match args.take_kw("k") {
        Some(k) => arg_int(&k, "")?,
        None => 1,
    };
    args.check("choices", 1, 2)?;
    let pop = args.at(0);
    let n = seq_len(cx.gil, pop)?;
    let weights = args.get(1).filter(|v| !matches!(v, Value::None));
    let k = k.max(0) as usize;
    let cum: Vec<f64> = match (weights, cum_weights) {
        (None, None) => {
            let nf = n as f64;
            let mut out = Vec::with_capacity(k.min(1 << 16));
            for _ in 0..k {
                let i = (state().random() * nf).floor() as usize;
                out.push(
                    seq_get(cx.gil, pop, i).map_err(|_| index_error("list index out of range"))?,
                );
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
                acc += super::math::to_f64(&x)?;
                cum.push(acc);
            }
            cum
        }
        (None, Some(c)) => cx
            .collect(&c)?
            .iter()
            .map(super::math::to_f64)
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
    let mut out = Vec::with_capacity(k.min(1 << 16));
    for _ in 0..k {
        let x = state().random() * total;
        let i = cum[..hi].partition_point(|&c| c <= x);
        out.push(seq_get(cx.gil, pop, i)?);
    }
    Ok(Value::list(out))
}

/// A number argument for the float distributions, or the TypeError CPython's
/// arithmetic would raise (`op` between `a` and `b`).
fn num(v: &Value, op: &str, a: &Value, b: &Value) -> Result<f64, PyErr> {
    match v {
        Value::Float(_) | Value::Int(_) | Value::Bool(_) | Value::Big(_) => super::math::to_f64(v),
        _ => Err(unsupported_operand(op, a, b)),
    }
}

fn uniform(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("uniform", 2, 2)?;
    let (a, b) = (args.at(0), args.at(1));
    let (x, y) = (num(a, "-", b, a)?, num(b, "-", b, a)?);
    Ok(Value::Float(x + (y - x) * state().random()))
}

fn opt_f64(args: &mut Args, i: usize, name: &str, default: f64) -> Result<f64, PyErr> {
    let v = args.take_kw(name).or_else(|| args.get(i).cloned());
    match v {
        None => Ok(default),
        Some(v) => super::math::to_f64(&v),
    }
}

fn triangular(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let low = opt_f64(&mut args, 0, "low", 0.0)?;
    let high = opt_f64(&mut args, 1, "high", 1.0)?;
    let low_value = args.get(0).cloned().unwrap_or(Value::Float(low));
    let mode = args.take_kw("mode").or_else(|| args.get(2).cloned());
    args.check("triangular", 0, 3)?;
    let mut u = state().random();
    let mut c = match mode {
        None | Some(Value::None) => 0.5,
        Some(m) => {
            if high == low {
                // CPython returns `low` itself (ZeroDivisionError path).
                return Ok(low_value);
            }
            (super::math::to_f64(&m)? - low) / (high - low)
        }
    };
    let (mut low, mut high) = (low, high);
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(Value::Float(low + (high - low) * (u * c).sqrt()))
}

fn gauss(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let mu = opt_f64(&mut args, 0, "mu", 0.0)?;
    let sigma = opt_f64(&mut args, 1, "sigma", 1.0)?;
    args.check("gauss", 0, 2)?;
    let mut mt = state();
    let z = match mt.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = mt.random() * std::f64::consts::TAU;
            let g2rad = (-2.0 * (1.0 - mt.random()).ln()).sqrt();
            mt.gauss_next = Some(x2pi.sin() * g2rad);
            x2pi.cos() * g2rad
        }
    };
    Ok(Value::Float(mu + z * sigma))
}

fn normalvariate(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let mu = opt_f64(&mut args, 0, "mu", 0.0)?;
    let sigma = opt_f64(&mut args, 1, "sigma", 1.0)?;
    args.check("normalvariate", 0, 2)?;
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    let mut mt = state();
    loop {
        let u1 = mt.random();
        let u2 = 1.0 - mt.random();
        let z = magic * (u1 - 0.5) / u2;
        if z * z / 4.0 <= -u2.ln() {
            return Ok(Value::Float(mu + z * sigma));
        }
    }
}

fn expovariate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("expovariate", 1, 1)?;
    let lambd = super::math::to_f64(args.at(0))?;
    // The draw happens before the division can fail, as in CPython.
    let u = state().random();
    if lambd == 0.0 {
        return Err(zero_division("float division by zero").into());
    }
    Ok(Value::Float(-(1.0 - u).ln() / lambd))
}

/// `(3, (625 ints: the 624 words and the position), gauss_next)`, as CPython.
fn getstate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getstate", 0, 0)?;
    let mt = state();
    let mut words: Vec<Value> = mt.words().iter().map(|w| Value::Int(*w as i64)).collect();
    words.push(Value::Int(mt.position() as i64));
    let gauss = mt.gauss_next.map_or(Value::None, Value::Float);
    Ok(Value::tuple(vec![
        Value::Int(3),
        Value::tuple(words),
        gauss,
    ]))
}

fn setstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("setstate", 1, 1)?;
    let parts = cx.collect(args.at(0))?;
    let version = parts.first().cloned().unwrap_or(Value::None);
    if !matches!(version, Value::Int(2 | 3)) {
        let v = cx.repr(&version)?;
        return Err(value_error(format!(
            "state with version {v} passed to Random.setstate() of version 3"
        ))
        .into());
    }
    if parts.len() != 3 {
        return Err(value_error(format!(
            "too many values to unpack (expected 3, got {})",
            parts.len()
        ))
        .into());
    }
    let internal = match &parts[1] {
        Value::Tuple(t) => t.to_vec(),
        v => {
            return Err(type_error(format!(
                "state vector must be a tuple, not {}",
                type_name(v)
            ))
            .into())
        }
    };
    if internal.len() != 625 {
        return Err(value_error("state vector is the wrong size").into());
    }
    let mut words = [0u32; 624];
    for (w, v) in words.iter_mut().zip(&internal) {
        let b = int::to_big(v).ok_or_else(|| type_error("state vector items must be integers"))?;
        *w = (b % (BigInt::from(1u64 << 32)))
            .to_i64()
            .map(|x| x.rem_euclid(1 << 32) as u32)
            .unwrap_or(0);
    }
    let pos = arg_int(&internal[624], "")?;
    if !(0..=624).contains(&pos) {
        return Err(value_error("invalid state").into());
    }
    let gauss = match &parts[2] {
        Value::None => None,
        v => Some(super::math::to_f64(v)?),
    };
    let mut mt = state();
    mt.set(words, pos as usize);
    mt.gauss_next = gauss;
    Ok(Value::None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Zero;

    /// The reference output of mt19937ar.c for `init_by_array({0x123, 0x234, 0x345, 0x456})`.
    #[test]
    fn mt19937_reference() {
        let mut mt = Mt::UNSEEDED;
        mt.seed_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.genrand()).collect();
        assert_eq!(
            first,
            [1067595299, 955945823, 477289528, 4107218783, 4228976476]
        );
    }

    #[test]
    fn sha512_abc() {
        let d = sha512::digest(b"abc");
        assert_eq!(d[..8], [0xdd, 0xaf, 0x35, 0xa1, 0x93, 0x61, 0x7a, 0xba]);
        assert!(BigInt::zero() < BigInt::from_bytes_be(Sign::Plus, &d));
    }
}
