//! Constant folding, as CPython 3.11's AST optimizer (`Python/ast_opt.c`) does it: a
//! unary or binary operation on constants, or a constant subscripted by a constant,
//! becomes the constant it evaluates to (`-1`, `2**32`, `b'!'[0]`, `1 << 20`,
//! `'-' * 40`), so the loop does not compute it at every execution.
//!
//! The operations themselves are the interpreter's (`vm::ops`), which `compile/` may
//! not name: the interpreter installs them ([`install`]); until it has, nothing is
//! folded. A fold that would raise (`1/0`, `'ab'[5]`) is left to run and raise at
//! run time, and CPython's size limits keep a fold from making a huge constant
//! (`'x' * 10**9` stays an operation).

use std::sync::OnceLock;

use ruff_python_ast::{self as ast, Expr};

use super::opcodes::BINOPS;
use crate::objects::value::Value;

/// The interpreter's operations on built-in values: `None` where the operation
/// raises (the folder then leaves it to run time).
pub struct Ops {
    /// `BINARY_OP` with this argument (an index of `BINOPS`).
    pub binary: fn(u32, &Value, &Value) -> Option<Value>,
    /// `-`, `+`, `~` or `not`.
    pub unary: fn(&str, &Value) -> Option<Value>,
    /// `obj[key]`.
    pub subscript: fn(&Value, &Value) -> Option<Value>,
}

static OPS: OnceLock<Ops> = OnceLock::new();

/// Called once by the interpreter before it compiles anything.
pub fn install(ops: Ops) {
    let _ = OPS.set(ops);
}

/// CPython's limits (`ast_opt.c`): an int of at most 128 bits, a tuple of at most 256
/// items, a `str`/`bytes` of at most 4,096.
const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;

/// How deep an operand tree the folder looks: constant expressions are short, and a
/// long chain of non-constant operations (generated code) is not walked again at
/// every level.
const MAX_DEPTH: u32 = 16;

fn int_bits(v: &Value) -> Option<u64> {
    match v {
        Value::Int(i) => Some(u64::from(64 - i.unsigned_abs().leading_zeros())),
        Value::Big(b) => Some(b.bits()),
        _ => None,
    }
}

fn is_zero(v: &Value) -> bool {
    int_bits(v) == Some(0)
}

fn sized_len(v: &Value) -> Option<(usize, usize)> {
    match v {
        Value::Str(s) => Some((s.char_len(), MAX_STR_SIZE)),
        Value::Bytes(b) => Some((b.len(), MAX_STR_SIZE)),
        Value::Tuple(t) => Some((t.len(), MAX_COLLECTION_SIZE)),
        _ => None,
    }
}

/// CPython's `safe_multiply`, `safe_power`, `safe_lshift` and `safe_mod`: would
/// folding `a <op> b` make a constant too large (or, for `%` on text, format)?
fn too_big(op: &str, a: &Value, b: &Value) -> bool {
    match op {
        "*" => {
            if let (Some(x), Some(y)) = (int_bits(a), int_bits(b)) {
                return x != 0 && y != 0 && x + y > MAX_INT_SIZE;
            }
            let (seq, n) = match (sized_len(a), sized_len(b)) {
                (Some(s), None) => (s, b),
                (None, Some(s)) => (s, a),
                _ => return false,
            };
            let Value::Int(n) = n else {
                // A big int times a non-empty sequence: far too big.
                return int_bits(n).is_some() && seq.0 > 0;
            };
            let (size, limit) = seq;
            size > 0 && *n > 0 && (*n as u64).saturating_mul(size as u64) > limit as u64
        }
        "**" => match (int_bits(a), b) {
            (Some(bits), Value::Int(w)) => {
                bits > 0 && *w > 0 && bits.saturating_mul(*w as u64) > MAX_INT_SIZE
            }
            (Some(bits), Value::Big(_)) => bits > 1,
            _ => false,
        },
        "<<" => match (int_bits(a), b) {
            (Some(bits), Value::Int(w)) => {
                !is_zero(a)
                    && *w != 0
                    && (*w as u64 > MAX_INT_SIZE || bits > MAX_INT_SIZE - *w as u64)
            }
            (Some(_), Value::Big(_)) => !is_zero(a),
            _ => false,
        },
        "%" => matches!(a, Value::Str(_) | Value::Bytes(_)),
        _ => false,
    }
}

/// The constant `e` evaluates to, when it is one (see the module comment). `literal`
/// gives a literal's value (the compiler's own reading of it).
pub fn fold(e: &Expr, literal: &dyn Fn(&Expr) -> Option<Value>) -> Option<Value> {
    let ops = OPS.get()?;
    fold_in(ops, e, literal, 0)
}

fn fold_in(
    ops: &Ops,
    e: &Expr,
    literal: &dyn Fn(&Expr) -> Option<Value>,
    depth: u32,
) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    let sub = |e: &Expr| fold_in(ops, e, literal, depth + 1);
    match e {
        Expr::UnaryOp(u) => {
            let v = sub(&u.operand)?;
            let op = match u.op {
                ast::UnaryOp::USub => "-",
                ast::UnaryOp::UAdd => "+",
                ast::UnaryOp::Invert => "~",
                ast::UnaryOp::Not => "not",
            };
            (ops.unary)(op, &v)
        }
        Expr::BinOp(b) => {
            let sym = b.op.as_str();
            let arg = BINOPS.iter().position(|o| *o == sym)? as u32;
            if sym == "@" {
                return None;
            }
            let l = sub(&b.left)?;
            let r = sub(&b.right)?;
            if too_big(sym, &l, &r) {
                return None;
            }
            (ops.binary)(arg, &l, &r)
        }
        Expr::Subscript(s) => {
            let v = sub(&s.value)?;
            let k = sub(&s.slice)?;
            (ops.subscript)(&v, &k)
        }
        Expr::Tuple(t) if t.elts.len() <= MAX_COLLECTION_SIZE => {
            let items = t.elts.iter().map(sub).collect::<Option<Vec<_>>>()?;
            Some(Value::tuple(items))
        }
        _ => literal(e),
    }
}
