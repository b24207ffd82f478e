//! Weak references: a [`WeakTarget`] holds an object without keeping it alive, and
//! the registry remembers which weak reference objects (`weakref.ref` instances,
//! made by the frozen `_weakref` module) watch which object, so that
//! `getweakrefcount`/`getweakrefs` can answer and, when an instance dies, the
//! callbacks of the references to it are queued (`objects::finalize`).
//!
//! Objects are told apart by their allocation's address. A weak target keeps the
//! allocation (not the object) alive, so while a registry entry's target is held no
//! other object can have that address; entries whose object died are dropped when
//! seen. Instances of Python classes and functions report their death (their `Drop`,
//! see `objects::class::Instance`, `objects::function::Function`); the callbacks of
//! weak references to other objects (classes, methods, sets...) never run, though
//! the references do die.

use crate::objects::rc::{Arc, Weak};
use std::collections::HashMap;
use std::sync::Mutex;

use super::class::{Descr, Instance, Method};
use super::exception::ExcObj;
use super::function::Function;
use super::generator::Generator;
use super::gil::GilCell;
use super::module::Module;
use super::object::Object;
use super::set::Set;
use super::types::PyType;
use super::value::Value;
use crate::compile::code::Code;

/// An object held weakly.
#[derive(Clone)]
pub enum WeakTarget {
    Instance(Weak<Instance>),
    Type(Weak<PyType>),
    Function(Weak<Function>),
    Method(Weak<Method>),
    Descr(Weak<Descr>),
    Set(Weak<GilCell<Set>>),
    FrozenSet(Weak<Set>),
    Generator(Weak<GilCell<Generator>>),
    Module(Weak<Module>),
    Exception(Weak<ExcObj>),
    Object(Weak<Object>),
    Code(Weak<Code>),
}

impl WeakTarget {
    /// A weak hold on `v`, or `None` for an object CPython cannot refer to weakly
    /// either (`int`, `str`, `tuple`, `list`, `dict`, ...).
    pub fn of(v: &Value) -> Option<WeakTarget> {
        Some(match v {
            Value::Instance(o) => WeakTarget::Instance(Arc::downgrade(o)),
            Value::Type(t) => WeakTarget::Type(Arc::downgrade(t)),
            Value::Function(f) => WeakTarget::Function(Arc::downgrade(f)),
            Value::Method(m) => WeakTarget::Method(Arc::downgrade(m)),
            Value::Descr(d) => WeakTarget::Descr(Arc::downgrade(d)),
            Value::Set(s) => WeakTarget::Set(Arc::downgrade(s)),
            Value::FrozenSet(s) => WeakTarget::FrozenSet(Arc::downgrade(s)),
            Value::Generator(g) => WeakTarget::Generator(Arc::downgrade(g)),
            Value::Module(m) => WeakTarget::Module(Arc::downgrade(m)),
            Value::Exception(e) => WeakTarget::Exception(Arc::downgrade(e)),
            Value::Object(o) => WeakTarget::Object(Arc::downgrade(o)),
            Value::Code(c) => WeakTarget::Code(Arc::downgrade(c)),
            _ => return None,
        })
    }

    /// The object, while it lives.
    pub fn upgrade(&self) -> Option<Value> {
        Some(match self {
            WeakTarget::Instance(w) => Value::Instance(w.upgrade()?),
            WeakTarget::Type(w) => Value::Type(w.upgrade()?),
            WeakTarget::Function(w) => Value::Function(w.upgrade()?),
            WeakTarget::Method(w) => Value::Method(w.upgrade()?),
            WeakTarget::Descr(w) => Value::Descr(w.upgrade()?),
            WeakTarget::Set(w) => Value::Set(w.upgrade()?),
            WeakTarget::FrozenSet(w) => Value::FrozenSet(w.upgrade()?),
            WeakTarget::Generator(w) => Value::Generator(w.upgrade()?),
            WeakTarget::Module(w) => Value::Module(w.upgrade()?),
            WeakTarget::Exception(w) => Value::Exception(w.upgrade()?),
            WeakTarget::Object(w) => Value::Object(w.upgrade()?),
            WeakTarget::Code(w) => Value::Code(w.upgrade()?),
        })
    }

