//! The unpickler: CPython's `load()` loop and its opcode handlers from
//! `Modules/_pickle.c`, with its stack of marks, its memo and its messages. Input is
//! a bytes object (`loads`) or a file read as CPython reads it: `read(n)` for what an
//! opcode needs, `readline()` for text arguments, a whole frame at a time. A length
//! in the stream is never trusted for an allocation: from memory it is checked
//! against what is there, from a file it is read in chunks until it is satisfied or
//! the file ends ("pickle data was truncated").

use hashbrown::HashMap;

use super::op;
use super::{lookup_attr, unpickling_error, Globals};
use crate::native::*;
use crate::objects::rc::Arc;
use crate::objects::types::{type_name, types};

/// Reads from a file are at most this large (a bigger length is read in pieces).
const CHUNK: usize = 1 << 20;

enum Input {
    Mem(Arc<Vec<u8>>),
    File {
        buf: Vec<u8>,
        read: Value,
        readline: Value,
    },
}

pub struct Unpickler {
    g: &'static Globals,
    input: Input,
    pos: usize,
    stack: Vec<Value>,
    marks: Vec<usize>,
    fence: usize,
    memo: Vec<Option<Value>>,
    /// Memo entries at indexes far past the others (a hostile stream's).
    sparse: HashMap<usize, Value>,
    /// How many memo entries there are (MEMOIZE's next index).
    memo_len: usize,
    pub proto: u8,
    pub fix_imports: bool,
    encoding: String,
    errors: String,
    buffers: Option<Value>,
}

/// A failed read: the data ran out (which becomes "Ran out of input" at an opcode).
fn truncated(cx: &Cx) -> PyErr {
    unpickling_error(cx.gil, "pickle data was truncated")
}

impl Unpickler {
    pub(super) fn new(
        g: &'static Globals,
        fix_imports: bool,
        encoding: String,
        errors: String,
        buffers: Option<Value>,
    ) -> Unpickler {
        Unpickler {
            g,
            input: Input::Mem(Arc::new(Vec::new())),
            pos: 0,
            stack: Vec::with_capacity(32),
            marks: Vec::with_capacity(8),
            fence: 0,
            memo: Vec::new(),
            sparse: HashMap::new(),
            memo_len: 0,
            proto: 0,
            fix_imports,
            encoding,
            errors,
            buffers,
        }
    }

    pub fn set_bytes(&mut self, data: Arc<Vec<u8>>) {
        self.input = Input::Mem(data);
        self.pos = 0;
    }

    /// Read from `file` (its `read` and `readline`; `peek` is not used).
    pub fn set_file(&mut self, cx: &mut Cx, file: &Value) -> PyResult<()> {
        let read = lookup_attr(cx, file, "read")?;
        let readline = lookup_attr(cx, file, "readline")?;
        let (Some(read), Some(readline)) = (read, readline) else {
            return Err(type_error("file must have 'read' and 'readline' attributes").into());
        };
        self.input = Input::File {
            buf: Vec::new(),
            read,
            readline,
        };
        self.pos = 0;
        Ok(())
    }

    // -- the memo ----------------------------------------------------------------

    pub fn memo_put(&mut self, idx: usize, v: Value) {
        let old = if idx < self.memo.len() {
            self.memo[idx].replace(v)
        } else if idx == self.memo.len() {
            if self.memo.capacity() == 0 {
                self.memo.reserve(32);
            }
            self.memo.push(Some(v));
            None
        } else if idx <= self.memo.len() * 2 + 1024 {
            self.memo.resize(idx + 1, None);
            self.memo[idx].replace(v)
        } else {
            self.sparse.insert(idx, v)
        };
        if old.is_none() {
            self.memo_len += 1;
        }
    }

    fn memo_get(&self, idx: usize) -> Option<Value> {
        match self.memo.get(idx) {
            Some(v) => v.clone(),
            None => self.sparse.get(&idx).cloned(),
        }
    }

    pub fn clear_memo(&mut self) {
        self.memo.clear();
        self.sparse.clear();
        self.memo_len = 0;
    }

