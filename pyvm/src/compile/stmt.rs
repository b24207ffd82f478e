//! Statements to bytecode: assignment, control flow, `try`, functions, imports.
//!
//! `try`/`except` layout (the handler runs with the previous handled exception saved on
//! the stack, so a `raise` inside it chains `__context__`):
//! ```text
//!     SETUP_FINALLY handler      body      POP_BLOCK   else-body   JUMP end
//!  handler:  SETUP_FINALLY cleanup  PUSH_EXC_INFO      [prev, exc]
//!            <type> CHECK_EXC_MATCH POP_JUMP_IF_FALSE next
//!            POP_TOP   body   POP_BLOCK   POP_EXCEPT   JUMP end
//!          | STORE name   SETUP_FINALLY unbind   body   POP_BLOCK   POP_BLOCK
//!            name = None; del name   POP_EXCEPT   JUMP end
//!  unbind:   name = None; del name   RERAISE
//!  next:     ... RERAISE
//!  cleanup:  POP_EXCEPT_AND_RERAISE
//!  end:
//! ```
//! `cleanup` is set up *before* PUSH_EXC_INFO (as CPython does), when the stack holds
//! only `exc`: an exception in a handler then truncates the stack to `[prev]` and
//! pushes itself, whatever temporaries the body had pushed, so POP_EXCEPT_AND_RERAISE
//! restores the right `prev`. The `finally` path is laid out the same way.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::compiler::{CResult, Compiler, FBlock};
use super::opcodes::{Op, BINOPS};
use super::symtable::ScopeKind;
use crate::objects::value::Value;

pub(super) fn binop_index(op: ast::Operator) -> u32 {
    let s = op.as_str();
    BINOPS.iter().position(|b| *b == s).unwrap_or(0) as u32
}

