//! Notifiers are polled in descending priority; the global list applies to every
//! reactor of its type; the PEP's global parameters are checked.

use crate::support::*;
use deferred::DeferredId;
use notifiers::{Cx, Notifier, Priority, Status, WaitKey};
use reactor::{NotifierClass, RegistryError, RunEnd};
use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A notifier that only records when it is polled.
struct Recorder {
    name: &'static str,
    priority: Priority,
    log: Arc<Mutex<Vec<&'static str>>>,
}

impl Notifier<Val, notifiers::Error> for Recorder {
    type Reason = ();
    fn name(&self) -> &'static str {
        self.name
    }
    fn priority(&self) -> Priority {
        self.priority
    }
    fn register(
        &mut self,
        _: &mut dyn Cx<Val, notifiers::Error>,
        _: DeferredId,
        _: (),
    ) -> io::Result<WaitKey> {
        Ok(WaitKey(0))
    }
    fn poll(&mut self, _: &mut dyn Cx<Val, notifiers::Error>) -> io::Result<Status> {
        self.log.lock().unwrap().push(self.name);
        Ok(Status::NobodyWaiting)
    }
    fn timed_wait(
        &mut self,
        cx: &mut dyn Cx<Val, notifiers::Error>,
        _: Duration,
    ) -> io::Result<Status> {
        self.poll(cx)
    }
    fn wait_forever(&mut self, cx: &mut dyn Cx<Val, notifiers::Error>) -> io::Result<Status> {
        self.poll(cx)
    }
    fn withdraw(&mut self, _: DeferredId, _: WaitKey) -> bool {
        false
    }
    fn has_waiters(&self) -> bool {
        false
    }
}

fn recorder(
    name: &'static str,
    priority: i32,
    log: &Arc<Mutex<Vec<&'static str>>>,
) -> NotifierClass<Val, notifiers::Error> {
    let log = log.clone();
    NotifierClass::new(name, Priority(priority), move || {
        Ok(Recorder {
            name,
            priority: Priority(priority),
            log: log.clone(),
        })
    })
}

#[test]
fn notifiers_are_polled_in_descending_priority() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let classes = vec![
        recorder("low", 1, &log),
        recorder("high", 100, &log),
        recorder("mid", 50, &log),
    ];
    let mut r: R = R::with_notifiers(classes).unwrap();
    assert_eq!(r.notifier_names(), ["high", "mid", "low"]);
    r.spawn_fn("one", (), Val::Unit, |_, v| {
        v.map_err(deferred::Unwind::Raise)
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(*log.lock().unwrap(), ["high", "mid", "low"]);
}

/// A state type used by no other test, so this test owns its global list.
struct GlobalListTest;

#[test]
fn the_global_list_applies_to_every_reactor_of_its_type() {
    type G = R<GlobalListTest>;
    let defaults = reactor::notifier_list::<Val, notifiers::Error, GlobalListTest>();
    assert_eq!(defaults, ["signal", "wake", "io", "fd", "sleep"]);
    let mut first: G = G::new().unwrap();
    assert_eq!(first.notifier_names(), defaults);

    let log = Arc::new(Mutex::new(Vec::new()));
    reactor::add_notifier::<_, _, GlobalListTest>(recorder("audit", 32, &log)).unwrap();
    assert_eq!(
        reactor::add_notifier::<_, _, GlobalListTest>(recorder("audit", 1, &log)),
        Err(RegistryError::Duplicate("audit"))
    );
    reactor::remove_notifier::<Val, notifiers::Error, GlobalListTest>("fd").unwrap();
    assert_eq!(
        reactor::remove_notifier::<Val, notifiers::Error, GlobalListTest>("fd"),
        Err(RegistryError::NotFound("fd".into()))
    );
    // An existing reactor picks the change up on its next round; a new one at once.
    assert_eq!(first.run().unwrap(), RunEnd::Done);
    let expected = ["signal", "wake", "audit", "io", "sleep"];
    assert_eq!(first.notifier_names(), expected);
    let second: G = G::new().unwrap();
    assert_eq!(second.notifier_names(), expected);
    assert_eq!(*log.lock().unwrap(), ["audit"], "polled once by `first`");
    // Reactors of another type are unaffected.
    let other: R = R::new().unwrap();
    assert!(!other.notifier_names().contains(&"audit"));
}

#[test]
fn global_parameters_are_checked() {
    assert!(reactor::set_event_checking_threshold(0).is_err());
    assert!(reactor::set_timed_wait_seconds(-1.0).is_err());
    assert!(reactor::set_timed_wait_seconds(f64::NAN).is_err());
    assert!(reactor::set_timed_wait_seconds(f64::INFINITY).is_err());
    assert_eq!(
        reactor::event_checking_threshold(),
        reactor::DEFAULT_THRESHOLD
    );
    reactor::set_timed_wait_seconds(0.25).unwrap();
    assert_eq!(reactor::timed_wait(), Duration::from_millis(250));
    reactor::set_timed_wait_seconds(reactor::DEFAULT_TIMED_WAIT.as_secs_f64()).unwrap();
}
