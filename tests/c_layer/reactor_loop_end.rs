//! `run` returns when nothing is left; a stuck micro-thread is reported, never a hang;
//! finished micro-threads hand their result to a waiter (rule 7 at the reactor).

use crate::support::*;
use deferred::{Callback, Unwind};
use notifiers::Error;
use reactor::{NotifierClass, RunEnd};
use std::time::{Duration, Instant};

#[test]
fn run_returns_at_once_with_nothing_to_do() {
    let mut r: R = R::new().unwrap();
    let start = Instant::now();
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(r.tasks(), 0);
}

#[test]
fn run_returns_when_every_micro_thread_has_finished() {
    let mut r: R = R::new().unwrap();
    let ids: Vec<_> = (0..100)
        .map(|i| r.spawn_fn("worker", (), Val::Int(i), |_, v| v.map_err(Unwind::Raise)))
        .collect();
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    for (i, id) in ids.into_iter().enumerate() {
        assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(i as i64));
    }
    assert_eq!(r.tasks(), 0, "taking a zombie's result removes it");
}

#[test]
fn a_parked_micro_thread_nobody_can_resume_is_a_deadlock() {
    let mut r: R = R::with_notifiers(vec![NotifierClass::io(), NotifierClass::sleep()]).unwrap();
    let id = r.spawn_fn("reader", (), Val::Unit, |r, _| {
        match r.park("micro_pipe #1") {
            Unwind::Deferred => {}
            raise => return Err(raise),
        }
        r.add_callback("reader", None, Callback::Pass)?;
        Err(Unwind::Deferred)
    });
    let start = Instant::now();
    let end = r.run().unwrap();
    assert!(start.elapsed() < Duration::from_secs(1), "no hang");
    let RunEnd::Deadlock(stuck) = end else {
        panic!("expected a deadlock, got {end:?}");
    };
    assert_eq!(stuck.len(), 1);
    assert_eq!(stuck[0].id, id);
    assert_eq!(stuck[0].name, "reader");
    assert_eq!(stuck[0].waiting_on, "micro_pipe #1");
    // The caller resumes it with an exception, and the run then ends cleanly.
    assert!(r.schedule_exception(id, Error::Other("deadlock".into())));
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(
        r.take_result(id).unwrap().unwrap_err().to_string(),
        "deadlock"
    );
}

#[test]
fn join_waits_for_another_micro_thread_and_gets_its_result() {
    let mut r: R<Option<deferred::DeferredId>> = R::new().unwrap();
    let child = r.spawn_fn("child", None, Val::Unit, |r, _| {
        match r.sleep(Duration::from_millis(5)) {
            Unwind::Deferred => {}
            raise => return Err(raise),
        }
        r.add_callback("child", None, Callback::Fn(|_, _| Ok(Val::Int(42))))?;
        Err(Unwind::Deferred)
    });
    let parent = r.spawn_fn("parent", Some(child), Val::Unit, |r, _| {
        let child = r.current_state().unwrap().unwrap();
        match r.join(child) {
            Unwind::Deferred => {}
            raise => return Err(raise),
        }
        r.add_callback(
            "parent",
            None,
            Callback::Fn(|_, v| {
                Ok(Val::Int(match v? {
                    Val::Int(n) => n + 1,
                    _ => -1,
                }))
            }),
        )?;
        Err(Unwind::Deferred)
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(r.take_result(parent).unwrap().unwrap(), Val::Int(43));
    assert!(
        r.take_result(child).is_none(),
        "the joiner took the child's result"
    );
}

#[test]
fn an_exception_handler_gets_the_final_exception() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let seen = Rc::new(RefCell::new(Vec::new()));
    let mut r: R = R::new().unwrap();
    let id = r.spawn_fn("failing", (), Val::Unit, |_, _| {
        Err(Unwind::Raise(Error::Other("boom".into())))
    });
    let s = seen.clone();
    assert!(r.set_exception_handler(id, move |_, e| s.borrow_mut().push(e.to_string())));
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(*seen.borrow(), ["boom"]);
    assert_eq!(r.tasks(), 0, "a handled micro-thread goes away");
}

#[test]
fn run_from_inside_a_callback_is_refused() {
    let mut r: R = R::new().unwrap();
    let id = r.spawn_fn("nested", (), Val::Unit, |r, _| match r.run() {
        Err(reactor::ReactorError::Reentrant) => Ok(Val::Int(1)),
        other => panic!("nested run: {other:?}"),
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(1));
}

#[test]
fn task_infos_report_each_micro_thread_and_what_it_waits_on() {
    use reactor::TaskState;
    let mut r: R = R::new().unwrap();
    r.use_virtual_clock();
    let sleeper = r.spawn_fn("sleeper", (), Val::Unit, |r, _| {
        let d = Duration::from_secs(60);
        r.defer_with::<notifiers::SleepNotifier<_, _>>(d, None, "sleeper", |_, v| {
            v.map_err(Unwind::Raise)
        })
    });
    let parked = r.spawn_fn("reader", (), Val::Unit, |r, _| {
        match r.park("micro_pipe #7") {
            Unwind::Deferred => {
                r.add_callback("reader", None, Callback::Pass)?;
                Err(Unwind::Deferred)
            }
            raise => Err(raise),
        }
    });
    let done = r.spawn_fn("quick", (), Val::Int(5), |_, v| v.map_err(Unwind::Raise));
    let infos = r.task_infos();
    assert!(infos.iter().all(|i| i.state == TaskState::Scheduled));
    r.call_later(Duration::from_secs(1), move |r: &mut R| {
        let by_id = |id| r.task_infos().into_iter().find(|i| i.id == id).unwrap();
        let s = by_id(sleeper);
        assert_eq!(
            (s.state, s.waiting_on.as_ref().map(|n| n.to_string())),
            (TaskState::Suspended, Some("sleep".into()))
        );
        let p = by_id(parked);
        assert_eq!(p.waiting_on.unwrap(), "micro_pipe #7");
        assert_eq!(by_id(done).state, TaskState::Zombie);
        assert!(r.throw(sleeper, Error::Other("stop".into())));
        assert!(r.throw(parked, Error::Other("stop".into())));
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(
        r.task_infos().len(),
        3,
        "three zombies until their results are taken"
    );
}
