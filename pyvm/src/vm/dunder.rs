//! Operators on instances of classes made by Python code: binary and in-place
//! operators with their reflected forms, rich comparisons, and the special methods
//! other code needs a plain answer from (`__bool__`, `__len__`, `__hash__`, `__eq__`).
//!
//! The loop's operators push the dunder's frame with a [`Ret::Op`] follow-up, which
//! tries the next candidate when one returns `NotImplemented` (CPython's
//! `binary_op1` and `do_richcompare`). Code without a micro-thread at hand (a dict
//! probing keys) calls them through `vm::detached`.

use crate::objects::rc::Arc;
use crate::objects::value::PyBool;

use super::call::{call_then, Called};
use super::frame::Ret;
use super::state::MicroThread;
use crate::compile::opcodes::BINOPS;
use crate::native::{Args, PyResult};
use crate::objects::class::{class_of, defining_class, is_user, special, unwrap_payload};
use crate::objects::compare::CmpOp;
use crate::objects::exception::*;
use crate::objects::gil::Gil;
use crate::objects::types::type_name;
use crate::objects::value::Value;

/// The dunder names of `BINARY_OP`'s operators, in `BINOPS` order:
/// (method, reflected, in-place).
const BIN_DUNDERS: [(&str, &str, &str); 13] = [
    ("__add__", "__radd__", "__iadd__"),
    ("__and__", "__rand__", "__iand__"),
    ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
    ("__lshift__", "__rlshift__", "__ilshift__"),
    ("__matmul__", "__rmatmul__", "__imatmul__"),
    ("__mul__", "__rmul__", "__imul__"),
    ("__mod__", "__rmod__", "__imod__"),
    ("__or__", "__ror__", "__ior__"),
    ("__pow__", "__rpow__", "__ipow__"),
    ("__rshift__", "__rrshift__", "__irshift__"),
    ("__sub__", "__rsub__", "__isub__"),
    ("__truediv__", "__rtruediv__", "__itruediv__"),
    ("__xor__", "__rxor__", "__ixor__"),
];

/// Comparison dunders in `CmpOp` order, with the reflected one.
const CMP_DUNDERS: [(&str, &str, &str); 6] = [
    ("__lt__", "__gt__", "<"),
    ("__le__", "__ge__", "<="),
    ("__eq__", "__eq__", "=="),
    ("__ne__", "__ne__", "!="),
    ("__gt__", "__lt__", ">"),
    ("__ge__", "__le__", ">="),
];

/// One way to compute an operator, tried in order.
pub enum Cand {
    /// `a.__op__(b)`; `true`: the result negated (`object.__ne__` inverting `__eq__`).
    Forward(Value, bool),
    /// `b.__rop__(a)`, possibly negated.
    Reflected(Value, bool),
    /// The built-in operator (the left operand is a built-in value).
    Builtin,
}

/// An operator being computed: what it is, its operands, and the candidates left.
pub struct OpState {
    /// `BINARY_OP`'s argument, or 100 + a `CmpOp` index for comparisons.
    op: u32,
    a: Value,
    b: Value,
    /// Candidates left, the next one last.
    rest: Vec<Cand>,
    /// `COMPARE_AND_BRANCH`: the result decides a jump to here (when false).
    branch: Option<usize>,
    /// The built-in operator's `TypeError`, reported if nothing else works.
    err: Option<PyErr>,
    /// The candidate being called is negated.
    negate: bool,
}

impl OpState {
    /// Operator `op` on `a` and `b` with candidates `rest` (the next one last).
    fn new(op: u32, a: Value, b: Value, rest: Vec<Cand>) -> OpState {
        OpState {
            op,
            a,
            b,
            rest,
            branch: None,
            err: None,
            negate: false,
        }
    }
}

/// A comparison method of `v`'s class, with whether its result is to be negated:
/// without a `__ne__` of its own, `!=` is `object.__ne__`, which inverts `__eq__`
/// (unless that returns `NotImplemented`).
fn cmp_method(gil: Gil<'_>, v: &Value, name: &'static str) -> Option<(Value, bool)> {
    match special(gil, v, name) {
        Some(f) => Some((f, false)),
        None if name == "__ne__" => special(gil, v, "__eq__").map(|f| (f, true)),
        None => None,
    }
}

const CMP_BASE: u32 = 100;

