//! Coroutines and async generators on the generator machinery (`vm::generator`).
//!
//! A coroutine is a `Value::Generator` of kind `Coroutine`: `await x` is
//! `GET_AWAITABLE` (x itself, or `x.__await__()` checked by the follow-up
//! `Ret::Awaitable`) and the `SEND`/`YIELD_VALUE 1` loop of `yield from`.
//!
//! An async generator (kind `AsyncGenerator`) is run by its awaitables, the objects
//! `__anext__()`, `asend(v)`, `athrow(...)` and `aclose()` return ([`AsyncGenOp`]).
//! Its own `yield` is `YIELD_VALUE 2` (CPython's `ASYNC_GEN_WRAP`): when the
//! generator was resumed by an awaitable (`How::AsyncOp`), that yield ends the
//! awaitable with the value, while what an `await` inside it yields (`YIELD_VALUE 1`)
//! goes on out to the event loop. Awaited (`SEND` with the awaitable on top), the
//! awaitable's end replaces it by the value and jumps past the `await` loop, as a
//! sub-generator's return does; called directly (`op.send(v)`), it raises
//! `StopIteration(value)`. Both ways resume the generator's frame in the same loop.
//!
//! `coro.__await__()` is a [`CoroWrapper`], an iterator over the coroutine.

use crate::objects::rc::Arc;

use deferred::Unwind;

use super::generator::{resume, throw_arg, Action, Resumed};
use super::ret::After;
use super::state::MicroThread;
use crate::compile::code::CO_ITERABLE_COROUTINE;
use crate::compile::opcodes::Op;
use crate::native::*;
use crate::objects::class::{is_user, special};
use crate::objects::function::NativeDef;
use crate::objects::generator::{GenKind, GenRef, GenState, How, OpInit, OpState};
use crate::objects::gil::{Gil, GilCell};
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::{type_name, types, Kind, PyType};

/// The awaitable an async generator's `__anext__`, `asend`, `athrow` or `aclose`
/// returns.
pub struct AsyncGenOp {
    pub agen: GenRef,
    /// `athrow()` or `aclose()` (the type `async_generator_athrow`).
    pub athrow: bool,
    /// `aclose()`: the generator must not yield a value.
    pub closing: bool,
    pub state: Arc<GilCell<OpState>>,
}

/// `coroutine.__await__()`: an iterator that runs the coroutine.
pub struct CoroWrapper(pub GenRef);

pub(crate) static OP_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "send" => op_send, "throw" => op_throw, "close" => op_close,
    "__next__" => op_next, "__iter__" => self_method, "__await__" => self_method,
];

pub(crate) static WRAPPER_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "send" => wrapper_send, "throw" => wrapper_throw, "close" => wrapper_close,
    "__next__" => wrapper_next, "__iter__" => self_method,
];

/// The types of the awaitables, `async_generator_asend`, `async_generator_athrow`
/// and `coroutine_wrapper`, made once: their methods are in their `__dict__`, where
/// `collections.abc.Awaitable`/`Coroutine` look (`asyncio` accepts
/// `agen.aclose()` as an awaitable by that check).
static AWAITABLE_TYPES: std::sync::OnceLock<[Arc<PyType>; 3]> = std::sync::OnceLock::new();

fn awaitable_type(i: usize) -> Arc<PyType> {
    let ts = AWAITABLE_TYPES.get_or_init(|| {
        let make = |name: &str, methods: &'static [NativeDef]| {
            let t = PyType::builtin(
                name,
                "builtins",
                Some(&types().object),
                Kind::Iterator,
                None,
            );
            crate::objects::gil::with_gil(|gil| {
                let mut d = t.dict.borrow_mut(gil);
                for def in methods {
                    let _ = d.insert(Value::str(def.name), Value::Native(def));
                }
            });
            Arc::new(t)
        };
        [
            make("async_generator_asend", OP_METHODS),
            make("async_generator_athrow", OP_METHODS),
            make("coroutine_wrapper", WRAPPER_METHODS),
        ]
    });
    ts[i].clone()
}

