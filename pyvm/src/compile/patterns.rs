//! The `match` statement (PEP 634), compiled as CPython 3.11 does it.
//!
//! A pattern takes its subject from the top of the stack and consumes it. What it
//! captures is not stored at once: each captured value is rotated down under the
//! items the pattern still works on (`on_top`) and the captures before it, and the
//! names are bound only once the whole pattern matched (then the guard runs). A
//! failing test jumps to a `fail_pop` label that pops what is on the stack above
//! the subject at that point (the captures and the `on_top` items):
//! ```text
//!     <subject>
//!     COPY 1                      (every case but the last: keep the subject)
//!     <pattern>                   captures left on the stack, or jump to fail_pop[n]
//!     STORE name ...              the captures, in order
//!     <guard> POP_JUMP_IF_FALSE fail_pop[0]
//!     POP_TOP                     (the subject)
//!     body   JUMP_FORWARD end
//!  fail_pop[2]: POP_TOP
//!  fail_pop[1]: POP_TOP
//!  fail_pop[0]:                   next case, the subject on top
//! ```
//! The opcodes beyond the ordinary ones (`MATCH_CLASS`, `MATCH_KEYS`,
//! `MATCH_SEQUENCE`, `MATCH_MAPPING`, `GET_LEN`, `COPY_DICT_WITHOUT_KEYS`, `COPY`,
//! `ROT_N`) are CPython's; `vm::matching` runs the first ones.

use ruff_python_ast::{self as ast, Expr, Pattern};
use ruff_text_size::{Ranged, TextRange};

use super::compiler::{CResult, Compiler};
use super::opcodes::Op;
use crate::objects::value::Value;

/// The state of one case's pattern (CPython's `pattern_context`).
struct PatternCx<'a> {
    /// Names captured so far, their values on the stack (the first nearest the top).
    stores: Vec<&'a str>,
    /// May an irrefutable pattern appear here (the last case, a guarded case, a
    /// sub-pattern)?
    allow_irrefutable: bool,
    /// `fail_pop[n]`: the jumps that must pop `n` items on failure.
    fail_pop: Vec<Vec<usize>>,
    /// Items above the captures that the pattern still needs.
    on_top: usize,
    /// The pattern last compiled, where CPython reports an error.
    loc: TextRange,
}

/// `_`.
fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

/// `*_`.
fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}

/// A literal usable as a mapping key or value pattern: its identity for the
/// duplicate key check and its `repr`. `None`: not a literal.
fn literal_key(e: &Expr) -> Option<(String, String)> {
    Some(match e {
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => (format!("n{i}"), i.to_string()),
            ast::Number::Float(f) => {
                let key = if f.fract() == 0.0 && f.abs() < 1e18 {
                    format!("n{}", *f as i64)
                } else {
                    format!("f{}", f.to_bits())
                };
                (key, crate::objects::float::repr(*f))
            }
            // An imaginary literal: equal to an int key when it is zero (`0j == 0`).
            ast::Number::Complex { real, imag } => {
                let r = if imag.fract() == 0.0 && imag.abs() < 1e16 {
                    format!("{}j", *imag as i64)
                } else {
                    format!("{}j", crate::objects::float::repr(*imag))
                };
                if *imag == 0.0 && real.fract() == 0.0 && real.abs() < 1e18 {
                    (format!("n{}", *real as i64), r)
                } else {
                    (format!("c{}_{}", real.to_bits(), imag.to_bits()), r)
                }
            }
        },
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => {
            let (k, r) = literal_key(&u.operand)?;
            match k.strip_prefix('n') {
                Some("0") => (k, format!("-{r}")),
                Some(rest) => (format!("n-{rest}"), format!("-{r}")),
                None => (format!("-{k}"), format!("-{r}")),
            }
        }
        Expr::StringLiteral(s) => {
            let s = s.value.to_str();
            (format!("s{s}"), crate::objects::repr::str_repr(s).ok()?)
        }
        Expr::BytesLiteral(b) => {
            let bytes: Vec<u8> = b.value.bytes().collect();
            (
                format!("b{bytes:?}"),
                crate::objects::repr::bytes_repr(&bytes).ok()?,
            )
        }
        Expr::BooleanLiteral(b) => {
            let r = if b.value { "True" } else { "False" };
            (format!("n{}", u8::from(b.value)), r.to_owned())
        }
        Expr::NoneLiteral(_) => ("None".into(), "None".into()),
        _ => return None,
    })
}

/// May `e` be a value pattern (a literal, a complex literal, an attribute lookup)?
fn is_value_expr(e: &Expr) -> bool {
    match e {
        Expr::NumberLiteral(_)
        | Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::Attribute(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_) => true,
        Expr::UnaryOp(u) => u.op == ast::UnaryOp::USub && is_value_expr(&u.operand),
        Expr::BinOp(b) => is_value_expr(&b.left) && is_value_expr(&b.right),
        _ => false,
    }
}

