//! `collections.deque`, native: CPython's `_collections.deque` (a double-ended queue
//! with O(1) appends and pops at both ends and an optional `maxlen`), with its
//! methods, messages and iterator rules.
//!
//! `deque` is a class made by a few lines of Python at import (as `_random.Random`
//! is), named `collections.deque` as the C type is, so programs subclass it, pickle
//! and copy it as in CPython. An instance carries its ring as the built-in value a
//! subclass instance holds (`class::instance_with`): a [`Deque`], a `VecDeque` under
//! the GIL. `_collections.py` (pyvm's frozen module) takes the class from here.
//!
//! ```text
//!  deque(it, maxlen)  -> instance(deque, Object(Deque { items, maxlen, state }))
//!  d.append(x)        -> items.push_back(x); past maxlen, pop_front
//!  iter(d)            -> Iter::Native(DequeIter): RuntimeError once `state` moved
//! ```
//!
//! No borrow of the ring is held while Python runs: an item's `__eq__` (`count`,
//! `index`, `remove`, `in`) or an iterable's `__next__` (`extend`) may change the
//! deque, which `state` (bumped by every change of length or order, as C's) detects.
//! The cycle collector walks the items (`NativeObject::gc_traverse`): a deque of
//! nodes that point back at it is collected.

use std::collections::VecDeque;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::compare::CmpOp;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::iter::{Iter, NativeIter};
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::rc::Arc;
use crate::objects::types::{type_name, PyType};
use crate::objects::{class, int};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static CLASS: OnceLock<Arc<PyType>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "__new__" => new, "__init__" => init, "append" => append, "appendleft" => appendleft,
    "pop" => pop, "popleft" => popleft, "extend" => extend [soft SecondOfTwo "_extend"],
    "extendleft" => extendleft [soft SecondOfTwo "_extendleft"], "clear" => clear,
    "copy" => copy, "count" => count, "index" => index, "insert" => insert,
    "remove" => remove, "reverse" => reverse, "rotate" => rotate, "__len__" => len,
    "__iter__" => iter, "__reversed__" => reversed, "__contains__" => contains,
    "__getitem__" => getitem, "__setitem__" => setitem, "__delitem__" => delitem,
    "__repr__" => repr, "__add__" => add, "__iadd__" => iadd, "__mul__" => mul,
    "__imul__" => imul, "__reduce__" => reduce, "__sizeof__" => sizeof,
    "_maxlen" => maxlen, "_cmp" => cmp,
];

/// The class, made from the natives above (which the class body picks up from the
/// module namespace and the module then forgets).
static SOURCE: &str = r#"
class deque:
    """deque([iterable[, maxlen]]) --> deque object

A list-like sequence optimized for data accesses near its endpoints."""
    __module__ = 'collections'
    __hash__ = None
    _pyvm_c_type = True
    __new__ = staticmethod(__new__)
    __init__ = __init__
    append = append
    appendleft = appendleft
    pop = pop
    popleft = popleft
    extend = extend
    extendleft = extendleft
    clear = clear
    copy = copy
    __copy__ = copy
    count = count
    index = index
    insert = insert
    remove = remove
    reverse = reverse
    rotate = rotate
    __len__ = __len__
    __iter__ = __iter__
    __reversed__ = __reversed__
    __contains__ = __contains__
    __getitem__ = __getitem__
    __setitem__ = __setitem__
    __delitem__ = __delitem__
    __repr__ = __repr__
    __add__ = __add__
    __iadd__ = __iadd__
    __mul__ = __mul__
    __rmul__ = __mul__
    __imul__ = __imul__
    __reduce__ = __reduce__
    __sizeof__ = __sizeof__
    maxlen = property(_maxlen, doc='maximum size of a deque or None if unbounded')
    def __lt__(self, other): return _cmp(self, other, 0)
    def __le__(self, other): return _cmp(self, other, 1)
    def __eq__(self, other): return _cmp(self, other, 2)
    def __ne__(self, other): return _cmp(self, other, 3)
    def __gt__(self, other): return _cmp(self, other, 4)
    def __ge__(self, other): return _cmp(self, other, 5)
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)
    __class_getitem__ = classmethod(__class_getitem__)
del append, appendleft, pop, popleft, extend, extendleft, clear, copy, count, index
del insert, remove, reverse, rotate, __len__, __iter__, __reversed__, __contains__
del __getitem__, __setitem__, __delitem__, __repr__, __add__, __iadd__, __mul__
del __imul__, __reduce__, __sizeof__, _maxlen
"#;

