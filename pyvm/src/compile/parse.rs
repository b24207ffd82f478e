//! Ruff's parser behind a small face: parse a module, map byte ranges to lines and
//! character columns, and turn parse errors into `CompileError`s.

use ruff_python_ast::{ModModule, PySourceType, Stmt};
use ruff_source_file::LineIndex;
use ruff_text_size::{TextRange, TextSize};

use super::brackets;
use super::code::Pos;
use super::depth;
use super::CompileError;

/// A parsed module with what is needed to report positions.
pub struct Source<'s> {
    pub text: &'s str,
    pub filename: String,
    module: Option<ModModule>,
    index: LineIndex,
    /// The tree nests deeper than `depth::DEEP`: it is freed without recursing.
    deep: bool,
}

impl Drop for Source<'_> {
    fn drop(&mut self) {
        if let Some(m) = self.module.take().filter(|_| self.deep) {
            depth::dismantle(m.body);
        }
    }
}

impl<'s> Source<'s> {
    /// Parse a module (statements count as one level of nesting).
    pub fn parse(text: &'s str, filename: &str) -> Result<Source<'s>, CompileError> {
        Self::parse_as(text, filename, false)
    }

    /// Parse `text`; for `eval` its one expression is the outermost level.
    pub fn parse_as(text: &'s str, filename: &str, eval: bool) -> Result<Source<'s>, CompileError> {
        let mut src = Source {
            text,
            filename: filename.to_owned(),
            module: None,
            index: LineIndex::from_source_text(text),
            deep: false,
        };
        // CPython's nesting limits first: Ruff's parser recurses, within the parser
        // stack CPython allows once these pass.
        if let Some(t) = brackets::limit_error(text, eval) {
            return Err(src.limit_error(t));
        }
        let Some(parsed) = crate::stack::maybe_grow(1 << 20, 64 << 20, || {
            ruff_python_parser::parse_unchecked_source(text, PySourceType::Python)
        }) else {
            // No memory for the parser's stack: CPython's `MemoryError`.
            return Err(src.error(super::PARSER_STACK, TextRange::default()));
        };
        let error = parsed.errors().first().cloned();
        let module = parsed.into_syntax();
        let limit = depth::budget();
        let deepest = depth::depth(&module.body, usize::from(!eval), limit);
        src.deep = deepest > depth::DEEP;
        src.module = Some(module);
        if let Some(e) = error {
            let (msg, at, caret) = src.describe(&e.error, e.location);
            let mut err = src.error(&msg, at);
            if !caret {
                err.col = 0;
            }
            return Err(err);
        }
        if deepest > limit {
            return Err(src.error(depth::RECURSION, TextRange::default()));
        }
        Ok(src)
    }

    /// The error for a nesting limit or a tokenizer error found before parsing.
    fn limit_error(&self, t: brackets::TokError) -> CompileError {
        let kind = t.kind;
        let (msg, at, caret) = self.tokenizer_error(t);
        let mut err = self.error(&msg, at);
        match kind {
            // CPython's `E_TOODEEP`: offset 1, end offset 0, the whole line.
            brackets::Kind::Indentation => (err.col, err.end_col) = (1, 0),
            // The tokenizer's `syntaxerror`: the end is the start.
            brackets::Kind::Nesting => err.end_col = err.col,
            _ if !caret => err.col = 0,
            _ => {}
        }
        err
    }

    pub fn body(&self) -> &[Stmt] {
        self.module.as_ref().map_or(&[], |m| &m.body[..])
    }

    /// 1-based line and 0-based character column of a byte offset.
    fn line_col(&self, at: TextSize) -> (u32, u32) {
        // A range computed past the end, or inside a character, is clamped onto the
        // text (Ruff's line index panics on those).
        let mut i = usize::from(at).min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        let at = TextSize::try_from(i).unwrap_or(at);
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

/// CPython's wording for a bad assignment or `del` target, read off the AST Ruff
/// recovers despite the error.
fn target_message(
    text: &str,
    err: &ruff_python_parser::ParseErrorType,
    at: TextRange,
) -> Option<String> {
    use ruff_python_parser::ParseErrorType as T;
    if !matches!(
        err,
        T::InvalidAssignmentTarget | T::InvalidDeleteTarget | T::InvalidAugmentedAssignmentTarget
    ) {
        return None;
    }
    let parsed = ruff_python_parser::parse_unchecked_source(text, PySourceType::Python);
    super::targets::message(parsed.syntax(), err, at)
}

/// Ruff's wording where CPython's differs in the common cases.
fn parse_message(ruff: &str) -> String {
    if ruff.starts_with("Expected an indented block") {
        return "expected an indented block".into();
    }
    if ruff.starts_with("Unexpected indentation") {
        return "unexpected indent".into();
    }
    if ruff.contains("missing closing quote") || ruff.starts_with("f-string: unterminated string") {
        return "unterminated string literal".into();
    }
    if ruff.starts_with("Unparenthesized generator expression") {
        return "Generator expression must be parenthesized".into();
    }
    // Patterns of a `match` statement.
    if ruff.starts_with("Expected a real number in complex literal pattern") {
        return "real number required in complex literal".into();
    }
    if ruff.starts_with("Expected an imaginary number in complex literal pattern") {
        return "imaginary number required in complex literal".into();
    }
    if ruff.starts_with("Positional patterns cannot follow keyword patterns") {
        return "positional patterns follow keyword patterns".into();
    }
    if ruff.starts_with("Expected")
        || ruff.starts_with("Unexpected token")
        || ruff.starts_with("Got unexpected token")
        || ruff.starts_with("Invalid")
        || ruff.starts_with("Pattern cannot follow a double star pattern")
        || ruff.starts_with("Star pattern cannot be used here")
    {
        return "invalid syntax".into();
    }
    ruff.to_owned()
}

/// What CPython calls the compound statement that opens a block, from its first word.
fn block_opener(line: &str) -> Option<String> {
    let word: String = line
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    Some(match word.as_str() {
        "if" | "elif" | "else" | "for" | "while" | "try" | "except" | "finally" | "with"
        | "match" | "case" => {
            format!("'{word}' statement")
        }
        "def" | "async" => "function definition".into(),
        "class" => "class definition".into(),
        _ => return None,
    })
}

impl Source<'_> {
    /// CPython's message for Ruff's parse error `err` at `at`, the range its caret
    /// marks, and whether CPython prints a caret at all.
    fn describe(
        &self,
        err: &ruff_python_parser::ParseErrorType,
        at: TextRange,
    ) -> (String, TextRange, bool) {
        // After a parse error CPython tokenizes the rest of the file, and a tokenizer
        // error found there wins (`_PyPegen_tokenize_full_source_to_check_for_errors`);
        // an opener never closed wins only over an error on a later line.
        if let Some(t) = brackets::first_error(self.text) {
            let wins = match t.kind {
                brackets::Kind::NeverClosed => {
                    let open_line = self.line_col(TextSize::from(t.start as u32)).0;
                    self.line_col(at.start()).0 > open_line
                }
                _ => true,
            };
            if wins {
                return self.tokenizer_error(t);
            }
        }
        if let Some(msg) = target_message(self.text, err, at) {
            return (msg, at, true);
        }
        if let Some((msg, r)) = super::hints::hint(self.text, err, at) {
            return (msg, r, true);
        }
        let (msg, r) = self.cpython_message(&err.to_string(), at);
        (msg, r.unwrap_or(at), r.is_some())
    }

    fn tokenizer_error(&self, t: brackets::TokError) -> (String, TextRange, bool) {
        let r = TextRange::new(TextSize::from(t.start as u32), TextSize::from(t.end as u32));
        match t.kind {
            brackets::Kind::Bracket | brackets::Kind::NeverClosed | brackets::Kind::Nesting => {
                (t.msg, self.one_char(r), true)
            }
            brackets::Kind::ParserStack => (super::PARSER_STACK.to_owned(), r, false),
            brackets::Kind::Indentation => (t.msg, r, false),
            brackets::Kind::Lexical => (t.msg, r, true),
            brackets::Kind::Tab => (t.msg, r, false),
        }
    }

    /// CPython's message for a Ruff parse error, and the range its caret marks (`None`:
    /// CPython prints no caret).
    fn cpython_message(&self, ruff: &str, at: TextRange) -> (String, Option<TextRange>) {
        let msg = parse_message(ruff);
        let (line, _) = self.line_col(at.start());
        if msg == "invalid syntax" || msg == "unexpected EOF while parsing" {
            // (Tokenizer errors were looked for first, in `describe`.)
        }
        if msg == "expected an indented block" {
            // CPython names the statement that opened the block: the last line with
            // code before the one that should have been indented.
            // At the end of the file the opener may be the error's own line.
            let at_eof = at.start().to_usize() >= self.text.trim_end().len();
            let upto = if at_eof { line } else { line.saturating_sub(1) };
            let before: Vec<&str> = self.text.lines().take(upto as usize).collect();
            let opener = before
                .iter()
                .copied()
                .enumerate()
                .rev()
                .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
            if let Some((i, text)) = opener {
                if let Some(what) = block_opener(text) {
                    let msg = format!("{msg} after {what} on line {}", i + 1);
                    return (msg, (!at_eof).then(|| self.one_char(at)));
                }
            }
        }
        if msg == "unterminated string literal" {
            // Ruff points an f-string's error inside its quotes; CPython at its prefix.
            let mut start = at.start().to_usize().min(self.text.len());
            if ruff.starts_with("f-string") {
                // The last quote on the line that follows a prefix letter opens it.
                let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
                let seg = &self.text[line_start..start];
                let opening = seg.char_indices().rev().find(|&(i, c)| {
                    (c == '"' || c == '\'') && seg[..i].ends_with(['f', 'F', 'r', 'R'])
                });
                if let Some((q, _)) = opening {
                    let head = seg[..q].trim_end_matches(|c: char| c.is_ascii_alphabetic());
                    start = line_start + head.len();
                }
            }
            let at = TextRange::empty(TextSize::from(start as u32));
            let rest = &self.text[start..];
            let body = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            let msg = if body.starts_with("\"\"\"") || body.starts_with("'''") {
                // Detected where the file ends.
                let end = self.text.lines().count().max(1);
                format!("unterminated triple-quoted string literal (detected at line {end})")
            } else {
                format!("{msg} (detected at line {line})")
            };
            return (msg, Some(self.one_char(at)));
        }
        if msg.starts_with("Simple statements must be separated") {
            return self.legacy_print(at);
        }
        if msg == "unexpected indent" {
            return (msg, None);
        }
        if msg.starts_with("unindent does not match") {
            // CPython's caret sits just past the end of the line.
            let start = at.start().to_usize().min(self.text.len());
            let eol = self.text[start..]
                .find('\n')
                .map_or(self.text.len(), |i| start + i);
            let eol = TextRange::empty(TextSize::from(eol as u32));
            return (msg, Some(self.one_char(eol)));
        }
        (msg, Some(at))
    }

    /// Two expressions in a row: Python 2's `print "x"` (or `exec`) gets CPython's
    /// hint, marked from the name to the end of the code on the line; anything else
    /// is plain invalid syntax.
    fn legacy_print(&self, at: TextRange) -> (String, Option<TextRange>) {
        let start = at.start().to_usize().min(self.text.len());
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = self.text[line_start..start].trim_end();
        let word_start = before
            .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_')
            .len();
        let word = &before[word_start..];
        let preceded = before[..word_start].chars().next_back();
        let own_name = preceded.is_none_or(|c| !(c == '.' || c.is_alphanumeric()));
        if !(matches!(word, "print" | "exec") && own_name) {
            return ("invalid syntax".into(), Some(at));
        }
        // The code on the line ends at a comment outside any string, or at its end.
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let mut quote = None;
        let mut end = line_end;
        for (i, c) in self.text[start..line_end].char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '#') => {
                    end = start + i;
                    break;
                }
                _ => {}
            }
        }
        let end = line_start + self.text[line_start..end].trim_end().len();
        let from = TextSize::from((line_start + word_start) as u32);
        let msg = format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?");
        (msg, Some(TextRange::new(from, TextSize::from(end as u32))))
    }

    /// The first character of `r`: CPython marks these errors with one caret.
    fn one_char(&self, r: TextRange) -> TextRange {
        let len = self.text[r.start().to_usize().min(self.text.len())..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        TextRange::at(r.start(), TextSize::from(len as u32))
    }
}
