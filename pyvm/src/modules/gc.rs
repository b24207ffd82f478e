//! `gc`: the garbage collector's interface. pyvm frees objects by reference counting
//! and runs their finalizers when they die (`objects::finalize`); it has no cycle
//! collector yet, so `collect()` runs what finalizers are pending and reports that
//! it found no unreachable objects. Enabling, disabling and the thresholds are
//! remembered and reported back as CPython's are.

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static ENABLED: AtomicBool = AtomicBool::new(true);
static THRESHOLD: [AtomicI64; 3] = [AtomicI64::new(700), AtomicI64::new(10), AtomicI64::new(10)];
static DEBUG: AtomicI64 = AtomicI64::new(0);

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "collect" => collect, "enable" => enable, "disable" => disable,
    "isenabled" => isenabled, "get_count" => get_count, "get_threshold" => get_threshold,
    "set_threshold" => set_threshold, "get_debug" => get_debug, "set_debug" => set_debug,
    "is_tracked" => is_tracked, "is_finalized" => is_finalized, "freeze" => freeze,
    "unfreeze" => freeze, "get_freeze_count" => get_freeze_count,
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

/// `collect(generation=2)`: the number of unreachable objects found (none: pyvm
/// has no cycle collector yet).
fn collect(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "collect", &["generation"], 0, 1)?;
    if let Some(g) = &a[0] {
        let g = arg_int(g, "collect")?;
        if !(0..=2).contains(&g) {
            return Err(value_error("invalid generation").into());
        }
    }
    let _ = cx;
    Ok(Value::Int(0))
}

fn enable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("enable", 0, 0)?;
    ENABLED.store(true, Ordering::Relaxed);
    Ok(Value::None)
}

fn disable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("disable", 0, 0)?;
    ENABLED.store(false, Ordering::Relaxed);
    Ok(Value::None)
}

fn isenabled(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("isenabled", 0, 0)?;
    Ok(Value::Bool(ENABLED.load(Ordering::Relaxed)))
}

fn get_count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_count", 0, 0)?;
    Ok(Value::tuple(vec![Value::Int(0); 3]))
}

fn get_threshold(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_threshold", 0, 0)?;
    Ok(Value::tuple(
        THRESHOLD
            .iter()
            .map(|t| Value::Int(t.load(Ordering::Relaxed)))
            .collect(),
    ))
}

fn set_threshold(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("set_threshold", 1, 3)?;
    for (i, v) in args.pos.iter().enumerate() {
        THRESHOLD[i].store(arg_int(v, "set_threshold")?, Ordering::Relaxed);
    }
    Ok(Value::None)
}

fn get_debug(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_debug", 0, 0)?;
    Ok(Value::Int(DEBUG.load(Ordering::Relaxed)))
}

fn set_debug(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("set_debug", 1, 1)?;
    DEBUG.store(arg_int(args.at(0), "set_debug")?, Ordering::Relaxed);
    Ok(Value::None)
}

/// `is_tracked(obj)`: CPython tracks containers and instances, not atoms.
fn is_tracked(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("is_tracked", 1, 1)?;
    let atom = matches!(
        args.at(0),
        Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Big(_)
            | Value::Float(_)
            | Value::Complex(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Ellipsis
            | Value::NotImplemented
            | Value::Native(_)
    );
    Ok(Value::Bool(!atom))
}

fn is_finalized(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("is_finalized", 1, 1)?;
    let done = match args.at(0) {
        Value::Instance(i) => {
            i.flags.load(Ordering::Relaxed) & crate::objects::class::FINALIZED != 0
        }
        _ => false,
    };
    Ok(Value::Bool(done))
}

fn freeze(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("freeze", 0, 0)?;
    Ok(Value::None)
}

fn get_freeze_count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_freeze_count", 0, 0)?;
    Ok(Value::Int(0))
}
