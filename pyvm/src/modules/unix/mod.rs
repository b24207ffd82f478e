//! Thin wrappers of Unix C-library services that Lib's modules import: `pwd`, `grp`
//! (`users.rs`), `fcntl`, `termios`, `syslog` and `faulthandler`. The C calls are in
//! `raw.rs`.

pub mod faulthandler;
pub mod fcntl;
pub mod locale;
pub(crate) mod raw;
pub mod syslog;
pub mod termios;
pub mod users;
