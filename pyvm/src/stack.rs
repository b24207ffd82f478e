//! How much native (Rust) stack is left, wherever the code runs.
//!
//! Python code never recurses on the Rust stack, but natives calling Python (a nested
//! loop), the compiler and the hash of nested tuples do. On an OS thread's own stack
//! `stacker` measures what is left and grows the stack on demand. A micro-thread runs
//! on a worker stack of the driver (`mt::worker`), which `stacker` knows nothing about:
//! there the worker's bounds, recorded here while it runs, are what counts.
//!
//! - [`nested`] guards a nested dispatch loop, which may suspend its micro-thread
//!   (a hard switch): on a worker it goes on in a new segment of worker stack when
//!   too little is left (`mt::worker::on_segment`, not `stacker`: a suspended
//!   segment would confuse `stacker`'s per-thread record), and reports `None` when
//!   no segment can be mapped, which the caller raises as `RecursionError`. The
//!   depth of nested loops is then bounded by the recursion limit and the memory
//!   there is, not by a worker stack's size.
//! - [`low`] is the check of natives that recurse over nested data with a depth
//!   count (repr, comparisons, JSON): they stop with `RecursionError` when the stack
//!   runs low too, whatever their count.
//! - [`maybe_grow`] is for code that never suspends (the hash of a deep tuple): on a
//!   worker it grows through `stacker` when needed, and marks the grown segment so
//!   that nothing inside it switches stacks.

use std::cell::Cell;

/// Stack a nested loop needs to be entered (the loop, a native and its callees).
pub(crate) const RED_ZONE: usize = 128 * 1024;

thread_local! {
    /// The lowest address of the running worker's stack, 0 when the code runs on the
    /// OS thread's own stack (or in a segment grown from a worker's).
    static LIMIT: Cell<usize> = const { Cell::new(0) };
}

/// An address on the current stack (the stack grows down).
#[inline(always)]
fn here() -> usize {
    let probe = 0u8;
    std::hint::black_box(&probe) as *const u8 as usize
}

/// Record that code now runs on a worker stack (or a segment of one) whose lowest
/// address is `limit` (0: on the OS thread's stack). Returns the previous setting.
pub(crate) fn set_worker_limit(limit: usize) -> usize {
    LIMIT.with(|l| l.replace(limit))
}

/// The lowest address of the worker stack (or segment) the code runs on; 0 off one.
pub(crate) fn worker_limit() -> usize {
    LIMIT.with(|l| l.get())
}

/// Does the code run on a worker stack (where a hard switch is possible)?
pub(crate) fn on_worker() -> bool {
    LIMIT.with(|l| l.get()) != 0
}

/// Stack a depth-counted native recursion (the repr, comparison or JSON coding of
/// nested containers) keeps free below each level: [`low`] says when it is not.
const LEVEL_ZONE: usize = 64 * 1024;

/// Is the stack nearly used up? A native recursing over nested data counts its depth
/// (CPython's limits), and also stops here with its `RecursionError` — on a small
/// stack (an OS thread's `stack_size()`), long before its count.
#[inline]
pub fn low() -> bool {
    let limit = LIMIT.with(|l| l.get());
    if limit == 0 {
        return stacker::remaining_stack().is_some_and(|left| left < LEVEL_ZONE);
    }
    here().saturating_sub(limit) < LEVEL_ZONE
}

/// Run `f` (a nested dispatch loop, which may suspend) if enough stack is left for it:
/// `None` when not (raise `RecursionError`), or when the OS thread's stack would grow
/// and the memory for it is not there.
pub fn nested<R>(f: impl FnOnce() -> R) -> Option<R> {
    let limit = LIMIT.with(|l| l.get());
    if limit == 0 {
        return grow_if_room(RED_ZONE, 16 * 1024 * 1024, f);
    }
    if here().saturating_sub(limit) < RED_ZONE {
        // A new segment of worker stack, where the loop may still suspend.
        return crate::mt::worker::on_segment(f);
    }
    Some(f())
}