    pub fn memo_entries(&self) -> Vec<(usize, Value)> {
        let mut out: Vec<(usize, Value)> = self
            .memo
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.clone().map(|v| (i, v)))
            .collect();
        out.extend(self.sparse.iter().map(|(i, v)| (*i, v.clone())));
        out
    }

    // -- input -------------------------------------------------------------------

    fn data(&self) -> &[u8] {
        match &self.input {
            Input::Mem(b) => b,
            Input::File { buf, .. } => buf,
        }
    }

    /// `n` bytes: the index where they start in `data()`.
    fn read(&mut self, cx: &mut Cx, n: usize) -> PyResult<usize> {
        let start = self.pos;
        if self.data().len() - start >= n {
            self.pos += n;
            return Ok(start);
        }
        let Input::File { read, .. } = &self.input else {
            return Err(truncated(cx).into());
        };
        let read = read.clone();
        let mut got: Vec<u8> = Vec::new();
        while got.len() < n {
            let want = (n - got.len()).min(CHUNK);
            let chunk = cx.call(&read, vec![Value::Int(want as i64)])?;
            let bytes = match &chunk {
                Value::Bytes(b) => b.to_vec(),
                v => bytes_arg(cx.gil, v)?,
            };
            if got.is_empty() {
                got = bytes;
            } else {
                got.try_reserve(bytes.len())
                    .map_err(|_| crate::objects::exception::memory_error())?;
                got.extend_from_slice(&bytes);
            }
            if got.len() < n && (got.is_empty() || chunk_short(&chunk, want)) {
                break;
            }
        }
        if let Input::File { buf, .. } = &mut self.input {
            *buf = got;
        }
        self.pos = 0;
        if self.data().len() < n {
            return Err(truncated(cx).into());
        }
        self.pos = n;
        Ok(0)
    }

    /// A line with its `\n`: `(start, len)` in `data()`.
    fn readline(&mut self, cx: &mut Cx) -> PyResult<(usize, usize)> {
        let start = self.pos;
        if let Some(i) = self.data()[start..].iter().position(|&c| c == b'\n') {
            self.pos = start + i + 1;
            return Ok((start, i + 1));
        }
        let Input::File { readline, .. } = &self.input else {
            return Err(truncated(cx).into());
        };
        let readline = readline.clone();
        let line = cx.call(&readline, vec![])?;
        let bytes = bytes_arg(cx.gil, &line)?;
        if bytes.last() != Some(&b'\n') {
            return Err(truncated(cx).into());
        }
        let n = bytes.len();
        if let Input::File { buf, .. } = &mut self.input {
            *buf = bytes;
        }
        self.pos = n;
        Ok((0, n))
    }

    /// A line without its `\n`, copied.
    fn line(&mut self, cx: &mut Cx) -> PyResult<Vec<u8>> {
        let (s, n) = self.readline(cx)?;
        Ok(self.data()[s..s + n - 1].to_vec())
    }

    fn bytes_n(&mut self, cx: &mut Cx, n: usize) -> PyResult<Vec<u8>> {
        let s = self.read(cx, n)?;
        Ok(self.data()[s..s + n].to_vec())
    }

    #[inline]
    fn u8(&mut self, cx: &mut Cx) -> PyResult<u8> {
        if let Some(&b) = self.data().get(self.pos) {
            self.pos += 1;
            return Ok(b);
        }
        let s = self.read(cx, 1)?;
        Ok(self.data()[s])
    }

    fn le(&mut self, cx: &mut Cx, n: usize) -> PyResult<u64> {
        let s = self.read(cx, n)?;
        let mut b = [0u8; 8];
        b[..n].copy_from_slice(&self.data()[s..s + n]);
        Ok(u64::from_le_bytes(b))
    }

    /// A size field of `n` bytes (`calc_binsize`): past `isize::MAX` is an
    /// `OverflowError` naming the opcode.
    fn size(&mut self, cx: &mut Cx, n: usize, what: &str) -> PyResult<usize> {
        let v = self.le(cx, n)?;
        if v > isize::MAX as u64 {
            return Err(overflow_error(format!(
                "{what} exceeds system's maximum size of {} bytes",
                isize::MAX
            ))
            .into());
        }
        Ok(v as usize)
    }

    // -- the stack ---------------------------------------------------------------

    fn underflow(&self, cx: &Cx) -> PyErr {
        unpickling_error(
            cx.gil,
            if self.marks.is_empty() {
                "unpickling stack underflow"
            } else {
                "unexpected MARK found"
            },
        )
    }

    fn pop(&mut self, cx: &Cx) -> PyResult<Value> {
        if self.stack.len() <= self.fence {
            return Err(self.underflow(cx).into());
        }
        Ok(self.stack.pop().unwrap_or(Value::None))
    }

    fn top(&self, cx: &Cx) -> PyResult<Value> {
        if self.stack.len() <= self.fence {
            return Err(self.underflow(cx).into());
        }
        Ok(self.stack[self.stack.len() - 1].clone())
    }

    fn push(&mut self, v: Value) {
        self.stack.push(v);
    }

    /// The items from `start` on, taken off the stack.
    fn pop_from(&mut self, cx: &Cx, start: usize) -> PyResult<Vec<Value>> {
        if start < self.fence || start > self.stack.len() {
            return Err(self.underflow(cx).into());
        }
        Ok(self.stack.split_off(start))
    }

    /// Pop the last mark (`marker()`).
    fn marker(&mut self, cx: &Cx) -> PyResult<usize> {
        let Some(mark) = self.marks.pop() else {
            return Err(unpickling_error(cx.gil, "could not find MARK").into());
        };
        self.fence = self.marks.last().copied().unwrap_or(0);
        Ok(mark)
    }

    // -- load ----------------------------------------------------------------------

    /// `load()`: run opcodes to STOP. `this` is the `Unpickler` instance, whose
    /// `find_class` and `persistent_load` are used (`None` for `loads`/`load`).
    pub fn load(&mut self, cx: &mut Cx, this: Option<&Value>) -> PyResult<Value> {
        self.stack.clear();
        self.marks.clear();
        self.fence = 0;
        self.proto = 0;
        loop {
            let code = match self.u8(cx) {
                Ok(c) => c,
                Err(deferred::Unwind::Raise(e))
                    if e.is_instance(&super::class(cx.gil, "UnpicklingError")) =>
                {
                    return Err(eof_error("Ran out of input").into());
                }
                Err(e) => return Err(e),
            };
            if code == op::STOP {
                break;
            }
            self.step(cx, this, code)?;
        }
        let v = self.pop(cx)?;
        self.stack.clear();
        Ok(v)
    }

    fn step(&mut self, cx: &mut Cx, this: Option<&Value>, code: u8) -> PyResult<()> {
        match code {
            op::NONE => self.push(Value::None),
            op::NEWTRUE => self.push(Value::bool(true)),
            op::NEWFALSE => self.push(Value::bool(false)),
            op::BININT1 => {
                let v = self.u8(cx)?;
                self.push(Value::Int(v as i64));
            }
            op::BININT2 => {
                let v = self.le(cx, 2)?;
                self.push(Value::Int(v as i64));
            }
            op::BININT => {
                let v = self.le(cx, 4)? as u32 as i32;
                self.push(Value::Int(v as i64));
            }
            op::INT => self.load_int(cx)?,
            op::LONG => self.load_long(cx)?,
            op::LONG1 => {
                let n = self.u8(cx)? as usize;
                self.load_long_bytes(cx, n)?;
            }
            op::LONG4 => {
                let n = self.le(cx, 4)? as u32 as i32;
                if n < 0 {
                    return Err(
                        unpickling_error(cx.gil, "LONG pickle has negative byte count").into(),
                    );
                }
                self.load_long_bytes(cx, n as usize)?;
            }
            op::FLOAT => self.load_float(cx)?,
            op::BINFLOAT => {
                let v = self.le(cx, 8)?;
                self.push(Value::float(f64::from_be_bytes(v.to_le_bytes())));
            }
            op::SHORT_BINBYTES => {
                let n = self.u8(cx)? as usize;
                self.load_bytes(cx, n)?;
            }
            op::BINBYTES => {
                let n = self.size(cx, 4, "BINBYTES")?;
                self.load_bytes(cx, n)?;
            }
            op::BINBYTES8 => {
                let n = self.size(cx, 8, "BINBYTES8")?;
                self.load_bytes(cx, n)?;
            }
            op::BYTEARRAY8 => {
                let n = self.size(cx, 8, "BYTEARRAY8")?;
                let b = self.bytes_n(cx, n)?;
                self.push(Value::ByteArray(Arc::new(
                    crate::objects::gil::GilCell::new(b),
                )));
            }
            op::SHORT_BINSTRING => {
                let n = self.u8(cx)? as usize;
                self.load_binstring(cx, n)?;
            }
            op::BINSTRING => {
                let n = self.size(cx, 4, "BINSTRING")?;
                self.load_binstring(cx, n)?;
            }
            op::STRING => self.load_string(cx)?,
            op::SHORT_BINUNICODE => {
                let n = self.u8(cx)? as usize;
                self.load_unicode(cx, n)?;
            }
            op::BINUNICODE => {
                let n = self.size(cx, 4, "BINUNICODE")?;
                self.load_unicode(cx, n)?;
            }
            op::BINUNICODE8 => {
                let n = self.size(cx, 8, "BINUNICODE8")?;
                self.load_unicode(cx, n)?;
            }
            op::UNICODE => {
                let line = self.line(cx)?;
                let s = decode_bytes(cx, &line, Some("raw-unicode-escape"), None)?;
                self.push(Value::string(s));
            }
            op::EMPTY_TUPLE => self.push(Value::tuple(vec![])),
            op::TUPLE1 | op::TUPLE2 | op::TUPLE3 => {
                let n = (code - op::TUPLE1 + 1) as usize;
                if self.stack.len() < n {
                    return Err(self.underflow(cx).into());
                }
                let items = self.pop_from(cx, self.stack.len() - n)?;
                self.push(Value::tuple(items));
            }
            op::TUPLE => {
                let m = self.marker(cx)?;
                let items = self.pop_from(cx, m)?;
                self.push(Value::tuple(items));
            }
            op::EMPTY_LIST => self.push(Value::list(vec![])),
            op::LIST => {
                let m = self.marker(cx)?;
                let items = self.pop_from(cx, m)?;
                self.push(Value::list(items));
            }
            op::EMPTY_DICT => self.push(Value::dict(crate::objects::dict::Dict::new())),
            op::DICT => {
                let m = self.marker(cx)?;
                let items = self.pop_from(cx, m)?;
                if !items.len().is_multiple_of(2) {
                    return Err(unpickling_error(cx.gil, "odd number of items for DICT").into());
                }
                let d = Value::dict(crate::objects::dict::Dict::new());
                for kv in items.chunks(2) {
                    set_item(cx, &d, kv[0].clone(), kv[1].clone())?;
                }
                self.push(d);
            }
            op::EMPTY_SET => self.push(Value::set(crate::objects::set::Set::new())),
            op::FROZENSET => {
                let m = self.marker(cx)?;
                let items = self.pop_from(cx, m)?;
                let set = set_from(cx, items)?;
                self.push(Value::FrozenSet(Arc::new(set)));
            }
            op::APPEND => {
                if self.stack.len() <= self.fence + 1 {
                    return Err(self.underflow(cx).into());
                }
                self.do_append(cx, self.stack.len() - 1)?;
            }
            op::APPENDS => {
                let m = self.marker(cx)?;
                self.do_append(cx, m)?;
            }
            op::SETITEM => {
                let x = self.stack.len().wrapping_sub(2);
                self.do_setitems(cx, x)?;
            }
            op::SETITEMS => {
                let m = self.marker(cx)?;
                self.do_setitems(cx, m)?;
            }
            op::ADDITEMS => self.load_additems(cx)?,
            op::MARK => {
                self.marks.push(self.stack.len());
                self.fence = self.stack.len();
            }
            op::POP => {
                let len = self.stack.len();
                if self.marks.last() == Some(&len) {
                    self.marks.pop();
                    self.fence = self.marks.last().copied().unwrap_or(0);
                } else {
                    self.pop(cx)?;
                }
            }
            op::POP_MARK => {
                let m = self.marker(cx)?;
                self.pop_from(cx, m)?;
            }
            op::DUP => {
                let v = self.top(cx)?;
                self.push(v);
            }
            op::GET => {
                let line = self.line(cx)?;
                let idx = parse_index(cx, &line)?;
                self.push_memo(cx, idx)?;
            }
            op::BINGET => {
                let idx = self.u8(cx)? as usize;
                self.push_memo(cx, idx)?;
            }
            op::LONG_BINGET => {
                let idx = self.le(cx, 4)? as usize;
                self.push_memo(cx, idx)?;
            }
            op::PUT => {
                let (s, n) = self.readline(cx)?;
                if n < 2 {
                    return Err(truncated(cx).into());
                }
                let line = self.data()[s..s + n].to_vec();
                let v = self.top(cx)?;
                let idx = parse_index(cx, &line)?;
                self.memo_put(idx, v);
            }
            op::BINPUT => {
                let idx = self.u8(cx)? as usize;
                let v = self.top(cx)?;
                self.memo_put(idx, v);
            }
            op::LONG_BINPUT => {
                let idx = self.le(cx, 4)? as usize;
                let v = self.top(cx)?;
                self.memo_put(idx, v);
            }
            op::MEMOIZE => {
                let v = self.top(cx)?;
                self.memo_put(self.memo_len, v);
            }
            op::GLOBAL => {
                let module = self.line(cx)?;
                let name = self.line(cx)?;
                let module = Value::string(decode_bytes(cx, &module, Some("utf-8"), None)?);
                let name = Value::string(decode_bytes(cx, &name, Some("utf-8"), None)?);
                let v = self.find(cx, this, &module, &name)?;
                self.push(v);
            }
            op::STACK_GLOBAL => {
                let name = self.pop(cx)?;
                let module = self.pop(cx)?;
                if !matches!(name, Value::Str(_)) || !matches!(module, Value::Str(_)) {
                    return Err(unpickling_error(cx.gil, "STACK_GLOBAL requires str").into());
                }
                let v = self.find(cx, this, &module, &name)?;
                self.push(v);
            }
            op::EXT1 | op::EXT2 | op::EXT4 => {
                let n = [1, 2, 4][(code - op::EXT1) as usize];
                let c = self.le(cx, n)?;
                let c = if n == 4 {
                    c as u32 as i32 as i64
                } else {
                    c as i64
                };
                self.load_extension(cx, this, c)?;
            }
            op::REDUCE => {
                let args = self.pop(cx)?;
                let callable = self.pop(cx)?;
                let Value::Tuple(t) = crate::objects::class::payload(&args).unwrap_or(&args) else {
                    return Err(type_error("argument list must be a tuple").into());
                };
                let v = cx.call(&callable, t.to_vec())?;
                self.push(v);
            }
            op::NEWOBJ => self.load_newobj(cx, false)?,
            op::NEWOBJ_EX => self.load_newobj(cx, true)?,
            op::OBJ => {
                let m = self.marker(cx)?;
                if self.stack.len() < m + 1 {
                    return Err(self.underflow(cx).into());
                }
                let args = self.pop_from(cx, m + 1)?;
                let cls = self.pop(cx)?;
                let v = instantiate(cx, &cls, args)?;
                self.push(v);
            }
            op::INST => {
                let module = self.line(cx)?;
                let name = self.line(cx)?;
                let m = self.marker(cx)?;
                let args = self.pop_from(cx, m)?;
                let module = Value::string(decode_bytes(cx, &module, Some("ascii"), None)?);
                let name = Value::string(decode_bytes(cx, &name, Some("ascii"), None)?);
                let cls = self.find(cx, this, &module, &name)?;
                let v = instantiate(cx, &cls, args)?;
                self.push(v);
            }
            op::BUILD => self.load_build(cx)?,
            op::PERSID => {
                let line = self.line(cx)?;
                if !line.is_ascii() {
                    return Err(unpickling_error(
                        cx.gil,
                        "persistent IDs in protocol 0 must be ASCII strings",
                    )
                    .into());
                }
                let pid = Value::string(String::from_utf8_lossy(&line).into_owned());
                let v = self.persistent_load(cx, this, pid)?;
                self.push(v);
            }
            op::BINPERSID => {
                let pid = self.pop(cx)?;
                let v = self.persistent_load(cx, this, pid)?;
                self.push(v);
            }
            op::PROTO => {
                let p = self.u8(cx)?;
                if p as i64 > super::HIGHEST_PROTOCOL {
                    return Err(value_error(format!("unsupported pickle protocol: {p}")).into());
                }
                self.proto = p;
            }
            op::FRAME => {
                let n = self.size(cx, 8, "FRAME length")?;
                let start = self.read(cx, n)?;
                self.pos = start;
            }
            op::NEXT_BUFFER => {
                let Some(it) = self.buffers.clone() else {
                    return Err(unpickling_error(
                        cx.gil,
                        "pickle stream refers to out-of-band data but no *buffers* argument was given",
                    )
                    .into());
                };
                match cx.next(&it)? {
                    Some(b) => self.push(b),
                    None => {
                        return Err(
                            unpickling_error(cx.gil, "not enough out-of-band buffers").into()
                        )
                    }
                }
            }
            // A writable buffer is made a read-only view of itself.
            op::READONLY_BUFFER => {
                let buf = self.top(cx)?;
                let mv = crate::native::builtin_function(cx.gil, "memoryview");
                let m = cx.call(&mv, vec![buf])?;
                let ro = cx.load_attr(&m, "readonly")?;
                if !cx.truthy(&ro)? {
                    let f = cx.load_attr(&m, "toreadonly")?;
                    let r = cx.call(&f, vec![])?;
                    self.pop(cx)?;
                    self.push(r);
                }
            }
            _ => {
                let msg = if (0x20..=0x7e).contains(&code) && code != b'\'' && code != b'\\' {
                    format!("invalid load key, '{}'.", code as char)
                } else {
                    format!("invalid load key, '\\x{code:02x}'.")
                };
                return Err(unpickling_error(cx.gil, msg).into());
            }
        }
        Ok(())
    }

    fn push_memo(&mut self, cx: &mut Cx, idx: usize) -> PyResult<()> {
        match self.memo_get(idx) {
            Some(v) => {
                self.push(v);
                Ok(())
            }
            None => {
                Err(unpickling_error(cx.gil, format!("Memo value not found at index {idx}")).into())
            }
        }
    }

    fn load_int(&mut self, cx: &mut Cx) -> PyResult<()> {
        let (s, n) = self.readline(cx)?;
        let raw = self.data()[s..s + n].to_vec();
        let text = String::from_utf8_lossy(&raw[..n - 1]).into_owned();
        if n == 3 && (text == "00" || text == "01") {
            self.push(Value::bool(text == "01"));
            return Ok(());
        }
        let v =
            parse_c_int(&text, 0).ok_or_else(|| value_error("could not convert string to int"))?;
        self.push(v);
        Ok(())
    }

    fn load_long(&mut self, cx: &mut Cx) -> PyResult<()> {
        let (s, n) = self.readline(cx)?;
        let mut raw = self.data()[s..s + n].to_vec();
        if n > 1 && raw[n - 2] == b'L' {
            raw.truncate(n - 2);
        }
        let text = String::from_utf8_lossy(&raw).into_owned();
        match parse_c_int(&text, 10) {
            Some(v) => self.push(v),
            None => {
                return Err(value_error(format!(
                    "invalid literal for int() with base 10: {}",
                    crate::objects::repr::str_repr(&text)?
                ))
                .into())
            }
        }
        Ok(())
    }

    fn load_long_bytes(&mut self, cx: &mut Cx, n: usize) -> PyResult<()> {
        let b = self.bytes_n(cx, n)?;
        if n == 0 {
            self.push(Value::Int(0));
            return Ok(());
        }
        let big = num_bigint::BigInt::from_signed_bytes_le(&b);
        self.push(crate::objects::int::normalize(big));
        Ok(())
    }

    fn load_float(&mut self, cx: &mut Cx) -> PyResult<()> {
        let line = self.line(cx)?;
        let text = String::from_utf8_lossy(&line).into_owned();
        let x = crate::objects::float::parse(text.trim_start())
            .map_err(|_| value_error("could not convert string to float"))?;
        self.push(Value::float(x));
        Ok(())
    }

    fn load_bytes(&mut self, cx: &mut Cx, n: usize) -> PyResult<()> {
        let b = self.bytes_n(cx, n)?;
        self.push(Value::Bytes(Arc::new(b)));
        Ok(())
    }

    fn load_unicode(&mut self, cx: &mut Cx, n: usize) -> PyResult<()> {
        let s = self.read(cx, n)?;
        let text = match std::str::from_utf8(&self.data()[s..s + n]) {
            Ok(t) => t.to_owned(),
            Err(_) => {
                let raw = self.data()[s..s + n].to_vec();
                decode_bytes(cx, &raw, Some("utf-8"), Some("surrogatepass"))?
            }
        };
        self.push(Value::string(text));
        Ok(())
    }

    /// A Python 2 `str`: bytes with `encoding='bytes'`, else decoded.
    fn push_py2_str(&mut self, cx: &mut Cx, b: Vec<u8>) -> PyResult<()> {
        if self.encoding == "bytes" {
            self.push(Value::Bytes(Arc::new(b)));
            return Ok(());
        }
        let (enc, errors) = (self.encoding.clone(), self.errors.clone());
        let s = decode_bytes(cx, &b, Some(&enc), Some(&errors))?;
        self.push(Value::string(s));
        Ok(())
    }

    fn load_binstring(&mut self, cx: &mut Cx, n: usize) -> PyResult<()> {
        let b = self.bytes_n(cx, n)?;
        self.push_py2_str(cx, b)
    }

    fn load_string(&mut self, cx: &mut Cx) -> PyResult<()> {
        let line = self.line(cx)?;
        let n = line.len();
        if n < 2 || line[0] != line[n - 1] || (line[0] != b'\'' && line[0] != b'"') {
            return Err(
                unpickling_error(cx.gil, "the STRING opcode argument must be quoted").into(),
            );
        }
        let b = decode_escape(&line[1..n - 1])?;
        self.push_py2_str(cx, b)
    }

    fn do_append(&mut self, cx: &mut Cx, x: usize) -> PyResult<()> {
        let len = self.stack.len();
        if x > len || x <= self.fence {
            return Err(self.underflow(cx).into());
        }
        if len == x {
            return Ok(());
        }
        let list = self.stack[x - 1].clone();
        if let Value::List(l) = &list {
            let mut l = l.borrow_mut(cx.gil);
            l.try_reserve(len - x)
                .map_err(|_| crate::objects::exception::memory_error())?;
            l.extend(self.stack.drain(x..));
            return Ok(());
        }
        let items = self.stack.split_off(x);
        if let Some(extend) = lookup_attr(cx, &list, "extend")? {
            cx.call(&extend, vec![Value::list(items)])?;
            return Ok(());
        }
        let append = cx.load_attr(&list, "append")?;
        for item in items {
            cx.call(&append, vec![item])?;
        }
        Ok(())
    }

    fn do_setitems(&mut self, cx: &mut Cx, x: usize) -> PyResult<()> {
        let len = self.stack.len();
        if x > len || x <= self.fence {
            return Err(self.underflow(cx).into());
        }
        if len == x {
            return Ok(());
        }
        if !(len - x).is_multiple_of(2) {
            return Err(unpickling_error(cx.gil, "odd number of items for SETITEMS").into());
        }
        let dict = self.stack[x - 1].clone();
        // The pairs are moved out of the stack in place (no copy of the slice).
        let mut i = x;
        let mut r = Ok(());
        while i + 1 < len {
            let k = std::mem::replace(&mut self.stack[i], Value::None);
            let v = std::mem::replace(&mut self.stack[i + 1], Value::None);
            r = set_item(cx, &dict, k, v);
            if r.is_err() {
                break;
            }
            i += 2;
        }
        self.stack.truncate(x);
        r
    }

    fn load_additems(&mut self, cx: &mut Cx) -> PyResult<()> {
        let mark = self.marker(cx)?;
        let len = self.stack.len();
        if mark > len || mark <= self.fence {
            return Err(self.underflow(cx).into());
        }
        if len == mark {
            return Ok(());
        }
        let set = self.stack[mark - 1].clone();
        let items = self.stack.split_off(mark);
        if let Value::Set(s) = &set {
            for item in items {
                if crate::objects::dict::needs_py(&item) {
                    let add = cx.load_attr(&set, "add")?;
                    cx.call(&add, vec![item])?;
                } else {
                    s.borrow_mut(cx.gil).insert(item)?;
                }
            }
            return Ok(());
        }
        let add = cx.load_attr(&set, "add")?;
        for item in items {
            cx.call(&add, vec![item])?;
        }
        Ok(())
    }

    fn load_newobj(&mut self, cx: &mut Cx, use_kwargs: bool) -> PyResult<()> {
        let kwargs = if use_kwargs {
            Some(self.pop(cx)?)
        } else {
            None
        };
        let args = self.pop(cx)?;
        let cls = self.pop(cx)?;
        let opname = if use_kwargs { "NEWOBJ_EX" } else { "NEWOBJ" };
        let fail = |cx: &Cx, what: &str, v: &Value| -> PyResult<()> {
            Err(unpickling_error(cx.gil, format!("{opname} {what}, not {}", type_name(v))).into())
        };
        if !matches!(cls, Value::Type(_)) {
            return fail(cx, "class argument must be a type", &cls);
        }
        let Value::Tuple(a) = crate::objects::class::payload(&args).unwrap_or(&args) else {
            return fail(cx, "args argument must be a tuple", &args);
        };
        let mut call = Args::new(std::iter::once(cls.clone()).chain(a.iter().cloned()));
        if let Some(kw) = &kwargs {
            let Value::Dict(d) = crate::objects::class::payload(kw).unwrap_or(kw) else {
                return fail(cx, "kwargs argument must be a dict", kw);
            };
            for (k, v) in d.borrow(cx.gil).iter() {
                let Some(k) = k.as_str() else {
                    return Err(type_error("keywords must be strings").into());
                };
                call.kw.push((k.to_owned(), v.clone()));
            }
        }
        let new = cx.load_attr(&cls, "__new__")?;
        let obj = cx.call_args(&new, call)?;
        self.push(obj);
        Ok(())
    }

    fn load_build(&mut self, cx: &mut Cx) -> PyResult<()> {
        if self.stack.len() < self.fence + 2 {
            return Err(self.underflow(cx).into());
        }
        let state = self.pop(cx)?;
        let inst = self.top(cx)?;
        if let Some(setstate) = lookup_attr(cx, &inst, "__setstate__")? {
            cx.call(&setstate, vec![state])?;
            return Ok(());
        }
        let (state, slotstate) = match &state {
            Value::Tuple(t) if t.len() == 2 => (t[0].clone(), Some(t[1].clone())),
            _ => (state, None),
        };
        if !matches!(state, Value::None) {
            let Value::Dict(sd) = crate::objects::class::payload(&state).unwrap_or(&state) else {
                return Err(unpickling_error(cx.gil, "state is not a dictionary").into());
            };
            let items: Vec<(Value, Value)> = sd
                .borrow(cx.gil)
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let dict = cx.load_attr(&inst, "__dict__")?;
            for (k, v) in items {
                // Attribute names are interned, as CPython's load_build does.
                let k = match &k {
                    Value::Str(s) => crate::objects::str::intern(s.as_str()),
                    _ => k,
                };
                set_item(cx, &dict, k, v)?;
            }
        }
        if let Some(slots) = slotstate {
            let Value::Dict(sd) = crate::objects::class::payload(&slots).unwrap_or(&slots) else {
                return Err(unpickling_error(cx.gil, "slot state is not a dictionary").into());
            };
            cx.store_attrs(&inst, sd)?;
        }
        Ok(())
    }

    fn persistent_load(
        &mut self,
        cx: &mut Cx,
        this: Option<&Value>,
        pid: Value,
    ) -> PyResult<Value> {
        let f = match this {
            Some(t) => lookup_attr(cx, t, "persistent_load")?,
            None => None,
        };
        let Some(f) = f else {
            return Err(unpickling_error(
                cx.gil,
                "A load persistent id instruction was encountered,\nbut no persistent_load function was specified.",
            )
            .into());
        };
        cx.call(&f, vec![pid])
    }

    /// `self.find_class(module, name)` (the instance's, possibly overridden).
    fn find(
        &mut self,
        cx: &mut Cx,
        this: Option<&Value>,
        module: &Value,
        name: &Value,
    ) -> PyResult<Value> {
        match this {
            Some(t) => {
                let f = cx.load_attr(t, "find_class")?;
                // The built-in `find_class` with this load's protocol (the engine is
                // out of its instance meanwhile: the method would see protocol 0 and
                // not follow a dotted name).
                if let Value::BoundNative(b) = &f {
                    if b.1.f as usize == super::unpickler_find_class as NativeFn as usize {
                        return find_class(cx, self.g, self.proto, self.fix_imports, module, name);
                    }
                }
                cx.call(&f, vec![module.clone(), name.clone()])
            }
            None => find_class(cx, self.g, self.proto, self.fix_imports, module, name),
        }
    }

    fn load_extension(&mut self, cx: &mut Cx, this: Option<&Value>, code: i64) -> PyResult<()> {
        if code <= 0 {
            return Err(unpickling_error(cx.gil, "EXT specifies code <= 0").into());
        }
        let key = Value::Int(code);
        if let Value::Dict(cache) = &self.g.extension_cache {
            if let Some(v) = dict_get(cx.gil, cache, &key)? {
                self.push(v);
                return Ok(());
            }
        }
        let pair = match &self.g.inverted_registry {
            Value::Dict(inv) => dict_get(cx.gil, inv, &key)?,
            _ => None,
        };
        let Some(pair) = pair else {
            return Err(value_error(format!("unregistered extension code {code}")).into());
        };
        let (module, name) = match &pair {
            Value::Tuple(t)
                if t.len() == 2 && matches!((&t[0], &t[1]), (Value::Str(_), Value::Str(_))) =>
            {
                (t[0].clone(), t[1].clone())
            }
            _ => {
                return Err(value_error(format!(
                    "_inverted_registry[{code}] isn't a 2-tuple of strings"
                ))
                .into())
            }
        };
        let v = self.find(cx, this, &module, &name)?;
        if let Value::Dict(cache) = &self.g.extension_cache {
            dict_set(cx.gil, cache, key, v.clone())?;
        }
        self.push(v);
        Ok(())
    }
}

