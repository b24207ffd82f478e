//! `Arc`: the handle of every Python object, reference-counted without atomic
//! instructions because only the thread holding the GIL touches the counts.
//!
//! # Why
//!
//! A `Value` is cloned on every `LOAD_FAST` and dropped on every `POP_TOP`; with
//! `std::sync::Arc` each of those is a `lock`-prefixed read-modify-write, and a profile
//! of pyperformance's richards put about 30% of pyvm's time in them (`lock incq`/`lock
//! decq` and the stalls after them). CPython makes the same choice: `Py_INCREF` is a
//! plain add, sound because the GIL serializes every thread that could touch an object.
//!
//! # The invariant
//!
//! > The counts of a handle of this type are updated only by a thread that holds the GIL.
//!
//! That is what makes the non-atomic counts sound: with one holder at a time and the
//! GIL's lock/unlock ordering every count update before the next holder's, the counts
//! behave exactly as `std::rc::Rc`'s on one thread. Moving a handle to another thread
//! touches no count and is fine (the handle is `Send`, as `std::sync::Arc` is, for that:
//! a new OS thread receives its target function and arguments this way). Reading
//! through `&Arc<T>` is as `std::sync::Arc`'s: `T`'s own thread-safety (immutable data,
//! `GilCell` insides, atomics) governs it.
//!
//! The invariant is kept here, not by every caller: each update first asks whether
//! this thread holds the GIL (`gil::held_here`, one thread-local load and a branch the
//! CPU predicts), and a thread that does not — the runtime's own code between two
//! Python runs, a thread dropping its arguments as it exits — takes the GIL for the
//! update (`unheld`). The VM, which makes nearly all updates, always holds it.
//! `rc::tests::updates_without_the_gil_take_it` checks the counts stay exact under
//! threads that do not hold the GIL.
//!
//! Handles of genuinely shared runtime structures (mutexes, wakers, channels) stay
//! `std::sync::Arc`: this type is only for what a `Value` holds.
#![allow(unsafe_code)]

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::NonNull;

use super::gil;

struct Inner<T> {
    /// Handles (`Arc`s) alive.
    strong: Cell<usize>,
    /// `Weak`s alive, plus one held collectively by the strong handles while any is
    /// (a `u32`: more than 2^32 `Weak`s would need 32 GiB of handles alone).
    weak: Cell<u32>,
    /// The value's slot in the cycle collector's registry of containers
    /// (`gc::UNTRACKED`: none; see `objects::gc`), given back when the value goes,
    /// in the same header word as `weak`, so it costs no memory.
    gc: Cell<u32>,
    data: ManuallyDrop<T>,
}

/// A reference-counted handle whose counts are touched only under the GIL (see the
/// module documentation). The API is `std::sync::Arc`'s.
pub struct Arc<T> {
    ptr: NonNull<Inner<T>>,
    _owns: PhantomData<Inner<T>>,
}

/// A weak handle to an [`Arc`]'s value (`std::sync::Weak`'s API).
pub struct Weak<T> {
    ptr: NonNull<Inner<T>>,
    _owns: PhantomData<Inner<T>>,
}

// SAFETY: the counts are only touched by the thread holding the GIL (the module's
// invariant, checked in debug builds), which serializes those accesses across threads;
// the bounds on `T` are `std::sync::Arc`'s, since the value itself is shared and may be
// dropped by whichever thread holds the GIL last.
unsafe impl<T: Send + Sync> Send for Arc<T> {}
// SAFETY: as for `Send`.
unsafe impl<T: Send + Sync> Sync for Arc<T> {}
// SAFETY: as for `Arc`.
unsafe impl<T: Send + Sync> Send for Weak<T> {}
// SAFETY: as for `Arc`.
unsafe impl<T: Send + Sync> Sync for Weak<T> {}

/// Run `f`, a count update, with the GIL held: at once when this thread holds it (the
/// VM, natives, everything that runs Python), else after taking it (see [`unheld`]).
#[inline]
fn with_counts<R>(f: impl FnOnce() -> R) -> R {
    if gil::held_here() {
        f()
    } else {
        unheld(f)
    }
}

