//! How deep a parsed tree nests, measured without recursing (a left-nested chain of
//! three million `+` is three million levels deep), and freeing such a tree without
//! recursing either. CPython refuses a tree deeper than three times the recursion
//! limit left (`COMPILER_STACK_FRAME_SCALE`): `RecursionError: maximum recursion depth
//! exceeded during compilation`. The compiler's passes recurse, so the limit also
//! keeps them within a bounded stack whatever `sys.setrecursionlimit` was given.

use std::cell::{Cell, RefCell};

use ruff_python_ast::visitor::transformer::{self, Transformer};
use ruff_python_ast::visitor::{self as visit, Visitor};
use ruff_python_ast::{Expr, ExprNoneLiteral, Stmt};

/// CPython's message.
pub const RECURSION: &str = "maximum recursion depth exceeded during compilation";

/// No tree deeper than this is compiled, whatever the recursion limit: the passes
/// recurse (on stacks grown on demand), and past this depth their stacks would take
/// more memory than a program of that size deserves.
const MAX_DEPTH: usize = 100_000;

/// Trees nesting deeper than this are freed by [`dismantle`], not by recursive drops.
pub const DEEP: usize = 1_000;

thread_local! {
    /// Levels of nesting allowed to the compilation running on this OS thread.
    static BUDGET: Cell<usize> = const { Cell::new(3 * 1000) };
}

/// Run `f` (a compilation) allowing `levels` levels of nesting: three per frame of
/// recursion limit left, as CPython (`(limit - depth) * 3`).
pub fn with_budget<R>(levels: usize, f: impl FnOnce() -> R) -> R {
    let old = BUDGET.with(|b| b.replace(levels));
    let r = f();
    BUDGET.with(|b| b.set(old));
    r
}

/// The nesting allowed now.
pub fn budget() -> usize {
    BUDGET.with(Cell::get).min(MAX_DEPTH)
}

#[derive(Clone, Copy)]
enum Node<'a> {
    Stmt(&'a Stmt),
    Expr(&'a Expr),
}

/// Collects a node's direct children (the default walks call back here instead of
/// descending).
struct Children<'a>(Vec<Node<'a>>);

impl<'a> Visitor<'a> for Children<'a> {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        self.0.push(Node::Stmt(s));
    }
    fn visit_expr(&mut self, e: &'a Expr) {
        self.0.push(Node::Expr(e));
    }
}

/// The deepest nesting of statements and expressions in `body` (statements at the top
/// are at depth `top`), counting no further than `limit + 1`.
pub fn depth(body: &[Stmt], top: usize, limit: usize) -> usize {
    let mut todo: Vec<(Node, usize)> = body.iter().map(|s| (Node::Stmt(s), top)).collect();
    let mut kids = Children(Vec::new());
    let mut deepest = 0;
    while let Some((node, d)) = todo.pop() {
        deepest = deepest.max(d);
        if d > limit {
            break;
        }
        match node {
            Node::Stmt(s) => visit::walk_stmt(&mut kids, s),
            Node::Expr(e) => visit::walk_expr(&mut kids, e),
        }
        todo.extend(kids.0.drain(..).map(|k| (k, d + 1)));
    }
    deepest
}

/// Takes each direct child expression out of the node being walked.
struct Take(RefCell<Vec<Expr>>);

impl Transformer for Take {
    fn visit_expr(&self, e: &mut Expr) {
        let leaf = Expr::NoneLiteral(ExprNoneLiteral::default());
        self.0.borrow_mut().push(std::mem::replace(e, leaf));
    }
}

/// Free `body` one expression at a time (statements nest at most 100 deep, by the
/// indentation limit; expressions are unbounded).
pub fn dismantle(body: impl IntoIterator<Item = Stmt>) {
    let take = Take(RefCell::new(Vec::new()));
    for mut s in body {
        transformer::walk_stmt(&take, &mut s);
    }
    loop {
        let next = take.0.borrow_mut().pop();
        let Some(mut e) = next else { break };
        transformer::walk_expr(&take, &mut e);
    }
}
