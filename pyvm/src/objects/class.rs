//! Classes made by Python code and their instances: `Instance`, bound methods,
//! `staticmethod` / `classmethod` / `property`, `super` objects, the C3 method
//! resolution order and attribute lookup along it.

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::dict::Dict;
use super::exception::{type_error, PyErr};
use super::function::NativeDef;
use super::gil::{Gil, GilCell};
use super::str::PyStr;
use super::types::{types, Kind, PyType};
use super::value::Value;

/// An instance of a class whose layout is `object`'s.
pub struct Instance {
    /// Its class: [`Instance::class`]; `obj.__class__ = C` replaces it.
    cls: super::rc::ArcSlot<PyType>,
    /// `__dict__`: shared, so `obj.__dict__` and `vars(obj)` are the namespace itself.
    pub dict: Arc<GilCell<Dict>>,
    /// For a class derived from a built-in type other than `object` (`dict`, `list`,
    /// `tuple`, `int`, `float`, `str`, `bytes`, `bytearray`, `set`, `frozenset`,
    /// `property`, `classmethod`, `staticmethod`): the built-in value the inherited
    /// behaviour works on (`Null` otherwise).
    pub base: Value,
    /// [`FINALIZED`] and [`WEAKLY_REFERENCED`].
    pub flags: std::sync::atomic::AtomicU8,
    /// Its place in the cycle collector's registry (`objects::gc`).
    pub gc: super::gc::GcSlot,
}

/// `Instance::flags`: its `__del__` ran (it is not run again, PEP 442).
pub const FINALIZED: u8 = 1;
/// `Instance::flags`: a weak reference to it was made (its death is reported to
/// `objects::weakref`).
pub const WEAKLY_REFERENCED: u8 = 2;

impl Drop for Instance {
    /// Weak references to it die (their callbacks are queued), and an instance of a
    /// class with `__del__` is resurrected into a fresh instance queued for it
    /// (`objects::finalize`).
    fn drop(&mut self) {
        // How many attributes its kind holds: the next instance's `__dict__` is
        // made with room for them (`PyType::dict_hint`).
        if let Some(d) = Arc::get_mut(&mut self.dict) {
            let n = d.get_mut().slots().min(255) as u8;
            let hint = &self.class().dict_hint;
            if n > hint.load(Ordering::Relaxed) {
                hint.store(n, Ordering::Relaxed);
            }
        }
        let flags = *self.flags.get_mut();
        let del = flags & FINALIZED == 0 && self.class().has_del.load(Ordering::Relaxed);
        let weak = flags & WEAKLY_REFERENCED != 0;
        if !del && !weak {
            return;
        }
        let me = self as *const Instance as usize;
        if del {
            let live = Instance {
                cls: super::rc::ArcSlot::new(self.class().clone()),
                dict: std::mem::replace(&mut self.dict, Arc::new(GilCell::new(Dict::new()))),
                base: std::mem::replace(&mut self.base, Value::Null),
                flags: std::sync::atomic::AtomicU8::new(FINALIZED),
                gc: super::gc::GcSlot::new(),
            };
            super::finalize::push(super::finalize::Pending::Del(Value::Instance(
                super::gc::instance(live),
            )));
        }
        if weak {
            super::weakref::died(me);
        }
    }
}

impl Instance {
    /// Its class now.
    #[inline]
    pub fn class(&self) -> &Arc<PyType> {
        self.cls.get()
    }

    /// `obj.__class__ = cls` (checked by the caller: `vm::class::set_class`).
    pub fn set_class(&self, cls: Arc<PyType>) {
        self.cls.set(cls);
    }

    pub fn new(class: Arc<PyType>) -> Instance {
        Instance::with_base(class, Value::Null)
    }

    pub fn with_base(class: Arc<PyType>, base: Value) -> Instance {
        let hint = class.dict_hint.load(Ordering::Relaxed);
        Instance {
            cls: super::rc::ArcSlot::new(class),
            dict: Arc::new(GilCell::new(Dict::with_slots(hint as usize))),
            base,
            flags: std::sync::atomic::AtomicU8::new(0),
            gc: super::gc::GcSlot::new(),
        }
    }
}

/// An instance of a `dict`/`list`/`tuple` subclass around `base`.
pub fn instance_with(cls: Arc<PyType>, base: Value) -> Value {
    Value::Instance(super::gc::instance(Instance::with_base(cls, base)))
}