impl<'a> Compiler<'a> {
    pub(super) fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> CResult {
        self.expr(&m.subject)?;
        let cases = m.cases.len();
        let last = &m.cases[cases - 1];
        // A trailing `case _:` needs no copy of the subject nor any test.
        let has_default = is_wildcard(&last.pattern) && cases > 1;
        let tested = cases - usize::from(has_default);
        let mut ends = Vec::new();
        for (i, case) in m.cases[..tested].iter().enumerate() {
            let keep_subject = i != tested - 1;
            let saved = self.set_pos(case.pattern.range());
            if keep_subject {
                self.emit(Op::COPY, 1);
            }
            let mut pc = PatternCx {
                stores: Vec::new(),
                // Irrefutable cases must be guarded, last, or both.
                allow_irrefutable: case.guard.is_some() || i == cases - 1,
                fail_pop: Vec::new(),
                on_top: 0,
                loc: case.pattern.range(),
            };
            self.pattern(&case.pattern, &mut pc)?;
            debug_assert_eq!(pc.on_top, 0);
            self.set_pos(case.pattern.range());
            for name in pc.stores.clone() {
                self.store_name(name);
            }
            if let Some(g) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                self.expr(g)?;
                let j = self.emit(Op::POP_JUMP_IF_FALSE, 0);
                pc.fail_pop[0].push(j);
            }
            if keep_subject {
                self.emit(Op::POP_TOP, 0);
            }
            self.u().pos = saved;
            self.stmts(&case.body)?;
            ends.push(self.emit(Op::JUMP_FORWARD, 0));
            // A failed pattern's cleanup belongs to the pattern's line.
            self.set_pos(case.pattern.range());
            self.emit_and_reset_fail_pop(&mut pc);
            self.u().pos = saved;
        }
        if has_default {
            let saved = self.set_pos(last.pattern.range());
            // Line coverage for the default case.
            self.emit(Op::NOP, 0);
            if let Some(g) = &last.guard {
                self.expr(g)?;
                ends.push(self.emit(Op::POP_JUMP_IF_FALSE, 0));
            }
            self.u().pos = saved;
            self.stmts(&last.body)?;
        }
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternCx<'a>, n: usize) {
        if pc.fail_pop.len() <= n {
            pc.fail_pop.resize_with(n + 1, Vec::new);
        }
    }

    /// A failure jump (`op`) that pops the `on_top` items and the captures.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternCx<'a>, op: Op) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        let j = self.emit(op, 0);
        pc.fail_pop[pops].push(j);
    }

    /// The failure labels: `fail_pop[n]` followed by `n` POP_TOPs.
    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternCx<'a>) {
        let labels = std::mem::take(&mut pc.fail_pop);
        for (n, jumps) in labels.iter().enumerate().rev() {
            for j in jumps {
                self.patch(*j);
            }
            if n > 0 {
                self.emit(Op::POP_TOP, 0);
            }
        }
    }

    /// Move the top down to position `count`.
    fn rotate(&mut self, count: usize) {
        if count > 1 {
            self.emit(Op::ROT_N, count as u32);
        }
    }

    /// Capture the top as `name` (`None`: `_`, drop it).
    fn pattern_store(&mut self, name: Option<&'a str>, pc: &mut PatternCx<'a>) -> CResult {
        let Some(name) = name else {
            self.emit(Op::POP_TOP, 0);
            return Ok(());
        };
        if name == "__debug__" {
            return Err(self.err("cannot assign to __debug__", pc.loc));
        }
        if pc.stores.contains(&name) {
            return Err(self.err(
                &format!("multiple assignments to name '{name}' in pattern"),
                pc.loc,
            ));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(name);
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternCx<'a>) -> CResult {
        pc.loc = p.range();
        self.set_pos(p.range());
        super::grow(64 * 1024, 4 * 1024 * 1024, || match p {
            Pattern::MatchValue(v) => {
                if !is_value_expr(&v.value) {
                    return Err(self.err(
                        "patterns may only match literals and attribute lookups",
                        p.range(),
                    ));
                }
                self.expr(&v.value)?;
                self.emit(Op::COMPARE_OP, 2);
                self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
                Ok(())
            }
            Pattern::MatchSingleton(s) => {
                self.emit_const(match s.value {
                    ast::Singleton::None => Value::None,
                    ast::Singleton::True => Value::bool(true),
                    ast::Singleton::False => Value::bool(false),
                });
                self.emit(Op::IS_OP, 0);
                self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
                Ok(())
            }
            Pattern::MatchSequence(s) => self.pattern_sequence(s, pc),
            Pattern::MatchMapping(m) => self.pattern_mapping(m, pc),
            Pattern::MatchClass(c) => self.pattern_class(c, pc),
            Pattern::MatchStar(s) => self.pattern_store(s.name.as_ref().map(|n| n.id.as_str()), pc),
            Pattern::MatchAs(a) => self.pattern_as(a, pc),
            Pattern::MatchOr(o) => self.pattern_or(o, pc),
        })
    }

    /// A sub-pattern: irrefutable ones are fine there.
    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternCx<'a>) -> CResult {
        let allow = std::mem::replace(&mut pc.allow_irrefutable, true);
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    fn pattern_as(&mut self, a: &'a ast::PatternMatchAs, pc: &mut PatternCx<'a>) -> CResult {
        let name = a.name.as_ref().map(|n| n.id.as_str());
        let Some(inner) = &a.pattern else {
            if !pc.allow_irrefutable {
                let msg = match name {
                    Some(n) => format!("name capture '{n}' makes remaining patterns unreachable"),
                    None => "wildcard makes remaining patterns unreachable".into(),
                };
                return Err(self.err(&msg, a.range()));
            }
            return self.pattern_store(name, pc);
        };
        // A copy to store once the inner pattern matched.
        pc.on_top += 1;
        self.emit(Op::COPY, 1);
        self.pattern(inner, pc)?;
        pc.on_top -= 1;
        pc.loc = a.range();
        self.pattern_store(name, pc)
    }

    fn pattern_sequence(
        &mut self,
        s: &'a ast::PatternMatchSequence,
        pc: &mut PatternCx<'a>,
    ) -> CResult {
        let patterns = &s.patterns;
        let size = patterns.len();
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if let Pattern::MatchStar(_) = p {
                if star.is_some() {
                    return Err(self.err("multiple starred names in sequence pattern", s.range()));
                }
                star_wildcard = is_star_wildcard(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        // The subject stays on top through the type and length checks.
        pc.on_top += 1;
        self.emit(Op::MATCH_SEQUENCE, 0);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        match star {
            None => {
                self.emit(Op::GET_LEN, 0);
                self.emit_const(Value::Int(size as i64));
                self.emit(Op::COMPARE_OP, 2);
                self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
            }
            Some(_) if size > 1 => {
                self.emit(Op::GET_LEN, 0);
                self.emit_const(Value::Int(size as i64 - 1));
                self.emit(Op::COMPARE_OP, 5);
                self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            // `[]`, `[_, _]`, `[_, *_]`: nothing to extract.
            self.emit(Op::POP_TOP, 0);
        } else if star_wildcard {
            self.sequence_subscr(patterns, star.unwrap_or(usize::MAX), pc)?;
        } else {
            match star {
                Some(i) => {
                    let after = size - i - 1;
                    if i >= 1 << 8 || after >= 1 << 23 {
                        return Err(self.err(
                            "too many expressions in star-unpacking sequence pattern",
                            s.range(),
                        ));
                    }
                    self.emit(Op::UNPACK_EX, (i as u32) | ((after as u32) << 8));
                }
                None => {
                    self.emit(Op::UNPACK_SEQUENCE, size as u32);
                }
            }
            pc.on_top += size;
            for p in patterns.iter() {
                pc.on_top -= 1;
                self.subpattern(p, pc)?;
            }
        }
        Ok(())
    }

    /// Items by index rather than by unpacking, for a pattern with `*_`
    /// (`[first, *_, last]`): the rest is never built.
    fn sequence_subscr(
        &mut self,
        patterns: &'a [Pattern],
        star: usize,
        pc: &mut PatternCx<'a>,
    ) -> CResult {
        pc.on_top += 1;
        let size = patterns.len();
        for (i, p) in patterns.iter().enumerate() {
            if is_wildcard(p) || i == star {
                continue;
            }
            self.emit(Op::COPY, 1);
            if i < star {
                self.emit_const(Value::Int(i as i64));
            } else {
                // The subject may not support negative indexes.
                self.emit(Op::GET_LEN, 0);
                self.emit_const(Value::Int((size - i) as i64));
                self.emit(Op::BINARY_OP, super::stmt::binop_index(ast::Operator::Sub));
            }
            self.emit(Op::BINARY_SUBSCR, 0);
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 1;
        self.emit(Op::POP_TOP, 0);
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        m: &'a ast::PatternMatchMapping,
        pc: &mut PatternCx<'a>,
    ) -> CResult {
        let size = m.keys.len();
        let rest = m.rest.as_ref().map(|n| n.id.as_str());
        pc.on_top += 1;
        self.emit(Op::MATCH_MAPPING, 0);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        if size == 0 && rest.is_none() {
            // `{}`: any mapping.
            pc.on_top -= 1;
            self.emit(Op::POP_TOP, 0);
            return Ok(());
        }
        if size > 0 {
            self.emit(Op::GET_LEN, 0);
            self.emit_const(Value::Int(size as i64));
            self.emit(Op::COMPARE_OP, 5);
            self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<String> = Vec::new();
        for key in m.keys.iter() {
            if let Some((k, repr)) = literal_key(key) {
                if seen.contains(&k) {
                    return Err(self.err(
                        &format!("mapping pattern checks duplicate key ({repr})"),
                        m.range(),
                    ));
                }
                seen.push(k);
            } else if !matches!(key, Expr::Attribute(_)) && !is_value_expr(key) {
                return Err(self.err(
                    "mapping pattern keys may only match literals and attribute lookups",
                    m.range(),
                ));
            }
            self.expr(key)?;
        }
        self.emit(Op::BUILD_TUPLE, size as u32);
        self.emit(Op::MATCH_KEYS, 0);
        // The keys and the values (or None) are on top of the subject.
        pc.on_top += 2;
        self.emit(Op::COPY, 1);
        self.emit_const(Value::None);
        self.emit(Op::IS_OP, 1);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        self.emit(Op::UNPACK_SEQUENCE, size as u32);
        pc.on_top = pc.on_top + size - 1;
        for p in m.patterns.iter() {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        // [subject, keys] left.
        match rest {
            Some(name) => {
                self.set_pos(m.range());
                pc.loc = m.range();
                self.emit(Op::COPY_DICT_WITHOUT_KEYS, 0);
                pc.on_top -= 1;
                self.pattern_store(Some(name), pc)?;
            }
            None => {
                self.emit(Op::POP_TOP, 0);
                pc.on_top -= 1;
            }
        }
        pc.on_top -= 1;
        self.emit(Op::POP_TOP, 0);
        Ok(())
    }

    fn pattern_class(&mut self, c: &'a ast::PatternMatchClass, pc: &mut PatternCx<'a>) -> CResult {
        let args = &c.arguments;
        let nargs = args.patterns.len();
        let nattrs = args.keywords.len();
        for (i, k) in args.keywords.iter().enumerate() {
            let name = k.attr.id.as_str();
            if args.keywords[..i]
                .iter()
                .any(|o| o.attr.id.as_str() == name)
            {
                return Err(self.err(
                    &format!("attribute name repeated in class pattern: {name}"),
                    k.pattern.range(),
                ));
            }
        }
        self.expr(&c.cls)?;
        let names: Vec<Value> = args
            .keywords
            .iter()
            .map(|k| Value::str(k.attr.id.as_str()))
            .collect();
        self.emit_const(Value::tuple(names));
        self.emit(Op::MATCH_CLASS, nargs as u32);
        self.emit(Op::COPY, 1);
        self.emit_const(Value::None);
        self.emit(Op::IS_OP, 1);
        // A tuple of the attributes is on top.
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        self.emit(Op::UNPACK_SEQUENCE, (nargs + nattrs) as u32);
        pc.on_top = pc.on_top + nargs + nattrs - 1;
        let subs = args
            .patterns
            .iter()
            .chain(args.keywords.iter().map(|k| &k.pattern));
        for p in subs {
            pc.on_top -= 1;
            if is_wildcard(p) {
                self.emit(Op::POP_TOP, 0);
                continue;
            }
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, o: &'a ast::PatternMatchOr, pc: &mut PatternCx<'a>) -> CResult {
        let size = o.patterns.len();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        // The names the first alternative binds, in its order: the others must bind
        // the same, and are reordered to match.
        let mut control: Option<Vec<&'a str>> = None;
        let mut ends = Vec::new();
        for (i, alt) in o.patterns.iter().enumerate() {
            pc.stores = Vec::new();
            pc.allow_irrefutable = i == size - 1 && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.set_pos(alt.range());
            self.emit(Op::COPY, 1);
            self.pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) => {
                    if pc.stores.len() != ctl.len() {
                        return Err(self.err("alternative patterns bind different names", pc.loc));
                    }
                    let mut icontrol = ctl.len();
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| *s == name) else {
                            return Err(
                                self.err("alternative patterns bind different names", pc.loc)
                            );
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<&'a str> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            pc.stores.splice(at..at, rotated);
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            ends.push(self.emit(Op::JUMP_FORWARD, 0));
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        self.set_pos(o.range());
        // No alternative matched: drop the subject and fail.
        self.emit(Op::POP_TOP, 0);
        self.jump_to_fail_pop(pc, Op::JUMP_FORWARD);
        for e in ends {
            self.patch(e);
        }
        let control = control.unwrap_or_default();
        // The captures go under the other captures, the subject, the items on top
        // and the captures made before.
        let nrots = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.err(
                    &format!("multiple assignments to name '{name}' in pattern"),
                    o.range(),
                ));
            }
            pc.stores.push(name);
        }
        self.emit(Op::POP_TOP, 0);
        Ok(())
    }
}
