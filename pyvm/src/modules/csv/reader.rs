//! `_csv.reader`: `_csv.c`'s parser, one state machine fed a character at a time and
//! an end-of-line mark after each line its input yields, so quoted fields span lines
//! and the messages are CPython's.

use crate::objects::rc::Arc;

use super::dialect::{Params, QUOTE_NONE, QUOTE_NONNUMERIC};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::object::NativeObject;
use crate::objects::types::{type_name, PyType};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

/// A character, or the end of a line of input (CPython's `EOL`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ch {
    C(char),
    Eol,
}

struct Parse {
    state: State,
    fields: Vec<Value>,
    field: String,
    field_len: usize,
    numeric: bool,
    line_num: i64,
}

/// A `_csv.reader` object.
pub struct Reader {
    input: Value,
    dialect: Value,
    params: Params,
    parse: GilCell<Parse>,
}

impl Reader {
    pub fn new(input: Value, dialect: Value, params: Params) -> Reader {
        Reader {
            input,
            dialect,
            params,
            parse: GilCell::new(Parse {
                state: State::StartRecord,
                fields: Vec::new(),
                field: String::new(),
                field_len: 0,
                numeric: false,
                line_num: 0,
            }),
        }
    }

    /// The next record, `None` at the end of the input.
    fn next_record(&self, cx: &mut Cx) -> PyResult<Option<Value>> {
        {
            let mut p = self.parse.borrow_mut(cx.gil);
            p.fields = Vec::new();
            p.field.clear();
            p.field_len = 0;
            p.state = State::StartRecord;
            p.numeric = false;
        }
        loop {
            let Some(line) = cx.next(&self.input)? else {
                let mut p = self.parse.borrow_mut(cx.gil);
                if p.field_len != 0 || p.state == State::InQuotedField {
                    if self.params.strict {
                        return Err(super::error("unexpected end of data").into());
                    }
                    p.save_field()?;
                    return Ok(Some(Value::list(std::mem::take(&mut p.fields))));
                }
                return Ok(None);
            };
            let Some(text) = super::text_of(&line) else {
                return Err(super::error(format!(
                    "iterator should return strings, not {} (the file should be opened in text mode)",
                    type_name(&line)
                ))
                .into());
            };
            let mut p = self.parse.borrow_mut(cx.gil);
            p.line_num += 1;
            for c in text.chars() {
                p.process(&self.params, Ch::C(c))?;
            }
            p.process(&self.params, Ch::Eol)?;
            if p.state == State::StartRecord {
                return Ok(Some(Value::list(std::mem::take(&mut p.fields))));
            }
        }
    }
}

impl Parse {
    fn save_field(&mut self) -> Result<(), PyErr> {
        let text = std::mem::take(&mut self.field);
        self.field_len = 0;
        let v = if self.numeric {
            self.numeric = false;
            Value::float(crate::objects::float::parse(&text)?)
        } else {
            Value::string(text)
        };
        self.fields.push(v);
        Ok(())
    }

    fn add_char(&mut self, c: char) -> Result<(), PyErr> {
        let limit = super::field_limit();
        if self.field_len as i64 >= limit {
            return Err(super::error(format!(
                "field larger than field limit ({limit})"
            )));
        }
        self.field.push(c);
        self.field_len += 1;
        Ok(())
    }

    /// The end of a record or a field: a line break or the end of the line.
    fn end_line(&mut self, c: Ch) -> Result<(), PyErr> {
        self.save_field()?;
        self.state = if c == Ch::Eol {
            State::StartRecord
        } else {
            State::EatCrnl
        };
        Ok(())
    }