/// The `_pyvm_deque` module (one per process): `deque` for `_collections`.
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        // The methods take the instance itself (`copy()` and `__reduce__` need its
        // class; the soft `extend` hands it to `_deferrable._extend`).
        crate::objects::methods::register_instance_methods(FUNCS);
        let m = Module::with_functions(gil, "_pyvm_deque", FUNCS);
        // Before the class body runs: a replaced `__build_class__` may read it.
        m.set(gil, "__name__", Value::str("_pyvm_deque"));
        if let Err(e) = run_source(gil, SOURCE, "<frozen _pyvm_deque>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("_pyvm_deque: {text}\n"));
        }
        for name in ["__new__", "__init__"] {
            let _ = m.dict.borrow_mut(gil).remove(&Value::str(name));
        }
        if let Some(Value::Type(t)) = m.get(gil, "deque") {
            let _ = CLASS.set(t);
        }
        let [fwd, back] = iterator_types();
        m.set(gil, "_deque_iterator", fwd);
        m.set(gil, "_deque_reverse_iterator", back);
        Arc::new(m)
    })
}

/// What a deque holds.
#[derive(Default)]
struct Ring {
    items: VecDeque<Value>,
    /// `None`: unbounded.
    maxlen: Option<usize>,
    /// Bumped by every change of length or order (C's `deque->state`): an iterator
    /// made before it raises.
    state: u64,
}

impl Ring {
    /// Append at the right, dropping from the left past `maxlen` (what was dropped
    /// is returned, to be released after the borrow).
    fn push_back(&mut self, v: Value) -> Option<Value> {
        self.state = self.state.wrapping_add(1);
        match self.maxlen {
            Some(0) => Some(v),
            Some(m) if self.items.len() >= m => {
                self.items.push_back(v);
                self.items.pop_front()
            }
            _ => {
                self.items.push_back(v);
                None
            }
        }
    }

    fn push_front(&mut self, v: Value) -> Option<Value> {
        self.state = self.state.wrapping_add(1);
        match self.maxlen {
            Some(0) => Some(v),
            Some(m) if self.items.len() >= m => {
                self.items.push_front(v);
                self.items.pop_back()
            }
            _ => {
                self.items.push_front(v);
                None
            }
        }
    }

    fn changed(&mut self) {
        self.state = self.state.wrapping_add(1);
    }
}

/// The ring inside a `deque` instance.
pub struct Deque(GilCell<Ring>);

impl NativeObject for Deque {
    fn type_name(&self) -> &'static str {
        "collections.deque"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<collections.deque object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn len(&self, gil: Gil<'_>) -> Option<usize> {
        Some(self.0.borrow(gil).items.len())
    }

    fn gc_container(&self) -> bool {
        true
    }

    fn gc_traverse(&self, gil: Gil<'_>, visit: &mut dyn FnMut(&Value)) {
        if let Some(r) = self.0.try_borrow(gil) {
            r.items.iter().for_each(visit);
        }
    }

    fn gc_clear(&self, gil: Gil<'_>) {
        let old = self
            .0
            .try_borrow_mut(gil)
            .map(|mut r| std::mem::take(&mut r.items));
        drop(old);
    }
}

/// The deque of `self` (the instance, or the value inside it), else CPython's
/// descriptor error.
fn this<'v>(v: &'v Value, meth: &str) -> Result<&'v Deque, PyErr> {
    let inner = class::payload(v).unwrap_or(v);
    if let Value::Object(o) = inner {
        if let Some(d) = o.0.as_any().downcast_ref::<Deque>() {
            return Ok(d);
        }
    }
    Err(type_error(format!(
        "descriptor '{meth}' for 'collections.deque' objects doesn't apply to a '{}' object",
        type_name(v)
    )))
}

/// The handle on the ring inside `v` (for an iterator to keep).
fn ring_handle(v: &Value) -> Option<Arc<Object>> {
    match class::payload(v).unwrap_or(v) {
        Value::Object(o) if o.0.as_any().is::<Deque>() => Some(o.clone()),
        _ => None,
    }
}

fn ring_of(o: &Object) -> &Deque {
    o.0.as_any()
        .downcast_ref::<Deque>()
        .expect("a deque iterator holds a deque")
}

/// Is `v` a deque (or a subclass instance)?
fn is_deque(v: &Value) -> bool {
    ring_handle(v).is_some()
}

/// A new, empty deque of class `cls`.
fn make(cls: Arc<PyType>, maxlen: Option<usize>) -> Value {
    let ring = Ring {
        maxlen,
        ..Ring::default()
    };
    class::instance_with(
        cls,
        Value::Object(Arc::new(Object(Box::new(Deque(GilCell::new(ring)))))),
    )
}

/// A `Py_ssize_t` argument (`PyNumber_AsSsize_t` through `__index__`).
fn ssize(cx: &mut Cx, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(b.get() as i64),
        _ => {
            let n = crate::modules::builtins::number_index(cx, v)?;
            Ok(arg_int(&n, "")?)
        }
    }
}

