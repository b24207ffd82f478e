//! The warnings CPython 3.11's compiler and parser emit while compiling: the
//! `SyntaxWarning`s of `x is 1`, `assert (x, "msg")` and the "perhaps you missed a
//! comma?" family (`[(1, 2) (3, 4)]`), and the `DeprecationWarning` of an invalid
//! escape sequence (`'\d'`). Found by a walk of the tree after it compiled, kept for
//! the caller of `compile` ([`super::take_warnings`]), which sends them through
//! `warnings.warn_explicit`; one the filters turn into an error becomes a
//! `SyntaxError` at the place (`python -W error`), as in CPython.

use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{self as ast, CmpOp, Expr, Number, Stmt, UnaryOp};
use ruff_text_size::{Ranged, TextRange};

use super::parse::Source;
use super::CompileError;

/// One warning: its category, message, and the `SyntaxError` it becomes as an error.
#[derive(Debug, Clone)]
pub struct CompileWarning {
    /// `true`: `DeprecationWarning` (an escape sequence); else `SyntaxWarning`.
    pub deprecation: bool,
    /// The tokenizer's or parser's (emitted first; its `SyntaxError` shows the line),
    /// not the compiler's.
    pub parser: bool,
    pub msg: String,
    pub err: CompileError,
}

/// The warnings of `src`'s statements, in the order CPython's parser and then its
/// compiler meet them.
pub fn collect(src: &Source<'_>) -> Vec<CompileWarning> {
    let mut w = Walker {
        src,
        out: Vec::new(),
    };
    for s in src.body() {
        w.visit_stmt(s);
    }
    // The parser's (escape sequences) come before the compiler's.
    let (mut out, compiler): (Vec<_>, Vec<_>) = w.out.into_iter().partition(|w| w.parser);
    out.extend(compiler);
    out
}

struct Walker<'a, 's> {
    src: &'a Source<'s>,
    out: Vec<CompileWarning>,
}

impl Walker<'_, '_> {
    fn warn(&mut self, deprecation: bool, msg: String, at: TextRange) {
        let err = self.src.error(&msg, at);
        self.out.push(CompileWarning {
            deprecation,
            parser: deprecation,
            msg,
            err,
        });
    }

    /// `1if x else y`, `0x1for ...`: a number run into a keyword that may follow one
    /// (CPython's tokenizer's `verify_end_of_number`): `invalid decimal literal`.
    fn number_end(&mut self, at: TextRange) {
        let text = &self.src.text[at];
        let after = &self.src.text[usize::from(at.end())..];
        let keyword = ["and", "else", "for", "if", "in", "is", "or", "not"]
            .iter()
            .any(|k| after.starts_with(k));
        if !keyword {
            return;
        }
        let lower = text.to_ascii_lowercase();
        let kind = if lower.starts_with("0x") {
            "hexadecimal"
        } else if lower.starts_with("0o") {
            "octal"
        } else if lower.starts_with("0b") {
            "binary"
        } else if lower.ends_with('j') {
            "imaginary"
        } else {
            "decimal"
        };
        let msg = format!("invalid {kind} literal");
        // At the number's last character.
        let last = at.end() - ruff_text_size::TextSize::from(1);
        let err = self.src.error(&msg, TextRange::empty(last.max(at.start())));
        self.out.push(CompileWarning {
            deprecation: false,
            parser: true,
            msg,
            err,
        });
    }

    /// `'\d'`, `b'\N'`: CPython's `invalid escape sequence '\d'` for each, at the
    /// literal.
    fn escapes(&mut self, at: TextRange, bytes: bool) {
        let text = &self.src.text[at];
        let Some(q) = text.find(['\'', '"']) else {
            return;
        };
        let quote = &text[q..q + 1];
        let open = if text[q..].starts_with(&quote.repeat(3)) && text.len() >= q + 6 {
            3
        } else {
            1
        };
        let body = &text[q + open..text.len().saturating_sub(open).max(q + open)];
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                continue;
            }
            let Some(e) = chars.next() else { break };
            if ('0'..='7').contains(&e) {
                // Up to three octal digits; past `\377` CPython 3.11 warns.
                let mut digits = String::from(e);
                while digits.len() < 3 {
                    match chars.clone().next() {
                        Some(d @ '0'..='7') => {
                            digits.push(d);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                if u32::from_str_radix(&digits, 8).is_ok_and(|v| v > 0o377) {
                    let msg = format!("invalid octal escape sequence '\\{digits}'");
                    self.warn(true, msg, at);
                }
                continue;
            }
            let valid = matches!(
                e,
                '\n' | '\\' | '\'' | '"' | 'a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '0'
                    ..='7' | 'x'
            ) || (!bytes && matches!(e, 'N' | 'u' | 'U'));
            // (A backslash before a non-ASCII character is kept as it is.)
            if !valid && e.is_ascii() {
                self.warn(true, format!("invalid escape sequence '\\{e}'"), at);
            }
        }
    }
}

/// The type CPython's `infer_type` gives an expression (`None`: not known).
fn infer_type(e: &Expr) -> Option<&'static str> {
    Some(match e {
        Expr::Tuple(_) => "tuple",
        Expr::List(_) | Expr::ListComp(_) => "list",
        Expr::Dict(_) | Expr::DictComp(_) => "dict",
        Expr::Set(_) | Expr::SetComp(_) => "set",
        Expr::Generator(_) => "generator",
        Expr::Lambda(_) => "function",
        Expr::FString(_) | Expr::StringLiteral(_) => "str",
        Expr::BytesLiteral(_) => "bytes",
        Expr::NumberLiteral(n) => number_type(&n.value),
        Expr::BooleanLiteral(_) => "bool",
        Expr::NoneLiteral(_) => "NoneType",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::UnaryOp(u) if folded_number(e) => return infer_type(&u.operand),
        _ => return None,
    })
}

