//! `select.select(rlist, wlist, xlist[, timeout])`, deferring its micro-thread until
//! a descriptor is ready, so select-style code runs unchanged among micro-threads.
//!
//! The descriptors go into a poller of the call's own (an epoll set), and that
//! poller's descriptor is what the micro-thread waits on in the reactor's I/O
//! notifier: one wait, whatever the number of descriptors. On waking, the call is
//! made again and reports what is ready; when the timeout passes first it returns
//! three empty lists, as CPython does.
//!
//! `select.epoll` is a Python class (`pyvm/lib/_select_poll.py`) over three natives
//! here on a real epoll instance: `_epoll_create`, `_epoll_ctl` and `_epoll_wait`,
//! which waits the same way (the epoll descriptor, duplicated for the wait, is what
//! the micro-thread waits on), so `selectors.EpollSelector` and asyncio's event loop
//! defer only the calling micro-thread.

use crate::objects::rc::Arc;
use std::collections::HashMap;
use std::os::fd::AsRawFd;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use deferred::Unwind;
use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token};
use notifiers::Ready;

use crate::native::io::{IoRequest, IoSource};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

static SELECT: OnceLock<Arc<Module>> = OnceLock::new();

pub static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "select" => select, "_epoll_create" => epoll_create, "_epoll_ctl" => epoll_ctl,
    "_epoll_wait" => epoll_wait, "_epoll_close" => epoll_close,
];

/// The `select` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    SELECT.get_or_init(|| {
        let m = Module::with_functions(gil, "select", FUNCS);
        // The classes below are `select.poll` and `select.epoll`.
        m.set(gil, "__name__", Value::str("select"));
        m.set(
            gil,
            "error",
            Value::Type(crate::objects::types::types().exc.os_error.clone()),
        );
        // `select.poll()` is a Python class on top of `select.select()`.
        if let Err(e) = run_source(gil, POLL, "<frozen select>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("select: {text}\n"));
        }
        Arc::new(m)
    })
}

/// The Python part of the module (`pyvm/lib/_select_poll.py`).
static POLL: &str = include_str!("../../lib/_select_poll.py");

/// The descriptor of a `select` argument: an `int`, or an object's `fileno()`.
fn fd_of(cx: &mut Cx, v: &Value) -> PyResult<i32> {
    let fd = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => b.get() as i64,
        Value::Object(o) if super::socket::socket_of(v).is_some() => {
            let _ = o;
            match super::socket::socket_of(v).and_then(|s| super::socket::fd_of(cx.gil, s)) {
                Some(fd) => fd as i64,
                None => -1,
            }
        }
        v => {
            let f = cx.getattr(v, "fileno").map_err(|e| match e {
                Unwind::Raise(_) => Unwind::Raise(type_error(
                    "argument must be an int, or have a fileno() method.",
                )),
                other => other,
            })?;
            let n = cx.call(&f, vec![])?;
            match n {
                Value::Int(i) => i,
                n => {
                    return Err(type_error(format!(
                        "fileno() returned a non-integer ({})",
                        type_name(&n)
                    ))
                    .into())
                }
            }
        }
    };
    if fd < 0 {
        return Err(value_error(format!(
            "file descriptor cannot be a negative integer ({fd})"
        ))
        .into());
    }
    i32::try_from(fd).map_err(|_| overflow_error("fd is greater than maximum").into())
}

/// Any iterable, as CPython's `PySequence_Fast` takes it (a generator too).
fn seq(cx: &mut Cx, v: &Value) -> PyResult<Vec<Value>> {
    let it = cx.iter(v).map_err(|e| match e {
        Unwind::Raise(_) => Unwind::Raise(type_error("arguments 1-3 must be sequences")),
        other => other,
    })?;
    let mut out = Vec::new();
    while let Some(x) = cx.next(&it)? {
        out.push(x);
    }
    Ok(out)
}

fn timeout_arg(v: Option<&Value>) -> Result<Option<Duration>, PyErr> {
    let t = match v {
        None | Some(Value::None) => return Ok(None),
        Some(v) => crate::modules::time::timeout_seconds(v).map_err(|e| {
            if e.is_instance(&crate::objects::types::types().exc.type_error) {
                type_error("timeout must be a float or None")
            } else {
                e
            }
        })?,
    };
    if t < 0.0 {
        return Err(value_error("timeout must be non-negative"));
    }
    Duration::try_from_secs_f64(t)
        .map(Some)
        .map_err(|_| overflow_error("timeout is too large"))
}

fn os(e: std::io::Error) -> PyErr {
    crate::objects::os_error::from_io(&e, None)
}

fn select(cx: &mut Cx, args: Args) -> PyResult<Value> {
    select_at(cx, args, None)
}

