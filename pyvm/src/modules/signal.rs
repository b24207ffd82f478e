//! `_signal`: CPython's C signal module, under Lib's own `signal.py` (its `Signals`,
//! `Handlers` and `Sigmasks` enums).
//!
//! A Python handler never runs inside the OS's handler. The OS handler (installed
//! once per signal through `signal-hook`, and kept) only sets the signal's *tripped*
//! flag, the VM's signal flag (checked at calls and backward jumps, with the other
//! attention flags), writes the signal's number to the `set_wakeup_fd` descriptor
//! and pokes the main reactor's signal notifier. The handlers then run, as in
//! CPython, in the main OS thread, at a safe point of its main micro-thread
//! ([`run_pending`]): where that micro-thread runs code, before its next call or
//! backward jump; while it waits, the driver starts a short-lived micro-thread that
//! runs them on its behalf and throws what they raise into the waiting one, so the
//! wait goes on when a handler returns (PEP 475) and ends with the handler's
//! exception when it raises.
//!
//! A signal nobody set a Python handler for keeps the OS's disposition: SIGTERM
//! kills, SIGPIPE and SIGXFSZ are ignored (as CPython sets them at start-up), SIGINT
//! runs `default_int_handler` (`KeyboardInterrupt`). Setting `SIG_DFL` or `SIG_IGN`
//! on a signal whose OS handler is installed keeps the handler and acts as those
//! would (the default action is emulated).

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use notifiers::sigsys;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{type_name, types, Kind, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

const NSIG: usize = sigsys::NSIG as usize;
const SIGINT: i32 = signal_hook::consts::SIGINT;
const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

/// The Python-level handler of each signal: `SIG_DFL` (0), `SIG_IGN` (1), a callable,
/// or `None` (a handler not installed from Python).
static HANDLERS: Mutex<Vec<Value>> = Mutex::new(Vec::new());
/// Signals whose OS handler is installed.
static HOOKED: Mutex<[bool; NSIG]> = Mutex::new([false; NSIG]);

fn tripped() -> &'static [std::sync::Arc<AtomicBool>] {
    static T: OnceLock<Vec<std::sync::Arc<AtomicBool>>> = OnceLock::new();
    T.get_or_init(|| {
        (0..NSIG)
            .map(|_| std::sync::Arc::new(AtomicBool::new(false)))
            .collect()
    })
}

fn handlers() -> std::sync::MutexGuard<'static, Vec<Value>> {
    let mut h = HANDLERS.lock().unwrap_or_else(|p| p.into_inner());
    if h.is_empty() {
        h.extend((0..NSIG).map(|sig| initial_handler(sig as i32)));
    }
    h
}

/// What `getsignal` says before any `signal()` call: the OS's disposition found at
/// start-up, `default_int_handler` for SIGINT.
fn initial_handler(sig: i32) -> Value {
    if sig == 0 {
        return Value::None;
    }
    match sigsys::disposition(sig) {
        Ok(sigsys::Disposition::Ignore) => Value::Int(SIG_IGN),
        Ok(sigsys::Disposition::Default) if sig == SIGINT => Value::Native(&DEFAULT_INT_HANDLER),
        Ok(sigsys::Disposition::Default) => Value::Int(SIG_DFL),
        // Rust's runtime reports stack overflows from these: to Python they are as
        // CPython leaves them.
        Ok(sigsys::Disposition::Handler)
            if sig == signal_hook::consts::SIGSEGV || sig == signal_hook::consts::SIGBUS =>
        {
            Value::Int(SIG_DFL)
        }
        _ => Value::None,
    }
}

fn handler_of(sig: i32) -> Value {
    handlers()[sig as usize].clone()
}

/// Is `sig` handled by Python code (neither `SIG_DFL` nor `SIG_IGN` nor `None`)?
/// (`_thread.interrupt_main` does nothing otherwise, as in CPython.)
pub fn python_handles(sig: i32) -> bool {
    (1..NSIG as i32).contains(&sig) && !matches!(handler_of(sig), Value::Int(_) | Value::None)
}

