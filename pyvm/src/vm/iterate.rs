//! Iteration: `iter()`, one step of any built-in iterator (stepping `map` and `filter`
//! calls Python through a bounded re-entry), and unpacking.

use crate::objects::rc::Arc;

use deferred::Unwind;

use crate::compile::opcodes::Op;
use crate::modules::micro_thread::pipe::Pipe;
use crate::native::{Cx, PyResult};
use crate::objects::exception::*;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::iter::{DictPart, Iter};
use crate::objects::types::type_name;
use crate::objects::value::Value;

fn new_iter(it: Iter) -> Value {
    Value::Iter(Arc::new(GilCell::new(it)))
}

/// `item in container` for a user container without `__contains__`: by iteration.
pub fn contains_by_iter(cx: &mut Cx<'_, '_>, container: &Value, item: &Value) -> PyResult<bool> {
    if blocked(cx.gil, container, "__iter__") {
        return Err(type_error(format!(
            "argument of type '{}' is not iterable",
            crate::objects::types::type_name(container)
        ))
        .into());
    }
    let it = cx.iter(container)?;
    while let Some(x) = cx.next(&it)? {
        if x.is(item) || crate::objects::compare::eq(cx.gil, &x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Does `v`'s class set special method `name` to `None` (`__iter__ = None`: the
/// operation is refused, as CPython's slot left empty)?
pub fn blocked(gil: Gil<'_>, v: &Value, name: &'static str) -> bool {
    matches!(
        crate::objects::class::special(gil, v, name),
        Some(Value::None)
    )
}

/// `iter(v)`.
pub fn get_iter(gil: Gil<'_>, v: &Value) -> Result<Value, PyErr> {
    if crate::objects::class::is_user(v) && blocked(gil, v, "__iter__") {
        return Err(type_error(format!(
            "'{}' object is not iterable",
            crate::objects::types::type_name(v)
        )));
    }
    let meta_iter = match v {
        Value::Type(_) => crate::objects::class::special(gil, v, "__iter__"),
        _ => None,
    };
    if let Some(f) = meta_iter {
        // A class whose metaclass defines `__iter__` (`for member in Color`).
        return super::detached::call(gil, "iter", &f, vec![v.clone()]);
    }
    if crate::objects::class::is_user(v) {
        if let Some(p) = crate::objects::class::payload(v) {
            // An instance of a `map`/`zip`/... subclass is its own iterator.
            if matches!(p, Value::Iter(_))
                && crate::objects::class::special(gil, v, "__iter__").is_none()
                && is_iterator(gil, p)
            {
                return Ok(v.clone());
            }
            let container = !matches!(
                p,
                Value::Int(_)
                    | Value::Big(_)
                    | Value::Float(_)
                    | Value::Complex(_)
                    | Value::Cell(_)
            );
            if container && crate::objects::class::special(gil, v, "__iter__").is_none() {
                return get_iter(gil, p);
            }
        }
        if crate::objects::class::special(gil, v, "__iter__").is_none() {
            if let Some(get) = crate::objects::class::special(gil, v, "__getitem__") {
                // The old sequence protocol: `__getitem__(0)`, `(1)`, ... up to an
                // IndexError (CPython's `iterator` type).
                return Ok(new_iter(Iter::Native(Box::new(SeqIter {
                    get,
                    obj: v.clone(),
                    idx: 0,
                    done: false,
                }))));
            }
        }
        let f = super::class::special_or(gil, v, "__iter__")?;
        let it = super::detached::call(gil, "iter", &f, vec![v.clone()])?;
        return check_iter_result(gil, it);
    }
    Ok(new_iter(match v {
        Value::List(_) | Value::Tuple(_) | Value::Bytes(_) | Value::ByteArray(_) => Iter::Seq {
            seq: v.clone(),
            idx: 0,
        },
        Value::File(f) => {
            if f.borrow(gil).closed() {
                return Err(value_error("I/O operation on closed file."));
            }
            Iter::Lines { file: v.clone() }
        }
        Value::Str(_) => Iter::Chars {
            s: v.clone(),
            byte: 0,
        },
        Value::Range(r) => r.iter(),
        Value::Dict(d) => Iter::Dict {
            dict: v.clone(),
            slot: 0,
            part: DictPart::Keys,
            size: d.borrow(gil).len(),
        },
        Value::Set(s) => Iter::Dict {
            dict: v.clone(),
            slot: 0,
            part: DictPart::Keys,
            size: s.borrow(gil).len(),
        },
        Value::FrozenSet(s) => Iter::Dict {
            dict: v.clone(),
            slot: 0,
            part: DictPart::Keys,
            size: s.len(),
        },
        Value::Object(o) if o.0.as_any().is::<Pipe>() || o.0.self_iter() => return Ok(v.clone()),
        Value::Generator(g)
            if g.borrow(gil).kind == crate::objects::generator::GenKind::Generator =>
        {
            return Ok(v.clone())
        }
        Value::Object(o) if o.0.as_any().is::<crate::vm::asyncgen::CoroWrapper>() => {
            return Ok(v.clone())
        }
        Value::Object(o) => match o.0.iter(gil, v) {
            Some(it) => Iter::Native(it?),
            None => {
                return Err(type_error(format!(
                    "'{}' object is not iterable",
                    type_name(v)
                )))
            }
        },
        Value::Iter(it) => match &*it.borrow(gil) {
            Iter::View { dict, part } => Iter::Dict {
                dict: dict.clone(),
                slot: 0,
                part: *part,
                size: match dict {
                    Value::Dict(d) => d.borrow(gil).len(),
                    _ => 0,
                },
            },
            _ => return Ok(v.clone()),
        },
        _ => {
            return Err(type_error(format!(
                "'{}' object is not iterable",
                type_name(v)
            )))
        }
    }))
}

/// What a user `__iter__` returned must be an iterator (CPython's `PyIter_Check`):
/// `iter()`, `for` and `yield from` say so otherwise.
pub(crate) fn check_iter_result(gil: Gil<'_>, it: Value) -> Result<Value, PyErr> {
    let ok = match &it {
        v if crate::objects::class::is_user(v) => {
            crate::objects::class::special(gil, v, "__next__").is_some() || is_iterator(gil, v)
        }
        // A file, and a built-in module's object: which of them step is known only by
        // stepping them, so they pass (as before this check).
        Value::File(_) | Value::Object(_) => true,
        v => is_iterator(gil, v),
    };
    if !ok {
        return Err(type_error(format!(
            "iter() returned non-iterator of type '{}'",
            type_name(&it)
        )));
    }
    Ok(it)
}

/// Is `v` an iterator (`in` then consumes it up to the item), not a dict view?
pub fn is_iterator(gil: Gil<'_>, v: &Value) -> bool {
    match v {
        Value::Generator(g) => g.borrow(gil).kind == crate::objects::generator::GenKind::Generator,
        Value::Iter(it) => !it.borrow(gil).is_view(),
        Value::Object(o) => o.0.as_any().is::<Pipe>() || o.0.self_iter(),
        // An instance of a `map`/`zip`/... subclass.
        Value::Instance(_) => {
            matches!(crate::objects::class::payload(v), Some(p @ Value::Iter(_)) if is_iterator(gil, p))
        }
        _ => false,
    }
}

/// `item in it` for an iterator: steps it until an equal item turns up.
pub fn iterator_contains(cx: &mut Cx<'_, '_>, it: &Value, item: &Value) -> PyResult<bool> {
    while let Some(x) = iter_next(cx, it)? {
        if x.is(item) || crate::objects::compare::eq(cx.gil, &x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `next(it)`; `None` when exhausted. Steps `map`/`filter`/`zip`/`enumerate` and
/// generators (in a nested loop) too. For natives: a wait inside (a micro_pipe with
/// nothing in it) suspends the micro-thread where it is (`call::settle`).
pub fn iter_next(cx: &mut Cx<'_, '_>, it: &Value) -> PyResult<Option<Value>> {
    let depth = cx.th.frames.len();
    match iter_next_loop(cx, it) {
        Err(Unwind::Deferred) => {
            match super::call::settle(cx.gil, cx.th, depth, Err(Unwind::Deferred)) {
                Ok(v) => Ok(Some(v)),
                Err(Unwind::Raise(e))
                    if e.is_instance(&crate::objects::types::types().exc.stop_iteration) =>
                {
                    cx.th.set_stopped(e);
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
        r => r,
    }
}

/// [`iter_next`] for the dispatch loop's `FOR_ITER`: a micro_pipe's wait is left to
/// the loop (it resumes the `for` with the value, or ends it on `StopIteration`).
pub(crate) fn iter_next_loop(cx: &mut Cx<'_, '_>, it: &Value) -> PyResult<Option<Value>> {
    cx.th.clear_stopped();
    match it {
        Value::Generator(g) => return crate::vm::generator::step(cx, g),
        // A file is its own iterator (`next(f)` reads a line).
        Value::File(f) => return Ok(f.borrow_mut(cx.gil).read_line()?),
        Value::Object(o) => {
            if let Some(r) = o.0.next(cx) {
                return r;
            }
        }
        _ => {}
    }
    if crate::objects::class::is_user(it) {
        if let Some(p @ Value::Iter(_)) = crate::objects::class::payload(it) {
            // A `map`/`zip`/... subclass that keeps the built-in `__next__`.
            if crate::objects::class::special(cx.gil, it, "__next__").is_none() {
                let p = p.clone();
                return iter_next_loop(cx, &p);
            }
        }
        let f = super::class::special_or(cx.gil, it, "__next__")?;
        let (f, args) = super::class::bind_special(f, it.clone());
        return match cx.call(&f, args) {
            Ok(v) => Ok(Some(v)),
            Err(Unwind::Raise(e))
                if e.is_instance(&crate::objects::types::types().exc.stop_iteration) =>
            {
                cx.th.set_stopped(e);
                Ok(None)
            }
            Err(e) => Err(e),
        };
    }
    let Value::Iter(cell) = it else {
        return Err(Unwind::Raise(type_error(format!(
            "'{}' object is not an iterator",
            type_name(it)
        ))));
    };
    if let Some(r) = cell.borrow_mut(cx.gil).next_simple(cx.gil) {
        return Ok(r?);
    }
    if cx.th.reentry >= crate::vm::state::MAX_REENTRY {
        return Err(Unwind::Raise(recursion_error(
            "maximum recursion depth exceeded",
        )));
    }
    cx.th.reentry += 1;
    let r = crate::stack::nested(|| step_complex(cx, cell)).unwrap_or_else(|| {
        Err(Unwind::Raise(recursion_error(
            "maximum recursion depth exceeded",
        )))
    });
    cx.th.reentry -= 1;
    r
}

fn step_complex(cx: &mut Cx<'_, '_>, cell: &Arc<GilCell<Iter>>) -> PyResult<Option<Value>> {
    enum Plan {
        Enumerate(Value),
        Zip(Vec<Value>, bool),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Soft(Value),
        Native,
        View,
    }
    let plan = match &*cell.borrow(cx.gil) {
        Iter::Enumerate { inner, .. } => Plan::Enumerate(inner.clone()),
        Iter::Zip { inners, strict } => Plan::Zip(inners.clone(), *strict),
        Iter::Map { func, inners } => Plan::Map(func.clone(), inners.clone()),
        Iter::Filter { func, inner } => Plan::Filter(func.clone(), inner.clone()),
        Iter::Soft { gen, .. } => Plan::Soft(gen.clone()),
        Iter::Native(_) => Plan::Native,
        _ => Plan::View,
    };
    let done = |cx: &mut Cx<'_, '_>| {
        let mut it = cell.borrow_mut(cx.gil);
        *it = Iter::Exhausted(it.type_name());
        Ok(None)
    };
    match plan {
        Plan::Enumerate(inner) => match cx.next(&inner)? {
            Some(v) => {
                let mut it = cell.borrow_mut(cx.gil);
                let n = match &mut *it {
                    Iter::Enumerate { count, .. } => {
                        *count += 1;
                        *count - 1
                    }
                    _ => 0,
                };
                Ok(Some(Value::tuple(vec![Value::Int(n), v])))
            }
            None => done(cx),
        },
        Plan::Zip(inners, strict) => {
            let mut items = Vec::with_capacity(inners.len());
            for (k, i) in inners.iter().enumerate() {
                match cx.next(i)? {
                    Some(v) => items.push(v),
                    None if strict => return zip_strict_end(cx, cell, &inners, k),
                    None => return done(cx),
                }
            }
            if items.is_empty() {
                return done(cx);
            }
            Ok(Some(Value::tuple(items)))
        }
        Plan::Map(func, inners) => {
            let mut items = Vec::with_capacity(inners.len());
            for i in &inners {
                match cx.next(i)? {
                    Some(v) => items.push(v),
                    None => return done(cx),
                }
            }
            // A `StopIteration` out of the function ends this step as the
            // iterator's own would (CPython's `map_next` passes it on).
            match cx.call(&func, items) {
                Ok(v) => Ok(Some(v)),
                Err(Unwind::Raise(e)) if is_stop(&e) => {
                    cx.th.set_stopped(e);
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
        Plan::Filter(func, inner) => loop {
            let Some(v) = cx.next(&inner)? else {
                return done(cx);
            };
            let keep = if matches!(func, Value::None) {
                cx.truthy(&v)?
            } else {
                let r = match cx.call(&func, vec![v.clone()]) {
                    Err(Unwind::Raise(e)) if is_stop(&e) => {
                        cx.th.set_stopped(e);
                        return Ok(None);
                    }
                    r => r?,
                };
                cx.truthy(&r)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
        Plan::Soft(gen) => cx.next(&gen),
        Plan::Native => {
            // The state is taken out while it steps (it may call Python, which may
            // touch this iterator: it then looks exhausted), and put back after.
            let taken = {
                let mut it = cell.borrow_mut(cx.gil);
                let name = it.type_name();
                std::mem::replace(&mut *it, Iter::Exhausted(name))
            };
            let Iter::Native(mut state) = taken else {
                return Ok(None);
            };
            let r = state.next(cx);
            *cell.borrow_mut(cx.gil) = Iter::Native(state);
            r
        }
        Plan::View => Err(Unwind::Raise(type_error("object is not an iterator"))),
    }
}

fn is_stop(e: &PyErr) -> bool {
    e.is_instance(&crate::objects::types::types().exc.stop_iteration)
}

/// The `StopIteration` to raise for an iterator that just ended: the one Python code
/// raised to end it (`Rare::stopped`), or a new
/// one.
pub fn stop_error(cx: &mut Cx<'_, '_>) -> PyErr {
    cx.th.take_stopped().unwrap_or_else(stop_iteration)
}

/// `zip(..., strict=True)` when argument `k` (0-based) ran out: the arguments before
/// it were longer (CPython's messages), else every later one must be exhausted too.
fn zip_strict_end(
    cx: &mut Cx<'_, '_>,
    cell: &Arc<GilCell<Iter>>,
    inners: &[Value],
    k: usize,
) -> PyResult<Option<Value>> {
    {
        let mut it = cell.borrow_mut(cx.gil);
        *it = Iter::Exhausted(it.type_name());
    }
    let plural = |i: usize| {
        if i == 1 {
            " ".to_owned()
        } else {
            "s 1-".to_owned()
        }
    };
    if k > 0 {
        return Err(Unwind::Raise(value_error(format!(
            "zip() argument {} is shorter than argument{}{k}",
            k + 1,
            plural(k)
        ))));
    }
    for (i, inner) in inners.iter().enumerate().skip(1) {
        if cx.next(inner)?.is_some() {
            return Err(Unwind::Raise(value_error(format!(
                "zip() argument {} is longer than argument{}{i}",
                i + 1,
                plural(i)
            ))));
        }
    }
    Ok(None)
}

/// `UNPACK_SEQUENCE` / `UNPACK_EX`: the items in order.
pub fn unpack(cx: &mut Cx<'_, '_>, v: &Value, op: Op, arg: u32) -> PyResult<Vec<Value>> {
    let items = match v {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow(cx.gil).clone(),
        _ => {
            let Ok(it) = get_iter(cx.gil, v) else {
                return Err(Unwind::Raise(type_error(format!(
                    "cannot unpack non-iterable {} object",
                    type_name(v)
                ))));
            };
            if op == Op::UNPACK_SEQUENCE {
                // At most one item past the count: an endless iterator is "too many".
                let mut items = Vec::with_capacity(arg as usize);
                while items.len() <= arg as usize {
                    match cx.next(&it)? {
                        Some(x) => items.push(x),
                        None => break,
                    }
                }
                items
            } else {
                cx.collect(v)?
            }
        }
    };
    if op == Op::UNPACK_SEQUENCE {
        let n = arg as usize;
        if items.len() < n {
            return Err(Unwind::Raise(value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            ))));
        }
        if items.len() > n {
            return Err(Unwind::Raise(value_error(format!(
                "too many values to unpack (expected {n})"
            ))));
        }
        return Ok(items);
    }
    let (before, after) = ((arg & 0xff) as usize, (arg >> 8) as usize);
    if items.len() < before + after {
        return Err(Unwind::Raise(value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        ))));
    }
    let mut items = items;
    let tail = items.split_off(items.len() - after);
    let mid = items.split_off(before);
    items.push(Value::list(mid));
    items.extend(tail);
    Ok(items)
}

/// `iter(obj)` for an object with `__getitem__` and no `__iter__`.
struct SeqIter {
    get: Value,
    obj: Value,
    idx: i64,
    done: bool,
}

impl crate::objects::iter::NativeIter for SeqIter {
    fn type_name(&self) -> &'static str {
        "iterator"
    }

    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        let t = crate::objects::types::types();
        match cx.call(&self.get, vec![self.obj.clone(), Value::Int(self.idx)]) {
            Ok(v) => {
                self.idx += 1;
                Ok(Some(v))
            }
            Err(Unwind::Raise(e))
                if e.is_instance(&t.exc.index_error) || e.is_instance(&t.exc.stop_iteration) =>
            {
                self.done = true;
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// `(iter, (obj,), index)`; once ended `(iter, ((),))` (C's `iter_reduce`).
    fn reduce(&self, gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let iter = crate::native::builtin_function(gil, "iter");
        Some(Ok(if self.done {
            Value::tuple(vec![iter, Value::tuple(vec![Value::tuple(Vec::new())])])
        } else {
            Value::tuple(vec![
                iter,
                Value::tuple(vec![self.obj.clone()]),
                Value::Int(self.idx),
            ])
        }))
    }

    /// The next index (negative: 0), unless it has ended (C's `iter_setstate`).
    fn setstate(&mut self, _gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        if self.done {
            return Some(Ok(()));
        }
        Some(match crate::objects::class::unwrap_number(state) {
            Value::Int(i) => {
                self.idx = i.max(0);
                Ok(())
            }
            Value::Bool(b) => {
                self.idx = b.get() as i64;
                Ok(())
            }
            Value::Big(b) => {
                self.idx = if num_traits::Signed::is_negative(&*b) {
                    0
                } else {
                    i64::MAX
                };
                Ok(())
            }
            _ => Err(crate::objects::exception::type_error(
                "an integer is required",
            )),
        })
    }

    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.get);
        visit(&self.obj);
    }
}