/// Did a file's `read(want)` return less than asked (its end)?
fn chunk_short(chunk: &Value, want: usize) -> bool {
    match chunk {
        Value::Bytes(b) => b.len() < want,
        _ => true,
    }
}

/// `container[key] = value`, a dict's without the interpreter when its key allows.
fn set_item(cx: &mut Cx, container: &Value, k: Value, v: Value) -> PyResult<()> {
    if let Value::Dict(d) = container {
        if !crate::objects::dict::needs_py(&k) {
            d.borrow_mut(cx.gil).insert(k, v)?;
        } else {
            dict_set(cx.gil, d, k, v)?;
        }
        return Ok(());
    }
    if let Value::Instance(_) = container {
        let f = cx.load_attr(container, "__setitem__")?;
        cx.call(&f, vec![k, v])?;
        return Ok(());
    }
    cx.setitem(container, k, v)
}

fn set_from(cx: &mut Cx, items: Vec<Value>) -> PyResult<crate::objects::set::Set> {
    if items.iter().any(crate::objects::dict::needs_py) {
        let f = Value::Type(types().frozenset.clone());
        let made = cx.call(&f, vec![Value::list(items)])?;
        if let Value::FrozenSet(s) = made {
            return Ok(crate::objects::set::Set::copy_of(&s));
        }
        return Ok(crate::objects::set::Set::new());
    }
    Ok(crate::objects::set::Set::from_values(items)?)
}

