//! Rules 5 and 6: a callback that defers again, and one that begins to defer and then
//! raises another exception.

use crate::support::*;
use deferred::{Callback, Deferred, Status, Unwind};

/// A callback named `name` that defers again `times` times (registering itself each
/// time, as a deferral-aware function does), then adds one to what it was resumed with.
fn deferring(name: &'static str, times: usize) -> Cb {
    Callback::boxed(move |t: &mut Thread, r: Result<i64, TestErr>| {
        let v = r.map_err(Unwind::Raise)?;
        t.log.push(format!("{name}({v})"));
        if times == 0 {
            return Ok(v + 1);
        }
        t.d.begin().map_err(Unwind::Raise)?;
        Deferred::add_callback(t, name, None, deferring(name, times - 1)).map_err(Unwind::Raise)?;
        Err(Unwind::Deferred)
    })
}

#[test]
fn a_callback_that_defers_again_stops_the_run_until_resumed() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    Deferred::add_callback(&mut t, "poll", None, deferring("poll", 2)).unwrap();
    Deferred::add_callback(&mut t, "main", Some("poll"), logging("main")).unwrap();
    assert_eq!(Deferred::callback(&mut t, Ok(1)), Ok(Status::Suspended));
    assert_eq!(pending(&t), ["poll", "main"]);
    assert_eq!(Deferred::callback(&mut t, Ok(2)), Ok(Status::Suspended));
    assert_eq!(Deferred::callback(&mut t, Ok(3)), Ok(Status::Finished));
    assert_eq!(t.log, ["poll(1)", "poll(2)", "poll(3)", "main(4)"]);
    assert_eq!(t.abandoned, 0);
}

#[test]
fn begin_then_raise_gives_a_system_error_to_the_new_callbacks() {
    // C' begins a deferral, F' and E' register, then C' raises ValueError instead of
    // returning the deferral.
    let mut t = Thread::default();
    t.d.begin().unwrap();
    let c_prime: Cb = Callback::boxed(|t: &mut Thread, _r: Result<i64, TestErr>| {
        t.d.begin().map_err(Unwind::Raise)?;
        Deferred::add_callback(t, "F", None, logging("F'")).map_err(Unwind::Raise)?;
        Deferred::add_callback(t, "E", Some("F"), logging("E'")).map_err(Unwind::Raise)?;
        Err(Unwind::Raise(TestErr::new("ValueError", "bad value")))
    });
    Deferred::add_callback(&mut t, "C", None, c_prime).unwrap();
    let b_prime: Cb = Callback::boxed(|t: &mut Thread, r: Result<i64, TestErr>| {
        let e = r.expect_err("B' gets the original exception");
        t.log.push(format!(
            "B'({}: {}, deferred context: {})",
            e.kind, e.message, e.deferred_context
        ));
        Err(Unwind::Raise(e))
    });
    Deferred::add_callback(&mut t, "B", Some("C"), b_prime).unwrap();
    Deferred::add_callback(&mut t, "A", Some("B"), logging("A'")).unwrap();

    assert_eq!(Deferred::callback(&mut t, Ok(0)), Ok(Status::Finished));
    let system = "C began to defer and then raised an exception";
    assert_eq!(
        t.log,
        [
            format!("F'(!{system})"),
            format!("E'(!{system})"),
            "B'(ValueError: bad value, deferred context: true)".to_string(),
            "A'(!bad value)".to_string(),
        ]
    );
    assert_eq!(t.abandoned, 1, "the half-made registration is withdrawn");
    let e = t.d.take_result().unwrap().unwrap_err();
    assert_eq!(e.kind, "ValueError");
}

#[test]
fn the_system_error_names_its_cause() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    let c_prime: Cb = Callback::boxed(|t: &mut Thread, _r: Result<i64, TestErr>| {
        t.d.begin().map_err(Unwind::Raise)?;
        let inspect: Cb = Callback::boxed(|t: &mut Thread, r: Result<i64, TestErr>| {
            let e = r.unwrap_err();
            let cause = e.cause.as_ref().expect("cause");
            t.log.push(format!(
                "{} caused by {}: {}",
                e.kind, cause.kind, cause.message
            ));
            Err(Unwind::Raise(e))
        });
        Deferred::add_callback(t, "F", None, inspect).map_err(Unwind::Raise)?;
        Err(Unwind::Raise(TestErr::new("KeyError", "'k'")))
    });
    Deferred::add_callback(&mut t, "C", None, c_prime).unwrap();
    Deferred::callback(&mut t, Ok(0)).unwrap();
    assert_eq!(t.log, ["SystemError caused by KeyError: 'k'"]);
}

#[test]
fn swallowing_a_deferral_is_reported_loudly() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    let swallow: Cb = Callback::boxed(|t: &mut Thread, _r: Result<i64, TestErr>| {
        t.d.begin().map_err(Unwind::Raise)?;
        Deferred::add_callback(t, "F", None, logging("F'")).map_err(Unwind::Raise)?;
        Ok(7)
    });
    Deferred::add_callback(&mut t, "C", None, swallow).unwrap();
    Deferred::add_callback(&mut t, "A", Some("C"), logging("A'")).unwrap();
    Deferred::callback(&mut t, Ok(0)).unwrap();
    let msg = "C returned a value after beginning to defer";
    assert_eq!(t.log, [format!("F'(!{msg})"), format!("A'(!{msg})")]);
    assert_eq!(t.abandoned, 1);
}

#[test]
fn returning_a_deferral_without_deferring_is_a_system_error() {
    let mut t = Thread::default();
    t.d.begin().unwrap();
    let liar: Cb = Callback::Fn(|_, _| Err(Unwind::Deferred));
    Deferred::add_callback(&mut t, "liar", None, liar).unwrap();
    Deferred::callback(&mut t, Ok(0)).unwrap();
    let e = t.d.take_result().unwrap().unwrap_err();
    assert_eq!(e.kind, "SystemError");
    assert_eq!(e.message, "liar returned a deferral without deferring");
}
