//! The one-input-at-a-time iterators: `count`, `cycle`, `repeat`, `accumulate`,
//! `chain`, `compress`, `dropwhile`, `filterfalse`, `islice`, `pairwise`, `starmap`,
//! `takewhile`, `zip_longest`.

use super::{is_iter, make, positional, seq_iter, state_int, state_items, ty};
use crate::native::*;
use crate::objects::gil::Gil;
use crate::objects::iter::NativeIter;
use crate::objects::repr::repr;
use crate::objects::value::PyBool;

/// Implement `NativeIter` with a `type_name` and a `next` body.
macro_rules! native_iter {
    ($t:ty, $name:literal, |$s:ident, $cx:ident| $body:block $($rest:tt)*) => {
        impl NativeIter for $t {
            fn type_name(&self) -> &'static str {
                $name
            }
            fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
                let ($s, $cx) = (self, cx);
                $body
            }
            $($rest)*
        }
    };
}

struct Count {
    cur: Value,
    step: Value,
    /// CPython's fast mode: an int start and a step of int 1 (its `cnt` holds the
    /// count while it fits below `sys.maxsize`); its repr and `__reduce__` leave the
    /// step out.
    fast: bool,
}

impl Count {
    fn is_fast(&self) -> bool {
        self.fast && matches!(self.cur, Value::Int(i) if i != i64::MAX)
    }
}

impl NativeIter for Count {
    fn type_name(&self) -> &'static str {
        "itertools.count"
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let next = cx.add(&self.cur, &self.step)?;
        Ok(Some(std::mem::replace(&mut self.cur, next)))
    }
    fn repr(&self, gil: Gil<'_>) -> Result<Option<String>, PyErr> {
        Ok(Some(match self.step {
            _ if self.is_fast() => format!("count({})", repr(gil, &self.cur)?),
            Value::Int(1) | Value::Bool(PyBool::True) => {
                format!("count({})", repr(gil, &self.cur)?)
            }
            _ => format!(
                "count({}, {})",
                repr(gil, &self.cur)?,
                repr(gil, &self.step)?
            ),
        }))
    }
    /// `(count, (n,))` in fast mode, else `(count, (n, step))`.
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let mut args = vec![self.cur.clone()];
        if !self.is_fast() {
            args.push(self.step.clone());
        }
        Some(Ok(Value::tuple(vec![
            ty("itertools.count"),
            Value::tuple(args),
        ])))
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.cur);
        visit(&self.step);
    }
}

/// A start or step: anything `PyNumber_Check` accepts (an int, float or complex, or
/// an object with `__index__`, `__int__`, `__float__` or `__complex__`:
/// `Fraction`, `Decimal`).
fn number(gil: Gil<'_>, v: Value) -> Result<Value, PyErr> {
    match v {
        Value::Int(_) | Value::Big(_) | Value::Float(_) | Value::Bool(_) | Value::Complex(_) => {
            Ok(v)
        }
        Value::Instance(_) | Value::Object(_) => {
            let cls = crate::objects::class::class_of(&v);
            let has = |m: &str| {
                crate::objects::class::lookup(gil, &cls, &crate::objects::str::PyStr::new(m.into()))
                    .is_some()
            };
            if ["__index__", "__int__", "__float__", "__complex__"]
                .iter()
                .any(|m| has(m))
            {
                Ok(v)
            } else {
                Err(type_error("a number is required"))
            }
        }
        _ => Err(type_error("a number is required")),
    }
}

pub fn count(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "count", &["start", "step"], 0, 2)?.into_iter();
    let mut cur = number(cx.gil, a.next().flatten().unwrap_or(Value::Int(0)))?;
    let step = number(cx.gil, a.next().flatten().unwrap_or(Value::Int(1)))?;
    let fast = matches!(cur, Value::Int(_) | Value::Bool(_))
        && matches!(step, Value::Int(1) | Value::Bool(PyBool::True));
    if let (true, Value::Bool(b)) = (fast, &cur) {
        // Fast mode counts in a C integer: `count(True)` gives 1, 2, ...
        cur = Value::Int(*b as i64);
    }
    Ok(make(Count { cur, step, fast }))
}

struct Repeat {
    obj: Value,
    left: Option<i64>,
}

