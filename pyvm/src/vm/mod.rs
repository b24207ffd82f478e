//! The virtual machine: frames, the dispatch loop, calls, operators and unwinding.
//!
//! Where state lives:
//! - per process: built-in types (`objects::types`), the builtins and `sys` modules
//!   (`modules`), the GIL (`objects::gil`), the interrupt flag (here);
//! - per OS thread: the GIL token in use and the repr guard (thread-locals);
//! - per micro-thread: `MicroThread` (frames, value stack, handler blocks, the handled
//!   exception).

pub(crate) mod asyncgen;
pub mod attr;
pub mod call;
pub mod class;
pub mod detached;
pub mod dictprobe;
pub mod dunder;
pub(crate) mod eval;
pub mod finalize;
pub mod frame;
pub(crate) mod generator;
pub mod globals;
pub(crate) mod import;
pub mod iterate;
pub mod matching;
pub mod ops;
pub(crate) mod ret;
pub mod state;
pub mod subscript;
pub(crate) mod suggest;
pub mod unwind;

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use crate::compile::code::Code;
use crate::objects::dict::Dict;
use crate::objects::exception::PyErr;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::types::types;
use crate::objects::value::Value;
use frame::Frame;
use state::MicroThread;

/// How a run of the dispatch loop ended.
///
/// A generator's yield ends a run only when the run was started for that generator
/// (a native stepping it); its follow-up (`vm::generator`) hands the value over as
/// `Returned`.
pub enum Outcome {
    /// The frame the run started for returned this value.
    Returned(Value),
    /// An exception left that frame.
    Raised(PyErr),
    /// A native deferred: the frames stay on the micro-thread, each `ip` just past its
    /// pending call, ready to be resumed with the awaited value (micro_thread issue).
    Deferred,
}

/// Set by the OS handler of every signal with a Python-level handler (`_signal`);
/// checked at backward jumps and calls, where the handlers run.
static INTERRUPTED: OnceLock<std::sync::Arc<AtomicBool>> = OnceLock::new();

/// The flag the OS handlers of signals set so their Python handlers run (`_signal`).
pub fn interrupt_flag() -> std::sync::Arc<AtomicBool> {
    INTERRUPTED
        .get_or_init(|| std::sync::Arc::new(AtomicBool::new(false)))
        .clone()
}

/// Set by the micro_thread watchdog: the running micro-thread has run too long
/// without deferring.
pub(crate) static WATCHDOG: AtomicBool = AtomicBool::new(false);

/// Set when the running micro-thread should let the driver run: a signal the driver
/// delivers came (SIGTERM, SIGUSR1, SIGINT for another micro-thread), or its time
/// slice is over (preemption, `micro_thread.set_preemption`).
static YIELD: OnceLock<std::sync::Arc<AtomicBool>> = OnceLock::new();

/// The flag that asks the running micro-thread to yield to the driver.
pub fn yield_flag() -> std::sync::Arc<AtomicBool> {
    YIELD
        .get_or_init(|| std::sync::Arc::new(AtomicBool::new(false)))
        .clone()
}

#[inline]
pub(crate) fn attention() -> bool {
    INTERRUPTED.get().is_some_and(|f| f.load(Ordering::Relaxed))
        || WATCHDOG.load(Ordering::Relaxed)
        || YIELD.get().is_some_and(|f| f.load(Ordering::Relaxed))
        || crate::objects::gil::drop_requested()
}

/// What the running code does about what needed its attention.
pub(crate) enum Attend {
    /// Go on.
    Continue,
    /// Raise this (a Ctrl-C's `KeyboardInterrupt`).
    Raise(PyErr),
    /// Let the driver run (a signal to deliver, a time slice over): only at a
    /// backward jump of a loop run by the driver itself (no native under it).
    Yield,
}