/// Does `b`'s class override `name` more specifically than `a`'s (so its reflected
/// method goes first)?
fn reflected_first(gil: Gil<'_>, a: &Value, b: &Value, name: &str) -> bool {
    let (ta, tb) = (class_of(a), class_of(b));
    if Arc::ptr_eq(&ta, &tb) || !tb.is_subtype(&ta) {
        return false;
    }
    match (
        defining_class(gil, &tb, name),
        defining_class(gil, &ta, name),
    ) {
        (Some(x), Some(y)) => !Arc::ptr_eq(&x, &y),
        (Some(_), None) => true,
        _ => false,
    }
}

/// `b`'s reflected operator method `rname`, a candidate only when the operands' classes
/// differ (CPython's `binary_op1`: the same class's method is not tried twice).
fn reflected(gil: Gil<'_>, a: &Value, b: &Value, rname: &'static str) -> Option<Value> {
    if Arc::ptr_eq(&class_of(a), &class_of(b)) {
        None
    } else {
        special(gil, b, rname)
    }
}

/// `a <op> b` for `BINARY_OP` argument `arg` when an operand is a user instance.
pub fn binary(
    gil: Gil<'_>,
    th: &mut MicroThread,
    arg: u32,
    a: Value,
    b: Value,
) -> PyResult<Called> {
    let (name, rname, iname) = BIN_DUNDERS[(arg % 13) as usize];
    let mut order = Vec::new();
    if arg >= 13 {
        if let Some(f) = special(gil, &a, iname) {
            order.push(Cand::Forward(f, false));
        }
    }
    let fwd = special(gil, &a, name);
    let refl = reflected(gil, &a, &b, rname);
    let builtin_left = !is_user(&a) || crate::objects::class::payload(&a).is_some();
    if refl.is_some() && reflected_first(gil, &a, &b, rname) {
        order.extend(refl.map(|f| Cand::Reflected(f, false)));
        order.extend(fwd.map(|f| Cand::Forward(f, false)));
    } else {
        // A `dict`/`list`/`tuple` subclass's own operator overrides the inherited one.
        if builtin_left && fwd.is_none() {
            order.push(Cand::Builtin);
        }
        order.extend(fwd.map(|f| Cand::Forward(f, false)));
        order.extend(refl.map(|f| Cand::Reflected(f, false)));
    }
    order.reverse();
    next(gil, th, OpState::new(arg, a, b, order))
}

/// `a <op> b` (`BINARY_OP` argument `arg`) whose first candidate is certain and a
/// plain Python function of two parameters: `a` an instance of a class made by Python
/// code (no built-in value inside) defining the operator, with no in-place form first
/// and no reflected form of `b`'s class to try before it (the order [`binary`]
/// computes). The loop calls it where the operands lie, keeping them for
/// [`after_forward`] (CPython 3.11 has no specialization for this; its generic
/// `BINARY_OP` still skips the argument tuple).
#[inline]
pub fn simple_binary(gil: Gil<'_>, arg: u32, a: &Value, b: &Value) -> Option<Value> {
    if !matches!(a, Value::Instance(_)) {
        return None;
    }
    if crate::objects::class::payload(a).is_some() {
        return None;
    }
    let (name, rname, iname) = BIN_DUNDERS[(arg % 13) as usize];
    if arg >= 13 && special(gil, a, iname).is_some() {
        return None;
    }
    let f = special(gil, a, name)?;
    let Value::Function(func) = &f else {
        return None;
    };
    if !super::call::is_simple(func, 2) {
        return None;
    }
    if reflected(gil, a, b, rname).is_some() && reflected_first(gil, a, b, rname) {
        return None;
    }
    Some(f)
}

/// What [`binary`] does after the forward method of [`simple_binary`] returned
/// `NotImplemented`: the reflected method of `b`'s class, then the `TypeError`.
pub fn after_forward(
    gil: Gil<'_>,
    th: &mut MicroThread,
    arg: u32,
    a: Value,
    b: Value,
) -> PyResult<Called> {
    let (_, rname, _) = BIN_DUNDERS[(arg % 13) as usize];
    let refl = reflected(gil, &a, &b, rname);
    let order = refl
        .map(|f| Cand::Reflected(f, false))
        .into_iter()
        .collect();
    next(gil, th, OpState::new(arg, a, b, order))
}

