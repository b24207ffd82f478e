//! Running generators on a micro-thread without nesting the dispatch loop.
//!
//! Resuming a generator moves its saved window (locals, operands, handler blocks) back
//! on top of the micro-thread's value stack and pushes its frame with a follow-up,
//! `Ret::Gen`, and the generator records what the resumer wants:
//!
//! | resumer (`How`)                  | on yield               | on return `v`               |
//! |----------------------------------|------------------------|-----------------------------|
//! | `FOR_ITER` (`For`)               | push the item          | pop the generator, jump out |
//! | `next`/`send`/`throw` (`Call`)   | push the item          | raise `StopIteration(v)`    |
//! | `next(g, d)` (`NextDefault`)     | push the item          | push `d`                    |
//! | `close()` (`Close`)              | raise `RuntimeError`   | push `None`                 |
//! | `SEND` of `yield from` (`YieldFrom`) | the delegator yields it | replace the sub-generator by `v`, jump out |
//! | a native's nested loop (`Step`)  | the run ends with it   | the run ends, finished      |
//!
//! `YIELD_VALUE` moves the window back into the generator object (`suspend`), so a
//! paused generator owns everything it needs on the heap. The resumer (`How`) and its
//! handled exception are kept in the generator while it runs (one resumer at a time),
//! so the follow-up is just `Ret::Gen(generator)`. An exception leaving the
//! frame finishes the generator; a `StopIteration` becomes `RuntimeError: generator
//! raised StopIteration` (PEP 479).
//!
//! `throw()` and `close()` on a generator paused in a `yield from` of another
//! generator push the whole chain (each sub-generator with `YieldFrom`) and raise in
//! the innermost one, as CPython's `gen_throw` forwards them; the exception then
//! travels outwards through the ordinary unwinding. While closing, a sub-generator's
//! return raises `GeneratorExit` in its delegator, and its yield a `RuntimeError`. A
//! sub-iterator that is not a generator gets the exception thrown at the delegator's
//! `yield from` (built-in iterators have no `throw`/`close`).
//!
//! A generator has its own handled exception (CPython's `gi_exc_state`): it is
//! `MicroThread::handled` while the generator runs, saved with it when it yields, and
//! the resumer's is restored when it yields, returns or raises. Implicit chaining and
//! a bare `raise` look past an empty one to the resumers' ([`topmost_handled`]), as
//! CPython's `_PyErr_GetTopmostException` walks its chain.

use crate::objects::rc::Arc;

use deferred::Unwind;

use super::frame::{Block, Frame, Ret};
use super::ret::After;
use super::state::{MicroThread, MAX_REENTRY};
use super::unwind::Raise;
use super::Outcome;
use crate::compile::opcodes::Op;
use crate::native::{Args, Cx, PyResult};
use crate::objects::exception::*;
use crate::objects::frame::PausedFrame;
use crate::objects::generator::{GenKind, GenRef, GenState, Generator, How, OpState};
use crate::objects::gil::Gil;
use crate::objects::types::{type_name, types};
use crate::objects::value::Value;

/// What to do with a generator.
pub enum Action {
    Send(Value),
    Throw(PyErr),
    Close,
}

/// What resuming left for the loop.
pub enum Resumed {
    /// Frames were pushed, or the caller's `ip` moved: continue in the top frame.
    Frame,
    /// Nothing was pushed: this is the result of the caller's instruction.
    Value(Value),
    /// Raise this in the top frame (its traceback starts there; no implicit chaining,
    /// which was done already).
    Raise(PyErr),
}

/// `RETURN_GENERATOR`: the popped frame `f` (arguments bound, nothing run) becomes a
/// generator; returns it with the follow-up `f` had for its caller.
pub(crate) fn create(th: &mut MicroThread, f: Frame) -> (Value, Ret) {
    let Frame {
        code,
        ip,
        base,
        block_base,
        cells,
        globals,
        floor,
        ret,
        locals,
    } = f;
    let stack = th.stack.split_off(base);
    th.stack.truncate(floor);
    th.blocks.truncate(block_base);
    let gen = Generator {
        kind: GenKind::of_code(&code),
        code: code.clone(),
        state: GenState::Created,
        frame: Some(PausedFrame {
            code,
            ip,
            cells,
            globals,
            locals,
        }),
        stack,
        blocks: Vec::new(),
        handled: Value::Null,
        how: How::Call,
        outer: Value::Null,
        running_async: false,
        finalizer: Value::Null,
        hooks_inited: false,
        finalized: false,
        gc: Default::default(),
    };
    (Value::Generator(crate::objects::gc::generator(gen)), ret)
}

