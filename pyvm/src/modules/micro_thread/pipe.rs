//! micro_pipes, as the proposal describes them: a one-value buffer between a writer
//! and a reader micro-thread. The writer waits when it tries to put a second value
//! before the reader took the first; the reader waits while the buffer is empty.
//! `close()` by the writer ends the reader's iteration (`StopIteration`); `close()` by
//! the reader makes the writer's next `put` raise `MicroThreadExit`, which ends the
//! writer silently after its `finally` blocks. A writer's uncaught exception is raised
//! in the reader.

use crate::objects::rc::Arc;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::native::driver::Waiter;
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{with_gil, Gil, GilCell, GilRefMut};
use crate::objects::object::{NativeObject, Object};

#[derive(Default)]
struct State {
    /// The buffered value.
    value: Option<Value>,
    /// Readers waiting for a value, first come first served.
    readers: VecDeque<Waiter>,
    /// Writers waiting for the buffer to empty, each with the value it puts then (in
    /// the order they came: several micro-threads may write one pipe).
    writers: VecDeque<(Waiter, Value)>,
    /// The writer closed it (after the buffered value, the reader sees the end).
    closed: bool,
    /// The reader closed it.
    reader_closed: bool,
    /// The writer's uncaught exception, raised in the reader after the buffer.
    error: Option<PyErr>,
    /// Who last read and wrote (which side a `close()` closes). A micro-thread is
    /// its id *and* its OS thread: ids are per reactor, so the first micro-thread
    /// of another OS thread may have the main one's id.
    last_reader: Option<Waiter>,
    last_writer: Option<Waiter>,
}

pub struct Pipe {
    pub num: u64,
    /// Kept under the GIL (every use holds it): no lock taken on a hand-off.
    st: Arc<GilCell<State>>,
    /// `micro_pipe #N` and `micro_pipe #N (full)`: what a waiter waits on (made once,
    /// so a wait allocates nothing).
    label: deferred::Name,
    full: deferred::Name,
}

static NEXT: AtomicU64 = AtomicU64::new(1);

impl Pipe {
    pub fn new_object() -> Arc<Object> {
        let num = NEXT.fetch_add(1, Ordering::Relaxed);
        Arc::new(Object(Box::new(Pipe {
            num,
            st: Arc::new(GilCell::new(State::default())),
            label: format!("micro_pipe #{num}").into(),
            full: format!("micro_pipe #{num} (full)").into(),
        })))
    }

    fn lock<'a>(&'a self, gil: Gil<'a>) -> GilRefMut<'a, State> {
        self.st.borrow_mut(gil)
    }

    fn label(&self) -> &str {
        self.label.as_str()
    }

    /// `put(v)` by micro-thread `cx.th`.
    pub fn put(&self, cx: &mut Cx, v: Value) -> PyResult<Value> {
        let me = cx.me();
        let mut st = self.lock(cx.gil);
        st.last_writer = me.map(Waiter::me);
        if st.reader_closed {
            return Err(super::micro_thread_exit().into());
        }
        if st.closed {
            return Err(value_error(format!("put on closed {}", self.label())).into());
        }
        if let Some(r) = st.readers.pop_front() {
            // A reader is waiting: hand the value over directly (it has read last).
            r.wake(Ok(v));
            st.last_reader = Some(r);
            return Ok(Value::None);
        }
        if st.value.is_none() {
            st.value = Some(v);
            return Ok(Value::None);
        }
        // The buffer is full: wait for the reader to take the value in it.
        // (Inside `atomic()`, `cx.wait` refuses, taking the registration back.)
        let Some(me) = me else {
            return Err(runtime_error(format!(
                "put would wait forever: nothing reads {}",
                self.label()
            ))
            .into());
        };
        st.writers.push_back((Waiter::me(me), v));
        drop(st);
        let shared = self.st.clone();
        cx.wait(
            "put",
            Wait::park(self.full.clone()).on_cancel(move || {
                with_gil(|gil| shared.borrow_mut(gil).writers.retain(|(w, _)| !w.is(me)));
            }),
        )
    }

