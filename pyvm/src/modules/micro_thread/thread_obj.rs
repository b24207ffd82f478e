//! Thread objects: what `start_in_parallel` returns and `micro_thread.current()` gives
//! (`name`, `thread_id`, `state`, `wait()`, `kill()`, `throw(exc)`), and what happens
//! when a micro-thread finishes (its pipes closed, its waiters woken, an uncaught
//! exception reported).

use std::sync::{Arc, Mutex, MutexGuard};

use deferred::{DeferredId, Unwind};

use super::pipe::Pipe;
use crate::mt::os_thread::Waiter;
use crate::mt::wait::Wait;
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::types;
use crate::vm::state::MicroThread;

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

/// Where a micro-thread stands (`thread.state`, `dump()`).
pub enum Waiting {
    Scheduled,
    Running,
    Sleeping,
    /// Parked on a pipe or another thread.
    On(deferred::Name),
    /// A socket call waiting on descriptor `fd`.
    Io(std::os::fd::RawFd, notifiers::Ready),
    Finished,
}

struct Inner {
    id: Option<DeferredId>,
    waiting: Waiting,
    result: Option<Result<Value, PyErr>>,
    waiters: Vec<Waiter>,
    /// Where it runs: its reactor task, OS thread and that thread's wake-up handle.
    home: Option<Waiter>,
    fate: Fate,
    stdin: Option<Value>,
    stdout: Option<Arc<Object>>,
}

/// Where a micro-thread was started, shown as `file.py:12` (or a bare name): the file
/// name is shared with the code object, so a million micro-threads started at one
/// line keep one copy of it.
#[derive(Clone)]
pub struct CallSite {
    file: Arc<str>,
    line: Option<u32>,
}

impl CallSite {
    pub fn new(file: impl Into<Arc<str>>, line: Option<u32>) -> CallSite {
        CallSite {
            file: file.into(),
            line,
        }
    }
}

impl std::fmt::Display for CallSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

/// A micro-thread as Python sees it.
pub struct ThreadObj {
    /// Shared with its reactor task's name (one allocation for both).
    pub name: Arc<str>,
    /// Where it was started (for `dump()` and error reports).
    pub started_at: CallSite,
    inner: Mutex<Inner>,
}

