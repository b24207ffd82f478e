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
    pub recursion_limit: usize,
    /// Nested dispatch loops started by natives calling Python.
    pub reentry: u32,
    /// Driven by a reactor: a blocking native may defer (set `request` and return
    /// `Unwind::Deferred`) instead of blocking the OS thread.
    pub reactive: bool,
    /// A scratch micro-thread of `vm::detached` (a native's call into Python): a
    /// wait in it cannot be met by another micro-thread, so it defers, which the
    /// caller turns into "Deferred execution not yet implemented by &lt;native&gt;".
    pub detached: bool,
    /// What a native that deferred waits for; the micro-thread driver (`mt`) turns it
    /// into a reactor call once the loop has returned `Outcome::Deferred`.
    pub request: Option<crate::mt::Request>,
    /// Its frames have started running (a resumption delivers a value only after).
    pub started: bool,
    /// The native being called (for "Deferred execution not yet implemented by ...").
    pub native_name: &'static str,
    /// Its reactor task, when a reactor drives it.
    pub id: Option<deferred::DeferredId>,
    /// How to take back the registration of the wait in `request` (a pipe's reader
    /// slot) when the micro-thread is resumed some other way (an exception thrown in:
    /// `kill`, a timeout, a deadlock).
    pub cancel: Option<Box<dyn FnOnce() + Send>>,
    /// A native's tail call (`Cx::tail_call`): the call to make in its place.
    pub tail: Option<Box<(crate::objects::value::Value, crate::native::Args)>>,
    /// A socket call to make again when the descriptor it waits on is ready
    /// (`mt::io`): the driver makes it before the loop resumes.
    pub retry: Option<Box<crate::mt::io::Retry>>,
    /// The deadline of the socket call being retried (so a retry that waits again
    /// keeps the first call's `settimeout` limit).
    pub io_deadline: Option<std::time::Instant>,
    /// The Python-level thread object (`micro_thread.current()`), once it has one.
    pub obj: Option<std::sync::Arc<crate::mt::ThreadObj>>,
}

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
            request: None,
            started: false,
            native_name: "",
            id: None,
            tail: None,
            cancel: None,
            retry: None,
            io_deadline: None,
            obj: None,
        }
    }
}

impl Default for MicroThread {
    fn default() -> Self {
        MicroThread::new()
    }
}