    /// Does the object still live?
    pub fn alive(&self) -> bool {
        match self {
            WeakTarget::Instance(w) => w.strong_count() > 0,
            WeakTarget::Type(w) => w.strong_count() > 0,
            WeakTarget::Function(w) => w.strong_count() > 0,
            WeakTarget::Method(w) => w.strong_count() > 0,
            WeakTarget::Descr(w) => w.strong_count() > 0,
            WeakTarget::Set(w) => w.strong_count() > 0,
            WeakTarget::FrozenSet(w) => w.strong_count() > 0,
            WeakTarget::Generator(w) => w.strong_count() > 0,
            WeakTarget::Module(w) => w.strong_count() > 0,
            WeakTarget::Exception(w) => w.strong_count() > 0,
            WeakTarget::Object(w) => w.strong_count() > 0,
            WeakTarget::Code(w) => w.strong_count() > 0,
        }
    }

    /// The allocation's address (the object's identity while it lives).
    pub fn addr(&self) -> usize {
        match self {
            WeakTarget::Instance(w) => w.as_ptr() as usize,
            WeakTarget::Type(w) => w.as_ptr() as usize,
            WeakTarget::Function(w) => w.as_ptr() as usize,
            WeakTarget::Method(w) => w.as_ptr() as usize,
            WeakTarget::Descr(w) => w.as_ptr() as usize,
            WeakTarget::Set(w) => w.as_ptr() as usize,
            WeakTarget::FrozenSet(w) => w.as_ptr() as usize,
            WeakTarget::Generator(w) => w.as_ptr() as usize,
            WeakTarget::Module(w) => w.as_ptr() as usize,
            WeakTarget::Exception(w) => w.as_ptr() as usize,
            WeakTarget::Object(w) => w.as_ptr() as usize,
            WeakTarget::Code(w) => w.as_ptr() as usize,
        }
    }
}

/// A weak reference object watching an object.
struct Entry {
    target: WeakTarget,
    watcher: Weak<Instance>,
}

struct Registry {
    by_addr: HashMap<usize, Vec<Entry>>,
    /// Entry count after the last sweep of dead objects' entries.
    swept: usize,
}

static REGISTRY: Mutex<Option<Registry>> = Mutex::new(None);

fn with_registry<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    let mut g = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    let r = g.get_or_insert_with(|| Registry {
        by_addr: HashMap::new(),
        swept: 64,
    });
    f(r)
}

/// Remember that weak reference object `watcher` refers to `target`.
pub fn watch(target: WeakTarget, watcher: &Arc<Instance>) {
    match &target {
        WeakTarget::Instance(w) => {
            if let Some(o) = w.upgrade() {
                o.flags.fetch_or(
                    super::class::WEAKLY_REFERENCED,
                    std::sync::atomic::Ordering::Relaxed,
                );
            }
        }
        WeakTarget::Function(w) => {
            if let Some(f) = w.upgrade() {
                f.weakly_referenced
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        _ => {}
    }
    let watcher = Arc::downgrade(watcher);
    // Entries of dead objects are collected here and dropped after the lock (their
    // weak holds free memory only, but keep the lock's scope plain).
    let _stale: Vec<Vec<Entry>> = with_registry(|r| {
        let addr = target.addr();
        let list = r.by_addr.entry(addr).or_default();
        list.retain(|e| e.watcher.strong_count() > 0);
        list.push(Entry { target, watcher });
        let mut stale = Vec::new();
        if r.by_addr.len() > 2 * r.swept {
            let dead: Vec<usize> = r
                .by_addr
                .iter()
                .filter(|(_, l)| l.first().is_none_or(|e| !e.target.alive()))
                .map(|(a, _)| *a)
                .collect();
            for a in dead {
                stale.extend(r.by_addr.remove(&a));
            }
            r.swept = r.by_addr.len().max(64);
        }
        stale
    });
}

/// The live weak reference objects watching `v`, oldest first.
pub fn watchers(v: &Value) -> Vec<Value> {
    let Some(t) = WeakTarget::of(v) else {
        return Vec::new();
    };
    let weak: Vec<Weak<Instance>> = with_registry(|r| match r.by_addr.get(&t.addr()) {
        Some(l) => l.iter().map(|e| e.watcher.clone()).collect(),
        None => Vec::new(),
    });
    weak.into_iter()
        .filter_map(|w| w.upgrade().map(Value::Instance))
        .collect()
}

/// The instance at `addr` is dying: queue its watchers' callbacks, to run newest
/// first (CPython's order; a batch of finalizers runs from its end).
pub fn died(addr: usize) {
    let Some(list) = with_registry(|r| r.by_addr.remove(&addr)) else {
        return;
    };
    for e in list {
        if let Some(w) = e.watcher.upgrade() {
            super::finalize::push(super::finalize::Pending::WeakCallback(Value::Instance(w)));
        }
    }
}
