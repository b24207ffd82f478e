//! The code cache: the compiled code of imported modules kept on disk between runs,
//! as CPython keeps `.pyc` files, so importing a module that has not changed costs
//! reading a file instead of parsing and compiling its source.
//!
//! Where: a per-user folder, `$XDG_CACHE_HOME/pyvm/code/` (else
//! `~/.cache/pyvm/code/`), one file per module, named by a hash of the source's
//! absolute path (CPython writes `__pycache__/NAME.cpython-311.pyc` beside the source;
//! the folders of an installed library are often not writable by the user running
//! it, and pyvm's code is not CPython's, so it may not go there).
//!
//! A file is used only when all of its header matches (else the module is compiled
//! again and the file rewritten):
//!
//! ```text
//!  magic "pyvmcode" | format version u32 | build id [u8; 24] (size, mtime in ns and
//!  inode of the running pyvm binary) | source size u64 | source mtime in ns i64 |
//!  the source's path (u32 length + UTF-8) | payload length u64 | payload checksum u64
//!  | payload (the module's code object)
//! ```
//!
//! The build id is the identity of the binary file itself (read once per process from
//! `/proc/self/exe`), not a hash of the compiler's sources made at build time: any
//! rebuild, whatever it changed (the compiler, the opcode numbering, how a constant is
//! represented, the interning of strings), makes new files, and it costs no build
//! script. Source size and mtime are CPython's validation of a `.pyc`; the path is
//! stored so that two sources whose paths hash alike never take each other's code.
//!
//! The payload is little-endian, with LEB128 integers. Reading checks every length
//! against the bytes that remain and every number against its range, so a truncated,
//! corrupt or foreign file is "not usable" (`None`), never a panic nor a large
//! allocation; the checksum catches corruption that still parses. What the compiler
//! makes per code object at run time (the global, method and attribute caches) is made
//! empty again, as the compiler makes it. A code object's filename is not stored: it
//! is the name the importer gives (CPython's `_fix_co_filename`). The compiler reads
//! no run-time option (`-O` keeps `assert`s), so one file serves every command line;
//! an option that changed the code made would have to be part of the header.
//!
//! Files of sources that are gone are removed after 30 days unused ([`sweep`]).

use super::code::{Code, GlobalSlot, Params, Pos};
use super::opcodes::{Instr, Op};
use crate::objects::gil::{GilCell, GilCopy};
use crate::objects::rc::Arc;
use crate::objects::value::PyBool;
use crate::objects::value::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"pyvmcode";
/// Bump when the payload's layout changes.
const VERSION: u32 = 1;
/// Code objects and tuples nested deeper are not cached (nor read back).
const MAX_DEPTH: usize = 200;

// Tags of constants.
const T_NONE: u8 = 0;
const T_ELLIPSIS: u8 = 1;
const T_FALSE: u8 = 2;
const T_TRUE: u8 = 3;
const T_INT: u8 = 4;
const T_FLOAT: u8 = 5;
const T_COMPLEX: u8 = 6;
const T_BIG: u8 = 7;
const T_STR: u8 = 8;
/// A `str` the compiler interned (see `Compiler::add_const`).
const T_STR_INTERNED: u8 = 9;
const T_BYTES: u8 = 10;
const T_TUPLE: u8 = 11;
const T_CODE: u8 = 12;

/// What a cached file must match besides the binary: the source's size and mtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(m: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            size: m.size(),
            mtime_ns: m
                .mtime()
                .wrapping_mul(1_000_000_000)
                .wrapping_add(m.mtime_nsec()),
        }
    }
}

// ---------------------------------------------------------------------------------
// Encoding

struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, b: u8) {
        self.buf.push(b);
    }

    fn var(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }

    fn signed(&mut self, v: i64) {
        self.var(((v << 1) ^ (v >> 63)) as u64);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.var(b.len() as u64);
        self.buf.extend_from_slice(b);
    }

    fn strs(&mut self, v: &[String]) {
        self.var(v.len() as u64);
        for s in v {
            self.bytes(s.as_bytes());
        }
    }

    fn code(&mut self, c: &Code, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH || c.positions.len() != c.instrs.len() {
            return None;
        }
        self.bytes(c.name.as_bytes());
        self.bytes(c.qualname.as_bytes());
        self.var(c.instrs.len() as u64);
        for i in &c.instrs {
            self.u8(i.op as u8);
            self.var(i.arg.into());
        }
        let mut line = 0i64;
        for p in &c.positions {
            self.signed(i64::from(p.line) - line);
            line = p.line.into();
            self.signed(i64::from(p.end_line) - line);
            self.var(p.col.into());
            self.var(p.end_col.into());
            self.var(p.anchor_lo.into());
            self.var(p.anchor_hi.into());
        }
        self.var(c.consts.len() as u64);
        for v in &c.consts {
            self.value(v, depth)?;
        }
        self.var(c.names.len() as u64);
        for n in &c.names {
            self.bytes(n.as_str()?.as_bytes());
        }
        self.strs(&c.varnames);
        if c.cell_params.len() != c.cellvars.len() {
            return None;
        }
        self.strs(&c.cellvars);
        for p in &c.cell_params {
            self.var(p.map_or(0, |p| u64::from(p) + 1));
        }
        self.strs(&c.freevars);
        let p = &c.params;
        self.var(p.argcount.into());
        self.var(p.posonly.into());
        self.var(p.kwonly.into());
        self.u8(u8::from(p.varargs) | u8::from(p.varkw) << 1 | u8::from(c.is_module) << 2);
        self.var(c.first_line.into());
        match &c.doc {
            None => self.u8(0),
            Some(d) => {
                self.u8(1);
                self.bytes(d.as_bytes());
            }
        }
        self.var(c.flags().into());
        Some(())
    }

    fn value(&mut self, v: &Value, depth: usize) -> Option<()> {
        match v {
            Value::None => self.u8(T_NONE),
            Value::Ellipsis => self.u8(T_ELLIPSIS),
            Value::Bool(PyBool::False) => self.u8(T_FALSE),
            Value::Bool(PyBool::True) => self.u8(T_TRUE),
            Value::Int(i) => {
                self.u8(T_INT);
                self.signed(*i);
            }
            Value::Float(f) => {
                self.u8(T_FLOAT);
                self.buf.extend_from_slice(&f.get().to_bits().to_le_bytes());
            }
            Value::Complex(c) => {
                self.u8(T_COMPLEX);
                self.buf.extend_from_slice(&c.re.to_bits().to_le_bytes());
                self.buf.extend_from_slice(&c.im.to_bits().to_le_bytes());
            }
            Value::Big(b) => {
                self.u8(T_BIG);
                self.bytes(&b.to_signed_bytes_le());
            }
            Value::Str(s) => {
                self.u8(match s.is_interned() {
                    true => T_STR_INTERNED,
                    false => T_STR,
                });
                self.bytes(s.as_str().as_bytes());
            }
            Value::Bytes(b) => {
                self.u8(T_BYTES);
                self.bytes(b);
            }
            Value::Tuple(t) => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                self.u8(T_TUPLE);
                self.var(t.len() as u64);
                for item in t.iter() {
                    self.value(item, depth + 1)?;
                }
            }
            Value::Code(c) => {
                self.u8(T_CODE);
                self.code(c, depth + 1)?;
            }
            // Nothing else is a constant the compiler makes: such code is not cached.
            _ => return None,
        }
        Some(())
    }
}

/// The payload for `code`, or `None` when it holds what the format cannot (it is then
/// not cached).
pub fn encode(code: &Code) -> Option<Vec<u8>> {
    let mut w = Writer {
        buf: Vec::with_capacity(4096),
    };
    w.code(code, 0)?;
    Some(w.buf)
}

// ---------------------------------------------------------------------------------
// Decoding

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
    filename: std::sync::Arc<str>,
}