impl ThreadObj {
    pub fn new(
        name: impl Into<Arc<str>>,
        started_at: CallSite,
        fate: Fate,
        stdin: Option<Value>,
        stdout: Option<Arc<Object>>,
    ) -> Arc<ThreadObj> {
        Arc::new(ThreadObj {
            name: name.into(),
            started_at,
            inner: Mutex::new(Inner {
                id: None,
                waiting: Waiting::Scheduled,
                result: None,
                waiters: Vec::new(),
                home: None,
                fate,
                stdin,
                stdout,
            }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Called on the OS thread whose reactor runs it, when it is spawned there.
    pub fn set_id(&self, id: DeferredId) {
        let mut g = self.lock();
        g.id = Some(id);
        g.home = Some(Waiter::me(id));
    }

    /// The OS thread it runs on (`thread_id`).
    pub fn os_ident(&self) -> u64 {
        self.lock()
            .home
            .as_ref()
            .map_or_else(crate::mt::os_thread::ident, Waiter::os)
    }

    pub fn id(&self) -> Option<DeferredId> {
        self.lock().id
    }

    pub fn set_waiting(&self, what: Waiting) {
        self.lock().waiting = what;
    }

    /// Its state, as `dump()` and `thread.state` say it.
    pub fn waiting(&self) -> String {
        let g = self.lock();
        if g.result.is_some() {
            "finished".to_owned()
        } else {
            match &g.waiting {
                Waiting::Scheduled => "scheduled".to_owned(),
                Waiting::Running => "running".to_owned(),
                Waiting::Sleeping => "sleeping".to_owned(),
                Waiting::On(what) => format!("waiting on {what}"),
                Waiting::Io(fd, how) => format!(
                    "waiting on fd {fd} ({})",
                    if *how == notifiers::Ready::READABLE {
                        "readable"
                    } else {
                        "writable"
                    }
                ),
                Waiting::Finished => "finished".to_owned(),
            }
        }
    }

    pub fn stdin(&self) -> Option<Value> {
        self.lock().stdin.clone()
    }

    pub fn stdout(&self) -> Option<Arc<Object>> {
        self.lock().stdout.clone()
    }

    /// The micro-thread finished with `result` (its frames are gone).
    pub fn finish(
        &self,
        gil: Gil<'_>,
        th: &mut MicroThread,
        result: &Result<Value, PyErr>,
        is_main: bool,
    ) {
        let (waiters, fate, stdin, stdout) = {
            let mut g = self.lock();
            g.result = Some(result.clone());
            g.waiting = Waiting::Finished;
            (
                std::mem::take(&mut g.waiters),
                g.fate.clone(),
                g.stdin.take(),
                g.stdout.take(),
            )
        };
        for w in waiters {
            w.wake(result.clone());
        }
        // A finished micro-thread closes its pipes: its reader sees the end (or its
        // exception), its writer learns nobody reads any more.
        let exit = &super::exit_type();
        let err = match result {
            Err(e) if !e.is_instance(exit) && matches!(fate, Fate::Generate) => Some(e.clone()),
            _ => None,
        };
        if let Some(p) = stdout
            .as_ref()
            .and_then(|o| o.0.as_any().downcast_ref::<Pipe>())
        {
            p.close_writer(err);
        }
        if let Some(Value::Object(o)) = stdin {
            if let Some(p) = o.0.as_any().downcast_ref::<Pipe>() {
                p.close_reader();
            }
        }
        let Err(e) = result else { return };
        if is_main || e.is_instance(exit) {
            return;
        }
        match fate {
            Fate::Forget(Some(handler)) => {
                if let Err(e2) =
                    crate::vm::detached::call(gil, "exception_handler", &handler, vec![e.value()])
                {
                    report(gil, &self.name, &self.started_at, &e2);
                }
            }
            Fate::Forget(None) => report(gil, &self.name, &self.started_at, e),
            _ => {}
        }
        let _ = th;
    }
}

/// The default exception handler: the traceback on stderr at once, naming the thread.
fn report(gil: Gil<'_>, name: &str, started_at: &CallSite, e: &PyErr) {
    let text = crate::vm::unwind::format_exception(gil, e, &crate::modules::source_text);
    crate::modules::sys::flush_stdout();
    crate::modules::sys::write_stderr(&format!(
        "Exception in micro_thread {name} (started at {started_at}):\n{text}"
    ));
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "wait" => wait, "kill" => kill, "throw" => throw,
];

/// The Python-level handle of a micro-thread.
pub struct ThreadHandle(pub Arc<ThreadObj>);

impl NativeObject for ThreadHandle {
    fn type_name(&self) -> &'static str {
        "micro_thread.micro_thread"
    }

    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        let _ = gil;
        Ok(format!(
            "<micro_thread {} ({})>",
            self.0.name,
            self.0.waiting()
        ))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let _ = gil;
        match name {
            "name" => Some(Value::str(&self.0.name)),
            "thread_id" => Some(Value::Int(self.0.os_ident() as i64)),
            "state" => Some(Value::string(self.0.waiting())),
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
    if let Some(r) = t.lock().result.clone() {
        return r.map_err(Unwind::Raise);
    }
    let me = cx.me();
    if me.is_some() && me == t.id() {
        return Err(runtime_error("a micro_thread cannot wait for itself").into());
    }
    let Some(me) = me else {
        return Err(runtime_error("wait() needs a running reactor").into());
    };
    if crate::mt::in_atomic() {
        return Err(runtime_error("wait() would switch micro_threads inside atomic()").into());
    }
    t.lock().waiters.push(Waiter::me(me));
    let target = Arc::clone(&o);
    cx.wait(
        "wait",
        Wait::park(format!("micro_thread {}", t.name).into()).on_cancel(move || {
            let t = thread_of(&target);
            t.lock().waiters.retain(|w| !w.is(me));
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
    if t.lock().result.is_some() {
        return Ok(Value::None);
    }
    let home = t.lock().home.clone();
    match home {
        Some(w) if Some(w.id) == cx.me() && w.os() == crate::mt::os_thread::ident() => {
            Err(err.into())
        }
        // On this OS thread: thrown in by the reactor (its wait is withdrawn).
        Some(w) if w.os() == crate::mt::os_thread::ident() => {
            crate::mt::throw(w.id, err);
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
