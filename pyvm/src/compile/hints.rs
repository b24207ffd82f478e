//! CPython's specific messages for parse errors that Ruff words generically, read
//! off the error's token and the AST Ruff recovers: `invalid syntax. Perhaps you
//! forgot a comma?`, `expected ':'`, `invalid syntax. Maybe you meant '==' or ':='
//! instead of '='?`, the dictionary display errors and the common f-string errors.

use ruff_python_ast::token::TokenKind as K;
use ruff_python_ast::visitor::{walk_expr, Visitor};
use ruff_python_ast::{Expr, PySourceType};
use ruff_python_parser::ParseErrorType as T;
use ruff_python_parser::{InterpolatedStringErrorType as F, LexicalErrorType as L};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::brackets;

/// CPython's message and caret range for Ruff's error `err` at `at`, when CPython has
/// a more specific one than "invalid syntax".
pub fn hint(text: &str, err: &T, at: TextRange) -> Option<(String, TextRange)> {
    match err {
        T::ExpectedToken {
            expected: K::Comma, ..
        } => forgot_comma(text, at),
        T::ExpectedToken {
            expected: K::Colon,
            found: K::Newline,
        } => expected_colon(text, at),
        T::ExpectedToken {
            expected: K::Colon,
            found: K::Equal,
        } => assign_in_condition(text, at),
        T::ExpectedToken {
            expected: K::Colon,
            found: K::Rbrace | K::Comma,
        } => dict_key(text, at),
        T::ExpectedExpression => dict_value(text, at).or_else(|| empty_fstring_field(text, at)),
        T::FStringError(F::UnterminatedString)
        | T::Lexical(
            L::FStringError(F::UnterminatedString)
            | L::LineContinuationError
            | L::UnclosedStringError,
        ) => fstring_field(text, at),
        T::FStringError(f) | T::Lexical(L::FStringError(f)) => fstring(text, f, at),
        T::PositionalAfterKeywordArgument => {
            at_call_end(text, at, "positional argument follows keyword argument")
        }
        T::PositionalAfterKeywordUnpacking => at_call_end(
            text,
            at,
            "positional argument follows keyword argument unpacking",
        ),
        T::InvalidArgumentUnpackingOrder => Some((
            "iterable argument unpacking follows keyword argument unpacking".into(),
            TextRange::at(at.start(), 1.into()),
        )),
        _ => None,
    }
}

/// Every expression of the recovered AST, outermost first.
fn expressions(text: &str) -> Vec<(TextRange, Kind)> {
    struct All(Vec<(TextRange, Kind)>);
    impl<'a> Visitor<'a> for All {
        fn visit_expr(&mut self, e: &'a Expr) {
            self.0.push((e.range(), Kind::of(e)));
            walk_expr(self, e);
        }
    }
    let parsed = ruff_python_parser::parse_unchecked_source(text, PySourceType::Python);
    let mut all = All(Vec::new());
    for s in &parsed.syntax().body {
        ruff_python_ast::visitor::walk_stmt(&mut all, s);
    }
    all.0
}

/// What the hints need to know of an expression.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Name,
    Str,
    /// A conditional, lambda, walrus or starred: not a `disjunction`.
    Loose,
    /// A list, tuple, generator or named constant (CPython does not suggest `==`).
    Display,
    Other(&'static str),
}

impl Kind {
    fn of(e: &Expr) -> Kind {
        match e {
            Expr::Name(_) => Kind::Name,
            Expr::StringLiteral(_) | Expr::FString(_) | Expr::BytesLiteral(_) => Kind::Str,
            Expr::If(_) | Expr::Lambda(_) | Expr::Named(_) | Expr::Starred(_) => Kind::Loose,
            Expr::List(_)
            | Expr::Tuple(_)
            | Expr::Generator(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_) => Kind::Display,
            _ => Kind::Other(super::targets::expr_name(e)),
        }
    }
}

/// End of the code before `offset` (skipping spaces and line breaks).
fn prev_end(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].trim_end().len()
}

