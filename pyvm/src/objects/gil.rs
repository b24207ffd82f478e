//! The GIL token and the GIL cell: with `rc` (the handles' counts under the GIL), the
//! object model's `unsafe` code.
//!
//! # The safety argument
//!
//! Python objects are shared between OS threads through `Arc` handles, so a handle is
//! `Send + Sync`. Their mutable insides (a list's items, a dict's table) sit in a
//! [`GilCell`], which is `Sync` although it hands out `&mut` access without any atomic
//! operation. That is sound because of one invariant:
//!
//! > A `GilCell` is only ever touched by a thread that holds the GIL.
//!
//! The type system enforces it in the manner of pyo3's `Python<'py>`:
//!
//! 1. Every access to a `GilCell` takes a [`Gil`] token. A token is zero-sized and
//!    `Copy`, so passing it costs nothing.
//! 2. The only way to get a token is [`with_gil`], which holds the process-wide GIL
//!    mutex for the whole call of its closure. The token's lifetime `'py` is chosen by
//!    `with_gil` (a higher-ranked closure), so the token cannot be returned out of the
//!    closure or stored anywhere that outlives it — not even in a `thread_local!`.
//! 3. A token is not `Send` (it holds a `PhantomData<*mut ()>`), so it never reaches
//!    another OS thread; neither do the borrow guards, for the same reason. A guard
//!    borrows for the token's lifetime (`borrow(&'a self, Gil<'a>)`), so it cannot
//!    outlive `with_gil` either: its drop always runs with the GIL held.
//! 4. [`allow_threads`] releases the GIL while a closure runs and takes it back
//!    afterwards. The closure must be `Send`, so it cannot capture a token (or a guard)
//!    and so cannot touch a `GilCell` while the GIL is released.
//!
//! With the GIL serializing all threads, a `GilCell` behaves exactly like a `RefCell`
//! used from one thread: a non-atomic borrow counter detects overlapping borrows (which
//! the VM never creates: it clones values out and never holds a borrow across a call
//! into Python), and reports them instead of aliasing. Dropping a `GilCell` needs no
//! token: the last `Arc` owner has exclusive access.
//!
//! # What it prevents
//!
//! A token cannot be sent to another thread:
//! ```compile_fail
//! pyvm::objects::gil::with_gil(|gil| {
//!     std::thread::spawn(move || { let _g = gil; });
//! });
//! ```
//! A token cannot escape `with_gil`:
//! ```compile_fail
//! let gil = pyvm::objects::gil::with_gil(|gil| gil);
//! ```
//! A closure running without the GIL cannot use the token:
//! ```compile_fail
//! use pyvm::objects::gil::{allow_threads, with_gil, GilCell};
//! let cell = GilCell::new(1);
//! with_gil(|gil| allow_threads(gil, || *cell.borrow(gil)));
//! ```
//! A borrow guard cannot outlive the GIL (its lifetime is the token's, so it cannot
//! leave `with_gil` and be dropped — touching the borrow counter — without the GIL):
//! ```compile_fail
//! use pyvm::objects::gil::{with_gil, GilCell};
//! let cell = GilCell::new(1);
//! let r = with_gil(|gil| cell.borrow(gil));
//! ```
//! A borrow guard cannot cross threads either:
//! ```compile_fail
//! use pyvm::objects::gil::{with_gil, GilCell};
//! let cell = GilCell::new(1);
//! with_gil(|gil| {
//!     let r = cell.borrow(gil);
//!     std::thread::scope(|s| { s.spawn(move || *r); });
//! });
//! ```
#![allow(unsafe_code)]

use std::cell::{Cell, UnsafeCell};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Proof that the current OS thread holds the GIL, valid for `'py`.
///
/// Zero-sized and `Copy`; not `Send` and not `Sync`.
#[derive(Clone, Copy)]
pub struct Gil<'py> {
    _held: PhantomData<&'py ()>,
    _not_send: PhantomData<*mut ()>,
}