impl<'a> Reader<'a> {
    fn left(&self) -> usize {
        self.b.len() - self.at
    }

    fn u8(&mut self) -> Option<u8> {
        let b = *self.b.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.left() {
            return None;
        }
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        Some(s)
    }

    fn u64_le(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            let bits = u64::from(b & 0x7f);
            if shift == 63 && bits > 1 {
                return None;
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.var()?).ok()
    }

    fn signed(&mut self) -> Option<i64> {
        let v = self.var()?;
        Some((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    /// A count of items that each take at least `min` bytes: no more than the bytes
    /// left can hold (so a corrupt count never makes a large allocation).
    fn count(&mut self, min: usize) -> Option<usize> {
        let n = usize::try_from(self.var()?).ok()?;
        (n.checked_mul(min)? <= self.left()).then_some(n)
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.count(1)?;
        self.take(n)
    }

    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.count(1)?;
        (0..n).map(|_| self.str().map(str::to_owned)).collect()
    }

    fn code(&mut self, depth: usize) -> Option<Arc<Code>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let name = std::sync::Arc::from(self.str()?);
        let qualname = self.str()?.to_owned();
        // An instruction takes at least 2 bytes and its position 6 more.
        let n = self.count(8)?;
        let mut instrs = Vec::with_capacity(n);
        for _ in 0..n {
            let op = Op::from_u8(self.u8()?)?;
            instrs.push(Instr {
                op,
                arg: self.u32()?,
            });
        }
        let mut positions = Vec::with_capacity(n);
        let mut line = 0i64;
        let as_u32 = |v: i64| u32::try_from(v).ok();
        for _ in 0..n {
            line = line.checked_add(self.signed()?)?;
            let end_line = line.checked_add(self.signed()?)?;
            positions.push(Pos {
                line: as_u32(line)?,
                end_line: as_u32(end_line)?,
                col: self.u32()?,
                end_col: self.u32()?,
                anchor_lo: self.u32()?,
                anchor_hi: self.u32()?,
            });
        }
        let n = self.count(1)?;
        let mut consts = Vec::with_capacity(n);
        for _ in 0..n {
            consts.push(self.value(depth)?);
        }
        let n = self.count(1)?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(crate::objects::str::intern(self.str()?));
        }
        let varnames = self.strs()?;
        let cellvars = self.strs()?;
        let mut cell_params = Vec::with_capacity(cellvars.len());
        for _ in 0..cellvars.len() {
            cell_params.push(match self.u32()? {
                0 => None,
                p => Some(p - 1),
            });
        }
        let freevars = self.strs()?;
        let argcount = self.u32()?;
        let posonly = self.u32()?;
        let kwonly = self.u32()?;
        let bits = self.u8()?;
        if bits > 7 {
            return None;
        }
        let first_line = self.u32()?;
        let doc = match self.u8()? {
            0 => None,
            1 => Some(self.str()?.to_owned()),
            _ => return None,
        };
        let flags = self.u32()?;
        let names_len = names.len();
        Some(Arc::new(Code {
            name,
            qualname,
            filename: self.filename.clone(),
            instrs,
            positions,
            consts,
            names,
            varnames,
            cellvars,
            freevars,
            cell_params,
            params: Params {
                argcount,
                posonly,
                kwonly,
                varargs: bits & 1 != 0,
                varkw: bits & 2 != 0,
            },
            first_line,
            doc,
            is_module: bits & 4 != 0,
            flags: std::sync::atomic::AtomicU32::new(flags),
            global_cache: (0..names_len)
                .map(|_| GilCopy::new(GlobalSlot::default()))
                .collect(),
            method_cache: GilCell::new(vec![Default::default(); names_len]),
            attr_cache: GilCell::new(vec![Default::default(); names_len]),
        }))
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        Some(match self.u8()? {
            T_NONE => Value::None,
            T_ELLIPSIS => Value::Ellipsis,
            T_FALSE => Value::bool(false),
            T_TRUE => Value::bool(true),
            T_INT => Value::Int(self.signed()?),
            T_FLOAT => Value::float(f64::from_bits(self.u64_le()?)),
            T_COMPLEX => {
                let re = f64::from_bits(self.u64_le()?);
                let im = f64::from_bits(self.u64_le()?);
                crate::objects::complex::value(re, im)
            }
            T_BIG => {
                let b = num_bigint::BigInt::from_signed_bytes_le(self.bytes()?);
                crate::objects::int::normalize(b)
            }
            T_STR => Value::str(self.str()?),
            T_STR_INTERNED => crate::objects::str::intern(self.str()?),
            T_BYTES => Value::Bytes(Arc::new(self.bytes()?.to_vec())),
            T_TUPLE => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                let n = self.count(1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                Value::tuple(items)
            }
            T_CODE => Value::Code(self.code(depth + 1)?),
            _ => return None,
        })
    }
}