/// `object.__new__(cls, ...)`: an empty instance of the layout `cls` needs.
pub fn new_instance(cls: &Arc<PyType>, args: &crate::native::Args) -> Result<Value, PyErr> {
    if cls.abstract_.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(abstract_error(cls));
    }
    Ok(match cls.kind {
        Kind::Exception => PyErr::new(cls, args.pos.to_vec()).value(),
        Kind::Dict => instance_with(cls.clone(), Value::dict(Dict::new())),
        Kind::List => instance_with(cls.clone(), Value::list(Vec::new())),
        Kind::Tuple => instance_with(cls.clone(), Value::tuple(Vec::new())),
        Kind::Set => instance_with(cls.clone(), Value::set(super::set::Set::new())),
        Kind::ByteArray => instance_with(
            cls.clone(),
            Value::ByteArray(Arc::new(GilCell::new(Vec::new()))),
        ),
        // (What `object.__new__` makes of them; a call of the class gets its value
        // from `int.__new__` and friends.)
        Kind::Int => instance_with(cls.clone(), Value::Int(0)),
        Kind::Float => instance_with(cls.clone(), Value::float(0.0)),
        Kind::Complex => instance_with(cls.clone(), super::complex::value(0.0, 0.0)),
        Kind::Str => instance_with(cls.clone(), Value::str("")),
        Kind::Bytes => instance_with(cls.clone(), Value::Bytes(Arc::new(Vec::new()))),
        Kind::FrozenSet => instance_with(
            cls.clone(),
            Value::FrozenSet(Arc::new(super::set::Set::new())),
        ),
        // Filled by `__init__` (see `methods::payload`).
        Kind::Property | Kind::ClassMethod | Kind::StaticMethod => {
            let empty = match cls.kind {
                Kind::Property => Descr::Property {
                    fget: Value::None,
                    fset: Value::None,
                    fdel: Value::None,
                    doc: GilCell::new(Value::None),
                },
                Kind::ClassMethod => Descr::ClassMethod(Value::None),
                _ => Descr::StaticMethod(Value::None),
            };
            let cell = Value::Cell(Arc::new(GilCell::new(Value::Descr(Arc::new(empty)))));
            instance_with(cls.clone(), cell)
        }
        // Bound by `super.__init__(self, type, obj)` (see `methods::payload`).
        Kind::Super => instance_with(
            cls.clone(),
            Value::Cell(Arc::new(GilCell::new(Value::None))),
        ),
        // A `types.ModuleType` subclass (`six`'s lazy modules): the instance's
        // `__dict__` is the module's namespace itself; `module.__init__` names it.
        Kind::Module => {
            let m = super::module::Module::new("?");
            let dict = m.dict.clone();
            Value::Instance(super::gc::instance(Instance {
                cls: super::rc::ArcSlot::new(cls.clone()),
                dict,
                base: Value::Module(Arc::new(m)),
                flags: std::sync::atomic::AtomicU8::new(0),
                gc: super::gc::GcSlot::new(),
            }))
        }
        _ => Value::Instance(super::gc::instance(Instance::new(cls.clone()))),
    })
}

/// CPython's error for making an instance of a class with abstract methods.
pub fn abstract_error(cls: &Arc<PyType>) -> PyErr {
    let names = crate::objects::gil::with_gil(|gil| {
        let mut names: Vec<String> =
            match lookup(gil, cls, &PyStr::new("__abstractmethods__".to_owned())) {
                Some(Value::FrozenSet(s)) => s
                    .keys()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            };
        names.sort();
        names
    });
    type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        cls.name,
        if names.len() == 1 { "" } else { "s" },
        names.join(", ")
    ))
}

/// `len(v)` of a built-in value that has one (what an inherited `__len__` gives).
pub fn builtin_len(gil: Gil<'_>, v: &Value) -> Result<usize, PyErr> {
    Ok(match v {
        Value::Dict(d) => d.borrow(gil).len(),
        Value::List(l) => l.borrow(gil).len(),
        Value::Tuple(t) => t.len(),
        Value::Str(s) => s.char_len(),
        Value::Bytes(b) => b.len(),
        Value::ByteArray(b) => b.borrow(gil).len(),
        Value::Set(s) => s.borrow(gil).len(),
        Value::FrozenSet(s) => s.len(),
        // A module's object (`array.array`) inside an instance of a subclass.
        Value::Object(o) if o.0.len(gil).is_some() => o.0.len(gil).unwrap_or(0),
        _ => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                super::types::type_name(v)
            )))
        }
    })
}