/// An index for `d[i]` (C's `sq_item` path): `sequence index must be integer`, and
/// `IndexError` for an int too big for a machine word.
fn item_index(cx: &mut Cx, v: &Value, len: usize) -> PyResult<Option<usize>> {
    let i = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => b.get() as i64,
        Value::Big(_) => {
            return Err(index_error("cannot fit 'int' into an index-sized integer").into())
        }
        _ if int::as_index(v).is_some() || class::special(cx.gil, v, "__index__").is_some() => {
            match crate::modules::builtins::number_index(cx, v)? {
                Value::Big(_) => {
                    return Err(index_error("cannot fit 'int' into an index-sized integer").into())
                }
                n => arg_int(&n, "")?,
            }
        }
        _ => {
            return Err(type_error(format!(
                "sequence index must be integer, not '{}'",
                type_name(v)
            ))
            .into())
        }
    };
    let i = if i < 0 { i + len as i64 } else { i };
    Ok((0..len as i64).contains(&i).then_some(i as usize))
}

/// `deque.__new__(cls, ...)`: an empty, unbounded deque (arguments are
/// `__init__`'s).
fn new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let cls = match args.pos.first() {
        Some(Value::Type(t)) => t.clone(),
        Some(v) => {
            return Err(type_error(format!(
                "deque.__new__(X): X is not a type object ({})",
                type_name(v)
            ))
            .into())
        }
        None => return Err(type_error("deque.__new__(): not enough arguments").into()),
    };
    if let Some(d) = CLASS.get() {
        if !cls.is_subtype(d) {
            return Err(type_error(format!(
                "deque.__new__({}): {} is not a subtype of deque",
                cls.name, cls.name
            ))
            .into());
        }
    }
    Ok(make(cls, None))
}

/// `deque.__init__(self, iterable=(), maxlen=None)` (`deque_init`): a deque given
/// again is emptied first.
fn init(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(type_error(
            "descriptor '__init__' of 'collections.deque' object needs an argument",
        )
        .into());
    }
    let me = args.pos.remove(0);
    let given = args.pos.len() + args.kw.len();
    if given > 2 {
        return Err(
            type_error(format!("deque() takes at most 2 arguments ({given} given)")).into(),
        );
    }
    let mut iterable = args.pos.first().cloned();
    let mut maxlen = args.pos.get(1).cloned();
    for (k, v) in std::mem::take(&mut args.kw) {
        let slot = match k.as_str() {
            "iterable" => &mut iterable,
            "maxlen" => &mut maxlen,
            _ => {
                return Err(
                    type_error(format!("'{k}' is an invalid keyword argument for deque()")).into(),
                )
            }
        };
        if slot.is_some() {
            let pos = if k == "iterable" { 1 } else { 2 };
            return Err(type_error(format!(
                "argument for deque() given by name ('{k}') and position ({pos})"
            ))
            .into());
        }
        *slot = Some(v);
    }
    let maxlen = match maxlen {
        None | Some(Value::None) => None,
        Some(v) => {
            let n = match &v {
                Value::Int(i) => *i,
                Value::Bool(b) => b.get() as i64,
                Value::Big(_) => {
                    return Err(
                        overflow_error("Python int too large to convert to C ssize_t").into(),
                    )
                }
                _ if int::as_index(&v).is_some() => int::as_index(&v).unwrap_or(0),
                _ if class::special(cx.gil, &v, "__index__").is_some() => ssize(cx, &v)?,
                _ => return Err(type_error("an integer is required").into()),
            };
            if n < 0 {
                return Err(value_error("maxlen must be non-negative").into());
            }
            Some(n as usize)
        }
    };
    let d = this(&me, "__init__")?;
    let old = {
        let mut r = d.0.borrow_mut(cx.gil);
        r.maxlen = maxlen;
        if r.items.is_empty() {
            VecDeque::new()
        } else {
            r.changed();
            std::mem::take(&mut r.items)
        }
    };
    drop(old);
    if let Some(it) = iterable {
        extend_with(cx, &me, &it, false)?;
    }
    Ok(Value::None)
}

fn append(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("append", 1, 1)?;
    let d = this(args.at(0), "append")?;
    let old = d.0.borrow_mut(cx.gil).push_back(args.at(1).clone());
    drop(old);
    Ok(Value::None)
}

fn appendleft(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("appendleft", 1, 1)?;
    let d = this(args.at(0), "appendleft")?;
    let old = d.0.borrow_mut(cx.gil).push_front(args.at(1).clone());
    drop(old);
    Ok(Value::None)
}

fn pop(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("pop", 0, 0)?;
    let d = this(args.at(0), "pop")?;
    let mut r = d.0.borrow_mut(cx.gil);
    match r.items.pop_back() {
        Some(v) => {
            r.changed();
            Ok(v)
        }
        None => Err(index_error("pop from an empty deque").into()),
    }
}

