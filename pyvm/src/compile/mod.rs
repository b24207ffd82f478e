//! The front end: source text to code objects.
//!
//! ```text
//!  source --parse.rs (Ruff's parser)--> AST --symtable.rs--> scopes
//!         --compiler.rs + stmt.rs + expr.rs--> Code (code.rs, opcodes.rs)
//! ```
//! Ruff's parser has no stability promise, so only this module names its types: the
//! rest of the crate sees `Code` and `CompileError`.

mod brackets;
pub mod cache;
pub mod code;
mod compiler;
pub mod depth;
mod expr;
pub mod fold;
mod hints;
mod literal;
pub mod opcodes;
mod parse;
mod patterns;
mod stmt;
mod symtable;
mod targets;
pub mod to_ast;
pub mod warn;
mod with;

use crate::objects::rc::Arc;

use code::Code;

/// A `SyntaxError` found while compiling: message and where (1-based line and column,
/// in characters; `end_col` exclusive), with the source line for the caret display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub msg: String,
    pub filename: String,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
    pub text: String,
}

/// The message of a compile error that is CPython parser's `MemoryError` (its stack of
/// rules overflowed): the exception has no message.
pub const PARSER_STACK: &str = "<parser stack overflow>";

/// Run a recursive step of the compiler (`f`) with at least `red_zone` bytes of
/// stack, growing it by `size` when needed (`crate::stack::maybe_grow`); when the
/// memory for a new stack segment is not there, CPython's `MemoryError` (its parser
/// stack overflowing), not the panic of a failed mapping (fuzz seed 1209, mutant
/// 1196: an import on one of hundreds of OS threads filling a 1 GiB limit).
pub(crate) fn grow<T>(
    red_zone: usize,
    size: usize,
    f: impl FnOnce() -> Result<T, CompileError>,
) -> Result<T, CompileError> {
    crate::stack::maybe_grow(red_zone, size, f).unwrap_or_else(|| {
        Err(CompileError {
            msg: PARSER_STACK.to_owned(),
            filename: String::new(),
            line: 0,
            col: 0,
            end_line: 0,
            end_col: 0,
            text: String::new(),
        })
    })
}

impl CompileError {
    /// Is this not a `SyntaxError` but CPython's `RecursionError` or `MemoryError`
    /// (no place, no source line)?
    pub fn is_resource_error(&self) -> bool {
        matches!(self.class(), "RecursionError" | "MemoryError")
    }

    /// The report CPython prints for an uncaught SyntaxError.
    pub fn report(&self) -> String {
        match self.class() {
            "RecursionError" => return format!("RecursionError: {}\n", self.msg),
            "MemoryError" => return "MemoryError\n".to_owned(),
            _ => {}
        }
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.line);
        let text = self.text.trim_end_matches(['\n', '\r']);
        let stripped = text.trim_start();
        let indent = text.chars().count() - stripped.chars().count();
        if !stripped.is_empty() {
            out.push_str(&format!("    {stripped}\n"));
        }
        // Column 0: CPython prints no caret ("unexpected indent", a block missing at
        // the end of the file), nor for a column inside the indentation it strips
        // ("too many levels of indentation").
        if !stripped.is_empty() && self.col > 0 && self.col as usize > indent {
            let start = (self.col as usize).saturating_sub(1).saturating_sub(indent);
            let line_len = stripped.chars().count();
            let end = if self.end_line == self.line && self.end_col > self.col {
                (self.end_col as usize - 1)
                    .saturating_sub(indent)
                    .min(line_len)
            } else if self.end_line == self.line && self.end_col == self.col {
                start + 1 // CPython: one caret when the end is not past the start
            } else {
                line_len
            };
            let width = end.saturating_sub(start).max(1);
            out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width)));
        }
        out.push_str(&format!("{}: {}\n", self.class(), self.msg));
        out
    }

    /// The exception class CPython raises: IndentationError for block structure.
    pub fn class(&self) -> &'static str {
        let indentation = [
            "expected an indented block",
            "unexpected indent",
            "unindent does not",
            "too many levels of indentation",
        ];
        if self.msg.starts_with("maximum recursion depth exceeded") {
            "RecursionError"
        } else if self.msg == PARSER_STACK {
            "MemoryError"
        } else if self.msg.starts_with("inconsistent use of tabs") {
            "TabError"
        } else if indentation.iter().any(|m| self.msg.starts_with(m)) {
            "IndentationError"
        } else {
            "SyntaxError"
        }
    }
}