/// Move a paused generator's frame and window onto the micro-thread (it is
/// `Created` or `Suspended`); returns the exception it was handling (`Null`: none).
/// `how` makes the resumer's record: inline, a constant one is written straight into
/// the generator (a `How` passed by value is built on the Rust stack and copied with
/// wider loads than its stores, a store-forwarding stall per resumption).
#[inline(always)]
fn push(gil: Gil<'_>, th: &mut MicroThread, gen: &GenRef, how: impl FnOnce() -> How) -> Value {
    let base = th.stack.len();
    let block_base = th.blocks.len();
    let mut g = gen.borrow_mut(gil);
    let Some(frame) = g.frame.take() else {
        unreachable!("a paused generator has its frame")
    };
    // `append` moves the values in one copy and keeps the generator's buffer.
    th.stack.append(&mut g.stack);
    if !g.blocks.is_empty() {
        th.blocks.extend(g.blocks.drain(..).map(|b| Block {
            handler: b.handler,
            depth: b.depth + base,
        }));
    }
    let handled = std::mem::replace(&mut g.handled, Value::Null);
    g.state = GenState::Running;
    g.how = how();
    // No exception being handled is the common case: `Null` written in place, where a
    // clone comes back through memory and stalls the copy (see `eval::push`; one
    // `replace` per arm, or both would go through one temporary).
    let outer = if handled.is_null() {
        std::mem::replace(&mut th.handled, Value::Null)
    } else {
        let inner = handled.clone();
        std::mem::replace(&mut th.handled, inner)
    };
    // (The `Null` replaced is released without a call to the drop glue.)
    Value::release(std::mem::replace(&mut g.outer, outer));
    drop(g);
    super::frame::push_frame(
        &mut th.frames,
        Frame {
            code: frame.code,
            ip: frame.ip,
            base,
            block_base,
            cells: frame.cells,
            globals: frame.globals,
            floor: base,
            ret: Ret::Gen(gen.clone()),
            locals: frame.locals,
        },
    );
    handled
}

/// The exception being handled, as `raise` and implicit chaining see it: the running
/// code's own, else that of the nearest resumer handling one (each running
/// generator's frame knows its resumer's).
pub(crate) fn topmost_handled(gil: Gil<'_>, th: &MicroThread) -> Value {
    if !th.handled.is_null() {
        return th.handled.clone();
    }
    for f in th.frames.iter().rev() {
        if let Ret::Gen(g) = &f.ret {
            let outer = &g.borrow(gil).outer;
            if !outer.is_null() {
                return outer.clone();
            }
        }
    }
    Value::Null
}

/// The generator is done: drop what it kept; returns its resumer and the resumer's
/// handled exception.
fn finish(gil: Gil<'_>, gen: &GenRef) -> (How, Value) {
    let mut g = gen.borrow_mut(gil);
    g.state = GenState::Finished;
    g.running_async = false;
    g.frame = None;
    g.stack = Vec::new();
    g.blocks = Vec::new();
    g.handled = Value::Null;
    let how = std::mem::replace(&mut g.how, How::Call);
    let outer = std::mem::replace(&mut g.outer, Value::Null);
    (how, outer)
}

/// Finish a generator that never ran (closing an async generator before it started).
pub(crate) fn finish_unstarted(gil: Gil<'_>, gen: &GenRef) {
    finish(gil, gen);
}

/// Move `from[base..]` to the end of `to` (a yielding frame's window into its
/// generator). An inline loop, not `to.extend(from.drain(base..))`: the `Drain` is
/// built on the Rust stack and read back by the out-of-line `extend` with wider
/// loads than its stores, a store-forwarding stall at every yield (a sixth of a
/// generator loop's samples).
#[inline(always)]
fn move_window(from: &mut Vec<Value>, base: usize, to: &mut Vec<Value>) {
    to.reserve(from.len() - base);
    for v in &mut from[base..] {
        to.push(std::mem::replace(v, Value::Null));
    }
    // Only `Null`s are left past `base`: released without their drop glue.
    while from.len() > base {
        if let Some(v) = from.pop() {
            Value::release(v);
        }
    }
}