impl NativeIter for Repeat {
    fn type_name(&self) -> &'static str {
        "itertools.repeat"
    }
    fn next(&mut self, _cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        match &mut self.left {
            Some(0) => Ok(None),
            Some(n) => {
                *n -= 1;
                Ok(Some(self.obj.clone()))
            }
            None => Ok(Some(self.obj.clone())),
        }
    }
    fn repr(&self, gil: Gil<'_>) -> Result<Option<String>, PyErr> {
        let obj = repr(gil, &self.obj)?;
        Ok(Some(match self.left {
            Some(n) => format!("repeat({obj}, {n})"),
            None => format!("repeat({obj})"),
        }))
    }
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let mut args = vec![self.obj.clone()];
        args.extend(self.left.map(Value::Int));
        Some(Ok(Value::tuple(vec![
            ty("itertools.repeat"),
            Value::tuple(args),
        ])))
    }
    fn length_hint(&self, _gil: Gil<'_>) -> Option<usize> {
        self.left.map(|n| n as usize)
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.obj);
    }
}

pub fn repeat(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "repeat", &["object", "times"], 1, 2)?.into_iter();
    let obj = a.next().flatten().unwrap_or(Value::None);
    let left = match a.next().flatten() {
        Some(t) => Some(arg_int(&t, "")?.max(0)),
        None => None,
    };
    Ok(make(Repeat { obj, left }))
}

/// CPython's cycle object: the input until it ends, the list of what it gave (a
/// list object: `__reduce__` hands it out, and a copy shares it as in CPython), the
/// index of the next saved item, and `firstpass` (set by `__setstate__`: the input
/// is already in `saved`, so it is not saved again).
struct Cycle {
    it: Option<Value>,
    saved: Value,
    idx: usize,
    firstpass: bool,
}

impl NativeIter for Cycle {
    fn type_name(&self) -> &'static str {
        "itertools.cycle"
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        if let Some(it) = self.it.clone() {
            if let Some(v) = cx.next(&it)? {
                if let (false, Value::List(l)) = (self.firstpass, &self.saved) {
                    l.borrow_mut(cx.gil).push(v.clone());
                }
                return Ok(Some(v));
            }
            self.it = None;
        }
        let Value::List(l) = &self.saved else {
            return Ok(None);
        };
        let l = l.borrow(cx.gil);
        if l.is_empty() {
            return Ok(None);
        }
        if self.idx >= l.len() {
            self.idx = 0;
        }
        let v = l[self.idx].clone();
        self.idx += 1;
        if self.idx >= l.len() {
            self.idx = 0;
        }
        Ok(Some(v))
    }
    /// `(cycle, (it,), (saved, firstpass))`; once the input is done, `it` is an
    /// iterator over `saved` at the next index.
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let (it, firstpass) = match &self.it {
            Some(it) => (it.clone(), self.firstpass),
            None => (seq_iter(self.saved.clone(), self.idx), true),
        };
        Some(Ok(Value::tuple(vec![
            ty("itertools.cycle"),
            Value::tuple(vec![it]),
            Value::tuple(vec![self.saved.clone(), Value::bool(firstpass)]),
        ])))
    }
    fn setstate(&mut self, _gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        Some((|| {
            let items = state_items(state, 2, 2)?;
            if !matches!(items[0], Value::List(_)) {
                return Err(type_error(format!(
                    "argument 1 must be list, not {}",
                    crate::objects::types::type_name(&items[0])
                )));
            }
            let firstpass = state_int(&items[1])? != 0;
            self.saved = items[0].clone();
            self.firstpass = firstpass;
            self.idx = 0;
            Ok(())
        })())
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Some(it) = &self.it {
            visit(it);
        }
        visit(&self.saved);
    }
}

pub fn cycle(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "cycle", 1, 1)?;
    let it = cx.iter(args.at(0))?;
    Ok(make(Cycle {
        it: Some(it),
        saved: Value::list(Vec::new()),
        idx: 0,
        firstpass: false,
    }))
}

struct Accumulate {
    it: Value,
    func: Value,
    total: Option<Value>,
    initial: Option<Value>,
}