/// `select`, after a wait for its descriptors whose deadline was `deadline`.
fn select_at(cx: &mut Cx, args: Args, deadline: Option<Instant>) -> PyResult<Value> {
    args.check("select", 3, 4)?;
    let timeout = timeout_arg(args.get(3))?;
    let mut lists: [Vec<Value>; 3] = Default::default();
    let mut fds: [Vec<i32>; 3] = Default::default();
    for k in 0..3 {
        let arg = args.at(k);
        if let Value::List(l) = arg {
            // A list is read as it is at each step (CPython's `PySequence_Fast`
            // gives the list itself): a `fileno()` that shortens it ends the walk.
            let mut i = 0;
            loop {
                let item = match l.borrow(cx.gil).get(i) {
                    Some(v) => v.clone(),
                    None => break,
                };
                fds[k].push(fd_of(cx, &item)?);
                lists[k].push(item);
                i += 1;
            }
        } else {
            lists[k] = seq(cx, arg)?;
            for v in &lists[k] {
                let fd = fd_of(cx, v)?;
                fds[k].push(fd);
            }
        }
    }
    // A closed descriptor is EBADF before the poller is made (whose own new
    // descriptor may reuse the number: epoll would say EINVAL of itself).
    for fd in fds.iter().flatten() {
        crate::modules::posix::raw::with_fd(*fd, |b| {
            rustix::io::fcntl_getfd(b)
                .map_err(|e| std::io::Error::from_raw_os_error(e.raw_os_error()))
        })
        .map_err(os)?;
    }
    // One registration per descriptor, with the union of what is asked of it.
    let mut want: HashMap<i32, (bool, bool)> = HashMap::new();
    for fd in &fds[0] {
        want.entry(*fd).or_default().0 = true;
    }
    for fd in &fds[1] {
        want.entry(*fd).or_default().1 = true;
    }
    let mut poll = Poll::new().map_err(os)?;
    let mut always = Vec::new();
    for (&fd, &(r, w)) in &want {
        let interest = match (r, w) {
            (true, true) => Interest::READABLE | Interest::WRITABLE,
            (true, false) => Interest::READABLE,
            _ => Interest::WRITABLE,
        };
        match poll
            .registry()
            .register(&mut SourceFd(&fd), Token(fd as usize), interest)
        {
            Ok(()) => {}
            // A regular file cannot be polled: select reports it ready, always.
            Err(e) if e.raw_os_error() == Some(1) => always.push(fd),
            Err(e) => return Err(os(e).into()),
        }
    }
    let mut readable: Vec<i32> = always.clone();
    let mut writable: Vec<i32> = always;
    let mut events = Events::with_capacity(want.len().max(1));
    match poll.poll(&mut events, Some(Duration::ZERO)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
        Err(e) => return Err(os(e).into()),
    }
    for ev in events.iter() {
        let fd = ev.token().0 as i32;
        if ev.is_readable() || ev.is_read_closed() || ev.is_error() {
            readable.push(fd);
        }
        if ev.is_writable() || ev.is_write_closed() || ev.is_error() {
            writable.push(fd);
        }
    }
    let ready = !readable.is_empty() || !writable.is_empty();
    if ready || timeout == Some(Duration::ZERO) {
        let pick = |k: usize, set: &[i32]| {
            let items = lists[k]
                .iter()
                .zip(&fds[k])
                .filter(|(_, fd)| set.contains(fd))
                .map(|(v, _)| v.clone())
                .collect();
            Value::list(items)
        };
        return Ok(Value::tuple(vec![
            pick(0, &readable),
            pick(1, &writable),
            Value::list(vec![]),
        ]));
    }
    let deadline = deadline.or_else(|| timeout.and_then(|t| Instant::now().checked_add(t)));
    let empty = || {
        Value::tuple(vec![
            Value::list(vec![]),
            Value::list(vec![]),
            Value::list(vec![]),
        ])
    };
    let src = IoSource::new(poll.as_raw_fd());
    if cx.may_wait() {
        let request = IoRequest {
            src: src.clone(),
            interest: Ready::READABLE,
            deadline,
        };
        // The poller lives until the wait is over (its descriptor is the one waited on).
        let hold = (src, poll);
        return crate::native::io::wait_ready(cx, "select", request, Some(empty()), move |cx| {
            drop(hold);
            select_at(cx, args, deadline)
        });
    }
    match crate::native::io::block_until_ready(cx.gil, src.fd(), Ready::READABLE, deadline) {
        Ok(()) => {}
        Err(e) if e.is_instance(&crate::objects::types::types().exc.timeout_error) => {
            return Ok(empty())
        }
        Err(e) => return Err(e.into()),
    }
    drop(poll);
    select_at(cx, args, deadline)
}

/// A descriptor number argument of the epoll natives.
fn raw_fd(v: &Value) -> Result<i32, PyErr> {
    let n = arg_int(v, "fd")?;
    i32::try_from(n).map_err(|_| overflow_error("fd is greater than maximum"))
}