/// Resume `gen` for the loop (or for [`run_nested`]).
pub(crate) fn resume(
    gil: Gil<'_>,
    th: &mut MicroThread,
    gen: &GenRef,
    action: Action,
    how: How,
) -> Result<Resumed, PyErr> {
    let (state, kind) = {
        let g = gen.borrow(gil);
        (g.state, g.kind)
    };
    match state {
        GenState::Running => return Err(value_error(format!("{} already executing", kind.name()))),
        GenState::Finished if kind == GenKind::Coroutine && !matches!(action, Action::Close) => {
            return Err(runtime_error("cannot reuse already awaited coroutine"));
        }
        GenState::Finished => {
            return match action {
                // Thrown into a finished generator: raised as it is, in the caller.
                Action::Throw(e) => Ok(Resumed::Raise(e)),
                Action::Close => Ok(Resumed::Value(Value::None)),
                Action::Send(_) => Ok(resumed(after_return(gil, th, how, Value::None)?)),
            };
        }
        GenState::Created => match &action {
            Action::Send(v) if !matches!(v, Value::None) => {
                return Err(type_error(format!(
                    "can't send non-None value to a just-started {}",
                    kind.name()
                )));
            }
            // Closing a generator that never ran has nothing to run.
            Action::Close => {
                finish(gil, gen);
                return Ok(Resumed::Value(Value::None));
            }
            _ => {}
        },
        GenState::Suspended => {}
    }
    if th.frames.len() >= th.recursion_limit {
        return Err(recursion_error("maximum recursion depth exceeded"));
    }
    let handled = push(gil, th, gen, move || how);
    Ok(match action {
        Action::Send(v) => {
            th.stack.push(v);
            Resumed::Frame
        }
        // `GeneratorExit` thrown in closes the `yield from` chain as `close()` does
        // (CPython's `gen_throw` closes the sub-iterator, then raises it here).
        Action::Throw(e) => {
            let closing = e.is_instance(&types().exc.generator_exit);
            match throw_down(gil, th, e, closing, handled) {
                Some(e) => Resumed::Raise(e),
                // A sub-iterator's `throw()` answered: the top frame goes on.
                None => Resumed::Frame,
            }
        }
        Action::Close => {
            let exit = PyErr::new(&types().exc.generator_exit, vec![]);
            match throw_down(gil, th, exit, true, handled) {
                Some(e) => Resumed::Raise(e),
                None => Resumed::Frame,
            }
        }
    })
}

fn resumed(a: After) -> Resumed {
    match a {
        After::Value(v) => Resumed::Value(v),
        After::Frame | After::Nothing => Resumed::Frame,
    }
}

/// The top frame (a generator just pushed) receives `err`: while it is paused in a
/// `yield from` of a paused generator, push that one too and go down. Returns the
/// exception to raise in the innermost frame pushed, chained to the exception that
/// generator was handling (`handled` for the first one); `None` when a sub-iterator's
/// own `throw()` method took it (CPython's `_gen_throw`) and the innermost frame goes
/// on: yielding what it returned, or past its `yield from` with the value of the
/// `StopIteration` it raised.
fn throw_down(
    gil: Gil<'_>,
    th: &mut MicroThread,
    mut err: PyErr,
    closing: bool,
    mut handled: Value,
) -> Option<PyErr> {
    let raw = th.rare.as_mut().and_then(|r| r.throw_args.take());
    while let Some(f) = th.frames.last_mut() {
        let at_yield_from = f.ip > 0
            && f.code
                .instrs
                .get(f.ip - 1)
                .is_some_and(|i| i.op == Op::YIELD_VALUE && i.arg == 1);
        if !at_yield_from {
            break;
        }
        let (sub, how) = match th.stack.last() {
            Some(Value::Generator(sub)) => (sub.clone(), How::YieldFrom { closing }),
            Some(other) => match super::asyncgen::throw_target(other, closing) {
                Some(t) => t,
                None => {
                    if let (false, Some(raw)) = (closing, &raw) {
                        let sub = other.clone();
                        match delegate_throw(gil, th, &sub, raw.clone()) {
                            Some(Ok(())) => return None,
                            Some(Err(e)) => err = e,
                            None => {}
                        }
                        break;
                    }
                    // Closing: a sub-iterator's own `close()` runs first (CPython's
                    // `_gen_close_iter`); what it raises replaces `GeneratorExit`.
                    if closing && crate::objects::class::is_user(other) {
                        let sub = other.clone();
                        let mut cx = crate::native::Cx { gil, th };
                        if let Ok(close) = cx.getattr(&sub, "close") {
                            if let Err(Unwind::Raise(e)) = cx.call(&close, Vec::new()) {
                                err = e;
                            }
                        }
                    }
                    break;
                }
            },
            None => break,
        };
        let state = sub.borrow(gil).state;
        match state {
            GenState::Suspended => {
                // Back at the YIELD_VALUE: what the sub-generator yields is yielded
                // again, and its return jumps past the SEND (at `ip - 1`).
                f.ip -= 1;
                if let How::AsyncOp { op, .. } = &how {
                    *op.borrow_mut(gil) = OpState::Iter;
                }
                handled = push(gil, th, &sub, move || how);
            }
            GenState::Running => {
                let kind = sub.borrow(gil).kind;
                err = value_error(format!("{} already executing", kind.name()));
                handled = Value::Null;
                break;
            }
            GenState::Created | GenState::Finished => break,
        }
    }
    if let Value::Exception(h) = &handled {
        let mut st = err.0.state.borrow_mut(gil);
        if st.context.is_none() && !Arc::ptr_eq(h, &err.0) {
            st.context = Some(handled.clone());
        }
    }
    Some(err)
}

