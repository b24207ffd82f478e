//! Reusing one deferred for many deferrals allocates nothing on the hot path.
//!
//! This file is its own test binary because it installs a counting global allocator
//! (counting per thread, so other tests running in parallel do not disturb it).

use deferred::{Callback, Context, DeferError, Deferred, Status, Step, Unwind};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call forwards to the system allocator unchanged; the only addition is a
// const-initialised thread-local counter, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCS.with(Cell::get)
}

#[derive(Debug)]
struct E;
impl DeferError for E {
    fn not_implemented(_: &str) -> Self {
        E
    }
    fn system_error(_: &str, _: Option<&Self>) -> Self {
        E
    }
}

/// A micro-thread whose state (a counter) lives in the context, so its callbacks are
/// plain `fn`s.
struct Thread {
    d: Deferred<u64, E, Thread>,
    left: u32,
}

impl Context<u64, E> for Thread {
    fn deferred(&mut self) -> &mut Deferred<u64, E, Thread> {
        &mut self.d
    }
}

/// "read" calls "recv", which defers while `left` > 0: "recv" registers first, then
/// "read" registers itself naming "recv", as deferral-aware functions do.
fn read(t: &mut Thread, r: Result<u64, E>) -> Step<u64, E> {
    let v = r.map_err(Unwind::Raise)?;
    if t.left == 0 {
        return Ok(v);
    }
    t.left -= 1;
    t.d.begin()?;
    Deferred::add_callback(t, "recv", None, Callback::Fn(handle))?;
    Deferred::add_callback(t, "read", Some("recv"), Callback::Fn(read))?;
    Err(Unwind::Deferred)
}

fn handle(_t: &mut Thread, r: Result<u64, E>) -> Step<u64, E> {
    Ok(r.map_err(Unwind::Raise)? + 1)
}

#[test]
fn ten_thousand_deferrals_allocate_nothing() {
    let mut t = Thread {
        d: Deferred::new(),
        left: 10_000,
    };
    t.d.then("read", Callback::Fn(read));
    t.d.then("serve", Callback::Fn(handle));
    // The first round grows the queue to its working depth.
    assert_eq!(Deferred::callback(&mut t, Ok(0)), Ok(Status::Suspended));
    assert_eq!(t.d.pending().collect::<Vec<_>>(), ["recv", "read", "serve"]);
    let before = allocations();
    for i in 0..9_999 {
        assert_eq!(Deferred::callback(&mut t, Ok(i)), Ok(Status::Suspended));
    }
    let during = allocations() - before;
    assert_eq!(Deferred::callback(&mut t, Ok(7)), Ok(Status::Finished));
    assert_eq!(during, 0, "deferral round trips allocated");
    assert!(matches!(t.d.take_result(), Some(Ok(_))));
}
