//! `Unwind` (how a step stops early) and `DeferError` (what a deferred needs of errors).

use std::fmt;

/// How a fallible step stops early: it deferred, or it raised `E`.
///
/// `Unwind::Deferred` is the PEP's `PyDeferred_CDeferred`: it travels up exactly like
/// an exception, so `?` carries it, and code that is not deferral-aware treats it as an
/// error. Every deferral-aware function on the way up registers a callback with
/// [`Deferred::add_callback`](crate::Deferred::add_callback) before passing it on.
///
/// ```
/// use deferred::Unwind;
///
/// fn read() -> Result<u8, Unwind<String>> {
///     Err(Unwind::Deferred) // would block: the micro-thread is suspended
/// }
/// fn parse() -> Result<u8, Unwind<String>> {
///     let byte = read()?; // `?` carries the deferral up like an error
///     Ok(byte + 1)
/// }
/// assert!(parse().unwrap_err().is_deferred());
/// let raised: Unwind<String> = String::from("boom").into();
/// assert_eq!(raised.into_raise().as_deref(), Some("boom"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub enum Unwind<E> {
    /// The micro-thread is suspended; its callbacks are queued in its deferred.
    Deferred,
    /// An ordinary error (a Python exception, in `pyvm`).
    Raise(E),
}

impl<E> Unwind<E> {
    /// `true` for [`Unwind::Deferred`].
    pub fn is_deferred(&self) -> bool {
        matches!(self, Unwind::Deferred)
    }

    /// The error, if this is [`Unwind::Raise`].
    pub fn into_raise(self) -> Option<E> {
        match self {
            Unwind::Raise(e) => Some(e),
            Unwind::Deferred => None,
        }
    }
}

impl<E> From<E> for Unwind<E> {
    fn from(e: E) -> Self {
        Unwind::Raise(e)
    }
}

impl<E: fmt::Debug> fmt::Debug for Unwind<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unwind::Deferred => f.write_str("Deferred"),
            Unwind::Raise(e) => f.debug_tuple("Raise").field(e).finish(),
        }
    }
}

/// The errors a [`Deferred`](crate::Deferred) must be able to make.
///
/// `pyvm` implements this for its Python exceptions; Rust users can use
/// `notifiers::Error`, or their own type.
pub trait DeferError: Sized {
    /// The exception-mode error of rule 2: a function that is not deferral-aware sat
    /// between a deferral and its caller. The message must read
    /// `Deferred execution not yet implemented by <name>` (see [`not_implemented_message`]).
    fn not_implemented(name: &str) -> Self;

    /// A `SystemError` with this message, and `cause` as its `__cause__` if given
    /// (rule 6: a callback began to defer and then raised another exception).
    fn system_error(message: &str, cause: Option<&Self>) -> Self;

    /// Record that this error was raised while the deferred was active (rule 6: "it will
    /// have the deferred as its `__context__`"). The default does nothing.
    fn set_deferred_context(&mut self) {}
}

/// The PEP's exact message for exception mode.
pub fn not_implemented_message(name: &str) -> String {
    format!("Deferred execution not yet implemented by {name}")
}
