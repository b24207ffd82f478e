//! Rules 3 and 4: the PEP's queue example, verbatim.
//!
//! "Let's say that four callbacks are saved in this order: D', C', B', A' (meaning that
//! A called B, called C, called D which deferred) ... Upon resumption, D' is called,
//! then C' is called. C' then calls E which calls F which now wants to defer execution
//! again. B' and A' are still in the deferred's callback queue. When F', then E' then
//! C'' are pushed, they go in front of the callbacks still present from the last defer
//! ... F', E', C'', B', A'."

use crate::support::*;
use deferred::{Callback, Deferred, Status, Unwind};

#[test]
fn pep_queue_d_c_b_a_then_f_e_c_b_a() {
    let mut t = Thread::default();
    t.d.begin().expect("begin");
    // "after D' is added, the queue looks like: D'"
    Deferred::add_callback(&mut t, "D", None, logging("D'")).unwrap();
    assert_eq!(pending(&t), ["D"]);
    // "after C' is added, the queue looks like: D', C'"
    Deferred::add_callback(&mut t, "C", Some("D"), c_prime()).unwrap();
    assert_eq!(pending(&t), ["D", "C"]);
    // "after B' is added, the queue looks like: D', C', B'"
    Deferred::add_callback(&mut t, "B", Some("C"), logging("B'")).unwrap();
    assert_eq!(pending(&t), ["D", "C", "B"]);
    // "after A' is added, the queue looks like: D', C', B', A'"
    Deferred::add_callback(&mut t, "A", Some("B"), logging("A'")).unwrap();
    assert_eq!(pending(&t), ["D", "C", "B", "A"]);

    // "Upon resumption, D' is called, then C' is called. C' then calls E which calls F
    // which now wants to defer execution again."
    assert_eq!(Deferred::callback(&mut t, Ok(1)), Ok(Status::Suspended));
    assert_eq!(t.log, ["D'(1)", "C'(1)"]);
    // "F', E', C'', B', A'"
    assert_eq!(pending(&t), ["F", "E", "C", "B", "A"]);

    assert_eq!(Deferred::callback(&mut t, Ok(2)), Ok(Status::Finished));
    assert_eq!(
        t.log,
        ["D'(1)", "C'(1)", "F'(2)", "E'(2)", "C''(2)", "B'(2)", "A'(2)"]
    );
    assert_eq!(t.d.take_result(), Some(Ok(2)));
}

/// C': calls E, which calls F, which defers; F', E', C'' register on the way out.
fn c_prime() -> Cb {
    Callback::boxed(|t: &mut Thread, r: Result<i64, TestErr>| {
        t.log.push(format!("C'({})", r.as_ref().expect("value")));
        t.d.begin().map_err(Unwind::Raise)?;
        Deferred::add_callback(t, "F", None, logging("F'")).map_err(Unwind::Raise)?;
        Deferred::add_callback(t, "E", Some("F"), logging("E'")).map_err(Unwind::Raise)?;
        Deferred::add_callback(t, "C", Some("E"), logging("C''")).map_err(Unwind::Raise)?;
        Err(Unwind::Deferred)
    })
}

#[test]
fn each_callback_gets_the_result_of_the_one_before() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    Deferred::add_callback(&mut t, "inner", None, adding("inner", 1)).unwrap();
    Deferred::add_callback(&mut t, "middle", Some("inner"), adding("middle", 10)).unwrap();
    Deferred::add_callback(&mut t, "outer", Some("middle"), adding("outer", 100)).unwrap();
    assert_eq!(Deferred::callback(&mut t, Ok(1000)), Ok(Status::Finished));
    assert_eq!(t.log, ["inner", "middle", "outer"]);
    assert_eq!(t.d.take_result(), Some(Ok(1111)));
}

#[test]
fn an_error_travels_through_callbacks_until_one_handles_it() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    Deferred::add_callback(&mut t, "inner", None, adding("inner", 1)).unwrap();
    let handler: Cb = Callback::boxed(|t: &mut Thread, r: Result<i64, TestErr>| {
        t.log.push("except".into());
        Ok(r.unwrap_or(-1))
    });
    Deferred::add_callback(&mut t, "middle", Some("inner"), handler).unwrap();
    Deferred::add_callback(&mut t, "outer", Some("middle"), adding("outer", 100)).unwrap();
    let status = Deferred::callback(&mut t, Err(TestErr::new("OSError", "boom")));
    assert_eq!(status, Ok(Status::Finished));
    // `inner` never saw a value: `?` passed the error on without logging.
    assert_eq!(t.log, ["inner", "except", "outer"]);
    assert_eq!(t.d.take_result(), Some(Ok(99)));
}

#[test]
fn a_callback_is_called_exactly_once_across_many_deferrals() {
    let mut t = Thread::default();
    unwind_chain(&mut t, &["read", "handle", "serve"]);
    assert_eq!(Deferred::callback(&mut t, Ok(5)), Ok(Status::Finished));
    assert_eq!(t.log, ["read(5)", "handle(5)", "serve(5)"]);
    // A finished deferred cannot be resumed again: nothing is called twice.
    assert!(Deferred::callback(&mut t, Ok(6)).is_err());
    assert_eq!(t.log.len(), 3);
}

#[test]
fn pass_callbacks_only_declare_awareness() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    Deferred::add_callback(&mut t, "leaf", None, Callback::Pass).unwrap();
    Deferred::add_callback(&mut t, "root", Some("leaf"), adding("root", 1)).unwrap();
    assert_eq!(Deferred::callback(&mut t, Ok(41)), Ok(Status::Finished));
    assert_eq!(t.d.take_result(), Some(Ok(42)));
}

#[test]
fn reentrant_resumption_is_refused() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    let reenter: Cb = Callback::boxed(|t: &mut Thread, r: Result<i64, TestErr>| {
        let again = Deferred::callback(t, Ok(0));
        t.log.push(format!("{again:?}"));
        r.map_err(Unwind::Raise)
    });
    Deferred::add_callback(&mut t, "f", None, reenter).unwrap();
    assert_eq!(Deferred::callback(&mut t, Ok(1)), Ok(Status::Finished));
    assert_eq!(t.log, ["Err(AlreadyRunning)"]);
}
