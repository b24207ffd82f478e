//! `_heapq`: CPython's C heap functions over a `list` (or an instance of a `list`
//! subclass: its list, as `PyList_Append` and `PyList_SET_ITEM` reach it). Items are
//! ordered by `<` alone (`PyObject_RichCompareBool(..., Py_LT)`); a comparison may run
//! Python code (a `__lt__`, which may block its micro-thread as in `min`/`sorted`:
//! `compare::less` calls it detached) and that code may change the list: as CPython
//! does, a change of size is `RuntimeError: list changed size during iteration`, and
//! the items are read again after every comparison. No borrow of the list is held
//! while Python code runs.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::compare::less;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::types::type_name;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

pub(crate) static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "heappush" => heappush, "heappop" => heappop, "heapify" => heapify,
    "heapreplace" => heapreplace, "heappushpop" => heappushpop,
    "_heappop_max" => heappop_max, "_heapify_max" => heapify_max,
    "_heapreplace_max" => heapreplace_max,
];

const DOC: &str = "Heap queue algorithm (a.k.a. priority queue).\n\nHeaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for\nall k, counting elements from 0.  For the sake of comparison,\nnon-existing elements are considered to be infinite.  The interesting\nproperty of a heap is that a[0] is always its smallest element.\n\nUsage:\n\nheap = []            # creates an empty heap\nheappush(heap, item) # pushes a new item on the heap\nitem = heappop(heap) # pops the smallest item from the heap\nitem = heap[0]       # smallest item on the heap without popping it\nheapify(x)           # transforms list into a heap, in-place, in linear time\nitem = heapreplace(heap, item) # pops and returns smallest item, and adds\n                               # new item; the heap size is unchanged\n\nOur API differs from textbook heap algorithms as follows:\n\n- We use 0-based indexing.  This makes the relationship between the\n  index for a node and the indexes for its children slightly less\n  obvious, but is more suitable since Python uses 0-based indexing.\n\n- Our heappop() method returns the smallest item, not the largest.\n\nThese two make it possible to view the heap as a regular Python list\nwithout surprises: heap[0] is the smallest item, and heap.sort()\nmaintains the heap invariant!\n";

const ABOUT: &str = "Heap queues\n\n[explanation by Fran\u{e7}ois Pinard]\n\nHeaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for\nall k, counting elements from 0.  For the sake of comparison,\nnon-existing elements are considered to be infinite.  The interesting\nproperty of a heap is that a[0] is always its smallest element.\n\nThe strange invariant above is meant to be an efficient memory\nrepresentation for a tournament.  The numbers below are `k', not a[k]:\n\n                                   0\n\n                  1                                 2\n\n          3               4                5               6\n\n      7       8       9       10      11      12      13      14\n\n    15 16   17 18   19 20   21 22   23 24   25 26   27 28   29 30\n\n\nIn the tree above, each cell `k' is topping `2*k+1' and `2*k+2'.  In\na usual binary tournament we see in sports, each cell is the winner\nover the two cells it tops, and we can trace the winner down the tree\nto see all opponents s/he had.  However, in many computer applications\nof such tournaments, we do not need to trace the history of a winner.\nTo be more memory efficient, when a winner is promoted, we try to\nreplace it by something else at a lower level, and the rule becomes\nthat a cell and the two cells it tops contain three different items,\nbut the top cell \"wins\" over the two topped cells.\n\nIf this heap invariant is protected at all time, index 0 is clearly\nthe overall winner.  The simplest algorithmic way to remove it and\nfind the \"next\" winner is to move some loser (let's say cell 30 in the\ndiagram above) into the 0 position, and then percolate this new 0 down\nthe tree, exchanging values, until the invariant is re-established.\nThis is clearly logarithmic on the total number of items in the tree.\nBy iterating over all items, you get an O(n ln n) sort.\n\nA nice feature of this sort is that you can efficiently insert new\nitems while the sort is going on, provided that the inserted items are\nnot \"better\" than the last 0'th element you extracted.  This is\nespecially useful in simulation contexts, where the tree holds all\nincoming events, and the \"win\" condition means the smallest scheduled\ntime.  When an event schedule other events for execution, they are\nscheduled into the future, so they can easily go into the heap.  So, a\nheap is a good structure for implementing schedulers (this is what I\nused for my MIDI sequencer :-).\n\nVarious structures for implementing schedulers have been extensively\nstudied, and heaps are good for this, as they are reasonably speedy,\nthe speed is almost constant, and the worst case is not much different\nthan the average case.  However, there are other representations which\nare more efficient overall, yet the worst cases might be terrible.\n\nHeaps are also very useful in big disk sorts.  You most probably all\nknow that a big sort implies producing \"runs\" (which are pre-sorted\nsequences, which size is usually related to the amount of CPU memory),\nfollowed by a merging passes for these runs, which merging is often\nvery cleverly organised[1].  It is very important that the initial\nsort produces the longest runs possible.  Tournaments are a good way\nto that.  If, using all the memory available to hold a tournament, you\nreplace and percolate items that happen to fit the current run, you'll\nproduce runs which are twice the size of the memory for random input,\nand much better for input fuzzily ordered.\n\nMoreover, if you output the 0'th item on disk and get an input which\nmay not fit in the current tournament (because the value \"wins\" over\nthe last output value), it cannot fit in the heap, so the size of the\nheap decreases.  The freed memory could be cleverly reused immediately\nfor progressively building a second heap, which grows at exactly the\nsame rate the first heap is melting.  When the first heap completely\nvanishes, you switch heaps and start a new run.  Clever and quite\neffective!\n\nIn a word, heaps are useful memory structures to know.  I use them in\na few applications, and I think it is good to keep a `heap' module\naround. :-)\n\n--------------------\n[1] The disk balancing algorithms which are current, nowadays, are\nmore annoying than clever, and this is a consequence of the seeking\ncapabilities of the disks.  In the old days, there was no escape for\nseeking, which made the heap the fastest way to have the heap, the\nmerging of runs, and so on.  What's more, the heaps...\n";