const _: () = assert!(std::mem::size_of::<Gil<'static>>() == 0);

// ----- the lock itself ---------------------------------------------------------------
//
// A flag taken with one compare-and-swap when free (the single-threaded case costs two
// atomic operations per `with_gil`), and a mutex and condition variables for waiting.
// A thread that has waited a whole switch interval for the GIL sets `DROP_REQUEST`;
// the holder sees it at its next backward jump or call (the VM's attention check) and
// hands the GIL over in [`yield_if_requested`], waiting until another thread has
// actually taken it (CPython's forced switching), so CPU-bound threads take turns.

/// Held by some thread.
static HELD: AtomicBool = AtomicBool::new(false);
/// Threads waiting in `slow_lock`.
static WAITERS: AtomicUsize = AtomicUsize::new(0);
/// A waiter asks the holder to let go (it waited a switch interval).
static DROP_REQUEST: AtomicBool = AtomicBool::new(false);
/// How many times a waiter has taken the GIL (so a yielding holder sees the switch).
static SWITCHES: AtomicU64 = AtomicU64::new(0);
/// The switch interval in nanoseconds (`sys.setswitchinterval`; CPython's 5 ms).
static INTERVAL_NS: AtomicU64 = AtomicU64::new(5_000_000);
static WAIT: Mutex<()> = Mutex::new(());
static FREED: Condvar = Condvar::new();
static SWITCHED: Condvar = Condvar::new();

thread_local! {
    /// How many `with_gil` calls are active on this thread (re-entry does not relock).
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// `DEPTH` when the running coroutine (a micro-thread's worker stack) was entered.
    static ENTERED: Cell<usize> = const { Cell::new(0) };
}

fn interval() -> Duration {
    Duration::from_nanos(INTERVAL_NS.load(Ordering::Relaxed))
}

fn wait_guard() -> MutexGuard<'static, ()> {
    WAIT.lock().unwrap_or_else(|p| p.into_inner())
}

fn lock() {
    if HELD
        .compare_exchange(false, true, Ordering::SeqCst, Ordering::Relaxed)
        .is_err()
    {
        slow_lock();
    }
}

#[cold]
fn slow_lock() {
    WAITERS.fetch_add(1, Ordering::SeqCst);
    let mut g = wait_guard();
    loop {
        if HELD
            .compare_exchange(false, true, Ordering::SeqCst, Ordering::Relaxed)
            .is_ok()
        {
            break;
        }
        let (g2, waited) = FREED
            .wait_timeout(g, interval())
            .unwrap_or_else(|p| p.into_inner());
        g = g2;
        if waited.timed_out() && HELD.load(Ordering::SeqCst) {
            DROP_REQUEST.store(true, Ordering::SeqCst);
        }
    }
    WAITERS.fetch_sub(1, Ordering::SeqCst);
    SWITCHES.fetch_add(1, Ordering::SeqCst);
    SWITCHED.notify_all();
    drop(g);
}

fn unlock() {
    HELD.store(false, Ordering::SeqCst);
    if WAITERS.load(Ordering::SeqCst) > 0 {
        let _g = wait_guard();
        FREED.notify_one();
    }
}

/// Has another thread asked for the GIL (checked by the VM at its safe points)?
#[inline]
pub fn drop_requested() -> bool {
    DROP_REQUEST.load(Ordering::Relaxed)
}

/// Hand the GIL to the thread asking for it, if one is, and take it back after that
/// thread has run (CPython's forced switching). Call only where no borrow of a
/// `GilCell` is alive (the VM's backward jumps and calls).
pub fn yield_if_requested(gil: Gil<'_>) {
    if !DROP_REQUEST.swap(false, Ordering::SeqCst) {
        return;
    }
    let before = SWITCHES.load(Ordering::SeqCst);
    allow_threads(gil, || {
        let mut g = wait_guard();
        while SWITCHES.load(Ordering::SeqCst) == before && WAITERS.load(Ordering::SeqCst) > 0 {
            let (g2, waited) = SWITCHED
                .wait_timeout(g, interval())
                .unwrap_or_else(|p| p.into_inner());
            g = g2;
            if waited.timed_out() {
                break;
            }
        }
    });
}

