//! CPython's tokenizer errors, which Ruff reports differently or not at all: brackets
//! (an unmatched closer, a closer of the wrong kind, an opener never closed by the end
//! of the file; these override a generic "invalid syntax", as
//! `_PyPegen_tokenize_full_source_to_check_for_errors` does), bad number literals
//! (`invalid decimal literal`), characters that cannot start a token (`invalid
//! character '€' (U+20AC)`) and indentation mixing tabs and spaces (`TabError`).
//! A light scan that skips comments and string literals (any prefix, triple quotes),
//! mirroring `Parser/tokenizer.c`.

/// A tokenizer error: CPython's message and the byte range its caret marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokError {
    pub msg: String,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A bracket error (reported over a generic "invalid syntax" only).
    Bracket,
    /// A bad literal or character: CPython's tokenizer stops there, before the parser
    /// sees anything after it.
    Lexical,
    /// Tabs and spaces mixed inconsistently (`TabError`, no caret).
    Tab,
    /// An opener never closed: reported over a parse error on a later line only.
    NeverClosed,
    /// More than 200 brackets open (CPython's `MAXLEVEL`): "too many nested
    /// parentheses", reported before parsing.
    Nesting,
    /// A 100th level of indentation (`MAXINDENT`): IndentationError, before parsing.
    Indentation,
    /// Nesting past CPython's parser stack (`MAXSTACK`), where it raises MemoryError.
    ParserStack,
}

/// CPython's tokenizer and parser limits: `MAXLEVEL`, `MAXINDENT`, `MAXSTACK`.
const MAX_LEVEL: usize = 200;
const MAX_INDENT: usize = 100;
const MAX_STACK: usize = 6000;

/// A nesting limit of CPython's tokenizer or parser that `text` breaks, checked before
/// Ruff's (recursive) parser sees it, or a tokenizer error coming earlier in the text.
pub fn limit_error(text: &str, eval: bool) -> Option<TokError> {
    let mut s = Scan::new(text);
    // The parser's levels above the first expression (`eval_rule`, `file_rule`).
    let base = if eval { 25 } else { 31 };
    s.depth = Some(Depth {
        base,
        ..Depth::default()
    });
    let limit = s.run().filter(|e| {
        matches!(
            e.kind,
            Kind::Nesting | Kind::Indentation | Kind::ParserStack
        )
    })?;
    match first_error(text) {
        Some(e) if e.start < limit.start => Some(e),
        _ => Some(limit),
    }
}

/// The first tokenizer error of any kind, in source order.
pub fn first_error(text: &str) -> Option<TokError> {
    Scan::new(text).run()
}

/// The innermost bracket open just before byte `offset`: its character and offset.
pub fn innermost_at(text: &str, offset: usize) -> Option<(u8, usize)> {
    let mut s = Scan::new(text);
    s.brackets_only = true;
    s.stop_at = offset;
    s.run();
    s.open.last().map(|&(c, at, _)| (c, at))
}

/// The offset of the bracket closing the one opened at `open`.
pub fn closer_of(text: &str, open: usize) -> Option<usize> {
    let mut s = Scan::new(text);
    s.brackets_only = true;
    s.run();
    s.pairs
        .into_iter()
        .find(|&(o, _)| o == open)
        .map(|(_, c)| c)
}

/// Every string literal (prefix included) as CPython 3.11 reads it: a quote inside an
/// f-string's replacement field ends the literal.
pub fn strings(text: &str) -> Vec<(usize, usize)> {
    let mut s = Scan::new(text);
    s.brackets_only = true;
    s.run();
    s.strings
}

/// The byte range of the string literal (with its prefix) that contains `offset`.
pub fn string_at(text: &str, offset: usize) -> Option<(usize, usize)> {
    let mut s = Scan::new(text);
    s.brackets_only = true;
    s.run();
    s.strings
        .into_iter()
        .find(|&(a, b)| a <= offset && offset < b)
}

