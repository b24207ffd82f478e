//! `Deferred`: the per-micro-thread callback queue and the PEP's rules 1–7.
//!
//! The queue mirrors the call stack. It is kept as a stack whose *end* is the next
//! callback to run. A deferral inserts each new registration at a fixed point, the
//! stack's length when the deferral began (`base`), so the innermost registration stays
//! on top and everything still waiting from an earlier deferral stays underneath:
//!
//! ```text
//! first deferral (A called B called C called D, D deferred):
//!   register D'   [D']                       base = 0
//!   register C'   [C', D']
//!   register B'   [B', C', D']
//!   register A'   [A', B', C', D']           run order: D' C' B' A'
//! resume: D' runs, then C' runs; C' calls E calls F, F defers (base = 2):
//!   stack now     [A', B']
//!   register F'   [A', B', F']
//!   register E'   [A', B', E', F']
//!   register C''  [A', B', C'', E', F']      run order: F' E' C'' B' A'
//! ```
//!
//! Inserting at `base` only moves the registrations of the current deferral, a handful
//! at most, and the stack lives inline (`smallvec`), so a deferred that is reused for
//! deferral after deferral allocates nothing once its stack has grown to its depth.

use crate::{DeferError, Name, Unwind};
use smallvec::SmallVec;
use std::fmt;

/// The result a step returns: a value, or an [`Unwind`].
pub type Step<T, E> = Result<T, Unwind<E>>;

/// A callback function with no captured state: a plain `fn`, stored without allocation.
pub type CallbackFn<T, E, C> = fn(&mut C, Result<T, E>) -> Step<T, E>;

/// A callback with captured state.
pub type BoxedCallback<T, E, C> = Box<dyn FnOnce(&mut C, Result<T, E>) -> Step<T, E>>;

/// An exception handler: receives the final exception of a finished deferred.
pub type ExceptionHandler<E, C> = Box<dyn FnOnce(&mut C, E)>;

/// How many callbacks a deferred holds before its queue moves to the heap. One: a
/// micro-thread's deferred holds its one resume callback while it waits, and it is
/// in the reactor's task table for every micro-thread, so each inline entry (48
/// bytes) is paid a million times over by a million sleeping micro-threads. A deeper
/// chain moves to the heap once and stays there (no allocation per deferral).
const INLINE: usize = 1;

/// What a deferral-aware function asks to be called with when the deferred resumes.
///
/// Each callback is called exactly once, with the result (or error) returned by the
/// callback before it, and returns its own result for the one after it.
pub enum Callback<T, E, C> {
    /// No callback (the PEP's `NULL` `callback_fn`): the function only declares that it
    /// is deferral-aware; the result passes through unchanged.
    Pass,
    /// A plain function with no captured state (its state lives in the context `C`).
    Fn(CallbackFn<T, E, C>),
    /// A closure holding its own state.
    Boxed(BoxedCallback<T, E, C>),
}

impl<T, E, C> Callback<T, E, C> {
    /// Box a closure as a callback.
    pub fn boxed(f: impl FnOnce(&mut C, Result<T, E>) -> Step<T, E> + 'static) -> Self {
        Callback::Boxed(Box::new(f))
    }

    fn call(self, ctx: &mut C, input: Result<T, E>) -> Step<T, E> {
        match self {
            Callback::Pass => input.map_err(Unwind::Raise),
            Callback::Fn(f) => f(ctx, input),
            Callback::Boxed(f) => f(ctx, input),
        }
    }
}

impl<T, E, C> fmt::Debug for Callback<T, E, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Callback::Pass => "Pass",
            Callback::Fn(_) => "Fn",
            Callback::Boxed(_) => "Boxed",
        })
    }
}

/// Whoever owns a [`Deferred`] and runs its callbacks (a micro-thread, a reactor).
///
/// Callbacks receive `&mut C`, so they can reach their own state and defer again; the
/// deferred is found through [`Context::deferred`] between calls, never borrowed
/// across one.
pub trait Context<T, E>: Sized {
    /// The deferred of the micro-thread now running.
    fn deferred(&mut self) -> &mut Deferred<T, E, Self>;

    /// A deferral that had begun (the deferred was handed to a notifier) has been
    /// abandoned: its callback returned a value or another exception, or the deferred
    /// entered exception mode. The owner must withdraw the registration so nothing
    /// resumes the deferred for it. The default does nothing.
    fn deferral_abandoned(&mut self) {}
}

/// Where a deferred stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Holds callbacks and waits to be resumed (or has not started).
    Waiting,
    /// Its callbacks are running.
    Running,
    /// Finished; its result went to its exception handler (or was a value, dropped).
    Finished,
    /// Finished with no exception handler: its result is kept for [`Deferred::take_result`].
    Zombie,
}