    /// `parse_process_char`.
    fn process(&mut self, d: &Params, c: Ch) -> Result<(), PyErr> {
        let is = |opt: Option<char>| matches!((c, opt), (Ch::C(x), Some(y)) if x == y);
        let newline = matches!(c, Ch::C('\n' | '\r')) || c == Ch::Eol;
        let is_quote = is(d.quotechar) && d.quoting != QUOTE_NONE;
        match self.state {
            State::StartRecord => {
                if c == Ch::Eol {
                    return Ok(());
                }
                if newline {
                    self.state = State::EatCrnl;
                    return Ok(());
                }
                self.state = State::StartField;
                self.process(d, c)?;
            }
            State::StartField => {
                if newline {
                    self.end_line(c)?;
                } else if is_quote {
                    self.state = State::InQuotedField;
                } else if is(d.escapechar) {
                    self.state = State::EscapedChar;
                } else if c == Ch::C(' ') && d.skipinitialspace {
                } else if c == Ch::C(d.delimiter) {
                    self.save_field()?;
                } else if let Ch::C(ch) = c {
                    if d.quoting == QUOTE_NONNUMERIC {
                        self.numeric = true;
                    }
                    self.add_char(ch)?;
                    self.state = State::InField;
                }
            }
            State::EscapedChar => match c {
                Ch::C(ch @ ('\n' | '\r')) => {
                    self.add_char(ch)?;
                    self.state = State::AfterEscapedCrnl;
                }
                _ => {
                    self.add_char(char_or_newline(c))?;
                    self.state = State::InField;
                }
            },
            State::AfterEscapedCrnl if c == Ch::Eol => {}
            State::AfterEscapedCrnl | State::InField => {
                if newline {
                    self.end_line(c)?;
                } else if is(d.escapechar) {
                    self.state = State::EscapedChar;
                } else if c == Ch::C(d.delimiter) {
                    self.save_field()?;
                    self.state = State::StartField;
                } else if let Ch::C(ch) = c {
                    // (The state stays: after an escaped line break, CPython's
                    // fall-through keeps `AFTER_ESCAPED_CRNL`.)
                    self.add_char(ch)?;
                }
            }
            State::InQuotedField => {
                if c == Ch::Eol {
                } else if is(d.escapechar) {
                    self.state = State::EscapeInQuotedField;
                } else if is_quote {
                    self.state = if d.doublequote {
                        State::QuoteInQuotedField
                    } else {
                        State::InField
                    };
                } else if let Ch::C(ch) = c {
                    self.add_char(ch)?;
                }
            }
            State::EscapeInQuotedField => {
                self.add_char(char_or_newline(c))?;
                self.state = State::InQuotedField;
            }
            State::QuoteInQuotedField => {
                if is_quote {
                    self.add_char(d.quotechar.unwrap_or('"'))?;
                    self.state = State::InQuotedField;
                } else if c == Ch::C(d.delimiter) {
                    self.save_field()?;
                    self.state = State::StartField;
                } else if newline {
                    self.end_line(c)?;
                } else if !d.strict {
                    self.add_char(char_or_newline(c))?;
                    self.state = State::InField;
                } else {
                    return Err(super::error(format!(
                        "'{}' expected after '{}'",
                        d.delimiter,
                        d.quotechar.unwrap_or('"')
                    )));
                }
            }
            State::EatCrnl => match c {
                Ch::C('\n' | '\r') => {}
                Ch::Eol => self.state = State::StartRecord,
                Ch::C(_) => {
                    return Err(super::error(
                        "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?",
                    ))
                }
            },
        }
        Ok(())
    }
}

/// An end of line read as an escaped character is a `\n`.
fn char_or_newline(c: Ch) -> char {
    match c {
        Ch::C(ch) => ch,
        Ch::Eol => '\n',
    }
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "__next__" => dunder_next, "__iter__" => dunder_iter,
];

/// The reader a method was called on.
fn this(args: &Args) -> Result<&Reader, PyErr> {
    match args.pos.first() {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<Reader>(),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a '_csv.reader' object"))
}

fn dunder_next(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__next__", 1, 1)?;
    match this(&args)?.next_record(cx)? {
        Some(row) => Ok(row),
        None => Err(stop_iteration().into()),
    }
}

fn dunder_iter(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__iter__", 1, 1)?;
    this(&args)?;
    Ok(args.pos[0].clone())
}

impl NativeObject for Reader {
    fn type_name(&self) -> &'static str {
        "_csv.reader"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_csv.reader object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "dialect" => Some(self.dialect.clone()),
            "line_num" => Some(Value::Int(self.parse.borrow(gil).line_num)),
            "__class__" => Some(Value::Type(super::reader_type().clone())),
            _ => METHODS.iter().find(|d| d.name == name).map(Value::Native),
        }
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(super::reader_type().clone())
    }

    fn self_iter(&self) -> bool {
        true
    }

    fn next(&self, cx: &mut Cx<'_, '_>) -> Option<PyResult<Option<Value>>> {
        Some(self.next_record(cx))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