fn popleft(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("popleft", 0, 0)?;
    let d = this(args.at(0), "popleft")?;
    let mut r = d.0.borrow_mut(cx.gil);
    match r.items.pop_front() {
        Some(v) => {
            r.changed();
            Ok(v)
        }
        None => Err(index_error("pop from an empty deque").into()),
    }
}

fn extend(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("extend", 1, 1)?;
    this(args.at(0), "extend")?;
    extend_with(cx, args.at(0), args.at(1), false)?;
    Ok(Value::None)
}

fn extendleft(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("extendleft", 1, 1)?;
    this(args.at(0), "extendleft")?;
    extend_with(cx, args.at(0), args.at(1), true)?;
    Ok(Value::None)
}

/// Push every item of `it` at one end of deque `me` (`deque_extend`,
/// `deque_extendleft`): a list or tuple at once, the deque itself from a copy, any
/// other iterable item by item (its `__next__` may change the deque meanwhile).
fn extend_with(cx: &mut Cx, me: &Value, it: &Value, left: bool) -> PyResult<()> {
    let d = this(me, "extend")?;
    let push = |r: &mut Ring, v: Value| {
        if left {
            r.push_front(v)
        } else {
            r.push_back(v)
        }
    };
    let batch: Option<Vec<Value>> = match it {
        Value::List(l) => Some(l.borrow(cx.gil).clone()),
        Value::Tuple(t) => Some(t.to_vec()),
        _ if ring_handle(it).is_some_and(|h| std::ptr::eq(ring_of(&h), d)) => {
            Some(d.0.borrow(cx.gil).items.iter().cloned().collect())
        }
        _ => None,
    };
    if let Some(items) = batch {
        let mut dropped = Vec::new();
        let mut r = d.0.borrow_mut(cx.gil);
        if r.maxlen.is_none() {
            r.items.reserve(items.len());
        }
        for v in items {
            if let Some(old) = push(&mut r, v) {
                dropped.push(old);
            }
        }
        drop(r);
        drop(dropped);
        return Ok(());
    }
    let iter = cx.iter(it)?;
    while let Some(v) = cx.next(&iter)? {
        let old = push(&mut d.0.borrow_mut(cx.gil), v);
        drop(old);
    }
    Ok(())
}

fn clear(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("clear", 0, 0)?;
    let d = this(args.at(0), "clear")?;
    let old = {
        let mut r = d.0.borrow_mut(cx.gil);
        r.changed();
        std::mem::take(&mut r.items)
    };
    drop(old);
    Ok(Value::None)
}

/// `deque_copy`: a deque itself is copied here; a subclass instance is made by
/// calling its class with the items and `maxlen`.
fn copy_of(cx: &mut Cx, me: &Value) -> PyResult<Value> {
    let d = this(me, "copy")?;
    let (items, maxlen) = {
        let r = d.0.borrow(cx.gil);
        (r.items.clone(), r.maxlen)
    };
    let cls = match me {
        Value::Instance(i) => i.class().clone(),
        _ => return Err(type_error("copy() needs a deque").into()),
    };
    if CLASS.get().is_some_and(|c| Arc::ptr_eq(c, &cls)) {
        let new = make(cls, maxlen);
        if let Ok(nd) = this(&new, "copy") {
            nd.0.borrow_mut(cx.gil).items = items;
        }
        return Ok(new);
    }
    let mut call = vec![me.clone()];
    if let Some(m) = maxlen {
        call.push(Value::Int(m as i64));
    }
    let r = cx.call(&Value::Type(cls.clone()), call)?;
    if !is_deque(&r) {
        return Err(type_error(format!(
            "{}() must return a deque, not {}",
            cls.name,
            type_name(&r)
        ))
        .into());
    }
    Ok(r)
}

fn copy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("copy", 0, 0)?;
    copy_of(cx, args.at(0))
}

/// The item at `i` of `d` while its state is `state`, else CPython's
/// `RuntimeError`/`IndexError` (`what`) for a deque changed under the loop.
fn item_at(
    gil: Gil<'_>,
    d: &Deque,
    i: usize,
    state: u64,
    mutated: &dyn Fn() -> PyErr,
) -> PyResult<Option<Value>> {
    let r = d.0.borrow(gil);
    if r.state != state {
        return Err(mutated().into());
    }
    Ok(r.items.get(i).cloned())
}

/// `PyObject_RichCompareBool(item, v, Py_EQ)`: identity first.
fn same(cx: &mut Cx, item: &Value, v: &Value) -> PyResult<bool> {
    Ok(item.is(v) || cx.eq(item, v)?)
}

fn mutated_runtime() -> PyErr {
    runtime_error("deque mutated during iteration")
}