/// Something needs the running code's attention: another OS thread waiting for the
/// GIL (handed over here), the watchdog's warning (printed here, with the
/// micro-thread's stack, and the code goes on), a Ctrl-C (the `KeyboardInterrupt`
/// to raise in the main micro-thread; another one yields so the driver raises it
/// there), or a request to yield. `can_yield`: the code may be switched out here.
pub(crate) fn attend(gil: Gil<'_>, th: &mut MicroThread, can_yield: bool) -> Attend {
    // Another OS thread has waited a switch interval for the GIL: let it run. Not
    // from a detached call: the native that made it may hold a container borrowed
    // (a set probing with a Python `__hash__`/`__eq__`), which the other thread
    // would find borrowed ("GilCell already borrowed"). The request stays pending
    // and is granted at the caller's next safe point.
    if !th.detached {
        crate::objects::gil::yield_if_requested(gil);
    }
    if WATCHDOG.swap(false, Ordering::Relaxed) {
        crate::mt::watchdog::warn(th);
    }
    let can_yield = can_yield && th.reactive && !th.detached && crate::mt::may_preempt();
    let signalled = INTERRUPTED.get().is_some_and(|f| f.load(Ordering::Relaxed));
    if signalled {
        if !th.detached && crate::mt::runs_signal_handlers() {
            // Signal handlers run here, as nested calls (`modules::signal`).
            let mut cx = crate::native::Cx { gil, th };
            if let Err(e) = crate::modules::signal::run_pending(&mut cx) {
                return Attend::Raise(e);
            }
        } else if can_yield {
            // Let the driver have the main micro-thread run them.
            return Attend::Yield;
        }
    }
    let asked = YIELD.get().is_some_and(|f| f.load(Ordering::Relaxed));
    if asked && can_yield {
        if let Some(f) = YIELD.get() {
            f.store(false, Ordering::Relaxed);
        }
        return Attend::Yield;
    }
    Attend::Continue
}

/// The `KeyboardInterrupt` a Ctrl-C asks for, if one came and SIGINT has its default
/// handler (a blocking wait outside a micro-thread, cut short by a signal, checks
/// this).
pub(crate) fn pending_interrupt() -> Option<PyErr> {
    crate::modules::signal::take_keyboard_interrupt()
}

/// The builtins namespace (per process).
pub(crate) fn builtins_dict() -> &'static Arc<GilCell<Dict>> {
    &crate::modules::builtins_module().dict
}

/// Push the frame of a module's code object in `globals` on `th`, to run later.
pub fn push_code(th: &mut MicroThread, code: Arc<Code>, globals: Arc<GilCell<Dict>>) {
    push_module_frame(th, code, globals, None, frame::Ret::Push);
}

/// Push a frame for module-level code (a module body, `exec` code): its locals
/// window, `locals` as the namespace `LOAD_NAME`/`STORE_NAME` use before the globals,
/// and what its caller does with its result.
pub(crate) fn push_module_frame(
    th: &mut MicroThread,
    code: Arc<Code>,
    globals: Arc<GilCell<Dict>>,
    locals: Option<Arc<GilCell<Dict>>>,
    ret: frame::Ret,
) {
    let base = th.stack.len();
    th.stack
        .extend(std::iter::repeat_n(Value::Null, code.nlocals()));
    frame::push_frame(
        &mut th.frames,
        Frame {
            code,
            ip: 0,
            base,
            block_base: th.blocks.len(),
            cells: Vec::new(),
            globals,
            floor: base,
            ret,
            locals,
        },
    );
}

/// Run a module's code object in `globals` on `th` until it finishes.
pub fn run_code(
    gil: Gil<'_>,
    th: &mut MicroThread,
    code: Arc<Code>,
    globals: Arc<GilCell<Dict>>,
) -> Outcome {
    push_code(th, code, globals);
    let stop = th.frames.len() - 1;
    eval::run(th, gil, stop)
}

