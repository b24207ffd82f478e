//! `marshal`: CPython's value serialization format (version 4 by default; 0 to 4),
//! for the data types: `None`, `bool`, `int` (32-bit or 15-bit-digit big), `float`,
//! `complex`, `str`, `bytes` (and bytes-like), `tuple`, `list`, `dict`, `set`,
//! `frozenset`, `Ellipsis`, `StopIteration`. What CPython writes loads here, with
//! its references (`FLAG_REF`, `TYPE_REF`), and what this writes loads in CPython.
//!
//! *Departure:* CPython flags every object whose reference count is above one as
//! possibly shared, which no other implementation can reproduce; this writer flags
//! only the lists, dicts and sets that really occur twice in the value (so shared
//! and self-containing containers come back shared), and never marks a string
//! interned. The bytes are CPython's for versions 0 to 2, which have no
//! references. Code objects are `ValueError: unmarshallable object`.

use crate::objects::rc::Arc;
use crate::objects::value::PyBool;
use std::collections::HashMap;
use std::sync::OnceLock;

use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::set::Set;
use crate::objects::types::{type_name, types};
use crate::objects::{complex, int};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

pub(crate) static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "dumps" => dumps, "loads" => loads, "dump" => dump, "load" => load,
];

/// The format's current version.
const VERSION: i64 = 4;
/// CPython's `MAX_MARSHAL_STACK_DEPTH`.
const MAX_DEPTH: usize = 2000;
const FLAG_REF: u8 = 0x80;

/// The `marshal` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "marshal", FUNCS);
        m.set(gil, "version", Value::Int(VERSION));
        Arc::new(m)
    })
}

/// Argument Clinic's positional-only arity check, and no keywords.
fn positional(args: &Args, name: &str, min: usize, max: usize) -> Result<(), PyErr> {
    args.check(&format!("marshal.{name}"), min, max)
}

fn version_arg(args: &Args, i: usize) -> Result<i64, PyErr> {
    args.pos.get(i).map_or(Ok(VERSION), |v| arg_int(v, ""))
}

/// `dumps(value, version=4, /)`.
fn dumps(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "dumps", 1, 2)?;
    let version = version_arg(&args, 1)?;
    Ok(Value::Bytes(Arc::new(marshal(
        cx.gil,
        &args.pos[0],
        version,
    )?)))
}

/// `dump(value, file, version=4, /)`: `file.write(dumps(value, version))`.
fn dump(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "dump", 2, 3)?;
    let version = version_arg(&args, 2)?;
    let data = marshal(cx.gil, &args.pos[0], version)?;
    let write = cx.getattr(&args.pos[1], "write")?;
    cx.call(&write, vec![Value::Bytes(Arc::new(data))])?;
    Ok(Value::None)
}

/// `loads(bytes, /)`: the first value (what follows it is ignored).
fn loads(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "loads", 1, 1)?;
    let data = bytes_arg(cx.gil, &args.pos[0]).map_err(|_| {
        type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(&args.pos[0])
        ))
    })?;
    let mut r = Reader {
        src: Source::Bytes(&data, 0),
        refs: Vec::new(),
        depth: 0,
    };
    r.top(cx)
}

/// `load(file, /)`: one value, read from `file.read(n)` as it is needed, so the file
/// is left just after it.
fn load(cx: &mut Cx, args: Args) -> PyResult<Value> {
    positional(&args, "load", 1, 1)?;
    let read = cx.getattr(&args.pos[0], "read")?;
    let mut r = Reader {
        src: Source::File(read),
        refs: Vec::new(),
        depth: 0,
    };
    r.top(cx)
}

// Writing.

fn marshal(gil: Gil<'_>, v: &Value, version: i64) -> Result<Vec<u8>, PyErr> {
    let mut w = Writer {
        gil,
        out: Vec::new(),
        version,
        depth: 0,
        shared: HashMap::new(),
        refs: HashMap::new(),
    };
    if version >= 3 {
        let mut seen = HashMap::new();
        count_containers(gil, v, &mut seen, 0);
        w.shared = seen.into_iter().filter(|(_, n)| *n > 1).collect();
    }
    w.object(v)?;
    Ok(w.out)
}

/// The identity of a list, dict or set (what may be shared inside a value).
fn container_id(v: &Value) -> Option<usize> {
    Some(match v {
        Value::List(l) => Arc::as_ptr(l) as usize,
        Value::Dict(d) => Arc::as_ptr(d) as usize,
        Value::Set(s) => Arc::as_ptr(s) as usize,
        _ => return None,
    })
}