/// Where `v` first is in `d[start..stop]` (`deque_index`, `deque_contains`,
/// `deque_remove` differ only in the error a change under them raises).
fn find(
    cx: &mut Cx,
    d: &Deque,
    v: &Value,
    start: usize,
    stop: usize,
    mutated: &dyn Fn() -> PyErr,
) -> PyResult<Option<usize>> {
    let state = d.0.borrow(cx.gil).state;
    for i in start..stop {
        let Some(item) = item_at(cx.gil, d, i, state, mutated)? else {
            break;
        };
        let hit = same(cx, &item, v)?;
        if d.0.borrow(cx.gil).state != state {
            return Err(mutated().into());
        }
        if hit {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn count(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("count", 1, 1)?;
    let d = this(args.at(0), "count")?;
    let v = args.at(1);
    let (n, state) = {
        let r = d.0.borrow(cx.gil);
        (r.items.len(), r.state)
    };
    let mut c = 0;
    for i in 0..n {
        let Some(item) = item_at(cx.gil, d, i, state, &mutated_runtime)? else {
            break;
        };
        if same(cx, &item, v)? {
            c += 1;
        }
        if d.0.borrow(cx.gil).state != state {
            return Err(mutated_runtime().into());
        }
    }
    Ok(Value::Int(c))
}

fn index(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("index", 1, 3)?;
    let d = this(args.at(0), "index")?;
    let slice_index = |cx: &mut Cx, v: &Value| -> PyResult<i64> {
        match v {
            Value::Big(b) => Ok(if num_traits::Signed::is_negative(&**b) {
                i64::MIN
            } else {
                i64::MAX
            }),
            _ if int::as_index(v).is_some() || class::special(cx.gil, v, "__index__").is_some() => {
                match crate::modules::builtins::number_index(cx, v)? {
                    Value::Big(b) if num_traits::Signed::is_negative(&*b) => Ok(i64::MIN),
                    Value::Big(_) => Ok(i64::MAX),
                    n => Ok(arg_int(&n, "")?),
                }
            }
            _ => {
                Err(type_error("slice indices must be integers or have an __index__ method").into())
            }
        }
    };
    let len = d.0.borrow(cx.gil).items.len() as i64;
    let mut start = match args.get(2) {
        Some(v) => slice_index(cx, v)?,
        None => 0,
    };
    let mut stop = match args.get(3) {
        Some(v) => slice_index(cx, v)?,
        None => i64::MAX,
    };
    if start < 0 {
        start = start.saturating_add(len).max(0);
    }
    if stop < 0 {
        stop = stop.saturating_add(len).max(0);
    }
    stop = stop.min(len);
    start = start.min(stop);
    let v = args.at(1);
    match find(cx, d, v, start as usize, stop as usize, &mutated_runtime)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let r = cx.repr(v)?;
            Err(value_error(format!("{r} is not in deque")).into())
        }
    }
}

fn insert(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("insert", 2, 2)?;
    let d = this(args.at(0), "insert")?;
    let i = ssize(cx, args.at(1))?;
    let mut r = d.0.borrow_mut(cx.gil);
    let n = r.items.len() as i64;
    if r.maxlen == Some(n as usize) {
        return Err(index_error("deque already at its maximum size").into());
    }
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    r.items.insert(at as usize, args.at(2).clone());
    r.changed();
    Ok(Value::None)
}

fn remove(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("remove", 1, 1)?;
    let d = this(args.at(0), "remove")?;
    let v = args.at(1);
    let n = d.0.borrow(cx.gil).items.len();
    let mutated = || index_error("deque mutated during iteration");
    match find(cx, d, v, 0, n, &mutated)? {
        Some(i) => {
            let old = {
                let mut r = d.0.borrow_mut(cx.gil);
                r.changed();
                r.items.remove(i)
            };
            drop(old);
            Ok(Value::None)
        }
        None => {
            let r = cx.repr(v)?;
            Err(value_error(format!("{r} is not in deque")).into())
        }
    }
}

fn reverse(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("reverse", 0, 0)?;
    let d = this(args.at(0), "reverse")?;
    let mut r = d.0.borrow_mut(cx.gil);
    r.items.make_contiguous().reverse();
    r.changed();
    Ok(Value::None)
}

fn rotate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("rotate", 0, 1)?;
    let d = this(args.at(0), "rotate")?;
    let n = match args.get(1) {
        Some(v) => ssize(cx, v)?,
        None => 1,
    };
    let mut r = d.0.borrow_mut(cx.gil);
    let len = r.items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        r.items.rotate_right(k);
        r.changed();
    }
    Ok(Value::None)
}

fn len(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__len__", 0, 0)?;
    let d = this(args.at(0), "__len__")?;
    Ok(Value::Int(d.0.borrow(cx.gil).items.len() as i64))
}

