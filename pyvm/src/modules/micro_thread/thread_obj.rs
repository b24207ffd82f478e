//! Thread objects: what `start_in_parallel` returns and `micro_thread.current()` gives
//! (`name`, `thread_id`, `state`, `wait()`, `kill()`, `throw(exc)`), over the
//! driver's record of the micro-thread (`native::driver::ThreadObj`), and what the
//! module does when a micro-thread it started finishes (its pipes closed, an uncaught
//! exception reported).

use crate::objects::rc::Arc;
use std::sync::{Mutex, MutexGuard};

use deferred::Unwind;

use super::pipe::Pipe;
use crate::native::driver::{self, CallSite, ThreadExt, ThreadObj, Waiter};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::types;

/// What becomes of a micro-thread's result.
#[derive(Clone)]
pub enum Fate {
    /// `start_and_forget`: an uncaught exception goes to the handler (`None`: print
    /// the traceback to stderr at once, naming the thread).
    Forget(Option<Value>),
    /// `start_in_parallel`: kept for `wait()`.
    Parallel,
    /// `generate`: an uncaught exception goes to the reader of its stdout.
    Generate,
    /// The program: its caller reports it.
    Main,
}

/// What the module keeps with a micro-thread it started (the driver's record holds
/// it): what becomes of its result, its stdin and its stdout.
pub struct ThreadData {
    fate: Fate,
    pipes: Mutex<Pipes>,
}

struct Pipes {
    stdin: Option<Value>,
    stdout: Option<Arc<Object>>,
}

impl ThreadData {
    /// The data for a new micro-thread, for its record; `None` when there is nothing
    /// to keep (no pipes, nothing to do with its result).
    pub fn boxed(
        fate: Fate,
        stdin: Option<Value>,
        stdout: Option<Arc<Object>>,
    ) -> Option<Box<dyn ThreadExt>> {
        if stdin.is_none() && stdout.is_none() {
            match fate {
                Fate::Main | Fate::Parallel => return None,
                // The common `start_and_forget(f)`: zero-sized, so no allocation.
                Fate::Forget(None) => return Some(Box::new(ReportErrors)),
                _ => {}
            }
        }
        Some(Box::new(ThreadData {
            fate,
            pipes: Mutex::new(Pipes { stdin, stdout }),
        }))
    }

    /// The data of micro-thread `obj`, if the module keeps any.
    pub fn of(obj: &ThreadObj) -> Option<&ThreadData> {
        obj.ext()?.as_any().downcast_ref::<ThreadData>()
    }

    fn lock(&self) -> MutexGuard<'_, Pipes> {
        self.pipes.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn stdin(&self) -> Option<Value> {
        self.lock().stdin.clone()
    }

    pub fn stdout(&self) -> Option<Arc<Object>> {
        self.lock().stdout.clone()
    }
}

