//! `io.StringIO` (CPython's `Modules/_io/stringio.c`).
//!
//! The text is one `String` (pyvm's `str` storage: UTF-8, lone surrogates as
//! private-use code points) and positions are counted in code points, as Python
//! sees them. The byte offset of one code point is remembered (the position after
//! the last read or write), so reading line after line, or appending, never scans
//! from the start; all-ASCII text needs no scan at all. `newline` works as CPython's:
//! `None` translates `\r` and `\r\n` to `\n` on writing, `''` and `None` split lines
//! at any of the three and record which were seen (`newlines`), `'\r'` and `'\r\n'`
//! replace each written `\n`.

use std::borrow::Cow;

use super::{opt_size, seek_args, split_self, state};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::object::{NativeObject, Object};
use crate::objects::rc::Arc;
use crate::objects::types::type_name;

pub(super) static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "__new__" => new, "__init__" => init, "getvalue" => getvalue, "read" => read,
    "readline" => readline, "write" => write, "seek" => seek, "tell" => tell,
    "truncate" => truncate, "close" => close, "closed" => closed,
    "line_buffering" => line_buffering, "newlines" => newlines, "readable" => readable,
    "writable" => writable, "seekable" => seekable,
    "__next__" => next, "__getstate__" => getstate, "__setstate__" => setstate,
    "__del__" => super::finalize,
];

const TNAME: &str = "_io.StringIO";

/// The `newline` argument.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newline {
    /// `None`: universal newlines, translated to `\n`.
    Translate,
    /// `''`: universal newlines, kept.
    Universal,
    Lf,
    Cr,
    CrLf,
}

impl Newline {
    fn as_str(self) -> Option<&'static str> {
        match self {
            Newline::Translate => None,
            Newline::Universal => Some(""),
            Newline::Lf => Some("\n"),
            Newline::Cr => Some("\r"),
            Newline::CrLf => Some("\r\n"),
        }
    }

    fn universal(self) -> bool {
        matches!(self, Newline::Translate | Newline::Universal)
    }
}

const SEEN_CR: u8 = 1;
const SEEN_LF: u8 = 2;
const SEEN_CRLF: u8 = 4;

struct Inner {
    /// `__init__` ran (CPython's `ok`).
    ok: bool,
    closed: bool,
    text: String,
    /// Code points in `text`.
    len: usize,
    /// `text` is all ASCII (code points are bytes).
    ascii: bool,
    /// In code points; may be past the end (a write there pads with `\0`).
    pos: usize,
    /// A code point offset and its byte offset in `text`.
    mark: (usize, usize),
    newline: Newline,
    /// Which line endings were written (universal modes).
    seen: u8,
}

/// The state inside a `StringIO` instance.
pub(super) struct StringIo(GilCell<Inner>);

impl NativeObject for StringIo {
    fn type_name(&self) -> &'static str {
        TNAME
    }
    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        // `object`'s repr: see `BytesIo`'s.
        Ok("<object object at 0x0>".to_owned())
    }
    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn this<'v>(v: &'v Value, meth: &str) -> PyResult<&'v StringIo> {
    state::<StringIo>(v, TNAME, meth)
}

fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

impl Inner {
    fn fresh() -> Inner {
        Inner {
            ok: false,
            closed: false,
            text: String::new(),
            len: 0,
            ascii: true,
            pos: 0,
            mark: (0, 0),
            newline: Newline::Lf,
            seen: 0,
        }
    }

    /// CPython's `CHECK_INITIALIZED` and `CHECK_CLOSED`.
    fn check(&self) -> Result<(), PyErr> {
        if !self.ok {
            return Err(value_error("I/O operation on uninitialized object"));
        }
        if self.closed {
            return Err(value_error("I/O operation on closed file"));
        }
        Ok(())
    }