struct Scan<'t> {
    text: &'t str,
    b: &'t [u8],
    /// Open brackets: (char, offset, line).
    open: Vec<(u8, usize, usize)>,
    /// Report bracket errors only (no literal, character or indentation checks).
    brackets_only: bool,
    /// Stop scanning at this offset.
    stop_at: usize,
    /// String literals seen: (start including the prefix, end).
    strings: Vec<(usize, usize)>,
    /// Matched brackets: (opener offset, closer offset).
    pairs: Vec<(usize, usize)>,
    /// Indentation stack: (column with 8-column tabs, column with 1-column tabs).
    indents: Vec<(usize, usize)>,
    /// Set for [`limit_error`]: only the limits are reported, and the parser's
    /// nesting is estimated on the way.
    depth: Option<Depth>,
}

/// An estimate of the nesting CPython's recursive-descent parser reaches (its levels:
/// 25 above an `eval` expression, 31 above a statement's, 28 per bracket, 1 per unary operator, `not` or
/// conditional expression, 2 per `**` or `lambda`), enough to refuse what would
/// exhaust its stack (MemoryError) and to keep Ruff's parser within a bounded depth.
/// A stack of the constructs still open, each with the precedence below which an
/// operator ends it; brackets are markers (precedence 0) that only separators and
/// their closer stop at.
#[derive(Default)]
struct Depth {
    base: usize,
    open: Vec<Open>,
    levels: usize,
    /// The last token ended an operand (a name, a literal, a closer).
    operand: bool,
}

#[derive(Clone, Copy)]
struct Open {
    prec: u8,
    levels: u8,
    /// A `lambda` whose `:` is still to come.
    params: bool,
}

/// Precedences (CPython's grammar, lowest first).
const LAMBDA: u8 = 1;
const TERNARY: u8 = 2;
const NOT: u8 = 5;
const UNARY: u8 = 13;
const POWER: u8 = 14;
const AWAIT: u8 = 15;

impl Depth {
    fn push(&mut self, prec: u8, levels: u8) {
        self.open.push(Open {
            prec,
            levels,
            params: prec == LAMBDA && levels == 2,
        });
        self.levels += levels as usize;
    }

    fn pop_while(&mut self, keep: impl Fn(&Open) -> bool) {
        while let Some(o) = self.open.last() {
            if keep(o) {
                break;
            }
            self.levels -= o.levels as usize;
            self.open.pop();
        }
    }

    /// A binary operator of precedence `prec` ends what binds tighter.
    fn binary(&mut self, prec: u8, right_assoc: bool) {
        self.pop_while(|o| o.prec == 0 || o.prec < prec || (right_assoc && o.prec == prec));
        self.operand = false;
    }

    /// `,`, `:`, `=`, `for`, a statement keyword: back to the enclosing bracket (or
    /// to the `lambda` whose parameters these are).
    fn separator(&mut self, colon: bool) {
        self.pop_while(|o| o.prec == 0 || o.params);
        if colon {
            if let Some(o) = self.open.last_mut().filter(|o| o.params) {
                o.params = false;
            }
        }
        self.operand = false;
    }

    fn bracket(&mut self) {
        self.push(0, 28);
        self.operand = false;
    }

    fn closer(&mut self) {
        self.pop_while(|o| o.prec == 0);
        if let Some(o) = self.open.pop() {
            self.levels -= o.levels as usize;
        }
        self.operand = true;
    }

    fn newline(&mut self) {
        self.open.clear();
        self.levels = 0;
        self.operand = false;
    }

    fn word(&mut self, w: &str) {
        match w {
            "or" => self.binary(3, false),
            "and" => self.binary(4, false),
            "not" if self.operand => self.binary(6, false), // `not in`
            "not" => self.push(NOT, 1),
            "in" | "is" if self.operand => self.binary(6, false),
            "in" => {}
            "if" if self.operand => {
                self.binary(TERNARY, true);
                self.push(TERNARY, 1);
            }
            "else" => {
                self.pop_while(|o| o.prec == 0 || o.prec == TERNARY);
                self.operand = false;
            }
            "lambda" => {
                self.push(LAMBDA, 2);
                self.operand = false;
            }
            "await" => self.push(AWAIT, 1),
            "yield" => self.push(LAMBDA, 1),
            "True" | "False" | "None" => self.operand = true,
            "for" | "async" | "from" | "import" | "as" | "def" | "class" | "return" | "del"
            | "pass" | "with" | "while" | "try" | "except" | "finally" | "assert" | "global"
            | "nonlocal" | "raise" | "break" | "continue" | "elif" | "if" => self.separator(false),
            _ => self.operand = true,
        }
    }

