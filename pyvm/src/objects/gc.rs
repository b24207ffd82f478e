//! The cycle collector: reference counting frees everything but reference cycles
//! (an exception kept in a local of a frame it passed through, a tree's parent and
//! child links, an object in its own dict); this finds the cycles nothing outside
//! them references and breaks them. It is CPython's trial deletion (`gcmodule.c`).
//!
//! # The registry
//!
//! The kinds of objects cycles are made of register when they are made: instances
//! of Python classes, functions, exceptions and generators/coroutines, and lists,
//! dicts and sets. The first four hold a [`GcSlot`] with their index in the registry
//! (a slab of raw addresses behind the GIL, with a free list), and leave it when their
//! value is dropped (the slot's own `Drop`). A list, dict or set keeps its index in
//! its `Arc`'s header (`rc::Arc::gc_slot`: no field in the value, whose type stays
//! `GilCell<Vec<Value>>`, and no memory added), made by [`list`], [`dict`] and
//! [`set`] (behind `Value::list`, `Value::dict`, `Value::set`), and the `Arc` gives the
//! slot back as the value goes: as its last handle drops, or as `try_unwrap` moves
//! the value out (`rc::leave_registry`, calling [`untrack`]). Registering costs a few
//! plain loads and stores and no count. Registered containers are roots of the
//! candidates, so cycles made of lists, dicts and sets alone are found, and they
//! count toward the automatic threshold ([`count`]: registrations minus removals, as
//! CPython counts allocations minus deallocations of tracked objects). Dicts register
//! even when they hold only atoms (CPython tracks those lazily; `gc.is_tracked` and
//! `gc.get_objects` report its view). A container made another way (`Arc::new` by
//! hand: module and instance dicts) is not registered, which is safe: it is only a
//! candidate when something registered reaches it.
//!
//! # A collection ([`collect`])
//!
//! 1. The candidates are the registered objects and every container reachable from
//!    them through [`children`]: lists, tuples, dicts, sets, cells, slices, bound
//!    methods, descriptors, `super` objects, and the registered kinds again. Classes,
//!    modules, code, iterators, files and built-in modules' objects are not candidates
//!    (never collected, and what they hold counts as referenced from outside).
//! 2. For each candidate, `refs` = its strong count minus the references from the
//!    other candidates' [`children`]. A candidate with `refs > 0` is referenced from
//!    outside the set — the interpreter's stacks (every micro-thread's, every OS
//!    thread's), natives' locals, classes, modules, the finalizer queue: it and all it
//!    reaches are alive. The rest is garbage.
//! 3. Garbage with a finalizer not yet run (an instance whose class has `__del__`, a
//!    generator or coroutine not finished) is not touched yet: its finalizer is queued
//!    (`objects::finalize`, run by the loop at the next instruction, or by
//!    `gc.collect()` itself), marked as run (PEP 442: once), and everything it reaches
//!    is spared this time. A later collection finds it again unless its finalizer
//!    resurrected it.
//! 4. The rest of the garbage is cleared (dicts, lists and sets emptied, cells
//!    emptied, functions' defaults, exceptions' arguments, context, cause and
//!    traceback, generators' frames dropped): the cycles break and reference
//!    counting frees the objects, running the weak reference callbacks as usual.
//!
//! # The safety rule
//!
//! > [`children`] may report fewer references than an object holds, never more.
//!
//! A reference it misses only makes its target look referenced from outside, so it is
//! kept (a leak at worst). A reference it invents would make a live object look
//! unreferenced and free it under its users. So `children` visits exactly the
//! `Value`s an object owns, each once per handle it owns, and skips a container it
//! cannot borrow (one borrowed by code up the stack). Everything Rust code holds —
//! the value stacks of running and suspended micro-threads, natives' arguments and
//! locals, other OS threads' values — is an owned handle, counted in the strong
//! count and never in `children`, so it is external. A collection runs only where
//! Python code could run anyway (`gc.collect()`, and the loop's finalizer check
//! before an instruction: [`wanted`]), with the GIL held and no Python code running
//! until it is done. The analysis reads the candidates through uncounted copies of
//! their handles ([`Peek`]: nothing is dropped while it runs, so they stay valid, and
//! the counts it reads are exactly the program's); the garbage is then held by real
//! handles while it is cleared. A count below zero (an over-report, a bug) abandons
//! the collection.
#![allow(unsafe_code)]

use std::cell::UnsafeCell;
use std::collections::HashMap;
use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use super::class::{Descr, Instance, FINALIZED};
use super::dict::Dict;
use super::exception::ExcObj;
use super::function::Function;
use super::generator::{GenKind, GenState, Generator};
use super::gil::{self, Gil, GilCell};
use super::iter::Iter;
use super::rc::Arc;
use super::set::Set;
use super::value::Value;

/// No registry slot (a `GcSlot` or an `Arc` header not registered).
pub const UNTRACKED: u32 = u32::MAX;

/// An object's place in the registry (`u32::MAX`: not registered). Dropping it (with
/// its object's value) takes the object out of the registry.
pub struct GcSlot(AtomicU32);

