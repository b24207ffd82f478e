//! Thin wrappers of Unix C-library services that Lib's modules import: `pwd`, `grp`
//! (`users.rs`), `fcntl` and `faulthandler`. The C calls are in `raw.rs`.

pub mod fcntl;
pub mod termios;
pub mod faulthandler;
mod raw;
pub mod users;