/// The largest expression ending at `end` that starts after `after`.
fn ending_at(all: &[(TextRange, Kind)], end: usize, after: usize) -> Option<(TextRange, Kind)> {
    all.iter()
        .filter(|(r, _)| r.end().to_usize() == end && r.start().to_usize() > after)
        .min_by_key(|(r, _)| r.start())
        .copied()
}

fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32))
}

/// Two expressions side by side inside brackets (`[1 2]`, `f(a b)`): CPython's
/// `invalid_expression` rule, marked from the first to the end of the second.
fn forgot_comma(text: &str, at: TextRange) -> Option<(String, TextRange)> {
    let o = at.start().to_usize();
    let (_, open) = brackets::innermost_at(text, o)?;
    let all = expressions(text);
    let (a, ak) = ending_at(&all, prev_end(text, o), open)?;
    let (b, bk) = all
        .iter()
        .filter(|(r, _)| r.start().to_usize() == o)
        .max_by_key(|(r, _)| r.end())
        .copied()?;
    let first = &text[a.start().to_usize()..a.end().to_usize()];
    let first_word: String = first
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let soft_keyword = matches!(first_word.as_str(), "match" | "case" | "_");
    let legacy = ak == Kind::Name && matches!(first, "print" | "exec");
    if ak == Kind::Loose || (ak == Kind::Name && bk == Kind::Str) || soft_keyword || legacy {
        return None;
    }
    let msg = "invalid syntax. Perhaps you forgot a comma?".to_owned();
    Some((msg, range(a.start().to_usize(), b.end().to_usize())))
}

/// The first word of the line holding `offset`.
fn line_word(text: &str, offset: usize) -> &str {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].trim_start();
    let end = line
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    &line[..end]
}

/// A compound statement's header without its colon: marked where the line ends.
fn expected_colon(text: &str, at: TextRange) -> Option<(String, TextRange)> {
    let word = line_word(text, at.start().to_usize());
    let header = matches!(
        word,
        "if" | "elif"
            | "else"
            | "while"
            | "for"
            | "with"
            | "def"
            | "class"
            | "try"
            | "except"
            | "finally"
    );
    header.then(|| {
        (
            "expected ':'".to_owned(),
            TextRange::at(at.start(), 1.into()),
        )
    })
}

/// `if x = 1:`: a `=` in a condition (CPython's `invalid_named_expression`).
fn assign_in_condition(text: &str, at: TextRange) -> Option<(String, TextRange)> {
    let o = at.start().to_usize();
    if !matches!(line_word(text, o), "if" | "elif" | "while") {
        return None;
    }
    let all = expressions(text);
    let line_start = text[..o].rfind('\n').map_or(0, |i| i + 1);
    let (a, kind) = ending_at(&all, prev_end(text, o), line_start)?;
    match kind {
        Kind::Name => {
            // The value ends at the header's colon (or the end of the line).
            let line_end = text[o..].find('\n').map_or(text.len(), |i| o + i);
            let rest = &text[o + 1..line_end];
            let value = rest.rfind(':').map_or(rest, |i| &rest[..i]).trim_end();
            let end = o + 1 + value.len();
            let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
            Some((msg.to_owned(), range(a.start().to_usize(), end)))
        }
        Kind::Other(name) => Some((
            format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?"),
            a,
        )),
        Kind::Str => Some((
            "cannot assign to literal here. Maybe you meant '==' instead of '='?".into(),
            a,
        )),
        Kind::Loose | Kind::Display => None,
    }
}

/// `{1: 2, 3}`: a key without its value, marked at the key's last character.
fn dict_key(text: &str, at: TextRange) -> Option<(String, TextRange)> {
    let o = at.start().to_usize();
    let (b'{', open) = brackets::innermost_at(text, o)? else {
        return None;
    };
    let all = expressions(text);
    let (a, _) = ending_at(&all, prev_end(text, o), open)?;
    // CPython reports this only after at least one `key: value,` pair.
    if !text[open..a.start().to_usize()].contains(':') {
        return None;
    }
    let end = a.end().to_usize();
    let last = text[..end].chars().next_back()?.len_utf8();
    Some((
        "':' expected after dictionary key".into(),
        range(end - last, end),
    ))
}