/// A count update by a thread that does not hold the GIL: the runtime's own code
/// between two Python runs (a program's result handed back after the reactor ended,
/// a finished micro-thread's record dropped by the driver, an OS thread's arguments
/// dropped as it exits). It takes the GIL for the update, so the invariant holds
/// without every such place having to know (pyo3 defers those updates to a pool for
/// the same reason).
#[cold]
#[inline(never)]
fn unheld<R>(f: impl FnOnce() -> R) -> R {
    gil::with_gil(|_| f())
}

impl<T> Arc<T> {
    #[inline]
    pub fn new(data: T) -> Arc<T> {
        let inner = Box::new(Inner {
            strong: Cell::new(1),
            weak: Cell::new(1),
            gc: Cell::new(super::gc::UNTRACKED),
            data: ManuallyDrop::new(data),
        });
        Arc {
            ptr: NonNull::from(Box::leak(inner)),
            _owns: PhantomData,
        }
    }

    /// A value that holds a weak handle to itself (`std::sync::Arc::new_cyclic`).
    pub fn new_cyclic(make: impl FnOnce(&Weak<T>) -> T) -> Arc<T> {
        let inner = Box::new(Inner {
            strong: Cell::new(0),
            weak: Cell::new(1),
            gc: Cell::new(super::gc::UNTRACKED),
            data: ManuallyDrop::new(std::mem::MaybeUninit::<T>::uninit()),
        });
        let ptr = NonNull::from(Box::leak(inner)).cast::<Inner<T>>();
        let weak = Weak {
            ptr,
            _owns: PhantomData,
        };
        let data = make(&weak);
        // SAFETY: `ptr` is the live allocation made above (`weak` holds it);
        // `Inner<MaybeUninit<T>>` and `Inner<T>` have the same layout (`MaybeUninit<T>`
        // is `T`'s layout and `ManuallyDrop` is transparent); nothing read `data` while
        // strong was 0 (`Weak::upgrade` fails then).
        unsafe {
            let inner = ptr.as_ptr();
            std::ptr::write(
                std::ptr::addr_of_mut!((*inner).data),
                ManuallyDrop::new(data),
            );
            (*inner).strong.set(1);
        }
        // The weak reference lent to `make` is the one the strong handles hold
        // together: kept, not given back (giving it back could free the allocation
        // when `make` kept no clone of it).
        std::mem::forget(weak);
        Arc {
            ptr,
            _owns: PhantomData,
        }
    }

    #[inline]
    fn inner(&self) -> &Inner<T> {
        // SAFETY: a live `Arc` keeps its allocation (strong > 0).
        unsafe { self.ptr.as_ref() }
    }

    #[inline]
    pub fn ptr_eq(a: &Arc<T>, b: &Arc<T>) -> bool {
        a.ptr == b.ptr
    }

    /// The address of the value (stable for the object's life, as CPython's `id`).
    #[inline]
    pub fn as_ptr(this: &Arc<T>) -> *const T {
        // SAFETY: the allocation is live; taking the field's address reads nothing.
        unsafe { std::ptr::addr_of!((*this.ptr.as_ptr()).data).cast::<T>() }
    }

    /// A new handle to the live value at `data` (an address [`Arc::as_ptr`] gave),
    /// or `None` once its last handle is gone (its value is being dropped).
    ///
    /// # Safety
    /// `data` came from `Arc::as_ptr` of a handle of this type and its allocation is
    /// still live (the cycle collector's registry guarantees it: an object leaves the
    /// registry while its value is dropped, before the allocation can be freed).
    pub unsafe fn from_live_ptr(data: *const T) -> Option<Arc<T>> {
        let offset = std::mem::offset_of!(Inner<T>, data);
        let ptr = NonNull::new(data.cast::<u8>().sub(offset).cast_mut().cast::<Inner<T>>())?;
        let inner = ptr.as_ref();
        let alive = with_counts(|| {
            let s = inner.strong.get();
            if s > 0 {
                inner.strong.set(s + 1);
            }
            s > 0
        });
        alive.then_some(Arc {
            ptr,
            _owns: PhantomData,
        })
    }

    /// An uncounted copy of a handle to the live value at `data` (no count changes),
    /// or `None` once its last handle is gone. It must never be dropped, and it is
    /// valid only while another handle keeps the value alive.
    ///
    /// # Safety
    /// As for [`Arc::from_live_ptr`]; the caller uses the copy only while the value
    /// cannot be dropped (the cycle collector's analysis, during which nothing runs).
    pub unsafe fn peek_live_ptr(data: *const T) -> Option<ManuallyDrop<Arc<T>>> {
        let offset = std::mem::offset_of!(Inner<T>, data);
        let ptr = NonNull::new(data.cast::<u8>().sub(offset).cast_mut().cast::<Inner<T>>())?;
        (ptr.as_ref().strong.get() > 0).then_some(ManuallyDrop::new(Arc {
            ptr,
            _owns: PhantomData,
        }))
    }