/// `sub.throw(*raw)` for the top frame paused in `yield from sub` (a sub-iterator
/// that is not a generator): `None` when `sub` has no `throw`; `Some(Ok(()))` when
/// the frame goes on (it yields what `throw()` returned, or leaves its `yield from`
/// with the value of the `StopIteration` raised); `Some(Err(e))`: raise `e` there.
fn delegate_throw(
    gil: Gil<'_>,
    th: &mut MicroThread,
    sub: &Value,
    raw: Vec<Value>,
) -> Option<Result<(), PyErr>> {
    let depth = th.frames.len();
    let mut cx = crate::native::Cx { gil, th };
    let method = cx.getattr(sub, "throw").ok()?;
    let r = match cx.call(&method, raw) {
        // A wait inside suspends the micro-thread here, as `send_other` does.
        Err(Unwind::Deferred) => super::call::settle(gil, th, depth, Err(Unwind::Deferred)),
        r => r,
    };
    match r {
        Ok(v) => {
            // Back at the `YIELD_VALUE` (`ip - 1`) with `v` to yield.
            th.frames.last_mut()?.ip -= 1;
            th.stack.push(v);
            Some(Ok(()))
        }
        Err(Unwind::Raise(e)) if e.is_instance(&types().exc.stop_iteration) => {
            let value = match super::ops::getattr(gil, &e.value(), "value") {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            // The `SEND` is at `ip - 2`: the sub-iterator is replaced by the value
            // and the frame jumps past the loop, as `send_op` does when it is done.
            th.frames.last_mut()?.ip -= 1;
            th.stack.pop();
            th.stack.push(value);
            jump_past(th);
            Some(Ok(()))
        }
        Err(Unwind::Raise(e)) => Some(Err(e)),
        Err(_) => Some(Err(runtime_error(
            "a sub-iterator's throw() could not be completed",
        ))),
    }
}

/// Does `gen.throw()` go down `g`'s `yield from` chain to a sub-iterator that is
/// not a generator and has a `throw` method (which then gets the arguments as
/// given, not checked)?
fn delegates_throw(gil: Gil<'_>, g: &GenRef) -> bool {
    let mut cur = g.clone();
    loop {
        let next = {
            let b = cur.borrow(gil);
            if b.state != GenState::Suspended {
                return false;
            }
            let at_yield_from = b.frame.as_ref().is_some_and(|f| {
                f.ip > 0
                    && f.code
                        .instrs
                        .get(f.ip - 1)
                        .is_some_and(|i| i.op == Op::YIELD_VALUE && i.arg == 1)
            });
            if !at_yield_from {
                return false;
            }
            match b.stack.last() {
                Some(Value::Generator(sub)) => sub.clone(),
                Some(sub) if super::asyncgen::throw_target(sub, false).is_some() => return false,
                Some(sub) => return super::ops::getattr(gil, sub, "throw").is_ok(),
                None => return false,
            }
        };
        cur = next;
    }
}

/// `gen.throw(*args)`'s action: the exception the arguments describe; when the
/// throw goes down to a sub-iterator's own `throw()`, the arguments are kept for it
/// (and not checked: CPython hands them over as they are).
fn throw_action(cx: &mut Cx, g: &GenRef, all: &Args) -> PyResult<Action> {
    let n = all.len().saturating_sub(1);
    let delegated = all.kw.is_empty() && (1..=3).contains(&n) && delegates_throw(cx.gil, g);
    let err = match throw_arg(cx, all) {
        Ok(e) => e,
        Err(Unwind::Raise(e)) if delegated => e,
        Err(e) => return Err(e),
    };
    if delegated {
        cx.th.rare_mut().throw_args = Some(all.pos[1..].to_vec());
    }
    Ok(Action::Throw(err))
}

/// `YIELD_VALUE` in the popped frame `f`, to resume at `ip`: save it into its
/// generator and hand `v` to the resumer.
pub(crate) fn suspend(
    gil: Gil<'_>,
    th: &mut MicroThread,
    f: Frame,
    ip: usize,
    v: Value,
    wrapped: bool,
) -> Result<After, PyErr> {
    // Taken apart whole, so nothing of it is left to the drop glue.
    let Frame {
        code,
        base,
        block_base,
        cells,
        globals,
        floor,
        ret,
        locals,
        ..
    } = f;
    let Ret::Gen(gen) = ret else {
        th.stack.truncate(floor);
        th.blocks.truncate(block_base);
        return Err(system_error("YIELD_VALUE outside a generator"));
    };
    let mut g = gen.borrow_mut(gil);
    move_window(&mut th.stack, base, &mut g.stack);
    if th.blocks.len() > block_base {
        g.blocks
            .extend(th.blocks.drain(block_base..).map(|b| Block {
                handler: b.handler,
                depth: b.depth - base,
            }));
    }
    let outer = std::mem::replace(&mut g.outer, Value::Null);
    Value::release(std::mem::replace(
        &mut g.handled,
        std::mem::replace(&mut th.handled, outer),
    ));
    let paused = PausedFrame {
        code,
        ip,
        cells,
        globals,
        locals,
    };
    // Suspended from running: there is no paused frame to drop.
    if let Some(old) = g.frame.replace(paused) {
        drop(old);
    }
    g.state = GenState::Suspended;
    let kind = g.kind;
    let how = std::mem::replace(&mut g.how, How::Call);
    if wrapped && matches!(how, How::AsyncOp { .. }) {
        g.running_async = false;
    }
    drop(g);
    match how {
        How::Close | How::YieldFrom { closing: true } => Err(runtime_error(format!(
            "{} ignored GeneratorExit",
            kind.name()
        ))),
        // An async generator's own `yield` ends the awaitable that ran it; what an
        // `await` inside it yields goes on out to the event loop.
        How::AsyncOp {
            direct,
            closing,
            op,
        } if wrapped => {
            *op.borrow_mut(gil) = OpState::Done;
            if closing {
                return Err(runtime_error("async generator ignored GeneratorExit"));
            }
            op_done(th, direct, v)
        }
        _ => Ok(After::Value(v)),
    }
}

/// An async generator's awaitable is done with value `v`: `direct` (its `send` was
/// called) raises `StopIteration(v)`; else the awaiting frame's `await` (its
/// sub-iterator on top) gets `v`.
pub(crate) fn op_done(th: &mut MicroThread, direct: bool, v: Value) -> Result<After, PyErr> {
    if direct {
        return Err(stop_iteration_with(v));
    }
    th.stack.pop();
    th.stack.push(v);
    jump_past(th);
    Ok(After::Frame)
}

fn stop_iteration_with(v: Value) -> PyErr {
    let args = if matches!(v, Value::None) {
        vec![]
    } else {
        vec![v]
    };
    PyErr::new(&types().exc.stop_iteration, args)
}

/// The generator's frame returned `v` (it is popped).
pub(crate) fn returned(
    gil: Gil<'_>,
    th: &mut MicroThread,
    gen: &GenRef,
    v: Value,
) -> Result<After, PyErr> {
    let (how, outer) = finish(gil, gen);
    th.handled = outer;
    after_return(gil, th, how, v)
}

/// What the generator's return of `v` means for its resumer.
fn after_return(gil: Gil<'_>, th: &mut MicroThread, how: How, v: Value) -> Result<After, PyErr> {
    Ok(match how {
        How::For => {
            th.stack.pop();
            jump_past(th);
            After::Frame
        }
        How::Call => return Err(stop_iteration_with(v)),
        How::NextDefault(d) => After::Value(d),
        How::Close => After::Value(Value::None),
        How::YieldFrom { closing: false } => {
            th.stack.pop();
            th.stack.push(v);
            jump_past(th);
            After::Frame
        }
        How::YieldFrom { closing: true } => {
            return Err(PyErr::new(&types().exc.generator_exit, vec![]))
        }
        How::Step => After::Value(v),
        How::AsyncOp {
            direct,
            closing,
            op,
        } => {
            // Only `aclose()` sees the end of its generator as success.
            *op.borrow_mut(gil) = OpState::Done;
            if closing {
                return op_done(th, direct, Value::None);
            }
            return Err(PyErr::new(&types().exc.stop_async_iteration, vec![]));
        }
    })
}

/// The top frame's pending `FOR_ITER` or `SEND` (at `ip - 1`) jumps to its target.
fn jump_past(th: &mut MicroThread) {
    if let Some(f) = th.frames.last_mut() {
        if let Some(ins) = f.ip.checked_sub(1).and_then(|i| f.code.instrs.get(i)) {
            f.ip = ins.arg as usize;
        }
    }
}

/// An exception left the generator's frame (it is popped).
pub(crate) fn raised(
    gil: Gil<'_>,
    th: &mut MicroThread,
    gen: &GenRef,
    err: PyErr,
) -> Result<After, PyErr> {
    let kind = gen.borrow(gil).kind;
    let (how, outer) = finish(gil, gen);
    th.handled = outer;
    let stop = err.is_instance(&types().exc.stop_iteration);
    let stop_async =
        kind == GenKind::AsyncGenerator && err.is_instance(&types().exc.stop_async_iteration);
    let err = if stop || stop_async {
        let new = runtime_error(format!(
            "{} raised {}",
            kind.name(),
            if stop {
                "StopIteration"
            } else {
                "StopAsyncIteration"
            }
        ));
        {
            let mut st = new.0.state.borrow_mut(gil);
            st.cause = Some(err.value());
            st.context = Some(err.value());
            st.suppress_context = true;
        }
        new
    } else {
        err
    };
    match how {
        How::Close if err.is_instance(&types().exc.generator_exit) => Ok(After::Value(Value::None)),
        How::AsyncOp {
            direct,
            closing,
            op,
        } => {
            *op.borrow_mut(gil) = OpState::Done;
            if closing && err.is_instance(&types().exc.generator_exit) {
                return op_done(th, direct, Value::None);
            }
            Err(err)
        }
        _ => Err(err),
    }
}

/// Resume `gen` and run it in a nested loop until it yields or ends (for natives;
/// bounded like `call::call_value`).
fn run_nested(cx: &mut Cx<'_, '_>, gen: &GenRef, action: Action, how: How) -> PyResult<Value> {
    // A native consuming the generator (`list.extend(g)`) waits where it is when the
    // generator does (`mt::block`). `next(g)` and `g.send()` called by the loop need
    // not: the generator's yield becomes the call's result in the outer loop.
    let step = matches!(how, How::Step);
    run_nested_with(cx, step, |gil, th| resume(gil, th, gen, action, how))
}

/// Start something with `start` (a resumption) and run what it pushed in a nested
/// loop until it yields or ends (for natives; bounded like `call::call_value`).
pub(crate) fn run_nested_with(
    cx: &mut Cx<'_, '_>,
    step: bool,
    start: impl FnOnce(Gil<'_>, &mut MicroThread) -> Result<Resumed, PyErr>,
) -> PyResult<Value> {
    let gil = cx.gil;
    let th = &mut *cx.th;
    if th.reentry >= MAX_REENTRY {
        return Err(Unwind::Raise(recursion_error(
            "maximum recursion depth exceeded",
        )));
    }
    let depth = th.frames.len();
    let pending = match start(gil, th)? {
        Resumed::Value(v) => return Ok(v),
        Resumed::Frame if th.frames.len() > depth => None,
        Resumed::Frame => return Ok(Value::None),
        Resumed::Raise(e) if th.frames.len() > depth => Some((e, Raise::Propagated)),
        Resumed::Raise(e) => return Err(Unwind::Raise(e)),
    };
    th.reentry += 1;
    let out = match step {
        true => super::call::nested_run(gil, th, depth, pending),
        false => match crate::stack::nested(|| super::eval::run_from(th, gil, depth, pending)) {
            Some(out) => out,
            None => Outcome::Raised(recursion_error("maximum recursion depth exceeded")),
        },
    };
    th.reentry -= 1;
    match out {
        Outcome::Returned(v) => Ok(v),
        Outcome::Raised(e) => Err(Unwind::Raise(e)),
        Outcome::Deferred => Err(Unwind::Deferred),
    }
}

/// One step of a generator for a native (`list(gen)`, `sum(gen)`, ...): `None` when
/// it is finished.
pub fn step(cx: &mut Cx<'_, '_>, gen: &GenRef) -> PyResult<Option<Value>> {
    let v = run_nested(cx, gen, Action::Send(Value::None), How::Step)?;
    let done = matches!(gen.borrow(cx.gil).state, GenState::Finished);
    Ok(if done { None } else { Some(v) })
}

fn gen_self(args: &Args, name: &str) -> Result<GenRef, PyErr> {
    match args.get(0) {
        Some(Value::Generator(g)) => Ok(g.clone()),
        Some(v) => Err(type_error(format!(
            "descriptor '{name}' for 'generator' objects doesn't apply to a '{}' object",
            type_name(v)
        ))),
        None => Err(type_error(format!(
            "unbound method generator.{name}() needs an argument"
        ))),
    }
}

/// `gen.send(value)`.
pub fn send(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let g = gen_self(&args, "send")?;
    args.check_method("send", 1, 1)?;
    run_nested(cx, &g, Action::Send(args.at(1).clone()), How::Call)
}

/// `gen.__next__()`.
pub fn next(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let g = gen_self(&args, "__next__")?;
    args.check_method("__next__", 0, 0)?;
    run_nested(cx, &g, Action::Send(Value::None), How::Call)
}

/// `gen.throw(type[, value[, traceback]])` or `gen.throw(exception)`.
pub fn throw(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let g = gen_self(&args, "throw")?;
    let action = throw_action(cx, &g, &args)?;
    run_nested(cx, &g, action, How::Call)
}

/// `gen.close()`.
pub fn close(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let g = gen_self(&args, "close")?;
    args.check_method("close", 0, 0)?;
    run_nested(cx, &g, Action::Close, How::Close)
}

/// `next(gen[, default])` for a native caller: the return value travels in the
/// `StopIteration` as with `__next__`.
pub fn next_builtin(cx: &mut Cx, g: &GenRef, default: Option<Value>) -> PyResult<Value> {
    let how = match default {
        Some(d) => How::NextDefault(d),
        None => How::Call,
    };
    run_nested(cx, g, Action::Send(Value::None), how)
}

/// The exception `throw()`'s arguments (after `self`) describe, as CPython builds it.
pub(crate) fn throw_arg(cx: &mut Cx, args: &Args) -> PyResult<PyErr> {
    if !args.kw.is_empty() {
        return Err(type_error("generator.throw() takes no keyword arguments").into());
    }
    let n = args.len().saturating_sub(1);
    if n == 0 {
        return Err(type_error("throw expected at least 1 argument, got 0").into());
    }
    if n > 3 {
        return Err(type_error(format!("throw expected at most 3 arguments, got {n}")).into());
    }
    let typ = args.at(1);
    let val = args.get(2).cloned().unwrap_or(Value::None);
    if args.get(3).is_some_and(|tb| !matches!(tb, Value::None)) {
        return Err(type_error("throw() third argument must be a traceback object").into());
    }
    match typ {
        Value::Type(t) if t.is_subtype(&types().exc.base_exception) => {
            let made = match &val {
                Value::Exception(e) if e.typ.is_subtype(t) => val.clone(),
                Value::None => cx.call_args(typ, Args::new([]))?,
                Value::Tuple(items) => cx.call_args(typ, Args::new(items.iter().cloned()))?,
                v => cx.call_args(typ, Args::new([v.clone()]))?,
            };
            if !matches!(made, Value::Exception(_)) {
                // A `__new__` that returned something else.
                return Err(type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    crate::objects::repr::repr(cx.gil, typ)?,
                    type_name(&made)
                ))
                .into());
            }
            Ok(super::unwind::as_err(made))
        }
        Value::Exception(e) => {
            if !matches!(val, Value::None) {
                return Err(type_error("instance exception may not have a separate value").into());
            }
            Ok(PyErr(e.clone()))
        }
        other => Err(type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            type_name(other)
        ))
        .into()),
    }
}

