//! The global allocator and its start-up settings, shared by the `pyvm` binary and
//! the workspace's front door (both use [`Allocator`], mimalloc with an emergency
//! reserve, and run [`modest_reservations`] as a constructor, before the first
//! allocation).
//!
//! mimalloc itself is built with 16 KiB arena slices (`MI_ARENA_SLICE_SHIFT=14`, set
//! in `.cargo/config.toml`): a thread's heap takes a page per size class it has
//! allocated from, which is 64 KiB by default — over a MiB for each OS thread, most
//! of it empty. See ARCHITECTURE.md, "OS threads".
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// mimalloc's `mi_option_arena_reserve` (its position in `mi_option_t`, mimalloc 3).
const MI_OPTION_ARENA_RESERVE: std::ffi::c_int = 23;
/// mimalloc's default arena reservation, which identifies that option.
const MI_DEFAULT_ARENA_RESERVE: usize = 1 << 30;

/// mimalloc's `mi_option_allow_thp`.
const MI_OPTION_ALLOW_THP: std::ffi::c_int = 43;

extern "C" {
    fn mi_option_get_size(option: std::ffi::c_int) -> usize;
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    fn mi_malloc(size: usize) -> *mut libc::c_void;
    fn mi_free(p: *mut libc::c_void);
}

/// Keep the address space reserved modest, so that a process under an address-space
/// limit (`ulimit -v`) can still start thousands of OS threads as CPython's does:
/// - mimalloc reserves its arenas 64 MiB at a time (not 1 GiB; later ones grow);
/// - mimalloc asks for no transparent huge pages: with them, each OS thread's first
///   page faulted in 2 MiB (1.5 MiB resident a thread, 2,000 threads took 20 s to
///   start), and a program filling memory up to its `MemoryError` spent 5 s in the
///   kernel's page faults where CPython takes 1 (fuzz seed 1208, mutant 440);
/// - glibc's malloc, which only C code (`pthread_getattr_np`) uses here, keeps one
///   arena instead of a 64 MiB one per OS thread (up to 16);
/// - no alternate signal stack per OS thread (see [`no_alternate_stacks`]).
pub extern "C" fn modest_reservations() {
    no_alternate_stacks();
    // SAFETY: plain calls with valid arguments; this runs at start-up, on the one
    // thread there is, before anything is allocated from an arena. The option is set
    // only if it is the one (its default value says so; a value from the
    // environment, `MIMALLOC_ARENA_RESERVE`, is not the default and is left alone).
    unsafe {
        if mi_option_get_size(MI_OPTION_ARENA_RESERVE) == MI_DEFAULT_ARENA_RESERVE {
            // In KiB.
            mi_option_set(MI_OPTION_ARENA_RESERVE, 64 * 1024);
        }
        // (Read without allocating: `MIMALLOC_ALLOW_THP` set is left alone.)
        // (And for the process's other memory: on a machine whose memory is full of
        // page cache, each 2 MiB fault makes the kernel compact memory first; a
        // million micro_threads started at once took 5-7 s of system time that way
        // instead of 0.6 s of 4 KiB faults, `bench/mt`.)
        if libc::getenv(c"MIMALLOC_ALLOW_THP".as_ptr()).is_null() {
            mi_option_set(MI_OPTION_ALLOW_THP, 0);
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
        // (`MALLOC_ARENA_MAX` set is left alone.)
        if libc::getenv(c"MALLOC_ARENA_MAX".as_ptr()).is_null() {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
    retake();
}

/// Rust's runtime, at start-up, installs its stack-overflow reporter for SIGSEGV and
/// SIGBUS when their handlers are the default ones, and from then on maps an
/// alternate signal stack for every thread it starts, in the new thread, before the
/// thread's function runs; when that mapping fails (a program starting threads until
/// its address space runs out: fuzz seed 1207, mutant 5937) the new thread panics
/// where nothing can catch it and the process aborts, where CPython raises
/// `RuntimeError: can't start new thread`. CPython installs no such reporter (a C
/// stack overflow is a plain SIGSEGV), and pyvm bounds its native stack itself
/// (`crate::stack`). So, before the runtime's start-up, both signals get a handler
/// that does what the default does: it puts the default back and returns, and the
/// faulting instruction, run again, ends the process with the same signal. The
/// runtime then sees handlers already set and maps no alternate stacks.
fn no_alternate_stacks() {
    // SA_RESETHAND puts the default back as the signal is delivered; the handler
    // then has nothing left to do.
    extern "C" fn back_to_default(_: libc::c_int) {}
    for sig in [libc::SIGSEGV, libc::SIGBUS] {
        // SAFETY: a plain call at start-up, on the one thread there is, with a valid
        // signal and a handler that does nothing.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = back_to_default as extern "C" fn(libc::c_int) as usize;
            action.sa_flags = libc::SA_RESETHAND | libc::SA_NODEFER;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(sig, &action, std::ptr::null_mut());
        }
    }
}

/// The emergency reserve: a block of mimalloc's, never touched (so it costs address
/// space, which counts against `ulimit -v`, and no memory), freed when a small
/// allocation fails, so that the allocation, and the `MemoryError` that follows, can
/// be made from its room. It is mimalloc's own (not a mapping beside its arenas):
/// memory a program frees stays in mimalloc's arenas, so only mimalloc can hand it
/// back to the reserve.
const RESERVE: usize = 32 << 20;
/// Allocations up to this size may use the reserve. A bigger request that fails is
/// the caller's to handle (pyvm checks big requests, `objects::memory`): spending the
/// reserve on it would leave nothing for the many small allocations of a program
/// that runs out of memory bit by bit.
const SMALL: usize = RESERVE / 4;

/// The reserve's block (0: given back, not yet taken again).
static RESERVE_AT: AtomicUsize = AtomicUsize::new(0);
/// An allocation succeeded only thanks to the reserve: the running code gets a
/// `MemoryError` at its next safe point ([`take_memory_error`]).
static MEMORY_ERROR: AtomicBool = AtomicBool::new(false);

/// pyvm's global allocator: mimalloc, plus the emergency reserve. When an allocation
/// of at most [`SMALL`] bytes fails (a program filling its memory bit by bit, which
/// Rust would end with an abort), the reserve is freed, the
/// allocation is retried, and a `MemoryError` is made pending: the dispatch loop
/// raises it at its next checkpoint (where it checks for finalizers to run),
/// and a growing list raises it as it grows (`objects::memory::push`). The reserve
/// is taken again when a handler catches an exception ([`retake`]) and memory has
/// come back. With the reserve already spent, such a failure is a fatal error
/// (CPython's wording, exit status 1) rather than an abort. The successful path
/// costs nothing over mimalloc's.
pub struct Allocator;

// SAFETY: every request goes to mimalloc, a correct allocator; the wrapper only
// retries failed requests and never unwinds.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = mimalloc::MiMalloc.alloc(layout);
        if p.is_null() {
            return failed(layout.size(), || mimalloc::MiMalloc.alloc(layout));
        }
        p
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = mimalloc::MiMalloc.alloc_zeroed(layout);
        if p.is_null() {
            return failed(layout.size(), || mimalloc::MiMalloc.alloc_zeroed(layout));
        }
        p
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = mimalloc::MiMalloc.realloc(ptr, layout, new_size);
        if p.is_null() {
            return failed(new_size, || {
                mimalloc::MiMalloc.realloc(ptr, layout, new_size)
            });
        }
        p
    }
}