/// Resume a micro-thread whose run ended in `Outcome::Deferred` (or start it, the first
/// time): `input` is the result of the call it was suspended in — pushed as that call's
/// value, or raised there. A `for` loop suspended in its iterator's `next` ends when
/// the input is `StopIteration` (a closed micro_pipe), as it would have without the
/// deferral.
pub fn resume(gil: Gil<'_>, th: &mut MicroThread, input: Result<Value, PyErr>) -> Outcome {
    if !th.started {
        th.started = true;
        if th.frames.is_empty() {
            return Outcome::Returned(Value::None);
        }
        // Ended before it ever ran (`MicroThreadExit` when the program ends): no
        // frame of it runs.
        if let Err(e) = input {
            return Outcome::Raised(e);
        }
        return eval::run(th, gil, 0);
    }
    if std::mem::take(&mut th.preempted) {
        // Switched out at a backward jump: nothing to deliver, unless an exception.
        return match input {
            Ok(_) => eval::run(th, gil, 0),
            Err(e) => eval::run_from(th, gil, 0, Some((e, unwind::Raise::Fresh))),
        };
    }
    resume_at(gil, th, 0, input)
}

/// [`resume`] for the frames from index `stop` up (a nested loop suspended under a
/// native): the run ends when the frame at `stop` returns or raises.
pub(crate) fn resume_at(
    gil: Gil<'_>,
    th: &mut MicroThread,
    stop: usize,
    input: Result<Value, PyErr>,
) -> Outcome {
    match input {
        Ok(v) => {
            th.stack.push(v);
            eval::run(th, gil, stop)
        }
        Err(e) => {
            if e.is_instance(&types().exc.stop_iteration) {
                if let Some(f) = th.frames.last_mut() {
                    let at = f.ip.checked_sub(1).map(|i| f.code.instrs[i]);
                    if let Some(ins) = at.filter(|i| i.op == crate::compile::opcodes::Op::FOR_ITER)
                    {
                        // The loop is over: drop the iterator and leave it.
                        f.ip = ins.arg as usize;
                        th.stack.pop();
                        return eval::run(th, gil, stop);
                    }
                }
            }
            eval::run_from(th, gil, stop, Some((e, unwind::Raise::Fresh)))
        }
    }
}

/// `exec(code, globals, locals)` / `eval(...)` from a native: run `code` in a frame of
/// its own (module code: `LOAD_NAME` / `STORE_NAME` use `locals` when given, else
/// the globals) in a bounded nested loop, as a native's call into Python runs
/// (`call::call_value`). The value is what the code returns (an expression's value
/// for `eval` code, `None` for statements).
pub fn run_nested(
    gil: Gil<'_>,
    th: &mut MicroThread,
    code: Arc<Code>,
    globals: Arc<GilCell<Dict>>,
    locals: Option<Arc<GilCell<Dict>>>,
) -> crate::native::PyResult<Value> {
    use deferred::Unwind;
    if th.reentry >= state::MAX_REENTRY || th.frames.len() >= th.recursion_limit {
        return Err(Unwind::Raise(crate::objects::exception::recursion_error(
            "maximum recursion depth exceeded",
        )));
    }
    push_module_frame(th, code, globals, locals, frame::Ret::Push);
    th.reentry += 1;
    let stop = th.frames.len() - 1;
    let out = call::nested_run(gil, th, stop, None);
    th.reentry -= 1;
    match out {
        Outcome::Returned(v) => Ok(v),
        Outcome::Raised(e) => Err(Unwind::Raise(e)),
        Outcome::Deferred => Err(Unwind::Deferred),
    }
}

/// Give the compiler the operations its constant folder evaluates with
/// (`compile::fold`): the built-in types' own, so a folded constant is exactly what
/// the operation gives at run time. Called by every entry point before it compiles.
pub fn init_compiler() {
    use crate::objects::gil::with_gil;
    crate::compile::fold::install(crate::compile::fold::Ops {
        binary: |arg, a, b| with_gil(|gil| ops::builtin_binary_op(gil, arg, a, b).ok()),
        unary: |op, a| {
            with_gil(|gil| match op {
                "not" => Some(Value::bool(!crate::objects::value::truthy(gil, a))),
                _ => ops::unary(gil, op, a).ok(),
            })
        },
        subscript: |obj, key| with_gil(|gil| subscript::getitem(gil, obj, key).ok()),
    });
}