/// What [`Deferred::callback`] ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A callback deferred again; the deferred waits to be resumed.
    Suspended,
    /// No callback deferred: the micro-thread is finished (rule 7). Its result went to
    /// the exception handler, or is kept: see [`Deferred::state`].
    Finished,
}

/// Misuse of a deferred by its owner (not an error of the code it runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Misuse {
    /// `callback` was called while the deferred's callbacks were already running.
    #[error("the deferred's callbacks are already running")]
    AlreadyRunning,
    /// `callback` was called on a finished deferred.
    #[error("the deferred has finished")]
    Finished,
}

/// One registration: who asked, and what to call.
struct Entry<T, E, C> {
    caller: Name,
    callback: Callback<T, E, C>,
}

/// The deferral being registered, between [`Deferred::begin`] and the return of the
/// outermost deferral-aware function.
struct Deferral {
    /// Where this deferral's registrations are inserted: the stack's length at `begin`.
    base: usize,
    /// The `caller_name` of the last accepted registration; `None` right after `begin`.
    last: Option<Name>,
}

/// The PEP's C deferred: one per micro-thread, reused for every deferral it makes.
///
/// `T` is the value type passed between callbacks, `E` the error type, `C` the context
/// callbacks run in (see [`Context`]).
///
/// ```
/// use deferred::{Callback, Context, DeferError, Deferred, Status, Unwind};
///
/// #[derive(Debug)]
/// struct Err(String);
/// impl DeferError for Err {
///     fn not_implemented(name: &str) -> Self { Err(deferred::not_implemented_message(name)) }
///     fn system_error(m: &str, _: Option<&Self>) -> Self { Err(m.into()) }
/// }
///
/// struct Thread { d: Deferred<i32, Err, Thread> }
/// impl Context<i32, Err> for Thread {
///     fn deferred(&mut self) -> &mut Deferred<i32, Err, Thread> { &mut self.d }
/// }
///
/// let mut t = Thread { d: Deferred::new() };
/// // `read` defers; its caller `main` is deferral-aware and registers after it.
/// t.d.begin().unwrap();
/// Deferred::add_callback(&mut t, "read", None, Callback::Pass).unwrap();
/// Deferred::add_callback(&mut t, "main", Some("read"),
///     Callback::Fn(|_, r| r.map(|n| n * 2).map_err(Unwind::Raise))).unwrap();
/// // Later the reactor resumes it with the value read.
/// assert_eq!(Deferred::callback(&mut t, Ok(21)), Ok(Status::Finished));
/// assert_eq!(t.d.take_result().unwrap().unwrap(), 42);
/// ```
pub struct Deferred<T, E, C> {
    /// Pending callbacks; the end is the next to run (see the module doc).
    stack: SmallVec<[Entry<T, E, C>; INLINE]>,
    /// The deferral being registered, if any.
    deferral: Option<Deferral>,
    /// Set while callbacks are being called with an exception to clean up (exception
    /// mode): no new deferral may begin then.
    exception_mode: bool,
    state: State,
    /// Receives the final exception; without one the result is kept (zombie).
    handler: Option<ExceptionHandler<E, C>>,
    /// The final result of a zombie, until taken.
    result: Option<Result<T, E>>,
}

impl<T, E, C> Default for Deferred<T, E, C> {
    fn default() -> Self {
        Deferred {
            stack: SmallVec::new(),
            deferral: None,
            exception_mode: false,
            state: State::Waiting,
            handler: None,
            result: None,
        }
    }
}

impl<T, E, C> fmt::Debug for Deferred<T, E, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Deferred")
            .field("state", &self.state)
            .field("pending", &self.pending().collect::<Vec<_>>())
            .field("deferring", &self.deferral.is_some())
            .field("exception_mode", &self.exception_mode)
            .finish()
    }
}

impl<T, E, C> Deferred<T, E, C> {
    /// An empty deferred, waiting, with no exception handler.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where it stands.
    pub fn state(&self) -> State {
        self.state
    }

    /// `true` between [`begin`](Self::begin) and the end of the deferral's registrations.
    pub fn is_deferring(&self) -> bool {
        self.deferral.is_some()
    }

    /// `true` while callbacks are being given an exception to clean up (exception mode).
    pub fn is_exception_mode(&self) -> bool {
        self.exception_mode
    }

