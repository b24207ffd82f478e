//! The dispatch loop: one function, iterative across Python-to-Python calls.
//!
//! A Python call pushes a `Frame` and continues here (`continue 'frame`); a return pops
//! it. The loop only returns when the frame it was started for returns or raises, or
//! when a native defers; the result is an `Outcome`, never VM state.

use crate::objects::rc::Arc;

use deferred::Unwind;

use super::call::{self, Called};
use super::class::{self, Attr};
use super::dictprobe;
use super::dunder;
use super::frame::Ret;
use super::generator;
use super::globals;
use super::ops;
use super::ret::{self, After};
use super::state::MicroThread;
use super::unwind::{self, Raise};
use super::Outcome;
use crate::compile::opcodes::Op;
use crate::native::{Args, Cx};
use crate::objects::class::{is_user, special};
use crate::objects::compare::{self, CmpOp};
use crate::objects::exception::{name_not_defined, unbound_local, PyErr};
use crate::objects::gil::Gil;
use crate::objects::types::types;
use crate::objects::value::Value;

/// Pop the top `n` values without running their drop glue: only for values known to
/// be inline (ints, floats, bools), which own nothing, so nothing leaks.
#[inline(always)]
fn forget_top(stack: &mut Vec<Value>, n: usize) {
    for _ in 0..n {
        if let Some(v) = stack.pop() {
            debug_assert!(v.heap_ptr().is_none(), "forgetting a heap value");
            std::mem::forget(v);
        }
    }
}

/// `stack.push(v)` with the growing step out of line. A `Vec::push` that may call the
/// allocator makes the compiler build `v` in a temporary on the Rust stack (its tag
/// byte and payload written separately) and copy it with one 16-byte load: a load
/// that spans two recent stores cannot be forwarded from them, and the CPU waits for
/// both to retire (a store-forwarding stall, ~15% of `run_from`'s samples on
/// method_calls, at the push of `LOAD_FAST`). With no call on the common path, `v`
/// is written straight into its slot. The trap remains for a value that comes back
/// through memory (an out-of-line `clone`): `LOAD_FAST` builds its commonest kinds
/// in registers for that reason.
#[inline(always)]
fn push(stack: &mut Vec<Value>, v: Value) {
    if stack.len() < stack.capacity() {
        stack.push(v);
    } else {
        push_grow(stack, v);
    }
}

/// `stack.truncate(floor)` with the drop glue called only for values that own
/// something: a returning frame's locals and callable slots are mostly ints, `None`
/// and `NULL`, whose drop is nothing, and `truncate` called it for each.
#[inline(always)]
fn release_to(stack: &mut Vec<Value>, floor: usize) {
    while stack.len() > floor {
        if let Some(v) = stack.pop() {
            Value::release(v);
        }
    }
}