/// The code object of `payload` (what [`encode`] made), with `filename` as every code
/// object's filename; `None` when the bytes are not such a payload.
pub fn decode(payload: &[u8], filename: &str) -> Option<Arc<Code>> {
    let mut r = Reader {
        b: payload,
        at: 0,
        filename: std::sync::Arc::from(filename),
    };
    let code = r.code(0)?;
    (r.left() == 0).then_some(code)
}

/// A 64-bit checksum of `b` (corruption, not tampering: an FNV-style mix of 8-byte
/// words, fast enough to be noise beside reading the file).
fn checksum(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or_default());
        h = (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    for &x in chunks.remainder() {
        h = (h ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^ (h >> 32)
}

// ---------------------------------------------------------------------------------
// Files

/// The header's fields besides the magic and version.
struct Header<'a> {
    build: [u8; 24],
    stamp: Stamp,
    key: &'a str,
}

/// A whole cache file: header then payload.
fn file_bytes(h: &Header<'_>, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(80 + h.key.len() + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&h.build);
    out.extend_from_slice(&h.stamp.size.to_le_bytes());
    out.extend_from_slice(&h.stamp.mtime_ns.to_le_bytes());
    out.extend_from_slice(&(h.key.len() as u32).to_le_bytes());
    out.extend_from_slice(h.key.as_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The payload of a cache file whose header is `h`, or `None`.
fn payload_of<'b>(file: &'b [u8], h: &Header<'_>) -> Option<&'b [u8]> {
    let mut r = Reader {
        b: file,
        at: 0,
        filename: std::sync::Arc::from(""),
    };
    let ok = r.take(8)? == MAGIC
        && r.take(4)? == VERSION.to_le_bytes()
        && r.take(24)? == h.build
        && r.u64_le()? == h.stamp.size
        && r.u64_le()? == h.stamp.mtime_ns as u64
        && {
            let n = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
            r.take(n)? == h.key.as_bytes()
        };
    if !ok {
        return None;
    }
    let len = usize::try_from(r.u64_le()?).ok()?;
    let sum = r.u64_le()?;
    let payload = r.take(len)?;
    (r.left() == 0 && checksum(payload) == sum).then_some(payload)
}

/// The code of a cache file's bytes for `key` at `stamp`, built by `build`.
fn code_of_file(file: &[u8], h: &Header<'_>, filename: &str) -> Option<Arc<Code>> {
    decode(payload_of(file, h)?, filename)
}

/// The identity of the running pyvm binary: its size, mtime and inode, read once.
/// `None` (no cache at all) when it cannot be read.
fn build_id() -> Option<[u8; 24]> {
    static ID: OnceLock<Option<[u8; 24]>> = OnceLock::new();
    *ID.get_or_init(|| {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata("/proc/self/exe")
            .or_else(|_| std::env::current_exe().and_then(std::fs::metadata))
            .ok()?;
        let s = Stamp::of(&m);
        let mut id = [0u8; 24];
        id[..8].copy_from_slice(&s.size.to_le_bytes());
        id[8..16].copy_from_slice(&s.mtime_ns.to_le_bytes());
        id[16..].copy_from_slice(&m.ino().to_le_bytes());
        Some(id)
    })
}

/// The cache folder: `$XDG_CACHE_HOME/pyvm/code` (an absolute `XDG_CACHE_HOME`, as
/// the XDG rules say), else `~/.cache/pyvm/code`. Read once per process.
fn folder() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = match std::env::var_os("XDG_CACHE_HOME") {
            Some(d) if Path::new(&d).is_absolute() => PathBuf::from(d),
            _ => PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?).join(".cache"),
        };
        Some(base.join("pyvm").join("code"))
    })
    .as_deref()
}

