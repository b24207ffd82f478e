//! `with` statements, laid out as CPython 3.11 does (one nesting level per item):
//! ```text
//!     <mgr>   BEFORE_WITH              [exit, mgr.__enter__()]
//!             SETUP_WITH handler       (the handler gets the stack cut to [exit])
//!             STORE target | POP_TOP
//!             body
//!             POP_BLOCK
//!             None None None CALL 2    exit(None, None, None)  (see `exit_with_nones`)
//!             POP_TOP   JUMP end
//!  handler:   SETUP_FINALLY cleanup    [exit, exc]
//!             PUSH_EXC_INFO            [exit, prev, exc]
//!             WITH_EXCEPT_START        [exit, prev, exc, exit(type, exc, None)]
//!             POP_JUMP_IF_TRUE suppress
//!             RERAISE                  (`cleanup` restores prev, re-raises)
//!  suppress:  POP_BLOCK  POP_TOP  POP_EXCEPT  POP_TOP   JUMP end
//!  cleanup:   POP_EXCEPT_AND_RERAISE
//!  end:
//! ```
//! `return`, `break` and `continue` leaving the body call `exit(None, None, None)`
//! on their way out (`FBlock::With`).
//!
//! `async with` is the same with `BEFORE_ASYNC_WITH` (`__aenter__`/`__aexit__`) in
//! place of `BEFORE_WITH`, and an `await` (`GET_AWAITABLE` 1 or 2 and the `SEND`
//! loop) after the `__aenter__` call and after each `__aexit__` call. `__enter__`/`__exit__` are looked up as
//! attributes and called like any callable, so Python methods run as frames.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use super::compiler::{CResult, Compiler, FBlock};
use super::opcodes::Op;
use crate::objects::value::Value;

impl<'a> Compiler<'a> {
    pub(super) fn with_stmt(&mut self, w: &'a ast::StmtWith) -> CResult {
        if w.is_async && !self.scope().is_async {
            return Err(self.err("'async with' outside async function", w.range()));
        }
        self.with_item(w, 0)
    }

    fn with_item(&mut self, w: &'a ast::StmtWith, i: usize) -> CResult {
        let item = &w.items[i];
        self.expr(&item.context_expr)?;
        // CPython reports the protocol calls at the `with` statement.
        let saved = self.set_pos(w.range());
        if w.is_async {
            self.emit(Op::BEFORE_ASYNC_WITH, 0);
            self.emit_await(1);
        } else {
            self.emit(Op::BEFORE_WITH, 0);
        }
        let setup = self.emit(Op::SETUP_WITH, 0);
        self.u().pos = saved;
        match &item.optional_vars {
            Some(t) => self.store(t)?,
            None => {
                self.emit(Op::POP_TOP, 0);
            }
        }
        self.u().fblocks.push(FBlock::With(w.range(), w.is_async));
        let body = if i + 1 < w.items.len() {
            self.with_item(w, i + 1)
        } else {
            self.stmts(&w.body)
        };
        self.u().fblocks.pop();
        body?;
        let saved = self.set_pos(w.range());
        self.emit(Op::POP_BLOCK, 0);
        self.exit_with_nones(w.range(), w.is_async);
        let mut ends = vec![self.emit(Op::JUMP_FORWARD, 0)];
        self.patch(setup);
        let cleanup = self.emit(Op::SETUP_FINALLY, 0);
        self.emit(Op::PUSH_EXC_INFO, 0);
        self.emit(Op::WITH_EXCEPT_START, 0);
        if w.is_async {
            self.emit_await(2);
        }
        let suppress = self.emit(Op::POP_JUMP_IF_TRUE, 0);
        self.emit(Op::RERAISE, 0);
        self.patch(suppress);
        self.emit(Op::POP_BLOCK, 0);
        self.emit(Op::POP_TOP, 0);
        self.emit(Op::POP_EXCEPT, 0);
        self.emit(Op::POP_TOP, 0);
        ends.push(self.emit(Op::JUMP_FORWARD, 0));
        self.patch(cleanup);
        self.emit(Op::POP_EXCEPT_AND_RERAISE, 0);
        for e in ends {
            self.patch(e);
        }
        self.u().pos = saved;
        Ok(())
    }

    /// `[exit] -> []`: call `exit(None, None, None)` (reported at the `with`
    /// statement at `at`). `CALL 2` over `[exit, None, None, None]` reads `exit` as
    /// the method slot and the first `None` as its `self`, as CPython 3.11 does.
    pub(super) fn exit_with_nones(&mut self, at: TextRange, is_async: bool) {
        let saved = self.set_pos(at);
        for _ in 0..3 {
            self.emit_const(Value::None);
        }
        self.emit(Op::CALL, 2);
        if is_async {
            self.emit_await(2);
        }
        self.emit(Op::POP_TOP, 0);
        self.u().pos = saved;
    }
}
