//! Ruff's AST to CPython 3.11's `_ast` node objects (`compile(..., PyCF_ONLY_AST)`,
//! so `ast.parse`).
//!
//! The walk only decides *what* CPython would build: each node is handed to a
//! [`NodeMaker`] (class name, fields in `_fields` order, position), which makes the
//! Python object (`modules::ast_nodes`). Positions are CPython's: 1-based lines,
//! 0-based columns counted in UTF-8 bytes from the line's start. Where Ruff's ranges
//! differ from CPython's they are corrected here:
//! - a decorated `def`/`class` starts at its keyword (`async`, `def`, `class`), not at
//!   the first decorator;
//! - the `If` made for an `elif` spans from `elif` to the end of the whole chain;
//! - f-strings use 3.11's layout: `JoinedStr` of `Constant` and `FormattedValue`
//!   parts (adjacent literal text merged, `{x=}` text folded into the literal
//!   before), the parts carrying the whole string's position, a format spec that
//!   of the one f-string token it is in (and so do its parts if it is plain text).

use ruff_python_ast::{self as ast, Expr, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::parse::Source;
use super::CompileError;
use crate::objects::gil::{with_gil, Gil};
use crate::objects::value::Value;

/// A node's position: line, column, end line, end column (CPython's attributes).
pub type NodePos = [i64; 4];

/// Makes one node: class name, `(field, value)` pairs in `_fields` order, and the
/// position (`None` for nodes without `_attributes`). A node with no fields and no
/// position is one of CPython's shared singletons (`Load()`, `Add()`, ...).
pub type NodeMaker<'m> = dyn FnMut(Gil<'_>, &'static str, Vec<(&'static str, Value)>, Option<NodePos>) -> Value
    + Send
    + 'm;

/// `compile()`'s modes for an AST.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AstMode {
    Exec,
    Eval,
    Single,
}

/// Parse `text` and build the `_ast` tree (`Module`, `Expression` or `Interactive`).
pub fn parse_ast(
    text: &str,
    filename: &str,
    mode: AstMode,
    make: &mut NodeMaker<'_>,
) -> Result<Value, CompileError> {
    let text = &*super::universal_newlines(text);
    crate::mt::worker::on_os_stack(|| {
        with_gil(|gil| parse_ast_here(gil, text, filename, mode, make))
    })
}

fn parse_ast_here(
    gil: Gil<'_>,
    text: &str,
    filename: &str,
    mode: AstMode,
    make: &mut NodeMaker<'_>,
) -> Result<Value, CompileError> {
    match mode {
        AstMode::Exec => {
            let src = Source::parse(text, filename)?;
            let mut c = Conv::new(gil, text, filename, make);
            let body = c.stmts(src.body())?;
            let ti = Value::list(Vec::new());
            Ok(c.bare("Module", vec![("body", body), ("type_ignores", ti)]))
        }
        AstMode::Single => {
            let src = Source::parse(text, filename)?;
            let body = src.body();
            let Some(first) = body.first() else {
                return Err(src.error("invalid syntax", TextRange::default()));
            };
            // Statements on one line (`a; b`) are one interactive input; more lines
            // are CPython's error, at the end of the first statement.
            let line_of = |at: TextSize| text[..usize::from(at)].matches('\n').count();
            let line = line_of(first.range().start());
            if body[1..].iter().any(|s| line_of(s.range().start()) != line) {
                let end = first.range().end();
                let mut e = src.error(
                    "multiple statements found while compiling a single statement",
                    TextRange::new(end, end),
                );
                e.end_col = e.col;
                return Err(e);
            }
            let mut c = Conv::new(gil, text, filename, make);
            let body = c.stmts(body)?;
            Ok(c.bare("Interactive", vec![("body", body)]))
        }
        AstMode::Eval => {
            let src = super::parse_eval_source(text, filename)?;
            let Some(Stmt::Expr(e)) = src.body().first() else {
                return Err(src.error("invalid syntax", TextRange::default()));
            };
            let mut c = Conv::new(gil, text, filename, make);
            let body = c.expr(&e.value)?;
            Ok(c.bare("Expression", vec![("body", body)]))
        }
    }
}

struct Conv<'t, 'm, 'r, 'g> {
    gil: Gil<'g>,
    text: &'t str,
    /// Byte offset of each line's start.
    lines: Vec<u32>,
    filename: &'t str,
    make: &'r mut NodeMaker<'m>,
}

type R = Result<Value, CompileError>;

fn opt(v: Option<Value>) -> Value {
    v.unwrap_or(Value::None)
}