impl GcSlot {
    pub const fn new() -> GcSlot {
        GcSlot(AtomicU32::new(UNTRACKED))
    }
}

impl Default for GcSlot {
    fn default() -> GcSlot {
        GcSlot::new()
    }
}

impl Drop for GcSlot {
    fn drop(&mut self) {
        let i = *self.0.get_mut();
        if i != UNTRACKED {
            with_reg(|r| r.remove(i));
        }
    }
}

/// A registered object's address (its `Arc::as_ptr`), or a free slot.
#[derive(Clone, Copy)]
enum Entry {
    Free(u32),
    Instance(*const Instance),
    Function(*const Function),
    Exc(*const ExcObj),
    Gen(*const GilCell<Generator>),
    List(*const GilCell<Vec<Value>>),
    Dict(*const GilCell<Dict>),
    Set(*const GilCell<Set>),
    Cell(*const GilCell<Value>),
}

impl Entry {
    /// An uncounted copy of a handle to the object (see [`Peek`]), while it lives.
    fn peek(self) -> Option<Peek> {
        // SAFETY: as in `value`; the copy is a `Peek`, used only during an analysis.
        unsafe {
            Some(ManuallyDrop::new(match self {
                Entry::Free(_) => return None,
                Entry::Instance(p) => {
                    Value::Instance(ManuallyDrop::into_inner(Arc::peek_live_ptr(p)?))
                }
                Entry::Function(p) => {
                    Value::Function(ManuallyDrop::into_inner(Arc::peek_live_ptr(p)?))
                }
                Entry::Exc(p) => Value::Exception(ManuallyDrop::into_inner(Arc::peek_live_ptr(p)?)),
                Entry::Gen(p) => Value::Generator(ManuallyDrop::into_inner(Arc::peek_live_ptr(p)?)),
                Entry::List(p) => Value::List(ManuallyDrop::into_inner(Arc::peek_live_ptr(p)?)),
                Entry::Dict(p) => Value::Dict(ManuallyDrop::into_inner(Arc::peek_live_ptr(p)?)),
                Entry::Set(p) => Value::Set(ManuallyDrop::into_inner(Arc::peek_live_ptr(p)?)),
                Entry::Cell(p) => Value::Cell(ManuallyDrop::into_inner(Arc::peek_live_ptr(p)?)),
            }))
        }
    }

    /// A handle to the object, while it lives.
    fn value(self) -> Option<Value> {
        // SAFETY: a registered address is the live allocation of an `Arc` of that type:
        // the object leaves the registry when its value is dropped (`GcSlot::drop`, or
        // for a container the `Arc`'s own drop or `try_unwrap`), which is before the
        // allocation is freed.
        unsafe {
            Some(match self {
                Entry::Free(_) => return None,
                Entry::Instance(p) => Value::Instance(Arc::from_live_ptr(p)?),
                Entry::Function(p) => Value::Function(Arc::from_live_ptr(p)?),
                Entry::Exc(p) => Value::Exception(Arc::from_live_ptr(p)?),
                Entry::Gen(p) => Value::Generator(Arc::from_live_ptr(p)?),
                Entry::List(p) => Value::List(Arc::from_live_ptr(p)?),
                Entry::Dict(p) => Value::Dict(Arc::from_live_ptr(p)?),
                Entry::Set(p) => Value::Set(Arc::from_live_ptr(p)?),
                Entry::Cell(p) => Value::Cell(Arc::from_live_ptr(p)?),
            })
        }
    }
}

struct Registry {
    /// Each with its registration number (finalizers run oldest first, as CPython's
    /// run in the order of its lists).
    slots: Vec<(Entry, u64)>,
    /// Registrations so far.
    seq: u64,
    /// The first free slot (`UNTRACKED`: none).
    free: u32,
    /// Registered objects alive.
    live: usize,
    /// Registrations minus removals since the last collection (`gc.get_count()[0]`).
    count: i64,
    /// `live` after the last collection: the next automatic one waits until the
    /// registry has doubled (Lua's default pause), so a growing heap is walked about
    /// twice in all, not every `threshold` allocations (CPython walks only its young
    /// objects that often; every collection here is a full one).
    live_after: usize,
    enabled: bool,
    threshold: [i64; 3],
    /// The `count` past which an automatic collection may be due: `threshold[0]`
    /// while enabled, else never (one comparison per registration).
    trigger: i64,
}

impl Registry {
    /// The automatic collections' trigger after a change of `enabled`/`threshold`.
    fn retrigger(&mut self) {
        self.trigger = if self.enabled && self.threshold[0] > 0 {
            self.threshold[0]
        } else {
            i64::MAX
        };
    }