/// Set up signals at start-up, before any other thread runs: SIGXFSZ is ignored (as
/// CPython does; SIGPIPE already is, by Rust's runtime) and SIGINT gets its handler
/// (`KeyboardInterrupt`) unless the process started with it ignored.
pub fn init() {
    let _ = sigsys::set_disposition(signal_hook::consts::SIGXFSZ, true);
    let h = handlers();
    let int_default = matches!(h[SIGINT as usize], Value::Native(_));
    drop(h);
    if int_default {
        if let Err(e) = hook(SIGINT) {
            eprintln!("pyvm: cannot install the SIGINT handler: {e}");
        }
    }
}

/// Install the OS handler of `sig` (once; it stays).
fn hook(sig: i32) -> std::io::Result<()> {
    let mut hooked = HOOKED.lock().unwrap_or_else(|p| p.into_inner());
    if hooked[sig as usize] {
        return Ok(());
    }
    if signal_hook::consts::FORBIDDEN.contains(&sig) {
        return Err(std::io::Error::from_raw_os_error(22));
    }
    signal_hook::flag::register(sig, tripped()[sig as usize].clone())?;
    signal_hook::flag::register(sig, signal_flag())?;
    sigsys::hook_wakeup(sig)?;
    hooked[sig as usize] = true;
    drop(hooked);
    driver::watch_signal(sig);
    Ok(())
}

/// The signals whose OS handler is installed (the driver's notifier watches them).
pub fn hooked() -> Vec<i32> {
    let hooked = HOOKED.lock().unwrap_or_else(|p| p.into_inner());
    (1..NSIG as i32).filter(|&s| hooked[s as usize]).collect()
}

/// Was `sig` left alone by the program (no handler ever set from Python)? The
/// driver keeps SIGUSR1's report of every micro-thread for that case.
pub fn untouched(sig: i32) -> bool {
    !HOOKED.lock().unwrap_or_else(|p| p.into_inner())[sig as usize]
}

/// Run the handlers of the signals that arrived, if the running code is where
/// they run (the main OS thread's main micro-thread, or the one the driver started
/// for it while it waits); otherwise leave them for it. The first exception a
/// handler raises stops the run (the signals still tripped wait for the next one).
pub fn run_pending(cx: &mut Cx) -> Result<(), PyErr> {
    run_tripped(cx).map(|_| ())
}

/// [`run_pending`], saying whether any signal had arrived.
fn run_tripped(cx: &mut Cx) -> Result<bool, PyErr> {
    if !driver::runs_signal_handlers() {
        return Ok(false);
    }
    let flag = signal_flag();
    flag.store(false, Ordering::SeqCst);
    let mut any = false;
    for sig in 1..NSIG as i32 {
        if !tripped()[sig as usize].swap(false, Ordering::SeqCst) {
            continue;
        }
        any = true;
        let h = handler_of(sig);
        let r = match &h {
            Value::Int(SIG_IGN) => Ok(()),
            Value::Int(SIG_DFL) | Value::None => {
                crate::modules::sys::flush_stdout();
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                Ok(())
            }
            f => {
                // The main micro-thread's frame: where it runs, or where it waits
                // (its frame when the driver started the helper running this).
                let frame = if driver::in_signal_helper() {
                    WAITING_FRAME
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .clone()
                } else {
                    crate::modules::frame::get(cx, 0)
                };
                let frame = frame.unwrap_or(Value::None);
                cx.call(f, vec![Value::Int(sig as i64), frame])
                    .map(|_| ())
                    .map_err(|e| match e {
                        deferred::Unwind::Raise(e) => e,
                        deferred::Unwind::Deferred => {
                            runtime_error("a signal handler deferred where it cannot")
                        }
                    })
            }
        };
        if let Err(e) = r {
            if tripped().iter().any(|t| t.load(Ordering::SeqCst)) {
                flag.store(true, Ordering::SeqCst);
            }
            return Err(e);
        }
    }
    Ok(any)
}

/// Has the program set a handler of its own (a callable other than
/// `default_int_handler`) for some signal? Then micro-threads all waiting on each
/// other are not deadlocked: a signal's handler may end their wait.
pub fn user_handlers() -> bool {
    handlers().iter().any(|h| {
        !matches!(h, Value::None | Value::Int(_))
            && !matches!(h, Value::Native(d) if std::ptr::eq(*d, &DEFAULT_INT_HANDLER))
    })
}