/// A call the loop runs itself because it resumes a generator (`next(gen[, d])`,
/// `gen.send(v)`, `gen.throw(...)`, `gen.close()`, `gen.__next__()`): the generator's
/// frame is pushed instead of a native running it in a nested loop. `None`: an
/// ordinary call (a malformed one too: the native words the error).
pub(crate) fn loop_call(
    gil: Gil<'_>,
    th: &mut MicroThread,
    callable: &Value,
    args: &Args,
) -> Option<PyResult<Resumed>> {
    let (def, this, rest): (_, &Value, &[Value]) = match callable {
        Value::Native(d) => {
            let (first, rest) = args.pos.split_first()?;
            (*d, first, rest)
        }
        Value::BoundNative(b) => (b.1, &b.0, &args.pos[..]),
        _ => return None,
    };
    if !args.kw.is_empty() {
        return None;
    }
    // `next(m)` of a `map` stepped by its helper's generator resumes that one.
    let soft = match this {
        Value::Iter(_) if crate::modules::builtins::is_next(def) => {
            super::eval::soft_gen(gil, this)
        }
        _ => None,
    };
    let soft = soft.map(Value::Generator);
    let this = soft.as_ref().unwrap_or(this);
    let Value::Generator(g) = this else {
        return super::asyncgen::loop_call(gil, th, def, this, rest);
    };
    let (action, how) = if crate::modules::builtins::is_next(def) {
        let plain = g.borrow(gil).kind == crate::objects::generator::GenKind::Generator;
        if !plain || !matches!(callable, Value::Native(_)) || rest.len() > 1 {
            return None;
        }
        let how = match rest.first() {
            Some(d) => How::NextDefault(d.clone()),
            None => How::Call,
        };
        (Action::Send(Value::None), how)
    } else if crate::objects::generator::is_method(def) {
        match (def.name, rest.len()) {
            ("send", 1) => (Action::Send(rest[0].clone()), How::Call),
            ("__next__", 0) => (Action::Send(Value::None), How::Call),
            ("close", 0) => (Action::Close, How::Close),
            ("throw", 1..=3) => {
                let mut all = Args::new([this.clone()]);
                all.pos.extend(rest.iter().cloned());
                let mut cx = Cx { gil, th };
                match throw_action(&mut cx, g, &all) {
                    Ok(a) => (a, How::Call),
                    Err(e) => return Some(Err(e)),
                }
            }
            _ => return None,
        }
    } else {
        return None;
    };
    let g = g.clone();
    Some(resume(gil, th, &g, action, how).map_err(Unwind::Raise))
}

