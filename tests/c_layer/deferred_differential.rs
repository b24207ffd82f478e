//! Rules 2–5 under load: random call trees, run once straight through (blocking calls
//! return at once) and once through the deferred (every blocking call defers, each
//! function on the way up registers its continuation, the driver resumes). The two
//! runs must log exactly the same events and end with the same result: the callback
//! queue mirrors the call stack, each continuation runs exactly once, in order.

use crate::support::*;
use deferred::{Callback, Deferred, Status, Step, Unwind};

#[derive(Debug, Clone, Copy)]
enum Action {
    /// Call another function (always one with a higher index: the tree is acyclic).
    Call(usize),
    /// A blocking call: returns the next value the environment provides.
    Block,
    /// Plain computation.
    Work(i64),
    /// Raise an exception.
    Fail,
}

const NAMES: [&str; 10] = ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9"];

/// A tiny deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) % n
    }
}

fn program(rng: &mut Rng) -> Vec<Vec<Action>> {
    let n = 2 + rng.below(8) as usize;
    (0..n)
        .map(|f| {
            (0..rng.below(6))
                .map(|_| match rng.below(20) {
                    0..=7 if f + 1 < n => {
                        Action::Call(f + 1 + rng.below((n - f - 1) as u64) as usize)
                    }
                    0..=11 => Action::Block,
                    12 => Action::Fail,
                    _ => Action::Work(rng.below(100) as i64),
                })
                .collect()
        })
        .collect()
}

/// The straight-through run: blocking calls get 10, 20, 30, ... at once.
fn direct(
    p: &[Vec<Action>],
    f: usize,
    log: &mut Vec<String>,
    blocks: &mut i64,
) -> Result<i64, String> {
    log.push(format!("enter {}", NAMES[f]));
    let mut acc = 0;
    for action in &p[f] {
        match *action {
            Action::Call(c) => acc += direct(p, c, log, blocks)?,
            Action::Block => {
                *blocks += 1;
                log.push(format!("{} got {}", NAMES[f], *blocks * 10));
                acc += *blocks * 10;
            }
            Action::Work(w) => acc += w,
            Action::Fail => {
                log.push(format!("{} raises", NAMES[f]));
                return Err(format!("error in {}", NAMES[f]));
            }
        }
    }
    log.push(format!("exit {} = {acc}", NAMES[f]));
    Ok(acc)
}

thread_local! {
    static PROGRAM: std::cell::RefCell<Vec<Vec<Action>>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn action(f: usize, pc: usize) -> Option<Action> {
    PROGRAM.with(|p| p.borrow()[f].get(pc).copied())
}

/// Run function `f` from action `pc` with `acc` so far; `resumed` is the value of the
/// blocking call at `pc - 1` (or of the call returning there) when resuming.
fn run_from(t: &mut Thread, f: usize, mut pc: usize, mut acc: i64) -> Step<i64, TestErr> {
    if pc == 0 {
        t.log.push(format!("enter {}", NAMES[f]));
    }
    while let Some(a) = action(f, pc) {
        match a {
            Action::Call(c) => match run_from(t, c, 0, 0) {
                Ok(v) => acc += v,
                Err(Unwind::Deferred) => {
                    // Deferral-aware caller: register the rest of `f`, naming `c`.
                    let rest = Callback::boxed(move |t: &mut Thread, r: Result<i64, TestErr>| {
                        run_from(t, f, pc + 1, acc + r?)
                    });
                    Deferred::add_callback(t, NAMES[f], Some(NAMES[c]), rest)?;
                    return Err(Unwind::Deferred);
                }
                Err(raise) => return Err(raise),
            },
            Action::Block => {
                t.d.begin()?;
                let rest = Callback::boxed(move |t: &mut Thread, r: Result<i64, TestErr>| {
                    let v = r?;
                    t.log.push(format!("{} got {v}", NAMES[f]));
                    run_from(t, f, pc + 1, acc + v)
                });
                Deferred::add_callback(t, NAMES[f], None, rest)?;
                return Err(Unwind::Deferred);
            }
            Action::Work(w) => acc += w,
            Action::Fail => {
                t.log.push(format!("{} raises", NAMES[f]));
                return Err(Unwind::Raise(TestErr::new(
                    "E",
                    &format!("error in {}", NAMES[f]),
                )));
            }
        }
        pc += 1;
    }
    t.log.push(format!("exit {} = {acc}", NAMES[f]));
    Ok(acc)
}

#[test]
fn deferred_runs_match_straight_runs_on_random_call_trees() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut deferrals = 0;
    for case in 0..2_000 {
        let p = program(&mut rng);
        let mut want_log = Vec::new();
        let want = direct(&p, 0, &mut want_log, &mut 0);
        PROGRAM.with(|cell| *cell.borrow_mut() = p.clone());

        let mut t = Thread::default();
        t.d.then(
            "f0",
            Callback::boxed(|t: &mut Thread, _| run_from(t, 0, 0, 0)),
        );
        let mut next = 0;
        loop {
            match Deferred::callback(&mut t, Ok(next * 10)) {
                Ok(Status::Suspended) => {
                    deferrals += 1;
                    next += 1;
                }
                Ok(Status::Finished) => break,
                Err(misuse) => panic!("case {case}: {misuse}"),
            }
        }
        let got = t.d.take_result().expect("kept").map_err(|e| e.message);
        assert_eq!(t.log, want_log, "case {case}: {p:?}");
        assert_eq!(got, want, "case {case}: {p:?}");
        assert_eq!(t.abandoned, 0, "case {case}: nothing was abandoned");
    }
    assert!(deferrals > 2_000, "the programs do defer ({deferrals})");
}