/// Handlers left to run? (What the driver looks at between rounds.)
pub fn any_pending() -> bool {
    signal_flag().load(Ordering::Relaxed)
}

/// A `KeyboardInterrupt` for a blocking call cut short by SIGINT where no handler
/// can run (code a native runs outside a micro-thread), when SIGINT's handler is
/// the default one.
pub fn take_keyboard_interrupt() -> Option<PyErr> {
    let is_default = matches!(handler_of(SIGINT), Value::Native(_));
    if is_default && tripped()[SIGINT as usize].swap(false, Ordering::SeqCst) {
        return Some(PyErr::new(&types().exc.keyboard_interrupt, vec![]));
    }
    None
}

/// The frame the main micro-thread waits in, for handlers run on its behalf.
static WAITING_FRAME: Mutex<Option<Value>> = Mutex::new(None);

/// The driver starts a micro-thread running handlers for the main one, which waits
/// in `frame` (`None` where it cannot be seen: a wait inside a built-in).
pub fn main_waits_in(frame: Option<Value>) {
    *WAITING_FRAME.lock().unwrap_or_else(|p| p.into_inner()) = frame;
}

/// The body of the micro-thread the driver starts to run handlers while the main
/// one waits (what they raise ends it, and the driver raises it in the main one).
fn run_for_main(cx: &mut Cx, _args: Args) -> PyResult<Value> {
    run_pending(cx)?;
    Ok(Value::None)
}

static RUN_FOR_MAIN: NativeDef = NativeDef {
    name: "_run_for_main",
    f: run_for_main,
    soft: None,
};

/// The function the driver's handler micro-thread calls (a Python function, so it
/// can be a micro-thread's first frame; its file is the bootstrap's, left out of
/// tracebacks).
pub fn helper_function(gil: Gil<'_>) -> Value {
    static F: OnceLock<Value> = OnceLock::new();
    F.get_or_init(|| {
        let code = crate::compile::compile(
            "def __signal_handlers__():\n    __run()\n",
            driver::BOOTSTRAP_FILE,
        )
        .expect("the signal helper compiles");
        let globals = Arc::new(crate::objects::gil::GilCell::new(
            crate::objects::dict::Dict::new(),
        ));
        let _ = globals
            .borrow_mut(gil)
            .insert(Value::str("__run"), Value::Native(&RUN_FOR_MAIN));
        let _ = exec_code(gil, code, &globals);
        let f = globals
            .borrow(gil)
            .get_str(&crate::objects::str::PyStr::new(
                "__signal_handlers__".to_owned(),
            ));
        f.unwrap_or(Value::None)
    })
    .clone()
}

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "signal" => signal, "getsignal" => getsignal, "raise_signal" => raise_signal,
    "strsignal" => strsignal, "valid_signals" => valid_signals, "alarm" => alarm,
    "pause" => pause, "setitimer" => setitimer, "getitimer" => getitimer,
    "pthread_kill" => pthread_kill, "pthread_sigmask" => pthread_sigmask,
    "sigpending" => sigpending, "siginterrupt" => siginterrupt,
    "set_wakeup_fd" => set_wakeup_fd,
];

static DEFAULT_INT_HANDLER: NativeDef = NativeDef {
    name: "default_int_handler",
    f: default_int_handler,
    soft: None,
};

/// The signal names and numbers of Linux, as `_signal` exports them.
const NAMES: &[(&str, i64)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGIOT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPOLL", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
];

