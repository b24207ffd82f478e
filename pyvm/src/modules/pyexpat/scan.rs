//! The XML core under `pyexpat`: an incremental, expat-compatible tokenizer and
//! well-formedness checker. Bytes are fed in arbitrary chunks (`feed`), and `run`
//! turns every complete token into events (`Ev`) with expat's positions, or stops
//! with expat's error code at the position expat reports. Nothing here knows Python.

use std::collections::HashMap;
use std::sync::Arc as Rc;

/// Where an event or an error is: expat's 1-based line, 0-based column in
/// characters and byte index.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pos {
    pub line: u64,
    pub col: u64,
    pub byte: i64,
}

/// One content model node of an element declaration (`XML_Content`).
pub struct Model {
    pub ctype: i64,
    pub quant: i64,
    pub name: Option<String>,
    pub children: Vec<Model>,
}

pub enum Ev {
    /// version, encoding, standalone, and the declaration's text.
    XmlDecl(Option<String>, Option<String>, i64, String),
    StartDoctype(String, Option<String>, Option<String>, bool),
    EndDoctype,
    /// The element's name and attributes (as reported, namespaces resolved), and
    /// the number of them that were specified (the rest are defaults).
    /// The tag's text too when a default handler is set.
    Start(String, Vec<(String, String)>, usize, Option<String>),
    End(String, Option<String>),
    Data(String),
    Pi(String, String),
    Comment(String),
    StartCdata,
    EndCdata,
    StartNs(Option<String>, Option<String>),
    EndNs(Option<String>),
    /// name, is a parameter entity, value, system id, public id, notation.
    EntityDecl(
        String,
        bool,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
    NotationDecl(String, Option<String>, Option<String>),
    ElementDecl(String, Model),
    /// element, attribute, type, default, required.
    AttlistDecl(String, String, String, Option<String>, bool),
    /// An entity reference passed on unexpanded: name, is a parameter entity, raw text.
    Skipped(String, bool, String),
    /// An external entity to read: its context (`None`: the DTD), system id and
    /// public id.
    ExternalRef(Option<String>, Option<String>, Option<String>),
    /// The document is not standalone (it refers to DTD parts not read).
    NotStandalone,
    /// Markup without a handler of its own, for the default handler.
    Default(String),
}

/// What `run` needs to know of the handlers set.
#[derive(Clone, Default)]
pub struct Config {
    /// The namespace separator (`ParserCreate(namespace_separator=)`).
    pub ns: Option<String>,
    pub triplets: bool,
    /// Expand internal entities (false when a `DefaultHandler` is set, as in expat).
    pub expand: bool,
    /// A default handler is set: markup without a handler is reported to it.
    pub want_default: bool,
    /// The DTD declarations with a handler (`DECL_*` bits).
    pub decl_handlers: u32,
}

/// Why a step did not finish.
pub enum Stop {
    /// The token is not complete yet (at index: where it started).
    Partial(usize),
    /// Error `code` at index `at` of the source.
    Err(u32, usize),
    /// The input declares an encoding only a Python codec knows.
    Encoding(String),
}

pub type R<T> = Result<T, Stop>;

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Prolog,
    Content,
    Epilog,
}

pub struct Entity {
    pub value: Option<Rc<str>>,
    pub sysid: Option<String>,
    pub pubid: Option<String>,
    pub notation: Option<String>,
    pub open: bool,
}

struct Frame {
    raw: Rc<str>,
    name: String,
    bindings: usize,
}

/// How the input bytes become UTF-8.
#[derive(Clone)]
pub enum Decoder {
    Utf8,
    Latin1,
    Ascii,
    Utf16(bool),
    Table(Rc<Vec<char>>),
}

/// The line/column cursor: moved forward over the text as events are made.
#[derive(Clone, Copy)]
struct Cursor {
    off: u64,
    line: u64,
    col: u64,
    cr: bool,
    /// The byte index in the input's own encoding.
    raw: u64,
}

pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
pub const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

pub struct Core {
    /// Raw bytes not decoded yet (before the encoding is known, an odd UTF-16 byte).
    raw: Vec<u8>,
    decoder: Option<Decoder>,
    /// A protocol encoding (`ParserCreate(encoding=)`, or UTF-8 for `str` input).
    pub forced: Option<String>,
    /// Decoded text not consumed yet; `buf[0]` is at byte `base` of the text.
    buf: std::sync::Arc<Vec<u8>>,
    base: u64,
    cur: Cursor,
    phase: Phase,
    stack: Vec<Frame>,
    pub bindings: Vec<(Option<String>, Option<String>)>,
    pub entities: HashMap<String, Entity>,
    pub pentities: HashMap<String, Entity>,
    /// Attribute defaults and non-CDATA types per element.
    pub att_defaults: HashMap<String, Vec<(String, String)>>,
    pub att_tokenized: HashMap<(String, String), bool>,
    pub standalone: i64,
    /// The DTD has parts expat does not read (an external subset, PE references).
    pub dtd_incomplete: bool,
    /// `SetParamEntityParsing`'s setting (0: never).
    pub pe_parsing: i64,
    /// `UseForeignDTD(True)` was called.
    pub foreign_dtd: bool,
    pub seen_doctype: bool,
    /// Events of entity replacement text are reported at the reference.
    pub fixed: Option<Pos>,
    /// The length of a UTF-8 byte order mark the text starts with.
    bom: u64,
    /// The depth of the element stack where the entity being expanded began.
    floor: usize,
    in_cdata: bool,
    pub events: Vec<(Ev, Pos)>,
    pub cfg: Config,
    pub failed: Option<(u32, Pos)>,
    pub finished: bool,
    total: u64,
}

