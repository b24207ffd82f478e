//! Expressions to bytecode: literals, names, operators, calls, containers, f-strings,
//! lambdas and comprehensions (each comprehension is a function called at once, as in
//! CPython 3.11).

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::compiler::{CResult, Compiler};
use super::opcodes::Op;
use super::stmt::binop_index;
use super::symtable::ScopeKind;
use crate::objects::value::Value;

/// `BUILD_SET` flag: the elements are constants (see `Expr::Set` above).
pub const CONST_SET: u32 = 1 << 31;

/// Is `e` a constant after CPython's AST folding (literals, signed numbers, tuples of them)?
fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::NumberLiteral(_)
        | Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_) => true,
        Expr::UnaryOp(u) => {
            matches!(u.op, ast::UnaryOp::USub | ast::UnaryOp::UAdd)
                && matches!(&*u.operand, Expr::NumberLiteral(_))
        }
        Expr::Tuple(t) => t.elts.iter().all(is_constant),
        _ => false,
    }
}

impl<'a> Compiler<'a> {
    pub fn expr(&mut self, e: &'a Expr) -> CResult {
        let saved = self.set_pos(e.range());
        self.set_anchors(e);
        let r = super::grow(64 * 1024, 4 * 1024 * 1024, || self.expr_inner(e));
        self.u().pos = saved;
        r
    }