/// `a <cmp> b` when an operand is a user instance; with `branch`, the result is a
/// jump (`COMPARE_AND_BRANCH`) and nothing is pushed.
pub fn compare(
    gil: Gil<'_>,
    th: &mut MicroThread,
    op: CmpOp,
    a: Value,
    b: Value,
    branch: Option<usize>,
) -> PyResult<Called> {
    let (name, rname, _) = CMP_DUNDERS[op as usize];
    let fwd = cmp_method(gil, &a, name);
    let refl = cmp_method(gil, &b, rname);
    let mut order = Vec::new();
    if refl.is_some() && reflected_first(gil, &a, &b, rname) {
        order.extend(refl.map(|(f, n)| Cand::Reflected(f, n)));
        order.extend(fwd.map(|(f, n)| Cand::Forward(f, n)));
    } else {
        order.extend(fwd.map(|(f, n)| Cand::Forward(f, n)));
        order.extend(refl.map(|(f, n)| Cand::Reflected(f, n)));
    }
    let has_payload = |v: &Value| crate::objects::class::payload(v).is_some();
    if has_payload(&a) || has_payload(&b) {
        // The built-in comparison of what is inside, as the inherited method does.
        order.push(Cand::Builtin);
    }
    order.reverse();
    next(
        gil,
        th,
        OpState {
            branch,
            ..OpState::new(CMP_BASE + op as u32, a, b, order)
        },
    )
}

/// Try the next candidate; when none is left, the default (identity for `==`/`!=`)
/// or CPython's `TypeError`.
fn next(gil: Gil<'_>, th: &mut MicroThread, mut st: OpState) -> PyResult<Called> {
    let Some(cand) = st.rest.pop() else {
        let v = fallback(&st)?;
        return finish(gil, th, st.branch, v);
    };
    let (f, args) = match cand {
        Cand::Forward(f, negate) => {
            st.negate = negate;
            bind_operator(f, &st.a, &st.b)
        }
        Cand::Reflected(f, negate) => {
            st.negate = negate;
            bind_operator(f, &st.b, &st.a)
        }
        Cand::Builtin if st.op >= CMP_BASE => {
            let (a, b) = (unwrap_payload(&st.a), unwrap_payload(&st.b));
            let op = CmpOp::from_u32(st.op - CMP_BASE);
            return match crate::objects::compare::compare(gil, op, &a, &b) {
                Ok(r) => finish(gil, th, st.branch, Value::bool(r)),
                Err(e) if e.is_instance(&crate::objects::types::types().exc.type_error) => {
                    st.err = Some(e);
                    next(gil, th, st)
                }
                Err(e) => Err(e.into()),
            };
        }
        Cand::Builtin => {
            return match builtin_on_payloads(gil, st.op, &st.a, &st.b) {
                Ok(v) => Ok(Called::Value(v)),
                Err(e) if e.is_instance(&crate::objects::types::types().exc.type_error) => {
                    st.err = Some(e);
                    next(gil, th, st)
                }
                Err(e) => Err(e.into()),
            };
        }
    };
    call_then(gil, th, &f, Args::new(args), Ret::Op(Box::new(st)))
}

/// The callable and arguments of operator method `f` found on `this`'s class, applied
/// to `other`.
fn bind_operator(f: Value, this: &Value, other: &Value) -> (Value, Vec<Value>) {
    let (f, mut args) = super::class::bind_special(f, this.clone());
    args.push(other.clone());
    (f, args)
}

/// The built-in operator on what is inside the operands (an inherited `__add__`):
/// an in-place one on a mutable payload (`list`, `bytearray`, `set`, `dict`) changes
/// it and gives the instance itself, as `list.__iadd__` returns `self`.
fn builtin_on_payloads(gil: Gil<'_>, op: u32, a: &Value, b: &Value) -> Result<Value, PyErr> {
    let (x, y) = (unwrap_payload(a), unwrap_payload(b));
    let mutable = matches!(
        crate::objects::class::payload(a),
        Some(Value::List(_) | Value::ByteArray(_) | Value::Set(_) | Value::Dict(_))
    );
    let r = if op >= 13 && mutable {
        super::ops::builtin_binary_op(gil, op, &x, &y).map(|r| if r.is(&x) { a.clone() } else { r })
    } else {
        super::ops::builtin_binary_op(gil, op % 13, &x, &y)
    };
    match r {
        // "unsupported operand type(s)" names the operands as they are.
        Err(e) if unsupported(gil, &e) => {
            Err(
                fallback(&OpState::new(op, a.clone(), b.clone(), Vec::new()))
                    .err()
                    .unwrap_or(e),
            )
        }
        r => r,
    }
}