    fn op(&mut self, op: &[u8]) {
        match op {
            b"-" | b"+" | b"~" if !self.operand => self.push(UNARY, 1),
            b"**" if self.operand => {
                self.binary(POWER, true);
                self.push(POWER, 2);
            }
            b"|" => self.binary(7, false),
            b"^" => self.binary(8, false),
            b"&" => self.binary(9, false),
            b"<<" | b">>" => self.binary(10, false),
            b"+" | b"-" => self.binary(11, false),
            b"*" | b"/" | b"//" | b"%" | b"@" if self.operand => self.binary(12, false),
            b"<" | b">" | b"<=" | b">=" | b"==" | b"!=" => self.binary(6, false),
            b"." | b"*" | b"**" | b"@" => self.operand = false,
            b":" => self.separator(true),
            _ => self.separator(false), // `,` `;` `=` `+=` `:=` `->` ...
        }
    }
}

/// The operator at the start of `b` (longest first).
fn operator(b: &[u8]) -> &[u8] {
    if !matches!(b.get(1), Some(b'=' | b'*' | b'/' | b'<' | b'>')) {
        return &b[..1.min(b.len())];
    }
    const LONG: [&[u8]; 4] = [b"**=", b"//=", b">>=", b"<<="];
    const TWO: [&[u8]; 17] = [
        b"**", b"//", b"<<", b">>", b"<=", b">=", b"==", b"!=", b"->", b":=", b"+=", b"-=", b"*=",
        b"/=", b"%=", b"&=", b"|=",
    ];
    for op in LONG.iter().chain(TWO.iter()) {
        if b.starts_with(op) {
            return op;
        }
    }
    for op in [b"^=" as &[u8], b"@="] {
        if b.starts_with(op) {
            return op;
        }
    }
    &b[..1.min(b.len())]
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Scan<'t> {
        Scan {
            text,
            b: text.as_bytes(),
            open: Vec::new(),
            brackets_only: false,
            stop_at: usize::MAX,
            strings: Vec::new(),
            pairs: Vec::new(),
            indents: vec![(0, 0)],
            depth: None,
        }
    }

    /// Errors other than the limits are not reported (brackets or limits only).
    fn lenient(&self) -> bool {
        self.brackets_only || self.depth.is_some()
    }

    /// The parser-stack estimate went past CPython's limit at `i`?
    fn parser_stack(&self, i: usize) -> Option<TokError> {
        let d = self.depth.as_ref()?;
        (d.base + d.levels > MAX_STACK).then(|| TokError {
            msg: String::new(),
            start: i,
            end: i + 1,
            kind: Kind::ParserStack,
        })
    }

    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    fn run(&mut self) -> Option<TokError> {
        let b = self.b;
        let mut line = 1;
        let mut i = 0;
        let mut line_start = true;
        while i < b.len() && i < self.stop_at {
            if line_start && self.open.is_empty() && !self.brackets_only {
                match self.indentation(i) {
                    Some(e) if self.depth.is_none() || e.kind == Kind::Indentation => {
                        return Some(e)
                    }
                    _ => {}
                }
            }
            line_start = false;
            let c = b[i];
            match c {
                b'\n' => {
                    line += 1;
                    line_start = true;
                    if self.open.is_empty() {
                        if let Some(d) = self.depth.as_mut() {
                            d.newline();
                        }
                    }
                }
                b'#' => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                // A continuation or an escaped character: skip it (the next line
                // continues this one).
                b'\\' => i += 1,
                b'"' | b'\'' => {
                    let start = self.prefix_start(i);
                    let triple = b[i..].starts_with(&[c, c, c]);
                    let quote_len = if triple { 3 } else { 1 };
                    let mut j = i + quote_len;
                    loop {
                        if j >= b.len() {
                            return None;
                        }
                        match b[j] {
                            b'\\' => j += 1,
                            b'\n' if !triple => return None,
                            b'\n' => line += 1,
                            q if q == c && (!triple || b[j..].starts_with(&[c, c, c])) => break,
                            _ => {}
                        }
                        j += 1;
                    }
                    i = j + quote_len;
                    match self.depth.as_mut() {
                        Some(d) => d.operand = true,
                        None => self.strings.push((start, i)),
                    }
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    if self.open.len() >= MAX_LEVEL && !self.brackets_only {
                        return Some(TokError {
                            msg: "too many nested parentheses".into(),
                            start: i,
                            end: i + 1,
                            kind: Kind::Nesting,
                        });
                    }
                    self.open.push((c, i, line));
                    if let Some(d) = self.depth.as_mut() {
                        d.bracket();
                    }
                    if let Some(e) = self.parser_stack(i) {
                        return Some(e);
                    }
                }
                b')' | b']' | b'}' => {
                    let want = match c {
                        b')' => b'(',
                        b']' => b'[',
                        _ => b'{',
                    };
                    if let Some(d) = self.depth.as_mut() {
                        d.closer();
                    }
                    let msg = match self.open.pop() {
                        _ if self.depth.is_some() => String::new(),
                        None => format!("unmatched '{}'", c as char),
                        Some((o, at, _)) if o == want => {
                            self.pairs.push((at, i));
                            String::new()
                        }
                        Some((o, _, at_line)) => {
                            let mut msg = format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                c as char, o as char
                            );
                            if at_line != line {
                                msg.push_str(&format!(" on line {at_line}"));
                            }
                            msg
                        }
                    };
                    if !msg.is_empty() {
                        return Some(TokError {
                            msg,
                            start: i,
                            end: i + 1,
                            kind: Kind::Bracket,
                        });
                    }
                }
                b'0'..=b'9' => {
                    match self.number_token(i) {
                        Ok(end) => i = end,
                        Err(e) => return Some(e),
                    }
                    continue;
                }
                b'.' if self.at(i + 1).is_ascii_digit() => {
                    match self.number_token(i) {
                        Ok(end) => i = end,
                        Err(e) => return Some(e),
                    }
                    continue;
                }
                c if is_ident_byte(c) => {
                    let start = i;
                    if self.depth.is_some() {
                        // Limits only: any run of name bytes is a word.
                        while i < b.len() && is_ident_byte(b[i]) {
                            i += 1;
                        }
                    } else {
                        match self.identifier(i) {
                            Ok(end) => i = end,
                            Err(e) if !self.lenient() => return Some(e),
                            Err(e) => i = e.end.max(i + 1),
                        }
                    }
                    if let Some(d) = self.depth.as_mut() {
                        d.word(&self.text[start..i]);
                        if let Some(e) = self.parser_stack(start) {
                            return Some(e);
                        }
                    }
                    // A string prefix (`f"`, `rb'`) is scanned with its string.
                    continue;
                }
                b' ' | b'\t' | b'\r' | 0x0c => {}
                _ => {
                    if let Some(d) = self.depth.as_mut() {
                        let op = operator(&b[i..]);
                        d.op(op);
                        let len = op.len();
                        if let Some(e) = self.parser_stack(i) {
                            return Some(e);
                        }
                        i += len;
                        continue;
                    }
                }
            }
            i += 1;
        }
        if i < self.stop_at {
            if let Some((o, at, _)) = self.open.last() {
                return Some(TokError {
                    msg: format!("'{}' was never closed", *o as char),
                    start: *at,
                    end: at + 1,
                    kind: Kind::NeverClosed,
                });
            }
        }
        None
    }

    /// A number from `i`: where it ends, or `Err` with the tokenizer's error.
    fn number_token(&mut self, i: usize) -> Result<usize, TokError> {
        let end = match self.number(i) {
            Ok(end) => end,
            Err(e) if !self.lenient() => return Err(e),
            Err(_) => i + 1,
        };
        if let Some(d) = self.depth.as_mut() {
            d.operand = true;
        }
        Ok(end)
    }

    /// Where a string starting with the quote at `q` begins, prefix included.
    fn prefix_start(&self, q: usize) -> usize {
        let mut s = q;
        while s > 0 && self.b[s - 1].is_ascii_alphabetic() && q - s < 2 {
            s -= 1;
        }
        if s > 0 && is_ident_byte(self.b[s - 1]) {
            q // not a prefix: part of a longer name
        } else {
            s
        }
    }

    /// The indentation of the line starting at `i`: CPython's TabError when tabs and
    /// spaces give different answers with 8-column and 1-column tabs. A dedent that
    /// matches no level is Ruff's error already: the scan just stops checking.
    fn indentation(&mut self, i: usize) -> Option<TokError> {
        let (mut col, mut alt) = (0, 0);
        let mut j = i;
        loop {
            match self.at(j) {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                0x0c => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            j += 1;
        }
        if matches!(self.at(j), b'\n' | b'#' | b'\r' | 0 | b'\\') {
            return None; // blank or comment-only lines do not count
        }
        let tab = Some(TokError {
            msg: "inconsistent use of tabs and spaces in indentation".into(),
            start: i,
            end: i,
            kind: Kind::Tab,
        });
        let &(top, top_alt) = self.indents.last()?;
        if col == top {
            if alt != top_alt {
                return tab;
            }
        } else if col > top {
            if alt <= top_alt {
                return tab;
            }
            if self.indents.len() >= MAX_INDENT {
                return Some(TokError {
                    msg: "too many levels of indentation".into(),
                    start: i,
                    end: i,
                    kind: Kind::Indentation,
                });
            }
            self.indents.push((col, alt));
        } else {
            while self.indents.len() > 1 && col < self.indents.last()?.0 {
                self.indents.pop();
            }
            let &(top, top_alt) = self.indents.last()?;
            if col != top {
                self.indents = vec![(usize::MAX, usize::MAX)]; // stop checking
                return None;
            }
            if alt != top_alt {
                return tab;
            }
        }
        None
    }

    /// An identifier from `i`: every non-ASCII character must be one Python allows
    /// in names (`invalid character '€' (U+20AC)` otherwise, marking it).
    fn identifier(&self, i: usize) -> Result<usize, TokError> {
        let mut j = i;
        for (k, ch) in self.text[i..].char_indices() {
            let ok = if ch.is_ascii() {
                ch.is_ascii_alphanumeric() || ch == '_'
            } else if k == 0 {
                unicode_ident::is_xid_start(ch)
            } else {
                unicode_ident::is_xid_continue(ch)
            };
            if !ok {
                if ch.is_ascii() {
                    break;
                }
                let msg = format!("invalid character '{ch}' (U+{:04X})", ch as u32);
                return Err(TokError {
                    msg,
                    start: i + k,
                    end: i + k + ch.len_utf8(),
                    kind: Kind::Lexical,
                });
            }
            j = i + k + ch.len_utf8();
        }
        Ok(j.max(i + 1))
    }

    /// A number literal from `i`, as `tok_get` reads one: its end, or CPython's error.
    /// Errors mark the character before the reading position (`tok->cur`).
    fn number(&self, i: usize) -> Result<usize, TokError> {
        let mut n = Num { s: self, cur: i };
        let err = |n: &Num, msg: String| TokError {
            msg,
            start: n.cur.saturating_sub(1),
            end: n.cur,
            kind: Kind::Lexical,
        };
        let mut c = n.next();
        if c == b'.' {
            c = n.next();
            return n.fraction(c).map_err(|m| err(&n, m));
        }
        if c == b'0' {
            c = n.next();
            let radix = match c {
                b'x' | b'X' => Some((16, "hexadecimal")),
                b'o' | b'O' => Some((8, "octal")),
                b'b' | b'B' => Some((2, "binary")),
                _ => None,
            };
            if let Some((radix, kind)) = radix {
                return n.radix(radix, kind).map_err(|m| err(&n, m));
            }
            // Maybe an old-style octal: only zeros (and `_`) may follow a leading 0.
            let mut nonzero = false;
            loop {
                if c == b'_' {
                    c = n.next();
                    if !c.is_ascii_digit() {
                        n.back();
                        return Err(err(&n, "invalid decimal literal".into()));
                    }
                }
                if c != b'0' {
                    break;
                }
                c = n.next();
            }
            let zeros_end = n.cur;
            if c.is_ascii_digit() {
                nonzero = true;
                c = n.decimal_tail().map_err(|m| err(&n, m))?;
            }
            if matches!(c, b'.' | b'e' | b'E' | b'j' | b'J') {
                if c == b'.' {
                    c = n.next();
                }
                return n.fraction(c).map_err(|m| err(&n, m));
            }
            if nonzero {
                return Err(TokError {
                    msg: "leading zeros in decimal integer literals are not permitted; \
                          use an 0o prefix for octal integers"
                        .into(),
                    start: i,
                    end: zeros_end - 1,
                    kind: Kind::Lexical,
                });
            }
            return n.end_of_number(c, "decimal").map_err(|m| err(&n, m));
        }
        c = n.decimal_tail().map_err(|m| err(&n, m))?;
        if c == b'.' {
            c = n.next();
        }
        n.fraction(c).map_err(|m| err(&n, m))
    }
}

