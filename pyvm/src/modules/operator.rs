//! `_operator`: the C accelerator Lib's `operator.py` imports over its pure-Python
//! definitions. Only `_compare_digest` (which `hmac` and `secrets` import from here)
//! and `index` (`PyNumber_Index`'s TypeError, which `random.randrange` relies on)
//! are native; the operator functions stay Lib's Python ones, which call back into
//! Python code (a user `__add__` that blocks) like any other frame.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "_compare_digest" => compare_digest, "index" => index,
];

/// The `_operator` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_operator", FUNCS);
        m.set(
            gil,
            "__doc__",
            Value::str("Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience."),
        );
        Arc::new(m)
    })
}

/// `index(a)`: `a.__index__()`, as `PyNumber_Index` calls it.
fn index(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("index", 1, 1)?;
    crate::modules::builtins::number_index(cx, args.at(0))
}

/// `_compare_digest(a, b)`: `a == b` for two ASCII strings or two bytes-like
/// objects, taking a time that depends on the length of `b` only (no early exit).
fn compare_digest(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_compare_digest", 2, 2)?;
    let (a, b) = (args.at(0), args.at(1));
    let (x, y): (Vec<u8>, Vec<u8>) = match (a, b) {
        (Value::Str(x), Value::Str(y)) => {
            if !x.as_str().is_ascii() || !y.as_str().is_ascii() {
                return Err(type_error(
                    "comparing strings with non-ASCII characters is not supported",
                )
                .into());
            }
            (
                x.as_str().as_bytes().to_vec(),
                y.as_str().as_bytes().to_vec(),
            )
        }
        _ => {
            let is_buffer = |v: &Value| bytes_arg(cx.gil, v).is_ok();
            if !is_buffer(a) && !is_buffer(b) {
                return Err(type_error(format!(
                    "unsupported operand types(s) or combination of types: '{}' and '{}'",
                    type_name(a),
                    type_name(b)
                ))
                .into());
            }
            (bytes_arg(cx.gil, a)?, bytes_arg(cx.gil, b)?)
        }
    };
    // Constant time in `y`'s length: every byte of `y` is compared.
    let mut diff = u8::from(x.len() != y.len());
    let left = if x.len() == y.len() { &x } else { &y };
    for (p, q) in left.iter().zip(y.iter()) {
        diff |= p ^ q;
    }
    Ok(Value::bool(diff == 0))
}
