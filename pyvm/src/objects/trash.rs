//! Dropping deeply nested containers without deep Rust recursion (CPython's
//! "trashcan"). Freeing `[[[...]]]` a million levels deep would otherwise recurse
//! once per level (Arc -> list -> item -> Arc -> ...) and overflow the Rust stack.
//!
//! Every container's insides are freed through [`dispose`]: a thread-local depth
//! counts how many disposals are running inside each other; past `LIMIT` the insides
//! are parked in a work list instead, and the outermost disposal frees the parked ones
//! one by one, each again with a fresh depth budget. The stack then holds at most
//! `LIMIT` levels, and the common (shallow) case costs one thread-local counter update.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::ops::{Deref, DerefMut};

use super::value::Value;

/// How many disposals may nest before the next is parked.
const LIMIT: u32 = 256;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static PARKED: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
    /// Something was parked since the work list was last emptied: the outermost
    /// disposal looks at the list only then (a flag read, where the list's borrow
    /// cost every container freed).
    static ANY_PARKED: Cell<bool> = const { Cell::new(false) };
}

/// Free `insides` (a container's contents whose last owner is going away) now, or park
/// it when this thread is already `LIMIT` disposals deep.
pub fn dispose<T: 'static>(insides: T) {
    let depth = DEPTH.get();
    // (Also when the stack runs low first: an OS thread's small worker stack.)
    if depth >= LIMIT || (depth > 0 && crate::stack::low()) {
        let parked = Box::new(insides) as Box<dyn Any>;
        // During thread-local teardown there is no work list: the closure is then
        // dropped unrun, which frees the box here.
        let _ = PARKED.try_with(move |p| p.borrow_mut().push(parked));
        ANY_PARKED.set(true);
        return;
    }
    DEPTH.set(depth + 1);
    drop(insides);
    if depth == 0 && ANY_PARKED.get() {
        // The outermost disposal frees everything parked below it, LIFO (the parked
        // item's own children may park more).
        while let Some(next) = PARKED.try_with(|p| p.borrow_mut().pop()).ok().flatten() {
            drop(next);
        }
        ANY_PARKED.set(false);
    }
    DEPTH.set(depth);
}

/// A tuple's items: a `Vec` whose drop goes through [`dispose`].
pub struct TupleItems(Vec<Value>);

impl TupleItems {
    pub fn new(items: Vec<Value>) -> TupleItems {
        TupleItems(items)
    }
}

impl Deref for TupleItems {
    type Target = Vec<Value>;
    fn deref(&self) -> &Vec<Value> {
        &self.0
    }
}

impl DerefMut for TupleItems {
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        &mut self.0
    }
}

impl Drop for TupleItems {
    fn drop(&mut self) {
        if !self.0.is_empty() {
            dispose(std::mem::take(&mut self.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::dict::Dict;
    use super::*;

    /// Without `dispose`, each of these drops recurses once per level and overflows a
    /// small stack (256 KiB optimized; 4 MiB for a debug build's much larger frames —
    /// 200,000 levels would still need hundreds of MiB).
    #[test]
    fn deep_nesting_drops_on_a_small_stack() {
        let stack = if cfg!(debug_assertions) {
            4 << 20
        } else {
            256 << 10
        };
        let t = std::thread::Builder::new()
            .stack_size(stack)
            .spawn(|| crate::objects::gil::with_gil(|_| deep_drop()));
        assert_eq!(t.unwrap().join().unwrap(), 0);
    }

    fn deep_drop() -> u32 {
        {
            const DEEP: usize = 200_000;
            let mut list = Value::list(vec![]);
            let mut tuple = Value::tuple(vec![]);
            let mut dict = Value::dict(Dict::new());
            for _ in 0..DEEP {
                list = Value::list(vec![list, Value::Int(1)]);
                tuple = Value::tuple(vec![tuple]);
                let mut d = Dict::new();
                d.insert(Value::Int(1), dict).unwrap();
                dict = Value::dict(d);
            }
            // Mixed: a list of tuples of dicts of the above.
            let mut d = Dict::new();
            d.insert(Value::Int(0), list).unwrap();
            let mixed = Value::list(vec![Value::tuple(vec![Value::dict(d), tuple]), dict]);
            drop(mixed);
        }
        DEPTH.get()
    }
}
