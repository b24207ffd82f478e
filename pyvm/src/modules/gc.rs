//! `gc`: the interface of the cycle collector (`objects::gc`, which has the design).
//! Reference counting frees most objects when they die (`objects::finalize` runs their
//! finalizers); `collect()` finds and breaks the reference cycles nothing outside
//! references, and the registry of instances, functions, exceptions and generators
//! asks for an automatic collection as CPython's allocation count does (while
//! enabled, past `threshold0` registrations, and once the registry has doubled since
//! the last collection). `freeze`/`unfreeze` do nothing (there is one generation and
//! no fork-sharing to protect); `get_freeze_count()` is 0.

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gc;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static DEBUG: AtomicI64 = AtomicI64::new(0);

/// A collection is running (its callbacks or finalizers may be running Python code):
/// no other starts meanwhile, as CPython's `gcstate->collecting` (an automatic one is
/// skipped, `gc.collect()` returns 0). Without it, the lists and dicts a callback
/// makes would start a collection inside the callback, and so on down.
static COLLECTING: AtomicBool = AtomicBool::new(false);

/// Holds [`COLLECTING`] up while it lives (`None`: a collection was already running).
struct Collecting;

impl Collecting {
    fn start() -> Option<Collecting> {
        (!COLLECTING.swap(true, Ordering::Relaxed)).then_some(Collecting)
    }
}

impl Drop for Collecting {
    fn drop(&mut self) {
        COLLECTING.store(false, Ordering::Relaxed);
    }
}

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "collect" => collect, "enable" => enable, "disable" => disable,
    "isenabled" => isenabled, "get_count" => get_count, "get_threshold" => get_threshold,
    "set_threshold" => set_threshold, "get_debug" => get_debug, "set_debug" => set_debug,
    "is_tracked" => is_tracked, "is_finalized" => is_finalized, "freeze" => freeze,
    "unfreeze" => freeze, "get_freeze_count" => get_freeze_count,
    "get_objects" => get_objects,
];

/// The `gc` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "gc", FUNCS);
        m.set(gil, "garbage", Value::list(Vec::new()));
        m.set(gil, "callbacks", Value::list(Vec::new()));
        for (name, v) in [
            ("DEBUG_STATS", 1),
            ("DEBUG_COLLECTABLE", 2),
            ("DEBUG_UNCOLLECTABLE", 4),
            ("DEBUG_SAVEALL", 32),
            ("DEBUG_LEAK", 38),
        ] {
            m.set(gil, name, Value::Int(v));
        }
        Arc::new(m)
    })
}

/// `collect(generation=2)`: a full collection (every generation is the one here),
/// with the finalizers it finds run before it returns and the garbage they leave
/// collected; the number of unreachable objects freed (as CPython 3.11 counts:
/// not those a finalizer resurrected or whose cycle its finalizer broke).
fn collect(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "collect", &["generation"], 0, 1)?;
    if let Some(g) = &a[0] {
        let g = arg_int(g, "")?;
        if !(0..=2).contains(&g) {
            return Err(value_error("invalid generation").into());
        }
    }
    let Some(_collecting) = Collecting::start() else {
        return Ok(Value::Int(0));
    };
    run_callbacks(cx, "start", 0);
    let report = gc::collect(cx.gil, true);
    let mut freed = report.freed;
    if report.finalizers {
        // PEP 442: the finalizers run, then what they did not resurrect goes.
        cx.run_finalizers();
        freed += gc::collect(cx.gil, false).freed;
    }
    cx.run_finalizers();
    run_callbacks(cx, "stop", freed);
    Ok(Value::Int(freed as i64))
}

/// An automatic collection (the loop's finalizer check found one due), with
/// `gc.callbacks` called around it as CPython calls them; its finalizers run right
/// after, before the loop's next instruction.
pub fn collect_automatically(cx: &mut Cx) {
    let Some(_collecting) = Collecting::start() else {
        return;
    };
    run_callbacks(cx, "start", 0);
    let report = gc::collect(cx.gil, false);
    run_callbacks(cx, "stop", report.freed);
}

/// Call each of `gc.callbacks` with `phase` and CPython's info dict; what one raises
/// is reported as unraisable and the others still run, as in CPython.
fn run_callbacks(cx: &mut Cx, phase: &str, collected: usize) {
    let gil = cx.gil;
    let Some(Value::List(l)) = module(gil).get(gil, "callbacks") else {
        return;
    };
    let callbacks = l.borrow(gil).clone();
    for f in callbacks {
        let mut info = Dict::new();
        for (k, v) in [
            ("generation", 2),
            ("collected", collected as i64),
            ("uncollectable", 0),
        ] {
            // (str keys: the insertion cannot fail)
            let _ = info.insert(Value::str(k), Value::Int(v));
        }
        if let Err(deferred::Unwind::Raise(e)) =
            cx.call(&f, vec![Value::str(phase), Value::dict(info)])
        {
            report_unraisable(gil, &e, None, &f);
        }
    }
}