/// The `_heapq` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_heapq", FUNCS);
        m.set(gil, "__doc__", Value::str(DOC));
        m.set(gil, "__about__", Value::str(ABOUT));
        Arc::new(m)
    })
}

type Heap = Arc<GilCell<Vec<Value>>>;

/// The list argument (Argument Clinic's `subclass_of='&PyList_Type'` check).
fn heap_arg(args: &Args, name: &str, two: bool) -> Result<Heap, PyErr> {
    let v = args.at(0);
    let list = match v {
        Value::List(l) => Some(l.clone()),
        _ => match crate::objects::class::payload(v) {
            Some(Value::List(l)) => Some(l.clone()),
            _ => None,
        },
    };
    list.ok_or_else(|| {
        type_error(format!(
            "{name}() argument{} must be list, not {}",
            if two { " 1" } else { "" },
            type_name(v)
        ))
    })
}

fn one(args: &Args, name: &str) -> Result<Heap, PyErr> {
    args.check(&format!("_heapq.{name}"), 1, 1)?;
    heap_arg(args, name, false)
}

fn two(args: &Args, name: &str) -> Result<Heap, PyErr> {
    args.check(&format!("_heapq.{name}"), 2, 2)?;
    heap_arg(args, name, true)
}

fn out_of_range() -> PyErr {
    index_error("index out of range")
}

fn changed_size() -> PyErr {
    runtime_error("list changed size during iteration")
}

/// `a < b` for a min-heap, `b < a` for a max-heap.
fn before(gil: Gil<'_>, max: bool, a: &Value, b: &Value) -> Result<bool, PyErr> {
    if max {
        less(gil, b, a)
    } else {
        less(gil, a, b)
    }
}

fn item(gil: Gil<'_>, heap: &Heap, i: usize) -> Value {
    heap.borrow(gil)[i].clone()
}

/// Move the item at `pos` up towards `start` until its parent is not greater.
fn siftdown(
    gil: Gil<'_>,
    heap: &Heap,
    start: usize,
    mut pos: usize,
    max: bool,
) -> Result<(), PyErr> {
    let size = heap.borrow(gil).len();
    if pos >= size {
        return Err(out_of_range());
    }
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let (newitem, parent) = (item(gil, heap, pos), item(gil, heap, parentpos));
        let lt = before(gil, max, &newitem, &parent)?;
        let mut h = heap.borrow_mut(gil);
        if h.len() != size {
            return Err(changed_size());
        }
        if !lt {
            break;
        }
        h.swap(parentpos, pos);
        pos = parentpos;
    }
    Ok(())
}

