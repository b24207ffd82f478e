//! The C deferred (placeholder, filled in next).
#![forbid(unsafe_code)]

/// How a fallible step stops early: it deferred, or it raised `E`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwind<E> {
    /// The PEP's `PyDeferred_CDeferred`: the micro-thread is suspended.
    Deferred,
    /// An ordinary error (a Python exception in `pyvm`).
    Raise(E),
}

impl<E> From<E> for Unwind<E> {
    fn from(e: E) -> Self {
        Unwind::Raise(e)
    }
}
