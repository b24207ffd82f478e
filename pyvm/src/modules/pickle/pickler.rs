//! The pickler: CPython's `save()` and its helpers from `Modules/_pickle.c`, writing
//! the same bytes (opcode choice, memo indexes, batches of 1,000, frames of 64 KiB
//! for protocol 4 and up, large `bytes`/`str` payloads outside frames). The output
//! is one `Vec<u8>`; the memo maps an object's identity to its index in a hash map
//! and keeps the object alive, so no identity is reused while it is in use.

use hashbrown::HashMap;

use super::op;
use super::{lookup_attr, pickling_error, Globals};
use crate::native::*;
use crate::objects::class::class_of;
use crate::objects::gil::GilCell;
use crate::objects::rc::Arc;
use crate::objects::str::PyStr;
use crate::objects::types::{type_name, types, PyType};

const FRAME_SIZE_TARGET: usize = 64 * 1024;
const FRAME_SIZE_MIN: usize = 4;
const FRAME_HEADER_SIZE: usize = 9;
const BATCHSIZE: usize = 1000;
const FAST_NESTING_LIMIT: usize = 50;

/// The memo: object identity -> (index), with the objects kept alive in index order.
#[derive(Default)]
pub struct Memo {
    map: HashMap<usize, u32>,
    objs: Vec<(u32, Value)>,
}

fn ident(v: &Value) -> usize {
    crate::modules::builtins::object_id(v) as usize
}

impl Memo {
    fn get(&self, v: &Value) -> Option<u32> {
        if self.map.is_empty() {
            return None;
        }
        self.map.get(&ident(v)).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn clear(&mut self) {
        self.map.clear();
        self.objs.clear();
    }

    fn put(&mut self, v: &Value) -> u32 {
        let idx = self.map.len() as u32;
        self.insert_at(v, idx);
        idx
    }

    pub fn insert_at(&mut self, v: &Value, idx: u32) {
        if self.map.capacity() == 0 {
            // Room for a small object's memo at the first entry (no early rehashes),
            // none for a pickle of atoms only.
            self.map.reserve(32);
            self.objs.reserve(32);
        }
        if self.map.insert(ident(v), idx).is_none() {
            self.objs.push((idx, v.clone()));
        }
    }

    pub fn entries(&self) -> impl Iterator<Item = (u32, &Value)> {
        self.objs.iter().map(|(i, v)| (*i, v))
    }
}

/// One pickler: its options, its memo (kept between `dump` calls of a `Pickler`)
/// and the output being built.
pub struct Pickler {
    g: &'static Globals,
    out: Vec<u8>,
    pub proto: u8,
    pub bin: bool,
    pub fast: bool,
    fast_nesting: usize,
    fast_memo: hashbrown::HashSet<usize>,
    fix_imports: bool,
    framing: bool,
    frame_start: Option<usize>,
    pub memo: Memo,
    /// Module names by text: the one string each is saved as, so a module name
    /// pickled twice is a memo reference, as CPython's interned names are.
    names: HashMap<String, Value>,
    pub pers_func: Option<Value>,
    pub dispatch_table: Option<Value>,
    pub reducer_override: Option<Value>,
    /// Protocol 5's `buffer_callback`: a `PickleBuffer` it returns false for goes out
    /// of band.
    pub buffer_callback: Option<Value>,
    /// The file's `write` (`None` for `dumps`).
    pub write: Option<Value>,
    depth: usize,
    limit: usize,
}

impl Pickler {
    pub(super) fn new(g: &'static Globals, proto: u8, fix_imports: bool) -> Pickler {
        Pickler {
            g,
            out: Vec::with_capacity(256),
            proto,
            bin: proto > 0,
            fast: false,
            fast_nesting: 0,
            fast_memo: Default::default(),
            fix_imports: fix_imports && proto < 3,
            framing: false,
            frame_start: None,
            memo: Memo::default(),
            names: HashMap::new(),
            pers_func: None,
            dispatch_table: None,
            reducer_override: None,
            buffer_callback: None,
            write: None,
            depth: 0,
            limit: 1000,
        }
    }

    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    pub fn reset_output(&mut self) {
        self.out = Vec::new();
        self.frame_start = None;
        self.framing = false;
        self.depth = 0;
        self.fast_nesting = 0;
        self.fast_memo.clear();
    }

    // -- output ----------------------------------------------------------------

    #[inline]
    fn w(&mut self, data: &[u8]) {
        if self.framing && self.frame_start.is_none() {
            self.frame_start = Some(self.out.len());
            self.out.extend_from_slice(&[0xfe; FRAME_HEADER_SIZE]);
        }
        self.out.extend_from_slice(data);
    }

    #[inline]
    fn w1(&mut self, b: u8) {
        if self.framing && self.frame_start.is_none() {
            self.w(&[b]);
        } else {
            self.out.push(b);
        }
    }

    /// Room for `n` more bytes, or `MemoryError`.
    fn room(&mut self, n: usize) -> Result<(), PyErr> {
        if self.out.capacity() - self.out.len() >= n + FRAME_HEADER_SIZE {
            return Ok(());
        }
        let want = (n + FRAME_HEADER_SIZE + 256).max(self.out.len());
        self.out
            .try_reserve(want)
            .map_err(|_| crate::objects::exception::memory_error())
    }

    fn commit_frame(&mut self) {
        let Some(start) = self.frame_start.take() else {
            return;
        };
        if !self.framing {
            return;
        }
        let len = self.out.len() - start - FRAME_HEADER_SIZE;
        if len >= FRAME_SIZE_MIN {
            self.out[start] = op::FRAME;
            self.out[start + 1..start + 9].copy_from_slice(&(len as u64).to_le_bytes());
        } else {
            self.out.drain(start..start + FRAME_HEADER_SIZE);
        }
    }

    /// Between two opcodes: a frame past the target size is closed (and, writing to
    /// a file, written out).
    fn opcode_boundary(&mut self, cx: &mut Cx) -> PyResult<()> {
        let Some(start) = self.frame_start else {
            return Ok(());
        };
        if !self.framing || self.out.len() - start - FRAME_HEADER_SIZE < FRAME_SIZE_TARGET {
            return Ok(());
        }
        self.commit_frame();
        if self.write.is_some() {
            self.flush(cx)?;
        }
        Ok(())
    }