pub fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || c == ':'
        || (c as u32 >= 0xC0 && !matches!(c as u32, 0xD7 | 0xF7))
}

pub fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-' || c == '.' || c as u32 == 0xB7
}

/// Whether `c` may appear in a document (XML 1.0's `Char`).
fn is_xml_char(c: char) -> bool {
    let u = c as u32;
    u >= 0x20 && u != 0xFFFE && u != 0xFFFF || matches!(c, '\t' | '\n' | '\r')
}

pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The character at `i` of `s` and its length; `Partial` when it is cut by the end
/// of the input, an invalid-token error when it is malformed or not a `Char`.
pub fn char_at(s: &[u8], i: usize) -> R<(char, usize)> {
    let b = s[i];
    if b < 0x80 {
        let c = b as char;
        return if is_xml_char(c) {
            Ok((c, 1))
        } else {
            Err(Stop::Err(4, i))
        };
    }
    let n = match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return Err(Stop::Err(4, i)),
    };
    if i + n > s.len() {
        if s[i + 1..].iter().all(|&c| (0x80..0xC0).contains(&c)) {
            return Err(Stop::Partial(i));
        }
        return Err(Stop::Err(4, i));
    }
    match std::str::from_utf8(&s[i..i + n]) {
        Ok(t) => {
            let c = t.chars().next().unwrap_or('\0');
            if is_xml_char(c) {
                Ok((c, n))
            } else {
                Err(Stop::Err(4, i))
            }
        }
        Err(_) => Err(Stop::Err(4, i)),
    }
}

/// The length of the UTF-8 sequence lead byte `b` starts.
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

/// A name starting at `i`: its end. `ns`: at most one colon, not first or last.
pub fn scan_name(s: &[u8], i: usize, ns: bool) -> R<usize> {
    let mut j = i;
    let mut colon = None;
    while j < s.len() {
        let (c, n) = match char_at(s, j) {
            Ok(x) => x,
            Err(Stop::Err(..)) if j > i => return Ok(j),
            Err(e) => return Err(e),
        };
        let ok = if j == i {
            is_name_start(c)
        } else {
            is_name_char(c)
        };
        if !ok {
            if j == i {
                return Err(Stop::Err(4, j));
            }
            if ns && colon == Some(j - 1) {
                return Err(Stop::Err(4, j));
            }
            return Ok(j);
        }
        if c == ':' && ns {
            if colon.is_some() || j == i {
                return Err(Stop::Err(4, j));
            }
            colon = Some(j);
        }
        j += n;
    }
    Err(Stop::Partial(i))
}

pub fn text(s: &[u8]) -> String {
    String::from_utf8_lossy(s).into_owned()
}

/// `\r\n` and `\r` as `\n`.
pub fn normalize_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_owned();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

