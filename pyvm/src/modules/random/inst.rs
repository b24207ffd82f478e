//! `random.Random(seed)`: generators with their own state, beside the module's
//! hidden one. A method runs the module's function with the instance's state swapped
//! in for the module's for the duration of the call (the GIL is held), so both give
//! the very same sequences as CPython for the same seed.
//!
//! Limit: while a method of an instance calls back into Python (a user sequence's
//! `__getitem__` in `r.choice(seq)`), the module-level functions draw from that
//! instance's state.

use crate::objects::rc::Arc;
use std::sync::Mutex;

use super::mersenne::Mt;
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};

/// A `random.Random` instance: its generator.
struct Random {
    state: std::sync::Arc<Mutex<Mt>>,
}

/// The methods of an instance, each running the module function of that name.
static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "seed" => m_seed, "random" => m_random, "getrandbits" => m_getrandbits,
    "randbytes" => m_randbytes, "randrange" => m_randrange, "randint" => m_randint,
    "choice" => m_choice, "choices" => m_choices, "shuffle" => m_shuffle,
    "sample" => m_sample, "uniform" => m_uniform, "triangular" => m_triangular,
    "gauss" => m_gauss, "normalvariate" => m_normalvariate,
    "expovariate" => m_expovariate, "getstate" => m_getstate, "setstate" => m_setstate,
];

macro_rules! method {
    ($($name:ident => $f:path),* $(,)?) => {$(
        fn $name(cx: &mut Cx, args: Args) -> PyResult<Value> {
            with_state(cx, args, $f)
        }
    )*};
}

method! {
    m_seed => super::seed, m_random => super::random, m_getrandbits => super::getrandbits,
    m_randbytes => super::randbytes, m_randrange => super::randrange,
    m_randint => super::randint, m_choice => super::seq::choice,
    m_choices => super::seq::choices, m_shuffle => super::seq::shuffle,
    m_sample => super::seq::sample, m_uniform => super::dist::uniform,
    m_triangular => super::dist::triangular, m_gauss => super::dist::gauss,
    m_normalvariate => super::dist::normalvariate,
    m_expovariate => super::dist::expovariate, m_getstate => super::getstate,
    m_setstate => super::setstate,
}

/// Run `f` (a module function) with the state of the instance `args[0]`.
fn with_state(cx: &mut Cx, mut args: Args, f: NativeFn) -> PyResult<Value> {
    let this = args.pos.remove(0);
    let Some(r) = (match &this {
        Value::Object(o) => o.0.as_any().downcast_ref::<Random>(),
        _ => None,
    }) else {
        return Err(type_error("descriptor requires a 'random.Random' object").into());
    };
    swap(&r.state);
    let out = f(cx, args);
    swap(&r.state);
    out
}

/// Exchange the module's generator with an instance's.
fn swap(inst: &Mutex<Mt>) {
    let mut mine = inst.lock().unwrap_or_else(|p| p.into_inner());
    let mut global = super::state();
    std::mem::swap(&mut *mine, &mut *global);
}

impl NativeObject for Random {
    fn type_name(&self) -> &'static str {
        "random.Random"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<random.Random object at {:#x}>",
            std::sync::Arc::as_ptr(&self.state) as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        let def = METHODS.iter().find(|d| d.name == name)?;
        let this = Value::Object(Arc::new(Object(Box::new(Random {
            state: self.state.clone(),
        }))));
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `random.Random(x=None)`: a generator seeded with `x` as `seed(x)` seeds.
pub fn new(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let sig = super::bind::Sig {
        qualname: "Random.__init__",
        params: &["x"],
        required: 0,
        method: true,
    };
    let args = Args::new(sig.bind(args)?.into_iter().flatten());
    let this = Value::Object(Arc::new(Object(Box::new(Random {
        state: std::sync::Arc::new(Mutex::new(Mt::UNSEEDED)),
    }))));
    let mut pos = vec![this.clone()];
    pos.extend(args.pos);
    m_seed(cx, Args::new(pos))?;
    Ok(this)
}
