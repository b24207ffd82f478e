//! Built-ins over iterables: `iter`, `next`, `sum`, `min`, `max`, `any`, `all`,
//! `sorted`, `reversed`, `enumerate`, `zip`, `map`, `filter`.

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::compare::less;
use crate::objects::gil::GilCell;
use crate::objects::iter::Iter;
use crate::objects::types::type_name;

fn new_iter(it: Iter) -> Value {
    Value::Iter(Arc::new(GilCell::new(it)))
}

pub fn iter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.is_empty() && args.kw.is_empty() {
        // The proposal's `iter()`: the current micro-thread's stdin.
        if let Some(v) = crate::modules::micro_thread::stdin_opt(cx) {
            return Ok(v);
        }
    }
    args.check("iter", 1, 2)?;
    if args.len() == 2 {
        if !super::callable_value(cx.gil, args.at(0)) {
            return Err(type_error("iter(v, w): v must be callable").into());
        }
        return Ok(new_iter(Iter::Native(Box::new(CallableIter {
            func: Some(args.at(0).clone()),
            sentinel: args.at(1).clone(),
        }))));
    }
    cx.iter(args.at(0))
}

/// `iter(callable, sentinel)`: CPython's `callable_iterator`. Calls `func` until it
/// returns something equal to `sentinel` (compared as `sentinel == value`) or raises
/// `StopIteration`; exhausted for good after that. A call that waits (a socket's
/// `recv` in a micro-thread) suspends the micro-thread where it is.
struct CallableIter {
    func: Option<Value>,
    sentinel: Value,
}

impl crate::objects::iter::NativeIter for CallableIter {
    fn type_name(&self) -> &'static str {
        "callable_iterator"
    }

    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let Some(func) = self.func.clone() else {
            return Ok(None);
        };
        let v = match cx.call(&func, Vec::new()) {
            Ok(v) => v,
            Err(deferred::Unwind::Raise(e))
                if e.is_instance(&crate::objects::types::types().exc.stop_iteration) =>
            {
                self.func = None;
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        if cx.eq(&self.sentinel, &v)? {
            self.func = None;
            return Ok(None);
        }
        Ok(Some(v))
    }

    /// `(iter, (func, sentinel))`; once ended `(iter, ((),))`.
    fn reduce(&self, gil: crate::objects::gil::Gil<'_>) -> Option<Result<Value, PyErr>> {
        let args = match &self.func {
            Some(f) => vec![f.clone(), self.sentinel.clone()],
            None => vec![Value::tuple(Vec::new())],
        };
        Some(Ok(Value::tuple(vec![
            builtin_function(gil, "iter"),
            Value::tuple(args),
        ])))
    }

    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(f) = &self.func {
            visit(f);
        }
        visit(&self.sentinel);
    }
}

pub fn next(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.is_empty() && args.kw.is_empty() {
        // The proposal's `next()`: from the current micro-thread's stdin (without
        // one, CPython's arity error below).
        if let Some(src) = crate::modules::micro_thread::stdin_opt(cx) {
            return match cx.next(&src)? {
                Some(v) => Ok(v),
                None => Err(stop_iteration().into()),
            };
        }
    }
    args.check("next", 1, 2)?;
    if let Value::Generator(g) = args.at(0) {
        if g.borrow(cx.gil).kind == crate::objects::generator::GenKind::Generator {
            return generator_next_builtin(cx, g, args.get(1).cloned());
        }
    }
    let is_iter = match args.at(0) {
        Value::Iter(_) | Value::File(_) => true,
        Value::Object(o) => {
            o.0.as_any()
                .is::<crate::modules::micro_thread::pipe::Pipe>()
                || crate::native::is_awaitable_iter(args.at(0))
                // A native iterator with a `__next__` (`os.scandir()`'s).
                || o.0.getattr(cx.gil, "__next__").is_some()
        }
        v => {
            crate::objects::class::special(cx.gil, v, "__next__").is_some()
                || crate::native::is_iterator(cx.gil, v)
        }
    };
    if !is_iter {
        return Err(type_error(format!(
            "'{}' object is not an iterator",
            type_name(args.at(0))
        ))
        .into());
    }
    match cx.next(args.at(0))? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(cx.stop_error().into()),
        },
    }
}

pub fn sum(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic_posonly(args, "sum", &["iterable", "start"], 1, 1, 2)?;
    let args = Args::new(a.into_iter().flatten());
    let mut acc = args.get(1).cloned().unwrap_or(Value::Int(0));
    match &acc {
        Value::Str(_) => {
            return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]").into())
        }
        Value::Bytes(_) => {
            return Err(type_error("sum() can't sum bytes [use b''.join(seq) instead]").into())
        }
        _ => {}
    }
    let it = cx.iter(args.at(0))?;
    while let Some(v) = cx.next(&it)? {
        acc = match (&acc, &v) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
            (Value::Float(a), Value::Float(b)) => Value::float(a.get() + b.get()),
            _ => cx.add(&acc, &v)?,
        };
    }
    Ok(acc)
}