pub fn find(s: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    s.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

/// A character reference's code point (`&#...;` at `i`, `;` at the end).
fn char_ref(s: &[u8], i: usize) -> R<(u32, usize)> {
    let mut j = i + 2;
    let hex = s.get(j) == Some(&b'x');
    if hex {
        j += 1;
    }
    let start = j;
    let mut v: u32 = 0;
    loop {
        let Some(&b) = s.get(j) else {
            return Err(Stop::Partial(i));
        };
        let d = if hex {
            (b as char).to_digit(16)
        } else {
            (b as char).to_digit(10)
        };
        match d {
            Some(d) => {
                v = v
                    .saturating_mul(if hex { 16 } else { 10 })
                    .saturating_add(d)
            }
            None if b == b';' && j > start => return Ok((v, j + 1)),
            None => return Err(Stop::Err(4, j)),
        }
        j += 1;
    }
}

fn valid_char_number(v: u32) -> Option<char> {
    char::from_u32(v).filter(|&c| is_xml_char(c))
}

pub fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// What a reference at `i` (`&`) is.
pub enum Ref {
    Char(char),
    Named(String),
}

pub fn reference(s: &[u8], i: usize) -> R<(Ref, usize)> {
    match s.get(i + 1) {
        None => Err(Stop::Partial(i)),
        Some(b'#') => {
            if i + 2 >= s.len() {
                return Err(Stop::Partial(i));
            }
            let (v, end) = char_ref(s, i)?;
            match valid_char_number(v) {
                Some(c) => Ok((Ref::Char(c), end)),
                None => Err(Stop::Err(14, i)),
            }
        }
        Some(_) => {
            let end = scan_name(s, i + 1, false).map_err(|e| match e {
                Stop::Partial(_) => Stop::Partial(i),
                e => e,
            })?;
            match s.get(end) {
                Some(b';') => Ok((Ref::Named(text(&s[i + 1..end])), end + 1)),
                Some(_) => Err(Stop::Err(4, end)),
                None => Err(Stop::Partial(i)),
            }
        }
    }
}

impl Core {
    pub fn new(cfg: Config) -> Core {
        Core {
            raw: Vec::new(),
            decoder: None,
            forced: None,
            buf: std::sync::Arc::new(Vec::new()),
            base: 0,
            cur: Cursor {
                off: 0,
                line: 1,
                col: 0,
                cr: false,
                raw: 0,
            },
            phase: Phase::Prolog,
            stack: Vec::new(),
            bindings: Vec::new(),
            entities: HashMap::new(),
            pentities: HashMap::new(),
            att_defaults: HashMap::new(),
            att_tokenized: HashMap::new(),
            standalone: -1,
            dtd_incomplete: false,
            pe_parsing: 0,
            foreign_dtd: false,
            seen_doctype: false,
            fixed: None,
            bom: 0,
            floor: 0,
            in_cdata: false,
            events: Vec::new(),
            cfg,
            failed: None,
            finished: false,
            total: 0,
        }
    }

    /// The position of byte `off` of the text (not before the cursor).
    fn pos_at(&mut self, off: u64) -> Pos {
        if let Some(p) = self.fixed {
            return p;
        }
        let c = &mut self.cur;
        let width = match self.decoder {
            Some(Decoder::Utf8) | None => 0,
            Some(Decoder::Utf16(_)) => 2,
            _ => 1,
        };
        while c.off < off {
            let Some(&b) = self.buf.get((c.off - self.base) as usize) else {
                break;
            };
            c.raw += match (width, b) {
                (0, _) => 1,
                (_, 0x80..=0xBF) => 0,
                (2, 0xF0..) => 4,
                (w, _) => w,
            };
            match b {
                b'\n' if c.cr => c.cr = false,
                b'\n' | b'\r' => {
                    c.line += 1;
                    c.col = 0;
                    c.cr = b == b'\r';
                }
                0x80..=0xBF => c.cr = false,
                _ => {
                    c.col += 1;
                    c.cr = false;
                }
            }
            c.off += 1;
        }
        Pos {
            line: c.line,
            col: c.col,
            byte: c.raw as i64,
        }
    }

    /// The position of index `i` of the source being scanned.
    pub fn pos(&mut self, i: usize) -> Pos {
        self.pos_at(self.base + i as u64)
    }

    /// Where parsing stopped (the end of the last complete token).
    pub fn current_end(&self) -> Pos {
        Pos {
            line: self.cur.line,
            col: self.cur.col,
            byte: self.cur.raw as i64,
        }
    }

    pub fn emit(&mut self, ev: Ev, at: usize) {
        let p = self.pos(at);
        self.events.push((ev, p));
    }

    /// Text for the default handler, if it would be wanted.
    pub fn default(&mut self, s: &[u8], at: usize) {
        if !self.cfg.want_default {
            return;
        }
        let t = text(s);
        self.emit(Ev::Default(t), at);
    }

    /// Adds input bytes (decoding them once the encoding is known).
    pub fn feed(&mut self, data: &[u8]) {
        self.total += data.len() as u64;
        self.raw.extend_from_slice(data);
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// The encoding for `name` (expat's built-in ones), or `None`.
    fn known(name: &str) -> Option<Decoder> {
        Some(match name.to_ascii_uppercase().as_str() {
            "UTF-8" => Decoder::Utf8,
            "ISO-8859-1" => Decoder::Latin1,
            "US-ASCII" => Decoder::Ascii,
            "UTF-16" | "UTF-16LE" => Decoder::Utf16(true),
            "UTF-16BE" => Decoder::Utf16(false),
            _ => return None,
        })
    }

    /// A single-byte encoding's characters (from a Python codec); a byte it cannot
    /// decode is an invalid character, as in pyexpat.
    pub fn set_table(&mut self, mut table: Vec<char>) {
        for c in table.iter_mut().filter(|c| **c == '\u{FFFD}') {
            *c = '\u{FFFF}';
        }
        self.decoder = Some(Decoder::Table(Rc::new(table)));
    }

    /// Decides the encoding from a BOM, the protocol encoding or the XML
    /// declaration. `false`: more input is needed.
    fn detect(&mut self, fin: bool) -> R<bool> {
        // A start that may still become a byte order mark or an XML declaration.
        let undecided = |head: &[u8]| head.len() > self.raw.len() && head.starts_with(&self.raw);
        if !fin
            && self.raw.len() < 2
            && [
                &b"<?xml"[..],
                b"\xFF\xFE",
                b"\xFE\xFF",
                b"<\0?\0",
                b"\0<\0?",
            ]
            .iter()
            .any(|h| undecided(h))
        {
            return Ok(false);
        }
        let r = &self.raw;
        if r.starts_with(&[0xFF, 0xFE]) || r.starts_with(&[0xFE, 0xFF]) {
            let le = r[0] == 0xFF;
            self.raw.drain(..2);
            self.cur.raw = 2;
            self.cur.col = 1;
            self.decoder = Some(Decoder::Utf16(le));
            return Ok(true);
        }
        if let Some(f) = self.forced.clone() {
            return self.choose(&f).map(|_| true);
        }
        if r.starts_with(b"\xEF\xBB\xBF") {
            self.decoder = Some(Decoder::Utf8);
            return Ok(true);
        }
        // A zero byte first or second: UTF-16 without a byte order mark (a document
        // starts with ASCII), big- or little-endian, as expat decides.
        if r.len() >= 2 && (r[0] == 0 || r[1] == 0) {
            self.decoder = Some(Decoder::Utf16(r[0] != 0));
            return Ok(true);
        }
        let head = b"<?xml";
        let n = r.len().min(5);
        if r[..n] != head[..n] {
            self.decoder = Some(Decoder::Utf8);
            return Ok(true);
        }
        let Some(end) = find(r, 0, b"?>") else {
            if fin {
                self.decoder = Some(Decoder::Utf8);
                return Ok(true);
            }
            return Ok(false);
        };
        let decl = String::from_utf8_lossy(&r[..end]).into_owned();
        match decl_encoding(&decl) {
            Some(enc) => self.choose(&enc).map(|_| true),
            None => {
                self.decoder = Some(Decoder::Utf8);
                Ok(true)
            }
        }
    }

    fn choose(&mut self, enc: &str) -> R<()> {
        match Core::known(enc) {
            Some(d) => {
                self.decoder = Some(d);
                Ok(())
            }
            None => Err(Stop::Encoding(enc.to_owned())),
        }
    }

    /// The decoded text, to change (never shared then: a step's handle is gone).
    fn bytes(&mut self) -> &mut Vec<u8> {
        std::sync::Arc::make_mut(&mut self.buf)
    }

    /// Moves raw bytes through the decoder into `buf`.
    fn decode(&mut self) {
        let Some(d) = self.decoder.clone() else {
            return;
        };
        match d {
            Decoder::Utf8 => {
                let raw = std::mem::take(&mut self.raw);
                self.bytes().extend_from_slice(&raw);
            }
            Decoder::Latin1 => {
                let s: String = self.raw.drain(..).map(|b| b as char).collect();
                self.bytes().extend_from_slice(s.as_bytes());
            }
            Decoder::Ascii => {
                let s: String = self
                    .raw
                    .drain(..)
                    .map(|b| if b < 0x80 { b as char } else { '\u{FFFF}' })
                    .collect();
                self.bytes().extend_from_slice(s.as_bytes());
            }
            Decoder::Table(t) => {
                let s: String = self.raw.drain(..).map(|b| t[b as usize]).collect();
                self.bytes().extend_from_slice(s.as_bytes());
            }
            Decoder::Utf16(le) => {
                let n = self.raw.len() / 2 * 2;
                let units: Vec<u16> = self.raw[..n]
                    .chunks(2)
                    .map(|c| {
                        if le {
                            u16::from_le_bytes([c[0], c[1]])
                        } else {
                            u16::from_be_bytes([c[0], c[1]])
                        }
                    })
                    .collect();
                // Keep a high surrogate cut from its pair.
                let keep = matches!(units.last(), Some(u) if (0xD800..0xDC00).contains(u));
                let m = if keep { units.len() - 1 } else { units.len() };
                let s: String = char::decode_utf16(units[..m].iter().copied())
                    .map(|c| c.unwrap_or('\u{FFFF}'))
                    .collect();
                self.bytes().extend_from_slice(s.as_bytes());
                self.raw.drain(..m * 2);
            }
        }
    }

    /// Parses what the input holds. `Ok(true)`: stopped early with events to
    /// report (call again); `Ok(false)`: all complete tokens are done.
    pub fn run(&mut self, fin: bool) -> Result<bool, Stop> {
        if self.decoder.is_none() && !self.detect(fin)? {
            return Ok(false);
        }
        self.decode();
        let mut i = 0usize;
        loop {
            if self.events.len() >= 512 {
                self.consume(i);
                return Ok(true);
            }
            let buf = self.buf.clone();
            let r = self.step(&buf, i, fin);
            drop(buf);
            match r {
                Ok(Some(next)) => i = next,
                Ok(None) => {
                    self.consume(i);
                    return Ok(false);
                }
                Err(Stop::Partial(at)) if !fin => {
                    self.consume(at);
                    return Ok(false);
                }
                Err(Stop::Partial(at)) => {
                    let code = self.partial_code(at);
                    let at = if code == 20 { self.buf.len() } else { at };
                    return Err(Stop::Err(code, at));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The error for input ending inside the token at `at`.
    fn partial_code(&self, at: usize) -> u32 {
        let s = &self.buf[at..];
        if s.first().is_some_and(|&b| b >= 0x80) {
            6
        } else if self.in_cdata {
            20
        } else {
            5
        }
    }

    /// Drops the text before index `i` (the cursor has passed it).
    fn consume(&mut self, i: usize) {
        let abs = self.base + i as u64;
        self.pos_at(abs);
        let cut = (self.cur.off - self.base) as usize;
        self.bytes().drain(..cut);
        self.base += cut as u64;
    }

    /// Index (into the current source) of an error, as a `Pos`.
    pub fn error_pos(&mut self, at: usize) -> Pos {
        self.pos(at)
    }

    /// One token at `i`: the index after it, `None` at the end of the input.
    fn step(&mut self, s: &[u8], i: usize, fin: bool) -> R<Option<usize>> {
        if i >= s.len() {
            if fin && self.in_cdata {
                return Err(Stop::Err(20, s.len()));
            }
            if fin && self.phase != Phase::Epilog {
                return Err(Stop::Err(3, s.len()));
            }
            return Ok(None);
        }
        match self.phase {
            Phase::Prolog => self.prolog(s, i, fin).map(Some),
            Phase::Content => self.content(s, i, fin).map(Some),
            Phase::Epilog => self.epilog(s, i).map(Some),
        }
    }

    fn spaces(&mut self, s: &[u8], i: usize, fin: bool) -> R<usize> {
        let mut j = i;
        while j < s.len() && is_space(s[j]) {
            j += 1;
        }
        if j == s.len() && !fin && s[j - 1] == b'\r' {
            if j - 1 == i {
                return Err(Stop::Partial(i));
            }
            j -= 1;
        }
        self.default(&s[i..j], i);
        Ok(j)
    }

    fn prolog(&mut self, s: &[u8], i: usize, fin: bool) -> R<usize> {
        if self.base + (i as u64) == 0 && s.starts_with(b"\xEF\xBB\xBF") {
            self.bom = 3;
            return Ok(3);
        }
        let at_start = self.base + i as u64 == self.bom;
        match s[i] {
            b if is_space(b) => self.spaces(s, i, fin),
            b'<' => {
                if s.len() < i + 2 {
                    return Err(Stop::Partial(i));
                }
                match s[i + 1] {
                    b'?' => self.pi(s, i, at_start),
                    b'!' => {
                        if starts(s, i, b"<!DOCTYPE")? {
                            if self.seen_doctype {
                                return Err(Stop::Err(2, i));
                            }
                            let end = self.doctype(s, i, fin)?;
                            self.seen_doctype = true;
                            return Ok(end);
                        }
                        self.bang(s, i)
                    }
                    _ => {
                        if self.foreign_dtd && !self.seen_doctype {
                            self.foreign_dtd = false;
                            self.dtd_incomplete = true;
                            if self.pe_parsing != 0 {
                                self.emit(Ev::ExternalRef(None, None, None), i);
                            }
                        }
                        self.phase = Phase::Content;
                        self.start_tag(s, i)
                    }
                }
            }
            _ => {
                let (c, _) = char_at(s, i)?;
                if !is_name_start(c) {
                    return Err(Stop::Err(4, i));
                }
                let end = match scan_name(s, i, false) {
                    // A name the document ends with is no markup at all.
                    Err(Stop::Partial(_)) if fin => return Err(Stop::Err(2, i)),
                    r => r?,
                };
                if is_space(s[end]) {
                    Err(Stop::Err(2, i))
                } else {
                    Err(Stop::Err(4, end))
                }
            }
        }
    }

    fn epilog(&mut self, s: &[u8], i: usize) -> R<usize> {
        match s[i] {
            b if is_space(b) => self.spaces(s, i, true),
            b'<' => match s.get(i + 1) {
                None => Err(Stop::Partial(i)),
                Some(b'?') => self.pi(s, i, false),
                Some(b'!') => {
                    if starts(s, i, b"<!--")? {
                        return self.bang(s, i);
                    }
                    Err(Stop::Err(9, i))
                }
                Some(&b) if b >= 0x80 || is_name_start(b as char) => Err(Stop::Err(9, i)),
                Some(_) => Err(Stop::Err(4, i + 1)),
            },
            _ => {
                char_at(s, i)?;
                Err(Stop::Err(9, i))
            }
        }
    }

    /// `<!--` comments and `<![CDATA[` sections (other `<!` markup is an error).
    fn bang(&mut self, s: &[u8], i: usize) -> R<usize> {
        if starts(s, i, b"<!--")? {
            let mut j = i + 4;
            loop {
                if j + 1 >= s.len() {
                    return Err(Stop::Partial(i));
                }
                if s[j] == b'-' && s[j + 1] == b'-' {
                    match s.get(j + 2) {
                        None => return Err(Stop::Partial(i)),
                        Some(b'>') => break,
                        Some(_) => return Err(Stop::Err(4, j + 2)),
                    }
                }
                let (_, n) = char_at(s, j).map_err(|e| partial_from(e, i))?;
                j += n;
            }
            let body = normalize_newlines(&String::from_utf8_lossy(&s[i + 4..j]));
            self.emit(Ev::Comment(body), i);
            return Ok(j + 3);
        }
        if self.phase == Phase::Content && starts(s, i, b"<![CDATA[")? {
            return self.cdata(i);
        }
        Err(Stop::Err(
            if self.phase == Phase::Prolog { 2 } else { 4 },
            i + 2,
        ))
    }

    /// A processing instruction (the XML declaration when `decl` and it is one).
    pub(super) fn pi(&mut self, s: &[u8], i: usize, decl: bool) -> R<usize> {
        let start = i + 2;
        let name_end = scan_name(s, start, false).map_err(|e| partial_from(e, i))?;
        let target = text(&s[start..name_end]);
        let Some(close) = find(s, name_end, b"?>") else {
            // Check the characters seen so far.
            let mut j = name_end;
            while j < s.len() {
                let (_, n) = char_at(s, j).map_err(|e| partial_from(e, i))?;
                j += n;
            }
            return Err(Stop::Partial(i));
        };
        if target.eq_ignore_ascii_case("xml") {
            if decl && target == "xml" {
                return self.xml_decl(s, i, name_end, close);
            }
            return Err(Stop::Err(17, i));
        }
        let mut j = name_end;
        if j < close && !is_space(s[j]) {
            return Err(Stop::Err(4, j));
        }
        while j < close && is_space(s[j]) {
            j += 1;
        }
        let data_start = j;
        while j < close {
            let (_, n) = char_at(s, j)?;
            j += n;
        }
        let data = normalize_newlines(&String::from_utf8_lossy(&s[data_start..close]));
        self.emit(Ev::Pi(target, data), i);
        Ok(close + 2)
    }

    fn xml_decl(&mut self, s: &[u8], i: usize, from: usize, close: usize) -> R<usize> {
        let mut j = from;
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            let ws = j;
            while j < close && is_space(s[j]) {
                j += 1;
            }
            if j >= close {
                break;
            }
            if j == ws {
                return Err(Stop::Err(30, j));
            }
            let name_start = j;
            while j < close && s[j].is_ascii_alphabetic() {
                j += 1;
            }
            let name = text(&s[name_start..j]);
            while j < close && is_space(s[j]) {
                j += 1;
            }
            if s.get(j) != Some(&b'=') {
                return Err(Stop::Err(30, j));
            }
            j += 1;
            while j < close && is_space(s[j]) {
                j += 1;
            }
            let q = s[j];
            if q != b'"' && q != b'\'' {
                return Err(Stop::Err(30, j));
            }
            let Some(end) = s[j + 1..close].iter().position(|&b| b == q) else {
                return Err(Stop::Err(30, j));
            };
            let value = text(&s[j + 1..j + 1 + end]);
            let order = ["version", "encoding", "standalone"];
            let k = order.iter().position(|n| *n == name);
            let last = fields
                .last()
                .and_then(|(n, _)| order.iter().position(|o| o == n));
            let valid = match name.as_str() {
                "version" => {
                    !value.is_empty()
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(&b))
                }
                "encoding" => value
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphabetic()),
                "standalone" => value == "yes" || value == "no",
                _ => false,
            };
            if k.is_none() || (last.is_some() && k <= last) || (fields.is_empty() && k != Some(0)) {
                return Err(Stop::Err(30, name_start));
            }
            if !valid {
                return Err(Stop::Err(30, j + 1));
            }
            fields.push((name, value));
            j += end + 2;
        }
        if fields.is_empty() {
            return Err(Stop::Err(30, from));
        }
        let get = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        let standalone = match get("standalone").as_deref() {
            Some("yes") => 1,
            Some("no") => 0,
            _ => -1,
        };
        self.standalone = standalone;
        self.emit(
            Ev::XmlDecl(
                get("version"),
                get("encoding"),
                standalone,
                text(&s[i..close + 2]),
            ),
            i,
        );
        Ok(close + 2)
    }

    /// `<![CDATA[`: the section's text is read by `cdata_body`.
    fn cdata(&mut self, i: usize) -> R<usize> {
        self.emit(Ev::StartCdata, i);
        self.in_cdata = true;
        Ok(i + 9)
    }

    /// Text of a CDATA section up to its `]]>`.
    fn cdata_body(&mut self, s: &[u8], j: usize) -> R<usize> {
        if s.len() - j < 3 && b"]]>".starts_with(&s[j..]) {
            return Err(Stop::Partial(j));
        }
        if s[j..].starts_with(b"]]>") {
            self.emit(Ev::EndCdata, j);
            self.in_cdata = false;
            return Ok(j + 3);
        }
        self.data_run(s, j, true)
    }

    /// Character data at `j` up to markup, a newline (reported alone) or the end;
    /// `cdata`: inside a CDATA section (`<` and `&` are data, `]]>` ends it).
    fn data_run(&mut self, s: &[u8], j: usize, cdata: bool) -> R<usize> {
        if s[j] == b'\r' || s[j] == b'\n' {
            let mut end = j + 1;
            if s[j] == b'\r' {
                match s.get(j + 1) {
                    None if !self.entity_text() => return Err(Stop::Partial(j)),
                    Some(b'\n') => end += 1,
                    _ => {}
                }
            }
            self.emit(Ev::Data("\n".into()), j);
            return Ok(end);
        }
        let mut k = j;
        // expat converts other encodings through a 1024-byte buffer: their text
        // comes in pieces of at most that.
        let limit = match self.decoder {
            Some(Decoder::Utf8) | None => usize::MAX,
            _ if self.entity_text() => usize::MAX,
            _ => j + 1024,
        };
        while k < s.len() {
            let b = s[k];
            if b == b'\r' || b == b'\n' {
                break;
            }
            if k >= limit || (k + 4 > limit && b >= 0xC0 && k + utf8_len(b) > limit) {
                break;
            }
            if !cdata && (b == b'<' || b == b'&') {
                break;
            }
            // Plain ASCII text: no checks beyond this.
            if (0x20..0x80).contains(&b) && !matches!(b, b'<' | b'&' | b']') && k < limit {
                k += 1;
                continue;
            }
            if b == b']' {
                if s.len() < k + 3 && !self.entity_text() && s[k..].iter().all(|&c| c == b']') {
                    break;
                }
                if s[k..].starts_with(b"]]>") {
                    if cdata {
                        break;
                    }
                    return Err(Stop::Err(4, k + 2));
                }
            }
            match char_at(s, k) {
                Ok((_, n)) => k += n,
                Err(Stop::Partial(_)) if k > j => break,
                Err(e) => return Err(e),
            }
        }
        if k == j {
            return Err(Stop::Partial(j));
        }
        let t = text(&s[j..k]);
        self.emit(Ev::Data(t), j);
        Ok(k)
    }

    fn entity_text(&self) -> bool {
        self.fixed.is_some()
    }

    fn content(&mut self, s: &[u8], i: usize, _fin: bool) -> R<usize> {
        if self.in_cdata {
            return self.cdata_body(s, i);
        }
        match s[i] {
            b'<' => {
                let Some(&b) = s.get(i + 1) else {
                    return Err(Stop::Partial(i));
                };
                match b {
                    b'/' => self.end_tag(s, i),
                    b'?' => self.pi(s, i, false),
                    b'!' => self.bang(s, i),
                    _ => self.start_tag(s, i),
                }
            }
            b'&' => self.content_ref(s, i),
            _ => self.data_run(s, i, false),
        }
    }

    fn content_ref(&mut self, s: &[u8], i: usize) -> R<usize> {
        let (r, end) = reference(s, i)?;
        let name = match r {
            Ref::Char(c) => {
                self.emit(Ev::Data(c.to_string()), i);
                return Ok(end);
            }
            Ref::Named(n) => n,
        };
        if let Some(c) = predefined(&name) {
            self.emit(Ev::Data(c.to_string()), i);
            return Ok(end);
        }
        let raw = text(&s[i..end]);
        let Some(e) = self.entities.get(&name) else {
            if !self.dtd_incomplete || self.standalone == 1 {
                return Err(Stop::Err(11, i));
            }
            self.emit(Ev::Skipped(name, false, raw), i);
            return Ok(end);
        };
        if e.notation.is_some() {
            return Err(Stop::Err(15, i));
        }
        if e.open {
            return Err(Stop::Err(12, i));
        }
        let Some(value) = e.value.clone() else {
            let (sys, public) = (e.sysid.clone(), e.pubid.clone());
            self.emit(Ev::ExternalRef(Some(name), sys, public), i);
            return Ok(end);
        };
        if !self.cfg.expand {
            self.emit(Ev::Default(raw), i);
            return Ok(end);
        }
        self.expand(&name, &value, i)?;
        Ok(end)
    }

    /// Parses an internal entity's replacement text as content, at the reference's
    /// position (`at`).
    fn expand(&mut self, name: &str, value: &Rc<str>, at: usize) -> R<()> {
        let p = self.pos(at);
        let outer = self.fixed.replace(p);
        let depth = self.stack.len();
        let outer_floor = std::mem::replace(&mut self.floor, depth);
        if let Some(e) = self.entities.get_mut(name) {
            e.open = true;
        }
        let s = value.as_bytes();
        let mut j = 0;
        let r = (|| {
            while j < s.len() {
                j = self.content(s, j, true)?;
                if self.stack.len() < depth {
                    return Err(Stop::Err(13, 0));
                }
            }
            if self.stack.len() != depth {
                return Err(Stop::Err(13, 0));
            }
            Ok(())
        })();
        if let Some(e) = self.entities.get_mut(name) {
            e.open = false;
        }
        self.fixed = outer;
        self.floor = outer_floor;
        r.map_err(|e| match e {
            Stop::Err(code, _) => Stop::Err(code, at),
            Stop::Partial(_) => Stop::Err(4, at),
            e => e,
        })
    }

    fn end_tag(&mut self, s: &[u8], i: usize) -> R<usize> {
        let ns = self.cfg.ns.is_some();
        let name_end = scan_name(s, i + 2, ns).map_err(|e| partial_from(e, i))?;
        let mut j = name_end;
        while j < s.len() && is_space(s[j]) {
            j += 1;
        }
        match s.get(j) {
            None => return Err(Stop::Partial(i)),
            Some(b'>') => {}
            Some(_) => return Err(Stop::Err(4, j)),
        }
        let raw = &s[i + 2..name_end];
        // An entity's text may close only the elements it opened.
        if self.stack.len() <= self.floor {
            return Err(Stop::Err(13, i));
        }
        let Some(top) = self.stack.last() else {
            return Err(Stop::Err(13, i));
        };
        if top.raw.as_bytes() != raw {
            return Err(Stop::Err(7, i + 2));
        }
        let Some(f) = self.stack.pop() else {
            return Err(Stop::Err(7, i + 2));
        };
        let raw = self.cfg.want_default.then(|| text(&s[i..=j]));
        self.close_element(f, i, raw);
        Ok(j + 1)
    }

    fn close_element(&mut self, f: Frame, at: usize, raw: Option<String>) {
        self.emit(Ev::End(f.name, raw), at);
        while self.bindings.len() > f.bindings {
            if let Some((prefix, _)) = self.bindings.pop() {
                self.emit(Ev::EndNs(prefix), at);
            }
        }
        if self.stack.is_empty() && !self.entity_text() {
            self.phase = Phase::Epilog;
        }
    }

    fn start_tag(&mut self, s: &[u8], i: usize) -> R<usize> {
        let ns = self.cfg.ns.is_some();
        let name_end = scan_name(s, i + 1, ns).map_err(|e| partial_from(e, i))?;
        let qname: Rc<str> = Rc::from(text(&s[i + 1..name_end]));
        let mut attrs: Vec<(String, String, usize)> = Vec::new();
        let mut j = name_end;
        let empty;
        loop {
            let ws = j;
            while j < s.len() && is_space(s[j]) {
                j += 1;
            }
            match s.get(j) {
                None => return Err(Stop::Partial(i)),
                Some(b'>') => {
                    empty = false;
                    j += 1;
                    break;
                }
                Some(b'/') => match s.get(j + 1) {
                    None => return Err(Stop::Partial(i)),
                    Some(b'>') => {
                        empty = true;
                        j += 2;
                        break;
                    }
                    Some(_) => return Err(Stop::Err(4, j + 1)),
                },
                Some(_) if j == ws => return Err(Stop::Err(4, j)),
                Some(_) => {}
            }
            let an_start = j;
            let an_end = scan_name(s, j, ns).map_err(|e| partial_from(e, i))?;
            j = an_end;
            while j < s.len() && is_space(s[j]) {
                j += 1;
            }
            match s.get(j) {
                None => return Err(Stop::Partial(i)),
                Some(b'=') => j += 1,
                Some(_) => return Err(Stop::Err(4, j)),
            }
            while j < s.len() && is_space(s[j]) {
                j += 1;
            }
            let q = match s.get(j) {
                None => return Err(Stop::Partial(i)),
                Some(&q @ (b'"' | b'\'')) => q,
                Some(_) => return Err(Stop::Err(4, j)),
            };
            let v_start = j + 1;
            let mut k = v_start;
            loop {
                match s.get(k) {
                    None => return Err(Stop::Partial(i)),
                    Some(&b) if b == q => break,
                    Some(b'<') => return Err(Stop::Err(4, k)),
                    Some(b'&') => {
                        let (_, e) = reference(s, k).map_err(|e| partial_from(e, i))?;
                        k = e;
                    }
                    Some(&b) if (0x20..0x80).contains(&b) => k += 1,
                    Some(_) => {
                        let (_, n) = char_at(s, k).map_err(|e| partial_from(e, i))?;
                        k += n;
                    }
                }
            }
            let aname = text(&s[an_start..an_end]);
            let value = self.attr_value(&s[v_start..k], v_start, i)?;
            if attrs.iter().any(|(n, _, _)| *n == aname) {
                return Err(Stop::Err(8, an_start));
            }
            attrs.push((aname, value, an_start));
            j = k + 1;
        }
        // Types and defaults from the DTD.
        for (n, v, _) in attrs.iter_mut() {
            if self.att_tokenized.get(&(qname.to_string(), n.clone())) == Some(&true) {
                *v = v
                    .split(' ')
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
        let specified = attrs.len();
        if let Some(defs) = self.att_defaults.get(&*qname) {
            for (n, v) in defs {
                if !attrs.iter().any(|(a, _, _)| a == n) {
                    attrs.push((n.clone(), v.clone(), i));
                }
            }
        }
        let before = self.bindings.len();
        let (name, attrs, specified) = if ns {
            self.resolve(&qname, attrs, specified, i)?
        } else {
            let attrs = attrs.into_iter().map(|(n, v, _)| (n, v)).collect();
            (qname.to_string(), attrs, specified)
        };
        let frame = Frame {
            raw: qname.clone(),
            name: name.clone(),
            bindings: before,
        };
        let raw = self.cfg.want_default.then(|| text(&s[i..j]));
        self.emit(Ev::Start(name, attrs, specified, raw), i);
        if empty {
            self.close_element(frame, j, None);
        } else {
            self.stack.push(frame);
        }
        Ok(j)
    }
}

/// Whether `s` at `i` starts with `pat` (`Partial` when the input is too short to
/// tell).
pub fn starts(s: &[u8], i: usize, pat: &[u8]) -> R<bool> {
    let have = &s[i..];
    if have.len() >= pat.len() {
        return Ok(have.starts_with(pat));
    }
    if pat.starts_with(have) {
        return Err(Stop::Partial(i));
    }
    Ok(false)
}

/// A `Partial` inside a token is the token's.
pub fn partial_from(e: Stop, i: usize) -> Stop {
    match e {
        Stop::Partial(_) => Stop::Partial(i),
        e => e,
    }
}

/// The `encoding` pseudo-attribute of an XML declaration's text.
fn decl_encoding(decl: &str) -> Option<String> {
    let at = decl.find("encoding")?;
    let rest = decl[at + 8..].trim_start().strip_prefix('=')?.trim_start();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let end = rest[1..].find(q)?;
    Some(rest[1..1 + end].to_owned())
}