thread_local! {
    /// The warnings of the last source compiled on this thread ([`take_warnings`]).
    static WARNINGS: std::cell::RefCell<Vec<warn::CompileWarning>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The warnings (`SyntaxWarning`, `DeprecationWarning`) of the last source
/// [`compile`], [`compile_single`] or [`compile_eval`] compiled on this thread, for
/// the caller to emit (taken: a second call gives none).
pub fn take_warnings() -> Vec<warn::CompileWarning> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

/// Make `found` the warnings [`take_warnings`] gives next (the main program's,
/// emitted once the interpreter is set up).
pub fn put_warnings(found: Vec<warn::CompileWarning>) {
    WARNINGS.with(|w| *w.borrow_mut() = found);
}

fn keep_warnings(src: &parse::Source<'_>) {
    let found = warn::collect(src);
    WARNINGS.with(|w| *w.borrow_mut() = found);
}

/// Compile a module's source. `filename` is what tracebacks will name.
pub fn compile(source: &str, filename: &str) -> Result<Arc<Code>, CompileError> {
    let source = &*universal_newlines(source);
    if let Some(at) = source.find('\0') {
        // CPython's file tokenizer: the line up to the NUL, no caret.
        let line = source[..at].matches('\n').count() as u32 + 1;
        let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        return Err(CompileError {
            msg: "source code cannot contain null bytes".to_owned(),
            filename: filename.to_owned(),
            line,
            col: 0,
            end_line: line,
            end_col: 0,
            text: source[start..at].to_owned(),
        });
    }
    // The parser and compiler recurse deeply: run them on the OS thread's stack.
    crate::mt::worker::on_os_stack(|| {
        WARNINGS.with(|w| w.borrow_mut().clear());
        let parsed = parse::Source::parse(source, filename)?;
        let code = compiler::compile_module(&parsed, false)?;
        keep_warnings(&parsed);
        Ok(code)
    })
}

/// `source` with every `\r\n` and lone `\r` made `\n`, as CPython's tokenizer reads
/// source (a literal spanning lines holds `\n` whatever the file's line endings).
pub fn universal_newlines(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.contains('\r') {
        return std::borrow::Cow::Borrowed(source);
    }
    std::borrow::Cow::Owned(source.replace("\r\n", "\n").replace('\r', "\n"))
}

/// `compile(source, filename, "single")`: one interactive statement (a line of simple
/// statements, or one compound statement), whose expression statements show their
/// values through `sys.displayhook`.
pub fn compile_single(source: &str, filename: &str) -> Result<Arc<Code>, CompileError> {
    WARNINGS.with(|w| w.borrow_mut().clear());
    let source = &*universal_newlines(source);
    crate::mt::worker::on_os_stack(|| {
        let parsed = parse::Source::parse(source, filename)?;
        let body = parsed.body();
        let Some(first) = body.first() else {
            return Err(CompileError {
                msg: "invalid syntax".to_owned(),
                filename: filename.to_owned(),
                line: 0,
                col: 0,
                end_line: 0,
                end_col: 0,
                text: String::new(),
            });
        };
        use ruff_text_size::Ranged;
        let end = parsed.pos(first.range());
        let later_line = body
            .iter()
            .skip(1)
            .any(|s| parsed.pos(s.range()).line > end.end_line);
        if later_line {
            let at = ruff_text_size::TextRange::empty(first.range().end());
            return Err(parsed.error(
                "multiple statements found while compiling a single statement",
                at,
            ));
        }
        let code = compiler::compile_module(&parsed, true)?;
        keep_warnings(&parsed);
        Ok(code)
    })
}

/// `compile(source, filename, "eval")` (and `eval(str)`): one expression, whose value
/// the code returns. Leading spaces and tabs are ignored, as CPython's `eval` ignores
/// them; anything but a single expression is CPython's "invalid syntax" where the
/// expression grammar stops.
pub fn compile_eval(source: &str, filename: &str) -> Result<Arc<Code>, CompileError> {
    let source = &*universal_newlines(source);
    crate::mt::worker::on_os_stack(|| compile_eval_here(source, filename))
}

fn compile_eval_here(source: &str, filename: &str) -> Result<Arc<Code>, CompileError> {
    WARNINGS.with(|w| w.borrow_mut().clear());
    let source = source.trim_start_matches([' ', '\t']);
    let parsed = parse_eval_source(source, filename)?;
    let code = compiler::compile_expression(&parsed)?;
    keep_warnings(&parsed);
    Ok(code)
}

/// `source` parsed as one expression (eval mode), or CPython's error.
fn parse_eval_source<'s>(
    source: &'s str,
    filename: &str,
) -> Result<parse::Source<'s>, CompileError> {
    let parsed = parse::Source::parse_as(source, filename, true)?;
    match parsed.body() {
        [ruff_python_ast::Stmt::Expr(_)] => Ok(parsed),
        body => {
            use ruff_text_size::Ranged;
            // Where an expression cannot go on: the `=` of an assignment, the `;` or
            // line after the first expression, a statement's keyword.
            let bad = |msg: &str, line: u32, col: u32, end_col: u32, text: &str| CompileError {
                msg: msg.to_owned(),
                filename: filename.to_owned(),
                line,
                col,
                end_line: line,
                end_col,
                text: text.to_owned(),
            };
            let Some(first) = body.first() else {
                return Err(bad("invalid syntax", 0, 0, 0, ""));
            };
            let text_of = |line: u32| {
                source
                    .lines()
                    .nth(line.saturating_sub(1) as usize)
                    .unwrap_or("")
                    .to_owned()
            };
            let at = |r: ruff_text_size::TextRange| parsed.error("invalid syntax", r);
            let err = match (first, body.get(1)) {
                (ruff_python_ast::Stmt::Expr(_), Some(next)) => {
                    // `1; 2` points at the `;`, `1\n2` at the second line's start.
                    let end = first.range().end();
                    let gap = &source[usize::from(end)..usize::from(next.range().start())];
                    match gap.find(';') {
                        Some(i) => {
                            let p = end + ruff_text_size::TextSize::from(i as u32);
                            at(ruff_text_size::TextRange::new(
                                p,
                                p + ruff_text_size::TextSize::from(1),
                            ))
                        }
                        None => {
                            let mut e = at(next.range());
                            e.end_col = e.col + 1;
                            e.end_line = e.line;
                            e
                        }
                    }
                }
                (ruff_python_ast::Stmt::Assign(a), _) => {
                    let t = a.targets[0].range().end();
                    let gap = &source[usize::from(t)..usize::from(a.value.range().start())];
                    let i = gap.find('=').unwrap_or(0) as u32;
                    let p = t + ruff_text_size::TextSize::from(i);
                    at(ruff_text_size::TextRange::new(
                        p,
                        p + ruff_text_size::TextSize::from(1),
                    ))
                }
                (s, _) => {
                    // A statement keyword: CPython underlines the keyword.
                    let start = s.range().start();
                    let rest = &source[usize::from(start)..];
                    let n = rest
                        .find(|c: char| !c.is_alphanumeric() && c != '_')
                        .unwrap_or(rest.len()) as u32;
                    at(ruff_text_size::TextRange::new(
                        start,
                        start + ruff_text_size::TextSize::from(n.max(1)),
                    ))
                }
            };
            let line = err.line;
            Err(CompileError {
                text: text_of(line),
                ..err
            })
        }
    }
}