/// An allocation of `size` bytes failed: give the reserve back and `retry`; see
/// [`Allocator`]. Allocates nothing itself.
#[cold]
#[inline(never)]
fn failed(size: usize, retry: impl FnOnce() -> *mut u8) -> *mut u8 {
    if size > SMALL {
        return std::ptr::null_mut();
    }
    let at = RESERVE_AT.swap(0, Ordering::SeqCst);
    if at != 0 {
        // SAFETY: the reserve's block, freed once (the swap took it).
        unsafe { mi_free(at as *mut libc::c_void) };
        let p = retry();
        if !p.is_null() {
            MEMORY_ERROR.store(true, Ordering::SeqCst);
            crate::objects::finalize::wake();
            return p;
        }
    }
    fatal(size)
}

/// Out of memory with the reserve spent: CPython's fatal error, written without
/// allocating, and exit status 1.
fn fatal(size: usize) -> ! {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = size;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let parts: [&[u8]; 3] = [
        b"Fatal Python error: allocate: Out of memory (",
        &digits[at..],
        b" bytes)\nPython runtime state: initialized\n\n",
    ];
    for part in parts {
        // SAFETY: writes a valid buffer to stderr.
        unsafe { libc::write(2, part.as_ptr().cast(), part.len()) };
    }
    // SAFETY: ends the process without running anything more (which would allocate).
    unsafe { libc::_exit(1) }
}

/// Take the reserve (again), if it is not held and the address space is there: at
/// start-up, and when a handler catches an exception (the memory a failed
/// computation held is released as its frames unwind). Cheap when it is held.
pub fn retake() {
    if RESERVE_AT.load(Ordering::Relaxed) != 0 {
        return;
    }
    // SAFETY: a plain allocation (null when there is no room).
    let p = unsafe { mi_malloc(RESERVE) };
    if p.is_null() {
        return;
    }
    if RESERVE_AT
        .compare_exchange(0, p as usize, Ordering::SeqCst, Ordering::SeqCst)
        .is_err()
    {
        // Another OS thread took it meanwhile.
        // SAFETY: the block just allocated, unused.
        unsafe { mi_free(p) };
    }
}

/// Is a `MemoryError` pending (an allocation needed the reserve)? Lowers the flag:
/// the caller raises it.
#[inline]
pub fn take_memory_error() -> bool {
    MEMORY_ERROR.load(Ordering::Relaxed) && MEMORY_ERROR.swap(false, Ordering::SeqCst)
}