fn min_max(cx: &mut Cx, mut args: Args, name: &str, want_max: bool) -> PyResult<Value> {
    if args.kw.len() > 2 {
        return Err(type_error(format!(
            "{name}() takes at most 2 keyword arguments ({} given)",
            args.kw.len()
        ))
        .into());
    }
    let key = args.take_kw("key").filter(|k| !matches!(k, Value::None));
    let default = args.take_kw("default");
    args.no_kw_left(name)?;
    let items = match args.len() {
        0 => return Err(type_error(format!("{name} expected at least 1 argument, got 0")).into()),
        1 => cx.collect(args.at(0))?,
        _ => {
            if default.is_some() {
                return Err(type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                ))
                .into());
            }
            args.pos.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for v in items {
        let k = match &key {
            Some(f) => cx.call(f, vec![v.clone()])?,
            None => v.clone(),
        };
        best = match best {
            None => Some((k, v)),
            Some((bk, bv)) => {
                let better = if want_max {
                    // CPython asks `item > best` (its error names `>`).
                    crate::objects::compare::compare(
                        cx.gil,
                        crate::objects::compare::CmpOp::Gt,
                        &k,
                        &bk,
                    )?
                } else {
                    less(cx.gil, &k, &bk)?
                };
                if better {
                    Some((k, v))
                } else {
                    Some((bk, bv))
                }
            }
        };
    }
    match (best, default) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(value_error(format!("{name}() arg is an empty sequence")).into()),
    }
}

pub fn min(cx: &mut Cx, args: Args) -> PyResult<Value> {
    min_max(cx, args, "min", false)
}

pub fn max(cx: &mut Cx, args: Args) -> PyResult<Value> {
    min_max(cx, args, "max", true)
}

