//! Follow-ups of frames the VM pushed on a program's behalf (see [`Ret`]): what runs
//! when such a frame returns or an exception leaves it, in place of a nested loop.

use super::call::Called;
use super::frame::Ret;
use super::state::MicroThread;
use crate::objects::exception::{type_error, PyErr};
use crate::objects::gil::Gil;
use crate::objects::types::{type_name, types};
use crate::objects::value::Value;

/// What a follow-up leaves for the caller.
pub(crate) enum After {
    /// This value is the result of the caller's pending instruction.
    Value(Value),
    /// The follow-up pushed another frame, or moved the caller's `ip`: the loop
    /// continues in the top frame.
    Frame,
    /// The caller's pending instruction makes no value.
    Nothing,
}

impl Ret {
    /// `inner`'s follow-up, then `outer`'s on what it leaves.
    pub fn chain(inner: Ret, outer: Ret) -> Ret {
        match inner {
            Ret::Push => outer,
            inner => Ret::Then(Box::new((inner, outer))),
        }
    }
}

fn after(c: Called) -> After {
    match c {
        Called::Value(v) => After::Value(v),
        Called::Frame => After::Frame,
        Called::Nothing => After::Nothing,
    }
}

fn flatten(r: crate::native::PyResult<Called>) -> Result<After, PyErr> {
    match r {
        Ok(c) => Ok(after(c)),
        Err(deferred::Unwind::Raise(e)) => Err(e),
        Err(deferred::Unwind::Deferred) => Err(crate::objects::exception::runtime_error(
            "Deferred execution not yet implemented by a special method call",
        )),
    }
}

/// Run `outer` on what `inner`'s follow-up left.
fn then(gil: Gil<'_>, th: &mut MicroThread, a: After, outer: Ret) -> Result<After, PyErr> {
    match a {
        After::Value(v) => returned(gil, th, outer, v),
        After::Nothing => returned(gil, th, outer, Value::None),
        After::Frame => {
            let top = th.frames.last_mut().expect("the frame a follow-up pushed");
            let inner = std::mem::replace(&mut top.ret, Ret::Push);
            top.ret = Ret::chain(inner, outer);
            Ok(After::Frame)
        }
    }
}

/// The frame with follow-up `ret` returned `v` (it is already popped).
pub(crate) fn returned(
    gil: Gil<'_>,
    th: &mut MicroThread,
    ret: Ret,
    v: Value,
) -> Result<After, PyErr> {
    match ret {
        Ret::Push => Ok(After::Value(v)),
        Ret::Attr(on_stack) => {
            if on_stack {
                th.stack.pop();
            }
            Ok(After::Value(v))
        }
        Ret::Import(m) => super::import::finished(gil, &m).map(After::Value),
        Ret::ImportJob(job) => super::import::job_returned(gil, th, job, v).map(after),
        Ret::Init(obj) => {
            if !matches!(v, Value::None) {
                return Err(type_error(format!(
                    "__init__() should return None, not '{}'",
                    type_name(&v)
                )));
            }
            Ok(After::Value(obj))
        }
        Ret::New(spec) => {
            let (cls, args) = *spec;
            if !crate::objects::class::class_of(&v).is_subtype(&cls) {
                return Ok(After::Value(v));
            }
            let init = crate::objects::class::lookup(
                gil,
                &cls,
                &crate::objects::str::PyStr::new("__init__".to_owned()),
            );
            let init = match init {
                // (`set.__init__` and friends fill what `__new__` made.)
                Some(Value::Native(_)) if crate::objects::class::payload(&v).is_none() => None,
                other => other,
            };
            flatten(super::class::init_instance(gil, th, v, init, args))
        }
        Ret::BuildClass(spec) => super::class::finish_class(gil, *spec, v).map(After::Value),
        Ret::Discard => Ok(After::Nothing),
        Ret::Op(state) => flatten(super::dunder::op_returned(gil, th, *state, v)),
        Ret::OpFirst(op) => {
            let b = th
                .stack
                .pop()
                .expect("the operands below an operator frame");
            let a = th
                .stack
                .pop()
                .expect("the operands below an operator frame");
            if let Value::NotImplemented = v {
                return flatten(super::dunder::after_forward(gil, th, op, a, b));
            }
            Ok(After::Value(v))
        }
        Ret::Probe(lookup) => flatten(super::dictprobe::returned(gil, th, *lookup, v)),
        Ret::ForIter(_) => Ok(After::Value(v)),
        Ret::Truth(negate) => {
            let t = super::dunder::truthy(gil, &v)?;
            Ok(After::Value(Value::bool(t != negate)))
        }
        Ret::Branch {
            target,
            jump_if,
            by_len,
            or_pop,
        } => {
            let t = truth_result(&v, by_len)?;
            if t == jump_if {
                if let Some(f) = th.frames.last_mut() {
                    f.ip = target as usize;
                }
            } else if or_pop {
                if let Some(tested) = th.stack.pop() {
                    Value::release(tested);
                }
            }
            Ok(After::Nothing)
        }
        Ret::Not { by_len } => Ok(After::Value(Value::bool(!truth_result(&v, by_len)?))),
        Ret::Len => Ok(After::Value(Value::Int(super::dunder::len_result(&v)?))),
        Ret::Then(pair) => {
            let (inner, outer) = *pair;
            let a = returned(gil, th, inner, v)?;
            then(gil, th, a, outer)
        }
        Ret::Gen(g) => super::generator::returned(gil, th, &g, v),
        Ret::Iter => super::iterate::check_iter_result(gil, v).map(After::Value),
        Ret::Awaitable => super::asyncgen::check_await_result(gil, v).map(After::Value),
        Ret::AIter => super::asyncgen::check_aiter_result(gil, v).map(After::Value),
    }
}