/// Is `e` the `TypeError` of an operator that does not apply to its operands?
fn unsupported(gil: Gil<'_>, e: &PyErr) -> bool {
    e.is_instance(&crate::objects::types::types().exc.type_error)
        && matches!(e.0.arg0(gil), Some(Value::Str(s)) if s.as_str().starts_with("unsupported operand"))
}

/// A candidate returned `v`.
pub fn op_returned(gil: Gil<'_>, th: &mut MicroThread, st: OpState, v: Value) -> PyResult<Called> {
    if let Value::NotImplemented = v {
        return next(gil, th, st);
    }
    if st.negate {
        let t = truthy(gil, &v)?;
        return finish(gil, th, st.branch, Value::bool(!t));
    }
    finish(gil, th, st.branch, v)
}

fn finish(gil: Gil<'_>, th: &mut MicroThread, branch: Option<usize>, v: Value) -> PyResult<Called> {
    match branch {
        None => Ok(Called::Value(v)),
        Some(target) => {
            if !truthy(gil, &v)? {
                if let Some(f) = th.frames.last_mut() {
                    f.ip = target;
                }
            } else if let Some(f) = th.frames.last_mut() {
                // Skip the jump instruction that follows a compare-and-branch.
                f.ip += 1;
            }
            Ok(Called::Nothing)
        }
    }
}

fn fallback(st: &OpState) -> Result<Value, PyErr> {
    if st.op >= CMP_BASE {
        let i = (st.op - CMP_BASE) as usize;
        return match i {
            2 => Ok(Value::bool(st.a.is(&st.b))),
            3 => Ok(Value::bool(!st.a.is(&st.b))),
            _ => Err(type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                CMP_DUNDERS[i].2,
                type_name(&st.a),
                type_name(&st.b)
            ))),
        };
    }
    if let Some(e) = &st.err {
        return Err(e.clone());
    }
    let sym = BINOPS[(st.op % 13) as usize];
    let is_seq = |v: &Value| {
        matches!(
            v,
            Value::Str(_)
                | Value::List(_)
                | Value::Tuple(_)
                | Value::Bytes(_)
                | Value::ByteArray(_)
        )
    };
    if sym == "*" && (is_seq(&st.a) || is_seq(&st.b)) {
        let other = if is_seq(&st.a) { &st.b } else { &st.a };
        return Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name(other)
        )));
    }
    if sym == "**" && st.op < 13 {
        return Err(type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            type_name(&st.a),
            type_name(&st.b)
        )));
    }
    let sym = if st.op >= 13 {
        format!("{sym}=")
    } else {
        sym.to_owned()
    };
    Err(unsupported_operand(&sym, &st.a, &st.b))
}

/// Call a user special method from code without a micro-thread at hand.
fn call_detached(gil: Gil<'_>, f: &Value, args: Vec<Value>) -> Result<Value, PyErr> {
    super::detached::call(gil, "a special method", f, args)
}

/// `bool(v)`, calling a user `__bool__` or `__len__`.
pub fn truthy(gil: Gil<'_>, v: &Value) -> Result<bool, PyErr> {
    if !is_user(v) {
        return Ok(super::ops::truthy(gil, v));
    }
    if let Some(f) = special(gil, v, "__bool__") {
        return bool_result(&call_detached(gil, &f, vec![v.clone()])?);
    }
    if special(gil, v, "__len__").is_some() {
        return Ok(len(gil, v)? != 0);
    }
    Ok(builtin_truth(gil, v))
}

/// The truth of a user instance whose class has no `__bool__` or `__len__` of its
/// own: its built-in base's value's, or `True`.
pub fn builtin_truth(gil: Gil<'_>, v: &Value) -> bool {
    match crate::objects::class::payload(v) {
        Some(p) => super::ops::truthy(gil, p),
        None => true,
    }
}

/// `len(v)` for a user instance.
pub fn len(gil: Gil<'_>, v: &Value) -> Result<i64, PyErr> {
    let Some(f) = special(gil, v, "__len__") else {
        if let Some(p) = crate::objects::class::payload(v) {
            return Ok(crate::objects::class::builtin_len(gil, p).map_err(|_| {
                type_error(format!("object of type '{}' has no len()", type_name(v)))
            })? as i64);
        }
        return Err(type_error(format!(
            "object of type '{}' has no len()",
            type_name(v)
        )));
    };
    len_result(&call_detached(gil, &f, vec![v.clone()])?)
}