/// `FOR_ITER` over a generator.
pub(crate) fn for_iter(gil: Gil<'_>, th: &mut MicroThread, gen: &GenRef) -> PyResult<Resumed> {
    resume_sent(gil, th, gen, Value::None, || How::For).map_err(Unwind::Raise)
}

/// [`resume`] with `Action::Send(v)`, the commonest resumption (`FOR_ITER`, `SEND`),
/// with its common case inline: a paused generator, or one not yet started sent
/// `None`, within the recursion limit. Inline, `how` is a constant written straight
/// into the generator, where passed to `resume` it is built on the Rust stack and
/// read back with wider loads than its stores (a store-forwarding stall per step).
#[inline(always)]
fn resume_sent(
    gil: Gil<'_>,
    th: &mut MicroThread,
    gen: &GenRef,
    v: Value,
    how: impl Fn() -> How,
) -> Result<Resumed, PyErr> {
    let ready = match gen.borrow(gil).state {
        GenState::Suspended => true,
        GenState::Created => matches!(v, Value::None),
        GenState::Running | GenState::Finished => false,
    };
    if ready && th.frames.len() < th.recursion_limit {
        Value::release(push(gil, th, gen, how));
        th.stack.push(v);
        return Ok(Resumed::Frame);
    }
    resume(gil, th, gen, Action::Send(v), how())
}