    /// The byte offset of code point `c` (at most `len`).
    fn byte_at(&mut self, c: usize) -> usize {
        if self.ascii {
            return c;
        }
        let (mc, mb) = self.mark;
        let b = if c >= mc {
            let s = &self.text[mb..];
            mb + s.char_indices().nth(c - mc).map_or(s.len(), |(i, _)| i)
        } else if c > mc - c {
            // Nearer the mark than the start: back from the mark.
            let s = &self.text[..mb];
            s.char_indices().rev().nth(mc - c - 1).map_or(0, |(i, _)| i)
        } else {
            let s = &self.text;
            s.char_indices().nth(c).map_or(s.len(), |(i, _)| i)
        };
        self.mark = (c, b);
        b
    }

    /// `s` as written: newlines translated and recorded as the mode says.
    fn translate<'s>(&mut self, s: &'s str) -> Cow<'s, str> {
        match self.newline {
            Newline::Lf => Cow::Borrowed(s),
            Newline::Cr | Newline::CrLf => {
                if s.contains('\n') {
                    Cow::Owned(s.replace('\n', self.newline.as_str().unwrap_or("\n")))
                } else {
                    Cow::Borrowed(s)
                }
            }
            Newline::Universal | Newline::Translate => {
                let b = s.as_bytes();
                let has_cr = super::find_byte(b'\r', b).is_some();
                if !has_cr {
                    if super::find_byte(b'\n', b).is_some() {
                        self.seen |= SEEN_LF;
                    }
                    return Cow::Borrowed(s);
                }
                let translate = self.newline == Newline::Translate;
                let mut out = String::new();
                let mut from = 0;
                let mut i = 0;
                while i < b.len() {
                    match b[i] {
                        b'\n' => self.seen |= SEEN_LF,
                        b'\r' => {
                            let crlf = b.get(i + 1) == Some(&b'\n');
                            self.seen |= if crlf { SEEN_CRLF } else { SEEN_CR };
                            if translate {
                                out.push_str(&s[from..i]);
                                out.push('\n');
                                from = i + 1 + crlf as usize;
                            }
                            i += crlf as usize;
                        }
                        _ => {}
                    }
                    i += 1;
                }
                if translate {
                    out.push_str(&s[from..]);
                    Cow::Owned(out)
                } else {
                    Cow::Borrowed(s)
                }
            }
        }
    }

    /// CPython's `write_str`: the text at the position, translated.
    fn write_str(&mut self, s: &str) -> Result<(), PyErr> {
        let s = self.translate(s);
        let s: &str = &s;
        let n = char_count(s);
        if n == 0 {
            return Ok(());
        }
        if self.pos > i64::MAX as usize - n {
            return Err(overflow_error("new position too large"));
        }
        let need = self.text.len() + s.len() + self.pos.saturating_sub(self.len);
        if need > self.text.capacity() {
            check_size(need as i64)?;
        }
        let mark = if self.pos >= self.len {
            for _ in self.len..self.pos {
                self.text.push('\0');
            }
            self.text.push_str(s);
            self.text.len()
        } else {
            let start = self.byte_at(self.pos);
            let end_c = (self.pos + n).min(self.len);
            let end = if self.ascii {
                end_c
            } else {
                let t = &self.text[start..];
                start
                    + t.char_indices()
                        .nth(end_c - self.pos)
                        .map_or(t.len(), |(i, _)| i)
            };
            self.text.replace_range(start..end, s);
            start + s.len()
        };
        self.ascii &= s.is_ascii();
        self.pos += n;
        self.len = self.len.max(self.pos);
        // Where the next write or read starts.
        self.mark = (self.pos, mark);
        Ok(())
    }

    /// The text from the position, at most `size` code points (negative: to the end).
    fn take(&mut self, size: i64) -> Value {
        if self.pos >= self.len {
            return Value::str("");
        }
        let left = self.len - self.pos;
        let n = if size < 0 || size as u64 > left as u64 {
            left
        } else {
            size as usize
        };
        let start = self.byte_at(self.pos);
        let end = self.byte_at(self.pos + n);
        self.pos += n;
        Value::str(&self.text[start..end])
    }

    /// CPython's `_stringio_readline`: a line from the position, at most `limit`
    /// code points (negative: any length).
    fn readline(&mut self, limit: i64) -> Value {
        if self.pos >= self.len {
            return Value::str("");
        }
        let left = self.len - self.pos;
        let n = if limit < 0 || limit as u64 > left as u64 {
            left
        } else {
            limit as usize
        };
        let start = self.byte_at(self.pos);
        let stop = if n == left {
            self.text.len()
        } else {
            self.byte_at(self.pos + n)
        };
        let b = &self.text.as_bytes()[start..stop];
        let end = match self.newline {
            Newline::Translate => super::find_byte(b'\n', b).map(|i| i + 1),
            Newline::Universal => b
                .iter()
                .position(|&c| c == b'\r' || c == b'\n')
                .map(|i| i + 1 + (b[i] == b'\r' && b.get(i + 1) == Some(&b'\n')) as usize),
            Newline::Lf => super::find_byte(b'\n', b).map(|i| i + 1),
            Newline::Cr => super::find_byte(b'\r', b).map(|i| i + 1),
            Newline::CrLf => b.windows(2).position(|w| w == b"\r\n").map(|i| i + 2),
        }
        .unwrap_or(b.len());
        let line = &self.text[start..start + end];
        let count = if self.ascii { end } else { char_count(line) };
        let v = Value::str(line);
        self.pos += count;
        self.mark = (self.pos, start + end);
        v
    }

    /// `__init__(initial_value, newline)` with the arguments checked.
    fn init(&mut self, value: Option<&str>, newline: Newline) -> Result<(), PyErr> {
        self.ok = false;
        self.text = String::new();
        self.len = 0;
        self.ascii = true;
        self.pos = 0;
        self.mark = (0, 0);
        self.newline = newline;
        self.seen = 0;
        if let Some(v) = value {
            self.write_str(v)?;
        }
        self.pos = 0;
        self.mark = (0, 0);
        self.closed = false;
        self.ok = true;
        Ok(())
    }
}

