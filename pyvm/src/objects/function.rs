//! Functions: Python functions (code + globals + defaults + closure cells) and the
//! static descriptors of built-in functions and methods.

use std::sync::Arc;

use super::dict::Dict;
use super::gil::GilCell;
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
    /// Attributes set by Python code (`f.calls = 0`, `functools.wraps`).
    pub dict: Arc<GilCell<Dict>>,
}

/// A built-in function or method: a name and a Rust function.
pub struct NativeDef {
    pub name: &'static str,
    pub f: NativeFn,
}