    /// Write what is buffered to the file (one `write` call) and empty the buffer.
    pub fn flush(&mut self, cx: &mut Cx) -> PyResult<()> {
        let Some(write) = self.write.clone() else {
            return Ok(());
        };
        let data = std::mem::take(&mut self.out);
        self.frame_start = None;
        cx.call(&write, vec![Value::Bytes(Arc::new(data))])?;
        Ok(())
    }

    /// A header and a payload (`_Pickler_write_bytes`): a payload of 64 KiB or more
    /// goes outside any frame, and straight to the file when there is one.
    fn write_bytes(
        &mut self,
        cx: &mut Cx,
        header: &[u8],
        data: &[u8],
        payload: Option<&Value>,
    ) -> PyResult<()> {
        let bypass = data.len() >= FRAME_SIZE_TARGET;
        let framing = self.framing;
        if bypass {
            self.commit_frame();
            self.framing = false;
        }
        self.room(header.len())?;
        self.w(header);
        if bypass && self.write.is_some() {
            self.flush(cx)?;
            let write = self.write.clone().unwrap_or(Value::None);
            let p = match payload {
                Some(p) => p.clone(),
                None => Value::Bytes(Arc::new(data.to_vec())),
            };
            cx.call(&write, vec![p])?;
        } else {
            self.room(data.len())?;
            self.w(data);
        }
        self.framing = framing;
        Ok(())
    }

    // -- the memo ----------------------------------------------------------------

    fn memo_put(&mut self, obj: &Value) -> PyResult<()> {
        if self.fast {
            return Ok(());
        }
        let idx = self.memo.put(obj);
        if self.proto >= 4 {
            self.w1(op::MEMOIZE);
        } else if !self.bin {
            let text = format!("p{idx}\n");
            self.w(text.as_bytes());
        } else if idx < 256 {
            self.w(&[op::BINPUT, idx as u8]);
        } else {
            let mut b = [op::LONG_BINPUT, 0, 0, 0, 0];
            b[1..].copy_from_slice(&idx.to_le_bytes());
            self.w(&b);
        }
        Ok(())
    }

    fn memo_get(&mut self, idx: u32) {
        if !self.bin {
            let text = format!("g{idx}\n");
            self.w(text.as_bytes());
        } else if idx < 256 {
            self.w(&[op::BINGET, idx as u8]);
        } else {
            let mut b = [op::LONG_BINGET, 0, 0, 0, 0];
            b[1..].copy_from_slice(&idx.to_le_bytes());
            self.w(&b);
        }
    }

    // -- dump and save -------------------------------------------------------------

    /// `dump()`: the PROTO header, the object, STOP, the last frame.
    pub fn dump(&mut self, cx: &mut Cx, obj: &Value) -> PyResult<()> {
        self.limit = cx.asked_recursion_limit().max(1);
        if self.proto >= 2 {
            self.w(&[op::PROTO, self.proto]);
            if self.proto >= 4 {
                self.framing = true;
            }
        }
        let r = self.save(cx, obj, false).map(|()| {
            self.w1(op::STOP);
            self.commit_frame();
        });
        self.framing = false;
        self.frame_start = None;
        r
    }

    /// `save(obj)`: CPython's dispatch, in its order.
    fn save(&mut self, cx: &mut Cx, obj: &Value, pers_save: bool) -> PyResult<()> {
        self.opcode_boundary(cx)?;
        if !pers_save && self.pers_func.is_some() && self.save_pers(cx, obj)? {
            return Ok(());
        }
        self.room(32)?;
        match obj {
            Value::None => {
                self.w1(op::NONE);
                return Ok(());
            }
            Value::Bool(b) => {
                self.save_bool(b.get());
                return Ok(());
            }
            Value::Int(i) => {
                self.save_int(*i);
                return Ok(());
            }
            Value::Big(b) => return self.save_big(b),
            Value::Float(x) => {
                self.save_float(x.get());
                return Ok(());
            }
            _ => {}
        }
        if let Some(idx) = self.memo.get(obj) {
            self.memo_get(idx);
            return Ok(());
        }
        match obj {
            Value::Bytes(b) => return self.save_bytes(cx, obj, b),
            Value::Str(s) => return self.save_str(cx, obj, s),
            _ => {}
        }
        self.enter()?;
        let r = self.save_container(cx, obj);
        self.depth -= 1;
        r
    }

    /// `_Py_EnterRecursiveCall(" while pickling an object")`.
    fn enter(&mut self) -> Result<(), PyErr> {
        self.depth += 1;
        if self.depth > self.limit || crate::stack::low() {
            self.depth -= 1;
            return Err(recursion_error(
                "maximum recursion depth exceeded while pickling an object",
            ));
        }
        Ok(())
    }

    fn save_container(&mut self, cx: &mut Cx, obj: &Value) -> PyResult<()> {
        match obj {
            Value::Dict(d) => self.save_dict(cx, obj, d),
            Value::Set(_) => self.save_set(cx, obj),
            Value::FrozenSet(_) => self.save_frozenset(cx, obj),
            Value::List(l) => self.save_list(cx, obj, l),
            Value::Tuple(t) => self.save_tuple(cx, obj, t),
            Value::ByteArray(b) => self.save_bytearray(cx, obj, b),
            _ => self.save_other(cx, obj),
        }
    }

    fn save_bool(&mut self, b: bool) {
        if self.proto >= 2 {
            self.w1(if b { op::NEWTRUE } else { op::NEWFALSE });
        } else {
            self.w(if b { b"I01\n" } else { b"I00\n" });
        }
    }

    fn save_int(&mut self, i: i64) {
        if (i32::MIN as i64..=i32::MAX as i64).contains(&i) {
            if !self.bin {
                let text = format!("I{i}\n");
                self.w(text.as_bytes());
            } else if (0..=0xff).contains(&i) {
                self.w(&[op::BININT1, i as u8]);
            } else if (0..=0xffff).contains(&i) {
                self.w(&[op::BININT2, i as u8, (i >> 8) as u8]);
            } else {
                let mut b = [op::BININT, 0, 0, 0, 0];
                b[1..].copy_from_slice(&(i as i32).to_le_bytes());
                self.w(&b);
            }
        } else if self.proto >= 2 {
            self.save_long_bytes(&num_bigint::BigInt::from(i));
        } else {
            let text = format!("L{i}L\n");
            self.w(text.as_bytes());
        }
    }