/// The `_signal` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_signal", FUNCS);
        m.set(gil, "default_int_handler", Value::Native(&DEFAULT_INT_HANDLER));
        for (name, n) in NAMES {
            m.set(gil, name, Value::Int(*n));
        }
        for (name, n) in [
            ("SIG_DFL", SIG_DFL),
            ("SIG_IGN", SIG_IGN),
            ("NSIG", NSIG as i64),
            ("SIG_BLOCK", sigsys::SIG_BLOCK as i64),
            ("SIG_UNBLOCK", sigsys::SIG_UNBLOCK as i64),
            ("SIG_SETMASK", sigsys::SIG_SETMASK as i64),
            ("ITIMER_REAL", sigsys::ITIMER_REAL as i64),
            ("ITIMER_VIRTUAL", sigsys::ITIMER_VIRTUAL as i64),
            ("ITIMER_PROF", sigsys::ITIMER_PROF as i64),
        ] {
            m.set(gil, name, Value::Int(n));
        }
        m.set(gil, "ItimerError", Value::Type(itimer_error().clone()));
        m.set(
            gil,
            "__doc__",
            Value::str("This module provides mechanisms to use signal handlers in Python.\n\nFunctions:\n\nalarm() -- cause SIGALRM after a specified time [Unix only]\nsetitimer() -- cause a signal (described below) after a specified\n               float time and the timer may restart then [Unix only]\ngetitimer() -- get current value of timer [Unix only]\nsignal() -- set the action for a given signal\ngetsignal() -- get the signal action for a given signal\npause() -- wait until a signal arrives [Unix only]\ndefault_int_handler() -- default SIGINT handler\n"),
        );
        Arc::new(m)
    })
}

/// `signal.itimer_error` (`ItimerError`), an `OSError`.
fn itimer_error() -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    T.get_or_init(|| {
        Arc::new(PyType::builtin(
            "itimer_error",
            "signal",
            Some(&types().exc.os_error),
            Kind::Exception,
            None,
        ))
    })
}

fn os_error(e: &std::io::Error) -> PyErr {
    crate::objects::os_error::from_io(e, None)
}

fn out_of_range() -> PyErr {
    value_error("signal number out of range")
}

/// A signal number argument in 1..NSIG.
fn signum(v: &Value) -> Result<i32, PyErr> {
    let n = arg_int(v, "")?;
    if n < 1 || n >= NSIG as i64 {
        return Err(out_of_range());
    }
    Ok(n as i32)
}

fn main_thread_only(what: &str) -> Result<(), PyErr> {
    if driver::on_main_os_thread() {
        return Ok(());
    }
    Err(value_error(format!(
        "{what} only works in main thread of the main interpreter"
    )))
}

/// `signal(signalnum, handler)`: the previous handler.
fn signal(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("signal", 2, 2)?;
    let sig = signum(args.at(0))?;
    let h = args.at(1).clone();
    main_thread_only("signal")?;
    let h = match &h {
        Value::Int(SIG_DFL) | Value::Int(SIG_IGN) => h,
        v if crate::objects::int::is_int(v)
            || matches!(v, Value::Instance(_)) && arg_int(v, "").is_ok() =>
        {
            let n = arg_int(v, "")?;
            if n != SIG_DFL && n != SIG_IGN {
                return Err(handler_type_error().into());
            }
            Value::Int(n)
        }
        v if crate::modules::builtins::callable_value(cx.gil, v) => h,
        _ => return Err(handler_type_error().into()),
    };
    if sig == signal_hook::consts::SIGKILL || sig == signal_hook::consts::SIGSTOP {
        return Err(os_error(&std::io::Error::from_raw_os_error(22)).into());
    }
    // Where an OS handler is installed (ours, or the driver's for SIGUSR1's report),
    // it stays: SIG_DFL and SIG_IGN are then carried out by `run_pending`. Otherwise
    // the OS does them.
    let is_hooked = HOOKED.lock().unwrap_or_else(|p| p.into_inner())[sig as usize];
    let os_handler =
        is_hooked || matches!(sigsys::disposition(sig), Ok(sigsys::Disposition::Handler));
    match &h {
        Value::Int(n) if !os_handler => {
            sigsys::set_disposition(sig, *n == SIG_IGN).map_err(|e| os_error(&e))?
        }
        _ => hook(sig).map_err(|e| os_error(&e))?,
    }
    let mut table = handlers();
    let old = std::mem::replace(&mut table[sig as usize], h);
    Ok(old)
}

fn handler_type_error() -> PyErr {
    type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
}

/// `getsignal(signalnum)`.
fn getsignal(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getsignal", 1, 1)?;
    let sig = signum(args.at(0))?;
    Ok(handler_of(sig))
}

/// `default_int_handler(signalnum, frame)`: raise `KeyboardInterrupt`.
fn default_int_handler(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("default_int_handler", 2, 2)?;
    Err(PyErr::new(&types().exc.keyboard_interrupt, vec![]).into())
}

