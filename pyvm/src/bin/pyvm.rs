//! The `pyvm` command: `pyvm script.py [args...]`, `pyvm -c "code" [args...]`,
//! `pyvm --dis script.py` (bytecode listing). See `pyvm::cli`.

use std::process::ExitCode;

/// Many small, short-lived allocations (strings, lists, boxed frames of data): mimalloc
/// serves them much faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    pyvm::cli::main()
}

/// `pyvm::reserve::modest_reservations` runs before `main`, before the first
/// allocation (Rust's start-up allocates), as a constructor.
#[used]
#[link_section = ".init_array"]
static MODEST_RESERVATIONS: extern "C" fn() = pyvm::reserve::modest_reservations;