impl NativeIter for Accumulate {
    fn type_name(&self) -> &'static str {
        "itertools.accumulate"
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        if let Some(init) = self.initial.take() {
            self.total = Some(init.clone());
            return Ok(Some(init));
        }
        let Some(v) = cx.next(&self.it)? else {
            return Ok(None);
        };
        let total = match self.total.take() {
            None => v,
            Some(t) if matches!(self.func, Value::None) => cx.add(&t, &v)?,
            Some(t) => cx.call(&self.func, vec![t, v])?,
        };
        self.total = Some(total.clone());
        Ok(Some(total))
    }
    /// CPython's `accumulate_reduce`: an initial value not yet given goes in front
    /// of the input (`chain((initial,), it)`); a running total of `None` cannot be a
    /// state (`None` is no total), so it is `islice(accumulate(chain((None,), it)),
    /// 1, None)`.
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let chained = |first: Value| {
            let sources = Value::tuple(vec![Value::tuple(vec![first]), self.it.clone()]);
            make(Chain {
                sources: Some(seq_iter(sources, 0)),
                active: None,
            })
        };
        let me = ty("itertools.accumulate");
        Some(Ok(match (&self.initial, &self.total) {
            (Some(init), _) => Value::tuple(vec![
                me,
                Value::tuple(vec![chained(init.clone()), self.func.clone()]),
                Value::None,
            ]),
            (None, Some(Value::None)) => {
                let acc = make(Accumulate {
                    it: chained(Value::None),
                    func: self.func.clone(),
                    total: None,
                    initial: None,
                });
                Value::tuple(vec![
                    ty("itertools.islice"),
                    Value::tuple(vec![acc, Value::Int(1), Value::None]),
                ])
            }
            (None, total) => Value::tuple(vec![
                me,
                Value::tuple(vec![self.it.clone(), self.func.clone()]),
                total.clone().unwrap_or(Value::None),
            ]),
        }))
    }
    fn setstate(&mut self, _gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        self.total = Some(state.clone());
        Some(Ok(()))
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.it);
        visit(&self.func);
        self.total.iter().chain(&self.initial).for_each(visit);
    }
}

pub fn accumulate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "accumulate", &["iterable", "func", "initial"], 1, 2)?.into_iter();
    let it = cx.iter(&a.next().flatten().unwrap_or(Value::None))?;
    let func = a.next().flatten().unwrap_or(Value::None);
    let initial = a.next().flatten().filter(|v| !matches!(v, Value::None));
    Ok(make(Accumulate {
        it,
        func,
        total: None,
        initial,
    }))
}

/// A `chain` over the iterables `sources` (an iterator) yields.
pub(super) fn chain_of(sources: Value) -> Value {
    make(Chain {
        sources: Some(sources),
        active: None,
    })
}

struct Chain {
    sources: Option<Value>,
    active: Option<Value>,
}

impl NativeIter for Chain {
    fn type_name(&self) -> &'static str {
        "itertools.chain"
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        loop {
            if let Some(a) = self.active.clone() {
                if let Some(v) = cx.next(&a)? {
                    return Ok(Some(v));
                }
                self.active = None;
            }
            let Some(src) = self.sources.clone() else {
                return Ok(None);
            };
            match cx.next(&src)? {
                Some(next) => self.active = Some(cx.iter(&next)?),
                None => {
                    self.sources = None;
                    return Ok(None);
                }
            }
        }
    }
    /// `(chain, (), (source, active))`, `(chain, (), (source,))` between inputs,
    /// `(chain, ())` once done.
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let mut t = vec![ty("itertools.chain"), Value::tuple(Vec::new())];
        if let Some(src) = &self.sources {
            let mut state = vec![src.clone()];
            state.extend(self.active.clone());
            t.push(Value::tuple(state));
        }
        Some(Ok(Value::tuple(t)))
    }
    fn setstate(&mut self, gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        Some((|| {
            let items = state_items(state, 1, 2)?;
            if !items.iter().all(|v| is_iter(gil, v)) {
                return Err(type_error("Arguments must be iterators."));
            }
            self.sources = Some(items[0].clone());
            self.active = items.get(1).cloned();
            Ok(())
        })())
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.sources.iter().chain(&self.active).for_each(visit);
    }
}

pub fn chain(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("chain() takes no keyword arguments").into());
    }
    let sources = cx.iter(&Value::tuple(args.pos.to_vec()))?;
    Ok(make(Chain {
        sources: Some(sources),
        active: None,
    }))
}

