//! State of one micro-thread: its frames, value stack, handler blocks and the exception
//! being handled. (Per OS thread and per process state live elsewhere: see `vm/mod.rs`.)

use super::frame::{Block, Frame};
use crate::objects::value::Value;

/// CPython's default recursion limit.
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// How deep natives may nest Python calls (`sorted(key=...)` inside a key function...).
pub const MAX_REENTRY: u32 = 200;

pub struct MicroThread {
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    pub blocks: Vec<Block>,
    /// The exception being handled (`sys.exc_info()`), `Null` when none.
    pub handled: Value,
    /// The depth checked on every call: the limit asked, or less when the memory the
    /// process may hold could not take that many frames (`memory::max_frames`); the
    /// limit asked is [`MicroThread::asked_limit`].
    pub recursion_limit: usize,
    /// Nested dispatch loops started by natives calling Python.
    pub reentry: u32,
    /// Driven by a reactor: a blocking native may wait (`Cx::wait`) instead of
    /// blocking the OS thread, and natives consuming iterables may take their Python
    /// halves (`_deferrable`).
    pub reactive: bool,
    /// A scratch micro-thread of `vm::detached` (a native's call into Python): a wait
    /// in it is the wait of the micro-thread that made the call, suspended with the
    /// native on its worker stack.
    pub detached: bool,
    /// Switched out at a backward jump (preemption): resumed with no value.
    pub preempted: bool,
    /// Its frames have started running (a resumption delivers a value only after).
    pub started: bool,
    /// The native being called (for "Deferred execution not yet implemented by ...").
    pub native_name: &'static str,
    /// What few micro-threads have (a `contextvars.Context`, async generator hooks),
    /// boxed when first set: every micro-thread pays one pointer for them.
    pub rare: Option<Box<Rare>>,
}

/// The parts of a micro-thread's state most never set ([`MicroThread::rare`]).
pub struct Rare {
    /// Its current `contextvars.Context` (`Null`: none made yet).
    pub context: Value,
    /// `sys.set_asyncgen_hooks`: the `firstiter` and `finalizer` hooks (`Null`:
    /// none), per micro-thread as CPython's are per thread.
    pub asyncgen_hooks: [Value; 2],
    /// `sys.getrecursionlimit()` when it is not `recursion_limit` (memory allowed
    /// fewer frames than asked).
    pub limit_asked: Option<usize>,
    /// The `StopIteration` that ended the last step of an iterator stepped by
    /// `iterate::iter_next_loop` when Python code raised it (a class's `__next__`, a
    /// `map` function): `next()` and `yield from` re-raise it or take its value, as
    /// CPython hands the exception itself up through native iterators. Cleared when
    /// a step starts.
    pub stopped: Option<crate::objects::exception::PyErr>,
    /// `gen.throw()`'s own arguments, while the throw goes down a `yield from` chain
    /// to a sub-iterator's `throw()` method (which gets them as they were given).
    pub throw_args: Option<Vec<Value>>,
}

impl Default for Rare {
    fn default() -> Rare {
        Rare {
            context: Value::Null,
            asyncgen_hooks: [Value::Null, Value::Null],
            limit_asked: None,
            stopped: None,
            throw_args: None,
        }
    }
}

impl MicroThread {
    /// Its rare parts, made now if they were not yet.
    pub fn rare_mut(&mut self) -> &mut Rare {
        self.rare.get_or_insert_with(Default::default)
    }

    /// Record the `StopIteration` that ended an iterator's step ([`Rare::stopped`]).
    pub fn set_stopped(&mut self, e: crate::objects::exception::PyErr) {
        self.rare_mut().stopped = Some(e);
    }

    /// Take the `StopIteration` that ended the last step, if Python code raised it.
    pub fn take_stopped(&mut self) -> Option<crate::objects::exception::PyErr> {
        self.rare.as_mut().and_then(|r| r.stopped.take())
    }

    /// A step starts: no `StopIteration` recorded.
    #[inline]
    pub fn clear_stopped(&mut self) {
        if let Some(r) = &mut self.rare {
            if r.stopped.is_some() {
                r.stopped = None;
            }
        }
    }

    /// The recursion limit asked (`sys.getrecursionlimit()`).
    pub fn asked_limit(&self) -> usize {
        let asked = self.rare.as_ref().and_then(|r| r.limit_asked);
        asked.unwrap_or(self.recursion_limit)
    }

    /// Ask for recursion limit `n`: the depth checked is `n`, or `most` when the
    /// memory the process may hold could not take more frames.
    pub fn set_limit(&mut self, n: usize, most: usize) {
        self.recursion_limit = n.min(most);
        if self.recursion_limit != n {
            self.rare_mut().limit_asked = Some(n);
        } else if let Some(r) = self.rare.as_mut() {
            r.limit_asked = None;
        }
    }
}

// Every micro-thread's box (one 128-byte allocator size class; ARCHITECTURE.md,
// "Costs"): what most never use goes in `rare`.
const _: () = assert!(std::mem::size_of::<MicroThread>() <= 128);

impl MicroThread {
    pub fn new() -> MicroThread {
        MicroThread {
            stack: Vec::new(),
            frames: Vec::new(),
            blocks: Vec::new(),
            handled: Value::Null,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            reentry: 0,
            reactive: false,
            detached: false,
            preempted: false,
            started: false,
            native_name: "",
            rare: None,
        }
    }
}

impl Default for MicroThread {
    fn default() -> Self {
        MicroThread::new()
    }
}