    /// The value's slot in the cycle collector's registry (`gc::UNTRACKED`: none).
    #[inline]
    pub fn gc_slot(this: &Arc<T>) -> u32 {
        this.inner().gc.get()
    }

    /// Record the value's registry slot (`objects::gc` only, once, at creation; the
    /// slot is given back as the value goes).
    #[inline]
    pub fn set_gc_slot(this: &Arc<T>, slot: u32) {
        this.inner().gc.set(slot);
    }

    #[inline]
    pub fn strong_count(this: &Arc<T>) -> usize {
        this.inner().strong.get()
    }

    /// `&mut` to the value when this is its only handle and no `Weak` exists.
    #[inline]
    pub fn get_mut(this: &mut Arc<T>) -> Option<&mut T> {
        let inner = this.inner();
        if inner.strong.get() == 1 && inner.weak.get() == 1 {
            // SAFETY: the only handle, borrowed mutably, and no weak handle to upgrade.
            Some(unsafe { &mut *std::ptr::addr_of_mut!((*this.ptr.as_ptr()).data).cast::<T>() })
        } else {
            None
        }
    }

    /// The value, when this is its only handle.
    pub fn try_unwrap(this: Arc<T>) -> Result<T, Arc<T>> {
        let inner = this.inner();
        if !with_counts(|| {
            let only = inner.strong.get() == 1;
            if only {
                inner.strong.set(0);
            }
            only
        }) {
            return Err(this);
        }
        let this = ManuallyDrop::new(this);
        with_counts(|| leave_registry(this.inner()));
        // SAFETY: strong went from 1 to 0 here, so nothing else reads `data`; it is
        // moved out exactly once, and the allocation is released with the strong
        // handles' collective weak reference.
        unsafe {
            let data = ManuallyDrop::take(&mut (*this.ptr.as_ptr()).data);
            with_counts(|| release_weak(this.ptr));
            Ok(data)
        }
    }

    pub fn downgrade(this: &Arc<T>) -> Weak<T> {
        let inner = this.inner();
        with_counts(|| inner.weak.set(add_weak(inner.weak.get())));
        Weak {
            ptr: this.ptr,
            _owns: PhantomData,
        }
    }

    #[cold]
    #[inline(never)]
    fn drop_slow(&mut self) {
        leave_registry(self.inner());
        // SAFETY: the last strong handle: drop the value once, then give back the
        // strong handles' collective weak reference (which frees the allocation when
        // no `Weak` is left).
        unsafe {
            ManuallyDrop::drop(&mut (*self.ptr.as_ptr()).data);
            release_weak(self.ptr);
        }
    }
}

/// One more weak reference (aborts on overflow, as `std::sync::Arc` does).
#[inline]
fn add_weak(w: u32) -> u32 {
    match w.checked_add(1) {
        Some(w) => w,
        None => std::process::abort(),
    }
}

/// The value of `inner` is going (its last handle dropped, or moved out): it leaves
/// the cycle collector's registry first, so the registry never holds an address
/// whose value is gone. With the GIL held (as every count update).
#[inline]
fn leave_registry<T>(inner: &Inner<T>) {
    let slot = inner.gc.get();
    if slot != super::gc::UNTRACKED {
        inner.gc.set(super::gc::UNTRACKED);
        super::gc::untrack(slot);
    }
}

/// Give back one weak reference; free the allocation with the last.
///
/// # Safety
/// `ptr` is a live allocation made by `Arc::new`/`new_cyclic` and the caller owns one
/// of its weak references; when it is the last, the value was already dropped.
unsafe fn release_weak<T>(ptr: NonNull<Inner<T>>) {
    let inner = ptr.as_ref();
    let w = inner.weak.get() - 1;
    inner.weak.set(w);
    if w == 0 {
        drop(Box::from_raw(ptr.as_ptr()));
    }
}

