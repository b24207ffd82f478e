//! `Name`: the cheap, clonable function name that callbacks are registered under.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

/// The name a callback is registered under (the PEP's `caller_name` / `called_name`).
///
/// Names are compared by content, case-sensitively, as the PEP requires. A `Name` is
/// either a `&'static str` (no allocation, the common case for natives) or a shared
/// `Arc<str>` (a Python function's `__qualname__`, say); cloning never allocates.
///
/// ```
/// use deferred::Name;
/// use std::sync::Arc;
///
/// let a = Name::from("handle_client");
/// let b = Name::from(Arc::<str>::from("handle_client"));
/// assert_eq!(a, b);
/// assert_ne!(a, Name::from("Handle_client"));
/// ```
#[derive(Clone)]
pub enum Name {
    /// A name known at compile time.
    Static(&'static str),
    /// A name made at run time and shared.
    Shared(Arc<str>),
}

impl Name {
    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        match self {
            Name::Static(s) => s,
            Name::Shared(s) => s,
        }
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Name::Shared(a), Name::Shared(b)) if Arc::ptr_eq(a, b) => true,
            _ => self.as_str() == other.as_str(),
        }
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for Name {
    fn from(s: &'static str) -> Self {
        Name::Static(s)
    }
}

impl From<Arc<str>> for Name {
    fn from(s: Arc<str>) -> Self {
        Name::Shared(s)
    }
}

impl From<String> for Name {
    fn from(s: String) -> Self {
        Name::Shared(s.into())
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
