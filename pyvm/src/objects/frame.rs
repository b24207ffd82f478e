//! What a frame leaves in an object while it is off the micro-thread: a paused
//! generator keeps its frame's own state ([`PausedFrame`]) and its handler blocks
//! ([`Block`]). The frame itself (`vm::frame::Frame`, where it sits on a
//! micro-thread's stacks and what its caller does with its result) belongs to the
//! loop; `vm::generator` moves these parts in and out of it.

use crate::objects::rc::Arc;

use super::dict::Dict;
use super::gil::GilCell;
use super::value::CellRef;
use crate::compile::code::Code;

/// A frame's state that outlives a run: its code, where it stopped, its cells and its
/// namespaces. Its window of the value stack is kept beside it (`Generator::stack`);
/// where it goes on a micro-thread and its follow-up are set when it is pushed again.
pub struct PausedFrame {
    pub code: Arc<Code>,
    /// Index of the next instruction.
    pub ip: usize,
    /// Cell variables then free variables.
    pub cells: Vec<CellRef>,
    pub globals: Arc<GilCell<Dict>>,
    /// A class body's namespace (`None` for module code and functions).
    pub locals: Option<Arc<GilCell<Dict>>>,
}

/// An active `SETUP_FINALLY`: where to jump and how deep the stack was.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub handler: usize,
    pub depth: usize,
}
