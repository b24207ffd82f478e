//! `DeferredId`: how notifiers and reactors name a deferred without borrowing it.

use std::fmt;

/// The name of a deferred (one per micro-thread) inside its reactor.
///
/// An index into the reactor's table plus a generation, so that an id kept after its
/// deferred finished is *stale* and finds nothing, even when the slot is reused.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeferredId {
    index: u32,
    generation: u32,
}

impl DeferredId {
    /// Make an id from a table index and the slot's generation.
    pub const fn new(index: u32, generation: u32) -> Self {
        DeferredId { index, generation }
    }

    /// The table index.
    pub const fn index(self) -> usize {
        self.index as usize
    }

    /// The generation of the slot when this id was made.
    pub const fn generation(self) -> u32 {
        self.generation
    }
}

impl fmt::Debug for DeferredId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeferredId({}.{})", self.index, self.generation)
    }
}

impl fmt::Display for DeferredId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.index)
    }
}