/// The descriptor inside an instance of a `property` / `classmethod` /
/// `staticmethod` subclass.
pub fn descr_payload(gil: Gil<'_>, v: &Value) -> Option<Arc<Descr>> {
    match payload(v)? {
        Value::Cell(c) => match &*c.borrow(gil) {
            Value::Descr(d) => Some(d.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The kinds of built-in types a class made by Python code may derive from (besides
/// `object`, exceptions and `type`): their instances carry a built-in value.
pub fn payload_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Dict
            | Kind::List
            | Kind::Tuple
            | Kind::Int
            | Kind::Float
            | Kind::Complex
            | Kind::Str
            | Kind::Bytes
            | Kind::ByteArray
            | Kind::Set
            | Kind::FrozenSet
            | Kind::Property
            | Kind::ClassMethod
            | Kind::StaticMethod
            | Kind::Module
            | Kind::Super
    )
}

/// The `super` object inside an instance of a `super` subclass, once its
/// `__init__` has bound it.
pub fn super_payload(gil: Gil<'_>, v: &Value) -> Option<Arc<Super>> {
    match payload(v)? {
        Value::Cell(c) => match &*c.borrow(gil) {
            Value::Super(s) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The built-in type a class derived from one gets its layout from (`int` for
/// `class Flags(Mixin, int)`).
pub fn builtin_base(cls: &Arc<PyType>) -> Arc<PyType> {
    std::iter::once(cls)
        .chain(cls.mro.iter())
        .find(|t| !t.heap)
        .cloned()
        .unwrap_or_else(|| types().object.clone())
}

/// A type a built-in module defines with its own constructor that classes may derive
/// from (`array.array`, `_queue.SimpleQueue`, `functools.partial`): an instance of
/// such a class carries the module's object as its payload, made by the type's
/// constructor (see [`native_new`]).
#[inline]
pub fn native_ctor(t: &PyType) -> bool {
    !t.heap && t.new.is_some() && !t.sealed && t.kind != Kind::Exception
}

/// The [`native_ctor`] type a class derives from, if any.
pub fn native_ctor_base(cls: &Arc<PyType>) -> Option<Arc<PyType>> {
    Some(builtin_base(cls)).filter(|b| native_ctor(b))
}

/// `array.array.__new__(cls, *args)` and the same for every [`native_ctor`] type:
/// the type's constructor makes the object, inside an instance of `cls` when `cls`
/// is a class made by Python code.
pub static NATIVE_NEW: NativeDef = NativeDef {
    name: "__new__",
    f: native_new,
    soft: None,
};

/// The arguments of a built-in type's `__new__(cls, *args, **kw)`: `cls` (CPython's
/// errors when it is missing or not a type) and the rest.
pub fn split_new_args(
    args: crate::native::Args,
) -> Result<(Arc<PyType>, crate::native::Args), PyErr> {
    let cls = match args.get(0) {
        Some(Value::Type(t)) => t.clone(),
        Some(v) => {
            return Err(type_error(format!(
                "__new__(X): X is not a type object ({})",
                super::types::type_name(v)
            )))
        }
        None => return Err(type_error("__new__(): not enough arguments")),
    };
    let rest = crate::native::Args {
        pos: args.pos.iter().skip(1).cloned().collect(),
        kw: args.kw,
    };
    Ok((cls, rest))
}

fn native_new(
    cx: &mut crate::native::Cx,
    args: crate::native::Args,
) -> crate::native::PyResult<Value> {
    let (cls, rest) = split_new_args(args)?;
    let Some(base) = native_ctor_base(&cls) else {
        return Err(type_error(format!(
            "__new__({}): {} is not a subtype of a built-in type with a constructor",
            cls.name, cls.name
        ))
        .into());
    };
    let new = base.new.expect("native_ctor has a constructor");
    let v = new(cx, rest)?;
    if !cls.heap {
        return Ok(v);
    }
    Ok(instance_with(cls, v))
}

/// A read-only attribute of a module type (`_socket.socket.family`), a property whose
/// getter is `get` (called with the instance, or with the module's object): what a
/// subclass's `super().family` and `_socket.socket.family.__get__(s)` find.
pub fn native_property(get: &'static NativeDef) -> Value {
    Value::Descr(Arc::new(Descr::Property {
        fget: Value::Native(get),
        fset: Value::None,
        fdel: Value::None,
        doc: GilCell::new(Value::None),
    }))
}

/// The module type's own `__new__`/`__init__` (`name`), when it splits making an
/// object from initializing it as CPython's `tp_new`/`tp_init` do (`_socket.socket`):
/// a subclass's instance is made by the first and filled by the second (or by the
/// subclass's `__init__` calling it).
pub fn native_own(gil: Gil<'_>, base: &PyType, name: &str) -> Option<&'static NativeDef> {
    if base.dict.borrow(gil).is_empty() {
        return None;
    }
    match crate::objects::str::intern(name) {
        Value::Str(k) => match base.dict.borrow(gil).get_str(&k) {
            Some(Value::Native(d)) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

/// The built-in value inside an instance of a subclass of a built-in type.
#[inline]
pub fn payload(v: &Value) -> Option<&Value> {
    match v {
        Value::Instance(i) if !i.base.is_null() => Some(&i.base),
        _ => None,
    }
}

/// `v`, or the number inside an instance of an `int` or `float` subclass.
pub fn unwrap_number(v: &Value) -> Value {
    match payload(v) {
        Some(p @ (Value::Int(_) | Value::Big(_) | Value::Float(_) | Value::Complex(_))) => {
            p.clone()
        }
        _ => v.clone(),
    }
}

/// `v`, or the built-in value inside it.
pub fn unwrap_payload(v: &Value) -> Value {
    payload(v).unwrap_or(v).clone()
}

/// A function bound to an object (`obj.method`): calling it passes `this` first.
pub struct Method {
    pub func: Value,
    pub this: Value,
}

/// The descriptors a class body makes with decorators.
pub enum Descr {
    StaticMethod(Value),
    ClassMethod(Value),
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        /// `__doc__`, assignable (`Point.x.__doc__ = ...`).
        doc: GilCell<Value>,
    },
}

impl Descr {
    pub fn type_name(&self) -> &'static str {
        match self {
            Descr::StaticMethod(_) => "staticmethod",
            Descr::ClassMethod(_) => "classmethod",
            Descr::Property { .. } => "property",
        }
    }
}

/// `super(class, obj)`: attribute lookup on `obj` starting after `class` in its MRO.
pub struct Super {
    pub class: Arc<PyType>,
    /// The instance (or, in a classmethod, the class) the lookup binds to.
    pub this: Value,
    /// The type whose MRO is searched: `type(this)`, or `this` when it is a class.
    pub start: Arc<PyType>,
}

/// The C3 linearization of a new class with `bases` (the class itself not included),
/// or CPython's `TypeError` when there is none.
pub fn c3_mro(bases: &[Arc<PyType>]) -> Result<Vec<Arc<PyType>>, PyErr> {
    let mut seqs: Vec<Vec<Arc<PyType>>> = bases
        .iter()
        .map(|b| {
            let mut l = vec![b.clone()];
            l.extend(b.mro.iter().cloned());
            l
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Arc<PyType>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        // The first head that is in no other list's tail.
        let head = seqs.iter().map(|s| s[0].clone()).find(|h| {
            !seqs
                .iter()
                .any(|s| s[1..].iter().any(|t| Arc::ptr_eq(t, h)))
        });
        let Some(head) = head else {
            let names: Vec<&str> = bases.iter().map(|b| b.name.as_str()).collect();
            return Err(type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if Arc::ptr_eq(&s[0], &head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

/// Renewed whenever a class namespace changes after the class was made
/// (`C.attr = v`), which invalidates every lookup cache.
static EPOCH: AtomicU64 = AtomicU64::new(1);

/// A class namespace changed: forget every cached lookup.
pub fn class_changed() {
    EPOCH.fetch_add(1, Ordering::Relaxed);
}

fn epoch() -> u64 {
    EPOCH.load(Ordering::Relaxed)
}

/// Classes one cache slot remembers at a time (CPython 3.11 specializes a site for one
/// type; an inherited method called on sibling subclasses, as a scheduler calling
/// `task.run()` on four kinds of task, would miss every time).
const WAYS: usize = 4;

/// A lookup cache slot: what `name` resolved to along the MROs of up to [`WAYS`]
/// classes, all valid for one `epoch` (any class change renews the epoch, which
/// empties the slot at its next use).
#[derive(Clone, Default)]
pub struct AttrSlot {
    epoch: u64,
    ways: [Way; WAYS],
    /// The way the next miss replaces (round robin).
    next: u8,
    /// The instance-dict entry slot where this site last found or stored its name
    /// (CPython 3.11's `LOAD_ATTR_WITH_HINT`): instances made by one `__init__` keep
    /// their attributes in the same order, so one hint serves them all. Only a hint:
    /// `Dict::find_str_hinted` checks it and falls back to probing.
    pub hint: u32,
}

/// One class's entry in an [`AttrSlot`].
#[derive(Clone, Default)]
pub struct Way {
    class: Option<Arc<PyType>>,
    /// What the name resolved to along the class's MRO.
    pub found: Option<Value>,
    /// `vm::class::plain_store`'s answer for this class and name (unknown until it
    /// asks): it depends only on the class, its MRO's namespaces and `__slots__`,
    /// so the epoch that guards `found` guards it too.
    pub store_ok: Option<bool>,
    /// When `found` is a built-in type's method: how `vm::class::load_method` calls it
    /// (its `self`), worked out once (`NATIVE_*`); the same epoch guards it.
    pub native: u8,
    /// The class reads attributes through a Python `__getattribute__` (its
    /// `has_getattribute`, which only ever turns on, and never without a namespace
    /// change renewing the epoch): kept here so an attribute read does not touch the
    /// class object itself.
    pub hooked: bool,
}

/// `Way::native`: not worked out yet.
pub const NATIVE_UNKNOWN: u8 = 0;
/// `Way::native`: not a method call (a class method, a plain function): the general path.
pub const NATIVE_NO: u8 = 1;
/// `Way::native`: called with the instance as `self`.
pub const NATIVE_INSTANCE: u8 = 2;
/// `Way::native`: called with the built-in value inside the instance as `self`.
pub const NATIVE_PAYLOAD: u8 = 3;

/// The way of `slot` for class `t` (filled by [`lookup`] on a miss).
#[inline]
pub fn lookup_way<'s>(
    gil: Gil<'_>,
    slot: &'s mut AttrSlot,
    t: &Arc<PyType>,
    name: &PyStr,
) -> &'s mut Way {
    let now = epoch();
    if slot.epoch == now {
        if let Some(i) = slot
            .ways
            .iter()
            .position(|w| w.class.as_ref().is_some_and(|c| Arc::ptr_eq(c, t)))
        {
            return &mut slot.ways[i];
        }
    }
    fill_way(gil, slot, t, name, now)
}

/// A miss of [`lookup_way`]: look `name` up and put it in a way (emptying a slot of
/// an older epoch first).
#[inline(never)]
fn fill_way<'s>(
    gil: Gil<'_>,
    slot: &'s mut AttrSlot,
    t: &Arc<PyType>,
    name: &PyStr,
    now: u64,
) -> &'s mut Way {
    if slot.epoch != now {
        slot.ways = Default::default();
        slot.epoch = now;
        slot.next = 0;
    }
    let found = lookup(gil, t, name);
    let i = slot.next as usize % WAYS;
    slot.next = slot.next.wrapping_add(1);
    slot.ways[i] = Way {
        class: Some(t.clone()),
        found,
        store_ok: None,
        native: NATIVE_UNKNOWN,
        hooked: t.has_getattribute.load(Ordering::Relaxed),
    };
    &mut slot.ways[i]
}

/// [`lookup`] through a cache slot (a code object's, per name).
#[inline]
pub fn lookup_cached(
    gil: Gil<'_>,
    slot: &mut AttrSlot,
    t: &Arc<PyType>,
    name: &PyStr,
) -> Option<Value> {
    lookup_way(gil, slot, t, name).found.clone()
}

/// A special-method cache's entry for `name` made in epoch `now`, if any. Looked
/// for by address first (the names are literals, and the same literal usually has
/// one address), by text only when that fails: comparing texts at every entry was
/// a tenth of the time of a loop hashing named tuples.
fn cached_special(
    cache: &[(&'static str, u64, Option<Value>)],
    name: &'static str,
    now: u64,
) -> Option<Option<Value>> {
    let hit = cache.iter().find(|(n, _, _)| std::ptr::eq(*n, name));
    let (_, e, v) = hit.or_else(|| cache.iter().find(|(n, _, _)| *n == name))?;
    (*e == now).then(|| v.clone())
}

/// The special method `name` of class `t`, through the class's own cache.
pub fn lookup_special(gil: Gil<'_>, t: &Arc<PyType>, name: &'static str) -> Option<Value> {
    let now = epoch();
    {
        if let Some(v) = cached_special(&t.special_cache.borrow(gil), name, now) {
            return v;
        }
    }
    let found = lookup(gil, t, &PyStr::new(name.to_owned()));
    let mut cache = t.special_cache.borrow_mut(gil);
    cache.retain(|(n, _, _)| *n != name);
    cache.push((name, now, found.clone()));
    found
}

/// `name` in the namespace of `t` or a class of its MRO: a class attribute, or a
/// method of a built-in type in the MRO (`object.__init__`, `Exception.__str__`).
///
/// Through the process's method cache (CPython's type attribute cache): a call site
/// that sees several classes (an inherited method called on instances of sibling
/// subclasses) misses its own one-class slot every time, and would otherwise walk
/// the MRO probing each class's dict.
pub fn lookup(gil: Gil<'_>, t: &Arc<PyType>, name: &PyStr) -> Option<Value> {
    let now = epoch();
    let i = method_cache_index(t, name);
    {
        let cache = method_cache().borrow(gil);
        let e = &cache[i];
        if e.epoch == now
            && e.class.as_ref().is_some_and(|c| Arc::ptr_eq(c, t))
            && (e.interned == name as *const PyStr as usize
                || (e.interned == 0 && &*e.name == name.as_str()))
        {
            return e.found.clone();
        }
    }
    let found = lookup_from(gil, std::iter::once(t).chain(t.mro.iter()), name);
    let old = std::mem::replace(
        &mut method_cache().borrow_mut(gil)[i],
        CacheEntry {
            class: Some(t.clone()),
            interned: if name.is_interned() {
                name as *const PyStr as usize
            } else {
                0
            },
            name: if name.is_interned() {
                Box::default()
            } else {
                name.as_str().into()
            },
            epoch: now,
            found: found.clone(),
        },
    );
    // Dropped after the borrow ends: a value's drop may run Python (`__del__`).
    drop(old);
    found
}

/// Entries of the method cache (a power of two).
const METHOD_CACHE_SIZE: usize = 4096;

/// One method-cache entry: what `name` resolved to along `class`'s MRO at `epoch`.
/// The entry holds its class, so the class's address cannot be reused by another
/// class while the entry may match it.
#[derive(Default)]
struct CacheEntry {
    class: Option<Arc<PyType>>,
    /// The address of the name when it is interned (an interned name lives as long as
    /// the process, so no other string gets its address), else 0 and the name is in
    /// `name`.
    interned: usize,
    name: Box<str>,
    epoch: u64,
    found: Option<Value>,
}

fn method_cache() -> &'static GilCell<Vec<CacheEntry>> {
    static CACHE: std::sync::OnceLock<GilCell<Vec<CacheEntry>>> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| {
        GilCell::new(
            std::iter::repeat_with(CacheEntry::default)
                .take(METHOD_CACHE_SIZE)
                .collect(),
        )
    })
}

#[inline]
fn method_cache_index(t: &Arc<PyType>, name: &PyStr) -> usize {
    let addr = Arc::as_ptr(t) as usize;
    ((addr >> 4) ^ (name.hash() as usize)) & (METHOD_CACHE_SIZE - 1)
}

/// [`lookup`] along the classes `mro` yields.
pub fn lookup_from<'a>(
    gil: Gil<'_>,
    mro: impl Iterator<Item = &'a Arc<PyType>>,
    name: &PyStr,
) -> Option<Value> {
    for c in mro {
        if c.heap {
            if let Some(v) = c.dict.borrow(gil).get_str(name) {
                return Some(v);
            }
        } else if let Some(v) = c
            .new
            .is_some()
            .then(|| c.dict.borrow(gil).get_str(name))
            .flatten()
        {
            // A module type's own methods (`array.array.__reduce_ex__`) before the
            // ones it inherits from `object`.
            return Some(v);
        } else if let Some(d) = builtin_slot(c, name.as_str()) {
            return Some(Value::Native(d));
        } else if let Some(v) = c.dict.borrow(gil).get_str(name) {
            // What a built-in module put in its type's dict (`_queue.SimpleQueue.put`).
            return Some(v);
        }
    }
    None
}

/// The class in `t`'s MRO that defines `name` (for `super` and the overridden-method
/// checks of reflected operators).
pub fn defining_class(gil: Gil<'_>, t: &Arc<PyType>, name: &str) -> Option<Arc<PyType>> {
    let key = PyStr::new(name.to_owned());
    std::iter::once(t).chain(t.mro.iter()).find_map(|c| {
        let found = if c.heap {
            c.dict.borrow(gil).get_str(&key).is_some()
        } else {
            builtin_slot(c, name).is_some()
        };
        found.then(|| c.clone())
    })
}

/// A method of a built-in type that a class inherits: the type's own method table
/// plus the special methods every `object` and every exception has.
fn builtin_slot(t: &PyType, name: &str) -> Option<&'static NativeDef> {
    if name == "__new__" && native_ctor(t) {
        return Some(&NATIVE_NEW);
    }
    match t.kind {
        Kind::Object => super::methods::object_method(name),
        // The immutable types have no `__init__` of their own: a class deriving from
        // one and another class gets the other's (`class C(tuple, Base)`).
        k if k.fixed_at_new() && name == "__init__" => None,
        // (The payload methods only some payload types have, such as `__iadd__`
        // and `__trunc__`, only on those.)
        k if payload_kind(k) => super::methods::payload_method(name)
            .filter(|_| {
                !super::methods::payload_only_some(name) || super::methods::has_special(k, name)
            })
            .or_else(|| super::methods::find_in_type(t, name))
            .or_else(|| super::methods::object_method(name)),
        Kind::Exception => {
            super::methods::exception_method(name).or_else(|| super::methods::object_method(name))
        }
        Kind::IterType => {
            super::methods::find_in_type(t, name).or_else(|| super::methods::object_method(name))
        }
        Kind::Type => super::methods::type_method(name)
            .or_else(|| super::methods::find_in_type(t, name))
            .or_else(|| super::methods::object_method(name)),
        _ => super::methods::find_in_type(t, name),
    }
}

/// Is `v` an instance whose class is made by Python code (so operators, `len`,
/// iteration and friends look for its special methods)?
#[inline]
pub fn is_user(v: &Value) -> bool {
    match v {
        Value::Instance(_) => true,
        Value::Exception(e) => e.typ.heap,
        _ => false,
    }
}

/// The special method `name` of a user instance's class (`None` for built-in values,
/// and for `object`'s own defaults, which the callers implement directly).
pub fn special(gil: Gil<'_>, v: &Value, name: &'static str) -> Option<Value> {
    let cls = match v {
        Value::Instance(i) => i.class(),
        Value::Exception(e) if e.typ.heap => &e.typ,
        // A class whose metaclass defines it (`__repr__`, `__iter__`, `__len__`, ...).
        Value::Type(t) => t.meta.as_ref()?,
        _ => return None,
    };
    lookup_user_special(gil, cls, name).map(special_callable)
}

/// What [`special_callable`] wraps a special method in when it is not a plain
/// function: calling it with the instance first binds the attribute to the instance
/// (`call::invoke` does that; this body is never run).
pub static VIA_GET: NativeDef = NativeDef {
    name: "__get__",
    f: |_cx, _args| {
        Err(deferred::Unwind::Raise(type_error(
            "special method called without its instance",
        )))
    },
    soft: None,
};

/// Is `v` a special method wrapped by [`special_callable`]?
#[inline]
pub fn is_via_get(v: &Value) -> bool {
    matches!(v, Value::BoundNative(b) if std::ptr::eq(b.1, &VIA_GET))
}

/// A special method found on a class, as something called with the instance first,
/// as every caller of [`special`] does. A function (or a method of a built-in type)
/// is that already; anything else goes through the descriptor protocol as CPython's
/// slot functions do (`lookup_maybe_method`): a `property` or an object with
/// `__get__` gives what its `__get__` returns, a `staticmethod` its function, a
/// `classmethod` its function bound to the class, and an object that is no
/// descriptor (a callable instance, a bound method, a class) is called as it is,
/// without the instance.
#[inline]
pub fn special_callable(f: Value) -> Value {
    match f {
        Value::Descr(_)
        | Value::Instance(_)
        | Value::Method(_)
        | Value::BoundNative(_)
        | Value::Type(_) => Value::BoundNative(Arc::new((f, &VIA_GET))),
        f => f,
    }
}

/// The special method `name` a class made by Python code defines or inherits from
/// another such class: whatever a class namespace holds (a built-in function too,
/// `__str__ = int.__repr__`), and `None` when the first class defining it is a
/// built-in one (what the built-in base does by default, which the callers
/// implement directly). Cached per class, like [`lookup_special`].
pub fn lookup_user_special(gil: Gil<'_>, t: &Arc<PyType>, name: &'static str) -> Option<Value> {
    let now = epoch();
    {
        if let Some(v) = cached_special(&t.user_special_cache.borrow(gil), name, now) {
            return v;
        }
    }
    let key = PyStr::new(name.to_owned());
    let mut found = None;
    for c in std::iter::once(t).chain(t.mro.iter()) {
        if c.heap {
            if let Some(v) = c.dict.borrow(gil).get_str(&key) {
                found = Some(v);
                break;
            }
        } else if builtin_slot(c, name).is_some() {
            break;
        }
    }
    let mut cache = t.user_special_cache.borrow_mut(gil);
    cache.retain(|(n, _, _)| *n != name);
    cache.push((name, now, found.clone()));
    found
}

/// Is `v` a class with a metaclass of its own (whose special methods apply to it)?
pub fn has_meta(v: &Value) -> bool {
    matches!(v, Value::Type(t) if t.meta.is_some())
}

/// What `cls[key]` calls with `key`: the metaclass's `__getitem__` bound to the class,
/// or the class's `__class_getitem__` (an implicit class method).
pub fn class_subscript(gil: Gil<'_>, cls: &Value) -> Result<Option<Value>, PyErr> {
    let Value::Type(t) = cls else {
        return Ok(None);
    };
    let bound = |f: Value| {
        Value::Method(Arc::new(Method {
            func: f,
            this: cls.clone(),
        }))
    };
    if let Some(f) = special(gil, cls, "__getitem__") {
        return Ok(Some(bound(f)));
    }
    if !t.heap {
        // `list[int]`: the built-in containers and `type` are generic.
        // A type a built-in module defines is generic when its dict has the method
        // (`_queue.SimpleQueue[int]`).
        let generic = matches!(
            t.kind,
            Kind::List | Kind::Dict | Kind::Tuple | Kind::Set | Kind::FrozenSet | Kind::Type
        ) || t
            .dict
            .borrow(gil)
            .get_str(&PyStr::new("__class_getitem__".to_owned()))
            .is_some();
        return Ok(generic
            .then(|| {
                let def = super::methods::type_method("__class_getitem__");
                def.map(|d| Value::BoundNative(Arc::new((cls.clone(), d))))
            })
            .flatten());
    }
    match lookup(gil, t, &PyStr::new("__class_getitem__".to_owned())) {
        Some(Value::Descr(d)) => match &*d {
            Descr::ClassMethod(f) => Ok(Some(bound(f.clone()))),
            Descr::StaticMethod(f) => Ok(Some(f.clone())),
            _ => Ok(None),
        },
        Some(f @ Value::Function(_)) => Ok(Some(bound(f))),
        _ => Ok(None),
    }
}

/// The type of `v` as a class (its own class for instances).
pub fn class_of(v: &Value) -> Arc<PyType> {
    match v {
        Value::Instance(i) => i.class().clone(),
        _ => types().of(v),
    }
}

/// The `__slots__` of a new class: `None` when the class or a base has a `__dict__`.
pub fn slots_of(
    gil: Gil<'_>,
    ns: &Dict,
    bases: &[Arc<PyType>],
) -> Result<Option<Vec<String>>, PyErr> {
    let Some(decl) = ns.get_str(&PyStr::new("__slots__".to_owned())) else {
        return Ok(None);
    };
    let names: Vec<Value> = match &decl {
        Value::Str(_) => vec![decl.clone()],
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow(gil).clone(),
        _ => return Ok(None),
    };
    let mut out = Vec::new();
    for n in names {
        match n.as_str() {
            Some(s) => out.push(s.to_owned()),
            None => {
                return Err(type_error(format!(
                    "__slots__ items must be strings, not '{}'",
                    super::types::type_name(&n)
                )))
            }
        }
    }
    for b in bases {
        if b.heap {
            match &b.slots {
                Some(inherited) => out.extend(inherited.iter().cloned()),
                None => return Ok(None),
            }
        }
    }
    Ok(Some(out))
}
