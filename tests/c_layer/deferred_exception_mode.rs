//! Rule 2 (exception mode when an unaware function sits between) and rule 5 (a
//! callback that defers without having been the last to register).

use crate::support::*;
use deferred::{Callback, Deferred, Status, Unwind};

#[test]
fn an_unaware_function_turns_the_deferral_into_an_exception() {
    // A called U (not deferral-aware) which called C which called D which deferred.
    let mut t = Thread::default();
    t.d.begin().unwrap();
    Deferred::add_callback(&mut t, "D", None, logging("D'")).unwrap();
    Deferred::add_callback(&mut t, "C", Some("D"), logging("C'")).unwrap();
    // U does not register; A registers, naming U as the function it called.
    let err = Deferred::add_callback(&mut t, "A", Some("U"), logging("A'"))
        .expect_err("the names do not match");
    assert_eq!(err.kind, "NotImplementedError");
    assert_eq!(err.message, "Deferred execution not yet implemented by U");
    // The callbacks already accepted were called once, innermost first, with the
    // exception, so they could clean up; A' was not accepted and never runs.
    assert_eq!(
        t.log,
        [
            "D'(!Deferred execution not yet implemented by U)",
            "C'(!Deferred execution not yet implemented by U)",
        ]
    );
    assert!(t.d.is_empty());
    assert!(!t.d.is_deferring());
    assert_eq!(
        t.abandoned, 1,
        "the notifier registration must be withdrawn"
    );
}

#[test]
fn the_first_registration_must_name_no_called_function() {
    // The function that called `defer` did not register: its caller names it.
    let mut t = Thread::default();
    t.d.begin().unwrap();
    let err = Deferred::add_callback(&mut t, "handler", Some("sock_recv"), logging("h"))
        .expect_err("nobody registered as sock_recv");
    assert_eq!(
        err.message,
        "Deferred execution not yet implemented by sock_recv"
    );
    assert!(t.log.is_empty());
}

#[test]
fn names_are_case_sensitive() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    Deferred::add_callback(&mut t, "read", None, logging("r")).unwrap();
    let err = Deferred::add_callback(&mut t, "main", Some("Read"), logging("m")).unwrap_err();
    assert_eq!(
        err.message,
        "Deferred execution not yet implemented by Read"
    );
    assert_eq!(
        t.log,
        ["r(!Deferred execution not yet implemented by Read)"]
    );
}

#[test]
fn cleanup_callbacks_cannot_defer_in_exception_mode() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    let tries_to_defer: Cb = Callback::boxed(|t: &mut Thread, r: Result<i64, TestErr>| {
        let refused = t.d.begin().expect_err("exception mode refuses deferral");
        t.log.push(refused.message);
        r.map_err(Unwind::Raise)
    });
    Deferred::add_callback(&mut t, "D", None, tries_to_defer).unwrap();
    let err = Deferred::add_callback(&mut t, "A", Some("X"), logging("A")).unwrap_err();
    assert_eq!(err.message, "Deferred execution not yet implemented by X");
    assert_eq!(
        t.log,
        ["cannot defer while a deferred is in exception mode"]
    );
    assert!(!t.d.is_exception_mode());
}

#[test]
fn a_callback_that_defers_without_registering_last_ends_the_thread() {
    // Rule 5: B' calls U (unaware) which calls F which defers and registers; B' then
    // returns the deferral without registering itself.
    let mut t = Thread::default();
    t.d.begin().unwrap();
    let b_prime: Cb = Callback::boxed(|t: &mut Thread, _r: Result<i64, TestErr>| {
        t.log.push("B'".into());
        t.d.begin().map_err(Unwind::Raise)?;
        Deferred::add_callback(t, "F", None, logging("F'")).map_err(Unwind::Raise)?;
        Err(Unwind::Deferred)
    });
    Deferred::add_callback(&mut t, "B", None, b_prime).unwrap();
    Deferred::add_callback(&mut t, "A", Some("B"), logging("A'")).unwrap();
    assert_eq!(Deferred::callback(&mut t, Ok(0)), Ok(Status::Finished));
    // The exception runs through the whole sequence: F' (registered since the
    // deferral) first, then A' (waiting from before).
    assert_eq!(
        t.log,
        [
            "B'",
            "F'(!Deferred execution not yet implemented by B)",
            "A'(!Deferred execution not yet implemented by B)",
        ]
    );
    assert_eq!(t.abandoned, 1);
    let result = t.d.take_result().expect("zombie");
    assert_eq!(
        result.unwrap_err().message,
        "Deferred execution not yet implemented by B"
    );
}

#[test]
fn registering_with_nothing_deferring_is_a_system_error() {
    let mut t = Thread::default();
    let err = Deferred::add_callback(&mut t, "stray", None, logging("s")).unwrap_err();
    assert_eq!(err.kind, "SystemError");
    assert!(t.log.is_empty());
}

#[test]
fn begin_twice_is_refused() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    assert_eq!(t.d.begin().unwrap_err().kind, "SystemError");
}