/// `StringIO.__new__(cls, *args, **kwargs)`: an uninitialized instance.
fn new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let cls = match args.get(0) {
        Some(Value::Type(t)) => t.clone(),
        Some(v) => {
            return Err(type_error(format!(
                "StringIO.__new__(X): X is not a type object ({})",
                type_name(v)
            ))
            .into())
        }
        None => return Err(type_error("StringIO.__new__(): not enough arguments").into()),
    };
    let st = StringIo(GilCell::new(Inner::fresh()));
    Ok(crate::objects::class::instance_with(
        cls,
        Value::Object(Arc::new(Object(Box::new(st)))),
    ))
}

/// The checked `initial_value` and `newline` arguments.
fn init_args(
    value: Option<&Value>,
    newline: Option<&Value>,
) -> Result<(Option<String>, Newline), PyErr> {
    let nl = match newline {
        None => Newline::Lf,
        Some(Value::None) => Newline::Translate,
        Some(v) => match v.as_str() {
            None => {
                return Err(type_error(format!(
                    "newline must be str or None, not {}",
                    type_name(v)
                )))
            }
            Some("") => Newline::Universal,
            Some("\n") => Newline::Lf,
            Some("\r") => Newline::Cr,
            Some("\r\n") => Newline::CrLf,
            Some(other) => {
                return Err(value_error(format!(
                    "illegal newline value: {}",
                    crate::objects::repr::str_repr(other)?
                )))
            }
        },
    };
    let value = match value {
        None | Some(Value::None) => None,
        Some(v) => match v.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                return Err(type_error(format!(
                    "initial_value must be str or None, not {}",
                    type_name(v)
                )))
            }
        },
    };
    Ok((value, nl))
}

/// `StringIO(initial_value='', newline='\n')`.
fn init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, args) = split_self(args, "__init__")?;
    let st = this(&me, "__init__")?;
    let p = clinic_posonly(args, "StringIO", &["initial_value", "newline"], 0, 0, 2)?;
    let (value, nl) = init_args(p[0].as_ref(), p[1].as_ref())?;
    st.0.borrow_mut(cx.gil).init(value.as_deref(), nl)?;
    Ok(Value::None)
}