    fn save_big(&mut self, b: &num_bigint::BigInt) -> PyResult<()> {
        if self.proto >= 2 {
            self.save_long_bytes(b);
        } else {
            let text = crate::objects::int::big_to_decimal(b)?;
            self.room(text.len() + 4)?;
            self.w(format!("L{text}L\n").as_bytes());
        }
        Ok(())
    }

    /// LONG1/LONG4: little-endian two's complement, as short as `encode_long` makes.
    fn save_long_bytes(&mut self, b: &num_bigint::BigInt) {
        let nbytes = (b.bits() as usize >> 3) + 1;
        let mut bytes = b.to_signed_bytes_le();
        let fill = if b.sign() == num_bigint::Sign::Minus {
            0xff
        } else {
            0
        };
        bytes.resize(nbytes, fill);
        if b.sign() == num_bigint::Sign::Minus
            && nbytes > 1
            && bytes[nbytes - 1] == 0xff
            && bytes[nbytes - 2] & 0x80 != 0
        {
            bytes.pop();
        }
        let n = bytes.len();
        if n < 256 {
            self.w(&[op::LONG1, n as u8]);
        } else {
            let mut h = [op::LONG4, 0, 0, 0, 0];
            h[1..].copy_from_slice(&(n as u32).to_le_bytes());
            self.w(&h);
        }
        self.w(&bytes);
    }

    fn save_float(&mut self, x: f64) {
        if self.bin {
            let mut b = [op::BINFLOAT, 0, 0, 0, 0, 0, 0, 0, 0];
            b[1..].copy_from_slice(&x.to_be_bytes());
            self.w(&b);
        } else {
            let text = format!("F{}\n", crate::objects::float::repr(x));
            self.w(text.as_bytes());
        }
    }

    fn save_bytes(&mut self, cx: &mut Cx, obj: &Value, b: &Arc<Vec<u8>>) -> PyResult<()> {
        if self.proto < 3 {
            // No opcode for bytes: `codecs.encode(text, 'latin1')` (or `bytes()`),
            // which Python 2 loads as a str.
            let reduce = if b.is_empty() {
                vec![Value::Type(types().bytes.clone()), Value::tuple(vec![])]
            } else {
                let text: String = b.iter().map(|&c| c as char).collect();
                vec![
                    self.g.codecs_encode.clone(),
                    Value::tuple(vec![Value::string(text), self.g.latin1.clone()]),
                ]
            };
            return self.save_reduce(cx, &reduce, Some(obj));
        }
        let n = b.len();
        let header = if n <= 0xff {
            Header::new(op::SHORT_BINBYTES, n, 1)
        } else if n <= 0xffff_ffff {
            Header::new(op::BINBYTES, n, 4)
        } else if self.proto >= 4 {
            Header::new(op::BINBYTES8, n, 8)
        } else {
            return Err(pickling_error(
                cx.gil,
                "cannot serialize a bytes object larger than 4 GiB",
            )
            .into());
        };
        self.write_bytes(cx, header.bytes(), b, Some(obj))?;
        self.memo_put(obj)
    }

    fn save_bytearray(
        &mut self,
        cx: &mut Cx,
        obj: &Value,
        b: &Arc<GilCell<Vec<u8>>>,
    ) -> PyResult<()> {
        let data = b.borrow(cx.gil).clone();
        if self.proto < 5 {
            let args = if data.is_empty() {
                vec![]
            } else {
                vec![Value::Bytes(Arc::new(data))]
            };
            let reduce = vec![Value::Type(types().bytearray.clone()), Value::tuple(args)];
            return self.save_reduce(cx, &reduce, Some(obj));
        }
        let header = Header::new(op::BYTEARRAY8, data.len(), 8);
        self.write_bytes(cx, header.bytes(), &data, None)?;
        self.memo_put(obj)
    }

    fn save_str(&mut self, cx: &mut Cx, obj: &Value, s: &Arc<PyStr>) -> PyResult<()> {
        let text = s.as_str();
        if self.bin {
            let n = text.len();
            let header = if n <= 0xff && self.proto >= 4 {
                Header::new(op::SHORT_BINUNICODE, n, 1)
            } else if n > 0xffff_ffff && self.proto >= 4 {
                Header::new(op::BINUNICODE8, n, 8)
            } else if n > 0xffff_ffff {
                return Err(overflow_error(
                    "serializing a string larger than 4 GiB requires pickle protocol 4 or higher",
                )
                .into());
            } else {
                Header::new(op::BINUNICODE, n, 4)
            };
            self.write_bytes(cx, header.bytes(), text.as_bytes(), None)?;
        } else {
            let escaped = raw_unicode_escape(text);
            self.room(escaped.len() + 2)?;
            self.w1(op::UNICODE);
            self.w(&escaped);
            self.w1(b'\n');
        }
        self.memo_put(obj)
    }

    fn save_tuple(&mut self, cx: &mut Cx, obj: &Value, t: &[Value]) -> PyResult<()> {
        let n = t.len();
        if n == 0 {
            if self.proto > 0 {
                self.w1(op::EMPTY_TUPLE);
            } else {
                self.w(&[op::MARK, op::TUPLE]);
            }
            return Ok(());
        }
        let short = n <= 3 && self.proto >= 2;
        if !short {
            self.w1(op::MARK);
        }
        for item in t {
            self.save(cx, item, false)?;
        }
        if let Some(idx) = self.memo.get(obj) {
            // The tuple is recursive: it was saved while saving its items. Drop
            // what was pushed and fetch it from the memo.
            if short {
                for _ in 0..n {
                    self.w1(op::POP);
                }
            } else if self.bin {
                self.w1(op::POP_MARK);
            } else {
                for _ in 0..=n {
                    self.w1(op::POP);
                }
            }
            self.memo_get(idx);
            return Ok(());
        }
        self.w1(if short {
            [op::TUPLE1, op::TUPLE2, op::TUPLE3][n - 1]
        } else {
            op::TUPLE
        });
        self.memo_put(obj)
    }

    fn fast_enter(&mut self, obj: &Value) -> PyResult<()> {
        self.fast_nesting += 1;
        if self.fast_nesting >= FAST_NESTING_LIMIT && !self.fast_memo.insert(ident(obj)) {
            return Err(value_error(format!(
                "fast mode: can't pickle cyclic objects including object type {} at {:#x}",
                type_name(obj),
                ident(obj)
            ))
            .into());
        }
        Ok(())
    }

    fn fast_leave(&mut self, obj: &Value) {
        if self.fast_nesting >= FAST_NESTING_LIMIT {
            self.fast_memo.remove(&ident(obj));
        }
        self.fast_nesting = self.fast_nesting.saturating_sub(1);
    }

