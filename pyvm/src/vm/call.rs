//! Calls: binding arguments to a Python function's parameters (with CPython's
//! `TypeError` wording), pushing its frame, calling natives and types, and the bounded
//! re-entry natives use to call Python.

use crate::objects::rc::Arc;

use deferred::Unwind;
use smallvec::SmallVec;

use super::eval;
use super::frame::Frame;
use super::frame::Ret;
use super::ret::After;
use super::state::{MicroThread, MAX_REENTRY};
use super::Outcome;
use crate::compile::code::Code;
use crate::native::{deferrable_fallback as fallback, Args, Cx, PyResult};
use crate::objects::dict::Dict;
use crate::objects::exception::{recursion_error, type_error, PyErr};
use crate::objects::function::Function;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::types::{type_name, types, Kind};
use crate::objects::value::{CellRef, Value};

/// What calling something produced.
pub enum Called {
    Value(Value),
    /// A Python frame was pushed: the loop continues in it.
    Frame,
    /// Done, and the caller's instruction makes no value (a follow-up discarded it).
    Nothing,
}

/// Move the values from `start` to the top of the stack into an argument list.
#[inline]
pub fn take_args(stack: &mut Vec<Value>, start: usize) -> SmallVec<[Value; 4]> {
    let n = stack.len() - start;
    if n > 4 {
        return stack.drain(start..).collect();
    }
    // Fill a fixed buffer from the top; the unused tail holds `Null`s, which own
    // nothing, so setting the length below them leaks nothing.
    let mut buf = [Value::Null, Value::Null, Value::Null, Value::Null];
    for slot in buf[..n].iter_mut().rev() {
        *slot = stack.pop().expect("an argument on the stack");
    }
    SmallVec::from_buf_and_len(buf, n)
}

/// Whether the loop may call native `n` straight, `(n.f)(cx, args)`, with positional
/// arguments: none of what [`invoke`] does first for a `Value::Native` applies to it
/// (`__build_class__`, `__import__`, a deferral-aware half, a dict lookup that may
/// call `__eq__` as a frame, a generator or async-generator method or `next` that
/// resumes a frame, the `self` check of a method called through its type). Every
/// native call asks, so the answer is kept per definition in a small direct-mapped
/// table of the definitions' addresses (they are `static`: an address is never reused
/// by another definition), the low bit holding the answer.
#[inline]
pub fn is_plain_native(n: &'static crate::objects::function::NativeDef) -> bool {
    static SEEN: crate::objects::function::DefAnswers<512> =
        crate::objects::function::DefAnswers::new();
    SEEN.get(n, classify_native)
}

#[cold]
fn classify_native(n: &crate::objects::function::NativeDef) -> bool {
    use crate::modules::builtins;
    !(builtins::is_build_class(n)
        || builtins::is_import(n)
        || builtins::is_next(n)
        || n.soft.is_some()
        || crate::objects::methods::is_dict_lookup(n)
        || crate::objects::generator::is_method(n)
        || super::asyncgen::is_method(n)
        || crate::objects::methods::is_type_method(n))
}

/// Whether the loop may call native `n`, a method LOAD_METHOD found on `self`'s own
/// type (so no `self` check), straight: not a generator method (it resumes a frame),
/// not a dict lookup (it may call `__eq__` as a frame), not a built-in with a
/// deferral-aware half when the micro-thread may wait (`str.join`, `list.extend`).
#[inline]
pub fn is_direct_method(th: &MicroThread, n: &'static crate::objects::function::NativeDef) -> bool {
    !(crate::objects::generator::is_method(n)
        || crate::objects::methods::is_dict_lookup(n)
        || th.reactive && n.soft.is_some())
}

/// Whether the loop may call `b`, a built-in bound to its object (`self.append =
/// self.stack.append`, then `self.append(x)`), straight: what [`is_direct_method`]
/// allows, and nothing `invoke` or the generator resumption of `do_call!` handles
/// (an async generator's methods, `next`, a special method bound through `__get__`).
#[inline]
pub fn is_direct_bound(
    th: &MicroThread,
    callable: &Value,
) -> Option<&'static crate::objects::function::NativeDef> {
    let Value::BoundNative(b) = callable else {
        return None;
    };
    let n = b.1;
    (is_direct_method(th, n)
        && !super::asyncgen::is_method(n)
        && !crate::modules::builtins::is_next(n)
        && !crate::objects::class::is_via_get(callable))
    .then_some(n)
}

/// Call native `n` straight (see [`is_plain_native`]), naming it for error messages
/// while it runs.
#[inline]
pub fn call_plain_native(
    gil: Gil<'_>,
    th: &mut MicroThread,
    n: &'static crate::objects::function::NativeDef,
    args: Args,
) -> PyResult<Value> {
    let prev = std::mem::replace(&mut th.native_name, n.name);
    let mut cx = crate::native::Cx { gil, th };
    let r = (n.f)(&mut cx, args);
    th.native_name = prev;
    r
}