/// `_epoll_create()`: a new epoll instance's descriptor (close-on-exec).
fn epoll_create(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_epoll_create", 0, 0)?;
    let fd = rustix::event::epoll::create(rustix::event::epoll::CreateFlags::CLOEXEC)
        .map_err(|e| os(e.into()))?;
    Ok(Value::Int(std::os::fd::IntoRawFd::into_raw_fd(fd) as i64))
}

/// `_epoll_close(epfd)`.
fn epoll_close(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_epoll_close", 1, 1)?;
    super::posix::raw::close(raw_fd(args.at(0))?).map_err(os)?;
    Ok(Value::None)
}

/// `_epoll_ctl(epfd, op, fd, eventmask)`: op 1 adds, 2 removes, 3 changes; the
/// event's data is the descriptor.
fn epoll_ctl(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    use rustix::event::epoll;
    args.check("_epoll_ctl", 4, 4)?;
    let (epfd, op, fd) = (
        raw_fd(args.at(0))?,
        arg_int(args.at(1), "op")?,
        raw_fd(args.at(2))?,
    );
    let mask = arg_int(args.at(3), "eventmask")?;
    let mask = u32::try_from(mask).map_err(|_| {
        overflow_error(if mask < 0 {
            "can't convert negative int to unsigned"
        } else {
            "Python int too large to convert to C unsigned long"
        })
    })?;
    let flags = epoll::EventFlags::from_bits_retain(mask);
    let data = epoll::EventData::new_u64(fd as u64);
    super::posix::raw::with_fd(epfd, |ep| {
        super::posix::raw::with_fd(fd, |src| {
            match op {
                1 => epoll::add(ep, src, data, flags),
                3 => epoll::modify(ep, src, data, flags),
                _ => epoll::delete(ep, src),
            }
            .map_err(Into::into)
        })
    })
    .map_err(os)?;
    Ok(Value::None)
}

/// `_epoll_wait(epfd, timeout, maxevents)`: `[(fd, events), ...]`, waiting (this
/// micro-thread only) up to `timeout` seconds (`None`: no limit).
fn epoll_wait(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_epoll_wait", 3, 3)?;
    let epfd = raw_fd(args.at(0))?;
    let timeout = timeout_arg(args.get(1))?;
    let max = usize::try_from(arg_int(args.at(2), "maxevents")?)
        .unwrap_or(1)
        .max(1);
    let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
    epoll_wait_until(cx, epfd, timeout == Some(Duration::ZERO), max, deadline)
}

fn epoll_wait_until(
    cx: &mut Cx,
    epfd: i32,
    no_wait: bool,
    max: usize,
    deadline: Option<Instant>,
) -> PyResult<Value> {
    use rustix::event::epoll;
    let mut events: Vec<epoll::Event> = Vec::with_capacity(max);
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    loop {
        let r = super::posix::raw::with_fd(epfd, |ep| {
            epoll::wait(ep, rustix::buffer::spare_capacity(&mut events), Some(&zero))
                .map_err(Into::into)
        });
        match r {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(os(e).into()),
        }
    }
    let passed = deadline.is_some_and(|d| Instant::now() >= d);
    if !events.is_empty() || no_wait || passed {
        let items = events
            .iter()
            .map(|e| {
                // (Copies: the kernel's event struct is packed.)
                let (flags, data) = (e.flags, e.data);
                Value::tuple(vec![
                    Value::Int(data.u64() as i64),
                    Value::Int(flags.bits() as i64),
                ])
            })
            .collect();
        return Ok(Value::list(items));
    }
    // Wait on a duplicate of the epoll descriptor, registered for this wait only, so
    // waits on the same epoll object from several micro-threads do not collide.
    let dup = super::posix::raw::with_fd(epfd, |ep| {
        rustix::io::fcntl_dupfd_cloexec(ep, 0).map_err(Into::into)
    })
    .map_err(os)?;
    let src = IoSource::new(dup.as_raw_fd());
    if cx.may_wait() {
        let request = IoRequest {
            src: src.clone(),
            interest: Ready::READABLE,
            deadline,
        };
        let hold = (src, dup);
        let empty = Value::list(vec![]);
        return crate::native::io::wait_ready(cx, "poll", request, Some(empty), move |cx| {
            drop(hold);
            epoll_wait_until(cx, epfd, false, max, deadline)
        });
    }
    match crate::native::io::block_until_ready(cx.gil, src.fd(), Ready::READABLE, deadline) {
        Ok(()) => {}
        Err(e) if e.is_instance(&crate::objects::types::types().exc.timeout_error) => {
            return Ok(Value::list(vec![]))
        }
        Err(e) => return Err(e.into()),
    }
    drop((src, dup));
    epoll_wait_until(cx, epfd, false, max, deadline)
}