/// How many times each container occurs in `v` (a second occurrence is not entered).
fn count_containers(gil: Gil<'_>, v: &Value, seen: &mut HashMap<usize, u32>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(id) = container_id(v) {
        let n = seen.entry(id).or_insert(0);
        *n += 1;
        if *n > 1 {
            return;
        }
    }
    let mut walk = |x: &Value| count_containers(gil, x, seen, depth + 1);
    match v {
        Value::List(l) => l.borrow(gil).clone().iter().for_each(&mut walk),
        Value::Tuple(t) => t.iter().for_each(&mut walk),
        Value::Dict(d) => {
            let items: Vec<(Value, Value)> = d
                .borrow(gil)
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, x) in &items {
                walk(k);
                walk(x);
            }
        }
        Value::Set(s) => s
            .borrow(gil)
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .iter()
            .for_each(&mut walk),
        Value::FrozenSet(s) => s.keys().for_each(&mut walk),
        _ => {}
    }
}

struct Writer<'g> {
    gil: Gil<'g>,
    out: Vec<u8>,
    version: i64,
    depth: usize,
    /// Containers that occur more than once (flagged `FLAG_REF` when first written).
    shared: HashMap<usize, u32>,
    /// Reference numbers given so far.
    refs: HashMap<usize, u32>,
}

fn unmarshallable() -> PyErr {
    value_error("unmarshallable object")
}