/// The reading position of `Scan::number` (`tok->cur`).
struct Num<'a, 't> {
    s: &'a Scan<'t>,
    cur: usize,
}

impl Num<'_, '_> {
    fn next(&mut self) -> u8 {
        let c = self.s.at(self.cur);
        self.cur += 1;
        c
    }

    fn back(&mut self) {
        self.cur -= 1;
    }

    /// `tok_decimal_tail`: digits with single underscores between them.
    fn decimal_tail(&mut self) -> Result<u8, String> {
        loop {
            let mut c = self.next();
            while c.is_ascii_digit() {
                c = self.next();
            }
            if c != b'_' {
                return Ok(c);
            }
            c = self.next();
            if !c.is_ascii_digit() {
                self.back();
                return Err("invalid decimal literal".into());
            }
        }
    }

    /// After the integer part and a `.` (`c` is the character after them): fraction,
    /// exponent, imaginary suffix. Returns the end of the number.
    fn fraction(&mut self, mut c: u8) -> Result<usize, String> {
        if c.is_ascii_digit() {
            c = self.decimal_tail()?;
        }
        if c == b'e' || c == b'E' {
            let e = c;
            c = self.next();
            if c == b'+' || c == b'-' {
                c = self.next();
                if !c.is_ascii_digit() {
                    self.back();
                    return Err("invalid decimal literal".into());
                }
            } else if !c.is_ascii_digit() {
                self.back();
                return self.end_of_number(e, "decimal");
            }
            c = self.decimal_tail()?;
        }
        if c == b'j' || c == b'J' {
            c = self.next();
            return self.end_of_number(c, "imaginary");
        }
        self.end_of_number(c, "decimal")
    }