/// `chain.from_iterable(iterable)`, a class method: `args` are the class and the
/// iterable (an instance of a class deriving from `chain` for one).
pub fn chain_from_iterable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("from_iterable", 2, 2).map_err(|_| {
        type_error(format!(
            "chain.from_iterable() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))
    })?;
    let sources = cx.iter(args.at(1))?;
    Ok(super::make_as(
        args.at(0),
        Chain {
            sources: Some(sources),
            active: None,
        },
    ))
}

struct Compress {
    data: Value,
    selectors: Value,
}

impl NativeIter for Compress {
    fn type_name(&self) -> &'static str {
        "itertools.compress"
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        loop {
            let Some(d) = cx.next(&self.data)? else {
                return Ok(None);
            };
            let Some(sel) = cx.next(&self.selectors)? else {
                return Ok(None);
            };
            if cx.truthy(&sel)? {
                return Ok(Some(d));
            }
        }
    }
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        Some(Ok(Value::tuple(vec![
            ty("itertools.compress"),
            Value::tuple(vec![self.data.clone(), self.selectors.clone()]),
        ])))
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.data);
        visit(&self.selectors);
    }
}

pub fn compress(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "compress", &["data", "selectors"], 2, 2)?.into_iter();
    let data = cx.iter(&a.next().flatten().unwrap_or(Value::None))?;
    let selectors = cx.iter(&a.next().flatten().unwrap_or(Value::None))?;
    Ok(make(Compress { data, selectors }))
}

/// `dropwhile`, `takewhile` and `filterfalse`: a predicate over one input.
struct Pred {
    kind: &'static str,
    pred: Value,
    it: Value,
    /// dropwhile: still dropping; takewhile: stopped.
    flag: bool,
}

impl NativeIter for Pred {
    fn type_name(&self) -> &'static str {
        self.kind
    }
    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        if self.kind == "itertools.takewhile" && self.flag {
            return Ok(None);
        }
        loop {
            let Some(v) = cx.next(&self.it)? else {
                return Ok(None);
            };
            if self.kind == "itertools.dropwhile" && !self.flag {
                return Ok(Some(v));
            }
            let ok = if matches!(self.pred, Value::None) && self.kind == "itertools.filterfalse" {
                cx.truthy(&v)?
            } else {
                let r = cx.call(&self.pred, vec![v.clone()])?;
                cx.truthy(&r)?
            };
            match self.kind {
                "itertools.takewhile" => {
                    if ok {
                        return Ok(Some(v));
                    }
                    self.flag = true;
                    return Ok(None);
                }
                "itertools.dropwhile" => {
                    if !ok {
                        self.flag = false;
                        return Ok(Some(v));
                    }
                }
                _ => {
                    if !ok {
                        return Ok(Some(v));
                    }
                }
            }
        }
    }
    /// `(kind, (pred, it))`, and for `dropwhile` / `takewhile` their flag as an int
    /// (`start`: done dropping; `stop`: done taking).
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let mut t = vec![
            ty(self.kind),
            Value::tuple(vec![self.pred.clone(), self.it.clone()]),
        ];
        match self.kind {
            "itertools.dropwhile" => t.push(Value::Int(!self.flag as i64)),
            "itertools.takewhile" => t.push(Value::Int(self.flag as i64)),
            _ => {}
        }
        Some(Ok(Value::tuple(t)))
    }
    fn setstate(&mut self, gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        let truth = crate::objects::value::truthy(gil, state);
        match self.kind {
            "itertools.dropwhile" => self.flag = !truth,
            "itertools.takewhile" => self.flag = truth,
            _ => return None,
        }
        Some(Ok(()))
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.pred);
        visit(&self.it);
    }
}

fn pred(cx: &mut Cx, args: Args, name: &str, kind: &'static str) -> PyResult<Value> {
    positional(&args, name, 2, 2)?;
    let it = cx.iter(args.at(1))?;
    Ok(make(Pred {
        kind,
        pred: args.at(0).clone(),
        it,
        flag: kind == "itertools.dropwhile",
    }))
}

pub fn dropwhile(cx: &mut Cx, args: Args) -> PyResult<Value> {
    pred(cx, args, "dropwhile", "itertools.dropwhile")
}