/// The file name for `key`: 64-bit FNV-1a of it, in hex.
fn file_name(key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}.code")
}

/// The key of a source file: its absolute path (relative to the current folder when
/// it is relative), or `None`.
pub fn key_of(path: &str) -> Option<String> {
    let p = Path::new(path);
    if p.is_absolute() {
        return Some(path.to_owned());
    }
    let abs = std::env::current_dir().ok()?.join(p);
    abs.to_str().map(str::to_owned)
}

/// The cached code for the source `key` (an absolute path, or a frozen module's
/// `<frozen>/NAME`) whose file has `stamp`, with `filename` as its filename; `None`
/// when there is no usable cache file.
pub fn load(key: &str, stamp: Stamp, filename: &str) -> Option<Arc<Code>> {
    let h = Header {
        build: build_id()?,
        stamp,
        key,
    };
    let file = std::fs::read(folder()?.join(file_name(key))).ok()?;
    // Code objects nest as deeply as the source's functions: decode on the OS
    // thread's stack, as the compiler runs.
    crate::mt::worker::on_os_stack(|| code_of_file(&file, &h, filename))
}

/// Write `code`, compiled from the source `key` at `stamp`, to the cache. Written to a
/// temporary file then renamed, so that a reader never sees half a file; any failure
/// (a read-only or full disk, no home folder) is ignored: the next run compiles again.
pub fn store(key: &str, stamp: Stamp, code: &Code) {
    let (Some(build), Some(dir)) = (build_id(), folder()) else {
        return;
    };
    let Some(payload) = crate::mt::worker::on_os_stack(|| encode(code)) else {
        return;
    };
    let bytes = file_bytes(&Header { build, stamp, key }, &payload);
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = file_name(key);
    let tmp = dir.join(format!("{name}.{}.{seq}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        if let Err(e) = std::fs::write(&tmp, &bytes) {
            if e.kind() != std::io::ErrorKind::NotFound {
                return Err(e);
            }
            // Private: the code of a private source would be readable in a shared
            // folder (CPython's `.pyc` takes its source's permissions).
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
            std::fs::write(&tmp, &bytes)?;
        }
        std::fs::rename(&tmp, dir.join(&name))
    };
    if write().is_err() {
        let _ = std::fs::remove_file(&tmp);
        return;
    }
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !SWEPT.swap(true, std::sync::atomic::Ordering::Relaxed) {
        sweep(dir);
    }
}