fn enable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("enable", 0, 0)?;
    gc::set_enabled(true);
    Ok(Value::None)
}

fn disable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("disable", 0, 0)?;
    gc::set_enabled(false);
    Ok(Value::None)
}

fn isenabled(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("isenabled", 0, 0)?;
    Ok(Value::bool(gc::enabled()))
}

/// `get_count()`: registrations minus deaths since the last collection (there is
/// one generation, so the others count nothing).
fn get_count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_count", 0, 0)?;
    Ok(Value::tuple(vec![
        Value::Int(gc::count()),
        Value::Int(0),
        Value::Int(0),
    ]))
}

fn get_threshold(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_threshold", 0, 0)?;
    Ok(Value::tuple(
        gc::threshold().iter().map(|&t| Value::Int(t)).collect(),
    ))
}

fn set_threshold(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    // `METH_VARARGS` with `PyArg_ParseTuple`'s "i|ii" and its wording.
    let n = args.pos.len();
    if !args.kw.is_empty() {
        return Err(type_error("set_threshold() takes no keyword arguments").into());
    }
    if n == 0 {
        return Err(type_error("set_threshold() takes at least 1 argument (0 given)").into());
    }
    if n > 3 {
        return Err(type_error(format!(
            "set_threshold() takes at most 3 arguments ({n} given)"
        ))
        .into());
    }
    let mut t = gc::threshold();
    for (i, v) in args.pos.iter().enumerate() {
        t[i] = arg_int(v, "")?;
    }
    gc::set_threshold(t);
    Ok(Value::None)
}

/// `get_objects(generation=None)`: the objects the collector follows from (its
/// registry: instances, functions, exceptions, generators, lists, dicts and sets;
/// dicts of atoms left out, as CPython leaves them untracked).
fn get_objects(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "get_objects", &["generation"], 0, 1)?;
    if let Some(g) = &a[0] {
        if !matches!(g, Value::None) {
            let g = arg_int(g, "")?;
            if g >= 3 {
                return Err(value_error(
                    "generation parameter must be less than the number of available generations (3)",
                )
                .into());
            }
        }
    }
    // A dict of atoms is registered here but untracked in CPython (and can close no
    // cycle): listed as CPython lists it.
    let gil = cx.gil;
    let objects = gc::objects()
        .into_iter()
        .filter(|v| !matches!(v, Value::Dict(_)) || dict_tracked(gil, v))
        .collect();
    Ok(Value::list(objects))
}

fn get_debug(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_debug", 0, 0)?;
    Ok(Value::Int(DEBUG.load(Ordering::Relaxed)))
}

fn set_debug(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("set_debug", 1, 1)?;
    DEBUG.store(arg_int(args.at(0), "")?, Ordering::Relaxed);
    Ok(Value::None)
}

/// `is_tracked(obj)`: CPython tracks containers, instances and functions, not atoms,
/// and a dict only once it holds something not atomic (`MAINTAIN_TRACKING`).
fn is_tracked(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("is_tracked", 1, 1)?;
    let v = args.at(0);
    let tracked = match v {
        Value::Dict(_) => dict_tracked(cx.gil, v),
        v => !is_atom(v),
    };
    Ok(Value::bool(tracked))
}

/// Would CPython track dict `d`: does it hold anything not atomic? (A dict it cannot
/// borrow, being changed up the stack, counts as tracked.)
fn dict_tracked(gil: Gil<'_>, d: &Value) -> bool {
    let Value::Dict(d) = d else { return false };
    d.try_borrow(gil)
        .is_none_or(|d| d.iter().any(|(k, v)| !is_atom(k) || !is_atom(v)))
}

/// A value the collector never needs to follow (CPython leaves it untracked).
fn is_atom(v: &Value) -> bool {
    matches!(
        v,
        Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Big(_)
            | Value::Float(_)
            | Value::Complex(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Range(_)
            | Value::Ellipsis
            | Value::NotImplemented
    )
}

fn is_finalized(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("is_finalized", 1, 1)?;
    let done = match args.at(0) {
        Value::Instance(i) => {
            i.flags.load(Ordering::Relaxed) & crate::objects::class::FINALIZED != 0
        }
        _ => false,
    };
    Ok(Value::bool(done))
}

fn freeze(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("freeze", 0, 0)?;
    Ok(Value::None)
}

fn get_freeze_count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_freeze_count", 0, 0)?;
    Ok(Value::Int(0))
}
