//! The C deferred of the micro-threading proposal, in Rust.
//!
//! Every fallible step returns `Result<T, Unwind<E>>`: [`Unwind::Deferred`] travels up
//! like an exception while each deferral-aware function registers a [`Callback`] with
//! its micro-thread's one reusable [`Deferred`]; the reactor later resumes the deferred
//! and the callbacks run, innermost first, as the call stack would have. The rules
//! (numbered as in `ARCHITECTURE.md`, "deferred") come from the PEP's "C Deferred"
//! section:
//!
//! 1. [`Deferred::begin`] starts a deferral (a notifier's `defer` calls it).
//! 2. [`Deferred::add_callback`] checks each `called` name against the last `caller`;
//!    a mismatch puts the deferred in exception mode
//!    (`Deferred execution not yet implemented by <name>`) and the callbacks already
//!    accepted are called once with that error to clean up.
//! 3. [`Deferred::callback`] calls each callback exactly once, each with the result of
//!    the one before.
//! 4. Registrations made while resuming go in front of those still waiting.
//! 5. A callback that defers again stops the run; if it was not the last to register,
//!    exception mode runs through the rest.
//! 6. A callback that begins to defer and then raises: a `SystemError` caused by that
//!    exception cleans up the new registrations, then the exception goes on.
//! 7. When no callback defers, the final exception goes to the exception handler, or
//!    the result is kept (zombie) for [`Deferred::take_result`].
//!
//! No I/O here: see the `notifiers` and `reactor` crates.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod deferred;
mod id;
mod name;
mod unwind;

pub use deferred::{
    BoxedCallback, Callback, CallbackFn, Context, Deferred, ExceptionHandler, Misuse, State,
    Status, Step,
};
pub use id::DeferredId;
pub use name::Name;
pub use unwind::{not_implemented_message, DeferError, Unwind};