/// `err` left the frame with follow-up `ret` (it is already popped): `Ok` when the
/// follow-up handles it, `Err` to propagate it to the caller.
pub(crate) fn raised(
    gil: Gil<'_>,
    th: &mut MicroThread,
    ret: Ret,
    err: PyErr,
) -> Result<After, PyErr> {
    match ret {
        Ret::Gen(g) => super::generator::raised(gil, th, &g, err),
        Ret::ForIter(exit) if err.is_instance(&types().exc.stop_iteration) => {
            // The loop is over: drop the iterator, leave the loop.
            th.stack.pop();
            if let Some(f) = th.frames.last_mut() {
                f.ip = exit;
            }
            Ok(After::Nothing)
        }
        Ret::Then(pair) => {
            let (inner, outer) = *pair;
            match raised(gil, th, inner, err) {
                Ok(a) => then(gil, th, a, outer),
                Err(e) => raised(gil, th, outer, e),
            }
        }
        Ret::Import(m) => {
            super::import::failed(gil, &m);
            Err(err)
        }
        Ret::ImportJob(job) => super::import::job_raised(gil, th, job, err).map(after),
        Ret::Attr(on_stack) => {
            let obj = match on_stack {
                true => th.stack.pop(),
                false => None,
            };
            Err(attr_site_context(gil, th, err, obj))
        }
        _ => Err(err),
    }
}

/// `err` of the attribute instruction the top frame stopped at (`LOAD_ATTR`,
/// `LOAD_METHOD`, a fused `LOAD_FAST_ATTR` and its `NOP`) with the name and object
/// that instruction looks up (`obj`: the object, taken from the local for
/// `LOAD_FAST_ATTR`).
#[cold]
#[inline(never)]
pub(crate) fn attr_site_context(
    gil: Gil<'_>,
    th: &MicroThread,
    err: PyErr,
    obj: Option<Value>,
) -> PyErr {
    use crate::compile::opcodes::Op;
    let Some(frame) = th.frames.last() else {
        return err;
    };
    let code = &frame.code;
    let Some(at) = frame.ip.checked_sub(1) else {
        return err;
    };
    let (index, obj) = match code.instrs.get(at) {
        Some(ins) if matches!(ins.op, Op::LOAD_ATTR | Op::LOAD_METHOD) => (ins.arg as usize, obj),
        Some(ins) if ins.op == Op::NOP && at > 0 => match code.instrs.get(at - 1) {
            Some(prev) if prev.op == Op::LOAD_FAST_ATTR => {
                let local = frame.base + (prev.arg & 0xffff) as usize;
                (
                    (prev.arg >> 16) as usize,
                    obj.or_else(|| th.stack.get(local).cloned()),
                )
            }
            _ => return err,
        },
        _ => return err,
    };
    match (code.names.get(index), obj) {
        (Some(Value::Str(name)), Some(obj)) => {
            crate::objects::exception::attr_error_context(gil, err, &obj, name.as_str())
        }
        _ => err,
    }
}

/// The truth a user `__bool__` (or, with `by_len`, `__len__`) that returned `v` gives.
fn truth_result(v: &Value, by_len: bool) -> Result<bool, PyErr> {
    if by_len {
        Ok(super::dunder::len_result(v)? != 0)
    } else {
        super::dunder::bool_result(v)
    }
}
