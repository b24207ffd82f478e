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

use crate::objects::rc::Arc;
use std::sync::{Mutex, OnceLock};

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;
use crate::objects::{float, int};

pub(crate) mod bind;
mod dist;
mod inst;
mod mersenne;
mod seq;
mod sha512;

use bind::{bind, req};
use dist::{expovariate, gauss, normalvariate, triangular, uniform};
use mersenne::Mt;
use seq::{choice, choices, sample, shuffle};

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
    "getstate" => getstate, "setstate" => setstate, "Random" => inst::new,
];

/// The `random` module (one per process), seeded from the OS like CPython's.
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    RANDOM.get_or_init(|| {
        let m = Module::with_functions(gil, "random", FUNCS);
        // A failing /dev/urandom leaves the time-based fallback CPython also uses.
        let _ = seed_from_os();
        Arc::new(m)
    })
}

/// The generator, locked (briefly: never across a call into Python).
fn state() -> std::sync::MutexGuard<'static, Mt> {
    STATE.lock().unwrap_or_else(|p| p.into_inner())
}

fn seed_from_os() -> Result<(), PyErr> {
    let key: Vec<u32> = match super::posix::random_bytes(624 * 4) {
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

fn seed(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.seed", &["a", "version"], 0, true)?;
    let version = match &p[1] {
        Some(v) => arg_int(v, "")?,
        None => 2,
    };
    let a = p[0].clone().unwrap_or(Value::None);
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
    args.check("Random.random", 0, 0)?;
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
    args.check("Random.getrandbits", 1, 1)?;
    let k = bits_arg(args.at(0))?;
    Ok(Value::big(state().getrandbits(k)))
}

fn randbytes(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "Random.randbytes", &["n"], 1, true)?;
    let n = match req(&p, 0) {
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

fn randrange(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(
        args,
        "Random.randrange",
        &["start", "stop", "step"],
        1,
        true,
    )?;
    randrange_of(
        req(&p, 0),
        p[1].as_ref().unwrap_or(&Value::None),
        p[2].as_ref(),
    )
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
    let p = bind(args, "Random.randint", &["a", "b"], 2, true)?;
    // `b + 1` with Python's meaning, then `randrange(a, b + 1)`.
    let stop = match req(&p, 1) {
        Value::Float(f) => Value::Float(f + 1.0),
        Value::Str(_) => {
            return Err(type_error("can only concatenate str (not \"int\") to str").into())
        }
        b if int::is_int(b) => Value::big(int::to_big(b).unwrap_or_default() + 1),
        b => return Err(unsupported_operand("+", b, &Value::Int(1)).into()),
    };
    randrange_of(req(&p, 0), &stop, None)
}

/// `(3, (625 ints: the 624 words and the position), gauss_next)`, as CPython.
fn getstate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    bind(args, "Random.getstate", &[], 0, true)?;
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
    let p = bind(args, "Random.setstate", &["state"], 1, true)?;
    let parts = cx.collect(req(&p, 0))?;
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
        _ => return Err(type_error("state vector must be a tuple").into()),
    };
    if internal.len() != 625 {
        return Err(value_error("state vector is the wrong size").into());
    }
    let mut words = [0u32; 624];
    let modulus = BigInt::from(1u64 << 32);
    for (w, v) in words.iter_mut().zip(&internal) {
        let mut b = int::to_big(v).ok_or_else(|| type_error("an integer is required"))?;
        if matches!(version, Value::Int(2)) {
            // Version 2 states are reduced modulo 2**32 first (random.py).
            b = ((b % &modulus) + &modulus) % &modulus;
        }
        if b.is_negative() {
            return Err(overflow_error("can't convert negative value to unsigned int").into());
        }
        // C's `(uint32_t)` of an unsigned long: the low 32 bits.
        let wide = b
            .to_u64()
            .ok_or_else(|| overflow_error("Python int too large to convert to C unsigned long"))?;
        *w = wide as u32;
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