pub fn any(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("any", 1, 1)?;
    let it = cx.iter(args.at(0))?;
    while let Some(v) = cx.next(&it)? {
        if cx.truthy(&v)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

pub fn all(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("all", 1, 1)?;
    let it = cx.iter(args.at(0))?;
    while let Some(v) = cx.next(&it)? {
        if !cx.truthy(&v)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

pub fn sorted(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(type_error(format!("sorted expected 1 argument, got {}", args.len())).into());
    }
    let mut items = cx.collect(args.at(0))?;
    crate::objects::methods::sort_values(cx, &mut items, &mut args, "sort")?;
    Ok(Value::list(items))
}

pub fn reversed(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("reversed() takes no keyword arguments").into());
    }
    if args.len() != 1 {
        return Err(type_error(format!("reversed expected 1 argument, got {}", args.len())).into());
    }
    let v = args.at(0);
    if crate::objects::class::is_user(v) {
        return reversed_user(cx, v);
    }
    Ok(match v {
        Value::List(l) => new_iter(Iter::Reversed {
            seq: v.clone(),
            idx: l.borrow(cx.gil).len(),
        }),
        Value::Tuple(t) => new_iter(Iter::Reversed {
            seq: v.clone(),
            idx: t.len(),
        }),
        Value::Str(s) => new_iter(Iter::Reversed {
            seq: v.clone(),
            idx: s.char_len(),
        }),
        Value::Bytes(b) => new_iter(Iter::Reversed {
            seq: v.clone(),
            idx: b.len(),
        }),
        Value::ByteArray(b) => new_iter(Iter::Reversed {
            seq: v.clone(),
            idx: b.borrow(cx.gil).len(),
        }),
        // A native sequence (`array.array`, `memoryview`): read an item at a time,
        // from the last index down, as CPython's `reversed` object does.
        Value::Object(o) if o.0.len(cx.gil).is_some() && o.0.iter(cx.gil, v).is_some() => {
            let n = o.0.len(cx.gil).unwrap_or(0);
            new_iter(Iter::Native(Box::new(ReversedNative {
                obj: Some(v.clone()),
                idx: n as i64 - 1,
            })))
        }
        Value::Range(r) => new_iter(r.reversed()),
        Value::Dict(_) => {
            let mut keys = cx.collect(v)?;
            keys.reverse();
            new_iter(Iter::Seq {
                seq: Value::list(keys),
                idx: 0,
            })
        }
        _ => return Err(type_error(format!("'{}' object is not reversible", type_name(v))).into()),
    })
}

/// `reversed(obj)` for an instance of a class made by Python code: its
/// `__reversed__`, the built-in value inside a `list`/`tuple`/`dict` subclass, or the
/// sequence protocol (`__len__` and `__getitem__`, read from the last index down).
fn reversed_user(cx: &mut Cx, v: &Value) -> PyResult<Value> {
    let gil = cx.gil;
    if let Some(f) = crate::objects::class::special(gil, v, "__reversed__") {
        if matches!(f, Value::None) {
            return Err(type_error(format!("'{}' object is not reversible", type_name(v))).into());
        }
        return cx.call(&f, vec![v.clone()]);
    }
    let getitem = crate::objects::class::special(gil, v, "__getitem__");
    if let (None, Some(p)) = (&getitem, crate::objects::class::payload(v)) {
        let p = p.clone();
        return reversed(cx, Args::new([p]));
    }
    let len = crate::objects::class::special(gil, v, "__len__");
    let (Some(getitem), Some(_)) = (getitem, len) else {
        return Err(type_error(format!("'{}' object is not reversible", type_name(v))).into());
    };
    let n = len_instance(gil, v)?;
    Ok(new_iter(Iter::Native(Box::new(ReversedSeq {
        getitem,
        obj: v.clone(),
        idx: n - 1,
    }))))
}

/// CPython's `reversed` object: `__getitem__(len - 1)`, `(len - 2)`, ... `(0)`,
/// read one by one (an `IndexError` or `StopIteration` ends it early).
struct ReversedSeq {
    getitem: Value,
    obj: Value,
    idx: i64,
}

impl crate::objects::iter::NativeIter for ReversedSeq {
    fn type_name(&self) -> &'static str {
        "reversed"
    }

    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        if self.idx < 0 {
            return Ok(None);
        }
        let t = crate::objects::types::types();
        match cx.call(&self.getitem, vec![self.obj.clone(), Value::Int(self.idx)]) {
            Ok(v) => {
                self.idx -= 1;
                Ok(Some(v))
            }
            Err(deferred::Unwind::Raise(e))
                if e.is_instance(&t.exc.index_error) || e.is_instance(&t.exc.stop_iteration) =>
            {
                self.idx = -1;
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// CPython's `reversed` object over a native sequence (`array.array`): the item at
/// `idx`, then `idx - 1`, ... read when asked (so it sees the sequence change); an
/// `IndexError` ends it. `obj` is dropped at the end, which `__reduce__` tells.
struct ReversedNative {
    obj: Option<Value>,
    idx: i64,
}

impl crate::objects::iter::NativeIter for ReversedNative {
    fn type_name(&self) -> &'static str {
        "reversed"
    }

    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let Some(Value::Object(o)) = &self.obj else {
            return Ok(None);
        };
        if self.idx >= 0 {
            match o.0.getitem(cx.gil, &Value::Int(self.idx)) {
                Some(Ok(v)) => {
                    self.idx -= 1;
                    return Ok(Some(v));
                }
                Some(Err(e)) if !e.is_instance(&crate::objects::types::types().exc.index_error) => {
                    return Err(e.into())
                }
                _ => {}
            }
        }
        self.idx = -1;
        self.obj = None;
        Ok(None)
    }

    /// `(reversed, (seq,), index)`; once done `(reversed, ((),))`.
    fn reduce(&self, gil: crate::objects::gil::Gil<'_>) -> Option<Result<Value, PyErr>> {
        let f = builtin_function(gil, "reversed");
        Some(Ok(match &self.obj {
            Some(o) => Value::tuple(vec![f, Value::tuple(vec![o.clone()]), Value::Int(self.idx)]),
            None => Value::tuple(vec![f, Value::tuple(vec![Value::tuple(Vec::new())])]),
        }))
    }

    /// The index of the next item, clipped to `-1..len` (C's `reversed_setstate`).
    fn setstate(
        &mut self,
        gil: crate::objects::gil::Gil<'_>,
        state: &Value,
    ) -> Option<Result<(), PyErr>> {
        let i = match crate::objects::class::unwrap_number(state) {
            Value::Int(i) => i,
            Value::Bool(b) => b as i64,
            Value::Big(_) => {
                return Some(Err(crate::objects::exception::overflow_error(
                    "Python int too large to convert to C ssize_t",
                )))
            }
            _ => return Some(Err(type_error("an integer is required"))),
        };
        if let Some(Value::Object(o)) = &self.obj {
            let n = o.0.len(gil).unwrap_or(0) as i64;
            self.idx = i.clamp(-1, n - 1);
        }
        Some(Ok(()))
    }

    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.obj.iter().for_each(visit);
    }
}

/// Calling `map`, `filter`, `zip`, `enumerate` or `reversed` (the built-in type).
pub fn construct(
    cx: &mut Cx,
    t: &Arc<crate::objects::types::PyType>,
    args: Args,
) -> PyResult<Value> {
    match t.name.as_str() {
        "map" => map(cx, args),
        "filter" => filter(cx, args),
        "zip" => zip(cx, args),
        "enumerate" => enumerate(cx, args),
        _ => reversed(cx, args),
    }
}