impl<T> Clone for Arc<T> {
    #[inline]
    fn clone(&self) -> Arc<T> {
        let inner = self.inner();
        with_counts(|| inner.strong.set(inner.strong.get() + 1));
        Arc {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T> Drop for Arc<T> {
    #[inline]
    fn drop(&mut self) {
        with_counts(|| {
            let inner = self.inner();
            let s = inner.strong.get() - 1;
            inner.strong.set(s);
            if s == 0 {
                self.drop_slow();
            }
        })
    }
}

impl<T> Deref for Arc<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        &self.inner().data
    }
}

impl<T> AsRef<T> for Arc<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T> std::borrow::Borrow<T> for Arc<T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T> From<T> for Arc<T> {
    fn from(v: T) -> Arc<T> {
        Arc::new(v)
    }
}

impl<T: Default> Default for Arc<T> {
    fn default() -> Arc<T> {
        Arc::new(T::default())
    }
}

impl<T: fmt::Debug> fmt::Debug for Arc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: fmt::Display> fmt::Display for Arc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: PartialEq> PartialEq for Arc<T> {
    fn eq(&self, other: &Arc<T>) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for Arc<T> {}

impl<T: std::hash::Hash> std::hash::Hash for Arc<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl<T> Weak<T> {
    /// A weak handle to nothing (`upgrade` gives `None`), as `std::sync::Weak::new`.
    pub fn new() -> Weak<T> {
        let inner = Box::new(Inner {
            strong: Cell::new(0),
            weak: Cell::new(1),
            gc: Cell::new(super::gc::UNTRACKED),
            data: ManuallyDrop::new(std::mem::MaybeUninit::<T>::uninit()),
        });
        Weak {
            // Same layout, as in `Arc::new_cyclic`; the value is never read (strong 0).
            ptr: NonNull::from(Box::leak(inner)).cast::<Inner<T>>(),
            _owns: PhantomData,
        }
    }

    /// A handle to the value if it is still alive.
    pub fn upgrade(&self) -> Option<Arc<T>> {
        // SAFETY: a `Weak` keeps the allocation (not the value) alive.
        let inner = unsafe { self.ptr.as_ref() };
        let alive = with_counts(|| {
            let s = inner.strong.get();
            if s > 0 {
                inner.strong.set(s + 1);
            }
            s > 0
        });
        if !alive {
            return None;
        }
        Some(Arc {
            ptr: self.ptr,
            _owns: PhantomData,
        })
    }

    pub fn strong_count(&self) -> usize {
        // SAFETY: as in `upgrade`.
        unsafe { self.ptr.as_ref() }.strong.get()
    }

    pub fn ptr_eq(&self, other: &Weak<T>) -> bool {
        self.ptr == other.ptr
    }