/// A deque's iterator (`_collections._deque_iterator`, or the reverse one): the
/// position, the items left, and the state it was made in.
struct DequeIter {
    /// The deque (for `__reduce__`) and its ring, both shown to the cycle collector.
    deque: Value,
    ring: Value,
    at: usize,
    left: usize,
    state: u64,
    backwards: bool,
}

impl NativeIter for DequeIter {
    fn type_name(&self) -> &'static str {
        if self.backwards {
            "_collections._deque_reverse_iterator"
        } else {
            "_collections._deque_iterator"
        }
    }

    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let Value::Object(o) = &self.ring else {
            return Ok(None);
        };
        let r = ring_of(o).0.borrow(cx.gil);
        if r.state != self.state {
            self.left = 0;
            return Err(mutated_runtime().into());
        }
        if self.left == 0 {
            return Ok(None);
        }
        let v = r.items.get(self.at).cloned();
        self.left -= 1;
        if self.backwards {
            self.at = self.at.wrapping_sub(1);
        } else {
            self.at += 1;
        }
        Ok(v)
    }

    fn length_hint(&self, _gil: Gil<'_>) -> Option<usize> {
        Some(self.left)
    }

    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.deque);
        visit(&self.ring);
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(iter_type(self.backwards).clone())
    }

    /// `(type(it), (deque, items already given))`, as C's `dequeiter_reduce`.
    fn reduce(&self, gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let Value::Object(o) = &self.ring else {
            return None;
        };
        let n = ring_of(o).0.borrow(gil).items.len();
        let given = n as i64 - self.left as i64;
        Some(Ok(Value::tuple(vec![
            Value::Type(iter_type(self.backwards).clone()),
            Value::tuple(vec![self.deque.clone(), Value::Int(given)]),
        ])))
    }
}

fn deque_iter(cx: &mut Cx, me: &Value, backwards: bool, meth: &str) -> PyResult<DequeIter> {
    let d = this(me, meth)?;
    let (n, state) = {
        let r = d.0.borrow(cx.gil);
        (r.items.len(), r.state)
    };
    let ring = ring_handle(me).expect("checked by this()");
    Ok(DequeIter {
        deque: me.clone(),
        ring: Value::Object(ring),
        at: if backwards { n.wrapping_sub(1) } else { 0 },
        left: n,
        state,
        backwards,
    })
}

fn make_iter(cx: &mut Cx, me: &Value, backwards: bool, meth: &str) -> PyResult<Value> {
    let it = deque_iter(cx, me, backwards, meth)?;
    Ok(Value::Iter(Arc::new(GilCell::new(Iter::Native(Box::new(
        it,
    ))))))
}

static ITER_TYPES: OnceLock<[Arc<PyType>; 2]> = OnceLock::new();

/// `_collections._deque_iterator` (or the reverse one): `type(iter(d))`, callable as
/// `(deque, index)` to rebuild a pickled iterator.
fn iter_type(backwards: bool) -> &'static Arc<PyType> {
    let types = ITER_TYPES.get_or_init(|| {
        let make = |name: &str, new: NativeFn| {
            let t = PyType::builtin(
                name,
                "_collections",
                Some(&crate::objects::types::types().object),
                crate::objects::types::Kind::Iterator,
                Some(new),
            );
            Arc::new(t)
        };
        [
            make("_deque_iterator", new_forward_iter),
            make("_deque_reverse_iterator", new_reverse_iter),
        ]
    });
    &types[backwards as usize]
}

fn new_forward_iter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    new_iter_at(cx, args, false)
}

fn new_reverse_iter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    new_iter_at(cx, args, true)
}

/// `_deque_iterator(deque, index=0)` (C's `dequeiter_new`): an iterator that has
/// given `index` items already.
fn new_iter_at(cx: &mut Cx, mut args: Args, backwards: bool) -> PyResult<Value> {
    let name = iter_type(backwards).name.to_string();
    if matches!(args.pos.first(), Some(Value::Type(_))) {
        args.pos.remove(0);
    }
    if !args.kw.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")).into());
    }
    args.check(&name, 1, 2)?;
    let me = args.at(0).clone();
    if !is_deque(&me) {
        return Err(type_error(format!(
            "{name}() argument 1 must be collections.deque, not {}",
            type_name(&me)
        ))
        .into());
    }
    let skip = match args.get(1) {
        Some(v) => ssize(cx, v)?.max(0) as usize,
        None => 0,
    };
    let mut d = deque_iter(cx, &me, backwards, "__iter__")?;
    let k = skip.min(d.left);
    d.left -= k;
    d.at = if backwards {
        d.at.wrapping_sub(k)
    } else {
        d.at + k
    };
    Ok(Value::Iter(Arc::new(GilCell::new(Iter::Native(Box::new(
        d,
    ))))))
}