    fn save_list(
        &mut self,
        cx: &mut Cx,
        obj: &Value,
        l: &Arc<GilCell<Vec<Value>>>,
    ) -> PyResult<()> {
        if self.fast {
            self.fast_enter(obj)?;
        }
        if self.bin {
            self.w1(op::EMPTY_LIST);
        } else {
            self.w(&[op::MARK, op::LIST]);
        }
        self.memo_put(obj)?;
        let n = l.borrow(cx.gil).len();
        let r = if n == 0 {
            Ok(())
        } else {
            self.enter()?;
            let r = if self.proto > 0 {
                self.batch_list_exact(cx, l)
            } else {
                let it = cx.iter(obj)?;
                self.batch_list(cx, &it)
            };
            self.depth -= 1;
            r
        };
        if self.fast {
            self.fast_leave(obj);
        }
        r
    }

    /// The items of an exact list, by index (the list may change under Python code
    /// the items run).
    fn batch_list_exact(&mut self, cx: &mut Cx, l: &Arc<GilCell<Vec<Value>>>) -> PyResult<()> {
        let item_at = |cx: &mut Cx, i: usize| l.borrow(cx.gil).get(i).cloned();
        if l.borrow(cx.gil).len() == 1 {
            if let Some(item) = item_at(cx, 0) {
                self.save(cx, &item, false)?;
            }
            self.w1(op::APPEND);
            return Ok(());
        }
        let mut total = 0;
        loop {
            self.w1(op::MARK);
            let mut this_batch = 0;
            while let Some(item) = item_at(cx, total) {
                self.save(cx, &item, false)?;
                total += 1;
                this_batch += 1;
                if this_batch == BATCHSIZE {
                    break;
                }
            }
            self.w1(op::APPENDS);
            if total >= l.borrow(cx.gil).len() {
                return Ok(());
            }
        }
    }

    /// APPEND/APPENDS for the items of an iterator (`batch_list`).
    fn batch_list(&mut self, cx: &mut Cx, it: &Value) -> PyResult<()> {
        if self.proto == 0 {
            while let Some(item) = cx.next(it)? {
                self.save(cx, &item, false)?;
                self.w1(op::APPEND);
            }
            return Ok(());
        }
        loop {
            let Some(first) = cx.next(it)? else {
                return Ok(());
            };
            let Some(second) = cx.next(it)? else {
                self.save(cx, &first, false)?;
                self.w1(op::APPEND);
                return Ok(());
            };
            self.w1(op::MARK);
            self.save(cx, &first, false)?;
            let mut n = 1;
            let mut next = Some(second);
            while let Some(item) = next {
                self.save(cx, &item, false)?;
                n += 1;
                if n == BATCHSIZE {
                    break;
                }
                next = cx.next(it)?;
            }
            self.w1(op::APPENDS);
            if n != BATCHSIZE {
                return Ok(());
            }
        }
    }

    fn save_dict(
        &mut self,
        cx: &mut Cx,
        obj: &Value,
        d: &Arc<GilCell<crate::objects::dict::Dict>>,
    ) -> PyResult<()> {
        if self.fast {
            self.fast_enter(obj)?;
        }
        if self.bin {
            self.w1(op::EMPTY_DICT);
        } else {
            self.w(&[op::MARK, op::DICT]);
        }
        self.memo_put(obj)?;
        let r = if d.borrow(cx.gil).is_empty() {
            Ok(())
        } else {
            self.enter()?;
            let r = if self.proto > 0 {
                self.batch_dict_exact(cx, d)
            } else {
                let items = cx.load_attr(obj, "items")?;
                let items = cx.call(&items, vec![])?;
                let it = cx.iter(&items)?;
                self.batch_dict(cx, &it)
            };
            self.depth -= 1;
            r
        };
        if self.fast {
            self.fast_leave(obj);
        }
        r
    }

    fn batch_dict_exact(
        &mut self,
        cx: &mut Cx,
        d: &Arc<GilCell<crate::objects::dict::Dict>>,
    ) -> PyResult<()> {
        let items: Vec<(Value, Value)> = d
            .borrow(cx.gil)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let size = items.len();
        if size == 1 {
            self.save(cx, &items[0].0, false)?;
            self.save(cx, &items[0].1, false)?;
            self.w1(op::SETITEM);
            return Ok(());
        }
        let mut pairs = items.iter();
        loop {
            self.w1(op::MARK);
            let mut i = 0;
            for (k, v) in pairs.by_ref() {
                self.save(cx, k, false)?;
                self.save(cx, v, false)?;
                i += 1;
                if i == BATCHSIZE {
                    break;
                }
            }
            self.w1(op::SETITEMS);
            if d.borrow(cx.gil).len() != size {
                return Err(runtime_error("dictionary changed size during iteration").into());
            }
            if i != BATCHSIZE {
                return Ok(());
            }
        }
    }

    /// SETITEM/SETITEMS for an iterator of pairs (`batch_dict`).
    fn batch_dict(&mut self, cx: &mut Cx, it: &Value) -> PyResult<()> {
        let pair = |cx: &mut Cx| -> PyResult<Option<(Value, Value)>> {
            match cx.next(it)? {
                None => Ok(None),
                Some(Value::Tuple(t)) if t.len() == 2 => Ok(Some((t[0].clone(), t[1].clone()))),
                Some(_) => Err(type_error("dict items iterator must return 2-tuples").into()),
            }
        };
        if self.proto == 0 {
            while let Some((k, v)) = pair(cx)? {
                self.save(cx, &k, false)?;
                self.save(cx, &v, false)?;
                self.w1(op::SETITEM);
            }
            return Ok(());
        }
        loop {
            let Some(first) = pair(cx)? else {
                return Ok(());
            };
            let Some(second) = pair(cx)? else {
                self.save(cx, &first.0, false)?;
                self.save(cx, &first.1, false)?;
                self.w1(op::SETITEM);
                return Ok(());
            };
            self.w1(op::MARK);
            self.save(cx, &first.0, false)?;
            self.save(cx, &first.1, false)?;
            let mut n = 1;
            let mut next = Some(second);
            while let Some((k, v)) = next {
                self.save(cx, &k, false)?;
                self.save(cx, &v, false)?;
                n += 1;
                if n == BATCHSIZE {
                    break;
                }
                next = pair(cx)?;
            }
            self.w1(op::SETITEMS);
            if n != BATCHSIZE {
                return Ok(());
            }
        }
    }