/// The truth a user `__bool__` that returned `r` gives.
pub fn bool_result(r: &Value) -> Result<bool, PyErr> {
    match r {
        Value::Bool(b) => Ok(b.get()),
        other => Err(type_error(format!(
            "__bool__ should return bool, returned {}",
            type_name(other)
        ))),
    }
}

/// The length a user `__len__` that returned `r` gives.
pub fn len_result(r: &Value) -> Result<i64, PyErr> {
    match r {
        Value::Int(n) if *n >= 0 => Ok(*n),
        Value::Int(_) => Err(value_error("__len__() should return >= 0")),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(b) if b.sign() == num_bigint::Sign::Minus => {
            Err(value_error("__len__() should return >= 0"))
        }
        Value::Big(_) => Err(overflow_error(
            "cannot fit 'int' into an index-sized integer",
        )),
        // (An `int` subclass's instance: its value.)
        Value::Instance(_) => match crate::objects::class::payload(r) {
            Some(p @ (Value::Int(_) | Value::Big(_) | Value::Bool(_))) => len_result(p),
            _ => Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(r)
            ))),
        },
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(other)
        ))),
    }
}

/// The Python method deciding the truth of user instance `v`, if one does: its
/// `__bool__`, else its `__len__` (`true` for the second). `None`: a built-in
/// base's truth or `True` ([`truthy`] knows it at once).
pub fn truth_method(gil: Gil<'_>, v: &Value) -> Option<(Value, bool)> {
    if let Some(f) = special(gil, v, "__bool__") {
        return Some((f, false));
    }
    special(gil, v, "__len__").map(|f| (f, true))
}

/// How `hash(v)` of a user instance is had: known at once, or from a Python
/// `__hash__` to call with `v` (its result goes through [`hash_result`]).
pub enum HashBy {
    Known(i64),
    Call(Value),
}

/// The name messages give a class: a class of pyvm's frozen modules that stands for
/// a C type (`_pyvm_c_type = True` in its body: `collections.deque`) is named as
/// CPython names that type, with its module.
fn c_type_name(
    gil: Gil<'_>,
    cls: &crate::objects::rc::Arc<crate::objects::types::PyType>,
) -> String {
    let marked = cls
        .dict
        .borrow(gil)
        .get_str(&crate::objects::str::PyStr::new("_pyvm_c_type".to_owned()))
        .is_some();
    match marked {
        true => cls.qualified_name(),
        false => cls.name.clone(),
    }
}

/// [`HashBy`] for user instance `v`: `__hash__`, identity, or unhashable when the
/// class defines `__eq__` without `__hash__`.
pub fn hash_by(gil: Gil<'_>, v: &Value) -> Result<HashBy, PyErr> {
    // (An instance's class borrowed, not counted: this runs for every named tuple
    // inside every dict key hashed.)
    let owned;
    let cls = match v {
        Value::Instance(i) => i.class(),
        _ => {
            owned = class_of(v);
            &owned
        }
    };
    // Through the class's own special-method cache.
    match crate::objects::class::lookup_special(gil, cls, "__hash__") {
        Some(Value::None) => Err(type_error(format!(
            "unhashable type: '{}'",
            c_type_name(gil, cls)
        ))),
        Some(Value::Native(_)) | None => match crate::objects::class::payload(v) {
            Some(
                p @ (Value::Tuple(_)
                | Value::Int(_)
                | Value::Big(_)
                | Value::Float(_)
                | Value::Complex(_)
                | Value::Str(_)
                | Value::Bytes(_)
                | Value::FrozenSet(_)),
            ) => crate::objects::dict::hash(p).map(HashBy::Known),
            // (A module's object without a hash of its own, as `_socket.socket`'s, is
            // hashed by identity: `object.__hash__`.)
            Some(Value::Cell(_)) | None => {
                Ok(HashBy::Known((v.heap_ptr().unwrap_or(0) >> 4) as i64))
            }
            Some(Value::Object(o)) if o.0.hash().is_none() => {
                Ok(HashBy::Known((v.heap_ptr().unwrap_or(0) >> 4) as i64))
            }
            Some(_) => Err(type_error(format!("unhashable type: '{}'", cls.name))),
        },
        Some(f) => Ok(HashBy::Call(crate::objects::class::special_callable(f))),
    }
}