/// The two iterator types, for `_collections` to export (pickle finds them there).
pub fn iterator_types() -> [Value; 2] {
    [
        Value::Type(iter_type(false).clone()),
        Value::Type(iter_type(true).clone()),
    ]
}

fn iter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iter__", 0, 0)?;
    make_iter(cx, args.at(0), false, "__iter__")
}

fn reversed(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__reversed__", 0, 0)?;
    make_iter(cx, args.at(0), true, "__reversed__")
}

fn contains(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__contains__", 1, 1)?;
    let d = this(args.at(0), "__contains__")?;
    let n = d.0.borrow(cx.gil).items.len();
    Ok(Value::bool(
        find(cx, d, args.at(1), 0, n, &mutated_runtime)?.is_some(),
    ))
}

fn getitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__getitem__", 1, 1)?;
    let d = this(args.at(0), "__getitem__")?;
    let n = d.0.borrow(cx.gil).items.len();
    match item_index(cx, args.at(1), n)? {
        Some(i) => match d.0.borrow(cx.gil).items.get(i) {
            Some(v) => Ok(v.clone()),
            None => Err(index_error("deque index out of range").into()),
        },
        None => Err(index_error("deque index out of range").into()),
    }
}

fn setitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setitem__", 2, 2)?;
    let d = this(args.at(0), "__setitem__")?;
    let n = d.0.borrow(cx.gil).items.len();
    let i = item_index(cx, args.at(1), n)?;
    let mut r = d.0.borrow_mut(cx.gil);
    match i.and_then(|i| r.items.get_mut(i)) {
        Some(slot) => {
            let old = std::mem::replace(slot, args.at(2).clone());
            drop(r);
            drop(old);
            Ok(Value::None)
        }
        None => Err(index_error("deque index out of range").into()),
    }
}

fn delitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__delitem__", 1, 1)?;
    let d = this(args.at(0), "__delitem__")?;
    let n = d.0.borrow(cx.gil).items.len();
    let i = item_index(cx, args.at(1), n)?;
    let old = {
        let mut r = d.0.borrow_mut(cx.gil);
        let old = i.and_then(|i| r.items.remove(i));
        if old.is_some() {
            r.changed();
        }
        old
    };
    match old {
        Some(v) => {
            drop(v);
            Ok(Value::None)
        }
        None => Err(index_error("deque index out of range").into()),
    }
}

/// `deque([1, 2])`, `deque([], maxlen=3)`; a deque inside itself is `[...]`.
fn repr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__repr__", 0, 0)?;
    let me = args.at(0);
    let d = this(me, "__repr__")?;
    let (items, maxlen) = {
        let r = d.0.borrow(cx.gil);
        (r.items.iter().cloned().collect::<Vec<_>>(), r.maxlen)
    };
    let name = match me {
        Value::Instance(i) => i.class().name.to_string(),
        _ => "deque".to_owned(),
    };
    let list = Value::list(items);
    let mut out = String::new();
    let mut err = None;
    crate::objects::repr::guarded(me, &mut out, "[...]", |out| {
        match cx.repr(&list) {
            Ok(body) => {
                out.push_str(&name);
                out.push('(');
                out.push_str(&body);
                if let Some(m) = maxlen {
                    out.push_str(&format!(", maxlen={m}"));
                }
                out.push(')');
            }
            Err(e) => err = Some(e),
        }
        Ok(())
    })?;
    if let Some(e) = err {
        return Err(e);
    }
    Ok(Value::string(out))
}

fn add(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__add__", 1, 1)?;
    let other = args.at(1);
    if !is_deque(other) {
        return Err(type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            type_name(other)
        ))
        .into());
    }
    let new = copy_of(cx, args.at(0))?;
    extend_with(cx, &new, other, false)?;
    Ok(new)
}

fn iadd(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iadd__", 1, 1)?;
    this(args.at(0), "__iadd__")?;
    extend_with(cx, args.at(0), args.at(1), false)?;
    Ok(args.at(0).clone())
}

/// The count of a repetition, else CPython's sequence error (a user class may still
/// answer with `__rmul__`).
fn repeat_count(cx: &mut Cx, v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(b.get() as i64)),
        Value::Big(b) => {
            if num_traits::Signed::is_negative(&**b) {
                Ok(Some(0))
            } else {
                Err(overflow_error("cannot fit 'int' into an index-sized integer").into())
            }
        }
        _ if int::as_index(v).is_some() || class::special(cx.gil, v, "__index__").is_some() => {
            Ok(Some(ssize(cx, v)?))
        }
        Value::Instance(_) => Ok(None),
        _ => Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name(v)
        ))
        .into()),
    }
}