    fn set_items(cx: &mut Cx, obj: &Value) -> Vec<Value> {
        match obj {
            Value::Set(s) => s.borrow(cx.gil).keys().cloned().collect(),
            Value::FrozenSet(s) => s.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    fn save_set(&mut self, cx: &mut Cx, obj: &Value) -> PyResult<()> {
        let items = Self::set_items(cx, obj);
        if self.proto < 4 {
            let reduce = vec![
                Value::Type(types().set.clone()),
                Value::tuple(vec![Value::list(items)]),
            ];
            return self.save_reduce(cx, &reduce, Some(obj));
        }
        self.w1(op::EMPTY_SET);
        self.memo_put(obj)?;
        let size = items.len();
        if size == 0 {
            return Ok(());
        }
        let mut rest = items.iter();
        loop {
            self.w1(op::MARK);
            let mut i = 0;
            for item in rest.by_ref() {
                self.save(cx, item, false)?;
                i += 1;
                if i == BATCHSIZE {
                    break;
                }
            }
            self.w1(op::ADDITEMS);
            let now = match obj {
                Value::Set(s) => s.borrow(cx.gil).len(),
                _ => size,
            };
            if now != size {
                return Err(runtime_error("set changed size during iteration").into());
            }
            if i != BATCHSIZE {
                return Ok(());
            }
        }
    }

    fn save_frozenset(&mut self, cx: &mut Cx, obj: &Value) -> PyResult<()> {
        if self.fast {
            self.fast_enter(obj)?;
        }
        let items = Self::set_items(cx, obj);
        if self.proto < 4 {
            let reduce = vec![
                Value::Type(types().frozenset.clone()),
                Value::tuple(vec![Value::list(items)]),
            ];
            return self.save_reduce(cx, &reduce, Some(obj));
        }
        self.w1(op::MARK);
        for item in &items {
            self.save(cx, item, false)?;
        }
        if let Some(idx) = self.memo.get(obj) {
            self.w1(op::POP_MARK);
            self.memo_get(idx);
            return Ok(());
        }
        self.w1(op::FROZENSET);
        self.memo_put(obj)
    }

    /// `persistent_id(obj)`: `true` when it gave an id (saved in place of `obj`).
    fn save_pers(&mut self, cx: &mut Cx, obj: &Value) -> PyResult<bool> {
        let Some(f) = self.pers_func.clone() else {
            return Ok(false);
        };
        let pid = cx.call(&f, vec![obj.clone()])?;
        if matches!(pid, Value::None) {
            return Ok(false);
        }
        if self.bin {
            self.save(cx, &pid, true)?;
            self.w1(op::BINPERSID);
        } else {
            let text = cx.str(&pid)?;
            if !text.is_ascii() {
                return Err(pickling_error(
                    cx.gil,
                    "persistent IDs in protocol 0 must be ASCII strings",
                )
                .into());
            }
            self.w1(op::PERSID);
            self.w(text.as_bytes());
            self.w1(b'\n');
        }
        Ok(true)
    }

    /// Everything else: `reducer_override`, classes and functions by reference, then
    /// a reduction from the dispatch table, `__reduce_ex__` or `__reduce__`.
    fn save_other(&mut self, cx: &mut Cx, obj: &Value) -> PyResult<()> {
        if let Some(view) = super::pickle_buffer_view(cx.gil, obj) {
            return self.save_picklebuffer(cx, obj, view?);
        }
        if let Some(ro) = self.reducer_override.clone() {
            let rv = cx.call(&ro, vec![obj.clone()])?;
            if !matches!(rv, Value::NotImplemented) {
                return self.save_reduce_value(cx, obj, rv);
            }
        }
        match obj {
            Value::Type(t) if t.meta.is_none() => return self.save_type(cx, obj, t),
            Value::Function(_) => return self.save_global(cx, obj, None),
            _ => {}
        }
        let cls = Value::Type(match obj {
            Value::Type(t) => t.meta.clone().unwrap_or_else(|| types().type_.clone()),
            _ => class_of(obj),
        });
        let reduce_func = match &self.dispatch_table {
            None => match &self.g.dispatch_table {
                Value::Dict(d) if !d.borrow(cx.gil).is_empty() => dict_get(cx.gil, d, &cls)?,
                _ => None,
            },
            Some(Value::Dict(d)) => dict_get(cx.gil, d, &cls)?,
            Some(table) => {
                let table = table.clone();
                let get = cx.load_attr(&table, "__getitem__")?;
                match cx.call(&get, vec![cls.clone()]) {
                    Ok(f) => Some(f),
                    Err(deferred::Unwind::Raise(e)) if e.is_instance(&types().exc.key_error) => {
                        None
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        let rv = if let Some(f) = reduce_func {
            cx.call(&f, vec![obj.clone()])?
        } else if let Value::Type(_) = obj {
            return self.save_global(cx, obj, None);
        } else if let Some(rv) = builtin_reduce(cx, obj) {
            rv
        } else if let Some(f) = lookup_attr(cx, obj, "__reduce_ex__")? {
            cx.call(&f, vec![Value::Int(self.proto as i64)])?
        } else if let Some(f) = lookup_attr(cx, obj, "__reduce__")? {
            cx.call(&f, vec![])?
        } else {
            // What `object.__reduce_ex__` says of an object it cannot reduce (every
            // CPython object has that method; pyvm's native objects may not).
            return Err(type_error(format!("cannot pickle '{}' object", type_name(obj))).into());
        };
        self.save_reduce_value(cx, obj, rv)
    }

    fn save_reduce_value(&mut self, cx: &mut Cx, obj: &Value, rv: Value) -> PyResult<()> {
        if rv.as_str().is_some() {
            return self.save_global(cx, obj, Some(rv));
        }
        let items: Vec<Value> = match crate::objects::class::payload(&rv).unwrap_or(&rv) {
            Value::Tuple(t) => t.to_vec(),
            _ => {
                return Err(
                    pickling_error(cx.gil, "__reduce__ must return a string or tuple").into(),
                )
            }
        };
        self.save_reduce(cx, &items, Some(obj))
    }

    /// A `PickleBuffer` (protocol 5): in band as bytes (read-only) or a bytearray,
    /// or out of band (`NEXT_BUFFER`, `READONLY_BUFFER`) when `buffer_callback`
    /// returns false for it.
    fn save_picklebuffer(&mut self, cx: &mut Cx, obj: &Value, view: Value) -> PyResult<()> {
        if self.proto < 5 {
            return Err(
                pickling_error(cx.gil, "PickleBuffer can only pickled with protocol >= 5").into(),
            );
        }
        let contiguous = cx.load_attr(&view, "contiguous")?;
        if !cx.truthy(&contiguous)? {
            return Err(pickling_error(
                cx.gil,
                "PickleBuffer can not be pickled when pointing to a non-contiguous buffer",
            )
            .into());
        }
        let readonly = cx.load_attr(&view, "readonly")?;
        let readonly = cx.truthy(&readonly)?;
        let in_band = match self.buffer_callback.clone() {
            Some(f) => {
                let r = cx.call(&f, vec![obj.clone()])?;
                cx.truthy(&r)?
            }
            None => true,
        };
        if !in_band {
            self.w1(op::NEXT_BUFFER);
            if readonly {
                self.w1(op::READONLY_BUFFER);
            }
            return Ok(());
        }
        let data = bytes_arg(cx.gil, &view)?;
        if readonly {
            self.save_bytes(cx, obj, &Arc::new(data))
        } else {
            self.save_bytearray(cx, obj, &Arc::new(GilCell::new(data)))
        }
    }

    /// `type(None)`, `type(...)` and `type(NotImplemented)` are `type(singleton)`.
    fn save_type(&mut self, cx: &mut Cx, obj: &Value, t: &Arc<PyType>) -> PyResult<()> {
        let ty = types();
        let singleton = if Arc::ptr_eq(t, &ty.none_type) {
            Value::None
        } else if Arc::ptr_eq(t, &ty.ellipsis) {
            Value::Ellipsis
        } else if Arc::ptr_eq(t, &ty.not_implemented) {
            Value::NotImplemented
        } else {
            return self.save_global(cx, obj, None);
        };
        let reduce = vec![Value::Type(ty.type_.clone()), Value::tuple(vec![singleton])];
        self.save_reduce(cx, &reduce, Some(obj))
    }

    /// The string a module name is saved as (see `names`).
    fn module_name(&mut self, v: Value) -> Value {
        match v.as_str() {
            Some(text) if matches!(v, Value::Str(_)) => self
                .names
                .entry(text.to_owned())
                .or_insert_with(|| v.clone())
                .clone(),
            _ => v,
        }
    }

    /// A class or function by reference: `module` and `qualname`, checked to give
    /// `obj` back (`save_global`).
    fn save_global(&mut self, cx: &mut Cx, obj: &Value, name: Option<Value>) -> PyResult<()> {
        let global_name = match name {
            Some(n) => n,
            None => match lookup_attr(cx, obj, "__qualname__")? {
                Some(q) => q,
                None => cx.load_attr(obj, "__name__")?,
            },
        };
        let Some(gname) = global_name.as_str().map(str::to_owned) else {
            return Err(type_error(format!("must be str, not {}", type_name(&global_name))).into());
        };
        let dotted: Vec<&str> = gname.split('.').collect();
        if dotted.contains(&"<locals>") {
            return Err(attribute_error(format!(
                "Can't pickle local object {}",
                crate::objects::repr::str_repr(&gname)?
            ))
            .into());
        }
        let module_name = self.which_module(cx, obj, &dotted)?;
        let module_name = self.module_name(module_name);
        let Some(mname) = module_name.as_str().map(str::to_owned) else {
            return Err(type_error("module name must be str").into());
        };
        let module = match super::import(cx, &mname) {
            Ok(m) => m,
            Err(deferred::Unwind::Raise(_)) => {
                let r = cx.repr(obj)?;
                return Err(pickling_error(
                    cx.gil,
                    format!(
                        "Can't pickle {r}: import of module {} failed",
                        crate::objects::repr::str_repr(&mname)?
                    ),
                )
                .into());
            }
            Err(e) => return Err(e),
        };
        let found = deep_attr(cx, &module, &dotted)?;
        let Some((parent, found)) = found else {
            let r = cx.repr(obj)?;
            return Err(pickling_error(
                cx.gil,
                format!("Can't pickle {r}: attribute lookup {gname} on {mname} failed"),
            )
            .into());
        };
        if !found.is(obj) {
            let r = cx.repr(obj)?;
            return Err(pickling_error(
                cx.gil,
                format!("Can't pickle {r}: it's not the same object as {mname}.{gname}"),
            )
            .into());
        }
        if self.proto >= 2 {
            if let Some(code) = self.extension_code(cx, obj, &module_name, &global_name)? {
                if code <= 0xff {
                    self.w(&[op::EXT1, code as u8]);
                } else if code <= 0xffff {
                    self.w(&[op::EXT2, code as u8, (code >> 8) as u8]);
                } else {
                    let mut b = [op::EXT4, 0, 0, 0, 0];
                    b[1..].copy_from_slice(&(code as u32).to_le_bytes());
                    self.w(&b);
                }
                return Ok(());
            }
        }
        let parent_is_module = parent.is(&module);
        let lastname = dotted[dotted.len() - 1];
        let global_name = if parent_is_module && dotted.len() > 1 {
            Value::str(lastname)
        } else {
            global_name
        };
        if self.proto >= 4 {
            self.save(cx, &module_name, false)?;
            self.save(cx, &global_name, false)?;
            self.w1(op::STACK_GLOBAL);
        } else if !parent_is_module {
            let reduce = vec![
                self.g.getattr.clone(),
                Value::tuple(vec![parent, Value::str(lastname)]),
            ];
            self.save_reduce(cx, &reduce, None)?;
        } else {
            let (mut m, mut n) = (mname, global_name.as_str().unwrap_or("").to_owned());
            if self.fix_imports {
                if let Some((fm, fnm)) = self.g.name_3to2.get(&(m.clone(), n.clone())) {
                    match (fm.as_str(), fnm.as_str()) {
                        (Some(a), Some(b)) => (m, n) = (a.to_owned(), b.to_owned()),
                        _ => {
                            return Err(runtime_error(
                                "_compat_pickle.REVERSE_NAME_MAPPING values should be pairs of str",
                            )
                            .into())
                        }
                    }
                } else if let Some(fm) = self.g.import_3to2.get(&m) {
                    match fm.as_str() {
                        Some(a) => m = a.to_owned(),
                        None => {
                            return Err(runtime_error(
                                "_compat_pickle.REVERSE_IMPORT_MAPPING values should be strings",
                            )
                            .into())
                        }
                    }
                }
            }
            for (text, what) in [(&m, "module"), (&n, "global")] {
                if self.proto != 3 && !text.is_ascii() {
                    return Err(pickling_error(
                        cx.gil,
                        format!(
                            "can't pickle {what} identifier '{text}' using pickle protocol {}",
                            self.proto
                        ),
                    )
                    .into());
                }
            }
            self.room(m.len() + n.len() + 3)?;
            self.w1(op::GLOBAL);
            self.w(m.as_bytes());
            self.w1(b'\n');
            self.w(n.as_bytes());
            self.w1(b'\n');
        }
        self.memo_put(obj)
    }

    /// `obj.__module__`, else the first module of `sys.modules` that holds it.
    fn which_module(&mut self, cx: &mut Cx, obj: &Value, dotted: &[&str]) -> PyResult<Value> {
        if let Some(m) = lookup_attr(cx, obj, "__module__")? {
            if !matches!(m, Value::None) {
                return Ok(m);
            }
        }
        let modules: Vec<(Value, Value)> = crate::modules::sys_modules()
            .borrow(cx.gil)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (name, module) in modules {
            if name.as_str() == Some("__main__") || matches!(module, Value::None) {
                continue;
            }
            match deep_attr(cx, &module, dotted) {
                Ok(Some((_, found))) if found.is(obj) => return Ok(name),
                Ok(_) | Err(deferred::Unwind::Raise(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Value::str("__main__"))
    }

    /// The code `copyreg.add_extension` gave `(module, name)`, if any.
    fn extension_code(
        &mut self,
        cx: &mut Cx,
        obj: &Value,
        module: &Value,
        name: &Value,
    ) -> PyResult<Option<i64>> {
        let Value::Dict(reg) = &self.g.extension_registry else {
            return Ok(None);
        };
        if reg.borrow(cx.gil).is_empty() {
            return Ok(None);
        }
        let key = Value::tuple(vec![module.clone(), name.clone()]);
        let Some(code) = dict_get(cx.gil, reg, &key)? else {
            return Ok(None);
        };
        let r = cx.repr(obj)?;
        match code {
            Value::Int(c) if c > 0 && c <= 0x7fff_ffff => Ok(Some(c)),
            Value::Int(c) => Err(pickling_error(
                cx.gil,
                format!("Can't pickle {r}: extension code {c} is out of range"),
            )
            .into()),
            other => {
                let c = cx.repr(&other)?;
                Err(pickling_error(
                    cx.gil,
                    format!("Can't pickle {r}: extension code {c} isn't an integer"),
                )
                .into())
            }
        }
    }

    /// `save_reduce(callable, args, state, listitems, dictitems, state_setter)`.
    fn save_reduce(&mut self, cx: &mut Cx, rv: &[Value], obj: Option<&Value>) -> PyResult<()> {
        if !(2..=6).contains(&rv.len()) {
            return Err(pickling_error(
                cx.gil,
                "tuple returned by __reduce__ must contain 2 through 6 elements",
            )
            .into());
        }
        let part = |i: usize| rv.get(i).filter(|v| !matches!(v, Value::None)).cloned();
        let callable = rv[0].clone();
        let argtup = rv[1].clone();
        let (state, listitems, dictitems, state_setter) = (part(2), part(3), part(4), part(5));
        if !is_callable(&callable) {
            return Err(pickling_error(
                cx.gil,
                "first item of the tuple returned by __reduce__ must be callable",
            )
            .into());
        }
        let Some(args) = tuple_items(&argtup) else {
            return Err(pickling_error(
                cx.gil,
                "second item of the tuple returned by __reduce__ must be a tuple",
            )
            .into());
        };
        for (v, which) in [(&listitems, "fourth"), (&dictitems, "fifth")] {
            if let Some(v) = v {
                if !is_iterator(cx, v)? {
                    return Err(pickling_error(
                        cx.gil,
                        format!(
                            "{which} element of the tuple returned by __reduce__ must be an iterator, not {}",
                            type_name(v)
                        ),
                    )
                    .into());
                }
            }
        }
        if let Some(s) = &state_setter {
            if !is_callable(s) {
                return Err(pickling_error(
                    cx.gil,
                    format!(
                        "sixth element of the tuple returned by __reduce__ must be a function, not {}",
                        type_name(s)
                    ),
                )
                .into());
            }
        }
        let (mut use_newobj, mut use_newobj_ex) = (false, false);
        if self.proto >= 2 {
            let name = lookup_attr(cx, &callable, "__name__")?;
            match name.as_ref().and_then(|n| n.as_str()) {
                Some("__newobj_ex__") => use_newobj_ex = true,
                Some("__newobj__") => use_newobj = true,
                _ => {}
            }
        }
        if use_newobj_ex {
            self.save_newobj_ex(cx, &args)?;
        } else if use_newobj {
            let Some(cls) = args.first() else {
                return Err(pickling_error(cx.gil, "__newobj__ arglist is empty").into());
            };
            let Value::Type(t) = cls else {
                return Err(
                    pickling_error(cx.gil, "args[0] from __newobj__ args is not a type").into(),
                );
            };
            if let Some(o) = obj {
                let oc = match lookup_attr(cx, o, "__class__")? {
                    Some(c) => c,
                    None => Value::Type(class_of(o)),
                };
                if !matches!(&oc, Value::Type(c) if Arc::ptr_eq(c, t)) {
                    return Err(pickling_error(
                        cx.gil,
                        "args[0] from __newobj__ args has the wrong class",
                    )
                    .into());
                }
            }
            self.save(cx, cls, false)?;
            self.save(cx, &Value::tuple(args[1..].to_vec()), false)?;
            self.w1(op::NEWOBJ);
        } else {
            self.save(cx, &callable, false)?;
            self.save(cx, &argtup, false)?;
            self.w1(op::REDUCE);
        }
        if let Some(o) = obj {
            if let Some(idx) = self.memo.get(o) {
                self.w1(op::POP);
                self.memo_get(idx);
                return Ok(());
            }
            self.memo_put(o)?;
        }
        if let Some(it) = listitems {
            self.batch_list(cx, &it)?;
        }
        if let Some(it) = dictitems {
            self.batch_dict(cx, &it)?;
        }
        if let Some(state) = state {
            match state_setter {
                None => {
                    self.save(cx, &state, false)?;
                    self.w1(op::BUILD);
                }
                Some(setter) => {
                    self.save(cx, &setter, false)?;
                    self.save(cx, obj.unwrap_or(&Value::None), false)?;
                    self.save(cx, &state, false)?;
                    self.w(&[op::TUPLE2, op::REDUCE, op::POP]);
                }
            }
        }
        Ok(())
    }

    /// `copyreg.__newobj_ex__(cls, args, kwargs)`: NEWOBJ_EX, or before protocol 4
    /// `partial(cls.__new__, cls, *args, **kwargs)()`.
    fn save_newobj_ex(&mut self, cx: &mut Cx, args: &[Value]) -> PyResult<()> {
        if args.len() != 3 {
            return Err(pickling_error(
                cx.gil,
                format!(
                    "length of the NEWOBJ_EX argument tuple must be exactly 3, not {}",
                    args.len()
                ),
            )
            .into());
        }
        let (cls, a, kw) = (&args[0], &args[1], &args[2]);
        let checks = [
            (matches!(cls, Value::Type(_)), "first", "a class", cls),
            (tuple_items(a).is_some(), "second", "a tuple", a),
            (
                matches!(
                    crate::objects::class::payload(kw).unwrap_or(kw),
                    Value::Dict(_)
                ),
                "third",
                "a dict",
                kw,
            ),
        ];
        for (ok, which, what, v) in checks {
            if !ok {
                return Err(pickling_error(
                    cx.gil,
                    format!(
                        "{which} item from NEWOBJ_EX argument tuple must be {what}, not {}",
                        type_name(v)
                    ),
                )
                .into());
            }
        }
        if self.proto >= 4 {
            self.save(cx, cls, false)?;
            self.save(cx, a, false)?;
            self.save(cx, kw, false)?;
            self.w1(op::NEWOBJ_EX);
            return Ok(());
        }
        let new = cx.load_attr(cls, "__new__")?;
        let mut pos = vec![new, cls.clone()];
        pos.extend(tuple_items(a).unwrap_or_default());
        let mut call = Args::new(pos);
        if let Value::Dict(d) = crate::objects::class::payload(kw).unwrap_or(kw) {
            for (k, v) in d.borrow(cx.gil).iter() {
                if let Some(k) = k.as_str() {
                    call.kw.push((k.to_owned(), v.clone()));
                }
            }
        }
        let partial = cx.call_args(&self.g.partial.clone(), call)?;
        self.save(cx, &partial, false)?;
        self.save(cx, &Value::tuple(vec![]), false)?;
        self.w1(op::REDUCE);
        Ok(())
    }
}

/// What `__reduce__` gives for built-in objects whose reduction pyvm's object
/// model lacks: `Ellipsis` and `NotImplemented` by name, `range(...)`,
/// and `slice(...)` (exceptions have `BaseException.__reduce__`).
fn builtin_reduce(cx: &mut Cx, obj: &Value) -> Option<Value> {
    let ty = types();
    let call = |t: &Arc<PyType>, args: Vec<Value>| {
        Some(Value::tuple(vec![
            Value::Type(t.clone()),
            Value::tuple(args),
        ]))
    };
    match obj {
        // A bound method: `(getattr, (self, name))` (C's `method_reduce`).
        Value::Method(m) => {
            let name = cx.getattr(&m.func, "__name__").ok()?;
            Some(Value::tuple(vec![
                crate::native::builtin_function(cx.gil, "getattr"),
                Value::tuple(vec![m.this.clone(), name]),
            ]))
        }
        // A method of a built-in type (`str.index`): `(getattr, (str, 'index'))`
        // (C's `descr_reduce`).
        Value::Native(d) if crate::objects::methods::is_class_method(d) => None,
        Value::Native(d) => {
            let owner = crate::objects::methods::method_table_owner(d)?;
            let t = crate::native::builtin_function(cx.gil, owner);
            if !matches!(t, Value::Type(_)) {
                return None;
            }
            Some(Value::tuple(vec![
                crate::native::builtin_function(cx.gil, "getattr"),
                Value::tuple(vec![t, Value::str(d.name)]),
            ]))
        }
        Value::Ellipsis => Some(Value::str("Ellipsis")),
        Value::NotImplemented => Some(Value::str("NotImplemented")),
        Value::Range(r) => call(&ty.range, vec![r.start(), r.stop(), r.step()]),
        Value::Slice(s) => call(&ty.slice, s.to_vec()),
        _ => None,
    }
}

/// An opcode and its little-endian size field of 1, 4 or 8 bytes, on the stack.
struct Header {
    buf: [u8; 9],
    len: usize,
}

impl Header {
    fn new(code: u8, n: usize, width: usize) -> Header {
        let mut buf = [0u8; 9];
        buf[0] = code;
        buf[1..9].copy_from_slice(&(n as u64).to_le_bytes());
        Header {
            buf,
            len: 1 + width,
        }
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// The items of a tuple (or a tuple subclass instance).
fn tuple_items(v: &Value) -> Option<Vec<Value>> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Tuple(t) => Some(t.to_vec()),
        _ => None,
    }
}

/// `PyIter_Check`: has `__next__`.
fn is_iterator(cx: &mut Cx, v: &Value) -> PyResult<bool> {
    if matches!(v, Value::Iter(_) | Value::Generator(_)) {
        return Ok(true);
    }
    Ok(lookup_attr(cx, v, "__next__")?.is_some())
}

/// Walk `a.b.c` from `obj`: `(parent, value)`, `None` when an attribute is missing.
fn deep_attr(cx: &mut Cx, obj: &Value, dotted: &[&str]) -> PyResult<Option<(Value, Value)>> {
    let mut parent = obj.clone();
    let mut cur = obj.clone();
    for name in dotted {
        parent = cur.clone();
        match lookup_attr(cx, &cur, name)? {
            Some(v) => cur = v,
            None => return Ok(None),
        }
    }
    Ok(Some((parent, cur)))
}

/// Protocol 0's text form of a str: raw-unicode-escape, with `\`, NUL, `\n`, `\r`
/// and `\x1a` escaped too.
fn raw_unicode_escape(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n >= 0x10000 {
            out.extend_from_slice(format!("\\U{n:08x}").as_bytes());
        } else if n >= 256 || matches!(c, '\\' | '\0' | '\n' | '\r' | '\x1a') {
            out.extend_from_slice(format!("\\u{n:04x}").as_bytes());
        } else {
            out.push(n as u8);
        }
    }
    out
}