impl<'a> Compiler<'a> {
    pub fn stmt(&mut self, s: &'a Stmt) -> CResult {
        match s {
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                let shown = self.interactive && self.units.len() == 1;
                self.emit(if shown { Op::PRINT_EXPR } else { Op::POP_TOP }, 0);
            }
            Stmt::Assign(a) if self.swap_assign(a)? => {}
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Op::DUP_TOP, 0);
                    }
                    self.store(t)?;
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.store(&a.target)?;
                }
                // A module's or class's `name: annotation` goes into `__annotations__`
                // (the text itself under `from __future__ import annotations`).
                let kind = self.scope().kind;
                if let (true, Expr::Name(n), ScopeKind::Module | ScopeKind::Class) =
                    (a.simple, &*a.target, kind)
                {
                    if self.future_annotations() {
                        let text = self.src.text[a.annotation.range()].to_owned();
                        self.emit_const(Value::string(text));
                    } else {
                        self.expr(&a.annotation)?;
                    }
                    self.load_name("__annotations__");
                    let key = self.mangle(n.id.as_str()).into_owned();
                    self.emit_const(Value::str(&key));
                    self.emit(Op::STORE_SUBSCR, 0);
                }
            }
            Stmt::Pass(_) | Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::If(i) => self.if_stmt(i)?,
            Stmt::While(w) => self.while_stmt(w)?,
            Stmt::For(f) => self.for_stmt(f)?,
            Stmt::Break(_) => self.break_continue(true, s.range())?,
            Stmt::Continue(_) => self.break_continue(false, s.range())?,
            Stmt::Return(r) => {
                let s = self.scope();
                if r.value.is_some() && s.coroutine && s.generator {
                    return Err(self.err("'return' with value in async generator", r.range()));
                }
                self.no_star_exit(0, r.range())?;
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::None),
                }
                self.unwind_fblocks(true, usize::MAX)?;
                self.emit(Op::RETURN_VALUE, 0);
            }
            Stmt::FunctionDef(f) => self.function_def(f)?,
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete(t)?;
                }
            }
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Op::RAISE_VARARGS, n);
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                let j = self.emit(Op::POP_JUMP_IF_TRUE, 0);
                // CPython reports a failed assert at the test expression.
                let saved = self.set_pos(a.test.range());
                if let Some(m) = &a.msg {
                    self.emit(Op::PUSH_NULL, 0);
                    self.emit(Op::LOAD_ASSERTION_ERROR, 0);
                    self.expr(m)?;
                    self.emit(Op::CALL, 1);
                } else {
                    self.emit(Op::LOAD_ASSERTION_ERROR, 0);
                }
                self.emit(Op::RAISE_VARARGS, 1);
                self.u().pos = saved;
                self.patch(j);
            }
            Stmt::Try(t) => {
                if t.finalbody.is_empty() {
                    self.try_except(t)?;
                } else {
                    self.try_finally(t)?;
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    // As CPython: level and fromlist, then `IMPORT_NAME`, which leaves
                    // the top-level package of a dotted name.
                    let full = a.name.id.as_str();
                    self.emit_const(Value::Int(0));
                    self.emit_const(Value::None);
                    let n = self.name(full);
                    self.emit(Op::IMPORT_NAME, n);
                    match &a.asname {
                        // `import a.b.c as m` binds `a.b.c`: `IMPORT_FROM b`, then `c`.
                        Some(alias) => {
                            let mut attrs = full.split('.').skip(1).peekable();
                            while let Some(attr) = attrs.next() {
                                let n = self.name(attr);
                                self.emit(Op::IMPORT_FROM, n);
                                if attrs.peek().is_some() {
                                    self.emit(Op::ROT_TWO, 0);
                                    self.emit(Op::POP_TOP, 0);
                                }
                            }
                            self.store_name(alias.id.as_str());
                            if full.contains('.') {
                                self.emit(Op::POP_TOP, 0);
                            }
                        }
                        None => self.store_name(full.split('.').next().unwrap_or(full)),
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                let module = i.module.as_ref().map_or("", |m| m.id.as_str());
                let star = i.names.iter().any(|a| a.name.id.as_str() == "*");
                let fromlist: Vec<Value> = i
                    .names
                    .iter()
                    .map(|a| Value::str(a.name.id.as_str()))
                    .collect();
                self.emit_const(Value::Int(i.level as i64));
                self.emit_const(Value::tuple(fromlist));
                let n = self.name(module);
                self.emit(Op::IMPORT_NAME, n);
                if star {
                    self.emit(Op::IMPORT_STAR, 0);
                    return Ok(());
                }
                for a in &i.names {
                    let n = self.name(a.name.id.as_str());
                    self.emit(Op::IMPORT_FROM, n);
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    self.store_name(bound.id.as_str());
                }
                self.emit(Op::POP_TOP, 0);
            }
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::With(w) => self.with_stmt(w)?,
            Stmt::Match(m) => self.match_stmt(m)?,
            Stmt::TypeAlias(_) => return Err(self.unsupported("type aliases", s.range())),
            Stmt::IpyEscapeCommand(_) => return Err(self.err("invalid syntax", s.range())),
        }
        Ok(())
    }

    fn if_stmt(&mut self, i: &'a ast::StmtIf) -> CResult {
        self.expr(&i.test)?;
        let mut next = self.emit(Op::POP_JUMP_IF_FALSE, 0);
        self.stmts(&i.body)?;
        let mut ends = Vec::new();
        for c in &i.elif_else_clauses {
            ends.push(self.emit(Op::JUMP_FORWARD, 0));
            self.patch(next);
            next = usize::MAX;
            if let Some(t) = &c.test {
                let saved = self.set_pos(t.range());
                self.expr(t)?;
                self.u().pos = saved;
                next = self.emit(Op::POP_JUMP_IF_FALSE, 0);
            }
            self.stmts(&c.body)?;
        }
        if next != usize::MAX {
            self.patch(next);
        }
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> CResult {
        let start = self.here();
        let always = matches!(&*w.test, Expr::BooleanLiteral(b) if b.value);
        let exit = if always {
            None
        } else {
            self.expr(&w.test)?;
            Some(self.emit(Op::POP_JUMP_IF_FALSE, 0))
        };
        self.u().fblocks.push(FBlock::While {
            start,
            breaks: Vec::new(),
        });
        self.stmts(&w.body)?;
        self.emit(Op::JUMP_BACKWARD, start as u32);
        let Some(FBlock::While { breaks, .. }) = self.u().fblocks.pop() else {
            unreachable!("while block")
        };
        if let Some(e) = exit {
            self.patch(e);
        }
        self.stmts(&w.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult {
        if f.is_async && !self.scope().is_async {
            return Err(self.err("'async for' outside async function", f.range()));
        }
        self.expr(&f.iter)?;
        let start;
        let exit;
        if f.is_async {
            self.emit(Op::GET_AITER, 0);
            start = self.here();
            exit = self.async_next();
        } else {
            self.emit(Op::GET_ITER, 0);
            start = self.here();
            exit = self.emit(Op::FOR_ITER, 0);
        }
        self.store(&f.target)?;
        self.u().fblocks.push(FBlock::For {
            start,
            breaks: Vec::new(),
        });
        self.stmts(&f.body)?;
        self.emit(Op::JUMP_BACKWARD, start as u32);
        let Some(FBlock::For { breaks, .. }) = self.u().fblocks.pop() else {
            unreachable!("for block")
        };
        self.patch(exit);
        if f.is_async {
            self.emit(Op::END_ASYNC_FOR, 0);
        }
        self.stmts(&f.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn break_continue(&mut self, is_break: bool, r: TextRange) -> CResult {
        let loop_at = self
            .u()
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::For { .. } | FBlock::While { .. }))
            .expect("symtable checked break/continue are in a loop");
        self.no_star_exit(loop_at + 1, r)?;
        self.unwind_fblocks(false, loop_at + 1)?;
        let (is_for, start) = match &self.u().fblocks[loop_at] {
            FBlock::For { start, .. } => (true, *start),
            FBlock::While { start, .. } => (false, *start),
            _ => unreachable!("loop block"),
        };
        if is_break {
            if is_for {
                self.emit(Op::POP_TOP, 0);
            }
            let j = self.emit(Op::JUMP_FORWARD, 0);
            match &mut self.u().fblocks[loop_at] {
                FBlock::For { breaks, .. } | FBlock::While { breaks, .. } => breaks.push(j),
                _ => unreachable!("loop block"),
            }
        } else {
            self.emit(Op::JUMP_BACKWARD, start as u32);
        }
        Ok(())
    }

    /// CPython's SyntaxError for a `break`, `continue` or `return` (at `r`) that would
    /// leave an `except*` body (one of the blocks above `down_to`).
    fn no_star_exit(&self, down_to: usize, r: TextRange) -> CResult {
        let fblocks = &self.units.last().expect("a unit").fblocks;
        match fblocks[down_to.min(fblocks.len())..]
            .iter()
            .any(|b| matches!(b, FBlock::StarHandler))
        {
            true => Err(self.err(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                r,
            )),
            false => Ok(()),
        }
    }

    /// Emit the exits of the blocks above `down_to` (innermost first) for a `return`
    /// (`preserve_tos`: the return value is on top) or a `break`/`continue`.
    fn unwind_fblocks(&mut self, preserve_tos: bool, down_to: usize) -> CResult {
        let down_to = if down_to == usize::MAX { 0 } else { down_to };
        let mut i = self.u().fblocks.len();
        while i > down_to {
            i -= 1;
            let pop_under = |c: &mut Self, op: Op| {
                if preserve_tos {
                    c.emit(Op::ROT_TWO, 0);
                }
                c.emit(op, 0);
            };
            match &self.u().fblocks[i] {
                FBlock::For { .. } => {
                    if preserve_tos {
                        pop_under(self, Op::POP_TOP);
                    }
                }
                FBlock::While { .. } => {}
                FBlock::PopValue => pop_under(self, Op::POP_TOP),
                FBlock::TryExcept => {
                    self.emit(Op::POP_BLOCK, 0);
                }
                FBlock::Finally(body) => {
                    let body: &'a [Stmt] = body;
                    self.emit(Op::POP_BLOCK, 0);
                    // The finally body runs outside its own block.
                    let saved: Vec<FBlock<'a>> = self.u().fblocks.drain(i..).collect();
                    if preserve_tos {
                        self.u().fblocks.push(FBlock::PopValue);
                    }
                    let r = self.stmts(body);
                    if preserve_tos {
                        self.u().fblocks.pop();
                    }
                    self.u().fblocks.extend(saved);
                    r?;
                }
                FBlock::FinallyEnd => {
                    self.emit(Op::POP_BLOCK, 0);
                    pop_under(self, Op::POP_TOP);
                    pop_under(self, Op::POP_EXCEPT);
                }
                FBlock::With(at, is_async) => {
                    let (at, is_async) = (*at, *is_async);
                    self.emit(Op::POP_BLOCK, 0);
                    if preserve_tos {
                        self.emit(Op::ROT_TWO, 0);
                    }
                    self.exit_with_nones(at, is_async);
                }
                FBlock::StarHandler => unreachable!("no_star_exit refused it"),
                FBlock::Handler(name) => {
                    if let Some(name) = *name {
                        self.emit(Op::POP_BLOCK, 0);
                        self.unbind(name);
                    }
                    self.emit(Op::POP_BLOCK, 0);
                    pop_under(self, Op::POP_EXCEPT);
                }
            }
        }
        Ok(())
    }

    /// The body and `else` of a `try` with handlers, then the handlers' prologue:
    /// `[prev, exc]` on the stack under the cleanup block. The jumps to the end, and
    /// the cleanup block's `SETUP_FINALLY`.
    fn try_body(
        &mut self,
        t: &'a ast::StmtTry,
    ) -> Result<(Vec<usize>, usize), super::CompileError> {
        let setup = self.emit(Op::SETUP_FINALLY, 0);
        self.u().fblocks.push(FBlock::TryExcept);
        self.stmts(&t.body)?;
        self.u().fblocks.pop();
        self.emit(Op::POP_BLOCK, 0);
        self.stmts(&t.orelse)?;
        let ends = vec![self.emit(Op::JUMP_FORWARD, 0)];
        self.patch(setup);
        let cleanup = self.emit(Op::SETUP_FINALLY, 0);
        self.emit(Op::PUSH_EXC_INFO, 0);
        Ok((ends, cleanup))
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult {
        if t.is_star {
            return self.try_except_star(t);
        }
        let (mut ends, cleanup) = self.try_body(t)?;
        for h in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            let saved = self.set_pos(h.range());
            let mut next = None;
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.emit(Op::CHECK_EXC_MATCH, 0);
                next = Some(self.emit(Op::POP_JUMP_IF_FALSE, 0));
            }
            let name = h.name.as_ref().map(|n| n.id.as_str());
            let unbind = match name {
                Some(n) => {
                    self.store_name(n);
                    Some(self.emit(Op::SETUP_FINALLY, 0))
                }
                None => {
                    self.emit(Op::POP_TOP, 0);
                    None
                }
            };
            self.u().fblocks.push(FBlock::Handler(name));
            self.stmts(&h.body)?;
            self.u().fblocks.pop();
            if let (Some(n), Some(unbind)) = (name, unbind) {
                self.emit(Op::POP_BLOCK, 0);
                self.emit(Op::POP_BLOCK, 0);
                self.unbind(n);
                self.emit(Op::POP_EXCEPT, 0);
                ends.push(self.emit(Op::JUMP_FORWARD, 0));
                // Left by an exception: `[prev, new]`; unbind, then on to `cleanup`.
                self.patch(unbind);
                self.unbind(n);
                self.emit(Op::RERAISE, 0);
            } else {
                self.emit(Op::POP_BLOCK, 0);
                self.emit(Op::POP_EXCEPT, 0);
                ends.push(self.emit(Op::JUMP_FORWARD, 0));
            }
            if let Some(n) = next {
                self.patch(n);
            }
            self.u().pos = saved;
        }
        self.emit(Op::RERAISE, 0);
        self.patch(cleanup);
        self.emit(Op::POP_EXCEPT_AND_RERAISE, 0);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    /// `try: ... except* T as e: ...` (PEP 654). The handlers see the parts of the
    /// exception group that match their type, in turn; what is left and what they
    /// raise is raised at the end. The bookkeeping is `_pyvm_eg.Star` (a frozen
    /// module), kept on the stack under the handlers: `[prev, exc, star]`.
    fn try_except_star(&mut self, t: &'a ast::StmtTry) -> CResult {
        let (mut ends, cleanup) = self.try_body(t)?;
        // star = _pyvm_eg.Star(exc)
        self.emit(Op::PUSH_NULL, 0);
        self.emit_const(Value::Int(0));
        self.emit_const(Value::None);
        let module = self.name("_pyvm_eg");
        self.emit(Op::IMPORT_NAME, module);
        let class = self.name("Star");
        self.emit(Op::LOAD_ATTR, class);
        self.emit(Op::COPY, 3);
        self.emit(Op::CALL, 1);
        for h in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            let saved = self.set_pos(h.range());
            // match = star.match(T): `None` when no part matches.
            self.emit(Op::COPY, 1);
            let m = self.name("match");
            self.emit(Op::LOAD_METHOD, m);
            match &h.type_ {
                Some(ty) => self.expr(ty)?,
                None => return Err(self.err("expected one or more exception types", h.range())),
            }
            self.emit(Op::CALL, 1);
            self.emit(Op::COPY, 1);
            self.emit_const(Value::None);
            self.emit(Op::IS_OP, 0);
            let no_match = self.emit(Op::POP_JUMP_IF_TRUE, 0);
            // The match is the handled exception while the body runs.
            self.emit(Op::PUSH_EXC_INFO, 0);
            let name = h.name.as_ref().map(|n| n.id.as_str());
            match name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Op::POP_TOP, 0);
                }
            }
            let raised = self.emit(Op::SETUP_FINALLY, 0);
            self.u().fblocks.push(FBlock::StarHandler);
            self.stmts(&h.body)?;
            self.u().fblocks.pop();
            self.emit(Op::POP_BLOCK, 0);
            if let Some(n) = name {
                self.unbind(n);
            }
            self.emit(Op::POP_EXCEPT, 0);
            let done = self.emit(Op::JUMP_FORWARD, 0);
            // The body raised: `[star, prev, new]`; star.add(new).
            self.patch(raised);
            if let Some(n) = name {
                self.unbind(n);
            }
            self.emit(Op::ROT_TWO, 0);
            self.emit(Op::POP_EXCEPT, 0);
            self.emit(Op::COPY, 2);
            let add = self.name("add");
            self.emit(Op::LOAD_METHOD, add);
            self.emit(Op::COPY, 3);
            self.emit(Op::CALL, 1);
            self.emit(Op::POP_TOP, 0);
            self.emit(Op::POP_TOP, 0);
            let done2 = self.emit(Op::JUMP_FORWARD, 0);
            self.patch(no_match);
            self.emit(Op::POP_TOP, 0);
            self.patch(done);
            self.patch(done2);
            self.u().pos = saved;
        }
        // What is left to raise: `[prev, exc, star]` -> `[prev, exc, result]`.
        let result = self.name("result");
        self.emit(Op::LOAD_METHOD, result);
        self.emit(Op::CALL, 0);
        self.emit(Op::COPY, 1);
        self.emit_const(Value::None);
        self.emit(Op::IS_OP, 0);
        let handled = self.emit(Op::POP_JUMP_IF_TRUE, 0);
        self.emit(Op::ROT_TWO, 0);
        self.emit(Op::POP_TOP, 0);
        self.emit(Op::RERAISE, 0);
        self.patch(handled);
        self.emit(Op::POP_TOP, 0);
        self.emit(Op::POP_TOP, 0);
        self.emit(Op::POP_BLOCK, 0);
        self.emit(Op::POP_EXCEPT, 0);
        ends.push(self.emit(Op::JUMP_FORWARD, 0));
        self.patch(cleanup);
        self.emit(Op::POP_EXCEPT_AND_RERAISE, 0);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    /// `name = None; del name`: an `except ... as name` body never leaves the
    /// exception bound (it would keep its traceback's frames alive).
    fn unbind(&mut self, name: &str) {
        self.emit_const(Value::None);
        self.store_name(name);
        self.delete_name(name);
    }

    fn try_finally(&mut self, t: &'a ast::StmtTry) -> CResult {
        let setup = self.emit(Op::SETUP_FINALLY, 0);
        self.u().fblocks.push(FBlock::Finally(&t.finalbody));
        if t.handlers.is_empty() {
            self.stmts(&t.body)?;
            self.stmts(&t.orelse)?;
        } else {
            self.try_except(t)?;
        }
        self.u().fblocks.pop();
        self.emit(Op::POP_BLOCK, 0);
        self.stmts(&t.finalbody)?;
        let end = self.emit(Op::JUMP_FORWARD, 0);
        self.patch(setup);
        let cleanup = self.emit(Op::SETUP_FINALLY, 0);
        self.emit(Op::PUSH_EXC_INFO, 0);
        self.u().fblocks.push(FBlock::FinallyEnd);
        self.stmts(&t.finalbody)?;
        self.u().fblocks.pop();
        self.emit(Op::RERAISE, 0);
        self.patch(cleanup);
        self.emit(Op::POP_EXCEPT_AND_RERAISE, 0);
        self.patch(end);
        Ok(())
    }

    fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> CResult {
        for d in &f.decorator_list {
            self.emit(Op::PUSH_NULL, 0);
            self.expr(&d.expression)?;
        }
        let name = f.name.id.as_str();
        self.make_function(f, name, Some(&f.parameters), f.range(), |c| {
            c.u().doc = docstring(&f.body);
            c.stmts(&f.body)?;
            c.emit_const(Value::None);
            c.emit(Op::RETURN_VALUE, 0);
            Ok(())
        })?;
        self.function_annotations(&f.parameters, f.returns.as_deref())?;
        for _ in &f.decorator_list {
            self.emit(Op::CALL, 1);
        }
        self.store_name(name);
        Ok(())
    }

    /// `class C(bases): body` as CPython compiles it: `__build_class__(body_function,
    /// 'C', *bases)`, then the decorators, then the store.
    fn class_def(&mut self, c: &'a ast::StmtClassDef) -> CResult {
        for d in &c.decorator_list {
            self.emit(Op::PUSH_NULL, 0);
            self.expr(&d.expression)?;
        }
        let name = c.name.id.as_str();
        self.emit(Op::PUSH_NULL, 0);
        self.emit(Op::LOAD_BUILD_CLASS, 0);
        self.make_function(c, name, None, c.range(), |cc| {
            cc.setup_annotations(&c.body);
            if let Some(doc) = docstring(&c.body) {
                cc.emit_const(Value::string(doc));
                cc.store_name("__doc__");
            }
            cc.stmts(&c.body)?;
            match cc.u().derefs.iter().position(|d| d == "__class__") {
                Some(i) if i < cc.u().ncells => {
                    // Returned, and passed to `type.__new__` in the namespace.
                    cc.emit(Op::LOAD_CLOSURE, i as u32);
                    cc.emit(Op::DUP_TOP, 0);
                    cc.store_name("__classcell__");
                }
                _ => {
                    cc.emit_const(Value::None);
                }
            }
            cc.emit(Op::RETURN_VALUE, 0);
            Ok(())
        })?;
        self.emit_const(Value::str(name));
        let mut nargs = 2;
        let mut kwnames = Vec::new();
        if let Some(args) = c.arguments.as_deref().filter(|a| {
            a.args.iter().any(|b| matches!(b, Expr::Starred(_)))
                || a.keywords.iter().any(|k| k.arg.is_none())
        }) {
            // `class C(*bases, **kw)`: `__build_class__(body, 'C', *bases, **kw)` as
            // a call with unpacking (the two pushed arguments start the list).
            self.emit(Op::BUILD_LIST, 2);
            for b in args.args.iter() {
                match b {
                    Expr::Starred(st) => {
                        self.expr(&st.value)?;
                        self.emit(Op::LIST_EXTEND, 1);
                    }
                    b => {
                        self.expr(b)?;
                        self.emit(Op::LIST_APPEND, 1);
                    }
                }
            }
            self.emit(Op::LIST_TO_TUPLE, 0);
            self.call_ex_keywords(&args.keywords)?;
            for _ in &c.decorator_list {
                self.emit(Op::CALL, 1);
            }
            self.store_name(name);
            return Ok(());
        }
        if let Some(args) = &c.arguments {
            for b in args.args.iter() {
                self.expr(b)?;
                nargs += 1;
            }
            for k in args.keywords.iter() {
                let Some(arg) = &k.arg else {
                    unreachable!("a class with '**' arguments is compiled above")
                };
                self.expr(&k.value)?;
                kwnames.push(Value::str(arg.id.as_str()));
                nargs += 1;
            }
        }
        if kwnames.is_empty() {
            self.emit(Op::CALL, nargs);
        } else {
            self.emit_const(Value::tuple(kwnames));
            self.emit(Op::CALL_KW, nargs);
        }
        for _ in &c.decorator_list {
            self.emit(Op::CALL, 1);
        }
        self.store_name(name);
        Ok(())
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> CResult {
        let op = binop_index(a.op) + 13;
        match &*a.target {
            Expr::Name(n) => {
                let saved = self.set_pos(n.range());
                self.load_name(n.id.as_str());
                self.u().pos = saved;
                self.expr(&a.value)?;
                self.emit(Op::BINARY_OP, op);
                self.store_name(n.id.as_str());
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Op::DUP_TOP, 0);
                let n = self.attr_name(at.attr.id.as_str());
                self.emit(Op::LOAD_ATTR, n);
                self.expr(&a.value)?;
                self.emit(Op::BINARY_OP, op);
                self.emit(Op::ROT_TWO, 0);
                self.emit(Op::STORE_ATTR, n);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit(Op::DUP_TOP_TWO, 0);
                self.emit(Op::BINARY_SUBSCR, 0);
                self.expr(&a.value)?;
                self.emit(Op::BINARY_OP, op);
                self.emit(Op::ROT_THREE, 0);
                self.emit(Op::STORE_SUBSCR, 0);
            }
            other => {
                return Err(self.err(
                    "'expression' is an illegal expression for augmented assignment",
                    other.range(),
                ))
            }
        }
        Ok(())
    }

    /// Store the top of the stack into an assignment target.
    pub fn store(&mut self, t: &'a Expr) -> CResult {
        let saved = self.set_pos(t.range());
        match t {
            Expr::Name(n) => self.store_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.attr_name(a.attr.id.as_str());
                self.emit(Op::STORE_ATTR, n);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit(Op::STORE_SUBSCR, 0);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                match star {
                    Some(i) => {
                        if elts
                            .iter()
                            .filter(|e| matches!(e, Expr::Starred(_)))
                            .count()
                            > 1
                        {
                            return Err(
                                self.err("multiple starred expressions in assignment", t.range())
                            );
                        }
                        let after = elts.len() - i - 1;
                        self.emit(Op::UNPACK_EX, (i as u32) | ((after as u32) << 8));
                    }
                    None => {
                        self.emit(Op::UNPACK_SEQUENCE, elts.len() as u32);
                    }
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.store(&s.value)?,
                        e => self.store(e)?,
                    }
                }
            }
            Expr::Starred(_) => {
                return Err(self.err(
                    "starred assignment target must be in a list or tuple",
                    t.range(),
                ))
            }
            _ => return Err(self.err("cannot assign to expression", t.range())),
        }
        self.u().pos = saved;
        Ok(())
    }

    /// `a, b = b, a` and `x, y, z = p, q, r` (one target of 1 to 3 names, subscripts
    /// or attributes unpacked from a tuple display of as many values, no starred
    /// item): the values are evaluated, reordered on the stack and stored, with no
    /// tuple built and unpacked, as CPython 3.11 does (`SWAP`). `false`: nothing
    /// emitted, the statement is not of that kind.
    fn swap_assign(&mut self, a: &'a ast::StmtAssign) -> CResult<bool> {
        let ([target], Expr::Tuple(ast::ExprTuple { elts: values, .. })) =
            (&a.targets[..], &*a.value)
        else {
            return Ok(false);
        };
        let (Expr::Tuple(ast::ExprTuple { elts: targets, .. })
        | Expr::List(ast::ExprList { elts: targets, .. })) = target
        else {
            return Ok(false);
        };
        let starred = |e: &Expr| matches!(e, Expr::Starred(_));
        if targets.len() != values.len()
            || !(1..=3).contains(&values.len())
            || targets.iter().any(starred)
            || values.iter().any(starred)
        {
            return Ok(false);
        }
        for v in values {
            self.expr(v)?;
        }
        // The first value must be on top, the first stored.
        match values.len() {
            2 => {
                self.emit(Op::ROT_TWO, 0);
            }
            3 => {
                self.emit(Op::ROT_THREE, 0);
                self.emit(Op::ROT_TWO, 0);
            }
            _ => {}
        }
        let saved = self.set_pos(target.range());
        for t in targets {
            self.store(t)?;
        }
        self.u().pos = saved;
        Ok(true)
    }

    fn delete(&mut self, t: &'a Expr) -> CResult {
        let saved = self.set_pos(t.range());
        match t {
            Expr::Name(n) => self.delete_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.attr_name(a.attr.id.as_str());
                self.emit(Op::DELETE_ATTR, n);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit(Op::DELETE_SUBSCR, 0);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete(e)?;
                }
            }
            _ => return Err(self.err("cannot delete expression", t.range())),
        }
        self.u().pos = saved;
        Ok(())
    }
}

