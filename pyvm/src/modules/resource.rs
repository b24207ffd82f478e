//! `resource`: `getrlimit` / `setrlimit` (a server raising its open-file limit to
//! hold thousands of connections, as `examples/demo.py` does).

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use rlimit::Resource;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static RESOURCE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "getrlimit" => getrlimit, "setrlimit" => setrlimit,
];

/// Linux's numbers for the limits, as CPython exposes them.
const LIMITS: &[(&str, i64, Resource)] = &[
    ("RLIMIT_CPU", 0, Resource::CPU),
    ("RLIMIT_FSIZE", 1, Resource::FSIZE),
    ("RLIMIT_DATA", 2, Resource::DATA),
    ("RLIMIT_STACK", 3, Resource::STACK),
    ("RLIMIT_CORE", 4, Resource::CORE),
    ("RLIMIT_RSS", 5, Resource::RSS),
    ("RLIMIT_NPROC", 6, Resource::NPROC),
    ("RLIMIT_NOFILE", 7, Resource::NOFILE),
    ("RLIMIT_MEMLOCK", 8, Resource::MEMLOCK),
    ("RLIMIT_AS", 9, Resource::AS),
];

/// The `resource` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    RESOURCE.get_or_init(|| {
        let m = Module::with_functions(gil, "resource", FUNCS);
        for (name, n, _) in LIMITS {
            m.set(gil, name, Value::Int(*n));
        }
        m.set(gil, "RLIM_INFINITY", Value::Int(-1));
        m.set(
            gil,
            "error",
            Value::Type(crate::objects::types::types().exc.os_error.clone()),
        );
        Arc::new(m)
    })
}

fn resource_of(v: &Value) -> Result<Resource, PyErr> {
    let n = arg_int(v, "")?;
    LIMITS
        .iter()
        .find(|(_, k, _)| *k == n)
        .map(|(_, _, r)| *r)
        .ok_or_else(|| value_error("invalid resource specified"))
}

fn to_py(v: u64) -> Value {
    if v == rlimit::INFINITY {
        Value::Int(-1)
    } else {
        Value::Int(v.min(i64::MAX as u64) as i64)
    }
}

fn from_py(v: &Value) -> Result<u64, PyErr> {
    let n = arg_int(v, "")?;
    Ok(if n < 0 { rlimit::INFINITY } else { n as u64 })
}

fn getrlimit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getrlimit", 1, 1)?;
    let r = resource_of(args.at(0))?;
    let (soft, hard) = r
        .get()
        .map_err(|e| crate::objects::os_error::from_io(&e, None))?;
    Ok(Value::tuple(vec![to_py(soft), to_py(hard)]))
}

fn setrlimit(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("setrlimit", 2, 2)?;
    let r = resource_of(args.at(0))?;
    let limits = cx.collect(args.at(1))?;
    if limits.len() != 2 {
        return Err(value_error("expected a tuple of 2 integers").into());
    }
    let (soft, hard) = (from_py(&limits[0])?, from_py(&limits[1])?);
    match r.set(soft, hard) {
        Ok(()) => Ok(Value::None),
        Err(e) if e.raw_os_error() == Some(22) => {
            Err(value_error("current limit exceeds maximum limit").into())
        }
        Err(e) if e.raw_os_error() == Some(1) => {
            Err(value_error("not allowed to raise maximum limit").into())
        }
        Err(e) => Err(crate::objects::os_error::from_io(&e, None).into()),
    }
}
