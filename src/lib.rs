//! microthreading: the micro-threading proposal's C layer, re-exported in one place.
//!
//! - [`deferred`]: `Unwind` and the reusable per-micro-thread `Deferred`;
//! - [`notifiers`]: the `Notifier` trait and the io, fd, signal, wake and sleep notifiers;
//! - [`reactor`]: one `Reactor` per OS thread.
//!
//! See `ARCHITECTURE.md` for how they fit together.
#![forbid(unsafe_code)]

pub use deferred;
pub use notifiers;
pub use reactor;