impl<'t, 'm, 'r, 'g> Conv<'t, 'm, 'r, 'g> {
    fn new(gil: Gil<'g>, text: &'t str, filename: &'t str, make: &'r mut NodeMaker<'m>) -> Self {
        let b = text.as_bytes();
        let mut lines = vec![0u32];
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => lines.push(i as u32 + 1),
                b'\r' if b.get(i + 1) != Some(&b'\n') => lines.push(i as u32 + 1),
                _ => {}
            }
            i += 1;
        }
        Conv {
            gil,
            text,
            lines,
            filename,
            make,
        }
    }

    fn at(&self, off: TextSize) -> (i64, i64) {
        let o = u32::from(off).min(self.text.len() as u32);
        let i = self.lines.partition_point(|&s| s <= o).max(1) - 1;
        let col = o - self.lines[i];
        (i as i64 + 1, col as i64)
    }

    fn pos(&self, r: TextRange) -> NodePos {
        let (l, c) = self.at(r.start());
        let (el, ec) = self.at(r.end());
        [l, c, el, ec]
    }

    fn node(
        &mut self,
        name: &'static str,
        fields: Vec<(&'static str, Value)>,
        r: TextRange,
    ) -> Value {
        let p = self.pos(r);
        (self.make)(self.gil, name, fields, Some(p))
    }

    fn bare(&mut self, name: &'static str, fields: Vec<(&'static str, Value)>) -> Value {
        (self.make)(self.gil, name, fields, None)
    }

    fn single(&mut self, name: &'static str) -> Value {
        (self.make)(self.gil, name, Vec::new(), None)
    }

    fn unsupported(&self, what: &str, r: TextRange) -> CompileError {
        self.error_at(&format!("{what} is not supported in Python 3.11"), r)
    }

    fn error_at(&self, msg: &str, r: TextRange) -> CompileError {
        let (line, col) = self.at(r.start());
        CompileError {
            msg: msg.to_owned(),
            filename: self.filename.to_owned(),
            line: line as u32,
            col: col as u32 + 1,
            end_line: line as u32,
            end_col: col as u32 + 2,
            text: self
                .text
                .lines()
                .nth(line as usize - 1)
                .unwrap_or("")
                .to_owned(),
        }
    }

    fn stmts(&mut self, body: &[Stmt]) -> R {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            out.push(self.stmt(s)?);
        }
        Ok(Value::list(out))
    }

    fn exprs<'e>(&mut self, es: impl IntoIterator<Item = &'e Expr>) -> R {
        let mut out = Vec::new();
        for e in es {
            out.push(self.expr(e)?);
        }
        Ok(Value::list(out))
    }

    fn opt_expr(&mut self, e: Option<&Expr>) -> R {
        Ok(match e {
            Some(e) => self.expr(e)?,
            None => Value::None,
        })
    }

    fn ident(id: &ast::Identifier) -> Value {
        Value::str(id.id.as_str())
    }

    fn opt_ident(id: Option<&ast::Identifier>) -> Value {
        opt(id.map(Self::ident))
    }

    /// Where the keyword of a decorated definition starts: the first `async`, `def`
    /// or `class` after the last decorator (skipping blanks, comments, newlines).
    fn keyword_after(&self, decorators: &[ast::Decorator], r: TextRange) -> TextRange {
        let Some(last) = decorators.last() else {
            return r;
        };
        let b = self.text.as_bytes();
        let mut i = usize::from(last.range().end());
        while i < b.len() {
            match b[i] {
                b' ' | b'\t' | b'\x0c' | b'\n' | b'\r' | b'\\' => i += 1,
                b'#' => {
                    while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        TextRange::new(TextSize::from(i as u32), r.end())
    }

    /// A compound statement's range: its block ends after a `;` that ends the last
    /// line of an inline body (`def f(): x = 1;`), as CPython's block token does.
    fn block(&self, r: TextRange) -> TextRange {
        let b = self.text.as_bytes();
        let mut i = usize::from(r.end());
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t' || b[i] == b'\x0c') {
            i += 1;
        }
        if b.get(i) == Some(&b';') {
            return TextRange::new(r.start(), TextSize::from(i as u32 + 1));
        }
        r
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        super::grow(64 * 1024, 4 * 1024 * 1024, || self.stmt_inner(s))
    }

    fn stmt_inner(&mut self, s: &Stmt) -> R {
        let r = s.range();
        let r = match s {
            Stmt::FunctionDef(_)
            | Stmt::ClassDef(_)
            | Stmt::For(_)
            | Stmt::While(_)
            | Stmt::If(_)
            | Stmt::With(_)
            | Stmt::Match(_)
            | Stmt::Try(_) => self.block(r),
            _ => r,
        };
        Ok(match s {
            Stmt::FunctionDef(f) => {
                if let Some(tp) = &f.type_params {
                    return Err(self.unsupported("type parameter list", tp.range()));
                }
                let args = self.parameters(Some(&f.parameters))?;
                let body = self.stmts(&f.body)?;
                let decos = self.exprs(f.decorator_list.iter().map(|d| &d.expression))?;
                let returns = self.opt_expr(f.returns.as_deref())?;
                let name = if f.is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                };
                let at = self.keyword_after(&f.decorator_list, r);
                self.node(
                    name,
                    vec![
                        ("name", Self::ident(&f.name)),
                        ("args", args),
                        ("body", body),
                        ("decorator_list", decos),
                        ("returns", returns),
                        ("type_comment", Value::None),
                    ],
                    at,
                )
            }
            Stmt::ClassDef(c) => {
                if let Some(tp) = &c.type_params {
                    return Err(self.unsupported("type parameter list", tp.range()));
                }
                let bases = self.exprs(c.bases())?;
                let keywords = self.keywords(c.keywords())?;
                let body = self.stmts(&c.body)?;
                let decos = self.exprs(c.decorator_list.iter().map(|d| &d.expression))?;
                let at = self.keyword_after(&c.decorator_list, r);
                self.node(
                    "ClassDef",
                    vec![
                        ("name", Self::ident(&c.name)),
                        ("bases", bases),
                        ("keywords", keywords),
                        ("body", body),
                        ("decorator_list", decos),
                    ],
                    at,
                )
            }
            Stmt::Return(x) => {
                let v = self.opt_expr(x.value.as_deref())?;
                self.node("Return", vec![("value", v)], r)
            }
            Stmt::Delete(d) => {
                let t = self.exprs(&d.targets)?;
                self.node("Delete", vec![("targets", t)], r)
            }
            Stmt::TypeAlias(t) => return Err(self.unsupported("type alias statement", t.range)),
            Stmt::Assign(a) => {
                let t = self.exprs(&a.targets)?;
                let v = self.expr(&a.value)?;
                self.node(
                    "Assign",
                    vec![("targets", t), ("value", v), ("type_comment", Value::None)],
                    r,
                )
            }
            Stmt::AugAssign(a) => {
                let t = self.expr(&a.target)?;
                let op = self.operator(a.op);
                let v = self.expr(&a.value)?;
                self.node(
                    "AugAssign",
                    vec![("target", t), ("op", op), ("value", v)],
                    r,
                )
            }
            Stmt::AnnAssign(a) => {
                let t = self.expr(&a.target)?;
                let ann = self.expr(&a.annotation)?;
                let v = self.opt_expr(a.value.as_deref())?;
                self.node(
                    "AnnAssign",
                    vec![
                        ("target", t),
                        ("annotation", ann),
                        ("value", v),
                        ("simple", Value::Int(a.simple as i64)),
                    ],
                    r,
                )
            }
            Stmt::For(f) => {
                let t = self.expr(&f.target)?;
                let it = self.expr(&f.iter)?;
                let body = self.stmts(&f.body)?;
                let orelse = self.stmts(&f.orelse)?;
                let name = if f.is_async { "AsyncFor" } else { "For" };
                self.node(
                    name,
                    vec![
                        ("target", t),
                        ("iter", it),
                        ("body", body),
                        ("orelse", orelse),
                        ("type_comment", Value::None),
                    ],
                    r,
                )
            }
            Stmt::While(w) => {
                let t = self.expr(&w.test)?;
                let body = self.stmts(&w.body)?;
                let orelse = self.stmts(&w.orelse)?;
                self.node(
                    "While",
                    vec![("test", t), ("body", body), ("orelse", orelse)],
                    r,
                )
            }
            Stmt::If(i) => {
                let test = self.expr(&i.test)?;
                let body = self.stmts(&i.body)?;
                let orelse = self.elif_chain(&i.elif_else_clauses, r.end())?;
                self.node(
                    "If",
                    vec![("test", test), ("body", body), ("orelse", orelse)],
                    r,
                )
            }
            Stmt::With(w) => {
                let mut items = Vec::new();
                for it in &w.items {
                    let ce = self.expr(&it.context_expr)?;
                    let ov = self.opt_expr(it.optional_vars.as_deref())?;
                    items.push(self.bare(
                        "withitem",
                        vec![("context_expr", ce), ("optional_vars", ov)],
                    ));
                }
                let body = self.stmts(&w.body)?;
                let name = if w.is_async { "AsyncWith" } else { "With" };
                self.node(
                    name,
                    vec![
                        ("items", Value::list(items)),
                        ("body", body),
                        ("type_comment", Value::None),
                    ],
                    r,
                )
            }
            Stmt::Match(m) => {
                let subject = self.expr(&m.subject)?;
                let mut cases = Vec::new();
                for c in &m.cases {
                    let p = self.pattern(&c.pattern)?;
                    let g = self.opt_expr(c.guard.as_deref())?;
                    let body = self.stmts(&c.body)?;
                    cases.push(self.bare(
                        "match_case",
                        vec![("pattern", p), ("guard", g), ("body", body)],
                    ));
                }
                self.node(
                    "Match",
                    vec![("subject", subject), ("cases", Value::list(cases))],
                    r,
                )
            }
            Stmt::Raise(x) => {
                let e = self.opt_expr(x.exc.as_deref())?;
                let c = self.opt_expr(x.cause.as_deref())?;
                self.node("Raise", vec![("exc", e), ("cause", c)], r)
            }
            Stmt::Try(t) => {
                let body = self.stmts(&t.body)?;
                let mut handlers = Vec::new();
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    let ty = self.opt_expr(h.type_.as_deref())?;
                    let hb = self.stmts(&h.body)?;
                    handlers.push(self.node(
                        "ExceptHandler",
                        vec![
                            ("type", ty),
                            ("name", Self::opt_ident(h.name.as_ref())),
                            ("body", hb),
                        ],
                        self.block(h.range),
                    ));
                }
                let orelse = self.stmts(&t.orelse)?;
                let fin = self.stmts(&t.finalbody)?;
                let name = if t.is_star { "TryStar" } else { "Try" };
                self.node(
                    name,
                    vec![
                        ("body", body),
                        ("handlers", Value::list(handlers)),
                        ("orelse", orelse),
                        ("finalbody", fin),
                    ],
                    r,
                )
            }
            Stmt::Assert(a) => {
                let t = self.expr(&a.test)?;
                let m = self.opt_expr(a.msg.as_deref())?;
                self.node("Assert", vec![("test", t), ("msg", m)], r)
            }
            Stmt::Import(i) => {
                let names = self.aliases(&i.names);
                self.node("Import", vec![("names", names)], r)
            }
            Stmt::ImportFrom(i) => {
                let names = self.aliases(&i.names);
                self.node(
                    "ImportFrom",
                    vec![
                        ("module", Self::opt_ident(i.module.as_ref())),
                        ("names", names),
                        ("level", Value::Int(i.level as i64)),
                    ],
                    r,
                )
            }
            Stmt::Global(g) => {
                let names = Value::list(g.names.iter().map(Self::ident).collect());
                self.node("Global", vec![("names", names)], r)
            }
            Stmt::Nonlocal(g) => {
                let names = Value::list(g.names.iter().map(Self::ident).collect());
                self.node("Nonlocal", vec![("names", names)], r)
            }
            Stmt::Expr(e) => {
                let v = self.expr(&e.value)?;
                self.node("Expr", vec![("value", v)], r)
            }
            Stmt::Pass(_) => self.node("Pass", Vec::new(), r),
            Stmt::Break(_) => self.node("Break", Vec::new(), r),
            Stmt::Continue(_) => self.node("Continue", Vec::new(), r),
            Stmt::IpyEscapeCommand(x) => return Err(self.unsupported("IPython escape", x.range)),
        })
    }

    /// `elif`/`else` clauses: an `elif` is an `If` in the `orelse` list, spanning from
    /// its keyword to the end of the whole statement.
    fn elif_chain(&mut self, clauses: &[ast::ElifElseClause], end: TextSize) -> R {
        let Some((first, rest)) = clauses.split_first() else {
            return Ok(Value::list(Vec::new()));
        };
        match &first.test {
            None => self.stmts(&first.body),
            Some(test) => {
                let t = self.expr(test)?;
                let body = self.stmts(&first.body)?;
                let orelse = self.elif_chain(rest, end)?;
                let r = TextRange::new(first.range.start(), end);
                Ok(Value::list(vec![self.node(
                    "If",
                    vec![("test", t), ("body", body), ("orelse", orelse)],
                    r,
                )]))
            }
        }
    }

    fn aliases(&mut self, names: &[ast::Alias]) -> Value {
        let mut out = Vec::with_capacity(names.len());
        for a in names {
            out.push(self.node(
                "alias",
                vec![
                    ("name", Self::ident(&a.name)),
                    ("asname", Self::opt_ident(a.asname.as_ref())),
                ],
                a.range,
            ));
        }
        Value::list(out)
    }

    fn keywords(&mut self, kws: &[ast::Keyword]) -> R {
        let mut out = Vec::with_capacity(kws.len());
        for k in kws {
            let v = self.expr(&k.value)?;
            out.push(self.node(
                "keyword",
                vec![("arg", Self::opt_ident(k.arg.as_ref())), ("value", v)],
                k.range,
            ));
        }
        Ok(Value::list(out))
    }

    fn arg(&mut self, p: &ast::Parameter) -> R {
        let ann = self.opt_expr(p.annotation.as_deref())?;
        Ok(self.node(
            "arg",
            vec![
                ("arg", Self::ident(&p.name)),
                ("annotation", ann),
                ("type_comment", Value::None),
            ],
            // `*args` and `**kw` start at the name.
            TextRange::new(p.name.range.start(), p.range.end()),
        ))
    }

    fn parameters(&mut self, ps: Option<&ast::Parameters>) -> R {
        let empty = ast::Parameters::default();
        let ps = ps.unwrap_or(&empty);
        let mut posonly = Vec::new();
        let mut args = Vec::new();
        let mut defaults = Vec::new();
        for p in &ps.posonlyargs {
            posonly.push(self.arg(&p.parameter)?);
            if let Some(d) = &p.default {
                defaults.push(self.expr(d)?);
            }
        }
        for p in &ps.args {
            args.push(self.arg(&p.parameter)?);
            if let Some(d) = &p.default {
                defaults.push(self.expr(d)?);
            }
        }
        let vararg = match &ps.vararg {
            Some(p) => self.arg(p)?,
            None => Value::None,
        };
        let mut kwonly = Vec::new();
        let mut kw_defaults = Vec::new();
        for p in &ps.kwonlyargs {
            kwonly.push(self.arg(&p.parameter)?);
            kw_defaults.push(self.opt_expr(p.default.as_deref())?);
        }
        let kwarg = match &ps.kwarg {
            Some(p) => self.arg(p)?,
            None => Value::None,
        };
        Ok(self.bare(
            "arguments",
            vec![
                ("posonlyargs", Value::list(posonly)),
                ("args", Value::list(args)),
                ("vararg", vararg),
                ("kwonlyargs", Value::list(kwonly)),
                ("kw_defaults", Value::list(kw_defaults)),
                ("kwarg", kwarg),
                ("defaults", Value::list(defaults)),
            ],
        ))
    }

    fn operator(&mut self, op: ast::Operator) -> Value {
        use ast::Operator as O;
        self.single(match op {
            O::Add => "Add",
            O::Sub => "Sub",
            O::Mult => "Mult",
            O::MatMult => "MatMult",
            O::Div => "Div",
            O::Mod => "Mod",
            O::Pow => "Pow",
            O::LShift => "LShift",
            O::RShift => "RShift",
            O::BitOr => "BitOr",
            O::BitXor => "BitXor",
            O::BitAnd => "BitAnd",
            O::FloorDiv => "FloorDiv",
        })
    }

    fn ctx(&mut self, c: ast::ExprContext) -> Value {
        self.single(match c {
            ast::ExprContext::Store => "Store",
            ast::ExprContext::Del => "Del",
            _ => "Load",
        })
    }

    fn comprehensions(&mut self, gens: &[ast::Comprehension]) -> R {
        let mut out = Vec::with_capacity(gens.len());
        for g in gens {
            let t = self.expr(&g.target)?;
            let it = self.expr(&g.iter)?;
            let ifs = self.exprs(&g.ifs)?;
            out.push(self.bare(
                "comprehension",
                vec![
                    ("target", t),
                    ("iter", it),
                    ("ifs", ifs),
                    ("is_async", Value::Int(g.is_async as i64)),
                ],
            ));
        }
        Ok(Value::list(out))
    }

    fn constant(&mut self, v: Value, kind: Value, r: TextRange) -> Value {
        self.node("Constant", vec![("value", v), ("kind", kind)], r)
    }

    fn expr(&mut self, e: &Expr) -> R {
        super::grow(64 * 1024, 4 * 1024 * 1024, || self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr) -> R {
        let r = e.range();
        Ok(match e {
            Expr::BoolOp(b) => {
                let op = self.single(match b.op {
                    ast::BoolOp::And => "And",
                    ast::BoolOp::Or => "Or",
                });
                let vals = self.exprs(&b.values)?;
                self.node("BoolOp", vec![("op", op), ("values", vals)], r)
            }
            Expr::Named(n) => {
                let t = self.expr(&n.target)?;
                let v = self.expr(&n.value)?;
                self.node("NamedExpr", vec![("target", t), ("value", v)], r)
            }
            Expr::BinOp(b) => {
                let l = self.expr(&b.left)?;
                let op = self.operator(b.op);
                let rt = self.expr(&b.right)?;
                self.node("BinOp", vec![("left", l), ("op", op), ("right", rt)], r)
            }
            Expr::UnaryOp(u) => {
                let op = self.single(match u.op {
                    ast::UnaryOp::Invert => "Invert",
                    ast::UnaryOp::Not => "Not",
                    ast::UnaryOp::UAdd => "UAdd",
                    ast::UnaryOp::USub => "USub",
                });
                let v = self.expr(&u.operand)?;
                self.node("UnaryOp", vec![("op", op), ("operand", v)], r)
            }
            Expr::Lambda(l) => {
                let args = self.parameters(l.parameters.as_deref())?;
                let body = self.expr(&l.body)?;
                self.node("Lambda", vec![("args", args), ("body", body)], r)
            }
            Expr::If(i) => {
                let t = self.expr(&i.test)?;
                let b = self.expr(&i.body)?;
                let o = self.expr(&i.orelse)?;
                self.node("IfExp", vec![("test", t), ("body", b), ("orelse", o)], r)
            }
            Expr::Dict(d) => {
                let mut keys = Vec::with_capacity(d.items.len());
                let mut vals = Vec::with_capacity(d.items.len());
                for it in &d.items {
                    keys.push(self.opt_expr(it.key.as_ref())?);
                    vals.push(self.expr(&it.value)?);
                }
                self.node(
                    "Dict",
                    vec![("keys", Value::list(keys)), ("values", Value::list(vals))],
                    r,
                )
            }
            Expr::Set(s) => {
                let elts = self.exprs(&s.elts)?;
                self.node("Set", vec![("elts", elts)], r)
            }
            Expr::ListComp(c) => {
                let elt = self.expr(&c.elt)?;
                let g = self.comprehensions(&c.generators)?;
                self.node("ListComp", vec![("elt", elt), ("generators", g)], r)
            }
            Expr::SetComp(c) => {
                let elt = self.expr(&c.elt)?;
                let g = self.comprehensions(&c.generators)?;
                self.node("SetComp", vec![("elt", elt), ("generators", g)], r)
            }
            Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return Err(self.unsupported("dictionary unpacking in a comprehension", r));
                };
                let k = self.expr(key)?;
                let v = self.expr(&c.value)?;
                let g = self.comprehensions(&c.generators)?;
                self.node(
                    "DictComp",
                    vec![("key", k), ("value", v), ("generators", g)],
                    r,
                )
            }
            Expr::Generator(c) => {
                let elt = self.expr(&c.elt)?;
                let g = self.comprehensions(&c.generators)?;
                self.node("GeneratorExp", vec![("elt", elt), ("generators", g)], r)
            }
            Expr::Await(a) => {
                let v = self.expr(&a.value)?;
                self.node("Await", vec![("value", v)], r)
            }
            Expr::Yield(y) => {
                let v = self.opt_expr(y.value.as_deref())?;
                self.node("Yield", vec![("value", v)], r)
            }
            Expr::YieldFrom(y) => {
                let v = self.expr(&y.value)?;
                self.node("YieldFrom", vec![("value", v)], r)
            }
            Expr::Compare(c) => {
                let l = self.expr(&c.left)?;
                let mut ops = Vec::with_capacity(c.ops.len());
                for op in c.ops.iter() {
                    use ast::CmpOp as C;
                    ops.push(self.single(match op {
                        C::Eq => "Eq",
                        C::NotEq => "NotEq",
                        C::Lt => "Lt",
                        C::LtE => "LtE",
                        C::Gt => "Gt",
                        C::GtE => "GtE",
                        C::Is => "Is",
                        C::IsNot => "IsNot",
                        C::In => "In",
                        C::NotIn => "NotIn",
                    }));
                }
                let comps = self.exprs(c.comparators.iter())?;
                self.node(
                    "Compare",
                    vec![
                        ("left", l),
                        ("ops", Value::list(ops)),
                        ("comparators", comps),
                    ],
                    r,
                )
            }
            Expr::Call(c) => {
                let f = self.expr(&c.func)?;
                let args = match &c.arguments.args[..] {
                    // A generator expression as the only argument takes the call's
                    // parentheses as its own.
                    [Expr::Generator(g)] if !g.parenthesized && c.arguments.keywords.is_empty() => {
                        let elt = self.expr(&g.elt)?;
                        let gens = self.comprehensions(&g.generators)?;
                        Value::list(vec![self.node(
                            "GeneratorExp",
                            vec![("elt", elt), ("generators", gens)],
                            c.arguments.range,
                        )])
                    }
                    args => self.exprs(args.iter())?,
                };
                let kws = self.keywords(&c.arguments.keywords)?;
                self.node(
                    "Call",
                    vec![("func", f), ("args", args), ("keywords", kws)],
                    r,
                )
            }
            Expr::FString(f) => self.joined(f, r)?,
            Expr::TString(t) => return Err(self.unsupported("template string", t.range)),
            Expr::StringLiteral(s) => {
                let kind = if s.value.is_unicode() {
                    Value::str("u")
                } else {
                    Value::None
                };
                let v = super::literal::str_value(self.text, s)
                    .map_err(|m| self.error_at(&m, s.range))?;
                self.constant(Value::str(&v), kind, r)
            }
            Expr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.bytes().collect();
                self.constant(
                    Value::Bytes(crate::objects::rc::Arc::new(bytes)),
                    Value::None,
                    r,
                )
            }
            Expr::NumberLiteral(n) => {
                let v = match &n.value {
                    ast::Number::Int(i) => match i.as_i64() {
                        Some(v) => Value::Int(v),
                        None => crate::objects::int::parse(&i.to_string(), 0)
                            .map_err(|_| self.unsupported("this integer literal", r))?,
                    },
                    ast::Number::Float(f) => Value::float(*f),
                    ast::Number::Complex { real, imag } => {
                        crate::objects::complex::value(*real, *imag)
                    }
                };
                self.constant(v, Value::None, r)
            }
            Expr::BooleanLiteral(b) => self.constant(Value::bool(b.value), Value::None, r),
            Expr::NoneLiteral(_) => self.constant(Value::None, Value::None, r),
            Expr::EllipsisLiteral(_) => self.constant(Value::Ellipsis, Value::None, r),
            Expr::Attribute(a) => {
                let v = self.expr(&a.value)?;
                let ctx = self.ctx(a.ctx);
                self.node(
                    "Attribute",
                    vec![("value", v), ("attr", Self::ident(&a.attr)), ("ctx", ctx)],
                    r,
                )
            }
            Expr::Subscript(s) => {
                let v = self.expr(&s.value)?;
                let sl = self.expr(&s.slice)?;
                let ctx = self.ctx(s.ctx);
                self.node(
                    "Subscript",
                    vec![("value", v), ("slice", sl), ("ctx", ctx)],
                    r,
                )
            }
            Expr::Starred(s) => {
                let v = self.expr(&s.value)?;
                let ctx = self.ctx(s.ctx);
                self.node("Starred", vec![("value", v), ("ctx", ctx)], r)
            }
            Expr::Name(n) => {
                let ctx = self.ctx(n.ctx);
                self.node(
                    "Name",
                    vec![("id", Value::str(n.id.as_str())), ("ctx", ctx)],
                    r,
                )
            }
            Expr::List(l) => {
                let elts = self.exprs(&l.elts)?;
                let ctx = self.ctx(l.ctx);
                self.node("List", vec![("elts", elts), ("ctx", ctx)], r)
            }
            Expr::Tuple(t) => {
                let elts = self.exprs(&t.elts)?;
                let ctx = self.ctx(t.ctx);
                self.node("Tuple", vec![("elts", elts), ("ctx", ctx)], r)
            }
            Expr::Slice(s) => {
                let lo = self.opt_expr(s.lower.as_deref())?;
                let up = self.opt_expr(s.upper.as_deref())?;
                let st = self.opt_expr(s.step.as_deref())?;
                self.node("Slice", vec![("lower", lo), ("upper", up), ("step", st)], r)
            }
            Expr::IpyEscapeCommand(x) => return Err(self.unsupported("IPython escape", x.range)),
        })
    }

    /// An f-string (possibly implicitly concatenated with plain strings) as 3.11's
    /// `JoinedStr`.
    fn joined(&mut self, f: &ast::ExprFString, r: TextRange) -> R {
        let mut values = Vec::new();
        let mut text = String::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => text.push_str(&s.value),
                ast::FStringPart::FString(fs) => {
                    self.elements(&fs.elements, r, fs.range, &mut values, &mut text)?
                }
            }
        }
        self.flush(&mut values, &mut text, r);
        Ok(self.node("JoinedStr", vec![("values", Value::list(values))], r))
    }

    fn flush(&mut self, values: &mut Vec<Value>, text: &mut String, r: TextRange) {
        if !text.is_empty() {
            let s = std::mem::take(text);
            let c = self.constant(Value::string(s), Value::None, r);
            values.push(c);
        }
    }

    fn elements(
        &mut self,
        els: &ast::InterpolatedStringElements,
        r: TextRange,
        token: TextRange,
        values: &mut Vec<Value>,
        text: &mut String,
    ) -> Result<(), CompileError> {
        for el in els.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => text.push_str(
                    &super::literal::fstring_piece(self.text, l)
                        .map_err(|m| self.error_at(&m, l.range))?,
                ),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv: i64 = match i.conversion {
                        ast::ConversionFlag::None => -1,
                        ast::ConversionFlag::Str => 115,
                        ast::ConversionFlag::Repr => 114,
                        ast::ConversionFlag::Ascii => 97,
                    };
                    if let Some(d) = &i.debug_text {
                        text.push_str(d.leading());
                        text.push_str(&self.text[i.expression.range()]);
                        text.push_str(d.trailing());
                        if conv == -1 && i.format_spec.is_none() {
                            conv = 114;
                        }
                    }
                    self.flush(values, text, r);
                    let v = match &*i.expression {
                        // 3.11 parses the field as `(` text `)`, so a bare tuple spans
                        // from the `{` to one past the text (the `}`, `!`, `:`, `=`).
                        Expr::Tuple(t) if !t.parenthesized => {
                            let b = self.text.as_bytes();
                            let mut end = usize::from(t.range.end());
                            while end < b.len() && b[end].is_ascii_whitespace() {
                                end += 1;
                            }
                            let span =
                                TextRange::new(i.range.start(), TextSize::from(end as u32 + 1));
                            let elts = self.exprs(&t.elts)?;
                            let ctx = self.ctx(t.ctx);
                            self.node("Tuple", vec![("elts", elts), ("ctx", ctx)], span)
                        }
                        e => self.expr(e)?,
                    };
                    let spec = match &i.format_spec {
                        Some(spec) => {
                            let mut sv = Vec::new();
                            let mut st = String::new();
                            // A format spec carries its own f-string token's position,
                            // as does its text when it has no fields (else its parts
                            // carry the whole string's).
                            let fields = spec.elements.iter().any(|e| {
                                matches!(e, ast::InterpolatedStringElement::Interpolation(_))
                            });
                            let inner = if fields { r } else { token };
                            self.elements(&spec.elements, inner, token, &mut sv, &mut st)?;
                            self.flush(&mut sv, &mut st, inner);
                            self.node("JoinedStr", vec![("values", Value::list(sv))], token)
                        }
                        None => Value::None,
                    };
                    let fv = self.node(
                        "FormattedValue",
                        vec![
                            ("value", v),
                            ("conversion", Value::Int(conv)),
                            ("format_spec", spec),
                        ],
                        r,
                    );
                    values.push(fv);
                }
            }
        }
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern) -> R {
        super::grow(64 * 1024, 4 * 1024 * 1024, || self.pattern_inner(p))
    }

    fn patterns<'p>(&mut self, ps: impl IntoIterator<Item = &'p Pattern>) -> R {
        let mut out = Vec::new();
        for p in ps {
            out.push(self.pattern(p)?);
        }
        Ok(Value::list(out))
    }

    fn pattern_inner(&mut self, p: &Pattern) -> R {
        let r = p.range();
        Ok(match p {
            Pattern::MatchValue(v) => {
                let e = self.expr(&v.value)?;
                self.node("MatchValue", vec![("value", e)], r)
            }
            Pattern::MatchSingleton(s) => {
                let v = match s.value {
                    ast::Singleton::None => Value::None,
                    ast::Singleton::True => Value::bool(true),
                    ast::Singleton::False => Value::bool(false),
                };
                self.node("MatchSingleton", vec![("value", v)], r)
            }
            Pattern::MatchSequence(s) => {
                let ps = self.patterns(&s.patterns)?;
                self.node("MatchSequence", vec![("patterns", ps)], r)
            }
            Pattern::MatchMapping(m) => {
                let keys = self.exprs(m.keys.iter())?;
                let ps = self.patterns(m.patterns.iter())?;
                self.node(
                    "MatchMapping",
                    vec![
                        ("keys", keys),
                        ("patterns", ps),
                        ("rest", Self::opt_ident(m.rest.as_ref())),
                    ],
                    r,
                )
            }
            Pattern::MatchClass(c) => {
                let cls = self.expr(&c.cls)?;
                let ps = self.patterns(c.arguments.patterns.iter())?;
                let attrs = Value::list(
                    c.arguments
                        .keywords
                        .iter()
                        .map(|k| Self::ident(&k.attr))
                        .collect(),
                );
                let kps = self.patterns(c.arguments.keywords.iter().map(|k| &k.pattern))?;
                self.node(
                    "MatchClass",
                    vec![
                        ("cls", cls),
                        ("patterns", ps),
                        ("kwd_attrs", attrs),
                        ("kwd_patterns", kps),
                    ],
                    r,
                )
            }
            Pattern::MatchStar(s) => self.node(
                "MatchStar",
                vec![("name", Self::opt_ident(s.name.as_ref()))],
                r,
            ),
            Pattern::MatchAs(a) => {
                let pat = match &a.pattern {
                    Some(p) => self.pattern(p)?,
                    None => Value::None,
                };
                self.node(
                    "MatchAs",
                    vec![("pattern", pat), ("name", Self::opt_ident(a.name.as_ref()))],
                    r,
                )
            }
            Pattern::MatchOr(o) => {
                let ps = self.patterns(&o.patterns)?;
                self.node("MatchOr", vec![("patterns", ps)], r)
            }
        })
    }
}