    /// The names of the pending callbacks, in the order they will run.
    pub fn pending(&self) -> impl Iterator<Item = &Name> + '_ {
        self.stack.iter().rev().map(|e| &e.caller)
    }

    /// How many callbacks are pending.
    pub fn len(&self) -> usize {
        self.stack.len()
    }

    /// `true` when no callback is pending.
    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    /// Give the final exception to `handler` instead of keeping it (rule 7). A final
    /// value is then dropped.
    pub fn set_exception_handler(&mut self, handler: impl FnOnce(&mut C, E) + 'static) {
        self.handler = Some(Box::new(handler));
    }

    /// `true` if an exception handler is set (the result will not be kept).
    pub fn has_exception_handler(&self) -> bool {
        self.handler.is_some()
    }

    /// Append a callback that runs after every pending one (Twisted's `addCallback`).
    /// This is how a micro-thread's function is given to a fresh deferred.
    pub fn then(&mut self, name: impl Into<Name>, callback: Callback<T, E, C>) {
        self.stack.insert(
            0,
            Entry {
                caller: name.into(),
                callback,
            },
        );
    }

    /// Make a finished deferred ready for a new micro-thread, keeping its queue's
    /// storage (a pool of micro-threads reuses deferreds this way).
    pub fn reset(&mut self) {
        self.stack.clear();
        self.deferral = None;
        self.exception_mode = false;
        self.state = State::Waiting;
        self.handler = None;
        self.result = None;
    }

    /// The final result of a zombie (rule 7, what `wait()` returns). `None` until the
    /// deferred finishes without an exception handler, and after it was taken.
    pub fn take_result(&mut self) -> Option<Result<T, E>> {
        self.result.take()
    }
}

impl<T, E: DeferError, C> Deferred<T, E, C> {
    /// Rule 1: a deferral begins. [`defer`](crate) on a notifier calls this when it
    /// registers the deferred, then returns [`Unwind::Deferred`] to its caller.
    ///
    /// Fails (with a `SystemError`) in exception mode, when a deferral is already being
    /// registered, or when the deferred is suspended with callbacks and not running.
    pub fn begin(&mut self) -> Result<(), E> {
        let problem = if self.exception_mode {
            "cannot defer while a deferred is in exception mode"
        } else if self.deferral.is_some() {
            "a deferral is already in progress"
        } else if matches!(self.state, State::Finished | State::Zombie) {
            "cannot defer a finished micro-thread"
        } else if self.state == State::Waiting && !self.stack.is_empty() {
            "the deferred is already suspended"
        } else {
            self.deferral = Some(Deferral {
                base: self.stack.len(),
                last: None,
            });
            return Ok(());
        };
        Err(E::system_error(problem, None))
    }

    /// Undo a [`begin`](Self::begin) before anything registered: the deferral could
    /// not be handed to a notifier, and the caller reports that as an ordinary error.
    /// Returns `false` (and changes nothing) if callbacks were already accepted.
    pub fn cancel_begin(&mut self) -> bool {
        match &self.deferral {
            Some(d) if d.last.is_none() => {
                self.deferral = None;
                true
            }
            _ => false,
        }
    }
}

impl<T, E: DeferError, C: Context<T, E>> Deferred<T, E, C> {
    /// Rule 2: register a deferral-aware function's callback while a deferral unwinds.
    ///
    /// `caller` names the function registering. `called` names the function it called:
    /// `None` for the function that called [`begin`](Self::begin) (through a notifier's
    /// `defer`), otherwise it must equal the `caller` of the previous registration. If
    /// it does not, a function that is not deferral-aware sat in between: the deferred
    /// enters exception mode, calls every callback it had accepted for this deferral
    /// once with `Deferred execution not yet implemented by <called>`, and returns that
    /// error (`Err`): the caller must then clean up itself and propagate the error as
    /// an ordinary exception. Its `callback` is dropped without being called.
    pub fn add_callback(
        ctx: &mut C,
        caller: impl Into<Name>,
        called: Option<&str>,
        callback: Callback<T, E, C>,
    ) -> Result<(), E> {
        let caller = caller.into();
        let d = ctx.deferred();
        let Some(deferral) = d.deferral.as_mut() else {
            return Err(E::system_error(
                &format!("{caller} registered a callback but nothing is deferring"),
                None,
            ));
        };
        if deferral.last.as_ref().map(Name::as_str) == called {
            let base = deferral.base;
            deferral.last = Some(caller.clone());
            d.stack.insert(base, Entry { caller, callback });
            return Ok(());
        }
        // The unmodified function is the one `caller` called; if the caller claims to
        // have deferred itself (`called` is `None`) after others registered, the culprit
        // is the caller.
        let culprit = called.unwrap_or(caller.as_str()).to_owned();
        let base = deferral.base;
        d.deferral = None;
        ctx.deferral_abandoned();
        Err(Self::clean_up(ctx, base, E::not_implemented(&culprit)))
    }