/// Call `fork` (the system call, made holding the GIL) with the GIL's own lock
/// held, so the child finds it free; in the child (`is_child` of the result) no
/// thread waits for the GIL any more (they are not in it).
pub fn around_fork<R>(_gil: Gil<'_>, fork: impl FnOnce() -> R, is_child: impl Fn(&R) -> bool) -> R {
    let g = wait_guard();
    let r = fork();
    if is_child(&r) {
        WAITERS.store(0, Ordering::SeqCst);
        DROP_REQUEST.store(false, Ordering::SeqCst);
    }
    drop(g);
    r
}

/// `sys.setswitchinterval(seconds)`.
pub fn set_switch_interval(seconds: f64) {
    let ns = (seconds * 1e9).clamp(1.0, 1e15) as u64;
    INTERVAL_NS.store(ns, Ordering::Relaxed);
}

/// `sys.getswitchinterval()`.
pub fn switch_interval() -> f64 {
    INTERVAL_NS.load(Ordering::Relaxed) as f64 / 1e9
}

/// Does this thread hold the GIL? (`rc::Arc` checks it in debug builds.)
pub fn held_here() -> bool {
    DEPTH.try_with(|d| d.get() > 0).unwrap_or(false)
}

/// Run `f` holding the GIL. Re-entrant on one thread.
pub fn with_gil<R>(f: impl for<'py> FnOnce(Gil<'py>) -> R) -> R {
    struct Release;
    impl Drop for Release {
        fn drop(&mut self) {
            let depth = DEPTH.with(|d| {
                d.set(d.get() - 1);
                d.get()
            });
            if depth == 0 {
                unlock();
            }
        }
    }
    if DEPTH.with(|d| d.get()) == 0 {
        lock();
    }
    DEPTH.with(|d| d.set(d.get() + 1));
    let _release = Release;
    f(Gil {
        _held: PhantomData,
        _not_send: PhantomData,
    })
}

/// Take the GIL for a stretch of work made of many short `with_gil` calls (the
/// driver's round of micro-thread runs): those calls are then nested and touch no
/// atomic. Ended by [`release_hold`]; other OS threads get the GIL meanwhile through
/// the running code's drop requests (`yield_if_requested`), as inside any `with_gil`.
pub fn hold() {
    if DEPTH.with(|d| d.get()) == 0 {
        lock();
    }
    DEPTH.with(|d| d.set(d.get() + 1));
}

/// End a [`hold`].
pub fn release_hold() {
    let depth = DEPTH.with(|d| {
        d.set(d.get().saturating_sub(1));
        d.get()
    });
    if depth == 0 {
        unlock();
    }
}

/// Run `f` with the GIL released (a blocking wait), then take the GIL back.
pub fn allow_threads<R>(_gil: Gil<'_>, f: impl FnOnce() -> R + Send) -> R {
    let saved = DEPTH.with(|d| d.replace(0));
    unlock();
    struct Reacquire(usize);
    impl Drop for Reacquire {
        fn drop(&mut self) {
            lock();
            DEPTH.with(|d| d.set(self.0));
        }
    }
    let _back = Reacquire(saved);
    f()
}

/// Switch into a coroutine (a worker stack of the micro-thread driver): `f` resumes
/// it. The token proves the GIL is held while the coroutine runs, so the tokens it
/// holds on its own stack are valid again. Pairs with [`leave_coroutine`].
pub fn enter_coroutine<R>(_gil: Gil<'_>, f: impl FnOnce() -> R) -> R {
    let prev = ENTERED.with(|e| e.replace(DEPTH.with(|d| d.get())));
    let r = f();
    ENTERED.with(|e| e.set(prev));
    r
}

