//! Generator objects: what a generator function's call returns. A suspended generator
//! owns everything its frame needs to go on, on the heap, so nothing of it lives on
//! a micro-thread while it waits:
//! ```text
//!  Generator { code, state: Suspended, frame, stack: [locals | operands], blocks,
//!              handled }
//! ```
//! Resuming moves `stack` and `blocks` back onto the running micro-thread (rebased at
//! its stack top) and pushes `frame`; `YIELD_VALUE` moves them back here (see
//! `vm::generator`). The methods (`send`, `throw`, `close`, `__next__`) are natives
//! for callers in Rust; the dispatch loop recognises them and resumes the generator by
//! pushing its frame instead (no nested loop).
//!
//! A generator dropped while suspended inside a `try` or `with` is closed, as CPython
//! closes it: see `objects::finalize`.

use crate::objects::rc::Arc;

use super::frame::{Block, PausedFrame};
use super::function::NativeDef;
use super::gil::GilCell;
use crate::compile::code::Code;
use crate::native::*;

pub struct Generator {
    /// The generator function's code: `__name__`, `__qualname__` and `repr` read it.
    pub code: Arc<Code>,
    /// A generator, a coroutine (`async def`) or an async generator (`async def`
    /// with `yield`): from the code's flags.
    pub kind: GenKind,
    pub state: GenState,
    /// The paused frame (`Created`, `Suspended`); its place on the micro-thread and
    /// its follow-up are set when it is pushed.
    pub frame: Option<PausedFrame>,
    /// While paused: the frame's window of the value stack, its locals then its
    /// operands (a `for` loop's iterator, a `yield from`'s sub-iterator, saved
    /// exceptions...). Empty while running; the buffers are reused, so a resumption
    /// allocates nothing.
    pub stack: Vec<Value>,
    /// While paused: its active handler blocks, `depth` relative to `stack`.
    pub blocks: Vec<Block>,
    /// While paused: the exception it was handling when it yielded (`Null`: none).
    pub handled: Value,
    /// While running: who resumed it, so what its yield, return or exception becomes.
    pub how: How,
    /// While running: the resumer's handled exception, restored when it leaves.
    pub outer: Value,
    /// An async generator one of whose awaitables is under way (it may be paused in
    /// an `await`): another may not start (CPython's `ag_running_async`, which
    /// `ag_running` reports).
    pub running_async: bool,
    /// Its finalizer ran (it was closed once when dropped): a generator that
    /// ignored that `GeneratorExit`, or was kept alive by its own `finally`, is not
    /// closed again (PEP 442).
    pub finalized: bool,
    /// An async generator's `sys.set_asyncgen_hooks` finalizer, taken on its first
    /// iteration (CPython's `ag_origin_or_finalizer`); `Null` before or when none.
    /// Dropped unfinished, it is called with the generator instead of closing it.
    pub finalizer: Value,
    /// An async generator's hooks were looked at (its first `__anext__`, `asend`,
    /// `athrow` or `aclose`; CPython's `ag_hooks_inited`).
    pub hooks_inited: bool,
    /// Its place in the cycle collector's registry (`objects::gc`).
    pub gc: super::gc::GcSlot,
}

impl Drop for Generator {
    /// A generator or coroutine dropped while paused inside a `try`/`with` is closed
    /// (its insides move to a fresh object that `objects::finalize` queues); an
    /// unfinished async generator with a finalizer hook is handed to that hook (as
    /// CPython's `_PyGen_Finalize` does: `asyncio` schedules its `aclose()`); a
    /// coroutine dropped before it started warns that it was never awaited.
    fn drop(&mut self) {
        if self.finalized {
            return;
        }
        match self.state {
            GenState::Created | GenState::Suspended
                if self.kind == GenKind::AsyncGenerator
                    && !matches!(self.finalizer, Value::Null) =>
            {
                let hook = std::mem::replace(&mut self.finalizer, Value::Null);
                let live = self.take_live();
                super::finalize::push(super::finalize::Pending::Call(hook, Value::Generator(live)));
            }
            GenState::Suspended
                if !self.blocks.is_empty() && self.kind != GenKind::AsyncGenerator =>
            {
                let live = self.take_live();
                super::finalize::push(super::finalize::Pending::Close(live));
            }
            GenState::Created if self.kind == GenKind::Coroutine => {
                super::finalize::push(super::finalize::Pending::NeverAwaited(
                    self.code.qualname.to_string(),
                ));
            }
            _ => {}
        }
    }
}

impl Generator {
    /// Move a dying generator's insides to a fresh, finalized object (resurrected for
    /// its finalizer), leaving a finished shell behind.
    fn take_live(&mut self) -> GenRef {
        let mut live = std::mem::replace(self, self.shell());
        // The registration stays with this allocation; the new one registers anew.
        std::mem::swap(&mut live.gc, &mut self.gc);
        live.finalized = true;
        super::gc::generator(live)
    }