/// After a signal sent to this process: run its handler now if it may run here (as
/// CPython's `PyErr_CheckSignals` after `raise`/`kill`).
fn sent(cx: &mut Cx, r: std::io::Result<()>) -> PyResult<Value> {
    r.map_err(|e| os_error(&e))?;
    run_pending(cx)?;
    Ok(Value::None)
}

/// `raise_signal(signalnum)`.
fn raise_signal(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("raise_signal", 1, 1)?;
    let n = arg_int(args.at(0), "")?;
    let r = match i32::try_from(n) {
        Ok(sig) if sig >= 0 && sig < NSIG as i32 => {
            sigsys::pthread_kill(sigsys::pthread_self(), sig)
        }
        _ => Err(std::io::Error::from_raw_os_error(22)),
    };
    sent(cx, r)
}

/// `os.kill(pid, signal)` (the `os` module's, here beside the rest of signals).
pub fn kill(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(type_error(format!(
            "kill() takes exactly 2 arguments ({} given)",
            args.len()
        ))
        .into());
    }
    let pid = arg_int(args.at(0), "")?;
    let sig = arg_int(args.at(1), "")?;
    let (Ok(pid), Ok(sig)) = (i32::try_from(pid), i32::try_from(sig)) else {
        return Err(overflow_error("signed integer is greater than maximum").into());
    };
    // To this process: the calling thread takes it (one the kernel may pick too),
    // so its handler runs before `kill` returns, as in single-threaded CPython —
    // unless this thread blocks it (then any other thread may have it).
    let own = pid as u32 == std::process::id() && sig > 0 && sig < NSIG as i32;
    let blocked =
        || sigsys::pthread_sigmask(sigsys::SIG_BLOCK, &[]).map_or(true, |m| m.contains(&sig));
    let r = if own && !blocked() {
        sigsys::pthread_kill(sigsys::pthread_self(), sig)
    } else {
        sigsys::kill(pid, sig)
    };
    sent(cx, r)
}

/// `pthread_kill(thread_id, signalnum)`: `thread_id` is a `threading.get_ident()`.
fn pthread_kill(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("pthread_kill", 2, 2)?;
    let ident = arg_int(args.at(0), "")?;
    let sig = arg_int(args.at(1), "")?;
    let Ok(sig) = i32::try_from(sig) else {
        return Err(overflow_error("signal number is greater than maximum").into());
    };
    let r = match driver::pthread_of(ident as u64) {
        Some(t) => sigsys::pthread_kill(t, sig),
        None => Err(std::io::Error::from_raw_os_error(3)), // ESRCH
    };
    sent(cx, r)
}

/// `strsignal(signalnum)`.
fn strsignal(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("strsignal", 1, 1)?;
    let sig = signum(args.at(0))?;
    Ok(sigsys::strsignal(sig).map_or(Value::None, Value::string))
}

fn int_set(sigs: Vec<i32>) -> PyResult<Value> {
    let mut s = crate::objects::set::Set::new();
    for sig in sigs {
        s.insert(Value::Int(sig as i64))?;
    }
    Ok(Value::set(s))
}

/// `valid_signals()`.
fn valid_signals(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("valid_signals", 0, 0)?;
    int_set(sigsys::valid_signals().map_err(|e| os_error(&e))?)
}

/// `sigpending()`.
fn sigpending(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sigpending", 0, 0)?;
    int_set(sigsys::sigpending().map_err(|e| os_error(&e))?)
}

/// `alarm(seconds)`: the seconds left of the previous alarm.
fn alarm(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("alarm", 1, 1)?;
    let secs = arg_int(args.at(0), "")?;
    Ok(Value::Int(sigsys::alarm(secs as u32) as i64))
}

/// `pause()`: wait until a signal's handler has run (it runs here).
fn pause(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("pause", 0, 0)?;
    if !cx.may_wait() {
        return Err(runtime_error("pause() needs a running reactor").into());
    }
    pause_wait(cx)
}

