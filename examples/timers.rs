//! Timers and timeouts on the reactor: sleeping micro-threads, a wait with a time
//! limit delivered as a timeout error, `call_later`, and a cleared timer. Runs on a
//! virtual clock, so a minute of timers takes no time at all.
//!
//! Run: `cargo run --example timers`
use deferred::Unwind;
use notifiers::{Error, Event, SleepNotifier, WakeNotifier};
use reactor::Reactor;
use std::time::Duration;

type R = Reactor<Event, Error, u64>;
type Step = deferred::Step<Event, Error>;

/// Sleep `state` seconds, then say so.
fn nap(r: &mut R, _: Result<Event, Error>) -> Step {
    let secs = *r.current_state().expect("state");
    r.defer_with::<SleepNotifier<_, _>>(Duration::from_secs(secs), None, "nap", |r, woke| {
        println!(
            "{:>5.1}s  napper woke after {}s: {:?}",
            r.elapsed().as_secs_f64(),
            r.current_state().expect("state"),
            woke?
        );
        Ok(Event::Elapsed)
    })
}

/// Wait for another OS thread to wake us (nobody will), for at most 7 seconds.
fn impatient(r: &mut R, _: Result<Event, Error>) -> Step {
    r.defer_with::<WakeNotifier<_, _>>(
        (),
        Some(Duration::from_secs(7)),
        "impatient",
        |r, outcome| {
            match outcome {
                Err(Error::Timeout) => println!(
                    "{:>5.1}s  impatient gave up: timed out",
                    r.elapsed().as_secs_f64()
                ),
                other => println!(
                    "{:>5.1}s  impatient got {other:?}",
                    r.elapsed().as_secs_f64()
                ),
            }
            Ok(Event::Elapsed)
        },
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut r = R::new()?;
    r.use_virtual_clock();
    for secs in [30, 5, 12] {
        r.spawn_fn("nap", secs, Event::Elapsed, nap);
    }
    r.spawn_fn("impatient", 0, Event::Elapsed, impatient);
    r.call_later(Duration::from_secs(20), |r: &mut R| {
        println!("{:>5.1}s  call_later fired", r.elapsed().as_secs_f64())
    });
    let never = r.call_later(Duration::from_secs(60), |_: &mut R| {
        println!("this never prints")
    });
    println!("cleared the 60s timer: {}", r.clear_timer(never));
    let end = r.run()?;
    println!(
        "done at {:.1}s of virtual time: {end:?}",
        r.elapsed().as_secs_f64()
    );
    let _ = Unwind::<Error>::Deferred;
    Ok(())
}
