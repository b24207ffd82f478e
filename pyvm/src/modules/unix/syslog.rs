//! `syslog`: the C library's system logger (`openlog`, `syslog`, `closelog`,
//! `setlogmask`, `LOG_MASK`, `LOG_UPTO` and the priority, facility and option
//! constants), with CPython's defaults: the identity is the script's name, and
//! `syslog` opens the log itself when nothing did.

use crate::objects::rc::Arc;
use std::ffi::CString;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use super::raw;
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
/// `openlog` ran (explicitly or from `syslog`) and `closelog` has not.
static OPEN: AtomicBool = AtomicBool::new(false);

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "openlog" => openlog, "syslog" => syslog, "closelog" => closelog,
    "setlogmask" => setlogmask, "LOG_MASK" => log_mask, "LOG_UPTO" => log_upto,
];

const CONSTANTS: &[(&str, i32)] = &[
    ("LOG_EMERG", libc::LOG_EMERG),
    ("LOG_ALERT", libc::LOG_ALERT),
    ("LOG_CRIT", libc::LOG_CRIT),
    ("LOG_ERR", libc::LOG_ERR),
    ("LOG_WARNING", libc::LOG_WARNING),
    ("LOG_NOTICE", libc::LOG_NOTICE),
    ("LOG_INFO", libc::LOG_INFO),
    ("LOG_DEBUG", libc::LOG_DEBUG),
    ("LOG_PID", libc::LOG_PID),
    ("LOG_CONS", libc::LOG_CONS),
    ("LOG_NDELAY", libc::LOG_NDELAY),
    ("LOG_ODELAY", libc::LOG_ODELAY),
    ("LOG_NOWAIT", libc::LOG_NOWAIT),
    ("LOG_PERROR", libc::LOG_PERROR),
    ("LOG_KERN", libc::LOG_KERN),
    ("LOG_USER", libc::LOG_USER),
    ("LOG_MAIL", libc::LOG_MAIL),
    ("LOG_DAEMON", libc::LOG_DAEMON),
    ("LOG_AUTH", libc::LOG_AUTH),
    ("LOG_LPR", libc::LOG_LPR),
    ("LOG_LOCAL0", libc::LOG_LOCAL0),
    ("LOG_LOCAL1", libc::LOG_LOCAL1),
    ("LOG_LOCAL2", libc::LOG_LOCAL2),
    ("LOG_LOCAL3", libc::LOG_LOCAL3),
    ("LOG_LOCAL4", libc::LOG_LOCAL4),
    ("LOG_LOCAL5", libc::LOG_LOCAL5),
    ("LOG_LOCAL6", libc::LOG_LOCAL6),
    ("LOG_LOCAL7", libc::LOG_LOCAL7),
    ("LOG_SYSLOG", libc::LOG_SYSLOG),
    ("LOG_CRON", libc::LOG_CRON),
    ("LOG_UUCP", libc::LOG_UUCP),
    ("LOG_NEWS", libc::LOG_NEWS),
    ("LOG_AUTHPRIV", libc::LOG_AUTHPRIV),
];

/// The `syslog` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "syslog", FUNCS);
        for (name, v) in CONSTANTS {
            m.set(gil, name, Value::Int(*v as i64));
        }
        Arc::new(m)
    })
}

/// A C string from Python text, cut at a NUL as C reads it.
fn c_text(s: &str) -> CString {
    let end = s.find('\0').unwrap_or(s.len());
    CString::new(&s[..end]).unwrap_or_default()
}

/// The default identity: the last path component of `sys.argv[0]`, if any.
fn default_ident(gil: Gil<'_>) -> Option<CString> {
    let argv = crate::modules::sys::module(gil).get(gil, "argv")?;
    let first = match &argv {
        Value::List(l) => l.borrow(gil).first().cloned()?,
        _ => return None,
    };
    let s = first.as_str()?;
    if s.is_empty() {
        return None;
    }
    Some(c_text(s.rsplit('/').next().unwrap_or(s)))
}

fn c_int(v: &Value) -> Result<i32, PyErr> {
    let n = arg_int(&crate::objects::class::unwrap_number(v), "")?;
    i32::try_from(n).map_err(|_| overflow_error("Python int too large to convert to C int"))
}

/// `openlog(ident=None, logoption=0, facility=LOG_USER)`.
fn openlog(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["ident", "logoption", "facility"];
    let a = clinic(args, "openlog", &params, 0, 3)?;
    let ident = match &a[0] {
        None | Some(Value::None) => default_ident(cx.gil),
        Some(v) => Some(c_text(v.as_str().ok_or_else(|| {
            type_error(format!(
                "openlog() argument 1 must be str, not {}",
                type_name(v)
            ))
        })?)),
    };
    let option = a[1].as_ref().map_or(Ok(0), c_int)?;
    let facility = a[2].as_ref().map_or(Ok(libc::LOG_USER), c_int)?;
    raw::openlog(ident, option, facility);
    OPEN.store(true, Ordering::SeqCst);
    Ok(Value::None)
}

/// `syslog([priority=LOG_INFO,] message)`.
fn syslog(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let usage = || type_error("[priority,] message string");
    if !args.kw.is_empty() {
        return Err(type_error("syslog() takes no keyword arguments").into());
    }
    let (priority, message) = match args.pos.as_slice() {
        [m] => (libc::LOG_INFO, m),
        [p, m] => (c_int(p).map_err(|_| usage())?, m),
        _ => return Err(usage().into()),
    };
    let text = message.as_str().ok_or_else(usage)?;
    if !OPEN.load(Ordering::SeqCst) {
        raw::openlog(default_ident(cx.gil), 0, libc::LOG_USER);
        OPEN.store(true, Ordering::SeqCst);
    }
    raw::syslog(priority, &c_text(text));
    Ok(Value::None)
}

fn closelog(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("closelog", 0, 0)?;
    if OPEN.swap(false, Ordering::SeqCst) {
        raw::closelog();
    }
    Ok(Value::None)
}

fn setlogmask(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("setlogmask", 1, 1)?;
    Ok(Value::Int(raw::setlogmask(c_int(args.at(0))?) as i64))
}

fn log_mask(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("LOG_MASK", 1, 1)?;
    Ok(Value::Int(1i64 << (c_int(args.at(0))? & 31)))
}

fn log_upto(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("LOG_UPTO", 1, 1)?;
    Ok(Value::Int((1i64 << ((c_int(args.at(0))? & 31) + 1)) - 1))
}
