//! `NotifierError`, what notifiers need of an error type, and `Error`, a ready-made one
//! for Rust users of the C layer.

use deferred::DeferError;
use std::io;
use std::sync::Arc;

/// The errors a notifier must be able to make, beyond those of a deferred.
pub trait NotifierError: DeferError {
    /// The PEP's `TimeoutException`: a registration's time limit passed.
    fn timeout() -> Self;
    /// An I/O error met while registering or waiting.
    fn io(err: io::Error) -> Self;
}

/// A ready-made error type for Rust code driving the reactor directly.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// Exception mode of the deferred (rule 2).
    #[error("Deferred execution not yet implemented by {0}")]
    NotImplemented(String),
    /// A `SystemError` (rules 5 and 6), with its cause.
    #[error("SystemError: {message}")]
    System {
        /// What went wrong.
        message: String,
        /// The exception that caused it, if any.
        #[source]
        cause: Option<Box<Error>>,
    },
    /// A registration's time limit passed.
    #[error("timed out")]
    Timeout,
    /// An I/O error (shared so the error can be cloned).
    #[error("{0}")]
    Io(#[source] Arc<io::Error>),
    /// Anything else the user raises.
    #[error("{0}")]
    Other(String),
}

impl DeferError for Error {
    fn not_implemented(name: &str) -> Self {
        Error::NotImplemented(name.to_owned())
    }
    fn system_error(message: &str, cause: Option<&Self>) -> Self {
        Error::System {
            message: message.to_owned(),
            cause: cause.map(|c| Box::new(c.clone())),
        }
    }
}

impl NotifierError for Error {
    fn timeout() -> Self {
        Error::Timeout
    }
    fn io(err: io::Error) -> Self {
        Error::Io(Arc::new(err))
    }
}

impl From<io::Error> for Error {
    fn from(err: io::Error) -> Self {
        Error::Io(Arc::new(err))
    }
}