impl Writer<'_> {
    fn long(&mut self, x: i32) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }

    /// A size as CPython's `W_SIZE` writes it (sizes past 2**31 are refused).
    fn size(&mut self, n: usize) -> Result<(), PyErr> {
        let n = i32::try_from(n).map_err(|_| unmarshallable())?;
        self.long(n);
        Ok(())
    }

    fn pstring(&mut self, data: &[u8]) -> Result<(), PyErr> {
        self.size(data.len())?;
        crate::objects::memory::extend_from(&mut self.out, data)?;
        Ok(())
    }

    /// A float as text (versions 0 and 1): C's `%.17g`.
    fn float_text(&mut self, x: f64) -> Result<(), PyErr> {
        let text = crate::objects::format::format(self.gil, &Value::float(x), ".17g")?;
        self.out.push(text.len() as u8);
        self.out.extend_from_slice(text.as_bytes());
        Ok(())
    }

    /// The type code of a container; a reference instead when it was written before.
    fn container(&mut self, v: &Value, code: u8) -> bool {
        let Some(id) = container_id(v).filter(|id| self.shared.contains_key(id)) else {
            self.out.push(code);
            return true;
        };
        if let Some(&n) = self.refs.get(&id) {
            self.out.push(b'r');
            self.long(n as i32);
            return false;
        }
        let n = self.refs.len() as u32;
        self.refs.insert(id, n);
        self.out.push(code | FLAG_REF);
        true
    }

    fn object(&mut self, v: &Value) -> Result<(), PyErr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(value_error("object too deeply nested to marshal"));
        }
        self.object_inner(v)?;
        self.depth -= 1;
        Ok(())
    }

    fn object_inner(&mut self, v: &Value) -> Result<(), PyErr> {
        let gil = self.gil;
        match v {
            Value::None => self.out.push(b'N'),
            Value::Bool(PyBool::False) => self.out.push(b'F'),
            Value::Bool(PyBool::True) => self.out.push(b'T'),
            Value::Ellipsis => self.out.push(b'.'),
            Value::Type(t) if Arc::ptr_eq(t, &types().exc.stop_iteration) => self.out.push(b'S'),
            Value::Int(i) if *i >= i32::MIN as i64 && *i <= i32::MAX as i64 => {
                self.out.push(b'i');
                self.long(*i as i32);
            }
            Value::Int(_) | Value::Big(_) => self.big(&int::to_big(v).unwrap_or_default())?,
            Value::Float(x) => self.float(x.get())?,
            Value::Complex(c) => {
                if self.version > 1 {
                    self.out.push(b'y');
                    self.out.extend_from_slice(&c.re.to_le_bytes());
                    self.out.extend_from_slice(&c.im.to_le_bytes());
                } else {
                    self.out.push(b'x');
                    self.float_text(c.re)?;
                    self.float_text(c.im)?;
                }
            }
            Value::Str(s) => {
                let text = s.as_str();
                if self.version >= 4 && text.is_ascii() {
                    if text.len() < 256 {
                        self.out.push(b'z');
                        self.out.push(text.len() as u8);
                        self.out.extend_from_slice(text.as_bytes());
                    } else {
                        self.out.push(b'a');
                        self.pstring(text.as_bytes())?;
                    }
                } else {
                    // Lone surrogates as CPython writes them (`surrogatepass`).
                    self.out.push(b'u');
                    self.pstring(&crate::objects::str::encode_surrogatepass(text))?;
                }
            }
            Value::Bytes(b) => {
                self.out.push(b's');
                self.pstring(b)?;
            }
            Value::ByteArray(b) => {
                let data = b.borrow(gil).clone();
                self.out.push(b's');
                self.pstring(&data)?;
            }
            Value::Tuple(t) => {
                if self.version >= 4 && t.len() < 256 {
                    self.out.push(b')');
                    self.out.push(t.len() as u8);
                } else {
                    self.out.push(b'(');
                    self.size(t.len())?;
                }
                for x in t.iter() {
                    self.object(x)?;
                }
            }
            Value::List(l) => {
                if self.container(v, b'[') {
                    let items = l.borrow(gil).clone();
                    self.size(items.len())?;
                    for x in &items {
                        self.object(x)?;
                    }
                }
            }
            Value::Dict(d) => {
                if self.container(v, b'{') {
                    let items: Vec<(Value, Value)> = d
                        .borrow(gil)
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    for (k, x) in &items {
                        self.object(k)?;
                        self.object(x)?;
                    }
                    self.out.push(b'0');
                }
            }
            Value::Set(s) => {
                if self.container(v, b'<') {
                    let items: Vec<Value> = s.borrow(gil).keys().cloned().collect();
                    self.set_items(items)?;
                }
            }
            Value::FrozenSet(s) => {
                self.out.push(b'>');
                self.set_items(s.keys().cloned().collect())?;
            }
            Value::Object(o) => match o.0.buffer(gil) {
                // A bytes-like object (`array`, `memoryview`) as bytes.
                Some(data) => {
                    self.out.push(b's');
                    self.pstring(&data)?;
                }
                None => return Err(unmarshallable()),
            },
            _ => return Err(unmarshallable()),
        }
        Ok(())
    }

    /// A set's items in CPython 3.11's order (bpo-37596, for reproducible output):
    /// sorted by their own marshalled bytes. CPython's bytes there carry `FLAG_REF`
    /// on every object it holds more than once, which the literals and small ints
    /// of a set are, and mark the strings it interned (literals made of name
    /// characters): the keys here do the same for all values.
    fn set_items(&mut self, items: Vec<Value>) -> Result<(), PyErr> {
        let mut keyed = Vec::with_capacity(items.len());
        for x in items {
            let mut key = marshal(self.gil, &x, self.version)?;
            if self.version >= 3 {
                let name_like = x
                    .as_str()
                    .is_some_and(|s| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
                if let (true, Some(code)) = (name_like, key.first_mut()) {
                    *code = match *code {
                        b'z' => b'Z',
                        b'a' => b'A',
                        b'u' => b't',
                        c => c,
                    };
                }
                if !matches!(key.first(), Some(b'N' | b'T' | b'F' | b'.' | b'S')) {
                    key[0] |= FLAG_REF;
                }
            }
            keyed.push((key, x));
        }
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        self.size(keyed.len())?;
        for (_, x) in &keyed {
            self.object(x)?;
        }
        Ok(())
    }

    fn float(&mut self, x: f64) -> Result<(), PyErr> {
        if self.version > 1 {
            self.out.push(b'g');
            self.out.extend_from_slice(&x.to_le_bytes());
            Ok(())
        } else {
            self.out.push(b'f');
            self.float_text(x)
        }
    }

    /// `TYPE_LONG`: the signed count of 15-bit digits, then the digits.
    fn big(&mut self, n: &BigInt) -> Result<(), PyErr> {
        self.out.push(b'l');
        let mut mag = n.magnitude().clone();
        let mut digits = Vec::new();
        while !mag.is_zero() {
            digits.push(
                (&mag & num_bigint::BigUint::from(0x7fffu32))
                    .to_u16()
                    .unwrap_or(0),
            );
            mag >>= 15;
        }
        let count = i32::try_from(digits.len()).map_err(|_| unmarshallable())?;
        self.long(if n.sign() == Sign::Minus {
            -count
        } else {
            count
        });
        for d in digits {
            self.out.extend_from_slice(&d.to_le_bytes());
        }
        Ok(())
    }
}

// Reading.

enum Source<'a> {
    /// The data and the position in it.
    Bytes(&'a [u8], usize),
    /// A file's `read` method.
    File(Value),
}

struct Reader<'a> {
    src: Source<'a>,
    /// The objects flagged `FLAG_REF` so far (`None`: reserved, still being read).
    refs: Vec<Option<Value>>,
    depth: usize,
}

