//! A million pending timers, half of them cancelled: memory stays bounded (cancel is
//! O(1) with lazy heap cleanup) and the rest fire in deadline order.

use crate::support::*;
use reactor::{NotifierClass, RunEnd};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

#[test]
fn a_million_pending_timers_with_half_cancelled() {
    const N: u64 = 1_000_000;
    let mut r: R = R::with_notifiers(vec![NotifierClass::sleep()]).unwrap();
    r.use_virtual_clock();
    let last = Rc::new(Cell::new(0u64));
    let fired = Rc::new(Cell::new(0u64));
    let mut ids = Vec::with_capacity(N as usize);
    for i in 0..N {
        // Deadlines in a scrambled order over about 11 virtual days.
        let at = i.wrapping_mul(7_919) % N;
        let (last, fired) = (last.clone(), fired.clone());
        ids.push(r.call_later(Duration::from_secs(at), move |r: &mut R| {
            let now = r.elapsed().as_secs();
            assert!(now >= last.get(), "fired out of order");
            assert_eq!(now, at);
            last.set(now);
            fired.set(fired.get() + 1);
        }));
    }
    assert_eq!(r.pending_timers(), N as usize);
    for id in ids.iter().step_by(2) {
        assert!(r.clear_timer(*id));
    }
    assert_eq!(r.pending_timers(), (N / 2) as usize);
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(fired.get(), N / 2);
    assert_eq!(r.pending_timers(), 0);
}