/// `{1: }`: a key and colon without a value, marked at the colon.
fn dict_value(text: &str, at: TextRange) -> Option<(String, TextRange)> {
    let o = at.start().to_usize();
    if !matches!(text.as_bytes().get(o), Some(b'}' | b',')) {
        return None;
    }
    let colon = prev_end(text, o).checked_sub(1)?;
    if text.as_bytes().get(colon) != Some(&b':') {
        return None;
    }
    let (b'{', _) = brackets::innermost_at(text, o)? else {
        return None;
    };
    Some((
        "expression expected after dictionary key and ':'".into(),
        range(colon, colon + 1),
    ))
}

/// The f-string (one literal, prefix included) holding `offset`, if it is one.
fn fstring_at(text: &str, offset: usize) -> Option<(usize, usize)> {
    let (start, end) = brackets::string_at(text, offset)?;
    let prefix = &text[start..];
    let prefix = &prefix[..prefix.find(['"', '\'']).unwrap_or(0)];
    prefix.contains(['f', 'F']).then_some((start, end))
}

/// CPython 3.11 marks f-string errors just past the end of the literal.
fn past(end: usize) -> TextRange {
    range(end, end + 1)
}

fn empty_fstring_field(text: &str, at: TextRange) -> Option<(String, TextRange)> {
    let (_, end) = fstring_at(text, at.start().to_usize())?;
    Some(("f-string: empty expression not allowed".into(), past(end)))
}

fn fstring(text: &str, f: &F, at: TextRange) -> Option<(String, TextRange)> {
    let msg = match f {
        F::UnclosedLbrace => "f-string: expecting '}'",
        F::SingleRbrace => "f-string: single '}' is not allowed",
        F::InvalidConversionFlag => {
            "f-string: invalid conversion character: expected 's', 'r', or 'a'"
        }
        _ => return None,
    };
    let (_, end) = fstring_at(text, at.start().to_usize())?;
    Some((msg.to_owned(), past(end)))
}

/// An argument-order error: CPython marks the last token it read, the call's `)`.
fn at_call_end(text: &str, at: TextRange, msg: &str) -> Option<(String, TextRange)> {
    let (_, open) = brackets::innermost_at(text, at.start().to_usize())?;
    let close = brackets::closer_of(text, open)?;
    Some((msg.to_owned(), range(close, close + 1)))
}

/// An f-string that Ruff (reading Python 3.12's grammar) finds unterminated or broken
/// by a backslash, where CPython 3.11 ends the literal at the first matching quote and
/// then rejects its replacement field.
fn fstring_field(text: &str, at: TextRange) -> Option<(String, TextRange)> {
    let o = at.start().to_usize();
    let (start, end) = brackets::strings(text)
        .into_iter()
        .rev()
        .filter(|&(a, _)| a < o)
        .find(|&(a, _)| fstring_at(text, a).is_some())?;
    let lit = &text[start..end];
    let q = lit.find(['"', '\''])?;
    let quote = if lit[q..].starts_with("\"\"\"") || lit[q..].starts_with("'''") {
        3
    } else {
        1
    };
    let body = &lit[q + quote..lit.len() - quote];
    let msg = field_error(body)?;
    Some((msg.to_owned(), past(end)))
}

/// What CPython 3.11 says of an f-string body whose replacement fields are broken.
fn field_error(body: &str) -> Option<&'static str> {
    let mut depth = 0usize;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match (depth, c) {
            (0, '{') if chars.peek() == Some(&'{') => {
                chars.next();
            }
            (0, '}') if chars.peek() == Some(&'}') => {
                chars.next();
            }
            (_, '{' | '[' | '(') => depth += 1,
            (d, '}' | ']' | ')') if d > 0 => depth -= 1,
            (d, '#') if d > 0 => return Some("f-string expression part cannot include '#'"),
            (d, '\\') if d > 0 => {
                return Some("f-string expression part cannot include a backslash")
            }
            _ => {}
        }
    }
    (depth > 0).then_some("f-string: expecting '}'")
}
