//! `_csv.writer`: rows joined as `_csv.c`'s `join_append` joins them (quotes where a
//! field needs them or the dialect asks, doubled quote characters or escapes), each
//! handed to the file's `write` with the line terminator.

use crate::objects::rc::Arc;

use super::dialect::{Params, QUOTE_ALL, QUOTE_NONE, QUOTE_NONNUMERIC};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::object::NativeObject;
use crate::objects::types::{type_name, PyType};
use deferred::Unwind;

/// What a character of a field needs: nothing, quotes around the field, a doubled
/// quote character (and quotes), an escape character before it.
enum Act {
    Plain,
    Quote,
    Double,
    Escape,
}

/// A `_csv.writer` object.
pub struct Writer {
    write: Value,
    dialect: Value,
    params: Params,
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "writerow" => writerow, "writerows" => writerows,
];

impl Writer {
    pub fn new(write: Value, dialect: Value, params: Params) -> Writer {
        Writer {
            write,
            dialect,
            params,
        }
    }

    /// `join_append`: `field` (`None`: an empty one) after the record so far. A first
    /// pass decides the quoting (and finds a missing escape character), as CPython's
    /// counting pass does.
    fn append(
        &self,
        rec: &mut String,
        first: bool,
        field: Option<&str>,
        mut quoted: bool,
    ) -> Result<(), PyErr> {
        let d = &self.params;
        let text = field.unwrap_or("");
        for c in text.chars() {
            match self.act(c) {
                Act::Plain => {}
                Act::Escape => {
                    self.escape_char()?;
                }
                Act::Double | Act::Quote => quoted = true,
            }
        }
        if !first {
            rec.push(d.delimiter);
        }
        let q = d.quotechar.unwrap_or('"');
        if quoted {
            rec.push(q);
        }
        for c in text.chars() {
            match self.act(c) {
                Act::Double => rec.push(q),
                Act::Escape => rec.push(self.escape_char()?),
                Act::Plain | Act::Quote => {}
            }
            rec.push(c);
        }
        if quoted {
            rec.push(q);
        }
        Ok(())
    }

    /// What character `c` of a field needs.
    fn act(&self, c: char) -> Act {
        let d = &self.params;
        let special = c == d.delimiter
            || Some(c) == d.escapechar
            || Some(c) == d.quotechar
            || d.lineterminator.contains(c);
        if !special {
            Act::Plain
        } else if d.quoting == QUOTE_NONE {
            Act::Escape
        } else if Some(c) == d.quotechar {
            if d.doublequote {
                Act::Double
            } else {
                Act::Escape
            }
        } else if Some(c) == d.escapechar {
            Act::Escape
        } else {
            Act::Quote
        }
    }

    fn escape_char(&self) -> Result<char, PyErr> {
        self.params
            .escapechar
            .ok_or_else(|| super::error("need to escape, but no escapechar set"))
    }

    fn writerow(&self, cx: &mut Cx, row: &Value) -> PyResult<Value> {
        // A list or tuple row is read directly; any other iterable step by step.
        let direct = match row {
            Value::List(l) => Some(l.borrow(cx.gil).clone()),
            Value::Tuple(t) => Some(t.to_vec()),
            _ => None,
        };
        let mut direct = direct.map(Vec::into_iter);
        let it = match &direct {
            Some(_) => Value::None,
            None => match cx.iter(row) {
                Ok(it) => it,
                Err(Unwind::Raise(e))
                    if e.is_instance(&crate::objects::types::types().exc.type_error) =>
                {
                    return Err(
                        super::error(format!("iterable expected, not {}", type_name(row))).into(),
                    )
                }
                Err(e) => return Err(e),
            },
        };
        let d = &self.params;
        let mut rec = String::new();
        let mut fields = 0usize;
        loop {
            let field = match &mut direct {
                Some(items) => items.next(),
                None => cx.next(&it)?,
            };
            let Some(field) = field else { break };
            let quoted = match d.quoting {
                QUOTE_NONNUMERIC => !is_number(cx.gil, &field),
                QUOTE_ALL => true,
                _ => false,
            };
            let owned;
            let text = match &field {
                Value::None => None,
                Value::Int(i) => {
                    owned = i.to_string();
                    Some(owned.as_str())
                }
                v => match super::text_of(v) {
                    Some(s) => Some(s),
                    None => {
                        owned = cx.str(v)?;
                        Some(owned.as_str())
                    }
                },
            };
            self.append(&mut rec, fields == 0, text, quoted)?;
            fields += 1;
        }
        if fields > 0 && rec.is_empty() {
            if d.quoting == QUOTE_NONE {
                return Err(super::error("single empty field record must be quoted").into());
            }
            self.append(&mut rec, true, None, true)?;
        }
        rec.push_str(&d.lineterminator);
        cx.call(&self.write, vec![Value::string(rec)])
    }
}

/// CPython's `PyNumber_Check`: a number, or an instance that converts to one.
fn is_number(gil: Gil<'_>, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Float(_) | Value::Complex(_) => {
            true
        }
        Value::Instance(_) => {
            ["__index__", "__int__", "__float__", "__complex__"]
                .iter()
                .any(|n| crate::objects::class::special(gil, v, n).is_some())
                || crate::objects::class::payload(v).is_some_and(|p| is_number(gil, p))
        }
        _ => false,
    }
}

/// The writer a method was called on.
fn this(args: &Args) -> Result<&Writer, PyErr> {
    match args.pos.first() {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<Writer>(),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a '_csv.writer' object"))
}

fn writerow(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let w = this(&args)?;
    if args.pos.len() != 2 || !args.kw.is_empty() {
        return Err(type_error(format!(
            "writerow() takes exactly one argument ({} given)",
            args.pos.len().saturating_sub(1)
        ))
        .into());
    }
    w.writerow(cx, &args.pos[1])
}

fn writerows(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let w = this(&args)?;
    if args.pos.len() != 2 || !args.kw.is_empty() {
        return Err(type_error(format!(
            "writerows() takes exactly one argument ({} given)",
            args.pos.len().saturating_sub(1)
        ))
        .into());
    }
    let rows = cx.iter(&args.pos[1])?;
    while let Some(row) = cx.next(&rows)? {
        w.writerow(cx, &row)?;
    }
    Ok(Value::None)
}

impl NativeObject for Writer {
    fn type_name(&self) -> &'static str {
        "_csv.writer"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_csv.writer object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "dialect" => Some(self.dialect.clone()),
            "__class__" => Some(Value::Type(super::writer_type().clone())),
            _ => METHODS.iter().find(|d| d.name == name).map(Value::Native),
        }
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(super::writer_type().clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
