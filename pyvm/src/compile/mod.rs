//! The front end: source text to code objects.
//!
//! ```text
//!  source --parse.rs (Ruff's parser)--> AST --symtable.rs--> scopes
//!         --compiler.rs + stmt.rs + expr.rs--> Code (code.rs, opcodes.rs)
//! ```
//! Ruff's parser has no stability promise, so only this module names its types: the
//! rest of the crate sees `Code` and `CompileError`.

mod brackets;
pub mod code;
mod compiler;
mod expr;
mod hints;
pub mod opcodes;
mod parse;
mod stmt;
mod symtable;
mod targets;
mod with;

use std::sync::Arc;

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

impl CompileError {
    /// The report CPython prints for an uncaught SyntaxError.
    pub fn report(&self) -> String {
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.line);
        let text = self.text.trim_end_matches(['\n', '\r']);
        let stripped = text.trim_start();
        let indent = text.chars().count() - stripped.chars().count();
        if !stripped.is_empty() {
            out.push_str(&format!("    {stripped}\n"));
        }
        // Column 0: CPython prints no caret ("unexpected indent", a block missing at
        // the end of the file).
        if !stripped.is_empty() && self.col > 0 {
            let start = (self.col as usize).saturating_sub(1).saturating_sub(indent);
            let line_len = stripped.chars().count();
            let end = if self.end_line == self.line && self.end_col > self.col {
                (self.end_col as usize - 1)
                    .saturating_sub(indent)
                    .min(line_len)
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
        ];
        if self.msg.starts_with("inconsistent use of tabs") {
            "TabError"
        } else if indentation.iter().any(|m| self.msg.starts_with(m)) {
            "IndentationError"
        } else {
            "SyntaxError"
        }
    }
}

/// Compile a module's source. `filename` is what tracebacks will name.
pub fn compile(source: &str, filename: &str) -> Result<Arc<Code>, CompileError> {
    let parsed = parse::Source::parse(source, filename)?;
    compiler::compile_module(&parsed)
}