/// Bubble the smaller child up from `pos` to a leaf, then sift the item there down.
fn siftup(gil: Gil<'_>, heap: &Heap, mut pos: usize, max: bool) -> Result<(), PyErr> {
    let endpos = heap.borrow(gil).len();
    let startpos = pos;
    if pos >= endpos {
        return Err(out_of_range());
    }
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos {
            let (a, b) = (item(gil, heap, childpos), item(gil, heap, childpos + 1));
            if !before(gil, max, &a, &b)? {
                childpos += 1;
            }
            if heap.borrow(gil).len() != endpos {
                return Err(changed_size());
            }
        }
        heap.borrow_mut(gil).swap(childpos, pos);
        pos = childpos;
    }
    siftdown(gil, heap, startpos, pos, max)
}

/// `heappush(heap, item, /)`.
fn heappush(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let heap = two(&args, "heappush")?;
    let n = {
        let mut h = heap.borrow_mut(cx.gil);
        h.push(args.at(1).clone());
        h.len()
    };
    siftdown(cx.gil, &heap, 0, n - 1, false)?;
    Ok(Value::None)
}

fn pop_internal(gil: Gil<'_>, heap: &Heap, max: bool) -> PyResult<Value> {
    let (lastelt, n) = {
        let mut h = heap.borrow_mut(gil);
        let Some(last) = h.pop() else {
            return Err(out_of_range().into());
        };
        (last, h.len())
    };
    if n == 0 {
        return Ok(lastelt);
    }
    let returnitem = std::mem::replace(&mut heap.borrow_mut(gil)[0], lastelt);
    siftup(gil, heap, 0, max)?;
    Ok(returnitem)
}

/// `heappop(heap, /)`.
fn heappop(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let heap = one(&args, "heappop")?;
    pop_internal(cx.gil, &heap, false)
}

/// `_heappop_max(heap, /)`.
fn heappop_max(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let heap = one(&args, "_heappop_max")?;
    pop_internal(cx.gil, &heap, true)
}

fn replace_internal(gil: Gil<'_>, heap: &Heap, item: Value, max: bool) -> PyResult<Value> {
    let returnitem = {
        let mut h = heap.borrow_mut(gil);
        if h.is_empty() {
            return Err(out_of_range().into());
        }
        std::mem::replace(&mut h[0], item)
    };
    siftup(gil, heap, 0, max)?;
    Ok(returnitem)
}

/// `heapreplace(heap, item, /)`.
fn heapreplace(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let heap = two(&args, "heapreplace")?;
    replace_internal(cx.gil, &heap, args.at(1).clone(), false)
}

/// `_heapreplace_max(heap, item, /)`.
fn heapreplace_max(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let heap = two(&args, "_heapreplace_max")?;
    replace_internal(cx.gil, &heap, args.at(1).clone(), true)
}

/// `heappushpop(heap, item, /)`: push then pop, faster.
fn heappushpop(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let heap = two(&args, "heappushpop")?;
    let item = args.at(1).clone();
    let top = match heap.borrow(cx.gil).first() {
        None => return Ok(item),
        Some(top) => top.clone(),
    };
    if !less(cx.gil, &top, &item)? {
        return Ok(item);
    }
    replace_internal(cx.gil, &heap, item, false)
}

/// Sift every parent, last first; above 2,500 items CPython's cache-friendly order
/// (the same comparisons' outcome, another order: the result is the same heap).
fn heapify_internal(gil: Gil<'_>, heap: &Heap, max: bool) -> PyResult<Value> {
    let n = heap.borrow(gil).len();
    if n > 2500 {
        let m = n >> 1;
        let leftmost = keep_top_bit(m + 1) - 1;
        let mhalf = m >> 1;
        for range in [(mhalf, leftmost), (leftmost, m)] {
            for i in (range.0..range.1).rev() {
                let mut j = i;
                loop {
                    siftup(gil, heap, j, max)?;
                    if j & 1 == 0 {
                        break;
                    }
                    j >>= 1;
                }
            }
        }
        return Ok(Value::None);
    }
    for i in (0..n >> 1).rev() {
        siftup(gil, heap, i, max)?;
    }
    Ok(Value::None)
}

fn keep_top_bit(mut n: usize) -> usize {
    let mut i = 0;
    while n > 1 {
        n >>= 1;
        i += 1;
    }
    n << i
}

/// `heapify(heap, /)`.
fn heapify(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let heap = one(&args, "heapify")?;
    heapify_internal(cx.gil, &heap, false)
}

/// `_heapify_max(heap, /)`.
fn heapify_max(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let heap = one(&args, "_heapify_max")?;
    heapify_internal(cx.gil, &heap, true)
}