/// `cls(*args)`, or `cls.__new__(cls)` for a class without `__getinitargs__` and
/// no arguments (INST and OBJ).
fn instantiate(cx: &mut Cx, cls: &Value, args: Vec<Value>) -> PyResult<Value> {
    if args.is_empty()
        && matches!(cls, Value::Type(_))
        && lookup_attr(cx, cls, "__getinitargs__")?.is_none()
    {
        let new = cx.load_attr(cls, "__new__")?;
        return cx.call(&new, vec![cls.clone()]);
    }
    cx.call(cls, args)
}

/// `PyLong_FromString(text, base)` as the INT and LONG opcodes use it (`None`: not
/// an integer).
fn parse_c_int(text: &str, base: u32) -> Option<Value> {
    let t = text.trim_end_matches(['\n', '\0']).trim();
    if t.is_empty() {
        return None;
    }
    let (neg, digits) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, digits) = if base == 0 {
        let lower = digits.to_ascii_lowercase();
        if lower.starts_with("0x") {
            (16, &digits[2..])
        } else if lower.starts_with("0o") {
            (8, &digits[2..])
        } else if lower.starts_with("0b") {
            (2, &digits[2..])
        } else {
            (10, digits)
        }
    } else {
        (base, digits)
    };
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if clean.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__")
    {
        return None;
    }
    let v = num_bigint::BigInt::parse_bytes(clean.as_bytes(), radix)?;
    Some(crate::objects::int::normalize(if neg { -v } else { v }))
}