    #[inline(always)]
    fn add(&mut self, e: Entry) -> u32 {
        if self.free == UNTRACKED
            && self.slots.len() == self.slots.capacity()
            && self.slots.try_reserve(1).is_err()
        {
            // No room to grow the registry: the object goes untracked, which is safe
            // (it is only never a candidate), and the program's own allocations
            // raise the `MemoryError`.
            return UNTRACKED;
        }
        self.live += 1;
        self.count += 1;
        if self.count > self.trigger
            && self.live >= 2 * self.live_after
            && !WANTED.swap(true, Ordering::Relaxed)
        {
            super::finalize::wake();
        }
        self.seq += 1;
        if self.free != UNTRACKED {
            let i = self.free;
            let (Entry::Free(next), _) = self.slots[i as usize] else {
                unreachable!("the free list holds free slots")
            };
            self.free = next;
            self.slots[i as usize] = (e, self.seq);
            i
        } else {
            self.slots.push((e, self.seq));
            (self.slots.len() - 1) as u32
        }
    }

    #[inline(always)]
    fn remove(&mut self, i: u32) {
        self.slots[i as usize] = (Entry::Free(self.free), 0);
        self.free = i;
        self.live -= 1;
        self.count -= 1;
    }
}

struct RegCell(UnsafeCell<Registry>);

// SAFETY: the registry is only touched by the thread holding the GIL (`with_reg`).
unsafe impl Sync for RegCell {}

static REG: RegCell = RegCell(UnsafeCell::new(Registry {
    slots: Vec::new(),
    seq: 0,
    free: UNTRACKED,
    live: 0,
    count: 0,
    live_after: 0,
    enabled: true,
    threshold: [700, 10, 10],
    trigger: 700,
}));

/// An automatic collection is due (see [`wanted`]).
static WANTED: AtomicBool = AtomicBool::new(false);

/// Run `f` on the registry with the GIL held (taken if this thread does not hold it,
/// as `rc` does for counts). `f` must not drop objects or register any (no nested
/// access).
#[inline]
fn with_reg<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    if gil::held_here() {
        // SAFETY: this thread holds the GIL, which serializes every access, and `f`
        // does not re-enter (see above).
        f(unsafe { &mut *REG.0.get() })
    } else {
        // SAFETY: as above, once the GIL is taken.
        gil::with_gil(|_| f(unsafe { &mut *REG.0.get() }))
    }
}

fn track(slot: &GcSlot, e: Entry) {
    let i = with_reg(|r| r.add(e));
    slot.0.store(i, Ordering::Relaxed);
}

/// A new instance handle, registered.
pub fn instance(i: Instance) -> Arc<Instance> {
    let a = Arc::new(i);
    track(&a.gc, Entry::Instance(Arc::as_ptr(&a)));
    a
}

/// A new function handle, registered.
pub fn function(f: Function) -> Arc<Function> {
    let a = Arc::new(f);
    track(&a.gc, Entry::Function(Arc::as_ptr(&a)));
    a
}

/// A new exception handle, registered.
pub fn exception(e: ExcObj) -> Arc<ExcObj> {
    let a = Arc::new(e);
    track(&a.gc, Entry::Exc(Arc::as_ptr(&a)));
    a
}

/// A new generator handle, registered.
pub fn generator(g: Generator) -> Arc<GilCell<Generator>> {
    let mut a = Arc::new(GilCell::new(g));
    let e = Entry::Gen(Arc::as_ptr(&a));
    // Its slot is reachable without a borrow: nothing else has the handle yet.
    if let Some(cell) = Arc::get_mut(&mut a) {
        track(&cell.get_mut().gc, e);
    }
    a
}

/// Register a new container (its handle's header keeps the slot, given back by the
/// `Arc` as the value goes: `rc::leave_registry`).
#[inline]
fn track_container<T>(a: &Arc<T>, e: Entry) {
    let i = with_reg(|r| r.add(e));
    Arc::set_gc_slot(a, i);
}

/// Take slot `i` out of the registry (a container's value is going: `rc`).
#[inline]
pub fn untrack(i: u32) {
    with_reg(|r| r.remove(i));
}

/// A new list, registered.
#[inline]
pub fn list(items: Vec<Value>) -> Arc<GilCell<Vec<Value>>> {
    let a = Arc::new(GilCell::new(items));
    track_container(&a, Entry::List(Arc::as_ptr(&a)));
    a
}

/// A new dict, registered.
#[inline]
pub fn dict(d: Dict) -> Arc<GilCell<Dict>> {
    let a = Arc::new(GilCell::new(d));
    track_container(&a, Entry::Dict(Arc::as_ptr(&a)));
    a
}

/// A new set, registered.
#[inline]
pub fn set(s: Set) -> Arc<GilCell<Set>> {
    let a = Arc::new(GilCell::new(s));
    track_container(&a, Entry::Set(Arc::as_ptr(&a)));
    a
}

/// A new cell (a closure's variable, `types.CellType(v)`), registered as CPython
/// tracks cells: a cycle through cells and tuples alone (`c.cell_contents = (c,)`)
/// has a registered member to be found from.
#[inline]
pub fn cell(v: Value) -> Arc<GilCell<Value>> {
    let a = Arc::new(GilCell::new(v));
    track_container(&a, Entry::Cell(Arc::as_ptr(&a)));
    a
}

