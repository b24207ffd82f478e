//! `cargo run --release -- script.py [args...]`: the workspace's front door runs a
//! Python program on pyvm, as the `pyvm` binary does (see `pyvm::cli`).

use std::process::ExitCode;

/// The allocator pyvm's programs are fastest with, and out of memory get
/// `MemoryError` with (see `pyvm/src/bin/pyvm.rs`).
#[global_allocator]
static ALLOC: pyvm::reserve::Allocator = pyvm::reserve::Allocator;

fn main() -> ExitCode {
    pyvm::cli::main()
}

/// The allocators' settings of the `pyvm` binary (`pyvm::reserve`), before `main`.
#[used]
#[link_section = ".init_array"]
static MODEST_RESERVATIONS: extern "C" fn() = pyvm::reserve::modest_reservations;