/// The files of sources that are gone (a test's temporary folder) would pile up: at
/// most once a day (the mtime of `.swept`), the first process to write a file then
/// removes those neither read nor written for 30 days (a file read daily but on a
/// `noatime` mount is compiled again once a month), and temporary files a crash left.
fn sweep(dir: &Path) {
    use std::time::{Duration, SystemTime};
    let day = Duration::from_secs(86_400);
    let now = SystemTime::now();
    let age = |t: Option<SystemTime>| t.and_then(|t| now.duration_since(t).ok());
    let marker = dir.join(".swept");
    let last = std::fs::metadata(&marker).and_then(|m| m.modified()).ok();
    if age(last).is_some_and(|a| a < day) || std::fs::write(&marker, b"").is_err() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let limit = match name.to_str() {
            Some(n) if n.ends_with(".code") => 30 * day,
            Some(n) if n.ends_with(".tmp") => day,
            _ => continue,
        };
        let Ok(m) = e.metadata() else {
            continue;
        };
        let used = [m.modified().ok(), m.accessed().ok()]
            .into_iter()
            .flatten()
            .max();
        if age(used).is_some_and(|a| a > limit) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"
"""Module doc."""
import os.path as p, sys
from collections import OrderedDict as OD, deque
N = None; E = ...; T = True; F = False
I = -12345678901; Z = 0; BIG = 2 ** 200; NBIG = -123456789012345678901234567890
LIT = 123456789012345678901234567890123
FL = 1.5e-300; NAN = float('nan'); C = 3 + 4.5j; CJ = -2j
S = 'name_like'; S2 = 'not a name'; U = 'h\u00e9llo \U0001f600'; SUR = '\ud800x'; EMPTY = ''
B = b'\x00\xffbytes'; TUP = ('a', 'b')
def f(a, b=2, /, c=3, *args, d, e=5, **kw):
    "f's doc"
    x = a
    def g():
        nonlocal x
        x += 1
        return x + c
    return g
class K(object, metaclass=type):
    attr = 1
    def m(self, *, key=None):
        return [i * self.attr for i in range(3) if i], {k: v for k, v in kw.items()} if (kw := {}) else None
async def co(x):
    async with x as y:
        async for z in y:
            await z
    return [w async for w in x]
def gen():
    yield 1
    yield from range(3)
async def agen():
    yield 1
lam = lambda *a, **k: (a, k)
match sys.argv:
    case [1, *rest] if rest: pass
    case {"k": v, **others}: pass
    case K(attr=1): pass
    case None: pass
try:
    pass
except* ValueError as e:
    pass
f"{S!r:>{10}} {I=}"
print(f(1, d=4)(), K().m(key=1), type(co).__name__, BIG, C)
"#;

    fn compiled() -> Arc<Code> {
        super::super::compile(SOURCE, "/x/mod.py").expect("compiles")
    }

    /// Every constant kind the compiler makes, in every code object.
    fn kinds(c: &Code, seen: &mut std::collections::BTreeSet<u8>) {
        for v in &c.consts {
            let mut w = Writer { buf: Vec::new() };
            w.value(v, 0).expect("encodable");
            seen.insert(w.buf[0]);
            if let Value::Code(inner) = v {
                kinds(inner, seen);
            }
        }
    }

    #[test]
    fn round_trip_is_exact() {
        crate::objects::gil::with_gil(|_| {
            let code = compiled();
            let mut seen = std::collections::BTreeSet::new();
            kinds(&code, &mut seen);
            assert_eq!(
                seen.into_iter().collect::<Vec<_>>(),
                (T_NONE..=T_CODE).collect::<Vec<_>>(),
                "the sample holds every constant kind"
            );
            let bytes = encode(&code).expect("encodes");
            let back = decode(&bytes, "/y/mod.py").expect("decodes");
            assert_eq!(encode(&back).expect("encodes"), bytes);
            assert_eq!(back.disassemble(), code.disassemble());
            assert_eq!(&*back.filename, "/y/mod.py");
            // Interning and equality of a few constants, and the filename everywhere.
            fn check(a: &Code, b: &Code) {
                assert_eq!(a.positions, b.positions);
                assert_eq!(a.flags(), b.flags());
                assert_eq!(a.doc, b.doc);
                assert_eq!(&*b.filename, "/y/mod.py");
                for (x, y) in a.consts.iter().zip(&b.consts) {
                    match (x, y) {
                        (Value::Str(p), Value::Str(q)) => {
                            assert_eq!(p.as_str(), q.as_str());
                            assert_eq!(p.is_interned(), q.is_interned());
                            if p.is_interned() {
                                assert!(std::ptr::eq(&**p, &**q), "one interned object");
                            }
                        }
                        (Value::Float(p), Value::Float(q)) => {
                            assert_eq!(p.get().to_bits(), q.get().to_bits())
                        }
                        (Value::Code(p), Value::Code(q)) => check(p, q),
                        _ => {}
                    }
                }
                for (x, y) in a.names.iter().zip(&b.names) {
                    match (x, y) {
                        (Value::Str(p), Value::Str(q)) => assert!(std::ptr::eq(&**p, &**q)),
                        _ => panic!("names are strs"),
                    }
                }
            }
            check(&code, &back);
        });
    }

    fn header() -> Header<'static> {
        Header {
            build: [7; 24],
            stamp: Stamp {
                size: 1234,
                mtime_ns: 1_700_000_000_123_456_789,
            },
            key: "/x/mod.py",
        }
    }

    #[test]
    fn every_prefix_and_every_flipped_byte_is_refused() {
        crate::objects::gil::with_gil(|_| {
            let code = compiled();
            let h = header();
            let file = file_bytes(&h, &encode(&code).expect("encodes"));
            assert!(code_of_file(&file, &h, "f").is_some());
            for n in 0..file.len() {
                assert!(code_of_file(&file[..n], &h, "f").is_none(), "prefix {n}");
            }
            let mut longer = file.clone();
            longer.push(0);
            assert!(code_of_file(&longer, &h, "f").is_none());
            // A flipped bit anywhere: the header's fields, the length, the checksum or
            // the payload (which the checksum catches).
            for i in (0..file.len()).step_by(7) {
                let mut bad = file.clone();
                bad[i] ^= 0x10;
                assert!(code_of_file(&bad, &h, "f").is_none(), "byte {i}");
            }
            // Another build, source stamp or path.
            for other in [
                Header {
                    build: [8; 24],
                    ..header()
                },
                Header {
                    stamp: Stamp {
                        size: 1235,
                        ..h.stamp
                    },
                    ..header()
                },
                Header {
                    stamp: Stamp {
                        mtime_ns: h.stamp.mtime_ns + 1,
                        ..h.stamp
                    },
                    ..header()
                },
                Header {
                    key: "/x/other.py",
                    ..header()
                },
            ] {
                assert!(code_of_file(&file, &other, "f").is_none());
            }
        });
    }

    #[test]
    fn fuzzed_payloads_fail_cleanly() {
        crate::objects::gil::with_gil(|_| {
            let code = compiled();
            let payload = encode(&code).expect("encodes");
            // Every prefix of the payload itself (no checksum to stop it).
            for n in 0..payload.len() {
                assert!(decode(&payload[..n], "f").is_none(), "prefix {n}");
            }
            // Pseudo-random mutations: never a panic; large counts never allocate
            // beyond the bytes there (the counts are checked against them).
            let mut seed = 0x9e37_79b9_7f4a_7c15u64;
            let mut next = || {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed
            };
            for _ in 0..3000 {
                let mut bad = payload.clone();
                for _ in 0..1 + next() % 4 {
                    let i = (next() % bad.len() as u64) as usize;
                    bad[i] = match next() % 3 {
                        0 => next() as u8,
                        1 => 0xff,
                        _ => bad[i] ^ 1,
                    };
                }
                let _ = decode(&bad, "f");
            }
            // Huge counts and lengths, deep nesting.
            let mut huge = Vec::new();
            huge.extend_from_slice(&[0xff; 9]);
            huge.push(0x01);
            assert!(decode(&huge, "f").is_none());
            let mut deep = vec![0u8, 0u8, 0u8, 0u8, 1u8];
            deep.extend(std::iter::repeat_n([T_TUPLE, 1], 10_000).flatten());
            assert!(decode(&deep, "f").is_none());
            assert!(decode(&[], "f").is_none());
        });
    }

    #[test]
    fn op_numbers_round_trip() {
        for (i, op) in Op::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Op::from_u8(i as u8), Some(*op));
        }
        assert_eq!(Op::from_u8(Op::ALL.len() as u8), None);
    }
}
