//! Shared helpers: a test error type and a micro-thread-like context with a call log.
#![allow(dead_code)]

use deferred::{Callback, Context, DeferError, Deferred, Step, Unwind};

/// A test error: a kind and a message, with an optional cause and the rule-6 flag.
#[derive(Debug, Clone, PartialEq)]
pub struct TestErr {
    pub kind: &'static str,
    pub message: String,
    pub cause: Option<Box<TestErr>>,
    pub deferred_context: bool,
}

impl TestErr {
    pub fn new(kind: &'static str, message: &str) -> Self {
        TestErr {
            kind,
            message: message.to_owned(),
            cause: None,
            deferred_context: false,
        }
    }
}

impl DeferError for TestErr {
    fn not_implemented(name: &str) -> Self {
        TestErr::new(
            "NotImplementedError",
            &deferred::not_implemented_message(name),
        )
    }
    fn system_error(message: &str, cause: Option<&Self>) -> Self {
        TestErr {
            cause: cause.map(|c| Box::new(c.clone())),
            ..TestErr::new("SystemError", message)
        }
    }
    fn set_deferred_context(&mut self) {
        self.deferred_context = true;
    }
}

/// A micro-thread stand-in: its deferred, a log of what ran, and a count of
/// abandoned deferrals (what a reactor would deregister).
#[derive(Default)]
pub struct Thread {
    pub d: Deferred<i64, TestErr, Thread>,
    pub log: Vec<String>,
    pub abandoned: usize,
}

impl Context<i64, TestErr> for Thread {
    fn deferred(&mut self) -> &mut Deferred<i64, TestErr, Thread> {
        &mut self.d
    }
    fn deferral_abandoned(&mut self) {
        self.abandoned += 1;
    }
}

pub type Cb = Callback<i64, TestErr, Thread>;

/// A callback that logs `label` with what it received and passes it on.
pub fn logging(label: &'static str) -> Cb {
    Callback::boxed(move |t: &mut Thread, r: Result<i64, TestErr>| {
        t.log.push(match &r {
            Ok(v) => format!("{label}({v})"),
            Err(e) => format!("{label}(!{})", e.message),
        });
        r.map_err(Unwind::Raise)
    })
}

/// A callback that logs `label` and adds `n` to the value.
pub fn adding(label: &'static str, n: i64) -> Cb {
    Callback::boxed(
        move |t: &mut Thread, r: Result<i64, TestErr>| -> Step<i64, TestErr> {
            t.log.push(label.to_string());
            Ok(r? + n)
        },
    )
}

/// Register callbacks as the functions `names` (innermost first) unwind a fresh
/// deferral, each naming the one before as the function it called.
pub fn unwind_chain(t: &mut Thread, names: &[&'static str]) {
    t.d.begin().expect("begin");
    let mut called: Option<&'static str> = None;
    for &name in names {
        Deferred::add_callback(t, name, called, logging(name)).expect("accepted");
        called = Some(name);
    }
}

pub fn pending(t: &Thread) -> Vec<String> {
    t.d.pending().map(|n| n.to_string()).collect()
}

// ----- reactor helpers -----------------------------------------------------------

use notifiers::Event;

/// The value micro-threads resume with in the reactor tests.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Event(Event),
    Int(i64),
    Unit,
}

impl From<Event> for Val {
    fn from(e: Event) -> Self {
        Val::Event(e)
    }
}

pub type R<S = ()> = reactor::Reactor<Val, notifiers::Error, S>;
pub type Out = Result<Val, notifiers::Error>;
pub type RStep = Step<Val, notifiers::Error>;