impl NativeObject for AsyncGenOp {
    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(awaitable_type(self.athrow as usize))
    }

    fn type_name(&self) -> &'static str {
        if self.athrow {
            "async_generator_athrow"
        } else {
            "async_generator_asend"
        }
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<{} object at {:#x}>",
            self.type_name(),
            self as *const AsyncGenOp as usize
        ))
    }

    fn next(&self, cx: &mut Cx<'_, '_>) -> Option<PyResult<Option<Value>>> {
        let r = super::generator::run_nested_with(cx, true, |gil, th| {
            op_resume(gil, th, self, Action::Send(Value::None), true)
        });
        Some(match r {
            Ok(v) => Ok(Some(v)),
            Err(Unwind::Raise(e)) if e.is_instance(&types().exc.stop_iteration) => Ok(None),
            Err(e) => Err(e),
        })
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        OP_METHODS
            .iter()
            .find(|d| d.name == name)
            .map(Value::Native)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl NativeObject for CoroWrapper {
    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(awaitable_type(2))
    }

    fn type_name(&self) -> &'static str {
        "coroutine_wrapper"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<coroutine_wrapper object at {:#x}>",
            self as *const CoroWrapper as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        WRAPPER_METHODS
            .iter()
            .find(|d| d.name == name)
            .map(Value::Native)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn next(&self, cx: &mut Cx<'_, '_>) -> Option<PyResult<Option<Value>>> {
        Some(super::generator::step(cx, &self.0))
    }
}

fn new_op(agen: GenRef, init: OpInit) -> Value {
    let (athrow, closing) = match &init {
        OpInit::Send(_) => (false, false),
        OpInit::Throw(_) => (true, false),
        OpInit::Close => (true, true),
    };
    Value::Object(Arc::new(Object(Box::new(AsyncGenOp {
        agen,
        athrow,
        closing,
        state: Arc::new(GilCell::new(OpState::Init(init))),
    }))))
}

/// An async generator's first `__anext__`, `asend`, `athrow` or `aclose` (CPython's
/// `async_gen_init_hooks`): it keeps the running micro-thread's finalizer hook and is
/// passed to its `firstiter` hook (`asyncio`'s loop records it, to close it at
/// shutdown).
pub(crate) fn init_hooks(cx: &mut Cx, g: &GenRef) -> PyResult<()> {
    let hooks = cx.th.rare.as_ref().map(|r| r.asyncgen_hooks.clone());
    let [firstiter, finalizer] = hooks.unwrap_or([Value::Null, Value::Null]);
    {
        let mut gen = g.borrow_mut(cx.gil);
        if gen.hooks_inited || gen.kind != GenKind::AsyncGenerator {
            return Ok(());
        }
        gen.hooks_inited = true;
        gen.finalizer = finalizer;
    }
    if !matches!(firstiter, Value::Null) {
        cx.call(&firstiter, vec![Value::Generator(g.clone())])?;
    }
    Ok(())
}

/// The awaitable `__anext__()` of async generator `g`.
pub(crate) fn anext_of(g: &GenRef) -> Value {
    new_op(g.clone(), OpInit::Send(Value::None))
}

pub(crate) fn as_op(v: &Value) -> Option<&AsyncGenOp> {
    match v {
        Value::Object(o) => o.0.as_any().downcast_ref::<AsyncGenOp>(),
        _ => None,
    }
}

pub(crate) fn is_awaitable_iter(v: &Value) -> bool {
    as_op(v).is_some() || as_wrapper(v).is_some()
}

fn as_wrapper(v: &Value) -> Option<&CoroWrapper> {
    match v {
        Value::Object(o) => o.0.as_any().downcast_ref::<CoroWrapper>(),
        _ => None,
    }
}

/// The awaitable `op` is done with `v`, before its generator ran (see
/// `generator::op_done`).
fn done_early(th: &mut MicroThread, direct: bool, v: Value) -> Result<Resumed, PyErr> {
    super::generator::op_done(th, direct, v).map(|a| match a {
        After::Value(v) => Resumed::Value(v),
        _ => Resumed::Frame,
    })
}

/// Send `action` to the awaitable `op`: `direct` for its own `send`/`throw`
/// methods, else it is the sub-iterator of an `await` (on top of the stack).
pub(crate) fn op_resume(
    gil: Gil<'_>,
    th: &mut MicroThread,
    op: &AsyncGenOp,
    action: Action,
    direct: bool,
) -> Result<Resumed, PyErr> {
    let starting = matches!(*op.state.borrow(gil), OpState::Init(_));
    if starting && op.agen.borrow(gil).running_async {
        // Another awaitable of this generator is under way (paused in an `await`):
        // this one stays unstarted.
        return Err(running_error(op));
    }
    let state = std::mem::replace(&mut *op.state.borrow_mut(gil), OpState::Iter);
    let action = match state {
        OpState::Done => {
            *op.state.borrow_mut(gil) = OpState::Done;
            return Err(runtime_error(if op.athrow {
                "cannot reuse already awaited aclose()/athrow()"
            } else {
                "cannot reuse already awaited __anext__()/asend()"
            }));
        }
        OpState::Iter => action,
        OpState::Init(init) => match (init, action) {
            (OpInit::Send(v0), Action::Send(v)) => {
                Action::Send(if matches!(v, Value::None) { v0 } else { v })
            }
            (OpInit::Throw(e), Action::Send(_)) => Action::Throw(e),
            (OpInit::Close, Action::Send(_)) => Action::Close,
            (_, a) => a,
        },
    };
    let gstate = op.agen.borrow(gil).state;
    let finished = |gil: Gil<'_>| *op.state.borrow_mut(gil) = OpState::Done;
    match (gstate, &action) {
        (GenState::Finished, _) => {
            finished(gil);
            if op.athrow {
                return done_early(th, direct, Value::None);
            }
            return Err(PyErr::new(&types().exc.stop_async_iteration, vec![]));
        }
        (GenState::Created, Action::Close) => {
            finished(gil);
            super::generator::finish_unstarted(gil, &op.agen);
            return done_early(th, direct, Value::None);
        }
        (GenState::Created, Action::Send(v)) if !matches!(v, Value::None) => {
            return Err(type_error(
                "can't send non-None value to a just-started async generator",
            ));
        }
        (GenState::Running, _) => {
            return Err(running_error(op));
        }
        _ => {}
    }
    if starting {
        op.agen.borrow_mut(gil).running_async = true;
    }
    let how = How::AsyncOp {
        direct,
        closing: op.closing,
        op: op.state.clone(),
    };
    resume(gil, th, &op.agen, action, how)
}

fn running_error(op: &AsyncGenOp) -> PyErr {
    runtime_error(if op.athrow {
        "athrow(): asynchronous generator is already running"
    } else {
        "anext(): asynchronous generator is already running"
    })
}

/// A call the loop runs itself because it resumes a coroutine or an async
/// generator (the methods of [`AsyncGenOp`] and [`CoroWrapper`]).
pub(crate) fn loop_call(
    gil: Gil<'_>,
    th: &mut MicroThread,
    def: &'static NativeDef,
    this: &Value,
    rest: &[Value],
) -> Option<PyResult<Resumed>> {
    let op = as_op(this);
    let wrapper = as_wrapper(this);
    if op.is_none() && wrapper.is_none() {
        return None;
    }
    // `next(x)` is `x.__next__()`.
    let name = if crate::modules::builtins::is_next(def) {
        if !rest.is_empty() {
            return None;
        }
        "__next__"
    } else if is_method(def) {
        def.name
    } else {
        return None;
    };
    let action = match (name, rest.len()) {
        ("send", 1) => Action::Send(rest[0].clone()),
        ("__next__", 0) => Action::Send(Value::None),
        ("close", 0) => Action::Close,
        ("throw", 1..=3) => {
            let mut all = Args::new([this.clone()]);
            all.pos.extend(rest.iter().cloned());
            let mut cx = Cx { gil, th };
            match throw_arg(&mut cx, &all) {
                Ok(e) => Action::Throw(e),
                Err(e) => return Some(Err(e)),
            }
        }
        _ => return None,
    };
    if let Some(op) = op {
        if let Action::Close = action {
            *op.state.borrow_mut(gil) = OpState::Done;
            return Some(Ok(Resumed::Value(Value::None)));
        }
        return Some(op_resume(gil, th, op, action, true).map_err(Unwind::Raise));
    }
    let g = wrapper?.0.clone();
    let how = match action {
        Action::Close => How::Close,
        _ => How::Call,
    };
    Some(resume(gil, th, &g, action, how).map_err(Unwind::Raise))
}

/// `SEND` with an async generator's awaitable or a coroutine wrapper on top:
/// `None` for other sub-iterators.
pub(crate) fn send_op(
    gil: Gil<'_>,
    th: &mut MicroThread,
    sub: &Value,
    v: Value,
) -> Option<Result<Resumed, PyErr>> {
    if let Some(op) = as_op(sub) {
        return Some(op_resume(gil, th, op, Action::Send(v), false));
    }
    if let Some(w) = as_wrapper(sub) {
        let g = w.0.clone();
        return Some(resume(
            gil,
            th,
            &g,
            Action::Send(v),
            How::YieldFrom { closing: false },
        ));
    }
    None
}

/// For `throw()` into a frame awaiting `sub`: the async generator to go on down
/// into, with the follow-up it gets.
pub(crate) fn throw_target(sub: &Value, closing: bool) -> Option<(GenRef, How)> {
    if closing {
        return None;
    }
    if let Some(op) = as_op(sub) {
        let how = How::AsyncOp {
            direct: false,
            closing: op.closing,
            op: op.state.clone(),
        };
        return Some((op.agen.clone(), how));
    }
    as_wrapper(sub).map(|w| (w.0.clone(), How::YieldFrom { closing }))
}

fn awaitable_error(arg: u32, v: &Value) -> PyErr {
    let t = type_name(v);
    type_error(match arg {
        1 => format!(
            "'async with' received an object from __aenter__ that does not implement __await__: {t}"
        ),
        2 => format!(
            "'async with' received an object from __aexit__ that does not implement __await__: {t}"
        ),
        3 => format!("'async for' received an invalid object from __anext__: {t}"),
        _ => format!("object {t} can't be used in 'await' expression"),
    })
}

/// Is a paused generator stopped in a `yield from` / `await`?
fn awaiting(gil: Gil<'_>, g: &GenRef) -> bool {
    let g = g.borrow(gil);
    g.state == GenState::Suspended
        && g.frame.as_ref().is_some_and(|f| {
            f.ip > 0
                && f.code
                    .instrs
                    .get(f.ip - 1)
                    .is_some_and(|i| i.op == Op::YIELD_VALUE && i.arg == 1)
        })
}

/// `GET_AWAITABLE arg` on `v`: `Ok(None)` when `v` is its own iterator,
/// `Ok(Some(f))` when the loop must call `f(v)` (`__await__`, checked by
/// `Ret::Awaitable`).
pub(crate) fn get_awaitable(gil: Gil<'_>, v: &Value, arg: u32) -> Result<Option<Value>, PyErr> {
    match v {
        Value::Generator(g) => {
            let (kind, flags) = {
                let b = g.borrow(gil);
                (b.kind, b.code.flags())
            };
            match kind {
                GenKind::Coroutine => {
                    if awaiting(gil, g) {
                        return Err(runtime_error("coroutine is being awaited already"));
                    }
                    Ok(None)
                }
                GenKind::Generator if flags & CO_ITERABLE_COROUTINE != 0 => Ok(None),
                _ => Err(awaitable_error(arg, v)),
            }
        }
        v if as_op(v).is_some() => Ok(None),
        v if is_user(v) => match special(gil, v, "__await__") {
            Some(f) => Ok(Some(f)),
            None => Err(awaitable_error(arg, v)),
        },
        _ => Err(awaitable_error(arg, v)),
    }
}

fn is_iterator(gil: Gil<'_>, v: &Value) -> bool {
    match v {
        Value::Generator(_) | Value::Iter(_) => true,
        Value::Object(o) => o.0.as_any().is::<AsyncGenOp>() || o.0.as_any().is::<CoroWrapper>(),
        v if is_user(v) => special(gil, v, "__next__").is_some(),
        v => super::iterate::is_iterator(gil, v),
    }
}

/// `Ret::Awaitable`: what `__await__()` returned must be an iterator.
pub(crate) fn check_await_result(gil: Gil<'_>, v: Value) -> Result<Value, PyErr> {
    if let Value::Generator(g) = &v {
        if g.borrow(gil).kind == GenKind::Coroutine {
            return Err(type_error("__await__() returned a coroutine"));
        }
    }
    if !is_iterator(gil, &v) {
        return Err(type_error(format!(
            "__await__() returned non-iterator of type '{}'",
            type_name(&v)
        )));
    }
    Ok(v)
}

/// `GET_AITER` on `v`: `Ok(None)` for an async generator (its own iterator),
/// `Ok(Some(f))` when the loop must call `f(v)` (`__aiter__`, checked by
/// `Ret::AIter`).
pub(crate) fn get_aiter(gil: Gil<'_>, v: &Value) -> Result<Option<Value>, PyErr> {
    if is_agen(gil, v) {
        return Ok(None);
    }
    if is_user(v) {
        if let Some(f) = special(gil, v, "__aiter__") {
            return Ok(Some(f));
        }
    }
    Err(type_error(format!(
        "'async for' requires an object with __aiter__ method, got {}",
        type_name(v)
    )))
}

fn is_agen(gil: Gil<'_>, v: &Value) -> bool {
    matches!(v, Value::Generator(g) if g.borrow(gil).kind == GenKind::AsyncGenerator)
}

/// `Ret::AIter`: what `__aiter__()` returned must have `__anext__`.
pub(crate) fn check_aiter_result(gil: Gil<'_>, v: Value) -> Result<Value, PyErr> {
    let ok = is_agen(gil, &v) || (is_user(&v) && special(gil, &v, "__anext__").is_some());
    if !ok {
        return Err(type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            type_name(&v)
        )));
    }
    Ok(v)
}

