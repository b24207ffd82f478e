//! Rule 7: the final result goes to the exception handler, or is kept for `wait`.

use crate::support::*;
use deferred::{Callback, Deferred, State, Status};
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn without_a_handler_the_result_is_kept_as_a_zombie() {
    let mut t = Thread::default();
    t.d.then("main", adding("main", 1));
    assert_eq!(Deferred::callback(&mut t, Ok(1)), Ok(Status::Finished));
    assert_eq!(t.d.state(), State::Zombie);
    assert_eq!(t.d.take_result(), Some(Ok(2)));
    assert_eq!(t.d.take_result(), None, "taken once");
}

#[test]
fn an_exception_goes_to_the_handler_and_nothing_is_kept() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let mut t = Thread::default();
    let s = seen.clone();
    t.d.set_exception_handler(move |_t: &mut Thread, e: TestErr| s.borrow_mut().push(e.message));
    t.d.then("main", logging("main"));
    let status = Deferred::callback(&mut t, Err(TestErr::new("RuntimeError", "died")));
    assert_eq!(status, Ok(Status::Finished));
    assert_eq!(t.d.state(), State::Finished);
    assert_eq!(*seen.borrow(), ["died"]);
    assert_eq!(t.d.take_result(), None);
}

#[test]
fn a_value_with_a_handler_goes_away_silently() {
    let calls = Rc::new(RefCell::new(0));
    let mut t = Thread::default();
    let c = calls.clone();
    t.d.set_exception_handler(move |_t: &mut Thread, _e: TestErr| *c.borrow_mut() += 1);
    t.d.then("main", adding("main", 1));
    Deferred::callback(&mut t, Ok(0)).unwrap();
    assert_eq!(*calls.borrow(), 0);
    assert_eq!(t.d.take_result(), None);
}

#[test]
fn then_appends_after_pending_callbacks() {
    let mut t = Thread::default();
    t.d.then("first", adding("first", 1));
    t.d.then("second", adding("second", 10));
    assert_eq!(pending(&t), ["first", "second"]);
    Deferred::callback(&mut t, Ok(0)).unwrap();
    assert_eq!(t.d.take_result(), Some(Ok(11)));
}

#[test]
fn reset_makes_a_finished_deferred_reusable() {
    let mut t = Thread::default();
    t.d.then("one", adding("one", 1));
    Deferred::callback(&mut t, Ok(0)).unwrap();
    assert!(Deferred::callback(&mut t, Ok(0)).is_err());
    t.d.reset();
    t.d.then("two", adding("two", 2));
    Deferred::callback(&mut t, Ok(0)).unwrap();
    assert_eq!(t.d.take_result(), Some(Ok(2)));
    let _unused: Callback<i64, TestErr, Thread> = Callback::Pass;
}