/// Wait for a signal; a wake-up for one whose handler already ran (the notifier
/// keeps what arrived while nobody waited) waits again.
fn pause_wait(cx: &mut Cx) -> PyResult<Value> {
    cx.wait(
        "pause",
        driver::wait_for_signals(&hooked()).then(|cx, r| {
            r?;
            if run_tripped(cx)? {
                return Ok(Value::None);
            }
            pause_wait(cx)
        }),
    )
}

/// A number of seconds (`setitimer`).
fn seconds(v: &Value) -> Result<f64, PyErr> {
    match v {
        Value::Float(f) => Ok(f.get()),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        v if crate::objects::int::is_int(v) => Ok(arg_int(v, "")? as f64),
        v => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))),
    }
}

fn timer_tuple((value, interval): (Duration, Duration)) -> Value {
    Value::tuple(vec![
        Value::float(value.as_secs_f64()),
        Value::float(interval.as_secs_f64()),
    ])
}

fn itimer_err(e: &std::io::Error) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(22);
    PyErr::new(
        itimer_error(),
        vec![
            Value::Int(errno as i64),
            Value::string(crate::objects::os_error::strerror(errno)),
        ],
    )
}

fn duration_arg(s: f64) -> Result<Duration, PyErr> {
    if !s.is_finite() || s < 0.0 {
        return Err(itimer_err(&std::io::Error::from_raw_os_error(22)));
    }
    Duration::try_from_secs_f64(s)
        .map_err(|_| overflow_error("timestamp too large to convert to C _PyTime_t"))
}

/// `setitimer(which, seconds, interval=0.0)`: the previous `(delay, interval)`.
fn setitimer(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("setitimer", 2, 3)?;
    let which = arg_int(args.at(0), "")? as i32;
    let value = duration_arg(seconds(args.at(1))?)?;
    let interval = match args.get(2) {
        Some(v) => duration_arg(seconds(v)?)?,
        None => Duration::ZERO,
    };
    let old = sigsys::setitimer(which, value, interval).map_err(|e| itimer_err(&e))?;
    Ok(timer_tuple(old))
}

/// `getitimer(which)`.
fn getitimer(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getitimer", 1, 1)?;
    let which = arg_int(args.at(0), "")? as i32;
    let cur = sigsys::getitimer(which).map_err(|e| itimer_err(&e))?;
    Ok(timer_tuple(cur))
}

/// `pthread_sigmask(how, mask)`: the previous mask, a set.
fn pthread_sigmask(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("pthread_sigmask", 2, 2)?;
    let how = arg_int(args.at(0), "")? as i32;
    let mut sigs = Vec::new();
    for v in cx.collect(args.at(1))? {
        let n = arg_int(&v, "")?;
        if n < 1 || n >= NSIG as i64 {
            return Err(
                value_error(format!("signal number {n} out of range [1; {}]", NSIG - 1)).into(),
            );
        }
        sigs.push(n as i32);
    }
    let old = sigsys::pthread_sigmask(how, &sigs).map_err(|e| os_error(&e))?;
    // Unblocked signals may have arrived meanwhile: their handlers run now.
    run_pending(cx)?;
    int_set(old)
}

/// `siginterrupt(signalnum, flag)`.
fn siginterrupt(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("siginterrupt", 2, 2)?;
    let sig = signum(args.at(0))?;
    let flag = crate::objects::value::truthy(cx.gil, args.at(1));
    sigsys::siginterrupt(sig, flag).map_err(|e| os_error(&e))?;
    Ok(Value::None)
}

/// `set_wakeup_fd(fd, *, warn_on_full_buffer=True)`: the previous descriptor.
fn set_wakeup_fd(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let _ = args.take_kw("warn_on_full_buffer");
    args.check("set_wakeup_fd", 1, 1)?;
    let fd = arg_int(args.at(0), "")?;
    main_thread_only("set_wakeup_fd")?;
    if fd != -1 {
        let Ok(fd32) = i32::try_from(fd) else {
            return Err(os_error(&std::io::Error::from_raw_os_error(9)).into());
        };
        // Only a descriptor that exists (CPython checks it with fstat).
        if sigsys::fd_is_open(fd32).is_err() {
            return Err(os_error(&std::io::Error::from_raw_os_error(9)).into());
        }
    }
    Ok(Value::Int(sigsys::set_wakeup_fd(fd as i32) as i64))
}