/// `GET_ANEXT` on the async iterator `v`: the awaitable itself (an async
/// generator's), or the `__anext__` method the loop must call.
pub(crate) fn get_anext(gil: Gil<'_>, v: &Value) -> Result<Result<Value, Value>, PyErr> {
    if let Value::Generator(g) = v {
        if g.borrow(gil).kind == GenKind::AsyncGenerator {
            return Ok(Ok(anext_of(g)));
        }
    }
    if is_user(v) {
        if let Some(f) = special(gil, v, "__anext__") {
            return Ok(Err(f));
        }
    }
    Err(type_error(format!(
        "'async for' requires an iterator with __anext__ method, got {}",
        type_name(v)
    )))
}

/// `BEFORE_ASYNC_WITH`'s lookups: `(mgr.__aenter__, mgr.__aexit__)`.
pub(crate) fn async_with_methods(gil: Gil<'_>, mgr: &Value) -> Result<(Value, Value), PyErr> {
    let missing = |e: PyErr, what: &str| {
        if e.is_instance(&types().exc.attribute_error) {
            type_error(format!(
                "'{}' object does not support the asynchronous context manager protocol{what}",
                type_name(mgr)
            ))
        } else {
            e
        }
    };
    let enter = super::ops::getattr(gil, mgr, "__aenter__").map_err(|e| missing(e, ""))?;
    let exit = super::ops::getattr(gil, mgr, "__aexit__")
        .map_err(|e| missing(e, " (missed __aexit__ method)"))?;
    Ok((enter, exit))
}