    /// One value for the reader, `None` at the end.
    pub fn next(&self, cx: &mut Cx) -> PyResult<Option<Value>> {
        let me = cx.me();
        let mut st = self.lock(cx.gil);
        st.last_reader = me.map(Waiter::me);
        if let Some(v) = st.value.take() {
            // Room again: the waiting writer's value moves into the buffer.
            if let Some((w, next)) = st.writers.pop_front() {
                st.value = Some(next);
                w.wake(Ok(Value::None));
                st.last_writer = Some(w);
            }
            return Ok(Some(v));
        }
        if let Some(e) = st.error.take() {
            st.closed = true;
            return Err(e.into());
        }
        if st.closed || st.reader_closed {
            return Ok(None);
        }
        let Some(me) = me else {
            return Err(runtime_error(format!(
                "reading {} would wait forever: no micro_thread writes it",
                self.label()
            ))
            .into());
        };
        st.readers.push_back(Waiter::me(me));
        drop(st);
        let shared = self.st.clone();
        cx.wait(
            "next",
            Wait::park(self.label.clone()).on_cancel(move || {
                with_gil(|gil| shared.borrow_mut(gil).readers.retain(|r| !r.is(me)));
            }),
        )
        .map(Some)
    }

    /// The writer is done (with its exception, if it failed).
    pub fn close_writer(&self, gil: Gil<'_>, err: Option<PyErr>) {
        let mut st = self.lock(gil);
        if st.closed {
            return;
        }
        st.closed = true;
        let mut err = err;
        if st.readers.is_empty() {
            st.error = err;
            return;
        }
        // The first waiting reader gets the writer's exception; every reader ends.
        while let Some(r) = st.readers.pop_front() {
            match err.take() {
                Some(e) => r.wake(Err(e)),
                None => r.wake(Err(stop_iteration())),
            }
        }
    }

    /// The reader is done: a waiting or later `put` ends the writer, and any other
    /// reader waiting sees the end.
    pub fn close_reader(&self, gil: Gil<'_>) {
        let mut st = self.lock(gil);
        st.reader_closed = true;
        st.value = None;
        while let Some((w, _)) = st.writers.pop_front() {
            w.wake(Err(super::micro_thread_exit()));
        }
        while let Some(r) = st.readers.pop_front() {
            r.wake(Err(stop_iteration()));
        }
    }
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "put" => put, "close" => close, "__next__" => next_, "__iter__" => iter_,
    "take_from" => take_from [soft Always "_pipe_take_from"],
];

/// `pipe.take_from(iterable)`: a Python loop of `put`s (so each can wait).
/// (Driven by a reactor, its Python half `_deferrable._pipe_take_from` runs in its
/// place: `[soft Always]`. Here no put can wait.)
fn take_from(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("take_from", 1, 1)?;
    let p = this(&args)?;
    let it = cx.iter(args.at(1))?;
    while let Some(x) = cx.next(&it)? {
        p.put(cx, x)?;
    }
    Ok(Value::None)
}

/// The pipe a method was called on.
pub fn pipe_of(v: &Value) -> Option<&Pipe> {
    match v {
        Value::Object(o) => o.0.as_any().downcast_ref::<Pipe>(),
        _ => None,
    }
}

fn this(args: &Args) -> PyResult<&Pipe> {
    args.get(0)
        .and_then(pipe_of)
        .ok_or_else(|| type_error("descriptor requires a 'micro_pipe' object").into())
}

fn put(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("put", 1, 1)?;
    this(&args)?.put(cx, args.at(1).clone())
}

/// `close()`: by the writer (its micro-thread writes it) or the reader.
fn close(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("close", 0, 0)?;
    let p = this(&args)?;
    let me = cx.me();
    let reads = me.is_some_and(|me| {
        let st = p.lock(cx.gil);
        let was = |w: &Option<Waiter>| w.as_ref().is_some_and(|w| w.is(me));
        was(&st.last_reader) && !was(&st.last_writer)
    });
    if reads {
        p.close_reader(cx.gil);
    } else {
        p.close_writer(cx.gil, None);
    }
    Ok(Value::None)
}

fn next_(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__next__", 0, 0)?;
    match this(&args)?.next(cx)? {
        Some(v) => Ok(v),
        None => Err(stop_iteration().into()),
    }
}

fn iter_(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iter__", 0, 0)?;
    Ok(args.at(0).clone())
}

impl NativeObject for Pipe {
    fn type_name(&self) -> &'static str {
        "micro_thread.micro_pipe"
    }

    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        let _ = gil;
        Ok(format!("<{}>", self.label()))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let _ = gil;
        METHODS.iter().find(|d| d.name == name).map(Value::Native)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn next(&self, cx: &mut Cx) -> Option<PyResult<Option<Value>>> {
        Some(Pipe::next(self, cx))
    }
}