fn getvalue(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.getvalue", 0, 0)?;
    let s = this(args.at(0), "getvalue")?.0.borrow(cx.gil);
    s.check()?;
    Ok(Value::str(&s.text))
}

fn read(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.read", 0, 1)?;
    let st = this(args.at(0), "read")?;
    let size = match args.get(1) {
        Some(Value::Int(i)) => *i,
        v => opt_size(cx, v)?.unwrap_or(-1),
    };
    let mut s = st.0.borrow_mut(cx.gil);
    s.check()?;
    Ok(s.take(size))
}

fn readline(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.readline", 0, 1)?;
    let st = this(args.at(0), "readline")?;
    let size = opt_size(cx, args.get(1))?.unwrap_or(-1);
    let mut s = st.0.borrow_mut(cx.gil);
    s.check()?;
    Ok(s.readline(size))
}

fn write(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.write", 1, 1)?;
    let st = this(args.at(0), "write")?;
    let mut s = st.0.borrow_mut(cx.gil);
    if !s.ok {
        return Err(value_error("I/O operation on uninitialized object").into());
    }
    let v = args.at(1);
    let text = match v {
        Value::Str(t) => t,
        Value::Instance(i) if matches!(i.base, Value::Str(_)) => match &i.base {
            Value::Str(t) => t,
            _ => unreachable!("matched above"),
        },
        _ => {
            return Err(
                type_error(format!("string argument expected, got '{}'", type_name(v))).into(),
            )
        }
    };
    s.check()?;
    let n = text.char_len();
    if n > 0 {
        s.write_str(text.as_str())?;
    }
    Ok(Value::Int(n as i64))
}

fn seek(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (pos, whence) = seek_args(cx, &args, "StringIO.seek")?;
    let mut s = this(args.at(0), "seek")?.0.borrow_mut(cx.gil);
    s.check()?;
    if !(0..=2).contains(&whence) {
        return Err(value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)")).into());
    }
    if pos < 0 && whence == 0 {
        return Err(value_error(format!("Negative seek position {pos}")).into());
    }
    if whence != 0 && pos != 0 {
        return Err(os_error("Can't do nonzero cur-relative seeks").into());
    }
    s.pos = match whence {
        1 => s.pos,
        2 => s.len,
        _ => pos as usize,
    };
    Ok(Value::Int(s.pos as i64))
}

fn tell(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.tell", 0, 0)?;
    let s = this(args.at(0), "tell")?.0.borrow(cx.gil);
    s.check()?;
    Ok(Value::Int(s.pos as i64))
}

fn truncate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.truncate", 0, 1)?;
    let st = this(args.at(0), "truncate")?;
    let size = opt_size(cx, args.get(1))?;
    let mut s = st.0.borrow_mut(cx.gil);
    s.check()?;
    let size = size.unwrap_or(s.pos as i64);
    if size < 0 {
        return Err(value_error(format!("Negative size value {size}")).into());
    }
    let size = size as usize;
    if size < s.len {
        let b = s.byte_at(size);
        s.text.truncate(b);
        s.len = size;
        s.mark = (0, 0);
        if s.text.capacity() > 2 * s.text.len() + 64 {
            s.text.shrink_to_fit();
        }
    }
    Ok(Value::Int(size as i64))
}

fn close(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.close", 0, 0)?;
    let mut s = this(args.at(0), "close")?.0.borrow_mut(cx.gil);
    s.closed = true;
    s.text = String::new();
    s.len = 0;
    s.ascii = true;
    s.mark = (0, 0);
    Ok(Value::None)
}

/// The `closed` property's getter.
fn closed(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.closed", 0, 0)?;
    let s = this(args.at(0), "closed")?.0.borrow(cx.gil);
    if !s.ok {
        return Err(value_error("I/O operation on uninitialized object").into());
    }
    Ok(Value::bool(s.closed))
}

/// The `line_buffering` property's getter.
fn line_buffering(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.line_buffering", 0, 0)?;
    let s = this(args.at(0), "line_buffering")?.0.borrow(cx.gil);
    s.check()?;
    Ok(Value::bool(false))
}