// ---- natives (for calls from Rust code; the loop runs these itself) ----

fn self_method(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(args.at(0).clone())
}

fn gen_of(args: &Args, kind: GenKind, name: &str) -> Result<GenRef, PyErr> {
    match args.get(0) {
        Some(Value::Generator(g)) => Ok(g.clone()),
        Some(v) => Err(type_error(format!(
            "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
            match kind {
                GenKind::Coroutine => "coroutine",
                _ => "async_generator",
            },
            type_name(v)
        ))),
        None => Err(type_error(format!("{name}() needs an argument"))),
    }
}

/// `coroutine.__await__()`.
pub fn coro_await(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let g = gen_of(&args, GenKind::Coroutine, "__await__")?;
    args.check_method("__await__", 0, 0)?;
    Ok(Value::Object(Arc::new(Object(Box::new(CoroWrapper(g))))))
}

/// `agen.__anext__()`.
pub fn agen_anext(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let g = gen_of(&args, GenKind::AsyncGenerator, "__anext__")?;
    args.check_method("__anext__", 0, 0)?;
    init_hooks(cx, &g)?;
    Ok(anext_of(&g))
}

/// `agen.asend(value)`.
pub fn agen_asend(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let g = gen_of(&args, GenKind::AsyncGenerator, "asend")?;
    args.check_method("asend", 1, 1)?;
    init_hooks(cx, &g)?;
    Ok(new_op(g, OpInit::Send(args.at(1).clone())))
}