/// Is `v` registered (`gc.is_tracked` for the registered kinds)?
pub fn is_registered(v: &Value) -> bool {
    let slot = |s: &GcSlot| s.0.load(Ordering::Relaxed) != UNTRACKED;
    match v {
        Value::Instance(i) => slot(&i.gc),
        Value::Function(f) => slot(&f.gc),
        Value::Exception(e) => slot(&e.gc),
        Value::Generator(_) => true,
        Value::List(l) => Arc::gc_slot(l) != UNTRACKED,
        Value::Dict(d) => Arc::gc_slot(d) != UNTRACKED,
        Value::Set(s) => Arc::gc_slot(s) != UNTRACKED,
        Value::Cell(c) => Arc::gc_slot(c) != UNTRACKED,
        _ => false,
    }
}

/// Every registered object alive (`gc.get_objects()`).
pub fn objects() -> Vec<Value> {
    registered().into_iter().filter_map(Entry::value).collect()
}

/// The registered objects, oldest first.
fn registered() -> Vec<Entry> {
    let mut slots: Vec<(Entry, u64)> = with_reg(|r| r.slots.clone());
    slots.retain(|(e, _)| !matches!(e, Entry::Free(_)));
    slots.sort_unstable_by_key(|&(_, seq)| seq);
    slots.into_iter().map(|(e, _)| e).collect()
}

/// `gc.get_count()`: registrations minus removals since the last collection.
pub fn count() -> i64 {
    with_reg(|r| r.count.max(0))
}

pub fn set_enabled(on: bool) {
    with_reg(|r| {
        r.enabled = on;
        r.retrigger();
    });
}

pub fn enabled() -> bool {
    with_reg(|r| r.enabled)
}

pub fn threshold() -> [i64; 3] {
    with_reg(|r| r.threshold)
}

pub fn set_threshold(t: [i64; 3]) {
    with_reg(|r| {
        r.threshold = t;
        r.retrigger();
    });
}

/// Is an automatic collection due? (Asked by the loop's finalizer check, which the
/// registry raises for it; lowers the request.)
pub fn wanted() -> bool {
    WANTED.load(Ordering::Relaxed) && WANTED.swap(false, Ordering::Relaxed)
}

/// The candidates' index by address: a multiplicative hash of the address (the
/// default SipHash made a collection twice as slow).
type AddrMap = HashMap<usize, u32, std::hash::BuildHasherDefault<super::hash::AddrHasher>>;

/// An uncounted copy of a handle: the analysis reads thousands of candidates and
/// their children, and counting each copy up and down cost more than the rest of it.
/// Sound because a `Peek` lives only during the analysis, while nothing runs and
/// nothing is dropped (the GIL is held, no Python code is called), so the object it
/// copies a handle of stays alive; it is never dropped (`ManuallyDrop`). What the
/// collection keeps alive past the analysis (the garbage) it clones for real.
type Peek = ManuallyDrop<Value>;

/// An uncounted copy of `v` (see [`Peek`]).
#[inline]
fn peek(v: &Value) -> Peek {
    // SAFETY: see `Peek`: the copy is never dropped and not used past the analysis.
    ManuallyDrop::new(unsafe { std::ptr::read(v) })
}

/// A `Peek` of a value `v` holds as a plain `Arc` (an instance's `__dict__`, a
/// closure's cell), made a `Value` by `wrap`.
#[inline]
fn peek_arc<T>(a: &Arc<T>, wrap: fn(Arc<T>) -> Value) -> Peek {
    // SAFETY: as in `peek`.
    ManuallyDrop::new(wrap(unsafe { std::ptr::read(a) }))
}

/// The registry slot of a registered instance, function, exception, list, dict or
/// set.
#[inline]
fn registered_slot(v: &Value) -> Option<u32> {
    let i = match v {
        Value::Instance(i) => i.gc.0.load(Ordering::Relaxed),
        Value::Function(f) => f.gc.0.load(Ordering::Relaxed),
        Value::Exception(e) => e.gc.0.load(Ordering::Relaxed),
        Value::List(l) => Arc::gc_slot(l),
        Value::Dict(d) => Arc::gc_slot(d),
        Value::Set(s) => Arc::gc_slot(s),
        Value::Cell(c) => Arc::gc_slot(c),
        _ => return None,
    };
    (i != UNTRACKED).then_some(i)
}

/// Can `v` be a candidate (a container [`children`] looks into)?
#[inline]
fn is_candidate(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Slice(_)
            | Value::Function(_)
            | Value::BoundNative(_)
            | Value::Exception(_)
            | Value::Cell(_)
            | Value::Instance(_)
            | Value::Method(_)
            | Value::Descr(_)
            | Value::Super(_)
            | Value::Generator(_)
            | Value::Iter(_)
    ) || matches!(v, Value::Object(o) if o.0.gc_container())
}