/// For `compile(..., flags=PyCF_ALLOW_INCOMPLETE_INPUT)` (`codeop`, the interactive
/// prompt): is `source` the start of a statement rather than a wrong one? It is when
/// a bracket or a triple-quoted string is still open, when compiling failed at the
/// end of the text (`1 +`, `if x:`, `try:` without `except`), and, with
/// `PyCF_DONT_IMPLY_DEDENT`, when it ends inside an indented block that no empty
/// line has closed yet. `err`: how compiling it went.
pub fn is_incomplete(source: &str, err: Option<&CompileError>, dont_imply_dedent: bool) -> bool {
    let trimmed = source.trim_end();
    let last = trimmed.rsplit('\n').next().unwrap_or("");
    let lines = trimmed.lines().count() as u32;
    // Where compiling failed: at the end of the text (`1 +`, `(1,`, `if x:`)?
    let open = still_open(source);
    let at_end = |e: &CompileError| {
        e.line == 0
            || e.line > lines
            || (e.line == lines && e.col as usize > last.chars().count())
            || (open == Open::Nothing && last.ends_with(':'))
    };
    match open {
        Open::String => return true,
        Open::Bracket if err.is_none_or(at_end) => return true,
        _ => {}
    }
    // A compound statement is over at an empty line only (`def f(): return 1` too).
    let first = source
        .trim_start()
        .split([' ', '(', ':', '\n'])
        .next()
        .unwrap_or("");
    let compound = matches!(
        first,
        "def" | "class" | "if" | "for" | "while" | "try" | "with" | "async" | "match"
    ) || first.starts_with('@');
    let open_block = dont_imply_dedent && !source.ends_with('\n') && compound;
    open_block || err.is_some_and(at_end)
}

/// What the end of a source leaves open.
#[derive(PartialEq)]
enum Open {
    Nothing,
    Bracket,
    String,
}

/// Does `source` end with a bracket or a triple-quoted string still open?
fn still_open(source: &str) -> Open {
    let b = source.as_bytes();
    let mut depth = 0i32;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'\'' | b'"') => {
                let triple = b[i..].starts_with(&[q, q, q]);
                i += if triple { 3 } else { 1 };
                loop {
                    if i >= b.len() {
                        return if triple { Open::String } else { Open::Nothing };
                    }
                    match b[i] {
                        b'\\' => i += 1,
                        b'\n' if !triple => break,
                        c if c == q && (!triple || b[i..].starts_with(&[q, q, q])) => {
                            i += if triple { 2 } else { 0 };
                            break;
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    if depth > 0 {
        Open::Bracket
    } else {
        Open::Nothing
    }
}