impl ThreadExt for ThreadData {
    /// A finished micro-thread closes its pipes: its reader sees the end (or its
    /// exception), its writer learns nobody reads any more. An uncaught exception
    /// goes where its fate says.
    fn finished(
        &self,
        gil: Gil<'_>,
        obj: &ThreadObj,
        result: &Result<Value, PyErr>,
        is_main: bool,
    ) {
        let (stdin, stdout) = {
            let mut g = self.lock();
            (g.stdin.take(), g.stdout.take())
        };
        let exit = &super::exit_type();
        let err = match result {
            Err(e) if !e.is_instance(exit) && matches!(self.fate, Fate::Generate) => {
                Some(e.clone())
            }
            _ => None,
        };
        if let Some(p) = stdout
            .as_ref()
            .and_then(|o| o.0.as_any().downcast_ref::<Pipe>())
        {
            p.close_writer(gil, err);
        }
        if let Some(Value::Object(o)) = stdin {
            if let Some(p) = o.0.as_any().downcast_ref::<Pipe>() {
                p.close_reader(gil);
            }
        }
        let Err(e) = result else { return };
        if is_main || e.is_instance(exit) {
            return;
        }
        match &self.fate {
            Fate::Forget(Some(handler)) => {
                if let Err(e2) = call_detached(gil, "exception_handler", handler, vec![e.value()]) {
                    report(gil, &obj.name(), &obj.started_at, &e2);
                }
            }
            Fate::Forget(None) => report(gil, &obj.name(), &obj.started_at, e),
            _ => {}
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A `start_and_forget` micro-thread with the default handler and no pipes: its
/// uncaught exception is reported at once.
struct ReportErrors;

impl ThreadExt for ReportErrors {
    fn finished(
        &self,
        gil: Gil<'_>,
        obj: &ThreadObj,
        result: &Result<Value, PyErr>,
        is_main: bool,
    ) {
        if let Err(e) = result {
            if !is_main && !e.is_instance(&super::exit_type()) {
                report(gil, &obj.name(), &obj.started_at, e);
            }
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The default exception handler: the traceback on stderr at once, naming the thread.
fn report(gil: Gil<'_>, name: &str, started_at: &CallSite, e: &PyErr) {
    let text = format_traceback(gil, e);
    crate::modules::sys::flush_stdout();
    crate::modules::sys::write_stderr(&format!(
        "Exception in micro_thread {name} (started at {started_at}):\n{text}"
    ));
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "wait" => wait, "kill" => kill, "throw" => throw,
];

/// The Python-level handle of a micro-thread.
pub struct ThreadHandle(pub std::sync::Arc<ThreadObj>);

impl NativeObject for ThreadHandle {
    fn type_name(&self) -> &'static str {
        "micro_thread.micro_thread"
    }

    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<micro_thread {} ({})>",
            self.0.name(),
            self.0.waiting(gil)
        ))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let _ = gil;
        match name {
            "name" => Some(Value::str(&self.0.name())),
            "thread_id" => Some(Value::Int(self.0.os_ident() as i64)),
            "state" => Some(Value::string(self.0.waiting(gil))),
            "started_at" => Some(Value::string(self.0.started_at.to_string())),
            _ => METHODS.iter().find(|d| d.name == name).map(Value::Native),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The thread object a method was called on.
pub fn this(args: &Args) -> PyResult<Arc<Object>> {
    match args.get(0) {
        Some(Value::Object(o)) if o.0.as_any().is::<ThreadHandle>() => Ok(o.clone()),
        _ => Err(type_error("descriptor requires a 'micro_thread' object").into()),
    }
}

fn thread_of(o: &Object) -> &ThreadObj {
    &o.0.as_any()
        .downcast_ref::<ThreadHandle>()
        .expect("checked by `this`")
        .0
}

/// `thread.wait()`: its return value, or its exception raised here.
fn wait(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("wait", 0, 0)?;
    let o = this(&args)?;
    let t = thread_of(&o);
    if let Some(r) = t.result() {
        return r.map_err(Unwind::Raise);
    }
    let me = cx.me();
    if me.is_some() && me == t.id() {
        return Err(runtime_error("a micro_thread cannot wait for itself").into());
    }
    let Some(me) = me else {
        return Err(runtime_error("wait() needs a running reactor").into());
    };
    if driver::in_atomic() {
        return Err(runtime_error("wait() would switch micro_threads inside atomic()").into());
    }
    t.add_waiter(Waiter::me(me));
    let target = Arc::clone(&o);
    cx.wait(
        "wait",
        Wait::park(format!("micro_thread {}", t.name()).into()).on_cancel(move || {
            thread_of(&target).remove_waiter(me);
        }),
    )
}

/// `thread.kill()`: `MicroThreadExit` raised in it wherever it is suspended.
fn kill(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("kill", 0, 0)?;
    let o = this(&args)?;
    deliver(cx, thread_of(&o), super::micro_thread_exit())
}

/// `thread.throw(exc)`.
fn throw(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    args.check_method("throw", 1, 1)?;
    let o = this(&args)?;
    let exc = args.pos.remove(1);
    let err = match exc {
        Value::Exception(e) => PyErr(e),
        Value::Type(t) if t.is_subtype(&types().exc.base_exception) => {
            match cx.call(&Value::Type(t), vec![])? {
                Value::Exception(e) => PyErr(e),
                _ => return Err(type_error("exceptions must derive from BaseException").into()),
            }
        }
        _ => return Err(type_error("exceptions must derive from BaseException").into()),
    };
    deliver(cx, thread_of(&o), err)
}

fn deliver(cx: &mut Cx, t: &ThreadObj, err: PyErr) -> PyResult<Value> {
    if t.is_finished() {
        return Ok(Value::None);
    }
    let home = t.home();
    match home {
        Some(w) if Some(w.id) == cx.me() && w.os() == driver::os_ident() => Err(err.into()),
        // On this OS thread: thrown in by the reactor (its wait is withdrawn).
        Some(w) if w.os() == driver::os_ident() => {
            driver::throw(w.id, err);
            Ok(Value::None)
        }
        // On another: delivered through that reactor's wake notifier.
        Some(w) => {
            w.wake(Err(err));
            Ok(Value::None)
        }
        None => Err(runtime_error("the micro_thread has not started").into()),
    }
}