    /// A literal's value (`Ok(None)`: `e` is no literal), or the error its text is.
    /// Both the compiler and the constant folder read literals through it.
    fn literal(&self, e: &Expr) -> Result<Option<Value>, super::CompileError> {
        Ok(Some(match e {
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(v) => Value::Int(v),
                    None => crate::objects::int::parse(&i.to_string(), 0)
                        .map_err(|_| self.err("invalid decimal literal", e.range()))?,
                },
                ast::Number::Float(f) => Value::float(*f),
                ast::Number::Complex { real, imag } => crate::objects::complex::value(*real, *imag),
            },
            Expr::StringLiteral(s) => Value::str(
                &super::literal::str_value(self.src.text, s).map_err(|m| self.err(&m, s.range))?,
            ),
            Expr::BytesLiteral(b) => {
                Value::Bytes(crate::objects::rc::Arc::new(b.value.bytes().collect()))
            }
            Expr::BooleanLiteral(b) => Value::bool(b.value),
            Expr::NoneLiteral(_) => Value::None,
            Expr::EllipsisLiteral(_) => Value::Ellipsis,
            _ => return Ok(None),
        }))
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult {
        if matches!(e, Expr::BinOp(_) | Expr::UnaryOp(_) | Expr::Subscript(_)) {
            if let Some(v) = super::fold::fold(e, &|e| self.literal(e).ok().flatten()) {
                self.emit_const(v);
                return Ok(());
            }
        }
        match e {
            Expr::NumberLiteral(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {
                if let Some(v) = self.literal(e)? {
                    self.emit_const(v);
                }
            }
            Expr::FString(f) => self.fstring(f)?,
            Expr::Name(n) => self.load_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.attr_name(a.attr.id.as_str());
                self.emit(Op::LOAD_ATTR, n);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.emit(Op::BINARY_SUBSCR, 0);
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Op::BINARY_OP, binop_index(b.op));
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Not => Op::UNARY_NOT,
                    ast::UnaryOp::USub => Op::UNARY_NEGATIVE,
                    ast::UnaryOp::UAdd => Op::UNARY_POSITIVE,
                    ast::UnaryOp::Invert => Op::UNARY_INVERT,
                };
                self.emit(op, 0);
            }
            Expr::BoolOp(b) => {
                let op = match b.op {
                    ast::BoolOp::And => Op::JUMP_IF_FALSE_OR_POP,
                    ast::BoolOp::Or => Op::JUMP_IF_TRUE_OR_POP,
                };
                let mut jumps = Vec::new();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < b.values.len() {
                        jumps.push(self.emit(op, 0));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => {
                self.expr(&i.test)?;
                let else_ = self.emit(Op::POP_JUMP_IF_FALSE, 0);
                self.expr(&i.body)?;
                let end = self.emit(Op::JUMP_FORWARD, 0);
                self.patch(else_);
                self.expr(&i.orelse)?;
                self.patch(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Op::DUP_TOP, 0);
                self.store(&n.target)?;
            }
            Expr::Call(c) => self.call(c)?,
            Expr::Tuple(t) => self.sequence(&t.elts, Op::BUILD_TUPLE)?,
            Expr::List(l) => self.sequence(&l.elts, Op::BUILD_LIST)?,
            Expr::Set(s) if s.elts.len() >= 3 && s.elts.iter().all(is_constant) => {
                // CPython folds an all-constant display into a frozenset constant, which
                // changes the table layout: BUILD_SET's high bit asks for the same.
                for e in &s.elts {
                    self.expr(e)?;
                }
                self.emit(Op::BUILD_SET, s.elts.len() as u32 | CONST_SET);
            }
            Expr::Set(s) => self.sequence(&s.elts, Op::BUILD_SET)?,
            Expr::Dict(d) => self.dict(d)?,
            Expr::Lambda(l) => {
                self.make_function(l, "<lambda>", l.parameters.as_deref(), l.range(), |c| {
                    c.expr(&l.body)?;
                    c.emit(Op::RETURN_VALUE, 0);
                    Ok(())
                })?;
            }
            Expr::ListComp(c) => self.comprehension(
                c,
                &c.generators,
                Some(Op::BUILD_LIST),
                &[&c.elt],
                "<listcomp>",
            )?,
            Expr::SetComp(c) => self.comprehension(
                c,
                &c.generators,
                Some(Op::BUILD_SET),
                &[&c.elt],
                "<setcomp>",
            )?,
            Expr::Generator(g) => {
                if !g.parenthesized {
                    // The sole argument of a call: CPython's node spans the call's
                    // parentheses too (`sorted(x for x in y)` marks `(x ... y)`).
                    let r = g.range();
                    let one = ruff_text_size::TextSize::from(1);
                    let start = r.start().checked_sub(one).unwrap_or(r.start());
                    let wide = ruff_text_size::TextRange::new(start, r.end() + one);
                    self.set_pos(wide);
                }
                self.comprehension(g, &g.generators, None, &[&g.elt], "<genexpr>")?
            }
            Expr::DictComp(c) => {
                let Some(k) = &c.key else {
                    return Err(self.err(
                        "dict unpacking cannot be used in dict comprehension",
                        e.range(),
                    ));
                };
                self.comprehension(
                    c,
                    &c.generators,
                    Some(Op::BUILD_MAP),
                    &[k, &c.value],
                    "<dictcomp>",
                )?
            }
            Expr::Starred(_) => {
                return Err(self.err("can't use starred expression here", e.range()))
            }
            // A slice in a tuple index (`grid[1:2, ::3]`): the parser puts slices
            // nowhere else.
            Expr::Slice(_) => return self.subscript_index(e),
            Expr::Yield(y) => {
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::None),
                }
                // An async generator's own yield ends the awaitable running it.
                let wrapped = self.scope().coroutine;
                self.emit(Op::YIELD_VALUE, if wrapped { 2 } else { 0 });
            }
            Expr::YieldFrom(y) => {
                if self.scope().is_async {
                    return Err(self.err("'yield from' inside async function", e.range()));
                }
                self.expr(&y.value)?;
                self.emit(Op::GET_YIELD_FROM_ITER, 0);
                self.yield_from_loop();
            }
            Expr::Await(a) => {
                let s = self.scope();
                match s.kind {
                    ScopeKind::Module | ScopeKind::Class => {
                        return Err(self.err("'await' outside function", e.range()))
                    }
                    ScopeKind::Function if !s.is_async => {
                        return Err(self.err("'await' outside async function", e.range()))
                    }
                    _ => {}
                }
                self.expr(&a.value)?;
                self.emit_await(0);
            }
            Expr::TString(_) => return Err(self.unsupported("template strings", e.range())),
            Expr::IpyEscapeCommand(_) => return Err(self.err("invalid syntax", e.range())),
        }
        Ok(())
    }

    /// Mark the operator of a one-line binary operation or the index of a subscript,
    /// as CPython 3.11 does when it re-parses a traceback line.
    fn set_anchors(&mut self, e: &'a Expr) {
        let (lo, hi) = match e {
            Expr::BinOp(b) => {
                let text = self.src.text;
                let (from, to) = (
                    b.left.range().end().to_usize(),
                    b.right.range().start().to_usize(),
                );
                let bytes = text.as_bytes();
                let mut found = None;
                let mut i = from;
                while i < to {
                    let c = bytes[i];
                    if c.is_ascii_whitespace() || c == b')' || c == b'(' {
                        i += 1;
                        continue;
                    }
                    let two =
                        i + 1 < to && !bytes[i + 1].is_ascii_whitespace() && bytes[i + 1] != b'(';
                    found = Some((i, if two { i + 2 } else { i + 1 }));
                    break;
                }
                let Some((lo, hi)) = found else { return };
                (lo, hi)
            }
            Expr::Subscript(s) => (
                s.value.range().end().to_usize(),
                s.slice.range().end().to_usize() + 1,
            ),
            _ => return,
        };
        let p = self.u().pos;
        if p.line != p.end_line {
            return;
        }
        let at = |c: &Self, off: usize| {
            let off = ruff_text_size::TextSize::try_from(off).unwrap_or_default();
            c.src.pos(ruff_text_size::TextRange::new(off, off)).col
        };
        let (lo, hi) = (at(self, lo), at(self, hi));
        let u = self.u();
        u.pos.anchor_lo = lo;
        u.pos.anchor_hi = hi;
    }

    /// The index of a subscript: a slice becomes a `slice` object.
    pub fn subscript_index(&mut self, s: &'a Expr) -> CResult {
        if let Expr::Slice(sl) = s {
            for p in [&sl.lower, &sl.upper] {
                match p {
                    Some(v) => self.expr(v)?,
                    None => self.emit_const(Value::None),
                }
            }
            match &sl.step {
                Some(v) => {
                    self.expr(v)?;
                    self.emit(Op::BUILD_SLICE, 3);
                }
                None => {
                    self.emit(Op::BUILD_SLICE, 2);
                }
            }
            Ok(())
        } else {
            self.expr(s)
        }
    }

    fn compare(&mut self, c: &'a ast::ExprCompare) -> CResult {
        self.expr(&c.left)?;
        let n = c.ops.len();
        let mut cleanups = Vec::new();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right)?;
            if i + 1 < n {
                self.emit(Op::DUP_TOP, 0);
                self.emit(Op::ROT_THREE, 0);
            }
            let (code, arg) = match op {
                ast::CmpOp::Lt => (Op::COMPARE_OP, 0),
                ast::CmpOp::LtE => (Op::COMPARE_OP, 1),
                ast::CmpOp::Eq => (Op::COMPARE_OP, 2),
                ast::CmpOp::NotEq => (Op::COMPARE_OP, 3),
                ast::CmpOp::Gt => (Op::COMPARE_OP, 4),
                ast::CmpOp::GtE => (Op::COMPARE_OP, 5),
                ast::CmpOp::Is => (Op::IS_OP, 0),
                ast::CmpOp::IsNot => (Op::IS_OP, 1),
                ast::CmpOp::In => (Op::CONTAINS_OP, 0),
                ast::CmpOp::NotIn => (Op::CONTAINS_OP, 1),
            };
            self.emit(code, arg);
            if i + 1 < n {
                cleanups.push(self.emit(Op::JUMP_IF_FALSE_OR_POP, 0));
            }
        }
        if !cleanups.is_empty() {
            let end = self.emit(Op::JUMP_FORWARD, 0);
            for j in cleanups {
                self.patch(j);
            }
            self.emit(Op::ROT_TWO, 0);
            self.emit(Op::POP_TOP, 0);
            self.patch(end);
        }
        Ok(())
    }

    fn call(&mut self, c: &'a ast::ExprCall) -> CResult {
        match &*c.func {
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let saved = self.set_pos(c.func.range());
                let n = self.attr_name(a.attr.id.as_str());
                self.emit(Op::LOAD_METHOD, n);
                self.u().pos = saved;
            }
            f => {
                self.emit(Op::PUSH_NULL, 0);
                self.expr(f)?;
            }
        }
        let args = &c.arguments;
        let starred = args.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || args.keywords.iter().any(|k| k.arg.is_none());
        // (CPython's `validate_keywords`: any call, with `*`/`**` or not.)
        let mut seen: Vec<&str> = Vec::new();
        for k in &args.keywords {
            if let Some(a) = &k.arg {
                if seen.contains(&a.id.as_str()) {
                    let msg = format!("keyword argument repeated: {}", a.id.as_str());
                    return Err(self.err(&msg, k.range()));
                }
                seen.push(a.id.as_str());
            }
        }
        if starred {
            match &args.args[..] {
                // `f(*xs)`: `xs` as it is; CALL_FUNCTION_EX makes the tuple (and names
                // `f` when `xs` is not iterable, as CPython does).
                [Expr::Starred(s)] => self.expr(&s.value)?,
                _ => self.sequence(&args.args, Op::BUILD_TUPLE)?,
            }
            self.call_ex_keywords(&args.keywords)?;
            return Ok(());
        }
        for a in args.args.iter() {
            self.expr(a)?;
        }
        let n = args.args.len() + args.keywords.len();
        if args.keywords.is_empty() {
            self.emit(Op::CALL, n as u32);
        } else {
            let mut names = Vec::new();
            for k in &args.keywords {
                let name = k.arg.as_ref().map(|a| a.id.as_str()).unwrap_or("");
                if names.iter().any(|v: &Value| v.as_str() == Some(name)) {
                    return Err(self.err(&format!("keyword argument repeated: {name}"), k.range()));
                }
                names.push(Value::str(name));
                self.expr(&k.value)?;
            }
            self.emit_const(Value::tuple(names));
            self.emit(Op::CALL_KW, n as u32);
        }
        Ok(())
    }

    /// The keywords of a call with `*`/`**` (the positional tuple is on the stack),
    /// then its `CALL_FUNCTION_EX`.
    pub fn call_ex_keywords(&mut self, keywords: &'a [ast::Keyword]) -> CResult {
        let mut flags = 0;
        if !keywords.is_empty() {
            // Runs of named keywords are merged as one map, as each `**`: a name
            // given twice across them is the call's error (DICT_MERGE).
            self.emit(Op::BUILD_MAP, 0);
            let mut run = 0;
            for k in keywords {
                match &k.arg {
                    Some(name) => {
                        self.emit_const(Value::str(name.id.as_str()));
                        self.expr(&k.value)?;
                        run += 1;
                    }
                    None => {
                        if run > 0 {
                            self.emit(Op::BUILD_MAP, run);
                            self.emit(Op::DICT_MERGE, 1);
                            run = 0;
                        }
                        self.expr(&k.value)?;
                        self.emit(Op::DICT_MERGE, 1);
                    }
                }
            }
            if run > 0 {
                self.emit(Op::BUILD_MAP, run);
                self.emit(Op::DICT_MERGE, 1);
            }
            flags = 1;
        }
        self.emit(Op::CALL_FUNCTION_EX, flags);
        Ok(())
    }

    /// A tuple, list or set display (with `*unpacking`).
    fn sequence(&mut self, elts: &'a [Expr], build: Op) -> CResult {
        if !elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
            for e in elts {
                self.expr(e)?;
            }
            self.emit(build, elts.len() as u32);
            return Ok(());
        }
        let set = build == Op::BUILD_SET;
        self.emit(if set { Op::BUILD_SET } else { Op::BUILD_LIST }, 0);
        for e in elts {
            match e {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(if set { Op::SET_UPDATE } else { Op::LIST_EXTEND }, 1);
                }
                e => {
                    self.expr(e)?;
                    self.emit(if set { Op::SET_ADD } else { Op::LIST_APPEND }, 1);
                }
            }
        }
        if build == Op::BUILD_TUPLE {
            self.emit(Op::LIST_TO_TUPLE, 0);
        }
        Ok(())
    }

    fn dict(&mut self, d: &'a ast::ExprDict) -> CResult {
        if d.items.iter().all(|i| i.key.is_some()) {
            for item in &d.items {
                if let Some(k) = &item.key {
                    self.expr(k)?;
                }
                self.expr(&item.value)?;
            }
            self.emit(Op::BUILD_MAP, d.items.len() as u32);
            return Ok(());
        }
        self.emit(Op::BUILD_MAP, 0);
        for item in &d.items {
            match &item.key {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(&item.value)?;
                    self.emit(Op::MAP_ADD, 1);
                }
                None => {
                    self.expr(&item.value)?;
                    self.emit(Op::DICT_UPDATE, 1);
                }
            }
        }
        Ok(())
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> CResult {
        let mut parts = 0;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => {
                    self.emit_const(Value::str(&s.value));
                    parts += 1;
                }
                ast::FStringPart::FString(fs) => parts += self.fstring_elements(&fs.elements)?,
            }
        }
        if parts != 1 {
            self.emit(Op::BUILD_STRING, parts);
        }
        Ok(())
    }

    fn fstring_elements(&mut self, els: &'a ast::InterpolatedStringElements) -> CResult<u32> {
        let mut parts = 0;
        for el in els.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    let v = super::literal::fstring_piece(self.src.text, l)
                        .map_err(|m| self.err(&m, l.range))?;
                    self.emit_const(Value::str(&v));
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(d) = &i.debug_text {
                        let text = &self.src.text[i.expression.range()];
                        self.emit_const(Value::string(format!(
                            "{}{}{}",
                            d.leading(),
                            text,
                            d.trailing()
                        )));
                        parts += 1;
                        if conv == 0 && i.format_spec.is_none() {
                            conv = 2;
                        }
                    }
                    self.expr(&i.expression)?;
                    if let Some(spec) = &i.format_spec {
                        let n = self.fstring_elements(&spec.elements)?;
                        if n != 1 {
                            self.emit(Op::BUILD_STRING, n);
                        }
                        conv |= 4;
                    }
                    self.emit(Op::FORMAT_VALUE, conv);
                }
            }
            parts += 1;
        }
        if parts == 0 {
            self.emit_const(Value::str(""));
            parts = 1;
        }
        Ok(parts)
    }

    /// A comprehension: a function of one argument (the first iterator) called at once.
    /// `build: None` is a generator expression: the function is a generator that
    /// yields each element.
    fn comprehension<T>(
        &mut self,
        node: &'a T,
        gens: &'a [ast::Comprehension],
        build: Option<Op>,
        elts: &[&'a Expr],
        name: &str,
    ) -> CResult {
        let Some(first) = gens.first() else {
            return Ok(());
        };
        let coroutine = self.scope_for(node).coroutine;
        if coroutine && build.is_some() {
            let s = self.scope();
            let allowed = s.is_async || s.kind == ScopeKind::Comprehension;
            if !allowed {
                return Err(self.err(
                    "asynchronous comprehension outside of an asynchronous function",
                    first.range(),
                ));
            }
        }
        let range = first.range();
        self.emit(Op::PUSH_NULL, 0);
        let elts = elts.to_vec();
        self.make_function(node, name, None, range, |c| {
            if let Some(build) = build {
                c.emit(build, 0);
            }
            let mut exits = Vec::new();
            for (i, g) in gens.iter().enumerate() {
                if i == 0 {
                    c.emit(Op::LOAD_FAST, 0);
                } else {
                    c.expr(&g.iter)?;
                    c.emit(
                        if g.is_async {
                            Op::GET_AITER
                        } else {
                            Op::GET_ITER
                        },
                        0,
                    );
                }
                let start = c.here();
                let exit = if g.is_async {
                    c.async_next()
                } else {
                    c.emit(Op::FOR_ITER, 0)
                };
                exits.push((start, exit, g.is_async));
                c.store(&g.target)?;
                for cond in &g.ifs {
                    c.expr(cond)?;
                    c.emit(Op::POP_JUMP_IF_FALSE, start as u32);
                }
            }
            for e in &elts {
                c.expr(e)?;
            }
            let depth = gens.len() as u32 + 1;
            match build {
                Some(Op::BUILD_LIST) => c.emit(Op::LIST_APPEND, depth),
                Some(Op::BUILD_SET) => c.emit(Op::SET_ADD, depth),
                Some(_) => c.emit(Op::MAP_ADD, depth),
                None => {
                    c.emit(Op::YIELD_VALUE, if coroutine { 2 } else { 0 });
                    c.emit(Op::POP_TOP, 0)
                }
            };
            for (start, exit, is_async) in exits.into_iter().rev() {
                c.emit(Op::JUMP_BACKWARD, start as u32);
                c.patch(exit);
                if is_async {
                    c.emit(Op::END_ASYNC_FOR, 0);
                }
            }
            if build.is_none() {
                c.emit_const(Value::None);
            }
            c.emit(Op::RETURN_VALUE, 0);
            Ok(())
        })?;
        self.expr(&first.iter)?;
        self.emit(
            if first.is_async {
                Op::GET_AITER
            } else {
                Op::GET_ITER
            },
            0,
        );
        self.emit(Op::CALL, 1);
        if coroutine && build.is_some() {
            self.emit_await(0);
        }
        Ok(())
    }

    /// The head of an `async for` step, the async iterator on top: `[aiter] ->
    /// [aiter, item]`, or the handler at the returned jump (to patch to an
    /// `END_ASYNC_FOR`) when `__anext__`'s awaitable raises.
    pub(super) fn async_next(&mut self) -> usize {
        let setup = self.emit(Op::SETUP_FINALLY, 0);
        self.emit(Op::GET_ANEXT, 0);
        self.emit_await(3);
        self.emit(Op::POP_BLOCK, 0);
        setup
    }
}