fn number_type(n: &Number) -> &'static str {
    match n {
        Number::Int(_) => "int",
        Number::Float(_) => "float",
        Number::Complex { .. } => "complex",
    }
}

/// `-1`, `+2.0`, `~3`: folded into a constant number before compiling.
fn folded_number(e: &Expr) -> bool {
    match e {
        Expr::NumberLiteral(_) | Expr::BooleanLiteral(_) => true,
        Expr::UnaryOp(u) if matches!(u.op, UnaryOp::USub | UnaryOp::UAdd | UnaryOp::Invert) => {
            folded_number(&u.operand)
        }
        _ => false,
    }
}

/// Is `e` a constant after CPython's folding (a literal, a negated number, a tuple
/// of constants)?
fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_) => true,
        Expr::UnaryOp(_) => folded_number(e),
        Expr::Tuple(t) => t.elts.iter().all(is_constant),
        _ => false,
    }
}

/// CPython's `check_is_arg`: an operand of `is` that is no literal (or is a
/// singleton: `None`, `True`, `False`, `...`).
fn is_arg_ok(e: &Expr) -> bool {
    !is_constant(e)
        || matches!(
            e,
            Expr::NoneLiteral(_) | Expr::BooleanLiteral(_) | Expr::EllipsisLiteral(_)
        )
}

/// The type of constant `e` ("tuple" for a folded tuple).
fn constant_type(e: &Expr) -> Option<&'static str> {
    if !is_constant(e) {
        return None;
    }
    infer_type(e)
}

impl<'a> Visitor<'a> for Walker<'_, '_> {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        if let Stmt::Assert(a) = s {
            if matches!(&*a.test, Expr::Tuple(t) if !t.elts.is_empty()) {
                self.warn(
                    false,
                    "assertion is always true, perhaps remove parentheses?".to_owned(),
                    s.range(),
                );
            }
        }
        let _ = super::grow(64 * 1024, 1024 * 1024, || {
            walk_stmt(self, s);
            Ok(())
        });
    }

    fn visit_expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Compare(c) => {
                let mut left = &*c.left;
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    if matches!(op, CmpOp::Is | CmpOp::IsNot)
                        && (!is_arg_ok(left) || !is_arg_ok(right))
                    {
                        let msg = if *op == CmpOp::Is {
                            "\"is\" with a literal. Did you mean \"==\"?"
                        } else {
                            "\"is not\" with a literal. Did you mean \"!=\"?"
                        };
                        self.warn(false, msg.to_owned(), e.range());
                        break;
                    }
                    left = right;
                }
            }
            Expr::Call(c) => {
                let f = &*c.func;
                let literal = is_constant(f)
                    || matches!(
                        f,
                        Expr::Tuple(_)
                            | Expr::List(_)
                            | Expr::ListComp(_)
                            | Expr::Dict(_)
                            | Expr::DictComp(_)
                            | Expr::Set(_)
                            | Expr::SetComp(_)
                            | Expr::Generator(_)
                            | Expr::FString(_)
                    );
                if let (true, Some(t)) = (literal, infer_type(f)) {
                    self.warn(
                        false,
                        format!("'{t}' object is not callable; perhaps you missed a comma?"),
                        e.range(),
                    );
                }
            }
            Expr::Subscript(s) if s.ctx == ast::ExprContext::Load => {
                let v = &*s.value;
                let not_subscriptable = match constant_type(v) {
                    Some(t) => matches!(
                        t,
                        "NoneType" | "ellipsis" | "int" | "float" | "complex" | "bool"
                    ),
                    None => matches!(
                        v,
                        Expr::Set(_) | Expr::SetComp(_) | Expr::Generator(_) | Expr::Lambda(_)
                    ),
                };
                if not_subscriptable {
                    if let Some(t) = infer_type(v) {
                        self.warn(
                            false,
                            format!(
                                "'{t}' object is not subscriptable; perhaps you missed a comma?"
                            ),
                            e.range(),
                        );
                    }
                } else if let Some(it) = infer_type(&s.slice) {
                    let index_ok = matches!(it, "int" | "bool");
                    let sequence = match constant_type(v) {
                        Some(t) => matches!(t, "str" | "bytes" | "tuple"),
                        None => matches!(
                            v,
                            Expr::Tuple(_) | Expr::List(_) | Expr::ListComp(_) | Expr::FString(_)
                        ),
                    };
                    if !index_ok && sequence {
                        if let Some(t) = infer_type(v) {
                            self.warn(
                                false,
                                format!(
                                    "{t} indices must be integers or slices, not {it}; \
                                     perhaps you missed a comma?"
                                ),
                                e.range(),
                            );
                        }
                    }
                }
            }
            Expr::StringLiteral(s) => {
                for part in s.value.iter() {
                    if !part.flags.prefix().is_raw() {
                        self.escapes(part.range, false);
                    }
                }
            }
            Expr::NumberLiteral(n) => self.number_end(n.range),
            Expr::BytesLiteral(b) => {
                for part in b.value.iter() {
                    if !part.flags.prefix().is_raw() {
                        self.escapes(part.range, true);
                    }
                }
            }
            _ => {}
        }
        let _ = super::grow(64 * 1024, 1024 * 1024, || {
            walk_expr(self, e);
            Ok(())
        });
    }
}
