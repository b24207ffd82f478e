//! `_string`: the parsers behind Lib's `string.Formatter` (`formatter_parser`,
//! `formatter_field_name_split`), CPython's `MarkupIterator` and
//! `FieldNameIterator` step for step, lazy as theirs (a malformed format string
//! raises when the iterator reaches the fault, with CPython's messages).

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::iter::{Iter, NativeIter};
use crate::objects::module::Module;
use crate::objects::types::type_name;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "formatter_parser" => formatter_parser,
    "formatter_field_name_split" => formatter_field_name_split,
];

/// The `_string` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_string", FUNCS);
        Arc::new(m)
    })
}

fn text_arg(v: &Value, name: &str) -> Result<Vec<char>, PyErr> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Str(s) => Ok(s.as_str().chars().collect()),
        _ => Err(type_error(format!(
            "{name}() argument must be str, not {}",
            type_name(v)
        ))),
    }
}

fn iter_value(it: impl NativeIter + 'static) -> Value {
    Value::Iter(Arc::new(GilCell::new(Iter::Native(Box::new(it)))))
}

fn text(c: &[char]) -> Value {
    Value::string(c.iter().collect())
}

// --- formatter_parser --------------------------------------------------------------

struct Markup {
    s: Vec<char>,
    pos: usize,
}

/// The field after a `{` at `*pos`: `(field_name, format_spec, conversion)`,
/// `*pos` left after its closing `}` (CPython's `parse_field`).
fn parse_field(s: &[char], pos: &mut usize) -> Result<(Value, Value, Value), PyErr> {
    let start = *pos;
    let mut c = '\0';
    while *pos < s.len() {
        c = s[*pos];
        *pos += 1;
        match c {
            '{' => return Err(value_error("unexpected '{' in field name")),
            '[' => {
                while *pos < s.len() && s[*pos] != ']' {
                    *pos += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    let name = text(&s[start..pos.saturating_sub(1).max(start)]);
    if c == '!' || c == ':' {
        let mut conversion = Value::None;
        if c == '!' {
            if *pos >= s.len() {
                return Err(value_error(
                    "end of string while looking for conversion specifier",
                ));
            }
            conversion = Value::string(s[*pos].to_string());
            *pos += 1;
            if *pos < s.len() {
                let c2 = s[*pos];
                *pos += 1;
                if c2 == '}' {
                    return Ok((name, Value::str(""), conversion));
                }
                if c2 != ':' {
                    return Err(value_error("expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = *pos;
        let mut count = 1;
        while *pos < s.len() {
            let c = s[*pos];
            *pos += 1;
            if c == '{' {
                count += 1;
            } else if c == '}' {
                count -= 1;
                if count == 0 {
                    return Ok((name, text(&s[spec_start..*pos - 1]), conversion));
                }
            }
        }
        return Err(value_error("unmatched '{' in format spec"));
    }
    if c != '}' {
        return Err(value_error("expected '}' before end of string"));
    }
    Ok((name, Value::str(""), Value::None))
}

impl NativeIter for Markup {
    fn type_name(&self) -> &'static str {
        "formatteriterator"
    }

    fn next(&mut self, _cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let s = &self.s;
        if self.pos >= s.len() {
            return Ok(None);
        }
        let start = self.pos;
        let mut c = '\0';
        let mut markup = false;
        while self.pos < s.len() {
            c = s[self.pos];
            self.pos += 1;
            if c == '{' || c == '}' {
                markup = true;
                break;
            }
        }
        let at_end = self.pos >= s.len();
        let mut len = self.pos - start;
        if c == '}' && (at_end || s[self.pos] != c) {
            self.pos = s.len();
            return Err(value_error("Single '}' encountered in format string").into());
        }
        if at_end && c == '{' {
            self.pos = s.len();
            return Err(value_error("Single '{' encountered in format string").into());
        }
        if !at_end {
            if s[self.pos] == c {
                self.pos += 1;
                markup = false;
            } else {
                len -= 1;
            }
        }
        let literal = text(&s[start..start + len]);
        if !markup {
            return Ok(Some(Value::tuple(vec![
                literal,
                Value::None,
                Value::None,
                Value::None,
            ])));
        }
        let mut pos = self.pos;
        let field = parse_field(&self.s, &mut pos);
        self.pos = if field.is_ok() { pos } else { self.s.len() };
        let (name, spec, conv) = field?;
        Ok(Some(Value::tuple(vec![literal, name, spec, conv])))
    }
}

fn formatter_parser(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("formatter_parser", 1, 1)?;
    let s = text_arg(args.at(0), "formatter_parser")?;
    Ok(iter_value(Markup { s, pos: 0 }))
}

// --- formatter_field_name_split ------------------------------------------------------

/// CPython's `get_integer`: the value of an all-digit name, `None` otherwise.
fn integer(c: &[char]) -> Result<Option<Value>, PyErr> {
    if c.is_empty() || !c.iter().all(|d| d.is_ascii_digit()) {
        return Ok(None);
    }
    let digits: String = c.iter().collect();
    match digits.parse::<i64>() {
        Ok(n) => Ok(Some(Value::Int(n))),
        Err(_) => Err(value_error("Too many decimal digits in format string")),
    }
}

struct FieldNames {
    s: Vec<char>,
    pos: usize,
}

impl NativeIter for FieldNames {
    fn type_name(&self) -> &'static str {
        "fieldnameiterator"
    }

    fn next(&mut self, _cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        let s = &self.s;
        if self.pos >= s.len() {
            return Ok(None);
        }
        let c = s[self.pos];
        self.pos += 1;
        let fail = |me: &mut FieldNames, msg: &str| -> PyResult<Option<Value>> {
            me.pos = me.s.len();
            Err(value_error(msg.to_owned()).into())
        };
        let (is_attr, start, end) = match c {
            '.' => {
                let start = self.pos;
                while self.pos < s.len() && s[self.pos] != '.' && s[self.pos] != '[' {
                    self.pos += 1;
                }
                (true, start, self.pos)
            }
            '[' => {
                let start = self.pos;
                while self.pos < s.len() && s[self.pos] != ']' {
                    self.pos += 1;
                }
                if self.pos >= s.len() {
                    return fail(self, "Missing ']' in format string");
                }
                let end = self.pos;
                self.pos += 1;
                (false, start, end)
            }
            _ => {
                return fail(
                    self,
                    "Only '.' or '[' may follow ']' in format field specifier",
                )
            }
        };
        if start == end {
            return fail(self, "Empty attribute in format string");
        }
        let name = &self.s[start..end];
        let key = if is_attr {
            text(name)
        } else {
            match integer(name)? {
                Some(n) => n,
                None => text(name),
            }
        };
        Ok(Some(Value::tuple(vec![Value::bool(is_attr), key])))
    }
}

fn formatter_field_name_split(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("formatter_field_name_split", 1, 1)?;
    let s = text_arg(args.at(0), "formatter_field_name_split")?;
    let i = s
        .iter()
        .position(|c| *c == '.' || *c == '[')
        .unwrap_or(s.len());
    let first = match integer(&s[..i])? {
        Some(n) => n,
        None => text(&s[..i]),
    };
    let rest = iter_value(FieldNames {
        s: s[i..].to_vec(),
        pos: 0,
    });
    Ok(Value::tuple(vec![first, rest]))
}