/// The name strict mode gives a step of iterator `it` that had to be suspended on
/// the worker stack (`map`, `itertools.accumulate`, ...).
#[cold]
fn native_what(gil: Gil<'_>, it: &Value) -> &'static str {
    match it {
        Value::Iter(i) => i.borrow(gil).type_name(),
        Value::Object(o) => o.0.type_name(),
        _ => "an iterator",
    }
}

/// The item `seq[i]` for the top two values of `stack` when `seq` is a list or
/// tuple and `i` an int within its bounds (negative from the end); `None` for
/// anything else, which takes the general subscript.
#[inline]
fn item_at_int(gil: Gil<'_>, stack: &[Value]) -> Option<Value> {
    let [seq, Value::Int(i)] = stack.last_chunk::<2>()? else {
        return None;
    };
    let at = |len: usize| {
        let k = if *i < 0 {
            i.checked_add(len as i64)?
        } else {
            *i
        };
        usize::try_from(k).ok().filter(|&k| k < len)
    };
    match seq {
        Value::Tuple(t) => at(t.len()).map(|k| t[k].clone()),
        Value::List(l) => {
            let l = l.borrow(gil);
            at(l.len()).map(|k| l[k].clone())
        }
        _ => None,
    }
}

/// CPython 3.11's UNPACK_SEQUENCE_TUPLE/_LIST: a tuple or list of exactly `n` items
/// has them pushed straight on (last first), with no vector and no iterator; `false`
/// (nothing pushed) for anything else, which takes the general unpacking.
#[inline]
fn unpack_exact(gil: Gil<'_>, stack: &mut Vec<Value>, v: &Value, n: u32) -> bool {
    match v {
        Value::Tuple(t) if t.len() == n as usize => {
            stack.extend(t.iter().rev().cloned());
            true
        }
        Value::List(l) => {
            let l = l.borrow(gil);
            let fits = l.len() == n as usize;
            if fits {
                stack.extend(l.iter().rev().cloned());
            }
            fits
        }
        _ => false,
    }
}

#[cold]
#[inline(never)]
fn push_grow(stack: &mut Vec<Value>, v: Value) {
    stack.push(v);
}

/// Run the micro-thread until the frame at index `stop` returns or raises.
pub(crate) fn run(th: &mut MicroThread, gil: Gil<'_>, stop: usize) -> Outcome {
    run_from(th, gil, stop, None)
}

/// [`run`], first raising `pending` in the top frame (a `throw()` into a generator).
pub(crate) fn run_from(
    th: &mut MicroThread,
    gil: Gil<'_>,
    stop: usize,
    mut pending: Option<(PyErr, Raise)>,
) -> Outcome {
    'frame: loop {
        if let Some((err, how)) = pending.take() {
            match unwind::handle(gil, th, err, how, stop) {
                Ok(None) => {}
                Ok(Some(v)) => return Outcome::Returned(v),
                Err(err) => return Outcome::Raised(err),
            }
        }
        let fi = th.frames.len() - 1;
        let (code, base, mut ip) = {
            let f = &th.frames[fi];
            (f.code.clone(), f.base, f.ip)
        };

        macro_rules! pop {
            () => {
                th.stack.pop().expect("value stack underflow")
            };
        }
        macro_rules! top {
            () => {
                th.stack.last().expect("value stack underflow")
            };
        }
        macro_rules! raise {
            ($e:expr) => {{
                th.frames[fi].ip = ip;
                pending = Some(($e, Raise::Fresh));
                continue 'frame;
            }};
        }
        macro_rules! tri {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => raise!(e),
                }
            };
        }
        // `tri!` for an attribute lookup of `obj.name`: an `AttributeError` gets its
        // `name` and `obj` (CPython's `set_attribute_error_context`).
        macro_rules! tri_attr {
            ($e:expr, $obj:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => {
                        th.frames[fi].ip = ip;
                        raise!(super::ret::attr_site_context(gil, th, e, $obj))
                    }
                }
            };
        }
        macro_rules! unwind {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(Unwind::Raise(e)) => raise!(e),
                    Err(Unwind::Deferred) => {
                        th.frames[fi].ip = ip;
                        return Outcome::Deferred;
                    }
                }
            };
        }
        macro_rules! name_arg {
            ($arg:expr) => {
                match &code.names[$arg as usize] {
                    Value::Str(s) => s,
                    _ => unreachable!("names are strings"),
                }
            };
        }
        // The outcome of a call the loop made: a value to push, a frame to continue
        // in, or nothing (a follow-up may have moved this frame's `ip`: reload it).
        macro_rules! called {
            ($e:expr) => {{
                match $e {
                    Ok(Called::Value(v)) => push(&mut th.stack, v),
                    Ok(Called::Frame) | Ok(Called::Nothing) => continue 'frame,
                    Err(Unwind::Raise(e)) => raise!(e),
                    Err(Unwind::Deferred) => return Outcome::Deferred,
                }
            }};
        }
        // What a generator's resumption left (`vm::generator`).
        macro_rules! resumed {
            ($e:expr) => {
                match unwind!($e) {
                    generator::Resumed::Frame => continue 'frame,
                    generator::Resumed::Value(v) => push(&mut th.stack, v),
                    generator::Resumed::Raise(e) => {
                        pending = Some((e, Raise::Propagated));
                        continue 'frame;
                    }
                }
            };
        }
        // What a frame's follow-up left for the caller (the frame is popped).
        macro_rules! after {
            ($e:expr) => {
                match $e {
                    Ok(After::Value(x)) => {
                        if th.frames.len() <= stop {
                            return Outcome::Returned(x);
                        }
                        push(&mut th.stack, x);
                        continue 'frame;
                    }
                    Ok(After::Frame) => continue 'frame,
                    Ok(After::Nothing) => {
                        if th.frames.len() <= stop {
                            return Outcome::Returned(Value::None);
                        }
                        continue 'frame;
                    }
                    Err(e) => {
                        if th.frames.len() <= stop {
                            return Outcome::Raised(e);
                        }
                        pending = Some((e, Raise::Fresh));
                        continue 'frame;
                    }
                }
            };
        }
        // The popped frame with follow-up `$ret` returned `$v`.
        macro_rules! leave {
            ($ret:expr, $v:expr) => {{
                let (r, v) = ($ret, $v);
                if let Ret::Attr(on_stack) = r {
                    // A getter's result replaces the object under its frame.
                    if on_stack {
                        th.stack.pop();
                    }
                    if th.frames.len() <= stop {
                        return Outcome::Returned(v);
                    }
                    push(&mut th.stack, v);
                    continue 'frame;
                }
                if !matches!(r, Ret::Push) {
                    after!(ret::returned(gil, th, r, v));
                }
                // `Ret::Push` owns nothing: no call to its drop glue.
                std::mem::forget(r);
                if th.frames.len() <= stop {
                    return Outcome::Returned(v);
                }
                push(&mut th.stack, v);
                continue 'frame;
            }};
        }
        // Before a call pushes a frame or runs a callable: the frame's `ip` written
        // back, then a pending signal, drop request or interrupt attended to.
        macro_rules! before_call {
            () => {
                th.frames[fi].ip = ip;
                if super::attention() {
                    if let super::Attend::Raise(e) = super::attend(gil, th, false) {
                        raise!(e);
                    }
                }
            };
        }
        macro_rules! do_call {
            ($callable:expr, $args:expr) => {{
                before_call!();
                let (callable, args) = ($callable, $args);
                if let Some(r) = generator::loop_call(gil, th, &callable, &args) {
                    resumed!(r)
                } else {
                    called!(call::invoke(gil, th, callable, args))
                }
            }};
        }
        // The call computing attribute `obj.name` (a property getter, `__getattr__`):
        // an `AttributeError` leaving it gets the name and object (`Ret::Attr`).
        macro_rules! attr_call {
            ($callable:expr, $args:expr, $obj:expr) => {{
                before_call!();
                called!(call::invoke_attr(gil, th, $callable, $args, $obj))
            }};
        }
        // A lookup in dict `$d` whose key needs Python (`vm::dictprobe`): `__hash__`
        // and `__eq__` run as frames, then `$action` is carried out.
        macro_rules! probe {
            ($d:expr, $key:expr, $action:expr) => {{
                th.frames[fi].ip = ip;
                called!(dictprobe::start(gil, th, $d.clone(), $key, $action));
                continue;
            }};
        }
        // A call whose result goes through follow-up `$ret` (see `frame::Ret`).
        macro_rules! call_then {
            ($callable:expr, $args:expr, $ret:expr) => {{
                th.frames[fi].ip = ip;
                called!(call::call_then(gil, th, &$callable, Args::new($args), $ret))
            }};
        }

        // Work queued for the loop: a dead object's Python code to run
        // (`vm::finalize`), the allocator's `MemoryError` (`reserve`), the cycle
        // collector wanting to run (`objects::gc::wanted`). It is attended at
        // checkpoints, as CPython's eval breaker is: each frame's entry and
        // resumption (here), each backward jump, and each instruction that may
        // allocate or call (`checkpoint!()` first in its arm). The quiet ones
        // between (loads, stores, jumps, attribute reads) skip the check, about 5% of
        // the instructions of an object-heavy loop; the longest run of them a
        // program can make is straight-line code, bounded by its length, so a
        // pending `MemoryError` is raised within a few instructions of the failure
        // and the allocator's reserve covers what they allocate meanwhile.
        macro_rules! checkpoint {
            () => {
                if crate::objects::finalize::pending() {
                    th.frames[fi].ip = ip;
                    if let Some(e) = super::finalize::run_pending(gil, th) {
                        raise!(e);
                    }
                }
            };
        }
        checkpoint!();
        // The instructions as a slice of their own: fetching one is then a load from
        // the slice's pointer, not through the code object's vector each time.
        let instrs: &[crate::compile::opcodes::Instr] = &code.instrs;
        // `LOAD_FAST`: push local `$arg`, or raise `UnboundLocalError`.
        macro_rules! load_fast {
            ($arg:expr) => {{
                let arg = $arg;
                let v = &th.stack[base + arg as usize];
                if v.is_null() {
                    let name = &code.varnames[arg as usize];
                    raise!(unbound_local(format!(
                        "cannot access local variable '{name}' where it is not associated with a value"
                    )));
                }
                // The commonest locals are copied without the out-of-line clone and
                // pushed from registers (one push per arm: a clone returned through
                // memory is copied through a temporary, see `push`).
                match *v {
                    Value::Int(i) => push(&mut th.stack, Value::Int(i)),
                    Value::Float(x) => push(&mut th.stack, Value::float(x.get())),
                    Value::List(ref l) => {
                        let v = Value::List(l.clone());
                        push(&mut th.stack, v)
                    }
                    Value::Instance(ref o) => {
                        let v = Value::Instance(o.clone());
                        push(&mut th.stack, v)
                    }
                    Value::Str(ref s) => {
                        let v = Value::Str(s.clone());
                        push(&mut th.stack, v)
                    }
                    ref v => {
                        let v = v.clone();
                        push(&mut th.stack, v)
                    }
                }
            }};
        }
        loop {
            let ins = instrs[ip];
            ip += 1;
            let arg = ins.arg;
            match ins.op {
                Op::NOP => {}
                Op::POP_TOP => {
                    Value::release(pop!());
                }
                Op::PRINT_EXPR => {
                    checkpoint!();
                    let v = pop!();
                    th.frames[fi].ip = ip;
                    let hook = crate::modules::sys::displayhook(gil);
                    let mut cx = Cx { gil, th };
                    tri!(cx.call(&hook, vec![v]).map_err(|e| match e {
                        deferred::Unwind::Raise(e) => e,
                        deferred::Unwind::Deferred =>
                            crate::objects::exception::runtime_error("sys.displayhook waited",),
                    }));
                }
                Op::DUP_TOP => {
                    let v = top!().clone();
                    push(&mut th.stack, v);
                }
                Op::DUP_TOP_TWO => {
                    let n = th.stack.len();
                    let (a, b) = (th.stack[n - 2].clone(), th.stack[n - 1].clone());
                    push(&mut th.stack, a);
                    push(&mut th.stack, b);
                }
                Op::ROT_TWO => {
                    let n = th.stack.len();
                    th.stack.swap(n - 1, n - 2);
                }
                Op::ROT_THREE => {
                    let v = pop!();
                    let n = th.stack.len();
                    th.stack.insert(n - 2, v);
                }
                Op::ROT_FOUR => {
                    let v = pop!();
                    let n = th.stack.len();
                    th.stack.insert(n - 3, v);
                }
                Op::PUSH_NULL => push(&mut th.stack, Value::Null),
                Op::LOAD_CONST => push(&mut th.stack, code.consts[arg as usize].clone()),
                Op::LOAD_FAST => load_fast!(arg),
                Op::LOAD_FAST__LOAD_FAST => {
                    load_fast!(arg);
                    // The second stays as an instruction of its own: past it, so an
                    // unbound local there is reported at its position.
                    let second = instrs[ip].arg;
                    ip += 1;
                    load_fast!(second);
                }
                Op::STORE_FAST => {
                    let v = pop!();
                    Value::release(std::mem::replace(&mut th.stack[base + arg as usize], v));
                }
                Op::STORE_FAST__STORE_FAST => {
                    let v = pop!();
                    Value::release(std::mem::replace(&mut th.stack[base + arg as usize], v));
                    let second = instrs[ip].arg as usize;
                    ip += 1;
                    let v = pop!();
                    Value::release(std::mem::replace(&mut th.stack[base + second], v));
                }
                Op::DELETE_FAST => {
                    let slot = &mut th.stack[base + arg as usize];
                    if slot.is_null() {
                        let name = &code.varnames[arg as usize];
                        raise!(unbound_local(format!(
                            "cannot access local variable '{name}' where it is not associated with a value"
                        )));
                    }
                    *slot = Value::Null;
                }
                Op::LOAD_NAME if th.frames[fi].locals.is_some() => {
                    let ns = th.frames[fi].locals.clone().expect("a class namespace");
                    if let Some(obj) = super::class::namespace_object(&th.frames[fi]) {
                        // A `__prepare__` mapping of its own: its `__getitem__`.
                        th.frames[fi].ip = ip;
                        let got = tri!(super::class::ns_load(gil, &obj, name_arg!(arg)));
                        let found = match got {
                            Some(v) => Some(v),
                            None => globals::load(gil, &code, arg as usize, &th.frames[fi].globals),
                        };
                        match found {
                            Some(v) => push(&mut th.stack, v),
                            None => raise!(name_not_defined(name_arg!(arg).as_str())),
                        }
                        continue;
                    }
                    let found = ns.borrow(gil).get_str(name_arg!(arg));
                    let found = match found {
                        Some(v) => Some(v),
                        None => globals::load(gil, &code, arg as usize, &th.frames[fi].globals),
                    };
                    match found {
                        Some(v) => push(&mut th.stack, v),
                        None => raise!(name_not_defined(name_arg!(arg).as_str())),
                    }
                }
                Op::LOAD_NAME | Op::LOAD_GLOBAL => {
                    let found = globals::load(gil, &code, arg as usize, &th.frames[fi].globals);
                    match found {
                        Some(v) => push(&mut th.stack, v),
                        None => raise!(name_not_defined(name_arg!(arg).as_str())),
                    }
                }
                Op::PUSH_NULL__LOAD_GLOBAL => {
                    push(&mut th.stack, Value::Null);
                    // The `LOAD_GLOBAL` stays as an instruction of its own: past it,
                    // so a missing name is reported at its position.
                    let arg = instrs[ip].arg;
                    ip += 1;
                    let found = globals::load(gil, &code, arg as usize, &th.frames[fi].globals);
                    match found {
                        Some(v) => push(&mut th.stack, v),
                        None => raise!(name_not_defined(name_arg!(arg).as_str())),
                    }
                }
                Op::STORE_NAME | Op::STORE_GLOBAL => {
                    checkpoint!();
                    let v = pop!();
                    if ins.op == Op::STORE_NAME {
                        if let Some(obj) = super::class::namespace_object(&th.frames[fi]) {
                            th.frames[fi].ip = ip;
                            let key = code.names[arg as usize].clone();
                            tri!(super::class::ns_call(
                                gil,
                                &obj,
                                "__setitem__",
                                vec![key, v]
                            ));
                            continue;
                        }
                    }
                    let ns = match (&th.frames[fi].locals, ins.op) {
                        (Some(ns), Op::STORE_NAME) => ns,
                        _ => &th.frames[fi].globals,
                    };
                    let r = ns.borrow_mut(gil).insert_name(&code.names[arg as usize], v);
                    tri!(r);
                }
                Op::DELETE_NAME | Op::DELETE_GLOBAL => {
                    checkpoint!();
                    if ins.op == Op::DELETE_NAME {
                        if let Some(obj) = super::class::namespace_object(&th.frames[fi]) {
                            th.frames[fi].ip = ip;
                            let key = code.names[arg as usize].clone();
                            tri!(super::class::ns_call(gil, &obj, "__delitem__", vec![key]));
                            continue;
                        }
                    }
                    let key = &code.names[arg as usize];
                    let ns = match (&th.frames[fi].locals, ins.op) {
                        (Some(ns), Op::DELETE_NAME) => ns,
                        _ => &th.frames[fi].globals,
                    };
                    let removed = ns.borrow_mut(gil).remove(key);
                    let removed = tri!(removed);
                    if removed.is_none() {
                        raise!(name_not_defined(name_arg!(arg).as_str()));
                    }
                }
                Op::LOAD_DEREF => {
                    let v = th.frames[fi].cells[arg as usize].borrow(gil).clone();
                    if v.is_null() {
                        raise!(ops::unbound_deref(&code, arg as usize));
                    }
                    push(&mut th.stack, v);
                }
                Op::LOAD_CLASSDEREF => {
                    // The class namespace first (CPython's `LOAD_CLASSDEREF`).
                    let name =
                        crate::objects::str::PyStr::new(code.deref_name(arg as usize).to_owned());
                    let found = if let Some(obj) = super::class::namespace_object(&th.frames[fi]) {
                        th.frames[fi].ip = ip;
                        tri!(super::class::ns_load(gil, &obj, &name))
                    } else {
                        match &th.frames[fi].locals {
                            Some(ns) => ns.borrow(gil).get_str(&name),
                            None => None,
                        }
                    };
                    if let Some(v) = found {
                        push(&mut th.stack, v);
                        continue;
                    }
                    let v = th.frames[fi].cells[arg as usize].borrow(gil).clone();
                    if v.is_null() {
                        raise!(ops::unbound_deref(&code, arg as usize));
                    }
                    push(&mut th.stack, v);
                }
                Op::STORE_DEREF => {
                    let v = pop!();
                    *th.frames[fi].cells[arg as usize].borrow_mut(gil) = v;
                }
                Op::DELETE_DEREF => {
                    checkpoint!();
                    let cell = th.frames[fi].cells[arg as usize].clone();
                    if cell.borrow(gil).is_null() {
                        raise!(ops::unbound_deref(&code, arg as usize));
                    }
                    *cell.borrow_mut(gil) = Value::Null;
                }
                Op::LOAD_CLOSURE => {
                    let c = th.frames[fi].cells[arg as usize].clone();
                    push(&mut th.stack, Value::Cell(c));
                }
                Op::LOAD_FAST_ATTR => {
                    // Past the `NOP` left by the fused `LOAD_ATTR`: errors report it.
                    ip += 1;
                    let local = base + (arg & 0xffff) as usize;
                    let ni = (arg >> 16) as usize;
                    let name = name_arg!(ni);
                    let found = match &th.stack[local] {
                        Value::Null => {
                            let name = &code.varnames[(arg & 0xffff) as usize];
                            raise!(unbound_local(format!(
                                "cannot access local variable '{name}' where it is not associated with a value"
                            )));
                        }
                        obj @ Value::Instance(i) => {
                            let mut cache = code.attr_cache.borrow_mut(gil);
                            let slot = &mut cache[ni];
                            if let Some(v) = class::instance_value(gil, slot, i, name) {
                                drop(cache);
                                push(&mut th.stack, v);
                                continue;
                            }
                            class::instance_load(gil, slot, obj, i, name)
                        }
                        obj => super::attr::load_attr(gil, obj, name.as_str()),
                    };
                    match tri_attr!(found, None) {
                        Attr::Value(v) => push(&mut th.stack, v),
                        Attr::Call(f, args) => attr_call!(f, Args::new(args), None),
                    }
                }
                Op::LOAD_ATTR => {
                    let obj = pop!();
                    let found = match &obj {
                        Value::Instance(i) => {
                            let mut cache = code.attr_cache.borrow_mut(gil);
                            let slot = &mut cache[arg as usize];
                            if let Some(v) = class::instance_value(gil, slot, i, name_arg!(arg)) {
                                drop(cache);
                                push(&mut th.stack, v);
                                continue;
                            }
                            class::instance_load(gil, slot, &obj, i, name_arg!(arg))
                        }
                        Value::Type(t) => {
                            let mut cache = code.attr_cache.borrow_mut(gil);
                            let slot = &mut cache[arg as usize];
                            if let Some(v) = class::class_value(gil, slot, t, name_arg!(arg)) {
                                drop(cache);
                                push(&mut th.stack, v);
                                continue;
                            }
                            drop(cache);
                            super::attr::load_attr(gil, &obj, name_arg!(arg).as_str())
                        }
                        Value::Module(m) => {
                            let mut cache = code.attr_cache.borrow_mut(gil);
                            let slot = &mut cache[arg as usize];
                            if let Some(v) = super::attr::module_value(gil, slot, m, name_arg!(arg))
                            {
                                drop(cache);
                                push(&mut th.stack, v);
                                continue;
                            }
                            drop(cache);
                            super::attr::load_attr(gil, &obj, name_arg!(arg).as_str())
                        }
                        _ => super::attr::load_attr(gil, &obj, name_arg!(arg).as_str()),
                    };
                    match tri_attr!(found, Some(obj.clone())) {
                        Attr::Value(v) => push(&mut th.stack, v),
                        Attr::Call(f, args) => attr_call!(f, Args::new(args), Some(obj)),
                    }
                }
                Op::STORE_ATTR | Op::DELETE_ATTR => {
                    let obj = pop!();
                    let mut v = (ins.op == Op::STORE_ATTR).then(|| pop!());
                    if let (Value::Instance(i), Some(_)) = (&obj, &v) {
                        // The common case, `obj.x = v` with nothing in the way: straight
                        // into the instance dict under the interned name (the value
                        // moved there, not cloned).
                        let mut cache = code.attr_cache.borrow_mut(gil);
                        let slot = &mut cache[arg as usize];
                        if class::plain_store(gil, slot, i, name_arg!(arg)) {
                            let key = &code.names[arg as usize];
                            let val = v.take().unwrap_or(Value::None);
                            let r =
                                i.dict
                                    .borrow_mut(gil)
                                    .insert_name_hinted(key, val, &mut slot.hint);
                            drop(cache);
                            tri!(r);
                            continue;
                        }
                    }
                    let name = name_arg!(arg).as_str();
                    if let Some((f, args)) = tri!(class::store_attr(gil, &obj, name, v)) {
                        call_then!(f, args, Ret::Discard);
                    }
                }
                Op::LOAD_METHOD => {
                    let obj = pop!();
                    match &obj {
                        Value::Instance(_) => {
                            // A method of the instance's class (the commonest call of
                            // all): the class's function, the instance after it as `self`.
                            let mut cache = code.attr_cache.borrow_mut(gil);
                            let slot = &mut cache[arg as usize];
                            if let Some((f, this)) =
                                class::load_method(gil, slot, &obj, name_arg!(arg))
                            {
                                drop(cache);
                                push(&mut th.stack, f);
                                push(&mut th.stack, this.unwrap_or(obj));
                                continue;
                            }
                            // A callable kept in the instance (`self.read = file.read`
                            // in `__init__`, then `self.read(n)`): called as it is, as
                            // `LOAD_ATTR` would find it.
                            if let Value::Instance(i) = &obj {
                                if let Some(v) = class::instance_value(gil, slot, i, name_arg!(arg))
                                {
                                    drop(cache);
                                    Value::release(obj);
                                    push(&mut th.stack, Value::Null);
                                    push(&mut th.stack, v);
                                    continue;
                                }
                            }
                        }
                        // `Class.static_method(...)`, `module.function(...)`: the value
                        // itself is called, with no `self`.
                        Value::Type(t) => {
                            let mut cache = code.attr_cache.borrow_mut(gil);
                            let slot = &mut cache[arg as usize];
                            if let Some(v) = class::class_value(gil, slot, t, name_arg!(arg)) {
                                drop(cache);
                                push(&mut th.stack, Value::Null);
                                push(&mut th.stack, v);
                                continue;
                            }
                            if let Some(f) = class::class_method_fn(gil, slot, t, name_arg!(arg)) {
                                drop(cache);
                                push(&mut th.stack, f);
                                push(&mut th.stack, obj);
                                continue;
                            }
                        }
                        Value::Module(m) => {
                            let mut cache = code.attr_cache.borrow_mut(gil);
                            let slot = &mut cache[arg as usize];
                            if let Some(v) = super::attr::module_value(gil, slot, m, name_arg!(arg))
                            {
                                drop(cache);
                                push(&mut th.stack, Value::Null);
                                push(&mut th.stack, v);
                                continue;
                            }
                        }
                        _ => {}
                    }
                    match super::attr::load_method_cached(gil, &code, arg as usize, &obj) {
                        Some(m) => {
                            push(&mut th.stack, m);
                            push(&mut th.stack, obj);
                        }
                        None => {
                            let f = match &obj {
                                Value::Super(s) => class::super_method(gil, s, name_arg!(arg))
                                    .map(|f| (f, Some(s.this.clone()))),
                                _ => {
                                    let mut cache = code.attr_cache.borrow_mut(gil);
                                    let slot = &mut cache[arg as usize];
                                    class::load_method(gil, slot, &obj, name_arg!(arg))
                                }
                            };
                            if let Some((f, this)) = f {
                                let obj = this.unwrap_or(obj);
                                push(&mut th.stack, f);
                                push(&mut th.stack, obj);
                                continue;
                            }
                            // A method of a native object (a lock, a socket, a pipe):
                            // called with `self` first, no bound method allocated.
                            if let Value::Object(o) = &obj {
                                let name = name_arg!(arg).as_str();
                                if let Some(Value::Native(d)) =
                                    o.0.getattr(gil, name)
                                        .filter(|v| matches!(v, Value::Native(d) if d.name == name))
                                {
                                    push(&mut th.stack, Value::Native(d));
                                    push(&mut th.stack, obj);
                                    continue;
                                }
                            }
                            push(&mut th.stack, Value::Null);
                            let name = name_arg!(arg).as_str();
                            match tri_attr!(
                                super::attr::load_attr(gil, &obj, name),
                                Some(obj.clone())
                            ) {
                                Attr::Value(v) => push(&mut th.stack, v),
                                Attr::Call(f, args) => {
                                    attr_call!(f, Args::new(args), Some(obj))
                                }
                            }
                        }
                    }
                }
                Op::CALL => {
                    checkpoint!();
                    let argc = arg as usize;
                    let n = th.stack.len();
                    let head = n - argc - 2;
                    // The commonest call first (CPython 3.11's CALL_PY_EXACT_ARGS): a
                    // Python function taking exactly these positional arguments, or
                    // a method of one, bound where the arguments lie with none of
                    // the checks below (they are all about other callables).
                    let exact = match (&th.stack[head], &th.stack[head + 1]) {
                        (Value::Null, Value::Function(f)) => {
                            call::is_simple(f, argc).then_some(head + 2)
                        }
                        (Value::Function(f), _) => call::is_simple(f, argc + 1).then_some(head + 1),
                        _ => None,
                    };
                    if let Some(args_at) = exact {
                        before_call!();
                        tri!(call::push_simple_frame(th, args_at, head));
                        continue 'frame;
                    }
                    // Specialized like CPython 3.11's CALL_NO_KW_LIST_APPEND,
                    // CALL_NO_KW_LEN and PRECALL_NO_KW_STR_1: no argument list, no
                    // native call.
                    let special = match argc {
                        1 => call::specialized_1(gil, &th.stack, head),
                        2 => call::specialized_2(&th.stack, head),
                        _ => None,
                    };
                    if let Some(v) = special {
                        th.stack.truncate(head);
                        push(&mut th.stack, v);
                        continue;
                    }
                    // `len(obj)` of a user instance with a Python `__len__`: that runs
                    // as a frame of this loop (`Ret::Len` checks what it returns).
                    if argc == 1 && is_user(&th.stack[head + 2]) {
                        if let (Value::Null, Value::Native(d)) =
                            (&th.stack[head], &th.stack[head + 1])
                        {
                            if crate::modules::builtins::is_len(d) {
                                if let Some(f) = crate::objects::class::special(
                                    gil,
                                    &th.stack[head + 2],
                                    "__len__",
                                ) {
                                    let obj = pop!();
                                    th.stack.truncate(head);
                                    let (f, args) = class::bind_special(f, obj);
                                    call_then!(f, args, Ret::Len);
                                    continue;
                                }
                            }
                        }
                    }
                    // A bound method of a Python function: a method call's layout.
                    call::unbind_method(&mut th.stack, head);
                    // Fast path: a Python function with exactly its positional
                    // parameters; the arguments become its locals where they lie.
                    // (A plain function taking exactly these arguments went above; a
                    // bound method unbound here may still take the exact path.)
                    let fast = match (&th.stack[head], &th.stack[head + 1]) {
                        (Value::Function(f), _) if call::is_simple(f, argc + 1) => Some(head + 1),
                        // Trailing defaults complete the arguments: pushed after them
                        // (the function held by a handle of its own meanwhile, since
                        // the stack grows under the borrowed one).
                        (Value::Null, Value::Function(f)) => {
                            match call::missing_defaults(gil, f, argc) {
                                Some(missing) => {
                                    let f = f.clone();
                                    call::push_defaults(gil, &mut th.stack, &f, missing);
                                    Some(head + 2)
                                }
                                None => None,
                            }
                        }
                        (Value::Function(f), _) => match call::missing_defaults(gil, f, argc + 1) {
                            Some(missing) => {
                                let f = f.clone();
                                call::push_defaults(gil, &mut th.stack, &f, missing);
                                Some(head + 1)
                            }
                            None => None,
                        },
                        _ => None,
                    };
                    if fast.is_none() {
                        // A function taking `*args`/`**kwargs`: bound where the
                        // arguments lie.
                        if let Some(args_at) = call::varargs_at(&th.stack, head, argc) {
                            before_call!();
                            tri!(call::push_varargs_frame(th, args_at, head));
                            continue 'frame;
                        }
                        // A class call with a simple `__init__` (`Vector(x, y, z)`):
                        // the instance made here, `[__init__, instance, args...]` put
                        // where `[NULL, class, args...]` was, and the frame pushed like
                        // a method's, its result the instance.
                        if let (Value::Null, Value::Type(cls)) =
                            (&th.stack[head], &th.stack[head + 1])
                        {
                            if let Some(init) = class::simple_init(gil, cls, argc) {
                                let obj = tri!(crate::objects::class::new_instance(
                                    cls,
                                    &Args::new(Vec::new())
                                ));
                                th.stack[head] = init;
                                Value::release(std::mem::replace(
                                    &mut th.stack[head + 1],
                                    obj.clone(),
                                ));
                                before_call!();
                                tri!(call::push_init_frame(th, head, obj));
                                continue 'frame;
                            }
                        }
                    }
                    if let Some(args_at) = fast {
                        before_call!();
                        tri!(call::push_simple_frame(th, args_at, head));
                        continue 'frame;
                    }
                    let (callable, args) = if th.stack[head].is_null() {
                        let args = call::take_args(&mut th.stack, head + 2);
                        let callable = pop!();
                        pop!();
                        if let Value::Native(n) = callable {
                            if call::is_plain_native(n) {
                                // A built-in function (`len(b)`, `binascii.hexlify(b)`):
                                // nothing of `invoke`'s applies (see `is_plain_native`).
                                th.frames[fi].ip = ip;
                                let r = call::call_plain_native(
                                    gil,
                                    th,
                                    n,
                                    Args {
                                        pos: args,
                                        kw: Vec::new(),
                                    },
                                );
                                let v = unwind!(r);
                                push(&mut th.stack, v);
                                continue;
                            }
                        }
                        // A built-in bound by a class made in Python to its instance
                        // (`Struct(f).pack`, `random.random`), or bound to its object
                        // and kept (`append = out.append`; `self.read = file.read`):
                        // the instance or object first, then the arguments, with no
                        // trip through `invoke`.
                        let direct = match &callable {
                            Value::Method(m) => match m.func {
                                Value::Native(n) if call::is_plain_native(n) => {
                                    Some((n, m.this.clone()))
                                }
                                _ => None,
                            },
                            Value::BoundNative(b) => call::is_direct_bound(th, &callable)
                                .map(|n| (n, call::bound_self(b.0.clone(), n))),
                            _ => None,
                        };
                        if let Some((n, this)) = direct {
                            th.frames[fi].ip = ip;
                            let mut pos = smallvec::SmallVec::with_capacity(args.len() + 1);
                            pos.push(this);
                            pos.extend(args);
                            drop(callable);
                            let r = call::call_plain_native(
                                gil,
                                th,
                                n,
                                Args {
                                    pos,
                                    kw: Vec::new(),
                                },
                            );
                            let v = unwind!(r);
                            push(&mut th.stack, v);
                            continue;
                        }
                        (
                            callable,
                            Args {
                                pos: args,
                                kw: Vec::new(),
                            },
                        )
                    } else {
                        // A method: `self` is already in place as the first argument.
                        let args = call::take_args(&mut th.stack, head + 1);
                        let callable = pop!();
                        // Generator methods resume frames, `str.join`/`list.extend`
                        // over something that may defer run in Python, and dict
                        // lookups may call `__eq__` as frames: through `do_call!`.
                        let direct = matches!(callable, Value::Native(n)
                            if call::is_direct_method(th, n));
                        if let (true, Value::Native(n)) = (direct, &callable) {
                            // LOAD_METHOD found it on `self`'s own type: no self check
                            // (generator methods resume frames: see `do_call!`).
                            th.frames[fi].ip = ip;
                            let prev = std::mem::replace(&mut th.native_name, n.name);
                            let mut cx = Cx { gil, th };
                            let r = (n.f)(
                                &mut cx,
                                Args {
                                    pos: args,
                                    kw: Vec::new(),
                                },
                            );
                            th.native_name = prev;
                            let v = unwind!(r);
                            push(&mut th.stack, v);
                            continue;
                        }
                        (
                            callable,
                            Args {
                                pos: args,
                                kw: Vec::new(),
                            },
                        )
                    };
                    do_call!(callable, args);
                }
                Op::CALL_KW => {
                    checkpoint!();
                    let names = pop!();
                    let argc = arg as usize;
                    let n = th.stack.len();
                    let head = n - argc - 2;
                    call::unbind_method(&mut th.stack, head);
                    if let (Value::Tuple(kwnames), true) =
                        (&names, call::is_function_call(&th.stack, head))
                    {
                        before_call!();
                        if tri!(call::push_kw_frame(gil, th, head, kwnames)) {
                            continue 'frame;
                        }
                    }
                    let self_arg = if th.stack[head].is_null() {
                        None
                    } else {
                        Some(th.stack[head + 1].clone())
                    };
                    let args = call::split_kw(&mut th.stack, head + 2, self_arg, &names);
                    let b = pop!();
                    let a = pop!();
                    let method = !a.is_null();
                    let callable = if method { a } else { b };
                    if let Value::Native(n) = callable {
                        // A built-in function, or a method LOAD_METHOD found on
                        // `self`'s own type: as in CALL.
                        let direct = if method {
                            call::is_direct_method(th, n)
                        } else {
                            call::is_plain_native(n)
                        };
                        if direct {
                            th.frames[fi].ip = ip;
                            let v = unwind!(call::call_plain_native(gil, th, n, args));
                            push(&mut th.stack, v);
                            continue;
                        }
                    }
                    do_call!(callable, args);
                }
                Op::CALL_FUNCTION_EX => {
                    checkpoint!();
                    let kwargs = if arg & 1 != 0 { Some(pop!()) } else { None };
                    let mut posargs = pop!();
                    let b = pop!();
                    let a = pop!();
                    if !matches!(posargs, Value::Tuple(_) | Value::List(_)) {
                        // `f(*xs)` of any iterable (a generator may suspend here).
                        th.frames[fi].ip = ip;
                        let mut cx = Cx { gil, th };
                        posargs = unwind!(ops::star_args(&mut cx, (&a, &b), &posargs));
                    }
                    let args = tri!(call::ex_args(
                        gil,
                        a.is_null().then_some(()).map_or(Some(b.clone()), |_| None),
                        &posargs,
                        kwargs.as_ref()
                    ));
                    let callable = if a.is_null() { b } else { a };
                    do_call!(callable, args);
                }
                Op::BINARY_OP => {
                    checkpoint!();
                    // Fast path: two inline numbers, the result written over the left one.
                    let n = th.stack.len();
                    let fast = match (&th.stack[n - 2], &th.stack[n - 1]) {
                        (Value::Int(x), Value::Int(y)) => ops::int_fast(arg, *x, *y),
                        (Value::Float(x), Value::Float(y)) => {
                            ops::float_fast(arg, x.get(), y.get())
                        }
                        _ => None,
                    };
                    if let Some(v) = fast {
                        // Both operands are inline numbers: forgetting them skips the
                        // drop glue (a call per value) and leaks nothing.
                        forget_top(&mut th.stack, 2);
                        push(&mut th.stack, v);
                        continue;
                    }
                    let b = pop!();
                    let a = pop!();
                    if let Some(f) = dunder::simple_binary(gil, arg, &a, &b) {
                        push(&mut th.stack, a.clone());
                        push(&mut th.stack, b.clone());
                        let floor = th.stack.len();
                        push(&mut th.stack, f);
                        push(&mut th.stack, a);
                        push(&mut th.stack, b);
                        before_call!();
                        tri!(call::push_op_frame(th, floor, arg));
                        continue 'frame;
                    }
                    if is_user(&a) || is_user(&b) {
                        th.frames[fi].ip = ip;
                        called!(dunder::binary(gil, th, arg, a, b));
                        continue;
                    }
                    let v = if arg == 13 && matches!(a, Value::Str(_)) {
                        // `s += t`: append in place when `s` is the only reference
                        // (the variable about to be rebound is released first).
                        let a = ops::release_target(th, &code, ip, base, a);
                        tri!(ops::concat_in_place(a, &b))
                    } else if arg == 13 && matches!(a, Value::List(_)) {
                        // `lst += iterable` extends in place.
                        th.frames[fi].ip = ip;
                        let mut cx = Cx { gil, th };
                        let items = unwind!(cx.collect(&b));
                        if let Value::List(l) = &a {
                            tri!(crate::objects::memory::extend(
                                &mut l.borrow_mut(gil),
                                items
                            ));
                        }
                        a
                    } else {
                        tri!(ops::binary_op(gil, arg, &a, &b))
                    };
                    push(&mut th.stack, v);
                }
                Op::UNARY_NEGATIVE => {
                    checkpoint!();
                    let a = pop!();
                    if let Some(f) = special(gil, &a, "__neg__") {
                        do_call!(f, Args::new([a]));
                        continue;
                    }
                    push(&mut th.stack, tri!(ops::unary(gil, "-", &a)));
                }
                Op::UNARY_POSITIVE => {
                    checkpoint!();
                    let a = pop!();
                    if let Some(f) = special(gil, &a, "__pos__") {
                        do_call!(f, Args::new([a]));
                        continue;
                    }
                    push(&mut th.stack, tri!(ops::unary(gil, "+", &a)));
                }
                Op::UNARY_INVERT => {
                    checkpoint!();
                    let a = pop!();
                    if let Some(f) = special(gil, &a, "__invert__") {
                        do_call!(f, Args::new([a]));
                        continue;
                    }
                    push(&mut th.stack, tri!(ops::unary(gil, "~", &a)));
                }
                Op::UNARY_NOT => {
                    checkpoint!();
                    let a = pop!();
                    if is_user(&a) {
                        // A Python `__bool__`/`__len__` runs as a frame of this loop.
                        if let Some((f, by_len)) = dunder::truth_method(gil, &a) {
                            let (f, args) = class::bind_special(f, a);
                            call_then!(f, args, Ret::Not { by_len });
                            continue;
                        }
                        let t = dunder::builtin_truth(gil, &a);
                        push(&mut th.stack, Value::bool(!t));
                        continue;
                    }
                    push(&mut th.stack, Value::bool(!ops::truthy(gil, &a)));
                }
                Op::COMPARE_OP => {
                    checkpoint!();
                    let n = th.stack.len();
                    if let (Value::Int(x), Value::Int(y)) = (&th.stack[n - 2], &th.stack[n - 1]) {
                        let r = match arg {
                            0 => x < y,
                            1 => x <= y,
                            2 => x == y,
                            3 => x != y,
                            4 => x > y,
                            _ => x >= y,
                        };
                        forget_top(&mut th.stack, 2);
                        push(&mut th.stack, Value::bool(r));
                        continue;
                    }
                    let b = pop!();
                    let a = pop!();
                    if is_user(&a) || is_user(&b) {
                        th.frames[fi].ip = ip;
                        called!(dunder::compare(gil, th, CmpOp::from_u32(arg), a, b, None));
                        continue;
                    }
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => match arg {
                            0 => x < y,
                            1 => x <= y,
                            2 => x == y,
                            3 => x != y,
                            4 => x > y,
                            _ => x >= y,
                        },
                        _ => tri!(compare::compare(gil, CmpOp::from_u32(arg), &a, &b)),
                    };
                    push(&mut th.stack, Value::bool(r));
                }
                Op::COMPARE_AND_BRANCH => {
                    let n = th.stack.len();
                    let r = match (&th.stack[n - 2], &th.stack[n - 1]) {
                        (Value::Int(x), Value::Int(y)) => {
                            let r = match arg & 7 {
                                0 => x < y,
                                1 => x <= y,
                                2 => x == y,
                                3 => x != y,
                                4 => x > y,
                                _ => x >= y,
                            };
                            forget_top(&mut th.stack, 2);
                            ip = if r { ip + 1 } else { (arg >> 3) as usize };
                            continue;
                        }
                        (a, b) if is_user(a) || is_user(b) => {
                            let b = pop!();
                            let a = pop!();
                            th.frames[fi].ip = ip;
                            let op = CmpOp::from_u32(arg & 7);
                            let target = (arg >> 3) as usize;
                            called!(dunder::compare(gil, th, op, a, b, Some(target)));
                            continue;
                        }
                        (a, b) => tri!(compare::compare(gil, CmpOp::from_u32(arg & 7), a, b)),
                    };
                    th.stack.truncate(n - 2);
                    ip = if r { ip + 1 } else { (arg >> 3) as usize };
                }
                Op::IS_OP => {
                    let b = pop!();
                    let a = pop!();
                    push(&mut th.stack, Value::bool(a.is(&b) != (arg == 1)));
                    Value::release(a);
                    Value::release(b);
                }
                Op::CONTAINS_OP => {
                    checkpoint!();
                    let container = pop!();
                    let item = pop!();
                    let container = match class::payload_if_plain(gil, container, "__contains__") {
                        Ok(c) => c,
                        Err(c) => c,
                    };
                    if is_user(&container) || crate::objects::class::has_meta(&container) {
                        if let Some(f) = special(gil, &container, "__contains__") {
                            if matches!(f, Value::None) {
                                th.frames[fi].ip = ip;
                                raise!(crate::objects::exception::type_error(format!(
                                    "'{}' object is not a container",
                                    crate::objects::types::type_name(&container)
                                )));
                            }
                            call_then!(f, vec![container, item], Ret::Truth(arg == 1));
                            continue;
                        }
                        th.frames[fi].ip = ip;
                        let mut cx = Cx { gil, th };
                        let r =
                            unwind!(super::iterate::contains_by_iter(&mut cx, &container, &item));
                        push(&mut th.stack, Value::bool(r != (arg == 1)));
                        continue;
                    }
                    if let Value::Dict(d) = &container {
                        if dictprobe::needed(gil, d, &item) {
                            probe!(d, item, dictprobe::Action::Contains(arg == 1));
                        }
                        let r = tri!(d.borrow(gil).contains(&item));
                        push(&mut th.stack, Value::bool(r != (arg == 1)));
                        continue;
                    }
                    let r = if super::iterate::is_iterator(gil, &container) {
                        th.frames[fi].ip = ip;
                        let mut cx = Cx { gil, th };
                        unwind!(super::iterate::iterator_contains(
                            &mut cx, &container, &item
                        ))
                    } else {
                        tri!(ops::contains(gil, &container, &item))
                    };
                    push(&mut th.stack, Value::bool(r != (arg == 1)));
                }
                Op::BINARY_SUBSCR => {
                    checkpoint!();
                    // CPython 3.11's BINARY_SUBSCR_LIST_INT/TUPLE_INT: an item of a
                    // list or tuple at an int index within its bounds, with no call.
                    if let Some(v) = item_at_int(gil, &th.stack) {
                        forget_top(&mut th.stack, 1);
                        Value::release(pop!());
                        push(&mut th.stack, v);
                        continue;
                    }
                    let key = pop!();
                    let obj = pop!();
                    let obj = match tri!(class::subscript(gil, obj, &key)) {
                        class::Subscript::Found(v) => {
                            push(&mut th.stack, v);
                            continue;
                        }
                        class::Subscript::Call(f, args) => {
                            do_call!(f, Args::new(args));
                            continue;
                        }
                        class::Subscript::Builtin(obj) => obj,
                    };
                    if let Value::Dict(d) = &obj {
                        if dictprobe::needed(gil, d, &key) {
                            probe!(d, key, dictprobe::Action::Get);
                        }
                        match tri!(d.borrow(gil).get(&key)) {
                            Some(v) => push(&mut th.stack, v),
                            None => raise!(crate::objects::exception::key_error(key)),
                        }
                        continue;
                    }
                    push(&mut th.stack, tri!(ops::getitem(gil, &obj, &key)));
                }
                Op::STORE_SUBSCR => {
                    checkpoint!();
                    let key = pop!();
                    let obj = pop!();
                    let v = pop!();
                    let obj = match class::payload_if_plain(gil, obj, "__setitem__") {
                        Ok(o) => o,
                        Err(o) => o,
                    };
                    if is_user(&obj) {
                        let f = tri!(class::special_or(gil, &obj, "__setitem__"));
                        let (f, mut args) = class::bind_special(f, obj);
                        args.extend([key, v]);
                        call_then!(f, args, Ret::Discard);
                        continue;
                    }
                    if let Value::Dict(d) = &obj {
                        if dictprobe::needed(gil, d, &key) {
                            probe!(d, key, dictprobe::Action::Set(v));
                        }
                        let h = tri!(crate::objects::dict::hash(&key));
                        tri!(d.borrow_mut(gil).try_insert_hashed(h, key, v));
                        continue;
                    }
                    tri!(ops::setitem(gil, &obj, key, v));
                }
                Op::DELETE_SUBSCR => {
                    checkpoint!();
                    let key = pop!();
                    let obj = pop!();
                    let obj = match class::payload_if_plain(gil, obj, "__delitem__") {
                        Ok(o) => o,
                        Err(o) => o,
                    };
                    if is_user(&obj) {
                        let f = tri!(class::special_or(gil, &obj, "__delitem__"));
                        let (f, mut args) = class::bind_special(f, obj);
                        args.push(key);
                        call_then!(f, args, Ret::Discard);
                        continue;
                    }
                    if let Value::Dict(d) = &obj {
                        if dictprobe::needed(gil, d, &key) {
                            probe!(d, key, dictprobe::Action::Del);
                        }
                    }
                    tri!(ops::delitem(gil, &obj, &key));
                }
                Op::BUILD_SLICE => {
                    checkpoint!();
                    let step = if arg == 3 { pop!() } else { Value::None };
                    let stop_v = pop!();
                    let start = pop!();
                    push(&mut th.stack, Value::Slice(Arc::new([start, stop_v, step])));
                }
                Op::BUILD_TUPLE => {
                    checkpoint!();
                    let items = th.stack.split_off(th.stack.len() - arg as usize);
                    push(&mut th.stack, Value::tuple(items));
                }
                Op::BUILD_LIST => {
                    checkpoint!();
                    let items = th.stack.split_off(th.stack.len() - arg as usize);
                    push(&mut th.stack, Value::list(items));
                }
                Op::BUILD_SET => {
                    checkpoint!();
                    let n = (arg & 0x7fff_ffff) as usize;
                    let items = th.stack.split_off(th.stack.len() - n);
                    let mut set = tri!(crate::objects::set::Set::from_values(items));
                    if arg & 0x8000_0000 != 0 {
                        set = crate::objects::set::Set::as_folded_constant(&set);
                    }
                    push(&mut th.stack, Value::set(set));
                }
                Op::BUILD_MAP => {
                    checkpoint!();
                    let items = th.stack.split_off(th.stack.len() - 2 * arg as usize);
                    if items.iter().step_by(2).any(crate::objects::dict::needs_py) {
                        th.frames[fi].ip = ip;
                        called!(dictprobe::build(gil, th, items));
                        continue;
                    }
                    let mut d = crate::objects::dict::Dict::new();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        tri!(d.insert(k, v));
                    }
                    push(&mut th.stack, Value::dict(d));
                }
                Op::BUILD_STRING => {
                    checkpoint!();
                    let parts = th.stack.split_off(th.stack.len() - arg as usize);
                    let len = parts.iter().map(|p| p.as_str().map_or(0, str::len)).sum();
                    let mut s = tri!(crate::objects::memory::string_with(len));
                    for p in &parts {
                        s.push_str(p.as_str().unwrap_or(""));
                    }
                    push(&mut th.stack, Value::string(s));
                }
                Op::LIST_APPEND => {
                    // A comprehension's list, appended to where it lies on the stack:
                    // no clone of it, no `Cx`, no call (CPython's LIST_APPEND).
                    let v = pop!();
                    let n = th.stack.len();
                    if let Value::List(l) = &th.stack[n - arg as usize] {
                        let mut l = l.borrow_mut(gil);
                        if l.len() < l.capacity() {
                            l.push(v);
                        } else {
                            tri!(crate::objects::memory::push(&mut l, v));
                        }
                    } else {
                        let target = th.stack[n - arg as usize].clone();
                        let mut cx = Cx { gil, th };
                        unwind!(ops::collection_add(&mut cx, ins.op, &target, v));
                    }
                }
                Op::SET_ADD | Op::LIST_EXTEND | Op::SET_UPDATE | Op::DICT_UPDATE => {
                    checkpoint!();
                    let v = pop!();
                    let target = th.stack[th.stack.len() - arg as usize].clone();
                    let mut cx = Cx { gil, th };
                    unwind!(ops::collection_add(&mut cx, ins.op, &target, v));
                }
                Op::DICT_MERGE => {
                    checkpoint!();
                    let v = pop!();
                    let n = th.stack.len();
                    let target = th.stack[n - 1].clone();
                    let (a, b) = (th.stack[n - 4].clone(), th.stack[n - 3].clone());
                    th.frames[fi].ip = ip;
                    let mut cx = Cx { gil, th };
                    unwind!(ops::dict_merge(&mut cx, (&a, &b), &target, v));
                }
                Op::MAP_ADD => {
                    checkpoint!();
                    let v = pop!();
                    let k = pop!();
                    if let Value::Dict(d) = &th.stack[th.stack.len() - arg as usize] {
                        if dictprobe::needed(gil, d, &k) {
                            probe!(d, k, dictprobe::Action::Set(v));
                        }
                        tri!(d.borrow_mut(gil).insert(k, v));
                    }
                }
                Op::LIST_TO_TUPLE => {
                    checkpoint!();
                    let l = pop!();
                    let items = match &l {
                        Value::List(l) => l.borrow(gil).clone(),
                        _ => Vec::new(),
                    };
                    push(&mut th.stack, Value::tuple(items));
                }
                Op::FORMAT_VALUE => {
                    checkpoint!();
                    let spec = if arg & 4 != 0 { Some(pop!()) } else { None };
                    let v = pop!();
                    th.frames[fi].ip = ip;
                    let prev = std::mem::replace(&mut th.native_name, "format");
                    let mut cx = Cx { gil, th };
                    let s = ops::format_value(&mut cx, &v, arg & 3, spec.as_ref());
                    th.native_name = prev;
                    let s = unwind!(s);
                    push(&mut th.stack, s);
                }
                Op::UNPACK_SEQUENCE | Op::UNPACK_EX => {
                    checkpoint!();
                    let v = pop!();
                    if ins.op == Op::UNPACK_SEQUENCE && unpack_exact(gil, &mut th.stack, &v, arg) {
                        continue;
                    }
                    th.frames[fi].ip = ip;
                    let prev = std::mem::replace(&mut th.native_name, "unpacking");
                    let mut cx = Cx { gil, th };
                    let items = ops::unpack(&mut cx, &v, ins.op, arg);
                    th.native_name = prev;
                    let items = unwind!(items);
                    th.stack.extend(items.into_iter().rev());
                }
                Op::JUMP_FORWARD => ip = arg as usize,
                Op::JUMP_BACKWARD => {
                    checkpoint!();
                    // Checked before jumping, so a traceback names the loop.
                    if super::attention() {
                        // (Signal handlers may run here, as calls from this frame.)
                        th.frames[fi].ip = ip;
                        match super::attend(gil, th, stop == 0 && th.reentry == 0) {
                            super::Attend::Continue => {}
                            super::Attend::Raise(e) => raise!(e),
                            super::Attend::Yield => {
                                // Switched out here; the loop goes on at its top.
                                th.frames[fi].ip = arg as usize;
                                th.preempted = true;
                                crate::mt::preempt();
                                return Outcome::Deferred;
                            }
                        }
                    }
                    ip = arg as usize;
                }
                Op::POP_JUMP_IF_FALSE | Op::POP_JUMP_IF_TRUE => {
                    let v = pop!();
                    let t = match v {
                        Value::Bool(b) => b.get(),
                        ref v if is_user(v) => {
                            // A Python `__bool__`/`__len__` runs as a frame of this
                            // loop (`Ret::Branch` jumps on its result), not in a
                            // nested one: `if queue:` and `while self._ready:` are
                            // everywhere, and a wait inside switches softly.
                            if let Some((f, by_len)) = dunder::truth_method(gil, v) {
                                let (f, args) = class::bind_special(f, v.clone());
                                let ret = Ret::Branch {
                                    target: arg,
                                    jump_if: ins.op == Op::POP_JUMP_IF_TRUE,
                                    by_len,
                                    or_pop: false,
                                };
                                call_then!(f, args, ret);
                                continue;
                            }
                            dunder::builtin_truth(gil, v)
                        }
                        ref v => ops::truthy(gil, v),
                    };
                    Value::release(v);
                    if t == (ins.op == Op::POP_JUMP_IF_TRUE) {
                        ip = arg as usize;
                    }
                }
                Op::JUMP_IF_FALSE_OR_POP | Op::JUMP_IF_TRUE_OR_POP => {
                    let jump_if = ins.op == Op::JUMP_IF_TRUE_OR_POP;
                    let t = match top!() {
                        Value::Bool(b) => b.get(),
                        v if is_user(v) => {
                            // As `POP_JUMP_IF_*`: a Python `__bool__`/`__len__` runs
                            // as a frame of this loop, the operand kept under it.
                            if let Some((f, by_len)) = dunder::truth_method(gil, v) {
                                let (f, args) = class::bind_special(f, v.clone());
                                let ret = Ret::Branch {
                                    target: arg,
                                    jump_if,
                                    by_len,
                                    or_pop: true,
                                };
                                call_then!(f, args, ret);
                                continue;
                            }
                            dunder::builtin_truth(gil, v)
                        }
                        v => ops::truthy(gil, v),
                    };
                    if t == jump_if {
                        ip = arg as usize;
                    } else {
                        Value::release(pop!());
                    }
                }
                Op::GET_YIELD_FROM_ITER if matches!(top!(), Value::Generator(_)) => {
                    checkpoint!();
                    use crate::compile::code::{CO_COROUTINE, CO_ITERABLE_COROUTINE};
                    let Value::Generator(g) = top!() else {
                        continue;
                    };
                    let coro = g.borrow(gil).kind == crate::objects::generator::GenKind::Coroutine;
                    if coro && code.flags() & (CO_COROUTINE | CO_ITERABLE_COROUTINE) == 0 {
                        th.frames[fi].ip = ip;
                        raise!(crate::objects::exception::type_error(
                            "cannot 'yield from' a coroutine object in a non-coroutine generator"
                        ));
                    }
                }
                // `yield from x` of anything but a generator: `iter(x)`, as `for` does
                // (a user `__iter__` runs as a frame of this loop).
                Op::GET_ITER | Op::GET_YIELD_FROM_ITER => {
                    checkpoint!();
                    let v = pop!();
                    let v = match class::payload_if_plain(gil, v, "__iter__") {
                        Ok(v) => v,
                        Err(v) => v,
                    };
                    if is_user(&v) {
                        if let Some(f) = special(gil, &v, "__iter__") {
                            // (`__iter__ = None`: `iter` refuses it.)
                            if matches!(f, Value::None) {
                                push(&mut th.stack, tri!(ops::get_iter(gil, &v)));
                                continue;
                            }
                            call_then!(f, vec![v], Ret::Iter);
                            continue;
                        }
                    }
                    push(&mut th.stack, tri!(ops::get_iter(gil, &v)));
                }
                Op::FOR_ITER => {
                    let next = match top!() {
                        Value::Iter(it) => it.borrow_mut(gil).next_fast(gil),
                        // (An instance of a `map` subclass without its own `__next__`
                        // steps the iterator inside: `iter_next_loop`.)
                        v if is_user(v) && !class::builtin_next(gil, v) => {
                            let it = v.clone();
                            let f = tri!(class::special_or(gil, &it, "__next__"));
                            let (f, args) = class::bind_special(f, it);
                            call_then!(f, args, Ret::ForIter(arg as usize));
                            continue;
                        }
                        Value::Generator(g) => {
                            let g = g.clone();
                            th.frames[fi].ip = ip;
                            resumed!(generator::for_iter(gil, th, &g));
                            continue;
                        }
                        _ => None,
                    };
                    let next = match next {
                        Some(r) => tri!(r),
                        None => {
                            let it = top!().clone();
                            th.frames[fi].ip = ip;
                            if let Some(g) = soft_gen(gil, &it) {
                                // A `map` over what may suspend: its helper's generator
                                // runs as a frame, as `for` over it would.
                                resumed!(generator::for_iter(gil, th, &g));
                                continue;
                            }
                            // What strict mode names if the step suspends natively.
                            let prev =
                                std::mem::replace(&mut th.native_name, native_what(gil, &it));
                            let mut cx = Cx { gil, th };
                            let r = super::iterate::iter_next_loop(&mut cx, &it);
                            th.native_name = prev;
                            unwind!(r)
                        }
                    };
                    match next {
                        Some(v) => push(&mut th.stack, v),
                        None => {
                            pop!();
                            ip = arg as usize;
                        }
                    }
                }
                Op::RETURN_VALUE => {
                    let v = pop!();
                    let f = th.frames.pop().expect("a frame to return from");
                    release_to(&mut th.stack, f.floor);
                    th.blocks.truncate(f.block_base);
                    leave!(f.ret, v);
                }
                Op::RETURN_GENERATOR => {
                    checkpoint!();
                    th.frames[fi].ip = ip;
                    let f = th.frames.pop().expect("a frame to make a generator of");
                    let (v, r) = generator::create(th, f);
                    leave!(r, v);
                }
                Op::YIELD_VALUE => {
                    checkpoint!();
                    let v = pop!();
                    // `suspend` sets `ip` once the frame is in its generator: written
                    // here, it would stall the frame's copy (see `push`).
                    let f = th.frames.pop().expect("a frame to yield from");
                    after!(generator::suspend(gil, th, f, ip, v, arg == 2));
                }
                Op::GET_AWAITABLE => {
                    checkpoint!();
                    th.frames[fi].ip = ip;
                    if let Some(f) = tri!(super::asyncgen::get_awaitable(gil, top!(), arg)) {
                        let v = pop!();
                        call_then!(f, vec![v], Ret::Awaitable);
                    }
                }
                Op::GET_AITER => {
                    checkpoint!();
                    th.frames[fi].ip = ip;
                    if let Some(f) = tri!(super::asyncgen::get_aiter(gil, top!())) {
                        let v = pop!();
                        call_then!(f, vec![v], Ret::AIter);
                    }
                }
                Op::GET_ANEXT => {
                    checkpoint!();
                    th.frames[fi].ip = ip;
                    if let Value::Generator(g) = top!() {
                        let g = g.clone();
                        unwind!(super::asyncgen::init_hooks(&mut Cx { gil, th }, &g));
                    }
                    match tri!(super::asyncgen::get_anext(gil, top!())) {
                        Ok(awaitable) => push(&mut th.stack, awaitable),
                        Err(f) => {
                            let it = top!().clone();
                            do_call!(f, Args::new([it]));
                        }
                    }
                }
                Op::END_ASYNC_FOR => {
                    checkpoint!();
                    let exc = pop!();
                    let done = matches!(&exc, Value::Exception(e)
                        if e.typ.is_subtype(&types().exc.stop_async_iteration));
                    if done {
                        pop!();
                    } else {
                        th.frames[fi].ip = ip;
                        pending = Some((unwind::as_err(exc), Raise::Reraise));
                        continue 'frame;
                    }
                }
                Op::BEFORE_ASYNC_WITH => {
                    checkpoint!();
                    let mgr = pop!();
                    th.frames[fi].ip = ip;
                    let (enter, exit) = tri!(super::asyncgen::async_with_methods(gil, &mgr));
                    push(&mut th.stack, exit);
                    do_call!(enter, Args::new([]));
                }
                Op::SEND => {
                    checkpoint!();
                    let v = pop!();
                    th.frames[fi].ip = ip;
                    resumed!(generator::send_op(gil, th, v));
                }
                Op::BEFORE_WITH => {
                    checkpoint!();
                    let mgr = pop!();
                    th.frames[fi].ip = ip;
                    let (enter, exit) = tri!(ops::with_methods(gil, &mgr));
                    push(&mut th.stack, exit);
                    do_call!(enter, Args::new([]));
                }
                Op::SETUP_WITH => {
                    checkpoint!();
                    let depth = th.stack.len() - 1;
                    th.blocks.push(super::frame::Block {
                        handler: arg as usize,
                        depth,
                    });
                }
                Op::WITH_EXCEPT_START => {
                    checkpoint!();
                    let n = th.stack.len();
                    let (exit, exc) = (th.stack[n - 3].clone(), th.stack[n - 1].clone());
                    let typ = Value::Type(types().of(&exc));
                    do_call!(exit, Args::new([typ, exc, Value::None]));
                }
                Op::COPY => {
                    let v = th.stack[th.stack.len() - arg as usize].clone();
                    push(&mut th.stack, v);
                }
                Op::ROT_N => {
                    checkpoint!();
                    let v = pop!();
                    let at = th.stack.len() + 1 - arg as usize;
                    th.stack.insert(at, v);
                }
                Op::GET_LEN => {
                    checkpoint!();
                    let n = tri!(super::matching::len(gil, top!()));
                    push(&mut th.stack, Value::Int(n));
                }
                Op::MATCH_MAPPING => {
                    checkpoint!();
                    let r = super::matching::is_mapping(top!());
                    push(&mut th.stack, Value::bool(r));
                }
                Op::MATCH_SEQUENCE => {
                    checkpoint!();
                    let r = super::matching::is_sequence(top!());
                    push(&mut th.stack, Value::bool(r));
                }
                Op::MATCH_KEYS | Op::COPY_DICT_WITHOUT_KEYS => {
                    checkpoint!();
                    let n = th.stack.len();
                    let (subject, keys) = (th.stack[n - 2].clone(), th.stack[n - 1].clone());
                    th.frames[fi].ip = ip;
                    let mut cx = Cx { gil, th };
                    let r = if ins.op == Op::MATCH_KEYS {
                        super::matching::match_keys(&mut cx, &subject, &keys)
                    } else {
                        super::matching::copy_without_keys(&mut cx, &subject, &keys)
                    };
                    let v = unwind!(r);
                    if ins.op == Op::COPY_DICT_WITHOUT_KEYS {
                        pop!();
                    }
                    push(&mut th.stack, v);
                }
                Op::MATCH_CLASS => {
                    checkpoint!();
                    let names = pop!();
                    let cls = pop!();
                    let subject = pop!();
                    th.frames[fi].ip = ip;
                    let mut cx = Cx { gil, th };
                    let r =
                        super::matching::match_class(&mut cx, &subject, &cls, arg as usize, &names);
                    push(&mut th.stack, unwind!(r));
                }
                Op::MAKE_FUNCTION => {
                    checkpoint!();
                    let code_v = pop!();
                    let closure = if arg & 8 != 0 { Some(pop!()) } else { None };
                    let kwdefaults = if arg & 2 != 0 { Some(pop!()) } else { None };
                    let defaults = if arg & 1 != 0 { Some(pop!()) } else { None };
                    let globals = th.frames[fi].globals.clone();
                    let f =
                        call::make_function(gil, code_v, globals, defaults, kwdefaults, closure);
                    push(&mut th.stack, f);
                }
                Op::SETUP_FINALLY => {
                    let depth = th.stack.len();
                    th.blocks.push(super::frame::Block {
                        handler: arg as usize,
                        depth,
                    });
                }
                Op::POP_BLOCK => {
                    th.blocks.pop();
                }
                Op::PUSH_EXC_INFO => {
                    checkpoint!();
                    let exc = pop!();
                    let prev = std::mem::replace(&mut th.handled, exc.clone());
                    push(&mut th.stack, prev);
                    push(&mut th.stack, exc);
                }
                Op::POP_EXCEPT => {
                    checkpoint!();
                    th.handled = pop!();
                }
                Op::CHECK_EXC_MATCH => {
                    checkpoint!();
                    let typ = pop!();
                    let r = tri!(ops::exception_matches(gil, top!(), &typ));
                    push(&mut th.stack, Value::bool(r));
                }
                Op::RERAISE => {
                    checkpoint!();
                    let exc = pop!();
                    th.frames[fi].ip = ip;
                    pending = Some((unwind::as_err(exc), Raise::Reraise));
                    continue 'frame;
                }
                Op::POP_EXCEPT_AND_RERAISE => {
                    checkpoint!();
                    let exc = pop!();
                    th.handled = pop!();
                    th.frames[fi].ip = ip;
                    pending = Some((unwind::as_err(exc), Raise::Reraise));
                    continue 'frame;
                }
                Op::RAISE_VARARGS => {
                    checkpoint!();
                    let cause = if arg == 2 { Some(pop!()) } else { None };
                    let exc = if arg >= 1 { Some(pop!()) } else { None };
                    th.frames[fi].ip = ip;
                    match exc {
                        None => {
                            let handled = generator::topmost_handled(gil, th);
                            if handled.is_null() {
                                raise!(crate::objects::exception::runtime_error(
                                    "No active exception to reraise"
                                ));
                            }
                            pending = Some((unwind::as_err(handled), Raise::Reraise));
                            continue 'frame;
                        }
                        Some(e) => {
                            let mut cx = Cx { gil, th };
                            let err = unwind!(unwind::make_raise(&mut cx, e, cause));
                            raise!(err);
                        }
                    }
                }
                Op::LOAD_ASSERTION_ERROR => {
                    checkpoint!();
                    th.stack
                        .push(Value::Type(types().exc.assertion_error.clone()));
                }
                Op::LOAD_BUILD_CLASS => {
                    checkpoint!();
                    push(
                        &mut th.stack,
                        crate::modules::builtins::current_build_class(gil),
                    );
                }
                Op::IMPORT_NAME => {
                    checkpoint!();
                    th.frames[fi].ip = ip;
                    let fromlist = pop!();
                    let level = pop!();
                    let globals = th.frames[fi].globals.clone();
                    let name = name_arg!(arg);
                    if let Some(f) = crate::modules::builtins::replaced_import(gil) {
                        // The program's own `builtins.__import__`, called as CPython does.
                        let locals = super::import::import_locals(&th.frames[fi]);
                        let args = [
                            Value::Str(name.clone()),
                            Value::Dict(globals),
                            locals,
                            fromlist,
                            level,
                        ];
                        call_then!(f, args, Ret::Push);
                        continue;
                    }
                    let r = super::import::import_name(
                        gil,
                        th,
                        name.as_str(),
                        Some(&globals),
                        &fromlist,
                        &level,
                    );
                    match tri!(r) {
                        Called::Value(m) => push(&mut th.stack, m),
                        // The module's body runs next; `Ret::Import` pushes the module.
                        Called::Frame | Called::Nothing => continue 'frame,
                    }
                }
                Op::IMPORT_STAR => {
                    checkpoint!();
                    let m = pop!();
                    let ns = th.frames[fi]
                        .locals
                        .as_ref()
                        .unwrap_or(&th.frames[fi].globals);
                    let r = super::import::import_star(gil, &m, ns);
                    tri!(r);
                }
                Op::IMPORT_FROM => {
                    checkpoint!();
                    let v = tri!(super::import::import_from(
                        gil,
                        top!(),
                        name_arg!(arg).as_str()
                    ));
                    push(&mut th.stack, v);
                }
            }
        }
    }
}

/// The generator stepping a `map`/`filter`/`zip`/`enumerate` made the deferral-aware
/// way (`Iter::Soft`), while it can be resumed.
pub(crate) fn soft_gen(gil: Gil<'_>, it: &Value) -> Option<crate::objects::generator::GenRef> {
    let Value::Iter(cell) = it else {
        return None;
    };
    match &*cell.borrow(gil) {
        crate::objects::iter::Iter::Soft {
            gen: Value::Generator(g),
            ..
        } => Some(g.clone()),
        _ => None,
    }
}