/// The hash a `__hash__` that returned `r` gives.
pub fn hash_result(r: &Value) -> Result<i64, PyErr> {
    match r {
        Value::Int(n) => Ok(if *n == -1 { -2 } else { *n }),
        Value::Bool(b) => Ok(*b as i64),
        b @ Value::Big(_) => Ok(crate::objects::int::hash(b)),
        _ => Err(type_error("__hash__ method should return an integer")),
    }
}

/// `hash(v)` for a user instance (see [`hash_by`]).
pub fn hash(gil: Gil<'_>, v: &Value) -> Result<i64, PyErr> {
    match hash_by(gil, v)? {
        HashBy::Known(h) => Ok(h),
        HashBy::Call(f) => hash_result(&super::detached::call(gil, "hash", &f, vec![v.clone()])?),
    }
}

/// `a <op> b` as a `bool`, from code without a micro-thread at hand (dict probes,
/// `list.index`, `sorted`).
pub fn compare_detached(gil: Gil<'_>, op: CmpOp, a: &Value, b: &Value) -> Result<bool, PyErr> {
    let (name, rname, _) = CMP_DUNDERS[op as usize];
    let mut tries: Vec<(Value, bool, Value, Value)> = Vec::new();
    let fwd = cmp_method(gil, a, name).map(|(f, n)| (f, n, a.clone(), b.clone()));
    let refl = cmp_method(gil, b, rname).map(|(f, n)| (f, n, b.clone(), a.clone()));
    if refl.is_some() && reflected_first(gil, a, b, rname) {
        tries.extend(refl);
        tries.extend(fwd);
    } else {
        tries.extend(fwd);
        tries.extend(refl);
    }
    for (f, negate, x, y) in tries {
        let r = call_detached(gil, &f, vec![x, y])?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(truthy(gil, &r)? != negate);
        }
    }
    let has_payload = |v: &Value| crate::objects::class::payload(v).is_some();
    if has_payload(a) || has_payload(b) {
        // The built-in comparison of what is inside, as the inherited method does.
        let (x, y) = (unwrap_payload(a), unwrap_payload(b));
        match crate::objects::compare::compare(gil, op, &x, &y) {
            Ok(r) => return Ok(r),
            Err(e) if e.is_instance(&crate::objects::types::types().exc.type_error) => {}
            Err(e) => return Err(e),
        }
    }
    let st = OpState::new(CMP_BASE + op as u32, a.clone(), b.clone(), Vec::new());
    let v = fallback(&st)?;
    Ok(matches!(v, Value::Bool(PyBool::True)))
}

/// `a <op> b` for `BINARY_OP` argument `arg` from code without a micro-thread at hand
/// (`sum()`, `functools.reduce`).
pub fn binary_detached(gil: Gil<'_>, arg: u32, a: &Value, b: &Value) -> Result<Value, PyErr> {
    let (name, rname, iname) = BIN_DUNDERS[(arg % 13) as usize];
    let mut tries: Vec<(Value, Value, Value)> = Vec::new();
    if arg >= 13 {
        tries.extend(special(gil, a, iname).map(|f| (f, a.clone(), b.clone())));
    }
    let fwd = special(gil, a, name).map(|f| (f, a.clone(), b.clone()));
    let refl = reflected(gil, a, b, rname).map(|f| (f, b.clone(), a.clone()));
    if refl.is_some() && reflected_first(gil, a, b, rname) {
        tries.extend(refl);
        tries.extend(fwd);
    } else {
        tries.extend(fwd);
        tries.extend(refl);
    }
    for (f, x, y) in tries {
        let r = call_detached(gil, &f, vec![x, y])?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    let has_payload = |v: &Value| crate::objects::class::payload(v).is_some();
    let builtin_left = !is_user(a) || has_payload(a);
    if builtin_left && (has_payload(a) || has_payload(b)) && special(gil, a, name).is_none() {
        match builtin_on_payloads(gil, arg, a, b) {
            Err(e) if e.is_instance(&crate::objects::types::types().exc.type_error) => {}
            r => return r,
        }
    }
    fallback(&OpState::new(arg, a.clone(), b.clone(), Vec::new()))
}