fn strong_count(v: &Value) -> usize {
    match v {
        Value::List(a) => Arc::strong_count(a),
        Value::Tuple(a) => Arc::strong_count(a),
        Value::Dict(a) => Arc::strong_count(a),
        Value::Set(a) => Arc::strong_count(a),
        Value::FrozenSet(a) => Arc::strong_count(a),
        Value::Slice(a) => Arc::strong_count(a),
        Value::Function(a) => Arc::strong_count(a),
        Value::BoundNative(a) => Arc::strong_count(a),
        Value::Exception(a) => Arc::strong_count(a),
        Value::Cell(a) => Arc::strong_count(a),
        Value::Instance(a) => Arc::strong_count(a),
        Value::Method(a) => Arc::strong_count(a),
        Value::Descr(a) => Arc::strong_count(a),
        Value::Super(a) => Arc::strong_count(a),
        Value::Generator(a) => Arc::strong_count(a),
        Value::Object(a) if a.0.gc_container() => Arc::strong_count(a),
        Value::Iter(a) => Arc::strong_count(a),
        // Not a candidate: never counted as garbage.
        _ => usize::MAX / 2,
    }
}

/// Push to `out` a handle to each candidate `v` owns, once per handle it owns (the
/// safety rule: never more). Returns how many of the first pushed are the object's
/// own attribute dicts (an instance's `__dict__`), which CPython 3.11 does not make
/// separate objects of and `gc.collect()` does not count.
fn children(gil: Gil<'_>, v: &Value, out: &mut Vec<Peek>) -> usize {
    let mut push = |x: &Value| {
        if is_candidate(x) {
            out.push(peek(x));
        }
    };
    let mut hidden = 0;
    match v {
        Value::List(l) => {
            if let Some(l) = l.try_borrow(gil) {
                l.iter().for_each(&mut push);
            }
        }
        Value::Tuple(t) => t.iter().for_each(&mut push),
        Value::Dict(d) => {
            if let Some(d) = d.try_borrow(gil) {
                for (k, v) in d.iter() {
                    push(k);
                    push(v);
                }
            }
        }
        Value::Set(s) => {
            if let Some(s) = s.try_borrow(gil) {
                s.keys().for_each(&mut push);
            }
        }
        Value::FrozenSet(s) => s.keys().for_each(&mut push),
        Value::Slice(s) => s.iter().for_each(&mut push),
        Value::Function(f) => {
            for d in [f.dict.get(), f.meta.get()].into_iter().flatten() {
                push(&peek_arc(d, Value::Dict));
                hidden += 1;
            }
            if let Some(d) = f.defaults.try_borrow(gil) {
                d.iter().for_each(&mut push);
            }
            if let Some(d) = f.kwdefaults.try_borrow(gil) {
                d.iter().for_each(|(_, v)| push(v));
            }
            for c in &f.closure {
                push(&peek_arc(c, Value::Cell));
            }
        }
        Value::BoundNative(b) => push(&b.0),
        Value::Exception(e) => {
            push(&peek_arc(&e.dict, Value::Dict));
            hidden = 1;
            if let Some(a) = e.args.try_borrow(gil) {
                a.iter().for_each(&mut push);
            }
            if let Some(a) = e.attrs.try_borrow(gil) {
                a.iter().for_each(|(_, v)| push(v));
            }
            if let Some(s) = e.state.try_borrow(gil) {
                s.context.iter().chain(s.cause.iter()).for_each(&mut push);
            }
        }
        Value::Cell(c) => {
            if let Some(c) = c.try_borrow(gil) {
                push(&c);
            }
        }
        Value::Instance(i) => {
            if own_dict(i) {
                // Its dict is its own alone: one object with it (its items are the
                // instance's references; `clear` empties it with the instance).
                if let Some(d) = i.dict.try_borrow(gil) {
                    for (k, v) in d.iter() {
                        push(k);
                        push(v);
                    }
                }
            } else {
                push(&peek_arc(&i.dict, Value::Dict));
                hidden = 1;
            }
            push(&i.base);
        }
        Value::Method(m) => {
            push(&m.func);
            push(&m.this);
        }
        Value::Descr(d) => match &**d {
            Descr::StaticMethod(f) | Descr::ClassMethod(f) => push(f),
            Descr::Property {
                fget,
                fset,
                fdel,
                doc,
            } => {
                push(fget);
                push(fset);
                push(fdel);
                if let Some(doc) = doc.try_borrow(gil) {
                    push(&doc);
                }
            }
        },
        Value::Super(s) => push(&s.this),
        Value::Generator(g) => {
            if let Some(g) = g.try_borrow(gil) {
                g.stack.iter().for_each(&mut push);
                push(&g.handled);
                push(&g.outer);
                push(&g.finalizer);
                if let Some(f) = &g.frame {
                    for c in &f.cells {
                        push(&peek_arc(c, Value::Cell));
                    }
                    if let Some(l) = &f.locals {
                        push(&peek_arc(l, Value::Dict));
                    }
                }
            }
        }
        Value::Object(o) => o.0.gc_traverse(gil, &mut push),
        Value::Iter(it) => {
            if let Some(it) = it.try_borrow(gil) {
                iter_children(&it, &mut push);
            }
        }
        _ => {}
    }
    hidden
}