/// The `newlines` property's getter: the line endings written so far (universal
/// modes only), as `IncrementalNewlineDecoder.newlines`.
fn newlines(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.newlines", 0, 0)?;
    let s = this(args.at(0), "newlines")?.0.borrow(cx.gil);
    s.check()?;
    if !s.newline.universal() {
        return Ok(Value::None);
    }
    let names: Vec<Value> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
        .iter()
        .filter(|(bit, _)| s.seen & bit != 0)
        .map(|(_, t)| Value::str(t))
        .collect();
    Ok(match names.len() {
        0 => Value::None,
        1 => names.into_iter().next().unwrap_or(Value::None),
        _ => Value::tuple(names),
    })
}

fn answer(cx: &mut Cx, args: &Args, name: &str) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    let s = this(args.at(0), name)?.0.borrow(cx.gil);
    s.check()?;
    Ok(Value::bool(true))
}

fn readable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    answer(cx, &args, "StringIO.readable")
}

fn writable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    answer(cx, &args, "StringIO.writable")
}

fn seekable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    answer(cx, &args, "StringIO.seekable")
}

/// `next(f)`: the next line; a subclass's own `readline` if it has one.
fn next(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.__next__", 0, 0)?;
    let me = args.at(0);
    let st = this(me, "__next__")?;
    st.0.borrow(cx.gil).check()?;
    let exact = match me {
        Value::Instance(i) => super::exact(cx.gil, i.class()),
        _ => true,
    };
    let line = if exact {
        st.0.borrow_mut(cx.gil).readline(-1)
    } else {
        let f = cx.getattr(me, "readline")?;
        let line = cx.call(&f, vec![])?;
        if line.as_str().is_none() {
            return Err(os_error(format!(
                "readline() should have returned a str object, not '{}'",
                type_name(&line)
            ))
            .into());
        }
        line
    };
    match line.as_str() {
        Some("") => Err(stop_iteration().into()),
        _ => Ok(line),
    }
}

/// `(getvalue(), newline, tell(), __dict__ or None)`.
fn getstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.__getstate__", 0, 0)?;
    let me = args.at(0).clone();
    let st = this(&me, "__getstate__")?;
    let (value, nl, pos) = {
        let s = st.0.borrow(cx.gil);
        s.check()?;
        (Value::str(&s.text), s.newline.as_str(), s.pos)
    };
    Ok(Value::tuple(vec![
        value,
        nl.map_or(Value::None, Value::str),
        Value::Int(pos as i64),
        super::dict_state(cx.gil, &me),
    ]))
}

fn setstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("StringIO.__setstate__", 1, 1)?;
    let me = args.at(0).clone();
    let st = this(&me, "__setstate__")?;
    let gil = cx.gil;
    if st.0.borrow(gil).closed {
        return Err(value_error("I/O operation on closed file").into());
    }
    let state = args.at(1);
    let items = match crate::objects::class::payload(state).unwrap_or(state) {
        Value::Tuple(t) if t.len() >= 4 => t.clone(),
        _ => {
            return Err(type_error(format!(
                "{}.__setstate__ argument should be 4-tuple, got {}",
                super::tp_name(gil, &me, TNAME),
                type_name(state)
            ))
            .into())
        }
    };
    let (value, nl) = init_args(Some(&items[0]), Some(&items[1]))?;
    {
        let mut s = st.0.borrow_mut(gil);
        // `__init__` with the value (which records its line endings, as CPython's
        // does), then the value as it was, not translated again.
        s.init(value.as_deref(), nl)?;
        let v = value.unwrap_or_default();
        s.len = char_count(&v);
        s.ascii = v.is_ascii();
        s.text = v;
        s.mark = (0, 0);
    }
    let pos = super::state_pos(cx, &items[2], "third item of state must be an integer, got")?;
    st.0.borrow_mut(gil).pos = pos;
    super::restore_dict(cx, &me, &items[3], "fourth")?;
    Ok(Value::None)
}
