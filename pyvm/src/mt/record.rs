//! What the driver keeps of every micro-thread beside its frames: its [`ThreadObj`]
//! (its name, where it was started, where it stands, its result, who waits for it,
//! the OS thread it runs on), and the exceptions the driver raises in micro-threads
//! (`MicroThreadExit`, `DeadlockError`).
//!
//! The `micro_thread` module shows a `ThreadObj` to Python
//! (`modules/micro_thread/thread_obj.rs`) and keeps what is its own with it (a
//! [`ThreadExt`]: what becomes of the result, the stdin and stdout pipes), so the
//! driver names nothing of the module.

use crate::objects::rc::Arc;
use std::sync::{Mutex, MutexGuard, OnceLock};

use deferred::DeferredId;

use super::os_thread::Waiter;
use crate::objects::exception::PyErr;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::types::{types, Kind, PyType};
use crate::objects::value::Value;
use crate::vm::state::MicroThread;

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

/// What a module keeps with a micro-thread it started, and does when it finishes.
pub trait ThreadExt: Send + Sync {
    /// The micro-thread `obj` finished with `result`: its result is recorded and its
    /// waiters are woken. `is_main`: it was the main micro-thread of its reactor.
    fn finished(&self, gil: Gil<'_>, obj: &ThreadObj, result: &Result<Value, PyErr>, is_main: bool);

    fn as_any(&self) -> &dyn std::any::Any;
}

struct Inner {
    result: Option<Result<Value, PyErr>>,
    /// Who waits for it to finish: most have nobody, so a boxed slice (two words,
    /// not a `Vec`'s three), remade when one comes or goes.
    waiters: Box<[Waiter]>,
    /// Where it runs: its reactor task (its id) and OS thread.
    home: Option<Waiter>,
    /// Its name as one string, once asked for.
    name: Option<std::sync::Arc<str>>,
}

/// Where a micro-thread was started, shown as `file.py:12` (or a bare name): the file
/// name is shared with the code object, so a million micro-threads started at one
/// line keep one copy of it.
#[derive(Clone)]
pub struct CallSite {
    file: std::sync::Arc<str>,
    line: Option<u32>,
}

impl CallSite {
    pub fn new(file: impl Into<std::sync::Arc<str>>, line: Option<u32>) -> CallSite {
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

/// A micro-thread's name: its function's name and a number (`worker-12`). The base
/// is shared (with the function's code object, for a `def`), and the two are made
/// into one string only when the name is asked for (`thread.name`, a report, a lock
/// naming its holder; [`ThreadObj::name`] keeps it): starting a micro-thread formats
/// nothing.
pub struct ThreadName {
    base: std::sync::Arc<str>,
    /// 0: the name is the base alone.
    seq: u64,
}

impl ThreadName {
    /// `base-seq` (`base` alone when `seq` is 0).
    pub fn new(base: std::sync::Arc<str>, seq: u64) -> ThreadName {
        ThreadName { base, seq }
    }

    fn format(&self) -> std::sync::Arc<str> {
        match self.seq {
            0 => self.base.clone(),
            n => format!("{}-{n}", self.base).into(),
        }
    }
}

impl From<&str> for ThreadName {
    fn from(name: &str) -> ThreadName {
        ThreadName::new(name.into(), 0)
    }
}

impl From<String> for ThreadName {
    fn from(name: String) -> ThreadName {
        ThreadName::new(name.into(), 0)
    }
}

/// A micro-thread as the driver and other OS threads know it.
pub struct ThreadObj {
    /// Its name, formatted when first asked for ([`ThreadObj::name`]).
    name: ThreadName,
    /// Where it was started (for `dump()` and error reports).
    pub started_at: CallSite,
    inner: Mutex<Inner>,
    /// Where it stands: written by the driver at every switch, so kept under the GIL
    /// (no lock taken, nothing written when it has not changed).
    waiting: GilCell<Waiting>,
    /// What the module that started it keeps with it.
    ext: Option<Box<dyn ThreadExt>>,
}

// A million sleeping micro-threads hold a million of these (with the reference
// counts, 192 bytes: one allocator size class; ARCHITECTURE.md, "Costs").
const _: () = assert!(std::mem::size_of::<ThreadObj>() <= 176);

impl ThreadObj {
    pub fn new(
        name: impl Into<ThreadName>,
        started_at: CallSite,
        ext: Option<Box<dyn ThreadExt>>,
    ) -> std::sync::Arc<ThreadObj> {
        std::sync::Arc::new(ThreadObj {
            name: name.into(),
            started_at,
            inner: Mutex::new(Inner {
                name: None,
                result: None,
                waiters: Box::new([]),
                home: None,
            }),
            waiting: GilCell::new(Waiting::Scheduled),
            ext,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Its name (`worker-12`).
    pub fn name(&self) -> std::sync::Arc<str> {
        self.lock()
            .name
            .get_or_insert_with(|| self.name.format())
            .clone()
    }

    /// What the module that started it keeps with it.
    pub fn ext(&self) -> Option<&dyn ThreadExt> {
        self.ext.as_deref()
    }

    /// Called on the OS thread whose reactor runs it, when it is spawned there.
    pub fn set_id(&self, id: DeferredId) {
        self.lock().home = Some(Waiter::me(id));
    }

    /// The OS thread it runs on (`thread_id`).
    pub fn os_ident(&self) -> u64 {
        self.lock()
            .home
            .as_ref()
            .map_or_else(super::os_thread::ident, Waiter::os)
    }

    pub fn id(&self) -> Option<DeferredId> {
        self.lock().home.as_ref().map(|h| h.id)
    }

    /// Where it runs, once it has been spawned: to wake it or throw into it.
    pub fn home(&self) -> Option<Waiter> {
        self.lock().home.clone()
    }

    /// It now waits as `request` says (nothing written when that has not changed).
    pub(crate) fn set_waiting(&self, gil: Gil<'_>, request: &super::Request) {
        use super::Request;
        let mut w = self.waiting.borrow_mut(gil);
        let next = match (request, &*w) {
            (Request::Park(what), Waiting::On(was)) if what == was => return,
            (Request::Park(what), _) => Waiting::On(what.clone()),
            (Request::Sleep(d), _) if d.is_zero() => Waiting::Scheduled,
            (Request::Sleep(_), _) => Waiting::Sleeping,
            (Request::Io(req), _) => Waiting::Io(req.src.fd(), req.interest),
            (Request::Dump, _) => Waiting::Scheduled,
            (Request::Signals(_), _) => Waiting::On(deferred::Name::Static("a signal")),
        };
        *w = next;
    }

    /// Its state, as `dump()` and `thread.state` say it.
    pub fn waiting(&self, gil: Gil<'_>) -> String {
        if super::is_running(self) {
            return "running".to_owned();
        }
        if self.lock().result.is_some() {
            return "finished".to_owned();
        }
        match &*self.waiting.borrow(gil) {
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

    /// Its result, once it has finished.
    pub fn result(&self) -> Option<Result<Value, PyErr>> {
        self.lock().result.clone()
    }

    /// Has it finished?
    pub fn is_finished(&self) -> bool {
        self.lock().result.is_some()
    }

    /// `w` is woken with its result when it finishes.
    pub fn add_waiter(&self, w: Waiter) {
        let mut g = self.lock();
        let mut all = std::mem::take(&mut g.waiters).into_vec();
        all.push(w);
        g.waiters = all.into_boxed_slice();
    }

    /// Micro-thread `id` (of this OS thread) no longer waits for it.
    pub fn remove_waiter(&self, id: DeferredId) {
        let mut g = self.lock();
        let mut all = std::mem::take(&mut g.waiters).into_vec();
        all.retain(|w| !w.is(id));
        g.waiters = all.into_boxed_slice();
    }

    /// The micro-thread finished with `result` (its frames are gone): its waiters
    /// are woken, then the module that started it has its say ([`ThreadExt`]).
    pub fn finish(
        &self,
        gil: Gil<'_>,
        th: &mut MicroThread,
        result: &Result<Value, PyErr>,
        is_main: bool,
    ) {
        let waiters = {
            let mut g = self.lock();
            g.result = Some(result.clone());
            std::mem::take(&mut g.waiters)
        };
        *self.waiting.borrow_mut(gil) = Waiting::Finished;
        for w in waiters.into_vec() {
            w.wake(result.clone());
        }
        if let Some(ext) = &self.ext {
            ext.finished(gil, self, result, is_main);
        }
        let _ = th;
    }
}

static EXIT: OnceLock<Arc<PyType>> = OnceLock::new();
static DEADLOCK: OnceLock<Arc<PyType>> = OnceLock::new();

/// `MicroThreadExit`: ends a micro-thread silently (a `BaseException`, like
/// `SystemExit`, so `except Exception` does not swallow it).
pub fn exit_type() -> Arc<PyType> {
    EXIT.get_or_init(|| {
        Arc::new(PyType::builtin(
            "MicroThreadExit",
            "micro_thread",
            Some(&types().exc.base_exception),
            Kind::Exception,
            None,
        ))
    })
    .clone()
}

/// `DeadlockError`, a `RuntimeError`.
pub fn deadlock_type() -> Arc<PyType> {
    DEADLOCK
        .get_or_init(|| {
            Arc::new(PyType::builtin(
                "DeadlockError",
                "micro_thread",
                Some(&types().exc.runtime_error),
                Kind::Exception,
                None,
            ))
        })
        .clone()
}

pub fn micro_thread_exit() -> PyErr {
    PyErr::new(&exit_type(), vec![])
}

pub fn deadlock_error(msg: &str) -> PyErr {
    PyErr::msg(&deadlock_type(), msg)
}
