//! Functions: Python functions (code + globals + defaults + closure cells) and the
//! static descriptors of built-in functions and methods.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use super::dict::Dict;
use super::gil::{Gil, GilCell};
use super::value::{CellRef, Value};
use crate::compile::code::Code;
use crate::native::NativeFn;

/// A Python function object.
pub struct Function {
    pub code: Arc<Code>,
    pub globals: Arc<GilCell<Dict>>,
    pub name: String,
    pub qualname: String,
    /// Defaults of the last positional parameters (`__defaults__`, assignable).
    pub defaults: GilCell<Vec<Value>>,
    /// Defaults of keyword-only parameters, by name (`__kwdefaults__`, assignable).
    pub kwdefaults: GilCell<Vec<(String, Value)>>,
    /// Cells for the code's free variables, in `code.freevars` order.
    pub closure: Vec<CellRef>,
    /// `__dict__`: attributes set by Python code (`f.calls = 0`, `functools.wraps`),
    /// made on first use (most functions never have one).
    pub dict: OnceLock<Arc<GilCell<Dict>>>,
    /// `__name__`, `__qualname__`, `__doc__`, `__module__` as the program set them
    /// (not in `__dict__`, as in CPython); made on first use.
    pub meta: OnceLock<Arc<GilCell<Dict>>>,
    /// Its place in the cycle collector's registry (`objects::gc`).
    pub gc: super::gc::GcSlot,
    /// A `weakref.ref` watches it: its death queues their callbacks.
    pub weakly_referenced: std::sync::atomic::AtomicBool,
}

impl Drop for Function {
    fn drop(&mut self) {
        if *self.weakly_referenced.get_mut() {
            super::weakref::died(self as *const Function as usize);
        }
    }
}

/// The function attributes kept outside `__dict__` once assigned.
pub const META_ATTRS: &[&str] = &[
    "__name__",
    "__qualname__",
    "__doc__",
    "__module__",
    "__annotations__",
];

impl Function {
    /// The function's `__dict__` (made now if it has none yet).
    pub fn attrs(&self) -> &Arc<GilCell<Dict>> {
        self.dict
            .get_or_init(|| Arc::new(GilCell::new(Dict::new())))
    }

    /// Where attribute `name` is stored when assigned (made now if needed).
    pub fn store_for(&self, name: &str) -> &Arc<GilCell<Dict>> {
        if META_ATTRS.contains(&name) {
            self.meta
                .get_or_init(|| Arc::new(GilCell::new(Dict::new())))
        } else {
            self.attrs()
        }
    }

    /// Attribute `name` set on the function, if any.
    pub fn attr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let cell = if META_ATTRS.contains(&name) {
            &self.meta
        } else {
            &self.dict
        };
        let d = cell.get()?.borrow(gil);
        if d.is_empty() {
            return None;
        }
        d.get_str(&super::str::PyStr::new(name.to_owned()))
    }

    /// `__qualname__` as the program last set it (`functools.wraps`, `namedtuple`),
    /// for reprs and argument errors.
    pub fn current_qualname(&self, gil: Gil<'_>) -> std::borrow::Cow<'_, str> {
        match self.attr(gil, "__qualname__") {
            Some(Value::Str(s)) => std::borrow::Cow::Owned(s.as_str().to_owned()),
            _ => std::borrow::Cow::Borrowed(&self.qualname),
        }
    }
}

/// A built-in function or method: a name and a Rust function, and whether a call of
/// it can be suspended the soft way (see [`Soft`]).
pub struct NativeDef {
    pub name: &'static str,
    pub f: NativeFn,
    pub soft: Option<Soft>,
}

/// A yes/no answer about each [`NativeDef`], kept where it is asked on every call:
/// direct-mapped by definition address, the address with the answer in its low bit
/// (definitions are `static` and aligned to 8, so an address never changes meaning
/// and its low bits are free; 0 is an empty slot). A lost slot is only asked again.
pub struct DefAnswers<const N: usize> {
    slots: [std::sync::atomic::AtomicUsize; N],
}

const _: () = assert!(std::mem::align_of::<NativeDef>() >= 8);

