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