/// Inside a coroutine, switch out of it (`f` suspends it): the `with_gil` calls it
/// made stay open on its stack, so this thread's depth goes back to what it was
/// when the coroutine was entered (the resumer's `with_gil` decides when the GIL is
/// released) and comes back when the coroutine is entered again.
///
/// Sound because a suspended coroutine runs nothing: its tokens are used again only
/// after [`enter_coroutine`], which needs a token, so the GIL is held then; and a
/// coroutine is not `Send`, so it is resumed on this thread.
pub fn leave_coroutine<R>(_gil: Gil<'_>, f: impl FnOnce() -> R) -> R {
    let mine = DEPTH.with(|d| d.get());
    let base = ENTERED.with(|e| e.get());
    DEPTH.with(|d| d.set(base));
    let r = f();
    let now = ENTERED.with(|e| e.get());
    DEPTH.with(|d| d.set(now + mine.saturating_sub(base)));
    r
}

/// A value reachable only by the thread holding the GIL.
pub struct GilCell<T: 'static> {
    /// Freed by `Drop` through `trash::dispose` (deeply nested lists and dicts).
    value: UnsafeCell<ManuallyDrop<T>>,
    /// 0: free; n > 0: n shared borrows; -1: one exclusive borrow.
    borrows: UnsafeCell<isize>,
}

// SAFETY: all access to `value` and `borrows` goes through `borrow`/`borrow_mut`, which
// require a `Gil` token; tokens exist only on the one thread holding the GIL, so the
// non-atomic accesses are serialized. `T: Send` because the value may be dropped or
// used by whichever thread holds the GIL next.
unsafe impl<T: Send + 'static> Sync for GilCell<T> {}

impl<T: 'static> GilCell<T> {
    pub const fn new(value: T) -> Self {
        GilCell {
            value: UnsafeCell::new(ManuallyDrop::new(value)),
            borrows: UnsafeCell::new(0),
        }
    }

    /// Shared access. Panics with [`BorrowConflict`] if the value is mutably borrowed.
    pub fn borrow<'a>(&'a self, gil: Gil<'a>) -> GilRef<'a, T> {
        self.try_borrow(gil).unwrap_or_else(|| conflict())
    }

    /// Exclusive access. Panics with [`BorrowConflict`] if the value is borrowed.
    pub fn borrow_mut<'a>(&'a self, gil: Gil<'a>) -> GilRefMut<'a, T> {
        self.try_borrow_mut(gil).unwrap_or_else(|| conflict())
    }

    pub fn try_borrow<'a>(&'a self, _gil: Gil<'a>) -> Option<GilRef<'a, T>> {
        // SAFETY: the token proves this thread holds the GIL, so nothing else touches
        // `borrows` concurrently.
        let n = unsafe { &mut *self.borrows.get() };
        if *n < 0 {
            return None;
        }
        *n += 1;
        Some(GilRef {
            cell: self,
            _not_send: PhantomData,
        })
    }

    pub fn try_borrow_mut<'a>(&'a self, _gil: Gil<'a>) -> Option<GilRefMut<'a, T>> {
        // SAFETY: as in `try_borrow`.
        let n = unsafe { &mut *self.borrows.get() };
        if *n != 0 {
            return None;
        }
        *n = -1;
        Some(GilRefMut {
            cell: self,
            _not_send: PhantomData,
        })
    }

    /// Exclusive access through an exclusive borrow of the cell (no token needed).
    pub fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }

    /// The value, when the cell is owned (no token needed: ownership is exclusive).
    pub fn into_inner(self) -> T {
        let mut this = ManuallyDrop::new(self);
        // SAFETY: `this` is never dropped, so the value is taken exactly once.
        unsafe { ManuallyDrop::take(this.value.get_mut()) }
    }
}

impl<T: 'static> Drop for GilCell<T> {
    fn drop(&mut self) {
        // SAFETY: the value is taken once, here, and never touched again.
        let value = unsafe { ManuallyDrop::take(self.value.get_mut()) };
        super::trash::dispose(value);
    }
}