    /// The address of the value ([`Arc::as_ptr`]'s, also once the value is gone).
    pub fn as_ptr(&self) -> *const T {
        // SAFETY: the allocation is live; taking the field's address reads nothing.
        unsafe { std::ptr::addr_of!((*self.ptr.as_ptr()).data).cast::<T>() }
    }
}

impl<T> Default for Weak<T> {
    fn default() -> Weak<T> {
        Weak::new()
    }
}

impl<T> Clone for Weak<T> {
    fn clone(&self) -> Weak<T> {
        // SAFETY: as in `upgrade`.
        let inner = unsafe { self.ptr.as_ref() };
        with_counts(|| inner.weak.set(add_weak(inner.weak.get())));
        Weak {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

impl<T> Drop for Weak<T> {
    fn drop(&mut self) {
        // SAFETY: this `Weak` owns one weak reference.
        with_counts(|| unsafe { release_weak(self.ptr) })
    }
}

impl<T> fmt::Debug for Weak<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(Weak)")
    }
}

/// A handle that can be replaced while references to the handle it held are alive: an
/// instance's class, which `obj.__class__ = C` changes while the loop may hold
/// `&Arc<PyType>` borrowed from it.
///
/// The first handle is stored inline and never written again; a replacement goes into a
/// box of its own, chained to the one it replaces, and every box lives (unchanged) as
/// long as the slot. So a reference [`ArcSlot::get`] returned stays valid for the
/// slot's life, whatever is assigned after it; the price is a box per assignment, kept
/// until the slot goes (assignments are rare: a proxy or a state-machine pattern).
pub struct ArcSlot<T> {
    first: Arc<T>,
    /// The latest replacement (null while there is none).
    current: std::sync::atomic::AtomicPtr<Replaced<T>>,
}

struct Replaced<T> {
    handle: Arc<T>,
    /// The replacement this one replaced (null: it replaced `first`).
    prev: *mut Replaced<T>,
}

impl<T> ArcSlot<T> {
    pub fn new(first: Arc<T>) -> ArcSlot<T> {
        ArcSlot {
            first,
            current: std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// The handle held now.
    #[inline]
    pub fn get(&self) -> &Arc<T> {
        let p = self.current.load(std::sync::atomic::Ordering::Acquire);
        if p.is_null() {
            &self.first
        } else {
            // SAFETY: a non-null `current` is a box made by `set` and freed only by
            // `drop`, which needs the slot exclusively; nothing writes a box after it
            // is published, so the reference lives as long as `&self`.
            unsafe { &(*p).handle }
        }
    }

    /// Hold `handle` from now on (the GIL serializes callers, as for every count).
    pub fn set(&self, handle: Arc<T>) {
        let prev = self.current.load(std::sync::atomic::Ordering::Acquire);
        let boxed = Box::into_raw(Box::new(Replaced { handle, prev }));
        self.current
            .store(boxed, std::sync::atomic::Ordering::Release);
    }
}

impl<T> Drop for ArcSlot<T> {
    fn drop(&mut self) {
        let mut p = *self.current.get_mut();
        while !p.is_null() {
            // SAFETY: each box was made by `set` with `Box::into_raw` and is freed once,
            // here, walking the chain from the newest.
            let b = unsafe { Box::from_raw(p) };
            p = b.prev;
        }
    }
}

// SAFETY: as `Arc<T>`'s: the slot holds handles, and its boxes are reached only
// through `&self` (read) or the exclusive drop.
unsafe impl<T: Send + Sync> Send for ArcSlot<T> {}
// SAFETY: as for `Send`; `set` publishes a fully written box with a release store.
unsafe impl<T: Send + Sync> Sync for ArcSlot<T> {}

/// A value that is read far more often than it is replaced, and read through plain
/// shared references: a class's `__bases__` and MRO, which `C.__bases__ = ...`
/// replaces (CPython's `type_set_bases`).
///
/// Invariant: a value once published is never mutated and never freed while the
/// `Swap` lives — a replacement publishes a new box and retires the old one into a
/// list freed with the `Swap`. So a `&T` from [`Swap::get`] stays valid for as long as
/// the `&Swap` it came from, even across a replacement (which the reader then does
/// not see: a lookup that began before `__bases__` changed finishes on the old MRO,
/// as a C loop over CPython's old `tp_mro` tuple would). Each replacement keeps the
/// old value until the class goes; a program reassigning `__bases__` in a loop pays
/// that memory, the price of lock-free reads on the attribute path.
pub struct Swap<T> {
    cur: std::sync::atomic::AtomicPtr<T>,
    retired: std::sync::Mutex<Vec<Box<T>>>,
    /// `Send`/`Sync` as `T`'s (an `AtomicPtr` alone would be both for any `T`).
    _owns: PhantomData<T>,
}

impl<T> Swap<T> {
    pub fn new(v: T) -> Swap<T> {
        Swap {
            cur: std::sync::atomic::AtomicPtr::new(Box::into_raw(Box::new(v))),
            retired: std::sync::Mutex::new(Vec::new()),
            _owns: PhantomData,
        }
    }

    /// The current value.
    #[inline]
    pub fn get(&self) -> &T {
        // SAFETY: `cur` always points to a live box made by `new` or `set`, which is
        // freed only by `drop` (it is retired, not freed, when replaced), and never
        // mutated after publication; the returned borrow is tied to `&self`.
        unsafe { &*self.cur.load(std::sync::atomic::Ordering::Acquire) }
    }

    /// Publish `v`; the old value stays readable by borrows already taken.
    pub fn set(&self, v: T) {
        let new = Box::into_raw(Box::new(v));
        let old = self.cur.swap(new, std::sync::atomic::Ordering::AcqRel);
        // SAFETY: `old` came from `Box::into_raw` and is no longer published; it is
        // moved into the retired list, not freed.
        let old = unsafe { Box::from_raw(old) };
        self.retired
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(old);
    }
}

impl<T> Deref for Swap<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        self.get()
    }
}

impl<T> Drop for Swap<T> {
    fn drop(&mut self) {
        // SAFETY: `&mut self`: no borrow from `get` is alive; the box is ours.
        drop(unsafe { Box::from_raw(*self.cur.get_mut()) });
    }
}

impl<T: fmt::Debug> fmt::Debug for Swap<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    /// A borrow from `Swap::get` outlives replacements (the old value is retired,
    /// not freed), and each read after a replacement sees the new value.
    #[test]
    fn a_swap_keeps_what_it_lent() {
        let s = Swap::new(vec![1, 2, 3]);
        let first: &Vec<i32> = s.get();
        s.set(vec![4]);
        s.set(vec![5, 6]);
        assert_eq!(first, &vec![1, 2, 3]);
        assert_eq!(&*s, &vec![5, 6]);
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn a_replaced_slot_keeps_every_handle_it_lent() {
        crate::objects::gil::with_gil(|_| {
            let a = Arc::new(String::from("a"));
            let slot = ArcSlot::new(a.clone());
            let lent = slot.get();
            slot.set(Arc::new(String::from("b")));
            let lent_b = slot.get();
            slot.set(Arc::new(String::from("c")));
            assert_eq!((lent.as_str(), lent_b.as_str()), ("a", "b"));
            assert_eq!(slot.get().as_str(), "c");
            assert_eq!(Arc::strong_count(&a), 2);
            drop(slot);
            assert_eq!(Arc::strong_count(&a), 1);
        });
    }

    use super::*;
    use crate::objects::gil::with_gil;
    use std::rc::Rc;

    struct Noisy(Rc<Cell<usize>>);
    impl Drop for Noisy {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[test]
    fn counts_and_drops_once() {
        with_gil(|_| {
            let dropped = Rc::new(Cell::new(0));
            let a = Arc::new(Noisy(dropped.clone()));
            let b = a.clone();
            assert_eq!(Arc::strong_count(&a), 2);
            let w = Arc::downgrade(&a);
            drop(a);
            assert!(w.upgrade().is_some());
            drop(b);
            assert_eq!(dropped.get(), 1);
            assert!(w.upgrade().is_none());
            drop(w);
            assert_eq!(dropped.get(), 1);
        });
    }

    #[test]
    fn get_mut_and_try_unwrap_need_the_only_handle() {
        with_gil(|_| {
            let mut a = Arc::new(5);
            *Arc::get_mut(&mut a).expect("only handle") += 1;
            let w = Arc::downgrade(&a);
            assert!(
                Arc::get_mut(&mut a).is_none(),
                "a weak handle could upgrade"
            );
            drop(w);
            let b = a.clone();
            let a = Arc::try_unwrap(a).expect_err("two handles");
            drop(b);
            assert_eq!(Arc::try_unwrap(a).ok(), Some(6));
        });
    }

    #[test]
    fn new_cyclic_sees_itself_after_construction() {
        with_gil(|_| {
            // `make` keeping no weak handle: the value still lives and drops once.
            let dropped = Rc::new(Cell::new(0));
            let lone = Arc::new_cyclic(|_| Noisy(dropped.clone()));
            assert_eq!(Arc::strong_count(&lone), 1);
            drop(lone);
            assert_eq!(dropped.get(), 1);

            struct Me(Weak<Me>, u8);
            let a = Arc::new_cyclic(|w| {
                assert!(w.upgrade().is_none(), "not alive during construction");
                Me(w.clone(), 7)
            });
            let again = a.0.upgrade().expect("alive");
            assert_eq!(again.1, 7);
            assert!(Arc::ptr_eq(&a, &again));
        });
    }

    /// Threads that do not hold the GIL take it for their count updates: 4 threads
    /// cloning and dropping one handle 100,000 times each leave its count exact (with
    /// plain unsynchronized updates, some would be lost and the count wrong).
    #[test]
    fn updates_without_the_gil_take_it() {
        let a = with_gil(|_| Arc::new(7u64));
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..100_000 {
                        let b = a.clone();
                        let w = Arc::downgrade(&b);
                        drop(b);
                        assert_eq!(w.upgrade().map(|x| *x), Some(7));
                    }
                });
            }
        });
        assert_eq!(Arc::strong_count(&a), 1);
        assert_eq!(Arc::try_unwrap(a).ok(), Some(7));
    }
}