/// A one-argument call the loop answers without an argument list or a native call
/// (CPython 3.11's CALL_NO_KW_LIST_APPEND, CALL_NO_KW_LEN, PRECALL_NO_KW_STR_1):
/// `stack[head..]` is `[NULL or method, callable or self, arg]`. `None`: call it
/// the ordinary way.
#[inline]
pub fn specialized_1(gil: Gil<'_>, stack: &[Value], head: usize) -> Option<Value> {
    match (&stack[head], &stack[head + 1]) {
        (Value::Native(d), Value::List(l)) if crate::objects::methods::is_append(d) => {
            let v = stack[head + 2].clone();
            let mut items = l.borrow_mut(gil);
            if items.len() == items.capacity() && items.try_reserve(1).is_err() {
                // `list.append` itself raises the MemoryError.
                return None;
            }
            items.push(v);
            Some(Value::None)
        }
        (Value::Null, Value::Native(d)) if crate::modules::builtins::is_len(d) => {
            match &stack[head + 2] {
                Value::List(l) => Some(Value::Int(l.borrow(gil).len() as i64)),
                Value::Str(s) => Some(Value::Int(s.char_len() as i64)),
                Value::Tuple(t) => Some(Value::Int(t.len() as i64)),
                Value::Dict(d) => Some(Value::Int(d.borrow(gil).len() as i64)),
                _ => None,
            }
        }
        // `str` of its two commonest arguments (not a subclass of `str`).
        (Value::Null, Value::Type(t)) if t.kind == Kind::Str && !t.heap => match &stack[head + 2] {
            Value::Int(i) => Some(Value::string(i.to_string())),
            v @ Value::Str(_) => Some(v.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A two-argument call the loop answers without an argument list or a native call:
/// `isinstance(obj, C)` for a class `C` whose metaclass is `type` (no
/// `__instancecheck__` to ask; CPython 3.12's CALL_NO_KW_ISINSTANCE). `stack[head..]`
/// is `[NULL, callable, obj, C]`; `None`: call it the ordinary way.
#[inline]
pub fn specialized_2(stack: &[Value], head: usize) -> Option<Value> {
    match (&stack[head], &stack[head + 1], &stack[head + 3]) {
        (Value::Null, Value::Native(d), Value::Type(t))
            if t.meta.is_none() && crate::modules::builtins::is_isinstance(d) =>
        {
            Some(Value::bool(types().of(&stack[head + 2]).is_subtype(t)))
        }
        _ => None,
    }
}

/// Can `f` take `argc` positional arguments directly as its first locals?
#[inline]
pub fn is_simple(f: &Function, argc: usize) -> bool {
    let p = &f.code.params;
    p.argcount as usize == argc
        && p.kwonly == 0
        && !p.varargs
        && !p.varkw
        && f.code.cellvars.is_empty()
}

/// A call with `argc` positional arguments that trailing defaults complete (`randint`
/// calling `randrange(a, b)` with `step` left out): how many of the defaults it
/// needs, so the call still takes the simple path (the arguments and then those
/// defaults, pushed by [`push_defaults`], become the first locals where they lie).
/// `None` when the call is not of that kind.
#[inline]
pub fn missing_defaults(gil: Gil<'_>, f: &Function, argc: usize) -> Option<usize> {
    let p = &f.code.params;
    let n = p.argcount as usize;
    if argc >= n || p.kwonly != 0 || p.varargs || p.varkw || !f.code.cellvars.is_empty() {
        return None;
    }
    let missing = n - argc;
    (missing <= f.defaults.borrow(gil).len()).then_some(missing)
}

/// Push the last `missing` defaults of `f` (see [`missing_defaults`]).
#[inline]
pub fn push_defaults(gil: Gil<'_>, stack: &mut Vec<Value>, f: &Function, missing: usize) {
    let defaults = f.defaults.borrow(gil);
    stack.extend_from_slice(&defaults[defaults.len() - missing..]);
}

fn check_depth(th: &MicroThread) -> Result<(), PyErr> {
    if th.frames.len() >= th.recursion_limit {
        return Err(recursion_error("maximum recursion depth exceeded"));
    }
    Ok(())
}

/// Push a frame for a simple call whose arguments already sit at `args_at`, the
/// function itself in the slot below them (`[NULL, function, args...]` or `[function,
/// self, args...]`: `self` is the first argument); `floor` is where the callable slots
/// begin.
#[inline]
pub fn push_simple_frame(th: &mut MicroThread, args_at: usize, floor: usize) -> Result<(), PyErr> {
    let Value::Function(f) = &th.stack[args_at - 1] else {
        unreachable!("a simple call's function sits below its arguments")
    };
    let bound = f.code.params.argcount as usize;
    push_bound_frame(th, args_at, floor, bound, super::frame::Ret::Push)
}

/// Where the arguments of a call without keywords begin when the callee is a Python
/// function taking `*args` and/or `**kwargs` that the loop may bind in place
/// ([`push_varargs_frame`]): no keyword-only parameters, no cells, every positional
/// parameter given (`def debug(self, msg, *args, **kwargs)` called as
/// `log.debug("x")`); `None`: bind the general way.
#[inline]
pub fn varargs_at(stack: &[Value], head: usize, argc: usize) -> Option<usize> {
    let (f, args_at, n) = match (&stack[head], &stack[head + 1]) {
        (Value::Null, Value::Function(f)) => (f, head + 2, argc),
        (Value::Function(f), _) => (f, head + 1, argc + 1),
        _ => return None,
    };
    let p = &f.code.params;
    let argcount = p.argcount as usize;
    let fits = (p.varargs || p.varkw)
        && p.kwonly == 0
        && n >= argcount
        && (p.varargs || n == argcount)
        && f.code.cellvars.is_empty();
    fits.then_some(args_at)
}

/// Bind a call found by [`varargs_at`] where its arguments lie: the positional
/// parameters are the first arguments, the rest become the `*args` tuple, an empty
/// dict the `**kwargs` (the locals' order: positional, `*args`, `**kwargs`), and the
/// frame is pushed with no locals vector (what [`bind`] builds).
pub fn push_varargs_frame(th: &mut MicroThread, args_at: usize, floor: usize) -> Result<(), PyErr> {
    let Value::Function(f) = &th.stack[args_at - 1] else {
        unreachable!("a varargs call's function sits below its arguments")
    };
    let p = &f.code.params;
    let (argcount, varargs, varkw) = (p.argcount as usize, p.varargs, p.varkw);
    if varargs {
        let rest: Vec<Value> = th.stack.drain(args_at + argcount..).collect();
        th.stack.push(Value::tuple(rest));
    }
    if varkw {
        th.stack.push(Value::dict(Dict::new()));
    }
    let bound = argcount + usize::from(varargs) + usize::from(varkw);
    push_bound_frame(th, args_at, floor, bound, super::frame::Ret::Push)
}

/// [`push_simple_frame`] for an operator method found by `dunder::simple_binary`:
/// `[a, b, method, a, b]` from `floor - 2`, the first two kept for its follow-up.
#[inline]
pub fn push_op_frame(th: &mut MicroThread, floor: usize, op: u32) -> Result<(), PyErr> {
    push_bound_frame(th, floor + 1, floor, 2, super::frame::Ret::OpFirst(op))
}

/// [`push_simple_frame`] for the `__init__` of a class call the loop made the
/// instance for (`vm::class::simple_init`): `[__init__, instance, args...]` at
/// `floor`; the call's result is the instance.
#[inline]
pub fn push_init_frame(th: &mut MicroThread, floor: usize, obj: Value) -> Result<(), PyErr> {
    let args_at = floor + 1;
    let Value::Function(f) = &th.stack[floor] else {
        unreachable!("an __init__ call's function sits below the instance")
    };
    let bound = f.code.params.argcount as usize;
    push_bound_frame(th, args_at, floor, bound, super::frame::Ret::Init(obj))
}

/// [`push_simple_frame`] for a frame whose first `bound` locals are already at
/// `args_at`. Always inlined: out of line, the loop's commonest call paid a call
/// and its frame copy (richards +2.5% instructions).
///
/// The frame is written from the function where it lies on the stack, its fields
/// cloned straight into the new frame's slot (`frame::push_frame`): built first in a
/// struct of its own and moved, it went through the Rust stack and its 16-byte copies
/// stalled on the 8-byte stores that had just written it (~6% of richards' samples).
#[inline(always)]
fn push_bound_frame(
    th: &mut MicroThread,
    args_at: usize,
    floor: usize,
    bound: usize,
    ret: super::frame::Ret,
) -> Result<(), PyErr> {
    check_depth(th)?;
    let MicroThread {
        stack,
        frames,
        blocks,
        ..
    } = th;
    let Value::Function(f) = &stack[args_at - 1] else {
        unreachable!("a simple call's function sits below its arguments")
    };
    let extra = f.code.nlocals() - bound;
    // The counted clones first: each may call out (`rc::unheld`), and a call between
    // the fields and the push made the compiler build the frame in a temporary.
    let (code, globals) = (f.code.clone(), f.globals.clone());
    let block_base = blocks.len();
    super::frame::push_frame(
        frames,
        Frame {
            code,
            ip: 0,
            base: args_at,
            block_base,
            // Set below for a closure: an empty vector is constant words written in
            // place, where a choice between it and a clone went through a temporary.
            cells: Vec::new(),
            globals,
            floor,
            ret,
            locals: None,
        },
    );
    if !f.closure.is_empty() {
        if let Some(frame) = frames.last_mut() {
            frame.cells = f.closure.clone();
        }
    }
    if extra > 0 {
        stack.extend(std::iter::repeat_n(Value::Null, extra));
    }
    Ok(())
}

/// A bound method of a Python function at `stack[head + 1]` under a `NULL` (`read =
/// self.read; read(1)`): laid out as a method call, `[function, self, args...]`
/// (CPython 3.11's `CALL_BOUND_METHOD_EXACT_ARGS`), so the call binds where the
/// arguments lie instead of going through `invoke` and `bind`.
#[inline]
pub fn unbind_method(stack: &mut [Value], head: usize) {
    if let (Value::Null, Value::Method(m)) = (&stack[head], &stack[head + 1]) {
        if let Value::Function(_) = m.func {
            let (func, this) = (m.func.clone(), m.this.clone());
            stack[head] = func;
            Value::release(std::mem::replace(&mut stack[head + 1], this));
        }
    }
}

/// Is the call whose callable slots begin at `head` one of a Python function?
#[inline]
pub fn is_function_call(stack: &[Value], head: usize) -> bool {
    matches!(
        (&stack[head], &stack[head + 1]),
        (Value::Null, Value::Function(_)) | (Value::Function(_), _)
    )
}

/// `CALL_KW` of a Python function with no `*args`, `**kwargs` or cells whose
/// keywords each name a parameter not given by position (`quantize(exp,
/// rounding=None)`, `Point(x=1, y=2)`): the arguments are bound where they lie, the
/// keyword values moved to their parameters' slots and the missing parameters taken
/// from the defaults, and the frame pushed, with no argument list, keyword strings or
/// locals vector (what [`bind`] builds). `stack[head..]` is `[NULL, function,
/// args..., kwvalues...]` or `[function, self, args..., kwvalues...]`; `names` the
/// keywords' names. `Ok(false)`, the stack untouched, for any other call, a malformed
/// one included: [`bind`] words its error.
pub fn push_kw_frame(
    gil: Gil<'_>,
    th: &mut MicroThread,
    head: usize,
    names: &[Value],
) -> Result<bool, PyErr> {
    let (f, args_at) = match (&th.stack[head], &th.stack[head + 1]) {
        (Value::Null, Value::Function(f)) => (f.clone(), head + 2),
        (Value::Function(f), _) => (f.clone(), head + 1),
        _ => return Ok(false),
    };
    let code = &f.code;
    let p = &code.params;
    if p.varargs || p.varkw || !code.cellvars.is_empty() {
        return Ok(false);
    }
    let (argcount, kwonly, posonly) = (p.argcount as usize, p.kwonly as usize, p.posonly as usize);
    let nk = names.len();
    let npos = th.stack.len() - nk - args_at;
    if npos > argcount {
        return Ok(false);
    }
    // Each keyword's slot: a parameter that may be named, not given by position.
    let mut slots: SmallVec<[usize; 8]> = SmallVec::with_capacity(nk);
    for name in names {
        let Some(name) = name.as_str() else {
            return Ok(false);
        };
        match code.varnames[..argcount + kwonly]
            .iter()
            .position(|v| v == name)
        {
            Some(i) if i >= posonly && i >= npos => slots.push(i),
            _ => return Ok(false),
        }
    }
    // Every other parameter has a default.
    let defaults = f.defaults.borrow(gil);
    let kwdefaults = f.kwdefaults.borrow(gil);
    let first_default = argcount.saturating_sub(defaults.len());
    for i in npos..argcount + kwonly {
        if slots.contains(&i) {
            continue;
        }
        let has_default = if i < argcount {
            i >= first_default
        } else {
            kwdefaults.iter().any(|(k, _)| *k == code.varnames[i])
        };
        if !has_default {
            return Ok(false);
        }
    }
    // Bind: the keyword values off the stack, the slots up to the last parameter,
    // each value in its slot, defaults in the rest.
    let kwvalues: SmallVec<[Value; 4]> = th.stack.drain(th.stack.len() - nk..).collect();
    th.stack
        .extend(std::iter::repeat_n(Value::Null, argcount + kwonly - npos));
    for (v, i) in kwvalues.into_iter().zip(slots) {
        th.stack[args_at + i] = v;
    }
    for i in npos..argcount + kwonly {
        if th.stack[args_at + i].is_null() {
            th.stack[args_at + i] = if i < argcount {
                defaults[i + defaults.len() - argcount].clone()
            } else {
                kwdefaults
                    .iter()
                    .find(|(k, _)| *k == code.varnames[i])
                    .map_or(Value::Null, |(_, v)| v.clone())
            };
        }
    }
    drop((defaults, kwdefaults));
    drop(f);
    push_bound_frame(
        th,
        args_at,
        head,
        argcount + kwonly,
        super::frame::Ret::Push,
    )?;
    Ok(true)
}

/// The `self` a built-in method bound to `this` is called with: the built-in value
/// inside an instance of a `dict`/`list`/`tuple`/... subclass, which the method works
/// on, unless the method takes the instance itself. (The descriptor inside a
/// `property` subclass's instance sits in a cell: its methods, `prop.setter`, take
/// the instance, to copy it as the subclass.)
pub(crate) fn bound_self(this: Value, def: &crate::objects::function::NativeDef) -> Value {
    match crate::objects::class::payload(&this) {
        Some(p)
            if !matches!(p, Value::Cell(_)) && !crate::objects::methods::takes_instance(def) =>
        {
            p.clone()
        }
        _ => this,
    }
}

/// Call anything callable from the loop: Python functions push a frame.
/// [`invoke`] of the call computing `obj.name` for the top frame's attribute
/// instruction (a property getter, `__getattr__`): an `AttributeError` it raises
/// gets the name and object. `obj`: the object the instruction popped (`None`: the
/// local of `LOAD_FAST_ATTR`). A Python function's frame gets follow-up
/// `Ret::Attr` and finds a popped `obj` on the stack under it, so nothing is
/// cloned or allocated for it.
#[inline]
pub fn invoke_attr(
    gil: Gil<'_>,
    th: &mut MicroThread,
    callable: Value,
    args: Args,
    obj: Option<Value>,
) -> PyResult<Called> {
    let on_stack = obj.is_some();
    if let Value::Function(f) = &callable {
        let pushed = match bind(gil, f, args) {
            Ok(locals) => {
                if let Some(o) = obj {
                    th.stack.push(o);
                }
                push_frame(th, f, locals)
            }
            Err(e) => {
                if let Some(o) = obj {
                    th.stack.push(o);
                }
                Err(e)
            }
        };
        return match pushed {
            Ok(()) => {
                if let Some(top) = th.frames.last_mut() {
                    // (Overwrites a `Ret::Push`, which owns nothing.)
                    std::mem::forget(std::mem::replace(
                        &mut top.ret,
                        super::frame::Ret::Attr(on_stack),
                    ));
                }
                Ok(Called::Frame)
            }
            Err(e) => {
                let obj = if on_stack { th.stack.pop() } else { None };
                Err(Unwind::Raise(super::ret::attr_site_context(
                    gil, th, e, obj,
                )))
            }
        };
    }
    match invoke(gil, th, callable, args) {
        Err(Unwind::Raise(e)) => Err(Unwind::Raise(super::ret::attr_site_context(
            gil, th, e, obj,
        ))),
        other => other,
    }
}

pub fn invoke(gil: Gil<'_>, th: &mut MicroThread, callable: Value, args: Args) -> PyResult<Called> {
    // A built-in type reading an iterable that may suspend (`tuple(gen)`): its
    // deferral-aware Python half, looked up once.
    if let Value::Type(t) = &callable {
        if !t.heap
            && th.reactive
            && (args.kw.is_empty() || t.kind == crate::objects::types::Kind::IterType)
        {
            if let Some(f) = t.soft().and_then(|soft| fallback(gil, th, soft, &args)) {
                if t.kind == crate::objects::types::Kind::IterType {
                    // Still a `map` object: one whose steps resume the helper's
                    // generator.
                    let gen = Cx { gil, th }.call_args(&f, args)?;
                    let it = crate::objects::iter::Iter::Soft {
                        kind: t.constructor_name(),
                        gen,
                    };
                    return Ok(Called::Value(Value::Iter(Arc::new(
                        crate::objects::gil::GilCell::new(it),
                    ))));
                }
                return invoke(gil, th, f, args);
            }
        }
    }
    match &callable {
        // Positional arguments only, each parameter given or defaulted: they become
        // the first locals as they are, with no binding (a follow-up's `__bool__`, a
        // class's `__new__`, a native calling back).
        Value::Function(f) if args.kw.is_empty() => {
            let npos = args.pos.len();
            let missing = if is_simple(f, npos) {
                Some(0)
            } else {
                missing_defaults(gil, f, npos)
            };
            if let Some(missing) = missing {
                check_depth(th)?;
                let base = th.stack.len();
                th.stack.extend(args.pos);
                if missing > 0 {
                    push_defaults(gil, &mut th.stack, f, missing);
                }
                push_positional_frame(th, f, base);
                return Ok(Called::Frame);
            }
            let locals = bind(gil, f, args)?;
            push_frame(th, f, locals)?;
            Ok(Called::Frame)
        }
        Value::Function(f) => {
            let locals = bind(gil, f, args)?;
            push_frame(th, f, locals)?;
            Ok(Called::Frame)
        }
        Value::Method(m) => {
            let mut args = args;
            args.pos.insert(0, m.this.clone());
            invoke(gil, th, m.func.clone(), args)
        }
        // (A native handled specially here must also be turned away by
        // `classify_native`, which lets the loop skip this function.)
        Value::Native(n) if crate::modules::builtins::is_build_class(n) => {
            super::class::build_class(gil, th, args)
        }
        Value::Native(n) if crate::modules::builtins::is_import(n) => {
            Ok(super::import::builtin_import(gil, th, args)?)
        }
        Value::Type(t)
            if args.pos.is_empty()
                && crate::objects::rc::Arc::ptr_eq(t, &crate::objects::types::types().super_) =>
        {
            Ok(Called::Value(super::class::zero_arg_super(gil, th)?))
        }
        Value::Type(t) if t.meta.is_some() && super::class::meta_call(gil, t).is_some() => {
            // The metaclass's own `__call__(cls, *args, **kwargs)`.
            let f = super::class::meta_call(gil, t).unwrap_or(Value::None);
            let mut args = args;
            args.pos.insert(0, callable.clone());
            invoke(gil, th, f, args)
        }
        Value::Type(t)
            if t.heap
                || crate::objects::rc::Arc::ptr_eq(t, &crate::objects::types::types().object) =>
        {
            super::class::call_class(gil, th, t, args)
        }
        Value::Instance(i) => {
            let key = crate::objects::str::PyStr::new("__call__".to_owned());
            match crate::objects::class::lookup(gil, i.class(), &key) {
                Some(f) => {
                    let f = crate::objects::class::special_callable(f);
                    let mut args = args;
                    args.pos.insert(0, callable.clone());
                    // `A.__call__ = A()`: each call of an instance calls the next one
                    // from here, so the nesting is bounded here (CPython's
                    // `Py_EnterRecursiveCall` in `slot_tp_call`).
                    if th.reentry >= super::state::MAX_REENTRY {
                        return Err(Unwind::Raise(recursion_error(
                            "maximum recursion depth exceeded while calling a Python object",
                        )));
                    }
                    th.reentry += 1;
                    let r = invoke(gil, th, f, args);
                    th.reentry -= 1;
                    r
                }
                // A callable module object inside an instance of a subclass of its
                // type (`functools.partial`).
                None if matches!(&i.base, Value::Object(o) if o.0.callable()) => {
                    invoke(gil, th, i.base.clone(), args)
                }
                None => Err(Unwind::Raise(type_error(format!(
                    "'{}' object is not callable",
                    type_name(&callable)
                )))),
            }
        }
        Value::Descr(d) if matches!(&**d, crate::objects::class::Descr::StaticMethod(_)) => {
            let crate::objects::class::Descr::StaticMethod(f) = &**d else {
                unreachable!()
            };
            invoke(gil, th, f.clone(), args)
        }
        Value::Native(n) => {
            if let Some(f) = deferral_aware(gil, th, n, &args) {
                return invoke(gil, th, f, args);
            }
            if let Some(r) = super::dictprobe::method(gil, th, n, &args) {
                return r;
            }
            let mut args = args;
            crate::objects::methods::check_self(n, &mut args)?;
            let prev = std::mem::replace(&mut th.native_name, n.name);
            let mut cx = Cx { gil, th };
            let r = (n.f)(&mut cx, args);
            th.native_name = prev;
            Ok(Called::Value(r?))
        }
        // A special method that is no plain function (`__len__ = property(...)`):
        // bound to the instance that comes first, then called with the rest.
        Value::BoundNative(b) if crate::objects::class::is_via_get(&callable) => {
            let mut args = args;
            if args.pos.is_empty() {
                return Err(Unwind::Raise(type_error(
                    "special method called without its instance",
                )));
            }
            let this = args.pos.remove(0);
            let target = super::class::special_target(gil, th, b.0.clone(), &this)?;
            invoke(gil, th, target, args)
        }
        Value::BoundNative(b) => {
            let mut pos: SmallVec<[Value; 4]> = SmallVec::with_capacity(args.pos.len() + 1);
            pos.push(bound_self(b.0.clone(), b.1));
            pos.extend(args.pos);
            let args = Args { pos, kw: args.kw };
            if let Some(f) = deferral_aware(gil, th, b.1, &args) {
                return invoke(gil, th, f, args);
            }
            if let Some(r) = super::dictprobe::method(gil, th, b.1, &args) {
                return r;
            }
            let prev = std::mem::replace(&mut th.native_name, b.1.name);
            let mut cx = Cx { gil, th };
            let r = (b.1.f)(&mut cx, args);
            th.native_name = prev;
            Ok(Called::Value(r?))
        }
        Value::Type(t) => {
            let prev = std::mem::replace(&mut th.native_name, t.constructor_name());
            let mut cx = Cx { gil, th };
            let r = crate::modules::builtins::construct(&mut cx, t, args);
            th.native_name = prev;
            Ok(Called::Value(r?))
        }
        Value::Object(o) => match o.0.call(gil, args) {
            Some(forward) => match forward? {
                crate::native::Forward::Value(v) => Ok(Called::Value(v)),
                // In its place: a Python callee runs in this loop, no nesting.
                crate::native::Forward::Call(f, args) => invoke(gil, th, f, args),
            },
            None => Err(Unwind::Raise(type_error(format!(
                "'{}' object is not callable",
                type_name(&callable)
            )))),
        },
        other => Err(Unwind::Raise(type_error(format!(
            "'{}' object is not callable",
            type_name(other)
        )))),
    }
}

/// The deferral-aware Python version of built-in `n` for these arguments, if one of
/// them may suspend the micro-thread while `n` reads it (`micro_thread.py`).
#[inline]
fn deferral_aware(
    gil: Gil<'_>,
    th: &MicroThread,
    n: &'static crate::objects::function::NativeDef,
    args: &Args,
) -> Option<Value> {
    let soft = n.soft?;
    fallback(gil, th, soft, args)
}

/// Call `f` for the loop with follow-up `ret`: a Python frame gets `ret`; a native's
/// result goes through the follow-up at once.
pub fn call_then(
    gil: Gil<'_>,
    th: &mut MicroThread,
    f: &Value,
    args: Args,
    ret: Ret,
) -> PyResult<Called> {
    let called = match invoke(gil, th, f.clone(), args) {
        Ok(c) => c,
        Err(Unwind::Raise(e)) => {
            return match super::ret::raised(gil, th, ret, e)? {
                After::Value(v) => Ok(Called::Value(v)),
                After::Frame => Ok(Called::Frame),
                After::Nothing => Ok(Called::Nothing),
            }
        }
        Err(d) => return Err(d),
    };
    match called {
        Called::Frame => {
            let top = th.frames.last_mut().expect("the frame just pushed");
            if let Ret::Push = top.ret {
                top.ret = ret;
            } else {
                // The callee already has a follow-up (a class call's `__init__`):
                // chain ours after it through a trampoline is not needed yet, since
                // only plain calls reach here with a follow-up of their own.
                let inner = std::mem::replace(&mut top.ret, Ret::Push);
                top.ret = Ret::chain(inner, ret);
            }
            Ok(Called::Frame)
        }
        Called::Value(v) => Ok(match super::ret::returned(gil, th, ret, v)? {
            After::Value(v) => Called::Value(v),
            After::Frame => Called::Frame,
            After::Nothing => Called::Nothing,
        }),
        Called::Nothing => Ok(Called::Nothing),
    }
}

/// Push the frame of a class body (`body`'s code with `ns` as its local namespace).
pub fn push_body(
    th: &mut MicroThread,
    body: &Arc<Function>,
    ns: Arc<GilCell<Dict>>,
    ret: Ret,
) -> Result<(), PyErr> {
    push_frame(th, body, vec![Value::Null; body.code.nlocals()])?;
    let top = th.frames.last_mut().expect("the frame just pushed");
    top.locals = Some(ns);
    top.ret = ret;
    Ok(())
}

/// Run the frames from index `stop` up in a nested loop (a native's call into
/// Python) until the frame at `stop` returns or raises, first raising `pending` in the
/// top frame. A wait inside suspends the micro-thread with the native on its worker
/// stack (`mt::block`); where that cannot be done (no worker, a `stacker` segment),
/// the PEP's rule 2: the frames above the native get "Deferred execution not yet
/// implemented by &lt;native&gt;" raised in them (their `finally` blocks run) until it
/// reaches the native. Too little stack left is a `RecursionError`.
pub fn nested_run(
    gil: Gil<'_>,
    th: &mut MicroThread,
    stop: usize,
    pending: Option<(PyErr, super::unwind::Raise)>,
) -> Outcome {
    let ran = crate::stack::nested(|| {
        let out = eval::run_from(th, gil, stop, pending);
        finish_nested(gil, th, stop, out)
    });
    match ran {
        Some(out) => out,
        None => {
            // Not even started: drop the frames pushed for it.
            let floor = th.frames.get(stop).map(|f| f.floor);
            th.frames.truncate(stop);
            if let Some(floor) = floor {
                th.stack.truncate(floor);
            }
            Outcome::Raised(recursion_error("maximum recursion depth exceeded"))
        }
    }
}

/// A nested loop that ended in a deferral: wait where it is, then go on with the
/// frames from `stop` up (see [`nested_run`]).
pub fn finish_nested(gil: Gil<'_>, th: &mut MicroThread, stop: usize, out: Outcome) -> Outcome {
    let mut out = out;
    while let Outcome::Deferred = out {
        let input = crate::mt::block(gil, th);
        out = super::resume_at(gil, th, stop, input);
    }
    out
}

/// What a native (or a native's iterator step) that was called by another native,
/// not by the dispatch loop, gives: a deferral becomes a wait where it is. `depth` is
/// the frame count before the call: a deferral that left frames above it (`next(g)`
/// on a generator) resumes them until the callee's result is there.
pub fn settle(
    gil: Gil<'_>,
    th: &mut MicroThread,
    depth: usize,
    r: PyResult<Value>,
) -> PyResult<Value> {
    match r {
        Err(Unwind::Deferred) if th.frames.len() > depth => {
            match finish_nested(gil, th, depth, Outcome::Deferred) {
                Outcome::Returned(v) => Ok(v),
                Outcome::Raised(e) => Err(Unwind::Raise(e)),
                Outcome::Deferred => Err(Unwind::Deferred),
            }
        }
        Err(Unwind::Deferred) => crate::mt::block(gil, th).map_err(Unwind::Raise),
        r => r,
    }
}

/// Call from a native: run a pushed frame to completion in a nested loop.
pub fn call_value(gil: Gil<'_>, th: &mut MicroThread, f: &Value, args: Args) -> PyResult<Value> {
    let depth = th.frames.len();
    let called = invoke(gil, th, f.clone(), args);
    complete(gil, th, depth, called)
}

/// What a call that began at frame depth `depth` gives, running its frame if it
/// pushed one (a bounded re-entry).
pub fn complete(
    gil: Gil<'_>,
    th: &mut MicroThread,
    depth: usize,
    called: PyResult<Called>,
) -> PyResult<Value> {
    let called = match called {
        Err(Unwind::Deferred) => return settle(gil, th, depth, Err(Unwind::Deferred)),
        r => r?,
    };
    match called {
        Called::Value(v) => Ok(v),
        Called::Nothing => Ok(Value::None),
        Called::Frame => {
            if th.reentry >= MAX_REENTRY {
                let fr = th.frames.pop().expect("the frame just pushed");
                th.stack.truncate(fr.floor);
                return Err(Unwind::Raise(recursion_error(
                    "maximum recursion depth exceeded",
                )));
            }
            th.reentry += 1;
            let stop = th.frames.len() - 1;
            let out = nested_run(gil, th, stop, None);
            th.reentry -= 1;
            match out {
                Outcome::Returned(v) => Ok(v),
                Outcome::Raised(e) => Err(Unwind::Raise(e)),
                Outcome::Deferred => Err(Unwind::Deferred),
            }
        }
    }
}

/// Push the frame of `f` whose positional parameters are the values from `base` up
/// (a simple function: no cells of its own); its other locals start unbound.
fn push_positional_frame(th: &mut MicroThread, f: &Arc<Function>, base: usize) {
    let code = &f.code;
    let extra = code.nlocals() - (th.stack.len() - base);
    if extra > 0 {
        th.stack.extend(std::iter::repeat_n(Value::Null, extra));
    }
    let frame = function_frame(f, base, th.blocks.len(), f.closure.clone());
    super::frame::push_frame(&mut th.frames, frame);
}

/// The frame of a call of `f` whose locals start at `base` (its `floor` too: the
/// caller's stack is cut back to there), with these cells.
fn function_frame(f: &Function, base: usize, block_base: usize, cells: Vec<CellRef>) -> Frame {
    Frame {
        code: f.code.clone(),
        ip: 0,
        base,
        block_base,
        cells,
        globals: f.globals.clone(),
        floor: base,
        ret: super::frame::Ret::Push,
        locals: None,
    }
}

fn push_frame(
    th: &mut MicroThread,
    f: &Arc<Function>,
    mut locals: Vec<Value>,
) -> Result<(), PyErr> {
    check_depth(th)?;
    let code = &f.code;
    let mut cells: Vec<CellRef> = Vec::with_capacity(code.ncells());
    for (i, _) in code.cellvars.iter().enumerate() {
        let init = match code.cell_params[i] {
            Some(p) => std::mem::replace(&mut locals[p as usize], Value::Null),
            None => Value::Null,
        };
        cells.push(crate::objects::gc::cell(init));
    }
    cells.extend(f.closure.iter().cloned());
    let base = th.stack.len();
    th.stack.extend(locals);
    let frame = function_frame(f, base, th.blocks.len(), cells);
    super::frame::push_frame(&mut th.frames, frame);
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn name_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

/// Bind call arguments to parameter slots, with CPython's error messages.
pub fn bind(gil: Gil<'_>, f: &Function, args: Args) -> Result<Vec<Value>, PyErr> {
    let code: &Code = &f.code;
    let p = &code.params;
    let (argcount, kwonly) = (p.argcount as usize, p.kwonly as usize);
    let mut locals = vec![Value::Null; code.nlocals()];
    // Only an error message needs the name (a lookup in the function's attributes).
    let qn = || f.current_qualname(gil);
    let npos = args.pos.len();
    let mut pos = args.pos.into_iter();
    for slot in locals.iter_mut().take(argcount.min(npos)) {
        *slot = pos.next().unwrap_or(Value::Null);
    }
    let rest: Vec<Value> = pos.collect();
    let mut next_slot = argcount + kwonly;
    if p.varargs {
        locals[next_slot] = Value::tuple(rest);
        next_slot += 1;
    } else if !rest.is_empty() {
        let ndef = f.defaults.borrow(gil).len();
        let takes = if ndef > 0 {
            format!(
                "from {} to {} positional arguments",
                argcount - ndef,
                argcount
            )
        } else {
            plural(argcount, "positional argument")
        };
        let kw_given = args
            .kw
            .iter()
            .filter(|(k, _)| code.varnames[argcount..argcount + kwonly].contains(k))
            .count();
        let given = if kw_given > 0 {
            format!(
                "{} (and {} keyword-only argument{}) were given",
                plural(npos, "positional argument"),
                kw_given,
                if kw_given == 1 { "" } else { "s" }
            )
        } else if npos == 1 {
            "1 was given".to_owned()
        } else {
            format!("{npos} were given")
        };
        return Err(type_error(format!("{}() takes {takes} but {given}", qn())));
    }
    let mut kwargs = if p.varkw { Some(Dict::new()) } else { None };
    let mut posonly_as_kw = Vec::new();
    for (k, v) in args.kw {
        let slot = code.varnames[..argcount + kwonly]
            .iter()
            .position(|n| *n == k);
        match slot {
            Some(i) if i >= p.posonly as usize => {
                if !locals[i].is_null() {
                    return Err(type_error(format!(
                        "{}() got multiple values for argument '{k}'",
                        qn()
                    )));
                }
                locals[i] = v;
            }
            _ => match &mut kwargs {
                Some(d) => d.insert(Value::string(k), v)?,
                None => {
                    if slot.is_some() {
                        posonly_as_kw.push(k);
                    } else {
                        return Err(type_error(format!(
                            "{}() got an unexpected keyword argument '{k}'",
                            qn()
                        )));
                    }
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        let names: Vec<&str> = posonly_as_kw.iter().map(String::as_str).collect();
        return Err(type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qn(),
            names.join(", ")
        )));
    }
    // Defaults for positional parameters.
    let defaults = f.defaults.borrow(gil);
    let first_default = argcount.saturating_sub(defaults.len());
    let mut missing = Vec::new();
    for (i, slot) in locals.iter_mut().enumerate().take(argcount) {
        if slot.is_null() {
            if i >= first_default {
                *slot = defaults[i + defaults.len() - argcount].clone();
            } else {
                missing.push(code.varnames[i].as_str());
            }
        }
    }
    if !missing.is_empty() {
        return Err(type_error(format!(
            "{}() missing {} required positional argument{}: {}",
            qn(),
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }
    for (i, slot) in locals
        .iter_mut()
        .enumerate()
        .take(argcount + kwonly)
        .skip(argcount)
    {
        if slot.is_null() {
            let name = &code.varnames[i];
            match f.kwdefaults.borrow(gil).iter().find(|(k, _)| k == name) {
                Some((_, v)) => *slot = v.clone(),
                None => missing.push(name.as_str()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(type_error(format!(
            "{}() missing {} required keyword-only argument{}: {}",
            qn(),
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }
    if let Some(d) = kwargs {
        locals[next_slot] = Value::dict(d);
    }
    Ok(locals)
}

/// Split `CALL_KW` arguments: the last `names.len()` values are keywords.
pub fn split_kw(
    stack: &mut Vec<Value>,
    start: usize,
    self_arg: Option<Value>,
    names: &Value,
) -> Args {
    let names: &[Value] = match names {
        Value::Tuple(t) => t,
        _ => &[],
    };
    // Straight from the stack: no intermediate vectors.
    let split = stack.len() - names.len();
    let kw = names
        .iter()
        .zip(stack.drain(split..))
        .map(|(n, v)| (n.as_str().unwrap_or("").to_owned(), v))
        .collect();
    let mut pos: SmallVec<[Value; 4]> = SmallVec::with_capacity(split - start + 1);
    pos.extend(self_arg);
    pos.extend(stack.drain(start..));
    Args { pos, kw }
}

/// Arguments of `f(*args, **kwargs)`.
pub fn ex_args(
    gil: Gil<'_>,
    self_arg: Option<Value>,
    posargs: &Value,
    kwargs: Option<&Value>,
) -> Result<Args, PyErr> {
    let mut pos: SmallVec<[Value; 4]> = SmallVec::new();
    pos.extend(self_arg);
    match posargs {
        Value::Tuple(t) => pos.extend(t.iter().cloned()),
        Value::List(l) => pos.extend(l.borrow(gil).iter().cloned()),
        _ => {}
    }
    let mut kw = Vec::new();
    if let Some(Value::Dict(d)) = kwargs {
        for (k, v) in d.borrow(gil).iter() {
            match k.as_str() {
                Some(s) => kw.push((s.to_owned(), v.clone())),
                None => return Err(type_error("keywords must be strings")),
            }
        }
    }
    Ok(Args { pos, kw })
}

/// `MAKE_FUNCTION`.
pub fn make_function(
    gil: Gil<'_>,
    code: Value,
    globals: Arc<GilCell<Dict>>,
    defaults: Option<Value>,
    kwdefaults: Option<Value>,
    closure: Option<Value>,
) -> Value {
    let Value::Code(code) = code else {
        unreachable!("MAKE_FUNCTION takes a code object")
    };
    let defaults = match defaults {
        Some(Value::Tuple(t)) => t.to_vec(),
        _ => Vec::new(),
    };
    let kwdefaults = match kwdefaults {
        Some(Value::Dict(d)) => d
            .borrow(gil)
            .iter()
            .map(|(k, v)| (k.as_str().unwrap_or("").to_owned(), v.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let closure = match closure {
        Some(Value::Tuple(t)) => t
            .iter()
            .filter_map(|c| match c {
                Value::Cell(c) => Some(c.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Value::Function(crate::objects::gc::function(Function {
        name: code.name.to_string(),
        qualname: code.qualname.clone(),
        code,
        globals,
        defaults: GilCell::new(defaults),
        kwdefaults: GilCell::new(kwdefaults),
        closure,
        dict: Default::default(),
        meta: Default::default(),
        gc: Default::default(),
        weakly_referenced: Default::default(),
    }))
}