fn bad(what: &str) -> PyErr {
    value_error(format!("bad marshal data ({what})"))
}

fn eof(msg: &str) -> PyErr {
    PyErr::msg(&types().exc.eof_error, msg)
}

impl Reader<'_> {
    /// `n` bytes, or `EOFError` (`msg`) when the data ends first.
    fn take(&mut self, cx: &mut Cx, n: usize, msg: &str) -> PyResult<Vec<u8>> {
        match &mut self.src {
            Source::Bytes(data, pos) => {
                if data.len() - *pos < n {
                    return Err(eof(msg).into());
                }
                let out = data[*pos..*pos + n].to_vec();
                *pos += n;
                Ok(out)
            }
            Source::File(read) => {
                if n == 0 {
                    return Ok(Vec::new());
                }
                let read = read.clone();
                let got = cx.call(&read, vec![Value::Int(n as i64)])?;
                let data = match &got {
                    Value::Bytes(b) => b.to_vec(),
                    v => bytes_arg(cx.gil, v).map_err(|_| {
                        type_error(format!(
                            "file.read() returned not bytes but {}",
                            type_name(v)
                        ))
                    })?,
                };
                if data.len() != n {
                    // (A file's short read past the type code is worded otherwise.)
                    let msg = if n == 1 && msg.starts_with("EOF") {
                        msg
                    } else {
                        "EOF read where not expected"
                    };
                    return Err(eof(msg).into());
                }
                Ok(data)
            }
        }
    }

    fn byte(&mut self, cx: &mut Cx) -> PyResult<u8> {
        Ok(self.take(cx, 1, "EOF read where object expected")?[0])
    }

    fn long(&mut self, cx: &mut Cx) -> PyResult<i32> {
        let b = self.take(cx, 4, "marshal data too short")?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A size that must not be negative (`what` names it in the error).
    fn size(&mut self, cx: &mut Cx, what: &str) -> PyResult<usize> {
        let n = self.long(cx)?;
        if n < 0 {
            return Err(bad(&format!("{what} size out of range")).into());
        }
        Ok(n as usize)
    }

    fn text(&mut self, cx: &mut Cx, n: usize) -> PyResult<String> {
        let b = self.take(cx, n, "marshal data too short")?;
        if let Some(s) = crate::objects::str::decode_surrogatepass(&b) {
            return Ok(s);
        }
        String::from_utf8(b).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let b = e.into_bytes();
            crate::objects::unicode_error::decode_error(
                "utf-8",
                &b,
                at,
                at + 1,
                "invalid start byte",
            )
            .into()
        })
    }

    fn float_text(&mut self, cx: &mut Cx) -> PyResult<f64> {
        let n = self.byte(cx)? as usize;
        let t = self.take(cx, n, "marshal data too short")?;
        let s = String::from_utf8_lossy(&t);
        Ok(crate::objects::float::parse(&s)?)
    }

    fn float_bin(&mut self, cx: &mut Cx) -> PyResult<f64> {
        let b = self.take(cx, 8, "marshal data too short")?;
        Ok(f64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
    }

    /// The value at the top: a missing one (`TYPE_NULL`) is an error.
    fn top(&mut self, cx: &mut Cx) -> PyResult<Value> {
        self.object(cx)?
            .ok_or_else(|| type_error("NULL object in marshal data for object").into())
    }

    /// A value that must be there (inside a container).
    fn item(&mut self, cx: &mut Cx, container: &str) -> PyResult<Value> {
        self.object(cx)?.ok_or_else(|| {
            type_error(format!("NULL object in marshal data for {container}")).into()
        })
    }

    /// One object; `None` for `TYPE_NULL` (the end of a dict).
    fn object(&mut self, cx: &mut Cx) -> PyResult<Option<Value>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(value_error("recursion limit exceeded").into());
        }
        let v = self.object_inner(cx);
        self.depth -= 1;
        v
    }

    /// Reserve a reference slot when `flag` is set (filled by `fill`).
    fn reserve(&mut self, flag: bool) -> Option<usize> {
        flag.then(|| {
            self.refs.push(None);
            self.refs.len() - 1
        })
    }

    fn fill(&mut self, slot: Option<usize>, v: &Value) {
        if let Some(i) = slot {
            self.refs[i] = Some(v.clone());
        }
    }

    fn object_inner(&mut self, cx: &mut Cx) -> PyResult<Option<Value>> {
        let code = self.byte(cx)?;
        let flag = code & FLAG_REF != 0;
        let slot = self.reserve(flag);
        let v = match code & !FLAG_REF {
            b'0' => return Ok(None),
            b'N' => Value::None,
            b'F' => Value::bool(false),
            b'T' => Value::bool(true),
            b'.' => Value::Ellipsis,
            b'S' => Value::Type(types().exc.stop_iteration.clone()),
            b'i' => Value::Int(self.long(cx)? as i64),
            b'l' => self.big(cx)?,
            b'g' => Value::float(self.float_bin(cx)?),
            b'f' => Value::float(self.float_text(cx)?),
            b'y' => {
                let re = self.float_bin(cx)?;
                complex::value(re, self.float_bin(cx)?)
            }
            b'x' => {
                let re = self.float_text(cx)?;
                complex::value(re, self.float_text(cx)?)
            }
            b's' => {
                let n = self.size(cx, "bytes object")?;
                Value::Bytes(Arc::new(self.take(cx, n, "marshal data too short")?))
            }
            b'u' | b't' | b'a' | b'A' => {
                let n = self.size(cx, "string")?;
                Value::string(self.text(cx, n)?)
            }
            b'z' | b'Z' => {
                let n = self.byte(cx)? as usize;
                Value::string(self.text(cx, n)?)
            }
            b')' => {
                let n = self.byte(cx)? as usize;
                self.tuple(cx, n)?
            }
            b'(' => {
                let n = self.size(cx, "tuple")?;
                self.tuple(cx, n)?
            }
            b'[' => {
                let n = self.size(cx, "list")?;
                let list = crate::objects::gc::list(Vec::new());
                let v = Value::List(list.clone());
                self.fill(slot, &v);
                for _ in 0..n {
                    let x = self.item(cx, "list")?;
                    list.borrow_mut(cx.gil).push(x);
                }
                v
            }
            b'{' => {
                let d = crate::objects::gc::dict(Dict::new());
                let v = Value::Dict(d.clone());
                self.fill(slot, &v);
                while let Some(k) = self.object(cx)? {
                    let Some(x) = self.object(cx)? else { break };
                    dict_set(cx.gil, &d, k, x)?;
                }
                v
            }
            b'<' => {
                let n = self.size(cx, "set")?;
                let s = crate::objects::gc::set(Set::new());
                let v = Value::Set(s.clone());
                self.fill(slot, &v);
                for _ in 0..n {
                    let x = self.item(cx, "set")?;
                    s.borrow_mut(cx.gil).insert(x)?;
                }
                v
            }
            b'>' => {
                let n = self.size(cx, "set")?;
                // Added one at a time, as CPython adds them (the table grows as
                // its does, so the order comes out the same).
                let mut set = Set::new();
                for _ in 0..n {
                    set.insert(self.item(cx, "set")?)?;
                }
                Value::FrozenSet(Arc::new(set))
            }
            b'r' => {
                let n = self.long(cx)?;
                return match usize::try_from(n).ok().and_then(|i| self.refs.get(i)) {
                    Some(Some(v)) => Ok(Some(v.clone())),
                    Some(None) => Ok(Some(Value::None)),
                    None => Err(bad("invalid reference").into()),
                };
            }
            b'c' => {
                return Err(value_error(
                    "bad marshal data (code objects are not supported by pyvm)",
                )
                .into())
            }
            _ => return Err(bad("unknown type code").into()),
        };
        self.fill(slot, &v);
        Ok(Some(v))
    }

    fn tuple(&mut self, cx: &mut Cx, n: usize) -> PyResult<Value> {
        let mut items = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            items.push(self.item(cx, "tuple")?);
        }
        Ok(Value::tuple(items))
    }

    /// `TYPE_LONG`'s digits, checked as CPython checks them.
    fn big(&mut self, cx: &mut Cx) -> PyResult<Value> {
        let n = self.long(cx)?;
        if n == i32::MIN {
            return Err(bad("long size out of range").into());
        }
        let count = n.unsigned_abs() as usize;
        let mut mag = num_bigint::BigUint::zero();
        let mut last = 0u16;
        let mut digits = Vec::with_capacity(count.min(1 << 16));
        for _ in 0..count {
            let b = self.take(cx, 2, "marshal data too short")?;
            let d = u16::from_le_bytes([b[0], b[1]]);
            if d > 0x7fff {
                return Err(bad("digit out of range in long").into());
            }
            digits.push(d);
            last = d;
        }
        if count > 0 && last == 0 {
            return Err(bad("unnormalized long data").into());
        }
        for d in digits.iter().rev() {
            mag = (mag << 15) + num_bigint::BigUint::from(*d);
        }
        let sign = if n < 0 { Sign::Minus } else { Sign::Plus };
        Ok(int::normalize(BigInt::from_biguint(sign, mag)))
    }
}
