//! The one-input-at-a-time iterators: `count`, `cycle`, `repeat`, `accumulate`,
//! `chain`, `compress`, `dropwhile`, `filterfalse`, `islice`, `pairwise`, `starmap`,
//! `takewhile`, `zip_longest`.

use super::{make, positional};
use crate::native::*;
use crate::objects::gil::Gil;
use crate::objects::iter::NativeIter;
use crate::objects::repr::repr;
use crate::objects::value::PyBool;

/// Implement `NativeIter` with a `type_name` and a `next` body.
macro_rules! native_iter {
    ($t:ty, $name:literal, |$s:ident, $cx:ident| $body:block) => {
        impl NativeIter for $t {
            fn type_name(&self) -> &'static str {
                $name
            }
            fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
                let ($s, $cx) = (self, cx);
                $body
            }
        }
    };
}

struct Count {
    cur: Value,
    step: Value,
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
            Value::Int(1) => format!("count({})", repr(gil, &self.cur)?),
            _ => format!(
                "count({}, {})",
                repr(gil, &self.cur)?,
                repr(gil, &self.step)?
            ),
        }))
    }
}

fn number(v: Value) -> Result<Value, PyErr> {
    match v {
        Value::Int(_) | Value::Big(_) | Value::Float(_) | Value::Bool(_) => Ok(v),
        _ => Err(type_error("a number is required")),
    }
}

pub fn count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "count", &["start", "step"], 0, 2)?.into_iter();
    let cur = number(a.next().flatten().unwrap_or(Value::Int(0)))?;
    let step = number(a.next().flatten().unwrap_or(Value::Int(1)))?;
    Ok(make(Count { cur, step }))
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

struct Cycle {
    it: Option<Value>,
    saved: Vec<Value>,
    idx: usize,
}

native_iter!(Cycle, "itertools.cycle", |s, cx| {
    if let Some(it) = &s.it {
        if let Some(v) = cx.next(it)? {
            s.saved.push(v.clone());
            return Ok(Some(v));
        }
        s.it = None;
    }
    if s.saved.is_empty() {
        return Ok(None);
    }
    let v = s.saved[s.idx % s.saved.len()].clone();
    s.idx = (s.idx + 1) % s.saved.len();
    Ok(Some(v))
});

pub fn cycle(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "cycle", 1, 1)?;
    let it = cx.iter(args.at(0))?;
    Ok(make(Cycle {
        it: Some(it),
        saved: Vec::new(),
        idx: 0,
    }))
}

struct Accumulate {
    it: Value,
    func: Value,
    total: Option<Value>,
    initial: Option<Value>,
}

native_iter!(Accumulate, "itertools.accumulate", |s, cx| {
    if let Some(init) = s.initial.take() {
        s.total = Some(init.clone());
        return Ok(Some(init));
    }
    let Some(v) = cx.next(&s.it)? else {
        return Ok(None);
    };
    let total = match s.total.take() {
        None => v,
        Some(t) if matches!(s.func, Value::None) => cx.add(&t, &v)?,
        Some(t) => cx.call(&s.func, vec![t, v])?,
    };
    s.total = Some(total.clone());
    Ok(Some(total))
});

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

struct Chain {
    sources: Option<Value>,
    active: Option<Value>,
}

native_iter!(Chain, "itertools.chain", |s, cx| {
    loop {
        if let Some(a) = &s.active {
            if let Some(v) = cx.next(a)? {
                return Ok(Some(v));
            }
            s.active = None;
        }
        let Some(src) = &s.sources else {
            return Ok(None);
        };
        match cx.next(src)? {
            Some(next) => s.active = Some(cx.iter(&next)?),
            None => {
                s.sources = None;
                return Ok(None);
            }
        }
    }
});

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

native_iter!(Compress, "itertools.compress", |s, cx| {
    loop {
        let Some(d) = cx.next(&s.data)? else {
            return Ok(None);
        };
        let Some(sel) = cx.next(&s.selectors)? else {
            return Ok(None);
        };
        if cx.truthy(&sel)? {
            return Ok(Some(d));
        }
    }
});

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

struct ISlice {
    it: Option<Value>,
    next: u64,
    stop: Option<u64>,
    step: u64,
    cnt: u64,
}

native_iter!(ISlice, "itertools.islice", |s, cx| {
    // CPython's islice_next: skip to `next`, yield, advance by `step` (clamped).
    let Some(it) = s.it.clone() else {
        return Ok(None);
    };
    while s.cnt < s.next {
        if cx.next(&it)?.is_none() {
            s.it = None;
            return Ok(None);
        }
        s.cnt += 1;
    }
    if s.stop.is_some_and(|stop| s.cnt >= stop) {
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
});

/// An islice bound: `None` or an int in `0..=sys.maxsize`.
fn bound(v: Option<&Value>, what: &str) -> Result<Option<u64>, PyErr> {
    let v = v.map(crate::objects::class::unwrap_number);
    match v.as_ref() {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) if *i >= 0 => Ok(Some(*i as u64)),
        Some(Value::Bool(b)) => Ok(Some(*b as u64)),
        _ => Err(value_error(format!(
            "{what} for islice() must be None or an integer: 0 <= x <= sys.maxsize."
        ))),
    }
}

pub fn islice(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "islice", 2, 4)?;
    let (start, stop, step) = if args.len() == 2 {
        (0, bound(args.get(1), "Stop argument")?, 1)
    } else {
        let start = bound(args.get(1), "Indices")?.unwrap_or(0);
        let stop = bound(args.get(2), "Stop argument")?;
        let step = match args.get(3) {
            None | Some(Value::None) => 1,
            Some(Value::Int(i)) if *i > 0 => *i as u64,
            Some(Value::Bool(PyBool::True)) => 1,
            _ => {
                return Err(
                    value_error("Step for islice() must be a positive integer or None.").into(),
                )
            }
        };
        (start, stop, step)
    };
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
});

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
});

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