/// Run `f` (code that never suspends) with at least `red_zone` bytes of stack,
/// growing it by `size` when needed; `None` when it would grow and the memory for
/// the new segment is not there (raise `MemoryError`).
pub fn maybe_grow<R>(red_zone: usize, size: usize, f: impl FnOnce() -> R) -> Option<R> {
    let limit = LIMIT.with(|l| l.get());
    if limit == 0 {
        return grow_if_room(red_zone, size, f);
    }
    if here().saturating_sub(limit) >= red_zone {
        return Some(f());
    }
    if !room_for_segment(size) {
        return None;
    }
    // A segment of `stacker`'s: nothing in it may switch (see the module doc).
    let saved = set_worker_limit(0);
    let r = grow(size, f);
    set_worker_limit(saved);
    r
}

/// `stacker::maybe_grow` on the OS thread's stack, or `None` when the stack would
/// grow and the memory is not there (`stacker` panics when its mapping fails).
fn grow_if_room<R>(red_zone: usize, size: usize, f: impl FnOnce() -> R) -> Option<R> {
    if stacker::remaining_stack().is_none_or(|left| left >= red_zone) {
        return Some(f());
    }
    if !room_for_segment(size) {
        return None;
    }
    grow(size, f)
}

/// Could a stack segment of `size` bytes be mapped now? Asked of the system as
/// `stacker` asks (a private read-write mapping), then given back at once: under an
/// address-space limit, or with the memory full, its mapping fails and it panics.
#[allow(unsafe_code)]
pub(crate) fn room_for_segment(size: usize) -> bool {
    // SAFETY: a fresh anonymous mapping, never touched, unmapped at once.
    unsafe {
        let p = libc::mmap(
            std::ptr::null_mut(),
            size + 4096,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if p == libc::MAP_FAILED {
            return false;
        }
        libc::munmap(p, size + 4096);
    }
    true
}

thread_local! {
    /// `stacker` is mapping a segment for [`grow`] (the function has not started).
    static MAPPING: Cell<bool> = const { Cell::new(false) };
}

/// `stacker::grow`, or `None` when its segment cannot be mapped after all: another
/// OS thread took the address space [`room_for_segment`] saw (`stacker` panics
/// then; the panic is caught here, before the function ran, and kept quiet).
fn grow<R>(size: usize, f: impl FnOnce() -> R) -> Option<R> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if MAPPING.with(Cell::get) {
                return;
            }
            prev(info)
        }));
    });
    let mut f = Some(f);
    MAPPING.with(|m| m.set(true));
    let run = std::panic::AssertUnwindSafe(|| {
        stacker::grow(size, || {
            MAPPING.with(|m| m.set(false));
            (f.take().expect("run once"))()
        })
    });
    let out = std::panic::catch_unwind(run);
    MAPPING.with(|m| m.set(false));
    match out {
        Ok(r) => Some(r),
        // The mapping failed: the function never ran.
        Err(_) if f.is_some() => None,
        Err(p) => std::panic::resume_unwind(p),
    }
}

#[cfg(test)]
mod tests {
    /// A segment that cannot be mapped (stacker panics making it: here a size no
    /// address space has; under a limit, another thread taking the room the probe
    /// saw) is `None`, and the function never runs.
    #[test]
    fn an_unmappable_segment_is_none() {
        let mut ran = false;
        assert!(super::grow(1 << 60, || ran = true).is_none());
        assert!(!ran);
        assert_eq!(super::grow(256 * 1024, || 7), Some(7));
    }

    /// A panic of the function itself goes on unwinding.
    #[test]
    fn the_functions_own_panic_unwinds() {
        let r = std::panic::catch_unwind(|| super::grow(256 * 1024, || panic!("inner")));
        assert!(r.is_err());
    }
}
