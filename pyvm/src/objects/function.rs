//! Functions: Python functions (code + globals + defaults + closure cells) and the
//! static descriptors of built-in functions and methods.

use std::sync::{Arc, OnceLock};

use super::dict::Dict;
use super::gil::{Gil, GilCell};
use super::value::{CellRef, Value};
use crate::compile::code::Code;
use crate::native::NativeFn;

/// A Python function object.
pub struct Function {
    pub code: Arc<Code>,
    pub globals: Arc<GilCell<Dict>>,
    pub name: String,
    pub qualname: String,
    /// Defaults of the last positional parameters.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters, by name.
    pub kwdefaults: Vec<(String, Value)>,
    /// Cells for the code's free variables, in `code.freevars` order.
    pub closure: Vec<CellRef>,
    /// `__dict__`: attributes set by Python code (`f.calls = 0`, `functools.wraps`),
    /// made on first use (most functions never have one).
    pub dict: OnceLock<Arc<GilCell<Dict>>>,
    /// `__name__`, `__qualname__`, `__doc__`, `__module__` as the program set them
    /// (not in `__dict__`, as in CPython); made on first use.
    pub meta: OnceLock<Arc<GilCell<Dict>>>,
}

/// The function attributes kept outside `__dict__` once assigned.
pub const META_ATTRS: &[&str] = &[
    "__name__",
    "__qualname__",
    "__doc__",
    "__module__",
    "__annotations__",
];

impl Function {
    /// The function's `__dict__` (made now if it has none yet).
    pub fn attrs(&self) -> &Arc<GilCell<Dict>> {
        self.dict
            .get_or_init(|| Arc::new(GilCell::new(Dict::new())))
    }

    /// Where attribute `name` is stored when assigned (made now if needed).
    pub fn store_for(&self, name: &str) -> &Arc<GilCell<Dict>> {
        if META_ATTRS.contains(&name) {
            self.meta
                .get_or_init(|| Arc::new(GilCell::new(Dict::new())))
        } else {
            self.attrs()
        }
    }

    /// Attribute `name` set on the function, if any.
    pub fn attr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let cell = if META_ATTRS.contains(&name) {
            &self.meta
        } else {
            &self.dict
        };
        let d = cell.get()?.borrow(gil);
        if d.is_empty() {
            return None;
        }
        d.get_str(&super::str::PyStr::new(name.to_owned()))
    }

    /// `__qualname__` as the program last set it (`functools.wraps`, `namedtuple`),
    /// for reprs and argument errors.
    pub fn current_qualname(&self, gil: Gil<'_>) -> std::borrow::Cow<'_, str> {
        match self.attr(gil, "__qualname__") {
            Some(Value::Str(s)) => std::borrow::Cow::Owned(s.as_str().to_owned()),
            _ => std::borrow::Cow::Borrowed(&self.qualname),
        }
    }
}

/// A built-in function or method: a name and a Rust function.
pub struct NativeDef {
    pub name: &'static str,
    pub f: NativeFn,
}