/// What an iterator holds (what it iterates over, the functions of a `map` or a
/// `filter`; a module's iterator through `NativeIter::gc_traverse`), so a cycle
/// through an iterator (`obj.it = iter(container_of_obj)`) is found.
fn iter_children(it: &Iter, push: &mut dyn FnMut(&Value)) {
    match it {
        Iter::Seq { seq, .. } | Iter::Reversed { seq, .. } => push(seq),
        Iter::Chars { s, .. } => push(s),
        Iter::Dict { dict, .. } | Iter::View { dict, .. } => push(dict),
        Iter::Enumerate { inner, .. } => push(inner),
        Iter::Zip { inners, .. } => inners.iter().for_each(push),
        Iter::Map { func, inners } => {
            push(func);
            inners.iter().for_each(push);
        }
        Iter::Filter { func, inner } => {
            push(func);
            push(inner);
        }
        Iter::Soft { gen, .. } => push(gen),
        Iter::Lines { file } => push(file),
        Iter::Native(n) => n.gc_traverse(push),
        Iter::Range { .. } | Iter::LongRange(_) | Iter::Exhausted(_) => {}
    }
}

/// Is `i`'s `__dict__` part of its node: held by it alone, and not registered (a
/// registered dict is a node of its own, whose items must not be reported twice)?
fn own_dict(i: &Instance) -> bool {
    Arc::strong_count(&i.dict) == 1 && Arc::gc_slot(&i.dict) == UNTRACKED
}

/// How many objects CPython 3.11 counts for garbage `v`: a function's closure is a
/// tuple of its own there.
fn weight(v: &Value) -> usize {
    match v {
        Value::Function(f) if !f.closure.is_empty() => 2,
        _ => 1,
    }
}

/// The finalizer garbage `v` still has to run, marked as run (PEP 442: once).
fn take_finalizer(gil: Gil<'_>, v: &Value) -> Option<super::finalize::Pending> {
    use super::finalize::Pending;
    match v {
        Value::Instance(i) => {
            let flags = i.flags.load(Ordering::Relaxed);
            if flags & FINALIZED == 0 && i.class().has_del.load(Ordering::Relaxed) {
                i.flags.fetch_or(FINALIZED, Ordering::Relaxed);
                return Some(Pending::Del(v.clone()));
            }
            None
        }
        Value::Generator(g) => {
            let mut gen = g.try_borrow_mut(gil)?;
            if gen.finalized || !matches!(gen.state, GenState::Created | GenState::Suspended) {
                return None;
            }
            if gen.kind == GenKind::AsyncGenerator && !matches!(gen.finalizer, Value::Null) {
                gen.finalized = true;
                let hook = std::mem::replace(&mut gen.finalizer, Value::Null);
                return Some(Pending::Call(hook, v.clone()));
            }
            // CPython closes every unfinished generator it collects (its `finally`
            // runs; an unstarted one just drops its frame). A coroutine never
            // started is cleared, and warns as it is dropped.
            let unstarted_coroutine =
                gen.state == GenState::Created && gen.kind == GenKind::Coroutine;
            if gen.kind == GenKind::AsyncGenerator || unstarted_coroutine {
                return None;
            }
            gen.finalized = true;
            Some(Pending::Close(g.clone()))
        }
        _ => None,
    }
}

/// Break garbage `v`'s references (CPython's `tp_clear`). What it held is dropped
/// after the borrow ends.
fn clear(gil: Gil<'_>, v: &Value) {
    fn take<T: Default>(gil: Gil<'_>, c: &GilCell<T>) {
        let old = c.try_borrow_mut(gil).map(|mut c| std::mem::take(&mut *c));
        drop(old);
    }
    match v {
        Value::List(l) => take(gil, l),
        Value::Dict(d) => take(gil, d),
        Value::Set(s) => take(gil, s),
        Value::Cell(c) => {
            let old = c
                .try_borrow_mut(gil)
                .map(|mut c| std::mem::replace(&mut *c, Value::Null));
            drop(old);
        }
        // Its dict, when nothing else holds it (see `children`).
        Value::Instance(i) if own_dict(i) => take(gil, &i.dict),
        Value::Function(f) => {
            take(gil, &f.defaults);
            take(gil, &f.kwdefaults);
        }
        Value::Exception(e) => {
            take(gil, &e.args);
            take(gil, &e.attrs);
            take(gil, &e.state);
        }
        Value::Generator(g) => {
            let old = g.try_borrow_mut(gil).map(|mut g| g.clear());
            drop(old);
        }
        Value::Object(o) => o.0.gc_clear(gil),
        Value::Iter(it) => {
            let old = it.try_borrow_mut(gil).map(|mut it| {
                let name = it.type_name();
                std::mem::replace(&mut *it, Iter::Exhausted(name))
            });
            drop(old);
        }
        // The others own nothing mutable: the cycles through them are broken at
        // their mutable neighbours.
        _ => {}
    }
}

/// What a collection found.
pub struct Report {
    /// Unreachable objects freed (their cycles broken), counted as CPython 3.11
    /// counts them; not those left to their finalizers this time.
    pub freed: usize,
    /// Finalizers were queued (the garbage they reach waits for the next collection).
    pub finalizers: bool,
}

