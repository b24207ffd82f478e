//! Running what dead objects left to run (`objects::finalize`): the dispatch loop
//! calls [`run_pending`] at its next checkpoint once something is queued, so a
//! generator's `finally`, a `__del__` or a weak reference's callback runs as a nested
//! call of the micro-thread that dropped the object, right after the drop (and may
//! block there like any call). An exception it raises is printed as CPython prints
//! an "unraisable" one and the code goes on.

use super::state::MicroThread;
use crate::native::{Args, Cx};
use crate::objects::exception::PyErr;
use crate::objects::finalize::{self, Pending};
use crate::objects::gil::Gil;
use crate::objects::value::Value;

/// What a queued finalizer calls: the callable, its arguments, and what the
/// "Exception ignored in: ..." line names.
fn call_of(gil: Gil<'_>, p: Pending) -> Option<(Value, Vec<Value>, Value)> {
    match p {
        Pending::Close(g) => {
            let gen = Value::Generator(g);
            let close = crate::objects::generator::METHODS
                .iter()
                .find(|d| d.name == "close")?;
            let f = Value::BoundNative(crate::objects::rc::Arc::new((gen.clone(), close)));
            Some((f, Vec::new(), gen))
        }
        Pending::Del(obj) => {
            let f = crate::objects::class::special(gil, &obj, "__del__")?;
            Some((f.clone(), vec![obj], f))
        }
        Pending::WeakCallback(r) => {
            let Value::Instance(i) = &r else { return None };
            let cb = i
                .dict
                .borrow(gil)
                .get_str(&crate::objects::str::PyStr::new("__callback__".to_owned()))?;
            if matches!(cb, Value::None) {
                return None;
            }
            Some((cb.clone(), vec![r], cb))
        }
        Pending::Call(f, obj) => Some((f.clone(), vec![obj], f)),
        Pending::NeverAwaited(_) => None,
    }
}

/// An exception nobody can catch: `sys.unraisablehook` gets it (by default
/// CPython's report on stderr, "Exception ignored in: <obj>" then the traceback).
/// `err_msg` `None`: "Exception ignored in".
pub fn report(gil: Gil<'_>, err: &PyErr, err_msg: Option<&str>, what: &Value) {
    let args = crate::modules::sys::unraisable_args(gil, err, err_msg, what);
    let hook = crate::modules::sys::unraisable_hook(gil);
    if let Err(e) = super::detached::call(gil, "sys.unraisablehook", &hook, vec![args]) {
        let mut text = "Exception ignored in sys.unraisablehook\n".to_owned();
        text.push_str(&super::unwind::format_exception(
            gil,
            &e,
            &crate::modules::source_text,
        ));
        crate::modules::sys::write_stderr(&text);
    }
}

/// `file:line: RuntimeWarning: coroutine 'f' was never awaited`, placed at the
/// running frame's line as CPython's warning is.
fn never_awaited(th: &MicroThread, name: &str) {
    let place = th.frames.last().map(|f| {
        let line = f
            .code
            .positions
            .get(f.ip.saturating_sub(1))
            .map_or(0, |p| p.line);
        (f.code.filename.clone(), line)
    });
    let mut text = match &place {
        Some((file, line)) => format!("{file}:{line}: "),
        None => "sys:1: ".to_owned(),
    };
    text.push_str(&format!(
        "RuntimeWarning: coroutine '{name}' was never awaited\n"
    ));
    if let Some((file, line)) = &place {
        if let Some(src) = crate::modules::source_text(file) {
            if let Some(l) = src.lines().nth((*line as usize).saturating_sub(1)) {
                text.push_str(&format!("  {}\n", l.trim()));
            }
        }
    }
    text.push_str("RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n");
    crate::modules::sys::write_stderr(&text);
}

/// Run every queued finalizer on `th` (the dispatch loop's frame has saved its `ip`),
/// after the automatic cycle collection when one is due (`objects::gc::wanted`: the
/// registry raised the loop's finalizer flag for it, and here, before an instruction,
/// nothing holds an uncounted reference); or first give the `MemoryError` the
/// allocator left pending (`reserve`) to raise (the finalizers then run before the
/// handler's first instruction). The flag is looked at again once the queue is empty:
/// lowering it may have hidden the error.
pub(crate) fn run_pending(gil: Gil<'_>, th: &mut MicroThread) -> Option<PyErr> {
    if crate::reserve::take_memory_error() {
        return Some(crate::objects::exception::memory_error());
    }
    if crate::objects::gc::wanted() {
        crate::modules::gc::collect_automatically(&mut Cx { gil, th });
    }
    // What is queued now runs newest first, each to its end (the nested loop running
    // one does not start the others; what its own drops queue runs there, before its
    // next instruction). Newest first is CPython's order where one drop queues
    // several: a list, a dict, a frame frees its items from the last.
    loop {
        let mut batch = finalize::take_all();
        if batch.is_empty() {
            break;
        }
        while let Some(p) = batch.pop() {
            run_one(gil, th, p);
        }
    }
    crate::reserve::take_memory_error().then(crate::objects::exception::memory_error)
}

fn run_one(gil: Gil<'_>, th: &mut MicroThread, p: Pending) {
    if let Pending::NeverAwaited(name) = &p {
        never_awaited(th, name);
        return;
    }
    let Some((f, args, what)) = call_of(gil, p) else {
        return;
    };
    let depth = th.frames.len();
    let mut cx = Cx { gil, th };
    let r = cx.call_args(&f, Args::new(args));
    let r = super::call::settle(gil, th, depth, r);
    if let Err(deferred::Unwind::Raise(e)) = r {
        report(gil, &e, None, &what);
    }
}

/// At exit, or wherever no micro-thread runs: run the queued finalizers on a
/// scratch micro-thread (one that would block is told it cannot).
pub fn run_detached(gil: Gil<'_>) {
    while let Some(p) = finalize::take() {
        if let Pending::NeverAwaited(name) = &p {
            never_awaited(&MicroThread::new(), name);
            continue;
        }
        let Some((f, args, what)) = call_of(gil, p) else {
            continue;
        };
        if let Err(e) = super::detached::call(gil, "a finalizer", &f, args) {
            report(gil, &e, None, &what);
        }
    }
}

/// At exit, as CPython tears `__main__` down (its dict is freed, which drops the
/// values in insertion order): its globals are set to `None` one by one, running the
/// finalizers each drop leaves (a `__del__`, a generator's `finally`).
pub fn clear_main(
    gil: Gil<'_>,
    globals: &crate::objects::rc::Arc<crate::objects::gil::GilCell<crate::objects::dict::Dict>>,
) {
    let names: Vec<Value> = globals
        .borrow(gil)
        .iter()
        .filter(|(k, v)| {
            !matches!(v, Value::None) && !matches!(k, Value::Str(s) if s.as_str() == "__builtins__")
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in names {
        let old = {
            let mut g = globals.borrow_mut(gil);
            let old = g.get(&k).ok().flatten();
            let _ = g.insert(k, Value::None);
            old
        };
        drop(old);
        run_detached(gil);
    }
}
