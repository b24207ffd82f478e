//! The `pyvm` command: `pyvm script.py [args...]`, `pyvm -c "code" [args...]`,
//! `pyvm --dis script.py` (bytecode listing). See `pyvm::cli`.

use std::process::ExitCode;

/// Many small, short-lived allocations (strings, lists, boxed frames of data): mimalloc
/// serves them much faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    pyvm::mt::set_allocator_collect(collect);
    pyvm::cli::main()
}

/// mimalloc's full collection: what it keeps freed is given back to the system.
#[allow(unsafe_code)]
fn collect() {
    // SAFETY: a plain call; mimalloc is thread-safe.
    unsafe { mi_collect(true) }
}

/// [`modest_reservations`] runs before `main`, before the first allocation (Rust's
/// start-up allocates), as a constructor.
#[used]
#[link_section = ".init_array"]
static MODEST_RESERVATIONS: extern "C" fn() = modest_reservations;

/// mimalloc's `mi_option_arena_reserve` (its position in `mi_option_t`, mimalloc 3).
const MI_OPTION_ARENA_RESERVE: std::ffi::c_int = 23;
/// mimalloc's `mi_option_allow_thp` (mimalloc 3).
const MI_OPTION_ALLOW_THP: std::ffi::c_int = 43;
/// mimalloc's default arena reservation, which identifies that option.
const MI_DEFAULT_ARENA_RESERVE: usize = 1 << 30;

extern "C" {
    fn mi_collect(force: bool);
    fn mi_option_get_size(option: std::ffi::c_int) -> usize;
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Keep the address space reserved up front modest, so that a process under an
/// address-space limit (`ulimit -v`) can still start thousands of OS threads as
/// CPython's does: mimalloc reserves its arenas 64 MiB at a time (not 1 GiB; later
/// ones grow), and glibc's malloc, which only C code (`pthread_getattr_np`) uses
/// here, keeps one arena instead of a 64 MiB one per OS thread (up to 16).
///
/// And no transparent huge pages (mimalloc asks for them on its arenas): on a machine
/// whose memory is full of page cache, each 2 MiB fault makes the kernel compact
/// memory first, and a million micro_threads started at once took 5-7 s of system
/// time that way instead of 0.6 s of 4 KiB faults (`bench/mt`'s spawn row went from
/// 1 to 9 µs each, varying from run to run with the machine's state, not the code).
/// `MIMALLOC_ALLOW_THP` set in the environment is left alone.
#[allow(unsafe_code)]
extern "C" fn modest_reservations() {
    // SAFETY: plain calls with valid arguments; this runs at start-up, on the one
    // thread there is, before anything is allocated from an arena. The option is
    // set only if it is the one (its default value says so).
    unsafe {
        // (`MIMALLOC_ARENA_RESERVE` set: not the default, left alone.)
        if mi_option_get_size(MI_OPTION_ARENA_RESERVE) == MI_DEFAULT_ARENA_RESERVE {
            // In KiB.
            mi_option_set(MI_OPTION_ARENA_RESERVE, 64 * 1024);
        }
        // (Read without allocating: `MALLOC_ARENA_MAX` set is left alone.)
        if libc::getenv(c"MALLOC_ARENA_MAX".as_ptr()).is_null() {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
        if libc::getenv(c"MIMALLOC_ALLOW_THP".as_ptr()).is_null() {
            mi_option_set(MI_OPTION_ALLOW_THP, 0);
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
}
