//! `_random`, the C half of Lib's `random.py`: `_random.Random`, CPython's Mersenne
//! Twister (MT19937) with `_randommodule.c`'s seeding, so a fixed seed gives the very
//! same sequence as CPython 3.11. Everything else (`randint`, `choice`, `shuffle`,
//! `gauss`, `SystemRandom`, str/bytes seeds hashed with sha512) is Lib's `random.py`.
//!
//! ```text
//!  seed(int)  -> init_by_array(|n| as 32-bit words, least significant first)
//!  seed(x)    -> the same with (size_t)hash(x); seed(None): 624 words of urandom
//!  random()   -> (genrand >> 5) * 2**26 + (genrand >> 6), divided by 2**53
//! ```
//!
//! `_random.Random` is a class (made by a few lines of Python at import) whose
//! instances carry their generator as the built-in value a subclass instance holds
//! (`class::instance_with`): a method of the class binds to that value, as a `list`
//! method binds to the list inside a `list` subclass instance, so `random.Random`
//! and programs' subclasses of it work as in CPython.

use crate::objects::rc::Arc;
use std::sync::{Mutex, OnceLock};

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::{class, int};

pub(crate) mod bind;
mod mersenne;

use mersenne::Mt;

static RANDOM: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "__new__" => new, "__init__" => init, "seed" => seed, "random" => random,
    "getrandbits" => getrandbits, "getstate" => getstate, "setstate" => setstate,
];

/// The class, made from the natives above (which the class body picks up from the
/// module namespace and the module then forgets).
static CLASS: &str = r#"
class Random:
    """Random() -> create a random number generator with its own internal state."""
    __module__ = '_random'
    _pyvm_c_type = True
    __new__ = staticmethod(__new__)
    __init__ = __init__
    seed = seed
    random = random
    getrandbits = getrandbits
    getstate = getstate
    setstate = setstate
del seed, random, getrandbits, getstate, setstate
"#;

/// The `_random` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    RANDOM.get_or_init(|| {
        let m = Module::with_functions(gil, "_random", FUNCS);
        if let Err(e) = run_source(gil, CLASS, "<frozen _random>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("_random: {text}\n"));
        }
        for name in ["__new__", "__init__"] {
            let _ = m.dict.borrow_mut(gil).remove(&Value::str(name));
        }
        m.set(gil, "__name__", Value::str("_random"));
        Arc::new(m)
    })
}

/// The generator inside a `_random.Random` (or subclass) instance.
struct Generator(Mutex<Mt>);

impl NativeObject for Generator {
    fn type_name(&self) -> &'static str {
        "_random.Random"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_random.Random object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The generator of `self` (the instance, or the value inside it a method bound to),
/// locked (briefly: never across a call into Python).
fn mt<'a>(this: &'a Value, method: &str) -> Result<std::sync::MutexGuard<'a, Mt>, PyErr> {
    let inner = class::payload(this).unwrap_or(this);
    if let Value::Object(o) = inner {
        if let Some(g) = o.0.as_any().downcast_ref::<Generator>() {
            return Ok(g.0.lock().unwrap_or_else(|p| p.into_inner()));
        }
    }
    Err(type_error(format!(
        "descriptor '{method}' for '_random.Random' objects doesn't apply to a '{}' object",
        crate::objects::types::type_name(this)
    )))
}

/// `self` and the arguments after it.
fn split(mut args: Args) -> (Value, Args) {
    let this = if args.pos.is_empty() {
        Value::None
    } else {
        args.pos.remove(0)
    };
    (this, args)
}

/// CPython's `METH_NOARGS` check.
fn no_args(args: &Args, name: &str) -> Result<(), PyErr> {
    args.check(name, 0, 0)
}

/// CPython's `METH_O` check.
fn one_arg(args: &Args, name: &str) -> Result<Value, PyErr> {
    args.check(name, 1, 1)?;
    Ok(args.pos[0].clone())
}

/// `Random.__new__(cls, ...)` (CPython's `PyType_GenericNew`): an unseeded generator.
fn new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let cls = match args.pos.first() {
        Some(Value::Type(t)) => t.clone(),
        Some(v) => {
            return Err(type_error(format!(
                "Random.__new__(X): X is not a type object ({})",
                crate::objects::types::type_name(v)
            ))
            .into())
        }
        None => return Err(type_error("Random.__new__(): not enough arguments").into()),
    };
    let g = Generator(Mutex::new(Mt::UNSEEDED));
    Ok(class::instance_with(
        cls,
        Value::Object(Arc::new(Object(Box::new(g)))),
    ))
}

