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
}

impl MicroThread {
    pub fn new() -> MicroThread {
        MicroThread {
            stack: Vec::with_capacity(1024),
            frames: Vec::with_capacity(64),
            blocks: Vec::new(),
            handled: Value::Null,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
            reentry: 0,
        }
    }
}

impl Default for MicroThread {
    fn default() -> Self {
        MicroThread::new()
    }
}
