//! `Timers`: a min-heap of deadlines over a slab of actions, with lazy cancel.
//!
//! Setting a timer pushes a heap entry and fills a slab slot; cancelling frees the slot
//! only (O(1)), leaving a *stale* heap entry that is skipped when it reaches the top.
//! When stale entries outnumber live ones the heap is rebuilt without them, so a
//! million set-and-cancel cycles keep memory bounded. Each slot carries a generation,
//! so a stale `TimerId` (fired, cancelled, slot reused) finds nothing.

use notifiers::TimerId;
use slab::Slab;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::time::Instant;

struct Entry {
    deadline: Instant,
    /// Tie-break: timers with the same deadline fire in the order they were set.
    seq: u64,
    index: u32,
    generation: u32,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    /// Reversed, so that `BinaryHeap` (a max-heap) pops the earliest deadline.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.deadline, other.seq).cmp(&(self.deadline, self.seq))
    }
}

struct Slot<A> {
    generation: u32,
    action: A,
}

pub(crate) struct Timers<A> {
    heap: BinaryHeap<Entry>,
    slots: Slab<Slot<A>>,
    next_generation: u32,
    seq: u64,
}

impl<A> Timers<A> {
    pub(crate) fn new() -> Self {
        Timers {
            heap: BinaryHeap::new(),
            slots: Slab::new(),
            next_generation: 0,
            seq: 0,
        }
    }

    /// How many timers are pending.
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn insert(&mut self, deadline: Instant, action: A) -> TimerId {
        let generation = self.next_generation;
        self.next_generation = self.next_generation.wrapping_add(1);
        let index = self.slots.insert(Slot { generation, action }) as u32;
        self.seq += 1;
        self.heap.push(Entry {
            deadline,
            seq: self.seq,
            index,
            generation,
        });
        TimerId { index, generation }
    }

    /// Cancel every timer whose action `drop` picks (a forked child's reactor).
    pub(crate) fn cancel_where(&mut self, drop: impl Fn(&A) -> bool) {
        let gone: Vec<usize> = self
            .slots
            .iter()
            .filter(|(_, s)| drop(&s.action))
            .map(|(i, _)| i)
            .collect();
        for i in gone {
            self.slots.remove(i);
        }
        self.compact();
    }

    /// Cancel a timer and return its action; `None` if it fired or was cancelled.
    pub(crate) fn cancel(&mut self, id: TimerId) -> Option<A> {
        let index = id.index as usize;
        match self.slots.get(index) {
            Some(slot) if slot.generation == id.generation => {
                let action = self.slots.remove(index).action;
                if self.heap.len() > 2 * self.slots.len() + 1024 {
                    self.compact();
                }
                Some(action)
            }
            _ => None,
        }
    }

    fn live(&self, e: &Entry) -> bool {
        matches!(self.slots.get(e.index as usize), Some(s) if s.generation == e.generation)
    }

    fn compact(&mut self) {
        let heap = std::mem::take(&mut self.heap);
        let mut live = heap.into_vec();
        live.retain(|e| self.live(e));
        self.heap = BinaryHeap::from(live);
    }

    /// The earliest pending deadline.
    pub(crate) fn next_deadline(&mut self) -> Option<Instant> {
        while let Some(top) = self.heap.peek() {
            if self.live(top) {
                return Some(top.deadline);
            }
            self.heap.pop();
        }
        None
    }

    /// Remove and return the earliest timer due at `now`, if any.
    pub(crate) fn pop_due(&mut self, now: Instant) -> Option<A> {
        loop {
            let top = self.heap.peek()?;
            if !self.live(top) {
                self.heap.pop();
                continue;
            }
            if top.deadline > now {
                return None;
            }
            let index = top.index as usize;
            self.heap.pop();
            return Some(self.slots.remove(index).action);
        }
    }
}
