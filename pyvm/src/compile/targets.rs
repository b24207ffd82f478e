//! CPython's messages for invalid assignment, augmented-assignment and `del`
//! targets (`cannot assign to function call here. Maybe you meant '==' instead of
//! '='?`), which Ruff words generically. The recovered AST names the offending
//! expression the way CPython's `_PyPegen_get_expr_name` does.

use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{Expr, ModModule, Stmt, UnaryOp};
use ruff_python_parser::ParseErrorType;
use ruff_text_size::{Ranged, TextRange};

/// CPython's message for a Ruff target error at `at`, if it is one.
pub fn message(module: &ModModule, kind: &ParseErrorType, at: TextRange) -> Option<String> {
    let mut find = Find {
        at,
        expr: None,
        whole_assign_target: false,
    };
    for s in &module.body {
        find.visit_stmt(s);
    }
    let expr = find.expr?;
    let name = expr_name(expr);
    Some(match kind {
        ParseErrorType::InvalidAssignmentTarget
            if matches!(expr, Expr::Yield(_) | Expr::YieldFrom(_)) =>
        {
            "assignment to yield expression not possible".into()
        }
        ParseErrorType::InvalidAssignmentTarget => {
            // CPython suggests `==` only for a target that parses as a `bitwise_or`
            // (so not for `a or b`, `not a`, `a < b`, a conditional or a lambda).
            let named_constant = matches!(name, "True" | "False" | "None");
            let looser = matches!(
                expr,
                Expr::BoolOp(_)
                    | Expr::If(_)
                    | Expr::Lambda(_)
                    | Expr::Compare(_)
                    | Expr::Yield(_)
                    | Expr::YieldFrom(_)
            ) || matches!(expr, Expr::UnaryOp(u) if u.op == UnaryOp::Not);
            if find.whole_assign_target && !named_constant && !looser {
                format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
            } else {
                format!("cannot assign to {name}")
            }
        }
        ParseErrorType::InvalidDeleteTarget => format!("cannot delete {name}"),
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            format!("'{name}' is an illegal expression for augmented assignment")
        }
        _ => return None,
    })
}

/// The expression spanning `at`, and whether it is the whole (single) target of an
/// `x = value` statement (CPython then suggests `==`).
struct Find<'a> {
    at: TextRange,
    expr: Option<&'a Expr>,
    whole_assign_target: bool,
}

impl<'a> Visitor<'a> for Find<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.expr.is_some() {
            return;
        }
        if let Stmt::Assign(a) = stmt {
            if a.targets.len() == 1 && a.targets[0].range() == self.at {
                self.whole_assign_target = true;
            }
            // `x, 1 = ...`: the last item of an unparenthesized tuple is directly
            // followed by `=`, which CPython reads as a misplaced comparison.
            if let [Expr::Tuple(t)] = &a.targets[..] {
                if !t.parenthesized && t.elts.last().is_some_and(|e| e.range() == self.at) {
                    self.whole_assign_target = true;
                }
            }
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.expr.is_some() {
            return;
        }
        if expr.range() == self.at {
            self.expr = Some(expr);
            return;
        }
        walk_expr(self, expr);
    }
}

/// CPython's name for an expression in these messages.
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) if b.value => "True",
        Expr::BooleanLiteral(_) => "False",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BytesLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    }
}