pub fn takewhile(cx: &mut Cx, args: Args) -> PyResult<Value> {
    pred(cx, args, "takewhile", "itertools.takewhile")
}

pub fn filterfalse(cx: &mut Cx, args: Args) -> PyResult<Value> {
    pred(cx, args, "filterfalse", "itertools.filterfalse")
}

/// CPython's islice object: `next` is the index of the next item to give, `cnt`
/// how many the input gave (a `__setstate__` may make it anything, even negative).
struct ISlice {
    it: Option<Value>,
    next: u64,
    stop: Option<u64>,
    step: u64,
    cnt: i64,
}

impl ISlice {
    /// `(islice, (it, next, stop[, step]), cnt)`; once done `(islice, (iter([]),
    /// 0), 0)`.
    fn pickled(&self) -> Value {
        let me = ty("itertools.islice");
        let Some(it) = &self.it else {
            return Value::tuple(vec![
                me,
                Value::tuple(vec![seq_iter(Value::list(Vec::new()), 0), Value::Int(0)]),
                Value::Int(0),
            ]);
        };
        let stop = self.stop.map_or(Value::None, |s| Value::Int(s as i64));
        let mut args = vec![it.clone(), Value::Int(self.next as i64), stop];
        if self.step != 1 {
            args.push(Value::Int(self.step as i64));
        }
        Value::tuple(vec![me, Value::tuple(args), Value::Int(self.cnt)])
    }
}

native_iter!(ISlice, "itertools.islice", |s, cx| {
    // CPython's islice_next: skip to `next`, yield, advance by `step` (clamped).
    let Some(it) = s.it.clone() else {
        return Ok(None);
    };
    while s.cnt < s.next as i64 {
        if cx.next(&it)?.is_none() {
            s.it = None;
            return Ok(None);
        }
        s.cnt += 1;
    }
    if s.stop.is_some_and(|stop| s.cnt >= stop as i64) {
        s.it = None;
        return Ok(None);
    }
    let Some(v) = cx.next(&it)? else {
        s.it = None;
        return Ok(None);
    };
    s.cnt += 1;
    let old = s.next;
    s.next = s.next.saturating_add(s.step);
    if let Some(stop) = s.stop {
        if s.next < old || s.next > stop {
            s.next = stop;
        }
    }
    Ok(Some(v))
}
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        Some(Ok(self.pickled()))
    }
    /// The count of items read (`PyLong_AsSsize_t`).
    fn setstate(&mut self, _gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        Some(match crate::objects::class::unwrap_number(state) {
            Value::Int(i) => {
                self.cnt = i;
                Ok(())
            }
            Value::Bool(b) => {
                self.cnt = b as i64;
                Ok(())
            }
            Value::Big(_) => Err(overflow_error(
                "Python int too large to convert to C ssize_t",
            )),
            _ => Err(type_error("an integer is required")),
        })
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.it.iter().for_each(visit);
    }
);

/// `PyNumber_AsSsize_t`: an int through `__index__` that fits a machine word;
/// `None` when that fails (islice clears the error).
fn as_ssize(cx: &mut Cx, v: &Value) -> PyResult<Option<i64>> {
    let n = match v {
        Value::Int(_) | Value::Bool(_) => v.clone(),
        _ => match crate::modules::builtins::number_index(cx, v) {
            Ok(n) => n,
            Err(deferred::Unwind::Raise(_)) => return Ok(None),
            Err(e) => return Err(e),
        },
    };
    Ok(match n {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(b as i64),
        _ => None,
    })
}

