//! The `pyvm` command: `pyvm script.py [args...]`, `pyvm -c "code" [args...]`,
//! `pyvm --dis script.py` (bytecode listing). See `pyvm::cli`.

use std::process::ExitCode;

/// Many small, short-lived allocations (strings, lists, boxed frames of data): mimalloc
/// serves them much faster than the system allocator; pyvm's wrapper turns running
/// out of memory into `MemoryError` (`pyvm::reserve::Allocator`).
#[global_allocator]
static ALLOC: pyvm::reserve::Allocator = pyvm::reserve::Allocator;

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

extern "C" {
    fn mi_collect(force: bool);
}

/// `pyvm::reserve::modest_reservations` runs before `main`, before the first
/// allocation (Rust's start-up allocates), as a constructor.
#[used]
#[link_section = ".init_array"]
static MODEST_RESERVATIONS: extern "C" fn() = pyvm::reserve::modest_reservations;