/// `SEND` (the top frame's `ip` is past it): send `v` to the sub-iterator on top of
/// the stack. A generator is resumed as a frame; another iterator is stepped here
/// (its item is the result), and when it is done it is replaced by its return value
/// and the frame jumps past the `yield from` loop.
pub(crate) fn send_op(gil: Gil<'_>, th: &mut MicroThread, v: Value) -> PyResult<Resumed> {
    let sub = th.stack.last().cloned().unwrap_or(Value::None);
    if let Value::Generator(g) = &sub {
        let how = || How::YieldFrom { closing: false };
        return resume_sent(gil, th, g, v, how).map_err(Unwind::Raise);
    }
    if matches!(v, Value::None) {
        if let Some(g) = super::eval::soft_gen(gil, &sub) {
            // A `map` stepped by its helper's generator: resumed as a frame, and
            // what it returns (a map function's `StopIteration` value) is the result.
            let how = How::YieldFrom { closing: false };
            return resume(gil, th, &g, Action::Send(v), how).map_err(Unwind::Raise);
        }
    }
    if let Some(r) = super::asyncgen::send_op(gil, th, &sub, v.clone()) {
        return r.map_err(Unwind::Raise);
    }
    let mut cx = Cx { gil, th };
    match send_other(&mut cx, &sub, v)? {
        Ok(item) => Ok(Resumed::Value(item)),
        Err(value) => {
            th.stack.pop();
            th.stack.push(value);
            jump_past(th);
            Ok(Resumed::Frame)
        }
    }
}