/// `deque_inplace_repeat`: only the last `maxlen` items of the repetition stay.
fn repeat_in_place(cx: &mut Cx, me: &Value, n: i64) -> PyResult<()> {
    let d = this(me, "__imul__")?;
    let mut r = d.0.borrow_mut(cx.gil);
    let size = r.items.len();
    if n <= 0 || size == 0 {
        let old = std::mem::take(&mut r.items);
        r.changed();
        drop(r);
        drop(old);
        return Ok(());
    }
    let mut n = n as u128;
    if let Some(m) = r.maxlen {
        n = n.min((m as u128).div_ceil(size as u128).max(1));
    }
    let total = n * size as u128;
    let keep = r.maxlen.map_or(total, |m| total.min(m as u128));
    if !crate::objects::memory::fits(keep.saturating_mul(16)) || keep > isize::MAX as u128 / 16 {
        return Err(memory_error().into());
    }
    let first: Vec<Value> = r.items.iter().cloned().collect();
    r.items.reserve(keep as usize - size.min(keep as usize));
    for _ in 1..n {
        for v in &first {
            if let Some(old) = r.push_back(v.clone()) {
                drop(old);
            }
        }
    }
    r.changed();
    Ok(())
}

fn mul(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__mul__", 1, 1)?;
    this(args.at(0), "__mul__")?;
    let Some(n) = repeat_count(cx, args.at(1))? else {
        return Ok(Value::NotImplemented);
    };
    let new = copy_of(cx, args.at(0))?;
    repeat_in_place(cx, &new, n)?;
    Ok(new)
}

fn imul(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__imul__", 1, 1)?;
    this(args.at(0), "__imul__")?;
    let Some(n) = repeat_count(cx, args.at(1))? else {
        return Ok(Value::NotImplemented);
    };
    repeat_in_place(cx, args.at(0), n)?;
    Ok(args.at(0).clone())
}

/// `(type(d), (), state, iter(d))`, or `(type(d), ((), maxlen), ...)`: the state is
/// a subclass instance's `__dict__` (a deque itself has none).
fn reduce(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__reduce__", 0, 0)?;
    let me = args.at(0);
    let d = this(me, "__reduce__")?;
    let maxlen = d.0.borrow(cx.gil).maxlen;
    let (cls, state) = match me {
        Value::Instance(i) => {
            let exact = CLASS.get().is_some_and(|c| Arc::ptr_eq(c, i.class()));
            let state = if exact {
                Value::None
            } else {
                cx.load_attr(me, "__dict__")?
            };
            (Value::Type(i.class().clone()), state)
        }
        _ => return Err(type_error("__reduce__ needs a deque").into()),
    };
    let it = make_iter(cx, me, false, "__reduce__")?;
    let ctor = match maxlen {
        None => Value::tuple(vec![]),
        Some(m) => Value::tuple(vec![Value::tuple(vec![]), Value::Int(m as i64)]),
    };
    Ok(Value::tuple(vec![cls, ctor, state, it]))
}

/// `deque.__sizeof__()`: CPython's size of the struct and its 64-item blocks.
fn sizeof(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__sizeof__", 0, 0)?;
    let d = this(args.at(0), "__sizeof__")?;
    let n = d.0.borrow(cx.gil).items.len();
    // sizeof(dequeobject) = 640 on 64-bit, plus one block (66 words) per 64 items
    // beyond the first block's room.
    let blocks = (n + 64) / 64;
    Ok(Value::Int(640 + 528 * (blocks as i64 - 1)))
}

fn maxlen(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("maxlen", 0, 0)?;
    let d = this(args.at(0), "maxlen")?;
    Ok(match d.0.borrow(cx.gil).maxlen {
        Some(m) => Value::Int(m as i64),
        None => Value::None,
    })
}

/// `deque_richcompare` (`_cmp(self, other, op)`, op as `CmpOp`'s order): two deques
/// compare as the lists of their items; anything else is `NotImplemented`.
fn cmp(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_cmp", 3, 3)?;
    let (a, b) = (args.at(0), args.at(1));
    if !is_deque(a) || !is_deque(b) {
        return Ok(Value::NotImplemented);
    }
    let op = match arg_int(args.at(2), "")? {
        0 => CmpOp::Lt,
        1 => CmpOp::Le,
        2 => CmpOp::Eq,
        3 => CmpOp::Ne,
        4 => CmpOp::Gt,
        _ => CmpOp::Ge,
    };
    let list = |v: &Value| -> Value {
        let items = this(v, "_cmp")
            .map(|d| d.0.borrow(cx.gil).items.iter().cloned().collect())
            .unwrap_or_default();
        Value::list(items)
    };
    let (x, y) = (list(a), list(b));
    Ok(Value::bool(crate::objects::compare::compare(
        cx.gil, op, &x, &y,
    )?))
}