/// The docstring of a body: its first statement, when that is a string literal.
pub(super) fn docstring(body: &[Stmt]) -> Option<String> {
    match body.first() {
        Some(Stmt::Expr(e)) => match &*e.value {
            Expr::StringLiteral(s) => Some(s.value.to_str().to_owned()),
            _ => None,
        },
        _ => None,
    }
}

/// Does `body` (not the functions and classes inside it) annotate a simple name?
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(a) => a.simple,
        Stmt::If(i) => {
            has_annotations(&i.body) || i.elif_else_clauses.iter().any(|c| has_annotations(&c.body))
        }
        Stmt::For(f) => has_annotations(&f.body) || has_annotations(&f.orelse),
        Stmt::While(w) => has_annotations(&w.body) || has_annotations(&w.orelse),
        Stmt::With(w) => has_annotations(&w.body),
        Stmt::Try(t) => {
            has_annotations(&t.body)
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    has_annotations(&h.body)
                })
        }
        Stmt::Match(m) => m.cases.iter().any(|c| has_annotations(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// CPython's `SETUP_ANNOTATIONS` for a module or class body that annotates a
    /// name: a fresh `__annotations__` dict.
    pub(super) fn setup_annotations(&mut self, body: &[Stmt]) {
        if has_annotations(body) {
            self.emit(Op::BUILD_MAP, 0);
            self.store_name("__annotations__");
        }
    }

    /// The parameters' and return annotations of the function on the stack, as its
    /// `__annotations__` (evaluated after the function is made, unlike CPython).
    fn function_annotations(
        &mut self,
        ps: &'a ast::Parameters,
        returns: Option<&'a Expr>,
    ) -> CResult {
        let mut n = 0;
        let params = ps
            .posonlyargs
            .iter()
            .chain(&ps.args)
            .map(|p| &p.parameter)
            .chain(ps.vararg.as_deref())
            .chain(ps.kwonlyargs.iter().map(|p| &p.parameter))
            .chain(ps.kwarg.as_deref());
        let future = self.future_annotations();
        let items = params
            .filter_map(|p| Some((p.name.id.as_str(), p.annotation.as_deref()?)))
            .chain(returns.map(|r| ("return", r)));
        for (name, ann) in items {
            // `def f(self, *, __kw: int)` in `class Spam`: the key is `_Spam__kw`.
            let key = self.mangle(name).into_owned();
            self.emit_const(Value::str(&key));
            if future {
                let text = self.src.text[ann.range()].to_owned();
                self.emit_const(Value::string(text));
            } else {
                self.expr(ann)?;
            }
            n += 1;
        }
        if n > 0 {
            self.emit(Op::BUILD_MAP, n);
            self.emit(Op::COPY, 2);
            let attr = self.name("__annotations__");
            self.emit(Op::STORE_ATTR, attr);
        }
        Ok(())
    }

    /// `from __future__ import annotations` at the top of the module.
    fn future_annotations(&self) -> bool {
        self.src.body().iter().any(|s| match s {
            Stmt::ImportFrom(i) => {
                i.module
                    .as_ref()
                    .is_some_and(|m| m.id.as_str() == "__future__")
                    && i.names.iter().any(|a| a.name.id.as_str() == "annotations")
            }
            _ => false,
        })
    }
}