/// A `Copy` value reachable only by the thread holding the GIL, read and written
/// whole: `std::cell::Cell` for data shared across threads under the GIL. No borrow
/// count (a [`GilCell`] borrow is a check, an increment and a decrement): no reference
/// to the inside is ever handed out, so there is nothing to count. For per-site
/// caches read on every execution of an instruction (`LOAD_GLOBAL`'s slots).
pub struct GilCopy<T: Copy + 'static>(UnsafeCell<T>);

// SAFETY: the value is only read or written through `get`/`set`, which require a `Gil`
// token of the one thread holding the GIL, so the accesses are serialized; they copy
// the value in or out and keep no reference, as `Cell`'s do on one thread.
unsafe impl<T: Copy + Send + 'static> Sync for GilCopy<T> {}

impl<T: Copy + 'static> GilCopy<T> {
    pub const fn new(value: T) -> Self {
        GilCopy(UnsafeCell::new(value))
    }

    #[inline]
    pub fn get(&self, _gil: Gil<'_>) -> T {
        // SAFETY: see the `Sync` impl; no reference into the cell outlives this copy.
        unsafe { *self.0.get() }
    }

    #[inline]
    pub fn set(&self, _gil: Gil<'_>, value: T) {
        // SAFETY: as in `get`.
        unsafe { *self.0.get() = value }
    }
}

/// The panic payload of a [`GilCell`] borrowed against its current borrow. Only one
/// way to get there is not a VM bug: Python code that a native runs while it holds a
/// container borrowed (a user `__eq__` during a set probe) changing that container.
/// `vm::detached`, which runs such code, catches it as a `RuntimeError`.
pub struct BorrowConflict;

#[cold]
fn conflict() -> ! {
    std::panic::panic_any(BorrowConflict)
}

/// A shared borrow of a [`GilCell`]; not `Send`.
pub struct GilRef<'a, T: 'static> {
    cell: &'a GilCell<T>,
    _not_send: PhantomData<*mut ()>,
}

impl<T: 'static> Deref for GilRef<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the borrow counter is positive while this guard lives, so no
        // `GilRefMut` exists; the GIL is held because the guard is not `Send` and was
        // made with a token of this thread.
        unsafe { &*self.cell.value.get() }
    }
}

impl<T: 'static> Drop for GilRef<'_, T> {
    fn drop(&mut self) {
        // SAFETY: see `Deref`; the guard proves the GIL is held on this thread.
        unsafe { *self.cell.borrows.get() -= 1 }
    }
}

/// An exclusive borrow of a [`GilCell`]; not `Send`.
pub struct GilRefMut<'a, T: 'static> {
    cell: &'a GilCell<T>,
    _not_send: PhantomData<*mut ()>,
}

impl<T: 'static> Deref for GilRefMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the counter is -1 while this guard lives: no other guard exists.
        unsafe { &*self.cell.value.get() }
    }
}

impl<T: 'static> DerefMut for GilRefMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `Deref`; `&mut self` makes this the only live reference.
        unsafe { &mut *self.cell.value.get() }
    }
}

impl<T: 'static> Drop for GilRefMut<'_, T> {
    fn drop(&mut self) {
        // SAFETY: see `Deref`.
        unsafe { *self.cell.borrows.get() = 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_are_counted() {
        let cell = GilCell::new(vec![1]);
        with_gil(|gil| {
            let a = cell.borrow(gil);
            assert!(cell.try_borrow_mut(gil).is_none());
            let b = cell.borrow(gil);
            assert_eq!(a.len() + b.len(), 2);
            drop((a, b));
            cell.borrow_mut(gil).push(2);
            assert_eq!(*cell.borrow(gil), vec![1, 2]);
        });
    }

    #[test]
    fn gil_is_reentrant_and_released() {
        let n = with_gil(|gil| {
            let inner = with_gil(|_| 1);
            inner
                + allow_threads(gil, || {
                    std::thread::spawn(|| with_gil(|_| 2)).join().unwrap_or(0)
                })
        });
        assert_eq!(n, 3);
    }
}