/// `Random.__init__(self, [x])` (`random_init`): seeds with `x`.
fn init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (this, args) = split(args);
    if !args.kw.is_empty() {
        return Err(type_error("Random() takes no keyword arguments").into());
    }
    if args.pos.len() > 1 {
        return Err(type_error("Random() requires 0 or 1 argument").into());
    }
    seed_with(cx, &this, args.pos.first())?;
    Ok(Value::None)
}

/// `seed([n])`: `None` seeds from the OS (the time and pid if that fails), an int by
/// its absolute value, anything else by its hash.
fn seed(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (this, args) = split(args);
    if !args.kw.is_empty() {
        return Err(type_error("Random.seed() takes no keyword arguments").into());
    }
    if args.pos.len() > 1 {
        return Err(type_error(format!(
            "seed expected at most 1 argument, got {}",
            args.pos.len()
        ))
        .into());
    }
    seed_with(cx, &this, args.pos.first())?;
    Ok(Value::None)
}

fn seed_with(cx: &mut Cx, this: &Value, arg: Option<&Value>) -> PyResult<()> {
    drop(mt(this, "seed")?);
    let n: BigInt = match arg.map(class::unwrap_number) {
        None | Some(Value::None) => {
            let key = os_key();
            mt(this, "seed")?.seed_array(&key);
            return Ok(());
        }
        Some(v) if int::is_int(&v) => int::to_big(&v).unwrap_or_default().abs(),
        Some(_) => {
            let arg = arg.cloned().unwrap_or(Value::None);
            let hash = cx.call(&builtin_function(cx.gil, "hash"), vec![arg])?;
            // `(size_t)hash`: a negative hash wraps.
            BigInt::from(arg_int(&hash, "")? as u64)
        }
    };
    let key = n.magnitude().to_u32_digits();
    mt(this, "seed")?.seed_array(if key.is_empty() { &[0] } else { &key });
    Ok(())
}

/// 624 words from the OS, or the time and pid when it fails (CPython's fallback).
fn os_key() -> Vec<u32> {
    match super::posix::random_bytes(624 * 4) {
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
    }
}

fn random(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (this, args) = split(args);
    no_args(&args, "Random.random")?;
    let x = mt(&this, "random")?.random();
    Ok(Value::float(x))
}

fn getrandbits(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (this, args) = split(args);
    let k = one_arg(&args, "Random.getrandbits")?;
    let k = match class::unwrap_number(&k) {
        Value::Big(_) => {
            return Err(overflow_error("Python int too large to convert to C int").into())
        }
        v => arg_int(&v, "")?,
    };
    if k > i32::MAX as i64 {
        return Err(overflow_error("Python int too large to convert to C int").into());
    }
    if k < 0 {
        return Err(value_error("number of bits must be non-negative").into());
    }
    // The words, then the int made of them: CPython's malloc fails with MemoryError.
    if !crate::objects::memory::fits(k as u128 / 4) {
        return Err(crate::objects::exception::memory_error().into());
    }
    let n = mt(&this, "getrandbits")?.getrandbits(k as u64);
    Ok(Value::big(n))
}

/// The 624 words and the position, 625 ints.
fn getstate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (this, args) = split(args);
    no_args(&args, "Random.getstate")?;
    let g = mt(&this, "getstate")?;
    let mut words: Vec<Value> = g.words().iter().map(|w| Value::Int(*w as i64)).collect();
    words.push(Value::Int(g.position() as i64));
    Ok(Value::tuple(words))
}

fn setstate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (this, args) = split(args);
    let state = one_arg(&args, "Random.setstate")?;
    let internal = match class::unwrap_payload(&state) {
        Value::Tuple(t) => t.to_vec(),
        _ => return Err(type_error("state vector must be a tuple").into()),
    };
    if internal.len() != 625 {
        return Err(value_error("state vector is the wrong size").into());
    }
    let mut words = [0u32; 624];
    for (w, v) in words.iter_mut().zip(&internal) {
        let b = int::to_big(&class::unwrap_number(v))
            .ok_or_else(|| type_error("an integer is required"))?;
        if b.is_negative() {
            return Err(overflow_error("can't convert negative value to unsigned int").into());
        }
        // C's `(uint32_t)` of an unsigned long: the low 32 bits.
        let wide = b
            .to_u64()
            .ok_or_else(|| overflow_error("Python int too large to convert to C unsigned long"))?;
        *w = wide as u32;
    }
    let pos = match class::unwrap_number(&internal[624]) {
        Value::Big(_) => {
            return Err(overflow_error("Python int too large to convert to C long").into())
        }
        v => arg_int(&v, "")?,
    };
    if !(0..=624).contains(&pos) {
        return Err(value_error("invalid state").into());
    }
    mt(&this, "setstate")?.set(words, pos as usize);
    Ok(Value::None)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
