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
//! A generator dropped while suspended drops its saved values without running its
//! `finally` blocks (CPython would close it; pyvm has no finalizers yet).

use std::sync::Arc;

use super::frame::{Block, PausedFrame};
use super::function::NativeDef;
use super::gil::GilCell;
use crate::compile::code::Code;
use crate::native::*;

pub struct Generator {
    /// The generator function's code: `__name__`, `__qualname__` and `repr` read it.
    pub code: Arc<Code>,
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

/// Is `def` one of the generator methods the dispatch loop runs itself?
pub fn is_method(def: &NativeDef) -> bool {
    METHODS.as_ptr_range().contains(&(def as *const NativeDef))
}

fn iter_self(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iter__", 0, 0)?;
    Ok(args.at(0).clone())
}