    /// Exception mode: call the callbacks registered at `base..` (innermost first) with
    /// `error`, each getting what the one before returned, and return the error to
    /// propagate: the last one raised, or `error` if a callback swallowed it.
    fn clean_up(ctx: &mut C, base: usize, error: E) -> E {
        let d = ctx.deferred();
        d.exception_mode = true;
        let mut input: Result<T, E> = Err(error);
        // Pop one at a time: callbacks may look at the deferred while they run.
        while ctx.deferred().stack.len() > base {
            let Some(entry) = ctx.deferred().stack.pop() else {
                break;
            };
            input = match entry.callback.call(ctx, input) {
                Ok(v) => Ok(v),
                Err(Unwind::Raise(e)) => Err(e),
                Err(Unwind::Deferred) => Err(E::not_implemented(entry.caller.as_str())),
            };
        }
        ctx.deferred().exception_mode = false;
        match input {
            Err(e) => e,
            Ok(_) => E::not_implemented("a callback that swallowed exception mode"),
        }
    }

    /// Rules 3–7: resume the deferred with `outcome` (the PEP's `PyDeferred_Callback`).
    ///
    /// Calls the pending callbacks in order, each exactly once, passing each the result
    /// of the one before; the first gets `outcome`. Stops when a callback defers again
    /// (rules 4–5; [`Status::Suspended`]) or when none is left (rule 7;
    /// [`Status::Finished`]): the final exception then goes to the exception handler,
    /// or the final result is kept for [`take_result`](Self::take_result).
    pub fn callback(ctx: &mut C, outcome: Result<T, E>) -> Result<Status, Misuse> {
        let d = ctx.deferred();
        match d.state {
            State::Running => return Err(Misuse::AlreadyRunning),
            State::Finished | State::Zombie => return Err(Misuse::Finished),
            State::Waiting => {
                // A deferral begun outside any callback run (the owner called the
                // deferring function directly) ends when it is resumed.
                d.deferral = None;
                d.state = State::Running;
            }
        }
        let mut input = outcome;
        loop {
            let Some(entry) = ctx.deferred().stack.pop() else {
                Self::finish(ctx, input);
                return Ok(Status::Finished);
            };
            let Entry { caller, callback } = entry;
            let out = callback.call(ctx, input);
            let deferral = ctx.deferred().deferral.take();
            input = match (out, deferral) {
                (Ok(v), None) => Ok(v),
                (Err(Unwind::Raise(e)), None) => Err(e),
                (Err(Unwind::Deferred), Some(d)) if d.last.as_ref() == Some(&caller) => {
                    // Rule 5: the callback that deferred was the last to register.
                    ctx.deferred().state = State::Waiting;
                    return Ok(Status::Suspended);
                }
                (Err(Unwind::Deferred), Some(_)) => {
                    // Rule 5, mismatch: something between this callback and the
                    // deferral was not deferral-aware. Its registrations stay on top of
                    // the stack and receive the exception first, then the rest.
                    ctx.deferral_abandoned();
                    Err(E::not_implemented(caller.as_str()))
                }
                (Err(Unwind::Deferred), None) => Err(E::system_error(
                    &format!("{caller} returned a deferral without deferring"),
                    None,
                )),
                (Err(Unwind::Raise(mut e)), Some(d)) => {
                    // Rule 6: began to defer, then raised something else.
                    ctx.deferral_abandoned();
                    let msg = format!("{caller} began to defer and then raised an exception");
                    let system = E::system_error(&msg, Some(&e));
                    let _ = Self::clean_up(ctx, d.base, system);
                    e.set_deferred_context();
                    Err(e)
                }
                (Ok(_), Some(d)) => {
                    // A deferral was begun and then dropped for a value: the callback
                    // swallowed it. Clean up what registered, and make the fault loud.
                    ctx.deferral_abandoned();
                    let msg = format!("{caller} returned a value after beginning to defer");
                    let system = E::system_error(&msg, None);
                    Err(Self::clean_up(ctx, d.base, system))
                }
            };
        }
    }

    /// Rule 7: hand the final result to the exception handler, or keep it.
    fn finish(ctx: &mut C, result: Result<T, E>) {
        let d = ctx.deferred();
        match d.handler.take() {
            Some(handler) => {
                d.state = State::Finished;
                if let Err(e) = result {
                    handler(ctx, e);
                }
            }
            None => {
                d.state = State::Zombie;
                d.result = Some(result);
            }
        }
    }
}