/// A full collection (see the module documentation). The finalizers it queues run at
/// the loop's next instruction, or when the caller runs them. `spare_all`: when
/// finalizers are queued, clear nothing (CPython's order, for `gc.collect()`, which
/// collects again once they ran); else only what they reach waits, so garbage
/// finalized by the last automatic collection goes even while new garbage with
/// finalizers keeps coming.
pub fn collect(gil: Gil<'_>, spare_all: bool) -> Report {
    WANTED.store(false, Ordering::Relaxed);
    // The analysis needs a few hundred bytes per registered object (its tables grow
    // as they go, where an allocation that fails would end the process): with no
    // room for them now, nothing is collected, and the program's own allocations
    // raise the `MemoryError`. (The next automatic run waits for the registry to
    // double again.)
    let registered = with_reg(|r| r.slots.len()) as u128;
    if super::memory::room(registered * 256).is_err() {
        with_reg(|r| r.live_after = r.live);
        return Report {
            freed: 0,
            finalizers: false,
        };
    }
    let roots: Vec<(Entry, u64)> = with_reg(|r| r.slots.clone());
    // Candidates: each once in `nodes` (uncounted: see `Peek`), found by address
    // (`index`); `edges` lists each one's children (`spans[i]`); the registered ones
    // come first, `seqs` their registration numbers.
    let mut nodes: Vec<Peek> = Vec::with_capacity(roots.len());
    let mut seqs: Vec<u64> = Vec::with_capacity(roots.len());
    let mut index = AddrMap::with_capacity_and_hasher(roots.len(), Default::default());
    // A registered instance, function or exception is the node of its registry slot
    // (no hashing: most candidates are those); the others are found by address.
    let add = |v: Peek, nodes: &mut Vec<Peek>, index: &mut AddrMap| {
        if let Some(slot) = registered_slot(&v) {
            return Some(slot);
        }
        let addr = v.heap_ptr()?;
        Some(*index.entry(addr).or_insert_with(|| {
            nodes.push(v);
            (nodes.len() - 1) as u32
        }))
    };
    for (e, seq) in roots {
        // A free slot, or an object being dropped: a placeholder with no edges,
        // never garbage.
        let v = e.peek().unwrap_or(ManuallyDrop::new(Value::None));
        if let Value::Generator(g) = &*v {
            index.insert(Arc::as_ptr(g) as usize, nodes.len() as u32);
        }
        nodes.push(v);
        seqs.push(seq);
    }
    let mut edges: Vec<u32> = Vec::with_capacity(2 * nodes.len());
    let mut spans: Vec<(u32, u32)> = Vec::with_capacity(nodes.len());
    let mut hidden = vec![false; 0];
    let mut kids = Vec::new();
    let mut i = 0;
    while i < nodes.len() {
        let skip = children(gil, &nodes[i], &mut kids);
        let start = edges.len() as u32;
        for (k, c) in kids.drain(..).enumerate() {
            if let Some(j) = add(c, &mut nodes, &mut index) {
                edges.push(j);
                if k < skip {
                    if hidden.len() <= j as usize {
                        hidden.resize(j as usize + 1, false);
                    }
                    hidden[j as usize] = true;
                }
            }
        }
        spans.push((start, edges.len() as u32));
        i += 1;
    }
    drop(index);
    let mut refs: Vec<isize> = nodes.iter().map(|v| strong_count(v) as isize).collect();
    for &j in &edges {
        refs[j as usize] -= 1;
    }
    if refs.iter().any(|&r| r < 0) {
        debug_assert!(false, "gc: a traversal reported more references than exist");
        return Report {
            freed: 0,
            finalizers: false,
        };
    }
    let n = nodes.len();
    let mut alive = vec![false; n];
    let mark = |from: Vec<usize>, alive: &mut Vec<bool>| {
        let mut stack = from;
        while let Some(i) = stack.pop() {
            let (a, b) = spans[i];
            for &j in &edges[a as usize..b as usize] {
                if !alive[j as usize] {
                    alive[j as usize] = true;
                    stack.push(j as usize);
                }
            }
        }
    };
    let outside: Vec<usize> = (0..n).filter(|&i| refs[i] > 0).collect();
    for &i in &outside {
        alive[i] = true;
    }
    mark(outside, &mut alive);
    let mut garbage: Vec<usize> = (0..n).filter(|&i| !alive[i]).collect();
    // Oldest registered first (the order of CPython's lists), the rest after.
    garbage.sort_by_key(|&i| seqs.get(i).copied().unwrap_or(u64::MAX));
    // The analysis is over: the garbage is held for real from here (cleared objects
    // must outlive the clearing), and the uncounted copies are forgotten.
    let held: Vec<Value> = garbage.iter().map(|&i| (*nodes[i]).clone()).collect();
    drop(nodes);
    // Finalizers first; what they reach is spared (still `alive` below).
    let mut pending = Vec::new();
    let mut spared = Vec::new();
    for (&i, v) in garbage.iter().zip(&held) {
        if let Some(p) = take_finalizer(gil, v) {
            pending.push(p);
            spared.push(i);
        }
    }
    if spare_all && !spared.is_empty() {
        spared.clone_from(&garbage);
    }
    for &i in &spared {
        alive[i] = true;
    }
    mark(spared, &mut alive);
    // A batch of finalizers runs from its end (`vm::finalize::run_pending`): these
    // are queued newest first so they run oldest first, as CPython's run in the
    // order of its lists.
    let finalizers = !pending.is_empty();
    for p in pending.into_iter().rev() {
        super::finalize::push(p);
    }
    let mut freed = 0;
    for (&i, v) in garbage.iter().zip(&held) {
        if !alive[i] {
            clear(gil, v);
            if !hidden.get(i).copied().unwrap_or(false) {
                freed += weight(v);
            }
        }
    }
    // The garbage dies as its handles here go, newest first, so the weak reference
    // callbacks its deaths queue run oldest death first (and before the finalizers).
    let mut held = held;
    while let Some(v) = held.pop() {
        drop(v);
    }
    with_reg(|r| {
        r.count = 0;
        r.live_after = r.live;
    });
    Report { freed, finalizers }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::types::types;

    fn new_instance() -> Arc<Instance> {
        instance(Instance::new(types().object.clone()))
    }

    fn set(gil: Gil<'_>, on: &Arc<Instance>, name: &str, v: Value) {
        on.dict.borrow_mut(gil).insert(Value::str(name), v).unwrap();
    }

    fn get(gil: Gil<'_>, on: &Arc<Instance>, name: &str) -> Option<Value> {
        on.dict.borrow(gil).get(&Value::str(name)).unwrap()
    }

    /// A list, dict or set is registered when made and leaves the registry as its value
    /// goes: when its last handle drops, and when `try_unwrap` moves the value out (the
    /// registry must never keep the address of an allocation that is gone); a cycle of
    /// them alone is collected.
    #[test]
    fn containers_register_and_leave() {
        gil::with_gil(|gil| {
            collect(gil, true);
            let live = || with_reg(|r| r.live);
            let base = live();
            let l = list(vec![Value::Int(1)]);
            let d = dict(Dict::new());
            let s = super::set(Set::new());
            assert!(is_registered(&Value::List(l.clone())));
            assert_eq!(live(), base + 3);
            drop(d);
            let items = Arc::try_unwrap(l)
                .ok()
                .expect("the only handle")
                .into_inner();
            assert_eq!(items.len(), 1);
            assert_eq!(live(), base + 1);
            drop(s);
            assert_eq!(live(), base);
            collect(gil, true);

            let a = list(Vec::new());
            let b = dict(Dict::new());
            a.borrow_mut(gil).push(Value::Dict(b.clone()));
            b.borrow_mut(gil)
                .insert(Value::str("a"), Value::List(a.clone()))
                .unwrap();
            let (wa, wb) = (Arc::downgrade(&a), Arc::downgrade(&b));
            drop((a, b));
            assert!(wa.upgrade().is_some(), "a cycle is not freed by counting");
            assert_eq!(collect(gil, true).freed, 2);
            assert!(wa.upgrade().is_none() && wb.upgrade().is_none());
            assert_eq!(live(), base);
        });
    }

    /// The safety rule at work: a cycle something outside holds (here a Rust handle,
    /// as the interpreter's stacks hold values) is left whole, however deep its only
    /// outside reference is; a cycle nothing holds is freed, through a list and a
    /// cell too.
    #[test]
    fn frees_unreferenced_cycles_and_nothing_held() {
        gil::with_gil(|gil| {
            let (a, b) = (new_instance(), new_instance());
            set(gil, &a, "peer", Value::Instance(b.clone()));
            set(gil, &b, "peer", Value::Instance(a.clone()));
            let inner = Value::list(vec![Value::Instance(b.clone())]);
            set(gil, &b, "items", inner);
            drop(b);

            let (c, d) = (new_instance(), new_instance());
            let cell = Value::Cell(Arc::new(GilCell::new(Value::Instance(c.clone()))));
            set(
                gil,
                &c,
                "items",
                Value::list(vec![Value::Instance(d.clone())]),
            );
            set(gil, &d, "owner", cell);
            let (wc, wd) = (Arc::downgrade(&c), Arc::downgrade(&d));
            drop((c, d));
            assert!(wc.upgrade().is_some(), "a cycle is not freed by counting");

            collect(gil, true);
            assert!(wc.upgrade().is_none() && wd.upgrade().is_none());
            let Some(Value::Instance(b)) = get(gil, &a, "peer") else {
                panic!("a's link to b was cleared")
            };
            assert!(
                matches!(get(gil, &b, "peer"), Some(Value::Instance(x)) if Arc::ptr_eq(&x, &a))
            );
            let Some(Value::List(items)) = get(gil, &b, "items") else {
                panic!("b's list was cleared")
            };
            assert_eq!(items.borrow(gil).len(), 1);
            let wa = Arc::downgrade(&a);
            drop((a, b, items));
            collect(gil, true);
            assert!(wa.upgrade().is_none());
        });
    }
}
