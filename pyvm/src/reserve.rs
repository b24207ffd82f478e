//! The allocators' start-up settings, shared by the `pyvm` binary and the workspace's
//! front door (both use mimalloc as their global allocator and run
//! [`modest_reservations`] as a constructor, before the first allocation).
//!
//! mimalloc itself is built with 16 KiB arena slices (`MI_ARENA_SLICE_SHIFT=14`, set
//! in `.cargo/config.toml`): a thread's heap takes a page per size class it has
//! allocated from, which is 64 KiB by default — over a MiB for each OS thread, most
//! of it empty. See ARCHITECTURE.md, "OS threads".
#![allow(unsafe_code)]

/// mimalloc's `mi_option_arena_reserve` (its position in `mi_option_t`, mimalloc 3).
const MI_OPTION_ARENA_RESERVE: std::ffi::c_int = 23;
/// mimalloc's default arena reservation, which identifies that option.
const MI_DEFAULT_ARENA_RESERVE: usize = 1 << 30;

/// mimalloc's `mi_option_allow_thp`.
const MI_OPTION_ALLOW_THP: std::ffi::c_int = 43;

extern "C" {
    fn mi_option_get_size(option: std::ffi::c_int) -> usize;
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Keep the address space reserved modest, so that a process under an address-space
/// limit (`ulimit -v`) can still start thousands of OS threads as CPython's does:
/// - mimalloc reserves its arenas 64 MiB at a time (not 1 GiB; later ones grow);
/// - mimalloc asks for no transparent huge pages: with them, each OS thread's first
///   page faulted in 2 MiB (1.5 MiB resident a thread, 2,000 threads took 20 s to
///   start), and a program filling memory up to its `MemoryError` spent 5 s in the
///   kernel's page faults where CPython takes 1 (fuzz seed 1208, mutant 440);
/// - glibc's malloc, which only C code (`pthread_getattr_np`) uses here, keeps one
///   arena instead of a 64 MiB one per OS thread (up to 16).
pub extern "C" fn modest_reservations() {
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
}