/// `SEND` with a sub-iterator that is not a generator: `Ok(Ok(item))` to yield it,
/// `Ok(Err(value))` when the sub-iterator is done (`value`: `None` for an exhausted
/// iterator, a `StopIteration`'s value for a `send` method).
fn send_other(cx: &mut Cx<'_, '_>, sub: &Value, v: Value) -> PyResult<Result<Value, Value>> {
    if matches!(v, Value::None) {
        if crate::objects::class::is_user(sub) && !super::class::builtin_next(cx.gil, sub) {
            // A user `__next__`: the value of the `StopIteration` (or subclass) it
            // raises is the result of the `yield from`.
            let f = super::class::special_or(cx.gil, sub, "__next__")?;
            let depth = cx.th.frames.len();
            let (f, args) = super::class::bind_special(f, sub.clone());
            let r = match cx.call(&f, args) {
                // A wait inside suspends the micro-thread here, as `iter_next` does.
                Err(Unwind::Deferred) => {
                    super::call::settle(cx.gil, cx.th, depth, Err(Unwind::Deferred))
                }
                r => r,
            };
            return stop_value(cx, r);
        }
        return match super::ops::iter_next(cx, sub)? {
            Some(x) => Ok(Ok(x)),
            // A `StopIteration` Python code raised inside (a class's `__next__` under
            // a `map`) carries the result.
            None => match cx.th.take_stopped() {
                Some(e) => stop_value(cx, Err(Unwind::Raise(e))),
                None => Ok(Err(Value::None)),
            },
        };
    }
    let method = super::ops::getattr(cx.gil, sub, "send")?;
    let r = cx.call(&method, vec![v]);
    stop_value(cx, r)
}

/// A sub-iterator's step: `Ok(item)`, or `Err(value)` when it raised `StopIteration`.
fn stop_value(cx: &mut Cx<'_, '_>, r: PyResult<Value>) -> PyResult<Result<Value, Value>> {
    match r {
        Ok(x) => Ok(Ok(x)),
        Err(Unwind::Raise(e)) if e.is_instance(&types().exc.stop_iteration) => {
            let value = super::ops::getattr(cx.gil, &e.value(), "value")?;
            Ok(Err(value))
        }
        Err(e) => Err(e),
    }
}
