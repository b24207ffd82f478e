//! `faulthandler`: `enable`/`disable`/`is_enabled` install and remove a handler for
//! the fatal signals (SIGSEGV, SIGFPE, SIGABRT, SIGBUS, SIGILL) that writes
//! CPython's `Fatal Python error: ...` line to the chosen file and lets the signal
//! kill the process; `dump_traceback` writes the running micro-thread's Python
//! stack in CPython's format. *Departures:* the fatal handler cannot walk the
//! interpreter's frames from a signal (the stack is not printed there), and
//! `dump_traceback_later` and `register` are not provided.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use super::raw;
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "enable" => enable, "disable" => disable, "is_enabled" => is_enabled,
    "dump_traceback" => dump_traceback,
];

/// The `faulthandler` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "faulthandler", FUNCS);
        m.set(gil, "__doc__", Value::str("faulthandler module."));
        Arc::new(m)
    })
}

/// `(file=sys.stderr, all_threads=True)`: the descriptor to write to (the file is
/// flushed first, as CPython does) and the flag.
fn file_and_flag(cx: &mut Cx, mut args: Args, name: &str) -> PyResult<(i32, bool)> {
    let file_kw = args.take_kw("file");
    let all_kw = args.take_kw("all_threads");
    if let Some((k, _)) = args.kw.first() {
        return Err(
            type_error(format!("{name}() got an unexpected keyword argument '{k}'")).into(),
        );
    }
    if args.pos.len() > 2 {
        return Err(type_error(format!(
            "{name}() takes at most 2 arguments ({} given)",
            args.pos.len()
        ))
        .into());
    }
    let mut pos = args.pos.into_iter();
    let file = pos.next().or(file_kw).unwrap_or(Value::None);
    let all = match pos.next().or(all_kw) {
        Some(v) => cx.truthy(&v)?,
        None => true,
    };
    let file = match file {
        Value::None => crate::modules::sys::module(cx.gil)
            .get(cx.gil, "stderr")
            .unwrap_or(Value::None),
        f => f,
    };
    let fd = match crate::objects::class::unwrap_number(&file) {
        n @ (Value::Int(_) | Value::Bool(_)) => arg_int(&n, "")?,
        Value::None => return Err(runtime_error("sys.stderr is None").into()),
        _ => {
            let fileno = cx.getattr(&file, "fileno")?;
            let fd = match cx.call(&fileno, vec![])? {
                Value::Int(n) => n,
                _ => {
                    return Err(
                        runtime_error("file.fileno() is not a valid file descriptor").into(),
                    )
                }
            };
            if let Ok(flush) = cx.getattr(&file, "flush") {
                cx.call(&flush, vec![])?;
            }
            fd
        }
    };
    if fd < 0 || fd > i32::MAX as i64 {
        return Err(value_error("file is not a valid file descripter").into());
    }
    Ok((fd as i32, all))
}

fn enable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (fd, _) = file_and_flag(cx, args, "enable")?;
    raw::install_fatal(fd).map_err(|e| crate::objects::os_error::from_io(&e, None))?;
    Ok(Value::None)
}

fn disable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("disable", 0, 0)?;
    let was = raw::fatal_installed();
    raw::uninstall_fatal();
    Ok(Value::bool(was))
}

fn is_enabled(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("is_enabled", 0, 0)?;
    Ok(Value::bool(raw::fatal_installed()))
}

/// CPython's `_Py_DumpASCII`: non-ASCII characters as `\xNN`, `\uNNNN`, `\UNNNNNNNN`,
/// at most 500 characters then `...`.
fn ascii(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 500 {
            out.push_str("...");
            break;
        }
        match c as u32 {
            0x20..=0x7e => out.push(c),
            n @ 0..=0xff => out.push_str(&format!("\\x{n:02x}")),
            n @ 0..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            n => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}

/// `dump_traceback(file=sys.stderr, all_threads=True)`.
fn dump_traceback(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (fd, all) = file_and_flag(cx, args, "dump_traceback")?;
    let mut text = if all {
        format!(
            "Current thread 0x{:016x} (most recent call first):\n",
            crate::native::driver::os_ident()
        )
    } else {
        "Stack (most recent call first):\n".to_owned()
    };
    let mut depth = 0;
    while let Some(f) = cx.frame_snapshot(depth) {
        if depth == 100 {
            text.push_str("  ...\n");
            break;
        }
        text.push_str(&format!(
            "  File \"{}\", line {} in {}\n",
            ascii(&f.code.filename),
            f.line,
            ascii(&f.code.name)
        ));
        depth += 1;
    }
    if depth == 0 {
        text.push_str("  <no Python frame>\n");
    }
    raw::write_all(fd, text.as_bytes()).map_err(|e| crate::objects::os_error::from_io(&e, None))?;
    Ok(Value::None)
}
