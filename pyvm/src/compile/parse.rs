//! Ruff's parser behind a small face: parse a module, map byte ranges to lines and
//! character columns, and turn parse errors into `CompileError`s.

use ruff_python_ast::{ModModule, Stmt};
use ruff_source_file::LineIndex;
use ruff_text_size::{TextRange, TextSize};

use super::code::Pos;
use super::CompileError;

/// A parsed module with what is needed to report positions.
pub struct Source<'s> {
    pub text: &'s str,
    pub filename: String,
    module: Option<ModModule>,
    index: LineIndex,
}

impl<'s> Source<'s> {
    pub fn parse(text: &'s str, filename: &str) -> Result<Source<'s>, CompileError> {
        let index = LineIndex::from_source_text(text);
        match ruff_python_parser::parse_module(text) {
            Ok(parsed) => Ok(Source {
                text,
                filename: filename.to_owned(),
                module: Some(parsed.into_syntax()),
                index,
            }),
            Err(e) => {
                let src = Source {
                    text,
                    filename: filename.to_owned(),
                    module: None,
                    index,
                };
                Err(src.error(&parse_message(&e.error.to_string()), e.location))
            }
        }
    }

    pub fn body(&self) -> &[Stmt] {
        self.module.as_ref().map_or(&[], |m| &m.body[..])
    }

    /// 1-based line and 0-based character column of a byte offset.
    fn line_col(&self, at: TextSize) -> (u32, u32) {
        let lc = self.index.line_column(at, self.text);
        (lc.line.get() as u32, lc.column.get() as u32 - 1)
    }

    pub fn pos(&self, r: TextRange) -> Pos {
        let (line, col) = self.line_col(r.start());
        let (end_line, end_col) = self.line_col(r.end());
        Pos {
            line,
            end_line,
            col,
            end_col,
            ..Pos::default()
        }
    }

    /// A SyntaxError at `r`.
    pub fn error(&self, msg: &str, r: TextRange) -> CompileError {
        let p = self.pos(r);
        let text = self
            .text
            .lines()
            .nth(p.line.saturating_sub(1) as usize)
            .unwrap_or("")
            .to_owned();
        CompileError {
            msg: msg.to_owned(),
            filename: self.filename.clone(),
            line: p.line,
            col: p.col + 1,
            end_line: p.end_line,
            end_col: p.end_col + 1,
            text,
        }
    }
}

/// Ruff's wording where CPython's differs in the common cases.
fn parse_message(ruff: &str) -> String {
    if ruff.starts_with("Expected an indented block") {
        return "expected an indented block".into();
    }
    if ruff.starts_with("Unexpected indentation") {
        return "unexpected indent".into();
    }
    if ruff.contains("missing closing quote") {
        return "unterminated string literal".into();
    }
    if ruff.starts_with("Expected")
        || ruff.starts_with("Unexpected token")
        || ruff.starts_with("Invalid")
    {
        return "invalid syntax".into();
    }
    ruff.to_owned()
}