/// A memo index of GET/PUT: a decimal int, its error CPython's `int()`'s.
fn parse_index(cx: &mut Cx, line: &[u8]) -> PyResult<usize> {
    let text = String::from_utf8_lossy(line).into_owned();
    let _ = cx;
    match parse_c_int(&text, 10) {
        Some(Value::Int(i)) if i >= 0 => Ok(i as usize),
        Some(Value::Int(_)) => Err(value_error("negative PUT argument").into()),
        Some(_) => Err(overflow_error("Python int too large to convert to C ssize_t").into()),
        None => Err(value_error(format!(
            "invalid literal for int() with base 10: {}",
            crate::objects::repr::str_repr(&text)?
        ))
        .into()),
    }
}

/// `PyBytes_DecodeEscape`: Python's escapes in a protocol 0 STRING.
fn decode_escape(s: &[u8]) -> Result<Vec<u8>, PyErr> {
    crate::modules::codecs::escape::bytes_escapes(s, "strict")
}

/// `find_class`: the `_compat_pickle` renames for protocols before 3, then the
/// module's attribute (a dotted path from protocol 4 on).
pub(super) fn find_class(
    cx: &mut Cx,
    g: &Globals,
    proto: u8,
    fix_imports: bool,
    module: &Value,
    name: &Value,
) -> PyResult<Value> {
    let (mut module, mut name) = (module.clone(), name.clone());
    if proto < 3 && fix_imports {
        if let (Some(m), Some(n)) = (module.as_str(), name.as_str()) {
            if let Some((fm, fnm)) = g.name_2to3.get(&(m.to_owned(), n.to_owned())) {
                (module, name) = (fm.clone(), fnm.clone());
            } else if let Some(fm) = g.import_2to3.get(m) {
                module = fm.clone();
            }
        }
    }
    let Some(mname) = module.as_str().map(str::to_owned) else {
        return Err(type_error("module name must be str").into());
    };
    let m = super::import(cx, &mname)?;
    let Some(gname) = name.as_str().map(str::to_owned) else {
        return Err(type_error("attribute name must be str").into());
    };
    let found = if proto >= 4 {
        let dotted: Vec<&str> = gname.split('.').collect();
        if dotted.contains(&"<locals>") {
            let r = cx.repr(&m)?;
            return Err(attribute_error(format!(
                "Can't get local attribute {} on {r}",
                crate::objects::repr::str_repr(&gname)?
            ))
            .into());
        }
        let mut cur = Some(m.clone());
        for part in dotted {
            cur = match cur {
                Some(c) => lookup_attr(cx, &c, part)?,
                None => None,
            };
        }
        cur
    } else {
        lookup_attr(cx, &m, &gname)?
    };
    match found {
        Some(v) => Ok(v),
        None => {
            let r = cx.repr(&m)?;
            Err(attribute_error(format!(
                "Can't get attribute {} on {r}",
                crate::objects::repr::str_repr(&gname)?
            ))
            .into())
        }
    }
}