    /// Hexadecimal, octal or binary digits after the `0x`/`0o`/`0b`.
    fn radix(&mut self, radix: u32, kind: &str) -> Result<usize, String> {
        let digit = |c: u8| (c as char).is_digit(radix);
        let mut c = self.next();
        loop {
            if c == b'_' {
                c = self.next();
            }
            if !digit(c) {
                if radix != 16 && c.is_ascii_digit() {
                    return Err(format!("invalid digit '{}' in {kind} literal", c as char));
                }
                self.back();
                return Err(format!("invalid {kind} literal"));
            }
            c = self.next();
            while digit(c) {
                c = self.next();
            }
            if c != b'_' {
                break;
            }
        }
        if radix != 16 && c.is_ascii_digit() {
            return Err(format!("invalid digit '{}' in {kind} literal", c as char));
        }
        self.end_of_number(c, kind)
    }

    /// `verify_end_of_number`: `c` (already read) may not continue a name, except the
    /// keywords that can follow a number in valid code (`1if x else 2`: a warning in
    /// CPython). Returns the end of the number.
    fn end_of_number(&mut self, c: u8, kind: &str) -> Result<usize, String> {
        let rest = &self.s.b[self.cur.min(self.s.b.len())..];
        let keyword = match c {
            b'a' => rest.starts_with(b"nd"),
            b'e' => rest.starts_with(b"lse"),
            b'f' => rest.starts_with(b"or"),
            b'i' => matches!(rest.first(), Some(b'f' | b'n' | b's')),
            b'o' => rest.starts_with(b"r"),
            b'n' => rest.starts_with(b"ot"),
            _ => false,
        };
        self.back();
        if !keyword && is_ident_byte(c) {
            return Err(format!("invalid {kind} literal"));
        }
        Ok(self.cur)
    }
}