pub fn islice(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "islice", 2, 4)?;
    let msg = |what: &str| {
        value_error(format!(
            "{what} for islice() must be None or an integer: 0 <= x <= sys.maxsize."
        ))
    };
    // C's islice_new: -1 is "no stop"; a start or stop that is no int reads as -1.
    let stop_arg = |cx: &mut Cx, v: &Value| -> PyResult<i64> {
        if matches!(v, Value::None) {
            return Ok(-1);
        }
        match as_ssize(cx, v)? {
            None | Some(-1) => Err(msg("Stop argument").into()),
            Some(n) => Ok(n),
        }
    };
    let (start, stop) = if args.len() == 2 {
        (0, stop_arg(cx, args.at(1))?)
    } else {
        let start = match args.at(1) {
            Value::None => 0,
            v => as_ssize(cx, v)?.unwrap_or(-1),
        };
        (start, stop_arg(cx, args.at(2))?)
    };
    if start < 0 || stop < -1 {
        return Err(msg("Indices").into());
    }
    let step = match args.get(3) {
        None | Some(Value::None) => 1,
        Some(v) => as_ssize(cx, v)?.unwrap_or(-1),
    };
    if step < 1 {
        return Err(value_error("Step for islice() must be a positive integer or None.").into());
    }
    let (start, stop, step) = (
        start as u64,
        (stop >= 0).then_some(stop as u64),
        step as u64,
    );
    let it = cx.iter(args.at(0))?;
    Ok(make(ISlice {
        it: Some(it),
        next: start,
        stop,
        step,
        cnt: 0,
    }))
}

struct Pairwise {
    it: Option<Value>,
    old: Option<Value>,
}

native_iter!(Pairwise, "itertools.pairwise", |s, cx| {
    let Some(it) = s.it.clone() else {
        return Ok(None);
    };
    let old = match s.old.take() {
        Some(o) => o,
        None => match cx.next(&it)? {
            Some(o) => o,
            None => {
                s.it = None;
                return Ok(None);
            }
        },
    };
    match cx.next(&it)? {
        Some(new) => {
            s.old = Some(new.clone());
            Ok(Some(Value::tuple(vec![old, new])))
        }
        None => {
            s.it = None;
            Ok(None)
        }
    }
});

pub fn pairwise(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "pairwise", 1, 1)?;
    let it = cx.iter(args.at(0))?;
    Ok(make(Pairwise {
        it: Some(it),
        old: None,
    }))
}

struct Starmap {
    func: Value,
    it: Value,
}

native_iter!(Starmap, "itertools.starmap", |s, cx| {
    let Some(item) = cx.next(&s.it)? else {
        return Ok(None);
    };
    let args = cx.collect(&item)?;
    Ok(Some(cx.call(&s.func, args)?))
}
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        Some(Ok(Value::tuple(vec![
            ty("itertools.starmap"),
            Value::tuple(vec![self.func.clone(), self.it.clone()]),
        ])))
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.func);
        visit(&self.it);
    }
);

pub fn starmap(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "starmap", 2, 2)?;
    let it = cx.iter(args.at(1))?;
    Ok(make(Starmap {
        func: args.at(0).clone(),
        it,
    }))
}

struct ZipLongest {
    its: Vec<Option<Value>>,
    active: usize,
    fill: Value,
}

native_iter!(ZipLongest, "itertools.zip_longest", |s, cx| {
    if s.its.is_empty() || s.active == 0 {
        return Ok(None);
    }
    let mut items = Vec::with_capacity(s.its.len());
    for i in 0..s.its.len() {
        let Some(it) = s.its[i].clone() else {
            items.push(s.fill.clone());
            continue;
        };
        match cx.next(&it)? {
            Some(v) => items.push(v),
            None => {
                s.active -= 1;
                if s.active == 0 {
                    return Ok(None);
                }
                s.its[i] = None;
                items.push(s.fill.clone());
            }
        }
    }
    Ok(Some(Value::tuple(items)))
}
    /// `(zip_longest, its, fillvalue)`, an input that ended as `()`.
    fn reduce(&self, _gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let its = self
            .its
            .iter()
            .map(|it| it.clone().unwrap_or_else(|| Value::tuple(Vec::new())))
            .collect();
        Some(Ok(Value::tuple(vec![
            ty("itertools.zip_longest"),
            Value::tuple(its),
            self.fill.clone(),
        ])))
    }
    fn setstate(&mut self, _gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        self.fill = state.clone();
        Some(Ok(()))
    }
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.its.iter().flatten().for_each(&mut *visit);
        visit(&self.fill);
    }
);

pub fn zip_longest(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let fill = args.take_kw("fillvalue").unwrap_or(Value::None);
    if !args.kw.is_empty() {
        return Err(type_error("zip_longest() got an unexpected keyword argument").into());
    }
    let mut its = Vec::with_capacity(args.len());
    for a in &args.pos {
        its.push(Some(cx.iter(a)?));
    }
    Ok(make(ZipLongest {
        active: its.len(),
        its,
        fill,
    }))
}