/// `agen.athrow(type[, value[, traceback]])`.
pub fn agen_athrow(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let g = gen_of(&args, GenKind::AsyncGenerator, "athrow")?;
    let err = throw_arg(cx, &args)?;
    init_hooks(cx, &g)?;
    Ok(new_op(g, OpInit::Throw(err)))
}

/// `agen.aclose()`.
pub fn agen_aclose(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let g = gen_of(&args, GenKind::AsyncGenerator, "aclose")?;
    args.check_method("aclose", 0, 0)?;
    init_hooks(cx, &g)?;
    Ok(new_op(g, OpInit::Close))
}

/// The method `name` (in `table`) of the object `args[0]`, run in a nested loop
/// (for natives; the dispatch loop resumes the generator itself, see [`loop_call`]).
fn nested_method(
    cx: &mut Cx,
    args: Args,
    table: &'static [NativeDef],
    name: &str,
) -> PyResult<Value> {
    let this = args.at(0).clone();
    let Some(def) = table.iter().find(|d| d.name == name) else {
        return Err(type_error(format!("no method {name}()")).into());
    };
    let rest: Vec<Value> = args.pos[1..].to_vec();
    super::generator::run_nested_with(cx, false, |gil, th| {
        match loop_call(gil, th, def, &this, &rest) {
            Some(Ok(r)) => Ok(r),
            Some(Err(Unwind::Raise(e))) => Err(e),
            Some(Err(Unwind::Deferred)) => Err(runtime_error("deferred in a method call")),
            None => Err(type_error(format!(
                "{}.{name}() called with wrong arguments",
                type_name(&this)
            ))),
        }
    })
}

fn contains(table: &[NativeDef], d: &NativeDef) -> bool {
    table.as_ptr_range().contains(&(d as *const NativeDef))
}

macro_rules! forward {
    ($($f:ident => $table:ident $name:literal),* $(,)?) => {$(
        fn $f(cx: &mut Cx, args: Args) -> PyResult<Value> {
            nested_method(cx, args, $table, $name)
        }
    )*};
}

forward! {
    op_send => OP_METHODS "send", op_throw => OP_METHODS "throw",
    op_close => OP_METHODS "close", op_next => OP_METHODS "__next__",
    wrapper_send => WRAPPER_METHODS "send", wrapper_throw => WRAPPER_METHODS "throw",
    wrapper_close => WRAPPER_METHODS "close", wrapper_next => WRAPPER_METHODS "__next__",
}

/// Is `def` a method of the awaitables the loop runs itself?
pub(crate) fn is_method(def: &NativeDef) -> bool {
    contains(OP_METHODS, def) || contains(WRAPPER_METHODS, def)
}
