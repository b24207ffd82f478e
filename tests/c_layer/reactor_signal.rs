//! A signal sent to the process arrives as an event, never handled inside the handler.

use crate::support::*;
use notifiers::signal::SignalSet;
use notifiers::{Event, SignalNotifier};
use reactor::{NotifierClass, RunEnd};
use std::time::Duration;

#[test]
fn sigusr1_sent_to_the_process_resumes_the_waiting_micro_thread() {
    let mut r: R = R::with_notifiers(vec![NotifierClass::signal(), NotifierClass::io()]).unwrap();
    let id = r.spawn_fn("wait_signal", (), Val::Unit, |r, _| {
        let set = SignalSet::of(&[signal_hook::consts::SIGUSR1]);
        r.defer_with::<SignalNotifier<_, _>>(set, None, "wait_signal", |_, input| {
            input.map_err(deferred::Unwind::Raise)
        })
    });
    // Install the handler before anything sends the signal.
    r.signals()
        .unwrap()
        .watch_signal(signal_hook::consts::SIGUSR1)
        .unwrap();
    let sender = std::thread::spawn(|| {
        std::thread::sleep(Duration::from_millis(30));
        signal_hook::low_level::raise(signal_hook::consts::SIGUSR1).unwrap();
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    sender.join().unwrap();
    let got = r.take_result(id).unwrap().unwrap();
    assert_eq!(got, Val::Event(Event::Signal(signal_hook::consts::SIGUSR1)));
}

#[test]
fn a_signal_with_nobody_waiting_is_kept_until_someone_does() {
    let mut r: R = R::with_notifiers(vec![NotifierClass::signal()]).unwrap();
    let sig = signal_hook::consts::SIGUSR2;
    r.signals().unwrap().watch_signal(sig).unwrap();
    signal_hook::low_level::raise(sig).unwrap();
    // Nobody waits: the reactor polls, keeps it pending, and ends.
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    let id = r.spawn_fn("late", (), Val::Unit, |r, _| {
        let set = SignalSet::of(&[signal_hook::consts::SIGUSR2]);
        r.defer_with::<SignalNotifier<_, _>>(set, None, "late", |_, i| {
            i.map_err(deferred::Unwind::Raise)
        })
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(
        r.take_result(id).unwrap().unwrap(),
        Val::Event(Event::Signal(sig))
    );
}

#[test]
fn uncatchable_signals_are_refused() {
    let mut r: R = R::with_notifiers(vec![NotifierClass::signal()]).unwrap();
    assert!(r
        .signals()
        .unwrap()
        .watch_signal(signal_hook::consts::SIGKILL)
        .is_err());
    assert!(r.signals().unwrap().take_pending().is_empty());
}

#[test]
fn a_round_hook_turns_a_pending_signal_into_an_exception_in_a_sleeper() {
    // The way pyvm raises KeyboardInterrupt in a main micro-thread that is asleep:
    // nobody waits on the signal, so it stays pending; the round hook throws.
    use deferred::Unwind;
    use notifiers::{Error, SleepNotifier};
    use std::time::Instant;
    let sig = signal_hook::consts::SIGHUP;
    let mut r: R<()> = R::with_notifiers(vec![
        NotifierClass::signal(),
        NotifierClass::io(),
        NotifierClass::sleep(),
    ])
    .unwrap();
    r.signals().unwrap().watch_signal(sig).unwrap();
    let main = r.spawn_fn("main", (), Val::Unit, |r, _| {
        r.defer_with::<SleepNotifier<_, _>>(Duration::from_secs(30), None, "main", |_, v| {
            v.map_err(Unwind::Raise)
        })
    });
    r.set_round_hook(Some(Box::new(move |r: &mut R<()>| {
        let pending = r.signals().map(|s| s.take_pending()).unwrap_or_default();
        if pending.contains(&signal_hook::consts::SIGHUP) {
            r.throw(main, Error::Other("KeyboardInterrupt".into()));
        }
    })));
    let sender = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        signal_hook::low_level::raise(sig).unwrap();
    });
    let start = Instant::now();
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    sender.join().unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "the 30 s sleep was cut short"
    );
    let err = r.take_result(main).unwrap().unwrap_err();
    assert_eq!(err.to_string(), "KeyboardInterrupt");
}