impl<const N: usize> DefAnswers<N> {
    pub const fn new() -> Self {
        DefAnswers {
            slots: [const { std::sync::atomic::AtomicUsize::new(0) }; N],
        }
    }

    /// The kept answer for `def`, else `ask(def)`, kept.
    #[inline]
    pub fn get(&self, def: &NativeDef, ask: impl FnOnce(&NativeDef) -> bool) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let a = def as *const NativeDef as usize;
        let slot = &self.slots[(a >> 3) % N];
        let kept = slot.load(Relaxed);
        if kept & !1 == a {
            return kept & 1 != 0;
        }
        let answer = ask(def);
        slot.store(a | usize::from(answer), Relaxed);
        answer
    }

    /// Forget every answer (what decides them changed).
    pub fn clear(&self) {
        for slot in &self.slots {
            slot.store(0, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

impl<const N: usize> Default for DefAnswers<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// A small answer (0 to 255) about each [`NativeDef`], kept as [`DefAnswers`] keeps
/// a yes/no: direct-mapped by definition address, the answer in the slot's top byte
/// (user-space addresses of statics stay far below 2^56; 0 is an empty slot).
pub struct DefTags<const N: usize> {
    slots: [std::sync::atomic::AtomicUsize; N],
}

impl<const N: usize> DefTags<N> {
    const ADDRESS: usize = (1 << 56) - 1;

    pub const fn new() -> Self {
        DefTags {
            slots: [const { std::sync::atomic::AtomicUsize::new(0) }; N],
        }
    }

    /// The kept answer for `def`, else `ask(def)`, kept.
    #[inline]
    pub fn get(&self, def: &NativeDef, ask: impl FnOnce(&NativeDef) -> u8) -> u8 {
        use std::sync::atomic::Ordering::Relaxed;
        let a = def as *const NativeDef as usize;
        let slot = &self.slots[(a >> 3) % N];
        let kept = slot.load(Relaxed);
        if kept & Self::ADDRESS == a {
            return (kept >> 56) as u8;
        }
        let answer = ask(def);
        if a & !Self::ADDRESS == 0 {
            slot.store(a | usize::from(answer) << 56, Relaxed);
        }
        answer
    }
}

impl<const N: usize> Default for DefTags<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// A built-in with a deferral-aware Python half (`pyvm/lib/_deferrable.py`): when an
/// iterable it reads may suspend the micro-thread (a micro_pipe, a generator, an
/// iterator written in Python), the driver calls the helper in its place, so a wait
/// leaves the frames on the heap (a soft switch) instead of suspending the built-in
/// on its worker stack (a hard switch). Part of the built-in's definition
/// (`natives!`'s `[soft READS "helper"]`).
#[derive(Clone, Copy, Debug)]
pub struct Soft {
    pub reads: Reads,
    /// The helper's name in `_deferrable`.
    pub helper: &'static str,
}

/// Which positional arguments a [`Soft`] built-in reads as iterables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reads {
    /// Its one argument (`list(it)`, `min(it)`; not `min(a, b)`).
    Only,
    /// The first of one or more (`sum(it, start)`, `sorted(it, key=f)`).
    First,
    /// All of them (`zip(a, b)`).
    All,
    /// All but the first, which is not an iterable (`map(f, a, b)`).
    AfterFirst,
    /// The second of exactly two (`filter(f, it)`, `sep.join(it)`, `l.extend(it)`).
    SecondOfTwo,
    /// None: the helper always runs in its place (`pipe.take_from(it)`, a loop of
    /// waits).
    Always,
}

impl Reads {
    /// The arguments read, for a call with `n` positional arguments; `None` when
    /// the call has another shape (the built-in itself then reports it).
    pub fn range(self, n: usize) -> Option<std::ops::Range<usize>> {
        match self {
            Reads::Only if n == 1 => Some(0..1),
            Reads::First if n >= 1 => Some(0..1),
            Reads::All => Some(0..n),
            Reads::AfterFirst if n >= 2 => Some(1..n),
            Reads::SecondOfTwo if n == 2 => Some(1..2),
            _ => None,
        }
    }
}