    /// The cycle collector breaking a cycle through this generator: it is left
    /// finished, holding nothing, and what it held is returned, to be dropped once
    /// the borrow of its cell ended. (A coroutine never started still warns.)
    pub fn clear(&mut self) -> Generator {
        let mut old = std::mem::replace(self, self.shell());
        std::mem::swap(&mut old.gc, &mut self.gc);
        old.finalized = !(old.state == GenState::Created && old.kind == GenKind::Coroutine);
        old
    }

    /// A finished generator of this one's code and kind, holding nothing.
    fn shell(&self) -> Generator {
        Generator {
            code: self.code.clone(),
            kind: self.kind,
            state: GenState::Finished,
            frame: None,
            stack: Vec::new(),
            blocks: Vec::new(),
            handled: Value::Null,
            how: How::Call,
            outer: Value::Null,
            running_async: false,
            finalized: true,
            finalizer: Value::Null,
            hooks_inited: true,
            gc: super::gc::GcSlot::new(),
        }
    }
}

/// Who resumed a generator, and so what its yield, return or exception becomes (see
/// the table in `vm::generator`).
pub enum How {
    /// A `for` loop's `FOR_ITER` (the generator is on top of the caller's stack).
    For,
    /// `next(g)`, `g.send(v)`, `g.throw(...)`, `g.__next__()`.
    Call,
    /// `next(g, default)`.
    NextDefault(Value),
    /// `g.close()`: `GeneratorExit` (and `StopIteration`) leaving it mean `None`.
    Close,
    /// The sub-generator of a `yield from` (on top of the delegator's stack);
    /// `closing`: resumed to be closed, so its return or yield is an error there.
    YieldFrom { closing: bool },
    /// A native stepping it in a nested loop (`list(g)`).
    Step,
    /// An async generator driven by one of its awaitables (`__anext__()`,
    /// `asend()`, `athrow()`, `aclose()`; see `vm::generator`): `direct` when the
    /// awaitable's own `send`/`throw` was called (its result is the call's), else it
    /// is the sub-iterator of an `await` (on top of the awaiting frame's stack);
    /// `closing` for `aclose()`.
    AsyncOp {
        direct: bool,
        closing: bool,
        op: Arc<GilCell<OpState>>,
    },
}

/// Where an async generator's awaitable is: not sent to yet (what its first send
/// does), running its generator, or done (awaiting it again is an error).
pub enum OpState {
    Init(OpInit),
    Iter,
    Done,
}

/// What an async generator's awaitable does on its first send.
pub enum OpInit {
    /// `asend(v)` / `__anext__()` (`None`).
    Send(Value),
    /// `athrow(...)`.
    Throw(crate::objects::exception::PyErr),
    /// `aclose()`.
    Close,
}

/// What a generator-like object is (CPython's three types over one frame object).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

impl GenKind {
    /// The type name (`'coroutine' object ...`, `coroutine raised StopIteration`).
    pub fn name(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }

    /// The kind a code object's flags make.
    pub fn of_code(code: &Code) -> GenKind {
        let flags = code.flags();
        if flags & crate::compile::code::CO_COROUTINE != 0 {
            GenKind::Coroutine
        } else if flags & crate::compile::code::CO_ASYNC_GENERATOR != 0 {
            GenKind::AsyncGenerator
        } else {
            GenKind::Generator
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenState {
    /// Not started: takes only `None`; closing it runs nothing.
    Created,
    /// Paused at a `yield`.
    Suspended,
    /// Its frame is on a micro-thread (resuming it now is "already executing").
    Running,
    /// Returned or raised: resuming it only raises `StopIteration`.
    Finished,
}

pub type GenRef = Arc<GilCell<Generator>>;

pub static METHODS: &[NativeDef] = super::methods::natives![
    "send" => generator_send, "throw" => generator_throw,
    "close" => generator_close, "__next__" => generator_next,
    "__iter__" => iter_self,
];

/// A coroutine's methods (`__await__` returns its `coroutine_wrapper`).
pub static CORO_METHODS: &[NativeDef] = super::methods::natives![
    "send" => generator_send, "throw" => generator_throw,
    "close" => generator_close, "__await__" => coroutine_await,
];

/// An async generator's methods: each but `__aiter__` returns an awaitable
/// (`async_generator_asend`/`async_generator_athrow`) that runs it.
pub static AGEN_METHODS: &[NativeDef] = super::methods::natives![
    "__aiter__" => aiter_self, "__anext__" => agen_anext, "asend" => agen_asend,
    "athrow" => agen_athrow, "aclose" => agen_aclose,
];

/// Is `def` one of the generator methods the dispatch loop runs itself?
pub fn is_method(def: &NativeDef) -> bool {
    let p = def as *const NativeDef;
    METHODS.as_ptr_range().contains(&p)
        || CORO_METHODS.as_ptr_range().contains(&p)
        || is_awaitable_method(def)
}

fn iter_self(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iter__", 0, 0)?;
    Ok(args.at(0).clone())
}

fn aiter_self(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__aiter__", 0, 0)?;
    Ok(args.at(0).clone())
}