pub fn enumerate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.is_empty() && !args.kw.iter().any(|(k, _)| k == "iterable") {
        return Err(type_error("enumerate() missing required argument 'iterable'").into());
    }
    if !args.is_empty() && args.kw.iter().any(|(k, _)| k == "iterable") {
        // CPython's enumerate binds by hand: no "given by name and position".
        return Err(type_error("'iterable' is an invalid keyword argument for enumerate()").into());
    }
    let a = clinic(args, "enumerate", &["iterable", "start"], 1, 2)?;
    let args = Args::new(a.into_iter().flatten());
    let start = match args.get(1) {
        Some(v) => arg_int(v, "")?,
        None => 0,
    };
    let inner = cx.iter(args.at(0))?;
    Ok(new_iter(Iter::Enumerate {
        inner,
        count: start,
    }))
}

pub fn zip(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if args.kw.len() > 1 {
        return Err(type_error(format!(
            "zip() takes at most 1 keyword argument ({} given)",
            args.kw.len()
        ))
        .into());
    }
    let strict = match args.take_kw("strict") {
        Some(v) => cx.truthy(&v)?,
        None => false,
    };
    args.check_kw("zip", 0, usize::MAX)?;
    let mut inners = Vec::with_capacity(args.len());
    for (i, v) in args.pos.iter().enumerate() {
        inners.push(cx.iter(v).map_err(|e| match e {
            deferred::Unwind::Raise(_) => deferred::Unwind::Raise(type_error(format!(
                "zip argument #{} must support iteration",
                i + 1
            ))),
            other => other,
        })?);
    }
    Ok(new_iter(Iter::Zip { inners, strict }))
}

pub fn map(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(type_error("map() must have at least two arguments.").into());
    }
    args.check("map", 2, usize::MAX)?;
    let func = args.at(0).clone();
    let mut inners = Vec::new();
    for v in &args.pos[1..] {
        inners.push(cx.iter(v)?);
    }
    Ok(new_iter(Iter::Map { func, inners }))
}

pub fn filter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("filter", 2, 2)?;
    let inner = cx.iter(args.at(1))?;
    Ok(new_iter(Iter::Filter {
        func: args.at(0).clone(),
        inner,
    }))
}

/// `type(v).name`, looked up on the type as CPython's slots are (`None`: the type
/// has no such attribute).
fn type_method(cx: &mut Cx, v: &Value, name: &str) -> PyResult<Option<Value>> {
    let t = Value::Type(crate::objects::types::types().of(v));
    match cx.getattr(&t, name) {
        Ok(f) => Ok(Some(f)),
        Err(deferred::Unwind::Raise(e))
            if e.is_instance(&crate::objects::types::types().exc.attribute_error) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// `aiter(async_iterable)`: `type(x).__aiter__(x)`, which must give an async
/// iterator (CPython's messages).
pub fn aiter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("aiter() takes no keyword arguments").into());
    }
    if args.len() != 1 {
        return Err(type_error(format!(
            "aiter() takes exactly one argument ({} given)",
            args.len()
        ))
        .into());
    }
    let x = args.at(0);
    let Some(f) = type_method(cx, x, "__aiter__")? else {
        return Err(type_error(format!(
            "'{}' object is not an async iterable",
            type_name(x)
        ))
        .into());
    };
    let it = cx.call(&f, vec![x.clone()])?;
    if type_method(cx, &it, "__anext__")?.is_none() {
        return Err(type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            type_name(&it)
        ))
        .into());
    }
    Ok(it)
}

/// `anext(async_iterator[, default])`: the awaitable `type(it).__anext__(it)`; with
/// a default, an `anext_awaitable` (pyvm/lib/_pyvm_async.py) that gives the default
/// where the iterator raises `StopAsyncIteration`.
pub fn anext(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("anext() takes no keyword arguments").into());
    }
    match args.len() {
        0 => return Err(type_error("anext expected at least 1 argument, got 0").into()),
        1 | 2 => {}
        n => return Err(type_error(format!("anext expected at most 2 arguments, got {n}")).into()),
    }
    let it = args.at(0);
    let Some(f) = type_method(cx, it, "__anext__")? else {
        return Err(type_error(format!(
            "'{}' object is not an async iterator",
            type_name(it)
        ))
        .into());
    };
    let awaitable = cx.call(&f, vec![it.clone()])?;
    let Some(default) = args.get(1) else {
        return Ok(awaitable);
    };
    let import = crate::native::builtin_function(cx.gil, "__import__");
    let m = cx.call(&import, vec![Value::str("_pyvm_async")])?;
    let cls = cx.getattr(&m, "anext_awaitable")?;
    cx.call(&cls, vec![awaitable, default.clone()])
}
